"""Overview: every priority's RAG counts for one quarter, headline figures, what changed."""

import streamlit as st

from scorecard import overview
from scorecard.rag import Direction, Rag
from ui import selection, widgets
from ui.navigation import PAGES
from ui.state import scorecard

sc = scorecard()
period = selection.period(sc.quarters)
view = overview.build(sc.catalogue, sc.observations, period)

st.title("Corporate Parenting Scorecard")
st.caption(f"{sc.catalogue.authority.name} · {period.long_label}")

totals = view.totals
tiles = st.columns(4)
tiles[0].metric("On or better than target", f"{totals[Rag.GREEN]} of {view.rated}")
tiles[1].metric(f"{Rag.RED.icon} Red", totals[Rag.RED])
tiles[2].metric(f"{Direction.IMPROVING.arrow} Improving", view.count_moving(Direction.IMPROVING))
tiles[3].metric(f"{Direction.WORSENING.arrow} Worsening", view.count_moving(Direction.WORSENING))

st.header("Priorities")
for row in view.rows:
    with st.container(border=True, key=f"priority_row_{row.priority.number}"):
        st.page_link(
            PAGES["priority"],
            label=f"{row.priority.number}. {row.priority.title}",
            query_params={"priority": str(row.priority.number), "period": period.label},
        )
        st.markdown(row.counts_text or "No measures")
with st.expander("Show the counts as a table"):
    st.dataframe(view.counts_table(), hide_index=True)

st.header("What changed since last quarter")
if not view.changes:
    st.write("No measure changed its status or direction since last quarter.")
for change in view.changes:
    measure = change.status.measure
    st.page_link(
        PAGES["measure"],
        label=f"{measure.name}: {change.what}",
        query_params={"measure": measure.id, "period": period.label},
    )

st.header(f"Exceptions: {Rag.RED.icon} Red measures")
if not view.exceptions:
    st.write("No measure is Red this quarter.")
for status in view.exceptions:
    widgets.measure_tile(status, period.label)
