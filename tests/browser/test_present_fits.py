"""Every slide fits the screen, as a chair shares it: at 1280×720 (a laptop shared to a
projector or a video call) and 1920×1080, with the public session off and on, stepping
through the whole deck with Next. Nothing may scroll, nothing may be cut off and no label of
the chart may cover the measure's name above it; each slide's screenshot is kept in
test-artifacts/ to look at.

The database is the demonstration's, with priority 4's achievement and the voice of a young
person approved for publication, so the public session has one slide of commentary too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from scorecard import disclosure
from scorecard.periods import parse_period
from scorecard.records import CommentaryKind
from scorecard.startup import init_demo
from scorecard.storage.store import Store
from tests.browser.conftest import ARTIFACTS, running_app

pytestmark = pytest.mark.browser

APPROVED = (CommentaryKind.ACHIEVEMENT, CommentaryKind.VOICE_OF_THE_CHILD)

# What overflows, in words: the page or Streamlit's main container scrolls; a piece of the
# slide reaches past the screen's edge or out of its card; an element clips what is in it.
OVERFLOW = """() => {
  const problems = [];
  const name = (el) => (el.innerText || el.getAttribute("aria-label") || el.className || el.tagName)
    .toString().trim().slice(0, 60);
  for (const [what, el] of [["page", document.scrollingElement],
                            ["main container", document.querySelector('[data-testid="stMain"]')]]) {
    const down = el.scrollHeight - el.clientHeight, across = el.scrollWidth - el.clientWidth;
    if (down > 0) problems.push(`the ${what} scrolls by ${down} px`);
    if (across > 0) problems.push(`the ${what} scrolls sideways by ${across} px`);
  }
  const W = window.innerWidth, H = window.innerHeight;
  const shown = document.querySelectorAll(
    '[data-testid="stMain"] :is(h1, h2, p, li, button, a, img, .stMarkdownBadge)');
  for (const el of shown) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.bottom > H + 0.5 || r.right > W + 0.5 || r.top < -0.5 || r.left < -0.5)
      problems.push(`"${name(el)}" is cut off by the edge of the screen (at ${r.bottom} of ${H})`);
    const card = el.closest('[class*="st-key-slide_measure_"], [class*="st-key-carried_"]');
    if (card && r.bottom > card.getBoundingClientRect().bottom + 0.5)
      problems.push(`"${name(el)}" runs out of its card`);
  }
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    if (el.clientWidth <= 1 && el.clientHeight <= 1) continue;  // hidden for screen readers
    const style = getComputedStyle(el);
    const clips = (o) => ["hidden", "clip", "auto", "scroll"].includes(o);
    if ((clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1) ||
        (clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1))
      problems.push(`"${name(el)}" hides part of what is in it`);
  }
  return problems;
}"""


# The chart clashes with the slide: the picture (its key above the plot, its labels inside it)
# must start below the measure's name however many lines that takes, and end on the screen.
CLASHES = """() => {
  const problems = [];
  const box = document.querySelector('.st-key-slide_chart_box');
  const chart = box && box.querySelector('img');
  if (!chart) return problems;  // a slide with no chart (DRAWN waits for one that has)
  const r = chart.getBoundingClientRect();
  for (const h of document.querySelectorAll('.st-key-slide h2')) {
    const n = h.getBoundingClientRect();
    if (r.top < n.bottom - 0.5 && n.top < r.bottom && r.left < n.right && n.left < r.right)
      problems.push(`the chart overlaps the heading at ${n.top}-${n.bottom}`);
  }
  if (r.bottom > window.innerHeight + 0.5 || r.right > window.innerWidth + 0.5)
    problems.push(`the chart reaches past the screen (${r.right} x ${r.bottom})`);
  return problems;
}"""


# The run has finished (nothing on the page is left from the slide before) and the chart, if
# the slide has one, is drawn at its full size.
DRAWN = """() => {
  if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
  const box = document.querySelector('.st-key-slide_chart_box');
  if (!box) return true;
  const chart = box.querySelector('img');
  return !!chart && chart.complete && chart.naturalWidth > 0 &&
    chart.getBoundingClientRect().height > 0.4 * window.innerHeight;
}"""


@pytest.fixture(scope="module")
def meeting_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('present') / 'scorecard.db'}"
    store = Store.open(url)
    init_demo(store)
    said = store.commentary(parse_period("2026/27 Q2"), 4)
    approved = {disclosure.text_key(c): c for c in said if c.kind in APPROVED}
    assert len(approved) == 2
    store.set_publication(approved, [], actor="the test", threshold=5)
    with running_app(url) as address:
        yield address


def step_through(page: Page, address: str, public: bool) -> list[str]:
    """Open slide 1 and press Next to the end; every slide is checked and photographed.
    Returns each slide's heading."""
    width = page.viewport_size["width"] if page.viewport_size else 0
    size = f"{width}x{page.viewport_size['height'] if page.viewport_size else 0}"
    session = "public" if public else "panel"
    switch = "&public_session=true" if public else ""
    page.goto(f"{address}/present?meeting=3&slide=1{switch}")
    headings = []
    number = 1
    while True:
        bar = page.locator(".st-key-present_bar")
        expect(bar).to_contain_text(f"Slide {number} of", timeout=30_000)
        expect(page.locator(".st-key-slide h1")).to_be_visible()
        page.wait_for_function(DRAWN, timeout=30_000)
        page.wait_for_timeout(300)  # let the chart settle at its size
        problems = page.evaluate(OVERFLOW) + page.evaluate(CLASHES)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"present_{size}_{session}_{number:02d}.png"))
        assert problems == [], f"slide {number} at {size}, {session}: {problems}"
        headings.append(page.locator(".st-key-slide h1").inner_text())
        after = page.locator(".st-key-present_next button")
        if after.is_disabled():
            return headings
        after.click()
        number += 1


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("public", [False, True], ids=["panel", "public"])
def test_every_slide_fits_the_screen_with_nothing_cut_off(
    browser, meeting_app: str, width: int, height: int, public: bool
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        headings = step_through(page, meeting_app, public)
    finally:
        context.close()
    # Actions; then each priority's figures and what people say about it (for the public,
    # only priority 4 has approved words).
    priorities = [
        "4. Positive relationships and stable homes",
        "1. Strong corporate parenting",
        "2. Education, learning and training",
        "3. Keeping children and young people safe",
        "5. Respected, engaged and moving into adulthood",
        "6. Health and wellbeing",
    ]
    if public:
        expected = [priorities[0], *priorities]
    else:
        expected = [title for title in priorities for _ in range(2)]
    assert headings == ["Actions from earlier meetings", *expected]


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_type_and_chart_grow_with_the_screen_and_the_banners_take_one_line(
    browser, meeting_app: str, width: int, height: int
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(f"{meeting_app}/present?meeting=3&slide=2")
        expect(page.locator(".st-key-slide_chart_box img").first).to_be_visible(timeout=30_000)
        page.wait_for_timeout(400)
        # Body text is 1.7% of the width: 21.76 px at 1280, 32.64 px at 1920.
        card = page.locator('[class*="st-key-slide_measure_"] p').first
        size = card.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert size == pytest.approx(width * 0.017, abs=0.01)
        # The chart is 48% of the height: 346 px at 720, 519 px at 1080.
        chart = page.locator(".st-key-slide_chart_box img").first.bounding_box()
        assert chart is not None and chart["height"] == pytest.approx(height * 0.48, abs=2)
        # Its lettering grows with the type: the picture's own 17 px labels and 18 px key
        # (tests/unit/test_slides.py), drawn 576 px wide at 1280, are 17 and 18 px on the
        # screen at 1280 and 17 × 1.5 = 25.5 and 27 px at 1920.
        assert chart["width"] == pytest.approx(576 * width / 1280, abs=2)
        # The demonstration banner and the local-mode line are one short line, not a box.
        banner = page.locator(".st-key-present_banner")
        expect(banner).to_contain_text("Demonstration data. All made up · Local mode")
        line = banner.bounding_box()
        assert line is not None and line["height"] < width * 0.017 * 1.5
        expect(page.get_by_test_id("stAlert")).to_have_count(0)
    finally:
        context.close()


def test_the_public_session_shows_only_the_approved_words(browser, meeting_app: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(f"{meeting_app}/present?meeting=3&slide=3&public_session=true")
        slide = page.locator(".st-key-slide")
        expect(slide).to_contain_text("Voice of children and young people", timeout=30_000)
        expect(slide).to_contain_text("Achievements")
        expect(slide).not_to_contain_text("Concerns")
        expect(slide).not_to_contain_text("You said, we did")
    finally:
        context.close()
