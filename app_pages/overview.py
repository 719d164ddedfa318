"""Overview: every priority's RAG counts for one quarter, headline figures, what changed,
and the exceptions (Red measures) with what officers say about them."""

import streamlit as st

from scorecard.rag import Rag
from scorecard.text import as_markdown_text
from ui import markup, selection, state
from ui.state import scorecard

sc = scorecard()
period = selection.period(sc.quarters)
# The read-only sections, each one element built once per data version and quarter, every
# name, title and commentary escaped (scorecard/overview.py sections): links to the measures
# and priorities are plain links, folded lists the browser's own <details>.
shown = state.overview_sections(sc, period)

st.title("Corporate Parenting Scorecard")
st.caption(f"{as_markdown_text(sc.catalogue.authority.name)} · {period.long_label}")
markup.html(shown.headline)

st.header("Every measure, last five quarters")
# One element, built once per data version and quarter, every catalogue text escaped
# (scorecard/overview.py): a real table whose measure names are links a keyboard opens, and a
# list at phone width.
markup.html(state.grid(sc, period).html)

st.header("Priorities")
markup.html(shown.priorities)

st.header("What changed since last quarter")
markup.html(shown.changes)

st.header(f"Watch list: {Rag.AMBER.icon} Amber and special-cause concerns")
markup.html(shown.watch_list)

st.header("Good news")
markup.html(shown.good_news)

st.header(f"Exceptions: {Rag.RED.icon} Red measures")
markup.html(shown.exceptions)
