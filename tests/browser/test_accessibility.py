"""WCAG 2.2 AA checks with axe-core (from the npm registry, see package.json) on every page.

UK public-sector sites must meet WCAG 2.2 AA; any serious or critical violation fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import IN_CI
from ui.navigation import PAGE_SPECS

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
EXAMPLES = {"priority": "?priority=5", "measure": "?measure=CL_EET_19_21", "trends": "?priority=2"}


def serious_violations(page: Page) -> list[dict[str, object]]:
    if not AXE.exists():
        message = f"axe-core is not installed at {AXE} (run: npm ci)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "where": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def open_page(page: Page, address: str) -> None:
    """Open ``address`` and wait for the app's frame (its demonstration banner)."""
    page.goto(address)
    expect(page.get_by_text("Demonstration data.")).to_be_visible(timeout=30_000)


def assert_no_serious_violations(page: Page) -> None:
    found = serious_violations(page)
    assert found == [], json.dumps(found, indent=2)


@pytest.mark.parametrize("spec", PAGE_SPECS, ids=[s.key for s in PAGE_SPECS])
def test_page_has_no_serious_accessibility_violations(page: Page, app_url: str, spec) -> None:  # type: ignore[no-untyped-def]
    path = "" if spec is PAGE_SPECS[0] else spec.key
    open_page(page, f"{app_url}/{path}{EXAMPLES.get(spec.key, '')}")
    page.wait_for_timeout(1500)  # let charts finish drawing
    assert_no_serious_violations(page)


def test_a_priority_tiles_table_of_figures_opened_has_no_serious_violations(
    page: Page, app_url: str
) -> None:
    open_page(page, f"{app_url}/priority?priority=5")
    page.get_by_text("Show the figures as a table, in words").nth(1).click()
    table = page.get_by_role("table", name="Care leavers aged 19 to 21 in education")
    expect(table).to_be_visible(timeout=30_000)
    expect(table.get_by_role("columnheader", name="Since last period")).to_be_visible()
    expect(table.get_by_role("rowheader", name="2026/27 Q2")).to_be_visible()
    assert_no_serious_violations(page)


@pytest.mark.parametrize(
    ("path", "expander", "name", "row"),
    [
        ("trends?priority=5", "Show the figures as a table, in words", "Priority 5: each", None),
        ("public", "The figures", "The figures for", None),
        ("measure?measure=CL_EET_19_21", None, "Care leavers aged 19 to 21", "2026/27 Q2"),
    ],
    ids=["trends", "public", "measure"],
)
def test_a_pages_plain_table_of_figures_opened_has_no_serious_violations(
    page: Page, app_url: str, path: str, expander: str | None, name: str, row: str | None
) -> None:
    open_page(page, f"{app_url}/{path}")
    if expander is not None:
        page.get_by_text(expander, exact=True).first.click()
    table = page.get_by_role("table", name=name).first
    expect(table).to_be_visible(timeout=30_000)
    expect(table.get_by_role("columnheader").first).to_be_visible()
    if row is not None:
        expect(table.get_by_role("rowheader", name=row)).to_be_visible()
    assert_no_serious_violations(page)


def test_the_meetings_publishing_tab_drawn_when_chosen_has_no_serious_violations(
    page: Page, app_url: str
) -> None:
    # Only the open tab is drawn: choosing another runs the page again and draws it.
    open_page(page, f"{app_url}/meetings")
    expect(page.get_by_role("checkbox")).to_have_count(0)
    page.get_by_role("tab", name="Papers and publishing").click()
    expect(page.get_by_role("checkbox").first).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Commentary in the published version")).to_be_visible()


def test_a_tiles_words_open_by_keyboard_and_its_breakdown_opened_have_no_serious_violations(
    page: Page, app_url: str
) -> None:
    # Priority 3: "Return home interviews held within 72 hours" uses the glossary's "return
    # home interview"; its meaning is folded under the name, for a keyboard and a touch as
    # for a mouse (a title= tooltip would be for a mouse only).
    open_page(page, f"{app_url}/priority?priority=3")
    tile = page.locator("#tile_RHI_72H")
    meaning = tile.get_by_text("A talk with an independent worker")
    expect(meaning).to_be_hidden()
    tile.get_by_text("What its words mean").focus()
    page.keyboard.press("Enter")
    expect(meaning).to_be_visible()
    # Every breakdown opened: its picture is named in words.
    for summary in page.locator(".sc-breakdown summary").all():
        summary.click()
    pictures = page.locator(".sc-breakdown img")
    assert pictures.count() >= 1
    assert all(alt for alt in pictures.evaluate_all("imgs => imgs.map(i => i.alt)"))
    assert_no_serious_violations(page)


@pytest.mark.parametrize("path", ["/?period=2026/27 Q2", "/pledge?period=2026/27 Q2"])
def test_the_overviews_and_pledges_folded_sections_opened_have_no_serious_violations(
    page: Page, app_url: str, path: str
) -> None:
    open_page(page, f"{app_url}{path}")
    # Once the page's run has finished: an element still arriving is drawn afresh, folded.
    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=30_000)
    folded = page.locator(".sc-details > summary")
    expect(folded.first).to_be_visible(timeout=30_000)
    # A keyboard opens each (the browser's own <details>), and what was folded is shown.
    for number in range(folded.count()):
        folded.nth(number).focus()
        page.keyboard.press("Enter")
    expect(page.locator(".sc-details:not([open])")).to_have_count(0)
    expect(page.locator(".sc-folded").first).to_be_visible()
    assert_no_serious_violations(page)


def test_a_prioritys_commentary_and_action_plan_have_no_serious_violations(
    page: Page, app_url: str
) -> None:
    open_page(page, f"{app_url}/priority?priority=3&period=2026/27 Q2")
    page.get_by_role("tab", name="What we are hearing").click()
    expect(page.get_by_role("heading", name="Voice of children and young people")).to_be_visible(
        timeout=30_000
    )
    found = serious_violations(page)
    page.get_by_role("tab", name="Action plan").click()
    expect(page.get_by_text("Commission return home interviews for children")).to_be_visible()
    found += serious_violations(page)
    assert found == [], json.dumps(found, indent=2)


def test_the_measure_pickers_list_opened_has_no_serious_violations(
    page: Page, app_url: str
) -> None:
    # Its choices (buttons) under each priority's name are sent only when it is opened.
    open_page(page, f"{app_url}/measure?measure=CLA_RATE")
    page.locator("summary", has_text="Measure:").click()
    expect(page.get_by_role("button", name="Children in care per 10,000 children")).to_be_visible()
    expect(page.get_by_text("6. Health and wellbeing")).to_be_visible()
    assert_no_serious_violations(page)


def test_the_meetings_forms_opened_have_no_serious_violations(page: Page, app_url: str) -> None:
    # Each form is sent only once its fold is opened (ui/meetings.fold).
    open_page(page, f"{app_url}/meetings")
    page.locator("summary", has_text="Record a resolution or an action").click()
    expect(page.get_by_label("What was resolved, or what is to be done")).to_be_visible()
    page.locator("summary", has_text="Update this action").first.click()
    expect(page.get_by_label("Latest update").first).to_be_visible()
    assert_no_serious_violations(page)
