"""DfE's statistics API and data catalogue replayed on 127.0.0.1, for tests of ``benchmarks
update``.

The responses have the shapes DfE's services give (the docstring of
scorecard/benchmarks/update.py says where each was checked): their JSON fields, GUIDs, page
sizes they refuse with a 400, problem details for errors, the API's gzip-compressed CSV and the
catalogue's plain one. The public API answers under /statistics/v1, the catalogue (EES's
content API) under /api. The CSV rows are real: England, the North West,
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
PUBLICATION_TITLE = "Children looked after in England including adoptions"
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
                    "title": PUBLICATION_TITLE,
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


CONTENT = "/api"  # where the replay answers as DfE's content API (the data catalogue)
PLACE_FILE_ID = "3c1f7a2e-5b6d-4e8f-9a0b-1c2d3e4f5a6b"  # the placement data set file
NATIONAL_FILE_ID = "7e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b"
AGES_FILE_ID = "c5b4a392-8171-4f6e-5d4c-3b2a19080706"
RELEASE_VERSION_ID = "f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9"
# Columns that say where and when: every DfE file has them, the catalogue lists the others.
PLACE_AND_TIME = {
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "la_name",
    "new_la_code",
}
FILTERS = {"cla_group", "placement_stability", "age"}
LABELS = {
    "cla_group": "CLA group",
    "placement_stability": "Number of placements",
    "children_count": "Number",
    "children_percent": "Percentage",
    "number": "Number",
    "percentage": "Percentage",
    "age": "Age",
}


def _data_file(
    ident: str, title: str, filename: str, csv: bytes, *, api: dict[str, str] | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A catalogue entry as DataSetFileSummaryViewModel and DataSetFileViewModel have it (null
    fields left out, as the content API's serializer does)."""
    lines = csv.decode().splitlines()
    header = lines[0].split(",")
    columns = [c for c in header if c not in PLACE_AND_TIME]
    filters = [c for c in columns if c in FILTERS]
    indicators = [c for c in columns if c not in FILTERS]
    release = {"id": RELEASE_VERSION_ID, "title": "Reporting year 2025", "slug": "2025"}
    meta = {
        "numDataFileRows": len(lines) - 1,
        "geographicLevels": ["Local authority", "National", "Regional"],
        "timePeriodRange": {"from": "2024", "to": "2025"},
        "filters": [LABELS.get(c, c) for c in filters],
        "indicators": [LABELS.get(c, c) for c in indicators],
    }
    summary: dict[str, Any] = {
        "id": ident,
        "fileId": ident[::-1],
        "filename": filename,
        "fileSize": f"{len(csv) // 1024 + 1} Kb",
        "fileExtension": "csv",
        "title": title,
        "content": "",
        "theme": {"id": "92c5df93-c4da-4530-5d9a-08d8e0a1e2d4", "title": "Children's social care"},
        "publication": {"id": PUBLICATION_ID, "title": PUBLICATION_TITLE, "slug": CLA},
        "release": release,
        "latestData": True,
        "isSuperseded": False,
        "published": PUBLISHED,
        "lastUpdated": "2025-11-20T09:30:00",
        "meta": meta,
    }
    variables = sorted(
        ({"label": LABELS.get(c, c), "value": c} for c in columns), key=lambda v: v["value"]
    )
    detail: dict[str, Any] = {
        "id": ident,
        "title": title,
        "summary": "",
        "file": {
            "id": ident[::-1],
            "name": filename,
            "size": summary["fileSize"],
            "meta": meta,
            "dataCsvPreview": {
                "headers": header,
                "rows": [line.split(",") for line in lines[1:6]],
            },
            "variables": variables,
            "subjectId": "0d3f6c2b-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
        },
        "release": release
        | {
            "type": "AccreditedOfficialStatistics",
            "isLatestPublishedRelease": True,
            "isSuperseded": False,
            "published": PUBLISHED,
            "lastUpdated": "2025-11-20T09:30:00",
            "publication": {
                "id": PUBLICATION_ID,
                "title": PUBLICATION_TITLE,
                "slug": CLA,
                "themeTitle": "Children's social care",
            },
        },
        "footnotes": [{"id": "b1a2c3d4-0000-4000-8000-000000000001", "label": "Figures..."}],
    }
    if api is not None:
        summary["api"] = detail["api"] = api
    return summary, detail


def catalogue_routes(
    csv: bytes, *, in_api: bool = True, title: str = TITLE
) -> dict[str, tuple[int, bytes]]:
    """The data catalogue's answers for Children looked after's latest release: the placement
    file (``title``; said to be in the API too when ``in_api``), the same columns for England
    alone, and the ages file. Its CSV download is sent plain, as EES sends it."""
    ages = (
        b"time_period,time_identifier,geographic_level,country_code,country_name,age,"
        b"children_count\n2025,Reporting year,National,E92000001,England,Under 1,4200\n"
    )
    lines = csv.splitlines(keepends=True)
    national = b"".join(lines[:1] + [line for line in lines[1:] if b",National," in line])
    api = {"id": PLACE_ID, "version": VERSION} if in_api else None
    files = [
        _data_file(
            AGES_FILE_ID,
            "CLA on 31 March - ages - by local authority",
            "la_cla_on_31_march_by_age.csv",
            ages,
            api=None,
        ),
        _data_file(PLACE_FILE_ID, title, FILE, csv, api=api),
        _data_file(
            NATIONAL_FILE_ID,
            "CLA - placement stability - national",
            "national_cla_placement_stability.csv",
            national,
            api=None,
        ),
    ]
    routes = {
        f"{CONTENT}/publications/{CLA}/title": {
            "publicationId": PUBLICATION_ID,
            "title": PUBLICATION_TITLE,
        },
        f"{CONTENT}/publications/characteristics-of-children-in-need/title": {
            "publicationId": CIN_ID,
            "title": "Characteristics of children in need",
        },
        f"{CONTENT}/data-set-files?publicationId={PUBLICATION_ID}": _page(
            [summary for summary, _ in files], 40
        ),
        f"{CONTENT}/data-set-files?publicationId={CIN_ID}": _page([], 40),
    }
    routes |= {f"{CONTENT}/data-set-files/{d['id']}": d for _, d in files}
    answers = {path: (200, json.dumps(body).encode()) for path, body in routes.items()}
    answers[f"{CONTENT}/data-set-files/{PLACE_FILE_ID}/download"] = (200, csv)
    answers[f"{CONTENT}/data-set-files/{NATIONAL_FILE_ID}/download"] = (200, national)
    answers[f"{CONTENT}/data-set-files/{AGES_FILE_ID}/download"] = (200, ages)
    return answers


def only_in_catalogue(csv: bytes, **more: Any) -> dict[str, tuple[int, bytes]]:
    """DfE as it may well be for Children looked after: the publication has no data set in
    the public API (its search does not return it), only data files in the catalogue."""
    routes = api(csv)
    listed = json.loads(routes["/publications"][1])
    listed["results"] = [p for p in listed["results"] if p["slug"] != CLA]
    listed["paging"]["totalResults"] = len(listed["results"])
    routes["/publications"] = (200, json.dumps(listed).encode())
    for path in [p for p in routes if PUBLICATION_ID in p or PLACE_ID in p or AGES_ID in p]:
        del routes[path]
    return routes | catalogue_routes(csv, in_api=False, **more)


def problem(status: int, title: str, **more: Any) -> bytes:
    """An error as DfE's API words it (problem details)."""
    kinds = {400: "15.5.1", 404: "15.5.5", 500: "15.6.1"}
    link = f"https://tools.ietf.org/html/rfc9110#section-{kinds.get(status, '15.6.1')}"
    return json.dumps({"type": link, "title": title, "status": status, **more}).encode()


def _too_large(path: str, query: dict[str, list[str]]) -> bytes | None:
    """DfE's 400 for a page size its list does not allow (40 publications, 20 data sets) or a
    search shorter than 3 characters, so a client asking for more fails here as it would
    there."""
    if path in ("/publications", f"{CONTENT}/data-set-files"):
        largest: int | None = 40
    else:
        largest = 20 if path.endswith("/data-sets") else None
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
        # The catalogue's list is routed as "path?publicationId=ID", a later page of any list
        # as "path?page=N" (or "path?publicationId=ID&page=N").
        key = path
        if "publicationId" in query:
            key += f"?publicationId={query['publicationId'][0]}"
        page = query.get("page", ["1"])[0]
        if page != "1":
            key += f"{'&' if '?' in key else '?'}page={page}"
        if refused is not None:
            status, body = 400, refused
        else:
            status, body = self.routes.get(key, (404, problem(404, "Not Found")))
        try:
            self.send_response(status)
            if body.startswith(b"\x1f\x8b"):
                # DfE's CSV downloads: gzip whatever the request's Accept-Encoding said.
                self.send_header("Content-Type", "text/csv")
                self.send_header("Content-Encoding", "gzip")
            elif body.startswith(b"{"):
                kind = "application/problem+json" if status >= 400 else "application/json"
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
            else:  # the catalogue's CSV download
                self.send_header("Content-Type", "text/csv")
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
    routes = api(NEW_RELEASE) | catalogue_routes(NEW_RELEASE)
    handler = type("Handler", (Replay,), {"routes": routes, "delay": 0.0, "asked": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    here = f"http://127.0.0.1:{server.server_port}"
    monkeypatch.setenv(update.API_URL_ENV, f"{here}/statistics/v1")
    monkeypatch.setenv(update.CONTENT_URL_ENV, f"{here}{CONTENT}")
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
