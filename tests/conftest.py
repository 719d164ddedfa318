"""Shared fixtures: the same storage tests run on SQLite and on PostgreSQL.

PostgreSQL is the local server (127.0.0.1:5432, database ``test``), or the one named in
$SCORECARD_TEST_POSTGRES_URL. Each test gets a schema of its own that is dropped afterwards.
Outside CI a missing server skips those tests; in CI (CI=true) it is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from scorecard.catalogue import Catalogue, parse_catalogue

POSTGRES_URL = os.environ.get(
    "SCORECARD_TEST_POSTGRES_URL", "postgresql+psycopg://127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _postgres_or_skip() -> Any:
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except OperationalError as exc:
        engine.dispose()
        message = f"PostgreSQL at {POSTGRES_URL} does not answer: {exc.orig}"
        if IN_CI:
            pytest.fail(message + " (CI must run the PostgreSQL tests)")
        pytest.skip(message)
    return engine


@pytest.fixture
def postgres_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An empty schema of its own on the PostgreSQL server, dropped afterwards, deployed as
    the README says, with a release ledger (a server database has none unless configured)."""
    admin = _postgres_or_skip()
    monkeypatch.setenv("SCORECARD_RELEASE_LEDGER", str(tmp_path / "postgresql-releases"))
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'scorecard.db'}"
    else:
        yield request.getfixturevalue("postgres_url")


SMALL_CATALOGUE: dict[str, Any] = {
    "authority": {"name": "Testshire (test data)", "demonstration": True},
    "priorities": [
        {"number": 1, "short_title": "Education", "title": "Education", "plain_title": "School"},
        {"number": 2, "short_title": "Safe", "title": "Keeping safe", "plain_title": "Safety"},
    ],
    "measures": [
        {
            "id": "PEP",
            "name": "Children with an up-to-date personal education plan",
            "priority": 1,
            "unit": "percent",
            "polarity": "higher_is_better",
            "decimals": 1,
            "target": 95,
            "tolerance": 5,
            "definition": "Children in care of school age with a PEP reviewed this term.",
            "why_it_matters": "A plan keeps education on track.",
            "source": "Virtual School",
        },
        {
            "id": "CLA_COUNT",
            "name": "Children in care",
            "priority": 2,
            "unit": "count",
            "polarity": "none",
            "definition": "Children looked after at the end of the quarter.",
            "why_it_matters": "How many children we are corporate parent to.",
            "source": "Case management system",
            "breakdowns": ["Under 1", "1-4", "5-9", "10-15", "16+"],
        },
    ],
    "pledge": [{"number": 1, "promise": "We will help you at school.", "measures": ["PEP"]}],
}


@pytest.fixture
def small_catalogue() -> Catalogue:
    return parse_catalogue(SMALL_CATALOGUE, "test catalogue")
