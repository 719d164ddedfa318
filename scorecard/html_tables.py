"""A table of figures as plain HTML, every text escaped: what a Priority tile's "Show the
figures as a table, in words" holds.

An interactive grid (st.dataframe) is a canvas the browser builds even while its expander is
folded: a Priority page's dozen of them were a large part of its time in the browser
(benchmarks/browser.py). A <table> costs the browser next to nothing, a screen reader reads
it by its headings, and it scrolls sideways in its own box on a phone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

import pandas as pd

# Our own stylesheet, sent once per page. Colours as the Overview's grid (scorecard/overview.py);
# the box scrolls sideways on a phone and takes the keyboard's focus (tabindex) so that a
# keyboard can scroll it too.
STYLE = (
    "<style>"
    ".sc-figures{overflow-x:auto;max-width:100%;border:1px solid #b1b4b6;border-radius:.5rem;"
    "container-type:inline-size}"
    ".sc-figures:focus-visible{outline:3px solid #0b0c0c;outline-offset:2px}"
    ".sc-figures table{border-collapse:collapse;width:100%;font-size:.875rem;line-height:1.35;"
    "margin:0;border:0}"
    ".sc-figures caption{caption-side:top;text-align:left;color:#505a5f;padding:.5rem 0}"
    # The caption is as wide as the table: its words stay in the box as the table scrolls.
    ".sc-figures caption span{display:block;position:sticky;left:0;padding:0 .75rem;"
    "max-width:100cqw;box-sizing:border-box}"
    ".sc-figures th,.sc-figures td{padding:.3rem .6rem;border:0;border-bottom:1px solid #e5e6e7;"
    "text-align:left;vertical-align:top;white-space:nowrap;background:#fff;color:#0b0c0c}"
    ".sc-figures thead th{background:#f3f2f1;font-weight:600;border-bottom:2px solid #b1b4b6;"
    "white-space:normal}"
    ".sc-figures tbody th{font-weight:400}"
    # A note is a sentence: it wraps rather than making every row as wide as it is long.
    ".sc-figures td:last-child{white-space:normal;min-width:10rem}"
    # A table of words (the published page's) wraps every cell: on one line each, its
    # measures' names and "c (suppressed ...)" pushed it past a laptop's width.
    ".sc-figures.sc-words th,.sc-figures.sc-words td{white-space:normal}"
    ".sc-figures.sc-words tbody th{min-width:12rem}"
    ".sc-figures.sc-words td{min-width:7.5rem}"  # a phone scrolls it, a few words a line
    "</style>"
)


def figures_table(table: pd.DataFrame, caption: str, id_: str) -> str:
    """``table`` (every cell text; a missing one empty) as a <table> captioned ``caption``, its
    first column the rows' headings, in a box named by the caption; ``id_`` is unique on the
    page."""
    columns = [str(c) for c in table.columns]
    rows = ([None if pd.isna(c) else c for c in row] for row in table.itertuples(index=False))
    return rows_table(columns, rows, caption, id_)


def records_table(
    records: Sequence[Mapping[str, object]], caption: str, id_: str, *, words: bool = False
) -> str:
    """:func:`figures_table` of rows given as {heading: cell} (the first row's headings)."""
    columns = [str(c) for c in records[0]] if records else []
    rows = ([r.get(c) for c in columns] for r in records)
    return rows_table(columns, rows, caption, id_, words=words)


def rows_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    caption: str,
    id_: str,
    *,
    words: bool = False,
) -> str:
    """:func:`figures_table` of ``rows`` under the headings ``columns``; an empty cell (None)
    is shown empty. A table of ``words`` wraps every cell, not only its last."""
    name = escape(id_)
    kind = "sc-figures sc-words" if words else "sc-figures"
    parts = [
        f'<div class="{kind}" role="region" aria-labelledby="{name}" tabindex="0">',
        f'<table><caption id="{name}"><span>{escape(caption)}</span></caption>',
        "<thead><tr>",
        *(f'<th scope="col">{escape(c)}</th>' for c in columns),
        "</tr></thead><tbody>",
    ]
    for row in rows:
        first, *rest = (escape("" if cell is None else str(cell)) for cell in row)
        parts.append(
            f'<tr><th scope="row">{first}</th>' + "".join(f"<td>{c}</td>" for c in rest) + "</tr>"
        )
    parts.append("</tbody></table></div>")
    return "".join(parts)
