"""How long our whole ingest takes, next to reading the same workbook with python-calamine alone.

    python benchmarks/ingest.py [--repeat 5] [--pandas-repeat 2] [--quarter-repeat 3] [--keep DIR]

Generates a template-layout workbook (Instructions, Measures, Data, Commentary, Actions) with
24,000 observations: a synthetic catalogue of 60 measures with 9 breakdowns each (10 with
All), over 40 quarters. Then measures, in separate child processes so that each peak memory
is its own and runs of different kinds are interleaved:

* the bare read: python-calamine opening the workbook and turning every sheet into Python;
* our ingest, as ``python -m scorecard ingest`` does it: read with the safety checks,
  validate, preview against the database, and store, into a fresh SQLite database;
* the floor: the same read, then the Data rows inserted as they are into the same table with
  plain sqlite3, nothing checked: the least any ingest that stores the figures can take;
* ``pandas.read_excel(engine="openpyxl")`` of every sheet, the naive reference;
* the usual upload, untargeted: the last quarter alone (600 figures) checked and saved into a
  database holding the 39 quarters before it (what an officer does each quarter).

Prints the median and best times, the ratio of each to the bare read, and the peak resident
memory of each child (the whole Python process). Targets (issue 17): our ingest within 1.5x
the floor measured in the same run, and under 300 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MEASURES = 60
QUARTERS = 40
BREAKDOWNS = ("Under 1", "1-4", "5-9", "10-15", "16+", "17-18", "19-21", "Boys", "Girls")
TARGET_RATIO = 1.5  # of the floor
TARGET_MB = 300


# -- the workbook -----------------------------------------------------------------------------
def catalogue_data() -> dict[str, Any]:
    measures = []
    for number in range(MEASURES):
        percent = number % 2 == 0
        measures.append(
            {
                "id": f"BENCH_{number:02d}",
                "name": f"Benchmark measure {number}",
                "priority": 1 + number % 6,
                "unit": "percent" if percent else "count",
                "polarity": "higher_is_better" if percent else "none",
                "decimals": 1 if percent else 0,
                **({"target": 80.0, "tolerance": 5.0} if percent else {}),
                "definition": "A made-up measure for the benchmark.",
                "why_it_matters": "It does not; it is for timing.",
                "source": "benchmarks/ingest.py",
                "breakdowns": list(BREAKDOWNS),
            }
        )
    return {
        "authority": {"name": "Benchmarkshire (made up)", "demonstration": True},
        "priorities": [
            {"number": n, "short_title": f"P{n}", "title": f"Priority {n}", "plain_title": "P"}
            for n in range(1, 7)
        ],
        "measures": measures,
    }


def _seed(*parts: object) -> int:
    return zlib.crc32("|".join(map(str, parts)).encode())


def write_workbook(path: Path, quarters_wanted: slice = slice(None)) -> int:
    """The template's layout, filled in for 40 quarters (or those of them ``quarters_wanted``
    picks, oldest first); returns the number of observations."""
    from openpyxl import Workbook

    from scorecard.catalogue import parse_catalogue
    from scorecard.periods import Period
    from scorecard.rag import as_displayed
    from scorecard.upload.issues import (
        ACTIONS_COLUMNS,
        COMMENTARY_COLUMNS,
        DATA_COLUMNS,
        MEASURES_COLUMNS,
    )

    catalogue = parse_catalogue(catalogue_data(), "benchmark catalogue")
    last = Period.containing(dt.date.today()).previous()
    quarters = [last]
    while len(quarters) < QUARTERS:
        quarters.append(quarters[-1].previous())
    quarters.reverse()
    quarters = quarters[quarters_wanted]
    book = Workbook(write_only=True)
    book.create_sheet("Instructions").append(["Benchmark workbook in the template's layout."])
    measures_sheet = book.create_sheet("Measures")
    measures_sheet.append(list(MEASURES_COLUMNS))
    for m in catalogue.measures:
        measures_sheet.append(
            [
                m.id,
                m.name,
                m.priority,
                m.unit.value,
                m.polarity.value,
                m.decimals,
                m.target,
                m.tolerance,
                m.frequency.value,
                ", ".join(m.breakdowns),
                m.definition,
                m.why_it_matters,
                m.source,
            ]
        )
    data = book.create_sheet("Data")
    data.append(list(DATA_COLUMNS))
    count = 0
    for m in catalogue.measures:
        for quarter in quarters:
            for breakdown in m.all_breakdowns:
                seed = _seed(m.id, quarter.label, breakdown)
                note = "Provisional figure" if seed % 97 == 0 else None
                if seed % 211 == 0:
                    data.append([m.id, quarter.label, breakdown, "c", None, None, note])
                elif m.unit.value == "percent":
                    denominator = 20 + seed % 80
                    numerator = seed % (denominator + 1)
                    value = float(as_displayed(100 * numerator / denominator, 1))
                    data.append(
                        [m.id, quarter.label, breakdown, value, numerator, denominator, note]
                    )
                else:
                    data.append([m.id, quarter.label, breakdown, 10 + seed % 400, None, None, note])
                count += 1
    commentary = book.create_sheet("Commentary")
    commentary.append(list(COMMENTARY_COLUMNS))
    for priority in range(1, 7):
        commentary.append([last.label, priority, "narrative", "Summary", "Made-up commentary."])
    actions = book.create_sheet("Actions")
    actions.append(list(ACTIONS_COLUMNS))
    for priority in range(1, 7):
        actions.append([priority, "A made-up action", "Officer", None, "on track", "None yet."])
    book.save(path)
    return count


# -- one measurement, in a child process -----------------------------------------------------
def benchmark_store(url: str) -> Any:
    """A new database holding the benchmark's catalogue and nothing else."""
    from scorecard.catalogue import parse_catalogue
    from scorecard.storage.store import Store

    store = Store.open(url)
    store.replace_catalogue(
        parse_catalogue(catalogue_data(), "benchmark catalogue"),
        actor="benchmark",
        file_name="benchmark",
        sha256="0" * 64,
    )
    return store


def measure_calamine(path: Path) -> dict[str, Any]:
    from python_calamine import CalamineWorkbook

    content = path.read_bytes()
    started = time.perf_counter()
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    cells = sum(
        len(row) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()
    )
    return {"seconds": time.perf_counter() - started, "cells": cells}


def measure_ingest(path: Path) -> dict[str, Any]:
    """What `python -m scorecard ingest FILE` does with ``path``, into a fresh database."""
    return _timed_ingest(path)


def measure_quarter(path: Path) -> dict[str, Any]:
    """The usual upload: the quarter just ended (600 figures, ``path``), into a database that
    holds the 39 quarters before it (23,400 figures, saved first and not timed)."""
    return _timed_ingest(path, history=slice(None, -1))


def _timed_ingest(path: Path, history: slice | None = None) -> dict[str, Any]:
    """``path`` checked and saved, timed, into a new database holding the benchmark's
    catalogue and, if given, the quarters ``history`` picks (saved first, not timed)."""
    from scorecard.upload import ingest, sandbox

    with tempfile.TemporaryDirectory() as folder:
        store = benchmark_store(f"sqlite:///{folder}/bench.db")
        if history is not None:
            earlier = Path(folder) / "history.xlsx"
            write_workbook(earlier, history)
            saved = ingest.check(store, earlier.name, earlier.read_bytes(), today=dt.date.today())
            ingest.commit(store, saved, actor="benchmark")
        content = path.read_bytes()
        # The process that reads workbooks starts once per server, before its first upload
        # (a command-line run starts its own while it loads its modules): timed apart, by
        # reading a tiny workbook.
        reader_started = time.perf_counter()
        sandbox.read_xlsx("warm-up.xlsx", _tiny_workbook())
        reader_seconds = time.perf_counter() - reader_started
        started = time.perf_counter()
        # What `python -m scorecard ingest FILE` does, printing aside.
        checked = ingest.check(store, path.name, content, today=dt.date.today())
        checked_at = time.perf_counter()
        result = ingest.commit(store, checked, actor="benchmark")
        finished = time.perf_counter()
        stored = len(store.current_observations())
    if not checked.is_valid or result.changed_nothing:
        raise SystemExit(f"{path.name} was not stored:\n" + ingest.report(checked))
    return {
        "seconds": finished - started,
        "check_seconds": checked_at - started,
        "commit_seconds": finished - checked_at,
        "reader_seconds": reader_seconds,
        "stored": stored,
    }


def _tiny_workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["warm-up"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def measure_floor(path: Path) -> dict[str, Any]:
    """The least any ingest that reads these figures and stores them can take: the calamine
    read, then the Data sheet's rows inserted as they are into the same table (its index and
    foreign keys, one transaction, 90 rows per statement as ours) with plain sqlite3; nothing
    checked, no preview, no audit."""
    import sqlite3

    from python_calamine import CalamineWorkbook

    from scorecard.catalogue import ALL
    from scorecard.periods import parse_period
    from scorecard.storage.store import _QUICK_COLUMNS, _ROWS_PER_INSERT

    with tempfile.TemporaryDirectory() as folder:
        file = f"{folder}/floor.db"
        store = benchmark_store(f"sqlite:///{file}")
        store.engine.dispose()
        connection = sqlite3.connect(file, isolation_level=None)
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute(
            "INSERT INTO uploads (id, uploaded_at, uploaded_by, file_name, sha256, status, "
            "summary) VALUES (7, '2026-01-01 00:00:00', 'benchmark', 'floor', 'f', "
            "'committed', '')"
        )
        content = path.read_bytes()
        started = time.perf_counter()
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheets = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
        ends: dict[str, str] = {}
        values: list[Any] = []
        for measure, period, breakdown, value, numerator, denominator, note in sheets["Data"][1:]:
            if period not in ends:
                ends[period] = parse_period(period).end.isoformat()
            suppressed = value == "c"
            values += (
                7,
                measure,
                period,
                ends[period],
                breakdown or ALL,
                None if suppressed else value,
                numerator if numerator != "" else None,
                denominator if denominator != "" else None,
                "c" if suppressed else None,
                note or None,
            )
        # The store's own columns (the tuples above are in their order) and rows per statement.
        columns = ", ".join(_QUICK_COLUMNS)
        width, rows = len(_QUICK_COLUMNS), _ROWS_PER_INSERT

        def statement(count: int) -> str:
            return f"INSERT INTO observations ({columns}) VALUES " + ", ".join(
                ["(" + ", ".join("?" * width) + ")"] * count
            )

        whole = len(values) // (width * rows) * width * rows
        connection.execute("BEGIN")
        connection.executemany(
            statement(rows),
            [values[i : i + width * rows] for i in range(0, whole, width * rows)],
        )
        if whole < len(values):
            connection.execute(statement((len(values) - whole) // width), values[whole:])
        connection.execute("COMMIT")
        seconds = time.perf_counter() - started
        stored = connection.execute("SELECT count(*) FROM observations").fetchone()[0]
        connection.close()
    return {"seconds": seconds, "stored": stored}


def measure_pandas(path: Path) -> dict[str, Any]:
    import pandas as pd

    content = path.read_bytes()
    started = time.perf_counter()
    frames = pd.read_excel(io.BytesIO(content), sheet_name=None, engine="openpyxl")
    rows = sum(len(f) for f in frames.values())
    return {"seconds": time.perf_counter() - started, "rows": rows}


def measure_imports_only(path: Path) -> dict[str, Any]:
    """The interpreter with our modules loaded and nothing read: the floor of peak memory."""
    import pandas  # noqa: F401
    from python_calamine import CalamineWorkbook  # noqa: F401

    from scorecard.storage.store import Store  # noqa: F401
    from scorecard.upload import ingest  # noqa: F401

    return {"seconds": 0.0}


MEASUREMENTS = {
    "calamine": measure_calamine,
    "ingest": measure_ingest,
    "floor": measure_floor,
    "pandas": measure_pandas,
    "imports": measure_imports_only,
    "quarter": measure_quarter,
}


# Started through this small process: Linux counts a child's memory from before its exec
# (while it is still a copy of its parent, here a process that has just written a 24,000-row
# workbook) in the child's peak, so the measured process is started from a small one.
_SPAWN = """
import json, os, subprocess, sys
child = subprocess.Popen(json.loads(sys.argv[1]), stdout=subprocess.PIPE)
output = child.stdout.read()
_, status, usage = os.wait4(child.pid, 0)
found = json.loads(output) if os.waitstatus_to_exitcode(status) == 0 else None
print(json.dumps({"result": found, "peak_kb": usage.ru_maxrss}))
"""


def run_child(kind: str, path: Path) -> dict[str, Any]:
    """One measurement in a fresh interpreter, with its own peak resident memory (wait4)."""
    command = [sys.executable, __file__, "--measure", kind, str(path)]
    finished = subprocess.run(
        [sys.executable, "-c", _SPAWN, json.dumps(command)],
        capture_output=True,
        cwd=ROOT,
        env=os.environ | {"PYTHONHASHSEED": "0"},
        check=True,
    )
    report = json.loads(finished.stdout)
    if report["result"] is None:
        raise SystemExit(f"the {kind} measurement failed:\n{finished.stderr.decode()}")
    found: dict[str, Any] = report["result"]
    found["peak_mb"] = report["peak_kb"] / 1024  # kilobytes on Linux
    return found


# -- the report ---------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each (default 5)")
    parser.add_argument("--pandas-repeat", type=int, default=2, help="runs of pandas (slow)")
    parser.add_argument(
        "--quarter-repeat", type=int, default=3, help="runs of a quarter's upload into 10 years"
    )
    parser.add_argument("--keep", type=Path, help="keep the generated workbook in this folder")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        kind, file = args.measure
        print(json.dumps(MEASUREMENTS[kind](Path(file))))
        return 0

    folder = args.keep or Path(tempfile.mkdtemp(prefix="scorecard-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "benchmark-upload.xlsx"
    observations = write_workbook(path)
    quarter = folder / "benchmark-quarter.xlsx"
    write_workbook(quarter, slice(-1, None))
    print(
        f"Workbook: {observations:,} observations ({MEASURES} measures x {QUARTERS} quarters x "
        f"{len(BREAKDOWNS) + 1} breakdowns) in the template's layout, "
        f"{path.stat().st_size / 1024:.0f} KB"
    )
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s); {args.repeat} runs each")
    runs: dict[str, list[dict[str, Any]]] = {k: [] for k in MEASUREMENTS}
    runs["imports"].append(run_child("imports", path))
    for index in range(args.repeat):
        runs["calamine"].append(run_child("calamine", path))
        runs["ingest"].append(run_child("ingest", path))
        runs["floor"].append(run_child("floor", path))
        if index < args.pandas_repeat:
            runs["pandas"].append(run_child("pandas", path))
        if index < args.quarter_repeat:
            runs["quarter"].append(run_child("quarter", quarter))
    for kind in ("ingest", "floor"):
        if runs[kind][0]["stored"] != observations:
            raise SystemExit(f"{kind}: stored {runs[kind][0]['stored']} of {observations}")

    def median(kind: str, key: str = "seconds") -> float:
        return statistics.median(r[key] for r in runs[kind])

    def best(kind: str) -> float:
        return min(r["seconds"] for r in runs[kind])

    def peak(kind: str) -> float:
        return max(r["peak_mb"] for r in runs[kind])

    bare = median("calamine")
    rows = [
        ("python-calamine read (baseline)", "calamine"),
        ("our ingest: read + validate + store", "ingest"),
        ("floor: read + bare insert, no checks", "floor"),
        ('pandas.read_excel(engine="openpyxl")', "pandas"),
    ]
    print()
    print(f"{'':40}{'median':>10}{'best':>10}{'x calamine':>12}{'peak memory':>14}")
    for label, kind in rows:
        if not runs[kind]:  # --pandas-repeat 0
            continue
        print(
            f"{label:40}{median(kind):>9.3f}s{best(kind):>9.3f}s"
            f"{median(kind) / bare:>11.1f}x{peak(kind):>11.0f} MB"
        )
    print(f"{'  of which read + validate + preview':40}{median('ingest', 'check_seconds'):>9.3f}s")
    print(f"{'  of which store (one transaction)':40}{median('ingest', 'commit_seconds'):>9.3f}s")
    print(
        f"{'  not timed: starting the reader process':40}"
        f"{median('ingest', 'reader_seconds'):>9.3f}s (once per server; the command line starts it"
        " while it loads)"
    )
    print(f"{'Python with our modules loaded':40}{'':>31}{peak('imports'):>11.0f} MB")
    if runs["quarter"]:
        print(
            f"The usual upload, the quarter just ended ({MEASURES * (len(BREAKDOWNS) + 1)} "
            f"figures), into the {QUARTERS - 1} quarters before it: "
            f"{median('quarter'):.3f}s (check {median('quarter', 'check_seconds'):.3f}s, save "
            f"{median('quarter', 'commit_seconds'):.3f}s), median of {len(runs['quarter'])}"
        )
    ratio = median("ingest") / median("floor")
    print()
    print(
        f"Ingest / floor: {ratio:.2f}x (target <= {TARGET_RATIO}x the floor): "
        + ("met" if ratio <= TARGET_RATIO else "NOT met")
    )
    print(
        f"Floor / calamine: {median('floor') / bare:.2f}x; the target leaves "
        f"{(TARGET_RATIO - 1) * median('floor'):.3f}s beyond the floor for every check, the "
        f"preview and the audit; ours take {median('ingest') - median('floor'):.3f}s"
    )
    print(
        f"Peak memory of the ingest: {peak('ingest'):.0f} MB (target < {TARGET_MB} MB): "
        + ("met" if peak("ingest") < TARGET_MB else "NOT met")
    )
    if args.keep is None:
        path.unlink()
        quarter.unlink()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    raise SystemExit(main())
