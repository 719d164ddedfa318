"""Each role sees its own pages, and a panel member can change nothing (SPEC §7, issue 7).

Sign-in is turned on by giving the app an [auth] secret; AppTest's ``user`` plays the person
Streamlit's OIDC sign-in would have signed in.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import app_on
from tests.markup import read
from ui.navigation import PAGE_SPECS, PAGES

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-only",
    "client_id": "scorecard",
    "client_secret": "test-only",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ROLES = {
    "admin": ["admin@demoshire.gov.uk"],
    "officer": ["officer@demoshire.gov.uk"],
    "panel": ["*@demoshire.gov.uk"],
}
VIEW_PAGES = {"overview", "priority", "trends", "pledge", "measure", "benchmarks", "meetings"}


def app_for(demo_url: str, monkeypatch: pytest.MonkeyPatch, email: str | None) -> AppTest:
    app = app_on(demo_url, monkeypatch)
    app.secrets["auth"] = AUTH
    app.secrets["scorecard"] = {"roles": ROLES}
    app.user = {"is_logged_in": True, "email": email} if email else {"is_logged_in": False}
    return app.run()


def reachable(app: AppTest) -> set[str]:
    """The pages this person can open: switching to any other is refused by st.navigation."""
    found = set()
    for spec in PAGE_SPECS:
        try:
            app.switch_page(spec.path)
        except ValueError:
            continue
        found.add(spec.key)
    return found


def test_local_mode_shows_every_page_and_says_it_is_local(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_on(demo_url, monkeypatch).run()
    assert reachable(app) == {spec.key for spec in PAGE_SPECS}
    assert any("Local mode" in c.value for c in app.sidebar.caption)


@pytest.mark.parametrize(
    ("email", "pages"),
    [
        ("admin@demoshire.gov.uk", {s.key for s in PAGE_SPECS}),
        ("officer@demoshire.gov.uk", {s.key for s in PAGE_SPECS} - {"benchmark_import"}),
        ("cllr.jones@demoshire.gov.uk", VIEW_PAGES | {"present", "public"}),
        ("someone@gmail.com", {"public"}),
        (None, {"public"}),
    ],
    ids=["admin", "officer", "panel", "signed-in stranger", "visitor"],
)
def test_each_role_reaches_only_its_pages(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, email: str | None, pages: set[str]
) -> None:
    app = app_for(demo_url, monkeypatch, email)
    assert not app.exception
    assert reachable(app) == pages
    assert not any("Local mode" in c.value for c in app.sidebar.caption)


def test_panel_member_sees_the_scorecard_but_no_way_to_change_it(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(demo_url, monkeypatch, "cllr.jones@demoshire.gov.uk")
    assert any("(panel)" in read(c.value) for c in app.sidebar.caption)
    with pytest.raises(ValueError):
        app.switch_page(PAGES["upload"])
    app.switch_page(PAGES["meetings"]).run()
    assert not app.exception
    assert app.get("form") == []  # no form to add or edit anything
    assert not [b for b in app.button if "save" in b.label.lower() or "add" in b.label.lower()]
