"""Meetings: actions carried forward, overdue ones, checking what was typed, attendance.

Small hand-made meetings; dates chosen so the expected answers can be read off by eye.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from scorecard.catalogue import Catalogue, parse_catalogue
from scorecard.meetings import (
    ATTENDANCE_MEASURE,
    OVERDUE,
    ItemDraft,
    ItemKind,
    Meeting,
    MeetingDraft,
    MeetingItem,
    RecordedMeetings,
    attendance_changes,
    attendance_figures,
    carried_forward,
    check_item,
    check_meeting,
    default_meeting,
    due_text,
    is_overdue,
    item_line,
    kind_problem,
    reporting_quarter,
)
from scorecard.periods import Period, parse_period
from scorecard.records import ActionStatus
from tests.conftest import SMALL_CATALOGUE

D = dt.date
JULY = Meeting(1, D(2026, 7, 14), 2, members=12, attendees=10, notes="")
SEPTEMBER = Meeting(2, D(2026, 9, 22), 1, members=12, attendees=9, notes="")
NOVEMBER = Meeting(3, D(2026, 11, 24), 2, members=12, attendees=None, notes="")
MEETINGS = [JULY, SEPTEMBER, NOVEMBER]


def action(
    item_id: int, meeting: Meeting, status: ActionStatus, due: dt.date | None = None
) -> MeetingItem:
    return MeetingItem(
        item_id, meeting.id, ItemKind.ACTION, f"Action {item_id}", "Clerk", due, status, ""
    )


def resolution(item_id: int, meeting: Meeting) -> MeetingItem:
    return MeetingItem(item_id, meeting.id, ItemKind.RESOLUTION, "Noted", "", None, None, "")


@pytest.fixture
def catalogue() -> Catalogue:
    data = dict(SMALL_CATALOGUE)
    attendance = {
        "id": ATTENDANCE_MEASURE,
        "name": "Panel attendance",
        "priority": 1,
        "unit": "percent",
        "polarity": "higher_is_better",
        "decimals": 1,
        "target": 75,
        "definition": "Places filled at panel meetings.",
        "why_it_matters": "Corporate parents turn up.",
        "source": "Democratic Services",
    }
    data["measures"] = [*SMALL_CATALOGUE["measures"], attendance]
    return parse_catalogue(data, "test catalogue")


# -- carried forward ---------------------------------------------------------------------------


def test_open_actions_of_earlier_meetings_are_carried_forward_oldest_first() -> None:
    items = [
        action(1, JULY, ActionStatus.COMPLETE),
        action(2, JULY, ActionStatus.AT_RISK),
        resolution(3, JULY),
        action(4, SEPTEMBER, ActionStatus.ON_TRACK),
        action(5, SEPTEMBER, ActionStatus.OFF_TRACK),
        action(6, NOVEMBER, ActionStatus.ON_TRACK),  # the meeting's own action
    ]
    assert [i.id for i in carried_forward(MEETINGS, items, NOVEMBER)] == [2, 4, 5]
    assert [i.id for i in carried_forward(MEETINGS, items, SEPTEMBER)] == [2]
    assert carried_forward(MEETINGS, items, JULY) == []


def test_a_completed_action_is_not_carried_forward_and_a_resolution_never_is() -> None:
    items = [action(1, JULY, ActionStatus.COMPLETE), resolution(2, JULY)]
    assert carried_forward(MEETINGS, items, NOVEMBER) == []


# -- overdue ------------------------------------------------------------------------------


def test_an_open_action_past_its_due_date_is_overdue_in_words_and_shape() -> None:
    late = action(1, JULY, ActionStatus.AT_RISK, due=D(2026, 8, 31))
    today = D(2026, 11, 23)
    assert is_overdue(late, today)
    assert due_text(late, today) == f"{OVERDUE}: was due 31 August 2026 (84 days ago)"
    assert item_line(late, today).startswith("▲ At risk · Clerk · ⚠ Overdue")


def test_due_today_complete_or_undated_is_not_overdue() -> None:
    today = D(2026, 11, 23)
    assert not is_overdue(action(1, JULY, ActionStatus.ON_TRACK, due=today), today)
    assert not is_overdue(action(2, JULY, ActionStatus.COMPLETE, due=D(2026, 8, 1)), today)
    assert not is_overdue(action(3, JULY, ActionStatus.ON_TRACK), today)


# -- which meeting, which quarter ----------------------------------------------------------


def test_the_default_meeting_is_the_next_one_else_the_latest() -> None:
    assert default_meeting(MEETINGS, D(2026, 10, 1)) == NOVEMBER
    assert default_meeting(MEETINGS, D(2026, 11, 24)) == NOVEMBER  # on the day itself
    assert default_meeting(MEETINGS, D(2027, 1, 1)) == NOVEMBER
    assert default_meeting([], D(2027, 1, 1)) is None


def test_a_meeting_discusses_the_latest_quarter_that_had_ended_before_it() -> None:
    quarters = [parse_period(q) for q in ("2026/27 Q1", "2026/27 Q2")]
    assert reporting_quarter(NOVEMBER, quarters) == parse_period("2026/27 Q2")
    assert reporting_quarter(SEPTEMBER, quarters) == parse_period("2026/27 Q1")
    assert reporting_quarter(Meeting(9, D(2026, 5, 1), 1, None, None, ""), quarters) is None


# -- attendance ------------------------------------------------------------------------------


def test_attendance_adds_up_places_over_the_quarters_meetings() -> None:
    q2 = Period.quarter_of(2026, 2)
    # July and September are both in Q2 (July to September): 10 + 9 of 12 + 12.
    assert attendance_figures(MEETINGS) == {q2: (19, 24)}


def current(value: float | None, n: float | None, d: float | None) -> pd.DataFrame:
    rows = (
        []
        if value is None
        else [
            {
                "measure_id": ATTENDANCE_MEASURE,
                "period": "2026/27 Q2",
                "breakdown": "All",
                "value": value,
                "numerator": n,
                "denominator": d,
            }
        ]
    )
    columns = ["measure_id", "period", "breakdown", "value", "numerator", "denominator"]
    return pd.DataFrame(rows, columns=columns)


def test_attendance_becomes_the_quarters_figure(catalogue: Catalogue) -> None:
    q2 = Period.quarter_of(2026, 2)
    [found] = attendance_changes(catalogue, MEETINGS, [q2], current(None, None, None)).observations
    # 19 of 24 = 79.166…% shown to one decimal.
    assert (found.period, found.value, found.numerator, found.denominator) == (q2, 79.2, 19, 24)


def test_attendance_equal_to_the_figure_that_counts_changes_nothing(catalogue: Catalogue) -> None:
    q2 = Period.quarter_of(2026, 2)
    unchanged = attendance_changes(catalogue, MEETINGS, [q2], current(79.2, 19.0, 24.0))
    assert unchanged.observations == []


def test_a_quarter_with_no_attendance_recorded_gets_no_figure(catalogue: Catalogue) -> None:
    q3 = Period.quarter_of(2026, 3)
    assert (
        attendance_changes(catalogue, MEETINGS, [q3], current(None, None, None)).observations == []
    )


def test_no_attendance_measure_in_the_catalogue_means_no_figure() -> None:
    plain = parse_catalogue(SMALL_CATALOGUE, "test catalogue")
    q2 = Period.quarter_of(2026, 2)
    assert attendance_changes(plain, MEETINGS, [q2], current(None, None, None)).observations == []


# -- checking what was typed ---------------------------------------------------------------


def test_every_problem_with_a_meeting_is_reported_at_once(catalogue: Catalogue) -> None:
    draft = MeetingDraft(D(2026, 11, 24), theme_priority=7, members=10, attendees=12)
    problems = check_meeting(draft, catalogue, MEETINGS, today=D(2026, 11, 23))
    assert [p.split(":")[0] for p in problems] == [
        "Theme",
        "Date",
        "Members who attended",
        "Members who attended",
    ]
    assert "12 is more than the 10 members expected" in problems[2]
    assert "has not happened yet" in problems[3]


def test_attendance_needs_the_number_expected(catalogue: Catalogue) -> None:
    draft = MeetingDraft(D(2026, 6, 1), theme_priority=1, attendees=8)
    assert check_meeting(draft, catalogue, [], today=D(2026, 11, 23)) == [
        "Members who attended: also enter how many members were expected, so that "
        "attendance can be worked out."
    ]


def test_a_good_meeting_has_no_problems(catalogue: Catalogue) -> None:
    draft = MeetingDraft(D(2026, 6, 1), theme_priority=1, members=12, attendees=12)
    assert check_meeting(draft, catalogue, MEETINGS, today=D(2026, 11, 23)) == []


def test_an_action_needs_its_text_and_owner_and_cannot_be_due_before_the_meeting() -> None:
    draft = ItemDraft(ItemKind.ACTION, "  ", owner="", due=D(2026, 7, 1))
    assert [p.split(":")[0] for p in check_item(draft, JULY)] == ["Text", "Owner", "Due"]


def test_a_resolution_needs_only_its_text() -> None:
    assert check_item(ItemDraft(ItemKind.RESOLUTION, "Noted the report."), JULY) == []


def test_a_long_update_is_reported_against_the_update_not_the_text() -> None:
    draft = ItemDraft(ItemKind.ACTION, "Chase", owner="Clerk", update="x" * 2001)
    assert check_item(draft, JULY) == ["Latest update: keep it under 2000 characters."]


def test_a_recorded_action_cannot_become_a_resolution_nor_the_other_way() -> None:
    assert kind_problem(ItemKind.ACTION, ItemKind.ACTION) is None
    assert kind_problem(ItemKind.ACTION, ItemKind.RESOLUTION) == (
        "An action cannot become a resolution."
    )
    assert kind_problem(ItemKind.RESOLUTION, ItemKind.ACTION) == (
        "A resolution cannot become an action."
    )


def test_a_recorded_item_is_found_by_its_wording_whatever_its_case_and_spacing() -> None:
    chase = action(7, SEPTEMBER, ActionStatus.AT_RISK)  # worded "Action 7"
    recorded = RecordedMeetings((JULY, SEPTEMBER), (chase,))
    assert recorded.item_worded(SEPTEMBER.id, "  action   7 ") == chase
    assert recorded.item_worded(JULY.id, "Action 7") is None  # another meeting's
    assert recorded.on(D(2026, 9, 22)) == SEPTEMBER


def test_open_actions_come_oldest_meeting_first_without_complete_ones_or_resolutions() -> None:
    items = (
        action(1, SEPTEMBER, ActionStatus.ON_TRACK),
        action(2, JULY, ActionStatus.COMPLETE),
        resolution(3, JULY),
        action(4, JULY, ActionStatus.OFF_TRACK),
    )
    recorded = RecordedMeetings(tuple(MEETINGS), items)
    assert [(m.id, i.id) for m, i in recorded.open_actions()] == [(1, 4), (2, 1)]


def test_a_meeting_action_on_track_past_its_due_date_says_overdue_not_on_track() -> None:
    late = action(1, JULY, ActionStatus.ON_TRACK, due=D(2026, 10, 31))
    today = D(2026, 11, 23)  # 23 days after 31 October
    assert item_line(late, today) == (
        f"⚠ Overdue (was on track) · Clerk · {OVERDUE}: was due 31 October 2026 (23 days ago)"
    )
    assert item_line(late, D(2026, 10, 31)).startswith("● On track · Clerk · due 31 October")
