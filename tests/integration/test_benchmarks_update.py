"""``python -m scorecard benchmarks update`` against a DfE statistics API replayed on 127.0.0.1.

The responses follow the shape of the public API's v1 documentation (see the docstring of
scorecard/benchmarks/update.py). The CSV rows are real: England, the North West, Stockport
and Trafford from DfE's placement-stability file (Children looked after in England including
adoptions, reporting years 2024 and 2025), copied here so the test needs nothing beside the
repository. No test reaches the internet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import pytest

from scorecard.benchmarks import import_contents, update
from scorecard.benchmarks.series import series_key
from scorecard.benchmarks.storage import BenchmarkStore
from scorecard.catalogue import Catalogue
from scorecard.cli import main
from scorecard.storage.store import Store
from tests.unit.builders import catalogue, measure_fields

CLA = "children-looked-after-in-england-including-adoptions"
TITLE = "CLA - placement stability - by local authority"
FILE = "la_cla_placement_stability.csv"
HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,la_name,new_la_code,cla_group,placement_stability,{count},{percent}\n"
)
PLACES = [
    "National,E92000001,England,,,,,",
    "Regional,E92000001,England,E12000002,North West,,,",
    "Local authority,E92000001,England,E12000002,North West,356,Stockport,E08000007",
    "Local authority,E92000001,England,E12000002,North West,358,Trafford,E08000009",
]
SELECTED = "CLA on 31 March,With 3 or more placements during the year"
# DfE's figures for those places: (count, percent) by year, in PLACES order.
FIGURES = {
    "2024": [(8860, 11), (1340, 9), (54, 11), (17, 5)],
    "2025": [(8500, 10), (1280, 9), (56, 12), (20, 6)],
}


def dfe_csv(years: dict[str, list[tuple[int, int]]], *, old_names: bool = False) -> bytes:
    names = ("number", "percentage") if old_names else ("children_count", "children_percent")
    lines = [HEADER.format(count=names[0], percent=names[1])]
    for year, figures in years.items():
        for place, (count, percent) in zip(PLACES, figures, strict=True):
            lines.append(f"{year},Reporting year,{place},{SELECTED},{count},{percent}\n")
    return "".join(lines).encode()


NEW_RELEASE = dfe_csv(FIGURES)
# What an earlier import held: 2024 only, with Trafford's 2024 figure as first published
# (19 children, 6%) before DfE revised it to 17 (5%).
EARLIER = dfe_csv({"2024": [(8860, 11), (1340, 9), (54, 11), (19, 6)]})


def mapping(value: str = "children_percent", count: str = "children_count") -> dict[str, Any]:
    return {
        "file": FILE,
        "filters": {"cla_group": "CLA on 31 March", "placement_stability": SELECTED.split(",")[1]},
        "value_column": value,
        "numerator_column": count,
        "publication": CLA,
        "data_set_title": TITLE,
    }


def placements_catalogue(**dfe: str) -> Catalogue:
    return catalogue(
        measure_fields("PLACEMENTS_3PLUS", polarity="lower_is_better", dfe=mapping(**dfe))
    )


def api(csv: bytes) -> dict[str, tuple[int, bytes]]:
    """The responses DfE's API gives for the publication and its placement data set."""
    paging = {"page": 1, "pageSize": 40, "totalResults": 1, "totalPages": 1}
    published = "2025-11-20T09:30:00Z"
    answers: dict[str, Any] = {
        "/publications": {
            "results": [
                {
                    "id": "p-cin",
                    "title": "Characteristics of children in need",
                    "slug": "characteristics-of-children-in-need",
                },
                {
                    "id": "p-cla",
                    "title": "Children looked after in England including adoptions",
                    "slug": CLA,
                },
            ],
            "paging": paging,
        },
        "/publications/p-cla/data-sets": {
            "results": [
                {
                    "id": "ds-ages",
                    "title": "CLA on 31 March - ages - by local authority",
                    "status": "Published",
                    "latestVersion": {"version": "1.0", "published": published},
                },
                {
                    "id": "ds-place",
                    "title": TITLE,
                    "status": "Published",
                    "latestVersion": {"version": "2.0", "published": published},
                },
            ],
            "paging": paging,
        },
        "/data-sets/ds-ages/meta": {
            "filters": [
                {
                    "id": "f1",
                    "column": "age",
                    "label": "Age",
                    "options": [{"id": "o1", "label": "Under 1"}],
                }
            ],
            "indicators": [{"id": "i1", "column": "children_count", "label": "Number"}],
        },
        "/data-sets/ds-place/meta": {
            "filters": [
                {
                    "id": "f1",
                    "column": "cla_group",
                    "label": "CLA group",
                    "options": [{"id": "o1", "label": "CLA on 31 March"}],
                },
                {
                    "id": "f2",
                    "column": "placement_stability",
                    "label": "Number of placements",
                    "options": [
                        {"id": "o2", "label": "With 3 or more placements during the year"},
                        {"id": "o3", "label": "Total children"},
                    ],
                },
            ],
            "indicators": [
                {"id": "i1", "column": "children_count", "label": "Number"},
                {"id": "i2", "column": "children_percent", "label": "Percentage"},
            ],
        },
        "/data-sets/ds-place/versions/2.0": {
            "version": "2.0",
            "published": published,
            "release": {"title": "Reporting year 2025", "slug": "2025"},
        },
    }
    routes = {path: (200, json.dumps(body).encode()) for path, body in answers.items()}
    routes["/data-sets/ds-place/csv"] = (200, csv)
    return routes


class Replay(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, bytes]]] = {}
    delay = 0.0

    def do_GET(self) -> None:
        path = urlsplit(self.path).path.removeprefix("/statistics/v1")
        time.sleep(self.delay)
        status, body = self.routes.get(path, (404, b'{"title": "Not Found"}'))
        try:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the timeout test)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def dfe(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[Replay]]:
    """A server on 127.0.0.1 answering as DfE's API; its routes are set by each test."""
    for name in (
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)
    handler = type("Handler", (Replay,), {"routes": api(NEW_RELEASE), "delay": 0.0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv(update.API_URL_ENV, f"http://127.0.0.1:{server.server_port}/statistics/v1")
    yield handler
    server.shutdown()
    server.server_close()


def open_store(
    tmp_path: Path, cat: Catalogue, earlier: bytes | None = EARLIER
) -> tuple[str, Store]:
    url = f"sqlite:///{tmp_path / 'scorecard.db'}"
    store = Store.open(url)
    store.replace_catalogue(cat, actor="test", file_name="test.toml", sha256="0" * 64)
    if earlier is not None:
        import_contents(store, [(FILE, earlier)], actor="test")
    return url, store


def trafford(store: Store, cat: Catalogue) -> dict[str, float]:
    dfe_mapping = cat.measure("PLACEMENTS_3PLUS").dfe
    assert dfe_mapping is not None
    rows = BenchmarkStore(store.engine).series([series_key(dfe_mapping)])[series_key(dfe_mapping)]
    mine = rows[rows["old_la_code"] == "358"]
    return dict(zip(mine["time_period"], mine["value"], strict=True))


def everything(store: Store) -> tuple[object, ...]:
    records = BenchmarkStore(store.engine).imports()
    return tuple((r.file_name, r.sha256, r.rows_kept, r.source) for r in records)


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
    assert record.source.url.endswith("/statistics/v1/data-sets/ds-place/csv")
    assert record.imported_by == "Ann Admin"


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


@pytest.mark.parametrize("path", ["/data-sets/ds-place/csv", "/publications"])
def test_a_server_error_changes_nothing_and_exits_2(
    path: str, tmp_path: Path, dfe: type[Replay], capsys: pytest.CaptureFixture[str]
) -> None:
    cat = placements_catalogue()
    url, store = open_store(tmp_path, cat)
    before = everything(store)
    dfe.routes = api(NEW_RELEASE) | {path: (500, b"Internal Server Error")}

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
