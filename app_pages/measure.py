"""Measure: one measure over every period, with its definition, notes and data download."""

from functools import partial

import streamlit as st

from scorecard import export, formatting, status, tiles, variation
from scorecard.text import as_markdown_text
from ui import markup, selection, state, widgets
from ui.navigation import browser_title, link
from ui.state import scorecard

sc = scorecard()
period = selection.period(sc.quarters)
measure = selection.measure(sc.catalogue)
priority = sc.catalogue.priority(measure.priority)
browser_title(measure.name)  # a tab's title is plain text, never Markdown

st.title(as_markdown_text(measure.name))
st.page_link(
    link("priority"),
    label=as_markdown_text(f"Priority {priority.number}: {priority.title}"),
    query_params={"priority": str(priority.number), "period": period.label},
)

view = state.measure_history(sc, measure.id, period)
widgets.measure_tile(view.status, period.label, on_its_own_page=True, comparators=view.comparators)
markup.html(tiles.STYLE + tiles.trend_picture(view.picture))
widgets.interactive_chart(view.trend, key="measure_trend")
if view.status.variation is not None:
    st.subheader("Is the change real?")
    explained = variation.explanation(view.status.variation)
    st.markdown("\n\n".join(as_markdown_text(line) for line in explained))

st.header("About this measure")
# One element, four paragraphs: each element a page sends costs the server and the browser.
st.markdown(
    f"**What it counts.** {as_markdown_text(measure.definition)}\n\n"
    f"**Why it matters.** {as_markdown_text(measure.why_it_matters)}\n\n"
    f"**How it is judged.** {as_markdown_text(formatting.rule_text(measure))}\n\n"
    f"**Source.** {as_markdown_text(measure.source)}"
)
widgets.words_explained(sc.catalogue, measure.name, measure.definition, measure.why_it_matters)

st.header("Every period")
widgets.figures_style()
markup.html(view.picture.table_html or "")
notes = [r for r in status.readings(sc.histories, measure.id) if r.note]
if notes:
    st.subheader("Notes")
    st.markdown(
        "\n\n".join(f"**{r.period.label}**  \n{as_markdown_text(r.note or '')}" for r in notes)
    )

st.subheader("Download the data")
for column, suffix, mime in zip(
    st.columns(2),
    (".csv", ".xlsx"),
    ("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    strict=True,
):
    column.download_button(
        f"Download as {suffix[1:].upper()}",
        # Built only when someone clicks, so the page does not pay for it on every run.
        data=partial(export.measure_file, suffix, sc.catalogue, sc.histories, measure.id),
        file_name=f"{measure.id}{suffix}",
        mime=mime,
        key=f"download{suffix.replace('.', '_')}",
        on_click="ignore",
    )
