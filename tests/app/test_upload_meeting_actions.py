"""An officer reports a panel action's progress in the quarterly upload (its Actions sheet),
sees the change in the preview, saves it, and finds it on the Meetings page; rolling the
upload back puts the action back as it was.

The database has the small test catalogue, figures for the quarter before last (EARLIER),
and one meeting, held ten days into the last quarter that has ended (LAST), which set one
action: "Circulate the annual complaints report", off track.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from scorecard import meetings as panel
from scorecard.catalogue import parse_catalogue
from scorecard.periods import Period
from scorecard.records import ActionStatus, Observation, Submission
from scorecard.storage.store import Store
from tests.app.conftest import app_on
from tests.app.pickers import open_fold
from tests.app.test_pages import open_page, texts
from tests.conftest import SMALL_CATALOGUE
from tests.html_reading import table_with
from ui.navigation import PAGES

LAST = Period.containing(dt.date.today()).previous()
EARLIER = LAST.previous()
HELD_ON = EARLIER.end + dt.timedelta(days=11)  # ten days into LAST
DUE = HELD_ON + dt.timedelta(days=30)
COMPLAINTS = "Circulate the annual complaints report"


def day(when: dt.date) -> str:
    return f"{when.day} {when:%B %Y}"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    url = f"sqlite:///{tmp_path / 'scorecard.db'}"
    store = Store.open(url)
    store.replace_catalogue(
        parse_catalogue(SMALL_CATALOGUE, "test"), actor="admin", file_name="c", sha256="0" * 64
    )
    store.commit(
        Submission([Observation("PEP", EARLIER, "All", 90.0, 36, 40)]),
        actor="Ann Officer",
        file_name="earlier.xlsx",
        sha256="1" * 64,
    )
    meeting = panel.record_meeting(store, panel.MeetingDraft(HELD_ON, 1), actor="Clerk")
    action = panel.ItemDraft(
        panel.ItemKind.ACTION,
        COMPLAINTS,
        "Complaints Manager",
        DUE,
        ActionStatus.OFF_TRACK,
        "Delayed.",
    )
    panel.add_item(store, meeting.id, action, actor="Clerk")
    return store


@pytest.fixture
def app(store: Store, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    app = app_on(str(store.engine.url), monkeypatch)
    app.run()
    app.switch_page(PAGES["upload"]).run()
    assert not app.exception, app.exception
    return app


def progress_report() -> bytes:
    """A workbook with one figure and the action's new status and update."""
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(["measure_id", "period", "breakdown", "value", "numerator", "denominator"])
    book.active.append(["PEP", LAST.label, None, 92.5, 37, 40])
    actions = book.create_sheet("Actions")
    actions.append(["priority", "action", "owner", "due", "status", "update", "meeting", "type"])
    actions.append(
        [None, COMPLAINTS, "Complaints Manager", DUE, "complete", "Sent to every member.",
         HELD_ON, "action"]
    )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def preview_of_meeting_items(app: AppTest) -> list[dict[str, str]]:
    return table_with(app, "Resolution or action")


def test_an_action_updated_in_the_upload_shows_in_the_preview_then_on_the_meetings_page(
    app: AppTest, store: Store
) -> None:
    app.file_uploader(key="upload_file").upload("progress.xlsx", progress_report()).run()
    assert not app.exception, app.exception
    assert any(
        t.value == "Meeting resolutions and actions: 0 new, 1 changed, 0 unchanged."
        for t in app.text
    )
    [row] = preview_of_meeting_items(app)
    assert row == {
        "Change": "changed",
        "Meeting": day(HELD_ON),
        "Type": "action",
        "Resolution or action": COMPLAINTS,
        "Stored now": f"Off track · Complaints Manager · due {day(DUE)} · update: Delayed.",
        "In this upload": f"Complete · Complaints Manager · due {day(DUE)} · "
        "update: Sent to every member.",
    }

    app.button(key="upload_commit").click().run()
    assert any("Saved as upload 2" in s.value for s in app.success)

    open_page(app, "meetings", meeting="1")
    shown = texts(app)
    assert COMPLAINTS in shown
    assert "Complete · Complaints Manager" in shown
    assert "Sent to every member." in shown
    assert "Off track" not in shown


def test_rolling_the_upload_back_puts_the_action_back_as_it_was(app: AppTest, store: Store) -> None:
    app.file_uploader(key="upload_file").upload("progress.xlsx", progress_report()).run()
    app.button(key="upload_commit").click().run()
    open_fold(app, "rollback_open")
    app.selectbox(key="rollback_choice").select(2).run()
    app.button(key="rollback_start").click().run()
    warning = "\n".join(w.value for w in app.warning).replace("\\", "")
    assert "meeting resolutions and actions it changed are put back" in warning
    app.button(key="rollback_confirm").click().run()
    assert any("Rolled back upload 2" in s.value for s in app.success)

    open_page(app, "meetings", meeting="1")
    shown = texts(app)
    assert "Off track · Complaints Manager" in shown
    assert "Delayed." in shown
    assert "Sent to every member." not in shown


def test_an_officer_cannot_roll_back_an_upload_that_changed_the_catalogue(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scorecard.upload import ingest
    from tests.app.test_roles import AUTH, ROLES

    book = openpyxl.load_workbook(io.BytesIO(ingest.template_bytes(store, LAST)))
    measures = book["Measures"]
    header = [c.value for c in measures[1]]
    pep = next(r for r in measures.iter_rows(min_row=2) if r[0].value == "PEP")
    pep[header.index("target")].value = 90
    out = io.BytesIO()
    book.save(out)
    checked = ingest.check(store, "new-target.xlsx", out.getvalue(), today=dt.date.today())
    ingest.commit(store, checked, actor="admin@demoshire.gov.uk")

    app = app_on(str(store.engine.url), monkeypatch)
    app.secrets["auth"] = AUTH
    app.secrets["scorecard"] = {"roles": ROLES}
    app.user = {"is_logged_in": True, "email": "officer@demoshire.gov.uk", "email_verified": True}
    app.run()
    app.switch_page(PAGES["upload"]).run()
    open_fold(app, "rollback_open")
    app.selectbox(key="rollback_choice").select(2).run()
    app.button(key="rollback_start").click().run()
    assert app.button(key="rollback_confirm").disabled
    assert any("only an administrator can do" in c.value for c in app.caption)
    assert store.catalogue().measure("PEP").target == 90
