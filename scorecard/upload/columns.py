"""Finding a sheet's columns by their headers, and collecting issues as they are found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from openpyxl.utils import get_column_letter

from scorecard.upload.cells import is_blank, shown
from scorecard.upload.issues import REFERENCE_MARK, Ignored, Issue, Severity, normalise_header
from scorecard.upload.reader import Cell, SheetRow, UploadSheet

# After this many problems (or parts not read) an upload is clearly not ready: the check
# stops listing them, which keeps a hostile file of 100,000 bad rows from costing gigabytes.
MAX_LISTED = 1000


@dataclass
class Report:
    """Every issue and every ignored part of the upload, in the order they were found, up to
    :data:`MAX_LISTED` of each; readers stop reading rows once :attr:`is_full`."""

    issues: list[Issue] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    # Counted as issues arrive: rules compare it before and after a row, on every row.
    blocking_count: int = 0
    is_full: bool = False
    not_listed: int = 0  # parts not read beyond MAX_LISTED
    _stopped: bool = False
    _first_unlisted: tuple[str, int | None] = ("", None)

    def block(
        self, sheet: str, row: int | None, column: str | None, value: str, message: str
    ) -> None:
        self.blocking_count += 1
        self._add(Issue(sheet, row, column, value, message, Severity.BLOCKING))

    def warn(
        self, sheet: str, row: int | None, column: str | None, value: str, message: str
    ) -> None:
        self._add(Issue(sheet, row, column, value, message, Severity.WARNING))

    def _add(self, issue: Issue) -> None:
        if len(self.issues) < MAX_LISTED:
            self.issues.append(issue)
        elif not self.is_full:
            self.is_full = True
            self._first_unlisted = (issue.sheet, issue.row)

    def stops_here(self) -> bool:
        """True when the list of problems is full, so reading stops; the first time, a last
        problem says where the check stopped (at the first problem not listed)."""
        if not self.is_full:
            return False
        if not self._stopped:
            self._stopped = True
            self._stop(*self._first_unlisted)
        return True

    def _stop(self, sheet: str, row: int | None) -> None:
        self.issues.append(
            Issue(
                sheet,
                row,
                None,
                "",
                f"the check stopped here after {MAX_LISTED:,} problems; correct those listed "
                "(the same mistake is often repeated down a column) and upload the file again "
                "to check the rest",
                Severity.BLOCKING,
            )
        )
        self.blocking_count += 1

    def ignore(
        self, sheet: str, row: int | None, column: str | None, value: str, reason: str
    ) -> None:
        if len(self.ignored) < MAX_LISTED:
            self.ignored.append(Ignored(sheet, row, column, value, reason))
        else:
            self.not_listed += 1


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
    width = max(len(sheet.header), len(sheet.columns))
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
                "it is there for reference only"
                if REFERENCE_MARK in str(header)
                else "it is not one of the columns " + ", ".join(expected)
            )
            report.ignore(
                sheet.name, None, letter, shown(header), f"'{shown(header)}': {why}; not read"
            )
        else:
            cells = sheet.columns[position] if position < len(sheet.columns) else ()
            filled = sum(1 for c in cells if not is_blank(c))
            if filled:
                report.ignore(
                    sheet.name,
                    None,
                    letter,
                    "",
                    f"no heading; its {filled} value(s) were not read",
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


class Place(NamedTuple):
    """One row of one sheet, so a rule can report a problem without repeating where it is."""

    report: Report
    sheet: str
    row: int

    def block(self, column: str | None, value: str, message: str) -> None:
        self.report.block(self.sheet, self.row, column, value, message)

    def warn(self, column: str | None, value: str, message: str) -> None:
        self.report.warn(self.sheet, self.row, column, value, message)
