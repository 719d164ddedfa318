"""What each public output shows, and what a change does to figures already published.

Every public output (the ``--public`` exports, the Published version page and its static
site, a public session in Present mode) records the figures it showed, per period, as they
were published (:mod:`scorecard.storage.publications`); only the figures a reader can see, or
work out from what is shown (a direction of travel compares with the period before),
count. Where an output chooses among many figures in ways its code decides (which measures
the briefing pack charts), every figure it could have chosen counts: when in doubt, a figure
is published.

Before an upload or a roll-back changes a period already published, the officer is told which
release it touches and when it went out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

import pandas as pd

from scorecard import disclosure
from scorecard.catalogue import ALL
from scorecard.formatting import short_date
from scorecard.periods import Period
from scorecard.status import Histories, MeasureStatus, Reading, quarters_to
from scorecard.storage.publications import Output, Publication, published, record
from scorecard.storage.store import Store, period_of

Cell = tuple[str, str, str]
"""One figure: measure id, breakdown, period label."""


def status_cells(statuses: Iterable[MeasureStatus], *, year_ago: bool = False) -> set[Cell]:
    """The headline figures a list of measures shows: each one's figure and the one its
    direction of travel compares it with ("no change" gives that figure away), and the year
    before's when ``year_ago`` (a "since a year ago" column)."""
    cells: set[Cell] = set()
    for status in statuses:
        readings = [status.reading, status.previous] + ([status.last_year] if year_ago else [])
        cells |= reading_cells(status.measure.id, [r for r in readings if r is not None])
    return cells


def reading_cells(measure_id: str, readings: Iterable[Reading], breakdown: str = ALL) -> set[Cell]:
    return {(measure_id, breakdown, r.period.label) for r in readings}


def window_cells(histories: Histories, period: Period, quarters: int) -> set[Cell]:
    """Every measure's headline figures of the ``quarters`` quarters up to ``period`` (a year
    counts when it ended within them): what a chart or a row of recent quarters can show."""
    before = quarters_to(period, quarters)[0].previous()
    return {
        (measure_id, breakdown, r.period.label)
        for (measure_id, breakdown), history in histories.items()
        if breakdown == ALL
        for r in history
        if before.end < r.period.end <= period.end
    }


def record_cells(records: Iterable[dict[str, Any]]) -> set[Cell]:
    """The figures of :func:`scorecard.export.observation_records`' rows, and those of the
    period before, which each row's direction is worked out against."""
    cells: set[Cell] = set()
    for r in records:
        period = period_of(r["period"])
        cells.add((r["measure_id"], r["breakdown"], period.label))
        cells.add((r["measure_id"], r["breakdown"], period.previous().label))
    return cells


def remember(
    store: Store,
    published: pd.DataFrame,
    cells: Collection[Cell],
    output: Output,
    *,
    at: dt.datetime | None = None,
) -> int:
    """Record the ``cells`` of ``published`` (a frame from :func:`disclosure.publishable`)
    as ``output`` showed them; returns how many releases were new."""
    if not cells or published.empty:
        return 0
    keys = pd.MultiIndex.from_frame(published[["measure_id", "breakdown", "period"]])
    shown = published[keys.isin(list(cells))]
    when = at or dt.datetime.now(dt.UTC)
    return record(store, disclosure.releases_of(shown, when), output)


# -- telling the officer ----------------------------------------------------------------------


def touched(changed: Iterable[Cell], publications: Sequence[Publication], doing: str) -> list[str]:
    """One sentence per published period whose published figures ``changed`` (``doing`` is
    "this upload changes" or "rolling it back changes"), oldest period first."""
    by_period: dict[str, list[Publication]] = {}
    for publication in publications:
        by_period.setdefault(publication.release.period.label, []).append(publication)
    changing: dict[str, set[tuple[str, str]]] = {}
    for measure_id, breakdown, period in changed:
        releases = by_period.get(period, [])
        if any((measure_id, breakdown) in p.release.shown for p in releases):
            changing.setdefault(period, set()).add((measure_id, breakdown))
    lines = []
    for period in sorted(changing, key=lambda label: by_period[label][0].release.period):
        count = len(changing[period])
        lines.append(
            f"{period} was published on {_when(by_period[period])}; {doing} {count} of its "
            "figures: the public version will keep hiding what it hid then."
        )
    return lines


def _when(publications: list[Publication]) -> str:
    """``3 December 2026 (Published version page, JSON export)``, one date after another."""
    outputs: dict[dt.date, list[str]] = {}
    for p in publications:
        found = outputs.setdefault(p.release.published_at.date(), [])
        if p.output not in found:
            found.append(p.output)
    return " and ".join(
        f"{short_date(day)} ({', '.join(names)})" for day, names in sorted(outputs.items())
    )


def changed_cells(before: pd.DataFrame, after: pd.DataFrame) -> set[Cell]:
    """The figures whose value or symbol differs between two current-observation frames (a
    figure in only one of them differs too)."""
    columns = ["measure_id", "breakdown", "period"]
    merged = before[[*columns, "value", "symbol"]].merge(
        after[[*columns, "value", "symbol"]], on=columns, how="outer", indicator=True
    )
    same_value = (merged["value_x"] == merged["value_y"]) | (
        merged["value_x"].isna() & merged["value_y"].isna()
    )
    same_symbol = merged["symbol_x"].fillna("") == merged["symbol_y"].fillna("")
    differs = (merged["_merge"] != "both") | ~(same_value & same_symbol)
    return set(map(tuple, merged.loc[differs, columns].itertuples(index=False)))


def upload_touches(
    publications: Sequence[Publication], changed: Callable[[Collection[str]], Iterable[Cell]]
) -> list[str]:
    """What the officer is told before saving an upload that changes ``changed(published)``,
    the figures it changes in the periods ``published``, given the ``publications`` of the
    periods it reports. Most uploads touch no published period: then no figure is looked at."""
    if not publications:
        return []
    shown = {p.release.period.label for p in publications}
    return touched(set(changed(shown)), publications, "this upload changes")


def rollback_touches(
    store: Store, upload_id: int, doing: str = "rolling it back changes"
) -> list[str]:
    """What the officer is told before rolling back upload ``upload_id``."""
    now = store.current_observations()
    measure_ids = sorted(set(now.loc[now["upload_id"] == upload_id, "measure_id"]))
    if not measure_ids:
        return []  # every figure it brought has been superseded since: none changes
    before = now[now["measure_id"].isin(measure_ids)]
    after = store.current_observations(measure_ids, without=upload_id)
    return _touching(store, changed_cells(before, after), doing)


def _touching(store: Store, cells: set[Cell], doing: str) -> list[str]:
    if not cells:
        return []
    return touched(cells, published(store, {period for _, _, period in cells}), doing)
