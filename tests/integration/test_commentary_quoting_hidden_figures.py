"""Commentary may not say again, in words, a figure the published table hides (found by
attacking the published version: an approved narrative quoted 91.5% in suitable accommodation
and 95.7% in touch, both c in the table, beside "(21 of 47)"; 43 and 45 of 47, so 4 and 2
care leavers).

Demonstration figures for 2026/27 Q2, read by hand: staying put (priority 5) is 41.7%, 5 of
12 young people, so the table hides it (its n is 5). A sentence that quotes 41.7% and gives no
group's size passes the small-number words check, but DfE publishes how many turned 18 in
foster care, and 41.7% of 12 is 5. Placement stability (priority 1's "3 or more placements")
is published, so quoting its figure is fine.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from scorecard.cli import main
from scorecard.disclosure import text_key
from scorecard.periods import parse_period
from scorecard.records import Commentary, CommentaryKind, Submission
from scorecard.small_numbers import SmallNumberInCommentary
from scorecard.storage.store import Store
from tests.integration.test_small_numbers_published import approve_in_the_database

QUARTER = parse_period("2026/27 Q2")
STAYING_PUT = Commentary(
    QUARTER,
    5,
    CommentaryKind.ACHIEVEMENT,
    "Staying put",
    "41.7% of young people who turned 18 in foster care stayed with their carers.",
)
ROUNDED = Commentary(
    QUARTER,
    5,
    CommentaryKind.CONCERN,
    "Staying put, rounded",
    "Only 42 per cent stayed with their foster carers after 18.",
)
CLEAN = Commentary(
    QUARTER,
    5,
    CommentaryKind.VOICE_OF_THE_CHILD,
    "Leaving care",
    "Care leavers told us the pathway plan meetings are better when they choose the place.",
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('quoting') / 'demo.db'}"
    assert main(["--db", url, "init-demo"]) == 0
    store = Store.open(url)
    store.commit(
        Submission(commentary=[STAYING_PUT, ROUNDED, CLEAN]),
        actor="officer",
        file_name="commentary.xlsx",
        sha256="q" * 64,
    )
    for item in (STAYING_PUT, ROUNDED, CLEAN):  # approved before this check existed
        approve_in_the_database(store, item)
    return url


def test_the_table_hides_staying_put(db: str, tmp_path: Path) -> None:
    # The premise, from the public CSV: the figure the words quote is c there.
    out = tmp_path / "public.csv"
    assert main(["--db", db, "export", str(out), "--period", "2026/27 Q2", "--public"]) == 0
    with out.open(newline="", encoding="utf-8-sig") as handle:
        rows = [r for r in csv.DictReader(handle) if r["measure_id"] == "STAYING_PUT"]
    assert [(r["value"], r["symbol"]) for r in rows if r["period"] == "2026/27 Q2"] == [("", "c")]


def test_the_static_site_leaves_out_commentary_quoting_it(db: str, tmp_path: Path) -> None:
    assert main(["--db", db, "publish", str(tmp_path / "site")]) == 0
    page = (tmp_path / "site" / "priority-5.html").read_text("utf-8")
    assert "Care leavers told us the pathway plan meetings" in page  # approved, published
    assert "41.7" not in page and "42 per cent" not in page
    everything = "".join(p.read_text("utf-8") for p in (tmp_path / "site").iterdir())
    assert "stayed with their carers" not in everything


def test_the_public_pack_leaves_it_out_and_the_panels_keeps_it(db: str, tmp_path: Path) -> None:
    public, panel = tmp_path / "public.pdf", tmp_path / "panel.pdf"
    assert main(["--db", db, "export", str(public), "--period", "2026/27 Q2", "--public"]) == 0
    assert main(["--db", db, "export", str(panel), "--period", "2026/27 Q2"]) == 0

    def words(path: Path) -> str:
        return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(path).pages))

    assert "41.7%" not in words(public) and "Leaving care" in words(public)
    assert "41.7% of young people who turned 18" in words(panel)


def ticked_on_the_demo(tmp_path: Path, item: Commentary) -> tuple[Store, str]:
    """The demo with ``item`` uploaded, and why an officer ticking it is refused."""
    from scorecard import disclosure

    store = Store.open(f"sqlite:///{tmp_path / 'demo.db'}")
    assert main(["--db", str(store.engine.url), "init-demo"]) == 0
    store.commit(Submission(commentary=[item]), actor="o", file_name="c.xlsx", sha256="r" * 64)
    observations = store.current_observations()
    shown = disclosure.publishable(store.catalogue(), observations, 5)
    hidden = disclosure.hidden_figures(store.catalogue(), observations, shown, QUARTER)
    with pytest.raises(SmallNumberInCommentary) as refused:
        store.set_publication({text_key(item): item}, [], actor="Ann", threshold=5, hidden=hidden)
    assert store.publication_approvals() == set()
    return store, str(refused.value)


def test_an_officer_cannot_tick_it_and_is_told_why(tmp_path: Path) -> None:
    _, why = ticked_on_the_demo(tmp_path, STAYING_PUT)
    # 41.7% (5 of 12) was hidden in 2024/25 Q4 too: the officer is told of the latest.
    assert (
        "“41.7%” is a figure the published version hides (it shows c for Young people staying "
        "put with their foster carers after 18, 2026/27 Q2)"
    ) in why


def test_every_figure_hidden_up_to_the_quarter_counts_and_is_named(db: str) -> None:
    # Made by hand: every figure below is c in the public table. Commentary for 2026/27 Q2 may
    # quote any of them ("in April to June 2025 it was 7.7%"), the results of an academic year
    # that ended before it too, however long ago; not a quarter after it (not yet published).
    from scorecard import disclosure
    from scorecard.small_numbers import HiddenFigure

    rows = [
        ("NEET_16_18", "2026/27 Q1", "2026-06-30", 5.0),
        ("NEET_16_18", "2025/26 Q4", "2026-03-31", 9.9),
        ("NEET_16_18", "2025/26 Q2", "2025-09-30", 7.7),
        ("NEET_16_18", "2026/27 Q3", "2026-12-31", 6.1),
        ("KS4_ENG_MATHS", "2025/26 AY", "2026-08-31", 12.8),
        ("KS4_ENG_MATHS", "2021/22 AY", "2022-08-31", 11.1),
    ]
    observations = pd.DataFrame(
        [
            {"measure_id": m, "period": p, "period_end": dt.date.fromisoformat(e),
             "breakdown": "All", "value": v, "symbol": None}
            for m, p, e, v in rows
        ]
    )  # fmt: skip
    public = observations.assign(value=None, symbol="c")
    catalogue = Store.open(db).catalogue()
    priority = {m.id: m.priority for m in catalogue.measures}
    found = disclosure.hidden_figures(catalogue, observations, public, QUARTER)
    assert found == {
        HiddenFigure(5.0, True, priority["NEET_16_18"]),
        HiddenFigure(9.9, True, priority["NEET_16_18"]),
        HiddenFigure(7.7, True, priority["NEET_16_18"]),
        HiddenFigure(12.8, True, priority["KS4_ENG_MATHS"]),
        HiddenFigure(11.1, True, priority["KS4_ENG_MATHS"]),
    }
    name = {m.id: m.name for m in catalogue.measures}
    assert {h.named for h in found if h.value == 7.7} == {f"{name['NEET_16_18']}, 2025/26 Q2"}


def test_a_figure_hidden_five_quarters_back_cannot_be_quoted(tmp_path: Path) -> None:
    # The attack, on the demonstration figures read by hand: in 2025/26 Q1 we were in touch
    # with 48 of 50 care leavers aged 19 to 21, 96.0%, which that quarter's published table
    # shows as c; the same table shows 56.0% of them in education, employment or training,
    # which only 28 of 50 gives. A 2026/27 Q2 narrative recalling 96.0% publishes the 2.
    recalled = Commentary(
        QUARTER,
        5,
        CommentaryKind.NARRATIVE,
        "Looking back",
        "We were in touch with 96.0% of care leavers aged 19 to 21 in April to June 2025.",
    )
    store, why = ticked_on_the_demo(tmp_path, recalled)
    assert (
        "“96.0%” is a figure the published version hides (it shows c for Care leavers aged 19 "
        "to 21 we are in touch with, 2025/26 Q1)"
    ) in why
    # Approved straight into the database, it is still not published.
    approve_in_the_database(store, recalled)
    site = tmp_path / "site"
    assert (
        main(["--db", str(store.engine.url), "publish", str(site), "--period", "2026/27 Q2"]) == 0
    )
    pages = "".join(p.read_text("utf-8") for p in site.rglob("*.html"))
    assert "Looking back" not in pages and "96.0%" not in pages
