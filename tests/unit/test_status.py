"""Where a measure stands in a quarter: children short of target, direction of travel,
annual measures in a quarterly view, breakdowns and the history table (SPEC §3, §5).

Every expected value is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from scorecard.periods import parse_period
from scorecard.rag import Direction, Rag
from scorecard.status import (
    Reading,
    assess,
    breakdown_values,
    children_short,
    history_table,
    readings,
    recent,
    reporting_quarters,
)
from scorecard.storage.store import OBSERVATION_COLUMNS
from scorecard.symbols import Symbol
from tests.unit.builders import one_measure

# Care leavers in education, employment or training: higher is better, 60% target, amber to 55%.
EET = one_measure("EET", target=60, tolerance=5)
# 16 to 18 year olds not in education, employment or training: lower is better, 10%, amber to 15%.
NEET = one_measure("NEET", polarity="lower_is_better", target=10, tolerance=5)
# Children in care: a count, context only.
CLA = one_measure(
    "CLA",
    unit="count",
    polarity="none",
    decimals=0,
    breakdowns=["Under 1", "1-4", "5-9", "10-15", "16+"],
)


def row(
    measure_id: str,
    period: str,
    value: float | None = None,
    numerator: float | None = None,
    denominator: float | None = None,
    *,
    breakdown: str = "All",
    symbol: Symbol | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    return {
        "measure_id": measure_id,
        "period": period,
        "period_end": parse_period(period).end,
        "breakdown": breakdown,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "symbol": symbol,
        "note": note,
        "upload_id": 1,
    }


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    """Observations shaped like Store.current_observations."""
    return pd.DataFrame.from_records(list(rows), columns=OBSERVATION_COLUMNS).astype(
        {"value": "float64", "numerator": "float64", "denominator": "float64"}
    )


def reading(period: str, value: float | None, n: float | None = None, d: float | None = None):
    return Reading(parse_period(period), value, n, d)


Q2 = parse_period("2026/27 Q2")


# -- Children short of target ------------------------------------------------------------


def test_children_short_higher_is_better_counts_whole_children():
    # 23 of 41 = 56.1% against 60%: 60% of 41 is 24.6 children, so 25 are needed: 2 more.
    assert children_short(EET, 23, 41) == 2


def test_children_short_higher_is_better_needs_one_more_when_a_fraction_short():
    # 24 of 41 = 58.5%: 24.6 needed, so one more child (25 of 41 = 61.0%).
    assert children_short(EET, 24, 41) == 1


def test_children_short_lower_is_better_counts_children_too_many():
    # 11 of 50 = 22% against 10%: 10% of 50 is 5 children, so 6 fewer would have met it.
    assert children_short(NEET, 11, 50) == 6


def test_children_short_exactly_on_target_is_zero():
    # 30 of 50 = 60% exactly; 5 of 50 = 10% exactly.
    assert children_short(EET, 30, 50) == 0
    assert children_short(NEET, 5, 50) == 0


def test_children_short_better_than_target_is_zero_not_negative():
    # 40 of 50 = 80% is 10 children better than a 60% target; nobody is short.
    assert children_short(EET, 40, 50) == 0


def test_children_short_is_not_given_for_a_measure_that_is_not_a_percentage():
    caseload = one_measure("IRO", unit="count", polarity="lower_is_better", target=70, decimals=0)
    assert children_short(caseload, 75, 1) is None


def test_children_short_is_not_given_without_n_and_n():
    assert children_short(EET, None, 41) is None
    assert children_short(EET, 23, None) is None
    assert children_short(EET, 23, 0) is None


def test_children_short_is_not_given_without_a_target():
    untargeted = one_measure("UNTARGETED")
    assert children_short(untargeted, 23, 41) is None


def test_an_amber_tile_says_how_many_more_children_would_have_met_the_target():
    # 56.1% is 3.9 points short of 60%, within the 5 points' tolerance: Amber, 2 more.
    status = assess(EET, [reading("2026/27 Q2", 56.1, 23, 41)], Q2)
    assert status.rag is Rag.AMBER
    assert status.children_short_of_target == 2


def test_a_red_tile_says_how_many_fewer_children_would_have_met_the_target():
    # 22.0% is 12 points above 10%, beyond the 5 points' tolerance: Red, 6 fewer.
    status = assess(NEET, [reading("2026/27 Q2", 22.0, 11, 50)], Q2)
    assert status.rag is Rag.RED
    assert status.children_short_of_target == 6


def test_a_green_tile_does_not_report_children_short():
    # 31 of 50 = 62% beats 60%.
    status = assess(EET, [reading("2026/27 Q2", 62.0, 31, 50)], Q2)
    assert status.rag is Rag.GREEN
    assert status.children_short_of_target is None


def test_a_tile_with_no_data_does_not_report_children_short():
    status = assess(EET, [], Q2)
    assert status.rag is Rag.NO_DATA
    assert status.children_short_of_target is None


# -- Direction of travel -------------------------------------------------------------------


def test_assess_compares_with_the_previous_quarter_and_the_same_quarter_last_year():
    history = [
        reading("2025/26 Q2", 52.0),
        reading("2026/27 Q1", 55.0),
        reading("2026/27 Q2", 54.0),
    ]
    status = assess(EET, history, Q2)
    # 55.0 -> 54.0 is down, and higher is better: Worsening.
    assert status.previous is not None and status.previous.period.label == "2026/27 Q1"
    assert status.vs_previous is Direction.WORSENING
    # 52.0 a year ago -> 54.0 now: Improving.
    assert status.last_year is not None and status.last_year.period.label == "2025/26 Q2"
    assert status.vs_last_year is Direction.IMPROVING


def test_a_missing_previous_quarter_gives_no_comparison():
    # 2026/27 Q1 was never reported; 2025/26 Q4 is not the quarter before 2026/27 Q2.
    history = [
        reading("2025/26 Q2", 52.0),
        reading("2025/26 Q4", 50.0),
        reading("2026/27 Q2", 54.0),
    ]
    status = assess(EET, history, Q2)
    assert status.previous is None
    assert status.vs_previous is Direction.NOT_COMPARABLE
    assert status.vs_last_year is Direction.IMPROVING


def test_a_missing_same_quarter_last_year_gives_no_comparison():
    # 2025/26 Q1 is there, but the year-on-year comparison is with 2025/26 Q2 only.
    history = [
        reading("2025/26 Q1", 50.0),
        reading("2026/27 Q1", 55.0),
        reading("2026/27 Q2", 54.0),
    ]
    status = assess(EET, history, Q2)
    assert status.last_year is None
    assert status.vs_last_year is Direction.NOT_COMPARABLE
    assert status.vs_previous is Direction.WORSENING


def test_a_symbol_last_quarter_gives_no_comparison():
    history = [
        Reading(parse_period("2026/27 Q1"), None, symbol=Symbol.NOT_AVAILABLE),
        reading("2026/27 Q2", 54.0),
    ]
    assert assess(EET, history, Q2).vs_previous is Direction.NOT_COMPARABLE


def test_lower_is_better_falling_is_improving():
    # NEET 22.0% -> 6.5%: fewer young people NEET, so Improving.
    history = [reading("2026/27 Q1", 22.0), reading("2026/27 Q2", 6.5)]
    assert assess(NEET, history, Q2).vs_previous is Direction.IMPROVING


def test_polarity_none_goes_up_or_down_without_judgement():
    history = [reading("2026/27 Q1", 640), reading("2026/27 Q2", 648)]
    assert assess(CLA, history, Q2).vs_previous is Direction.UP


def test_same_figure_as_shown_is_no_change():
    # 54.04 is shown as 54.0%, the same as last quarter.
    history = [reading("2026/27 Q1", 54.0), reading("2026/27 Q2", 54.04)]
    assert assess(EET, history, Q2).vs_previous is Direction.NO_CHANGE


def test_a_quarter_with_no_figure_is_no_data_with_no_comparison():
    history = [reading("2026/27 Q1", 55.0)]
    status = assess(EET, history, Q2)
    assert status.reading is None
    assert status.rag is Rag.NO_DATA
    assert status.vs_previous is Direction.NOT_COMPARABLE
    assert status.vs_last_year is Direction.NOT_COMPARABLE


# -- Annual measures in a quarterly view ---------------------------------------------------

# Members' confidence, surveyed each financial year (year ending 31 March).
CONFIDENCE = one_measure("CONFIDENCE", frequency="annual", target=70, tolerance=10)
CONFIDENCE_HISTORY = [
    reading("2023/24", 58.0),
    reading("2024/25", 64.0),
    reading("2025/26", 74.0),
]


def test_annual_measure_shows_the_latest_year_ended_by_the_quarters_end():
    # 2025/26 Q3 ends 31 December 2025; 2025/26 ends 31 March 2026, so 2024/25 is shown.
    status = assess(CONFIDENCE, CONFIDENCE_HISTORY, parse_period("2025/26 Q3"))
    assert status.reading is not None
    assert status.reading.period.label == "2024/25"
    # 64.0% is 6 points short of 70%, within 10: Amber.
    assert status.rag is Rag.AMBER


def test_annual_measure_shows_a_year_that_ends_on_the_quarters_last_day():
    # 2025/26 Q4 and the financial year 2025/26 both end on 31 March 2026.
    status = assess(CONFIDENCE, CONFIDENCE_HISTORY, parse_period("2025/26 Q4"))
    assert status.reading is not None
    assert status.reading.period.label == "2025/26"
    assert status.rag is Rag.GREEN


def test_annual_measure_keeps_showing_its_latest_year_in_later_quarters():
    status = assess(CONFIDENCE, CONFIDENCE_HISTORY, Q2)
    assert status.reading is not None
    assert status.reading.period.label == "2025/26"


def test_annual_measure_compares_with_the_year_before():
    # 2024/25 64.0% -> 2025/26 74.0%: up, and higher is better.
    status = assess(CONFIDENCE, CONFIDENCE_HISTORY, Q2)
    assert status.previous is not None and status.previous.period.label == "2024/25"
    assert status.vs_previous is Direction.IMPROVING
    assert status.vs_last_year is Direction.IMPROVING


def test_academic_year_measure_waits_for_the_year_to_end_in_august():
    ks2 = one_measure("KS2", frequency="annual", year_type="academic", target=40, tolerance=5)
    history = [reading("2023/24 AY", 36.0), reading("2024/25 AY", 41.0)]
    # 2025/26 Q1 ends 30 June 2025, before 2024/25 AY ends on 31 August 2025.
    june = assess(ks2, history, parse_period("2025/26 Q1"))
    assert june.reading is not None and june.reading.period.label == "2023/24 AY"
    # 2025/26 Q2 ends 30 September 2025, after it.
    september = assess(ks2, history, parse_period("2025/26 Q2"))
    assert september.reading is not None and september.reading.period.label == "2024/25 AY"


def test_annual_measure_before_any_year_has_ended_is_no_data():
    # 2023/24 Q1 ends 30 June 2023, before the first year (2023/24) ends.
    status = assess(CONFIDENCE, CONFIDENCE_HISTORY, parse_period("2023/24 Q1"))
    assert status.reading is None
    assert status.rag is Rag.NO_DATA


# -- Breakdowns ----------------------------------------------------------------------------


def test_breakdown_values_are_in_catalogue_order_with_a_missing_band_as_none():
    observations = frame(
        row("CLA", "2026/27 Q2", 648),
        row("CLA", "2026/27 Q2", 175, breakdown="16+"),
        row("CLA", "2026/27 Q2", 240, breakdown="10-15"),
        row("CLA", "2026/27 Q2", 32, breakdown="Under 1"),
        row("CLA", "2026/27 Q2", None, breakdown="5-9", symbol=Symbol.SUPPRESSED),
        # Last quarter's 1-4 figure must not stand in for this quarter's missing one.
        row("CLA", "2026/27 Q1", 80, breakdown="1-4"),
    )
    values = breakdown_values(observations, CLA, Q2)
    assert list(values) == ["Under 1", "1-4", "5-9", "10-15", "16+"]
    assert values == {"Under 1": 32.0, "1-4": None, "5-9": None, "10-15": 240.0, "16+": 175.0}


# -- History table ---------------------------------------------------------------------------


def test_history_table_is_newest_first_with_status_in_words_and_shape():
    pep = one_measure("PEP", target=95, tolerance=5)
    history = [
        reading("2025/26 Q4", 89.0),  # 6 points short, beyond 5: Red
        Reading(parse_period("2026/27 Q1"), 93.0, note="Two schools were late."),  # Amber
        reading("2026/27 Q2", 96.0, 48, 50),  # above 95: Green
    ]
    table = history_table(pep, history)
    assert list(table.columns) == [
        "Period",
        "Value",
        "Of (n / N)",
        "Status",
        "Since last period",
        "Note",
    ]
    assert table.to_dict("records") == [
        {
            "Period": "2026/27 Q2",
            "Value": "96.0%",
            "Of (n / N)": "48 of 50",
            "Status": "● Green",
            "Since last period": "↑ Improving",
            "Note": "",
        },
        {
            "Period": "2026/27 Q1",
            "Value": "93.0%",
            "Of (n / N)": "",
            "Status": "▲ Amber",
            "Since last period": "↑ Improving",
            "Note": "Two schools were late.",
        },
        {
            "Period": "2025/26 Q4",
            "Value": "89.0%",
            "Of (n / N)": "",
            "Status": "■ Red",
            "Since last period": "No comparison",
            "Note": "",
        },
    ]


def test_history_table_shows_a_symbol_with_its_meaning_and_no_data():
    history = [Reading(parse_period("2026/27 Q2"), None, symbol=Symbol.NOT_AVAILABLE)]
    table = history_table(EET, history)
    assert table.loc[0, "Value"] == "x (not available)"
    assert table.loc[0, "Status"] == "– No data"


# -- Which quarters, and how many -------------------------------------------------------------


def test_reporting_quarters_ignore_annual_periods_and_are_oldest_first():
    observations = frame(
        row("EET", "2026/27 Q1", 55.0),
        row("EET", "2025/26 Q4", 50.0),
        row("CONFIDENCE", "2024/25", 64.0),
        row("KS2", "2024/25 AY", 41.0),
        row("NEET", "2025/26 Q4", 22.0),
    )
    assert [p.label for p in reporting_quarters(observations)] == ["2025/26 Q4", "2026/27 Q1"]


TEN_QUARTERS = [
    "2024/25 Q1",
    "2024/25 Q2",
    "2024/25 Q3",
    "2024/25 Q4",
    "2025/26 Q1",
    "2025/26 Q2",
    "2025/26 Q3",
    "2025/26 Q4",
    "2026/27 Q1",
    "2026/27 Q2",
]


def test_recent_gives_the_last_n_readings_up_to_the_quarter():
    observations = frame(*[row("EET", q, 50.0 + i) for i, q in enumerate(TEN_QUARTERS)])
    shown = recent(observations, EET, parse_period("2026/27 Q1"), 8)
    # Up to 2026/27 Q1 there are nine quarters; the last eight start at 2024/25 Q2.
    assert [r.period.label for r in shown] == TEN_QUARTERS[1:9]


def test_recent_gives_all_readings_when_there_are_fewer_than_n():
    observations = frame(row("EET", "2026/27 Q1", 55.0), row("EET", "2026/27 Q2", 54.0))
    assert [r.period.label for r in recent(observations, EET, Q2, 8)] == [
        "2026/27 Q1",
        "2026/27 Q2",
    ]


def test_recent_for_an_annual_measure_gives_the_years_ended_by_the_quarter():
    observations = frame(
        row("CONFIDENCE", "2023/24", 58.0),
        row("CONFIDENCE", "2024/25", 64.0),
        row("CONFIDENCE", "2025/26", 74.0),
    )
    # 2025/26 Q3 ends 31 December 2025, before the 2025/26 year ends.
    shown = recent(observations, CONFIDENCE, parse_period("2025/26 Q3"), 8)
    assert [r.period.label for r in shown] == ["2023/24", "2024/25"]


def test_readings_are_oldest_first_for_the_total_only():
    observations = frame(
        row("CLA", "2026/27 Q2", 648),
        row("CLA", "2026/27 Q1", 640),
        row("CLA", "2026/27 Q2", 175, breakdown="16+"),
    )
    assert [(r.period.label, r.value) for r in readings(observations, "CLA")] == [
        ("2026/27 Q1", 640.0),
        ("2026/27 Q2", 648.0),
    ]
