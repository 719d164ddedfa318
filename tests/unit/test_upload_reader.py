"""Reading an upload: row numbers as Excel shows them, percentages, CSV, and refusing files
that are not workbooks or that would exhaust the server before anything is validated."""

import io
import struct
import zipfile
import zlib

import openpyxl
import pytest

from scorecard.errors import UnreadableFile
from scorecard.upload import safety
from scorecard.upload.reader import SheetRow, UploadSheet, _sheet, read_upload, read_xlsx_here


def xlsx(rows, *, formats=None, sheet="Data"):
    """A workbook with ``rows`` from A1; ``formats`` maps a cell ("D2") to a number format."""
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    for coordinate, number_format in (formats or {}).items():
        book.active[coordinate].number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# A workbook written by hand, so a test can put a cell anywhere at almost no cost.
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def hand_made_xlsx(sheet_data, *, dimension=None, extra=None):
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{sheet_data}</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>measure_id</t></is></c></row>'
FAR_CELL = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


# -- rows and values -------------------------------------------------------------------------
def test_header_is_row_1_and_first_data_row_is_row_2():
    content = xlsx([["measure_id", "value"], ["CLA_COUNT", 12], ["PEP_TIMELY", 80]])
    sheet = read_upload("q3.xlsx", content).sheet("Data")
    assert sheet.header_row == 1
    assert sheet.header == ("measure_id", "value")
    assert [r.number for r in sheet.rows] == [2, 3]
    assert sheet.rows[0].cells == ("CLA_COUNT", 12)


def test_blank_rows_are_skipped_but_still_counted():
    content = xlsx([["measure_id", "value"], ["CLA_COUNT", 12], [None, None], ["X", 1]])
    sheet = read_upload("q3.xlsx", content).sheet("Data")
    assert [r.number for r in sheet.rows] == [2, 4]


def test_blank_cells_are_none_and_text_is_kept_as_written():
    content = xlsx([["measure_id", "note", "value"], ["CLA_COUNT", "  ", "<b>c</b>"]])
    row = read_upload("q3.xlsx", content).sheet("Data").rows[0]
    assert row.cells == ("CLA_COUNT", None, "<b>c</b>")


def test_an_excel_error_is_read_as_the_error_excel_shows_not_as_a_blank():
    # openpyxl writes "#N/A" as an error cell (t="e"), as Excel does for a broken formula;
    # calamine gives such a cell as blank, which would drop the figure without a word.
    content = xlsx([["measure_id", "value", "note"], ["CLA_COUNT", "#N/A"], ["X", "#DIV/0!", "n"]])
    sheet = read_upload("q3.xlsx", content).sheet("Data")
    assert [r.cells for r in sheet.rows] == [("CLA_COUNT", "#N/A"), ("X", "#DIV/0!", "n")]


def test_the_server_says_which_sheets_hold_error_cells_and_the_reader_reads_only_those():
    # An error in an otherwise empty row: the row is kept only once the error is put in.
    content = xlsx([["measure_id", "value"], ["CLA_COUNT", 12], [None, "#N/A"]])
    assert safety.inspect_xlsx(content) == frozenset({"xl/worksheets/sheet1.xml"})
    told = read_xlsx_here("q3.xlsx", content, lambda: ("xl/worksheets/sheet1.xml",))
    assert [(r.number, r.cells) for r in told.sheet("Data").rows] == [
        (2, ("CLA_COUNT", 12)),
        (3, (None, "#N/A")),
    ]
    # Told that no sheet has one, the reader takes the server's word: calamine's blank.
    assert [
        r.number for r in read_xlsx_here("q3.xlsx", content, lambda: ()).sheet("Data").rows
    ] == [2]
    # Not told (None), it looks for them itself.
    assert read_xlsx_here("q3.xlsx", content, lambda: None) == told


def test_an_error_cell_without_a_reference_is_placed_where_calamine_places_it():
    content = hand_made_xlsx(
        '<row r="1"><c t="inlineStr"><is><t>a</t></is></c></row>'
        '<row><c t="inlineStr"><is><t>b</t></is></c><c t="e"><v>#REF!</v></c></row>'
    )
    sheet = read_upload("q3.xlsx", content).sheet("Data")
    assert [(r.number, r.cells) for r in sheet.rows] == [(2, ("b", "#REF!"))]


def test_sheet_is_found_whatever_its_case():
    content = xlsx([["measure_id"], ["CLA_COUNT"]], sheet="data")
    assert read_upload("q3.xlsx", content).sheet("Data").name == "data"


def test_percent_formatted_cell_is_recorded_as_percent():
    content = xlsx([["measure_id", "value"], ["PEP_TIMELY", 0.45]], formats={"B2": "0%"})
    sheet = read_upload("q3.xlsx", content).sheet("Data")
    assert sheet.rows[0].cells[1] == 0.45
    assert sheet.is_percent(2, 1)


def test_percent_with_decimals_format_is_recorded_as_percent():
    content = xlsx([["value"], [0.456]], formats={"A2": "0.0%"})
    assert read_upload("q3.xlsx", content).sheet("Data").is_percent(2, 0)


def test_percent_sign_shown_literally_is_not_a_percent_format():
    # 0"%" shows 45 as "45%" without multiplying by 100, so the 45 is already the percentage.
    content = xlsx([["value"], [45], [46]], formats={"A2": '0"%"', "A3": "0\\%"})
    sheet = read_upload("q3.xlsx", content).sheet("Data")
    assert sheet.percent_cells == frozenset()


def test_plain_number_cell_is_not_percent():
    content = xlsx([["value"], [45]])
    assert not read_upload("q3.xlsx", content).sheet("Data").is_percent(2, 0)


def test_workbook_with_wrong_extension_is_still_read_as_workbook():
    content = xlsx([["measure_id"], ["CLA_COUNT"]])
    assert read_upload("q3.csv", content).sheet("Data").rows[0].cells == ("CLA_COUNT",)


# -- CSV ---------------------------------------------------------------------------------------
def test_csv_with_bom_and_semicolons_is_read_as_the_data_sheet():
    content = "\ufeffmeasure_id;period;value\nCLA_COUNT;2024/25 Q3;12\nPEP_TIMELY;Q3 24/25;45%\n"
    upload = read_upload("q3.csv", content.encode("utf-8"))
    sheet = upload.sheet("Data")
    assert upload.is_csv
    assert sheet.header == ("measure_id", "period", "value")
    assert [r.number for r in sheet.rows] == [2, 3]
    assert sheet.rows[1].cells == ("PEP_TIMELY", "Q3 24/25", "45%")


def test_csv_with_commas_and_quoted_text():
    content = b'measure_id,note\nCLA_COUNT,"more, since June"\n'
    sheet = read_upload("q3.csv", content).sheet("Data")
    assert sheet.rows[0].cells == ("CLA_COUNT", "more, since June")


def test_text_saved_by_excel_as_tab_delimited_is_read():
    content = b"measure_id\tperiod\tvalue\nCLA_COUNT\t2024/25 Q3\t1,234\n"
    sheet = read_upload("q3.txt", content).sheet("Data")
    assert sheet.header == ("measure_id", "period", "value")
    assert sheet.rows[0].cells == ("CLA_COUNT", "2024/25 Q3", "1,234")


def test_semicolon_csv_under_a_title_line_with_no_separator_is_read_by_its_columns():
    content = b"Corporate Parenting Scorecard\nMeasure;Q1 2025/26;Q2 2025/26\nCLA_COUNT;120;121\n"
    sheet = read_upload("q3.csv", content).sheet("Data")
    assert [(r.number, r.cells) for r in sheet.all_rows] == [
        (1, ("Corporate Parenting Scorecard",)),
        (2, ("Measure", "Q1 2025/26", "Q2 2025/26")),
        (3, ("CLA_COUNT", "120", "121")),
    ]


def test_csv_with_semicolons_inside_quoted_notes_is_still_comma_separated():
    content = b'measure_id,value,note\nCLA_COUNT,12,"up; see note"\nX,1,"a; b"\n'
    assert read_upload("q3.csv", content).sheet("Data").rows[1].cells == ("X", "1", "a; b")


def test_csv_saved_by_excel_in_windows_encoding_is_read():
    content = "measure_id,note\nCLA_COUNT,cost £5\n".encode("cp1252")
    assert read_upload("q3.csv", content).sheet("Data").rows[0].cells[1] == "cost £5"


def test_csv_with_too_many_rows_is_refused(monkeypatch):
    monkeypatch.setattr(safety, "MAX_ROWS", 3)
    content = b"measure_id\n" + b"CLA_COUNT\n" * 3
    with pytest.raises(UnreadableFile, match="rows"):
        read_upload("q3.csv", content)


# -- refusing files ----------------------------------------------------------------------------
def test_text_file_renamed_xlsx_is_refused():
    with pytest.raises(UnreadableFile, match=r"not an Excel \.xlsx workbook or a CSV file"):
        read_upload("q3.xlsx", b"measure_id,value\nCLA_COUNT,12\n")


def test_unknown_file_type_is_refused():
    with pytest.raises(UnreadableFile, match="save it as an Excel workbook"):
        read_upload("q3.pdf", b"%PDF-1.7 not a spreadsheet")


def test_old_xls_or_password_protected_workbook_is_refused():
    ole_document = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    with pytest.raises(UnreadableFile, match="password"):
        read_upload("q3.xlsx", ole_document)


def test_corrupt_zip_is_refused():
    content = xlsx([["measure_id"], ["CLA_COUNT"]])
    with pytest.raises(UnreadableFile):
        read_upload("q3.xlsx", content[: len(content) // 2])


def test_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(UnreadableFile, match=r"not an Excel \.xlsx workbook"):
        read_upload("q3.xlsx", out.getvalue())


def test_file_over_20_mb_is_refused():
    with pytest.raises(UnreadableFile, match="20 MB"):
        read_upload("q3.xlsx", b"PK\x03\x04" + bytes(20 * 1024 * 1024))


def test_hand_made_workbook_is_read():
    # Checks the helper below builds a real workbook, so the refusals are for the right reason.
    content = hand_made_xlsx(HEADER_ROW + '<row r="2"><c r="A2"><v>7</v></c></row>')
    assert read_upload("q3.xlsx", content).sheet("Data").rows[0].cells == (7,)


def test_cell_at_xfd1048576_is_refused_without_crashing():
    content = hand_made_xlsx(HEADER_ROW + FAR_CELL, dimension="A1:XFD1048576")
    assert len(content) < 2000
    with pytest.raises(UnreadableFile, match="1,048,576"):
        read_upload("q3.xlsx", content)


def test_far_cell_is_refused_even_when_the_dimension_says_the_sheet_is_small():
    content = hand_made_xlsx(HEADER_ROW + FAR_CELL, dimension="A1:A1")
    with pytest.raises(UnreadableFile, match="at most 100,000 rows and 200 columns"):
        read_upload("q3.xlsx", content)


def test_far_cell_is_refused_when_there_is_no_dimension():
    with pytest.raises(UnreadableFile, match="Delete the empty rows"):
        read_upload("q3.xlsx", hand_made_xlsx(HEADER_ROW + FAR_CELL))


def test_far_row_of_cells_without_references_is_refused():
    far_row = '<row r="150000"><c><v>1</v></c></row>'
    with pytest.raises(UnreadableFile, match="row 150,000"):
        read_upload("q3.xlsx", hand_made_xlsx(HEADER_ROW + far_row))


def test_formatted_but_empty_far_cell_is_harmless():
    # Excel writes <c r=".." s="1"/> for a cell that has a format and nothing in it.
    empty = '<row r="1048576"><c r="XFD1048576" s="1"/></row>'
    sheet = read_upload("q3.xlsx", hand_made_xlsx(HEADER_ROW + empty)).sheet("Data")
    assert sheet.header == ("measure_id",)


def test_zip_bomb_member_is_refused():
    bomb = bytes(11 * 1024 * 1024)  # zeros compress about 1000 to 1
    content = hand_made_xlsx(HEADER_ROW, extra={"xl/media/image1.png": bomb})
    assert len(content) < 100_000
    with pytest.raises(UnreadableFile, match="expands"):
        read_upload("q3.xlsx", content)


def test_workbook_expanding_beyond_the_total_limit_is_refused(monkeypatch):
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED_BYTES", 2000)
    content = hand_made_xlsx(HEADER_ROW, extra={"xl/media/image1.png": bytes(5000)})
    with pytest.raises(UnreadableFile, match="expands to"):
        read_upload("q3.xlsx", content)


def test_member_larger_than_its_declared_size_is_refused():
    data = b"A" * 10_000
    content = _with_forged_size(
        hand_made_xlsx(HEADER_ROW, extra={"xl/media/x.bin": data}), "xl/media/x.bin", data, 100
    )
    # Refused as damaged or as larger than declared, whichever check notices first.
    with pytest.raises(UnreadableFile, match=r"damaged|larger than it says"):
        read_upload("q3.xlsx", content)


def _with_forged_size(content, member, data, declared):
    """Rewrite ``member``'s declared size (and CRC, to match the shortened data) in the zip's
    central directory and local header, as a crafted bomb would."""
    crc = zlib.crc32(data[:declared])
    name = member.encode()
    patched = bytearray(content)
    # Central directory header: signature, then CRC at +16, uncompressed size at +24.
    central = patched.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", patched, central + 28)[0]
        if patched[central + 46 : central + 46 + name_length] == name:
            struct.pack_into("<I", patched, central + 16, crc)
            struct.pack_into("<I", patched, central + 24, declared)
            local = struct.unpack_from("<I", patched, central + 42)[0]
            struct.pack_into("<I", patched, local + 14, crc)
            struct.pack_into("<I", patched, local + 22, declared)
        central = patched.find(b"PK\x01\x02", central + 4)
    return bytes(patched)


# -- the quick extent check and its fall-back ------------------------------------------------------
def test_cells_without_references_are_placed_one_after_another():
    # No r="..." on the cells: calamine places them from the row; so does the careful check.
    content = hand_made_xlsx(
        '<row r="1"><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row>'
    )
    assert read_upload("q3.xlsx", content).sheet("Data").header == ("a", 2)


def test_far_cell_without_a_reference_is_refused():
    row = '<row r="1">' + "<c><v>1</v></c>" * 201 + "</row>"
    with pytest.raises(UnreadableFile, match="column 201"):
        read_upload("q3.xlsx", hand_made_xlsx(row))


def test_cell_below_the_last_row_is_refused_even_inside_an_early_row():
    row = '<row r="1"><c r="A1"><v>1</v></c><c r="B150000"><v>2</v></c></row>'
    with pytest.raises(UnreadableFile, match="row 150,000"):
        read_upload("q3.xlsx", hand_made_xlsx(row))


def test_sheet_wider_than_z_is_read():
    cells = "".join(f'<c r="{c}1"><v>{i}</v></c>' for i, c in enumerate(["A", "Z", "AA", "AZ"]))
    header = read_upload("q3.xlsx", hand_made_xlsx(f'<row r="1">{cells}</row>')).sheet("Data")
    assert header.header[:1] == (0,) and header.header[-1] == 3 and len(header.header) == 52


def test_more_cells_than_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(safety, "MAX_CELLS", 100)
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>' for r in range(1, 120))
    with pytest.raises(UnreadableFile, match="at most 100"):
        read_upload("q3.xlsx", hand_made_xlsx(rows))


def test_xml_entity_declarations_are_refused_before_any_parser_sees_them():
    laugh = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    content = hand_made_xlsx(HEADER_ROW, extra={"xl/sharedStrings.xml": laugh + "<sst/>"})
    with pytest.raises(UnreadableFile, match="declares XML entities"):
        read_upload("q3.xlsx", content)


# -- percentages found in the styles ---------------------------------------------------------------
def test_percent_styles_come_from_custom_and_built_in_formats():
    content = xlsx(
        [["value"], [0.45], [0.456], [45], ["45"]],
        formats={"A2": "0%", "A3": "0.0%", "A4": '0"%"', "A5": "0%"},
    )
    # 0"%" shows a literal sign, and text is never a percentage whatever its format.
    assert read_upload("q3.xlsx", content).sheet("Data").percent_cells == {(2, 0), (3, 0)}


def test_percent_cell_without_a_reference_is_found_by_openpyxl_instead():
    content = xlsx([["value"], [0.45]], formats={"A2": "0%"})
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b'r="A2" ', b"")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert read_upload("q3.xlsx", out.getvalue()).sheet("Data").percent_cells == {(2, 0)}


# -- a sheet kept a column at a time -----------------------------------------------------------
def test_a_sheet_kept_in_columns_gives_the_rows_the_officer_filled_in():
    grid = [
        ["", "   ", ""],  # row 1: spaces only, so blank
        ["measure_id", "value", "", "spare"],  # row 2: the header (a heading with no column)
        ["CLA_COUNT", 12.0, "", ""],
        ["", "", "", ""],  # row 4: blank, left out but counted
        ["PEP_TIMELY", "\t", 33.0],  # a tab alone is blank too
        ["X"],  # a shorter row (a CSV file's rows differ in length)
    ]
    sheet = _sheet("Data", grid, frozenset())
    assert (sheet.header_row, sheet.header) == (2, ("measure_id", "value", None, "spare"))
    assert [(r.number, r.cells) for r in sheet.rows] == [
        (3, ("CLA_COUNT", 12.0)),
        (5, ("PEP_TIMELY", None, 33.0)),
        (6, ("X",)),
    ]
    # Three columns: the fourth has a heading and nothing below it.
    assert sheet.columns == (
        ("CLA_COUNT", "PEP_TIMELY", "X"),
        (12.0, None, None),
        (None, 33.0, None),
    )
    assert sheet.numbers == [3, 5, 6]
    assert sheet.head(2) == (SheetRow(2, ("measure_id", "value", None, "spare")), sheet.rows[0])
    assert sheet == UploadSheet("Data", 2, sheet.header, sheet.rows)


def test_equal_text_in_a_sheet_kept_in_columns_is_one_object():
    sheet = _sheet("Data", [["measure_id"], ["CLA_" + "COUNT"], ["CLA_C" + "OUNT"]], frozenset())
    first, second = sheet.columns[0]
    assert first == second == "CLA_COUNT" and first is second


def test_a_sheet_with_nothing_in_it_is_empty():
    sheet = _sheet("Notes", [["", " "], [None]], frozenset())
    assert sheet.is_empty and sheet.rows == () and sheet.head(5) == ()
