"""What a user must never see: HTML or script from an upload run as code, a database address,
or a stack trace (issue 7, point 5)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard.periods import parse_period
from scorecard.records import Commentary, CommentaryKind, Submission
from scorecard.startup import init_demo
from scorecard.storage.store import Store
from tests.app.conftest import app_on
from tests.html_reading import html_in
from ui.navigation import PAGES

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = (
    "<script>alert('x')</script> <img src=x onerror=alert(1)> [click](http://evil.example) **bold**"
)


@pytest.fixture
def hostile_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    store = Store.open(url)
    init_demo(store)
    quarter = parse_period("2026/27 Q2")
    store.commit(
        Submission(commentary=[Commentary(quarter, 3, CommentaryKind.CONCERN, HOSTILE, HOSTILE)]),
        actor="officer",
        file_name="hostile.xlsx",
        sha256="h" * 64,
    )
    return url


def rendered_markdown(app: AppTest) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", None) == "markdown":
                found.append(str(child.value))
            walk(child)

    walk(app.main)
    return found


def test_html_and_script_in_commentary_are_shown_as_literal_text(
    hostile_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_on(hostile_url, monkeypatch).run()
    app.query_params["priority"] = "3"
    app.switch_page(PAGES["priority"]).run()
    assert not app.exception
    # The commentary panel is raw HTML (st.html) built with every text escaped: read as a
    # browser would, the concern's title and text are the words as typed, and nothing in it
    # is an element, attribute or link of the upload's.
    app.session_state["priority_tabs"] = "What we are hearing"  # as a click on it does
    app.run()
    [voices] = html_in(app.tabs[1])
    assert voices.blocks.count(HOSTILE) == 2  # its title and its text
    assert voices.foreign() == []
    # Any Markdown left on the page escapes what it shows, and none allows raw HTML.
    for markdown in rendered_markdown(app):
        assert "<script>" not in markdown and "](http://evil" not in markdown
    assert all(not m.proto.allow_html for m in app.markdown)


def test_an_unreachable_database_shows_a_message_without_address_or_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = "postgresql+psycopg://scorecard:s3cret@127.0.0.1:1/scorecard"
    app = app_on(url, monkeypatch).run()
    assert not app.exception
    messages = " ".join(e.value for e in app.error)
    assert "cannot be reached right now" in messages
    assert "127.0.0.1" not in messages and "s3cret" not in messages


def test_server_settings_protect_against_forged_requests_and_big_files() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] <= 20  # MB, as scorecard/upload/ingest.py
    assert config["server"]["address"] == "127.0.0.1"  # local mode: this computer only
    assert config["client"]["showErrorDetails"] == "none"  # no stack traces in the browser


def test_a_value_left_on_its_own_line_is_not_written_to_the_page() -> None:
    # Streamlit's "magic" would write a bare expression as Markdown: a page that left an
    # officer's note on a line of its own would show a link and markup instead of text.
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["magicEnabled"] is False
    script = f"import streamlit as st\nnote = {HOSTILE!r}\nst.text('shown')\nnote\n"
    at = AppTest.from_string(script).run()
    assert [t.value for t in at.text] == ["shown"]
    assert not at.markdown and not at.exception
