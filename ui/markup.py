"""Our own HTML on the page, exactly as it was built."""

from __future__ import annotations

import streamlit as st


class _Built:
    """HTML we built (everything from outside escaped on the way, scorecard/html_pieces.py),
    handed to ``st.html`` through the display protocol it honours (``_repr_html_``).

    Given a plain string, ``st.html`` first dedents it: 1.8 ms for a Priority page's 93 KB, on
    every run of every session, about a tenth of the server's time per page view with 200
    readers (py-spy, holding the GIL), for HTML that has no indentation to remove."""

    __slots__ = ("_body",)

    def __init__(self, body: str) -> None:
        self._body = body

    def _repr_html_(self) -> str:
        return self._body


def html(body: str) -> None:
    """``st.html(body)``, without the dedenting ``st.html`` does to a string (meant for HTML
    written, indented, in a script's source)."""
    st.html(_Built(body.strip()))
