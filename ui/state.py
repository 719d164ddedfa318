"""What every page needs from the database, cached at the edge.

Caches key on the database address and its data version (which grows with every write), so
a new upload is seen on the next page load and nobody's figures go stale.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from scorecard.benchmarks import (
    ComparatorLine,
    Comparators,
    PublishedData,
    comparator_series,
    comparators_for,
    load_all,
)
from scorecard.benchmarks.storage import AUDIT_ACTION as BENCHMARK_IMPORT
from scorecard.catalogue import Catalogue, Measure
from scorecard.errors import ScorecardError
from scorecard.periods import Period
from scorecard.records import ActionItem, Commentary
from scorecard.startup import open_store
from scorecard.status import Histories, index, reporting_quarters
from scorecard.storage.database import configured_url
from scorecard.storage.store import AuditAction, Store


@st.cache_resource(show_spinner="Opening the scorecard…")
def _store(url: str) -> Store:
    return open_store(url)


@st.cache_resource(max_entries=4, show_spinner=False)
def _catalogue(url: str, version: int) -> Catalogue:
    return _store(url).catalogue()


# cache_resource, not cache_data: these are never changed by a page, and copying (pickling)
# a whole scorecard on every page run would cost more than computing the page.
@st.cache_resource(max_entries=4, show_spinner=False)
def _observations(url: str, version: int) -> pd.DataFrame:
    return _store(url).current_observations()


@st.cache_resource(max_entries=4, show_spinner=False)
def _histories(url: str, version: int) -> Histories:
    return index(_observations(url, version))


@dataclass(frozen=True)
class Scorecard:
    """The data a page renders, read once per run."""

    url: str
    version: int
    store: Store
    catalogue: Catalogue
    observations: pd.DataFrame
    histories: Histories
    quarters: list[Period]


def scorecard(*, needs_figures: bool = True) -> Scorecard:
    """The scorecard, or a message saying what is wrong and the page stops there. A page that
    works before any figure exists (the Upload page, for a new council) passes
    ``needs_figures=False``."""
    url = configured_url()
    try:
        store = _store(url)
        version = store.data_version()
        observations = _observations(url, version)
        histories = _histories(url, version)
        catalogue = _catalogue(url, version)
    except ScorecardError as exc:
        st.error(str(exc), icon=":material/error:")
        st.stop()
    quarters = reporting_quarters(histories)
    if not quarters and needs_figures:
        st.info("No quarterly figures have been uploaded yet. An officer can upload them.")
        st.stop()
    return Scorecard(url, version, store, catalogue, observations, histories, quarters)


@st.cache_data(max_entries=64, show_spinner=False)
def _commentary(url: str, version: int, period: Period, priority: int | None) -> list[Commentary]:
    return _store(url).commentary(period, priority)


@st.cache_data(max_entries=64, show_spinner=False)
def _actions(url: str, version: int, period: Period, priority: int | None) -> list[ActionItem]:
    return _store(url).actions(period, priority)


def commentary(sc: Scorecard, period: Period, priority: int | None = None) -> list[Commentary]:
    return _commentary(sc.url, sc.version, period, priority)


def actions(sc: Scorecard, period: Period, priority: int | None = None) -> list[ActionItem]:
    return _actions(sc.url, sc.version, period, priority)


@st.cache_resource(max_entries=4, show_spinner=False)
def _published(url: str, reference_version: int) -> PublishedData:
    store = _store(url)
    return load_all(store, store.catalogue())


def _reference_version(url: str) -> int:
    """Changes only when published figures are imported or the catalogue changes, so an
    officer's upload does not make every comparison be worked out again."""
    return _store(url).data_version(BENCHMARK_IMPORT, AuditAction.CATALOGUE)


@st.cache_resource(max_entries=512, show_spinner=False)
def _comparators(url: str, version: int, measure_id: str, period: Period) -> Comparators | None:
    published = _published(url, _reference_version(url))
    catalogue = _catalogue(url, version)
    return comparators_for(
        published, catalogue, measure_id, _observations(url, version), as_of=period
    )


@st.cache_resource(max_entries=512, show_spinner=False)
def _lines(url: str, reference_version: int, measure_id: str) -> list[ComparatorLine]:
    store = _store(url)
    return comparator_series(_published(url, reference_version), store.catalogue(), measure_id)


def published(sc: Scorecard) -> PublishedData:
    """DfE's published figures for every mapped measure, loaded once per import."""
    return _published(sc.url, _reference_version(sc.url))


def comparators(sc: Scorecard, measure: Measure, period: Period) -> Comparators | None:
    """Published comparators for a tile, worked out once per data version and quarter."""
    if measure.dfe is None:
        return None
    return _comparators(sc.url, sc.version, measure.id, period)


def comparator_lines(sc: Scorecard, measure: Measure) -> list[ComparatorLine]:
    """England, neighbours and top quartile over the years, for a trend chart."""
    if measure.dfe is None:
        return []
    return _lines(sc.url, _reference_version(sc.url), measure.id)
