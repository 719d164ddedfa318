"""Overview: every priority's RAG counts for one quarter, headline figures, what changed,
and the exceptions (Red measures) with what officers say about them."""

import streamlit as st

from scorecard import qualitative
from scorecard.overview import ChangeKind
from scorecard.rag import Direction, Rag
from scorecard.records import CommentaryKind
from scorecard.status import MeasureStatus
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
table = state.grid(sc, period)
st.caption(
    "Status by shape, word and colour in each quarter; the direction and variation are for "
    f"{period.label}; England is DfE's latest published figure. Open goes to the measure."
)
# Both are sent; the stylesheet shows the table on a wide screen and the list on a phone.
widgets.narrow_screen_style()


def measure_links() -> None:
    """Every measure as a link to its page, under its priority: the scorecard as a list."""
    for found in table.links:
        if found.heading is not None:
            st.markdown(f"**{found.heading}**")
        st.page_link(
            link("measure"),
            label=found.label,
            query_params={"measure": found.measure_id, "period": period.label},
        )


with st.container(key="wide_scorecard"):
    st.dataframe(
        table.styled(),
        hide_index=True,
        key="scorecard_table",
        column_config={
            "Measure": st.column_config.TextColumn(pinned=True),
            "Open": st.column_config.LinkColumn(display_text="Open", width="small"),
        },
    )
    # The table's links open with a mouse or a tap, not from the keyboard: the same links
    # for anyone who uses a keyboard or a screen reader.
    with st.expander("Every measure as a link to its page"):
        measure_links()
with st.container(key="narrow_scorecard"):
    measure_links()

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


def status_links(found: list[tuple[MeasureStatus, str]]) -> None:
    """Each measure, with why it is listed, as a link to its page."""
    for status, why in found:
        st.page_link(
            link("measure"),
            label=as_markdown_text(f"{status.measure.name}: {why}"),
            query_params={"measure": status.measure.id, "period": period.label},
        )


st.header(f"Watch list: {Rag.AMBER.icon} Amber and special-cause concerns")
if not view.watch_list:
    st.write("No measure is Amber or a special-cause concern this quarter.")
status_links(view.watch_list)

st.header("Good news")
said = commentary(sc, period)
achievements = [note for note in said if note.kind is CommentaryKind.ACHIEVEMENT]
if not view.good_news and not achievements:
    st.write("No measure is Green and improving or a special-cause improvement this quarter.")
status_links(view.good_news)
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
