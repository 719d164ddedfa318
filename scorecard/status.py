"""Where each measure stands in a period: value, RAG, direction of travel.

This is the assessment every view shows. It works on the current observations from
:meth:`scorecard.storage.store.Store.current_observations`, either as that frame or, much
faster when a page asks about many measures, as the :func:`index` built from it once per
data version: every function here accepts both.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from scorecard import formatting
from scorecard.catalogue import (
    AGE_BANDS,
    ALL,
    CARE_LEAVER_AGES,
    Catalogue,
    Frequency,
    Measure,
    Polarity,
    Unit,
)
from scorecard.periods import Period, PeriodKind
from scorecard.rag import RAG_ORDER, Direction, Rag, direction, rate
from scorecard.storage.store import period_of
from scorecard.symbols import Symbol
from scorecard.variation import Analysis, VariationError, analyse_measure


@dataclass(frozen=True)
class Reading:
    """One observation as the views need it."""

    period: Period
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    symbol: Symbol | None = None
    note: str | None = None


@dataclass(frozen=True)
class MeasureStatus:
    measure: Measure
    reading: Reading | None
    rag: Rag
    previous: Reading | None
    vs_previous: Direction
    last_year: Reading | None
    vs_last_year: Direction
    # Is the change real? Statistical process control of the quarters up to this one; None
    # for an annual measure, fewer than six quarters, or a series with a hidden quarter.
    variation: Analysis | None = None

    @property
    def value(self) -> float | None:
        return self.reading.value if self.reading else None

    @property
    def children_short_of_target(self) -> int | None:
        """How many more children (or whatever the measure counts) would have met the target
        (SPEC §3), where n / N is known."""
        if self.rag not in (Rag.AMBER, Rag.RED) or self.reading is None:
            return None
        return children_short(self.measure, self.reading.numerator, self.reading.denominator)


def children_short(
    measure: Measure, numerator: float | None, denominator: float | None
) -> int | None:
    """Fewest children whose outcome would have had to change for the cohort to meet target.

    Higher is better: the smallest k with (n + k) / N >= target. Lower is better: the
    smallest k with (n - k) / N <= target. Worked on whole children, so 23 of 41 (56.1%)
    against 60% needs 2 more (25 of 41 = 61.0%; 24 of 41 = 58.5% is still short).
    """
    if measure.unit is not Unit.PERCENT or measure.target is None:
        return None
    if numerator is None or not denominator:
        return None
    needed = measure.target * denominator / 100
    if measure.polarity is Polarity.HIGHER_IS_BETTER:
        short = math.ceil(round(needed - numerator, 9))
    elif measure.polarity is Polarity.LOWER_IS_BETTER:
        short = math.ceil(round(numerator - needed, 9))
    else:
        return None
    return max(short, 0)


Histories = dict[tuple[str, str], list[Reading]]
"""Readings by (measure id, breakdown), oldest first."""


def index(observations: pd.DataFrame) -> Histories:
    """Every reading, grouped by measure and breakdown in one pass over the frame."""
    found: Histories = {}
    ordered = observations.sort_values("period_end", kind="stable")
    # Plain Python lists: iterating pandas columns yields numpy scalars, several times slower.
    columns = ["measure_id", "breakdown", "period", "value", "numerator", "denominator"]
    lists = [ordered[c].tolist() for c in columns]
    symbols, notes = ordered["symbol"].tolist(), ordered["note"].tolist()
    for measure_id, breakdown, period, value, numerator, denominator, symbol, note in zip(
        *lists, symbols, notes, strict=True
    ):
        found.setdefault((measure_id, breakdown), []).append(
            Reading(
                period=period_of(period),
                value=number_or_none(value),
                numerator=number_or_none(numerator),
                denominator=number_or_none(denominator),
                symbol=symbol,
                note=note if isinstance(note, str) and note else None,
            )
        )
    return found


def number_or_none(value: object) -> float | None:
    """A stored or published number as a float; None where there is none (missing, NaN)."""
    if value is None or value != value:  # missing, or NaN (the only value unequal to itself)
        return None
    return float(value)  # type: ignore[arg-type]


def as_histories(observations: pd.DataFrame | Histories) -> Histories:
    """The observations as :data:`Histories`: indexed if a frame, else as they are."""
    return index(observations) if isinstance(observations, pd.DataFrame) else observations


def readings(
    observations: pd.DataFrame | Histories, measure_id: str, breakdown: str = ALL
) -> list[Reading]:
    """A measure's readings for one breakdown, oldest first."""
    if isinstance(observations, pd.DataFrame):
        observations = observations[
            (observations["measure_id"] == measure_id) & (observations["breakdown"] == breakdown)
        ]
    return list(as_histories(observations).get((measure_id, breakdown), []))


def reporting_period_for(
    measure: Measure, quarter: Period, history: list[Reading]
) -> Period | None:
    """Which of a measure's periods a quarterly view shows: the quarter itself, or for an
    annual measure the latest year with a figure that had ended by the end of the quarter
    (exam results and health returns arrive months after their year ends)."""
    if measure.frequency is Frequency.QUARTERLY:
        return quarter
    ended = [r.period for r in history if r.period.end <= quarter.end]
    return max(ended) if ended else None


def assess(measure: Measure, history: list[Reading], quarter: Period) -> MeasureStatus:
    by_period = {r.period: r for r in history}
    shown_period = reporting_period_for(measure, quarter, history)
    reading = by_period.get(shown_period) if shown_period else None
    previous = last_year = None
    vs_previous = vs_last_year = Direction.NOT_COMPARABLE
    if shown_period is not None and reading is not None:
        previous = by_period.get(shown_period.previous())
        last_year = by_period.get(shown_period.same_period_last_year())
        now = (shown_period, reading.value)
        if previous is not None:
            vs_previous = direction(measure, now, (previous.period, previous.value))
        if last_year is not None:
            vs_last_year = direction(
                measure, now, (last_year.period, last_year.value), year_on_year=True
            )
    return MeasureStatus(
        measure=measure,
        reading=reading,
        rag=rate(measure, reading.value if reading else None),
        previous=previous,
        vs_previous=vs_previous,
        last_year=last_year,
        vs_last_year=vs_last_year,
        variation=variation_of(measure, history, shown_period) if reading else None,
    )


def variation_of(measure: Measure, history: list[Reading], upto: Period | None) -> Analysis | None:
    """Statistical process control of a quarterly measure's readings up to ``upto``, or None
    where it cannot be worked out. A series with a hidden quarter (``c``) gets none: a public
    output computes nothing from what it does not show."""
    if upto is None or upto.kind is not PeriodKind.QUARTER:
        return None
    if measure.frequency is not Frequency.QUARTERLY:
        return None
    shown = [r for r in history if r.period.end <= upto.end]
    if any(r.symbol == Symbol.SUPPRESSED for r in shown):
        return None
    try:
        return analyse_measure(measure, [(r.period, r.value) for r in shown], upto)
    except VariationError:
        return None


def assess_all(
    catalogue: Catalogue, observations: pd.DataFrame | Histories, quarter: Period
) -> list[MeasureStatus]:
    """Every measure of the catalogue, in catalogue order, as it stood in ``quarter``."""
    histories = as_histories(observations)
    return [assess(m, histories.get((m.id, ALL), []), quarter) for m in catalogue.measures]


def reporting_quarters(observations: pd.DataFrame | Histories) -> list[Period]:
    """Quarters that have any data, oldest first."""
    if isinstance(observations, pd.DataFrame):
        periods = {period_of(label) for label in observations["period"].unique()}
    else:
        periods = {r.period for history in observations.values() for r in history}
    return sorted(p for p in periods if p.kind is PeriodKind.QUARTER)


def rag_counts(statuses: list[MeasureStatus]) -> dict[Rag, int]:
    counted = Counter(s.rag for s in statuses)
    return {rag: counted.get(rag, 0) for rag in RAG_ORDER}


def breakdown_values(
    observations: pd.DataFrame | Histories, measure: Measure, quarter: Period
) -> dict[str, float | None]:
    """The measure's breakdowns (age bands…) in catalogue order for the period shown."""
    histories = as_histories(observations)
    shown = reporting_period_for(measure, quarter, histories.get((measure.id, ALL), []))
    values: dict[str, float | None] = {}
    for breakdown in measure.breakdowns:
        found = [r for r in histories.get((measure.id, breakdown), []) if r.period == shown]
        values[breakdown] = found[0].value if found else None
    return values


def breakdown_label(measure: Measure) -> str:
    if set(measure.breakdowns) <= set(AGE_BANDS) | set(CARE_LEAVER_AGES):
        return "age"
    return "type"


def history_table(measure: Measure, history: list[Reading]) -> pd.DataFrame:
    """Every period's figure with its RAG and direction, newest first, as text to read."""
    records = []
    for i, reading in enumerate(history):
        earlier = history[i - 1] if i else None
        change = direction(
            measure,
            (reading.period, reading.value),
            (earlier.period, earlier.value) if earlier else None,
        )
        rag = rate(measure, reading.value)
        records.append(
            {
                "Period": reading.period.label,
                "Value": formatting.value_text(measure, reading.value, reading.symbol),
                "Of (n / N)": formatting.cohort_text(reading.numerator, reading.denominator),
                "Status": rag.badge,
                "Since last period": f"{change.arrow} {change.value}".strip(),
                "Note": reading.note or "",
            }
        )
    return pd.DataFrame.from_records(records[::-1], columns=_HISTORY_COLUMNS)


_HISTORY_COLUMNS = ["Period", "Value", "Of (n / N)", "Status", "Since last period", "Note"]


def recent(
    observations: pd.DataFrame | Histories, measure: Measure, quarter: Period, count: int
) -> list[Reading]:
    """The measure's readings in the ``count`` quarters up to and including ``quarter``;
    for an annual measure, the years that ended within those quarters."""
    window = quarter
    for _ in range(count):
        window = window.previous()
    return [
        r for r in readings(observations, measure.id) if window.end < r.period.end <= quarter.end
    ]


def trend_table(
    measures: list[Measure], histories: dict[str, list[Reading]], quarters: list[Period]
) -> pd.DataFrame:
    """One row per measure, one column per quarter: the small multiples as figures. A year's
    figure sits in the quarter its year ended in, labelled with its year."""
    records = []
    for m in measures:
        row = {"Measure": m.name}
        for r in histories.get(m.id, []):
            column = r.period if r.period.quarter else Period.containing(r.period.end)
            text = formatting.short_value(m, r.value, r.symbol)
            row[column.label] = text if r.period.quarter else f"{text} ({r.period.label})"
        records.append(row)
    columns = ["Measure", *[q.label for q in quarters]]
    return pd.DataFrame.from_records(records, columns=columns).fillna("")


def quarters_to(quarter: Period, count: int) -> list[Period]:
    """The ``count`` quarters ending with ``quarter``, oldest first."""
    found = [quarter]
    while len(found) < count:
        found.insert(0, found[0].previous())
    return found
