"""Figures: the rules every observation is checked against, and the long Data sheet.

:class:`ObservationRules` holds the rules for one cell of each kind (measure, period,
breakdown, value, numerator, denominator) so that the long layout (one observation per row,
here) and officers' wide layouts (:mod:`scorecard.upload.wide`) report the same problems in the
same words. An upload has tens of thousands of cells that repeat the same few measure ids,
periods and breakdowns, so what a cell means is worked out once and remembered; a problem is
still reported on every row where it occurs.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Container, Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from itertools import compress, repeat
from operator import attrgetter, is_
from typing import Any, NamedTuple, cast

import numpy as np
import numpy.typing as npt

from scorecard.catalogue import ALL, Catalogue, Frequency, Measure, Unit, YearType
from scorecard.errors import PeriodError
from scorecard.periods import Period, PeriodKind, configured_earliest_year
from scorecard.rag import as_displayed
from scorecard.records import FigureColumns, Observation
from scorecard.symbols import Symbol
from scorecard.upload.arrays import blanks_as_nan, not_none, take
from scorecard.upload.cells import (
    NumberCell,
    as_percent,
    number_text,
    read_number,
    read_period,
    shown,
    text,
)
from scorecard.upload.columns import Place, Report, locate
from scorecard.upload.issues import (
    BREAKDOWN,
    DATA_COLUMNS,
    DATA_REQUIRED,
    DENOMINATOR,
    MEASURE_ID,
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
# The most children a count, numerator or denominator can be: more than any council looks
# after (England has about 12 million children in all). Anything bigger is a typing or
# pasting slip, and bounded figures always fit every export and chart.
MOST_CHILDREN = 10_000_000
# The lowest and highest value of each unit, and how the range is said to the officer.
BOUNDS: dict[Unit, tuple[float, float, str]] = {
    Unit.COUNT: (0, MOST_CHILDREN, "at most 10,000,000 (more than any council has)"),
    Unit.PERCENT: (0, 100, "from 0 to 100"),
    Unit.RATE_PER_10K: (0, 10_000, "at most 10,000 per 10,000 children (every child)"),
    Unit.DAYS: (0, 36_500, "at most 36,500 days (a hundred years)"),
    Unit.SCORE: (-10_000, 10_000, "from -10,000 to 10,000"),
    Unit.CURRENCY: (
        -10_000_000_000,
        10_000_000_000,
        "from -£10,000,000,000 to £10,000,000,000",
    ),
}


class DataRow(NamedTuple):
    """An accepted observation and where it was, so later rules (a Red measure) can point
    at it. (A tuple: an upload has tens of thousands.)"""

    sheet: str
    row: int  # Excel row number
    column: str
    observation: Observation


class Accepted:
    """The observations sheets gave, each with where it was (sheet, Excel row, column) so
    later rules (a Red measure) can point at it: kept a column at a time, since a run of a
    sheet's rows is added at once and an upload has tens of thousands."""

    __slots__ = ("by_column", "columns", "observations", "rows", "sheets")

    def __init__(self) -> None:
        self.observations: list[Observation] = []
        self.sheets: list[str] = []
        self.rows: list[int] = []
        self.columns: list[str] = []
        # The observations a column at a time and their distinct periods, when they came so
        # (a sheet every row of which passed the quick path); None when not known.
        self.by_column: tuple[FigureColumns, tuple[Period, ...]] | None = None

    def append(self, row: DataRow) -> None:
        self.add(row.sheet, (row.row,), row.column, (row.observation,))

    def add(
        self,
        sheet: str,
        rows: Sequence[int],
        column: str,
        observations: Sequence[Observation],
        by_column: tuple[FigureColumns, tuple[Period, ...]] | None = None,
    ) -> None:
        """Consecutive rows of one sheet and column (``by_column``: the same observations a
        column at a time, if known)."""
        self.by_column = by_column if not self.observations else None
        self.observations += observations
        self.sheets += repeat(sheet, len(rows))
        self.rows += rows
        self.columns += repeat(column, len(rows))

    def extend(self, rows: Accepted | Iterable[DataRow]) -> None:
        if isinstance(rows, Accepted):
            self.by_column = rows.by_column if not self.observations else None
            self.observations += rows.observations
            self.sheets += rows.sheets
            self.rows += rows.rows
            self.columns += rows.columns
        else:
            for row in rows:
                self.append(row)

    def __len__(self) -> int:
        return len(self.observations)

    def __getitem__(self, index: int) -> DataRow:
        return DataRow(
            self.sheets[index], self.rows[index], self.columns[index], self.observations[index]
        )


class DataColumns(NamedTuple):
    """Where each of the Data sheet's columns is in a row (0-based)."""

    measure_id: int
    period: int
    breakdown: int
    value: int
    numerator: int
    denominator: int
    note: int


# The dashes and quotation marks Word and Excel substitute as you type, as typed on a keyboard.
_TYPED = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"'})


def plain_label(label: str) -> str:
    """A label as it is matched: case, spacing, and the dashes and curly quotation marks Word
    substitutes do not count ("Children’s homes" is "Children's homes")."""
    return " ".join(label.translate(_TYPED).casefold().split())


# A sheet's rows are at most 1,048,576: each sheet's rows are numbered apart in this stride.
_SHEET_STRIDE = 1 << 32


class QuickObservations(list[Observation | None]):
    """What :meth:`ObservationRules.quick_observations` found: each row's observation or None
    (check it in full), and each row's key for :meth:`ObservationRules.claim_all` (its
    measure id, its period's id and its breakdown), made with them a column at a time
    rather than read back from each observation."""

    keys: list[tuple[str, int, str]]
    # Every row's observation a column at a time, and their distinct periods (by object, in
    # order of first appearance), when no row is None.
    columns: tuple[FigureColumns, tuple[Period, ...]] | None


class ObservationRules:
    """Every rule for the cells of an observation, for one upload against one catalogue.

    It also remembers which measure × period × breakdown each sheet has already given, so a
    duplicate is caught wherever it is, even on another sheet.
    """

    def __init__(self, catalogue: Catalogue, today: dt.date) -> None:
        self.catalogue = catalogue
        self.today = today
        self.earliest = configured_earliest_year()  # no figures for years before it
        self._by_label: dict[str, Measure] = {}
        for measure in catalogue.measures:
            self._by_label[plain_label(measure.name)] = measure
        for measure in catalogue.measures:  # an id wins over a name that looks like one
            self._by_label[plain_label(measure.id)] = measure
        self._breakdowns = {
            m.id: {plain_label(b): b for b in m.all_breakdowns} for m in catalogue.measures
        }
        self._measures: dict[tuple[type, Cell], Measure | str] = {}
        self._known_breakdowns: dict[tuple[str, type, Cell], str] = {}
        self._periods: dict[tuple[type, Cell], Period | str] = {}
        self._symbols: dict[tuple[type, Cell], Symbol | None] = {}
        self._canonical: dict[Period, Period] = {}
        # Where each measure id × period (by object) × breakdown was first given: its row,
        # plus _SHEET_STRIDE times the number of its sheet in _sheets (the first sheet's
        # rows are their own numbers: a large sheet's claims make no new objects).
        self._first: dict[tuple[str, int, str], int] = {}
        self._sheets: list[str] = []
        self._frequency: dict[tuple[str, int], str | None] = {}

    # -- which measure, period and breakdown ------------------------------------------------
    def find_measure(self, cell: Cell) -> Measure | None:
        """The measure a cell names by its id or its exact name, or None."""
        return None if cell is None else self._by_label.get(plain_label(shown(cell)))

    def measure(self, cell: Cell, place: Place, column: str = MEASURE_ID) -> Measure | None:
        found = self._measure_of(cell)
        if isinstance(found, str):
            place.block(column, shown(cell), found)
            return None
        return found

    def _measure_of(self, cell: Cell) -> Measure | str:
        """The measure a cell names, or what is wrong with it; worked out once per value."""
        key = (type(cell), cell)
        found = self._measures.get(key)
        if found is None:
            found = self._measures[key] = self._measure_or_problem(cell)
        return found

    def _measure_or_problem(self, cell: Cell) -> Measure | str:
        raw = shown(cell)
        if not raw:
            return (
                "the measure_id is blank; choose the measure's id (the Measures sheet lists them)"
            )
        found = self.find_measure(cell)
        if found is not None:
            return found
        return f"'{raw}' is not a measure in the catalogue; {self.suggestion(raw)}"

    def suggestion(self, raw: str, *others: str) -> str:
        """Suggests the measures whose id or name is close to ``raw`` ("did you mean …?"), or
        failing that to one of ``others`` (the row's cells one by one)."""
        for said in (raw, *others):
            close = self.close_to(said)
            if close:
                listed = " or ".join(f"{m.id} ({m.name})" for m in close)
                return f"did you mean {listed}? The Measures sheet lists every id"
        return "the Measures sheet lists every id"

    def close_to(self, raw: str) -> list[Measure]:
        """The measures whose id or name is close to ``raw``."""
        by_id = {m.id: m for m in self.catalogue.measures}
        by_name = {m.name.casefold(): m for m in self.catalogue.measures}
        close = [
            by_id[i] for i in difflib.get_close_matches(raw.upper(), list(by_id), n=3, cutoff=0.6)
        ]
        close += [
            by_name[n]
            for n in difflib.get_close_matches(raw.casefold(), list(by_name), n=2, cutoff=0.8)
            if by_name[n] not in close
        ]
        return close

    def period(self, cell: Cell, place: Place, column: str = PERIOD) -> Period | None:
        found = self._period_of(cell)
        if isinstance(found, str):
            place.block(column, shown(cell), found)
            return None
        return found

    def _period_of(self, cell: Cell) -> Period | str:
        """The period a cell names, or what is wrong with it; worked out once per value."""
        key = (type(cell), cell)
        found = self._periods.get(key)
        if found is None:
            try:
                period = read_period(cell, self.today, self.earliest)
                # One object per period, however it was written, so it can be compared by
                # identity below (hashing a Period on every row is slow).
                found = self._canonical.setdefault(period, period)
            except PeriodError as problem:
                found = str(problem)
            self._periods[key] = found
        return found

    def check_frequency(
        self, measure: Measure, period: Period, cell: Cell, place: Place, column: str = PERIOD
    ) -> None:
        problem = self._frequency_of(measure, period)
        if problem:
            place.block(column, shown(cell), problem)

    def _frequency_of(self, measure: Measure, period: Period) -> str | None:
        key = (measure.id, id(self._canonical.setdefault(period, period)))
        if key not in self._frequency:
            self._frequency[key] = _frequency_problem(measure, period)
        return self._frequency[key]

    def breakdown(
        self, cell: Cell, measure: Measure | None, place: Place, column: str = BREAKDOWN
    ) -> str | None:
        if cell is None:
            return ALL
        if measure is None:
            return shown(cell) or ALL
        key = (measure.id, type(cell), cell)
        known = self._known_breakdowns.get(key)
        if known is not None:
            return known
        raw = shown(cell)
        if not raw:
            return ALL
        wanted = self._breakdowns[measure.id]
        found = wanted.get(plain_label(raw))
        if found is not None:
            self._known_breakdowns[key] = found
            return found
        if isinstance(cell, dt.date):
            # Excel turns "1-4" into 1 April as it is typed; read it back as the age band.
            band = f"{cell.day}-{cell.month}"
            if band in wanted:
                place.warn(
                    column,
                    raw,
                    f"Excel turned the age band {band} into a date; it was read as {band}. "
                    f"Format the {column} column as Text to stop this",
                )
                return wanted[band]
        allowed = ", ".join(measure.all_breakdowns)
        advice = (
            f"use one of {allowed} (blank means {ALL})"
            if measure.breakdowns
            else f"{measure.id} has no breakdowns, so leave it blank ({ALL})"
        )
        place.block(column, raw, f"'{raw}' is not a breakdown of {measure.id}; {advice}")
        return None

    # -- numbers ------------------------------------------------------------------------------
    def value(
        self,
        cell: Cell,
        formatted: bool,
        measure: Measure | None,
        place: Place,
        column: str = VALUE,
    ) -> tuple[float | None, NumberCell]:
        """The value as stored (a percentage as 45, never 0.45), checked against its unit."""
        if (cell.__class__ is float or cell.__class__ is int) and -_HUGE < cell < _HUGE:
            parsed = NumberCell(number=float(cell))
        else:
            parsed = read_number(cell)  # says what is wrong with NaN, inf or 1e309
        if parsed.problem:
            place.block(column, shown(cell), parsed.problem)
            return None, parsed
        value = parsed.number
        if value is None or measure is None:
            return value, parsed
        if measure.unit is Unit.PERCENT:
            if formatted:
                value = as_percent(value)
        elif formatted or parsed.percent_sign:
            how = "format the cell as a number and type" if formatted else "type"
            place.block(
                column,
                shown(cell, percent=formatted),
                f"{measure.id} is {_UNIT_WORDS[measure.unit]}, not a percentage; "
                f"{how} the figure without %",
            )
            return None, parsed
        problem = _value_problem(measure.unit, measure.id, value)
        if problem:
            found = shown(cell, percent=formatted)
            place.block(column, found, problem.format(found=_brief(found)))
        return value, parsed

    def count(
        self, cell: Cell, column: str, place: Place, where: str | None = None
    ) -> float | None:
        """A numerator or denominator: a whole number of children, never negative. ``where``
        names the cell's column when the sheet's name for it is not ``column``."""
        if cell is None:
            return None
        if (
            (cell.__class__ is float or cell.__class__ is int)
            and 0 <= cell <= MOST_CHILDREN
            and float(cell).is_integer()
        ):
            return float(cell)
        parsed = read_number(cell, allow_symbol=False)
        if parsed.problem:
            place.block(where or column, shown(cell), parsed.problem)
            return None
        number = parsed.number
        if number is not None and number < 0:
            place.block(
                where or column,
                shown(cell),
                f"the {column} is a number of children and cannot be negative",
            )
            return None
        if number is not None and number > MOST_CHILDREN:
            place.block(
                where or column,
                shown(cell),
                f"{_brief(shown(cell))} is out of range: the {column} is a number of children, "
                f"at most {MOST_CHILDREN:,} (more than any council has); check the figure",
            )
            return None
        if number is not None and not number.is_integer():
            place.block(
                where or column,
                shown(cell),
                f"the {column} is a number of children, so it is a whole number, not "
                f"{shown(cell)}; type the count without decimals",
            )
            return None
        return number

    def check_ratio(
        self,
        measure: Measure,
        value: float | None,
        parsed: NumberCell,
        numerator: float | None,
        denominator: float | None,
        place: Place,
        names: Mapping[str, str] | None = None,
    ) -> None:
        """Numerator and denominator must agree with each other and with the value.
        ``names`` maps the long layout's column names (value, numerator, denominator) to the
        sheet's, for a layout that names them otherwise."""
        named = names or {}
        scale = measure.unit.scale
        if scale is None or numerator is None or denominator is None:
            _warn_if_fraction(measure, value, parsed, place, named.get(VALUE, VALUE))
            return
        problem = _ratio_problem(measure.unit, measure.decimals, value, numerator, denominator)
        if problem is not None:
            column, found, message, blocking = problem
            if blocking:
                place.block(named.get(column, column), found, message)
            elif parsed.is_empty and not parsed.no_value:
                place.warn(named.get(column, column), found, message)

    # -- the common case, quickly -------------------------------------------------------------
    def quick_observations(
        self,
        numbers: Sequence[int],
        columns: Sequence[Sequence[Cell]],
        skip: Container[int] = (),
        kinds: Sequence[frozenset[type]] = (),
    ) -> list[Observation | None]:
        """Each row's observation when it passes every rule, or None to say "check it in full"
        (the rules above are the reference; this only accepts what they accept).

        ``numbers`` are the rows' Excel numbers and ``columns`` the seven Data columns
        (:class:`DataColumns`' order), each a cell per row. A quarter's upload repeats a few
        measure ids, periods and breakdowns thousands of times with plain numbers beside
        them. So each distinct measure id × period and measure id × breakdown is judged once
        by the rules above, and the numbers are checked a whole column at a time (numpy):
        a loop over the rows in Python, however lean, took most of a 24,000-row upload's
        check. Rows with anything unusual, empty rows and the rows in ``skip`` are left to
        the full rules, which say what is wrong where. ``kinds``, when given, are the types
        of each column's cells (:meth:`UploadSheet.kinds`), which the reader has checked.
        """
        count = len(numbers)
        if not count:
            return []
        measures, periods, breakdowns, values, numerators, denominators, notes = columns
        # Each distinct measure id and period judged once by the rules above and numbered
        # (0: not fine); whether a measure may have a period depends only on the measure's
        # frequency and year and the period's kind, judged once for each of those.
        measure_codes, found_measures = _numbered(measures, self._measure_of, count)
        period_codes, found_periods = _numbered(periods, self._period_of, count)
        # Whether a measure may have a period depends only on the measure's frequency and
        # year and the period's kind: each pair of those judged once, then looked up.
        measure_kinds, measure_kind = _kind_numbers(
            found_measures, lambda m: (m.frequency, m.year_type)
        )
        period_kinds, period_kind = _kind_numbers(found_periods, attrgetter("kind"))
        allowed_kinds = np.zeros((len(measure_kinds) + 1, len(period_kinds) + 1), bool)
        for i, measure in enumerate(measure_kinds, start=1):
            for j, period in enumerate(period_kinds, start=1):
                allowed_kinds[i, j] = not self._frequency_of(measure, period)
        # Each distinct measure × breakdown judged once, by number (no tuple made per row).
        breakdown_codes, found_breakdowns = _breakdown_numbers(breakdowns, count)
        pairs, pair_codes = np.unique(
            measure_codes * len(found_breakdowns) + breakdown_codes, return_inverse=True
        )
        # The breakdown typed in a row of a measure, when the rules find it one of the
        # measure's: blank (1) is All; anything but text (0) is left to the full rules (a date
        # may be an age band Excel changed). Each distinct text made plain once, not once per
        # measure it is given with.
        plain = [None, None, *map(plain_label, cast(list[str], found_breakdowns[2:]))]
        breakdowns_of = self._breakdowns
        judged = [
            (ALL if b == 1 else breakdowns_of[found_measures[m].id].get(plain[b]))
            if m and b
            else None
            for m, b in zip(
                *(c.tolist() for c in divmod(pairs, len(found_breakdowns))), strict=True
            )
        ]
        labels = take(judged, pair_codes)
        nowhere = (np.nan, np.nan, False, False, np.nan, 0)
        units = np.array(
            [nowhere] + [_UNIT_COLUMNS[m.unit] + (m.decimals,) for m in found_measures[1:]],
            dtype=np.float64,
        ).reshape(len(found_measures), 6)[measure_codes]
        low, high, percent, whole, scale, decimals = units.T
        try:
            value_types, numerator_types, denominator_types = (
                kinds[column] if kinds else frozenset(map(type, cells))
                for column, cells in ((3, values), (4, numerators), (5, denominators))
            )
            value_blank, value, value_number = _numbers(values, value_types, count)
            numerator_blank, numerator, numerator_number = _numbers(
                numerators, numerator_types, count
            )
            denominator_blank, denominator, denominator_number = _numbers(
                denominators, denominator_types, count
            )
        except OverflowError:  # an integer beyond any float: the full rules say so
            return [None] * count
        # A value typed as a symbol (c, x, z…) beside no n / N is that symbol, no number.
        symbols: list[Symbol | None] = [None] * count
        is_symbol = np.zeros(count, bool)
        for index in np.flatnonzero(~value_blank & ~value_number).tolist():
            symbol = self._symbol_of(values[index])
            if symbol is not None:
                symbols[index], is_symbol[index] = symbol, True
        is_symbol &= numerator_blank & denominator_blank
        if _TEXT_OR_BLANK.issuperset(kinds[6] if kinds else map(type, notes)):
            note_blank = ~not_none(notes, count)
            note_text = ~note_blank
        else:
            note_kinds = _kinds(notes, count)
            note_blank, note_text = note_kinds == _BLANK, note_kinds == _TEXT
        fine = allowed_kinds[measure_kind[measure_codes], period_kind[period_codes]]
        fine &= np.array([label is not None for label in judged], bool)[pair_codes]
        if skip:
            fine &= ~np.fromiter(map(skip.__contains__, numbers), bool, count)
        fine &= ~(value_blank & numerator_blank & denominator_blank & note_blank)
        fine &= note_blank | note_text
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            for blank, number, is_number in (
                (numerator_blank, numerator, numerator_number),
                (denominator_blank, denominator, denominator_number),
            ):
                fine &= blank | (
                    is_number
                    & (number >= 0)
                    & (number <= MOST_CHILDREN)
                    & (number == np.floor(number))
                )
            halves = numerator_blank | denominator_blank
            fine &= (
                value_blank
                | is_symbol
                | (
                    value_number
                    & (value >= low)
                    & (value <= high)  # NaN fails both
                    & ~((percent == 1) & (value > 0) & (value < 1) & halves)  # a fraction: warned
                    & ~((whole == 1) & (value != np.floor(value)))
                )
            )
            # n / d against the value: sure agreement in floating point (as _clearly_agree);
            # anything else is decided row by row by the exact rule below.
            ratio = fine & ~halves & ~np.isnan(scale)
            exact = scale * numerator / denominator
            displayed = np.full(count, np.nan)
            for places in np.unique(decimals[ratio]):
                chosen = ratio & (decimals == places)
                displayed[chosen] = np.round(exact[chosen], int(places))
            margin = 0.5 * 10.0**-decimals - 1e-9
            agree = (
                ~value_blank
                & (denominator > 0)
                & (numerator <= denominator)
                & (np.abs(exact - displayed) < margin)
                & (np.abs(value - displayed) < margin)
            )
        for index in np.flatnonzero(ratio & ~agree).tolist():
            measure = found_measures[measure_codes[index]]
            if _ratio_problem(
                measure.unit,
                measure.decimals,
                None if value_blank[index] else float(value[index]),
                float(numerator[index]),
                float(denominator[index]),
            ):
                fine[index] = False
        if not fine.any():
            return [None] * count
        # Every row's observation made at once (a run of the columns, no row picked out one by
        # one), then the rows the full rules read set to None: a few in a large upload.
        texts: dict[Cell, str | None] = {  # as in full
            n: text(n) or None for n in set(notes) if n.__class__ is str
        }
        measure_ids = take([None, *map(_MEASURE_ID, found_measures[1:])], measure_codes)
        # (A None measure id or breakdown is only in a row set to None below.)
        by_column = FigureColumns(
            tuple(cast(list[str], measure_ids)),
            tuple(take(found_periods, period_codes)),
            tuple(cast(list[str], labels)),
            tuple(_floats(values, value_types, value, value_blank | is_symbol)),
            tuple(_floats(numerators, numerator_types, numerator, numerator_blank)),
            tuple(_floats(denominators, denominator_types, denominator, denominator_blank)),
            tuple(symbols),
            tuple(map(texts.get, notes)),
        )
        # Named tuples made straight from a tuple of their fields (their own __new__ is a
        # Python function, a call for each of tens of thousands of rows).
        found = QuickObservations(
            map(tuple.__new__, repeat(Observation), zip(*by_column, strict=True))
        )
        found.columns = None
        if fine.all():
            # The preview and the save read them a column at a time: given so, in the order
            # the periods first come, rather than taken apart again.
            first = np.unique(period_codes, return_index=True)[1]
            found.columns = (by_column, tuple(take(found_periods, period_codes[np.sort(first)])))
        for index in np.flatnonzero(~fine).tolist():
            found[index] = None
        # Each distinct period's id made once, and looked up for every row.
        period_ids = take([0, *map(id, found_periods[1:])], period_codes)
        # (A None measure id or breakdown is only in a row set to None, never claimed.)
        found.keys = cast(
            list[tuple[str, int, str]], list(zip(measure_ids, period_ids, labels, strict=True))
        )
        return found

    def _symbol_of(self, cell: Cell) -> Symbol | None:
        """The symbol a value cell holds when the full rules read it as that alone (no
        number, nothing wrong); worked out once per value."""
        key = (type(cell), cell)
        if key not in self._symbols:
            parsed = read_number(cell) if cell.__class__ is str else None
            alone = parsed is not None and parsed.problem is None and parsed.number is None
            self._symbols[key] = parsed.symbol if parsed is not None and alone else None
        return self._symbols[key]

    # -- duplicates ---------------------------------------------------------------------------
    def _where(self, sheet: str, row: int) -> int:
        """A sheet's row as :attr:`_first` records it."""
        if sheet not in self._sheets:
            self._sheets.append(sheet)
        return self._sheets.index(sheet) * _SHEET_STRIDE + row

    def claim(self, observation: Observation, sheet: str, row: int) -> bool:
        """Records a quick observation as the first with its key, or returns False when an
        earlier row has it (the full rules then say which rows). Called in row order, so the
        same row is named first as when every row is checked in full."""
        key = (observation.measure_id, id(observation.period), observation.breakdown)
        if key in self._first:
            return False
        self._first[key] = self._where(sheet, row)
        return True

    def claim_all(
        self, keys: Sequence[tuple[str, int, str]], sheet: str, rows: Sequence[int]
    ) -> bool:
        """:meth:`claim` for consecutive quick observations at once, by their keys
        (:attr:`QuickObservations.keys`): records them all and returns True when none
        repeats another or an earlier row's; otherwise records nothing and returns False
        (then each is claimed in turn, to name the rows)."""
        offset = self._where(sheet, 0)
        claimed = dict(zip(keys, map(offset.__add__, rows) if offset else rows, strict=True))
        if len(claimed) < len(keys) or not self._first.keys().isdisjoint(claimed):
            return False
        if self._first:
            self._first.update(claimed)
        else:
            self._first = claimed  # the first run: nothing to merge into
        return True

    def is_first(self, observation: Observation, place: Place, column: str) -> bool:
        """False (and a problem reported) when an earlier row gave the same figure."""
        period = self._canonical.setdefault(observation.period, observation.period)
        key = (observation.measure_id, id(period), observation.breakdown)
        here = self._where(place.sheet, place.row)
        first = self._first.setdefault(key, here)
        if first == here:
            return True
        sheet, row = self._sheets[first // _SHEET_STRIDE], first % _SHEET_STRIDE
        where = (
            f"rows {row} and {place.row}"
            if sheet == place.sheet
            else f"row {place.row} and {sheet} sheet row {row}"
        )
        place.block(
            column,
            observation.measure_id,
            f"{where} are both {observation.measure_id}, {observation.period.label}, "
            f"{observation.breakdown}; keep one of the two",
        )
        return False


# What the quick path checks of each unit: its bounds, whether it is a percentage (a value
# below 1 may be a fraction) or a whole count, and what n / d is out of (NaN: no n / d).
_UNIT_COLUMNS = {
    unit: (
        float(low),
        float(high),
        unit is Unit.PERCENT,
        unit is Unit.COUNT,
        np.nan if unit.scale is None else float(unit.scale),
    )
    for unit, (low, high, _) in BOUNDS.items()
}
_MEASURE_ID = attrgetter("id")


def _numbers(
    cells: Sequence[Cell], types: frozenset[type], count: int
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """A column's blanks, its cells as floats (NaN where not a number) and which cells are
    plain numbers: float or int, never bool (a kind of int, not a number here). ``types``
    are the kinds of its cells."""
    if _NUMBER_OR_BLANK.issuperset(types):  # the usual column
        numbers, blank = blanks_as_nan(cast(Sequence[float | int | None], cells))
        if blank is not None:
            return blank, numbers, ~blank
    kinds = _kinds(cells, count)
    plain = kinds == _NUMBER
    blank = kinds == _BLANK
    if (plain | blank).all():  # the usual column: numbers and blanks (None, which is NaN)
        return blank, np.array(cells, dtype=np.float64), plain
    numbers = np.full(count, np.nan)
    if plain.any():
        numbers[plain] = np.array(cells, dtype=object)[plain].astype(np.float64)
    return blank, numbers, plain


_NUMBER_OR_BLANK = frozenset({float, int, type(None)})  # bool is a kind of int, not a number
_FLOAT_OR_BLANK = frozenset({float, type(None)})
_TEXT_OR_BLANK = frozenset({str, type(None)})
_BLANK, _NUMBER, _TEXT, _OTHER = 0, 1, 2, 3
_KIND_OF = {type(None): _BLANK, float: _NUMBER, int: _NUMBER, str: _TEXT}  # bool is other


def _kinds(cells: Iterable[Cell], count: int) -> npt.NDArray[np.int8]:
    """Each cell's kind (blank, a plain number, text or other) by its exact type, in one
    pass without a Python loop."""
    return np.fromiter(map(_KIND_OF.get, map(type, cells), repeat(_OTHER)), np.int8, count)


def _floats(
    cells: Sequence[Cell],
    types: frozenset[type],
    numbers: npt.NDArray[np.float64],
    blank: npt.NDArray[np.bool_],
) -> list[float | None]:
    """The column as the full rules keep it: Python floats, None where blank. A column of
    only floats and blanks (its cells' ``types``) is that already: the full rules keep each
    float as it is, and its blanks are None."""
    if _FLOAT_OR_BLANK.issuperset(types):
        return list(cast(Sequence[float | None], cells))
    found = numbers.astype(object)
    found[blank] = None
    floats: list[float | None] = found.tolist()
    return floats


def _kind_numbers(
    found: Sequence[Any], kind_of: Callable[[Any], Hashable]
) -> tuple[list[Any], npt.NDArray[np.intp]]:
    """One of ``found`` (None at 0, then what :func:`_numbered` found) for each distinct
    kind, and the number of each one's kind among those (from 1; 0 for None)."""
    first: dict[Hashable, int] = {}
    examples: list[Any] = []
    numbers = np.zeros(len(found), np.intp)
    for index, item in enumerate(found[1:], start=1):
        kind = kind_of(item)
        if kind not in first:
            examples.append(item)
            first[kind] = len(examples)
        numbers[index] = first[kind]
    return examples, numbers


def _numbered(
    cells: Sequence[Cell], judge: Callable[[Cell], Any], count: int
) -> tuple[npt.NDArray[np.intp], list[Any]]:
    """Each cell's number among the distinct text cells ``judge`` finds fine (0 for the
    others), and what it found for each number (None at 0)."""
    found: list[Any] = [None]
    number: dict[Cell, int] = {}
    for cell in set(cells):
        if cell.__class__ is str:
            judged = judge(cell)
            if not isinstance(judged, str):  # a str says what is wrong
                number[cell] = len(found)
                found.append(judged)
    codes = np.fromiter(map(number.get, cells, repeat(0)), np.intp, count)
    return codes, found


def _breakdown_numbers(
    cells: Sequence[Cell], count: int
) -> tuple[npt.NDArray[np.intp], list[Cell]]:
    """Each cell's number among the distinct breakdown cells: 1 for a blank, from 2 for each
    distinct text, 0 for anything else (never a breakdown); and the cell of each number."""
    found: list[Cell] = [None, None]
    number: dict[Cell, int] = {}
    for cell in set(cells):
        if cell.__class__ is str:
            number[cell] = len(found)
            found.append(cell)
    # A cell that is not text is 1 if blank (True), else 0 (False).
    codes = np.fromiter(map(number.get, cells, map(is_, cells, repeat(None))), np.intp, count)
    return codes, found


def _frequency_problem(measure: Measure, period: Period) -> str | None:
    measure_id, frequency, year_type = measure.id, measure.frequency, measure.year_type
    if frequency is Frequency.QUARTERLY:
        if period.kind is not PeriodKind.QUARTER:
            return (
                f"{measure_id} is reported each quarter, so its period must be a quarter such "
                f"as {period.year_label} Q1, not a year"
            )
        return None
    academic = year_type is YearType.ACADEMIC
    wanted = PeriodKind.ACADEMIC_YEAR if academic else PeriodKind.FINANCIAL_YEAR
    if period.kind is wanted:
        return None
    year = (Period.academic_year if academic else Period.financial_year)(period.start_year)
    kind = "an academic" if academic else "a financial"
    return (
        f"{measure_id} is reported once a year, for {kind} year, so its period must be "
        f"a year such as {year.label}"
    )


_HUGE = 1e300  # beyond every bound: such a cell is read (and its message worded) in full


def _value_problem(unit: Unit, measure_id: str, value: float) -> str | None:
    """What is wrong with a value of this unit, with ``{found}`` standing for the value."""
    if unit is Unit.PERCENT and not 0 <= value <= 100:
        return "{found} is not a percentage between 0 and 100; type e.g. 45 for 45%"
    if not unit.can_be_negative and value < 0:
        return f"{measure_id} is {_UNIT_WORDS[unit]} and cannot be negative"
    low, high, said = BOUNDS[unit]
    if not low <= value <= high:
        return (
            f"{{found}} is out of range for {measure_id}: {_UNIT_WORDS[unit]} here is {said}; "
            "check the figure"
        )
    if unit is Unit.COUNT and not value.is_integer():
        return (
            f"{measure_id} is a count, so its value is a whole number, not {{found}}; type "
            "the count without decimals"
        )
    return None


def limits() -> str:
    """The bounds above and the earliest year, in words, for the template's instructions."""
    bounds = " ".join(
        f"{_UNIT_WORDS[unit][0].upper()}{_UNIT_WORDS[unit][1:]} is {said}."
        for unit, (_, _, said) in BOUNDS.items()
    )
    first = Period.financial_year(configured_earliest_year()).year_label
    return (
        f"Limits: counts, numerators and denominators are whole numbers. {bounds} A "
        f"numerator or denominator is at most {MOST_CHILDREN:,} too. Periods start in {first} "
        "or later."
    )


def _brief(found: str) -> str:
    """A long number quoted short: 'a number of 309 digits (123456…)'."""
    if len(found) <= 20:
        return found
    digits = sum(ch.isdigit() for ch in found)
    return f"a number of {digits} digits ({found[:6]}…)"


def _ratio_problem(
    unit: Unit, decimals: int, value: float | None, numerator: float, denominator: float
) -> tuple[str, str, str, bool] | None:
    """(column, value found, message, blocking?) when the three figures disagree."""
    scale = unit.scale
    assert scale is not None, "only a proportion has a numerator and denominator to agree"
    if (
        value is not None
        and denominator > 0
        and numerator <= denominator
        and _clearly_agree(scale, decimals, value, numerator, denominator)
    ):
        return None
    return _ratio_problem_exactly(unit, decimals, value, numerator, denominator)


def _clearly_agree(
    scale: int, decimals: int, value: float, numerator: float, denominator: float
) -> bool:
    """Whether the value surely is n / d as shown, decided in floating point, which is far
    quicker than in decimals: only when neither n / d nor the value is anywhere near half a
    unit away from the figure shown, where rounding in decimals could decide otherwise."""
    exact = scale * numerator / denominator
    displayed = round(exact, decimals)
    margin = 0.5 * 10.0**-decimals - 1e-9
    return abs(exact - displayed) < margin and abs(value - displayed) < margin


@lru_cache(maxsize=8192)
def _ratio_problem_exactly(
    unit: Unit, decimals: int, value: float | None, numerator: float, denominator: float
) -> tuple[str, str, str, bool] | None:
    n, d = number_text(numerator), number_text(denominator)
    if numerator > denominator:
        return (
            NUMERATOR,
            n,
            f"the numerator ({n}) is more than the denominator ({d}); the numerator counts "
            "the children who met the measure, out of the denominator; check they are not "
            "swapped",
            True,
        )
    if denominator == 0:
        if value is None:
            return None
        return (
            DENOMINATOR,
            d,
            "the denominator is 0, so there is no figure; leave the value blank or use z "
            "(not applicable)",
            True,
        )
    scale = unit.scale
    assert scale is not None
    expected = as_displayed(scale * numerator / denominator, decimals)
    suffix = "%" if unit is Unit.PERCENT else " per 10,000"
    if value is None:
        return (
            VALUE,
            "",
            f"the value is blank but the numerator and denominator are given "
            f"({n} / {d} = {expected}{suffix}); type the value",
            False,
        )
    half_unit = Decimal(5).scaleb(-decimals - 1)
    if abs(Decimal(repr(value)) - expected) <= half_unit:
        return None
    return (
        VALUE,
        number_text(value),
        f"{number_text(value)} does not match the numerator and denominator: "
        f"{n} / {d} = {expected}{suffix}; correct the value, the numerator or the "
        "denominator",
        True,
    )


def _warn_if_fraction(
    measure: Measure, value: float | None, parsed: NumberCell, place: Place, column: str
) -> None:
    """0.45 for a percentage is usually 45% typed as a fraction; say so, but do not block."""
    if measure.unit is not Unit.PERCENT or value is None or parsed.percent_sign:
        return
    if 0 < value < 1 and parsed.number == value:
        meant = number_text(value * 100)
        place.warn(
            column,
            number_text(value),
            f"{number_text(value)} looks like a fraction; it will be stored as "
            f"{number_text(value)}%. If you meant {meant}%, type {meant}",
        )


# -- the long layout --------------------------------------------------------------------------
def read_data(sheet: UploadSheet, rules: ObservationRules, report: Report) -> Accepted:
    """The template's Data sheet: one observation per row, every rule checked on every row."""
    columns = locate(sheet, DATA_COLUMNS, DATA_REQUIRED, report)
    if columns is None:
        return Accepted()
    # The sheet a column at a time (a blank beyond a row's last cell), an absent column blank.
    grid = sheet.columns
    numbers = sheet.numbers
    count = len(numbers)
    width = max(len(sheet.header), len(grid))
    blank_column = (None,) * count
    at = DataColumns(*(columns.index.get(name, width) for name in DATA_COLUMNS))
    # A value cell formatted as a percentage holds 0.45 for 45%: the full rules read it.
    formatted = {row for row, column in sheet.percent_cells if column == at.value}
    quick = rules.quick_observations(
        numbers,
        [grid[i] if i < len(grid) else blank_column for i in at],
        skip=formatted,
        kinds=[sheet.kinds(i) for i in at],
    )
    keys = quick.keys if isinstance(quick, QuickObservations) else None
    accepted = Accepted()
    # The rows the quick path left to the full rules, in order; between them, runs of rows
    # it accepted, claimed at once when none repeats another (else one by one, as here).
    checked_in_full = list(compress(range(count), map(is_, quick, repeat(None))))
    start = 0
    for end in [*checked_in_full, count]:
        run = cast(list[Observation], quick[start:end])  # no None before ``end``
        if (
            run
            and keys is not None
            and rules.claim_all(keys[start:end], sheet.name, numbers[start:end])
        ):
            whole = quick.columns if isinstance(quick, QuickObservations) and not start else None
            accepted.add(sheet.name, numbers[start:end], VALUE, run, whole)
            following = range(end, min(end + 1, count))
        else:
            following = range(start, min(end + 1, count))
        start = end + 1
        for index in following:
            row, observation = sheet.row(index), quick[index]
            if not _read_row(sheet, rules, report, at, row, observation, formatted, accepted):
                return accepted
    return accepted


def _read_row(
    sheet: UploadSheet,
    rules: ObservationRules,
    report: Report,
    at: DataColumns,
    row: SheetRow,
    observation: Observation | None,
    formatted: Container[int],
    accepted: Accepted,
) -> bool:
    """One row of the Data sheet; False when the list of problems is full (reading stops)."""
    number = row.number
    if observation is not None and rules.claim(observation, sheet.name, number):
        accepted.append(DataRow(sheet.name, number, VALUE, observation))
        return True
    if report.is_full and report.stops_here():
        return False
    cells = row.cells + (None,) * (max(at) + 1 - len(row.cells))
    value_cell, numerator_cell = cells[at.value], cells[at.numerator]
    denominator_cell, note_cell = cells[at.denominator], cells[at.note]
    if (
        value_cell is None
        and numerator_cell is None
        and denominator_cell is None
        and note_cell is None
    ):
        return True  # a pre-filled template row left empty is not an error
    place = Place(report, sheet.name, number)
    before = report.blocking_count
    # Every cell is checked even when an earlier one is wrong, so the officer sees all the
    # row's problems at once.
    measure = rules.measure(cells[at.measure_id], place)
    period_cell = cells[at.period]
    period = rules.period(period_cell, place)
    if measure is not None and period is not None:
        rules.check_frequency(measure, period, period_cell, place)
    breakdown = rules.breakdown(cells[at.breakdown], measure, place)
    value, parsed = rules.value(value_cell, number in formatted, measure, place)
    numerator = rules.count(numerator_cell, NUMERATOR, place)
    denominator = rules.count(denominator_cell, DENOMINATOR, place)
    if measure is not None:
        rules.check_ratio(measure, value, parsed, numerator, denominator, place)
    if measure is None or period is None or breakdown is None:
        return True
    note = text(note_cell) if note_cell is not None else ""
    observation = Observation(
        measure.id,
        period,
        breakdown,
        value,
        numerator,
        denominator,
        parsed.symbol,
        note or None,
    )
    if rules.is_first(observation, place, MEASURE_ID) and report.blocking_count == before:
        accepted.append(DataRow(sheet.name, number, VALUE, observation))
    return True
