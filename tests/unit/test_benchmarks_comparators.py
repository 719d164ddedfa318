"""LAIT conventions for comparing councils (SPEC §3), on small made-up series.

Every expected figure is worked out by hand in the test's comments.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from scorecard.benchmarks import columns as col
from scorecard.benchmarks.comparators import (
    Band,
    Figure,
    Quartiles,
    Role,
    Source,
    band_of,
    best_of,
    compare,
    quartiles,
    rank_of,
    standings,
)
from scorecard.benchmarks.council import Council, OwnFigure, find_council
from scorecard.benchmarks.years import parse_dfe_year
from scorecard.catalogue import Measure, Polarity
from scorecard.periods import Period
from scorecard.symbols import Symbol

Y2025 = parse_dfe_year("2025", "Reporting year")
Y2024 = parse_dfe_year("2024", "Reporting year")
Y2023 = parse_dfe_year("2023", "Reporting year")


def measure(polarity: Polarity = Polarity.HIGHER_IS_BETTER) -> Measure:
    return Measure(
        id="EET",
        name="Care leavers in education, employment or training",
        priority=1,
        unit="percent",
        polarity=polarity,
        definition="d",
        why_it_matters="w",
        source="s",
    )


def row(
    name: str,
    value: float | str,
    *,
    year: str = "2025",
    level: str = "Local authority",
    old: str = "",
    new: str = "",
    region: str = "E12000001",
) -> dict[str, Any]:
    symbol = Symbol(value) if isinstance(value, str) else None
    return {
        col.TIME_PERIOD: year,
        col.TIME_IDENTIFIER: "Reporting year",
        col.GEOGRAPHIC_LEVEL: level,
        col.REGION_CODE: "" if level == "National" else region,
        col.REGION_NAME: "" if level == "National" else "North East",
        col.OLD_LA_CODE: old,
        col.NEW_LA_CODE: new,
        col.LA_NAME: name if level == "Local authority" else "",
        col.VALUE: float("nan") if symbol else float(value),
        col.SYMBOL: symbol,
        col.NUMERATOR: float("nan"),
        col.DENOMINATOR: float("nan"),
        col.VERSION: "",
    }


def series(*rows: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(col.SERIES_COLUMNS))


# Six councils in 2025: values 40, 50, 50, 60, 70 and one suppressed (c).
SIX = series(
    row("England", 55, level="National"),
    row("North East", 52, level="Regional"),
    row("North East", 99, level="Regional", region="E12000002"),
    row("Aton", 40, old="801", new="E06000001"),
    row("Bton", 50, old="802", new="E06000002"),
    row("Cton", 50, old="803", new="E06000003"),
    row("Dton", 60, old="804", new="E06000004", region="E12000002"),
    row("Eton", 70, old="805", new="E06000005"),
    row("Fton", "c", old="806", new="E06000006"),
    row("Bton", 45, old="802", new="E06000002", year="2024"),
    row("Bton", 41, old="802", new="E06000002", year="2023"),
)


def test_quartiles_use_linear_interpolation_as_numpy_does() -> None:
    # R type 7: position (n - 1) * p. For 1, 2, 3, 4: 0.75 → 1.75, 1.5 → 2.5, 2.25 → 3.25.
    assert quartiles([4, 1, 3, 2]) == Quartiles(1.75, 2.5, 3.25)
    assert quartiles([]) is None


def test_band_a_is_the_best_quarter_whichever_way_is_better() -> None:
    q = Quartiles(lower=10, median=20, upper=30)
    higher, lower = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER
    assert [band_of(v, q, higher) for v in (35, 25, 15, 5)] == [Band.A, Band.B, Band.C, Band.D]
    assert [band_of(v, q, lower) for v in (5, 15, 25, 35)] == [Band.A, Band.B, Band.C, Band.D]


def test_a_value_exactly_on_a_quartile_belongs_to_the_better_band() -> None:
    q = Quartiles(lower=10, median=20, upper=30)
    assert band_of(30, q, Polarity.HIGHER_IS_BETTER) is Band.A
    assert band_of(20, q, Polarity.HIGHER_IS_BETTER) is Band.B
    assert band_of(10, q, Polarity.LOWER_IS_BETTER) is Band.A


def test_a_value_on_an_interpolated_quartile_belongs_to_the_better_band_both_ways() -> None:
    # The median of 19.1 and 19.3 is 19.2 (halfway); of 22.2 and 22.4, 22.3. In binary
    # floating point they come out a hair off (19.200000000000003, 22.299999999999997).
    assert quartiles([19.1, 19.3]) == Quartiles(19.15, 19.2, 19.25)
    assert band_of(19.2, quartiles([19.1, 19.3]), Polarity.HIGHER_IS_BETTER) is Band.B
    assert band_of(22.3, quartiles([22.2, 22.4]), Polarity.LOWER_IS_BETTER) is Band.B


def test_context_measures_have_no_band_and_no_rank() -> None:
    q = Quartiles(lower=10, median=20, upper=30)
    assert band_of(35, q, Polarity.NONE) is None
    assert rank_of(35, [10, 20], Polarity.NONE) is None


def test_ties_share_the_lowest_rank_and_rank_one_is_best() -> None:
    values = [70, 60, 50, 50, 40]
    # Higher is better: 70 is 1st, 60 2nd, both 50s 3rd, and 40 is 5th (not 4th).
    assert [rank_of(v, values, Polarity.HIGHER_IS_BETTER) for v in values] == [1, 2, 3, 3, 5]
    # Lower is better: 40 is 1st, both 50s 2nd, 60 is 4th.
    assert [rank_of(v, values, Polarity.LOWER_IS_BETTER) for v in values] == [5, 4, 2, 2, 1]


def test_best_council_is_the_first_by_name_when_several_share_the_best_value() -> None:
    councils = series(row("Zed", 90), row("Abe", 90), row("Mid", 80))
    assert best_of(councils, Polarity.HIGHER_IS_BETTER) == ("Abe", 90.0)
    assert best_of(councils, Polarity.LOWER_IS_BETTER) == ("Mid", 80.0)


def test_a_published_council_gets_every_comparator() -> None:
    bton = find_council(SIX, "E06000002")
    assert bton is not None and bton.old_code == "802"
    found = compare(SIX, measure(), Y2025, bton, neighbours=["801", "804", "806", "899"])
    assert found.figure.value == 50 and found.figure.source is Source.PUBLISHED
    assert (found.england, found.region) == (55, 52)  # its own region's row, not E12000002's
    # Neighbours with a number: 40 and 60 (806 is suppressed, 899 is not in the file).
    assert (found.sn_mean, found.sn_median, found.sn_with_figures, found.sn_size) == (50, 50, 2, 4)
    # Numbers 40, 50, 50, 60, 70: lower quartile at position 1 = 50, median at 2 = 50,
    # upper at 3 = 60. 50 >= median 50, below 60: band B. Better than 50: 60 and 70, so 3rd.
    assert found.quartiles == Quartiles(50, 50, 60)
    assert (found.band, found.rank, found.ranked_of) == (Band.B, 3, 5)
    assert (found.top_quartile, found.best_name, found.best_value) == (60, "Eton", 70)
    assert found.change == 5  # 50 in 2025, 45 in 2024


def test_old_and_new_codes_find_the_same_council() -> None:
    assert find_council(SIX, "802") == find_council(SIX, "e06000002") is not None
    assert find_council(SIX, "999") is None


def test_a_blank_code_finds_no_council_even_where_a_row_has_no_code() -> None:
    newtown = series(row("Newtown", 60, old="", new="E06000099"))
    assert find_council(newtown, "e06000099") is not None
    assert find_council(newtown, "  ") is None
    assert find_council(newtown, "") is None


def test_a_suppressed_council_is_shown_by_its_symbol_and_not_ranked() -> None:
    fton = find_council(SIX, "806")
    assert fton is not None
    found = compare(SIX, measure(), Y2025, fton)
    assert (found.figure.value, found.figure.symbol) == (None, Symbol.SUPPRESSED)
    assert (found.band, found.rank, found.ranked_of) == (None, None, 5)
    assert found.as_json()["value"] == "c"


def test_a_council_missing_from_the_files_is_placed_by_its_own_figure() -> None:
    ours = Council(name="Demoshire")
    own = {"2025": OwnFigure(Period.quarter_of(2024, 4), 65.0)}
    found = compare(SIX, measure(), Y2025, ours, own=own)
    assert found.figure == Figure(65.0, None, Source.OWN, Period.quarter_of(2024, 4))
    # Only 70 is better: 2nd of the 5 published councils plus us. Quartiles stay those of
    # the published councils (50, 50, 60), so 65 >= 60 is band A.
    assert (found.rank, found.ranked_of, found.band) == (2, 6, Band.A)
    assert found.quartiles == Quartiles(50, 50, 60)
    assert (found.region, found.sn_mean) == (None, None)
    assert found.as_json()["la_code"] is None and found.as_json()["la_name"] == "Demoshire"


def test_a_council_with_no_figure_at_all_has_no_rank() -> None:
    found = compare(SIX, measure(), Y2025, Council(name="Demoshire"))
    assert (found.figure.source, found.rank, found.ranked_of) == (Source.NONE, None, 5)


def test_change_is_only_from_the_year_immediately_before() -> None:
    eton = find_council(SIX, "805")
    bton = find_council(SIX, "802")
    assert eton is not None and bton is not None
    assert compare(SIX, measure(), Y2025, eton).change is None  # Eton has no 2024 figure
    assert compare(SIX, measure(), Y2024, bton).change == 4  # 45 - 41
    gap = SIX[SIX[col.TIME_PERIOD] != "2024"]
    assert compare(gap, measure(), Y2025, bton).change is None  # 2023 is not consecutive


def test_context_measure_comparisons_leave_out_band_rank_top_quartile_and_best() -> None:
    bton = find_council(SIX, "802")
    assert bton is not None
    found = compare(SIX, measure(Polarity.NONE), Y2025, bton)
    assert found.england == 55 and found.figure.value == 50
    shown = found.as_json()
    assert (shown["band"], shown["rank"], shown["ranked_of"], shown["top_quartile"]) == (
        None,
        None,
        None,
        None,
    )
    assert shown["best"] == {"la_name": None, "value": None}


def test_json_has_exactly_the_promised_fields_in_order() -> None:
    bton = find_council(SIX, "802")
    assert bton is not None
    shown = compare(SIX, measure(), Y2025, bton).as_json()
    assert list(shown) == [
        "measure_id", "year", "la_code", "la_name", "value", "england", "region", "sn_mean",
        "sn_median", "top_quartile", "best", "band", "rank", "ranked_of", "funnel",
    ]  # fmt: skip
    assert shown["year"] == "2025" and shown["la_code"] == "802"
    assert all(not isinstance(v, float) or math.isfinite(v) for v in shown.values())


def test_standings_put_the_best_first_and_mark_us_and_our_neighbours() -> None:
    bton = find_council(SIX, "802")
    assert bton is not None
    table = standings(SIX, measure(), Y2025, bton, neighbours=["804"])
    assert list(table[col.LA_NAME]) == ["Eton", "Dton", "Bton", "Cton", "Aton"]
    assert list(table["rank"]) == [1, 2, 3, 3, 5]
    roles = dict(zip(table[col.LA_NAME], table["role"], strict=True))
    assert (roles["Bton"], roles["Dton"], roles["Eton"]) == (
        Role.US.value,
        Role.NEIGHBOUR.value,
        Role.OTHER.value,
    )


def test_standings_add_a_council_placed_by_its_own_figure() -> None:
    own = {"2025": OwnFigure(Period.quarter_of(2024, 4), 45.0)}
    table = standings(SIX, measure(Polarity.LOWER_IS_BETTER), Y2025, Council("Demoshire"), own=own)
    # Lower is better: 40 (1st), then us at 45 (2nd), then the two 50s (3rd).
    assert list(table[col.LA_NAME])[:4] == ["Aton", "Demoshire", "Bton", "Cton"]
    assert list(table["rank"])[:4] == [1, 2, 3, 3]


@pytest.mark.parametrize("year", [Y2023, Y2024, Y2025])
def test_years_are_compared_only_with_their_own_rows(year: Any) -> None:
    bton = find_council(SIX, "802")
    assert bton is not None
    found = compare(SIX, measure(), year, bton)
    assert (
        found.year == year
        and found.figure.value == {"2025": 50, "2024": 45, "2023": 41}[year.time_period]
    )
