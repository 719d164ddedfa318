"""An upgrade never loses a council's history: a database made by the first schema version
is brought up to date when the app opens it, every row kept (SPEC §8, issue 7)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Table, func, insert, inspect, select

from scorecard.catalogue import Catalogue
from scorecard.periods import parse_period
from scorecard.records import Observation, Submission
from scorecard.storage import database
from scorecard.storage import schema as t
from scorecard.storage import store as store_module
from scorecard.storage.store import Store


def test_a_database_from_the_first_schema_version_is_migrated_without_losing_a_row(
    database_url: str, small_catalogue: Catalogue
) -> None:
    engine = database.create(database_url)
    config = database._alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")  # as the first release left it
    assert "benchmark_values" not in inspect(engine).get_table_names()

    old = Store(engine)  # the first release's code wrote only these tables
    _first_catalogue(engine, small_catalogue)
    quarter = parse_period("2025/26 Q1")
    old.commit(
        Submission([Observation("PEP", quarter, value=91.0, numerator=91, denominator=100)]),
        actor="Ann Officer",
        file_name="q1.xlsx",
        sha256="1" * 64,
    )
    counts = {
        table.name: _count(engine, table)
        for table in (t.measures, t.uploads, t.observations, t.audit_log)
    }

    upgraded = Store.open(database_url)  # what the app does on start

    assert database.is_up_to_date(upgraded.engine)
    assert "benchmark_values" in inspect(upgraded.engine).get_table_names()
    assert {name: _count(upgraded.engine, table) for name, table in _tables(counts)} == counts
    current = upgraded.current_observations()
    assert list(current["value"]) == [91.0]
    assert upgraded.uploads()[0].uploaded_by == "Ann Officer"


def _tables(counts: dict[str, int]) -> list[tuple[str, object]]:
    return [(name, t.metadata.tables[name]) for name in counts]


def _count(engine: object, table: object) -> int:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _first_catalogue(engine: object, catalogue: Catalogue) -> None:
    """The catalogue as the first release stored it: only the tables and columns of schema
    0001 (today's store also keeps later ones, such as step changes and shared totals)."""
    first = database.columns_at("0001")
    assert first is not None

    def as_first(table: Table, rows: list[dict[str, object]]) -> list[dict[str, object]]:
        return [{k: v for k, v in row.items() if k in first[table.name]} for row in rows]

    with engine.begin() as conn:  # type: ignore[attr-defined]
        authority = [{"id": 1, **catalogue.authority.model_dump()}]
        conn.execute(insert(t.authority), as_first(t.authority, authority))
        conn.execute(insert(t.priorities), [p.model_dump() for p in catalogue.priorities])
        measures = [store_module._measure_to_row(m, i) for i, m in enumerate(catalogue.measures)]
        conn.execute(insert(t.measures), as_first(t.measures, measures))
        conn.execute(insert(t.pledge), [p.model_dump(mode="json") for p in catalogue.pledge])
