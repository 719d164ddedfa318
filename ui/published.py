"""Meetings and the published (suppressed) scorecard, cached at the edge like ui/state.py:
every cache keys on the database address and its data version, and the threshold."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from scorecard import disclosure, html_tables, publication
from scorecard import meetings as panel
from scorecard.catalogue import ALL
from scorecard.errors import ScorecardError
from scorecard.periods import Period
from scorecard.records import Commentary
from scorecard.reports import content, slides
from scorecard.reports import published as publishing
from scorecard.reports.published import PublicPriority
from scorecard.small_numbers import HiddenFigure
from scorecard.status import Histories, index
from scorecard.storage import publications
from scorecard.text import as_markdown_text
from ui.keep import kept
from ui.state import Scorecard, commentary

_log = logging.getLogger(__name__)


@kept(4)
def _public_frame(sc: Scorecard, threshold: int) -> pd.DataFrame:
    earlier = publications.releases(sc.store)  # what the public has seen already
    return disclosure.publishable(sc.catalogue, sc.observations, threshold, releases=earlier)


@kept(4)
def _public_histories(sc: Scorecard, threshold: int) -> Histories:
    return index(_public_frame(sc, threshold))


def _remember(
    sc: Scorecard, limit: int, cells: set[publication.Cell], output: publications.Output
) -> bool:
    """Record what a public page shows. A failure is logged and raised: its kept callers
    keep only a success, so the next page run tries again."""
    try:
        publication.remember(sc.store, _public_frame(sc, limit), cells, output)
    except (ScorecardError, SQLAlchemyError):
        _log.exception("Could not record what the %s would show, so it showed nothing", output)
        raise
    return True


@kept(64)
def _remember_page(sc: Scorecard, limit: int, period: Period) -> bool:
    statuses = [s for p in _public_priorities(sc, limit, period) for s in p.report.statuses]
    return _remember(sc, limit, publication.status_cells(statuses), publications.Output.PAGE)


@kept(64)
def _remember_deck(
    sc: Scorecard, limit: int, period: Period, meeting: panel.Meeting | None
) -> bool:
    cells: set[publication.Cell] = set()
    for slide in _deck(sc, limit, period, meeting):
        if isinstance(slide, slides.PrioritySlide):
            cells |= publication.status_cells(slide.report.statuses)
            if slide.chart is not None:
                cells |= publication.reading_cells(slide.chart.measure.id, slide.chart_history)
                # The chart's process limits are worked out from every quarter before it.
                if slide.chart.variation is not None:
                    cells |= {
                        (slide.chart.measure.id, ALL, p.period.label)
                        for p in slide.chart.variation.points
                    }
    return _remember(sc, limit, cells, publications.Output.PRESENT)


def _recorded(remember: Callable[..., bool], *args: object) -> None:
    """Record what the page is about to show, or show nothing: a release nobody recorded
    could later be subtracted from a corrected one without suppression knowing (public
    outputs fail closed). The write happens once per data version, threshold and quarter
    (and meeting), whoever asks: an anonymous visitor cannot make the page write more."""
    try:
        remember(*args)
    except (ScorecardError, SQLAlchemyError):
        st.error(
            "The published version cannot be shown right now: the scorecard could not keep a "
            "record of what it shows, which it needs to protect children's privacy. Please "
            "try again later; if it keeps happening, tell the council's scorecard "
            "administrator.",
            icon=":material/error:",
        )
        st.stop()


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
    if not public:
        return items
    limit = threshold()
    return disclosure.publishable_commentary(items, approvals(sc), limit, hidden(sc, period))


@kept(16)
def hidden(sc: Scorecard, period: Period) -> frozenset[HiddenFigure]:
    """The figures the published version hides for ``period`` and every period before it,
    which no published commentary of ``period`` may quote
    (:func:`scorecard.disclosure.hidden_figures`)."""
    limit = threshold()
    return disclosure.hidden_figures(
        sc.catalogue, sc.observations, _public_frame(sc, limit), period
    )


@kept(16)
def _public_priorities(sc: Scorecard, limit: int, period: Period) -> list[PublicPriority]:
    # The static site (python -m scorecard publish) builds its pages through the same call.
    return publishing.public_priorities(
        sc.catalogue, _shown(sc, limit), period, said(sc, period, True)
    )


def public_priorities(sc: Scorecard, period: Period) -> list[PublicPriority]:
    """Every priority, suppressed and summed up in plain words, worked out once per data
    version, threshold and quarter."""
    limit = threshold()
    found = _public_priorities(sc, limit, period)
    _recorded(_remember_page, sc, limit, period)
    return found


@kept(16)
def _figure_tables(sc: Scorecard, limit: int, period: Period) -> list[str]:
    return [
        html_tables.records_table(
            p.figures,
            f"The figures for {p.report.heading}",  # as the static site captions them
            f"public_figures_{p.report.priority.number}",
            words=True,
        )
        for p in _public_priorities(sc, limit, period)
    ]


def figure_tables(sc: Scorecard, period: Period) -> list[str]:
    """Each priority's published figures (as disclosure control leaves them) as a plain HTML
    table, every text escaped, in the order of :func:`public_priorities`: built once per data
    version and threshold, not on every run."""
    return _figure_tables(sc, threshold(), period)


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
    return slides.deck(reports, shown, period, meeting, carried, list_actions=limit is None)


def deck(
    sc: Scorecard, period: Period, meeting: panel.Meeting | None, public: bool
) -> list[slides.Slide]:
    """The chair's slides, worked out once per data version, quarter, meeting and session."""
    limit = _limit(public)
    found = _deck(sc, limit, period, meeting)
    if limit is not None:
        _recorded(_remember_deck, sc, limit, period, meeting)
    return found


@kept(32)
def _slide_charts(
    sc: Scorecard, limit: int | None, period: Period, meeting: panel.Meeting | None
) -> list[str | None]:
    return [
        slides.slide_chart(slide) if isinstance(slide, slides.PrioritySlide) else None
        for slide in _deck(sc, limit, period, meeting)
    ]


def slide_chart(
    sc: Scorecard, period: Period, meeting: panel.Meeting | None, public: bool, number: int
) -> str | None:
    """The chart of slide ``number`` (from 1) of :func:`deck`, built once per data version."""
    return _slide_charts(sc, _limit(public), period, meeting)[number - 1]
