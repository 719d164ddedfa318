"""Red / Amber / Green rating and direction of travel (SPEC §3).

Both are judged on the figure as the panel sees it, rounded to the measure's decimals: a
value displayed as "95.0%" against a 95% target is on target, whatever digits lie beyond.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from scorecard.catalogue import Measure, Polarity
from scorecard.periods import Period


class Rag(StrEnum):
    GREEN = "Green"
    AMBER = "Amber"
    RED = "Red"
    NOT_RATED = "Not rated"
    NO_DATA = "No data"

    @property
    def icon(self) -> str:
        """A shape for each status, so colour is never the only signal."""
        return {
            Rag.GREEN: "●",
            Rag.AMBER: "▲",
            Rag.RED: "■",
            Rag.NOT_RATED: "○",
            Rag.NO_DATA: "–",
        }[self]

    @property
    def colour(self) -> str:
        # Okabe-Ito-derived colours that colour-blind readers can tell apart, each with
        # 4.5:1 contrast against white so they also work as text.
        return {
            Rag.GREEN: "#00703c",
            Rag.AMBER: "#8a5300",
            Rag.RED: "#b3261e",
            Rag.NOT_RATED: "#505a5f",
            Rag.NO_DATA: "#505a5f",
        }[self]

    @property
    def badge(self) -> str:
        return f"{self.icon} {self.value}"


RAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.NOT_RATED, Rag.NO_DATA)


class Direction(StrEnum):
    IMPROVING = "Improving"
    WORSENING = "Worsening"
    NO_CHANGE = "No change"
    UP = "Up"
    DOWN = "Down"
    NOT_COMPARABLE = "No comparison"

    @property
    def arrow(self) -> str:
        return {
            Direction.IMPROVING: "↑",
            Direction.WORSENING: "↓",
            Direction.NO_CHANGE: "→",
            Direction.UP: "↗",
            Direction.DOWN: "↘",
            Direction.NOT_COMPARABLE: "",
        }[self]


def is_missing(value: float | None) -> bool:
    """None, or NaN as pandas stores a missing value."""
    return value is None or value != value


def as_displayed(value: float, decimals: int) -> Decimal:
    """The value rounded as it is shown: half up, as people round (not banker's rounding)."""
    # float() first: numpy's repr is 'np.float64(96.0)', which Decimal cannot read.
    return Decimal(repr(float(value))).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
    )


def shortfall(measure: Measure, value: float) -> Decimal:
    """How far the value is worse than target, in the measure's units (negative = better)."""
    assert measure.target is not None
    shown = as_displayed(value, measure.decimals)
    target = Decimal(repr(measure.target))
    if measure.polarity is Polarity.HIGHER_IS_BETTER:
        return target - shown
    return shown - target


def rate(measure: Measure, value: float | None) -> Rag:
    """RAG status of one value against the measure's target and amber tolerance.

    On or better than target is Green; worse by no more than the tolerance is Amber; worse
    beyond it is Red. A missing value (a symbol or blank) is "No data", never Red; a measure
    without a target, or with polarity ``none``, is "Not rated".
    """
    if is_missing(value):
        return Rag.NO_DATA
    assert value is not None
    if not measure.is_rated:
        return Rag.NOT_RATED
    gap = shortfall(measure, value)
    if gap <= 0:
        return Rag.GREEN
    if gap <= Decimal(repr(measure.tolerance or 0.0)):
        return Rag.AMBER
    return Rag.RED


def is_red(measure: Measure, value: float | None) -> bool:
    """Whether :func:`rate` says Red, working in decimals only where the float cannot tell.

    The figure as shown lies within half its last decimal place of the value, so a value
    further than that from the edge of Red is decided by plain arithmetic; one that close is
    rated exactly. (Rating every total of a large upload in decimals took a tenth of its
    check, to find the few that are Red.)
    """
    if value is None or value != value or not measure.is_rated:
        return False
    assert measure.target is not None
    target, tolerance = measure.target, measure.tolerance or 0.0
    gap = target - value if measure.polarity is Polarity.HIGHER_IS_BETTER else value - target
    # Half a shown place, and far more than the float arithmetic above can be out by.
    reach = 0.5 * 10.0**-measure.decimals + 1e-9 * (1.0 + abs(value) + abs(target))
    if gap - reach > tolerance:
        return True
    if gap + reach < tolerance:
        return False
    return rate(measure, value) is Rag.RED


def direction(
    measure: Measure,
    current: tuple[Period, float | None],
    earlier: tuple[Period, float | None] | None,
    *,
    year_on_year: bool = False,
) -> Direction:
    """Direction of travel from ``earlier`` to ``current``.

    Only consecutive periods are compared: the period immediately before (or, with
    ``year_on_year``, the same quarter last year). Anything else, or a missing value on either
    side, is "No comparison". Polarity ``none`` gives Up / Down without a judgement.
    """
    if earlier is None:
        return Direction.NOT_COMPARABLE
    (now_period, now_value), (then_period, then_value) = current, earlier
    expected = now_period.same_period_last_year() if year_on_year else now_period.previous()
    if then_period != expected or is_missing(now_value) or is_missing(then_value):
        return Direction.NOT_COMPARABLE
    assert now_value is not None and then_value is not None
    change = as_displayed(now_value, measure.decimals) - as_displayed(then_value, measure.decimals)
    if change == 0:
        return Direction.NO_CHANGE
    if measure.polarity is Polarity.NONE:
        return Direction.UP if change > 0 else Direction.DOWN
    better = change > 0 if measure.polarity is Polarity.HIGHER_IS_BETTER else change < 0
    return Direction.IMPROVING if better else Direction.WORSENING
