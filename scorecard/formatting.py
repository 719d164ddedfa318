"""Figures and rules written the way a panel paper writes them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from scorecard.catalogue import Counted, Measure, Polarity, Unit
from scorecard.rag import as_displayed
from scorecard.symbols import Symbol


def short_date(day: dt.date) -> str:
    """``24 November 2026``, as a panel paper writes a date in a sentence."""
    return f"{day.day} {day:%B %Y}"


def number(value: float, decimals: int) -> str:
    shown = as_displayed(value, decimals)
    return f"{shown:,.{decimals}f}"


def with_unit(unit: Unit, text: str) -> str:
    return {
        Unit.COUNT: text,
        Unit.PERCENT: f"{text}%",
        Unit.RATE_PER_10K: f"{text} per 10,000",
        Unit.DAYS: f"{text} day" if text == "1" else f"{text} days",
        Unit.SCORE: text,
        Unit.CURRENCY: f"£{text}",
    }[unit]


def value_text(measure: Measure, value: float | None, symbol: Symbol | None = None) -> str:
    """``45.0%``, ``1,234``, or the symbol with its meaning when there is no number."""
    if value is None:
        if symbol is not None:
            return f"{symbol.value} ({symbol.meaning})"
        return "No data"
    return with_unit(measure.unit, number(value, measure.decimals))


def short_value(measure: Measure, value: float | None, symbol: Symbol | None = None) -> str:
    if value is None:
        return symbol.value if symbol is not None else "–"
    return with_unit(measure.unit, number(value, measure.decimals))


def cohort_text(
    numerator: float | None, denominator: float | None, counted: Counted | None = None
) -> str:
    """``23 of 41``, or ``23 of 41 care leavers`` given what the measure counts; empty when
    not known."""
    if numerator is None or denominator is None:
        return ""
    text = f"{number(numerator, 0)} of {number(denominator, 0)}"
    return f"{text} {counted.word(denominator)}" if counted is not None else text


def _places(value: float) -> int:
    """How many decimal places ``value`` has as written (2.5 has 1, 90 has none)."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def target_text(measure: Measure) -> str:
    """The target as it was set: with the measure's decimals, and never rounded to fewer
    places than it has (a target of 2.5 on a whole-number measure is 2.5, not 3, which
    would contradict its rating)."""
    if measure.target is None:
        return "No target"
    places = max(measure.decimals, _places(measure.target))
    return with_unit(measure.unit, number(measure.target, places))


def points(measure: Measure, amount: float) -> str:
    """A difference in the measure's own units: percentage *points* for a percentage.
    A whole number is written whole ("5 percentage points", not "5.0"), and no amount is
    rounded to fewer places than it has (a tolerance of 2.5 is 2.5)."""
    whole = float(amount).is_integer()
    text = number(amount, 0 if whole else max(measure.decimals, _places(amount)))
    if measure.unit is Unit.PERCENT:
        return f"{text} percentage point" + ("" if text == "1" else "s")
    return with_unit(measure.unit, text)


def rule_text(measure: Measure) -> str:
    """The polarity, target and tolerance in plain English, e.g.
    "Higher is better. Target: 95%. Amber within 5 percentage points of target."."""
    parts = [measure.polarity.plain]
    if measure.polarity is Polarity.NONE:
        return parts[0]
    if measure.target is None:
        parts.append("No target has been set, so it is not rated.")
        return " ".join(parts)
    parts.append(f"Target: {target_text(measure)}.")
    if measure.tolerance:
        parts.append(f"Amber within {points(measure, measure.tolerance)} of target.")
    else:
        parts.append("Anything worse than target is Red.")
    return " ".join(parts)


def children_short_text(measure: Measure, short: int) -> str:
    """What the cohort needed, in the people or things the measure counts (children, care
    leavers, councillors, episodes) rather than percentage points."""
    counted = measure.counted.word(short)
    if measure.polarity is Polarity.LOWER_IS_BETTER:
        return f"With {short:,} fewer {counted} counted here, the target would have been met."
    return f"{short:,} more {counted} would have met the target."
