"""A re-upload without n / N keeps the stored ones when the value is unchanged, and the preview
lists the figures the published version will hide and why (SQLite and PostgreSQL).

The route of issue 12: a council stores PEP 44.7% (21 of 47) and a Q2 figure of 38.5% (5 of
13, hidden in public because 5 children is from 1 to the threshold). An officer then uploads
their own wide sheet with the percentages only. Before, the stored n / N were dropped and the
Q2 figure, now without n / N, was published as 38.5%.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from scorecard.catalogue import Catalogue, load_catalogue
from scorecard.disclosure import publishable
from scorecard.storage.store import Store
from scorecard.upload import ingest
from scorecard.upload.preview import Change
from tests.integration.test_upload_commit import TODAY, workbook


@pytest.fixture
def store(database_url: str, small_catalogue: Catalogue) -> Store:
    store = Store.open(database_url)
    store.replace_catalogue(small_catalogue, actor="admin", file_name="c.toml", sha256="c" * 64)
    return store


def wide(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Scorecard"
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def saved(store: Store, name: str, content: bytes) -> tuple[ingest.Checked, int]:
    checked = ingest.check(store, name, content, today=TODAY)
    assert checked.is_valid, [str(i) for i in checked.validation.blocking]
    return checked, ingest.commit(store, checked, actor="officer").upload.id


def current(store: Store) -> dict[tuple[str, str], tuple[Any, ...]]:
    frame = store.current_observations()
    return {
        (r.measure_id, r.period): (r.value, r.numerator, r.denominator)
        for r in frame.itertuples()
        if r.breakdown == "All"
    }


def with_cohorts(store: Store) -> int:
    _, upload_id = saved(
        store,
        "template.xlsx",
        workbook(
            store,
            [
                ["PEP", "2024/25 Q3", None, 44.7, 21, 47],
                ["PEP", "2024/25 Q2", None, 38.5, 5, 13],
            ],
        ),
    )
    return upload_id


def test_a_sheet_of_percentages_only_keeps_the_stored_n_and_N_and_says_from_which_upload(
    store: Store,
) -> None:
    first = with_cohorts(store)
    checked, _ = saved(
        store,
        "officers-own.xlsx",
        wide([["Measure", "2024/25 Q2", "2024/25 Q3"], ["PEP", 38.5, 44.7]]),
    )
    p = checked.preview
    # Same values as stored, with the same n / N: nothing changes.
    assert (p.count(Change.NEW), p.count(Change.CHANGED), p.count(Change.UNCHANGED)) == (0, 0, 2)
    assert [(k.observation.period.label, k.upload_id) for k in p.kept] == [
        ("2024/25 Q2", first),
        ("2024/25 Q3", first),
    ]
    rows = {r["Period"]: r["In this upload"] for r in p.rows(checked.catalogue)}
    assert rows["2024/25 Q3"] == f"44.7% (21 of 47) (n / N kept from upload {first})"
    report = ingest.report(checked)
    assert f"n / N kept from upload {first}: PEP, 2024/25 Q3, All: 44.7% (21 of 47)" in report
    # Q2 is still hidden in public, for the reason it was before.
    assert [(h.observation.period.label, h.reason) for h in p.hidden] == [
        ("2024/25 Q2", "its n or N is from 1 to 5")
    ]
    assert "c in the published version: PEP, 2024/25 Q2, All: 38.5% (5 of 13): its n or N " in (
        report
    )
    assert current(store) == {
        ("PEP", "2024/25 Q2"): (38.5, 5.0, 13.0),
        ("PEP", "2024/25 Q3"): (44.7, 21.0, 47.0),
    }
    public = publishable(store.catalogue(), store.current_observations(), threshold=5)
    q2 = public[public["period"] == "2024/25 Q2"].iloc[0]
    assert q2["symbol"] == "c" and q2["value"] != q2["value"]  # c, and no number


def test_the_value_as_shown_decides_whether_n_and_N_are_kept(store: Store) -> None:
    first = with_cohorts(store)
    # 44.74 shows as 44.7 at PEP's one decimal place: kept. 38.6 is a new value: not kept.
    checked = ingest.check(
        store,
        "officers-own.xlsx",
        wide([["Measure", "2024/25 Q2", "2024/25 Q3"], ["PEP", 38.6, 44.74]]),
        today=TODAY,
    )
    p = checked.preview
    assert [(k.observation.period.label, k.upload_id) for k in p.kept] == [("2024/25 Q3", first)]
    saved_figures = {
        o.period.label: (o.value, o.numerator, o.denominator)
        for o in checked.validation.submission.observations
    }
    assert saved_figures == {"2024/25 Q2": (38.6, None, None), "2024/25 Q3": (44.74, 21.0, 47.0)}
    # The changed figure has no n / N: the preview warns that the public version hides it.
    assert [(h.observation.period.label, h.reason) for h in p.hidden] == [
        (
            "2024/25 Q2",
            "no n / N: a percentage is published only when both are known (give n and N, or "
            "the value stored now to keep its n / N)",
        )
    ]
    assert "1 will be c in the published version" in p.summary()


def test_small_counts_and_the_parts_hidden_with_them_are_listed(store: Store) -> None:
    checked = ingest.check(
        store,
        "counts.xlsx",
        workbook(
            store,
            [
                ["CLA_COUNT", "2024/25 Q3", None, 30],
                ["CLA_COUNT", "2024/25 Q3", "Under 1", 3],
                ["CLA_COUNT", "2024/25 Q3", "1-4", 10],
                ["CLA_COUNT", "2024/25 Q3", "5-9", 8],
                ["CLA_COUNT", "2024/25 Q3", "10-15", 9],
                ["CLA_COUNT", "2024/25 Q3", "16+", 0],
            ],
        ),
        today=TODAY,
    )
    hidden = {h.observation.breakdown: h.reason for h in checked.preview.hidden}
    assert hidden.pop("Under 1") == "a count from 1 to 5"
    # One hidden part of 30 could be worked out by subtraction, so at least one more is hidden
    # (which one is disclosure control's choice), each for that reason; zero is never hidden.
    assert hidden and "16+" not in hidden
    assert set(hidden.values()) == {
        "hidden as well, so that a hidden figure cannot be worked out from the total and the "
        "other parts"
    }
    lines = checked.preview.lines(checked.catalogue)
    assert (
        "  c in the published version: CLA_COUNT, 2024/25 Q3, Under 1: 3: a count from 1 to 5"
        in lines
    )


def test_a_percentage_crafted_so_near_0_that_no_cohort_fits_is_saved_and_published_hidden(
    store: Store,
) -> None:
    # The attack: a workbook's value cell holds 1E-310 (Excel never writes it; a crafted file
    # can), with 5 in the numerator and no denominator. Validation warns (it looks like a
    # fraction) and lets it through; the cohort a reader would work out, 5 / 1e-312, is beyond
    # any number. The preview says it will be c, and the published version hides it rather
    # than fail (it raised OverflowError, taking the Published version page with it).
    checked, _ = saved(
        store, "crafted.xlsx", workbook(store, [["PEP", "2024/25 Q3", None, 1e-310, 5]])
    )
    assert [(h.observation.measure_id, h.reason) for h in checked.preview.hidden] == [
        (
            "PEP",
            "no n / N: a percentage is published only when both are known (give n and N, "
            "or the value stored now to keep its n / N)",
        )
    ]
    public = publishable(store.catalogue(), store.current_observations(), threshold=5)
    assert public["symbol"].tolist() == ["c"] and public["value"].isna().all()


def test_a_shared_total_stored_for_another_quarter_is_weighed_in_the_preview(
    database_url: str,
) -> None:
    # The demonstration's catalogue: CLA_BY_PLACEMENT shares its total with CLA_COUNT. Stored:
    # CLA_COUNT 2024/25 Q2 is 40. On 1 February 2025 the quarter read ahead is Q3, so Q2's
    # stored figures are asked for once the upload is read, CLA_COUNT's among them though the
    # upload has none. The upload gives Q2's placements without a total: foster care 30,
    # children's homes 3, placed with parents 7. With the shared total, 40 - 30 - 7 gives the
    # 3 back, so more than the 3 is hidden; the preview lists what the published version hides.
    store = Store.open(database_url)
    catalogue = load_catalogue(Path(__file__).resolve().parents[2] / "data" / "catalogue.toml")
    store.replace_catalogue(catalogue, actor="admin", file_name="c.toml", sha256="d" * 64)
    saved(store, "count.xlsx", workbook(store, [["CLA_COUNT", "2024/25 Q2", None, 40]]))
    placements = [
        ["CLA_BY_PLACEMENT", "2024/25 Q2", "Foster care", 30],
        ["CLA_BY_PLACEMENT", "2024/25 Q2", "Children's homes", 3],
        ["CLA_BY_PLACEMENT", "2024/25 Q2", "Placed with parents", 7],
    ]
    checked, _ = saved(store, "placements.xlsx", workbook(store, placements))
    listed = {h.observation.breakdown for h in checked.preview.hidden}
    public = publishable(store.catalogue(), store.current_observations(), threshold=5)
    hidden = set(
        public[(public["measure_id"] == "CLA_BY_PLACEMENT") & (public["symbol"] == "c")][
            "breakdown"
        ]
    )
    assert {"Children's homes", "Placed with parents"} <= hidden
    assert listed == hidden
