"""Meetings: the panel's meetings, what they resolved and the actions they set; open actions
carried forward; the briefing pack and the published version for the agenda papers."""

import datetime as dt

import streamlit as st

from scorecard import meetings as panel
from scorecard.access import Permission
from scorecard.reports import files
from scorecard.text import as_markdown_text
from ui import meetings as page
from ui import published, widgets
from ui.access import current_person
from ui.navigation import link
from ui.state import commentary, scorecard

sc = scorecard()
person = current_person()
today = dt.date.today()
recorded = published.meetings(sc)
items = published.meeting_items(sc)

st.title("Panel meetings")
page.saved_message()
meeting = page.pick_meeting(recorded, today)
# The quarter the meeting discusses (the latest for a panel with no meeting yet).
period = (panel.reporting_quarter(meeting, sc.quarters) if meeting else None) or sc.quarters[-1]
tabs = ["This meeting", "Record a meeting", "Papers and publishing"]
# Only the open tab is drawn (choosing another runs the page again): the publishing tab alone
# is a checkbox and a text for each piece of the quarter's commentary, a hundred elements.
this_tab, new_tab, papers_tab = st.tabs(tabs, key="meetings_tabs", on_change="rerun")

with this_tab:
    if this_tab.open:
        if meeting is None:
            st.info("No meeting is recorded yet: record the first one under “Record a meeting”.")
        else:
            theme = sc.catalogue.priority(meeting.theme_priority)
            st.header(as_markdown_text(meeting.title))
            themed = as_markdown_text(f"{theme.number}. {theme.title}")
            st.markdown(f"Themed on **{themed}** · {as_markdown_text(meeting.attendance_text)}")
            st.page_link(
                link("present"),
                label=f"Present this meeting (figures for {period.label})",
                icon=":material/co_present:",
                query_params={"meeting": str(meeting.id), "period": period.label, "slide": "1"},
            )
            st.subheader("Open actions from earlier meetings")
            carried = panel.carried_forward(recorded, items, meeting)
            page.item_list(
                sc.store, carried, today, person, empty="None: every earlier action is complete."
            )
            st.subheader("Resolutions and actions of this meeting")
            own = [i for i in items if i.meeting_id == meeting.id]
            page.item_list(sc.store, own, today, person, empty="Nothing recorded yet.")
            if person.may(Permission.EDIT_ACTIONS):
                st.caption(
                    "Many at once: the quarterly upload's Actions sheet lists every open action "
                    "with its meeting's date; type the new status and update there and upload it."
                )
                with widgets.fold("Record a resolution or an action", "add_item_open") as shown:
                    if shown:
                        page.add_item_form(sc.store, meeting, person)
                with widgets.fold(
                    "Change the meeting's details or attendance", "edit_open"
                ) as shown:
                    if shown:
                        page.meeting_form(sc.store, sc.catalogue, person, meeting, today)

with new_tab:
    if new_tab.open:
        if person.may(Permission.EDIT_ACTIONS):
            st.caption(
                "Members who attended, of those expected, make the quarter's panel-attendance "
                "figure: record every meeting of the quarter."
            )
            page.meeting_form(sc.store, sc.catalogue, person, None, today)
        else:
            st.info("Officers record meetings; your role can read them.")

with papers_tab:
    if papers_tab.open:
        st.subheader(f"Agenda papers for {period.long_label}")
        st.caption("Files are made when you click: the PDF takes a few seconds.")
        for public in (False, True):
            columns = st.columns(2)
            for column, suffix in zip(columns, files.SUFFIXES, strict=True):
                with column:
                    page.download(sc, suffix, period, public=public, meeting=meeting)
        st.page_link(link("public"), label="See the published version", icon=":material/public:")
        st.subheader("Commentary in the published version")
        st.caption(
            "Only commentary ticked here is published; everything else stays with the panel. "
            "Check that no child can be identified before you tick it."
        )
        if person.may(Permission.EDIT_COMMENTARY):
            page.publication_form(
                sc.store,
                commentary(sc, period),
                published.approvals(sc),
                person,
                period,
                published.hidden(sc, period),
            )
        else:
            st.info("Officers choose what is published; your role can read it.")
