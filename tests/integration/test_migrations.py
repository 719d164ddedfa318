"""The schema comes from Alembic migrations, and they agree with scorecard/storage/schema.py."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from scorecard.storage import database
from scorecard.storage.schema import metadata


def test_migrations_build_exactly_the_tables_the_code_expects(database_url: str) -> None:
    engine = database.create(database_url)
    database.migrate(engine)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []
    assert database.is_up_to_date(engine)


def test_migrating_twice_changes_nothing(database_url: str) -> None:
    engine = database.create(database_url)
    database.migrate(engine)
    tables = set(inspect(engine).get_table_names())
    database.migrate(engine)
    assert set(inspect(engine).get_table_names()) == tables
    assert {"observations", "uploads", "audit_log", "meetings", "commentary"} <= tables
