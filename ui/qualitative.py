"""The qualitative panel: what officers and young people say, and what is being done."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from scorecard import qualitative
from scorecard.records import ActionItem, Commentary
from scorecard.text import as_markdown_text


def commentary_panel(items: list[Commentary], period_label: str) -> None:
    if not items:
        st.write(f"No commentary was uploaded for {period_label}.")
        return
    for kind, entries in qualitative.by_kind(items):
        st.subheader(kind.heading)
        for entry in entries:
            # One element per card, not one per line: each element a page sends costs the
            # server about as much as the markdown in it.
            with st.container(border=True):
                st.markdown(
                    f"**{as_markdown_text(entry.title)}**\n\n{as_markdown_text(entry.text)}"
                )


def action_plan(items: list[ActionItem], today: dt.date) -> None:
    """One card per action: what, who, when, status in words and shape, latest update."""
    if not items:
        st.write("No action plan has been uploaded for this priority yet.")
        return
    overdue = sum(qualitative.is_overdue(a, today) for a in items)
    if overdue:
        said = (
            "1 action is past its due date."
            if overdue == 1
            else (f"{overdue} actions are past their due date.")
        )
        st.warning(said, icon=":material/schedule:")
    for item in items:
        said = (qualitative.action_line(item, today), item.update)
        card = [f"**{as_markdown_text(item.action)}**", *(as_markdown_text(s) for s in said if s)]
        with st.container(border=True):  # one element per card, as above
            st.markdown("\n\n".join(card))
