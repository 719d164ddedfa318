"""How a panel meeting's resolutions and actions are stored, and saving the ones an upload
brings, inside the upload's own transaction.

An uploaded item is matched to its meeting's items by wording (case and spacing ignored,
:func:`scorecard.records.same_wording`): a match has its owner, due date, status and update
replaced (how an officer reports progress each quarter); anything else is added. The match is
made again here, in the transaction, rather than trusted from when the file was checked, so
an item recorded on the Meetings page in between is updated, not added twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select, update

from scorecard.errors import ScorecardError
from scorecard.formatting import short_date
from scorecard.records import ItemDraft, ItemKind, UploadedMeetingItem, same_wording
from scorecard.storage import changes
from scorecard.storage import schema as t

AUDIT_ACTION = "meeting action"  # the audit log's word for a change to an item
RESOLUTION_STATUS = "agreed"  # what a resolution's status column holds
# What an upload may change of an item it matches; its kind and wording stay as recorded.
UPDATED_BY_UPLOAD = ("owner", "due", "status", "update")


def item_row(draft: ItemDraft) -> dict[str, Any]:
    """The stored columns of an item; a resolution keeps no owner, due date or update."""
    action = draft.kind is ItemKind.ACTION
    return {
        "kind": draft.kind.value,
        "text": draft.text.strip(),
        "owner": draft.owner.strip() if action else "",
        "due": draft.due if action else None,
        "status": draft.status.value if action else RESOLUTION_STATUS,
        "update": draft.update.strip() if action else "",
    }


def differs(stored: Mapping[Any, Any], draft: ItemDraft) -> bool:
    """Whether saving ``draft`` over the stored item would change anything an upload may
    change (an empty text and a missing one are the same)."""
    wanted = item_row(draft)
    return any((stored[c] or None) != (wanted[c] or None) for c in UPDATED_BY_UPLOAD)


def save_uploaded(
    conn: Connection, upload_id: int, items: Sequence[UploadedMeetingItem]
) -> list[str]:
    """Update or add each item, keep what each change replaced (so a roll-back can put it
    back), and say what changed, one line each, for the audit log."""
    if not items:
        return []
    stored = _stored_items(conn, items)
    updates: dict[int, dict[str, Any]] = {}
    added: list[dict[str, Any]] = []
    for item in items:
        match = stored.get((item.meeting_id, same_wording(item.draft.text)))
        row = item_row(item.draft)
        if match is None:
            added.append({"meeting_id": item.meeting_id, **row})
        elif match["kind"] != row["kind"]:
            raise ScorecardError(
                f"Nothing was saved: ‘{match['text']}’ is recorded as a {match['kind']} "
                "since the file was checked. Check the file again."
            )
        elif differs(match, item.draft):
            updates[match["id"]] = {c: row[c] for c in UPDATED_BY_UPLOAD}
    before = changes.snapshot(conn, t.meeting_actions, [str(i) for i in updates])
    for item_id, values in updates.items():
        conn.execute(
            update(t.meeting_actions).where(t.meeting_actions.c.id == item_id).values(values)
        )
    new_ids = [
        conn.execute(
            insert(t.meeting_actions).values(row).returning(t.meeting_actions.c.id)
        ).scalar_one()
        for row in added
    ]
    after = changes.snapshot(conn, t.meeting_actions, [str(i) for i in [*updates, *new_ids]])
    changes.remember(conn, upload_id, t.meeting_actions, before, after)
    updated = [after[str(i)] for i in updates]
    new = [after[str(i)] for i in new_ids]
    return [f"updated {_what(row)} (now {row['status']})" for row in updated] + [
        f"added {_what(row)} to meeting {row['meeting_id']}" for row in new
    ]


def _stored_items(
    conn: Connection, items: Sequence[UploadedMeetingItem]
) -> dict[tuple[int, str], Mapping[Any, Any]]:
    """The recorded items of the meetings the upload names, by meeting and wording; refuses
    the upload if one of those meetings has been moved or removed since it was checked."""
    ids = {item.meeting_id for item in items}
    held = dict(
        conn.execute(
            select(t.meetings.c.id, t.meetings.c.held_on).where(t.meetings.c.id.in_(ids))
        ).all()
    )
    for item in items:
        if held.get(item.meeting_id) != item.held_on:
            raise ScorecardError(
                f"Nothing was saved: the panel meeting of {short_date(item.held_on)} has been "
                "changed or removed since the file was checked. Check the file again."
            )
    rows = conn.execute(
        select(t.meeting_actions)
        .where(t.meeting_actions.c.meeting_id.in_(ids))
        .order_by(t.meeting_actions.c.id)
    ).mappings()
    found: dict[tuple[int, str], Mapping[Any, Any]] = {}
    for row in rows:
        found.setdefault((row["meeting_id"], same_wording(row["text"])), row)
    return found


def _what(row: Mapping[Any, Any]) -> str:
    return f"{row['kind']} {row['id']}"
