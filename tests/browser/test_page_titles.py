"""Each page has its own title in the browser's tab (WCAG 2.4.2), and the sidebar's quarter
picker shows the whole quarter (issue 16 point 6) and is used by keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import wait_for_app

pytestmark = pytest.mark.browser


def test_each_page_is_titled_with_what_it_shows(page: Page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_app(page)
    expect(page).to_have_title("Overview · Corporate Parenting Scorecard")
    page.goto(f"{app_url}/priority?priority=5")
    wait_for_app(page)
    expect(page).to_have_title("Priority 5 · Corporate Parenting Scorecard")
    page.goto(f"{app_url}/trends?priority=2")
    wait_for_app(page)
    expect(page).to_have_title("Trends for priority 2 · Corporate Parenting Scorecard")
    page.goto(f"{app_url}/public")
    wait_for_app(page)
    expect(page).to_have_title("Published version · Corporate Parenting Scorecard")


def test_the_sidebar_quarter_picker_shows_the_whole_quarter_and_works_by_keyboard(
    page: Page, app_url: str
) -> None:
    page.goto(f"{app_url}/priority?priority=5&period=2026/27%20Q2")
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    fold = sidebar.locator("summary", has_text="Quarter:")
    expect(fold).to_contain_text("Quarter: 2026/27 Q2 · Jul–Sep 2026")
    # Its words wrap inside the sidebar rather than being cut off. (The long label,
    # "2026/27 Q2 (July to September 2026)", was once cut after "September 2".)
    text, box = fold.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert text <= box, (text, box)
    # By keyboard alone: open the list, move to a quarter, choose it.
    fold.focus()
    page.keyboard.press("Enter")
    shown = sidebar.get_by_role("button", name="2026/27 Q2 · Jul–Sep 2026")
    expect(shown).to_be_visible()
    for _ in range(4):  # 2026/27 Q2 (ticked), 2026/27 Q1, 2025/26 Q4, 2025/26 Q3
        page.keyboard.press("Tab")
    expect(sidebar.get_by_role("button", name="2025/26 Q3 · Oct–Dec 2025")).to_be_focused()
    page.keyboard.press("Enter")
    expect(fold).to_contain_text("Quarter: 2025/26 Q3 · Oct–Dec 2025")
    expect(shown).to_be_hidden()  # picked: the list folds away
    expect(page.get_by_text("2025/26 Q3 (October to December 2025)").first).to_be_visible()
    # The address says so: a link copied now opens this quarter.
    assert "period=2025%2F26+Q3" in page.evaluate("() => location.href")
