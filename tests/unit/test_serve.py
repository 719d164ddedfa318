"""The sticky proxy in front of several app servers (scorecard/serve.py), without starting any:
which server a request goes to, and what local mode refuses."""

from __future__ import annotations

import asyncio
import concurrent.futures
from pathlib import Path

import pytest

from scorecard import serve
from scorecard.access import LOCAL_MODE_LISTENS_WIDELY, LOCAL_MODE_REMOTE_CLIENT


def backends(n: int) -> list[serve.Server]:
    made = [serve.Server(i, 40000 + i, [], {}) for i in range(n)]
    for backend in made:
        backend.healthy = True
    return made


def test_a_browser_stays_on_the_server_its_cookie_names() -> None:
    proxy = serve.Proxy(backends(3), local_only=True)
    for _ in range(5):
        chosen, tell = proxy.choose("2")
        assert (chosen.number if chosen else None, tell) == (2, False)


def test_new_browsers_are_spread_over_the_servers_and_told_which_is_theirs() -> None:
    proxy = serve.Proxy(backends(2), local_only=True)
    chosen = [proxy.choose(None) for _ in range(4)]
    assert [c.number for c, _ in chosen if c] == [1, 0, 1, 0]
    assert all(tell for _, tell in chosen)


def test_a_new_browser_goes_to_the_least_busy_server() -> None:
    servers = backends(3)
    servers[0].connections, servers[1].connections, servers[2].connections = 5, 1, 3
    chosen, _ = serve.Proxy(servers, local_only=True).choose(None)
    assert chosen is servers[1]


@pytest.mark.parametrize("cookie", ["1", "7", "x", "-1", ""])
def test_a_cookie_for_a_server_that_is_down_or_unknown_moves_the_browser(cookie: str) -> None:
    servers = backends(2)
    servers[1].healthy = False
    chosen, tell = serve.Proxy(servers, local_only=True).choose(cookie)
    assert (chosen, tell) == (servers[0], True)


def test_with_no_server_up_nobody_is_sent_anywhere() -> None:
    servers = backends(2)
    for backend in servers:
        backend.healthy = False
    assert serve.Proxy(servers, local_only=True).choose("0") == (None, False)


class _Writer:
    """What the proxy writes back to a client at a given address."""

    def __init__(self, peer: str) -> None:
        self.peer = peer
        self.written = b""
        self.closed = False

    def get_extra_info(self, name: str) -> object:
        return (self.peer, 50000) if name == "peername" else None

    def write(self, data: bytes) -> None:
        self.written += data

    async def drain(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    async def wait_closed(self) -> None:
        pass


def _ask(proxy: serve.Proxy, peer: str, request: bytes) -> _Writer:
    async def go() -> _Writer:
        reader = asyncio.StreamReader()
        reader.feed_data(request)
        reader.feed_eof()
        writer = _Writer(peer)
        await proxy.handle(reader, writer)  # type: ignore[arg-type]
        return writer

    # In its own thread: a session-wide Playwright browser (the browser tests) keeps an event
    # loop running in this one, where asyncio.run refuses to start another.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, go()).result()


def test_local_mode_answers_another_computer_with_the_apps_refusal_and_nothing_else() -> None:
    servers = backends(1)
    servers[0].port = 9  # nothing may be asked of it: a connection here would fail the test
    request = b"GET / HTTP/1.1\r\nHost: localhost:8501\r\n\r\n"
    answer = _ask(serve.Proxy(servers, local_only=True), "192.0.2.44", request)
    assert answer.written.startswith(b"HTTP/1.1 403 Forbidden\r\n")
    assert answer.written.endswith(LOCAL_MODE_REMOTE_CLIENT.encode())
    assert servers[0].connections == 0 and answer.closed


def test_with_every_server_down_a_browser_is_told_the_scorecard_is_starting() -> None:
    servers = backends(1)
    servers[0].healthy = False
    answer = _ask(serve.Proxy(servers, local_only=True), "127.0.0.1", b"GET / HTTP/1.1\r\n\r\n")
    assert answer.written.startswith(b"HTTP/1.1 503 ")


def test_local_mode_will_not_listen_on_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(serve, "ROOT", tmp_path)
    monkeypatch.setattr(Path, "home", lambda: tmp_path / "home")
    assert serve.run(2, "0.0.0.0", 8501, None) == 2
    assert LOCAL_MODE_LISTENS_WIDELY in capsys.readouterr().err


def test_only_an_auth_table_in_a_secrets_file_counts_as_sign_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Path, "home", lambda: tmp_path / "home")
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    assert not serve.sign_in_configured(tmp_path)
    secrets.write_text('[scorecard.roles]\nadmin = ["a@example.gov.uk"]\n')
    assert not serve.sign_in_configured(tmp_path)
    secrets.write_text('[auth]\nredirect_uri = "https://scorecard.example.gov.uk/oauth2callback"\n')
    assert serve.sign_in_configured(tmp_path)
