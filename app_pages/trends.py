"""Trends: every measure of a priority as a small line over the last eight quarters."""

import streamlit as st

from scorecard import charts, status
from ui import selection, widgets
from ui.state import scorecard

RECENT = 8

sc = scorecard()
period = selection.period(sc.quarters)
priority = selection.priority(sc.catalogue)

st.title(f"Trends: {priority.number}. {priority.title}")
st.caption(
    f"The last {RECENT} quarters to {period.label}, each measure on its own scale; "
    "the dotted line is the target."
)
measures = sc.catalogue.measures_of(priority.number)
histories = {m.id: status.recent(sc.histories, m, period, RECENT) for m in measures}
widgets.chart(
    charts.sparklines(measures, histories),
    charts.sparklines_summary(measures, histories),
    key="sparklines",
    table=status.trend_table(measures, histories, status.quarters_to(period, RECENT)),
    long_summary=True,
)
