"""Writing the scorecard's current figures out as JSON, CSV or Excel."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from scorecard.catalogue import Catalogue
from scorecard.errors import ScorecardError
from scorecard.periods import Period
from scorecard.rag import direction, rate
from scorecard.status import Histories, as_histories
from scorecard.text import without_control_characters

EXPORT_FIELDS = (
    "measure_id",
    "period",
    "breakdown",
    "value",
    "numerator",
    "denominator",
    "symbol",
    "note",
    "rag",
    "direction",
)
FORMATS = (".json", ".csv", ".xlsx")

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def observation_records(
    catalogue: Catalogue,
    observations: pd.DataFrame | Histories,
    period: Period | None = None,
    measure_ids: set[str] | None = None,
) -> list[dict[str, Any]]:
    """Every current observation with its RAG and direction against the previous period.

    ``observations`` is the current-observations frame or the :func:`scorecard.status.index`
    already built from it.
    """
    histories = as_histories(observations)  # a frame is indexed in one pass, not per breakdown
    records: list[dict[str, Any]] = []
    for measure in catalogue.measures:
        if measure_ids is not None and measure.id not in measure_ids:
            continue
        breakdowns = [b for (m, b) in histories if m == measure.id]
        for breakdown in sorted(breakdowns, key=_breakdown_order(measure.all_breakdowns)):
            history = histories[(measure.id, breakdown)]
            by_period = {r.period: r for r in history}
            for reading in history:
                if period is not None and reading.period != period:
                    continue
                before = by_period.get(reading.period.previous())
                change = direction(
                    measure,
                    (reading.period, reading.value),
                    (before.period, before.value) if before else None,
                )
                records.append(
                    {
                        "measure_id": measure.id,
                        "period": reading.period.label,
                        "breakdown": breakdown,
                        "value": reading.value,
                        "numerator": reading.numerator,
                        "denominator": reading.denominator,
                        "symbol": reading.symbol.value if reading.symbol else None,
                        "note": reading.note,
                        "rag": rate(measure, reading.value).value,
                        "direction": change.value,
                    }
                )
    return records


def _breakdown_order(order: tuple[str, ...]) -> Any:
    return lambda b: (order.index(b) if b in order else len(order), b)


def _cell_text(value: Any) -> Any:
    return without_control_characters(value) if isinstance(value, str) else value


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def as_bytes(suffix: str, catalogue: Catalogue, records: list[dict[str, Any]]) -> bytes:
    """The records as a .json, .csv or .xlsx file's bytes (for downloads and the CLI)."""
    suffix = suffix.lower()
    if suffix == ".json":
        document = {"authority": catalogue.authority.name, "observations": records}
        return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
        writer.writerows({k: safe_cell(v) for k, v in r.items()} for r in records)
        # A byte-order mark, so that Excel opens accented names and £ signs correctly.
        return buffer.getvalue().encode("utf-8-sig")
    if suffix == ".xlsx":
        return _xlsx_bytes(records)
    raise ScorecardError(f"Cannot export to '{suffix}': use {', '.join(FORMATS)}.")


def measure_file(
    suffix: str, catalogue: Catalogue, observations: pd.DataFrame | Histories, measure_id: str
) -> bytes:
    """One measure's figures (every breakdown) as a .csv or .xlsx download."""
    records = observation_records(catalogue, observations, measure_ids={measure_id})
    return as_bytes(suffix, catalogue, records)


def write(path: Path, catalogue: Catalogue, records: list[dict[str, Any]]) -> None:
    path.write_bytes(as_bytes(path.suffix, catalogue, records))


def _xlsx_bytes(records: list[dict[str, Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Scorecard"
    sheet.append(list(EXPORT_FIELDS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in records:
        sheet.append([_cell_text(record[f]) for f in EXPORT_FIELDS])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                # Stored as a plain string cell, so '=SUM(...)' in a note stays text.
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
