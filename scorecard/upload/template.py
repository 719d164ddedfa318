"""The quarterly upload template: an .xlsx an officer fills in and uploads (SPEC §4).

Every piece of text from the catalogue or the database is written as text, never as a
formula: a measure name or note starting with "=" must not run when the file is opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from scorecard.catalogue import (
    AGE_BANDS,
    ALL,
    CARE_LEAVER_AGES,
    Catalogue,
    Frequency,
    Measure,
    YearType,
)
from scorecard.formatting import value_text
from scorecard.meetings import Meeting, MeetingItem, RecordedMeetings
from scorecard.periods import Period
from scorecard.records import ActionStatus, CommentaryKind, ItemKind
from scorecard.symbols import Symbol, parse_symbol
from scorecard.upload.data_sheet import limits
from scorecard.upload.issues import (
    ACTION,
    ACTIONS_COLUMNS,
    ACTIONS_SHEET,
    COMMENTARY_COLUMNS,
    COMMENTARY_SHEET,
    DATA_COLUMNS,
    DATA_SHEET,
    DUE,
    INSTRUCTIONS_SHEET,
    ITEM_TYPE,
    MEASURE_NAME_COLUMN,
    MEASURES_COLUMNS,
    MEASURES_SHEET,
    MEETING,
    OWNER,
    PREVIOUS_VALUE_COLUMN,
    PRIORITY,
    RECORDED_MEETINGS_COLUMN,
    STATUS,
    UPDATE,
)

BLANK_ROWS = 500  # room below the pre-filled rows, covered by the drop-downs
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_REFERENCE_FILL = PatternFill("solid", fgColor="D9D9D9")
_WRAP = Alignment(wrap_text=True, vertical="top")
_DATE_FORMAT = "DD/MM/YYYY"
_INLINE_LIST_LIMIT = 255  # Excel's limit for a drop-down list typed into the rule itself

_DATA_WIDTHS = (16, 13, 12, 10, 12, 13, 40)
_MEASURES_WIDTHS = (16, 45, 9, 13, 17, 9, 8, 10, 22, 30, 70, 50, 30)
_COMMENTARY_WIDTHS = (13, 9, 20, 30, 90)
_ACTIONS_WIDTHS = (9, 50, 22, 12, 12, 60, 13, 12)


def write_template(
    catalogue: Catalogue,
    observations: pd.DataFrame,
    period: Period,
    out: BinaryIO | Path,
    meetings: RecordedMeetings | None = None,
) -> None:
    """Write the upload template for ``period`` to ``out``.

    ``observations`` is :meth:`Store.current_observations`; it supplies the previous value
    shown beside each row for reference (it may be empty). The open actions of the recorded
    ``meetings`` are listed on the Actions sheet, ready for their new status and update.
    """
    book = Workbook()
    _instructions(book.active, catalogue, period)
    _measures(book.create_sheet(MEASURES_SHEET), catalogue)
    _data(book.create_sheet(DATA_SHEET), catalogue, _by_key(observations), period)
    _commentary(book.create_sheet(COMMENTARY_SHEET), catalogue, period)
    _actions(book.create_sheet(ACTIONS_SHEET), catalogue, meetings or RecordedMeetings())
    book.save(out)


# -- writing cells safely --------------------------------------------------------------------
def put(sheet: Worksheet, row: int, column: int, value: Any) -> Any:
    """Write ``value``; text that Excel could take for a formula is forced to stay text."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        if value.startswith(_FORMULA_STARTS):
            cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
            cell.quotePrefix = True  # and Excel keeps it as text if the officer edits it
    else:
        cell.value = value
    return cell


def _header(sheet: Worksheet, names: Sequence[str], widths: Sequence[int]) -> None:
    for column, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        cell = put(sheet, 1, column, name)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


def _drop_down(
    sheet: Worksheet,
    column: int,
    last_row: int,
    options: Iterable[str] | str,
    *,
    message: str,
    strict: bool = True,
) -> None:
    """A drop-down list; ``strict=False`` lets the officer type something else after a warning."""
    if isinstance(options, str):
        formula = options
    else:
        listed = list(options)
        formula = '"' + ",".join(listed) + '"'
        if any("," in o or '"' in o for o in listed) or len(formula) > _INLINE_LIST_LIMIT:
            return  # the upload checks the value anyway; a broken list would be worse
    rule = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        errorTitle="Not in the list",
        error=message,
    )
    letter = get_column_letter(column)
    rule.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(rule)


# -- sheets ------------------------------------------------------------------------------------
def _instructions(sheet: Worksheet, catalogue: Catalogue, period: Period) -> None:
    sheet.title = INSTRUCTIONS_SHEET
    sheet.column_dimensions["A"].width = 110
    # The demonstration authority's name may say so already ("Demoshire Council
    # (demonstration data)"): said once.
    name = catalogue.authority.name
    demo = (
        " (demonstration data)"
        if catalogue.authority.demonstration and "demonstration" not in name.casefold()
        else ""
    )
    lines: list[tuple[str, bool]] = [
        (f"{name}{demo}: Corporate Parenting Scorecard", True),
        (f"Quarterly upload for {period.long_label}", True),
        ("", False),
        ("How to fill it in", True),
        (
            f"1. Data sheet: one row per figure. There is already a row for each measure and "
            f"breakdown due for {period.label}: type the value, and for percentages and rates "
            "also the numerator (children who met the measure) and the denominator (children "
            "in the group).",
            False,
        ),
        (
            "2. Leave a row empty if you have no figure yet: empty rows are skipped. To say "
            "on purpose that there is no figure, type - or one of the symbols below.",
            False,
        ),
        (
            "3. measure_id: an id from the Measures sheet (choose it from the list). period: a "
            "quarter such as 2024/25 Q3 (Q1 = April to June, Q2 = July to September, Q3 = "
            "October to December, Q4 = January to March) or, for measures reported once a "
            "year, a year such as 2024/25 (financial year) or 2024/25 AY (academic year). A "
            "period can be uploaded only after it has ended.",
            False,
        ),
        (
            f"4. breakdown: leave it blank (or {ALL}) for all children, or use an age band the "
            "measure lists on the Measures sheet, such as Under 1, 1-4, 5-9, 10-15 or 16+.",
            False,
        ),
        (
            "5. Percentages: 45, 45% and 0.45 in a cell formatted as a percentage all mean "
            "45%. Do not type 0.45 in a cell formatted as a plain number.",
            False,
        ),
        (limits(), False),
        (
            "6. The grey columns headed 'for reference' show the previous figure and the "
            "measure's name. They are not read when you upload.",
            False,
        ),
        (
            "7. Commentary sheet: one row per item: period, priority number, kind ("
            + ", ".join(k.value for k in CommentaryKind)
            + "), a short title and the text.",
            False,
        ),
        (
            "8. Actions sheet: this quarter's action plan: priority number, action, owner, due "
            "date, status (" + ", ".join(s.value for s in ActionStatus) + ") and the latest "
            "update. Leave meeting and type blank on these rows.",
            False,
        ),
        (
            "9. Panel meetings' resolutions and actions go on the Actions sheet too: put the "
            "date of the meeting, as recorded on the Meetings page, in the meeting column (the "
            "grey column lists the dates recorded), and action or resolution in type (blank "
            "means action); priority can be left blank. The open actions of recorded meetings "
            "are already listed: type each one's new status and latest update. A row worded "
            "like an item the meeting already has (capitals and spaces aside) replaces its "
            "owner, due date, status and update; any other row is added to the meeting. An "
            "action needs an owner; a resolution has no owner, due date, status or update.",
            False,
        ),
        (
            "10. Do not rename the sheets or the column headings. Nothing is saved unless the "
            "whole file is valid: the upload page lists every problem with its sheet, row and "
            "column. Uploading a period again makes a new version; earlier versions stay in "
            "the history and can be restored.",
            False,
        ),
        (
            "11. Measures sheet: it lists the catalogue. A change you make there (a new "
            "target, a new measure on a new row) updates the catalogue when the upload is "
            "saved, and the upload page shows the change first. Deleting a row does not "
            "delete a measure. If you do not mean to change anything, leave it as it is.",
            False,
        ),
        (
            "12. Your own scorecard layout (one row per measure, one column per quarter, with "
            "titles, priority headings, Target or RAG columns and footnotes) can be uploaded "
            "too: a row is read when it starts with a measure's id or its exact name, and a "
            "column when its heading is a period. Everything else is listed as not read.",
            False,
        ),
        ("", False),
        ("Symbols: when there is no number, type one of these in the value column", True),
        *[(f"{s.value}  {s.meaning}", False) for s in Symbol],
        ("-  no value (as good as leaving the value blank, but on purpose)", False),
        ("", False),
        ("Personal information", True),
        (
            "Never put children's or young people's names, initials, dates of birth or case "
            "numbers anywhere in this workbook, including notes, commentary and actions. Quotes "
            "from young people must not identify them.",
            False,
        ),
    ]
    for row, (line, heading) in enumerate(lines, start=1):
        cell = put(sheet, row, 1, line)
        cell.alignment = _WRAP
        if heading:
            cell.font = Font(bold=True, size=14 if row <= 2 else 12)


def _measures(sheet: Worksheet, catalogue: Catalogue) -> None:
    _header(sheet, MEASURES_COLUMNS, _MEASURES_WIDTHS)
    for row, m in enumerate(catalogue.measures, start=2):
        frequency = m.frequency.value
        if m.frequency is Frequency.ANNUAL:
            frequency += f" ({m.year_type.value} year)"
        values = (
            m.id,
            m.name,
            m.priority,
            m.unit.value,
            m.polarity.value,
            m.decimals,
            m.target,
            m.tolerance,
            frequency,
            ", ".join(m.breakdowns),
            m.definition,
            m.why_it_matters,
            m.source,
        )
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value).alignment = _WRAP
    sheet.auto_filter.ref = (
        f"A1:{get_column_letter(len(MEASURES_COLUMNS))}{len(catalogue.measures) + 1}"
    )


def _data(
    sheet: Worksheet,
    catalogue: Catalogue,
    stored: dict[tuple[str, str, str], Any],
    period: Period,
) -> None:
    _header(sheet, DATA_COLUMNS, _DATA_WIDTHS)
    # The reference columns sit after an empty column, so nobody mistakes them for data.
    first_reference = len(DATA_COLUMNS) + 2
    for offset, name in enumerate((PREVIOUS_VALUE_COLUMN, MEASURE_NAME_COLUMN)):
        column = first_reference + offset
        cell = put(sheet, 1, column, name)
        cell.font, cell.fill, cell.alignment = Font(bold=True, italic=True), _REFERENCE_FILL, _WRAP
        sheet.column_dimensions[get_column_letter(column)].width = 26 if offset == 0 else 45
    breakdown_column = DATA_COLUMNS.index("breakdown") + 1
    # Typed into a General cell, "1-4" and "5-9" become dates; Text format keeps them.
    sheet.column_dimensions[get_column_letter(breakdown_column)].number_format = "@"
    row = 1
    for measure in catalogue.measures:
        due = _due(measure, period)
        if measure.frequency is Frequency.ANNUAL and (measure.id, due.label, ALL) in stored:
            continue  # this year's figure is in already; the officer need not repeat it
        for breakdown in measure.all_breakdowns:
            row += 1
            put(sheet, row, 1, measure.id)
            put(sheet, row, 2, due.label)
            put(sheet, row, breakdown_column, breakdown).number_format = "@"
            earlier = stored.get((measure.id, due.previous().label, breakdown))
            put(sheet, row, first_reference, _previous_text(measure, earlier, due.previous()))
            put(sheet, row, first_reference + 1, measure.name)
    last = row + BLANK_ROWS
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(DATA_COLUMNS))}{max(row, 2)}"
    # A range, written without the leading "=" (Excel's file format has none).
    ids = f"{MEASURES_SHEET}!$A$2:$A${len(catalogue.measures) + 1}"
    _drop_down(sheet, 1, last, ids, message="Choose a measure id from the Measures sheet.")
    _drop_down(
        sheet,
        2,
        last,
        _period_choices(period),
        strict=False,
        message="Use a quarter such as 2024/25 Q3, or a year such as 2024/25 or 2024/25 AY.",
    )
    _drop_down(
        sheet,
        breakdown_column,
        last,
        _breakdown_choices(catalogue),
        strict=False,
        message="Use a breakdown the measure lists on the Measures sheet, or leave it blank.",
    )


def _commentary(sheet: Worksheet, catalogue: Catalogue, period: Period) -> None:
    _header(sheet, COMMENTARY_COLUMNS, _COMMENTARY_WIDTHS)
    last = 1 + BLANK_ROWS
    priorities = [str(p.number) for p in catalogue.ordered_priorities()]
    _drop_down(
        sheet,
        1,
        last,
        _period_choices(period),
        strict=False,
        message="Use a quarter such as 2024/25 Q3.",
    )
    _drop_down(sheet, 2, last, priorities, message="Use a priority number.")
    _drop_down(
        sheet, 3, last, [k.value for k in CommentaryKind], message="Choose a kind from the list."
    )
    sheet.column_dimensions["E"].alignment = _WRAP


def _actions(sheet: Worksheet, catalogue: Catalogue, recorded: RecordedMeetings) -> None:
    _header(sheet, ACTIONS_COLUMNS, _ACTIONS_WIDTHS)
    column = {name: position for position, name in enumerate(ACTIONS_COLUMNS, start=1)}
    # Open actions first, so the officer only types each one's new status and update.
    open_actions = recorded.open_actions()
    for row, (meeting, item) in enumerate(open_actions, start=2):
        _open_action(sheet, row, column, meeting, item)
    last = 1 + len(open_actions) + BLANK_ROWS
    priorities = [str(p.number) for p in catalogue.ordered_priorities()]
    _drop_down(sheet, column[PRIORITY], last, priorities, message="Use a priority number.")
    _drop_down(
        sheet,
        column[STATUS],
        last,
        [s.value for s in ActionStatus],
        message="Choose a status from the list.",
    )
    _drop_down(
        sheet,
        column[ITEM_TYPE],
        last,
        [ItemKind.ACTION.value, ItemKind.RESOLUTION.value],
        message="Choose action or resolution, or leave it blank for an action.",
    )
    _meeting_dates(sheet, column[MEETING], last, recorded)
    for name in (DUE, MEETING):
        sheet.column_dimensions[get_column_letter(column[name])].number_format = _DATE_FORMAT


def _open_action(
    sheet: Worksheet, row: int, column: dict[str, int], meeting: Meeting, item: MeetingItem
) -> None:
    assert item.status is not None  # an action always has one
    put(sheet, row, column[ACTION], item.text).alignment = _WRAP
    put(sheet, row, column[OWNER], item.owner or None)
    put(sheet, row, column[DUE], item.due).number_format = _DATE_FORMAT
    put(sheet, row, column[STATUS], item.status.value)
    put(sheet, row, column[UPDATE], item.update or None).alignment = _WRAP
    put(sheet, row, column[MEETING], meeting.held_on).number_format = _DATE_FORMAT
    put(sheet, row, column[ITEM_TYPE], item.kind.value)


def _meeting_dates(
    sheet: Worksheet, meeting_column: int, last: int, recorded: RecordedMeetings
) -> None:
    """The recorded meetings' dates in a grey reference column (never read), newest first,
    and a drop-down of them in the meeting column. Another date is allowed after a warning:
    a meeting recorded after the template was made is still a good one."""
    dates = sorted({m.held_on for m in recorded.meetings}, reverse=True)
    if not dates:
        return
    reference = len(ACTIONS_COLUMNS) + 2  # after an empty column, like the Data sheet's
    letter = get_column_letter(reference)
    cell = put(sheet, 1, reference, RECORDED_MEETINGS_COLUMN)
    cell.font, cell.fill, cell.alignment = Font(bold=True, italic=True), _REFERENCE_FILL, _WRAP
    sheet.column_dimensions[letter].width = 20
    for row, day in enumerate(dates, start=2):
        put(sheet, row, reference, day).number_format = _DATE_FORMAT
    _drop_down(
        sheet,
        meeting_column,
        last,
        f"${letter}$2:${letter}${len(dates) + 1}",
        strict=False,
        message="Use the date of a meeting recorded on the Meetings page (listed in the grey "
        "column), or leave it blank for a line of a priority's action plan.",
    )


# -- helpers -----------------------------------------------------------------------------------
def _due(measure: Measure, quarter: Period) -> Period:
    """The period a measure reports in this upload: the quarter, or for an annual measure the
    latest year (of its kind) that had ended by the end of the quarter."""
    if measure.frequency is Frequency.QUARTERLY:
        return quarter
    if measure.year_type is YearType.ACADEMIC:
        year = Period.academic_year(quarter.start_year)
    else:
        year = Period.financial_year(quarter.start_year)
    while year.end > quarter.end:
        year = year.previous()
    return year


def _period_choices(period: Period) -> list[str]:
    quarters = [period]
    while len(quarters) < 8:
        quarters.append(quarters[-1].previous())
    years = [
        Period.financial_year(period.start_year - 1),
        Period.academic_year(period.start_year - 1),
    ]
    return [p.label for p in quarters + years]


def _breakdown_choices(catalogue: Catalogue) -> list[str]:
    declared = [b for m in catalogue.measures for b in m.breakdowns]
    ordered = [ALL, *AGE_BANDS, *CARE_LEAVER_AGES]
    return [b for b in ordered if b == ALL or b in declared] + sorted(set(declared) - set(ordered))


def _by_key(observations: pd.DataFrame) -> dict[tuple[str, str, str], Any]:
    if observations.empty:
        return {}
    return {(r.measure_id, r.period, r.breakdown): r for r in observations.itertuples()}


def _previous_text(measure: Measure, earlier: Any, period: Period) -> str:
    if earlier is None:
        return f"none for {period.label}"
    value = None if pd.isna(earlier.value) else float(earlier.value)
    # pandas 3 may hold the symbol as a plain string rather than a Symbol.
    symbol = parse_symbol(earlier.symbol) if isinstance(earlier.symbol, str) else None
    shown = value_text(measure, value, symbol)
    if not pd.isna(earlier.numerator) and not pd.isna(earlier.denominator):
        shown += f" ({earlier.numerator:,.0f} / {earlier.denominator:,.0f})"
    return f"{shown} in {period.label}"
