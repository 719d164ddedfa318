"""What an upload changed in place, and undoing it when the upload is rolled back.

Figures, commentary and action plans are stored as versions: rolling an upload back only
changes its status. Two things are changed in place instead: catalogue measures (from the
Measures sheet) and the resolutions and actions of panel meetings (from the Actions sheet).
For each such row, ``upload_changes`` keeps the row as it was before the upload (None: the
upload added it) and as the upload left it.

Rolling back puts each row back as it was, newest change first, inside the roll-back's own
transaction. A row that has changed since the upload left it (by a later upload, on the
Meetings page, by loading a catalogue) is never overwritten: nothing is rolled back, and the
message says which upload to roll back first, or what changed the row.

This module sits below :mod:`scorecard.storage.store` (which calls it) and knows only tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    RowMapping,
    Table,
    delete,
    insert,
    select,
    update,
)

from scorecard.errors import ScorecardError
from scorecard.formatting import short_date
from scorecard.storage import schema as t

Row = dict[str, Any]

# The tables an upload changes in place. Each has a one-column primary key.
_TABLES: dict[str, Table] = {table.name: table for table in (t.measures, t.meeting_actions)}
# Who else changes those rows, for the message when one has changed since an upload.
_ELSEWHERE = {
    t.measures.name: "by loading a catalogue file",
    t.meeting_actions.name: "on the Meetings page",
}
_LONGEST_QUOTE = 60


class RollbackRefused(ScorecardError):
    """Undoing an upload would overwrite something changed after it; ``problems`` says what,
    one line each, with what to do."""

    def __init__(self, upload_id: int, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            f"Upload {upload_id} was not rolled back: undoing it would overwrite changes made "
            "after it. " + " ".join(problems)
        )


# -- recording --------------------------------------------------------------------------------
def snapshot(conn: Connection, table: Table, keys: Iterable[str]) -> dict[str, Row]:
    """The rows of ``table`` with these keys as they are now, as plain JSON values."""
    column = _key_column(table)
    wanted = [_typed_key(column, k) for k in keys]
    if not wanted:
        return {}
    rows = conn.execute(select(table).where(column.in_(wanted))).mappings()
    return {str(row[column.name]): _plain(row) for row in rows}


def remember(
    conn: Connection,
    upload_id: int,
    table: Table,
    before: Mapping[str, Row],
    after: Mapping[str, Row],
) -> None:
    """Keep each row the upload changed as it was ``before`` and ``after`` it; rows it
    left as they were are not kept (they need no undoing)."""
    changed = [
        {
            "upload_id": upload_id,
            "table_name": table.name,
            "row_key": key,
            "before": before.get(key),
            "after": row,
        }
        for key, row in sorted(after.items())
        if before.get(key) != row
    ]
    if changed:
        conn.execute(insert(t.upload_changes), changed)


def changed_catalogue(conn: Connection, upload_id: int) -> bool:
    """Whether the upload added or changed catalogue measures (so undoing it changes the
    catalogue too)."""
    query = select(t.upload_changes.c.id).where(
        t.upload_changes.c.upload_id == upload_id,
        t.upload_changes.c.table_name == t.measures.name,
    )
    return conn.execute(query.limit(1)).first() is not None


# -- undoing ----------------------------------------------------------------------------------
def undo(conn: Connection, upload_id: int, *, counting: str) -> list[str]:
    """Put back every row the upload changed, newest change first, and say what was put back;
    RollbackRefused (nothing changed) if any of them has changed since. ``counting`` is the
    status of uploads that still count."""
    recorded = (
        conn.execute(
            select(t.upload_changes)
            .where(t.upload_changes.c.upload_id == upload_id)
            .order_by(t.upload_changes.c.id.desc())
        )
        .mappings()
        .all()
    )
    problems = [p for change in recorded for p in _why_not(conn, change, upload_id, counting)]
    if problems:
        raise RollbackRefused(upload_id, problems)
    return [_put_back(conn, change) for change in recorded]


def _why_not(conn: Connection, change: RowMapping, upload_id: int, counting: str) -> list[str]:
    table = _TABLES[change["table_name"]]
    now = snapshot(conn, table, [change["row_key"]]).get(change["row_key"])
    if now != change["after"]:
        later = _later_uploads(conn, change, counting)
        happened = "changed" if now is not None else "removed"
        # Described only for a message: naming a meeting item reads its meeting.
        if later:
            named = _upload_list(later)
            what = _sentence(_describe(conn, change))
            return [f"{what} was {happened} by {named} since; roll back {named} first."]
        if now == change["before"]:
            return []  # changed back to what it was before the upload: nothing is lost
        what = _sentence(_describe(conn, change))
        return [
            f"{what} was {happened} {_ELSEWHERE[table.name]} since, and rolling back would "
            f"undo that change too: upload a corrected file instead of rolling upload "
            f"{upload_id} back."
        ]
    if change["before"] is None and table is t.measures:
        return _still_needed(conn, change["row_key"], upload_id, counting)
    return []


def _still_needed(conn: Connection, measure_id: str, upload_id: int, counting: str) -> list[str]:
    """Why a measure the upload added cannot be taken out again: later figures or the
    Pledge depend on it."""
    with_figures = (
        conn.execute(
            select(t.observations.c.upload_id)
            .distinct()
            .join(t.uploads, t.uploads.c.id == t.observations.c.upload_id)
            .where(
                t.observations.c.measure_id == measure_id,
                t.observations.c.upload_id != upload_id,
                t.uploads.c.status == counting,
            )
            .order_by(t.observations.c.upload_id.desc())
        )
        .scalars()
        .all()
    )
    problems = []
    if with_figures:
        named = _upload_list(with_figures)
        problems.append(
            f"{_sentence(named)} has figures for measure {measure_id}, which upload "
            f"{upload_id} added to the catalogue; roll back {named} first."
        )
    promises = conn.execute(select(t.pledge.c.number, t.pledge.c.measures)).all()
    for number, measures in promises:
        if measure_id in (measures or []):
            problems.append(
                f"Pledge promise {number} refers to measure {measure_id}, which upload "
                f"{upload_id} added; load a catalogue without that link first."
            )
    for (measures,) in conn.execute(select(t.shared_totals.c.measures)).all():
        if measure_id in (measures or []):
            problems.append(
                f"The catalogue's shared totals list measure {measure_id}, which upload "
                f"{upload_id} added; load a catalogue without it in shared_totals first."
            )
    columns = t.measures.c
    made_of = select(columns.id, columns.rate_of, columns.out_of, columns.sum_of)
    for other, rate_of, out_of, sum_of in conn.execute(made_of).all():
        if measure_id in (rate_of, out_of, *(sum_of or [])):
            problems.append(
                f"Measure {other} is made of measure {measure_id} (rate_of, out_of or sum_of), "
                f"which upload {upload_id} added; load a catalogue without that link first."
            )
    return problems


def _put_back(conn: Connection, change: RowMapping) -> str:
    table = _TABLES[change["table_name"]]
    column = _key_column(table)
    key = _typed_key(column, change["row_key"])
    what = _describe(conn, change)
    if change["before"] is None:
        if table is t.measures:
            # The measure came with this upload, so its only figures are in uploads that no
            # longer count (checked above); they cannot outlive their measure.
            conn.execute(delete(t.observations).where(t.observations.c.measure_id == key))
        conn.execute(delete(table).where(column == key))
        return f"took out {what}, which the upload had added"
    values = {k: v for k, v in _typed(table, change["before"]).items() if k != column.name}
    conn.execute(update(table).where(column == key).values(values))
    return f"put {what} back as it was before the upload"


# -- words --------------------------------------------------------------------------------
def _describe(conn: Connection, change: RowMapping) -> str:
    if change["table_name"] == t.measures.name:
        return f"measure {change['row_key']}"
    row = change["after"]
    held_on = conn.execute(
        select(t.meetings.c.held_on).where(t.meetings.c.id == row["meeting_id"])
    ).scalar_one_or_none()
    meeting = f"the panel meeting of {_day(held_on)}" if held_on else "a panel meeting"
    return f"the {row['kind']} ‘{_quote(row['text'])}’ of {meeting}"


def _later_uploads(conn: Connection, change: RowMapping, counting: str) -> list[int]:
    """Uploads after this one, still counting, that changed the same row: newest first."""
    query = (
        select(t.upload_changes.c.upload_id)
        .distinct()
        .join(t.uploads, t.uploads.c.id == t.upload_changes.c.upload_id)
        .where(
            t.upload_changes.c.table_name == change["table_name"],
            t.upload_changes.c.row_key == change["row_key"],
            t.upload_changes.c.upload_id > change["upload_id"],
            t.uploads.c.status == counting,
        )
        .order_by(t.upload_changes.c.upload_id.desc())
    )
    return list(conn.execute(query).scalars())


def _upload_list(ids: Sequence[int]) -> str:
    if len(ids) == 1:
        return f"upload {ids[0]}"
    return "uploads " + ", ".join(str(i) for i in ids[:-1]) + f" and {ids[-1]} (newest first)"


def _sentence(text: str) -> str:
    """The text with a capital first letter, the rest as it was (ids and quotes kept)."""
    return text[:1].upper() + text[1:]


def _day(day: Any) -> str:
    when = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
    return short_date(when)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LONGEST_QUOTE else text[: _LONGEST_QUOTE - 1] + "…"


# -- plumbing -----------------------------------------------------------------------------
def _key_column(table: Table) -> Column[Any]:
    (column,) = table.primary_key.columns
    return column


def _typed_key(column: Column[Any], key: str) -> Any:
    return int(key) if column.type.python_type is int else key


def _plain(row: RowMapping) -> Row:
    """A row as JSON keeps it: dates as ISO text, so a row read now compares equal to the
    same row kept earlier."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


def _typed(table: Table, row: Mapping[str, Any]) -> Row:
    """A kept row back in the column types, to be written."""
    typed = dict(row)
    for column in table.columns:
        value = typed.get(column.name)
        if isinstance(value, str) and isinstance(column.type, DateTime):
            typed[column.name] = dt.datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            typed[column.name] = dt.date.fromisoformat(value)
    return typed
