"""Overview: every priority's RAG counts for one quarter, headline figures, what changed,
and the exceptions (Red measures) with what officers say about them."""

from collections.abc import Sequence

import streamlit as st

from scorecard import qualitative
from scorecard.overview import Change, ChangeKind, Listed
from scorecard.rag import Direction, Rag
from scorecard.records import CommentaryKind
from scorecard.text import as_markdown_text
from ui import selection, state, widgets
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

st.header("Every measure, last five quarters")
# One element, built once per data version and quarter, every catalogue text escaped
# (scorecard/overview.py): a real table whose measure names are links a keyboard opens, and a
# list at phone width.
st.html(state.grid(sc, period).html)

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


def measure_links(found: Sequence[Change | Listed]) -> None:
    """Each measure, with why it is listed, as a link to its page."""
    for item in found:
        st.page_link(
            link("measure"),
            label=item.label,
            query_params={"measure": item.status.measure.id, "period": period.label},
        )


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
        measure_links(changes)


st.header(f"Watch list: {Rag.AMBER.icon} Amber and special-cause concerns")
if not view.watch_list:
    st.write("No measure is Amber or a special-cause concern this quarter.")
measure_links(view.watch_list)

st.header("Good news")
said = commentary(sc, period)
achievements = [note for note in said if note.kind is CommentaryKind.ACHIEVEMENT]
if not view.good_news and not achievements:
    st.write("No measure is Green and improving or a special-cause improvement this quarter.")
measure_links(view.good_news)
for note in achievements:
    st.markdown(f"**{as_markdown_text(note.title)}**")
    widgets.plain(note.text)

st.header(f"Exceptions: {Rag.RED.icon} Red measures")
if not view.exceptions:
    st.write("No measure is Red this quarter.")
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
