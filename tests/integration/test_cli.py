"""The command line contract: python -m scorecard [--db URL] COMMAND, with its exit codes.

Figures are the demonstration authority's NEET measure, read by hand from the demo: in
2026/27 Q2, 4 of 62 young people (6.5%, Green against a 10% target, lower is better).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scorecard.cli import main
from scorecard.startup import init_demo
from scorecard.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> str:
    # The demonstration authority without DfE's published figures (init-demo adds those).
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    init_demo(Store.open(url))
    return url


def run(db: str, *args: str) -> int:
    return main(["--db", db, *args])


def exported(db: str, tmp_path: Path, *extra: str) -> list[dict[str, object]]:
    out = tmp_path / "out.json"
    assert run(db, "export", str(out), *extra) == 0
    return json.loads(out.read_text())["observations"]  # type: ignore[no-any-return]


def neet(observations: list[dict[str, object]], period: str) -> dict[str, object]:
    [row] = [
        o
        for o in observations
        if o["measure_id"] == "NEET_16_18" and o["period"] == period and o["breakdown"] == "All"
    ]
    return row


def test_init_demo_loads_once_with_published_figures_and_then_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert run(url, "init-demo") == 0
    first = capsys.readouterr().out
    assert "Loaded the demonstration authority" in first
    # From the rows the project ships, whatever sits beside the checkout.
    assert "Imported DfE's published figures" in first
    assert run(url, "init-demo") == 0
    assert "already loaded; nothing changed" in capsys.readouterr().out


def test_export_json_gives_every_observation_with_its_rag(db: str, tmp_path: Path) -> None:
    observations = exported(db, tmp_path)
    assert set(observations[0]) == {
        "measure_id", "period", "breakdown", "value", "numerator", "denominator",
        "symbol", "note", "rag", "direction",
    }  # fmt: skip
    assert neet(observations, "2026/27 Q2") | {"note": None} == {
        "measure_id": "NEET_16_18",
        "period": "2026/27 Q2",
        "breakdown": "All",
        "value": 6.5,
        "numerator": 4.0,
        "denominator": 62.0,
        "symbol": None,
        "note": None,
        "rag": "Green",
        "direction": "Worsening",  # up from 5.0% in 2026/27 Q1; lower is better
    }
    assert neet(observations, "2025/26 Q3")["rag"] == "Red"  # 11 of 50 = 22.0%
    assert {o["rag"] for o in observations} == {"Green", "Amber", "Red", "Not rated", "No data"}


def test_export_of_one_period_only_has_that_period(db: str, tmp_path: Path) -> None:
    observations = exported(db, tmp_path, "--period", "2025/26 Q3")
    assert {o["period"] for o in observations} == {"2025/26 Q3"}


def test_public_export_suppresses_small_numbers(db: str, tmp_path: Path) -> None:
    # 4 young people NEET is below the DfE threshold of 5: the percentage is suppressed.
    row = neet(exported(db, tmp_path, "--public"), "2026/27 Q2")
    assert (row["value"], row["symbol"], row["numerator"], row["note"]) == (None, "c", None, None)


def fill_template(path: Path, values: dict[str, tuple[float, float, float]]) -> None:
    workbook = load_workbook(path)
    sheet = workbook["Data"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in ("measure_id", "breakdown", "value")}
    for row in range(2, sheet.max_row + 1):
        measure = sheet.cell(row, col["measure_id"]).value
        breakdown = sheet.cell(row, col["breakdown"]).value or "All"
        if measure in values and breakdown == "All":
            value, n, d = values[measure]
            sheet.cell(row, col["value"]).value = value
            sheet.cell(row, col["value"] + 1).value = n
            sheet.cell(row, col["value"] + 2).value = d
    workbook.save(path)


def test_template_filled_in_and_ingested_becomes_current_and_can_be_rolled_back(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "q2.xlsx"
    assert run(db, "template", str(template), "--period", "2026/27 Q2") == 0
    fill_template(template, {"NEET_16_18": (8.1, 5, 62)})  # 5 / 62 = 8.06% -> 8.1%
    assert run(db, "validate", str(template)) == 0
    assert run(db, "ingest", str(template), "--user", "Ann Officer") == 0
    assert "Saved as upload 18" in capsys.readouterr().out
    assert neet(exported(db, tmp_path), "2026/27 Q2")["value"] == 8.1

    assert run(db, "ingest", str(template)) == 0
    assert "identical to upload 18" in capsys.readouterr().out

    assert run(db, "rollback", "18") == 0
    assert neet(exported(db, tmp_path), "2026/27 Q2")["value"] == 6.5
    assert run(db, "uploads") == 0
    assert "rolled back" in capsys.readouterr().out


def test_invalid_upload_exits_1_names_the_row_and_writes_nothing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "measure_id,period,breakdown,value,numerator,denominator,note\n"
        "NEET_16_18,Q5 2016/17,,8.1,5,62,\n",
        encoding="utf-8",
    )
    assert run(db, "ingest", str(bad)) == 1
    out = capsys.readouterr().out
    assert "row 2" in out and "Q5 2016/17" in out and "2016/17 Q3" in out
    run(db, "uploads")
    assert "bad.csv" not in capsys.readouterr().out


def test_unreadable_file_exits_2(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "notes.xlsx"
    fake.write_text("this is not a workbook")
    assert run(db, "validate", str(fake)) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_missing_file_exits_2(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "validate", "/nowhere/q1.xlsx") == 2
    assert "No such file" in capsys.readouterr().err


def test_bad_arguments_exit_2_without_a_traceback(tmp_path: Path) -> None:
    for args in (["export"], ["rollback", "seven"], ["export", "x.json", "--period", "Q9 1/2"]):
        finished = subprocess.run(
            [sys.executable, "-m", "scorecard", "--db", f"sqlite:///{tmp_path}/x.db", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert finished.returncode == 2, (args, finished.stderr)
        assert "Traceback" not in finished.stderr


def test_rolling_back_an_unknown_upload_exits_1(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "rollback", "999") == 1
    assert "no upload number 999" in capsys.readouterr().err
