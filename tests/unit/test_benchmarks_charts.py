"""Benchmark charts are plotly figures with a one-sentence text alternative."""

from __future__ import annotations

import plotly.graph_objects as go

from scorecard.benchmarks import charts
from scorecard.benchmarks.comparators import compare, standings
from scorecard.benchmarks.council import find_council
from scorecard.benchmarks.service import ComparatorLine
from scorecard.catalogue import Polarity, Unit
from scorecard.charts import trend_chart
from scorecard.periods import Period
from scorecard.status import Reading
from tests.unit.test_benchmarks_comparators import SIX, Y2025, measure


def standings_figure() -> tuple[go.Figure, str]:
    bton = find_council(SIX, "802")
    assert bton is not None
    found = compare(SIX, measure(), Y2025, bton, neighbours=["804"])
    table = standings(SIX, measure(), Y2025, bton, neighbours=["804"])
    return charts.standings_chart(measure(), table, found), charts.standings_summary(
        measure(), table, found
    )


def test_standings_chart_picks_out_us_and_our_neighbours_by_shape_as_well_as_colour() -> None:
    fig, _ = standings_figure()
    traces = {t.name: t for t in fig.data}
    # Our figure, England's and the top quartile's are named in the legend, not written over
    # the plot. The top quartile of 40, 50, 50, 60, 70 (Fton's is hidden) is 60: the 75th
    # percentile sits exactly on the fourth figure.
    assert set(traces) - {"Other councils", "Our statistical neighbours"} == {
        "Bton 50%",
        "England 55%",
        "Top quartile 60%",
    }
    assert traces["Bton 50%"].marker.symbol == "star"
    assert traces["Our statistical neighbours"].marker.symbol == "diamond"
    assert list(traces["Bton 50%"].x) == [3] and list(traces["Bton 50%"].y) == [50.0]
    assert not fig.layout.annotations


def test_standings_summary_is_one_sentence_with_rank_band_and_comparators() -> None:
    _, summary = standings_figure()
    assert summary == (
        "5 councils' figures for the year ending 31 March 2025, best first; Bton 50%, ranked 3 "
        "of 5 (band B); England 55%; statistical neighbours' average 60%; best council Eton 70%."
    )
    assert summary.count(".") == 1


def test_comparator_lines_join_a_quarterly_trend_only_where_its_quarters_are() -> None:
    m = measure(Polarity.HIGHER_IS_BETTER)
    history = [Reading(Period.quarter_of(2024, q), 50.0 + q) for q in (1, 2, 3, 4)]
    fig = trend_chart(m, history)
    lines = [
        ComparatorLine("England", ((Period.quarter_of(2023, 4), 54.0), (history[-1].period, 75.0))),
        ComparatorLine("Top quartile of councils", ((Period.quarter_of(2022, 4), 60.0),)),
    ]
    charts.add_comparator_lines(fig, m, lines)
    added = [t for t in fig.data if t.name and "DfE" in t.name]
    assert [t.name for t in added] == ["England (DfE, annual)"]
    assert list(added[0].x) == ["2024/25 Q4"] and list(added[0].y) == [75.0]
    assert fig.layout.showlegend is True
    low, high = fig.layout.yaxis.range  # our values run 51 to 54: England's 75 stays in view
    assert low <= 51 and high > 75
    assert charts.comparator_lines_summary(m, lines) == (
        "Published comparators: England 75% (year to 2024/25 Q4), Top quartile of councils 60% "
        "(year to 2022/23 Q4)."
    )


def test_a_long_measure_name_wraps_in_the_legend_of_a_trend_with_comparators() -> None:
    m = measure(Polarity.HIGHER_IS_BETTER)
    named = m.model_copy(update={"name": "Care leavers aged 19 to 21 in education or training"})
    history = [Reading(Period.quarter_of(2024, q), 50.0 + q) for q in (1, 2, 3, 4)]
    fig = trend_chart(named, history, height=260)
    england = ComparatorLine("England", ((history[-1].period, 55.0),))
    charts.add_comparator_lines(fig, named, [england])
    # 52 characters: cut at the last space within 40.
    assert fig.data[0].name == "Care leavers aged 19 to 21 in education<br>or training"
    # At the foot of the whole figure, below the quarter labels rather than over them.
    assert (fig.layout.legend.yref, fig.layout.legend.y, fig.layout.legend.yanchor) == (
        "container",
        0,
        "bottom",
    )
    assert fig.layout.height == 260 + 70  # the legend's room added to the plot's


def test_the_status_bands_reach_a_comparator_beyond_our_figures() -> None:
    m = measure(Polarity.HIGHER_IS_BETTER).model_copy(update={"target": 55.0, "tolerance": 5.0})
    history = [Reading(Period.quarter_of(2024, q), 50.0 + q) for q in (1, 2, 3, 4)]
    fig = trend_chart(m, history)
    charts.add_comparator_lines(
        fig, m, [ComparatorLine("Top quartile of councils", ((history[-1].period, 75.0),))]
    )
    low, high = fig.layout.yaxis.range
    assert high > 75  # the top quartile's 75 is inside the plot...
    bands = [s for s in fig.layout.shapes if (s.name or "").endswith(" band")]
    assert bands  # ...and so is the shading behind it, from the bottom of the axis to the top
    assert max(s.y1 for s in bands) == high and min(s.y0 for s in bands) == low


def test_a_count_widened_by_a_comparator_lets_plotly_choose_its_gridlines_again() -> None:
    # 0 to 2 exclusions has gridlines at each whole one; a comparator at 40 stretches the
    # axis to 0-40, where a gridline at every exclusion would be forty of them.
    exclusions = measure(Polarity.LOWER_IS_BETTER).model_copy(
        update={"unit": Unit.COUNT, "decimals": 0, "target": None, "tolerance": None}
    )
    history = [Reading(Period.quarter_of(2024, q), v) for q, v in ((1, 0.0), (2, 1.0), (3, 0.0))]
    fig = trend_chart(exclusions, history)
    assert fig.layout.yaxis.dtick == 1
    charts.add_comparator_lines(
        fig, exclusions, [ComparatorLine("England", ((history[-1].period, 40.0),))]
    )
    assert fig.layout.yaxis.range[1] > 40 and fig.layout.yaxis.dtick is None
