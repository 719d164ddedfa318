"""The preview's two answers for the published version: which n / N a re-upload keeps, and
which of its figures will be c, and why. Stored figures are those of test_upload_preview
(PEP_TIMELY, one decimal place: 2024/25 Q2 is 56.1% (23 of 41), Q3 90.0% (36 of 40)); every
expectation is worked out by hand from them."""

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.catalogue import load_catalogue
from scorecard.disclosure import publishable, releases_of
from scorecard.records import Observation
from scorecard.symbols import Symbol
from scorecard.upload.preview import keep_cohorts, public_hidden
from tests.unit.test_disclosure_properties import catalogue_of
from tests.unit.test_upload_preview import NOTHING, Q2, Q3, STORED, stored, upload
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
        # 6 of 10 in education, employment or training singles out the 4 who are not.
        (
            "LEAVERS_EET",
            "19-21",
            "N - n, the children it leaves out, is from 1 to 5: it would single them out",
        ),
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


def test_a_breakdown_left_out_is_weighed_as_an_x_is():
    # 30 in care in all, 27 of them in three of the four age groups given: the one left out
    # (Under 1) is 30 - 27 = 3, worked out as surely as if it had been given as x. No figure
    # is small or hidden for itself, yet the published version hides the other parts: so
    # does the list.
    given = {"All": 30, "1-4": 6, "5-9": 9, "10-15": 12}
    listed = hidden(*(Observation("CLA_COUNT", Q2, band, value) for band, value in given.items()))
    assert [(measure, band) for measure, band, _ in listed] == [
        ("CLA_COUNT", "1-4"), ("CLA_COUNT", "5-9"), ("CLA_COUNT", "10-15")
    ]  # fmt: skip


# -- the preview's list against the published version itself ----------------------------------
# Whatever is stored and whatever is uploaded, the figures the preview says will be c are
# exactly the upload's figures that disclosure control, run on every figure that will count
# once the upload is saved, publishes as c: the preview runs it on a few groups only, and an
# attacker would look for the group it left out.
_KEYS = [
    (measure, period, breakdown)
    for measure, breakdowns in (
        ("CLA_COUNT", ("All", "Under 1", "1-4", "5-9", "10-15")),
        ("LEAVERS_EET", ("All", "17-18", "19-21")),
    )
    for period in (Q2, Q3)
    for breakdown in breakdowns
]
_count = st.one_of(
    st.integers(0, 8), st.integers(9, 60), st.just(250), st.just("c"), st.just("x"), st.none()
)
_share = st.one_of(
    st.tuples(st.integers(0, 40), st.integers(1, 40)).map(lambda p: (min(p), max(p))),
    st.just("c"),
    st.just("no cohort"),
)


def _figure(key, drawn):
    measure, period, breakdown = key
    if drawn == "c":
        return Observation(measure, period, breakdown, symbol=Symbol.SUPPRESSED)
    if drawn == "x":
        return Observation(measure, period, breakdown, symbol=Symbol.NOT_AVAILABLE)
    if measure == "CLA_COUNT":
        return Observation(measure, period, breakdown, None if drawn is None else float(drawn))
    if drawn == "no cohort":
        return Observation(measure, period, breakdown, 50.0)
    n, d = drawn
    return Observation(measure, period, breakdown, round(100 * n / d, 1), float(n), float(d))


def _figures(draw_value):
    return st.dictionaries(st.sampled_from(_KEYS), draw_value, max_size=len(_KEYS)).map(
        lambda chosen: [_figure(key, value) for key, value in chosen.items()]
    )


def _counts_or_shares(key):
    return _count if key[0] == "CLA_COUNT" else _share


_uploads = st.lists(st.sampled_from(_KEYS), unique=True, max_size=len(_KEYS)).flatmap(
    lambda keys: st.tuples(*(_counts_or_shares(k) for k in keys)).map(
        lambda values, keys=keys: [_figure(k, v) for k, v in zip(keys, values, strict=True)]
    )
)


def _listed_and_hidden(catalogue, before, uploaded, threshold, published_before=False):
    """The upload's figures the preview lists, and those the published version hides once
    the upload is saved (disclosure control run on every figure that will count then, and,
    when what was stored ``before`` was published, against that release)."""
    key = lambda o: (o.measure_id, o.period.label, o.breakdown)  # noqa: E731
    given_keys = {key(o) for o in uploaded}
    after = [o for o in before if key(o) not in given_keys] + list(uploaded)
    before = sorted(before, key=lambda o: (o.measure_id, o.period.end, o.breakdown))
    now = stored(*((o.measure_id, o.period, o.breakdown, *o[3:]) for o in before))
    earlier = (
        releases_of(publishable(catalogue, now, threshold), dt.datetime(2025, 1, 20, 9))
        if published_before
        else []
    )
    # In the store's order, as the published version reads them (which figures disclosure
    # control hides can depend on the order).
    after.sort(key=lambda o: (o.measure_id, o.period.end, o.breakdown))
    published = publishable(
        catalogue,
        stored(*((o.measure_id, o.period, o.breakdown, *o[3:]) for o in after)),
        threshold,
        releases=earlier,
    )
    hidden_after = {
        (m, p, b)
        for m, p, b, s in zip(
            published["measure_id"],
            published["period"],
            published["breakdown"],
            published["symbol"],
            strict=True,
        )
        if s == Symbol.SUPPRESSED
    }
    listed = public_hidden(upload(*uploaded), now, catalogue, threshold, earlier)
    return {key(h.observation) for h in listed}, given_keys & hidden_after


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=_uploads,
    uploaded=_uploads,
    threshold=st.sampled_from([3, 5, 10]),
    published_before=st.booleans(),
)
def test_the_preview_lists_exactly_what_the_published_version_hides(
    before, uploaded, threshold, published_before
):
    # (What was stored, published before: a period is published again as it was, or with a
    # changed table hidden whole.)
    listed, hidden_after = _listed_and_hidden(
        CATALOGUE, before, uploaded, threshold, published_before
    )
    assert listed == hidden_after


# The demonstration's catalogue links measures: CLA_COUNT shares its total with
# CLA_BY_PLACEMENT, CLA_RATE is a rate of CLA_COUNT, PLACEMENTS_3PLUS a percentage out of it.
DEMO = load_catalogue(Path(__file__).resolve().parents[2] / "data" / "catalogue.toml")
_LINKED = [
    (measure, period, breakdown)
    for measure, breakdowns in (
        ("CLA_COUNT", ("All", "Under 1", "1-4", "5-9")),
        ("CLA_BY_PLACEMENT", ("All", "Foster care", "Children's homes")),
        ("CLA_RATE", ("All", "Under 1")),
        ("PLACEMENTS_3PLUS", ("All",)),
    )
    for period in (Q2, Q3)
    for breakdown in breakdowns
]


def _linked_figure(key, drawn):
    measure, period, breakdown = key
    if drawn in ("c", "x"):
        symbol = Symbol.SUPPRESSED if drawn == "c" else Symbol.NOT_AVAILABLE
        return Observation(measure, period, breakdown, symbol=symbol)
    if drawn is None or measure in ("CLA_COUNT", "CLA_BY_PLACEMENT"):
        return Observation(measure, period, breakdown, None if drawn is None else float(drawn))
    if measure == "CLA_RATE":  # per 10,000 children, without n / N: its count gives them
        return Observation(measure, period, breakdown, float(drawn) * 3.5)
    return Observation(measure, period, breakdown, float(min(drawn, 100)))


_linked_uploads = st.lists(st.sampled_from(_LINKED), unique=True, max_size=12).flatmap(
    lambda keys: st.tuples(*(_count for _ in keys)).map(
        lambda values, keys=keys: [_linked_figure(k, v) for k, v in zip(keys, values, strict=True)]
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=_linked_uploads,
    uploaded=_linked_uploads,
    threshold=st.sampled_from([3, 5]),
    published_before=st.booleans(),
)
def test_the_preview_lists_exactly_what_is_hidden_of_measures_linked_to_others(
    before, uploaded, threshold, published_before
):
    # A figure of a measure sharing a total, or worked out from a count, is hidden with the
    # figures of the measures it is linked to, stored or uploaded, whatever its own n / N.
    listed, hidden_after = _listed_and_hidden(DEMO, before, uploaded, threshold, published_before)
    assert listed == hidden_after


def test_a_rate_worked_out_from_a_small_count_is_listed_with_that_reason():
    # Stored: CLA_COUNT 2024/25 Q3 Under 1 is 3 (hidden). The upload gives CLA_RATE Under 1
    # without n / N: from the count, 3 children, so hidden with it; its own n / N (none)
    # would have said "no n / N", which is not why.
    now = stored(("CLA_COUNT", Q3, "Under 1", 3.0, None, None, None, None))
    rate = Observation("CLA_RATE", Q3, "Under 1", 10.5)
    assert [
        (h.observation.measure_id, h.reason) for h in public_hidden(upload(rate), now, DEMO, 5)
    ] == [
        (
            "CLA_RATE",
            "worked out from the count it is declared to be made of, it would be about 1 to 5 "
            "children, or give away a count that is hidden",
        )
    ]
    # The count 40 instead: the rate is published, though it came without n / N.
    now = stored(("CLA_COUNT", Q3, "Under 1", 40.0, None, None, None, None))
    assert public_hidden(upload(rate), now, DEMO, 5) == []


_UNITS = {"CLA_COUNT": "count", "PEP_TIMELY": "percent", "MISSING_RATE": "rate", "SPEND": "money"}
_side = st.one_of(
    st.none(),
    st.integers(0, 12).map(float),
    st.integers(13, 400).map(float),
)
_value = st.one_of(
    st.none(),
    st.sampled_from([0.0, 0.4, 1.0, 2.5, 3.0, 5.0, 5.5, 6.0, 50.0, 97.8, 99.9, 100.0]),
    st.floats(0, 20_000, allow_nan=False),
)


@settings(max_examples=2000, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(sorted(_UNITS)),
            _value,
            _side,
            _side,
            st.sampled_from([None, None, None, Symbol.SUPPRESSED, Symbol.NOT_AVAILABLE]),
        ),
        min_size=1,
        max_size=12,
    ),
    threshold=st.sampled_from([3, 5, 10]),
)
def test_each_figure_is_hidden_for_itself_exactly_when_disclosure_control_hides_it(rows, threshold):
    # Figure by figure, the preview's reasons (a column at a time) and disclosure control's
    # rule for one figure agree: an n or N not given is worked out as a reader would, and a
    # percentage whose N - n is small is hidden (45 of 47 singles out the 2).
    from scorecard.disclosure import _primary
    from scorecard.records import FigureColumns
    from scorecard.upload.preview import _own_reasons

    figures = [
        Observation(measure, Q3, "All", value, n, d, symbol)
        for measure, value, n, d, symbol in rows
    ]
    reasons, _, _, _ = _own_reasons(FigureColumns.of(figures), CATALOGUE, threshold)
    units = {m.id: m.unit for m in CATALOGUE.measures}
    expected = [_primary(o, units[o.measure_id], threshold) for o in figures]
    assert [bool(r) for r in reasons.tolist()] == expected


@st.composite
def _catalogue_stored_and_upload(draw):
    """A random catalogue (counts with 0 to 4 bands, maybe sharing a total, maybe one the sum
    of two others; a percentage; a rate of the first count), figures stored for it (older
    ones may be fractions of a child) and an upload of some of its figures."""
    bands = draw(st.lists(st.integers(0, 4), min_size=1, max_size=3))
    catalogue = catalogue_of(bands, draw(st.booleans()), draw(st.booleans()))
    keys = [
        (m.id, period, breakdown)
        for m in catalogue.measures
        for period in (Q2, Q3)
        for breakdown in ("All", *m.breakdowns)
    ]
    units = {m.id: m.unit.value for m in catalogue.measures}
    symbols = st.sampled_from([Symbol.SUPPRESSED, Symbol.NOT_AVAILABLE, Symbol.NOT_APPLICABLE])
    side = st.one_of(st.none(), st.integers(0, 40).map(float))

    def figure(key, older):
        measure, period, breakdown = key
        if draw(st.integers(0, 6)) == 0:
            return Observation(measure, period, breakdown, symbol=draw(symbols))
        if units[measure] == "count":
            fractions = st.sampled_from([0.4, 5.4, 5.6]) if older else st.nothing()
            value = draw(st.one_of(st.integers(0, 14).map(float), fractions))
            return Observation(measure, period, breakdown, value)
        if units[measure] == "percent":
            n, d = draw(side), draw(side)
            return Observation(measure, period, breakdown, draw(st.floats(0, 100)), n, d)
        n, d = draw(side), draw(st.one_of(st.none(), st.just(25_000.0)))
        return Observation(measure, period, breakdown, draw(st.floats(0, 200)), n, d)

    chosen = draw(st.lists(st.sampled_from(keys), unique=True))
    given = draw(st.lists(st.sampled_from(keys), unique=True, min_size=1))
    return catalogue, [figure(k, True) for k in chosen], [figure(k, False) for k in given]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    drawn=_catalogue_stored_and_upload(),
    threshold=st.sampled_from([3, 5]),
    published_before=st.booleans(),
)
def test_the_preview_lists_exactly_what_is_hidden_in_any_catalogue(
    drawn, threshold, published_before
):
    # Shared totals, a count the sum of two others, a rate of a count, stored fractions of a
    # child, figures not available or not applicable: whatever the catalogue links, the list
    # is what the published version hides once the upload is saved.
    catalogue, before, uploaded = drawn
    listed, hidden_after = _listed_and_hidden(
        catalogue, before, uploaded, threshold, published_before
    )
    assert listed == hidden_after
