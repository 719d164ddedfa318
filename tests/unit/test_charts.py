"""Charts and their text alternatives (issue 4 items 2, 5 and 6).

A chart's one-sentence summary is what a screen reader reads instead of it, so the sentences
are checked word for word; the figures are checked through the plotly layout (target line,
RAG bands, axis range). Expected values are worked out by hand in the comments.
"""

from __future__ import annotations

from scorecard.charts import (
    breakdown_summary,
    sparklines_summary,
    trend_chart,
    trend_summary,
)
from scorecard.periods import parse_period
from scorecard.rag import Rag
from scorecard.status import Reading
from scorecard.symbols import Symbol
from tests.unit.builders import history, one_measure

# Higher is better, 60% target, amber from 55% to 60%.
EET = one_measure("EET", target=60, tolerance=5)
# Lower is better, 10% target, amber from 10% to 15%.
NEET = one_measure("NEET", polarity="lower_is_better", target=10, tolerance=5)
# A count that is context only.
CLA = one_measure("CLA", unit="count", polarity="none", decimals=0)
# Higher is better but no target yet: Not rated.
ADVOCACY = one_measure("ADVOCACY")

FOUR_QUARTERS = history(
    ("2025/26 Q1", 48.0), ("2025/26 Q2", 50.0), ("2025/26 Q3", 53.0), ("2025/26 Q4", 56.0)
)


# -- Trend summaries -------------------------------------------------------------------------


def test_summary_of_a_rise_over_four_quarters_names_the_span_and_the_target():
    assert trend_summary(EET, FOUR_QUARTERS) == (
        "Rose from 48.0% to 56.0% over four quarters (2025/26 Q1 to 2025/26 Q4); target 60.0%."
    )


def test_summary_of_a_fall():
    falling = history(("2025/26 Q3", 30.0), ("2025/26 Q4", 25.0))
    assert trend_summary(EET, falling) == (
        "Fell from 30.0% to 25.0% over two quarters (2025/26 Q3 to 2025/26 Q4); target 60.0%."
    )


def test_summary_of_an_unchanged_figure_mentions_the_peak_in_between():
    # 50 at both ends, 60 in the middle: the range says so.
    flat = history(("2025/26 Q1", 50.0), ("2025/26 Q2", 60.0), ("2025/26 Q3", 50.0))
    assert trend_summary(EET, flat) == (
        "50.0% at the start and at the end, over three quarters (2025/26 Q1 to 2025/26 Q3), "
        "ranging from 50.0% to 60.0%; target 60.0%."
    )


def test_summary_gives_the_range_when_the_extremes_are_in_the_middle():
    # Rose overall from 48 to 56, but dipped to 40 and peaked at 62 on the way.
    bumpy = history(
        ("2025/26 Q1", 48.0), ("2025/26 Q2", 40.0), ("2025/26 Q3", 62.0), ("2025/26 Q4", 56.0)
    )
    assert trend_summary(EET, bumpy) == (
        "Rose from 48.0% to 56.0% over four quarters (2025/26 Q1 to 2025/26 Q4), "
        "ranging from 40.0% to 62.0%; target 60.0%."
    )


def test_summary_gives_no_range_when_the_extremes_are_at_the_ends():
    assert "ranging" not in trend_summary(EET, FOUR_QUARTERS)


def test_summary_of_a_single_figure_says_it_is_the_only_one():
    assert trend_summary(EET, history(("2025/26 Q4", 56.0))) == (
        "56.0% in 2025/26 Q4, the only figure so far; target 60.0%."
    )


def test_summary_with_no_figures_says_so():
    assert trend_summary(EET, []) == "No figures yet; target 60.0%."
    assert trend_summary(CLA, []) == "No figures yet."


def test_summary_treats_a_symbol_as_no_figure():
    only_symbols = [Reading(parse_period("2025/26 Q4"), None, symbol=Symbol.SUPPRESSED)]
    assert trend_summary(EET, only_symbols) == "No figures yet; target 60.0%."


def test_summary_of_an_annual_measure_counts_years():
    yearly = history(("2022/23", 30.0), ("2023/24", 32.0), ("2024/25", 35.0))
    assert trend_summary(EET, yearly) == (
        "Rose from 30.0% to 35.0% over three years (2022/23 to 2024/25); target 60.0%."
    )


def test_summary_of_a_measure_without_a_target_has_no_target_clause():
    assert trend_summary(CLA, history(("2026/27 Q1", 640), ("2026/27 Q2", 648))) == (
        "Rose from 640 to 648 over two quarters (2026/27 Q1 to 2026/27 Q2)."
    )


def test_summary_counts_the_quarters_spanned_even_when_some_have_no_figure():
    # 2025/26 Q1 to 2025/26 Q4 is four quarters whether or not Q2 and Q3 have a figure; a
    # reader comparing this with a chart of the same four quarters expects the same words.
    gappy = [
        Reading(parse_period("2025/26 Q1"), 48.0),
        Reading(parse_period("2025/26 Q2"), None, symbol=Symbol.NOT_AVAILABLE),
        Reading(parse_period("2025/26 Q4"), 56.0),
    ]
    assert trend_summary(EET, gappy) == (
        "Rose from 48.0% to 56.0% over four quarters (2025/26 Q1 to 2025/26 Q4); target 60.0%."
    )


# -- Trend charts ----------------------------------------------------------------------------


def rects(fig) -> list[tuple[float, float, str]]:
    return [(s.y0, s.y1, s.fillcolor) for s in fig.layout.shapes if s.type == "rect"]


def lines(fig) -> list[tuple[float, float]]:
    return [(s.y0, s.y1) for s in fig.layout.shapes if s.type == "line"]


def test_trend_chart_has_a_dashed_target_line_labelled_with_the_target():
    fig = trend_chart(EET, FOUR_QUARTERS)
    assert lines(fig) == [(60, 60)]
    # Named above the plot, clear of the data, whatever the figures.
    [label] = fig.layout.annotations
    assert (label.text, label.yref, label.y, label.yanchor) == (
        "Target 60.0% (dashed line)",
        "paper",
        1,
        "bottom",
    )


def test_trend_chart_plots_every_period_in_order():
    fig = trend_chart(EET, FOUR_QUARTERS)
    assert list(fig.data[0].x) == ["2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4"]
    assert list(fig.data[0].y) == [48.0, 50.0, 53.0, 56.0]


def test_trend_chart_shades_rag_bands_higher_is_better():
    # Figures 48 to 56 and target 60: span 12, padded by 3 (a quarter of it) each way, so
    # the axis runs 45 to 63. Green above 60, Amber 55 to 60, Red below 55.
    fig = trend_chart(EET, FOUR_QUARTERS)
    assert list(fig.layout.yaxis.range) == [45, 63]
    assert rects(fig) == [
        (60, 63, Rag.GREEN.colour),
        (55, 60, Rag.AMBER.colour),
        (45, 55, Rag.RED.colour),
    ]


def test_trend_chart_shades_rag_bands_lower_is_better():
    # Figures 22 to 5, target 10: span 17, padded by 4.25; the bottom (0.75) is close to
    # zero, so the axis starts at 0 and runs to 26.25. Green up to 10, Amber 10 to 15, Red above.
    neet = history(
        ("2025/26 Q3", 22.0), ("2025/26 Q4", 13.0), ("2026/27 Q1", 5.0), ("2026/27 Q2", 6.5)
    )
    fig = trend_chart(NEET, neet)
    assert list(fig.layout.yaxis.range) == [0, 26.25]
    assert rects(fig) == [
        (0, 10, Rag.GREEN.colour),
        (10, 15, Rag.AMBER.colour),
        (15, 26.25, Rag.RED.colour),
    ]


def test_trend_chart_has_no_bands_or_target_for_a_measure_that_is_not_rated():
    readings = history(("2026/27 Q1", 40.0), ("2026/27 Q2", 45.0))
    assert list(trend_chart(ADVOCACY, readings).layout.shapes) == []
    assert list(trend_chart(CLA, history(("2026/27 Q1", 640))).layout.shapes) == []


def test_trend_chart_of_a_count_starts_at_zero():
    counts = history(
        ("2025/26 Q3", 612), ("2025/26 Q4", 641), ("2026/27 Q1", 668), ("2026/27 Q2", 648)
    )
    assert trend_chart(CLA, counts).layout.yaxis.range[0] == 0


def test_trend_chart_of_a_few_children_has_gridlines_at_whole_children():
    # 0, 0, 1, 0 exclusions: an axis of 0 to 2, where plotly's own gridlines would be every
    # half an exclusion; 612 to 668 children in care and percentages keep plotly's own.
    exclusions = one_measure("PERM_EXCL", unit="count", decimals=0, polarity="lower_is_better")
    few = history(("2025/26 Q3", 0), ("2025/26 Q4", 0), ("2026/27 Q1", 1), ("2026/27 Q2", 0))
    axis = trend_chart(exclusions, few).layout.yaxis
    assert (axis.range, axis.tick0, axis.dtick) == ((0, 2), 0, 1)
    many = history(
        ("2025/26 Q3", 612), ("2025/26 Q4", 641), ("2026/27 Q1", 668), ("2026/27 Q2", 648)
    )
    assert trend_chart(CLA, many).layout.yaxis.dtick is None
    assert trend_chart(EET, FOUR_QUARTERS).layout.yaxis.dtick is None


def test_trend_chart_of_a_percentage_never_goes_above_100():
    # 99 plus padding (5% of 99 = 4.95) would be 103.95; a percentage stops at 100.
    high = history(("2026/27 Q1", 95.0), ("2026/27 Q2", 99.0))
    assert list(trend_chart(EET, high).layout.yaxis.range)[1] == 100


def test_trend_chart_leaves_a_gap_for_a_symbol():
    readings = [
        Reading(parse_period("2026/27 Q1"), 45.0),
        Reading(parse_period("2026/27 Q2"), None, symbol=Symbol.SUPPRESSED),
    ]
    fig = trend_chart(EET, readings)
    assert list(fig.data[0].y) == [45.0, None]
    assert fig.data[0].connectgaps is False
    assert list(fig.data[0].customdata) == ["45.0%", "c"]


# -- Breakdown charts ------------------------------------------------------------------------


AGES = {"Under 1": 32.0, "1-4": None, "5-9": 110.0, "10-15": 240.0, "16+": 175.0}


def test_breakdown_summary_lists_the_bands_with_figures():
    assert breakdown_summary(CLA, AGES) == (
        "By breakdown — Under 1: 32; 5-9: 110; 10-15: 240; 16+: 175."
    )


def test_breakdown_summary_without_figures_says_so():
    assert breakdown_summary(CLA, {"Under 1": None, "1-4": None}) == (
        "No figures by breakdown for this period."
    )


# -- Sparklines ------------------------------------------------------------------------------


def test_sparklines_summary_has_a_sentence_per_measure():
    histories = {"EET": FOUR_QUARTERS}
    assert sparklines_summary([EET, CLA], histories) == (
        "Measure EET: Rose from 48.0% to 56.0% over four quarters (2025/26 Q1 to 2025/26 Q4); "
        "target 60.0%. Measure CLA: No figures yet."
    )


# -- Is the change real? The process limits and special causes on a trend -------------------


def test_a_trend_with_its_variation_draws_the_limits_band_mean_and_special_cause_diamonds():
    from scorecard.catalogue import Polarity
    from scorecard.variation import analyse

    # 8, 12, 8, 12, 8, 40, 8, 12, ...: mean 148/12 = 12.33, limits -11.85 to 36.52; the 40
    # (2025/26 Q2) is beyond the upper limit.
    labels = [f"{y}/{(y + 1) % 100:02d} Q{q}" for y in (2024, 2025, 2026) for q in (1, 2, 3, 4)]
    values = [8.0, 12.0, 8.0, 12.0, 8.0, 40.0, 8.0, 12.0, 8.0, 12.0, 8.0, 12.0]
    readings = history(*zip(labels, values, strict=True))
    measure = one_measure("COUNTED", unit="count", decimals=0, polarity="lower_is_better")
    found = analyse([(r.period, r.value) for r in readings], Polarity.LOWER_IS_BETTER)
    figure = trend_chart(measure, readings, analysis=found)
    [band] = [s for s in figure.layout.shapes if s.name == "process limits"]
    assert (band.y0, band.y1) == (found.latest.lower, found.latest.upper)
    [mean] = [s for s in figure.layout.shapes if s.name == "mean"]
    assert mean.y0 == 148 / 12
    [diamonds] = [t for t in figure.data if t.name == "Special cause"]
    assert diamonds.marker.symbol == "diamond"
    assert list(diamonds.x) == ["2025/26 Q2"]
    assert list(diamonds.customdata) == [
        "40, special cause: a quarter above the upper process limit"
    ]


# -- Text from outside ----------------------------------------------------------------------

# Plotly renders <a href> in legends, annotations and tick and hover labels as a live link;
# as entities, the same characters are shown and nothing is linked.
# (Short enough for a small multiple's title, which is cut at 42 characters.)
LINKED = '<a href="//evil.example">Care & c</a>'
AS_TEXT = '&lt;a href="//evil.example"&gt;Care &amp; c&lt;/a&gt;'


def test_a_measure_name_with_a_link_is_text_in_its_trend():
    measure = one_measure("EET", name=LINKED, target=60, tolerance=5)
    assert trend_chart(measure, FOUR_QUARTERS).data[0].name == AS_TEXT


def test_the_process_limits_in_words_are_in_the_measures_unit_and_never_below_zero():
    from scorecard.catalogue import Polarity
    from scorecard.charts import variation_summary
    from scorecard.variation import analyse

    # 0, 1, 0, 1, ... exclusions over twelve quarters: average 0.5, every moving range 1,
    # so the limits are 0.5 ± 2.66 = -2.16 to 3.16; nobody is excluded -2.16 times, and the
    # band is drawn from 0.
    labels = [f"{y}/{(y + 1) % 100:02d} Q{q}" for y in (2024, 2025, 2026) for q in (1, 2, 3, 4)]
    readings = history(*zip(labels, [0.0, 1.0] * 6, strict=True))
    exclusions = one_measure("PERM_EXCL", unit="count", decimals=0, polarity="lower_is_better")
    found = analyse([(r.period, r.value) for r in readings], Polarity.LOWER_IS_BETTER)
    assert variation_summary(exclusions, found).startswith(
        "The shaded band shows the process limits, 0 to 3.16 around an average of 0.5."
    )
    # A percentage says so; a score, which can be below zero (Progress 8), keeps its limit.
    percent = one_measure("SHARE", polarity="lower_is_better")
    assert "limits, 0% to 3.16% around an average of 0.5%." in variation_summary(percent, found)
    score = one_measure("PROGRESS_8", unit="score", decimals=2, polarity="higher_is_better")
    assert "limits, -2.16 to 3.16 around" in variation_summary(score, found)
