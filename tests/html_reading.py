"""HTML a page sends (st.html) read back as a browser would: its elements and their
attributes, the text of each table row's cells, and its links. Parsed with the standard
library's parser, independent of the code under test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from streamlit.testing.v1 import AppTest

# What our HTML is built from: the Overview's grid, the tables of figures and the read-only
# sections (scorecard/html_pieces.py). Anything else (an image, a script, a frame, an event
# handler) in a page's HTML came from someone's text.
OWN_TAGS = {"style", "a", "div", "span", "table", "caption", "thead", "tbody", "tr", "th", "td"}
OWN_TAGS |= {"h3", "ul", "li", "p", "strong", "br", "details", "summary", "dl", "dt", "dd"}
OWN_ATTRIBUTES = {"class", "href", "role", "tabindex", "aria-labelledby", "id", "scope"}
OWN_ATTRIBUTES |= {"colspan"}
# The app's own pages a link of ours may open (relative, as scorecard/html_pieces.py builds).
OWN_LINKS = ("measure?", "priority?", "#")


# Where a line of text begins and ends, as a reader meets it.
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
        self.headings: list[str] = []  # each <h3>'s text, in order
        self.summaries: list[str] = []  # each folded section's <summary>, in order
        self.blocks: list[str] = []  # each paragraph, list item, term or definition's text
        self._heading: list[str] | None = None
        self._summary: list[str] | None = None
        self._block: list[str] | None = None
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
        elif tag == "h3":
            self._heading = []
        elif tag == "summary":
            self._summary = []
        if tag in BLOCKS:
            self._block = []
        elif tag == "br" and self._block is not None:
            self._block.append("\n")

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
        elif tag == "h3" and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None
        elif tag == "summary" and self._summary is not None:
            self.summaries.append("".join(self._summary))
            self._summary = None
        if tag in BLOCKS and self._block is not None:
            self.blocks.append("".join(self._block))
            self._block = None

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
        for found in (self._heading, self._summary, self._block):
            if found is not None:
                found.append(data)

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
            if (href := e.attributes.get("href")) is not None and not href.startswith(OWN_LINKS)
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


def html_in(node: Any) -> list[Reading]:
    """Every piece of raw HTML (st.html) under ``node`` (a tab, a container), read."""
    return [read_html(n.proto.body) for n in _nodes(node) if getattr(n, "type", "") == "html"]
