"""Present mode: the frame (no navigation, no sidebar, large type) and the slides themselves.

Every size scales with the screen, so a slide that fits a 1280×720 shared screen fits a
1920×1080 projector the same way, only larger: body text is 1.7% of the screen's width
(22 px at 1280, 33 px at 1920), or 3.1% of its height when the screen is wider than 16:9,
and the chart (a picture) is magnified with it, lettering and all (48% of the height at 16:9).
scorecard/reports/slides.py counts what fits in lines of that text. Text #0b0c0c on white
(19:1); every status is a word and a shape as well as a colour.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import streamlit as st

from scorecard import formatting, html_pieces, sparklines
from scorecard.access import LOCAL_PERSON, Person
from scorecard.catalogue import Catalogue
from scorecard.meetings import (
    Meeting,
    MeetingItem,
    is_overdue,
    item_line,
    long_date,
    reporting_quarter,
)
from scorecard.periods import Period
from scorecard.reports import slides
from scorecard.reports.content import PriorityReport
from scorecard.status import MeasureStatus
from scorecard.text import as_markdown_text
from ui import markup
from ui.widgets import BADGE_COLOURS, plain

PRESENT_KEY = "present"

# Our own stylesheet, not anyone's text: it only sizes the slide for a shared screen.
_STYLE = """
<style>
:root { --slide-type: clamp(15px, min(1.7vw, 3.1vh), 48px); }
[data-testid="stHeader"], [data-testid="stSidebar"] { display: none; }
[data-testid="stMainBlockContainer"] { padding: 0.6vh 2.5vw 0.5vh 2.5vw; max-width: 100%; }
[data-testid="stMainBlockContainer"] > div > [data-testid="stVerticalBlock"] { gap: 0.8vh; }
.st-key-present_banner [data-testid="stCaptionContainer"],
.st-key-present_banner p { font-size: calc(var(--slide-type) * 0.7); margin: 0;
  color: #383f43 !important; opacity: 1 !important; }
.st-key-present_bar p, .st-key-present_bar button p, .st-key-present_bar a span {
  font-size: calc(var(--slide-type) * 0.85); margin: 0; }
.st-key-present_bar button, .st-key-present_bar a { min-height: 0;
  padding-top: 0.2em; padding-bottom: 0.2em; }
.st-key-slide { font-size: var(--slide-type); line-height: 1.3; color: #0b0c0c; }
.st-key-slide p, .st-key-slide li { font-size: var(--slide-type); line-height: 1.3; }
.st-key-slide h1 { font-size: calc(var(--slide-type) * 1.55); padding: 0; line-height: 1.2; }
.st-key-slide h2 { font-size: calc(var(--slide-type) * 1.12); padding: 0; line-height: 1.2;
  margin: 0 0 0.15em 0; }
.st-key-slide .stMarkdownBadge { font-size: calc(var(--slide-type) * 0.9) !important;
  font-weight: 700; padding: 0 0.3em; }
.st-key-slide [data-testid="stCaptionContainer"],
.st-key-slide [data-testid="stCaptionContainer"] p { font-size: calc(var(--slide-type) * 0.85);
  color: #383f43 !important; opacity: 1 !important; }
.st-key-slide .st-key-slide_counts p { font-size: calc(var(--slide-type) * 1.1);
  font-weight: 700; }
.st-key-slide [data-testid="stVerticalBlock"] { gap: calc(var(--slide-type) * 0.45); }
/* Streamlit pulls what follows a paragraph 16 px up, into its margin; under a heading that
   hid the heading's last line (the chart's white background, or the words below on a
   phone). What follows a heading starts below it, whatever the size of the type. */
.st-key-slide [data-testid="stMarkdownContainer"]:has(h2) {
  margin-bottom: calc(var(--slide-type) * -0.45); }
.st-key-slide [class*="st-key-slide_measure_"], .st-key-slide [class*="st-key-carried_"] {
  padding: calc(var(--slide-type) * 0.35) calc(var(--slide-type) * 0.7); }
</style>
"""

_TYPE_AT_1280 = 21.76
"""--slide-type, in pixels, on a 1280×720 screen (1.7% of 1280): the type the slide chart is
drawn for, at slides.CHART_WIDTH × CHART_HEIGHT."""

# The chart is a picture drawn at its 1280×720 size (slides.CHART_WIDTH × CHART_HEIGHT, its
# lettering in pixels of that size) and shown as wide as the type makes it, lettering and all,
# but never wider than its column (on a phone it shrinks with the column); the box keeps room
# for it.
_CHART_STYLE = f"""
<style>
.st-key-slide .st-key-slide_chart_box {{
  flex: 0 0 max({slides.CHART_HEIGHT}px,
                 calc(var(--slide-type) * {slides.CHART_HEIGHT / _TYPE_AT_1280:.4f})); }}
.st-key-slide .st-key-slide_chart_box img {{ display: block; height: auto;
  width: min(100%, max({slides.CHART_WIDTH}px,
                       calc(var(--slide-type) * {slides.CHART_WIDTH / _TYPE_AT_1280:.4f}))); }}
</style>
"""


def navigation_position() -> Literal["sidebar", "hidden"]:
    """No navigation menu (and so no sidebar) while presenting: the slide fills the screen."""
    url = (st.context.url or "").rstrip("/")
    return "hidden" if url.endswith("/" + PRESENT_KEY) else "sidebar"


def frame() -> None:
    st.set_page_config(initial_sidebar_state="collapsed")
    markup.html(_STYLE + _CHART_STYLE)


def banner(person: Person, catalogue: Catalogue) -> None:
    """While presenting, the demonstration banner and who is signed in shrink to one short
    line, so the slide has the screen (signing out is on every other page)."""
    parts = []
    if catalogue.authority.demonstration:
        parts.append("**Demonstration data.** All made up")
    if person is LOCAL_PERSON:  # what current_person gives when no sign-in is configured
        parts.append("Local mode, this computer only")
    else:
        parts.append(as_markdown_text(f"Signed in as {person.name} ({person.role.value})"))
    with st.container(key="present_banner"):
        st.caption(" · ".join(parts))


def meeting_from_link(meetings: list[Meeting], default: Meeting | None) -> Meeting | None:
    asked = st.query_params.get("meeting")
    if asked is None:
        return default
    found = next((m for m in meetings if str(m.id) == asked), None)
    if found is None:
        said = f"The link asked for meeting '{asked}', which is not recorded."
        st.warning(as_markdown_text(said))
        return default
    return found


def actions_slide(slide: slides.ActionsSlide, today: dt.date, public: bool) -> None:
    st.markdown(f"# {as_markdown_text(slide.title)}")
    when = long_date(slide.meeting.held_on)
    part = f" · part {slide.part} of {slide.parts}" if slide.parts > 1 else ""
    st.caption(f"Open actions carried forward to the meeting on {when}{part}")
    carried = slide.carried
    overdue = sum(1 for i in carried if is_overdue(i, today))
    if not carried:
        st.markdown("Every action from earlier meetings is complete.")
        return
    summary = f"**{len(carried)} open action{'s' if len(carried) != 1 else ''}**"
    if overdue:
        summary += f", of which **⚠ {overdue} overdue**"
    st.markdown(summary + ".")
    if public:
        st.markdown("The actions are listed in the minutes of each meeting.")
        return
    for item in slide.shown:
        _carried_action(item, today)


def _carried_action(item: MeetingItem, today: dt.date) -> None:
    line = as_markdown_text(item_line(item, today))
    with st.container(border=True, key=f"carried_{item.id}"):
        st.markdown(
            f"**{as_markdown_text(item.text)}**  \n"
            + (f"**{line}**" if is_overdue(item, today) else line)
        )


def _heading(report: PriorityReport, period_label: str, public_note: str | None) -> None:
    theme = " · this meeting's theme" if report.is_theme else ""
    st.markdown(f"# {as_markdown_text(report.heading)}")
    st.caption(f"{as_markdown_text(report.priority.plain_title)} · {period_label}{theme}")
    if public_note:
        st.caption(f"Public session: {public_note}")


def priority_slide(
    slide: slides.PrioritySlide,
    picture: str | None,
    period: Period,
    public_note: str | None,
) -> None:
    """The slide of ``period``'s figures: ``picture`` is its chart (slides.slide_chart);
    ``public_note`` says what is hidden, for a public session, or is None for the panel."""
    report = slide.report
    _heading(report, period.long_label, public_note)
    with st.container(key="slide_counts"):
        st.markdown(slides.rated_summary(report))
    left, right = st.columns([1, 1], gap="large")
    with left:
        heading = "On target" if slide.all_on_target else "Measures that need attention"
        st.markdown(f"## {heading}")
        if not slide.measures:
            st.markdown("No measure in this priority is rated this quarter.")
        for status in slide.measures:
            _measure_card(status, public_note is not None, period)
    with right:
        if picture is not None and slide.chart is not None:
            st.markdown(f"## {as_markdown_text(slide.chart.measure.name)}")
            with st.container(key="slide_chart_box"):
                # Our own markup; the chart's words, from the catalogue, escaped.
                address = sparklines.data_address(picture)
                markup.html(html_pieces.picture(address, slides.chart_summary(slide)))


def said_slide(slide: slides.SaidSlide, period_label: str, public_note: str | None) -> None:
    """What people say about the priority: achievements, the voice of children and young
    people, "You said, we did" and the key commentary, in two columns."""
    _heading(slide.report, period_label, public_note)
    part = f" · part {slide.part} of {slide.parts}" if slide.parts > 1 else ""
    with st.container(key="slide_counts"):
        st.markdown(f"In their words{part}")
    for column, items in zip(st.columns([1, 1], gap="large"), slide.columns, strict=True):
        with column:
            _said(items)


def _said(items: tuple[slides.Said, ...]) -> None:
    for item in items:
        st.markdown(f"## {as_markdown_text(item.heading)}")
        plain(item.commentary.text)


def _measure_card(status: MeasureStatus, public: bool, quarter: Period) -> None:
    """Status (word, shape, colour), name, figure (and its year, for a yearly measure's,
    which is not the quarter's), n / N, target and direction."""
    measure, reading = status.measure, status.reading
    value = formatting.value_text(measure, status.value, reading.symbol if reading else None)
    year = ""
    if reading is not None and reading.period != quarter:
        # The panel knows "2024/25 AY"; a public session's audience is told it in words.
        said = reading.period.everyday_label if public else reading.period.label
        year = f"for {as_markdown_text(said)}"
    cohort = ""
    if reading is not None and not public:
        cohort = formatting.cohort_text(reading.numerator, reading.denominator)
    target = f"target {formatting.target_text(measure)}" if measure.target is not None else ""
    change = status.vs_previous
    moved = f"{change.arrow} {change.value}" if change.arrow else ""
    real = status.variation.variation.label if status.variation else ""
    badge = f":{BADGE_COLOURS[status.rag]}-badge[{status.rag.badge}]"
    with st.container(border=True, key=f"slide_measure_{measure.id}"):
        st.markdown(
            f"{badge} **{as_markdown_text(measure.name)}**  \n"
            + " · ".join(p for p in (f"**{value}**", year, cohort, target, moved, real) if p)
        )


def period_from_link(quarters: list[Period], meeting: Meeting | None) -> Period:
    """The quarter in the link, else the one the meeting discusses, else the latest."""
    asked = st.query_params.get("period")
    by_label = {q.label: q for q in quarters}
    if asked in by_label:
        return by_label[asked]
    if asked is not None:
        st.warning(as_markdown_text(f"The link asked for quarter '{asked}', which has no figures."))
    found = reporting_quarter(meeting, quarters) if meeting else None
    return found or quarters[-1]


def where(meeting: Meeting | None, period: Period) -> str:
    if meeting is None:
        return f"Figures for {period.label}"
    held = meeting.held_on
    return f"Meeting of {held.day} {held:%B %Y} · figures for {period.label}"
