"""The qualitative panel: commentary under its headings, notes about a measure, and the
action plan with overdue actions said in words (issue 4 item 2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scorecard import qualitative
from scorecard.catalogue import Measure, parse_catalogue
from scorecard.periods import parse_period
from scorecard.records import ActionItem, ActionStatus, Commentary, CommentaryKind
from tests.html_reading import read_html

Q2 = parse_period("2026/27 Q2")
TODAY = dt.date(2026, 11, 23)


def one_measure(measure_id: str, name: str) -> Measure:
    fields: dict[str, Any] = {
        "id": measure_id,
        "name": name,
        "priority": 3,
        "unit": "percent",
        "polarity": "higher_is_better",
        "decimals": 1,
        "target": 90,
        "tolerance": 10,
        "definition": "Made up for a test.",
        "why_it_matters": "It does not.",
        "source": "Test data",
    }
    catalogue = parse_catalogue(
        {
            "authority": {"name": "Testshire (test data)", "demonstration": True},
            "priorities": [{"number": 3, "short_title": "S", "title": "S", "plain_title": "S"}],
            "measures": [fields],
        },
        "test catalogue",
    )
    return catalogue.measure(measure_id)


RHI = one_measure("RHI_72H", "Return home interviews held within 72 hours")


def note(kind: CommentaryKind, title: str, text: str = "Some words.") -> Commentary:
    return Commentary(period=Q2, priority=3, kind=kind, title=title, text=text)


def action(
    status: ActionStatus, due: dt.date | None, owner: str = "Safe Return Team Manager"
) -> ActionItem:
    return ActionItem(
        period=Q2,
        priority=3,
        action="Hold return home interviews within 72 hours",
        owner=owner,
        due=due,
        status=status,
        update="Agency cover arranged.",
    )


# -- Commentary ------------------------------------------------------------------------------


def test_by_kind_groups_commentary_in_the_order_a_panel_paper_reads():
    concern = note(CommentaryKind.CONCERN, "Concern")
    numbers = note(CommentaryKind.NARRATIVE, "The quarter in numbers")
    voice = note(CommentaryKind.VOICE_OF_THE_CHILD, "Not giving up")
    more_numbers = note(CommentaryKind.NARRATIVE, "More numbers")
    grouped = qualitative.by_kind([concern, numbers, voice, more_numbers])
    # Narrative, then voice of the child, then concerns; kinds with nothing are left out,
    # and items keep the order they came in under their heading.
    assert grouped == [
        (CommentaryKind.NARRATIVE, [numbers, more_numbers]),
        (CommentaryKind.VOICE_OF_THE_CHILD, [voice]),
        (CommentaryKind.CONCERN, [concern]),
    ]


def test_by_kind_of_nothing_is_nothing():
    assert qualitative.by_kind([]) == []


def test_every_kind_has_a_heading_in_plain_words():
    assert [k.heading for k in CommentaryKind] == [
        "What the numbers tell us",
        "You said, we did",
        "Voice of children and young people",
        "Achievements",
        "Concerns",
    ]


def test_about_matches_a_title_that_is_the_measure_name_whatever_the_case():
    exact = note(CommentaryKind.CONCERN, "Return home interviews held within 72 hours")
    shouting = note(CommentaryKind.CONCERN, "RETURN HOME INTERVIEWS HELD WITHIN 72 HOURS")
    spaced = note(CommentaryKind.CONCERN, "  return home interviews held within 72 hours ")
    assert qualitative.about(RHI, [exact, shouting, spaced]) == [exact, shouting, spaced]


def test_about_matches_a_title_that_is_the_measure_id_whatever_the_case():
    by_id = note(CommentaryKind.CONCERN, "rhi_72h")
    assert qualitative.about(RHI, [by_id]) == [by_id]


def test_about_ignores_a_title_that_only_mentions_the_measure():
    longer = note(CommentaryKind.CONCERN, "Return home interviews held within 72 hours by age")
    other = note(CommentaryKind.CONCERN, "Missing episodes")
    assert qualitative.about(RHI, [longer, other]) == []


# -- Action plans ----------------------------------------------------------------------------


def test_an_action_due_before_today_and_not_complete_is_overdue():
    assert qualitative.is_overdue(action(ActionStatus.AT_RISK, dt.date(2026, 9, 30)), TODAY)


def test_an_action_due_today_is_not_yet_overdue():
    assert not qualitative.is_overdue(action(ActionStatus.ON_TRACK, TODAY), TODAY)


def test_a_complete_action_is_never_overdue():
    assert not qualitative.is_overdue(action(ActionStatus.COMPLETE, dt.date(2026, 9, 30)), TODAY)


def test_an_action_without_a_due_date_is_not_overdue():
    assert not qualitative.is_overdue(action(ActionStatus.OFF_TRACK, None), TODAY)


def test_action_line_gives_status_owner_and_due_date_in_words():
    line = qualitative.action_line(action(ActionStatus.OFF_TRACK, dt.date(2026, 12, 31)), TODAY)
    assert line == "■ Off track · Safe Return Team Manager · due 31 December 2026"


def test_action_line_says_overdue_in_words():
    line = qualitative.action_line(
        action(ActionStatus.AT_RISK, dt.date(2026, 9, 30), owner="Head of Commissioning"), TODAY
    )
    assert line == "▲ At risk · Head of Commissioning · due 30 September 2026 (overdue)"


def test_action_line_for_a_single_digit_day_has_no_leading_zero():
    line = qualitative.action_line(action(ActionStatus.ON_TRACK, dt.date(2027, 3, 1)), TODAY)
    assert line == "● On track · Safe Return Team Manager · due 1 March 2027"


def test_action_line_of_a_complete_action_past_its_due_date_is_not_overdue():
    line = qualitative.action_line(action(ActionStatus.COMPLETE, dt.date(2026, 9, 30)), TODAY)
    assert line == "✓ Complete · Safe Return Team Manager · due 30 September 2026"


def test_action_line_without_a_due_date():
    line = qualitative.action_line(action(ActionStatus.ON_TRACK, None), TODAY)
    assert line == "● On track · Safe Return Team Manager · no due date"


def test_action_plan_table_has_one_row_per_action_with_overdue_in_words():
    table = qualitative.action_plan_table(
        [action(ActionStatus.AT_RISK, dt.date(2026, 9, 30))], TODAY
    )
    assert list(table.columns) == ["Action", "Owner", "Due", "Status", "Latest update"]
    assert table.to_dict("records") == [
        {
            "Action": "Hold return home interviews within 72 hours",
            "Owner": "Safe Return Team Manager",
            "Due": "due 30 September 2026 (overdue)",
            "Status": "▲ At risk",
            "Latest update": "Agency cover arranged.",
        }
    ]


def test_an_action_on_track_past_its_due_date_is_overdue_not_on_track():
    # Due 30 September 2026, still open on TODAY (after it): the last update's "on track" is
    # history, so the status says so rather than "On track" beside "overdue".
    late = action(ActionStatus.ON_TRACK, dt.date(2026, 9, 30))
    line = qualitative.action_line(late, TODAY)
    assert line == (
        "⚠ Overdue (was on track) · Safe Return Team Manager · due 30 September 2026 (overdue)"
    )
    table = qualitative.action_plan_table([late], TODAY)
    assert table.loc[0, "Status"] == "⚠ Overdue (was on track)"


# -- as HTML (issue 17) ----------------------------------------------------------------------

TAGS = "<a href='https://evil.example'>here</a> <img src=x onerror=alert(1)>"


def test_commentary_html_puts_each_kind_under_its_heading_as_typed():
    panel = read_html(
        qualitative.commentary_html(
            [
                note(CommentaryKind.CONCERN, f"Late {TAGS}", "One\nTwo"),
                note(CommentaryKind.NARRATIVE, "Overall", "**Not bold**"),
            ],
            "2026/27 Q2",
        )
    )
    # In the order a panel paper reads: the narrative first, whatever order they came in.
    assert panel.headings == ["What the numbers tell us", "Concerns"]
    assert panel.blocks == ["Overall", "**Not bold**", f"Late {TAGS}", "One\nTwo"]
    assert panel.foreign() == []


def test_commentary_html_of_nothing_says_so_for_the_quarter():
    shown = read_html(qualitative.commentary_html([], "2026/27 Q2"))
    assert shown.blocks == ["No commentary was uploaded for 2026/27 Q2."]


def test_action_plan_html_counts_the_overdue_first_then_a_card_per_action():
    # Due 30 September 2026, at risk and open on TODAY (23 November 2026): overdue; the
    # other, with no due date, cannot be.
    plan = read_html(
        qualitative.action_plan_html(
            [
                action(ActionStatus.AT_RISK, dt.date(2026, 9, 30)),
                action(ActionStatus.ON_TRACK, None, owner=f"Ann {TAGS}"),
            ],
            TODAY,
        )
    )
    assert plan.blocks == [
        "⚠ 1 action is past its due date.",
        "Hold return home interviews within 72 hours",
        "▲ At risk · Safe Return Team Manager · due 30 September 2026 (overdue)",
        "Agency cover arranged.",
        "Hold return home interviews within 72 hours",
        f"● On track · Ann {TAGS} · no due date",
        "Agency cover arranged.",
    ]
    assert plan.foreign() == []


def test_action_plan_html_of_two_overdue_actions_says_two_and_of_none_says_so():
    late = action(ActionStatus.OFF_TRACK, dt.date(2026, 10, 1))
    two = read_html(qualitative.action_plan_html([late, late], TODAY))
    assert two.blocks[0] == "⚠ 2 actions are past their due date."
    none = read_html(qualitative.action_plan_html([], TODAY))
    assert none.blocks == ["No action plan has been uploaded for this priority yet."]
