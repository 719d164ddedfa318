"""Comparisons that read right: a council compared as a real one, the change at the
measure's decimals, the best council among cohorts big enough to mean something, which of
our quarters meets DfE's year, and our label clear of England's line."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from scorecard.benchmarks import charts, service, wording
from scorecard.benchmarks import columns as col
from scorecard.benchmarks.comparators import compare, standings
from scorecard.benchmarks.council import Council, OwnFigure, find_council, latest_figure
from scorecard.benchmarks.neighbours import NEIGHBOUR_COLUMNS
from scorecard.benchmarks.series import series_key
from scorecard.catalogue import ALL, Catalogue, Measure, Polarity, parse_catalogue
from scorecard.errors import CatalogueError, NotFound
from scorecard.periods import Period
from tests.unit import builders
from tests.unit.test_benchmarks_comparators import SIX, Y2025, measure, row, series

Q4 = Period.quarter_of(2024, 4)  # 2024/25 Q4, ending 31 March 2025


def demoshire(**authority: Any) -> Catalogue:
    data = builders.catalogue(
        builders.measure_fields("EET", dfe={"file": "f.csv", "value_column": "v"})
    )
    return data.model_copy(update={"authority": data.authority.model_copy(update=authority)})


def model(*pairs: tuple[str, str, str, list[str]]) -> pd.DataFrame:
    """The neighbour model: (old code, name, region, neighbours closest first)."""
    rows = [
        (code, name, region, position, neighbour, "Very close")
        for code, name, region, neighbours in pairs
        for position, neighbour in enumerate(neighbours, start=1)
    ]
    return pd.DataFrame(rows, columns=list(NEIGHBOUR_COLUMNS))


# Dton (804) is in region E12000002 ("North East" twice in SIX's made-up names: the region
# with code E12000002 has 99); its neighbours are Eton (805) and Aton (801).
MODEL = model(("804", "Dton", "North East", ["805", "801"]))


# -- compare_as ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["Trafford", "35", "3580", "E0800000", "358; drop"])
def test_compare_as_that_is_not_an_la_code_is_refused_when_the_catalogue_loads(code: str) -> None:
    data = {
        "authority": {"name": "Demoshire", "demonstration": True, "compare_as": code},
        "priorities": [{"number": 1, "short_title": "P", "title": "P", "plain_title": "P"}],
        "measures": [builders.measure_fields("EET")],
    }
    with pytest.raises(CatalogueError, match="compare_as"):
        parse_catalogue(data, "test")


def test_a_council_gives_its_own_code_or_one_to_be_compared_as_not_both() -> None:
    data = {
        "authority": {"name": "Trafford", "la_code": "358", "compare_as": "356"},
        "priorities": [{"number": 1, "short_title": "P", "title": "P", "plain_title": "P"}],
        "measures": [builders.measure_fields("EET")],
    }
    with pytest.raises(CatalogueError, match="not both"):
        parse_catalogue(data, "test")


def published(model_: pd.DataFrame = MODEL) -> service.PublishedData:
    """What council_for reads besides the series: the neighbour model."""
    return service.PublishedData(series={}, model=model_)


def test_a_council_compared_as_a_real_one_takes_its_region_and_neighbours_but_its_own_figure() -> (
    None
):
    catalogue = demoshire(compare_as="804")
    council = service.council_for(published(), SIX, catalogue, None)
    assert (council.name, council.published) == ("Testshire (test data)", False)
    assert (council.region_code, council.compared_as and council.compared_as.name) == (
        "E12000002",
        "Dton",
    )
    neighbours = service.neighbour_codes(published(), council)
    assert neighbours == ["805", "801"]
    own = {"2025": OwnFigure(Q4, 65.0)}
    found = compare(SIX, measure(), Y2025, council, neighbours=neighbours, own=own)
    # Our own 65, not Dton's 60; Dton's region's 99; Eton 70 and Aton 40 average 55; only
    # Eton's 70 is better than 65: 2nd of the five published councils and us.
    assert (found.value, found.region, found.sn_mean, found.sn_median) == (65.0, 99.0, 55.0, 55.0)
    assert (found.rank, found.ranked_of) == (2, 6)
    assert wording.compared_as_text(found) == (
        "Testshire (test data) is not in DfE's files: it is compared as if it were in the "
        "North East, with Dton's statistical neighbours, and placed among every council by "
        "its own figure for 2024/25 Q4."
    )
    assert dict(wording.rows(found, measure()))["Council"] == (
        "Testshire (test data), compared as Dton (804)"
    )


def test_a_council_compared_as_a_code_no_file_knows_is_told_so() -> None:
    with pytest.raises(NotFound, match="compare_as = '999'"):
        service.council_for(published(), SIX, demoshire(compare_as="999"), None)


def test_a_real_council_configured_by_its_code_is_compared_as_itself() -> None:
    council = service.council_for(published(), SIX, demoshire(la_code="E06000004"), None)
    assert (council.name, council.old_code, council.compared_as) == ("Dton", "804", None)


# -- the change, at the measure's decimals ------------------------------------------------------


def one_decimal(unit: str = "percent") -> Measure:
    return builders.one_measure("EET", unit=unit, decimals=1)


def change_of(this: float, before: float, unit: str = "percent") -> str:
    rows = series(
        row("Bton", this, old="802"),
        row("Bton", before, old="802", year="2024"),
    )
    bton = find_council(rows, "802")
    assert bton is not None
    return wording.change_text(compare(rows, one_decimal(unit), Y2025, bton), one_decimal(unit))


def test_the_change_is_written_at_the_measures_decimals_not_in_floating_point_noise() -> None:
    # 82.2 - 72.3 is 9.900000000000006 in binary floating point.
    assert 82.2 - 72.3 != 9.9
    assert change_of(82.2, 72.3) == "+9.9 percentage points since the year ending 31 March 2024"
    # 69.2 - 68.0 is 1.2000000000000028.
    assert (
        change_of(69.2, 68.0, "rate_per_10k")
        == "+1.2 per 10,000 since the year ending 31 March 2024"
    )
    assert change_of(61.0, 62.3) == "−1.3 percentage points since the year ending 31 March 2024"


def test_a_change_too_small_to_show_at_the_measures_decimals_is_no_change() -> None:
    # Shown as 50.0% both years.
    assert change_of(50.02, 49.98) == "No change since the year ending 31 March 2024"


# -- the best council ---------------------------------------------------------------------------


def with_cohort(name: str, value: float, count: float | None, old: str) -> dict[str, Any]:
    return row(name, value, old=old) | {col.NUMERATOR: count if count is not None else float("nan")}


def test_the_best_council_is_never_one_whose_cohort_is_too_small_to_mean_anything() -> None:
    rows = series(
        row("England", 60, level="National"),
        # 0% of 0 children: no cohort at all; 7 of 7, and 18 of 19 (95%, one short of 20).
        with_cohort("City", 0.0, 0, "201"),
        with_cohort("Rutland", 100.0, 7, "857"),
        with_cohort("Small", 95.0, 18, "800"),
        # 90% of 20 children and 80% of 200.
        with_cohort("Twenty", 90.0, 18, "801"),
        with_cohort("Big", 80.0, 160, "802"),
    )
    big = find_council(rows, "802")
    assert big is not None
    higher = compare(rows, one_decimal(), Y2025, big)
    assert (higher.best_name, higher.best_value, higher.best_left_out) == ("Twenty", 90.0, 3)
    assert wording.best_text(higher, one_decimal()) == (
        "Twenty, 90.0% (of councils with 20 or more children; 3 left out)"
    )
    lower = builders.one_measure("EET", decimals=1, polarity="lower_is_better")
    found = compare(rows, lower, Y2025, big)
    assert (found.best_name, found.best_value) == ("Big", 80.0)  # not City's 0% of nobody
    assert wording.best_rule(found, lower) == (
        "The best council is chosen among councils with 20 or more children in the cohort: "
        "below that, one child moves the figure by more than five points. This year 3 "
        "councils with a smaller cohort, or none DfE gives, are left out."
    )


def test_where_dfe_gives_no_cohorts_every_council_can_be_the_best_and_the_page_says_so() -> None:
    bton = find_council(SIX, "802")
    assert bton is not None
    found = compare(SIX, one_decimal(), Y2025, bton)
    assert (found.best_name, found.best_left_out) == ("Eton", None)
    assert wording.best_text(found, one_decimal()) == "Eton, 70.0%"
    assert wording.best_rule(found, one_decimal()) == (
        "DfE gives no council's cohort for this measure, so every council with a figure can "
        "be the best council."
    )


# -- which of our quarters, and our latest --------------------------------------------------------


def observations(*figures: tuple[str, float | None, str | None]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"measure_id": "EET", "period": p, "breakdown": ALL, "value": v, "symbol": s}
            for p, v, s in figures
        ]
    )


def test_the_page_says_which_quarter_meets_dfes_year_and_gives_our_latest_beside_it() -> None:
    own = observations(
        ("2024/25 Q4", 65.0, None), ("2026/27 Q2", 71.4, None), ("2026/27 Q3", None, None)
    )
    latest = latest_figure(own, "EET")
    assert latest == OwnFigure(Period.quarter_of(2026, 2), 71.4)
    found = compare(
        SIX, one_decimal(), Y2025, Council(name="Demoshire"), own={"2025": OwnFigure(Q4, 65.0)}
    )
    assert wording.periods_text(found, one_decimal(), latest) == (
        "DfE's 2025 figures (year ending 31 March 2025) are set beside our 2024/25 Q4 "
        "(65.0%). Our latest figure, for 2026/27 Q2, is 71.4%."
    )


def test_a_real_councils_published_figure_is_set_beside_the_quarter_ending_with_dfes_year() -> None:
    bton = find_council(SIX, "802")
    assert bton is not None
    found = compare(SIX, one_decimal(), Y2025, bton)
    latest = OwnFigure(Period.quarter_of(2026, 2), None, None)
    assert wording.periods_text(found, one_decimal(), latest) == (
        "DfE's 2025 figures (year ending 31 March 2025) are set beside our 2024/25 Q4. "
        "Our latest figure, for 2026/27 Q2, is –."
    )


# -- the standings chart ------------------------------------------------------------------------


def standings_figure(value: float) -> Any:
    ours = Council(name="Demoshire")
    own = {"2025": OwnFigure(Q4, value)}
    found = compare(SIX, measure(), Y2025, ours, own=own)
    table = standings(SIX, measure(), Y2025, ours, own=own)
    return charts.standings_chart(measure(), table, found)


def test_our_figure_england_and_the_top_quartile_are_named_in_the_legend_not_on_the_plot() -> None:
    # England is 55. At 56 we are just above its line: a label on the plot would sit on it.
    fig = standings_figure(56)
    names = [t.name for t in fig.data]
    assert "Demoshire 56%" in names
    assert any(name.startswith("England 55") for name in names)
    assert not [a for a in fig.layout.annotations if "Demoshire" in (a.text or "")]


def test_a_council_compared_as_one_missing_from_a_measures_file_takes_it_from_the_model() -> None:
    # The measure's file has no row for 804 (a council formed since, say); the neighbour
    # model names it, in the North West, whose code the file's regional row gives.
    rows = series(
        row("England", 55, level="National"),
        row("North West", 99, level="Regional", region="E12000002")
        | {col.REGION_NAME: "North West"},
        row("Aton", 40, old="801"),
        row("Eton", 70, old="805"),
    )
    north_west = model(("804", "Dton", "North West", ["805", "801"]))
    council = service.council_for(published(north_west), rows, demoshire(compare_as="804"), None)
    assert (council.region_code, council.region_name) == ("E12000002", "North West")
    neighbours = service.neighbour_codes(published(north_west), council)
    found = compare(rows, measure(), Y2025, council, neighbours=neighbours)
    assert (found.region, found.sn_mean) == (99.0, 55.0)


def test_a_compare_as_no_file_knows_leaves_tiles_comparing_with_england_only() -> None:
    # Tiles and trend lines must not fail on a mistyped code; the benchmark page says what
    # is wrong (test_a_council_compared_as_a_code_no_file_knows_is_told_so).
    catalogue = demoshire(compare_as="999")
    mapping = catalogue.measures[0].dfe
    assert mapping is not None
    data = service.PublishedData(series={series_key(mapping): SIX}, model=MODEL)
    own = observations(("2024/25 Q4", 65.0, None))
    found = service.comparators_for(data, catalogue, "EET", own)
    assert found is not None
    assert (found.value, found.england, found.region, found.sn_mean) == (65.0, 55.0, None, None)
    with pytest.raises(NotFound, match="compare_as = '999'"):
        service.measure_benchmarks(data, catalogue, "EET", own)


@pytest.mark.parametrize(
    ("code", "where"),
    [
        ("805", "In the highest quarter of councils"),  # 70, above the upper quartile (60)
        ("804", "In the second-highest quarter of councils"),  # 60: on it, above the median
        ("802", "In the second-lowest quarter of councils"),  # 50: the median and lower
        ("801", "In the lowest quarter of councils"),  # 40, below the lower quartile (50)
    ],
)
def test_a_measure_where_neither_way_is_better_says_where_we_sit_without_a_band_or_rank(
    code: str, where: str
) -> None:
    # SIX: councils at 40, 50, 50, 60 and 70; quartiles 50, 50 and 60 worked out by hand.
    context = measure(Polarity.NONE)
    council = find_council(SIX, code)
    assert council is not None

    shown = dict(wording.rows(compare(SIX, context, Y2025, council), context))

    assert shown["Where we sit"] == (
        f"{where} (neither a higher nor a lower figure is better, so no band or rank)"
    )
    assert "Quartile band" not in shown and "National rank" not in shown


def test_a_tile_names_the_dfe_year_in_words_not_by_dfes_code() -> None:
    # DfE's "2025" in a financial-year series is the year ending 31 March 2025; a councillor
    # reading "Published 2025" (or "202425", an academic year) has to guess.
    rows = series(row("Bton", 82.2, old="802"), row("Cton", 70.0, old="803"))
    bton = find_council(rows, "802")
    assert bton is not None
    line = wording.tile_text(compare(rows, one_decimal(), Y2025, bton), one_decimal())
    assert line.startswith("Published, year ending 31 March 2025: ")
