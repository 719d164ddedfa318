"""Trends: every measure of a priority as a small line over the last eight quarters."""

import streamlit as st

from scorecard.text import as_markdown_text
from ui import selection, state, widgets
from ui.navigation import browser_title
from ui.state import scorecard

RECENT = 8

sc = scorecard()
# Both pickers on the page, not the quarter in the sidebar: on a phone the sidebar is folded
# away behind its toggle and nobody could see which quarter the lines end at.
pick_priority, pick_quarter = st.columns([3, 2])
with pick_quarter:
    period = selection.period(sc.quarters, sidebar=False)
with pick_priority:
    priority = selection.priority(sc.catalogue)
browser_title(f"Trends for priority {priority.number}")

st.title(as_markdown_text(f"Trends: {priority.number}. {priority.title}"))
st.caption(
    f"The last {RECENT} quarters to {period.label}, each measure on its own scale; "
    "the dotted line is the target."
)
shown = state.trends(sc, priority.number, period, RECENT)
widgets.words_explained(sc.catalogue, *(m.name for m in sc.catalogue.measures_of(priority.number)))
# Three columns on a wide screen, one on a phone: both are sent and the stylesheet shows one.
# Static pictures: the figures are in the table below, and each measure's interactive chart
# is on its own page.
widgets.narrow_screen_style()
with st.container(key="wide_sparklines"):
    st.image(shown.image, alt=shown.summary, width="stretch")
with st.container(key="narrow_sparklines"):
    phone = state.trends(sc, priority.number, period, RECENT, 1)
    st.image(phone.image, alt=shown.summary, width="stretch")
widgets.figures_style()
with st.expander("Show the figures as a table, in words"):
    widgets.plain(shown.summary)
    st.html(shown.table_html)
