"""How long each page's script takes, next to a bare page drawing the same charts.

    python benchmarks/pages.py [--runs 5]

Runs every registered page through Streamlit's AppTest on two databases — the demonstration
authority, and a large one (10 years of quarterly data for 60 measures with five age bands
each) — and, beside each, a bare script that renders the same elements (the same charts,
text, tables, pickers and layout) from values computed in advance. Prints the median of
several warm reruns of each, the ratio, and whether the targets hold: our page within 1.5x
of the bare page, and no page over 1 s.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import streamlit.testing.v1.app_test as app_test  # noqa: E402
import streamlit.testing.v1.local_script_runner as local_script_runner  # noqa: E402
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from scorecard.catalogue import AGE_BANDS, parse_catalogue  # noqa: E402
from scorecard.periods import Period, quarters_between  # noqa: E402
from scorecard.records import Observation, Submission  # noqa: E402
from scorecard.startup import init_demo  # noqa: E402
from scorecard.storage.store import Store  # noqa: E402
from ui.navigation import PAGE_SPECS  # noqa: E402

# The bare page replays what our page put on screen, every value computed in advance: the
# same charts, text, tables, pickers and buttons, without reading the database or working
# anything out. Our page's time over the bare page's is the cost of our own code.
BARE_PAGE = """
import pickle, os
import streamlit as st

with open(os.environ["BARE_ELEMENTS"], "rb") as handle:
    elements = pickle.load(handle)
counter = iter(range(100_000))

def render(items, in_form=False):
    for kind, value in items:
        key = f"bare_{next(counter)}"
        if kind == "form":
            with st.form(key):
                render(value, in_form=True)
        elif kind == "container":
            with st.container(border=True):
                render(value, in_form)
        elif kind == "columns":
            for column, children in zip(st.columns(len(value)), value):
                with column:
                    render(children, in_form)
        elif kind == "tabs":
            labels, groups = value
            for tab, children in zip(st.tabs(labels), groups):
                with tab:
                    render(children, in_form)
        elif kind == "expander":
            label, children = value
            with st.expander(label):
                render(children, in_form)
        elif kind == "plotly_chart":
            st.plotly_chart(value, key=key)
        elif kind == "dataframe":
            st.dataframe(value, hide_index=True, key=key)
        elif kind == "metric":
            st.metric(*value)
        elif kind == "selectbox":
            st.selectbox(value[0], value[1], key=key)
        elif kind == "download_button":
            st.download_button(value, data=b"", key=key)
        elif kind == "page_link":
            label, page, icon, query = value
            st.page_link(by_path[page], label=label, icon=icon or None, query_params=query)
        elif kind == "button" and in_form:
            st.form_submit_button(value, key=key)
        elif kind == "button":
            st.button(value, key=key)
        elif kind in ("checkbox", "toggle", "text_input", "text_area"):
            getattr(st, kind)(value[0], value[1], key=key)
        elif kind == "number_input":
            label, number, low, high = value
            st.number_input(label, value=number, min_value=low, max_value=high, key=key)
        elif kind == "date_input":
            st.date_input(value[0], value=value[1], key=key)
        elif kind == "radio":
            st.radio(value[0], value[1], index=value[2], key=key)
        elif kind == "file_uploader":
            st.file_uploader(value, key=key)
        elif kind in ("info", "warning"):
            getattr(st, kind)(value)
        elif kind == "html":
            st.html(value)
        elif kind == "image":
            for url, alt in value:
                st.image(url, alt=alt, width="stretch")
        else:
            st.markdown(value)

def page():
    with st.sidebar:
        render(elements["sidebar"])
    render(elements["main"])

# The same frame as app.py (page config, the same menu of page files), so only our own work
# differs: the page measured is replaced by the replay.
st.set_page_config(page_title="bare", layout="wide")
with open(os.environ["BARE_MENU"], "rb") as handle:
    measured, menu = pickle.load(handle)
pages = [
    st.Page(page, title=title, icon=icon, url_path=key, default=True, help=help)
    if key == measured
    else st.Page(path, title=title, icon=icon, url_path=key, help=help)
    for path, title, icon, key, help in menu
]
by_path = {p.url_path: p for p in pages}
st.navigation(pages).run()
"""
QUERY = {"priority": {"priority": "1"}, "trends": {"priority": "1"}, "measure": {}}


def large_catalogue(measures: int = 60) -> dict[str, object]:
    priorities = [
        {"number": n, "short_title": f"P{n}", "title": f"Priority {n}", "plain_title": f"P{n}"}
        for n in range(1, 7)
    ]
    items = []
    for i in range(measures):
        percent = i % 3 != 2
        items.append(
            {
                "id": f"M{i:02d}",
                "name": f"Measure number {i}",
                "priority": i % 6 + 1,
                "unit": "percent" if percent else "count",
                "polarity": "higher_is_better" if i % 2 else "lower_is_better",
                "decimals": 1 if percent else 0,
                "target": 60.0 if percent else 40.0,
                "tolerance": 5.0,
                "definition": "Synthetic measure for the benchmark.",
                "why_it_matters": "Speed.",
                "source": "Generated",
                "breakdowns": list(AGE_BANDS),
            }
        )
    return {
        "authority": {"name": "Benchmark Borough (generated data)", "demonstration": True},
        "priorities": priorities,
        "measures": items,
    }


def build_large(url: str) -> None:
    catalogue = parse_catalogue(large_catalogue(), "benchmark catalogue")
    store = Store.open(url)
    store.replace_catalogue(catalogue, actor="benchmark", file_name="gen", sha256="0" * 64)
    rng = random.Random(7)
    quarters = quarters_between(Period.quarter_of(2016, 3), Period.quarter_of(2026, 2))
    for quarter in quarters:
        observations = [
            Observation(m.id, quarter, breakdown, value=round(rng.uniform(30, 90), m.decimals))
            for m in catalogue.measures
            for breakdown in m.all_breakdowns
        ]
        store.commit(
            Submission(observations),
            actor="benchmark",
            file_name=f"{quarter.label}.xlsx",
            sha256=f"{quarter.label:0>64}",
        )


def compile_once_like_a_server() -> None:
    """A running server compiles each page script once and keeps the bytecode; AppTest
    compiles app.py and the page again on every run. Give AppTest one cache for all runs, so
    the timings are of running the pages, as users get them, not of compiling them."""
    shared = ScriptCache()
    for module in (app_test, local_script_runner):
        module.ScriptCache = lambda: shared  # type: ignore[attr-defined]


def interleaved_medians(ours: AppTest, bare: AppTest, runs: int) -> tuple[float, float]:
    """Median rerun time of each, the two taking turns, so that whatever else the machine is
    doing at the time slows both alike."""
    timings: dict[int, list[float]] = {id(ours): [], id(bare): []}
    for _ in range(runs):
        for at in (ours, bare):
            start = time.perf_counter()
            at.run()
            timings[id(at)].append(time.perf_counter() - start)
            assert not at.exception, at.exception
    return statistics.median(timings[id(ours)]), statistics.median(timings[id(bare)])


_LEAVES = {"markdown", "caption", "title", "header", "subheader", "info", "warning"}


def elements_of(node: object) -> list[tuple[str, object]]:
    """What the page showed, in order and nesting, as (kind, precomputed value)."""
    from plotly.io import from_json

    found: list[tuple[str, object]] = []
    for child in getattr(node, "children", {}).values():
        kind = getattr(child, "type", None)
        if kind == "tab_container":
            tabs = list(child.children.values())
            found.append(("tabs", ([t.label for t in tabs], [elements_of(t) for t in tabs])))
        elif (
            kind == "flex_container"
            and all(getattr(c, "type", None) == "column" for c in child.children.values())
            and child.children
        ):
            found.append(("columns", [elements_of(c) for c in child.children.values()]))
        elif kind == "flex_container":
            found.append(("container", elements_of(child)))
        elif kind == "expandable":
            found.append(("expander", (child.label, elements_of(child))))
        elif kind == "plotly_chart":
            found.append((kind, from_json(child.proto.spec)))
        elif kind == "dataframe":
            found.append((kind, child.value))
        elif kind == "metric":
            found.append((kind, (child.label, child.value)))
        elif kind == "selectbox":
            found.append((kind, (child.label, list(child.options))))
        elif kind == "download_button":
            found.append((kind, child.proto.label))
        elif kind == "form":
            found.append(("form", elements_of(child)))
        elif kind == "page_link":  # the same page, icon and query as ours: the same link
            link = child.proto
            query = dict(parse_qsl(link.query_string))
            found.append((kind, (link.label, link.page, link.icon, query)))
        elif kind in ("button", "file_uploader"):
            found.append((kind, child.proto.label))
        elif kind in ("checkbox", "toggle", "text_input", "text_area", "date_input"):
            found.append((kind, (child.label, child.value)))
        elif kind == "number_input":
            number = int if child.proto.format == "%d" else float  # bounds come as floats
            found.append((kind, (child.label, child.value, number(child.min), number(child.max))))
        elif kind == "radio":
            found.append((kind, (child.label, list(child.options), child.index)))
        elif kind == "html":  # raw HTML (the Overview's grid): the same body, sent the same way
            found.append((kind, child.proto.body))
        elif kind == "image":  # a static chart: the same data: address and alternative text
            found.append((kind, [(image.url, image.alt) for image in child.proto.imgs]))
        elif kind in _LEAVES:
            found.append((kind, child.value))
        else:
            found.extend(elements_of(child))
    return found


def measure_page(url: str, key: str, path: str, runs: int, work: Path) -> tuple[float, float, int]:
    os.environ["SCORECARD_DATABASE_URL"] = url
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    for name, value in QUERY.get(key, {}).items():
        at.query_params[name] = value
    at.switch_page(path).run()
    elements = {"main": elements_of(at.main), "sidebar": elements_of(at.sidebar)}
    element_file = work / f"{key}.pickle"
    element_file.write_bytes(pickle.dumps(elements))
    os.environ["BARE_ELEMENTS"] = str(element_file)
    menu = [(str(ROOT / m.path), m.title, m.icon, m.key, m.help) for m in PAGE_SPECS]
    menu_file = work / "menu.pickle"
    menu_file.write_bytes(pickle.dumps((key, menu)))
    os.environ["BARE_MENU"] = str(menu_file)
    bare = AppTest.from_string(BARE_PAGE, default_timeout=120)
    bare.run()
    charts = str(pickle.dumps(elements)).count("plotly_chart")
    ours, bare_time = interleaved_medians(at, bare, runs)
    return ours, bare_time, charts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compile_once_like_a_server()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        demo_url = f"sqlite:///{work / 'demo.db'}"
        init_demo(Store.open(demo_url))
        large_url = f"sqlite:///{work / 'large.db'}"
        started = time.perf_counter()
        build_large(large_url)
        print(f"large database built in {time.perf_counter() - started:.1f} s")
        print(
            f"{'page':<10} {'database':<9} {'charts':>6} {'ours ms':>8} {'bare ms':>8} "
            f"{'ratio':>6}  targets (<=1.5x bare, <=1000 ms)"
        )
        for label, url in (("demo", demo_url), ("large", large_url)):
            for spec in PAGE_SPECS:
                ours, bare, charts = measure_page(url, spec.key, spec.path, args.runs, work)
                ratio = ours / bare if bare else float("inf")
                verdict = "ok" if ratio <= 1.5 and ours <= 1.0 else "MISSED"
                print(
                    f"{spec.key:<10} {label:<9} {charts:>6} {ours * 1000:>8.0f} "
                    f"{bare * 1000:>8.0f} {ratio:>6.2f}  {verdict}"
                )


if __name__ == "__main__":
    main()
