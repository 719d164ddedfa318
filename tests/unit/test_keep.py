"""The page cache: one computation per key however many sessions ask, and a bounded size."""

from __future__ import annotations

import threading
import time

import pytest

from ui.keep import kept


def test_fifty_sessions_asking_at_once_compute_the_figures_once() -> None:
    computed = []

    @kept(4)
    def figures(url: str, version: int) -> str:
        computed.append((url, version))
        time.sleep(0.05)  # long enough for every session to arrive while it is computed
        return f"{url}@{version}"

    answers: list[str] = []
    sessions = [
        threading.Thread(target=lambda: answers.append(figures("db", 7))) for _ in range(50)
    ]
    for session in sessions:
        session.start()
    for session in sessions:
        session.join()
    assert computed == [("db", 7)]
    assert answers == ["db@7"] * 50


def test_the_oldest_result_goes_first_when_full() -> None:
    computed = []

    @kept(2)
    def figures(version: int) -> int:
        computed.append(version)
        return version * 10

    assert [figures(1), figures(2), figures(1), figures(3)] == [10, 20, 10, 30]
    assert computed == [1, 2, 3]  # the second ask for version 1 was kept
    figures(1)  # versions 2 and 3 are kept now; 1 went first
    assert computed == [1, 2, 3, 1]


def test_a_failure_is_not_kept_and_the_next_ask_tries_again() -> None:
    attempts = []

    @kept(2)
    def figures(version: int) -> int:
        attempts.append(version)
        if len(attempts) == 1:
            raise ConnectionError("database unreachable")
        return version

    with pytest.raises(ConnectionError):
        figures(5)
    assert figures(5) == 5
    assert attempts == [5, 5]
