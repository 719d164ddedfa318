"""Priority: every measure of one priority as a tile with its trend, and the qualitative panel."""

import datetime as dt

import streamlit as st

from scorecard import html_tables, tiles
from scorecard.text import as_markdown_text
from ui import markup, selection, state
from ui.navigation import browser_title
from ui.qualitative import action_plan, commentary_panel
from ui.state import actions, commentary, scorecard

sc = scorecard()
period = selection.period(sc.quarters)
priority = selection.priority(sc.catalogue)
browser_title(f"Priority {priority.number}")

st.title(as_markdown_text(f"{priority.number}. {priority.title}"))
# Under the title, and the measures, one piece of HTML each, built once per data version and
# quarter (scorecard/tiles.py): every Streamlit element costs the server and the browser.
page = state.priority_page(sc, priority.number, period)
markup.html(html_tables.STYLE + tiles.STYLE + page.head)

# Only the open tab is drawn (choosing another runs the page again), and every measure of it
# in one piece: each element costs the browser a little even when it is hidden.
measures_tab, voices_tab, plan_tab = st.tabs(
    ["Measures", "What we are hearing", "Action plan"], key="priority_tabs", on_change="rerun"
)
with measures_tab:
    if measures_tab.open:
        markup.html("".join(page.measures))
with voices_tab:
    if voices_tab.open:
        commentary_panel(commentary(sc, period, priority.number), period.label)
with plan_tab:
    if plan_tab.open:
        action_plan(actions(sc, period, priority.number), dt.date.today())
