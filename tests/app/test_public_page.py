"""The published version through AppTest: small numbers suppressed, no n / N, no commentary
that was not approved, and a plain-English summary for every priority.

Demonstration figures for 2026/27 Q2, read by hand: NEET is 4 of 62 young people (6.5%), so
it is c; Personal Education Plans up to date are 96.4% (372 of 386), published without n / N.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import open_page, texts

ROOT = Path(__file__).resolve().parents[2]


def figures(app: AppTest, priority: int) -> dict[str, dict[str, str]]:
    """The figures table of a priority (one per priority, in the strategy's order)."""
    table = app.dataframe[priority - 1].value
    return {row["Measure"]: row for row in table.to_dict("records")}


def test_small_numbers_are_suppressed_and_no_cohort_is_shown(app: AppTest) -> None:
    open_page(app, "public", period="2026/27 Q2")
    education = figures(app, 2)
    neet = education["Young people aged 16 to 18 not in education, employment or training (NEET)"]
    assert neet["Figure"] == "c (suppressed to protect confidentiality)"
    assert neet["How we are doing"] == "Hidden: too few children to show"
    assert education["Children with an up-to-date Personal Education Plan"]["Figure"] == "96.4%"
    shown = texts(app)
    assert "372 of 386" not in shown and "4 of 62" not in shown
    assert "c = hidden to protect children's privacy: 5 or fewer children" in shown


def test_every_priority_has_a_plain_english_summary(app: AppTest) -> None:
    open_page(app, "public", period="2026/27 Q2")
    summaries = [line for line in texts(app).splitlines() if line.startswith("We check ")]
    assert len(summaries) == 6
    assert any("We hide one number because so few children are involved" in s for s in summaries)


def test_no_commentary_is_published_until_it_is_approved(app: AppTest) -> None:
    open_page(app, "public", period="2026/27 Q2")
    assert "You said" not in texts(app) and "What the numbers tell us" not in texts(app)


def test_a_stricter_threshold_from_the_configuration_hides_more(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCORECARD_SUPPRESSION_THRESHOLD", "20")
    open_page(app, "public", period="2026/27 Q2")
    assert "c = hidden to protect children's privacy: 20 or fewer children" in texts(app)
