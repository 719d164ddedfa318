"""Property-based tests of the upload reader and validator (issue 7, point 5): whatever an
officer's spreadsheet holds, the result is either readable data or a list of problems, never
an unhandled exception."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from scorecard.catalogue import load_catalogue
from scorecard.errors import ScorecardError
from scorecard.upload import read_upload, validate

CATALOGUE = load_catalogue(Path(__file__).resolve().parents[2] / "data" / "catalogue.toml")
TODAY = dt.date(2026, 11, 23)
HEADER = ["measure_id", "period", "breakdown", "value", "numerator", "denominator", "note"]

# Cells an officer might type: plausible ids and periods, symbols, numbers, dates, junk.
cells = st.one_of(
    st.none(),
    st.sampled_from([m.id for m in CATALOGUE.measures[:8]] + ["NOPE", "neet_16_18"]),
    st.sampled_from(["2026/27 Q1", "Q5 2016/17", "2025/26", "2024/25 AY", "q2 26/27", ""]),
    st.sampled_from(["c", "x", "z", "k", "low", "u", "-", "All", "16+", "45%", "=1+1"]),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
    st.text(max_size=40),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=9), min_size=0, max_size=12)


def workbook_bytes(header: list[object], body: list[list[object]], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in [header, *body]:
        sheet.append([_safe(c) for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _safe(value: object) -> object:
    # openpyxl itself refuses control characters; an officer's Excel could not type them.
    if isinstance(value, str):
        return "".join(ch for ch in value if ch.isprintable())
    return value


def check(content: bytes, name: str) -> None:
    try:
        workbook = read_upload(name, content)
    except ScorecardError:
        return  # refused with a message: fine
    result = validate(workbook, CATALOGUE, today=TODAY)
    assert result.is_valid or result.issues
    for issue in result.issues:
        assert issue.message and issue.sheet


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=rows, title=st.sampled_from(["Data", "data", "Sheet1", "Scorecard"]))
def test_any_data_sheet_gives_data_or_problems_never_a_crash(
    body: list[list[object]], title: str
) -> None:
    check(workbook_bytes(HEADER, body, title), "upload.xlsx")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.lists(cells, min_size=0, max_size=12), body=rows)
def test_any_header_and_shape_gives_data_or_problems_never_a_crash(
    header: list[object], body: list[list[object]]
) -> None:
    check(workbook_bytes(header, body, "Data"), "upload.xlsx")


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=400))
def test_any_csv_text_gives_data_or_problems_never_a_crash(text: str) -> None:
    check(("measure_id,period,value\n" + text).encode("utf-8", "surrogatepass"), "upload.csv")


@settings(max_examples=40, deadline=None)
@given(content=st.binary(max_size=2000))
def test_any_bytes_are_refused_with_a_message_or_read(content: bytes) -> None:
    check(content, "upload.xlsx")
