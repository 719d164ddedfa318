"""Validating an upload: every problem at once, each with the Excel row, the column, the
value found and what to do. Expected values are worked out by hand in the comments."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from scorecard.catalogue import parse_catalogue
from scorecard.periods import Period
from scorecard.records import ActionStatus, CommentaryKind
from scorecard.symbols import Symbol
from scorecard.upload import Severity, read_upload, validate
from scorecard.upload.issues import ACTIONS_COLUMNS, COMMENTARY_COLUMNS, DATA_COLUMNS

# Q3 2024/25 (October to December 2024) has ended; Q4 (to 31 March 2025) has not.
TODAY = dt.date(2025, 2, 1)
Q3 = Period.quarter_of(2024, 3)


def _measure(id_, priority, unit, polarity, **extra):
    return {
        "id": id_,
        "name": id_.replace("_", " ").title(),
        "priority": priority,
        "unit": unit,
        "polarity": polarity,
        "definition": "A fake measure for tests.",
        "why_it_matters": "Tests.",
        "source": "Tests",
        **extra,
    }


CATALOGUE = parse_catalogue(
    {
        "authority": {"name": "Testshire", "demonstration": True},
        "priorities": [
            {"number": n, "short_title": f"P{n}", "title": f"P{n}", "plain_title": f"P{n}"}
            for n in (1, 2)
        ],
        "measures": [
            _measure(
                "CLA_COUNT", 1, "count", "none", breakdowns=["Under 1", "1-4", "5-9", "10-15"]
            ),
            _measure(
                "PEP_TIMELY", 2, "percent", "higher_is_better", decimals=1, target=95, tolerance=5
            ),
            _measure(
                "LEAVERS_EET",
                2,
                "percent",
                "higher_is_better",
                target=60,
                tolerance=5,
                breakdowns=["17-18", "19-21"],
            ),
            _measure("MISSING_RATE", 1, "rate_per_10k", "lower_is_better"),
            _measure(
                "ATTAINMENT8",
                2,
                "score",
                "higher_is_better",
                decimals=1,
                target=30,
                tolerance=2,
                frequency="annual",
                year_type="academic",
            ),
            _measure("SPEND", 1, "currency", "none", frequency="annual"),
        ],
    },
    "test catalogue",
)


def upload(
    data=(),
    *,
    commentary=None,
    actions=None,
    percent=(),
    header=DATA_COLUMNS,
    catalogue=CATALOGUE,
    **kw,
):
    """Validate a workbook built from rows. ``percent`` lists Data cells formatted as 0%."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(list(header))
    for row in data:
        sheet.append(list(row))
    for coordinate in percent:
        sheet[coordinate].number_format = "0%"
    for title, columns, rows in (
        ("Commentary", COMMENTARY_COLUMNS, commentary),
        ("Actions", ACTIONS_COLUMNS, actions),
    ):
        if rows is not None:
            extra = book.create_sheet(title)
            extra.append(list(columns))
            for row in rows:
                extra.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return validate(read_upload("q3.xlsx", out.getvalue()), catalogue, today=TODAY, **kw)


def only_issue(validation):
    assert len(validation.issues) == 1, [str(i) for i in validation.issues]
    return validation.issues[0]


def values(validation):
    return [(o.measure_id, o.breakdown, o.value) for o in validation.submission.observations]


# -- a good upload -----------------------------------------------------------------------------
def test_good_rows_become_observations():
    result = upload(
        [
            ["CLA_COUNT", "2024/25 Q3", None, 250, None, None, None],
            ["PEP_TIMELY", "Q3 24/25", "All", 96.2, 25, 26, "Two moved school"],
        ]
    )
    assert result.is_valid
    assert result.issues == []
    first, second = result.submission.observations
    assert (first.measure_id, first.period, first.breakdown, first.value) == (
        "CLA_COUNT",
        Q3,
        "All",
        250.0,
    )
    # 25 / 26 = 96.15...%, shown to one decimal as 96.2.
    assert (second.numerator, second.denominator, second.note) == (25, 26, "Two moved school")


def test_data_columns_can_be_in_another_order_and_case():
    result = upload([[250, "2024/25 Q3", "CLA_COUNT"]], header=["Value", "Period", "Measure ID"])
    assert result.is_valid
    assert values(result) == [("CLA_COUNT", "All", 250.0)]


def test_measure_may_be_given_in_lower_case_or_by_its_exact_name():
    result = upload(
        [["cla_count", "2024/25 Q3", None, 250], ["Pep Timely", "2024/25 Q3", None, 96]]
    )
    assert values(result) == [("CLA_COUNT", "All", 250.0), ("PEP_TIMELY", "All", 96.0)]


# -- where a problem is reported ------------------------------------------------------------
def test_officer_sees_row_number_of_bad_quarter():
    result = upload(
        [
            ["CLA_COUNT", "2024/25 Q3", None, 250],
            ["PEP_TIMELY", "2024/25 Q3", None, 96],
            ["PEP_TIMELY", "Q5 2016/17", None, 96],
        ]
    )
    issue = only_issue(result)
    assert (issue.sheet, issue.row, issue.column, issue.value) == (
        "Data",
        4,
        "period",
        "Q5 2016/17",
    )
    assert "'Q5 2016/17' is not a quarter; use e.g. 2016/17 Q3" in issue.message
    assert issue.severity is Severity.BLOCKING
    assert not result.is_valid
    assert str(issue).startswith("Data sheet, row 4, column period: ")


def test_every_problem_is_reported_at_once_in_row_order():
    result = upload(
        [
            ["NOPE", "2024/25 Q3", None, 1],
            ["CLA_COUNT", "2024/25 Q3", None, 250],
            ["CLA_COUNT", "next year", "Teens", "lots"],
        ]
    )
    found = [(i.row, i.column) for i in result.issues]
    assert found == [(2, "measure_id"), (4, "period"), (4, "breakdown"), (4, "value")]
    # The good row is still read, for the preview; nothing is committed while any blocks.
    assert values(result) == [("CLA_COUNT", "All", 250.0)]
    assert not result.is_valid


def test_row_numbers_stay_right_after_blank_rows():
    result = upload([["CLA_COUNT", "2024/25 Q3", None, 250], [], [], ["CLA_COUNT", "Q9", None, 1]])
    assert only_issue(result).row == 5


# -- sheets and columns ------------------------------------------------------------------------
def test_missing_data_sheet_is_blocking_and_names_the_sheets_found():
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.active.append(["Notes for the panel"])
    out = io.BytesIO()
    book.save(out)
    result = validate(read_upload("q3.xlsx", out.getvalue()), CATALOGUE, today=TODAY)
    issue = only_issue(result)
    assert (issue.sheet, issue.row, issue.column) == ("Data", None, None)
    assert "no sheet called 'Data'" in issue.message
    assert "'Sheet1'" in issue.message


def test_missing_column_lists_the_columns_found():
    result = upload([["CLA_COUNT", 250]], header=["measure_id", "amount"])
    blocking = result.blocking
    assert [i.column for i in blocking] == ["period", "value"]
    assert "its columns are 'measure_id', 'amount'" in blocking[0].message
    assert "measure_id | period | breakdown | value" in blocking[0].message


def test_unknown_columns_and_sheets_are_reported_as_ignored():
    result = upload(
        [["CLA_COUNT", "2024/25 Q3", None, 250, None, None, None, "England: 80"]],
        header=[*DATA_COLUMNS, "England"],
    )
    assert result.is_valid
    (england,) = [i for i in result.ignored if i.column == "H"]
    assert (england.sheet, england.row, england.value) == ("Data", None, "England")
    assert "not one of the columns" in england.reason


def test_column_given_twice_is_blocking():
    result = upload(
        [["CLA_COUNT", "2024/25 Q3", 1, 2]], header=["measure_id", "period", "value", "value"]
    )
    issue = only_issue(result)
    assert (issue.row, issue.column) == (1, "value")
    assert "columns C and D" in issue.message


def test_upload_with_nothing_in_it_is_blocking():
    result = upload([["CLA_COUNT", "2024/25 Q3", None, None]])
    assert "has no figures, commentary or actions" in only_issue(result).message


# -- measures, periods, breakdowns -------------------------------------------------------------
def test_unknown_measure_suggests_the_close_match():
    issue = only_issue(upload([["PEP_TIMLY", "2024/25 Q3", None, 96]]))
    assert issue.column == "measure_id"
    assert issue.value == "PEP_TIMLY"
    assert "did you mean PEP_TIMELY (Pep Timely)?" in issue.message


def test_unknown_measure_with_nothing_close_points_to_the_measures_sheet():
    issue = only_issue(upload([["ZZZ_NOTHING_LIKE_IT", "2024/25 Q3", None, 96]]))
    assert issue.message == (
        "'ZZZ_NOTHING_LIKE_IT' is not a measure in the catalogue; the Measures sheet lists every id"
    )


def test_blank_measure_id_with_a_value_is_blocking():
    issue = only_issue(upload([[None, "2024/25 Q3", None, 96]]))
    assert "measure_id is blank" in issue.message


def test_quarter_that_has_not_ended_is_in_the_future():
    issue = only_issue(upload([["CLA_COUNT", "2024/25 Q4", None, 250]]))
    assert issue.column == "period"
    assert "2024/25 Q4 has not ended yet (it ends on 31 March 2025)" in issue.message


def test_quarter_is_still_in_the_future_on_its_last_day():
    book_rows = [["CLA_COUNT", "2024/25 Q3", None, 250]]
    result = _upload_on(dt.date(2024, 12, 31), book_rows)
    assert "has not ended yet" in only_issue(result).message
    assert _upload_on(dt.date(2025, 1, 1), book_rows).is_valid


def _upload_on(today, rows):
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(list(DATA_COLUMNS))
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return validate(read_upload("q3.xlsx", out.getvalue()), CATALOGUE, today=today)


def test_a_date_in_the_period_column_means_the_quarter_containing_it():
    result = upload([["CLA_COUNT", dt.datetime(2024, 11, 15), None, 250]])
    assert result.submission.observations[0].period == Q3


def test_duplicate_row_names_both_rows():
    # "Q3 24/25" and "2024/25 Q3" are the same quarter.
    result = upload(
        [
            ["CLA_COUNT", "2024/25 Q3", None, 250],
            ["PEP_TIMELY", "2024/25 Q3", None, 96],
            ["CLA_COUNT", "Q3 24/25", "All", 251],
        ]
    )
    issue = only_issue(result)
    assert issue.row == 4
    assert "rows 2 and 4 are both CLA_COUNT, 2024/25 Q3, All" in issue.message


def test_same_measure_and_quarter_for_different_breakdowns_is_not_a_duplicate():
    result = upload(
        [["CLA_COUNT", "2024/25 Q3", None, 250], ["CLA_COUNT", "2024/25 Q3", "1-4", 30]]
    )
    assert result.is_valid


def test_blank_breakdown_means_all():
    assert values(upload([["CLA_COUNT", "2024/25 Q3", None, 250]])) == [("CLA_COUNT", "All", 250.0)]


def test_breakdown_is_matched_whatever_its_case():
    result = upload([["CLA_COUNT", "2024/25 Q3", "under 1", 12]])
    assert values(result) == [("CLA_COUNT", "Under 1", 12.0)]


def test_breakdown_not_defined_for_the_measure_is_blocking():
    issue = only_issue(upload([["CLA_COUNT", "2024/25 Q3", "17-18", 12]]))
    assert issue.column == "breakdown"
    assert "'17-18' is not a breakdown of CLA_COUNT; use one of All, Under 1, 1-4" in issue.message


def test_breakdown_on_a_measure_without_breakdowns_is_blocking():
    issue = only_issue(upload([["PEP_TIMELY", "2024/25 Q3", "Under 1", 96]]))
    assert "PEP_TIMELY has no breakdowns, so leave it blank" in issue.message


def test_age_band_that_excel_turned_into_a_date_is_read_back_with_a_warning():
    # Typing 1-4 into a General cell in UK Excel stores 1 April.
    result = upload([["CLA_COUNT", "2024/25 Q3", dt.datetime(2024, 4, 1), 30]])
    assert values(result) == [("CLA_COUNT", "1-4", 30.0)]
    issue = only_issue(result)
    assert issue.severity is Severity.WARNING
    assert "Format the breakdown column as Text" in issue.message


def test_quarterly_measure_given_a_year_is_blocking():
    issue = only_issue(upload([["CLA_COUNT", "2023/24", None, 250]]))
    assert "CLA_COUNT is reported each quarter" in issue.message


def test_annual_measure_given_a_quarter_is_blocking():
    issue = only_issue(upload([["SPEND", "2024/25 Q3", None, 1000]]))
    assert "SPEND is reported once a year, for a financial year" in issue.message
    assert "2024/25" in issue.message


def test_academic_year_measure_given_a_financial_year_is_blocking():
    issue = only_issue(upload([["ATTAINMENT8", "2023/24", None, 31]]))
    assert "a year such as 2023/24 AY" in issue.message


def test_annual_measure_given_its_year_is_accepted():
    # Academic year 2023/24 ended on 31 August 2024.
    result = upload([["ATTAINMENT8", "2023/24 AY", None, 31.5]])
    assert result.is_valid
    assert result.submission.observations[0].period == Period.academic_year(2023)


# -- values ------------------------------------------------------------------------------------
def test_percent_given_as_45_or_45_percent_or_percent_formatted_cell_is_45():
    result = upload(
        [
            ["LEAVERS_EET", "2024/25 Q3", None, 45],
            ["LEAVERS_EET", "2024/25 Q3", "17-18", "45%"],
            ["LEAVERS_EET", "2024/25 Q3", "19-21", 0.45],
        ],
        percent=["D4"],
    )
    assert values(result) == [
        ("LEAVERS_EET", "All", 45.0),
        ("LEAVERS_EET", "17-18", 45.0),
        ("LEAVERS_EET", "19-21", 45.0),
    ]
    assert result.is_valid


def test_percent_formatted_cell_is_stored_as_percent():
    # 0.956 shown as 96% (or 95.6% with a decimal) is stored as 95.6, not 0.956.
    result = upload([["PEP_TIMELY", "2024/25 Q3", None, 0.956]], percent=["D2"])
    assert values(result) == [("PEP_TIMELY", "All", 95.6)]


def test_fraction_typed_for_a_percentage_is_a_warning():
    # 0.96% would also be Red; the commentary explains it, so only the fraction is flagged.
    result = upload(
        [["PEP_TIMELY", "2024/25 Q3", None, 0.96]],
        commentary=[["2024/25 Q3", 2, "concern", "", "PEPs are late."]],
    )
    issue = only_issue(result)
    assert issue.severity is Severity.WARNING
    assert "If you meant 96%, type 96" in issue.message
    assert result.is_valid


def test_text_where_a_number_belongs_is_blocking():
    issue = only_issue(upload([["CLA_COUNT", "2024/25 Q3", None, "about 250"]]))
    assert (issue.column, issue.value) == ("value", "about 250")
    assert "is text where a number belongs" in issue.message
    assert "c (suppressed)" in issue.message


def test_number_with_thousands_separator_is_a_number():
    assert values(upload([["CLA_COUNT", "2024/25 Q3", None, "1,250"]])) == [
        ("CLA_COUNT", "All", 1250.0)
    ]


@pytest.mark.parametrize(
    ("typed", "symbol"),
    [("c", Symbol.SUPPRESSED), ("X", Symbol.NOT_AVAILABLE), ("low", Symbol.ROUNDS_TO_ZERO)],
)
def test_symbol_becomes_a_status_never_a_number(typed, symbol):
    result = upload([["PEP_TIMELY", "2024/25 Q3", None, typed]])
    (observation,) = result.submission.observations
    assert (observation.value, observation.symbol) == (None, symbol)
    assert result.is_valid


def test_dash_means_no_value_on_purpose():
    result = upload([["PEP_TIMELY", "2024/25 Q3", None, "-"]])
    (observation,) = result.submission.observations
    assert (observation.value, observation.symbol) == (None, None)


def test_pre_filled_row_left_empty_is_skipped_without_error():
    result = upload([["CLA_COUNT", "2024/25 Q3", "All"], ["PEP_TIMELY", "2024/25 Q3", None, 96]])
    assert result.is_valid
    assert values(result) == [("PEP_TIMELY", "All", 96.0)]


def test_blank_value_with_a_note_is_kept_without_a_value():
    result = upload([["PEP_TIMELY", "2024/25 Q3", None, None, None, None, "System down"]])
    (observation,) = result.submission.observations
    assert (observation.value, observation.symbol, observation.note) == (None, None, "System down")


def test_percentage_above_100_is_blocking():
    issue = only_issue(upload([["PEP_TIMELY", "2024/25 Q3", None, 105]]))
    assert "105 is not a percentage between 0 and 100" in issue.message


def test_percent_formatted_cell_over_100_percent_quotes_what_the_officer_sees():
    issue = only_issue(upload([["PEP_TIMELY", "2024/25 Q3", None, 45]], percent=["D2"]))
    assert issue.value == "4500%"


def test_negative_count_is_blocking():
    issue = only_issue(upload([["CLA_COUNT", "2024/25 Q3", None, -3]]))
    assert "CLA_COUNT is a count and cannot be negative" in issue.message


def test_negative_numerator_is_blocking():
    issue = only_issue(upload([["PEP_TIMELY", "2024/25 Q3", None, None, -1, 20]]))
    assert issue.column == "numerator"
    assert "cannot be negative" in issue.message


def test_percent_sign_on_a_count_is_blocking():
    issue = only_issue(upload([["CLA_COUNT", "2024/25 Q3", None, "45%"]]))
    assert "CLA_COUNT is a count, not a percentage" in issue.message


def test_numerator_above_denominator_is_blocking():
    issue = only_issue(upload([["PEP_TIMELY", "2024/25 Q3", None, 96, 30, 20]]))
    assert issue.column == "numerator"
    assert "the numerator (30) is more than the denominator (20)" in issue.message


def test_value_that_disagrees_with_numerator_and_denominator_is_blocking():
    # 23 / 41 = 56.097...%, shown to one decimal as 56.1; 56 is 0.1 away, more than 0.05.
    issue = only_issue(upload([["PEP_TIMELY", "2024/25 Q3", None, 56, 23, 41]]))
    assert issue.column == "value"
    assert "23 / 41 = 56.1%" in issue.message


@pytest.mark.parametrize("value", [56.1, 56.097, 56.14])
def test_value_within_rounding_of_numerator_and_denominator_is_accepted(value):
    # Within half a unit of the last decimal (0.05) of 56.1.
    assert upload([["PEP_TIMELY", "2024/25 Q3", None, value, 23, 41]]).is_valid


def test_rate_per_10k_is_checked_against_numerator_and_denominator():
    # 12 / 40,000 children x 10,000 = 3 per 10,000.
    assert upload([["MISSING_RATE", "2024/25 Q3", None, 3, 12, 40000]]).is_valid
    issue = only_issue(upload([["MISSING_RATE", "2024/25 Q3", None, 30, 12, 40000]]))
    assert "12 / 40000 = 3 per 10,000" in issue.message


def test_blank_value_with_numerator_and_denominator_is_a_warning():
    result = upload([["PEP_TIMELY", "2024/25 Q3", None, None, 23, 41]])
    issue = only_issue(result)
    assert issue.severity is Severity.WARNING
    assert "(23 / 41 = 56.1%); type the value" in issue.message
    assert result.submission.observations[0].value is None


def test_zero_denominator_with_a_value_is_blocking():
    issue = only_issue(upload([["PEP_TIMELY", "2024/25 Q3", None, 0, 0, 0]]))
    assert "the denominator is 0" in issue.message


def test_free_text_is_kept_as_plain_text():
    note = "<script>alert('x')</script> & more"
    result = upload([["PEP_TIMELY", "2024/25 Q3", None, 96, None, None, note]])
    assert result.submission.observations[0].note == note


# -- commentary and actions --------------------------------------------------------------------
GOOD_DATA = [["PEP_TIMELY", "2024/25 Q3", None, 96]]


def test_commentary_is_read():
    result = upload(
        GOOD_DATA,
        commentary=[["2024/25 Q3", 2, "You said, we did", "Tutoring", "You asked for tutors."]],
    )
    assert result.is_valid
    (item,) = result.submission.commentary
    assert (item.period, item.priority, item.kind, item.title, item.text) == (
        Q3,
        2,
        CommentaryKind.YOU_SAID_WE_DID,
        "Tutoring",
        "You asked for tutors.",
    )


def test_every_commentary_problem_is_reported():
    result = upload(
        GOOD_DATA,
        commentary=[
            ["2024/25 Q3", 7, "narrative", "", "Text"],
            ["2024/25 Q3", 1, "gossip", "", "Text"],
            ["2024/25 Q3", 1, "narrative", "Title only", None],
            ["Q5 2024/25", 1, "narrative", "", "Text"],
        ],
    )
    found = [(i.sheet, i.row, i.column) for i in result.issues]
    assert found == [
        ("Commentary", 2, "priority"),
        ("Commentary", 3, "kind"),
        ("Commentary", 4, "text"),
        ("Commentary", 5, "period"),
    ]
    assert "there is no priority 7; use one of 1, 2" in result.issues[0].message
    assert "use one of narrative, you said we did" in result.issues[1].message


def test_actions_are_reported_for_the_latest_quarter_of_the_data_sheet():
    result = upload(
        [["PEP_TIMELY", "2024/25 Q2", None, 96], ["PEP_TIMELY", "2024/25 Q3", None, 96]],
        actions=[
            [2, "Recruit tutors", "Head of virtual school", "31/03/2025", "On Track", "3 of 5"]
        ],
    )
    assert result.is_valid
    (item,) = result.submission.actions
    assert (item.period, item.priority, item.status, item.due) == (
        Q3,
        2,
        ActionStatus.ON_TRACK,
        dt.date(2025, 3, 31),
    )
    assert (item.action, item.owner, item.update) == (
        "Recruit tutors",
        "Head of virtual school",
        "3 of 5",
    )


def test_actions_take_the_period_passed_in():
    q2 = Period.quarter_of(2024, 2)
    result = upload(GOOD_DATA, actions=[[2, "Recruit", "", None, "complete", ""]], period=q2)
    assert result.submission.actions[0].period == q2


def test_due_date_typed_as_a_date_cell_is_read():
    result = upload(
        GOOD_DATA, actions=[[2, "Recruit", "", dt.datetime(2025, 6, 30), "at risk", ""]]
    )
    assert result.submission.actions[0].due == dt.date(2025, 6, 30)


def test_every_action_problem_is_reported():
    result = upload(
        GOOD_DATA,
        actions=[
            [9, "Recruit", "", None, "on track", ""],
            [2, "Recruit", "", None, "nearly", ""],
            [2, "Recruit", "", "soon", "on track", ""],
            [2, None, "", None, "on track", ""],
        ],
    )
    found = [(i.sheet, i.row, i.column) for i in result.issues]
    assert found == [
        ("Actions", 2, "priority"),
        ("Actions", 3, "status"),
        ("Actions", 4, "due"),
        ("Actions", 5, "action"),
    ]
    assert "use one of on track, at risk, off track, complete" in result.issues[1].message
    assert "'soon' is not a date; use e.g. 31/03/2025" in result.issues[2].message


def test_actions_without_any_quarter_to_belong_to_are_blocking():
    result = upload(
        [["SPEND", "2023/24", None, 1000]], actions=[[1, "Act", "", None, "complete", ""]]
    )
    issue = only_issue(result)
    assert (issue.sheet, issue.row) == ("Actions", None)
    assert "the Data sheet has no quarter" in issue.message


# -- Red measures need an explanation -----------------------------------------------------------
def test_red_measure_without_commentary_is_a_warning():
    # 80 against a target of 95 with tolerance 5: 15 short, beyond the tolerance, so Red.
    result = upload([["PEP_TIMELY", "2024/25 Q3", None, 80]])
    issue = only_issue(result)
    assert (issue.row, issue.severity) == (2, Severity.WARNING)
    assert "PEP_TIMELY is Red (80 against a target of 95)" in issue.message
    assert "priority 2 and 2024/25 Q3" in issue.message
    assert result.is_valid


def test_red_measure_with_commentary_for_its_priority_and_period_is_not_flagged():
    result = upload(
        [["PEP_TIMELY", "2024/25 Q3", None, 80]],
        commentary=[["2024/25 Q3", 2, "concern", "PEPs late", "Staff shortages."]],
    )
    assert result.issues == []


def test_commentary_for_another_priority_does_not_explain_a_red_measure():
    result = upload(
        [["PEP_TIMELY", "2024/25 Q3", None, 80]],
        commentary=[["2024/25 Q3", 1, "concern", "", "Something else."]],
    )
    assert "is Red" in only_issue(result).message


def test_commentary_for_the_uploads_quarter_explains_its_prioritys_red_of_an_earlier_one():
    # Q2's 80 is Red (see above); Q3's 96 is not. The upload reports Q3, whose commentary for
    # priority 2 explains Q2's correction too; priority 1's would not.
    figures = [["PEP_TIMELY", "2024/25 Q2", None, 80], ["PEP_TIMELY", "2024/25 Q3", None, 96]]
    explained = upload(figures, commentary=[["2024/25 Q3", 2, "concern", "PEPs", "Q2 corrected."]])
    assert explained.issues == []
    other = upload(figures, commentary=[["2024/25 Q3", 1, "concern", "", "Something else."]])
    issue = only_issue(other)
    assert (issue.row, issue.severity) == (2, Severity.WARNING)
    assert "priority 2 and 2024/25 Q2" in issue.message


def test_amber_measure_needs_no_commentary():
    # 91 is 4 short of 95, within the tolerance of 5: Amber.
    assert upload([["PEP_TIMELY", "2024/25 Q3", None, 91]]).issues == []


def test_curly_quotation_marks_word_substitutes_match_the_catalogues_straight_ones():
    catalogue = parse_catalogue(
        {
            "authority": {"name": "Testshire", "demonstration": True},
            "priorities": [{"number": 1, "short_title": "P", "title": "P", "plain_title": "P"}],
            "measures": [
                _measure(
                    "PLACED",
                    1,
                    "count",
                    "none",
                    name="Children's placements",
                    breakdowns=["Children's homes", "Foster care"],
                )
            ],
        },
        "test catalogue",
    )
    result = upload(
        [["Children’s placements", "2024/25 Q3", "Children’s homes", 88]],
        catalogue=catalogue,
    )
    assert result.issues == []
    assert values(result) == [("PLACED", "Children's homes", 88.0)]


def test_a_figure_left_as_an_excel_error_blocks_the_upload_and_says_what_to_do():
    result = upload([["CLA_COUNT", "2024/25 Q3", None, "#N/A"]])
    problem = only_issue(result)
    assert (problem.row, problem.column, problem.value) == (2, "value", "#N/A")
    assert problem.message == "'#N/A' is an Excel error; correct the formula or type the figure"
    assert not result.is_valid


# -- CSV -----------------------------------------------------------------------------------------
def test_a_note_keeps_no_invisible_control_characters_however_the_row_is_checked():
    # A vertical tab from a pasted note, which a workbook stores as _x000B_: invisible, and a
    # spreadsheet library refuses to write it, so a stored one would break every export.
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(list(DATA_COLUMNS))
    book.active.append(["CLA_COUNT", "2024/25 Q3", None, 12, None, None, "upXXsince June"])
    written = io.BytesIO()
    book.save(written)
    patched = io.BytesIO()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(patched, "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name).replace(b"upXXsince", b"up_x000B_since"))
    result = validate(read_upload("q3.xlsx", patched.getvalue()), CATALOGUE, today=TODAY)
    assert [o.note for o in result.submission.observations] == ["upsince June"]


def test_csv_upload_with_bom_and_semicolons_is_validated():
    content = "\ufeffmeasure_id;period;breakdown;value\nPEP_TIMELY;Q3 2024/25;;45%\n"
    result = validate(read_upload("q3.csv", content.encode()), CATALOGUE, today=TODAY)
    assert values(result) == [("PEP_TIMELY", "All", 45.0)]


# -- the quick path accepts exactly what the full rules accept ----------------------------------
def test_quick_path_and_full_rules_give_the_same_result(monkeypatch):
    import random

    chooser = random.Random(20250201)
    quarters = [f"{y}/{(y + 1) % 100:02d} Q{q}" for y in range(2016, 2024) for q in (1, 2, 3, 4)]
    measures = ["CLA_COUNT"] * 3 + ["PEP_TIMELY"] * 3 + ["LEAVERS_EET", "MISSING_RATE", "NOPE"]
    periods = quarters * 2 + ["Q3 24/25", "2023/24", "2024/25 Q4", "Q5 2024/25"]
    breakdowns = [None] * 6 + ["All", "Under 1", "17-18", "Teens"]
    values = [None, 0, 0.5, 96.15, 101, -3, "c", "-", "45%", "lots", 1250, *range(10, 90, 5)]
    counts = [None] * 20 + [0, 12, 25, 26, 40000, -1, "many"]
    notes = [None, None, "A note", "=SUM(A1)"]
    rows = [
        [
            chooser.choice(measures),
            chooser.choice(periods),
            chooser.choice(breakdowns),
            chooser.choice(values),
            chooser.choice(counts),
            chooser.choice(counts),
            chooser.choice(notes),
        ]
        for _ in range(600)
    ]
    _, full = _quick_and_full(monkeypatch, rows)
    assert len(full.submission.observations) > 50  # not all refused


def _quick_and_full(monkeypatch, rows):
    """The upload validated with the quick path, then with the full rules alone; asserts
    both give the same figures and the same problems, and that the quick path was used."""
    from scorecard.upload.data_sheet import ObservationRules

    original = ObservationRules.quick_observations
    taken = []

    def counted(*args, **kwargs):
        found = original(*args, **kwargs)
        taken.extend(o is not None for o in found)
        return found

    monkeypatch.setattr(ObservationRules, "quick_observations", counted)
    quick = upload(rows)
    assert sum(taken) > 20  # the quick path was used
    monkeypatch.setattr(
        ObservationRules,
        "quick_observations",
        lambda self, rows, *_, **__: [None] * len(rows),
    )
    full = upload(rows)
    assert [str(i) for i in quick.issues] == [str(i) for i in full.issues]
    assert quick.submission.observations == full.submission.observations
    return quick, full


def test_quick_path_rounds_n_over_d_half_up_as_the_full_rules_do(monkeypatch):
    # Values beside n / d at and around half a unit (0.05 at one decimal place), where rounding
    # in floating point and in decimals can differ: 1 of 16 is 6.25%, shown 6.3 (half up).
    monkeypatch.setenv("SCORECARD_EARLIEST_YEAR", "1970")  # a quarter for each case
    near = (-0.06, -0.05, -0.04, 0, 0.04, 0.05, 0.06)
    cases = [
        (n, d, round(100 * n / d + shift, 2))
        for d in (8, 16)
        for n in range(d + 1)
        for shift in near
    ]
    quarters = [f"{y}/{(y + 1) % 100:02d} Q{q}" for y in range(1970, 2024) for q in (1, 2, 3, 4)]
    rows = [
        ["PEP_TIMELY", quarter, None, value, n, d]
        for (n, d, value), quarter in zip(cases, quarters, strict=False)
        if 0 <= value <= 100
    ]
    assert len(rows) > 150
    quick, _ = _quick_and_full(monkeypatch, rows)
    stored = {(o.numerator, o.denominator, o.value) for o in quick.submission.observations}
    # Worked by hand: 1 / 16 = 6.25%, shown 6.3 (half up); a value within 0.05 of 6.3 agrees.
    assert {(1.0, 16.0, v) for v in (6.25, 6.29, 6.3, 6.31)} <= stored
    assert not {(1.0, 16.0, v) for v in (6.19, 6.2, 6.21)} & stored
    messages = {i.message for i in quick.issues}
    assert "6.21 does not match the numerator and denominator: 1 / 16 = 6.3%" in " ".join(messages)


def test_the_check_stops_listing_after_many_problems_and_says_where(monkeypatch):
    from scorecard.upload import columns

    monkeypatch.setattr(columns, "MAX_LISTED", 3)
    result = upload([["NOPE", "2024/25 Q3", None, 1]] * 10)
    assert [i.row for i in result.issues] == [2, 3, 4, 5]
    assert "the check stopped here after 3 problems" in result.issues[-1].message
    assert not result.is_valid
