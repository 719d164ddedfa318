"""Read-only sections of a page as plain HTML, every text escaped: lists of links, status
badges, cards, folded sections and officers' words (issue 17).

Each Streamlit element a page sends costs the server the work of sending it and the browser
a React subtree (Markdown parsed in the browser); a section of a few dozen links and lines
was that many elements. Built once per data version (ui/state.py) and sent as one st.html,
the same section costs one. Nothing here is anyone's text but ours until it is escaped:
names, titles, commentary and actions come from the catalogue and from officers' uploads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from urllib.parse import urlencode

from scorecard.rag import Rag

RAG_CLASS = {rag: f"sc-{rag.name.lower().replace('_', '-')}" for rag in Rag}

# Our own stylesheet, not anyone's text; each piece carries it, so a piece reads the same
# wherever it is shown (a page of several sends a few hundred bytes more). Colours: the
# status colours are Rag.colour (4.5:1 or more against white, and against the light tints
# behind a badge here); links and focus as the Overview's grid (GOV.UK's). Sizes and
# spacing as Streamlit's own headings, metrics, bordered containers and expanders, so a
# section reads as it did when it was made of those.
STYLE = (
    "<style>"
    ".sc-piece{font-size:1rem;line-height:1.6}"
    ".sc-piece p{margin:0 0 1rem}"
    ".sc-piece h3{font-size:1.75rem;font-weight:600;line-height:1.2;letter-spacing:-.005em;"
    "margin:0;padding:.75rem 0 1rem}"
    ".sc-piece a{color:#1d70b8;text-decoration:underline}"
    ".sc-piece a:focus-visible,.sc-piece summary:focus-visible{outline:3px solid #ffdd00;"
    "background:#ffdd00;color:#0b0c0c;box-shadow:0 3px #0b0c0c;text-decoration:none}"
    # Two classes: Streamlit's own rule for a list's indent is more specific than one.
    ".sc-piece .sc-links,.sc-piece .sc-cards,.sc-piece .sc-metrics{list-style:none;"
    "margin:0 0 1rem;padding:0}"
    ".sc-links li{margin:0;padding:.3rem 0 .3rem 1.5rem;font-size:.875rem;position:relative}"
    ".sc-links li::before{content:'\\2192';position:absolute;left:.25rem;color:#505a5f}"
    ".sc-card{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:1rem;"
    "margin:0 0 1rem}"
    ".sc-card>:last-child{margin-bottom:0}"
    ".sc-cards>li{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:1rem;"
    "margin:0 0 1rem}"
    ".sc-cards>li>p{margin:0 0 .5rem}.sc-cards>li>p:last-child{margin:0}"
    ".sc-badge{display:inline-block;border-radius:.25rem;padding:0 .375rem;margin:0 .4rem .2rem 0;"
    "font-size:.875rem;font-weight:400;white-space:nowrap}"
    ".sc-badge.sc-red{background:#fdeceb}.sc-badge.sc-amber{background:#fdf1e0}"
    ".sc-badge.sc-green{background:#e6f4ec}"
    ".sc-badge.sc-not-rated,.sc-badge.sc-no-data{background:#eeeff0}"
    + "".join(f".sc-piece .{css}{{color:{r.colour}}}" for r, css in RAG_CLASS.items())
    + ".sc-details{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;margin:0 0 1rem}"
    ".sc-details>summary{cursor:pointer;padding:.75rem 1rem;font-size:.875rem;"
    "list-style-position:inside}"
    ".sc-details>summary::marker{color:#505a5f}"
    ".sc-details[open]>summary{border-bottom:1px solid rgba(49,51,63,.1)}"
    ".sc-details>.sc-folded{padding:1rem}"
    ".sc-details>.sc-folded>:last-child{margin-bottom:0}"
    ".sc-note{color:#505a5f;font-size:.875rem}"
    ".sc-warning{background:#fff8d6;color:#4d3900;border-radius:.5rem;padding:1rem;"
    "margin:0 0 1rem}"
    ".sc-metrics{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));"
    "gap:1rem}"
    ".sc-metrics dt{font-size:.875rem;margin:0}"
    ".sc-metrics dd{font-size:2.25rem;line-height:1.4;margin:0}"
    "</style>"
)


def piece(*parts: str) -> str:
    """A section's HTML with the stylesheet, in one box our stylesheet knows."""
    return "".join((STYLE, '<div class="sc-piece">', *parts, "</div>"))


def href(page: str, query: Mapping[str, str]) -> str:
    """A relative link to one of the app's pages (it opens wherever the app is served from),
    escaped for an attribute: as the Overview grid's links."""
    return escape(f"{page}?{urlencode(query)}")


def link(page: str, query: Mapping[str, str], text: str) -> str:
    return f'<a href="{href(page, query)}">{escape(text)}</a>'


def links(items: Iterable[tuple[str, Mapping[str, str], str]]) -> str:
    """A list of links, each (page, query, text): what a column of page links was."""
    return (
        '<ul class="sc-links">'
        + "".join(f"<li>{link(page, query, text)}</li>" for page, query, text in items)
        + "</ul>"
    )


def picture(address: str, words: str) -> str:
    """A picture (a data: address, sparklines.data_address) with its words for a screen
    reader. The address is our own base64, nothing to escape in it, but it goes through
    escape all the same."""
    return f'<img src="{escape(address)}" alt="{escape(words)}">'


def badge(rag: Rag, text: str | None = None) -> str:
    """A status as shape and word (``■ Red``, or ``text``) in its colour on a light tint."""
    return f'<span class="sc-badge {RAG_CLASS[rag]}">{escape(text or rag.badge)}</span>'


def counts(found: Mapping[Rag, int]) -> str:
    """``■ 1 Red ▲ 2 Amber ● 5 Green`` as badges, zeros left out: count, word and shape."""
    shown = [badge(rag, f"{rag.icon} {n} {rag.value}") for rag, n in found.items() if n]
    return " ".join(shown) or "No measures"


def text(said: str) -> str:
    """Someone's words as typed: escaped, each line kept (as Markdown's hard breaks kept
    them), leading spaces dropped."""
    return "<br>".join(escape(line.strip()) for line in said.splitlines())


def paragraph(said: str, *, strong: bool = False) -> str:
    inner = text(said)
    return f"<p><strong>{inner}</strong></p>" if strong else f"<p>{inner}</p>"


def folded(summary: str, body: str) -> str:
    """A section folded away until opened (an expander): the browser's own <details>, which
    a keyboard and a screen reader open as a button."""
    return (
        f'<details class="sc-details"><summary>{escape(summary)}</summary>'
        f'<div class="sc-folded">{body}</div></details>'
    )
