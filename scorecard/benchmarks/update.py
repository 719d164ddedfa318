"""Bringing in DfE's latest releases from its statistics service: ``benchmarks update``.

For each file the catalogue's DfE mappings name (``[measures.dfe] file``), the mapping says
which publication it comes from (``publication``, the slug of its address on
explore-education-statistics.service.gov.uk) and, where it is known, the data set's title
(``data_set_title``). The update looks for the data set in the public API first and, when it is
not there, in the service's data catalogue (every data file of the publication's latest
release, as its "Download data" pages offer them); either way it picks the data set by the
mapping's ``data_set_title`` or, without a title, by the columns (and, in the API, filter
values) the mappings need, never by a stored id. It downloads the CSV, checks that it has every
column the mappings need (DfE's renamed columns count, see :mod:`.sources`), and imports every
file found through the ordinary all-or-nothing import (:mod:`.importing`), recording the
release, publication date, address and SHA-256.

The public API (v1, https://api.education.gov.uk/statistics/docs/), as DfE's own client eesyapi
calls it and as the service's public-data controllers and view models define it
(github.com/dfe-analytical-services/explore-education-statistics,
``Public.Data.Api/Controllers``; the recorded answers in tests/dfe_replay.py follow them):

- ``GET {base}/publications?search=TEXT&page=N&pageSize=40``: ``results[]`` {``id``,
  ``title``, ``slug``, ``summary``, ``lastPublished``} and ``paging`` {``page``, ``pageSize``,
  ``totalResults``, ``totalPages``}. ``pageSize`` is 1 to 40 and ``search`` at least 3
  characters, or DfE answers 400. The publication is the result whose ``slug`` is the mapping's
  ``publication``.
- ``GET {base}/publications/{publicationId}/data-sets?page=N&pageSize=20`` (20 at most):
  ``results[]`` {``id``, ``title``, ``summary``, ``status`` (``Published`` or ``Deprecated``,
  with ``supersedingDataSetId``), ``latestVersion`` {``version``, ``published``,
  ``totalResults``, ``file``, ``timePeriods``, ``geographicLevels``, and ``filters`` and
  ``indicators`` as labels, not column names}}; ``paging`` as above. Deprecated data sets
  receive no more releases and are not used.
- ``GET {base}/data-sets/{dataSetId}/meta?dataSetVersion=V`` (only for mappings without a
  title): ``filters[]`` {``id``, ``column``, ``label``, ``options[]`` {``id``, ``label``}} and
  ``indicators[]`` {``id``, ``column``, ``label``}: the column names and filter values.
- ``GET {base}/data-sets/{dataSetId}/versions/{version}``: ``release`` {``title``, ``slug``}
  (e.g. "Reporting year 2025") and ``published``.
- ``GET {base}/data-sets/{dataSetId}/csv?dataSetVersion=V``: the release's own data file (the
  same columns as the service's CSV download), sent gzip-compressed with
  ``Content-Encoding: gzip`` whatever the request asked for. Naming the version fetches the
  file of the version recorded, even if DfE publishes another in between.

The data catalogue is the service's content API (``Content.Api``: ``PublicationsController``,
``DataSetFilesController``, ``Content.Requests/DataSetFileListRequest.cs``,
``Content.ViewModels/DataSetFile*ViewModel.cs``, ``Content.Services/DataSetFileService.cs``):

- ``GET {content}/publications/{slug}/title``: {``publicationId``, ``title``}; 404 when no
  published publication has that slug.
- ``GET {content}/data-set-files?publicationId=ID&latestOnly=true&page=N&pageSize=40`` (1 to
  40, or 400): ``results[]`` {``id`` (the data set file's id, the same from release to
  release), ``fileId``, ``filename``, ``title``, ``release`` {``id``, ``title``, ``slug``},
  ``published``, ``meta`` {``filters`` and ``indicators`` as labels}, and ``api`` {``id``,
  ``version``} only when the data set is also in the public API}; ``paging`` as above.
- ``GET {content}/data-set-files/{id}``: ``file.variables[]`` {``label``, ``value``}, whose
  values are the CSV's filter and indicator column names.
- ``GET {content}/data-set-files/{id}/download``: the CSV of the publication's latest release
  (``text/csv``, stored compressed and sent plain; a gzip answer is read too).

A data file the catalogue says is also in the API (``api``) is downloaded from the API, by the
version named, so the API is preferred wherever a data set is there.
Errors are JSON problem details: ``title``, ``status``, ``detail`` and, for a 400, ``errors[]``
{``message``, ``path``, ``code``} (both services share ``ProblemDetailsResultFilter``).

``{base}`` is ``https://api.education.gov.uk/statistics/v1`` or ``$SCORECARD_DFE_API_URL``;
``{content}`` is ``https://content.explore-education-statistics.service.gov.uk/api`` or
``$SCORECARD_DFE_CONTENT_URL``.

Network: every request has a timeout and a size limit (of what arrives and of what a gzip
answer unpacks to); proxies come from the usual environment variables (``HTTPS_PROXY``,
``HTTP_PROXY``, ``NO_PROXY``, which urllib reads). If DfE cannot be reached, answers with an
error or sends too much, :class:`DfeUnreachable` is raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import os
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from scorecard.benchmarks import columns as col
from scorecard.benchmarks import series, sources
from scorecard.benchmarks.importing import CheckedFile, check, mapped_measures, store_checked
from scorecard.benchmarks.reading import MAX_FILE_BYTES, read_csv
from scorecard.benchmarks.storage import BenchmarkStore, Source
from scorecard.catalogue import Catalogue, DfeSource
from scorecard.errors import ScorecardError
from scorecard.storage.store import Store

API_URL_ENV = "SCORECARD_DFE_API_URL"
DEFAULT_API_URL = "https://api.education.gov.uk/statistics/v1"
CONTENT_URL_ENV = "SCORECARD_DFE_CONTENT_URL"
DEFAULT_CONTENT_URL = "https://content.explore-education-statistics.service.gov.uk/api"
TIMEOUT_SECONDS = 30.0
# The largest pages DfE serves (PublicationListRequest, DataSetListRequest): more is a 400.
PUBLICATIONS_PAGE = 40
DATA_SETS_PAGE = 20
CATALOGUE_PAGE = 40  # DataSetFileListRequest: PageSize 1 to 40
# The most one answer may bring (or unpack to): any DfE file the catalogue maps is smaller.
DOWNLOAD_LIMIT = MAX_FILE_BYTES
# DfE's explanation of an error is quoted up to this length.
PROBLEM_CHARS = 300
UPDATE_ACTOR = "DfE update"


class DfeUnreachable(ScorecardError):
    """DfE's statistics service could not be reached or answered with an error: nothing was
    changed."""


class DfeNotFound(DfeUnreachable):
    """DfE answered 404: an error, except where not finding something is an answer."""


def api_url() -> str:
    return (os.environ.get(API_URL_ENV) or DEFAULT_API_URL).rstrip("/")


def content_url() -> str:
    return (os.environ.get(CONTENT_URL_ENV) or DEFAULT_CONTENT_URL).rstrip("/")


Fetch = Callable[[str], bytes]


def fetch(url: str, *, timeout: float | None = None) -> bytes:
    """GET ``url`` (through any proxy the environment names), or raise DfeUnreachable. A
    gzip-encoded answer (DfE's CSV downloads always are) comes back decompressed."""
    request = urllib.request.Request(
        url,
        headers={"User-Agent": "corporate-parenting-scorecard", "Accept-Encoding": "gzip"},
    )
    try:
        # A new opener each time reads the proxy variables as they are now (urlopen's
        # shared opener keeps whatever they were on its first use).
        opener = urllib.request.build_opener()
        with opener.open(request, timeout=timeout or TIMEOUT_SECONDS) as response:
            body: bytes = response.read(DOWNLOAD_LIMIT + 1)
            encoding = str(response.headers.get("Content-Encoding", "")).strip().lower()
        if encoding == "gzip":
            body = _gunzip(body, url)
    except urllib.error.HTTPError as exc:
        said = _problem(exc)
        raise (DfeNotFound if exc.code == 404 else DfeUnreachable)(
            f"DfE's statistics service answered {exc.code} {exc.reason} for {url}"
            f"{f' ({said})' if said else ''}. Nothing was changed; try again later."
        ) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        raise DfeUnreachable(
            f"DfE's statistics service could not be reached at {url} ({reason}). Nothing was "
            f"changed. Check the internet connection or proxy (HTTPS_PROXY), or set "
            f"{API_URL_ENV} or {CONTENT_URL_ENV} if the service has moved."
        ) from None
    if len(body) > DOWNLOAD_LIMIT:
        raise DfeUnreachable(
            f"DfE's statistics service sent more than {DOWNLOAD_LIMIT // 1024 // 1024} MB for "
            f"{url}, more than any file the catalogue maps. Nothing was changed."
        )
    return body


def _gunzip(body: bytes, url: str) -> bytes:
    # Bounded, so a small compressed answer cannot unpack into more than any DfE file.
    unpack = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        plain = unpack.decompress(body, DOWNLOAD_LIMIT + 1)
        # Cut short: neither the end of the stream nor the size limit was reached.
        if not unpack.eof and not unpack.unconsumed_tail:
            raise zlib.error("incomplete")
    except zlib.error:
        raise DfeUnreachable(
            f"DfE's statistics service sent a damaged compressed file for {url}. Nothing was "
            "changed; try again later."
        ) from None
    return plain


def _problem(exc: urllib.error.HTTPError) -> str:
    """DfE's own words for an error: its problem details' title and any validation messages."""
    try:
        body = json.loads(exc.read(64 * 1024))
    except (ValueError, OSError, http.client.HTTPException):
        return ""
    if not isinstance(body, dict):
        return ""
    errors = body.get("errors")
    errors = errors if isinstance(errors, list) else []
    words = [str(body.get("title") or "").strip()]
    words += [str(e.get("message") or "").strip() for e in errors if isinstance(e, dict)]
    if not any(words[1:]):
        words.append(str(body.get("detail") or "").strip())
    said = "; ".join(w for w in words if w)
    return said if len(said) <= PROBLEM_CHARS else said[: PROBLEM_CHARS - 1] + "…"


def _json(get: Fetch, url: str) -> Any:
    try:
        return json.loads(get(url))
    except ValueError:
        raise DfeUnreachable(
            f"DfE's statistics service sent something that is not JSON for {url}. Nothing was "
            "changed; try again later."
        ) from None


def _pages(get: Fetch, url: str, size: int) -> list[dict[str, Any]]:
    """Every result of a paged list, ``size`` to a page."""
    results: list[dict[str, Any]] = []
    page, pages = 1, 1
    while page <= pages:
        sep = "&" if "?" in url else "?"
        answer = _json(get, f"{url}{sep}page={page}&pageSize={size}")
        results += answer.get("results") or []
        pages = int((answer.get("paging") or {}).get("totalPages") or 1)
        page += 1
    return results


# -- what the catalogue asks for ----------------------------------------------------------
@dataclass(frozen=True)
class Wanted:
    """One file the catalogue maps, and what its data set must have."""

    file: str
    publication: str
    title: str | None
    mappings: tuple[DfeSource, ...]

    @property
    def columns(self) -> list[str]:
        return list(dict.fromkeys(c for m in self.mappings for c in series.needed_columns(m)))

    def filter_values(self) -> dict[str, set[str]]:
        values: dict[str, set[str]] = {}
        for m in self.mappings:
            for column, value in m.filters.items():
                values.setdefault(column, set()).add(value.strip())
        return values


def wanted_files(catalogue: Catalogue) -> tuple[list[Wanted], list[str]]:
    """The files to look for, and the mapped files that name no publication (not updated)."""
    by_file: dict[str, list[DfeSource]] = {}
    for measure in mapped_measures(catalogue):
        assert measure.dfe is not None
        by_file.setdefault(measure.dfe.file.strip(), []).append(measure.dfe)
    wanted, unnamed = [], []
    for file, mappings in by_file.items():
        named = [m for m in mappings if m.publication]
        if not named:
            unnamed.append(file)
            continue
        title = next((m.data_set_title for m in named if m.data_set_title), None)
        wanted.append(Wanted(file, str(named[0].publication), title, tuple(mappings)))
    return wanted, unnamed


# -- finding data sets ----------------------------------------------------------------------
@dataclass(frozen=True)
class Found:
    wanted: Wanted
    data_set_id: str
    title: str
    version: str
    published_on: dt.date | None
    release: str
    url: str
    content: bytes


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _fits(meta: dict[str, Any], wanted: Wanted) -> bool:
    """The data set has every column the mappings need (under any of DfE's names for it) and
    every filter value they select."""
    filters = {f.get("column"): f for f in meta.get("filters") or []}
    names = set(filters) | {i.get("column") for i in meta.get("indicators") or []}
    for column in wanted.columns:
        if not ({column, *sources.other_names(column)} & names):
            return False
    for column, values in wanted.filter_values().items():
        names_here = [n for n in (column, *sources.other_names(column)) if n in filters]
        if not names_here:  # an indicator, not a filter: it has no values to select
            return False
        labels = {
            str(o.get("label", "")).strip() for o in filters[names_here[0]].get("options") or []
        }
        if not values <= labels:
            return False
    return True


def _published_on(text: object) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(str(text).replace("Z", "+00:00")).date()
    except ValueError:
        return None


def find(
    get: Fetch, base: str, wanted: Sequence[Wanted], *, content: str
) -> tuple[list[Found], list[str]]:
    """Download the data set for each wanted file, from the public API where it is there and
    from the data catalogue otherwise; and what was not found, in words."""
    found: list[Found] = []
    missing: list[str] = []
    data_sets: dict[str, list[dict[str, Any]] | None] = {}
    catalogues: dict[str, list[dict[str, Any]] | None] = {}
    metas: dict[str, dict[str, Any]] = {}
    details: dict[str, dict[str, Any]] = {}
    for w in wanted:
        if w.publication not in data_sets:
            data_sets[w.publication] = _publication_data_sets(get, base, w.publication)
        offered = data_sets[w.publication]
        why_not = None  # why the API's data sets would not do, when it has the publication
        if offered is not None:
            from_api = _from_api(get, base, w, offered, metas)
            if isinstance(from_api, Found):
                found.append(from_api)
                continue
            if from_api is not None:  # several fit: the catalogue's files would too
                missing.append(from_api)
                continue
            why_not = _deprecated(w, offered) or _not_found(w, 0)
        if w.publication not in catalogues:
            catalogues[w.publication] = _catalogue_files(get, content, w.publication)
        files = catalogues[w.publication]
        from_catalogue = None
        if files is not None:
            from_catalogue = _from_catalogue(get, base, content, w, files, details)
        if isinstance(from_catalogue, Found):
            found.append(from_catalogue)
        elif from_catalogue is not None:
            missing.append(from_catalogue)
        elif why_not is not None:
            missing.append(why_not)
        elif files is None:
            missing.append(
                f"{w.file}: DfE's statistics service has no publication '{w.publication}' "
                "(the [measures.dfe] publication is the slug of its address on "
                "explore-education-statistics.service.gov.uk/find-statistics/). Its earlier "
                "figures are kept."
            )
        else:
            missing.append(_not_found(w, 0))
    return found, missing


def _from_api(
    get: Fetch,
    base: str,
    w: Wanted,
    offered: Sequence[dict[str, Any]],
    metas: dict[str, dict[str, Any]],
) -> Found | str | None:
    """The wanted file from the API's data sets; why not, when several fit; None when none
    does."""
    published = [
        d
        for d in offered
        if str(d.get("status", "")).lower() == "published" and d.get("latestVersion")
    ]
    candidates = [
        d for d in published if w.title is None or _same_title(str(d.get("title", "")), w.title)
    ]
    fitting = candidates
    if w.title is None:  # no title to go by: the data set with the mapping's columns
        fitting = []
        for d in candidates:
            ident = str(d["id"])
            if ident not in metas:
                version = _q(str(d["latestVersion"].get("version", "")))
                metas[ident] = _json(
                    get, f"{base}/data-sets/{_q(ident)}/meta?dataSetVersion={version}"
                )
            if _fits(metas[ident], w):
                fitting.append(d)
    if len(fitting) != 1:
        return _not_found(w, len(fitting)) if fitting else None
    chosen = fitting[0]
    ident = str(chosen["id"])
    latest = chosen["latestVersion"]
    version = str(latest.get("version", ""))
    summary = _json(get, f"{base}/data-sets/{_q(ident)}/versions/{_q(version)}")
    release = str((summary.get("release") or {}).get("title") or f"data set version {version}")
    url = _api_csv(base, ident, version)
    published_on = _published_on(latest.get("published") or summary.get("published"))
    title = str(chosen.get("title", ""))
    return Found(w, ident, title, version, published_on, release, url, get(url))


def _api_csv(base: str, ident: str, version: str) -> str:
    return f"{base}/data-sets/{_q(ident)}/csv?dataSetVersion={_q(version)}"


def _catalogue_files(get: Fetch, content: str, slug: str) -> list[dict[str, Any]] | None:
    """The data files of the publication's latest release, or None when DfE has no
    publication with that slug."""
    try:
        named = _json(get, f"{content}/publications/{_q(slug)}/title")
    except DfeNotFound:
        return None
    ident = _q(str(named.get("publicationId", "")))
    listed = f"{content}/data-set-files?publicationId={ident}&latestOnly=true"
    return _pages(get, listed, CATALOGUE_PAGE)


def _from_catalogue(
    get: Fetch,
    base: str,
    content: str,
    w: Wanted,
    files: Sequence[dict[str, Any]],
    details: dict[str, dict[str, Any]],
) -> Found | str | None:
    """The wanted file from the catalogue's data files: the one with the mapping's title and
    columns or, without a title, the one with its columns; why not, when that file lacks a
    column or several fit; None when none has the title or the columns."""

    def lacking(f: dict[str, Any]) -> list[str]:
        ident = str(f.get("id", ""))
        if ident not in details:
            details[ident] = _json(get, f"{content}/data-set-files/{_q(ident)}")
        variables = (details[ident].get("file") or {}).get("variables") or []
        names = {str(v.get("value", "")) for v in variables if isinstance(v, dict)}
        return [c for c in w.columns if not ({c, *sources.other_names(c)} & names)]

    if w.title is not None:
        titled = [f for f in files if _same_title(str(f.get("title", "")), w.title)]
        if len(titled) > 1:
            return _not_found(w, len(titled))
        if not titled:
            return None
        short = lacking(titled[0])
        if short:
            return _lacks(w, str(titled[0].get("title", "")), _release(titled[0]), short)
        fitting = titled
    else:
        # DfE's own name for the file, when it still has it, saves asking about the others.
        same_name = [f for f in files if str(f.get("filename", "")).lower() == w.file.lower()]
        fitting = [f for f in same_name if not lacking(f)]
        if len(fitting) != 1:
            fitting = [f for f in files if not lacking(f)]
        if len(fitting) > 1:
            return _not_found(w, len(fitting))
        if not fitting:
            return None
    chosen = fitting[0]
    ident = str(chosen.get("id", ""))
    api = chosen.get("api") or {}
    if api.get("id") and api.get("version"):  # the same data set is in the API: take it there
        url = _api_csv(base, str(api["id"]), str(api["version"]))
    else:
        url = f"{content}/data-set-files/{_q(ident)}/download"
    version = str(api.get("version") or "")
    title = str(chosen.get("title", ""))
    published_on = _published_on(chosen.get("published"))
    return Found(w, ident, title, version, published_on, _release(chosen), url, get(url))


def _release(data_file: dict[str, Any]) -> str:
    return str((data_file.get("release") or {}).get("title") or "latest release")


def _lacks(w: Wanted, title: str, release: str, lacking: Sequence[str]) -> str:
    return (
        f"{w.file}: '{title}' ({release}) no longer has the column "
        f"{', '.join(repr(c) for c in lacking)} that the catalogue's mapping needs. "
        "Its earlier figures are kept; check the [measures.dfe] mapping against "
        "DfE's release."
    )


def _deprecated(w: Wanted, offered: Sequence[dict[str, Any]]) -> str | None:
    """Why a titled data set is not used when DfE has deprecated it, naming its successor."""
    if w.title is None:
        return None
    old = next(
        (
            d
            for d in offered
            if str(d.get("status", "")).lower() == "deprecated"
            and _same_title(str(d.get("title", "")), w.title)
        ),
        None,
    )
    if old is None:
        return None
    successor = next((d for d in offered if d.get("id") == old.get("supersedingDataSetId")), None)
    instead = (
        f"; DfE replaced it with '{successor.get('title')}': set that as data_set_title"
        if successor is not None
        else ""
    )
    return (
        f"{w.file}: DfE has deprecated '{w.title}' (it gets no new releases){instead}. Its "
        "earlier figures are kept."
    )


def _q(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def _publication_data_sets(get: Fetch, base: str, slug: str) -> list[dict[str, Any]] | None:
    """The publication's data sets, or None when no publication has that slug."""
    title = sources.publication(slug)
    search = title.title if title else slug.replace("-", " ")
    publications = _pages(
        get, f"{base}/publications?search={urllib.parse.quote(search)}", PUBLICATIONS_PAGE
    )
    match = next((p for p in publications if p.get("slug") == slug), None)
    if match is None:
        return None
    return _pages(get, f"{base}/publications/{_q(str(match['id']))}/data-sets", DATA_SETS_PAGE)


def _not_found(w: Wanted, fitting: int) -> str:
    what = f"'{w.title}'" if w.title else "a data set"
    if fitting == 0:
        return (
            f"{w.file}: no longer found: publication '{w.publication}' has no {what} with the "
            f"columns {', '.join(w.columns)} and the filter values the catalogue selects. Its "
            "earlier figures are kept; check the [measures.dfe] mapping against DfE's release."
        )
    return (
        f"{w.file}: {fitting} data sets of '{w.publication}' fit the mapping; add "
        "data_set_title to the [measures.dfe] mapping to say which."
    )


# -- what changed -------------------------------------------------------------------------
@dataclass
class Update:
    """What an update did, file by file, in words."""

    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    not_mapped: list[str] = field(default_factory=list)

    def message(self) -> str:
        lines = [f"Imported {line}" for line in self.imported]
        lines += [f"Already current: {name}" for name in self.unchanged]
        lines += self.changes
        lines += [f"Not found: {line}" for line in self.missing]
        if self.not_mapped:
            lines.append(
                "Not checked (no publication in their [measures.dfe] mapping): "
                + ", ".join(self.not_mapped)
            )
        return "\n".join(lines) if lines else "The catalogue maps no measure to DfE's files."


def _changes(name: str, checked: CheckedFile, before: pd.DataFrame) -> list[str]:
    after = checked.prepared.rows
    lines = [f"{name}: {r} (DfE renamed it)" for r in checked.renamed]
    new_years = sorted(set(after[col.TIME_PERIOD]) - set(before[col.TIME_PERIOD]))
    if new_years:
        lines.append(f"{name}: new year {', '.join(new_years)}")
    key = [col.SERIES, *col.PLACE_KEY]
    both = before.merge(after, on=key, suffixes=("_before", "_after"))
    old, new = both[f"{col.VALUE}_before"], both[f"{col.VALUE}_after"]
    revised = both[~((old == new) | (old.isna() & new.isna()))]
    if not revised.empty:
        years = ", ".join(sorted(set(revised[col.TIME_PERIOD])))
        figures = "1 figure" if len(revised) == 1 else f"{len(revised)} figures"
        lines.append(f"{name}: {figures} revised by DfE (years {years})")
    return lines


def update(store: Store, *, actor: str = UPDATE_ACTOR, get: Fetch = fetch) -> Update:
    """Fetch the latest release of every mapped file and import them all, or raise
    DfeUnreachable (or BenchmarkImportRejected) having changed nothing."""
    catalogue = store.catalogue()
    base = api_url()
    wanted, unnamed = wanted_files(catalogue)
    found, missing = find(get, base, wanted, content=content_url())
    result = Update(missing=missing, not_mapped=unnamed)
    benchmarks = BenchmarkStore(store.engine)
    current = {r.file_name.lower(): r for r in benchmarks.imports()}
    to_store: list[CheckedFile] = []
    for f in found:
        sha = hashlib.sha256(f.content).hexdigest()
        earlier = current.get(f.wanted.file.lower())
        if earlier is not None and earlier.sha256 == sha:
            result.unchanged.append(f"{f.wanted.file} ({f.release})")
            continue
        csv = read_csv(f.wanted.file, f.content)
        lacking = [
            c for c in f.wanted.columns if not any(csv.has(n) for n in (c, *sources.other_names(c)))
        ]
        if lacking:
            result.missing.append(_lacks(f.wanted, f.title, f.release, lacking))
            continue
        checked = check(csv, catalogue)
        source = Source(f.release, f.published_on, f.url)
        checked = replace(checked, prepared=replace(checked.prepared, source=source))
        to_store.append(checked)
        before = _stored_rows(benchmarks, f.wanted.mappings)
        result.changes += _changes(f.wanted.file, checked, before)
        when = f", published {f.published_on:%-d %B %Y}" if f.published_on else ""
        result.imported.append(
            f"{f.wanted.file} from '{f.title}' ({f.release}{when}): {checked.prepared.summary}"
        )
    if to_store:
        store_checked(store, to_store, actor=actor)
    return result


def _stored_rows(benchmarks: BenchmarkStore, mappings: Sequence[DfeSource]) -> pd.DataFrame:
    keys = list(dict.fromkeys(series.series_key(m) for m in mappings))
    stored = benchmarks.series(keys)
    frames = [rows.assign(**{col.SERIES: key}) for key, rows in stored.items()]
    return pd.concat(frames, ignore_index=True)
