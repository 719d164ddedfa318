"""What the views and the command line ask of the benchmarks, in a few calls.

Load once (:func:`load_published`, one query per table), then every question is a pure
function of what was loaded, the catalogue and our own observations, so a page can cache
the load on the database's data version and ask as often as it likes.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import pandas as pd

from scorecard import formatting
from scorecard.benchmarks import columns as col
from scorecard.benchmarks import comparators as cmp
from scorecard.benchmarks.council import (
    Council,
    OwnFigure,
    find_council,
    latest_figure,
    normalise_code,
    own_council,
)
from scorecard.benchmarks.council import own_figures as _own_figures
from scorecard.benchmarks.funnel import FunnelView, Judgement
from scorecard.benchmarks.importing import mapped_measures
from scorecard.benchmarks.neighbours import neighbours_of
from scorecard.benchmarks.reading import symbol_or_none
from scorecard.benchmarks.series import series_key
from scorecard.benchmarks.storage import BenchmarkStore
from scorecard.benchmarks.years import DfeYear
from scorecard.catalogue import Catalogue, Frequency, Measure
from scorecard.errors import NotFound, PeriodError, ScorecardError
from scorecard.periods import Period
from scorecard.storage.store import Store

DFE_YEAR = re.compile(r"^\d{4}(\d{2})?$")
"""A year as DfE writes it: 2025 (financial or calendar) or 202425 (academic)."""

_T = TypeVar("_T")
# Answers worked out from one load of DfE's figures and kept with it: a few per mapped
# measure, and one comparison per measure, year and set of our own figures (so a server
# that has taken many uploads since DfE's last import drops the oldest first).
_MOST_KEPT = 4096


@dataclass(frozen=True)
class PublishedData:
    """Imported DfE series (by mapping fingerprint) and the statistical-neighbour model.

    Never changed once loaded, so what is worked out from it alone is kept with it
    (:meth:`kept`): after an upload, a quarter's comparisons redo only what our own figures
    decide, not DfE's (a twentieth of the work; it was a third of a server's time under
    load, every page waiting for it after each upload)."""

    series: dict[str, pd.DataFrame]
    model: pd.DataFrame
    # Its own, never given or copied (``dataclasses.replace`` makes a fresh one).
    _answers: dict[Hashable, Any] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    _writing: threading.Lock = field(
        default_factory=threading.Lock, init=False, compare=False, repr=False
    )

    def kept(self, key: Hashable, work: Callable[[], _T]) -> _T:
        """``work()``, worked out once for ``key`` (which must name everything it depends
        on besides these figures). Two sessions asking at once may both work it out: it is
        the same answer, and no lock is held while working."""
        try:
            found: _T = self._answers[key]
            return found
        except KeyError:
            pass
        answer = work()
        with self._writing:
            if len(self._answers) >= _MOST_KEPT:
                del self._answers[next(iter(self._answers))]
            self._answers[key] = answer
        return answer

    def for_measure(self, measure: Measure) -> pd.DataFrame | None:
        """The measure's series, or None when it has no mapping or nothing was imported."""
        if measure.dfe is None:
            return None
        rows = self.series.get(series_key(measure.dfe))
        return rows if rows is not None and not rows.empty else None

    def years_of(self, measure: Measure) -> tuple[DfeYear, ...]:
        """The years of the measure's series, oldest first (none without one)."""
        rows = self.for_measure(measure)
        if rows is None:
            return ()
        return self.kept(("years", measure.dfe), lambda: tuple(years(rows)))


def load_published(store: Store, measures: list[Measure]) -> PublishedData:
    """Everything imported for these measures, and the neighbour model."""
    benchmarks = BenchmarkStore(store.engine)
    keys = [series_key(m.dfe) for m in measures if m.dfe is not None]
    return PublishedData(
        series=benchmarks.series(keys),
        model=benchmarks.neighbours(),
    )


def load_all(store: Store, catalogue: Catalogue) -> PublishedData:
    return load_published(store, mapped_measures(catalogue))


# -- which council ------------------------------------------------------------------------


def council_for(
    published: PublishedData,
    series: pd.DataFrame,
    catalogue: Catalogue,
    la_code: str | None,
    *,
    strict: bool = True,
) -> Council:
    """The council asked for by code, else the configured one.

    An explicit code that DfE's files do not know is an error. The configured council is
    found by its ``la_code`` when it has one in the files; otherwise (the demonstration
    authority) it is placed by its own figures.
    """
    if la_code:
        found = find_council(series, la_code) or _from_model(published.model, la_code)
        if found is None:
            raise NotFound(
                f"No council has the code '{la_code}' in DfE's figures for this measure. "
                "Use a new code such as E08000009 or an old three-digit code such as 358."
            )
        return found
    configured = catalogue.authority.la_code
    if configured:
        found = find_council(series, configured)
        if found is not None:
            return found
    like = catalogue.authority.compare_as
    if not like:
        return own_council(catalogue.authority)
    found = find_council(series, like) or _from_model(published.model, like, series)
    if found is None and not strict:
        # A tile or a trend line still compares with England; the benchmark page (strict)
        # says what is wrong with compare_as.
        return own_council(catalogue.authority)
    if found is None:
        raise NotFound(
            f"The catalogue's [authority] compare_as = '{like}' names no council in DfE's "
            "figures for this measure or in the statistical-neighbour model. Use a council's "
            "old three-digit code (358 for Trafford) or its new code (E08000009)."
        )
    return own_council(catalogue.authority, found)


def _from_model(
    model: pd.DataFrame, code: str, series: pd.DataFrame | None = None
) -> Council | None:
    rows = model[model[col.OLD_LA_CODE] == normalise_code(code)]
    if rows.empty:
        return None
    first = rows.iloc[0]
    region = first[col.REGION_NAME] or None
    return Council(
        name=first[col.LA_NAME],
        old_code=first[col.OLD_LA_CODE],
        region_code=_region_code(series, region),
        region_name=region,
        asked_as=normalise_code(code),
    )


def _region_code(series: pd.DataFrame | None, region_name: str | None) -> str | None:
    """The code DfE's files give a region the neighbour model names only by name."""
    if series is None or not region_name:
        return None
    regions = series[
        (series[col.GEOGRAPHIC_LEVEL] == col.Level.REGIONAL)
        & (series[col.REGION_NAME] == region_name)
    ]
    codes = regions[col.REGION_CODE].dropna().unique()
    return str(codes[0]) if len(codes) else None


def neighbour_codes(published: PublishedData, council: Council) -> list[str]:
    return list(neighbours_of(published.model, council.model_code)[col.NEIGHBOUR])


# -- which year ----------------------------------------------------------------------------


def years(series: pd.DataFrame) -> list[DfeYear]:
    """The series' years, oldest first."""
    return cmp.years_in(series)


def year_of(series: pd.DataFrame, time_period: str | None) -> DfeYear:
    """The year asked for (as DfE writes it, e.g. 2025 or 202425), else the latest."""
    text = _year_text(time_period)
    return _pick(years(series), text)


def _year_text(time_period: str | None) -> str | None:
    """The year asked for, stripped, or PeriodError when DfE would not write it so."""
    text = None if time_period is None else time_period.strip()
    if text is not None and not DFE_YEAR.match(text):
        raise PeriodError(
            f"'{time_period}' is not a year as DfE writes it: use e.g. 2025 or 202425"
        )
    return text


def _pick(available: Sequence[DfeYear], text: str | None) -> DfeYear:
    """The year written ``text`` among ``available`` (oldest first), else the latest."""
    if not available:
        raise NotFound("No published figures have been imported for this measure.")
    if text is None:
        return available[-1]
    for year in available:
        if year.time_period == text:
            return year
    listed = ", ".join(y.time_period for y in available)
    raise NotFound(f"There are no published figures for {text}; years available: {listed}.")


def year_as_of(series: pd.DataFrame, as_of: Period) -> DfeYear | None:
    """The latest published year that had ended by the end of ``as_of`` (a quarter, say)."""
    return _ended_by(years(series), as_of)


def _ended_by(available: Sequence[DfeYear], as_of: Period) -> DfeYear | None:
    ended = [y for y in available if y.period.end <= as_of.end]
    return ended[-1] if ended else None


# -- the comparisons -------------------------------------------------------------------------


def comparators_for(
    published: PublishedData,
    catalogue: Catalogue,
    measure_id: str,
    observations: pd.DataFrame | None = None,
    *,
    year: str | None = None,
    as_of: Period | None = None,
    la_code: str | None = None,
) -> cmp.Comparators | None:
    """Every comparator for one measure (for a tile, say), or None when the measure has no
    DfE mapping, nothing has been imported for it, or no published year had ended by
    ``as_of``.

    ``observations`` are our own current observations: they place a council that is not in
    DfE's files. ``year`` (as DfE writes it) wins; else ``as_of`` (the quarter a tile shows)
    picks the latest year that had ended by then; else the latest published year.
    ``la_code`` defaults to the configured council.
    """
    measure = catalogue.measure(measure_id)
    series = published.for_measure(measure)
    if series is None:
        return None
    chosen = _choose(
        published,
        catalogue,
        measure,
        series,
        observations,
        year=year,
        la_code=la_code,
        as_of=as_of,
        strict=la_code is not None,
    )
    if chosen is None:
        return None
    return published.kept(
        # The council compares equal whatever code it was asked by; the answer names that code.
        (
            "compare",
            measure,
            chosen.year,
            chosen.council,
            chosen.council.asked_as,
            tuple(chosen.own.items()),
        ),
        lambda: cmp.compare(
            series,
            measure,
            chosen.year,
            chosen.council,
            neighbours=chosen.neighbours,
            own=chosen.own,
        ),
    )


@dataclass(frozen=True)
class _Choice:
    """Which council and year to compare, with its neighbours and (if needed) own figures."""

    council: Council
    year: DfeYear
    neighbours: list[str]
    own: dict[str, OwnFigure]


def _choose(
    published: PublishedData,
    catalogue: Catalogue,
    measure: Measure,
    series: pd.DataFrame,
    observations: pd.DataFrame | None,
    *,
    year: str | None,
    la_code: str | None,
    as_of: Period | None = None,
    strict: bool = True,
) -> _Choice | None:
    """The council and year asked for (see :func:`comparators_for`), reading the series'
    years once; None only when ``as_of`` is given and no published year had ended by then."""
    council = published.kept(
        ("council", measure.dfe, catalogue.authority, la_code, strict),
        lambda: council_for(published, series, catalogue, la_code, strict=strict),
    )
    text = _year_text(year)
    available = published.years_of(measure)
    if text is None and as_of is not None:
        ended = _ended_by(available, as_of)
        if ended is None:
            return None
        text = ended.time_period
    chosen = _pick(available, text)
    own = _own(observations, measure, available, council)
    neighbours = published.kept(
        ("neighbours", council), lambda: tuple(neighbour_codes(published, council))
    )
    return _Choice(council, chosen, list(neighbours), own)


def _own(
    observations: pd.DataFrame | None,
    measure: Measure,
    available: Sequence[DfeYear],
    council: Council,
) -> dict[str, OwnFigure]:
    if observations is None or council.published:
        return {}
    return dict(_own_figures(observations, measure.id, available))


@dataclass(frozen=True)
class ComparatorLine:
    """One annual comparator over the years, to draw over our own trend."""

    name: str
    points: tuple[tuple[Period, float], ...]


def comparator_series(
    published: PublishedData,
    catalogue: Catalogue,
    measure_id: str,
    *,
    la_code: str | None = None,
    quarterly: bool | None = None,
) -> list[ComparatorLine]:
    """England, our statistical neighbours' mean and the top-quartile threshold for every
    published year, as (Period, value) points.

    With ``quarterly`` each year's figure sits on the last of our quarters that ends inside
    it (DfE 2025 = year ending 31 March 2025 → 2024/25 Q4; academic year 2024/25 → 2025/26
    Q1), so it shares a quarterly trend chart's time axis; otherwise on the annual period
    itself (2024/25, 2024/25 AY), as an annual measure's chart labels it. By default, the
    measure's own frequency decides. Lines without a single point are left out.
    """
    measure = catalogue.measure(measure_id)
    if quarterly is None:
        quarterly = measure.frequency is Frequency.QUARTERLY
    series = published.for_measure(measure)
    if series is None:
        return []
    council = council_for(published, series, catalogue, la_code, strict=la_code is not None)
    neighbours = neighbour_codes(published, council)
    names = ("England", "Statistical neighbours (average)", "Top quartile of councils")
    points: dict[str, list[tuple[Period, float]]] = {name: [] for name in names}
    for year in years(series):
        found = cmp.compare(series, measure, year, council, neighbours=neighbours)
        at = year.quarter if quarterly else year.period
        for name, value in zip(
            names, (found.england, found.sn_mean, found.top_quartile), strict=True
        ):
            if value is not None:
                points[name].append((at, value))
    return [ComparatorLine(name, tuple(p)) for name, p in points.items() if p]


# -- one measure, for the benchmark page ------------------------------------------------------


@dataclass(frozen=True)
class MeasureBenchmarks:
    """Everything the benchmark page shows for one measure and year."""

    comparators: cmp.Comparators
    standings: pd.DataFrame
    neighbours: pd.DataFrame
    funnel: FunnelView | None  # every council's cohort around England, where DfE gives them
    # Each published year, newest first, and where our figure sat in that year's funnel.
    funnel_years: tuple[tuple[DfeYear, Judgement | None], ...] = ()
    latest: OwnFigure | None = None  # our latest figure, shown beside the year compared


def measure_benchmarks(
    published: PublishedData,
    catalogue: Catalogue,
    measure_id: str,
    observations: pd.DataFrame | None = None,
    *,
    year: str | None = None,
    la_code: str | None = None,
) -> MeasureBenchmarks:
    """Comparators, every council's standing and our neighbours' figures, or NotFound."""
    measure = catalogue.measure(measure_id)
    if measure.dfe is None:
        raise ScorecardError(f"'{measure.name}' has no published DfE figure to compare with.")
    series = published.for_measure(measure)
    if series is None:
        raise NotFound(
            f"No published figures have been imported for '{measure.name}' yet. An "
            f"administrator can import {measure.dfe.file} with: "
            "python -m scorecard benchmarks import FILE"
        )
    chosen = _choose(
        published, catalogue, measure, series, observations, year=year, la_code=la_code
    )
    assert chosen is not None  # only an as_of can leave no year to show
    council, neighbours, own = chosen.council, chosen.neighbours, chosen.own
    found = cmp.compare(series, measure, chosen.year, council, neighbours=neighbours, own=own)
    standing = cmp.standings(series, measure, chosen.year, council, neighbours=neighbours, own=own)
    # Each year's funnel once: the flags of every year, and the chosen year's plot.
    funnels = {
        y: view
        for y in reversed(years(series))
        if (view := cmp.funnel_view(series, measure, y, council, neighbours=neighbours, own=own))
    }
    return MeasureBenchmarks(
        comparators=found,
        standings=standing,
        neighbours=neighbour_table(published, series, measure, chosen.year, council),
        funnel=funnels.get(chosen.year),
        funnel_years=tuple((y, view.judgement) for y, view in funnels.items()),
        latest=None if observations is None else latest_figure(observations, measure.id),
    )


def neighbour_table(
    published: PublishedData,
    series: pd.DataFrame,
    measure: Measure,
    year: DfeYear,
    council: Council,
) -> pd.DataFrame:
    """Our statistical neighbours, closest first, with their figure and national rank."""
    model = neighbours_of(published.model, council.model_code)
    councils = cmp.councils_in(series, year)
    values = councils.drop_duplicates(col.OLD_LA_CODE).set_index(col.OLD_LA_CODE)
    numbered = councils[col.VALUE].dropna().tolist()
    names = published.model.drop_duplicates(col.OLD_LA_CODE).set_index(col.OLD_LA_CODE)
    records = []
    for row in model.itertuples(index=False):
        code = getattr(row, col.NEIGHBOUR)
        found = values.loc[code] if code in values.index else None
        value = None if found is None or pd.isna(found[col.VALUE]) else float(found[col.VALUE])
        symbol = None if found is None else symbol_or_none(found[col.SYMBOL])
        name = (
            found[col.LA_NAME]
            if found is not None
            else (names.loc[code, col.LA_NAME] if code in names.index else code)
        )
        rank = cmp.rank_of(value, numbered, measure.polarity)
        records.append(
            {
                "Neighbour": getattr(row, col.POSITION),
                "Council": name,
                "Closeness": getattr(row, col.CLOSENESS),
                "Value": formatting.short_value(measure, value, symbol),
                "National rank": "" if rank is None else str(rank),
            }
        )
    return pd.DataFrame.from_records(
        records, columns=["Neighbour", "Council", "Closeness", "Value", "National rank"]
    )


def without_adjustment(view: FunnelView) -> FunnelView:
    """The same funnel with the limits chance alone gives (no overdispersion adjustment)."""
    return replace(view, funnel=view.funnel.unadjusted())
