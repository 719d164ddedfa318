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


def _pick(
    param: str,
    label: str,
    options: Sequence[T],
    key_of: Callable[[T], str],
    describe: Callable[[T], str],
    *,
    sidebar: bool = False,
) -> T:
    keys = [key_of(o) for o in options]
    remembered = f"chosen_{param}"
    requested = st.query_params.get(param)
    if requested is not None and requested not in keys:
        # The value comes from the address bar: anyone can send a link with Markdown in it.
        st.warning(
            as_markdown_text(
                f"The link asked for {label.lower()} '{requested}', which is not in the "
                f"scorecard; showing {describe(options[0])} instead."
            )
        )
        requested = None
    chosen = requested or st.session_state.get(remembered)
    if chosen not in keys:
        chosen = keys[0]
    st.session_state[param] = chosen

    def remember() -> None:
        st.query_params[param] = st.session_state[param]
        st.session_state[remembered] = st.session_state[param]

    where = st.sidebar if sidebar else st
    picked = where.selectbox(
        label,
        keys,
        key=param,
        format_func=lambda k: describe(options[keys.index(k)]),
        on_change=remember,
    )
    st.query_params[param] = picked
    st.session_state[remembered] = picked
    return options[keys.index(picked)]


def period(quarters: Sequence[Period], *, sidebar: bool = True) -> Period:
    """The quarter being looked at: the latest by default. In the sidebar unless a page
    wants it in view on a phone, where the sidebar starts folded away."""
    newest_first = list(reversed(quarters))
    return _pick(
        "period",
        "Quarter",
        newest_first,
        lambda p: p.label,
        lambda p: p.short_label,
        sidebar=sidebar,
    )


def priority(catalogue: Catalogue) -> Priority:
    return _pick(
        "priority",
        "Priority",
        catalogue.ordered_priorities(),
        lambda p: str(p.number),
        lambda p: f"{p.number}. {p.title}",
    )


def measure(catalogue: Catalogue) -> Measure:
    """Measures by name; the id (which the link carries) only where two share a name."""
    names = Counter(m.name for m in catalogue.measures)
    return _pick(
        "measure",
        "Measure",
        list(catalogue.measures),
        lambda m: m.id,
        lambda m: m.name if names[m.name] == 1 else f"{m.name} ({m.id})",
    )
