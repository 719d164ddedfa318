"""A percentage's breakdowns add up to its All, numerator by numerator (and rest by rest):
a reader who knows the cohorts (a count declared ``out_of``, DfE's own figures for care
leavers by age) works a hidden breakdown out from the All and the others (found by attacking
the published version). So when one is hidden, left out or without a number, or the All is
hidden, every breakdown is; the All stays, by its own rules.

Figures made by hand for the demonstration catalogue's CL_CONTACT_6WK (care leavers we had
contact with in the last six weeks, by age: 17-18 and 19-21)."""

from __future__ import annotations

import pandas as pd

from scorecard.catalogue import ALL
from scorecard.disclosure import publishable
from scorecard.symbols import Symbol
from tests.unit.test_disclosure_percent_releases import CATALOGUE, contact, shown


def test_a_breakdown_hidden_for_its_rest_takes_the_other_with_it() -> None:
    # 117 of 130 in touch (90.0%); 17-18 37 of 40 (92.5%: the 3 not in touch, c); 19-21 80
    # of 90 (88.9%). With 130, 40 and 90 known, 90.0 and 88.9 give 117 and 80, and 117 - 80
    # = 37 of 40: the 3. Both ages go; the All stays.
    figures = contact(**{"17_18": (37, 40), "19_21": (80, 90)})
    assert shown(publishable(CATALOGUE, figures, 5)) == {ALL: 90.0, "17-18": "c", "19-21": "c"}


def test_a_breakdown_without_a_number_or_left_out_takes_the_others_with_it() -> None:
    # The same figures with 17-18 not available (x), or not given at all: 117 - 80 is still
    # 37 of 40.
    figures = contact(**{"17_18": (37, 40), "19_21": (80, 90)})
    unknown = figures.copy()
    unknown.loc[1, ["value", "numerator", "denominator"]] = float("nan")
    unknown.loc[1, "symbol"] = Symbol.NOT_AVAILABLE
    result = shown(publishable(CATALOGUE, unknown, 5))
    assert (result[ALL], result["19-21"]) == (90.0, "c")
    assert shown(publishable(CATALOGUE, figures.drop(index=1), 5)) == {ALL: 90.0, "19-21": "c"}


def test_an_all_uploaded_as_c_takes_its_breakdowns_with_it() -> None:
    # The officer hid the All; 60 of 74 (81.1%) and 122 of 131 (93.1%) would give it back:
    # 182 of 205.
    figures = contact(**{"17_18": (60, 74), "19_21": (122, 131)})
    figures.loc[0, ["value", "numerator", "denominator"]] = float("nan")
    figures.loc[0, "symbol"] = Symbol.SUPPRESSED
    assert set(shown(publishable(CATALOGUE, figures, 5)).values()) == {"c"}


def test_breakdowns_with_nothing_hidden_are_shown() -> None:
    figures = contact(**{"17_18": (60, 74), "19_21": (122, 131)})
    assert shown(publishable(CATALOGUE, figures, 5)) == {ALL: 88.8, "17-18": 81.1, "19-21": 93.1}


def test_breakdowns_without_their_all_stand_alone() -> None:
    # No All: nothing for the breakdowns to add up to; only 17-18's own 3 is hidden.
    figures = contact(**{"17_18": (37, 40), "19_21": (80, 90)}).drop(index=0)
    assert shown(publishable(CATALOGUE, pd.DataFrame(figures), 5)) == {
        "17-18": "c", "19-21": 88.9
    }  # fmt: skip
