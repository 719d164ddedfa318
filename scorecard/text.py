"""Showing text from outside the app safely: what officers uploaded, the catalogue, the
database, a link's query string, a signed-in person's name.

Such text is shown as text: never as HTML, and never as Markdown either (a link or an image
in a note would be followed by every reader's browser, inside the council's own page).
Streamlit reads as Markdown nearly every string it shows: st.markdown and st.caption, titles
and headers, alerts and toasts, widget labels and help, metric labels, expander, tab and
page-link labels, and the cells of st.table. :func:`as_markdown_text` is the one way such
text goes into any of them. Plotly reads a subset of HTML in chart titles, legends,
annotations and hover labels (``<a href>`` is a live link there): :func:`as_chart_text` is
the one way such text goes into a figure.
"""

from __future__ import annotations

import re
import string

# Escaping every ASCII punctuation mark is what CommonMark allows, so the text reads exactly
# as typed: no link, image, emphasis, heading, list, table, HTML, LaTeX ($) or Streamlit
# directive (:red[...]) can start.
_ESCAPES = {ord(c): "\\" + c for c in string.punctuation}
# Some of Streamlit's Markdown steps work on the text after escapes are undone, so escaping
# cannot stop them; an invisible word joiner breaks the pattern each one looks for:
# - GitHub-flavoured Markdown's bare addresses (http://, https://, www., a@b.c), linked on
#   sight: the joiner goes after the scheme, "www" and "@";
# - shortcodes such as :smile: (emoji), :material_home: (an icon) and :streamlit: (an image):
#   the joiner goes after a colon that opens one;
# - Streamlit's typography (" -> " becomes an arrow, " -- " a dash, " <= " a sign): the joiner
#   goes after the first character.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www|@)")
_SHORTCODE = re.compile(r":(?=[\w+-]+:)")
_TYPOGRAPHY = re.compile(r"(?<!\S)(?=(?:<->|->|<-|--|>=|<=|~=)(?!\S))(.)")
_WORD_JOINER = "\u2060"


def as_markdown_text(text: str) -> str:
    """``text`` escaped so that Streamlit's Markdown shows it literally, line breaks kept."""
    defused = _AUTOLINK.sub(lambda m: m.group(1) + _WORD_JOINER, text)
    defused = _SHORTCODE.sub(":" + _WORD_JOINER, defused)
    defused = _TYPOGRAPHY.sub(lambda m: m.group(1) + _WORD_JOINER, defused)
    escaped = defused.translate(_ESCAPES)
    # Markdown drops a paragraph's leading spaces anyway; four of them would make a code block.
    return "  \n".join(line.lstrip(" \t") for line in escaped.splitlines())


_CHART_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}


def as_chart_text(text: str) -> str:
    """``text`` escaped so that plotly shows it literally in a title, legend, annotation or
    hover label (plotly turns these entities back into the characters)."""
    return text.translate(_CHART_ESCAPES)


# Characters no spreadsheet cell may hold (openpyxl refuses them outright); tab, line feed and
# carriage return are allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def without_control_characters(text: str) -> str:
    return _CONTROL.sub("", text)
