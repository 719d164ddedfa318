"""The qualitative side of the scorecard: commentary, voice of the child, action plans."""

from __future__ import annotations

import datetime as dt
from html import escape

import pandas as pd

from scorecard import html_pieces as pieces
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


# -- as HTML (issue 17): one element for a panel or a plan, not one per card ----------------


def commentary_html(commentary: list[Commentary], period_label: str) -> str:
    """What officers and young people say, under each kind's heading, one card per entry:
    every title and text escaped (they are officers' words, never Markdown or HTML)."""
    if not commentary:
        return pieces.piece(f"<p>No commentary was uploaded for {escape(period_label)}.</p>")
    parts = []
    for kind, entries in by_kind(commentary):
        parts.append(f"<h3>{escape(kind.heading)}</h3>")
        parts += [
            '<div class="sc-card">'
            + pieces.paragraph(entry.title, strong=True)
            + pieces.paragraph(entry.text)
            + "</div>"
            for entry in entries
        ]
    return pieces.piece(*parts)


def overdue_text(actions: list[ActionItem], today: dt.date) -> str | None:
    """``2 actions are past their due date.``, or None when none is."""
    overdue = sum(is_overdue(a, today) for a in actions)
    if not overdue:
        return None
    return (
        "1 action is past its due date."
        if overdue == 1
        else (f"{overdue} actions are past their due date.")
    )


def action_plan_html(actions: list[ActionItem], today: dt.date, *, styled: bool = True) -> str:
    """One card per action: what, then status in words and shape, who and when, then the
    latest update; how many are overdue first. ``styled=False`` leaves out the stylesheet,
    for a plan inside another piece that carries it."""
    if not actions:
        body = "<p>No action plan has been uploaded for this priority yet.</p>"
    else:
        said = overdue_text(actions, today)
        parts = [f'<p class="sc-warning">{OVERDUE_ICON} {escape(said)}</p>'] if said else []
        for item in actions:
            lines = [action_line(item, today), item.update]
            parts.append(
                '<div class="sc-card">'
                + pieces.paragraph(item.action, strong=True)
                + "".join(pieces.paragraph(line) for line in lines if line)
                + "</div>"
            )
        body = "".join(parts)
    return pieces.piece(body) if styled else body
