"""Read an uploaded file into plain rows, with the Excel row number of each.

Values come from python-calamine (fast, and it returns the cached result of formulas).
calamine does not report number formats, so openpyxl (read-only) is used for one thing
only: which numeric cells are formatted as percentages, since Excel stores "45%" as 0.45.
Every file passes :mod:`scorecard.upload.safety` before either library opens it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

import openpyxl
from openpyxl.cell.read_only import ReadOnlyCell
from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from scorecard.errors import UnreadableFile
from scorecard.upload import safety
from scorecard.upload.issues import DATA_SHEET

Cell = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

_CSV_SUFFIXES = (".csv", ".txt")
# Quoted text and backslash-escaped characters in a number format are shown literally: a
# format such as 0"%" prints a percent sign but does not multiply by 100.
_LITERAL_IN_FORMAT = re.compile(r'"[^"]*"|\\.')


@dataclass(frozen=True)
class SheetRow:
    number: int  # the Excel row number the officer sees (the header is usually row 1)
    cells: tuple[Cell, ...]

    def get(self, column: int) -> Cell:
        return self.cells[column] if column < len(self.cells) else None


@dataclass(frozen=True)
class UploadSheet:
    """One sheet: its header (the first row with anything in it) and the rows below it."""

    name: str
    header_row: int  # 0 when the sheet is empty
    header: tuple[Cell, ...]
    rows: tuple[SheetRow, ...]  # only rows with something in them, in order
    percent_cells: frozenset[tuple[int, int]] = frozenset()  # (Excel row, 0-based column)

    def is_percent(self, row: int, column: int) -> bool:
        return (row, column) in self.percent_cells

    @property
    def is_empty(self) -> bool:
        return self.header_row == 0


@dataclass(frozen=True)
class UploadWorkbook:
    file_name: str
    sheets: tuple[UploadSheet, ...]
    is_csv: bool = False

    def sheet(self, name: str) -> UploadSheet | None:
        """The sheet called ``name``, ignoring case and surrounding spaces."""
        wanted = name.strip().casefold()
        return next((s for s in self.sheets if s.name.strip().casefold() == wanted), None)

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]


def read_upload(file_name: str, content: bytes) -> UploadWorkbook:
    """Read an ``.xlsx`` workbook, or a CSV file as the Data sheet.

    Raises :class:`~scorecard.errors.UnreadableFile` with a message saying what to do.
    The content decides how the file is read, so a workbook saved with the wrong name still
    works; the name only matters for a text file.
    """
    safety.refuse_too_big(content)
    suffix = PurePath(file_name).suffix.lower()
    if safety.looks_like_ole(content):
        raise safety.refuse_ole()
    if safety.looks_like_zip(content):
        return _read_xlsx(file_name, content)
    if suffix in _CSV_SUFFIXES:
        return _read_csv(file_name, content)
    raise UnreadableFile(
        f"This file is not an Excel .xlsx workbook or a CSV file; {safety.SAVE_AS_XLSX}."
    )


# -- xlsx ---------------------------------------------------------------------------------
def _read_xlsx(file_name: str, content: bytes) -> UploadWorkbook:
    safety.inspect_xlsx(content)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        worksheets = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        grids = {
            name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in worksheets
        }
    except (CalamineError, ValueError, OSError):
        raise UnreadableFile(
            f"This file is not an Excel .xlsx workbook that can be read; open it in Excel, "
            f"{safety.SAVE_AS_XLSX}."
        ) from None
    percent = _percent_cells(content)
    sheets = tuple(
        _sheet(name, grid, percent.get(name, frozenset())) for name, grid in grids.items()
    )
    return UploadWorkbook(file_name=file_name, sheets=sheets)


def _percent_cells(content: bytes) -> dict[str, frozenset[tuple[int, int]]]:
    """Numeric cells formatted as a percentage, per sheet."""
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it does not read (slicers, extensions): irrelevant.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            try:
                found = {}
                for sheet in book.worksheets:
                    # The sheet's own <dimension> may be wrong; safety checked the real extent.
                    sheet.reset_dimensions()
                    found[sheet.title] = frozenset(
                        (cell.row, cell.column - 1)
                        for row in sheet.iter_rows()
                        for cell in row
                        if isinstance(cell, ReadOnlyCell) and _is_percent(cell)
                    )
                return found
            finally:
                book.close()
    except Exception:  # openpyxl raises many exception types on a malformed part
        raise UnreadableFile(
            f"The cell formats of this workbook cannot be read; open it in Excel, "
            f"{safety.SAVE_AS_XLSX}."
        ) from None


def _is_percent(cell: ReadOnlyCell) -> bool:
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return "%" in _LITERAL_IN_FORMAT.sub("", cell.number_format or "")


def _sheet(
    name: str, grid: Sequence[Sequence[Cell]], percent: frozenset[tuple[int, int]]
) -> UploadSheet:
    rows = [SheetRow(number=index + 1, cells=_trimmed(cells)) for index, cells in enumerate(grid)]
    filled = [r for r in rows if r.cells]
    if not filled:
        return UploadSheet(name=name, header_row=0, header=(), rows=())
    header, *body = filled
    return UploadSheet(
        name=name,
        header_row=header.number,
        header=header.cells,
        rows=tuple(body),
        percent_cells=percent,
    )


def _trimmed(cells: Iterable[Cell]) -> tuple[Cell, ...]:
    """Blank cells as None, without the blanks at the end of the row."""
    values = [None if _blank(c) else c for c in cells]
    while values and values[-1] is None:
        values.pop()
    return tuple(values)


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


# -- csv ----------------------------------------------------------------------------------
def _read_csv(file_name: str, content: bytes) -> UploadWorkbook:
    if b"\x00" in content:
        raise UnreadableFile(
            f"This file is not an Excel .xlsx workbook or a CSV file; {safety.SAVE_AS_XLSX}."
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV (Comma delimited)" is saved in the Windows code page.
        text = content.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        grid = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise UnreadableFile(
            "This CSV file cannot be read (a quotation mark may be missing). Open it in Excel "
            f"and {safety.SAVE_AS_XLSX}."
        ) from None
    if len(grid) > safety.MAX_ROWS or any(len(r) > safety.MAX_COLUMNS for r in grid):
        raise UnreadableFile(
            f"This CSV file is larger than an upload can be ({safety.MAX_ROWS:,} rows and "
            f"{safety.MAX_COLUMNS} columns at most); delete the rows and columns you do not "
            "need and upload it again."
        )
    sheet = _sheet(DATA_SHEET, grid, frozenset())
    return UploadWorkbook(file_name=file_name, sheets=(sheet,), is_csv=True)
