"""Faults and concurrency, on SQLite and PostgreSQL: several officers uploading at once, a
process killed half-way through an upload, a database that is down or read-only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from scorecard.startup import init_demo
from scorecard.storage.store import AuditAction, Store, UploadStatus

ROOT = Path(__file__).resolve().parents[2]
HEADER = "measure_id,period,breakdown,value,numerator,denominator,note\n"


def csv_upload(folder: Path, name: str, neet: tuple[int, int]) -> Path:
    n, d = neet
    path = folder / name
    path.write_text(
        HEADER + f"NEET_16_18,2026/27 Q2,,{round(100 * n / d, 1)},{n},{d},\n", encoding="utf-8"
    )
    return path


def cli(url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "scorecard", "--db", url, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def demo(database_url: str) -> str:
    init_demo(Store.open(database_url))
    return database_url


def test_simultaneous_uploads_each_commit_once_or_are_recognised(demo: str, tmp_path: Path) -> None:
    different = [csv_upload(tmp_path, f"officer{i}.csv", (i + 1, 60)) for i in range(3)]
    same = csv_upload(tmp_path, "shared.csv", (9, 60))
    copies = []
    for i in range(3):
        copy = tmp_path / f"copy{i}.csv"
        copy.write_bytes(same.read_bytes())
        copies.append(copy)
    before = len(Store.open(demo).uploads())

    processes = [cli(demo, "ingest", str(f), "--user", f.stem) for f in [*different, *copies]]
    results = [(p.wait(timeout=120), *p.communicate()) for p in processes]

    assert all(code == 0 for code, _, _ in results), results
    assert all("Traceback" not in err for _, _, err in results)
    outputs = [out for _, out, _ in results[3:]]
    assert sum("Saved as upload" in out for out in outputs) == 1
    assert sum("nothing changed" in out for out in outputs) == 2

    store = Store.open(demo)
    uploads = store.uploads()
    assert len(uploads) == before + 4  # three different files and one of the identical three
    assert all(u.status is UploadStatus.COMMITTED for u in uploads)
    log = [e.action for e in store.audit_log()]
    assert log.count(AuditAction.UPLOAD) == before + 4
    assert log.count(AuditAction.IDENTICAL_UPLOAD) == 2
    # The value that counts is the one from the newest upload.
    newest = max(uploads, key=lambda u: u.id)
    current = store.current_observations()
    neet = current[(current.measure_id == "NEET_16_18") & (current.period == "2026/27 Q2")]
    assert int(neet.iloc[0]["upload_id"]) == newest.id


# Run in a child process: commit an upload, but stop for good half-way through writing it.
_HALF_WAY = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from scorecard.periods import parse_period
    from scorecard.records import Observation, Submission
    from scorecard.storage.store import Store

    url, flag = sys.argv[1], Path(sys.argv[2])
    original = Store._insert_contents

    def insert_then_hang(self, conn, upload_id, submission):
        original(self, conn, upload_id, submission)
        flag.write_text("observations written, not committed")
        time.sleep(600)

    Store._insert_contents = insert_then_hang
    quarter = parse_period("2026/27 Q2")
    rows = [Observation("CLA_COUNT", quarter, value=float(i)) for i in range(1)]
    Store.open(url).commit(Submission(rows), actor="doomed", file_name="killed.csv",
                           sha256="k" * 64)
    """
)


def test_a_process_killed_mid_upload_leaves_the_database_as_it_was(
    demo: str, tmp_path: Path
) -> None:
    store = Store.open(demo)
    before = (store.data_version(), store.uploads(), len(store.current_observations()))
    flag = tmp_path / "half-way"
    child = subprocess.Popen(
        [sys.executable, "-c", _HALF_WAY, demo, str(flag)], cwd=ROOT, env=os.environ.copy()
    )
    deadline = time.monotonic() + 60
    while not flag.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert flag.exists(), "the child never reached the middle of its upload"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)

    after = Store.open(demo)
    assert (after.data_version(), after.uploads(), len(after.current_observations())) == before
    # And the database still takes uploads (no lock left behind).
    assert (
        subprocess.run(
            [sys.executable, "-m", "scorecard", "--db", demo, "rollback", "17"], cwd=ROOT
        ).returncode
        == 0
    )


def test_unreachable_database_gives_a_clear_message_not_a_traceback() -> None:
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "scorecard",
            "--db",
            "postgresql+psycopg://127.0.0.1:1/x",
            "uploads",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert finished.returncode == 1
    assert "cannot be reached right now" in finished.stderr
    assert "Traceback" not in finished.stderr and "127.0.0.1" not in finished.stderr


def test_read_only_database_says_nothing_can_be_saved(tmp_path: Path) -> None:
    path = tmp_path / "scorecard.db"
    init_demo(Store.open(f"sqlite:///{path}"))
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    finished = subprocess.run(
        [sys.executable, "-m", "scorecard", "--db", read_only, "rollback", "17"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert finished.returncode == 1
    assert "read-only, so nothing can be saved" in finished.stderr
    assert "Traceback" not in finished.stderr
    assert Store.open(f"sqlite:///{path}").uploads()[0].status is UploadStatus.COMMITTED
