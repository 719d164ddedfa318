"""Commentary with a small number is never approved and never published, whichever way it
was approved: the store refuses it, and every public output drops an approval given before
the check existed.

Demonstration commentary for 2026/27 Q2, read by hand: priority 2's narrative says "6.5% of
16 to 18 year olds (4 of 62) were not in education, employment or training", and priority
3's "Out of hours" (You said, we did) has no count of children ("aged 11 and over").
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import insert

from scorecard.cli import main
from scorecard.disclosure import text_key
from scorecard.periods import parse_period
from scorecard.records import Commentary, CommentaryKind
from scorecard.small_numbers import SmallNumberInCommentary
from scorecard.storage import schema as t
from scorecard.storage.store import Store

QUARTER = parse_period("2026/27 Q2")
OUT_OF_HOURS = "You want to know who to call out of hours"


def narrative(store: Store, priority: int) -> Commentary:
    [item] = [c for c in store.commentary(QUARTER, priority) if c.kind is CommentaryKind.NARRATIVE]
    return item


def out_of_hours(store: Store) -> Commentary:
    [item] = [c for c in store.commentary(QUARTER, 3) if c.title == "Out of hours"]
    return item


def approve_in_the_database(store: Store, item: Commentary) -> None:
    """An approval written as before this check existed: straight into the table."""
    with store.engine.begin() as conn:
        conn.execute(
            insert(t.publication_approvals).values(
                text_key=text_key(item),
                period=item.period.label,
                priority=item.priority,
                kind=item.kind.value,
                title=item.title,
                approved_by="an officer, last year",
                approved_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC),
            )
        )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('small') / 'demo.db'}"
    assert main(["--db", url, "init-demo"]) == 0
    store = Store.open(url)
    assert "(4 of 62)" in narrative(store, 2).text
    approve_in_the_database(store, narrative(store, 2))
    approve_in_the_database(store, out_of_hours(store))
    return url


def test_the_store_refuses_to_approve_commentary_with_4_of_62_and_saves_nothing(
    tmp_path: Path,
) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'demo.db'}")
    assert main(["--db", str(store.engine.url), "init-demo"]) == 0
    neet, clean = narrative(store, 2), out_of_hours(store)
    with pytest.raises(SmallNumberInCommentary) as refused:
        store.set_publication(
            {text_key(clean): clean, text_key(neet): neet}, [], actor="Ann", threshold=5
        )
    assert "“4 of 62” is a count out of a group, from 1 to 5" in str(refused.value)
    assert store.publication_approvals() == set()


def test_the_store_refuses_an_approval_whose_fingerprint_is_another_texts(
    tmp_path: Path,
) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'demo.db'}")
    assert main(["--db", str(store.engine.url), "init-demo"]) == 0
    neet, clean = narrative(store, 2), out_of_hours(store)
    with pytest.raises(ValueError, match="not the fingerprint"):
        store.set_publication({text_key(neet): clean}, [], actor="Ann", threshold=5)
    assert store.publication_approvals() == set()


def test_the_store_refuses_at_the_configured_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'demo.db'}")
    assert main(["--db", str(store.engine.url), "init-demo"]) == 0
    # Priority 5's achievement: "9 care leavers are in apprenticeships": published at 5,
    # refused once the council hides counts up to 10.
    [nine] = [c for c in store.commentary(QUARTER, 5) if c.title == "Apprenticeships"]
    monkeypatch.setenv("SCORECARD_SUPPRESSION_THRESHOLD", "10")
    with pytest.raises(SmallNumberInCommentary):
        store.set_publication({text_key(nine): nine}, [], actor="Ann")
    monkeypatch.setenv("SCORECARD_SUPPRESSION_THRESHOLD", "5")
    store.set_publication({text_key(nine): nine}, [], actor="Ann")
    assert store.publication_approvals() == {text_key(nine)}


def pdf_words(path: Path) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(path).pages))


def test_an_old_approval_of_4_of_62_never_reaches_the_public_pack(db: str, tmp_path: Path) -> None:
    out = tmp_path / "public.pdf"
    assert main(["--db", db, "export", str(out), "--period", "2026/27 Q2", "--public"]) == 0
    text = pdf_words(out)
    assert OUT_OF_HOURS.lower() in text.lower()  # the other approval is published
    assert "4 of 62" not in text
    assert "not in education, employment or training (last quarter" not in text


def test_the_panels_pack_still_has_the_narrative(db: str, tmp_path: Path) -> None:
    out = tmp_path / "panel.pdf"
    assert main(["--db", db, "export", str(out), "--period", "2026/27 Q2"]) == 0
    assert "(4 of 62)" in pdf_words(out)
