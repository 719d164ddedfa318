"""The release ledger: what every public output showed, kept outside the database.

The ``publications`` table remembers each release so that a later one cannot be subtracted
from it, but a database can be lost, and a backup made before a release knows nothing of it.
So every release the database records is also appended to a file the deployment keeps apart
from the database (``$SCORECARD_RELEASE_LEDGER``; for an SQLite database, by default, a
folder beside its file), and a restore merges the ledger back into what it restores.

The file is JSON Lines, one line per release, only ever appended to: each line is written
whole, forced to disk, and taken back if the write fails part-way (a full disk), under an
exclusive lock, so it is never left half-written. A public output is shown only once its
release is in the ledger. A line that cannot be read as a release this program wrote stops
public outputs (and restores) with the file and line named: memory is never dropped quietly.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import math
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from scorecard.errors import PeriodError, ScorecardError
from scorecard.periods import parse_period

try:  # POSIX: writers (and readers) of one ledger take turns, whichever database they serve
    import fcntl
except ImportError:  # pragma: no cover (Windows: one writer at a time by the database lock)
    fcntl = None  # type: ignore[assignment]

VARIABLE = "SCORECARD_RELEASE_LEDGER"
FILE = "releases.jsonl"
# A release holds every figure of a period: the demonstration's biggest is 9 KB. The same
# bound as a line of a backup, which holds the same row.
LINE_BYTES = 2**20
FILE_BYTES = 512 * 2**20
_FIELDS = ("period", "published_at", "authority", "output", "shown", "sha256")
# The longest measure id, breakdown or authority name a line may hold. Generous, and any
# character goes (JSON escapes it): whatever a catalogue or an upload can name, the ledger
# must read back, or one odd name would stop every public output until someone mended it.
_TEXT = 10_000
_HELP = "see 'Releases are remembered' in the README"


class LedgerError(ScorecardError):
    """The ledger cannot be found, read or written; public outputs are not shown."""


@dataclass(frozen=True)
class Entry:
    """One release, as one line of the ledger and as a row of the publications table."""

    period: str
    published_at: dt.datetime
    authority: str
    output: str
    shown: dict[str, dict[str, float | None]]
    sha256: str

    @property
    def key(self) -> tuple[str, str]:
        """A release is its period and its content (the publications table's unique key)."""
        return (self.period, self.sha256)

    def line(self) -> bytes:
        plain = {
            "period": self.period,
            "published_at": self.published_at.isoformat(),
            "authority": self.authority,
            "output": self.output,
            "shown": self.shown,
            "sha256": self.sha256,
        }
        return (json.dumps(plain, ensure_ascii=False, separators=(",", ":")) + "\n").encode()

    def row(self) -> dict[str, Any]:
        """As the publications table holds it."""
        return {
            "period": self.period,
            "sha256": self.sha256,
            "output": self.output,
            "published_at": self.published_at,
            "shown": self.shown,
        }


def digest(shown: dict[str, dict[str, float | None]]) -> str:
    """The SHA-256 of a release's figures, written canonically: the same figures, the same
    digest, whichever output showed them."""
    canonical = json.dumps(shown, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def entry(row: Any, authority: str) -> Entry:
    """A row of the publications table as a line of the ledger."""
    moment: dt.datetime = row["published_at"]
    when = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
    return Entry(row["period"], when, authority, row["output"], row["shown"], row["sha256"])


# -- where it is --------------------------------------------------------------------------------
def folder_for(url: str | URL) -> Path | None:
    """The ledger's folder for the database at ``url``: ``$SCORECARD_RELEASE_LEDGER`` if set,
    else for an SQLite file ``<its name>-releases`` beside it (``data/scorecard-releases``),
    else None: a server database keeps no files of its own, and only whoever deploys it
    knows a folder that outlives it and that every server can write to."""
    configured = os.environ.get(VARIABLE, "").strip()
    if configured:
        return Path(configured).expanduser().resolve()
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:":
        return None
    path = Path(name).expanduser().resolve()
    return path.parent / f"{path.stem}-releases"


def of(url: str | URL) -> Ledger:
    """The ledger of the database at ``url``, or LedgerError saying how to configure one."""
    folder = folder_for(url)
    if folder is None:
        raise LedgerError(
            "Nothing public can be shown or written: the scorecard records every release in "
            "a release ledger kept outside the database, so that what was published is not "
            "forgotten if the database is lost, and none is set for this database. Set "
            f"{VARIABLE} to a folder every scorecard server can write to and that is backed "
            f"up ({_HELP})."
        )
    return Ledger(folder)


# -- reading and writing ------------------------------------------------------------------------
@dataclass(frozen=True)
class Ledger:
    folder: Path

    @property
    def path(self) -> Path:
        return self.folder / FILE

    def entries(self) -> list[Entry]:
        """Every release in the ledger, oldest first; none when it has no file yet."""
        try:
            file = open(self.path, "rb")  # noqa: SIM115 (closed below, after the lock)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise self._unreadable(exc) from None
        with file:
            _lock(file, exclusive=False)
            return list(self._read(file))

    def add(self, candidates: Iterable[Entry]) -> int:
        """Append each release the ledger does not hold yet; returns how many. Under an
        exclusive lock, the whole ledger is read first (a damaged line stops everything), then
        the new lines are written in one go and forced to disk, or, if that fails, taken back
        off, so the file never keeps half a line."""
        wanted = list(candidates)
        if not wanted:
            return 0
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            created = not self.path.exists()
            descriptor = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
        except OSError as exc:
            raise self._not_written(exc) from None
        with os.fdopen(descriptor, "r+b") as file:  # read through it; written to with os.write
            _lock(file, exclusive=True)
            known = {e.key for e in self._read(file)}
            new: dict[tuple[str, str], Entry] = {}
            for found in wanted:
                if found.key not in known:
                    new.setdefault(found.key, found)
            if not new:
                return 0
            size = os.fstat(descriptor).st_size
            try:
                _write_all(descriptor, b"".join(e.line() for e in new.values()))
                os.fsync(descriptor)
            except OSError as exc:
                _take_back(descriptor, size)
                raise self._not_written(exc) from None
        if created:
            sync_folder(self.folder)
        return len(new)

    def _read(self, file: IO[bytes]) -> Iterator[Entry]:
        file.seek(0)
        total = 0
        number = 0
        while line := file.readline(LINE_BYTES + 1):
            number += 1
            total += len(line)
            if total > FILE_BYTES:
                raise self._damaged(number, f"the file is larger than {FILE_BYTES:,} bytes")
            if len(line) > LINE_BYTES:
                raise self._damaged(number, f"the line is longer than {LINE_BYTES:,} bytes")
            if not line.endswith(b"\n"):
                raise self._damaged(
                    number,
                    "the line is incomplete (the computer may have stopped while writing it)",
                )
            found, problem = parse(line)
            if problem is not None or found is None:
                raise self._damaged(number, problem or "")
            yield found

    def _damaged(self, line: int, problem: str) -> LedgerError:
        return LedgerError(
            f"The release ledger {self.path}, line {line}: {problem}. Nothing public is shown "
            "or written, and nothing is restored, until it is mended, because the ledger is "
            "how the scorecard remembers what it has published: put back the ledger from "
            f"your backup of it, or ask whoever looks after the scorecard ({_HELP})."
        )

    def _unreadable(self, exc: OSError) -> LedgerError:
        reason = (exc.strerror or str(exc)).lower()
        return LedgerError(
            f"The release ledger {self.path} cannot be read ({reason}), so nothing public is "
            f"shown or written. Check that the scorecard may read it ({_HELP})."
        )

    def _not_written(self, exc: OSError) -> LedgerError:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            reason = "the disk is full"
        elif exc.errno == errno.EFBIG:
            reason = "the file reached the largest size this system allows"
        else:
            reason = (exc.strerror or str(exc)).lower()
        return LedgerError(
            f"This release could not be added to the release ledger {self.path} ({reason}), "
            "so it was not shown or written: nothing is published that the scorecard could "
            "forget. The ledger is as it was. Check that the folder exists and the scorecard "
            f"may write to it, then try again ({_HELP})."
        )


def parse(line: bytes) -> tuple[Entry | None, str | None]:
    """One line as a release, or what is wrong with it (for this ledger and for a backup's
    copy of it)."""
    try:
        # Every figure as a float, as the writer wrote it (a 400-digit integer becomes inf,
        # which is refused below, rather than an integer no column holds).
        plain = json.loads(line.decode("utf-8"), parse_int=float, parse_constant=_no_constant)
    except UnicodeDecodeError:
        return None, "the line is not UTF-8 text"
    except _Constant as exc:
        return None, str(exc)
    except ValueError as exc:
        return None, f"the line is not a complete JSON release ({exc})"
    except RecursionError:
        return None, "the line nests lists or objects far deeper than any release"
    if not isinstance(plain, dict):
        return None, "the line is not a release (a JSON object)"
    if set(plain) != set(_FIELDS):
        missing = [f for f in _FIELDS if f not in plain]
        if missing:
            return None, f"the release has no {', '.join(missing)}"
        return None, f"'{sorted(set(plain) - set(_FIELDS))[0]}' is not part of a release"
    problem = (
        _period_problem(plain["period"])
        or _text_problem("authority", plain["authority"], _TEXT)
        or _text_problem("output", plain["output"], 40)
        or _shown_problem(plain["shown"])
    )
    if problem:
        return None, problem
    published_at = plain["published_at"]
    try:
        if not isinstance(published_at, str):
            raise ValueError(published_at)
        when = dt.datetime.fromisoformat(published_at)
    except ValueError:
        return None, f"published_at {json.dumps(published_at)[:40]} is not a date and time"
    if when.tzinfo is None:
        return None, "published_at has no time zone"
    if plain["sha256"] != digest(plain["shown"]):
        return None, (
            "its checksum (sha256) is not that of its figures: the line was changed or "
            "damaged after it was written"
        )
    found = Entry(
        plain["period"],
        when.astimezone(dt.UTC),
        plain["authority"],
        plain["output"],
        plain["shown"],
        plain["sha256"],
    )
    return found, None


class _Constant(ValueError):
    """NaN or Infinity in a line: JSON has no such numbers, and no figure is one."""


def _no_constant(text: str) -> Any:
    raise _Constant(f"{text} is not a number a release can hold")


def _period_problem(period: Any) -> str | None:
    if not isinstance(period, str):
        return "period is not text"
    try:
        label = parse_period(period).label
    except PeriodError:
        return f"the period {json.dumps(period)[:40]} is not a period"
    if label != period:
        return f"the period '{period}' is not written as the scorecard writes it"
    return None


def _text_problem(name: str, value: Any, longest: int) -> str | None:
    if not isinstance(value, str) or not value or len(value) > longest:
        return f"{name} is not text of 1 to {longest:,} characters"
    return None


def _is_text(value: Any) -> bool:
    return value.__class__ is str and 0 < len(value) <= _TEXT


def _said(text: str) -> str:
    """A name as a message can show it: control characters escaped, cut short."""
    return json.dumps(text)[1:-1][:80]


def _shown_problem(shown: Any) -> str | None:
    if not isinstance(shown, dict):
        return "shown is not the release's figures (measure → breakdown → figure)"
    for measure_id, cells in shown.items():
        if not _is_text(measure_id):
            return _text_problem("a measure id", measure_id, _TEXT)
        if not isinstance(cells, dict):
            return f"the figures of {_said(measure_id)} are not breakdown → figure"
        for breakdown, value in cells.items():
            # Every number was read as a float; inf is what a number too big for one became.
            if _is_text(breakdown) and (
                value is None or (value.__class__ is float and math.isfinite(value))
            ):
                continue
            if value.__class__ is float and math.isinf(value):
                where = f"{_said(measure_id)} {_said(breakdown)}"
                return f"{where}: the number is far too large to be a figure"
            return _text_problem("a breakdown", breakdown, _TEXT) or (
                f"{_said(measure_id)} {_said(breakdown)}: {json.dumps(value)[:40]} is not a figure"
            )
    return None


# -- the file system ----------------------------------------------------------------------------
def _lock(file: IO[bytes], *, exclusive: bool) -> None:
    """Released when the file is closed."""
    if fcntl is not None:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _take_back(descriptor: int, size: int) -> None:
    """Cut off whatever part of the failed lines reached the file: the release was not
    shown, and half a line would stop every later public output."""
    try:
        os.ftruncate(descriptor, size)
        os.fsync(descriptor)
    except OSError:
        pass  # the next reader names the incomplete line instead


def sync_folder(folder: Path) -> None:
    """A new or renamed file's name is on disk only once its folder is (POSIX; Windows has
    no way). The backup's atomic replace uses it too."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
