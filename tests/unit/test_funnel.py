"""Against every council: funnel-plot limits (scorecard/benchmarks/funnel.py).

The published case is DfE's children looked after on 31 March 2025 per 10,000 children
(cla_number_and_rate_per_10k_children.csv): England 81,770 of 12,183,016; Trafford 353 of
56,737; Blackpool 531 of 28,923; Rutland 32 of 8,012. The limits are worked out by hand in
the comments; the overdispersion case is one whose arcsines are multiples of pi.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.benchmarks.funnel import (
    Z95,
    Z998,
    Cohort,
    Funnel,
    Judgement,
    cohort_of,
    funnel,
    overdispersion,
)

ENGLAND = 81_770 / 12_183_016  # 0.0067118
CHANCE_ONLY = Funnel(ENGLAND, phi=1.0, tau2=0.0, councils=152, adjusted=False)


def test_trafford_is_within_the_limits_chance_alone_gives_a_council_of_its_size() -> None:
    # sd = sqrt(0.0067118 x 0.9932882 / 56,737) = 3.4279e-4; 99.8%: +/- 1.0593e-3, so
    # 0.0056525 to 0.0077711 (56.5 to 77.7 per 10,000); Trafford is 0.0062217 (62 per 10,000).
    low, high = CHANCE_ONLY.limits(56_737, Z998)
    assert low == pytest.approx(0.0056525, abs=2e-7)
    assert high == pytest.approx(0.0077711, abs=2e-7)
    assert CHANCE_ONLY.judge(Cohort("Trafford", 353, 56_737)) is Judgement.WITHIN


def test_blackpool_is_statistically_above_england() -> None:
    # 531 / 28,923 = 0.018359; the 99.8% upper limit for 28,923 is
    # 0.0067118 + 3.090232 x sqrt(0.0066668 / 28,923) = 0.0081954.
    assert CHANCE_ONLY.limits(28_923, Z998)[1] == pytest.approx(0.0081954, abs=2e-7)
    assert CHANCE_ONLY.judge(Cohort("Blackpool", 531, 28_923)) is Judgement.ABOVE


def test_rutland_is_below_the_95_but_not_the_998_percent_limit() -> None:
    # 32 / 8,012 = 0.0039940. sd = sqrt(0.0066668 / 8,012) = 9.1219e-4: the 99.8% lower
    # limit is 0.0038929 (Rutland is above it), the 95% one 0.0049239 (Rutland is below it).
    assert CHANCE_ONLY.limits(8_012, Z998)[0] == pytest.approx(0.0038929, abs=2e-7)
    assert CHANCE_ONLY.limits(8_012, Z95)[0] == pytest.approx(0.0049239, abs=2e-7)
    judged = CHANCE_ONLY.judge(Cohort("Rutland", 32, 8_012))
    assert judged is Judgement.POSSIBLY_BELOW
    assert judged.strict == "within"
    assert judged.plain.startswith("possibly below England")


def test_overdispersion_as_funnelplotr_winsorises_then_adds_the_spread_between_councils() -> None:
    # 25 of 100 and 75 of 100 around 0.5: arcsines pi/6 and pi/3 about pi/4, each with
    # s = 1 / (2 sqrt(100)) = 1/20, so z = -/+ (pi/12) x 20 = -/+ 5 pi / 3. The 10% and 90%
    # quantiles (R type 7) of two values are -/+ 0.8 x 5 pi / 3 = -/+ 4 pi / 3: phi =
    # (4 pi / 3)^2 = 16 pi^2 / 9 = 17.546. The weights 1/s^2 are 400 each, so
    # tau2 = (2 phi - 1) / (800 - 320,000 / 800) = (32 pi^2 / 9 - 1) / 400 = 0.08523.
    phi, tau2 = overdispersion([Cohort("A", 25, 100), Cohort("B", 75, 100)], 0.5)
    assert phi == pytest.approx(16 * math.pi**2 / 9)
    assert tau2 == pytest.approx((32 * math.pi**2 / 9 - 1) / 400)


def test_councils_that_agree_as_well_as_chance_allows_get_no_widening() -> None:
    same = [Cohort(f"C{i}", 50, 100) for i in range(12)]
    phi, tau2 = overdispersion(same, 0.5)
    assert (phi, tau2) == (0.0, 0.0)


@given(st.floats(0.01, 0.99), st.floats(1e-4, 0.2), st.integers(10, 200_000))
def test_widened_limits_are_never_narrower_than_chance_alone(
    target: float, tau2: float, size: int
) -> None:
    widened = Funnel(target, 2.0, tau2, 150)
    plain = Funnel(target, 2.0, 0.0, 150)
    for z in (Z95, Z998):
        assert widened.limits(size, z)[0] <= plain.limits(size, z)[0] + 1e-12
        assert widened.limits(size, z)[1] >= plain.limits(size, z)[1] - 1e-12
        assert 0.0 <= widened.limits(size, z)[0] <= target <= widened.limits(size, z)[1] <= 1.0


def test_the_limits_narrow_as_the_cohort_grows() -> None:
    found = funnel([Cohort(f"C{i}", 10 + i, 100) for i in range(20)], 0.15)
    widths = [found.limits(n, Z998)[1] - found.limits(n, Z998)[0] for n in (50, 500, 5_000)]
    assert widths == sorted(widths, reverse=True)


def test_a_cohort_is_worked_out_from_a_percentage_and_one_of_n_or_N() -> None:
    # DfE gives Trafford's 20 children with 3 or more placements as 6%: 333 children counted.
    found = cohort_of("Trafford", 6.0, 20, None, 100)
    assert found is not None and found.denominator == pytest.approx(20 * 100 / 6)
    assert cohort_of("X", 25.0, None, 80, 100) == Cohort("X", 20.0, 80.0)
    assert cohort_of("X", None, None, None, 100) is None
    assert cohort_of("X", 0.0, 0, None, 100) is None  # 0% of an unknown number
