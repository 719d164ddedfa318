"""From a file an officer chose to figures the panel sees: check, then commit in one go.

The command line and the upload page both go through here, so they accept and refuse exactly
the same files with the same messages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from scorecard.errors import UnreadableFile, UploadRejected
from scorecard.periods import Period
from scorecard.status import reporting_quarters
from scorecard.storage.store import CommitResult, Store
from scorecard.upload.reader import read_upload
from scorecard.upload.template import write_template
from scorecard.upload.validate import Validation, validate

# Bigger than any real quarterly return; refused before it is read at all.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Checked:
    """An upload that has been read and validated, not yet saved."""

    file_name: str
    sha256: str
    validation: Validation

    @property
    def is_valid(self) -> bool:
        return self.validation.is_valid

    def summary(self) -> str:
        s = self.validation.submission
        parts = [f"{len(s.observations)} figures"]
        if s.commentary:
            parts.append(f"{len(s.commentary)} commentary items")
        if s.actions:
            parts.append(f"{len(s.actions)} action-plan items")
        periods = ", ".join(p.label for p in s.periods()) or "no period"
        return f"{' and '.join(parts)} for {periods}"


def refuse_if_too_big(file_name: str, size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise UnreadableFile(
            f"'{file_name}' is {size / 1024 / 1024:.1f} MB; uploads are limited to "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB. Remove other sheets or images and try again."
        )


def check(store: Store, file_name: str, content: bytes, *, today: dt.date) -> Checked:
    """Read and validate an upload; raises UnreadableFile when it cannot be read at all."""
    refuse_if_too_big(file_name, len(content))
    workbook = read_upload(file_name, content)
    validation = validate(workbook, store.catalogue(), today=today)
    return Checked(file_name, hashlib.sha256(content).hexdigest(), validation)


def commit(store: Store, checked: Checked, *, actor: str) -> CommitResult:
    """Save a checked upload in one transaction; nothing is written if it has problems."""
    if not checked.is_valid:
        raise UploadRejected(
            f"Nothing was saved: '{checked.file_name}' has "
            f"{len(checked.validation.blocking)} problem(s) to fix first.",
            checked.validation.issues,
        )
    return store.commit(
        checked.validation.submission,
        actor=actor,
        file_name=checked.file_name,
        sha256=checked.sha256,
        summary=checked.summary(),
    )


def report(checked: Checked) -> str:
    """The validation result as text for the command line."""
    v = checked.validation
    lines = [f"{checked.file_name}: {checked.summary()}."]
    if v.issues:
        lines.append(f"{len(v.blocking)} problem(s) to fix, {len(v.warnings)} warning(s):")
        lines += [f"  [{i.severity.value}] {i}" for i in v.issues]
    lines += [f"  [ignored] {note}" for note in v.ignored]
    lines.append("Valid: it can be uploaded." if v.is_valid else "Not valid: nothing can be saved.")
    return "\n".join(lines)


def commit_message(result: CommitResult) -> str:
    if result.changed_nothing:
        earlier = result.upload
        return (
            f"This file is identical to upload {earlier.id} ({earlier.file_name}, "
            f"{earlier.uploaded_at:%d %B %Y}); nothing changed."
        )
    return f"Saved as upload {result.upload.id}: {result.upload.summary}."


def next_quarter(store: Store) -> Period:
    """The quarter officers fill in next: the one after the latest with figures."""
    quarters = reporting_quarters(store.current_observations())
    if quarters:
        return quarters[-1].next()
    return Period.containing(dt.date.today()).previous()


def write_template_file(store: Store, out: Path, period: Period | None = None) -> Period:
    chosen = period or next_quarter(store)
    with out.open("wb") as handle:
        write_template(store.catalogue(), store.current_observations(), chosen, handle)
    return chosen


def check_file(store: Store, path: Path, *, today: dt.date) -> Checked:
    refuse_if_too_big(path.name, path.stat().st_size)
    return check(store, path.name, path.read_bytes(), today=today)
