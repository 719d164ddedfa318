"""``python -m scorecard benchmarks update`` against DfE's statistics API replayed on
127.0.0.1 (tests/dfe_replay.py: real rows of DfE's placement-stability file). No test reaches
the internet.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scorecard.benchmarks import update
from scorecard.benchmarks.storage import BenchmarkStore
from scorecard.cli import main
from scorecard.storage.store import Store
from tests.dfe_replay import (
    CLA,
    FIGURES,
    FILE,
    NEW_RELEASE,
    PLACE_ID,
    PUBLICATION_ID,
    TITLE,
    VERSION,
    Replay,
    api,
    dfe_csv,
    everything,
    mapping,
    open_store,
    placements_catalogue,
    problem,
    serve,
    trafford,
)
from tests.unit.builders import catalogue, measure_fields


@pytest.fixture
def dfe(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[Replay]]:
    yield from serve(monkeypatch)


def run_update(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--db", url, "benchmarks", "update", "--user", "Ann Admin"])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_new_release_brings_in_the_new_year_and_says_what_dfe_revised(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)
    assert trafford(store, cat) == {"2024": 6.0}

    status, out, _ = run_update(url, capsys)

    assert status == 0
    assert trafford(store, cat) == {"2024": 5.0, "2025": 6.0}
    assert f"{FILE}: new year 2025" in out
    # England, the North West and Stockport are unchanged; Trafford's 2024 went from 6 to 5.
    assert f"{FILE}: 1 figure revised by DfE (years 2024)" in out
    assert "Reporting year 2025, published 20 November 2025" in out
    [record] = BenchmarkStore(store.engine).imports()
    assert record.sha256 == hashlib.sha256(NEW_RELEASE).hexdigest()
    assert record.source is not None
    assert record.source.release == "Reporting year 2025"
    assert record.source.published_on == dt.date(2025, 11, 20)
    assert record.source.url.endswith(
        f"/statistics/v1/data-sets/{PLACE_ID}/csv?dataSetVersion={VERSION}"
    )
    assert record.imported_by == "Ann Admin"
    assert main(["--db", url, "benchmarks", "imports"]) == 0
    listed = capsys.readouterr().out
    assert "DfE Reporting year 2025, published 2025-11-20, from http://127.0.0.1:" in listed


def test_updating_again_with_nothing_new_changes_nothing(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)
    assert run_update(url, capsys)[0] == 0
    before = everything(store)

    status, out, _ = run_update(url, capsys)

    assert status == 0
    assert out.strip() == f"Already current: {FILE} (Reporting year 2025)"
    assert everything(store) == before


def test_a_release_whose_columns_dfe_renamed_imports_under_the_catalogues_names(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    # The catalogue still says number / percentage (as before 2025); DfE now sends
    # children_count / children_percent.
    cat = placements_catalogue(value="percentage", count="number")
    url, store = open_store(tmp_path, cat, earlier=dfe_csv(FIGURES, old_names=True))
    dfe.routes = api(dfe_csv({"2025": FIGURES["2025"]}))

    status, out, _ = run_update(url, capsys)

    assert status == 0
    assert f"{FILE}: column 'children_count' read as 'number' (DfE renamed it)" in out
    assert f"{FILE}: column 'children_percent' read as 'percentage' (DfE renamed it)" in out
    assert trafford(store, cat) == {"2025": 6.0}


def test_a_file_with_dfes_new_column_names_imports_by_hand_as_if_it_had_the_old_ones(
    tmp_path: Path,
) -> None:
    cat = placements_catalogue(value="percentage", count="number")
    _, store = open_store(tmp_path, cat, earlier=NEW_RELEASE)
    assert trafford(store, cat) == {"2024": 5.0, "2025": 6.0}


def test_a_data_set_no_longer_found_is_reported_and_the_others_still_update(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    in_touch = {
        "file": "la_care_leavers_intouch.csv",
        "filters": {
            "age": "Aged 19 to 21",
            "in_touch": "Local authority in touch with care leaver",
        },
        "value_column": "percentage",
        "numerator_column": "number",
        "publication": CLA,
        "data_set_title": "Care leavers - in touch - by local authority",
    }
    cat = catalogue(
        measure_fields("PLACEMENTS_3PLUS", dfe=mapping()),
        measure_fields("CL_INTOUCH_19_21", dfe=in_touch),
    )
    url, store = open_store(tmp_path, cat)

    status, out, _ = run_update(url, capsys)

    assert status == 0
    assert "Not found: la_care_leavers_intouch.csv: no longer found" in out
    assert trafford(store, cat) == {"2024": 5.0, "2025": 6.0}


@pytest.mark.parametrize("path", [f"/data-sets/{PLACE_ID}/csv", "/publications"])
def test_a_server_error_changes_nothing_and_exits_2(
    path: str, tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)
    before = everything(store)
    dfe.routes = api(NEW_RELEASE) | {path: (500, problem(500, "Internal Server Error"))}

    status, _, err = run_update(url, capsys)

    assert status == 2
    assert "answered 500" in err
    assert "Nothing was changed" in err
    assert everything(store) == before
    assert trafford(store, cat) == {"2024": 6.0}


def test_an_unreachable_service_changes_nothing_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as free:  # a port nobody listens on once it is closed
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    monkeypatch.setenv(update.API_URL_ENV, f"http://127.0.0.1:{port}/statistics/v1")
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)
    before = everything(store)

    status, _, err = run_update(url, capsys)

    assert status == 2
    assert "could not be reached" in err and "Nothing was changed" in err
    assert everything(store) == before


def test_a_service_that_does_not_answer_in_time_changes_nothing_and_exits_2(
    tmp_path: Path,
    dfe: type[Replay],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(update, "TIMEOUT_SECONDS", 0.2)
    dfe.delay = 1.0
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)
    before = everything(store)

    started = time.monotonic()
    status, _, err = run_update(url, capsys)

    assert status == 2
    assert "could not be reached" in err
    assert time.monotonic() - started < 1.0
    assert everything(store) == before


def test_a_publication_dfe_does_not_have_is_named_and_nothing_is_imported(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = mapping() | {"publication": "children-in-care-in-england"}
    cat = catalogue(measure_fields("PLACEMENTS_3PLUS", dfe=wrong))
    url, store = open_store(tmp_path, cat)
    before = everything(store)

    status, out, _ = run_update(url, capsys)

    assert status == 0
    assert out.startswith(
        f"Not found: {FILE}: DfE's statistics service has no publication "
        "'children-in-care-in-england'"
    )
    assert everything(store) == before


def test_without_a_title_the_data_set_with_the_mappings_columns_and_values_is_chosen(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    # The publication's other data set (ages) has children_count but no placement filters.
    untitled = {k: v for k, v in mapping().items() if k != "data_set_title"}
    cat = catalogue(measure_fields("PLACEMENTS_3PLUS", dfe=untitled))
    url, store = open_store(tmp_path, cat)

    status, out, _ = run_update(url, capsys)

    assert status == 0
    assert f"Imported {FILE} from 'CLA - placement stability - by local authority'" in out
    assert trafford(store, cat) == {"2024": 5.0, "2025": 6.0}


def test_a_data_set_that_lost_a_needed_column_is_reported_and_not_imported(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)
    before = everything(store)
    without_percent = (
        b"\n".join(line.rsplit(b",", 1)[0] for line in NEW_RELEASE.splitlines()) + b"\n"
    )
    dfe.routes = api(without_percent)

    status, out, _ = run_update(url, capsys)

    assert status == 0
    assert (
        f"Not found: {FILE}: 'CLA - placement stability - by local authority' (Reporting year "
        "2025) no longer has the column 'children_percent'"
    ) in out
    assert everything(store) == before


def test_requests_go_through_the_proxy_the_environment_names(
    tmp_path: Path,
    dfe: type[Replay],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The replay server stands in for the proxy: DfE's address does not resolve, so the
    # update can only succeed if every request is sent to the proxy.
    replay = update.api_url().removesuffix("/statistics/v1")
    monkeypatch.setenv(update.API_URL_ENV, "http://api.dfe.invalid/statistics/v1")
    monkeypatch.setenv("http_proxy", replay)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)

    status, out, _ = run_update(url, capsys)

    assert status == 0, out
    assert trafford(store, cat) == {"2024": 5.0, "2025": 6.0}
    [record] = BenchmarkStore(store.engine).imports()
    assert record.source is not None
    assert record.source.url == (
        f"http://api.dfe.invalid/statistics/v1/data-sets/{PLACE_ID}/csv?dataSetVersion={VERSION}"
    )


def test_a_backup_keeps_where_each_file_came_from(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    cat = placements_catalogue()
    url, _ = open_store(tmp_path, cat)
    assert run_update(url, capsys)[0] == 0
    assert main(["--db", url, "backup", str(tmp_path / "backup.zip")]) == 0
    copy = f"sqlite:///{tmp_path / 'copy.db'}"

    assert main(["--db", copy, "restore", str(tmp_path / "backup.zip")]) == 0

    [record] = BenchmarkStore(Store.open(copy).engine).imports()
    assert record.source is not None
    assert (record.source.release, record.source.published_on) == (
        "Reporting year 2025",
        dt.date(2025, 11, 20),
    )


def test_a_publication_with_more_data_sets_than_dfe_lists_on_a_page_is_read_to_the_end(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    # DfE lists at most 20 data sets a page: 20 others on page 1, the placements on page 2.
    routes = api(NEW_RELEASE)
    listed = f"/publications/{PUBLICATION_ID}/data-sets"
    placements = json.loads(routes[listed][1])["results"][1]
    others = [
        placements | {"id": f"00000000-0000-0000-0000-{n:012d}", "title": f"Other data set {n}"}
        for n in range(20)
    ]
    paging = {"pageSize": 20, "totalResults": 21, "totalPages": 2}
    first = {"results": others, "paging": {"page": 1, **paging}}
    second = {"results": [placements], "paging": {"page": 2, **paging}}
    dfe.routes = routes | {
        listed: (200, json.dumps(first).encode()),
        f"{listed}?page=2": (200, json.dumps(second).encode()),
    }
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)

    status, out, _ = run_update(url, capsys)

    assert status == 0, out
    assert trafford(store, cat) == {"2024": 5.0, "2025": 6.0}
    asked = [a.split("/statistics/v1", 1)[1] for a in dfe.asked]
    assert f"{listed}?page=1&pageSize=20" in asked
    assert f"{listed}?page=2&pageSize=20" in asked


def test_dfes_own_explanation_of_a_refused_request_is_shown_and_nothing_changes(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    said = {
        "message": "'Page Size' must be between 1 and 20. You entered 40.",
        "path": "pageSize",
        "code": "InclusiveBetween",
    }
    refused = problem(400, "One or more validation errors occurred.", errors=[said])
    dfe.routes = api(NEW_RELEASE) | {f"/publications/{PUBLICATION_ID}/data-sets": (400, refused)}
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)
    before = everything(store)

    status, _, err = run_update(url, capsys)

    assert status == 2
    assert (
        "answered 400 Bad Request for http://127.0.0.1:" in err
        and "(One or more validation errors occurred.; 'Page Size' must be between 1 and 20. "
        "You entered 40.). Nothing was changed"
        in err
    )
    assert everything(store) == before


def test_a_data_set_dfe_deprecated_is_not_used_and_its_successor_is_named(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    routes = api(NEW_RELEASE)
    listed = f"/publications/{PUBLICATION_ID}/data-sets"
    answer = json.loads(routes[listed][1])
    old, successor_id = answer["results"][1], "c0ffee00-1111-4222-8333-944455556666"
    old |= {"status": "Deprecated", "supersedingDataSetId": successor_id}
    answer["results"].append(
        old | {"id": successor_id, "title": "CLA - placements - by local authority"}
    )
    answer["results"][-1] |= {"status": "Published", "supersedingDataSetId": None}
    dfe.routes = routes | {listed: (200, json.dumps(answer).encode())}
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)
    before = everything(store)

    status, out, _ = run_update(url, capsys)

    assert status == 0
    assert out.strip() == (
        f"Not found: {FILE}: DfE has deprecated '{TITLE}' (it gets no new releases); DfE "
        "replaced it with 'CLA - placements - by local authority': set that as "
        "data_set_title. Its earlier figures are kept."
    )
    assert everything(store) == before


def test_the_csv_of_the_version_listed_is_fetched_and_a_damaged_one_changes_nothing(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)
    before = everything(store)
    # DfE's CSVs come gzip-compressed: a download cut short is not a CSV.
    dfe.routes = api(NEW_RELEASE) | {
        f"/data-sets/{PLACE_ID}/csv": (200, gzip.compress(NEW_RELEASE)[:40])
    }

    status, _, err = run_update(url, capsys)

    assert status == 2
    assert "sent a damaged compressed file" in err and "Nothing was changed" in err
    assert everything(store) == before
    assert f"/statistics/v1/data-sets/{PLACE_ID}/csv?dataSetVersion=2.0" in dfe.asked
