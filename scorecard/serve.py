"""Several Streamlit servers on one database behind one sticky proxy:
``python -m scorecard serve --processes N [--address A] [--port P]``.

One Streamlit server is one Python process, so it uses at most about one core however many
people are reading (the global interpreter lock). This starts N ``streamlit run app.py``
processes on loopback ports, sharing one ``server.cookieSecret`` (so the XSRF cookie one
process set verifies in every other), and a small proxy in front that sends each browser to
one of them for good: Streamlit keeps a session's state, and the files uploaded in it, in the
process its WebSocket is open to.

The proxy routes each request by its own cookie (``scorecard_server``, set on the first
response to a browser that has none, naming a process, nothing secret), asks every process
for a new connection per request (``Connection: close``) so that each request is routed by
its own cookie, and passes a WebSocket through as a byte stream once the process has accepted
it. It asks each process's health check every two seconds, sends nobody new to one that does
not answer, and starts again a process that has stopped.

With no sign-in configured (local mode) the proxy refuses what the app refuses: it will not
listen on anything but a loopback address, and answers a connection from another computer
with the app's own explanation and nothing else (behind the proxy the app sees every
connection come from this computer). Host and Origin reach the app as the browser sent them,
and the app checks them as it always does.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from scorecard.access import LOCAL_MODE_LISTENS_WIDELY, LOCAL_MODE_REMOTE_CLIENT, _is_loopback
from scorecard.startup import open_store

ROOT = Path(__file__).resolve().parents[1]  # where app.py and .streamlit/ are
LOOPBACK = "127.0.0.1"
COOKIE = "scorecard_server"
MAX_PROCESSES = 16
HEAD_LIMIT = 64 * 1024  # the longest request or response head the proxy reads
HEAD_SECONDS = 30  # how long a client may take to send a request head
HEALTH_SECONDS = 2.0
CHUNK = 64 * 1024


def sign_in_configured(root: Path | None = None) -> bool:
    """Whether the app will run with sign-in: an [auth] table in one of the secrets files
    Streamlit reads by default (the user's, then the app folder's). Anything else is local
    mode, and the proxy then refuses everyone not on this computer: wrong this way round
    only costs a shared deployment its visitors, never local mode its protection."""
    root = root or ROOT
    for path in (Path.home() / ".streamlit" / "secrets.toml", root / ".streamlit" / "secrets.toml"):
        try:
            with path.open("rb") as file:
                if "auth" in tomllib.load(file):
                    return True
        except FileNotFoundError:
            continue
    return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """One ``streamlit run app.py`` process, and what the proxy knows of it."""

    number: int
    port: int
    command: list[str]
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    healthy: bool = False
    started_at: float = 0.0
    starts: int = 0
    quick_exits: int = 0  # exits soon after starting, in a row: wait longer each time
    connections: int = 0

    def start(self) -> None:
        # Not its standard output: that tells people to open its own port, past the proxy.
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL
        )
        self.started_at = time.monotonic()
        self.starts += 1
        self.healthy = False

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def servers(processes: int, database_url: str | None) -> list[Server]:
    env = dict(os.environ)
    # One secret for every process, so a cookie one of them signed verifies in the others.
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
    if database_url:
        env["SCORECARD_DATABASE_URL"] = database_url
    made = []
    for number in range(processes):
        port = free_port()
        command = [
            *(sys.executable, "-m", "streamlit", "run", "app.py"),
            *("--server.port", str(port), "--server.address", LOOPBACK),
            *("--server.headless", "true"),
        ]
        made.append(Server(number, port, command, env))
    return made


# -- the proxy ----------------------------------------------------------------------------


def _response(status: str, text: str) -> bytes:
    body = text.encode()
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n"
        "X-Content-Type-Options: nosniff\r\n\r\n"
    ).encode() + body


def _cookie(headers: list[tuple[str, str]]) -> str | None:
    for name, value in headers:
        if name.lower() == "cookie":
            for part in value.split(";"):
                key, _, found = part.strip().partition("=")
                if key == COOKIE:
                    return found
    return None


def _parse_head(head: bytes) -> tuple[str, list[tuple[str, str]]]:
    lines = head.decode("latin-1").split("\r\n")
    headers = []
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise ValueError("a header line without a colon")
        headers.append((name.strip(), value.strip()))
    return lines[0], headers


@dataclass
class Proxy:
    backends: list[Server]
    local_only: bool
    turn: int = 0

    def choose(self, cookie: str | None) -> tuple[Server | None, bool]:
        """The process for a request, and whether to tell the browser which one it is."""
        if cookie is not None and cookie.isdigit() and int(cookie) < len(self.backends):
            named = self.backends[int(cookie)]
            if named.healthy:
                return named, False
        healthy = [b for b in self.backends if b.healthy]
        if not healthy:
            return None, False
        # The least busy; among equals, the next in turn.
        self.turn += 1
        order = sorted(
            healthy, key=lambda b: (b.connections, (b.number - self.turn) % len(self.backends))
        )
        return order[0], True

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await self._handle(reader, writer)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass
        except TimeoutError:
            pass
        finally:
            writer.close()  # not awaited: at shutdown the loop closes this coroutine meanwhile

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername")
        if self.local_only and not (peer and _is_loopback(str(peer[0]))):
            writer.write(_response("403 Forbidden", LOCAL_MODE_REMOTE_CLIENT))
            await writer.drain()
            return
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEAD_SECONDS)
        request_line, headers = _parse_head(head)
        upgrade = any(n.lower() == "upgrade" and v.lower() == "websocket" for n, v in headers)
        cookie = _cookie(headers)
        # A request with a body is sent on as it comes; one without can be asked again of
        # another server if the first closes without a word (it was stopping).
        has_body = any(
            n.lower() == "transfer-encoding" or (n.lower() == "content-length" and v != "0")
            for n, v in headers
        )
        if not upgrade:  # one request per connection, so each is routed by its own cookie
            headers = [(n, v) for n, v in headers if n.lower() not in ("connection", "keep-alive")]
            headers.append(("Connection", "close"))
        outgoing = (
            request_line + "\r\n" + "".join(f"{n}: {v}\r\n" for n, v in headers) + "\r\n"
        ).encode("latin-1")
        while True:
            backend, tell = self.choose(cookie)
            if backend is None:
                writer.write(_response("503 Service Unavailable", "The scorecard is starting."))
                await writer.drain()
                return
            try:
                up_reader, up_writer = await asyncio.wait_for(
                    asyncio.open_connection(LOOPBACK, backend.port, limit=HEAD_LIMIT), 10
                )
            except (OSError, TimeoutError):  # stopped since the last health check: another
                backend.healthy = False
                continue
            backend.connections += 1
            try:
                up_writer.write(outgoing)
                up = asyncio.create_task(_pipe(reader, up_writer)) if has_body else None
                try:
                    answer = await up_reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionResetError) as exc:
                    answered = isinstance(exc, asyncio.IncompleteReadError) and exc.partial
                    if has_body or answered:
                        raise
                    backend.healthy = False
                    continue
                if tell:
                    status, _, rest = answer.partition(b"\r\n")
                    told = f"{COOKIE}={backend.number}; Path=/; HttpOnly; SameSite=Lax"
                    answer = status + f"\r\nSet-Cookie: {told}\r\n".encode() + rest
                writer.write(answer)
                down = asyncio.create_task(_pipe(up_reader, writer))
                up = up or asyncio.create_task(_pipe(reader, up_writer))
                done, _ = await asyncio.wait({down, up}, return_when=asyncio.FIRST_COMPLETED)
                if up in done and up.exception() is None and not down.done():
                    await down  # the client has sent everything: the answer still comes
                for task in (down, up):
                    task.cancel()
                await asyncio.gather(down, up, return_exceptions=True)
                return
            finally:
                backend.connections -= 1
                up_writer.close()


async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    while data := await source.read(CHUNK):
        sink.write(data)
        await sink.drain()
    if sink.can_write_eof():
        with contextlib.suppress(OSError):
            sink.write_eof()


async def _healthy(port: int) -> bool:
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(LOOPBACK, port), 2)
    except (OSError, TimeoutError):
        return False
    try:
        writer.write(b"GET /_stcore/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        await writer.drain()
        status = await asyncio.wait_for(reader.readline(), HEALTH_SECONDS)
        return status.split(b" ")[1:2] == [b"200"]
    except (OSError, TimeoutError, asyncio.IncompleteReadError):
        return False
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


async def supervise(backends: list[Server], say: bool = True) -> None:
    """Every two seconds: ask each process whether it is well; start again one that stopped."""
    while True:
        for backend in backends:
            process = backend.process
            if process is not None and process.poll() is not None:
                backend.healthy = False
                ran = time.monotonic() - backend.started_at
                backend.quick_exits = backend.quick_exits + 1 if ran < 30 else 0
                wait = min(30.0, 2.0**backend.quick_exits) if backend.quick_exits else 0.0
                if say:
                    print(
                        f"scorecard serve: server {backend.number} (port {backend.port}) "
                        f"stopped with exit status {process.returncode}; starting it again"
                        + (f" in {wait:g} s" if wait else ""),
                        file=sys.stderr,
                        flush=True,
                    )
                backend.process = None
                if wait:
                    await asyncio.sleep(wait)
                backend.start()
            elif process is not None:
                backend.healthy = await _healthy(backend.port)
        await asyncio.sleep(HEALTH_SECONDS)


async def serve(
    processes: int, address: str, port: int, database_url: str | None, started: float = 120
) -> None:
    backends = servers(processes, database_url)
    proxy = Proxy(backends, local_only=not sign_in_configured())
    for backend in backends:
        backend.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    watching = asyncio.create_task(supervise(backends))
    try:
        deadline = time.monotonic() + started
        while not all(b.healthy for b in backends):
            if time.monotonic() > deadline or stop.is_set():
                raise SystemExit("scorecard serve: the servers did not start")
            for backend in backends:
                backend.healthy = backend.healthy or await _healthy(backend.port)
            await asyncio.sleep(0.3)
        listening = await asyncio.start_server(proxy.handle, address, port, limit=HEAD_LIMIT)
        ports = ", ".join(str(b.port) for b in backends)
        print(
            f"scorecard serve: http://{address}:{port} → {processes} servers on "
            f"{LOOPBACK} ports {ports} (proxy pid {os.getpid()}; "
            f"{'local mode, this computer only' if proxy.local_only else 'sign-in'})",
            flush=True,
        )
        async with listening:
            await stop.wait()
    finally:
        watching.cancel()
        for backend in backends:
            backend.stop()


def refusal(address: str) -> str | None:
    """Why serve must not start: local mode on an address others can reach."""
    if not sign_in_configured() and not _is_loopback(address):
        return LOCAL_MODE_LISTENS_WIDELY
    return None


def run(processes: int, address: str, port: int, database_url: str | None) -> int:
    if not 1 <= processes <= MAX_PROCESSES:
        print(f"error: --processes must be between 1 and {MAX_PROCESSES}", file=sys.stderr)
        return 2
    reason = refusal(address)
    if reason:
        print(f"error: {reason}", file=sys.stderr)
        return 2
    # Migrate (and, the first time, fill the embedded demonstration database) here, once,
    # rather than in N processes starting at the same moment.
    open_store(database_url).engine.dispose()
    asyncio.run(serve(processes, address, port, database_url))
    return 0
