"""The published figures the project ships (``data/published/``), cut from DfE's full files.

A fresh copy of the scorecard compares with England, its region and its statistical
neighbours from its first page, without DfE's full files beside it: the project carries the
rows the catalogue's DfE mappings select (every year, England, every region, every council)
and only the columns those mappings read, plus the statistical-neighbour model. The files
keep DfE's own names, column names and cell text, so ``benchmarks import`` reads them as it
reads the full files and selects exactly the same figures.

``python -m scorecard benchmarks ship-from DIR`` cuts them again from a new release, and
writes the README with the licence and each source file's SHA-256.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from scorecard.benchmarks import columns as col
from scorecard.benchmarks import neighbours
from scorecard.benchmarks.importing import PUBLISHED_FOLDER, mapped_measures
from scorecard.benchmarks.reading import CsvFile, read_csv
from scorecard.catalogue import Catalogue, DfeSource
from scorecard.errors import UnreadableFile

MODEL_FILE = "sn_model_2025_wide.csv"

LICENCE = """\
Contains public sector information licensed under the Open Government Licence v3.0
(<https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/>).
Source: Department for Education, "Children looked after in England including adoptions",
"Children in need", "Key stage 2 attainment", "Key stage 4 performance", "Pupil absence in
schools in England" and the children's services statistical neighbour benchmarking tool,
published on Explore Education Statistics
(<https://explore-education-statistics.service.gov.uk>)."""


@dataclass(frozen=True)
class ShippedFile:
    """One file written: where its rows came from and how much of it was kept."""

    name: str
    source_sha256: str
    source_rows: int
    rows: int
    columns: int
    sha256: str  # of the file as shipped


def _model_columns(file: CsvFile) -> list[str]:
    wanted = {*col.SN_COLUMNS}
    for position in range(1, col.SN_NEIGHBOURS + 1):
        wanted |= {col.sn_column(position), col.sn_closeness_column(position)}
    return [c for c in file.header if c in wanted]


def _selected(file: CsvFile, source: DfeSource) -> pd.Series:
    """The rows one mapping reads: its filters, at the levels the scorecard keeps."""
    frame = file.frame
    mask = frame[col.GEOGRAPHIC_LEVEL].str.strip().isin([lvl.value for lvl in col.Level])
    for column, wanted in source.filters.items():
        if column in frame.columns:
            mask &= frame[column].str.strip() == wanted.strip()
    return mask


def cut(file: CsvFile, sources: list[DfeSource]) -> pd.DataFrame:
    """The rows and columns of ``file`` that ``sources`` read (every version of each row,
    so the importer's own choice of the final one is unchanged), in the file's order."""
    wanted = {*col.GEOGRAPHY_COLUMNS, col.VERSION}
    mask = pd.Series(False, index=file.frame.index)
    for source in sources:
        wanted |= {*source.filters, source.value_column}
        wanted |= {c for c in (source.numerator_column, source.denominator_column) if c}
        mask |= _selected(file, source)
    kept = [c for c in file.header if c in wanted]
    return file.frame.loc[mask, kept]


def ship(source: Path, catalogue: Catalogue, to: Path = PUBLISHED_FOLDER) -> list[ShippedFile]:
    """Cut every file the catalogue maps, and the neighbour model, from the full files in
    ``source`` into ``to``, with its README. UnreadableFile names any file that is missing."""
    by_file: dict[str, list[DfeSource]] = {}
    for measure in mapped_measures(catalogue):
        assert measure.dfe is not None
        by_file.setdefault(measure.dfe.file, []).append(measure.dfe)
    names = [*by_file, MODEL_FILE]
    missing = [n for n in names if not (source / n).is_file()]
    if missing:
        raise UnreadableFile(
            f"'{source}' does not hold {', '.join(missing)}, which the catalogue's DfE mappings "
            "(or the statistical-neighbour model) need. Download them from "
            "explore-education-statistics.service.gov.uk into that folder."
        )
    to.mkdir(parents=True, exist_ok=True)
    shipped = []
    for name in names:
        file = read_csv(name, (source / name).read_bytes())
        if name == MODEL_FILE:
            if not neighbours.looks_like_model(file.header):
                raise UnreadableFile(f"'{name}' is not DfE's statistical-neighbour model.")
            rows = file.frame.loc[:, _model_columns(file)]
        else:
            rows = cut(file, by_file[name])
        content = rows.to_csv(index=False, lineterminator="\n").encode("utf-8")
        (to / name).write_bytes(content)
        shipped.append(
            ShippedFile(
                name,
                file.sha256,
                file.rows,
                len(rows),
                rows.shape[1],
                hashlib.sha256(content).hexdigest(),
            )
        )
    (to / "README.md").write_text(readme(shipped), encoding="utf-8")
    return shipped


def readme(shipped: list[ShippedFile]) -> str:
    """The README beside the shipped files: what they are, their licence, their sources."""
    table = "\n".join(
        f"| {f.name} | {f.source_sha256} | {f.rows:,} of {f.source_rows:,} | {f.columns} |"
        for f in shipped
    )
    return f"""\
# Published figures shipped with the scorecard

The rows of DfE's published local-authority statistics that the catalogue's DfE mappings
select (every year, England, every region, every council), with only the columns they read,
and DfE's statistical-neighbour model. They are imported on the first start of the app and by
`python -m scorecard init-demo`, so a fresh copy compares from its first page. Cell text is
DfE's own, unchanged.

{LICENCE}

Cut from these files, as downloaded (SHA-256 of the full file):

| file | SHA-256 of DfE's file | rows shipped | columns shipped |
|---|---|---|---|
{table}

To ship a new release, put DfE's full files in a folder and run
`python -m scorecard benchmarks ship-from FOLDER` (it cuts them for `data/catalogue.toml`
and rewrites this README); a newer file can also be imported into a running scorecard with
`python -m scorecard benchmarks import FILE`.
"""
