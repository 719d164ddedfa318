"""DfE's statistics API replayed on 127.0.0.1, for tests of ``benchmarks update``.

The responses have the shapes DfE's API gives (the docstring of scorecard/benchmarks/update.py
says where each was checked): its JSON fields, GUIDs, page sizes it refuses with a 400, problem
details for errors and gzip-compressed CSV. The CSV rows are real: England, the North West,
Stockport and Trafford from DfE's placement-stability file (Children looked after in England
including adoptions, reporting years 2024 and 2025), copied here so tests need nothing beside
the repository. Nothing here reaches the internet.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

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


# Identifiers as DfE gives them (GUIDs: the API's routes accept nothing else). These are
# made up; the shapes around them follow DfE's API (see scorecard/benchmarks/update.py and the
# answers DfE's own client recorded, tests/fixtures/eesyapi/).
PUBLICATION_ID = "5d7a0f5e-4c8e-4d47-a2f1-08dcb0e4c3a1"
CIN_ID = "a4b3c2d1-0e9f-4a8b-7c6d-08dcb0e4c3a2"
AGES_ID = "1b6e9201-2c3d-4e5f-8a9b-0c1d2e3f4a5b"
PLACE_ID = "8f2a9201-7b6c-5d4e-3f2a-1b0c9d8e7f6a"
VERSION = "2.0"
PUBLISHED = "2025-11-20T09:30:00+00:00"


def _version(filters: list[str], indicators: list[str], rows: int) -> dict[str, Any]:
    return {
        "version": VERSION,
        "published": PUBLISHED,
        "totalResults": rows,
        "file": {"id": "0e5c2a71-93c4-4b1e-9d3f-6a2b8c7d1e40"},
        "timePeriods": {"start": "2024", "end": "2025"},
        "geographicLevels": ["Local authority", "National", "Regional"],
        # Labels, as DfE lists them here, not column names.
        "filters": filters,
        "indicators": indicators,
    }


def _page(results: list[dict[str, Any]], size: int) -> dict[str, Any]:
    paging = {"page": 1, "pageSize": size, "totalResults": len(results), "totalPages": 1}
    return {"results": results, "paging": paging}


def api(csv: bytes) -> dict[str, tuple[int, bytes]]:
    """The responses DfE's API gives for the publication and its placement data set; the CSV
    is sent gzip-compressed, as DfE sends every CSV."""
    answers: dict[str, Any] = {
        "/publications": _page(
            [
                {
                    "id": CIN_ID,
                    "title": "Characteristics of children in need",
                    "slug": "characteristics-of-children-in-need",
                    "summary": "Children referred to and assessed by children's social care.",
                    "lastPublished": "2025-10-30T09:30:00+00:00",
                },
                {
                    "id": PUBLICATION_ID,
                    "title": "Children looked after in England including adoptions",
                    "slug": CLA,
                    "summary": "Children looked after by local authorities in England.",
                    "lastPublished": PUBLISHED,
                },
            ],
            40,
        ),
        # Children in need: no data set the catalogue maps is in the API.
        f"/publications/{CIN_ID}/data-sets": _page([], 20),
        f"/publications/{PUBLICATION_ID}/data-sets": _page(
            [
                {
                    "id": AGES_ID,
                    "title": "CLA on 31 March - ages - by local authority",
                    "summary": "",
                    "status": "Published",
                    "latestVersion": _version(["Age"], ["Number"], 9120),
                },
                {
                    "id": PLACE_ID,
                    "title": TITLE,
                    "summary": "",
                    "status": "Published",
                    "latestVersion": _version(
                        ["CLA group", "Number of placements"], ["Number", "Percentage"], 1216
                    ),
                },
            ],
            20,
        ),
        f"/data-sets/{AGES_ID}/meta": {
            "filters": [
                {
                    "id": "aB3dE",
                    "column": "age",
                    "label": "Age",
                    "hint": "",
                    "options": [{"id": "Kq8Zw", "label": "Under 1"}],
                }
            ],
            "indicators": [
                {"id": "Xy7Pq", "column": "children_count", "label": "Number", "decimalPlaces": 0}
            ],
        },
        f"/data-sets/{PLACE_ID}/meta": {
            "filters": [
                {
                    "id": "cL4gR",
                    "column": "cla_group",
                    "label": "CLA group",
                    "hint": "",
                    "options": [{"id": "Mt5Ra", "label": "CLA on 31 March", "isAggregate": True}],
                },
                {
                    "id": "pS2tB",
                    "column": "placement_stability",
                    "label": "Number of placements",
                    "hint": "",
                    "options": [
                        {"id": "Wn3Hd", "label": "With 3 or more placements during the year"},
                        {"id": "Tc9Lk", "label": "Total children", "isAggregate": True},
                    ],
                },
            ],
            "indicators": [
                {"id": "Nb1Cv", "column": "children_count", "label": "Number", "decimalPlaces": 0},
                {
                    "id": "Pc6Jr",
                    "column": "children_percent",
                    "label": "Percentage",
                    "decimalPlaces": 0,
                },
            ],
            "geographicLevels": [
                {"code": "NAT", "label": "National"},
                {"code": "REG", "label": "Regional"},
                {"code": "LA", "label": "Local authority"},
            ],
            "timePeriods": [
                {"code": "RY", "period": "2024", "label": "2024"},
                {"code": "RY", "period": "2025", "label": "2025"},
            ],
        },
        f"/data-sets/{PLACE_ID}/versions/{VERSION}": {
            "version": VERSION,
            "type": "Major",
            "status": "Published",
            "published": PUBLISHED,
            "notes": "Columns renamed to the 2025 release's names.",
            "totalResults": 1216,
            "file": {"id": "0e5c2a71-93c4-4b1e-9d3f-6a2b8c7d1e40"},
            "release": {"title": "Reporting year 2025", "slug": "2025"},
            "timePeriods": {"start": "2024", "end": "2025"},
            "geographicLevels": ["Local authority", "National", "Regional"],
            "filters": ["CLA group", "Number of placements"],
            "indicators": ["Number", "Percentage"],
        },
    }
    routes = {path: (200, json.dumps(body).encode()) for path, body in answers.items()}
    routes[f"/data-sets/{PLACE_ID}/csv"] = (200, gzip.compress(csv))
    return routes


def problem(status: int, title: str, **more: Any) -> bytes:
    """An error as DfE's API words it (problem details)."""
    kinds = {400: "15.5.1", 404: "15.5.5", 500: "15.6.1"}
    link = f"https://tools.ietf.org/html/rfc9110#section-{kinds.get(status, '15.6.1')}"
    return json.dumps({"type": link, "title": title, "status": status, **more}).encode()


def _too_large(path: str, query: dict[str, list[str]]) -> bytes | None:
    """DfE's 400 for a page size its list does not allow (40 publications, 20 data sets) or a
    search shorter than 3 characters, so a client asking for more fails here as it would
    there."""
    largest = 40 if path == "/publications" else 20 if path.endswith("/data-sets") else None
    if largest is None:
        return None
    errors = []
    size = int(query.get("pageSize", ["10"])[0])
    if not 1 <= size <= largest:
        errors.append(
            {
                "message": f"'Page Size' must be between 1 and {largest}. You entered {size}.",
                "path": "pageSize",
                "code": "InclusiveBetween",
                "detail": {"from": 1, "to": largest, "value": size},
            }
        )
    search = query.get("search", [None])[0]
    if search is not None and len(search) < 3:
        errors.append(
            {
                "message": "The length of 'Search' must be at least 3 characters.",
                "path": "search",
                "code": "MinimumLength",
            }
        )
    if not errors:
        return None
    return problem(400, "One or more validation errors occurred.", errors=errors)


class Replay(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, bytes]]] = {}
    delay = 0.0
    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path.removeprefix("/statistics/v1")
        self.asked.append(self.path)
        time.sleep(self.delay)
        query = parse_qs(parts.query)
        refused = _too_large(path, query)
        page = query.get("page", ["1"])[0]
        if refused is not None:
            status, body = 400, refused
        elif page != "1":  # a later page of a list: routed as "path?page=N"
            status, body = self.routes.get(f"{path}?page={page}", (404, problem(404, "Not Found")))
        else:
            status, body = self.routes.get(path, (404, problem(404, "Not Found")))
        try:
            self.send_response(status)
            if body.startswith(b"\x1f\x8b"):
                # DfE's CSV downloads: gzip whatever the request's Accept-Encoding said.
                self.send_header("Content-Type", "text/csv")
                self.send_header("Content-Encoding", "gzip")
            elif body.startswith(b"{"):
                kind = "application/problem+json" if status >= 400 else "application/json"
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
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
    handler = type("Handler", (Replay,), {"routes": api(NEW_RELEASE), "delay": 0.0, "asked": []})
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
