"""Importing DfE's published files: check every file, then store them all or nothing.

Which rows are kept: only those the catalogue's DfE mappings select (one row per place and
year per mapped measure), not whole files. The largest file (care leavers' activity, 20,000
rows × 14 columns) gives 1,670 rows for its two mapped measures; all 19 mappings of the
demonstration catalogue come to about 19,000 rows, where whole files would be 100,000 rows of
up to 45 columns that nothing reads. The cost: a mapping added to the catalogue later needs
its file imported again, and the benchmark page says so.

A file is matched to mappings by its name (``[measures.dfe] file`` in the catalogue). The
statistical-neighbour model is recognised by its columns, whatever its name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from scorecard.benchmarks import columns as col
from scorecard.benchmarks import neighbours, series, sources
from scorecard.benchmarks.problems import FileProblem, report
from scorecard.benchmarks.reading import CsvFile, read_csv
from scorecard.benchmarks.storage import BenchmarkStore, ImportRecord, PreparedImport
from scorecard.catalogue import Catalogue, Measure
from scorecard.errors import UnreadableFile, UploadRejected
from scorecard.storage import database
from scorecard.storage.store import Store

# The published rows the project ships (see scorecard.benchmarks.shipping).
PUBLISHED_FOLDER = database.PROJECT_ROOT / "data" / "published"
PUBLISHED_ACTOR = "Published data loader"


class BenchmarkImportRejected(UploadRejected):
    """At least one file has a blocking problem: nothing was written."""


@dataclass(frozen=True)
class CheckedFile:
    """A file read and checked against the catalogue, not yet stored."""

    prepared: PreparedImport
    problems: tuple[FileProblem, ...]
    renamed: tuple[sources.Renamed, ...] = ()

    @property
    def blocking(self) -> list[FileProblem]:
        return [p for p in self.problems if p.blocking]

    @property
    def warnings(self) -> list[FileProblem]:
        return [p for p in self.problems if not p.blocking]


@dataclass(frozen=True)
class ImportOutcome:
    records: list[ImportRecord]
    warnings: list[FileProblem]
    skipped: list[str]

    def message(self) -> str:
        lines = [
            f"Imported {r.file_name}: {r.summary}." for r in sorted(self.records, key=_by_name)
        ]
        if self.skipped:
            lines.append(
                "Not imported (no measure in the catalogue is mapped to them): "
                + ", ".join(self.skipped)
                + "."
            )
        if self.warnings:
            lines.append("Warnings:\n" + report(self.warnings))
        return "\n".join(lines) if lines else "Nothing to import."


def _by_name(record: ImportRecord) -> str:
    return record.file_name


def mapped_measures(catalogue: Catalogue) -> list[Measure]:
    """Measures with a DfE mapping, in catalogue order."""
    return [m for m in catalogue.measures if m.dfe is not None]


def mapped_files(catalogue: Catalogue) -> list[str]:
    """The file names the catalogue's mappings name, in catalogue order."""
    names: list[str] = []
    for m in mapped_measures(catalogue):
        assert m.dfe is not None
        if m.dfe.file not in names:
            names.append(m.dfe.file)
    return names


def check(file: CsvFile, catalogue: Catalogue) -> CheckedFile:
    """Read a parsed CSV as DfE statistics or as the statistical-neighbour model."""
    if neighbours.looks_like_model(file.header):
        return _check_model(file)
    missing = [c for c in col.GEOGRAPHY_COLUMNS if not file.has(c)]
    if missing:
        return _rejected(
            file,
            f"this is not a DfE local-authority statistics file: it has no column "
            f"{', '.join(repr(c) for c in missing)}. DfE's tidy CSVs (from "
            "explore-education-statistics.service.gov.uk) have time_period, "
            "time_identifier, geographic_level, region_code, region_name, old_la_code, "
            "new_la_code and la_name; the statistical-neighbour model has old_la_code and "
            "SN_1 to SN_10.",
        )
    measures = [m for m in mapped_measures(catalogue) if _names(m, file.name)]
    if not measures:
        return _rejected(
            file,
            f"no measure in the catalogue is mapped to '{file.name}'. Mapped files: "
            f"{', '.join(mapped_files(catalogue)) or 'none'}. Add a [measures.dfe] mapping "
            "to the catalogue, or rename the file if DfE renamed it.",
        )
    # DfE renames columns between releases: read the new names as the mappings' names.
    needed = [c for m in measures if m.dfe for c in series.needed_columns(m.dfe)]
    file, renamed = sources.read_renamed(file, needed)
    problems = [
        FileProblem(file.name, f"{r} (DfE renamed it)", blocking=False, column=r.found)
        for r in renamed
    ]
    parts: list[pd.DataFrame] = []
    seen: set[str] = set()
    for measure in measures:
        assert measure.dfe is not None
        key = series.series_key(measure.dfe)
        if key in seen:  # two measures with the same mapping share its rows
            continue
        seen.add(key)
        rows, found = series.extract(file, measure.dfe, measure.id)
        problems += found
        if not rows.empty:
            parts.append(rows.assign(**{col.SERIES: key, col.MEASURE_ID: measure.id}))
    kept = pd.concat(parts, ignore_index=True) if parts else _no_rows()
    ids = ", ".join(sorted({m.id for m in measures}))
    summary = f"{len(kept)} rows of {file.rows} kept, for {ids}"
    prepared = PreparedImport(
        file.name, file.sha256, col.ImportKind.STATISTICS, file.rows, kept, summary
    )
    return CheckedFile(prepared, tuple(problems), tuple(renamed))


def _names(measure: Measure, file_name: str) -> bool:
    assert measure.dfe is not None
    return measure.dfe.file.strip().lower() == file_name.strip().lower()


def _check_model(file: CsvFile) -> CheckedFile:
    model, problems = neighbours.extract(file)
    councils = model[col.OLD_LA_CODE].nunique()
    summary = f"statistical neighbours of {councils} councils"
    prepared = PreparedImport(
        file.name, file.sha256, col.ImportKind.NEIGHBOURS, file.rows, model, summary
    )
    return CheckedFile(prepared, tuple(problems))


def _rejected(file: CsvFile, message: str) -> CheckedFile:
    prepared = PreparedImport(
        file.name, file.sha256, col.ImportKind.STATISTICS, file.rows, _no_rows(), ""
    )
    return CheckedFile(prepared, (FileProblem(file.name, message),))


def _no_rows() -> pd.DataFrame:
    return pd.DataFrame(columns=[col.SERIES, col.MEASURE_ID, *col.SERIES_COLUMNS])


def check_files(files: Sequence[tuple[str, bytes]], catalogue: Catalogue) -> list[CheckedFile]:
    """Read and check each (name, content); UnreadableFile if one is not a CSV at all."""
    return [check(read_csv(name, content), catalogue) for name, content in files]


def store_checked(
    store: Store, checked: Sequence[CheckedFile], *, actor: str, at: dt.datetime | None = None
) -> list[ImportRecord]:
    """Store checked files in one transaction, or raise and store nothing."""
    blocking = [p for c in checked for p in c.blocking]
    if blocking:
        files = sorted({p.file for p in blocking})
        verb = "has a problem" if len(blocking) == 1 else "have problems"
        raise BenchmarkImportRejected(
            f"Nothing was imported: {', '.join(files)} {verb} to fix first.\n{report(blocking)}",
            blocking,
        )
    return BenchmarkStore(store.engine).replace([c.prepared for c in checked], actor=actor, at=at)


def import_files(store: Store, paths: Sequence[Path], *, actor: str) -> ImportOutcome:
    """Import DfE files (and the neighbour model) for the stored catalogue: all or nothing."""
    return import_contents(store, [(path.name, path.read_bytes()) for path in paths], actor=actor)


def import_contents(
    store: Store, contents: Sequence[tuple[str, bytes]], *, actor: str
) -> ImportOutcome:
    """The same for files uploaded through the app, as (file name, bytes)."""
    catalogue = store.catalogue()
    if not contents:
        return ImportOutcome([], [], [])
    checked = check_files(list(contents), catalogue)
    records = store_checked(store, checked, actor=actor)
    return ImportOutcome(records, [w for c in checked for w in c.warnings], [])


def files_to_import(folder: Path, catalogue: Catalogue) -> tuple[list[Path], list[str]]:
    """The CSVs in ``folder`` that a mapping names or that hold the neighbour model, and the
    names of the other CSVs (skipped)."""
    if not folder.is_dir():
        raise UnreadableFile(f"'{folder}' is not a folder.")
    wanted = {name.lower() for name in mapped_files(catalogue)}
    chosen, skipped = [], []
    for path in sorted(folder.glob("*.csv")):
        if path.name.lower() in wanted or _is_model(path):
            chosen.append(path)
        else:
            skipped.append(path.name)
    return chosen, skipped


def _is_model(path: Path) -> bool:
    with path.open("rb") as handle:
        first = handle.readline().decode("utf-8-sig", errors="replace")
    header = [h.strip().strip('"') for h in first.split(",")]
    return neighbours.looks_like_model(header)


def import_folder(store: Store, folder: Path, *, actor: str) -> ImportOutcome:
    """Import every file in ``folder`` the catalogue maps, plus the neighbour model."""
    paths, skipped = files_to_import(folder, store.catalogue())
    if not paths:
        return ImportOutcome([], [], skipped)
    outcome = import_files(store, paths, actor=actor)
    return ImportOutcome(outcome.records, outcome.warnings, skipped)


def import_published_if_present(
    store: Store, folder: Path = PUBLISHED_FOLDER, *, actor: str = PUBLISHED_ACTOR
) -> ImportOutcome | None:
    """Bootstrapping: import the published files in ``folder`` when there is such a folder and
    the database has a catalogue; None (and nothing written) otherwise."""
    if not folder.is_dir() or not store.has_catalogue():
        return None
    return import_folder(store, folder, actor=actor)
