"""The pieces of the Upload page: template download, the check of an uploaded file, its
preview, the commit, and the history with roll-back (confirmed first).

Writes happen in button callbacks, before the page runs again, so the page that follows
already shows the new state; the outcome is kept in the session to be said once. Messages
can quote the officer's file (its name, its sheet names), so they are never read as Markdown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from scorecard import html_tables, publication
from scorecard.access import Permission, Person
from scorecard.disclosure import configured_threshold
from scorecard.errors import ScorecardError
from scorecard.periods import Period
from scorecard.storage.store import Store, UploadRecord, UploadStatus
from scorecard.text import as_markdown_text
from scorecard.upload import ingest
from scorecard.upload.preview import Change
from scorecard.upload.report import (
    history_table,
    ignored_table,
    issues_table,
    report_workbook,
)
from ui import markup, widgets
from ui.keep import kept
from ui.state import Scorecard
from ui.widgets import column_widths

_MESSAGE = "upload_message"
_CHECKED = "upload_checked"
_ROLLBACK = "upload_rollback_pending"
_ROLLBACK_CHOICE = "rollback_choice"
ROLLBACK_FOLD = "rollback_open"
PREVIEW_ROWS = 5000  # a table longer than this is cut short on the page (the file has all)


def say(kind: str, text: str) -> None:
    """A message that may quote the officer's file: shown as typed, never as Markdown."""
    getattr(st, kind)(as_markdown_text(text))


def last_message() -> None:
    """What the last commit or roll-back did, said once."""
    message = st.session_state.pop(_MESSAGE, None)
    if message:
        say(*message)


def template_button(sc: Scorecard, period: Period) -> None:
    """The template for ``period``: one that has ended (ingest.template_periods offers no
    other), so it can be uploaded as soon as it is filled in."""

    def build() -> bytes:
        return ingest.template_bytes(sc.store, period)

    st.download_button(
        f"Download the template for {period.label}",
        data=build,
        file_name=ingest.template_file_name(period),
        mime=ingest.XLSX_MIME,
        key="template_download",
        icon=":material/download:",
        on_click="ignore",
    )


def checked(sc: Scorecard, file: UploadedFile) -> ingest.Checked | None:
    """The file read, validated and compared with the database, once per file and version."""
    key = (file.file_id, sc.version)
    remembered = st.session_state.get(_CHECKED)
    if remembered is not None and remembered[0] == key:
        return remembered[1]  # type: ignore[no-any-return]
    try:
        with st.spinner("Checking every sheet, row and cell…"):
            result = ingest.check(sc.store, file.name, file.getvalue(), today=dt.date.today())
    except ScorecardError as exc:
        say("error", str(exc))
        return None
    st.session_state[_CHECKED] = (key, result)
    return result


def validation_report(checked: ingest.Checked) -> None:
    v = checked.validation
    st.subheader("Problems")
    say("caption", f"{checked.file_name}: {checked.summary()}.")
    if not v.issues:
        st.success("No problems found.", icon=":material/check_circle:")
    elif v.is_valid:
        st.warning(f"{len(v.warnings)} warning(s). They do not stop the upload; read them first.")
    else:
        st.error(
            f"{len(v.blocking)} problem(s) to fix before anything can be saved, and "
            f"{len(v.warnings)} warning(s). Correct the file and upload it again."
        )
    if v.issues:
        issues = issues_table(v)
        st.dataframe(
            issues, hide_index=True, key="upload_issues", column_config=column_widths(issues)
        )
    if v.ignored:
        with st.expander(f"Not read: {len(v.ignored)} part(s) of the file, and why"):
            caption = f"{checked.file_name}: what was not read, and why"
            markup.html(html_tables.figures_table(ignored_table(v), caption, "upload_ignored"))

    def build() -> bytes:
        return report_workbook(checked.file_name, v, checked.preview, checked.catalogue)

    st.download_button(
        "Download this report (.xlsx)",
        data=build,
        file_name=f"{PurePath(checked.file_name).stem}-check.xlsx",
        mime=ingest.XLSX_MIME,
        key="report_download",
        icon=":material/download:",
        on_click="ignore",
    )


def preview(checked: ingest.Checked) -> None:
    st.subheader("What will change")
    if checked.identical_to is not None:
        say("info", ingest.identical_message(checked.identical_to))
        return
    p = checked.preview
    for line in checked.published:
        say("warning", line)
    columns = st.columns(3)
    for column, change in zip(columns, Change, strict=True):
        column.metric(f"{change.value.capitalize()} figures", p.count(change))
    if p.catalogue_changes:
        st.warning("Saving this upload also changes the catalogue (from its Measures sheet):")
        markup.html(
            html_tables.rows_table(
                ["Change to the catalogue"],
                ([str(c)] for c in p.catalogue_changes),
                f"{checked.file_name}: changes to the catalogue",
                "upload_catalogue_changes",
            )
        )
    for line in p.qualitative:
        st.text(line)
    if p.meeting_items:
        st.text(p.meeting_summary())
        caption = f"{checked.file_name}: meeting resolutions and actions"
        markup.html(html_tables.figures_table(p.meeting_table(), caption, "upload_meeting_items"))
    if checked.catalogue is not None and (p.new or p.changed or p.unchanged):
        total = p.count(Change.NEW) + p.count(Change.CHANGED) + p.count(Change.UNCHANGED)
        if total > PREVIEW_ROWS:
            st.caption(f"The first {PREVIEW_ROWS:,} of {total:,} figures, changes first.")
        table = p.table(checked.catalogue, limit=PREVIEW_ROWS)
        st.dataframe(
            table, hide_index=True, key="upload_preview", column_config=column_widths(table)
        )
    if p.kept:
        say("info", p.kept_summary())
    if checked.catalogue is not None and p.hidden:
        say("warning", p.hidden_summary(configured_threshold()))
        hidden = p.hidden_table(checked.catalogue, limit=PREVIEW_ROWS)
        st.dataframe(
            hidden,
            hide_index=True,
            key="upload_hidden_in_public",
            column_config=column_widths(hidden),
        )


def commit_button(store: Store, checked: ingest.Checked, person: Person) -> None:
    changes_catalogue = checked.validation.catalogue_update is not None
    if not person.may(Permission.UPLOAD):
        why_not = "Your role can check a file but not save it."
    elif checked.validation.submission.meeting_items and not person.may(Permission.EDIT_ACTIONS):
        why_not = (
            "This file updates meetings' resolutions and actions (rows of its Actions sheet "
            "with a meeting date), which your role cannot do: take those rows out, or ask an "
            "officer to upload the file."
        )
    elif changes_catalogue and not person.may(Permission.EDIT_CATALOGUE):
        why_not = (
            "This file changes the catalogue (its Measures sheet), which only an "
            "administrator can do: put the Measures sheet back as the template had it, or "
            "ask an administrator to upload the file."
        )
    elif not checked.is_valid:
        why_not = "Saving is possible once there are no problems (warnings are fine)."
    elif checked.identical_to is not None:
        why_not = f"Nothing to save: upload {checked.identical_to.id} has these figures already."
    else:
        why_not = ""
    st.button(
        "Save this upload",
        type="primary",
        icon=":material/cloud_upload:",
        disabled=bool(why_not),
        key="upload_commit",
        on_click=_commit,
        args=(store, checked, person),
    )
    if why_not:
        st.caption(why_not)


def _commit(store: Store, checked: ingest.Checked, person: Person) -> None:
    try:
        person.require(Permission.UPLOAD)
        if checked.validation.submission.meeting_items:
            person.require(Permission.EDIT_ACTIONS)
        if checked.validation.catalogue_update is not None:
            person.require(Permission.EDIT_CATALOGUE)
        result = ingest.commit(store, checked, actor=person.actor)
    except ScorecardError as exc:
        st.session_state[_MESSAGE] = ("error", str(exc))
        return
    kind = "info" if result.changed_nothing else "success"
    st.session_state[_MESSAGE] = (kind, ingest.commit_message(result))
    st.session_state.pop(_ROLLBACK_CHOICE, None)  # the list of uploads has changed


@kept(4)
def _history(sc: Scorecard) -> tuple[list[UploadRecord], str]:
    """Every upload, and the list of them as a plain HTML table (every text escaped): an
    st.dataframe would load the browser's grid code on every visit to the page (~0.3 s)."""
    uploads = sc.store.uploads()
    shown = html_tables.figures_table(
        history_table(uploads), "Every upload and roll-back, newest first", "upload_history"
    )
    return uploads, shown


def history(sc: Scorecard, person: Person) -> None:
    store = sc.store
    uploads, table = _history(sc)  # every upload and roll-back changes the data version
    if not uploads:
        st.info("Nothing has been uploaded yet.")
        return
    markup.html(table)
    committed = [u for u in uploads if u.status is UploadStatus.COMMITTED]
    if not committed or not person.may(Permission.ROLL_BACK):
        return
    # Rare and weighty: folded, and its chooser sent only once someone opens it.
    with widgets.fold("Roll back an upload", ROLLBACK_FOLD) as shown:
        if shown:
            _roll_back_choice(store, committed, person)


def _roll_back_choice(store: Store, committed: list[UploadRecord], person: Person) -> None:
    pending = st.session_state.get(_ROLLBACK)
    chosen = next((u for u in committed if u.id == pending), None)
    if chosen is None:
        ids = [u.id for u in committed]
        by_id = {u.id: u for u in committed}
        picked = st.selectbox(
            "Upload to roll back",
            ids,
            key=_ROLLBACK_CHOICE,
            format_func=lambda i: f"{i}: {by_id[i].file_name} ({by_id[i].uploaded_by})",
        )
        st.button("Roll back…", key="rollback_start", on_click=_ask, args=(picked,))
        return
    say(
        "warning",
        f"Roll back upload {chosen.id} ({chosen.file_name}, {chosen.uploaded_at:%d %B %Y})? "
        "Its figures, commentary and action plans stop counting and what it replaced counts "
        "again; they stay in the history. Catalogue measures and meeting resolutions and "
        "actions it changed are put back as they were before it, and those it added are "
        "taken out (a measure it added goes with its figures).",
    )
    for line in publication.rollback_touches(store, chosen.id):
        say("warning", line)
    # Undoing an upload's Measures sheet changes the catalogue: as for saving it, only an
    # administrator may.
    catalogue_locked = store.catalogue_changed_by(chosen.id) and not person.may(
        Permission.EDIT_CATALOGUE
    )
    yes, no = st.columns(2)
    yes.button(
        "Yes, roll it back",
        type="primary",
        key="rollback_confirm",
        on_click=_roll_back,
        args=(store, chosen.id, person),
        disabled=catalogue_locked,
    )
    no.button("Cancel", key="rollback_cancel", on_click=_ask, args=(None,))
    if catalogue_locked:
        st.caption(
            "This upload changed the catalogue (its Measures sheet), so rolling it back "
            "changes the catalogue too, which only an administrator can do."
        )


def _ask(upload_id: int | None) -> None:
    st.session_state[_ROLLBACK] = upload_id


def _roll_back(store: Store, upload_id: int, person: Person) -> None:
    st.session_state[_ROLLBACK] = None
    try:
        person.require(Permission.ROLL_BACK)
        if store.catalogue_changed_by(upload_id):
            person.require(Permission.EDIT_CATALOGUE)
        record = store.rollback(upload_id, actor=person.actor)
    except ScorecardError as exc:
        st.session_state[_MESSAGE] = ("error", str(exc))
        return
    st.session_state[_MESSAGE] = (
        "success",
        f"Rolled back upload {record.id} ({record.file_name}); the values it replaced count again.",
    )
    st.session_state.pop(_ROLLBACK_CHOICE, None)
