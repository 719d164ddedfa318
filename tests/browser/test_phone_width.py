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
    listed = page.locator(".sc-narrow")
    expect(listed).to_be_visible(timeout=30_000)
    expect(page.locator(".sc-wide")).to_be_hidden()
    # One link per measure of the demo catalogue, each to its own page, under its priority.
    expect(listed.get_by_role("link")).to_have_count(56, timeout=30_000)
    expect(listed.get_by_role("heading", level=3)).to_have_count(6)
    eet = listed.get_by_role("link", name="Care leavers aged 19 to 21 in education")
    expect(eet.locator("xpath=..")).to_contain_text("■ Red 44.7% ↓ Worsening")
    assert page.evaluate(SIDEWAYS) == 0
    # A tap opens the measure's page in the same tab, for the quarter looked at.
    eet.click()
    expect(page).to_have_url(f"{app_url}/measure?measure=CL_EET_19_21&period=2026%2F27+Q2")
    expect(page.get_by_role("heading", name="About this measure")).to_be_visible(timeout=30_000)


def test_at_laptop_width_the_overview_shows_the_scorecard_as_a_table_a_keyboard_can_use(
    page: Page, app_url: str
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{app_url}/?period=2026/27 Q2")
    wait_for_app(page)
    table = page.locator(".sc-wide table")
    expect(table).to_be_visible(timeout=30_000)
    expect(page.locator(".sc-narrow")).to_be_hidden()
    assert page.evaluate(SIDEWAYS) == 0
    # Every column is in view without scrolling the table sideways (to the pixel: the browser
    # rounds the box's inner width down and the table's width up).
    overflow = "(r => r.scrollWidth - r.clientWidth)(document.querySelector('.sc-wide'))"
    assert page.evaluate(overflow) <= 1
    priority = page.get_by_role("link", name="1. Strong corporate parenting")
    expect(priority).to_be_visible(timeout=30_000)  # the page has been drawn below the grid
    # From the keyboard: the skip link comes first, then the table, then its first measure.
    skip = page.get_by_role("link", name="Skip past the scorecard")
    skip.focus()
    expect(skip).to_be_visible()  # shown while it has the focus
    page.keyboard.press("Tab")
    expect(page.locator(".sc-wide")).to_be_focused()
    page.keyboard.press("Tab")
    first = table.get_by_role("link", name="Children in care", exact=True)
    expect(first).to_be_focused()
    # The skip link passes all 56 measures: the next stops are the Priorities heading's own
    # anchor link, then the first priority.
    skip.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#sc-grid-end")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(priority).to_be_focused()
    # Enter on a measure opens its page in the same tab, for the quarter looked at.
    first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{app_url}/measure?measure=CLA_COUNT&period=2026%2F27+Q2")
    expect(page.get_by_role("heading", name="About this measure")).to_be_visible(timeout=30_000)


def test_at_phone_width_trends_are_one_column_and_nothing_scrolls_sideways(
    page: Page, app_url: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/trends?priority=1&period=2026/27 Q2")
    wait_for_app(page)
    chart = page.locator(".sc-trend .sc-narrow-only img")
    expect(chart).to_be_visible(timeout=30_000)
    expect(page.locator(".sc-trend .sc-wide-only img")).to_be_hidden()
    # One column: the picture as wide as the page, drawn at its own size (its words are not
    # shrunk to fit): a 2026/27 Q2 label is 12 px text, about 60 px wide.
    box = chart.bounding_box()
    assert box is not None and 330 <= box["width"] <= 390
    assert chart.evaluate("img => img.complete && img.naturalHeight > 1000")
    # The quarter the lines end at can be seen and changed without opening the sidebar.
    main = page.locator("[data-testid='stMain']")
    quarter = main.locator("summary", has_text="Quarter:")
    expect(quarter).to_be_visible()
    expect(quarter).to_contain_text("Quarter: 2026/27 Q2 · Jul–Sep 2026")
    assert page.evaluate(SIDEWAYS) == 0


def test_at_phone_width_a_tiles_table_of_figures_scrolls_sideways_in_its_own_box(
    page: Page, app_url: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/priority?priority=5&period=2026/27 Q2")
    wait_for_app(page)
    measure = page.locator(".sc-measure").filter(has=page.locator("#tile_CL_EET_19_21"))
    measure.get_by_text("Show the figures as a table, in words").click()
    box = page.get_by_role("region", name="Care leavers aged 19 to 21 in education")
    expect(box).to_be_visible(timeout=30_000)
    # Its six columns are wider than a phone: the box scrolls, the page does not.
    assert box.evaluate("b => b.scrollWidth - b.clientWidth") > 0
    assert page.evaluate(SIDEWAYS) == 0
    # A keyboard reaches the box and scrolls it; the caption's words stay in view.
    box.focus()
    expect(box).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=5_000)
    caption = box.locator("caption span").bounding_box()
    shown = box.bounding_box()
    assert caption is not None and shown is not None
    assert (
        shown["x"] <= caption["x"]
        and caption["x"] + caption["width"] <= shown["x"] + shown["width"] + 1
    )
    expect(box.get_by_role("row").nth(1)).to_contain_text("44.7%")


def test_at_laptop_width_the_published_figures_show_every_column_without_scrolling(
    page: Page, app_url: str
) -> None:
    # Each measure's name and "c (suppressed to protect confidentiality)" on one line made
    # priority 2's table 338 px wider than its box: "How we are doing" was cut off.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{app_url}/public?period=2026/27 Q2")
    wait_for_app(page)
    page.get_by_text("The figures", exact=True).nth(1).click()
    table = page.locator(".sc-figures").filter(has_text="Education, learning and training")
    expect(table.get_by_role("columnheader", name="Since last time")).to_be_visible()
    overflow = "box => box.scrollWidth - box.clientWidth"
    assert table.evaluate(overflow) <= 1
    # Wrapped, a yearly figure is still one cell naming its year.
    expect(table.get_by_role("cell", name="17.9% (academic year 2024/25)")).to_be_visible()
