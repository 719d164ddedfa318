"""Meeting resolutions and actions on the upload's Actions sheet: a row with the date of a
recorded panel meeting is one of its items; every problem is reported at once, with its row,
column and what to do; the preview says which items are new, changed or unchanged.

Two hand-made meetings: 14 July 2026 and Tuesday 22 September 2026 (24 November 2026, the
demonstration's third meeting, is a Tuesday; 22 September is nine weeks before it).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import openpyxl
import pandas as pd

from scorecard.catalogue import parse_catalogue
from scorecard.meetings import Meeting, MeetingItem, RecordedMeetings
from scorecard.periods import Period
from scorecard.records import (
    ActionItem,
    ActionStatus,
    ItemDraft,
    ItemKind,
    Submission,
    UploadedMeetingItem,
)
from scorecard.storage.store import OBSERVATION_COLUMNS
from scorecard.upload import read_upload, validate
from scorecard.upload.issues import DATA_COLUMNS
from scorecard.upload.preview import Change, preview
from scorecard.upload.report import report_workbook
from scorecard.upload.validate import Validation
from tests.conftest import SMALL_CATALOGUE

D = dt.date
TODAY = D(2026, 11, 23)
Q2 = Period.quarter_of(2026, 2)
CATALOGUE = parse_catalogue(SMALL_CATALOGUE, "test catalogue")
JULY = Meeting(1, D(2026, 7, 14), 2, members=12, attendees=10, notes="")
SEPTEMBER = Meeting(2, D(2026, 9, 22), 1, members=12, attendees=9, notes="")
COMPLAINTS = MeetingItem(
    11,
    SEPTEMBER.id,
    ItemKind.ACTION,
    "Circulate the annual complaints report",
    "Complaints Manager",
    D(2026, 10, 31),
    ActionStatus.OFF_TRACK,
    "Delayed.",
)
NOTED = MeetingItem(
    12, SEPTEMBER.id, ItemKind.RESOLUTION, "Noted the scorecard.", "", None, None, ""
)
VISIT = MeetingItem(
    13,
    JULY.id,
    ItemKind.ACTION,
    "Visit the Virtual School",
    "Clerk",
    None,
    ActionStatus.ON_TRACK,
    "",
)
RECORDED = RecordedMeetings((JULY, SEPTEMBER), (COMPLAINTS, NOTED, VISIT))

ACTIONS_HEADER = ["priority", "action", "owner", "due", "status", "update", "meeting", "type"]
OLD_ACTIONS_HEADER = ACTIONS_HEADER[:6]  # a workbook made before meetings could be uploaded
PEP_ROW = ["PEP", Q2.label, None, 96, 24, 25]


def check(*actions, header=ACTIONS_HEADER, data=(PEP_ROW,), recorded=RECORDED):
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(list(DATA_COLUMNS))
    for row in data:
        book.active.append(list(row))
    sheet = book.create_sheet("Actions")
    sheet.append(header)
    for row in actions:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    workbook = read_upload("q2.xlsx", out.getvalue())
    return validate(workbook, CATALOGUE, today=TODAY, meetings=recorded)


def problems(validation):
    return [(i.row, i.column, i.value, i.message) for i in validation.issues]


# -- reading ------------------------------------------------------------------------------
def test_a_row_with_a_meeting_date_is_an_item_of_that_meeting():
    result = check(
        [
            None,
            "Invite the police coordinator",
            "Chair",
            "19/01/2027",
            "on track",
            "",
            D(2026, 9, 22),
            "action",
        ]
    )
    assert result.issues == []
    assert result.submission.actions == []
    assert result.submission.meeting_items == [
        UploadedMeetingItem(
            2,
            D(2026, 9, 22),
            ItemDraft(
                ItemKind.ACTION,
                "Invite the police coordinator",
                "Chair",
                D(2027, 1, 19),
                ActionStatus.ON_TRACK,
                "",
            ),
        )
    ]


def test_blank_type_means_action_and_a_typed_date_is_read_as_a_date():
    result = check(
        [
            None,
            "Write to schools",
            "Head of Virtual School",
            None,
            "at risk",
            "",
            "14/07/2026",
            None,
        ]
    )
    assert result.issues == []
    [item] = result.submission.meeting_items
    assert (item.meeting_id, item.draft.kind, item.draft.status) == (
        1,
        ItemKind.ACTION,
        ActionStatus.AT_RISK,
    )


def test_a_resolution_needs_only_its_text():
    result = check(
        [
            None,
            "The panel thanked the young people.",
            None,
            None,
            None,
            None,
            D(2026, 7, 14),
            "Resolution",
        ]
    )
    assert result.issues == []
    [item] = result.submission.meeting_items
    assert (item.draft.kind, item.draft.text) == (
        ItemKind.RESOLUTION,
        "The panel thanked the young people.",
    )


def test_rows_without_a_meeting_stay_the_priority_action_plan():
    result = check(
        [
            2,
            "Recruit more foster carers",
            "Fostering Manager",
            "31/03/2027",
            "on track",
            "Campaign out",
            None,
            None,
        ],
        [
            None,
            "Write to schools",
            "Head of Virtual School",
            None,
            "at risk",
            "",
            D(2026, 7, 14),
            None,
        ],
    )
    assert result.issues == []
    assert result.submission.actions == [
        ActionItem(
            Q2,
            2,
            "Recruit more foster carers",
            "Fostering Manager",
            D(2027, 3, 31),
            ActionStatus.ON_TRACK,
            "Campaign out",
        )
    ]
    assert len(result.submission.meeting_items) == 1


def test_a_workbook_made_before_meeting_columns_existed_reads_as_it_always_did():
    result = check(
        [1, "Chase PEP reviews", "Virtual School", None, "off track", ""], header=OLD_ACTIONS_HEADER
    )
    assert result.issues == []
    assert result.submission.actions == [
        ActionItem(Q2, 1, "Chase PEP reviews", "Virtual School", None, ActionStatus.OFF_TRACK, "")
    ]
    assert result.submission.meeting_items == []


def test_meeting_rows_alone_are_an_upload_without_any_figures():
    result = check(
        [
            None,
            "Write to schools",
            "Head of Virtual School",
            None,
            "on track",
            "",
            D(2026, 7, 14),
            None,
        ],
        data=(),
    )
    assert result.is_valid
    assert len(result.submission.meeting_items) == 1


# -- problems, each with what to do -----------------------------------------------------
def test_a_date_with_no_meeting_says_to_record_it_first_and_lists_the_recorded_dates():
    result = check(
        [
            None,
            "Write to schools",
            "Head of Virtual School",
            None,
            "on track",
            "",
            "03/03/2026",
            None,
        ]
    )
    assert problems(result) == [
        (
            2,
            "meeting",
            "03/03/2026",
            "no panel meeting is recorded on 3 March 2026; record it on the Meetings page "
            "first, or correct the date (meetings recorded: 14 July 2026, 22 September 2026)",
        )
    ]
    assert result.submission.meeting_items == []


def test_with_many_meetings_recorded_the_nearest_dates_are_listed():
    many = RecordedMeetings(
        tuple(Meeting(n, D(2026, n, 10), 1, None, None, "") for n in range(1, 13))
    )
    result = check(
        [None, "Write", "Clerk", None, "on track", "", "11/06/2026", None], recorded=many
    )
    # 10 June is a day away; then 10 May and 10 July; then 10 April and 10 August.
    assert problems(result)[0][3].endswith(
        "(the nearest meetings recorded: 10 April 2026, 10 May 2026, 10 June 2026, "
        "10 July 2026, 10 August 2026)"
    )


def test_no_meeting_recorded_at_all_is_said_plainly():
    result = check(
        [None, "Write", "Clerk", None, "on track", "", "14/07/2026", None],
        recorded=RecordedMeetings(),
    )
    assert problems(result)[0][3].endswith("correct the date (no meeting is recorded yet)")


def test_a_meeting_that_is_not_a_date_is_refused():
    result = check([None, "Write", "Clerk", None, "on track", "", "next Tuesday", None])
    assert problems(result) == [
        (
            2,
            "meeting",
            "next Tuesday",
            "'next Tuesday' is not a date; write the date of the panel meeting, e.g. 22/09/2026",
        )
    ]


def test_an_unknown_type_is_refused():
    result = check([None, "Write", "Clerk", None, "on track", "", D(2026, 7, 14), "decision"])
    assert problems(result) == [
        (
            2,
            "type",
            "decision",
            "'decision' is not a type; use action or resolution (blank means action)",
        )
    ]


def test_a_meeting_action_is_checked_as_the_meetings_page_checks_it():
    # Blank text, no owner, and due three weeks before the meeting that set it.
    result = check([None, None, None, "01/09/2026", "on track", "", D(2026, 9, 22), "action"])
    assert problems(result) == [
        (2, "action", "", "write what is to be done"),
        (2, "owner", "", "name who will do it (a job title is best)"),
        (
            2,
            "due",
            "01/09/2026",
            "Tuesday 1 September 2026 is before the meeting that set the action "
            "(Tuesday 22 September 2026); choose a later date",
        ),
    ]


def test_a_meeting_action_needs_a_status():
    result = check([None, "Write", "Clerk", None, None, "", D(2026, 7, 14), "action"])
    assert problems(result) == [
        (
            2,
            "status",
            "",
            "'' is not an action status; use one of on track, at risk, off track, complete",
        )
    ]


def test_a_resolution_with_an_owner_and_due_date_is_refused_so_nothing_typed_is_lost():
    result = check(
        [
            None,
            "Director to report back",
            "Director",
            "31/12/2026",
            None,
            None,
            D(2026, 9, 22),
            "resolution",
        ]
    )
    assert problems(result) == [
        (
            2,
            "type",
            "resolution",
            "a resolution has no owner or due; if someone must do something, make the type "
            "action (so it is chased until it is complete), otherwise clear the owner and due",
        )
    ]


def test_a_resolution_may_say_agreed_as_its_status():
    result = check(
        [None, "Noted the report.", None, None, "agreed", None, D(2026, 9, 22), "resolution"]
    )
    assert result.issues == []


def test_a_resolution_without_a_meeting_is_refused():
    result = check([1, "Noted the report.", None, None, "on track", None, None, "resolution"])
    [(row, column, value, message)] = problems(result)
    assert (row, column, value) == (2, "meeting", "")
    assert message.startswith(
        "a resolution belongs to a panel meeting; put the date of the meeting"
    )


def test_a_recorded_action_cannot_be_uploaded_as_a_resolution():
    result = check(
        [
            None,
            "circulate the ANNUAL  complaints report",
            None,
            None,
            None,
            None,
            D(2026, 9, 22),
            "resolution",
        ]
    )
    assert problems(result) == [
        (
            2,
            "type",
            "resolution",
            "the meeting on 22 September 2026 recorded this as an action, and an action cannot "
            "become a resolution; make the type action",
        )
    ]


def test_the_same_item_twice_is_refused_on_its_second_row():
    result = check(
        [None, "Write to schools", "Clerk", None, "on track", "", D(2026, 7, 14), None],
        [None, "write to  Schools", "Clerk", None, "complete", "", D(2026, 7, 14), None],
    )
    assert problems(result) == [
        (
            3,
            "action",
            "write to  Schools",
            "this action of the meeting on 14 July 2026 is already in row 2; keep one of the "
            "two rows",
        )
    ]
    assert len(result.submission.meeting_items) == 1


def test_a_priority_on_a_meeting_row_may_be_blank_but_must_exist_if_given():
    result = check([9, "Write", "Clerk", None, "on track", "", D(2026, 7, 14), None])
    assert problems(result) == [(2, "priority", "9", "there is no priority 9; use one of 1, 2")]


def test_every_problem_in_the_sheet_is_reported_at_once():
    result = check(
        [None, "Write", "Clerk", None, "on track", "", "03/03/2026", None],
        [None, "Write", "Clerk", None, "on track", "", D(2026, 7, 14), "decision"],
        [None, "", "Clerk", None, "on track", "", D(2026, 7, 14), None],
        [None, "Good one", "Clerk", None, "on track", "", D(2026, 7, 14), None],
    )
    assert [(row, column) for row, column, _, _ in problems(result)] == [
        (2, "meeting"),
        (3, "type"),
        (4, "action"),
    ]
    assert not result.is_valid


# -- the preview -----------------------------------------------------------------------------
def uploaded(
    meeting: Meeting, kind, text, owner="", due=None, status=ActionStatus.ON_TRACK, update=""
):
    return UploadedMeetingItem(
        meeting.id, meeting.held_on, ItemDraft(kind, text, owner, due, status, update)
    )


NO_FIGURES = pd.DataFrame(columns=OBSERVATION_COLUMNS)  # nothing stored yet


def test_the_preview_tells_new_changed_and_unchanged_meeting_items_apart():
    done = uploaded(
        SEPTEMBER,
        ItemKind.ACTION,
        "Circulate the annual complaints report",
        "Complaints Manager",
        D(2026, 10, 31),
        ActionStatus.COMPLETE,
        "Circulated on 30 October.",
    )
    same = uploaded(JULY, ItemKind.ACTION, "visit the virtual  school", "Clerk")
    new = uploaded(JULY, ItemKind.ACTION, "Write to schools", "Clerk", D(2026, 12, 1))
    result = preview(
        Submission(meeting_items=[same, new, done]), NO_FIGURES, stored_meetings=RECORDED
    )
    assert result.summary() == (
        "Figures: 0 new, 0 changed, 0 unchanged; "
        "meeting resolutions and actions: 1 new, 1 changed, 1 unchanged."
    )
    assert result.meeting_table().to_dict("records") == [
        {
            "Change": "changed",
            "Meeting": "22 September 2026",
            "Type": "action",
            "Resolution or action": "Circulate the annual complaints report",
            "Stored now": "Off track · Complaints Manager · due 31 October 2026 · update: Delayed.",
            "In this upload": "Complete · Complaints Manager · due 31 October 2026 · "
            "update: Circulated on 30 October.",
        },
        {
            "Change": "new",
            "Meeting": "14 July 2026",
            "Type": "action",
            "Resolution or action": "Write to schools",
            "Stored now": "",
            "In this upload": "On track · Clerk · due 1 December 2026",
        },
        {
            "Change": "unchanged",
            "Meeting": "14 July 2026",
            "Type": "action",
            "Resolution or action": "Visit the Virtual School",  # as recorded
            "Stored now": "On track · Clerk · no due date",
            "In this upload": "On track · Clerk · no due date",
        },
    ]
    assert result.changes_anything


def test_the_downloadable_report_lists_what_the_meeting_rows_will_change():
    done = uploaded(
        SEPTEMBER,
        ItemKind.ACTION,
        "Circulate the annual complaints report",
        "Complaints Manager",
        D(2026, 10, 31),
        ActionStatus.COMPLETE,
        "Circulated on 30 October.",
    )
    submission = Submission(meeting_items=[done])
    result = preview(submission, NO_FIGURES, stored_meetings=RECORDED)
    validation = Validation(submission=submission, issues=[], ignored=[], catalogue=CATALOGUE)
    book = openpyxl.load_workbook(
        io.BytesIO(report_workbook("actions.xlsx", validation, result, CATALOGUE))
    )
    sheet = book["Meeting actions"]
    rows = [[c for c in row] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert rows[0][:4] == ["Change", "Meeting", "Type", "Resolution or action"]
    assert rows[1][:4] == [
        "changed",
        "22 September 2026",
        "action",
        "Circulate the annual complaints report",
    ]
    assert rows[1][5].startswith("Complete · Complaints Manager")


def test_the_command_line_preview_says_old_and_new_status():
    done = uploaded(
        SEPTEMBER,
        ItemKind.ACTION,
        "Circulate the annual complaints report",
        "Complaints Manager",
        D(2026, 10, 31),
        ActionStatus.COMPLETE,
    )
    lines = preview(Submission(meeting_items=[done]), NO_FIGURES, stored_meetings=RECORDED).lines(
        CATALOGUE
    )
    assert (
        "  changed: meeting of 22 September 2026, action ‘Circulate the annual complaints "
        "report’: Off track · Complaints Manager · due 31 October 2026 · update: Delayed. → "
        "Complete · Complaints Manager · due 31 October 2026"
    ) in lines


def test_meeting_items_exactly_as_recorded_change_nothing():
    same = uploaded(SEPTEMBER, ItemKind.RESOLUTION, "Noted the scorecard.")
    result = preview(
        Submission(meeting_items=[same]),
        NO_FIGURES,
        stored_meetings=RECORDED,
        stored_actions=Counter(),
    )
    assert result.count_items(Change.UNCHANGED) == 1
    assert not result.changes_anything
