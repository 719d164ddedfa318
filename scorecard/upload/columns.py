"""Finding a sheet's columns by their headers, and collecting issues as they are found."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from scorecard.upload.cells import is_blank, shown
from scorecard.upload.issues import REFERENCE_MARK, Issue, Severity, normalise_header
from scorecard.upload.reader import Cell, SheetRow, UploadSheet


@dataclass
class Report:
    """Every issue and every ignored part of the upload, in the order they were found."""

    issues: list[Issue] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    # Counted as issues arrive: rules compare it before and after a row, on every row.
    blocking_count: int = 0

    def block(
        self, sheet: str, row: int | None, column: str | None, value: str, message: str
    ) -> None:
        self.issues.append(Issue(sheet, row, column, value, message, Severity.BLOCKING))
        self.blocking_count += 1

    def warn(
        self, sheet: str, row: int | None, column: str | None, value: str, message: str
    ) -> None:
        self.issues.append(Issue(sheet, row, column, value, message, Severity.WARNING))


@dataclass(frozen=True)
class Columns:
    """Where each known column of a sheet is (0-based), for reading one row at a time."""

    sheet: UploadSheet
    index: dict[str, int]

    def cell(self, row: SheetRow, name: str) -> Cell:
        position = self.index.get(name)
        return None if position is None else row.get(position)

    def is_percent(self, row: SheetRow, name: str) -> bool:
        position = self.index.get(name)
        return position is not None and self.sheet.is_percent(row.number, position)

    def row_is_blank(self, row: SheetRow, names: tuple[str, ...]) -> bool:
        return all(is_blank(self.cell(row, n)) for n in names)


def locate(
    sheet: UploadSheet, expected: tuple[str, ...], required: tuple[str, ...], report: Report
) -> Columns | None:
    """Map the sheet's headers to ``expected`` columns; None if a required one is missing.

    Other columns are reported as ignored (never silently dropped); a column that appears
    twice is a blocking problem, since either copy could be the one the officer meant.
    """
    index: dict[str, int] = {}
    width = max([len(sheet.header), *(len(r.cells) for r in sheet.rows)], default=0)
    for position in range(width):
        header = sheet.header[position] if position < len(sheet.header) else None
        name = normalise_header(header) if not is_blank(header) else ""
        letter = get_column_letter(position + 1)
        if name in expected:
            if name in index:
                first = get_column_letter(index[name] + 1)
                report.block(
                    sheet.name,
                    sheet.header_row,
                    name,
                    shown(header),
                    f"the column '{name}' appears twice (columns {first} and {letter}); "
                    "delete one of them",
                )
            else:
                index[name] = position
        elif name:
            why = (
                "is there for reference only"
                if REFERENCE_MARK in str(header)
                else "is not one of the columns " + ", ".join(expected)
            )
            report.ignored.append(
                f"{sheet.name} sheet, column {letter} '{shown(header)}' {why}; it was not read."
            )
        else:
            filled = sum(1 for r in sheet.rows if not is_blank(r.get(position)))
            if filled:
                report.ignored.append(
                    f"{sheet.name} sheet, column {letter} has no heading; its {filled} "
                    f"value(s) were not read."
                )
    missing = [c for c in required if c not in index]
    if missing:
        found = [shown(h) for h in sheet.header if not is_blank(h)]
        listing = ", ".join(f"'{f}'" for f in found) if found else "none"
        for name in missing:
            report.block(
                sheet.name,
                sheet.header_row or None,
                name,
                "",
                f"the {sheet.name} sheet has no '{name}' column (its columns are {listing}); "
                f"the first row must have the headings {' | '.join(expected)}",
            )
        return None
    return Columns(sheet=sheet, index=index)


@dataclass(frozen=True)
class Place:
    """One row of one sheet, so a rule can report a problem without repeating where it is."""

    report: Report
    sheet: str
    row: int

    def block(self, column: str | None, value: str, message: str) -> None:
        self.report.block(self.sheet, self.row, column, value, message)

    def warn(self, column: str | None, value: str, message: str) -> None:
        self.report.warn(self.sheet, self.row, column, value, message)
