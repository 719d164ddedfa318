"""Is the change real? The trend chart draws its process limits and special causes in the
browser, not only in the figure the server builds."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import wait_for_app

pytestmark = pytest.mark.browser


def test_the_measure_chart_draws_the_limits_band_and_special_cause_diamonds(
    page: Page, app_url: str
) -> None:
    # Demo CLA_RATE to 2026/27 Q2: eight quarters in a row above the average (special cause).
    page.goto(f"{app_url}/measure?measure=CLA_RATE&period=2026/27 Q2&chart=interactive")
    wait_for_app(page)
    expect(page.get_by_text("Eight quarters in a row above the average").first).to_be_visible(
        timeout=30_000
    )
    chart = page.locator(".st-key-measure_trend .js-plotly-plot")
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=30_000)
    drawn = chart.evaluate(
        """plot => ({
            shapes: plot._fullLayout.shapes.map(s => s.name),
            paths: plot.querySelectorAll('.shapelayer path').length,
            diamonds: [...plot.querySelectorAll('.scatterlayer .trace')]
                .filter(t => t.querySelector('.point'))
                .map(t => t.querySelectorAll('.point').length),
            traces: plot._fullData.map(t => t.name),
        })"""
    )
    assert "process limits" in drawn["shapes"] and "mean" in drawn["shapes"]
    assert drawn["paths"] >= len(drawn["shapes"])  # every shape has its path in the SVG
    assert "Special cause" in drawn["traces"]
    # The special-cause trace draws a marker for each of its quarters.
    special = drawn["traces"].index("Special cause")
    assert drawn["diamonds"][special] >= 8


def test_the_measures_interactive_chart_opens_and_closes_with_its_address(
    page: Page, app_url: str
) -> None:
    page.goto(f"{app_url}/measure?measure=CLA_RATE&period=2026/27 Q2")
    wait_for_app(page)
    # First the picture, named in words; no interactive chart until asked for.
    expect(
        page.get_by_role("img", name="Rose from 66.7 per 10,000 to 68.9 per 10,000")
    ).to_be_visible()
    assert page.locator("[data-testid='stPlotlyChart']").count() == 0
    fold = page.locator("summary", has_text="Interactive chart: point at a quarter")
    fold.click()
    expect(page.locator(".st-key-measure_trend .js-plotly-plot .main-svg").first).to_be_visible(
        timeout=30_000
    )
    assert "chart=interactive" in page.evaluate("() => location.href")  # a link to send
    fold.click()
    expect(page.locator("[data-testid='stPlotlyChart']")).to_have_count(0)
    assert "chart=" not in page.evaluate("() => location.href")
