"""Trends: every measure of a priority as a small line over the last eight quarters."""

import streamlit as st

from scorecard.text import as_markdown_text
from ui import selection, state, widgets
from ui.navigation import browser_title
from ui.state import scorecard

RECENT = 8

sc = scorecard()
period = selection.period(sc.quarters)
priority = selection.priority(sc.catalogue)
browser_title(f"Trends for priority {priority.number}")

st.title(as_markdown_text(f"Trends: {priority.number}. {priority.title}"))
st.caption(
    f"The last {RECENT} quarters to {period.label}, each measure on its own scale; "
    "the dotted line is the target."
)
shown = state.trends(sc, priority.number, period, RECENT)
widgets.words_explained(sc.catalogue, *(m.name for m in sc.catalogue.measures_of(priority.number)))
widgets.chart(shown.figure, shown.summary, key="sparklines", table=shown.table, long_summary=True)
