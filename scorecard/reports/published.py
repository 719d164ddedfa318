"""The published scorecard of one quarter, as the Published version page and the static site
both show it: suppressed, summed up in plain words, with only approved commentary.

Both outputs build it here, so they cannot show different figures: the page from its cached
frames (ui/published.py), the static site from the database (:func:`gather`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from scorecard import disclosure, publication
from scorecard.catalogue import Catalogue
from scorecard.periods import Period
from scorecard.records import Commentary
from scorecard.reports import content, plain
from scorecard.status import Histories, index, reporting_quarters
from scorecard.storage import publications
from scorecard.storage.store import Store


@dataclass(frozen=True)
class PublicPriority:
    """One priority as the published page shows it."""

    report: content.PriorityReport
    summary: str
    figures: list[dict[str, str]]


def public_priorities(
    catalogue: Catalogue, shown: Histories, period: Period, said: list[Commentary]
) -> list[PublicPriority]:
    """Every priority of ``period`` from suppressed ``shown`` histories and the commentary
    ``said`` that may be published (:func:`disclosure.publishable_commentary`)."""
    reports = content.priority_reports(catalogue, shown, period, said, [])
    return [
        PublicPriority(r, " ".join(plain.summary(r)), plain.figures(r, period)) for r in reports
    ]


@dataclass(frozen=True)
class PublishedQuarter:
    """Everything the published version of one quarter shows, and the frame it came from."""

    catalogue: Catalogue
    period: Period
    threshold: int
    priorities: list[PublicPriority]
    frame: pd.DataFrame  # from disclosure.publishable: what is recorded as released

    @property
    def cells(self) -> set[publication.Cell]:
        """The figures a reader sees or can work out, as the page records them."""
        statuses = [s for p in self.priorities for s in p.report.statuses]
        return publication.status_cells(statuses)


def gather(store: Store, period: Period | None, threshold: int) -> PublishedQuarter:
    """The published version of ``period`` (the latest quarter when None), with disclosure
    control applied once, against every earlier release, before anything is worked out."""
    catalogue = store.catalogue()
    observations = store.current_observations()
    chosen = content.choose_period(reporting_quarters(observations), period)
    earlier = publications.releases(store)  # what the public has seen already
    frame = disclosure.publishable(catalogue, observations, threshold, releases=earlier)
    hidden = disclosure.hidden_figures(catalogue, observations, frame, chosen)
    said = disclosure.publishable_commentary(
        store.commentary(chosen), store.publication_approvals(), threshold, hidden
    )
    found = public_priorities(catalogue, index(frame), chosen, said)
    return PublishedQuarter(catalogue, chosen, threshold, found, frame)
