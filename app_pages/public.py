"""The published scorecard: for the public and young people, needing no sign-in. Small
numbers are suppressed (and anything that would reveal them), only commentary approved for
publication appears, and each priority is summed up in plain words."""

import streamlit as st

from scorecard import disclosure
from scorecard.text import as_markdown_text
from ui import markup, published, selection, widgets
from ui.state import scorecard

sc = scorecard()
period = selection.period(sc.quarters)
limit = published.threshold()
priorities = published.public_priorities(sc, period)

st.title(as_markdown_text(f"How {sc.catalogue.authority.name} looks after children in care"))
st.caption(f"Our corporate parenting scorecard for {period.long_label}")
st.markdown(
    "The council is the *corporate parent* of every child in its care. Each quarter we check "
    "how well we are doing against our promises. To protect children's privacy we do not "
    "show very small numbers."
)
st.caption(disclosure.suppression_note(limit))
widgets.words_explained(
    sc.catalogue,
    "corporate parent",
    *(p.report.heading for p in priorities),
    *(p.summary for p in priorities),
    *(s.measure.name for p in priorities for s in p.report.statuses),
    *(c.text for p in priorities for c in p.report.commentary),
)

widgets.figures_style()
for shown, figures in zip(priorities, published.figure_tables(sc, period), strict=True):
    report = shown.report
    with st.container(border=True, key=f"public_priority_{report.priority.number}"):
        # Titles and measure names are typed by people (measure names even in an upload):
        # shown as text, never as Markdown. Each run of text is one element: each element
        # costs the server and the browser.
        st.header(as_markdown_text(report.heading))
        st.markdown(
            f"**{as_markdown_text(report.priority.plain_title)}**\n\n"
            f"{as_markdown_text(shown.summary)}\n\n{report.counts_text}"
        )
        with st.expander("The figures"):
            markup.html(figures)
        for item in report.commentary:
            st.markdown(
                f"**{item.kind.heading}: {as_markdown_text(item.title)}**\n\n"
                + as_markdown_text(item.text)
            )
