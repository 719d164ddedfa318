"""Static charts (scorecard/sparklines.py): what the picture draws, worked out by hand, and
text from outside drawn as words only.

The trend is drawn with the value axis of the interactive chart (charts.value_axis_range) on a
plot 170 px high starting 26 px down, so a value v sits at y = 26 + 170 × (high − v) / (high −
low); the quarters sit from 10% to 96.5% of the width (8% and 98.5% inside 2%).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from scorecard.benchmarks.service import ComparatorLine
from scorecard.periods import parse_period
from scorecard.rag import Rag
from scorecard.sparklines import bars_svg, small_multiples_svg, trend_svg
from scorecard.status import Reading
from tests.pictures import SVG
from tests.unit.builders import history, one_measure

# Higher is better, 60% target, amber from 55% to 60%.
EET = one_measure("EET", target=60, tolerance=5)
FOUR = history(
    ("2025/26 Q1", 48.0), ("2025/26 Q2", 50.0), ("2025/26 Q3", 53.0), ("2025/26 Q4", 56.0)
)


def texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_a_trend_puts_the_figures_target_and_bands_where_the_values_are() -> None:
    svg = trend_svg(EET, FOUR)
    # Values 48 to 56 and the target 60: the axis pads by a quarter of 12, so 45 to 63.
    # 56 in the last quarter: y = 26 + 170 × 7 / 18 = 92.1, at 96.5% across.
    assert '<circle cx="96.50%" cy="92.1" r="4"/>' in svg
    # 48 in the first: y = 26 + 170 × 15 / 18 = 167.7, at 10%.
    assert '<circle cx="10.00%" cy="167.7" r="4"/>' in svg
    # The target, dashed, at y = 26 + 170 × 3 / 18 = 54.3, across the plot.
    assert '<line x1="8.00%" x2="98.50%" y1="54.3" y2="54.3" stroke="#0b0c0c"' in svg
    # Green from 60 up to the top (26 to 54.3), Red from 55 (y 101.6) down to 45 (y 196).
    assert f'y="26.0" height="28.3" fill="{Rag.GREEN.colour}"' in svg
    assert f'y="101.6" height="94.4" fill="{Rag.RED.colour}"' in svg
    # Up to four quarters are named: here all four.
    assert texts(svg)[-5:] == ["Target 60.0% (dashed line)", *(r.period.label for r in FOUR)]
    assert "Our figures" not in texts(svg)  # one line needs no legend


def test_a_missing_quarter_leaves_a_gap_in_the_line() -> None:
    gap = [*FOUR[:2], Reading(FOUR[2].period, None), FOUR[3]]
    # Segments only between neighbours that both have figures: the first two.
    assert len(re.findall(r'<line x1="[\d.]+%" y1', trend_svg(EET, gap))) == 1


def test_comparators_are_drawn_only_on_our_quarters_and_named_in_the_legend() -> None:
    lines = [
        ComparatorLine("England", ((parse_period("2024/25 Q4"), 54.0), (FOUR[-1].period, 58.0))),
        ComparatorLine("Top quartile of councils", ((parse_period("2023/24 Q4"), 61.0),)),
    ]
    svg = trend_svg(EET, FOUR, lines=lines)
    # England's 2024/25 figure is before our first quarter: only 2025/26 Q4 is marked, as a
    # square at 96.5%; the top quartile has no quarter of ours and is left out.
    assert len(re.findall(r'<use href="#square" x="96.50%"', svg)) == 1
    assert "#triangle" not in svg
    assert texts(svg)[-2:] == ["Our figures", "England (DfE, annual)"]


def test_text_from_outside_is_words_in_the_picture_never_markup() -> None:
    hostile = "Under 1 <a href='https://evil.example/a'>here</a> <img src=x onerror=alert(1)> &amp;"
    svg = bars_svg(EET, {hostile: 50.0, "Over 16": None})
    root = ET.fromstring(svg)  # still one well-formed drawing
    assert {e.tag.removeprefix(SVG) for e in root.iter()} == {"svg", "text", "rect"}
    assert texts(svg) == [hostile, "50.0%", "Over 16", "No figure"]
    named = one_measure("EET", name=f"Care leavers {hostile}", target=60, tolerance=5)
    assert hostile in " ".join(texts(small_multiples_svg([named], {"EET": FOUR}, columns=1)))


def test_bars_are_as_long_as_their_figures_the_largest_at_four_fifths() -> None:
    svg = bars_svg(EET, {"Under 5": 40.0, "5 to 9": 20.0})
    assert 'width="80.00%"' in svg and 'width="40.00%"' in svg


def test_small_multiples_title_each_measure_with_its_latest_figure_and_status() -> None:
    svg = small_multiples_svg([EET], {"EET": FOUR})
    # 56.0% against a 60% target with 5 points' tolerance: Amber.
    assert "56.0% ▲ Amber (2025/26 Q4)" in texts(svg)
    # The lowest and highest figures label the value axis; the first and last quarter, time.
    assert {"48.0%", "56.0%", "2025/26 Q1", "2025/26 Q4"} <= set(texts(svg))


def test_small_multiples_title_every_measure_even_one_with_no_figures() -> None:
    neet = one_measure("NEET", polarity="lower_is_better", target=10, tolerance=5)
    cla = one_measure("CLA", unit="count", polarity="none", decimals=0)
    advocacy = one_measure("ADVOCACY")
    histories = {
        "EET": FOUR,
        "NEET": [
            Reading(parse_period("2026/27 Q1"), 5.0),
            Reading(parse_period("2026/27 Q2"), 6.5),
        ],
        "CLA": [Reading(parse_period("2026/27 Q1"), 640), Reading(parse_period("2026/27 Q2"), 648)],
    }
    shown = texts(small_multiples_svg([EET, neet, cla, advocacy], histories))
    # NEET 6.5% is under its 10% (Green); CLA has no target; ADVOCACY has no figures yet.
    for line in (
        "6.5% ● Green (2026/27 Q2)",
        "648 ○ Not rated (2026/27 Q2)",
        "Measure ADVOCACY",
    ):
        assert line in shown


def test_small_multiples_wrap_a_long_name_whole() -> None:
    long_name = one_measure("LONG", name="Unaccompanied asylum-seeking children in care")
    assert texts(small_multiples_svg([long_name], {}))[:2] == [
        "Unaccompanied asylum-seeking",
        "children in care",
    ]


def test_a_trend_with_its_variation_draws_the_limits_and_marks_the_special_cause() -> None:
    from scorecard.catalogue import Polarity
    from scorecard.variation import analyse

    # 8, 12, 8, 12, 8, 40, 8, 12, ...: mean 148/12 = 12.33, limits -11.85 to 36.52; the 40
    # (2025/26 Q2, the sixth of twelve quarters) is beyond the upper limit.
    labels = [f"{y}/{(y + 1) % 100:02d} Q{q}" for y in (2024, 2025, 2026) for q in (1, 2, 3, 4)]
    values = [8.0, 12.0, 8.0, 12.0, 8.0, 40.0, 8.0, 12.0, 8.0, 12.0, 8.0, 12.0]
    readings = [Reading(parse_period(a), v) for a, v in zip(labels, values, strict=True)]
    measure = one_measure("COUNTED", unit="count", decimals=0, polarity="lower_is_better")
    found = analyse([(r.period, r.value) for r in readings], Polarity.LOWER_IS_BETTER)
    svg = trend_svg(measure, readings, analysis=found)
    # One diamond, at the sixth quarter: 10 + 86.5 × 5 / 11 = 49.32% across.
    assert re.findall(r'<use href="#special" x="([\d.]+)%"', svg) == ["49.32"]
    assert svg.count('fill="#6f777b" fill-opacity="0.12"') == 1  # one band of process limits
    assert texts(svg)[-2:] == ["Our figures", "Special cause"]


def test_the_value_axis_is_labelled_with_the_values_its_lines_are_at() -> None:
    # Values 0 to 10 against a target of 5: the gridlines fall every 2.5, so they read 2.5
    # and 7.5, not "2" and "8" (what whole numbers, rounded half to even, made of them), and
    # the others without a trailing ".0" (which would not fit left of a phone's plot).
    low_target = one_measure("EET", target=5, tolerance=2)
    history = [Reading(r.period, v) for r, v in zip(FOUR, (0.0, 5.0, 10.0, 4.0), strict=True)]
    assert texts(trend_svg(low_target, history))[:6] == ["0", "2.5", "5", "7.5", "10", "12.5"]


def test_the_grey_band_of_the_process_limits_stays_inside_the_plot() -> None:
    from scorecard.catalogue import Polarity
    from scorecard.variation import analyse

    # Limits worked out over twelve quarters, drawn over the last two: half a quarter either
    # side of them (0.4 × 86.5% of the width) would reach from -24.6% to 131.1%; the band runs
    # from the plot's left edge (8%) to its right (98.5%) instead, not over the axis's labels.
    labels = [f"{y}/{(y + 1) % 100:02d} Q{q}" for y in (2024, 2025, 2026) for q in (1, 2, 3, 4)]
    values = [8.0, 12.0] * 6
    readings = [Reading(parse_period(a), v) for a, v in zip(labels, values, strict=True)]
    measure = one_measure("COUNTED", unit="count", decimals=0, polarity="lower_is_better")
    found = analyse([(r.period, r.value) for r in readings], Polarity.LOWER_IS_BETTER)
    svg = trend_svg(measure, readings[-2:], analysis=found)
    [band] = re.findall(r'<rect x="([\d.-]+)%" width="([\d.-]+)%"[^>]*fill="#6f777b"', svg)
    assert band == ("8.00", "90.50")


def test_a_count_is_gridded_at_whole_children_never_halves() -> None:
    # Permanent exclusions of children in care, 0, 0, 1 and 0 (the demo's): the axis runs
    # 0 to 2 (a count starts at 0, and at least 1 more than its highest), whose five
    # gridlines would be 0, 0.5, 1, 1.5 and 2 exclusions; a count's steps are 1 or more.
    exclusions = one_measure("PERM_EXCL", unit="count", decimals=0, polarity="lower_is_better")
    history = [Reading(r.period, v) for r, v in zip(FOUR, (0.0, 0.0, 1.0, 0.0), strict=True)]
    assert texts(trend_svg(exclusions, history))[:3] == ["0", "1", "2"]
    # Care leavers applying to university, 4 to 9: 0 to 10.25, steps of 5, never 2.5.
    applying = one_measure("CL_UNI_APPLY", unit="count", decimals=0, polarity="higher_is_better")
    history = [Reading(r.period, v) for r, v in zip(FOUR, (4.0, 6.0, 7.0, 9.0), strict=True)]
    assert texts(trend_svg(applying, history))[:3] == ["0", "5", "10"]
    assert texts(trend_svg(applying, history))[3] == FOUR[0].period.label
    # Children in care, 648 to 674 (the demo's): 0 to 707.7, steps of 200 as before.
    in_care = one_measure("CLA_COUNT", unit="count", decimals=0, polarity="none")
    history = [
        Reading(r.period, v) for r, v in zip(FOUR, (648.0, 674.0, 656.0, 648.0), strict=True)
    ]
    assert texts(trend_svg(in_care, history))[:4] == ["0", "200", "400", "600"]
