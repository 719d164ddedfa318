"""The static charts (scorecard/sparklines.py) a page shows, as a reader gets them: the words
in the picture, in reading order, and its text alternative."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.html_reading import read_html

SVG = "{http://www.w3.org/2000/svg}"
PREFIX = "data:image/svg+xml;base64,"


@dataclass(frozen=True)
class Picture:
    svg: str  # the document as the browser receives it
    lines: list[str]  # each <text> element's words, as shown
    alt: str


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def _picture(url: str, alt: str) -> Picture:
    assert url.startswith(PREFIX), url[:80]
    svg = base64.b64decode(url[len(PREFIX) :]).decode("utf-8")
    root = ET.fromstring(svg)  # well-formed XML, or this raises
    lines = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    return Picture(svg, lines, alt)


def pictures(app: AppTest) -> list[Picture]:
    """Every picture on the page: st.image's, and each <img> in its raw HTML (st.html; a
    Priority page's tiles, scorecard/tiles.py), in page order."""
    found = []
    for node in _nodes(app._tree):
        kind = getattr(node, "type", None)
        if kind == "image":
            found += [_picture(image.url, image.alt) for image in node.proto.imgs]
        elif kind == "html":
            found += [_picture(src, alt) for src, alt in read_html(node.proto.body).images]
    return found
