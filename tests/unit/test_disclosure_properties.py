"""Property tests: random catalogues and figures never publish a small number (issue 12)."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.catalogue import ALL, Catalogue, parse_catalogue
from scorecard.disclosure import publishable
from scorecard.disclosure.tables import protect, small
from scorecard.symbols import Symbol

ABOUT = {"definition": "Test.", "why_it_matters": "Test.", "source": "Test."}
PERIODS = ["2025/26 Q1", "2025/26 Q2"]
COLUMNS = [
    "measure_id",
    "period",
    "breakdown",
    "value",
    "numerator",
    "denominator",
    "symbol",
    "note",
]


def catalogue_of(bands: list[int], shared: bool, summed: bool = False) -> Catalogue:
    """Count measures with the given numbers of breakdowns, a percentage, and a rate per
    10,000 of the first count; with ``summed`` (and three counts or more), the first count
    is declared the sum of the next two."""
    measures = [
        {
            "id": f"COUNT_{n}",
            "name": f"Count {n}",
            "priority": 1,
            "unit": "count",
            "polarity": "none",
            "breakdowns": [f"Band {b}" for b in range(size)],
            **ABOUT,
        }
        for n, size in enumerate(bands)
    ]
    measures.append(
        {"id": "SHARE", "name": "Share", "priority": 1, "unit": "percent", "polarity": "none"}
        | ABOUT
    )
    measures.append(
        {"id": "RATE", "name": "Rate", "priority": 1, "unit": "rate_per_10k", "polarity": "none"}
        | {"rate_of": "COUNT_0"}
        | ABOUT
    )
    if summed and len(bands) >= 3:
        measures[0]["sum_of"] = ["COUNT_1", "COUNT_2"]
    data = {
        "authority": {"name": "Testshire"},
        "priorities": [{"number": 1, "short_title": "T", "title": "T", "plain_title": "T"}],
        "measures": measures,
    }
    if shared and len(bands) >= 2:
        data["shared_totals"] = [{"measures": ["COUNT_0", "COUNT_1"]}]
    return parse_catalogue(data, "random catalogue")


count = st.one_of(
    st.integers(0, 14).map(float),
    st.sampled_from([0.4, 0.6, 4.5, 5.4, 5.6, 6.5]),  # older, fractional figures
    st.sampled_from([Symbol.SUPPRESSED, Symbol.NOT_AVAILABLE, Symbol.NOT_APPLICABLE]),
)
side = st.one_of(st.none(), st.integers(0, 40).map(float))


@st.composite
def scorecards(draw: st.DrawFn) -> tuple[Catalogue, pd.DataFrame, int]:
    bands = draw(st.lists(st.integers(0, 4), min_size=1, max_size=3))
    catalogue = catalogue_of(bands, draw(st.booleans()), draw(st.booleans()))
    rows = []
    for measure in catalogue.measures:
        for period in PERIODS:
            if measure.id == "RATE":
                # Of COUNT_0's children, per 10,000 of a population (given or not).
                n, d = draw(side), draw(st.one_of(st.none(), st.just(25_000.0)))
                value = 10_000 * n / d if n is not None and d else draw(side)
                rows.append((measure.id, period, ALL, value, n, d))
                continue
            if measure.id == "SHARE":
                n, d = draw(side), draw(side)
                value = 100 * n / d if n is not None and d and n <= d else draw(side)
                rows.append((measure.id, period, ALL, value, n, d))
                continue
            for breakdown in measure.all_breakdowns:
                if draw(st.integers(0, 9)) == 0:
                    continue  # not given
                rows.append((measure.id, period, breakdown, draw(count), None, None))
    rows = draw(st.permutations(rows))  # in any order: the published version may come in any
    frame = pd.DataFrame(
        [
            {
                "measure_id": m,
                "period": p,
                "breakdown": b,
                "value": float("nan") if v is None or isinstance(v, Symbol) else v,
                "numerator": float("nan") if n is None else n,
                "denominator": float("nan") if d is None else d,
                "symbol": v if isinstance(v, Symbol) else None,
                "note": None,
            }
            for m, p, b, v, n, d in rows
        ],
        columns=COLUMNS,
    )
    return catalogue, frame, draw(st.integers(1, 6))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scorecards())
def test_nothing_small_is_ever_published(drawn: tuple[Catalogue, pd.DataFrame, int]) -> None:
    catalogue, frame, threshold = drawn
    result = publishable(catalogue, frame, threshold)
    assert result["numerator"].isna().all() and result["denominator"].isna().all()
    for before, after in zip(frame.itertuples(), result.itertuples(), strict=True):
        if after.symbol == Symbol.SUPPRESSED or math.isnan(after.value):
            continue
        if before.measure_id == "RATE":
            continue  # worked out below, with the count it is of
        if before.measure_id == "SHARE":
            # Published only with both sides known, or one and the figure to work out the
            # other (as a reader would, to the nearest child), and neither 1 to the threshold.
            n, d, share = before.numerator, before.denominator, before.value
            assert not (math.isnan(n) and math.isnan(d))
            n = round(share * d / 100) if math.isnan(n) else n
            d = round(n * 100 / share) if math.isnan(d) else d
            assert not small(n, threshold) and not small(d, threshold), (before, threshold)
        else:
            assert not 0 < after.value < threshold + 1, (before, after)
    # A figure uploaded as c is never published.
    uploaded_c = frame["symbol"] == Symbol.SUPPRESSED
    assert (result.loc[uploaded_c, "symbol"] == Symbol.SUPPRESSED).all()
    _no_hidden_count_comes_back(catalogue, frame, result, threshold)


@st.composite
def sums(draw: st.DrawFn) -> tuple[Catalogue, pd.DataFrame, int]:
    """A count declared the sum of two others, all three with the same breakdowns, in one
    period: few figures, often x or c, so that what the group hides turns on each of them."""
    bands = draw(st.integers(0, 2))
    catalogue = catalogue_of([bands] * 3, draw(st.booleans()), summed=True)
    figure = st.sampled_from([None, 0.0, 3.0, 8.0, 20.0, Symbol.SUPPRESSED, Symbol.NOT_AVAILABLE])
    rows = []
    for measure in catalogue.measures[:3]:
        for breakdown in measure.all_breakdowns:
            value = draw(figure)
            if value is not None:
                rows.append(
                    {
                        "measure_id": measure.id,
                        "period": PERIODS[0],
                        "breakdown": breakdown,
                        "value": float("nan") if isinstance(value, Symbol) else value,
                        "numerator": float("nan"),
                        "denominator": float("nan"),
                        "symbol": value if isinstance(value, Symbol) else None,
                        "note": None,
                    }
                )
    return catalogue, pd.DataFrame(draw(st.permutations(rows)), columns=COLUMNS), 5


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sums())
def test_nothing_hidden_in_a_sum_comes_back(drawn: tuple[Catalogue, pd.DataFrame, int]) -> None:
    catalogue, frame, threshold = drawn
    _no_hidden_count_comes_back(
        catalogue, frame, publishable(catalogue, frame, threshold), threshold
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scorecards(), st.randoms(use_true_random=False))
def test_the_order_of_the_rows_changes_nothing(
    drawn: tuple[Catalogue, pd.DataFrame, int], random: object
) -> None:
    # The same figures in another order are the same table: what is hidden must not depend
    # on which row came first.
    _same_in_any_order(*drawn, random)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sums(), st.randoms(use_true_random=False))
def test_the_order_of_a_sums_rows_changes_nothing(
    drawn: tuple[Catalogue, pd.DataFrame, int], random: object
) -> None:
    # A total hidden at row 0 was once taken for a measure without one: its group's
    # breakdowns were published beside it, and gave it back.
    _same_in_any_order(*drawn, random)


def _same_in_any_order(
    catalogue: Catalogue, frame: pd.DataFrame, threshold: int, random: object
) -> None:
    order = list(range(len(frame)))
    random.shuffle(order)  # type: ignore[attr-defined]
    shuffled = frame.iloc[order].reset_index(drop=True)

    def shown(result: pd.DataFrame) -> dict[tuple[str, str, str], object]:
        return {
            (r.measure_id, r.period, r.breakdown): str(r.symbol) if pd.isna(r.value) else r.value
            for r in result.itertuples()
        }

    assert shown(publishable(catalogue, shuffled, threshold)) == shown(
        publishable(catalogue, frame, threshold)
    )


def _no_hidden_count_comes_back(
    catalogue: Catalogue, frame: pd.DataFrame, result: pd.DataFrame, threshold: int
) -> None:
    """A rate published beside a hidden count would give it back (with the population); a
    sum, or one of its parts, hidden alone among figures all published would come back by
    subtraction; a breakdown published beside anything hidden in its sum would too."""
    shown = {
        (r.measure_id, str(r.period), r.breakdown): r.value
        for r in result.itertuples()
        if r.symbol != Symbol.SUPPRESSED
    }
    given = {(r.measure_id, str(r.period), r.breakdown) for r in frame.itertuples()}
    # COUNT_0's total, or where it is not given, the total it shares with another count
    # ([[shared_totals]]: the same children), is the count the rate is of.
    sharing = [m for t in catalogue.shared_totals if "COUNT_0" in t.measures for m in t.measures]
    for r in frame.itertuples():
        key = (r.measure_id, str(r.period), r.breakdown)
        if r.measure_id != "RATE" or key not in shown or math.isnan(shown[key]):
            continue
        cells = [(m, str(r.period), ALL) for m in ["COUNT_0", *sharing] if m != "COUNT_0"]
        cells.insert(0, ("COUNT_0", str(r.period), ALL))
        count = next((c for c in cells if c in given), cells[0])
        assert count not in given or count in shown, (r, "beside a hidden count")
        n = r.numerator if not math.isnan(r.numerator) else shown.get(count, math.nan)
        if math.isnan(n) and not math.isnan(r.denominator):
            n = max(round(r.value * r.denominator / 10_000), 1 if r.value > 0 else 0)
        assert not math.isnan(n), (r, "a rate of no one knows how many children")
        assert not small(n, threshold), (r, "a rate of 1 to the threshold")
    summed = catalogue.measures[0]
    if not summed.sum_of:
        return
    members = [summed.id, *summed.sum_of]
    for period in PERIODS:
        cells = [(m, period, b) for m in members for b in catalogue.measure(m).all_breakdowns]
        present = [c for c in cells if c in given]
        hidden = [c for c in present if c not in shown]
        totals = [(m, period, ALL) for m in members]
        if all(t in shown or t in given for t in totals):
            numbers = [t for t in totals if t in shown and not math.isnan(shown[t])]
            one_hidden = [t for t in totals if t in given and t not in shown]
            assert not (len(one_hidden) == 1 and len(numbers) == len(totals) - 1), (
                period,
                "one total of a sum hidden alone",
            )
        if hidden:
            for m, p, b in present:
                if b != ALL and (m, p, b) in shown and not math.isnan(shown[(m, p, b)]):
                    assert shown.get((m, p, ALL)) == 0, ((m, p, b), "beside a hidden cell")


def _fill(total: int, slots: int) -> Iterator[tuple[int, ...]]:
    """Every way to write ``total`` as ``slots`` whole numbers of at least 1."""
    if slots == 0:
        if total == 0:
            yield ()
        return
    for first in range(1, total - slots + 2):
        for rest in _fill(total - first, slots - 1):
            yield (first, *rest)


def _published(parts: tuple[int, ...], threshold: int) -> tuple[object, ...]:
    total = sum(parts)
    hide_total, hidden = protect(
        float(total),
        [float(p) for p in parts],
        [small(p, threshold) for p in parts],
        threshold,
        total_hidden=small(total, threshold),
    )
    shown = tuple("c" if h else p for p, h in zip(parts, hidden, strict=True))
    return ("c" if hide_total else total, *shown)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 9), min_size=2, max_size=5),
    st.integers(1, 6),
)
def test_a_brute_force_attacker_never_narrows_a_hidden_part_below_the_threshold(
    parts: list[int], threshold: int
) -> None:
    """The attacker sees the total and the published parts and tries every value the hidden
    ones could have (zeros are published while the total is), keeping each table the rule
    publishes the same way."""
    seen = _published(tuple(parts), threshold)
    if seen[0] == "c":
        # The whole table is hidden, zeros too: every table whose total is small looks so.
        assert set(seen) == {"c"}
        return
    hidden = [i for i, v in enumerate(seen[1:]) if v == "c"]
    rest = sum(parts) - sum(v for v in seen[1:] if v != "c")  # type: ignore[misc]
    found: dict[int, set[int]] = {i: set() for i in hidden}
    for guess in _fill(rest, len(hidden)):
        table = list(parts)
        for i, value in zip(hidden, guess, strict=True):
            table[i] = value
        if _published(tuple(table), threshold) == seen:
            for i, value in zip(hidden, guess, strict=True):
                found[i].add(value)
    assert all(len(values) >= threshold for values in found.values()), (seen, found)
    assert all(parts[i] in found[i] for i in hidden)  # the attacker's sums are right
