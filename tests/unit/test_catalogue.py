"""The catalogue of priorities, measures and the Pledge is validated once, when read."""

import copy

import pytest

from scorecard.catalogue import Catalogue, Polarity, Unit, load_catalogue, parse_catalogue
from scorecard.errors import CatalogueError, UnknownMeasureError


def minimal_catalogue():
    """Two priorities, two measures and one promise: the smallest useful valid catalogue."""
    return {
        "authority": {"name": "Exampleshire (demonstration)", "demonstration": True},
        "priorities": [
            {
                "number": 1,
                "short_title": "Corporate parenting",
                "title": "Strong corporate parenting",
                "plain_title": "Everyone looks out for you",
            },
            {
                "number": 2,
                "short_title": "Education",
                "title": "Education and learning",
                "plain_title": "Doing well at school",
            },
        ],
        "measures": [
            {
                "id": "CLA_COUNT",
                "name": "Children in care",
                "priority": 1,
                "unit": "count",
                "polarity": "none",
                "definition": "Children looked after at the end of the quarter.",
                "why_it_matters": "Context for every other measure.",
                "source": "Case management system",
            },
            {
                "id": "PEP_TIMELY",
                "name": "Personal education plans up to date",
                "priority": 2,
                "unit": "percent",
                "polarity": "higher_is_better",
                "decimals": 1,
                "target": 95,
                "tolerance": 5,
                "definition": "Children in care with a PEP reviewed this term.",
                "why_it_matters": "A plan helps school support the child.",
                "source": "Virtual school",
            },
        ],
        "pledge": [
            {
                "number": 1,
                "promise": "We will help you do well at school.",
                "priorities": [2],
                "measures": ["PEP_TIMELY"],
            }
        ],
    }


def problems_of(data):
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(data, "catalogue.toml")
    assert caught.value.source == "catalogue.toml"
    return caught.value.problems


def one_problem(data):
    problems = problems_of(data)
    assert len(problems) == 1, problems
    return problems[0]


# -- valid ------------------------------------------------------------------------------


def test_minimal_valid_catalogue_builds():
    catalogue = parse_catalogue(minimal_catalogue(), "catalogue.toml")

    assert isinstance(catalogue, Catalogue)
    assert [p.number for p in catalogue.ordered_priorities()] == [1, 2]
    pep = catalogue.measure("PEP_TIMELY")
    assert pep.unit is Unit.PERCENT
    assert pep.polarity is Polarity.HIGHER_IS_BETTER
    assert pep.target == 95
    assert pep.is_rated
    assert not catalogue.measure("CLA_COUNT").is_rated
    assert [m.id for m in catalogue.measures_of(2)] == ["PEP_TIMELY"]


def test_measure_defaults_to_whole_numbers_quarterly_and_the_all_breakdown():
    count = parse_catalogue(minimal_catalogue(), "catalogue.toml").measure("CLA_COUNT")

    assert count.decimals == 0
    assert count.frequency == "quarterly"
    assert count.all_breakdowns == ("All",)


def test_asking_for_an_unknown_measure_names_it():
    catalogue = parse_catalogue(minimal_catalogue(), "catalogue.toml")

    with pytest.raises(UnknownMeasureError, match="NOPE"):
        catalogue.measure("NOPE")


# -- unknown keys -----------------------------------------------------------------------


def test_unknown_top_level_key_is_rejected():
    data = minimal_catalogue()
    data["colour_scheme"] = "blue"

    problem = one_problem(data)

    assert problem.startswith("colour_scheme:")
    assert "unknown key" in problem


def test_unknown_key_in_a_measure_names_the_path_and_the_measure_id():
    data = minimal_catalogue()
    data["measures"][1]["traget"] = 90  # a typo that must not silently drop the target

    problem = one_problem(data)

    assert "measures[2]" in problem
    assert "PEP_TIMELY" in problem
    assert "traget" in problem
    assert "unknown key" in problem


def test_unknown_key_in_a_priority_names_the_path():
    data = minimal_catalogue()
    data["priorities"][0]["colour"] = "red"

    problem = one_problem(data)

    assert "priorities[1]" in problem
    assert "colour" in problem
    assert "unknown key" in problem


def test_missing_required_key_is_named():
    data = minimal_catalogue()
    del data["measures"][0]["source"]

    problem = one_problem(data)

    assert "CLA_COUNT" in problem
    assert "source" in problem
    assert "missing" in problem


# -- bad values -------------------------------------------------------------------------


def test_bad_polarity_names_the_value_found_and_the_allowed_values():
    data = minimal_catalogue()
    data["measures"][1]["polarity"] = "up"

    problem = one_problem(data)

    assert "PEP_TIMELY" in problem
    assert "polarity" in problem
    assert "'up'" in problem
    for allowed in ("higher_is_better", "lower_is_better", "none"):
        assert allowed in problem


def test_bad_unit_names_the_allowed_values():
    data = minimal_catalogue()
    data["measures"][0]["unit"] = "people"

    problem = one_problem(data)

    assert "'people'" in problem
    assert "rate_per_10k" in problem


def test_target_on_a_polarity_none_measure_is_rejected():
    data = minimal_catalogue()
    data["measures"][0]["target"] = 100

    problem = one_problem(data)

    assert "CLA_COUNT" in problem
    assert "target" in problem
    assert "none" in problem


def test_tolerance_without_a_target_is_rejected():
    data = minimal_catalogue()
    del data["measures"][1]["target"]

    problem = one_problem(data)

    assert "PEP_TIMELY" in problem
    assert "tolerance needs a target" in problem


def test_percent_target_above_100_is_rejected():
    data = minimal_catalogue()
    data["measures"][1]["target"] = 120

    problem = one_problem(data)

    assert "PEP_TIMELY" in problem
    assert "120" in problem
    assert "percentage" in problem


def test_negative_tolerance_is_rejected():
    data = minimal_catalogue()
    data["measures"][1]["tolerance"] = -1

    problem = one_problem(data)

    assert "PEP_TIMELY" in problem
    assert "tolerance" in problem


def test_lower_case_measure_id_is_rejected():
    data = minimal_catalogue()
    data["measures"][1]["id"] = "pep timely"
    data["pledge"][0]["measures"] = []

    problem = one_problem(data)

    assert "id" in problem
    assert "'pep timely'" in problem


# -- references between parts ----------------------------------------------------------


def test_duplicate_measure_id_is_rejected():
    data = minimal_catalogue()
    twin = copy.deepcopy(data["measures"][1])
    twin["name"] = "Another name"
    data["measures"].append(twin)

    problem = one_problem(data)

    assert "PEP_TIMELY" in problem
    assert "twice" in problem


def test_duplicate_priority_number_is_rejected():
    data = minimal_catalogue()
    data["priorities"][1]["number"] = 1
    data["measures"][1]["priority"] = 1
    data["pledge"][0]["priorities"] = [1]

    problem = one_problem(data)

    assert "priority 1" in problem
    assert "twice" in problem


def test_measure_in_a_missing_priority_is_rejected():
    data = minimal_catalogue()
    data["measures"][1]["priority"] = 7

    problem = one_problem(data)

    assert "PEP_TIMELY" in problem
    assert "priority 7" in problem
    assert "not listed" in problem


def test_promise_linking_to_a_missing_measure_is_rejected():
    data = minimal_catalogue()
    data["pledge"][0]["measures"] = ["PEP_TIMELY", "GHOST"]

    problem = one_problem(data)

    assert "promise 1" in problem
    assert "GHOST" in problem


def test_promise_linking_to_a_missing_priority_is_rejected():
    data = minimal_catalogue()
    data["pledge"][0]["priorities"] = [9]

    problem = one_problem(data)

    assert "promise 1" in problem
    assert "priority 9" in problem


# -- every problem at once --------------------------------------------------------------


def test_several_problems_in_different_measures_are_all_reported():
    data = minimal_catalogue()
    data["measures"][0]["colour"] = "red"
    data["measures"][1]["polarity"] = "up"
    data["priorities"][1]["plain_title"] = ""

    problems = problems_of(data)

    assert len(problems) == 3, problems
    assert any("CLA_COUNT" in p and "colour" in p for p in problems)
    assert any("PEP_TIMELY" in p and "polarity" in p for p in problems)
    assert any("priorities[2]" in p and "plain_title" in p for p in problems)


def test_several_reference_problems_are_listed_one_per_line():
    # CatalogueError.problems promises "one line per problem".
    data = minimal_catalogue()
    data["measures"][1]["priority"] = 7
    data["pledge"][0]["measures"] = ["GHOST"]

    problems = problems_of(data)

    assert len(problems) == 2, problems
    assert any("PEP_TIMELY" in p and "priority 7" in p for p in problems)
    assert any("GHOST" in p for p in problems)


def test_error_message_counts_and_lists_every_problem():
    data = minimal_catalogue()
    data["measures"][0]["colour"] = "red"
    data["measures"][1]["polarity"] = "up"

    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(data, "catalogue.toml")

    message = str(caught.value)
    assert message.startswith("catalogue.toml:")
    assert "2 problem(s)" in message
    assert "colour" in message
    assert "polarity" in message


# -- reading the file -------------------------------------------------------------------

VALID_TOML = """
[authority]
name = "Exampleshire (demonstration)"

[[priorities]]
number = 1
short_title = "Corporate parenting"
title = "Strong corporate parenting"
plain_title = "Everyone looks out for you"

[[measures]]
id = "CLA_COUNT"
name = "Children in care"
priority = 1
unit = "count"
polarity = "none"
definition = "Children looked after at the end of the quarter."
why_it_matters = "Context for every other measure."
source = "Case management system"
"""


def test_load_catalogue_reads_a_toml_file(tmp_path):
    path = tmp_path / "catalogue.toml"
    path.write_text(VALID_TOML, encoding="utf-8")

    catalogue = load_catalogue(path)

    assert catalogue.authority.name == "Exampleshire (demonstration)"
    assert [m.id for m in catalogue.measures] == ["CLA_COUNT"]


def test_load_catalogue_of_a_missing_file_says_it_does_not_exist(tmp_path):
    path = tmp_path / "nowhere.toml"

    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)

    assert caught.value.source == str(path)
    assert caught.value.problems == ["the file does not exist"]


def test_load_catalogue_of_invalid_toml_says_so(tmp_path):
    path = tmp_path / "catalogue.toml"
    path.write_text('[authority]\nname = "Exampleshire\n', encoding="utf-8")

    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)

    assert len(caught.value.problems) == 1
    assert "not valid TOML" in caught.value.problems[0]


def test_load_catalogue_reports_validation_problems_against_the_file(tmp_path):
    path = tmp_path / "catalogue.toml"
    path.write_text(VALID_TOML.replace('polarity = "none"', 'polarity = "up"'), encoding="utf-8")

    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)

    assert caught.value.source == str(path)
    assert any("CLA_COUNT" in p and "'up'" in p for p in caught.value.problems)
