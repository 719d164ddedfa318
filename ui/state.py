"""What every page needs from the database, cached at the edge.

Caches key on the database address and its data version (which grows with every write), so
a new upload is seen on the next page load and nobody's figures go stale.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from scorecard.catalogue import Catalogue
from scorecard.errors import ScorecardError
from scorecard.periods import Period
from scorecard.records import ActionItem, Commentary
from scorecard.startup import open_store
from scorecard.status import Histories, index, reporting_quarters
from scorecard.storage.database import configured_url
from scorecard.storage.store import Store


@st.cache_resource(show_spinner="Opening the scorecard…")
def _store(url: str) -> Store:
    return open_store(url)


@st.cache_data(max_entries=4, show_spinner=False)
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


def scorecard() -> Scorecard:
    """The scorecard, or a message saying what is wrong and the page stops there."""
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
    if not quarters:
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
