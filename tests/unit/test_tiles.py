"""A measure's tile as HTML (scorecard/tiles.py): what it says, read back as a browser reads
it, and every text from outside escaped."""

from __future__ import annotations

from scorecard import tiles
from scorecard.catalogue import GlossaryEntry
from scorecard.periods import parse_period
from scorecard.rag import Rag
from scorecard.status import Reading, assess
from tests.html_reading import read_html
from tests.unit.builders import one_measure

Q1, Q2 = parse_period("2026/27 Q1"), parse_period("2026/27 Q2")
TAGS = "<a href='https://evil.example/a'>here</a> <img src=https://evil.example/i.png>"
NEET = one_measure(
    "NEET",
    name=f"Young people NEET {TAGS}",
    polarity="lower_is_better",
    target=10,
    tolerance=5,
    counted={"one": f"young person {TAGS}", "many": f"young people {TAGS}"},
)
HISTORY = [Reading(Q1, 20.0, 10, 50), Reading(Q2, 22.0, 11, 50)]
PICTURE = "data:image/svg+xml;base64,PHN2Zy8+"  # "<svg/>"


def test_a_tile_says_its_figures_in_lines_with_its_status_by_shape_and_word() -> None:
    # 11 of 50 = 22.0%: 12 points above a 10% lower-is-better target, beyond the 5 points'
    # tolerance, so Red; up from 20.0% in Q1, so worsening. 10% of 50 is 5: 6 fewer would
    # have met the target.
    html = tiles.tile(assess(NEET, HISTORY, Q2), "2026/27 Q2")
    shown = read_html(html)
    assert shown.lines_of("tile_NEET") == [
        f"Young people NEET {TAGS}",
        "22.0%",
        f"11 of 50 young people {TAGS} · Target: 10.0%",
        "■ Red",
        "Since last period: ↓ Worsening",
        "Since a year ago: no comparison",
        f"With 6 fewer young people {TAGS} counted here, the target would have been met.",
        "History and definition",
    ]
    assert [e.tag for e in shown.elements if e.tag == "h3"] == ["h3"]
    assert shown.links == [("measure?measure=NEET&period=2026%2F27+Q2", "History and definition")]
    assert shown.foreign() == []  # the tags in the name and the noun are words


def test_on_its_own_page_a_tile_leaves_out_its_name_and_the_link_to_it() -> None:
    html = tiles.tile(assess(NEET, HISTORY, Q2), "2026/27 Q2", on_its_own_page=True)
    lines = read_html(html).lines_of("tile_NEET")
    assert lines[0] == "22.0%"
    assert "History and definition" not in lines and f"Young people NEET {TAGS}" not in lines


def test_a_tiles_words_are_folded_under_its_name_escaped() -> None:
    entry = GlossaryEntry(term="NEET", meaning=f"Not in education {TAGS}")
    html = tiles.tile(assess(NEET, HISTORY, Q2), "2026/27 Q2", glossary=[entry])
    shown = read_html(html)
    assert shown.lines_of_details("What its words mean") == [
        "What its words mean",
        "NEET",
        f"Not in education {TAGS}",
    ]
    assert shown.foreign() == []


def test_a_measure_of_a_priority_page_has_its_picture_named_and_its_figures_folded() -> None:
    html = tiles.measure(
        assess(NEET, HISTORY, Q2),
        "2026/27 Q2",
        tiles.Shown(PICTURE, f"Rose from 20.0% to 22.0% {TAGS}", "<table></table>"),
        breakdown=tiles.Shown(PICTURE, f"Ages {TAGS}"),
        breakdown_label=f"Young people NEET {TAGS} by age",
    )
    shown = read_html(html)
    assert shown.images == [
        (PICTURE, f"Rose from 20.0% to 22.0% {TAGS}"),
        (PICTURE, f"Ages {TAGS}"),
    ]
    assert shown.summaries == [
        "Show the figures as a table, in words",
        f"Young people NEET {TAGS} by age",
    ]
    assert [e.tag for e in shown.elements if e.tag in ("h2", "h3")] == ["h2"]
    assert [text for _, text in shown.links] == [
        "History and definition",
        "Interactive chart, every quarter",
    ]
    assert shown.foreign() == []


def test_a_priority_pages_head_counts_its_measures_by_shape_word_and_colour() -> None:
    counts = {Rag.RED: 1, Rag.AMBER: 0, Rag.GREEN: 6, Rag.NOT_RATED: 2, Rag.NO_DATA: 0}
    shown = read_html(
        tiles.priority_head(f"Plain {TAGS}", "2026/27 Q2 (July to September)", counts, [])
    )
    assert [line.strip() for line in shown.lines if line.strip()] == [
        f"Plain {TAGS} · 2026/27 Q2 (July to September)",
        "■ 1 Red ● 6 Green ○ 2 Not rated",
    ]
    assert shown.summaries == []  # no words to explain, no box
    assert shown.foreign() == []
