"""A damaged or hostile backup restores nothing, and says which file and line is wrong.

Each damaged backup is made in the test from a real backup of the demonstration authority:
"damaged" keeps the manifest as it was (bad luck: a disk, a copy, a truncated download);
"forged" rewrites the manifest to match (someone edited the backup by hand), so it is the
rules for the rows, not the checksums, that must stop it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from scorecard import backup
from scorecard.cli import main
from scorecard.errors import BackupRejected
from scorecard.startup import init_demo
from scorecard.storage import database
from scorecard.storage.schema import metadata
from scorecard.storage.store import Store

Members = dict[str, bytes]


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{folder / 'demo.db'}"
    init_demo(Store.open(url))
    file = folder / "backup.zip"
    assert main(["--db", url, "backup", str(file)]) == 0
    return file


def members_of(file: Path) -> Members:
    with zipfile.ZipFile(file) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write(members: Members, out: Path) -> Path:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out


def lines(members: Members, name: str) -> list[str]:
    return members[name].decode().splitlines(keepends=True)


def change_line(members: Members, name: str, number: int, change: Callable[[str], str]) -> None:
    found = lines(members, name)
    found[number - 1] = change(found[number - 1])
    members[name] = "".join(found).encode()


def change_row(members: Members, name: str, number: int, **values: object) -> None:
    def changed(line: str) -> str:
        return json.dumps(json.loads(line) | values, ensure_ascii=False) + "\n"

    change_line(members, name, number, changed)


def forge_manifest(members: Members) -> None:
    """The manifest a hand-edited backup would carry: counts and checksums of what is there."""
    import hashlib

    manifest = json.loads(members["manifest.json"])
    for name, data in members.items():
        if name == backup.LEDGER_COPY:
            manifest["release_ledger"] = len(data.splitlines())
            manifest["sha256"][name] = hashlib.sha256(data).hexdigest()
        elif name.endswith(".jsonl"):
            manifest["rows"][name.removesuffix(".jsonl")] = len(data.splitlines())
            manifest["sha256"][name] = hashlib.sha256(data).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()


def rows_in(url: str) -> int:
    engine = database.create(url)
    database.migrate(engine)
    with engine.connect() as conn:
        return sum(
            conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in metadata.sorted_tables
        )


def refused(url: str, file: Path, capsys: pytest.CaptureFixture[str], status: int = 1) -> str:
    """Restores ``file`` through the command line, expecting a refusal; returns the message."""
    assert main(["--db", url, "restore", str(file)]) == status
    message = capsys.readouterr().err
    assert "Traceback" not in message
    assert rows_in(url) == 0, "nothing may be restored from a bad backup"
    return message


def test_a_backup_without_its_observations_restores_nothing_and_names_the_file(
    demo_backup: Path, tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    members = members_of(demo_backup)
    del members["observations.jsonl"]
    message = refused(database_url, write(members, tmp_path / "b.zip"), capsys)
    assert "observations.jsonl: the file is missing" in message
    assert "Nothing was restored" in message


def test_a_row_count_that_disagrees_with_the_manifest_restores_nothing(
    demo_backup: Path, tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    members = members_of(demo_backup)
    manifest = json.loads(members["manifest.json"])
    manifest["rows"]["measures"] += 1  # data/catalogue.toml has 56 measures
    members["manifest.json"] = json.dumps(manifest).encode()
    message = refused(database_url, write(members, tmp_path / "b.zip"), capsys)
    assert "measures.jsonl: it holds 56 rows where the manifest says 57" in message


def test_a_figure_changed_after_the_backup_was_made_fails_its_checksum(
    demo_backup: Path, tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    members = members_of(demo_backup)
    # Line 32 is PANEL_ATTEND 2022/23 Q3, 70.8 (17 of 24).
    change_line(members, "observations.jsonl", 32, lambda s: s.replace("70.8", "70.9"))
    message = refused(database_url, write(members, tmp_path / "b.zip"), capsys)
    assert "observations.jsonl: its checksum (SHA-256) is not the one in the manifest" in message


@pytest.mark.parametrize("where", ["a line in the middle", "the last line"])
def test_a_truncated_line_restores_nothing_and_names_its_line(
    where: str,
    demo_backup: Path,
    tmp_path: Path,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    members = members_of(demo_backup)
    number = 17 if where == "a line in the middle" else len(lines(members, "observations.jsonl"))
    change_line(members, "observations.jsonl", number, lambda s: s[: len(s) // 2] + "\n")
    message = refused(database_url, write(members, tmp_path / "b.zip"), capsys)
    assert f"observations.jsonl line {number}: the line is not a complete JSON row" in message


def test_a_backup_cut_short_mid_line_restores_nothing(
    demo_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = members_of(demo_backup)
    data = members["observations.jsonl"]
    members["observations.jsonl"] = data[: len(data) - 40]  # a download that stopped early
    url = f"sqlite:///{tmp_path / 'r.db'}"
    message = refused(url, write(members, tmp_path / "b.zip"), capsys)
    last = len(data.splitlines())
    assert f"observations.jsonl line {last}: the line is not a complete JSON row" in message


# Hand-edited backups with their manifests rewritten to match: each names the file, the line
# and what is wrong, worked out from the demonstration data (line 3 of measures.jsonl is
# CICC_ATTEND; line 32 of observations.jsonl is PANEL_ATTEND 2022/23 Q3 = 70.8, 17 / 24).
FORGED = {
    "a unit the scorecard does not know": (
        "measures.jsonl",
        3,
        {"unit": "furlongs"},
        "measures.jsonl line 3: unit: 'furlongs' is not allowed",
    ),
    "more decimals than a figure can show": (
        "measures.jsonl",
        3,
        {"decimals": 7},
        "measures.jsonl line 3: decimals: 7: input should be less than or equal to 3",
    ),
    "a polarity the scorecard does not know": (
        "measures.jsonl",
        3,
        {"polarity": "sideways"},
        "measures.jsonl line 3: polarity: 'sideways' is not allowed",
    ),
    "a symbol the scorecard does not know": (
        "observations.jsonl",
        32,
        {"value": None, "numerator": None, "denominator": None, "symbol": "q"},
        "observations.jsonl line 32: symbol: 'q' is not a symbol the scorecard knows",
    ),
    "a period that is not a quarter": (
        "observations.jsonl",
        32,
        {"period": "2022/23 Q5"},
        "observations.jsonl line 32: period: '2022/23 Q5' is not a quarter",
    ),
    "a quarter that has not ended": (
        "observations.jsonl",
        32,
        {"period": "2027/28 Q1", "period_end": "2027-06-30"},
        "observations.jsonl line 32: period: 2027/28 Q1 has not ended yet",
    ),
    "a period's end that is not its end": (
        "observations.jsonl",
        32,
        {"period_end": "2023-01-31"},
        "observations.jsonl line 32: the period_end 2023-01-31 is not the end of 2022/23 Q3 "
        "(2022-12-31)",
    ),
    "a percentage above 100": (
        "observations.jsonl",
        32,
        {"value": 170.8},
        "observations.jsonl line 32: value: 170.8 is not a percentage between 0 and 100",
    ),
    "a negative count of children": (
        "observations.jsonl",
        32,
        {"numerator": -17.0},
        "observations.jsonl line 32: numerator: the numerator is a number of children and "
        "cannot be negative",
    ),
    "a measure that is not in the catalogue": (
        "observations.jsonl",
        32,
        {"measure_id": "NO_SUCH_MEASURE"},
        "observations.jsonl line 32: the measure_id 'NO_SUCH_MEASURE' refers to a row of "
        "measures that is not in the backup",
    ),
    "an upload that is not in the backup": (
        "observations.jsonl",
        32,
        {"upload_id": 999},
        "observations.jsonl line 32: the upload_id 999 refers to a row of uploads",
    ),
    "an id used twice": (
        "observations.jsonl",
        32,
        {"id": 31},
        "observations.jsonl line 32: the id 31 is on an earlier line too",
    ),
    "a column the table does not have": (
        "observations.jsonl",
        32,
        {"colour": "red"},
        "observations.jsonl line 32: 'colour' is not a column of the observations table",
    ),
    "a number where text belongs": (
        "observations.jsonl",
        32,
        {"breakdown": 5},
        "observations.jsonl line 32: the breakdown '5' is not text",
    ),
    "an invisible control character in a note": (
        "observations.jsonl",
        32,
        {"note": "late\u0007"},
        "observations.jsonl line 32: the note holds an invisible control character",
    ),
    "an action status the scorecard does not know": (
        "action_items.jsonl",
        2,
        {"status": "forgotten"},
        "action_items.jsonl line 2: status: 'forgotten' is not one of on track, at risk, "
        "off track, complete",
    ),
}


@pytest.mark.parametrize("case", list(FORGED))
def test_a_hand_edited_backup_is_refused_with_its_file_line_and_reason(
    case: str,
    demo_backup: Path,
    tmp_path: Path,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name, number, values, expected = FORGED[case]
    members = members_of(demo_backup)
    change_row(members, name, number, **values)
    forge_manifest(members)
    message = refused(database_url, write(members, tmp_path / "b.zip"), capsys)
    assert expected in message


@pytest.mark.parametrize(
    "raw", ["1e400", "-1e400", "NaN", "Infinity", "1" * 400], ids=lambda r: r[:8]
)
def test_a_value_no_number_can_hold_is_refused_with_its_line(
    raw: str,
    demo_backup: Path,
    tmp_path: Path,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    members = members_of(demo_backup)
    change_line(members, "observations.jsonl", 32, lambda s: s.replace("70.8", raw))
    forge_manifest(members)
    message = refused(database_url, write(members, tmp_path / "b.zip"), capsys)
    shown = raw
    assert (
        f"observations.jsonl line 32: the value '{shown}' is not a number the scorecard can hold"
        in message
    )


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    demo_backup: Path, tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # 64 MB of one repeated byte, no line break, compressed to about 64 KB (1,000 to 1).
    members = members_of(demo_backup)
    del members["observations.jsonl"]
    file = write(members, tmp_path / "bomb.zip")
    with (
        zipfile.ZipFile(file, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("observations.jsonl", "w") as member,
    ):
        for _ in range(64):
            member.write(b"7" * 2**20)
    tracemalloc.start()
    message = refused(database_url, file, capsys)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "observations.jsonl: it is compressed 1,0" in message  # 1,0xx to 1
    assert peak < 20 * 2**20, f"refusing the bomb took {peak:,} bytes"


def test_a_line_longer_than_the_limit_is_refused_without_reading_it_whole(
    demo_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 24 MB of random text on one line: it does not compress, so only the line limit stops it.
    members = members_of(demo_backup)
    noise = base64.b64encode(os.urandom(18_000_000))
    members["observations.jsonl"] = lines(members, "observations.jsonl")[0].encode() + noise
    forge_manifest(members)
    url = f"sqlite:///{tmp_path / 'r.db'}"
    file = write(members, tmp_path / "b.zip")
    del members, noise
    tracemalloc.start()
    message = refused(url, file, capsys)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "observations.jsonl line 2: the line is longer than 1,048,576 bytes" in message
    # Reading the line whole would take more than its 24 MB; the rows of the tables read
    # before it (the catalogue, the uploads) and one line's worth of buffers take far less.
    assert peak < 16 * 2**20, f"reading took {peak:,} bytes"


def test_a_member_bigger_than_the_limit_is_refused_before_it_is_unpacked(
    demo_backup: Path, tmp_path: Path
) -> None:
    file = tmp_path / "b.zip"
    file.write_bytes(demo_backup.read_bytes())
    # observations.jsonl unpacks to about 222 KB, every other file to less than 110 KB.
    small = backup.Limits(member_bytes=200_000)
    target = database.create(f"sqlite:///{tmp_path / 'r.db'}")
    with pytest.raises(BackupRejected, match=r"observations.jsonl: it would unpack to 2"):
        backup.restore(target, file, small)


def test_a_file_the_backup_should_not_hold_is_refused(
    demo_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = members_of(demo_backup)
    members["../../etc/cron.d/evil"] = b"* * * * * root true\n"
    message = refused(f"sqlite:///{tmp_path / 'r.db'}", write(members, tmp_path / "b.zip"), capsys)
    assert "../../etc/cron.d/evil: this file is not part of a scorecard backup" in message


def test_a_backup_from_a_newer_scorecard_is_unreadable_not_restored(
    demo_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = members_of(demo_backup)
    manifest = json.loads(members["manifest.json"])
    manifest["schema_revision"] = "9999"
    members["manifest.json"] = json.dumps(manifest).encode()
    url = f"sqlite:///{tmp_path / 'r.db'}"
    message = refused(url, write(members, tmp_path / "b.zip"), capsys, status=2)
    assert "made by a newer version of the scorecard" in message


def version_1(members: Members) -> None:
    """What the first backup format wrote: no checksums, no copy of the release ledger, no
    line break after the last row."""
    manifest = json.loads(members["manifest.json"])
    manifest["version"] = 1
    del manifest["sha256"], manifest["release_ledger"]
    members.pop(backup.LEDGER_COPY, None)
    members["manifest.json"] = json.dumps(manifest).encode()
    for name in members:
        if name.endswith(".jsonl"):
            members[name] = members[name].removesuffix(b"\n")


def test_a_version_1_backup_still_restores_with_the_checks_that_apply(
    demo_backup: Path, tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    members = members_of(demo_backup)
    version_1(members)
    good = write(members, tmp_path / "v1.zip")
    change_row(members, "measures.jsonl", 3, unit="furlongs")
    bad = write(members, tmp_path / "v1-bad.zip")

    message = refused(database_url, bad, capsys)
    assert "measures.jsonl line 3: unit: 'furlongs' is not allowed" in message
    assert main(["--db", database_url, "restore", str(good)]) == 0
    # 1,649 rows in the demonstration backup: the sum of its manifest's counts.
    assert rows_in(database_url) == sum(json.loads(members["manifest.json"])["rows"].values())


def as_made_at(members: Members, revision: str) -> Members:
    """The backup as a database at ``revision`` would have written it: only the tables and
    columns that existed then, the manifest to match."""
    from scorecard.storage.database import columns_at

    columns = columns_at(revision)
    assert columns is not None
    manifest = json.loads(members["manifest.json"])
    found: Members = {}
    for name, data in members.items():
        table = name.removesuffix(".jsonl")
        if name == "manifest.json":
            continue
        if name == backup.LEDGER_COPY:  # a copy of the ledger, not a table: as it was
            found[name] = data
            continue
        if table not in columns:
            del manifest["rows"][table], manifest["sha256"][name]
            continue
        rows = [json.loads(line) for line in data.decode().splitlines() if line]
        kept = [{k: v for k, v in row.items() if k in columns[table]} for row in rows]
        found[name] = "\n".join(json.dumps(row, ensure_ascii=False) for row in kept).encode()
        manifest["sha256"][name] = hashlib.sha256(found[name]).hexdigest()
    manifest["schema_revision"] = revision
    found["manifest.json"] = json.dumps(manifest).encode()
    return found


def test_a_table_added_by_a_later_migration_may_be_absent_but_no_other(
    demo_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # upload_changes came with migration 0004: a backup of a 0003 database has no such file,
    # but a backup of a 0004 database must have it.
    at_0003 = as_made_at(members_of(demo_backup), "0003")
    at_0004 = as_made_at(members_of(demo_backup), "0004")
    del at_0004["upload_changes.jsonl"]
    manifest = json.loads(at_0004["manifest.json"])
    del manifest["rows"]["upload_changes"], manifest["sha256"]["upload_changes.jsonl"]
    at_0004["manifest.json"] = json.dumps(manifest).encode()

    message = refused(f"sqlite:///{tmp_path / 'a.db'}", write(at_0004, tmp_path / "4.zip"), capsys)
    assert "upload_changes.jsonl: the file is missing" in message
    url = f"sqlite:///{tmp_path / 'b.db'}"
    assert main(["--db", url, "restore", str(write(at_0003, tmp_path / "3.zip"))]) == 0
    assert len(Store.open(url).uploads()) == 17


def test_a_kept_row_a_roll_back_would_write_back_is_checked_like_the_row_itself(
    demo_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As if upload 17 had changed the measure on line 3 of measures.jsonl (CICC_ATTEND):
    # rolling it back writes "before" into the catalogue.
    members = members_of(demo_backup)
    measure = json.loads(lines(members, "measures.jsonl")[2])
    change = {"id": 1, "upload_id": 17, "table_name": "measures", "row_key": measure["id"]}
    members["upload_changes.jsonl"] = (
        json.dumps(change | {"before": measure | {"decimals": 2}, "after": measure}) + "\n"
    ).encode()
    forge_manifest(members)
    good = write(members, tmp_path / "good.zip")
    members["upload_changes.jsonl"] = (
        json.dumps(change | {"before": measure | {"unit": "furlongs"}, "after": measure}) + "\n"
    ).encode()
    forge_manifest(members)
    bad = write(members, tmp_path / "bad.zip")

    message = refused(f"sqlite:///{tmp_path / 'a.db'}", bad, capsys)
    assert "upload_changes.jsonl line 1: before: unit: 'furlongs' is not allowed" in message
    url = f"sqlite:///{tmp_path / 'b.db'}"
    assert main(["--db", url, "restore", str(good)]) == 0
    Store.open(url).rollback(17, actor="Ann Officer")
    assert Store.open(url).catalogue().measure(measure["id"]).decimals == 2


def understate_size(file: Path, name: str, size: int) -> None:
    """Rewrites the zip's central directory to say ``name`` unpacks to ``size`` bytes."""
    data = bytearray(file.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == name.encode():
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    file.write_bytes(bytes(data))


def test_a_member_whose_header_understates_its_size_is_not_read_beyond_it(
    demo_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 16 MB of one repeated byte whose header says 1,000 bytes: it passes the checks made
    # before unpacking, so only reading with a cap can stop it.
    members = members_of(demo_backup)
    members["observations.jsonl"] = b"7" * 16 * 2**20
    forge_manifest(members)
    file = write(members, tmp_path / "b.zip")
    del members
    understate_size(file, "observations.jsonl", 1_000)
    tracemalloc.start()
    message = refused(f"sqlite:///{tmp_path / 'r.db'}", file, capsys)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "observations.jsonl: the file cannot be unpacked (Bad CRC-32" in message
    assert peak < 16 * 2**20, f"reading took {peak:,} bytes"


def test_a_line_nested_a_hundred_thousand_deep_is_refused_without_a_traceback(
    demo_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = members_of(demo_backup)
    change_line(members, "observations.jsonl", 17, lambda s: "[" * 100_000 + "\n")
    forge_manifest(members)
    message = refused(f"sqlite:///{tmp_path / 'r.db'}", write(members, tmp_path / "b.zip"), capsys)
    assert "observations.jsonl line 17: the line nests lists or objects far deeper" in message
