"""How ``benchmarks update`` reads answers DfE's statistics API really sent: the publications,
a publication's data sets and a data set's metadata that DfE's own R client, eesyapi, recorded
from the API's test environment (tests/fixtures/eesyapi/README.md). The same cases eesyapi
tests its own parsing with (test-get_publication.R, test-get_meta.R), asked of our reading."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scorecard.benchmarks import update
from tests.unit.builders import catalogue, measure_fields

RECORDED = Path(__file__).parent.parent / "fixtures" / "eesyapi"
BASE = "https://api.education.gov.uk/statistics/v1"
CONTENT = "https://content.explore-education-statistics.service.gov.uk/api"
PUBLICATION = "25d0e40b-643a-4f73-3ae5-08dcf1c4d57f"  # "Data sets for API testing"
ABSENCE = "e1ae9201-2fff-d376-8fa3-bd3c3660d4c8"  # its "Pupil absence" data set


def recorded(name: str) -> Any:
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


class Dfe:
    """Answers each address with what DfE sent for it, and keeps the addresses asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answers = {
            f"{BASE}/publications?search=data%20sets%20for%20api%20testing&page=1&pageSize=40": (
                recorded("publications.json")
            ),
            f"{BASE}/publications/{PUBLICATION}/data-sets?page=1&pageSize=20": recorded(
                "publication_data_sets.json"
            ),
            f"{BASE}/data-sets/{ABSENCE}/meta?dataSetVersion=1.0": recorded("data_set_meta.json"),
        }

    def __call__(self, url: str) -> bytes:
        self.asked.append(url)
        if url not in self.answers:
            raise update.DfeUnreachable(f"not recorded: {url}")
        return json.dumps(self.answers[url]).encode()


def wanted(**dfe: Any) -> update.Wanted:
    mapping = {
        "file": "absence.csv",
        "filters": {"establishment_type": "Primary schools"},
        "value_column": "count_absent_sessions",
        "publication": "data-sets-for-api-testing",
    } | dfe
    [one], _ = update.wanted_files(catalogue(measure_fields("ABSENCE", dfe=mapping)))
    return one


def test_a_publication_is_found_by_its_slug_among_dfes_search_results() -> None:
    dfe = Dfe()
    data_sets = update._publication_data_sets(dfe, BASE, "data-sets-for-api-testing")
    assert data_sets is not None
    assert [d["title"] for d in data_sets] == [
        "A level and equivalents results",
        "Pupil attendance sessions",
        "Pupil absence",
    ]
    assert dfe.asked == [
        f"{BASE}/publications?search=data%20sets%20for%20api%20testing&page=1&pageSize=40",
        f"{BASE}/publications/{PUBLICATION}/data-sets?page=1&pageSize=20",
    ]


def test_a_slug_dfes_search_does_not_return_is_no_publication() -> None:
    dfe = Dfe()
    dfe.answers[f"{BASE}/publications?search=pupil%20absence%20in%20schools&page=1&pageSize=40"] = (
        recorded("publications.json")
    )
    assert update._publication_data_sets(dfe, BASE, "pupil-absence-in-schools") is None


def test_the_recorded_metadata_has_the_columns_and_filter_values_it_lists() -> None:
    meta = recorded("data_set_meta.json")
    # Filter establishment_type offers Primary, Secondary and Special schools and Total;
    # indicators are count_absent_sessions, count_enrolments and count_possible_sessions.
    assert update._fits(meta, wanted())
    assert update._fits(
        meta,
        wanted(
            filters={"establishment_type": "Total"},
            value_column="count_absent_sessions",
            numerator_column="count_absent_sessions",
            denominator_column="count_possible_sessions",
        ),
    )
    assert not update._fits(meta, wanted(filters={"establishment_type": "Nursery schools"}))
    assert not update._fits(meta, wanted(value_column="sess_overall_percent"))
    # count_enrolments is an indicator: it has no values to select.
    assert not update._fits(meta, wanted(filters={"count_enrolments": "100"}))


@pytest.mark.parametrize(
    ("title", "found"), [("Pupil absence", ABSENCE), ("pupil  ABSENCE", ABSENCE), (None, ABSENCE)]
)
def test_the_data_set_is_chosen_by_title_or_by_its_metadata(title: str | None, found: str) -> None:
    dfe = Dfe()
    version = f"{BASE}/data-sets/{ABSENCE}/versions/1.0"
    dfe.answers[version] = {"version": "1.0", "release": {"title": "2023/24", "slug": "2023-24"}}
    csv = f"{BASE}/data-sets/{ABSENCE}/csv?dataSetVersion=1.0"
    dfe.answers[csv] = {}
    # The other two data sets' metadata were not recorded: offer them without the filter.
    for other in ("3bb59201-0d1e-1e74-a745-8f65fe5895cf", "57b69201-033a-2c77-a19f-abcce2b11341"):
        dfe.answers[f"{BASE}/data-sets/{other}/meta?dataSetVersion=1.0"] = {
            "filters": [],
            "indicators": [],
        }

    [chosen], missing = update.find(dfe, BASE, [wanted(data_set_title=title)], content=CONTENT)

    assert missing == []
    assert (chosen.data_set_id, chosen.version, chosen.release) == (found, "1.0", "2023/24")
    # latestVersion.published as DfE recorded it: 2024-10-21T12:15:26.171566+00:00
    assert str(chosen.published_on) == "2024-10-21"
    assert chosen.url == csv
    assert dfe.asked[-1] == csv
