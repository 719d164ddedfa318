"""What a panel member sees on each page, through Streamlit's AppTest.

Expected figures come from the demonstration authority's NEET measure, checked by hand:
2025/26 Q3 11 of 50 = 22.0% (Red against a 10% target with 5 points' tolerance) and
2026/27 Q2 4 of 62 = 6.45… shown as 6.5% (Green).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.pickers import pick, picker_label
from tests.html_reading import captioned, read_html, shown_html
from tests.markup import read
from tests.pictures import pictures
from ui.navigation import PAGES

ROOT = Path(__file__).resolve().parents[2]
LATEST = "2026/27 Q2"


def open_page(app: AppTest, page: str, **params: str) -> AppTest:
    app.run()
    for name, value in params.items():
        app.query_params[name] = value
    app.switch_page(PAGES[page]).run()
    assert not app.exception, app.exception
    return app


def open_tab(app: AppTest, key: str, label: str) -> AppTest:
    """Choose the tab ``label`` of the tabs ``key``, as a click does: a page that draws only
    the open tab (the Meetings page) runs again with it."""
    app.session_state[key] = label
    app.run()
    assert not app.exception, app.exception
    return app


def texts(app: AppTest) -> str:
    """The page's words in reading order, as a screen reader would meet them: Markdown and
    raw HTML (st.html: a measure's tile, scorecard/tiles.py), a line each."""
    found: list[str] = []

    def walk(node: object) -> None:
        for child in getattr(node, "children", {}).values():
            kind = getattr(child, "type", None)
            if kind in {"markdown", "caption", "title", "header"}:
                # Typed text is shown with Markdown escapes (\\, for a comma); a reader sees
                # the comma.
                found.append(read(str(child.value)))
            elif kind == "html":
                found.extend(line.strip() for line in read_html(child.proto.body).lines)
            walk(child)

    walk(app.main)
    return "\n".join(line for line in found if line)


@pytest.mark.parametrize("page", list(PAGES))
def test_every_registered_page_opens_without_error(app: AppTest, page: str) -> None:
    open_page(app, page)
    assert any("Demonstration data" in i.value for i in app.info)


def test_overview_lists_all_six_priorities_with_their_rag_counts(app: AppTest) -> None:
    open_page(app, "overview")
    [priorities] = [
        r for r in shown_html(app) if any(href.startswith("priority?") for href, _ in r.links)
    ]
    # Each priority's name opens its page for the quarter looked at.
    assert [text for _, text in priorities.links] == [
        "1. Strong corporate parenting",
        "2. Education, learning and training",
        "3. Keeping children and young people safe",
        "4. Positive relationships and stable homes",
        "5. Respected, engaged and moving into adulthood",
        "6. Health and wellbeing",
    ]
    assert priorities.links[1][0] == "priority?priority=2&period=2026%2F27+Q2"
    # Priority 3's seven measures in 2026/27 Q2, as the grid shows them: return home
    # interviews Red (70.5% against 90%), convicted or cautioned Amber, re-referrals and
    # second child protection plans Green, the other three without a target. Counted: shape,
    # count and word, zeros left out.
    assert "■ 1 Red ▲ 1 Amber ● 2 Green ○ 3 Not rated" in priorities.blocks
    table = captioned(app, "How many measures of each priority are in each status").table(
        "Priority"
    )
    assert list(table[0]) == ["Priority", "Red", "Amber", "Green", "Not rated", "No data"]
    assert [row["Priority"] for row in table][1] == "2. Education, learning and training"
    # Every measure of the catalogue is counted exactly once (56 in the demo catalogue).
    assert sum(int(v) for row in table for k, v in row.items() if k != "Priority") == 56
    assert len(app.dataframe) == 0  # no interactive grid for the browser to load for it


def test_overview_shows_every_measure_over_the_last_five_quarters_as_its_tiles_do(
    app: AppTest,
) -> None:
    open_page(app, "overview", period=LATEST)
    [html] = [h for h in app.get("html") if 'class="sc-grid"' in h.proto.body]
    grid = read_html(html.proto.body)
    rows = grid.table("Measure")
    measures = [r for r in rows if len(r) > 1]
    assert len(measures) == 56  # every measure of the demo catalogue, once
    assert list(measures[0])[1:6] == [
        "2025/26 Q2",
        "2025/26 Q3",
        "2025/26 Q4",
        "2026/27 Q1",
        "2026/27 Q2",
    ]
    name = "Care leavers aged 19 to 21 in education, employment or training"
    [eet] = [r for r in measures if r["Measure"] == name]
    # 27 of 57 (47.4%) then 21 of 47 (44.7%): more than 5 points under the 55% target, Red.
    assert (eet["2026/27 Q1"], eet["2026/27 Q2"]) == ("■ Red 47.4%", "■ Red 44.7%")
    assert (eet["Target"], eet["Since last quarter"]) == ("55.0%", "↓ Worsening")
    # Under its priority's heading; its name opens its page for the quarter.
    headings = [r["Measure"] for r in rows[: rows.index(eet)] if len(r) == 1]
    assert headings[-1] == "5. Respected, engaged and moving into adulthood"
    assert ("measure?measure=CL_EET_19_21&period=2026%2F27+Q2", name) in grid.links


def test_overview_defaults_to_the_latest_quarter(app: AppTest) -> None:
    open_page(app, "overview")
    assert picker_label(app, "period") == f"Quarter: {LATEST} · Jul–Sep 2026"
    assert "2026/27 Q2 (July to September 2026)" in texts(app)


def test_choosing_an_earlier_quarter_shows_it_as_it_was(app: AppTest) -> None:
    open_page(app, "overview")
    neet_tile = "\nYoung people aged 16 to 18 not in education, employment or training (NEET)\n"
    assert neet_tile not in texts(app).split("Exceptions")[-1]
    pick(app, "period", "2025/26 Q3")
    assert not app.exception
    assert app.query_params["period"] == "2025/26 Q3"
    assert "2025/26 Q3 (October to December 2025)" in texts(app)
    exceptions = texts(app).split("Exceptions")[-1]
    assert "Young people aged 16 to 18 not in education, employment or training" in exceptions
    assert "22.0%" in exceptions and "11 of 50" in exceptions


def test_period_in_the_link_selects_the_quarter(app: AppTest) -> None:
    open_page(app, "overview", period="2025/26 Q3")
    assert picker_label(app, "period") == "Quarter: 2025/26 Q3 · Oct–Dec 2025"


def test_a_bad_period_in_a_link_is_explained_and_the_latest_is_shown(app: AppTest) -> None:
    open_page(app, "overview", period="Q5 2016/17")
    assert any("Q5 2016/17" in read(w.value) for w in app.warning)
    assert picker_label(app, "period") == f"Quarter: {LATEST} · Jul–Sep 2026"


def test_priority_in_the_link_opens_that_priority(app: AppTest) -> None:
    open_page(app, "priority", priority="2", period=LATEST)
    assert read(app.title[0].value) == "2. Education, learning and training"
    shown = texts(app)
    assert "6.5%" in shown and "4 of 62" in shown and "Target: 10.0%" in shown
    assert "\n● Green\n" in shown  # the word and the shape, not colour alone


def test_measure_page_explains_the_rule_in_plain_english(app: AppTest) -> None:
    open_page(app, "measure", measure="NEET_16_18", period=LATEST)
    assert app.title[0].value.startswith("Young people aged 16 to 18 not in education")
    assert "Lower is better. Target: 10.0%. Amber within 5 percentage points of target." in texts(
        app
    )
    assert app.dataframe == []  # a plain table: no grid for the browser to load
    history = captioned(app, "Young people aged 16 to 18 not in education").table("Period")
    [q3] = [row for row in history if row["Period"] == "2025/26 Q3"]
    assert (q3["Value"], q3["Of (n / N)"], q3["Status"]) == ("22.0%", "11 of 50", "■ Red")


def test_measure_page_draws_its_trend_as_a_picture_and_its_interactive_chart_on_request(
    app: AppTest,
) -> None:
    # NEET over the demo's 16 quarters: 16.0% in 2022/23 Q3 down to 6.5% in 2026/27 Q2.
    open_page(app, "measure", measure="NEET_16_18", period=LATEST)
    [picture] = pictures(app)
    assert picture.alt.startswith("Fell from 16.0% to 6.5% over 16 quarters")
    assert {"2022/23 Q3", "2026/27 Q2"} <= set(picture.lines)
    assert picture.alt in texts(app)  # its words under it, for everyone
    fold = "Interactive chart: point at a quarter to read its figures"
    assert [read(e.label) for e in app.expander if read(e.label) == fold] == [fold]
    assert app.get("plotly_chart") == []  # not drawn until asked for
    # Opened: the chart, with the same words as its alternative.
    app.session_state["measure_trend_open"] = True
    app.run()
    [chart] = app.get("plotly_chart")
    assert chart.proto.alt == picture.alt


def test_a_link_to_a_measures_interactive_chart_opens_it(app: AppTest) -> None:
    # What a tile's "Interactive chart, every quarter" links to.
    open_page(app, "measure", measure="NEET_16_18", period=LATEST, chart="interactive")
    [chart] = app.get("plotly_chart")
    assert chart.proto.alt.startswith("Fell from 16.0% to 6.5% over 16 quarters")
    assert app.query_params["chart"] == "interactive"


def test_a_meaningless_chart_value_in_a_link_is_dropped_from_the_address(app: AppTest) -> None:
    open_page(app, "measure", measure="NEET_16_18", period=LATEST, chart="<b>x</b>")
    assert app.get("plotly_chart") == [] and "chart" not in app.query_params
