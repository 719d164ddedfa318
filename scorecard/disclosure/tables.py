"""Secondary suppression of one table: a total and the parts that add up to it.

The rule is public, so it must hold against a reader who knows it. Such a reader sees the
total, the parts shown as numbers, which parts are ``c`` and which are 0 or ``x``, and asks,
for each ``c``: what could it be, given that counts are whole and not negative and that this
rule produced exactly what I see? We promise that every ``c`` keeps at least ``threshold``
possible values: as much doubt as a lone ``c`` (which could be any of 1 to the threshold).

How the rule stays honest about that:

- Which parts go with a small one (the *complementary* parts) depends only on things that
  are published anyway: the parts' places in the catalogue's order, which parts are zero or
  have no number, and which parts are small. Never on how big the hidden parts are: "hide
  the smallest" tells the reader that every other hidden part is bigger.
- Whether a pattern of ``c`` is enough is decided from that pattern as published
  (:func:`safe`), by the reader's own reasoning: for every way the hidden parts could split
  into small ones (1 to the threshold) and complementary ones (above it) that this rule
  would have hidden in exactly this pattern, each hidden part lies in an interval (its bounds
  and the one sum it is in); a part's possible values are at least the union of those
  intervals. Only tables certain to be published this way are counted (those whose first
  pattern is this one: the check reads only what is published, so it passes for them too),
  so the union can only understate the reader's doubt, never overstate it.
- When the first pattern is not enough, every part that is not zero is hidden; when that
  is not enough either, or the total itself is small, the whole table is hidden, zeros too.
  A whole hidden table is safe whatever led to it: every table whose total is small is
  published that way, and those alone give each part the values 0 to the threshold.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

_INF = math.inf
_K = TypeVar("_K")
# Beyond this many hidden parts the reader's cases are not all listed (2^n of them): only
# some are, which understates the doubt and so can only hide more, never less.
_LISTED = 10


def small(value: float, threshold: int) -> bool:
    """A count from 1 to the threshold, or a fraction that would round into that range or is
    not zero (nothing public may round to 1 to the threshold children)."""
    return 0 < value < threshold + 1


def protect(
    total: float | None,
    parts: Sequence[float | None],
    primary: Sequence[bool],
    threshold: int,
    *,
    total_hidden: bool = False,
    left_out: Sequence[bool] = (),
) -> tuple[bool, tuple[bool, ...]]:
    """Whether to hide the total, and which parts to hide.

    ``total`` is None when it has no number (``x``, or not given: then there is nothing to
    subtract from). ``parts`` are the parts' numbers, None for a part without one (``x``,
    or uploaded as ``c``); a part that does not apply (``z``) comes as 0. ``primary`` says
    which parts are hidden in their own right (small, or uploaded as ``c``);
    ``total_hidden`` that the total is (small, uploaded as ``c``, or hidden elsewhere).
    ``left_out`` marks the parts (None) that were not given at all: a reader may take them
    for unknown, as an ``x``, or for none at all, so the table is protected against both.
    """
    size = len(parts)
    whole = (True, tuple(primary[i] or parts[i] is not None for i in range(size)))
    if total_hidden:
        return whole
    if total is None:
        return False, tuple(primary)
    chosen = frozenset(i for i in range(size) if primary[i])
    nonzero = chosen | {i for i, p in enumerate(parts) if p is not None and p != 0}
    candidates: list[frozenset[int]]
    if chosen:
        candidates = [chosen | _complement(chosen, nonzero, size), nonzero]
    else:
        # Nothing small, but parts without a number ("x") may add up to a small number the
        # total gives away: hide every part, so the reader no longer knows what they make.
        without = [i for i, p in enumerate(parts) if p is None]
        rest = total - sum(p for p in parts if p is not None)
        if not (without and small(rest, threshold)):
            return False, tuple(primary)
        candidates = [frozenset(nonzero)]
    # Parts left out are weighed as none at all: a reader sure of that is the stricter one
    # (what is safe with fewer unknowns is safe with more), and which parts go with a small
    # one does not depend on them (they are never among the parts not zero).
    weighed, place = parts, None
    if any(left_out):
        place = {i: k for k, i in enumerate(i for i in range(size) if not left_out[i])}
        weighed = [parts[i] for i in place]
    for hidden in candidates:
        if hidden and safe(
            total,
            weighed,
            hidden if place is None else frozenset(place[i] for i in hidden),
            nonzero if place is None else frozenset(place[i] for i in nonzero),
            threshold,
        ):
            return False, tuple(i in hidden for i in range(size))
    return whole


def _complement(chosen: frozenset[int], nonzero: frozenset[int], size: int) -> frozenset[int]:
    """For each small part, the next part after it in catalogue order (round to the start)
    that is neither zero, nor without a number, nor small itself."""
    extra = set()
    for i in chosen:
        for step in range(1, size):
            j = (i + step) % size
            if j in nonzero and j not in chosen:
                extra.add(j)
                break
    return frozenset(extra)


def safe(
    total: float,
    parts: Sequence[float | None],
    hidden: frozenset[int],
    nonzero: frozenset[int],
    threshold: int,
) -> bool:
    """Whether, from the table as it would be published (the total, the parts not in
    ``hidden``, and which are not zero), each hidden part keeps at least ``threshold``
    possible values. Reads nothing the reader cannot see: not the hidden parts' numbers.

    The reader's cases (which hidden parts are the small ones) that this rule would have
    hidden in exactly this pattern depend on the pattern alone, so they are worked out once
    for each pattern (:func:`_roles`). Within a case, a hidden part's interval depends only
    on how many parts are small and whether it is one of them: each part's intervals are
    those of the counts of small parts its cases have, the same union as listing every case.
    """
    shown = [p for i, p in enumerate(parts) if i not in hidden and p is not None]
    unknown = sum(1 for i, p in enumerate(parts) if i not in hidden and p is None)
    rest = total - sum(shown)
    if not math.isfinite(rest) or rest != int(rest) or rest < 0:
        return False  # not whole counts, or parts that exceed the total: hide more
    remainder = int(rest)
    count = len(hidden)
    # For each number of small parts: the interval of a small part and of another, or None
    # when no table with that many small parts adds up to the remainder.
    small_part: list[tuple[float, float] | None] = [None] * (count + 1)
    other_part: list[tuple[float, float] | None] = [None] * (count + 1)
    for smalls in range(1, count + 1):
        least = smalls + (count - smalls) * (threshold + 1)
        # Parts above the threshold, and parts without a number, have no upper bound.
        unbounded = unknown + count - smalls
        bounded = threshold * smalls
        if remainder < least or (not unbounded and remainder > bounded):
            continue
        others = _INF if unbounded else bounded - threshold
        small_part[smalls] = (max(1, remainder - others), min(threshold, remainder - least + 1))
        # (The others of a part that is not small: with it left out, any unbounded still?)
        others = _INF if unbounded > 1 else bounded
        low = threshold + 1
        other_part[smalls] = (max(low, remainder - others), min(_INF, remainder - least + low))
    for as_small, as_other in _roles(tuple(sorted(hidden)), nonzero, len(parts)):
        intervals = [small_part[k] for k in as_small] + [other_part[k] for k in as_other]
        if _width([i for i in intervals if i is not None]) < threshold:
            return False
    return True


@functools.lru_cache(maxsize=4096)
def _roles(
    order: tuple[int, ...], nonzero: frozenset[int], size: int
) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """For each hidden part (in ``order``), the numbers of small parts of the reader's cases
    in which it is one of the small ones, and of those in which it is not; only cases this
    rule would have hidden in exactly the pattern ``order`` count."""
    hidden = frozenset(order)
    as_small: dict[int, set[int]] = {i: set() for i in order}
    as_other: dict[int, set[int]] = {i: set() for i in order}
    for small_ones in _cases(list(order)):
        if small_ones | _complement(small_ones, nonzero, size) != hidden:
            continue  # this rule would have hidden another pattern
        for i in order:
            (as_small if i in small_ones else as_other)[i].add(len(small_ones))
    return tuple((tuple(sorted(as_small[i])), tuple(sorted(as_other[i]))) for i in order)


def _cases(order: list[int]) -> Iterable[frozenset[int]]:
    """Which of the hidden parts could be the small ones (at least one is)."""
    if len(order) <= _LISTED:
        for size in range(1, len(order) + 1):
            for chosen in itertools.combinations(order, size):
                yield frozenset(chosen)
        return
    everything = frozenset(order)
    yield everything
    for i in order:
        yield everything - {i}
        yield frozenset({i})


def _width(intervals: list[tuple[float, float]]) -> float:
    """How many whole numbers the union of closed intervals holds."""
    count, reached = 0.0, -_INF
    for low, high in sorted(intervals):
        low = max(low, reached + 1)
        if high >= low:
            count += high - low + 1
            reached = high
    return count


View = Mapping[int, float | None]
"""A table as published: the total (key -1) and each part (its place) that has a number,
that number, or None where it is ``c``. Parts without a number that are not hidden (``x``,
``z``) are left out: they say nothing."""

TOTAL = -1


def publish(
    total: float | None,
    parts: Sequence[float | None],
    primary: Sequence[bool],
    threshold: int,
    *,
    total_hidden: bool = False,
    has_total: bool = True,
    structural: Sequence[bool] = (),
    earlier: Sequence[View] = (),
    left_out: Sequence[bool] = (),
) -> tuple[bool, tuple[bool, ...]]:
    """:func:`protect`, then the releases: a table of a period already published must look
    exactly as it did in each earlier release, unless neither shows any ``c``; otherwise the
    whole table is hidden. So nobody can subtract one release from another (a correction
    of one part, with the total, would give away what it was).

    ``has_total`` is False when ``total`` was borrowed from another measure that shares it
    (the table has no total of its own to show), ``structural`` marks the parts that do not
    apply (``z``, given as 0), and ``earlier`` is how each earlier release showed the table.
    """
    result = protect(total, parts, primary, threshold, total_hidden=total_hidden, left_out=left_out)
    if result[0] or not earlier:
        return result
    now = view(total if has_total else None, parts, result, structural)
    if any(subtractable(before, now) for before in earlier):
        return protect(total, parts, primary, threshold, total_hidden=True)
    return result


def subtractable(before: Mapping[_K, float | None], now: Mapping[_K, float | None]) -> bool:
    """Whether an earlier release of a table (``before``: each figure, None where it showed
    ``c``) set beside this one (``now``) lets a reader subtract one from the other: they
    differ and either hides something. One that showed no ``c``, only figures shown the same
    now (the Published version page shows a table's total alone), tells a reader nothing this
    one does not."""
    if None not in before.values() and before.items() <= now.items():
        return False
    return bool(before) and before != now and (None in before.values() or None in now.values())


def view(
    total: float | None,
    parts: Sequence[float | None],
    result: tuple[bool, tuple[bool, ...]],
    structural: Sequence[bool] = (),
) -> dict[int, float | None]:
    """The :data:`View` of a table published as ``result``."""
    total_hidden, hidden = result
    shown: dict[int, float | None] = {}
    if total_hidden:
        shown[TOTAL] = None
    elif total is not None:
        shown[TOTAL] = total
    for i, (part, flag) in enumerate(zip(parts, hidden, strict=True)):
        if flag:
            shown[i] = None
        elif part is not None and not (i < len(structural) and structural[i]):
            shown[i] = part
    return shown
