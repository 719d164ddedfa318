"""Plain words on the pages (issue 16 point 6): what the jargon means where it appears, the
picker's quarter not cut, measures picked by name."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from scorecard.html_tables import STYLE
from tests.app.pickers import choices, pick, picker_label
from tests.app.test_views import LATEST, open_page
from tests.html_reading import Reading, captioned, shown_html
from tests.markup import read


def explained(app: AppTest) -> str:
    boxes = [e for e in app.expander if e.label == "What the words mean"]
    assert len(boxes) == 1, [e.label for e in app.expander]
    return "\n".join(read(m.value) for m in boxes[0].markdown)


def folded_meanings(reading: Reading, summary: str) -> list[str]:
    """The words and meanings (a <dl>: each word, then its meaning, a line each) folded under
    the <details> whose <summary> is ``summary``, in the piece of HTML ``reading``."""
    lines = reading.lines_of_details(summary)
    assert lines[0] == summary, lines
    return lines[1:]


def test_keeping_safe_explains_return_home_interviews_and_re_referrals(app: AppTest) -> None:
    open_page(app, "priority", priority="3", period=LATEST)
    [head] = [r for r in shown_html(app) if "What the words mean" in r.summaries]
    meanings = folded_meanings(head, "What the words mean")
    word = meanings.index("return home interview")
    assert meanings[word + 1].startswith("A talk with an independent worker")
    word = meanings.index("re-referral")
    assert meanings[word + 1].startswith("A child referred to children's social care again")
    assert "Personal Education Plan" not in meanings  # a word of priority 2, not used here
    # Folded in the HTML, opened by a click, a tap or a key: the page's only Streamlit folds
    # are its pickers.
    assert sorted(read(e.label).split(":")[0] for e in app.expander) == ["Priority", "Quarter"]


def test_a_tile_explains_the_words_of_its_name_by_a_click_or_a_tap(app: AppTest) -> None:
    open_page(app, "priority", priority="3", period=LATEST)
    [tile] = [r for r in shown_html(app) if "tile_RHI_72H" in r.spans]
    # Under the name, before the figure: a <details>, which a keyboard and a touch open too
    # (a title= tooltip would be hover only).
    lines = tile.lines_of("tile_RHI_72H")
    assert lines[:3] == [
        "Return home interviews held within 72 hours",
        "What its words mean",
        "return home interview",
    ]
    assert lines[3].startswith("A talk with an independent worker")
    [plain] = [r for r in shown_html(app) if "tile_MISSING_CHILDREN" in r.spans]
    assert "What its words mean" not in plain.summaries  # nothing to explain


def test_the_measure_page_explains_sdq(app: AppTest) -> None:
    open_page(app, "measure", measure="SDQ_AVG", period=LATEST)
    assert "**SDQ**: Strengths and Difficulties Questionnaire" in explained(app)


def test_the_published_version_explains_its_words(app: AppTest) -> None:
    open_page(app, "public", period=LATEST)
    meanings = explained(app)
    assert "**corporate parent**" in meanings and "**Staying Put**" in meanings


def test_the_measure_picker_shows_names_without_ids_under_their_priorities(app: AppTest) -> None:
    open_page(app, "measure", measure="NEET_16_18", period=LATEST)
    neet = "Young people aged 16 to 18 not in education, employment or training (NEET)"
    assert picker_label(app, "measure") == f"Measure: {neet}"
    assert app.query_params["measure"] == "NEET_16_18"  # the link still carries the id
    listed = choices(app, "measure")
    assert not any("(NEET_16_18)" in o or "(CLA_COUNT)" in o for o in listed)
    # Under its priority's name (data/catalogue.toml: NEET is priority 2's), after the first's.
    assert listed[0] == "1. Strong corporate parenting" and listed[1] == "Children in care"
    education = listed.index("2. Education, learning and training")
    assert (
        education < listed.index(neet) < listed.index("3. Keeping children and young people safe")
    )
    # Choosing one opens it, with the link saying so.
    pick(app, "measure", "Children in care per 10,000 children")
    assert app.query_params["measure"] == "CLA_RATE"
    assert picker_label(app, "measure") == "Measure: Children in care per 10,000 children"


def test_the_quarter_picker_names_the_months_briefly(app: AppTest) -> None:
    open_page(app, "overview", period=LATEST)
    assert picker_label(app, "period") == "Quarter: 2026/27 Q2 · Jul–Sep 2026"
    assert choices(app, "period")[:2] == ["2026/27 Q2 · Jul–Sep 2026", "2026/27 Q1 · Apr–Jun 2026"]


def never_cut() -> None:
    """A plain table's cell grows to hold its words (its box scrolls sideways instead): the
    stylesheet keeps a figure on one line and clips no cell."""
    assert "white-space:nowrap" in STYLE
    assert "text-overflow" not in STYLE and "overflow:hidden" not in STYLE


def test_table_cells_hold_a_whole_rate_per_ten_thousand(app: AppTest) -> None:
    # "68.9 per 10,000"-like values: once cut to "68.9 per 1…" in a grid's narrow column.
    open_page(app, "measure", measure="CLA_RATE", period=LATEST)
    assert app.dataframe == []
    rows = captioned(app, "Children in care per 10,000 children").table("Period")
    assert rows and all(row["Value"].endswith(" per 10,000") for row in rows)
    never_cut()


def test_public_figures_hold_a_hidden_figure_and_its_words(app: AppTest) -> None:
    open_page(app, "public", period=LATEST)
    assert app.dataframe == []
    cells = [
        row["How we are doing"]
        for reading in shown_html(app)
        if any(c.startswith("The figures for ") for c in reading.captions)
        for row in reading.table("Measure")
    ]
    assert "Hidden: too few young people to show" in cells
    never_cut()


def test_the_list_of_uploads_holds_each_file_name(app: AppTest) -> None:
    # "demoshire-2025-26-Q4-correction.xlsx", the demonstration's correction: 36 characters.
    open_page(app, "upload")
    assert app.dataframe == []
    table = captioned(app, "Every upload and roll-back").table("Upload")
    assert "demoshire-2025-26-Q4-correction.xlsx" in {row["File"] for row in table}
    never_cut()
