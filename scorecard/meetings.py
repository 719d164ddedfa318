"""Panel meetings: when they met, what they were themed on, who came, what they resolved and
the actions they set, chased from meeting to meeting (SPEC §2 Meetings).

An action stays open until its status is ``complete``; every open action of an earlier
meeting is carried forward to the next, listed at its start, and one past its due date is
overdue, said in words and with a shape as well as colour. Attendance (members who came, of
the members expected) is the source of the panel-attendance measure: saving a meeting works
out its quarter's figure from every meeting in that quarter and, when it differs from the
figure that counts, stores it as a new upload in the same transaction.

Every write takes the ``actor`` who made it and writes an audit entry, in one transaction.
Reading and the rules (carry forward, overdue, attendance) are plain functions, tested
without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pandas as pd
from sqlalchemy import Connection, insert, select, update

from scorecard import formatting, qualitative
from scorecard.catalogue import ALL, Catalogue
from scorecard.errors import NotFound, ScorecardError
from scorecard.formatting import short_date
from scorecard.periods import Period
from scorecard.rag import as_displayed
from scorecard.records import (
    ActionStatus,
    ItemDraft,
    ItemKind,
    Observation,
    Submission,
    same_wording,
)
from scorecard.storage import schema as t
from scorecard.storage.meeting_items import AUDIT_ACTION, differs, item_row
from scorecard.storage.store import Store

ATTENDANCE_MEASURE = "PANEL_ATTEND"
ATTENDANCE_SOURCE = "Panel meeting attendance"
OVERDUE = "⚠ Overdue"
_LONGEST_TEXT = 2000
_LONGEST_NAME = 200
_MOST_MEMBERS = 200


class MeetingInvalid(ScorecardError):
    """A meeting or an item that cannot be saved; ``problems`` has one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Nothing was saved: " + " ".join(problems))


@dataclass(frozen=True)
class MeetingDraft:
    """A meeting as typed into a form: checked by :func:`check_meeting` before it is saved."""

    held_on: dt.date
    theme_priority: int
    members: int | None = None
    attendees: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class Meeting:
    id: int
    held_on: dt.date
    theme_priority: int
    members: int | None
    attendees: int | None
    notes: str

    @property
    def quarter(self) -> Period:
        return Period.containing(self.held_on)

    @property
    def title(self) -> str:
        return f"Panel meeting, {long_date(self.held_on)}"

    @property
    def attendance_text(self) -> str:
        if self.attendees is None or not self.members:
            return "Attendance not recorded yet"
        return f"{self.attendees} of {self.members} members attended"


@dataclass(frozen=True)
class MeetingItem:
    """A resolution or an action of one meeting. A resolution has no owner, due date or
    status; an action keeps its latest status and update."""

    id: int
    meeting_id: int
    kind: ItemKind
    text: str
    owner: str
    due: dt.date | None
    status: ActionStatus | None
    update: str

    @property
    def is_open(self) -> bool:
        return self.kind is ItemKind.ACTION and self.status is not ActionStatus.COMPLETE

    def as_draft(self) -> ItemDraft:
        status = self.status or ActionStatus.ON_TRACK
        return ItemDraft(self.kind, self.text, self.owner, self.due, status, self.update)


# -- words ----------------------------------------------------------------------------------


def long_date(day: dt.date) -> str:
    """``Tuesday 24 November 2026``, as a committee paper writes a date."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def is_overdue(item: MeetingItem, today: dt.date) -> bool:
    return item.is_open and item.due is not None and item.due < today


def status_text(item: MeetingItem, today: dt.date | None = None) -> str:
    """The item's status; given ``today``, an overdue action is never "On track"."""
    if item.status is None:
        return "Agreed"
    return qualitative.status_text(item.status, today is not None and is_overdue(item, today))


def due_text(item: MeetingItem, today: dt.date) -> str:
    """``due 31 August 2026``, or ``⚠ Overdue: was due 31 August 2026 (84 days ago)``."""
    if item.due is None:
        return "no due date"
    when = short_date(item.due)
    if not is_overdue(item, today):
        return f"due {when}"
    days = (today - item.due).days
    return f"{OVERDUE}: was due {when} ({days} day{'s' if days != 1 else ''} ago)"


def item_line(item: MeetingItem, today: dt.date) -> str:
    """``■ Off track · Complaints Manager · ⚠ Overdue: was due 31 October 2026 (23 days ago)``"""
    if item.kind is ItemKind.RESOLUTION:
        return "Resolution"
    return " · ".join([status_text(item, today), item.owner, due_text(item, today)])


# -- the rules ----------------------------------------------------------------------------


def carried_forward(
    meetings: Sequence[Meeting], items: Iterable[MeetingItem], meeting: Meeting
) -> list[MeetingItem]:
    """Open actions set by meetings held before ``meeting``, oldest meeting first: what the
    chair goes through at its start."""
    earlier = {m.id: m.held_on for m in meetings if m.held_on < meeting.held_on}
    found = [i for i in items if i.is_open and i.meeting_id in earlier]
    return sorted(found, key=lambda i: (earlier[i.meeting_id], i.id))


def open_actions(items: Iterable[MeetingItem]) -> list[MeetingItem]:
    return [i for i in items if i.is_open]


def next_meeting(meetings: Sequence[Meeting], today: dt.date) -> Meeting | None:
    upcoming = [m for m in meetings if m.held_on >= today]
    return min(upcoming, key=lambda m: m.held_on) if upcoming else None


def default_meeting(meetings: Sequence[Meeting], today: dt.date) -> Meeting | None:
    """The meeting a chair most likely means: today's or the next one, else the latest."""
    upcoming = next_meeting(meetings, today)
    if upcoming is not None:
        return upcoming
    return max(meetings, key=lambda m: m.held_on) if meetings else None


def reporting_quarter(meeting: Meeting, quarters: Sequence[Period]) -> Period | None:
    """The latest quarter with figures that had ended before the meeting: what it discusses."""
    ended = [q for q in quarters if q.end < meeting.held_on]
    return max(ended) if ended else None


def attendance_figures(meetings: Iterable[Meeting]) -> dict[Period, tuple[int, int]]:
    """Members who came and members expected, added up over each quarter's meetings."""
    totals: dict[Period, tuple[int, int]] = {}
    for m in meetings:
        if m.attendees is None or not m.members:
            continue
        came, expected = totals.get(m.quarter, (0, 0))
        totals[m.quarter] = (came + m.attendees, expected + m.members)
    return totals


def attendance_changes(
    catalogue: Catalogue,
    meetings: Iterable[Meeting],
    quarters: Iterable[Period],
    current: pd.DataFrame,
) -> Submission:
    """The attendance figure of each quarter that differs from the one that counts now.

    Nothing when the catalogue has no attendance measure, or the quarter's meetings have no
    attendance recorded, or the figure is already the one that counts.
    """
    try:
        measure = catalogue.measure(ATTENDANCE_MEASURE)
    except ScorecardError:
        return Submission()
    figures = attendance_figures(meetings)
    found = []
    for quarter in sorted(set(quarters)):
        if quarter not in figures:
            continue
        came, expected = figures[quarter]
        value = float(as_displayed(100 * came / expected, measure.decimals))
        rows = current[
            (current["measure_id"] == measure.id)
            & (current["period"] == quarter.label)
            & (current["breakdown"] == ALL)
        ]
        if not rows.empty:
            now = rows.iloc[0]
            if (now["value"], now["numerator"], now["denominator"]) == (value, came, expected):
                continue
        count = sum(1 for m in meetings if m.quarter == quarter and m.attendees is not None)
        found.append(
            Observation(
                measure_id=measure.id,
                period=quarter,
                value=value,
                numerator=float(came),
                denominator=float(expected),
                note=f"Worked out from the attendance recorded for {count} panel meeting(s).",
            )
        )
    return Submission(observations=found)


# -- checking what was typed --------------------------------------------------------------


def check_meeting(
    draft: MeetingDraft,
    catalogue: Catalogue,
    others: Sequence[Meeting],
    today: dt.date,
) -> list[str]:
    """Every problem with a meeting as typed, each naming the field and what to do."""
    problems = []
    numbers = [p.number for p in catalogue.ordered_priorities()]
    if draft.theme_priority not in numbers:
        problems.append(
            f"Theme: priority {draft.theme_priority} is not in the strategy; choose one of "
            f"{', '.join(str(n) for n in numbers)}."
        )
    same_day = [m for m in others if m.held_on == draft.held_on]
    if same_day:
        problems.append(
            f"Date: a meeting on {long_date(draft.held_on)} is already recorded; open it to "
            "change it instead of adding it again."
        )
    if draft.members is not None and not 1 <= draft.members <= _MOST_MEMBERS:
        problems.append(
            f"Members expected: {draft.members} is not a number of members; enter a whole "
            f"number from 1 to {_MOST_MEMBERS}, or leave it empty."
        )
    if draft.attendees is not None:
        if draft.attendees < 0:
            problems.append("Members who attended: cannot be below 0.")
        elif draft.members is None:
            problems.append(
                "Members who attended: also enter how many members were expected, so that "
                "attendance can be worked out."
            )
        elif draft.attendees > draft.members:
            problems.append(
                f"Members who attended: {draft.attendees} is more than the {draft.members} "
                "members expected. Count named substitutes in the place of the member."
            )
        if draft.held_on > today:
            problems.append(
                f"Members who attended: the meeting on {long_date(draft.held_on)} has not "
                "happened yet; record attendance after it."
            )
    if len(draft.notes) > _LONGEST_TEXT:
        problems.append(f"Notes: keep them under {_LONGEST_TEXT} characters.")
    return problems


class ItemField(StrEnum):
    """The part of a resolution or action a problem is about, as the form labels it."""

    TEXT = "Text"
    OWNER = "Owner"
    DUE = "Due"
    UPDATE = "Latest update"


@dataclass(frozen=True)
class ItemProblem:
    field: ItemField
    message: str

    def __str__(self) -> str:
        return f"{self.field.value}: {self.message}"


def item_problems(draft: ItemDraft, meeting: Meeting) -> list[ItemProblem]:
    """Every problem with a resolution or action as typed, by the field it is in: the
    Meetings page's forms and the upload's Actions sheet both check with this."""
    problems = []
    what = "what was resolved" if draft.kind is ItemKind.RESOLUTION else "what is to be done"
    if not draft.text.strip():
        problems.append(ItemProblem(ItemField.TEXT, f"write {what}."))
    if len(draft.text) > _LONGEST_TEXT:
        problems.append(ItemProblem(ItemField.TEXT, f"keep it under {_LONGEST_TEXT} characters."))
    if len(draft.update) > _LONGEST_TEXT:
        problems.append(ItemProblem(ItemField.UPDATE, f"keep it under {_LONGEST_TEXT} characters."))
    if draft.kind is ItemKind.ACTION:
        if not draft.owner.strip():
            problems.append(
                ItemProblem(ItemField.OWNER, "name who will do it (a job title is best).")
            )
        elif len(draft.owner) > _LONGEST_NAME:
            problems.append(
                ItemProblem(ItemField.OWNER, f"keep it under {_LONGEST_NAME} characters.")
            )
        if draft.due is not None and draft.due < meeting.held_on:
            problems.append(
                ItemProblem(
                    ItemField.DUE,
                    f"{long_date(draft.due)} is before the meeting that set the action "
                    f"({long_date(meeting.held_on)}); choose a later date.",
                )
            )
    return problems


def check_item(draft: ItemDraft, meeting: Meeting) -> list[str]:
    return [str(p) for p in item_problems(draft, meeting)]


def kind_problem(recorded: ItemKind, draft: ItemKind) -> str | None:
    """A recorded resolution stays a resolution, and an action an action: the chasing of an
    action (its status, its place among the open actions) would otherwise be lost or made up."""
    if draft is recorded:
        return None
    return f"{recorded.with_article.capitalize()} cannot become {draft.with_article}."


def is_changed_by(item: MeetingItem, draft: ItemDraft) -> bool:
    """Whether saving ``draft`` over ``item`` (matched by wording) changes its owner, due
    date, status or update: the same rule the upload's save applies."""
    return differs(item_row(item.as_draft()), draft)


@dataclass(frozen=True)
class RecordedMeetings:
    """The meetings recorded and their items, as an upload's Actions sheet is checked
    against them (read once, before the check)."""

    meetings: tuple[Meeting, ...] = ()
    items: tuple[MeetingItem, ...] = ()

    def on(self, day: dt.date) -> Meeting | None:
        return next((m for m in self.meetings if m.held_on == day), None)

    def item_worded(self, meeting_id: int, text: str) -> MeetingItem | None:
        """The meeting's item with this wording (case and spacing aside), if recorded."""
        wording = same_wording(text)
        return next(
            (
                i
                for i in self.items
                if i.meeting_id == meeting_id and same_wording(i.text) == wording
            ),
            None,
        )

    def open_actions(self) -> list[tuple[Meeting, MeetingItem]]:
        """Every action not yet complete, with its meeting: oldest meeting first."""
        by_id = {m.id: m for m in self.meetings}
        found = [(by_id[i.meeting_id], i) for i in self.items if i.is_open]
        return sorted(found, key=lambda pair: (pair[0].held_on, pair[1].id))


# -- reading ------------------------------------------------------------------------------


def recorded(store: Store) -> RecordedMeetings:
    return RecordedMeetings(tuple(meetings(store)), tuple(items(store)))


def meetings(store: Store) -> list[Meeting]:
    """Every meeting, oldest first."""
    with store.reading() as conn:
        rows = conn.execute(select(t.meetings).order_by(t.meetings.c.held_on, t.meetings.c.id))
        return [_meeting(r) for r in rows.mappings()]


def meeting(store: Store, meeting_id: int) -> Meeting:
    return _numbered(meetings(store), meeting_id)


def _numbered(among: Iterable[Meeting], meeting_id: int) -> Meeting:
    """The meeting with this number, of those already read."""
    for found in among:
        if found.id == meeting_id:
            return found
    raise NotFound(f"There is no meeting number {meeting_id}.")


def items(store: Store, meeting_id: int | None = None) -> list[MeetingItem]:
    """Resolutions and actions, in the order they were recorded."""
    query = select(t.meeting_actions).order_by(t.meeting_actions.c.id)
    if meeting_id is not None:
        query = query.where(t.meeting_actions.c.meeting_id == meeting_id)
    with store.reading() as conn:
        return [_item(r) for r in conn.execute(query).mappings()]


# -- writing ------------------------------------------------------------------------------


def record_meeting(
    store: Store, draft: MeetingDraft, *, actor: str, today: dt.date | None = None
) -> Meeting:
    """Save a new meeting (and its quarter's attendance figure), or raise MeetingInvalid."""
    catalogue = store.catalogue()
    existing = meetings(store)
    problems = check_meeting(draft, catalogue, existing, today or dt.date.today())
    if problems:
        raise MeetingInvalid(problems)
    provisional = _as_meeting(0, draft)
    changes = _attendance(store, catalogue, [*existing, provisional], [provisional.quarter])
    with store.writing() as conn:
        meeting_id = _insert_meeting(conn, draft)
        what = f"meeting {meeting_id} of {draft.held_on} (theme: priority {draft.theme_priority})"
        store.audit_in(conn, actor, "meeting", f"recorded {what}")
        _store_attendance(store, conn, changes, actor)
    return meeting(store, meeting_id)


def update_meeting(
    store: Store,
    meeting_id: int,
    draft: MeetingDraft,
    *,
    actor: str,
    today: dt.date | None = None,
) -> Meeting:
    """Change a meeting's details; attendance is worked out again for the quarters it is in."""
    catalogue = store.catalogue()
    all_meetings = meetings(store)  # read once: the meeting as it was, and the others
    before = _numbered(all_meetings, meeting_id)
    others = [m for m in all_meetings if m.id != meeting_id]
    problems = check_meeting(draft, catalogue, others, today or dt.date.today())
    if problems:
        raise MeetingInvalid(problems)
    after = _as_meeting(meeting_id, draft)
    changes = _attendance(store, catalogue, [*others, after], [before.quarter, after.quarter])
    with store.writing() as conn:
        conn.execute(
            update(t.meetings).where(t.meetings.c.id == meeting_id).values(_meeting_row(draft))
        )
        store.audit_in(conn, actor, "meeting", f"changed meeting {meeting_id} ({draft.held_on})")
        _store_attendance(store, conn, changes, actor)
    return meeting(store, meeting_id)


def add_item(store: Store, meeting_id: int, draft: ItemDraft, *, actor: str) -> MeetingItem:
    """Record a resolution or an action of a meeting, or raise MeetingInvalid."""
    problems = check_item(draft, meeting(store, meeting_id))
    if problems:
        raise MeetingInvalid(problems)
    with store.writing() as conn:
        item_id: int = conn.execute(
            insert(t.meeting_actions)
            .values(meeting_id=meeting_id, **item_row(draft))
            .returning(t.meeting_actions.c.id)
        ).scalar_one()
        what = f"{draft.kind.value} {item_id} to meeting {meeting_id}"
        store.audit_in(conn, actor, AUDIT_ACTION, f"added {what}")
    return _one_item(store, item_id)


def update_item(store: Store, item_id: int, draft: ItemDraft, *, actor: str) -> MeetingItem:
    """Change an item: usually an action's status and latest update."""
    before = _one_item(store, item_id)
    changed_kind = kind_problem(before.kind, draft.kind)
    if changed_kind:
        raise MeetingInvalid([changed_kind])
    problems = check_item(draft, meeting(store, before.meeting_id))
    if problems:
        raise MeetingInvalid(problems)
    with store.writing() as conn:
        conn.execute(
            update(t.meeting_actions)
            .where(t.meeting_actions.c.id == item_id)
            .values(item_row(draft))
        )
        status = f" (now {draft.status.value})" if draft.kind is ItemKind.ACTION else ""
        store.audit_in(conn, actor, AUDIT_ACTION, f"updated {draft.kind.value} {item_id}{status}")
    return _one_item(store, item_id)


# -- the demonstration authority ------------------------------------------------------------

DEMO_MEETINGS: tuple[tuple[MeetingDraft, tuple[ItemDraft, ...]], ...] = (
    (
        MeetingDraft(dt.date(2026, 7, 14), 2, members=12, attendees=10),
        (
            ItemDraft(
                ItemKind.RESOLUTION,
                "The panel noted the scorecard for 2026/27 Q1 and asked the Virtual School to "
                "report on persistent absence at the September meeting.",
            ),
            ItemDraft(
                ItemKind.ACTION,
                "Add a visit to the Virtual School to the panel's work programme",
                "Democratic Services Officer",
                dt.date(2026, 9, 30),
                ActionStatus.COMPLETE,
                "Visit held on 8 September; six members met the designated teachers' network.",
            ),
            ItemDraft(
                ItemKind.ACTION,
                "Circulate the Virtual School's annual report to all members",
                "Head of Virtual School",
                dt.date(2026, 8, 31),
                ActionStatus.AT_RISK,
                "Drafted; waiting for this summer's exam results to be validated.",
            ),
        ),
    ),
    (
        MeetingDraft(dt.date(2026, 9, 22), 3, members=12, attendees=10),
        (
            ItemDraft(
                ItemKind.RESOLUTION,
                "The panel agreed that return home interviews within 72 hours stay a priority "
                "measure for 2026/27.",
            ),
            ItemDraft(
                ItemKind.ACTION,
                "Circulate the annual complaints report",
                "Complaints and Feedback Manager",
                dt.date(2026, 10, 31),
                ActionStatus.OFF_TRACK,
                "Delayed: being rewritten in plain English with the Children in Care Council.",
            ),
            ItemDraft(
                ItemKind.ACTION,
                "Bring the refreshed missing-from-care protocol to the panel",
                "Head of Safeguarding",
                dt.date(2026, 11, 24),
                ActionStatus.ON_TRACK,
                "Agreed by the safeguarding partnership; on the agenda for November.",
            ),
            ItemDraft(
                ItemKind.ACTION,
                "Invite the police missing-persons coordinator to a panel meeting",
                "Chair of the panel",
                dt.date(2027, 1, 19),
                ActionStatus.ON_TRACK,
            ),
        ),
    ),
    (MeetingDraft(dt.date(2026, 11, 24), 4, members=12), ()),
)


def load_demo_meetings(store: Store, *, actor: str) -> int:
    """The demonstration authority's meetings, in one transaction; nothing if any meeting
    is already recorded. Their attendance agrees with the demonstration figures, so no new
    upload is needed. Returns how many meetings were added."""
    if meetings(store):
        return 0
    catalogue = store.catalogue()
    drafts = [draft for draft, _ in DEMO_MEETINGS]
    provisional = [_as_meeting(i, d) for i, d in enumerate(drafts)]
    changes = _attendance(store, catalogue, provisional, [m.quarter for m in provisional])
    with store.writing() as conn:
        for draft, recorded in DEMO_MEETINGS:
            meeting_id = _insert_meeting(conn, draft)
            for item in recorded:
                row = {"meeting_id": meeting_id, **item_row(item)}
                conn.execute(insert(t.meeting_actions).values(row))
        store.audit_in(conn, actor, "meeting", f"loaded {len(drafts)} demonstration meetings")
        _store_attendance(store, conn, changes, actor)
    return len(drafts)


# -- plumbing -----------------------------------------------------------------------------


def _attendance(
    store: Store, catalogue: Catalogue, all_meetings: list[Meeting], quarters: list[Period]
) -> Submission:
    current = store.current_observations(measure_ids=[ATTENDANCE_MEASURE])
    return attendance_changes(catalogue, all_meetings, quarters, current)


def _store_attendance(store: Store, conn: Connection, changes: Submission, actor: str) -> None:
    if not changes.observations:
        return
    described = "; ".join(
        f"{o.period.label}: {formatting.cohort_text(o.numerator, o.denominator)}"
        for o in changes.observations
    )
    store.commit_in(
        conn,
        changes,
        actor=actor,
        file_name=ATTENDANCE_SOURCE,
        summary=f"Panel attendance worked out from the meetings ({described})",
    )


def _as_meeting(meeting_id: int, draft: MeetingDraft) -> Meeting:
    return Meeting(meeting_id, **_meeting_row(draft))


def _meeting_row(draft: MeetingDraft) -> dict[str, Any]:
    return {
        "held_on": draft.held_on,
        "theme_priority": draft.theme_priority,
        "members": draft.members,
        "attendees": draft.attendees,
        "notes": draft.notes.strip(),
    }


def _insert_meeting(conn: Connection, draft: MeetingDraft) -> int:
    return int(
        conn.execute(
            insert(t.meetings).values(_meeting_row(draft)).returning(t.meetings.c.id)
        ).scalar_one()
    )


def _meeting(row: Any) -> Meeting:
    return Meeting(
        id=row["id"],
        held_on=row["held_on"],
        theme_priority=row["theme_priority"],
        members=row["members"],
        attendees=row["attendees"],
        notes=row["notes"] or "",
    )


def _item(row: Any) -> MeetingItem:
    kind = ItemKind(row["kind"])
    return MeetingItem(
        id=row["id"],
        meeting_id=row["meeting_id"],
        kind=kind,
        text=row["text"],
        owner=row["owner"] or "",
        due=row["due"],
        status=ActionStatus(row["status"]) if kind is ItemKind.ACTION else None,
        update=row["update"] or "",
    )


def _one_item(store: Store, item_id: int) -> MeetingItem:
    with store.reading() as conn:
        row = (
            conn.execute(select(t.meeting_actions).where(t.meeting_actions.c.id == item_id))
            .mappings()
            .first()
        )
    if row is None:
        raise NotFound(f"There is no resolution or action number {item_id}.")
    return _item(row)
