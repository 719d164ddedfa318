"""Meetings and the published (suppressed) scorecard, cached at the edge like ui/state.py:
every cache keys on the database address and its data version, and the threshold."""

from __future__ import annotations

import streamlit as st

from scorecard import disclosure
from scorecard import meetings as panel
from scorecard.errors import ScorecardError
from scorecard.periods import Period
from scorecard.records import Commentary
from scorecard.status import Histories, index
from ui.state import Scorecard, commentary


@st.cache_resource(max_entries=4, show_spinner=False)
def _public_histories(url: str, version: int, threshold: int, _sc: Scorecard) -> Histories:
    return index(disclosure.publishable(_sc.catalogue, _sc.observations, threshold))


@st.cache_data(max_entries=4, show_spinner=False)
def _approvals(url: str, version: int, _sc: Scorecard) -> set[str]:
    return _sc.store.publication_approvals()


@st.cache_data(max_entries=4, show_spinner=False)
def _meetings(url: str, version: int, _sc: Scorecard) -> list[panel.Meeting]:
    return panel.meetings(_sc.store)


@st.cache_data(max_entries=4, show_spinner=False)
def _items(url: str, version: int, _sc: Scorecard) -> list[panel.MeetingItem]:
    return panel.items(_sc.store)


def threshold() -> int:
    """The council's suppression threshold, or the page stops with what is wrong."""
    try:
        return disclosure.configured_threshold()
    except ScorecardError as exc:
        st.error(str(exc), icon=":material/error:")
        st.stop()


def histories(sc: Scorecard, public: bool) -> Histories:
    """Every reading; for the public, suppressed before anything is worked out from it."""
    if not public:
        return sc.histories
    return _public_histories(sc.url, sc.version, threshold(), sc)


def approvals(sc: Scorecard) -> set[str]:
    return _approvals(sc.url, sc.version, sc)


def said(sc: Scorecard, period: Period, public: bool) -> list[Commentary]:
    """The quarter's commentary; for the public only what was approved for publication."""
    items = commentary(sc, period)
    return disclosure.publishable_commentary(items, approvals(sc)) if public else items


def meetings(sc: Scorecard) -> list[panel.Meeting]:
    return _meetings(sc.url, sc.version, sc)


def meeting_items(sc: Scorecard) -> list[panel.MeetingItem]:
    return _items(sc.url, sc.version, sc)
