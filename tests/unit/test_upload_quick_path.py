"""The Data sheet's quick path (whole columns at once, numpy) against the full rules alone
(row by row): on any sheet, seeded with every kind of mistake an officer makes, both give the
same figures and the same problems, in the same words and order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.catalogue import load_catalogue
from scorecard.records import FigureColumns
from scorecard.symbols import Symbol
from scorecard.upload import validate
from scorecard.upload.data_sheet import ObservationRules
from scorecard.upload.issues import DATA_COLUMNS
from scorecard.upload.reader import SheetRow, UploadSheet, UploadWorkbook

CATALOGUE = load_catalogue(Path(__file__).resolve().parents[2] / "data" / "catalogue.toml")
TODAY = dt.date(2025, 2, 1)

# A measure of each unit, frequency and kind of year, and mistakes in each column.
measure_ids = st.sampled_from(
    [
        *("CLA_COUNT", "CLA_RATE", "CLA_DAYS", "PANEL_ATTEND", "MEMBER_CONFIDENCE", "KS2_RWM"),
        *("KS4_ATT8", "SDQ_AVG", "cla_count", "NOPE", "", "  ", 12),
    ]
)
periods = st.sampled_from(
    [
        *("2024/25 Q2", "2024/25 Q3", "Q1 2023/24", "2023/24", "2023/24 AY", "2024/25 Q4"),
        *("Q5 2024/25", "2001/02 Q1", "", 2024, dt.datetime(2024, 8, 1)),
    ]
)
breakdowns = st.one_of(
    st.none(),
    st.sampled_from(["All", "Under 1", "under 1", "16+", "Teens", "", " "]),
    st.just(dt.datetime(2025, 4, 1)),  # 1-4 as Excel dates it
)
# Values near the bounds and near half a unit of n / d (1 / 16 = 6.25%, shown 6.3).
numbers = st.one_of(
    st.sampled_from([0, 0.0, -0.0, 0.5, 1, 6.25, 6.2, 6.3, 6.21, 6.29, 45, 45.5, 99.9, 100]),
    st.sampled_from([100.01, 101, -1, -3.5, 10_000, 10_000.5, 36_500, 36_501, 10_000_000]),
    st.sampled_from([10_000_001, 2**53 + 1, 10**20, float("nan"), float("inf"), -float("inf")]),
    st.integers(min_value=-20, max_value=200),
    st.floats(min_value=-1e4, max_value=1e4, allow_nan=False),
    st.sampled_from([True, False, "c", "x", "z", "-", "45%", "1,250", "lots", "#N/A", ""]),
    st.just(dt.datetime(2024, 5, 6)),
)
counts = st.one_of(st.none(), st.sampled_from([0, 1, 5, 16, 25.0, 40_000, 2.5, -1, "n"]), numbers)
notes = st.one_of(st.none(), st.sampled_from(["A note", " ", "=SUM(A1)", "a\x01b", 7]))
rows = st.lists(
    st.tuples(measure_ids, periods, breakdowns, st.one_of(st.none(), numbers), counts, counts)
    .flatmap(lambda row: st.tuples(st.just(row), notes))
    .map(lambda pair: (*pair[0], pair[1])),
    max_size=40,
)


def workbook(data: list[tuple[object, ...]], percent: frozenset[tuple[int, int]]) -> UploadWorkbook:
    """The sheet as the reader gives it: rows with something in them, trimmed at the end."""
    found = []
    for number, cells in enumerate(data, start=2):
        values = [None if isinstance(c, str) and not c.strip() else c for c in cells]
        while values and values[-1] is None:
            values.pop()
        if values:
            found.append(SheetRow(number, tuple(values)))
    sheet = UploadSheet("Data", 1, DATA_COLUMNS, tuple(found), percent_cells=percent)
    return UploadWorkbook("q3.xlsx", (sheet,))


def problems_and_figures(book: UploadWorkbook) -> tuple[list[str], list[object]]:
    result = validate(book, CATALOGUE, today=TODAY)
    # The figures a column at a time (the preview and the save read them so), and their
    # periods, are the figures taken apart, however they were made.
    figures = result.submission.observations
    apart = FigureColumns.of(figures)
    assert result.submission.columns() == apart
    first_seen: list[object] = []  # each period object once, as it first comes
    for o in figures:
        if not any(p is o.period for p in first_seen):
            first_seen.append(o.period)
    assert list(map(id, result.submission.figure_periods())) == list(map(id, first_seen))
    return [f"{i.severity.value} {i}" for i in result.issues], figures


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=rows, repeated=st.booleans(), formatted=st.sets(st.integers(2, 12), max_size=3))
def test_quick_path_gives_what_the_full_rules_give(data, repeated, formatted):
    if repeated and data:
        data = data + data[:3]  # duplicates, which name both rows
    book = workbook(data, frozenset((row, 3) for row in formatted))
    quick = problems_and_figures(book)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            ObservationRules,
            "quick_observations",
            lambda self, numbers, *_, **__: [None] * len(numbers),
        )
        full = problems_and_figures(book)
    assert quick[0] == full[0]
    assert quick[1] == full[1]
    # -0.0 == 0.0: the figures' signs and types are the same too (stored as they are).
    assert [tuple(map(repr, o)) for o in quick[1]] == [tuple(map(repr, o)) for o in full[1]]


def test_quick_path_takes_plain_rows_and_leaves_each_mistake_to_the_full_rules():
    # Worked by hand: rows 2 and 3 are plain (13 / 16 = 81.25%, shown 81.3) and taken
    # quickly; row 4 is a fraction for a percentage (a warning, and Red against 75), row 5
    # a count with decimals, row 6 repeats row 2 (taken quickly, refused when claimed).
    data = [
        ("CLA_COUNT", "2024/25 Q2", None, 12),
        ("PANEL_ATTEND", "2024/25 Q2", None, 81.3, 13, 16),
        ("PANEL_ATTEND", "2024/25 Q1", None, 0.5),
        ("CLA_COUNT", "2024/25 Q1", None, 2.5),
        ("CLA_COUNT", "2024/25 Q2", None, 12),
    ]
    book = workbook(data, frozenset())
    rules = ObservationRules(CATALOGUE, TODAY)
    sheet = book.sheets[0]
    columns = list(zip(*(r.cells + (None,) * (7 - len(r.cells)) for r in sheet.rows), strict=True))
    quick = rules.quick_observations([r.number for r in sheet.rows], columns)
    assert [o is not None for o in quick] == [True, True, False, False, True]
    problems, figures = problems_and_figures(book)
    assert [(o.measure_id, o.value) for o in figures] == [
        ("CLA_COUNT", 12.0),
        ("PANEL_ATTEND", 81.3),
        ("PANEL_ATTEND", 0.5),
    ]
    assert problems == [
        "blocking Data sheet, row 5, column value: CLA_COUNT is a count, so its value is a "
        "whole number, not 2.5; type the count without decimals",
        "blocking Data sheet, row 6, column measure_id: rows 2 and 6 are both CLA_COUNT, "
        "2024/25 Q2, All; keep one of the two",
        "warning Data sheet, row 4, column value: 0.5 looks like a fraction; it will be "
        "stored as 0.5%. If you meant 50%, type 50",
        "warning Data sheet, row 4, column value: PANEL_ATTEND is Red (0.5 against a target "
        "of 75); add commentary for priority 1 and 2024/25 Q1 on the Commentary sheet to "
        "explain it to the panel",
    ]


def test_a_sheet_taken_whole_by_the_quick_path_gives_its_figures_a_column_at_a_time():
    # Every row plain: the quick path hands its columns on rather than have them taken apart
    # again. The periods come in the order they are first given (Q2, Q1), each once, as
    # the rows' own period objects.
    data = [
        ("CLA_COUNT", "2024/25 Q2", None, 12),
        ("CLA_COUNT", "2024/25 Q1", "Under 1", 3),
        ("PANEL_ATTEND", "2024/25 Q2", None, 81.3, 13, 16, "Two absent"),
        ("CLA_COUNT", "2024/25 Q1", None, "c"),
    ]
    result = validate(workbook(data, frozenset()), CATALOGUE, today=TODAY)
    submission = result.submission
    assert "_columns" in submission.__dict__  # handed on, not yet taken apart
    columns = submission.columns()
    assert columns.measure_ids == ("CLA_COUNT", "CLA_COUNT", "PANEL_ATTEND", "CLA_COUNT")
    assert [p.label for p in columns.periods] == ["2024/25 Q2", "2024/25 Q1"] * 2
    assert columns.breakdowns == ("All", "Under 1", "All", "All")
    assert columns.values == (12.0, 3.0, 81.3, None)
    assert columns.numerators == (None, None, 13.0, None)
    assert columns.denominators == (None, None, 16.0, None)
    assert columns.symbols == (None, None, None, Symbol.SUPPRESSED)
    assert columns.notes == (None, None, "Two absent", None)
    assert [p.label for p in submission.figure_periods()] == ["2024/25 Q2", "2024/25 Q1"]
    assert all(
        any(p is o.period for p in submission.figure_periods()) for o in submission.observations
    )
    assert columns == FigureColumns.of(submission.observations)
