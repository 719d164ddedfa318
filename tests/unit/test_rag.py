"""RAG rating and direction of travel (SPEC §3)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.catalogue import Measure, Polarity, Unit
from scorecard.periods import parse_period
from scorecard.rag import RAG_ORDER, Direction, Rag, as_displayed, direction, is_red, rate

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER
NONE = Polarity.NONE


def measure(polarity, target=None, tolerance=None, decimals=1, unit=Unit.PERCENT):
    return Measure(
        id="TEST_01",
        name="A measure for testing",
        priority=1,
        unit=unit,
        polarity=polarity,
        decimals=decimals,
        target=target,
        tolerance=tolerance,
        definition="Made up for a test.",
        why_it_matters="It does not.",
        source="Test data",
    )


# Health checks up to date: higher is better, target 95%, amber down to 93%.
HEALTH_CHECKS = measure(HIGHER, target=95, tolerance=2)
# Placement moves: lower is better, target 10%, amber up to 12%.
PLACEMENT_MOVES = measure(LOWER, target=10, tolerance=2)


# -- RAG, higher is better --------------------------------------------------------------


def test_exactly_on_target_is_green():
    assert rate(HEALTH_CHECKS, 95.0) is Rag.GREEN


def test_better_than_target_is_green():
    assert rate(HEALTH_CHECKS, 99.5) is Rag.GREEN


def test_just_short_of_target_is_amber():
    assert rate(HEALTH_CHECKS, 94.9) is Rag.AMBER


def test_short_by_exactly_the_tolerance_is_amber():
    assert rate(HEALTH_CHECKS, 93.0) is Rag.AMBER


def test_just_beyond_the_tolerance_is_red():
    assert rate(HEALTH_CHECKS, 92.9) is Rag.RED


def test_far_below_target_is_red():
    assert rate(HEALTH_CHECKS, 40.0) is Rag.RED


# -- RAG, lower is better ---------------------------------------------------------------


def test_lower_is_better_exactly_on_target_is_green():
    assert rate(PLACEMENT_MOVES, 10.0) is Rag.GREEN


def test_lower_is_better_below_target_is_green():
    assert rate(PLACEMENT_MOVES, 7.5) is Rag.GREEN


def test_lower_is_better_just_above_target_is_amber():
    assert rate(PLACEMENT_MOVES, 10.1) is Rag.AMBER


def test_lower_is_better_above_by_exactly_the_tolerance_is_amber():
    assert rate(PLACEMENT_MOVES, 12.0) is Rag.AMBER


def test_lower_is_better_just_beyond_the_tolerance_is_red():
    assert rate(PLACEMENT_MOVES, 12.1) is Rag.RED


# -- RAG, special cases -----------------------------------------------------------------


def test_no_tolerance_means_any_shortfall_is_red():
    strict = measure(HIGHER, target=95)

    assert rate(strict, 95.0) is Rag.GREEN
    assert rate(strict, 94.9) is Rag.RED


def test_no_tolerance_lower_is_better_any_excess_is_red():
    strict = measure(LOWER, target=10)

    assert rate(strict, 10.1) is Rag.RED


def test_zero_target_lower_is_better_zero_is_green_and_one_is_red():
    # e.g. number of children placed in unregulated settings: the target is none at all.
    unregulated = measure(LOWER, target=0, decimals=0, unit=Unit.COUNT)

    assert rate(unregulated, 0) is Rag.GREEN
    assert rate(unregulated, 1) is Rag.RED


def test_zero_target_higher_is_better_any_value_is_green():
    measure_with_zero_target = measure(HIGHER, target=0, decimals=0, unit=Unit.COUNT)

    assert rate(measure_with_zero_target, 0) is Rag.GREEN
    assert rate(measure_with_zero_target, 3) is Rag.GREEN


def test_missing_value_is_no_data_not_red():
    assert rate(HEALTH_CHECKS, None) is Rag.NO_DATA


def test_missing_value_on_an_unrated_measure_is_still_no_data():
    assert rate(measure(NONE), None) is Rag.NO_DATA


def test_polarity_none_is_not_rated():
    children_in_care = measure(NONE, decimals=0, unit=Unit.COUNT)

    assert rate(children_in_care, 123) is Rag.NOT_RATED


def test_no_target_is_not_rated():
    assert rate(measure(HIGHER), 12.0) is Rag.NOT_RATED
    assert rate(measure(LOWER), 12.0) is Rag.NOT_RATED


def test_value_is_rated_as_displayed_rounded_to_the_measures_decimals():
    # 94.96 is shown as 95.0%, which is on a 95% target.
    assert as_displayed(94.96, 1) == Decimal("95.0")
    assert str(as_displayed(94.96, 1)) == "95.0"
    assert rate(measure(HIGHER, target=95), 94.96) is Rag.GREEN


def test_value_just_below_the_rounding_point_is_not_rounded_up_to_target():
    # 94.94 is shown as 94.9%, short of 95%.
    assert rate(measure(HIGHER, target=95), 94.94) is Rag.RED


def test_rounding_is_half_up_as_people_round_not_bankers_rounding():
    assert as_displayed(2.5, 0) == Decimal("3")
    assert as_displayed(94.95, 1) == Decimal("95.0")
    assert as_displayed(0.125, 2) == Decimal("0.13")


def test_rounded_value_exactly_at_the_tolerance_is_amber():
    # Whole-number display: 92.5 shows as 93, which is 2 short of 95 - exactly the tolerance.
    whole = measure(HIGHER, target=95, tolerance=2, decimals=0)

    assert rate(whole, 92.5) is Rag.AMBER
    assert rate(whole, 92.4) is Rag.RED


def test_floating_point_does_not_push_a_value_at_the_tolerance_into_red():
    # In binary floating point 95 - 94.7 is not exactly 0.3; the panel sees 94.7 against
    # a 95 target with a 0.3 tolerance, which is short by exactly the tolerance: amber.
    assert rate(measure(HIGHER, target=95, tolerance=0.3), 94.7) is Rag.AMBER
    assert rate(measure(LOWER, target=10.1, tolerance=0.2), 10.3) is Rag.AMBER


# -- Rag presentation -------------------------------------------------------------------


# -- Red, the quick way (an upload's warning about Red figures without commentary) -----------
@pytest.mark.parametrize(
    ("subject", "value", "red"),
    [
        # Target 95%, amber down to 93%, one decimal shown.
        (HEALTH_CHECKS, 92.95, False),  # shown 93.0: 2.0 short, amber
        (HEALTH_CHECKS, 92.9499999, True),  # shown 92.9: 2.1 short
        (HEALTH_CHECKS, 92.94, True),
        (HEALTH_CHECKS, 93.0, False),
        (HEALTH_CHECKS, 40.0, True),
        (HEALTH_CHECKS, 100.0, False),
        # Target 10%, amber up to 12%, lower is better.
        (PLACEMENT_MOVES, 12.04, False),  # shown 12.0
        (PLACEMENT_MOVES, 12.05, True),  # shown 12.1, half up
        (PLACEMENT_MOVES, 0.0, False),
        (PLACEMENT_MOVES, None, False),
        (PLACEMENT_MOVES, float("nan"), False),
        (measure(NONE), 50.0, False),
        (measure(HIGHER, target=None), 0.0, False),
        (measure(HIGHER, target=95, tolerance=None, decimals=0), 94.5, False),  # shown 95
        (measure(HIGHER, target=95, tolerance=None, decimals=0), 94.49, True),
    ],
)
def test_is_red_says_what_rating_in_decimals_says(subject, value, red):
    assert is_red(subject, value) is red
    assert (rate(subject, value) is Rag.RED) is red


# Values on and around every edge the shown figure can have: within a few last places of the
# target, and of the target less or plus the tolerance.
_EDGES = st.builds(
    lambda edge, places, steps, nudge: round(edge + steps * 10.0**-places, 6) + nudge,
    st.sampled_from([0.0, 2.0, 10.0, 12.0, 93.0, 95.0, 97.0, 1e6]),
    st.integers(0, 3),
    st.integers(-20, 20),
    st.sampled_from([0.0, 1e-12, -1e-12, 5e-7, -5e-7, 4.9999e-4, -4.9999e-4]),
)


@given(
    value=_EDGES,
    polarity=st.sampled_from([HIGHER, LOWER]),
    target=st.sampled_from([0.0, 10.0, 95.0, 100.0]),
    tolerance=st.sampled_from([None, 0.0, 2.0, 0.05]),
    decimals=st.integers(0, 3),
)
def test_is_red_agrees_with_rate_on_every_edge(value, polarity, target, tolerance, decimals):
    subject = measure(
        polarity, target=target, tolerance=tolerance, decimals=decimals, unit=Unit.COUNT
    )

    assert is_red(subject, value) is (rate(subject, value) is Rag.RED)


@pytest.mark.parametrize("status", list(Rag))
def test_every_status_has_text_icon_and_colour(status):
    assert status.value.strip()
    assert status.icon.strip()
    assert status.colour.startswith("#")
    assert status.value in status.badge
    assert status.icon in status.badge


def test_every_status_has_its_own_icon_so_colour_is_never_the_only_signal():
    icons = [status.icon for status in Rag]

    assert len(set(icons)) == len(icons)


def test_every_status_has_its_own_text():
    texts = [status.value for status in Rag]

    assert texts == ["Green", "Amber", "Red", "Not rated", "No data"]


def test_red_amber_and_green_have_different_colours():
    assert len({Rag.RED.colour, Rag.AMBER.colour, Rag.GREEN.colour}) == 3


def test_rag_order_lists_red_first_and_every_status_once():
    assert RAG_ORDER[0] is Rag.RED
    assert sorted(RAG_ORDER) == sorted(Rag)


# -- direction of travel ----------------------------------------------------------------

Q2 = parse_period("2016/17 Q2")
Q3 = parse_period("2016/17 Q3")
Q1 = parse_period("2016/17 Q1")
Q3_NEXT_YEAR = parse_period("2017/18 Q3")
Q2_NEXT_YEAR = parse_period("2017/18 Q2")


def test_higher_is_better_going_up_is_improving():
    assert direction(HEALTH_CHECKS, (Q3, 90.0), (Q2, 85.0)) is Direction.IMPROVING


def test_higher_is_better_going_down_is_worsening():
    assert direction(HEALTH_CHECKS, (Q3, 80.0), (Q2, 85.0)) is Direction.WORSENING


def test_lower_is_better_going_down_is_improving():
    assert direction(PLACEMENT_MOVES, (Q3, 8.0), (Q2, 11.0)) is Direction.IMPROVING


def test_lower_is_better_going_up_is_worsening():
    assert direction(PLACEMENT_MOVES, (Q3, 11.0), (Q2, 8.0)) is Direction.WORSENING


def test_same_value_is_no_change():
    assert direction(HEALTH_CHECKS, (Q3, 85.0), (Q2, 85.0)) is Direction.NO_CHANGE


def test_a_difference_hidden_by_rounding_is_no_change():
    # Both are shown as 85.0%.
    assert direction(HEALTH_CHECKS, (Q3, 85.04), (Q2, 84.96)) is Direction.NO_CHANGE


def test_polarity_none_gives_up_and_down_without_judgement():
    children_in_care = measure(NONE, decimals=0, unit=Unit.COUNT)

    assert direction(children_in_care, (Q3, 130), (Q2, 120)) is Direction.UP
    assert direction(children_in_care, (Q3, 110), (Q2, 120)) is Direction.DOWN
    assert direction(children_in_care, (Q3, 120), (Q2, 120)) is Direction.NO_CHANGE


def test_direction_is_judged_even_without_a_target():
    untargeted = measure(HIGHER)

    assert direction(untargeted, (Q3, 60.0), (Q2, 50.0)) is Direction.IMPROVING


def test_non_consecutive_quarters_give_no_comparison():
    assert direction(HEALTH_CHECKS, (Q3, 90.0), (Q1, 85.0)) is Direction.NOT_COMPARABLE


def test_previous_period_across_the_year_boundary_is_compared():
    q4 = parse_period("2016/17 Q4")
    next_q1 = parse_period("2017/18 Q1")

    assert direction(HEALTH_CHECKS, (next_q1, 90.0), (q4, 85.0)) is Direction.IMPROVING


def test_missing_current_value_gives_no_comparison():
    assert direction(HEALTH_CHECKS, (Q3, None), (Q2, 85.0)) is Direction.NOT_COMPARABLE


def test_missing_earlier_value_gives_no_comparison():
    assert direction(HEALTH_CHECKS, (Q3, 90.0), (Q2, None)) is Direction.NOT_COMPARABLE


def test_no_earlier_period_gives_no_comparison():
    assert direction(HEALTH_CHECKS, (Q3, 90.0), None) is Direction.NOT_COMPARABLE


def test_year_on_year_compares_with_the_same_quarter_last_year():
    assert (
        direction(HEALTH_CHECKS, (Q3_NEXT_YEAR, 90.0), (Q3, 85.0), year_on_year=True)
        is Direction.IMPROVING
    )


def test_year_on_year_refuses_the_previous_quarter():
    assert (
        direction(HEALTH_CHECKS, (Q3_NEXT_YEAR, 90.0), (Q2_NEXT_YEAR, 85.0), year_on_year=True)
        is Direction.NOT_COMPARABLE
    )


def test_quarter_on_quarter_refuses_the_same_quarter_last_year():
    assert direction(HEALTH_CHECKS, (Q3_NEXT_YEAR, 90.0), (Q3, 85.0)) is Direction.NOT_COMPARABLE


def test_annual_measure_compares_with_the_year_before():
    year = parse_period("2024/25")
    last_year = parse_period("2023/24")

    assert direction(PLACEMENT_MOVES, (year, 9.0), (last_year, 9.5)) is Direction.IMPROVING


def test_each_direction_has_its_own_arrow_except_no_comparison():
    arrows = [d.arrow for d in Direction if d is not Direction.NOT_COMPARABLE]

    assert all(arrows)
    assert len(set(arrows)) == len(arrows)
