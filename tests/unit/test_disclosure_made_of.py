"""Figures made of other measures' counts (issue 12, the rate route and point 5's "one
measure is the sum of others"): a rate per 10,000 or a percentage is hidden whenever the
count it is of is hidden, and a count declared the sum of others is suppressed with them as
one table. The attacker sees every public figure and ONS's population, and reads the code."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

import pandas as pd
import pytest

from scorecard.catalogue import ALL, Catalogue, parse_catalogue
from scorecard.disclosure import Release, publishable
from scorecard.errors import CatalogueError
from scorecard.periods import parse_period
from scorecard.symbols import Symbol
from tests.unit.disclosure_catalogues import counts, with_placements
from tests.unit.test_disclosure_shared import PERIOD, SHARED, ages, cells, seen

NAN = float("nan")
POPULATION = 25_000.0


def rate(value: float, numerator: float = NAN, denominator: float = POPULATION) -> list[dict]:
    return [
        {
            "measure_id": "CLA_RATE",
            "period": PERIOD,
            "breakdown": ALL,
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
            "symbol": None,
            "note": None,
        }
    ]


# -- rate_of -----------------------------------------------------------------------------------


def test_a_rate_is_hidden_when_the_count_it_is_of_was_uploaded_as_c() -> None:
    # 44 children (uploaded as c) are 17.6 per 10,000 of ONS's 25,000: the rate says 44.
    data = pd.DataFrame(ages(Symbol.SUPPRESSED, 0.0, 6.0, 9.0, 12.0, 17.0) + rate(17.6, 44.0))
    assert seen(publishable(with_placements(), data, 5), "CLA_RATE") == {ALL: "c"}


def test_a_rate_is_hidden_when_its_count_is_hidden_by_the_table_it_shares_a_total_with() -> None:
    # Placements' total is c, so children in care's 47 is hidden with it (shared total);
    # 18.8 per 10,000 would give the 47 back.
    data = pd.DataFrame(
        ages(47.0, 2.0, 6.0, 9.0, 15.0, 15.0)
        + cells("CLA_BY_PLACEMENT", {ALL: Symbol.SUPPRESSED, "Foster care": 30.0})
        + rate(18.8, 47.0)
    )
    result = publishable(with_placements(**SHARED), data, 5)
    assert seen(result, "CLA_COUNT")[ALL] == "c"
    assert seen(result, "CLA_RATE") == {ALL: "c"}


def test_a_rate_is_hidden_when_an_earlier_release_hid_its_count() -> None:
    # The count was hidden in the first release and is not in this one at all.
    first = Release(parse_period(PERIOD), dt.datetime(2026, 11, 1, tzinfo=dt.UTC), {
        ("CLA_COUNT", ALL): None
    })  # fmt: skip
    result = publishable(with_placements(), pd.DataFrame(rate(17.6, 44.0)), 5, releases=[first])
    assert seen(result, "CLA_RATE") == {ALL: "c"}


def test_a_rate_of_1_to_5_children_is_hidden_without_its_count() -> None:
    # 1.2 per 10,000 of 25,000 is 3 children; no count uploaded.
    assert seen(publishable(with_placements(), pd.DataFrame(rate(1.2)), 5), "CLA_RATE") == {
        ALL: "c"
    }


def test_a_rate_given_without_its_sides_is_published_beside_its_count() -> None:
    # Before, a rate without n / N was hidden (nobody could say how many children it is
    # about). Its count, 44, is published beside it and says: 44 children.
    data = pd.DataFrame(ages(44.0, 0.0, 6.0, 9.0, 12.0, 17.0) + rate(17.6, NAN, NAN))
    assert seen(publishable(with_placements(), data, 5), "CLA_RATE") == {ALL: 17.6}


def test_a_rate_whose_numerator_is_not_its_count_is_hidden() -> None:
    data = pd.DataFrame(ages(44.0, 0.0, 6.0, 9.0, 12.0, 17.0) + rate(18.8, 47.0))
    assert seen(publishable(with_placements(), data, 5), "CLA_RATE") == {ALL: "c"}


def test_a_percentage_out_of_a_hidden_count_is_hidden() -> None:
    # Of the 44 children in care (hidden: uploaded as c), 25.0% had three or more social
    # workers: with the other percentages of the same children, 44 could be pinned down.
    catalogue = with_placements(
        measures=[
            *with_placements().model_dump()["measures"],
            {
                "id": "SW_3PLUS",
                "name": "Three or more social workers",
                "priority": 2,
                "unit": "percent",
                "polarity": "none",
                "out_of": "CLA_COUNT",
                "definition": "Test.",
                "why_it_matters": "Test.",
                "source": "Test.",
            },
        ]
    )
    share = [row | {"measure_id": "SW_3PLUS", "value": 25.0, "numerator": 11.0,
                    "denominator": 44.0} for row in rate(0.0)]  # fmt: skip
    hidden = ages(Symbol.SUPPRESSED, 0.0, 6.0, 9.0, 12.0, 17.0)
    assert seen(publishable(catalogue, pd.DataFrame(hidden + share), 5), "SW_3PLUS") == {ALL: "c"}
    shown = ages(44.0, 0.0, 6.0, 9.0, 12.0, 17.0)
    assert seen(publishable(catalogue, pd.DataFrame(shown + share), 5), "SW_3PLUS") == {ALL: 25.0}


@pytest.mark.parametrize("total", [Symbol.NOT_AVAILABLE, None])
def test_a_rate_that_gives_back_a_total_not_shown_is_hidden_beside_a_hidden_part(
    total: Symbol | None,
) -> None:
    # Children in care by age, the total x or not given: Under 1 (3) is c, the rest shown.
    # 18.8 per 10,000 of ONS's 25,000 is 47 in all, and 47 - (6 + 9 + 12 + 17) = 3: the rate
    # would give the hidden age group back (found by attacking the published version).
    rows = ages(total or Symbol.NOT_AVAILABLE, 3.0, 6.0, 9.0, 12.0, 17.0)
    rows = rows if total else rows[1:]
    result = publishable(with_placements(), pd.DataFrame(rows + rate(18.8, 47.0)), 5)
    assert seen(result, "CLA_COUNT")["Under 1"] == "c"
    assert seen(result, "CLA_RATE") == {ALL: "c"}
    # Its n not given changes nothing: a reader knows the population.
    result = publishable(with_placements(), pd.DataFrame(rows + rate(18.8)), 5)
    assert seen(result, "CLA_RATE") == {ALL: "c"}


def test_a_rate_beside_a_total_not_shown_whose_parts_are_all_shown_is_published() -> None:
    # 8 + 6 + 9 + 12 + 17 = 52 in care, every age group shown: 20.8 per 10,000 of 25,000
    # (52) says nothing more.
    rows = ages(Symbol.NOT_AVAILABLE, 8.0, 6.0, 9.0, 12.0, 17.0) + rate(20.8, 52.0)
    assert seen(publishable(with_placements(), pd.DataFrame(rows), 5), "CLA_RATE") == {ALL: 20.8}


@pytest.mark.parametrize(
    ("measure", "problem"),
    [
        ({"rate_of": "NOPE"}, "rate_of names 'NOPE', which is not in the catalogue"),
        ({"rate_of": "PEP"}, "rate_of names 'PEP', a percent: it must name a count"),
        ({"out_of": "CLA_COUNT", "breakdowns": ["Girls"]}, "which has no breakdown Girls"),
    ],
)
def test_a_rate_of_something_that_cannot_hold_is_refused_with_the_reason(
    measure: dict, problem: str
) -> None:
    data = with_placements().model_dump(mode="json")
    [target] = [m for m in data["measures"] if m["id"] == "CLA_RATE"]
    target.update({"rate_of": None} | measure)
    with pytest.raises(CatalogueError) as caught:
        with_placements(measures=data["measures"])
    assert problem in str(caught.value)


def test_a_count_cannot_be_a_rate_of_another() -> None:
    with pytest.raises(CatalogueError) as caught:
        counts("KIDS", "CARE", KIDS={"rate_of": "CARE"})
    assert "rate_of and out_of are for a percentage or a rate per 10,000, not a count" in str(
        caught.value
    )


# -- sum_of ------------------------------------------------------------------------------------

SUM = {"CARE": {"sum_of": ["UASC", "OTHER"]}}


def group(care: dict, uasc: dict, other: dict, period: str = PERIOD) -> list[dict]:
    return [
        row | {"period": period}
        for measure, figures in (("CARE", care), ("UASC", uasc), ("OTHER", other))
        for row in cells(measure, figures)
    ]


def test_a_small_part_of_a_sum_is_hidden_with_another_part_not_given_by_subtraction() -> None:
    # 47 children in care: 3 unaccompanied, 44 others. Apart, each table hides nothing of
    # the other and 47 - 44 = 3. Declared a sum, 3 takes the next part (others) with it.
    data = pd.DataFrame(group({ALL: 47.0}, {ALL: 3.0}, {ALL: 44.0}))
    apart = publishable(counts("CARE", "UASC", "OTHER"), data, 5)
    assert (seen(apart, "CARE"), seen(apart, "OTHER")) == ({ALL: 47.0}, {ALL: 44.0})
    together = publishable(counts("CARE", "UASC", "OTHER", **SUM), data, 5)
    assert [seen(together, m)[ALL] for m in ("CARE", "UASC", "OTHER")] == [47.0, "c", "c"]


def test_when_anything_in_a_sum_is_hidden_every_breakdown_of_it_is() -> None:
    # By age: the sum's 16+ is the parts' 16+ added up, a second table through the same
    # cells. Only the totals stay, protected as one table: nothing small among them.
    two = ("Under 16", "16+")
    catalogue = counts("CARE", "UASC", "OTHER", breakdowns=two, **SUM)
    data = pd.DataFrame(
        group(
            {ALL: 60.0, "Under 16": 32.0, "16+": 28.0},
            {ALL: 12.0, "Under 16": 2.0, "16+": 10.0},
            {ALL: 48.0, "Under 16": 30.0, "16+": 18.0},
        )
    )
    result = publishable(catalogue, data, 5)
    assert [seen(result, m) for m in ("CARE", "UASC", "OTHER")] == [
        {ALL: 60.0, "Under 16": "c", "16+": "c"},
        {ALL: 12.0, "Under 16": "c", "16+": "c"},
        {ALL: 48.0, "Under 16": "c", "16+": "c"},
    ]
    # Apart, UASC hides 2 and 10 (its own table), and CARE's 32 - OTHER's 30 gives the 2.
    apart = publishable(counts("CARE", "UASC", "OTHER", breakdowns=two), data, 5)
    assert seen(apart, "CARE")["Under 16"] - seen(apart, "OTHER")["Under 16"] == 2.0


def test_a_hidden_total_in_a_sum_hides_its_breakdowns_in_whatever_order_the_rows_come() -> None:
    # 50 children in care, 30 under 16 and 20 of 16+; other children 27 and 20 (their total
    # not given, x); unaccompanied children uploaded as c, with no breakdown. Shown, the
    # breakdowns give the c back: 30 - 27 = 3 under 16, 50 - (27 + 20) = 3 in all. That
    # unaccompanied c came first in the rows once let them through (row 0 was taken for
    # "no total"), so the attack is made with each row first, forwards and backwards.
    two = ("Under 16", "16+")
    catalogue = counts("CARE", "UASC", "OTHER", breakdowns=two, **SUM)
    rows = [
        *cells("UASC", {ALL: Symbol.SUPPRESSED}),
        *cells("CARE", {ALL: 50.0, "Under 16": 30.0, "16+": 20.0}),
        *cells("OTHER", {ALL: Symbol.NOT_AVAILABLE, "Under 16": 27.0, "16+": 20.0}),
    ]
    expected = [
        {ALL: 50.0, "Under 16": "c", "16+": "c"},
        {ALL: "c"},
        {ALL: "x", "Under 16": "c", "16+": "c"},
    ]
    orders = [seq[i:] + seq[:i] for seq in (rows, rows[::-1]) for i in range(len(rows))]
    for order in orders:
        result = publishable(catalogue, pd.DataFrame(list(order)), 5)
        shown = [
            {b: "x" if v != v else v for b, v in seen(result, m).items()}
            for m in ("CARE", "UASC", "OTHER")
        ]
        assert shown == expected, [(r["measure_id"], r["breakdown"]) for r in order]


@pytest.mark.parametrize(
    "others", [{"Young": Symbol.NOT_AVAILABLE, "Old": Symbol.NOT_AVAILABLE}, {}]
)
def test_a_sums_breakdowns_that_would_give_a_part_away_are_hidden(others: dict) -> None:
    # Nothing is small or c: 60 in care (9 young, 51 old), 12 unaccompanied (6 and 6), 48
    # others with their ages x or not given. 9 young in care, 6 of them unaccompanied: 3
    # young others. Each age group is a table of its own across the sum: so every breakdown
    # of the group is hidden, and only the totals stay.
    two = ("Young", "Old")
    catalogue = counts("CARE", "UASC", "OTHER", breakdowns=two, **SUM)
    data = pd.DataFrame(
        group(
            {ALL: 60.0, "Young": 9.0, "Old": 51.0},
            {ALL: 12.0, "Young": 6.0, "Old": 6.0},
            {ALL: 48.0, **others},
        )
    )
    result = publishable(catalogue, data, 5)
    assert [seen(result, m)[ALL] for m in ("CARE", "UASC", "OTHER")] == [60.0, 12.0, 48.0]
    assert {v for m in ("CARE", "UASC") for b, v in seen(result, m).items() if b != ALL} == {"c"}


def test_a_sums_total_not_given_is_read_from_the_measure_that_shares_it() -> None:
    # Unaccompanied 3 and others 44; children in care not given, but children in care by
    # placement (sharing its total) shows 47: 47 - 44 = 3. The sum's table reads its total
    # there, and hides the others with the 3.
    catalogue = counts(
        "CARE", "UASC", "OTHER", "CARE_BY_PLACE", **SUM,
        shared_totals=[{"measures": ["CARE", "CARE_BY_PLACE"]}],
    )  # fmt: skip
    figures = cells("UASC", {ALL: 3.0}) + cells("OTHER", {ALL: 44.0})
    for care in ([], cells("CARE", {ALL: Symbol.NOT_AVAILABLE})):
        rows = care + figures + cells("CARE_BY_PLACE", {ALL: 47.0})
        result = publishable(catalogue, pd.DataFrame(rows), 5)
        assert (seen(result, "UASC"), seen(result, "OTHER")) == ({ALL: "c"}, {ALL: "c"})


def test_a_parts_total_hidden_in_a_sum_is_hidden_where_another_measure_shows_it() -> None:
    # 47 in care, 3 unaccompanied; the others' total x or not given, but others by
    # placement (sharing it) shows 44: hidden with the 3, there too.
    catalogue = counts(
        "CARE", "UASC", "OTHER", "OTHER_BY_PLACE", **SUM,
        shared_totals=[{"measures": ["OTHER", "OTHER_BY_PLACE"]}],
    )  # fmt: skip
    for other in (cells("OTHER", {ALL: Symbol.NOT_AVAILABLE}), []):
        rows = cells("CARE", {ALL: 47.0}) + cells("UASC", {ALL: 3.0}) + other
        rows += cells("OTHER_BY_PLACE", {ALL: 44.0})
        result = publishable(catalogue, pd.DataFrame(rows), 5)
        assert seen(result, "UASC") == {ALL: "c"}
        assert seen(result, "OTHER_BY_PLACE") == {ALL: "c"}


def sum_with_rate() -> Catalogue:
    """Children in care (CARE) the sum of unaccompanied (UASC) and others, and CARE_RATE, a
    rate per 10,000 of CARE."""
    data = counts("CARE", "UASC", "OTHER", **SUM).model_dump(mode="json")
    data["measures"].append(
        {"id": "CARE_RATE", "name": "Rate", "priority": 1, "unit": "rate_per_10k",
         "polarity": "none", "rate_of": "CARE", "definition": "Test.",
         "why_it_matters": "Test.", "source": "Test."}
    )  # fmt: skip
    return parse_catalogue(data, "test catalogue")


def test_a_rate_of_a_sum_not_given_is_hidden_beside_its_hidden_part() -> None:
    # 18.8 per 10,000 of 25,000 children in care (not given, or x) is 47, and 47 - 44 others
    # is the 3 unaccompanied, hidden.
    catalogue = sum_with_rate()
    figures = cells("UASC", {ALL: 3.0}) + cells("OTHER", {ALL: 44.0})
    per = [r | {"measure_id": "CARE_RATE"} for r in rate(18.8, 47.0)]
    for care in ([], cells("CARE", {ALL: Symbol.NOT_AVAILABLE})):
        result = publishable(catalogue, pd.DataFrame(care + figures + per), 5)
        assert seen(result, "UASC") == {ALL: "c"}
        assert seen(result, "CARE_RATE") == {ALL: "c"}


def test_a_sum_that_hides_nothing_is_published_as_it_is() -> None:
    figures = ({ALL: 60.0}, {ALL: 12.0}, {ALL: 48.0})
    result = publishable(counts("CARE", "UASC", "OTHER", **SUM), pd.DataFrame(group(*figures)), 5)
    assert [seen(result, m)[ALL] for m in ("CARE", "UASC", "OTHER")] == [60.0, 12.0, 48.0]


def test_a_sum_that_does_not_add_up_is_hidden_whole() -> None:
    figures = ({ALL: 61.0}, {ALL: 12.0}, {ALL: 48.0})
    result = publishable(counts("CARE", "UASC", "OTHER", **SUM), pd.DataFrame(group(*figures)), 5)
    assert [seen(result, m)[ALL] for m in ("CARE", "UASC", "OTHER")] == ["c", "c", "c"]


def test_a_sum_hidden_in_part_hides_the_tables_that_share_its_parts_totals() -> None:
    # OTHER's total is hidden with UASC's 3, so the measure sharing OTHER's total (by
    # placement) is hidden whole too: its 44 would give 47 - 44 = 3 back.
    catalogue = counts(
        "CARE", "UASC", "OTHER", "OTHER_BY_PLACE", shared_totals=[
            {"measures": ["OTHER", "OTHER_BY_PLACE"]}
        ], **SUM
    )  # fmt: skip
    data = pd.DataFrame(
        group({ALL: 47.0}, {ALL: 3.0}, {ALL: 44.0}) + [
            row | {"measure_id": "OTHER_BY_PLACE"} for row in cells("X", {ALL: 44.0})
        ]
    )  # fmt: skip
    assert seen(publishable(catalogue, data, 5), "OTHER_BY_PLACE") == {ALL: "c"}


def test_a_sum_shown_otherwise_in_an_earlier_release_with_a_c_is_hidden_whole() -> None:
    # Release 1: 47 = c + c (3 and 44). A correction makes UASC 6: 50 = 6 + 44 would be
    # published in full, and 50 - 47 tells the reader UASC was 3 before.
    first = publishable(
        counts("CARE", "UASC", "OTHER", **SUM),
        pd.DataFrame(group({ALL: 47.0}, {ALL: 3.0}, {ALL: 44.0})),
        5,
    )
    shown = {
        (r.measure_id, r.breakdown): None if r.symbol == Symbol.SUPPRESSED else r.value
        for r in first.itertuples()
    }
    release = Release(parse_period(PERIOD), dt.datetime(2026, 11, 1, tzinfo=dt.UTC), shown)
    result = publishable(
        counts("CARE", "UASC", "OTHER", **SUM),
        pd.DataFrame(group({ALL: 50.0}, {ALL: 6.0}, {ALL: 44.0})),
        5,
        releases=[release],
    )
    assert [seen(result, m)[ALL] for m in ("CARE", "UASC", "OTHER")] == ["c", "c", "c"]


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ({"CARE": {"sum_of": ["UASC", "NOPE"]}}, "sum_of names 'NOPE', which is not in the"),
        ({"CARE": {"sum_of": ["UASC"]}}, "sum_of names one measure"),
        ({"CARE": {"sum_of": ["UASC", "UASC"]}}, "sum_of names a measure twice"),
        ({"CARE": {"sum_of": ["CARE", "UASC"]}}, "a measure cannot be made of itself"),
        (
            {"CARE": {"sum_of": ["UASC", "OTHER"]}, "ALL_KIDS": {"sum_of": ["UASC", "CARE"]}},
            "measure 'UASC' is in the sum_of of both 'CARE' and 'ALL_KIDS'",
        ),
        (
            {"CARE": {"sum_of": ["UASC", "OTHER"]}, "UASC": {"sum_of": ["CARE", "ALL_KIDS"]}},
            "sum_of goes round in a circle",
        ),
    ],
)
def test_a_sum_that_cannot_hold_is_refused_with_the_reason(extra: dict, problem: str) -> None:
    with pytest.raises(CatalogueError) as caught:
        counts("CARE", "UASC", "OTHER", "ALL_KIDS", **extra)
    assert problem in str(caught.value)


# -- the attacker who knows the rule, run exhaustively over sums --------------------------------


def _too_narrow(catalogue, worlds, cells_of, threshold: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Publish every world at once (one period each); group the worlds by what is
    published; every hidden cell must keep at least ``threshold`` values."""
    rows = [row for n, world in enumerate(worlds) for row in cells_of(world, f"world {n}")]
    result = publishable(catalogue, pd.DataFrame(rows), threshold)
    views: dict[str, dict] = defaultdict(dict)
    truth: dict[str, dict] = defaultdict(dict)
    for before, after in zip(rows, result.itertuples(), strict=True):
        key = (before["measure_id"], before["breakdown"])
        hidden = after.symbol == Symbol.SUPPRESSED
        views[before["period"]][key] = None if hidden else after.value
        truth[before["period"]][key] = before["value"]
    possible: dict[tuple, dict] = defaultdict(lambda: defaultdict(set))
    for period, view in views.items():
        seen_as = tuple(sorted(view.items()))
        for key, shown in view.items():
            if shown is None:
                possible[seen_as][key].add(truth[period][key])
    return [
        f"{dict(seen_as)}: {key} can only be {sorted(values)}"
        for seen_as, found in possible.items()
        for key, values in found.items()
        if len(values) < threshold
    ]


def test_no_hidden_cell_of_a_sum_of_three_parts_up_to_24_children_is_narrowed() -> None:
    catalogue = counts("CARE", "AA", "BB", "CC", CARE={"sum_of": ["AA", "BB", "CC"]})
    worlds = [w for w in itertools.product(range(25), repeat=3) if sum(w) <= 24]

    def cells_of(world: tuple[int, ...], period: str) -> list[dict]:
        figures = dict(zip(("AA", "BB", "CC"), world, strict=True)) | {"CARE": sum(world)}
        return [row | {"period": period} for m, v in figures.items()
                for row in cells(m, {ALL: float(v)})]  # fmt: skip

    assert _too_narrow(catalogue, worlds, cells_of, 5) == []


def test_no_hidden_cell_of_a_sum_with_breakdowns_is_narrowed() -> None:
    # Two parts by two age bands (the sum's bands are the parts' added up), threshold 3,
    # every table of up to 14 children (so every table with a published total is there):
    # the reader sees all nine cells as published.
    two = ("Young", "Old")
    catalogue = counts("CARE", "AA", "BB", breakdowns=two, CARE={"sum_of": ["AA", "BB"]})
    worlds = [w for w in itertools.product(range(15), repeat=4) if sum(w) <= 14]

    def cells_of(world: tuple[int, ...], period: str) -> list[dict]:
        a, b = world[:2], world[2:]
        figures = {
            "CARE": {ALL: sum(world), "Young": a[0] + b[0], "Old": a[1] + b[1]},
            "AA": {ALL: sum(a), "Young": a[0], "Old": a[1]},
            "BB": {ALL: sum(b), "Young": b[0], "Old": b[1]},
        }
        return [row | {"period": period} for m, f in figures.items()
                for row in cells(m, {k: float(v) for k, v in f.items()})]  # fmt: skip

    narrowed = _too_narrow(catalogue, worlds, cells_of, 3)
    assert narrowed == []


def test_the_search_catches_a_sum_left_undeclared() -> None:
    # The same search over the same tables, without the declaration, finds cells given away:
    # the search works.
    catalogue = counts("CARE", "AA", "BB", "CC")
    worlds = [w for w in itertools.product(range(13), repeat=3) if sum(w) <= 12]

    def cells_of(world: tuple[int, ...], period: str) -> list[dict]:
        figures = dict(zip(("AA", "BB", "CC"), world, strict=True)) | {"CARE": sum(world)}
        return [row | {"period": period} for m, v in figures.items()
                for row in cells(m, {ALL: float(v)})]  # fmt: skip

    assert _too_narrow(catalogue, worlds, cells_of, 5)


def test_a_sums_total_not_given_is_worked_out_from_its_parts_and_protects_its_breakdowns() -> None:
    # 10 unaccompanied and 34 others: 44 in care, though not given. Its age groups 30 and 10
    # (the third left out) would give the third away, 44 - 40 = 4: they are hidden.
    bands = ("b1", "b2", "b3")
    catalogue = counts("CARE", "UASC", "OTHER", breakdowns=bands, **SUM)
    rows = cells("CARE", {"b1": 30.0, "b2": 10.0}) + cells("UASC", {ALL: 10.0})
    result = publishable(catalogue, pd.DataFrame(rows + cells("OTHER", {ALL: 34.0})), 5)
    assert seen(result, "CARE") == {"b1": "c", "b2": "c"}
    # A part's total not given is the sum less the others: 47 - 10 = 37, and its first age
    # group 33 would give the second away (4).
    rows = cells("CARE", {ALL: 47.0}) + cells("UASC", {ALL: 10.0})
    result = publishable(catalogue, pd.DataFrame(rows + cells("OTHER", {"b1": 33.0})), 5)
    assert seen(result, "OTHER") == {"b1": "c"}


def test_a_sums_total_worked_out_is_lent_to_the_measure_sharing_it() -> None:
    # Children in care not given; 10 + 44 = 54. Placements share its total and give three of
    # four placements (30, 10, 10): the fourth would be 4.
    catalogue = counts(
        "CARE", "UASC", "OTHER", "PLACE", breakdowns=("p1", "p2", "p3", "p4"), **SUM,
        shared_totals=[{"measures": ["CARE", "PLACE"]}],
    )  # fmt: skip
    rows = cells("UASC", {ALL: 10.0}) + cells("OTHER", {ALL: 44.0})
    rows += cells("PLACE", {"p1": 30.0, "p2": 10.0, "p3": 10.0})
    result = publishable(catalogue, pd.DataFrame(rows), 5)
    assert seen(result, "PLACE") == {"p1": "c", "p2": "c", "p3": "c"}


def test_a_rate_of_a_sum_is_hidden_when_a_part_has_no_figures_at_all() -> None:
    # 18.8 per 10,000 of 25,000 in care is 47; others 44; unaccompanied not given at all:
    # 47 - 44 = 3.
    catalogue = sum_with_rate()
    per = [r | {"measure_id": "CARE_RATE"} for r in rate(18.8, 47.0)]
    result = publishable(catalogue, pd.DataFrame(cells("OTHER", {ALL: 44.0}) + per), 5)
    assert seen(result, "CARE_RATE") == {ALL: "c"}
