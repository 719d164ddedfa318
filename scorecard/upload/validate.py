"""Check a whole upload at once and turn it into a :class:`~scorecard.records.Submission`.

Every problem is reported, never only the first: each is an :class:`Issue` with the sheet,
Excel row, column, the value found and what to do. Rows with a blocking problem are left
out of the submission; nothing should be committed unless :attr:`Validation.is_valid`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scorecard.catalogue import ALL, Catalogue
from scorecard.periods import Period, PeriodKind
from scorecard.rag import Rag, rate
from scorecard.records import Commentary, Submission
from scorecard.upload.cells import number_text
from scorecard.upload.columns import Report
from scorecard.upload.data_sheet import DataRow, read_data
from scorecard.upload.issues import (
    ACTIONS_SHEET,
    COMMENTARY_SHEET,
    DATA_SHEET,
    INSTRUCTIONS_SHEET,
    MEASURES_SHEET,
    VALUE,
    Issue,
    Severity,
)
from scorecard.upload.qualitative import read_actions, read_commentary
from scorecard.upload.reader import UploadWorkbook

_READ_SHEETS = (DATA_SHEET, COMMENTARY_SHEET, ACTIONS_SHEET)
_TEMPLATE_SHEETS = {
    INSTRUCTIONS_SHEET.casefold(): "is guidance for filling in the template",
    MEASURES_SHEET.casefold(): (
        "lists the catalogue for reference (an administrator changes measures)"
    ),
}


@dataclass(frozen=True)
class Validation:
    submission: Submission
    issues: list[Issue]
    ignored: list[str]  # sheets and columns that were not read, each described

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
) -> Validation:
    """Check ``workbook`` against ``catalogue``.

    ``today`` decides which periods are in the future (a quarter can be reported only once it
    has ended). The Actions sheet has no period column: its items are reported for ``period``
    or, if None, for the latest quarter in the Data sheet (or, failing that, the Commentary).
    """
    report = Report()
    rows: list[DataRow] = []
    data = workbook.sheet(DATA_SHEET)
    if data is None:
        sheets = ", ".join(f"'{n}'" for n in workbook.sheet_names) or "none"
        report.block(
            DATA_SHEET,
            None,
            None,
            "",
            f"the workbook has no sheet called '{DATA_SHEET}' (its sheets are {sheets}); "
            "download the template and put the figures in its Data sheet",
        )
    else:
        rows = read_data(data, catalogue, today, report)
    commentary_sheet = workbook.sheet(COMMENTARY_SHEET)
    commentary = (
        read_commentary(commentary_sheet, catalogue, today, report)
        if commentary_sheet is not None and not commentary_sheet.is_empty
        else []
    )
    reporting = (
        period
        or _latest_quarter([r.observation.period for r in rows])
        or (_latest_quarter([c.period for c in commentary]))
    )
    actions_sheet = workbook.sheet(ACTIONS_SHEET)
    actions = (
        read_actions(actions_sheet, catalogue, reporting, report)
        if actions_sheet is not None and not actions_sheet.is_empty
        else []
    )
    _warn_red_without_commentary(rows, commentary, reporting, catalogue, report)
    _describe_other_sheets(workbook, report)
    submission = Submission(
        observations=[r.observation for r in rows], commentary=commentary, actions=actions
    )
    if data is not None and report.blocking_count == 0 and not _has_content(submission):
        report.block(
            DATA_SHEET,
            None,
            None,
            "",
            "the upload has no figures, commentary or actions; fill in the Data sheet and "
            "upload it again",
        )
    return Validation(
        submission=submission, issues=_in_sheet_order(report.issues), ignored=report.ignored
    )


def _latest_quarter(periods: list[Period]) -> Period | None:
    quarters = [p for p in periods if p.kind is PeriodKind.QUARTER]
    return max(quarters) if quarters else None


def _warn_red_without_commentary(
    rows: list[DataRow],
    commentary: list[Commentary],
    reporting: Period | None,
    catalogue: Catalogue,
    report: Report,
) -> None:
    """A Red measure should be explained to the panel in the same upload.

    Commentary for the measure's own period counts, and so does commentary for the upload's
    quarter (where an annual figure or a correction is usually explained).
    """
    explained = {(c.priority, c.period) for c in commentary}
    for row in rows:
        observation = row.observation
        if observation.breakdown != ALL:
            continue
        measure = catalogue.measure(observation.measure_id)
        if rate(measure, observation.value) is not Rag.RED:
            continue
        if (measure.priority, observation.period) in explained or (
            reporting is not None and (measure.priority, reporting) in explained
        ):
            continue
        assert observation.value is not None and measure.target is not None
        report.warn(
            DATA_SHEET,
            row.row,
            VALUE,
            number_text(observation.value),
            f"{measure.id} is Red ({number_text(observation.value)} against a target of "
            f"{number_text(measure.target)}); add commentary for priority {measure.priority} "
            f"and {observation.period.label} on the Commentary sheet to explain it to the panel",
        )


def _describe_other_sheets(workbook: UploadWorkbook, report: Report) -> None:
    read = {s.casefold() for s in _READ_SHEETS}
    for sheet in workbook.sheets:
        name = sheet.name.strip().casefold()
        if name in read or sheet.is_empty:
            continue
        why = _TEMPLATE_SHEETS.get(name, f"is not one of the sheets {', '.join(_READ_SHEETS)}")
        report.ignored.append(f"Sheet '{sheet.name}' {why}; it was not read.")


def _has_content(submission: Submission) -> bool:
    return bool(submission.observations or submission.commentary or submission.actions)


def _in_sheet_order(issues: list[Issue]) -> list[Issue]:
    order = {name.casefold(): i for i, name in enumerate(_READ_SHEETS)}
    return sorted(
        issues,
        key=lambda i: (order.get(i.sheet.casefold(), len(order)), i.row is not None, i.row or 0),
    )
