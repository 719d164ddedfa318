"""Every comparison says which DfE release it is from, and a release DfE usually has out by
now but that is not imported is named (the dates are fixed with time-machine)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine

from scorecard.benchmarks import freshness, import_contents, load_all, update
from scorecard.benchmarks.storage import BenchmarkStore
from scorecard.benchmarks.years import parse_dfe_year
from tests.dfe_replay import FILE, NEW_RELEASE, Replay, open_store, placements_catalogue, serve
from tests.unit.builders import catalogue, measure_fields

OUTCOMES = (
    "outcomes-for-children-in-need-including-children-looked-after-by-local-authorities-in-england"
)
# Real rows of DfE's ks4_la.csv: Average Attainment 8 of children looked after, 2024/25.
KS4 = (
    b"time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    b"region_name,old_la_code,la_name,new_la_code,social_care_group,version,t_pupils,t_att8,"
    b"avg_att8\n"
    b"202425,Academic year,National,E92000001,England,,,,,,CLA 12 months at 31 March,Revised,"
    b"6120,105938.88,17.3\n"
    b"202425,Academic year,Local authority,E92000001,England,E12000002,North West,358,Trafford,"
    b"E08000009,CLA 12 months at 31 March,Revised,27,532.25,19.7\n"
)
CLA_DUE = (
    "DfE usually publishes Children looked after in England including adoptions in November; "
    "the 2026 release has not been imported yet (the newest imported is the 2025 release)."
)


@pytest.fixture
def dfe(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[Replay]]:
    yield from serve(monkeypatch)


def overdue_on(tmp_path: Path, day: dt.date) -> list[str]:
    cat = catalogue(
        measure_fields("PLACEMENTS_3PLUS", dfe=placements_catalogue().measures[0].dfe),
        measure_fields(
            "KS4_ATT8",
            unit="score",
            year_type="academic",
            dfe={
                "file": "ks4_la.csv",
                "filters": {"social_care_group": "CLA 12 months at 31 March"},
                "value_column": "avg_att8",
                "year_type": "academic",
                "publication": OUTCOMES,
            },
        ),
    )
    _, store = open_store(tmp_path, cat, earlier=NEW_RELEASE)  # reporting years 2024, 2025
    import_contents(store, [("ks4_la.csv", KS4)], actor="test")  # academic year 2024/25
    return [str(d) for d in freshness.overdue(cat, load_all(store, cat), day)]


def test_the_2026_children_looked_after_release_is_due_from_1_november_2026(
    tmp_path: Path,
) -> None:
    assert overdue_on(tmp_path, dt.date(2026, 10, 31)) == []
    assert overdue_on(tmp_path, dt.date(2026, 11, 1)) == [CLA_DUE]


def test_outcomes_for_2025_26_are_due_in_march_2027_the_spring_after_the_school_year(
    tmp_path: Path,
) -> None:
    assert overdue_on(tmp_path, dt.date(2027, 2, 28)) == [CLA_DUE]
    assert overdue_on(tmp_path, dt.date(2027, 3, 1)) == [
        CLA_DUE,
        "DfE usually publishes Outcomes for children in need, including children looked "
        "after by local authorities in England in March; the 2025/26 release has not been "
        "imported yet (the newest imported is the 2024/25 release).",
    ]


def test_a_comparison_names_the_release_and_its_publication_date(
    tmp_path: Path, dfe: type[Replay]
) -> None:
    cat = placements_catalogue()
    _, store = open_store(tmp_path, cat, earlier=None)
    update.update(store, actor="test")
    published = load_all(store, cat)
    records = BenchmarkStore(store.engine).imports()
    measure = cat.measure("PLACEMENTS_3PLUS")

    latest = freshness.source_line(
        measure, parse_dfe_year("2025", "Reporting year"), published, records
    )
    earlier = freshness.source_line(
        measure, parse_dfe_year("2024", "Reporting year"), published, records
    )

    assert latest == (
        "DfE, Children looked after in England including adoptions 2025 release, "
        "published 20 November 2025"
    )
    assert earlier == (
        "DfE, Children looked after in England including adoptions 2024 figures in the 2025 "
        "release, published 20 November 2025"
    )


def test_a_file_imported_by_hand_says_when_it_was_imported(tmp_path: Path) -> None:
    cat = placements_catalogue()
    with time_machine.travel(dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)):
        _, store = open_store(tmp_path, cat, earlier=NEW_RELEASE)
    line = freshness.source_line(
        cat.measure("PLACEMENTS_3PLUS"),
        parse_dfe_year("2025", "Reporting year"),
        load_all(store, cat),
        BenchmarkStore(store.engine).imports(),
    )
    assert line == (
        "DfE, Children looked after in England including adoptions 2025 release, "
        "brought into the scorecard 3 December 2026; DfE's publication date not recorded"
    )
    assert FILE in [r.file_name for r in BenchmarkStore(store.engine).imports()]
