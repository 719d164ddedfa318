"""Slides, plain-English summaries, static charts and the formatted workbook, on a small
hand-made scorecard: two priorities, PEP (percent, target 95, tolerance 5) in priority 1 and
children in care (count, context only) in priority 2."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from scorecard.catalogue import Catalogue, parse_catalogue
from scorecard.meetings import ItemKind, Meeting, MeetingItem
from scorecard.periods import parse_period
from scorecard.rag import Rag
from scorecard.records import ActionStatus, Commentary, CommentaryKind
from scorecard.reports import plain, slides
from scorecard.reports.content import ReportData, ordered, priority_reports
from scorecard.reports.static_charts import trend_svg
from scorecard.reports.workbook import scorecard_workbook
from scorecard.status import index, readings
from tests.conftest import SMALL_CATALOGUE
from tests.unit.builders import history, one_measure

Q1, Q2 = parse_period("2026/27 Q1"), parse_period("2026/27 Q2")
MEETING = Meeting(7, dt.date(2026, 11, 24), theme_priority=2, members=12, attendees=None, notes="")


def measure(measure_id: str, priority: int, target: float, tolerance: float) -> dict[str, object]:
    return {
        "id": measure_id,
        "name": f"Measure {measure_id}",
        "priority": priority,
        "unit": "percent",
        "polarity": "higher_is_better",
        "decimals": 1,
        "target": target,
        "tolerance": tolerance,
        "definition": "A percentage.",
        "why_it_matters": "It matters.",
        "source": "Somewhere",
    }


@pytest.fixture
def catalogue() -> Catalogue:
    data = dict(SMALL_CATALOGUE)
    data["measures"] = [
        *SMALL_CATALOGUE["measures"],
        measure("GREEN_ONE", 1, 50, 5),
        measure("AMBER_ONE", 1, 80, 5),
        measure("RED_ONE", 1, 90, 5),
        measure("RED_TWO", 1, 90, 5),
    ]
    return parse_catalogue(data, "test catalogue")


Row = tuple[str, str, str, float, float | None, float | None]


def observations(rows: list[Row]) -> pd.DataFrame:
    records = [
        {
            "measure_id": m,
            "period": p,
            "period_end": parse_period(p).end,
            "breakdown": b,
            "value": v,
            "numerator": n,
            "denominator": d,
            "symbol": None,
            "note": None,
        }
        for m, p, b, v, n, d in rows
    ]
    return pd.DataFrame.from_records(records)


@pytest.fixture
def frame() -> pd.DataFrame:
    return observations(
        [
            ("PEP", "2026/27 Q1", "All", 90.0, 45.0, 50.0),
            ("PEP", "2026/27 Q2", "All", 96.0, 48.0, 50.0),
            ("GREEN_ONE", "2026/27 Q2", "All", 60.0, None, None),
            ("AMBER_ONE", "2026/27 Q2", "All", 77.0, None, None),
            ("RED_ONE", "2026/27 Q1", "All", 70.0, None, None),
            ("RED_ONE", "2026/27 Q2", "All", 60.0, None, None),
            ("RED_TWO", "2026/27 Q2", "All", 50.0, None, None),
            ("CLA_COUNT", "2026/27 Q2", "All", 60.0, None, None),
        ]
    )


SAID = [
    Commentary(Q2, 1, CommentaryKind.NARRATIVE, "The quarter", "Mostly good."),
    Commentary(Q2, 1, CommentaryKind.CONCERN, "Measure RED_TWO", "Why RED_TWO is red."),
    Commentary(Q2, 1, CommentaryKind.YOU_SAID_WE_DID, "Passes", "You said; we did."),
]


def test_the_meetings_theme_comes_first_then_the_others_in_order(catalogue: Catalogue) -> None:
    assert [p.number for p in ordered(list(catalogue.priorities), theme=2)] == [2, 1]
    assert [p.number for p in ordered(list(catalogue.priorities), theme=None)] == [1, 2]


def test_a_meetings_deck_starts_with_carried_actions_then_the_theme(
    catalogue: Catalogue, frame: pd.DataFrame
) -> None:
    histories = index(frame)
    reports = priority_reports(catalogue, histories, Q2, SAID, [], theme=2)
    carried = [MeetingItem(1, 3, ItemKind.ACTION, "Chase", "Clerk", None, ActionStatus.AT_RISK, "")]
    deck = slides.deck(reports, histories, Q2, MEETING, carried)
    # Priority 2 has nothing said about it this quarter, so no slide of what people say.
    assert [type(s).__name__ for s in deck] == [
        "ActionsSlide",
        "PrioritySlide",
        "PrioritySlide",
        "SaidSlide",
    ]
    assert [s.title for s in deck] == [
        "Actions from earlier meetings",
        "2. Keeping safe",
        "1. Education",
        "1. Education",
    ]
    assert [s.title for s in slides.deck(reports, histories, Q2)] == [
        "2. Keeping safe",
        "1. Education",
        "1. Education",
    ]


def test_a_slide_shows_red_measures_first_then_amber_and_charts_the_first(
    catalogue: Catalogue, frame: pd.DataFrame
) -> None:
    histories = index(frame)
    [education, _] = priority_reports(catalogue, histories, Q2, SAID, [])
    slide = slides.priority_slide(education, histories, Q2)
    assert [s.measure.id for s in slide.measures] == ["RED_ONE", "RED_TWO", "AMBER_ONE"]
    assert slide.chart is not None and slide.chart.measure.id == "RED_ONE"
    assert [r.value for r in slide.chart_history] == [70.0, 60.0]
    assert slides.rated_summary(education) == "■ 2 Red · ▲ 1 Amber · ● 2 Green"
    # Commentary about a measure that matters comes before the narrative.
    assert [c.title for c in education.key_commentary()] == ["Measure RED_TWO"]
    assert [c.title for c in education.you_said_we_did()] == ["Passes"]


def test_a_priority_with_nothing_red_or_amber_shows_what_is_on_target(
    catalogue: Catalogue, frame: pd.DataFrame
) -> None:
    histories = index(frame[~frame["measure_id"].isin(["RED_ONE", "RED_TWO", "AMBER_ONE"])])
    [education, _] = priority_reports(catalogue, histories, Q2, [], [])
    slide = slides.priority_slide(education, histories, Q2)
    assert slide.all_on_target
    assert [s.rag for s in slide.measures] == [Rag.GREEN, Rag.GREEN]


@pytest.mark.parametrize(
    ("asked", "expected"), [(None, 1), ("3", 3), ("9", 4), ("0", 1), ("two", 1), ("-2", 1)]
)
def test_the_slide_in_the_link_is_kept_within_the_deck(asked: str | None, expected: int) -> None:
    assert slides.slide_number(asked, 4) == expected


def test_the_plain_summary_counts_in_words_and_names_what_is_not_good_enough(
    catalogue: Catalogue, frame: pd.DataFrame
) -> None:
    histories = index(frame)
    [education, in_care] = priority_reports(catalogue, histories, Q2, [], [])
    assert plain.summary(education) == [
        "We check five things here.",
        "Two are where we want them to be, one is nearly there and two are not good enough yet.",
        "Not good enough yet: measure RED_ONE and measure RED_TWO.",
        "One thing got better and one thing got worse since last time.",
    ]
    assert plain.summary(in_care) == ["We check one thing here."]


def test_a_static_chart_is_an_svg_with_the_latest_value_and_target(
    catalogue: Catalogue, frame: pd.DataFrame
) -> None:
    history = readings(index(frame), "PEP")
    svg = trend_svg(catalogue.measure("PEP"), history)
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert trend_svg(catalogue.measure("PEP"), history) == svg  # the same chart, the same file


def test_a_static_chart_of_a_few_children_has_gridlines_at_whole_children() -> None:
    # 0, 0, 1, 0 exclusions, drawn on an axis from 0 to 2: matplotlib's own gridlines would
    # be every 0.5, labelled 0, 0, 1, 2 and 2 (a count is shown without decimals).
    exclusions = one_measure("PERM_EXCL", unit="count", decimals=0, polarity="lower_is_better")
    shown = history(("2025/26 Q3", 0), ("2025/26 Q4", 0), ("2026/27 Q1", 1), ("2026/27 Q2", 0))
    assert value_axis_labels(trend_svg(exclusions, shown)) == ["0", "1", "2"]


def value_axis_labels(svg: str) -> list[str]:
    """The value axis's labels in matplotlib's SVG, whose letters are drawn as glyphs named
    by the font and the glyph's number in hexadecimal (``#DejaVuSans-14``: the font's glyph
    20, which is "1")."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    font = FT2Font(font_manager.findfont("DejaVu Sans"))
    character = {glyph: chr(code) for code, glyph in font.get_charmap().items()}
    found = []
    for tick in re.findall(r'<g id="ytick_\d+">(.*?)</g>\s*</g>\s*</g>', svg, re.S):
        glyphs = re.findall(r'xlink:href="#DejaVuSans-([0-9a-f]+)"', tick.split('id="text_')[-1])
        found.append("".join(character[int(glyph, 16)] for glyph in glyphs))
    return found


def report_data(catalogue: Catalogue, frame: pd.DataFrame, public: bool = False) -> ReportData:
    histories = index(frame)
    return ReportData(
        catalogue=catalogue,
        period=Q2,
        observations=frame,
        histories=histories,
        reports=priority_reports(catalogue, histories, Q2, [], []),
        meetings=[],
        meeting_items=[],
        comparisons={},
        public=public,
        threshold=5,
        today=dt.date(2026, 11, 23),
    )


def test_the_workbook_has_a_row_per_measure_under_its_priority_with_rag_as_text_and_fill(
    catalogue: Catalogue, frame: pd.DataFrame
) -> None:
    content = scorecard_workbook(report_data(catalogue, frame), [])
    sheet = load_workbook(io.BytesIO(content))["Scorecard"]
    header = [c.value for c in sheet[5]]
    assert header[:8] == [
        "ID",
        "Measure",
        "Better when",
        "2025/26 Q2",
        "2025/26 Q3",
        "2025/26 Q4",
        "2026/27 Q1",
        "2026/27 Q2",
    ]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=6) if r[0].value}
    assert "1. Education" in rows and "2. Keeping safe" in rows
    pep = {h: c for h, c in zip(header, rows["PEP"], strict=True)}
    assert (pep["2026/27 Q1"].value, pep["2026/27 Q2"].value) == (90.0, 96.0)
    assert pep["2026/27 Q2"].number_format == '0.0"%"'
    assert pep["RAG"].value == "● Green" and pep["RAG"].fill.fgColor.rgb.endswith("00703C")
    assert pep["Since last period"].value == "↑ Improving"
    assert pep["n / N"].value == "48 of 50"
    assert rows["RED_ONE"][header.index("RAG")].value == "■ Red"


def test_no_text_in_the_workbook_can_run_as_a_formula(
    catalogue: Catalogue, frame: pd.DataFrame
) -> None:
    notes = ['=HYPERLINK("http://evil")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", None, None]
    nasty = frame.assign(note=notes)
    records = [
        {
            "measure_id": "PEP",
            "period": "2026/27 Q2",
            "breakdown": "All",
            "value": 1.0,
            "numerator": None,
            "denominator": None,
            "symbol": None,
            "note": "=1+1",
            "rag": "Green",
            "direction": "Up",
        }
    ]
    content = scorecard_workbook(report_data(catalogue, nasty), records)
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any("<f>" in book.read(n).decode() for n in sheets)
    workbook = load_workbook(io.BytesIO(content))
    note = next(
        c
        for row in workbook["Scorecard"].iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.endswith("-2")
    )
    assert note.data_type == "s"
    data = workbook["Data"]
    assert data["H2"].value == "=1+1" and data["H2"].data_type == "s"
    assert data["H2"].quotePrefix


def test_the_public_workbook_has_no_n_of_n_column(
    catalogue: Catalogue, frame: pd.DataFrame
) -> None:
    content = scorecard_workbook(report_data(catalogue, frame, public=True), [])
    header = [c.value for c in load_workbook(io.BytesIO(content))["Scorecard"][5]]
    assert "n / N" not in header
