"""DfE's statistics API replayed on 127.0.0.1, for tests of ``benchmarks update``.

The responses follow the shape of the public API's v1 documentation (see the docstring of
scorecard/benchmarks/update.py). The CSV rows are real: England, the North West, Stockport
and Trafford from DfE's placement-stability file (Children looked after in England including
adoptions, reporting years 2024 and 2025), copied here so tests need nothing beside the
repository. Nothing here reaches the internet.
"""

from __future__ import annotations

import json
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


def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[Replay]]:
    """A server on 127.0.0.1 answering as DfE's API (use as a fixture); tests may change
    its routes and delay."""
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
