"""Small made-up catalogues for unit tests: a measure is its id plus only the fields the
test is about."""

from __future__ import annotations

from typing import Any

from scorecard.catalogue import Catalogue, Measure, parse_catalogue
from scorecard.periods import parse_period
from scorecard.status import Reading


def measure_fields(measure_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": measure_id,
        "name": f"Measure {measure_id}",
        "priority": 1,
        "unit": "percent",
        "polarity": "higher_is_better",
        "decimals": 1,
        "definition": "Made up for a test.",
        "why_it_matters": "It does not.",
        "source": "Test data",
    } | fields


def catalogue(*measures: dict[str, Any]) -> Catalogue:
    return parse_catalogue(
        {
            "authority": {"name": "Testshire (test data)", "demonstration": True},
            "priorities": [
                {"number": 1, "short_title": "One", "title": "One", "plain_title": "One"}
            ],
            "measures": list(measures),
        },
        "test catalogue",
    )


def one_measure(measure_id: str, **fields: Any) -> Measure:
    return catalogue(measure_fields(measure_id, **fields)).measure(measure_id)


def history(*figures: tuple[str, float | None]) -> list[Reading]:
    """Readings from (quarter or year label, value) pairs, oldest first."""
    return [Reading(parse_period(label), value) for label, value in figures]
