"""A council starting from an empty scorecard: the catalogue is loaded but no figures yet."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard.catalogue import load_catalogue
from scorecard.storage.store import Store
from tests.app.conftest import app_on
from ui.navigation import PAGES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def empty_council(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    catalogue = load_catalogue(ROOT / "data" / "catalogue.toml")
    Store.open(url).replace_catalogue(catalogue, actor="admin", file_name="c", sha256="0" * 64)
    return app_on(url, monkeypatch).run()


def test_views_say_there_are_no_figures_yet(empty_council: AppTest) -> None:
    assert not empty_council.exception
    assert any("No quarterly figures" in i.value for i in empty_council.info)


def test_the_upload_page_still_opens_so_the_first_figures_can_come_in(
    empty_council: AppTest,
) -> None:
    empty_council.switch_page(PAGES["upload"]).run()
    assert not empty_council.exception
    assert empty_council.title[0].value == "Upload the quarter's figures"
    assert empty_council.get("file_uploader")
