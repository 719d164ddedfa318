"""HTML a page sends (st.html) read back as a browser would: its elements and their
attributes, the text of each table row's cells, and its links. Parsed with the standard
library's parser, independent of the code under test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from streamlit.testing.v1 import AppTest

# What our HTML is built from: the Overview's grid, the tables of figures, the measure tiles
# (scorecard/tiles.py) and the read-only sections (scorecard/html_pieces.py). Anything else (a
# script, a frame, an event handler, an image from anywhere but our own drawing) in a page's
# HTML came from someone's text.
OWN_TAGS = {"style", "a", "div", "span", "table", "caption", "thead", "tbody", "tr", "th", "td"}
OWN_TAGS |= {"h2", "h3", "ul", "li", "p", "br", "details", "summary", "dl", "dt", "dd", "img"}
OWN_TAGS |= {"strong"}
OWN_ATTRIBUTES = {"class", "href", "role", "tabindex", "aria-labelledby", "id", "scope"}
OWN_ATTRIBUTES |= {"colspan", "src", "alt"}
# The app's own pages a link may open, relative to where the app is served.
OWN_LINKS = ("measure?", "benchmarks?", "priority?", "#")
# Our pictures: an SVG drawn on the server, as a data: address (scorecard/sparklines.py).
OWN_PICTURE = "data:image/svg+xml;base64,"
# Elements that start a new line of text as a reader sees it.
_LINE_TAGS = {"p", "br", "h2", "h3", "li", "dt", "dd", "summary", "div", "tr", "caption"}
_LINE_TAGS |= {"details", "table", "dl", "ul"}
_VOID_TAGS = {"br", "img"}
# Where a block of text (a paragraph, list item, term or definition) begins and ends.
BLOCKS = {"p", "li", "dt", "dd"}


@dataclass
class Element:
    tag: str
    attributes: dict[str, str | None]


class Reading(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.rows: list[list[str]] = []  # each <tr>'s cells, as read
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.text: list[str] = []  # every piece of text outside the stylesheet
        self.captions: list[str] = []  # each table's caption, as read
        self.summaries: list[str] = []  # each <details>'s <summary>, as read
        self.images: list[tuple[str, str]] = []  # (src, alt)
        self.lines: list[str] = [""]  # the text as lines, a new one at each block or <br>
        self.spans: dict[str, tuple[int, int]] = {}  # an element's id: its lines, [from, to)
        self._open: list[tuple[str, str | None, int]] = []  # (tag, id, first line)
        self.folded: list[list[str]] = []  # each <details>'s lines, its summary first
        self._summary: list[str] | None = None
        self.headings: list[str] = []  # each <h3>'s text, in order
        self.blocks: list[str] = []  # each paragraph, list item, term or definition's text
        self._heading: list[str] | None = None
        self._block: list[str] | None = None
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._link: tuple[str, list[str]] | None = None
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, dict(attrs)))
        if tag in _LINE_TAGS:
            self.lines.append("")
        if tag not in _VOID_TAGS:
            self._open.append((tag, dict(attrs).get("id"), len(self.lines) - 1))
        if tag == "img":
            self.images.append((dict(attrs).get("src") or "", dict(attrs).get("alt") or ""))
        elif tag == "summary":
            self._summary = []
        elif tag == "h3":
            self._heading = []
        if tag in BLOCKS:
            self._block = []
        elif tag == "br" and self._block is not None:
            self._block.append("\n")
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []
        elif tag == "a":
            self._link = (dict(attrs).get("href") or "", [])
        elif tag == "caption":
            self._caption = []
        elif tag == "style":
            self._style = True

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            opened, id_, first = self._open.pop()
            if id_:
                self.spans[id_] = (first, len(self.lines))
            if opened == "details":
                self.folded.append(self._strip(first, len(self.lines)))
            if opened == tag:
                break
        if tag in _LINE_TAGS:
            self.lines.append("")
        if tag == "summary" and self._summary is not None:
            self.summaries.append("".join(self._summary))
            self._summary = None
        elif tag == "h3" and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None
        if tag in BLOCKS and self._block is not None:
            self.blocks.append("".join(self._block))
            self._block = None
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None
        elif tag == "a" and self._link is not None:
            self.links.append((self._link[0], "".join(self._link[1])))
            self._link = None
        elif tag == "caption" and self._caption is not None:
            self.captions.append("".join(self._caption))
            self._caption = None
        elif tag == "style":
            self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            return
        self.text.append(data)
        self.lines[-1] += data
        for found in (self._summary, self._heading, self._block):
            if found is not None:
                found.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._link is not None:
            self._link[1].append(data)
        if self._caption is not None:
            self._caption.append(data)

    def table(self, first_heading: str) -> list[dict[str, str]]:
        """The rows of the table whose heading row starts with ``first_heading``, each as
        {heading: cell}; a row with one cell (a group's heading) as {heading: its text}."""
        [headings] = [r for r in self.rows if r and r[0] == first_heading]
        found = []
        for row in self.rows[self.rows.index(headings) + 1 :]:
            found.append(dict(zip(headings, row, strict=False)))
        return found

    def lines_of(self, id_: str) -> list[str]:
        """The lines of text, as read, of the element whose id is ``id_`` (empty lines and
        the spaces around each left out)."""
        return self._strip(*self.spans[id_])

    def lines_of_details(self, summary: str) -> list[str]:
        """The lines of the one <details> whose <summary> is ``summary``, that first."""
        [found] = [lines for lines in self.folded if lines and lines[0] == summary]
        return found

    def _strip(self, first: int, last: int) -> list[str]:
        return [line.strip() for line in self.lines[first:last] if line.strip()]

    def foreign(self) -> list[str]:
        """Every element or attribute that the grid's own markup does not use, and every
        link that goes anywhere but one of the app's own pages."""
        found = [f"<{e.tag}>" for e in self.elements if e.tag not in OWN_TAGS]
        found += [
            f"<{e.tag} {name}>"
            for e in self.elements
            for name in e.attributes
            if name not in OWN_ATTRIBUTES
        ]
        found += [
            f"link to {href}"
            for e in self.elements
            if (href := e.attributes.get("href")) is not None and not href.startswith(OWN_LINKS)
        ]
        found += [
            f"picture from {src[:40]}" for src, _ in self.images if not src.startswith(OWN_PICTURE)
        ]
        return found


def read_html(body: str) -> Reading:
    reading = Reading()
    reading.feed(body)
    reading.close()
    return reading


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


MEASURE = '<div class="sc-measure">'


def _pieces(body: str) -> list[str]:
    """A piece of raw HTML as its parts: a Priority page sends all its measures as one
    st.html, each starting with MEASURE (scorecard/tiles.measure), and each is read on its
    own; any other piece whole."""
    first, *measures = body.split(MEASURE)
    return [first] * bool(first.strip() or not measures) + [MEASURE + m for m in measures]


def shown_html(app: AppTest) -> list[Reading]:
    """Every piece of raw HTML (st.html) on the page ``app`` shows, read (each measure of a
    Priority page on its own)."""
    return html_in(app._tree)


def html_in(node: Any) -> list[Reading]:
    """Every piece of raw HTML (st.html) under ``node`` (a tab, a container), read (each
    measure of a Priority page on its own)."""
    return [
        read_html(piece)
        for n in _nodes(node)
        if getattr(n, "type", "") == "html"
        for piece in _pieces(n.proto.body)
    ]


def tile_lines(app: AppTest, measure_id: str) -> list[str]:
    """The lines of the one tile of measure ``measure_id`` on the page, as a reader sees
    them (scorecard/tiles.py)."""
    found = [
        r.lines_of(f"tile_{measure_id}") for r in shown_html(app) if f"tile_{measure_id}" in r.spans
    ]
    assert len(found) == 1, f"{len(found)} tiles of {measure_id}"
    return found[0]


def tile_ids(app: AppTest) -> list[str]:
    """The measure of each tile on the page, in page order."""
    return [
        id_.removeprefix("tile_")
        for reading in shown_html(app)
        for id_ in reading.spans
        if id_.startswith("tile_")
    ]


def captioned(app: AppTest, start: str) -> Reading:
    """The one table on the page whose caption starts with ``start``."""
    [found] = [r for r in shown_html(app) if any(c.startswith(start) for c in r.captions)]
    return found


def table_with(app: AppTest, column: str) -> list[dict[str, str]]:
    """The rows, each {heading: cell}, of the one plain table on the page with a column
    headed ``column``."""
    [found] = [
        (reading, row[0]) for reading in shown_html(app) for row in reading.rows if column in row
    ]
    return found[0].table(found[1])
