"""A backup that fails part-way (a full disk, a file-size limit) leaves last night's good
backup exactly as it was, leaves no half-written file behind, and says why."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.cli import main
from scorecard.startup import init_demo
from scorecard.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


def last_nights_backup(url: str, folder: Path) -> Path:
    """A good backup of the demonstration authority, then a day's work after it (a roll-back),
    so tonight's backup is bigger than last night's."""
    init_demo(Store.open(url))
    folder.mkdir()
    good = folder / "scorecard-backup.zip"
    assert main(["--db", url, "backup", str(good)]) == 0
    Store.open(url).rollback(17, actor="Ann Officer")
    return good


def test_a_backup_stopped_by_a_file_size_limit_leaves_the_last_good_one_intact(
    database_url: str, tmp_path: Path
) -> None:
    good = last_nights_backup(database_url, tmp_path / "backups")
    before = good.read_bytes()
    # No file may grow past last night's size: tonight's backup, a little bigger, cannot be
    # finished. SIGXFSZ ignored, as Python does, so the write fails with EFBIG.
    limit = len(before)
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "from scorecard.cli import main\n"
        f"sys.exit(main(['--db', {database_url!r}, 'backup', {str(good)!r}]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert "The backup was not made: the file grew larger than the largest file" in run.stderr
    assert "The previous backup, scorecard-backup.zip, is as it was." in run.stderr
    assert good.read_bytes() == before
    assert os.listdir(good.parent) == [good.name]  # no half-written file left behind


def test_a_backup_on_a_full_disk_says_so_and_leaves_the_last_good_one_intact(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = last_nights_backup(database_url, tmp_path / "backups")
    before = good.read_bytes()
    capsys.readouterr()

    def disk_full(_descriptor: int) -> None:
        # Where a full disk often shows: the data written so far was only in memory.
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    assert main(["--db", database_url, "backup", str(good)]) == 1
    message = capsys.readouterr().err
    assert "The backup was not made: the disk is full." in message
    assert "Free some space on it, or back up to another disk" in message
    assert good.read_bytes() == before
    assert os.listdir(good.parent) == [good.name]


def test_a_backup_replaces_the_previous_one_only_when_complete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'scorecard.db'}"
    good = last_nights_backup(url, tmp_path / "backups")
    before = good.read_bytes()
    assert main(["--db", url, "backup", str(good)]) == 0
    assert good.read_bytes() != before  # tonight's, with the roll-back in it
    assert os.listdir(good.parent) == [good.name]
    restored = f"sqlite:///{tmp_path / 'restored.db'}"
    assert main(["--db", restored, "restore", str(good)]) == 0
    assert [u.status for u in Store.open(restored).uploads() if u.id == 17] == ["rolled back"]
