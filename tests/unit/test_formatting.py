"""Figures and rules written the way a panel paper writes them (issue 4 items 2, 3)."""

from __future__ import annotations

from typing import Any

from scorecard.catalogue import Measure
from scorecard.formatting import (
    cohort_text,
    points,
    rule_text,
    short_value,
    target_text,
    value_text,
)
from scorecard.symbols import Symbol
from tests.unit import builders


def one_measure(**fields: Any) -> Measure:
    return builders.one_measure(
        "TEST_01", **({"name": "A measure for testing", "decimals": 0} | fields)
    )


COUNT = one_measure(unit="count", polarity="none")
PERCENT = one_measure(decimals=1)
RATE = one_measure(unit="rate_per_10k", polarity="none", decimals=1)
DAYS = one_measure(unit="days", polarity="lower_is_better")
MONEY = one_measure(unit="currency", polarity="none")
PENCE = one_measure(unit="currency", polarity="none", decimals=2)
SCORE = one_measure(unit="score", decimals=1)


# -- Values ------------------------------------------------------------------------------------


def test_a_count_has_a_thousands_separator():
    assert value_text(COUNT, 1234) == "1,234"


def test_a_percentage_has_its_decimals_and_a_percent_sign():
    assert value_text(PERCENT, 45) == "45.0%"


def test_a_rate_says_per_10000():
    assert value_text(RATE, 68.94) == "68.9 per 10,000"


def test_days_say_days():
    assert value_text(DAYS, 26) == "26 days"


def test_one_day_is_singular():
    # A reader writes "1 day", as formatting.points already does for "1 percentage point".
    assert value_text(DAYS, 1) == "1 day"


def test_money_has_a_pound_sign_and_separators():
    assert value_text(MONEY, 3000) == "£3,000"
    assert value_text(PENCE, 1234.5) == "£1,234.50"


def test_a_score_is_a_plain_number():
    assert value_text(SCORE, 19.4) == "19.4"


def test_figures_round_half_up_as_people_do():
    # 4 of 62 is 6.4516…, stored as 6.45: a person rounds that to 6.5, not 6.4.
    assert value_text(PERCENT, 6.45) == "6.5%"
    # Banker's rounding would give 2; half up gives 3.
    assert value_text(COUNT, 2.5) == "3"


def test_zero_is_shown_as_zero():
    assert value_text(COUNT, 0) == "0"


def test_no_value_and_no_symbol_is_no_data():
    assert value_text(PERCENT, None) == "No data"
    assert short_value(PERCENT, None) == "–"


def test_a_symbol_is_shown_with_its_meaning():
    assert value_text(PERCENT, None, Symbol.SUPPRESSED) == (
        "c (suppressed to protect confidentiality)"
    )
    assert value_text(COUNT, None, Symbol.ROUNDS_TO_ZERO) == "k (rounds to zero, but is not zero)"


def test_a_short_value_shows_the_symbol_alone():
    assert short_value(PERCENT, None, Symbol.NOT_AVAILABLE) == "x"
    assert short_value(PERCENT, 45.0) == "45.0%"


def test_cohort_text_is_n_of_n_or_nothing():
    assert cohort_text(23, 41) == "23 of 41"
    assert cohort_text(1234, 2000) == "1,234 of 2,000"
    assert cohort_text(None, 41) == ""
    assert cohort_text(23, None) == ""


def test_target_text_uses_the_unit_and_decimals():
    assert target_text(one_measure(target=95, tolerance=5)) == "95%"
    assert target_text(one_measure(decimals=1, target=10)) == "10.0%"
    assert target_text(one_measure(unit="days", polarity="lower_is_better", target=28)) == (
        "28 days"
    )
    assert target_text(PERCENT) == "No target"


def test_a_target_or_tolerance_finer_than_the_measure_shows_is_not_rounded():
    # A whole-number percentage with target 90 and tolerance 2.5: 87% is 3 points short, so
    # Red; "Amber within 3 percentage points" would say otherwise. A count target of 2.5:
    # "Target: 3" would make a value of 3 look on target.
    percent = one_measure(target=90, tolerance=2.5)
    assert rule_text(percent).endswith("Target: 90%. Amber within 2.5 percentage points of target.")
    count = one_measure(unit="count", polarity="lower_is_better", target=2.5)
    assert target_text(count) == "2.5"


# -- Differences -----------------------------------------------------------------------------


def test_one_percentage_point_is_singular():
    assert points(one_measure(), 1) == "1 percentage point"


def test_several_percentage_points_are_plural():
    assert points(one_measure(), 5) == "5 percentage points"
    assert points(PERCENT, 0.5) == "0.5 percentage points"


def test_whole_percentage_points_are_written_whole_and_fractions_keep_their_decimals():
    # As the issue writes it ("Amber within 5 points"), not "5.0 percentage points".
    assert points(PERCENT, 5) == "5 percentage points"
    assert points(PERCENT, 2.5) == "2.5 percentage points"


def test_a_difference_in_days_or_a_count_is_in_its_own_units():
    assert points(DAYS, 14) == "14 days"
    assert points(COUNT, 5) == "5"


# -- Rules in plain English ----------------------------------------------------------------------


def test_rule_text_higher_is_better_with_target_and_tolerance():
    rule = one_measure(target=95, tolerance=5)
    assert rule_text(rule) == (
        "Higher is better. Target: 95%. Amber within 5 percentage points of target."
    )


def test_rule_text_lower_is_better_with_target_and_tolerance():
    neet = one_measure(polarity="lower_is_better", decimals=1, target=10, tolerance=5)
    assert rule_text(neet) == (
        "Lower is better. Target: 10.0%. Amber within 5 percentage points of target."
    )


def test_rule_text_in_days():
    camhs = one_measure(unit="days", polarity="lower_is_better", target=28, tolerance=14)
    assert rule_text(camhs) == "Lower is better. Target: 28 days. Amber within 14 days of target."


def test_rule_text_without_a_target_says_it_is_not_rated():
    assert rule_text(one_measure()) == (
        "Higher is better. No target has been set, so it is not rated."
    )


def test_rule_text_without_a_tolerance_says_any_shortfall_is_red():
    assert rule_text(one_measure(target=95)) == (
        "Higher is better. Target: 95%. Anything worse than target is Red."
    )


def test_rule_text_for_a_context_measure_says_it_is_not_rated():
    assert rule_text(COUNT) == (
        "Context only: neither higher nor lower is better, so it is not rated."
    )
