"""Reporting periods: financial-year quarters, financial years and academic years (SPEC §2)."""

import datetime as dt
import random
import re

import pytest

from scorecard.errors import PeriodError
from scorecard.periods import Period, PeriodKind, parse_period, quarters_between

Q3_2016 = Period.quarter_of(2016, 3)  # October to December 2016


# -- accepted forms ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "2016/17 Q3",
        "2016-17 Q3",
        "Q3 2016/17",
        "Q3 16/17",
        "2016/17 q3",
        "  2016/17   Q3 ",
        "Quarter 3 2016/17",
        "Qtr 3 2016-17",
        "Q3 - 2016/17",
        "Q3 – 2016/17",
        "Q3 (2016/17)",
        "2016/17, Q3",
        "2016/17 Q3 (provisional)",
        "Q3 2016/17 (p)",
        # October to December 2016 is the third quarter of the financial year 2016/17.
        "Oct-Dec 2016",
        "Oct–Dec 2016",
        "October to December 2016",
        "oct - dec 2016",
    ],
)
def test_every_way_officers_write_a_quarter_reads_as_that_quarter(written):
    period = parse_period(written)

    assert period.kind is PeriodKind.QUARTER
    assert period.start_year == 2016
    assert period.quarter == 3
    assert period == Q3_2016


def test_january_to_march_is_the_last_quarter_of_the_financial_year_begun_the_april_before():
    assert parse_period("Jan-Mar 2017") == Period.quarter_of(2016, 4)


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("FY 2024/25", PeriodKind.FINANCIAL_YEAR),
        ("2024/25 FY", PeriodKind.FINANCIAL_YEAR),
        ("2024/25 (r)", PeriodKind.FINANCIAL_YEAR),
        ("AY 2024/25", PeriodKind.ACADEMIC_YEAR),
        ("2024/25 AY", PeriodKind.ACADEMIC_YEAR),
    ],
)
def test_a_year_may_say_which_kind_before_or_after_it(written, kind):
    period = parse_period(written)
    assert (period.kind, period.start_year) == (kind, 2024)


def test_a_date_is_read_as_the_quarter_containing_it():
    assert parse_period(dt.date(2016, 11, 5)) == Q3_2016


def test_a_datetime_is_read_as_the_quarter_containing_it():
    assert parse_period(dt.datetime(2016, 12, 31, 23, 59)) == Q3_2016


def test_a_pandas_timestamp_from_a_spreadsheet_is_read_as_its_quarter():
    pd = pytest.importorskip("pandas")

    assert parse_period(pd.Timestamp("2016-10-01")) == Q3_2016


@pytest.mark.parametrize("written", ["2016-10-01", "2016-12-31T00:00:00", "2016-11-05 09:30"])
def test_an_iso_date_string_is_read_as_the_quarter_containing_it(written):
    assert parse_period(written) == Q3_2016


def test_excel_date_serial_42736_is_1_january_2017_so_2016_17_q4():
    # Excel counts days from 30 December 1899: serial 42736 is 1 January 2017.
    assert parse_period(42736) == Period.quarter_of(2016, 4)


def test_excel_date_serial_with_a_time_of_day_is_read_as_its_quarter():
    assert parse_period(42736.75) == Period.quarter_of(2016, 4)


def test_excel_date_serial_written_as_text_is_read_as_its_quarter():
    assert parse_period("42736") == Period.quarter_of(2016, 4)


def test_excel_date_serial_from_a_numpy_integer_is_read_as_its_quarter():
    # A pandas column of whole numbers hands out numpy integers, not Python ints.
    np = pytest.importorskip("numpy")

    assert parse_period(np.int64(42736)) == Period.quarter_of(2016, 4)


def test_a_year_alone_is_the_financial_year():
    period = parse_period("2024/25")

    assert period.kind is PeriodKind.FINANCIAL_YEAR
    assert period.start_year == 2024
    assert period.end == dt.date(2025, 3, 31)


def test_ay_marks_an_academic_year():
    period = parse_period("2024/25 AY")

    assert period.kind is PeriodKind.ACADEMIC_YEAR
    assert period.start_year == 2024
    assert period.end == dt.date(2025, 8, 31)


def test_a_period_passed_in_is_returned_unchanged():
    assert parse_period(Q3_2016) is Q3_2016


# -- labels -----------------------------------------------------------------------------


def test_quarter_label_is_year_then_quarter():
    assert parse_period("Q3 16/17").label == "2016/17 Q3"
    assert str(parse_period("Q3 16/17")) == "2016/17 Q3"


def test_financial_year_label_has_no_suffix():
    assert parse_period("2024-25").label == "2024/25"


def test_academic_year_label_ends_in_ay():
    assert parse_period("2024/25 ay").label == "2024/25 AY"


def test_label_across_the_century_keeps_two_digits():
    assert Period.quarter_of(2099, 1).label == "2099/00 Q1"
    assert Period.financial_year(2009).label == "2009/10"


def test_quarter_long_label_names_the_months_and_calendar_year():
    assert Q3_2016.long_label == "2016/17 Q3 (October to December 2016)"
    assert Period.quarter_of(2016, 4).long_label == "2016/17 Q4 (January to March 2017)"


def test_everyday_label_is_as_a_reader_outside_the_council_says_it():
    assert Period.quarter_of(2016, 4).everyday_label == "January to March 2017"
    assert Period.academic_year(2024).everyday_label == "academic year 2024/25"
    assert Period.financial_year(2025).everyday_label == "year to 31 March 2026"


def test_financial_year_long_label_says_when_it_ends():
    assert (
        Period.financial_year(2024).long_label
        == "financial year 2024/25 (year ending 31 March 2025)"
    )


def test_academic_year_long_label():
    assert Period.academic_year(2024).long_label == "academic year 2024/25"


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
def test_labels_never_look_like_pandas_period_strings(quarter):
    # pandas prints 2025/26 Q1 as "2026Q1" for a Q-MAR period.
    period = Period.quarter_of(2025, quarter)

    assert period.label == f"2025/26 Q{quarter}"
    for text in (period.label, period.long_label, str(period)):
        assert not re.search(r"\d{4}Q\d", text)


# -- arithmetic -------------------------------------------------------------------------


def test_previous_of_q1_is_q4_of_the_year_before():
    assert parse_period("2017/18 Q1").previous() == parse_period("2016/17 Q4")


def test_previous_within_a_year_is_the_quarter_before():
    assert Q3_2016.previous() == parse_period("2016/17 Q2")


def test_next_of_q4_is_q1_of_the_next_year():
    assert parse_period("2016/17 Q4").next() == parse_period("2017/18 Q1")


def test_next_within_a_year_is_the_quarter_after():
    assert Q3_2016.next() == parse_period("2016/17 Q4")


def test_same_quarter_last_year():
    assert parse_period("2017/18 Q1").same_period_last_year() == parse_period("2016/17 Q1")


def test_previous_financial_year_is_the_year_before():
    assert parse_period("2024/25").previous() == parse_period("2023/24")
    assert parse_period("2024/25").next() == parse_period("2025/26")


def test_previous_academic_year_is_the_academic_year_before():
    assert parse_period("2024/25 AY").previous() == parse_period("2023/24 AY")


def test_a_quarter_follows_the_quarter_just_before_it_across_a_year_boundary():
    assert parse_period("2017/18 Q1").follows(parse_period("2016/17 Q4"))


def test_a_quarter_does_not_follow_one_two_quarters_earlier():
    assert not Q3_2016.follows(parse_period("2016/17 Q1"))


def test_a_quarter_does_not_follow_itself_or_a_later_quarter():
    assert not Q3_2016.follows(Q3_2016)
    assert not Q3_2016.follows(parse_period("2016/17 Q4"))


def test_a_quarter_does_not_follow_a_financial_year():
    assert not parse_period("2017/18 Q1").follows(parse_period("2016/17"))


def test_a_financial_year_follows_the_year_before():
    assert parse_period("2024/25").follows(parse_period("2023/24"))
    assert not parse_period("2024/25").follows(parse_period("2022/23"))


def test_quarters_between_lists_every_quarter_inclusive():
    quarters = quarters_between(parse_period("2016/17 Q3"), parse_period("2017/18 Q2"))

    assert [q.label for q in quarters] == ["2016/17 Q3", "2016/17 Q4", "2017/18 Q1", "2017/18 Q2"]


# -- ordering ---------------------------------------------------------------------------


def test_quarters_sort_in_time_order():
    in_order = ["2015/16 Q4", "2016/17 Q1", "2016/17 Q2", "2016/17 Q3", "2016/17 Q4", "2017/18 Q1"]
    shuffled = [parse_period(label) for label in in_order]
    random.Random(7).shuffle(shuffled)

    assert [p.label for p in sorted(shuffled)] == in_order


def test_q4_is_later_than_q1_of_the_same_financial_year():
    assert parse_period("2016/17 Q4") > parse_period("2016/17 Q1")
    assert parse_period("2016/17 Q4") < parse_period("2017/18 Q1")


# -- quarter boundaries -----------------------------------------------------------------


def test_31_march_is_q4_of_the_financial_year_before():
    assert parse_period(dt.date(2017, 3, 31)) == parse_period("2016/17 Q4")


def test_1_april_is_q1_of_the_new_financial_year():
    assert parse_period(dt.date(2017, 4, 1)) == parse_period("2017/18 Q1")


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (dt.date(2016, 6, 30), "2016/17 Q1"),
        (dt.date(2016, 7, 1), "2016/17 Q2"),
        (dt.date(2016, 9, 30), "2016/17 Q2"),
        (dt.date(2016, 10, 1), "2016/17 Q3"),
        (dt.date(2016, 12, 31), "2016/17 Q3"),
        (dt.date(2017, 1, 1), "2016/17 Q4"),
    ],
)
def test_quarter_boundaries_follow_the_financial_year(day, label):
    assert parse_period(day).label == label


def test_a_quarter_ends_on_the_last_day_of_its_last_month():
    assert Period.quarter_of(2016, 1).end == dt.date(2016, 6, 30)
    assert Period.quarter_of(2016, 4).end == dt.date(2017, 3, 31)


# -- rejections -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        ("Q5 2016/17", "Q5 2016/17"),
        ("2016/18 Q1", "2016/18 Q1"),
        ("next quarter", "next quarter"),
        ("Apr-Sep 2016", "Apr-Sep 2016"),  # six months, not a quarter
        ("Sep-Nov 2016", "Sep-Nov 2016"),  # three months, but not a financial quarter
        ("2016/17 (target)", "2016/17 (target)"),  # a column of targets, not of figures
        ("2024", "2024"),
        (2024, "2024"),
        (True, "True"),
        (None, "None"),
    ],
)
def test_unreadable_period_is_rejected_naming_the_value_and_giving_an_example(bad, named):
    with pytest.raises(PeriodError) as caught:
        parse_period(bad)

    message = str(caught.value)
    assert f"'{named}'" in message
    assert "2016/17 Q3" in message


@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_period_is_rejected_with_an_example(blank):
    with pytest.raises(PeriodError) as caught:
        parse_period(blank)

    assert "blank" in str(caught.value)
    assert "2016/17 Q3" in str(caught.value)


def test_an_impossible_date_is_rejected():
    with pytest.raises(PeriodError, match="2017-02-30"):
        parse_period("2017-02-30")


def test_quarter_of_refuses_q0():
    with pytest.raises(PeriodError, match="Q0"):
        Period.quarter_of(2016, 0)


def test_period_error_is_a_value_error_for_callers_that_expect_one():
    with pytest.raises(ValueError):
        parse_period("Q5 2016/17")


def test_the_sidebar_names_a_quarter_short_enough_not_to_be_cut():
    # "2026/27 Q2 (July to September 2026)" was cut at 31 characters in the sidebar.
    q2 = parse_period("2026/27 Q2")
    assert q2.short_label == "2026/27 Q2 · Jul–Sep 2026"
    assert parse_period("2026/27 Q4").short_label == "2026/27 Q4 · Jan–Mar 2027"
    assert parse_period("2025/26").short_label == "2025/26"
