"""The comparators a paper prints beside each measure, where DfE's figures were imported.

A measure with no DfE mapping, or nothing imported for it, simply has none: papers leave the
columns out rather than fill them with dashes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from scorecard.benchmarks import service
from scorecard.benchmarks.importing import mapped_measures
from scorecard.catalogue import Catalogue
from scorecard.errors import ScorecardError
from scorecard.periods import Period
from scorecard.storage.store import Store


@dataclass(frozen=True)
class Comparison:
    year: str
    england: float | None
    neighbours: float | None
    band: str | None


def comparisons(
    store: Store, catalogue: Catalogue, observations: pd.DataFrame, period: Period
) -> dict[str, Comparison]:
    """England, statistical neighbours' average and quartile band (A best) by measure id,
    for the latest published year that had ended by ``period`` (the paper's quarter, as its
    tiles in the app show). ``observations`` place a council that is not in DfE's files by
    its own figure: pass the suppressed ones for anything public."""
    measures = mapped_measures(catalogue)
    if not measures:
        return {}
    try:
        published = service.load_published(store, measures)
    except ScorecardError:
        return {}
    found: dict[str, Comparison] = {}
    for measure in measures:
        try:
            compared = service.comparators_for(
                published, catalogue, measure.id, observations, as_of=period
            )
        except ScorecardError:
            continue
        if compared is None:
            continue
        found[measure.id] = Comparison(
            year=compared.year.label,
            england=compared.england,
            neighbours=compared.sn_mean,
            band=compared.band.value if compared.band is not None else None,
        )
    return found
