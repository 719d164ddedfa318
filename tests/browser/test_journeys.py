"""Journeys a panel member makes, in real Chromium against a running app."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def wait_for_app(page: Page) -> None:
    page.wait_for_selector("[data-testid='stAppViewContainer']")
    expect(page.get_by_text("Demonstration data.")).to_be_visible(timeout=30_000)


def test_deep_link_on_a_fresh_server_runs_through_the_app_frame(page: Page, app_url: str) -> None:
    # The first request this server sees is a deep link: it must still get app.py's frame
    # (banner, navigation), not a bare page script (see README, "Pages live in app_pages/").
    page.goto(f"{app_url}/priority?priority=3")
    wait_for_app(page)
    expect(
        page.get_by_role("heading", name="3. Keeping children and young people safe")
    ).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav").get_by_text("Overview")).to_be_visible()


def test_member_goes_from_overview_to_a_priority_and_sees_tiles_and_charts(
    page: Page, app_url: str
) -> None:
    page.goto(app_url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Corporate Parenting Scorecard")).to_be_visible()
    page.get_by_role("link", name="2. Education, learning and training").click()
    expect(page.get_by_role("heading", name="2. Education, learning and training")).to_be_visible()
    assert "priority=2" in page.url
    tile = page.locator("#tile_NEET_16_18")
    expect(tile).to_contain_text("6.5%", timeout=30_000)  # a dozen charts under load
    expect(tile).to_contain_text("4 of 62")
    expect(tile).to_contain_text("Green")
    # The trend beside the tile is a picture, named in words for anyone who cannot see it,
    # and its interactive chart is one click away.
    trend = page.get_by_role("img", name="Fell from 16.0% to 6.5% over 16 quarters")
    expect(trend).to_be_visible()
    assert trend.evaluate("img => img.complete && img.naturalHeight > 200")
    expect(page.get_by_text("Fell from 16.0% to 6.5% over 16 quarters").first).to_be_visible()
    page.get_by_role("link", name="Interactive chart, every quarter").first.click()
    expect(page.get_by_role("heading", name="About this measure")).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)


def test_member_opens_a_measure_from_its_tile(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/priority?priority=2&period=2025/26%20Q3")
    wait_for_app(page)
    tile = page.locator("#tile_NEET_16_18")
    expect(tile).to_contain_text("22.0%")
    tile.get_by_role("link", name="History and definition").click()
    expect(page.get_by_role("heading", name="About this measure")).to_be_visible()
    assert "measure=NEET_16_18" in page.url
    expect(page.get_by_text("Lower is better. Target: 10.0%.")).to_be_visible()


def test_councillor_finds_a_red_measure_of_a_priority_and_why_it_is_red(
    page: Page, app_url: str
) -> None:
    # Return home interviews within 72 hours, 2026/27 Q2: 55 of 78 = 70.5% against a 90%
    # target with 10 points' tolerance: more than 10 points short, so Red.
    page.goto(app_url)
    wait_for_app(page)
    shots = ARTIFACTS / "journey-overview-to-red-measure"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "1-overview.png"), full_page=True)

    page.get_by_role("link", name="3. Keeping children and young people safe").click()
    tile = page.locator("#tile_RHI_72H")
    expect(tile).to_contain_text("70.5%")
    expect(tile).to_contain_text("■ Red")
    page.screenshot(path=str(shots / "2-priority.png"), full_page=True)

    page.get_by_role("tab", name="What we are hearing").click()
    expect(page.get_by_text("Only 70.5% of return home interviews")).to_be_visible()
    page.get_by_role("tab", name="Measures").click()

    tile.get_by_role("link", name="History and definition").click()
    expect(
        page.get_by_role("heading", name="Return home interviews held within 72 hours")
    ).to_be_visible()
    expect(page.get_by_text("Higher is better. Target: 90.0%.")).to_be_visible()
    page.screenshot(path=str(shots / "3-measure.png"), full_page=True)
