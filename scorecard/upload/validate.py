"""Check a whole upload at once and turn it into a :class:`~scorecard.records.Submission`.

Every problem is reported, never only the first: each is an :class:`Issue` with the sheet,
Excel row, column, the value found and what to do. Rows with a blocking problem are left
out of the submission; nothing should be committed unless :attr:`Validation.is_valid`.

Each sheet is looked at for what it holds, not only for its name: the template's long Data
sheet, an officer's own wide scorecard (:mod:`scorecard.upload.wide`), the Measures sheet
(which may update the catalogue), Commentary and Actions (action plans, and the resolutions and
actions of recorded panel meetings). What is not read is listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress

from scorecard.catalogue import ALL, Catalogue
from scorecard.meetings import RecordedMeetings
from scorecard.periods import Period, PeriodKind
from scorecard.rag import is_red
from scorecard.records import Submission
from scorecard.upload.cells import NOT_ENDED, number_text
from scorecard.upload.columns import Report
from scorecard.upload.data_sheet import Accepted, DataRow, ObservationRules, read_data
from scorecard.upload.issues import (
    ACTIONS_SHEET,
    COMMENTARY_SHEET,
    DATA_SHEET,
    INSTRUCTIONS_SHEET,
    MEASURES_SHEET,
    Ignored,
    Issue,
    Severity,
)
from scorecard.upload.layout import HEADING_SEARCH_ROWS, Layout, detect
from scorecard.upload.measures_sheet import (
    NOT_A_LIST_OF_MEASURES,
    CatalogueUpdate,
    is_list_of_measures,
    read_measures,
)
from scorecard.upload.qualitative import ActionsSheet, read_actions, read_commentary
from scorecard.upload.reader import UploadSheet, UploadWorkbook
from scorecard.upload.wide import read_wide

# Sheets that never hold figures (the Measures sheet may: see is_list_of_measures).
_NOT_FIGURES = {s.casefold() for s in (INSTRUCTIONS_SHEET, COMMENTARY_SHEET, ACTIONS_SHEET)}


@dataclass(frozen=True)
class Validation:
    submission: Submission
    issues: list[Issue]
    ignored: list[Ignored]  # rows, columns and sheets that were not read, each with why
    catalogue: Catalogue | None = None  # as the upload leaves it (the figures' catalogue)
    catalogue_update: CatalogueUpdate | None = None  # what the Measures sheet changes

    @property
    def is_valid(self) -> bool:
        return not any(i.is_blocking for i in self.issues)

    @property
    def blocking(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.BLOCKING]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]


def validate(
    workbook: UploadWorkbook,
    catalogue: Catalogue,
    *,
    today: dt.date,
    period: Period | None = None,
    meetings: RecordedMeetings | None = None,
) -> Validation:
    """Check ``workbook`` against ``catalogue``.

    ``today`` decides which periods are in the future (a quarter can be reported only once it
    has ended). The Actions sheet has no period column: its items are reported for ``period``
    or, if None, for the latest quarter of the figures (or, failing that, the Commentary).
    Its rows with a meeting date belong to one of the ``meetings`` recorded (none if None).
    """
    report = Report()
    update = None
    measures_sheet = workbook.sheet(MEASURES_SHEET)
    if measures_sheet is not None and is_list_of_measures(measures_sheet):
        update = read_measures(measures_sheet, catalogue, report)
    effective = update.catalogue if update is not None else catalogue
    rules = ObservationRules(effective, today)
    rows = Accepted()
    figure_sheets = 0
    for sheet in workbook.sheets:
        if sheet.is_empty or sheet.name.strip().casefold() in _NOT_FIGURES:
            continue
        if sheet is measures_sheet and is_list_of_measures(sheet):
            continue
        read = _read_figures(sheet, rules, report, is_data=workbook.is_csv)
        if read is not None:
            rows.extend(read)
            figure_sheets += 1
    submission = Submission(observations=rows.observations)
    if rows.by_column is not None:
        submission.known_columns(*rows.by_column)
    commentary_sheet = workbook.sheet(COMMENTARY_SHEET)
    submission.commentary = commentary = (
        read_commentary(commentary_sheet, effective, today, report)
        if commentary_sheet is not None and not commentary_sheet.is_empty
        else []
    )
    reporting = (
        period
        or _latest_quarter(submission.figure_periods())
        or (_latest_quarter([c.period for c in commentary]))
    )
    actions_sheet = workbook.sheet(ACTIONS_SHEET)
    actions = (
        read_actions(actions_sheet, effective, reporting, report, meetings)
        if actions_sheet is not None and not actions_sheet.is_empty
        else ActionsSheet()
    )
    _warn_red_without_commentary(rows, submission, reporting, effective, report)
    _describe_guidance(workbook, report)
    submission.actions = actions.plan
    submission.meeting_items = actions.meeting_items
    if report.blocking_count == 0 and not _has_content(submission) and update is None:
        report.block(DATA_SHEET, None, None, "", _nothing_to_read(workbook, figure_sheets))
    return Validation(
        submission=submission,
        issues=_blocking_first(_one_per_quarter_not_ended(report.issues), workbook),
        ignored=report.ignored,
        catalogue=effective,
        catalogue_update=update,
    )


def _read_figures(
    sheet: UploadSheet, rules: ObservationRules, report: Report, *, is_data: bool
) -> Accepted | list[DataRow] | None:
    """The figures of a sheet in whichever layout it has; None if it has none."""
    layout = detect(sheet, rules)
    if layout.layout is Layout.WIDE:
        return read_wide(sheet, layout, rules, report)
    if layout.layout is Layout.LONG:
        for row in sheet.head(HEADING_SEARCH_ROWS):  # the heading is one of these rows
            if row.number < layout.heading_row:
                report.ignore(
                    sheet.name,
                    row.number,
                    None,
                    " ".join(str(c) for c in row.cells if c is not None),
                    "above the heading row (a title); not read",
                )
        return read_data(sheet.starting_at(layout.heading_row), rules, report)
    if is_data or sheet.name.strip().casefold() == DATA_SHEET.casefold():
        return read_data(sheet, rules, report)  # says which columns are missing
    is_measures = sheet.name.strip().casefold() == MEASURES_SHEET.casefold()
    report.ignore(
        sheet.name,
        None,
        None,
        "",
        NOT_A_LIST_OF_MEASURES
        if is_measures
        else "neither a heading row with measure_id, period and value, nor rows naming "
        "measures under a row of periods; not read",
    )
    return None


def _nothing_to_read(workbook: UploadWorkbook, figure_sheets: int) -> str:
    if all(s.is_empty for s in workbook.sheets):
        return (
            "the workbook is empty: none of its sheets has anything in it; download the "
            "template, fill in its Data sheet and upload that"
        )
    if figure_sheets == 0:
        sheets = ", ".join(f"'{n}'" for n in workbook.sheet_names) or "none"
        return (
            f"the workbook has no sheet called '{DATA_SHEET}' (its sheets are {sheets}) and no "
            "sheet of figures laid out as in the template or as a scorecard (measures in rows, "
            "quarters in columns); download the template and put the figures in its Data sheet"
        )
    return (
        "the upload has no figures, commentary or actions; fill in the Data sheet and "
        "upload it again"
    )


def _latest_quarter(periods: Sequence[Period]) -> Period | None:
    quarters = [p for p in periods if p.kind is PeriodKind.QUARTER]
    return max(quarters) if quarters else None


def _warn_red_without_commentary(
    rows: Accepted,
    submission: Submission,
    reporting: Period | None,
    catalogue: Catalogue,
    report: Report,
) -> None:
    """A Red measure should be explained to the panel in the same upload.

    Commentary for the measure's own period counts, and so does commentary for the upload's
    quarter (where an annual figure or a correction is usually explained).
    """
    explained = {(c.priority, c.period) for c in submission.commentary}
    # Commentary for the upload's quarter explains its priority's Red measures whatever their
    # period: those are not looked at (with such commentary, a large upload's every total).
    excused = {priority for priority, period in explained if period == reporting}
    measures = {m.id: m for m in catalogue.measures if m.is_rated and m.priority not in excused}
    if not measures:
        return
    # Only totals are rated: the rows of breakdowns (most of a large upload) left out at once.
    totals = map(ALL.__eq__, submission.columns().breakdowns)
    for row in map(rows.__getitem__, compress(range(len(rows)), totals)):
        observation = row.observation
        measure = measures.get(observation.measure_id)
        if measure is None:
            continue
        if not is_red(measure, observation.value):
            continue
        if (measure.priority, observation.period) in explained:
            continue
        assert observation.value is not None and measure.target is not None
        report.warn(
            row.sheet,
            row.row,
            row.column,
            number_text(observation.value),
            f"{measure.id} is Red ({number_text(observation.value)} against a target of "
            f"{number_text(measure.target)}); add commentary for priority {measure.priority} "
            f"and {observation.period.label} on the Commentary sheet to explain it to the panel",
        )


def _describe_guidance(workbook: UploadWorkbook, report: Report) -> None:
    sheet = workbook.sheet(INSTRUCTIONS_SHEET)
    if sheet is not None and not sheet.is_empty:
        report.ignore(sheet.name, None, None, "", "guidance for filling in the template; not read")


def _has_content(submission: Submission) -> bool:
    s = submission
    return bool(s.observations or s.commentary or s.actions or s.meeting_items)


def _blocking_first(issues: list[Issue], workbook: UploadWorkbook) -> list[Issue]:
    """Problems that stop the upload first, then warnings; each of them with the problems
    with the whole upload first, then sheet by sheet as the workbook has them, row by row
    (the order problems were found in is kept within a row)."""
    order = {name.strip().casefold(): i for i, name in enumerate(workbook.sheet_names)}
    return sorted(
        issues,
        key=lambda i: (
            not i.is_blocking,
            order.get(i.sheet.strip().casefold(), -1),
            i.row is not None,
            i.row or 0,
        ),
    )


def _one_per_quarter_not_ended(issues: list[Issue]) -> list[Issue]:
    """A template filled in before its quarter ended says so on every row: one problem per
    sheet and quarter ("2026/27 Q3 has not ended yet: 63 rows"), so the real mistakes are
    not buried among them."""
    rows: dict[tuple[str, str], list[Issue]] = {}
    for issue in issues:
        if issue.row is not None and NOT_ENDED in issue.message:
            rows.setdefault((issue.sheet, issue.message), []).append(issue)
    kept = []
    for issue in issues:
        group = rows.get((issue.sheet, issue.message), [])
        if len({i.row for i in group}) < 2:
            kept.append(issue)
        elif issue is group[0]:
            period, _, rest = issue.message.partition(NOT_ENDED)
            numbers = sorted({i.row for i in group if i.row is not None})
            columns = sorted({i.column for i in group if i.column})
            kept.append(
                Issue(
                    issue.sheet,
                    None,
                    ", ".join(columns) or None,
                    period.strip(),
                    f"{period}{NOT_ENDED}: {_rows(numbers)}{rest}",
                    issue.severity,
                )
            )
    return kept


def _rows(numbers: list[int]) -> str:
    """``40 rows, 2 to 40 and 42`` for rows 2, 3, … 40, 42."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    parts = [f"{a} to {b}" if b > a else str(a) for a, b in spans]
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
    return f"{len(numbers)} rows, {listed}"
