"""At phone width (390 × 844) the Overview shows the scorecard as a list, the Trends page its
small lines in one column with its quarter in view, and neither page scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import wait_for_app

pytestmark = pytest.mark.browser

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_at_phone_width_the_overview_lists_every_measure_and_nothing_scrolls_sideways(
    page: Page, app_url: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/?period=2026/27 Q2")
    wait_for_app(page)
    listed = page.locator(".st-key-narrow_scorecard")
    expect(listed).to_be_visible(timeout=30_000)
    expect(page.locator(".st-key-wide_scorecard")).to_be_hidden()
    # One link per measure of the demo catalogue, each to its own page.
    # (Streamlit sends each page link twice, one form hidden for the screen it is not for.)
    links = listed.locator("[data-testid='stPageLink-NavLink']:visible")
    expect(links).to_have_count(56, timeout=30_000)
    assert "measure=CL_EET_19_21" in (
        listed.get_by_role(
            "link", name="Care leavers aged 19 to 21 in education"
        ).first.get_attribute("href")
        or ""
    )
    assert page.evaluate(SIDEWAYS) == 0


def test_at_laptop_width_the_overview_shows_the_scorecard_as_a_table(
    page: Page, app_url: str
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{app_url}/?period=2026/27 Q2")
    wait_for_app(page)
    expect(page.locator(".st-key-wide_scorecard [data-testid='stDataFrame']")).to_be_visible(
        timeout=30_000
    )
    expect(page.locator(".st-key-narrow_scorecard")).to_be_hidden()
    assert page.evaluate(SIDEWAYS) == 0
    # The table's links do not open from the keyboard; the same links, folded below it, do.
    folded = page.locator(".st-key-wide_scorecard [data-testid='stExpander'] summary")
    folded.focus()
    page.keyboard.press("Enter")
    first = page.locator(".st-key-wide_scorecard").get_by_role("link", name="Children in care:")
    first.first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{app_url}/measure?measure=CLA_COUNT&period=2026%2F27+Q2")


def test_at_phone_width_trends_are_one_column_and_nothing_scrolls_sideways(
    page: Page, app_url: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/trends?priority=1&period=2026/27 Q2")
    wait_for_app(page)
    chart = page.locator(".st-key-narrow_sparklines img")
    expect(chart).to_be_visible(timeout=30_000)
    expect(page.locator(".st-key-wide_sparklines")).to_be_hidden()
    # One column: the picture as wide as the page, drawn at its own size (its words are not
    # shrunk to fit): a 2026/27 Q2 label is 12 px text, about 60 px wide.
    box = chart.bounding_box()
    assert box is not None and 330 <= box["width"] <= 390
    assert chart.evaluate("img => img.complete && img.naturalHeight > 1000")
    # The quarter the lines end at can be seen and changed without opening the sidebar.
    main = page.locator("[data-testid='stMain']")
    quarter = main.get_by_role("combobox", name="Quarter")
    expect(quarter).to_be_visible()
    expect(quarter).to_have_value("2026/27 Q2 · Jul–Sep 2026")
    assert page.evaluate(SIDEWAYS) == 0
