"""Disclosure control for anything published (SPEC §3, DfE convention).

Counts from 1 to the threshold (5 unless the council's information-governance policy says
otherwise, through ``SCORECARD_SUPPRESSION_THRESHOLD``) are shown as ``c``; so is a count
that is not whole and would round into that range, or is above zero but would round to it
(0.6, 5.4). A percentage or rate is ``c`` when its numerator or denominator is in that range,
or unknown: when only one of them was given the other is worked out from the figure (25% of
8 young people is 2 of them); when neither can be, the figure is hidden (fail closed). Zero
stays zero. A figure an officer uploaded as ``c`` stays hidden.

Then secondary suppression, per count measure and period, where the breakdowns add up to the
``All`` total, so that a reader who knows the rule cannot work a hidden part out
(:mod:`scorecard.disclosure.tables`). Measures the catalogue declares to share their total
(``[[shared_totals]]``) are one table: a total hidden in one is hidden in all of them.

Releases remember: once a period has been published, a later output of it shows each table
either exactly as before, or (when it changed and either output hides something) with the
whole table hidden, so two releases cannot be subtracted from each other.

Numerators, denominators and notes are never published: only the figure itself. Commentary
is published only when an officer has approved that exact text (:func:`text_key`), so an
edited text needs approving again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from scorecard.catalogue import ALL, Catalogue, Unit
from scorecard.disclosure import tables as tables_
from scorecard.disclosure.tables import small
from scorecard.errors import ScorecardError
from scorecard.periods import Period, parse_period
from scorecard.records import Commentary
from scorecard.symbols import Symbol

DEFAULT_THRESHOLD = 5
THRESHOLD_VARIABLE = "SCORECARD_SUPPRESSION_THRESHOLD"
_MOST = 100


class DisclosureSettingError(ScorecardError):
    """The suppression threshold in the configuration cannot be used."""


def configured_threshold(environ: Mapping[str, str] | None = None) -> int:
    """The largest count that is hidden: ``$SCORECARD_SUPPRESSION_THRESHOLD``, else 5."""
    raw = (os.environ if environ is None else environ).get(THRESHOLD_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_THRESHOLD
    try:
        threshold = int(raw)
    except ValueError:
        threshold = 0
    if not 1 <= threshold <= _MOST:
        raise DisclosureSettingError(
            f"{THRESHOLD_VARIABLE} is '{raw}': it must be a whole number of children from 1 "
            f"to {_MOST}, e.g. {DEFAULT_THRESHOLD} (counts from 1 to it are hidden)."
        )
    return threshold


def suppression_note(threshold: int) -> str:
    """What ``c`` means, for the foot of every published table."""
    return (
        f"c = hidden to protect children's privacy: {threshold} or fewer children, or a "
        "figure that would let such a number be worked out. Zero is shown as 0 unless its "
        "whole table is hidden."
    )


def _cohort(
    value: float, numerator: float, denominator: float, scale: float
) -> tuple[float, float]:
    """Numerator and denominator of a percentage or rate, the missing one (NaN) worked out
    from the other and the figure, to the nearest whole child: a reader can do the same sum.

    A figure that is not zero is of at least one child, however it rounds.
    """
    has_n, has_d = not pd.isna(numerator), not pd.isna(denominator)
    if pd.isna(value) or has_n == has_d:
        return numerator, denominator
    if has_d:
        children = float(round(value * denominator / scale))
        return (max(children, 1.0) if value > 0 else children), denominator
    if value > 0:
        return numerator, float(round(numerator * scale / value))
    return numerator, denominator  # 0% of an unknown number of children: still unknown


@dataclass(frozen=True)
class Release:
    """What one earlier public output showed of one period: every figure as published."""

    period: Period
    published_at: dt.datetime
    # (measure_id, breakdown) -> the figure shown; None where it was shown as c (hidden).
    # A figure that was not in the output at all is simply absent.
    shown: Mapping[tuple[str, str], float | None]


def releases_of(published: pd.DataFrame, published_at: dt.datetime) -> list[Release]:
    """The Release of each period in a frame returned by :func:`publishable`. A figure with
    no number that was not hidden (``x``, ``z``) says nothing, so it is left out."""
    shown: dict[str, dict[tuple[str, str], float | None]] = {}
    periods: dict[str, Period] = {}
    for row in published.itertuples():
        label = str(row.period)
        periods.setdefault(
            label, row.period if isinstance(row.period, Period) else parse_period(label)
        )
        cells = shown.setdefault(label, {})
        if row.symbol == Symbol.SUPPRESSED:
            cells[(row.measure_id, row.breakdown)] = None
        elif not pd.isna(row.value):
            cells[(row.measure_id, row.breakdown)] = float(row.value)
    return [Release(periods[label], published_at, cells) for label, cells in shown.items()]


def _primary(row: object, unit: Unit | None, threshold: int) -> bool:
    """Whether one figure is hidden in its own right."""
    value = row.value  # type: ignore[attr-defined]
    if row.symbol == Symbol.SUPPRESSED:  # type: ignore[attr-defined]
        return True
    if unit is None or pd.isna(value):
        return False
    if unit is Unit.COUNT:
        return small(value, threshold)
    if unit.scale is None:
        return False
    numerator, denominator = _cohort(
        value,
        row.numerator,  # type: ignore[attr-defined]
        row.denominator,  # type: ignore[attr-defined]
        unit.scale,
    )
    # Without both sides nobody can say how few children the figure is about: hidden.
    if pd.isna(numerator) or pd.isna(denominator):
        return True
    if denominator <= 0 or (value > 0 and numerator <= 0):
        return True  # sides that do not fit the figure: nobody can say what it is about
    return small(numerator, threshold) or small(denominator, threshold)


@dataclass
class _Table:
    """One count measure in one period: the row of its total and of each part, in the
    catalogue's order (breakdowns it does not list come after, as given)."""

    measure_id: str
    period: str
    total: int | None
    parts: list[int]
    labels: dict[int, str]  # row -> breakdown


def publishable(
    catalogue: Catalogue,
    observations: pd.DataFrame,
    threshold: int | None = None,
    *,
    releases: Sequence[Release] = (),
) -> pd.DataFrame:
    """A copy of ``observations`` safe to publish: suppressed cells have no value and ``c``.

    ``threshold`` defaults to the configured one (:func:`configured_threshold`).
    ``releases`` are earlier public outputs: a table of a period they showed is shown again
    exactly as they showed it, or hidden whole (see the module's description).
    """
    if threshold is None:
        threshold = configured_threshold()
    units = {m.id: m.unit for m in catalogue.measures}
    frame = observations.reset_index(drop=True)
    hidden = [_primary(row, units.get(row.measure_id), threshold) for row in frame.itertuples()]
    values = frame["value"].tolist()
    symbols = frame["symbol"].tolist()
    tables = _tables(catalogue, frame, units)

    def number(row: int | None) -> float | None:
        if row is None or symbols[row] == Symbol.NOT_APPLICABLE or pd.isna(values[row]):
            return None
        return float(values[row])

    partners = _partners(catalogue)
    earlier: dict[str, list[Release]] = {}
    for release in releases:
        earlier.setdefault(str(release.period), []).append(release)
    forced: set[tuple[str, str]] = set()
    outcome: dict[tuple[str, str], tuple[bool, tuple[bool, ...]]] = {}
    pending = set(tables)
    while pending:
        for key in pending:
            table = tables[key]
            total = number(table.total)
            if total is None:  # a measure sharing its total may take it from another
                total = next(
                    (
                        number(tables[(m, key[1])].total)
                        for m in partners.get(key[0], ())
                        if (m, key[1]) in tables and number(tables[(m, key[1])].total) is not None
                    ),
                    None,
                )
            parts = [0.0 if symbols[r] == Symbol.NOT_APPLICABLE else number(r) for r in table.parts]
            small_total = table.total is not None and hidden[table.total]
            outcome[key] = tables_.publish(
                total,
                parts,
                [hidden[r] for r in table.parts],
                threshold,
                total_hidden=small_total or key in forced,
                has_total=number(table.total) is not None,
                structural=[symbols[r] == Symbol.NOT_APPLICABLE for r in table.parts],
                earlier=[_earlier_view(table, r) for r in earlier.get(key[1], ())],
            )
        pending = set()
        for key, (total_hidden, _) in outcome.items():
            for other in partners.get(key[0], ()):
                pair = (other, key[1])
                if (
                    pair in tables
                    and pair not in forced
                    and (total_hidden or _disagree(tables, key, pair, number))
                ):
                    forced.update({key, pair})
                    pending.update({key, pair})
        pending = {k for k in pending if not outcome[k][0]}
    for key, (total_hidden, parts_hidden) in outcome.items():
        table = tables[key]
        if table.total is not None and total_hidden:
            hidden[table.total] = True
        for row, now in zip(table.parts, parts_hidden, strict=True):
            hidden[row] = hidden[row] or (now and symbols[row] != Symbol.NOT_APPLICABLE)
    suppressed = pd.Series(hidden, index=frame.index, dtype=bool)
    return frame.assign(
        value=frame["value"].mask(suppressed),
        numerator=float("nan"),
        denominator=float("nan"),
        note=None,
        symbol=pd.Series(
            [Symbol.SUPPRESSED if h else s for h, s in zip(hidden, symbols, strict=True)],
            index=frame.index,
            dtype=object,
        ),
    )


def _tables(
    catalogue: Catalogue, frame: pd.DataFrame, units: Mapping[str, Unit]
) -> dict[tuple[str, str], _Table]:
    order = {m.id: {b: i for i, b in enumerate(m.breakdowns)} for m in catalogue.measures}
    tables: dict[tuple[str, str], _Table] = {}
    for row, (measure_id, period, breakdown) in enumerate(
        zip(frame["measure_id"], frame["period"], frame["breakdown"], strict=True)
    ):
        if units.get(measure_id) is not Unit.COUNT:
            continue
        key = (measure_id, str(period))
        table = tables.setdefault(key, _Table(measure_id, key[1], None, [], {}))
        table.labels[row] = breakdown
        if breakdown == ALL:
            table.total = row
        else:
            table.parts.append(row)
    breakdowns = frame["breakdown"].tolist()
    for table in tables.values():
        places = order.get(table.measure_id, {})
        table.parts.sort(key=lambda r: places.get(breakdowns[r], len(places)))
    return tables


def _partners(catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
    """For each measure that shares its total, the other measures it shares it with."""
    return {
        m: tuple(o for o in group.measures if o != m)
        for group in catalogue.shared_totals
        for m in group.measures
    }


def _disagree(
    tables: Mapping[tuple[str, str], _Table],
    one: tuple[str, str],
    other: tuple[str, str],
    number: Callable[[int | None], float | None],
) -> bool:
    """Totals declared equal that are not: something is wrong, so hide rather than guess."""
    a, b = number(tables[one].total), number(tables[other].total)
    return a is not None and b is not None and a != b


def _earlier_view(table: _Table, release: Release) -> tables_.View:
    """How ``release`` showed ``table``, in :func:`tables.view`'s terms."""
    places = {row: i for i, row in enumerate(table.parts)}
    if table.total is not None:
        places[table.total] = tables_.TOTAL
    return {
        places[row]: release.shown[(table.measure_id, breakdown)]
        for row, breakdown in table.labels.items()
        if (table.measure_id, breakdown) in release.shown
    }


# -- free text ----------------------------------------------------------------------------


def text_key(item: Commentary) -> str:
    """A fingerprint of one piece of commentary exactly as written: approving it for
    publication approves these words, so a later edit has to be approved again."""
    canonical = "\x1f".join(
        [item.period.label, str(item.priority), item.kind.value, item.title, item.text]
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def publishable_commentary(
    items: list[Commentary], approved: Collection[str], threshold: int | None = None
) -> list[Commentary]:
    """Only the commentary whose exact text an officer has approved for publication and that
    has no number that could single out 1 to ``threshold`` children (the configured threshold
    unless given): an approval given before that check, or under a lower threshold, publishes
    nothing until the text is reworded."""
    from scorecard import small_numbers

    limit = configured_threshold() if threshold is None else threshold
    return [
        c for c in items if text_key(c) in approved and not small_numbers.in_commentary(c, limit)
    ]
