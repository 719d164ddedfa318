"""The chair's slides: open actions from earlier meetings first (when presenting a meeting),
then one slide per priority, the meeting's theme first.

Each priority slide carries its RAG summary, the few measures that matter (Red first, then
Amber; when none is, the ones on target), one chart (the first of those measures), the key
commentary and "You said, we did".
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from scorecard import charts
from scorecard.catalogue import Unit
from scorecard.meetings import Meeting, MeetingItem
from scorecard.periods import Period
from scorecard.rag import Rag
from scorecard.reports.content import PriorityReport
from scorecard.status import Histories, MeasureStatus, Reading, readings

CHART_QUARTERS = 8


@dataclass(frozen=True)
class ActionsSlide:
    meeting: Meeting
    carried: list[MeetingItem]

    @property
    def title(self) -> str:
        return "Actions from earlier meetings"


@dataclass(frozen=True)
class PrioritySlide:
    report: PriorityReport
    measures: list[MeasureStatus]
    all_on_target: bool
    chart: MeasureStatus | None
    chart_history: list[Reading]

    @property
    def title(self) -> str:
        return self.report.heading


Slide = ActionsSlide | PrioritySlide


def priority_slide(report: PriorityReport, histories: Histories, period: Period) -> PrioritySlide:
    measures = report.key_measures()
    all_on_target = not measures
    if all_on_target:
        measures = report.on_target()
    chart = next((s for s in measures if s.value is not None), None)
    history = chart_history(histories, chart.measure.id, period) if chart else []
    return PrioritySlide(report, measures, all_on_target, chart, history)


def chart_history(histories: Histories, measure_id: str, period: Period) -> list[Reading]:
    """The last readings up to ``period``: eight quarters, or eight years of an annual measure."""
    shown = [r for r in readings(histories, measure_id) if r.period.end <= period.end]
    return shown[-CHART_QUARTERS:]


def deck(
    reports: list[PriorityReport],
    histories: Histories,
    period: Period,
    meeting: Meeting | None = None,
    carried: list[MeetingItem] | None = None,
) -> list[Slide]:
    """Every slide in order. ``reports`` come theme first (:func:`content.priority_reports`)."""
    slides: list[Slide] = []
    if meeting is not None:
        slides.append(ActionsSlide(meeting, carried or []))
    slides.extend(priority_slide(r, histories, period) for r in reports)
    return slides


def slide_number(requested: str | None, count: int) -> int:
    """The slide a link or a refresh asks for (1-based), kept within the deck; the first
    when the request is not a number."""
    try:
        number = int(requested or 1)
    except ValueError:
        number = 1
    return min(max(number, 1), max(count, 1))


def rated_summary(report: PriorityReport) -> str:
    """``2 of 9 measures are Red · 1 Amber · 5 Green`` in words and shapes."""
    counts = report.counts
    parts = [f"{rag.icon} {counts[rag]} {rag.value}" for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)]
    others = counts[Rag.NOT_RATED] + counts[Rag.NO_DATA]
    if others:
        parts.append(f"{Rag.NOT_RATED.icon} {others} not rated or no data")
    return " · ".join(parts)


def slide_chart(slide: PrioritySlide) -> go.Figure | None:
    """The slide's one chart: the app's trend chart, in type big enough for a video call."""
    if slide.chart is None:
        return None
    measure = slide.chart.measure
    figure = charts.trend_chart(measure, slide.chart_history, height=270)
    ticks = {"size": 17, "color": "#0b0c0c"}
    figure.update_layout(
        font={"size": 18},
        margin={"l": 10, "r": 20, "t": 10, "b": 10},
        xaxis={"tickfont": ticks},
        yaxis={"tickfont": ticks, "ticksuffix": "%" if measure.unit is Unit.PERCENT else ""},
    )
    return figure


def chart_summary(slide: PrioritySlide) -> str:
    if slide.chart is None:
        return ""
    measure = slide.chart.measure
    return f"{measure.name}: {charts.trend_summary(measure, slide.chart_history)}"
