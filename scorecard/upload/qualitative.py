"""The Commentary and Actions sheets: what the panel reads beside the numbers."""

from __future__ import annotations

import datetime as dt

from scorecard.catalogue import Catalogue
from scorecard.errors import PeriodError
from scorecard.periods import Period
from scorecard.records import ActionItem, ActionStatus, Commentary, CommentaryKind
from scorecard.upload.cells import (
    is_blank,
    read_date,
    read_period,
    shown,
    text,
    whole_number,
    words,
)
from scorecard.upload.columns import Place, Report, locate
from scorecard.upload.issues import (
    ACTION,
    ACTIONS_COLUMNS,
    ACTIONS_REQUIRED,
    COMMENTARY_COLUMNS,
    COMMENTARY_REQUIRED,
    DUE,
    KIND,
    OWNER,
    PERIOD,
    PRIORITY,
    STATUS,
    TEXT,
    TITLE,
    UPDATE,
)
from scorecard.upload.reader import Cell, UploadSheet

_KINDS = {words(k.value): k for k in CommentaryKind}
_STATUSES = {words(s.value): s for s in ActionStatus} | {"completed": ActionStatus.COMPLETE}


def read_commentary(
    sheet: UploadSheet, catalogue: Catalogue, today: dt.date, report: Report
) -> list[Commentary]:
    columns = locate(sheet, COMMENTARY_COLUMNS, COMMENTARY_REQUIRED, report)
    if columns is None:
        return []
    items = []
    for row in sheet.rows:
        if report.stops_here():
            break
        if columns.row_is_blank(row, COMMENTARY_COLUMNS):
            continue
        place = Place(report, sheet.name, row.number)
        before = report.blocking_count
        period_cell = columns.cell(row, PERIOD)
        period = None
        try:
            period = read_period(period_cell, today)
        except PeriodError as problem:
            place.block(PERIOD, shown(period_cell), str(problem))
        priority = _priority(columns.cell(row, PRIORITY), catalogue, place)
        kind_cell = columns.cell(row, KIND)
        kind = _KINDS.get(words(kind_cell))
        if kind is None:
            allowed = ", ".join(k.value for k in CommentaryKind)
            place.block(
                KIND,
                shown(kind_cell),
                f"'{shown(kind_cell)}' is not a kind of commentary; use one of {allowed}",
            )
        body = text(columns.cell(row, TEXT))
        if not body:
            place.block(TEXT, "", "the text is blank; write the commentary, or delete the row")
        if report.blocking_count == before and period and priority and kind:
            title = text(columns.cell(row, TITLE))
            items.append(Commentary(period, priority, kind, title, body))
    return items


def read_actions(
    sheet: UploadSheet, catalogue: Catalogue, period: Period | None, report: Report
) -> list[ActionItem]:
    """Action-plan items, all reported for ``period`` (the sheet has no period column)."""
    columns = locate(sheet, ACTIONS_COLUMNS, ACTIONS_REQUIRED, report)
    if columns is None:
        return []
    rows = [r for r in sheet.rows if not columns.row_is_blank(r, ACTIONS_COLUMNS)]
    if rows and period is None:
        report.block(
            sheet.name,
            None,
            None,
            "",
            "the actions are reported for the latest quarter in the Data sheet, and the Data "
            "sheet has no quarter; add this quarter's figures to the Data sheet",
        )
        return []
    items = []
    for row in rows:
        if report.stops_here():
            break
        place = Place(report, sheet.name, row.number)
        before = report.blocking_count
        priority = _priority(columns.cell(row, PRIORITY), catalogue, place)
        action = text(columns.cell(row, ACTION))
        if not action:
            place.block(ACTION, "", "the action is blank; describe the action, or delete the row")
        status_cell = columns.cell(row, STATUS)
        status = _STATUSES.get(words(status_cell))
        if status is None:
            allowed = ", ".join(s.value for s in ActionStatus)
            place.block(
                STATUS,
                shown(status_cell),
                f"'{shown(status_cell)}' is not an action status; use one of {allowed}",
            )
        due_cell = columns.cell(row, DUE)
        due = None
        try:
            due = read_date(due_cell)
        except ValueError as problem:
            place.block(DUE, shown(due_cell), str(problem))
        if report.blocking_count == before and period and priority and status:
            items.append(
                ActionItem(
                    period=period,
                    priority=priority,
                    action=action,
                    owner=text(columns.cell(row, OWNER)),
                    due=due,
                    status=status,
                    update=text(columns.cell(row, UPDATE)),
                )
            )
    return items


def _priority(cell: Cell, catalogue: Catalogue, place: Place) -> int | None:
    numbers = [p.number for p in catalogue.ordered_priorities()]
    allowed = ", ".join(str(n) for n in numbers)
    if is_blank(cell):
        place.block(PRIORITY, "", f"the priority is blank; use one of {allowed}")
        return None
    number = whole_number(cell)
    if number is None:
        place.block(
            PRIORITY, shown(cell), f"'{shown(cell)}' is not a priority number; use one of {allowed}"
        )
    elif number not in numbers:
        place.block(PRIORITY, shown(cell), f"there is no priority {number}; use one of {allowed}")
    else:
        return number
    return None
