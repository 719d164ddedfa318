"""Every sentence counts the right people or things (issue 16 point 3): councillors,
episodes, care leavers, never "children" where the measure counts something else."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.catalogue import Counted, load_catalogue
from scorecard.errors import CatalogueError
from scorecard.formatting import children_short_text, cohort_text
from scorecard.status import children_short
from tests.unit import builders

DEMO = load_catalogue(Path(__file__).parents[2] / "data" / "catalogue.toml")


def test_one_councillor_short_of_the_training_target_is_one_councillor() -> None:
    # 45 of 51 councillors trained (88.2%) against 90%: 90% of 51 is 45.9, so one more
    # (46 of 51 = 90.2%).
    training = DEMO.measure("CP_TRAINING")
    short = children_short(training, 45, 51)
    assert short == 1
    assert children_short_text(training, short) == "1 more councillor would have met the target."


def test_return_home_interviews_count_episodes_not_children() -> None:
    # 74 of 100 episodes with an interview within 72 hours against 90%: 16 more episodes.
    interviews = DEMO.measure("RHI_72H")
    short = children_short(interviews, 74, 100)
    assert children_short_text(interviews, short) == "16 more episodes would have met the target."


def test_care_leavers_are_never_called_children() -> None:
    # 20 of 47 care leavers in education, employment or training against 55%: 55% of 47 is
    # 25.85, so 6 more (26 of 47 = 55.3%).
    eet = DEMO.measure("CL_EET_19_21")
    assert children_short_text(eet, children_short(eet, 20, 47)) == (
        "6 more care leavers would have met the target."
    )
    assert cohort_text(20, 47, eet.counted) == "20 of 47 care leavers"
    for measure in DEMO.measures:
        if measure.name.startswith("Care leavers"):
            assert measure.counted == Counted(one="care leaver", many="care leavers"), measure.id


def test_every_demo_measure_says_what_it_counts() -> None:
    # Not one measure left to the default by accident: the demo file names every noun.
    text = (Path(__file__).parents[2] / "data" / "catalogue.toml").read_text()
    assert text.count("\ncounted = ") == len(DEMO.measures)
    assert DEMO.measure("FOSTER_APPROVALS").counted.many == "households"
    assert DEMO.measure("SW_VISITS_TIMELY").counted.many == "visits"


def test_a_measure_that_does_not_say_counts_children() -> None:
    measure = builders.one_measure("TEST_01")
    assert measure.counted == Counted(one="child", many="children")
    assert children_short_text(measure, 1) == "1 more child would have met the target."


def test_a_lower_is_better_measure_names_what_there_should_be_fewer_of() -> None:
    # Re-referrals: lower is better. 30 of 100 against 22% is 8 referrals too many.
    rereferrals = DEMO.measure("REREFERRALS")
    assert children_short(rereferrals, 30, 100) == 8
    assert children_short_text(rereferrals, 8) == (
        "With 8 fewer referrals counted here, the target would have been met."
    )


def test_an_empty_noun_is_refused_with_the_measure_it_belongs_to() -> None:
    fields = builders.measure_fields("TEST_01", counted={"one": "", "many": "care leavers"})
    with pytest.raises(CatalogueError, match="counted"):
        builders.catalogue(fields)


def test_the_glossary_finds_a_term_written_in_the_plural_or_as_its_abbreviation() -> None:
    terms = [g.term for g in DEMO.terms_in("Re-referrals within 12 months", "Caseload of IROs")]
    assert terms == ["Independent Reviewing Officer", "re-referral"]
    assert DEMO.terms_in("Children who came into care") == []
    # "PEP" is a word, not any P-E-P in a longer word.
    assert DEMO.terms_in("Pepper") == []
