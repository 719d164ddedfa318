"""One quarter's scorecard as a meeting or the public sees it, arranged per priority.

:func:`gather` reads everything once. For the public it applies disclosure control before
anything else sees the figures (so no chart, count or direction is worked out from a hidden
value), keeps only the commentary approved for publication, and leaves out action plans and
meeting actions, which are officers' free text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from scorecard import disclosure
from scorecard import meetings as panel
from scorecard.catalogue import Catalogue, Priority
from scorecard.errors import ScorecardError
from scorecard.overview import PriorityRow
from scorecard.periods import Period
from scorecard.qualitative import about
from scorecard.rag import Rag
from scorecard.records import ActionItem, Commentary, CommentaryKind
from scorecard.reports.comparisons import Comparison, comparisons
from scorecard.status import (
    Histories,
    MeasureStatus,
    assess,
    index,
    rag_counts,
    readings,
    reporting_quarters,
)
from scorecard.storage import publications
from scorecard.storage.store import Store

KEY_MEASURES = 3
"""How many measures a slide shows: enough for the ones that matter, few enough to read."""


@dataclass(frozen=True)
class PriorityReport:
    priority: Priority
    statuses: list[MeasureStatus]
    commentary: list[Commentary] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    is_theme: bool = False

    @property
    def heading(self) -> str:
        return f"{self.priority.number}. {self.priority.title}"

    @property
    def counts(self) -> dict[Rag, int]:
        return rag_counts(self.statuses)

    @property
    def counts_text(self) -> str:
        return PriorityRow(self.priority, self.statuses).counts_text or "No measures"

    def key_measures(self, limit: int = KEY_MEASURES) -> list[MeasureStatus]:
        """The measures that matter most: Red first, then Amber, in catalogue order."""
        red = [s for s in self.statuses if s.rag is Rag.RED]
        amber = [s for s in self.statuses if s.rag is Rag.AMBER]
        return (red + amber)[:limit]

    def on_target(self, limit: int = KEY_MEASURES) -> list[MeasureStatus]:
        return [s for s in self.statuses if s.rag is Rag.GREEN][:limit]

    def key_commentary(self) -> list[Commentary]:
        """What officers say about the measures that matter, else their narrative."""
        for status in self.key_measures():
            found = about(status.measure, self.commentary)
            if found:
                return found[:1]
        narrative = [c for c in self.commentary if c.kind is CommentaryKind.NARRATIVE]
        return narrative[:1]

    def you_said_we_did(self) -> list[Commentary]:
        return [c for c in self.commentary if c.kind is CommentaryKind.YOU_SAID_WE_DID][:1]


def ordered(priorities: list[Priority], theme: int | None) -> list[Priority]:
    """The meeting's theme priority first, then the others in the strategy's order."""
    in_order = sorted(priorities, key=lambda p: p.number)
    return [p for p in in_order if p.number == theme] + [p for p in in_order if p.number != theme]


def priority_reports(
    catalogue: Catalogue,
    histories: Histories,
    period: Period,
    commentary: list[Commentary],
    actions: list[ActionItem],
    theme: int | None = None,
) -> list[PriorityReport]:
    reports = []
    for priority in ordered(list(catalogue.priorities), theme):
        measures = catalogue.measures_of(priority.number)
        reports.append(
            PriorityReport(
                priority=priority,
                statuses=[assess(m, readings(histories, m.id), period) for m in measures],
                commentary=[c for c in commentary if c.priority == priority.number],
                actions=[a for a in actions if a.priority == priority.number],
                is_theme=priority.number == theme,
            )
        )
    return reports


@dataclass(frozen=True)
class ReportData:
    """Everything a briefing pack or a scorecard workbook shows, read once."""

    catalogue: Catalogue
    period: Period
    observations: pd.DataFrame
    histories: Histories
    reports: list[PriorityReport]
    meetings: list[panel.Meeting]
    meeting_items: list[panel.MeetingItem]
    comparisons: dict[str, Comparison]
    public: bool
    threshold: int
    today: dt.date

    @property
    def open_actions(self) -> list[panel.MeetingItem]:
        return panel.open_actions(self.meeting_items)

    def meeting_of(self, item: panel.MeetingItem) -> panel.Meeting | None:
        return next((m for m in self.meetings if m.id == item.meeting_id), None)


def choose_period(quarters: list[Period], asked: Period | None) -> Period:
    """The quarter asked for, or the latest; a quarter with no figures is an error."""
    if not quarters:
        raise ScorecardError("No quarterly figures have been uploaded yet.")
    if asked is None:
        return quarters[-1]
    if asked not in quarters:
        raise ScorecardError(
            f"There are no quarterly figures for {asked.label}; the latest quarter with "
            f"figures is {quarters[-1].label}."
        )
    return asked


def gather(
    store: Store,
    period: Period | None = None,
    *,
    public: bool = False,
    today: dt.date | None = None,
    threshold: int | None = None,
    theme: int | None = None,
) -> ReportData:
    catalogue = store.catalogue()
    observations = store.current_observations()
    chosen = choose_period(reporting_quarters(observations), period)
    limit = disclosure.configured_threshold() if threshold is None else threshold
    said = store.commentary(chosen)
    plans = store.actions(chosen)
    recorded = panel.meetings(store)
    items = panel.items(store)
    if public:
        earlier = publications.releases(store)  # what the public has seen already
        shown = disclosure.publishable(catalogue, observations, limit, releases=earlier)
        hidden = disclosure.hidden_figures(catalogue, observations, shown, chosen)
        observations = shown
        said = disclosure.publishable_commentary(said, store.publication_approvals(), limit, hidden)
        plans, items = [], []
    histories = index(observations)
    return ReportData(
        catalogue=catalogue,
        period=chosen,
        observations=observations,
        histories=histories,
        reports=priority_reports(catalogue, histories, chosen, said, plans, theme),
        meetings=recorded,
        meeting_items=items,
        comparisons=comparisons(store, catalogue, observations, chosen),
        public=public,
        threshold=limit,
        today=today or dt.date.today(),
    )
