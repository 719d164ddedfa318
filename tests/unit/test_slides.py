"""What goes on which slide: a priority's commentary after its figures, and whatever does not
fit a slide continues on the next one, so nothing is cut off on a shared screen.

The budgets (scorecard/reports/slides.py) are counted by hand here: a column holds 15 lines of
50 characters, a commentary heading takes 2 lines; the carried actions hold 15 lines, each
action 1 line of card, its words in lines of 104 characters and 1 line of owner and status.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest

from scorecard import sparklines
from scorecard.catalogue import Catalogue, parse_catalogue
from scorecard.meetings import ItemKind, Meeting, MeetingItem
from scorecard.periods import parse_period
from scorecard.records import ActionStatus, Commentary, CommentaryKind
from scorecard.reports import slides
from scorecard.reports.content import PriorityReport, priority_reports
from scorecard.sparklines import GRID, INK
from scorecard.status import Histories, assess, index, readings
from tests.conftest import SMALL_CATALOGUE
from tests.pictures import SVG
from tests.unit.test_reports import observations

Q2 = parse_period("2026/27 Q2")
MEETING = Meeting(
    7, dt.date(2026, 11, 24), theme_priority=None, members=12, attendees=None, notes=""
)


def catalogue() -> Catalogue:
    return parse_catalogue(dict(SMALL_CATALOGUE), "test catalogue")


HISTORIES = index(observations([("PEP", "2026/27 Q2", "All", 96.0, 48.0, 50.0)]))


def reports_with(said: list[Commentary]) -> list[PriorityReport]:
    return priority_reports(catalogue(), HISTORIES, Q2, said, [])


def report_with(said: list[Commentary]) -> PriorityReport:
    return reports_with(said)[0]


def said(kind: CommentaryKind, text: str) -> Commentary:
    return Commentary(Q2, 1, kind, kind.value, text)


def test_achievements_and_the_voice_of_children_get_a_slide_after_the_priority_figures() -> None:
    report = report_with(
        [
            said(CommentaryKind.VOICE_OF_THE_CHILD, "'They listened.' (young person, 15)"),
            said(CommentaryKind.ACHIEVEMENT, "Every PEP was on time."),
            said(CommentaryKind.NARRATIVE, "A good quarter."),
            said(CommentaryKind.YOU_SAID_WE_DID, "You said; we did."),
            said(CommentaryKind.CONCERN, "A worry about nothing the slide shows."),
        ]
    )
    [figures, words] = slides.deck([report], HISTORIES, Q2)
    assert isinstance(figures, slides.PrioritySlide) and isinstance(words, slides.SaidSlide)
    # Each piece is short: 2 + 1 lines, so all four fit one column of 15 lines. The narrative
    # is the key commentary (no measure is Red or Amber); the other concern is not shown.
    shown = [piece.heading for column in words.columns for piece in column]
    assert shown == [
        "What the numbers tell us",
        "You said, we did",
        "Achievements",
        "Voice of children and young people",
    ]
    assert (words.part, words.parts) == (1, 1)


def test_a_priority_with_nothing_said_has_no_slide_of_commentary() -> None:
    assert slides.said_slides(report_with([])) == []


def test_a_voice_too_long_for_one_slide_continues_on_the_next_with_every_word_kept() -> None:
    # 20 sentences of 99 characters: 2 lines each. A column has room for 13 lines under the
    # heading: 6 sentences (599 characters, 12 lines); 7 would take 14. So pieces of 6, 6, 6
    # and 2 sentences, one to a column (14 lines, then 2 + 4 = 6), two columns to a slide.
    sentences = [f"{i:02d}" + "x" * 96 + "." for i in range(20)]
    text = " ".join(sentences)
    words = slides.said_slides(report_with([said(CommentaryKind.VOICE_OF_THE_CHILD, text)]))
    assert [(s.part, s.parts) for s in words] == [(1, 2), (2, 2)]
    pieces = [piece for slide in words for column in slide.columns for piece in column]
    assert [len(p.commentary.text) for p in pieces] == [599, 599, 599, 199]
    assert [p.heading for p in pieces] == ["Voice of children and young people"] + [
        "Voice of children and young people (continued)"
    ] * 3
    assert " ".join(p.commentary.text for p in pieces) == text


def test_a_sentence_longer_than_a_column_is_cut_between_words() -> None:
    # 400 words of "abcd" (5 characters with the space): 13 lines hold 130 of them (649
    # characters); the rest go on.
    text = " ".join(["abcd"] * 400)
    words = slides.said_slides(report_with([said(CommentaryKind.ACHIEVEMENT, text)]))
    pieces = [
        piece.commentary.text for slide in words for column in slide.columns for piece in column
    ]
    assert [len(p.split()) for p in pieces] == [130, 130, 130, 10]
    assert " ".join(pieces) == text


def action(number: int) -> MeetingItem:
    return MeetingItem(
        number, 3, ItemKind.ACTION, f"Chase {number}", "Clerk", None, ActionStatus.AT_RISK, ""
    )


def test_carried_actions_that_fill_a_slide_continue_on_the_next_counted_in_full_on_each() -> None:
    # Each short action takes 1 + 1 + 1 = 3 lines: five fill 15 lines, the sixth goes on.
    carried = [action(n) for n in range(1, 8)]
    shown = slides.actions_slides(MEETING, carried)
    assert [[i.text for i in s.shown] for s in shown] == [
        ["Chase 1", "Chase 2", "Chase 3", "Chase 4", "Chase 5"],
        ["Chase 6", "Chase 7"],
    ]
    assert [(s.part, s.parts, len(s.carried)) for s in shown] == [(1, 2, 7), (2, 2, 7)]


def test_a_meeting_with_no_carried_actions_still_says_so_on_one_slide() -> None:
    [only] = slides.actions_slides(MEETING, [])
    assert only.carried == [] and only.shown == ()


def test_a_public_session_counts_the_carried_actions_on_one_slide() -> None:
    carried = [action(n) for n in range(1, 8)]
    [only] = slides.deck([], HISTORIES, Q2, MEETING, carried, list_actions=False)
    assert isinstance(only, slides.ActionsSlide)
    assert len(only.carried) == 7 and only.shown == ()


def test_turning_the_public_session_on_stays_on_the_same_priority() -> None:
    # The panel sees priority 1's figures and then its words; the public, with nothing
    # approved, only its figures. From the words the public session goes to the figures.
    words = [said(CommentaryKind.ACHIEVEMENT, "Every PEP was on time.")]
    panel = slides.deck(reports_with(words), HISTORIES, Q2)
    public = slides.deck(reports_with([]), HISTORIES, Q2)
    assert [type(s).__name__ for s in panel] == ["PrioritySlide", "SaidSlide", "PrioritySlide"]
    assert [type(s).__name__ for s in public] == ["PrioritySlide", "PrioritySlide"]
    assert slides.same_place(panel[1], public) == 1
    assert slides.same_place(panel[2], public) == 2
    assert slides.same_place(public[1], panel) == 3


# Sixteen quarters of PEP (target 95%), 2022/23 Q3 to 2026/27 Q2: 40% first, then 12% and 10%
# in turn (eight 12s, seven 10s). Worked by hand: mean (40 + 96 + 70) / 16 = 12.875; moving
# ranges 28 then fourteen of 2, mean 56 / 15 = 3.7333; limits 12.875 ± 2.66 × 3.7333 =
# 2.944 to 22.806. The 40% is outside them; every later quarter is below the mean (a run).
SIXTEEN = [parse_period("2022/23 Q3")]
while len(SIXTEEN) < 16:
    SIXTEEN.append(SIXTEEN[-1].next())
SPC_VALUES = [40.0] + [12.0 if i % 2 == 0 else 10.0 for i in range(15)]
SHOWN = [p.label for p in SIXTEEN[-8:]]  # 2024/25 Q3 to 2026/27 Q2


def spc_histories(symbol_at: str | None = None) -> Histories:
    frame = observations(
        [("PEP", p.label, "All", v, None, None) for p, v in zip(SIXTEEN, SPC_VALUES, strict=True)]
    )
    if symbol_at is not None:  # as a public session sees it: a hidden quarter
        hidden = frame["period"] == symbol_at
        frame.loc[hidden, "value"] = None
        frame.loc[hidden, "symbol"] = "c"
    return index(frame)


def spc_slide(symbol_at: str | None = None) -> slides.PrioritySlide:
    histories = spc_histories(symbol_at)
    [report, *_] = priority_reports(catalogue(), histories, Q2, [], [])
    return slides.priority_slide(report, histories, Q2)


NUMBER = re.compile(r"-?[\d,]+(\.\d+)?%?")


def picture(svg: str | None) -> ET.Element:
    assert svg is not None
    return ET.fromstring(svg)


def value_at(root: ET.Element) -> Callable[[float], float]:
    """The picture's value axis as its reader sees it: each gridline's height and the value its
    label gives ("10%"), so a height on the picture reads as a value."""
    rules = [float(x.get("y1", "")) for x in root.iter(f"{SVG}line") if x.get("stroke") == GRID]
    labels = [t.text or "" for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    values = [float(x.rstrip("%").replace(",", "")) for x in labels if NUMBER.fullmatch(x)]
    (y0, v0), (y1, v1) = (rules[0], values[0]), (rules[-1], values[-1])
    return lambda y: v0 + (y - y0) * (v1 - v0) / (y1 - y0)


def words(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def limits(root: ET.Element) -> tuple[float, float, float] | None:
    """The grey band's top and bottom and its dotted average, read off the axis."""
    read = value_at(root)
    bands = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == sparklines.LIMITS]
    if not bands:
        return None
    [band] = bands
    [mean] = [x for x in root.iter(f"{SVG}line") if x.get("stroke") == sparklines.LIMITS]
    top = float(band.get("y", ""))
    bottom = top + float(band.get("height", ""))
    return read(bottom), read(top), read(float(mean.get("y1", "")))


def test_the_slide_chart_draws_the_process_limits_the_priority_page_draws() -> None:
    slide = spc_slide()
    root = picture(slides.slide_chart(slide))
    # The limits worked out by hand above, read off the slide's own axis (heights are drawn to
    # a tenth of a pixel, a few hundredths of a percentage point here).
    assert limits(root) == (
        pytest.approx(2.944, abs=0.05),
        pytest.approx(22.806, abs=0.05),
        pytest.approx(12.875, abs=0.05),
    )
    # The Priority page's trend picture (every quarter) draws the same band.
    measure, history = catalogue().measure("PEP"), readings(spc_histories(), "PEP")
    tile = sparklines.trend_svg(measure, history, analysis=assess(measure, history, Q2).variation)
    assert limits(picture(tile)) == (
        pytest.approx(2.944, abs=0.05),
        pytest.approx(22.806, abs=0.05),
        pytest.approx(12.875, abs=0.05),
    )
    # The key above the plot says what the band is (the tile has its sentence for that).
    assert words(root)[-8:-6] == ["Target 95.0% (dashed line)", "Process limits (grey band)"]
    assert "Process limits (grey band)" not in words(picture(tile))
    # And so do its words, for a screen reader.
    assert "the process limits, 2.94% to 22.8% around an average of 12.9%" in (
        slides.chart_summary(slide)
    )


def test_the_slide_chart_is_drawn_at_its_slide_size_in_lettering_for_a_shared_screen() -> None:
    root = picture(slides.slide_chart(spc_slide()))
    # 576 × 346 at 1280×720, scaled as a whole with the screen (ui/present.py): the key's
    # lettering 18 px and the axes' 17 px there, as the slide's own type is 21.76 px.
    assert (root.get("viewBox"), root.get("font-size")) == ("0 0 576 346", "18")
    assert {t.get("font-size") for t in root.iter(f"{SVG}text") if t.get("fill") == INK} == {"17"}
    # A percentage's value axis says so.
    labels = [t.text or "" for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    values = [x for x in labels if NUMBER.fullmatch(x)]
    assert values and all(x.endswith("%") for x in values)


def test_the_slide_charts_key_shapes_grow_with_its_lettering() -> None:
    # The key's words are 18 px on the slide, 13 on a tile: its diamond is 18/13 as big.
    root = picture(slides.slide_chart(spc_slide()))
    [key] = [u for u in root.iter(f"{SVG}use") if u.get("href") == "#special" and not u.get("x")]
    assert re.fullmatch(r"translate\([\d.]+ [\d.]+\) scale\(([\d.]+)\)", key.get("transform", ""))
    scale = float(re.findall(r"scale\(([\d.]+)\)", key.get("transform", ""))[0])
    assert scale == pytest.approx(18 / 13, abs=1e-3)


def test_the_slide_chart_marks_special_causes_only_on_the_quarters_it_shows() -> None:
    # The 40% of 2022/23 Q3 is a special cause, but the slide shows the last eight quarters:
    # marking it would add a ninth quarter at the chart's end, out of order.
    root = picture(slides.slide_chart(spc_slide()))
    read = value_at(root)
    figures = [(c.get("cx"), read(float(c.get("cy", "")))) for c in root.iter(f"{SVG}circle")]
    figures = figures[:-1]  # the last circle is the legend's ("Our figures")
    diamonds = [
        (u.get("x"), read(float(u.get("y", ""))))
        for u in root.iter(f"{SVG}use")
        if u.get("href") == "#special" and "%" in u.get("x", "")  # not the legend's
    ]
    # Each below the mean, the run that began in 2022/23 Q4; the ninth of sixteen is 10%.
    assert [round(v, 1) for _, v in figures] == [10.0, 12.0] * 4
    assert diamonds == [(x, pytest.approx(v, abs=0.05)) for x, v in figures]
    named = [w for w in words(root) if w in SHOWN]
    assert (named[0], named[-1]) == (SHOWN[0], SHOWN[-1])


def test_a_public_slide_with_a_hidden_quarter_draws_no_process_limits() -> None:
    # Nothing is worked out from what a public session does not show (status.variation_of).
    root = picture(slides.slide_chart(spc_slide(symbol_at="2023/24 Q2")))
    assert limits(root) is None
    assert "Target 95.0% (dashed line)" in words(root)
    assert "Process limits (grey band)" not in words(root)
    assert "process limits" not in slides.chart_summary(spc_slide(symbol_at="2023/24 Q2"))
