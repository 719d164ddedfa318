"""From a DfE file to the series one catalogue measure is benchmarked against.

A measure's DfE mapping (:class:`~scorecard.catalogue.DfeSource`) names the file, the filter
values that pick its rows, and the value, numerator and denominator columns. Applying it to a
file gives a *series*: one row per place (England, each region, each council) and year.
"""

from __future__ import annotations

import hashlib
import json

import pandas as pd

from scorecard.benchmarks import columns as col
from scorecard.benchmarks.problems import FileProblem
from scorecard.benchmarks.reading import CsvFile, prefer_final, split_cells
from scorecard.benchmarks.years import parse_dfe_year
from scorecard.catalogue import DfeSource
from scorecard.errors import PeriodError

_SHOWN = 5  # rows quoted in a message before "and N more"


def series_key(source: DfeSource) -> str:
    """A fingerprint of the mapping. Stored figures are looked up by it, so a mapping that is
    changed in the catalogue never shows figures selected by its old filters."""
    canonical = json.dumps(
        [
            source.file.strip().lower(),
            sorted(source.filters.items()),
            source.value_column,
            source.numerator_column,
            source.denominator_column,
        ]
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def needed_columns(source: DfeSource) -> list[str]:
    wanted = [*source.filters, source.value_column]
    wanted += [c for c in (source.numerator_column, source.denominator_column) if c]
    return wanted


def missing_columns(file: CsvFile, source: DfeSource) -> list[str]:
    return [c for c in [*col.GEOGRAPHY_COLUMNS, *needed_columns(source)] if not file.has(c)]


def extract(
    file: CsvFile, source: DfeSource, measure_id: str
) -> tuple[pd.DataFrame, list[FileProblem]]:
    """The rows ``source`` selects from ``file``, as a series, with any problems found.

    Blocking problems: a column the mapping needs is missing; a year that cannot be read;
    the filters leave more than one row for a place and year (the mapping needs another
    filter). Warnings: the filters select nothing; a value is neither a number nor a symbol.
    """
    missing = missing_columns(file, source)
    if missing:
        return _empty(), [
            FileProblem(
                file.name,
                f"there is no column {', '.join(repr(c) for c in missing)}, which measure "
                f"{measure_id} needs (see its [measures.dfe] mapping in the catalogue). "
                f"The file's columns are: {', '.join(file.header)}.",
            )
        ]
    rows = file.frame
    for column, wanted in source.filters.items():
        selected = rows[rows[column].str.strip() == wanted.strip()]
        if selected.empty:
            found = ", ".join(repr(v) for v in sorted(rows[column].unique())[:12])
            return _empty(), [
                FileProblem(
                    file.name,
                    f"no row has {column} = {wanted!r}, so measure {measure_id} gets no "
                    f"figures from this file. Values found: {found}.",
                    blocking=False,
                    column=column,
                )
            ]
        rows = selected
    rows = rows[rows[col.GEOGRAPHIC_LEVEL].str.strip().isin([lvl.value for lvl in col.Level])]
    problems = _unreadable_years(file.name, rows)
    if problems:
        return _empty(), problems
    rows = prefer_final(rows)
    problems = _ambiguous(file.name, rows, source, measure_id)
    if problems:
        return _empty(), problems
    series, problems = _as_series(file.name, rows, source)
    return series, problems


def _unreadable_years(file_name: str, rows: pd.DataFrame) -> list[FileProblem]:
    pairs = rows[[col.TIME_PERIOD, col.TIME_IDENTIFIER]].drop_duplicates()
    problems = []
    for row, (period, identifier) in zip(pairs.index, pairs.itertuples(index=False), strict=True):
        try:
            parse_dfe_year(period, identifier)
        except PeriodError as exc:
            problems.append(FileProblem(file_name, str(exc), row=int(row), column=col.TIME_PERIOD))
    return problems


def _ambiguous(
    file_name: str, rows: pd.DataFrame, source: DfeSource, measure_id: str
) -> list[FileProblem]:
    repeated = rows[rows.duplicated(list(col.PLACE_KEY), keep=False)]
    if repeated.empty:
        return []
    used = {*col.GEOGRAPHY_COLUMNS, *needed_columns(source), col.VERSION}
    varying = [
        c
        for c in repeated.columns
        if c not in used and repeated.groupby(list(col.PLACE_KEY))[c].nunique().max() > 1
    ]
    first = repeated.iloc[0]
    place = first[col.LA_NAME] or first[col.REGION_NAME] or first[col.GEOGRAPHIC_LEVEL]
    hint = (
        f" Add a filter on {' or '.join(repr(c) for c in varying)} to the mapping."
        if varying
        else ""
    )
    return [
        FileProblem(
            file_name,
            f"measure {measure_id}'s filters leave {len(repeated)} rows that share a place and "
            f"year (e.g. {place}, {first[col.TIME_PERIOD]}), so its figure is ambiguous.{hint}",
            row=int(repeated.index[0]),
        )
    ]


def _as_series(
    file_name: str, rows: pd.DataFrame, source: DfeSource
) -> tuple[pd.DataFrame, list[FileProblem]]:
    problems: list[FileProblem] = []
    value = split_cells(rows[source.value_column])
    parts = {col.VALUE: value.numbers, col.SYMBOL: value.symbols}
    checked = [(source.value_column, value)]
    for name, column in (
        (col.NUMERATOR, source.numerator_column),
        (col.DENOMINATOR, source.denominator_column),
    ):
        if column:
            cells = split_cells(rows[column])
            parts[name] = cells.numbers
            checked.append((column, cells))
        else:
            parts[name] = pd.Series(float("nan"), index=rows.index, dtype="float64")
    for column, cells in checked:
        bad = cells.unreadable[cells.unreadable].index
        if len(bad):
            sample = ", ".join(f"row {r} {rows.at[r, column]!r}" for r in bad[:_SHOWN])
            more = f" and {len(bad) - _SHOWN} more" if len(bad) > _SHOWN else ""
            problems.append(
                FileProblem(
                    file_name,
                    f"{len(bad)} cell(s) are neither a number nor a DfE symbol (c, x, z, k, "
                    f"low, u), and are kept as missing: {sample}{more}.",
                    blocking=False,
                    column=column,
                )
            )
    geography = {c: rows[c].str.strip() for c in col.GEOGRAPHY_COLUMNS}
    version = rows[col.VERSION].str.strip() if col.VERSION in rows.columns else None
    series = pd.DataFrame(
        {**geography, **parts, col.VERSION: version if version is not None else ""},
        index=rows.index,
    )
    return series.loc[:, list(col.SERIES_COLUMNS)], problems


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in col.SERIES_COLUMNS})
