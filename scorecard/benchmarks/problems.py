"""Problems found in a file to import, each located as a person would look for it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileProblem:
    """One problem with a file: ``row`` is the line number in the CSV (the header is row 1);
    ``row`` and ``column`` are None for a problem with the whole file or column."""

    file: str
    message: str
    blocking: bool = True
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        kind = "" if self.blocking else "warning: "
        return f"{', '.join(where)}: {kind}{self.message}"


def report(problems: list[FileProblem]) -> str:
    """Every problem, blocking ones first, one per line."""
    ordered = sorted(problems, key=lambda p: not p.blocking)
    return "\n".join(f"  - {p}" for p in ordered)
