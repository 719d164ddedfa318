"""DfE years and the scorecard's own periods.

DfE writes a year as ``time_period`` with a ``time_identifier``:

- ``2025`` "Reporting year" is the year ending 31 March 2025: our financial year 2024/25.
  ("Financial year" with ``202425`` means the same year.)
- ``202425`` "Academic year" is September 2024 to August 2025: our ``2024/25 AY``.

Our own figure for a DfE year (for a council that is not in DfE's files, such as the
demonstration authority) is the annual figure for the same year when there is one, otherwise
the figure for the last quarter that ends inside that year: Q4 (ending 31 March, the date of
DfE's "on 31 March" snapshots) for a financial year, and Q1 of the next financial year
(ending 30 June, the nearest "school year so far" figure) for an academic year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorecard.catalogue import YearType
from scorecard.errors import PeriodError
from scorecard.periods import Period

_FINANCIAL = {"reporting year", "financial year"}
_ACADEMIC = {"academic year"}
_SINGLE = re.compile(r"^\d{4}$")
_SPANNING = re.compile(r"^(\d{4})(\d{2})$")


@dataclass(frozen=True, order=True)
class DfeYear:
    """A year as DfE writes it, ordered by when it starts."""

    start_year: int
    year_type: YearType
    time_period: str

    @property
    def period(self) -> Period:
        """Our annual period for the same year."""
        if self.year_type is YearType.ACADEMIC:
            return Period.academic_year(self.start_year)
        return Period.financial_year(self.start_year)

    @property
    def quarter(self) -> Period:
        """The last of our quarters that ends inside this year: where an annual figure sits
        on a quarterly time axis."""
        year_end = self.period.end
        quarter = Period.containing(year_end)
        return quarter if quarter.end == year_end else quarter.previous()

    @property
    def label(self) -> str:
        """``2024/25`` or ``2024/25 AY``, as the scorecard writes years."""
        return self.period.label

    def previous(self) -> DfeYear:
        """The year before, written the same way."""
        if _SPANNING.match(self.time_period):
            start = self.start_year - 1
            text = f"{start}{(start + 1) % 100:02d}"
        else:
            text = str(int(self.time_period) - 1)
        return DfeYear(self.start_year - 1, self.year_type, text)


def parse_dfe_year(time_period: str, time_identifier: str) -> DfeYear:
    """Read DfE's ``time_period`` and ``time_identifier``, or raise PeriodError saying why."""
    text = str(time_period).strip()
    kind = str(time_identifier).strip().lower()
    spanning = _SPANNING.match(text)
    if spanning and (int(spanning[1]) + 1) % 100 != int(spanning[2]):
        raise PeriodError(f"time_period '{text}' is not a year: {spanning[2]} must follow it")
    if kind in _ACADEMIC and spanning:
        return DfeYear(int(spanning[1]), YearType.ACADEMIC, text)
    if kind in _FINANCIAL and spanning:
        return DfeYear(int(spanning[1]), YearType.FINANCIAL, text)
    if kind in _FINANCIAL and _SINGLE.match(text):
        # A reporting year is named after the 31 March it ends on.
        return DfeYear(int(text) - 1, YearType.FINANCIAL, text)
    raise PeriodError(
        f"time_period '{text}' with time_identifier '{time_identifier}' is not a year the "
        "scorecard can place: it reads reporting years (2025), financial years (202425) and "
        "academic years (202425)"
    )
