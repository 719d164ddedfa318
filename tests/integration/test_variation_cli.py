"""``python -m scorecard variation MEASURE_ID [--period P] [--breakdown B] --json``: the
command-line contract of issue 14, checked from outside the project (a subprocess).

The series is a hand-worked one: six quarters of 2, 6, 2, ... then seven of 12, 16, 12, ...
Its mean is 120/13 = 9.2308; its moving ranges are 5 x 4, one 6 and 6 x 4 (50 over 12,
4.1667), so the limits are 9.2308 -/+ 2.66 x 4.1667 = -1.8526 and 20.3141. The last seven
quarters are a run above the mean; the target of 10 is inside the limits (hit and miss).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.storage.store import Store
from scorecard.upload import ingest
from tests.unit.builders import catalogue, measure_fields

ROOT = Path(__file__).resolve().parents[2]
VALUES = [2, 6, 2, 6, 2, 6, 12, 16, 12, 16, 12, 16, 12]
# Around 10, then around 20 from 2023/24 Q3, when the definition changed.
STEPPED = [9, 11, 9, 11, 9, 11, 19, 21, 19, 21, 19, 21, 19]
QUARTERS = [f"{2022 + (i // 4)}/{(23 + i // 4) % 100:02d} Q{i % 4 + 1}" for i in range(13)]


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'variation.db'}"
    store = Store.open(url)
    store.replace_catalogue(
        catalogue(
            measure_fields("CONTACT", unit="count", decimals=0, target=10, breakdowns=["16+"]),
            measure_fields(
                "STEPPED",
                unit="count",
                decimals=0,
                polarity="none",
                rebase=[{"period": "2023/24 Q3", "reason": "counted from the day of arrival"}],
            ),
            measure_fields("YEARLY", frequency="annual"),
            measure_fields("SHORT"),
        ),
        actor="test",
        file_name="test.toml",
        sha256="0" * 64,
    )
    rows = ["measure_id,period,breakdown,value,numerator,denominator,note"]
    rows += [f"CONTACT,{q},,{v},,," for q, v in zip(QUARTERS, VALUES, strict=True)]
    rows += [f"CONTACT,{q},16+,{v},,," for q, v in zip(QUARTERS, VALUES, strict=True)]
    rows += [f"SHORT,{q},,{v},,," for q, v in zip(QUARTERS[:5], VALUES, strict=False)]
    rows += [f"STEPPED,{q},,{v},,," for q, v in zip(QUARTERS, STEPPED, strict=True)]
    upload = tmp_path / "figures.csv"
    upload.write_text("\n".join(rows) + "\n")
    checked = ingest.check_file(store, upload, today=dt.date(2026, 12, 3))
    assert checked.is_valid, ingest.report(checked)
    ingest.commit(store, checked, actor="test")
    return url


def variation(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scorecard", "--db", db, "variation", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_the_json_object_has_the_contracts_keys_and_hand_worked_figures(db: str) -> None:
    done = variation(db, "CONTACT", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert list(found) == [
        "measure_id", "breakdown", "period", "mean", "lower", "upper", "trial", "points",
        "variation", "assurance",
    ]  # fmt: skip
    assert (found["measure_id"], found["breakdown"], found["period"]) == (
        "CONTACT",
        "All",
        "2025/26 Q1",
    )
    assert found["mean"] == pytest.approx(120 / 13)
    assert found["lower"] == pytest.approx(120 / 13 - 2.66 * 50 / 12)
    assert found["upper"] == pytest.approx(120 / 13 + 2.66 * 50 / 12)
    assert found["trial"] is False
    assert found["points"][0] == {"period": "2022/23 Q1", "value": 2.0, "special_cause": None}
    assert [p["special_cause"] for p in found["points"]] == [None] * 6 + ["run above"] * 7
    assert found["variation"] == "special cause improvement"
    assert found["assurance"] == "hit and miss"


def test_a_breakdown_and_an_earlier_period_give_that_series_up_to_that_quarter(db: str) -> None:
    # Up to 2024/25 Q3, eleven quarters: 2, 6, 2, 6, 2, 6 (24), 12, 16, 12, 16, 12 (68).
    done = variation(db, "CONTACT", "--breakdown", "16+", "--period", "2024/25 Q3", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert (found["breakdown"], found["period"], found["trial"]) == ("16+", "2024/25 Q3", True)
    assert len(found["points"]) == 11
    assert found["mean"] == pytest.approx(92 / 11)  # 24 + 68


def test_limits_are_the_latest_segments_after_a_declared_step_change(db: str) -> None:
    found = json.loads(variation(db, "STEPPED", "--json").stdout)
    assert found["mean"] == pytest.approx(139 / 7)  # 19, 21, 19, 21, 19, 21, 19
    assert found["variation"] == "common cause"
    assert found["assurance"] is None  # polarity none: no target


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["NOPE"], "There is no measure 'NOPE'"),
        (["YEARLY"], "is an annual measure"),
        (["SHORT"], "Too few quarters"),
        (["CONTACT", "--breakdown", "Under 1"], "has no breakdown 'Under 1'"),
    ],
)
def test_an_unknown_annual_or_short_series_exits_1_with_a_clear_message(
    db: str, args: list[str], said: str
) -> None:
    done = variation(db, *args, "--json")
    assert done.returncode == 1
    assert said in done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
