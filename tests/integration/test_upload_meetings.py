"""Meeting resolutions and actions uploaded through the Actions sheet, and rolling an upload
back, on SQLite and PostgreSQL: saved in the upload's transaction with an audit entry each,
nothing written when anything is wrong, and a roll-back that puts back every meeting item and
catalogue measure the upload changed, unless something has changed them since.

One meeting is recorded: Tuesday 22 September 2026, with the action "Circulate the annual
complaints report" (item 1: Complaints Manager, due 31 October 2026, off track, "Delayed.")
and a resolution (item 2). The small test catalogue has no attendance measure, so recording
the meeting makes no upload: the first upload in each test is upload 1.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from scorecard import meetings as panel
from scorecard.catalogue import Catalogue
from scorecard.cli import main
from scorecard.errors import UploadRejected
from scorecard.periods import Period
from scorecard.records import ActionStatus
from scorecard.storage import schema as t
from scorecard.storage.changes import RollbackRefused
from scorecard.storage.store import AuditAction, Store, UploadStatus
from scorecard.upload import ingest

TODAY = dt.date(2026, 11, 23)
Q2 = Period.quarter_of(2026, 2)
SEPTEMBER = "22/09/2026"
COMPLAINTS = "Circulate the annual complaints report"
NEW_MEASURE = [
    "LEAVERS_EET",
    "Care leavers in education, employment or training",
    2,
    "percent",
    "higher_is_better",
    1,
    60,
    5,
    "quarterly",
    None,
    "Care leavers aged 19 to 21 in education, employment or training.",
    "Work and study open doors.",
    "Leaving care team",
]


@pytest.fixture
def store(database_url: str, small_catalogue: Catalogue) -> Store:
    store = Store.open(database_url)
    store.replace_catalogue(small_catalogue, actor="admin", file_name="c.toml", sha256="c" * 64)
    meeting = panel.record_meeting(
        store, panel.MeetingDraft(dt.date(2026, 9, 22), 1), actor="Clerk", today=TODAY
    )
    action = panel.ItemDraft(
        panel.ItemKind.ACTION,
        COMPLAINTS,
        "Complaints Manager",
        dt.date(2026, 10, 31),
        ActionStatus.OFF_TRACK,
        "Delayed.",
    )
    panel.add_item(store, meeting.id, action, actor="Clerk")
    noted = panel.ItemDraft(panel.ItemKind.RESOLUTION, "The panel noted the scorecard.")
    panel.add_item(store, meeting.id, noted, actor="Clerk")
    return store


def workbook(
    store: Store,
    actions: list[list[Any]] = (),  # type: ignore[assignment]
    data: list[list[Any]] = (),  # type: ignore[assignment]
    measures: dict[str, Any] | None = None,
    new_measure: list[Any] | None = None,
) -> bytes:
    """The template for 2026/27 Q2 with only these Data and Actions rows (the open actions
    it lists are taken out), ``measures`` cells changed and ``new_measure`` added."""
    book = openpyxl.load_workbook(io.BytesIO(ingest.template_bytes(store, Q2)))
    for name, rows in (("Data", data), ("Actions", actions)):
        sheet = book[name]
        sheet.delete_rows(2, sheet.max_row)
        for row in rows:
            sheet.append(row)
    listing = book["Measures"]
    header = [c.value for c in listing[1]]
    for key, value in (measures or {}).items():
        measure_id, column = key.split()
        row = next(r for r in listing.iter_rows(min_row=2) if r[0].value == measure_id)
        row[header.index(column)].value = value
    if new_measure:
        listing.append(new_measure)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(store: Store, content: bytes, name: str = "q2.xlsx", actor: str = "Ann Officer") -> int:
    checked = ingest.check(store, name, content, today=TODAY)
    assert checked.is_valid, ingest.report(checked)
    return ingest.commit(store, checked, actor=actor).upload.id


def complaints_row(status: str, update: str | None = None) -> list[Any]:
    return [None, COMPLAINTS, "Complaints Manager", "31/10/2026", status, update, SEPTEMBER, None]


def items(store: Store) -> list[tuple[Any, ...]]:
    return [(i.kind.value, i.text, i.owner, i.due, i.status, i.update) for i in panel.items(store)]


AS_RECORDED = [
    (
        "action",
        COMPLAINTS,
        "Complaints Manager",
        dt.date(2026, 10, 31),
        ActionStatus.OFF_TRACK,
        "Delayed.",
    ),
    ("resolution", "The panel noted the scorecard.", "", None, None, ""),
]
QUARTERLY_RETURN = [
    [None, "circulate the annual  complaints report", "Complaints Manager", "31/10/2026",
     "complete", "Circulated on 30 October.", SEPTEMBER, "action"],
    [None, "Invite the police coordinator", "Chair", "19/01/2027", "on track", None, SEPTEMBER,
     None],
    [None, "The panel asked for a report on missing children.", None, None, None, None,
     SEPTEMBER, "resolution"],
]  # fmt: skip


def undo_records(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(t.upload_changes)).scalar_one()


# -- saving ---------------------------------------------------------------------------------
def test_an_action_update_and_new_items_are_saved_with_the_upload_and_audited_each(
    store: Store,
) -> None:
    content = workbook(store, QUARTERLY_RETURN, data=[["PEP", Q2.label, None, 96, 24, 25]])
    checked = ingest.check(store, "q2.xlsx", content, today=TODAY)
    assert checked.preview.meeting_summary() == (
        "Meeting resolutions and actions: 2 new, 1 changed, 0 unchanged."
    )
    upload_id = ingest.commit(store, checked, actor="Ann Officer").upload.id
    assert items(store) == [
        (
            "action",
            COMPLAINTS,  # the wording as recorded, not as retyped
            "Complaints Manager",
            dt.date(2026, 10, 31),
            ActionStatus.COMPLETE,
            "Circulated on 30 October.",
        ),
        AS_RECORDED[1],
        (
            "action",
            "Invite the police coordinator",
            "Chair",
            dt.date(2027, 1, 19),
            ActionStatus.ON_TRACK,
            "",
        ),
        ("resolution", "The panel asked for a report on missing children.", "", None, None, ""),
    ]
    assert upload_id == 1
    assert store.uploads()[0].summary == (
        "1 figures and 3 meeting resolutions and actions for 2026/27 Q2"
    )
    assert [(e.actor, e.action, e.detail) for e in store.audit_log()[-4:]] == [
        ("Ann Officer", "meeting action", "updated action 1 (now complete), from upload 1"),
        ("Ann Officer", "meeting action", "added action 3 to meeting 1, from upload 1"),
        ("Ann Officer", "meeting action", "added resolution 4 to meeting 1, from upload 1"),
        ("Ann Officer", AuditAction.UPLOAD, store.uploads()[0].summary),
    ]


def test_the_command_line_ingest_saves_meeting_updates_too(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "q2.xlsx"
    path.write_bytes(workbook(store, [complaints_row("at risk", "Being rewritten.")]))
    url = store.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "ingest", str(path), "--user", "Ann Officer"]) == 0
    said = capsys.readouterr().out
    assert "changed: meeting of 22 September 2026, action ‘Circulate the annual" in said
    assert "Off track · Complaints Manager · due 31 October 2026 · update: Delayed. → " in said
    assert items(store)[0][4:] == (ActionStatus.AT_RISK, "Being rewritten.")


def test_rows_exactly_as_recorded_change_nothing_and_need_no_undoing(store: Store) -> None:
    as_they_are = workbook(store, [complaints_row("off track", "Delayed.")])
    before = len(store.audit_log())
    upload(store, as_they_are)
    assert items(store) == AS_RECORDED
    assert undo_records(store) == 0
    assert [e.action for e in store.audit_log()[before:]] == [AuditAction.UPLOAD]


# -- all or nothing ----------------------------------------------------------------------------
def test_nothing_is_written_when_any_row_has_a_blocking_problem(store: Store) -> None:
    wrong_date = [None, "Write to schools", "Clerk", None, "on track", None, "03/03/2026", None]
    content = workbook(store, [complaints_row("complete"), wrong_date])
    checked = ingest.check(store, "q2.xlsx", content, today=TODAY)
    [problem] = checked.validation.blocking
    assert (problem.row, problem.column) == (3, "meeting")
    assert "(meetings recorded: 22 September 2026)" in problem.message
    entries = len(store.audit_log())
    with pytest.raises(UploadRejected, match="1 problem"):
        ingest.commit(store, checked, actor="Ann Officer")
    assert items(store) == AS_RECORDED
    assert store.uploads() == [] and len(store.audit_log()) == entries


def test_a_failure_after_the_meeting_items_leaves_them_as_they_were(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = ingest.check(store, "q2.xlsx", workbook(store, QUARTERLY_RETURN), today=TODAY)
    audit = Store._audit

    def fail_on_the_last_step(self: Store, conn: Any, actor: str, action: Any, **kw: Any) -> None:
        if action is AuditAction.UPLOAD:
            raise RuntimeError("the connection dropped")
        audit(self, conn, actor, action, **kw)

    monkeypatch.setattr(Store, "_audit", fail_on_the_last_step)
    with pytest.raises(RuntimeError):
        ingest.commit(store, checked, actor="Ann Officer")
    assert items(store) == AS_RECORDED
    assert store.uploads() == [] and undo_records(store) == 0


# -- rolling back ------------------------------------------------------------------------------
def test_rolling_back_puts_meeting_items_back_and_takes_out_the_added_ones(store: Store) -> None:
    upload_id = upload(store, workbook(store, QUARTERLY_RETURN))
    store.rollback(upload_id, actor="Bob Officer")
    assert items(store) == AS_RECORDED
    assert store.uploads()[0].status is UploadStatus.ROLLED_BACK
    meeting = "of the panel meeting of 22 September 2026"
    assert store.audit_log()[-1].detail.split("; ") == [
        "rolled back upload 1",
        "took out the resolution ‘The panel asked for a report on missing children.’ "
        f"{meeting}, which the upload had added",
        f"took out the action ‘Invite the police coordinator’ {meeting}, which the upload "
        "had added",
        f"put the action ‘{COMPLAINTS}’ {meeting} back as it was before the upload",
    ]


def test_rolling_back_puts_a_changed_measure_back_and_takes_out_an_added_one(
    store: Store,
) -> None:
    content = workbook(
        store,
        data=[["PEP", Q2.label, None, 96, 24, 25], ["LEAVERS_EET", Q2.label, None, 55, 11, 20]],
        measures={"PEP target": 90},
        new_measure=NEW_MEASURE,
    )
    upload_id = upload(store, content)
    catalogue = store.catalogue()
    assert catalogue.measure("PEP").target == 90
    assert [m.id for m in catalogue.measures] == ["PEP", "CLA_COUNT", "LEAVERS_EET"]

    store.rollback(upload_id, actor="Bob Officer")
    catalogue = store.catalogue()
    assert catalogue.measure("PEP").target == 95
    assert [m.id for m in catalogue.measures] == ["PEP", "CLA_COUNT"]
    assert store.current_observations().empty
    assert store.observation_history("LEAVERS_EET").empty
    assert len(store.observation_history("PEP")) == 1  # kept in the history, not counting


def test_rollback_waits_for_a_later_upload_that_changed_the_same_item(store: Store) -> None:
    first = upload(store, workbook(store, [complaints_row("at risk")]), "q2.xlsx")
    second = upload(store, workbook(store, [complaints_row("complete")]), "q2 again.xlsx")
    with pytest.raises(RollbackRefused) as refused:
        store.rollback(first, actor="Bob Officer")
    assert refused.value.problems == [
        f"The action ‘{COMPLAINTS}’ of the panel meeting of 22 September 2026 was changed by "
        "upload 2 since; roll back upload 2 first."
    ]
    assert [u.status for u in store.uploads()] == [UploadStatus.COMMITTED] * 2
    assert items(store)[0][4] is ActionStatus.COMPLETE

    store.rollback(second, actor="Bob Officer")
    assert items(store)[0][4] is ActionStatus.AT_RISK
    store.rollback(first, actor="Bob Officer")
    assert items(store) == AS_RECORDED


def test_rollback_refuses_to_undo_a_change_made_on_the_meetings_page_since(
    store: Store,
) -> None:
    upload_id = upload(store, workbook(store, [complaints_row("at risk")]))
    item = panel.items(store)[0]
    done = panel.ItemDraft(item.kind, item.text, item.owner, item.due, ActionStatus.COMPLETE)
    panel.update_item(store, item.id, done, actor="Clerk")
    with pytest.raises(RollbackRefused, match="changed on the Meetings page since"):
        store.rollback(upload_id, actor="Bob Officer")
    assert store.uploads()[0].status is UploadStatus.COMMITTED
    assert items(store)[0][4] is ActionStatus.COMPLETE


def test_rollback_waits_for_a_later_upload_with_figures_for_a_measure_it_added(
    store: Store,
) -> None:
    first = upload(
        store,
        workbook(
            store, data=[["LEAVERS_EET", Q2.label, None, 55, 11, 20]], new_measure=NEW_MEASURE
        ),
    )
    upload(
        store, workbook(store, data=[["LEAVERS_EET", "2026/27 Q1", None, 50, 10, 20]]), "q1.xlsx"
    )
    with pytest.raises(RollbackRefused) as refused:
        store.rollback(first, actor="Bob Officer")
    assert refused.value.problems == [
        "Upload 2 has figures for measure LEAVERS_EET, which upload 1 added to the catalogue; "
        "roll back upload 2 first."
    ]
    assert "LEAVERS_EET" in {m.id for m in store.catalogue().measures}


def test_rollback_refuses_to_undo_a_catalogue_loaded_since_unless_it_is_as_before(
    store: Store, small_catalogue: Catalogue
) -> None:
    upload_id = upload(store, workbook(store, measures={"PEP target": 90}))
    eighty = small_catalogue.model_copy(
        update={
            "measures": [
                m.model_copy(update={"target": 80.0}) if m.id == "PEP" else m
                for m in small_catalogue.measures
            ]
        }
    )
    store.replace_catalogue(eighty, actor="admin", file_name="c2.toml", sha256="d" * 64)
    with pytest.raises(RollbackRefused) as refused:
        store.rollback(upload_id, actor="Bob Officer")
    assert refused.value.problems == [
        "Measure PEP was changed by loading a catalogue file since, and rolling back would "
        "undo that change too: upload a corrected file instead of rolling upload 1 back."
    ]
    assert store.catalogue().measure("PEP").target == 80

    # Loaded back as it was before the upload: rolling back loses nothing, so it goes ahead.
    store.replace_catalogue(small_catalogue, actor="admin", file_name="c.toml", sha256="c" * 64)
    store.rollback(upload_id, actor="Bob Officer")
    assert store.catalogue().measure("PEP").target == 95
