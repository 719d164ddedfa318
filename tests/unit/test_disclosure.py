"""Disclosure control: hand-worked tables where no suppressed figure can be recovered."""

from __future__ import annotations

import math

import pandas as pd

from scorecard.catalogue import Catalogue
from scorecard.disclosure import publishable
from scorecard.symbols import Symbol

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
    return {
        r.breakdown: ("c" if r.symbol is Symbol.SUPPRESSED else r.value)
        for r in result.itertuples()
    }


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
