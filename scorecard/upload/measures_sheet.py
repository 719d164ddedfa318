"""The Measures sheet: optional in an upload; when present and valid it updates the catalogue.

Each row is a measure. A column left out of the sheet keeps what the catalogue says (so an
older template without ``why_it_matters`` still works); a cell left blank in an optional column
(target, tolerance, breakdowns) means "none". A measure the sheet leaves out is kept as it is:
deleting a row never deletes a measure (its history must stay readable), and an administrator
removes measures with ``load-catalogue``. A new id adds a measure, which needs every column.

Problems are reported cell by cell, like those of the Data sheet; figures in the same upload
are checked against the catalogue as the sheet leaves it, so a new measure can arrive with its
first figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import ValidationError

from scorecard.catalogue import Catalogue, Frequency, Measure, Polarity, Unit, YearType
from scorecard.formatting import value_text
from scorecard.upload.cells import as_percent, number_text, read_number, shown, whole_number
from scorecard.upload.columns import Columns, Place, Report, locate
from scorecard.upload.issues import MEASURES_COLUMNS, MEASURES_SHEET, normalise_header
from scorecard.upload.reader import Cell, SheetRow, UploadSheet

ID = "id"
_TEXT = ("name", "definition", "why_it_matters", "source")
_COMPARED = (
    "name",
    "priority",
    "unit",
    "polarity",
    "decimals",
    "target",
    "tolerance",
    "frequency",
    "year_type",
    "breakdowns",
    "definition",
    "why_it_matters",
    "source",
)
_FREQUENCIES = {
    "quarterly": (Frequency.QUARTERLY, None),
    "annual": (Frequency.ANNUAL, None),
    "annual financial year": (Frequency.ANNUAL, YearType.FINANCIAL),
    "annual academic year": (Frequency.ANNUAL, YearType.ACADEMIC),
}


@dataclass(frozen=True)
class MeasureChange:
    """One difference the sheet makes: a field of a measure, or a whole new measure."""

    measure_id: str
    field: str  # "" for a new measure
    before: str
    after: str

    def __str__(self) -> str:
        if not self.field:
            return f"new measure {self.measure_id}: {self.after}"
        return f"{self.measure_id} {self.field}: {self.before} → {self.after}"


@dataclass(frozen=True)
class CatalogueUpdate:
    """The catalogue as the Measures sheet leaves it, and what that changes."""

    catalogue: Catalogue
    measures: tuple[Measure, ...]  # the new and changed measures, to be stored
    changes: tuple[MeasureChange, ...]


# What is said of a Measures sheet that is neither the template's list nor a sheet of figures.
NOT_A_LIST_OF_MEASURES = (
    "no 'id' column, so it is not the template's list of measures, and no figures laid out as "
    "a scorecard; not read (the catalogue is unchanged)"
)


def is_list_of_measures(sheet: UploadSheet) -> bool:
    """Whether the sheet is the template's list of measures (it has an ``id`` column); an
    officer's own scorecard may be on a sheet called Measures too."""
    return ID in {normalise_header(h) for h in sheet.header if isinstance(h, str)}


def read_measures(
    sheet: UploadSheet, catalogue: Catalogue, report: Report
) -> CatalogueUpdate | None:
    """The catalogue update the sheet (a list of measures) asks for; None when it changes
    nothing or has problems (which are reported)."""
    columns = locate(sheet, MEASURES_COLUMNS, (ID,), report)
    if columns is None:
        return None
    before = report.blocking_count
    stored = {m.id: m for m in catalogue.measures}
    read: dict[tuple[Any, ...], Any] = {}  # each distinct cell of a column read once
    given: dict[str, Measure] = {}
    first_row: dict[str, int] = {}
    for row in sheet.rows:
        if report.stops_here():
            break
        if columns.row_is_blank(row, MEASURES_COLUMNS):
            continue
        place = Place(report, sheet.name, row.number)
        measure = _measure(row, columns, catalogue, stored, place, read)
        if measure is None:
            continue
        if measure.id in first_row:
            place.block(
                ID,
                measure.id,
                f"rows {first_row[measure.id]} and {row.number} both describe {measure.id}; "
                "keep one of the two",
            )
            continue
        first_row[measure.id] = row.number
        given[measure.id] = measure
    if report.blocking_count != before:
        return None
    changes = tuple(c for m in given.values() for c in _changes(stored.get(m.id), m))
    if not changes:
        return None  # every measure as stored: the catalogue is as it was, so still valid
    merged = [given.get(m.id, m) for m in catalogue.measures]
    merged += [m for i, m in given.items() if i not in stored]
    try:
        updated = Catalogue.model_validate(catalogue.model_dump() | {"measures": merged})
    except ValidationError as exc:
        for error in exc.errors():
            report.block(sheet.name, None, None, "", _reason(error))
        return None
    changed = {c.measure_id for c in changes}
    return CatalogueUpdate(
        catalogue=updated,
        measures=tuple(m for m in updated.measures if m.id in changed),
        changes=changes,
    )


def _measure(
    row: SheetRow,
    columns: Columns,
    catalogue: Catalogue,
    stored: dict[str, Measure],
    place: Place,
    read: dict[tuple[Any, ...], Any],
) -> Measure | None:
    raw = shown(columns.cell(row, ID))
    if not raw:
        place.block(ID, "", "the id is blank; give the measure's id, or delete the row")
        return None
    measure_id = raw.upper()
    existing = stored.get(measure_id)
    data: dict[str, Any] = existing.model_dump() if existing else {}
    as_stored = dict(data)
    data["id"] = measure_id
    before = place.report.blocking_count
    for name in MEASURES_COLUMNS:
        if name == ID or name not in columns.index:
            continue
        cell, percent = columns.cell(row, name), columns.is_percent(row, name)
        # A list of measures repeats a few units, polarities, frequencies and sources in
        # every row: each is read once. (What a reader reads of the measure so far, its unit
        # and year, is part of what it is read for.)
        key = (name, cell.__class__, cell, percent, data.get("unit"), data.get("year_type"))
        found = read.get(key)
        if found is None:
            found = read[key] = _READERS[name](cell, percent, catalogue, data)
        if isinstance(found, _Problem):
            place.block(name, shown(columns.cell(row, name)), found.message)
        else:
            data.update(found)
    if place.report.blocking_count != before:
        return None
    if existing is not None and data == as_stored:
        return existing  # every cell as stored (the usual row): nothing to check again
    try:
        return Measure.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else None
            column = field if field in columns.index else None
            if field == "id":
                column = ID
            found = shown(columns.cell(row, column)) if column else ""
            place.block(column, found, _reason(error, new=existing is None))
        return None


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[_\-,.()]+", " ", text.lower()).split())


@dataclass(frozen=True)
class _Problem:
    message: str


def _text_reader(field: str) -> Any:
    def read(cell: Cell, _percent: bool, _catalogue: Catalogue, _data: dict[str, Any]) -> Any:
        value = shown(cell)
        if not value:
            return _Problem(f"the {field.replace('_', ' ')} is blank; fill it in")
        return {field: value}

    return read


def _priority(cell: Cell, _percent: bool, catalogue: Catalogue, _data: dict[str, Any]) -> Any:
    numbers = [p.number for p in catalogue.ordered_priorities()]
    number = whole_number(cell) if cell is not None else None
    if number not in numbers:
        allowed = ", ".join(str(n) for n in numbers)
        return _Problem(f"'{shown(cell)}' is not a priority of the strategy; use one of {allowed}")
    return {"priority": number}


def _choice(field: str, options: type[Unit] | type[Polarity]) -> Any:
    allowed = {_plain(o.value): o for o in options}

    def read(cell: Cell, _percent: bool, _catalogue: Catalogue, _data: dict[str, Any]) -> Any:
        found = allowed.get(_plain(shown(cell)))
        if found is None:
            listing = ", ".join(o.value for o in options)
            return _Problem(f"'{shown(cell)}' is not a {field}; use one of {listing}")
        return {field: found}

    return read


def _decimals(cell: Cell, _percent: bool, _catalogue: Catalogue, _data: dict[str, Any]) -> Any:
    number = whole_number(cell) if cell is not None else 0
    if number is None or not 0 <= number <= 3:
        return _Problem(f"'{shown(cell)}' is not a number of decimal places; use 0, 1, 2 or 3")
    return {"decimals": number}


def _number(field: str) -> Any:
    def read(cell: Cell, percent: bool, _catalogue: Catalogue, data: dict[str, Any]) -> Any:
        parsed = read_number(cell, allow_symbol=False)
        if parsed.problem:
            return _Problem(f"'{shown(cell)}' is not a number; type a number, or leave it blank")
        number = parsed.number
        if number is not None and percent and data.get("unit") == Unit.PERCENT:
            number = as_percent(number)
        return {field: number}

    return read


def _frequency(cell: Cell, _percent: bool, _catalogue: Catalogue, data: dict[str, Any]) -> Any:
    found = _FREQUENCIES.get(_plain(shown(cell)))
    if found is None:
        return _Problem(
            f"'{shown(cell)}' is not a frequency; use quarterly, annual (financial year) or "
            "annual (academic year)"
        )
    frequency, year_type = found
    return {"frequency": frequency, "year_type": year_type or data.get("year_type", "financial")}


def _breakdowns(cell: Cell, _percent: bool, _catalogue: Catalogue, _data: dict[str, Any]) -> Any:
    listed = [b.strip() for b in re.split(r"[,;\n]", shown(cell)) if b.strip()]
    return {"breakdowns": tuple(listed)}


_READERS: dict[str, Any] = {
    "priority": _priority,
    "unit": _choice("unit", Unit),
    "polarity": _choice("polarity", Polarity),
    "decimals": _decimals,
    "target": _number("target"),
    "tolerance": _number("tolerance"),
    "frequency": _frequency,
    "breakdowns": _breakdowns,
    **{field: _text_reader(field) for field in _TEXT},
}


def _reason(error: Any, *, new: bool = False) -> str:
    field = ".".join(str(p) for p in error["loc"])
    if error["type"] == "missing":
        return (
            f"a new measure needs its {field.replace('_', ' ')}; add a '{field}' column to the "
            f"{MEASURES_SHEET} sheet and fill it in"
            if new
            else f"the {field} is missing; fill it in"
        )
    if error["type"] == "string_pattern_mismatch":
        return (
            "an id is capital letters, digits and _ (2 to 40 characters, starting with a "
            "letter), e.g. PEP_TIMELY"
        )
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{field}: {message}" if field else message


def _changes(before: Measure | None, after: Measure) -> list[MeasureChange]:
    if before is None:
        return [MeasureChange(after.id, "", "", f"{after.name} (priority {after.priority})")]
    changes = []
    for field in _COMPARED:
        old, new = getattr(before, field), getattr(after, field)
        if old != new:
            changes.append(
                MeasureChange(after.id, field, _shown(before, field), _shown(after, field))
            )
    return changes


def _shown(measure: Measure, field: str) -> str:
    value = getattr(measure, field)
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return ", ".join(value) or "none"
    if field == "target":
        return value_text(measure, value)
    if isinstance(value, float):
        return number_text(value)
    return str(value.value if isinstance(value, Enum) else value)
