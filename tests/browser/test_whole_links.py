"""A link shows its whole label at phone width (390 × 844), wrapped, rather than cut with an
ellipsis at the screen's edge: the Overview's watch list and good news (plain links in its
HTML) name each measure, its figure and its status; the Measure page (a page link) names
its priority in full."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import wait_for_app

pytestmark = pytest.mark.browser

# Labels of visible links whose text runs past their box (what an ellipsis hides): page
# links, and the links of our own HTML.
LINKS = "[data-testid='stPageLink-NavLink'], .sc-piece a"
CUT = """() => [...document.querySelectorAll("[data-testid='stPageLink-NavLink'], .sc-piece a")]
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
    link = page.locator(LINKS).filter(has_text=label).locator("visible=true")
    expect(link.first).to_be_visible(timeout=30_000)
    assert page.evaluate(CUT) == []
