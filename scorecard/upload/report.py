"""The validation report as tables, and as a workbook the officer can download.

Every value quoted back comes from the officer's own file, so the workbook is written with
:func:`scorecard.upload.template.put`: text that looks like a formula stays text.
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from scorecard.catalogue import Catalogue
from scorecard.storage.store import UploadRecord
from scorecard.upload.preview import Preview
from scorecard.upload.template import put
from scorecard.upload.validate import Validation

ISSUE_COLUMNS = ("Sheet", "Row", "Column", "Value found", "What to do", "Blocking or warning")
IGNORED_COLUMNS = ("Sheet", "Row", "Column", "Value", "Why it was not read")
HISTORY_COLUMNS = ("Upload", "When (UTC)", "By", "File", "Status", "What")
_WIDTHS = {"What to do": 90, "Why it was not read": 80, "Value found": 24, "Value": 30}


def issues_table(validation: Validation) -> pd.DataFrame:
    return pd.DataFrame(
        [
            (i.sheet, i.row, i.column or "", i.value, i.message, i.severity.value)
            for i in validation.issues
        ],
        columns=list(ISSUE_COLUMNS),
    ).astype({"Row": "Int64"})


def ignored_table(validation: Validation) -> pd.DataFrame:
    return pd.DataFrame(
        [(i.sheet, i.row, i.column or "", i.value, i.reason) for i in validation.ignored],
        columns=list(IGNORED_COLUMNS),
    ).astype({"Row": "Int64"})


def history_table(uploads: list[UploadRecord]) -> pd.DataFrame:
    """Uploads, newest first, as the history table of the upload page."""
    return pd.DataFrame(
        [
            (
                u.id,
                u.uploaded_at.strftime("%d/%m/%Y %H:%M"),
                u.uploaded_by,
                u.file_name,
                u.status.value,
                u.summary,
            )
            for u in uploads
        ],
        columns=list(HISTORY_COLUMNS),
    )


def report_workbook(
    file_name: str,
    validation: Validation,
    preview: Preview | None = None,
    catalogue: Catalogue | None = None,
) -> bytes:
    """An .xlsx with the problems, what was not read and (if given) the preview."""
    book = Workbook()
    sheets: list[tuple[str, pd.DataFrame]] = [
        ("Problems", issues_table(validation)),
        ("Not read", ignored_table(validation)),
    ]
    if preview is not None and catalogue is not None:
        sheets.append(("Changes", preview.table(catalogue)))
    if preview is not None and preview.meeting_items:
        sheets.append(("Meeting actions", preview.meeting_table()))
    first = book.active
    assert first is not None
    book.remove(first)
    for title, frame in sheets:
        sheet = book.create_sheet(title)
        put(sheet, 1, 1, f"{file_name}: {title.lower()}").font = Font(bold=True, size=13)
        for column, name in enumerate(frame.columns, start=1):
            put(sheet, 3, column, name).font = Font(bold=True)
            sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS.get(name, 14)
        for row, values in enumerate(frame.itertuples(index=False), start=4):
            for column, value in enumerate(values, start=1):
                cell = put(sheet, row, column, None if pd.isna(value) else value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
