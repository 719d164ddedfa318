"""Storage behaviour an officer relies on, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.exc import IntegrityError

from scorecard.catalogue import Catalogue, parse_catalogue
from scorecard.errors import DatabaseUnavailable, NotFound, ScorecardError
from scorecard.periods import parse_period
from scorecard.records import (
    ActionItem,
    ActionStatus,
    Commentary,
    CommentaryKind,
    Observation,
    Submission,
)
from scorecard.storage import database
from scorecard.storage.store import AuditAction, Store, UploadStatus
from scorecard.symbols import Symbol
from tests.conftest import SMALL_CATALOGUE

Q1 = parse_period("2025/26 Q1")
Q2 = parse_period("2025/26 Q2")


@pytest.fixture
def store(database_url: str, small_catalogue: Catalogue) -> Store:
    store = Store.open(database_url)
    store.replace_catalogue(small_catalogue, actor="admin", file_name="c.toml", sha256="c" * 64)
    return store


def pep(period, value, n=None, d=None, note=None):  # type: ignore[no-untyped-def]
    return Observation("PEP", period, value=value, numerator=n, denominator=d, note=note)


def current_values(store: Store) -> dict[tuple[str, str, str], float | None]:
    frame = store.current_observations()
    return {
        (r.measure_id, r.period, r.breakdown): (None if r.value != r.value else r.value)
        for r in frame.itertuples()
    }


def test_catalogue_reads_back_as_it_was_stored(store: Store, small_catalogue: Catalogue) -> None:
    assert store.catalogue() == small_catalogue


def test_what_a_measure_counts_and_the_glossary_are_stored_with_the_catalogue(
    store: Store, small_catalogue: Catalogue
) -> None:
    data = small_catalogue.model_dump(mode="json")
    data["measures"][0]["counted"] = {"one": "care leaver", "many": "care leavers"}
    data["glossary"] = [
        {"term": "Staying Put", "meaning": "Living with foster carers after 18."},
        {"term": "Personal Education Plan", "meaning": "A plan for school.", "also": ["PEP"]},
    ]
    changed = parse_catalogue(data, "test catalogue")
    store.replace_catalogue(changed, actor="admin", file_name="c.toml", sha256="d" * 64)
    back = store.catalogue()
    assert back.measures[0].counted.word(2) == "care leavers"
    assert back.measures[1].counted.word(1) == "child"  # not said: children
    assert [(g.term, g.also) for g in back.glossary] == [
        ("Staying Put", ()),
        ("Personal Education Plan", ("PEP",)),
    ]
    # A later catalogue without a glossary leaves none behind.
    store.replace_catalogue(small_catalogue, actor="admin", file_name="c.toml", sha256="e" * 64)
    assert store.catalogue().glossary == ()


def test_uploaded_values_become_current(store: Store) -> None:
    store.commit(
        Submission([pep(Q1, 90.0, 45, 50), Observation("CLA_COUNT", Q1, value=120)]),
        actor="officer",
        file_name="q1.xlsx",
        sha256="1" * 64,
    )
    assert current_values(store) == {
        ("PEP", "2025/26 Q1", "All"): 90.0,
        ("CLA_COUNT", "2025/26 Q1", "All"): 120.0,
    }


def test_reupload_supersedes_but_keeps_the_earlier_value(store: Store) -> None:
    store.commit(Submission([pep(Q1, 90.0)]), actor="a", file_name="q1.xlsx", sha256="1" * 64)
    store.commit(
        Submission([pep(Q1, 92.0, note="corrected after audit")]),
        actor="b",
        file_name="q1-fix.xlsx",
        sha256="2" * 64,
    )
    assert current_values(store) == {("PEP", "2025/26 Q1", "All"): 92.0}
    history = store.observation_history("PEP")
    assert list(history["value"]) == [90.0, 92.0]
    assert list(history["file_name"]) == ["q1.xlsx", "q1-fix.xlsx"]


def test_rollback_restores_the_previous_version(store: Store) -> None:
    store.commit(Submission([pep(Q1, 90.0)]), actor="a", file_name="q1.xlsx", sha256="1" * 64)
    second = store.commit(
        Submission([pep(Q1, 92.0), pep(Q2, 93.0)]), actor="b", file_name="b.xlsx", sha256="2" * 64
    )
    store.rollback(second.upload.id, actor="b")
    assert current_values(store) == {("PEP", "2025/26 Q1", "All"): 90.0}
    statuses = {u.file_name: u.status for u in store.uploads()}
    assert statuses == {"q1.xlsx": UploadStatus.COMMITTED, "b.xlsx": UploadStatus.ROLLED_BACK}
    assert len(store.observation_history("PEP")) == 3  # nothing deleted


def test_rolling_back_twice_or_an_unknown_upload_is_refused(store: Store) -> None:
    first = store.commit(Submission([pep(Q1, 90.0)]), actor="a", file_name="a", sha256="1" * 64)
    store.rollback(first.upload.id, actor="a")
    with pytest.raises(ScorecardError, match="already been rolled back"):
        store.rollback(first.upload.id, actor="a")
    with pytest.raises(NotFound, match="no upload number 999"):
        store.rollback(999, actor="a")


def test_identical_file_changes_nothing_and_says_so(store: Store) -> None:
    first = store.commit(Submission([pep(Q1, 90.0)]), actor="a", file_name="a", sha256="1" * 64)
    again = store.commit(Submission([pep(Q1, 90.0)]), actor="a", file_name="a", sha256="1" * 64)
    assert again.changed_nothing
    assert again.identical_to == first.upload
    assert len(store.uploads()) == 1
    actions = [e.action for e in store.audit_log()]
    assert actions == [AuditAction.CATALOGUE, AuditAction.UPLOAD, AuditAction.IDENTICAL_UPLOAD]


def test_every_write_is_in_the_audit_log_with_who_and_file(store: Store) -> None:
    up = store.commit(
        Submission([pep(Q1, 90.0)]), actor="Ann", file_name="q1.xlsx", sha256="f" * 64
    )
    store.rollback(up.upload.id, actor="Bob")
    log = store.audit_log()
    assert [(e.actor, e.action, e.file_name) for e in log[1:]] == [
        ("Ann", "upload", "q1.xlsx"),
        ("Bob", "rollback", "q1.xlsx"),
    ]
    assert log[1].sha256 == "f" * 64


def test_a_failing_upload_writes_nothing_at_all(store: Store) -> None:
    broken = Submission([pep(Q1, 90.0), Observation("NO_SUCH_MEASURE", Q1, value=1)])
    with pytest.raises(IntegrityError):
        store.commit(broken, actor="a", file_name="bad.xlsx", sha256="9" * 64)
    assert store.uploads() == []
    assert current_values(store) == {}
    assert [e.action for e in store.audit_log()] == [AuditAction.CATALOGUE]


def test_a_large_upload_is_stored_whole_figure_by_figure(store: Store) -> None:
    # 50 years of quarters: 200 figures, more than the rows one INSERT statement carries and
    # not a whole number of statements, so the last partial statement is written too.
    quarters = [
        parse_period(f"{y}/{(y + 1) % 100:02d} Q{q}")
        for y in range(1976, 2026)
        for q in (1, 2, 3, 4)
    ]
    figures = []
    for number, quarter in enumerate(quarters):
        if number % 7 == 3:
            figures.append(Observation("PEP", quarter, symbol=Symbol.SUPPRESSED))
        else:
            # n out of 50 children, so each quarter's value is different and 2n.
            n = number % 51
            note = f"note for {quarter.label}" if number % 10 == 0 else None
            figures.append(pep(quarter, 2.0 * n, n, 50, note))
    store.commit(Submission(figures), actor="officer", file_name="history.xlsx", sha256="h" * 64)

    frame = store.current_observations()
    assert len(frame) == 200
    stored = {r.period: r for r in frame.itertuples()}
    first, q4_1976 = stored["1976/77 Q1"], stored["1976/77 Q4"]
    assert (first.value, first.numerator, first.denominator) == (0.0, 0, 50)
    assert first.note == "note for 1976/77 Q1"
    assert q4_1976.symbol is Symbol.SUPPRESSED and q4_1976.value != q4_1976.value
    # The last statement's rows: figure 190 (2023/24 Q3) has 190 % 51 = 37 children of 50 and
    # a note; figure 198 (2025/26 Q3) 45 of 50; figure 199 (2025/26 Q4) is suppressed.
    assert (stored["2023/24 Q3"].value, stored["2023/24 Q3"].note) == (74.0, "note for 2023/24 Q3")
    assert (stored["2025/26 Q3"].value, stored["2025/26 Q3"].numerator) == (90.0, 45)
    assert stored["2025/26 Q4"].symbol is Symbol.SUPPRESSED
    assert sum(r.symbol is Symbol.SUPPRESSED for r in frame.itertuples()) == 29  # 3, 10, …, 199


def test_symbol_is_stored_as_a_status_not_a_number(store: Store) -> None:
    store.commit(
        Submission([Observation("PEP", Q1, symbol=Symbol.SUPPRESSED)]),
        actor="a",
        file_name="a",
        sha256="1" * 64,
    )
    row = store.current_observations().iloc[0]
    assert row["symbol"] is Symbol.SUPPRESSED
    assert row["value"] != row["value"]  # NaN: no number, no sentinel


def test_commentary_for_a_period_comes_from_the_latest_upload(store: Store) -> None:
    def note(text: str) -> Commentary:
        return Commentary(Q1, 1, CommentaryKind.NARRATIVE, "PEPs", text)

    store.commit(
        Submission(commentary=[note("first draft")]), actor="a", file_name="1", sha256="1" * 64
    )
    store.commit(Submission(commentary=[note("final")]), actor="a", file_name="2", sha256="2" * 64)
    assert [c.text for c in store.commentary(Q1, 1)] == ["final"]
    assert store.commentary(Q2, 1) == []


def test_action_plan_carries_forward_until_a_newer_one_is_reported(store: Store) -> None:
    plan = ActionItem(
        Q1,
        1,
        "Train designated teachers",
        "Head of Virtual School",
        dt.date(2025, 9, 30),
        ActionStatus.ON_TRACK,
    )
    store.commit(Submission(actions=[plan]), actor="a", file_name="1", sha256="1" * 64)
    assert [a.action for a in store.actions(Q2, 1)] == ["Train designated teachers"]
    assert store.actions(parse_period("2024/25 Q4"), 1) == []


def test_catalogue_cannot_drop_a_measure_that_has_history(store: Store) -> None:
    store.commit(Submission([pep(Q1, 90.0)]), actor="a", file_name="1", sha256="1" * 64)
    smaller = dict(SMALL_CATALOGUE)
    smaller["measures"] = [m for m in SMALL_CATALOGUE["measures"] if m["id"] != "PEP"]
    smaller["pledge"] = []
    with pytest.raises(ScorecardError, match="PEP"):
        store.replace_catalogue(
            parse_catalogue(smaller, "t"), actor="admin", file_name="c2", sha256="d" * 64
        )
    assert store.catalogue().measure("PEP").target == 95


def test_data_version_grows_with_every_write(store: Store) -> None:
    before = store.data_version()
    store.commit(Submission([pep(Q1, 90.0)]), actor="a", file_name="1", sha256="1" * 64)
    assert store.data_version() > before


def test_an_upload_changes_the_data_version_but_not_the_reference_version(
    store: Store,
) -> None:
    # What pages key their caches on: figures on every write, comparisons with published
    # figures only when the catalogue (or an import of DfE's figures) changes.
    figures, reference = store.data_versions(AuditAction.CATALOGUE)
    store.commit(Submission([pep(Q1, 90.0)]), actor="a", file_name="1", sha256="1" * 64)
    after_upload = store.data_versions(AuditAction.CATALOGUE)
    assert after_upload[0] > figures
    assert after_upload[1] == reference
    store.replace_catalogue(
        parse_catalogue(SMALL_CATALOGUE, "t"), actor="admin", file_name="c2", sha256="f" * 64
    )
    after_catalogue = store.data_versions(AuditAction.CATALOGUE)
    assert after_catalogue[1] > reference
    assert after_catalogue == (store.data_version(), store.data_version(AuditAction.CATALOGUE))


def test_a_new_catalogue_can_change_a_measure_that_has_figures(store: Store) -> None:
    store.commit(Submission([pep(Q1, 90.0)]), actor="a", file_name="1", sha256="1" * 64)
    changed = dict(SMALL_CATALOGUE)
    changed["measures"] = [
        m | {"target": 97.0} if m["id"] == "PEP" else m for m in SMALL_CATALOGUE["measures"]
    ]
    store.replace_catalogue(
        parse_catalogue(changed, "t"), actor="admin", file_name="c2", sha256="e" * 64
    )
    assert store.catalogue().measure("PEP").target == 97.0
    assert current_values(store) == {("PEP", "2025/26 Q1", "All"): 90.0}


def test_a_page_asking_an_unreachable_database_for_its_version_gets_a_plain_message() -> None:
    # Every page run asks this first; a server that has gone away must give the message the
    # page shows, never the driver's text with the address and password in it.
    store = Store(database.create("postgresql+psycopg://scorecard:s3cret@127.0.0.1:1/scorecard"))
    with pytest.raises(DatabaseUnavailable) as refused:
        store.data_versions(AuditAction.CATALOGUE)
    assert "cannot be reached right now" in str(refused.value)
    assert "s3cret" not in str(refused.value) and "127.0.0.1" not in str(refused.value)
