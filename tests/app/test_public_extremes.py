"""Public outputs never fail: the most extreme figures an upload accepts (ten million
children, 0, 100%, a rate of 10,000 per 10,000, money and scores at their bounds, three
decimal places, long names and notes) are uploaded through the same checks as any upload,
then every public output is made from them: the command line's JSON, CSV, Excel and PDF
exports with --public, the Published version page and a public session in Present mode.

The figures are for the last quarter that has ended (so the upload is accepted on any day).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from scorecard.catalogue import parse_catalogue
from scorecard.cli import main
from scorecard.periods import Period
from scorecard.storage.store import Store
from scorecard.upload import ingest
from scorecard.upload.issues import DATA_COLUMNS
from tests.app.conftest import app_on
from tests.app.test_pages import open_page, texts
from tests.app.test_public_page import figure_tables

QUARTER = Period.containing(dt.date.today()).previous()
YEAR = Period.financial_year(QUARTER.start_year - 1)  # the last financial year (ended)
LONG_NAME = "A measure whose name goes on and on " * 8  # 288 characters
BANDS = ["Under 1", "1-4", "5-9", "10-15", "16+"]


def _measure(id_: str, unit: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "name": f"{id_.replace('_', ' ').title()}: {LONG_NAME.strip()}",
        "priority": 1 + len(id_) % 2,
        "unit": unit,
        "polarity": "none",
        "definition": "The largest figure an upload accepts. " * 20,
        "why_it_matters": "A public output must show every accepted figure. " * 10,
        "source": "tests/app/test_public_extremes.py",
        **extra,
    }


CATALOGUE = parse_catalogue(
    {
        "authority": {"name": "Extremeshire County Council " * 4, "demonstration": True},
        "priorities": [
            {
                "number": n,
                "short_title": f"Priority {n} " * 5,
                "title": f"The longest priority title we could think of, number {n} " * 4,
                "plain_title": f"Plain words for priority {n} " * 6,
            }
            for n in (1, 2)
        ],
        "measures": [
            _measure("MOST_CHILDREN", "count", breakdowns=BANDS),
            _measure("NO_CHILDREN", "count"),
            _measure("ALL_OF_THEM", "percent", decimals=3, polarity="higher_is_better", target=100),
            _measure("FEW_OF_MANY", "percent", decimals=3),
            _measure("EVERY_CHILD_RATE", "rate_per_10k", decimals=3),
            _measure("LONGEST_WAIT", "days", decimals=3),
            _measure("LOWEST_SCORE", "score", decimals=3),
            _measure("HIGHEST_SCORE", "score", decimals=3),
            _measure("BIGGEST_SPEND", "currency", frequency="annual"),
            _measure("BIGGEST_SAVING", "currency", frequency="annual"),
        ],
    },
    "extremes",
)
NOTE = "A note as long as an Excel cell allows. " * 800  # 32,000 characters
MILLION_10 = 10_000_000


def rows() -> list[list[Any]]:
    q, y = QUARTER.label, YEAR.label
    parts = [2_000_000] * 5  # ten million in all
    return [
        ["MOST_CHILDREN", q, None, MILLION_10, None, None, NOTE],
        *[["MOST_CHILDREN", q, band, part] for band, part in zip(BANDS, parts, strict=True)],
        ["NO_CHILDREN", q, None, 0],
        ["ALL_OF_THEM", q, None, 100, MILLION_10, MILLION_10, NOTE],
        # 100 of ten million is 0.001% at three decimal places.
        ["FEW_OF_MANY", q, None, 0.001, 100, MILLION_10],
        ["EVERY_CHILD_RATE", q, None, 10_000, MILLION_10, MILLION_10],
        ["LONGEST_WAIT", q, None, 36_500],
        ["LOWEST_SCORE", q, None, -10_000],
        ["HIGHEST_SCORE", q, None, 9_999.999],
        ["BIGGEST_SPEND", y, None, 10_000_000_000],
        ["BIGGEST_SAVING", y, None, -10_000_000_000],
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('extremes') / 'extremes.db'}"
    store = Store.open(url)
    store.replace_catalogue(CATALOGUE, actor="admin", file_name="extremes", sha256="e" * 64)
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(list(DATA_COLUMNS))
    for row in rows():
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    checked = ingest.check(store, "extremes.xlsx", out.getvalue(), today=dt.date.today())
    assert checked.validation.blocking == [], [str(i) for i in checked.validation.blocking]
    ingest.commit(store, checked, actor="officer")
    assert len(store.current_observations()) == len(rows())
    return url


def export(db: str, out: Path, *extra: str) -> Path:
    assert main(["--db", db, "export", str(out), "--public", *extra]) == 0
    assert out.stat().st_size > 0
    return out


def test_the_public_json_and_csv_show_every_extreme_figure(db: str, tmp_path: Path) -> None:
    exported = json.loads(export(db, tmp_path / "public.json").read_text())
    records = exported if isinstance(exported, list) else exported["observations"]
    shown = {(r["measure_id"], r["breakdown"]): r["value"] for r in records}
    assert shown[("MOST_CHILDREN", "All")] == MILLION_10
    assert shown[("MOST_CHILDREN", "16+")] == 2_000_000
    assert shown[("NO_CHILDREN", "All")] == 0
    assert shown[("ALL_OF_THEM", "All")] == 100
    assert shown[("FEW_OF_MANY", "All")] == 0.001
    assert shown[("EVERY_CHILD_RATE", "All")] == 10_000
    assert shown[("LONGEST_WAIT", "All")] == 36_500
    assert shown[("LOWEST_SCORE", "All")] == -10_000
    assert shown[("HIGHEST_SCORE", "All")] == 9_999.999
    assert shown[("BIGGEST_SPEND", "All")] == 10_000_000_000
    assert shown[("BIGGEST_SAVING", "All")] == -10_000_000_000
    assert "A note as long" not in json.dumps(exported)  # notes are never published

    table = list(csv.DictReader(export(db, tmp_path / "public.csv").open(encoding="utf-8-sig")))
    by_measure = {(r["measure_id"], r["breakdown"]): r["value"] for r in table}
    assert float(by_measure[("MOST_CHILDREN", "All")]) == MILLION_10
    assert float(by_measure[("BIGGEST_SAVING", "All")]) == -10_000_000_000


def test_the_public_excel_scorecard_and_briefing_pack_are_written(db: str, tmp_path: Path) -> None:
    book = load_workbook(export(db, tmp_path / "public.xlsx"))
    cells = " ".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    assert "10,000,000" in cells or "10000000" in cells
    pack = PdfReader(export(db, tmp_path / "public.pdf"))
    text = " ".join(page.extract_text() for page in pack.pages)
    assert "10,000,000" in text
    assert "100.000%" in text


def test_the_published_version_page_shows_them(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_on(db, monkeypatch)
    open_page(app, "public", period=QUARTER.label)
    shown = " ".join(cell for table in figure_tables(app) for row in table for cell in row.values())
    assert "10,000,000" in shown
    assert "100.000%" in shown
    assert "A note as long" not in shown + texts(app)


def test_a_public_session_in_present_mode_shows_them(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app: AppTest = app_on(db, monkeypatch)
    open_page(app, "present", period=QUARTER.label)
    app.toggle(key="public_session").set_value(True).run()
    assert not app.exception, app.exception
    seen = texts(app)
    for _ in range(4):  # every slide
        if app.button(key="present_next").disabled:
            break
        app.button(key="present_next").click().run()
        assert not app.exception, app.exception
        seen += texts(app)
    # Slides show the rated measures' figures (ALL_OF_THEM has a target) and charts.
    assert "Slide 2 of 2" in seen
    assert "**100.000%** · target 100.000%" in seen
    assert "A note as long" not in seen


def test_the_issues_route_a_309_digit_denominator_is_refused_and_publication_carries_on(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upload = tmp_path / "hostile.csv"
    upload.write_text(
        "measure_id,period,breakdown,value,numerator,denominator\n"
        f"FEW_OF_MANY,{QUARTER.label},,50,1,{'1' + '0' * 308}\n"
    )
    assert main(["--db", db, "ingest", str(upload)]) == 1
    said = capsys.readouterr().out
    assert (
        "Data sheet, row 2, column denominator: a number of 309 digits (100000…) is out of "
        "range: the denominator is a number of children, at most 10,000,000"
    ) in said
    exported = json.loads(export(db, tmp_path / "after.json").read_text())
    records = exported if isinstance(exported, list) else exported["observations"]
    assert {r["value"] for r in records if r["measure_id"] == "FEW_OF_MANY"} == {0.001}
