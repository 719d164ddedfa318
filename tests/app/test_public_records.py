"""The Published version page and a public Present session remember what they showed.

Demonstration figures for 2026/27 Q2, read by hand: NEET is 4 of 62 young people, shown as
c; Personal Education Plans up to date are 96.4%. The page shows each measure's headline
figure for the quarter, and its direction of travel since 2026/27 Q1, never a breakdown.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard import publication
from scorecard.catalogue import ALL
from scorecard.errors import DatabaseUnavailable
from scorecard.startup import init_demo
from scorecard.storage.publications import published
from scorecard.storage.store import Store
from tests.app.conftest import app_on
from tests.app.test_pages import open_page, texts

NEET, PEP = "NEET_16_18", "PEP_TIMELY"


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, Store]:
    """A demonstration database of this test's own: these pages write to it."""
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    store = Store.open(url)
    init_demo(store)
    return app_on(url, monkeypatch), store


def by_period(store: Store, output: str) -> dict[str, dict[tuple[str, str], float | None]]:
    return {
        p.release.period.label: dict(p.release.shown)
        for p in published(store)
        if p.output == output
    }


def test_the_published_page_records_the_headline_figures_of_its_quarter_once(
    fresh: tuple[AppTest, Store],
) -> None:
    app, store = fresh
    open_page(app, "public", period="2026/27 Q2")
    assert "c = hidden to protect children's privacy" in texts(app)

    recorded = by_period(store, "Published version page")

    q2 = recorded["2026/27 Q2"]
    assert q2[(NEET, ALL)] is None  # shown as c
    assert q2[(PEP, ALL)] == pytest.approx(96.4, abs=0.05)
    assert "2026/27 Q1" in recorded  # what "since last time" compares with
    assert "2026/27 Q3" not in recorded and "2025/26 Q2" not in recorded
    assert {breakdown for shown in recorded.values() for _, breakdown in shown} == {ALL}
    count = len(published(store))

    app.run()  # the next visitor, same figures
    assert len(published(store)) == count


def test_a_public_present_session_records_its_slides_and_the_panels_does_not(
    fresh: tuple[AppTest, Store],
) -> None:
    app, store = fresh
    open_page(app, "present", meeting="3", slide="4")
    assert published(store) == []

    app.toggle(key="public_session").set_value(True).run()

    assert not app.exception
    recorded = by_period(store, "Present public session")
    assert recorded["2026/27 Q2"][(NEET, ALL)] is None


def test_a_public_slide_chart_records_the_quarters_its_process_limits_come_from(
    fresh: tuple[AppTest, Store],
) -> None:
    # Priority 4's slide charts the last eight quarters of children with three or more social
    # workers (2024/25 Q3 to 2026/27 Q2), with limits worked out from all sixteen since
    # 2022/23 Q3: what is drawn depends on those earlier figures too.
    app, store = fresh
    open_page(app, "present", meeting="3", slide="2", public_session="true")

    assert not app.exception
    recorded = by_period(store, "Present public session")
    first = recorded["2022/23 Q3"]
    assert ("SW_3PLUS", ALL) in first
    assert first[("SW_3PLUS", ALL)] is not None


def test_the_published_page_shows_nothing_until_its_release_can_be_recorded(
    fresh: tuple[AppTest, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fail closed: figures shown but not recorded could later be subtracted from a correction.
    app, store = fresh

    def refuse(*args: object, **kwargs: object) -> int:
        raise DatabaseUnavailable("The scorecard database is read-only.")

    with monkeypatch.context() as patched:
        patched.setattr(publication, "record", refuse)
        open_page(app, "public", period="2026/27 Q2")
        assert any("cannot be shown right now" in e.value for e in app.error)
        assert not app.dataframe
        assert published(store) == []

    app.run()  # the database takes writes again: the next visit records and shows

    assert "2026/27 Q2" in by_period(store, "Published version page")
    assert "Our corporate parenting scorecard for 2026/27 Q2" in texts(app)
