"""Backup and restore, across database kinds: SQLite -> PostgreSQL and back gives the same
scorecard, history and audit log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorecard.cli import main
from scorecard.errors import ScorecardError, UnreadableFile
from scorecard.startup import init_demo
from scorecard.storage import database
from scorecard.storage.store import Store


def exported(url: str, tmp_path: Path, name: str) -> dict[str, object]:
    out = tmp_path / f"{name}.json"
    assert main(["--db", url, "export", str(out)]) == 0
    return json.loads(out.read_text())  # type: ignore[no-any-return]


def history(url: str) -> tuple[list[object], list[object]]:
    store = Store.open(url)
    return store.uploads(), [(e.actor, e.action, e.file_name, e.sha256) for e in store.audit_log()]


@pytest.mark.parametrize("direction", ["sqlite to postgresql", "postgresql to sqlite"])
def test_backup_restores_into_the_other_kind_of_database_identically(
    direction: str, tmp_path: Path, postgres_url: str
) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 'scorecard.db'}"
    source, target = (
        (sqlite_url, postgres_url) if direction.startswith("sqlite") else (postgres_url, sqlite_url)
    )
    store = Store.open(source)
    init_demo(store)
    Store.open(source).rollback(17, actor="Ann Officer")  # history includes a roll-back
    file = tmp_path / "backup.zip"
    assert main(["--db", source, "backup", str(file)]) == 0
    assert main(["--db", target, "restore", str(file)]) == 0

    assert exported(target, tmp_path, "after") == exported(source, tmp_path, "before")
    assert history(target) == history(source)
    # New ids carry on after the restored ones (PostgreSQL sequences were advanced).
    Store.open(target).rollback(16, actor="Ann Officer")
    assert Store.open(target).audit_log()[-1].id > Store.open(source).audit_log()[-1].id


def test_restore_refuses_a_database_that_already_has_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    init_demo(Store.open(url))
    file = tmp_path / "backup.zip"
    assert main(["--db", url, "backup", str(file)]) == 0
    before = Store.open(url).data_version()
    with pytest.raises(ScorecardError, match="already has data"):
        from scorecard.backup import restore

        restore(database.create(url), file)
    assert Store.open(url).data_version() == before


def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "photo.zip"
    fake.write_bytes(b"not a zip")
    from scorecard.backup import restore

    with pytest.raises(UnreadableFile, match="not a scorecard backup"):
        restore(database.create(f"sqlite:///{tmp_path / 'b.db'}"), fake)


def test_a_restored_backup_can_still_roll_back_an_upload_of_meeting_actions(
    tmp_path: Path, postgres_url: str
) -> None:
    import datetime as dt
    import io

    import openpyxl

    from scorecard import meetings as panel
    from scorecard.records import ActionStatus
    from scorecard.upload import ingest

    source = f"sqlite:///{tmp_path / 'scorecard.db'}"
    init_demo(Store.open(source))
    complaints = "Circulate the annual complaints report"  # a demonstration action, off track
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(["measure_id", "period", "value"])
    actions = book.create_sheet("Actions")
    actions.append(["priority", "action", "owner", "due", "status", "update", "meeting"])
    actions.append(
        [None, complaints, "Complaints and Feedback Manager", "31/10/2026", "complete", "Sent.",
         "22/09/2026"]
    )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    store = Store.open(source)
    checked = ingest.check(store, "actions.xlsx", out.getvalue(), today=dt.date(2026, 11, 23))
    upload_id = ingest.commit(store, checked, actor="Ann Officer").upload.id
    file = tmp_path / "backup.zip"
    assert main(["--db", source, "backup", str(file)]) == 0
    assert main(["--db", postgres_url, "restore", str(file)]) == 0

    restored = Store.open(postgres_url)
    [item] = [i for i in panel.items(restored) if i.text == complaints]
    assert (item.status, item.update) == (ActionStatus.COMPLETE, "Sent.")
    restored.rollback(upload_id, actor="Ann Officer")  # what it replaced came with the backup
    [item] = [i for i in panel.items(restored) if i.text == complaints]
    assert item.status is ActionStatus.OFF_TRACK
    assert item.update == (
        "Delayed: being rewritten in plain English with the Children in Care Council."
    )
