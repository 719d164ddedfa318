"""The Corporate Parenting Scorecard: router and shared frame for every page.

Only the pages the person's role may open are registered with st.navigation, so any other
page's URL simply is not there for them (SPEC §7).

``streamlit run app.py`` finds ``app`` below and serves this script through it, so that the
page Streamlit sends tells the browser where the server is (:mod:`ui.first_connection`: every
page but the Overview starts 0.1 s sooner). Each run of a page runs this file as
``__main__``, which draws the page.
"""

import plotly.io
import streamlit as st

from ui.access import current_person, identity_bar
from ui.navigation import app_style, browser_title, pages_for, pages_of
from ui.present import banner, navigation_position
from ui.state import begin_run, scorecard
from ui.widgets import demonstration_banner


def main() -> None:
    st.set_page_config(
        page_title="Corporate Parenting Scorecard",
        # An emoji, which Streamlit's frontend draws as a data: SVG. A :material/...: icon here
        # is fetched from fonts.gstatic.com on every page load: a call to Google's servers from a
        # council's tool, and a failed request where the network has no way out.
        page_icon="👪",
        layout="wide",
    )

    # Streamlit's frontend applies its own theme to every chart (theme="streamlit"), so the copy
    # of that template plotly would put in each chart is redundant: 3.6 KB of a trend chart's
    # 4.4 KB, and three quarters of the time it takes to send one. Set once per server: setting
    # it copies and checks a whole template, a tenth of a millisecond on every run.
    if plotly.io.templates.default != "none":
        plotly.io.templates.default = "none"

    person = current_person()  # first: with no sign-in, nobody but this computer gets further
    begin_run()
    specs = pages_for(person)
    if not specs:
        identity_bar(person)
        st.title("Corporate Parenting Scorecard")
        st.info("The scorecard is for the Corporate Parenting Panel. Sign in to see it.")
        st.stop()
    position = navigation_position()  # none while presenting: the slide fills the screen
    pages = pages_of(specs)
    page = st.navigation(list(pages.values()), position=position)
    browser_title(page.title)
    app_style()
    if position == "hidden":  # presenting: both shrink to one short line above the slide
        banner(person, scorecard(needs_figures=False).catalogue)
    else:
        identity_bar(person, in_sidebar=position == "sidebar")
        demonstration_banner(scorecard(needs_figures=False).catalogue)
    page.run()


if __name__ == "__main__":
    main()
else:  # imported by `streamlit run`, which serves the app through this
    from starlette.middleware import Middleware

    from ui.first_connection import ServerAddressInPage
    from ui.navigation import PAGES
    from ui.no_delay import send_at_once

    send_at_once()  # each response sent as written, not 40 ms later (ui/no_delay.py)
    app = st.App(__file__, middleware=[Middleware(ServerAddressInPage, pages=PAGES)])
