"""Plotly figures for the views, each with a one-sentence text alternative."""

from __future__ import annotations

import plotly.graph_objects as go

from scorecard import formatting
from scorecard.catalogue import Measure, Polarity, Unit
from scorecard.rag import Rag
from scorecard.status import Reading
from scorecard.text import as_chart_text
from scorecard.variation import Analysis, Variation, sentence, spans

_LINE = "#1d70b8"
_TARGET = "#0b0c0c"
_FONT = "Source Sans Pro, Arial, sans-serif"
_LIMITS = "#6f777b"  # the process limits: quiet, behind everything else
_SPECIAL = {  # special-cause markers: a diamond (shape) as well as a colour
    Variation.IMPROVEMENT: "#1d70b8",
    Variation.CONCERN: "#d4351c",
    Variation.NEITHER: "#4c2c92",
}
_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


def trend_summary(measure: Measure, history: list[Reading]) -> str:
    """One sentence a screen reader reads instead of the chart, e.g.
    "Rose from 48.0% to 56.0% over four quarters (…); target 60.0%."."""
    points = [r for r in history if r.value is not None]
    target = f"; target {formatting.target_text(measure)}" if measure.target is not None else ""
    if not points:
        return f"No figures yet{target}."
    first, last = points[0], points[-1]
    last_text = formatting.short_value(measure, last.value)
    if len(points) == 1:
        return f"{last_text} in {last.period.label}, the only figure so far{target}."
    first_text = formatting.short_value(measure, first.value)
    # The time covered, not the number of figures: a missing quarter is still a quarter.
    covered = 1
    step = first.period
    while step < last.period:
        step, covered = step.next(), covered + 1
    unit = "quarters" if first.period.quarter else "years"
    span = f"over {_WORDS.get(covered, str(covered))} {unit}"
    when = f"({first.period.label} to {last.period.label})"
    if first_text == last_text:
        movement = f"{last_text} at the start and at the end, {span} {when}"
    else:
        verb = "Rose" if (last.value or 0) > (first.value or 0) else "Fell"
        movement = f"{verb} from {first_text} to {last_text} {span} {when}"
    values = [r.value for r in points if r.value is not None]
    low, high = min(values), max(values)
    if low < min(first.value or 0, last.value or 0) or high > max(
        first.value or 0, last.value or 0
    ):
        low_text = formatting.short_value(measure, low)
        high_text = formatting.short_value(measure, high)
        movement += f", ranging from {low_text} to {high_text}"
    return f"{movement}{target}."


def variation_summary(measure: Measure, analysis: Analysis) -> str:
    """The process limits and special causes in words, for the chart's text alternative:
    in the measure's unit, and no lower than a figure can be (a lower limit of -0.814
    exclusions is 0, as the band is drawn) nor above 100%."""
    latest = analysis.latest
    lower = latest.lower if measure.unit.can_be_negative else max(latest.lower, 0.0)
    upper = min(latest.upper, 100.0) if measure.unit is Unit.PERCENT else latest.upper

    def said_as(value: float) -> str:
        return formatting.with_unit(measure.unit, f"{value:.3g}")

    said = (
        f"The shaded band shows the process limits, {said_as(lower)} to {said_as(upper)} "
        f"around an average of {said_as(latest.mean)}. {analysis.variation.label}: "
        f"{sentence(analysis)}"
    )
    marked = [p for p in analysis.points if p.special_cause is not None]
    if marked:
        said += (
            " Special-cause quarters (diamonds): " + ", ".join(p.period.label for p in marked) + "."
        )
    return said


def value_axis_range(measure: Measure, values: list[float]) -> tuple[float, float]:
    """Room around the figures and the target, so a change of a few points is visible;
    percentages stay within 0-100 and everything starts from zero when it is near."""
    candidates = [*values, *([measure.target] if measure.target is not None else [])]
    if not candidates:
        return (0.0, 100.0 if measure.unit is Unit.PERCENT else 1.0)
    low, high = min(candidates), max(candidates)
    pad = max((high - low) * 0.25, abs(high) * 0.05, 1.0)
    # Counts, rates, days and money start at zero so that a wobble does not look like a leap.
    zero_based = measure.unit not in (Unit.PERCENT, Unit.SCORE)
    low = 0.0 if zero_based or low - pad < high * 0.25 else low - pad
    high = high + pad
    if measure.unit is Unit.PERCENT:
        return (max(low, 0.0), min(high, 100.0))
    return (low, high)


# Below this span an automatic step would be a fraction: half an exclusion, 2.5 care leavers.
_FEWEST_WHOLE_STEPS = 6


def value_axis_step(measure: Measure, low: float, high: float) -> int | None:
    """One, for a count whose value axis spans so little that a chart's own choice of
    gridlines would fall between whole children (0, 0.5, 1, 1.5); None to let the chart
    choose (a wider count axis gets steps of 2, 5, 10 or more, never a fraction)."""
    if measure.unit is Unit.COUNT and high - low <= _FEWEST_WHOLE_STEPS:
        return 1
    return None


def value_axis(measure: Measure, low: float, high: float) -> dict[str, object]:
    """A plotly value axis from ``low`` to ``high``, its gridlines at whole numbers for a
    count (:func:`value_axis_step`); otherwise its step unset, plotly's own, so an axis
    widened later (benchmarks/charts.py) loses a step it no longer needs."""
    step = value_axis_step(measure, low, high)
    return {
        "range": [low, high],
        "gridcolor": "#dddddd",
        "fixedrange": True,
        "tick0": 0 if step is not None else None,
        "dtick": step,
    }


def rag_spans(measure: Measure, low: float, high: float) -> list[tuple[float, float, Rag]]:
    """Where on the value axis (from ``low`` to ``high``) a figure would be Green, Amber and
    Red; none for a measure that is not rated."""
    if not measure.is_rated or measure.target is None:
        return []
    target, tolerance = measure.target, measure.tolerance or 0.0
    if measure.polarity is Polarity.HIGHER_IS_BETTER:
        spans = [(target, high, Rag.GREEN), (target - tolerance, target, Rag.AMBER)]
        spans.append((low, target - tolerance, Rag.RED))
    else:
        spans = [(low, target, Rag.GREEN), (target, target + tolerance, Rag.AMBER)]
        spans.append((target + tolerance, high, Rag.RED))
    return [(y0, y1, rag) for y0, y1, rag in spans if y1 > y0]


def _rag_bands(measure: Measure, low: float, high: float) -> list[dict[str, object]]:
    """Shapes shading where a value would be Green, Amber and Red, behind the line."""
    return [
        {
            "type": "rect",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": y0,
            "y1": y1,
            "fillcolor": rag.colour,
            "opacity": 0.08,
            "line": {"width": 0},
            "layer": "below",
            "name": f"{rag.value} band",
        }
        for y0, y1, rag in rag_spans(measure, low, high)
    ]


def _target_line(measure: Measure) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    if measure.target is None:
        return [], []
    line = {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "yref": "y",
        "y0": measure.target,
        "y1": measure.target,
        "line": {"color": _TARGET, "dash": "dash", "width": 2},
        "name": "target",
    }
    # Named above the plot's top left, in the margin kept for it, rather than on the line
    # where it covered the data and the comparator lines.
    label = {
        "xref": "paper",
        "x": 0,
        "xanchor": "left",
        "yref": "paper",
        "y": 1,
        "yanchor": "bottom",
        "text": f"Target {formatting.target_text(measure)} (dashed line)",
        "showarrow": False,
    }
    return [line], [label]


def _process_limits(labels: list[str], analysis: Analysis) -> list[dict[str, object]]:
    """Each segment's limits as a quiet band and its mean as a dotted line, behind the data."""
    shapes: list[dict[str, object]] = []
    for segment, first, last in spans(analysis, labels):
        x0, x1 = first - 0.4, last + 0.4
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "x0": x0,
                "x1": x1,
                "yref": "y",
                "y0": segment.lower,
                "y1": segment.upper,
                "fillcolor": _LIMITS,
                "opacity": 0.10,
                "line": {"width": 0},
                "layer": "below",
                "name": "process limits",
            }
        )
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "x0": x0,
                "x1": x1,
                "yref": "y",
                "y0": segment.mean,
                "y1": segment.mean,
                "line": {"color": _LIMITS, "dash": "dot", "width": 1.5},
                "layer": "below",
                "name": "mean",
            }
        )
    return shapes


def _special_causes(measure: Measure, analysis: Analysis) -> dict[str, object] | None:
    """Special-cause quarters as diamonds over the line, each saying which rule it broke."""
    marked = [p for p in analysis.points if p.special_cause is not None]
    if not marked:
        return None
    colour = _SPECIAL.get(analysis.variation, _SPECIAL[Variation.NEITHER])
    return {
        "type": "scatter",
        "x": [p.period.label for p in marked],
        "y": [p.value for p in marked],
        "mode": "markers",
        "name": "Special cause",
        "marker": {
            "symbol": "diamond",
            "size": 13,
            "color": "white",
            "line": {"color": colour, "width": 3},
        },
        "customdata": [
            f"{formatting.short_value(measure, p.value)}, special cause: "
            f"{p.special_cause.explained if p.special_cause else ''}"
            for p in marked
        ],
        "hovertemplate": "%{x}: %{customdata}<extra></extra>",
    }


def trend_chart(
    measure: Measure,
    history: list[Reading],
    *,
    height: int = 260,
    analysis: Analysis | None = None,
) -> go.Figure:
    """The measure over time, with its target line and the RAG bands shaded, and, given
    its statistical process control, the mean and process limits (a quiet band) with the
    special-cause quarters marked as diamonds.

    Built as one specification rather than with add_hrect/add_hline, which cost about 30 ms
    a chart, most of a page's time when it shows a dozen measures.
    """
    values = [r.value for r in history]
    low, high = value_axis_range(measure, [v for v in values if v is not None])
    target_shapes, target_labels = _target_line(measure)
    trace = {
        "type": "scatter",
        "x": [r.period.label for r in history],
        "y": values,
        "mode": "lines+markers",
        "name": as_chart_text(measure.name),
        "line": {"color": _LINE, "width": 3},
        "marker": {"size": 8},
        "customdata": [formatting.short_value(measure, r.value, r.symbol) for r in history],
        "hovertemplate": "%{x}: %{customdata}<extra></extra>",
        "connectgaps": False,
    }
    labels = [r.period.label for r in history]
    limit_shapes: list[dict[str, object]] = []
    data: list[dict[str, object]] = [trace]
    if analysis is not None:
        limit_shapes = _process_limits(labels, analysis)
        marked = _special_causes(measure, analysis)
        if marked is not None:
            data.append(marked)
        inside = [analysis.latest.lower, analysis.latest.upper]
        low, high = value_axis_range(measure, [v for v in [*values, *inside] if v is not None])
    layout = {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "font": {"family": _FONT, "size": 14, "color": "#0b0c0c"},
        "showlegend": False,
        "plot_bgcolor": "white",
        "yaxis": value_axis(measure, low, high),
        # automargin: a slanted last quarter label is not cut at a phone's edge.
        "xaxis": {"type": "category", "fixedrange": True, "nticks": 6, "automargin": True},
        "shapes": _rag_bands(measure, low, high) + limit_shapes + target_shapes,
        "annotations": target_labels,
    }
    return go.Figure({"data": data, "layout": layout})


def breakdown_summary(measure: Measure, values: dict[str, float | None]) -> str:
    known = {k: v for k, v in values.items() if v is not None}
    if not known:
        return "No figures by breakdown for this period."
    parts = [f"{k}: {formatting.short_value(measure, v)}" for k, v in known.items()]
    return "By breakdown — " + "; ".join(parts) + "."


def sparklines_summary(measures: list[Measure], histories: dict[str, list[Reading]]) -> str:
    return " ".join(f"{m.name}: {trend_summary(m, histories.get(m.id, []))}" for m in measures)
