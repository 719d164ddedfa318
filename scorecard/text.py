"""Showing text that people typed, safely.

Commentary, notes and action updates come from officers' spreadsheets. They are shown as
text: never as HTML, and never as Markdown either (a link or an image in a note would be
followed by every reader's browser). Escaping every ASCII punctuation mark is what CommonMark
allows, so the text reads exactly as typed.
"""

from __future__ import annotations

import re
import string

_ESCAPES = {ord(c): "\\" + c for c in string.punctuation}
# GitHub-flavoured Markdown turns bare addresses into links even when their punctuation is
# escaped; an invisible word joiner after the scheme, "www" or "@" stops it.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www|@)")
_WORD_JOINER = "\u2060"


def as_markdown_text(text: str) -> str:
    """``text`` escaped so that a Markdown renderer shows it literally, line breaks kept."""
    defused = _AUTOLINK.sub(lambda m: m.group(1) + _WORD_JOINER, text)
    escaped = defused.translate(_ESCAPES)
    return "  \n".join(line for line in escaped.splitlines())


# Characters no spreadsheet cell may hold (openpyxl refuses them outright); tab, line feed and
# carriage return are allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def without_control_characters(text: str) -> str:
    return _CONTROL.sub("", text)
