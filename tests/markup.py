"""What a Markdown string shown by Streamlit would make active: links, images, HTML, bare web
addresses, emoji and icon shortcodes, typography, directives and LaTeX. Used by the tests
that check text from outside the app is shown as typed (scorecard/text.py).

The string is parsed by markdown-it-py, a CommonMark parser independent of the escaping under
test, with GitHub's tables and strikethrough as Streamlit has them. Streamlit's further steps
are matched as its frontend does them: GitHub's bare-address links and the shortcodes are
found in the text *after* escapes are undone (so escaping alone cannot stop them), while
directives (``:red[...]``) and LaTeX (``$...$``) start only from an unescaped ``:`` or ``$``.
"""

from __future__ import annotations

import re
import string

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
# mdast-util-gfm-autolink-literal's patterns, which Streamlit runs on every text node.
_BARE_ADDRESS = re.compile(r"(?i)(https?://|www(?=\.))[-.\w]+")
_BARE_EMAIL = re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+")
# remark-emoji's :smile:, Streamlit's :material_home: icons and its :streamlit: logo image.
_SHORTCODE = re.compile(r":[\w+-]+:")
# Streamlit's typography, also on text nodes: arrows, dashes and comparison signs.
_TYPOGRAPHY = re.compile(r"(?:^|\s)(<->|->|<-|--|>=|<=|~=)(?=\s|$)")
# remark-directive's text directives; Streamlit's own badges (":red-badge[...]") are ours.
_DIRECTIVE = re.compile(r":([a-z][a-z0-9-]*)\[")
_ACTIVE_TOKENS = {
    "link_open": "link",
    "image": "image",
    "html_inline": "HTML",
    "html_block": "HTML",
}


def _unescaped(markdown: str) -> str:
    """``markdown`` with every backslash escape blanked out, so what is left can act."""
    out, i = [], 0
    while i < len(markdown):
        if markdown[i] == "\\" and i + 1 < len(markdown) and markdown[i + 1] in string.punctuation:
            out.append("  ")
            i += 2
        else:
            out.append(markdown[i])
            i += 1
    return "".join(out)


def _tokens(tokens: list[Token]) -> list[Token]:
    found = []
    for token in tokens:
        found.append(token)
        found.extend(_tokens(token.children or []))
    return found


def active_markup(markdown: str, *, own_badges: bool = True) -> list[str]:
    """Every construct in ``markdown`` that Streamlit would turn into something other than
    the characters themselves, e.g. ``["link: https://evil.example"]``; empty when none."""
    found = []
    for token in _tokens(_PARSER.parse(markdown)):
        if token.type in _ACTIVE_TOKENS:
            what = token.attrs.get("href") or token.attrs.get("src") or token.content
            found.append(f"{_ACTIVE_TOKENS[token.type]}: {what}")
        elif token.type == "text":
            for pattern, what in ((_BARE_ADDRESS, "bare address"), (_BARE_EMAIL, "e-mail")):
                found += [f"{what}: {m.group(0)}" for m in pattern.finditer(token.content)]
            found += [f"shortcode: {m.group(0)}" for m in _SHORTCODE.finditer(token.content)]
            found += [f"typography: {m.group(1)}" for m in _TYPOGRAPHY.finditer(token.content)]
    source = _unescaped(markdown)
    for m in _DIRECTIVE.finditer(source):
        if not (own_badges and m.group(1).endswith("-badge")):
            found.append(f"directive: {m.group(0)}")
    if "$" in source:
        found.append("LaTeX: $")
    return found


def shown_text(markdown: str) -> str:
    """The characters a reader sees: the text of every inline token, line breaks as newlines
    (for the round trip of typed text; the invisible word joiner is left out)."""
    parts = []
    for token in _tokens(_PARSER.parse(markdown)):
        if token.type in {"text", "code_inline"}:
            parts.append(token.content)
        elif token.type in {"softbreak", "hardbreak"} or (token.type == "paragraph_open" and parts):
            parts.append("\n")
    return "".join(parts).replace("\u2060", "")


_ESCAPE = re.compile(r"\\([" + re.escape(string.punctuation) + "])")


def read(markdown: str) -> str:
    """``markdown`` as a reader sees text escaped by scorecard/text.py: without the escaping
    backslashes and the invisible word joiners (the page's own ``**`` and ``###`` stay)."""
    return _ESCAPE.sub(r"\1", markdown).replace("\u2060", "")
