"""Imported DfE figures in the database, on SQLite and PostgreSQL: one transaction per import,
an earlier import of the same file replaced, nothing written when a file is refused."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import func, inspect, select

from scorecard.benchmarks import columns as col
from scorecard.benchmarks import importing, service
from scorecard.benchmarks.storage import AUDIT_ACTION, BenchmarkStore
from scorecard.catalogue import parse_catalogue
from scorecard.periods import Period
from scorecard.storage import database
from scorecard.storage import schema as t
from scorecard.storage.store import Store
from scorecard.symbols import Symbol
from tests.conftest import SMALL_CATALOGUE

FILE = "la_care_leavers_activity.csv"
MAPPING = {
    "file": FILE,
    "filters": {"care_leaver_age": "19 to 21 years"},
    "value_column": "care_leaver_percent",
    "numerator_column": "care_leaver_count",
}
HEADER = (
    "\ufefftime_period,time_identifier,geographic_level,region_code,region_name,old_la_code,"
    "la_name,new_la_code,care_leaver_age,care_leaver_count,care_leaver_percent\n"
)


def dfe_csv(trafford: str = "56", year: str = "2025") -> bytes:
    lines = [
        f"{year},Reporting year,National,,,,,,19 to 21 years,20000,54",
        f"{year},Reporting year,Regional,E12000002,North West,,,,19 to 21 years,3000,55",
        f"{year},Reporting year,Local authority,E12000002,North West,358,Trafford,E08000009,"
        f"19 to 21 years,140,{trafford}",
        f"{year},Reporting year,Local authority,E12000002,North West,357,Tameside,E08000008,"
        "19 to 21 years,c,c",
        f"{year},Reporting year,Local authority,E12000002,North West,356,Stockport,E08000007,"
        "17 to 18 years,40,70",
    ]
    return (HEADER + "\n".join(lines) + "\n").encode()


MODEL = (
    "old_la_code,la_name,region_ind,region_name,"
    + ",".join(f"SN_{i},SN_{i}P" for i in range(1, 11))
    + "\n358,Trafford,5,North West,357,Very close,"
    + ",".join(f"{900 + i},Close " for i in range(2, 11))
    + "\n"
).encode()


@pytest.fixture
def store(database_url: str) -> Store:
    data: dict[str, Any] = {**SMALL_CATALOGUE}
    data["authority"] = {"name": "Trafford (test)", "la_code": "E08000009"}
    data["measures"] = [{**SMALL_CATALOGUE["measures"][0], "dfe": MAPPING}]
    store = Store.open(database_url)
    catalogue = parse_catalogue(data, "test")
    store.replace_catalogue(catalogue, actor="test", file_name="test.toml", sha256="0" * 64)
    return store


def imported(store: Store, *files: tuple[str, bytes]) -> list[Any]:
    checked = importing.check_files(list(files), store.catalogue())
    return importing.store_checked(store, checked, actor="Analyst")


def count(store: Store, table: Any) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_an_import_keeps_the_mapped_rows_with_symbols_as_statuses(store: Store) -> None:
    [record] = imported(store, (FILE, dfe_csv()))
    assert (record.file_name, record.imported_by, record.rows_read, record.rows_kept) == (
        FILE,
        "Analyst",
        5,
        4,  # Stockport's 17 to 18 row is not what the mapping selects
    )
    assert len(record.sha256) == 64
    published = service.load_all(store, store.catalogue())
    series = published.for_measure(store.catalogue().measure("PEP"))
    assert series is not None
    by_name = series.set_index(col.LA_NAME)
    assert by_name.loc["Trafford", col.VALUE] == 56.0
    assert by_name.loc["Trafford", col.NUMERATOR] == 140.0
    assert pd.isna(by_name.loc["Tameside", col.VALUE])
    assert by_name.loc["Tameside", col.SYMBOL] is Symbol.SUPPRESSED


def test_importing_the_same_file_again_replaces_it_and_both_are_audited(store: Store) -> None:
    before = store.data_version()
    imported(store, (FILE, dfe_csv("56")))
    imported(store, (FILE, dfe_csv("61")))
    assert store.data_version() > before
    assert count(store, t.benchmark_imports) == 1
    assert count(store, t.benchmark_values) == 4
    catalogue = store.catalogue()
    found = service.comparators_for(service.load_all(store, catalogue), catalogue, "PEP")
    assert found is not None and found.value == 61.0
    audit = [e for e in store.audit_log() if e.action == AUDIT_ACTION]
    assert [(e.actor, e.file_name) for e in audit] == [("Analyst", FILE)] * 2
    assert "replaces 1 earlier import" in audit[1].detail
    assert audit[0].sha256 != audit[1].sha256


def test_a_refused_file_means_nothing_from_the_batch_is_written(store: Store) -> None:
    imported(store, (FILE, dfe_csv("56")))
    version = store.data_version()
    missing_column = dfe_csv().replace(b"care_leaver_percent", b"percent")
    with pytest.raises(importing.BenchmarkImportRejected, match="no column 'care_leaver_percent'"):
        imported(store, ("sn_model_2025_wide.csv", MODEL), (FILE, missing_column))
    with pytest.raises(importing.BenchmarkImportRejected, match="not a DfE"):
        imported(store, ("scores.csv", b"name,score\nA,1\n"))
    assert store.data_version() == version
    assert count(store, t.statistical_neighbours) == 0
    catalogue = store.catalogue()
    found = service.comparators_for(service.load_all(store, catalogue), catalogue, "PEP")
    assert found is not None and found.value == 56.0


def test_a_new_neighbour_model_replaces_the_old_one_whatever_its_name(store: Store) -> None:
    imported(store, ("sn_model_2025_wide.csv", MODEL))
    imported(store, ("sn_model_2026_wide.csv", MODEL.replace(b"357,Very close", b"356,Close")))
    model = BenchmarkStore(store.engine).neighbours()
    assert len(model) == 10
    assert model.iloc[0][col.NEIGHBOUR] == "356"
    assert [r.file_name for r in BenchmarkStore(store.engine).imports()] == [
        "sn_model_2026_wide.csv"
    ]


def test_configured_council_gets_its_neighbours_and_region(store: Store) -> None:
    imported(store, (FILE, dfe_csv()), ("sn_model_2025_wide.csv", MODEL))
    catalogue = store.catalogue()
    found = service.comparators_for(service.load_all(store, catalogue), catalogue, "PEP")
    assert found is not None
    assert (found.council.name, found.value, found.england, found.region) == (
        "Trafford",
        56.0,
        54.0,
        55.0,
    )
    # Its only neighbour in the file, Tameside, is suppressed: no neighbour average.
    assert (found.sn_mean, found.sn_with_figures, found.sn_size) == (None, 0, 10)
    # Trafford is the only council with a number in 2025: first of one, band A.
    assert (found.rank, found.ranked_of, found.band) == (1, 1, "A")


def test_the_benchmark_migration_can_be_undone_and_redone(database_url: str) -> None:
    engine = database.create(database_url)
    database.migrate(engine)
    config = Config()
    config.set_main_option("script_location", str(database._MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert "benchmark_values" not in inspect(engine).get_table_names()
    assert "observations" in inspect(engine).get_table_names()
    database.migrate(engine)
    assert {"benchmark_imports", "benchmark_values", "statistical_neighbours"} <= set(
        inspect(engine).get_table_names()
    )


def test_a_tile_for_a_quarter_compares_with_the_latest_year_ended_by_then(store: Store) -> None:
    imported(store, (FILE, dfe_csv("56", "2025") + dfe_csv("50", "2024").split(b"\n", 1)[1]))
    catalogue = store.catalogue()
    published = service.load_all(store, catalogue)
    ask = service.comparators_for
    # 2024/25 Q3 ends 31 December 2024: the latest year ended by then is 2024 (to March 2024).
    q3 = ask(published, catalogue, "PEP", as_of=Period.quarter_of(2024, 3))
    q4 = ask(published, catalogue, "PEP", as_of=Period.quarter_of(2024, 4))
    assert q3 is not None and (q3.year.time_period, q3.value) == ("2024", 50.0)
    assert q4 is not None and (q4.year.time_period, q4.value, q4.change) == ("2025", 56.0, 6.0)
    assert ask(published, catalogue, "PEP", as_of=Period.quarter_of(2022, 1)) is None
