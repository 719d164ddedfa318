"""Backing up and restoring a whole scorecard: data, catalogue, history and audit log.

A backup is a zip of JSON Lines, one file per table plus a manifest (each table's row count
and the SHA-256 of its file), readable without this program and portable between SQLite and
PostgreSQL. It also holds a copy of the release ledger (:mod:`scorecard.storage.ledger`).
A backup is written beside its destination and renamed over it only once it is complete and
on disk, so a failed one never destroys the last good one.

A restore reads and checks the whole backup before it writes anything: every table is there
with the rows the manifest counts and the checksum it gives; every line is a row of the
table's columns and types, within a size bound; every row passes the rules an upload and the
catalogue loader apply. Then it loads everything into an empty database in one transaction,
with every release the ledger (and the backup's copy of it) remembers added to those the
backup's database had recorded: a backup made before a release must not forget it.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import math
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    String,
    Table,
    Text,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError, OperationalError

from scorecard.catalogue import (
    Authority,
    Catalogue,
    Measure,
    Priority,
    Promise,
    entry_problems,
    parse_catalogue,
)
from scorecard.errors import (
    BackupRejected,
    CatalogueError,
    FileNotWritten,
    ScorecardError,
    UnreadableFile,
)
from scorecard.formatting import short_date
from scorecard.records import ActionStatus, CommentaryKind, ItemKind
from scorecard.storage import database, ledger
from scorecard.storage.ledger import Entry, Ledger, LedgerError
from scorecard.storage.schema import metadata
from scorecard.storage.store import UploadStatus, _measure_from_row
from scorecard.symbols import Symbol
from scorecard.upload.cells import SYMBOL_HINT, shown
from scorecard.upload.cells import text as plain_text
from scorecard.upload.columns import Place, Report
from scorecard.upload.data_sheet import ObservationRules
from scorecard.upload.issues import DENOMINATOR, NUMERATOR, Severity

FORMAT = "corporate-parenting-scorecard-backup"
# 2: the manifest gives each file's SHA-256. 3: a copy of the release ledger, its lines counted
# in "release_ledger" (null when the backup had none to copy). Versions 1 and 2 still restore.
VERSION = 3
MANIFEST = "manifest.json"
LEDGER_COPY = "release_ledger.jsonl"
# The tables of the catalogue are checked first: the rules for figures need the catalogue.
_CATALOGUE_TABLES = ("authority", "priorities", "measures", "pledge_promises")
_NOTHING_RESTORED = (
    "Nothing was restored. The backup is incomplete, damaged or was changed after it was "
    "made: restore an earlier backup."
)


@dataclass(frozen=True)
class Limits:
    """How much of a backup a restore will unpack and hold, so a small hostile file (a zip
    that expands to gigabytes, a line of gigabytes) is refused instead of exhausting memory.

    A table's file is refused before it is unpacked when its header gives more than
    ``member_bytes``, or more than ``ratio`` times its compressed size; it is still counted as
    it is read, because a header can lie. The largest files measured: the demonstration
    authority's observations.jsonl, 0.22 MB compressed 13 to 1; ten years of 60 measures
    (14,400 figures), 3.0 MB compressed 21.5 to 1.
    """

    member_bytes: int = 512 * 2**20
    line_bytes: int = 2**20
    ratio: int = 200
    manifest_bytes: int = 2**20


LIMITS = Limits()


def _tables() -> list[Table]:
    return list(metadata.sorted_tables)  # parents before children


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Done:
    """What a backup or a restore did: the rows of each table, and what the person running
    it should know about the release ledger, one sentence each."""

    counts: dict[str, int]
    releases: list[str] = field(default_factory=list)


# -- backing up ---------------------------------------------------------------------------------
def backup(engine: Engine, out: Path) -> Done:
    """Write every table, and the release ledger, to ``out``.

    The zip is written to a temporary file in the same folder, forced to disk, and only then
    renamed over ``out`` (a rename within a folder replaces the file whole), so a backup that
    fails part-way, on a full disk or a file-size limit, leaves the previous backup as it was.
    """
    out = Path(out)
    folder = out.parent
    entries, notes = _ledger_to_copy(engine)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=folder)
    except OSError as exc:
        raise _not_written(exc, out) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as file:
            counts = _write(engine, file, entries)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, out)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _not_written(exc, out) from None
        raise
    ledger.sync_folder(folder)
    return Done(counts, notes)


def _ledger_to_copy(engine: Engine) -> tuple[list[Entry] | None, list[str]]:
    """The ledger's releases, or None and why the backup holds no copy of it. A damaged
    ledger does not stop the backup: the data matter most, and the ledger's file is as it was."""
    folder = ledger.folder_for(engine.url)
    if folder is None:
        return None, [
            f"No release ledger is set for this database ({ledger.VARIABLE}), so this backup "
            "holds only the database's own record of what was published."
        ]
    book = Ledger(folder)
    try:
        entries = book.entries()
    except LedgerError as exc:
        return None, [f"{exc} This backup holds no copy of the ledger."]
    return entries, [f"With a copy of the release ledger {book.path} ({_releases(len(entries))})."]


def _write(engine: Engine, file: IO[bytes], entries: list[Entry] | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    digests: dict[str, str] = {}
    with database.Guarded(engine, write=False) as conn, conn.begin():  # one snapshot
        revision = conn.execute(text("select version_num from alembic_version")).scalar_one()
        with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in _tables():
                name = f"{table.name}.jsonl"
                digest = hashlib.sha256()
                count = 0
                query = select(table).order_by(*table.primary_key.columns)
                rows = conn.execute(query.execution_options(yield_per=2000))
                with archive.open(name, "w", force_zip64=True) as member:
                    for row in rows.mappings():
                        plain = {k: _plain(v) for k, v in row.items()}
                        line = (json.dumps(plain, ensure_ascii=False) + "\n").encode()
                        member.write(line)
                        digest.update(line)
                        count += 1
                counts[table.name] = count
                digests[name] = digest.hexdigest()
            if entries is not None:
                copy = b"".join(e.line() for e in entries)
                archive.writestr(LEDGER_COPY, copy)
                digests[LEDGER_COPY] = hashlib.sha256(copy).hexdigest()
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "schema_revision": revision,
                "created_at": dt.datetime.now(dt.UTC).isoformat(),
                "rows": counts,
                "sha256": digests,
                "release_ledger": None if entries is None else len(entries),
            }
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
    return counts


def _not_written(exc: OSError, out: Path) -> FileNotWritten:
    kept = (
        f"The previous backup, {out.name}, is as it was."
        if out.exists()
        else f"Nothing was written to {out.name}."
    )
    if database.is_disk_full(exc):
        reason = "the disk is full"
        todo = "Free some space on it, or back up to another disk, and run the backup again."
    elif exc.errno == errno.EFBIG:
        reason = (
            "the file grew larger than the largest file this system lets the scorecard write "
            "(a file-size limit)"
        )
        todo = "Ask your system administrator to raise the limit, or back up to another disk."
    else:
        reason = (exc.strerror or str(exc)).lower()
        todo = "Check that the folder exists and that you may write to it, then try again."
    return FileNotWritten(f"The backup was not made: {reason}. {kept} {todo}")


# -- restoring --------------------------------------------------------------------------------
def restore(engine: Engine, source: Path, limits: Limits = LIMITS) -> Done:
    """Load a backup into an empty database, bringing its schema up to date first, with every
    release the release ledger remembers. The whole backup, and the ledger, are checked before
    anything is written; nothing is restored unless all of it is good."""
    database.migrate(engine)
    with database.Guarded(engine, write=False) as conn:
        _refuse_if_not_empty(conn)
    contents = read(Path(source), limits)
    rows = contents.rows
    rows["publications"], notes = _remembered(engine, contents)
    counts: dict[str, int] = {}
    with database.Guarded(engine, write=True) as conn:
        _refuse_if_not_empty(conn)
        for table in _tables():
            found = rows.get(table.name, [])
            if found:
                try:
                    conn.execute(insert(table), found)
                except OperationalError:
                    raise
                except DBAPIError as exc:  # a rule this module does not know of
                    reason = str(exc.orig).splitlines()[0] if exc.orig else type(exc).__name__
                    raise BackupRejected(
                        f"{table.name}.jsonl: the database refused its rows ({reason}). "
                        + _NOTHING_RESTORED,
                        f"{table.name}.jsonl",
                    ) from None
            counts[table.name] = len(found)
        _reset_sequences(conn)
    return Done(counts, notes)


def _remembered(engine: Engine, contents: Contents) -> tuple[list[dict[str, Any]], list[str]]:
    """The backup's publications, with every release its copy of the ledger and this
    database's ledger hold that they do not (a LedgerError, restoring nothing, if the ledger
    is damaged); and what to tell the person restoring."""
    rows = list(contents.rows.get("publications", []))
    known = {(r["period"], r["sha256"]) for r in rows}
    next_id = max((r["id"] for r in rows), default=0) + 1
    notes: list[str] = []

    def keep(entries: list[Entry]) -> int:
        nonlocal next_id
        added = 0
        for found in sorted(entries, key=lambda e: e.published_at):
            if found.key not in known:
                known.add(found.key)
                rows.append(found.row() | {"id": next_id})
                next_id += 1
                added += 1
        return added

    copied = keep(contents.ledger or [])
    if copied:
        notes.append(
            f"Kept {_releases(copied)} from the backup's copy of the release ledger that its "
            "database had not recorded."
        )
    made = "this backup was made"
    if contents.made_at is not None:
        made += f" ({short_date(contents.made_at.date())} {contents.made_at:%H:%M} UTC)"
    folder = ledger.folder_for(engine.url)
    if folder is None:
        notes.append(
            f"No release ledger is set for this database ({ledger.VARIABLE}): any release "
            f"published after {made} is unknown to the restored scorecard, and nothing public "
            "will be shown until a ledger is set."
        )
        return rows, notes
    book = Ledger(folder)
    here = book.entries()
    if not book.path.exists():
        notes.append(
            f"There is no release ledger at {book.path}: any release published after {made} "
            "is unknown to the restored scorecard, which may publish figures that can be "
            "subtracted from it. If the scorecard's ledger is kept elsewhere, set "
            f"{ledger.VARIABLE} to its folder and restore again into an empty database."
        )
    elif added := keep(here):
        notes.append(
            f"Kept {_releases(added)} published after {made}, from the release ledger "
            f"{book.path}: public outputs will not let {'it' if added == 1 else 'them'} be "
            "subtracted."
        )
    else:
        notes.append(f"The release ledger {book.path} holds no release that this backup does not.")
    return rows, notes


def _releases(count: int) -> str:
    return "1 release" if count == 1 else f"{count:,} releases"


def _refuse_if_not_empty(conn: Connection) -> None:
    for table in _tables():
        if conn.execute(select(func.count()).select_from(table)).scalar_one():
            raise ScorecardError(
                f"The database already has data (table {table.name}); restore only into "
                "an empty database so nothing is mixed or overwritten."
            )


@dataclass
class Contents:
    """A backup, checked: every row by table name, and its copy of the release ledger (None
    when it holds none: made before version 3, or without a ledger)."""

    rows: dict[str, list[dict[str, Any]]]
    ledger: list[Entry] | None
    made_at: dt.datetime | None


def read(source: Path, limits: Limits = LIMITS) -> Contents:
    """Every row of the backup, checked; BackupRejected (naming the first bad file and line)
    or UnreadableFile otherwise."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile):
        raise UnreadableFile(f"'{source.name}' is not a scorecard backup.") from None
    with archive:
        manifest = _manifest(archive, source, limits)
        columns = database.columns_at(manifest["schema_revision"])
        if columns is None:
            raise UnreadableFile(
                f"'{source.name}' was made by a newer version of the scorecard (its database "
                f"is at revision {manifest['schema_revision']}); upgrade the scorecard, then "
                "restore it."
            )
        members = _members(archive, manifest, columns)
        reader = _Reader(archive, manifest, limits)
        # Tables added by a migration later than the backup's schema are not in it: they
        # start empty, as they would had the backup's database been upgraded.
        present = [t for t in _tables() if t.name in columns]
        for catalogue in (True, False):
            for table in present:
                if (table.name in _CATALOGUE_TABLES) is catalogue:
                    reader.read(table, members[f"{table.name}.jsonl"], columns[table.name])
            if catalogue:
                reader.check_catalogue()
        copy = None
        if manifest.get("release_ledger") is not None:
            copy = reader.ledger(members[LEDGER_COPY], manifest["release_ledger"])
        return Contents(reader.rows, copy, _moment(manifest.get("created_at")))


def _moment(text_: Any) -> dt.datetime | None:
    """When the manifest says the backup was made, in UTC, if it says so readably."""
    try:
        moment = dt.datetime.fromisoformat(text_) if isinstance(text_, str) else None
    except ValueError:
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return moment.astimezone(dt.UTC)


def _reject(member: str, line: int | None, problem: str) -> BackupRejected:
    where = f"{member} line {line}" if line is not None else member
    return BackupRejected(f"{where}: {problem}. {_NOTHING_RESTORED}", member, line)


_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _manifest(archive: zipfile.ZipFile, source: Path, limits: Limits) -> dict[str, Any]:
    not_a_backup = UnreadableFile(f"'{source.name}' is not a scorecard backup.")
    try:
        info = archive.getinfo(MANIFEST)
    except KeyError:
        raise not_a_backup from None
    try:
        raw = b"".join(_capped(archive, info, limits.manifest_bytes, limits))
        manifest = json.loads(raw)
    except (BackupRejected, ValueError, zipfile.BadZipFile):
        raise not_a_backup from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise not_a_backup
    version = manifest.get("version")
    if type(version) is int and version > VERSION:
        raise UnreadableFile(
            f"'{source.name}' was made by a newer version of the scorecard (backup format "
            f"{version}); upgrade the scorecard, then restore it."
        )
    if version not in (1, 2, 3) or not isinstance(manifest.get("schema_revision"), str):
        raise not_a_backup
    counts = manifest.get("rows")
    if not isinstance(counts, dict) or not all(type(n) is int and n >= 0 for n in counts.values()):
        raise _reject(MANIFEST, None, "it does not give a row count for each table")
    if version >= 2:
        digests = manifest.get("sha256")
        if not isinstance(digests, dict) or not all(
            isinstance(d, str) and _HEX64.match(d) for d in digests.values()
        ):
            raise _reject(MANIFEST, None, "it does not give a checksum (SHA-256) for each file")
    copied = manifest.get("release_ledger")
    if version < 3 and "release_ledger" in manifest:
        raise _reject(MANIFEST, None, "it counts a release ledger, which its version has not")
    if copied is not None and not (type(copied) is int and copied >= 0):
        raise _reject(MANIFEST, None, "it does not give the number of releases in its ledger")
    return manifest


def _members(
    archive: zipfile.ZipFile, manifest: dict[str, Any], columns: dict[str, frozenset[str]]
) -> dict[str, zipfile.ZipInfo]:
    """Each table's file, once each, and nothing the backup should not hold."""
    found: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        if info.filename in found:
            raise _reject(info.filename, None, "the backup holds two files of this name")
        found[info.filename] = info
    wanted = {f"{t.name}.jsonl" for t in _tables() if t.name in columns}
    if manifest.get("release_ledger") is not None:
        wanted.add(LEDGER_COPY)
        if LEDGER_COPY not in found:
            raise _reject(
                LEDGER_COPY,
                None,
                "the file is missing, so releases the ledger remembered would be forgotten",
            )
        if LEDGER_COPY not in manifest["sha256"]:
            raise _reject(
                MANIFEST, None, f"it does not give the checksum (SHA-256) of {LEDGER_COPY}"
            )
    for name in found:
        if name != MANIFEST and name not in wanted:
            raise _reject(name, None, "this file is not part of a scorecard backup")
    for listed in manifest["rows"]:
        # A table the manifest counts that its schema has not: its rows would be lost
        # without a word, so the manifest is not this backup's.
        if listed not in columns:
            raise _reject(
                MANIFEST,
                None,
                f"it counts rows of a table, '{listed}', that its database does not have",
            )
    for table in _tables():
        name = f"{table.name}.jsonl"
        if name not in wanted:
            continue
        if name not in found:
            raise _reject(
                name,
                None,
                f"the file is missing, so the {table.name} table would come back empty",
            )
        if table.name not in manifest["rows"]:
            raise _reject(MANIFEST, None, f"it does not give the number of rows of {name}")
        if manifest["version"] >= 2 and name not in manifest["sha256"]:
            raise _reject(MANIFEST, None, f"it does not give the checksum (SHA-256) of {name}")
    return found


def _capped(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, limits: Limits
) -> Iterator[bytes]:
    """A member's lines, refused before it is unpacked when its header says it is too big or
    compressed too far, and while it is read when it is bigger than its header says."""
    name = info.filename
    if info.file_size > cap:
        raise _reject(
            name,
            None,
            f"it would unpack to {info.file_size:,} bytes, more than the {cap:,} a backup's "
            "file may hold",
        )
    if info.file_size > 2**20 and info.file_size > limits.ratio * max(info.compress_size, 1):
        raise _reject(
            name,
            None,
            f"it is compressed {info.file_size // max(info.compress_size, 1):,} to 1, far more "
            "than a scorecard backup's files ever are (a file made to exhaust memory)",
        )
    total = 0
    try:
        with archive.open(info) as member:
            while line := member.readline(limits.line_bytes + 1):
                total += len(line)
                if total > cap:
                    raise _reject(name, None, f"it holds more than {cap:,} bytes")
                yield line
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        # A damaged member: a bad CRC, a truncated stream, a bad deflate block.
        raise _reject(name, None, f"the file cannot be unpacked ({exc})") from None


class _Unholdable:
    """A number in a line that no column can hold (1e400, a 400-digit integer, NaN)."""

    def __init__(self, text: str) -> None:
        self.text = text


def _number(text: str) -> float | _Unholdable:
    number = float(text)
    return number if math.isfinite(number) else _Unholdable(text)


def _integer(text: str) -> int | _Unholdable:
    # 18 digits fit any database's integer column and a float; more is no id or count.
    return int(text) if len(text.lstrip("-")) <= 18 else _Unholdable(text)


_DECODER = json.JSONDecoder(parse_float=_number, parse_int=_integer, parse_constant=_Unholdable)


_INT32 = 2**31


@dataclass
class _Reader:
    """Reads and checks each table's file in turn, keeping its rows."""

    archive: zipfile.ZipFile
    manifest: dict[str, Any]
    limits: Limits
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _keys: dict[tuple[str, str], set[Any]] = field(default_factory=dict)
    _rules: ObservationRules | None = None

    def read(self, table: Table, info: zipfile.ZipInfo, columns: frozenset[str]) -> None:
        name = info.filename
        digest = hashlib.sha256()
        kept: list[dict[str, Any]] = []
        rule = _ROW_RULES.get(table.name)
        for number, line in self._lines(info, digest):
            row, problem = self._row(table, columns, line)
            if problem is None and rule is not None:
                problem = rule(self, row, name, number)
            if problem is not None:
                raise _reject(name, number, problem)
            kept.append(row)
        self._whole(name, len(kept), self.manifest["rows"][table.name], "rows", digest)
        self.rows[table.name] = kept

    def ledger(self, info: zipfile.ZipInfo, expected: int) -> list[Entry]:
        """The backup's copy of the release ledger, each line checked as the ledger's own."""
        digest = hashlib.sha256()
        entries: list[Entry] = []
        for number, line in self._lines(info, digest):
            found, problem = ledger.parse(line)
            if found is None:
                raise _reject(info.filename, number, problem or "the line is not a release")
            entries.append(found)
        self._whole(info.filename, len(entries), expected, "releases", digest)
        return entries

    def _lines(self, info: zipfile.ZipInfo, digest: Any) -> Iterator[tuple[int, bytes]]:
        """A member's lines, numbered from 1, each added to ``digest``; a line longer than any
        row can be is refused before it is parsed."""
        for number, line in enumerate(
            _capped(self.archive, info, self.limits.member_bytes, self.limits), start=1
        ):
            digest.update(line)
            if len(line) > self.limits.line_bytes:
                raise _reject(
                    info.filename,
                    number,
                    f"the line is longer than {self.limits.line_bytes:,} bytes",
                )
            yield number, line

    def _whole(self, name: str, counted: int, expected: int, what: str, digest: Any) -> None:
        """A member holds as many lines as the manifest says, and they are the ones it was
        made with (format 2 and later keep a checksum per member)."""
        if counted != expected:
            raise _reject(
                name,
                None,
                f"it holds {counted:,} {what} where the manifest says {expected:,} (the file "
                "is incomplete or was changed)",
            )
        if self.manifest["version"] >= 2 and digest.hexdigest() != self.manifest["sha256"][name]:
            raise _reject(
                name,
                None,
                "its checksum (SHA-256) is not the one in the manifest: it was damaged or "
                "changed after the backup was made",
            )

    def _row(
        self, table: Table, columns: frozenset[str], line: bytes
    ) -> tuple[dict[str, Any], str | None]:
        try:
            row = _DECODER.decode(line.decode("utf-8"))
        except UnicodeDecodeError:
            return {}, "the line is not UTF-8 text"
        except ValueError as exc:
            return {}, f"the line is not a complete JSON row ({exc})"
        except RecursionError:
            return {}, "the line nests lists or objects far deeper than any row"
        if not isinstance(row, dict):
            return {}, "the line is not a row (a JSON object)"
        if row.keys() != columns:
            missing = sorted(columns - row.keys())
            if missing:
                return row, f"the row has no {', '.join(missing)}"
            extra = sorted(row.keys() - columns)
            return row, f"'{extra[0]}' is not a column of the {table.name} table"
        for column, keyed in _plan(table):
            if column.name not in row:
                continue  # added by a later migration: its default
            value, problem = _typed(column, row[column.name])
            if problem is not None:
                return row, problem
            row[column.name] = value
            if keyed:
                problem = self._key_problem(table, column, value)
                if problem is not None:
                    return row, problem
        return row, None

    def _key_problem(self, table: Table, column: Column[Any], value: Any) -> str | None:
        """Ids are unique and every reference is to a row that is in the backup."""
        if value is None:
            return None
        if column.primary_key or column.unique:
            seen = self._keys.setdefault((table.name, column.name), set())
            if value in seen:
                return f"the {column.name} {value!r} is on an earlier line too"
            seen.add(value)
        for key in column.foreign_keys:
            target = key.column
            known = self._keys.get((target.table.name, target.name), set())
            if value not in known:
                return (
                    f"the {column.name} {value!r} refers to a row of {target.table.name} "
                    "that is not in the backup"
                )
        return None

    # -- the catalogue, then the figures ------------------------------------------------------
    def check_catalogue(self) -> None:
        """Once the catalogue's tables are read, check the catalogue as a whole, as the store
        reads it; the rules for figures need it."""
        authority = self.rows.get("authority", [])
        measures = self.rows.get("measures", [])
        if not authority and not measures and not self.rows.get("priorities"):
            return  # a backup of a database with no catalogue yet
        if len(authority) != 1:
            raise _reject(
                "authority.jsonl", None, f"it has {len(authority)} rows where a scorecard has one"
            )
        data = {
            "authority": {k: v for k, v in authority[0].items() if k != "id" and v is not None},
            "priorities": self.rows.get("priorities", []),
            "measures": [_measure_from_row(row) for row in measures],
            "pledge": self.rows.get("pledge_promises", []),
        }
        try:
            catalogue: Catalogue = parse_catalogue(data, "the backup's catalogue")
        except CatalogueError as exc:
            raise _reject(
                "measures.jsonl", None, "the catalogue is not valid: " + "; ".join(exc.problems)
            ) from None
        self._rules = ObservationRules(catalogue, dt.date.today())

    def observation(self, row: dict[str, Any], member: str, line: int) -> str | None:
        """The rules an upload applies to each figure on its own. Not those that compare it
        with today's catalogue (its frequency, its breakdowns, n / d against its decimals):
        the catalogue may have changed since the figure was accepted, and the figure with it
        is history."""
        if self._rules is None:
            return f"the measure {row['measure_id']!r} is not in the backup's catalogue"
        report = Report()
        place = Place(report, member, line)
        measure = self._rules.measure(row["measure_id"], place, "measure_id")
        problem = _issue(report) or self.period(row, member, line)
        if problem:
            return problem
        self._rules.value(row["value"], False, measure, place, "value")
        self._rules.count(row["numerator"], NUMERATOR, place)
        self._rules.count(row["denominator"], DENOMINATOR, place)
        return _issue(report) or _symbol_problem(row["symbol"])

    def period(self, row: dict[str, Any], member: str, line: int) -> str | None:
        """A period the upload would accept, in its canonical form, with its own end date."""
        report = Report()
        rules = self._rules or ObservationRules(_NO_CATALOGUE, dt.date.today())
        period = rules.period(row["period"], Place(report, member, line), "period")
        if period is None:
            return _issue(report)
        if period.label != row["period"]:
            return f"the period '{row['period']}' is not written as the scorecard writes it"
        if row["period_end"] != period.end:
            return (
                f"the period_end {row['period_end'].isoformat()} is not the end of "
                f"{period.label} ({period.end.isoformat()})"
            )
        return None


_NO_CATALOGUE = Catalogue(authority=Authority(name="none"), priorities=(), measures=())


def _issue(report: Report) -> str | None:
    """The first blocking problem a rule reported, as "column: message"."""
    for issue in report.issues:
        if issue.severity is Severity.BLOCKING:
            return f"{issue.column}: {issue.message}" if issue.column else issue.message
    return None


_SYMBOLS = frozenset(s.value for s in Symbol)  # as stored: "c", never an alias such as "low"


def _symbol_problem(symbol: str | None) -> str | None:
    if symbol is None or symbol in _SYMBOLS:
        return None
    return f"symbol: '{symbol}' is not a symbol the scorecard knows; use {SYMBOL_HINT}"


@lru_cache(maxsize=64)
def _plan(table: Table) -> list[tuple[Column[Any], bool]]:
    """Each column, and whether it is a key (unique, or a reference) to be checked."""
    return [(c, bool(c.primary_key or c.unique or c.foreign_keys)) for c in table.columns]


def _typed(column: Column[Any], value: Any) -> tuple[Any, str | None]:
    """The value as the column holds it, or what is wrong with it."""
    kind = column.type
    if (
        value.__class__ is str
        and kind.__class__ in (String, Text)
        and (kind.length is None or len(value) <= kind.length)
        and value.isprintable()
    ):
        return value, None  # the common case, quickly: the full rules below accept it
    name = column.name
    if value is None:
        if column.nullable:
            return None, None
        return None, f"{name} is empty, but every row has one"
    if isinstance(value, _Unholdable):
        return None, f"the {name} '{value.text}' is not a number the scorecard can hold"
    if isinstance(kind, Boolean):
        if type(value) is bool:
            return value, None
        return None, f"the {name} {json.dumps(value)} is not true or false"
    if isinstance(kind, Integer):
        if type(value) is int and -_INT32 <= value < _INT32:
            return value, None
        return None, f"the {name} {_quoted(value)} is not a whole number the scorecard can hold"
    if isinstance(kind, Float):
        if type(value) in (int, float):
            return float(value), None
        return None, f"the {name} {_quoted(value)} is not a number"
    if isinstance(kind, DateTime | Date):
        try:
            if not isinstance(value, str):
                raise ValueError(value)
            if isinstance(kind, DateTime):
                return dt.datetime.fromisoformat(value), None
            return dt.date.fromisoformat(value[:10]), None
        except ValueError:
            what = "date and time" if isinstance(kind, DateTime) else "date"
            return None, f"the {name} {_quoted(value)} is not a {what}"
    if isinstance(kind, JSON):
        inner = _unholdable_inside(value)
        if inner is not None:
            return None, f"the {name} holds '{inner}', which is not a number the scorecard can hold"
        return value, None
    if isinstance(kind, String):  # Text is a String too
        if not isinstance(value, str):
            return None, f"the {name} {_quoted(value)} is not text"
        if kind.length is not None and len(value) > kind.length:
            return None, f"the {name} is {len(value):,} characters long, more than {kind.length}"
        if plain_text(value) != shown(value):  # as an upload keeps text, or exports fail
            return None, f"the {name} holds an invisible control character"
        return value, None
    return value, None


def _quoted(value: Any) -> str:
    text_ = json.dumps(value, ensure_ascii=False, default=str)
    return f"'{text_[:40]}…'" if len(text_) > 40 else f"'{text_}'"


def _unholdable_inside(value: Any) -> str | None:
    if isinstance(value, _Unholdable):
        return value.text
    children = (
        value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    )
    for child in children:
        found = _unholdable_inside(child)
        if found is not None:
            return found
    return None


def _entry(model: Any, prepare: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    """A row of a catalogue table, checked by the catalogue loader's own model."""

    def check(_reader: _Reader, row: dict[str, Any], _member: str, _line: int) -> str | None:
        problems = entry_problems(model, prepare(row))
        return "; ".join(problems) if problems else None

    return check


def _one_of(column: str, allowed: type[Any]) -> Callable[[dict[str, Any]], str | None]:
    values = [str(v) for v in allowed]

    def check(row: dict[str, Any]) -> str | None:
        if row[column] in values:
            return None
        return f"{column}: '{row[column]}' is not one of {', '.join(values)}"

    return check


def _rows_of(*checks: Callable[[dict[str, Any]], str | None], period: bool = False) -> Any:
    def check(reader: _Reader, row: dict[str, Any], member: str, line: int) -> str | None:
        for each in checks:
            problem = each(row)
            if problem:
                return problem
        return reader.period(row, member, line) if period else None

    return check


def _meeting_item(row: dict[str, Any]) -> str | None:
    problem = _one_of("kind", ItemKind)(row)
    if problem or row["kind"] != ItemKind.ACTION:
        return problem
    return _one_of("status", ActionStatus)(row)


def _measure_entry(row: dict[str, Any]) -> dict[str, Any]:
    """The measure as the store reads it (a list of breakdowns becomes a tuple)."""
    if not isinstance(row["breakdowns"], list):
        return {k: v for k, v in row.items() if k != "position" and v is not None}
    return _measure_from_row(row)


def _change(reader: _Reader, row: dict[str, Any], member: str, line: int) -> str | None:
    """A row an upload changed in place, as it was and as the upload left it: a roll-back
    writes them back into their table, so each must be a good row of it."""
    name = row["table_name"]
    if name not in _CHANGED_IN_PLACE:
        return f"table_name: '{name}' is not a table an upload changes"
    table = metadata.tables[name]
    for side in ("before", "after"):
        kept = row[side]
        if kept is None:
            continue  # before: the upload added the row (after cannot be empty: its column)
        if not isinstance(kept, dict):
            return f"{side}: it is not a row of {name}"
        unknown = sorted(kept.keys() - table.columns.keys())
        if unknown:
            return f"{side}: '{unknown[0]}' is not a column of the {name} table"
        missing = sorted(table.columns.keys() - kept.keys())
        if missing:
            return f"{side}: the row has no {', '.join(missing)}"
        typed = {}
        for column in table.columns:
            typed[column.name], problem = _typed(column, kept[column.name])
            if problem is not None:
                return f"{side}: {problem}"
        problem = _ROW_RULES[name](reader, typed, member, line)
        if problem is not None:
            return f"{side}: {problem}"
    return None


_CHANGED_IN_PLACE = ("measures", "meeting_actions")
_ROW_RULES: dict[str, Callable[[_Reader, dict[str, Any], str, int], str | None]] = {
    "authority": _entry(
        Authority, lambda r: {k: v for k, v in r.items() if k != "id" and v is not None}
    ),
    "priorities": _entry(Priority, dict),
    "measures": _entry(Measure, _measure_entry),
    "pledge_promises": _entry(Promise, dict),
    "uploads": _rows_of(_one_of("status", UploadStatus)),
    "observations": _Reader.observation,
    "commentary": _rows_of(_one_of("kind", CommentaryKind), period=True),
    "action_items": _rows_of(_one_of("status", ActionStatus), period=True),
    "meeting_actions": _rows_of(_meeting_item),
    "benchmark_values": _rows_of(lambda r: _symbol_problem(r["symbol"])),
    "upload_changes": _change,
}


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL hands out ids from sequences that explicit inserts do not advance."""
    if conn.dialect.name != "postgresql":
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
