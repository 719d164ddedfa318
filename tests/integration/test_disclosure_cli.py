"""Issue 12's routes, end to end: an officer's upload, then ``export --public`` as the public
gets it. The placements and ages below are made up for 2019/20 Q4 (before the demo's data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scorecard.catalogue import Catalogue, SharedTotal, load_catalogue
from scorecard.cli import main
from scorecard.demo import CATALOGUE_PATH
from scorecard.startup import init_demo
from scorecard.storage.changes import RollbackRefused
from scorecard.storage.store import Store

QUARTER = "2019/20 Q4"


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    init_demo(Store.open(url))
    return url


def upload(db: str, tmp_path: Path, figures: dict[tuple[str, str], float]) -> None:
    """Fill these figures into the quarter's template (nothing else) and ingest it."""
    template = tmp_path / "q3.xlsx"
    assert main(["--db", db, "template", str(template), "--period", QUARTER]) == 0
    workbook = load_workbook(template)
    sheet = workbook["Data"]
    header = [c.value for c in sheet[1]]
    measure, breakdown, value = (header.index(n) + 1 for n in ("measure_id", "breakdown", "value"))
    for row in range(2, sheet.max_row + 1):
        key = (sheet.cell(row, measure).value, sheet.cell(row, breakdown).value or "All")
        if key in figures:
            sheet.cell(row, value).value = figures[key]
    workbook.save(template)
    assert main(["--db", db, "ingest", str(template), "--user", "Ann Officer"]) == 0


def public(db: str, tmp_path: Path, measure: str) -> dict[str, object]:
    out = tmp_path / "public.json"
    assert main(["--db", db, "export", str(out), "--public", "--period", QUARTER]) == 0
    rows = json.loads(out.read_text())["observations"]
    return {
        r["breakdown"]: r["symbol"] or r["value"]
        for r in rows
        if r["measure_id"] == measure and r["period"] == QUARTER
    }


PLACES = ["Foster care", "Children's homes", "Placed with parents", "Other"]


def test_the_tie_break_route_publishes_a_table_that_many_tables_share(
    db: str, tmp_path: Path
) -> None:
    # Foster 30, homes 6, parents 6, other 5 (47) was published as 30, c, 6, c: only one
    # table does that. Now Other takes the next placement round the catalogue's order
    # (foster care) with it: 47 - 12 = 35 could be other 1 to 5 and foster 30 to 34.
    figures = dict(zip(PLACES, [30.0, 6.0, 6.0, 5.0], strict=True)) | {"All": 47.0}
    upload(db, tmp_path, {("CLA_BY_PLACEMENT", b): v for b, v in figures.items()})
    assert public(db, tmp_path, "CLA_BY_PLACEMENT") == {
        "All": 47.0,
        "Foster care": "c",
        "Children's homes": 6.0,
        "Placed with parents": 6.0,
        "Other": "c",
    }


def test_the_shared_total_route_is_closed_by_the_demo_catalogue(db: str, tmp_path: Path) -> None:
    # Placements given without their total, beside children in care (45) by age: alone,
    # 45 - (30 + 6 + 6) = 3 children in other placements. The demo catalogue declares the
    # two measures share their total, so foster care is hidden with Other.
    ages = dict(
        zip(["Under 1", "1-4", "5-9", "10-15", "16+"], [6.0, 6.0, 9.0, 12.0, 12.0], strict=True)
    )
    figures = {("CLA_COUNT", "All"): 45.0} | {("CLA_COUNT", b): v for b, v in ages.items()}
    figures |= {
        ("CLA_BY_PLACEMENT", b): v for b, v in zip(PLACES, [30.0, 6.0, 6.0, 3.0], strict=True)
    }
    upload(db, tmp_path, figures)
    assert public(db, tmp_path, "CLA_BY_PLACEMENT") == {
        "Foster care": "c",
        "Children's homes": 6.0,
        "Placed with parents": 6.0,
        "Other": "c",
    }
    assert public(db, tmp_path, "CLA_COUNT")["All"] == 45.0


def test_shared_totals_are_kept_with_the_catalogue_in_the_database(db: str) -> None:
    store = Store.open(db)
    assert [g.measures for g in store.catalogue().shared_totals] == [
        ("CLA_COUNT", "CLA_BY_PLACEMENT")
    ]
    again = load_catalogue(CATALOGUE_PATH)
    store.replace_catalogue(
        again.model_copy(update={"shared_totals": ()}),
        actor="Admin",
        file_name="c.toml",
        sha256="0" * 64,
    )
    assert store.catalogue().shared_totals == ()


def test_a_roll_back_that_would_take_out_a_measure_in_a_shared_total_is_refused(
    upload_store: Store,
) -> None:
    # An upload's Measures sheet adds a count; a catalogue file then declares it shares its
    # total with children in care. Rolling the upload back would leave the declaration
    # naming a measure that is gone, and no catalogue could be read: refused, saying why.
    from tests.integration import test_upload_meetings as meetings

    added = list(meetings.NEW_MEASURE)
    added[0], added[3], added[4], added[6], added[7] = "CARE_LEAVERS", "count", "none", None, None
    upload_id = meetings.upload(upload_store, meetings.workbook(upload_store, new_measure=added))
    declared = upload_store.catalogue().model_copy(
        update={"shared_totals": (SharedTotal(measures=("CLA_COUNT", "CARE_LEAVERS")),)}
    )
    upload_store.replace_catalogue(declared, actor="admin", file_name="c.toml", sha256="e" * 64)
    with pytest.raises(RollbackRefused) as refused:
        upload_store.rollback(upload_id, actor="Bob Officer")
    assert refused.value.problems == [
        "The catalogue's shared totals list measure CARE_LEAVERS, which upload 1 added; load a "
        "catalogue without it in shared_totals first."
    ]
    assert "CARE_LEAVERS" in {m.id for m in upload_store.catalogue().measures}


@pytest.fixture
def upload_store(database_url: str, small_catalogue: Catalogue) -> Store:
    store = Store.open(database_url)
    store.replace_catalogue(small_catalogue, actor="admin", file_name="c.toml", sha256="c" * 64)
    return store
