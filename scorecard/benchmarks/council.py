"""Which council the comparisons are for, found by its new (E08000009) or old (358) code."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from scorecard.benchmarks import columns as col
from scorecard.benchmarks.reading import symbol_or_none
from scorecard.benchmarks.years import DfeYear
from scorecard.catalogue import ALL, Authority
from scorecard.periods import Period, parse_period
from scorecard.status import number_or_none
from scorecard.symbols import Symbol


@dataclass(frozen=True)
class Council:
    """A council as DfE's files name it; a council that is not in them (the demonstration
    authority) has no codes and is placed by its own figures."""

    name: str
    old_code: str | None = None
    new_code: str | None = None
    region_code: str | None = None
    region_name: str | None = None
    # The code it was asked for by (normalised); not part of which council it is.
    asked_as: str | None = field(default=None, compare=False)
    # For a council not in the files: the real council whose region and statistical
    # neighbours it is compared with (the catalogue's ``compare_as``).
    compared_as: Council | None = None

    @property
    def published(self) -> bool:
        return self.old_code is not None or self.new_code is not None

    @property
    def model_code(self) -> str | None:
        """The old code its statistical neighbours are listed under in DfE's model."""
        if self.old_code:
            return self.old_code
        return self.compared_as.old_code if self.compared_as else None

    @property
    def code(self) -> str | None:
        """The code it was asked for by, else its new code, else its old code."""
        return self.asked_as or self.new_code or self.old_code


def normalise_code(code: str) -> str:
    return code.strip().upper()


def rows_of(rows: pd.DataFrame, council: Council) -> pd.Series:
    """A mask of the local-authority rows that belong to ``council``."""
    mask = pd.Series(False, index=rows.index)
    if council.old_code:
        mask |= rows[col.OLD_LA_CODE] == council.old_code
    if council.new_code:
        mask |= rows[col.NEW_LA_CODE].str.upper() == council.new_code
    return mask & (rows[col.GEOGRAPHIC_LEVEL] == col.Level.LOCAL_AUTHORITY)


def find_council(series: pd.DataFrame, code: str) -> Council | None:
    """The council with this new or old code in a series (named as in its latest year); a
    blank code names no council (DfE leaves the codes of some rows blank)."""
    wanted = normalise_code(code)
    if not wanted:
        return None
    found = series[rows_of(series, Council(name=wanted, old_code=wanted, new_code=wanted))]
    if found.empty:
        return None
    latest = found.sort_values(col.TIME_PERIOD, kind="stable").iloc[-1]
    return Council(
        name=latest[col.LA_NAME],
        old_code=latest[col.OLD_LA_CODE] or None,
        new_code=(latest[col.NEW_LA_CODE] or "").upper() or None,
        region_code=latest[col.REGION_CODE] or None,
        region_name=latest[col.REGION_NAME] or None,
        asked_as=wanted,
    )


def own_council(authority: Authority, compared_as: Council | None = None) -> Council:
    """The configured council when DfE's files do not name it: placed by its own figures,
    in the region of the council it is compared as, if any."""
    if compared_as is None:
        return Council(name=authority.name)
    return Council(
        name=authority.name,
        region_code=compared_as.region_code,
        region_name=compared_as.region_name,
        compared_as=compared_as,
    )


@dataclass(frozen=True)
class OwnFigure:
    """The council's own figure standing for a DfE year (see :mod:`scorecard.benchmarks.years`)."""

    period: Period
    value: float | None
    symbol: Symbol | None = None
    numerator: float | None = None  # n / N, where given: they place us in the funnel plot
    denominator: float | None = None


def own_figures(
    observations: pd.DataFrame, measure_id: str, years: Sequence[DfeYear]
) -> Mapping[str, OwnFigure]:
    """Our figure for each DfE year (by ``time_period``): the annual figure for the same year,
    else the last quarter ending inside it."""
    rows = observations[
        (observations["measure_id"] == measure_id) & (observations["breakdown"] == ALL)
    ]
    by_label = {
        r.period: (
            None if pd.isna(r.value) else float(r.value),
            symbol_or_none(r.symbol),
            number_or_none(getattr(r, "numerator", None)),
            number_or_none(getattr(r, "denominator", None)),
        )
        for r in rows.itertuples()
    }
    found: dict[str, OwnFigure] = {}
    for year in years:
        for period in (year.period, year.quarter):
            if period.label in by_label:
                value, symbol, numerator, denominator = by_label[period.label]
                found[year.time_period] = OwnFigure(period, value, symbol, numerator, denominator)
                break
    return found


def latest_figure(observations: pd.DataFrame, measure_id: str) -> OwnFigure | None:
    """Our latest figure for a measure (a number or a symbol), whatever DfE has published."""
    rows = observations[
        (observations["measure_id"] == measure_id)
        & (observations["breakdown"] == ALL)
        & (observations["value"].notna() | observations["symbol"].notna())
    ]
    if rows.empty:
        return None
    latest = max(rows.itertuples(), key=lambda r: parse_period(str(r.period)).end)
    return OwnFigure(
        parse_period(str(latest.period)),
        None if pd.isna(latest.value) else float(latest.value),
        symbol_or_none(latest.symbol),
    )
