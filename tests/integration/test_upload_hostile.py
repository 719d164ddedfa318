"""Hostile and broken files through the real command line, each in its own process.

Every file is made here (no binary blobs in git). Each must get a message that says what to
do, exit status 1 (invalid) or 2 (unreadable), no traceback, no change to the database, and
a peak memory (the child's own, from wait4) under 500 MB.
"""

from __future__ import annotations

import io
import json
import random
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from scorecard.storage.store import Store
from scorecard.upload.issues import DATA_COLUMNS
from tests.unit.test_upload_reader import (
    _ROOT_RELS,
    _TYPES,
    _WORKBOOK,
    _WORKBOOK_RELS,
    FAR_CELL,
    HEADER_ROW,
    hand_made_xlsx,
)

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT_MB = 500
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from scorecard.catalogue import parse_catalogue
    from tests.conftest import SMALL_CATALOGUE

    path = tmp_path_factory.mktemp("hostile") / "scorecard.db"
    store = Store.open(f"sqlite:///{path}")
    store.replace_catalogue(
        parse_catalogue(SMALL_CATALOGUE, "test"), actor="admin", file_name="c", sha256="0" * 64
    )
    store.engine.dispose()
    return path


def dump(database: Path) -> list[str]:
    with sqlite3.connect(database) as conn:
        return list(conn.iterdump())


# A small process that starts the command and reports that command's own peak memory. The
# test process itself is large, and Linux counts a child's memory from before its exec (when
# it is still a copy of its parent) in the child's peak, so the command is started from here.
_MEASURE = """
import json, os, subprocess, sys
child = subprocess.Popen(json.loads(sys.argv[1]))
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[2], "w") as report:
    json.dump({"code": os.waitstatus_to_exitcode(status), "peak_kb": usage.ru_maxrss}, report)
"""


def run_measured(database: Path, *args: str) -> tuple[int, str, str, float]:
    """Exit status, stdout, stderr and the command's own peak resident memory in MB."""
    command = [sys.executable, "-m", "scorecard", "--db", f"sqlite:///{database}", *args]
    report = database.parent / "peak.json"
    finished = subprocess.run(
        [sys.executable, "-c", _MEASURE, json.dumps(command), str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    measured = json.loads(report.read_text())
    return measured["code"], finished.stdout, finished.stderr, measured["peak_kb"] / 1024


# -- the files ---------------------------------------------------------------------------------
def _book(rows: list[list[object]], title: str = "Data") -> bytes:
    book = openpyxl.Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def too_big(path: Path) -> None:
    with path.open("wb") as handle:  # sparse: 21 MB on paper, nothing on disk
        handle.write(b"PK\x03\x04")
        handle.truncate(21 * 1024 * 1024)


def pdf_renamed(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n")


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def password_protected(path: Path) -> None:
    # Excel saves an encrypted .xlsx as an OLE compound document with an EncryptedPackage
    # stream (directory entry names are UTF-16).
    path.write_bytes(_OLE + bytes(1016) + "EncryptedPackage".encode("utf-16-le") + bytes(2048))


def old_xls(path: Path) -> None:
    path.write_bytes(_OLE + bytes(1016) + "Workbook".encode("utf-16-le") + bytes(2048))


def corrupt(path: Path) -> None:
    content = _book([list(DATA_COLUMNS), ["PEP", "2024/25 Q3", None, 96]])
    path.write_bytes(content[: len(content) // 2])


def empty_workbook(path: Path) -> None:
    path.write_bytes(_book([], title="Sheet1"))


def only_headers(path: Path) -> None:
    path.write_bytes(_book([list(DATA_COLUMNS)]))


def ten_thousand_columns(path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append([*DATA_COLUMNS, *(f"extra {i}" for i in range(10_000 - len(DATA_COLUMNS)))])
    sheet.append(["PEP", "2024/25 Q3", None, 96])
    book.save(path)


def _laughs() -> str:
    entities = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return f"<!DOCTYPE worksheet [{''.join(entities)}]>"


def billion_laughs_sheet() -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{_laughs()}<worksheet xmlns="{_MAIN}">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        "</sheetData></worksheet>"
    )


_PARTS = {
    "[Content_Types].xml": _TYPES,
    "_rels/.rels": _ROOT_RELS,
    "xl/workbook.xml": _WORKBOOK,
    "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
}


def _package(sheet: str, extra: dict[str, bytes | str] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in _PARTS.items():
            archive.writestr(name, part)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def billion_laughs(path: Path) -> None:
    path.write_bytes(_package(billion_laughs_sheet()))


def billion_laughs_in_shared_strings(path: Path) -> None:
    strings = (
        f'<?xml version="1.0"?>{_laughs().replace("worksheet", "sst")}'
        f'<sst xmlns="{_MAIN}" count="1"><si><t>&lol9;</t></si></sst>'
    )
    sheet = (
        f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        "</sheetData></worksheet>"
    )
    path.write_bytes(_package(sheet, {"xl/sharedStrings.xml": strings}))


def zip_bomb(path: Path) -> None:
    # A worksheet part padded with 200 MB of spaces: about 200 KB compressed, written a
    # megabyte at a time.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in _PARTS.items():
            archive.writestr(name, part)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<worksheet xmlns="{_MAIN}"><sheetData>{HEADER_ROW}</sheetData>'.encode())
            for _ in range(200):
                sheet.write(b" " * (1024 * 1024))
            sheet.write(b"</worksheet>")


def far_cell(path: Path) -> None:
    content = hand_made_xlsx(HEADER_ROW + FAR_CELL, dimension="A1:A1")
    assert len(content) < 5 * 1024
    path.write_bytes(content)


# -- text that parsing copies, and parts in another encoding (issue 13) ---------------------------
MEGABYTE = 1024 * 1024


def repeated_shared_string(cells: int, *, wide: bool = False, marked: str = 't="s"') -> bytes:
    """One shared string of a megabyte (in UTF-8), referred to by ``cells`` cells: calamine
    copies it into each (6,000 cells made it abort the server). ``wide`` ends it with an emoji,
    so that Python stores all of it at four bytes a character, the costliest form. ``marked``:
    how each cell says it refers to a shared string (XML allows spaces and either quote)."""
    text = "x" * (MEGABYTE - 4) + "\U0001f600" if wide else "x" * MEGABYTE
    strings = f'<sst xmlns="{_MAIN}" count="{cells}" uniqueCount="1"><si><t>{text}</t></si></sst>'
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"\t{marked}><v>0</v></c></row>' for r in range(1, cells + 1)
    )
    sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData></worksheet>'
    return _package(sheet, {"xl/sharedStrings.xml": strings})


def one_string_in_6000_cells(path: Path) -> None:
    content = repeated_shared_string(6000)
    assert len(content) < 40 * 1024
    path.write_bytes(content)


def one_string_in_6000_cells_marked_another_way(path: Path) -> None:
    path.write_bytes(repeated_shared_string(6000, marked="t =\n's'"))


def one_string_in_200_cells(path: Path) -> None:
    content = repeated_shared_string(200)
    assert len(content) < 8 * 1024
    path.write_bytes(content)


def inline_text(path: Path) -> None:
    # 70,000 cells holding 1,000 characters each in the sheet itself (no shared strings),
    # varied enough that the part expands only about 40 times, as a real workbook may.
    rng = random.Random(13)
    blocks = ["".join(rng.choices("abcdefghijklmnop", k=1000)) for _ in range(1401)]
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{blocks[r // 50]}</t></is></c></row>'
        for r in range(1, 70_001)
    )
    content = hand_made_xlsx(rows)
    assert len(content) < 2 * MEGABYTE
    path.write_bytes(content)


def newlines_csv(path: Path) -> None:
    path.write_bytes(b"\n" * (20 * MEGABYTE - 1))  # just under the 20 MB an upload may be


def _laughs_in(encoding: str) -> bytes:
    """A properties part declaring entities, written wholly in ``encoding`` (Python's UTF-16
    and UTF-32 codecs begin with a byte-order mark)."""
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>'
    body = f"{_laughs().replace('worksheet', 'cp')}<cp>&lol9;</cp>"
    return (declaration + body).encode(encoding)


def utf16_properties(path: Path) -> None:
    # docProps/core.xml in UTF-16 with a DOCTYPE: the bytes "<!DOCTYPE" never appear in it.
    part = _laughs_in("UTF-16")
    assert b"<!DOCTYPE" not in part and part.startswith((b"\xff\xfe", b"\xfe\xff"))
    path.write_bytes(_package(_plain_sheet(), {"docProps/core.xml": part}))


def utf16_sheet_without_bom(path: Path) -> None:
    sheet = billion_laughs_sheet().replace('encoding="UTF-8"', 'encoding="UTF-16LE"')
    path.write_bytes(_package_bytes(sheet.encode("utf-16-le")))


def utf32_properties(path: Path) -> None:
    part = _laughs_in("UTF-32")
    assert b"<!DOCTYPE" not in part
    path.write_bytes(_package(_plain_sheet(), {"docProps/app.xml": part}))


def ebcdic_properties(path: Path) -> None:
    # The declaration in ASCII, the rest in EBCDIC: expat switches to the declared encoding
    # (through Python's codecs) and would see a DOCTYPE that no byte search finds.
    part = b'<?xml version="1.0" encoding="cp037"?>' + _laughs().replace("worksheet", "cp").encode(
        "cp037"
    )
    assert b"<!DOCTYPE" not in part
    path.write_bytes(_package(_plain_sheet(), {"docProps/core.xml": part}))


def _plain_sheet() -> str:
    return f'<worksheet xmlns="{_MAIN}"><sheetData>{HEADER_ROW}</sheetData></worksheet>'


def _package_bytes(sheet: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in _PARTS.items():
            archive.writestr(name, part)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


HOSTILE: dict[str, tuple[str, Callable[[Path], None], int, str]] = {
    "over the size limit": ("huge.xlsx", too_big, 2, "uploads are limited to 20 MB"),
    "not Excel, renamed .xlsx": ("q3.xlsx", pdf_renamed, 2, "not an Excel .xlsx workbook"),
    "password-protected": ("q3.xlsx", password_protected, 2, "protected with a password"),
    "old .xls": ("q3.xls", old_xls, 2, "This is an old Excel 97-2003 (.xls) workbook"),
    "corrupt": ("q3.xlsx", corrupt, 2, "This workbook is damaged"),
    "empty workbook": ("q3.xlsx", empty_workbook, 1, "the workbook is empty"),
    "sheet with only headers": ("q3.xlsx", only_headers, 1, "has no figures"),
    "10,000 columns": ("q3.xlsx", ten_thousand_columns, 2, "column 10,000"),
    "billion laughs": ("q3.xlsx", billion_laughs, 2, "declares XML entities"),
    "billion laughs in shared strings": (
        "q3.xlsx",
        billion_laughs_in_shared_strings,
        2,
        "declares XML entities",
    ),
    "zip bomb": ("q3.xlsx", zip_bomb, 2, "expands"),
    "one cell at XFD1048576": ("q3.xlsx", far_cell, 2, "row 1,048,576 and column 16,384"),
    # 6,000 copies of 1,048,598 bytes (the string with its markup), five bytes of memory per
    # byte at worst: 31,457,940,000 bytes, 29.3 GB.
    "a 1 MB shared string in 6,000 cells": (
        "q3.xlsx",
        one_string_in_6000_cells,
        2,
        "could need up to about 29.3 GB of memory to read; an upload may need at most 320 MB. "
        "Most of it is text repeated in many cells",
    ),
    "a 1 MB shared string in 6,000 cells marked t =\\n's'": (
        "q3.xlsx",
        one_string_in_6000_cells_marked_another_way,
        2,
        "could need up to about 29.3 GB of memory to read",
    ),
    # 200 copies: 200 x 1,048,598 x 5 bytes is 1,000 MB before the cells and the table.
    "a 1 MB shared string in 200 cells": (
        "q3.xlsx",
        one_string_in_200_cells,
        2,
        "MB of memory to read; an upload may need at most 320 MB",
    ),
    # The sheet's part, 74,807,938 bytes, five bytes of memory per byte at worst, and 70,000
    # cells of one column at 100 bytes: 381,039,690 bytes, 363 MB.
    "70 MB of text in the sheet's own cells": (
        "q3.xlsx",
        inline_text,
        2,
        "could need up to about 363 MB of memory to read; an upload may need at most 320 MB. "
        "Keep only the Data, Commentary and Actions sheets",
    ),
    "20 MB of empty lines as CSV": (
        "q3.csv",
        newlines_csv,
        2,
        "100,000 rows and 200 columns at most, empty lines included",
    ),
    "a UTF-16 properties part declaring entities": (
        "q3.xlsx",
        utf16_properties,
        2,
        "Part 'docProps/core.xml' of this file is written in UTF-16 or UTF-32, not in UTF-8",
    ),
    "a UTF-16 sheet without a byte-order mark": (
        "q3.xlsx",
        utf16_sheet_without_bom,
        2,
        "Part 'xl/worksheets/sheet1.xml' of this file is written in UTF-16 or UTF-32",
    ),
    "a UTF-32 properties part declaring entities": (
        "q3.xlsx",
        utf32_properties,
        2,
        "Part 'docProps/app.xml' of this file is written in UTF-16 or UTF-32",
    ),
    "an EBCDIC properties part declaring entities": (
        "q3.xlsx",
        ebcdic_properties,
        2,
        "Part 'docProps/core.xml' of this file is written in cp037, not in UTF-8",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_file_gets_a_message_an_exit_status_and_changes_nothing(
    case: str, database: Path, tmp_path: Path
) -> None:
    name, make, status, message = HOSTILE[case]
    path = tmp_path / name
    make(path)
    before = dump(database)
    code, out, err, peak_mb = run_measured(database, "ingest", str(path), "--user", "Mallory")
    assert code == status, (out, err)
    assert message in out + err, (out, err)
    assert "Traceback" not in out + err
    assert dump(database) == before
    assert peak_mb < MEMORY_LIMIT_MB, f"{case}: {peak_mb:.0f} MB"


def test_validate_refuses_the_same_way_as_ingest(database: Path, tmp_path: Path) -> None:
    path = tmp_path / "q3.xlsx"
    far_cell(path)
    code, out, err, _ = run_measured(database, "validate", str(path))
    assert code == 2 and "1,048,576" in err and "Traceback" not in out + err


def test_openpyxl_refuses_xml_entities_because_defusedxml_is_installed(tmp_path: Path) -> None:
    from defusedxml.common import DefusedXmlException
    from openpyxl.xml.functions import fromstring

    assert openpyxl.DEFUSEDXML is True
    with pytest.raises(DefusedXmlException):
        fromstring(billion_laughs_sheet())
    path = tmp_path / "laughs.xlsx"
    billion_laughs(path)
    with pytest.raises(ValueError) as refused:
        openpyxl.load_workbook(path)
    assert isinstance(refused.value.__cause__ or refused.value.__context__, DefusedXmlException)
