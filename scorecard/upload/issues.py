"""What an upload is checked against, and how each problem is reported to the officer.

Sheet and column names are named here once: the template writes them, the reader and the
validator look for them, and the messages quote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

INSTRUCTIONS_SHEET = "Instructions"
MEASURES_SHEET = "Measures"
DATA_SHEET = "Data"
COMMENTARY_SHEET = "Commentary"
ACTIONS_SHEET = "Actions"

MEASURE_ID = "measure_id"
PERIOD = "period"
BREAKDOWN = "breakdown"
VALUE = "value"
NUMERATOR = "numerator"
DENOMINATOR = "denominator"
NOTE = "note"
PRIORITY = "priority"
KIND = "kind"
TITLE = "title"
TEXT = "text"
ACTION = "action"
OWNER = "owner"
DUE = "due"
STATUS = "status"
UPDATE = "update"
MEETING = "meeting"  # the date of a recorded panel meeting: the row is one of its items
ITEM_TYPE = "type"  # action or resolution (blank: action), for a meeting's items

DATA_COLUMNS = (MEASURE_ID, PERIOD, BREAKDOWN, VALUE, NUMERATOR, DENOMINATOR, NOTE)
MEASURES_COLUMNS = (
    "id",
    "name",
    "priority",
    "unit",
    "polarity",
    "decimals",
    "target",
    "tolerance",
    "frequency",
    "breakdowns",
    "definition",
    "why_it_matters",
    "source",
)
COMMENTARY_COLUMNS = (PERIOD, PRIORITY, KIND, TITLE, TEXT)
# meeting and type come last: workbooks made before they existed are read as they were.
ACTIONS_COLUMNS = (PRIORITY, ACTION, OWNER, DUE, STATUS, UPDATE, MEETING, ITEM_TYPE)

# The columns without which a row means nothing; the others may be left out of a file.
DATA_REQUIRED = (MEASURE_ID, PERIOD, VALUE)
COMMENTARY_REQUIRED = (PERIOD, PRIORITY, KIND, TEXT)
ACTIONS_REQUIRED = (PRIORITY, ACTION, STATUS)

# Columns the template adds to the right of the Data sheet to help the officer; never read.
REFERENCE_MARK = "(for reference)"
PREVIOUS_VALUE_COLUMN = f"previous value {REFERENCE_MARK}"
MEASURE_NAME_COLUMN = f"measure name {REFERENCE_MARK}"
RECORDED_MEETINGS_COLUMN = f"recorded meetings {REFERENCE_MARK}"  # beside the Actions sheet


class Severity(StrEnum):
    BLOCKING = "blocking"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One problem, located as the officer sees it in Excel.

    ``row`` is the Excel row number (the header is row 1, the first data row is 2); ``row``
    and ``column`` are None for a problem with the whole sheet or column. ``value`` is what
    was found, as text; ``message`` says what to do about it.
    """

    sheet: str
    row: int | None
    column: str | None
    value: str
    message: str
    severity: Severity

    @property
    def is_blocking(self) -> bool:
        return self.severity is Severity.BLOCKING

    @property
    def location(self) -> str:
        return location(self.sheet, self.row, self.column)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(frozen=True)
class Ignored:
    """A part of the upload that was deliberately not read, and why: nothing is dropped
    without saying so. ``row`` and ``column`` are None for a whole column or sheet."""

    sheet: str
    row: int | None
    column: str | None
    value: str
    reason: str

    @property
    def location(self) -> str:
        return location(self.sheet, self.row, self.column)

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"


def location(sheet: str, row: int | None, column: str | None) -> str:
    parts = [f"{sheet} sheet"]
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column {column}")
    return ", ".join(parts)


def normalise_header(text: object) -> str:
    """A header as it is matched: "Measure ID" and "measure-id" both mean ``measure_id``."""
    return re.sub(r"[\s\-]+", "_", str(text).strip().lower())
