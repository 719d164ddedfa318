"""The check of a pattern of ``c`` (tables.safe), worked out once per pattern, against the
reader's reasoning written out case by case, as the rule describes it.

:func:`scorecard.disclosure.tables.safe` groups the reader's cases by pattern and by how many
parts are small (it is run on every table of every upload's preview and every publication).
The reference below lists every case and every interval one by one, as the module's
description states the rule; the two must agree on every table, whatever its total, parts,
hidden pattern and parts without a number.
"""

from __future__ import annotations

import itertools
import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.disclosure.tables import _complement, _width, safe


def safe_case_by_case(
    total: float,
    parts: list[float | None],
    hidden: frozenset[int],
    nonzero: frozenset[int],
    threshold: int,
) -> bool:
    """Every way the hidden parts could split into small ones (1 to the threshold) and
    others (above it) that this rule would have hidden in exactly this pattern gives each
    hidden part an interval; the part keeps the whole numbers of their union."""
    shown = [p for i, p in enumerate(parts) if i not in hidden and p is not None]
    unknown = sum(1 for i, p in enumerate(parts) if i not in hidden and p is None)
    rest = total - sum(shown)
    if rest != int(rest) or rest < 0:
        return False
    remainder = int(rest)
    order = sorted(hidden)
    if len(order) <= 10:
        cases = [
            frozenset(c) for n in range(1, len(order) + 1) for c in itertools.combinations(order, n)
        ]
    else:  # beyond ten hidden parts only some cases are listed (tables._cases)
        everything = frozenset(order)
        cases = [everything]
        for i in order:
            cases += [everything - {i}, frozenset({i})]
    found: dict[int, list[tuple[float, float]]] = {i: [] for i in order}
    for small_ones in cases:
        if small_ones | _complement(small_ones, nonzero, len(parts)) != hidden:
            continue
        low = {i: 1 if i in small_ones else threshold + 1 for i in order}
        high = {i: threshold if i in small_ones else math.inf for i in order}
        least = sum(low.values())
        unbounded = unknown + len(order) - len(small_ones)
        bounded = threshold * len(small_ones)
        if remainder < least or (not unbounded and remainder > bounded):
            continue
        for i in order:
            mine = i in small_ones
            others = math.inf if unbounded - (not mine) else bounded - (high[i] if mine else 0)
            found[i].append(
                (max(low[i], remainder - others), min(high[i], remainder - least + low[i]))
            )
    return all(_width(found[i]) >= threshold for i in order)


part = st.one_of(st.none(), st.integers(0, 40).map(float))


@settings(max_examples=600, deadline=None)
@given(
    parts=st.lists(part, min_size=1, max_size=12),
    extra=st.integers(0, 60),
    threshold=st.sampled_from([1, 3, 5, 10]),
    seed=st.integers(0, 2**32 - 1),
)
def test_safe_agrees_with_the_reader_case_by_case(
    parts: list[float | None], extra: int, threshold: int, seed: int
) -> None:
    rng = random.Random(seed)
    total = float(sum(p for p in parts if p is not None) + extra)
    nonzero = frozenset(i for i, p in enumerate(parts) if p is None or p != 0)
    if not nonzero:
        return
    hidden = frozenset(rng.sample(sorted(nonzero), rng.randint(1, len(nonzero))))
    assert safe(total, parts, hidden, nonzero, threshold) == safe_case_by_case(
        total, parts, hidden, nonzero, threshold
    )


def test_worked_examples() -> None:
    # Total 12, parts 2 and 10 both hidden (10 the complement of the small 2). Either one
    # part is small and the other above 5: the small one 1..5 and the other 7..11; or both
    # are small, which cannot add up to 12. So each part is 1..5 or 7..11: 10 values.
    assert safe(12.0, [2.0, 10.0], frozenset({0, 1}), frozenset({0, 1}), 5)
    # Total 4: one part above 5 is impossible, so both are small and each is 1..3 (the
    # other at least 1): 3 values, fewer than 5.
    assert not safe(4.0, [1.0, 3.0], frozenset({0, 1}), frozenset({0, 1}), 5)
    # Parts shown that add up to more than the total: never safe.
    assert not safe(10.0, [2.0, 11.0, 3.0], frozenset({0, 2}), frozenset({0, 1, 2}), 5)
