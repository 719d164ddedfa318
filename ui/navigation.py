"""Every page of the app, in menu order. app.py registers exactly these with st.navigation;
a page file that is not listed here is never reachable (tests/unit/test_architecture.py)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from scorecard.access import Permission, Person
from ui import markup


@dataclass(frozen=True)
class PageSpec:
    key: str
    path: str
    title: str
    icon: str
    help: str
    # What someone needs to see this page; None for the public pages.
    needs: Permission | None = Permission.VIEW_PRIVATE

    def open_to(self, person: Person) -> bool:
        return self.needs is None or person.may(self.needs)


PAGE_SPECS = (
    PageSpec(
        "overview",
        "app_pages/overview.py",
        "Overview",
        ":material/dashboard:",
        "Every priority at a glance for one quarter: how many measures are red, amber and "
        "green, what changed, and the exceptions.",
    ),
    PageSpec(
        "priority",
        "app_pages/priority.py",
        "Priority",
        ":material/flag:",
        "One priority of the strategy: every measure as a tile with its trend.",
    ),
    PageSpec(
        "trends",
        "app_pages/trends.py",
        "Trends",
        ":material/ssid_chart:",
        "All measures of a priority as small lines over the last eight quarters.",
    ),
    PageSpec(
        "pledge",
        "app_pages/pledge.py",
        "Our Pledge",
        ":material/handshake:",
        "Our promises to children in care, in plain words, and how well we are keeping each.",
    ),
    PageSpec(
        "measure",
        "app_pages/measure.py",
        "Measure",
        ":material/monitoring:",
        "One measure over every quarter, with its definition and notes.",
    ),
    PageSpec(
        "benchmarks",
        "app_pages/benchmarks.py",
        "How we compare",
        ":material/leaderboard:",
        "One measure against England, our statistical neighbours and every council, from "
        "DfE's published figures.",
    ),
    PageSpec(
        "meetings",
        "app_pages/meetings.py",
        "Meetings",
        ":material/groups:",
        "The panel's meetings: resolutions and actions, open actions carried forward, the "
        "briefing pack and the published version for the agenda papers.",
    ),
    PageSpec(
        "present",
        "app_pages/present.py",
        "Present",
        ":material/co_present:",
        "Slides for the chair to share in the meeting: one priority at a time, large type, "
        "the meeting's theme first, with a public-session switch.",
    ),
    PageSpec(
        "public",
        "app_pages/public.py",
        "Published version",
        ":material/public:",
        "The scorecard as the public and young people see it: plain words, small numbers "
        "hidden. Needs no sign-in.",
        needs=None,
    ),
    PageSpec(
        "upload",
        "app_pages/upload.py",
        "Upload",
        ":material/upload_file:",
        "For officers: download the quarter's template, upload it filled in, see every "
        "problem and what will change, then save it; roll back an upload.",
        needs=Permission.UPLOAD,
    ),
    PageSpec(
        "benchmark_import",
        "app_pages/benchmark_import.py",
        "Published figures",
        ":material/cloud_download:",
        "Administrators import DfE's published figures for every council, for comparison.",
        needs=Permission.IMPORT_BENCHMARKS,
    ),
)

PAGES = {spec.key: spec.path for spec in PAGE_SPECS}
APP_TITLE = "Corporate Parenting Scorecard"


def browser_title(*parts: str) -> None:
    """The browser tab's title for this page, most particular first ("Priority 5 ·
    Corporate Parenting Scorecard"), so each page is titled (WCAG 2.4.2). A later call on the
    same run replaces an earlier one: app.py names the page, a page may name what it shows."""
    st.set_page_config(page_title=" · ".join((*parts, APP_TITLE)))


# Our own stylesheet, not anyone's text. Streamlit keeps a page link on one line and cuts it
# with an ellipsis at the screen's edge ("Priority 5: Respected, engaged and moving into
# adulth…" at 390 px); a measure's whole name and status are wrapped instead. The pickers'
# lists (ui/selection.py) read as lists: each choice starts at the left, as its words do. A
# date's day, month and year are each a target at least 24 px square (WCAG 2.5.8; Streamlit
# draws them 18 px wide and 20 px high).
_APP_STYLE = """
<style>
[data-testid="stPageLink"] a, [data-testid="stPageLink"] a * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; height: auto !important; }
[class*="st-key-pick_"] button, [class*="st-key-pick_"] button > div { justify-content: flex-start;
  text-align: left; }
[data-testid="stDateInputFieldsScroller"] [role="spinbutton"] { display: inline-flex;
  min-width: 24px; min-height: 24px; align-items: center; justify-content: center; }
</style>
"""


def app_style() -> None:
    """Every page link shows its whole label, wrapped, at any width; a picker's choices are
    a list aligned left."""
    markup.html(_APP_STYLE)


_THIS_SESSION = "_pages_this_session"


def pages_of(specs: list[PageSpec]) -> dict[str, StreamlitPage]:
    """The st.Page of each of these pages, for st.navigation and :func:`link`, made once per
    session and set of pages: making one resolves its file on disk, about a millisecond for
    the eleven on every run. Not shared between sessions: st.navigation marks the page it
    returns as the one to run, so two sessions' runs would race on a shared one."""
    keys = tuple(spec.key for spec in specs)
    made = st.session_state.get(_THIS_SESSION)
    if made is None or made[0] != keys:  # first run, or the role changed (signed in or out)
        pages = {
            spec.key: st.Page(
                spec.path,
                title=spec.title,
                icon=spec.icon,
                url_path=spec.key,
                default=(i == 0),
                help=spec.help,
            )
            for i, spec in enumerate(specs)
        }
        made = (keys, pages)
        st.session_state[_THIS_SESSION] = made
    return made[1]


def link(key: str) -> StreamlitPage | str:
    """What st.page_link needs to open a page: the session's page. Given the page's file
    instead, Streamlit resolves the path on disk for every link (about a third of a
    millisecond, and the Pledge page has thirty links)."""
    made = st.session_state.get(_THIS_SESSION)
    return (made[1].get(key) if made else None) or PAGES[key]


def pages_for(person: Person) -> list[PageSpec]:
    """The pages this person's role may open, in menu order."""
    return [spec for spec in PAGE_SPECS if spec.open_to(person)]
