"""Reading DfE tidy CSVs: by column name, whatever the order, with or without a BOM.

Every cell is read as text first. A number becomes a number; a DfE symbol (``c x z k low u``)
becomes a :class:`~scorecard.symbols.Symbol`, never a number; a blank is missing.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass

import pandas as pd

from scorecard.benchmarks import columns as col
from scorecard.errors import UnreadableFile
from scorecard.symbols import Symbol, parse_symbol

# Larger than any DfE local-authority file; refused before it is parsed.
MAX_FILE_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class CsvFile:
    """A CSV as it arrived: its name, fingerprint, column names and every cell as text.

    ``frame`` keeps the file's own row order; its index is the data row number (the first
    data row is row 2, as a spreadsheet shows it, the header being row 1).
    """

    name: str
    sha256: str
    header: tuple[str, ...]
    frame: pd.DataFrame

    @property
    def rows(self) -> int:
        return len(self.frame)

    def has(self, column: str) -> bool:
        return column in self.header


def read_csv(name: str, content: bytes) -> CsvFile:
    """Parse a CSV's bytes; UnreadableFile when they are not a UTF-8 CSV at all."""
    if len(content) > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"'{name}' is {len(content) / 1024 / 1024:.0f} MB, more than any DfE "
            f"local-authority file ({MAX_FILE_BYTES // 1024 // 1024} MB at most)."
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(
            f"'{name}' is not a CSV file in UTF-8 text (is it a spreadsheet? DfE's files "
            "download as .csv)."
        ) from None
    first_line = text.split("\n", 1)[0]
    header = tuple(h.strip() for h in next(csv.reader([first_line]), []))
    if not any(header):
        raise UnreadableFile(f"'{name}' is empty: it has no header row.")
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise UnreadableFile(f"'{name}' cannot be read as a CSV file: {exc}") from None
    frame.columns = list(header)[: len(frame.columns)] + list(frame.columns[len(header) :])
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    return CsvFile(name, hashlib.sha256(content).hexdigest(), header, frame)


@dataclass(frozen=True)
class Cells:
    """A column of cells split into numbers, symbols and the cells that are neither."""

    numbers: pd.Series  # float64, NaN where there is no number
    symbols: pd.Series  # object: Symbol or None
    unreadable: pd.Series  # bool: text that is neither a number, a symbol nor blank


def split_cells(texts: pd.Series) -> Cells:
    """Numbers and DfE symbols from a column of text cells."""
    stripped = texts.astype(str).str.strip()
    numbers = pd.to_numeric(stripped, errors="coerce").astype("float64")
    symbols = pd.Series(
        [parse_symbol(t) if t else None for t in stripped], index=texts.index, dtype=object
    )
    symbols = symbols.where(numbers.isna(), None)
    blank = stripped == ""
    unreadable = numbers.isna() & symbols.isna() & ~blank
    return Cells(numbers, symbols, unreadable.astype(bool))


def symbol_or_none(value: object) -> Symbol | None:
    """The symbol in a cell of a symbol column (pandas may hold it as plain text)."""
    if isinstance(value, Symbol):
        return value
    return parse_symbol(value) if isinstance(value, str) and value else None


def prefer_final(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per place and year: where a file has several versions (Final, Revised,
    Provisional) of the same figures, the most final one."""
    if col.VERSION not in rows.columns or rows.empty:
        return rows
    order = rows[col.VERSION].str.strip().str.lower().map(col.VERSION_PREFERENCE).fillna(99)
    ranked = rows.assign(_order=order).sort_values("_order", kind="stable")
    kept = ranked.drop_duplicates(list(col.PLACE_KEY), keep="first")
    return kept.drop(columns="_order").sort_index()
