"""Small groups named in words, without a digit (issue 12's free-text route, in other forms):
"twins", "the only child", "a handful of children". Each caught sentence gives the words a
reader would point to; the ordinary phrases beside them must be left alone."""

from __future__ import annotations

import pytest

from scorecard.small_numbers import Why, find

CAUGHT = [
    ("Twins were separated when their placement ended.", "Twins", 2),
    ("The twin who stayed is settled.", "twin", 1),
    ("The only child placed in a secure children's home is back in foster care.",
     "The only child", 1),
    ("The sole care leaver at university is doing well.", "The sole care leaver", 1),
    ("He is an only child.", "only child", 1),
    ("Both of the brothers moved school.", "Both of the brothers", 2),
    ("Both children were adopted.", "Both children", 2),
    ("Both of them left care.", "Both of them", 2),
    ("Neither of the girls attended.", "Neither of the girls", 2),
    ("A sibling pair was placed out of area.", "sibling pair", 2),
    ("A brother and sister were separated.", "brother and sister", 2),
    ("A handful of children in care were excluded this term.", "A handful of children", 2),
    ("A handful were excluded.", "A handful", 2),
    ("A few care leavers are in custody.", "A few care leavers", 2),
    ("Only a few young people took part.", "Only a few young people", 2),
    ("A small number of young people account for a third of episodes.",
     "A small number of young people", 2),
    ("Very few children were placed with parents.", "Very few children", 1),
    ("Most of the 47 were in touch; a couple were not.", "a couple", 2),
    ("We have 47 care leavers. A couple were not in touch.", "A couple", 2),
    ("All but a handful of our 47 care leavers are in touch.",
     "a handful of our 47 care leavers", 2),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "phrase", "count"), CAUGHT)
def test_words_that_are_a_small_group_of_people_are_caught(
    sentence: str, phrase: str, count: int
) -> None:
    [finding] = find(sentence, 5)
    assert (finding.phrase, finding.count, finding.why) == (phrase, count, Why.SMALL_GROUP)
    assert finding.explained(5) == f"“{phrase}” names a small group of people without a number"


@pytest.mark.parametrize(
    "sentence",
    [
        # Numbers in words were caught before; still caught, once.
        "One young person was arrested.",
        "A single care leaver is in custody.",
        "A couple of children went missing.",
        "The one young person who went missing is safe.",
    ],
)
def test_numbers_in_words_beside_people_are_still_caught_once(sentence: str) -> None:
    assert len(find(sentence, 5)) == 1


LEFT_ALONE = [
    "One of our priorities is health.",
    "Only 60% of children had a dental check.",
    "Each child has a plan, and every child has a social worker.",
    "The only way to improve is to listen.",
    "The one thing we need most is more foster carers.",
    "We are the only council in the region to do this.",
    "Only children in care can apply.",
    "Both children in care and care leavers told us about it.",
    "Both teams met twice.",
    "A few weeks later the plan was agreed.",
    "A handful of schools replied.",
    "A few concerns were raised.",
    "A small number of schools have a designated teacher vacancy.",
    "Twin-track planning started in April.",
    "A couple of weeks later the panel met.",
    "A couple of schools have asked for training.",
    "A couple were approved as adopters in June.",
    "A couple came forward to adopt a sibling group.",
    "A handful of our 12 schools are rated outstanding.",
    "We keep brothers and sisters together where we can.",
]


@pytest.mark.parametrize("sentence", LEFT_ALONE)
def test_ordinary_phrases_name_no_small_group(sentence: str) -> None:
    assert find(sentence, 5) == []


def test_a_group_bigger_than_the_threshold_is_left_alone() -> None:
    # At a threshold of 1 only one child is hidden: twins are 2, the only child is 1.
    assert find("Twins were separated.", 1) == []
    assert [f.phrase for f in find("The only child placed there is safe.", 1)] == ["The only child"]
