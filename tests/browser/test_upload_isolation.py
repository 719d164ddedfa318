"""A workbook that exhausts the spreadsheet reader ends only the child process reading it:
the officer is told it could not be read safely, and everyone else carries on (issue 13).

No file that the safety pass lets through exhausts the reader's default allowance (the safety
pass keeps every read under 500 MB; tests/integration/test_upload_sandbox.py measures it), so
this server is started with a small one, through the documented setting
SCORECARD_UPLOAD_MEMORY_MB: 30 MB. The file is 20 cells that each hold the same 1 MB of text,
which passes the safety pass (its estimate is about 106 MB, under the 320 MB allowed) and needs
about 40 MB for calamine's copies and as much for Python's.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scorecard.upload import safety
from tests.browser.conftest import ROOT, running_app
from tests.browser.test_upload_journey import keyed
from tests.integration.test_upload_hostile import repeated_shared_string

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def small_allowance_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('upload-isolation') / 'scorecard.db'}"
    subprocess.run(
        [sys.executable, "-m", "scorecard", "--db", url, "init-demo"], check=True, cwd=ROOT
    )
    with pytest.MonkeyPatch.context() as settings:
        settings.setenv("SCORECARD_UPLOAD_MEMORY_MB", "30")
        with running_app(url) as address:
            yield address


def test_a_workbook_that_exhausts_the_reader_is_refused_and_other_sessions_carry_on(
    page: Page,
    browser,
    small_allowance_url: str,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    content = repeated_shared_string(20)
    safety.inspect_xlsx(content)  # the safety pass lets it through: the child must hold
    hostile = tmp_path / "q3.xlsx"
    hostile.write_bytes(content)

    page.goto(f"{small_allowance_url}/upload")
    expect(page.get_by_role("heading", name="Upload the quarter's figures")).to_be_visible(
        timeout=30_000
    )
    keyed(page, "upload_file").locator("input[type=file]").set_input_files(hostile)
    refusal = page.get_by_text("This workbook could not be read safely")
    expect(refusal).to_be_visible(timeout=60_000)
    expect(refusal).to_contain_text("needed more than 30 MB of memory")
    expect(page.get_by_text("Traceback")).to_have_count(0)

    # Another person's session, opened afterwards, gets the Overview from the same server.
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        theirs = other.new_page()
        theirs.goto(small_allowance_url)
        expect(theirs.get_by_role("heading", name="Corporate Parenting Scorecard")).to_be_visible(
            timeout=30_000
        )
        # The Overview's priority links come after its whole scorecard grid, which the other
        # session's reader (using up its allowance) slows: as long as the heading may take.
        expect(
            theirs.get_by_role("link", name="2. Education, learning and training")
        ).to_be_visible(timeout=30_000)
    finally:
        other.close()

    # And the officer's own session goes on: the Overview opens there too.
    page.goto(small_allowance_url)
    expect(page.get_by_role("heading", name="Corporate Parenting Scorecard")).to_be_visible(
        timeout=30_000
    )
