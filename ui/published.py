"""Meetings and the published (suppressed) scorecard, cached at the edge like ui/state.py:
every cache keys on the database address and its data version, and the threshold."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from scorecard import disclosure
from scorecard import meetings as panel
from scorecard.errors import ScorecardError
from scorecard.periods import Period
from scorecard.records import Commentary
from scorecard.reports import content, plain, slides
from scorecard.status import Histories, index
from scorecard.text import as_markdown_text
from ui.keep import kept
from ui.state import Scorecard, commentary


@kept(4)
def _public_histories(sc: Scorecard, threshold: int) -> Histories:
    return index(disclosure.publishable(sc.catalogue, sc.observations, threshold))


@kept(4)
def approvals(sc: Scorecard) -> frozenset[str]:
    """The commentary approved for publication."""
    return frozenset(sc.store.publication_approvals())


@kept(4)
def meetings(sc: Scorecard) -> list[panel.Meeting]:
    return panel.meetings(sc.store)


@kept(4)
def meeting_items(sc: Scorecard) -> list[panel.MeetingItem]:
    return panel.items(sc.store)


def threshold() -> int:
    """The council's suppression threshold, or the page stops with what is wrong."""
    try:
        return disclosure.configured_threshold()
    except ScorecardError as exc:
        st.error(as_markdown_text(str(exc)), icon=":material/error:")
        st.stop()


def _limit(public: bool) -> int | None:
    """The threshold to suppress at, or None when nothing is suppressed (the panel)."""
    return threshold() if public else None


def _shown(sc: Scorecard, limit: int | None) -> Histories:
    return sc.histories if limit is None else _public_histories(sc, limit)


def histories(sc: Scorecard, public: bool) -> Histories:
    """Every reading; for the public, suppressed before anything is worked out from it."""
    return _shown(sc, _limit(public))


def said(sc: Scorecard, period: Period, public: bool) -> list[Commentary]:
    """The quarter's commentary; for the public only what was approved for publication."""
    items = commentary(sc, period)
    return disclosure.publishable_commentary(items, approvals(sc)) if public else items


@dataclass(frozen=True)
class PublicPriority:
    """One priority as the published page shows it."""

    report: content.PriorityReport
    summary: str
    figures: list[dict[str, str]]


@kept(16)
def _public_priorities(sc: Scorecard, limit: int, period: Period) -> list[PublicPriority]:
    reports = content.priority_reports(
        sc.catalogue, _shown(sc, limit), period, said(sc, period, True), []
    )
    return [PublicPriority(r, " ".join(plain.summary(r)), plain.figures(r)) for r in reports]


def public_priorities(sc: Scorecard, period: Period) -> list[PublicPriority]:
    """Every priority, suppressed and summed up in plain words, worked out once per data
    version, threshold and quarter."""
    return _public_priorities(sc, threshold(), period)


@kept(32)
def _deck(
    sc: Scorecard, limit: int | None, period: Period, meeting: panel.Meeting | None
) -> list[slides.Slide]:
    shown = _shown(sc, limit)
    theme = meeting.theme_priority if meeting else None
    reports = content.priority_reports(
        sc.catalogue, shown, period, said(sc, period, limit is not None), [], theme
    )
    carried = panel.carried_forward(meetings(sc), meeting_items(sc), meeting) if meeting else []
    return slides.deck(reports, shown, period, meeting, carried)


def deck(
    sc: Scorecard, period: Period, meeting: panel.Meeting | None, public: bool
) -> list[slides.Slide]:
    """The chair's slides, worked out once per data version, quarter, meeting and session."""
    return _deck(sc, _limit(public), period, meeting)


@kept(32)
def _slide_charts(
    sc: Scorecard, limit: int | None, period: Period, meeting: panel.Meeting | None
) -> list[go.Figure | None]:
    return [
        slides.slide_chart(slide) if isinstance(slide, slides.PrioritySlide) else None
        for slide in _deck(sc, limit, period, meeting)
    ]


def slide_chart(
    sc: Scorecard, period: Period, meeting: panel.Meeting | None, public: bool, number: int
) -> go.Figure | None:
    """The chart of slide ``number`` (from 1) of :func:`deck`, built once per data version."""
    return _slide_charts(sc, _limit(public), period, meeting)[number - 1]
