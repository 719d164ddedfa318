"""The published version through AppTest: small numbers suppressed, no n / N, no commentary
that was not approved, and a plain-English summary for every priority.

Demonstration figures for 2026/27 Q2, read by hand: NEET is 4 of 62 young people (6.5%), so
it is c; Personal Education Plans up to date are 96.4% (372 of 386), published without n / N.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard.catalogue import parse_catalogue
from scorecard.startup import init_demo
from scorecard.storage.store import Store
from tests.app.conftest import app_on
from tests.app.test_pages import open_page, texts
from tests.app.test_safety import rendered_markdown
from tests.html_reading import shown_html

ROOT = Path(__file__).resolve().parents[2]


def figure_tables(app: AppTest) -> list[list[dict[str, str]]]:
    """Each priority's figures table as the page shows it (one per priority, in the
    strategy's order), each row {heading: cell}: plain HTML tables, no grid."""
    assert app.dataframe == []
    shown = [
        r for r in shown_html(app) if any(c.startswith("The figures for ") for c in r.captions)
    ]
    return [reading.table("Measure") for reading in shown]


def figures(app: AppTest, priority: int) -> dict[str, dict[str, str]]:
    """The figures table of a priority, by measure."""
    return {row["Measure"]: row for row in figure_tables(app)[priority - 1]}


def test_small_numbers_are_suppressed_and_no_cohort_is_shown(app: AppTest) -> None:
    open_page(app, "public", period="2026/27 Q2")
    education = figures(app, 2)
    neet = education["Young people aged 16 to 18 not in education, employment or training (NEET)"]
    assert neet["Figure"] == "c (suppressed to protect confidentiality)"
    assert neet["How we are doing"] == "Hidden: too few young people to show"
    assert education["Children with an up-to-date Personal Education Plan"]["Figure"] == "96.4%"
    shown = texts(app)
    assert "372 of 386" not in shown and "4 of 62" not in shown
    assert "c = hidden to protect children's privacy: 5 or fewer children" in shown


def test_a_yearly_figure_says_which_year_it_is_for(app: AppTest) -> None:
    # In 2026/27 Q2 (to 30 September 2026) the latest exam results are for the academic year
    # 2024/25 (2025/26's arrive later) and the latest financial year ended 31 March 2026:
    # without the year, a reader would take either for this quarter's figure.
    open_page(app, "public", period="2026/27 Q2")
    key_stage_4 = figures(app, 2)["Key stage 4: grade 4 or above in English and maths"]
    assert key_stage_4["Figure"].endswith("% (academic year 2024/25)")
    offending = figures(app, 3)["Children in care convicted or cautioned"]
    assert offending["Figure"].endswith("% (year to 31 March 2026)")
    # A quarter's own figure is as it was.
    assert figures(app, 2)["Children with an up-to-date Personal Education Plan"]["Figure"] == (
        "96.4%"
    )


def test_every_priority_has_a_plain_english_summary(app: AppTest) -> None:
    open_page(app, "public", period="2026/27 Q2")
    summaries = [line for line in texts(app).splitlines() if line.startswith("We check ")]
    assert len(summaries) == 6
    assert any("We hide one number because so few people are involved" in s for s in summaries)


def test_no_commentary_is_published_until_it_is_approved(app: AppTest) -> None:
    open_page(app, "public", period="2026/27 Q2")
    assert "You said" not in texts(app) and "What the numbers tell us" not in texts(app)


def test_a_stricter_threshold_from_the_configuration_hides_more(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCORECARD_SUPPRESSION_THRESHOLD", "20")
    open_page(app, "public", period="2026/27 Q2")
    assert "c = hidden to protect children's privacy: 20 or fewer children" in texts(app)


# A measure name an officer typed (an upload can rename a measure): Markdown for a tracking
# image and a link. Return home interviews (RHI_72H) is Red in 2026/27 Q2, so its name is in
# the plain-English summary ("Not good enough yet: …").
HOSTILE_NAME = "![](https://tracker.example/p.png) [see more](https://evil.example)"


@pytest.fixture
def renamed_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    store = Store.open(url)
    init_demo(store)
    data = store.catalogue().model_dump(mode="json")
    for measure in data["measures"]:
        if measure["id"] == "RHI_72H":
            measure["name"] = HOSTILE_NAME
    store.replace_catalogue(
        parse_catalogue(data, "test"), actor="officer", file_name="names.xlsx", sha256="n" * 64
    )
    return url


def test_a_measure_name_in_the_summary_is_shown_as_text_not_markdown(
    renamed_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_page(app_on(renamed_url, monkeypatch), "public", period="2026/27 Q2")
    summaries = [m for m in rendered_markdown(app) if "tracker" in m]
    assert len(summaries) == 1, "the renamed Red measure is named in one summary"
    # Every ASCII punctuation mark is escaped and a word joiner follows "https", so the name
    # reads as typed: no image, no link (by hand from the rule in scorecard/text.py).
    image = r"\!\[\]\(https" + "\u2060" + r"\:\/\/tracker\.example\/p\.png\)"
    assert image in summaries[0]
    for markdown in rendered_markdown(app):
        assert "](" not in markdown and "![" not in markdown


# -- issue 12's routes through the Published version page ----------------------------------


@pytest.fixture
def figures_from_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The demo, with 2026/27 Q2 figures saved without the upload's checks, as an older
    version or a restored backup could have left them: complaints answered on time 62.5%
    with no n / N (of 8 complaints: 5 of them), and 5.4 unaccompanied children."""
    from scorecard.periods import parse_period
    from scorecard.records import Observation, Submission

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    store = Store.open(url)
    init_demo(store)
    quarter = parse_period("2026/27 Q2")
    store.commit(
        Submission(
            [
                Observation("COMPLAINTS_TIMELY", quarter, value=62.5),
                Observation("UASC_COUNT", quarter, value=5.4),
            ]
        ),
        actor="An older version",
        file_name="older.xlsx",
        sha256="9" * 64,
    )
    return app_on(url, monkeypatch)


def test_a_percentage_without_n_or_N_and_a_fractional_count_are_hidden_on_the_page(
    figures_from_outside: AppTest,
) -> None:
    app = figures_from_outside
    open_page(app, "public", period="2026/27 Q2")
    hidden = "c (suppressed to protect confidentiality)"
    assert figures(app, 5)["Complaints answered on time"]["Figure"] == hidden
    assert figures(app, 1)["Unaccompanied asylum-seeking children in care"]["Figure"] == hidden
    shown = texts(app)
    assert "62.5%" not in shown and "5.4" not in shown
