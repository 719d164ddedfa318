"""Priority: every measure of one priority as a tile, with its trend."""

import streamlit as st

from scorecard import charts, status
from ui import selection, widgets
from ui.state import scorecard

sc = scorecard()
period = selection.period(sc.quarters)
priority = selection.priority(sc.catalogue)

st.title(f"{priority.number}. {priority.title}")
st.caption(f"{priority.plain_title} · {period.long_label}")

measures = sc.catalogue.measures_of(priority.number)
for measure in measures:
    history = status.readings(sc.observations, measure.id)
    current = status.assess(measure, history, period)
    shown = [r for r in history if r.period <= period]
    tile, trend = st.columns([1, 2])
    with tile:
        widgets.measure_tile(current, period.label)
    with trend:
        widgets.chart(
            charts.trend_chart(measure, shown),
            charts.trend_summary(measure, shown),
            key=f"trend_{measure.id}",
        )
    if measure.breakdowns:
        values = status.breakdown_values(sc.observations, measure, period)
        with st.expander(f"{measure.name} by {status.breakdown_label(measure)}"):
            widgets.chart(
                charts.breakdown_chart(measure, values),
                charts.breakdown_summary(measure, values),
                key=f"breakdown_{measure.id}",
            )
