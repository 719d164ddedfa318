"""Issue 12's rate route, end to end: a rate per 10,000 (children in care per 10,000 under-18s)
is published while the count it is a rate of is hidden; with ONS's population the count comes
back. Through the officer's template and ``ingest``, then ``export --public`` and the Published
version page. The demo catalogue declares ``rate_of = "CLA_COUNT"`` on CLA_RATE.

Made-up figures for 2019/20 Q4 (before the demo's data): 47 children in care by placement,
foster 30, homes 10, with parents 3, other 4; then a correction (parents 0: 44 children).
ONS's population here is 25,000 children, so 47 is 18.8 and 44 is 17.6 per 10,000.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scorecard.cli import main
from scorecard.startup import init_demo
from scorecard.storage.store import Store
from tests.app.conftest import app_on
from tests.app.test_pages import open_page, texts
from tests.app.test_public_page import figures

QUARTER = "2019/20 Q4"
PLACES = ["Foster care", "Children's homes", "Placed with parents", "Other"]
AGES = ["Under 1", "1-4", "5-9", "10-15", "16+"]
POPULATION = 25_000.0
HIDDEN = "c (suppressed to protect confidentiality)"


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    init_demo(Store.open(url))
    return url


def upload(db: str, tmp_path: Path, name: str, figures: dict[tuple[str, str], tuple]) -> None:
    """Fill these (value, numerator, denominator) into the quarter's template and ingest it."""
    template = tmp_path / name
    assert main(["--db", db, "template", str(template), "--period", QUARTER]) == 0
    workbook = load_workbook(template)
    sheet = workbook["Data"]
    header = [c.value for c in sheet[1]]
    place = {n: header.index(n) + 1 for n in ("measure_id", "breakdown", "value")}
    sides = [header.index(n) + 1 for n in ("numerator", "denominator")]
    for row in range(2, sheet.max_row + 1):
        measure = sheet.cell(row, place["measure_id"]).value
        key = (measure, sheet.cell(row, place["breakdown"]).value or "All")
        if key in figures:
            value, *given = figures[key]
            sheet.cell(row, place["value"]).value = value
            for column, number in zip(sides, given, strict=False):
                sheet.cell(row, column).value = number
    workbook.save(template)
    assert main(["--db", db, "ingest", str(template), "--user", "Ann Officer"]) == 0


def public(db: str, tmp_path: Path) -> dict[tuple[str, str], object]:
    out = tmp_path / "public.json"
    assert main(["--db", db, "export", str(out), "--public", "--period", QUARTER]) == 0
    rows = json.loads(out.read_text())["observations"]
    return {
        (r["measure_id"], r["breakdown"]): r["symbol"] or r["value"]
        for r in rows
        if r["period"] == QUARTER
    }


def children(total: float, parents: float) -> dict[tuple[str, str], tuple]:
    places = dict(zip(PLACES, [30.0, 10.0, parents, 4.0], strict=True))
    ages = dict(zip(AGES, [0.0, 6.0, 9.0, 12.0, total - 27.0], strict=True))
    return (
        {("CLA_BY_PLACEMENT", b): (v,) for b, v in places.items()}
        | {("CLA_COUNT", "All"): (total,)}
        | {("CLA_COUNT", b): (v,) for b, v in ages.items()}
        | {("CLA_RATE", "All"): (round(total / POPULATION * 10_000, 1), total, POPULATION)}
    )


def test_a_rate_is_hidden_with_the_total_a_correction_hid(db: str, tmp_path: Path) -> None:
    upload(db, tmp_path, "first.xlsx", children(47.0, 3.0))
    first = public(db, tmp_path)
    assert first[("CLA_COUNT", "All")] == 47.0 and first[("CLA_RATE", "All")] == 18.8

    upload(db, tmp_path, "correction.xlsx", children(44.0, 0.0))
    second = public(db, tmp_path)

    # Placements changed with a c in them: hidden whole, and so is the total they share.
    assert {second[("CLA_BY_PLACEMENT", b)] for b in PLACES} == {"c"}
    assert second[("CLA_COUNT", "All")] == "c"
    # The attack: 17.6 per 10,000 of ONS's 25,000 is 44 children, and 47 - 44 = 3 with
    # parents, the one figure corrected. The rate goes with the count it is a rate of.
    assert second[("CLA_RATE", "All")] == "c"


def test_a_rate_of_a_small_count_is_hidden_without_the_count_uploaded(
    db: str, tmp_path: Path
) -> None:
    # Only the rate, with its population: 1.2 per 10,000 of 25,000 is 3 children.
    upload(db, tmp_path, "rate.xlsx", {("CLA_RATE", "All"): (1.2, None, POPULATION)})
    assert public(db, tmp_path)[("CLA_RATE", "All")] == "c"


def test_the_published_page_hides_the_rate_with_the_total(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upload(db, tmp_path, "first.xlsx", children(47.0, 3.0))
    public(db, tmp_path)
    upload(db, tmp_path, "correction.xlsx", children(44.0, 0.0))

    app = open_page(app_on(db, monkeypatch), "public", period=QUARTER)

    care = figures(app, 1)
    assert care["Children in care"]["Figure"] == HIDDEN
    assert care["Children in care per 10,000 children"]["Figure"] == HIDDEN
    assert "17.6" not in texts(app)


def test_an_age_group_left_out_of_the_template_is_not_given_away(db: str, tmp_path: Path) -> None:
    # The officer fills in 47 children in care and four age groups (44), leaving Under 1
    # blank. Published as they are, 47 - 44 = 3 under 1: the other age groups go, as
    # beside an x.
    ages = dict(zip(AGES[1:], [6.0, 9.0, 12.0, 17.0], strict=True))
    figures = {("CLA_COUNT", "All"): (47.0,)} | {("CLA_COUNT", b): (v,) for b, v in ages.items()}
    upload(db, tmp_path, "blank.xlsx", figures)
    shown = public(db, tmp_path)
    assert shown[("CLA_COUNT", "All")] == 47.0
    assert [shown[("CLA_COUNT", b)] for b in AGES[1:]] == ["c"] * 4
    assert ("CLA_COUNT", "Under 1") not in shown


def test_a_rate_does_not_give_back_a_total_left_blank(db: str, tmp_path: Path) -> None:
    # The total left blank, Under 1 3 (c) and the rest shown: 18.8 per 10,000 of ONS's
    # 25,000 is 47 in care, and 47 - (6 + 9 + 12 + 17) = 3. The rate goes.
    ages = dict(zip(AGES, [3.0, 6.0, 9.0, 12.0, 17.0], strict=True))
    figures = {("CLA_COUNT", b): (v,) for b, v in ages.items()}
    upload(db, tmp_path, "rate.xlsx", figures | {("CLA_RATE", "All"): (18.8, 47.0, POPULATION)})
    shown = public(db, tmp_path)
    assert shown[("CLA_COUNT", "Under 1")] == "c"
    assert shown[("CLA_RATE", "All")] == "c"


def test_a_correction_of_placements_without_their_own_total_is_hidden_whole(
    db: str, tmp_path: Path
) -> None:
    # First: 39 in care (ages 0, 6, 9, 15, 9); placements without a total of their own, 26,
    # 6, 6 and 1: published c, 6, 6, c. Corrected: 43 (16+ 13) and Other 5, still c, 6, 6,
    # c. Foster and other were 27, now 31: a reader who guesses that only Other changed has
    # 1 then 5. The placements' view now holds the total they share, so the correction
    # changed a table with a c in it: hidden whole, and the total with it.
    def figures(total: float, sixteen: float, other: float) -> dict[tuple[str, str], tuple]:
        ages = dict(zip(AGES, [0.0, 6.0, 9.0, 15.0, sixteen], strict=True))
        places = dict(zip(PLACES, [26.0, 6.0, 6.0, other], strict=True))
        return (
            {("CLA_COUNT", "All"): (total,)}
            | {("CLA_COUNT", b): (v,) for b, v in ages.items()}
            | {("CLA_BY_PLACEMENT", b): (v,) for b, v in places.items()}
        )

    upload(db, tmp_path, "first.xlsx", figures(39.0, 9.0, 1.0))
    first = public(db, tmp_path)
    assert [first[("CLA_BY_PLACEMENT", p)] for p in PLACES] == ["c", 6.0, 6.0, "c"]
    upload(db, tmp_path, "correction.xlsx", figures(43.0, 13.0, 5.0))
    second = public(db, tmp_path)
    assert {second[("CLA_BY_PLACEMENT", p)] for p in PLACES} == {"c"}
    assert second[("CLA_COUNT", "All")] == "c"
