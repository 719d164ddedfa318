"""The Pledge: our promises to children in care and how well we are keeping each one."""

import datetime as dt

import streamlit as st

from scorecard import formatting, pledge
from scorecard.text import as_markdown_text
from ui import selection, widgets
from ui.navigation import link
from ui.qualitative import action_plan
from ui.state import actions, overview, scorecard

sc = scorecard()
period = selection.period(sc.quarters)
promises = pledge.promises(sc.catalogue, overview(sc, period).statuses, actions(sc, period))

st.title("Our Pledge to you")
st.caption(f"How well we kept our promises in {period.long_label}")
if not promises:
    st.info("This council has not added a Pledge to the scorecard yet.")
widgets.words_explained(
    sc.catalogue,
    *(p.promise.promise for p in promises),
    *(s.measure.name for p in promises for s in p.measures),
)

for item in promises:
    with st.container(border=True, key=f"promise_{item.promise.number}"):
        st.subheader(f"Promise {item.promise.number}")
        st.markdown(f"### {as_markdown_text(item.promise.promise)}")
        widgets.rag_badge(item.overall)
        st.markdown(f"**{item.headline}**")
        for status in item.measures:
            value = formatting.value_text(
                status.measure, status.value, status.reading.symbol if status.reading else None
            )
            st.page_link(
                link("measure"),
                label=as_markdown_text(
                    f"{status.measure.name}: {value}. {pledge.PLAIN_STATUS[status.rag]}."
                ),
                icon=":material/arrow_forward:",
                query_params={"measure": status.measure.id, "period": period.label},
            )
        if item.actions:
            with st.expander("What we are doing about it"):
                action_plan(item.actions, dt.date.today())
