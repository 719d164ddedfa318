"""Backing up and restoring a whole scorecard: data, catalogue, history and audit log.

A backup is a zip of JSON Lines, one file per table plus a manifest, readable without this
program and portable between SQLite and PostgreSQL. Restoring goes into an empty database in
one transaction, so a failed restore leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Engine, Table, func, insert, select, text

from scorecard.errors import ScorecardError, UnreadableFile
from scorecard.storage import database
from scorecard.storage.schema import metadata

FORMAT = "corporate-parenting-scorecard-backup"
VERSION = 1


def _tables() -> list[Table]:
    return list(metadata.sorted_tables)  # parents before children


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def backup(engine: Engine, out: Path) -> dict[str, int]:
    """Write every table to ``out``; returns the row count of each."""
    counts: dict[str, int] = {}
    with engine.connect() as conn, conn.begin():  # one consistent snapshot
        revision = conn.execute(text("select version_num from alembic_version")).scalar_one()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in _tables():
                rows = conn.execute(select(table).order_by(*table.primary_key.columns))
                lines = [
                    json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False)
                    for row in rows.mappings()
                ]
                counts[table.name] = len(lines)
                archive.writestr(f"{table.name}.jsonl", "\n".join(lines))
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "schema_revision": revision,
                "created_at": dt.datetime.now(dt.UTC).isoformat(),
                "rows": counts,
            }
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return counts


def restore(engine: Engine, source: Path) -> dict[str, int]:
    """Load a backup into an empty database, bringing its schema up to date first."""
    database.migrate(engine)
    try:
        archive = zipfile.ZipFile(source)
        manifest = json.loads(archive.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError):
        raise UnreadableFile(f"'{source.name}' is not a scorecard backup.") from None
    if manifest.get("format") != FORMAT:
        raise UnreadableFile(f"'{source.name}' is not a scorecard backup.")
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        for table in _tables():
            if conn.execute(select(func.count()).select_from(table)).scalar_one():
                raise ScorecardError(
                    f"The database already has data (table {table.name}); restore only into "
                    "an empty database so nothing is mixed or overwritten."
                )
        for table in _tables():
            rows = _read_rows(archive, table)
            if rows:
                conn.execute(insert(table), rows)
            counts[table.name] = len(rows)
        _reset_sequences(conn, engine)
    return counts


def _read_rows(archive: zipfile.ZipFile, table: Table) -> list[dict[str, Any]]:
    name = f"{table.name}.jsonl"
    if name not in archive.namelist():
        return []  # a table added by a later migration than the backup
    converters = {
        c.name: (_datetime if isinstance(c.type, DateTime) else _date)
        for c in table.columns
        if isinstance(c.type, DateTime | Date)
    }
    rows = []
    for line in io.TextIOWrapper(archive.open(name), encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            for column, convert in converters.items():
                if row.get(column) is not None:
                    row[column] = convert(row[column])
            rows.append(row)
    return rows


def _datetime(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])


def _reset_sequences(conn: Any, engine: Engine) -> None:
    """PostgreSQL hands out ids from sequences that explicit inserts do not advance."""
    if engine.dialect.name != "postgresql":
        return
    for table in _tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True or (
                column.autoincrement == "auto" and column.type.python_type is int
            ):
                conn.execute(
                    text(
                        f"select setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                        f"coalesce((select max({column.name}) from {table.name}), 0) + 1, false)"
                    )
                )
