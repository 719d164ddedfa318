"""Ticking commentary for publication, through AppTest: text with a small number is refused
with its sentence shown (as text, the number in bold), nothing is approved, and an approval
given before the check is neither published nor shown as ticked.

Demonstration commentary for 2026/27 Q2, read by hand: priority 2's narrative has "6.5% of 16
to 18 year olds (4 of 62) were not in education, employment or training (last quarter
5.0%)."; priority 3's "Out of hours" (You said, we did) has no count of children.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import insert
from streamlit.testing.v1 import AppTest

from scorecard.disclosure import text_key
from scorecard.meetings import load_demo_meetings
from scorecard.periods import parse_period
from scorecard.records import Commentary, CommentaryKind, Submission
from scorecard.startup import init_demo
from scorecard.storage import schema as t
from scorecard.storage.store import Store
from tests.app.conftest import app_on
from tests.app.test_pages import open_page, open_tab, texts
from tests.app.test_safety import rendered_markdown

QUARTER = parse_period("2026/27 Q2")
NEET_SENTENCE = (
    "6.5% of 16 to 18 year olds (4 of 62) were not in education, employment or training "
    "(last quarter 5.0%)."
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(f"sqlite:///{tmp_path / 'demo.db'}")
    init_demo(store)
    load_demo_meetings(store, actor="Demonstration data loader")
    return store


@pytest.fixture
def app(store: Store, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return app_on(str(store.engine.url), monkeypatch)


def neet_narrative(store: Store) -> Commentary:
    [item] = [c for c in store.commentary(QUARTER, 2) if c.kind is CommentaryKind.NARRATIVE]
    assert NEET_SENTENCE in item.text
    return item


def out_of_hours(store: Store) -> Commentary:
    [item] = [c for c in store.commentary(QUARTER, 3) if c.title == "Out of hours"]
    return item


def box(item: Commentary) -> str:
    return f"publish_{text_key(item)[:16]}"


def unescaped(markdown: str) -> str:
    return markdown.replace("\\", "")


def approve_in_the_database(store: Store, item: Commentary) -> None:
    """An approval written before this check existed: straight into the table."""
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


def test_ticking_commentary_with_4_of_62_is_refused_with_the_sentence_and_nothing_is_approved(
    app: AppTest, store: Store
) -> None:
    open_page(app, "meetings", meeting="3")
    open_tab(app, "meetings_tabs", "Papers and publishing")
    neet = neet_narrative(store)
    assert app.checkbox(key=box(neet)).value is False
    app.checkbox(key=box(neet)).check()
    app.checkbox(key=box(out_of_hours(store))).check()
    app.button(key="publication_save").click().run()
    assert not app.exception
    errors = [unescaped(e.value) for e in app.error]
    named = (
        "What the numbers tell us: The quarter in numbers: 2026/27 Q2 (July to September "
        f"2026) (2026/27 Q2, priority 2) cannot be published: in “{NEET_SENTENCE}”, "
    )

    # NEET's 6.5% is c in the table too (its n is 4), and so is last quarter's 5.0% (3 of 60):
    # quoting either is refused with its own advice.
    def hidden(quarter: str) -> str:
        return (
            " is a figure the published version hides (it shows c for Young people aged 16 to "
            f"18 not in education, employment or training (NEET), {quarter}): the words would "
            "publish what the table keeps back. The published version hides that figure so that "
            "no child can be identified: say what it means without it (e.g. “below our target”, "
            "“fewer than 5 young people”) in the Commentary sheet, upload it again and tick it "
            "then."
        )

    assert errors == [
        f"{named}“6.5%”{hidden('2026/27 Q2')}",
        f"{named}“4 of 62” is a count out of a group, from 1 to 5. Counts from 1 to 5 could "
        "identify a child. Reword the sentence without the number (e.g. “fewer than 5 young "
        "people”, or a percentage without the size of the group) in the Commentary sheet, "
        "upload it again and tick it then.",
        f"{named}“5.0%”{hidden('2026/27 Q1')}",
    ]
    # The sentence on its own line, the number in bold and nothing else marked up.
    marked = [m for m in rendered_markdown(app) if "**4 of 62**" in m]
    assert marked and all(
        unescaped(m) == NEET_SENTENCE.replace("4 of 62", "**4 of 62**") for m in marked
    )
    assert not app.success
    assert store.publication_approvals() == set()  # not even the clean text ticked with it


def test_commentary_with_a_small_number_says_why_before_it_is_ticked(app: AppTest) -> None:
    open_page(app, "meetings", meeting="3")
    open_tab(app, "meetings_tabs", "Papers and publishing")
    warnings = [unescaped(w.value) for w in app.warning]
    assert any("“4 of 62” is a count out of a group, from 1 to 5" in w for w in warnings)


def test_an_old_approval_of_4_of_62_is_shown_as_not_published_and_is_not_ticked(
    app: AppTest, store: Store
) -> None:
    approve_in_the_database(store, neet_narrative(store))
    open_page(app, "meetings", meeting="3")
    open_tab(app, "meetings_tabs", "Papers and publishing")
    assert app.checkbox(key=box(neet_narrative(store))).value is False
    warnings = [unescaped(w.value) for w in app.warning]
    assert any(
        w.startswith("It was approved before, but is not published: ")
        and "“4 of 62” is a count" in w
        for w in warnings
    )


def test_an_old_approval_of_4_of_62_never_appears_on_the_published_version(
    app: AppTest, store: Store
) -> None:
    approve_in_the_database(store, neet_narrative(store))
    approve_in_the_database(store, out_of_hours(store))
    open_page(app, "public", period="2026/27 Q2")
    shown = texts(app)
    assert "You want to know who to call out of hours" in shown.replace("You said: you", "You")
    assert "4 of 62" not in shown
    assert "were not in education, employment or training (last quarter" not in shown


# Markdown an officer could type: an image, a link and bold, around a small number.
HOSTILE_TITLE = "[see more](https://evil.example)"
HOSTILE_TEXT = "![](https://tracker.example/p.png) **3 young people** went <b>missing</b>."


def test_the_marked_sentence_shows_the_officers_markdown_as_text(
    app: AppTest, store: Store
) -> None:
    hostile = Commentary(QUARTER, 3, CommentaryKind.CONCERN, HOSTILE_TITLE, HOSTILE_TEXT)
    store.commit(
        Submission(commentary=[hostile]), actor="officer", file_name="h.xlsx", sha256="h" * 64
    )
    open_page(app, "meetings", meeting="3")
    open_tab(app, "meetings_tabs", "Papers and publishing")
    app.checkbox(key=box(hostile)).check()
    app.button(key="publication_save").click().run()
    assert store.publication_approvals() == set()
    assert "](" not in app.checkbox(key=box(hostile)).label
    shown = rendered_markdown(app) + [e.value for e in app.error] + [w.value for w in app.warning]
    marked = [m for m in shown if "3 young people**" in m]
    assert marked, "the sentence is shown with the number marked"
    for markdown in shown:
        assert "](" not in markdown and "![" not in markdown and "<b>" not in markdown
    # Every ASCII punctuation mark of the officer's text is escaped; only the bold is ours
    # (by hand from the rule in scorecard/text.py).
    assert (
        r"\!\[\]\(https" + "\u2060" + r"\:\/\/tracker\.example\/p\.png\) \*\*"
        "**3 young people**"
        r"\*\* went \<b\>missing\<\/b\>\." in marked
    )


def test_an_old_approval_of_4_of_62_never_appears_in_a_public_session_of_present_mode(
    app: AppTest, store: Store
) -> None:
    # Slide 7 of meeting 3 is what is said about priority 2. With its narrative and its "You
    # said, we did" approved, a public session would show the narrative as the key commentary.
    [said] = [c for c in store.commentary(QUARTER, 2) if c.title == "Pupil Premium Plus"]
    approve_in_the_database(store, neet_narrative(store))
    approve_in_the_database(store, said)
    open_page(app, "present", meeting="3", slide="7")
    app.toggle(key="public_session").set_value(True).run()
    assert not app.exception
    shown = texts(app)
    assert "2. Education, learning and training" in shown
    assert "Pupil Premium Plus" in shown
    assert "4 of 62" not in shown and "(last quarter 5.0%)" not in shown


# Staying put (priority 5) for 2026/27 Q2 is 41.7%, 5 of 12, so the table shows c: a sentence
# quoting 41.7% has no group's size in it, but DfE publishes the 12.
STAYING_PUT = Commentary(
    QUARTER,
    5,
    CommentaryKind.ACHIEVEMENT,
    "Staying put",
    "41.7% of young people who turned 18 in foster care stayed with their carers.",
)


def test_commentary_quoting_a_hidden_figure_says_why_and_never_appears_in_public(
    app: AppTest, store: Store
) -> None:
    store.commit(
        Submission(commentary=[STAYING_PUT]), actor="officer", file_name="s.xlsx", sha256="s" * 64
    )
    approve_in_the_database(store, STAYING_PUT)  # approved before this check existed
    open_page(app, "meetings", meeting="3")
    open_tab(app, "meetings_tabs", "Papers and publishing")
    assert app.checkbox(key=box(STAYING_PUT)).value is False
    warnings = [unescaped(w.value) for w in app.warning]
    assert any(
        w.startswith(
            "It was approved before, but is not published: “41.7%” is a figure the published "
            "version hides (it shows c for Young people staying put with their foster carers "
            "after 18, 2026/27 Q2)"
        )
        for w in warnings
    )
    # The sentence with the figure in bold (and the space after it kept, or it is no bold).
    assert any(
        unescaped(m).startswith("**41.7%** of young people who turned 18")
        for m in rendered_markdown(app)
    )
    open_page(app, "public", period="2026/27 Q2")
    assert not app.exception
    shown = texts(app)
    assert "Staying put" not in shown and "41.7" not in shown
    open_page(app, "present", meeting="3", slide="1")
    app.toggle(key="public_session").set_value(True).run()
    assert "41.7" not in texts(app)
