"""Period, priority and measure pickers that live in the URL, so every view can be linked to.

The query string wins over what the person last picked, which wins over the default, so a
link pasted into an e-mail opens exactly what the sender saw. A bad value in a link is
reported and replaced by the default, never an error page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from scorecard.catalogue import Catalogue, Measure, Priority
from scorecard.periods import Period
from scorecard.text import as_markdown_text

T = TypeVar("T")


def pick(
    param: str,
    label: str,
    options: Sequence[T],
    key_of: Callable[[T], str],
    describe: Callable[[T], str],
    *,
    sidebar: bool = False,
    group_of: Callable[[T], tuple[int, str]] | None = None,
    missing: str = "which is not in the scorecard",
    on_pick: Callable[[], None] | None = None,
    default: T | None = None,
    remember_as: str | None = None,
) -> T:
    """The option the address, the person's last choice or the default names, and a picker
    to change it: a fold that says what is shown ("Quarter: 2026/27 Q2 · Jul–Sep 2026") and
    opens to the options as a list of buttons, the shown one ticked; with ``group_of`` (an
    option's group's place and name), group by group under each group's name. A link's value
    that is not an option is quoted back, ``missing`` saying why; ``on_pick`` runs on a pick.
    With nothing asked for or remembered, ``default``, else the first option. The choice is
    remembered for the session as ``remember_as`` (``chosen_<param>`` unless given): pages
    offering the same options share it, a page offering a few of them keeps its own.

    Not a selectbox: a page with one waited ~0.18 s longer in the browser (benchmarks/
    browser.py, side by side with a bare page) for the 21 script files Streamlit fetches for
    it, and every browsing page has a quarter to pick. A fold costs nothing to draw, and its
    buttons are sent only while it is open. Not a popover either, though it closes more
    neatly: Tab from its button leaves it, so a keyboard cannot reach the choices. Picking
    folds the list away; the keyboard's focus then starts again from the top of the page.
    """
    keys = [key_of(o) for o in options]
    fallback = default if default is not None else options[0]
    remembered = remember_as or f"chosen_{param}"
    requested = st.query_params.get(param)
    chosen = requested if requested in keys else st.session_state.get(remembered)
    if chosen not in keys:
        chosen = key_of(fallback)
    if requested is not None and requested not in keys:
        # The value comes from the address bar: anyone can send a link with Markdown in it.
        shown = describe(options[keys.index(chosen)])
        st.warning(
            as_markdown_text(
                f"The link asked for {label.lower()} '{requested}', {missing}; showing "
                f"{shown} instead."
            )
        )
    st.query_params[param] = chosen
    st.session_state[remembered] = chosen
    current = options[keys.index(chosen)]
    picker = f"{param}_picker"

    def choose(key: str) -> None:
        st.query_params[param] = key
        st.session_state[remembered] = key
        st.session_state[picker] = False  # picked: the list folds away
        if on_pick is not None:
            on_pick()

    where = st.sidebar if sidebar else st
    # Labels are Markdown: a catalogue's titles are shown as written, never interpreted.
    title = as_markdown_text(f"{label}: {describe(current)}")
    with where.expander(title, key=picker, on_change="rerun") as listed:
        if listed.open:
            order: Sequence[int] = range(len(options))
            if group_of is not None:
                order = sorted(order, key=lambda i: group_of(options[i])[0])
            group = None
            for i in order:
                option = options[i]
                if group_of is not None and group_of(option) != group:
                    group = group_of(option)
                    st.caption(as_markdown_text(group[1]))
                st.button(
                    as_markdown_text(describe(option)),
                    key=f"pick_{param}_{i}",
                    on_click=choose,
                    args=(keys[i],),
                    icon=":material/check:" if keys[i] == chosen else None,
                    type="tertiary",
                    width="stretch",
                )
    return current


def period(quarters: Sequence[Period], *, sidebar: bool = True) -> Period:
    """The quarter being looked at: the latest by default. In the sidebar unless a page
    wants it in view on a phone, where the sidebar starts folded away."""
    newest_first = list(reversed(quarters))
    return pick(
        "period",
        "Quarter",
        newest_first,
        lambda p: p.label,
        lambda p: p.short_label,
        sidebar=sidebar,
    )


def priority(catalogue: Catalogue) -> Priority:
    return pick(
        "priority",
        "Priority",
        catalogue.ordered_priorities(),
        lambda p: str(p.number),
        lambda p: f"{p.number}. {p.title}",
    )


def measure(catalogue: Catalogue) -> Measure:
    """Measures by name; the id (which the link carries) only where two share a name."""
    names = Counter(m.name for m in catalogue.measures)
    titles = {p.number: f"{p.number}. {p.title}" for p in catalogue.priorities}
    return pick(
        "measure",
        "Measure",
        list(catalogue.measures),
        lambda m: m.id,
        lambda m: m.name if names[m.name] == 1 else f"{m.name} ({m.id})",
        group_of=lambda m: (m.priority, titles[m.priority]),
    )
