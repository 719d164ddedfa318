"""Published figures (administrators): import DfE's statistics so every measure with a DfE
mapping is compared with England, our neighbours and the best councils."""

import datetime as dt

import streamlit as st

from scorecard import html_tables
from scorecard.access import Permission
from scorecard.benchmarks import (
    BenchmarkImportRejected,
    freshness,
    import_contents,
    import_folder,
    update,
)
from scorecard.benchmarks.importing import PUBLISHED_FOLDER
from scorecard.benchmarks.storage import BenchmarkStore
from scorecard.errors import ScorecardError
from scorecard.text import as_markdown_text
from ui import markup, state, widgets
from ui.access import current_person
from ui.state import scorecard
from ui.widgets import plain

sc = scorecard(needs_figures=False)
person = current_person()

st.title("Published figures for comparison")
st.caption(
    "DfE publishes every council's figures each year as CSV files (explore-education-"
    "statistics.service.gov.uk). Import the files the catalogue's measures are mapped to, and "
    "the statistical-neighbour model; an earlier import of the same file is replaced."
)

for due in freshness.overdue(sc.catalogue, state.published(sc), dt.date.today()):
    st.warning(as_markdown_text(str(due)), icon=":material/update:")

if st.button("Check DfE for new releases", key="dfe_update", type="primary"):
    try:
        person.require(Permission.IMPORT_BENCHMARKS)
        with st.spinner("Asking DfE's statistics service for its latest releases…"):
            checked = update.update(sc.store, actor=person.actor)
        st.success("DfE's statistics service was checked:")
        plain(checked.message())
    except BenchmarkImportRejected as exc:
        st.error("Nothing was imported: DfE's new files do not fit the catalogue's mappings.")
        plain(str(exc))
    except ScorecardError as exc:
        st.error(as_markdown_text(str(exc)))

files = st.file_uploader(
    "DfE CSV files", type=["csv"], accept_multiple_files=True, key="benchmark_files"
)
if st.button("Import these files", key="import_files", disabled=not files, type="primary"):
    try:
        person.require(Permission.IMPORT_BENCHMARKS)
        contents = [(f.name, f.getvalue()) for f in files or []]
        done = import_contents(sc.store, contents, actor=person.actor).message()
        st.success(as_markdown_text(done))
    except BenchmarkImportRejected as exc:
        st.error("Nothing was imported: fix these problems and try again.")
        plain(str(exc))
    except ScorecardError as exc:
        st.error(as_markdown_text(str(exc)))

if PUBLISHED_FOLDER.is_dir() and st.button(
    "Import every mapped file from the server's published-data folder", key="import_folder"
):
    try:
        person.require(Permission.IMPORT_BENCHMARKS)
        outcome = import_folder(sc.store, PUBLISHED_FOLDER, actor=person.actor)
        st.success(as_markdown_text(outcome.message()))
    except ScorecardError as exc:
        st.error(as_markdown_text(str(exc)))

st.header("Imported so far")
records = BenchmarkStore(sc.store.engine).imports()
if not records:
    st.write("No published files have been imported yet.")
else:
    # A plain table, every text escaped (file names and DfE's words come from outside): an
    # st.dataframe would load the browser's grid code on every visit to the page.
    widgets.figures_style()
    markup.html(
        html_tables.records_table(
            [
                {
                    "File": r.file_name,
                    "Imported": f"{r.imported_at:%d %b %Y %H:%M}",
                    "By": r.imported_by,
                    "What": r.summary,
                    "DfE release": r.source.release if r.source else "",
                    "Published": (
                        f"{r.source.published_on:%d %b %Y}"
                        if r.source and r.source.published_on
                        else ""
                    ),
                    "From": r.source.url if r.source else "",
                    "SHA-256": r.sha256[:12],
                }
                for r in records
            ],
            "Every published file imported, with where it came from",
            "imports_table",
        )
    )
