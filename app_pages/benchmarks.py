"""Benchmarks: where every council stands on one measure, from DfE's published figures."""

import streamlit as st

from scorecard import html_tables
from scorecard.benchmarks import charts, freshness, service, wording
from scorecard.benchmarks.importing import mapped_measures
from scorecard.benchmarks.storage import BenchmarkStore
from scorecard.errors import ScorecardError
from scorecard.text import as_markdown_text
from ui import markup, selection, state, widgets
from ui.navigation import link
from ui.state import scorecard

sc = scorecard()
measures = {m.id: m for m in mapped_measures(sc.catalogue)}
st.title("How we compare")
if not measures:
    st.info("No measure in the catalogue is mapped to a published DfE figure.")
    st.stop()


def from_its_latest_year() -> None:
    """Another measure starts at its own latest year (or the one last chosen for it), not at
    the year the address carried for the last one."""
    st.query_params.pop("year", None)


NO_FIGURES = "which has no published figures"
measure = selection.pick(
    "measure",
    "Measure",
    list(measures.values()),
    lambda m: m.id,
    lambda m: m.name,
    missing=NO_FIGURES,
    on_pick=from_its_latest_year,
    # Its own: only measures with DfE figures are offered here, and falling back to the first
    # of them must not change the measure the Measure page shows.
    remember_as="chosen_benchmark_measure",
)
measure_id = measure.id
try:
    published = state.published(sc)
    series = published.for_measure(measure)
    years = list(reversed(service.years(series))) if series is not None else []
    year = None
    if years:
        labels = {y.time_period: f"{y.time_period} ({wording.year_text(y)})" for y in years}
        year = selection.pick(
            "year",
            "Year",
            list(labels),
            str,
            labels.__getitem__,
            missing=NO_FIGURES,
            remember_as=f"chosen_year_{measure_id}",  # each measure from its own latest
        )
    view = service.measure_benchmarks(
        published, sc.catalogue, measure_id, sc.observations, year=year
    )
except ScorecardError as exc:
    st.info(as_markdown_text(str(exc)), icon=":material/info:")
    st.stop()

found = view.comparators
imports = BenchmarkStore(sc.store.engine).imports()
source = f"Published by DfE: {wording.source_text(measure)} {measure.polarity.plain}"
st.caption(  # two lines, one element: each element costs the server and the browser
    as_markdown_text(source)
    + "  \n"
    + as_markdown_text(freshness.source_line(measure, found.year, published, imports))
)
# Three to a row, so a figure such as "69.2 per 10,000" is never cut short.
tiles = [*st.columns(3), *st.columns(3)]
tiles[0].metric(as_markdown_text(found.council.name), wording.figure_text(found, measure))
tiles[1].metric("England", wording.value(measure, found.england))
tiles[2].metric("Statistical neighbours (average)", wording.value(measure, found.sn_mean))
tiles[3].metric("Quartile band", found.band.value if found.band else "–", help=wording.BAND_HELP)
tiles[4].metric("National rank", wording.rank_text(found), help=wording.RANK_HELP)
if view.latest is not None:
    tiles[5].metric(
        f"Our latest ({view.latest.period.label})", wording.own_text(measure, view.latest)
    )
placed = wording.compared_as_text(found)
st.caption(
    "  \n".join(
        as_markdown_text(line)
        for line in (wording.periods_text(found, measure, view.latest), placed)
        if line is not None
    )
)
widgets.figures_style()

widgets.chart(
    charts.standings_chart(measure, view.standings, found),
    charts.standings_summary(measure, view.standings, found),
    key="benchmark_standings",
)

st.header("Against every council, for our size")
if view.funnel is None:
    st.write(
        "DfE's files give no cohort sizes for this measure, so it cannot be judged against "
        "England for a council's size."
    )
else:
    adjusted = st.toggle(
        "Allow for the differences between councils that no council controls",
        value=True,
        key="funnel_adjusted",
        help=wording.FUNNEL_HELP,
    )
    shown = view.funnel if adjusted else service.without_adjustment(view.funnel)
    widgets.chart(
        charts.funnel_chart(measure, shown, found.council.name, found.council.region_code or ""),
        charts.funnel_summary(measure, shown, found.council.name),
        key="benchmark_funnel",
    )
    st.caption(wording.funnel_caption(shown.funnel))
    markup.html(
        html_tables.records_table(
            wording.funnel_years(view.funnel_years, found.council.name),
            f"{found.council.name} against England for its size, each published year",
            "benchmark_funnel_years",
        )
    )

st.header("Every comparison")
# Council and region names come from DfE's files: every text is escaped in the HTML.
markup.html(
    html_tables.rows_table(
        ["Comparison", "Figure"],
        wording.rows(found, measure),
        f"{measure.name}: every comparison",
        "benchmark_comparisons",
    )
)
if (rule := wording.best_rule(found, measure)) is not None:
    st.caption(rule)
st.header("Our statistical neighbours")
if view.neighbours.empty:
    st.write(
        "DfE's statistical-neighbour model names neighbours only for councils in its files; "
        "set this council's la_code in the catalogue to see them."
    )
else:
    markup.html(
        html_tables.figures_table(
            view.neighbours,
            f"{found.council.name}'s statistical neighbours, closest first",
            "benchmark_neighbours",
        )
    )
st.page_link(
    link("measure"),
    label="Our own figures for this measure, quarter by quarter",
    icon=":material/arrow_forward:",
    query_params={"measure": measure.id},
)
