"""Present: the chair's slides for a meeting, one priority at a time, the theme first, with
the actions carried forward from earlier meetings at the start. The slide number is in the
URL, so a refresh keeps the place; "Public session" applies disclosure control to all of it."""

import datetime as dt

import streamlit as st

from scorecard import disclosure
from scorecard import meetings as panel
from scorecard.reports import slides
from ui import present, published
from ui.navigation import link
from ui.state import scorecard

present.frame()
sc = scorecard()
today = dt.date.today()
recorded = published.meetings(sc)
meeting = present.meeting_from_link(recorded, panel.default_meeting(recorded, today))
period = present.period_from_link(sc.quarters, meeting)
if meeting is not None:
    st.query_params["meeting"] = str(meeting.id)
st.query_params["period"] = period.label


def keep_place() -> None:
    """A public session has fewer slides (only approved commentary): stay on the priority."""
    now = bool(st.session_state["public_session"])
    before = published.deck(sc, period, meeting, not now)
    number = slides.slide_number(st.query_params.get("slide"), len(before))
    after = published.deck(sc, period, meeting, now)
    st.query_params["slide"] = str(slides.same_place(before[number - 1], after))


bar = st.container(horizontal=True, vertical_alignment="center", key="present_bar")
back, where, ahead = bar.empty(), bar.empty(), bar.empty()
public = bar.toggle(
    "Public session",
    key="public_session",
    bind="query-params",
    on_change=keep_place,
    help="Hides small numbers (and what would reveal them) and any text not approved for "
    "publication, on every slide.",
)
leave = bar.empty()

deck = published.deck(sc, period, meeting, public)
number = slides.slide_number(st.query_params.get("slide"), len(deck))
st.query_params["slide"] = str(number)


def go_to(slide: int) -> None:
    st.query_params["slide"] = str(slide)


back.button(
    "Previous",
    key="present_previous",
    icon=":material/arrow_back:",
    on_click=go_to,
    args=(number - 1,),
    disabled=number <= 1,
    shortcut="Left",
)
where.markdown(
    f"**Slide {number} of {len(deck)}** · {present.where(meeting, period)}", width="stretch"
)
ahead.button(
    "Next",
    key="present_next",
    icon=":material/arrow_forward:",
    type="primary",
    on_click=go_to,
    args=(number + 1,),
    disabled=number >= len(deck),
    shortcut="Right",
)
leave.page_link(
    link("meetings"),
    label="Leave",
    icon=":material/close:",
    query_params={"meeting": str(meeting.id)} if meeting else None,
)

with st.container(key="slide"):
    shown = deck[number - 1]
    note = disclosure.suppression_note(published.threshold()) if public else None
    if isinstance(shown, slides.ActionsSlide):
        present.actions_slide(shown, today, public)
    elif isinstance(shown, slides.SaidSlide):
        present.said_slide(shown, period.long_label, note)
    else:
        picture = published.slide_chart(sc, period, meeting, public, number)
        present.priority_slide(shown, picture, period, note)
