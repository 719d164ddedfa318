"""Each role sees its own pages, and a panel member can change nothing (SPEC §7, issue 7).

Sign-in is turned on by giving the app an [auth] secret; AppTest's ``user`` plays the person
Streamlit's OIDC sign-in would have signed in.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit import config
from streamlit.runtime.context import ContextProxy
from streamlit.testing.v1 import AppTest

from scorecard.access import LOCAL_MODE_LISTENS_WIDELY, LOCAL_MODE_REMOTE_CLIENT
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


def app_for(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, email: str | None, *, verified: bool = True
) -> AppTest:
    app = app_on(demo_url, monkeypatch)
    app.secrets["auth"] = AUTH
    app.secrets["scorecard"] = {"roles": ROLES}
    app.user = (
        {"is_logged_in": True, "email": email, "email_verified": verified}
        if email
        else {"is_logged_in": False}
    )
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


def test_an_unverified_address_gets_no_role_and_is_told_why(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The "nOAuth" pattern: an administrator's address, which the sign-in service has not
    # confirmed belongs to the person signing in.
    app = app_for(demo_url, monkeypatch, "admin@demoshire.gov.uk", verified=False)
    assert not app.exception
    assert reachable(app) == {"public"}
    captions = [read(c.value) for c in app.sidebar.caption]
    assert any("(public)" in c for c in captions)
    assert any("did not confirm that your e-mail address is yours" in c for c in captions)
    # Nothing says which role the address would have had: a stranger is told the same.
    stranger = app_for(demo_url, monkeypatch, "someone@gmail.com", verified=False)
    assert [
        read(c.value).replace("someone@gmail.com", "admin@demoshire.gov.uk")
        for c in stranger.sidebar.caption
    ] == captions


@pytest.fixture
def listening_on() -> Iterator[object]:
    """Sets the address the server listens on (server.address) for this test only."""
    before = config.get_option("server.address")
    yield lambda address: config.set_option("server.address", address)
    config.set_option("server.address", before)


def assert_refused_with_nothing_shown(app: AppTest, reason: str) -> None:
    """The refusal and the app's name, and nothing else, on every page's address."""
    for page in [None, *PAGE_SPECS]:
        if page is not None:
            app.switch_page(page.path).run()
        assert not app.exception
        assert [e.value for e in app.error] == [reason]
        assert [t.value for t in app.title] == ["Corporate Parenting Scorecard"]
        assert [type(c).__name__ for c in app.main.children.values()] == ["Title", "Error"]
        assert not app.sidebar.children


def test_local_mode_listening_on_every_address_serves_no_one(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, listening_on
) -> None:
    listening_on("0.0.0.0")  # the Dockerfile's address, with no secrets
    assert_refused_with_nothing_shown(
        app_on(demo_url, monkeypatch).run(), LOCAL_MODE_LISTENS_WIDELY
    )


def test_local_mode_refuses_a_visitor_from_another_computer(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What Streamlit reports for a connection from another computer on the network.
    monkeypatch.setattr(ContextProxy, "ip_address", property(lambda self: "192.0.2.44"))
    assert_refused_with_nothing_shown(app_on(demo_url, monkeypatch).run(), LOCAL_MODE_REMOTE_CLIENT)


def test_with_sign_in_a_visitor_from_another_computer_sees_the_published_version(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, listening_on
) -> None:
    listening_on("0.0.0.0")
    monkeypatch.setattr(ContextProxy, "ip_address", property(lambda self: "192.0.2.44"))
    app = app_for(demo_url, monkeypatch, None)
    assert not app.error
    assert reachable(app) == {"public"}


def test_a_mistake_in_the_sign_in_settings_is_shown_and_grants_nothing(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_on(demo_url, monkeypatch)
    app.secrets["auth"] = AUTH
    app.secrets["scorecard"] = {"roles": ROLES, "entra_tenant_id": "demoshire.onmicrosoft.com"}
    app.user = {"is_logged_in": True, "email": "admin@demoshire.gov.uk", "email_verified": True}
    app.run()
    for _ in range(2):  # the home page, then the Upload page's address
        assert not app.exception
        assert [type(c).__name__ for c in app.main.children.values()] == ["Error"]
        assert "Directory (tenant) ID" in app.error[0].value
        app.switch_page(PAGES["upload"]).run()
