"""Telling, sheet by sheet, how the figures are laid out.

* **long** (the template's Data sheet): a heading row with ``measure_id``, ``period``,
  ``value``…, one observation per row below it;
* **wide** (officers' own scorecards): one row per measure, one column per period. Above the
  heading row there may be titles; the heading row names periods in any form
  :func:`~scorecard.periods.parse_period` reads (``2024/25 Q3``, ``Q3 24/25``, a date…), or
  bare quarters (``Q1``… ``Q4``) under a row of years, which is how a merged year heading
  reads. Other columns (Target, England, RAG, notes) are extras. The heading row is the row
  of periods nearest above the first measure: rows above it (a title, "Reporting period: …,
  Date produced: …") are not headings even when they hold a period or a date. A period may be
  merged over sub-columns headed, in the row just below, ``n`` (the numerator), ``N`` (the
  denominator) and ``%`` (the value): see :func:`sub_headings`.

A sheet that is neither is not read (and says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from openpyxl.utils import get_column_letter

from scorecard.errors import PeriodError
from scorecard.periods import Period, PeriodKind, parse_period
from scorecard.upload.cells import is_blank, shown
from scorecard.upload.data_sheet import ObservationRules
from scorecard.upload.issues import (
    DENOMINATOR,
    MEASURE_ID,
    NUMERATOR,
    PERIOD,
    VALUE,
    normalise_header,
)
from scorecard.upload.reader import Cell, SheetRow, UploadSheet

# Titles, logos and notes above the heading row rarely take more than a few rows.
HEADING_SEARCH_ROWS = 30
_BARE_QUARTER = re.compile(r"^q\s*([1-4])$", re.IGNORECASE)
# What officers write over the columns of one period, and what each column then holds. "n"
# and "N" differ only in case (the number of children, out of how many), so they are read
# before case is set aside.
_SUB_HEADINGS = {
    "n": NUMERATOR,
    "N": DENOMINATOR,
    "%": VALUE,
    "value": VALUE,
    "rate": VALUE,
    "percent": VALUE,
    "percentage": VALUE,
    "number": NUMERATOR,
    "no.": NUMERATOR,
    "numerator": NUMERATOR,
    "cohort": DENOMINATOR,
    "denominator": DENOMINATOR,
    "out of": DENOMINATOR,
}


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
    role: str = VALUE  # or NUMERATOR / DENOMINATOR, under a period split into n | N | %

    @property
    def letter(self) -> str:
        return str(get_column_letter(self.position + 1))

    @property
    def name(self) -> str:
        """How an issue names the column: its letter and the period (and part) it holds."""
        part = "" if self.role == VALUE else f" {self.role}"
        return f"{self.letter} ({self.period.label}{part})"


@dataclass(frozen=True)
class SheetLayout:
    layout: Layout
    heading_row: int = 0  # Excel row number of the heading row
    periods: tuple[PeriodColumn, ...] = ()

    @property
    def uses_year_row(self) -> bool:
        return any(p.from_year_above for p in self.periods)


def detect(sheet: UploadSheet, rules: ObservationRules) -> SheetLayout:
    rows = sheet.head(HEADING_SEARCH_ROWS * 10)  # all the rows looked at below
    for index, row in enumerate(rows[:HEADING_SEARCH_ROWS]):
        if _is_long_heading(row, rows[index - 1] if index > 0 else None):
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
    # The heading is the row of periods nearest above the first measure: it heads the rows
    # below it. A row further up that names more periods is report details ("Reporting period:
    # 2026/27 Q1 | Date produced: 15/07/2026"), whose columns hold other figures (England).
    start = max(0, first_measure - HEADING_SEARCH_ROWS)
    for index in range(first_measure - 1, start - 1, -1):
        found = period_columns(rows[index], rows[index - 1] if index > 0 else None)
        if found:
            return SheetLayout(Layout.WIDE, rows[index].number, found)
    return SheetLayout(Layout.UNKNOWN)


def _is_long_heading(row: SheetRow, above: SheetRow | None) -> bool:
    names = {normalise_header(c) for c in row.cells if isinstance(c, str)}
    if PERIOD in names and VALUE in names:
        return True
    # "Measure ID" over bare quarters, with their years in the row above, is a wide heading.
    return MEASURE_ID in names and not period_columns(row, above)


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


@dataclass(frozen=True)
class SubHeadings:
    """What each column under the periods holds, read from the row just below them when it
    splits a period into n | N | % (a period merged over its sub-columns is written in the
    first of them only)."""

    columns: tuple[PeriodColumn, ...]  # the columns to read, each with its period and role
    spanned: frozenset[int]  # every column under a period, read or not (0-based)
    row: int = 0  # the Excel row of the sub-headings; 0 when there are none
    # (columns, value found, message) for each period whose sub-headings are not understood;
    # its columns are not read.
    problems: tuple[tuple[str, str, str], ...] = ()


def sub_headings(
    periods: tuple[PeriodColumn, ...], heading: SheetRow, below: SheetRow | None
) -> SubHeadings:
    """The period columns as ``below`` splits them, when it is a row of sub-headings: directly
    under the periods, no figures under them, and at least one of ``n``, ``N``, ``%``…"""
    unsplit = SubHeadings(periods, frozenset(p.position for p in periods))
    if below is None or below.number != heading.number + 1:
        return unsplit
    under: list[tuple[PeriodColumn, int, Cell]] = []
    for column in periods:
        under.append((column, column.position, _filled(below.get(column.position))))
        position = column.position + 1
        # A blank heading with a sub-heading below it is part of the period to its left.
        while is_blank(heading.get(position)) and not is_blank(below.get(position)):
            under.append((column, position, below.get(position)))
            position += 1
    cells = [cell for _, _, cell in under if cell is not None]
    if any(not isinstance(c, str) for c in cells) or not any(_role(c) for c in cells):
        return unsplit
    columns: list[PeriodColumn] = []
    problems = []
    for period in dict.fromkeys(column.period for column, _, _ in under):
        parts = [(column, p, cell) for column, p, cell in under if column.period == period]
        roles = [VALUE if cell is None else _role(cell) for _, _, cell in parts]
        problem = _sub_heading_problem(roles, [shown(cell) for _, _, cell in parts])
        if problem:
            first, last = parts[0][1], parts[-1][1]
            letters = get_column_letter(first + 1) + (
                f":{get_column_letter(last + 1)}" if last != first else ""
            )
            found = " | ".join(shown(cell) for _, _, cell in parts)
            problems.append((f"{letters} ({period.label})", found, problem))
            continue
        columns += [
            PeriodColumn(p, period, column.heading, column.from_year_above, role)
            for (column, p, _), role in zip(parts, roles, strict=True)
            if role is not None
        ]
    return SubHeadings(
        tuple(columns), frozenset(p for _, p, _ in under), below.number, tuple(problems)
    )


def _filled(cell: Cell) -> Cell:
    return None if is_blank(cell) else cell


def _role(cell: Cell) -> str | None:
    if not isinstance(cell, str):
        return None
    words = " ".join(cell.split())
    return _SUB_HEADINGS.get(words) or _SUB_HEADINGS.get(words.casefold())


def _sub_heading_problem(roles: list[str | None], found: list[str]) -> str | None:
    unknown = [f"'{text}'" for text, role in zip(found, roles, strict=True) if role is None]
    if unknown:
        verb = "is" if len(unknown) == 1 else "are"
        why = f"{', '.join(unknown)} {verb} not a heading this check understands"
    elif len(set(roles)) < len(roles):
        why = "two of its columns have the same heading"
    elif VALUE not in roles:
        why = "none of its columns holds the figure itself (%)"
    else:
        return None
    return (
        f"{why}; head the columns under a period n (the number of children), N (out of how "
        "many) and % (the figure), or keep one value column per period"
    )
