"""Connecting to the database and bringing its schema up to date."""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import ExitStack
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from scorecard.errors import DatabaseUnavailable

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATABASE = PROJECT_ROOT / "data" / "scorecard.db"
DEFAULT_URL = f"sqlite:///{DEFAULT_DATABASE}"
URL_VARIABLE = "SCORECARD_DATABASE_URL"
_MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"
_LOCK = 72_405_130  # any fixed number: the advisory lock that serialises migrations


def configured_url(explicit: str | None = None) -> str:
    """The database to use: an explicit URL, else $SCORECARD_DATABASE_URL, else the embedded one."""
    return explicit or os.environ.get(URL_VARIABLE) or DEFAULT_URL


def is_embedded_default(url: str) -> bool:
    return url == DEFAULT_URL


def describe(url: str) -> str:
    """The URL without its password, safe to show to a user."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unreadable database address)"


def create(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnavailable(
            f"The database address in {URL_VARIABLE} is not a valid SQLAlchemy URL "
            "(e.g. sqlite:///data/scorecard.db or postgresql+psycopg://user@host/dbname)."
        ) from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # Wait for another writer rather than failing at once.
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


WRITER = "scorecard_writer"
_WRITE_LOCK = 72_405_131


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # We issue BEGIN ourselves (below), so the driver must not start transactions of its own.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # Readers never wait for a writer, nor a writer for readers: pages stay quick while an
    # upload commits.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_begin(connection) -> None:  # type: ignore[no-untyped-def]
    # A write takes SQLite's write lock at BEGIN, before it reads anything it will act on
    # (such as "is this file already uploaded?"), so two writers queue instead of both
    # reading, then one failing with "database is locked" when it tries to write.
    writer = connection.get_execution_options().get(WRITER, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


def lock_for_writing(connection: Connection) -> None:
    """Writers take turns. SQLite already did at BEGIN; PostgreSQL takes a transaction-scoped
    advisory lock, released at commit or roll-back."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK})


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision, keeping every row (SPEC §8)."""
    config = _alembic_config()
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                # Several app servers may start at once: one migrates, the others wait and
                # then find nothing to do. Released when this transaction ends.
                connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": _LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise DatabaseUnavailable(unavailable_message(exc)) from None


@lru_cache(maxsize=8)
def columns_at(revision: str) -> dict[str, frozenset[str]] | None:
    """Each table's columns as the migrations leave them at ``revision`` (worked out by
    running them on a scratch in-memory database, so a new migration needs nothing here), or
    None for a revision this version of the scorecard does not know: a newer one."""
    config = _alembic_config()
    try:
        ScriptDirectory.from_config(config).get_revision(revision)
    except (CommandError, ResolutionError):
        return None
    scratch = create_engine("sqlite://")
    try:
        with scratch.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            found = inspect(connection)
            return {
                name: frozenset(c["name"] for c in found.get_columns(name))
                for name in found.get_table_names()
                if name != "alembic_version"
            }
    finally:
        scratch.dispose()


def is_up_to_date(engine: Engine) -> bool:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head


DISK_FULL = (
    "The disk that holds the scorecard database is full, so nothing could be saved (nothing "
    "was lost either). Free some space on it, or ask your system administrator to, and try "
    "again."
)


def is_disk_full(exc: BaseException) -> bool:
    """SQLite's SQLITE_FULL, PostgreSQL's disk_full (SQLSTATE 53100), or the operating
    system's "no space left on device" or "disk quota exceeded"."""
    error = getattr(exc, "orig", None) or exc
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if getattr(error, "sqlstate", None) == "53100":
        return True
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11 sets it; text as a fallback
    return code == sqlite3.SQLITE_FULL or "database or disk is full" in str(error).lower()


def _is_write_failure(exc: BaseException) -> bool:
    """SQLite's SQLITE_IOERR family: the operating system refused a read or write of the
    database file (a file-size limit gives this, not SQLITE_FULL); waiting will not help."""
    error = getattr(exc, "orig", None) or exc
    code = getattr(error, "sqlite_errorcode", None)
    return (code is not None and code & 0xFF == sqlite3.SQLITE_IOERR) or (
        "disk i/o error" in str(error).lower()
    )


def unavailable_message(exc: Exception) -> str:
    # Never the address or the driver's text: they can carry host names and passwords.
    reason = str(getattr(exc, "orig", exc)).lower()
    if is_disk_full(exc):
        return DISK_FULL
    if _is_write_failure(exc):
        return (
            "The scorecard database file could not be written: the computer refused the "
            "write (the disk may be full or faulty, or the file may have reached a size "
            "limit). Nothing was saved. Tell your system administrator."
        )
    if "readonly" in reason or "read-only" in reason:
        return (
            "The scorecard database is read-only, so nothing can be saved. "
            "Tell your system administrator."
        )
    return (
        "The scorecard database cannot be reached right now. Try again in a minute; "
        "if it keeps happening, tell your system administrator."
    )


class Guarded:
    """A connection (a transaction, one writer at a time, when writing) whose database
    failures become a message a user can act on, rather than a driver traceback. Every store
    of the scorecard's database connects through it."""

    def __init__(self, engine: Engine, *, write: bool) -> None:
        self.engine = engine
        self.write = write
        self._stack = ExitStack()

    def __enter__(self) -> Connection:
        try:
            connection = self._stack.enter_context(self.engine.connect())
            if self.write:
                connection.execution_options(**{WRITER: True})
                self._stack.enter_context(connection.begin())
                lock_for_writing(connection)
            return connection
        except OperationalError as exc:
            self._stack.close()
            raise DatabaseUnavailable(unavailable_message(exc)) from None

    def __exit__(self, kind: Any, error: Any, trace: Any) -> Literal[False]:
        try:
            self._stack.__exit__(kind, error, trace)
        except OperationalError as exc:
            raise DatabaseUnavailable(unavailable_message(exc)) from None
        if isinstance(error, OperationalError):
            raise DatabaseUnavailable(unavailable_message(error)) from None
        return False
