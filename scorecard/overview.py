"""The whole scorecard at a glance for one quarter (SPEC §5 Overview)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

import pandas as pd

from scorecard.catalogue import Catalogue, Priority
from scorecard.periods import Period
from scorecard.rag import RAG_ORDER, Direction, Rag
from scorecard.status import Histories, MeasureStatus, assess_all, index, rag_counts
from scorecard.variation import sentence


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

    @property
    def statuses(self) -> list[MeasureStatus]:
        return [s for row in self.rows for s in row.statuses]

    @property
    def totals(self) -> dict[Rag, int]:
        return rag_counts(self.statuses)

    @property
    def rated(self) -> int:
        return sum(n for r, n in self.totals.items() if r in (Rag.GREEN, Rag.AMBER, Rag.RED))

    def count_moving(self, direction: Direction) -> int:
        return sum(1 for s in self.statuses if s.vs_previous is direction)

    @property
    def exceptions(self) -> list[MeasureStatus]:
        return [s for s in self.statuses if s.rag is Rag.RED]

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
