"""The Meetings page's pieces: choosing a meeting, the lists of resolutions and actions, the
forms officers use to record and update them, publication choices and the downloads.

Every form checks its input in scorecard.meetings (all problems at once, nothing saved
unless all is well) and the person's role again before writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet

import streamlit as st

from scorecard import disclosure, small_numbers
from scorecard import meetings as panel
from scorecard.access import Permission, Person
from scorecard.catalogue import Catalogue
from scorecard.errors import ScorecardError
from scorecard.periods import Period
from scorecard.records import ActionStatus, Commentary, ItemDraft, ItemKind
from scorecard.reports import files
from scorecard.storage.store import Store
from scorecard.text import as_markdown_text
from ui import selection, widgets
from ui.published import threshold
from ui.state import Scorecard
from ui.widgets import plain

_SAVED = "meetings_saved"


def pick_meeting(meetings: list[panel.Meeting], today: dt.date) -> panel.Meeting | None:
    """The meeting in the link, else the next (or the latest); newest first in the list."""
    if not meetings:
        return None
    return selection.pick(
        "meeting",
        "Meeting",
        sorted(meetings, key=lambda m: m.held_on, reverse=True),
        lambda m: str(m.id),
        lambda m: m.title,
        missing="which is not recorded",
        default=panel.default_meeting(meetings, today),
    )


def saved_message() -> None:
    """What the last form saved, shown once after the page reloads with it."""
    message = st.session_state.pop(_SAVED, None)
    if message:
        st.success(as_markdown_text(message), icon=":material/check_circle:")


def _done(message: str, *, clear: tuple[str, ...] = ()) -> None:
    """Say what was saved after the page reloads with it; empty the form that saved it."""
    for key in clear:
        st.session_state.pop(key, None)
    st.session_state[_SAVED] = message
    st.rerun()


def _problems(exc: ScorecardError) -> None:
    for problem in getattr(exc, "problems", None) or [str(exc)]:
        st.error(as_markdown_text(problem), icon=":material/error:")


def item_list(
    store: Store, items: list[panel.MeetingItem], today: dt.date, person: Person, *, empty: str
) -> None:
    """Each item as a card: the text, its status, owner and due date in words and shapes,
    overdue ones flagged; officers can update an action's status in place."""
    if not items:
        st.write(empty)
    overdue = sum(1 for i in items if panel.is_overdue(i, today))
    if overdue:
        st.warning(f"⚠ {overdue} of these actions are overdue.", icon=":material/schedule:")
    for item in items:
        with st.container(border=True, key=f"item_{item.id}"):
            # One element for the card's words: each element costs the server and the browser.
            line = as_markdown_text(panel.item_line(item, today))
            words = [
                f"**{as_markdown_text(item.text)}**",
                f"**{line}**" if panel.is_overdue(item, today) else line,
            ]
            if item.update:
                words.append(as_markdown_text(item.update))
            st.markdown("\n\n".join(words))
            if item.kind is ItemKind.ACTION and person.may(Permission.EDIT_ACTIONS):
                _update_form(store, item, person)


def _update_form(store: Store, item: panel.MeetingItem, person: Person) -> None:
    with widgets.fold("Update this action", f"update_open_{item.id}") as shown:
        if shown:
            _update_fields(store, item, person)


def _update_fields(store: Store, item: panel.MeetingItem, person: Person) -> None:
    with st.form(f"update_{item.id}"):
        statuses = list(ActionStatus)
        status = st.selectbox(
            "Status",
            statuses,
            index=statuses.index(item.status or ActionStatus.ON_TRACK),
            format_func=lambda s: s.value.capitalize(),
            key=f"update_status_{item.id}",
        )
        update = st.text_area("Latest update", item.update, key=f"update_text_{item.id}")
        due = st.date_input("Due", item.due, key=f"update_due_{item.id}", format="DD/MM/YYYY")
        if st.form_submit_button("Save the update", key=f"update_save_{item.id}"):
            draft = ItemDraft(item.kind, item.text, item.owner, due, status, update)
            try:
                person.require(Permission.EDIT_ACTIONS)
                panel.update_item(store, item.id, draft, actor=person.actor)
            except ScorecardError as exc:
                _problems(exc)
            else:
                _done(
                    f"Saved: the action is now {status.value}.",
                    clear=(f"update_open_{item.id}",),  # saved: the form folds away
                )


def add_item_form(store: Store, meeting: panel.Meeting, person: Person) -> None:
    with st.form("add_item", clear_on_submit=False):
        kind = st.radio(
            "What to record",
            list(ItemKind),
            format_func=lambda k: k.value.capitalize(),
            horizontal=True,
            key="item_kind",
        )
        text = st.text_area("What was resolved, or what is to be done", key="item_text")
        owner = st.text_input("Owner (actions only; a job title is best)", key="item_owner")
        due = st.date_input("Due (actions only)", None, key="item_due", format="DD/MM/YYYY")
        if st.form_submit_button("Add", key="item_add", type="primary"):
            kind = kind or ItemKind.RESOLUTION  # (a radio always has its first option chosen)
            draft = ItemDraft(kind, text, owner, due, ActionStatus.ON_TRACK)
            try:
                person.require(Permission.EDIT_ACTIONS)
                panel.add_item(store, meeting.id, draft, actor=person.actor)
            except ScorecardError as exc:
                _problems(exc)
            else:
                _done(
                    f"Added the {kind.value} to the {meeting.title.lower()}.",
                    clear=("item_text", "item_owner", "item_due"),
                )


def meeting_form(
    store: Store,
    catalogue: Catalogue,
    person: Person,
    meeting: panel.Meeting | None,
    today: dt.date,
) -> None:
    """Record a new meeting (``meeting`` None) or change one; attendance feeds the
    panel-attendance measure for the meeting's quarter."""
    key = "new_meeting" if meeting is None else f"edit_meeting_{meeting.id}"
    numbers = [p.number for p in catalogue.ordered_priorities()]
    with st.form(key):
        held_on = st.date_input(
            "Date", meeting.held_on if meeting else today, key=f"{key}_date", format="DD/MM/YYYY"
        )
        theme = st.selectbox(
            "Theme priority",
            numbers,
            index=numbers.index(meeting.theme_priority) if meeting else 0,
            format_func=lambda n: f"{n}. {catalogue.priority(n).title}",
            key=f"{key}_theme",
        )
        members = st.number_input(
            "Members expected", 1, 200, meeting.members if meeting else None, key=f"{key}_members"
        )
        came = st.number_input(
            "Members who attended (including named substitutes)",
            0,
            200,
            meeting.attendees if meeting else None,
            key=f"{key}_attendees",
        )
        notes = st.text_area(
            "Notes (not published)", meeting.notes if meeting else "", key=f"{key}_notes"
        )
        if st.form_submit_button("Save the meeting", key=f"{key}_save", type="primary"):
            draft = panel.MeetingDraft(held_on, int(theme), _whole(members), _whole(came), notes)
            try:
                person.require(Permission.EDIT_ACTIONS)
                if meeting is None:
                    saved = panel.record_meeting(store, draft, actor=person.actor)
                else:
                    saved = panel.update_meeting(store, meeting.id, draft, actor=person.actor)
            except ScorecardError as exc:
                _problems(exc)
            else:
                st.query_params["meeting"] = str(saved.id)
                _done(f"Saved the {saved.title.lower()}. {saved.attendance_text}.")


def _whole(value: float | None) -> int | None:
    return None if value is None else int(value)


def publication_form(
    store: Store,
    items: list[Commentary],
    approved: AbstractSet[str],
    person: Person,
    period: Period,
    hidden: AbstractSet[small_numbers.HiddenFigure] = frozenset(),
) -> None:
    """Tick the commentary that may appear in the published version; an edited text needs
    ticking again, because the approval is for its exact words."""
    if not items:
        st.write(f"No commentary was uploaded for {period.label}.")
        return
    limit = threshold()
    with st.form("publication"):
        choices = {}
        beside = [i for i in items if disclosure.text_key(i) in approved]  # published together
        for item in items:
            key = disclosure.text_key(item)
            found = small_numbers.in_commentary(item, limit, hidden, beside)
            with st.container(border=True):
                choices[key] = (
                    st.checkbox(
                        as_markdown_text(f"Publish: {item.kind.heading}: {item.title}"),
                        key in approved and not found,
                        key=f"publish_{key[:16]}",
                    ),
                    item,
                )
                plain(item.text)
                if found:
                    _not_publishable(found, limit, was_approved=key in approved)
        if st.form_submit_button("Save publication choices", key="publication_save"):
            approve = {k: item for k, (ticked, item) in choices.items() if ticked}
            withdraw = [k for k, (ticked, _) in choices.items() if not ticked and k in approved]
            try:
                person.require(Permission.EDIT_COMMENTARY)
                store.set_publication(
                    approve, withdraw, actor=person.actor, threshold=limit, hidden=hidden
                )
            except small_numbers.SmallNumberInCommentary as exc:
                for problem in exc.problems:
                    st.error(as_markdown_text(problem), icon=":material/error:")
                for _, findings in exc.flagged:
                    for finding in findings:
                        _marked(finding)
            except ScorecardError as exc:
                _problems(exc)
            else:
                _done(f"Saved: {len(approve)} item(s) of commentary will be published.")


def _not_publishable(
    found: list[small_numbers.SmallNumber], limit: int, *, was_approved: bool
) -> None:
    """Why a piece of commentary cannot be ticked (or, approved before, is not published),
    with each sentence that stops it and the number in it marked."""
    why = "; ".join(f.explained(limit) for f in found)
    before = "It was approved before, but is not published: " if was_approved else ""
    st.warning(
        as_markdown_text(f"{before}{why}. {small_numbers.advice(limit, found)}"),
        icon=":material/visibility_off:",
    )
    for finding in found:
        _marked(finding)


def _marked(finding: small_numbers.SmallNumber) -> None:
    """The sentence as typed, its small number in bold: every part of the officer's text is
    escaped, so only the bold is Markdown."""
    # The space after the number is kept: escaping drops a line's leading spaces, and "**41.7%**of"
    # is no bold in Markdown (a closing ** after punctuation needs a space or punctuation next).
    space = " " if finding.after[:1].isspace() else ""
    st.markdown(
        f"{as_markdown_text(finding.before)}**{as_markdown_text(finding.phrase)}**"
        f"{space}{as_markdown_text(finding.after)}"
    )


def download(
    sc: Scorecard, suffix: str, period: Period, *, public: bool, meeting: panel.Meeting | None
) -> None:
    """A download button that builds the file only when it is clicked."""
    what = "Briefing pack (PDF)" if suffix == files.PDF else "Scorecard (Excel)"
    version = "published version" if public else "panel members' version"
    meeting_id = meeting.id if meeting else None

    def build() -> bytes:
        content, _ = files.report_bytes(
            sc.store, suffix, period, public=public, meeting_id=meeting_id
        )
        return content

    kind = "briefing-pack" if suffix == files.PDF else "scorecard"
    st.download_button(
        f"{what}, {version}",
        data=build,
        file_name=files.file_name(period, suffix, public=public),
        mime=files.MIME[suffix],
        key=f"download_{kind}{'_public' if public else ''}",
        icon=":material/download:",
        on_click="ignore",
    )
