"""Against every council: a funnel plot of a proportion against cohort size (SPEC §3).

Each council's proportion is judged against England's with control limits that narrow as the
cohort grows (Spiegelhalter 2005, "Funnel plots for comparing institutional performance"), so
a small council is not called the worst for one child. Two sets of limits:

- **Unadjusted** (the score test): England's proportion p ± z √(p(1 − p) / N), the limits
  within which a council of N children would fall by chance alone if it were like England.
- **Adjusted for overdispersion**, as in NHS-R's FunnelPlotR 0.5.0 (``R/od_adjustment.R``,
  ``R/calculate_limits.R``, data type "PR"): on the arcsine-square-root scale, each council's
  z-score against England; the 10% at each end Winsorised; φ, the mean squared z-score; and,
  when φ shows more spread between councils than chance gives, a between-council variance τ²
  added to every council's own (1 / 4N), so that limits are honest about councils differing
  for reasons no single council controls. Off when councils agree as well as chance allows.

95% limits (z = 1.959964) and 99.8% limits (z = 3.090232). A council beyond the 99.8% limits
is "statistically above (or below) England"; beyond 95% only, "possibly".

Pure: numbers in, numbers out, for one measure and one DfE year.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

Z95 = 1.959964
Z998 = 3.090232
TRIM = 0.1  # Winsorised at each end before φ is worked out, as FunnelPlotR's default


class Judgement(StrEnum):
    """Where a council sits against England's limits."""

    ABOVE = "above"  # beyond the 99.8% limit
    POSSIBLY_ABOVE = "possibly above"  # beyond 95%, inside 99.8%
    WITHIN = "within"
    POSSIBLY_BELOW = "possibly below"
    BELOW = "below"

    @property
    def plain(self) -> str:
        """What the panel reads, e.g. "statistically above England (99.8% limits)"."""
        return {
            Judgement.ABOVE: "statistically above England (outside the 99.8% limits)",
            Judgement.POSSIBLY_ABOVE: "possibly above England (outside the 95% limits only; "
            "1 council in 20 is, by chance)",
            Judgement.WITHIN: "within the expected range for a council of its size",
            Judgement.POSSIBLY_BELOW: "possibly below England (outside the 95% limits only; "
            "1 council in 20 is, by chance)",
            Judgement.BELOW: "statistically below England (outside the 99.8% limits)",
        }[self]

    @property
    def strict(self) -> str:
        """``above`` | ``below`` | ``within`` at the 99.8% limits (``benchmarks show --json``)."""
        return {Judgement.ABOVE: "above", Judgement.BELOW: "below"}.get(self, "within")


@dataclass(frozen=True)
class Cohort:
    """One council's figure as a proportion: ``numerator`` of ``denominator`` children."""

    name: str
    numerator: float
    denominator: float

    @property
    def proportion(self) -> float:
        return self.numerator / self.denominator


@dataclass(frozen=True)
class Funnel:
    """England's proportion and the spread between councils, from which every limit follows."""

    target: float  # England's proportion, 0 to 1
    phi: float  # dispersion ratio (1: councils differ as much as chance gives)
    tau2: float  # between-council variance on the arcsine scale (0: no adjustment needed)
    councils: int
    adjusted: bool = True

    def limits(self, denominator: float, z: float) -> tuple[float, float]:
        """The lower and upper limit, as proportions, for a cohort of ``denominator``."""
        if self.adjusted:
            return _arcsine_limits(self.target, denominator, z, self.tau2)
        spread = z * math.sqrt(self.target * (1 - self.target) / denominator)
        return max(0.0, self.target - spread), min(1.0, self.target + spread)

    def judge(self, cohort: Cohort) -> Judgement:
        value = cohort.proportion
        low998, high998 = self.limits(cohort.denominator, Z998)
        low95, high95 = self.limits(cohort.denominator, Z95)
        if value > high998:
            return Judgement.ABOVE
        if value < low998:
            return Judgement.BELOW
        if value > high95:
            return Judgement.POSSIBLY_ABOVE
        if value < low95:
            return Judgement.POSSIBLY_BELOW
        return Judgement.WITHIN

    def unadjusted(self) -> Funnel:
        return Funnel(self.target, self.phi, self.tau2, self.councils, adjusted=False)


def _arcsine_limits(
    target: float, denominator: float, z: float, tau2: float
) -> tuple[float, float]:
    centre = math.asin(math.sqrt(target))
    spread = z * math.sqrt(1 / (4 * denominator) + tau2)
    # Past either end of the arcsine scale the limit is 0 or 1 (FunnelPlotR truncates too).
    low = 0.0 if centre - spread <= 0 else math.sin(centre - spread) ** 2
    high = 1.0 if centre + spread >= math.pi / 2 else math.sin(centre + spread) ** 2
    return low, high


def overdispersion(cohorts: Sequence[Cohort], target: float) -> tuple[float, float]:
    """φ and τ² (FunnelPlotR's ``phi_func`` and ``tau_func`` over Winsorised z-scores)."""
    usable = [c for c in cohorts if c.denominator > 0 and 0 <= c.proportion <= 1]
    if len(usable) < 2:
        return 1.0, 0.0
    centre = math.asin(math.sqrt(target))
    spread = np.array([1 / (2 * math.sqrt(c.denominator)) for c in usable])
    scores = np.array([(math.asin(math.sqrt(c.proportion)) - centre) for c in usable]) / spread
    low, high = np.quantile(scores, [TRIM, 1 - TRIM])  # R's default quantile (type 7)
    winsorised = np.clip(scores, low, high)
    n = len(usable)
    phi = float(np.sum(winsorised**2) / n)
    if n * phi < n - 1:
        return phi, 0.0
    weights = 1 / spread**2
    tau2 = (n * phi - (n - 1)) / (weights.sum() - (weights**2).sum() / weights.sum())
    return phi, max(0.0, float(tau2))


def funnel(cohorts: Sequence[Cohort], target: float) -> Funnel:
    """The funnel of every council's cohort around England's proportion ``target``."""
    phi, tau2 = overdispersion(cohorts, target)
    return Funnel(target, phi, tau2, len(cohorts))


def cohort_of(
    name: str, value: float | None, numerator: float | None, denominator: float | None, scale: int
) -> Cohort | None:
    """A council's cohort from what DfE (or we) give: n and N, or one of them and the figure
    (a percentage of 62 children is a number of them). None when neither can be had."""
    if denominator is None and numerator is not None and value:
        denominator = numerator * scale / value
    if numerator is None and denominator is not None and value is not None:
        numerator = value * denominator / scale
    if numerator is None or denominator is None or denominator <= 0:
        return None
    if not 0 <= numerator <= denominator:
        return None
    return Cohort(name, float(numerator), float(denominator))


@dataclass(frozen=True)
class Placed:
    """A council on the funnel plot."""

    cohort: Cohort
    code: str  # old LA code
    role: str  # Role value: us, neighbour or other
    region: str  # region code, to mark the councils of ours


@dataclass(frozen=True)
class FunnelView:
    """Every council with a cohort in one DfE year, England's funnel and where we sit."""

    funnel: Funnel
    councils: tuple[Placed, ...]
    ours: Cohort | None
    scale: int  # 100 for a percentage, 10,000 for a rate per 10,000

    @property
    def judgement(self) -> Judgement | None:
        return self.funnel.judge(self.ours) if self.ours is not None else None
