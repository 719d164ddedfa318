"""Telling, sheet by sheet, how the figures are laid out.

* **long** (the template's Data sheet): a heading row with ``measure_id``, ``period``,
  ``value``…, one observation per row below it;
* **wide** (officers' own scorecards): one row per measure, one column per period. Above the
  heading row there may be titles; the heading row names periods in any form
  :func:`~scorecard.periods.parse_period` reads (``2024/25 Q3``, ``Q3 24/25``, a date…), or
  bare quarters (``Q1``… ``Q4``) under a row of years, which is how a merged year heading
  reads. Other columns (Target, England, RAG, notes) are extras.

A sheet that is neither is not read (and says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from openpyxl.utils import get_column_letter

from scorecard.errors import PeriodError
from scorecard.periods import Period, PeriodKind, parse_period
from scorecard.upload.data_sheet import ObservationRules
from scorecard.upload.issues import MEASURE_ID, PERIOD, VALUE, normalise_header
from scorecard.upload.reader import Cell, SheetRow, UploadSheet

# Titles, logos and notes above the heading row rarely take more than a few rows.
HEADING_SEARCH_ROWS = 30
_BARE_QUARTER = re.compile(r"^q\s*([1-4])$", re.IGNORECASE)


class Layout(StrEnum):
    LONG = "long"
    WIDE = "wide"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PeriodColumn:
    position: int  # 0-based
    period: Period
    heading: Cell  # as found, to quote back (a date heading reads as the quarter it is in)
    from_year_above: bool = False

    @property
    def letter(self) -> str:
        return str(get_column_letter(self.position + 1))

    @property
    def name(self) -> str:
        """How an issue names the column: its letter and the period it holds."""
        return f"{self.letter} ({self.period.label})"


@dataclass(frozen=True)
class SheetLayout:
    layout: Layout
    heading_row: int = 0  # Excel row number of the heading row
    periods: tuple[PeriodColumn, ...] = ()
    first_measure_row: int = 0

    @property
    def uses_year_row(self) -> bool:
        return any(p.from_year_above for p in self.periods)


def detect(sheet: UploadSheet, rules: ObservationRules) -> SheetLayout:
    rows = sheet.all_rows
    for row in rows[:HEADING_SEARCH_ROWS]:
        if _is_long_heading(row):
            return SheetLayout(Layout.LONG, row.number)
    first_measure = next(
        (
            index
            for index, row in enumerate(rows[: HEADING_SEARCH_ROWS * 10])
            if any(rules.find_measure(c) for c in row.cells if isinstance(c, str))
        ),
        None,
    )
    if first_measure is None:
        return SheetLayout(Layout.UNKNOWN)
    best: tuple[PeriodColumn, ...] = ()
    best_row = 0
    start = max(0, first_measure - HEADING_SEARCH_ROWS)
    for index in range(start, first_measure):
        above = rows[index - 1] if index > 0 else None
        found = period_columns(rows[index], above)
        if found and len(found) >= len(best):  # a tie goes to the row nearest the figures
            best, best_row = found, rows[index].number
    if not best:
        return SheetLayout(Layout.UNKNOWN)
    return SheetLayout(Layout.WIDE, best_row, best, rows[first_measure].number)


def _is_long_heading(row: SheetRow) -> bool:
    names = {normalise_header(c) for c in row.cells if isinstance(c, str)}
    if PERIOD in names and VALUE in names:
        return True
    return MEASURE_ID in names and not period_columns(row, None)


def period_columns(row: SheetRow, above: SheetRow | None) -> tuple[PeriodColumn, ...]:
    """The cells of a heading row that name a period."""
    years = _years(above) if above is not None and above.number == row.number - 1 else {}
    found = []
    for position, cell in enumerate(row.cells):
        if cell is None or isinstance(cell, bool):
            continue
        bare = _BARE_QUARTER.match(cell.strip()) if isinstance(cell, str) else None
        if bare:
            year = _year_at(years, position)
            if year is not None:
                period = Period.quarter_of(year.start_year, int(bare.group(1)))
                found.append(PeriodColumn(position, period, cell, from_year_above=True))
            continue
        try:
            found.append(PeriodColumn(position, parse_period(cell), cell))
        except PeriodError:
            continue
    return tuple(found)


def _years(row: SheetRow) -> dict[int, Period | None]:
    """Each filled cell of the row above the heading: the financial year it names, or None."""
    found: dict[int, Period | None] = {}
    for position, cell in enumerate(row.cells):
        if cell is None:
            continue
        try:
            period: Period | None = parse_period(cell)
        except PeriodError:
            period = None
        found[position] = (
            period if period is not None and period.kind is PeriodKind.FINANCIAL_YEAR else None
        )
    return found


def _year_at(years: dict[int, Period | None], position: int) -> Period | None:
    """The year heading over ``position``: its own cell, or the nearest filled cell to its left
    (a merged cell keeps its text in its first column)."""
    left = [p for p in years if p <= position]
    return years[max(left)] if left else None
