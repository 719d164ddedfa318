"""The chair's slides: open actions from earlier meetings first (when presenting a meeting),
then each priority, the meeting's theme first.

A priority's first slide carries its RAG summary, the few measures that matter (Red first,
then Amber; when none is, the ones on target) and one chart (the first of those measures).
Its next slide is what people say: the key commentary, "You said, we did", achievements and
the voice of children and young people, in two columns. Whatever does not fit a slide
continues on the next one, so nothing is cut off on a shared screen.

What fits is counted in lines of body text. Present mode scales its type with the screen
(ui/present.py), so a slide holds the same lines at 1280×720 as at 1920×1080; the budgets
below were measured in Chromium at both sizes, with room to spare.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from scorecard import charts, sparklines
from scorecard.meetings import Meeting, MeetingItem
from scorecard.periods import Period
from scorecard.rag import Rag
from scorecard.records import Commentary, CommentaryKind
from scorecard.reports.content import PriorityReport
from scorecard.status import Histories, MeasureStatus, Reading, readings
from scorecard.variation import Analysis

CHART_QUARTERS = 8

COLUMN_CHARACTERS = 50
"""Characters in a line of a half-width column (the widest letters' average, not the mean)."""
FULL_CHARACTERS = 104
"""Characters in a line across the whole slide."""
COLUMN_LINES = 15
"""Lines of body text a column holds under a slide's heading and summary."""
HEADING_LINES = 2
"""A commentary heading and the space around it, in lines of body text."""
ACTIONS_LINES = 15
"""Lines of body text the carried actions hold under their heading and count."""
CARD_LINES = 1
"""A card's border and padding, in lines of body text."""


@dataclass(frozen=True)
class ActionsSlide:
    meeting: Meeting
    carried: list[MeetingItem]
    """Every open action carried forward (the count covers them all)."""
    shown: tuple[MeetingItem, ...] = ()
    """The ones this slide lists."""
    part: int = 1
    parts: int = 1

    @property
    def title(self) -> str:
        return "Actions from earlier meetings"


@dataclass(frozen=True)
class PrioritySlide:
    report: PriorityReport
    measures: list[MeasureStatus]
    all_on_target: bool
    chart: MeasureStatus | None
    chart_history: list[Reading]

    @property
    def title(self) -> str:
        return self.report.heading


@dataclass(frozen=True)
class Said:
    """A piece of commentary on a slide: the whole of it, or what did not fit before."""

    commentary: Commentary
    continued: bool = False

    @property
    def heading(self) -> str:
        return self.commentary.kind.heading + (" (continued)" if self.continued else "")


@dataclass(frozen=True)
class SaidSlide:
    """What people say about a priority, in two columns of commentary."""

    report: PriorityReport
    columns: tuple[tuple[Said, ...], tuple[Said, ...]]
    part: int = 1
    parts: int = 1

    @property
    def title(self) -> str:
        return self.report.heading


Slide = ActionsSlide | PrioritySlide | SaidSlide

SAID_KINDS = (CommentaryKind.YOU_SAID_WE_DID, CommentaryKind.ACHIEVEMENT)
"""After the key commentary, in this order, then the voice of children and young people."""


def lines(text: str, width: int) -> int:
    """Lines ``text`` takes in a column ``width`` characters wide, each paragraph apart."""
    return sum(max(1, math.ceil(len(p) / width)) for p in text.splitlines() or [""])


def said(report: PriorityReport) -> list[Commentary]:
    """The priority's commentary for its slides: the key commentary, "You said, we did",
    achievements, then the voice of children and young people."""
    kinds = (*SAID_KINDS, CommentaryKind.VOICE_OF_THE_CHILD)
    return report.key_commentary() + [
        c for kind in kinds for c in report.commentary if c.kind is kind
    ]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def _pieces(item: Commentary, room: int) -> list[Said]:
    """``item`` cut between sentences (between words in a very long one) into pieces of at
    most ``room`` lines each; every piece after the first is marked as continued."""
    words: list[str] = []
    for sentence in _sentences(item.text):
        if lines(sentence, COLUMN_CHARACTERS) <= room:
            words.append(sentence)
        else:
            words.extend(sentence.split())
    pieces: list[str] = []
    for word in words:
        joined = f"{pieces[-1]} {word}" if pieces else word
        if pieces and lines(joined, COLUMN_CHARACTERS) <= room:
            pieces[-1] = joined
        else:
            pieces.append(word)
    return [Said(replace(item, text=piece), continued=i > 0) for i, piece in enumerate(pieces)]


def said_slides(report: PriorityReport) -> list[SaidSlide]:
    """The priority's commentary, filled into columns of :data:`COLUMN_LINES` lines, two
    columns to a slide; none when there is nothing to say."""
    columns: list[list[Said]] = []
    used = COLUMN_LINES
    for item in said(report):
        for piece in _pieces(item, COLUMN_LINES - HEADING_LINES):
            need = HEADING_LINES + lines(piece.commentary.text, COLUMN_CHARACTERS)
            if used + need > COLUMN_LINES:
                columns.append([])
                used = 0
            columns[-1].append(piece)
            used += need
    pairs = [columns[i : i + 2] for i in range(0, len(columns), 2)]
    return [
        SaidSlide(
            report,
            (tuple(pair[0]), tuple(pair[1]) if len(pair) > 1 else ()),
            part=i + 1,
            parts=len(pairs),
        )
        for i, pair in enumerate(pairs)
    ]


def _action_lines(item: MeetingItem) -> int:
    # The action's words, then its owner, due date and status on a line of their own.
    return CARD_LINES + lines(item.text, FULL_CHARACTERS) + 1


def actions_slides(meeting: Meeting, carried: list[MeetingItem]) -> list[ActionsSlide]:
    """The carried actions, as many to a slide as fit in :data:`ACTIONS_LINES` lines."""
    groups: list[list[MeetingItem]] = [[]]
    used = 0
    for item in carried:
        need = _action_lines(item)
        if groups[-1] and used + need > ACTIONS_LINES:
            groups.append([])
            used = 0
        groups[-1].append(item)
        used += need
    return [
        ActionsSlide(meeting, carried, tuple(group), part=i + 1, parts=len(groups))
        for i, group in enumerate(groups)
    ]


def priority_slide(report: PriorityReport, histories: Histories, period: Period) -> PrioritySlide:
    measures = report.key_measures()
    all_on_target = not measures
    if all_on_target:
        measures = report.on_target()
    chart = next((s for s in measures if s.value is not None), None)
    history = chart_history(histories, chart.measure.id, period) if chart else []
    return PrioritySlide(report, measures, all_on_target, chart, history)


def chart_history(histories: Histories, measure_id: str, period: Period) -> list[Reading]:
    """The last readings up to ``period``: eight quarters, or eight years of an annual measure."""
    shown = [r for r in readings(histories, measure_id) if r.period.end <= period.end]
    return shown[-CHART_QUARTERS:]


def deck(
    reports: list[PriorityReport],
    histories: Histories,
    period: Period,
    meeting: Meeting | None = None,
    carried: list[MeetingItem] | None = None,
    *,
    list_actions: bool = True,
) -> list[Slide]:
    """Every slide in order. ``reports`` come theme first (:func:`content.priority_reports`).
    Without ``list_actions`` (a public session) the carried actions are counted on one slide."""
    slides: list[Slide] = []
    if meeting is not None and list_actions:
        slides.extend(actions_slides(meeting, carried or []))
    elif meeting is not None:
        slides.append(ActionsSlide(meeting, carried or []))
    for report in reports:
        slides.append(priority_slide(report, histories, period))
        slides.extend(said_slides(report))
    return slides


def slide_number(requested: str | None, count: int) -> int:
    """The slide a link or a refresh asks for (1-based), kept within the deck; the first
    when the request is not a number."""
    try:
        number = int(requested or 1)
    except ValueError:
        number = 1
    return min(max(number, 1), max(count, 1))


def _place(slide: Slide) -> tuple[int, int]:
    """Which priority a slide is about (0 for the actions) and which of its slides it is."""
    if isinstance(slide, ActionsSlide):
        return 0, slide.part
    if isinstance(slide, PrioritySlide):
        return slide.report.priority.number, 0
    return slide.report.priority.number, slide.part


def same_place(slide: Slide, deck: list[Slide]) -> int:
    """The number (from 1) of ``slide``'s place in another deck of the same meeting: the same
    slide, else the same priority's first, else the first. A public session has fewer slides
    (only approved commentary), so turning it on must not jump to another priority."""
    priority, part = _place(slide)
    places = [_place(s) for s in deck]
    if (priority, part) in places:
        return places.index((priority, part)) + 1
    return next((i + 1 for i, p in enumerate(places) if p[0] == priority), 1)


def rated_summary(report: PriorityReport) -> str:
    """``2 of 9 measures are Red · 1 Amber · 5 Green`` in words and shapes."""
    counts = report.counts
    parts = [f"{rag.icon} {counts[rag]} {rag.value}" for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)]
    others = counts[Rag.NOT_RATED] + counts[Rag.NO_DATA]
    if others:
        parts.append(f"{Rag.NOT_RATED.icon} {others} not rated or no data")
    return " · ".join(parts)


CHART_WIDTH, CHART_HEIGHT = 576, 346
"""The slide chart's size at 1280×720, in pixels. Present mode magnifies it, lettering and
all, as the screen grows (ui/present.py), so it keeps its proportions to the slide's type."""

# Lettering for a shared screen at 1280×720 (the slide's own type there is 21.76 px): the key
# above the plot at 18 px, a line of 24 px each, the axes' labels at 17 px in the text's
# colour, a percentage's ticks with their %.
SLIDE_CHART = sparklines.Size(
    type=18,
    ticks=17,
    key_line=24,
    left=12.0,  # room for "97.5%" at 17 px left of the plot
    width=CHART_WIDTH,
    height=CHART_HEIGHT,
    percent_ticks=True,
    tick_colour=sparklines.INK,
)


def slide_chart(slide: PrioritySlide) -> str | None:
    """The slide's one chart, an SVG picture: the Priority page's trend picture, with the same
    statistical process control (the slide's status, worked out over every quarter up to the
    one presented, of what the session may show), in type big enough for a video call. Its
    key is above the plot, a line each: the target and the band. A picture, not a plotly
    chart: the slide's chart is not interactive, and plotly's script is most of the time a
    slide with a chart takes to draw (benchmarks/README.md)."""
    if slide.chart is None:
        return None
    return sparklines.trend_svg(
        slide.chart.measure,
        slide.chart_history,
        analysis=_charted_variation(slide),
        size=SLIDE_CHART,
    )


def _charted_variation(slide: PrioritySlide) -> Analysis | None:
    """The chart measure's statistical process control, worked out over every quarter, with
    only the quarters the chart shows marked."""
    analysis = slide.chart.variation if slide.chart else None
    if analysis is None:
        return None
    shown = {r.period for r in slide.chart_history}
    return replace(analysis, points=tuple(p for p in analysis.points if p.period in shown))


def chart_summary(slide: PrioritySlide) -> str:
    """The chart in words, for a screen reader: the trend, then the band and its diamonds."""
    if slide.chart is None:
        return ""
    measure, analysis = slide.chart.measure, _charted_variation(slide)
    said = f"{measure.name}: {charts.trend_summary(measure, slide.chart_history)}"
    return said if analysis is None else f"{said} {charts.variation_summary(measure, analysis)}"
