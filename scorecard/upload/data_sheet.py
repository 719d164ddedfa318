"""The Data sheet (long layout): one observation per row, every rule checked on every row."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from decimal import Decimal

from scorecard.catalogue import ALL, Catalogue, Frequency, Measure, Unit, YearType
from scorecard.errors import PeriodError
from scorecard.periods import Period, PeriodKind
from scorecard.rag import as_displayed
from scorecard.records import Observation
from scorecard.upload.cells import (
    NumberCell,
    as_percent,
    is_blank,
    number_text,
    read_number,
    read_period,
    shown,
    text,
)
from scorecard.upload.columns import Columns, Place, Report, locate
from scorecard.upload.issues import (
    BREAKDOWN,
    DATA_COLUMNS,
    DATA_REQUIRED,
    DENOMINATOR,
    MEASURE_ID,
    NOTE,
    NUMERATOR,
    PERIOD,
    VALUE,
)
from scorecard.upload.reader import Cell, SheetRow, UploadSheet

_UNIT_WORDS = {
    Unit.COUNT: "a count",
    Unit.PERCENT: "a percentage",
    Unit.RATE_PER_10K: "a rate per 10,000 children",
    Unit.DAYS: "a number of days",
    Unit.SCORE: "a score",
    Unit.CURRENCY: "an amount of money",
}
# Units that can never be below zero, and those whose value is numerator / denominator.
_NEVER_NEGATIVE = (Unit.COUNT, Unit.PERCENT, Unit.RATE_PER_10K, Unit.DAYS)
_SCALE = {Unit.PERCENT: 100, Unit.RATE_PER_10K: 10_000}


@dataclass(frozen=True)
class DataRow:
    row: int  # Excel row number, so later rules (a Red measure) can point at it
    observation: Observation


def read_data(
    sheet: UploadSheet, catalogue: Catalogue, today: dt.date, report: Report
) -> list[DataRow]:
    columns = locate(sheet, DATA_COLUMNS, DATA_REQUIRED, report)
    if columns is None:
        return []
    first_row_of: dict[tuple[str, str, str], int] = {}
    accepted = []
    for row in sheet.rows:
        if columns.row_is_blank(row, (VALUE, NUMERATOR, DENOMINATOR, NOTE)):
            continue  # a pre-filled template row left empty is not an error
        place = Place(report, sheet.name, row.number)
        before = report.blocking_count
        observation = _observation(row, columns, catalogue, today, place)
        if observation is None:
            continue
        key = observation.key
        if key in first_row_of:
            place.block(
                MEASURE_ID,
                observation.measure_id,
                f"rows {first_row_of[key]} and {row.number} are both {observation.measure_id}, "
                f"{observation.period.label}, {observation.breakdown}; keep one of the two rows",
            )
        else:
            first_row_of[key] = row.number
        if report.blocking_count == before:
            accepted.append(DataRow(row.number, observation))
    return accepted


def _observation(
    row: SheetRow, columns: Columns, catalogue: Catalogue, today: dt.date, place: Place
) -> Observation | None:
    """The row's observation, or None when its measure, period or breakdown is unusable.

    Every cell is checked even when an earlier one is wrong, so the officer sees all the
    row's problems at once.
    """
    measure = _measure(columns.cell(row, MEASURE_ID), catalogue, place)
    period = _period(columns.cell(row, PERIOD), today, place)
    if measure is not None and period is not None:
        _check_frequency(measure, period, columns.cell(row, PERIOD), place)
    breakdown = _breakdown(columns.cell(row, BREAKDOWN), measure, place)
    value_cell = columns.cell(row, VALUE)
    formatted = columns.is_percent(row, VALUE)
    parsed = read_number(value_cell)
    value = _value(parsed, value_cell, formatted, measure, place)
    numerator = _count(columns.cell(row, NUMERATOR), NUMERATOR, place)
    denominator = _count(columns.cell(row, DENOMINATOR), DENOMINATOR, place)
    if measure is not None:
        _check_value(measure, value, shown(value_cell, percent=formatted), place)
        _check_ratio(measure, value, parsed, numerator, denominator, place)
    if measure is None or period is None or breakdown is None:
        return None
    note = text(columns.cell(row, NOTE))
    return Observation(
        measure_id=measure.id,
        period=period,
        breakdown=breakdown,
        value=value,
        numerator=numerator,
        denominator=denominator,
        symbol=parsed.symbol,
        note=note or None,
    )


def _measure(cell: Cell, catalogue: Catalogue, place: Place) -> Measure | None:
    raw = shown(cell)
    if not raw:
        place.block(
            MEASURE_ID,
            "",
            "the measure_id is blank; choose the measure's id (the Measures sheet lists them)",
        )
        return None
    for measure in catalogue.measures:
        if measure.id == raw.upper() or measure.name.casefold() == raw.casefold():
            return measure
    ids = [m.id for m in catalogue.measures]
    close = difflib.get_close_matches(raw.upper(), ids, n=3, cutoff=0.6)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    place.block(
        MEASURE_ID,
        raw,
        f"'{raw}' is not a measure in the catalogue; {hint}The Measures sheet lists every id",
    )
    return None


def _period(cell: Cell, today: dt.date, place: Place) -> Period | None:
    try:
        return read_period(cell, today)
    except PeriodError as problem:
        place.block(PERIOD, shown(cell), str(problem))
        return None


def _check_frequency(measure: Measure, period: Period, cell: Cell, place: Place) -> None:
    if measure.frequency is Frequency.QUARTERLY:
        if period.kind is not PeriodKind.QUARTER:
            place.block(
                PERIOD,
                shown(cell),
                f"{measure.id} is reported each quarter, so its period must be a quarter such "
                f"as {period.year_label} Q1, not a year",
            )
        return
    academic = measure.year_type is YearType.ACADEMIC
    wanted = PeriodKind.ACADEMIC_YEAR if academic else PeriodKind.FINANCIAL_YEAR
    if period.kind is not wanted:
        year = (Period.academic_year if academic else Period.financial_year)(period.start_year)
        kind = "an academic" if academic else "a financial"
        place.block(
            PERIOD,
            shown(cell),
            f"{measure.id} is reported once a year, for {kind} year, so its period must be "
            f"a year such as {year.label}",
        )


def _breakdown(cell: Cell, measure: Measure | None, place: Place) -> str | None:
    if is_blank(cell):
        return ALL
    raw = shown(cell)
    if measure is None:
        return raw
    wanted = {_plain(b): b for b in measure.all_breakdowns}
    if isinstance(cell, dt.date):
        # Excel turns "1-4" into 1 April as it is typed; read it back as the age band.
        band = f"{cell.day}-{cell.month}"
        if band in wanted:
            place.warn(
                BREAKDOWN,
                raw,
                f"Excel turned the age band {band} into a date; it was read as {band}. "
                "Format the breakdown column as Text to stop this",
            )
            return wanted[band]
    found = wanted.get(_plain(raw))
    if found is None:
        allowed = ", ".join(measure.all_breakdowns)
        advice = (
            f"use one of {allowed} (blank means {ALL})"
            if measure.breakdowns
            else f"{measure.id} has no breakdowns, so leave it blank ({ALL})"
        )
        place.block(BREAKDOWN, raw, f"'{raw}' is not a breakdown of {measure.id}; {advice}")
    return found


def _plain(label: str) -> str:
    return " ".join(label.replace("–", "-").replace("—", "-").casefold().split())


def _value(
    parsed: NumberCell, cell: Cell, formatted: bool, measure: Measure | None, place: Place
) -> float | None:
    if parsed.problem:
        place.block(VALUE, shown(cell), parsed.problem)
        return None
    if parsed.number is None or measure is None:
        return parsed.number
    if measure.unit is Unit.PERCENT:
        return as_percent(parsed.number) if formatted else parsed.number
    if formatted or parsed.percent_sign:
        how = "format the cell as a number and type" if formatted else "type"
        place.block(
            VALUE,
            shown(cell, percent=formatted),
            f"{measure.id} is {_UNIT_WORDS[measure.unit]}, not a percentage; "
            f"{how} the figure without %",
        )
        return None
    return parsed.number


def _count(cell: Cell, column: str, place: Place) -> float | None:
    parsed = read_number(cell, allow_symbol=False)
    if parsed.problem:
        place.block(column, shown(cell), parsed.problem)
        return None
    if parsed.number is not None and parsed.number < 0:
        place.block(
            column, shown(cell), f"the {column} is a number of children and cannot be negative"
        )
        return None
    return parsed.number


def _check_value(measure: Measure, value: float | None, found: str, place: Place) -> None:
    if value is None:
        return
    if measure.unit is Unit.PERCENT and not 0 <= value <= 100:
        place.block(
            VALUE,
            found,
            f"{found} is not a percentage between 0 and 100; type e.g. 45 for 45%",
        )
    elif measure.unit in _NEVER_NEGATIVE and value < 0:
        place.block(
            VALUE,
            found,
            f"{measure.id} is {_UNIT_WORDS[measure.unit]} and cannot be negative",
        )


def _check_ratio(
    measure: Measure,
    value: float | None,
    parsed: NumberCell,
    numerator: float | None,
    denominator: float | None,
    place: Place,
) -> None:
    """Numerator and denominator must agree with each other and with the value."""
    scale = _SCALE.get(measure.unit)
    if scale is None or numerator is None or denominator is None:
        _warn_if_fraction(measure, value, parsed, place)
        return
    n, d = number_text(numerator), number_text(denominator)
    if numerator > denominator:
        place.block(
            NUMERATOR,
            n,
            f"the numerator ({n}) is more than the denominator ({d}); the numerator counts "
            "the children who met the measure, out of the denominator; check they are not "
            "swapped",
        )
        return
    if denominator == 0:
        if value is not None:
            place.block(
                DENOMINATOR,
                d,
                "the denominator is 0, so there is no figure; leave the value blank or use z "
                "(not applicable)",
            )
        return
    expected = as_displayed(scale * numerator / denominator, measure.decimals)
    suffix = "%" if measure.unit is Unit.PERCENT else " per 10,000"
    if value is None:
        if parsed.is_empty and not parsed.no_value:
            place.warn(
                VALUE,
                "",
                f"the value is blank but the numerator and denominator are given "
                f"({n} / {d} = {expected}{suffix}); type the value",
            )
        return
    half_unit = Decimal(5).scaleb(-measure.decimals - 1)
    if abs(Decimal(repr(value)) - expected) > half_unit:
        place.block(
            VALUE,
            number_text(value),
            f"{number_text(value)} does not match the numerator and denominator: "
            f"{n} / {d} = {expected}{suffix}; correct the value, the numerator or the "
            "denominator",
        )


def _warn_if_fraction(
    measure: Measure, value: float | None, parsed: NumberCell, place: Place
) -> None:
    """0.45 for a percentage is usually 45% typed as a fraction; say so, but do not block."""
    if measure.unit is not Unit.PERCENT or value is None or parsed.percent_sign:
        return
    if 0 < value < 1 and parsed.number == value:
        meant = number_text(value * 100)
        place.warn(
            VALUE,
            number_text(value),
            f"{number_text(value)} looks like a fraction; it will be stored as "
            f"{number_text(value)}%. If you meant {meant}%, type {meant}",
        )
