"""What each public output showed of each period, remembered so that suppression can keep
later releases from being subtracted from earlier ones (issue 12).

A release of a period is kept once per distinct content: the same figures published again,
by the same output or another, add nothing a reader did not already have, so they are not
recorded twice. Writers take the database's write lock (:class:`database.Guarded`), so two
servers recording the same release at once store it once.

Every release the database holds is in the release ledger too (:mod:`ledger`), outside the
database, so that losing the database, or restoring a backup made before a release, does not
forget it. A release is recorded in both or the output is not shown.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, insert, select, tuple_

from scorecard.disclosure import Release
from scorecard.periods import parse_period
from scorecard.storage import ledger
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
    """Remember what ``output`` showed, in the database and in the release ledger; returns
    how many releases were new. LedgerError or DatabaseUnavailable if either cannot keep it:
    the output must then not be shown.

    Releases already recorded in both are looked for first without the write lock, so an
    output shown again (a page seen by its next visitor) costs two reads and writes nothing.
    """
    rows = [_row(release, output, at) for release in releases if release.shown]
    if not rows:
        return 0
    book = ledger.of(store.engine.url)
    kept = {e.key for e in book.entries()}
    with store.reading() as conn:
        if not _missing(conn, rows) and _keys(conn) | _keys_of(rows) <= kept:
            return 0
    with store.writing() as conn:
        # Again, holding the lock: another server may have recorded them in between.
        rows = _missing(conn, rows)
        if rows:
            conn.execute(insert(t.publications), rows)
        # Every release the database holds, not only these: releases recorded before the
        # ledger existed, or restored from a backup, are written to it too. Written before
        # the database commits: should the commit fail, the ledger remembers a release that
        # was never shown, which can only hide more.
        _into(book, conn)
    return len(rows)


def copy_to_ledger(store: Store) -> int:
    """Write every release the database holds that the ledger lacks (at an upgrade, so that
    releases recorded before there was a ledger outlive the database at once); how many."""
    book = ledger.of(store.engine.url)
    with store.writing() as conn:
        return _into(book, conn)


def _into(book: ledger.Ledger, conn: Connection) -> int:
    authority = conn.execute(select(t.authority.c.name)).scalar() or "(no catalogue yet)"
    everything = conn.execute(select(t.publications).order_by(t.publications.c.id))
    return book.add(ledger.entry(row, authority) for row in everything.mappings())


def _keys(conn: Connection) -> set[tuple[str, str]]:
    query = select(t.publications.c.period, t.publications.c.sha256)
    return {(period, sha256) for period, sha256 in conn.execute(query).all()}


def _keys_of(rows: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(r["period"], r["sha256"]) for r in rows}


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
    return {
        "period": release.period.label,
        "sha256": ledger.digest(shown),
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
