"""Meetings in the database (SQLite and PostgreSQL): every write is one transaction with its
audit entry, and a meeting's attendance becomes the quarter's panel-attendance figure.

The demonstration authority's 2026/27 Q2 attendance is 20 of 24 (83.3%); its demonstration
meetings (14 July and 22 September 2026, 10 of 12 each) agree with it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from scorecard import meetings as panel
from scorecard.records import ActionStatus
from scorecard.startup import init_demo
from scorecard.storage.store import Store

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def store(database_url: str) -> Store:
    store = Store.open(database_url)
    init_demo(store)
    return store


def attendance(store: Store, quarter: str) -> tuple[float, float, float]:
    frame = store.current_observations([panel.ATTENDANCE_MEASURE])
    row = frame[(frame["period"] == quarter) & (frame["breakdown"] == "All")].iloc[0]
    return (row["value"], row["numerator"], row["denominator"])


def test_demonstration_meetings_agree_with_the_demonstration_attendance(store: Store) -> None:
    # init_demo loaded the three meetings; their attendance added no upload of its own.
    assert len(panel.meetings(store)) == 3
    assert store.uploads()[0].file_name.endswith("correction.xlsx")
    assert attendance(store, "2026/27 Q2") == (83.3, 20.0, 24.0)
    assert panel.load_demo_meetings(store, actor="Demo loader") == 0  # only once
    november = panel.meetings(store)[-1]
    carried = panel.carried_forward(panel.meetings(store), panel.items(store), november)
    assert [i.text for i in carried if panel.is_overdue(i, TODAY)] == [
        "Circulate the Virtual School's annual report to all members",
        "Circulate the annual complaints report",
    ]


def test_recording_a_meeting_updates_the_quarters_attendance_in_the_same_write(
    store: Store,
) -> None:
    draft = panel.MeetingDraft(dt.date(2026, 8, 18), 5, members=12, attendees=6)
    meeting = panel.record_meeting(store, draft, actor="Ann Clerk", today=TODAY)
    # Q2 now has three meetings: 10 + 10 + 6 of 36 = 72.2%.
    assert attendance(store, "2026/27 Q2") == (72.2, 26.0, 36.0)
    newest = store.uploads()[0]
    assert (newest.file_name, newest.uploaded_by) == (panel.ATTENDANCE_SOURCE, "Ann Clerk")
    entries = [(e.actor, e.action) for e in store.audit_log()[-2:]]
    assert entries == [("Ann Clerk", "meeting"), ("Ann Clerk", "upload")]
    # Correcting the attendance corrects the figure; rolling the upload back is possible too.
    fixed = panel.MeetingDraft(draft.held_on, 5, members=12, attendees=8)
    panel.update_meeting(store, meeting.id, fixed, actor="Ann Clerk", today=TODAY)
    assert attendance(store, "2026/27 Q2") == (77.8, 28.0, 36.0)


def test_an_invalid_meeting_writes_nothing(store: Store) -> None:
    before = len(store.audit_log())
    meetings_before = panel.meetings(store)
    with pytest.raises(panel.MeetingInvalid) as raised:
        panel.record_meeting(
            store,
            panel.MeetingDraft(dt.date(2026, 12, 1), 9, members=5, attendees=7),
            actor="Ann Clerk",
            today=TODAY,
        )
    assert len(raised.value.problems) == 3
    assert panel.meetings(store) == meetings_before and len(store.audit_log()) == before


def test_actions_are_added_and_updated_with_an_audit_entry_each(store: Store) -> None:
    meeting = panel.record_meeting(
        store, panel.MeetingDraft(dt.date(2026, 10, 6), 2), actor="Ann Clerk", today=TODAY
    )
    draft = panel.ItemDraft(
        panel.ItemKind.ACTION,
        "Circulate the annual complaints report",
        "Complaints Manager",
        dt.date(2026, 10, 31),
    )
    item = panel.add_item(store, meeting.id, draft, actor="Ann Clerk")
    done = panel.ItemDraft(
        draft.kind,
        draft.text,
        draft.owner,
        draft.due,
        ActionStatus.COMPLETE,
        "Circulated on 30 October.",
    )
    updated = panel.update_item(store, item.id, done, actor="Bob Officer")
    assert (updated.status, updated.update) == (ActionStatus.COMPLETE, "Circulated on 30 October.")
    assert not updated.is_open
    assert [(e.actor, e.detail) for e in store.audit_log()[-2:]] == [
        ("Ann Clerk", f"added action {item.id} to meeting {meeting.id}"),
        ("Bob Officer", f"updated action {item.id} (now complete)"),
    ]


def test_publication_approvals_are_kept_and_withdrawn(store: Store) -> None:
    from scorecard.disclosure import text_key
    from scorecard.periods import parse_period

    # Priority 3's: priority 2's narrative has "(4 of 62)", which is never approved.
    [first, second, *_] = store.commentary(parse_period("2026/27 Q2"), 3)
    store.set_publication({text_key(first): first, text_key(second): second}, [], actor="Ann")
    assert store.publication_approvals() == {text_key(first), text_key(second)}
    store.set_publication({}, [text_key(first)], actor="Ann")
    assert store.publication_approvals() == {text_key(second)}
