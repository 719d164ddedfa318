"""Disclosure control for anything published (SPEC §3, DfE convention).

Counts from 1 to the threshold (5 unless the council's information-governance policy says
otherwise, through ``SCORECARD_SUPPRESSION_THRESHOLD``) are shown as ``c``; so is a count
that is not whole and would round into that range, or is above zero but would round to it
(0.6, 5.4). A percentage or rate is ``c`` when its numerator or denominator is in that range,
a percentage also when the rest of its cohort is (45 of 47 singles out the 2 who are not),
or either side is unknown: when only one of them was given the other is worked out from the
figure (25% of 8 young people is 2 of them); when neither can be, the figure is hidden (fail
closed). Zero stays zero. A figure an officer uploaded as ``c`` stays hidden.

Then secondary suppression, per count measure and period, where the breakdowns add up to the
``All`` total, so that a reader who knows the rule cannot work a hidden part out
(:mod:`scorecard.disclosure.tables`). Measures the catalogue declares to share their total
(``[[shared_totals]]``) are one table: a total hidden in one is hidden in all of them. A count
declared the sum of others (``sum_of``) is one table with them: its total and theirs,
protected as any table is, and when anything in them is hidden every breakdown of them is
(the sum's age bands are the parts' added up, a second table through the same cells).

A rate or percentage declared to be of a count (``rate_of``: its numerator; ``out_of``: its
denominator) is hidden whenever that count's cell of the same period and breakdown is hidden,
now or in an earlier release, or disagrees with it: with ONS's population, a rate per 10,000
gives its count back. Where that cell is not shown (``x``, or not given), the rate is hidden
beside anything hidden, or a part without a number, in the tables it would complete.

A breakdown a count lists but the figures leave out is weighed as ``x`` and as none at all
(:func:`_left_out`). A percentage's or rate's breakdowns add up to its All, numerator by
numerator: when one is hidden, left out or without a number, or the All is hidden, all of
them are (:func:`_breakdowns_of_ratios`).

Releases remember: once a period has been published, a later output of it shows each table
either exactly as before, or (when it changed and either output hides something) with the
whole table hidden, so two releases cannot be subtracted from each other. A percentage or a
rate with its breakdowns is one such table (:func:`_figures_as_released`).

Numerators, denominators and notes are never published: only the figure itself. Commentary
is published only when an officer has approved that exact text (:func:`text_key`), so an
edited text needs approving again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import math
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorecard.catalogue import ALL, Catalogue, Measure, Unit
from scorecard.disclosure import tables as tables_
from scorecard.disclosure.tables import small
from scorecard.errors import ScorecardError
from scorecard.periods import Period, parse_period
from scorecard.records import Commentary
from scorecard.small_numbers import HiddenFigure
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
        children = _nearest(value * denominator / scale)
        return (max(children, 1.0) if value > 0 else children), denominator
    if value > 0:
        # (A figure so near 0 that n over it is beyond any number, 1e-310% in a crafted
        # workbook, says nothing of how many: unknown, so hidden, never a crash.)
        return numerator, _nearest(numerator * scale / value)
    return numerator, denominator  # 0% of an unknown number of children: still unknown


def _nearest(children: float) -> float:
    """To the nearest whole child (half to even, as a reader's round()); NaN when beyond any
    number."""
    return float(round(children)) if math.isfinite(children) else math.nan


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


def _primary(row: object, unit: Unit | None, threshold: int, counts: _Counts | None = None) -> bool:
    """Whether one figure is hidden in its own right. ``counts`` are the cells of the counts
    a rate or percentage is declared to be made of: their numbers stand in for a numerator
    or denominator it was given without."""
    value = row.value  # type: ignore[attr-defined]
    if row.symbol == Symbol.SUPPRESSED:  # type: ignore[attr-defined]
        return True
    if unit is None or pd.isna(value):
        return False
    if unit is Unit.COUNT:
        return small(value, threshold)
    if unit.scale is None:
        return False
    sides = (row.numerator, row.denominator) if counts is None else counts.sides  # type: ignore[attr-defined]
    numerator, denominator = _cohort(value, sides[0], sides[1], unit.scale)
    # Without both sides nobody can say how few children the figure is about: hidden.
    if pd.isna(numerator) or pd.isna(denominator):
        return True
    if denominator <= 0 or (value > 0 and numerator <= 0):
        return True  # sides that do not fit the figure: nobody can say what it is about
    if small(numerator, threshold) or small(denominator, threshold):
        return True
    # A percentage is about two groups: those with the outcome and those without. "45 of 47
    # care leavers in suitable accommodation" singles out the 2 who are not, so the rest of
    # the cohort is held to the same rule. (A rate per 10,000 is out of a population, whose
    # rest is never small.)
    return unit is Unit.PERCENT and small(denominator - numerator, threshold)


def hidden_for_itself(
    unit: Unit,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    threshold: int,
) -> bool:
    """Whether a figure with a number (no symbol) is hidden for what it is, whatever the
    other figures are: as :func:`publishable` weighs each figure first."""
    return _primary(_Figure(value, numerator, denominator), unit, threshold)


@dataclass(frozen=True)
class _Figure:
    value: float | None
    numerator: float | None
    denominator: float | None
    symbol: None = None


@dataclass
class _Table:
    """One count measure in one period: the row of its total and of each part, in the
    catalogue's order (breakdowns it does not list come after, by name)."""

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
    given = len(frame)
    values = frame["value"].tolist()
    symbols = frame["symbol"].tolist()
    rows = {
        (m, str(p), b): r
        for r, (m, p, b) in enumerate(
            zip(*_columns(frame, "measure_id", "period", "breakdown"), strict=True)
        )
    }
    made_of = _made_of(catalogue, frame, rows, values, symbols)
    hidden = [
        _primary(row, units.get(row.measure_id), threshold, made_of.get(r))
        for r, row in enumerate(frame.itertuples())
    ]
    tables = _tables(catalogue, frame, units)
    # Rows from ``given`` on are the breakdowns left out, as x: never published themselves.
    added = len(_left_out(catalogue, tables, values, symbols))
    hidden += [False] * added

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
    by_groups: set[int] = set()  # rows hidden because their sum_of group hides something
    implied = _implied_totals(catalogue, partners, tables, number, hidden, symbols)
    pending = set(tables)
    while True:
        while pending:
            for key in pending:
                table = tables[key]
                total = number(table.total)
                # A measure sharing its total may take it from another (the lender), as a
                # reader does, in this release and in those before.
                lender = None
                if total is None:
                    lender = next(
                        (
                            m
                            for m in partners.get(key[0], ())
                            if (m, key[1]) in tables
                            and number(tables[(m, key[1])].total) is not None
                        ),
                        None,
                    )
                    total = (
                        implied.get(key)
                        if lender is None
                        else number(tables[(lender, key[1])].total)
                    )
                parts = [
                    0.0 if symbols[r] == Symbol.NOT_APPLICABLE else number(r) for r in table.parts
                ]
                small_total = table.total is not None and hidden[table.total]
                outcome[key] = tables_.publish(
                    total,
                    parts,
                    [hidden[r] for r in table.parts],
                    threshold,
                    total_hidden=small_total or key in forced,
                    has_total=number(table.total) is not None or lender is not None,
                    structural=[symbols[r] == Symbol.NOT_APPLICABLE for r in table.parts],
                    earlier=[_earlier_view(table, r, lender) for r in earlier.get(key[1], ())],
                    left_out=[r >= given for r in table.parts] if added else (),
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
        # The tables are settled: now each sum with its parts, as one table. What that hides
        # can hide more tables (and other sums), so round again until nothing changes.
        grown = len(by_groups)
        now = _hidden_now(hidden, tables, outcome, by_groups)
        more = _sums(
            catalogue, partners, tables, now, number, symbols, earlier, threshold, by_groups
        )
        more -= forced
        if not more and len(by_groups) == grown:
            break
        forced |= more
        pending = {k for k in more if not outcome[k][0]}
    hidden = _hidden_now(hidden, tables, outcome, by_groups)
    for r, counts in made_of.items():
        if not hidden[r] and _count_hidden(counts, hidden, earlier.get(str(frame.at[r, "period"]))):
            hidden[r] = True
    for r in _giving_back(catalogue, partners, frame, made_of, tables, hidden, number, symbols):
        hidden[r] = True
    for r in _breakdowns_of_ratios(catalogue, frame, hidden, number):
        hidden[r] = True
    for released in _figures_as_released(frame, tables, earlier, hidden, number):
        for r in released:
            hidden[r] = True
    hidden, symbols = hidden[:given], symbols[:given]
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


def _implied_totals(
    catalogue: Catalogue,
    partners: Mapping[str, tuple[str, ...]],
    tables: Mapping[tuple[str, str], _Table],
    number: Callable[[int | None], float | None],
    hidden: Sequence[bool],
    symbols: Sequence[object],
) -> dict[tuple[str, str], float]:
    """Totals not shown that a reader works out from a sum_of group: the sum's from its
    parts' (10 unaccompanied and 34 others: 44 in care), a part's from the sum less the
    others'; and so the total of each measure sharing it. A count whose total is not given
    is protected against that total as against one shown (its age groups 30 and 10 and one
    left out are 4 more)."""

    def known(measure: str, period: str) -> float | None:
        for m in (measure, *partners.get(measure, ())):
            table = tables.get((m, period))
            if table is None or table.total is None or hidden[table.total]:
                continue
            if symbols[table.total] == Symbol.NOT_APPLICABLE:
                return 0.0
            if (figure := number(table.total)) is not None:
                return figure
        return None

    found: dict[tuple[str, str], float] = {}
    for measure in catalogue.measures:
        if not measure.sum_of:
            continue
        members = (measure.id, *measure.sum_of)
        linked = {m for member in members for m in (member, *partners.get(member, ()))}
        for period in {key[1] for key in tables if key[0] in linked}:
            figures = [known(m, period) for m in members]
            unknown = [i for i, figure in enumerate(figures) if figure is None]
            if len(unknown) != 1:
                continue
            rest = sum(f for f in figures[1:] if f is not None)
            worked = rest if unknown[0] == 0 else (figures[0] or 0.0) - rest
            if worked < 0:
                continue  # figures that do not add up: the sum's table hides them
            for m in (members[unknown[0]], *partners.get(members[unknown[0]], ())):
                found[(m, period)] = worked
    return found


def _left_out(
    catalogue: Catalogue,
    tables: dict[tuple[str, str], _Table],
    values: list[object],
    symbols: list[object],
) -> list[int]:
    """Rows (``x``) added to ``values`` and ``symbols``, and to the tables, for each breakdown
    a count lists but leaves out in a period it gives breakdowns of, and in a period any
    measure of its sum_of group does (all of the group's): a reader of the total and the
    other parts works a left-out part out as surely as an ``x`` (47 in care, 44 of them aged
    1 and over: 3 under 1). Returns the rows added."""
    listed = {m.id: m.breakdowns for m in catalogue.measures if m.unit is Unit.COUNT}
    groups = [(m.id, *m.sum_of) for m in catalogue.measures if m.sum_of]
    broken_down: dict[str, set[str]] = {}
    for (measure, period), table in tables.items():
        if table.parts:
            broken_down.setdefault(period, set()).add(measure)
    added: list[int] = []
    for period, present in broken_down.items():
        wanted = set(present)
        for group in groups:
            if wanted.intersection(group):
                wanted.update(m for m in group if m in listed)
        for measure in sorted(wanted):
            table = tables.setdefault((measure, period), _Table(measure, period, None, [], {}))
            given = set(table.labels.values())
            missing = [b for b in listed[measure] if b not in given]
            for breakdown in missing:
                table.labels[len(values)] = breakdown
                table.parts.append(len(values))
                added.append(len(values))
                values.append(math.nan)
                symbols.append(Symbol.NOT_AVAILABLE)
            if missing:  # in the catalogue's order again
                places = {b: i for i, b in enumerate(listed[measure])}
                labels = table.labels
                table.parts.sort(key=lambda r: (places.get(labels[r], len(places)), labels[r]))
    return added


def _giving_back(
    catalogue: Catalogue,
    partners: Mapping[str, tuple[str, ...]],
    frame: pd.DataFrame,
    made_of: Mapping[int, _Counts],
    tables: Mapping[tuple[str, str], _Table],
    hidden: Sequence[bool],
    number: Callable[[int | None], float | None],
    symbols: Sequence[object],
) -> Iterable[int]:
    """The rows of each rate or percentage, shown so far, that would give back a count not
    shown (``x``, or not given) beside anything of its tables that is hidden, or beside a
    part without a number and a figure shown: 18.8 per 10,000 of 25,000 is 47 in care, and
    47 less the ages shown is the age group left out. Its tables are the count's own in the
    period, those sharing its total (for All), and its sum_of group's."""
    if not made_of:
        return
    declared = {m.id: (m.rate_of, m.out_of) for m in catalogue.measures if m.rate_of or m.out_of}
    group_of = {
        member: (m.id, *m.sum_of)
        for m in catalogue.measures
        for member in (m.id, *m.sum_of)
        if m.sum_of
    }
    measures, periods, breakdowns = _columns(frame, "measure_id", "period", "breakdown")
    for r, counts in made_of.items():
        if hidden[r]:
            continue
        period, breakdown = str(periods[r]), breakdowns[r]
        for count, row in zip(
            declared[str(measures[r])], (counts.numerator, counts.denominator), strict=True
        ):
            if count is None or (row is not None and not hidden[row] and number(row) is not None):
                continue  # none declared, or shown: the rate says nothing more
            linked = {count, *group_of.get(count, ())}
            if breakdown == ALL:
                linked.update(partners.get(count, ()))
            cells = [
                c
                for m in linked
                if (table := tables.get((m, period))) is not None
                for c in (table.total, *table.parts)
                if c is not None and c != row and symbols[c] != Symbol.NOT_APPLICABLE
            ]
            shown = [c for c in cells if not hidden[c] and number(c) is not None]
            # (A part of its sum with no figures at all is as unknown as an x.)
            absent = any((m, period) not in tables for m in group_of.get(count, ()) if m != count)
            if any(hidden[c] for c in cells) or (shown and (len(shown) < len(cells) or absent)):
                yield r
                break


def _breakdowns_of_ratios(
    catalogue: Catalogue,
    frame: pd.DataFrame,
    hidden: Sequence[bool],
    number: Callable[[int | None], float | None],
) -> Iterable[int]:
    """The breakdowns of each percentage or rate, in a period, to hide because one of them
    or its All is hidden, or one has no number or is left out: their numerators add up to
    the All's (and a percentage's rests too), and a reader who knows the cohorts (a count
    declared ``out_of``, DfE's own figures, ONS's population) works a hidden one out. All of
    127 of 130 in touch, 19-21 90 of 90: 17-18 37 of 40, and the 3 not in touch. So when
    anything of the group is hidden or unknown, every breakdown is hidden: the All stays,
    its own rules as ever (as a sum's totals stay, :func:`_sums`)."""
    listed = {
        m.id: len(m.breakdowns)
        for m in catalogue.measures
        if m.unit.scale is not None and m.breakdowns
    }
    if not listed:
        return
    of_ratios = frame["measure_id"].isin(listed).to_numpy()
    if not of_ratios.any():
        return
    found = frame[of_ratios]
    groups: dict[tuple[str, str], list[int]] = {}
    totals: dict[tuple[str, str], int] = {}
    for r, measure, period, breakdown in zip(
        np.flatnonzero(of_ratios).tolist(),
        *_columns(found, "measure_id", "period", "breakdown"),
        strict=True,
    ):
        key = (str(measure), str(period))
        if breakdown == ALL:
            totals[key] = r
        else:
            groups.setdefault(key, []).append(r)
    for key, rows in groups.items():
        total = totals.get(key)
        if total is None:
            continue  # nothing they add up to
        if (
            hidden[total]
            or len(rows) < listed[key[0]]
            or any(hidden[r] or number(r) is None for r in rows)
        ):
            yield from rows


def _figures_as_released(
    frame: pd.DataFrame,
    tables: Mapping[tuple[str, str], _Table],
    earlier: Mapping[str, Sequence[Release]],
    hidden: Sequence[bool],
    number: Callable[[int | None], float | None],
) -> Iterable[list[int]]:
    """The rows of each percentage or rate of a period already published (its All and its
    breakdowns, as a count's table) that must be hidden whole: shown otherwise than an
    earlier release showed them, with a ``c`` in either. A correction that hides 17-18's
    91.9% (68 of 74) and moves All from 92.7% to 93.2% would otherwise let a reader subtract
    the releases: only 69 of 74 fits both, 5 not seen (found by attacking the exports)."""
    groups: dict[tuple[str, str], list[int]] = {}
    for r, (measure_id, period) in enumerate(
        zip(*_columns(frame, "measure_id", "period"), strict=True)
    ):
        key = (measure_id, str(period))
        if key[1] in earlier and key not in tables:
            groups.setdefault(key, []).append(r)
    breakdowns = frame["breakdown"].tolist()
    for (measure_id, period), rows in groups.items():
        now: dict[str, float | None] = {}
        for r in rows:
            if hidden[r]:
                now[breakdowns[r]] = None
            elif (value := number(r)) is not None:
                now[breakdowns[r]] = value
        for release in earlier[period]:
            before = {b: v for (m, b), v in release.shown.items() if m == measure_id}
            if tables_.subtractable(before, now):
                yield rows
                break


def _hidden_now(
    hidden: list[bool],
    tables: Mapping[tuple[str, str], _Table],
    outcome: Mapping[tuple[str, str], tuple[bool, tuple[bool, ...]]],
    by_groups: Collection[int],
) -> list[bool]:
    """Each row hidden in its own right, by its table's outcome, or by its sum_of group."""
    now = list(hidden)
    for key, (total_hidden, parts_hidden) in outcome.items():
        table = tables[key]
        if table.total is not None and total_hidden:
            now[table.total] = True
        for row, flag in zip(table.parts, parts_hidden, strict=True):
            now[row] = now[row] or flag
    for row in by_groups:
        now[row] = True
    return now


# -- figures made of other measures' counts (rate_of, out_of, sum_of) --------------------------


@dataclass(frozen=True)
class _Counts:
    """The cells a rate or percentage is made of: the count that is its numerator and the one
    that is its denominator (each a row, or None when that count is not in the data), and the
    same cells by name, for earlier releases."""

    numerator: int | None
    denominator: int | None
    names: tuple[tuple[str, str], ...]
    # The numbers the figure is worked out from: its own, else the count's (NaN if neither);
    # True when its own numerator or denominator disagrees with the count's.
    sides: tuple[float, float]
    disagree: bool


def _made_of(
    catalogue: Catalogue,
    frame: pd.DataFrame,
    rows: Mapping[tuple[str, str, str], int],
    values: Sequence[object],
    symbols: Sequence[object],
) -> dict[int, _Counts]:
    """For each row of a measure declared ``rate_of`` or ``out_of`` a count, that count's cells
    of the same period and breakdown. A total the count does not have in the data may be
    the total of a measure that shares it (``[[shared_totals]]``)."""
    declared = {m.id: (m.rate_of, m.out_of) for m in catalogue.measures if m.rate_of or m.out_of}
    if not declared:
        return {}
    partners = _partners(catalogue)

    def cell(count: str | None, period: str, breakdown: str) -> tuple[int | None, list[str]]:
        if count is None:
            return None, []
        names = [count, *(partners.get(count, ()) if breakdown == ALL else ())]
        found = [rows[(m, period, breakdown)] for m in names if (m, period, breakdown) in rows]
        return (found[0] if found else None), names

    def count_of(row: int | None) -> float:
        """The count's number; NaN when it has none (c, x, z, or not in the data)."""
        if row is None or pd.isna(values[row]) or symbols[row] == Symbol.NOT_APPLICABLE:
            return float("nan")
        return float(values[row])  # type: ignore[arg-type]

    made: dict[int, _Counts] = {}
    for r, (measure, period, breakdown, numerator, denominator) in enumerate(
        zip(
            *_columns(frame, "measure_id", "period", "breakdown", "numerator", "denominator"),
            strict=True,
        )
    ):
        if measure not in declared:
            continue
        rate_of, out_of = declared[measure]
        top, top_names = cell(rate_of, str(period), breakdown)
        bottom, bottom_names = cell(out_of, str(period), breakdown)
        sides = []
        disagree = False
        for own, row in ((numerator, top), (denominator, bottom)):
            count = count_of(row)
            disagree = disagree or not (pd.isna(own) or pd.isna(count) or own == count)
            sides.append(count if pd.isna(own) else float(own))
        named = tuple((m, breakdown) for m in (*top_names, *bottom_names))
        made[r] = _Counts(top, bottom, named, (sides[0], sides[1]), disagree)
    return made


def _count_hidden(
    counts: _Counts, hidden: Sequence[bool], releases: Sequence[Release] | None
) -> bool:
    """Whether a count a figure is made of is hidden now, or was in an earlier release of
    the period (the rate would give back what that release hid), or does not agree with the
    figure's own numerator or denominator (something is wrong: hide rather than guess)."""
    if counts.disagree:
        return True
    if any(row is not None and hidden[row] for row in (counts.numerator, counts.denominator)):
        return True
    return any(
        name in release.shown and release.shown[name] is None
        for release in releases or ()
        for name in counts.names
    )


def _sums(
    catalogue: Catalogue,
    partners: Mapping[str, tuple[str, ...]],
    tables: Mapping[tuple[str, str], _Table],
    hidden: Sequence[bool],
    number: Callable[[int | None], float | None],
    symbols: Sequence[object],
    earlier: Mapping[str, Sequence[Release]],
    threshold: int,
    by_groups: set[int],
) -> set[tuple[str, str]]:
    """A count declared the sum of others (``sum_of``), with them, as one table in each
    period: its ``All`` is the total and theirs are the parts, suppressed as any table is
    (:func:`tables.protect`). Their breakdowns are linked across the measures too (the sum's
    16+ is the parts' 16+ added up), which a table of totals does not protect: so when
    anything in the group is hidden, every breakdown of every measure in it is hidden,
    leaving the totals, protected as one table. A group whose figures do not add up, or
    that an earlier release showed otherwise (with a ``c`` in either), is hidden whole.

    Adds the rows it hides to ``by_groups``; returns the tables whose total it hides, so
    that they (and any measure sharing that total) are hidden whole too."""
    to_force: set[tuple[str, str]] = set()
    for measure in catalogue.measures:
        if not measure.sum_of:
            continue
        members = (measure.id, *measure.sum_of)
        for period in {key[1] for key in tables if key[0] in members}:
            group = [table for m in members if (table := tables.get((m, period))) is not None]
            totals = [None if (t := tables.get((m, period))) is None else t.total for m in members]
            breakdowns = {
                r
                for t in group
                for r in t.parts
                if symbols[r] != Symbol.NOT_APPLICABLE and not _none_at_all(t, hidden, number)
            }
            structural = [r is not None and symbols[r] == Symbol.NOT_APPLICABLE for r in totals]
            numbers = [0.0 if z else number(r) for r, z in zip(totals, structural, strict=True)]
            primary = [r is not None and hidden[r] for r in totals]
            # A total not given, or x, that a measure sharing it shows is read from there.
            borrowed = [n is None for n in numbers]
            for i, m in enumerate(members):
                for other in partners.get(m, ()) if borrowed[i] else ():
                    if (table := tables.get((other, period))) is not None:
                        if numbers[i] is None:
                            numbers[i] = number(table.total)
                        primary[i] = primary[i] or (table.total is not None and hidden[table.total])
            total, *parts = numbers
            total_hidden, parts_hidden = tables_.protect(
                total, parts, primary[1:], threshold, total_hidden=primary[0]
            )
            flags = (total_hidden, *parts_hidden)
            hides = {
                r
                for r, flag in zip(totals, flags, strict=True)
                if r is not None and flag and not hidden[r]
            }
            # (A row number may be 0: only None means the measure has no total here.)
            given = [r for r in totals if r is not None]
            anything = (
                bool(hides)
                or any(hidden[r] for r in (*breakdowns, *given))
                or _bands_give_away(measure, group, hidden, number, symbols, threshold)
            )
            shown = {
                r: number(r)
                for t in group
                for r in t.labels
                if not (hidden[r] or r in hides or (anything and r in breakdowns))
            }
            adds_up = None in (total, *parts) or total == sum(p or 0.0 for p in parts)
            # Declared to add up and do not: something is wrong, so hide rather than guess.
            if not adds_up or _seen_otherwise(group, shown, earlier.get(period, ()), symbols):
                hides = set(given)
                flags = (True,) * len(members)
                anything = True
            if anything:
                by_groups.update(breakdowns | hides)
            to_force.update((m, period) for m, r in zip(members, totals, strict=True) if r in hides)
            # A total hidden here that another measure shows for it: hidden there too.
            to_force.update(
                (other, period)
                for m, flag, lent in zip(members, flags, borrowed, strict=True)
                if flag and lent
                for other in partners.get(m, ())
                if (other, period) in tables
            )
    return to_force


def _bands_give_away(
    measure: Measure,
    group: Sequence[_Table],
    hidden: Sequence[bool],
    number: Callable[[int | None], float | None],
    symbols: Sequence[object],
    threshold: int,
) -> bool:
    """Whether the breakdowns of a sum_of group, each a table of its own (the sum's 16+ the
    total, the parts' 16+ its parts), would give a small number away, or do not add up: 9
    young in care, 6 of them unaccompanied and the others' x, is 3 others."""
    bands = {
        table.measure_id: {label: row for row, label in table.labels.items() if label != ALL}
        for table in group
    }
    parts = [m for m in measure.sum_of if m in bands]  # (a part with no figures says nothing)
    for breakdown in measure.breakdowns:
        total = bands.get(measure.id, {}).get(breakdown)
        if total is None or number(total) is None or hidden[total]:
            continue
        rows = [bands[m].get(breakdown) for m in parts]
        figures = [
            None if r is None else 0.0 if symbols[r] == Symbol.NOT_APPLICABLE else number(r)
            for r in rows
        ]
        primary = [r is not None and hidden[r] for r in rows]
        result = tables_.protect(number(total), figures, primary, threshold)
        if result[0] or any(h and not p for h, p in zip(result[1], primary, strict=True)):
            return True
        if None not in figures and number(total) != sum(f or 0.0 for f in figures):
            return True
    return False


def _none_at_all(
    table: _Table, hidden: Sequence[bool], number: Callable[[int | None], float | None]
) -> bool:
    """A measure whose total is published as 0: its breakdowns are 0 too, and say so."""
    return table.total is not None and not hidden[table.total] and number(table.total) == 0


def _seen_otherwise(
    group: Sequence[_Table],
    shown: Mapping[int, float | None],
    releases: Sequence[Release],
    symbols: Sequence[object],
) -> bool:
    """Whether an earlier release showed a sum_of group otherwise than it would be shown now
    (``shown``: the rows that keep their figure), with a ``c`` in either: then the two
    releases could be subtracted. A release that showed only what is shown now the same
    way adds nothing to it."""
    now: dict[tuple[str, str], float | None] = {}
    for table in group:
        for row, breakdown in table.labels.items():
            if row not in shown:
                if symbols[row] != Symbol.NOT_APPLICABLE:
                    now[(table.measure_id, breakdown)] = None
            elif shown[row] is not None:
                now[(table.measure_id, breakdown)] = shown[row]
    measures = {table.measure_id for table in group}
    for release in releases:
        before = {k: v for k, v in release.shown.items() if k[0] in measures}
        if all(k in now and now[k] == v for k, v in before.items()):
            continue
        if None in before.values() or None in now.values():
            return True
    return False


def _columns(frame: pd.DataFrame, *names: str) -> list[list[object]]:
    """The frame's columns as lists: iterating over a column of text stored by Arrow makes
    each value on its own, several times slower than making them all at once."""
    return [frame[name].tolist() for name in names]


def _tables(
    catalogue: Catalogue, frame: pd.DataFrame, units: Mapping[str, Unit]
) -> dict[tuple[str, str], _Table]:
    order = {m.id: {b: i for i, b in enumerate(m.breakdowns)} for m in catalogue.measures}
    tables: dict[tuple[str, str], _Table] = {}
    for row, (measure_id, period, breakdown) in enumerate(
        zip(*_columns(frame, "measure_id", "period", "breakdown"), strict=True)
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
        # (Breakdowns the catalogue does not list, by name: the same in any order of rows.)
        table.parts.sort(key=lambda r: (places.get(breakdowns[r], len(places)), breakdowns[r]))
    return tables


def families(catalogue: Catalogue) -> dict[str, str]:
    """The measures whose figures of a period decide together which of them are hidden:
    those sharing a total, a rate or percentage declared ``rate_of`` or ``out_of`` a count
    and that count, a count declared ``sum_of`` others and those. Each such measure maps to
    its family's name (the first of it in the catalogue's order); a measure linked to no
    other is in none. What is hidden of a family's figures of a period depends on theirs
    alone."""
    linked: dict[str, set[str]] = {}

    def link(one: str, other: str) -> None:
        linked.setdefault(one, set()).add(other)
        linked.setdefault(other, set()).add(one)

    for group in catalogue.shared_totals:
        for one, other in itertools.pairwise(group.measures):
            link(one, other)
    for measure in catalogue.measures:
        for count in (measure.rate_of, measure.out_of, *measure.sum_of):
            if count is not None:
                link(measure.id, count)
    named: dict[str, str] = {}
    for measure in catalogue.measures:  # each family named by its first measure
        if measure.id in linked and measure.id not in named:
            waiting = [measure.id]
            while waiting:
                found = waiting.pop()
                if found not in named:
                    named[found] = measure.id
                    waiting += linked[found]
    return named


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


def _earlier_view(table: _Table, release: Release, lender: str | None = None) -> tables_.View:
    """How ``release`` showed ``table``, in :func:`tables.view`'s terms; with the total of
    ``lender`` (a measure sharing it) where the table's own was not shown."""
    places = {row: i for i, row in enumerate(table.parts)}
    if table.total is not None:
        places[table.total] = tables_.TOTAL
    view = {
        places[row]: release.shown[(table.measure_id, breakdown)]
        for row, breakdown in table.labels.items()
        if (table.measure_id, breakdown) in release.shown
    }
    if lender is not None and tables_.TOTAL not in view and (lender, ALL) in release.shown:
        view[tables_.TOTAL] = release.shown[(lender, ALL)]
    return view


# -- free text ----------------------------------------------------------------------------


def text_key(item: Commentary) -> str:
    """A fingerprint of one piece of commentary exactly as written: approving it for
    publication approves these words, so a later edit has to be approved again."""
    canonical = "\x1f".join(
        [item.period.label, str(item.priority), item.kind.value, item.title, item.text]
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def publishable_commentary(
    items: list[Commentary],
    approved: Collection[str],
    threshold: int | None = None,
    hidden: Collection[HiddenFigure] = (),
) -> list[Commentary]:
    """Only the commentary whose exact text an officer has approved for publication and that
    has no number that could single out 1 to ``threshold`` children (the configured threshold
    unless given) nor says again a figure its quarter's published version hides (``hidden``,
    :func:`hidden_figures`): an approval given before that check, under a lower threshold, or
    before a correction hid a figure it quotes, publishes nothing until the text is reworded."""
    from scorecard import small_numbers

    limit = configured_threshold() if threshold is None else threshold
    ticked = [c for c in items if text_key(c) in approved]
    # Every approved item is read beside the others of its priority: a size in one and a
    # percentage in another are published on the same page.
    return [c for c in ticked if not small_numbers.in_commentary(c, limit, hidden, ticked)]


def hidden_figures(
    catalogue: Catalogue, observations: pd.DataFrame, public: pd.DataFrame, period: Period
) -> frozenset[HiddenFigure]:
    """Every figure that ``public`` (:func:`publishable` of ``observations``) hides for
    ``period`` and every period before it, with its value: commentary that quotes one would
    publish it (the 91.5% of care leavers in suitable accommodation the table shows as c,
    whose rest is 4 of the 47 DfE publishes). Not only the quarters commentary usually
    compares with: "in April to June 2025 we were in touch with 96.0%" quotes a figure the
    public's table for that quarter shows as c just the same."""
    keys = ["measure_id", "period", "breakdown"]
    ended = public["period_end"].astype(str).str[:10] <= period.end.isoformat()
    kept_back = public.loc[ended & (public["symbol"] == Symbol.SUPPRESSED), keys]
    if kept_back.empty:
        return frozenset()
    raw = observations.assign(period=observations["period"].astype(str))
    raw = raw.merge(kept_back.assign(period=kept_back["period"].astype(str)), on=keys)
    raw = raw.sort_values("period_end", ascending=False, kind="stable")
    measures = {m.id: m for m in catalogue.measures}
    found: dict[HiddenFigure, HiddenFigure] = {}  # equal figures named by the latest
    for measure, period_label, breakdown, value in zip(
        raw["measure_id"], raw["period"], raw["breakdown"], raw["value"], strict=True
    ):
        if not pd.isna(value) and (m := measures.get(measure)) is not None:
            named = _named(m, period_label, breakdown)
            figure = HiddenFigure(float(value), m.unit == Unit.PERCENT, m.priority, named)
            found.setdefault(figure, figure)
    return frozenset(found)


def _named(measure: Measure, period: str, breakdown: str) -> str:
    """A hidden figure as the officer quoting it would recognise it."""
    which = "" if breakdown == ALL else f" ({breakdown})"
    return f"{measure.name}{which}, {period}"
