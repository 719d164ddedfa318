"""The Commentary and Actions sheets: what the panel reads beside the numbers.

A row of the Actions sheet is a line of a priority's action plan, or, when its ``meeting``
column has a date, a resolution or action of the panel meeting recorded on that date. A
meeting's row is checked as the Meetings page checks its form
(:func:`scorecard.meetings.item_problems`), and for what only a spreadsheet gets wrong: a date
that is not one or names no recorded meeting, an unknown type, the same item twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from scorecard.catalogue import Catalogue
from scorecard.errors import PeriodError
from scorecard.formatting import short_date
from scorecard.meetings import (
    ItemField,
    Meeting,
    RecordedMeetings,
    item_problems,
    kind_problem,
)
from scorecard.periods import Period
from scorecard.records import (
    ActionItem,
    ActionStatus,
    Commentary,
    CommentaryKind,
    ItemDraft,
    ItemKind,
    UploadedMeetingItem,
    same_wording,
)
from scorecard.storage.meeting_items import RESOLUTION_STATUS
from scorecard.upload.cells import (
    is_blank,
    read_date,
    read_period,
    shown,
    text,
    whole_number,
    words,
)
from scorecard.upload.columns import Columns, Place, Report, locate
from scorecard.upload.issues import (
    ACTION,
    ACTIONS_COLUMNS,
    ACTIONS_REQUIRED,
    COMMENTARY_COLUMNS,
    COMMENTARY_REQUIRED,
    DUE,
    ITEM_TYPE,
    KIND,
    MEETING,
    OWNER,
    PERIOD,
    PRIORITY,
    STATUS,
    TEXT,
    TITLE,
    UPDATE,
)
from scorecard.upload.reader import Cell, SheetRow, UploadSheet

_KINDS = {words(k.value): k for k in CommentaryKind}
_STATUSES = {words(s.value): s for s in ActionStatus} | {"completed": ActionStatus.COMPLETE}
_TYPES = {"": ItemKind.ACTION} | {words(k.value): k for k in ItemKind}
_ONLY_FOR_ACTIONS = (OWNER, DUE, STATUS, UPDATE)
_COLUMN_OF = {
    ItemField.TEXT: ACTION,
    ItemField.OWNER: OWNER,
    ItemField.DUE: DUE,
    ItemField.UPDATE: UPDATE,
}
_NEAREST = 5  # how many recorded meeting dates a message about an unknown date lists


@dataclass(frozen=True)
class ActionsSheet:
    """What the Actions sheet holds: action-plan items and meetings' items."""

    plan: list[ActionItem] = field(default_factory=list)
    meeting_items: list[UploadedMeetingItem] = field(default_factory=list)


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
        kind = _one_of(
            columns.cell(row, KIND), _KINDS, place, KIND, "a kind of commentary", CommentaryKind
        )
        body = text(columns.cell(row, TEXT))
        if not body:
            place.block(TEXT, "", "the text is blank; write the commentary, or delete the row")
        if report.blocking_count == before and period and priority and kind:
            title = text(columns.cell(row, TITLE))
            items.append(Commentary(period, priority, kind, title, body))
    return items


def read_actions(
    sheet: UploadSheet,
    catalogue: Catalogue,
    period: Period | None,
    report: Report,
    recorded: RecordedMeetings | None = None,
) -> ActionsSheet:
    """Action-plan items, all reported for ``period`` (the sheet has no period column), and
    the items of the ``recorded`` meetings that rows with a meeting date belong to."""
    columns = locate(sheet, ACTIONS_COLUMNS, ACTIONS_REQUIRED, report)
    if columns is None:
        return ActionsSheet()
    rows = [r for r in sheet.rows if not columns.row_is_blank(r, ACTIONS_COLUMNS)]
    plan_rows = [r for r in rows if is_blank(columns.cell(r, MEETING))]
    meeting_rows = [r for r in rows if not is_blank(columns.cell(r, MEETING))]
    return ActionsSheet(
        plan=_plan_items(plan_rows, columns, catalogue, period, report),
        meeting_items=_meeting_items(
            meeting_rows, columns, catalogue, recorded or RecordedMeetings(), report
        ),
    )


# -- a priority's action plan ---------------------------------------------------------------
def _plan_items(
    rows: list[SheetRow],
    columns: Columns,
    catalogue: Catalogue,
    period: Period | None,
    report: Report,
) -> list[ActionItem]:
    sheet = columns.sheet
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
        _plan_type(columns.cell(row, ITEM_TYPE), place)
        action = text(columns.cell(row, ACTION))
        if not action:
            place.block(ACTION, "", "the action is blank; describe the action, or delete the row")
        status = _status(columns.cell(row, STATUS), place)
        due = _due(columns.cell(row, DUE), place)
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


def _plan_type(cell: Cell, place: Place) -> None:
    """A row without a meeting date is a line of an action plan: an action."""
    kind = _item_type(cell, place)
    if kind is ItemKind.RESOLUTION:
        place.block(
            MEETING,
            "",
            "a resolution belongs to a panel meeting; put the date of the meeting in the "
            "meeting column (or make the type action for a line of a priority's action plan)",
        )


# -- the resolutions and actions of panel meetings -------------------------------------------
def _meeting_items(
    rows: list[SheetRow],
    columns: Columns,
    catalogue: Catalogue,
    recorded: RecordedMeetings,
    report: Report,
) -> list[UploadedMeetingItem]:
    items = []
    first_row: dict[tuple[int, str], int] = {}  # where each item was first seen
    for row in rows:
        if report.stops_here():
            break
        place = Place(report, columns.sheet.name, row.number)
        before = report.blocking_count
        item = _meeting_item(row, columns, catalogue, recorded, place)
        if item is None or report.blocking_count != before:
            continue
        key = (item.meeting_id, same_wording(item.draft.text))
        if key in first_row:
            place.block(
                ACTION,
                item.draft.text,
                f"this {item.draft.kind.value} of the meeting on {short_date(item.held_on)} is "
                f"already in row {first_row[key]}; keep one of the two rows",
            )
            continue
        first_row[key] = row.number
        items.append(item)
    return items


def _meeting_item(
    row: SheetRow,
    columns: Columns,
    catalogue: Catalogue,
    recorded: RecordedMeetings,
    place: Place,
) -> UploadedMeetingItem | None:
    meeting = _meeting(columns.cell(row, MEETING), recorded, place)
    kind = _item_type(columns.cell(row, ITEM_TYPE), place)
    priority_cell = columns.cell(row, PRIORITY)
    if not is_blank(priority_cell):  # not needed (the meeting has a theme), but if given, right
        _priority(priority_cell, catalogue, place)
    due = _due(columns.cell(row, DUE), place)
    status = None
    if kind is ItemKind.ACTION:
        status = _status(columns.cell(row, STATUS), place)
    elif kind is ItemKind.RESOLUTION:
        _nothing_only_actions_have(row, columns, place)
    if meeting is None or kind is None:
        return None
    draft = ItemDraft(
        kind,
        text(columns.cell(row, ACTION)),
        text(columns.cell(row, OWNER)),
        due,
        status or ActionStatus.ON_TRACK,
        text(columns.cell(row, UPDATE)),
    )
    for problem in item_problems(draft, meeting):
        column = _COLUMN_OF[problem.field]
        place.block(column, text(columns.cell(row, column)), problem.message.rstrip("."))
    _same_kind_as_recorded(draft, meeting, recorded, place)
    return UploadedMeetingItem(meeting.id, meeting.held_on, draft)


def _meeting(cell: Cell, recorded: RecordedMeetings, place: Place) -> Meeting | None:
    try:
        day = read_date(cell)
    except ValueError:
        place.block(
            MEETING,
            shown(cell),
            f"'{shown(cell)}' is not a date; write the date of the panel meeting, e.g. 22/09/2026",
        )
        return None
    meeting = recorded.on(day) if day is not None else None
    if meeting is None and day is not None:
        place.block(MEETING, shown(cell), _not_recorded(day, recorded))
    return meeting


def _not_recorded(day: dt.date, recorded: RecordedMeetings) -> str:
    said = (
        f"no panel meeting is recorded on {short_date(day)}; record it on the Meetings page "
        "first, or correct the date"
    )
    dates = sorted({m.held_on for m in recorded.meetings})
    if not dates:
        return f"{said} (no meeting is recorded yet)"
    nearest = sorted(sorted(dates, key=lambda d: abs((d - day).days))[:_NEAREST])
    which = "meetings recorded" if len(dates) <= _NEAREST else "the nearest meetings recorded"
    return f"{said} ({which}: {', '.join(short_date(d) for d in nearest)})"


def _item_type(cell: Cell, place: Place) -> ItemKind | None:
    kind = _TYPES.get(words(cell))
    if kind is None:
        place.block(
            ITEM_TYPE,
            shown(cell),
            f"'{shown(cell)}' is not a type; use action or resolution (blank means action)",
        )
    return kind


def _nothing_only_actions_have(row: SheetRow, columns: Columns, place: Place) -> None:
    """Blocking, not a warning: an owner or a due date on a resolution says someone must do
    something, which is an action; saving it as a resolution would drop what was typed and
    nobody would chase it. The officer decides which it is."""
    filled = [
        c
        for c in _ONLY_FOR_ACTIONS
        if not is_blank(columns.cell(row, c))
        # The Meetings page's status of a resolution is allowed on a resolution's row.
        and not (c == STATUS and words(columns.cell(row, c)) == RESOLUTION_STATUS)
    ]
    if filled:
        place.block(
            ITEM_TYPE,
            ItemKind.RESOLUTION.value,
            f"a resolution has no {' or '.join(filled)}; if someone must do something, make "
            "the type action (so it is chased until it is complete), otherwise clear "
            f"the {' and '.join(filled)}",
        )


def _same_kind_as_recorded(
    draft: ItemDraft, meeting: Meeting, recorded: RecordedMeetings, place: Place
) -> None:
    same = recorded.item_worded(meeting.id, draft.text)
    problem = kind_problem(same.kind, draft.kind) if same is not None else None
    if same is not None and problem:
        place.block(
            ITEM_TYPE,
            draft.kind.value,
            f"the meeting on {short_date(meeting.held_on)} recorded this as "
            f"{same.kind.with_article}, and {problem[0].lower()}{problem[1:-1]}; make the "
            f"type {same.kind.value}",
        )


E = TypeVar("E", bound=StrEnum)


# -- cells both kinds of row have ----------------------------------------------------------
def _status(cell: Cell, place: Place) -> ActionStatus | None:
    return _one_of(cell, _STATUSES, place, STATUS, "an action status", ActionStatus)


def _one_of(
    cell: Cell,
    choices: Mapping[str, E],
    place: Place,
    column: str,
    what: str,
    allowed: type[E],
) -> E | None:
    """The choice the cell's words name, or None with a problem listing what is allowed."""
    found = choices.get(words(cell))
    if found is None:
        listed = ", ".join(a.value for a in allowed)
        place.block(column, shown(cell), f"'{shown(cell)}' is not {what}; use one of {listed}")
    return found


def _due(cell: Cell, place: Place) -> dt.date | None:
    try:
        return read_date(cell)
    except ValueError as problem:
        place.block(DUE, shown(cell), str(problem))
        return None


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
