"""What each public output showed of each period, remembered so that suppression can keep
later releases from being subtracted from earlier ones (issue 12).

A release of a period is kept once per distinct content: the same figures published again,
by the same output or another, add nothing a reader did not already have, so they are not
recorded twice. Writers take the database's write lock (:class:`database.Guarded`), so two
servers recording the same release at once store it once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, insert, select, tuple_

from scorecard.disclosure import Release
from scorecard.periods import parse_period
from scorecard.storage import schema as t
from scorecard.storage.store import Store


class Output(StrEnum):
    """Every public output, as the officer's preview names it."""

    JSON = "JSON export"
    CSV = "CSV export"
    XLSX = "scorecard workbook"
    PDF = "briefing pack"
    PAGE = "Published version page"
    PRESENT = "Present public session"
    STATIC = "Static site"


@dataclass(frozen=True)
class Publication:
    """One recorded release and the output that first showed it."""

    release: Release
    output: str


def record(
    store: Store, releases: Sequence[Release], output: Output, *, at: dt.datetime | None = None
) -> int:
    """Remember what ``output`` showed; returns how many releases were new.

    Releases already recorded are looked for first without the write lock, so an output
    shown again (a page seen by its next visitor) costs one read and writes nothing.
    """
    rows = [_row(release, output, at) for release in releases if release.shown]
    if not rows:
        return 0
    with store.reading() as conn:
        if not _missing(conn, rows):
            return 0
    with store.writing() as conn:
        # Again, holding the lock: another server may have recorded them in between.
        rows = _missing(conn, rows)
        if rows:
            conn.execute(insert(t.publications), rows)
    return len(rows)


def published(store: Store, periods: Collection[str] | None = None) -> list[Publication]:
    """The releases recorded, of the given period labels or of all, oldest first."""
    query = select(t.publications).order_by(t.publications.c.published_at, t.publications.c.id)
    if periods is not None:
        query = query.where(t.publications.c.period.in_(sorted(periods)))
    with store.reading() as conn:
        return [_publication(row) for row in conn.execute(query).mappings()]


def releases(store: Store, periods: Collection[str] | None = None) -> list[Release]:
    """What every earlier public output showed, for :func:`scorecard.disclosure.publishable`."""
    return [p.release for p in published(store, periods)]


def _row(release: Release, output: Output, at: dt.datetime | None) -> dict[str, Any]:
    shown: dict[str, dict[str, float | None]] = {}
    for (measure_id, breakdown), value in sorted(release.shown.items()):
        # JSON has no infinity or NaN: such a figure is kept as hidden, which protects more.
        kept = None if value is None or not math.isfinite(value) else float(value)
        shown.setdefault(measure_id, {})[breakdown] = kept
    canonical = json.dumps(shown, sort_keys=True, separators=(",", ":"))
    return {
        "period": release.period.label,
        "sha256": hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
        "output": output.value,
        "published_at": at or release.published_at,
        "shown": shown,
    }


def _missing(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows whose period and content are not recorded yet (each once)."""
    keys = sorted({(r["period"], r["sha256"]) for r in rows})
    query = select(t.publications.c.period, t.publications.c.sha256).where(
        tuple_(t.publications.c.period, t.publications.c.sha256).in_(keys)
    )
    known = set(map(tuple, conn.execute(query).all()))
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["period"], row["sha256"])
        if key not in known:
            found.setdefault(key, row)
    return list(found.values())


def _publication(row: Any) -> Publication:
    shown = {
        (measure_id, breakdown): value
        for measure_id, cells in row["shown"].items()
        for breakdown, value in cells.items()
    }
    moment = row["published_at"]
    when = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
    return Publication(Release(parse_period(row["period"]), when, shown), row["output"])
