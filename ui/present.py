"""Present mode: the frame (no navigation, no sidebar, large type) and the slides themselves.

Sizes are for a screen shared at 1280×720 in a video call: body text 22 px, headings 36 px,
text #0b0c0c on white (19:1), and every status is a word and a shape as well as a colour.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import plotly.graph_objects as go
import streamlit as st

from scorecard import formatting
from scorecard.meetings import (
    Meeting,
    MeetingItem,
    is_overdue,
    item_line,
    long_date,
    reporting_quarter,
)
from scorecard.periods import Period
from scorecard.records import Commentary
from scorecard.reports import slides
from scorecard.text import as_markdown_text
from ui.widgets import BADGE_COLOURS, plain

PRESENT_KEY = "present"

# Our own stylesheet, not anyone's text: it only sizes the slide for a shared screen.
_STYLE = """
<style>
[data-testid="stHeader"], [data-testid="stSidebar"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 0.75rem; padding-bottom: 1rem;
  max-width: 100%; }
.st-key-slide { font-size: 22px; line-height: 1.35; color: #0b0c0c; }
.st-key-slide p, .st-key-slide li { font-size: 22px; }
.st-key-slide h1 { font-size: 34px; padding: 0; }
.st-key-slide h2 { font-size: 24px; padding: 0.2rem 0 0 0; line-height: 1.25;
  margin-bottom: 0.5rem; }
.st-key-slide .stMarkdownBadge { font-size: 20px !important; font-weight: 700;
  padding: 0 0.4rem; }
.st-key-slide h2 + div, .st-key-slide [data-testid="stHeading"] { margin-bottom: 0.3rem; }
.st-key-slide [data-testid="stCaptionContainer"],
.st-key-slide [data-testid="stCaptionContainer"] p { font-size: 19px; color: #383f43 !important;
  opacity: 1 !important; }
.st-key-slide .st-key-slide_counts p { font-size: 24px; font-weight: 700; }
.st-key-present_bar p { font-size: 18px; margin: 0; }
.st-key-slide [data-testid="stVerticalBlockBorderWrapper"] { padding: 0.5rem 0.9rem; }
.st-key-slide [data-testid="stVerticalBlock"] { gap: 0.6rem; }
</style>
"""


def navigation_position() -> Literal["sidebar", "hidden"]:
    """No navigation menu (and so no sidebar) while presenting: the slide fills the screen."""
    url = (st.context.url or "").rstrip("/")
    return "hidden" if url.endswith("/" + PRESENT_KEY) else "sidebar"


def frame() -> None:
    st.set_page_config(initial_sidebar_state="collapsed")
    st.html(_STYLE)


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
    st.caption(f"Open actions carried forward to the meeting on {when}")
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
    for item in carried[:6]:
        _carried_action(item, today)
    if len(carried) > 6:
        st.caption(f"…and {len(carried) - 6} more on the Meetings page.")


def _carried_action(item: MeetingItem, today: dt.date) -> None:
    line = as_markdown_text(item_line(item, today))
    with st.container(border=True, key=f"carried_{item.id}"):
        st.markdown(
            f"**{as_markdown_text(item.text)}**  \n"
            + (f"**{line}**" if is_overdue(item, today) else line)
        )


def priority_slide(
    slide: slides.PrioritySlide,
    figure: go.Figure | None,
    period_label: str,
    public_note: str | None,
) -> None:
    """``figure`` is the slide's chart (slides.slide_chart); ``public_note`` says what is
    hidden, for a public session, or is None for the panel."""
    report = slide.report
    public = public_note is not None
    theme = " · this meeting's theme" if report.is_theme else ""
    st.markdown(f"# {as_markdown_text(report.heading)}")
    st.caption(f"{as_markdown_text(report.priority.plain_title)} · {period_label}{theme}")
    if public_note:
        st.caption(f"Public session: {public_note}")
    with st.container(key="slide_counts"):
        st.markdown(slides.rated_summary(report))
    left, right = st.columns([1, 1], gap="large")
    with left:
        heading = "On target" if slide.all_on_target else "Measures that need attention"
        st.markdown(f"## {heading}")
        if not slide.measures:
            st.markdown("No measure in this priority is rated this quarter.")
        for status in slide.measures:
            _measure_card(status, public)
        _said(report.key_commentary())
    with right:
        if figure is not None and slide.chart is not None:
            st.markdown(f"## {as_markdown_text(slide.chart.measure.name)}")
            st.plotly_chart(
                figure,
                key="slide_chart",
                alt=slides.chart_summary(slide),
                config={"displayModeBar": False, "staticPlot": True},
            )
        _said(report.you_said_we_did())


def _said(items: list[Commentary]) -> None:
    for item in items:
        st.markdown(f"## {as_markdown_text(item.kind.heading)}")
        plain(item.text)


def _measure_card(status: slides.MeasureStatus, public: bool) -> None:
    """Status (word, shape, colour), name, figure, n / N, target and direction."""
    measure, reading = status.measure, status.reading
    value = formatting.value_text(measure, status.value, reading.symbol if reading else None)
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
            + " · ".join(p for p in (f"**{value}**", cohort, target, moved, real) if p)
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
