"""The preview's two answers for the published version: which n / N a re-upload keeps, and
which of its figures will be c, and why. Stored figures are those of test_upload_preview
(PEP_TIMELY, one decimal place: 2024/25 Q2 is 56.1% (23 of 41), Q3 90.0% (36 of 40)); every
expectation is worked out by hand from them."""

from scorecard.records import Observation
from scorecard.symbols import Symbol
from scorecard.upload.preview import keep_cohorts, public_hidden
from tests.unit.test_upload_preview import NOTHING, Q2, Q3, STORED, upload
from tests.unit.test_upload_validate import CATALOGUE

NO_COHORT = (
    "no n / N: a percentage is published only when both are known (give n and N, or the "
    "value stored now to keep its n / N)"
)


def kept(*observations):
    submission, found = keep_cohorts(upload(*observations), STORED, CATALOGUE)
    figures = [
        (o.period.label, o.value, o.numerator, o.denominator) for o in submission.observations
    ]
    return figures, [(k.observation.period.label, k.upload_id) for k in found]


def test_a_value_that_shows_the_same_keeps_the_stored_n_and_N():
    # 56.14 and 56.05 both show as 56.1 (half up); 89.95 shows as 90.0.
    assert kept(
        Observation("PEP_TIMELY", Q2, "All", 56.14), Observation("PEP_TIMELY", Q3, "All", 89.95)
    ) == (
        [("2024/25 Q2", 56.14, 23.0, 41.0), ("2024/25 Q3", 89.95, 36.0, 40.0)],
        [("2024/25 Q2", 1), ("2024/25 Q3", 1)],
    )
    assert kept(Observation("PEP_TIMELY", Q2, "All", 56.05))[1] == [("2024/25 Q2", 1)]


def test_a_value_that_shows_differently_keeps_nothing():
    # 56.04 shows as 56.0, not 56.1; 90.05 shows as 90.1.
    assert kept(
        Observation("PEP_TIMELY", Q2, "All", 56.04), Observation("PEP_TIMELY", Q3, "All", 90.05)
    ) == ([("2024/25 Q2", 56.04, None, None), ("2024/25 Q3", 90.05, None, None)], [])


def test_a_figure_with_n_or_N_of_its_own_a_symbol_or_nothing_stored_keeps_nothing():
    assert kept(Observation("PEP_TIMELY", Q2, "All", 56.1, 23, None))[1] == []
    assert kept(Observation("PEP_TIMELY", Q2, "All", symbol=Symbol.SUPPRESSED))[1] == []
    assert kept(Observation("PEP_TIMELY", Q2, "16+", 56.1))[1] == []  # nothing stored
    assert (
        keep_cohorts(upload(Observation("PEP_TIMELY", Q2, "All", 56.1)), NOTHING, CATALOGUE)[1]
        == []
    )


def hidden(*observations, now=NOTHING, threshold=5):
    found = public_hidden(upload(*observations), now, CATALOGUE, threshold)
    return [(h.observation.measure_id, h.observation.breakdown, h.reason) for h in found]


def test_counts_from_1_to_the_threshold_and_figures_uploaded_as_c_are_listed():
    assert hidden(
        Observation("CLA_COUNT", Q3, "All", 0),  # zero is published
        Observation("SPEND", Q3, "All", 3),  # money, not a count of children
        Observation("MISSING_RATE", Q3, "All", symbol=Symbol.SUPPRESSED),
    ) == [("MISSING_RATE", "All", "uploaded as c")]
    # 5 is hidden at the default threshold; 6 is not, unless the threshold is 6.
    assert hidden(Observation("CLA_COUNT", Q2, "All", 5)) == [
        ("CLA_COUNT", "All", "a count from 1 to 5")
    ]
    assert hidden(Observation("CLA_COUNT", Q2, "All", 6)) == []
    assert hidden(Observation("CLA_COUNT", Q2, "All", 6), threshold=6) == [
        ("CLA_COUNT", "All", "a count from 1 to 6")
    ]


def test_percentages_without_n_and_N_or_with_a_small_one_are_listed():
    assert hidden(
        Observation("PEP_TIMELY", Q3, "All", 92.5),
        Observation("LEAVERS_EET", Q3, "17-18", 60, 3, 5),
        Observation("LEAVERS_EET", Q3, "19-21", 60, 6, 10),
        Observation("LEAVERS_EET", Q3, "All", 60, 9, 15),
    ) == [
        ("PEP_TIMELY", "All", NO_COHORT),
        ("LEAVERS_EET", "17-18", "its n or N is from 1 to 5"),
    ]


def test_a_part_hidden_only_to_protect_another_is_listed_with_that_reason():
    # Stored: CLA_COUNT 2024/25 Q3 is 250 in all, Under 1 c. The upload gives the other parts,
    # 1-4 30, 5-9 41, 10-15 178: Under 1, alone among published parts, would be worked out by
    # subtraction (250 - 30 - 41 - 178 = 1), so at least one of the upload's parts is hidden
    # too (which one is disclosure control's choice), and said so; the total is stored.
    parts = {"1-4": 30, "5-9": 41, "10-15": 178}
    figures = [Observation("CLA_COUNT", Q3, band, value) for band, value in parts.items()]
    listed = hidden(*figures, now=STORED)
    assert listed
    assert {reason for _, _, reason in listed} == {
        "hidden as well, so that a hidden figure cannot be worked out from the total and the "
        "other parts"
    }
    # Without the stored figures (no total, no hidden part), nothing is hidden.
    assert hidden(*figures) == []
