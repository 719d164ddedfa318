"""Two releases of the same quarter's percentages cannot be subtracted (found by attacking the
public exports): a correction that hid one age band and moved All, or showed a band that was
hidden, let a reader work the band out exactly from the two releases. A percentage or rate
of a period already published is now shown as before, or hidden whole with its breakdowns,
as a count's table is.

Figures made by hand for the demonstration catalogue's CL_CONTACT_6WK (care leavers we had
contact with in the last six weeks; All = 17-18 + 19-21 in both n and N).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from scorecard.catalogue import ALL, load_catalogue
from scorecard.disclosure import publishable, releases_of
from scorecard.symbols import Symbol

CATALOGUE = load_catalogue(Path(__file__).resolve().parents[2] / "data" / "catalogue.toml")
AT = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def contact(**bands: tuple[int, int]) -> pd.DataFrame:
    """CL_CONTACT_6WK for 2026/27 Q2, each band as (n, N), All their sum."""
    n = sum(v[0] for v in bands.values())
    d = sum(v[1] for v in bands.values())
    rows = [(ALL, n, d), *((b.replace("_", "-"), *v) for b, v in bands.items())]
    return pd.DataFrame(
        [
            {"measure_id": "CL_CONTACT_6WK", "period": "2026/27 Q2", "breakdown": b,
             "value": round(100 * num / den, 1), "numerator": float(num),
             "denominator": float(den), "symbol": None, "note": None}
            for b, num, den in rows
        ]
    )  # fmt: skip


def shown(frame: pd.DataFrame) -> dict[str, object]:
    return {
        row.breakdown: "c" if row.symbol == Symbol.SUPPRESSED else row.value
        for row in frame.itertuples()
    }


def test_a_correction_that_hides_a_band_hides_the_whole_figure_in_the_next_release() -> None:
    # First release: 17-18 68 of 74 (91.9%), 19-21 122 of 131 (93.1%), All 190 of 205 (92.7%).
    before = contact(**{"17_18": (68, 74), "19_21": (122, 131)})
    first = publishable(CATALOGUE, before, 5)
    assert shown(first) == {ALL: 92.7, "17-18": 91.9, "19-21": 93.1}
    # Corrected: 69 of 74 (5 not seen: c) and All 191 of 205 (93.2%). Alone, 19-21 goes
    # with 17-18: a reader who knows the cohorts (DfE publishes them) works 191 - 122 = 69
    # of 74 out from 93.2 and 93.1. Shown as 93.2, c and 93.1 beside the first release,
    # only 69 of 74 fits too: the 5 would be given away.
    after = contact(**{"17_18": (69, 74), "19_21": (122, 131)})
    assert shown(publishable(CATALOGUE, after, 5)) == {ALL: 93.2, "17-18": "c", "19-21": "c"}
    again = publishable(CATALOGUE, after, 5, releases=releases_of(first, AT))
    assert shown(again) == {ALL: "c", "17-18": "c", "19-21": "c"}


def test_a_correction_that_shows_a_hidden_band_hides_the_whole_figure() -> None:
    # First release: 17-18 66 of 71 is c (5 not seen); corrected to 65 of 71, it would be
    # shown, and All with it: the two Alls give the first 17-18 back.
    before = contact(**{"17_18": (66, 71), "19_21": (131, 140)})
    first = publishable(CATALOGUE, before, 5)
    assert shown(first)["17-18"] == "c"
    after = contact(**{"17_18": (65, 71), "19_21": (131, 140)})
    again = publishable(CATALOGUE, after, 5, releases=releases_of(first, AT))
    assert set(shown(again).values()) == {"c"}


def test_a_figure_shown_the_same_or_corrected_without_any_c_is_shown() -> None:
    before = contact(**{"17_18": (60, 74), "19_21": (122, 131)})
    first = releases_of(publishable(CATALOGUE, before, 5), AT)
    assert shown(publishable(CATALOGUE, before, 5, releases=first)) == {
        ALL: 88.8,
        "17-18": 81.1,
        "19-21": 93.1,
    }
    # A correction with nothing hidden before or after tells a reader only the new figures.
    after = contact(**{"17_18": (61, 74), "19_21": (122, 131)})
    assert shown(publishable(CATALOGUE, after, 5, releases=first)) == {
        ALL: 89.3,
        "17-18": 82.4,
        "19-21": 93.1,
    }
    # A later release of the whole, hidden, remembers the earlier one too.
    hidden_whole = releases_of(
        publishable(CATALOGUE, contact(**{"17_18": (69, 74), "19_21": (122, 131)}), 5),
        LATER,
    )
    assert set(shown(publishable(CATALOGUE, after, 5, releases=first + hidden_whole)).values()) == {
        "c"
    }
