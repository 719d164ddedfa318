"""A line of the release ledger is read as a release this program wrote, or refused saying
what is wrong with it: never a crash, never a figure quietly changed or dropped."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from scorecard.storage import ledger

SHOWN = {"PLACEMENTS": {"All": 44.0, "Foster care": None, "With parents": 0.0}}
GOOD = {
    "period": "2026/27 Q1",
    "published_at": "2026-12-03T09:30:00+00:00",
    "authority": "Testshire (test data)",
    "output": "JSON export",
    "shown": SHOWN,
    "sha256": ledger.digest(SHOWN),
}


def line(**changes: Any) -> bytes:
    row = GOOD | changes
    if "shown" in changes and "sha256" not in changes:
        row["sha256"] = ledger.digest(changes["shown"])  # a forger keeps the checksum right
    return (json.dumps(row) + "\n").encode()


def test_a_line_the_scorecard_wrote_is_read_back_as_it_was() -> None:
    entry = ledger.Entry(
        "2026/27 Q1",
        dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC),
        "Testshire (test data)",
        "JSON export",
        SHOWN,
        ledger.digest(SHOWN),
    )

    assert ledger.parse(entry.line()) == (entry, None)
    assert ledger.parse(line()) == (entry, None)


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        (line(period="2026/27 q1"), "the period '2026/27 q1' is not written as the scorecard"),
        (line(period="Michaelmas"), 'the period "Michaelmas" is not a period'),
        (line(published_at="yesterday"), 'published_at "yesterday" is not a date and time'),
        (line(published_at="2026-12-03T09:30:00"), "published_at has no time zone"),
        (line(output="x" * 41), "output is not text of 1 to 40 characters"),
        (line(authority="x" * 10_001), "authority is not text of 1 to 10,000 characters"),
        (line(shown={"P\x1b[2J": {"All": True}}), "P\\u001b[2J All: true is not a figure"),
        (line(shown={"P": {"All": True}}), "P All: true is not a figure"),
        (line(shown={"P": {"All": "47"}}), 'P All: "47" is not a figure'),
        (line(shown={"P": [47]}), "the figures of P are not breakdown → figure"),
        (
            line().replace(b'"All": 44.0', b'"All": 1' + b"0" * 400),
            "PLACEMENTS All: the number is far too large to be a figure",
        ),
        (line(sha256="0" * 64), "its checksum (sha256) is not that of its figures"),
        (line(extra=1), "'extra' is not part of a release"),
        (b'{"period": "2026/27 Q1"}\n', "the release has no published_at, authority, output"),
        (b"[1, 2]\n", "the line is not a release (a JSON object)"),
        (b"\xff\xfe\n", "the line is not UTF-8 text"),
        (b"[" * 100_000 + b"\n", "the line nests lists or objects far deeper than any release"),
        (b'{"period": Infinity}\n', "Infinity is not a number a release can hold"),
    ],
)
def test_a_damaged_or_forged_line_is_refused_saying_what_is_wrong(bad: bytes, problem: str) -> None:
    found, said = ledger.parse(bad)

    assert found is None
    assert said is not None and said.startswith(problem), said


def test_any_name_a_catalogue_or_upload_can_hold_is_read_back() -> None:
    # Whatever the scorecard writes it must read: a long or odd authority or breakdown name
    # refused here would stop every public output until someone mended the ledger by hand.
    odd = "Demo\u202eshire <img src=x> " + "long " * 400 + "\x07\ttab"
    shown = {"PLACEMENTS": {odd: 44.0, "All": 44.0}}
    when = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)
    entry = ledger.Entry("2026/27 Q1", when, odd, "JSON export", shown, ledger.digest(shown))

    assert ledger.parse(entry.line()) == (entry, None)
