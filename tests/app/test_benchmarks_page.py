"""The benchmark page through AppTest: where every council stands on one measure.

Figures are checked by hand against DfE's files (see tests/unit/test_benchmarks_published.py):
care leavers aged 19 to 21 in education, employment or training, 2025: England 54%, 152
councils with a number; Trafford (E08000009) placement stability 2025: 6%, band A, 5th of
151, neighbours led by Hertfordshire (11%).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard import startup
from scorecard.benchmarks.importing import PUBLISHED_FOLDER, import_published_if_present
from scorecard.storage.store import Store
from tests.app.conftest import app_on
from tests.app.pickers import pick, picker_label
from tests.html_reading import captioned
from tests.markup import read
from ui.navigation import PAGES

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not PUBLISHED_FOLDER.is_dir(), reason=f"DfE's published files are not at {PUBLISHED_FOLDER}"
)


def demo_database(folder: Path, catalogue: Path | None = None, *, published: bool = True) -> str:
    url = f"sqlite:///{folder / 'demo.db'}"
    with pytest.MonkeyPatch.context() as patch:
        if catalogue is not None:
            patch.setattr(startup, "DEMO_CATALOGUE", catalogue)
        store = Store.open(url)
        startup.init_demo(store)
    if published:
        assert import_published_if_present(store) is not None
    return url


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("benchmarks"))


@pytest.fixture(scope="module")
def trafford_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demonstration authority given a real council's code: its comparators are real."""
    folder = tmp_path_factory.mktemp("trafford")
    text = (ROOT / "data" / "catalogue.toml").read_text(encoding="utf-8")
    catalogue = folder / "catalogue.toml"
    catalogue.write_text(
        text.replace('compare_as = "358"\n', 'la_code = "E08000009"\n', 1), encoding="utf-8"
    )
    return demo_database(folder, catalogue)


@pytest.fixture(scope="module")
def unimported_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("empty"), published=False)


@pytest.fixture
def app(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    yield app_on(demo_url, monkeypatch)


def open_benchmarks(app: AppTest, **params: str) -> AppTest:
    app.run()
    for name, value in params.items():
        app.query_params[name] = value
    app.switch_page(PAGES["benchmarks"]).run()
    assert not app.exception, app.exception
    return app


def metrics(app: AppTest) -> dict[str, str]:
    return {read(m.label): m.value for m in app.metric}


def captions(app: AppTest) -> str:
    return read("\n".join(c.value for c in app.caption))


def test_demonstration_authority_is_placed_among_all_councils_by_its_own_figure(
    app: AppTest,
) -> None:
    open_benchmarks(app, measure="CL_EET_19_21", year="2025")
    assert app.title[0].value == "How we compare"
    eet = "Care leavers aged 19 to 21 in education, employment or training"
    assert picker_label(app, "measure") == f"Measure: {eet}"
    shown = metrics(app)
    assert shown["England"] == "54.0%"
    assert shown["Quartile band"] == "C"
    assert shown["National rank"] == "89 of 153"  # 152 councils with a number, and us
    assert (
        "Demoshire Council (demonstration data) is not in DfE's files: it is compared as if "
        "it were in the North West, with Trafford's statistical neighbours, and placed among "
        "every council by its own figure for 2024/25 Q4."
    ) in captions(app)
    # Every council's standing, and the funnel plot of every council's cohort.
    assert [c.key for c in app.get("plotly_chart")] == ["benchmark_standings", "benchmark_funnel"]
    assert "153 councils' figures for the year ending 31 March 2025, best first" in captions(app)
    assert "best council Leicester 79.0%" in captions(app)


def test_the_page_says_which_quarter_meets_dfes_year_with_our_latest_beside_it(
    app: AppTest, demo_url: str
) -> None:
    own = Store.open(demo_url).current_observations(["CL_EET_19_21"])
    every = own[own["breakdown"] == "All"].set_index("period")["value"]
    q4, latest = every["2024/25 Q4"], every["2026/27 Q2"]  # the demo's latest quarter
    open_benchmarks(app, measure="CL_EET_19_21", year="2025")
    assert metrics(app)["Our latest (2026/27 Q2)"] == f"{latest:.1f}%"
    assert (
        f"DfE's 2025 figures (year ending 31 March 2025) are set beside our 2024/25 Q4 "
        f"({q4:.1f}%). Our latest figure, for 2026/27 Q2, is {latest:.1f}%."
    ) in captions(app)
    assert "The best council is chosen among councils with 20 or more children" in captions(app)


def test_a_measure_with_no_published_figure_in_the_link_is_explained(app: AppTest) -> None:
    open_benchmarks(app, measure="NEET_16_18")
    assert any("NEET_16_18" in read(w.value) for w in app.warning)
    # The first mapped measure instead.
    assert picker_label(app, "measure") == "Measure: Children in care per 10,000 children"


def test_choosing_a_year_puts_it_in_the_link(app: AppTest) -> None:
    open_benchmarks(app, measure="CL_EET_19_21")
    assert app.query_params["year"] == "2025"  # the latest by default
    pick(app, "year", "2023")
    assert not app.exception
    assert app.query_params["year"] == "2023"
    assert "year ending 31 March 2023" in captions(app)


def test_choosing_another_measure_starts_at_its_own_latest_year(app: AppTest) -> None:
    open_benchmarks(app, measure="CL_EET_19_21", year="2023")
    pick(app, "measure", "Key stage 2: reading, writing and maths")
    assert not app.exception and not app.warning
    assert (app.query_params["measure"], app.query_params["year"]) == ("KS2_RWM", "202425")
    assert "academic year 2024/25" in captions(app)


def by_the_sidebar(app: AppTest, page: str) -> AppTest:
    """Go to ``page`` as its sidebar link does: the address loses its query string."""
    for name in list(app.query_params):
        del app.query_params[name]
    app.switch_page(PAGES[page]).run()
    assert not app.exception, app.exception
    return app


def test_how_we_compare_leaves_the_measure_pages_measure_alone(app: AppTest) -> None:
    # NEET has no DfE figure mapped: How we compare shows its first mapped measure instead,
    # and that must not become the measure the Measure page shows.
    app.run()
    app.query_params["measure"] = "NEET_16_18"
    app.switch_page(PAGES["measure"]).run()
    by_the_sidebar(app, "benchmarks")
    assert picker_label(app, "measure") == "Measure: Children in care per 10,000 children"
    by_the_sidebar(app, "measure")
    assert app.query_params["measure"] == "NEET_16_18"


def test_a_measure_from_a_link_starts_at_its_own_latest_year(app: AppTest) -> None:
    open_benchmarks(app, measure="CL_EET_19_21")
    latest = app.query_params["year"]
    pick(app, "year", "2023")
    # A link naming only another measure, followed in the same session: that measure's own
    # latest year, not the 2023 chosen for the last one.
    open_benchmarks(app, measure="KS2_RWM")
    assert app.query_params["year"] == "202425"
    # And CL_EET_19_21 again: the year last chosen for it.
    open_benchmarks(app, measure="CL_EET_19_21")
    assert app.query_params["year"] == "2023" != latest
    # The Measure page's choice is its own, and this page keeps its own.
    by_the_sidebar(app, "measure")
    pick(app, "measure", "Children in care per 10,000 children")
    by_the_sidebar(app, "benchmarks")
    eet = "Care leavers aged 19 to 21 in education, employment or training"
    assert picker_label(app, "measure") == f"Measure: {eet}"


def test_a_bad_link_names_what_is_shown_instead(app: AppTest) -> None:
    # Remembered from earlier in the session, CL_EET_19_21 wins over the first mapped
    # measure, and the warning says so.
    open_benchmarks(app, measure="CL_EET_19_21")
    open_benchmarks(app, measure="NO_SUCH")
    [warning] = [read(w.value) for w in app.warning]
    eet = "Care leavers aged 19 to 21 in education, employment or training"
    assert warning == (
        f"The link asked for measure 'NO_SUCH', which has no published figures; showing {eet} "
        "instead."
    )
    assert picker_label(app, "measure") == f"Measure: {eet}"


def test_a_real_council_code_shows_real_comparators_and_its_neighbours(
    trafford_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_benchmarks(app_on(trafford_url, monkeypatch), measure="PLACEMENTS_3PLUS")
    shown = metrics(app)
    assert shown["Trafford"] == "6.0%"
    assert shown["England"] == "10.0%" and shown["Quartile band"] == "A"
    assert shown["National rank"] == "5 of 151"
    assert app.dataframe == [] and app.table == []  # plain tables: no grid to load
    comparisons = captioned(app, "Children in care with three or more placements").table(
        "Comparison"
    )
    assert "North West" in [row["Comparison"] for row in comparisons]
    neighbours = captioned(app, "Trafford's statistical neighbours, closest first")
    assert len(neighbours.table("Neighbour")) == 10
    first = neighbours.table("Neighbour")[0]
    assert (first["Council"], first["Closeness"], first["Value"]) == (
        "Hertfordshire",
        "Very close",
        "11.0%",
    )


def test_before_anything_is_imported_the_page_says_how_to_import(
    unimported_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_benchmarks(app_on(unimported_url, monkeypatch), measure="CL_EET_19_21")
    assert any("No published figures have been imported" in i.value for i in app.info)
    assert "benchmarks import" in " ".join(i.value for i in app.info)
