"""Is the change real? Statistical process control on a quarterly series (SPEC §3).

An XmR chart as NHS boards use it ("Making Data Count"), ported from the reference
implementation, NHS-R ``NHSRplotthedots`` 0.2.2 (``R/ptd_spc_standard.R``,
``R/ptd_calculate_point_type.R``, ``R/ptd_calculate_assurance_type.R``), with outlier
screening off as in Making Data Count's Excel tool:

- the limits are the mean ± 2.66 × the mean moving range; two thirds of the way out is the
  "2σ" line, between which and the limits a point is *close to the limits*;
- each point gets the first rule it breaks, in this order: outside the limits; part of a trend
  of 7 points each higher (or each lower) than the last; one of two-of-three points close to
  the limits on the same side of the mean; part of a run of 7 on one side of the mean (a point
  exactly on the mean breaks a run). Every point of a pattern is marked.
- the latest point gives the **variation** (judged with the measure's polarity), and the
  latest limits against the target give the **assurance**.

A declared step change (``[[measures.rebase]]`` in the catalogue, e.g. a change of definition)
starts a new segment with its own mean and limits. Under 12 points in the latest segment the
limits are *trial* limits; under 6 there is no analysis. Quarters with no number (a symbol, or
no figure) are left out of the series, and the analysis says which.

Pure: no streamlit, no storage. :func:`analyse` works on plain values.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from scorecard.catalogue import Frequency, Measure, Polarity, StepChange
from scorecard.errors import ScorecardError
from scorecard.periods import Period, PeriodKind

LIMIT = 2.66  # × mean moving range: the 3σ process limits (2.66 = 3 / 1.128)
NEAR = 2 * LIMIT / 3  # the 2σ line
TRIAL_BELOW = 12  # points in a segment before its limits are more than "trial" limits
FEWEST = 6  # points in the latest segment below which nothing is worked out
RUN = 7  # points in a trend, or on one side of the mean


class SpecialCause(StrEnum):
    """Which rule a point breaks (the first, in the reference's order)."""

    ABOVE_UPPER = "above upper limit"
    BELOW_LOWER = "below lower limit"
    TREND_UP = "trend up"
    TREND_DOWN = "trend down"
    TWO_OF_THREE_ABOVE = "two of three above"
    TWO_OF_THREE_BELOW = "two of three below"
    RUN_ABOVE = "run above"
    RUN_BELOW = "run below"

    @property
    def upward(self) -> bool:
        return self in _UPWARD

    @property
    def explained(self) -> str:
        """The rule, in words a panel member reads on the Measure page."""
        return _EXPLAINED[self]


_UPWARD = {
    SpecialCause.ABOVE_UPPER,
    SpecialCause.TREND_UP,
    SpecialCause.TWO_OF_THREE_ABOVE,
    SpecialCause.RUN_ABOVE,
}

_EXPLAINED = {
    SpecialCause.ABOVE_UPPER: "a quarter above the upper process limit",
    SpecialCause.BELOW_LOWER: "a quarter below the lower process limit",
    SpecialCause.TREND_UP: f"{RUN} quarters in a row, each higher than the one before",
    SpecialCause.TREND_DOWN: f"{RUN} quarters in a row, each lower than the one before",
    SpecialCause.TWO_OF_THREE_ABOVE: "two of three quarters close to the upper limit",
    SpecialCause.TWO_OF_THREE_BELOW: "two of three quarters close to the lower limit",
    SpecialCause.RUN_ABOVE: f"{RUN} quarters in a row above the average",
    SpecialCause.RUN_BELOW: f"{RUN} quarters in a row below the average",
}


class Variation(StrEnum):
    COMMON = "common cause"
    IMPROVEMENT = "special cause improvement"
    CONCERN = "special cause concern"
    NEITHER = "special cause neither"

    @property
    def icon(self) -> str:
        """A shape as well as words: never colour alone."""
        return "≈" if self is Variation.COMMON else "◆"

    @property
    def label(self) -> str:
        """Icon and words, e.g. "◆ Special cause concern"."""
        words = "Special cause" if self is Variation.NEITHER else self.value.capitalize()
        return f"{self.icon} {words}"

    @property
    def is_special(self) -> bool:
        return self is not Variation.COMMON


class Assurance(StrEnum):
    PASSING = "consistently passing"
    HIT_AND_MISS = "hit and miss"
    FAILING = "consistently failing"

    @property
    def label(self) -> str:
        icon = {"consistently passing": "✓", "hit and miss": "↕", "consistently failing": "✗"}
        return f"{icon[self.value]} {self.value.capitalize()}"

    @property
    def sentence(self) -> str:
        return ASSURANCE_SENTENCES[self]


class VariationError(ScorecardError):
    """A series on which statistical process control cannot be worked out."""


@dataclass(frozen=True)
class Point:
    period: Period
    value: float
    special_cause: SpecialCause | None
    segment: int  # 0 for the first segment, 1 after the first step change, ...


@dataclass(frozen=True)
class Segment:
    """A stretch of the series with one mean and one set of limits."""

    number: int  # as Point.segment
    start: Period
    points: int
    mean: float
    lower: float
    upper: float
    lower_near: float  # the 2σ lines
    upper_near: float
    reason: str | None  # why the limits were recalculated here; None for the first

    @property
    def trial(self) -> bool:
        return self.points < TRIAL_BELOW


@dataclass(frozen=True)
class Analysis:
    points: tuple[Point, ...]
    segments: tuple[Segment, ...]
    variation: Variation
    assurance: Assurance | None
    left_out: tuple[Period, ...]  # quarters in the span with no number

    @property
    def latest(self) -> Segment:
        return self.segments[-1]

    @property
    def trial(self) -> bool:
        return self.latest.trial


# -- the rules, on one segment ------------------------------------------------------------


def _sign(x: float, tolerance: float) -> int:
    if x > tolerance:
        return 1
    if x < -tolerance:
        return -1
    return 0


def _trend_ends(values: Sequence[float], tolerance: float) -> list[int]:
    """1 (or -1) at the last point of 7 each higher (lower) than the last, else 0."""
    steps = [_sign(b - a, tolerance) for a, b in itertools.pairwise(values)]
    ends = [0] * len(values)
    for i in range(RUN - 1, len(values)):
        window = steps[i - RUN + 1 : i]
        if all(s == 1 for s in window):
            ends[i] = 1
        elif all(s == -1 for s in window):
            ends[i] = -1
    return ends


def _run_ends(sides: Sequence[int]) -> list[int]:
    """1 (or -1) at the last point of 7 in a row above (below) the mean, else 0."""
    ends = [0] * len(sides)
    for i in range(RUN - 1, len(sides)):
        window = sides[i - RUN + 1 : i + 1]
        if sides[i] != 0 and all(s == sides[i] for s in window):
            ends[i] = sides[i]
    return ends


def _part_of(ends: Sequence[int]) -> list[bool]:
    """Every point of a pattern whose last point is marked in ``ends`` (it or one of the 6
    after it ends a pattern)."""
    return [any(ends[i : i + RUN]) for i in range(len(ends))]


def _two_of_three(close: Sequence[bool], sides: Sequence[int]) -> list[bool]:
    """Points close to the limits that are two (or three) of three consecutive points close
    to the limits, all three on the same side of the mean."""
    n = len(close)
    marked = [False] * n
    for start in range(n - 2):
        window = range(start, start + 3)
        if sum(close[i] for i in window) >= 2 and abs(sum(sides[i] for i in window)) == 3:
            for i in window:
                marked[i] = marked[i] or close[i]
    return marked


def _causes(values: Sequence[float], segment: Segment) -> list[SpecialCause | None]:
    spread = segment.upper - segment.mean
    # Floating-point noise must not decide a rule: a point a hair from the mean is on it.
    tolerance = 1e-9 * max(1.0, abs(segment.mean), abs(spread))
    sides = [_sign(v - segment.mean, tolerance) for v in values]
    outside = [v - segment.upper > tolerance or segment.lower - v > tolerance for v in values]
    close = [
        not out and (segment.lower_near - v > tolerance or v - segment.upper_near > tolerance)
        for v, out in zip(values, outside, strict=True)
    ]
    trend = _part_of(_trend_ends(values, tolerance))
    two = _two_of_three(close, sides)
    run = _part_of(_run_ends(sides))
    found: list[SpecialCause | None] = []
    for i, value in enumerate(values):
        above = sides[i] > 0
        if outside[i]:
            found.append(SpecialCause.ABOVE_UPPER if above else SpecialCause.BELOW_LOWER)
        elif trend[i]:
            # The reference reads a trend point's direction towards the next point when that
            # is in a trend too, else from the point before.
            if i + 1 < len(values) and trend[i + 1]:
                rising = _sign(values[i + 1] - value, tolerance) == 1
            else:
                rising = i > 0 and _sign(value - values[i - 1], tolerance) == 1
            found.append(SpecialCause.TREND_UP if rising else SpecialCause.TREND_DOWN)
        elif two[i]:
            found.append(
                SpecialCause.TWO_OF_THREE_ABOVE if above else SpecialCause.TWO_OF_THREE_BELOW
            )
        elif run[i]:
            found.append(SpecialCause.RUN_ABOVE if above else SpecialCause.RUN_BELOW)
        else:
            found.append(None)
    return found


def limits(
    values: Sequence[float], start: Period, reason: str | None = None, number: int = 0
) -> Segment:
    """Mean and process limits of one segment (at least two values)."""
    mean = sum(values) / len(values)
    ranges = [abs(b - a) for a, b in itertools.pairwise(values)]
    moving = sum(ranges) / len(ranges)
    return Segment(
        number=number,
        start=start,
        points=len(values),
        mean=mean,
        lower=mean - LIMIT * moving,
        upper=mean + LIMIT * moving,
        lower_near=mean - NEAR * moving,
        upper_near=mean + NEAR * moving,
        reason=reason,
    )


# -- a series -----------------------------------------------------------------------------


def _variation(cause: SpecialCause | None, polarity: Polarity) -> Variation:
    if cause is None:
        return Variation.COMMON
    if polarity is Polarity.NONE:
        return Variation.NEITHER
    good = cause.upward == (polarity is Polarity.HIGHER_IS_BETTER)
    return Variation.IMPROVEMENT if good else Variation.CONCERN


def assurance(segment: Segment, polarity: Polarity, target: float | None) -> Assurance | None:
    """Whether the target will be met reliably: beyond the limits on the good side (always
    passing), inside them (hit and miss), beyond them on the bad side (always failing)."""
    if target is None or polarity is Polarity.NONE:
        return None
    higher = polarity is Polarity.HIGHER_IS_BETTER
    if target > segment.upper:
        return Assurance.FAILING if higher else Assurance.PASSING
    if target < segment.lower:
        return Assurance.PASSING if higher else Assurance.FAILING
    return Assurance.HIT_AND_MISS


def analyse(
    series: Sequence[tuple[Period, float | None]],
    polarity: Polarity,
    target: float | None = None,
    steps: Sequence[StepChange] = (),
) -> Analysis:
    """Statistical process control of a quarterly series, oldest first.

    Quarters without a number are left out (and listed in ``left_out``); a step change
    starts a new segment at its quarter. Raises :class:`VariationError` when the latest
    segment has fewer than 6 numbers.
    """
    ordered = sorted(series, key=lambda item: item[0].end)
    known = [(period, value) for period, value in ordered if value is not None]
    left_out = tuple(period for period, value in ordered if value is None)
    if known:
        present = {period for period, _ in known}
        span = _quarters(known[0][0], known[-1][0])
        left_out = tuple(sorted(set(left_out) | (set(span) - present), key=lambda p: p.end))
    changes = sorted(
        (s for s in steps if known and known[0][0].end < s.quarter.end), key=lambda s: s.quarter.end
    )
    groups: list[tuple[Period, str | None, list[tuple[Period, float]]]] = []
    for period, value in known:
        while changes and changes[0].quarter.end <= period.end:
            change = changes.pop(0)
            groups.append((period, change.reason, []))
        if not groups:
            groups.append((period, None, []))
        groups[-1][2].append((period, value))
    groups = [g for g in groups if g[2]]
    if not groups or len(groups[-1][2]) < FEWEST:
        have = len(groups[-1][2]) if groups else 0
        since = f" since the step change in {groups[-1][0].label}" if len(groups) > 1 else ""
        raise VariationError(
            f"Too few quarters to tell a real change from the normal ups and downs: "
            f"{have} with a number{since}; statistical process control needs at least "
            f"{FEWEST}."
        )
    points: list[Point] = []
    segments: list[Segment] = []
    for number, (start, reason, members) in enumerate(groups):
        values = [value for _, value in members]
        causes: list[SpecialCause | None] = [None] * len(values)
        if len(values) >= 2:  # an earlier stretch of one point has no moving range
            segment = limits(values, start, reason, number)
            segments.append(segment)
            if len(values) >= FEWEST:  # a shorter earlier stretch is drawn, not judged
                causes = _causes(values, segment)
        points.extend(
            Point(period, value, cause, number)
            for (period, value), cause in zip(members, causes, strict=True)
        )
    latest = segments[-1]
    return Analysis(
        points=tuple(points),
        segments=tuple(segments),
        variation=_variation(points[-1].special_cause, polarity),
        assurance=assurance(latest, polarity, target),
        left_out=left_out,
    )


def spans(analysis: Analysis, labels: Sequence[str]) -> list[tuple[Segment, int, int]]:
    """Each segment with the positions of the first and last of ``labels`` (the quarters a
    chart shows) it covers, for drawing its limits; a segment the chart does not reach is
    left out."""
    position = {label: i for i, label in enumerate(labels)}
    found = []
    for segment in analysis.segments:
        members = [
            position[p.period.label]
            for p in analysis.points
            if p.segment == segment.number and p.period.label in position
        ]
        if members:
            found.append((segment, min(members), max(members)))
    return found


def _quarters(first: Period, last: Period) -> list[Period]:
    quarters, current = [], first
    while current.end <= last.end:
        quarters.append(current)
        current = current.next()
    return quarters


def analyse_measure(
    measure: Measure, series: Sequence[tuple[Period, float | None]], upto: Period
) -> Analysis:
    """:func:`analyse` for a catalogue measure's quarterly readings up to ``upto``."""
    if measure.frequency is not Frequency.QUARTERLY:
        raise VariationError(
            f"{measure.id} ({measure.name}) is an annual measure; statistical process control "
            "here is for quarterly series (a year's figure has too few points to judge)."
        )
    quarterly = [
        (period, value)
        for period, value in series
        if period.kind is PeriodKind.QUARTER and period.end <= upto.end
    ]
    return analyse(quarterly, measure.polarity, measure.target, measure.rebase)


# -- in words -------------------------------------------------------------------------------

_NUMBERS = {7: "Seven", 8: "Eight", 9: "Nine", 10: "Ten", 11: "Eleven", 12: "Twelve"}


def _in_a_row(analysis: Analysis, cause: SpecialCause) -> int:
    """How many quarters, up to the latest, keep the pattern going: on the same side of the
    mean for a run, each higher (or lower) than the last for a trend."""
    latest = analysis.points[-1]
    mean = analysis.latest.mean
    points = [p for p in analysis.points if p.segment == latest.segment]
    count = 1
    for before, after in zip(reversed(points[:-1]), reversed(points[1:]), strict=True):
        if cause in (SpecialCause.RUN_ABOVE, SpecialCause.RUN_BELOW):
            going = (before.value > mean) if cause.upward else (before.value < mean)
        else:
            going = (after.value > before.value) if cause.upward else (after.value < before.value)
        if not going:
            break
        count += 1
    return count


def sentence(analysis: Analysis) -> str:
    """What the latest quarter's variation means, in a panel member's words."""
    latest = analysis.points[-1]
    cause = latest.special_cause
    quarters = sum(1 for p in analysis.points if p.segment == latest.segment)
    if cause is None:
        said = f"Within the normal ups and downs of the last {quarters} quarters"
    elif cause in (SpecialCause.RUN_ABOVE, SpecialCause.RUN_BELOW):
        count = _in_a_row(analysis, cause)
        side = "above" if cause.upward else "below"
        said = (
            f"{_NUMBERS.get(count, str(count))} quarters in a row {side} the average: a real change"
        )
    elif cause in (SpecialCause.TREND_UP, SpecialCause.TREND_DOWN):
        count = _in_a_row(analysis, cause)
        way = "higher" if cause.upward else "lower"
        said = (
            f"{_NUMBERS.get(count, str(count))} quarters in a row, each {way} than the one "
            "before: a real change"
        )
    elif cause in (SpecialCause.ABOVE_UPPER, SpecialCause.BELOW_LOWER):
        way = "higher" if cause.upward else "lower"
        said = f"{way.capitalize()} than the normal ups and downs would give: a real change"
    else:
        side = "upper" if cause.upward else "lower"
        said = f"Two of the last three quarters close to the {side} limit: a real change"
    if analysis.trial:
        said += f" (trial limits: only {quarters} quarters so far)"
    return said + "."


ASSURANCE_SENTENCES = {
    Assurance.PASSING: "The target will be met reliably if nothing changes.",
    Assurance.HIT_AND_MISS: "The target is inside the normal ups and downs: met some quarters, "
    "missed in others.",
    Assurance.FAILING: "The target will not be met unless something changes.",
}


def as_json(
    analysis: Analysis, measure_id: str, breakdown: str, period: Period
) -> dict[str, object]:
    """The command line's ``variation --json`` object (a contract: keep its keys)."""
    latest = analysis.latest
    return {
        "measure_id": measure_id,
        "breakdown": breakdown,
        "period": period.label,
        "mean": latest.mean,
        "lower": latest.lower,
        "upper": latest.upper,
        "trial": analysis.trial,
        "points": [
            {
                "period": point.period.label,
                "value": point.value,
                "special_cause": point.special_cause.value if point.special_cause else None,
            }
            for point in analysis.points
        ],
        "variation": analysis.variation.value,
        "assurance": analysis.assurance.value if analysis.assurance else None,
    }


def in_words(analysis: Analysis) -> str:
    """Variation and assurance as a tile, slide or paper says them: icon, words, sentence."""
    said = f"{analysis.variation.label}: {sentence(analysis)}"
    if analysis.assurance is not None:
        said += f" Target: {analysis.assurance.label.lower()}. {analysis.assurance.sentence}"
    return said


def explanation(analysis: Analysis) -> list[str]:
    """Everything the Measure page says about the analysis, one plain sentence a line:
    what the latest quarter shows, which rule each special-cause stretch broke, where and
    why the limits were recalculated, what was left out, and the assurance."""
    lines = [f"{analysis.variation.label}: {sentence(analysis)}"]
    stretches: list[tuple[SpecialCause, list[Point]]] = []
    for point in analysis.points:
        if point.special_cause is None:
            continue
        last = stretches[-1] if stretches else None
        if last and last[0] is point.special_cause and last[1][-1].segment == point.segment:
            last[1].append(point)
        else:
            stretches.append((point.special_cause, [point]))
    for cause, points in stretches:
        first, final = points[0].period.label, points[-1].period.label
        when = first if first == final else f"{first} to {final}"
        lines.append(f"{when}: special cause, {cause.explained}.")
    for segment in analysis.segments[1:]:
        lines.append(
            f"Limits recalculated from {segment.start.label}: {segment.reason}"
            + ("" if (segment.reason or "").endswith(".") else ".")
        )
    latest = analysis.latest
    lines.append(
        f"Average {latest.mean:.4g}; process limits {latest.lower:.4g} to {latest.upper:.4g} "
        f"(from {latest.points} quarters"
        + (", trial limits until there are 12)." if latest.trial else ").")
    )
    if analysis.left_out:
        lines.append("Left out (no number): " + ", ".join(p.label for p in analysis.left_out) + ".")
    if analysis.assurance is not None:
        lines.append(f"Target: {analysis.assurance.label.lower()}. {analysis.assurance.sentence}")
    return lines
