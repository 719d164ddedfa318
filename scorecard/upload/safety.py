"""Checks that make an uploaded workbook safe to open in the server's own process.

python-calamine allocates one cell for every position between A1 and the furthest cell it
finds, and aborts the whole server process (it cannot be caught) when that is too large: one
cell at XFD1048576 is enough. A zip can also expand a few kilobytes into gigabytes, and an XML
part can declare entities that expand ("billion laughs"). So the zip is inspected here, with
the standard library only, and refused unless it is small, declares no XML entities, and its
sheets fit in :data:`MAX_ROWS` x :data:`MAX_COLUMNS` (and :data:`MAX_CELLS` in all).

The extent bounds the cells, not their text: calamine copies a shared string into every cell
that refers to it, so one 1 MB string referred to by 6,000 cells (an 18 KB file) needs 6 GB.
:func:`_check_memory` estimates what reading will allocate (the cells, the text each holds, the
shared-string table) from the sizes in the zip and the cells' references, and refuses a
workbook that would need more than :data:`MAX_READ_BYTES`. The read itself happens in a child
process with a memory and time limit (:mod:`scorecard.upload.sandbox`), should the estimate
miss; it starts while this pass runs, and is ended at once when this pass refuses the file,
whose message is then the answer. Nothing opens the file in the server before this pass has
accepted it.

Finding a sheet's extent means looking at every cell, which for a large upload costs more than
reading it. A few whole-part regular-expression searches prove the common case (every row and
cell carries its plain reference, and no cell lies below the last row): see
:func:`_quick_extent`. Anything unusual is measured tag by tag instead (:func:`_exact_extent`).
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
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
MAX_ROWS = 100_000
MAX_COLUMNS = 200
# calamine holds every position of the used range at once, and Python a copy of it: a million
# cells of text costs about 150 MB, and is far more than a quarterly return needs (24,000 rows
# of the template's 7 columns is 168,000).
MAX_CELLS = 1_000_000
# What reading may allocate beyond the interpreter and its modules (about 150 MB): with it,
# the reading process stays under 500 MB.
MAX_READ_BYTES = 320 * 1024 * 1024
# Measured with python-calamine 0.9 (benchmarks/README.md): an empty or numeric cell costs
# about 76 bytes, counting calamine's copy and Python's. Text costs twice its UTF-8 bytes
# (calamine's copy, then Python's), and up to five times when one character outside the
# Basic Multilingual Plane makes Python store the whole string four bytes a character. A
# string is measured with its markup, which only errs on the safe side.
_CELL_BYTES = 100
_TEXT_FACTOR = 5
_SHARED_STRING_BYTES = 32  # each entry of calamine's table, before its text
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
# Quick path: the plain forms Excel, LibreOffice and openpyxl write.
_ROW_NUMBER = re.compile(rb'<row r="(\d{1,9})"')
_UNUSUAL_ROW = re.compile(rb'<row(?:[/>]|\s(?!r="\d{1,9}"))')  # a row without its number first
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")  # a cell or row tag with a namespace prefix
# How Excel, LibreOffice and openpyxl mark a cell holding an error.
ERROR_MARKS = (b't="e"', b"t='e'")
# Anything that declares XML entities; Excel never writes one.
_ENTITY_MARKS = (b"<!DOCTYPE", b"<!ENTITY")
# Text cells: a reference to a shared string, and text held in the sheet itself. Each starts
# with the literal "t" and looks behind it for the space, which is the same match: a pattern
# starting with a literal lets the regex engine skip to the next "t" (2-3 times quicker over a
# sheet than trying every space, a third of the safety pass).
_SHARED_CELL = re.compile(rb"t(?<=\st)\s*=\s*[\"']s[\"']")
_SHARED_INDEX = re.compile(
    rb"<(?:[\w.-]+:)?c\s[^>]*?\bt\s*=\s*[\"']s[\"'][^>]*>\s*<(?:[\w.-]+:)?v>\s*(\d{1,10})\s*<"
)
_INLINE_CELL = re.compile(rb"t(?<=\st)\s*=\s*[\"'](?:inlineStr|str)[\"']")
_STRING_ITEM = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")
# An XML part must be UTF-8 (Excel never writes anything else): in UTF-16 or UTF-32, or an
# encoding the XML declaration names, the entity marks above would not be seen as bytes.
_XML_ENCODING = re.compile(rb"""^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]*)["']""")
_UTF8_NAMES = frozenset({b"utf-8", b"utf8", b"us-ascii", b"ascii"})
_XML_SUFFIXES = (".xml", ".rels", ".vml")


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


# Stream names inside an OLE compound document (UTF-16): an encrypted .xlsx keeps its
# workbook in "EncryptedPackage", an Excel 97-2003 file in "Workbook" (or "Book").
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_OLD_WORKBOOK = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))


def refuse_ole(content: bytes = b"") -> UnreadableFile:
    if _ENCRYPTED in content:
        return UnreadableFile(
            "This workbook is protected with a password, so it cannot be read. Open it in "
            "Excel, remove the password (File > Info > Protect Workbook > Encrypt with "
            f"Password, then clear it), {SAVE_AS_XLSX}."
        )
    if any(name in content for name in _OLD_WORKBOOK):
        return UnreadableFile(
            "This is an old Excel 97-2003 (.xls) workbook. Open it in Excel and use File > "
            "Save As > Excel Workbook (.xlsx), then upload the .xlsx file."
        )
    return UnreadableFile(
        "This file is an old Excel 97-2003 (.xls) workbook or is protected with a password. "
        "Open it in Excel, remove any password (File > Info > Protect Workbook), "
        f"{SAVE_AS_XLSX}."
    )


@dataclass(frozen=True)
class _Extent:
    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    @property
    def is_within_limits(self) -> bool:
        return self.rows <= MAX_ROWS and self.columns <= MAX_COLUMNS and self.cells <= MAX_CELLS


def inspect_xlsx(content: bytes) -> frozenset[str]:
    """Raise :class:`UnreadableFile` unless ``content`` is a zip that is safe to open.

    Returns the worksheet parts (zip members) whose bytes hold the mark of an error cell
    (``t="e"``), seen on the way: the reader parses only those for their errors."""
    refuse_too_big(content)
    if looks_like_ole(content):
        raise refuse_ole(content)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        if looks_like_zip(content):
            raise UnreadableFile(
                "This workbook is damaged (it may not have been saved or copied completely), "
                f"so it cannot be opened. Open it in Excel, {SAVE_AS_XLSX}."
            ) from None
        raise not_a_workbook() from None
    with archive:
        members = archive.infolist()
        _check_declared_sizes(members)
        if any(info.flag_bits & 0x1 for info in members):
            raise refuse_ole()
        sheets = worksheet_parts(archive)
        marked: dict[str, bool] = {}  # by part; the last of parts of the same name counts
        need = _Need()
        with _damaged_part_refused():
            strings = _shared_strings(archive)
        need.table = len(strings) * _SHARED_STRING_BYTES + sum(strings)
        longest = max(strings, default=0)
        for info in members:
            name = sheets.get(info.filename)
            with _damaged_part_refused(info.filename):
                if name is None:
                    _drain(archive, info)
                else:
                    text = _Text()
                    extent = _sheet_extent(archive, info, name, text)
                    _check_extent(name, extent)
                    need.cells += extent.cells
                    _check_total(need.cells)
                    need.add_sheet(archive, info, text, strings, longest)
                    _check_memory(need)
                    marked[info.filename] = text.errors
    return frozenset(part for part, errors in marked.items() if errors)


@contextmanager
def _damaged_part_refused(part: str = "") -> Iterator[None]:
    try:
        yield
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError):
        which = f" (part {part!r} cannot be read)" if part else ""
        raise UnreadableFile(
            f"This workbook is damaged{which}. Open it in Excel, {SAVE_AS_XLSX}."
        ) from None


@dataclass
class _Text:
    """What one pass over a sheet saw of its text cells."""

    shared: int = 0  # cells referring to a shared string
    inline: bool = False  # any cell holding its own text (inline, or a formula's text result)
    errors: bool = False  # the mark of an error cell anywhere in the bytes
    _tail: bytes = b""  # the end of the last chunk, for a mark cut in two

    def see(self, data: bytes) -> None:
        self.shared += len(_SHARED_CELL.findall(data))
        self.inline = self.inline or _INLINE_CELL.search(data) is not None

    def see_bytes(self, chunk: bytes) -> None:
        """Each chunk of the part as it is, in order."""
        if not self.errors:
            data = self._tail + chunk
            self.errors = any(mark in data for mark in ERROR_MARKS)
            self._tail = data[-8:]


@dataclass
class _Need:
    """An upper bound of what reading the workbook allocates, in bytes (see the constants)."""

    cells: int = 0
    text: int = 0
    table: int = 0
    repeated: int = 0  # text bytes that come from shared strings, for the message

    @property
    def total(self) -> int:
        return self.cells * _CELL_BYTES + self.text * _TEXT_FACTOR + self.table

    def add_sheet(
        self,
        archive: zipfile.ZipFile,
        info: zipfile.ZipInfo,
        text: _Text,
        strings: array[int],
        longest: int,
    ) -> None:
        # Every reference costs at most the longest string: when that bound is already too
        # much, each reference is looked up (a further pass over the sheet).
        shared = text.shared * longest
        if self.total + shared * _TEXT_FACTOR > MAX_READ_BYTES:
            shared = _referenced_text(archive, info, strings, longest)
        self.text += shared
        self.repeated += shared
        if text.inline:
            self.text += info.file_size  # the sheet's own text is no longer than the sheet


def _shared_strings(archive: zipfile.ZipFile) -> array[int]:
    """The size in bytes of each shared string as written, markup included (calamine keeps
    the table whole; a cell copies its string). Every part that may be the table counts."""
    names = set(archive.namelist())
    parts = {p for p in names if p.lower() == "xl/sharedstrings.xml"}
    parts |= {
        p
        for p, kind in content_types(archive).items()
        if p in names and kind.endswith("sharedStrings+xml")
    }
    found: array[int] = array("Q")
    for part in sorted(parts):
        sizes = _string_sizes(archive, archive.getinfo(part))
        if len(sizes) > len(found):
            found.extend([0] * (len(sizes) - len(found)))
        for index, size in enumerate(sizes):
            found[index] = max(found[index], size)
    return found


def _string_sizes(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> array[int]:
    starts: array[int] = array("Q")
    offset = 0
    tail = b""
    for chunk in stream_part(archive, info):
        data = tail + chunk
        base = offset - len(tail)
        keep = min(len(data), 16)  # a tag cut in two by the chunks is found in the next
        for item in _STRING_ITEM.finditer(data, 0, len(data) - keep):
            starts.append(base + item.start())
        tail = data[len(data) - keep :]
        offset += len(chunk)
    for item in _STRING_ITEM.finditer(tail):
        starts.append(offset - len(tail) + item.start())
    ends = [*starts[1:], offset]
    return array("Q", (end - start for start, end in zip(starts, ends, strict=True)))


def _referenced_text(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, strings: array[int], longest: int
) -> int:
    """The bytes of the shared strings the sheet's cells refer to, one per cell; a reference
    that cannot be read here (an unusual form, or cut by a chunk) counts as the longest."""
    total = references = 0
    pending = b""
    for chunk in stream_part(archive, info):
        data = pending + chunk
        end = data.rfind(b">") + 1
        whole, pending = data[:end], data[end:]
        references += len(_SHARED_CELL.findall(whole))
        for index in map(int, _SHARED_INDEX.findall(whole)):
            total += strings[index] if index < len(strings) else 0
            references -= 1
        if len(pending) > _LONGEST_TAG:
            pending = b""
    return total + max(references, 0) * longest


def _check_memory(need: _Need) -> None:
    if need.total <= MAX_READ_BYTES:
        return
    repeated = need.repeated * _TEXT_FACTOR > need.total // 2
    advice = (
        "Most of it is text repeated in many cells: keep long notes and commentary in one "
        "cell each (not copied down a column), or delete the sheets that hold them"
        if repeated
        else "Keep only the Data, Commentary and Actions sheets and delete the rows, columns "
        "and text you do not need"
    )
    raise UnreadableFile(
        f"This workbook could need up to about {_size(need.total)} of memory to read; an "
        f"upload may need at most {_size(MAX_READ_BYTES)}. {advice}, then save it and upload "
        "it again."
    )


def _size(count: int) -> str:
    megabytes = count / (1024 * 1024)
    return f"{megabytes / 1024:,.1f} GB" if megabytes >= 1024 else f"{megabytes:,.0f} MB"


def not_a_workbook() -> UnreadableFile:
    """The refusal of a file that is neither a workbook nor a CSV file (the reader's too)."""
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


def stream_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes, refusing a member that expands beyond its declared size.

    zipfile stops at the declared size, but the Rust zip reader under calamine does not, so a
    forged size could hide a bomb. Asking for one byte more than declared exposes it.
    """
    probe = copy.copy(info)
    probe.file_size = info.file_size + 1
    seen = 0
    is_xml = info.filename.lower().endswith(_XML_SUFFIXES)
    tail = b""
    with archive.open(probe) as handle:
        while chunk := handle.read(_CHUNK):
            seen += len(chunk)
            if seen > info.file_size:
                raise UnreadableFile(
                    f"Part {info.filename!r} of this file is larger than it says it is, so the "
                    f"file was not opened. Open the workbook in Excel, {SAVE_AS_XLSX}."
                )
            if is_xml:
                if seen == len(chunk):
                    _refuse_other_encodings(info.filename, chunk)
                if b"\x00" in chunk:  # never in UTF-8 XML; in UTF-16 and UTF-32, everywhere
                    raise _not_utf8(info.filename)
                _refuse_entities(info.filename, tail + chunk)
                tail = chunk[-16:]
            yield chunk


def _refuse_other_encodings(part: str, head: bytes) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _not_utf8(part)
    declared = _XML_ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).lower() not in _UTF8_NAMES:
        raise _not_utf8(part, declared.group(1).decode("ascii"))


def _not_utf8(part: str, encoding: str = "UTF-16 or UTF-32") -> UnreadableFile:
    return UnreadableFile(
        f"Part {part!r} of this file is written in {encoding}, not in UTF-8 as Excel always "
        "writes it, so it was not opened (it could hide markup that makes a file expand "
        f"without limit). Open the workbook in Excel, {SAVE_AS_XLSX}."
    )


def _refuse_entities(part: str, data: bytes) -> None:
    if any(mark in data for mark in _ENTITY_MARKS):
        raise UnreadableFile(
            f"Part {part!r} of this file declares XML entities, which Excel never writes and "
            "which can make a file expand without limit, so it was not opened. Open the "
            f"workbook in Excel, {SAVE_AS_XLSX}."
        )


def _drain(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    for _ in stream_part(archive, info):
        pass


def _sheet_extent(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str, text: _Text
) -> _Extent:
    """The furthest row and column of any cell with content, as calamine would place it,
    with the sheet's text cells counted in ``text`` on the way."""
    quick = _quick_extent(archive, info, sheet, text)
    if quick is not None and quick.is_within_limits:
        return quick
    # Unusual markup, or cells beyond the limits that may yet be empty: look at every tag.
    text.shared, text.inline, text.errors, text._tail = 0, False, False, b""  # seen again
    return _exact_extent(archive, info, sheet, text)


def _quick_extent(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str, text: _Text
) -> _Extent | None:
    """An upper bound of the extent, or None when the sheet's markup is not the plain kind.

    With every row written ``<row r="N"`` and every cell ``<c r="A1"`` (a one-letter column),
    the furthest cell is within the largest row number and column Z, provided no cell names a
    row below the rows seen so far. Each check is one search over the part, a fraction of the
    cost of reading it; formatted empty cells count, which only errs on the safe side.
    """
    max_row = 0
    pending = b""
    for number, chunk in enumerate(stream_part(archive, info)):
        text.see_bytes(chunk)
        if number == 0:
            _check_dimension(sheet, chunk[:_DIMENSION_BYTES])
        data = pending + chunk
        end = data.rfind(b">") + 1
        whole, pending = data[:end], data[end:]
        if len(pending) > _LONGEST_TAG:
            raise UnreadableFile(f"Sheet '{sheet}' is damaged. Open it in Excel, {SAVE_AS_XLSX}.")
        text.see(whole)
        rows = _ROW_NUMBER.findall(whole)
        if rows:
            max_row = max(max_row, *map(int, rows))
        # A cell that is not "<c" + ' r="' + one letter + a row number up to max_row + '"'
        # (other tags starting "<c", such as <col> and <cfRule>, are let through).
        plain_cell = rb' r="[A-Z](?!' + _greater_than(max_row) + rb'")\d{1,7}"'
        if (
            _PREFIXED.search(whole)
            or _UNUSUAL_ROW.search(whole)
            or re.search(rb"<c(?![^\s/>]|" + plain_cell + rb")", whole)
        ):
            return None
    return _Extent(max_row, 26 if max_row else 0)


def _greater_than(limit: int) -> bytes:
    """A pattern matching the decimal numbers above ``limit`` (leading zeros allowed)."""
    digits = str(limit)
    options = [rf"[1-9]\d{{{len(digits)},}}"]
    for position, digit in enumerate(digits):
        if digit == "9":
            continue
        higher = int(digit) + 1
        rest = len(digits) - position - 1
        options.append(
            digits[:position]
            + (f"[{higher}-9]" if higher < 9 else "9")
            + (rf"\d{{{rest}}}" if rest else "")
        )
    return ("0*(?:" + "|".join(options) + ")").encode()


def _exact_extent(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str, text: _Text
) -> _Extent:
    """The extent measured tag by tag, placing cells without a reference as calamine does."""
    max_row = max_col = row = col = 0
    pending = b""
    for chunk in stream_part(archive, info):
        text.see_bytes(chunk)
        data = pending + chunk
        end = data.rfind(b">") + 1
        text.see(data[:end])
        for tag in _TAG.finditer(data, 0, end):
            ref = _REF.search(tag.group(2))
            if tag.group(1) == b"row":
                row = int(ref.group(2)) if ref else row + 1
                col = 0
                continue
            if ref and ref.group(1):
                row, col = int(ref.group(2)), column_number(ref.group(1))
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
        _check_extent(sheet, _Extent(int(ref.group(2)), column_number(ref.group(1))))


_TRIM_ADVICE = (
    "Delete the empty rows below and the columns to the right of your figures (or copy the "
    "figures into a new workbook), save it and upload it again."
)


def _check_extent(sheet: str, extent: _Extent) -> None:
    if extent.rows > MAX_ROWS or extent.columns > MAX_COLUMNS:
        raise UnreadableFile(
            f"Sheet '{sheet}' uses cells as far as row {extent.rows:,} and column "
            f"{extent.columns:,}; an upload can use at most {MAX_ROWS:,} rows and "
            f"{MAX_COLUMNS} columns. {_TRIM_ADVICE}"
        )
    _check_total(extent.cells, sheet)


def _check_total(cells: int, sheet: str | None = None) -> None:
    if cells > MAX_CELLS:
        where = f"Sheet '{sheet}' spans" if sheet else "The sheets of this workbook span"
        raise UnreadableFile(
            f"{where} {cells:,} cells (from A1 to the furthest cell used); an upload can span "
            f"at most {MAX_CELLS:,}. {_TRIM_ADVICE}"
        )


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (letter - ord("A") + 1)
    return number


def worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Zip member name -> sheet name, for every part that may be a worksheet.

    calamine finds sheets through the workbook's relationships; a crafted file could point
    them anywhere, so every part that is a worksheet by any account is checked.
    """
    parts: dict[str, str] = {}
    names = set(archive.namelist())
    for name in names:
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            parts[name] = posixpath.basename(name)
    for part, content_type in content_types(archive).items():
        if part in names and content_type.endswith("worksheet+xml"):
            parts.setdefault(part, posixpath.basename(part))
    targets = relationship_targets(archive, "xl/workbook.xml")
    for sheet in xml_part(archive, "xl/workbook.xml").iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id", ""))
        if target is not None:
            parts[target] = sheet.get("name", posixpath.basename(target))
    return parts


def content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    types = xml_part(archive, "[Content_Types].xml")
    return {
        o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
        for o in types.iter(f"{_NS_TYPES}Override")
    }


def relationship_targets(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, base = posixpath.split(part)
    rels = xml_part(archive, posixpath.join(folder, "_rels", f"{base}.rels"))
    targets = {}
    for rel in rels.iter(f"{_NS_PKG}Relationship"):
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        targets[rel.get("Id", "")] = posixpath.normpath(resolved)
    return targets


def xml_part(archive: zipfile.ZipFile, part: str) -> Element:
    """A small package part, parsed without entity expansion; empty if absent or unreadable."""
    empty = Element("empty")
    try:
        info = archive.getinfo(part)
    except KeyError:
        return empty
    try:
        parsed: Element = ElementTree.fromstring(b"".join(stream_part(archive, info)))
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        return empty
    return parsed
