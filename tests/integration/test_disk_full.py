"""A full disk is named as a full disk, not as a database that "cannot be reached": the person
reading it can free space, where waiting a minute would change nothing."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from scorecard.errors import DatabaseUnavailable
from scorecard.startup import init_demo
from scorecard.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


def fill_the_disk(store: Store) -> None:
    """From now on the database cannot grow: SQLite stops at the pages it has (SQLITE_FULL,
    exactly what a full disk gives); PostgreSQL's server answers every new audit entry with
    disk_full (SQLSTATE 53100), as it does when it cannot extend a file."""
    engine = store.engine
    if engine.dialect.name == "sqlite":

        def no_more_pages(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {pages}")
            cursor.close()

        engine.dispose()
        event.listen(engine, "connect", no_more_pages)
        return
    with engine.begin() as conn:
        conn.execute(
            text(
                "create function disk_is_full() returns trigger language plpgsql as $$ "
                "begin raise exception 'could not extend file' using errcode = '53100'; end $$"
            )
        )
        conn.execute(
            text(
                "create trigger disk_is_full before insert on audit_log "
                "for each row execute function disk_is_full()"
            )
        )


def test_a_full_disk_says_the_disk_is_full_and_what_to_do(database_url: str) -> None:
    store = Store.open(database_url)
    fill_the_disk(store)
    with pytest.raises(DatabaseUnavailable) as refused:
        init_demo(store)
    message = str(refused.value)
    assert "disk that holds the scorecard database is full" in message
    assert "Free some space" in message
    assert "cannot be reached" not in message
    assert Store.open(database_url).uploads() == []  # the write was undone as a whole


def test_a_database_file_at_its_size_limit_says_the_write_was_refused_not_try_later(
    tmp_path: Path,
) -> None:
    # A file-size limit (ulimit -f) makes SQLite report "disk I/O error", not "disk full":
    # "cannot be reached right now, try again in a minute" would send the officer away to
    # wait for something that will never change.
    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))

    done = subprocess.run(
        [sys.executable, "-m", "scorecard", "--db", f"sqlite:///{tmp_path / 'x.db'}", "init-demo"],
        capture_output=True,
        text=True,
        preexec_fn=limited,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1
    assert "could not be written" in done.stderr
    assert "try again in a minute" not in done.stderr.lower()
    assert "Traceback" not in done.stderr
