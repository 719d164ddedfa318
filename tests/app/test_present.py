"""The chair's present mode through AppTest: slide order, next and previous, the slide in the
URL, and the public-session switch.

The demonstration meetings: 24 November 2026 is themed on priority 4 and has four actions
carried forward; its figures are 2026/27 Q2. In priority 2 the Amber measure "Personal
Education Plans judged good or better" is 75.9% (44 of 58): n / N is shown to the panel and
hidden in a public session; NEET (4 of 62) is c in public. Each priority has a slide of its
figures, then one of what people say (none of it approved for publication in the demo).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import PAGES, open_page, texts

ROOT = Path(__file__).resolve().parents[2]


def slide_title(app: AppTest) -> str:
    return next(line for line in texts(app).splitlines() if line.startswith("# ")).lstrip("# ")


@pytest.mark.usefixtures("on_meeting_day")
def test_a_meeting_opens_on_the_actions_carried_forward(app: AppTest) -> None:
    open_page(app, "present", meeting="3")
    assert slide_title(app) == "Actions from earlier meetings"
    assert "**4 open actions**, of which **⚠ 2 overdue**." in texts(app)
    assert "Circulate the annual complaints report" in texts(app)
    assert app.query_params["slide"] == "1"
    assert app.button(key="present_previous").disabled


def test_next_shows_the_theme_first_then_the_others_and_previous_goes_back(app: AppTest) -> None:
    open_page(app, "present", meeting="3")
    seen = []
    for _ in range(12):
        app.button(key="present_next").click().run()
        seen.append((slide_title(app), "In their words" in texts(app)))
    assert seen == [
        (title, words)
        for title in [
            "4. Positive relationships and stable homes",
            "1. Strong corporate parenting",
            "2. Education, learning and training",
            "3. Keeping children and young people safe",
            "5. Respected, engaged and moving into adulthood",
            "6. Health and wellbeing",
        ]
        for words in (False, True)
    ]
    assert app.query_params["slide"] == "13" and app.button(key="present_next").disabled
    app.button(key="present_previous").click().run()
    assert slide_title(app) == "6. Health and wellbeing"
    assert "Measures that need attention" in texts(app)
    assert app.query_params["slide"] == "12"


def test_after_its_figures_a_priority_has_achievements_and_the_voice_of_children(
    app: AppTest,
) -> None:
    open_page(app, "present", meeting="3", slide="3")
    shown = texts(app)
    assert slide_title(app) == "4. Positive relationships and stable homes"
    for heading in ("Concerns", "You said, we did", "Achievements"):
        assert f"## {heading}" in shown
    assert "## Voice of children and young people" in shown
    assert "'Every time I get used to someone they leave.' (young person, 13)" in shown


def test_the_slide_in_the_url_is_kept_on_a_refresh(app: AppTest) -> None:
    open_page(app, "present", meeting="3", slide="6")
    assert slide_title(app) == "2. Education, learning and training"
    assert "this meeting's theme" not in texts(app)
    shown = texts(app)
    assert "Personal Education Plans judged good or better" in shown
    assert "**75.9%** · 44 of 58 · target 80.0%" in shown
    # A yearly measure's figure is its latest year's, and says so: in 2026/27 Q2 the latest
    # exam results are for the academic year 2024/25 (7 of 39 children is 17.9%).
    assert "**17.9%** · for 2024/25 AY · 7 of 39 · target 20.0%" in shown


@pytest.mark.parametrize(
    ("asked", "expected"),
    [("99", "6. Health and wellbeing"), ("nonsense", "Actions from earlier meetings")],
)
def test_a_slide_number_out_of_range_shows_the_nearest_slide(
    app: AppTest, asked: str, expected: str
) -> None:
    open_page(app, "present", meeting="3", slide=asked)
    assert slide_title(app) == expected


def test_the_public_session_hides_cohorts_small_numbers_and_unapproved_text(app: AppTest) -> None:
    open_page(app, "present", meeting="3", slide="6")
    assert "44 of 58" in texts(app)
    app.toggle(key="public_session").set_value(True).run()
    assert not app.exception
    shown = texts(app)
    assert slide_title(app) == "2. Education, learning and training"
    assert "**75.9%** · target 80.0%" in shown and "44 of 58" not in shown
    # The year of a yearly figure in words for the public, without its 7 of 39.
    assert "**17.9%** · for academic year 2024/25 · target 20.0%" in shown
    assert "Public session: c = hidden to protect children's privacy" in shown
    # No commentary is approved for publication, so no slide of it: 1 of actions, 6 of figures.
    app.button(key="present_next").click().run()
    assert slide_title(app) == "3. Keeping children and young people safe"
    assert "In their words" not in texts(app) and "You said, we did" not in texts(app)
    assert "Slide 5 of 7" in texts(app)


def test_turning_the_public_session_on_and_off_stays_on_the_same_priority(app: AppTest) -> None:
    open_page(app, "present", meeting="3", slide="7")  # priority 2's commentary
    assert slide_title(app) == "2. Education, learning and training"
    app.toggle(key="public_session").set_value(True).run()
    assert slide_title(app) == "2. Education, learning and training"
    assert app.query_params["slide"] == "4"  # its figures: the public deck has no commentary
    app.toggle(key="public_session").set_value(False).run()
    assert slide_title(app) == "2. Education, learning and training"
    assert app.query_params["slide"] == "6"


@pytest.mark.usefixtures("on_meeting_day")
def test_in_a_public_session_the_carried_actions_are_counted_not_listed(app: AppTest) -> None:
    open_page(app, "present", meeting="3")
    app.toggle(key="public_session").set_value(True).run()
    shown = texts(app)
    assert "**4 open actions**, of which **⚠ 2 overdue**." in shown
    assert "Circulate the annual complaints report" not in shown


def test_the_public_session_stays_on_when_the_chair_comes_back_to_present(app: AppTest) -> None:
    # A chair in a public meeting who leaves Present and comes back through the menu (whose
    # link carries no public_session in the URL) must not find small numbers on the screen.
    open_page(app, "present", meeting="3", slide="6")
    app.toggle(key="public_session").set_value(True).run()
    app.switch_page(PAGES["overview"]).run()
    for name in list(app.query_params):
        del app.query_params[name]  # as following the menu's link does
    app.query_params["meeting"] = "3"
    app.query_params["slide"] = "6"
    app.switch_page(PAGES["present"]).run()
    assert not app.exception
    assert app.toggle(key="public_session").value
    assert "44 of 58" not in texts(app)
