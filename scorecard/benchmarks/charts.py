"""Plotly figures for benchmarks, each with a one-sentence text alternative.

Colour is never the only signal: us, our statistical neighbours and other councils differ in
marker shape and size and are named in the legend; comparator lines differ in dash and marker.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from scorecard import formatting
from scorecard.benchmarks import columns as col
from scorecard.benchmarks.comparators import Comparators, Role
from scorecard.benchmarks.service import ComparatorLine
from scorecard.benchmarks.wording import year_text
from scorecard.catalogue import Measure, Polarity, Unit
from scorecard.charts import trend_chart, trend_summary
from scorecard.status import Reading
from scorecard.text import as_chart_text

_UNIT_TITLE = {Unit.RATE_PER_10K: "per 10,000 children", Unit.DAYS: "days", Unit.SCORE: "score"}
_FONT = "Source Sans Pro, Arial, sans-serif"
_INK = "#0b0c0c"
_STYLE = {
    Role.OTHER: {"symbol": "circle", "size": 7, "color": "#b1b4b6"},
    Role.NEIGHBOUR: {"symbol": "diamond", "size": 11, "color": "#1d70b8"},
    Role.US: {"symbol": "star", "size": 18, "color": _INK},
}
_LINE_STYLE = {
    "England": {"dash": "dash", "color": "#505a5f", "symbol": "square"},
    "Statistical neighbours (average)": {"dash": "dot", "color": "#1d70b8", "symbol": "diamond"},
    "Top quartile of councils": {"dash": "dashdot", "color": "#00703c", "symbol": "triangle-up"},
}


def _role_name(role: Role, council_name: str) -> str:
    if role is Role.US:
        return council_name
    return {Role.NEIGHBOUR: "Our statistical neighbours", Role.OTHER: "Other councils"}[role]


def standings_chart(
    measure: Measure, standings: pd.DataFrame, comparators: Comparators, *, height: int = 380
) -> go.Figure:
    """Every council's figure as a dot, best first from left to right (highest first for a
    context measure), with us and our neighbours picked out and England as a line."""
    fig = go.Figure()
    position = pd.Series(range(1, len(standings) + 1), index=standings.index)
    for role in (Role.OTHER, Role.NEIGHBOUR, Role.US):
        rows = standings[standings["role"] == role.value]
        if rows.empty:
            continue
        style = _STYLE[role]
        shown = [formatting.short_value(measure, v) for v in rows[col.VALUE]]
        fig.add_trace(
            go.Scatter(
                x=position[rows.index],
                y=rows[col.VALUE],
                mode="markers+text" if role is Role.US else "markers",
                name=as_chart_text(_role_name(role, comparators.council.name)),
                marker={
                    "symbol": style["symbol"],
                    "size": style["size"],
                    "color": style["color"],
                    "line": {"width": 1, "color": _INK},
                },
                text=[as_chart_text(f"{comparators.council.name} {s}") for s in shown]
                if role is Role.US
                else None,
                textposition="top center",
                # Plotly reads HTML in hover labels, values included; the names are DfE's.
                customdata=[
                    (as_chart_text(name) if isinstance(name, str) else name, s)
                    for name, s in zip(rows[col.LA_NAME], shown, strict=True)
                ],
                hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
            )
        )
    if comparators.england is not None:
        fig.add_hline(
            y=comparators.england,
            line={"color": _LINE_STYLE["England"]["color"], "dash": "dash", "width": 2},
            annotation_text=f"England {formatting.short_value(measure, comparators.england)}",
            annotation_position="top left",
        )
    if comparators.top_quartile is not None:
        fig.add_hline(
            y=comparators.top_quartile,
            line={"color": _LINE_STYLE["Top quartile of councils"]["color"], "dash": "dot"},
            annotation_text="Top quartile "
            + formatting.short_value(measure, comparators.top_quartile),
            annotation_position="bottom right",
        )
    ranked = measure.polarity is not Polarity.NONE
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font={"family": _FONT, "size": 14, "color": _INK},
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        xaxis={
            "title": "Councils, best first (1 = best)" if ranked else "Councils, highest first",
            "fixedrange": True,
            "showgrid": False,
        },
        yaxis={
            "title": _UNIT_TITLE.get(measure.unit, ""),
            "ticksuffix": "%" if measure.unit is Unit.PERCENT else "",
            "gridcolor": "#dddddd",
            "fixedrange": True,
        },
    )
    return fig


def standings_summary(measure: Measure, standings: pd.DataFrame, comparators: Comparators) -> str:
    """One sentence saying what the standings chart shows."""
    order = "best first" if measure.polarity is not Polarity.NONE else "highest first"
    parts = [f"{len(standings)} councils' figures for the {year_text(comparators.year)}, {order}"]
    c = comparators
    if c.figure.value is not None:
        ours = f"{c.council.name} {formatting.short_value(measure, c.figure.value)}"
        if c.rank is not None:
            ours += f", ranked {c.rank} of {c.ranked_of}"
        if c.band is not None:
            ours += f" (band {c.band.value})"
        parts.append(ours)
    else:
        parts.append(f"{c.council.name} has no figure")
    if c.england is not None:
        parts.append(f"England {formatting.short_value(measure, c.england)}")
    if c.sn_mean is not None:
        parts.append(
            f"statistical neighbours' average {formatting.short_value(measure, c.sn_mean)}"
        )
    if c.best_name is not None:
        parts.append(f"best council {c.best_name} {formatting.short_value(measure, c.best_value)}")
    return "; ".join(parts) + "."


def add_comparator_lines(fig: go.Figure, measure: Measure, lines: Sequence[ComparatorLine]) -> None:
    """Draw annual comparator lines over a quarterly trend chart (scorecard.charts.trend_chart)
    whose x axis holds period labels. A point whose quarter is not on the axis is left out, so
    the axis keeps its order; the legend names every line."""
    categories = {str(x) for trace in fig.data for x in (trace.x if trace.x is not None else ())}
    added = False
    for line in lines:
        points = [(p.label, v) for p, v in line.points if p.label in categories]
        if not points:
            continue
        style = _LINE_STYLE.get(line.name, {"dash": "dash", "color": "#505a5f", "symbol": "x"})
        fig.add_trace(
            go.Scatter(
                x=[label for label, _ in points],
                y=[value for _, value in points],
                mode="lines+markers",
                name=as_chart_text(f"{line.name} (DfE, annual)"),
                line={"color": style["color"], "dash": style["dash"], "width": 2},
                marker={"symbol": style["symbol"], "size": 9},
                customdata=[formatting.short_value(measure, v) for _, v in points],
                hovertemplate=f"{as_chart_text(line.name)}, year to %{{x}}: %{{customdata}}"
                "<extra></extra>",
            )
        )
        added = True
    if added:
        fig.update_layout(
            showlegend=True,
            legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        )
        _widen_value_axis(fig, measure, [v for t in fig.data for v in (t.y or ()) if v is not None])


def _widen_value_axis(fig: go.Figure, measure: Measure, values: list[float]) -> None:
    """A fixed value axis (as trend_chart sets) stretched so no comparator is cut off."""
    current = fig.layout.yaxis.range
    if current is None or not values:
        return
    low, high = min(current[0], *values), max(current[1], *values)
    pad = (high - low) * 0.05 if (low, high) != tuple(current) else 0.0
    low, high = low - (pad if low < current[0] else 0), high + (pad if high > current[1] else 0)
    if measure.unit is Unit.PERCENT:
        low, high = max(low, 0.0), min(high, 100.0)
    fig.update_yaxes(range=[low, high])


def comparator_lines_summary(measure: Measure, lines: Sequence[ComparatorLine]) -> str:
    """One sentence giving each comparator line's latest figure, e.g. "Published comparators
    for the year to 2024/25 Q4: England 54.0%, statistical neighbours (average) 57.5%."."""
    latest = [(line.name, line.points[-1]) for line in lines if line.points]
    if not latest:
        return "No published comparators."
    parts = [
        f"{name} {formatting.short_value(measure, value)} (year to {period.label})"
        for name, (period, value) in latest
    ]
    return "Published comparators: " + ", ".join(parts) + "."


def trend_with_comparators(
    measure: Measure, history: list[Reading], lines: Sequence[ComparatorLine], *, height: int = 260
) -> tuple[go.Figure, str]:
    """Our trend chart with the published annual comparators drawn over it, and the text
    alternative for both."""
    fig = trend_chart(measure, history, height=height)
    summary = trend_summary(measure, history)
    if lines:
        add_comparator_lines(fig, measure, lines)
        summary += " " + comparator_lines_summary(measure, lines)
    return fig, summary
