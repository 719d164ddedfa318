"""Catalogues for the disclosure tests: the small one, with children in care by placement
and a rate per 10,000 of children in care added."""

from __future__ import annotations

import copy
from typing import Any

from scorecard.catalogue import Catalogue, parse_catalogue
from tests.conftest import SMALL_CATALOGUE

ABOUT = {"definition": "Test.", "why_it_matters": "Test.", "source": "Test."}


def with_placements(**extra: Any) -> Catalogue:
    data = copy.deepcopy(SMALL_CATALOGUE)
    data["measures"] += [
        {
            "id": "CLA_BY_PLACEMENT",
            "name": "Children in care by type of placement",
            "priority": 2,
            "unit": "count",
            "polarity": "none",
            "breakdowns": ["Foster care", "Children's homes", "Placed with parents", "Other"],
            **ABOUT,
        },
        {
            "id": "CLA_RATE",
            "name": "Children in care per 10,000 children",
            "priority": 2,
            "unit": "rate_per_10k",
            "polarity": "none",
            "rate_of": "CLA_COUNT",
            **ABOUT,
        },
    ]
    return parse_catalogue(data | extra, "test catalogue")


def counts(*ids: str, breakdowns: tuple[str, ...] = (), **extra: Any) -> Catalogue:
    """A catalogue of count measures with these ids (and the given breakdowns); ``extra``
    adds keys to the catalogue, or to one measure as ``MEASURE_ID={...}``."""
    measures = [
        {
            "id": i,
            "name": i.title(),
            "priority": 1,
            "unit": "count",
            "polarity": "none",
            "breakdowns": list(breakdowns),
            **ABOUT,
            **extra.pop(i, {}),
        }
        for i in ids
    ]
    data = {
        "authority": {"name": "Testshire"},
        "priorities": [{"number": 1, "short_title": "T", "title": "T", "plain_title": "T"}],
        "measures": measures,
    }
    return parse_catalogue(data | extra, "test catalogue")
