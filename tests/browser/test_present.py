"""The chair presents a themed meeting in real Chromium, at the 1280×720 of a shared screen
in a video call. The screenshot of a slide is kept in test-artifacts/ to look at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

SLIDE = "4. Positive relationships and stable homes"


@pytest.fixture
def chair(browser, demo_database: str) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    yield page
    context.close()


def test_chair_sees_the_theme_slide_full_screen_at_1280_by_720(chair: Page, app_url: str) -> None:
    chair.goto(f"{app_url}/present?meeting=3&slide=2")
    expect(chair.get_by_role("heading", name=SLIDE)).to_be_visible(timeout=30_000)
    expect(chair.locator(".st-key-slide_chart_box img").first).to_be_visible(timeout=30_000)
    expect(chair.get_by_text("Measures that need attention")).to_be_visible()
    # No navigation menu and no sidebar while presenting.
    expect(chair.get_by_test_id("stSidebarNav")).to_have_count(0)
    sidebar = chair.get_by_test_id("stSidebar")
    if sidebar.count():
        box = sidebar.bounding_box()
        assert box is None or box["x"] + box["width"] <= 0, "the sidebar is closed"
    chair.wait_for_timeout(1500)  # let the chart finish drawing
    ARTIFACTS.mkdir(exist_ok=True)
    chair.screenshot(path=str(ARTIFACTS / "present_slide_1280x720.png"))


def test_chair_moves_on_with_next_and_a_refresh_keeps_the_place(chair: Page, app_url: str) -> None:
    chair.goto(f"{app_url}/present?meeting=3&slide=2")
    expect(chair.get_by_role("heading", name=SLIDE)).to_be_visible(timeout=30_000)
    chair.locator(".st-key-present_next button").click()  # what is said about priority 4
    expect(chair.get_by_text("In their words")).to_be_visible()
    chair.locator(".st-key-present_next button").click()
    expect(chair.get_by_role("heading", name="1. Strong corporate parenting")).to_be_visible()
    assert "slide=4" in chair.url
    chair.reload()
    expect(chair.get_by_role("heading", name="1. Strong corporate parenting")).to_be_visible(
        timeout=30_000
    )
    chair.locator(".st-key-present_previous button").click()
    expect(chair.get_by_role("heading", name=SLIDE)).to_be_visible()
    assert "slide=3" in chair.url
