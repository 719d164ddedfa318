"""Disclosure control for anything published (SPEC §3, DfE convention).

Counts from 1 to the threshold (5 unless the council's information-governance policy says
otherwise, through ``SCORECARD_SUPPRESSION_THRESHOLD``) are shown as ``c``; so is any
percentage or rate whose numerator or denominator is in that range. Zero stays zero.

Then secondary suppression, per count measure and period, where the breakdowns (age bands,
placement types) add up to the ``All`` total. A reader who knows the total and every
published part knows what the hidden parts add up to; each hidden part is a whole number of
at least 1 (zero is never hidden) and, if all are small, at most the threshold. So one
hidden part on its own, or hidden parts that could only all be 1 or only all be the
threshold, would be given away: another part is hidden, the smallest that is not zero,
until none of that is true; when no part is left to hide, the total is hidden instead.

Numerators, denominators and notes are never published: only the figure itself. Commentary
is published only when an officer has approved that exact text (:func:`text_key`), so an
edited text needs approving again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Mapping

import pandas as pd

from scorecard.catalogue import ALL, Catalogue, Unit
from scorecard.errors import ScorecardError
from scorecard.records import Commentary
from scorecard.symbols import Symbol

DEFAULT_THRESHOLD = 5
THRESHOLD_VARIABLE = "SCORECARD_SUPPRESSION_THRESHOLD"
_MOST = 100


class DisclosureSettingError(ScorecardError):
    """The suppression threshold in the configuration cannot be used."""


def configured_threshold(environ: Mapping[str, str] | None = None) -> int:
    """The largest count that is hidden: ``$SCORECARD_SUPPRESSION_THRESHOLD``, else 5."""
    raw = (os.environ if environ is None else environ).get(THRESHOLD_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_THRESHOLD
    try:
        threshold = int(raw)
    except ValueError:
        threshold = 0
    if not 1 <= threshold <= _MOST:
        raise DisclosureSettingError(
            f"{THRESHOLD_VARIABLE} is '{raw}': it must be a whole number of children from 1 "
            f"to {_MOST}, e.g. {DEFAULT_THRESHOLD} (counts from 1 to it are hidden)."
        )
    return threshold


def suppression_note(threshold: int) -> str:
    """What ``c`` means, for the foot of every published table."""
    return (
        f"c = hidden to protect children's privacy: {threshold} or fewer children, or a "
        "figure that would let such a number be worked out. Zero is shown as 0."
    )


def _small(value: object, threshold: int) -> bool:
    return isinstance(value, float) and not pd.isna(value) and 1 <= value <= threshold


def publishable(
    catalogue: Catalogue, observations: pd.DataFrame, threshold: int | None = None
) -> pd.DataFrame:
    """A copy of ``observations`` safe to publish: suppressed cells have no value and ``c``.

    ``threshold`` defaults to the configured one (:func:`configured_threshold`).
    """
    if threshold is None:
        threshold = configured_threshold()
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
        suppressed = _secondary(group, suppressed, threshold)
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


def gives_away(hidden_parts: Collection[float], threshold: int) -> bool:
    """Whether hidden parts of a published total can be worked out from it.

    A reader knows what the hidden parts add up to (the total less the published parts) and
    that each is a whole number of at least 1; when they could all be small ones, also that
    each is at most the threshold. So a lone hidden part is known, and so are parts that can
    only all be 1, or only all be the threshold.
    """
    count, remainder = len(hidden_parts), round(sum(hidden_parts))
    return count == 1 or (count > 1 and remainder in (count, count * threshold))


def _secondary(group: pd.DataFrame, suppressed: pd.Series, threshold: int) -> pd.Series:
    """Secondary suppression of one total and its parts (the rule is :func:`hide_parts`)."""
    total = group[group["breakdown"] == ALL]
    parts = group[group["breakdown"] != ALL]
    if total.empty or parts.empty or bool(suppressed[total.index].any()):
        return suppressed
    if bool(total["value"].isna().all()):
        return suppressed  # no published total to subtract from
    values = [None if pd.isna(v) else float(v) for v in parts["value"]]
    total_hidden, parts_hidden = hide_parts(
        values, [bool(h) for h in suppressed[parts.index]], threshold
    )
    hidden = suppressed.copy()
    hidden[parts.index] = parts_hidden
    hidden[total.index] = total_hidden
    return hidden


def hide_parts(
    parts: list[float | None], hidden: list[bool], threshold: int
) -> tuple[bool, list[bool]]:
    """Given a published total's parts and which are already hidden, which parts to hide as
    well, and whether the total must go too, so that no hidden part can be worked out.

    The smallest part that is not zero (nor already hidden, nor without a number) goes
    first, until :func:`gives_away` is false; if no part is left, the total is hidden.
    """
    hidden = list(hidden)
    while gives_away([p or 0.0 for p, h in zip(parts, hidden, strict=True) if h], threshold):
        candidates = [
            (p, i) for i, (p, h) in enumerate(zip(parts, hidden, strict=True)) if not h and p
        ]
        if not candidates:
            return True, hidden
        hidden[min(candidates)[1]] = True
    return False, hidden


# -- free text ----------------------------------------------------------------------------


def text_key(item: Commentary) -> str:
    """A fingerprint of one piece of commentary exactly as written: approving it for
    publication approves these words, so a later edit has to be approved again."""
    canonical = "\x1f".join(
        [item.period.label, str(item.priority), item.kind.value, item.title, item.text]
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def publishable_commentary(items: list[Commentary], approved: Collection[str]) -> list[Commentary]:
    """Only the commentary whose exact text an officer has approved for publication."""
    return [c for c in items if text_key(c) in approved]
