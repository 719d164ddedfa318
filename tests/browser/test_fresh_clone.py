"""A council's first look: the README's run command on a fresh copy of the repository with
nothing beside it compares with England, the region and the statistical neighbours from the
first page.

CI runs in a clone with DfE's full files beside it (../shared), so the test makes the
"nothing beside it" situation itself: the repository's tracked files, copied into an empty
folder, started with `streamlit run app.py` and no database yet (the embedded default is
created and filled on first start). The figures are Demoshire's, compared as Trafford
(tests/unit/test_benchmarks_published.py works Trafford's out by hand): care leavers aged
19 to 21 in education, employment or training, 2025, England 54%, North West 55%.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT, running_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    alone = tmp_path_factory.mktemp("alone")
    copy = alone / "scorecard"
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True
    ).stdout.split(b"\0")
    for name in filter(None, (t.decode() for t in tracked)):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    assert not (copy / "data" / "scorecard.db").exists()
    assert sorted(p.name for p in alone.iterdir()) == ["scorecard"]  # nothing beside it
    return copy


@pytest.fixture(scope="module")
def fresh_app_url(fresh_clone: Path) -> Iterator[str]:
    with running_app(None, cwd=fresh_clone) as url:
        yield url


def metric(page: Page, label: str):  # type: ignore[no-untyped-def]
    return page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))


def test_a_fresh_copy_with_nothing_beside_it_compares_from_its_first_start(
    page: Page, fresh_app_url: str, fresh_clone: Path
) -> None:
    page.goto(f"{fresh_app_url}/benchmarks?measure=CL_EET_19_21&year=2025")
    # The first start creates the database and loads the demo and the shipped figures.
    expect(page.get_by_role("heading", name="How we compare")).to_be_visible(timeout=120_000)
    expect(metric(page, "England")).to_contain_text("54.0%", timeout=60_000)
    expect(page.get_by_text("No published figures have been imported")).to_have_count(0)
    expect(
        page.get_by_text(
            "it is compared as if it were in the North West, with Trafford's statistical neighbours"
        )
    ).to_be_visible()
    # The table comes after the charts: on a busy machine it can take longer than the
    # default five seconds to arrive.
    table = page.get_by_role("table", name="every comparison")
    expect(table.get_by_text("North West", exact=True)).to_be_visible(timeout=60_000)
    expect(table.get_by_text("55.0%", exact=True)).to_be_visible()
    assert (fresh_clone / "data" / "scorecard.db").is_file()
