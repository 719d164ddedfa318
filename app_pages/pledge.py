"""The Pledge: our promises to children in care and how well we are keeping each one."""

import datetime as dt

import streamlit as st

from scorecard import pledge
from ui import markup, selection, widgets
from ui.state import actions, overview, pledge_html, scorecard

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
# Every promise, its measures (links to their pages) and what is being done (folded), as one
# element built once per data version, every text escaped (scorecard/pledge.py).
if promises:
    markup.html(pledge_html(sc, period, dt.date.today()))
