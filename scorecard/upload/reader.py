"""Read an uploaded file into plain rows, with the Excel row number of each.

Values come from python-calamine (fast, and it returns the cached result of formulas).
calamine does not report number formats, so :mod:`scorecard.upload.formats` finds which
numeric cells are formatted as percentages, since Excel stores "45%" as 0.45. A workbook is
read in a limited child process (:mod:`scorecard.upload.sandbox`) while the server runs
:mod:`scorecard.upload.safety` on it; what that pass refuses is refused in its words. Nothing
opens the file in the server before the pass has accepted it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import zip_longest
from operator import itemgetter
from pathlib import PurePath
from typing import NamedTuple, TypeVar

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from scorecard.errors import UnreadableFile
from scorecard.upload import formats, safety, sandbox
from scorecard.upload.issues import DATA_SHEET

Cell = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None
_Found = TypeVar("_Found")

_CSV_SUFFIXES = (".csv", ".txt")
_DELIMITERS = (",", ";", "\t")  # a tie goes to the first
_SNIFFED_CHARACTERS = 64 * 1024


class SheetRow(NamedTuple):
    """One row with something in it (a tuple: an upload has tens of thousands of them)."""

    number: int  # the Excel row number the officer sees (the header is usually row 1)
    cells: tuple[Cell, ...]

    def get(self, column: int) -> Cell:
        return self.cells[column] if column < len(self.cells) else None


class UploadSheet:
    """One sheet: its header (the first row with anything in it) and the rows below it.

    A sheet read from a file is kept a column at a time (:meth:`from_columns`): the Data
    sheet's tens of thousands of rows are checked a column at a time, and a column of cells
    crosses from the reading process far more cheaply than the same cells row by row. Its
    rows are made only when something asks for them.
    """

    __slots__ = (
        "_columns",
        "_kinds",
        "_numbers",
        "_rows",
        "header",
        "header_row",
        "name",
        "percent_cells",
    )

    def __init__(
        self,
        name: str,
        header_row: int,  # 0 when the sheet is empty
        header: tuple[Cell, ...],
        rows: Sequence[SheetRow] = (),  # only rows with something in them, in order
        percent_cells: frozenset[tuple[int, int]] = frozenset(),  # (Excel row, 0-based column)
    ) -> None:
        self.name = name
        self.header_row = header_row
        self.header = header
        self.percent_cells = percent_cells
        self._rows: tuple[SheetRow, ...] | None = tuple(rows)
        self._columns: tuple[Sequence[Cell], ...] | None = None
        self._numbers: Sequence[int] | None = None
        self._kinds: dict[int, frozenset[type]] = {}

    @classmethod
    def from_columns(
        cls,
        name: str,
        header_row: int,
        header: tuple[Cell, ...],
        numbers: Sequence[int],
        columns: Sequence[Sequence[Cell]],
        percent_cells: frozenset[tuple[int, int]] = frozenset(),
        kinds: Sequence[frozenset[type]] = (),
    ) -> UploadSheet:
        """The sheet whose rows below the header are at Excel rows ``numbers``, with
        ``columns[c][i]`` the cell of row ``numbers[i]`` in column ``c`` (None when blank).
        Every row has something in it, and the last column something in some row.
        ``kinds``, when known, are :meth:`kinds` of each column."""
        sheet = cls(name, header_row, header, (), percent_cells)
        sheet._rows = None
        sheet._numbers = numbers
        sheet._columns = tuple(columns)
        sheet._kinds = dict(enumerate(kinds))
        return sheet

    def kinds(self, column: int) -> frozenset[type]:
        """The types of the cells of a column below the header (NoneType for a blank),
        worked out once: the reader checks them on the way in, and the Data sheet's checks
        ask them again."""
        found = self._kinds.get(column)
        if found is None:
            cells = self.columns[column] if column < len(self.columns) else ()
            found = self._kinds[column] = frozenset(map(type, cells)) or frozenset({type(None)})
        return found

    @property
    def rows(self) -> tuple[SheetRow, ...]:
        """Every row below the header with something in it, in order."""
        if self._rows is None:
            self._rows = tuple(map(self.row, range(len(self.numbers))))
        return self._rows

    @property
    def numbers(self) -> Sequence[int]:
        """The Excel row number of each row below the header."""
        if self._numbers is None:
            self._numbers = [r.number for r in self.rows]
        return self._numbers

    @property
    def columns(self) -> tuple[Sequence[Cell], ...]:
        """The rows below the header a column at a time, as wide as the widest row (a blank,
        None, beyond a row's last cell)."""
        if self._columns is None:
            self._columns = tuple(zip_longest(*(r.cells for r in self.rows)))
        return self._columns

    def row(self, index: int) -> SheetRow:
        """The ``index``-th row below the header (0-based)."""
        if self._rows is not None:
            return self._rows[index]
        cells = [column[index] for column in self.columns]
        while cells and cells[-1] is None:
            cells.pop()
        return SheetRow(self.numbers[index], tuple(cells))

    def head(self, count: int) -> tuple[SheetRow, ...]:
        """The first ``count`` rows of :attr:`all_rows`, without making the others."""
        if self.is_empty or count <= 0:
            return ()
        below = min(count - 1, len(self.numbers))
        return (SheetRow(self.header_row, self.header), *map(self.row, range(below)))

    def is_percent(self, row: int, column: int) -> bool:
        return (row, column) in self.percent_cells

    @property
    def is_empty(self) -> bool:
        return self.header_row == 0

    @property
    def all_rows(self) -> tuple[SheetRow, ...]:
        """Every row with something in it, the header included."""
        if self.is_empty:
            return ()
        return (SheetRow(self.header_row, self.header), *self.rows)

    def starting_at(self, header_row: int) -> UploadSheet:
        """The same sheet with its header at ``header_row``; the rows above are left out."""
        if header_row == self.header_row:
            return self
        below = [r for r in self.all_rows if r.number >= header_row]
        header = below[0] if below else SheetRow(0, ())
        return UploadSheet(
            name=self.name,
            header_row=header.number,
            header=header.cells,
            rows=tuple(below[1:]),
            percent_cells=self.percent_cells,
        )

    def _key(self) -> tuple[object, ...]:
        return (self.name, self.header_row, self.header, self.rows, self.percent_cells)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UploadSheet):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"UploadSheet(name={self.name!r}, header_row={self.header_row}, "
            f"header={self.header!r}, rows={len(self.numbers)} rows)"
        )


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


def read_upload(
    file_name: str, content: bytes, meanwhile: Callable[[], None] | None = None
) -> UploadWorkbook:
    """Read an ``.xlsx`` workbook, or a CSV file as the Data sheet.

    Raises :class:`~scorecard.errors.UnreadableFile` with a message saying what to do.
    The content decides how the file is read, so a workbook saved with the wrong name still
    works; the name only matters for a text file. ``meanwhile`` (work that does not need the
    file) is done once the file is known to be one that can be read, while a workbook is
    being read if it can be.
    """
    safety.refuse_too_big(content)
    suffix = PurePath(file_name).suffix.lower()
    if safety.looks_like_ole(content):
        raise safety.refuse_ole(content)
    if safety.looks_like_zip(content):
        # In a child process: a file that makes the spreadsheet reader abort ends only that.
        # The safety pass runs here meanwhile, and what it refuses is refused in its words.
        result: UploadWorkbook = sandbox.read_xlsx(
            file_name, content, check=lambda: safety.inspect_xlsx(content), meanwhile=meanwhile
        )
        return result
    if suffix in _CSV_SUFFIXES:
        if meanwhile is not None:
            meanwhile()
        return _read_csv(file_name, content)
    raise safety.not_a_workbook()


# -- xlsx ---------------------------------------------------------------------------------
def read_xlsx_here(
    file_name: str,
    content: bytes,
    error_parts: Callable[[], Collection[str] | None] | None = None,
) -> UploadWorkbook:
    """Read a workbook in this process: only :mod:`scorecard.upload.sandbox`'s child does,
    while the server runs :func:`scorecard.upload.safety.inspect_xlsx`, and a server without
    such a child once that pass has accepted the file.

    ``error_parts``, when given, says once called which worksheet parts hold the mark of an
    error cell (:func:`scorecard.upload.formats.error_parts`, which the server works out while
    this reads; None: not known); otherwise every sheet is searched for it here. A problem
    finding error cells is reported before one of calamine's, as when they were looked for
    first."""
    percent = _cell_details(formats.percent_cells, content)
    names: list[str] = []
    sheets: list[UploadSheet] = []
    readable = True
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        names = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        for name in names:
            # One sheet at a time: calamine's copy of it is freed before the next is read.
            grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            sheets.append(_sheet(name, grid, percent.get(name, frozenset())))
            del grid
    except (CalamineError, ValueError, OSError):
        readable = False
    errors = _cell_details(
        formats.error_cells, content, error_parts() if error_parts is not None else None
    )
    try:
        if not readable:
            raise CalamineError
        for index, name in enumerate(names):
            if errors.get(name):  # rare: the sheet is read again, its error cells put in
                grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                for (row, column), error in errors[name].items():
                    if row <= len(grid) and column < len(grid[row - 1]):
                        grid[row - 1][column] = error  # calamine gives an error cell as blank
                sheets[index] = _sheet(name, grid, percent.get(name, frozenset()))
                del grid
    except (CalamineError, ValueError, OSError):
        raise UnreadableFile(
            f"This file is not an Excel .xlsx workbook that can be read; open it in Excel, "
            f"{safety.SAVE_AS_XLSX}."
        ) from None
    return UploadWorkbook(file_name=file_name, sheets=tuple(sheets))


def _cell_details(find: Callable[..., _Found], content: bytes, *args: object) -> _Found:
    try:
        return find(content, *args)
    except UnreadableFile:
        raise
    except Exception:  # openpyxl and the XML parser raise many exception types on a bad part
        raise UnreadableFile(
            f"The cells of this workbook cannot be read; open it in Excel, {safety.SAVE_AS_XLSX}."
        ) from None


def _sheet(
    name: str, grid: Sequence[Sequence[Cell]], percent: frozenset[tuple[int, int]]
) -> UploadSheet:
    """The sheet of a grid of rows (which may differ in length), kept a column at a time:
    blank cells (empty or only spaces) as None, rows and trailing columns with nothing in
    them left out. Equal text is one object (a column repeats a few ids and periods
    thousands of times): it crosses from the reading process once and hashes once."""
    columns = [_cells(column) for column in zip_longest(*grid)]
    while columns and columns[-1].count(None) == len(columns[-1]):
        columns.pop()
    if any(None not in column for column in columns):
        filled: Sequence[int] = range(len(grid))  # a column full in every row: every row
    else:
        blank = (None,) * len(columns)
        filled = [i for i, cells in enumerate(zip(*columns, strict=True)) if cells != blank]
    if not filled:
        return UploadSheet(name=name, header_row=0, header=(), rows=())
    first, body = filled[0], filled[1:]
    header = [column[first] for column in columns]
    while header and header[-1] is None:
        header.pop()
    if len(body) == len(grid) - first - 1:  # no empty row below the header: the usual case
        columns = [column[first + 1 :] for column in columns]
    elif len(body) > 1:
        take = itemgetter(*body)
        columns = [take(column) for column in columns]
    else:
        columns = [tuple(column[i] for i in body) for column in columns]
    while columns and columns[-1].count(None) == len(columns[-1]):
        columns.pop()  # a column with something in the header only
    # Excel's row numbers, 1-based: still a range when no row was left out (the usual case),
    # which crosses from the reading process as two numbers rather than one per row.
    numbers = (
        range(body.start + 1, body.stop + 1) if isinstance(body, range) else [i + 1 for i in body]
    )
    return UploadSheet.from_columns(name, first + 1, tuple(header), numbers, columns, percent)


def _cells(column: Sequence[Cell]) -> tuple[Cell, ...]:
    """A column's cells, blank text (empty or only spaces) as None and equal text one object
    (each distinct value worked out once, then looked up a whole column at a time)."""
    text: dict[Cell, Cell] = {
        cell: cell if cell and not cell.isspace() else None
        for cell in set(column)
        if cell.__class__ is str
    }
    if not text:  # numbers alone (a value column): nothing to change
        return tuple(column)
    return tuple(map(text.get, column, column))


# -- csv ----------------------------------------------------------------------------------
def _read_csv(file_name: str, content: bytes) -> UploadWorkbook:
    if b"\x00" in content:
        raise safety.not_a_workbook()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV (Comma delimited)" is saved in the Windows code page.
        text = content.decode("cp1252", errors="replace")
    delimiter = _delimiter(text)
    grid: list[list[str]] = []
    widest = 0
    separators = 0  # in the row being read

    def lines() -> Iterator[str]:
        # The csv module builds a whole row before we see it: 20 MB of commas on one line
        # (or spread over lines inside quotes) would be 20 million cells, 1.9 GB, first.
        nonlocal separators
        for line in _lines(text):
            separators += line.count(delimiter)
            if separators > _MOST_SEPARATORS:
                raise _csv_too_large()
            yield line

    try:
        # Row by row, refused as soon as it is too large: 20 MB of empty lines would
        # otherwise become 20 million rows (1.7 GB) before anything was checked.
        for row in csv.reader(lines(), delimiter=delimiter):
            separators = 0
            grid.append(row)
            widest = max(widest, len(row))
            if (
                len(grid) > safety.MAX_ROWS
                or widest > safety.MAX_COLUMNS
                or len(grid) * widest > safety.MAX_CELLS
            ):
                raise _csv_too_large()
    except csv.Error:
        raise UnreadableFile(
            "This CSV file cannot be read (a quotation mark may be missing). Open it in Excel "
            f"and {safety.SAVE_AS_XLSX}."
        ) from None
    sheet = _sheet(DATA_SHEET, grid, frozenset())
    return UploadWorkbook(file_name=file_name, sheets=(sheet,), is_csv=True)


# Separators in one row, quoted ones included (a note may hold many commas): far more than
# the columns a row may have, far fewer than would cost memory.
_MOST_SEPARATORS = 50 * safety.MAX_COLUMNS


def _csv_too_large() -> UnreadableFile:
    return UnreadableFile(
        f"This CSV file is larger than an upload can be ({safety.MAX_ROWS:,} rows "
        f"and {safety.MAX_COLUMNS} columns at most, empty lines included); delete "
        "the rows and columns you do not need and upload it again."
    )


# A line with its ending, as a file opened with newline="" gives it (the csv module's way).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time (io.StringIO would first copy all of it, at four
    bytes a character)."""
    return (line.group() for line in _LINE.finditer(text))


def _delimiter(text: str) -> str:
    """Comma, semicolon (Excel's CSV where the list separator is ";") or tab (Excel's "Text
    (Tab delimited)"): the one on most of the first lines, then the most used. More than the
    first line, which may be a title with none."""
    lines = [line for line in text[:_SNIFFED_CHARACTERS].splitlines()[:20] if line.strip()]
    return max(
        _DELIMITERS,
        key=lambda d: (sum(d in line for line in lines), sum(line.count(d) for line in lines)),
    )
