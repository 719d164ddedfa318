"""A real app server on loopback, driven by Debian's Chromium through Playwright.

The server runs on a throw-away copy of the demonstration database. A missing Chromium is a
failure in CI (CI=true) and a skip elsewhere.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("SCORECARD_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# Without these, Chromium keeps trying to reach Google's servers, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("browser") / "scorecard.db"
    url = f"sqlite:///{path}"
    subprocess.run(
        [sys.executable, "-m", "scorecard", "--db", url, "init-demo"], check=True, cwd=ROOT
    )
    return url


@contextlib.contextmanager
def running_app(
    database_url: str | None,
    *extra: str,
    port: int | None = None,
    python: str = sys.executable,
    address: str = "127.0.0.1",
    cwd: Path = ROOT,
    base: str = "",
) -> Iterator[str]:
    """`streamlit run app.py` on a loopback port (a free one by default); yields its address.
    ``python`` is the interpreter that runs it; ``address`` the one it listens on; ``cwd``
    the copy of the project it runs in; ``base`` its server.baseUrlPath (the address yielded
    ends with it). With no ``database_url``, the embedded default."""
    port = port or _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SCORECARD_DATABASE_URL"}
    if database_url is not None:
        env["SCORECARD_DATABASE_URL"] = database_url
    server = subprocess.Popen(
        [
            python,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            address,
            "--server.headless",
            "true",
            *(("--server.baseUrlPath", base) if base else ()),
            *extra,
        ],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}" + (f"/{base}" if base else "")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        server.kill()
        output = server.stdout.read().decode() if server.stdout else ""
        pytest.fail(f"the app did not start within 60 s:\n{output}")
    try:
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="session")
def app_url(demo_database: str) -> Iterator[str]:
    with running_app(demo_database) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
