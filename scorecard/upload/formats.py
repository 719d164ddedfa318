"""What calamine does not say about an ``.xlsx``'s cells: which numeric cells are formatted as
percentages (Excel stores 45% as 0.45), and which hold an Excel error (#N/A, #DIV/0!), which
calamine gives as blank, so a broken formula would otherwise drop a figure without a word.

calamine gives values but not number formats. The formats live in two places: ``styles.xml``
lists the cell styles (``cellXfs``) and their number formats, and each cell names its style
(``s="3"``). When no style is a percentage, which is the case for the template, nothing more
is read. Otherwise the sheets are searched for cells of those styles; cells written in an
unusual way are left to openpyxl (read-only, with defusedxml), which is slow but general.
Error cells are rare: each sheet is searched for the attribute that marks one (a search of
the bytes, which the server's safety pass does on its way while the child reads), and only a
sheet that has it is parsed cell by cell (with defusedxml), in the reading child. The child
may start before the safety pass (:func:`scorecard.upload.safety.inspect_xlsx`) has finished
with the file: its memory and time limits hold meanwhile, and it is ended if the pass refuses
the file. Nothing here runs in the server, except where it reads workbooks itself (Windows,
which cannot fork), after the safety pass.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Collection

import openpyxl
from defusedxml import ElementTree
from openpyxl.cell.read_only import ReadOnlyCell

from scorecard.upload import safety

PercentCells = dict[str, frozenset[tuple[int, int]]]  # sheet -> {(Excel row, 0-based column)}
ErrorCells = dict[str, dict[tuple[int, int], str]]  # sheet -> {(Excel row, 0-based column): "#N/A"}

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_BUILT_IN_PERCENT = frozenset({9, 10})  # 0% and 0.00%
# Quoted text and backslash-escaped characters in a number format are shown literally: a
# format such as 0"%" prints a percent sign but does not multiply by 100.
_LITERAL_IN_FORMAT = re.compile(r'"[^"]*"|\\.')
_ATTRIBUTE = re.compile(rb'([\w:.-]+)\s*=\s*["\']([^"\']*)["\']')
_REFERENCE = re.compile(rb"([A-Z]{1,3})(\d{1,7})")
# Cells whose value is text, a boolean, an error or a date are never percentages.
_NOT_NUMERIC = frozenset({b"s", b"str", b"inlineStr", b"b", b"e", b"d"})


def is_percent_format(code: str) -> bool:
    return "%" in _LITERAL_IN_FORMAT.sub("", code)


def percent_cells(content: bytes) -> PercentCells:
    """The numeric cells of every sheet formatted as percentages."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return _percent_cells(archive, _sheets(archive), content)


def error_cells(content: bytes, parts: Collection[str] | None = None) -> ErrorCells:
    """The cells of each sheet that hold an Excel error, with the error as Excel shows it.
    ``parts`` are the worksheet parts with the mark of one, when known (the safety pass,
    :func:`scorecard.upload.safety.inspect_xlsx`, sees them); otherwise every sheet is
    searched for it here."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        found: ErrorCells = {}
        for part, sheet in _sheets(archive).items():
            info = archive.getinfo(part)
            if part in parts if parts is not None else _may_have_errors(archive, info):
                found[sheet] = _errors_in(archive, info)
        return found


def _sheets(archive: zipfile.ZipFile) -> dict[str, str]:
    names = set(archive.namelist())
    return {p: s for p, s in safety.worksheet_parts(archive).items() if p in names}


def _percent_cells(
    archive: zipfile.ZipFile, sheets: dict[str, str], content: bytes
) -> PercentCells:
    styles = _percent_styles(archive)
    if not styles:
        return {}
    if 0 in styles:  # the default style: every unstyled cell would be a percentage
        return _with_openpyxl(content)
    found: PercentCells = {}
    for part, sheet in sheets.items():
        cells = _styled_cells(archive, archive.getinfo(part), styles)
        if cells is None:
            return _with_openpyxl(content)
        found[sheet] = cells
    return found


def _percent_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The positions in ``cellXfs`` of the styles whose number format is a percentage."""
    part = next(
        (p for p, kind in safety.content_types(archive).items() if kind.endswith("styles+xml")),
        "xl/styles.xml",
    )
    styles = safety.xml_part(archive, part)
    codes = {
        int(f.get("numFmtId", "-1")): f.get("formatCode", "")
        for f in styles.iter(f"{_NS}numFmt")
        if f.get("numFmtId", "").isdigit()
    }
    percent = {n for n, code in codes.items() if is_percent_format(code)} | _BUILT_IN_PERCENT
    found = set()
    for cell_styles in styles.iter(f"{_NS}cellXfs"):
        for position, xf in enumerate(cell_styles.iter(f"{_NS}xf")):
            number_format = xf.get("numFmtId", "0")
            if number_format.isdigit() and int(number_format) in percent:
                found.add(position)
    return frozenset(found)


def _styled_cells(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, styles: frozenset[int]
) -> frozenset[tuple[int, int]] | None:
    """Numeric cells with one of ``styles``; None if one of them has no reference to place it."""
    alternatives = "|".join(str(s) for s in sorted(styles)).encode()
    styled = re.compile(
        rb"<(?:[\w.-]+:)?c((?:\s[^>]*)?\ss\s*=\s*[\"'](?:" + alternatives + rb")[\"'][^>]*)>"
    )
    found = set()
    pending = b""
    for chunk in safety.stream_part(archive, info):
        data = pending + chunk
        end = data.rfind(b">") + 1
        for attributes in styled.findall(data, 0, end):
            if attributes.rstrip().endswith(b"/"):
                continue  # a formatted cell with nothing in it
            named = dict(_ATTRIBUTE.findall(attributes))
            if named.get(b"t", b"n") in _NOT_NUMERIC:
                continue
            reference = _REFERENCE.fullmatch(named.get(b"r", b"").replace(b"$", b""))
            if reference is None:
                return None
            found.add((int(reference.group(2)), safety.column_number(reference.group(1)) - 1))
        pending = data[end:]
    return frozenset(found)


def _with_openpyxl(content: bytes) -> PercentCells:
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


def _is_percent(cell: ReadOnlyCell) -> bool:
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return is_percent_format(cell.number_format or "")


def _may_have_errors(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    tail = b""
    for chunk in safety.stream_part(archive, info):
        data = tail + chunk
        if any(mark in data for mark in safety.ERROR_MARKS):
            return True
        tail = data[-8:]  # a mark cut in two by the chunks
    return False


def _errors_in(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> dict[tuple[int, int], str]:
    """Every error cell, placed as calamine places cells (a row or cell without a reference
    follows the one before it)."""
    found = {}
    row = column = 0
    with archive.open(info) as handle:
        for event, element in ElementTree.iterparse(handle, events=("start", "end")):
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "start" and tag == "row":
                number = element.get("r", "")
                row = int(number) if number.isdigit() else row + 1
                column = 0
            elif event == "start" and tag == "c":
                reference = _REFERENCE.fullmatch(element.get("r", "").replace("$", "").encode())
                if reference is not None:
                    row = int(reference.group(2))
                    column = safety.column_number(reference.group(1))
                else:
                    column += 1
            elif event == "end" and tag == "c":
                if element.get("t") == "e":
                    value = next((v.text for v in element if v.tag.endswith("}v")), None)
                    found[(row, column - 1)] = (value or "#VALUE!").strip()
                element.clear()
    return found
