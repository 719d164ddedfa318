"""The attacker who knows the rule, run exhaustively (issue 12, point 3).

The code is public, so a reader can replay it: write down every table that could lie behind
what was published, run the rule on each, and keep those that publish exactly what they saw.
A hidden cell is safe when the tables kept give it at least ``threshold`` different values:
as much doubt as a lone ``c``, which could be anything from 1 to the threshold.

The search runs :func:`scorecard.disclosure.tables.publish`, the function publishable()
runs on each table (the last test checks that the two agree), over every table of 2 to 5
parts (counts whole and not negative) up to a total, so every table that could share a
published total is in it. Covered: threshold 5 with 2 to 4 parts up to 30 children and 5
parts up to 20; threshold 3 with 2 to 5 parts up to 15; threshold 10 with 2 to 4 parts up
to 25. Across two releases: threshold 3, 4 parts up to 7 children, then every correction of
one or two parts to any value from 0 to 8.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator

import pandas as pd

from scorecard.catalogue import ALL
from scorecard.disclosure import publishable
from scorecard.disclosure.tables import TOTAL, publish, small, view
from scorecard.symbols import Symbol
from tests.unit.disclosure_catalogues import with_placements

Table = tuple[int, ...]
Seen = tuple[tuple[int, float | None], ...]


def tables(parts: int, most: int) -> Iterator[Table]:
    """Every table of ``parts`` whole numbers of 0 or more adding up to at most ``most``."""
    for total in range(most + 1):
        yield from _splits(total, parts)


def _splits(total: int, parts: int) -> Iterator[Table]:
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in _splits(total - first, parts - 1):
            yield (first, *rest)


def released(parts: Table, threshold: int, earlier: Seen | None = None) -> Seen:
    """What the rule publishes of a table, as a reader sees it (None where it is c)."""
    total = float(sum(parts))
    numbers = [float(p) for p in parts]
    result = publish(
        total,
        numbers,
        [small(p, threshold) for p in parts],
        threshold,
        total_hidden=small(total, threshold),
        earlier=[dict(earlier)] if earlier is not None else [],
    )
    return tuple(sorted(view(total, numbers, result).items()))


def value_of(parts: Table, place: int) -> int:
    return sum(parts) if place == TOTAL else parts[place]


def too_narrow(threshold: int, sizes: range, most: int) -> list[str]:
    """Every hidden cell the attacker narrows to fewer than ``threshold`` values."""
    possible: dict[tuple[int, Seen], dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for size in sizes:
        for parts in tables(size, most):
            seen = released(parts, threshold)
            for place, shown in seen:
                if shown is None:
                    possible[(size, seen)][place].add(value_of(parts, place))
    return [
        f"{dict(seen)}: cell {place} can only be {sorted(values)}"
        for (_, seen), cells in possible.items()
        for place, values in cells.items()
        if len(values) < threshold
    ]


def test_the_search_sees_what_the_old_rule_gave_away() -> None:
    # The attacker's search itself works: under "hide the smallest part too, the first on a
    # tie" (the rule issue 12 broke), foster 30, homes 6, parents 6, other 5 was the only
    # table published as 47: 30, c, 6, c. Replaying that rule the same way finds it alone.
    def smallest_rule(parts: Table) -> Table:
        hidden = {i for i, p in enumerate(parts) if 1 <= p <= 5}
        if len(hidden) == 1:
            hidden.add(min((p, i) for i, p in enumerate(parts) if p and i not in hidden)[1])
        return tuple(-1 if i in hidden else p for i, p in enumerate(parts))

    published = smallest_rule((30, 6, 6, 5))
    assert published == (30, -1, 6, -1)
    behind = [t for t in tables(4, 47) if sum(t) == 47 and smallest_rule(t) == published]
    assert behind == [(30, 6, 6, 5)]


def test_no_hidden_cell_of_any_table_up_to_30_children_is_narrowed_below_5_values() -> None:
    assert too_narrow(5, range(2, 5), 30) == []


def test_no_hidden_cell_of_any_five_part_table_up_to_20_children_is_narrowed() -> None:
    assert too_narrow(5, range(5, 6), 20) == []


def test_the_guarantee_holds_for_a_threshold_of_3_and_of_10() -> None:
    assert too_narrow(3, range(2, 6), 15) == []
    assert too_narrow(10, range(2, 5), 25) == []


def test_no_correction_of_one_or_two_parts_narrows_a_hidden_cell_of_either_release() -> None:
    """The attacker sees both releases of a period and knows (or guesses right) which parts
    a correction changed. For every table, every correction of one or two of its parts and
    the two releases that follow, the tables consistent with both releases and that guess
    must leave each cell hidden in either release at least 3 values; a cell the correction
    did not change and that a release showed is no secret, so it is not counted.

    When the second release is the first one again, nothing new is published: a reader who
    guesses that nothing changed knows exactly what one release told them (the tests above).
    """
    threshold = 3
    possible: dict[tuple[Seen, Seen, Table], dict[tuple[str, int], set[int]]] = defaultdict(
        lambda: defaultdict(set)
    )
    for old in tables(4, 7):
        first = released(old, threshold)
        for size in (1, 2):
            for changed in itertools.combinations(range(4), size):
                for values in itertools.product(range(9), repeat=size):
                    if any(old[i] == v for i, v in zip(changed, values, strict=True)):
                        continue
                    new = list(old)
                    for i, v in zip(changed, values, strict=True):
                        new[i] = v
                    second = released(tuple(new), threshold, first)
                    if second == first:
                        continue
                    cells = possible[(first, second, changed)]
                    shown_before = dict(first)
                    for place, shown in first:
                        if shown is None:
                            cells[("before", place)].add(value_of(old, place))
                    for place, shown in second:
                        kept = place != TOTAL and place not in changed
                        if shown is None and not (kept and shown_before.get(place) is not None):
                            cells[("after", place)].add(value_of(tuple(new), place))
    narrowed = [
        f"{dict(first)} then {dict(second)}, {changed} changed: {cell} is {sorted(values)}"
        for (first, second, changed), cells in possible.items()
        for cell, values in cells.items()
        if len(values) < threshold
    ]
    assert narrowed == []


def test_the_search_runs_the_rule_publishable_applies() -> None:
    catalogue_with_placements = with_placements()
    # A sample of tables through publishable() itself: the same cells come out hidden.
    breakdowns = catalogue_with_placements.measure("CLA_BY_PLACEMENT").breakdowns
    sample = [t for n, t in enumerate(tables(4, 14)) if n % 7 == 0]
    rows = []
    for number, parts in enumerate(sample):
        cells = [(ALL, float(sum(parts))), *zip(breakdowns, map(float, parts), strict=True)]
        rows += [
            {
                "measure_id": "CLA_BY_PLACEMENT",
                "period": f"table {number}",
                "breakdown": breakdown,
                "value": value,
                "numerator": float("nan"),
                "denominator": float("nan"),
                "symbol": None,
                "note": None,
            }
            for breakdown, value in cells
        ]
    result = publishable(catalogue_with_placements, pd.DataFrame(rows), threshold=5)
    hidden = (result["symbol"] == Symbol.SUPPRESSED).tolist()
    for number, parts in enumerate(sample):
        expected = dict(released(parts, 5))
        got = hidden[number * 5 : number * 5 + 5]
        assert got == [expected.get(place, 0) is None for place in (TOTAL, 0, 1, 2, 3)], parts
