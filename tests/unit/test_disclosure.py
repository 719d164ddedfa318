"""Disclosure control: hand-worked tables where no suppressed figure can be recovered."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

import pandas as pd
import pytest

from scorecard.catalogue import ALL, Catalogue
from scorecard.disclosure import (
    THRESHOLD_VARIABLE,
    DisclosureSettingError,
    configured_threshold,
    publishable,
    publishable_commentary,
    text_key,
)
from scorecard.disclosure.tables import protect
from scorecard.periods import parse_period
from scorecard.records import Commentary, CommentaryKind
from scorecard.symbols import Symbol
from tests.unit.disclosure_catalogues import with_placements

NAN = float("nan")


def frame(rows: list[tuple[str, str, float, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "measure_id": m,
                "period": "2025/26 Q1",
                "breakdown": b,
                "value": v,
                "numerator": n,
                "denominator": d,
                "symbol": None,
                "note": "private note",
            }
            for m, b, v, n, d in rows
        ]
    )


def shown(result: pd.DataFrame) -> dict[str, object]:
    """What a reader sees in each cell: its symbol ("c" when hidden), else its number."""
    return {
        r.breakdown: (r.symbol if isinstance(r.symbol, Symbol) else r.value)
        for r in result.itertuples()
    }


def uploaded(measure: str, cells: dict[str, float | Symbol]) -> pd.DataFrame:
    """One measure and period as an officer uploaded it: each cell a number, or a symbol
    (then with no number)."""
    data = frame(
        [(measure, b, NAN if isinstance(v, Symbol) else v, NAN, NAN) for b, v in cells.items()]
    )
    symbols = [v if isinstance(v, Symbol) else None for v in cells.values()]
    return data.assign(symbol=pd.Series(symbols, index=data.index, dtype=object))


@pytest.fixture
def catalogue() -> Catalogue:
    """The small catalogue, with children in care by placement and a rate per 10,000."""
    return with_placements()


def test_counts_one_to_five_are_suppressed_and_zero_stays(small_catalogue: Catalogue) -> None:
    # Under 1: 0 stays 0; 1-4: 3 is small; 16+: 5 is small (threshold inclusive). Alone they
    # would share 60 - 52 = 8 (3 to 5 each, too narrow), so the part after 1-4 in the
    # catalogue's order, 5-9, goes with them: 20 among three, each small one 1 to 5.
    rows = [
        ("CLA_COUNT", "All", 60.0, NAN, NAN),
        ("CLA_COUNT", "Under 1", 0.0, NAN, NAN),
        ("CLA_COUNT", "1-4", 3.0, NAN, NAN),
        ("CLA_COUNT", "5-9", 12.0, NAN, NAN),
        ("CLA_COUNT", "10-15", 40.0, NAN, NAN),
        ("CLA_COUNT", "16+", 5.0, NAN, NAN),
    ]
    assert shown(publishable(small_catalogue, frame(rows))) == {
        "All": 60.0,
        "Under 1": 0.0,
        "1-4": "c",
        "5-9": "c",
        "10-15": 40.0,
        "16+": "c",
    }


def test_a_lone_suppressed_part_takes_the_next_part_in_catalogue_order_with_it(
    small_catalogue: Catalogue,
) -> None:
    # 60 - (0 + 12 + 40 + 6) = 2 would reveal 1-4, so the next part after it that is not
    # zero (5-9, 12) goes too: never "the smallest", which would tell a reader that every
    # other hidden part is bigger.
    rows = [
        ("CLA_COUNT", "All", 60.0, NAN, NAN),
        ("CLA_COUNT", "Under 1", 0.0, NAN, NAN),
        ("CLA_COUNT", "1-4", 2.0, NAN, NAN),
        ("CLA_COUNT", "5-9", 12.0, NAN, NAN),
        ("CLA_COUNT", "10-15", 40.0, NAN, NAN),
        ("CLA_COUNT", "16+", 6.0, NAN, NAN),
    ]
    result = shown(publishable(small_catalogue, frame(rows)))
    assert result == {
        "All": 60.0,
        "Under 1": 0.0,
        "1-4": "c",
        "5-9": "c",
        "10-15": 40.0,
        "16+": 6.0,
    }
    # A reader knows 1-4 and 5-9 add up to 60 - 46 = 14: 1 + 13 up to 5 + 9.
    published = [v for k, v in result.items() if k != "All" and v != "c"]
    assert 60.0 - sum(published) == 14.0


def test_percentage_of_a_small_cohort_is_suppressed(small_catalogue: Catalogue) -> None:
    rows = [("PEP", "All", 75.0, 3.0, 4.0), ("PEP", "All", 80.0, 40.0, 50.0)]
    data = frame(rows).assign(period=["2025/26 Q1", "2025/26 Q2"])
    result = publishable(small_catalogue, data)
    assert result.loc[0, "symbol"] is Symbol.SUPPRESSED and math.isnan(result.loc[0, "value"])
    assert result.loc[1, "value"] == 80.0


def test_a_percentage_that_singles_out_the_few_without_the_outcome_is_hidden(
    small_catalogue: Catalogue, catalogue: Catalogue
) -> None:
    # 45 of 47 with a PEP tells everyone that 2 children have none; 8 complaints of which
    # 75% were answered on time, that 2 were late. 41 of 47 leaves 6 without: published.
    rows = [
        ("PEP", "All", 95.7, 45.0, 47.0),
        ("PEP", "All", 75.0, NAN, 8.0),
        ("PEP", "All", 87.2, 41.0, 47.0),
        ("PEP", "All", 0.0, 0.0, 47.0),
    ]
    periods = ["2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4"]
    result = publishable(small_catalogue, frame(rows).assign(period=periods), threshold=5)
    assert result["symbol"].tolist() == [Symbol.SUPPRESSED, Symbol.SUPPRESSED, None, None]
    assert result["value"].tolist()[2:] == [87.2, 0.0]
    # A rate per 10,000 is out of a population, not a cohort: 40 children of 10,000 is
    # published although the rest is not small in any sense that names a child.
    rate = frame([("CLA_RATE", "All", 40.0, 40.0, 10000.0)]).assign(period=["2025/26 Q1"])
    assert publishable(catalogue, rate, threshold=5)["symbol"].tolist() == [None]


def test_numerators_denominators_and_notes_are_never_published(small_catalogue: Catalogue) -> None:
    result = publishable(small_catalogue, frame([("PEP", "All", 90.0, 45.0, 50.0)]))
    assert result["numerator"].isna().all() and result["denominator"].isna().all()
    assert result["note"].isna().all()


def test_threshold_follows_the_councils_policy(small_catalogue: Catalogue) -> None:
    rows = [("CLA_COUNT", "All", 9.0, NAN, NAN)]
    assert shown(publishable(small_catalogue, frame(rows), threshold=10)) == {"All": "c"}
    assert shown(publishable(small_catalogue, frame(rows), threshold=5)) == {"All": 9.0}


# -- An attacker who knows the rule ----------------------------------------------------------
# Everything published about one count and period: the total and the parts, "c" where hidden.
# The attacker knows the rule (and the threshold), that a hidden part is a whole number of at
# least 1 (zero is shown while the total is), and tries every value the hidden parts could
# have had: each candidate table is run through the same suppression and kept if it
# publishes exactly what was published. A hidden part is safe when at least the threshold's
# number of values survive, as many as a lone c (1 to 5) leaves.

BANDS = ["Under 1", "1-4", "5-9", "10-15", "16+"]


def counts(total: float, parts: list[float]) -> pd.DataFrame:
    return frame(
        [("CLA_COUNT", "All", total, NAN, NAN)]
        + [("CLA_COUNT", band, value, NAN, NAN) for band, value in zip(BANDS, parts, strict=False)]
    )


def published_parts(total: float, parts: list[float], threshold: int = 5) -> list[object]:
    """What the rule publishes for a total and its parts, as publishable() does for a count:
    small counts hidden, then protect(). "c" marks a hidden cell."""
    total_hidden, hidden = protect(
        total,
        list(parts),
        [1 <= p <= threshold for p in parts],
        threshold,
        total_hidden=1 <= total <= threshold,
    )
    return ["c" if total_hidden else total] + [
        "c" if h else p for p, h in zip(parts, hidden, strict=True)
    ]


def possible_values(published: list[object], threshold: int = 5) -> dict[int, set[int]]:
    """Every value each hidden part could have had, given what was published."""
    total, shown_parts = published[0], published[1:]
    assert isinstance(total, float), "these tables publish their total"
    hidden = [i for i, v in enumerate(shown_parts) if v == "c"]
    remainder = int(total - sum(v for v in shown_parts if v != "c"))  # type: ignore[misc]
    found: dict[int, set[int]] = {i: set() for i in hidden}
    for guess in splits(remainder, len(hidden)):
        candidate = list(shown_parts)
        for i, value in zip(hidden, guess, strict=True):
            candidate[i] = float(value)
        if published_parts(total, candidate, threshold) == published:  # type: ignore[arg-type]
            for i, value in zip(hidden, guess, strict=True):
                found[i].add(value)
    return found


def assert_nothing_recoverable(catalogue: Catalogue, total: float, parts: list[float]) -> None:
    published = published_parts(total, parts)
    # The rule the attacker replays is the one publishable() applies.
    assert list(shown(publishable(catalogue, counts(total, parts))).values()) == published
    for i, values in possible_values(published).items():
        assert len(values) >= 5, f"part {i} can only be {values} in {published}"


@pytest.mark.parametrize(
    ("total", "parts"),
    [
        (60.0, [0.0, 2.0, 12.0, 40.0, 6.0]),  # one small part: the next smallest goes too
        (60.0, [0.0, 3.0, 12.0, 40.0, 5.0]),  # two small parts already hide each other
        (47.0, [1.0, 1.0, 15.0, 20.0, 10.0]),  # two hidden 1s: a third part must go
        (30.0, [4.0, 0.0, 0.0, 26.0, 0.0]),  # a lone small part beside one big one
        (21.0, [0.0, 5.0, 5.0, 6.0, 5.0]),  # small parts all round
        (9.0, [0.0, 0.0, 3.0, 6.0, 0.0]),  # the second part is only just above the threshold
    ],
)
def test_no_hidden_part_can_be_worked_out_from_the_total(
    small_catalogue: Catalogue, total: float, parts: list[float]
) -> None:
    assert_nothing_recoverable(small_catalogue, total, parts)


def test_two_hidden_ones_would_be_given_away_so_a_third_part_is_hidden(
    small_catalogue: Catalogue,
) -> None:
    # 47 - (15 + 20 + 10) = 2 hidden between two cells of at least 1: both must be 1. The
    # next part after them in the catalogue's order (5-9) goes too.
    result = shown(publishable(small_catalogue, counts(47.0, [1.0, 1.0, 15.0, 20.0, 10.0])))
    assert result == {
        "All": 47.0,
        "Under 1": "c",
        "1-4": "c",
        "5-9": "c",
        "10-15": 20.0,
        "16+": 10.0,
    }
    # Now 47 - 30 = 17 among three cells: 1 + 1 + 15, 5 + 5 + 7, … many ways.


def test_when_no_part_is_left_to_hide_the_total_is_hidden(small_catalogue: Catalogue) -> None:
    # Every age group given, only one of them not zero and small: subtraction would give it
    # away, and nothing else can be hidden with it (the figures do not add up either).
    result = shown(publishable(small_catalogue, counts(40.0, [3.0, 0.0, 0.0, 0.0, 0.0])))
    assert set(result.values()) == {"c"}


def test_age_groups_left_out_are_weighed_as_none_and_as_unknown(
    small_catalogue: Catalogue,
) -> None:
    # Only Under 1 is given (3) and the other four are left out. A reader who takes them
    # for none at all reads Under 1 as the whole 40: the table is hidden whole.
    assert shown(publishable(small_catalogue, counts(40.0, [3.0]))) == {"All": "c", "Under 1": "c"}
    # The attack the other way round: 47 in all, every age group but Under 1 given (44).
    # Left out, Under 1 is 47 - 44 = 3, as surely as if it had been given as x: the others
    # are hidden, as beside an x (found by attacking the published version).
    given = counts(47.0, [3.0, 6.0, 9.0, 12.0, 17.0]).iloc[[0, 2, 3, 4, 5]]
    assert shown(publishable(small_catalogue, given)) == {
        "All": 47.0, "1-4": "c", "5-9": "c", "10-15": "c", "16+": "c"
    }  # fmt: skip


def test_the_tie_break_attack_from_the_issue_finds_more_than_one_table(
    catalogue: Catalogue,
) -> None:
    # Issue 12: foster 30, homes 6, parents 6, other 5 (47) was published as 30, c, 6, c
    # by "hide the smallest, the first on a tie", and only one table does that. Now the
    # part after Other in the catalogue's order (round to the start: foster care) goes.
    cells = {ALL: 47.0, "Foster care": 30.0, "Children's homes": 6.0}
    cells |= {"Placed with parents": 6.0, "Other": 5.0}
    assert shown(publishable(catalogue, uploaded("CLA_BY_PLACEMENT", cells), 5)) == {
        ALL: 47.0,
        "Foster care": "c",
        "Children's homes": 6.0,
        "Placed with parents": 6.0,
        "Other": "c",
    }
    # The attacker replays the rule on every table with the same published figures.
    tables = [
        (foster, other)
        for foster in range(36)
        for other in range(36 - foster)
        if foster + other == 35
        and protect(
            47.0,
            [float(foster), 6.0, 6.0, float(other)],
            [0 < foster <= 5, False, False, 0 < other <= 5],
            5,
        )
        == (False, (True, False, False, True))
    ]
    assert sorted(other for _, other in tables) == [1, 2, 3, 4, 5]
    assert sorted(foster for foster, _ in tables) == [30, 31, 32, 33, 34]


def test_parts_all_at_the_threshold_take_another_part_with_them(
    small_catalogue: Catalogue,
) -> None:
    # 21 - 6 = 15 among three hidden parts of 1 to 5 each: all would have to be 5.
    result = shown(publishable(small_catalogue, counts(21.0, [0.0, 5.0, 5.0, 6.0, 5.0])))
    assert result == {"All": 21.0, "Under 1": 0.0, "1-4": "c", "5-9": "c", "10-15": "c", "16+": "c"}


def test_a_percentage_is_hidden_when_either_side_is_small_and_never_shows_n_or_n(
    small_catalogue: Catalogue,
) -> None:
    # 5 of 120 = 4.2% (numerator small); 100% of 5 (denominator small); 60 of 120 published.
    rows = [
        ("PEP", "All", 4.2, 5.0, 120.0),
        ("PEP", "All", 100.0, 5.0, 5.0),
        ("PEP", "All", 50.0, 60.0, 120.0),
    ]
    data = frame(rows).assign(period=["2025/26 Q1", "2025/26 Q2", "2025/26 Q3"])
    result = publishable(small_catalogue, data)
    assert [r.symbol for r in result.itertuples()] == [Symbol.SUPPRESSED, Symbol.SUPPRESSED, None]
    assert result["value"].tolist()[2] == 50.0
    assert result["numerator"].isna().all() and result["denominator"].isna().all()


def test_zero_is_published_as_zero_even_of_a_small_cohort_count(small_catalogue: Catalogue) -> None:
    result = shown(publishable(small_catalogue, counts(12.0, [0.0, 0.0, 0.0, 12.0, 0.0])))
    assert result == {
        "All": 12.0,
        "Under 1": 0.0,
        "1-4": 0.0,
        "5-9": 0.0,
        "10-15": 12.0,
        "16+": 0.0,
    }


# -- figures an officer uploaded without a number ------------------------------------------


def test_a_band_uploaded_as_c_is_not_given_away_by_the_total_and_the_other_bands(
    catalogue: Catalogue,
) -> None:
    # 648 - (455 + 88 + 101) = 4 would be Other, so the next band after it in the
    # catalogue's order (round to the start: foster care, 455) is hidden too:
    # 648 - (88 + 101) = 459 is then all a reader knows of the two.
    data = uploaded(
        "CLA_BY_PLACEMENT",
        {
            ALL: 648.0,
            "Foster care": 455.0,
            "Children's homes": 88.0,
            "Placed with parents": 101.0,
            "Other": Symbol.SUPPRESSED,
        },
    )
    assert shown(publishable(catalogue, data, threshold=5)) == {
        ALL: 648.0,
        "Foster care": "c",
        "Children's homes": 88.0,
        "Placed with parents": 101.0,
        "Other": "c",
    }


def test_a_total_uploaded_as_c_takes_its_whole_table_with_it(small_catalogue: Catalogue) -> None:
    # 0 + 8 + 12 + 40 + 6 = 66 would be the total. A hidden total may be a small one, and
    # then every band is at most that: the table is hidden whole, its zero too, as every
    # table with a small total is, so none of them tells a reader which it was.
    bands = dict(zip(BANDS, [0.0, 8.0, 12.0, 40.0, 6.0], strict=True))
    data = uploaded("CLA_COUNT", {ALL: Symbol.SUPPRESSED, **bands})
    assert shown(publishable(small_catalogue, data, threshold=5)) == {
        ALL: "c",
        "Under 1": "c",
        "1-4": "c",
        "5-9": "c",
        "10-15": "c",
        "16+": "c",
    }


def test_a_band_that_does_not_apply_counts_as_zero_and_keeps_its_symbol(
    small_catalogue: Catalogue,
) -> None:
    # No child can be in a band that does not apply (z), so 60 - (12 + 40 + 6) = 2 is the
    # band uploaded as c: the next band, 5-9 (12), is hidden too; the z band is still z.
    data = uploaded(
        "CLA_COUNT",
        {
            ALL: 60.0,
            "Under 1": Symbol.NOT_APPLICABLE,
            "1-4": Symbol.SUPPRESSED,
            "5-9": 12.0,
            "10-15": 40.0,
            "16+": 6.0,
        },
    )
    assert shown(publishable(small_catalogue, data, threshold=5)) == {
        ALL: 60.0,
        "Under 1": "z",
        "1-4": "c",
        "5-9": "c",
        "10-15": 40.0,
        "16+": 6.0,
    }


def test_a_band_not_available_is_not_worked_out_from_the_total(
    small_catalogue: Catalogue,
) -> None:
    # The total still counts the children of a band nobody has a number for (x):
    # 60 - (0 + 12 + 40 + 6) = 2 would say how many, so every band that is not zero is
    # hidden: which of them, or the x band, holds the 60 is then anyone's guess. The x band
    # stays x: it was not hidden, it is not known.
    data = uploaded(
        "CLA_COUNT",
        {
            ALL: 60.0,
            "Under 1": Symbol.NOT_AVAILABLE,
            "1-4": 0.0,
            "5-9": 12.0,
            "10-15": 40.0,
            "16+": 6.0,
        },
    )
    assert shown(publishable(small_catalogue, data, threshold=5)) == {
        ALL: 60.0,
        "Under 1": "x",
        "1-4": 0.0,
        "5-9": "c",
        "10-15": "c",
        "16+": "c",
    }


def splits(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way to write ``total`` as ``parts`` whole numbers of at least 1, in order."""
    if parts == 1:
        if total >= 1:
            yield (total,)
        return
    for first in range(1, total - parts + 2):
        for rest in splits(total - first, parts - 1):
            yield (first, *rest)


def test_no_band_uploaded_as_c_can_be_worked_out_from_any_small_table(
    small_catalogue: Catalogue,
) -> None:
    """Every table of 2 to 5 bands of 0 to 6 children adding up to 1 to 8, with every choice
    of one or more bands (not zero) uploaded as c, published in one go. The reader sees the
    total and the published bands and tries every value the hidden bands could have: each
    at least 1 and, as c usually means, perhaps also all at most 5. A hidden band is given
    away when only one value fits."""
    tables = []
    for size in range(2, 6):
        for parts in itertools.product(range(7), repeat=size):
            if not 0 < sum(parts) <= 8:
                continue
            nonzero = [i for i, p in enumerate(parts) if p]
            for k in range(1, len(nonzero) + 1):
                tables += [(parts, set(c)) for c in itertools.combinations(nonzero, k)]
    rows = []
    for number, (parts, as_c) in enumerate(tables):
        cells = [(ALL, float(sum(parts)))] + [
            (band, NAN if i in as_c else float(value))
            for i, (band, value) in enumerate(zip(BANDS, parts, strict=False))
        ]
        rows += [
            {
                "measure_id": "CLA_COUNT",
                "period": f"table {number}",
                "breakdown": band,
                "value": value,
                "numerator": NAN,
                "denominator": NAN,
                "symbol": Symbol.SUPPRESSED if math.isnan(value) else None,
                "note": None,
            }
            for band, value in cells
        ]
    result = publishable(small_catalogue, pd.DataFrame(rows), threshold=5)
    seen = [
        "c" if symbol is Symbol.SUPPRESSED else value
        for symbol, value in zip(result["symbol"], result["value"], strict=True)
    ]

    start = 0
    for parts, as_c in tables:
        total, bands = seen[start], seen[start + 1 : start + 1 + len(parts)]
        start += 1 + len(parts)
        assert all(bands[i] == "c" for i in as_c), f"an uploaded c was published: {bands}"
        if total == "c":
            assert "c" in bands, f"the bands add up to the hidden total: {bands}"
            continue
        hidden = [i for i, v in enumerate(bands) if v == "c"]
        rest = round(float(total) - sum(float(v) for v in bands if v != "c"))  # type: ignore[arg-type]
        fits = list(splits(rest, len(hidden)))
        assert tuple(parts[i] for i in hidden) in fits  # the reader's sums are right
        for world in (fits, [f for f in fits if max(f) <= 5]):
            for j, i in enumerate(hidden):
                values = {f[j] for f in world}
                assert len(values) != 1, f"{parts}, {as_c} as c: band {i} is {values} in {bands}"


# -- a percentage or rate given with only one side -------------------------------------------


def test_a_percentage_given_without_its_numerator_is_hidden_when_the_count_is_small(
    small_catalogue: Catalogue,
) -> None:
    # 25% of 8 young people is 2 of them, a small number; 25% of 40 is 10, published.
    rows = [("PEP", "All", 25.0, NAN, 8.0), ("PEP", "All", 25.0, NAN, 40.0)]
    data = frame(rows).assign(period=["2025/26 Q1", "2025/26 Q2"])
    result = publishable(small_catalogue, data, threshold=5)
    assert result["symbol"].tolist() == [Symbol.SUPPRESSED, None]
    assert math.isnan(result.loc[0, "value"]) and result.loc[1, "value"] == 25.0


def test_the_count_worked_out_from_a_percentage_is_rounded_to_the_nearest_child(
    small_catalogue: Catalogue,
) -> None:
    # 5 of 9 is 55.6% to one decimal, and 55.6% of 9 is 5.004: 5 children, hidden.
    # 7 of 13 is 53.8%, and 53.8% of 13 is 6.994: 7 children (and 6 without), published.
    rows = [("PEP", "All", 55.6, NAN, 9.0), ("PEP", "All", 53.8, NAN, 13.0)]
    data = frame(rows).assign(period=["2025/26 Q1", "2025/26 Q2"])
    result = publishable(small_catalogue, data, threshold=5)
    assert result["symbol"].tolist() == [Symbol.SUPPRESSED, None]


def test_a_rate_given_without_its_numerator_is_hidden_when_the_count_is_small(
    catalogue: Catalogue,
) -> None:
    # 40 per 10,000 of 1,000 children is 4 children; of 10,000 children it is 40.
    rows = [("CLA_RATE", "All", 40.0, NAN, 1000.0), ("CLA_RATE", "All", 40.0, NAN, 10000.0)]
    data = frame(rows).assign(period=["2025/26 Q1", "2025/26 Q2"])
    result = publishable(catalogue, data, threshold=5)
    assert result["symbol"].tolist() == [Symbol.SUPPRESSED, None]


def test_a_percentage_given_without_its_denominator_is_judged_on_both(
    small_catalogue: Catalogue,
) -> None:
    # 100% with 4 in the numerator: 4 of 4, hidden. 50% with 6: 6 of 12, published.
    # 0% with 0: the cohort cannot be worked out from it and might be 3 children, all of
    # whom missed out: hidden (when in doubt, hide).
    rows = [
        ("PEP", "All", 100.0, 4.0, NAN),
        ("PEP", "All", 50.0, 6.0, NAN),
        ("PEP", "All", 0.0, 0.0, NAN),
    ]
    data = frame(rows).assign(period=["2025/26 Q1", "2025/26 Q2", "2025/26 Q3"])
    result = publishable(small_catalogue, data, threshold=5)
    assert result["symbol"].tolist() == [Symbol.SUPPRESSED, None, Symbol.SUPPRESSED]
    assert result["value"].tolist()[1] == 50.0


def test_a_percentage_so_near_zero_that_no_cohort_fits_it_is_hidden_without_a_crash(
    small_catalogue: Catalogue,
) -> None:
    # A crafted workbook's 1e-310% of an unknown number, 5 of them in the numerator: the
    # cohort worked out, 5 / 1e-312, is beyond any number. Nobody can say how many children
    # it is about, so it is hidden; the published version is still made (it used to raise
    # OverflowError, and the page with it).
    rows = [("PEP", "All", 1e-310, 5.0, NAN), ("PEP", "All", 1e-310, NAN, 40.0)]
    data = frame(rows).assign(period=["2025/26 Q1", "2025/26 Q2"])
    result = publishable(small_catalogue, data, threshold=5)
    # The second: 1e-310% of 40 rounds to 0 children, and a figure above 0 is of at least
    # one (1 of 40): hidden too.
    assert result["symbol"].tolist() == [Symbol.SUPPRESSED, Symbol.SUPPRESSED]


# -- the configured threshold --------------------------------------------------------------


def test_threshold_defaults_to_five_and_follows_the_environment() -> None:
    assert configured_threshold({}) == 5
    assert configured_threshold({THRESHOLD_VARIABLE: " 10 "}) == 10


@pytest.mark.parametrize("bad", ["ten", "0", "-3", "2.5", "1000"])
def test_a_threshold_that_is_not_a_sensible_whole_number_is_refused(bad: str) -> None:
    with pytest.raises(DisclosureSettingError, match=THRESHOLD_VARIABLE):
        configured_threshold({THRESHOLD_VARIABLE: bad})


def test_publishable_uses_the_configured_threshold(
    small_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(THRESHOLD_VARIABLE, "10")
    assert shown(publishable(small_catalogue, counts(9.0, []))) == {"All": "c"}


# -- free text -------------------------------------------------------------------------------


def test_only_commentary_approved_word_for_word_is_published() -> None:
    quarter = parse_period("2025/26 Q1")
    kept = Commentary(quarter, 1, CommentaryKind.ACHIEVEMENT, "Prom", "Everyone went to the prom.")
    held = Commentary(quarter, 1, CommentaryKind.CONCERN, "Moves", "Two moves this quarter.")
    approved = {text_key(kept)}
    assert publishable_commentary([kept, held], approved) == [kept]
    edited = Commentary(quarter, 1, kept.kind, kept.title, kept.text + " And danced.")
    assert publishable_commentary([edited], approved) == []


# -- fail closed -----------------------------------------------------------------------------


def test_a_count_of_5_point_4_or_0_point_6_is_hidden_as_it_would_round_to_a_small_one(
    small_catalogue: Catalogue,
) -> None:
    # Older or restored data may hold counts that are not whole. 5.4 and 0.6 round to 5 and
    # 1 children in the XLSX and PDF; 6.4 rounds to 6 and 0 is none: those two are shown.
    rows = [("CLA_COUNT", ALL, v, NAN, NAN) for v in (5.4, 0.6, 6.4, 0.0)]
    data = frame(rows).assign(period=["2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4"])
    result = publishable(small_catalogue, data, threshold=5)
    assert result["symbol"].tolist() == [Symbol.SUPPRESSED, Symbol.SUPPRESSED, None, None]
    assert result["value"].tolist()[2:] == [6.4, 0.0]


def test_a_percentage_given_without_its_numerator_or_denominator_is_hidden(
    small_catalogue: Catalogue,
) -> None:
    # Issue 12: 62.5% of complaints answered on time beside 8 complaints is 5 of them. A
    # figure with neither side could be about any number of children, however few.
    result = publishable(small_catalogue, frame([("PEP", ALL, 62.5, NAN, NAN)]), threshold=5)
    assert result["symbol"].tolist() == [Symbol.SUPPRESSED]
    assert math.isnan(result.loc[0, "value"])


def test_figures_beyond_any_number_are_hidden_not_a_crash() -> None:
    # Parts adding up past what a float holds (a caller's own frame; uploads are bounded).
    assert protect(math.inf, [1e308, 1e308, 3.0], [False, False, True], 5) == (
        True, (True, True, True)
    )  # fmt: skip
