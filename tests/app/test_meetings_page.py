"""The Meetings page through AppTest: open actions carried forward, recording a meeting and
its actions with forms that check what is typed, and choosing what is published.

Each test gets its own copy of the demonstration database with its three demonstration
meetings, because these tests write.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard import meetings as panel
from scorecard.meetings import load_demo_meetings
from scorecard.startup import init_demo
from scorecard.storage.store import Store
from tests.app.conftest import app_on
from tests.app.pickers import open_fold
from tests.app.test_pages import open_page, open_tab, texts
from tests.markup import read


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(f"sqlite:///{tmp_path / 'demo.db'}")
    init_demo(store)
    load_demo_meetings(store, actor="Demonstration data loader")
    return store


@pytest.fixture
def app(store: Store, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return app_on(str(store.engine.url), monkeypatch)


@pytest.mark.usefixtures("on_meeting_day")
def test_a_meeting_lists_the_open_actions_of_earlier_meetings_with_overdue_ones_flagged(
    app: AppTest,
) -> None:
    open_page(app, "meetings", meeting="3")
    shown = texts(app)
    assert "Panel meeting, Tuesday 24 November 2026" in shown
    assert "Circulate the annual complaints report" in shown
    assert any("2 of these actions are overdue" in w.value for w in app.warning)
    assert "Overdue: was due 31 October 2026" in shown


def test_a_meeting_with_mistakes_is_explained_and_not_saved(app: AppTest, store: Store) -> None:
    open_page(app, "meetings")
    open_tab(app, "meetings_tabs", "Record a meeting")
    app.date_input(key="new_meeting_date").set_value(dt.date(2026, 10, 13))
    app.number_input(key="new_meeting_members").set_value(10)
    app.number_input(key="new_meeting_attendees").set_value(12)
    app.button(key="new_meeting_save").click().run()
    errors = [read(e.value) for e in app.error]
    assert errors == [
        "Members who attended: 12 is more than the 10 members expected. Count named "
        "substitutes in the place of the member."
    ]
    assert len(panel.meetings(store)) == 3


def test_recording_a_meeting_saves_it_and_its_attendance(app: AppTest, store: Store) -> None:
    open_page(app, "meetings")
    open_tab(app, "meetings_tabs", "Record a meeting")
    app.date_input(key="new_meeting_date").set_value(dt.date(2026, 10, 13))
    app.selectbox(key="new_meeting_theme").select(5)
    app.number_input(key="new_meeting_members").set_value(12)
    app.number_input(key="new_meeting_attendees").set_value(11)
    app.button(key="new_meeting_save").click().run()
    assert not app.exception and not app.error
    assert any("11 of 12 members attended" in s.value for s in app.success)
    october = [m for m in panel.meetings(store) if m.held_on == dt.date(2026, 10, 13)]
    assert [(m.theme_priority, m.attendees, m.members) for m in october] == [(5, 11, 12)]
    assert app.query_params["meeting"] == str(october[0].id)


def test_an_action_is_added_and_then_marked_complete(app: AppTest, store: Store) -> None:
    open_page(app, "meetings", meeting="3")
    assert app.get("radio") == [] and app.get("text_area") == []  # folded: no form sent
    open_fold(app, "add_item_open")
    app.radio(key="item_kind").set_value(panel.ItemKind.ACTION)
    app.text_area(key="item_text").input("Ask the foster carers' association to the panel")
    app.text_input(key="item_owner").input("Head of Fostering")
    app.button(key="item_add").click().run()
    assert not app.error, [e.value for e in app.error]
    [added] = panel.items(store, meeting_id=3)
    assert (added.text, added.owner) == (
        "Ask the foster carers' association to the panel",
        "Head of Fostering",
    )
    assert app.selectbox == []  # its update form is folded away until opened
    open_fold(app, f"update_open_{added.id}")
    app.selectbox(key=f"update_status_{added.id}").select(panel.ActionStatus.COMPLETE)
    app.text_area(key=f"update_text_{added.id}").input("Came in January.")
    app.button(key=f"update_save_{added.id}").click().run()
    [updated] = panel.items(store, meeting_id=3)
    assert (updated.status, updated.update) == (panel.ActionStatus.COMPLETE, "Came in January.")
    assert app.selectbox == []  # saved: the form folded away


def test_an_action_without_an_owner_is_refused(app: AppTest, store: Store) -> None:
    open_page(app, "meetings", meeting="3")
    open_fold(app, "add_item_open")
    app.radio(key="item_kind").set_value(panel.ItemKind.ACTION)
    app.text_area(key="item_text").input("Something to do")
    app.button(key="item_add").click().run()
    errors = [read(e.value) for e in app.error]
    assert errors == ["Owner: name who will do it (a job title is best)."]
    assert panel.items(store, meeting_id=3) == []


def test_ticked_commentary_appears_in_the_published_version(app: AppTest, store: Store) -> None:
    open_page(app, "meetings", meeting="3")
    open_tab(app, "meetings_tabs", "Papers and publishing")
    boxes = [
        b
        for b in app.checkbox
        if read(b.label).startswith("Publish: You said, we did: Out of hours")
    ]
    assert len(boxes) == 1
    boxes[0].check()
    app.button(key="publication_save").click().run()
    assert any("1 item(s) of commentary will be published" in read(s.value) for s in app.success)
    assert len(store.publication_approvals()) == 1
    app.switch_page("app_pages/public.py").run()
    assert "You want to know who to call out of hours" in texts(app).replace("You said: you", "You")
