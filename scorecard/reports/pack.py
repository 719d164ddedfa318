"""The briefing pack for the agenda papers, as a tagged PDF (PDF/UA-1) with selectable text.

The layout is a Typst template (``pack.typ``); this module only decides what goes in it, as
a JSON document of plain strings. Typst shows strings literally, so officers' text cannot
act as markup; it tags headings, tables (with header cells), figures with their alternative
text and the reading order, and checks the result against PDF/UA-1 as it writes it. Fonts
come from matplotlib's own folder (DejaVu Sans), so a fresh machine needs no system fonts.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path
from typing import Any

import matplotlib
import typst

from scorecard import charts, disclosure, formatting, qualitative, variation
from scorecard.catalogue import Measure
from scorecard.errors import ScorecardError
from scorecard.meetings import Meeting, MeetingItem, due_text, is_overdue, long_date, status_text
from scorecard.rag import RAG_ORDER, Direction, Rag
from scorecard.records import ActionItem, CommentaryKind
from scorecard.reports import plain
from scorecard.reports.content import PriorityReport, ReportData
from scorecard.reports.slides import chart_history
from scorecard.reports.static_charts import trend_svg
from scorecard.status import MeasureStatus
from scorecard.symbols import Symbol

CHARTS_PER_PRIORITY = 4
_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def briefing_pack(data: ReportData, meeting: Meeting | None = None) -> bytes:
    """The pack's PDF bytes."""
    template = resources.files("scorecard.reports").joinpath("pack.typ").read_bytes()
    document = json.dumps(pack_document(data, meeting), ensure_ascii=False)
    try:
        pdf = typst.compile(  # type: ignore[misc]
            template,
            font_paths=[str(_FONTS)],
            ignore_system_fonts=True,
            sys_inputs={"data": document},
            pdf_standards=["ua-1"],
            timestamp=dt.datetime.combine(data.today, dt.time(12), tzinfo=dt.UTC),
        )
    except typst.TypstError as exc:  # a fault in the template, not in the user's data
        raise ScorecardError(f"The briefing pack could not be written: {exc.message}") from exc
    assert isinstance(pdf, bytes)
    return pdf


def pack_document(data: ReportData, meeting: Meeting | None = None) -> dict[str, Any]:
    """Everything the template prints, as JSON-ready plain data."""
    authority = data.catalogue.authority
    version = "Published version" if data.public else "Panel members' version"
    cover = [
        f"Figures for {data.period.long_label}",
        f"Produced on {long_date(data.today)}",
        version,
    ]
    if meeting is not None:
        theme = data.catalogue.priority(meeting.theme_priority)
        when = long_date(meeting.held_on)
        cover.insert(0, f"For the meeting on {when}, themed on {theme.number}. {theme.title}")
    notes = []
    if authority.demonstration:
        notes.append(
            f"Demonstration data. {authority.name} is not a real council and every figure, "
            "quote and action in this pack is made up."
        )
    if data.public:
        notes.append(
            "Published version: small numbers are hidden to protect children's privacy. "
            + disclosure.suppression_note(data.threshold)
            + " Officers' commentary appears only where it was approved for publication."
        )
    return {
        "title": f"Corporate Parenting Panel briefing pack: {data.period.label}",
        "subtitle": f"Corporate parenting scorecard for {data.period.long_label}",
        "authority": authority.name,
        "keywords": ["corporate parenting", "scorecard", data.period.label],
        "footer": f"{authority.name} · Corporate parenting scorecard {data.period.label}"
        + (" · Published version" if data.public else ""),
        "cover": cover,
        "cover_notes": notes,
        "overview": _overview(data),
        "priorities": [_priority(data, r) for r in data.reports],
        "meeting_actions": _meeting_actions(data),
        "appendix": _appendix(data),
    }


# -- sections -----------------------------------------------------------------------------


def _overview(data: ReportData) -> dict[str, Any]:
    rows = [
        [r.heading + (" (this meeting's theme)" if r.is_theme else "")]
        + [str(r.counts[rag]) for rag in RAG_ORDER]
        for r in data.reports
    ]
    total = sum(len(r.statuses) for r in data.reports)
    return {
        "intro": f"How many of the {total} measures in each priority are Red, Amber or Green "
        f"in {data.period.label}. Each status has a shape as well as a colour.",
        "table": {
            "columns": ["Priority", *[rag.badge for rag in RAG_ORDER]],
            "widths": [3.2, 1, 1, 1, 1.1, 1],
            "rows": rows,
        },
        "key": "Red: worse than target beyond the tolerance. Amber: worse than target, within "
        "the tolerance. Green: on or better than target. Not rated: no target, or a context "
        "measure. No data: no figure for this period.",
    }


def _rag_cell(rag: Rag) -> dict[str, str]:
    return {"text": rag.badge, "colour": rag.colour}


def _direction_text(change: Direction) -> str:
    if change is Direction.NOT_COMPARABLE:
        return "No comparison"
    return f"{change.arrow} {change.value}"


def _value_text(status: MeasureStatus, data: ReportData) -> str:
    """``22.0%`` with ``11 of 50`` beneath (not in public), and the year of an annual figure."""
    reading = status.reading
    if reading is None:
        return "No data"
    text = formatting.short_value(status.measure, reading.value, reading.symbol)
    if reading.period != data.period:
        text += f" ({reading.period.label})"
    cohort = (
        ""
        if data.public
        else formatting.cohort_text(reading.numerator, reading.denominator, status.measure.counted)
    )
    return text + (f"\n{cohort}" if cohort else "")


def _measure_table(data: ReportData, report: PriorityReport) -> dict[str, Any]:
    compared = {s.measure.id: data.comparisons.get(s.measure.id) for s in report.statuses}
    with_benchmarks = any(c is not None for c in compared.values())
    value = "Value" if data.public else "Value (n of N)"
    columns = ["Measure", value, "Target", "Status", "Since last period", "Is it real?"]
    widths = [2.6, 1.15, 0.9, 1.05, 1.15, 1.25]
    if with_benchmarks:
        columns += ["England", "Band"]
        widths += [0.9, 0.6]
    rows = []
    for status in report.statuses:
        measure = status.measure
        row: list[Any] = [
            measure.name,
            _value_text(status, data),
            formatting.target_text(measure) if measure.target is not None else "No target",
            _rag_cell(status.rag),
            _direction_text(status.vs_previous),
            status.variation.variation.label if status.variation else "Too few quarters",
        ]
        if with_benchmarks:
            found = compared[measure.id]
            row += [
                formatting.short_value(measure, found.england) if found else "",
                (found.band or "–") if found else "",
            ]
        rows.append(row)
    return {"columns": columns, "widths": widths, "rows": rows}


def _table_notes(data: ReportData, report: PriorityReport) -> list[str]:
    notes = []
    if any(data.comparisons.get(s.measure.id) for s in report.statuses):
        years = sorted({c.year for c in data.comparisons.values()})
        notes.append(
            "England and Band (A = among the best quarter of councils, D = the worst quarter) "
            f"are from DfE's published figures ({', '.join(years)})."
        )
    short = [
        f"{s.measure.name}: {formatting.children_short_text(s.measure, n)}"
        for s in report.statuses
        if (n := s.children_short_of_target)
    ]
    notes += short
    notes += [
        f"{s.measure.name}: {variation.in_words(s.variation)}"
        for s in report.statuses
        if s.variation is not None and s.variation.variation.is_special
    ]
    if data.public and any(
        s.reading is not None and s.reading.symbol is Symbol.SUPPRESSED for s in report.statuses
    ):
        notes.append(disclosure.suppression_note(data.threshold))
    return notes


def _charts(data: ReportData, report: PriorityReport) -> list[dict[str, str]]:
    chosen = report.key_measures(CHARTS_PER_PRIORITY) or report.on_target(1)
    found = []
    for status in chosen:
        measure = status.measure
        history = chart_history(data.histories, measure.id, data.period)
        if not any(r.value is not None for r in history):
            continue
        found.append(
            {
                "title": measure.name,
                "svg": trend_svg(measure, history),
                "alt": f"{measure.name}: {charts.trend_summary(measure, history)}",
            }
        )
    return found


def _commentary(report: PriorityReport) -> list[dict[str, Any]]:
    return [
        {
            "heading": kind.heading,
            "items": [{"title": c.title, "text": c.text} for c in items],
        }
        for kind, items in qualitative.by_kind(report.commentary)
        if kind is not CommentaryKind.NARRATIVE or items
    ]


def _actions(data: ReportData, actions: list[ActionItem]) -> dict[str, Any] | None:
    if not actions:
        return None
    return {
        "columns": ["Action", "Owner", "Due", "Status", "Latest update"],
        "widths": [2.2, 1.3, 1.2, 0.9, 2.4],
        "rows": [
            [
                a.action,
                a.owner,
                qualitative.due_text(a, data.today),
                qualitative.status_text(a.status, qualitative.is_overdue(a, data.today)),
                a.update,
            ]
            for a in actions
        ],
    }


def _priority(data: ReportData, report: PriorityReport) -> dict[str, Any]:
    theme = " (this meeting's theme)" if report.is_theme else ""
    return {
        "heading": report.heading + theme,
        "plain_title": report.priority.plain_title,
        "summary": plain.summary(report),
        "counts": report.counts_text,
        "table": _measure_table(data, report),
        "table_notes": _table_notes(data, report),
        "charts": _charts(data, report),
        "commentary": _commentary(report),
        "no_commentary": (
            "No commentary for this priority has been approved for publication."
            if data.public
            else f"No commentary was uploaded for {data.period.label}."
        ),
        "actions": None if data.public else _actions(data, report.actions),
        "no_actions": (
            "The action plan is in the panel members' version of this pack."
            if data.public
            else "No action plan has been uploaded for this priority yet."
        ),
    }


def _meeting_actions(data: ReportData) -> dict[str, Any]:
    if data.public:
        return {
            "intro": "Actions agreed at panel meetings are recorded in the minutes of each "
            "meeting.",
            "table": None,
        }
    items = data.open_actions
    if not items:
        return {"intro": "No action from an earlier panel meeting is still open.", "table": None}
    overdue = sum(1 for i in items if is_overdue(i, data.today))
    return {
        "intro": f"{len(items)} action(s) agreed at earlier meetings are still open"
        + (f"; {overdue} of them are overdue (marked ⚠ Overdue)." if overdue else "."),
        "table": {
            "columns": ["Meeting", "Action", "Owner", "Due", "Status", "Latest update"],
            "widths": [1.1, 2.2, 1.3, 1.5, 0.9, 2.0],
            "rows": [_meeting_action_row(data, i) for i in items],
        },
    }


def _meeting_action_row(data: ReportData, item: MeetingItem) -> list[Any]:
    held = data.meeting_of(item)
    due: Any = due_text(item, data.today)
    if is_overdue(item, data.today):
        due = {"text": due, "colour": Rag.RED.colour}
    return [
        f"{held.held_on.day} {held.held_on:%b %Y}" if held else "",
        item.text,
        item.owner,
        due,
        status_text(item, data.today),
        item.update,
    ]


def _definition(measure: Measure) -> dict[str, str]:
    return {
        "name": measure.name,
        "id": measure.id,
        "definition": measure.definition,
        "why": measure.why_it_matters,
        "rule": formatting.rule_text(measure),
        "source": measure.source,
    }


def _appendix(data: ReportData) -> dict[str, Any]:
    symbols = [[rag.badge, text] for rag, text in _RAG_WORDS.items()]
    symbols += [[f"{d.arrow} {d.value}", text] for d, text in _DIRECTION_WORDS.items()]
    symbols += [[s.value, s.meaning.capitalize()] for s in Symbol]
    return {
        "intro": "Definitions, the reason each measure matters, how it is rated and where the "
        "figures come from, priority by priority.",
        "priorities": [
            {
                "heading": f"{p.number}. {p.title}",
                "measures": [_definition(m) for m in data.catalogue.measures_of(p.number)],
            }
            for p in data.catalogue.ordered_priorities()
        ],
        "symbols": {"columns": ["Symbol", "Meaning"], "widths": [1, 4], "rows": symbols},
    }


_RAG_WORDS = {
    Rag.GREEN: "On or better than target",
    Rag.AMBER: "Worse than target, within the tolerance",
    Rag.RED: "Worse than target beyond the tolerance",
    Rag.NOT_RATED: "No target, or a context measure that is never rated",
    Rag.NO_DATA: "No figure for this period",
}
_DIRECTION_WORDS = {
    Direction.IMPROVING: "Better than the period before",
    Direction.WORSENING: "Worse than the period before",
    Direction.NO_CHANGE: "The same as the period before",
    Direction.UP: "Higher than the period before (neither better nor worse)",
    Direction.DOWN: "Lower than the period before (neither better nor worse)",
}
