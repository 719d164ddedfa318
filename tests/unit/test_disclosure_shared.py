"""Measures that share a total, and releases that remember (issue 12, points 4 and 5)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from scorecard import demo
from scorecard.catalogue import ALL, load_catalogue
from scorecard.disclosure import Release, publishable, releases_of
from scorecard.errors import CatalogueError
from scorecard.periods import parse_period
from scorecard.symbols import Symbol
from tests.unit.disclosure_catalogues import with_placements

NAN = float("nan")
PERIOD = "2025/26 Q1"
AGES = ["Under 1", "1-4", "5-9", "10-15", "16+"]
PLACES = ["Foster care", "Children's homes", "Placed with parents", "Other"]
SHARED = {"shared_totals": [{"measures": ["CLA_COUNT", "CLA_BY_PLACEMENT"]}]}


def cells(measure: str, figures: dict[str, float | Symbol]) -> list[dict[str, object]]:
    return [
        {
            "measure_id": measure,
            "period": PERIOD,
            "breakdown": breakdown,
            "value": NAN if isinstance(value, Symbol) else value,
            "numerator": NAN,
            "denominator": NAN,
            "symbol": value if isinstance(value, Symbol) else None,
            "note": None,
        }
        for breakdown, value in figures.items()
    ]


def seen(result: pd.DataFrame, measure: str) -> dict[str, object]:
    rows = result[result["measure_id"] == measure]
    return {
        r.breakdown: ("c" if r.symbol == Symbol.SUPPRESSED else r.value) for r in rows.itertuples()
    }


def placements(*values: float, total: float | None = None) -> list[dict[str, object]]:
    figures: dict[str, float | Symbol] = dict(zip(PLACES, values, strict=True))
    if total is not None:
        figures = {ALL: total, **figures}
    return cells("CLA_BY_PLACEMENT", figures)


def ages(total: float | Symbol, *values: float) -> list[dict[str, object]]:
    return cells("CLA_COUNT", {ALL: total, **dict(zip(AGES, values, strict=True))})


# -- shared totals ---------------------------------------------------------------------------


def test_a_small_part_is_recovered_across_measures_unless_declared_to_share_a_total() -> None:
    # Placements were given without their total (45 children, foster 30, homes 6, parents
    # 6, other 3); children in care by age publishes 45. Alone, placements hide only Other,
    # and 45 - (30 + 6 + 6) = 3 gives it away. Declared as one table, Other takes the next
    # placement in the catalogue's order (round to the start: foster care) with it.
    data = pd.DataFrame(ages(45.0, 0.0, 6.0, 9.0, 15.0, 15.0) + placements(30.0, 6.0, 6.0, 3.0))
    apart = seen(publishable(with_placements(), data, 5), "CLA_BY_PLACEMENT")
    assert apart == {
        "Foster care": 30.0,
        "Children's homes": 6.0,
        "Placed with parents": 6.0,
        "Other": "c",
    }
    assert 45.0 - (30.0 + 6.0 + 6.0) == 3.0  # the attack that worked

    together = seen(publishable(with_placements(**SHARED), data, 5), "CLA_BY_PLACEMENT")
    assert together == {
        "Foster care": "c",
        "Children's homes": 6.0,
        "Placed with parents": 6.0,
        "Other": "c",
    }
    # 45 - 12 = 33 for foster and other: other 1 to 5, foster 28 to 32, as far as anyone knows.


def test_a_total_hidden_in_one_measure_is_hidden_in_every_measure_that_shares_it() -> None:
    # Placements' total was uploaded as c, so that table is hidden whole; children in care by
    # age would otherwise publish the same 47 and, beside it, nothing of placements is safe.
    data = pd.DataFrame(
        ages(47.0, 2.0, 6.0, 9.0, 15.0, 15.0)
        + cells(
            "CLA_BY_PLACEMENT",
            {ALL: Symbol.SUPPRESSED, **dict(zip(PLACES, [30.0, 10.0, 3.0, 4.0], strict=True))},
        )
    )
    result = publishable(with_placements(**SHARED), data, 5)
    assert set(seen(result, "CLA_BY_PLACEMENT").values()) == {"c"}
    assert set(seen(result, "CLA_COUNT").values()) == {"c"}


def test_totals_declared_shared_that_disagree_hide_both_tables() -> None:
    data = pd.DataFrame(
        ages(47.0, 0.0, 6.0, 9.0, 16.0, 16.0) + placements(30.0, 6.0, 6.0, 6.0, total=48.0)
    )
    result = publishable(with_placements(**SHARED), data, 5)
    assert set(seen(result, "CLA_BY_PLACEMENT").values()) == {"c"}
    assert set(seen(result, "CLA_COUNT").values()) == {"c"}


def test_totals_declared_shared_that_agree_and_hide_nothing_are_published_as_they_are() -> None:
    data = pd.DataFrame(
        ages(48.0, 0.0, 6.0, 10.0, 16.0, 16.0) + placements(30.0, 6.0, 6.0, 6.0, total=48.0)
    )
    result = publishable(with_placements(**SHARED), data, 5)
    assert seen(result, "CLA_BY_PLACEMENT") == {
        ALL: 48.0,
        "Foster care": 30.0,
        "Children's homes": 6.0,
        "Placed with parents": 6.0,
        "Other": 6.0,
    }


@pytest.mark.parametrize(
    ("declared", "problem"),
    [
        (
            ["CLA_COUNT", "NOPE"],
            "shared_totals[1] names measure 'NOPE', which is not in the catalogue",
        ),
        (
            ["CLA_COUNT", "CLA_RATE"],
            "names measure 'CLA_RATE', a rate_per_10k: only counts of children",
        ),
        (["CLA_COUNT", "CLA_COUNT"], "shared_totals[1] lists 'CLA_COUNT' twice"),
        (["CLA_COUNT"], "shared_totals"),
    ],
)
def test_a_shared_total_that_cannot_hold_is_refused_with_the_reason(
    declared: list[str], problem: str
) -> None:
    with pytest.raises(CatalogueError, match="shared_totals") as caught:
        with_placements(shared_totals=[{"measures": declared}])
    assert problem in str(caught.value)


def test_a_measure_in_two_shared_totals_is_refused_asking_for_one_list() -> None:
    with pytest.raises(CatalogueError) as caught:
        with_placements(
            shared_totals=[
                {"measures": ["CLA_COUNT", "CLA_BY_PLACEMENT"]},
                {"measures": ["CLA_BY_PLACEMENT", "PEP"]},
            ]
        )
    assert (
        "shared_totals[2] names measure 'CLA_BY_PLACEMENT', which is already in another "
        "shared total: put all the measures with that total in one list"
    ) in str(caught.value)


def test_the_demo_catalogue_declares_shared_totals_its_figures_bear_out() -> None:
    catalogue = load_catalogue(demo.CATALOGUE_PATH)
    assert [g.measures for g in catalogue.shared_totals] == [("CLA_COUNT", "CLA_BY_PLACEMENT")]
    totals: dict[str, dict[object, float | None]] = {"CLA_COUNT": {}, "CLA_BY_PLACEMENT": {}}
    for upload in demo.generate(catalogue):  # the last upload corrects earlier figures
        for o in upload.submission.observations:
            if o.measure_id in totals and o.breakdown == ALL:
                totals[o.measure_id][o.period] = o.value
    assert totals["CLA_COUNT"] == totals["CLA_BY_PLACEMENT"]
    assert len(totals["CLA_COUNT"]) >= 8


# -- releases --------------------------------------------------------------------------------


def release(shown: dict[tuple[str, str], float | None]) -> Release:
    return Release(parse_period(PERIOD), dt.datetime(2026, 11, 1, tzinfo=dt.UTC), shown)


def test_a_correction_after_publication_cannot_be_subtracted_from_the_earlier_release() -> None:
    # Issue 12: release 1 showed 47: 30, 10, c, c. A correction sets parents to 0; shown as
    # 44: 30, c, 0, c, a reader assuming only parents changed gets other = 44 - 40 = 4 and
    # the old parents = 47 - 44 = 3. Instead the changed table is hidden whole.
    first = release(
        {
            ("CLA_BY_PLACEMENT", b): v
            for b, v in zip([ALL, *PLACES], [47.0, 30.0, 10.0, None, None], strict=True)
        }
    )
    data = pd.DataFrame(placements(30.0, 10.0, 0.0, 4.0, total=44.0))
    result = publishable(with_placements(), data, 5, releases=[first])
    assert set(seen(result, "CLA_BY_PLACEMENT").values()) == {"c"}


def test_a_period_published_again_unchanged_looks_exactly_as_before() -> None:
    data = pd.DataFrame(placements(30.0, 10.0, 3.0, 4.0, total=47.0))
    before = publishable(with_placements(), data, 5)
    [earlier] = releases_of(before, dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    again = publishable(with_placements(), data, 5, releases=[earlier])
    assert seen(again, "CLA_BY_PLACEMENT") == seen(before, "CLA_BY_PLACEMENT")
    assert "c" in seen(before, "CLA_BY_PLACEMENT").values()  # something was hidden the first time
    assert earlier.period == parse_period(PERIOD)
    assert earlier.shown[("CLA_BY_PLACEMENT", ALL)] == 47.0


def test_a_roll_back_after_a_hidden_correction_keeps_the_table_hidden() -> None:
    # Release 1 of the original, release 2 of the correction (hidden whole), then the
    # correction is rolled back: the original table would now look different from release 2
    # and, beside it, could be compared with release 1's own: hidden whole again.
    original = pd.DataFrame(placements(30.0, 10.0, 3.0, 4.0, total=47.0))
    at = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    first = releases_of(publishable(with_placements(), original, 5), at)
    corrected = pd.DataFrame(placements(30.0, 10.0, 0.0, 4.0, total=44.0))
    second = releases_of(publishable(with_placements(), corrected, 5, releases=first), at)
    assert set(second[0].shown.values()) == {None}
    rolled_back = publishable(with_placements(), original, 5, releases=[*first, *second])
    assert set(seen(rolled_back, "CLA_BY_PLACEMENT").values()) == {"c"}


def test_a_table_with_nothing_hidden_in_either_release_shows_its_correction() -> None:
    first = release(
        {
            ("CLA_BY_PLACEMENT", b): v
            for b, v in zip([ALL, *PLACES], [54.0, 30.0, 10.0, 8.0, 6.0], strict=True)
        }
    )
    data = pd.DataFrame(placements(30.0, 10.0, 8.0, 7.0, total=55.0))
    result = publishable(with_placements(), data, 5, releases=[first])
    assert seen(result, "CLA_BY_PLACEMENT")["Other"] == 7.0


def test_a_correction_into_the_small_range_after_a_release_that_hid_nothing_hides_the_table() -> (
    None
):
    # Release 1 showed every placement (54: 30, 10, 8, 6); other is corrected to 2. Hiding
    # only other and one more, beside release 1, would give it away (the rest unchanged).
    first = release(
        {
            ("CLA_BY_PLACEMENT", b): v
            for b, v in zip([ALL, *PLACES], [54.0, 30.0, 10.0, 8.0, 6.0], strict=True)
        }
    )
    data = pd.DataFrame(placements(30.0, 10.0, 8.0, 2.0, total=50.0))
    result = publishable(with_placements(), data, 5, releases=[first])
    assert set(seen(result, "CLA_BY_PLACEMENT").values()) == {"c"}


def test_a_release_of_another_period_changes_nothing() -> None:
    other = Release(
        parse_period("2024/25 Q4"),
        dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        {("CLA_BY_PLACEMENT", ALL): None},
    )
    data = pd.DataFrame(placements(30.0, 10.0, 8.0, 7.0, total=55.0))
    result = publishable(with_placements(), data, 5, releases=[other])
    assert "c" not in seen(result, "CLA_BY_PLACEMENT").values()
