"""Officers' own "wide" scorecards (SPEC §4): one row per measure, one column per quarter,
with titles, merged cells, priority headings, extra columns and footnotes around the figures.

The catalogue and the date are those of test_upload_validate: Q3 2024/25 (October to December
2024) has ended on TODAY, Q4 has not. Expected values are typed in by hand.
"""

import datetime as dt
import io

import openpyxl

from scorecard.periods import Period
from scorecard.upload import Severity, read_upload, validate
from scorecard.upload.issues import DATA_COLUMNS
from tests.unit.test_upload_validate import CATALOGUE, TODAY

Q1, Q2, Q3 = (Period.quarter_of(2024, q) for q in (1, 2, 3))


def workbook(sheets, *, merged=(), percent=()):
    """``sheets`` maps a sheet name to its rows (from A1); ``merged`` and ``percent`` list
    (sheet, range) to merge and (sheet, cell) to format as 0%."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    for name, cells in merged:
        book[name].merge_cells(cells)
    for name, cell in percent:
        book[name][cell].number_format = "0%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def check(content, name="scorecard.xlsx", **kwargs):
    return validate(read_upload(name, content), CATALOGUE, today=TODAY, **kwargs)


def figures(result):
    return sorted(
        (o.measure_id, o.period.label, o.breakdown, o.value, o.symbol)
        for o in result.submission.observations
    )


def ignored(result):
    return [(i.sheet, i.row, i.column) for i in result.ignored]


# The kind of sheet officers keep: a title, a heading row mixing periods and extras, priority
# headings, one measure by its id and one by its name, and footnotes.
OFFICERS_SHEET = [
    ["Testshire Corporate Parenting Scorecard"],  # 1, merged A1:H1
    ["Quarterly performance, 2024/25"],  # 2
    [],  # 3
    ["Ref", "Measure", "Q1 2024/25", "2024/25 Q2", dt.datetime(2024, 12, 31), "Target", "RAG"],
    ["Priority 1: Keeping safe"],  # 5, merged A5:G5
    ["CLA_COUNT", "Children in care", 240, 245, 250, None, "n/a"],  # 6
    [None, "Missing Rate", 3.5, "-", "x", None, "Green"],  # 7
    ["Priority 2: Education"],  # 8
    [None, "Pep Timely", 0.9, "95%", 96, 95, "Green"],  # 9, C9 formatted as 0%
    [],
    ["* Q3 figures are provisional"],  # 11
    ["Source: case management system"],  # 12
]


def officers_workbook():
    return workbook(
        {"Scorecard": OFFICERS_SHEET},
        merged=[("Scorecard", "A1:G1"), ("Scorecard", "A5:G5"), ("Scorecard", "A8:G8")],
        percent=[("Scorecard", "C9")],
    )


def test_officers_own_scorecard_is_read_by_measure_id_or_exact_name():
    result = check(officers_workbook())
    assert result.is_valid, [str(i) for i in result.issues]
    assert figures(result) == [
        ("CLA_COUNT", "2024/25 Q1", "All", 240.0, None),
        ("CLA_COUNT", "2024/25 Q2", "All", 245.0, None),
        ("CLA_COUNT", "2024/25 Q3", "All", 250.0, None),  # the heading 31/12/2024 is Q3
        ("MISSING_RATE", "2024/25 Q1", "All", 3.5, None),
        ("MISSING_RATE", "2024/25 Q2", "All", None, None),  # "-": no value on purpose
        ("MISSING_RATE", "2024/25 Q3", "All", None, "x"),
        ("PEP_TIMELY", "2024/25 Q1", "All", 90.0, None),  # 0.9 formatted as 90%
        ("PEP_TIMELY", "2024/25 Q2", "All", 95.0, None),
        ("PEP_TIMELY", "2024/25 Q3", "All", 96.0, None),
    ]


def test_everything_not_read_is_listed_with_its_place_and_reason():
    result = check(officers_workbook())
    assert ignored(result) == [
        ("Scorecard", 1, None),
        ("Scorecard", 2, None),
        ("Scorecard", 5, None),
        ("Scorecard", 8, None),
        ("Scorecard", 11, None),
        ("Scorecard", 12, None),
        ("Scorecard", None, "F"),
        ("Scorecard", None, "G"),
    ]
    by_place = {(i.row, i.column): i for i in result.ignored}
    assert by_place[(1, None)].value == "Testshire Corporate Parenting Scorecard"
    assert "title" in by_place[(1, None)].reason
    assert by_place[(5, None)].value == "Priority 1: Keeping safe"
    assert "heading, title or footnote" in by_place[(11, None)].reason
    assert by_place[(None, "F")].reason == "'Target' is not a period; its 1 value(s) were not read"
    assert by_place[(None, "G")].reason == "'RAG' is not a period; its 3 value(s) were not read"


def test_a_misspelt_measure_with_figures_is_a_warning_naming_the_close_match():
    rows = [["Measure", "2024/25 Q3"], ["Pep Timley", 96], ["CLA_COUNT", 250]]
    result = check(workbook({"Scorecard": rows}))
    (issue,) = result.issues
    assert (issue.sheet, issue.row, issue.column, issue.severity) == (
        "Scorecard",
        2,
        "A",
        Severity.WARNING,
    )
    assert "'Pep Timley' is not a measure in the catalogue" in issue.message
    assert "figures in this row were not read" in issue.message
    assert "did you mean PEP_TIMELY (Pep Timely)?" in issue.message
    assert figures(result) == [("CLA_COUNT", "2024/25 Q3", "All", 250.0, None)]


def test_year_heading_merged_over_bare_quarters_gives_each_quarter_its_year():
    rows = [
        ["Measure", "2023/24", None, None, None, "2024/25", None, None],
        [None, "Q1", "Q2", "Q3", "Q4", "Q1", "Q2", "Q3"],
        ["CLA_COUNT", 200, 210, 220, 230, 240, 245, 250],
    ]
    content = workbook({"Trend": rows}, merged=[("Trend", "B1:E1"), ("Trend", "F1:H1")])
    result = check(content)
    assert result.is_valid
    assert [o.period.label for o in result.submission.observations] == [
        "2023/24 Q1",
        "2023/24 Q2",
        "2023/24 Q3",
        "2023/24 Q4",
        "2024/25 Q1",
        "2024/25 Q2",
        "2024/25 Q3",
    ]
    (years,) = result.ignored
    assert (years.row, "years of the quarter columns" in years.reason) == (1, True)


def test_breakdown_rows_under_a_measure_are_its_age_bands():
    rows = [
        ["Measure", "2024/25 Q2", "2024/25 Q3"],
        ["Cla Count", 245, 250],
        ["  Under 1", 20, 21],
        ["1-4", 40, 41],
        ["Pep Timely", 95, 96],
    ]
    result = check(workbook({"Scorecard": rows}))
    assert result.is_valid, [str(i) for i in result.issues]
    assert [(o.measure_id, o.breakdown, o.value) for o in result.submission.observations] == [
        ("CLA_COUNT", "All", 245.0),
        ("CLA_COUNT", "All", 250.0),
        ("CLA_COUNT", "Under 1", 20.0),
        ("CLA_COUNT", "Under 1", 21.0),
        ("CLA_COUNT", "1-4", 40.0),
        ("CLA_COUNT", "1-4", 41.0),
        ("PEP_TIMELY", "All", 95.0),
        ("PEP_TIMELY", "All", 96.0),
    ]


def test_breakdown_column_and_a_measure_name_merged_down_over_its_rows():
    rows = [
        ["Measure", "Age band", "2024/25 Q3"],
        ["CLA_COUNT", None, 250],
        [None, "Under 1", 21],  # A2:A3 merged: the name is only in A2
        [None, "10-15", 90],
    ]
    result = check(workbook({"Scorecard": rows}, merged=[("Scorecard", "A2:A4")]))
    assert result.is_valid, [str(i) for i in result.issues]
    assert [(o.breakdown, o.value) for o in result.submission.observations] == [
        ("All", 250.0),
        ("Under 1", 21.0),
        ("10-15", 90.0),
    ]


def test_problems_in_a_wide_sheet_name_the_cell_and_its_period():
    rows = [
        ["Measure", "2024/25 Q2", "2024/25 Q3", "2024/25 Q4"],
        ["CLA_COUNT", "about 245", -1, None],  # Q4 is blank: not a problem
        ["PEP_TIMELY", 95, 101, 97],  # Q4 has not ended on 1 February 2025
    ]
    result = check(workbook({"Scorecard": rows}))
    found = [(i.row, i.column, i.value) for i in result.issues]
    assert found == [
        (2, "B (2024/25 Q2)", "about 245"),
        (2, "C (2024/25 Q3)", "-1"),
        (3, "C (2024/25 Q3)", "101"),
        (3, "D (2024/25 Q4)", "2024/25 Q4"),
    ]
    messages = [i.message for i in result.issues]
    assert "is text where a number belongs" in messages[0]
    assert "CLA_COUNT is a count and cannot be negative" in messages[1]
    assert "101 is not a percentage between 0 and 100" in messages[2]
    assert "2024/25 Q4 has not ended yet" in messages[3]
    assert not result.is_valid


def test_a_quarterly_measure_in_a_year_column_is_blocking():
    rows = [["Measure", "2023/24", "2023/24 Q4"], ["CLA_COUNT", 230, 231]]
    (issue,) = check(workbook({"Scorecard": rows})).issues
    assert issue.column == "B (2023/24)"
    assert "CLA_COUNT is reported each quarter" in issue.message


def test_the_same_period_twice_in_the_heading_is_blocking():
    rows = [["Measure", "2024/25 Q3", "Q3 24/25"], ["CLA_COUNT", 250, 251]]
    result = check(workbook({"Scorecard": rows}))
    (issue,) = result.issues
    assert (issue.row, issue.column) == (1, "C (2024/25 Q3)")
    assert "columns B and C are both 2024/25 Q3; delete one of them" in issue.message


def test_a_row_naming_two_measures_is_blocking():
    rows = [["Ref", "Measure", "2024/25 Q3"], ["CLA_COUNT", "Pep Timely", 250]]
    (issue,) = check(workbook({"Scorecard": rows})).issues
    assert issue.severity is Severity.BLOCKING
    assert "names more than one measure (CLA_COUNT and PEP_TIMELY)" in issue.message


def test_long_and_wide_sheets_are_both_read_and_a_figure_given_twice_is_caught():
    content = workbook(
        {
            "Data": [list(DATA_COLUMNS), ["CLA_COUNT", "2024/25 Q3", None, 250]],
            "Scorecard": [["Measure", "2024/25 Q2", "2024/25 Q3"], ["CLA_COUNT", 245, 251]],
        }
    )
    result = check(content)
    (issue,) = result.issues
    assert (issue.sheet, issue.row, issue.column) == ("Scorecard", 2, "C (2024/25 Q3)")
    assert "row 2 and Data sheet row 2 are both CLA_COUNT, 2024/25 Q3, All" in issue.message
    assert figures(result) == [
        ("CLA_COUNT", "2024/25 Q2", "All", 245.0, None),
        ("CLA_COUNT", "2024/25 Q3", "All", 250.0, None),
    ]


def test_long_layout_under_title_rows_on_a_sheet_with_another_name_is_read():
    rows = [["Figures for the panel"], [], list(DATA_COLUMNS), ["CLA_COUNT", "Q3 24/25", None, 250]]
    result = check(workbook({"Q3 figures": rows}))
    assert result.is_valid
    assert figures(result) == [("CLA_COUNT", "2024/25 Q3", "All", 250.0, None)]
    assert ignored(result) == [("Q3 figures", 1, None)]


def test_a_sheet_with_neither_layout_is_listed_as_not_read():
    content = workbook(
        {
            "Data": [list(DATA_COLUMNS), ["CLA_COUNT", "2024/25 Q3", None, 250]],
            "Notes": [["Remember to ask the virtual school"], ["for the PEP figures"]],
        }
    )
    result = check(content)
    assert result.is_valid
    (notes,) = result.ignored
    assert (notes.sheet, notes.row, notes.column) == ("Notes", None, None)
    assert "not read" in notes.reason


def test_excel_date_serials_and_other_period_forms_in_the_heading_are_periods():
    # 45565 is 30 September 2024 as Excel counts days (Q2); "Q1 24/25" is the short form.
    rows = [["Measure", "Q1 24/25", 45565, "2024-12-31"], ["CLA_COUNT", 240, 245, 250]]
    result = check(workbook({"Scorecard": rows}))
    assert [o.period for o in result.submission.observations] == [Q1, Q2, Q3]


def test_a_wide_csv_file_is_read():
    content = b"Measure;Q2 2024/25;Q3 2024/25;Target\nCLA_COUNT;245;250;\nPep Timely;95%;96;95\n"
    result = validate(read_upload("scorecard.csv", content), CATALOGUE, today=TODAY)
    assert result.is_valid, [str(i) for i in result.issues]
    assert figures(result) == [
        ("CLA_COUNT", "2024/25 Q2", "All", 245.0, None),
        ("CLA_COUNT", "2024/25 Q3", "All", 250.0, None),
        ("PEP_TIMELY", "2024/25 Q2", "All", 95.0, None),
        ("PEP_TIMELY", "2024/25 Q3", "All", 96.0, None),
    ]


def test_a_red_figure_in_a_wide_sheet_asks_for_commentary_at_its_cell():
    rows = [["Measure", "2024/25 Q3"], ["PEP_TIMELY", 80]]
    (issue,) = check(workbook({"Scorecard": rows})).issues
    assert (issue.row, issue.column, issue.severity) == (2, "B (2024/25 Q3)", Severity.WARNING)
    assert "PEP_TIMELY is Red" in issue.message


def figures_with_counts(result):
    return sorted(
        (o.measure_id, o.period.label, o.value, o.numerator, o.denominator)
        for o in result.submission.observations
    )


def problems(result):
    return [(i.row, i.column, i.value, i.severity) for i in result.issues]


def test_report_details_above_the_heading_are_not_taken_for_the_row_of_periods():
    rows = [
        ["Testshire Corporate Parenting Scorecard"],  # 1
        # 2: a period and a date (in 2024/25 Q3) above the heading, over Target and England
        ["Reporting period:", "2024/25 Q2", "Date produced:", dt.datetime(2024, 10, 15)],
        [],  # 3
        ["Measure", "2024/25 Q2", "Target", "England", "RAG"],  # 4
        ["CLA_COUNT", 245, None, 70, None],  # 5
        ["PEP_TIMELY", 96, 95, 88, "Green"],  # 6
    ]
    result = check(workbook({"Scorecard": rows}))
    assert result.is_valid, [str(i) for i in result.issues]
    assert result.issues == []
    # Only the Q2 column is read; England's 70 and 88 are not stored as 2024/25 Q3.
    assert figures(result) == [
        ("CLA_COUNT", "2024/25 Q2", "All", 245.0, None),
        ("PEP_TIMELY", "2024/25 Q2", "All", 96.0, None),
    ]
    assert ignored(result) == [
        ("Scorecard", 1, None),
        ("Scorecard", 2, None),
        ("Scorecard", None, "C"),
        ("Scorecard", None, "D"),
        ("Scorecard", None, "E"),
    ]
    by_place = {(i.row, i.column): i for i in result.ignored}
    assert "above the row of periods" in by_place[(2, None)].reason
    assert by_place[(None, "D")].reason == (
        "'England' is not a period; its 2 value(s) were not read"
    )


def test_a_second_row_of_periods_heads_the_table_below_it():
    rows = [
        ["This year"],  # 1
        ["Measure", "2024/25 Q2", "2024/25 Q3"],  # 2
        ["CLA_COUNT", 245, 250],  # 3
        [],  # 4
        ["Last year"],  # 5
        ["Measure", "2023/24 Q2", "2023/24 Q3", "Target"],  # 6
        ["CLA_COUNT", 215, 220],  # 7
        ["PEP_TIMELY", 95, 96, 95],  # 8
    ]
    result = check(workbook({"Scorecard": rows}))
    assert result.is_valid, [str(i) for i in result.issues]
    assert result.issues == []
    assert figures(result) == [
        ("CLA_COUNT", "2023/24 Q2", "All", 215.0, None),
        ("CLA_COUNT", "2023/24 Q3", "All", 220.0, None),
        ("CLA_COUNT", "2024/25 Q2", "All", 245.0, None),
        ("CLA_COUNT", "2024/25 Q3", "All", 250.0, None),
        ("PEP_TIMELY", "2023/24 Q2", "All", 95.0, None),
        ("PEP_TIMELY", "2023/24 Q3", "All", 96.0, None),
    ]
    assert ignored(result) == [
        ("Scorecard", 1, None),
        ("Scorecard", 5, None),
        ("Scorecard", 6, None),
        ("Scorecard", None, "D"),
    ]
    by_place = {(i.row, i.column): i for i in result.ignored}
    assert by_place[(6, None)].reason == (
        "a new row of periods: the rows below it are read as 2023/24 Q2, 2023/24 Q3"
    )
    assert by_place[(None, "D")].reason == (
        "'Target' is not a period; its 1 value(s) (row 8) were not read"
    )


def test_a_second_table_under_a_merged_year_row_gives_its_quarters_that_year():
    rows = [
        ["Measure", "2024/25 Q2", "2024/25 Q3"],  # 1
        ["CLA_COUNT", 245, 250],  # 2
        [None, "2023/24", None],  # 3, merged B3:C3
        ["Measure", "Q2", "Q3"],  # 4
        ["CLA_COUNT", 215, 220],  # 5
    ]
    result = check(workbook({"Scorecard": rows}, merged=[("Scorecard", "B3:C3")]))
    assert result.is_valid, [str(i) for i in result.issues]
    assert figures(result) == [
        ("CLA_COUNT", "2023/24 Q2", "All", 215.0, None),
        ("CLA_COUNT", "2023/24 Q3", "All", 220.0, None),
        ("CLA_COUNT", "2024/25 Q2", "All", 245.0, None),
        ("CLA_COUNT", "2024/25 Q3", "All", 250.0, None),
    ]
    assert [(i.row, i.reason.split(";")[0]) for i in result.ignored] == [
        (3, "gives the years of the quarter columns below it"),
        (4, "a new row of periods: the rows below it are read as 2023/24 Q2, 2023/24 Q3"),
    ]


def test_a_period_merged_over_n_and_percent_columns_reads_the_number_and_the_percentage():
    rows = [
        ["Measure", "2024/25 Q2", None, "2024/25 Q3", None],  # 1, B1:C1 and D1:E1 merged
        [None, "n", "%", "n", "%"],  # 2
        ["PEP_TIMELY", 47, 0.94, 48, 0.96],  # 3, C3 and E3 formatted as 0%
    ]
    content = workbook(
        {"Scorecard": rows},
        merged=[("Scorecard", "B1:C1"), ("Scorecard", "D1:E1")],
        percent=[("Scorecard", "C3"), ("Scorecard", "E3")],
    )
    result = check(content)
    assert result.is_valid, [str(i) for i in result.issues]
    assert result.issues == []
    # 47 children is the numerator, not the percentage.
    assert figures_with_counts(result) == [
        ("PEP_TIMELY", "2024/25 Q2", 94.0, 47.0, None),
        ("PEP_TIMELY", "2024/25 Q3", 96.0, 48.0, None),
    ]
    (sub_headings,) = result.ignored
    assert (sub_headings.row, sub_headings.value) == (2, "n % n %")
    assert "says what each column under a period holds" in sub_headings.reason


def test_n_big_n_and_percent_columns_are_checked_against_each_other_at_their_cells():
    rows = [
        ["Measure", "2024/25 Q3", None, None],  # 1, B1:D1 merged
        [None, "n", "N", "%"],  # 2
        ["PEP_TIMELY", 48, 50, 96],  # 3: 48 / 50 = 96%
        ["LEAVERS_EET", 30, 50, 70],  # 4: 30 / 50 = 60%, not 70%
        ["Cla Count", 60, 50, 100],  # 5: a count: n and N are not checked against it
    ]
    result = check(workbook({"Scorecard": rows}, merged=[("Scorecard", "B1:D1")]))
    assert problems(result) == [
        (4, "D (2024/25 Q3)", "70", Severity.BLOCKING),
    ]
    assert "30 / 50 = 60%" in result.issues[0].message
    assert ("PEP_TIMELY", "2024/25 Q3", 96.0, 48.0, 50.0) in figures_with_counts(result)


def test_a_numerator_above_its_denominator_is_named_at_the_numerator_cell():
    rows = [
        ["Measure", "2024/25 Q3", None, None],
        [None, "n", "N", "%"],
        ["LEAVERS_EET", 60, 50, 60],
    ]
    result = check(workbook({"Scorecard": rows}, merged=[("Scorecard", "B1:D1")]))
    assert problems(result) == [(3, "B (2024/25 Q3 numerator)", "60", Severity.BLOCKING)]
    assert "the numerator (60) is more than the denominator (50)" in result.issues[0].message


def test_sub_headings_under_a_period_that_are_not_understood_are_blocking():
    rows = [
        ["Measure", "2024/25 Q3", None],  # 1, B1:C1 merged
        [None, "n", "rate per 1,000"],  # 2
        ["PEP_TIMELY", 48, 96],  # 3
    ]
    result = check(workbook({"Scorecard": rows}, merged=[("Scorecard", "B1:C1")]))
    assert problems(result) == [(2, "B:C (2024/25 Q3)", "n | rate per 1,000", Severity.BLOCKING)]
    message = result.issues[0].message
    assert "'rate per 1,000' is not a heading this check understands" in message
    assert "keep one value column per period" in message
    assert figures(result) == []


def test_a_fraction_for_a_percentage_in_a_wide_sheet_gets_the_long_layouts_warning():
    wide = check(workbook({"Scorecard": [["Measure", "2024/25 Q3"], ["PEP_TIMELY", 0.96]]}))
    long = check(workbook({"Data": [list(DATA_COLUMNS), ["PEP_TIMELY", "2024/25 Q3", None, 0.96]]}))
    (fraction,) = [i for i in wide.issues if "fraction" in i.message]
    (long_fraction,) = [i for i in long.issues if "fraction" in i.message]
    assert (fraction.row, fraction.column, fraction.value, fraction.severity) == (
        2,
        "B (2024/25 Q3)",
        "0.96",
        Severity.WARNING,
    )
    assert fraction.message == long_fraction.message
    assert fraction.message == (
        "0.96 looks like a fraction; it will be stored as 0.96%. If you meant 96%, type 96"
    )
    assert figures(wide) == [("PEP_TIMELY", "2024/25 Q3", "All", 0.96, None)]


def test_an_age_band_excel_turned_into_a_date_is_read_and_the_bands_below_it_too():
    rows = [
        ["Measure", "2024/25 Q3"],  # 1
        ["CLA_COUNT", 250],  # 2
        ["Under 1", 21],  # 3
        [dt.datetime(2025, 4, 1), 40],  # 4: "1-4" as Excel turned it into 1 April
        ["5-9", 60],  # 5
        ["10-15", 90],  # 6
    ]
    result = check(workbook({"Scorecard": rows}))
    assert [(o.breakdown, o.value) for o in result.submission.observations] == [
        ("All", 250.0),
        ("Under 1", 21.0),
        ("1-4", 40.0),
        ("5-9", 60.0),
        ("10-15", 90.0),
    ]
    assert problems(result) == [(4, "A", "01/04/2025", Severity.WARNING)]
    assert "Excel turned the age band 1-4 into a date; it was read as 1-4" in (
        result.issues[0].message
    )


def test_a_misspelt_breakdown_is_not_read_but_the_breakdowns_after_it_are():
    rows = [
        ["Measure", "2024/25 Q3"],  # 1
        ["CLA_COUNT", 250],  # 2
        ["Unde 1", 21],  # 3
        ["1-4", 40],  # 4
        ["5-9", 60],  # 5
    ]
    result = check(workbook({"Scorecard": rows}))
    assert [(o.breakdown, o.value) for o in result.submission.observations] == [
        ("All", 250.0),
        ("1-4", 40.0),
        ("5-9", 60.0),
    ]
    assert problems(result) == [(3, "A", "Unde 1", Severity.WARNING)]
    message = result.issues[0].message
    assert "'Unde 1' is neither a measure in the catalogue nor a breakdown of CLA_COUNT" in message
    assert "did you mean Under 1?" in message


def test_breakdown_rows_under_a_misspelt_measure_are_not_given_to_the_measure_above():
    rows = [
        ["Measure", "2024/25 Q3"],  # 1
        ["CLA_COUNT", 250],  # 2
        ["Cla Cont", 251],  # 3: not close to any of CLA_COUNT's breakdowns
        ["Under 1", 21],  # 4
    ]
    result = check(workbook({"Scorecard": rows}))
    assert figures(result) == [("CLA_COUNT", "2024/25 Q3", "All", 250.0, None)]
    assert problems(result) == [
        (3, "A", "Cla Cont", Severity.WARNING),
        (4, "A", "Under 1", Severity.WARNING),
    ]


def test_a_measure_id_column_beside_bare_quarters_under_a_year_row_is_a_wide_sheet():
    rows = [
        ["Testshire Corporate Parenting Scorecard"],  # 1
        [None, None, "2023/24", None, "2024/25", None],  # 2, C2:D2 and E2:F2 merged
        ["Measure ID", "Measure", "Q3", "Q4", "Q1", "Q2"],  # 3
        ["CLA_COUNT", "Cla Count", 220, 230, 240, 245],  # 4
    ]
    content = workbook({"Scorecard": rows}, merged=[("Scorecard", "C2:D2"), ("Scorecard", "E2:F2")])
    result = check(content)
    assert result.is_valid, [str(i) for i in result.issues]
    assert figures(result) == [
        ("CLA_COUNT", "2023/24 Q3", "All", 220.0, None),
        ("CLA_COUNT", "2023/24 Q4", "All", 230.0, None),
        ("CLA_COUNT", "2024/25 Q1", "All", 240.0, None),
        ("CLA_COUNT", "2024/25 Q2", "All", 245.0, None),
    ]
    assert ignored(result) == [("Scorecard", 1, None), ("Scorecard", 2, None)]
    assert "years of the quarter columns" in result.ignored[1].reason


def test_a_misspelt_name_beside_a_target_and_a_rag_still_gets_a_did_you_mean():
    # Row 9 of the officers' sheet with "Pep Timley": its label joins B, F and G ("Pep
    # Timley 95 Green"), close to no name; the name cell alone is close to "Pep Timely".
    rows = [list(r) for r in OFFICERS_SHEET]
    rows[8] = [None, "Pep Timley", 0.9, "95%", 96, 95, "Green"]
    result = check(workbook({"Scorecard": rows}))
    (issue,) = result.issues
    assert (issue.row, issue.column, issue.severity) == (9, "B", Severity.WARNING)
    assert "did you mean PEP_TIMELY (Pep Timely)?" in issue.message


def test_a_comments_column_is_the_note_of_the_rows_latest_figure():
    rows = [
        ["Measure", "2024/25 Q2", "2024/25 Q3", "Target", "Comments"],
        ["CLA_COUNT", 245, 250, None, "Two sibling groups came into care"],
        ["Pep Timely", 95, 96, 95, None],
    ]
    result = check(workbook({"Scorecard": rows}))
    assert result.is_valid and result.issues == []
    notes = {(o.measure_id, o.period.label): o.note for o in result.submission.observations}
    assert notes == {
        ("CLA_COUNT", "2024/25 Q2"): None,
        ("CLA_COUNT", "2024/25 Q3"): "Two sibling groups came into care",
        ("PEP_TIMELY", "2024/25 Q2"): None,
        ("PEP_TIMELY", "2024/25 Q3"): None,
    }
    # Read, so not listed as a column that was not read (only Target is).
    assert ignored(result) == [("Scorecard", None, "D")]


def test_two_columns_of_notes_are_neither_read_and_both_are_listed():
    rows = [
        ["Measure", "2024/25 Q3", "Notes", "Comments"],
        ["CLA_COUNT", 250, "from Mosaic", "Two sibling groups"],
    ]
    result = check(workbook({"Scorecard": rows}))
    assert [o.note for o in result.submission.observations] == [None]
    assert ignored(result) == [("Scorecard", None, "C"), ("Scorecard", None, "D")]
