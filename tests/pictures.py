"""The static charts (scorecard/sparklines.py) a page shows, as a reader gets them: the words
in the picture, in reading order, and its text alternative."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from streamlit.testing.v1 import AppTest

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


def pictures(app: AppTest) -> list[Picture]:
    found = []
    for node in _nodes(app._tree):
        if getattr(node, "type", None) != "image":
            continue
        for image in node.proto.imgs:
            assert image.url.startswith(PREFIX), image.url[:80]
            svg = base64.b64decode(image.url[len(PREFIX) :]).decode("utf-8")
            root = ET.fromstring(svg)  # well-formed XML, or this raises
            lines = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
            found.append(Picture(svg, lines, image.alt))
    return found
