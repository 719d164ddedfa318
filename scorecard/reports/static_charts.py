"""Charts for paper: a measure's trend as an SVG image, drawn by matplotlib with no browser.

The same picture as the app's trend chart (:func:`scorecard.charts.trend_chart`): the line,
the target dashed and labelled, Green/Amber/Red bands faintly behind, each quarter labelled.
Its text alternative is :func:`scorecard.charts.trend_summary`, printed beside it.
"""

from __future__ import annotations

import io
import math
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from scorecard import charts, formatting
from scorecard.catalogue import Measure, Unit
from scorecard.rag import Rag
from scorecard.status import Reading

_LINE = "#1d70b8"
_INK = "#0b0c0c"
_GRID = "#d8d8d8"
_STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",  # shipped inside matplotlib, so every machine has it
    "font.size": 9,
    "svg.fonttype": "path",
    "svg.hashsalt": "scorecard",  # the same chart gives the same file
    "axes.edgecolor": "#6f777b",
    "axes.labelcolor": _INK,
    "xtick.color": _INK,
    "ytick.color": _INK,
}


def _bands(measure: Measure, low: float, high: float) -> list[tuple[float, float, Rag]]:
    """The app's RAG spans (scorecard.charts), cut to the drawn axis."""
    return [
        (max(a, low), min(b, high), rag)
        for a, b, rag in charts.rag_spans(measure, low, high)
        if min(b, high) > max(a, low)
    ]


def trend_svg(
    measure: Measure, history: list[Reading], *, width: float = 4.6, height: float = 2.2
) -> str:
    """The measure's readings (oldest first) as an SVG document, ``width`` × ``height`` inches."""
    labels = [r.period.label for r in history]
    values = [math.nan if r.value is None else r.value for r in history]
    low, high = charts.value_axis_range(measure, [v for v in values if not math.isnan(v)])
    with matplotlib.rc_context(_STYLE):  # type: ignore[arg-type]
        figure = Figure(figsize=(width, height), layout="constrained")
        axes = figure.subplots()
        for start, end, rag in _bands(measure, low, high):
            axes.axhspan(start, end, color=rag.colour, alpha=0.08, linewidth=0)
        if measure.target is not None:
            axes.axhline(measure.target, color=_INK, linestyle="--", linewidth=1.2)
            axes.annotate(
                f"Target {formatting.target_text(measure)}",
                xy=(0, measure.target),
                xycoords=("axes fraction", "data"),
                xytext=(3, 3),
                textcoords="offset points",
                fontsize=8,
                color=_INK,
            )
        positions = list(range(len(labels)))
        axes.plot(positions, values, color=_LINE, linewidth=2.2, marker="o", markersize=4)
        if values and not math.isnan(values[-1]):
            axes.annotate(
                formatting.short_value(measure, values[-1]),
                xy=(positions[-1], values[-1]),
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                fontsize=9,
                fontweight="bold",
                color=_INK,
            )
        axes.set_ylim(low, high)
        axes.set_xlim(-0.5, max(len(labels) - 0.5, 0.5))
        axes.set_xticks(positions, [_short_label(label) for label in labels])
        axes.tick_params(axis="x", labelsize=7.5, length=0)
        if measure.unit is Unit.COUNT:  # gridlines at whole children, never 0.5 of one
            axes.yaxis.set_major_locator(
                MaxNLocator(nbins="auto", integer=True, steps=[1, 2, 5, 10])
            )
        axes.yaxis.set_major_formatter(
            FuncFormatter(lambda y, _: formatting.short_value(measure, y).replace(".0%", "%"))
        )
        axes.grid(axis="y", color=_GRID, linewidth=0.6)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _short_label(label: str) -> str:
    """``2026/27 Q2`` → ``Q2 26/27`` on two lines, so eight quarters fit side by side."""
    parts = label.split(" ")
    if len(parts) == 2 and parts[1].startswith("Q"):
        return f"{parts[1]}\n{parts[0][2:]}"
    return label
