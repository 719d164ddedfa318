"""Priority: every measure of one priority as a tile with its trend, and the qualitative panel."""

import datetime as dt

import streamlit as st

from scorecard import charts, status
from scorecard.benchmarks import charts as benchmark_charts
from scorecard.overview import PriorityRow
from ui import selection, widgets
from ui.qualitative import action_plan, commentary_panel
from ui.state import actions, commentary, comparator_lines, comparators, scorecard

sc = scorecard()
period = selection.period(sc.quarters)
priority = selection.priority(sc.catalogue)

st.title(f"{priority.number}. {priority.title}")
st.caption(f"{priority.plain_title} · {period.long_label}")

measures = sc.catalogue.measures_of(priority.number)
histories = {m.id: status.readings(sc.histories, m.id) for m in measures}
statuses = [status.assess(m, histories[m.id], period) for m in measures]
widgets.rag_counts(PriorityRow(priority, statuses).counts)

measures_tab, voices_tab, plan_tab = st.tabs(
    ["Measures", "What we are hearing", "Action plan"], key="priority_tabs"
)
with measures_tab:
    for current in statuses:
        measure = current.measure
        shown = [r for r in histories[measure.id] if r.period <= period]
        tile, trend = st.columns([1, 2])
        with tile:
            widgets.measure_tile(
                current, period.label, comparators=comparators(sc, measure, period)
            )
        with trend:
            figure, summary = benchmark_charts.trend_with_comparators(
                measure, shown, comparator_lines(sc, measure)
            )
            widgets.chart(
                figure,
                summary,
                key=f"trend_{measure.id}",
                table=status.history_table(measure, shown),
            )
        if measure.breakdowns:
            values = status.breakdown_values(sc.histories, measure, period)
            with st.expander(f"{measure.name} by {status.breakdown_label(measure)}"):
                widgets.chart(
                    charts.breakdown_chart(measure, values),
                    charts.breakdown_summary(measure, values),
                    key=f"breakdown_{measure.id}",
                )
with voices_tab:
    commentary_panel(commentary(sc, period, priority.number), period.label)
with plan_tab:
    action_plan(actions(sc, period, priority.number), dt.date.today())
