"""Administrators import DfE's published files through the app, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard.benchmarks.importing import PUBLISHED_FOLDER
from scorecard.benchmarks.storage import BenchmarkStore
from scorecard.startup import init_demo
from scorecard.storage.store import Store
from tests.app.conftest import app_on
from tests.markup import read
from ui.navigation import PAGES


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, Store]:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    store = Store.open(url)
    init_demo(store)
    app = app_on(url, monkeypatch).run()
    app.switch_page(PAGES["benchmark_import"]).run()
    assert not app.exception
    return app, store


@pytest.mark.skipif(not PUBLISHED_FOLDER.is_dir(), reason="DfE's files are not beside the repo")
def test_an_administrator_imports_a_dfe_file_and_sees_it_listed(
    page: tuple[AppTest, Store],
) -> None:
    app, store = page
    content = (PUBLISHED_FOLDER / "la_cla_swcount.csv").read_bytes()
    app.get("file_uploader")[0].upload("la_cla_swcount.csv", content).run()
    app.button(key="import_files").click().run()
    assert not app.exception
    assert any("Imported la_cla_swcount.csv" in read(s.value) for s in app.success)
    assert [r.file_name for r in BenchmarkStore(store.engine).imports()] == ["la_cla_swcount.csv"]


def test_a_file_that_is_not_from_dfe_imports_nothing(page: tuple[AppTest, Store]) -> None:
    app, store = page
    app.get("file_uploader")[0].upload("notes.csv", b"name,score\nAnn,3\n").run()
    app.button(key="import_files").click().run()
    assert not app.exception
    assert any("Nothing was imported" in e.value for e in app.error)
    assert BenchmarkStore(store.engine).imports() == []
