"""Opening the scorecard: the database, brought up to date, with the demonstration authority
loaded on the very first start of the embedded database."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from scorecard import demo, meetings
from scorecard.benchmarks import import_published_if_present
from scorecard.catalogue import load_catalogue
from scorecard.errors import ScorecardError
from scorecard.records import Submission
from scorecard.storage import database
from scorecard.storage.store import Store

DEMO_CATALOGUE = demo.CATALOGUE_PATH
DEMO_ACTOR = "Demonstration data loader"


def open_store(url: str | None = None) -> Store:
    """The configured database, migrated. The embedded default database is filled with the
    demonstration authority the first time, so that one command starts a working app; any
    other database is left as its administrator made it."""
    resolved = database.configured_url(url)
    store = Store.open(resolved)
    if database.is_embedded_default(resolved) and not store.has_catalogue():
        init_demo(store)
        import_benchmarks_if_present(store)
    return store


def import_benchmarks_if_present(store: Store) -> str:
    """DfE's published figures for comparison, from the rows the project ships in
    data/published; a problem with them must not stop the scorecard starting."""
    try:
        outcome = import_published_if_present(store)
    except ScorecardError as exc:
        return f"Published benchmarks were not imported: {exc}"
    if outcome is None:
        return "No published benchmark files were found; comparisons will be empty."
    return "Imported DfE's published figures for comparison (data/published)."


def init_demo(store: Store) -> bool:
    """Load the demonstration authority; False (and nothing written) if it is already there."""
    catalogue = load_catalogue(DEMO_CATALOGUE)
    if store.has_catalogue():
        if store.catalogue().authority.demonstration:
            return False
        raise ScorecardError(
            "This database already holds a real council's catalogue; the demonstration "
            "data is only loaded into an empty database."
        )
    store.replace_catalogue(
        catalogue,
        actor=DEMO_ACTOR,
        file_name=DEMO_CATALOGUE.name,
        sha256=file_sha256(DEMO_CATALOGUE),
    )
    for upload in demo.generate(catalogue):
        store.commit(
            upload.submission,
            actor=upload.user,
            file_name=upload.file_name,
            sha256=submission_sha256(upload.submission),
            summary=f"Demonstration data: {upload.file_name}",
            at=upload.uploaded_at,
        )
    meetings.load_demo_meetings(store, actor=DEMO_ACTOR)
    return True


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def submission_sha256(submission: Submission) -> str:
    """A stable fingerprint of generated content, standing in for a file's SHA-256."""
    canonical = json.dumps(asdict(submission), default=str, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()
