"""Page times under load: N concurrent Streamlit sessions browsing while an upload commits.

    python benchmarks/load.py [--sessions 1 10 50] [--seconds 20] [--think 0] [--min-views 30]
                               [--processes N]

Starts the app (`streamlit run app.py`, from a snapshot of the working tree so edits made
meanwhile cannot reload it half-way) on a free 127.0.0.1 port against a fresh SQLite copy of
the demonstration authority, made in a temporary folder with `python -m scorecard init-demo`.
Then, for each N, opens N concurrent sessions that browse Overview, a Priority, Trends, the
Pledge and a Measure in a loop for --seconds (longer if need be, until there are --min-views
views: one session pausing 5 s between views makes only four in 20 s, too few for a 95th
percentile), while `python -m scorecard ingest` commits a small upload half-way through (a
different figure and note for every N, so it is never an identical file). Prints, for each N,
the page views, the median and 95th-percentile page time and the errors, then p95(largest N) /
p95(smallest N) and whether the targets hold: zero errors, and p95 at the largest N within
1 s. Each N's line also gives the CPU the app servers used, in cores and in milliseconds per
page view (which depends less than the times on what else the machine is doing).

--processes N serves through `python -m scorecard serve --processes N` instead: N app servers
behind the sticky proxy, measured through the proxy (whose own CPU gets a column).

Each session is a real Streamlit session spoken to over Streamlit's own WebSocket protocol, as
the browser's frontend does: GET the page, the health check (which sets the XSRF cookie) and the
host config; open /_stcore/stream with the subprotocols ["streamlit", <XSRF token>] and the
cookie; then, for every page view, send BackMsg.rerun_script (query string, page script hash,
browser context, the hashes of the messages it has cached) and read ForwardMsgs until
script_finished. A page view's time runs from sending the rerun to receiving script_finished:
the server's pace, not a browser's painting speed. An error is an exception element, an error
alert (the app's "database unavailable" message), a script_finished status other than success,
a page not found, a view over --timeout, a dropped connection, or a failed upload. After the
upload has committed, every view of the uploaded measure's page must show the upload's note
(its absence counts as a stale view, an error).

--think adds a pause between one session's views (someone reading the page); the default, 0,
is back to back, the worst case. Streamlit settings can be tried through the environment
(STREAMLIT_RUNNER_POST_SCRIPT_GC=false ...), which the server inherits; the header lists them.

Bounded: at most 200 sessions and 600 s per N, --timeout per view; everything stops by itself
and the server is stopped at the end. Nothing listens on, or connects to, anything but
127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.cookiejar
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException
from websockets.typing import Origin, Subprotocol

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only, always
MAX_SESSIONS = 200
MAX_SECONDS = 600
MAX_PROCESSES = 8
TARGET_P95_MS = 1000  # at the largest N
UPLOAD_MEASURE = "NEET_16_18"
UPLOAD_PERIOD = "2026/27 Q2"
XSRF_COOKIE = "_streamlit_xsrf"


# -- the server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def snapshot(folder: Path) -> Path:
    """A copy of the app to serve, so edits made to the working tree during the run do not
    make the server reload modules half-way (and no secrets.toml: always local mode)."""
    app = folder / "app"
    shutil.copytree(
        ROOT,
        app,
        ignore=shutil.ignore_patterns(
            ".git",
            "node_modules",
            "test-artifacts",
            "tests",
            ".*_cache",
            ".benchmarks",
            "__pycache__",
            "*.db",
            "*.db-*",
            "secrets.toml",
            "file:",
        ),
    )
    return app


def run_cli(app: Path, database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scorecard", "--db", database_url, *args],
        cwd=app,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@contextlib.contextmanager
def running_app(
    app: Path, database_url: str, log: Path, processes: int = 0
) -> Iterator[tuple[str, int]]:
    """`streamlit run app.py` on a free loopback port, or with `processes`, that many behind
    the sticky proxy (`python -m scorecard serve`); yields its address and process id."""
    port = free_port()
    env = os.environ | {"SCORECARD_DATABASE_URL": database_url}
    if processes:
        command = [
            *(sys.executable, "-m", "scorecard", "--db", database_url, "serve"),
            *("--processes", str(processes), "--port", str(port), "--address", HOST),
        ]
    else:
        command = [
            *(sys.executable, "-m", "streamlit", "run", "app.py"),
            *("--server.port", str(port), "--server.address", HOST),
            *("--server.headless", "true"),
        ]
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, cwd=app, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the app did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.3)
        yield url, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def children(pid: int) -> list[int]:
    """The processes `pid` started (Linux): the app servers behind the proxy."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def server_cpu(pid: int, processes: int) -> dict[int, float]:
    """CPU seconds so far of the app server, or with --processes of the proxy (pid) and each
    app server behind it, by process id."""
    found = {p: cpu_seconds(p) for p in ([pid, *children(pid)] if processes else [pid])}
    return {p: seconds for p, seconds in found.items() if seconds is not None}


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux), to show how busy the server was."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# -- one session --------------------------------------------------------------------------


@dataclass
class View:
    page: str
    started: float
    ms: float
    error: str | None = None
    checked_fresh: bool = False  # the uploaded measure's page, viewed after the upload


@dataclass
class Upload:
    marker: str
    at: float  # when to start it (monotonic)
    committed_at: float | None = None
    seconds: float = 0.0
    error: str | None = None


@dataclass
class Session:
    """One browser tab's worth of Streamlit session, spoken to over the WebSocket."""

    base: str
    ws: ClientConnection | None = None
    page_hashes: dict[str, str] = field(default_factory=dict)
    # Like the frontend's ForwardMsgCache: hash -> (message, run it was last used in).
    cache: dict[str, tuple[bytes, int]] = field(default_factory=dict)
    max_cache_age: int = 2
    runs: int = 0

    async def open(self, first_page: str) -> None:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

        def fetch() -> None:
            # What a browser does before it connects: the page, then the frontend's pings.
            for path in (f"/{first_page}", "/_stcore/health", "/_stcore/host-config"):
                with opener.open(self.base + path, timeout=30) as answer:
                    answer.read()

        await asyncio.to_thread(fetch)
        token = next((c.value for c in jar if c.name == XSRF_COOKIE), None)
        if token is None:
            raise RuntimeError("the server set no XSRF cookie (is XSRF protection off?)")
        # Every cookie, as a browser sends them: behind the proxy, its own says which
        # server this session's WebSocket must reach.
        cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
        self.ws = await connect(
            self.base.replace("http://", "ws://") + "/_stcore/stream",
            subprotocols=[Subprotocol("streamlit"), Subprotocol(token)],
            origin=Origin(self.base),
            additional_headers={"Cookie": cookies},
            max_size=None,
            open_timeout=30,
        )

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()
            self.ws = None

    def _rerun(self, page: str, query: str) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        if page in self.page_hashes:
            state.page_script_hash = self.page_hashes[page]  # a click in the menu
        else:
            state.page_name = page  # a deep link opened in a new tab
        state.context_info.timezone = "Europe/London"
        state.context_info.timezone_offset = 0
        state.context_info.locale = "en-GB"
        state.context_info.url = f"{self.base}/{page}" + (f"?{query}" if query else "")
        state.cached_message_hashes.extend(self.cache)
        return msg.SerializeToString()

    async def view(self, page: str, query: str, timeout: float, marker: str | None) -> View:
        """One page view: rerun request to script_finished. Returns its time and any error."""
        assert self.ws is not None
        started = time.monotonic()
        error: str | None = None
        seen_marker = False
        await self.ws.send(self._rerun(page, query))
        while True:
            left = started + timeout - time.monotonic()
            if left <= 0:
                raise TimeoutError
            data = await asyncio.wait_for(self.ws.recv(decode=False), left)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            if msg.WhichOneof("type") == "ref_hash":
                cached = self.cache.get(msg.ref_hash)
                if cached is None:
                    error = error or "reference to a message not in the cache"
                    continue
                self.cache[msg.ref_hash] = (cached[0], self.runs)
                data = cached[0]
                msg = ForwardMsg()
                msg.ParseFromString(data)
            elif msg.metadata.cacheable:
                self.cache[msg.hash] = (data, self.runs)
            if marker is not None and marker.encode() in data:
                seen_marker = True
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.max_cache_age = msg.new_session.config.max_cached_message_age or 2
            elif kind == "navigation":
                for app_page in msg.navigation.app_pages:
                    self.page_hashes[app_page.url_pathname] = app_page.page_script_hash
            elif kind == "page_not_found":
                error = error or f"page not found: {msg.page_not_found.page_name}"
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                if element.WhichOneof("type") == "exception":
                    what = element.exception.type or "details hidden, see the server log"
                    error = error or f"exception ({what})"
                elif element.WhichOneof("type") == "alert" and element.alert.format == Alert.ERROR:
                    error = error or f"error shown: {element.alert.body[:80]}"
            elif kind == "script_finished":
                status = msg.script_finished
                self._age_cache()
                if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                    error = (
                        error or f"script_finished {ForwardMsg.ScriptFinishedStatus.Name(status)}"
                    )
                if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    break
        elapsed = (time.monotonic() - started) * 1000
        if marker is not None and not seen_marker and error is None:
            error = "stale: the upload's figures were not shown after it committed"
        return View(page, started, elapsed, error, checked_fresh=marker is not None)

    def _age_cache(self) -> None:
        self.runs += 1
        for key, (_, used) in list(self.cache.items()):
            if self.runs - used > self.max_cache_age:
                del self.cache[key]


# -- one N --------------------------------------------------------------------------------


def plan(session: int, priorities: list[int], measures: list[str]) -> Iterator[tuple[str, str]]:
    """The pages one session visits, forever, each session starting somewhere else."""
    step = session
    while True:
        priority = priorities[step % len(priorities)]
        # Every other Measure view is the measure the upload changes.
        measure = UPLOAD_MEASURE if step % 2 == 0 else measures[step % len(measures)]
        tour = [
            ("", ""),  # Overview, the default page
            ("priority", f"priority={priority}"),
            ("trends", f"priority={priority}"),
            ("pledge", ""),
            ("measure", f"measure={measure}"),
        ]
        for i in range(len(tour)):
            yield tour[(session + i) % len(tour)]
        step += 1


async def browse(
    base: str,
    number: int,
    deadline: float,
    args: argparse.Namespace,
    upload: Upload,
    catalogue: tuple[list[int], list[str]],
    views: list[View],
) -> None:
    pages = plan(number, *catalogue)
    session = Session(base)
    pause = random.Random(number)
    try:
        page, query = next(pages)
        if args.think:  # people arrive over the first pause, not all in the same instant
            await asyncio.sleep(pause.uniform(0, args.think))
        hard_stop = deadline - args.seconds + MAX_SECONDS
        while keep_browsing(views, deadline, hard_stop, args):
            if session.ws is None:
                await session.open(page)
            committed = upload.committed_at
            check = (
                page == "measure"
                and query == f"measure={UPLOAD_MEASURE}"
                and committed is not None
                and time.monotonic() > committed
            )
            started = time.monotonic()
            try:
                views.append(
                    await session.view(page, query, args.timeout, upload.marker if check else None)
                )
            except (TimeoutError, WebSocketException, OSError) as exc:
                reason = "timed out" if isinstance(exc, TimeoutError) else "connection dropped"
                elapsed = (time.monotonic() - started) * 1000
                views.append(View(page, started, elapsed, f"{reason}: {type(exc).__name__}"))
                await session.close()  # a browser would reconnect with a fresh session
            page, query = next(pages)
            if args.think:  # reading the page: half to one and a half times --think
                wait = pause.uniform(0.5, 1.5) * args.think
                await asyncio.sleep(min(wait, max(0.0, deadline - time.monotonic())))
    finally:
        await session.close()


async def commit_upload(app: Path, database_url: str, upload: Upload, phase: int) -> None:
    """`python -m scorecard ingest` of a one-row CSV; every phase changes the figure."""
    numerator, denominator = 8 + (5 * phase) % 50, 62
    csv = app.parent / f"load-{phase}-{upload.marker.split()[-1]}.csv"
    csv.write_text(
        "measure_id,period,breakdown,value,numerator,denominator,note\n"
        f"{UPLOAD_MEASURE},{UPLOAD_PERIOD},All,{round(100 * numerator / denominator, 1)},"
        f"{numerator},{denominator},{upload.marker}\n"
    )
    await asyncio.sleep(max(0.0, upload.at - time.monotonic()))
    started = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "scorecard", "--db", database_url, "ingest", str(csv)),
        *("--user", "load-benchmark"),
        cwd=app,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    upload.seconds = time.monotonic() - started
    if process.returncode == 0:
        upload.committed_at = time.monotonic()
    else:
        upload.error = f"ingest exited {process.returncode}: {output.decode()[-400:]}"


@dataclass
class Result:
    sessions: int
    views: list[View]
    upload: Upload
    server_cores: float | None
    client_cores: float
    server_cpu: float | None = None  # seconds, every app server together
    proxy_cores: float | None = None  # the proxy's own, with --processes

    @property
    def cpu_per_view(self) -> float | None:
        """Milliseconds of app-server CPU per page view: less sensitive than the times to
        whatever else the machine is doing."""
        if self.server_cpu is None or not self.views:
            return None
        return 1000 * self.server_cpu / len(self.views)

    @property
    def times(self) -> list[float]:
        return [v.ms for v in self.views if v.error is None]

    @property
    def errors(self) -> list[str]:
        found = [v.error for v in self.views if v.error is not None]
        return found + ([self.upload.error] if self.upload.error else [])


def keep_browsing(
    views: list[View], deadline: float, hard_stop: float, args: argparse.Namespace
) -> bool:
    """Until --seconds have passed and there are --min-views views; never past the hard stop
    or --max-views."""
    now = time.monotonic()
    enough = now >= deadline and len(views) >= args.min_views
    return not enough and now < hard_stop and len(views) < args.max_views


async def run_n(
    base: str, pid: int, app: Path, database_url: str, n: int, phase: int, args: argparse.Namespace
) -> Result:
    with (app / "data" / "catalogue.toml").open("rb") as handle:
        catalogue = tomllib.load(handle)
    choices = (
        sorted(int(p["number"]) for p in catalogue["priorities"]),
        [str(m["id"]) for m in catalogue["measures"]],
    )
    start = time.monotonic()
    deadline = start + args.seconds
    upload = Upload(f"Load benchmark upload {secrets.token_hex(4)}", start + args.seconds / 2)
    views: list[View] = []
    server_before, client_before = server_cpu(pid, args.processes), time.process_time()
    uploading = asyncio.create_task(commit_upload(app, database_url, upload, phase))
    outcomes = await asyncio.gather(
        *(browse(base, i, deadline, args, upload, choices, views) for i in range(n)),
        return_exceptions=True,
    )
    await uploading
    wall = time.monotonic() - start
    for outcome in outcomes:
        if isinstance(outcome, BaseException):  # could not even open the session
            views.append(View("(connect)", start, 0.0, f"session failed: {outcome!r}"[:200]))
    server_after = server_cpu(pid, args.processes)
    # A server the proxy started again meanwhile is left out: its time is not all in the run.
    servers = [p for p in server_after if p in server_before and (p != pid or not args.processes)]
    used = sum(server_after[p] - server_before[p] for p in servers) if servers else None
    proxy = (
        (server_after[pid] - server_before[pid]) / wall
        if args.processes and pid in server_after and pid in server_before
        else None
    )
    client_cores = (time.process_time() - client_before) / wall
    return Result(
        n,
        views,
        upload,
        used / wall if used is not None else None,
        client_cores,
        used,
        proxy,
    )


# -- report -------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN when there is nothing to rank."""
    if not values:
        return float("nan")
    ranked = sorted(values)
    return ranked[max(0, min(len(ranked) - 1, round(q / 100 * len(ranked) + 0.5) - 1))]


def report(result: Result) -> str:
    times = result.times
    fresh = [v for v in result.views if v.checked_fresh]
    stale = sum(1 for v in fresh if v.error and v.error.startswith("stale"))
    upload = (
        f"{result.upload.seconds:4.1f} s" if result.upload.committed_at is not None else "FAILED"
    )
    server = f"{result.server_cores:.2f}" if result.server_cores is not None else "n/a"
    per_view = f"{result.cpu_per_view:.1f}" if result.cpu_per_view is not None else "n/a"
    proxy = f" {result.proxy_cores:>6.2f}" if result.proxy_cores is not None else ""
    return (
        f"{result.sessions:>8} {len(result.views):>6} "
        f"{statistics.median(times) if times else float('nan'):>9.0f} "
        f"{percentile(times, 95):>7.0f} {max(times, default=float('nan')):>7.0f} "
        f"{len(result.errors):>6}  {upload:>7} {len(fresh) - stale:>4}/{len(fresh):<4} "
        f"{server:>6} {per_view:>8} {result.client_cores:>6.2f}{proxy}"
    )


def by_page(result: Result) -> str:
    """Median and p95 of each page, and the views just after the upload committed (the first
    of the new data version, which work the figures out again)."""
    parts = []
    for page in sorted({v.page for v in result.views if not v.error}):
        times = [v.ms for v in result.views if v.page == page and not v.error]
        parts.append(f"{page} {statistics.median(times):.0f}/{percentile(times, 95):.0f}")
    committed = result.upload.committed_at
    if committed is not None:
        after = [v.ms for v in result.views if committed <= v.started < committed + 2]
        if after:
            parts.append(f"2 s after the upload {statistics.median(after):.0f}/{max(after):.0f}")
    return "         median/p95 ms: " + ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--seconds", type=float, default=20.0, help="browsing time per N")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean pause between one session's page views, like reading the page (s); 0 = "
        "back to back, the worst case",
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="longest page view (s)")
    parser.add_argument("--max-views", type=int, default=20_000, help="most page views per N")
    parser.add_argument("--by-page", action="store_true", help="also each page's times")
    parser.add_argument(
        "--processes",
        type=int,
        default=0,
        help="serve through `python -m scorecard serve --processes N` (N app servers behind "
        "the sticky proxy) instead of one `streamlit run`",
    )
    parser.add_argument(
        "--min-views",
        type=int,
        default=30,
        help="fewest page views per N: browsing goes on past --seconds until there are this "
        "many, so that even one session's 95th percentile is worked out from enough views",
    )
    args = parser.parse_args()
    if not all(1 <= n <= MAX_SESSIONS for n in args.sessions):
        parser.error(f"--sessions must be between 1 and {MAX_SESSIONS}")
    if not 1 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be between 1 and {MAX_SECONDS}")
    if not 0 <= args.processes <= MAX_PROCESSES:
        parser.error(f"--processes must be between 0 and {MAX_PROCESSES}")

    with tempfile.TemporaryDirectory(prefix="scorecard-load-") as name:
        folder = Path(name)
        app = snapshot(folder)
        database_url = f"sqlite:///{folder / 'scorecard.db'}"
        made = run_cli(app, database_url, "init-demo")
        if made.returncode != 0:
            raise SystemExit(f"init-demo failed:\n{made.stdout}{made.stderr}")
        log = folder / "server.log"
        with running_app(app, database_url, log, args.processes) as (base, pid):
            what = (
                f"{args.processes} x streamlit run app.py behind `python -m scorecard serve` "
                f"(the sticky proxy, pid {pid}) at {base}"
                if args.processes
                else f"streamlit run app.py at {base} (pid {pid})"
            )
            print(
                f"server: {what}, from a snapshot of the working tree, on a fresh SQLite demo "
                f"database; XSRF protection on; {os.cpu_count()} CPU cores, load average "
                f"{os.getloadavg()[0]:.1f} before starting"
            )
            overrides = sorted(k for k in os.environ if k.startswith("STREAMLIT_"))
            if overrides:
                print(f"server settings from the environment: {', '.join(overrides)}")
            print(
                "client: Streamlit's WebSocket protocol (/_stcore/stream), one session per "
                f"connection; {args.seconds:g} s per N, think time {args.think:g} s, "
                "upload half-way"
            )
            # Warm up (imports, first cache fill), not counted: one session for each server.
            warm = argparse.Namespace(
                **{**vars(args), "seconds": 5.0, "think": 0.0, "min_views": 0}
            )
            warmed = asyncio.run(
                run_n(base, pid, app, database_url, max(1, args.processes), 0, warm)
            )
            if warmed.errors:
                print(
                    f"warm-up (not counted): {len(warmed.errors)} errors, e.g. {warmed.errors[0]}"
                )
            print(
                f"{'sessions':>8} {'views':>6} {'median ms':>9} {'p95 ms':>7} {'max ms':>7} "
                f"{'errors':>6}  {'upload':>7} {'fresh':>9} {'server':>6} {'cpu/view':>8} "
                f"{'client':>6}" + (f" {'proxy':>6}" if args.processes else "")
            )
            results = []
            for phase, n in enumerate(args.sessions, start=1):
                result = asyncio.run(run_n(base, pid, app, database_url, n, phase, args))
                results.append(result)
                print(report(result), flush=True)
                if args.by_page:
                    print(by_page(result), flush=True)
                for error, count in _counted(result.errors):
                    print(f"         {count} x {error}")
                time.sleep(2)  # let the server close the sessions before the next N
            log_lines = log.read_text(errors="replace").splitlines()
            busy = os.getloadavg()[0]
    print(
        f"load average at the end: {busy:.1f}, this run included; anything else running on "
        "the machine skews the times"
    )
    print(
        "(upload: how long `scorecard ingest` took; fresh: views of the uploaded measure after "
        "the commit that showed it; server, client, proxy: CPU cores busy, the app servers' "
        "together, this script's and the proxy's; cpu/view: ms of app-server CPU per view)"
    )
    low = min(results, key=lambda r: r.sessions)
    high = max(results, key=lambda r: r.sessions)
    errors = sum(len(r.errors) for r in results)
    ratio = percentile(high.times, 95) / percentile(low.times, 95)
    print(f"p95({high.sessions})/p95({low.sessions}) = {ratio:.1f}")
    p95 = percentile(high.times, 95)
    p95_ok = p95 <= TARGET_P95_MS
    print(
        f"p95 at {high.sessions} sessions: {p95:.0f} ms (target <= {TARGET_P95_MS} ms): "
        + ("ok" if p95_ok else "MISSED")
    )
    print(f"errors: {errors} (target 0): {'ok' if errors == 0 else 'MISSED'}")
    tracebacks = [i for i, line in enumerate(log_lines) if line.startswith("Traceback")]
    if tracebacks:
        first = tracebacks[0]
        ends = (i for i in range(first + 1, len(log_lines)) if log_lines[i][:1] not in " T")
        end = next(ends, len(log_lines) - 1)
        print(f"server log: {len(tracebacks)} tracebacks; the first ends:")
        print("\n".join(f"    {line}" for line in log_lines[max(first, end - 8) : end + 1]))
    print("targets hold" if p95_ok and errors == 0 else "targets MISSED")


def _counted(items: list[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return sorted(counts.items(), key=lambda pair: -pair[1])


if __name__ == "__main__":
    main()
