"""Small numbers in free text: what an officer's commentary may not publish, and what it may.

Every sentence here is written by hand; the expected phrase is the words a reader would point
to. Threshold 5 (the default) unless a test says otherwise.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.disclosure import publishable_commentary, text_key
from scorecard.periods import parse_period
from scorecard.records import Commentary, CommentaryKind
from scorecard.small_numbers import (
    HiddenFigure,
    SmallNumberInCommentary,
    Why,
    _smallest_group_shared,
    find,
    in_commentary,
    refuse,
    restated,
)

CAUGHT = [
    # The leak of issue 12: a cohort beside a suppressed percentage.
    ("NEET is 6.5% (4 of 62), lower than last quarter.", "4 of 62"),
    ("4/62 young people were not in education, employment or training.", "4/62"),
    ("Four out of 62 care leavers were NEET.", "Four out of 62 care leavers"),
    ("Only 4 out of 62 were NEET.", "4 out of 62"),
    ("One of the 62 care leavers is in custody.", "One of the 62 care leavers"),
    ("1 in 62 care leavers is a parent.", "1 in 62 care leavers"),
    ("2 of 3 siblings were placed together.", "2 of 3 siblings"),
    ("3 of the 5 care leavers who replied were unhappy.", "3 of the 5 care leavers"),
    ("Twenty–one care leavers voted, 4/21 against.", "4/21"),
    ("0 of 4 children placed out of area had a visit.", "0 of 4 children"),
    # People named beside the number, in digits or words.
    ("Three young people left care this quarter.", "Three young people"),
    ("One care leaver started an apprenticeship.", "One care leaver"),
    ("A single child was placed out of the county.", "single child"),
    ("A couple of young people asked for a new social worker.", "couple of young people"),
    ("Two care leavers started university this autumn.", "Two care leavers"),
    ("4 new fostering households were approved.", "4 new fostering households"),
    (
        "We placed 3 unaccompanied asylum-seeking children.",
        "3 unaccompanied asylum-seeking children",
    ),
    ("4-5 young people are at risk of exploitation.", "4-5 young people"),
    ("Between this year 4 young people went to university.", "4 young people"),
    ("In Year 6, 4 pupils reached the expected standard.", "4 pupils"),
    ("Some, e.g. 3 children, waited longer.", "3 children"),
    # A number with no people beside it still counts someone: fail closed.
    ("Of the 62, 3 left without a plan.", "3"),
    ("Out of 5 young people asked, all said yes.", "5 young people"),
    ("We met 2 care-experienced young people.", "2 care-experienced young people"),
    ("4 were not in education, employment or training.", "4"),
    ("5 complaints were answered on time.", "5"),
    ("4 moved schools during the year.", "4"),
    ("Two of them went missing more than once.", "Two of them"),
    ("Two of the young people were excluded.", "Two of the young people"),
    # A percentage of a group whose size is given is a sum anyone can do: 6.5% of 62 is 4.
    ("6.5% of 62 young people were NEET.", "6.5% of 62 young people"),
    # Below the threshold, even in a bound: fewer than 3 is 1 or 2.
    ("Fewer than 3 young people were NEET.", "3 young people"),
]


@pytest.mark.parametrize(("sentence", "phrase"), CAUGHT)
def test_a_number_that_could_single_out_a_small_group_is_caught(sentence: str, phrase: str) -> None:
    assert [f.phrase for f in find(sentence, 5)] == [phrase]


LEFT_ALONE = [
    # Labels: priorities, pledges, school years, key stages, grades, rankings.
    "Priority 5 is about health and wellbeing.",
    "Pledges 2 and 3 were met in full.",
    "Priorities 1, 2 and 3 are on track.",
    "Year 6 pupils in care did better than ever.",
    "KS2 results and Attainment 8 improved.",
    "Most gained grade 4 or above in English and maths.",
    "We are in the top 5 councils in the region.",
    "See No. 5 of the action plan.",
    # Periods, dates and times.
    "In 2026/27 Q3 we met the target.",
    "Figures for 2025-26 and 24/25 are final.",
    "The panel met on 5 March 2026 and again on March 12.",
    "The helpline is open until 5pm, or 5:30 on Fridays.",
    # Ages.
    "Every child aged 4 to 5 had a health check.",
    "Children under 5 are seen by a health visitor.",
    "'The nurse came to my house.' (young person, 4)",
    "The 5-year-olds in care all started school.",
    # Time, money, per cent, things that are not people.
    "I've had the same social worker for two years.",
    "Return home interviews are held within 3 days.",
    "Two NHS dental practices closed their lists in August.",
    "Two long-term teams lost experienced social workers.",
    "We held 3 meetings and 2 workshops with foster carers.",
    "There are 3 children's homes in the county.",
    "The allowance rose by £5 a week, to £3,000 a year.",
    "5% of children in care had three or more placements.",
    "Two thirds of care leavers are in education, employment or training.",
    "Personal Education Plans were up to date for 96.4% of 386 children.",
    "Waits fell by 4.5 days.",
    "Young people rated the service 4.5 out of 5.",
    "We have 5 Ofsted-registered children's homes and 3 newly-qualified social workers.",
    "4 of the 6 priorities are on track, and 3/4 pledges are met.",
    "3 of our 5 children's homes were judged good; 50% of 4 schools replied.",
    "16.0% of 16 to 18 year olds were NEET, and 20% of 4 year olds had a check.",
    "91% of 4 to 7 year olds said they feel safe.",
    # Bounds that cover the whole hidden range, or only a lower bound.
    "Fewer than five young people were NEET.",
    "Up to 5 young people may move in the summer.",
    "At least 3 children took part.",
    "Children with 3 or more placements, or 5+ moves, get a review.",
    # Ratios with a small round base are proportions.
    "1 in 4 children in care has a mental health need.",
    # "one" as a pronoun, and words that are not numbers.
    "We hide one number because so few children are involved.",
    "One of the young people told us what a good visit looks like.",
    "One of them said the panel listened.",
    "We met twice, one-to-one, with young people and carers.",
    "No one was placed out of the county.",
    # Zero stays zero, numbers above the threshold are published anyway.
    "0 young people were placed in unregulated homes.",
    "6 care leavers went to university.",
    "Sixty-two young people were aged 16 to 18.",
]


@pytest.mark.parametrize("sentence", LEFT_ALONE)
def test_a_number_that_counts_no_small_group_is_left_alone(sentence: str) -> None:
    assert find(sentence, 5) == []


def test_the_finding_gives_the_sentence_and_where_the_number_is_in_it() -> None:
    text = (
        "We met on 5 March. NEET is 6.5% (4 of 62), lower than last quarter.\nPriority 5 is next."
    )
    [finding] = find(text, 5)
    assert finding.sentence == "NEET is 6.5% (4 of 62), lower than last quarter."
    assert finding.sentence_start == 19
    assert (finding.before, finding.phrase, finding.after) == (
        "NEET is 6.5% (",
        "4 of 62",
        "), lower than last quarter.",
    )
    assert finding.count == 4 and finding.why is Why.OF_A_GROUP


def test_each_small_number_of_a_text_is_found_in_its_own_sentence() -> None:
    text = "Three young people left care! 4 were NEET? Both\nhad 2 placements of 3 days"
    assert [(f.sentence, f.phrase) for f in find(text, 5)] == [
        ("Three young people left care!", "Three young people"),
        ("4 were NEET?", "4"),
        ("had 2 placements of 3 days", "2"),
    ]


def test_the_threshold_decides_what_is_small() -> None:
    sentence = "6 care leavers went to university."
    assert find(sentence, 5) == []
    assert [f.phrase for f in find(sentence, 10)] == ["6 care leavers"]
    assert [f.phrase for f in find("Twenty-one care leavers voted.", 25)] == [
        "Twenty-one care leavers"
    ]
    assert [f.count for f in find("Twenty–one voted, and twenty one did not.", 25)] == [21, 21]


def test_fewer_than_the_threshold_is_allowed_only_when_it_covers_the_hidden_range() -> None:
    assert find("Fewer than 10 young people were NEET.", 10) == []
    assert [f.count for f in find("Fewer than 5 young people were NEET.", 10)] == [5]


def test_a_cohort_of_one_to_the_threshold_is_caught_even_when_n_is_zero_or_large() -> None:
    [finding] = find("0% of 4 children were NEET.", 5)
    assert (finding.phrase, finding.count, finding.why) == ("0% of 4 children", 4, Why.OF_A_GROUP)
    assert find("0% of 40 children were NEET.", 5) == []


def test_a_percentage_works_out_the_children_as_a_reader_would() -> None:
    [finding] = find("2% of 62 care leavers were NEET.", 5)
    # 2% of 62 is 1.24, so 1 child; a figure above zero is at least one child.
    assert finding.count == 1
    assert "works out at 1 child" in finding.explained(5)
    assert find("10% of 62 care leavers were NEET.", 5) == []  # 6.2, so 6


COMMENT = Commentary(
    parse_period("2026/27 Q2"),
    2,
    CommentaryKind.NARRATIVE,
    "What the numbers tell us",
    "NEET is 6.5% (4 of 62). We hide one number because so few children are involved.",
)


def test_commentary_is_checked_in_its_title_as_well_as_its_text() -> None:
    titled = Commentary(
        COMMENT.period,
        2,
        CommentaryKind.ACHIEVEMENT,
        "Three care leavers at university",
        "Well done.",
    )
    assert [f.sentence for f in in_commentary(titled, 5)] == ["Three care leavers at university"]


def test_refusing_names_the_commentary_the_sentence_and_what_to_do() -> None:
    with pytest.raises(SmallNumberInCommentary) as refused:
        refuse([COMMENT], 5)
    assert refused.value.problems == [
        "What the numbers tell us: What the numbers tell us (2026/27 Q2, priority 2) cannot "
        "be published: in “NEET is 6.5% (4 of 62).”, “4 of 62” is a count out of a group, "
        "from 1 to 5. Counts from 1 to 5 could identify a child. Reword the sentence without "
        "the number (e.g. “fewer than 5 young people”, or a percentage without the size of "
        "the group) in the Commentary sheet, upload it again and tick it then."
    ]
    assert [(item, [f.phrase for f in found]) for item, found in refused.value.flagged] == [
        (COMMENT, ["4 of 62"])
    ]


def test_commentary_without_small_numbers_is_not_refused() -> None:
    refuse([Commentary(COMMENT.period, 2, CommentaryKind.NARRATIVE, "Priority 2", "On track.")], 5)


def test_an_approved_text_is_published_only_while_it_has_no_small_number() -> None:
    six = Commentary(COMMENT.period, 5, CommentaryKind.ACHIEVEMENT, "University", "6 went.")
    approved = {text_key(COMMENT), text_key(six)}
    # "4 of 62" is never published; "6 went" is, until the council hides counts up to 6.
    assert publishable_commentary([COMMENT, six], approved, 5) == [six]
    assert publishable_commentary([COMMENT, six], approved, 6) == []
    assert publishable_commentary([six], set(), 5) == []  # never approved


@pytest.mark.parametrize(
    "text",
    [
        "1" * 400 + " children were placed.",  # a float of it is infinite
        "9" * 400 + "% of 62 care leavers",
        "4/" + "1" * 5000,  # Python refuses to read 4,300 digits or more as a number
        "Sixty " * 2000,
        "",
        " \n\t ",
        "...!?",
    ],
)
def test_any_text_is_read_without_failing(text: str) -> None:
    # Public outputs run every approved text through the finder: a failure would take the
    # published version down for every visitor.
    for finding in find(text, 5):
        assert finding.phrase in finding.sentence


def test_a_huge_number_is_not_small_but_its_small_group_still_is() -> None:
    assert find("1" * 400 + " children were placed.", 5) == []
    [finding] = find("9" * 400 + "% of 3 children", 5)
    assert (finding.count, finding.why) == (3, Why.OF_A_GROUP)
    assert [f.count for f in find("0000004 children", 5)] == [4]
    assert [(f.phrase, f.count) for f in find("0/4 were seen.", 5)] == [("0/4", 4)]


_PIECES = [
    "4", "62", "four", "one", "twenty-one", "of", "out", "in", "the", "young", "people",
    "children", "care", "leavers", "Priority", "Year", "March", "aged", "under", "fewer",
    "than", "or", "more", "%", "6.5%", "4/62", "2026/27", "(", ")", ",", ".", "!", "\n",
    "£5", "5pm", "-", "–", "’s", "a", "single", "couple", "No.", "e.g.", "\u00a0", "\u200b",
    "٤", "１", "1" * 30, "0/4", "0",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from([" ", "", "  "]))
@settings(max_examples=300, deadline=None)
def test_every_finding_points_at_its_words_in_its_sentence(pieces: list[str], gap: str) -> None:
    text = gap.join(pieces)
    for finding in find(text, 5):
        start = finding.sentence_start
        assert text[start : start + len(finding.sentence)] == finding.sentence
        assert finding.sentence[finding.at :].startswith(finding.phrase)
        assert finding.sentence.strip() == finding.sentence and finding.phrase
        assert 1 <= finding.count <= 5  # the small number itself


@pytest.mark.parametrize("kind", list(CommentaryKind))
def test_every_kind_of_commentary_is_checked_before_it_is_published(kind: CommentaryKind) -> None:
    # Narrative, "You said, we did", voice of the child, achievements and concerns are all
    # published the same way, so a small number in any of them is held back.
    told = Commentary(COMMENT.period, 3, kind, "Heard", "'Three of us went missing.' (boy, 15)")
    assert [f.phrase for f in in_commentary(told, 5)] == ["Three of us"]
    assert publishable_commentary([told], {text_key(told)}, 5) == []


# The rest of a group is a count too, as the figures' own rule says (45 of 47 in suitable
# accommodation tells everyone that 2 are not), and a reader puts sentences together: a
# percentage of a group whose size another sentence gives is a sum anyone can do.
REST_CAUGHT = [
    ("45 of 47 care leavers lived in suitable accommodation.", "45 of 47 care leavers", 2),
    ("45/47 care leavers were in touch with us.", "45/47", 2),
    (
        "93.5% of 62 care leavers were in education, employment or training.",
        "93.5% of 62 care leavers",
        4,
    ),
    ("Of the 62 young people, 58 were in education, employment or training.", "58", 4),
    # 47 from the first sentence: 91.5% is 43 of 47 (91.49%), so 4 were not.
    ("21 of 47 care leavers were in work. 91.5% lived in suitable accommodation.", "91.5%", 4),
    # 120 care leavers, 96% in touch: 115 of 120 is 95.8%, so 5 were not.
    ("We have 120 care leavers. 96% were in touch with us.", "96%", 5),
    # A small share of a group given elsewhere: 4.2% of 120 is 5.
    ("We have 120 care leavers. 4.2% were NEET.", "4.2%", 5),
]


@pytest.mark.parametrize(("text", "phrase", "count"), REST_CAUGHT)
def test_the_rest_of_a_group_whose_size_is_given_is_caught(
    text: str, phrase: str, count: int
) -> None:
    assert [(f.phrase, f.count) for f in find(text, 5)] == [(phrase, count)]


REST_LEFT_ALONE = [
    "21 of 47 care leavers were in work.",  # 26 were not
    "40 of 47 care leavers lived in suitable accommodation.",  # 7 did not
    "47 of 47 care leavers had a pathway plan.",  # none did not
    # 72% of 47 would be 33.8: no whole number of the 47, so not a share of them.
    "21 of 47 care leavers were in work. 72% lived in suitable accommodation.",
    # The 96% is of schools, and a target is nobody's share.
    "We have 120 care leavers. 96% of schools replied, short of our 98% target.",
    # Its own n of N says what group the 90% is of (and 38 were not).
    "90.0% of pupils had a plan (342 of 380). We have 50 pupils in year 11.",
    # An average is no group.
    "Reviewing officers had an average of 74 children each; 93.2% of reviews were on time.",
    # No group's size anywhere: a percentage alone identifies nobody.
    "We were in touch with 95.7% of care leavers.",
]


@pytest.mark.parametrize("text", REST_LEFT_ALONE)
def test_a_rest_above_the_threshold_or_no_group_is_left_alone(text: str) -> None:
    assert find(text, 5) == []


def test_a_group_given_in_the_title_is_read_with_a_percentage_in_the_text() -> None:
    titled = Commentary(
        COMMENT.period,
        5,
        CommentaryKind.NARRATIVE,
        "Our 47 care leavers aged 19 to 21",
        "We were in touch with 95.7% of them.",  # 45 of 47: 2 were not
    )
    [finding] = in_commentary(titled, 5)
    assert (finding.phrase, finding.count, finding.why) == ("95.7%", 2, Why.REST_OF_A_GROUP)
    assert finding.explained(5) == (
        "“95.7%” is part of a group whose size is given: it leaves 2 children out, from 1 to 5"
    )


def test_the_demo_narrative_that_published_hidden_care_leavers_is_refused() -> None:
    # Found by trying the published version as an attacker: Demoshire's 2026/27 Q2 narrative
    # for priority 5, approved, published "(21 of 47)" beside 91.5% in suitable accommodation
    # and 95.7% in touch, both hidden in the table: 4 and 2 care leavers.
    narrative = Commentary(
        COMMENT.period,
        5,
        CommentaryKind.NARRATIVE,
        "What the numbers tell us",
        "44.7% of care leavers aged 19 to 21 (21 of 47) were in education, employment or "
        "training. 91.5% of 19 to 21 year olds lived in suitable accommodation and we were in "
        "touch with 95.7%.",
    )
    assert [(f.phrase, f.count) for f in in_commentary(narrative, 5)] == [
        ("91.5%", 4),
        ("95.7%", 2),
    ]
    assert publishable_commentary([narrative], {text_key(narrative)}, 5) == []
    with pytest.raises(SmallNumberInCommentary):
        refuse([narrative], 5)


# Figures the published table hides, as scorecard.disclosure.hidden_figures gives them: 91.49%
# in suitable accommodation (43 of 47) for priority 5, 12 children who went missing (priority
# 3, hidden to protect a smaller cell of its table), a rate of 68.94 (priority 1).
HIDDEN = frozenset(
    {HiddenFigure(91.49, True, 5), HiddenFigure(12.0, False, 3), HiddenFigure(68.94, False, 1)}
)


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("91.5% lived in suitable accommodation.", ["91.5%"]),
        ("Around 91% lived in suitable accommodation.", ["91%"]),  # rounded, still the figure
        ("91.5 per cent lived in suitable accommodation.", ["91.5"]),
        ("12 children went missing; it took 12 months to see it.", ["12"]),
        ("The rate was 68.9 per 10,000.", ["68.9"]),
        ("The rate was 69 per 10,000.", ["69"]),
        ("91.5 % lived in suitable accommodation.", ["91.5"]),
        ("91.4% lived in suitable accommodation.", []),  # not the hidden figure
        ("Every Year 12 pupil had a plan.", []),  # a label, not a count
        ("We met 12 times and 91.5 miles apart.", []),  # no people; 91.5 is no rate we hide
        ("12% were placed far away.", []),  # a percentage, not the hidden count of 12
    ],
)
def test_a_figure_the_table_hides_is_found_where_the_words_quote_it(
    text: str, phrases: list[str]
) -> None:
    found = restated(text, HIDDEN)
    assert [f.phrase for f in found] == phrases
    assert all(f.why is Why.HIDDEN_FIGURE for f in found)


def test_commentary_is_checked_against_its_own_prioritys_hidden_figures() -> None:
    said = "We were in touch with most of them, and 91.5% lived in suitable accommodation."
    care_leavers = Commentary(COMMENT.period, 5, CommentaryKind.ACHIEVEMENT, "Homes", said)
    reviews = Commentary(COMMENT.period, 4, CommentaryKind.ACHIEVEMENT, "Reviews", said)
    [finding] = in_commentary(care_leavers, 5, HIDDEN)
    assert finding.phrase == "91.5%"
    assert in_commentary(reviews, 5, HIDDEN) == []  # 91.5% of reviews is another figure
    assert publishable_commentary(
        [care_leavers, reviews], {text_key(care_leavers), text_key(reviews)}, 5, HIDDEN
    ) == [reviews]


def test_a_target_is_not_a_figure_quoted_again() -> None:
    aims = frozenset({HiddenFigure(95.0, True, 5)})
    for text in (
        "92.8% of care leavers have a plan, below the 95% target.",
        "Against a target of 95%, most had a plan.",
        "The 95 per cent target was missed.",
    ):
        assert restated(text, aims) == [], text
    assert [f.phrase for f in restated("95% had a plan.", aims)] == ["95%"]


# The same leak written other ways (an independent attack on the check above): each leaves 2
# or 4 of 47 care leavers out, or 4 of 47 NEET (8.5% of 47 is 4), worked by hand.
REWORDED = [
    ("8.5 per cent of 47 care leavers were NEET.", 4),
    ("95.7 percent of 47 care leavers were in touch.", 2),
    ("95.7 % of 47 care leavers were in touch.", 2),
    ("We support 47 care leavers. 91.5 per cent lived in suitable accommodation.", 4),
    ("Of the 47 care leavers, 95.7 per cent were in touch.", 2),
    ("We support 47 care leavers. 43 of them lived in suitable accommodation.", 4),
    ("We support 47 care leavers. Of these, 43 lived in suitable accommodation.", 4),
    ("91.5% (n=47) lived in suitable accommodation.", 4),
    ("Suitable accommodation: 91.5% (N = 47).", 4),
    ("43 (n=47) lived in suitable accommodation.", 4),
    ("A cohort of 47 care leavers. 91.5% lived in suitable accommodation.", 4),
    ("Care leavers (47): 91.5% lived in suitable accommodation.", 4),
    ("Of our 47 care leavers 43 lived in suitable accommodation.", 4),
    ("Of the 47 care leavers we currently support in the county, 43 were in touch.", 4),
    ("Among our 47 care leavers, 43 were in touch.", 4),
    ("45 care leavers out of 47 were in touch.", 2),
    ("45 (of 47) were in touch.", 2),
    ("45 of a possible 47 were in touch.", 2),
    ("43 / 47 were in touch.", 4),
    ("43 from 47 were in touch.", 4),
]


@pytest.mark.parametrize(("text", "count"), REWORDED)
def test_the_leak_written_another_way_is_caught(text: str, count: int) -> None:
    assert [f.count for f in find(text, 5)] == [count]


# The same leak with its numbers written out, with a decimal comma or a middle dot, or as a
# count that starts a sentence after the group's size: worked by hand as above (and 96% of 120
# care leavers is 115, so 5 were not; 115 of 120 leaves 5).
WRITTEN_OUT = [
    (
        "Forty five of forty seven care leavers were in touch.",
        "Forty five of forty seven care leavers",
        2,
    ),
    ("We have forty-seven care leavers. 91.5% lived in suitable accommodation.", "91.5%", 4),
    (
        "We have 47 care leavers. Ninety-one per cent lived in suitable accommodation.",
        "Ninety-one",
        4,
    ),
    (
        "We have 47 care leavers. Ninety-one point five per cent lived in suitable accommodation.",
        "Ninety-one point five",
        4,
    ),
    (
        "Ninety-five point seven per cent of 47 care leavers were in touch.",
        "Ninety-five point seven per cent of 47 care leavers",
        2,
    ),
    ("We have one hundred and twenty care leavers. 96% were in touch.", "96%", 5),
    (
        "One hundred and fifteen of one hundred and twenty care leavers were in touch.",
        "One hundred and fifteen of one hundred and twenty care leavers",
        5,
    ),
    ("We have 120 care leavers. Ninety-six percent were in touch.", "Ninety-six", 5),
    ("We have 47 care leavers. 91,5% lived in suitable accommodation.", "91,5%", 4),
    ("We have 47 care leavers. 91,5 per cent lived in suitable accommodation.", "91,5", 4),
    ("We have 47 care leavers. 91·5% lived in suitable accommodation.", "91·5%", 4),
    ("We have 47 care leavers. 91.5pc lived in suitable accommodation.", "91.5pc", 4),
    ("We have 47 care leavers. 45 were in touch with us.", "45", 2),
    ("47 care leavers; 43 lived in suitable accommodation.", "43", 4),
    ("Forty-seven care leavers; forty-three lived in suitable accommodation.", "forty-three", 4),
    # A second attack on the change (an independent review): each was missed.
    (
        "We have a hundred and twenty care leavers. A hundred and sixteen were in touch.",
        "A hundred and sixteen",
        4,
    ),
    (
        "We have forty-seven care leavers. Ninety-one and a half per cent lived in suitable "
        "accommodation.",
        "Ninety-one and a half",
        4,
    ),
    ("We have 47 care leavers. 91½% lived in suitable accommodation.", "91½%", 4),
    ("We have forty-seven care leavers. Ninety-one% were in touch.", "Ninety-one", 4),
    ("We have 47 care leavers. 91.5 per-cent lived in suitable accommodation.", "91.5", 4),
    ("At one point five young people were missing from care.", "five young people", 5),
    (
        "Forty\u2011five of forty\u2011seven care leavers were in touch.",
        "Forty\u2011five of forty\u2011seven care leavers",
        2,
    ),
    (
        "Forty\u2010five of forty\u2010seven care leavers were in touch.",
        "Forty\u2010five of forty\u2010seven care leavers",
        2,
    ),
    ("We have forty-seven care leavers, of whom forty-five were in touch.", "forty-five", 2),
    ("We have forty-seven care leavers. Of these forty-five were in touch.", "forty-five", 2),
    ("We have forty-seven care leavers\nForty-five were in touch", "Forty-five", 2),
    ("We have forty-seven care leavers:\n\u2022 Forty-five were in touch", "Forty-five", 2),
    ("We have forty-seven care leavers. Overall, forty-five were in touch.", "forty-five", 2),
    ("We have forty-seven care leavers (forty-five were in touch).", "forty-five", 2),
    ("We have forty-seven care leavers; all but one are in touch.", "all but one", 1),
    ("We have forty-seven care leavers. Forty-three live independently.", "Forty-three", 4),
    (
        "We have forty-seven care leavers. Forty-five of our care leavers are in touch.",
        "Forty-five",
        2,
    ),
]


# A count beside the size of a group the text has, however the sentence joins them: each
# leaves 2 of 47 care leavers out (or 4 of 47), worked by hand. Each got past the check
# before, because only a count that started a sentence or clause was read as part of the group.
JOINED = [
    ("We have 47 care leavers and 45 were in touch.", "45", 2),
    ("We have 47 care leavers, and 45 were in touch.", "45", 2),
    ("We have 47 care leavers but only 45 were in touch.", "45", 2),
    ("We have 47 care leavers and we were in touch with 45.", "45", 2),
    ("We have 47 care leavers. This quarter 45 were in touch.", "45", 2),
    ("We have 47 care leavers. In June 45 were in touch.", "45", 2),
    ("We have 47 care leavers; this quarter we were in touch with 45.", "45", 2),
    ("We have 47 care leavers. We were in touch with 45.", "45", 2),
    ("Our 47 care leavers: 45 in touch.", "45", 2),
    ("47 care leavers, 45 in touch.", "45", 2),
    ("We support 47 care leavers. Currently 43 are in education.", "43", 4),
    ("We support 47 care leavers; at the moment 43 are in education.", "43", 4),
    ("We look after 47 care leavers, with 45 in touch.", "45", 2),
    ("The cohort is 47 and 45 were in touch.", "45", 2),
    ("We have 47 care leavers and 45 care leavers were in touch.", "45", 2),
    ("There were 47 care leavers. 45 young people were in touch.", "45", 2),
    ("We have forty-seven care leavers and forty-five were in touch.", "forty-five", 2),
    # An independent attack on the change: each got past it (2 of 47 or 3 of 47 or 4 of 62).
    ("We have 47 looked after children; 45 had a health assessment.", "45", 2),
    ("We have 47 CLA. 45 had an up to date health assessment.", "45", 2),
    ("We look after 47 unaccompanied minors; 44 are in foster care.", "44", 3),
    ("We support 47 young adults who left our care. 45 are in touch.", "45", 2),
    ("We have 47 care leavers. 45 currently in touch.", "45", 2),
    ("We have 47 care leavers. 45 EET.", "45", 2),
    ("Cohort: 47. In touch: 45.", "45", 2),
    ("Care leavers = 47; in touch = 45.", "45", 2),
    ("Care leavers | 47\nIn touch | 45", "45", 2),
    ("Care leavers 47\nIn touch 45", "45", 2),
    ("45 in touch vs 47 eligible.", "45", 2),
    ("The care leaver cohort numbers 47 and 45 are in touch.", "45", 2),
    ("The number of care leavers is 47 and the number in touch is 45.", "45", 2),
    ("In touch with 45 care leavers out of a total of 47.", "45", 2),
    ("Contact was maintained with 45 care leavers; the cohort is 47.", "45", 2),
    ("47 care leavers were eligible for a service; 45 care leavers were in touch.", "45", 2),
    ("Of the children in care (47), 45 had a PEP.", "45", 2),
    ("We have 47 children in care. 44 kids had a dental check.", "44", 3),
    (
        "We have 62 children in care: 40 in foster care, 18 in residential care and the "
        "remainder placed with parents.",
        "the remainder",
        4,
    ),
    (
        "Of 47 care leavers, 24 are boys and 21 are girls; the others identify differently.",
        "the others",
        2,
    ),
]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("All bar one were in touch.", "All bar one"),
        ("All except one were in touch.", "All except one"),
        ("Everyone but one is in touch.", "Everyone but one"),
        ("With one exception, all our care leavers are in touch.", "With one exception"),
        ("Only one is not in touch.", "Only one"),
    ],
)
def test_all_but_one_written_other_ways_is_one(text: str, phrase: str) -> None:
    assert [(f.phrase, f.count) for f in find(text, 5)] == [(phrase, 1)]


def test_only_one_before_a_thing_is_left_alone() -> None:
    assert find("Only one priority is red, and just one way forward was agreed.", 5) == []


@pytest.mark.parametrize(("text", "phrase", "count"), JOINED)
def test_a_count_joined_to_a_groups_size_any_way_is_read_as_part_of_it(
    text: str, phrase: str, count: int
) -> None:
    assert [(f.phrase, f.count) for f in find(text, 5)] == [(phrase, count)]


@pytest.mark.parametrize(
    "text",
    [
        # Two flows: the 51 who left are not some of the 56 who came.
        "56 children came into care and 51 left care.",
        "56 children came into care and 51 children left care.",
        # Earlier figures and comparisons.
        "There were 639 children in our care (last quarter 637).",
        "We have 47 care leavers, up from 45 last year.",
        "We have 47 care leavers, compared with 45 a year ago.",
        "We have 47 care leavers; more than 45 for the first time.",
        # Two groups, neither part of the other (the demo's own narrative).
        "There were 77 missing episodes involving 29 children in care. 25 children in care "
        "were assessed as at risk of exploitation.",
        # Rates, ages and things.
        "There were 637 children in our care, or 68.0 per 10,000 children aged under 18.",
        "We have 21 care leavers aged 19 to 21; 21.1% of 16 to 18 year olds were NEET.",
        # The attack's false alarms: other times, places, figures and groups of their own.
        "There were 52 children in care at the end of March, and 48 at the end of June.",
        "There were 48 children in care on 31 March, 45 on 30 June and 50 on 30 September.",
        "47 children were adopted last year and 44 the year before.",
        "We had 47 care leavers in 2024/25 and 45 in 2025/26.",
        "We have 412 children in care (408 in Q1).",
        "Children in care: 52 (Q1: 48).",
        "Our 52 children in care compares with 49 in Suffolk.",
        "We have 52 children in care. In 2019 we had 49.",
        "We have 47 care leavers. Since 2015, 45 care leavers have gone to university.",
        "We have 47 care leavers. The target for 2026/27 is 45.",
        "We have 52 children in care. The rate per 10,000 is 49.",
        "There were 56 children who came into care and 51 who left care.",
        "We have 52 children in care. Of the 49 children who left care last year, 20 went home.",
        "We have 52 children in care. There are 49 approved foster households.",
        "Children in care: 52\nCare leavers: 48\nAdopted this year: 12",
        "Children in care: 52. Care leavers: 48.",
        "We had 47 care leavers; we are in touch with them all, for the rest of the year too.",
    ],
)
def test_counts_beside_a_group_that_are_no_part_of_it_are_left_alone(text: str) -> None:
    assert find(text, 5) == []


@pytest.mark.parametrize(("text", "phrase", "count"), WRITTEN_OUT)
def test_the_leak_with_its_numbers_written_another_way_is_caught(
    text: str, phrase: str, count: int
) -> None:
    assert [(f.phrase, f.count) for f in find(text, 5)] == [(phrase, count)]


@pytest.mark.parametrize(
    "text",
    [
        "56 children came into care and 51 left care during the quarter.",  # a flow, no rest
        "One hundred and twenty young people answered the survey.",
        "Priority five is about care leavers.",
        "One of them told us it helped.",
        "We have 47 care leavers. Our ninety per cent target was met.",
        "We have 47 care leavers. Staff turnover fell to eight point five per cent.",
        "Two thousand and twenty-six was a good year.",
        "Of the 62 young people, fifty were in work.",
        "We have 47 care leavers. 45 days later the review was held.",
        "We have 47 care leavers. The England average is 91,5%.",
        "Items 3,4 and 5 of the plan are done.",
        "We have 400 children in care. Referrals rose 1,000% in ten years.",  # not 1.000%
        "A hundred and five young people attended the celebration event.",
        "A hundred and one children came into care this year.",
        "We have 47 care leavers. 45 completed pathway plans were audited.",
        "We have 47 care leavers. 44 funded apprenticeships were offered.",
        "We have forty-seven care leavers. Forty-two was the national average rate.",
        "We have 47 care leavers. 45 was our figure last year.",
        "We have a hundred and fifty foster carers. 48 attended training.",  # of 150, not 50
        "The session ended at half past five.",
        "The bus leaves at a quarter to four.",
        "It was rated four point five out of five.",
    ],
)
def test_numbers_written_out_that_count_no_small_group_are_left_alone(text: str) -> None:
    assert find(text, 5) == []


def test_a_hidden_figure_written_out_is_found() -> None:
    [finding] = restated("Ninety-one point five per cent lived in suitable accommodation.", HIDDEN)
    assert finding.phrase == "Ninety-one point five"  # the officer's words, to mark in bold


# Ordinary sentences beside a group's size that give no count of it away.
BESIDE_A_GROUP = [
    "47 care leavers were supported. Staff turnover fell to 8.5%.",
    "47 care leavers were supported. Sickness absence was 4.3%.",
    "We support 47 care leavers. The England average is 91.5%.",
    "We support 47 care leavers. Nationally, 91.5% live in suitable accommodation.",
    "We had 400 children in care. Spending rose by 1% in real terms.",
    "We had 400 children in care, down 1% on last year.",
    "We had 150 children in care. Stability improved by 3.3% on last year.",
    "Of the 62 young people, 40 were in work.",
    "There were 648 children in our care (last quarter 656).",
]


@pytest.mark.parametrize("text", BESIDE_A_GROUP)
def test_a_percentage_about_something_else_beside_a_group_is_left_alone(text: str) -> None:
    assert find(text, 5) == []


def test_a_group_given_in_one_piece_of_commentary_is_read_with_the_others_beside_it() -> None:
    # Published on the same page: the narrative's 47 care leavers and the achievement's 95.7%
    # (45 of 47) tell a reader that 2 were not in touch.
    narrative = Commentary(
        COMMENT.period, 5, CommentaryKind.NARRATIVE, "Care leavers", "We support 47 care leavers."
    )
    in_touch = Commentary(
        COMMENT.period, 5, CommentaryKind.ACHIEVEMENT, "In touch", "95.7% were in touch with us."
    )
    elsewhere = Commentary(
        COMMENT.period, 4, CommentaryKind.ACHIEVEMENT, "Reviews", "95.7% were held on time."
    )
    approved = {text_key(narrative), text_key(in_touch), text_key(elsewhere)}
    items = [narrative, in_touch, elsewhere]
    assert publishable_commentary(items, approved, 5) == [narrative, elsewhere]
    assert publishable_commentary([in_touch], {text_key(in_touch)}, 5) == [in_touch]
    with pytest.raises(SmallNumberInCommentary) as refused:
        refuse([narrative, in_touch], 5)
    assert [(item.title, [f.phrase for f in found]) for item, found in refused.value.flagged] == [
        ("In touch", ["95.7%"])
    ]


# A third attack (a helper's 150 leaks): each got past the check. Worked by hand: 47 care
# leavers with 45 in touch leave 2 out; 52 children in care with 48 leave 4; "one" is 1.
ATTACKED_AGAIN = [
    # "One" as the count of a person something happened to, with no word for people.
    ("We have 47 care leavers. One was missing for more than a week.", "One", 1),
    ("One went missing twice.", "One", 1),
    ("We look after 52 children. One went missing twice this quarter.", "One", 1),
    ("Of our 47 care leavers, one went missing twice.", "one", 1),
    ("One has been in custody since May.", "One", 1),
    ("One recently moved to supported lodgings.", "One", 1),
    ("Our care leavers are doing well. One is now at university.", "One", 1),
    ("One of them moved placement three times.", "One of them", 1),
    ("One of the young people was excluded twice.", "One of the young people", 1),
    ("• One left care to live with family", "One", 1),
    # A count after "numbered", "totalled" or "was" whose subject is part of a group.
    ("We have 47 care leavers. Those in touch numbered 45.", "45", 2),
    ("We have 47 care leavers. Those in touch totalled 45.", "45", 2),
    ("We have 47 care leavers. The number in touch was 45.", "45", 2),
    ("We have 47 care leavers; the number in touch with their PA was 45.", "45", 2),
    ("We have 47 care leavers. The number of care leavers in touch was 45.", "45", 2),
    ("We have 47 care leavers. Care leavers in touch numbered 45.", "45", 2),
    ("We have 47 care leavers. Those with a pathway plan numbered 45.", "45", 2),
    # A table written out: "Label: N <state>".
    ("We have 47 care leavers. Pathway plans: 45 up to date.", "45", 2),
    ("47 care leavers. Pathway plans: 45 up to date.", "45", 2),
    ("Care leavers: 47\nPathway plans: 45 up-to-date", "45", 2),
    ("We have 52 children in care. PEPs: 48 complete.", "48", 4),
    ("We have 52 children in care. 48 care plans were up to date.", "48", 4),
    # Left alone before as a count of things; a care leaver has one pathway plan, so 45 plans
    # reviewed of 47 care leavers' leaves 2 care leavers out.
    ("We have 47 care leavers. 45 pathway plans were reviewed.", "45", 2),
    ("We have 47 care leavers. 45 up to date.", "45", 2),
    # A word between the count and its verb, or a verb the check did not know.
    ("We have 47 care leavers. 45 regularly see their PA.", "45", 2),
    ("We have 47 care leavers. 45 see their PA every month.", "45", 2),
    ("We have 47 care leavers. 45 regularly receive a visit from their PA.", "45", 2),
    # "works with 47", "we support 47", "we care for 52": the size of a group.
    ("Our PA service works with 47. 45 are in touch.", "45", 2),
    ("We support 47. 45 are in touch.", "45", 2),
    ("Our personal advisers work with 47; 43 are in education.", "43", 4),
    ("We care for 52. 49 are in foster care.", "49", 3),
    # People in other words: young women and men, young adults, boys and girls.
    ("We have 47 care leavers. Forty-five young women and men were in touch.", "Forty-five", 2),
    ("We have 47 care leavers. 45 young adults were in touch.", "45", 2),
    ("We have forty-seven care leavers. Forty-five young men and women are in touch.",
     "Forty-five", 2),
    ("We have 52 children in care. Forty-eight boys and girls had a health assessment.",
     "Forty-eight", 4),
    ("We have 47 care leavers. 45 students were in touch.", "45", 2),
    # A group and its part in a sentence set in another time: both of that time.
    ("In 2019 we had 52 children in care and 49 were in foster care.", "49", 3),
    ("Last year we had 47 care leavers and 45 were in touch.", "45", 2),
    ("We have 47 care leavers. The total in touch was 45.", "45", 2),
    ("We have 47 care leavers. Those not in touch numbered 2.", "2", 2),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "count"), ATTACKED_AGAIN)
def test_a_count_the_third_attack_hid_is_caught(text: str, phrase: str, count: int) -> None:
    assert [(f.phrase, f.count) for f in find(text, 5)] == [(phrase, count)]


# How officers write when no small number is given away: each must stay publishable beside
# the rules above ("one" as a pronoun or one of some things, the size of things, other people,
# figures of another time, a percentage of things a child has many of).
ORDINARY_AGAIN = [
    "One of the best days was the celebration event.",
    "One-to-one sessions continued over the summer.",
    "One to one support is offered to every care leaver.",
    "One in four children in care has a mental health need.",
    "One thing we have learned is to listen.",
    "One day a month is set aside for training.",
    "At one point the team had three vacancies.",
    "We opened two new children's homes this year. One is in Northtown.",
    "Three priorities are red. One is about health assessments.",
    "We held three events for foster carers in June. One was a coffee morning.",
    "We visited all the children's homes in the county. One was rated outstanding.",
    "We asked care leavers about their personal advisers. One said she never answers.",
    "One told us the panel listened; another said it did not.",
    "One could argue the target is too low.",
    "Everyone was seen, and no one was placed out of the county.",
    "Children in care numbered 52. Care leavers numbered 48.",
    "Children in our care numbered 52 at the end of June.",
    "We have 47 care leavers. PA visits numbered 45 this quarter.",
    "We have 47 care leavers. Calls to the duty line totalled 45.",
    "We have 52 children in care. Meetings: 50 held on time.",
    "We have 52 children in care. Visits: 48 on time.",
    "We have 52 children in care and 48 care leavers.",
    "We have 52 children in care. 49 foster carers were in touch.",
    "We have 47 care leavers. 45 parents attended the event.",
    "We have 47 care leavers. Forty-five foster carers attended training.",
    "Our service works with 60 schools; 58 have a designated teacher.",
    "Our PA service works with 12 partner agencies.",
    "We work with 47 care leavers. 45 days is the average wait.",
    "We have 52 children in care. Last quarter we had 49.",
    "We have 52 children in care. A year ago there were 49.",
    "There were 639 children in our care at the end of June. Last quarter 637 were in care.",
    "Pathway plans: 100% up to date for our 47 care leavers.",
    "Health assessments: 49 completed in the quarter.",
    "We have 3 action plans and 2 improvement plans.",
    "We have 52 children in care. 98% of calls were answered.",
    "We have 52 children in care. 90% of visits were on time.",
    "We have 52 children in care. 100% of reviews were held.",
    "We have 52 children in care. 96% of reviews were held on time.",
    "We have 52 children in care. 94% of appointments were kept.",
    "We have 52 children in care. 98% of calls to the out-of-hours line were answered.",
    "We have 52 children in care. 97% of missing episodes were followed by a return home "
    "interview.",
    "We have 47 care leavers. 96% of their PA contacts were face to face.",
    "In Q2, 96% of statutory visits to our 52 children in care were on time.",
    "We have 52 children in care. Statutory visits: 96% on time in Q2.",
    "In Q2 2026/27, 48 of the 52 statutory visits were on time.",
    "We have 52 children in care. One of our priorities for 2026/27 is placement stability.",
    "We have 47 care leavers. One of the things they told us is that they want more drop-ins.",
    "We have 47 care leavers. One-to-one sessions with PAs were held weekly.",
    "We have 47 care leavers. The Care Leavers' Forum met four times; one was in person.",
    "We have 52 children in care. Our two children's homes were inspected; one was rated "
    "outstanding.",
    "Two social workers left in May; one has been replaced.",
    "We held 12 meetings with young people. One was cancelled.",
    "We had 52 children in care on 31 March 2026 and 49 on 30 June 2026.",
    "We support 47 care leavers aged 18 to 25.",
    "Our PA service works with 47. The service was rated good by Ofsted in 2025.",
    "We have 47 care leavers. The number aged 19 to 21 is 30.",
    "We have 52 children in care. Initial health assessments within 20 working days: 78%.",
]


@pytest.mark.parametrize("text", ORDINARY_AGAIN)
def test_what_the_third_attack_could_wrongly_catch_is_left_alone(text: str) -> None:
    assert find(text, 5) == []


# A thing each child has one of stands for the child: 96% of care plans beside 52 children
# in care is 50 of 52, so 2 have none up to date; fail closed where it could be (plans).
@pytest.mark.parametrize(
    ("text", "phrase", "count"),
    [
        ("We have 52 children in care. 96% of care plans were up to date.", "96%", 2),
        ("We have 52 children in care. 96% of plans were up to date.", "96%", 2),
        ("We have 52 children in care. 96% of PEPs were up to date.", "96%", 2),
        ("We have 52 children in care. 96% of health assessments were on time.", "96%", 2),
    ],
)
def test_a_percentage_of_what_each_child_has_one_of_is_a_share_of_the_children(
    text: str, phrase: str, count: int
) -> None:
    assert [(f.phrase, f.count) for f in find(text, 5)] == [(phrase, count)]


@pytest.mark.xfail(
    strict=True,
    reason="a count of another period is no part of this period's group: the same rule keeps "
    "'(last quarter 637)' and 'Last quarter 49 were in our care' publishable",
)
def test_a_count_of_last_quarter_beside_this_quarters_group_is_caught() -> None:
    assert find("Last quarter 45 were in touch. We have 47 care leavers.", 5) != []


# -- a percentage of a group given elsewhere: which group, found quickly ------------------------
def _every_size_tried(
    share: float, decimals: int, sizes: list[int], threshold: int
) -> tuple[int, int] | None:
    """The rule as first written: every size tried in turn, the first that fits kept."""
    for total in sizes:
        part = round(share * total / 100)
        if round(100 * part / total, decimals) != round(share, decimals):
            continue
        small = part if 1 <= part <= threshold else total - part
        if 1 <= small <= threshold:
            return total, part
    return None


@pytest.mark.parametrize(
    ("share", "decimals", "sizes", "found"),
    [
        (95.7, 1, [47], (47, 45)),  # 45 of 47 is 95.74%: 2 were not
        (91.5, 1, [47, 200], (47, 43)),  # 43 of 47 is 91.49%; 183 of 200 is 91.5%, 17 not
        (98.0, 0, [52], (52, 51)),  # 51 of 52 is 98.08%, written 98%: 1 was not
        (50.0, 1, [6, 8], (6, 3)),  # 3 of 6; the smallest group first
        (72.3, 1, [47], None),  # 34 of 47: 13 were not
        (0.1, 1, [300, 1000], (1000, 1)),  # 1 of 1,000; 0.3 of 300 is no child
        (99.9, 1, [700, 5000], (700, 699)),  # 699 of 700 is 99.86%: 1 was not
        (99.9, 1, [600, 5000], (5000, 4995)),  # 599 of 600 is 99.83%; 4,995 of 5,000: 5
    ],
)
def test_the_group_a_percentage_is_a_share_of_is_found(share, decimals, sizes, found):
    assert _smallest_group_shared(share, decimals, sizes, 5) == found


@settings(max_examples=400)
@given(
    whole=st.integers(1, 99),
    fraction=st.integers(0, 99),
    decimals=st.integers(0, 2),
    sizes=st.lists(st.integers(6, 6000), max_size=60, unique=True).map(sorted),
    dense=st.integers(6, 3000),
    threshold=st.integers(1, 10),
)
def test_looking_only_near_the_share_finds_what_trying_every_size_finds(
    whole, fraction, decimals, sizes, dense, threshold
):
    written = f"{whole}.{fraction:02d}"[: len(str(whole)) + 1 + decimals].rstrip(".")
    share = float(written)
    # Every size in a stretch too, as a long text may give them.
    every = sorted(set(sizes) | set(range(dense, dense + 300)))

    assert _smallest_group_shared(share, decimals, every, threshold) == _every_size_tried(
        share, decimals, every, threshold
    )


# The fourth attack (150 leaks, 120 ordinary texts): each class the attacker found, as they
# wrote it; the same attack will come back in other words, so each is a rule, not a phrase.
FOURTH_ATTACK = [
    # A table written out: a line break ends what a number counts, a line's own label names
    # what its number counts, and a part line belongs to the group line above it.
    ("Children in care 52\nPEPs 50\nCare leavers 47", "50", 2),
    ("Care leavers 47\nIn touch 45\nChildren in care 52", "45", 2),
    ("Care leavers 47\nIn touch 45\n\nFoster carers 120", "45", 2),
    ("Children in care: 52\nHealth checks: 49\nCare leavers: 47\nIn touch: 40", "49", 3),
    ("Care leavers aged 19-21: 47\nIn touch: 45", "45", 2),
    ("Care leavers (19-21) 47 — in touch 45", "45", 2),
    ("Care leavers 19-21 (47): 45 in touch.", "45", 2),
    ("Children looked after: 52\nHealth assessment up to date: 49", "49", 3),
    ("Children looked after: 52\nHealth assessments: 92%", "92%", 4),
    # "a" or "an" and a child something happened to: a count of one.
    ("A child in care was permanently excluded from a secondary academy.", "A child", 1),
    (
        "An unaccompanied 16-year-old from Afghanistan was placed in supported accommodation.",
        "An unaccompanied 16-year-old",
        1,
    ),
    (
        "A looked-after young person was remanded to youth detention accommodation.",
        "A looked-after young person",
        1,
    ),
    ("A care leaver is in custody and another is in a B&B.", "A care leaver", 2),
    ("A 15-year-old girl went missing on nine occasions.", "A 15-year-old girl", 1),
    ("A young person in our care was charged with a serious offence.", "A young person", 1),
    ("A child placed out of area was missing for five days.", "A child", 1),
    ("A baby was removed at birth under an interim care order.", "A baby", 1),
    ("We have 47 care leavers, and a care leaver was evicted in May.", "a care leaver", 1),
    # "one" before what happens to one child each, or one person's things.
    ("One adoption disrupted before the order was made.", "One", 1),
    ("There was one permanent exclusion of a child in care.", "one", 1),
    ("We had one disruption this quarter.", "one", 1),
    ("There was one adoption breakdown.", "one", 1),
    ("One placement broke down.", "One", 1),
    ("One care leaver's tenancy broke down.", "One", 1),
    ("Electively home educated children in care: one.", "one", 1),
    # "a couple", "a pair" and "a handful" of a group.
    ("We are out of touch with only a couple of our care leavers.",
     "couple of our care leavers", 2),
    ("A pair of our care leavers secured apprenticeships with the council.",
     "pair of our care leavers", 2),
    # A group's size given in other ways.
    ("Contact was maintained with thirty-six care leavers; the cohort stands at thirty-eight.",
     "thirty-six", 2),
    ("We have 52 in care. Forty-nine live with foster families.", "Forty-nine", 3),
    ("Care leavers fell to 47. 45 were in touch.", "45", 2),
    ("There were 47 in the cohort. 45 were in touch.", "45", 2),
    ("Cohort size 47; in touch 45.", "45", 2),
    ("Denominator: 47. In touch: 45.", "45", 2),
    ("45 were in touch, 47 were eligible.", "45", 2),
    ("The leaving care caseload is 47. 45 were in touch.", "45", 2),
    # Lower priority: a school year after the count, "number" as a verb, "of those" and a
    # fraction of a small group.
    ("Four Year 11 pupils in care sat their GCSEs early.", "Four Year 11 pupils", 4),
    ("Our staying put arrangements number four.", "four", 4),
    ("Three of those returning home came back into care within 12 months.",
     "Three of those", 3),
    ("Half of the 8 UASC were placed out of area.", "Half of the 8 UASC", 4),
    ("A third of the 6 children placed in residential care are girls.",
     "A third of the 6 children", 2),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "count"), FOURTH_ATTACK)
def test_a_count_the_fourth_attack_hid_is_caught(text: str, phrase: str, count: int) -> None:
    found = find(text, 5)
    assert (phrase, count) in [(f.phrase, f.count) for f in found]


ORDINARY_FOURTH = [
    # Tables whose lines are each a group of their own, or of things.
    "Children in care 52\nFoster carers 120\nCare leavers 47",
    "Children in care 52\nCare leavers 47\nMeetings held 12",
    "Children looked after: 52\nReviews held on time: 98%",
    "Care leavers aged 19-21: 47\nAged 16-17: 12",
    "We have 52 in care and 120 foster carers.",
    "The number of children in care fell to 52, from 58 last year.",
    "There were 47 in the cohort last year and 49 this year.",
    # A percentage that is no share of the children given elsewhere.
    "We have 52 children in care. Our target is 98%.",
    "We have 52 children in care. Attendance was 98%.",
    "We have 52 children in care. School attendance averaged 94%.",
    "We have 52 children in care. Data quality was 98%.",
    "We have 52 children in care. 98% of foster carers would recommend us.",
    "We have 52 children in care. Timeliness of reviews improved to 97%.",
    "We have 52 children in care. 96% of parents said they were kept informed.",
    "We have 47 care leavers and a 96% in-touch target.",
    "We have 47 care leavers against a target of 96%.",
    # "a" and a word for a child: a voice, a general truth, a child's things, other people.
    "A young person told us she felt listened to.",
    "A child in care should have a PEP.",
    "A care leaver can ask for a PA.",
    "A child's voice is heard in every review.",
    "A new foster carer was approved.",
    "A member of staff left.",
    "A review of placements found most children were settled.",
    "A Child in Care Council meeting was held.",
    "A care leaver is entitled to a personal adviser up to the age of 25.",
    "A child in care will have a health assessment every year.",
    "A child in care has a designated teacher.",
    "A young people's panel was set up in June.",
    "A care leaver offer was published in May.",
    "A parent was supported to attend the review.",
    "A social worker visited every child within six weeks.",
    "A child-friendly version of the plan was produced.",
    "We placed a child with his aunt.",
    # "one" before things, not what happens to a child.
    "One adoption panel was held in March.",
    "We held one exclusion meeting with the academy.",
    "We opened one children's home this year.",
    "We had one review this quarter.",
    "One visit was missed because of illness.",
    "One of our aims is to reduce placement moves.",
    "Children's homes: one.",
    # "a couple", "a pair", "a handful", fractions and "those" of things.
    "A couple of weeks later the panel met.",
    "A couple of our priorities are behind schedule.",
    "A pair of trainers was bought for every child.",
    "A handful of our 12 schools are rated outstanding.",
    "Half of the 12 schools were visited.",
    "Half of the 52 children in care had a dental check.",
    "A third of our 52 children in care live out of area.",
    "Three of those meetings were cancelled.",
    "Year 11 pupils in care sat their GCSEs in June.",
    "Our priorities number six in total.",
    "Items number 4 and 5 of the plan were agreed.",
]


# A third attacker's texts (120 leaks in their own words, 22 missed): the classes mended.
ATTACKED_FIFTH = [
    ("There was a permanent exclusion this quarter.", "a permanent exclusion", 1),
    ("An adoption order was granted in September.", "An adoption order", 1),
    ("An SGO was granted to the child's grandparents.", "An SGO", 1),
    ("A secure welfare order was made in July.", "A secure welfare order", 1),
    ("A trio of brothers was placed together in September.", "trio", 3),
    (
        "We have 52 children in care. Every child except one has an allocated social worker.",
        "Every child except one",
        1,
    ),
    ("Every child except one in our survey said they felt safe.", "Every child except one", 1),
    ("A girl in our care gave birth in August.", "A girl", 1),
]


@pytest.mark.parametrize(("text", "phrase", "count"), ATTACKED_FIFTH)
def test_a_count_the_fifth_attack_hid_is_caught(text: str, phrase: str, count: int) -> None:
    assert (phrase, count) in [(f.phrase, f.count) for f in find(text, 5)]


@pytest.mark.parametrize(
    "text",
    [
        "An exclusion meeting was held.",
        "An adoption panel met in June.",
        "An adoption order hearing was listed for May.",
        "We held an adoption celebration event.",
        "A placement move can unsettle a child.",
        "A new placement sufficiency strategy was agreed.",
        "Placement moves fell this quarter.",
        "A care order should be reviewed at every looked after review.",
    ],
)
def test_what_happens_to_one_child_is_not_read_into_panels_plans_and_general_truths(
    text: str,
) -> None:
    assert find(text, 5) == []


@pytest.mark.parametrize("text", ORDINARY_FOURTH)
def test_what_the_fourth_attack_could_wrongly_catch_is_left_alone(text: str) -> None:
    assert find(text, 5) == []


@pytest.mark.parametrize(
    "text",
    [
        "We have 52 children in care. 96% were in touch.",
        "We have 47 care leavers. Our in-touch rate was 96%.",
        "We have 47 care leavers. This quarter 96% were in touch.",
        "We have 52 children in care. 94% of children were in stable placements.",
        # Rates that are as often shares of the children themselves.
        "We have 52 children in care. Placement stability improved to 98%.",
        "We have 52 children in care. Satisfaction with our service was 98%.",
        "We have 52 children in care. PEP compliance was 98%.",
    ],
)
def test_a_percentage_of_the_children_or_of_no_one_named_still_fails_closed(text: str) -> None:
    assert [f.why for f in find(text, 5)] == [Why.REST_OF_A_GROUP]


# The third attacker's misses left last time, mended: each is how an officer might write it.
LEFT_BY_THE_THIRD_ATTACK = [
    ("A Year 10 pupil was permanently excluded in March.", "A Year 10 pupil", 1),
    ("A year 11 student went missing twice.", "A year 11 student", 1),
    ("Two care leavers were remanded. Both were later released.", "Both", 2),
    ("Neither was in school in September.", "Neither", 2),
    ("He and his brother were placed together in June.", "and his brother", 2),
    ("Our newest arrival and her siblings came into care in May.", "and her siblings", 3),
    # 30 + 14 of 47 in one sentence, the rest in the next: 3.
    (
        "Of our 47 care leavers, 30 are in work and 14 in education. The others are NEET.",
        "The others",
        3,
    ),
    # 26 of 28 stay: the 2 who do not are the leak.
    ("We have 28 care leavers. 26 plan to remain with their carers.", "26", 2),
    ("We have 28 care leavers. 26 hope to go to university.", "26", 2),
    # 94% of 52 is 49: the 3 without a PEP.
    ("Children in care: 52. Percentage with an up-to-date PEP: 94%.", "94%", 3),
    ("Permanent exclusions x2", "2", 2),
    ("Missing from care: 2no.", "2", 2),
    ("No more than 2 were NEET.", "2", 2),
    ("Not more than three care leavers were in custody.", "three care leavers", 3),
]


@pytest.mark.parametrize(("text", "phrase", "count"), LEFT_BY_THE_THIRD_ATTACK)
def test_a_count_the_third_attack_left_is_caught(text: str, phrase: str, count: int) -> None:
    assert (phrase, count) in [(f.phrase, f.count) for f in find(text, 5)]


@pytest.mark.parametrize(
    "text",
    [
        "We opened two new homes. Both are rated good.",
        "Both teams met in June.",
        "Both children in care and care leavers were asked.",
        "A Year 10 assembly was held.",
        "Of our 47 care leavers, 30 are in work. The others are in education or NEET.",
        "We have 47 care leavers. 30 are in work. The others are NEET.",
        "Percentage of visits on time: 94%. Children in care: 52.",
        "No more than 5 were NEET.",
        "More than 2 were excluded.",
        "Both\nhad their reviews on time",
    ],
)
def test_what_the_mended_classes_could_wrongly_catch_is_left_alone(text: str) -> None:
    assert find(text, 5) == []


# A fourth round of attack, written fresh (before reading this file): the counts its 120 texts
# hid, by class, and near-misses of each class below.
FOURTH_ATTACK_ROUND = [
    # A table line of all who are due something, and those done: the rest is the leak.
    ("PEPs: 54 due, 50 completed.", "50", 4),
    ("PEPs due: 54\nPEPs completed: 50", "50", 4),
    ("Pathway plans: 35 required, 33 completed.", "33", 2),
    ("Health assessments: 44 due, 41 done.", "41", 3),
    # "number" as a verb after a plural, an adverb or people.
    ("Care experienced young people in custody now number 2.", "2", 2),
    ("Care leavers in custody number 2.", "2", 2),
    ("UASC now number 4.", "4", 4),
    ("Children in secure homes currently number 3.", "3", 3),
    ("We have 47 care leavers. Those in touch now number 45.", "45", 2),
    ("Care leavers now number 47. In touch: 45.", "45", 2),
    # One child the council has: "there is a" or "we have a" and a child somewhere.
    ("We have a care leaver in custody.", "a care leaver", 1),
    ("There is currently a child in secure accommodation.", "a child", 1),
    ("There is a young person on remand.", "a young person", 1),
    ("There's a child placed out of county.", "a child", 1),
    ("We currently have a UASC awaiting an age assessment.", "a UASC", 1),
    ("We have had a child in care in hospital since July.", "a child", 1),
    ("There was a child in our care who went missing for 9 days.", "a child", 1),
    # A verb the module does not know, then what the people counted have.
    ("We have 47 care leavers. 45 see their personal advisers regularly.", "45", 2),
    ("We have 47 care leavers. 45 know their social workers.", "45", 2),
    ("We have 47 care leavers. 45 see their PAs regularly.", "45", 2),
    # Officers' initials for the children.
    ("52 CiC. 50 PEPs.", "50", 2),
    ("We have 52 YP in care; 50 have a PEP.", "50", 2),
    ("We support 47 CLs. 45 in touch.", "45", 2),
    ("We support 47 CEYP. 45 in touch.", "45", 2),
    ("Three YP were reported missing overnight.", "Three YP", 3),
    # Near-misses of the things and "of which" rules that still count children.
    ("We have 22 UASC, 3 of which are under 16.", "3", 3),
    ("We visited 5 homes; 3 of these children were unhappy.", "3 of these children", 3),
    (
        "We visited 5 homes and met the children living there; 2 of them were unhappy.",
        "2 of them",
        2,
    ),
    ("We held 6 meetings with 40 care leavers, 3 of which were cancelled.", "3", 3),
    ("Three members of the Children in Care Council spoke at the event.", "Three", 3),
    ("Four members of the sibling group were placed together.", "Four", 4),
]


@pytest.mark.parametrize(("text", "phrase", "count"), FOURTH_ATTACK_ROUND)
def test_a_count_the_fourth_attack_round_hid_is_caught(text: str, phrase: str, count: int) -> None:
    assert (phrase, count) in [(f.phrase, f.count) for f in find(text, 5)]


ORDINARY_FOURTH_ROUND = [
    # False alarms of the fourth round: staff by initials, bodies, courses and their members.
    "There are 4 IROs in the team, each with a caseload of around 70.",
    "We have 5 IROs.",
    "There are 4 PAs in the team.",
    "We commissioned 2 new supported accommodation providers.",
    "Referrals to the NRM are made by 3 first responders in the council.",
    "Two training modules on trauma-informed practice were added.",
    "EHCP plans are reviewed annually at 5 multi-agency panels.",
    "Two members of the panel attended the national conference.",
    "Two members of our Corporate Parenting Board visited Northtown.",
    "Two panel members attended.",
    # "n of which", "n of them" after things counted.
    "The service improvement plan has 6 actions, 3 of which are complete.",
    "Our 6 homes have 24 beds, 3 of which are empty.",
    "We held 12 participation events; 3 of them were online.",
    "We opened 4 homes; 2 of them are rated good.",
    "We held 6 meetings. 3 of them were cancelled.",
    "We visited 5 homes; 3 of these were rated good.",
    # Due: not of things, nor "due to".
    "Reviews: 120 due, 118 held on time.",
    "IRO reviews: 120 due, 118 held on time.",
    "Visits due: 50\nVisits done: 48",
    "Payment due: 45\nPaid: 43",
    # "number" as a label, or said of things.
    "Room number 5 is free.",
    "The child's case number 4 was closed.",
    "Priority number 2 is sufficiency.",
    "PA visits now number 45; care leavers 47.",
    # "There is a" or "we have a" and what the words name, a condition or any child.
    "Where there is a child in custody, the YOT leads the plan.",
    "If there is a child at risk, we act.",
    "We have a care leaver offer that was refreshed in 2025.",
    "There is a Child in Care Council.",
    "We have a child in care champion in every school.",
    "We have a young person voice group.",
    "There is a child's guide to the service.",
    "We have a duty to every child in care.",
    "There is a care leaver representative on the panel.",
    "We have a young person in every meeting.",
    "There is a child in care at the heart of everything we do.",
    "We have a young person at the centre of each plan.",
    "We have a new foster carer in Northtown.",
    # "their" after a count of things.
    "Our 3 homes and their staff were praised.",
]


@pytest.mark.parametrize("text", ORDINARY_FOURTH_ROUND)
def test_what_the_fourth_attack_round_could_wrongly_catch_is_left_alone(text: str) -> None:
    assert find(text, 5) == []


# A fifth attack: leaks spread across the title, the text and the commentary beside it, tables
# written as text, and other ways of writing a number. Worked by hand: 47 care leavers with 45
# in touch leave 2 out; 52 children in care with 50 leave 2, with 48 leave 4.
SPREAD_FIFTH_ROUND = [
    # (title, text, beside it, threshold, phrase, count)
    ("Care leavers:47", "The PA team kept in touch with 45 care leavers.", "", 5, "45", 2),
    ("47 care leavers aged 19-21", "45 care leavers were in touch with the service.", "", 5,
     "45", 2),
    ("Leaving care cohort: 47", "We remained in touch with 45 young people this quarter.", "",
     5, "45", 2),
    ("Children in care (52)", "PEPs completed for 50 children this term.", "", 5, "50", 2),
    ("50 PEPs completed", "We have 52 children in care.", "", 5, "50", 2),
    ("In touch", "Forty-five care leavers were in touch with their PA.",
     "We have 47 care leavers.", 5, "Forty-five", 2),
    ("In touch", "45 young people kept in touch with their personal adviser.",
     "We have 47 care leavers this quarter.", 5, "45", 2),
    ("In touch", "We were in touch with 45 care leavers this quarter.",
     "The service supports 47 care leavers aged 18-21.", 5, "45", 2),
    ("PEPs", "50 children in care had an up-to-date PEP.",
     "There were 52 children in care at the end of the quarter.", 5, "50", 2),
    ("Health", "48 children had a health assessment on time.", "We look after 52 children.", 5,
     "48", 4),
    ("Housing", "43 care leavers are in suitable accommodation.", "Cohort size 47", 5, "43", 4),
    ("Feeling safe", "45 care leavers told us they feel safe where they live.",
     "We support 47 care leavers.", 5, "45", 2),
    ("EET", "31 care leavers are in education, employment or training.",
     "We have 38 care leavers aged 19-21.", 10, "31", 7),
]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "text", "beside", "threshold", "phrase", "count"), SPREAD_FIFTH_ROUND
)
def test_a_count_the_fifth_attack_round_spread_across_pieces_is_caught(
    title: str, text: str, beside: str, threshold: int, phrase: str, count: int
) -> None:
    item = Commentary(COMMENT.period, 5, CommentaryKind.ACHIEVEMENT, title, text)
    other = Commentary(COMMENT.period, 5, CommentaryKind.NARRATIVE, "Narrative", beside)
    found = in_commentary(item, threshold, beside=[item, other])
    assert (phrase, count) in [(f.phrase, f.count) for f in found]


def test_a_group_beside_is_no_group_of_other_people_or_another_priority() -> None:
    # "We have 49 foster carers" beside "45 care leavers" are other people; and a group given
    # in another priority's commentary is not published beside it.
    item = Commentary(
        COMMENT.period, 5, CommentaryKind.ACHIEVEMENT, "In touch", "45 care leavers were in touch."
    )
    carers = Commentary(
        COMMENT.period, 5, CommentaryKind.NARRATIVE, "Carers", "We have 49 foster carers."
    )
    elsewhere = Commentary(
        COMMENT.period, 4, CommentaryKind.NARRATIVE, "Leavers", "We have 47 care leavers."
    )
    assert in_commentary(item, 5, beside=[item, carers, elsewhere]) == []
    staff = Commentary(
        COMMENT.period, 5, CommentaryKind.ACHIEVEMENT, "Staff", "48 staff completed training."
    )
    children = Commentary(
        COMMENT.period, 5, CommentaryKind.NARRATIVE, "CiC", "We look after 52 children."
    )
    assert in_commentary(staff, 5, beside=[staff, children]) == []


FIFTH_ATTACK_ROUND = [
    # Tables written as text: a row under its column labels, and a row's label and counts.
    ("| Cohort | In touch | NEET |\n|---|---|---|\n| 47 | 45 | 9 |", "45", 2),
    ("| Quarter | Eligible | In touch |\n|---|---|---|\n| Q2 | 47 | 45 |", "45", 2),
    ("Cohort | In touch\n47 | 45", "45", 2),
    ("| Children in care | PEP completed |\n| --- | --- |\n| 52 | 50 |", "50", 2),
    ("Cohort\tIn touch\tEET\n47\t45\t30", "45", 2),
    ("In touch,45,47", "45,47", 2),
    ("Measure,Numerator,Denominator\nIn touch,45,47", "45", 2),  # the numerator, under its heading
    ("Care leavers,47\nIn touch,45", "45", 2),
    ("In touch, 45, 47", "45, 47", 2),
    ("PEPs completed;50;52", "50;52", 2),
    ("| In touch | 45 | 47 |", "45 | 47", 2),
    ("Measure,Count\nChildren in care,52\nPEP up to date,50", "50", 2),
    ("Cohort:47 In touch:45", "45", 2),
    ("Care leavers:47. In touch:45.", "45", 2),
    # Ratios, fractions, and a count set against the group.
    ("Care leavers in touch: 45:47", "45:47", 2),
    ("The ratio of care leavers in touch to not in touch was 45:2.", "45:2", 2),
    ("½ of the 8 UASC are in education.", "½ of the 8 UASC", 4),
    ("¾ of our 8 UASC are in education.", "¾ of our 8 UASC", 2),
    ("Two thirds of the 6 children placed out of area are in school.",
     "Two thirds of the 6 children", 4),
    ("Three quarters of our 8 UASC are in college.", "Three quarters of our 8 UASC", 2),
    ("Two-thirds of the 6 children placed out of area are in school.",
     "Two-thirds of the 6 children", 4),
    ("Care leavers in touch: 95.7% [n 47]", "95.7%", 2),
    ("In touch: 45 against a cohort of 47.", "45", 2),
    ("In touch 45 vs 47 eligible.", "45", 2),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "count"), FIFTH_ATTACK_ROUND)
def test_a_count_the_fifth_attack_round_hid_is_caught(text: str, phrase: str, count: int) -> None:
    assert (phrase, count) in [(f.phrase, f.count) for f in find(text, 5)]


@pytest.mark.parametrize(
    ("text", "phrase", "count"),
    [
        ("UASC,24,16", "16", 8),
        ("Cohort\tIn EET\n24\t15", "15", 9),
        ("Two thirds of the 12 UASC are in college.", "Two thirds of the 12 UASC", 8),
        ("In touch: 30:38", "30:38", 8),
    ],
)
def test_a_count_the_fifth_attack_round_hid_is_caught_at_ten(
    text: str, phrase: str, count: int
) -> None:
    assert (phrase, count) in [(f.phrase, f.count) for f in find(text, 10)]


ORDINARY_FIFTH_ROUND = [
    # Cells joined without a space that are not cells: thousands, a decimal comma, a time.
    "Budget,£45,000\nSpend,£43,000",
    "Total spend was 3,000,000 against a budget of 3,250,000.",
    "In touch rose to 91,5% this quarter.",
    "The forum met at 10:30 on 5 March.",
    "Sessions run 16:00 to 17:30 on Thursdays.",
    # Rows of a table whose counts leave no small rest, or count things.
    "In touch,38,47",
    "Measure,Numerator,Denominator\nIn touch,38,47",
    "Cohort:47 In touch:38",
    "Visits,120,118",
    "Care leavers,47,38",
    "Cohort | In touch\n47 | 38",
    "Cohort\tIn touch\tEET\n47\t38\t30",
    "| Cohort | In touch | NEET |\n|---|---|---|\n| 47 | 38 | 9 |",
    "| Priority | RAG |\n|---|---|\n| 1 | Green |\n| 2 | Amber |",
    "| Month | Visits |\n| --- | --- |\n| July | 120 |\n| August | 112 |",
    "Date,Event\n12/03/2026,Forum meeting",
    "Measure,Count\nChildren in care,52\nPEP up to date,44",
    "Q1: 47, Q2: 48, Q3: 45",
    "Corporate Parenting Panel,12 June 2026,Minutes approved",
    # Ratios of staff or sessions, and a ratio with no small side.
    "Our support is 1:1 where young people need it.",
    "Two young people's homes have 2:1 staffing at night.",
    "Our ratio of PAs to young people is 1:25.",
    "The staff to young people ratio is 1:3 in the new home.",
    "The ratio of care leavers in touch to not was 38:9.",
    # Fractions of things, of no group, or of a large group.
    "½ day training was held for designated teachers.",
    "The virtual school offered 2½ days of tuition each term.",
    "Two thirds of our schools completed the audit.",
    "Three-quarters of the 12 schools have a trained designated teacher.",
    "Three quarters of the survey was completed online.",
    "Two thirds of the 30 care leavers are in EET.",
    # Set against a group, with a large rest; n/N of things; a numbered list.
    "In touch 38 vs 47 eligible.",
    "In touch: 38 against a cohort of 47.",
    "Care leavers in touch: 80.9% [n 47]",
    "Visits: 45/47 completed on time.",
    "1. Sufficiency\n2. Stability\n3. Leaving care",
    # New staff and designated teachers are not children.
    "The virtual school trained 40 designated teachers.",
    "The PA team welcomed two new starters.",
]


@pytest.mark.parametrize("text", ORDINARY_FIFTH_ROUND)
def test_what_the_fifth_attack_round_could_wrongly_catch_is_left_alone(text: str) -> None:
    assert find(text, 5) == []


# A reviewer's regressions of the fourth and fifth rounds: counts those rounds' new rules let
# through, each caught again (a count after a dash or colon is no list item; a table's
# "Number" column is no label; "them" may be the people named before the things).
REVIEWED = [
    ("Care leavers (in custody: 2) were visited monthly.", "2"),
    ("Exclusions this term (fixed-term: 12; permanent: 2) were reviewed.", "2"),
    ("Care leavers in custody - 2. They are visited monthly.", "2"),
    ("Remanded -2. Visits are weekly.", "2"),
    ("UASC placed out of area * 2. They are supported.", "2"),
    ("Number of UASC placed out of area:\n3. All are in foster care.", "3"),
    ("The number who went missing this quarter was\n3. This is lower than last quarter.", "3"),
    ("| Age | Number |\n|---|---|\n| 16 | 3 |\n| 17 | 45 |", "3"),
    ("Age\tNumber\n16\t3\n17\t45", "3"),
    ("Age\tNo.\n16\t3", "3"),
    ("Six young people attended 12 sessions, 3 of them were girls.", "3 of them"),
    ("Our care leavers took up 10 apprenticeships; 3 of them dropped out.", "3 of them"),
    ("Missing episodes number 3 this quarter.", "3"),
    ("Two members of the youth panel were excluded from school.", "Two"),
]


@pytest.mark.parametrize(("text", "phrase"), REVIEWED)
def test_a_count_the_new_rules_let_through_is_caught_again(text: str, phrase: str) -> None:
    assert phrase in [f.phrase for f in find(text, 5)]


@pytest.mark.parametrize(
    "text",
    ["² thirds of our 6 UASC", "① thirds of the 6 children", "2² thirds of the 6 children"],
)
def test_digits_int_cannot_read_are_no_fraction_and_raise_nothing(text: str) -> None:
    assert find(text, 5) == []


def test_a_numbered_list_is_still_left_alone() -> None:
    assert find("1. Sufficiency\n2. Stability\n3. Health", 5) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("In touch: 45 (47).", "45 (47"),
        ("95.7% (47) were in touch.", "95.7% (47"),
        ("95.7 per cent (47) were in touch.", "95.7 per cent (47"),
    ],
)
def test_a_groups_size_alone_in_brackets_after_a_count_or_share_is_its_total(
    text: str, phrase: str
) -> None:
    # 45 of 47, and 95.7% of 47 is 45: the 2 not in touch.
    assert [(f.phrase, f.count) for f in find(text, 5)] == [(phrase, 2)]


@pytest.mark.parametrize("text", ["Attendance 96% (2025).", "Pledges 2 (3) are on track."])
def test_a_year_or_a_label_in_brackets_is_no_groups_size(text: str) -> None:
    assert find(text, 5) == []


# Left by the fifth attack and mended since: a proportion written as a decimal, a range of
# counts, a due count without a colon and a table's headings joined by commas. Each count
# worked out by hand.
LEFT_BY_THE_FIFTH_ATTACK = [
    # 0.957 x 47 = 44.98: 45 were in touch, so 2 were not
    ("0.957 of our 47 care leavers were in touch.", "0.957 of our 47 care leavers", 2),
    # 45 or 46 of 47: either way 1 or 2 were not; the smaller is said
    ("Between 45-46 of our 47 care leavers were in touch.", "45-46 of our 47", 1),
    ("Between 45–46 of the 47 young people were in touch.", "45–46 of the 47", 1),
    # 44 were due one, 41 had it: 3 did not
    ("Health assessments due 44, completed 41.", "41", 3),
    ("PEPs due 54, completed 50.", "50", 4),
    # a cohort of 47 with 45 in touch: 2 were not
    ("Cohort,In touch\n47,45", "45", 2),
    ("Care leavers,In touch,NEET\n47,45,2", "2", 2),
]


@pytest.mark.parametrize(("text", "phrase", "count"), LEFT_BY_THE_FIFTH_ATTACK)
def test_a_count_the_fifth_attack_left_is_caught(text: str, phrase: str, count: int) -> None:
    assert (phrase, count) in [(f.phrase, f.count) for f in find(text, 5)]


@pytest.mark.parametrize(
    "text",
    [
        "Attendance rose by 0.4 of a percentage point.",
        "0.5 of the 10 posts are filled.",
        "2-3 of 40 schools had a visit.",
        "Reviews due 120, held 118.",  # many reviews to a child
        "Visits due 50, completed 48.",
        "We met Ofsted,Health and Police on 3 May.",
    ],
)
def test_what_those_rules_read_is_left_alone_when_it_counts_no_child(text: str) -> None:
    assert find(text, 5) == []


# A sixth attacker (a helper, 100 leaks and 60 ordinary texts in its own words): 44 missed
# and 5 false alarms before; these classes mended (24 missed and 3 false alarms after all: changes
# in a cohort's size, averages, rates with their population and named children are left).
# Each count worked out by hand.
SIXTH_ATTACK = [
    # the rest in other words: 21 - 12 - 7 = 2; 52 - 40 - 9 = 3; 47 - 30 - 14 = 3
    (
        "Of the 21 UASC, 12 are in foster care and 7 in supported accommodation; the balance "
        "are in residential homes.",
        "the balance",
        2,
    ),
    (
        "Of our 52 children in care, 40 live with foster carers and 9 with relatives; everyone "
        "else lives in a children's home.",
        "everyone else",
        3,
    ),
    (
        "Of our 47 care leavers, 30 are in employment and 14 in education; all other care "
        "leavers are NEET.",
        "all other",
        3,
    ),
    # one child singled out with "our", a superlative or an ordinal
    ("Our only unaccompanied girl turned 18 in June.", "Our only unaccompanied girl", 1),
    ("Our lone UASC placed in Scotland moved back in July.", "Our lone UASC", 1),
    ("Our youngest child in care is four months old.", "Our youngest child", 1),
    ("Our UASC was placed in a hotel.", "Our UASC", 1),
    ("The 17-year-old was remanded.", "The 17-year-old", 1),
    ("This was our third adoption of the year.", "our third adoption", 3),
    ("Our fourth SGO of the year was granted in September.", "Our fourth SGO", 4),
    ("Amir became the second UASC this year to start university.", "the second UASC", 2),
    # a clause opened by a time with no comma; an age without hyphens; "another" alone
    ("Last month a care leaver was sentenced.", "a care leaver", 1),
    ("Yesterday a child in care was arrested.", "a child", 1),
    ("On 14 March one of our looked after children was arrested.", "one", 1),
    ("A 17 year old care leaver was sentenced.", "A 17 year old care leaver", 1),
    ("Another UASC turned 18 this month.", "Another UASC", 1),
    # fractions: 18 / 6 = 3; 16 / 8 = 2; 9 / 3 = 3; 6 / 2 = 3
    ("One-sixth of our 18 children in residential care are girls.", "One-sixth", 3),
    ("An eighth of our 16 UASC are girls.", "eighth", 2),
    ("One-third of the 9 children are in kinship care.", "One-third", 3),
    ("Half our 6 UASC are in college.", "Half our 6 UASC", 3),
    # a count after an age band in brackets; the size said with "who were eligible"
    ("UASC aged 16-17 (n=3) were all placed in supported accommodation.", "3", 3),
    ("45 care leavers were in touch. This compares with 47 who were eligible.", "45", 2),
]


@pytest.mark.parametrize(("text", "phrase", "count"), SIXTH_ATTACK)
def test_a_count_the_sixth_attack_hid_is_caught(text: str, phrase: str, count: int) -> None:
    found = [(f.phrase, f.count) for f in find(text, 5)]
    assert any(p.startswith(phrase) and c == count for p, c in found), found


@pytest.mark.parametrize(
    "text",
    [
        "PEP quality audits found 3 of the 6 standards fully met.",
        "In 2 of the 3 localities, PEP completion is above 95%.",
        "Our youngest children benefit most from stable placements.",
        "Our youngest foster carer is 24.",
        "Half our budget is spent on placements.",
        "Last month the panel met twice.",
        "On 14 March a new foster carer was approved.",
        "All other priorities are on track.",
        "Everyone else at the meeting agreed.",
        "The balance of the budget is £2m.",
        "This is our second priority.",
        "The third quarter was difficult.",
        "The first child in care council met in May.",
        "Our care leaver offer was refreshed in May.",
        "One-third of our budget goes on residential care.",
    ],
)
def test_what_the_sixth_rules_read_is_left_alone_when_it_counts_no_child(text: str) -> None:
    assert find(text, 5) == []


# A reviewer's finds in the sixth round's rules: a count after "44 due," whose separator the
# table reading drops is still measured against the 44; "0.0" still reads as none; "the" and
# an age before the word for the child; a meeting named after a child is no child.
@pytest.mark.parametrize(
    ("text", "phrase", "count"),
    [
        ("Health assessments: 44 due, 41", "41", 3),
        ("PEPs: 54 due, 50", "50", 4),
        ("Pathway plans: 35 required, 33", "33", 2),
        ("PEPs\t54 due\t50", "50", 4),
        ("Of our 3 care leavers, 0.0 were NEET.", "0.0", 3),
        ("The 17-year-old girl was remanded.", "The 17-year-old girl", 1),
        ("The 17-year-old care leaver was remanded.", "The 17-year-old care leaver", 1),
    ],
)
def test_a_count_the_sixth_rules_let_through_is_caught_again(
    text: str, phrase: str, count: int
) -> None:
    assert (phrase, count) in [(f.phrase, f.count) for f in find(text, 5)]


@pytest.mark.parametrize(
    "text",
    [
        "The first child protection conference was held.",
        "Our second child in care review was held in June.",
    ],
)
def test_an_ordinal_before_a_meeting_named_after_children_counts_none(text: str) -> None:
    assert find(text, 5) == []


# A table whose rows open with their own label, the others under their headings: NEET 3 of
# 47; 54 PEPs due and 50 done leave 4 not done; "A looked after child" is one child.
@pytest.mark.parametrize(
    ("text", "phrase", "count"),
    [
        ("Type,Number,Percent\nEET,40,85.1%\nNEET,3,6.4%\nUnknown,4,8.5%", "3", 3),
        ("| Measure | Due | Done |\n|---|---|---|\n| PEPs | 54 | 50 |", "50", 4),
        ("A looked after child was arrested.", "A looked after child", 1),
        ("Our looked after child was arrested.", "Our looked after child", 1),
    ],
)
def test_a_count_a_reviewer_found_still_missed_is_caught(
    text: str, phrase: str, count: int
) -> None:
    assert (phrase, count) in [(f.phrase, f.count) for f in find(text, 5)]


# Where the child is, or what happened to them in a clause of its own, between the child and
# the verb: still one child something happened to.
@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("A care leaver in custody was released in June.", "A care leaver"),
        ("Our care leaver in custody was released in June.", "Our care leaver"),
        ("A child in foster care was moved.", "A child"),
        ("The 17-year-old who was remanded in March has been released on bail.", "The 17-year-old"),
        ("A care leaver who went missing was found.", "A care leaver"),
    ],
)
def test_one_child_is_counted_past_where_they_are_and_a_clause_about_them(
    text: str, phrase: str
) -> None:
    assert (phrase, 1) in [(f.phrase, f.count) for f in find(text, 5)]


@pytest.mark.parametrize(
    "text",
    [
        "A care leaver in custody is entitled to a PA.",
        "A child who is in care has the right to an IRO.",
        "A child in every meeting is heard.",
        "A young person in education is less likely to offend.",
    ],
)
def test_any_child_somewhere_is_still_no_count(text: str) -> None:
    assert find(text, 5) == []
