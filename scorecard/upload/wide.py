"""Officers' own "wide" scorecards (SPEC §4): one row per measure, one column per period.

A row belongs to a measure when one of its cells outside the period columns is the measure's
id or its exact catalogue name. Rows just below a measure's row may give its breakdowns:
either the sheet has a ``breakdown`` (or ``age band``) column, or the row's label is one of
the measure's breakdowns ("Under 1", "16+", or "1-4" that Excel turned into 1 April), or the
measure's name is merged down over them. A period may be split into n | N | % columns
(:func:`~scorecard.upload.layout.sub_headings`), read as numerator, denominator and value. A
second row of periods further down (a second table: "Last year") heads the rows below it.
Everything else is listed as not read: titles above the heading row, priority headings and
footnotes, and columns whose heading is not a period (Target, England, RAG, DoT, notes). A
row with figures whose label is not a measure is a warning, so a misspelt name is noticed.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from scorecard.catalogue import Measure
from scorecard.periods import Period
from scorecard.records import Observation
from scorecard.upload.cells import not_reportable, shown, text
from scorecard.upload.columns import Place, Report
from scorecard.upload.data_sheet import DataRow, ObservationRules, plain_label
from scorecard.upload.issues import BREAKDOWN, DENOMINATOR, NUMERATOR, VALUE, normalise_header
from scorecard.upload.layout import PeriodColumn, SheetLayout, period_columns, sub_headings
from scorecard.upload.reader import Cell, SheetRow, UploadSheet

BREAKDOWN_HEADINGS = frozenset({"breakdown", "age_band", "age_group", "age"})
# A column of officers' remarks, read as the note of the row's latest figure when the sheet
# has exactly one (two could each be the one meant: neither is read, and both are listed).
COMMENT_HEADINGS = frozenset({"comments", "comment", "commentary", "notes", "note", "remarks"})
# How close a label must be to one of the measure's breakdowns to be taken for a misspelling
# of it ("Children’s homes" with a curly apostrophe for "Children's homes").
_CLOSE_BREAKDOWN = 0.8


@dataclass(frozen=True)
class _Period:
    """The columns of one period in a table: its value, and the n and N beside it when the
    sheet splits the period into n | N | %."""

    value: PeriodColumn
    numerator: PeriodColumn | None = None
    denominator: PeriodColumn | None = None

    @property
    def columns(self) -> tuple[PeriodColumn, ...]:
        return tuple(c for c in (self.value, self.numerator, self.denominator) if c is not None)

    @property
    def names(self) -> dict[str, str]:
        """How the rules name these columns (as in the long layout) → how this sheet does."""
        return {c.role: c.name for c in self.columns}


@dataclass
class _Table:
    """A row of periods and the rows below it, up to the next row of periods."""

    heading: SheetRow
    periods: list[_Period]
    labels: list[int]  # the columns that may name a measure or a breakdown (0-based)
    breakdown_at: int | None
    used_labels: set[int] = field(default_factory=set)  # where measures were found
    sub_row: int = 0  # the row of n | N | % under the periods; 0 when there is none
    comments_at: int | None = None  # the column of remarks (COMMENT_HEADINGS), if one


def read_wide(
    sheet: UploadSheet, layout: SheetLayout, rules: ObservationRules, report: Report
) -> list[DataRow]:
    rows = sheet.all_rows
    _report_rows_above(rows, layout, sheet.name, report)
    reader = _RowReader(sheet, rows, rules, report)
    start = next(i for i, r in enumerate(rows) if r.number == layout.heading_row)
    reader.open(rows, start, layout.periods)
    accepted: list[DataRow] = []
    for index in range(start + 1, len(rows)):
        if report.stops_here():
            break
        row = rows[index]
        if row.number == reader.table.sub_row:
            continue
        periods = reader.new_periods(row, rows[index - 1])
        if not periods:
            accepted += reader.read(row)
        elif reader.is_year_row(row, rows[index + 1] if index + 1 < len(rows) else None):
            reader.skip(row, _YEAR_ROW)
        else:
            reader.open(rows, index, periods)
    reader.report_other_columns()
    return accepted


_YEAR_ROW = "gives the years of the quarter columns below it; read for that only"


class _RowReader:
    """Reads the rows below the heading one by one, remembering the table they are in and the
    measure being given."""

    def __init__(
        self,
        sheet: UploadSheet,
        rows: tuple[SheetRow, ...],
        rules: ObservationRules,
        report: Report,
    ) -> None:
        self.sheet = sheet
        self.rows = rows  # every row with something in it, the heading's included
        self.width = max(len(r.cells) for r in rows)
        self.rules = rules
        self.report = report
        self.tables: list[_Table] = []
        self.skipped: set[int] = set()  # rows read for their headings only
        self.current: Measure | None = None

    @property
    def table(self) -> _Table:
        return self.tables[-1]

    # -- rows of periods ----------------------------------------------------------------------
    def open(self, rows: tuple[SheetRow, ...], index: int, found: tuple[PeriodColumn, ...]) -> None:
        """Starts the table headed by ``rows[index]``, whose periods are ``found``."""
        heading = rows[index]
        below = rows[index + 1] if index + 1 < len(rows) else None
        if below is not None and self._names_measure(below):
            below = None  # the first measure, not sub-headings
        split = sub_headings(found, heading, below)
        for columns, value, message in split.problems:
            self.report.block(self.sheet.name, split.row, columns, value, message)
        if self.tables:
            read_as = ", ".join(dict.fromkeys(c.period.label for c in found))
            self.skip(heading, f"a new row of periods: the rows below it are read as {read_as}")
        if below is not None and split.row:
            self.skip(below, "says what each column under a period holds; read for that only")
        breakdown_at = next(
            (
                i
                for i in range(self.width)
                if i not in split.spanned
                and normalise_header(shown(heading.get(i))) in BREAKDOWN_HEADINGS
            ),
            None,
        )
        labels = [i for i in range(self.width) if i not in split.spanned and i != breakdown_at]
        comments = [
            i for i in labels if normalise_header(shown(heading.get(i))) in COMMENT_HEADINGS
        ]
        comments_at = comments[0] if len(comments) == 1 else None
        labels = [i for i in labels if i != comments_at]
        periods = _by_period(split.columns, self.sheet.name, heading.number, self.report)
        self.tables.append(
            _Table(
                heading, periods, labels, breakdown_at, sub_row=split.row, comments_at=comments_at
            )
        )
        self.current = None

    def new_periods(self, row: SheetRow, above: SheetRow) -> tuple[PeriodColumn, ...]:
        """The periods of a row that heads a table of its own: period headings, no figures, no
        measure, and no period where the table above names its measures."""
        cells = [c for c in row.cells if c is not None]
        if any(isinstance(c, int | float) and not isinstance(c, bool) for c in cells):
            return ()
        if self._names_measure(row):
            return ()
        found = period_columns(row, above)
        if any(p.position in self.table.used_labels for p in found):
            return ()
        # One date alone is more likely a note ("Date produced: 15/07/2026") than a heading.
        if len(found) < 2 and not any(isinstance(p.heading, str) for p in found):
            return ()
        return found

    def _names_measure(self, row: SheetRow) -> bool:
        return any(self.rules.find_measure(c) for c in row.cells if isinstance(c, str))

    def is_year_row(self, row: SheetRow, below: SheetRow | None) -> bool:
        """Whether ``row`` gives the years of bare quarters (Q1… Q4) in the row below it."""
        return below is not None and any(p.from_year_above for p in self.new_periods(below, row))

    def skip(self, row: SheetRow, reason: str) -> None:
        self.skipped.add(row.number)
        label = " ".join(shown(c) for c in row.cells if c is not None)
        self.report.ignore(self.sheet.name, row.number, None, label, reason)

    # -- rows of figures ----------------------------------------------------------------------
    def read(self, row: SheetRow) -> list[DataRow]:
        table = self.table
        place = Place(self.report, self.sheet.name, row.number)
        texts = [(i, row.get(i)) for i in table.labels if row.get(i) is not None]
        figures = [
            p for p in table.periods if any(row.get(c.position) is not None for c in p.columns)
        ]
        at = table.breakdown_at
        breakdown_cell = row.get(at) if at is not None else None
        named: dict[str, tuple[Measure, list[int]]] = {}
        for position, cell in texts:
            measure = self.rules.find_measure(cell) if isinstance(cell, str) else None
            if measure is not None:
                named.setdefault(measure.id, (measure, []))[1].append(position)
        if len(named) > 1:
            ids = " and ".join(named)
            place.block(
                _letter(texts[0][0]),
                ", ".join(shown(c) for _, c in texts),
                f"this row names more than one measure ({ids}); give each measure a row of its own",
            )
            self.current = None
            return []
        if named:
            ((measure, positions),) = named.values()
            table.used_labels.update(positions)
            self.current = measure
        else:
            found = self._breakdown_row(texts, breakdown_cell)
            if found is None:
                self._not_a_measure(row, texts, figures, place)
                return []
            measure, at = found
            if at is not None and at != table.breakdown_at:
                breakdown_cell = row.get(at)
        if not figures:
            return []
        column = _letter(at) if at is not None else BREAKDOWN
        breakdown = self.rules.breakdown(breakdown_cell, measure, place, column)
        note = text(row.get(table.comments_at)) if table.comments_at is not None else ""
        return self._figures(row, measure, breakdown, figures, place, note or None)

    def _breakdown_row(
        self, texts: list[tuple[int, Cell]], breakdown_cell: Cell
    ) -> tuple[Measure, int | None] | None:
        """The measure above and where the breakdown is named, when this row gives one of the
        measure's breakdowns (in the breakdown column, or as its label)."""
        measure = self.current
        if measure is None:
            return None
        if breakdown_cell is not None:
            return measure, self.table.breakdown_at
        wanted = {plain_label(b) for b in measure.breakdowns}
        for position, cell in texts:
            if plain_label(shown(cell)) in wanted:
                self.table.used_labels.add(position)
                return measure, position
        if measure.breakdowns:
            # Excel turns "1-4" into 1 April as it is typed: the breakdown rule reads it back.
            for position, cell in texts:
                if isinstance(cell, dt.date):
                    self.table.used_labels.add(position)
                    return measure, position
        return None

    def _not_a_measure(
        self,
        row: SheetRow,
        texts: list[tuple[int, Cell]],
        figures: list[_Period],
        place: Place,
    ) -> None:
        label = " ".join(shown(c) for _, c in texts)
        close = self._close_breakdown(label) if figures else None
        if close is None:
            self.current = None
        if not figures:
            if label:
                self.report.ignore(
                    self.sheet.name,
                    row.number,
                    None,
                    label,
                    "no measure id or name and no figures (a heading, title or footnote); not read",
                )
            return
        where = _letter(texts[0][0]) if texts else figures[0].value.name
        if not label:
            place.warn(
                where,
                "",
                "this row has figures but no measure id or name, so they were not read; "
                "write the measure's id or its exact name at the start of the row",
            )
            return
        if close is not None and self.current is not None:
            place.warn(
                where,
                label,
                f"'{label}' is neither a measure in the catalogue nor a breakdown of "
                f"{self.current.id}, so the figures in this row were not read; did you mean "
                f"{close}? Type it as the catalogue has it (the breakdowns below it are still "
                f"read as {self.current.id}'s)",
            )
            return
        place.warn(
            where,
            label,
            f"'{label}' is not a measure in the catalogue, so the figures in this row were "
            f"not read. To upload them, use the measure's id or its exact name; "
            # The label joins every cell that is not a period ("Pep Timley 95 Green", with
            # the target and the RAG), which is close to no name: each cell is tried too.
            f"{self.rules.suggestion(label, *(shown(c) for _, c in texts))}",
        )

    def _close_breakdown(self, label: str) -> str | None:
        """The breakdown of the measure above that ``label`` is nearly, if any."""
        if self.current is None:
            return None
        by_label = {plain_label(b): b for b in self.current.breakdowns}
        close = difflib.get_close_matches(
            plain_label(label), list(by_label), n=1, cutoff=_CLOSE_BREAKDOWN
        )
        return by_label[close[0]] if close else None

    def _figures(
        self,
        row: SheetRow,
        measure: Measure,
        breakdown: str | None,
        figures: list[_Period],
        place: Place,
        note: str | None = None,
    ) -> list[DataRow]:
        """The row's figures; ``note`` (its Comments cell) belongs to the latest of them."""
        accepted = []
        latest = max(figures, key=lambda p: p.value.period.end) if figures else None
        for period in figures:
            column = period.value
            name = column.name
            before = self.report.blocking_count
            problem = not_reportable(column.period, self.rules.today, self.rules.earliest)
            if problem:
                place.block(name, shown(column.heading), problem)
            else:
                self.rules.check_frequency(measure, column.period, column.heading, place, name)
            formatted = (row.number, column.position) in self.sheet.percent_cells
            value, parsed = self.rules.value(
                row.get(column.position), formatted, measure, place, name
            )
            numerator = self._count(row, period.numerator, place)
            denominator = self._count(row, period.denominator, place)
            self.rules.check_ratio(
                measure, value, parsed, numerator, denominator, place, period.names
            )
            if breakdown is None or self.report.blocking_count != before:
                continue
            observation = Observation(
                measure.id,
                column.period,
                breakdown,
                value,
                numerator,
                denominator,
                symbol=parsed.symbol,
                note=note if period is latest else None,
            )
            if self.rules.is_first(observation, place, name):
                accepted.append(DataRow(self.sheet.name, row.number, name, observation))
        return accepted

    def _count(self, row: SheetRow, column: PeriodColumn | None, place: Place) -> float | None:
        if column is None:
            return None
        return self.rules.count(row.get(column.position), column.role, place, column.name)

    # -- columns not read ---------------------------------------------------------------------
    def report_other_columns(self) -> None:
        """Lists, table by table, the columns that are neither periods nor where the measures
        were found."""
        ends = [t.heading.number for t in self.tables[1:]] + [None]
        several = len(self.tables) > 1
        for table, end in zip(self.tables, ends, strict=True):
            below = [
                r
                for r in self.rows
                if r.number > table.heading.number
                and (end is None or r.number < end)
                and r.number not in self.skipped
            ]
            for position in table.labels:
                if position in table.used_labels:
                    continue
                filled = [r.number for r in below if r.get(position) is not None]
                title = shown(table.heading.get(position))
                where = _rows(filled) if several else ""
                values = f"its {len(filled)} value(s){where} were not read"
                if title:
                    reason = f"'{title}' is not a period; {values}"
                elif filled:
                    reason = f"no heading; {values}"
                else:
                    continue
                self.report.ignore(self.sheet.name, None, _letter(position), title, reason)


def _by_period(
    columns: tuple[PeriodColumn, ...], sheet: str, heading_row: int, report: Report
) -> list[_Period]:
    """The columns of each period, without a second column for the same period and part (which
    is blocking)."""
    first: dict[tuple[Period, str], PeriodColumn] = {}
    for column in columns:
        earlier = first.setdefault((column.period, column.role), column)
        if earlier is not column:
            report.block(
                sheet,
                heading_row,
                column.name,
                shown(column.heading),
                f"columns {earlier.letter} and {column.letter} are both {column.period.label}; "
                "delete one of them",
            )
    parts: dict[Period, dict[str, PeriodColumn]] = {}
    for (period, role), column in first.items():
        parts.setdefault(period, {})[role] = column
    return [
        _Period(part[VALUE], part.get(NUMERATOR), part.get(DENOMINATOR))
        for part in parts.values()
        if VALUE in part
    ]


def _rows(numbers: list[int]) -> str:
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f" (row {numbers[0]})"
    return f" (rows {numbers[0]} to {numbers[-1]})"


def _report_rows_above(
    rows: tuple[SheetRow, ...], layout: SheetLayout, sheet: str, report: Report
) -> None:
    for row in rows:
        if row.number >= layout.heading_row:
            return
        label = " ".join(shown(c) for c in row.cells if c is not None)
        if layout.uses_year_row and row.number == layout.heading_row - 1:
            reason = _YEAR_ROW
        else:
            reason = "above the row of periods (a title or report details); not read"
        report.ignore(sheet, row.number, None, label, reason)


def _letter(position: int) -> str:
    return str(get_column_letter(position + 1))
