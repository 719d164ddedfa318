"""DfE's statistical-neighbour model: each council's ten most similar councils.

The model (``sn_model_2025_wide.csv``) is one row per council, keyed by its old three-digit
LA code, with its neighbours in ``SN_1`` (closest) to ``SN_10`` and how close each is in
``SN_1P`` ... ``SN_10P`` ("Extremely close" to "Not close").
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from scorecard.benchmarks import columns as col
from scorecard.benchmarks.problems import FileProblem
from scorecard.benchmarks.reading import CsvFile

NEIGHBOUR_COLUMNS = (
    col.OLD_LA_CODE,
    col.LA_NAME,
    col.REGION_NAME,
    col.POSITION,
    col.NEIGHBOUR,
    col.CLOSENESS,
)


def looks_like_model(header: Sequence[str]) -> bool:
    """A file with an ``old_la_code`` and ``SN_1`` column, and no ``time_period``."""
    return (
        col.OLD_LA_CODE in header and col.sn_column(1) in header and col.TIME_PERIOD not in header
    )


def extract(file: CsvFile) -> tuple[pd.DataFrame, list[FileProblem]]:
    """The model as one row per council and neighbour (positions 1 to 10)."""
    needed = [
        *col.SN_COLUMNS,
        *(col.sn_column(i) for i in range(1, col.SN_NEIGHBOURS + 1)),
    ]
    missing = [c for c in needed if not file.has(c)]
    if missing:
        return empty(), [
            FileProblem(
                file.name,
                "this looks like a statistical-neighbour model but has no column "
                f"{', '.join(repr(c) for c in missing)}; DfE's model has old_la_code, la_name, "
                "region_name and SN_1 to SN_10.",
            )
        ]
    frame = file.frame
    parts = []
    for position in range(1, col.SN_NEIGHBOURS + 1):
        closeness_column = col.sn_closeness_column(position)
        closeness = (
            frame[closeness_column].str.strip()
            if file.has(closeness_column)
            else pd.Series("", index=frame.index)
        )
        parts.append(
            pd.DataFrame(
                {
                    col.OLD_LA_CODE: frame[col.OLD_LA_CODE].str.strip(),
                    col.LA_NAME: frame[col.LA_NAME].str.strip(),
                    col.REGION_NAME: frame[col.REGION_NAME].str.strip(),
                    col.POSITION: position,
                    col.NEIGHBOUR: frame[col.sn_column(position)].str.strip(),
                    col.CLOSENESS: closeness,
                }
            )
        )
    model = pd.concat(parts).sort_index(kind="stable")
    model = model[model[col.NEIGHBOUR] != ""]
    problems = []
    unknown = sorted(set(model[col.NEIGHBOUR]) - set(model[col.OLD_LA_CODE]))
    if unknown:
        problems.append(
            FileProblem(
                file.name,
                f"neighbour code(s) {', '.join(unknown)} are not councils listed in the model; "
                "they are kept, but have no name.",
                blocking=False,
            )
        )
    repeated = model[model[col.POSITION] == 1][col.OLD_LA_CODE]
    twice = sorted(set(repeated[repeated.duplicated()]))
    if twice:
        problems.append(
            FileProblem(file.name, f"council code(s) {', '.join(twice)} are listed twice.")
        )
    return model.reset_index(drop=True).loc[:, list(NEIGHBOUR_COLUMNS)], problems


def neighbours_of(model: pd.DataFrame, old_la_code: str | None) -> pd.DataFrame:
    """A council's neighbours, closest first: position, old code, closeness."""
    if old_la_code is None or model.empty:
        return empty()
    rows = model[model[col.OLD_LA_CODE] == old_la_code]
    return rows.sort_values(col.POSITION).reset_index(drop=True)


def empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in NEIGHBOUR_COLUMNS})
