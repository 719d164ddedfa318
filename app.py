"""The Corporate Parenting Scorecard: router and shared frame for every page."""

import streamlit as st

from ui.navigation import PAGE_SPECS
from ui.state import scorecard
from ui.widgets import demonstration_banner

st.set_page_config(
    page_title="Corporate Parenting Scorecard",
    page_icon=":material/family_restroom:",
    layout="wide",
)

page = st.navigation(
    [
        st.Page(
            spec.path,
            title=spec.title,
            icon=spec.icon,
            url_path=spec.key,
            default=(i == 0),
            help=spec.help,
        )
        for i, spec in enumerate(PAGE_SPECS)
    ]
)

demonstration_banner(scorecard().catalogue)
page.run()
