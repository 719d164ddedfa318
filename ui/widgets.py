"""Small pieces of page that several views share."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from scorecard import html_tables, tiles
from scorecard.benchmarks import Comparators
from scorecard.catalogue import Catalogue, GlossaryEntry
from scorecard.rag import Rag
from scorecard.status import MeasureStatus
from scorecard.text import as_markdown_text
from ui import markup, state

# Streamlit's badge colours; the icon and the word carry the meaning as well (SPEC §5).
BADGE_COLOURS = {
    Rag.GREEN: "green",
    Rag.AMBER: "orange",
    Rag.RED: "red",
    Rag.NOT_RATED: "gray",
    Rag.NO_DATA: "gray",
}


def plain(text: str) -> None:
    """Text someone typed, shown exactly as typed (never as HTML or Markdown)."""
    st.markdown(as_markdown_text(text))


def meanings(entries: Sequence[GlossaryEntry]) -> str:
    """Glossary entries as a Markdown list; their words are the catalogue's, shown as text."""
    return "\n".join(
        f"- **{as_markdown_text(g.term)}**: {as_markdown_text(g.meaning)}" for g in entries
    )


def words_explained(catalogue: Catalogue, *texts: str) -> None:
    """The expander "What the words mean": the glossary for the words ``texts`` use (the
    page's measure names, definitions, promises), or nothing when they use none."""
    entries = catalogue.terms_in(*texts)
    if entries:
        with st.expander("What the words mean", icon=":material/menu_book:"):
            st.markdown(meanings(entries))


# Source Sans at 14 px, the tables' font, measured in Chromium (canvas measureText): 5.9 to
# 7.1 px a character for figures, words and a mixed alphabet. 7.5 px, and 32 px for the cell's
# padding and the heading's sort arrow, leave room; a very long note is cut at 600 px.
_PX_PER_CHARACTER = 7.5
_CELL_PADDING_PX = 32
_WIDEST_COLUMN_PX = 600


def column_widths(table: pd.DataFrame) -> dict[str, Any]:
    """A width for each column that fits its heading and its longest value (up to 600 px),
    so "68.9 per 10,000" or "c (suppressed)" is never cut to "68.9 per 1…"."""
    columns = {str(name): table[name].tolist() for name in table.columns}
    widths: dict[str, Any] = {}
    for name, values in columns.items():
        longest = max([len(str(name)), *(len(str(v)) for v in values if v is not None)])
        px = round(longest * _PX_PER_CHARACTER) + _CELL_PADDING_PX
        widths[str(name)] = st.column_config.Column(width=min(px, _WIDEST_COLUMN_PX))
    return widths


def demonstration_banner(catalogue: Catalogue) -> None:
    if catalogue.authority.demonstration:
        st.info(
            f"**Demonstration data.** {as_markdown_text(catalogue.authority.name)} is not a real "
            "council and "
            "every figure, quote and action here is made up.",
            icon=":material/science:",
        )


def measure_tile(
    status: MeasureStatus,
    period_label: str,
    *,
    on_its_own_page: bool = False,
    comparators: Comparators | None = None,
    glossary: Sequence[GlossaryEntry] = (),
) -> None:
    """A measure at a glance: value, n / N, target, RAG (word, shape and colour), direction;
    ``glossary``: what the words of its name mean, folded beside it. One st.html
    (scorecard/tiles.py), every text in it escaped: each element a page sends costs the
    server and the browser about as much as what is in it."""
    release = ""
    if comparators is not None:
        release = state.release_line(state.scorecard(), status.measure.id, comparators.year)
    markup.html(
        tiles.STYLE
        + tiles.tile(
            status,
            period_label,
            on_its_own_page=on_its_own_page,
            comparators=comparators,
            release=release,
            glossary=glossary,
        )
    )


# Every interactive chart: no toolbar, and as wide as its column.
_PLOTLY_CONFIG = {"displayModeBar": False, "responsive": True}


@contextmanager
def fold(label: str, key: str, on_change: Callable[[], None] | None = None) -> Iterator[bool]:
    """A fold whose contents are sent only while it is open (yields whether it is): a form's
    fields each make the browser fetch scripts before the page is drawn (benchmarks/
    browser.py), and a person opens one form at a time. ``on_change`` runs when it is opened
    or closed."""
    with st.expander(label, key=key, on_change=on_change or "rerun") as shown:
        yield bool(shown.open)


def interactive_chart(trend: state.Chart, key: str) -> None:
    """A page's interactive chart, folded until someone opens it (the link
    ``?chart=interactive``, tiles.INTERACTIVE, opens it too): drawn only once open, since a
    page with one plotly chart took the browser about twice as long to be ready as a page of
    text (benchmarks/browser.py). The picture above it shows the same trend."""
    param, value = tiles.INTERACTIVE
    opened = f"{key}_open"
    asked = st.query_params.get(param)
    if asked == value:
        st.session_state[opened] = True
    elif asked is not None:  # any other value means nothing: not kept in the address
        st.query_params.pop(param)

    def follow() -> None:  # the address says whether the chart is open, so it can be sent
        if st.session_state[opened]:
            st.query_params[param] = value
        else:
            st.query_params.pop(param, None)

    label = "Interactive chart: point at a quarter to read its figures"
    with fold(label, opened, follow) as shown:
        if shown:  # its words are under the picture already: the chart's alt text only
            st.plotly_chart(trend.figure, key=key, alt=trend.summary, config=_PLOTLY_CONFIG)


def chart(
    figure: go.Figure,
    summary: str,
    key: str,
    table_html: str | None = None,
    *,
    long_summary: bool = False,
) -> None:
    """A chart with its text alternative and, where given, the same figures as a table for
    anyone who cannot see or read the chart (HTML built by scorecard/html_tables.py, every
    text escaped; :func:`figures_style` once on the page styles it). A long summary (several
    charts in one) goes with the table, out of the way of sighted readers."""
    st.plotly_chart(figure, key=key, alt=summary, config=_PLOTLY_CONFIG)
    if not long_summary:
        st.caption(as_markdown_text(summary))
    if table_html is None:
        return
    with st.expander("Show the figures as a table, in words"):
        if long_summary:
            plain(summary)
        markup.html(table_html)


def figures_style() -> None:
    """The stylesheet of the plain tables (scorecard/html_tables.py), once for a page of them:
    style only, so Streamlit sends it outside the page's content."""
    markup.html(html_tables.STYLE)
