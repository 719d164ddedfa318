"""``python -m scorecard benchmarks update`` against DfE's statistics API and data catalogue
replayed on 127.0.0.1 (tests/dfe_replay.py: real rows of DfE's placement-stability file). No
test reaches the internet.
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
    CONTENT,
    FIGURES,
    FILE,
    NATIONAL_FILE_ID,
    NEW_RELEASE,
    PLACE_FILE_ID,
    PLACE_ID,
    PUBLICATION_ID,
    SELECTED,
    TITLE,
    VERSION,
    Replay,
    api,
    catalogue_routes,
    dfe_csv,
    everything,
    mapping,
    only_in_catalogue,
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
    # The catalogue's latest release has the file under its new title only.
    successor = catalogue_routes(NEW_RELEASE, title="CLA - placements - by local authority")
    dfe.routes = routes | successor | {listed: (200, json.dumps(answer).encode())}
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


# -- the data catalogue: data sets that are not in the public API ---------------------------
def asked(dfe: type[Replay]) -> list[str]:
    return [a.removeprefix("/") for a in dfe.asked]


@pytest.mark.parametrize("compressed", [False, True])
def test_a_data_set_only_in_the_data_catalogue_is_imported_from_its_csv_download(
    compressed: bool, tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    dfe.routes = only_in_catalogue(NEW_RELEASE)
    download = f"{CONTENT}/data-set-files/{PLACE_FILE_ID}/download"
    if compressed:  # EES sends it plain; a proxy or DfE's front door may gzip it
        dfe.routes[download] = (200, gzip.compress(NEW_RELEASE))
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)

    status, out, _ = run_update(url, capsys)

    assert status == 0, out
    assert trafford(store, cat) == {"2024": 5.0, "2025": 6.0}
    assert (
        f"Imported {FILE} from '{TITLE}' (Reporting year 2025, published 20 November 2025)"
    ) in out
    assert f"{FILE}: new year 2025" in out
    assert f"{FILE}: 1 figure revised by DfE (years 2024)" in out
    [record] = BenchmarkStore(store.engine).imports()
    assert record.sha256 == hashlib.sha256(NEW_RELEASE).hexdigest()
    assert record.source is not None
    assert record.source.release == "Reporting year 2025"
    assert record.source.published_on == dt.date(2025, 11, 20)
    assert record.source.url.endswith(download)
    assert f"api/publications/{CLA}/title" in asked(dfe)
    assert (
        f"api/data-set-files?publicationId={PUBLICATION_ID}&latestOnly=true&page=1&pageSize=40"
    ) in asked(dfe)


def test_a_catalogue_file_also_in_the_api_is_downloaded_from_the_api(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    # The API does not list the data set under the mapping's title (DfE titled it
    # differently there); the catalogue's file says it is the API's data set PLACE_ID 2.0.
    routes = api(NEW_RELEASE)
    listed = f"/publications/{PUBLICATION_ID}/data-sets"
    answer = json.loads(routes[listed][1])
    answer["results"][1]["title"] = "Placement stability (API)"
    dfe.routes = (
        routes | catalogue_routes(NEW_RELEASE) | {listed: (200, json.dumps(answer).encode())}
    )
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)

    status, out, _ = run_update(url, capsys)

    assert status == 0, out
    assert trafford(store, cat) == {"2024": 5.0, "2025": 6.0}
    [record] = BenchmarkStore(store.engine).imports()
    assert record.source is not None
    assert record.source.url.endswith(
        f"/statistics/v1/data-sets/{PLACE_ID}/csv?dataSetVersion={VERSION}"
    )
    assert not any(a.endswith("/download") for a in asked(dfe))


def test_a_column_dfe_renamed_in_a_catalogue_file_imports_under_the_catalogues_name(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    cat = placements_catalogue(value="percentage", count="number")
    url, store = open_store(tmp_path, cat, earlier=dfe_csv(FIGURES, old_names=True))
    dfe.routes = only_in_catalogue(dfe_csv({"2025": FIGURES["2025"]}))

    status, out, _ = run_update(url, capsys)

    assert status == 0, out
    assert f"{FILE}: column 'children_count' read as 'number' (DfE renamed it)" in out
    assert f"{FILE}: column 'children_percent' read as 'percentage' (DfE renamed it)" in out
    assert trafford(store, cat) == {"2025": 6.0}


def test_without_a_title_the_catalogue_file_with_the_columns_and_dfes_file_name_is_chosen(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    # The national file has the same columns; the ages file lacks the placement filter.
    dfe.routes = only_in_catalogue(NEW_RELEASE)
    untitled = {k: v for k, v in mapping().items() if k != "data_set_title"}
    cat = catalogue(measure_fields("PLACEMENTS_3PLUS", dfe=untitled))
    url, store = open_store(tmp_path, cat)

    status, out, _ = run_update(url, capsys)

    assert status == 0, out
    assert f"Imported {FILE} from '{TITLE}'" in out
    assert trafford(store, cat) == {"2024": 5.0, "2025": 6.0}
    # DfE's name for the file fitted: the other files' columns were not asked for.
    assert f"api/data-set-files/{NATIONAL_FILE_ID}" not in asked(dfe)


def test_without_a_title_two_catalogue_files_that_fit_are_named_and_nothing_is_imported(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    dfe.routes = only_in_catalogue(NEW_RELEASE)
    renamed = {k: v for k, v in mapping().items() if k != "data_set_title"}
    renamed["file"] = "placements_by_la.csv"  # DfE no longer has a file of that name
    cat = catalogue(measure_fields("PLACEMENTS_3PLUS", dfe=renamed))
    url, store = open_store(tmp_path, cat, earlier=None)

    status, out, _ = run_update(url, capsys)

    assert status == 0
    assert out.strip() == (
        f"Not found: placements_by_la.csv: 2 data sets of '{CLA}' fit the mapping; add "
        "data_set_title to the [measures.dfe] mapping to say which."
    )
    assert everything(store) == ()


def test_a_data_set_in_neither_the_api_nor_the_catalogue_is_reported_and_nothing_changes(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    dfe.routes = only_in_catalogue(NEW_RELEASE, title="CLA - placement stability - by region")
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)
    before = everything(store)

    status, out, _ = run_update(url, capsys)

    assert status == 0
    assert out.startswith(
        f"Not found: {FILE}: no longer found: publication '{CLA}' has no '{TITLE}' with the "
        "columns "
    )
    assert everything(store) == before
    assert not any(a.endswith("/download") for a in asked(dfe))


def test_a_catalogue_file_without_a_needed_column_is_reported_and_not_downloaded(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    without_percent = (
        b"\n".join(line.rsplit(b",", 1)[0] for line in NEW_RELEASE.splitlines()) + b"\n"
    )
    dfe.routes = only_in_catalogue(without_percent)
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)
    before = everything(store)

    status, out, _ = run_update(url, capsys)

    assert status == 0
    assert out.strip().startswith(
        f"Not found: {FILE}: '{TITLE}' (Reporting year 2025) no longer has the column "
        "'children_percent' that the catalogue's mapping needs."
    )
    assert everything(store) == before
    assert not any(a.endswith("/download") for a in asked(dfe))


SELECTED_PLACEMENTS = SELECTED.split(",")[1]
NATIONAL = {
    "file": "national_cla_placement_stability.csv",
    "filters": {"cla_group": "CLA on 31 March", "placement_stability": SELECTED_PLACEMENTS},
    "value_column": "children_percent",
    "numerator_column": "children_count",
    "publication": CLA,
    "data_set_title": "CLA - placement stability - national",
}


@pytest.mark.parametrize(
    "path",
    [
        f"{CONTENT}/data-set-files/{NATIONAL_FILE_ID}/download",
        f"{CONTENT}/data-set-files/{NATIONAL_FILE_ID}",
        f"{CONTENT}/data-set-files?publicationId={PUBLICATION_ID}",
        f"{CONTENT}/publications/{CLA}/title",
    ],
)
def test_a_server_error_in_the_catalogue_mid_way_changes_nothing_and_exits_2(
    path: str, tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    # The placements come from the API and are downloaded first; the national file is only
    # in the catalogue, and DfE fails while it is fetched.
    cat = catalogue(
        measure_fields("PLACEMENTS_3PLUS", dfe=mapping()),
        measure_fields("CL_INTOUCH_19_21", dfe=NATIONAL),
    )
    url, store = open_store(tmp_path, cat)
    before = everything(store)
    dfe.routes = dfe.routes | {path: (500, problem(500, "Internal Server Error"))}

    status, _, err = run_update(url, capsys)

    assert status == 2
    assert "answered 500 Internal Server Error" in err and "Nothing was changed" in err
    assert everything(store) == before
    assert trafford(store, cat) == {"2024": 6.0}
    assert f"statistics/v1/data-sets/{PLACE_ID}/csv?dataSetVersion={VERSION}" in asked(dfe)


def test_both_files_update_when_one_is_in_the_api_and_one_only_in_the_catalogue(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    cat = catalogue(
        measure_fields("PLACEMENTS_3PLUS", dfe=mapping()),
        measure_fields("CL_INTOUCH_19_21", dfe=NATIONAL),
    )
    url, store = open_store(tmp_path, cat)

    status, out, _ = run_update(url, capsys)

    assert status == 0, out
    sources = {r.file_name: r.source for r in BenchmarkStore(store.engine).imports()}
    api_file, catalogue_file = sources[FILE], sources["national_cla_placement_stability.csv"]
    assert api_file is not None and catalogue_file is not None
    assert api_file.url.endswith(f"/data-sets/{PLACE_ID}/csv?dataSetVersion={VERSION}")
    assert catalogue_file.url.endswith(f"{CONTENT}/data-set-files/{NATIONAL_FILE_ID}/download")


def test_a_catalogue_with_more_files_than_dfe_lists_on_a_page_is_read_to_the_end(
    tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    # DfE lists at most 40 data files a page: 40 others on page 1, the placements on page 2.
    routes = only_in_catalogue(NEW_RELEASE)
    listed = f"{CONTENT}/data-set-files?publicationId={PUBLICATION_ID}"
    placements = next(
        f for f in json.loads(routes[listed][1])["results"] if f["id"] == PLACE_FILE_ID
    )
    others = [
        placements | {"id": f"00000000-0000-0000-0000-{n:012d}", "title": f"Other file {n}"}
        for n in range(40)
    ]
    paging = {"pageSize": 40, "totalResults": 41, "totalPages": 2}
    first = {"results": others, "paging": {"page": 1, **paging}}
    second = {"results": [placements], "paging": {"page": 2, **paging}}
    dfe.routes = routes | {
        listed: (200, json.dumps(first).encode()),
        f"{listed}&page=2": (200, json.dumps(second).encode()),
    }
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)

    status, out, _ = run_update(url, capsys)

    assert status == 0, out
    assert trafford(store, cat) == {"2024": 5.0, "2025": 6.0}
    query = f"api/data-set-files?publicationId={PUBLICATION_ID}&latestOnly=true"
    assert f"{query}&page=1&pageSize=40" in asked(dfe)
    assert f"{query}&page=2&pageSize=40" in asked(dfe)


def test_a_compressed_download_that_unpacks_beyond_the_limit_changes_nothing(
    tmp_path: Path,
    dfe: type[Replay],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(update, "DOWNLOAD_LIMIT", 1024 * 1024)
    dfe.routes = only_in_catalogue(NEW_RELEASE)
    # 3 MB of CSV that travels as a few kilobytes.
    bomb = gzip.compress(NEW_RELEASE + b"2025,Reporting year" + b"," * 3 * 1024 * 1024)
    dfe.routes[f"{CONTENT}/data-set-files/{PLACE_FILE_ID}/download"] = (200, bomb)
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)
    before = everything(store)

    status, _, err = run_update(url, capsys)

    assert status == 2
    assert "sent more than 1 MB for http://127.0.0.1:" in err
    assert "/download, more than any file the catalogue maps. Nothing was changed" in err
    assert everything(store) == before
