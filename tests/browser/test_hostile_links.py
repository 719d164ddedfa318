"""A link with Markdown in it, and a catalogue and DfE files full of links, images and HTML,
make no link, load no image and send no request anywhere in real Chromium (issue 13, point 6).

`/?period=[Your session has expired](https://evil.example/login) ![t](...)` once showed a
live link and loaded the image inside the council's own warning box, with no sign-in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from tests.app.test_hostile_text import LINK, hostile_database
from tests.browser.conftest import running_app

pytestmark = pytest.mark.browser

# Every attribute through which a page links to or loads something, HTML and SVG (plotly).
OUTSIDE_REFERENCES = """() => {
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (["href", "xlink:href", "src", "srcset", "action", "formaction", "poster", "data"]
            .includes(name) && attribute.value.includes("evil.example")) {
        found.push(`<${element.tagName} ${name}="${attribute.value}">`);
      }
    }
  }
  return found;
}"""


LINKS_AWAY = """() => [...document.querySelectorAll("a[href]")]
  .filter((a) => new URL(a.href, location.href).origin !== location.origin)
  .map((a) => `${a.textContent} -> ${a.href}`)"""


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("hostile-browser")
    with running_app(hostile_database(folder)) as url:
        yield url


def _visit(page: Page, url: str, settled: str) -> list[str]:
    """Open ``url``, wait until ``settled`` is on screen, and return every request the page
    tried to send to the attacker (each is refused here rather than let out)."""
    tried: list[str] = []

    def record(route: Route) -> None:
        if (urlsplit(route.request.url).hostname or "").endswith("evil.example"):
            tried.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", record)
    page.goto(url)
    page.wait_for_selector("[data-testid='stAppViewContainer']")
    expect(page.get_by_text(settled).first).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1500)  # images and charts that would load do so by now
    return tried


def test_markdown_in_a_link_is_shown_as_text_and_fetches_nothing(
    page: Page, hostile_app: str
) -> None:
    tried = _visit(page, f"{hostile_app}/?period={quote(LINK)}", "[Your session has expired](")
    warning = page.get_by_test_id("stAlertContentWarning").filter(has_text="Your session")
    expect(warning).to_contain_text("![t](http")
    assert page.evaluate(OUTSIDE_REFERENCES) == []
    assert page.evaluate(LINKS_AWAY) == []
    assert tried == []


@pytest.mark.parametrize(
    "path",
    [
        "measure?measure=SW_3PLUS&period=2026%2F27%20Q2",
        "priority?priority=4&period=2026%2F27%20Q2",
        "benchmarks?measure=SW_3PLUS",
    ],
)
def test_a_hostile_catalogue_and_dfe_files_make_no_link_and_fetch_nothing(
    page: Page, hostile_app: str, path: str
) -> None:
    tried = _visit(page, f"{hostile_app}/{path}", "[Your session has expired](")
    # An interactive chart, or on a Priority page the static pictures of its tiles.
    chart = page.locator("[data-testid='stPlotlyChart'], .sc-trend img").first
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible(timeout=30_000)
    chart.hover()  # a hover label is drawn on demand
    page.wait_for_timeout(500)
    assert page.evaluate(OUTSIDE_REFERENCES) == []
    # The page's own links (a page link labelled with a hostile priority title) stay on it.
    assert page.evaluate(LINKS_AWAY) == []
    assert tried == []


def test_a_hostile_catalogue_in_a_priority_pages_tiles_is_text_and_fetches_nothing(
    page: Page, hostile_app: str
) -> None:
    # Each measure is raw HTML (one element, built once): every name in it must be escaped.
    tried = _visit(page, f"{hostile_app}/priority?priority=1", "[Your session has expired](")
    name = page.locator("#tile_CLA_COUNT h2")
    expect(name).to_contain_text(
        "Children in care [Your session has expired](https://evil.example/login) "
        "![t](http://evil.example/t.png) <a href='https://evil.example/a'>here</a>"
    )
    for summary in page.locator(".sc-measure summary").all():
        summary.click()  # the words, the figures and the breakdowns, opened
    tiles = page.locator(".sc-measure")
    # Only our own pictures (drawn on the server, as data: addresses) and the app's links.
    assert tiles.locator("script, iframe, object, embed").count() == 0
    sources = tiles.locator("img").evaluate_all("imgs => imgs.map(i => i.src)")
    assert sources and all(s.startswith("data:image/svg+xml;base64,") for s in sources)
    hrefs = tiles.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(
        h.startswith((f"{hostile_app}/measure?measure=", f"{hostile_app}/benchmarks?measure="))
        for h in hrefs
    )
    assert page.evaluate(OUTSIDE_REFERENCES) == []
    assert page.evaluate(LINKS_AWAY) == []
    assert tried == []


def test_a_hostile_catalogue_in_the_overviews_grid_is_text_and_fetches_nothing(
    page: Page, hostile_app: str
) -> None:
    # The grid is raw HTML (one element, built once): every name in it must be escaped.
    page.set_viewport_size({"width": 1366, "height": 900})
    tried = _visit(page, f"{hostile_app}/?period=2026%2F27%20Q2", "[Your session has expired](")
    grid = page.locator(".sc-wide table")
    expect(grid).to_be_visible()
    expect(grid.get_by_role("link").first).to_contain_text(
        "<a href='https://evil.example/a'>here</a> <img src=https://evil.example/i.png>"
    )
    for form in (".sc-wide", ".sc-narrow"):
        # Only the measures' own links, each to the Measure page of this app.
        assert page.locator(f"{form} img, {form} script, {form} iframe").count() == 0
        hrefs = page.locator(f"{form} a").evaluate_all("links => links.map(a => a.href)")
        assert hrefs and all(h.startswith(f"{hostile_app}/measure?measure=") for h in hrefs)
    assert page.evaluate(OUTSIDE_REFERENCES) == []
    assert page.evaluate(LINKS_AWAY) == []
    assert tried == []
