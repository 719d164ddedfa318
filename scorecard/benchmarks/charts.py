"""Plotly figures for benchmarks, each with a one-sentence text alternative.

Colour is never the only signal: us, our statistical neighbours and other councils differ in
marker shape and size and are named in the legend; comparator lines differ in dash and marker.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from scorecard import formatting
from scorecard.benchmarks import columns as col
from scorecard.benchmarks.comparators import Comparators, Role
from scorecard.benchmarks.funnel import Z95, Z998, Cohort, FunnelView, Judgement
from scorecard.benchmarks.service import ComparatorLine
from scorecard.benchmarks.wording import year_text
from scorecard.catalogue import Measure, Polarity, Unit
from scorecard.charts import trend_chart, trend_summary, value_axis, variation_summary
from scorecard.status import Reading
from scorecard.text import as_chart_text
from scorecard.variation import Analysis

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
                mode="markers",
                # Our figure in the legend rather than as a label beside the star, where it
                # covered the lines and the other councils' dots.
                name=as_chart_text(
                    f"{comparators.council.name} {shown[0]}"
                    if role is Role.US
                    else _role_name(role, comparators.council.name)
                ),
                marker={
                    "symbol": style["symbol"],
                    "size": style["size"],
                    "color": style["color"],
                    "line": {"width": 1, "color": _INK},
                },
                # Plotly reads HTML in hover labels, values included; the names are DfE's.
                customdata=[
                    (as_chart_text(name) if isinstance(name, str) else name, s)
                    for name, s in zip(rows[col.LA_NAME], shown, strict=True)
                ],
                hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
            )
        )
    # England and the top quartile are named in the legend, not by labels on the plot, where
    # they overlapped each other, the dots and our own label on a narrow screen.
    reference = [
        ("England", comparators.england, {"dash": "dash", "width": 2}),
        ("Top quartile", comparators.top_quartile, {"dash": "dot", "width": 2}),
    ]
    for name, level, dash in reference:
        if level is None:
            continue
        drawn = _LINE_STYLE["England" if name == "England" else "Top quartile of councils"]
        line: dict[str, object] = {"color": drawn["color"], **dash}
        fig.add_hline(y=level, line=line)
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line=line,
                name=f"{name} {formatting.short_value(measure, level)}",
                hoverinfo="skip",
            )
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


_LEGEND_WRAP = 40
_LEGEND_ROOM = 70


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
        # A long measure name over two lines, so a phone's legend does not cut it short.
        for trace in fig.data:
            if trace.name and len(trace.name) > _LEGEND_WRAP:
                trace.name = "<br>".join(textwrap.wrap(trace.name, _LEGEND_WRAP))
        fig.update_layout(
            # Room for the legend on top of the plot's own: on a phone it takes three or four
            # lines, which would otherwise squeeze the plot to a strip.
            height=(fig.layout.height or 260) + _LEGEND_ROOM,
            showlegend=True,
            # At the foot of the whole figure, not of the plot: there it covered the quarter
            # labels. Plotly widens the bottom margin to fit it, on any screen width.
            legend={
                "orientation": "h",
                "yref": "container",
                "yanchor": "bottom",
                "y": 0,
                "x": 0,
            },
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
    # The Red, Amber and Green bands reach the new edges, or a comparator beyond the old ones
    # looks drawn outside the plot.
    for shape in fig.layout.shapes:
        if not (shape.name or "").endswith(" band"):
            continue
        if shape.y1 == current[1]:
            shape.y1 = high
        if shape.y0 == current[0]:
            shape.y0 = low
    fig.update_yaxes(**value_axis(measure, low, high))


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


def trend_summary_with_comparators(
    measure: Measure,
    history: list[Reading],
    lines: Sequence[ComparatorLine],
    *,
    analysis: Analysis | None = None,
) -> str:
    """The text alternative of a trend with its comparators and process control, in words."""
    summary = trend_summary(measure, history)
    if analysis is not None:
        summary += " " + variation_summary(measure, analysis)
    if lines:
        summary += " " + comparator_lines_summary(measure, lines)
    return summary


def trend_with_comparators(
    measure: Measure,
    history: list[Reading],
    lines: Sequence[ComparatorLine],
    *,
    height: int = 260,
    analysis: Analysis | None = None,
) -> tuple[go.Figure, str]:
    """Our trend chart with the published annual comparators drawn over it (and, given it,
    the statistical process control), and the text alternative for all of it."""
    fig = trend_chart(measure, history, height=height, analysis=analysis)
    if lines:
        add_comparator_lines(fig, measure, lines)
    return fig, trend_summary_with_comparators(measure, history, lines, analysis=analysis)


# -- against every council: the funnel plot -----------------------------------------------------


def _limit_curves(view: FunnelView) -> list[dict[str, object]]:
    """England's 95% and 99.8% limits over the range of cohort sizes, as plain lines."""
    sizes = [p.cohort.denominator for p in view.councils]
    if view.ours is not None:
        sizes.append(view.ours.denominator)
    low, high = max(min(sizes), 1.0), max(sizes)
    steps = 80
    grid = [low * (high / low) ** (i / (steps - 1)) for i in range(steps)]
    traces: list[dict[str, object]] = []
    for z, name, dash in ((Z998, "99.8% limits", "solid"), (Z95, "95% limits", "dash")):
        for side in (0, 1):
            traces.append(
                {
                    "type": "scatter",
                    "x": grid,
                    "y": [view.funnel.limits(n, z)[side] * view.scale for n in grid],
                    "mode": "lines",
                    "name": name,
                    "legendgroup": name,
                    "showlegend": side == 0,
                    "line": {"color": "#505a5f", "dash": dash, "width": 1.5},
                    "hoverinfo": "skip",
                }
            )
    return traces


def funnel_chart(
    measure: Measure, view: FunnelView, council_name: str, region_code: str, *, height: int = 420
) -> go.Figure:
    """Every council's figure against its cohort size, with England's 95% and 99.8% limits;
    us (a star, named), our statistical neighbours (diamonds) and our region's councils
    (squares) picked out from the rest (circles)."""
    data: list[dict[str, object]] = _limit_curves(view)
    groups = {
        "Other councils": [
            p
            for p in view.councils
            if p.role == Role.OTHER.value and (not region_code or p.region != region_code)
        ],
        "Councils in our region": [
            p
            for p in view.councils
            if p.role == Role.OTHER.value and region_code and p.region == region_code
        ],
        "Our statistical neighbours": [p for p in view.councils if p.role == Role.NEIGHBOUR.value],
    }
    marks = {
        "Other councils": {"symbol": "circle", "size": 7, "color": "#b1b4b6"},
        "Councils in our region": {"symbol": "square", "size": 8, "color": "#f47738"},
        "Our statistical neighbours": _STYLE[Role.NEIGHBOUR],
    }
    for name, placed in groups.items():
        if not placed:
            continue
        data.append(_funnel_points(measure, view, name, [p.cohort for p in placed], marks[name]))
    if view.ours is not None:
        ours = _funnel_points(
            measure, view, as_chart_text(council_name), [view.ours], _STYLE[Role.US]
        )
        data.append(ours)
    layout = {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "font": {"family": _FONT, "size": 14, "color": _INK},
        "plot_bgcolor": "white",
        # Below the plot, so the legend never covers a council or the axis labels.
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
        "xaxis": {
            "title": {"text": "Cohort size (children counted), log scale"},
            "type": "log",
            "fixedrange": True,
            "gridcolor": "#eeeeee",
        },
        "yaxis": {
            "title": {"text": _UNIT_TITLE.get(measure.unit, "%")},
            "fixedrange": True,
            "gridcolor": "#eeeeee",
        },
        "shapes": [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": view.funnel.target * view.scale,
                "y1": view.funnel.target * view.scale,
                "line": {"color": _INK, "width": 1.5},
                "name": "England",
            }
        ],
        # Our name in a box above and to the right of the star, clear of England's line.
        "annotations": [
            {
                "x": math.log10(view.ours.denominator),
                "y": view.ours.proportion * view.scale,
                "xref": "x",
                "yref": "y",
                "text": as_chart_text(council_name),
                "showarrow": True,
                "arrowcolor": _INK,
                "ax": 30,
                "ay": -45,
                "bgcolor": "white",
                "bordercolor": _INK,
                "borderpad": 3,
            }
        ]
        if view.ours is not None
        else [],
    }
    return go.Figure({"data": data, "layout": layout})


def _funnel_points(
    measure: Measure,
    view: FunnelView,
    name: str,
    cohorts: list[Cohort],
    mark: dict[str, object],
) -> dict[str, object]:
    return {
        "type": "scatter",
        "x": [c.denominator for c in cohorts],
        "y": [c.proportion * view.scale for c in cohorts],
        "mode": "markers",
        "name": name,
        "marker": {
            "symbol": mark["symbol"],
            "size": mark["size"],
            "color": mark["color"],
            "line": {"width": 1, "color": _INK},
        },
        "customdata": [
            [
                as_chart_text(c.name),
                formatting.short_value(measure, c.proportion * view.scale),
                f"{c.denominator:,.0f}",
                view.funnel.judge(c).plain,
            ]
            for c in cohorts
        ],
        "hovertemplate": "%{customdata[0]}: %{customdata[1]} of %{customdata[2]}"
        "<br>%{customdata[3]}<extra></extra>",
    }


def funnel_summary(measure: Measure, view: FunnelView, council_name: str) -> str:
    """The funnel plot in words: where we sit, and how many councils sit outside the limits."""
    judged = [view.funnel.judge(p.cohort) for p in view.councils]
    above = sum(1 for j in judged if j is Judgement.ABOVE)
    below = sum(1 for j in judged if j is Judgement.BELOW)
    england = formatting.short_value(measure, view.funnel.target * view.scale)
    said = (
        f"A funnel plot of {len(view.councils)} councils' figures against the number of "
        f"children each counts, around England's {england}: {above} are statistically above "
        f"England and {below} below it (outside the 99.8% limits)."
    )
    if view.ours is not None:
        ours = formatting.short_value(measure, view.ours.proportion * view.scale)
        said += (
            f" {council_name} ({ours} of {view.ours.denominator:,.0f}) is "
            f"{view.funnel.judge(view.ours).plain}."
        )
    else:
        said += f" {council_name} has no cohort size to place it on the plot."
    return said
