"""Text that looks like a formula (=, +, -, @, tab or carriage return at the start) is never
written back into a spreadsheet or CSV as one: not in the template, not in the exported
figures, not in the downloadable validation report."""

import csv
import io
import zipfile

import openpyxl
import pytest

from scorecard import export
from scorecard.upload import read_upload, validate, write_template
from scorecard.upload.cells import text
from scorecard.upload.report import report_workbook
from tests.unit.test_upload_template import NONE, Q3, _measure, catalogue
from tests.unit.test_upload_validate import CATALOGUE, TODAY

RISKY = [
    '=HYPERLINK("http://example.com","click")',
    "+44 20 7946 0000",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


def no_formulas(content: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(member), member
                assert b"<f " not in archive.read(member), member


def string_cells(content: bytes) -> dict[str, str]:
    """Every text cell's type by its value (without surrounding white space, which the
    catalogue strips and XML turns from CR into LF), as a spreadsheet program reads it."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {
        str(cell.value).strip(): cell.data_type
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


@pytest.mark.parametrize("risky", RISKY)
def test_template_writes_formula_like_text_as_text(risky):
    cat = catalogue(_measure("RISKY", 1, "count", "none", name=risky, definition=risky))
    out = io.BytesIO()
    write_template(cat, NONE, Q3, out)
    no_formulas(out.getvalue())
    assert string_cells(out.getvalue())[risky.strip()] == "s"


def records(note):
    return [{f: None for f in export.EXPORT_FIELDS} | {"measure_id": "PEP", "note": note}]


@pytest.mark.parametrize("risky", RISKY)
def test_exported_xlsx_keeps_formula_like_notes_as_text(risky):
    content = export.as_bytes(".xlsx", CATALOGUE, records(risky))
    no_formulas(content)
    assert string_cells(content)[risky.strip()] == "s"


@pytest.mark.parametrize("risky", RISKY)
def test_exported_csv_makes_formula_like_notes_inert(risky):
    content = export.as_bytes(".csv", CATALOGUE, records(risky)).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(content, newline=""))
    assert row["note"] == "'" + risky


def test_validation_report_quotes_formula_like_values_as_text():
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(["measure_id", "period", "value"])
    book.active.append(["=cmd|' /C calc'!A0", "@SUM(1)", "+44"])
    for cell in book.active[2]:
        cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    validation = validate(read_upload("bad.xlsx", out.getvalue()), CATALOGUE, today=TODAY)
    content = report_workbook("bad.xlsx", validation)
    no_formulas(content)
    cells = string_cells(content)
    assert cells["=cmd|' /C calc'!A0"] == "s"
    assert cells["@SUM(1)"] == "s"


def test_control_characters_are_dropped_from_free_text_so_exports_never_fail():
    note = text("Two\x0bmoved\x00 school\tand\nhome")
    assert note == "Twomoved school\tand\nhome"
    export.as_bytes(".xlsx", CATALOGUE, records(note))  # openpyxl refuses \x0b and \x00
