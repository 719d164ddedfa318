"""The bare Streamlit app that benchmarks/browser.py times our pages against.

    streamlit run benchmarks/bare_app.py      (browser.py starts it itself)

One page, shaped by its address: ``?text=P`` paragraphs of plain text (a page of about the
size of ours, with nothing worked out), ``charts=N`` plotly line charts like a trend chart
(a line of 20 quarters with markers, a dashed target and three shaded bands), and ``panels=K``
one figure of K small lines laid out by hand. The same page frame as app.py: wide layout, a
menu of eleven pages in the sidebar, our stylesheet and theme (it runs from the repository's
root, so .streamlit/config.toml applies). Nothing here reads a database.
"""

import plotly.graph_objects as go
import plotly.io
import streamlit as st

QUARTERS = [f"{2021 + i // 4}/{(22 + i // 4) % 100:02d} Q{i % 4 + 1}" for i in range(20)]
VALUES = [50 + (i * 7) % 13 - (i % 5) for i in range(20)]
WORDS = (
    "The share of children who had their health assessment on time rose this quarter and is "
    "close to the target the panel set; three more children were seen within the month."
)


def trend() -> go.Figure:
    band = {"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "opacity": 0.08}
    return go.Figure(
        {
            "data": [
                {
                    "type": "scatter",
                    "x": QUARTERS,
                    "y": VALUES,
                    "mode": "lines+markers",
                    "hovertemplate": "%{x}: %{y}%<extra></extra>",
                }
            ],
            "layout": {
                "height": 260,
                "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
                "showlegend": False,
                "yaxis": {"range": [30, 80], "fixedrange": True},
                "xaxis": {"type": "category", "fixedrange": True, "nticks": 6},
                "shapes": [
                    band | {"y0": 60, "y1": 80, "fillcolor": "green"},
                    band | {"y0": 55, "y1": 60, "fillcolor": "orange"},
                    band | {"y0": 30, "y1": 55, "fillcolor": "red"},
                    {
                        "type": "line",
                        "xref": "paper",
                        "x0": 0,
                        "x1": 1,
                        "y0": 60,
                        "y1": 60,
                        "line": {"dash": "dash"},
                    },
                ],
            },
        }
    )


def small_multiples(panels: int, columns: int = 3) -> go.Figure:
    rows = max(1, -(-panels // columns))
    data, layout = [], {"height": 200 * rows, "showlegend": False}
    for i in range(panels):
        row, col = divmod(i, columns)
        axis = "" if i == 0 else str(i + 1)
        data.append(
            {"type": "scatter", "x": QUARTERS[-8:], "y": VALUES[-8:], "xaxis": f"x{axis}"}
            | {"yaxis": f"y{axis}", "mode": "lines+markers"}
        )
        left, top = col / columns, 1 - row / rows
        layout[f"xaxis{axis}"] = {"domain": [left + 0.02, left + 1 / columns - 0.04]}
        layout[f"yaxis{axis}"] = {"domain": [top - 1 / rows + 0.08, top - 0.06]}
    return go.Figure({"data": data, "layout": layout})


def page() -> None:
    query = st.query_params
    charts, panels = int(query.get("charts", 0)), int(query.get("panels", 0))
    st.title("A bare page")
    st.caption("Plain Streamlit with nothing worked out, for timing.")
    for i in range(int(query.get("text", 30))):
        if i % 10 == 0:
            st.subheader(f"Section {i // 10 + 1}")
        st.markdown(f"**Paragraph {i + 1}.** {WORDS}")
    if panels:
        st.plotly_chart(small_multiples(panels), config={"displayModeBar": False})
    for i in range(charts):
        st.markdown(f"**Chart {i + 1}**")
        st.plotly_chart(trend(), key=f"chart_{i}", config={"displayModeBar": False})


st.set_page_config(page_title="bare", layout="wide")
plotly.io.templates.default = "none"  # as app.py
go.Figure()  # plotly imported and warm before the first run is timed
# The bare page is not the default one: a default page lives at "/", and Streamlit answers
# its url_path (/bare) with a "Page not found" dialog over the page, as it would any other
# address that is not a page. Ours are opened at their own addresses (/priority?...).
menu = [st.Page(lambda: None, title="Home", url_path="home", default=True)]
menu += [st.Page(page, title="Bare", url_path="bare")]
menu += [st.Page(lambda: None, title=f"Menu entry {i}", url_path=f"entry_{i}") for i in range(9)]
st.navigation(menu).run()
