"""A page link shows its whole label at phone width (390 × 844), wrapped, rather than cut
with an ellipsis at the screen's edge: the Overview's watch list and good news name each
measure, its figure and its status; the Measure page names its priority in full."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import wait_for_app

pytestmark = pytest.mark.browser

# Labels of visible page links whose text runs past their box (what an ellipsis hides).
CUT = """() => [...document.querySelectorAll('[data-testid="stPageLink-NavLink"]')]
  .filter(a => a.offsetParent !== null)
  .flatMap(a => [a, ...a.querySelectorAll('*')])
  .filter(el => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right >
                document.documentElement.clientWidth + 0.5)
  .map(el => el.innerText.trim().slice(0, 60))"""


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/?period=2026/27 Q2", "Councillors who have completed corporate parenting training"),
        (
            "/measure?measure=CL_EET_19_21",
            "Priority 5: Respected, engaged and moving into adulthood",
        ),
    ],
)
def test_at_phone_width_no_page_link_is_cut_short(
    page: Page, app_url: str, path: str, label: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}{path}")
    wait_for_app(page)
    link = page.locator("[data-testid='stPageLink-NavLink']:visible").filter(has_text=label)
    expect(link.first).to_be_visible(timeout=30_000)
    assert page.evaluate(CUT) == []
