"""The rest of a cohort, through the command line's public export: a percentage tells the
public about the children *without* the outcome as much as those with it."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from scorecard.catalogue import parse_catalogue
from scorecard.storage.store import Store
from tests.integration.test_release_records import CATALOGUE, run

SUITABLE = {
    "id": "SUITABLE",
    "name": "Care leavers in suitable accommodation",
    "priority": 1,
    "unit": "percent",
    "polarity": "higher_is_better",
    "definition": "Care leavers aged 19 to 21 in accommodation judged suitable.",
    "why_it_matters": "A safe home comes first.",
    "source": "Leaving care team",
}


def test_45_of_47_in_suitable_accommodation_does_not_tell_the_public_that_2_are_not(
    tmp_path: Path,
) -> None:
    catalogue = copy.deepcopy(CATALOGUE)
    catalogue["measures"].append(SUITABLE)
    url = f"sqlite:///{tmp_path / 'council.db'}"
    Store.open(url).replace_catalogue(
        parse_catalogue(catalogue, "test"), actor="admin", file_name="c.toml", sha256="c" * 64
    )
    figures = tmp_path / "leavers.csv"
    figures.write_text(
        "measure_id,period,breakdown,value,numerator,denominator,note\n"
        "SUITABLE,2025/26 Q3,,95.7,45,47,\n"  # 2 without: hidden
        "SUITABLE,2025/26 Q4,,87.2,41,47,\n"  # 6 without: published
        "SUITABLE,2026/27 Q1,,100.0,47,47,\n"  # none without: nobody singled out
        "SUITABLE,2026/27 Q2,,10.6,5,47,\n",  # 5 with: hidden, as ever
        encoding="utf-8",
    )
    assert run(url, "ingest", str(figures)) == 0
    out = tmp_path / "public.json"

    assert run(url, "export", str(out), "--public") == 0

    shown = {
        r["period"]: r["symbol"] if r["value"] is None else r["value"]
        for r in json.loads(out.read_text())["observations"]
        if r["measure_id"] == "SUITABLE"
    }
    assert shown == {"2025/26 Q3": "c", "2025/26 Q4": 87.2, "2026/27 Q1": 100.0, "2026/27 Q2": "c"}
