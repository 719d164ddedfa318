"""A real sign-in through Streamlit's OIDC support, against an OIDC provider on loopback
(oidc-provider-mock), so the whole flow is tested offline; and local mode (no sign-in)
refusing anyone who is not on this computer.

The provider's claims for each person are set through its own API (PUT /users/<sub>): it
sends ``email`` without ``email_verified`` unless told otherwise, which is what an attacker's
own directory would do.
"""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import sys
import time
import urllib.request
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import IN_CI, ROOT, _free_port, running_app

pytestmark = pytest.mark.browser


def shown_as(text: str) -> re.Pattern[str]:
    """``text`` as the page shows it: an address from outside is shown as text, with an
    invisible word joiner (U+2060) that stops it becoming a link, wherever one may be."""
    return re.compile("^" + "\u2060?".join(re.escape(c) for c in text) + "$")


PUBLIC_HEADING = re.compile("looks after children in care")
UNVERIFIED = "did not confirm that your e-mail address is yours"
REFUSED = "This scorecard has no sign-in set up"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=_free_port()) as server:
        yield f"http://localhost:{server.server_port}"


def person(provider: str, sub: str, **claims: object) -> str:
    """Registers ``sub`` with the provider with these claims; returns ``sub``."""
    request = urllib.request.Request(
        f"{provider}/users/{sub}",
        data=json.dumps(claims).encode(),
        headers={"Content-Type": "application/json"},
        method="PUT",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 204
    return sub


def secrets_for(provider: str, port: int, folder: Path) -> Path:
    secrets_file = folder / "secrets.toml"
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
    return secrets_file


@pytest.fixture(scope="module")
def signed_in_app(
    provider: str, demo_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    # Listening on every address, as the Dockerfile does: with sign-in that is allowed.
    port = _free_port()
    secrets_file = secrets_for(provider, port, tmp_path_factory.mktemp("secrets"))
    with running_app(
        demo_database, "--secrets.files", str(secrets_file), port=port, address="0.0.0.0"
    ) as url:
        yield url.replace("127.0.0.1", "localhost")


def sign_in(page: Page, app: str, sub: str) -> None:
    page.goto(app)
    # A visitor who has not signed in sees only the published version.
    expect(page.get_by_role("heading", name=PUBLIC_HEADING)).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stSidebarNav").get_by_text("Overview")).to_have_count(0)
    expect(page.get_by_text("Local mode")).to_have_count(0)

    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name='sub']").fill(sub)
    page.get_by_role("button", name="Authorize").click()


def test_visitor_must_sign_in_and_a_panel_member_then_sees_the_scorecard(
    page: Page, signed_in_app: str, provider: str
) -> None:
    sub = person(provider, "cllr.jones", email="cllr.jones@demoshire.gov.uk", email_verified=True)
    sign_in(page, signed_in_app, sub)
    expect(
        page.get_by_text(shown_as("Signed in as cllr.jones@demoshire.gov.uk (panel)"))
    ).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Corporate Parenting Scorecard")).to_be_visible()
    expect(page.get_by_text(UNVERIFIED)).to_have_count(0)


def test_an_officers_address_the_provider_has_not_verified_gives_no_role(
    page: Page, signed_in_app: str, provider: str
) -> None:
    # The "nOAuth" pattern: in a directory of their own, anyone can give themselves an
    # officer's address; the provider passes it on without saying it is verified.
    sub = person(provider, "mallory", email="officer@demoshire.gov.uk")
    sign_in(page, signed_in_app, sub)
    expect(
        page.get_by_text(shown_as("Signed in as officer@demoshire.gov.uk (public)"))
    ).to_be_visible(timeout=30_000)
    expect(page.get_by_text(UNVERIFIED)).to_be_visible()
    expect(page.get_by_role("heading", name=PUBLIC_HEADING)).to_be_visible()
    navigation = page.get_by_test_id("stSidebarNav")
    expect(navigation.get_by_role("link", name="Upload")).to_have_count(0)
    expect(navigation.get_by_role("link", name="Overview")).to_have_count(0)


# --- The runtime environment from requirements.txt alone ----------------------------------


@pytest.fixture(scope="module")
def runtime_python(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh virtual environment holding requirements.txt and nothing else (no dev
    requirements, no system packages): what `pip install -r requirements.txt` gives a
    council. A pip that cannot reach the package index skips here, and fails in CI."""
    folder = tmp_path_factory.mktemp("runtime") / "venv"
    started = time.monotonic()
    # --no-compile leaves bytecode to the first import (52 s → 35 s on a quiet 2-core
    # machine); this interpreter's pip installs into the new environment (--python), which
    # saves installing pip there (about 5 s of processor time more).
    venv.create(folder, with_pip=False)
    python = str(folder / "bin" / "python")
    pip = [sys.executable, "-m", "pip", "--python", python]
    installed = subprocess.run(
        [*pip, "install", "-q", "--no-compile", "-r", "requirements.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if installed.returncode != 0:
        message = f"pip install -r requirements.txt failed:\n{installed.stderr[-3000:]}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    print(f"runtime environment built in {time.monotonic() - started:.0f} s")
    return python


def test_an_install_from_requirements_txt_alone_signs_in(
    page: Page,
    runtime_python: str,
    provider: str,
    demo_database: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # The app runs without the dev requirements (which bring httpx, among others).
    for dev_only in ("pytest", "oidc_provider_mock"):
        found = subprocess.run([runtime_python, "-c", f"import {dev_only}"], capture_output=True)
        assert found.returncode == 1, f"{dev_only} is in the runtime environment"
    port = _free_port()
    secrets_file = secrets_for(provider, port, tmp_path_factory.mktemp("runtime-secrets"))
    sub = person(provider, "ann", email="officer@demoshire.gov.uk", email_verified=True)
    with running_app(
        demo_database, "--secrets.files", str(secrets_file), port=port, python=runtime_python
    ) as url:
        sign_in(page, url.replace("127.0.0.1", "localhost"), sub)
        expect(
            page.get_by_text(shown_as("Signed in as officer@demoshire.gov.uk (officer)"))
        ).to_be_visible(timeout=30_000)
        upload = page.get_by_test_id("stSidebarNav").get_by_role("link", name="Upload")
        expect(upload).to_be_visible()


# --- Local mode: this computer only --------------------------------------------------------


def own_network_address() -> str:
    """One of this machine's own addresses that is not loopback (`hostname -I`)."""
    found = subprocess.run(["hostname", "-I"], capture_output=True, text=True, check=False)
    ipv4 = [a for a in found.stdout.split() if "." in a and not a.startswith("127.")]
    if not ipv4:
        message = "this machine has no network address but loopback to reach the app from"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return ipv4[0]


def expect_refused_and_nothing_else(page: Page) -> None:
    expect(page.get_by_text(REFUSED)).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Corporate Parenting Scorecard")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    expect(page.get_by_text("Demoshire")).to_have_count(0)
    expect(page.get_by_text("Local mode")).to_have_count(0)


def test_local_mode_listening_on_the_network_serves_no_one(page: Page, demo_database: str) -> None:
    # The old Dockerfile's command with no secrets: everyone who reached the port was an
    # administrator, while the page said only this computer could open it.
    address = own_network_address()
    with running_app(demo_database, address="0.0.0.0") as url:
        page.goto(url.replace("127.0.0.1", address) + "/upload")
        expect_refused_and_nothing_else(page)
        page.goto(url)  # not even from this computer
        expect_refused_and_nothing_else(page)


def test_local_mode_refuses_a_visitor_relayed_by_a_proxy_on_this_computer(
    page: Page, app_url: str
) -> None:
    # A proxy on this computer reaches the app from 127.0.0.1 on someone else's behalf.
    page.context.set_extra_http_headers({"X-Forwarded-For": "203.0.113.9"})
    page.goto(app_url)
    expect_refused_and_nothing_else(page)


def test_with_sign_in_a_visitor_from_the_network_sees_the_published_version(
    page: Page, signed_in_app: str
) -> None:
    page.goto(signed_in_app.replace("localhost", own_network_address()))
    expect(page.get_by_role("heading", name=PUBLIC_HEADING)).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.get_by_text(REFUSED)).to_have_count(0)
