"""Disclosure control for anything published (SPEC §3, DfE convention).

Counts from 1 to the threshold (5 unless the council's information-governance policy says
otherwise) are shown as ``c``; so is any percentage or rate whose numerator or denominator
is in that range. Zero stays zero. Then secondary suppression: where a total and all but one
of its parts would be published, the missing part could be worked out by subtraction, so the
next-smallest part is suppressed too. Numerators, denominators and free-text notes are never
published: only the figure itself.
"""

from __future__ import annotations

import pandas as pd

from scorecard.catalogue import ALL, Catalogue, Unit
from scorecard.symbols import Symbol

DEFAULT_THRESHOLD = 5


def _small(value: object, threshold: int) -> bool:
    return isinstance(value, float) and not pd.isna(value) and 1 <= value <= threshold


def publishable(
    catalogue: Catalogue, observations: pd.DataFrame, threshold: int = DEFAULT_THRESHOLD
) -> pd.DataFrame:
    """A copy of ``observations`` safe to publish: suppressed cells have no value and ``c``."""
    counts = {m.id for m in catalogue.measures if m.unit is Unit.COUNT}
    frame = observations.reset_index(drop=True)
    primary = [
        (row.measure_id in counts and _small(row.value, threshold))
        or _small(row.numerator, threshold)
        or _small(row.denominator, threshold)
        for row in frame.itertuples()
    ]
    suppressed = pd.Series(primary, index=frame.index, dtype=bool)
    count_rows = frame["measure_id"].isin(counts)
    for _, group in frame[count_rows].groupby(["measure_id", "period"], sort=False):
        suppressed = _secondary(group, suppressed)
    symbols = [
        Symbol.SUPPRESSED if hidden else symbol
        for hidden, symbol in zip(suppressed, frame["symbol"], strict=True)
    ]
    return frame.assign(
        value=frame["value"].mask(suppressed),
        numerator=float("nan"),
        denominator=float("nan"),
        note=None,
        symbol=pd.Series(symbols, index=frame.index, dtype=object),
    )


def _secondary(group: pd.DataFrame, suppressed: pd.Series) -> pd.Series:
    """Suppress more parts of one total until no hidden part can be found by subtraction."""
    total = group[group["breakdown"] == ALL]
    parts = group[group["breakdown"] != ALL]
    if total.empty or parts.empty or bool(suppressed[total.index].any()):
        return suppressed
    hidden = suppressed.copy()
    while int(hidden[parts.index].sum()) == 1:
        candidates = parts[~hidden[parts.index] & (parts["value"] > 0)]
        if candidates.empty:
            # Nothing left to hide among the parts: hide the total instead.
            hidden[total.index] = True
            break
        hidden[candidates["value"].idxmin()] = True
    return hidden
