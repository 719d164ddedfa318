"""Static charts for pages that show many at once: SVG drawn here, shown as an image.

A Priority page with a dozen measures drew a dozen interactive plotly charts, about 0.15 s of
the browser's time each (benchmarks/browser.py). These draw the same things — the figures,
the target and its Red, Amber and Green bands, the process limits and special causes, the
published comparators, a legend — as a few kilobytes of SVG that the browser shows as an image:
no script, nothing to lay out but lines and text. The interactive chart, with a value on hover,
is on the measure's own page.

Widths are percentages and heights pixels, so one drawing fits a phone and a wide screen and
its text stays the same size on both (an image scaled to fit would shrink its text with it).
A slide's chart is the exception (:class:`Size` with a width and height): drawn at its
1280×720 size and scaled as a whole, lettering and all, with the screen it is shared on.

Every piece of text goes through :func:`_text`, which escapes it as XML: a name from a
catalogue or from DfE's files is shown as the characters typed and can never become markup.
The result is shown through an ``<img>`` (a data: address), where an SVG can neither run a
script nor load anything, even if some text were not escaped.
"""

from __future__ import annotations

import base64
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from scorecard import formatting
from scorecard.benchmarks.service import ComparatorLine
from scorecard.catalogue import Measure, Unit
from scorecard.charts import rag_spans, value_axis_range
from scorecard.rag import rate
from scorecard.status import Reading
from scorecard.variation import Analysis, Variation, spans

LINE = "#1d70b8"
INK = "#0b0c0c"
GREY = "#505a5f"
GRID = "#dddddd"
LIMITS = "#6f777b"
SPECIAL = {Variation.IMPROVEMENT: "#1d70b8", Variation.CONCERN: "#d4351c"}
SPECIAL_OTHER = "#4c2c92"
FONT = "'Source Sans Pro', Arial, sans-serif"
# As the interactive chart draws them (scorecard/benchmarks/charts.py): dash and marker tell
# the lines apart as well as colour.
COMPARATOR_STYLE = {
    "England": ("6 4", GREY, "square"),
    "Statistical neighbours (average)": ("2 3", "#1d70b8", "diamond"),
    "Top quartile of councils": ("8 3 2 3", "#00703c", "triangle"),
}
# Markers centred on (0, 0), placed with <use x="..%" y="..">: a <use>'s position may be a
# percentage, a path's points may not.
SHAPES = {
    "square": '<rect id="square" x="-4" y="-4" width="8" height="8"/>',
    "diamond": '<path id="diamond" d="M0 -6L6 0L0 6L-6 0Z"/>',
    "triangle": '<path id="triangle" d="M0 -6L5.5 4L-5.5 4Z"/>',
    "special": '<path id="special" d="M0 -7L7 0L0 7L-7 0Z"/>',
}
LEFT, RIGHT = 8.0, 98.5  # the plot's edges, in percent of the width; the value labels left of it


@dataclass(frozen=True)
class Size:
    """A trend picture's lettering and plot, in its own pixels. A tile's is as wide as its
    column (``width`` None) with a plot of ``plot`` pixels; a slide's is drawn ``width`` ×
    ``height`` and scaled as a whole (a viewBox), lettering and all, to the screen it is
    shown on."""

    type: float = 13  # the key's lettering
    ticks: float = 12  # the axes' labels
    key_line: float = 17  # each line of the key above the plot
    plot: float = 170
    left: float = LEFT
    # A fixed size (a slide's): the plot takes what the key, labels and legend leave of
    # ``height`` (``plot`` is not used), and the key names the grey band, as no sentence
    # beside the picture does.
    width: float | None = None
    height: float | None = None
    percent_ticks: bool = False  # "60%" rather than "60" on the value axis
    tick_colour: str = GREY


TILE = Size()


def _text(value: object) -> str:
    """Text for an element or an attribute: XML-escaped, quotes included."""
    return escape(str(value), {'"': "&quot;", "'": "&#39;"})


def data_address(svg: str) -> str:
    """The SVG as a data: address, the form st.image passes to the browser as it is."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _nice_ticks(low: float, high: float, most: int = 5, *, whole: bool = False) -> list[float]:
    """Round values between ``low`` and ``high`` for gridlines: steps of 1, 2, 2.5 or 5 × 10ⁿ;
    for a ``whole`` number of children, steps of 1, 2 or 5 × 10ⁿ and never under one."""
    if high <= low:
        return [low]
    rough = (high - low) / most
    power = 10 ** math.floor(math.log10(rough))
    multiples = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = next(s * power for s in multiples if s * power >= rough)
    if whole:
        step = max(step, 1)
    first = math.ceil(low / step - 1e-9) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def _tick_label(value: float, step: float) -> str:
    """The tick as exactly as the step needs and no longer: a step of 2.5 is labelled 0, 2.5,
    5, 7.5 (not 2 and 8, rounded half to even), of 0.2 is 0.2, 0.4, and of 5 is 0, 5, 10.
    No trailing zeros: "100.0%" would not fit left of the plot."""
    places = next((p for p in range(6) if abs(step * 10**p - round(step * 10**p)) < 1e-6), 6)
    text = f"{value:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class _Plot:
    """Percent across (the categories' positions), pixels down (the values)."""

    def __init__(
        self,
        count: int,
        low: float,
        high: float,
        top: float,
        height: float,
        left: float = LEFT,
        right: float = RIGHT,
    ):
        self.count, self.low, self.high = count, low, high
        self.top, self.height = top, height
        self.left, self.right = left, right
        self.parts: list[str] = []

    def x(self, index: float) -> float:
        if self.count <= 1:
            return (self.left + self.right) / 2
        return self.left + 2 + (self.right - self.left - 4) * index / (self.count - 1)

    def y(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.top + self.height * (self.high - value) / span

    def add(self, part: str) -> None:
        self.parts.append(part)

    def band(
        self,
        low: float,
        high: float,
        colour: str,
        opacity: float,
        x0: float | None = None,
        x1: float | None = None,
    ) -> None:
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        low, high = max(low, self.low), min(high, self.high)
        if high <= low:
            return
        self.add(
            f'<rect x="{x0:.2f}%" width="{x1 - x0:.2f}%" y="{self.y(high):.1f}" '
            f'height="{self.y(low) - self.y(high):.1f}" fill="{colour}" '
            f'fill-opacity="{opacity}"/>'
        )

    def rule(
        self,
        value: float,
        colour: str,
        width: float,
        dash: str | None = None,
        x0: float | None = None,
        x1: float | None = None,
    ) -> None:
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        y = self.y(value)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(
            f'<line x1="{x0:.2f}%" x2="{x1:.2f}%" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="{width}"{dashed}/>'
        )

    def series(
        self,
        points: Sequence[tuple[float, float | None]],
        colour: str,
        width: float,
        dash: str | None = None,
        joined: bool = False,
    ) -> None:
        """Segments between neighbouring points; a missing figure leaves a gap unless
        ``joined`` (an annual line drawn over quarters joins its years)."""
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        segments = []
        previous: tuple[float, float] | None = None
        for index, value in points:
            if value is None:
                previous = None if not joined else previous
                continue
            here = (self.x(index), self.y(value))
            if previous is not None:
                segments.append(
                    f'<line x1="{previous[0]:.2f}%" y1="{previous[1]:.1f}" '
                    f'x2="{here[0]:.2f}%" y2="{here[1]:.1f}"/>'
                )
            previous = here
        if segments:
            self.add(
                f'<g stroke="{colour}" stroke-width="{width}" stroke-linecap="round"{dashed}>'
                + "".join(segments)
                + "</g>"
            )

    def markers(
        self,
        points: Sequence[tuple[float, float | None]],
        shape: str,
        fill: str,
        stroke: str = "none",
        radius: float = 4,
    ) -> None:
        drawn = []
        for index, value in points:
            if value is None:
                continue
            if shape == "circle":
                drawn.append(
                    f'<circle cx="{self.x(index):.2f}%" cy="{self.y(value):.1f}" r="{radius}"/>'
                )
            else:
                drawn.append(
                    f'<use href="#{shape}" x="{self.x(index):.2f}%" y="{self.y(value):.1f}"/>'
                )
        if drawn:
            self.add(f'<g fill="{fill}" stroke="{stroke}" stroke-width="2.5">{"".join(drawn)}</g>')


def _document(height: float, parts: list[str], shapes: set[str], size: Size = TILE) -> str:
    defs = "".join(SHAPES[s] for s in sorted(shapes))
    # A percentage across is of the viewBox's width when there is one: the same drawing.
    frame = (
        f'width="100%" height="{height:.0f}"'
        if size.width is None
        else f'viewBox="0 0 {size.width:.0f} {height:.0f}" width="{size.width:.0f}" '
        f'height="{height:.0f}"'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" {frame} '
        f'font-family="{FONT}" font-size="{size.type:g}" fill="{INK}">'
        + (f"<defs>{defs}</defs>" if defs else "")
        + "".join(parts)
        + "</svg>"
    )


def _x_labels(plot: _Plot, labels: list[str], y: float, most: int, size: Size = TILE) -> None:
    """The first and last category and evenly spaced ones between, never crowded."""
    if not labels:
        return
    count = min(most, len(labels))
    picked = sorted({round(i * (len(labels) - 1) / max(count - 1, 1)) for i in range(count)})
    for index in picked:
        anchor = "middle"
        if len(picked) > 1 and index == picked[0]:
            anchor = "start"
        elif len(picked) > 1 and index == picked[-1]:
            anchor = "end"
        x = plot.x(index) - (2 if anchor == "start" else 0) + (1.5 if anchor == "end" else 0)
        plot.add(
            f'<text x="{x:.2f}%" y="{y:.1f}" text-anchor="{anchor}" font-size="{size.ticks:g}" '
            f'fill="{size.tick_colour}">{_text(labels[index])}</text>'
        )


def _y_grid(plot: _Plot, size: Size = TILE, suffix: str = "", *, whole: bool = False) -> None:
    ticks = _nice_ticks(plot.low, plot.high, whole=whole)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    for tick in ticks:
        plot.rule(tick, GRID, 1)
        plot.add(
            f'<text x="{plot.left - 1:.2f}%" y="{plot.y(tick) + size.ticks / 3:.1f}" '
            f'text-anchor="end" font-size="{size.ticks:g}" fill="{size.tick_colour}">'
            f"{_text(_tick_label(tick, step) + suffix)}</text>"
        )


def trend_svg(
    measure: Measure,
    history: list[Reading],
    *,
    analysis: Analysis | None = None,
    lines: Sequence[ComparatorLine] = (),
    size: Size = TILE,
) -> str:
    """What a tile's trend shows (scorecard.benchmarks.charts.trend_with_comparators): the
    figures over the quarters, the target as a dashed line over the Red, Amber and Green
    bands, the process limits as a quiet band with their average dotted and special-cause
    quarters as diamonds, and the published comparators as dashed lines, with a legend.
    Drawn at ``size`` (a tile's by default); a drawing of a fixed size (a slide's) names the
    grey band in its key as well, having no sentence beside it that does."""
    labels = [r.period.label for r in history]
    position = {label: i for i, label in enumerate(labels)}
    values = [r.value for r in history]
    known = [v for v in values if v is not None]
    inside = [analysis.latest.lower, analysis.latest.upper] if analysis is not None else []
    drawn_lines = [
        (line, [(position[p.label], v) for p, v in line.points if p.label in position])
        for line in lines
    ]
    drawn_lines = [(line, points) for line, points in drawn_lines if points]
    low, high = value_axis_range(measure, known + inside)
    others = [v for _, points in drawn_lines for _, v in points]
    if others:  # stretched so no comparator is cut off, as the interactive chart does
        low, high = min(low, *others), max(high, *others)
    key = []
    if measure.target is not None:
        key.append(f"Target {formatting.target_text(measure)} (dashed line)")
    if analysis is not None and size.height is not None:
        key.append("Process limits (grey band)")
    top = max(len(key), 1) * size.key_line + 9
    below = size.ticks + 14  # the quarters' names under the plot
    legend: list[tuple[str, str | None, str, str]] = []  # name, dash, colour, marker
    marked = (
        [
            (position[p.period.label], p.value)
            for p in analysis.points
            if p.special_cause is not None and p.period.label in position
        ]
        if analysis is not None
        else []
    )
    rows = len(drawn_lines) + (1 if marked else 0)
    row = size.type * 20 / 13  # a line of the legend under the plot
    plot_height = (
        size.plot
        if size.height is None  # at least a third of it, however long the legend
        else max(size.height / 3, size.height - top - below - (row * (rows + 1) if rows else 0) - 4)
    )
    plot = _Plot(len(labels), low, high, top=top, height=plot_height, left=size.left)
    for y0, y1, rag in rag_spans(measure, low, high):
        plot.band(y0, y1, rag.colour, 0.08)
    suffix = "%" if size.percent_ticks and measure.unit is Unit.PERCENT else ""
    _y_grid(plot, size, suffix, whole=measure.unit is Unit.COUNT)
    shapes: set[str] = set()
    if analysis is not None:
        for segment, first, last in spans(analysis, labels):
            half = (plot.x(1) - plot.x(0)) * 0.4 if len(labels) > 1 else 2
            # Half a quarter either side of its quarters, never past the plot's edges.
            x0, x1 = max(plot.left, plot.x(first) - half), min(plot.right, plot.x(last) + half)
            plot.band(segment.lower, segment.upper, LIMITS, 0.12, x0, x1)
            plot.rule(segment.mean, LIMITS, 1.5, "2 3", x0, x1)
    if measure.target is not None:
        plot.rule(measure.target, INK, 2, "7 5")
    for number, words in enumerate(key, start=1):
        y = number * size.key_line - 1
        plot.add(f'<text x="{size.left:.2f}%" y="{y:g}">{_text(words)}</text>')
    for line, points in drawn_lines:
        dash, colour, marker = COMPARATOR_STYLE.get(line.name, ("6 4", GREY, "square"))
        plot.series(points, colour, 2, dash, joined=True)
        plot.markers(points, marker, colour)
        shapes.add(marker)
        legend.append((f"{line.name} (DfE, annual)", dash, colour, marker))
    ours = list(enumerate(values))
    plot.series(ours, LINE, 3)
    plot.markers(ours, "circle", LINE)
    if analysis is not None and marked:
        colour = SPECIAL.get(analysis.variation, SPECIAL_OTHER)
        plot.markers(marked, "special", "white", colour)
        shapes.add("special")
        legend.append(("Special cause", None, colour, "special"))
    bottom = plot.top + plot.height
    _x_labels(plot, labels, bottom + size.ticks * 1.5, 4, size)  # four fit a phone's width
    if legend:
        legend.insert(0, ("Our figures", None, LINE, "circle"))
    height = bottom + below
    grow = size.type / 13  # the legend's marks and words grow with the key's lettering
    for name, pattern, colour, marker in legend:
        y = height + 10 * grow
        dashed = f' stroke-dasharray="{pattern}"' if pattern else ""
        if marker != "special":
            plot.add(
                f'<line x1="{4 * grow:g}" x2="{34 * grow:g}" y1="{y:g}" y2="{y:g}" '
                f'stroke="{colour}" stroke-width="{2.5 * grow:g}"{dashed}/>'
            )
        if marker == "circle":
            plot.add(f'<circle cx="{19 * grow:g}" cy="{y:g}" r="{4 * grow:g}" fill="{colour}"/>')
        else:
            fill, stroke = ("white", colour) if marker == "special" else (colour, "none")
            # A shape of the key as much bigger as its words (its outline too).
            at = (
                f'x="{19 * grow:g}" y="{y:g}"'
                if grow == 1
                else f'transform="translate({19 * grow:g} {y:g}) scale({grow:g})"'
            )
            plot.add(
                f'<use href="#{marker}" {at} fill="{fill}" stroke="{stroke}" stroke-width="2.5"/>'
            )
        plot.add(
            f'<text x="{42 * grow:g}" y="{y + 4.5 * grow:g}" font-size="{12.5 * grow:g}">'
            f"{_text(name)}</text>"
        )
        height += row
    return _document(height + 4, plot.parts, shapes, size)


def bars_svg(measure: Measure, values: dict[str, float | None]) -> str:
    """One bar per breakdown, its name above it and its figure at its end; a breakdown with
    no figure says so."""
    parts: list[str] = []
    known = [v for v in values.values() if v is not None]
    largest = max([abs(v) for v in known] or [1.0]) or 1.0
    y = 0.0
    for name, value in values.items():
        parts.append(f'<text x="0" y="{y + 14:.0f}">{_text(name)}</text>')
        if value is None:
            parts.append(
                f'<text x="0" y="{y + 32:.0f}" fill="{GREY}" font-size="12">No figure</text>'
            )
        else:
            share = 80 * max(value, 0) / largest
            parts.append(
                f'<rect x="0" y="{y + 20:.0f}" width="{share:.2f}%" height="14" fill="{LINE}"/>'
            )
            parts.append(
                f'<text x="{share + 1:.2f}%" y="{y + 32:.0f}" font-weight="600">'
                f"{_text(formatting.short_value(measure, value))}</text>"
            )
        y += 42
    return _document(y + 2, parts, set())


def small_multiples_svg(
    measures: list[Measure], histories: dict[str, list[Reading]], columns: int = 3
) -> str:
    """A priority's measures side by side, each on its own scale over the same quarters:
    titled with its whole name (wrapped) and its latest figure and status, with its first and
    last quarter, its lowest and highest figure, and the target dotted (as
    scorecard.charts.sparklines draws it). ``columns`` is 1 for a phone."""
    gap = 4.0
    width = (100 - gap * (columns - 1)) / columns
    wrap = 34 if columns > 1 else 44
    titles = []
    for measure in measures:
        history = histories.get(measure.id, [])
        lines = textwrap.wrap(measure.name, wrap)
        latest = history[-1] if history else None
        titles.append((lines, latest))
    title_lines = max((len(lines) + 1 for lines, _ in titles), default=1)
    title_room, plot_height, foot = 17 * title_lines + 6, 74, 40
    row_height = title_room + plot_height + foot
    parts: list[str] = []
    for i, measure in enumerate(measures):
        row, column = divmod(i, columns)
        left = column * (width + gap)
        top = row * row_height
        lines, latest = titles[i]
        for n, line in enumerate(lines):
            parts.append(f'<text x="{left:.2f}%" y="{top + 15 + 17 * n}">{_text(line)}</text>')
        if latest is not None:
            figure = formatting.short_value(measure, latest.value, latest.symbol)
            status = rate(measure, latest.value)
            parts.append(
                f'<text x="{left:.2f}%" y="{top + 15 + 17 * len(lines)}">'
                f'<tspan font-weight="700">{_text(figure)}</tspan> '
                f"{_text(status.badge)} ({_text(latest.period.label)})</text>"
            )
        history = histories.get(measure.id, [])
        values = [r.value for r in history]
        known = [v for v in values if v is not None]
        low, high = (min(known), max(known)) if known else (0.0, 1.0)
        if low == high:
            step = abs(low) * 0.1 or 1
            low, high = low - step, high + step
        ticks = [min(known), max(known)] if known else []
        span_low, span_high = low, high
        if measure.target is not None:
            span_low, span_high = min(low, measure.target), max(high, measure.target)
        pad = (span_high - span_low) * 0.12
        # The panel's own edges: the value labels take its left sixth.
        panel_left, panel_right = left + width * 0.16, left + width
        plot = _Plot(
            len(history),
            span_low - pad,
            span_high + pad,
            top + title_room,
            plot_height,
            panel_left,
            panel_right,
        )
        for tick in sorted(set(ticks)):
            plot.rule(tick, "#eeeeee", 1, None, panel_left, panel_right)
            plot.add(
                f'<text x="{panel_left - 1:.2f}%" y="{plot.y(tick) + 4:.1f}" text-anchor="end" '
                f'font-size="11" fill="{GREY}">'
                f"{_text(formatting.short_value(measure, tick))}</text>"
            )
        if measure.target is not None:
            plot.rule(measure.target, INK, 1, "2 3", panel_left, panel_right)
        points = list(enumerate(values))
        plot.series(points, LINE, 2)
        plot.markers(points, "circle", LINE, radius=3)
        labels = [r.period.label for r in history]
        ends = sorted({0, len(labels) - 1}) if labels else []
        for index in ends:
            anchor = "start" if index == 0 and len(ends) > 1 else "end"
            if len(ends) == 1:
                anchor = "middle"
            x = plot.x(index) + (-2 if anchor == "start" else 1.5 if anchor == "end" else 0)
            plot.add(
                f'<text x="{x:.2f}%" y="{top + title_room + plot_height + 16:.1f}" '
                f'text-anchor="{anchor}" font-size="11" fill="{GREY}">'
                f"{_text(labels[index])}</text>"
            )
        parts.extend(plot.parts)
    rows = max(1, -(-len(measures) // columns))
    return _document(rows * row_height, parts, set())
