"""Reporting periods as English councils use them.

Quarters belong to the local-government financial year, which starts on 1 April:
Q1 = April-June, Q2 = July-September, Q3 = October-December, Q4 = January-March.
Annual measures report for a financial year (year ending 31 March) or an academic year
(September to August). Every period has one canonical label (``2016/17 Q3``, ``2024/25``,
``2024/25 AY``); pandas' own period strings (a ``Q-MAR`` period prints ``2026Q1`` for
2025/26 Q1) are never shown to anyone.
"""

from __future__ import annotations

import datetime as dt
import numbers
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from scorecard.errors import PeriodError, ScorecardError


class PeriodKind(StrEnum):
    QUARTER = "quarter"
    FINANCIAL_YEAR = "financial_year"
    ACADEMIC_YEAR = "academic_year"


_QUARTER_MONTHS = {
    1: "April to June",
    2: "July to September",
    3: "October to December",
    4: "January to March",
}
_EXAMPLE = "use e.g. 2016/17 Q3, Q3 2016/17, 2024/25 or 2024/25 AY"

# Excel stores dates as days since 30 December 1899. Anything in this range is a plausible
# date from 1960 to 2100; smaller numbers (a bare year such as 2024) are never read as dates.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_SERIAL_RANGE = (21916, 73415)

# Uploads are refused for years before this one (a financial or academic year starting in
# it is the first accepted): a mistyped year such as 1066/67 is a mistake, not history.
DEFAULT_EARLIEST_YEAR = 2000
EARLIEST_YEAR_VARIABLE = "SCORECARD_EARLIEST_YEAR"
_EARLIEST_RANGE = (1900, 2100)


class PeriodSettingError(ScorecardError):
    """The earliest year in the configuration cannot be used."""


def configured_earliest_year(environ: Mapping[str, str] | None = None) -> int:
    """The first year uploads may report: ``$SCORECARD_EARLIEST_YEAR`` (``2000`` or
    ``2000/01``, the year that starts then), else 2000."""
    raw = (os.environ if environ is None else environ).get(EARLIEST_YEAR_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_EARLIEST_YEAR
    found = re.fullmatch(r"(\d{4})(?:\s*/\s*(\d{2}))?", raw)
    year = int(found.group(1)) if found else 0
    low, high = _EARLIEST_RANGE
    if (
        found is None
        or not low <= year <= high
        or (found.group(2) is not None and int(found.group(2)) != (year + 1) % 100)
    ):
        raise PeriodSettingError(
            f"{EARLIEST_YEAR_VARIABLE} is '{raw}': it must be a year from {low} to {high}, "
            f"e.g. {DEFAULT_EARLIEST_YEAR} or {DEFAULT_EARLIEST_YEAR}/01 (figures for earlier "
            "years are refused)."
        )
    return year


@dataclass(frozen=True, order=True)
class Period:
    """A quarter, financial year or academic year, ordered by when it ends."""

    end: dt.date
    kind: PeriodKind
    start_year: int
    quarter: int | None = None

    # -- construction -------------------------------------------------------------------
    @classmethod
    def quarter_of(cls, start_year: int, quarter: int) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise PeriodError(f"Q{quarter} is not a quarter; quarters run Q1 (April) to Q4 (March)")
        end_month = {1: 6, 2: 9, 3: 12, 4: 3}[quarter]
        end_year = start_year + 1 if quarter == 4 else start_year
        end_day = {3: 31, 6: 30, 9: 30, 12: 31}[end_month]
        return cls(dt.date(end_year, end_month, end_day), PeriodKind.QUARTER, start_year, quarter)

    @classmethod
    def financial_year(cls, start_year: int) -> Period:
        return cls(dt.date(start_year + 1, 3, 31), PeriodKind.FINANCIAL_YEAR, start_year)

    @classmethod
    def academic_year(cls, start_year: int) -> Period:
        return cls(dt.date(start_year + 1, 8, 31), PeriodKind.ACADEMIC_YEAR, start_year)

    @classmethod
    def containing(cls, day: dt.date) -> Period:
        """The financial-year quarter that contains ``day``."""
        start_year = day.year if day.month >= 4 else day.year - 1
        quarter = {4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3}.get(day.month, 4)
        return cls.quarter_of(start_year, quarter)

    # -- presentation -------------------------------------------------------------------
    @property
    def year_label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def label(self) -> str:
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year_label} Q{self.quarter}"
        if self.kind is PeriodKind.ACADEMIC_YEAR:
            return f"{self.year_label} AY"
        return self.year_label

    @property
    def short_label(self) -> str:
        """``2026/27 Q2 · Jul–Sep 2026``: the months in words, short enough for the sidebar's
        quarter picker (the long label is cut there)."""
        if self.kind is PeriodKind.QUARTER:
            assert self.quarter is not None
            first, _, last = _QUARTER_MONTHS[self.quarter].split()
            return f"{self.label} · {first[:3]}–{last[:3]} {self.end.year}"
        return self.label

    @property
    def long_label(self) -> str:
        """Words for a reader who does not know the financial-year quarters by heart."""
        if self.kind is PeriodKind.QUARTER:
            assert self.quarter is not None
            months = _QUARTER_MONTHS[self.quarter]
            return f"{self.label} ({months} {self.end.year})"
        if self.kind is PeriodKind.ACADEMIC_YEAR:
            return f"academic year {self.year_label}"
        return f"financial year {self.year_label} (year ending 31 March {self.end.year})"

    @property
    def everyday_label(self) -> str:
        """As a reader outside the council says it: "July to September 2026", "academic year
        2024/25", "year to 31 March 2026" (a financial year)."""
        if self.kind is PeriodKind.QUARTER:
            assert self.quarter is not None
            return f"{_QUARTER_MONTHS[self.quarter]} {self.end.year}"
        if self.kind is PeriodKind.ACADEMIC_YEAR:
            return f"academic year {self.year_label}"
        return f"year to {self.end.day} {self.end:%B %Y}"

    def __str__(self) -> str:
        return self.label

    # -- arithmetic ----------------------------------------------------------------------
    def previous(self) -> Period:
        """The period immediately before this one, of the same kind."""
        if self.kind is PeriodKind.QUARTER:
            assert self.quarter is not None
            if self.quarter == 1:
                return Period.quarter_of(self.start_year - 1, 4)
            return Period.quarter_of(self.start_year, self.quarter - 1)
        return self.same_period_last_year()

    def next(self) -> Period:
        if self.kind is PeriodKind.QUARTER:
            assert self.quarter is not None
            if self.quarter == 4:
                return Period.quarter_of(self.start_year + 1, 1)
            return Period.quarter_of(self.start_year, self.quarter + 1)
        return self._shifted(1)

    def same_period_last_year(self) -> Period:
        return self._shifted(-1)

    def _shifted(self, years: int) -> Period:
        if self.kind is PeriodKind.QUARTER:
            assert self.quarter is not None
            return Period.quarter_of(self.start_year + years, self.quarter)
        if self.kind is PeriodKind.ACADEMIC_YEAR:
            return Period.academic_year(self.start_year + years)
        return Period.financial_year(self.start_year + years)

    def follows(self, earlier: Period) -> bool:
        """True when ``earlier`` is the period immediately before this one."""
        return earlier == self.previous()


_YEAR = r"(?P<y1>\d{4}|\d{2})\s*[/-]\s*(?P<y2>\d{4}|\d{2})"
_BETWEEN = r"\s*(?:[-,:]\s*)?"  # "Q3 - 2016/17", "2016/17, Q3"
_QUARTER_FIRST = re.compile(rf"^(?:q(?P<q>\d)|(?P<ay>ay)|(?P<fy>fy)){_BETWEEN}{_YEAR}$")
_YEAR_FIRST = re.compile(rf"^{_YEAR}(?:{_BETWEEN}(?:q(?P<q>\d)|(?P<ay>ay)|(?P<fy>fy)))?$")
# Words as officers write them, to the forms above: "Quarter 3", Word's dashes.
_WORD_FORMS = {"quarter ": "q", "qtr ": "q", "–": "-", "—": "-"}
_WORDS = re.compile("|".join(map(re.escape, _WORD_FORMS)))
_BRACKET = re.compile(r"[()\[\]]")
# Only a note saying how final the figure is: "2025/26 (target)" heads targets, not figures.
_NOTE = re.compile(r"\s*\((?:provisional|prov|p|draft|revised|r|final|estimate|est|interim)\)$")
# A quarter's three months and the calendar year: "Apr-Jun 2025", "October to December 2025".
_MONTHS = re.compile(
    r"^(?P<first>[a-z]{3,9})\.?\s*(?:-|to)\s*(?P<last>[a-z]{3,9})\.?,?\s*(?P<year>\d{4})$"
)
_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ t]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _from_months(found: re.Match[str], original: str) -> Period:
    first = _MONTH_NUMBERS.get(found["first"])
    last = _MONTH_NUMBERS.get(found["last"])
    if first is None or last is None or first % 3 != 1 or last != first + 2:
        raise PeriodError(
            f"'{original}' is not a quarter: a quarter is Apr-Jun, Jul-Sep, Oct-Dec or Jan-Mar "
            f"({_EXAMPLE})"
        )
    return Period.containing(dt.date(int(found["year"]), first, 1))


def _full_year(text: str) -> int:
    # Two-digit years are this century: nobody is reporting on children in care in 1916/17.
    return int(text) if len(text) == 4 else 2000 + int(text)


def _from_match(found: re.Match[str], original: str) -> Period:
    first = _full_year(found["y1"])
    second = _full_year(found["y2"])
    consecutive = (
        second == first + 1 if len(found["y2"]) == 4 else second % 100 == (first + 1) % 100
    )
    if not consecutive:
        raise PeriodError(
            f"'{original}' is not a year: the second year must follow the first ({_EXAMPLE})"
        )
    if found["q"] is not None:
        quarter = int(found["q"])
        if quarter not in (1, 2, 3, 4):
            raise PeriodError(f"'{original}' is not a quarter; {_EXAMPLE}")
        return Period.quarter_of(first, quarter)
    if found.groupdict().get("ay"):
        return Period.academic_year(first)
    return Period.financial_year(first)


def parse_period(value: object) -> Period:
    """Read a period as officers write it, or raise :class:`PeriodError` saying what to write.

    Accepts ``2016/17 Q3``, ``2016-17 Q3``, ``Q3 2016/17``, ``Q3 16/17``, ``Quarter 3
    2016/17``, ``Q3 - 2016/17``, ``Q3 (2016/17)``, ``Oct-Dec 2016`` (any case), ``2024/25``
    or ``FY 2024/25`` (financial year), ``2024/25 AY`` or ``AY 2024/25`` (academic year), a
    date, or an Excel date serial number; a date is read as the quarter that contains it. A
    note of how final the figure is, as in ``2016/17 Q3 (provisional)``, is not part of it.
    """
    if isinstance(value, Period):
        return value
    if isinstance(value, dt.datetime):
        return Period.containing(value.date())
    if isinstance(value, dt.date):
        return Period.containing(value)
    if isinstance(value, bool):
        raise PeriodError(f"'{value}' is not a period; {_EXAMPLE}")
    if isinstance(value, numbers.Real):  # includes numpy's integers, read from a DataFrame
        return _from_excel_serial(float(value))
    if not isinstance(value, str):
        raise PeriodError(f"'{value}' is not a period; {_EXAMPLE}")
    text = " ".join(value.strip().lower().split())
    if not text:
        raise PeriodError(f"the period is blank; {_EXAMPLE}")
    written = _WORDS.sub(lambda m: _WORD_FORMS[m.group(0)], text)
    # As written; with its brackets taken away ("Q3 (2016/17)"); without a note in brackets
    # at the end ("2016/17 Q3 (provisional)").
    for form in (written, " ".join(_BRACKET.sub(" ", written).split()), _NOTE.sub("", written)):
        for pattern in (_YEAR_FIRST, _QUARTER_FIRST):
            found = pattern.match(form)
            if found:
                return _from_match(found, value.strip())
        months = _MONTHS.match(form)
        if months:
            return _from_months(months, value.strip())
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _from_excel_serial(float(text))
    for date_pattern, order in ((_ISO_DATE, (0, 1, 2)), (_UK_DATE, (2, 1, 0))):
        found = date_pattern.match(text)
        if found:
            parts = [int(found.group(i + 1)) for i in range(3)]
            year, month, day = (parts[i] for i in order)
            try:
                return Period.containing(dt.date(year, month, day))
            except ValueError:
                raise PeriodError(f"'{value.strip()}' is not a real date; {_EXAMPLE}") from None
    raise PeriodError(f"'{value.strip()}' is not a quarter or year; {_EXAMPLE}")


def _from_excel_serial(number: float) -> Period:
    low, high = _EXCEL_SERIAL_RANGE
    if number != number or not low <= number <= high:  # NaN, or outside plausible dates
        raise PeriodError(f"'{number:g}' is not a period; {_EXAMPLE}")
    return Period.containing(_EXCEL_EPOCH + dt.timedelta(days=int(number)))


def quarters_between(first: Period, last: Period) -> list[Period]:
    """Every quarter from ``first`` to ``last`` inclusive."""
    result = []
    current = first
    while current <= last:
        result.append(current)
        current = current.next()
    return result
