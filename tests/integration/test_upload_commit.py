"""Committing an upload on SQLite and PostgreSQL: figures and catalogue changes in one
transaction, identical files recognised, corrections versioned and rolled back, everything
audited, and nothing written when anything fails."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import func, select

from scorecard.catalogue import Catalogue
from scorecard.errors import UploadRejected
from scorecard.periods import Period
from scorecard.storage import schema as t
from scorecard.storage.store import AuditAction, Store, UploadStatus
from scorecard.symbols import Symbol
from scorecard.upload import ingest
from scorecard.upload.preview import Change

TODAY = dt.date(2025, 2, 1)
Q3 = Period.quarter_of(2024, 3)


@pytest.fixture
def store(database_url: str, small_catalogue: Catalogue) -> Store:
    store = Store.open(database_url)
    store.replace_catalogue(small_catalogue, actor="admin", file_name="c.toml", sha256="c" * 64)
    return store


def workbook(store: Store, data: list[list[Any]], measures: dict[str, Any] | None = None) -> bytes:
    """The template for 2024/25 Q3 with ``data`` rows instead of the pre-filled ones and
    ``measures`` cells changed (``{"PEP target": 90}``)."""
    content = ingest.template_bytes(store, Q3)
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["Data"]
    sheet.delete_rows(2, sheet.max_row)
    for row in data:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even when it starts with "="
    listing = book["Measures"]
    header = [c.value for c in listing[1]]
    for key, value in (measures or {}).items():
        measure_id, column = key.split()
        row = next(r for r in listing.iter_rows(min_row=2) if r[0].value == measure_id)
        row[header.index(column)].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (t.uploads, t.observations, t.audit_log, t.measures, t.commentary)
        }


def current(store: Store) -> dict[tuple[str, str, str], Any]:
    frame = store.current_observations()
    return {
        (r.measure_id, r.period, r.breakdown): (None if pd.isna(r.value) else r.value)
        for r in frame.itertuples()
    }


def test_figures_and_a_catalogue_change_are_committed_together_and_audited(store: Store) -> None:
    content = workbook(store, [["PEP", "2024/25 Q3", None, 92.5, 74, 80]], {"PEP target": 90})
    checked = ingest.check(store, "q3.xlsx", content, today=TODAY)
    assert checked.is_valid, ingest.report(checked)
    assert checked.preview.summary() == (
        "Figures: 1 new, 0 changed, 0 unchanged; 1 change(s) to the catalogue."
    )
    result = ingest.commit(store, checked, actor="Ann Officer")
    assert store.catalogue().measure("PEP").target == 90
    assert current(store) == {("PEP", "2024/25 Q3", "All"): 92.5}
    log = store.audit_log()[-2:]
    assert [(e.action, e.actor, e.upload_id) for e in log] == [
        (AuditAction.CATALOGUE, "Ann Officer", result.upload.id),
        (AuditAction.UPLOAD, "Ann Officer", result.upload.id),
    ]
    assert "PEP target: 95.0% → 90.0%" in log[0].detail
    assert log[1].sha256 == checked.sha256 and log[1].file_name == "q3.xlsx"


def test_a_failure_while_storing_writes_neither_figures_nor_catalogue(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = workbook(store, [["PEP", "2024/25 Q3", None, 92.5, 74, 80]], {"PEP target": 90})
    checked = ingest.check(store, "q3.xlsx", content, today=TODAY)
    before = counts(store)

    def fail(*args: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(Store, "_insert_observations_quickly", fail)
    with pytest.raises(RuntimeError):
        ingest.commit(store, checked, actor="Ann Officer")
    assert counts(store) == before
    assert store.catalogue().measure("PEP").target == 95


def test_the_same_file_again_changes_nothing_and_says_so(store: Store) -> None:
    content = workbook(store, [["CLA_COUNT", "2024/25 Q3", None, 250]], {"PEP target": 90})
    first = ingest.commit(store, ingest.check(store, "a.xlsx", content, today=TODAY), actor="A")
    again = ingest.check(store, "a (1).xlsx", content, today=TODAY)
    assert again.identical_to == first.upload
    assert f"identical to upload {first.upload.id}" in ingest.report(again)
    before = counts(store)
    result = ingest.commit(store, again, actor="B")
    assert result.changed_nothing
    assert "nothing changed" in ingest.commit_message(result)
    after = counts(store)
    assert after == before | {"audit_log": before["audit_log"] + 1}
    assert store.audit_log()[-1].action == AuditAction.IDENTICAL_UPLOAD


def test_a_correction_supersedes_keeps_the_history_and_rolls_back(store: Store) -> None:
    first = workbook(store, [["PEP", "2024/25 Q3", None, 90, 36, 40, "first"]])
    ingest.commit(store, ingest.check(store, "q3.xlsx", first, today=TODAY), actor="A")
    corrected = workbook(store, [["PEP", "2024/25 Q3", None, 92.5, 37, 40, "first"]])
    checked = ingest.check(store, "q3 corrected.xlsx", corrected, today=TODAY)
    ((before, after),) = checked.preview.changed
    assert (before.value, after.value) == (90.0, 92.5)
    assert checked.preview.count(Change.NEW) == 0
    second = ingest.commit(store, checked, actor="A")
    assert current(store) == {("PEP", "2024/25 Q3", "All"): 92.5}
    assert len(store.observation_history("PEP")) == 2

    store.rollback(second.upload.id, actor="B")
    assert current(store) == {("PEP", "2024/25 Q3", "All"): 90.0}
    assert store.uploads()[0].status == UploadStatus.ROLLED_BACK
    assert len(store.observation_history("PEP")) == 2  # nothing deleted


def test_an_invalid_upload_is_refused_and_nothing_is_written(store: Store) -> None:
    content = workbook(
        store, [["PEP", "Q5 2024/25", None, 92.5], ["CLA_COUNT", "2024/25 Q3", None, 1]]
    )
    checked = ingest.check(store, "bad.xlsx", content, today=TODAY)
    before = counts(store)
    with pytest.raises(UploadRejected, match="1 problem"):
        ingest.commit(store, checked, actor="A")
    assert counts(store) == before


def test_figures_read_back_exactly_as_they_were_given(store: Store) -> None:
    rows = [
        ["PEP", "2024/25 Q3", None, 96.2, 25, 26, "Two moved school"],
        ["CLA_COUNT", "2024/25 Q3", None, "c", None, None, None],
        ["CLA_COUNT", "2024/25 Q3", "Under 1", 12, None, None, "=SUM(A1)"],
        ["CLA_COUNT", "2024/25 Q2", "1-4", "-", None, None, None],
    ]
    content = workbook(store, rows)
    ingest.commit(store, ingest.check(store, "q.xlsx", content, today=TODAY), actor="A")
    frame = store.current_observations().set_index(["measure_id", "period", "breakdown"])
    pep = frame.loc[("PEP", "2024/25 Q3", "All")]
    assert (pep.value, pep.numerator, pep.denominator) == (96.2, 25, 26)
    assert pep.note == "Two moved school"
    assert pep.period_end == dt.date(2024, 12, 31)
    suppressed = frame.loc[("CLA_COUNT", "2024/25 Q3", "All")]
    assert pd.isna(suppressed.value) and suppressed.symbol is Symbol.SUPPRESSED
    assert frame.loc[("CLA_COUNT", "2024/25 Q3", "Under 1")].note == "=SUM(A1)"
    assert pd.isna(frame.loc[("CLA_COUNT", "2024/25 Q2", "1-4")].value)


def _with_words(period: Period, commentary: int, actions: int) -> bytes:
    """A figure of PEP for ``period``, then ``commentary`` items for priority 2 and
    ``actions`` action-plan items for priority 1 (reported for ``period``, the figures'
    latest quarter)."""
    from scorecard.upload.issues import ACTIONS_COLUMNS, COMMENTARY_COLUMNS, DATA_COLUMNS

    book = openpyxl.Workbook()
    data = book.active
    data.title = "Data"
    data.append(list(DATA_COLUMNS))
    data.append(["PEP", period.label, None, 92.5, 37, 40])
    notes = book.create_sheet("Commentary")
    notes.append(list(COMMENTARY_COLUMNS))
    for n in range(commentary):
        notes.append([period.label, 2, "narrative", f"Title {n}", f"What we saw, part {n}."])
    plan = book.create_sheet("Actions")
    plan.append(list(ACTIONS_COLUMNS))
    for n in range(actions):
        plan.append([1, f"Action {n}", "Head of Service", None, "on track", "Started."])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_preview_counts_what_each_quarters_words_replace_read_ahead_or_when_asked(
    store: Store,
) -> None:
    # 2024/25 Q2 stored with 3 commentary items for priority 2 and a plan of 2 actions for
    # priority 1. On 1 February 2025 the quarter just ended is Q3 (its words are read while
    # the workbook is): a Q3 upload replaces no commentary (none stored for Q3) and the Q2
    # plan, carried forward to Q3 (2 items); a Q2 upload (read when asked) replaces both.
    q2 = Period.quarter_of(2024, 2)
    first = ingest.check(store, "q2.xlsx", _with_words(q2, 3, 2), today=TODAY)
    assert first.is_valid, ingest.report(first)
    ingest.commit(store, first, actor="officer")
    q3 = ingest.check(store, "q3.xlsx", _with_words(Q3, 1, 1), today=TODAY)
    assert q3.preview.qualitative == [
        "2024/25 Q3, priority 2: 1 commentary item(s)",
        "2024/25 Q3, priority 1: 1 action-plan item(s), replacing the 2 stored now",
    ]
    again = ingest.check(store, "q2-again.xlsx", _with_words(q2, 2, 1), today=TODAY)
    assert again.preview.qualitative == [
        "2024/25 Q2, priority 2: 2 commentary item(s), replacing the 3 stored now",
        "2024/25 Q2, priority 1: 1 action-plan item(s), replacing the 2 stored now",
    ]


@pytest.mark.parametrize(
    "today",
    [TODAY, dt.date(2025, 5, 1)],
    ids=["the quarter just ended is read ahead", "every quarter is asked for"],
)
def test_the_preview_weighs_each_figure_against_the_one_stored_for_its_own_quarter(
    store: Store, today: dt.date
) -> None:
    # Stored: Q1 to Q3. On 1 February 2025 the quarter just ended is Q3, whose figures are
    # read while the workbook is; Q2's are asked for once the upload is read. On 1 May 2025
    # none is read ahead. Either way each uploaded figure is new, changed or unchanged
    # against its own quarter's, a percentage without n / N at the stored value keeps the
    # stored n / N, and Q1 (not in the upload) counts for nothing; so too for the usual upload
    # of the quarter just ended alone.
    stored = [
        ["PEP", "2024/25 Q1", None, 50, 10, 20],
        ["PEP", "2024/25 Q2", None, 60, 12, 20],
        ["PEP", "2024/25 Q3", None, 70, 14, 20],
        ["CLA_COUNT", "2024/25 Q1", None, 240],
        ["CLA_COUNT", "2024/25 Q2", None, 245],
        ["CLA_COUNT", "2024/25 Q3", None, 250],
    ]
    first = ingest.check(store, "q1-q3.xlsx", workbook(store, stored), today=today)
    ingest.commit(store, first, actor="officer")
    upload = [
        ["PEP", "2024/25 Q2", None, 60],  # as stored, without n / N: keeps 12 / 20
        ["PEP", "2024/25 Q3", None, 75, 30, 40],  # changed
        ["CLA_COUNT", "2024/25 Q2", None, 245],  # unchanged
        ["CLA_COUNT", "2024/25 Q3", None, 3],  # changed, and a count from 1 to 5
        ["CLA_COUNT", "2024/25 Q3", "1-4", 2],  # new
    ]
    checked = ingest.check(store, "q2-q3.xlsx", workbook(store, upload), today=today)
    assert checked.is_valid, ingest.report(checked)
    preview = checked.preview
    assert [(o.measure_id, o.period.label, o.breakdown) for o in preview.new] == [
        ("CLA_COUNT", "2024/25 Q3", "1-4")
    ]
    assert [(b.value, o.measure_id, o.period.label, o.value) for b, o in preview.changed] == [
        (70.0, "PEP", "2024/25 Q3", 75.0),
        (250.0, "CLA_COUNT", "2024/25 Q3", 3.0),
    ]
    assert [(o.measure_id, o.period.label) for o in preview.unchanged] == [
        ("PEP", "2024/25 Q2"),
        ("CLA_COUNT", "2024/25 Q2"),
    ]
    assert [(k.observation.period.label, k.observation.numerator) for k in preview.kept] == [
        ("2024/25 Q2", 12)
    ]
    assert sorted((h.observation.breakdown, h.observation.value) for h in preview.hidden) == [
        ("1-4", 2.0),
        ("All", 3.0),
    ]
    # The usual upload: the quarter just ended alone.
    quarter = [row for row in upload if row[1] == "2024/25 Q3"] + [
        ["CLA_COUNT", "2024/25 Q3", "5-9", 1],  # new, and a count from 1 to 5
    ]
    checked = ingest.check(store, "q3.xlsx", workbook(store, quarter), today=today)
    assert checked.is_valid, ingest.report(checked)
    assert checked.preview.summary() == (
        "Figures: 2 new, 2 changed, 0 unchanged; 3 will be c in the published version."
    )
    assert [(b.value, o.value) for b, o in checked.preview.changed] == [(70.0, 75.0), (250.0, 3.0)]


def test_a_figure_the_database_refuses_is_an_error_of_the_database_and_nothing_is_saved(
    store: Store,
) -> None:
    # The figures go to the driver's own executemany; what it refuses (here a measure the
    # catalogue does not have, which validation never lets through) is raised as SQLAlchemy
    # raises it, so callers handle it as any other database error, and the transaction is
    # undone whole: no upload, no audit entry, no figure.
    from sqlalchemy.exc import IntegrityError

    from scorecard.records import Observation, Submission

    before = counts(store)
    figures = [Observation("PEP", Q3, value=90.0), Observation("NOT_A_MEASURE", Q3, value=1.0)]
    with pytest.raises(IntegrityError) as refused:
        store.commit_upload(
            Submission(observations=figures), actor="officer", file_name="x.xlsx", sha256="e" * 64
        )
    assert "SQL parameters hidden" in str(refused.value)  # 24,000 figures would be listed
    assert counts(store) == before


def test_figures_of_equal_periods_made_apart_are_all_saved(store: Store) -> None:
    # Found by a reviewer: the save looked each period up by object, from a list that kept
    # one of two equal periods made apart, and failed with a KeyError.
    from scorecard.records import Observation, Submission

    figures = [
        Observation("PEP", Period.quarter_of(2024, 1), value=50.0, numerator=5, denominator=10),
        Observation("CLA_COUNT", Period.quarter_of(2024, 1), value=12.0),
    ]
    store.commit(Submission(observations=figures), actor="officer", file_name="x", sha256="f" * 64)
    assert current(store) == {
        ("PEP", "2024/25 Q1", "All"): 50.0,
        ("CLA_COUNT", "2024/25 Q1", "All"): 12.0,
    }


def test_a_scorecard_sheet_beside_the_data_sheet_is_saved_whole(store: Store) -> None:
    # A wide sheet reads its periods from its own headings (objects of its own), here the
    # same quarter as the Data sheet's last figure: both figures are saved.
    from scorecard.upload.issues import DATA_COLUMNS

    book = openpyxl.Workbook()
    data = book.active
    data.title = "Data"
    data.append(list(DATA_COLUMNS))
    data.append(["PEP", "2024/25 Q3", None, 50, 5, 10])
    scorecard = book.create_sheet("Scorecard")
    scorecard.append(["Measure", "2024/25 Q3"])
    scorecard.append(["CLA_COUNT", 12])
    out = io.BytesIO()
    book.save(out)
    checked = ingest.check(store, "both.xlsx", out.getvalue(), today=TODAY)
    assert checked.is_valid, ingest.report(checked)
    ingest.commit(store, checked, actor="officer")
    assert current(store) == {
        ("PEP", "2024/25 Q3", "All"): 50.0,
        ("CLA_COUNT", "2024/25 Q3", "All"): 12.0,
    }
