"""The whole scorecard at a glance for one quarter (SPEC §5 Overview)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from html import escape
from urllib.parse import urlencode

import pandas as pd

from scorecard import formatting, html_tables, qualitative, tiles
from scorecard import html_pieces as pieces
from scorecard.catalogue import ALL, Catalogue, Priority
from scorecard.periods import Period
from scorecard.rag import RAG_ORDER, Direction, Rag
from scorecard.records import Commentary, CommentaryKind
from scorecard.status import (
    Histories,
    MeasureStatus,
    assess,
    assess_all,
    index,
    quarters_to,
    rag_counts,
)
from scorecard.variation import Variation, sentence


@dataclass(frozen=True)
class PriorityRow:
    priority: Priority
    statuses: list[MeasureStatus]

    @property
    def counts(self) -> dict[Rag, int]:
        return rag_counts(self.statuses)

    @property
    def counts_text(self) -> str:
        """``■ 2 Red · ▲ 1 Amber · ● 5 Green · ○ 1 Not rated``, omitting zeros."""
        return " · ".join(f"{r.icon} {n} {r.value}" for r, n in self.counts.items() if n)


class ChangeKind(StrEnum):
    """What kind of change, in the order a panel should read them (SPEC §5)."""

    REAL = "A new real change"  # special cause this quarter, not last quarter
    STATUS = "Status changed"
    TURN = "Direction turned"  # too few quarters to tell whether it is real
    CONTINUING = "Real changes that continue"  # special cause this quarter and the last
    ORDINARY = "Ordinary ups and downs"  # a turn within common cause variation

    @property
    def folded(self) -> bool:
        """Shown folded away: what a panel has seen before, or noise."""
        return self in (ChangeKind.CONTINUING, ChangeKind.ORDINARY)


@dataclass(frozen=True)
class Change:
    status: MeasureStatus
    before: Rag
    what: str
    kind: ChangeKind = ChangeKind.STATUS

    @property
    def is_status_change(self) -> bool:
        return self.status.rag is not self.before

    @property
    def text(self) -> str:
        """The measure and what changed, as plain text (the name is the catalogue's)."""
        return f"{self.status.measure.name}: {self.what}"


@dataclass(frozen=True)
class Listed:
    """A measure on the watch list or in the good news, and why it is there."""

    status: MeasureStatus
    why: str

    @property
    def text(self) -> str:
        """The measure and why, as plain text (the name is the catalogue's)."""
        return f"{self.status.measure.name}: {self.why}"


@dataclass(frozen=True)
class Overview:
    period: Period
    rows: list[PriorityRow]
    changes: list[Change]

    @cached_property  # the Overview is kept per data version and read on every run
    def statuses(self) -> list[MeasureStatus]:
        return [s for row in self.rows for s in row.statuses]

    @cached_property  # the Overview is kept per data version and read on every run
    def totals(self) -> dict[Rag, int]:
        return rag_counts(self.statuses)

    @property
    def rated(self) -> int:
        return sum(n for r, n in self.totals.items() if r in (Rag.GREEN, Rag.AMBER, Rag.RED))

    def count_moving(self, direction: Direction) -> int:
        return sum(1 for s in self.statuses if s.vs_previous is direction)

    @cached_property  # the Overview is kept per data version and read on every run
    def exceptions(self) -> list[MeasureStatus]:
        return [s for s in self.statuses if s.rag is Rag.RED]

    @cached_property  # the Overview is kept per data version and read on every run
    def watch_list(self) -> list[Listed]:
        """Measures to keep an eye on, with why: Amber, or a special-cause concern (a real
        change for the worse, whatever its status)."""
        found = []
        for s in self.statuses:
            reasons = [cell_text(s, self.period)] if s.rag is Rag.AMBER else []
            if _variation(s) is Variation.CONCERN:
                reasons.append(Variation.CONCERN.label)
            if reasons:
                found.append(Listed(s, " · ".join(reasons)))
        return found

    @cached_property  # the Overview is kept per data version and read on every run
    def good_news(self) -> list[Listed]:
        """Measures going well, with why: Green and improving since last quarter, or a
        special-cause improvement."""
        found = []
        for s in self.statuses:
            reasons = []
            if s.rag is Rag.GREEN and s.vs_previous is Direction.IMPROVING:
                reasons.append(f"{cell_text(s, self.period)}, {s.vs_previous.arrow} improving")
            if _variation(s) is Variation.IMPROVEMENT:
                reasons.append(Variation.IMPROVEMENT.label)
            if reasons:
                found.append(Listed(s, " · ".join(reasons)))
        return found

    @cached_property  # an Overview is kept (ui/state.py) and shown again on every rerun
    def counts_table(self) -> pd.DataFrame:
        """The same counts as a table, for screen readers and for copying into a paper."""
        records = [
            {"Priority": f"{row.priority.number}. {row.priority.title}"}
            | {r.value: row.counts[r] for r in RAG_ORDER}
            for row in self.rows
        ]
        return pd.DataFrame.from_records(
            records, columns=["Priority", *[r.value for r in RAG_ORDER]]
        )


def _variation(status: MeasureStatus) -> Variation | None:
    return status.variation.variation if status.variation is not None else None


def build(catalogue: Catalogue, observations: pd.DataFrame | Histories, period: Period) -> Overview:
    histories = index(observations) if isinstance(observations, pd.DataFrame) else observations
    now = assess_all(catalogue, histories, period)
    before = {s.measure.id: s for s in assess_all(catalogue, histories, period.previous())}
    rows = [
        PriorityRow(p, [s for s in now if s.measure.priority == p.number])
        for p in catalogue.ordered_priorities()
    ]
    return Overview(period=period, rows=rows, changes=_changes(now, before))


def _changes(now: list[MeasureStatus], before: dict[str, MeasureStatus]) -> list[Change]:
    """Measures with a real change (special cause) in the quarter, or whose RAG status or
    direction of travel is different from last quarter: new real changes first, then changes
    of status, then turns of direction; real changes that continue from last quarter and the
    ordinary ups and downs (turns within common-cause variation) last."""
    found = []
    for status in now:
        earlier = before.get(status.measure.id)
        if status.reading is None:
            continue
        analysis = status.variation
        rag_before = earlier.rag if earlier else Rag.NO_DATA
        status_changed = status.rag is not rag_before and rag_before is not Rag.NO_DATA
        turned = (
            earlier is not None
            and status.vs_previous in (Direction.IMPROVING, Direction.WORSENING)
            and earlier.vs_previous is not status.vs_previous
        )
        if analysis is not None and analysis.variation.is_special:
            was = earlier.variation.variation if earlier and earlier.variation else None
            kind = ChangeKind.CONTINUING if was is analysis.variation else ChangeKind.REAL
            what = f"{analysis.variation.label}: {sentence(analysis)}"
            if status_changed:
                kind, what = ChangeKind.REAL, f"{rag_before.value} → {status.rag.value}. {what}"
        elif status_changed:
            kind, what = ChangeKind.STATUS, f"{rag_before.value} → {status.rag.value}"
        elif turned:
            kind = ChangeKind.TURN if analysis is None else ChangeKind.ORDINARY
            what = f"now {status.vs_previous.value.lower()}"
        else:
            continue
        found.append(Change(status=status, before=rag_before, what=what, kind=kind))
    order = list(ChangeKind)
    return sorted(found, key=lambda c: order.index(c.kind))


# -- the Overview's read-only sections as HTML (issue 17) --------------------------------


@dataclass(frozen=True)
class Sections:
    """The Overview's sections below their headings, each one piece of HTML (every name,
    title and commentary escaped), built once per data version and quarter: each was dozens
    of Streamlit elements (a page link per measure, a line of Markdown per note)."""

    headline: str
    priorities: str
    changes: str
    watch_list: str
    good_news: str
    # Each Red measure's tile beside what officers say about it, one element: as separate
    # columns, tiles and notes they were four elements a measure (73 on a 60-measure Overview).
    exceptions: str


ORDINARY_NOTE = "These measures turned direction, but within their normal variation."


def sections(view: Overview, commentary: list[Commentary]) -> Sections:
    """``view``'s sections, with ``commentary`` (the quarter's, every priority's): its
    achievements under the good news and what it says about each Red measure beside it."""
    period = view.period.label

    def measure_links(found: list[Change] | list[Listed]) -> str:
        return pieces.links(
            ("measure", {"measure": item.status.measure.id, "period": period}, item.text)
            for item in found
        )

    totals = view.totals
    headline = [
        ("On or better than target", f"{totals[Rag.GREEN]} of {view.rated}"),
        (f"{Rag.RED.icon} Red", str(totals[Rag.RED])),
        (f"{Direction.IMPROVING.arrow} Improving", str(view.count_moving(Direction.IMPROVING))),
        (f"{Direction.WORSENING.arrow} Worsening", str(view.count_moving(Direction.WORSENING))),
    ]
    counts_table = view.counts_table.astype(str)
    priorities = [
        '<ul class="sc-cards">',
        *(
            "<li><p>"
            + pieces.link(
                "priority",
                {"priority": str(row.priority.number), "period": period},
                f"{row.priority.number}. {row.priority.title}",
            )
            + f"</p><p>{pieces.counts(row.counts)}</p></li>"
            for row in view.rows
        ),
        "</ul>",
        html_tables.STYLE,
        pieces.folded(
            "Show the counts as a table",
            html_tables.figures_table(
                counts_table,
                f"How many measures of each priority are in each status, {period}",
                "overview_counts",
            ),
        ),
    ]
    changes = []
    if not view.changes:
        changes.append("<p>No measure changed its status or direction since last quarter.</p>")
    for kind in ChangeKind:
        found = [c for c in view.changes if c.kind is kind]
        if not found:
            continue
        heading = f"{kind.value} ({len(found)})"
        listed = measure_links(found)
        if not kind.folded:
            changes.append(f"<h3>{escape(heading)}</h3>{listed}")
            continue
        # What the panel saw last quarter, and turns within the normal ups and downs (noise),
        # are there but folded away.
        note = f'<p class="sc-note">{ORDINARY_NOTE}</p>' if kind is ChangeKind.ORDINARY else ""
        changes.append(pieces.folded(heading, note + listed))
    watch = (
        measure_links(view.watch_list)
        if view.watch_list
        else "<p>No measure is Amber or a special-cause concern this quarter.</p>"
    )
    achievements = [c for c in commentary if c.kind is CommentaryKind.ACHIEVEMENT]
    good = [measure_links(view.good_news)] if view.good_news else []
    good += [
        pieces.paragraph(note.title, strong=True) + pieces.paragraph(note.text)
        for note in achievements
    ]
    if not good:
        good = [
            "<p>No measure is Green and improving or a special-cause improvement this quarter.</p>"
        ]
    exceptions = [pieces.STYLE, tiles.STYLE]  # the notes beside the tiles, not around them
    for status in view.exceptions:
        about = qualitative.about(status.measure, commentary)
        said = [
            pieces.paragraph(note.kind.heading, strong=True) + pieces.paragraph(note.text)
            for note in about
        ]
        exceptions += [
            '<div class="sc-measure">',
            tiles.tile(status, period),
            f'<div class="sc-piece" id="why_{escape(status.measure.id)}">',
            *(said or ["<p>No commentary explains this measure yet.</p>"]),
            "</div></div>",
        ]
    if not view.exceptions:
        exceptions.append('<div class="sc-piece"><p>No measure is Red this quarter.</p></div>')
    return Sections(
        headline=pieces.piece(
            '<dl class="sc-metrics">',
            *(f"<div><dt>{escape(k)}</dt><dd>{escape(v)}</dd></div>" for k, v in headline),
            "</dl>",
        ),
        priorities=pieces.piece(*priorities),
        changes=pieces.piece(*changes),
        watch_list=pieces.piece(watch),
        good_news=pieces.piece(*good),
        exceptions="".join(exceptions),
    )


# -- the scorecard on one screen (issue 16 point 2) ---------------------------------------

GRID_QUARTERS = 5


@dataclass(frozen=True)
class GridRow:
    """One measure across the last quarters, as the tiles assess it in each."""

    priority: Priority
    statuses: list[MeasureStatus]  # one per quarter of the grid, oldest first
    england: float | None = None

    @property
    def latest(self) -> MeasureStatus:
        return self.statuses[-1]


@dataclass(frozen=True)
class Grid:
    quarters: list[Period]
    rows: list[GridRow]

    @cached_property  # the Grid is kept per data version and quarter: built once, not every run
    def html(self) -> str:
        """The grid as one piece of HTML, every text from the catalogue escaped: a table on a
        wide screen, a list on a phone (its own stylesheet chooses)."""
        return "".join(
            (
                _GRID_STYLE,
                # A keyboard passes every measure's link in one step (shown when focused).
                '<a class="sc-skip" href="#sc-grid-end">Skip past the scorecard</a>',
                self._table(),
                self._list(),
                '<span id="sc-grid-end" tabindex="-1"></span>',
            )
        )

    def _cells(self, row: GridRow) -> str:
        """A row's cells after the measure's name: status by shape, word and figure in each
        quarter ("▲ Amber 57.0%", the shape and word kept on one line), then target,
        direction since last quarter, variation and England's figure."""
        latest, measure = row.latest, row.latest.measure
        cells = [
            f'<td class="{pieces.RAG_CLASS[status.rag]}">{_status_html(status, quarter)}</td>'
            for quarter, status in zip(self.quarters, row.statuses, strict=True)
        ]
        direction = latest.vs_previous
        target = formatting.target_text(measure) if measure.target is not None else ""
        england = "" if row.england is None else formatting.short_value(measure, row.england)
        cells += [
            f"<td>{escape(target)}</td>",
            # The arrow stays with its word.
            f'<td class="sc-nowrap">{escape(f"{direction.arrow} {direction.value}".strip())}</td>',
            f"<td>{escape(latest.variation.variation.label if latest.variation else '')}</td>",
            f"<td>{escape(england)}</td>",
        ]
        return "".join(cells)

    def _href(self, row: GridRow) -> str:
        # Relative, so it opens the Measure page wherever the app is served from.
        query = urlencode({"measure": row.latest.measure.id, "period": self.quarters[-1].label})
        return escape(f"measure?{query}")

    def _groups(self) -> list[tuple[Priority, list[GridRow]]]:
        groups: list[tuple[Priority, list[GridRow]]] = []
        for row in self.rows:
            if not groups or groups[-1][0] != row.priority:
                groups.append((row.priority, []))
            groups[-1][1].append(row)
        return groups

    def _table(self) -> str:
        first, last = self.quarters[0].label, self.quarters[-1].label
        quarters = [q.label for q in self.quarters]
        headings = ["Measure", *quarters, *GRID_COLUMNS]
        parts = [
            '<div class="sc-wide" role="region" aria-labelledby="sc-grid-caption" tabindex="0">',
            '<table class="sc-grid">',
            f'<caption id="sc-grid-caption">Every measure by priority, {escape(first)} to '
            f"{escape(last)}. Status by shape, word and colour in each quarter; the direction "
            f"and variation are for {escape(last)}; England is DfE’s latest published "
            "figure. A measure’s name opens its page.</caption>",
            "<thead><tr>"
            + "".join(
                f'<th scope="col"{_NOWRAP if h in quarters else ""}>{escape(h)}</th>'
                for h in headings
            )
            + "</tr></thead>",
        ]
        for priority, rows in self._groups():
            parts.append(
                f'<tbody><tr class="sc-group"><th scope="rowgroup" colspan="{len(headings)}">'
                f"{escape(f'{priority.number}. {priority.title}')}</th></tr>"
            )
            for row in rows:
                parts.append(
                    f'<tr><th scope="row"><a href="{self._href(row)}">'
                    f"{escape(row.latest.measure.name)}</a></th>" + self._cells(row) + "</tr>"
                )
            parts.append("</tbody>")
        parts.append("</table></div>")
        return "".join(parts)

    def _list(self) -> str:
        """The same measures as a list, for a phone: each name a link, then its status in the
        latest quarter and its direction."""
        last = self.quarters[-1]
        parts = ['<div class="sc-narrow">']
        for priority, rows in self._groups():
            parts.append(f"<h3>{escape(f'{priority.number}. {priority.title}')}</h3><ul>")
            for row in rows:
                latest = row.latest
                direction = f"{latest.vs_previous.arrow} {latest.vs_previous.value}".strip()
                parts.append(
                    f'<li><a href="{self._href(row)}">'
                    f"{escape(latest.measure.name)}</a>: "
                    f'<span class="{pieces.RAG_CLASS[latest.rag]}">{_status_html(latest, last)}'
                    f"</span> {escape(direction)}</li>"
                )
            parts.append("</ul>")
        parts.append("</div>")
        return "".join(parts)


GRID_COLUMNS = ("Target", "Since last quarter", "Variation", "England")
_NOWRAP = ' class="sc-nowrap"'
# Our own stylesheet, not anyone's text. The status colours are Rag.colour (each 4.5:1 or
# more against white, and the shape and word say the same); the table on a wide screen, the
# list at phone width (as ui/widgets.py's narrow-screen style); a focused link is marked
# as GOV.UK marks it, black on yellow.
_GRID_STYLE = (
    "<style>"
    ".sc-wide{max-height:70vh;overflow:auto;border:1px solid #b1b4b6;border-radius:.5rem}"
    ".sc-wide:focus-visible{outline:3px solid #0b0c0c;outline-offset:2px}"
    ".sc-grid{border-collapse:separate;border-spacing:0;width:100%;font-size:.875rem;"
    "line-height:1.35;margin:0}"
    ".sc-grid caption{caption-side:top;text-align:left;color:#505a5f;padding:.5rem .75rem}"
    ".sc-grid th,.sc-grid td{padding:.3rem .4rem;border-bottom:1px solid #e5e6e7;"
    "text-align:left;vertical-align:top;font-weight:400;background:#fff}"
    ".sc-grid .sc-nowrap,.sc-narrow .sc-nowrap{white-space:nowrap}"
    ".sc-grid thead th{position:sticky;top:0;z-index:1;background:#f3f2f1;font-weight:600;"
    "border-bottom:2px solid #b1b4b6}"
    ".sc-grid tr.sc-group th{background:#f3f2f1;font-weight:600}"
    ".sc-grid th[scope=row]{min-width:11rem}"
    ".sc-grid a,.sc-narrow a{color:#1d70b8;text-decoration:underline}"
    ".sc-grid a:focus-visible,.sc-narrow a:focus-visible{outline:3px solid #ffdd00;"
    "background:#ffdd00;color:#0b0c0c;box-shadow:0 3px #0b0c0c;text-decoration:none}"
    + "".join(
        f".sc-{r.name.lower().replace('_', '-')}{{color:{r.colour};font-weight:600}}" for r in Rag
    )
    + ".sc-skip{position:absolute;left:-9999px}"
    ".sc-skip:focus{position:static;display:inline-block;margin-bottom:.5rem;padding:.2rem .4rem;"
    "outline:3px solid #ffdd00;background:#ffdd00;color:#0b0c0c}"
    ".sc-narrow{display:none}"
    ".sc-narrow h3{font-size:1rem;font-weight:600;margin:1rem 0 .25rem;padding:0}"
    ".sc-narrow ul{margin:0;padding-left:1.25rem}"
    ".sc-narrow li{margin:.35rem 0}"
    "@media (max-width:640px){.sc-wide{display:none}.sc-narrow{display:block}}"
    "</style>"
)


def _status_html(status: MeasureStatus, quarter: Period) -> str:
    """:func:`cell_text` as HTML, escaped, its shape and word never split across lines."""
    badge = status.rag.badge
    rest = cell_text(status, quarter).removeprefix(badge)
    return f'<span class="sc-nowrap">{escape(badge)}</span>{escape(rest)}'


def cell_text(status: MeasureStatus, quarter: Period) -> str:
    """A grid cell: shape, word and figure, e.g. "▲ Amber 57.0%"; an annual figure says
    which year it is for, as its tile does."""
    reading = status.reading
    if reading is None:
        return status.rag.badge
    figure = formatting.short_value(status.measure, reading.value, reading.symbol)
    text = f"{status.rag.badge} {figure}"
    return text if reading.period == quarter else f"{text} ({reading.period.label})"


def grid(
    catalogue: Catalogue,
    observations: pd.DataFrame | Histories,
    period: Period,
    england: Mapping[str, float | None] | None = None,
    count: int = GRID_QUARTERS,
) -> Grid:
    """Every measure of the catalogue over the ``count`` quarters to ``period``, grouped by
    priority in number order. ``england`` is England's published figure by measure id."""
    histories = index(observations) if isinstance(observations, pd.DataFrame) else observations
    quarters = quarters_to(period, count)
    england = england or {}
    rows = [
        GridRow(
            priority,
            [assess(m, histories.get((m.id, ALL), []), q) for q in quarters],
            england.get(m.id),
        )
        for priority in catalogue.ordered_priorities()
        for m in catalogue.measures_of(priority.number)
    ]
    return Grid(quarters, rows)
