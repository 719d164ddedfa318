"""Disclosure control for anything published (SPEC §3, DfE convention).

Counts from 1 to the threshold (5 unless the council's information-governance policy says
otherwise, through ``SCORECARD_SUPPRESSION_THRESHOLD``) are shown as ``c``; so is any
percentage or rate whose numerator or denominator is in that range, including one worked out
from the figure when only one of them was given (25% of 8 young people is 2 of them). Zero
stays zero. A figure an officer uploaded as ``c`` stays hidden.

Then secondary suppression, per count measure and period, where the breakdowns (age bands,
placement types) add up to the ``All`` total. It reasons only from what is published, since
a band uploaded as ``c`` has no number even here: a reader who knows the total and every
published part knows what the others add up to; each hidden part is a whole number of at
least 1 (zero is never hidden) and, if all are small, at most the threshold. So one hidden
part on its own, or hidden parts that could only all be 1 or only all be the threshold, would
be given away: another part is hidden, the smallest that is not zero, until none of that is
true; when no part is left to hide, the total is hidden instead. A hidden total is given away
by parts that are all published, so one of them is hidden too.

Numerators, denominators and notes are never published: only the figure itself. Commentary
is published only when an officer has approved that exact text (:func:`text_key`), so an
edited text needs approving again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from scorecard.catalogue import ALL, Catalogue, Unit
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
        "figure that would let such a number be worked out. Zero is shown as 0."
    )


def _small(value: object, threshold: int) -> bool:
    return isinstance(value, float) and not pd.isna(value) and 1 <= value <= threshold


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
    return numerator, denominator  # 0% of an unknown number of children


def publishable(
    catalogue: Catalogue,
    observations: pd.DataFrame,
    threshold: int | None = None,
    *,
    releases: Sequence[Release] = (),
) -> pd.DataFrame:
    """A copy of ``observations`` safe to publish: suppressed cells have no value and ``c``.

    ``threshold`` defaults to the configured one (:func:`configured_threshold`).
    ``releases`` are what earlier public outputs showed (scorecard.storage.publications).
    """
    if threshold is None:
        threshold = configured_threshold()
    units = {m.id: m.unit for m in catalogue.measures}
    frame = observations.reset_index(drop=True)
    primary: list[bool] = []
    for row in frame.itertuples():
        unit = units.get(row.measure_id)
        numerator, denominator = row.numerator, row.denominator
        if unit is not None and unit.scale is not None:
            numerator, denominator = _cohort(row.value, numerator, denominator, unit.scale)
        primary.append(
            row.symbol == Symbol.SUPPRESSED
            or (unit is Unit.COUNT and _small(row.value, threshold))
            or _small(numerator, threshold)
            or _small(denominator, threshold)
        )
    hidden = list(primary)
    count_rows = frame["measure_id"].map(units).eq(Unit.COUNT)
    for _, group in frame[count_rows].groupby(["measure_id", "period"], sort=False):
        for row in _secondary(group, primary, threshold):
            hidden[row] = True
    suppressed = pd.Series(hidden, index=frame.index, dtype=bool)
    symbols = [
        Symbol.SUPPRESSED if h else symbol
        for h, symbol in zip(hidden, frame["symbol"], strict=True)
    ]
    return frame.assign(
        value=frame["value"].mask(suppressed),
        numerator=float("nan"),
        denominator=float("nan"),
        note=None,
        symbol=pd.Series(symbols, index=frame.index, dtype=object),
    )


def gives_away(
    total: float | None,
    published: Collection[float],
    hidden: int,
    threshold: int,
    *,
    missing: int = 0,
) -> bool:
    """Whether the published figures let a hidden part of a total, or a hidden total, be
    worked out. Only what a reader sees counts: the hidden values themselves may be unknown.

    ``total`` is None when the total is hidden; ``published`` are the parts shown as
    numbers, ``hidden`` how many are shown as ``c`` and ``missing`` how many have no number
    for another reason (``x``, not available, or not given).

    A reader knows what the parts that are not published add up to (the total less the
    published parts, the remainder). Each hidden part is a whole number of at least 1; when
    they could all be small ones, each is also at most the threshold. So a lone hidden part
    is known, and so are parts that can only all be 1, or only all be the threshold.

    A missing part is a number nobody published (the council does not have it either), but
    the total still counts those children, so to a reader it is one more unknown, of zero or
    more since it was never hidden for being small: on its own it is the remainder, which
    gives away a small number when that is from 1 to the threshold; beside hidden parts the
    remainder pins them down only when it leaves every hidden part 1 and the missing ones 0.
    """
    if total is None:
        return hidden == 0 and missing == 0  # the total is the sum of the published parts
    remainder = round(total - sum(published))
    if hidden == 0:
        return missing == 1 and 1 <= remainder <= threshold
    if missing:
        return remainder <= hidden
    return hidden == 1 or remainder <= hidden or remainder == hidden * threshold


def _secondary(group: pd.DataFrame, primary: list[bool], threshold: int) -> list[int]:
    """The rows of one total and its parts to hide as well (the rule is :func:`hide_parts`);
    ``primary`` says which rows of the whole frame are hidden already."""
    cells = list(zip(group.index, group["breakdown"], group["value"], group["symbol"], strict=True))
    totals = [(row, value) for row, breakdown, value, _ in cells if breakdown == ALL]
    parts = [(row, value, symbol) for row, breakdown, value, symbol in cells if breakdown != ALL]
    if not totals or not parts:
        return []
    total_row, total_value = totals[0]
    total: float | None = None if primary[total_row] else float(total_value)
    if total is not None and pd.isna(total):
        return []  # no total to subtract from, and none to work out
    # A band that does not apply ("z") has no children: it adds nothing to the total and
    # there is nothing in it to work out, so it counts as a published zero. Any other band
    # without a number ("x", or not given) is left to gives_away as missing.
    values: list[float | None] = [
        0.0 if symbol == Symbol.NOT_APPLICABLE else (None if pd.isna(value) else float(value))
        for _, value, symbol in parts
    ]
    before = [primary[row] for row, _, _ in parts]
    total_hidden, after = hide_parts(total, values, before, threshold)
    hide = [
        row for (row, _, _), was, now in zip(parts, before, after, strict=True) if now and not was
    ]
    return [*hide, total_row] if total_hidden else hide


def hide_parts(
    total: float | None, parts: list[float | None], hidden: list[bool], threshold: int
) -> tuple[bool, list[bool]]:
    """Given a total (None when it is hidden), its parts (None for a part without a number)
    and which parts are already hidden, which parts to hide as well, and whether the total
    must go too, so that nothing hidden can be worked out.

    The smallest part that is not zero (nor already hidden, nor without a number) goes
    first, until :func:`gives_away` is false; if no part is left, the total is hidden.
    """
    hidden = list(hidden)
    while True:
        shown = [(p, i) for i, (p, h) in enumerate(zip(parts, hidden, strict=True)) if not h]
        published = [p for p, _ in shown if p is not None]
        missing = len(shown) - len(published)
        if not gives_away(total, published, sum(hidden), threshold, missing=missing):
            return False, hidden
        candidates = [(p, i) for p, i in shown if p]
        if not candidates:
            return True, hidden
        hidden[min(candidates)[1]] = True


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



# -- earlier releases -----------------------------------------------------------------------


@dataclass(frozen=True)
class Release:
    """What one earlier public output showed of one period: every figure as published."""

    period: Period
    published_at: dt.datetime
    # (measure_id, breakdown) -> the figure shown; None where it was shown as c (hidden).
    # A figure that was not in the output at all is simply absent.
    shown: Mapping[tuple[str, str], float | None]


def releases_of(published: pd.DataFrame, published_at: dt.datetime) -> list[Release]:
    """The Release of each period in a frame returned by publishable()."""
    shown: dict[str, dict[tuple[str, str], float | None]] = {}
    for measure_id, period, breakdown, value, symbol in zip(
        published["measure_id"],
        published["period"],
        published["breakdown"],
        published["value"],
        published["symbol"],
        strict=True,
    ):
        cells = shown.setdefault(period, {})
        if symbol == Symbol.SUPPRESSED:
            cells[(measure_id, breakdown)] = None
        elif not pd.isna(value):
            cells[(measure_id, breakdown)] = float(value)
    return [Release(parse_period(label), published_at, cells) for label, cells in shown.items()]
