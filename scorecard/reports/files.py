"""The briefing pack and the formatted scorecard as files, for the command line and downloads.

``.pdf`` is the briefing pack; ``.xlsx`` the formatted scorecard workbook (with the plain
table as its ``Data`` sheet). ``--public`` / ``public=True`` gives the published version.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from scorecard import export, meetings
from scorecard.errors import ScorecardError
from scorecard.periods import Period
from scorecard.publication import (
    Cell,
    reading_cells,
    record_cells,
    remember,
    status_cells,
    window_cells,
)
from scorecard.reports.content import ReportData, gather
from scorecard.reports.pack import briefing_pack
from scorecard.reports.slides import chart_history
from scorecard.reports.workbook import QUARTERS, scorecard_workbook
from scorecard.storage.publications import Output
from scorecard.storage.store import Store

PDF, XLSX = ".pdf", ".xlsx"
SUFFIXES = (PDF, XLSX)
MIME = {
    PDF: "application/pdf",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def report_bytes(
    store: Store,
    suffix: str,
    period: Period | None = None,
    *,
    public: bool = False,
    meeting_id: int | None = None,
    only_period: bool = False,
    today: dt.date | None = None,
) -> tuple[bytes, ReportData]:
    """A briefing pack (``.pdf``) or scorecard workbook (``.xlsx``) and what it was made of.

    ``period`` defaults to the latest quarter; a meeting puts its theme first and names it on
    the cover. ``only_period`` limits the workbook's Data sheet to that period (otherwise it
    holds every period, as the JSON and CSV exports do).
    """
    suffix = suffix.lower()
    if suffix not in SUFFIXES:
        raise ScorecardError(f"Cannot write a report as '{suffix}': use .pdf or .xlsx.")
    meeting = meetings.meeting(store, meeting_id) if meeting_id is not None else None
    theme = meeting.theme_priority if meeting else None
    data = gather(store, period, public=public, today=today, theme=theme)
    records = None
    if suffix == PDF:
        content = briefing_pack(data, meeting)
    else:
        records = export.observation_records(  # the index gather() made, not a second one
            data.catalogue, data.histories, data.period if only_period else None
        )
        content = scorecard_workbook(data, records)
    if public:  # remembered before anyone has the file
        output = Output.PDF if records is None else Output.XLSX
        remember(store, data.observations, _shown(data, records), output)
    return content, data


def _shown(data: ReportData, records: list[dict[str, Any]] | None) -> set[Cell]:
    """The figures a briefing pack (no ``records``) or a workbook (its Data sheet's
    ``records``) shows: every measure's figure, with the one it is compared with, and the pack's
    charts or the workbook's recent quarters and "since a year ago"."""
    statuses = [s for report in data.reports for s in report.statuses]
    if records is None:
        # Which measures the pack charts is its own choice: any of them could be charted.
        shown = status_cells(statuses)
        for measure in data.catalogue.measures:
            charted = chart_history(data.histories, measure.id, data.period)
            shown |= reading_cells(measure.id, charted)
        return shown
    return (
        status_cells(statuses, year_ago=True)
        | window_cells(data.histories, data.period, QUARTERS)
        | record_cells(records)
    )


def file_name(period: Period, suffix: str, *, public: bool) -> str:
    """``briefing-pack-2026-27-Q2-public.pdf``-style names, safe on every system."""
    label = period.label.replace("/", "-").replace(" ", "-")
    kind = "briefing-pack" if suffix == PDF else "scorecard"
    return f"{kind}-{label}{'-public' if public else ''}{suffix}"


def write(
    store: Store,
    out: Path,
    period: Period | None = None,
    *,
    public: bool = False,
    meeting_id: int | None = None,
) -> str:
    """Write the report to ``out`` and say what was written."""
    content, data = report_bytes(
        store, out.suffix, period, public=public, meeting_id=meeting_id, only_period=bool(period)
    )
    out.write_bytes(content)
    what = "briefing pack" if out.suffix.lower() == PDF else "scorecard workbook"
    version = " (published version, small numbers suppressed)" if public else ""
    return f"Wrote the {what} for {data.period.label}{version} to {out}."
