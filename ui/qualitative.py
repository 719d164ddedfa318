"""The qualitative panel: what officers and young people say, and what is being done.

Each is one piece of HTML (scorecard/qualitative.py), every officer's word escaped, kept per
data version (ui/state.py): one element for a panel of cards, not one per card."""

from __future__ import annotations

import datetime as dt

from scorecard.records import ActionItem, Commentary
from ui import markup, state


def commentary_panel(items: list[Commentary], period_label: str) -> None:
    markup.html(state.commentary_html(tuple(items), period_label))


def action_plan(items: list[ActionItem], today: dt.date) -> None:
    """One card per action: what, who, when, status in words and shape, latest update."""
    markup.html(state.action_plan_html(tuple(items), today))
