"""The officers' Upload page through AppTest: template, check, preview, save, roll back.

Each test has a database of its own: the small test catalogue with figures for the quarter
before last (EARLIER), so the template offers the last quarter that has ended (LAST).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
import time_machine
from streamlit.testing.v1 import AppTest

from scorecard.catalogue import parse_catalogue
from scorecard.periods import Period
from scorecard.records import Observation, Submission
from scorecard.storage.store import AuditAction, Store, UploadStatus
from tests.app.conftest import app_on
from tests.app.pickers import choices, open_fold, picker_label
from tests.conftest import SMALL_CATALOGUE
from tests.html_reading import table_with
from tests.unit.test_upload_reader import FAR_CELL, HEADER_ROW, hand_made_xlsx
from ui.navigation import PAGES

LAST = Period.containing(dt.date.today()).previous()
EARLIER = LAST.previous()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    url = f"sqlite:///{tmp_path / 'scorecard.db'}"
    store = Store.open(url)
    store.replace_catalogue(
        parse_catalogue(SMALL_CATALOGUE, "test"), actor="admin", file_name="c", sha256="0" * 64
    )
    store.commit(
        Submission(
            [Observation("PEP", EARLIER, "All", 90.0, 36, 40), Observation("CLA_COUNT", EARLIER)]
        ),
        actor="Ann Officer",
        file_name="q1.xlsx",
        sha256="1" * 64,
    )
    return store


@pytest.fixture
def app(store: Store, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    app = app_on(str(store.engine.url), monkeypatch)
    app.run()
    app.switch_page(PAGES["upload"]).run()
    assert not app.exception, app.exception
    return app


def workbook(*rows: list[object]) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(["measure_id", "period", "breakdown", "value", "numerator", "denominator"])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = workbook(
    ["PEP", LAST.label, None, 92.5, 37, 40],  # new
    ["PEP", EARLIER.label, None, 91, None],  # 90.0 (36 of 40) is stored
)
BAD = workbook(["PEP", "Q5 2016/17", None, 92.5], ["CLA_COUNT", LAST.label, "Teens", 7])


def upload(app: AppTest, name: str, content: bytes) -> AppTest:
    app.file_uploader(key="upload_file").upload(name, content).run()
    assert not app.exception, app.exception
    return app


def button(app: AppTest, key: str):  # type: ignore[no-untyped-def]
    return app.button(key=key)


def table(app: AppTest, column: str):  # type: ignore[no-untyped-def]
    """The grid (st.dataframe: the long tables a person sorts and scrolls) with this column."""
    return next(d.value for d in app.dataframe if column in d.value.columns)


def messages(app: AppTest, kind: str) -> str:
    return "\n".join(str(m.value) for m in getattr(app, kind)).replace("\\", "")


def test_template_is_offered_for_the_quarter_after_the_latest_figures(app: AppTest) -> None:
    assert picker_label(app, "template") == f"Quarter to fill in: {LAST.long_label}"
    assert choices(app, "template")[:2] == [LAST.long_label, EARLIER.long_label]
    assert app.get("download_button")[0].proto.label == f"Download the template for {LAST.label}"


def test_valid_workbook_shows_no_problems_and_the_preview_then_saves(
    app: AppTest, store: Store
) -> None:
    upload(app, "q2.xlsx", GOOD)
    assert "No problems found." in messages(app, "success")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {"New figures": "1", "Changed figures": "1", "Unchanged figures": "0"}
    preview = table(app, "In this upload")
    first = preview.iloc[0].to_dict()
    assert first == {
        "Change": "changed",
        "Measure": "PEP",
        "Period": EARLIER.label,
        "Breakdown": "All",
        "Stored now": "90.0% (36 of 40)",
        "In this upload": "91.0%",
    }
    assert not button(app, "upload_commit").disabled

    button(app, "upload_commit").click().run()
    assert "Saved as upload 2" in messages(app, "success")
    assert store.uploads()[0].file_name == "q2.xlsx"
    assert store.audit_log()[-1].action == AuditAction.UPLOAD
    newest = table_with(app, "Status")[0]
    assert [newest["Upload"], newest["File"], newest["Status"]] == ["2", "q2.xlsx", "committed"]


def test_invalid_workbook_lists_every_problem_and_cannot_be_saved(
    app: AppTest, store: Store
) -> None:
    upload(app, "bad.xlsx", BAD)
    problems = table(app, "What to do")
    assert list(problems.columns) == [
        "Sheet",
        "Row",
        "Column",
        "Value found",
        "What to do",
        "Blocking or warning",
    ]
    assert problems[["Sheet", "Row", "Column", "Value found"]].values.tolist() == [
        ["Data", 2, "period", "Q5 2016/17"],
        ["Data", 3, "breakdown", "Teens"],
    ]
    assert "use e.g. 2016/17 Q3" in problems.iloc[0]["What to do"]
    assert set(problems["Blocking or warning"]) == {"blocking"}
    assert "2 problem(s) to fix" in messages(app, "error")
    assert button(app, "upload_commit").disabled
    assert [b.proto.label for b in app.get("download_button")][-1] == "Download this report (.xlsx)"
    assert len(store.uploads()) == 1


def test_hostile_file_gets_a_clear_message_and_the_page_carries_on(app: AppTest) -> None:
    upload(app, "q2.xlsx", hand_made_xlsx(HEADER_ROW + FAR_CELL))
    assert "row 1,048,576 and column 16,384" in messages(app, "error")
    assert not app.get("button") or all(b.key != "upload_commit" for b in app.button)
    assert table_with(app, "Status")  # the history is still there


def test_the_same_file_twice_changes_nothing_and_says_so(app: AppTest, store: Store) -> None:
    upload(app, "q2.xlsx", GOOD)
    button(app, "upload_commit").click().run()
    app.file_uploader(key="upload_file").clear().run()
    upload(app, "q2 again.xlsx", GOOD)
    assert "identical to upload 2" in messages(app, "info")
    assert button(app, "upload_commit").disabled
    assert "Nothing to save: upload 2 has these figures already." in [c.value for c in app.caption]
    assert len(store.uploads()) == 2


def test_roll_back_asks_first_and_can_be_cancelled(app: AppTest, store: Store) -> None:
    upload(app, "q2.xlsx", GOOD)
    button(app, "upload_commit").click().run()
    assert app.selectbox == []  # folded away until someone opens it
    open_fold(app, "rollback_open")
    assert app.selectbox(key="rollback_choice").value == 2

    button(app, "rollback_start").click().run()
    assert "Roll back upload 2 (q2.xlsx" in messages(app, "warning")
    button(app, "rollback_cancel").click().run()
    assert store.uploads()[0].status is UploadStatus.COMMITTED

    button(app, "rollback_start").click().run()
    button(app, "rollback_confirm").click().run()
    assert "Rolled back upload 2 (q2.xlsx)" in messages(app, "success")
    assert store.uploads()[0].status is UploadStatus.ROLLED_BACK
    assert store.audit_log()[-1].action == AuditAction.ROLLBACK
    stored = store.current_observations().set_index(["measure_id", "period"])
    assert stored.loc[("PEP", EARLIER.label)].value == 90.0


def test_file_names_are_shown_as_typed_never_as_markdown(app: AppTest) -> None:
    upload(app, "**[click](http://example.com)**.xlsx", BAD)
    caption = next(c.value for c in app.caption if "click" in c.value)
    assert caption.startswith("\\*\\*\\[click\\]\\(http")


def test_a_catalogue_change_in_the_measures_sheet_is_shown_before_saving(
    app: AppTest, store: Store
) -> None:
    from scorecard.upload import ingest

    book = openpyxl.load_workbook(io.BytesIO(ingest.template_bytes(store, LAST)))
    measures = book["Measures"]
    header = [c.value for c in measures[1]]
    pep = next(r for r in measures.iter_rows(min_row=2) if r[0].value == "PEP")
    pep[header.index("target")].value = 90
    out = io.BytesIO()
    book.save(out)
    upload(app, "new-target.xlsx", out.getvalue())
    assert "also changes the catalogue" in messages(app, "warning")
    [change] = table_with(app, "Change to the catalogue")
    assert change == {"Change to the catalogue": "PEP target: 95.0% → 90.0%"}
    button(app, "upload_commit").click().run()
    assert store.catalogue().measure("PEP").target == 90


def test_an_officers_own_wide_scorecard_is_checked_too(app: AppTest) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Scorecard"
    for row in (["Testshire scorecard"], ["Measure", LAST.label, "Target"], ["PEP", 92.5, 95]):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    upload(app, "ours.xlsx", out.getvalue())
    assert {m.label: m.value for m in app.metric}["New figures"] == "1"
    not_read = table_with(app, "Why it was not read")
    assert [r["Column"] for r in not_read] == ["", "C"]  # the title row, and the Target column
    assert not_read[0]["Row"] == "1"


def test_in_december_with_july_to_september_uploaded_the_template_is_still_for_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Figures up to 2026/27 Q2 (July to September); on 3 December 2026, Q3 (October to
    # December) has not ended, so it is not offered: it could not be uploaded until 1 January.
    q2 = Period.quarter_of(2026, 2)
    store.commit(
        Submission([Observation("CLA_COUNT", q2, "All", 120.0)]),
        actor="Ann Officer",
        file_name="q2.xlsx",
        sha256="2" * 64,
    )
    with time_machine.travel(dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)):
        app = app_on(str(store.engine.url), monkeypatch)
        app.run()
        app.switch_page(PAGES["upload"]).run()
        assert picker_label(app, "template") == f"Quarter to fill in: {q2.long_label}"
        assert "2026/27 Q3 (October to December 2026)" not in choices(app, "template")
