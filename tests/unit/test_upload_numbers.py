"""Numbers and periods an upload refuses, cell by cell: a count that is not whole, figures
beyond their unit's bounds, cells that are not finite numbers (inf, NaN, 1e309 as Excel
stores them, 400 digits typed as text) and periods before the earliest year. Each is refused
with its sheet, row, column, the value and what to do, never with a traceback.

The catalogue and the date are those of test_upload_validate (Q3 2024/25 has ended on TODAY).
Every expected message is typed in by hand.
"""

import io
import zipfile

import openpyxl
import pytest

from scorecard.periods import PeriodSettingError, configured_earliest_year
from scorecard.upload import read_upload, validate
from scorecard.upload.issues import DATA_COLUMNS
from tests.unit.test_upload_validate import CATALOGUE, TODAY, _quick_and_full, upload
from tests.unit.test_upload_wide import check, workbook

COUNT_OVER = "out of range for CLA_COUNT: a count here is at most 10,000,000 (more than any "
COUNT_OVER += "council has); check the figure"


def issues(result):
    return [str(i) for i in result.issues]


def problems(result):
    """The blocking issues only (a low percentage is Red, and warned about too)."""
    return [str(i) for i in result.blocking]


def stored(result):
    return [
        (o.measure_id, o.period.label, o.value, o.numerator, o.denominator)
        for o in result.submission.observations
    ]


def with_cells_replaced(content: bytes, replacements: dict[bytes, bytes]) -> bytes:
    """The workbook with numbers in its sheet XML replaced as they are written: Excel itself
    never writes inf or NaN, but a file made by another program (or by hand) can."""
    patched = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(patched, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name.startswith("xl/worksheets/"):
                for old, new in replacements.items():
                    data = data.replace(old, new)
            target.writestr(name, data)
    return patched.getvalue()


def data_workbook(rows) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(list(DATA_COLUMNS))
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- counts are whole numbers -------------------------------------------------------------------
def test_a_count_of_5_point_4_is_refused_with_its_row_column_value_and_what_to_do():
    rows = [["CLA_COUNT", "2024/25 Q3", band, 10] for band in ("Under 1", "1-4", "5-9", "10-15")]
    rows.append(["CLA_COUNT", "2024/25 Q3", None, 5.4])  # row 6
    rows.append(["CLA_COUNT", "2024/25 Q2", None, 0.6])  # row 7
    result = upload(rows)
    assert issues(result) == [
        "Data sheet, row 6, column value: CLA_COUNT is a count, so its value is a whole "
        "number, not 5.4; type the count without decimals",
        "Data sheet, row 7, column value: CLA_COUNT is a count, so its value is a whole "
        "number, not 0.6; type the count without decimals",
    ]
    assert [i.value for i in result.issues] == ["5.4", "0.6"]
    assert not result.is_valid


def test_a_count_typed_as_5_point_0_or_as_text_is_the_whole_number_5():
    result = upload(
        [["CLA_COUNT", "2024/25 Q3", None, 5.0], ["CLA_COUNT", "2024/25 Q2", None, "5"]]
    )
    assert result.issues == []
    assert [o.value for o in result.submission.observations] == [5.0, 5.0]


def test_a_numerator_or_denominator_that_is_not_whole_is_refused():
    result = upload(
        [
            ["PEP_TIMELY", "2024/25 Q3", None, 50, 12.5, 25],
            ["PEP_TIMELY", "Q2 24/25", None, 50, 6, "12.5"],
        ]
    )
    assert issues(result) == [
        "Data sheet, row 2, column numerator: the numerator is a number of children, so it "
        "is a whole number, not 12.5; type the count without decimals",
        "Data sheet, row 3, column denominator: the denominator is a number of children, so "
        "it is a whole number, not 12.5; type the count without decimals",
    ]
    assert stored(result) == []


# -- bounds ---------------------------------------------------------------------------------
def test_counts_and_cohorts_up_to_ten_million_are_accepted_and_above_it_refused():
    result = upload(
        [
            ["CLA_COUNT", "2024/25 Q3", None, 10_000_000],
            ["CLA_COUNT", "2024/25 Q2", None, 10_000_001],
            # 5,000,000 of 10,000,000 is 50%: both at most ten million, so accepted.
            ["PEP_TIMELY", "2024/25 Q3", None, 50, 5_000_000, 10_000_000],
            ["PEP_TIMELY", "2024/25 Q2", None, 50, 5_000_001, 10_000_002],
        ]
    )
    assert problems(result) == [
        f"Data sheet, row 3, column value: 10000001 is {COUNT_OVER}",
        "Data sheet, row 5, column denominator: 10000002 is out of range: the denominator is "
        "a number of children, at most 10,000,000 (more than any council has); check the figure",
    ]
    assert stored(result) == [
        ("CLA_COUNT", "2024/25 Q3", 10_000_000.0, None, None),
        ("PEP_TIMELY", "2024/25 Q3", 50.0, 5_000_000.0, 10_000_000.0),
    ]


def test_each_unit_has_bounds_and_the_edge_of_each_is_accepted():
    accepted = [
        ["MISSING_RATE", "2024/25 Q3", None, 10_000],
        ["PEP_TIMELY", "2024/25 Q3", None, 100],
        ["PEP_TIMELY", "2024/25 Q2", None, 0],
        ["ATTAINMENT8", "2023/24 AY", None, -10_000],
        ["SPEND", "2023/24", None, 10_000_000_000],
    ]
    refused = [
        ["MISSING_RATE", "2024/25 Q2", None, 10_000.5],
        ["ATTAINMENT8", "2022/23 AY", None, -10_001],
        ["SPEND", "2022/23", None, 10_000_000_001],
        ["SPEND", "2021/22", None, -10_000_000_001],
    ]
    result = upload(accepted + refused)
    assert problems(result) == [
        "Data sheet, row 7, column value: 10000.5 is out of range for MISSING_RATE: a rate "
        "per 10,000 children here is at most 10,000 per 10,000 children (every child); check "
        "the figure",
        "Data sheet, row 8, column value: -10001 is out of range for ATTAINMENT8: a score "
        "here is from -10,000 to 10,000; check the figure",
        "Data sheet, row 9, column value: 10000000001 is out of range for SPEND: an amount of "
        "money here is from -£10,000,000,000 to £10,000,000,000; check the figure",
        "Data sheet, row 10, column value: -10000000001 is out of range for SPEND: an amount "
        "of money here is from -£10,000,000,000 to £10,000,000,000; check the figure",
    ]
    assert len(stored(result)) == 5


def test_days_are_at_most_a_hundred_years():
    from scorecard.catalogue import parse_catalogue
    from tests.unit.test_upload_validate import _measure

    catalogue = parse_catalogue(
        {
            "authority": {"name": "Testshire", "demonstration": True},
            "priorities": [{"number": 1, "short_title": "P", "title": "P", "plain_title": "P"}],
            "measures": [_measure("ADOPTION_DAYS", 1, "days", "lower_is_better")],
        },
        "test",
    )
    result = upload(
        [
            ["ADOPTION_DAYS", "2024/25 Q3", None, 36_500],
            ["ADOPTION_DAYS", "2024/25 Q2", None, 36_501],
        ],
        catalogue=catalogue,
    )
    assert issues(result) == [
        "Data sheet, row 3, column value: 36501 is out of range for ADOPTION_DAYS: a number of "
        "days here is at most 36,500 days (a hundred years); check the figure"
    ]


# -- not numbers at all: inf, NaN, 1e309, hundreds of digits -------------------------------------
NOT_STORABLE = "is not a number that can be stored (Excel shows such a cell as #NUM!); type the "
NOT_STORABLE += "figure itself"


def test_inf_nan_and_1e309_in_number_cells_are_refused_cell_by_cell():
    # Placeholders written by openpyxl, then replaced in the sheet's XML by what another
    # program could write there; python-calamine reads 1e309 as infinity.
    rows = [
        ["CLA_COUNT", "2024/25 Q3", None, 111111.25],  # 1e309
        ["CLA_COUNT", "2024/25 Q2", None, 222222.25],  # NaN
        ["PEP_TIMELY", "2024/25 Q3", None, 50, 333333.25, 10],  # -1e309 numerator
        ["PEP_TIMELY", "2024/25 Q2", None, 50, 5, 444444.25],  # inf denominator
        ["MISSING_RATE", "2024/25 Q3", None, 555555.25],  # NaN
    ]
    content = with_cells_replaced(
        data_workbook(rows),
        {
            b"111111.25": b"1e309",
            b"222222.25": b"NaN",
            b"333333.25": b"-1e309",
            b"444444.25": b"inf",
            b"555555.25": b"nan",
        },
    )
    result = validate(read_upload("q3.xlsx", content), CATALOGUE, today=TODAY)
    assert issues(result) == [
        f"Data sheet, row 2, column value: 'inf' {NOT_STORABLE}",
        f"Data sheet, row 3, column value: 'NaN' {NOT_STORABLE}",
        f"Data sheet, row 4, column numerator: '-inf' {NOT_STORABLE}",
        f"Data sheet, row 5, column denominator: 'inf' {NOT_STORABLE}",
        f"Data sheet, row 6, column value: 'NaN' {NOT_STORABLE}",
    ]
    assert stored(result) == []  # NaN never becomes "no value"


def test_hundreds_of_digits_typed_as_text_are_refused_without_a_traceback():
    digits_309 = "1" + "0" * 308  # 1e308: a float, far beyond any bound
    digits_400 = "9" * 400  # beyond any float
    result = upload(
        [
            ["CLA_COUNT", "2024/25 Q3", None, digits_309],
            ["CLA_COUNT", "2024/25 Q2", None, digits_400],
            # The issue's route: a percentage with a 309-digit denominator.
            ["PEP_TIMELY", "2024/25 Q3", None, 50, 1, digits_309],
        ]
    )
    assert issues(result) == [
        f"Data sheet, row 2, column value: a number of 309 digits (100000…) is {COUNT_OVER}",
        "Data sheet, row 3, column value: a number of 400 digits ('999999999999…') is far too "
        "large to be a figure; type the figure itself",
        "Data sheet, row 4, column denominator: a number of 309 digits (100000…) is out of "
        "range: the denominator is a number of children, at most 10,000,000 (more than any "
        "council has); check the figure",
    ]


def test_a_csv_file_gets_the_same_refusals():
    lines = [
        "measure_id,period,breakdown,value,numerator,denominator",
        "CLA_COUNT,2024/25 Q3,,5.4,,",
        "CLA_COUNT,2024/25 Q2,,nan,,",
        f"PEP_TIMELY,2024/25 Q3,,50,1,{'9' * 309}",
        f"PEP_TIMELY,2024/25 Q2,,{'9' * 400},,",
        "MISSING_RATE,2024/25 Q3,,1e309,,",
    ]
    content = "\n".join(lines).encode()
    result = validate(read_upload("q3.csv", content), CATALOGUE, today=TODAY)
    assert [(i.row, i.column) for i in result.issues] == [
        (2, "value"),
        (3, "value"),
        (4, "denominator"),
        (5, "value"),
        (6, "value"),
    ]
    messages = [i.message for i in result.issues]
    assert messages[0] == (
        "CLA_COUNT is a count, so its value is a whole number, not 5.4; type the count "
        "without decimals"
    )
    assert messages[1].startswith("'nan' is text where a number belongs")
    # 309 nines is more than the largest number a computer's floating point holds (1.8e308).
    assert messages[2].startswith("a number of 309 digits ('999999999999…') is far too large")
    assert messages[3].startswith("a number of 400 digits ('999999999999…') is far too large")
    assert messages[4].startswith("'1e309' is text where a number belongs")
    assert stored(result) == []


def test_an_officers_wide_sheet_gets_the_same_refusals():
    rows = [
        ["Measure", "2024/25 Q2", "2024/25 Q3"],
        ["CLA_COUNT", 5.4, 111111.25],  # Q3: NaN
        ["MISSING_RATE", 10_001, 12],
    ]
    content = with_cells_replaced(workbook({"Scorecard": rows}), {b"111111.25": b"NaN"})
    result = check(content)
    assert issues(result) == [
        "Scorecard sheet, row 2, column B (2024/25 Q2): CLA_COUNT is a count, so its value is "
        "a whole number, not 5.4; type the count without decimals",
        f"Scorecard sheet, row 2, column C (2024/25 Q3): 'NaN' {NOT_STORABLE}",
        "Scorecard sheet, row 3, column B (2024/25 Q2): 10001 is out of range for "
        "MISSING_RATE: a rate per 10,000 children here is at most 10,000 per 10,000 children "
        "(every child); check the figure",
    ]
    assert [(o.measure_id, o.period.label, o.value) for o in result.submission.observations] == [
        ("MISSING_RATE", "2024/25 Q3", 12.0)
    ]


def test_a_wide_sheet_split_into_n_and_N_refuses_a_cohort_that_is_not_whole():
    rows = [
        ["Measure", "2024/25 Q3", None, None],
        [None, "n", "N", "%"],
        ["PEP_TIMELY", 4.5, 9, 50],
    ]
    result = check(workbook({"Scorecard": rows}))
    assert issues(result) == [
        "Scorecard sheet, row 3, column B (2024/25 Q3 numerator): the numerator is a number "
        "of children, so it is a whole number, not 4.5; type the count without decimals"
    ]


def test_the_quick_path_refuses_exactly_what_the_full_rules_refuse(monkeypatch):
    quarters = [f"{y}/{(y + 1) % 100:02d} Q{q}" for y in range(1995, 2024) for q in (1, 2, 3, 4)]
    values = [5.4, 0.6, 5, 10_000_000, 10_000_001, 1e12, 100, 10_000, 10_001, 0]
    cohorts = [None, 3, 4.5, 10, 10_000_000, 10_000_001]
    rows = []
    for number, (quarter, measure) in enumerate(
        (q, m) for q in quarters for m in ("CLA_COUNT", "PEP_TIMELY", "MISSING_RATE")
    ):
        value = values[number % len(values)]
        numerator = cohorts[number % len(cohorts)] if measure != "CLA_COUNT" else None
        denominator = cohorts[(number // 2) % len(cohorts)] if numerator is not None else None
        rows.append([measure, quarter, None, value, numerator, denominator])
    _, full = _quick_and_full(monkeypatch, rows)
    # 1995/96 to 1999/00 (20 quarters, 3 measures each) are before 2000/01: each is refused.
    assert sum("before 2000/01" in i.message for i in full.issues) == 60


# -- periods before the earliest year ---------------------------------------------------------
EARLY = (
    "is before 2000/01, the earliest year this scorecard takes figures for; check the year (if "
    "the council does report earlier years, an administrator can set SCORECARD_EARLIEST_YEAR)"
)


def test_a_period_before_2000_01_is_refused_once_per_cell():
    result = upload(
        [
            ["CLA_COUNT", "1066/67 Q1", None, 12],
            ["CLA_COUNT", "Q4 1999/00", None, 12],  # ends 31 March 2000: still 1999/00
            ["CLA_COUNT", "2000/01 Q1", None, 12],
            ["SPEND", "1999/00", None, 12],
            ["ATTAINMENT8", "1999/00 AY", None, 12],
        ]
    )
    assert issues(result) == [
        f"Data sheet, row 2, column period: 1066/67 Q1 {EARLY}",
        f"Data sheet, row 3, column period: 1999/00 Q4 {EARLY}",
        f"Data sheet, row 5, column period: 1999/00 {EARLY}",
        f"Data sheet, row 6, column period: 1999/00 AY {EARLY}",
    ]
    assert stored(result) == [("CLA_COUNT", "2000/01 Q1", 12.0, None, None)]


def test_a_wide_sheet_with_a_column_before_the_earliest_year_refuses_each_of_its_cells():
    rows = [
        ["Measure", "1999/00 Q4", "2000/01 Q1"],
        ["CLA_COUNT", 12, 13],
        ["MISSING_RATE", 3, 4],
    ]
    result = check(workbook({"Scorecard": rows}))
    assert issues(result) == [
        f"Scorecard sheet, row 2, column B (1999/00 Q4): 1999/00 Q4 {EARLY}",
        f"Scorecard sheet, row 3, column B (1999/00 Q4): 1999/00 Q4 {EARLY}",
    ]


def test_the_earliest_year_is_configurable(monkeypatch):
    monkeypatch.setenv("SCORECARD_EARLIEST_YEAR", "1990/91")
    result = upload([["CLA_COUNT", "1990/91 Q1", None, 12], ["CLA_COUNT", "1989/90 Q4", None, 12]])
    assert issues(result) == [
        "Data sheet, row 3, column period: 1989/90 Q4 is before 1990/91, the earliest year "
        "this scorecard takes figures for; check the year (if the council does report earlier "
        "years, an administrator can set SCORECARD_EARLIEST_YEAR)"
    ]


@pytest.mark.parametrize("setting", ["1066", "2000/02", "two thousand", "20000"])
def test_an_unusable_earliest_year_setting_is_refused_with_what_to_write(setting):
    with pytest.raises(PeriodSettingError) as refused:
        configured_earliest_year({"SCORECARD_EARLIEST_YEAR": setting})
    assert str(refused.value) == (
        f"SCORECARD_EARLIEST_YEAR is '{setting}': it must be a year from 1900 to 2100, e.g. "
        "2000 or 2000/01 (figures for earlier years are refused)."
    )


def test_commentary_for_a_period_before_the_earliest_year_is_refused_too():
    result = upload(
        [["CLA_COUNT", "2024/25 Q3", None, 12]],
        commentary=[["1066/67 Q1", 1, "narrative", "Old", "A very old quarter."]],
    )
    assert [(i.sheet, i.row, i.column) for i in result.issues] == [("Commentary", 2, "period")]
    assert result.issues[0].message == f"1066/67 Q1 {EARLY}"


def test_the_templates_instructions_state_the_limits_and_the_earliest_year(monkeypatch):
    from tests.unit.test_upload_template import opened, template

    monkeypatch.setenv("SCORECARD_EARLIEST_YEAR", "2010")
    text = " ".join(
        str(v) for (v,) in opened(template())["Instructions"].iter_rows(values_only=True) if v
    )
    assert "counts, numerators and denominators are whole numbers" in text
    assert "A count is at most 10,000,000 (more than any council has)." in text
    assert "A rate per 10,000 children is at most 10,000 per 10,000 children" in text
    assert "A numerator or denominator is at most 10,000,000 too." in text
    assert "Periods start in 2010/11 or later." in text
