"""The Overview: RAG counts per priority, what changed since last quarter, exceptions
(SPEC §5, issue 4 item 1). Expected values are worked out by hand in the comments."""

from __future__ import annotations

from typing import Any

import pandas as pd

from scorecard import overview
from scorecard.catalogue import Catalogue, parse_catalogue
from scorecard.periods import parse_period
from scorecard.rag import Direction, Rag
from scorecard.records import Commentary, CommentaryKind
from scorecard.storage.store import OBSERVATION_COLUMNS
from tests.html_reading import read_html
from tests.unit.builders import measure_fields

Q2 = parse_period("2026/27 Q2")


def catalogue(*measures: dict[str, Any]) -> Catalogue:
    return parse_catalogue(
        {
            "authority": {"name": "Testshire (test data)", "demonstration": True},
            "priorities": [
                # Listed out of order: the overview follows the priority numbers.
                {"number": 2, "short_title": "Safe", "title": "Keeping safe", "plain_title": "S"},
                {"number": 1, "short_title": "School", "title": "Education", "plain_title": "E"},
            ],
            "measures": list(measures),
        },
        "test catalogue",
    )


def frame(*rows: tuple[str, str, float | None]) -> pd.DataFrame:
    """(measure id, period, value) rows shaped like Store.current_observations."""
    records = [
        {
            "measure_id": measure_id,
            "period": period,
            "period_end": parse_period(period).end,
            "breakdown": "All",
            "value": value,
            "numerator": None,
            "denominator": None,
            "symbol": None,
            "note": None,
            "upload_id": 1,
        }
        for measure_id, period, value in rows
    ]
    return pd.DataFrame.from_records(records, columns=OBSERVATION_COLUMNS).astype(
        {"value": "float64", "numerator": "float64", "denominator": "float64"}
    )


# Priority 1 has a Red, a Green and a Not rated measure; priority 2 an Amber and a No data.
# Every target is 60% with 5 points' tolerance (Green 60+, Amber 55 to 59.9, Red below 55).
MIXED = catalogue(
    measure_fields("RED_ONE", priority=1, target=60, tolerance=5),
    measure_fields("GREEN_ONE", priority=1, target=60, tolerance=5),
    measure_fields("UNRATED", priority=1),
    measure_fields("AMBER_ONE", priority=2, target=60, tolerance=5),
    measure_fields("MISSING", priority=2, target=60, tolerance=5),
)
MIXED_DATA = frame(
    ("RED_ONE", "2026/27 Q2", 40.0),  # 20 short: Red
    ("GREEN_ONE", "2026/27 Q2", 61.0),  # above 60: Green
    ("UNRATED", "2026/27 Q2", 50.0),  # no target: Not rated
    ("AMBER_ONE", "2026/27 Q2", 57.0),  # 3 short: Amber
    ("MISSING", "2026/27 Q1", 70.0),  # nothing for Q2: No data
)


def test_one_row_per_priority_in_number_order():
    view = overview.build(MIXED, MIXED_DATA, Q2)
    assert [row.priority.number for row in view.rows] == [1, 2]


def test_rag_counts_per_priority():
    view = overview.build(MIXED, MIXED_DATA, Q2)
    first, second = view.rows
    assert first.counts == {
        Rag.RED: 1,
        Rag.AMBER: 0,
        Rag.GREEN: 1,
        Rag.NOT_RATED: 1,
        Rag.NO_DATA: 0,
    }
    assert second.counts == {
        Rag.RED: 0,
        Rag.AMBER: 1,
        Rag.GREEN: 0,
        Rag.NOT_RATED: 0,
        Rag.NO_DATA: 1,
    }


def test_counts_text_names_each_status_with_its_shape_and_omits_zeros():
    first, second = overview.build(MIXED, MIXED_DATA, Q2).rows
    assert first.counts_text == "■ 1 Red · ● 1 Green · ○ 1 Not rated"
    assert second.counts_text == "▲ 1 Amber · – 1 No data"


def test_totals_and_rated_count_only_red_amber_and_green():
    view = overview.build(MIXED, MIXED_DATA, Q2)
    # Rated: Red, Green (priority 1) and Amber (priority 2) = 3 of the 5 measures.
    assert view.rated == 3
    assert sum(view.totals.values()) == 5


def test_exceptions_are_exactly_the_red_measures():
    view = overview.build(MIXED, MIXED_DATA, Q2)
    assert [s.measure.id for s in view.exceptions] == ["RED_ONE"]


def test_counts_table_has_a_column_per_status_and_adds_up_to_every_measure():
    table = overview.build(MIXED, MIXED_DATA, Q2).counts_table
    assert list(table.columns) == ["Priority", "Red", "Amber", "Green", "Not rated", "No data"]
    assert list(table["Priority"]) == ["1. Education", "2. Keeping safe"]
    statuses = ["Red", "Amber", "Green", "Not rated", "No data"]
    # Priority 1 has three measures and priority 2 two; five in all.
    assert list(table[statuses].sum(axis=1)) == [3, 2]
    assert int(table[statuses].to_numpy().sum()) == 5
    assert table.loc[0, "Red"] == 1 and table.loc[1, "Amber"] == 1


# -- What changed since last quarter -----------------------------------------------------------

# TURNING comes first in the catalogue, STATUS second: the list still puts STATUS first.
CHANGING = catalogue(
    measure_fields("TURNING", priority=1, target=50, tolerance=10),
    measure_fields("STATUS", priority=2, target=80, tolerance=5),
    measure_fields("STEADY", priority=1, target=50, tolerance=10),
)
CHANGING_DATA = frame(
    # TURNING stays Green: 60 -> 70 was Improving in Q1, 70 -> 65 is Worsening in Q2.
    ("TURNING", "2025/26 Q4", 60.0),
    ("TURNING", "2026/27 Q1", 70.0),
    ("TURNING", "2026/27 Q2", 65.0),
    # STATUS was Green (82 beats 80) and is now Red (70 is 10 short, beyond 5).
    ("STATUS", "2026/27 Q1", 82.0),
    ("STATUS", "2026/27 Q2", 70.0),
    # STEADY: the same figure three quarters running; nothing changed.
    ("STEADY", "2025/26 Q4", 60.0),
    ("STEADY", "2026/27 Q1", 60.0),
    ("STEADY", "2026/27 Q2", 60.0),
)


def test_changes_list_status_changes_before_direction_turns():
    changes = overview.build(CHANGING, CHANGING_DATA, Q2).changes
    assert [(c.status.measure.id, c.what) for c in changes] == [
        ("STATUS", "Green → Red"),
        ("TURNING", "now worsening"),
    ]
    assert [c.is_status_change for c in changes] == [True, False]


def test_a_measure_with_the_same_status_and_direction_is_not_a_change():
    changes = overview.build(CHANGING, CHANGING_DATA, Q2).changes
    assert "STEADY" not in {c.status.measure.id for c in changes}


def test_count_moving_counts_directions_since_last_quarter():
    view = overview.build(CHANGING, CHANGING_DATA, Q2)
    # TURNING 70 -> 65 and STATUS 82 -> 70 both fell: two Worsening; STEADY is No change.
    assert view.count_moving(Direction.WORSENING) == 2
    assert view.count_moving(Direction.IMPROVING) == 0
    assert view.count_moving(Direction.NO_CHANGE) == 1


# -- Is the change real? What changed leads with special causes --------------------------------

QUARTERS = [
    f"{year}/{(year + 1) % 100:02d} Q{q}" for year in range(2023, 2027) for q in (1, 2, 3, 4)
][:14]  # 2023/24 Q1 to 2026/27 Q2
VARYING = catalogue(
    measure_fields("NOISY", priority=1),
    measure_fields("SHIFTED", priority=1, polarity="higher_is_better"),
)
VARYING_DATA = frame(
    # NOISY alternates 40, 44 around its mean of 42 and turns each quarter: in Q2 it is
    # "now worsening" (44 -> 40), but within its normal ups and downs.
    *[("NOISY", q, 40.0 if i % 2 else 44.0) for i, q in enumerate(QUARTERS)],
    # SHIFTED: seven quarters around 30 (29, 31, ... 29: 209), then seven around 33 (34, 32,
    # ... 34: 232). The mean of all fourteen is 441/14 = 31.5 and the last seven are above it:
    # a run of seven, new this quarter (last quarter only six were above the mean of the
    # thirteen then, 407/13 = 31.3). The moving ranges average 29/13 = 2.23, so the 2 sigma
    # line is 31.5 + 1.773 x 2.23 = 35.46: no quarter is close to the limits.
    *[
        ("SHIFTED", q, (30.0 if i < 7 else 33.0) + (1 if i % 2 else -1))
        for i, q in enumerate(QUARTERS)
    ],
)


def test_a_new_real_change_comes_first_and_a_turn_within_the_noise_last():
    changes = overview.build(VARYING, VARYING_DATA, Q2).changes
    assert [(c.status.measure.id, c.kind) for c in changes] == [
        ("SHIFTED", overview.ChangeKind.REAL),
        ("NOISY", overview.ChangeKind.ORDINARY),
    ]
    assert changes[0].what == (
        "◆ Special cause improvement: Seven quarters in a row above the average: a real change."
    )
    assert overview.ChangeKind.ORDINARY.folded and not overview.ChangeKind.REAL.folded


# -- the read-only sections as HTML (issue 17) ----------------------------------------------

TAGS = "<a href='https://evil.example'>here</a> <img src=x onerror=alert(1)>"


def test_sections_give_the_headline_figures_each_after_its_label():
    # MIXED: Red, Green and Amber are rated (3), one of them Green; one Red; one quarter of
    # figures only, so nothing is improving or worsening.
    headline = read_html(overview.sections(overview.build(MIXED, MIXED_DATA, Q2), []).headline)
    assert headline.blocks == [
        "On or better than target", "1 of 3", "■ Red", "1", "↑ Improving", "0",
        "↓ Worsening", "0",
    ]  # fmt: skip


def test_sections_link_each_priority_to_its_page_with_its_counts():
    priorities = read_html(overview.sections(overview.build(MIXED, MIXED_DATA, Q2), []).priorities)
    assert priorities.links == [
        ("priority?priority=1&period=2026%2F27+Q2", "1. Education"),
        ("priority?priority=2&period=2026%2F27+Q2", "2. Keeping safe"),
    ]
    # Priority 1: a Red, a Green, a Not rated; priority 2: an Amber and a No data.
    assert "■ 1 Red ● 1 Green ○ 1 Not rated" in priorities.blocks
    assert "▲ 1 Amber – 1 No data" in priorities.blocks
    assert priorities.summaries == ["Show the counts as a table"]  # folded, as it was


def test_sections_head_new_changes_and_fold_away_the_ordinary_ups_and_downs():
    changes = read_html(overview.sections(overview.build(VARYING, VARYING_DATA, Q2), []).changes)
    assert changes.headings == ["A new real change (1)"]
    assert changes.summaries == ["Ordinary ups and downs (1)"]
    assert [href for href, _ in changes.links] == [
        "measure?measure=SHIFTED&period=2026%2F27+Q2",
        "measure?measure=NOISY&period=2026%2F27+Q2",
    ]
    assert changes.links[1][1] == "Measure NOISY: now worsening"


def test_sections_say_when_nothing_changed_and_no_commentary_explains_a_red_measure():
    shown = overview.sections(overview.build(MIXED, MIXED_DATA, Q2), [])
    # One quarter of figures: nothing to compare with.
    assert read_html(shown.changes).blocks == [
        "No measure changed its status or direction since last quarter."
    ]
    exceptions = read_html(shown.exceptions)  # each Red measure's tile, then its note
    assert [i for i in exceptions.spans if i.startswith(("tile_", "why_"))] == [
        "tile_RED_ONE",
        "why_RED_ONE",
    ]
    assert exceptions.lines_of("why_RED_ONE") == ["No commentary explains this measure yet."]


def test_the_exceptions_say_so_when_no_measure_is_red():
    shown = overview.sections(overview.build(VARYING, VARYING_DATA, Q2), [])
    assert read_html(shown.exceptions).blocks == ["No measure is Red this quarter."]


def test_officers_words_in_the_sections_are_text_with_their_line_breaks():
    said = [
        Commentary(Q2, 1, CommentaryKind.CONCERN, "red_one", f"Why {TAGS}\nWhat next"),
        Commentary(Q2, 1, CommentaryKind.ACHIEVEMENT, f"Won {TAGS}", "Said **so**"),
    ]
    shown = overview.sections(overview.build(MIXED, MIXED_DATA, Q2), said)
    concern = read_html(shown.exceptions)  # titled with the id, in any case
    assert concern.lines_of("why_RED_ONE") == ["Concerns", f"Why {TAGS}", "What next"]
    assert concern.blocks[-2:] == ["Concerns", f"Why {TAGS}\nWhat next"]
    good = read_html(shown.good_news)
    assert good.blocks[-2:] == [f"Won {TAGS}", "Said **so**"]
    assert concern.foreign() == [] and good.foreign() == []


# -- the scorecard on one screen ------------------------------------------------------------

# Five quarters of GREEN_ONE and AMBER_ONE against 60% with 5 points' tolerance:
# GREEN_ONE 50 (Red), 56 (Amber), 58 (Amber), 59 (Amber), 61 (Green) from 2025/26 Q2;
# AMBER_ONE only in the last two: 62 (Green), 57 (Amber).
GRID_DATA = frame(
    ("GREEN_ONE", "2025/26 Q2", 50.0),
    ("GREEN_ONE", "2025/26 Q3", 56.0),
    ("GREEN_ONE", "2025/26 Q4", 58.0),
    ("GREEN_ONE", "2026/27 Q1", 59.0),
    ("GREEN_ONE", "2026/27 Q2", 61.0),
    ("AMBER_ONE", "2026/27 Q1", 62.0),
    ("AMBER_ONE", "2026/27 Q2", 57.0),
)


QUARTERS = ["2025/26 Q2", "2025/26 Q3", "2025/26 Q4", "2026/27 Q1", "2026/27 Q2"]


def test_the_grid_has_every_measure_grouped_by_priority_over_the_last_five_quarters():
    grid = read_html(overview.grid(MIXED, GRID_DATA, Q2, {"AMBER_ONE": 54.25}).html)
    rows = grid.table("Measure")
    columns = ["Measure", *QUARTERS, "Target", "Since last quarter", "Variation", "England"]
    assert list(rows[1]) == columns
    # Each priority's heading row (one cell), then its measures, priorities in number order.
    assert [r["Measure"] for r in rows] == [
        "1. Education",
        "Measure RED_ONE",
        "Measure GREEN_ONE",
        "Measure UNRATED",
        "2. Keeping safe",
        "Measure AMBER_ONE",
        "Measure MISSING",
    ]
    assert [len(r) for r in rows] == [1, 10, 10, 10, 1, 10, 10]
    green = rows[2]
    assert [green[q] for q in QUARTERS] == [
        "■ Red 50.0%",
        "▲ Amber 56.0%",
        "▲ Amber 58.0%",
        "▲ Amber 59.0%",
        "● Green 61.0%",
    ]
    assert green["Target"] == "60.0%"
    assert green["Since last quarter"] == "↑ Improving"  # 59 → 61, higher is better
    amber = rows[5]
    assert [amber[q] for q in QUARTERS] == ["– No data"] * 3 + ["● Green 62.0%", "▲ Amber 57.0%"]
    assert amber["Since last quarter"] == "↓ Worsening"
    assert amber["England"] == "54.3%"  # England's figure with the measure's one decimal
    assert rows[1]["England"] == ""  # no published figure


def test_each_measure_of_the_grid_links_to_its_page_in_the_table_and_in_the_phone_list():
    grid = read_html(overview.grid(MIXED, GRID_DATA, Q2).html)
    amber = "measure?measure=AMBER_ONE&period=2026%2F27+Q2"
    # Once in the table and once in the list (the stylesheet shows one), then the skip link's
    # target is the only other link.
    assert grid.links.count((amber, "Measure AMBER_ONE")) == 2
    assert len(grid.links) == 2 * 5 + 1
    assert grid.links[0] == ("#sc-grid-end", "Skip past the scorecard")
    assert any(e.attributes.get("id") == "sc-grid-end" for e in grid.elements)


def test_each_status_in_the_grid_has_its_colour_as_well_as_its_shape_and_word():
    grid = read_html(overview.grid(MIXED, GRID_DATA, Q2).html)
    cells = [e.attributes.get("class") for e in grid.elements if e.tag == "td"]
    # GREEN_ONE's row: Red, Amber, Amber, Amber, Green, then four plain cells.
    statuses = ["sc-red", "sc-amber", "sc-amber", "sc-amber", "sc-green"]
    assert cells[9:18] == [*statuses, None, "sc-nowrap", None, None]
    style = overview.grid(MIXED, GRID_DATA, Q2).html.split("</style>")[0]
    assert ".sc-red{color:#b3261e" in style and ".sc-amber{color:#8a5300" in style


def test_a_hostile_measure_name_is_text_in_the_grid_and_makes_no_element_or_link():
    hostile = "<img src=x onerror=alert(1)> [x](http://evil.example) <a href='//evil'>y</a>"
    title = "Priority <script>alert(2)</script>"
    named = parse_catalogue(
        {
            "authority": {"name": "Testshire (test data)", "demonstration": True},
            "priorities": [
                {"number": 1, "short_title": "S", "title": title, "plain_title": "P"},
            ],
            "measures": [measure_fields("HOSTILE", priority=1, name=hostile)],
        },
        "test catalogue",
    )
    data = frame(("HOSTILE", "2026/27 Q2", 61.0))
    grid = read_html(overview.grid(named, data, Q2).html)
    assert grid.foreign() == []  # no image, script, handler, or link away
    assert not [e for e in grid.elements if e.tag in ("img", "script")]
    # Shown as typed, as the link's words, in the table and in the phone list.
    assert grid.links.count(("measure?measure=HOSTILE&period=2026%2F27+Q2", hostile)) == 2
    assert grid.text.count(f"1. {title}") == 2


def test_grid_cells_say_what_the_tiles_say_for_the_same_quarter():
    from scorecard.status import assess, readings

    grid = overview.grid(MIXED, GRID_DATA, Q2)
    for row in grid.rows:
        history = readings(GRID_DATA, row.latest.measure.id)
        for quarter, cell in zip(grid.quarters, row.statuses, strict=True):
            tile = assess(row.latest.measure, history, quarter)
            assert (cell.rag, cell.value, cell.vs_previous) == (
                tile.rag,
                tile.value,
                tile.vs_previous,
            )


def test_the_watch_list_has_amber_measures_and_good_news_green_and_improving_ones():
    view = overview.build(MIXED, GRID_DATA, Q2)
    # AMBER_ONE is Amber (57); GREEN_ONE is Green (61) and improving from 59. Five quarters
    # are too few for variation (it needs six), so no special cause adds to either list.
    assert [(x.status.measure.id, x.why) for x in view.watch_list] == [
        ("AMBER_ONE", "▲ Amber 57.0%")
    ]
    assert [(x.status.measure.id, x.why) for x in view.good_news] == [
        ("GREEN_ONE", "● Green 61.0%, ↑ improving")
    ]


def test_a_sudden_fall_beyond_the_process_limits_is_on_the_watch_list_whatever_its_status():
    # 60, 61, 60, 61, 60, 61, 60 then 30: mean 453 / 8 = 56.6, average moving range
    # 36 / 7 = 5.14, lower limit 56.6 - 2.66 × 5.14 = 42.9. The 30 is far below it: a
    # special-cause concern (higher is better), and Red, so it is also an exception.
    quarters = ["2024/25 Q3", "2024/25 Q4", "2025/26 Q1", "2025/26 Q2"]
    quarters += ["2025/26 Q3", "2025/26 Q4", "2026/27 Q1", "2026/27 Q2"]
    values = [60.0, 61.0, 60.0, 61.0, 60.0, 61.0, 60.0, 30.0]
    data = frame(*[("GREEN_ONE", q, v) for q, v in zip(quarters, values, strict=True)])
    view = overview.build(MIXED, data, Q2)
    assert [(x.status.measure.id, x.why) for x in view.watch_list] == [
        ("GREEN_ONE", "◆ Special cause concern")
    ]
    assert [s.measure.id for s in view.exceptions] == ["GREEN_ONE"]
    assert view.good_news == []
