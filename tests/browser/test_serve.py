"""Two app servers behind `python -m scorecard serve`, in real Chromium: each browser stays on
one server (its WebSocket and the file it uploads reach the same one), an upload saved through
one server is what a browser on the other sees next, and a server that stops is started again
while browsers on it are moved to the other.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT, _free_port

pytestmark = pytest.mark.browser
COOKIE = "scorecard_server"
MEASURE = "NEET_16_18"


@dataclass
class Served:
    url: str
    process: subprocess.Popen[str]
    ports: list[int]  # of server 0, 1


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("serve")
    url = f"sqlite:///{folder / 'scorecard.db'}"
    subprocess.run(
        [sys.executable, "-m", "scorecard", "--db", url, "init-demo"], check=True, cwd=ROOT
    )
    port = _free_port()
    log = (folder / "serve.log").open("w")
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "scorecard", "--db", url, "serve"),
            *("--processes", "2", "--port", str(port)),
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 120
    banner = None
    while banner is None:
        found = re.search(r"ports (\d+), (\d+)", (folder / "serve.log").read_text())
        if found:
            banner = [int(found[1]), int(found[2])]
        elif process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"serve did not start:\n{(folder / 'serve.log').read_text()}")
        else:
            time.sleep(0.5)
    try:
        yield Served(f"http://127.0.0.1:{port}", process, banner)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def get(url: str, cookie: str | None = None) -> tuple[int, str | None]:
    """Status, and the server the proxy says this browser is now on (None: as it was)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as answer:
        told = [v for v in answer.headers.get_all("Set-Cookie") or [] if v.startswith(COOKIE)]
        return answer.status, (told[0].split(";")[0].split("=")[1] if told else None)


def on_server(page: Page, served: Served, number: int) -> None:
    page.context.add_cookies([{"name": COOKIE, "value": str(number), "url": served.url}])


def test_two_browsers_on_two_servers_upload_on_one_and_the_other_sees_it(
    browser, served: Served, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # A browser new to the proxy is told which server is its own.
    assert get(f"{served.url}/_stcore/health")[1] in ("0", "1")
    officer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    on_server(officer, served, 0)
    on_server(reader, served, 1)
    marker = f"Saved through server 0 at {time.time():.0f}"
    try:
        # The reader's page works through the proxy (its WebSocket reaches server 1).
        reader.goto(f"{served.url}/measure?measure={MEASURE}")
        expect(reader.get_by_role("heading", name="Measure", exact=False).first).to_be_visible(
            timeout=60_000
        )
        expect(reader.get_by_text(marker)).to_have_count(0)

        # The officer uploads on server 0: the file goes up in a request of its own, which
        # must reach the server holding the officer's session, or the check never comes back.
        officer.goto(f"{served.url}/upload")
        expect(officer.get_by_role("heading", name="Upload the quarter's figures")).to_be_visible(
            timeout=60_000
        )
        upload = tmp_path / "neet.csv"
        upload.write_text(
            "measure_id,period,breakdown,value,numerator,denominator,note\n"
            f"{MEASURE},2026/27 Q2,All,8.1,5,62,{marker}\n"
        )
        officer.locator(".st-key-upload_file input[type=file]").set_input_files(upload)
        expect(officer.get_by_text("No problems found.")).to_be_visible(timeout=60_000)
        officer.locator(".st-key-upload_commit").get_by_role("button").click()
        expect(officer.get_by_text("Saved as upload")).to_be_visible(timeout=60_000)

        # Server 1 shows it on the reader's next page: the data version is read on every run.
        reader.goto(f"{served.url}/measure?measure={MEASURE}")
        expect(reader.get_by_text(marker).first).to_be_visible(timeout=60_000)
        # Both browsers are still where they were put.
        for page, number in ((officer, "0"), (reader, "1")):
            cookies = {c["name"]: c["value"] for c in page.context.cookies()}
            assert cookies[COOKIE] == number
    finally:
        officer.context.close()
        reader.context.close()


def server_pid(port: int) -> int:
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in words and str(port).encode() in words:
            return int(cmdline.parent.name)
    raise AssertionError(f"no server on port {port}")


def gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_a_server_that_stops_is_started_again_and_its_browsers_move_meanwhile(
    served: Served,
) -> None:
    assert get(f"{served.url}/_stcore/health", f"{COOKIE}=1") == (200, None)
    stopped = server_pid(served.ports[1])
    os.kill(stopped, signal.SIGKILL)
    while gone(stopped) is False:  # a request it took in while dying would be lost with it
        time.sleep(0.1)
    # Straight away: a browser on the stopped server is answered by the other, and told so.
    assert get(f"{served.url}/_stcore/health", f"{COOKIE}=1") == (200, "0")
    # Then server 1 is back, on its port, and keeps its browsers again.
    deadline = time.monotonic() + 120
    while get(f"{served.url}/_stcore/health", f"{COOKIE}=1") != (200, None):
        assert time.monotonic() < deadline, "server 1 was not started again within 120 s"
        time.sleep(1)
    assert server_pid(served.ports[1])
