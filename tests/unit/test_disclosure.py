"""Disclosure control: hand-worked tables where no suppressed figure can be recovered."""

from __future__ import annotations

import copy
import itertools
import math
import random
from collections.abc import Iterator

import pandas as pd
import pytest

from scorecard.catalogue import ALL, Catalogue, parse_catalogue
from scorecard.disclosure import (
    THRESHOLD_VARIABLE,
    DisclosureSettingError,
    configured_threshold,
    gives_away,
    hide_parts,
    publishable,
    publishable_commentary,
    text_key,
)
from scorecard.periods import parse_period
from scorecard.records import Commentary, CommentaryKind
from scorecard.symbols import Symbol
from tests.conftest import SMALL_CATALOGUE

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
    data = copy.deepcopy(SMALL_CATALOGUE)
    about = {"definition": "Test.", "why_it_matters": "Test.", "source": "Test."}
    data["measures"] += [
        {
            "id": "CLA_BY_PLACEMENT",
            "name": "Children in care by type of placement",
            "priority": 2,
            "unit": "count",
            "polarity": "none",
            "breakdowns": ["Foster care", "Children's homes", "Placed with parents", "Other"],
            **about,
        },
        {
            "id": "CLA_RATE",
            "name": "Children in care per 10,000 children",
            "priority": 2,
            "unit": "rate_per_10k",
            "polarity": "none",
            **about,
        },
    ]
    return parse_catalogue(data, "test catalogue")


def test_counts_one_to_five_are_suppressed_and_zero_stays(small_catalogue: Catalogue) -> None:
    # Under 1: 0 stays 0; 1-4: 3 is small; 16+: 5 is small (threshold inclusive).
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
        "5-9": 12.0,
        "10-15": 40.0,
        "16+": "c",
    }


def test_a_lone_suppressed_part_takes_the_next_smallest_with_it(small_catalogue: Catalogue) -> None:
    # 60 - (0 + 12 + 40 + 6) = 2 would reveal 1-4, so the next smallest non-zero part (6) goes.
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
        "5-9": 12.0,
        "10-15": 40.0,
        "16+": "c",
    }
    # The published parts no longer pin down either hidden one: 60 - 52 = 8 = 1-4 + 16+.
    published = [v for k, v in result.items() if k != "All" and v != "c"]
    assert 60.0 - sum(published) == 8.0


def test_percentage_of_a_small_cohort_is_suppressed(small_catalogue: Catalogue) -> None:
    rows = [("PEP", "All", 75.0, 3.0, 4.0), ("PEP", "All", 90.0, 45.0, 50.0)]
    data = frame(rows).assign(period=["2025/26 Q1", "2025/26 Q2"])
    result = publishable(small_catalogue, data)
    assert result.loc[0, "symbol"] is Symbol.SUPPRESSED and math.isnan(result.loc[0, "value"])
    assert result.loc[1, "value"] == 90.0


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
# least 1 (zero is shown), and tries every value the hidden parts could have had: each
# candidate table is run through the same suppression and kept if it publishes exactly what
# was published. A hidden part is safe when more than one value survives.

BANDS = ["Under 1", "1-4", "5-9", "10-15", "16+"]


def counts(total: float, parts: list[float]) -> pd.DataFrame:
    return frame(
        [("CLA_COUNT", "All", total, NAN, NAN)]
        + [("CLA_COUNT", band, value, NAN, NAN) for band, value in zip(BANDS, parts, strict=False)]
    )


def published_parts(total: float, parts: list[float], threshold: int = 5) -> list[object]:
    """What the rule publishes for a total and its parts, as publishable() does for a count:
    small counts hidden, then hide_parts. "c" marks a hidden cell."""
    if 1 <= total <= threshold:
        return ["c"] + ["c" if p else p for p in parts]
    total_hidden, hidden = hide_parts(
        total, list(parts), [1 <= p <= threshold for p in parts], threshold
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
    for guess in itertools.product(range(1, remainder + 1), repeat=len(hidden)):
        if sum(guess) != remainder:
            continue
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
        assert len(values) > 1, f"part {i} can only be {values} in {published}"


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
    # 47 - (15 + 20 + 10) = 2 hidden between two cells of at least 1: both must be 1.
    result = shown(publishable(small_catalogue, counts(47.0, [1.0, 1.0, 15.0, 20.0, 10.0])))
    assert result == {
        "All": 47.0,
        "Under 1": "c",
        "1-4": "c",
        "5-9": 15.0,
        "10-15": 20.0,
        "16+": "c",
    }
    # Now 47 - 35 = 12 among three cells: 1+1+10, 2+5+5, … many ways.


def test_when_no_part_is_left_to_hide_the_total_is_hidden(small_catalogue: Catalogue) -> None:
    # Only one part is reported and it is small: subtraction would give it away.
    result = shown(publishable(small_catalogue, counts(40.0, [3.0])))
    assert result == {"All": "c", "Under 1": "c"}


def test_gives_away_a_lone_part_or_parts_that_can_only_be_ones_or_the_threshold() -> None:
    # Worked from what is published: the remainder is the total less the published parts.
    assert gives_away(60.0, [0.0, 12.0, 40.0, 6.0], 1, 5)  # 2 left for one hidden part
    assert gives_away(47.0, [15.0, 20.0, 10.0], 2, 5)  # 2 left for two: both 1
    assert gives_away(21.0, [0.0, 6.0], 3, 5)  # 15 left for three small ones: all 5
    assert not gives_away(48.0, [15.0, 20.0, 10.0], 2, 5)  # 3 = 1 + 2 or 2 + 1
    assert not gives_away(60.0, [0.0, 12.0, 40.0], 2, 5)  # 8 = 3 + 5, 4 + 4, …
    assert not gives_away(52.0, [0.0, 12.0, 40.0], 0, 5)  # nothing hidden


def test_gives_away_a_hidden_total_whose_parts_are_all_published() -> None:
    assert gives_away(None, [455.0, 88.0, 101.0], 0, 5)  # the total is their sum, 644
    assert not gives_away(None, [455.0, 88.0], 1, 5)  # total and one part both unknown
    assert not gives_away(None, [455.0, 88.0], 0, 5, missing=1)


def test_gives_away_a_band_without_a_number_only_when_it_is_pinned_to_a_small_one() -> None:
    # "x" (not available): nobody published it, but the total counts its children.
    assert gives_away(648.0, [455.0, 88.0, 101.0], 0, 5, missing=1)  # it is 4
    assert not gives_away(644.0, [455.0, 88.0, 101.0], 0, 5, missing=1)  # it is 0: zero
    assert not gives_away(700.0, [455.0, 88.0, 101.0], 0, 5, missing=1)  # 56: not small
    # Beside a hidden part it may be 0: 2 left is c = 1, x = 1 or c = 2, x = 0.
    assert not gives_away(60.0, [12.0, 40.0, 6.0], 1, 5, missing=1)
    assert gives_away(59.0, [12.0, 40.0, 6.0], 1, 5, missing=1)  # 1 left: c = 1, x = 0


def test_parts_all_at_the_threshold_take_another_part_with_them(
    small_catalogue: Catalogue,
) -> None:
    # 21 - 6 = 15 among three hidden parts of 1 to 5 each: all would have to be 5.
    result = shown(publishable(small_catalogue, counts(21.0, [0.0, 5.0, 5.0, 6.0, 5.0])))
    assert result == {"All": 21.0, "Under 1": 0.0, "1-4": "c", "5-9": "c", "10-15": "c", "16+": "c"}


def test_random_small_tables_never_give_a_hidden_part_away() -> None:
    """The hand-worked tables above, and 300 more drawn at random (fixed seed), checked by
    the attacker who tries every value."""
    draw = random.Random(20261123)
    checked = 0
    while checked < 300:
        parts = [float(draw.choice([0, 1, 2, 3, 4, 5, 5, 6, 7, 9, 12])) for _ in range(5)]
        published = published_parts(sum(parts), parts)
        if published[0] == "c":
            continue  # a hidden total: nothing to subtract from
        for i, values in possible_values(published).items():
            assert len(values) > 1, f"part {i} can only be {values} in {published}"
        checked += 1


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
    # 648 - (455 + 88 + 101) = 4 would be Other, so the smallest other band that is not zero
    # (children's homes, 88) is hidden too: 648 - (455 + 101) = 92 is then all a reader
    # knows of the two, and 1 + 91, 2 + 90, … all fit.
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
        "Foster care": 455.0,
        "Children's homes": "c",
        "Placed with parents": 101.0,
        "Other": "c",
    }


def test_a_total_uploaded_as_c_is_not_given_away_by_its_bands(small_catalogue: Catalogue) -> None:
    # 0 + 8 + 12 + 40 + 6 = 66 would be the total, so the smallest band that is not zero (6)
    # is hidden: the total is then 60 and something, and so is that band less 60.
    bands = dict(zip(BANDS, [0.0, 8.0, 12.0, 40.0, 6.0], strict=True))
    data = uploaded("CLA_COUNT", {ALL: Symbol.SUPPRESSED, **bands})
    assert shown(publishable(small_catalogue, data, threshold=5)) == {
        ALL: "c",
        "Under 1": 0.0,
        "1-4": 8.0,
        "5-9": 12.0,
        "10-15": 40.0,
        "16+": "c",
    }


def test_a_band_that_does_not_apply_counts_as_zero_and_keeps_its_symbol(
    small_catalogue: Catalogue,
) -> None:
    # No child can be in a band that does not apply (z), so 60 - (12 + 40 + 6) = 2 is the
    # band uploaded as c: 16+ (6) is hidden too, and the z band is still shown as z.
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
        "5-9": 12.0,
        "10-15": 40.0,
        "16+": "c",
    }


def test_a_band_not_available_is_not_worked_out_from_the_total(
    small_catalogue: Catalogue,
) -> None:
    # The total still counts the children of a band nobody has a number for (x):
    # 60 - (0 + 12 + 40 + 6) = 2 would say how many, so 16+ (6) is hidden; then the x band
    # and 16+ share 8 in many ways. The x band stays x: it was not hidden, it is not known.
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
        "5-9": 12.0,
        "10-15": 40.0,
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
    # 6 of 11 is 54.5%, and 54.5% of 11 is 5.995: 6 children, published.
    rows = [("PEP", "All", 55.6, NAN, 9.0), ("PEP", "All", 54.5, NAN, 11.0)]
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
    # 0% with 0: zero stays zero (the cohort cannot be worked out from it).
    rows = [
        ("PEP", "All", 100.0, 4.0, NAN),
        ("PEP", "All", 50.0, 6.0, NAN),
        ("PEP", "All", 0.0, 0.0, NAN),
    ]
    data = frame(rows).assign(period=["2025/26 Q1", "2025/26 Q2", "2025/26 Q3"])
    result = publishable(small_catalogue, data, threshold=5)
    assert result["symbol"].tolist() == [Symbol.SUPPRESSED, None, None]
    assert result["value"].tolist()[1:] == [50.0, 0.0]


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
