"""Checks that make an uploaded workbook safe to open before any spreadsheet library sees it.

python-calamine allocates one cell for every position between A1 and the furthest cell it
finds, and aborts the whole server process (it cannot be caught) when that is too large: one
cell at XFD1048576 is enough. A zip can also expand a few kilobytes into gigabytes. So the
zip is inspected here first, with the standard library only, and refused unless it is small
and its sheets fit in :data:`MAX_ROWS` x :data:`MAX_COLUMNS`.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from scorecard.errors import UnreadableFile

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
RATIO_CHECKED_ABOVE = 10 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_ROWS = 20_000
MAX_COLUMNS = 200
_DIMENSION_BYTES = 4096
_CHUNK = 1024 * 1024
_LONGEST_TAG = 1024 * 1024

SAVE_AS_XLSX = "save it as an Excel workbook (.xlsx) and upload it again"
_ZIP_MAGIC = b"PK\x03\x04"
# Old .xls workbooks and password-protected .xlsx files are both OLE compound documents.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_NS_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"

_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\s[^>]*?\bref\s*=\s*[\"']([^\"']+)[\"']")
# A <row> or <c> start tag (c may not be followed by a letter: <col>, <cfRule> are not cells).
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb"\sr\s*=\s*[\"']\$?([A-Za-z]{0,7})\$?(\d{1,12})[\"']")


def looks_like_zip(content: bytes) -> bool:
    return content.startswith(_ZIP_MAGIC)


def looks_like_ole(content: bytes) -> bool:
    return content.startswith(_OLE_MAGIC)


def refuse_too_big(content: bytes) -> None:
    if len(content) > MAX_FILE_BYTES:
        megabytes = len(content) / (1024 * 1024)
        raise UnreadableFile(
            f"This file is {megabytes:.1f} MB; an upload can be at most "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Keep only the Data, Commentary and "
            "Actions sheets (no pictures), save it and upload it again."
        )


def refuse_ole() -> UnreadableFile:
    return UnreadableFile(
        "This file is an old Excel 97-2003 (.xls) workbook or is protected with a password. "
        "Open it in Excel, remove any password (File > Info > Protect Workbook), "
        f"{SAVE_AS_XLSX}."
    )


@dataclass(frozen=True)
class _Extent:
    rows: int
    columns: int


def inspect_xlsx(content: bytes) -> None:
    """Raise :class:`UnreadableFile` unless ``content`` is a zip that is safe to open."""
    refuse_too_big(content)
    if looks_like_ole(content):
        raise refuse_ole()
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _not_a_workbook() from None
    with archive:
        members = archive.infolist()
        _check_declared_sizes(members)
        sheets = _worksheet_parts(archive)
        for info in members:
            if info.flag_bits & 0x1:
                raise refuse_ole()
            name = sheets.get(info.filename)
            try:
                if name is None:
                    _drain(archive, info)
                else:
                    _check_extent(name, _sheet_extent(archive, info, name))
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError):
                raise UnreadableFile(
                    f"This workbook is damaged (part {info.filename!r} cannot be read). "
                    f"Open it in Excel, {SAVE_AS_XLSX}."
                ) from None


def _not_a_workbook() -> UnreadableFile:
    return UnreadableFile(
        f"This file is not an Excel .xlsx workbook or a CSV file; {SAVE_AS_XLSX}."
    )


def _check_declared_sizes(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise UnreadableFile(
            f"This workbook has {len(members):,} parts, far more than a scorecard needs. "
            "Copy the Data, Commentary and Actions sheets into a new workbook and upload that."
        )
    total = sum(info.file_size for info in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableFile(
            f"This workbook expands to {total / (1024 * 1024):.0f} MB when opened; the limit is "
            f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB. Keep only the Data, Commentary and "
            "Actions sheets, save it and upload it again."
        )
    for info in members:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_RATIO:
            raise UnreadableFile(
                f"Part {info.filename!r} of this file expands {ratio:.0f} times when opened, "
                "which a real workbook never does, so it was not opened. "
                f"Open the workbook in Excel, {SAVE_AS_XLSX}."
            )


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes, refusing a member that expands beyond its declared size.

    zipfile stops at the declared size, but the Rust zip reader under calamine does not, so a
    forged size could hide a bomb. Asking for one byte more than declared exposes it.
    """
    probe = copy.copy(info)
    probe.file_size = info.file_size + 1
    seen = 0
    with archive.open(probe) as handle:
        while chunk := handle.read(_CHUNK):
            seen += len(chunk)
            if seen > info.file_size:
                raise UnreadableFile(
                    f"Part {info.filename!r} of this file is larger than it says it is, so the "
                    f"file was not opened. Open the workbook in Excel, {SAVE_AS_XLSX}."
                )
            yield chunk


def _drain(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    for _ in _stream(archive, info):
        pass


def _sheet_extent(archive: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str) -> _Extent:
    """The furthest row and column of any cell with content, as calamine would place it."""
    max_row = max_col = row = col = 0
    pending = b""
    for number, chunk in enumerate(_stream(archive, info)):
        if number == 0:  # <dimension> comes first: a cheap early refusal (it may also lie)
            _check_dimension(sheet, chunk[:_DIMENSION_BYTES])
        data = pending + chunk
        end = data.rfind(b">") + 1
        for tag in _TAG.finditer(data, 0, end):
            ref = _REF.search(tag.group(2))
            if tag.group(1) == b"row":
                row = int(ref.group(2)) if ref else row + 1
                col = 0
                continue
            if ref and ref.group(1):
                row, col = int(ref.group(2)), _column_number(ref.group(1))
            else:
                col += 1
            if not tag.group(2).rstrip().endswith(b"/"):  # <c r=".." s="1"/> holds nothing
                max_row, max_col = max(max_row, row), max(max_col, col)
        rest = data[end:]
        start = rest.find(b"<")
        pending = rest[start:] if start >= 0 else b""
        if len(pending) > _LONGEST_TAG:
            raise UnreadableFile(f"Sheet '{sheet}' is damaged. Open it in Excel, {SAVE_AS_XLSX}.")
    return _Extent(max_row, max_col)


def _check_dimension(sheet: str, head: bytes) -> None:
    found = _DIMENSION.search(head)
    if not found:
        return
    last = found.group(1).split(b":")[-1]
    ref = re.fullmatch(rb"\$?([A-Za-z]{1,7})\$?(\d{1,12})", last)
    if ref:
        _check_extent(sheet, _Extent(int(ref.group(2)), _column_number(ref.group(1))))


def _check_extent(sheet: str, extent: _Extent) -> None:
    if extent.rows > MAX_ROWS or extent.columns > MAX_COLUMNS:
        raise UnreadableFile(
            f"Sheet '{sheet}' uses cells as far as row {extent.rows:,} and column "
            f"{extent.columns:,}; an upload can use at most {MAX_ROWS:,} rows and "
            f"{MAX_COLUMNS} columns. Delete the empty rows below and the columns to the right "
            "of your figures (or copy the figures into a new workbook), save it and upload it "
            "again."
        )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (letter - ord("A") + 1)
    return number


def _worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Zip member name -> sheet name, for every part that may be a worksheet.

    calamine finds sheets through the workbook's relationships; a crafted file could point
    them anywhere, so every part that is a worksheet by any account is checked.
    """
    parts: dict[str, str] = {}
    names = set(archive.namelist())
    for name in names:
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            parts[name] = posixpath.basename(name)
    for part, content_type in _content_types(archive).items():
        if part in names and content_type.endswith("worksheet+xml"):
            parts.setdefault(part, posixpath.basename(part))
    targets = _relationship_targets(archive, "xl/workbook.xml")
    for sheet in _xml(archive, "xl/workbook.xml").iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id", ""))
        if target is not None:
            parts[target] = sheet.get("name", posixpath.basename(target))
    return parts


def _content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    types = _xml(archive, "[Content_Types].xml")
    return {
        o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
        for o in types.iter(f"{_NS_TYPES}Override")
    }


def _relationship_targets(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, base = posixpath.split(part)
    rels = _xml(archive, posixpath.join(folder, "_rels", f"{base}.rels"))
    targets = {}
    for rel in rels.iter(f"{_NS_PKG}Relationship"):
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        targets[rel.get("Id", "")] = posixpath.normpath(resolved)
    return targets


def _xml(archive: zipfile.ZipFile, part: str) -> Element:
    """A small package part, parsed without entity expansion; empty if absent or unreadable."""
    empty = Element("empty")
    try:
        info = archive.getinfo(part)
    except KeyError:
        return empty
    try:
        parsed: Element = ElementTree.fromstring(b"".join(_stream(archive, info)))
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        return empty
    return parsed
