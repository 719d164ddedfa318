"""Statistical process control (scorecard/variation.py).

Golden cases come from the reference implementation, NHS-R NHSRplotthedots 0.2.2; each names
the file of its test suite it is ported from. The hand-worked series are built so that one
rule fires alone; the sums in their comments are the expected values.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.catalogue import Polarity, StepChange
from scorecard.periods import Period
from scorecard.variation import (
    Assurance,
    SpecialCause,
    Variation,
    VariationError,
    _part_of,
    _run_ends,
    _trend_ends,
    _two_of_three,
    analyse,
    assurance,
    limits,
    sentence,
)

FIRST = Period.quarter_of(2020, 1)


def quarters(count: int, first: Period = FIRST) -> list[Period]:
    found = [first]
    while len(found) < count:
        found.append(found[-1].next())
    return found


def series(values: list[float | None]) -> list[tuple[Period, float | None]]:
    return list(zip(quarters(len(values)), values, strict=True))


def causes(values: list[float], polarity: Polarity = Polarity.HIGHER_IS_BETTER) -> list[str | None]:
    found = analyse(series(list(values)), polarity)
    return [p.special_cause.value if p.special_cause else None for p in found.points]


# R: set.seed(123); rnorm(20) — the data of tests/testthat/test-ptd_spc_standard.R
RNORM_123 = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621,
    -1.26506123, -0.68685285, -0.44566197, 1.22408180, 0.35981383, 0.40077145, 0.11068272,
    -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141,
]  # fmt: skip


# -- golden cases from NHSRplotthedots 0.2.2 -------------------------------------------------


def test_limits_match_the_reference_on_its_standard_data() -> None:
    # tests/testthat/_snaps/ptd_spc_standard.md, r1: mean_col 0.1416238, lpl -3.01138,
    # upl 3.294627 (no moving range there is an outlier, so screening changes nothing).
    segment = limits(RNORM_123, FIRST)
    assert segment.mean == pytest.approx(0.1416238, abs=5e-8)
    assert segment.lower == pytest.approx(-3.01138, abs=5e-6)
    assert segment.upper == pytest.approx(3.294627, abs=5e-7)


def test_limits_match_the_reference_with_an_outlier_and_screening_off() -> None:
    # tests/testthat/_snaps/ptd_spc_standard.md, r3: y[15] <- 10, screen_outliers = FALSE:
    # mean_col 0.6694159, lpl -4.596625, upl 5.935457.
    values = list(RNORM_123)
    values[14] = 10
    found = analyse(series(values), Polarity.HIGHER_IS_BETTER)
    assert found.latest.mean == pytest.approx(0.6694159, abs=5e-8)
    assert found.latest.lower == pytest.approx(-4.596625, abs=5e-7)
    assert found.latest.upper == pytest.approx(5.935457, abs=5e-7)
    assert found.points[14].special_cause is SpecialCause.ABOVE_UPPER


def test_each_segment_has_its_own_limits_as_the_reference_facets_do() -> None:
    # tests/testthat/_snaps/ptd_spc.md: two facets of 10 points each,
    # 0.0746 / -2.60 / 2.75 and 0.209 / -3.28 / 3.70 (printed to 3 significant figures).
    steps = [StepChange(period=quarters(11)[10].label, reason="a new definition")]
    found = analyse(series(RNORM_123), Polarity.HIGHER_IS_BETTER, None, steps)
    first, second = found.segments
    assert (round(first.mean, 4), round(first.lower, 2), round(first.upper, 2)) == (
        0.0746,
        -2.60,
        2.75,
    )
    assert (round(second.mean, 3), round(second.lower, 2), round(second.upper, 2)) == (
        0.209,
        -3.28,
        3.70,
    )
    assert second.reason == "a new definition"
    assert all(p.special_cause is None for p in found.points)
    assert found.variation is Variation.COMMON


def test_two_points_close_to_the_limits_on_opposite_sides_are_common_cause() -> None:
    # tests/testthat/test-ptd_spc_standard.R, "it only reports special cause for 2of3 points
    # close to limits when they are on the same side of the mean".
    values = [1.0, -1.0] * 8
    values[14], values[15] = 5.5, -5.5
    assert causes(values)[-2:] == [None, None]


@pytest.mark.parametrize(
    ("sides", "expected"),
    [
        ([1] * 6, [0] * 6),
        ([1] * 6 + [-1], [0] * 7),
        ([1] * 8 + [-1], [0, 0, 0, 0, 0, 0, 1, 1, 0]),
        ([-1] * 8 + [1], [0, 0, 0, 0, 0, 0, -1, -1, 0]),
    ],
)
def test_seven_points_one_side_of_the_mean_as_the_reference(
    sides: list[int], expected: list[int]
) -> None:
    # tests/testthat/test-ptd_calculate_point_type.R, ptd_seven_point_one_side_mean (the
    # reference marks the side's sign; -1 is a run below).
    assert _run_ends(sides) == expected


@pytest.mark.parametrize(
    ("ends", "expected"),
    [
        ([0] * 6, [False] * 6),
        ([0] * 6 + [1, 0], [True] * 7 + [False]),
        ([0] * 7 + [1, 0], [False] + [True] * 7 + [False]),
        ([0] * 6 + [-1, 0], [True] * 7 + [False]),
        ([0] * 7 + [-1, 0], [False] + [True] * 7 + [False]),
    ],
)
def test_every_point_of_a_pattern_is_marked_as_the_reference(
    ends: list[int], expected: list[bool]
) -> None:
    # tests/testthat/test-ptd_calculate_point_type.R, ptd_part_of_seven_trend.
    assert _part_of(ends) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, 2, 3, 4, 5, 6], [0] * 6),
        ([1, 2, 3, 3, 4, 5, 6], [0] * 7),
        ([1, 2, 3, 4, 5, 6, 7], [0] * 6 + [1]),
        ([2, 1, 2, 3, 4, 5, 6, 7, 3], [0] * 7 + [1, 0]),
        ([7, 6, 5, 4, 3, 2, 1], [0] * 6 + [-1]),
        ([2, 7, 6, 5, 4, 3, 2, 1, 3], [0] * 7 + [-1, 0]),
    ],
)
def test_seven_point_trends_as_the_reference(values: list[float], expected: list[int]) -> None:
    # tests/testthat/test-ptd_calculate_point_type.R, ptd_seven_point_trend.
    assert _trend_ends(values, 1e-9) == expected


@pytest.mark.parametrize(
    ("close", "sides", "expected"),
    [
        ([1, 0, 1], [1, 1, 1], [1, 0, 1]),
        ([0, 1, 1], [1, 1, 1], [0, 1, 1]),
        ([1, 1, 0], [1, 1, 1], [1, 1, 0]),
        ([0, 0, 1, 0, 1, 0, 0], [1] * 7, [0, 0, 1, 0, 1, 0, 0]),
        ([0, 0, 1, 1, 0, 0, 0], [1] * 7, [0, 0, 1, 1, 0, 0, 0]),
        ([1, 0, 0, 1], [1] * 4, [0, 0, 0, 0]),
        ([1, 0, 0, 1, 1], [1] * 5, [0, 0, 0, 1, 1]),
        ([1, 0, 1], [1, -1, 1], [0, 0, 0]),
        ([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1], [0] * 7),
        ([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1], [0] * 7),
    ],
)
def test_two_of_three_close_to_the_limits_as_the_reference(
    close: list[int], sides: list[int], expected: list[int]
) -> None:
    # tests/testthat/test-ptd_calculate_point_type.R, ptd_two_in_three and
    # ptd_part_of_two_in_three (only the points close to the limits are marked).
    assert _two_of_three([bool(c) for c in close], sides) == [bool(e) for e in expected]


@pytest.mark.parametrize(
    ("polarity", "expected"),
    [
        (Polarity.HIGHER_IS_BETTER, [Assurance.FAILING, Assurance.PASSING, Assurance.HIT_AND_MISS]),
        (Polarity.LOWER_IS_BETTER, [Assurance.PASSING, Assurance.FAILING, Assurance.HIT_AND_MISS]),
        (Polarity.NONE, [None, None, None]),
    ],
)
def test_assurance_as_the_reference(polarity: Polarity, expected: list[Assurance | None]) -> None:
    # tests/testthat/test-ptd_calculate_assurance_type.R: limits (1, 3), (5, 7), (1, 5),
    # target 4.
    found = [
        assurance(_segment(lower, upper), polarity, 4.0)
        for lower, upper in [(1.0, 3.0), (5.0, 7.0), (1.0, 5.0)]
    ]
    assert found == expected


def test_no_target_gives_no_assurance() -> None:
    assert assurance(_segment(1.0, 3.0), Polarity.HIGHER_IS_BETTER, None) is None


def _segment(lower: float, upper: float):  # type: ignore[no-untyped-def]
    from scorecard.variation import Segment

    mean = (lower + upper) / 2
    return Segment(0, FIRST, 12, mean, lower, upper, lower, upper, None)


# -- hand-worked series: one rule at a time --------------------------------------------------


def test_a_quarter_beyond_the_upper_limit_is_special_cause_alone() -> None:
    values = [8, 12, 8, 12, 8, 40, 8, 12, 8, 12, 8, 12]
    found = analyse(series(values), Polarity.LOWER_IS_BETTER)
    # mean 148/12 = 12.333; moving ranges 9 x 4 and 2 x 32, mean 100/11 = 9.0909;
    # upper 12.333 + 2.66 x 9.0909 = 36.515, lower -11.848
    assert found.latest.mean == pytest.approx(148 / 12)
    assert found.latest.upper == pytest.approx(148 / 12 + 2.66 * 100 / 11)
    assert found.latest.lower == pytest.approx(148 / 12 - 2.66 * 100 / 11)
    assert [p.special_cause for p in found.points] == [None] * 5 + [SpecialCause.ABOVE_UPPER] + [
        None
    ] * 6
    assert found.variation is Variation.COMMON  # the latest quarter is ordinary


def test_seven_quarters_each_higher_than_the_last_are_a_trend() -> None:
    # mean 156/12 = 13; mR 23/11 = 2.09: upper 18.56, so 17 is inside the limits; the quarters
    # from 10 (the fifth) to 17 rise eight times in a row, all marked.
    values = [10, 14, 10, 14, 10, 11, 12, 13, 14, 15, 16, 17]
    assert causes(values) == [None] * 4 + ["trend up"] * 8
    found = analyse(series(values), Polarity.HIGHER_IS_BETTER)
    assert found.variation is Variation.IMPROVEMENT
    assert analyse(series(values), Polarity.LOWER_IS_BETTER).variation is Variation.CONCERN


def test_a_falling_trend_is_a_trend_down() -> None:
    values = [17, 13, 17, 13, 17, 16, 15, 14, 13, 12, 11, 10]
    assert causes(values) == [None] * 4 + ["trend down"] * 8


def test_two_of_three_quarters_close_to_the_upper_limit() -> None:
    # mean 143/12 = 11.917; mR 26/11 = 2.364; 2 sigma line 11.917 + 1.7733 x 2.364 = 16.11,
    # upper limit 18.20: both 17s are close to the limit, beside a 12 above the mean.
    values = [10, 12, 10, 12, 10, 12, 10, 12, 17, 17, 11, 10]
    assert causes(values) == [None] * 8 + ["two of three above"] * 2 + [None, None]
    assert analyse(series(values), Polarity.HIGHER_IS_BETTER).variation is Variation.COMMON


def test_seven_quarters_above_the_average_are_a_run() -> None:
    # mean 120/13 = 9.23; mR 50/12 = 4.17: limits -1.85 to 20.31, 2 sigma lines 1.84 and
    # 16.62; six quarters below the mean, then seven above it.
    values = [2, 6, 2, 6, 2, 6, 12, 16, 12, 16, 12, 16, 12]
    assert causes(values) == [None] * 6 + ["run above"] * 7
    assert analyse(series(values), Polarity.NONE).variation is Variation.NEITHER
    assert analyse(series(values), Polarity.LOWER_IS_BETTER).variation is Variation.CONCERN


def test_a_quarter_exactly_on_the_average_breaks_a_run() -> None:
    # The same shape with 9 in the middle of the seven: the mean is 117/13 = 9 exactly.
    values = [2, 6, 2, 6, 2, 6, 12, 16, 12, 9, 16, 12, 16]
    assert causes(values) == [None] * 13


def test_fewer_than_twelve_quarters_give_trial_limits_and_fewer_than_six_none() -> None:
    assert analyse(series([1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3]), Polarity.NONE).trial
    assert not analyse(series([1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2]), Polarity.NONE).trial
    with pytest.raises(VariationError, match=r"5 with a number; .* at least 6"):
        analyse(series([1, 2, 3, 2, 1]), Polarity.NONE)


def test_quarters_without_a_number_are_left_out_and_listed() -> None:
    values: list[float | None] = [8, 12, None, 8, 12, 8, 12, 8]
    found = analyse(series(values), Polarity.NONE)
    assert [p.value for p in found.points] == [8, 12, 8, 12, 8, 12, 8]
    assert found.left_out == (quarters(3)[2],)
    # A quarter missing from the series altogether is listed too.
    gap = series([8, 12, 8, 12, 8, 12, 8, 12])
    del gap[4]
    assert analyse(gap, Polarity.NONE).left_out == (quarters(5)[4],)


def test_a_step_change_recalculates_the_limits_from_its_quarter() -> None:
    # Six quarters around 10 (mean 60/6), then a new definition around 20 (mean 139/7):
    # without the step change the seven new quarters are special cause above the mean of
    # both; with it each stretch is ordinary.
    values = [9, 11, 9, 11, 9, 11, 19, 21, 19, 21, 19, 21, 19]
    assert all(cause is not None and "above" in cause for cause in causes(values)[6:])
    steps = [StepChange(period=quarters(7)[6].label, reason="counted from placement start")]
    found = analyse(series(values), Polarity.NONE, None, steps)
    assert [s.mean for s in found.segments] == [pytest.approx(10), pytest.approx(139 / 7)]
    assert all(p.special_cause is None for p in found.points)
    assert found.latest.start == quarters(7)[6]
    assert found.latest.reason == "counted from placement start"


def test_too_few_quarters_since_a_step_change_give_no_analysis() -> None:
    steps = [StepChange(period=quarters(9)[8].label, reason="new definition")]
    with pytest.raises(VariationError, match="since the step change in 2022/23 Q1"):
        analyse(series([1, 2, 3, 2, 1, 2, 3, 2, 1, 2]), Polarity.NONE, None, steps)


# -- properties ----------------------------------------------------------------------------

values_strategy = st.lists(
    st.integers(min_value=0, max_value=60).map(float), min_size=6, max_size=24
)


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(6, 30))
def test_a_constant_series_has_no_special_cause(value: float, count: int) -> None:
    found = analyse(series([value] * count), Polarity.HIGHER_IS_BETTER)
    assert all(p.special_cause is None for p in found.points)
    assert found.variation is Variation.COMMON


@given(
    values_strategy,
    st.sampled_from([0.5, 1.0, 3.0, 100.0]),
    st.sampled_from([-50.0, 0.0, 7.25, 1000.0]),
)
def test_scaling_and_shifting_a_series_keeps_its_labels(
    values: list[float], scale: float, shift: float
) -> None:
    moved = [v * scale + shift for v in values]
    assert causes(moved) == causes(values)


@given(values_strategy)
def test_the_limits_are_symmetric_about_the_mean(values: list[float]) -> None:
    segment = analyse(series(values), Polarity.NONE).latest
    assert segment.upper - segment.mean == pytest.approx(segment.mean - segment.lower)
    assert segment.upper_near - segment.mean == pytest.approx(
        (segment.upper - segment.mean) * 2 / 3
    )


# -- in words ------------------------------------------------------------------------------


def test_a_run_is_said_in_quarters_in_a_row() -> None:
    found = analyse(series([2, 6, 2, 6, 2, 6, 12, 16, 12, 16, 12, 16, 12]), Polarity.NONE)
    assert sentence(found) == "Seven quarters in a row above the average: a real change."


def test_ordinary_ups_and_downs_say_over_how_many_quarters() -> None:
    found = analyse(series([2, 6, 2, 6, 2, 6, 12, 16, 12, 9, 16, 12, 16]), Polarity.NONE)
    assert sentence(found) == "Within the normal ups and downs of the last 13 quarters."


def test_trial_limits_are_said() -> None:
    found = analyse(series([8, 12, 8, 12, 8, 12, 8]), Polarity.NONE)
    assert sentence(found) == (
        "Within the normal ups and downs of the last 7 quarters "
        "(trial limits: only 7 quarters so far)."
    )


def test_a_trend_says_how_long_it_has_gone_on() -> None:
    found = analyse(series([10, 14, 10, 14, 10, 11, 12, 13, 14, 15, 16, 17]), Polarity.NONE)
    assert sentence(found) == (
        "Eight quarters in a row, each higher than the one before: a real change."
    )
