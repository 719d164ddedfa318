"""An officer's quarter, in real Chromium: download the template, fill it in, upload it, read
the preview, save, and see the new figure on the Priority page.

The journey saves to the database, so it runs its own server on its own copy of the
demonstration authority: the shared server's figures, which other journeys check, stay as
they are. The demonstration's latest quarter is 2026/27 Q2, where NEET is 4 of 62 (6.5%); the
officer corrects it to 5 of 62, which is 8.06…%, shown as 8.1%.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT, running_app

pytestmark = pytest.mark.browser
QUARTER = "2026/27 Q2"


@pytest.fixture(scope="module")
def upload_app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('upload-journey') / 'scorecard.db'}"
    subprocess.run(
        [sys.executable, "-m", "scorecard", "--db", url, "init-demo"], check=True, cwd=ROOT
    )
    with running_app(url) as address:
        yield address


def keyed(page: Page, key: str):  # type: ignore[no-untyped-def]
    """The widget a page gave ``key=`` (Streamlit marks its container .st-key-<key>)."""
    return page.locator(f".st-key-{key}")


def metric(page: Page, label: str):  # type: ignore[no-untyped-def]
    return page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))


def fill_in(
    template: bytes, measure_id: str, value: float, numerator: int, denominator: int
) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book["Data"]
    header = [c.value for c in sheet[1]]
    column = {name: header.index(name) + 1 for name in header if name}
    for row in range(2, sheet.max_row + 1):
        if (
            sheet.cell(row, column["measure_id"]).value == measure_id
            and sheet.cell(row, column["breakdown"]).value == "All"
        ):
            sheet.cell(row, column["value"]).value = value
            sheet.cell(row, column["numerator"]).value = numerator
            sheet.cell(row, column["denominator"]).value = denominator
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_officer_downloads_fills_uploads_previews_and_saves_and_the_panel_sees_it(
    page: Page, upload_app_url: str, tmp_path: Path
) -> None:
    page.goto(f"{upload_app_url}/upload")
    expect(page.get_by_role("heading", name="Upload the quarter's figures")).to_be_visible(
        timeout=30_000
    )

    # 1. The template, for the latest quarter (a correction): chosen from the picker's list.
    page.locator("summary", has_text="Quarter to fill in:").click()
    page.get_by_role("button", name=f"{QUARTER} (July to September 2026)").click()
    expect(page.locator("summary", has_text="Quarter to fill in:")).to_contain_text(
        f"{QUARTER} (July to September 2026)"
    )
    button = keyed(page, "template_download").get_by_role("button")
    expect(button).to_contain_text(f"Download the template for {QUARTER}")
    # Clicked once the picker's run has finished: a run still going may draw the button again,
    # with its file under a new address, and a click on the old one downloads nothing.
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=30_000
    )
    with page.expect_download() as download:
        button.click()
    template = Path(download.value.path()).read_bytes()
    assert openpyxl.load_workbook(io.BytesIO(template)).sheetnames[:3] == [
        "Instructions",
        "Measures",
        "Data",
    ]

    # 2. Filled in and uploaded: the check finds nothing wrong and the preview shows the change.
    filled = tmp_path / "neet-correction.xlsx"
    filled.write_bytes(fill_in(template, "NEET_16_18", 8.1, 5, 62))
    keyed(page, "upload_file").locator("input[type=file]").set_input_files(filled)
    expect(page.get_by_text("No problems found.")).to_be_visible(timeout=30_000)
    expect(metric(page, "Changed figures")).to_contain_text("1")
    expect(metric(page, "New figures")).to_contain_text("0")

    # 3. Saved, and in the history.
    keyed(page, "upload_commit").get_by_role("button").click()
    expect(page.get_by_text("Saved as upload")).to_be_visible(timeout=30_000)

    # 4. The panel's Priority page shows the corrected figure.
    page.goto(f"{upload_app_url}/priority?priority=2&period={QUARTER.replace(' ', '%20')}")
    tile = page.locator("#tile_NEET_16_18")
    expect(tile).to_contain_text("8.1%", timeout=30_000)
    expect(tile).to_contain_text("5 of 62")
