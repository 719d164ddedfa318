"""Reading a workbook in a child process (issue 13, point 2): whatever a file does to the
spreadsheet reader, the process that asked, and so every other session, carries on.

Every file is made here. The files that crash the reader are handed to the child directly,
as they would reach it if the safety pass's estimate were wrong.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import marshal
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from scorecard import reading_process
from scorecard.errors import UnreadableFile
from scorecard.upload import reader, safety, sandbox
from scorecard.upload.reader import read_upload
from tests.integration.test_upload_hostile import (
    _MAIN,
    MEGABYTE,
    repeated_shared_string,
    run_measured,
)
from tests.unit.test_upload_reader import hand_made_xlsx

ROOT = Path(__file__).resolve().parents[2]


def ordinary_workbook() -> bytes:
    book = openpyxl.Workbook()
    data = book.active
    data.title = "Data"
    data.append(["measure_id", "period", "breakdown", "value", "numerator", "note"])
    data.append(["CLA_COUNT", dt.date(2024, 12, 31), None, 12, None, "As at 31 December"])
    data.append(["PEP_TIMELY", "2024/25 Q3", "Boys", 0.805, 33, True])
    data.append(["PEP_TIMELY", "2024/25 Q3", "Girls", "#N/A", dt.datetime(2025, 1, 2, 9, 30)])
    data["D3"].number_format = "0.0%"
    book.create_sheet("Commentary").append(["period", "priority", "text"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_child_reads_exactly_what_reading_in_this_process_reads() -> None:
    content = ordinary_workbook()
    safety.inspect_xlsx(content)
    here = reader.read_xlsx_here("q3.xlsx", content)
    through_child = read_upload("q3.xlsx", content)
    assert through_child == here
    data = through_child.sheet("Data")
    assert data is not None
    date = data.rows[0].cells[1]
    assert type(date) is dt.date and date == dt.date(2024, 12, 31)  # a date, as calamine gave it
    assert data.rows[1].cells[3:] == (0.805, 33, True)
    assert data.percent_cells == frozenset({(3, 3)})
    assert data.rows[2].cells[3] == "#N/A"


def test_a_workbook_without_dates_comes_back_the_same_by_the_quicker_way() -> None:
    book = openpyxl.Workbook()
    data = book.active
    data.title = "Data"
    data.append(["measure_id", "period", "value", "note"])
    data.append(["PEP_TIMELY", "2024/25 Q3", 0.805, True])
    data.append(["CLA_COUNT", "2024/25 Q3", -0.0, "#DIV/0!"])
    data["C2"].number_format = "0%"
    out = io.BytesIO()
    book.save(out)
    content = out.getvalue()
    here = reader.read_xlsx_here("q3.xlsx", content)
    assert marshal.loads(marshal.dumps(sandbox._to_plain(here)))  # no date: marshal takes it
    through_child = read_upload("q3.xlsx", content)
    assert through_child == here
    assert [type(c) for c in through_child.sheets[0].rows[1].cells] == [str, str, float, str]
    assert through_child.sheets[0].percent_cells == frozenset({(2, 2)})


def test_a_workbook_that_makes_the_reader_abort_ends_only_its_child() -> None:
    # One 1 MB string in 6,000 cells: calamine copies it into each until an allocation fails
    # and Rust aborts the process. It is handed to the child without the safety pass.
    crashing = repeated_shared_string(6000)
    with pytest.raises(UnreadableFile) as refused:
        sandbox.read_xlsx("q3.xlsx", crashing)
    message = str(refused.value)
    assert message.startswith(
        "This workbook could not be read safely: reading it needed more than 512 MB of memory"
    )
    assert "upload it again" in message and "Traceback" not in message
    reader_process = reading_process._reader
    assert reader_process is not None and reader_process[0].poll() is None
    # This process, and the reader that forks the children, carry on.
    workbook = read_upload("q3.xlsx", ordinary_workbook())
    assert workbook.sheet("Data") is not None
    assert reading_process._reader is reader_process


def test_a_read_over_the_memory_setting_is_refused_and_the_next_read_works(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 20 copies of a 1 MB string pass the safety pass (about 100 MB at most) but need about
    # 40 MB for calamine's copies and as much for Python's: more than 30 MB allows.
    content = repeated_shared_string(20)
    monkeypatch.setenv(sandbox.MEMORY_SETTING, "30")
    with pytest.raises(UnreadableFile, match="it needed more than 30 MB of memory, or made"):
        read_upload("q3.xlsx", content)
    monkeypatch.delenv(sandbox.MEMORY_SETTING)
    sheet = read_upload("q3.xlsx", content).sheet("Data")
    assert sheet is not None and len(sheet.all_rows) == 20
    assert sheet.all_rows[19].cells == ("x" * MEGABYTE,)


def test_a_read_longer_than_the_time_setting_is_stopped_and_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 100,000 rows of 7 numbers, every cell formatted as a percentage by the default style:
    # finding the percentage cells then falls to openpyxl, cell by cell, which takes far
    # longer than the 2 seconds allowed here (tens of seconds on the 2-core test machine).
    styles = (
        f'<styleSheet xmlns="{_MAIN}"><cellXfs count="1"><xf numFmtId="9"/></cellXfs></styleSheet>'
    )
    rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>0.5</v></c>' for c in "ABCDEFG") + "</row>"
        for r in range(1, 100_001)
    )
    content = hand_made_xlsx(rows, extra={"xl/styles.xml": styles})
    monkeypatch.setenv(sandbox.SECONDS_SETTING, "2")
    started = time.monotonic()
    with pytest.raises(UnreadableFile, match="read safely: reading it took more than 2 seconds"):
        read_upload("q3.xlsx", content)
    assert time.monotonic() - started < 15  # stopped, not finished


@pytest.mark.parametrize("value", ["lots", "0", "-5", "1.5"])
def test_a_bad_limit_setting_is_named_with_what_to_do(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(sandbox.SECONDS_SETTING, value)
    with pytest.raises(UnreadableFile) as refused:
        read_upload("q3.xlsx", ordinary_workbook())
    assert str(refused.value) == (
        f"The setting SCORECARD_UPLOAD_SECONDS={value!r} is not a whole number above 0; ask "
        "the scorecard's administrator to correct it."
    )


def _children_of(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # it has just ended
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry.name))
    return children


@pytest.mark.skipif(not sandbox._CAN_END, reason="ending the child needs a pidfd (Linux)")
def test_a_file_the_safety_pass_refuses_is_refused_in_its_words_and_its_reading_is_ended() -> None:
    # The safety pass runs while the child reads. This file would keep the child busy for
    # tens of seconds (100,000 rows of percentages, left to openpyxl), and a part declaring
    # XML entities makes the safety pass refuse it once it has looked at the sheet.
    styles = (
        f'<styleSheet xmlns="{_MAIN}"><cellXfs count="1"><xf numFmtId="9"/></cellXfs></styleSheet>'
    )
    rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>0.5</v></c>' for c in "ABCDEFG") + "</row>"
        for r in range(1, 100_001)
    )
    entities = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    content = hand_made_xlsx(rows, extra={"xl/styles.xml": styles, "customXml/item1.xml": entities})
    read_upload("q3.xlsx", ordinary_workbook())  # the reader process is running
    assert reading_process._reader is not None
    reader_pid = reading_process._reader[0].pid
    with pytest.raises(UnreadableFile) as refused:
        read_upload("q3.xlsx", content)
    assert str(refused.value) == (
        "Part 'customXml/item1.xml' of this file declares XML entities, which Excel never "
        "writes and which can make a file expand without limit, so it was not opened. Open "
        "the workbook in Excel, save it as an Excel workbook (.xlsx) and upload it again."
    )
    # Its child is ended at once, not left reading until its 60 seconds are up.
    deadline = time.monotonic() + 5
    while _children_of(reader_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _children_of(reader_pid) == []


def test_an_answer_with_anything_but_cells_is_not_a_workbook() -> None:
    def plain(header: object, numbers: object, columns: object) -> tuple[object, ...]:
        return ("q3.xlsx", False, (("Data", 1, header, numbers, columns, frozenset()),))

    good = sandbox._from_plain(plain(("measure_id",), (2,), (("CLA_COUNT",),)))
    assert good.sheets[0].rows[0].cells == ("CLA_COUNT",)
    # Rows that run on one by one come as the first and the one after the last.
    run = sandbox._from_plain(plain(("measure_id",), [2, 4], (("CLA_COUNT", "PEP_TIMELY"),)))
    assert [r.number for r in run.sheets[0].rows] == [2, 3]
    assert [r.cells for r in run.sheets[0].rows] == [("CLA_COUNT",), ("PEP_TIMELY",)]
    for bad in (
        plain(("measure_id",), (2,), (({"a": 1},),)),  # a dict in a cell
        plain(("measure_id",), (2,), ((b"bytes",),)),  # bytes
        plain(("measure_id",), (2, 3), (("CLA_COUNT", ["a"]),)),  # a list below text
        plain(("measure_id",), (2, 3), (("CLA_COUNT", b"bytes"),)),  # bytes below text
        plain(("measure_id",), (2, 3), (("CLA_COUNT", ("CLA_COUNT",)),)),  # a tuple in a cell
        plain(("measure_id",), (2, 3), (("CLA_COUNT",),)),  # a column shorter than the rows
        plain(("measure_id",), ("2",), (("CLA_COUNT",),)),  # a row number that is text
        plain(["measure_id"], (2,), (("CLA_COUNT",),)),  # a list where a tuple belongs
        plain((compile("1", "x", "eval"),), (2,), (("CLA_COUNT",),)),  # code
        plain(("measure_id",), [2, 4], (("CLA_COUNT",),)),  # two rows, one cell
        plain(("measure_id",), [4, 2], ()),  # a run that goes backwards
        plain(("measure_id",), [0, 1], (("CLA_COUNT",),)),  # no row 0 in a sheet
        plain(("measure_id",), [2, 10**30], ()),  # more rows than a sheet can have
        plain(("measure_id",), [2, 3, 4], (("CLA_COUNT", "CLA_COUNT"),)),  # not a run
        plain(("measure_id",), [2.0, 3.0], (("CLA_COUNT",),)),  # not whole numbers
        plain(("measure_id",), (2**40,), (("CLA_COUNT",),)),  # beyond a sheet's last row
        plain(("measure_id",), (0,), (("CLA_COUNT",),)),  # no row 0
        plain(("measure_id",), (-3,), (("CLA_COUNT",),)),  # nor below it
    ):
        with pytest.raises(TypeError):
            sandbox._from_plain(bad)


class _RunsACommand:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_child_that_sends_back_anything_but_a_workbook_cannot_make_the_server_run_it(
    tmp_path: Path,
) -> None:
    # What the server unpickles a child's answer with (read_xlsx refuses the file when it fails).
    marker = tmp_path / "ran"
    answer = pickle.dumps(_RunsACommand(marker))
    with pytest.raises(pickle.UnpicklingError, match=r"posix\.system is not part of a workbook"):
        sandbox._SafeUnpickler(io.BytesIO(answer)).load()
    assert not marker.exists()


# -- memory, measured ------------------------------------------------------------------------
# The peak is this process's own high-water mark (VmHWM), not getrusage's ru_maxrss: Linux
# carries ru_maxrss across exec, so a process started by a large pytest reports pytest's size.
_MEASURE = """
import json, re, sys
from scorecard.upload import reader, safety
content = open(sys.argv[1], "rb").read()
safety.inspect_xlsx(content)
rows = sum(len(s.all_rows) for s in reader.read_xlsx_here(sys.argv[1], content).sheets)
status = open("/proc/self/status").read()
peak_kb = int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
print(json.dumps({"rows": rows, "peak_kb": peak_kb}))
"""


def peak_of_reading(path: Path) -> tuple[int, float]:
    """Rows read and peak resident memory in MB of a fresh process doing what the child does."""
    finished = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    measured = json.loads(finished.stdout)
    return measured["rows"], measured["peak_kb"] / 1024


def test_the_most_text_the_safety_pass_lets_through_is_read_in_under_500_mb(
    tmp_path: Path,
) -> None:
    # n copies of a 1 MB string (1,048,598 bytes with its markup) that Python stores at four
    # bytes a character (an emoji at its end), at five bytes a byte by the estimate, plus
    # the table (32 + 1,048,598) and n rows of 26 cells at 100 bytes: 63 copies make
    # 331,520,800 bytes, under the 335,544,320 (320 MB) allowed; 64 make 336,766,390.
    path = tmp_path / "q3.xlsx"
    path.write_bytes(repeated_shared_string(63, wide=True))
    with pytest.raises(UnreadableFile, match="could need up to about 321 MB"):
        safety.inspect_xlsx(repeated_shared_string(64, wide=True))
    rows, peak_mb = peak_of_reading(path)
    assert rows == 63
    assert peak_mb < 500, f"{peak_mb:.0f} MB"


def test_the_command_line_checks_the_most_text_allowed_in_under_500_mb(tmp_path: Path) -> None:
    # The same file through `validate`: the workbook comes back from the child and is held,
    # with everything else the command loads, in the command's own process.
    from scorecard.storage.store import Store

    database = tmp_path / "scorecard.db"
    Store.open(f"sqlite:///{database}").engine.dispose()
    path = tmp_path / "q3.xlsx"
    path.write_bytes(repeated_shared_string(63, wide=True))
    code, out, err, peak_mb = run_measured(database, "validate", str(path))
    assert code == 1 and "Traceback" not in out + err  # read, then refused: not the template
    assert peak_mb < 500, f"{peak_mb:.0f} MB"


def test_one_long_note_does_not_make_every_other_text_cell_count_as_long(
    tmp_path: Path,
) -> None:
    # 20,000 rows of three short shared strings and one 200,000-character note: counted as if
    # each of the 60,001 text cells held the longest string it would be 60 GB; counted cell by
    # cell it is under 2 MB, and the workbook is read.
    short = [f"<si><t>M{n}</t></si>" for n in range(60)] + ["<si><t>2024/25 Q3</t></si>"]
    short += [f"<si><t>Breakdown {n}</t></si>" for n in range(9)]
    strings = f'<sst xmlns="{_MAIN}"><si><t>{"y" * 200_000}</t></si>{"".join(short)}</sst>'
    rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c></row>']
    for r in range(2, 20_002):
        rows.append(
            f'<row r="{r}"><c r="A{r}" t="s"><v>{1 + r % 60}</v></c>'
            f'<c r="B{r}" t="s"><v>61</v></c><c r="C{r}" t="s"><v>{62 + r % 9}</v></c>'
            f'<c r="D{r}"><v>{r}</v></c></row>'
        )
    path = tmp_path / "q3.xlsx"
    path.write_bytes(hand_made_xlsx("".join(rows), extra={"xl/sharedStrings.xml": strings}))
    rows_read, peak_mb = peak_of_reading(path)
    assert rows_read == 20_001
    assert peak_mb < 500, f"{peak_mb:.0f} MB"
