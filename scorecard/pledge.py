"""The Pledge: each promise to children in care, and how well we are keeping it, in words a
young person in care can read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from scorecard import formatting, qualitative
from scorecard import html_pieces as pieces
from scorecard.catalogue import Catalogue, Promise
from scorecard.rag import Rag
from scorecard.records import ActionItem
from scorecard.status import MeasureStatus

PLAIN_STATUS = {
    Rag.GREEN: "We are doing what we said",
    Rag.AMBER: "Nearly there, but not yet",
    Rag.RED: "Not good enough yet: we are working on it",
    Rag.NOT_RATED: "We keep an eye on this (there is no target)",
    Rag.NO_DATA: "We do not have the numbers yet",
}


@dataclass(frozen=True)
class PromiseStatus:
    promise: Promise
    measures: list[MeasureStatus]
    actions: list[ActionItem]

    @property
    def overall(self) -> Rag:
        """The worst rated measure decides: a promise is only kept if all of it is kept."""
        rated = [s.rag for s in self.measures if s.rag in (Rag.RED, Rag.AMBER, Rag.GREEN)]
        for rag in (Rag.RED, Rag.AMBER, Rag.GREEN):
            if rag in rated:
                return rag
        return Rag.NO_DATA if any(s.rag is Rag.NO_DATA for s in self.measures) else Rag.NOT_RATED

    @property
    def headline(self) -> str:
        return {
            Rag.GREEN: "We are keeping this promise.",
            Rag.AMBER: "We are nearly keeping this promise.",
            Rag.RED: "We are not keeping this promise well enough yet.",
            Rag.NOT_RATED: "We check this promise, but have not set a target for it.",
            Rag.NO_DATA: "We do not have the numbers to check this promise yet.",
        }[self.overall]


def promises(
    catalogue: Catalogue, statuses: list[MeasureStatus], actions: list[ActionItem]
) -> list[PromiseStatus]:
    by_id = {s.measure.id: s for s in statuses}
    return [
        PromiseStatus(
            promise=p,
            measures=[by_id[m] for m in p.measures if m in by_id],
            actions=[a for a in actions if a.priority in p.priorities],
        )
        for p in sorted(catalogue.pledge, key=lambda p: p.number)
    ]


def figure_words(status: MeasureStatus, quarter_label: str) -> str:
    """A measure's figure in the quarter as the public reads it: "96.4%", "c (suppressed to
    protect confidentiality)"; a yearly measure's figure with its year, "17.9% (academic year
    2024/25)", being the latest year's, often ended well before the quarter."""
    reading = status.reading
    value = formatting.value_text(status.measure, status.value, reading.symbol if reading else None)
    if reading is not None and reading.period.label != quarter_label and status.value is not None:
        value += f" ({reading.period.everyday_label})"
    return value


def page_html(promises: list[PromiseStatus], period_label: str, today: dt.date) -> str:
    """Every promise as a card: its number and words as headings, its overall status in shape,
    word and colour, a sentence saying how well it is kept, each of its measures as a link to
    the measure's page with its figure and status in plain words, and what is being done
    (folded). Every text from the catalogue and the action plans is escaped."""
    cards = []
    for item in promises:
        measures = []
        for status in item.measures:
            value = figure_words(status, period_label)
            measures.append(
                (
                    "measure",
                    {"measure": status.measure.id, "period": period_label},
                    f"{status.measure.name}: {value}. {PLAIN_STATUS[status.rag]}.",
                )
            )
        plan = ""
        if item.actions:
            plan = pieces.folded(
                "What we are doing about it",
                qualitative.action_plan_html(item.actions, today, styled=False),
            )
        cards.append(
            '<div class="sc-card">'
            f"<h3>Promise {item.promise.number}</h3>"
            f"<h3>{escape(item.promise.promise)}</h3>"
            f"<p>{pieces.badge(item.overall)}</p>"
            f"<p><strong>{escape(item.headline)}</strong></p>"
            + (pieces.links(measures) if measures else "")
            + plan
            + "</div>"
        )
    return pieces.piece(*cards)
