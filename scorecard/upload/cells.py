"""Reading one cell the way an officer meant it: a number, a symbol, a date, or plain text."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from scorecard.errors import PeriodError
from scorecard.formatting import short_date
from scorecard.periods import Period, PeriodKind, configured_earliest_year, parse_period
from scorecard.symbols import Symbol, parse_symbol
from scorecard.upload.reader import Cell

# "-" (and the dashes Word and Excel substitute for it) is how officers write "no value".
NO_VALUE_MARKS = frozenset({"-", "–", "—"})
SYMBOL_HINT = "c (suppressed), x (not available), z (not applicable), k (rounds to zero) or u"
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?$")
_EXCEL_ERROR = re.compile(
    r"^#(?:DIV/0!|N/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA)$"
)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d %B %Y", "%d %b %Y")


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def shown(cell: Cell, *, percent: bool = False) -> str:
    """The cell as the officer sees it, for quoting back in a message."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, int | float):
        return f"{number_text(cell * 100 if percent else cell)}{'%' if percent else ''}"
    if isinstance(cell, dt.datetime) and cell.time() == dt.time(0):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, dt.datetime):
        return cell.strftime("%d/%m/%Y %H:%M")
    if isinstance(cell, dt.date):
        return cell.strftime("%d/%m/%Y")
    return str(cell).strip()


def number_text(number: float) -> str:
    """12.0 as "12", 0.45 as "0.45": a number without float noise."""
    try:
        number = float(number)
    except OverflowError:  # a whole number beyond any float
        return "a number too large to show"
    if not math.isfinite(number):
        return "NaN" if math.isnan(number) else f"{number}"  # inf, -inf: as Python reads them
    if abs(number) >= 1e15:
        return f"{number:.6g}"  # beyond any figure's bounds: digits past these mean nothing
    rounded = round(float(number), 9)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:.9f}".rstrip("0")


def text(cell: Cell) -> str:
    """Free text, kept as plain text (it is never interpreted as HTML or a formula).

    Control characters other than tab and line breaks are dropped: they are invisible, and a
    spreadsheet library refuses to write them, so one stored note would break every export.
    """
    return _CONTROL.sub("", shown(cell))


@dataclass(frozen=True)
class NumberCell:
    """What a number cell holds. ``problem`` is set when it holds something else."""

    number: float | None = None
    symbol: Symbol | None = None
    no_value: bool = False  # "-": deliberately no value
    percent_sign: bool = False  # typed as "45%"
    problem: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.number is None and self.symbol is None and self.problem is None


def read_number(cell: Cell, *, allow_symbol: bool = True) -> NumberCell:
    if is_blank(cell):
        return NumberCell()
    if isinstance(cell, bool):
        return NumberCell(problem=f"'{shown(cell)}' is not a number; type a number")
    if isinstance(cell, int | float):
        try:
            number = float(cell)
        except OverflowError:  # a whole number too large for a float
            number = math.inf
        if math.isfinite(number):
            return NumberCell(number=number + 0.0)  # -0 is 0: never "-0 children"
        return NumberCell(
            problem=f"'{shown(cell)}' is not a number that can be stored (Excel shows such a "
            "cell as #NUM!); type the figure itself"
        )
    if isinstance(cell, dt.date | dt.time | dt.timedelta):
        return NumberCell(
            problem=f"'{shown(cell)}' is a date where a number belongs; format the cell as a "
            "number and type the figure"
        )
    raw = str(cell).strip()
    if raw in NO_VALUE_MARKS:
        return NumberCell(no_value=True)
    symbol = parse_symbol(raw)
    if symbol is not None and allow_symbol:
        return NumberCell(symbol=symbol)
    if _EXCEL_ERROR.match(raw.upper()):
        return NumberCell(
            problem=f"'{raw}' is an Excel error; correct the formula or type the figure"
        )
    body = raw.replace("£", "").replace(" ", "")
    percent_sign = body.endswith("%")
    body = body.removesuffix("%")
    if body and _NUMBER.match(body) and any(ch.isdigit() for ch in body):
        try:
            number = float(Decimal(body.replace(",", "")))
        except InvalidOperation:
            pass
        else:
            if math.isfinite(number):
                return NumberCell(number=number + 0.0, percent_sign=percent_sign)
            digits = sum(ch.isdigit() for ch in body)
            return NumberCell(
                problem=f"a number of {digits} digits ('{raw[:12]}…') is far too large to be "
                "a figure; type the figure itself"
            )
    if allow_symbol:
        hint = f"type a number, or a symbol: {SYMBOL_HINT}"
    else:
        hint = "type a number (a whole count of children), or leave it blank"
    return NumberCell(problem=f"'{raw}' is text where a number belongs; {hint}")


def as_percent(number: float) -> float:
    """A percent-formatted cell's 0.45 as 45.0, without float noise (0.45 * 100 is not 45)."""
    return float(Decimal(repr(number)) * 100)


def read_date(cell: Cell) -> dt.date | None:
    """A date as Excel stores it or as officers type it; ValueError if it is not one."""
    if is_blank(cell):
        return None
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool) and 20_000 < cell < 80_000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(cell))
    raw = " ".join(str(cell).split())
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"'{raw}' is not a date; use e.g. 31/03/2025")


def whole_number(cell: Cell) -> int | None:
    """A whole number such as a priority: 2, 2.0, "2" or "Priority 2"."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        return int(cell) if float(cell).is_integer() else None
    found = re.fullmatch(r"(?:priority\s*)?(\d{1,3})", str(cell).strip().lower())
    return int(found.group(1)) if found else None


def words(cell: Cell) -> str:
    """Text reduced for matching a list of allowed words: "On-Track" matches "on track"."""
    return " ".join(re.sub(r"[_\-,.]+", " ", shown(cell).lower()).split())


def read_period(cell: Cell, today: dt.date, earliest: int | None = None) -> Period:
    """A period that has ended by ``today`` and starts no earlier than the financial or
    academic year starting in ``earliest`` (the configured earliest year when None);
    PeriodError (a message for the officer) if not."""
    period = parse_period("" if cell is None else cell)
    problem = not_reportable(period, today, earliest)
    if problem:
        raise PeriodError(problem)
    return period


def not_reportable(period: Period, today: dt.date, earliest: int | None = None) -> str | None:
    """Why ``period`` cannot be uploaded: too early (:func:`too_early`) or not ended."""
    return too_early(period, earliest) or not_ended(period, today)


def too_early(period: Period, earliest: int | None = None) -> str | None:
    """Why ``period`` is before the earliest year the scorecard takes (a mistyped year such
    as 1066/67 would otherwise make a history of a thousand years), or None."""
    first = configured_earliest_year() if earliest is None else earliest
    if period.start_year >= first:
        return None
    return (
        f"{period.label} is before {Period.financial_year(first).year_label}, the earliest "
        "year this scorecard takes figures for; check the year (if the council does report "
        "earlier years, an administrator can set SCORECARD_EARLIEST_YEAR)"
    )


NOT_ENDED = " has not ended yet"


def not_ended(period: Period, today: dt.date) -> str | None:
    """Why ``period`` cannot be reported yet, or None once it has ended."""
    if period.end < today:
        return None
    what = "quarter" if period.kind is PeriodKind.QUARTER else "year"
    return (
        f"{period.label}{NOT_ENDED} (it ends on {short_date(period.end)}); "
        f"a {what} can be reported only after it has ended"
    )
