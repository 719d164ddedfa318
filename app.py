"""The Corporate Parenting Scorecard: router and shared frame for every page."""

import streamlit as st

from ui.state import scorecard
from ui.widgets import PAGES, demonstration_banner

st.set_page_config(
    page_title="Corporate Parenting Scorecard",
    page_icon=":material/family_restroom:",
    layout="wide",
)

page = st.navigation(
    [
        st.Page(
            PAGES["overview"],
            title="Overview",
            icon=":material/dashboard:",
            default=True,
            help="Every priority at a glance for one quarter: how many measures are red, "
            "amber and green, and the headline figures.",
        ),
        st.Page(
            PAGES["priority"],
            title="Priority",
            icon=":material/flag:",
            url_path="priority",
            help="One priority of the strategy: every measure as a tile with its trend.",
        ),
        st.Page(
            PAGES["measure"],
            title="Measure",
            icon=":material/monitoring:",
            url_path="measure",
            help="One measure over every quarter, with its definition and notes.",
        ),
    ]
)

demonstration_banner(scorecard().catalogue)
page.run()
