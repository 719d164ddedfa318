"""How current the published figures are: which release a comparison comes from, and which
of DfE's releases are due but not imported.

A release is named, as DfE names it, by the newest year in it ("the 2025 release" of Children
looked after is the reporting year ending 31 March 2025, published in November 2025). When
DfE usually publishes each publication is data (``dfe_sources.toml``: month and lag).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from scorecard.benchmarks import sources
from scorecard.benchmarks.importing import mapped_measures
from scorecard.benchmarks.service import PublishedData
from scorecard.benchmarks.storage import ImportRecord
from scorecard.benchmarks.years import DfeYear
from scorecard.catalogue import Catalogue, Measure


def release_name(year: DfeYear) -> str:
    """``2025`` for a reporting year, ``2024/25`` for a year DfE writes as 202425."""
    text = year.time_period
    return f"{text[:4]}/{text[4:]}" if len(text) == 6 else text


def following(year: DfeYear) -> DfeYear:
    """The year after, written the same way."""
    text = year.time_period
    start = year.start_year + 1
    written = f"{start}{(start + 1) % 100:02d}" if len(text) == 6 else str(int(text) + 1)
    return DfeYear(start, year.year_type, written)


def latest_year(published: PublishedData, measures: Sequence[Measure]) -> DfeYear | None:
    found = [y for m in measures for y in published.years_of(m)]
    return max(found) if found else None


def source_line(
    measure: Measure,
    shown: DfeYear,
    published: PublishedData,
    records: Sequence[ImportRecord],
) -> str:
    """Where a comparison's figures come from, e.g. "DfE, Children looked after in England
    including adoptions 2025 release, published 20 November 2025"."""
    if measure.dfe is None:
        return ""
    publication = sources.publication(measure.dfe.publication)
    title = publication.title if publication else measure.dfe.file
    latest = latest_year(published, [measure]) or shown
    release = f"{release_name(latest)} release"
    if shown != latest:
        release = f"{release_name(shown)} figures in the {release}"
    record = next(
        (r for r in records if r.file_name.lower() == measure.dfe.file.strip().lower()), None
    )
    if record is not None and record.source is not None and record.source.published_on:
        when = f"published {_date(record.source.published_on)}"
    elif record is not None:
        # A file imported by hand (or shipped) carries no date of DfE's: say whose date this
        # is, or "imported 3 December 2026" reads as if the figures were that new.
        day = _date(record.imported_at.date())
        when = f"brought into the scorecard {day}; DfE's publication date not recorded"
    else:
        return f"DfE, {title} {release}"
    return f"DfE, {title} {release}, {when}"


def _date(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


@dataclass(frozen=True)
class Due:
    """A release DfE usually has out by now that is not imported."""

    publication: sources.Publication
    release: DfeYear
    imported: DfeYear

    def __str__(self) -> str:
        month = calendar.month_name[self.publication.month]
        return (
            f"DfE usually publishes {self.publication.title} in {month}; the "
            f"{release_name(self.release)} release has not been imported yet (the newest "
            f"imported is the {release_name(self.imported)} release)."
        )


def due_date(publication: sources.Publication, year: DfeYear) -> dt.date:
    """The first day of the month DfE usually publishes ``year``'s release."""
    return dt.date(year.period.end.year + publication.lag, publication.month, 1)


def overdue(catalogue: Catalogue, published: PublishedData, today: dt.date) -> list[Due]:
    """Each mapped publication whose next release is due by ``today`` but not imported."""
    by_publication: dict[str, list[Measure]] = {}
    for measure in mapped_measures(catalogue):
        assert measure.dfe is not None
        if measure.dfe.publication:
            by_publication.setdefault(measure.dfe.publication.strip(), []).append(measure)
    found = []
    for slug, measures in by_publication.items():
        publication = sources.publication(slug)
        imported = latest_year(published, measures)
        if publication is None or imported is None:
            continue
        expected = following(imported)
        if today >= due_date(publication, expected):
            found.append(Due(publication, expected, imported))
    return found
