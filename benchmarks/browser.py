"""How long each page takes to be ready in a real browser, next to bare Streamlit pages.

    python benchmarks/browser.py [--runs 5] [--database demo|large] [--page priority ...]
                                 [--trace DIR]

Starts `streamlit run app.py` on the demonstration database and on the large one of
benchmarks/pages.py (10 years of quarterly figures for 60 measures with five age bands), and
`streamlit run benchmarks/bare_app.py`; drives Debian's Chromium through Playwright at
1366×900, each load in a fresh browser context (nothing cached, as a first visit), the pages
taking turns with their bare equivalents so that whatever else the machine does slows both.

Two moments of each load, counted from the start of navigation (performance.now()):

- **first screen ready**: the first animation frame at which everything in the first 1366×900
  of the page is drawn and stays so: Streamlit's script has finished (the app's
  ``data-test-script-state`` is ``notRunning``, no running indicator, no skeleton), every
  plotly chart that reaches into that viewport has drawn its traces, every image in it has
  loaded, and nothing in it changes (no DOM mutation to an element in the viewport) for the
  following 0.6 s;
- **whole page ready**: the same for the whole page: every visible plotly chart drawn, every
  image loaded, and no DOM mutation anywhere for 0.6 s. The 0.6 s of quiet is not counted:
  the time is that of the frame after which nothing changed.

Bare equivalents (benchmarks/bare_app.py, the same page frame and theme, nothing worked out,
opened at a page's address, /bare?..., as ours are at /priority?...; the Overview, the
default page, at /):
the bare **text** page (30 paragraphs of text under three headings) for every first screen;
for the whole page, a bare page with as many plotly trend charts as the page shows figures
to a plain Streamlit app: a Priority page one per measure and one per breakdown (what its
tiles drew as plotly charts when this benchmark was written), Trends one figure with a small
line per measure, other pages as many plotly charts as they draw; no chart, the text page.

Targets, each printed as met or missed: every page's first screen within 1.2x the bare text
page's; every Priority page's and Trends page's whole page within 0.5x of its bare equivalent;
no page's whole page over 1.5 s on the demonstration database.

``--trace DIR`` saves a Chromium performance trace of one load of each of our pages (open it
in Chromium's DevTools, Performance panel). After the table comes, for each of our pages, what
it costs the browser (CDP Performance metrics of one load): DOM nodes, Streamlit elements,
plotly charts and images, bytes received over the WebSocket, and the main thread's time in
script, style and layout.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pages import build_large  # noqa: E402
from playwright.sync_api import Browser, ViewportSize, sync_playwright  # noqa: E402

from scorecard.startup import init_demo  # noqa: E402
from scorecard.storage.store import Store  # noqa: E402
from ui.navigation import PAGE_SPECS  # noqa: E402

CHROMIUM = os.environ.get("SCORECARD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [  # as tests/browser/conftest.py: no calls to Google's servers
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1366, "height": 900}
QUIET_MS = 600
TEXT_PARAGRAPHS = 30
FIRST_SCREEN_LIMIT, CHARTS_LIMIT, WHOLE_PAGE_LIMIT_S = 1.2, 0.5, 1.5

# Put in every page before its own scripts: it notes every DOM mutation (and whether it
# touched the first screen), and on every animation frame checks whether the first screen,
# and the whole page, are drawn. window.__ready.first / .whole are set once each has held,
# with nothing changing, for QUIET_MS.
PROBE = """
(() => {
  const QUIET = %(quiet)d;
  const ready = { first: null, whole: null, mutations: 0 };
  window.__ready = ready;
  let pending = [], lastAny = 0, lastView = 0, sinceAll = null, sinceView = null;
  const W = innerWidth, H = innerHeight;
  const shown = (el) => el.getClientRects().length > 0;
  const inView = (el) => {
    if (!el || !el.isConnected || !shown(el)) return false;
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.right > 0 && r.top < H && r.left < W;
  };
  new MutationObserver((records) => {
    const t = performance.now();
    lastAny = t;
    ready.mutations += records.length;
    for (const r of records) {
      pending.push([t, r.target.nodeType === 1 ? r.target : r.target.parentElement]);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  const chartDrawn = (chart) => {
    const svg = chart.querySelector(".js-plotly-plot .main-svg");
    return svg !== null && chart.querySelector(".js-plotly-plot .main-svg .trace") !== null;
  };
  const drawn = (only) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
    const main = '[data-testid="stMain"] [data-testid="stElementContainer"]';
    if (!document.querySelector(main)) return false;
    const busy = '[data-testid="stStatusWidgetRunningIcon"], [data-testid="stSkeleton"]';
    if (document.querySelector(busy)) return false;
    for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
      if (only(chart) && !chartDrawn(chart)) return false;
    }
    for (const img of document.images) {
      if (only(img) && !(img.complete && img.naturalWidth > 0)) return false;
    }
    return true;
  };
  const frame = (now) => {
    for (const [t, el] of pending) if (t > lastView && inView(el)) lastView = t;
    pending = [];
    if (ready.first === null) {
      if (sinceView !== null && lastView > sinceView) sinceView = null;
      if (drawn(inView)) { if (sinceView === null) sinceView = now; } else sinceView = null;
      if (sinceView !== null && now - sinceView >= QUIET) ready.first = sinceView;
    }
    if (ready.whole === null) {
      if (sinceAll !== null && lastAny > sinceAll) sinceAll = null;
      if (drawn(shown)) { if (sinceAll === null) sinceAll = now; } else sinceAll = null;
      if (sinceAll !== null && now - sinceAll >= QUIET) ready.whole = sinceAll;
    }
    if (ready.first === null || ready.whole === null) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
""".replace("%(quiet)d", str(QUIET_MS))

COUNTS = """() => ({
  nodes: document.getElementsByTagName("*").length,
  elements: document.querySelectorAll('[data-testid="stElementContainer"]').length,
  charts: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
  images: document.querySelectorAll('[data-testid="stMain"] img').length,
})"""


@dataclass
class Load:
    first: float
    whole: float
    facts: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Target:
    label: str  # how the page is named in the table
    path: str  # its address after the server's
    charts: int | None = None  # the bare equivalent's charts; None: as many as our page draws
    panels: int = 0  # the bare equivalent's small lines in one figure
    judged: bool = False  # a Priority or Trends page: whole page within 0.5x its bare page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def streamlit(script: str, database_url: str | None = None) -> Iterator[str]:
    """`streamlit run SCRIPT` on a free loopback port, from the repository's root; yields its
    address once it answers."""
    port = _free_port()
    env = dict(os.environ)
    if database_url:
        env["SCORECARD_DATABASE_URL"] = database_url
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)]
    command += ["--server.headless", "true", "--server.address", "127.0.0.1"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise SystemExit(f"{script} did not start") from None
            time.sleep(0.3)
    try:
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def load(browser: Browser, url: str, trace: Path | None = None) -> Load:
    """One visit in a fresh context: navigate, wait until both moments are recorded."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(PROBE)
        page = context.new_page()
        received = [0]

        def on_socket(socket: Any) -> None:
            def count(payload: Any) -> None:
                received[0] += len(payload)

            socket.on("framereceived", count)

        page.on("websocket", on_socket)
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        if trace is not None:
            browser.start_tracing(page=page, path=str(trace), screenshots=False)
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function(
            "() => window.__ready?.first != null && window.__ready?.whole != null",
            timeout=120_000,
            polling=100,
        )
        if trace is not None:
            browser.stop_tracing()
        ready = page.evaluate("() => window.__ready")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        facts = page.evaluate(COUNTS)
        facts["kB received"] = received[0] / 1000
        for name in ("ScriptDuration", "RecalcStyleDuration", "LayoutDuration", "TaskDuration"):
            facts[name] = metrics.get(name, 0.0)
        return Load(ready["first"] / 1000, ready["whole"] / 1000, facts)
    finally:
        context.close()


def targets(url: str) -> list[Target]:
    """Every registered page, each Priority and its Trends."""
    catalogue = Store.open(url).catalogue()
    found: list[Target] = []
    biggest = max(catalogue.priorities, key=lambda p: len(catalogue.measures_of(p.number)))
    for spec in PAGE_SPECS:
        if spec.key in ("priority", "trends"):
            for p in catalogue.priorities:
                measures = catalogue.measures_of(p.number)
                query = urlencode({"priority": p.number})
                if spec.key == "priority":
                    charts = len(measures) + sum(1 for m in measures if m.breakdowns)
                    target = Target(f"priority {p.number}", f"priority?{query}", charts, 0, True)
                else:
                    target = Target(f"trends {p.number}", f"trends?{query}", 0, len(measures), True)
                found.append(target)
        elif spec.key == "measure":
            measure = catalogue.measures_of(biggest.number)[0]
            found.append(Target("measure", f"measure?{urlencode({'measure': measure.id})}"))
        elif spec is PAGE_SPECS[0]:  # the default page is at "/": /overview is "Page not found"
            found.append(Target(spec.key, ""))
        else:
            found.append(Target(spec.key, spec.key))
    return found


def bare_path(charts: int, panels: int) -> str:
    """The bare page at a page's address, as ours are (/priority?..., /pledge):
    Streamlit's frontend looks for the server's health check at the page's folder first and
    then at the root, a round trip that a page at the root ("/") does not make."""
    query = urlencode({"text": TEXT_PARAGRAPHS, "charts": charts, "panels": panels})
    return f"bare?{query}"


def median(loads: list[Load], moment: str) -> float:
    return float(statistics.median(getattr(x, moment) for x in loads))


def measure(
    browser: Browser, ours: str, bare: str, target: Target, runs: int, trace: Path | None
) -> tuple[list[Load], list[Load], list[Load], int, dict[str, float]]:
    """``runs`` loads each of our page, its bare equivalent and the bare text page, in turn,
    after one load of each that is not counted: the server's first run of a page fills its
    caches and imports what the page needs, which happens once per server, not per reader.
    The uncounted load of our page tells what it costs the browser and how many charts it
    draws."""
    warm = load(browser, f"{ours}/{target.path}", trace)
    charts = target.charts if target.charts is not None else int(warm.facts["charts"])
    text_page = bare_path(0, 0)
    equivalent = bare_path(charts, target.panels)
    for path in {text_page, equivalent}:
        load(browser, f"{bare}/{path}")
    mine: list[Load] = []
    theirs: list[Load] = []
    text: list[Load] = []
    for _ in range(runs):
        mine.append(load(browser, f"{ours}/{target.path}"))
        text.append(load(browser, f"{bare}/{text_page}"))
        same = equivalent == text_page
        theirs.append(text[-1] if same else load(browser, f"{bare}/{equivalent}"))
    return mine, theirs, text, charts, warm.facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", choices=("demo", "large"), action="append")
    parser.add_argument(
        "--page", action="append", help="only pages whose name starts so (e.g. trends, priority 5)"
    )
    parser.add_argument("--trace", type=Path, help="save a performance trace of each page here")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        raise SystemExit(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    if args.trace:
        args.trace.mkdir(parents=True, exist_ok=True)
    databases = args.database or ["demo", "large"]
    missed: list[str] = []
    costs: list[tuple[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        urls = {}
        for name in databases:
            urls[name] = f"sqlite:///{Path(folder) / name}.db"
            started = time.perf_counter()
            if name == "demo":
                init_demo(Store.open(urls[name]))
            else:
                build_large(urls[name])
            print(f"{name} database built in {time.perf_counter() - started:.1f} s")
        wanted = [p.lower() for p in args.page or [""]]
        chosen = {
            name: [t for t in targets(urls[name]) if any(t.label.startswith(p) for p in wanted)]
            for name in databases
        }
        if not any(chosen.values()):  # "every target met" would be said of nothing
            raise SystemExit(f"no page's name starts with {' or '.join(args.page or [])}")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with streamlit("benchmarks/bare_app.py") as bare:
            print(
                f"\nmedian of {args.runs} loads, fresh context each, 1366x900; seconds\n"
                f"{'database':<6} {'page':<18} {'charts':>6} | {'first screen':>12} "
                f"{'bare text':>9} {'ratio':>6}      | {'whole page':>10} {'bare':>6} "
                f"{'ratio':>6}"
            )
            for name in databases:
                with streamlit("app.py", urls[name]) as ours:
                    for target in chosen[name]:
                        trace = None
                        if args.trace:
                            trace = args.trace / f"{name}-{target.label.replace(' ', '-')}.json"
                        mine, theirs, text, charts, facts = measure(
                            browser, ours, bare, target, args.runs, trace
                        )
                        first, first_bare = median(mine, "first"), median(text, "first")
                        whole, whole_bare = median(mine, "whole"), median(theirs, "whole")
                        first_ok = first <= FIRST_SCREEN_LIMIT * first_bare
                        whole_ok = whole <= CHARTS_LIMIT * whole_bare if target.judged else True
                        if name == "demo" and whole > WHOLE_PAGE_LIMIT_S:
                            whole_ok = False
                        bare_kind = f"{charts}c" if not target.panels else f"{target.panels}p"
                        print(
                            f"{name:<6} {target.label:<18} {bare_kind:>6} | {first:>12.2f} "
                            f"{first_bare:>9.2f} {first / first_bare:>5.2f}x "
                            f"{'ok' if first_ok else 'MISSED':<6}| {whole:>10.2f} "
                            f"{whole_bare:>6.2f} {whole / whole_bare:>5.2f}x "
                            f"{'ok' if whole_ok else 'MISSED'}",
                            flush=True,
                        )
                        if not first_ok:
                            missed.append(f"{name} {target.label}: first screen")
                        if not whole_ok:
                            missed.append(f"{name} {target.label}: whole page")
                        costs.append((f"{name} {target.label}", facts))
        browser.close()
    print(
        "\nwhat one load of each page costs the browser (main thread, seconds of CDP "
        "Performance metrics)\n"
        f"{'page':<25} {'nodes':>6} {'elements':>8} {'charts':>6} {'images':>6} "
        f"{'kB recv':>8} {'script':>7} {'style':>6} {'layout':>7} {'tasks':>6}"
    )
    for label, f in costs:
        print(
            f"{label:<25} {f['nodes']:>6.0f} {f['elements']:>8.0f} {f['charts']:>6.0f} "
            f"{f['images']:>6.0f} {f['kB received']:>8.0f} {f['ScriptDuration']:>7.2f} "
            f"{f['RecalcStyleDuration']:>6.2f} {f['LayoutDuration']:>7.2f} "
            f"{f['TaskDuration']:>6.2f}"
        )
    print(
        f"\ntargets: first screen <= {FIRST_SCREEN_LIMIT}x the bare text page; Priority and "
        f"Trends whole page <= {CHARTS_LIMIT}x their bare equivalent; no whole page over "
        f"{WHOLE_PAGE_LIMIT_S} s on the demo"
    )
    print("every target met" if not missed else "MISSED: " + "; ".join(missed))


if __name__ == "__main__":
    main()
