"""What every page needs from the database, cached at the edge.

Caches key on the database address and its data version (which grows with every write), so
a new upload is seen on the next page load and nobody's figures go stale. They are shared by
every session of the server (ui/keep.py says why they are not st.cache_resource).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from scorecard import charts, html_tables, pledge, qualitative, sparklines, status, tiles
from scorecard import overview as overviews
from scorecard.benchmarks import (
    ComparatorLine,
    Comparators,
    PublishedData,
    comparator_series,
    comparators_for,
    freshness,
    load_all,
)
from scorecard.benchmarks import charts as benchmark_charts
from scorecard.benchmarks.storage import AUDIT_ACTION as BENCHMARK_IMPORT
from scorecard.benchmarks.storage import BenchmarkStore
from scorecard.benchmarks.years import DfeYear
from scorecard.catalogue import Catalogue, Measure
from scorecard.errors import ScorecardError
from scorecard.periods import Period
from scorecard.records import ActionItem, Commentary
from scorecard.startup import open_store
from scorecard.status import Histories, MeasureStatus, index, reporting_quarters
from scorecard.storage.database import configured_url
from scorecard.storage.store import AuditAction, Store
from scorecard.text import as_markdown_text
from ui.keep import kept


@st.cache_resource(show_spinner="Opening the scorecard…")
def _open(url: str) -> Store:
    return open_store(url)


_opened: dict[str, Store] = {}


def _store(url: str) -> Store:
    """The store, opened once per server (with a spinner: the first opening may migrate).
    Every run needs it, and st.cache_resource hashes its argument on every call."""
    store = _opened.get(url)
    if store is None:
        store = _opened[url] = _open(url)
    return store


@kept(4)
def _catalogue(url: str, version: int) -> Catalogue:
    return _store(url).catalogue()


# What makes published comparisons change: an officer's upload does not, so comparisons are
# not worked out again after every upload.
REFERENCE_ACTIONS = (BENCHMARK_IMPORT, AuditAction.CATALOGUE)


@dataclass(frozen=True)
class _Figures:
    observations: pd.DataFrame
    histories: Histories
    quarters: list[Period]


@kept(4)
def _figures(url: str, version: int) -> _Figures:
    observations = _store(url).current_observations()
    histories = index(observations)
    return _Figures(observations, histories, reporting_quarters(histories))


@dataclass(frozen=True, eq=False)  # compared by identity; kept results use cache_key
class Scorecard:
    """The data a page renders, read once per run. What is worked out from it is kept under
    its ``cache_key``, so a later reading of the same database at the same versions finds it."""

    url: str
    version: int
    reference_version: int
    store: Store
    catalogue: Catalogue
    observations: pd.DataFrame
    histories: Histories
    quarters: list[Period]

    @property
    def cache_key(self) -> tuple[str, int, int]:
        return (self.url, self.version, self.reference_version)


_THIS_RUN = "_scorecard_this_run"


def begin_run() -> None:
    """Called by app.py first thing on every run: the frame and the page then share one
    reading of the database (two versions, one query) instead of reading it twice."""
    st.session_state.pop(_THIS_RUN, None)


def scorecard(*, needs_figures: bool = True) -> Scorecard:
    """The scorecard, or a message saying what is wrong and the page stops there. A page that
    works before any figure exists (the Upload page, for a new council) passes
    ``needs_figures=False``."""
    sc = st.session_state.get(_THIS_RUN)
    if sc is None:
        sc = _read()
        st.session_state[_THIS_RUN] = sc
    if not sc.quarters and needs_figures:
        st.info("No quarterly figures have been uploaded yet. An officer can upload them.")
        st.stop()
    return sc


def _read() -> Scorecard:
    url = configured_url()
    try:
        store = _store(url)
        version, reference_version = store.data_versions(*REFERENCE_ACTIONS)
        figures = _figures(url, version)
        catalogue = _catalogue(url, version)
    except ScorecardError as exc:
        st.error(as_markdown_text(str(exc)), icon=":material/error:")
        st.stop()
    return Scorecard(
        url,
        version,
        reference_version,
        store,
        catalogue,
        figures.observations,
        figures.histories,
        figures.quarters,
    )


@kept(32)
def overview(sc: Scorecard, period: Period) -> overviews.Overview:
    """The overview of a quarter, worked out once per data version."""
    return overviews.build(sc.catalogue, sc.histories, period)


@dataclass(frozen=True)
class Chart:
    """A chart, its text alternative and its figures as a plain HTML table (every text
    escaped, scorecard/html_tables.py): an st.dataframe loads the browser's grid code, about
    0.3 s more for the page (benchmarks/browser.py)."""

    figure: go.Figure
    summary: str
    table_html: str | None = None


# A static chart (scorecard/sparklines.py) as a data: address, its text alternative and its
# figures as a plain HTML table: drawn once per data version, like a Chart; the record a tile
# shows (scorecard/tiles.py).
Picture = tiles.Shown


@dataclass(frozen=True)
class MeasureView:
    """One measure on its own page: its tile, its trend as a picture (with the figures of
    every period as a table) and as an interactive chart."""

    status: MeasureStatus
    comparators: Comparators | None
    picture: Picture
    trend: Chart


@dataclass(frozen=True)
class TileView:
    """One measure on the Priority page: its tile, its trend and its breakdown, as pictures."""

    status: MeasureStatus
    comparators: Comparators | None
    trend: Picture
    breakdown: Picture | None


@kept(64)
def priority_measures(sc: Scorecard, priority: int, period: Period) -> list[TileView]:
    """Every measure of a priority as the Priority page shows it in the quarter, worked out
    once per data version. Its charts are static pictures: a dozen interactive plotly charts
    took the browser seconds to draw (benchmarks/browser.py); the interactive one is a click
    away, on the measure's own page."""
    views = []
    for measure in sc.catalogue.measures_of(priority):
        history = status.readings(sc.histories, measure.id)
        shown = [r for r in history if r.period <= period]
        assessed = status.assess(measure, history, period)
        lines = comparator_lines(sc, measure)
        summary = benchmark_charts.trend_summary_with_comparators(
            measure, shown, lines, analysis=assessed.variation
        )
        picture = sparklines.trend_svg(measure, shown, analysis=assessed.variation, lines=lines)
        breakdown = None
        if measure.breakdowns:
            values = status.breakdown_values(sc.histories, measure, period)
            breakdown = Picture(
                sparklines.data_address(sparklines.bars_svg(measure, values)),
                charts.breakdown_summary(measure, values),
            )
        views.append(
            TileView(
                assessed,
                comparators(sc, measure, period),
                Picture(
                    sparklines.data_address(picture),
                    summary,
                    table_html=html_tables.figures_table(
                        status.history_table(measure, shown),
                        f"{measure.name}: every period to {period.label}, newest first",
                        f"figures_{measure.id}",
                    ),
                ),
                breakdown,
            )
        )
    return views


@dataclass(frozen=True)
class PriorityPage:
    """A Priority page's read-only parts as HTML (scorecard/tiles.py): what goes under its
    title, and each measure as one piece, to be shown with one st.html each."""

    head: str
    measures: list[str]


@kept(64)
def priority_page(sc: Scorecard, priority: int, period: Period) -> PriorityPage:
    """The Priority page's HTML, built once per data version and quarter: a page of sixteen
    measures was some 230 Streamlit elements, each a cost to the server and the browser."""
    views = priority_measures(sc, priority, period)
    shown = sc.catalogue.priority(priority)
    counts = overviews.PriorityRow(shown, [v.status for v in views]).counts
    texts = [t for v in views for t in (v.status.measure.name, v.status.measure.definition)]
    head = tiles.priority_head(
        shown.plain_title, period.long_label, counts, sc.catalogue.terms_in(shown.title, *texts)
    )
    measures = []
    for view in views:
        measure = view.status.measure
        found = view.comparators
        measures.append(
            tiles.measure(
                view.status,
                period.label,
                view.trend,
                comparators=found,
                release=release_line(sc, measure.id, found.year) if found is not None else "",
                glossary=sc.catalogue.terms_in(measure.name),
                breakdown=view.breakdown,
                breakdown_label=f"{measure.name} by {status.breakdown_label(measure)}",
            )
        )
    return PriorityPage(head, measures)


@kept(64)
def measure_history(sc: Scorecard, measure_id: str, period: Period) -> MeasureView:
    """One measure over every period, for its own page: the whole history, not only up to
    the quarter looked at, so the table shows what has come in since."""
    measure = sc.catalogue.measure(measure_id)
    history = status.readings(sc.histories, measure.id)
    assessed = status.assess(measure, history, period)
    lines = comparator_lines(sc, measure)
    figure, summary = benchmark_charts.trend_with_comparators(
        measure, history, lines, height=360, analysis=assessed.variation
    )
    table = html_tables.figures_table(
        status.history_table(measure, history),
        f"{measure.name}: every period, newest first",
        "every_period",
    )
    picture = sparklines.trend_svg(measure, history, analysis=assessed.variation, lines=lines)
    return MeasureView(
        assessed,
        comparators(sc, measure, period),
        Picture(sparklines.data_address(picture), summary, table),
        Chart(figure, summary),
    )


@kept(64)
def trends(sc: Scorecard, priority: int, period: Period, recent: int, columns: int = 3) -> Picture:
    """A priority's measures as small multiples over the ``recent`` quarters to ``period``,
    in ``columns`` columns (1 for a phone), as one static picture."""
    measures = sc.catalogue.measures_of(priority)
    histories = {m.id: status.recent(sc.histories, m, period, recent) for m in measures}
    quarters = status.quarters_to(period, recent)
    return Picture(
        sparklines.data_address(sparklines.small_multiples_svg(measures, histories, columns)),
        charts.sparklines_summary(measures, histories),
        table_html=html_tables.figures_table(
            status.trend_table(measures, histories, quarters),
            f"Priority {priority}: each measure in the last {len(quarters)} quarters to "
            f"{period.label}",
            "trends_figures",
        ),
    )


@kept(64)
def commentary(sc: Scorecard, period: Period, priority: int | None = None) -> list[Commentary]:
    return sc.store.commentary(period, priority)


@kept(64)
def actions(sc: Scorecard, period: Period, priority: int | None = None) -> list[ActionItem]:
    return sc.store.actions(period, priority)


@kept(4)
def _reference(url: str, reference_version: int) -> tuple[Catalogue, PublishedData]:
    """The catalogue and DfE's published figures, read once per import or catalogue change."""
    store = _store(url)
    catalogue = store.catalogue()
    return catalogue, load_all(store, catalogue)


def published(sc: Scorecard) -> PublishedData:
    """DfE's published figures for every mapped measure, loaded once per import."""
    return _reference(sc.url, sc.reference_version)[1]


@kept(512)
def _comparators(sc: Scorecard, measure_id: str, period: Period) -> Comparators | None:
    return comparators_for(published(sc), sc.catalogue, measure_id, sc.observations, as_of=period)


def release_line(sc: Scorecard, measure_id: str, year: DfeYear) -> str:
    """Which DfE release a comparison's year comes from, and when DfE published it."""
    return _release_line(sc.url, sc.reference_version, measure_id, year)


@kept(512)
def _release_line(url: str, reference_version: int, measure_id: str, year: DfeYear) -> str:
    # Read once per import or catalogue change, as the figures it names: an upload of our
    # own figures changes neither.
    catalogue, found = _reference(url, reference_version)
    records = BenchmarkStore(_store(url).engine).imports()
    return freshness.source_line(catalogue.measure(measure_id), year, found, records)


def comparators(sc: Scorecard, measure: Measure, period: Period) -> Comparators | None:
    """Published comparators for a tile, worked out once per data version and quarter."""
    if measure.dfe is None:
        return None
    return _comparators(sc, measure.id, period)


@kept(512)
def _lines(url: str, reference_version: int, measure_id: str) -> list[ComparatorLine]:
    catalogue, found = _reference(url, reference_version)
    return comparator_series(found, catalogue, measure_id)


def comparator_lines(sc: Scorecard, measure: Measure) -> list[ComparatorLine]:
    """England, neighbours and top quartile over the years, for a trend chart."""
    if measure.dfe is None:
        return []
    return _lines(sc.url, sc.reference_version, measure.id)


@kept(32)
def grid(sc: Scorecard, period: Period) -> overviews.Grid:
    """Every measure over the last quarters with England's figure, as the tiles show them."""
    england = {}
    for measure in sc.catalogue.measures:
        found = comparators(sc, measure, period)
        england[measure.id] = found.england if found is not None else None
    return overviews.grid(sc.catalogue, sc.histories, period, england)


@kept(32)
def overview_sections(sc: Scorecard, period: Period) -> overviews.Sections:
    """The Overview's read-only sections as HTML, with the quarter's commentary: built once
    per data version and quarter, each sent as one element."""
    return overviews.sections(overview(sc, period), commentary(sc, period))


@kept(32)
def pledge_html(sc: Scorecard, period: Period, today: dt.date) -> str:
    """The Pledge's promises as HTML, built once per data version, quarter and day (which
    actions are overdue depends on the day)."""
    found = pledge.promises(sc.catalogue, overview(sc, period).statuses, actions(sc, period))
    return pledge.page_html(found, period.label, today)


# The commentary panel and action plan are given their items (ui/qualitative.py's callers
# read them through commentary() and actions() above, kept per data version): the HTML is
# kept per those items, so it too is built once per data version.


@kept(64)
def commentary_html(items: tuple[Commentary, ...], period_label: str) -> str:
    return qualitative.commentary_html(list(items), period_label)


@kept(64)
def action_plan_html(items: tuple[ActionItem, ...], today: dt.date) -> str:
    return qualitative.action_plan_html(list(items), today)
