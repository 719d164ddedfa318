"""The demonstration authority behind the AppTest pages: one database per test module
(pages only read it), and a fresh AppTest of app.py for each test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from streamlit.testing.v1 import AppTest

from scorecard.startup import init_demo
from scorecard.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'demo.db'}"
    init_demo(Store.open(url))  # includes the demonstration meetings
    return url


def app_on(url: str, monkeypatch: pytest.MonkeyPatch, *, timeout: float = 60) -> AppTest:
    """A fresh AppTest of app.py (not yet run) on the database at ``url``."""
    monkeypatch.setenv("SCORECARD_DATABASE_URL", url)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)


@pytest.fixture
def app(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return app_on(demo_url, monkeypatch)


@pytest.fixture
def on_meeting_day() -> Iterator[None]:
    """Today is the day of the demonstration's third meeting, Tuesday 24 November 2026: which
    carried actions are overdue depends on the day, so tests that count them fix it."""
    with time_machine.travel(dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)):
        yield
