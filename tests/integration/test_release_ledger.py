"""Releases are remembered outside the database (issue 12, point 4): every release is also a
line of the release ledger, a restore merges the ledger back, and a public output whose
release the ledger cannot keep is not shown.

The council is test_release_records' one table. Night: 47 = 30, 10, 3, 4 is uploaded and
backed up, before anything is published. Morning: the correction (the 3 placed with parents
were not: 44 = 30, 10, 0, 4) is published as 44 = c, 10, 0, c. Then the database is lost and
last night's backup restored. Were the restored figures published without the morning's
memory (47 = c, 10, c, c), a reader who guesses that only the parents' figure changed would
get the old parents = 47 - 10 - 34 = 3.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from scorecard import backup
from scorecard.catalogue import parse_catalogue
from scorecard.cli import main
from scorecard.storage import database, ledger
from scorecard.storage.publications import published
from scorecard.storage.schema import metadata
from scorecard.storage.store import Store
from tests.integration.test_backup_damaged import forge_manifest, members_of, rows_in, write
from tests.integration.test_release_differencing import possible
from tests.integration.test_release_records import CATALOGUE, CORRECTED, FIRST, Q1, upload

# 47 = c, 10, c, c after 44 = c, 10, 0, c: a table that changed after it was published, and
# hid something then, is hidden whole, so nothing can be subtracted.
HIDDEN_WHOLE = {
    "All": "c",
    "Foster care": "c",
    "Children's homes": "c",
    "With parents": "c",
    "Other": "c",
}
MORNING = {
    "All": 44.0,
    "Foster care": "c",
    "Children's homes": 10.0,
    "With parents": 0.0,
    "Other": "c",
}


def council_at(url: str) -> str:
    Store.open(url).replace_catalogue(
        parse_catalogue(CATALOGUE, "test"), actor="admin", file_name="c.toml", sha256="c" * 64
    )
    return url


def run(url: str, *args: str) -> tuple[int, str]:
    """Runs the command line; its exit status and everything it printed."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", url, *args])
    printed = out.getvalue() + err.getvalue()
    assert "Traceback" not in printed
    return code, printed


def public_export(url: str, out: Path) -> dict[str, Any]:
    code, printed = run(url, "export", str(out), "--public")
    assert code == 0, printed
    rows = json.loads(out.read_text())["observations"]
    return {
        r["breakdown"]: r["symbol"] if r["value"] is None else r["value"]
        for r in rows
        if r["period"] == Q1
    }


def night_then_morning(url: str, tmp_path: Path) -> dict[str, Any]:
    """Last night's backup (night.zip), then the morning's correction published; returns
    what the morning's public export showed."""
    assert run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))[0] == 0
    assert run(url, "backup", str(tmp_path / "night.zip"))[0] == 0
    assert run(url, "ingest", upload(tmp_path, "correction.csv", CORRECTED))[0] == 0
    morning = public_export(url, tmp_path / "morning.json")
    assert morning == MORNING
    return morning


def lose(url: str) -> None:
    """The database is gone: an SQLite file deleted, every table of PostgreSQL's dropped."""
    engine = database.create(url)
    if engine.dialect.name == "sqlite":
        engine.dispose()
        path = Path(engine.url.database or "")
        for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
            (path.parent / name).unlink(missing_ok=True)
        return
    metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("drop table alembic_version"))
    engine.dispose()


def not_subtractable(afternoon: dict[str, Any], morning: dict[str, Any]) -> None:
    found = possible(afternoon, morning)
    assert len(found["old parents"]) > 1, f"parents were given away: {found['old parents']}"
    assert len(found["other"]) > 1, f"other is given away: {found['other']}"


def ledger_lines(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / ledger.FILE).read_text().splitlines()]


# -- restoring remembers ------------------------------------------------------------------------
def test_restoring_last_nights_backup_into_the_same_database_keeps_this_mornings_release(
    tmp_path: Path, database_url: str
) -> None:
    # SQLite: the ledger is beside the database file (scorecard-releases), as it is by
    # default; PostgreSQL: in the folder the deployment sets.
    url = council_at(database_url)
    morning = night_then_morning(url, tmp_path)
    lose(url)

    code, printed = run(url, "restore", str(tmp_path / "night.zip"))

    assert code == 0, printed
    assert "Kept 1 release published after this backup was made" in printed
    afternoon = public_export(url, tmp_path / "afternoon.json")
    assert afternoon == HIDDEN_WHOLE
    not_subtractable(afternoon, morning)


def test_restoring_on_a_new_machine_with_the_ledger_folder_keeps_this_mornings_release(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The old machine: an SQLite database and its ledger beside it. Both are copied off it
    # (the backup and the ledger folder); the new machine's database is empty.
    monkeypatch.delenv(ledger.VARIABLE, raising=False)
    old = tmp_path / "old"
    old.mkdir()
    url = council_at(f"sqlite:///{old / 'scorecard.db'}")
    morning = night_then_morning(url, tmp_path)
    copied = shutil.copytree(old / "scorecard-releases", tmp_path / "new" / "release-ledger")
    shutil.rmtree(old)
    monkeypatch.setenv(ledger.VARIABLE, str(copied))

    code, printed = run(database_url, "restore", str(tmp_path / "night.zip"))

    assert code == 0, printed
    assert "Kept 1 release published after this backup was made" in printed
    assert str(copied / ledger.FILE) in printed
    afternoon = public_export(database_url, tmp_path / "afternoon.json")
    assert afternoon == HIDDEN_WHOLE
    not_subtractable(afternoon, morning)


def test_restoring_without_the_ledger_is_allowed_and_says_later_releases_are_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ledger.VARIABLE, raising=False)
    url = council_at(f"sqlite:///{tmp_path / 'council.db'}")
    night_then_morning(url, tmp_path)
    elsewhere = f"sqlite:///{tmp_path / 'elsewhere' / 'scorecard.db'}"

    code, printed = run(elsewhere, "restore", str(tmp_path / "night.zip"))

    assert code == 0, printed
    where = tmp_path / "elsewhere" / "scorecard-releases" / ledger.FILE
    assert f"There is no release ledger at {where}: any release published after this " in printed
    assert "is unknown to the restored scorecard" in printed
    assert f"set {ledger.VARIABLE} to its folder and restore again" in printed


def test_a_server_database_with_no_ledger_set_publishes_nothing_and_says_what_to_set(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ledger.VARIABLE)  # the fixture sets one, as the README says to
    url = council_at(postgres_url)
    code, printed = run(url, "migrate")  # run at each deploy: the operator is told there
    assert code == 0
    assert f"No release ledger is set ({ledger.VARIABLE}): nothing public will be" in printed
    assert run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))[0] == 0
    out = tmp_path / "public.json"

    code, printed = run(url, "export", str(out), "--public")

    assert code == 1
    assert "Nothing public can be shown or written" in printed
    assert f"Set {ledger.VARIABLE} to a folder every scorecard server can write to" in printed
    assert not out.exists()
    assert published(Store.open(url)) == []
    # A restore is allowed, and says what it cannot know.
    assert run(url, "backup", str(tmp_path / "b.zip"))[0] == 0
    lose(url)
    code, printed = run(url, "restore", str(tmp_path / "b.zip"))
    assert code == 0, printed
    assert f"No release ledger is set for this database ({ledger.VARIABLE})" in printed


# -- what the ledger holds ----------------------------------------------------------------------
def test_each_release_is_one_line_of_the_ledger_saying_who_published_what_and_when(
    tmp_path: Path,
) -> None:
    url = council_at(f"sqlite:///{tmp_path / 'council.db'}")
    night_then_morning(url, tmp_path)

    [line] = ledger_lines(tmp_path / "council-releases")

    assert line["authority"] == "Testshire (test data)"
    assert line["period"] == Q1
    assert line["output"] == "JSON export"
    [release] = published(Store.open(url))
    assert line["published_at"] == release.release.published_at.isoformat()
    assert line["shown"] == {
        "PLACEMENTS": {
            "All": 44.0,
            "Foster care": None,
            "Children's homes": 10.0,
            "With parents": 0.0,
            "Other": None,
        }
    }


def test_releases_the_database_recorded_before_the_ledger_existed_are_written_to_it(
    tmp_path: Path,
) -> None:
    # A database upgraded from a version without the ledger: its release is in the
    # publications table only. The next public output writes it to the ledger too.
    url = council_at(f"sqlite:///{tmp_path / 'council.db'}")
    night_then_morning(url, tmp_path)
    shutil.rmtree(tmp_path / "council-releases")

    public_export(url, tmp_path / "again.json")  # the same figures: nothing new published

    [line] = ledger_lines(tmp_path / "council-releases")
    assert line["shown"]["PLACEMENTS"]["All"] == 44.0


def test_upgrading_copies_the_releases_the_database_recorded_into_the_ledger(
    tmp_path: Path,
) -> None:
    url = council_at(f"sqlite:///{tmp_path / 'council.db'}")
    night_then_morning(url, tmp_path)
    shutil.rmtree(tmp_path / "council-releases")  # as before the ledger existed

    code, printed = run(url, "migrate")

    assert code == 0
    ledger_file = tmp_path / "council-releases" / ledger.FILE
    assert f"in the release ledger {ledger_file} (1 copied there from the database)" in printed
    [line] = ledger_lines(tmp_path / "council-releases")
    assert line["shown"]["PLACEMENTS"]["All"] == 44.0


def test_a_backup_holds_a_copy_of_the_ledger_and_restores_what_only_the_copy_remembers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ledger.VARIABLE, raising=False)
    url = council_at(f"sqlite:///{tmp_path / 'council.db'}")
    night_then_morning(url, tmp_path)
    code, printed = run(url, "backup", str(tmp_path / "noon.zip"))
    assert code == 0 and "With a copy of the release ledger" in printed
    members = members_of(tmp_path / "noon.zip")
    assert members[backup.LEDGER_COPY] == (tmp_path / "council-releases" / ledger.FILE).read_bytes()
    # As if the database had not recorded the morning's release: only the copy has it.
    members["publications.jsonl"] = b""
    forge_manifest(members)
    target = f"sqlite:///{tmp_path / 'new' / 'scorecard.db'}"

    code, printed = run(target, "restore", str(write(members, tmp_path / "edited.zip")))

    assert code == 0, printed
    assert "Kept 1 release from the backup's copy of the release ledger" in printed
    assert public_export(target, tmp_path / "afternoon.json") == MORNING


# -- a damaged ledger stops, and says where -----------------------------------------------------
def figures_changed(line: str) -> str:
    row = json.loads(line)
    row["shown"]["PLACEMENTS"]["With parents"] = 3.0  # the checksum no longer fits
    return json.dumps(row) + "\n"


def cut_short(line: str) -> str:
    return line[: len(line) // 2]  # the computer stopped while writing it


def not_a_number(line: str) -> str:
    return line.replace('"With parents":0.0', '"With parents":NaN')


def not_json(line: str) -> str:
    return "\x00\x01 not a release\n"


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (figures_changed, "its checksum (sha256) is not that of its figures"),
        (cut_short, "the line is incomplete"),
        (not_a_number, "NaN is not a number a release can hold"),
        (not_json, "the line is not a complete JSON release"),
    ],
)
def test_a_damaged_ledger_line_stops_public_outputs_and_restores_naming_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Any, problem: str
) -> None:
    monkeypatch.delenv(ledger.VARIABLE, raising=False)
    url = council_at(f"sqlite:///{tmp_path / 'council.db'}")
    night_then_morning(url, tmp_path)
    book = tmp_path / "council-releases" / ledger.FILE
    book.write_text(damage(book.read_text()))
    out = tmp_path / "public.json"

    code, printed = run(url, "export", str(out), "--public")

    assert code == 1
    assert f"The release ledger {book}, line 1: {problem}" in printed
    assert "Nothing public is shown or written" in printed
    assert not out.exists()
    # Restoring last night's backup beside it would forget the morning: refused, nothing
    # restored.
    lose(url)
    code, printed = run(url, "restore", str(tmp_path / "night.zip"))
    assert code == 1
    assert f"The release ledger {book}, line 1: {problem}" in printed
    assert rows_in(url) == 0


def test_a_damaged_line_in_a_backups_copy_of_the_ledger_restores_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ledger.VARIABLE, raising=False)
    url = council_at(f"sqlite:///{tmp_path / 'council.db'}")
    night_then_morning(url, tmp_path)
    assert run(url, "backup", str(tmp_path / "noon.zip"))[0] == 0
    members = members_of(tmp_path / "noon.zip")
    members[backup.LEDGER_COPY] = figures_changed(members[backup.LEDGER_COPY].decode()).encode()
    forge_manifest(members)  # edited by hand: the checksums fit, the line does not
    target = f"sqlite:///{tmp_path / 'new' / 'scorecard.db'}"

    code, printed = run(target, "restore", str(write(members, tmp_path / "edited.zip")))

    assert code == 1
    assert f"{backup.LEDGER_COPY} line 1: its checksum (sha256) is not that of its" in printed
    assert rows_in(target) == 0


# -- a ledger that cannot be written stops the output, whole -----------------------------------
def test_a_full_disk_under_the_ledger_stops_the_public_export_and_leaves_no_half_line(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = council_at(database_url)
    night_then_morning(url, tmp_path)
    folder = ledger.folder_for(url)
    assert folder is not None
    before = (folder / ledger.FILE).read_bytes()
    correction = Store.open(url).uploads()[0]
    assert run(url, "rollback", str(correction.id))[0] == 0  # 47 again
    real = ledger._write_all

    def disk_fills_half_way(descriptor: int, data: bytes) -> None:
        real(descriptor, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ledger, "_write_all", disk_fills_half_way)
    out = tmp_path / "afternoon.json"

    code, printed = run(url, "export", str(out), "--public")

    assert code == 1
    assert f"could not be added to the release ledger {folder / ledger.FILE} (the disk is " in (
        printed
    )
    assert "so it was not shown or written" in printed
    assert not out.exists()
    assert (folder / ledger.FILE).read_bytes() == before  # the half line was taken back
    assert len(published(Store.open(url))) == 1  # nor recorded in the database
    # Space freed: the same export goes out, remembered in both.
    monkeypatch.setattr(ledger, "_write_all", real)
    assert public_export(url, out) == HIDDEN_WHOLE
    assert len(ledger_lines(folder)) == 2 == len(published(Store.open(url)))


def test_a_ledger_folder_that_cannot_be_made_stops_the_public_export(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The setting names a path under a file (a mistyped mount point): nothing can go there.
    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setenv(ledger.VARIABLE, str(tmp_path / "not-a-folder" / "ledger"))
    url = council_at(database_url)
    assert run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))[0] == 0
    out = tmp_path / "public.json"

    code, printed = run(url, "export", str(out), "--public")

    assert code == 1
    assert f"release ledger {tmp_path / 'not-a-folder' / 'ledger' / ledger.FILE}" in printed
    assert "(not a directory)" in printed
    assert not out.exists()
    assert published(Store.open(url)) == []


def test_the_published_version_page_shows_nothing_while_the_ledger_is_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Were the page to show 47 while its release cannot be remembered, a later release could
    # be subtracted from it. It shows nothing instead, and nothing is recorded.
    from tests.app.conftest import app_on
    from tests.app.test_pages import open_page, texts

    monkeypatch.delenv(ledger.VARIABLE, raising=False)
    url = council_at(f"sqlite:///{tmp_path / 'council.db'}")
    assert run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))[0] == 0
    book = tmp_path / "council-releases" / ledger.FILE
    book.parent.mkdir()
    book.write_text(not_json(""))
    app = app_on(url, monkeypatch)

    open_page(app, "public", period=Q1)

    assert any("cannot be shown right now" in e.value for e in app.error)
    assert not app.dataframe
    assert "47" not in texts(app)
    assert published(Store.open(url)) == []
