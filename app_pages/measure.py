"""Measure: one measure over every period, with its definition and notes."""

import streamlit as st

from scorecard import charts, formatting, status
from ui import selection, widgets
from ui.navigation import PAGES
from ui.state import scorecard

sc = scorecard()
period = selection.period(sc.quarters)
measure = selection.measure(sc.catalogue)
priority = sc.catalogue.priority(measure.priority)

st.title(measure.name)
st.page_link(
    PAGES["priority"],
    label=f"Priority {priority.number}: {priority.title}",
    query_params={"priority": str(priority.number), "period": period.label},
)

history = status.readings(sc.observations, measure.id)
widgets.measure_tile(status.assess(measure, history, period), period.label, on_its_own_page=True)
widgets.chart(
    charts.trend_chart(measure, history, height=360),
    charts.trend_summary(measure, history),
    key="measure_trend",
)

st.header("About this measure")
st.markdown(f"**What it counts.** {measure.definition}")
st.markdown(f"**Why it matters.** {measure.why_it_matters}")
st.markdown(f"**How it is judged.** {formatting.rule_text(measure)}")
st.markdown(f"**Source.** {measure.source}")

st.header("Every period")
st.dataframe(status.history_table(measure, history), hide_index=True)
notes = [r for r in history if r.note]
if notes:
    st.subheader("Notes")
    for reading in notes:
        st.markdown(f"**{reading.period.label}**")
        widgets.plain(reading.note or "")
