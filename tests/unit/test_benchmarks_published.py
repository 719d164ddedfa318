"""Comparators for a real council from DfE's real files, checked by hand.

Every expected figure below was worked out independently of the scorecard, by reading the
CSV with Python's csv module and numpy only (no scorecard code), along these lines::

    rows = [r for r in csv.DictReader(open(FILE, encoding="utf-8-sig"))
            if r["time_period"] == "2025" and <the mapping's filters>]
    la = [r for r in rows if r["geographic_level"] == "Local authority"]
    nums = {r["old_la_code"]: float(r[VALUE]) for r in la if r[VALUE] not in SYMBOLS}
    np.percentile(list(nums.values()), [25, 50, 75])        # quartiles
    1 + sum(v < 6 for v in nums.values())                   # rank (lower is better)
    sn = sn_model["358"]["SN_1".."SN_10"]; mean/median of nums[c] for c in sn if c in nums

Trafford is old code 358, new code E08000009, in the North West (E12000002). Its ten
statistical neighbours in sn_model_2025_wide.csv are 919 Hertfordshire, 356 Stockport,
825 Buckinghamshire, 931 Oxfordshire, 936 Surrey, 305 Bromley, 895 Cheshire East,
873 Cambridgeshire, 916 Gloucestershire and 334 Solihull.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.benchmarks import importing, service
from scorecard.benchmarks.comparators import Band, Comparators, Source, compare
from scorecard.benchmarks.council import Council, OwnFigure, find_council
from scorecard.benchmarks.neighbours import empty as empty_model
from scorecard.benchmarks.neighbours import neighbours_of
from scorecard.benchmarks.reading import read_csv
from scorecard.benchmarks.series import series_key
from scorecard.benchmarks.years import parse_dfe_year
from scorecard.catalogue import Catalogue, load_catalogue
from scorecard.periods import Period
from scorecard.symbols import Symbol

ROOT = Path(__file__).resolve().parents[2]
DFE = importing.PUBLISHED_FOLDER  # the rows the project ships (data/published)

pytestmark = pytest.mark.skipif(
    not DFE.is_dir(), reason=f"DfE's published files are not at {DFE} (see README)"
)
TRAFFORD_NEIGHBOURS = ["919", "356", "825", "931", "936", "305", "895", "873", "916", "334"]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "data" / "catalogue.toml")


def published(catalogue: Catalogue, measure_id: str, year: str, code: str = "358") -> Comparators:
    measure = catalogue.measure(measure_id)
    assert measure.dfe is not None
    file = read_csv(measure.dfe.file, (DFE / measure.dfe.file).read_bytes())
    checked = importing.check(file, catalogue)
    assert checked.blocking == []
    rows = checked.prepared.rows
    series = rows[rows["series"] == series_key(measure.dfe)]
    council = find_council(series, code)
    assert council is not None
    identifier = series[series["time_period"] == year]["time_identifier"].iloc[0]
    return compare(
        series,
        measure,
        parse_dfe_year(year, identifier),
        council,
        neighbours=TRAFFORD_NEIGHBOURS if council.old_code == "358" else [],
    )


def test_the_neighbour_model_gives_trafford_its_ten_neighbours(catalogue: Catalogue) -> None:
    file = read_csv("sn_model_2025_wide.csv", (DFE / "sn_model_2025_wide.csv").read_bytes())
    model = importing.check(file, catalogue).prepared.rows
    trafford = neighbours_of(model, "358")
    assert list(trafford["neighbour_old_la_code"]) == TRAFFORD_NEIGHBOURS
    assert set(trafford["closeness"]) == {"Very close"}


def test_trafford_placement_stability_2025_by_hand(catalogue: Catalogue) -> None:
    """la_cla_placement_stability.csv, "CLA on 31 March", "With 3 or more placements during
    the year", children_percent, 2025; lower is better.

    Trafford 6; England 10; North West 9. Neighbours 11, 12, 10, 16, 8, 11, 11, 11, 12, 8:
    mean 110 / 10 = 11.0, median of the sorted 8 8 10 11 11 11 11 12 12 16 = 11.0.
    151 councils have a number (Cumbria z, Northamptonshire z, Isles of Scilly z and Rutland c
    do not); numpy's quartiles 8, 10, 12, so the top-quartile threshold (lower is better) is
    8 and 6 <= 8 is band A. Four councils are below 6 and seven (Trafford among them) are at
    exactly 6, so all seven share rank 5 of 151. Best: not City of London's 0% (0 of 0
    children: no cohort), the one council left out; Leicester, 5% of 620 (31 children), and
    Nottinghamshire and Wokingham share 5%: first by name. 2024 was 5: +1.
    Funnel: 20 children at 6% is a cohort of 333, England 10% (8,500 children): the 99.8%
    limit for 333 is 10% - 3.09 x sqrt(0.1 x 0.9 / 333) = 4.9% before any widening; within.
    """
    found = published(catalogue, "PLACEMENTS_3PLUS", "2025")
    assert found.as_json() == {
        "measure_id": "PLACEMENTS_3PLUS",
        "year": "2025",
        "la_code": "358",
        "la_name": "Trafford",
        "value": 6.0,
        "england": 10.0,
        "region": 9.0,
        "sn_mean": 11.0,
        "sn_median": 11.0,
        "top_quartile": 8.0,
        "best": {"la_name": "Leicester", "value": 5.0},
        "band": "A",
        "rank": 5,
        "ranked_of": 151,
        "funnel": "within",
    }
    assert found.best_left_out == 1
    assert found.change == 1.0


def test_trafford_care_leavers_in_eet_2025_by_hand(catalogue: Catalogue) -> None:
    """la_care_leavers_activity.csv, "19 to 21 years", "Total in education, employment or
    training", care_leaver_percent, 2025; higher is better.

    Trafford 56; England 54; North West 55; neighbours' mean 57.5, median 57.0 (all ten have
    a number). 152 councils have a number; quartiles 49, 54.5, 60: 56 is at least the median
    but under 60, band B. 57 councils are above 56: rank 58 of 152. Best: Leicester, 79.
    """
    found = published(catalogue, "CL_EET_19_21", "2025", code="E08000009")
    shown = found.as_json()
    assert shown["la_code"] == "E08000009" and shown["la_name"] == "Trafford"
    assert (shown["value"], shown["england"], shown["region"]) == (56.0, 54.0, 55.0)
    assert (shown["sn_mean"], shown["sn_median"], found.sn_with_figures) == (57.5, 57.0, 10)
    assert found.quartiles is not None
    assert (found.quartiles.lower, found.quartiles.median, found.quartiles.upper) == (
        49.0,
        54.5,
        60.0,
    )
    assert (shown["top_quartile"], shown["band"], shown["rank"], shown["ranked_of"]) == (
        60.0,
        "B",
        58,
        152,
    )
    assert shown["best"] == {"la_name": "Leicester", "value": 79.0}


def test_old_and_new_codes_give_the_same_comparators(catalogue: Catalogue) -> None:
    by_old = published(catalogue, "CL_EET_19_21", "2025", code="358").as_json()
    by_new = published(catalogue, "CL_EET_19_21", "2025", code="E08000009").as_json()
    assert by_old | {"la_code": None} == by_new | {"la_code": None}


def test_a_suppressed_figure_is_its_symbol_and_is_not_ranked(catalogue: Catalogue) -> None:
    """ks2_la.csv, "CLA 12 months at 31 March", pt_rwm_met_expected_standard, 202425 (only a
    Revised version is published for that year). Trafford is c. England 35, North West 37.
    Nine neighbours have a number (one is c): 40.222..., median 38. 77 councils have a
    number; quartiles 32, 36, 44. Best: not Cheshire East's 67% of 12 pupils; of the 58
    councils with 20 or more eligible pupils (19 have fewer), Sefton, 57% of 21."""
    found = published(catalogue, "KS2_RWM", "202425")
    assert found.figure.symbol is Symbol.SUPPRESSED
    shown = found.as_json()
    assert (shown["value"], shown["band"], shown["rank"], shown["ranked_of"]) == (
        "c",
        None,
        None,
        77,
    )
    assert (shown["england"], shown["region"], shown["sn_median"]) == (35.0, 37.0, 38.0)
    assert shown["sn_mean"] == pytest.approx(362 / 9) and found.sn_with_figures == 9
    assert (shown["top_quartile"], shown["best"]) == (
        44.0,
        {"la_name": "Sefton", "value": 57.0},
    )
    assert found.best_left_out == 19


def test_a_context_measure_has_comparisons_but_no_band_or_rank(catalogue: Catalogue) -> None:
    """cla_number_and_rate_per_10k_children.csv, "Children looked after on 31 March each
    year", rate_per_10000, 2025: Trafford 62, England 67, North West 90; neighbours 36, 75,
    40, 51, 35, 47, 66, 49, 57, 99: mean 55.5, median (49 + 51) / 2 = 50."""
    shown = published(catalogue, "CLA_RATE", "2025").as_json()
    assert (shown["value"], shown["england"], shown["region"]) == (62.0, 67.0, 90.0)
    assert (shown["sn_mean"], shown["sn_median"]) == (55.5, 50.0)
    assert (shown["band"], shown["rank"], shown["ranked_of"], shown["top_quartile"]) == (
        None,
        None,
        None,
        None,
    )


def test_a_council_not_in_the_files_is_placed_by_its_own_figure(catalogue: Catalogue) -> None:
    """Our own 52.0% for care leavers in EET in 2024/25 Q4 against DfE 2025: 88 of the 152
    councils with a number are above 52, so we are 89th of 153; 52 is at least the lower
    quartile 49 but under the median 54.5, band C."""
    measure = catalogue.measure("CL_EET_19_21")
    assert measure.dfe is not None
    file = read_csv(measure.dfe.file, (DFE / measure.dfe.file).read_bytes())
    rows = importing.check(file, catalogue).prepared.rows
    series = rows[rows["series"] == series_key(measure.dfe)]
    year = parse_dfe_year("2025", "Reporting year")
    own = {"2025": OwnFigure(Period.quarter_of(2024, 4), 52.0)}
    found = compare(series, measure, year, Council("Demoshire"), own=own)
    assert found.figure.source is Source.OWN
    assert (found.rank, found.ranked_of, found.band) == (89, 153, Band.C)
    assert found.england == 54.0 and found.region is None and found.sn_mean is None


def test_comparator_lines_sit_on_our_quarters_for_a_trend_chart(catalogue: Catalogue) -> None:
    """England's care leavers (19 to 21) in EET for 2021 to 2025 read 52, 55, 56, 54, 54; the
    upper quartiles of the councils with a number (150, 151, 151, 152, 152 of them) are 58,
    61, 61, 60, 60. Each year ends on 31 March, so it sits on that year's Q4."""
    measure = catalogue.measure("CL_EET_19_21")
    assert measure.dfe is not None
    file = read_csv(measure.dfe.file, (DFE / measure.dfe.file).read_bytes())
    rows = importing.check(file, catalogue).prepared.rows
    key = series_key(measure.dfe)
    data = service.PublishedData(
        series={key: rows[rows["series"] == key].reset_index(drop=True)}, model=empty_model()
    )
    found = service.comparator_series(data, catalogue, measure.id)
    lines = {line.name: line.points for line in found}
    quarters = [Period.quarter_of(year, 4) for year in range(2020, 2025)]
    assert lines["England"] == tuple(zip(quarters, [52.0, 55.0, 56.0, 54.0, 54.0], strict=True))
    assert lines["Top quartile of councils"] == tuple(
        zip(quarters, [58.0, 61.0, 61.0, 60.0, 60.0], strict=True)
    )
    assert "Statistical neighbours (average)" not in lines  # the demo council has none
    annual = service.comparator_series(data, catalogue, measure.id, quarterly=False)
    assert annual[0].points[-1][0].label == "2024/25"
