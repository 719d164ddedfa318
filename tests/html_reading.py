"""HTML a page sends (st.html) read back as a browser would: its elements and their
attributes, the text of each table row's cells, and its links. Parsed with the standard
library's parser, independent of the code under test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from streamlit.testing.v1 import AppTest

# What the Overview's grid is built from. Anything else (an image, a script, a frame, an
# event handler) in a page's HTML came from someone's text.
OWN_TAGS = {"style", "a", "div", "span", "table", "caption", "thead", "tbody", "tr", "th", "td"}
OWN_TAGS |= {"h3", "ul", "li"}
OWN_ATTRIBUTES = {"class", "href", "role", "tabindex", "aria-labelledby", "id", "scope"}
OWN_ATTRIBUTES |= {"colspan"}


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
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._link: tuple[str, list[str]] | None = None
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, dict(attrs)))
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
            if (href := e.attributes.get("href")) is not None
            and not (href.startswith("measure?") or href.startswith("#"))
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


def shown_html(app: AppTest) -> list[Reading]:
    """Every piece of raw HTML (st.html) on the page ``app`` shows, read."""
    return [read_html(n.proto.body) for n in _nodes(app._tree) if getattr(n, "type", "") == "html"]


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
