"""The scorecard as the Excel workbook councils circulate: one row per measure under its
priority's heading, a column per recent quarter, then target, RAG (word, shape and fill),
direction arrows, comparators where DfE's figures were imported, n / N and notes.

A second sheet, ``Data``, keeps the plain long table (one row per observation, the columns
of the JSON and CSV exports) for anyone who wants to work with the figures.

Text can never run as a formula: every text cell is written as a string, and one starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is also marked "quote prefix",
so editing it in Excel keeps it text.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scorecard import disclosure, export, formatting, variation
from scorecard.catalogue import Frequency, Measure, Polarity, Unit
from scorecard.meetings import long_date
from scorecard.periods import Period
from scorecard.rag import Direction, Rag, as_displayed
from scorecard.reports.content import ReportData
from scorecard.status import MeasureStatus, Reading, quarters_to, readings
from scorecard.text import without_control_characters

QUARTERS = 5
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Fills a printed scorecard uses, each with text dark or light enough to read on it.
_RAG_FILL = {
    Rag.GREEN: ("00703C", "FFFFFF"),
    Rag.AMBER: ("FFBF47", "0B0C0C"),
    Rag.RED: ("B3261E", "FFFFFF"),
    Rag.NOT_RATED: ("E8E8E8", "0B0C0C"),
    Rag.NO_DATA: ("E8E8E8", "0B0C0C"),
}
_HEADING_FILL = PatternFill("solid", fgColor="1D3A5F")
_HEADER_FILL = PatternFill("solid", fgColor="F3F2F1")
_THIN = Side(style="thin", color="B1B4B6")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)


def scorecard_workbook(data: ReportData, records: list[dict[str, Any]]) -> bytes:
    """The formatted scorecard for ``data.period``, and ``records`` (from
    :func:`scorecard.export.observation_records`) as the plain ``Data`` sheet."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Scorecard"
    _scorecard_sheet(sheet, data)
    _data_sheet(book.create_sheet("Data"), records)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_text(cell: Cell, value: str) -> None:
    """A text cell that no spreadsheet will run as a formula."""
    value = without_control_characters(value)
    cell.value = value
    cell.data_type = "s"
    if value.startswith(_FORMULA_STARTS):
        cell.quotePrefix = True


def _put(sheet: Worksheet, row: int, column: int, value: Any, **style: Any) -> Cell:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        write_text(cell, value)
    else:
        cell.value = value
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _number_format(measure: Measure) -> str:
    digits = "0" + ("." + "0" * measure.decimals if measure.decimals else "")
    return {
        Unit.COUNT: "#,##" + digits,
        Unit.PERCENT: digits + '"%"',
        Unit.RATE_PER_10K: digits,
        Unit.DAYS: "#,##" + digits,
        Unit.SCORE: digits,
        Unit.CURRENCY: '"£"#,##' + digits,
    }[measure.unit]


def _columns(data: ReportData) -> tuple[list[Period], list[str], bool]:
    quarters = quarters_to(data.period, QUARTERS)
    compared = bool(data.comparisons)
    names = ["ID", "Measure", "Better when"]
    names += [q.label for q in quarters]
    names += ["Target", "RAG", "Since last period", "Since a year ago", "Variation", "Assurance"]
    if compared:
        names += ["England", "Statistical neighbours", "Band (A best)"]
    if not data.public:
        names += ["n / N"]
    names += ["Notes"]
    return quarters, names, compared


_WIDTHS = {
    "ID": 21,
    "Measure": 46,
    "Better when": 11,
    "Target": 10,
    "RAG": 13,
    "Since last period": 15,
    "Since a year ago": 15,
    "Variation": 26,
    "Assurance": 22,
    "England": 10,
    "Statistical neighbours": 13,
    "Band (A best)": 9,
    "n / N": 12,
    "Notes": 48,
}


def _scorecard_sheet(sheet: Worksheet, data: ReportData) -> None:
    quarters, names, compared = _columns(data)
    authority = data.catalogue.authority
    version = "Published version" if data.public else "Panel members' version"
    _put(
        sheet,
        1,
        1,
        f"Corporate Parenting Scorecard: {authority.name}",
        font=Font(bold=True, size=14),
    )
    _put(
        sheet,
        2,
        1,
        f"Figures for {data.period.long_label} · produced {long_date(data.today)} · {version}",
    )
    notes = []
    if authority.demonstration:
        notes.append("Demonstration data: not a real council; every figure is made up.")
    if data.public:
        notes.append(disclosure.suppression_note(data.threshold))
    _put(sheet, 3, 1, " ".join(notes), font=Font(italic=True))
    header = 5
    for column, name in enumerate(names, start=1):
        _put(
            sheet,
            header,
            column,
            name,
            font=Font(bold=True),
            fill=_HEADER_FILL,
            border=_BOX,
            alignment=_CENTRE,
        )
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS.get(name, 11)
    sheet.row_dimensions[header].height = 32
    row = header + 1
    for report in data.reports:
        _put(
            sheet, row, 1, report.heading, font=Font(bold=True, color="FFFFFF"), fill=_HEADING_FILL
        )
        for column in range(2, len(names) + 1):
            sheet.cell(row=row, column=column).fill = _HEADING_FILL
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(names))
        row += 1
        for status in report.statuses:
            _measure_row(sheet, row, data, status, quarters, names, compared)
            row += 1
    row += 1
    for line in _key(data, compared):
        _put(sheet, row, 1, line, font=Font(size=9, color="505A5F"))
        row += 1
    sheet.freeze_panes = f"C{header + 1}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _in_column(measure: Measure, history: list[Reading], quarter: Period) -> Reading | None:
    """The figure a quarter's column shows: the quarter's own, or the year that ended in it."""
    for reading in history:
        if measure.frequency is Frequency.QUARTERLY and reading.period == quarter:
            return reading
        if (
            measure.frequency is Frequency.ANNUAL
            and Period.containing(reading.period.end) == quarter
        ):
            return reading
    return None


def _direction(change: Direction) -> str:
    return "–" if change is Direction.NOT_COMPARABLE else f"{change.arrow} {change.value}"


def _measure_row(
    sheet: Worksheet,
    row: int,
    data: ReportData,
    status: MeasureStatus,
    quarters: list[Period],
    names: list[str],
    compared: bool,
) -> None:
    measure = status.measure
    history = readings(data.histories, measure.id)
    values: list[Any] = [measure.id, measure.name, _better(measure)]
    annual_notes = []
    for quarter in quarters:
        reading = _in_column(measure, history, quarter)
        if reading is None:
            values.append(None)
        elif reading.value is None:
            values.append(reading.symbol.value if reading.symbol else None)
        else:
            values.append(float(as_displayed(reading.value, measure.decimals)))
        if reading is not None and reading.period != quarter:
            annual_notes.append(f"{reading.period.label} under {quarter.label}")
    values += [
        measure.target,
        status.rag,
        _direction(status.vs_previous),
        _direction(status.vs_last_year),
        status.variation.variation.label if status.variation else "Too few quarters",
        status.variation.assurance.label if status.variation and status.variation.assurance else "",
    ]
    if compared:
        found = data.comparisons.get(measure.id)
        values += [found.england, found.neighbours, found.band] if found else [None] * 3
    reading = status.reading
    if not data.public:
        values.append(
            formatting.cohort_text(reading.numerator, reading.denominator) if reading else ""
        )
    notes = []
    if annual_notes:
        notes.append(
            "Annual figure, shown under the quarter its year ended: "
            + "; ".join(annual_notes)
            + "."
        )
    if short := status.children_short_of_target:
        notes.append(formatting.children_short_text(status.measure, short))
    if status.variation is not None and status.variation.variation.is_special:
        notes.append(variation.sentence(status.variation))
    if not data.public and reading is not None and reading.note:
        notes.append(reading.note)
    values.append(" ".join(notes))
    fmt = _number_format(measure)
    sheet.row_dimensions[row].height = _height(names, values)
    for column, (name, value) in enumerate(zip(names, values, strict=True), start=1):
        if isinstance(value, Rag):
            fill, ink = _RAG_FILL[value]
            _put(
                sheet,
                row,
                column,
                value.badge,
                fill=PatternFill("solid", fgColor=fill),
                font=Font(bold=True, color=ink),
                border=_BOX,
                alignment=_CENTRE,
            )
            continue
        cell = _put(sheet, row, column, value, border=_BOX, alignment=_WRAP)
        if isinstance(value, float) and name not in ("Band (A best)",):
            cell.number_format = fmt
            cell.alignment = Alignment(horizontal="right", vertical="top")
        elif name in ("RAG", "Band (A best)") or (isinstance(value, str) and len(value) == 1):
            cell.alignment = _CENTRE


def _height(names: list[str], values: list[Any]) -> float:
    """Room for wrapped text: spreadsheets do not grow a row to fit when they open a file."""
    lines = 1
    for name, value in zip(names, values, strict=True):
        if isinstance(value, str) and value:
            per_line = max(int(_WIDTHS.get(name, 11) * 1.15), 1)
            lines = max(lines, -(-len(value) // per_line))
    return 15.0 * lines + 2


def _better(measure: Measure) -> str:
    return {
        Polarity.HIGHER_IS_BETTER: "Higher",
        Polarity.LOWER_IS_BETTER: "Lower",
        Polarity.NONE: "Context",
    }[measure.polarity]


def _key(data: ReportData, compared: bool) -> list[str]:
    lines = [
        "RAG: ■ Red = worse than target beyond the tolerance; ▲ Amber = worse than target, "
        "within the tolerance; ● Green = on or better than target; ○ Not rated = no target "
        "or a context measure; – No data = no figure for the period.",
        "Direction: ↑ Improving, ↓ Worsening, → No change (judged by whether higher or lower is "
        "better); ↗ Up and ↘ Down for context measures.",
        "Symbols: c suppressed, x not available, z not applicable, k rounds to zero, "
        "u low reliability.",
    ]
    if compared:
        years = ", ".join(sorted({c.year for c in data.comparisons.values()}))
        lines.append(f"England, statistical neighbours and band: DfE published figures ({years}).")
    return lines


def _data_sheet(sheet: Worksheet, records: list[dict[str, Any]]) -> None:
    for column, name in enumerate(export.EXPORT_FIELDS, start=1):
        _put(sheet, 1, column, name, font=Font(bold=True))
    for row, record in enumerate(records, start=2):
        for column, name in enumerate(export.EXPORT_FIELDS, start=1):
            _put(sheet, row, column, record[name])
    sheet.freeze_panes = "A2"
