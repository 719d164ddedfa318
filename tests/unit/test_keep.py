"""The page cache: one computation per key however many sessions ask, and a bounded size."""

from __future__ import annotations

import gc
import threading
import time
import weakref

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


class Reading:
    """Stands for the scorecard: big, and keyed on its database and version."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.figures = list(range(100_000))

    @property
    def cache_key(self) -> tuple[str, int]:
        return ("db", self.version)


def test_a_kept_result_does_not_hold_on_to_the_reading_it_came_from() -> None:
    computed = []

    @kept(4)
    def count(reading: Reading) -> int:
        computed.append(reading.version)
        return len(reading.figures)

    first = Reading(7)
    gone = weakref.ref(first)
    assert count(first) == 100_000
    del first
    gc.collect()
    assert gone() is None  # an old version's figures are freed once no page uses them
    assert count(Reading(7)) == 100_000
    assert computed == [7]  # a new reading at the same version found the kept result
