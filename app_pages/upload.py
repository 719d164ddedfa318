"""Upload: the officers' quarterly figures. Download the template, upload it filled in, see
every problem and what will change, save it in one go; undo an upload from the history."""

import datetime as dt

import streamlit as st

from scorecard.upload import ingest
from ui import selection, widgets
from ui import upload_widgets as upload
from ui.access import current_person
from ui.state import scorecard

sc = scorecard(needs_figures=False)
person = current_person()
today = dt.date.today()

st.title("Upload the quarter's figures")
widgets.figures_style()  # for the plain tables: what was not read, the list of uploads
upload.last_message()

st.header("1. Download the template")
st.caption(
    "The workbook lists the measures, with a row for each figure due and last quarter's "
    "figure beside it for reference. Your own scorecard layout (measures in rows, quarters "
    "in columns) can be uploaded too."
)
periods = ingest.template_periods(sc.quarters, today=today)
period = selection.pick(
    "template",
    "Quarter to fill in",
    periods,
    lambda p: p.label,
    lambda p: p.long_label,
    missing="which has no template to fill in",
)
upload.template_button(sc, period)

st.header("2. Upload it and check it")
st.caption(
    "Nothing is saved until you press Save. Every problem is listed with its sheet, row and "
    "column; uploading a quarter again makes a new version and keeps the old one."
)
file = st.file_uploader(
    "Filled-in workbook (.xlsx) or CSV file",
    type=["xlsx", "xls", "csv"],
    key="upload_file",
)
checked = upload.checked(sc, file) if file is not None else None
if checked is not None:
    upload.validation_report(checked)
    upload.preview(checked)
    upload.commit_button(sc.store, checked, person)

st.header("3. Uploads so far")
st.caption(
    "Rolling an upload back makes the figures it replaced count again, and puts back the "
    "catalogue measures and meeting actions it changed. Every upload and roll-back is in the "
    "audit log."
)
upload.history(sc, person)
