"""Differencing across releases (issue 12): nothing hidden in one public release can be
worked out by setting it beside another.

Release 1 publishes placements as 47 = 30, 10, c, c (foster care, children's homes, placed
with parents, other). A correction sets parents to 0; published without memory, release 2
is 44 = 30, c, 0, c, and together they give other = 44 - 30 - 10 = 4 and the old parents =
47 - 30 - 10 - 4 = 3. A roll-back of the correction gives the same two releases the other
way round. The attacker here reads both public JSON exports, knows that the correction was
to the parents' figure only (the rest stayed as they were) and that counts are whole and not
negative, and tries every table that fits. (Not even that a hidden count is at least 1: the
subtraction alone is the attack, and suppression that remembers may hide a zero.)
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from scorecard.storage.store import Store
from tests.integration.test_release_records import (
    CORRECTED,
    FIRST,
    PLACEMENTS,
    council,
    public_export,
    run,
    upload,
)

FOSTER, HOMES, PARENTS, OTHER = PLACEMENTS


def possible(before: dict[str, Any], after: dict[str, Any]) -> dict[str, set[int]]:
    """Every value of other and of the parents before the correction that fits both
    releases, as the attacker works them out (a part published as a number in either release
    is that number; any other is tried from 0 to the largest total)."""
    largest = max(v for v in [*before.values(), *after.values()] if isinstance(v, float))

    def candidates(*shown: Any) -> list[int]:
        numbers = {int(v) for v in shown if isinstance(v, float)}
        return sorted(numbers) if numbers else list(range(int(largest) + 1))

    found: dict[str, set[int]] = {"other": set(), "old parents": set()}
    for foster, homes, other, parents in itertools.product(
        candidates(before.get(FOSTER), after.get(FOSTER)),
        candidates(before.get(HOMES), after.get(HOMES)),
        candidates(before.get(OTHER), after.get(OTHER)),
        candidates(before.get(PARENTS)),
    ):
        tables = [
            (before, {FOSTER: foster, HOMES: homes, PARENTS: parents, OTHER: other}),
            (after, {FOSTER: foster, HOMES: homes, PARENTS: 0, OTHER: other}),
        ]
        if all(fits(shown, table) for shown, table in tables):
            found["other"].add(other)
            found["old parents"].add(parents)
    return found


def fits(shown: dict[str, Any], table: dict[str, int]) -> bool:
    """Whether a release could have been published from ``table``."""
    for part, value in table.items():
        published = shown.get(part)
        if isinstance(published, float) and published != value:
            return False
    total = shown.get("All")
    return not isinstance(total, float) or total == sum(table.values())


def test_a_correction_published_after_the_original_does_not_give_away_what_was_hidden(
    tmp_path: Path,
) -> None:
    url = council(tmp_path)
    assert run(url, "ingest", upload(tmp_path, "q1.csv", FIRST)) == 0
    first = public_export(url, tmp_path / "release1.json")
    # Parents (3) and other (4) are small; the part after other, wrapping round in catalogue
    # order, is foster care, hidden with them (the old rule hid the smallest, homes, instead).
    assert first == {"All": 47.0, FOSTER: "c", HOMES: 10.0, PARENTS: "c", OTHER: "c"}
    assert run(url, "ingest", upload(tmp_path, "correction.csv", CORRECTED)) == 0

    second = public_export(url, tmp_path / "release2.json")

    found = possible(first, second)
    assert len(found["other"]) > 1, f"other is given away: {found['other']} from {second}"
    assert len(found["old parents"]) > 1, f"parents were given away: {found['old parents']}"


def test_rolling_a_published_correction_back_does_not_give_away_what_was_hidden(
    tmp_path: Path,
) -> None:
    url = council(tmp_path)
    run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))
    run(url, "ingest", upload(tmp_path, "correction.csv", CORRECTED))
    corrected = public_export(url, tmp_path / "release1.json")
    [correction, _] = Store.open(url).uploads()
    assert run(url, "rollback", str(correction.id)) == 0

    restored = public_export(url, tmp_path / "release2.json")

    found = possible(restored, corrected)
    assert len(found["other"]) > 1, f"other is given away: {found['other']} from {restored}"
    assert len(found["old parents"]) > 1, f"parents were given away: {found['old parents']}"
