"""The whole scorecard at a glance for one quarter (SPEC §5 Overview)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from urllib.parse import urlencode

import pandas as pd
from pandas.io.formats.style import Styler

from scorecard import formatting
from scorecard.catalogue import ALL, Catalogue, Priority
from scorecard.periods import Period
from scorecard.rag import RAG_ORDER, Direction, Rag
from scorecard.status import (
    Histories,
    MeasureStatus,
    assess,
    assess_all,
    index,
    quarters_to,
    rag_counts,
)
from scorecard.text import as_markdown_text
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
    def watch_list(self) -> list[tuple[MeasureStatus, str]]:
        """Measures to keep an eye on, with why: Amber, or a special-cause concern (a real
        change for the worse, whatever its status)."""
        found = []
        for s in self.statuses:
            reasons = [cell_text(s, self.period)] if s.rag is Rag.AMBER else []
            if _variation(s) is Variation.CONCERN:
                reasons.append(Variation.CONCERN.label)
            if reasons:
                found.append((s, " · ".join(reasons)))
        return found

    @cached_property  # the Overview is kept per data version and read on every run
    def good_news(self) -> list[tuple[MeasureStatus, str]]:
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
                found.append((s, " · ".join(reasons)))
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
class GridLink:
    heading: str | None  # the priority's heading, before its first measure
    label: str
    measure_id: str


@dataclass(frozen=True)
class Grid:
    quarters: list[Period]
    rows: list[GridRow]

    @cached_property
    def table(self) -> pd.DataFrame:
        """Every measure, rows grouped by priority, one column per quarter: status by icon and
        word with the figure ("▲ Amber 57%"), then target, direction, variation and England.
        ``Open`` is the measure's own page for the quarter."""
        records = []
        for row in self.rows:
            latest, measure = row.latest, row.latest.measure
            record = {
                "Priority": f"{row.priority.number}. {row.priority.short_title}",
                "Measure": measure.name,
            }
            for quarter, status in zip(self.quarters, row.statuses, strict=True):
                record[quarter.label] = cell_text(status, quarter)
            direction = latest.vs_previous
            record |= {
                "Target": formatting.target_text(measure) if measure.target is not None else "",
                "Since last quarter": f"{direction.arrow} {direction.value}".strip(),
                "Variation": latest.variation.variation.label if latest.variation else "",
                "England": ""
                if row.england is None
                else formatting.short_value(measure, row.england),
                "Open": "/measure?"
                + urlencode({"measure": measure.id, "period": self.quarters[-1].label}),
            }
            records.append(record)
        columns = [
            "Priority",
            "Measure",
            *[q.label for q in self.quarters],
            "Target",
            "Since last quarter",
            "Variation",
            "England",
            "Open",
        ]
        return pd.DataFrame.from_records(records, columns=columns)

    @cached_property  # the Grid is kept per data version: labels escaped once, not every run
    def links(self) -> list[GridLink]:
        """Every measure as a link under its priority: the scorecard as a list. Labels are
        Markdown-escaped text (measure names come from the catalogue)."""
        found = []
        shown = None
        for row in self.rows:
            heading = None
            if row.priority != shown:
                shown = row.priority
                heading = as_markdown_text(f"{shown.number}. {shown.title}")
            latest = row.latest
            label = as_markdown_text(
                f"{latest.measure.name}: {cell_text(latest, self.quarters[-1])}"
                f" {latest.vs_previous.arrow} {latest.vs_previous.value}"
            )
            found.append(GridLink(heading, label, latest.measure.id))
        return found

    def styled(self) -> Styler:
        """The table with each status cell in its status's colour (the shape and word say
        it as well: colour is never the only signal)."""
        colours = {rag.icon: rag.colour for rag in Rag}

        def colour(text: object) -> str:
            found = colours.get(str(text)[:1]) if text else None
            return f"color: {found}; font-weight: 600" if found else ""

        quarters = [q.label for q in self.quarters]
        return self.table.style.map(colour, subset=quarters)


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
