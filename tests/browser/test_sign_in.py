"""A real sign-in through Streamlit's OIDC support, against an OIDC provider on loopback
(oidc-provider-mock), so the whole flow is tested offline."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import _free_port, running_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=_free_port()) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def signed_in_app(
    provider: str, demo_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    port = _free_port()
    folder = tmp_path_factory.mktemp("secrets")
    secrets_file: Path = folder / "secrets.toml"
    secrets_file.write_text(
        f"""
[auth]
redirect_uri = "http://localhost:{port}/oauth2callback"
cookie_secret = "{secrets.token_hex(16)}"
client_id = "scorecard"
client_secret = "not-a-real-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[scorecard.roles]
officer = ["officer@demoshire.gov.uk"]
panel = ["*@demoshire.gov.uk"]
""",
        encoding="utf-8",
    )
    with running_app(demo_database, "--secrets.files", str(secrets_file), port=port) as url:
        yield url.replace("127.0.0.1", "localhost")


def test_visitor_must_sign_in_and_a_panel_member_then_sees_the_scorecard(
    page: Page, signed_in_app: str
) -> None:
    page.goto(signed_in_app)
    # A visitor who has not signed in sees only the published version.
    expect(
        page.get_by_role("heading", name=re.compile("looks after children in care"))
    ).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stSidebarNav").get_by_text("Overview")).to_have_count(0)
    expect(page.get_by_text("Local mode")).to_have_count(0)

    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name='sub']").fill("cllr.jones@demoshire.gov.uk")
    page.get_by_role("button", name="Authorize").click()

    expect(page.get_by_text("Signed in as cllr.jones@demoshire.gov.uk (panel)")).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_role("heading", name="Corporate Parenting Scorecard")).to_be_visible()
