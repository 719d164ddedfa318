"""The app says a full disk is full: an officer recording a meeting is told to free space,
not that the database "cannot be reached" and to wait a minute."""

from __future__ import annotations

import datetime as dt

import pytest

from scorecard import meetings as panel
from scorecard.startup import init_demo
from scorecard.storage.store import Store
from tests.app.conftest import app_on
from tests.app.test_pages import open_page, open_tab
from tests.integration.test_disk_full import fill_the_disk


def test_saving_a_meeting_on_a_full_disk_says_the_disk_is_full(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(postgres_url)
    init_demo(store)
    fill_the_disk(store)  # PostgreSQL answers every new audit entry with disk_full (53100)
    app = app_on(postgres_url, monkeypatch)
    open_page(app, "meetings")
    open_tab(app, "meetings_tabs", "Record a meeting")
    app.date_input(key="new_meeting_date").set_value(dt.date(2026, 10, 13))
    app.selectbox(key="new_meeting_theme").select(5)
    app.number_input(key="new_meeting_members").set_value(12)
    app.number_input(key="new_meeting_attendees").set_value(11)
    app.button(key="new_meeting_save").click().run()
    assert not app.exception
    errors = " ".join(e.value for e in app.error)
    assert "The disk that holds the scorecard database is full" in errors
    assert "Free some space on it" in errors
    assert "cannot be reached" not in errors
    assert len(panel.meetings(store)) == 3  # the demonstration meetings, nothing more
