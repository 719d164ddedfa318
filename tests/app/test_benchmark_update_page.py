"""An administrator checks DfE for new releases from the Published figures page, and the page
says when a release DfE usually has out by now is not imported (today fixed by time-machine).
DfE's API is replayed on 127.0.0.1 (tests/dfe_replay.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from streamlit.testing.v1 import AppTest

from scorecard.benchmarks import update
from scorecard.benchmarks.storage import BenchmarkStore
from scorecard.startup import init_demo
from scorecard.storage.store import Store
from tests.app.conftest import app_on
from tests.dfe_replay import Replay, open_store, placements_catalogue, serve
from tests.html_reading import captioned, tile_lines
from tests.markup import read
from ui.navigation import PAGES

DUE_2025 = (
    "DfE usually publishes Children looked after in England including adoptions in November; "
    "the 2025 release has not been imported yet (the newest imported is the 2024 release)."
)


@pytest.fixture
def dfe(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[Replay]]:
    yield from serve(monkeypatch)


def admin_page(url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    app = app_on(url, monkeypatch).run()
    app.switch_page(PAGES["benchmark_import"]).run()
    assert not app.exception
    return app


def warnings(app: AppTest) -> list[str]:
    return [read(w.value) for w in app.warning]


def test_before_november_the_next_release_is_not_yet_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _ = open_store(tmp_path, placements_catalogue())  # reporting year 2024 imported
    with time_machine.travel(dt.datetime(2025, 10, 31, 12, 0, tzinfo=dt.UTC)):
        app = admin_page(url, monkeypatch)
    assert DUE_2025 not in warnings(app)


def test_an_administrator_brings_in_the_release_the_page_said_was_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dfe: type[Replay]
) -> None:
    url, store = open_store(tmp_path, placements_catalogue())
    with time_machine.travel(dt.datetime(2025, 12, 3, 12, 0, tzinfo=dt.UTC)):
        app = admin_page(url, monkeypatch)
        assert DUE_2025 in warnings(app)

        app.button(key="dfe_update").click().run()
        assert not app.exception
        said = "\n".join(read(m.value) for m in app.markdown)
        assert "la_cla_placement_stability.csv: new year 2025" in said
        assert "Reporting year 2025, published 20 November 2025" in said

        app.run()
        assert DUE_2025 not in warnings(app)
    [record] = BenchmarkStore(store.engine).imports()
    assert record.source is not None and record.source.release == "Reporting year 2025"
    assert app.dataframe == []  # a plain table: no grid to load
    table = captioned(app, "Every published file imported").table("File")
    assert [row["DfE release"] for row in table] == ["Reporting year 2025"]


def test_when_dfe_cannot_be_reached_the_page_says_so_and_nothing_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dfe: type[Replay]
) -> None:
    url, store = open_store(tmp_path, placements_catalogue())
    before = BenchmarkStore(store.engine).imports()
    dfe.routes = {}  # every address answers 404
    app = admin_page(url, monkeypatch)

    app.button(key="dfe_update").click().run()

    assert not app.exception
    assert any("answered 404" in read(e.value) for e in app.error)
    assert BenchmarkStore(store.engine).imports() == before


def test_how_we_compare_says_which_release_and_when_dfe_published_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dfe: type[Replay]
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    store = Store.open(url)
    init_demo(store)
    # The demonstration catalogue maps three publications; this DfE has the placement data
    # set of one of them, and nothing else.
    update.update(store, actor="test")
    app = app_on(url, monkeypatch).run()

    app.switch_page(PAGES["benchmarks"])
    app.query_params["measure"] = "PLACEMENTS_3PLUS"
    app.run()

    assert not app.exception
    assert (
        "DfE, Children looked after in England including adoptions 2025 release, published "
        "20 November 2025"
    ) in [line.strip() for c in app.caption for line in read(c.value).splitlines()]


def test_a_measure_tile_names_the_release_of_its_comparison_under_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dfe: type[Replay]
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    store = Store.open(url)
    init_demo(store)
    update.update(store, actor="test")
    app = app_on(url, monkeypatch).run()

    app.switch_page(PAGES["measure"])
    app.query_params["measure"] = "PLACEMENTS_3PLUS"
    app.run()

    assert not app.exception
    lines = tile_lines(app, "PLACEMENTS_3PLUS")
    [compared] = [
        n
        for n, line in enumerate(lines)
        if line.startswith("Published, year ending 31 March 2025: ")
    ]
    # The release, on the line under the comparison, for touch and keyboard as for a mouse.
    assert lines[compared + 1] == (
        "DfE, Children looked after in England including adoptions 2025 release, published "
        "20 November 2025"
    )
    assert lines[compared + 2] == "How we compare"  # the link to the comparison
