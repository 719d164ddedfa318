"""Priority: every measure of one priority as a tile with its trend, and the qualitative panel."""

import datetime as dt

import streamlit as st

from scorecard import status
from scorecard.overview import PriorityRow
from scorecard.text import as_markdown_text
from ui import selection, state, widgets
from ui.navigation import browser_title
from ui.qualitative import action_plan, commentary_panel
from ui.state import actions, commentary, scorecard

sc = scorecard()
period = selection.period(sc.quarters)
priority = selection.priority(sc.catalogue)
browser_title(f"Priority {priority.number}")

st.title(as_markdown_text(f"{priority.number}. {priority.title}"))
st.caption(f"{as_markdown_text(priority.plain_title)} · {period.long_label}")

views = state.priority_measures(sc, priority.number, period)
widgets.rag_counts(PriorityRow(priority, [v.status for v in views]).counts)
widgets.words_explained(
    sc.catalogue,
    priority.title,
    *(text for v in views for text in (v.status.measure.name, v.status.measure.definition)),
)

measures_tab, voices_tab, plan_tab = st.tabs(
    ["Measures", "What we are hearing", "Action plan"], key="priority_tabs"
)
with measures_tab:
    widgets.figures_style()
    for view in views:
        measure = view.status.measure
        tile, trend = st.columns([1, 2])
        with tile:
            widgets.measure_tile(
                view.status,
                period.label,
                comparators=view.comparators,
                glossary=sc.catalogue.terms_in(measure.name),
            )
        with trend:
            widgets.picture(view.trend, measure_id=measure.id, period_label=period.label)
        if view.breakdown is not None:
            label = f"{measure.name} by {status.breakdown_label(measure)}"
            with st.expander(as_markdown_text(label)):
                widgets.picture(view.breakdown)
with voices_tab:
    commentary_panel(commentary(sc, period, priority.number), period.label)
with plan_tab:
    action_plan(actions(sc, period, priority.number), dt.date.today())
