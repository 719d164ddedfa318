"""Each page has its own title in the browser's tab (WCAG 2.4.2), and the sidebar's quarter
picker shows the whole quarter (issue 16 point 6)."""

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


def test_the_sidebar_quarter_picker_is_not_cut(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/priority?priority=5&period=2026/27%20Q2")
    wait_for_app(page)
    picker = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Quarter")
    expect(picker).to_have_value("2026/27 Q2 · Jul–Sep 2026")
    # The text is no wider than the box it is shown in: nothing is cut off. (The long label,
    # "2026/27 Q2 (July to September 2026)", was cut after "September 2".)
    text, box = picker.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert text <= box, (text, box)
