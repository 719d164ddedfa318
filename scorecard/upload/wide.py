"""Officers' own "wide" scorecards: one row per measure, one column per period (SPEC §4).

A row belongs to a measure when one of its cells outside the period columns is the measure's
id or its exact catalogue name. Rows just below a measure's row may give its breakdowns:
either the sheet has a ``breakdown`` (or ``age band``) column, or the row's label is one of
the measure's breakdowns ("Under 1", "16+"), or the measure's name is merged down over them.
Everything else is listed as not read: titles above the heading row, priority headings and
footnotes, and columns whose heading is not a period (Target, England, RAG, DoT, notes). A
row with figures whose label is not a measure is a warning, so a misspelt name is noticed.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from scorecard.catalogue import Measure
from scorecard.records import Observation
from scorecard.upload.cells import not_ended, shown
from scorecard.upload.columns import Place, Report
from scorecard.upload.data_sheet import DataRow, ObservationRules, plain_label
from scorecard.upload.issues import normalise_header
from scorecard.upload.layout import PeriodColumn, SheetLayout
from scorecard.upload.reader import Cell, SheetRow, UploadSheet

BREAKDOWN_HEADINGS = frozenset({"breakdown", "age_band", "age_group", "age"})


def read_wide(
    sheet: UploadSheet, layout: SheetLayout, rules: ObservationRules, report: Report
) -> list[DataRow]:
    rows = sheet.all_rows
    heading = next(r for r in rows if r.number == layout.heading_row)
    periods = _distinct(layout.periods, sheet.name, layout.heading_row, report)
    taken = {p.position for p in layout.periods}
    width = max(len(r.cells) for r in rows)
    breakdown_at = next(
        (
            i
            for i in range(width)
            if i not in taken and normalise_header(shown(heading.get(i))) in BREAKDOWN_HEADINGS
        ),
        None,
    )
    labels = [i for i in range(width) if i not in taken and i != breakdown_at]
    _report_rows_above(rows, layout, sheet.name, report)
    reader = _RowReader(sheet, rules, report, periods, labels, breakdown_at)
    accepted: list[DataRow] = []
    for row in rows:
        if report.stops_here():
            break
        if row.number > layout.heading_row:
            accepted += reader.read(row)
    _report_other_columns(sheet, heading, labels, reader.used_labels, report)
    return accepted


class _RowReader:
    """Reads the rows below the heading one by one, remembering the measure being given."""

    def __init__(
        self,
        sheet: UploadSheet,
        rules: ObservationRules,
        report: Report,
        periods: list[PeriodColumn],
        labels: list[int],
        breakdown_at: int | None,
    ) -> None:
        self.sheet = sheet
        self.rules = rules
        self.report = report
        self.periods = periods
        self.labels = labels
        self.breakdown_at = breakdown_at
        self.used_labels: set[int] = set()
        self.current: Measure | None = None

    def read(self, row: SheetRow) -> list[DataRow]:
        place = Place(self.report, self.sheet.name, row.number)
        texts = [(i, row.get(i)) for i in self.labels if row.get(i) is not None]
        figures = [
            (p, row.get(p.position)) for p in self.periods if row.get(p.position) is not None
        ]
        breakdown_cell = row.get(self.breakdown_at) if self.breakdown_at is not None else None
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
            self.used_labels.update(positions)
            self.current = measure
        else:
            measure, breakdown_cell = self._breakdown_row(texts, breakdown_cell)
            if measure is None:
                self._not_a_measure(row, texts, figures, place)
                return []
        if not figures:
            return []
        column = _letter(self.breakdown_at) if self.breakdown_at is not None else "breakdown"
        breakdown = self.rules.breakdown(breakdown_cell, measure, place, column)
        return self._figures(row, measure, breakdown, figures, place)

    def _breakdown_row(
        self, texts: list[tuple[int, Cell]], breakdown_cell: Cell
    ) -> tuple[Measure | None, Cell]:
        """The measure above, when this row gives one of its breakdowns."""
        measure = self.current
        if measure is None:
            return None, breakdown_cell
        if breakdown_cell is not None:
            return measure, breakdown_cell
        wanted = {plain_label(b) for b in measure.breakdowns}
        for position, cell in texts:
            if plain_label(shown(cell)) in wanted:
                self.used_labels.add(position)
                return measure, cell
        return None, breakdown_cell

    def _not_a_measure(
        self,
        row: SheetRow,
        texts: list[tuple[int, Cell]],
        figures: list[tuple[PeriodColumn, Cell]],
        place: Place,
    ) -> None:
        self.current = None
        label = " ".join(shown(c) for _, c in texts)
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
        where = _letter(texts[0][0]) if texts else figures[0][0].name
        if not label:
            place.warn(
                where,
                "",
                "this row has figures but no measure id or name, so they were not read; "
                "write the measure's id or its exact name at the start of the row",
            )
            return
        place.warn(
            where,
            label,
            f"'{label}' is not a measure in the catalogue, so the figures in this row were "
            f"not read. To upload them, use the measure's id or its exact name; "
            f"{self.rules.suggestion(label)}",
        )

    def _figures(
        self,
        row: SheetRow,
        measure: Measure,
        breakdown: str | None,
        figures: list[tuple[PeriodColumn, Cell]],
        place: Place,
    ) -> list[DataRow]:
        accepted = []
        for column, cell in figures:
            name = column.name
            before = self.report.blocking_count
            problem = not_ended(column.period, self.rules.today)
            if problem:
                place.block(name, shown(column.heading), problem)
            else:
                self.rules.check_frequency(measure, column.period, column.heading, place, name)
            formatted = (row.number, column.position) in self.sheet.percent_cells
            value, parsed = self.rules.value(cell, formatted, measure, place, name)
            if breakdown is None or self.report.blocking_count != before:
                continue
            observation = Observation(
                measure.id, column.period, breakdown, value, symbol=parsed.symbol
            )
            if self.rules.is_first(observation, place, name):
                accepted.append(DataRow(self.sheet.name, row.number, name, observation))
        return accepted


def _distinct(
    periods: tuple[PeriodColumn, ...], sheet: str, heading_row: int, report: Report
) -> list[PeriodColumn]:
    """The period columns, without a second column for the same period (which is blocking)."""
    first: dict[object, PeriodColumn] = {}
    for column in periods:
        earlier = first.setdefault(column.period, column)
        if earlier is not column:
            report.block(
                sheet,
                heading_row,
                column.name,
                shown(column.heading),
                f"columns {earlier.letter} and {column.letter} are both {column.period.label}; "
                "delete one of them",
            )
    return list(first.values())


def _report_rows_above(
    rows: tuple[SheetRow, ...], layout: SheetLayout, sheet: str, report: Report
) -> None:
    for row in rows:
        if row.number >= layout.heading_row:
            return
        label = " ".join(shown(c) for c in row.cells if c is not None)
        if layout.uses_year_row and row.number == layout.heading_row - 1:
            reason = "gives the years of the quarter columns below it; read for that only"
        else:
            reason = "above the row of periods (a title); not read"
        report.ignore(sheet, row.number, None, label, reason)


def _report_other_columns(
    sheet: UploadSheet,
    heading: SheetRow,
    labels: list[int],
    used: set[int],
    report: Report,
) -> None:
    """Columns that are neither periods nor where the measures were found."""
    below = [r for r in sheet.all_rows if r.number > heading.number]
    for position in labels:
        if position in used:
            continue
        filled = sum(1 for r in below if r.get(position) is not None)
        title = shown(heading.get(position))
        if title:
            reason = f"'{title}' is not a period; its {filled} value(s) were not read"
        elif filled:
            reason = f"no heading; its {filled} value(s) were not read"
        else:
            continue
        report.ignore(sheet.name, None, _letter(position), title, reason)


def _letter(position: int) -> str:
    return str(get_column_letter(position + 1))
