"""Overview: every priority's RAG counts for one quarter, headline figures, what changed,
and the exceptions (Red measures) with what officers say about them."""

import streamlit as st

from scorecard import qualitative
from scorecard.overview import ChangeKind
from scorecard.rag import Direction, Rag
from scorecard.text import as_markdown_text
from ui import selection, widgets
from ui.navigation import link
from ui.state import commentary, overview, scorecard

sc = scorecard()
period = selection.period(sc.quarters)
view = overview(sc, period)

st.title("Corporate Parenting Scorecard")
st.caption(f"{as_markdown_text(sc.catalogue.authority.name)} · {period.long_label}")

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
            link("priority"),
            label=as_markdown_text(f"{row.priority.number}. {row.priority.title}"),
            query_params={"priority": str(row.priority.number), "period": period.label},
        )
        widgets.rag_counts(row.counts)
with st.expander("Show the counts as a table"):
    st.dataframe(view.counts_table, hide_index=True)

st.header("What changed since last quarter")
if not view.changes:
    st.write("No measure changed its status or direction since last quarter.")
for kind in ChangeKind:
    changes = [c for c in view.changes if c.kind is kind]
    if not changes:
        continue
    heading = f"{kind.value} ({len(changes)})"
    if not kind.folded:
        st.subheader(heading)
    # What the panel saw last quarter, and turns within the normal ups and downs (noise),
    # are there but folded away.
    with st.expander(heading) if kind.folded else st.container():
        if kind is ChangeKind.ORDINARY:
            st.caption("These measures turned direction, but within their normal variation.")
        for change in changes:
            measure = change.status.measure
            st.page_link(
                link("measure"),
                label=as_markdown_text(f"{measure.name}: {change.what}"),
                query_params={"measure": measure.id, "period": period.label},
            )

st.header(f"Exceptions: {Rag.RED.icon} Red measures")
if not view.exceptions:
    st.write("No measure is Red this quarter.")
said = commentary(sc, period)
for status in view.exceptions:
    tile, why = st.columns([1, 2])
    with tile:
        widgets.measure_tile(status, period.label)
    with why:
        notes = qualitative.about(status.measure, said)
        if not notes:
            st.write("No commentary explains this measure yet.")
        for note in notes:
            st.markdown(f"**{note.kind.heading}**")
            widgets.plain(note.text)
