"""The static published site (``python -m scorecard publish``) in Chromium, served by a plain
web server on loopback as any server or CDN would serve it: WCAG 2.2 AA by axe-core on the
index and every priority page, a skip link first, and no script anywhere.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT
from tests.browser.test_accessibility import AXE, WCAG_TAGS, serious_violations

pytestmark = pytest.mark.browser


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(demo_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("static") / "site"
    subprocess.run(
        [sys.executable, "-m", "scorecard", "--db", demo_database, "publish", str(out)],
        check=True,
        cwd=ROOT,
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    # The pages forbid every script by their Content-Security-Policy; axe is one, so this
    # context alone lets it in. The test below checks the policy holds without it.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    found = context.new_page()
    yield found
    context.close()


PAGES = ["index.html", *(f"priority-{n}.html" for n in range(1, 7))]


@pytest.mark.parametrize("name", PAGES)
def test_the_static_page_has_no_accessibility_violations(
    page: Page, site_url: str, name: str
) -> None:
    page.goto(f"{site_url}/{name}")
    expect(page.get_by_text("Demonstration data.")).to_be_visible()
    assert serious_violations(page) == []
    # Minor and moderate ones too: a page this plain has no reason for any.
    every = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => v.id)",
        WCAG_TAGS,
    )
    assert every == [], json.dumps(every)


def test_the_skip_link_comes_first_and_lands_on_the_main_content(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/priority-2.html")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    assert page.get_by_role("columnheader", name="Figure").is_visible()


def test_the_pages_refuse_to_run_any_script(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{site_url}/index.html")
        with pytest.raises(Exception, match="violates the following Content Security Policy"):
            page.add_script_tag(path=str(AXE))
        assert page.evaluate("typeof axe") == "undefined"
    finally:
        context.close()
