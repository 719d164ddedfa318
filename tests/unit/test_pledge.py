"""The Pledge: how well each promise is kept, in words a young person can read
(issue 4 item 4). Expected statuses are worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scorecard import pledge
from scorecard.catalogue import Catalogue, parse_catalogue
from scorecard.periods import parse_period
from scorecard.rag import Rag
from scorecard.records import ActionItem, ActionStatus
from scorecard.status import MeasureStatus, Reading, assess
from tests.unit.builders import measure_fields

Q2 = parse_period("2026/27 Q2")


def priority(number: int) -> dict[str, Any]:
    return {
        "number": number,
        "short_title": f"P{number}",
        "title": f"P{number}",
        "plain_title": "P",
    }


# Every rated measure has a 60% target with 5 points' tolerance: Green 60+, Amber 55-59.9,
# Red below 55. FIGURES gives each measure's 2026/27 Q2 figure (None = no figure).
FIGURES: dict[str, float | None] = {
    "GREEN_A": 70.0,
    "GREEN_B": 61.0,
    "AMBER": 57.0,
    "RED": 40.0,
    "UNRATED": 50.0,  # no target
    "NO_FIGURE": None,  # target, but nothing reported
}


def pledge_catalogue(pledge_entries: list[dict[str, Any]]) -> Catalogue:
    rated = {"target": 60, "tolerance": 5}
    return parse_catalogue(
        {
            "authority": {"name": "Testshire (test data)", "demonstration": True},
            "priorities": [priority(3), priority(4), priority(5)],
            "measures": [
                measure_fields("GREEN_A", priority=4, **rated),
                measure_fields("GREEN_B", priority=4, **rated),
                measure_fields("AMBER", priority=4, **rated),
                measure_fields("RED", priority=4, **rated),
                measure_fields("UNRATED", priority=5),
                measure_fields("NO_FIGURE", priority=5, **rated),
            ],
            "pledge": pledge_entries,
        },
        "test catalogue",
    )


def statuses(catalogue: Catalogue) -> list[MeasureStatus]:
    found = []
    for m in catalogue.measures:
        value = FIGURES[m.id]
        history = [] if value is None else [Reading(Q2, value)]
        found.append(assess(m, history, Q2))
    return found


def promise(number: int, *measures: str, priorities: tuple[int, ...] = ()) -> dict[str, Any]:
    return {
        "number": number,
        "promise": f"Promise number {number}.",
        "priorities": list(priorities),
        "measures": list(measures),
    }


def overall_of(*measures: str) -> Rag:
    catalogue = pledge_catalogue([promise(1, *measures)])
    (kept,) = pledge.promises(catalogue, statuses(catalogue), [])
    return kept.overall


def test_a_promise_with_every_measure_green_is_green():
    assert overall_of("GREEN_A", "GREEN_B") is Rag.GREEN


def test_overall_status_is_the_worst_rated_measure():
    # Green, Amber and Red together: the promise is only kept if all of it is kept.
    assert overall_of("GREEN_A", "AMBER", "RED") is Rag.RED
    assert overall_of("GREEN_A", "AMBER") is Rag.AMBER


def test_measures_without_a_target_do_not_pull_a_rated_promise_down():
    # Green and Not rated: the rated measure decides.
    assert overall_of("GREEN_A", "UNRATED") is Rag.GREEN


def test_a_promise_with_only_unrated_measures_is_not_rated():
    assert overall_of("UNRATED") is Rag.NOT_RATED


def test_a_promise_whose_measures_have_no_figures_is_no_data():
    assert overall_of("NO_FIGURE") is Rag.NO_DATA
    # No data and Not rated together: we cannot check it, so "no numbers yet".
    assert overall_of("UNRATED", "NO_FIGURE") is Rag.NO_DATA


def test_headline_wording_for_each_overall_status():
    catalogue = pledge_catalogue(
        [
            promise(1, "GREEN_A"),
            promise(2, "AMBER"),
            promise(3, "RED"),
            promise(4, "UNRATED"),
            promise(5, "NO_FIGURE"),
        ]
    )
    headlines = [p.headline for p in pledge.promises(catalogue, statuses(catalogue), [])]
    assert headlines == [
        "We are keeping this promise.",
        "We are nearly keeping this promise.",
        "We are not keeping this promise well enough yet.",
        "We check this promise, but have not set a target for it.",
        "We do not have the numbers to check this promise yet.",
    ]


def test_plain_status_has_words_for_every_rag():
    assert set(pledge.PLAIN_STATUS) == set(Rag)
    assert pledge.PLAIN_STATUS[Rag.RED] == "Not good enough yet: we are working on it"


def test_promises_are_in_number_order_with_their_measures_in_promise_order():
    catalogue = pledge_catalogue([promise(2, "RED", "GREEN_A"), promise(1, "AMBER")])
    found = pledge.promises(catalogue, statuses(catalogue), [])
    assert [p.promise.number for p in found] == [1, 2]
    assert [s.measure.id for s in found[1].measures] == ["RED", "GREEN_A"]


def action(priority_number: int, text: str) -> ActionItem:
    return ActionItem(
        period=Q2,
        priority=priority_number,
        action=text,
        owner="Head of Service",
        due=dt.date(2026, 12, 31),
        status=ActionStatus.ON_TRACK,
    )


def test_a_promise_lists_only_the_actions_of_its_priorities():
    catalogue = pledge_catalogue([promise(1, "GREEN_A", priorities=(4,))])
    actions = [
        action(3, "Safety action"),
        action(4, "Stable homes action"),
        action(5, "Care leavers action"),
        action(4, "Second stable homes action"),
    ]
    (kept,) = pledge.promises(catalogue, statuses(catalogue), actions)
    assert [a.action for a in kept.actions] == ["Stable homes action", "Second stable homes action"]


def test_a_promise_without_priorities_has_no_actions():
    catalogue = pledge_catalogue([promise(1, "GREEN_A")])
    (kept,) = pledge.promises(catalogue, statuses(catalogue), [action(4, "Any action")])
    assert kept.actions == []


def test_no_pledge_gives_no_promises():
    catalogue = pledge_catalogue([])
    assert pledge.promises(catalogue, statuses(catalogue), []) == []


def test_a_yearly_figure_in_a_promise_says_which_year_it_is_for() -> None:
    # Exam results for the academic year 2024/25 are the latest in 2026/27 Q2 (2025/26's come
    # later): a young person reading "19.4" would take it for this quarter's.
    catalogue = parse_catalogue(
        {
            "authority": {"name": "Testshire (test data)", "demonstration": True},
            "priorities": [priority(2)],
            "measures": [
                measure_fields(
                    "EXAMS", priority=2, unit="score", frequency="annual", year_type="academic"
                ),
                measure_fields("PEP", priority=2),
            ],
            "pledge": [promise(1, "EXAMS", "PEP")],
        },
        "test catalogue",
    )
    exams = assess(catalogue.measure("EXAMS"), [Reading(parse_period("2024/25 AY"), 19.4)], Q2)
    plans = assess(catalogue.measure("PEP"), [Reading(Q2, 96.4)], Q2)
    html = pledge.page_html(
        pledge.promises(catalogue, [exams, plans], []), Q2.label, dt.date.today()
    )
    assert "Measure EXAMS: 19.4 (academic year 2024/25)." in html
    assert "Measure PEP: 96.4%. " in html
