"""How a council compares, by DfE's LAIT conventions (SPEC §3).

All of this works on a *series*: the rows one measure's DfE mapping selects, one per place
(England, each region, each council) and year (see :mod:`scorecard.benchmarks.series`).

- **Quartiles** are taken over every council with a number that year, by linear
  interpolation (numpy's default, R type 7). Symbols (c, x, z, ...) and blanks are not
  numbers and take no part.
- **Band** A is the best quarter of councils, D the worst, whichever way is better: for
  "higher is better" A is at or above the upper quartile, B at or above the median, C at or
  above the lower quartile; for "lower is better" the mirror image. A value exactly on a
  quartile belongs to the better band.
- **Rank** 1 is the best; councils with the same value share the lowest (best) rank, so two
  councils tied for 3rd are both 3rd and the next is 5th. ``ranked_of`` counts the councils
  ranked.
- A measure with polarity ``none`` (context, such as the rate of children in care) has no
  band, rank, top quartile or best council.
- A council that is not in DfE's files (the demonstration authority) is placed by its own
  figure: ranked among the councils that are (so ``ranked_of`` counts it too), and banded
  against their quartiles, which it does not move.
- **Funnel**: where a percentage or rate comes with its cohort (n and N, or one of them and
  the figure), the council is judged against England with limits for a cohort of its size
  (:mod:`scorecard.benchmarks.funnel`), adjusted for overdispersion.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

from scorecard.benchmarks import columns as col
from scorecard.benchmarks import funnel as fun
from scorecard.benchmarks.council import Council, OwnFigure, rows_of
from scorecard.benchmarks.reading import symbol_or_none
from scorecard.benchmarks.years import DfeYear, parse_dfe_year
from scorecard.catalogue import Measure, Polarity
from scorecard.periods import Period
from scorecard.status import number_or_none
from scorecard.symbols import Symbol


class Band(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"

    @property
    def meaning(self) -> str:
        return {
            Band.A: "among the best quarter of councils",
            Band.B: "better than the middle council, but not in the best quarter",
            Band.C: "worse than the middle council, but not in the worst quarter",
            Band.D: "among the worst quarter of councils",
        }[self]


class Source(StrEnum):
    """Where the council's own value came from."""

    PUBLISHED = "published by DfE"
    OWN = "our own figures"
    NONE = "no figure"


class Role(StrEnum):
    """How a council is drawn in the ranked chart."""

    US = "us"
    NEIGHBOUR = "statistical neighbour"
    OTHER = "other council"


@dataclass(frozen=True)
class Quartiles:
    lower: float
    median: float
    upper: float


def quartiles(values: Sequence[float]) -> Quartiles | None:
    """Lower quartile, median and upper quartile by linear interpolation (numpy's default)."""
    if len(values) == 0:
        return None
    found = np.percentile(np.asarray(values, dtype=float), [25, 50, 75])
    # Interpolating in binary floating point leaves noise: the median of 19.1 and 19.3 comes
    # out as 19.200000000000003, which would put a council with exactly 19.2 in the band
    # below. DfE's figures have a few decimals, so nine places keep every real digit.
    lower, median, upper = (round(float(q), 9) for q in found)
    return Quartiles(lower, median, upper)


def is_better(a: float, b: float, polarity: Polarity) -> bool:
    if polarity is Polarity.HIGHER_IS_BETTER:
        return a > b
    if polarity is Polarity.LOWER_IS_BETTER:
        return a < b
    return False


def top_quartile(q: Quartiles | None, polarity: Polarity) -> float | None:
    """The value a council must reach to be in the best quarter."""
    if q is None or polarity is Polarity.NONE:
        return None
    return q.upper if polarity is Polarity.HIGHER_IS_BETTER else q.lower


def band_of(value: float | None, q: Quartiles | None, polarity: Polarity) -> Band | None:
    if value is None or q is None or polarity is Polarity.NONE:
        return None
    if polarity is Polarity.HIGHER_IS_BETTER:
        cuts = (q.upper, q.median, q.lower)
        passes = [value >= cut for cut in cuts]
    else:
        cuts = (q.lower, q.median, q.upper)
        passes = [value <= cut for cut in cuts]
    for band, passed in zip((Band.A, Band.B, Band.C), passes, strict=True):
        if passed:
            return band
    return Band.D


def rank_of(value: float | None, others: Sequence[float], polarity: Polarity) -> int | None:
    """1 + the number of other councils strictly better: ties share the best rank."""
    if value is None or polarity is Polarity.NONE:
        return None
    return 1 + sum(1 for other in others if is_better(other, value, polarity))


MIN_COHORT = 20
"""The fewest children a council's published cohort may have for it to be named the best:
below 20, one child moves a percentage by more than five points (City of London's 0% of no
children, Rutland's 100% of 7 care leavers are no model for anyone)."""


def large_enough(councils: pd.DataFrame, scale: int | None) -> tuple[pd.DataFrame, int | None]:
    """The councils with a number whose cohort is at least :data:`MIN_COHORT` children, and
    how many with a number were left out: those with a smaller cohort, or none that can be
    worked out (0% of 0 children). Every council with a number, and None, when the measure is
    not a proportion or DfE gives no council's cohort for it (an average score, say)."""
    numbered = councils.dropna(subset=[col.VALUE])
    if scale is None:
        return numbered, None
    sizes = [
        cohort.denominator if (cohort := _cohort_of_row(r, scale)) else None
        for r in numbered.itertuples(index=False)
    ]
    if all(size is None for size in sizes):
        return numbered, None
    # A cohort worked out from a rounded percentage is a shade off a whole number of
    # children (9.99 for 10); half a child either way is still that number.
    keep = [size is not None and size >= MIN_COHORT - 0.5 for size in sizes]
    return numbered[keep], len(keep) - sum(keep)


def best_of(councils: pd.DataFrame, polarity: Polarity) -> tuple[str, float] | None:
    """The best council and its value (the first by name when several share it)."""
    numbered = councils.dropna(subset=[col.VALUE])
    if numbered.empty or polarity is Polarity.NONE:
        return None
    values = numbered[col.VALUE]
    best = values.max() if polarity is Polarity.HIGHER_IS_BETTER else values.min()
    names = sorted(numbered.loc[values == best, col.LA_NAME])
    return names[0], float(best)


@dataclass(frozen=True)
class Figure:
    value: float | None
    symbol: Symbol | None
    source: Source
    period: Period | None = None  # our period, when the figure is our own


@dataclass(frozen=True)
class Comparators:
    """Every comparison of SPEC §3 for one council, measure and DfE year."""

    measure_id: str
    year: DfeYear
    council: Council
    figure: Figure
    england: float | None
    region: float | None
    sn_mean: float | None
    sn_median: float | None
    sn_with_figures: int
    sn_size: int
    quartiles: Quartiles | None
    top_quartile: float | None
    best_name: str | None
    best_value: float | None
    band: Band | None
    rank: int | None
    ranked_of: int | None
    previous: Figure | None
    change: float | None
    funnel: fun.Judgement | None = None  # against England, for a cohort of our size
    # Councils with a number not considered for best council, their cohort being under
    # MIN_COHORT or unknown; None when DfE gives no cohorts for the measure.
    best_left_out: int | None = None

    @property
    def value(self) -> float | None:
        return self.figure.value

    def as_json(self) -> dict[str, Any]:
        """Exactly the fields ``benchmarks show --json`` prints: numbers as numbers, missing
        as null, a symbol as its letter in ``value``."""
        value: float | str | None = self.figure.value
        if value is None and self.figure.symbol is not None:
            value = self.figure.symbol.value
        return {
            "measure_id": self.measure_id,
            "year": self.year.time_period,
            "la_code": self.council.code,
            "la_name": self.council.name,
            "value": _clean(value),
            "england": _clean(self.england),
            "region": _clean(self.region),
            "sn_mean": _clean(self.sn_mean),
            "sn_median": _clean(self.sn_median),
            "top_quartile": _clean(self.top_quartile),
            "best": {"la_name": self.best_name, "value": _clean(self.best_value)},
            "band": self.band.value if self.band else None,
            "rank": self.rank,
            "ranked_of": self.ranked_of,
            "funnel": self.funnel.strict if self.funnel else None,
        }


def _clean(value: float | str | None) -> float | str | None:
    """Floating-point noise removed (63.300000000000004 → 63.3); whole numbers stay floats."""
    if isinstance(value, float):
        return round(value, 6)
    return value


def years_in(series: pd.DataFrame) -> list[DfeYear]:
    """Every year of a series, oldest first."""
    pairs = series[[col.TIME_PERIOD, col.TIME_IDENTIFIER]].drop_duplicates()
    return sorted(parse_dfe_year(p, i) for p, i in pairs.itertuples(index=False))


def councils_in(series: pd.DataFrame, year: DfeYear) -> pd.DataFrame:
    rows = series[series[col.TIME_PERIOD] == year.time_period]
    return rows[rows[col.GEOGRAPHIC_LEVEL] == col.Level.LOCAL_AUTHORITY]


def figure_for(
    series: pd.DataFrame, year: DfeYear, council: Council, own: Mapping[str, OwnFigure]
) -> Figure:
    """The council's figure for a year: DfE's when the files name the council, else ours."""
    councils = councils_in(series, year)
    mine = councils[rows_of(councils, council)] if council.published else councils.iloc[0:0]
    if not mine.empty:
        row = mine.iloc[0]
        value = None if pd.isna(row[col.VALUE]) else float(row[col.VALUE])
        return Figure(value, symbol_or_none(row[col.SYMBOL]), Source.PUBLISHED)
    figure = own.get(year.time_period)
    if figure is None:
        return Figure(None, None, Source.NONE)
    return Figure(figure.value, figure.symbol, Source.OWN, figure.period)


def _level_value(
    rows: pd.DataFrame, level: col.Level, region_code: str | None = None
) -> float | None:
    found = rows[rows[col.GEOGRAPHIC_LEVEL] == level]
    if region_code is not None:
        found = found[found[col.REGION_CODE] == region_code]
    values = found[col.VALUE].dropna()
    return float(values.iloc[0]) if len(values) else None


def compare(
    series: pd.DataFrame,
    measure: Measure,
    year: DfeYear,
    council: Council,
    *,
    neighbours: Sequence[str] = (),
    own: Mapping[str, OwnFigure] | None = None,
) -> Comparators:
    """Our value against England, our region, our statistical neighbours and every council.

    ``neighbours`` are the old LA codes of the council's statistical neighbours; ``own`` is
    the council's own figure for each DfE year, used when the files do not name it.
    """
    own = own or {}
    polarity = measure.polarity
    rows = series[series[col.TIME_PERIOD] == year.time_period]
    councils = councils_in(series, year)
    figure = figure_for(series, year, council, own)
    mine = rows_of(councils, council) if council.published else pd.Series(False, councils.index)
    others = councils[~mine][col.VALUE].dropna().tolist()
    published = councils[col.VALUE].dropna().tolist()
    q = quartiles(published)
    rated = polarity is not Polarity.NONE
    rank = rank_of(figure.value, others, polarity)
    in_files = bool(mine.any())
    ranked_of = len(published) + (1 if figure.value is not None and not in_files else 0)
    sn = councils[councils[col.OLD_LA_CODE].isin(list(neighbours))][col.VALUE].dropna()
    considered, left_out = large_enough(councils, measure.unit.scale)
    best = best_of(considered, polarity)
    previous = figure_for(series, year.previous(), council, own)
    change = (
        figure.value - previous.value
        if figure.value is not None and previous.value is not None
        else None
    )
    return Comparators(
        measure_id=measure.id,
        year=year,
        council=council,
        figure=figure,
        england=_level_value(rows, col.Level.NATIONAL),
        region=(
            _level_value(rows, col.Level.REGIONAL, council.region_code)
            if council.region_code
            else None
        ),
        sn_mean=float(sn.mean()) if len(sn) else None,
        sn_median=float(sn.median()) if len(sn) else None,
        sn_with_figures=len(sn),
        sn_size=len(neighbours),
        quartiles=q,
        top_quartile=top_quartile(q, polarity),
        best_name=best[0] if best else None,
        best_value=best[1] if best else None,
        band=band_of(figure.value, q, polarity),
        rank=rank,
        ranked_of=ranked_of if rated else None,
        previous=previous if previous.source is not Source.NONE else None,
        change=change,
        funnel=view.judgement
        if (view := funnel_view(series, measure, year, council, own=own))
        else None,
        best_left_out=left_out if rated else None,
    )


def _cohort_of_row(row: Any, scale: int, name: str | None = None) -> fun.Cohort | None:
    """The cohort of one row of a series (a council, or England), as far as DfE gives it."""
    return fun.cohort_of(
        name if name is not None else str(getattr(row, col.LA_NAME)),
        number_or_none(getattr(row, col.VALUE)),
        number_or_none(getattr(row, col.NUMERATOR)),
        number_or_none(getattr(row, col.DENOMINATOR)),
        scale,
    )


def funnel_view(
    series: pd.DataFrame,
    measure: Measure,
    year: DfeYear,
    council: Council,
    *,
    neighbours: Sequence[str] = (),
    own: Mapping[str, OwnFigure] | None = None,
) -> fun.FunnelView | None:
    """Every council's cohort that year around England's proportion, and ours; None for a
    measure that is not a proportion, or a year whose files give no cohorts."""
    scale = measure.unit.scale
    if scale is None:
        return None
    rows = series[series[col.TIME_PERIOD] == year.time_period]
    councils = councils_in(series, year)
    mine = rows_of(councils, council) if council.published else pd.Series(False, councils.index)
    placed: list[fun.Placed] = []
    ours: fun.Cohort | None = None
    for row, is_mine in zip(councils.itertuples(index=False), mine, strict=True):
        found = _cohort_of_row(row, scale)
        if found is None:
            continue
        code = str(getattr(row, col.OLD_LA_CODE))
        role = Role.US if is_mine else (Role.NEIGHBOUR if code in neighbours else Role.OTHER)
        placed.append(fun.Placed(found, code, role.value, str(getattr(row, col.REGION_CODE))))
        if is_mine:
            ours = found
    if len(placed) < 10:
        return None  # too few cohorts to say what chance alone would give
    national = rows[rows[col.GEOGRAPHIC_LEVEL] == col.Level.NATIONAL]
    england = None
    if len(national):
        england = _cohort_of_row(next(national.itertuples(index=False)), scale, "England")
    if england is not None:
        target = england.proportion
    elif national[col.VALUE].notna().any():
        target = float(national[col.VALUE].dropna().iloc[0]) / scale
    else:  # no England row: the councils pooled, as FunnelPlotR does
        target = sum(p.cohort.numerator for p in placed) / sum(p.cohort.denominator for p in placed)
    if ours is None and not council.published:
        figure = (own or {}).get(year.time_period)
        if figure is not None:
            ours = fun.cohort_of(
                council.name, figure.value, figure.numerator, figure.denominator, scale
            )
    return fun.FunnelView(
        fun.funnel([p.cohort for p in placed], target), tuple(placed), ours, scale
    )


def standings(
    series: pd.DataFrame,
    measure: Measure,
    year: DfeYear,
    council: Council,
    *,
    neighbours: Sequence[str] = (),
    own: Mapping[str, OwnFigure] | None = None,
) -> pd.DataFrame:
    """Every council with a number that year, best first (highest first for a context
    measure), with its rank and whether it is us, a neighbour or another council. A council
    placed by its own figure is added as a row of its own."""
    councils = councils_in(series, year).dropna(subset=[col.VALUE])
    mine = rows_of(councils, council) if council.published else pd.Series(False, councils.index)
    role = np.where(
        mine,
        Role.US.value,
        np.where(
            councils[col.OLD_LA_CODE].isin(list(neighbours)), Role.NEIGHBOUR.value, Role.OTHER.value
        ),
    )
    table = pd.DataFrame(
        {
            col.LA_NAME: councils[col.LA_NAME],
            col.OLD_LA_CODE: councils[col.OLD_LA_CODE],
            col.NEW_LA_CODE: councils[col.NEW_LA_CODE],
            col.VALUE: councils[col.VALUE].astype(float),
            "role": role,
        }
    )
    figure = figure_for(series, year, council, own or {})
    if not mine.any() and figure.value is not None:
        ours = pd.DataFrame(
            {
                col.LA_NAME: [council.name],
                col.OLD_LA_CODE: [""],
                col.NEW_LA_CODE: [""],
                col.VALUE: [figure.value],
                "role": [Role.US.value],
            }
        )
        table = pd.concat([table, ours], ignore_index=True)
    polarity = measure.polarity
    ascending = polarity is Polarity.LOWER_IS_BETTER
    if polarity is Polarity.NONE:
        ranks = pd.Series(pd.NA, index=table.index, dtype="Int64")
    else:
        ranks = table[col.VALUE].rank(ascending=ascending, method="min").astype("Int64")
    table = table.assign(rank=ranks)
    ordered = table.sort_values([col.VALUE, col.LA_NAME], ascending=[ascending, True])
    return ordered.reset_index(drop=True)
