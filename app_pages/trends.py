"""Trends: every measure of a priority as a small line over the last eight quarters."""

import streamlit as st

from scorecard import html_tables, tiles
from scorecard.text import as_markdown_text
from ui import markup, selection, state, widgets
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
# Three columns on a wide screen, one on a phone, as one piece: static pictures, the figures
# folded under them, and each measure's interactive chart on its own page.
phone = state.trends(sc, priority.number, period, RECENT, 1)
markup.html(html_tables.STYLE + tiles.STYLE + tiles.small_lines(shown, phone))
