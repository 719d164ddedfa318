"""What an output counts as having shown, and what the officer is told about a change to a
period already published."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from scorecard.disclosure import Release
from scorecard.periods import parse_period
from scorecard.publication import changed_cells, touched, window_cells
from scorecard.status import Reading
from scorecard.storage.publications import Output, Publication

Q1, Q2 = parse_period("2026/27 Q1"), parse_period("2026/27 Q2")


def at(day: int) -> dt.datetime:
    return dt.datetime(2026, 12, day, 12, 0, tzinfo=dt.UTC)


def published(period: object, day: int, output: Output, **shown: float | None) -> Publication:
    cells = {("PLACEMENTS", b.replace("_", " ")): v for b, v in shown.items()}
    return Publication(Release(period, at(day), cells), output.value)  # type: ignore[arg-type]


def test_a_period_published_twice_names_each_day_and_each_output_once() -> None:
    releases = [
        published(Q1, 1, Output.JSON, All=47.0, Other=None),
        published(Q1, 3, Output.PAGE, All=47.0),
        published(Q1, 3, Output.PDF, All=47.0),
        published(Q1, 3, Output.PAGE, All=44.0),
    ]

    [line] = touched([("PLACEMENTS", "All", "2026/27 Q1")], releases, "this upload changes")

    assert line == (
        "2026/27 Q1 was published on 1 December 2026 (JSON export) and 3 December 2026 "
        "(Published version page, briefing pack); this upload changes 1 of its figures: the "
        "public version will keep hiding what it hid then."
    )


def test_only_changes_to_figures_a_release_showed_count() -> None:
    releases = [published(Q1, 1, Output.PAGE, All=47.0)]  # the page shows the total only
    changes = [
        ("PLACEMENTS", "With parents", "2026/27 Q1"),  # never shown
        ("PLACEMENTS", "All", "2026/27 Q2"),  # a quarter never published
    ]

    assert touched(changes, releases, "this upload changes") == []


def test_a_figure_hidden_in_a_release_counts_as_published() -> None:
    releases = [published(Q1, 1, Output.CSV, All=47.0, With_parents=None)]
    changes = [("PLACEMENTS", "With parents", "2026/27 Q1")]

    [line] = touched(changes, releases, "this upload changes")

    assert "changes 1 of its figures" in line


def test_a_window_holds_the_quarters_up_to_the_period_and_years_ended_within_them() -> None:
    quarters = ["2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4", "2026/27 Q1", "2026/27 Q2"]
    histories = {
        ("COUNT", "All"): [Reading(parse_period(q), 1.0) for q in quarters],
        ("COUNT", "16+"): [Reading(Q2, 1.0)],  # a breakdown: no chart or row shows it
        ("EXAMS", "All"): [Reading(parse_period(y), 1.0) for y in ("2024/25", "2025/26")],
        ("LATER", "All"): [Reading(parse_period("2026/27 Q3"), 1.0)],
    }

    found = window_cells(histories, Q2, 4)

    assert found == {
        ("COUNT", "All", "2025/26 Q3"),
        ("COUNT", "All", "2025/26 Q4"),
        ("COUNT", "All", "2026/27 Q1"),
        ("COUNT", "All", "2026/27 Q2"),
        ("EXAMS", "All", "2025/26"),  # ended 31 March 2026, within 2025/26 Q3 to 2026/27 Q2
    }


def test_a_figure_that_changes_appears_or_goes_is_a_change_and_one_that_stays_is_not() -> None:
    columns = ["measure_id", "breakdown", "period", "value", "symbol"]
    before = pd.DataFrame(
        [
            ["M", "All", "2026/27 Q1", 47.0, None],
            ["M", "Other", "2026/27 Q1", 4.0, None],
            ["M", "Homes", "2026/27 Q1", float("nan"), "c"],
            ["M", "Gone", "2026/27 Q1", 1.0, None],
        ],
        columns=columns,
    )
    after = pd.DataFrame(
        [
            ["M", "All", "2026/27 Q1", 44.0, None],
            ["M", "Other", "2026/27 Q1", 4.0, None],
            ["M", "Homes", "2026/27 Q1", float("nan"), "c"],
            ["M", "New", "2026/27 Q1", 2.0, None],
        ],
        columns=columns,
    )

    assert changed_cells(before, after) == {
        ("M", "All", "2026/27 Q1"),
        ("M", "Gone", "2026/27 Q1"),
        ("M", "New", "2026/27 Q1"),
    }
