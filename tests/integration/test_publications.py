"""Releases remember (issue 12, point 4): what each public output showed of each period is
kept in the database, once per content, and in backups, and read back for disclosure."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from scorecard import backup
from scorecard.disclosure import Release
from scorecard.periods import parse_period
from scorecard.storage import database, ledger
from scorecard.storage.publications import Output, published, record, releases
from scorecard.storage.store import Store

Q1 = parse_period("2026/27 Q1")
Q2 = parse_period("2026/27 Q2")
MORNING = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)
AFTERNOON = dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.UTC)
# Placements of 47 children published as 30, 10, c, c (the first release).
FIRST = {
    ("PLACEMENTS", "All"): 47.0,
    ("PLACEMENTS", "Foster care"): 30.0,
    ("PLACEMENTS", "Children's homes"): 10.0,
    ("PLACEMENTS", "With parents"): None,
    ("PLACEMENTS", "Other"): None,
}


def test_a_release_is_read_back_with_every_figure_and_every_c_it_showed(
    database_url: str,
) -> None:
    store = Store.open(database_url)

    assert record(store, [Release(Q1, MORNING, FIRST)], Output.PAGE) == 1

    [found] = published(store)
    assert found.output == "Published version page"
    assert found.release.period == Q1
    assert found.release.published_at == MORNING
    assert dict(found.release.shown) == FIRST
    assert releases(store) == [found.release]


def test_the_same_figures_of_a_period_published_again_are_recorded_once(
    database_url: str,
) -> None:
    store = Store.open(database_url)
    record(store, [Release(Q1, MORNING, FIRST)], Output.PAGE)

    again = record(store, [Release(Q1, AFTERNOON, dict(FIRST))], Output.JSON)
    corrected = FIRST | {("PLACEMENTS", "With parents"): 0.0}
    changed = record(store, [Release(Q1, AFTERNOON, corrected)], Output.JSON)

    assert (again, changed) == (0, 1)
    assert [(p.output, p.release.published_at) for p in published(store)] == [
        ("Published version page", MORNING),  # the first time those figures went out
        ("JSON export", AFTERNOON),
    ]


def test_releases_are_read_for_the_periods_asked_for(database_url: str) -> None:
    store = Store.open(database_url)
    record(
        store,
        [Release(Q1, MORNING, FIRST), Release(Q2, MORNING, {("PLACEMENTS", "All"): 44.0})],
        Output.CSV,
    )

    assert [r.period for r in releases(store, {"2026/27 Q2"})] == [Q2]
    assert {r.period for r in releases(store)} == {Q1, Q2}


def test_a_figure_json_cannot_hold_is_remembered_as_hidden(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'scorecard.db'}")
    record(store, [Release(Q1, MORNING, {("RATE", "All"): float("inf")})], Output.PDF)

    assert dict(releases(store)[0].shown) == {("RATE", "All"): None}


def test_two_servers_recording_the_same_release_at_once_store_it_once(
    database_url: str,
) -> None:
    servers = [Store.open(database_url) for _ in range(4)]  # each with its own connections
    start = threading.Barrier(len(servers))
    results: list[int] = []

    def publish(store: Store) -> None:
        start.wait()
        results.append(record(store, [Release(Q1, MORNING, FIRST)], Output.PAGE))

    threads = [threading.Thread(target=publish, args=(s,)) for s in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(results) == [0, 0, 0, 1]
    assert len(published(servers[0])) == 1
    assert len(ledger.of(database_url).entries()) == 1  # and one line of the release ledger


def test_a_backup_restored_into_another_database_keeps_what_was_published(
    tmp_path: Path, database_url: str
) -> None:
    source = Store.open(f"sqlite:///{tmp_path / 'source.db'}")
    record(source, [Release(Q1, MORNING, FIRST)], Output.PAGE)
    record(source, [Release(Q2, AFTERNOON, {("PLACEMENTS", "All"): 44.0})], Output.XLSX)
    archive = tmp_path / "backup.zip"
    backup.backup(source.engine, archive)

    target = database.create(database_url)
    counts = backup.restore(target, archive).counts

    assert counts["publications"] == 2
    assert published(Store(target)) == published(source)
