"""The qualitative side of the scorecard: commentary, voice of the child, action plans."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from scorecard.catalogue import Measure
from scorecard.formatting import short_date
from scorecard.records import ActionItem, ActionStatus, Commentary, CommentaryKind

STATUS_ICONS = {
    ActionStatus.ON_TRACK: "●",
    ActionStatus.AT_RISK: "▲",
    ActionStatus.OFF_TRACK: "■",
    ActionStatus.COMPLETE: "✓",
}
OVERDUE_ICON = "⚠"
ACTION_COLUMNS = ["Action", "Owner", "Due", "Status", "Latest update"]


def by_kind(commentary: list[Commentary]) -> list[tuple[CommentaryKind, list[Commentary]]]:
    """Commentary grouped under its heading, in the order a panel paper reads."""
    return [
        (kind, items)
        for kind in CommentaryKind
        if (items := [c for c in commentary if c.kind is kind])
    ]


def about(measure: Measure, commentary: list[Commentary]) -> list[Commentary]:
    """Commentary titled with the measure's name or id: officers' convention for "this note
    is about that measure" (the template's instructions say so)."""
    names = {measure.name.casefold(), measure.id.casefold()}
    return [c for c in commentary if c.title.strip().casefold() in names]


def status_text(status: ActionStatus, overdue: bool = False) -> str:
    """``■ Off track``. An action past its due date is not on track, whatever its last update
    said: ``⚠ Overdue (was on track)``."""
    if overdue and status is ActionStatus.ON_TRACK:
        return f"{OVERDUE_ICON} Overdue (was on track)"
    return f"{STATUS_ICONS[status]} {status.value.capitalize()}"


def is_overdue(item: ActionItem, today: dt.date) -> bool:
    return item.status is not ActionStatus.COMPLETE and item.due is not None and item.due < today


def due_text(item: ActionItem, today: dt.date) -> str:
    if item.due is None:
        return "no due date"
    overdue = " (overdue)" if is_overdue(item, today) else ""
    return f"due {short_date(item.due)}{overdue}"


def action_line(item: ActionItem, today: dt.date) -> str:
    """``■ Off track · Safe Return Team Manager · due 31 December 2026``."""
    overdue = is_overdue(item, today)
    return " · ".join([status_text(item.status, overdue), item.owner, due_text(item, today)])


def action_plan_table(actions: list[ActionItem], today: dt.date) -> pd.DataFrame:
    """The action plan as a table; overdue actions say so in words, not only by colour."""
    records = [
        {
            "Action": a.action,
            "Owner": a.owner,
            "Due": due_text(a, today),
            "Status": status_text(a.status, is_overdue(a, today)),
            "Latest update": a.update,
        }
        for a in actions
    ]
    return pd.DataFrame.from_records(records, columns=ACTION_COLUMNS)
