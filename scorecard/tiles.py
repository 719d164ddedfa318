"""A measure's tile, and a Priority page's measures, as one piece of HTML each (issue 17).

Each Streamlit element a page sends costs the server about as much as what is in it and the
browser a React subtree of its own: a Priority page of sixteen tiles was some 230 elements.
Here a measure (its tile, its trend picture, the picture's figures and its breakdown) is one
piece of HTML, built once per data version and quarter (ui/state.py) and shown with one
st.html. Every text in it (the catalogue's names and words, officers' notes, DfE's release)
is escaped here; the pictures are SVG as data: addresses in an <img>, where an SVG can
neither run a script nor load anything, and their text was escaped when they were drawn.
Links are relative (`measure?measure=ID&period=P`): they open the app's own pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from scorecard import formatting, html_pieces, variation
from scorecard.benchmarks import Comparators
from scorecard.benchmarks import wording as benchmark_wording
from scorecard.catalogue import GlossaryEntry
from scorecard.rag import Direction, Rag
from scorecard.status import MeasureStatus

FIGURES_SUMMARY = "Show the figures as a table, in words"
# The query parameter and value that open a measure's page with its interactive chart drawn.
INTERACTIVE = ("chart", "interactive")
WORDS_SUMMARY = "What the words mean"  # the page's words
NAME_WORDS_SUMMARY = "What its words mean"  # one measure's name

_RAG_CLASS = {rag: f"sc-rag-{rag.name.lower().replace('_', '-')}" for rag in Rag}
# A light wash behind each status word; every word stays 4.5:1 or more against it (Rag.colour
# is 4.5:1 or more against white). The shape and the word say the status without the colour.
_WASH = {
    Rag.GREEN: "#e9f5ee",
    Rag.AMBER: "#fbf1e1",
    Rag.RED: "#fbeceb",
    Rag.NOT_RATED: "#f1f2f3",
    Rag.NO_DATA: "#f1f2f3",
}

# Our own stylesheet, not anyone's text; sent once per page. As Streamlit drew the tiles
# before: a bordered card beside its picture (one above the other on a phone), small grey
# words, badges; links blue and underlined, a focused one black on yellow as GOV.UK marks it.
STYLE = (
    "<style>"
    ".sc-measure{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,2fr);gap:1rem;"
    "margin:0 0 1.25rem;align-items:start}"
    ".sc-measure>.sc-breakdown{grid-column:1/-1}"
    "@media (max-width:640px){.sc-measure{grid-template-columns:minmax(0,1fr)}}"
    ".sc-tile{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:1rem;"
    "line-height:1.6;color:#31333f;background:#fff}"
    ".sc-tile h2,.sc-tile h3{font-size:1rem;font-weight:600;line-height:1.6;margin:0 0 .25rem;"
    "padding:0;scroll-margin-top:4rem}"
    ".sc-tile p,.sc-trend p,.sc-head p{margin:0 0 .5rem}"
    ".sc-value{font-size:1.75rem;font-weight:600;line-height:1.4;margin:.5rem 0 .25rem}"
    ".sc-small{font-size:.875rem;color:#505a5f}"
    ".sc-badge{display:inline-block;font-size:.875rem;font-weight:600;border-radius:.5rem;"
    "padding:0 .4rem;margin-right:.3rem;white-space:nowrap}"
    + "".join(f".{_RAG_CLASS[r]}{{color:{r.colour};background:{_WASH[r]}}}" for r in Rag)
    + ".sc-tile a,.sc-trend a,.sc-head a{color:#1d70b8;text-decoration:underline;"
    "font-size:.875rem}"
    ".sc-tile a:focus-visible,.sc-trend a:focus-visible{outline:3px solid #ffdd00;"
    "background:#ffdd00;color:#0b0c0c;box-shadow:0 3px #0b0c0c;text-decoration:none}"
    ".sc-links{margin:.5rem 0 0}"
    ".sc-trend img{width:100%;height:auto;display:block;margin:0 0 .5rem}"
    ".sc-own-trend{max-width:48rem}"
    ".sc-narrow-only{display:none}"
    "@media (max-width:640px){.sc-wide-only{display:none}.sc-narrow-only{display:block}}"
    ".sc-measure details,.sc-head details{border:1px solid rgba(49,51,63,.2);"
    "border-radius:.5rem;margin:.5rem 0}"
    ".sc-measure summary,.sc-head summary{cursor:pointer;padding:.5rem .75rem;"
    "font-size:.875rem}"
    ".sc-measure summary:focus-visible,.sc-head summary:focus-visible{outline:3px solid "
    "#ffdd00;background:#ffdd00;color:#0b0c0c}"
    ".sc-measure details>:not(summary),.sc-head details>:not(summary){margin:0 .75rem .75rem}"
    ".sc-tile details{margin:.25rem 0 .5rem}"
    ".sc-words dl{margin:0;font-size:.875rem}"
    ".sc-words dt{font-weight:600}"
    ".sc-words dd{margin:0 0 .4rem}"
    ".sc-breakdown img{width:100%;height:auto;display:block}"
    "</style>"
)


def _measure_href(measure_id: str, period_label: str, *, interactive: bool = False) -> str:
    """The measure's own page; ``interactive``: with its interactive chart open."""
    query = {"measure": measure_id, "period": period_label}
    if interactive:
        query[INTERACTIVE[0]] = INTERACTIVE[1]
    return escape("measure?" + urlencode(query))


def _link(href: str, text: str) -> str:
    """A link with its text: ``href`` escaped by the caller, ``text`` our own words."""
    return f'<a href="{href}">{escape(text)}</a>'


def badge(rag: Rag) -> str:
    """A status by shape, word and colour: ``■ Red``."""
    return f'<span class="sc-badge {_RAG_CLASS[rag]}">{escape(rag.badge)}</span>'


def rag_counts(counts: Mapping[Rag, int]) -> str:
    """``■ 1 Red ▲ 1 Amber ● 6 Green`` as badges: shape, count and word, then colour."""
    found = [
        f'<span class="sc-badge {_RAG_CLASS[rag]}">{escape(f"{rag.icon} {n} {rag.value}")}</span>'
        for rag, n in counts.items()
        if n
    ]
    return f"<p>{' '.join(found) or 'No measures'}</p>"


def meanings(entries: Sequence[GlossaryEntry], summary: str) -> str:
    """Glossary entries folded in a <details> (opened by a click, a tap or the keyboard):
    each word and its meaning, the catalogue's, as text."""
    if not entries:
        return ""
    items = "".join(f"<dt>{escape(g.term)}</dt><dd>{escape(g.meaning)}</dd>" for g in entries)
    return (
        f'<details class="sc-words"><summary>{escape(summary)}</summary><dl>{items}</dl></details>'
    )


def _direction(label: str, change: Direction) -> str:
    if change is Direction.NOT_COMPARABLE:
        return f"{label}: no comparison"
    return f"{label}: {change.arrow} {change.value}"


def tile(
    status: MeasureStatus,
    period_label: str,
    *,
    on_its_own_page: bool = False,
    comparators: Comparators | None = None,
    release: str = "",
    glossary: Sequence[GlossaryEntry] = (),
    heading: str = "h3",
) -> str:
    """A measure at a glance: its name (a ``heading``; none on its own page, whose title it
    is) and what its words mean, value, n / N, target, RAG (shape, word and colour), the
    directions, children short of target, variation, how we compare (``release``: which DfE
    release the comparison is from) and the link to its page."""
    measure = status.measure
    reading = status.reading
    parts = [f'<div class="sc-tile" id="tile_{escape(measure.id)}">']
    if not on_its_own_page:
        parts.append(f"<{heading}>{escape(measure.name)}</{heading}>")
        parts.append(meanings(glossary, NAME_WORDS_SUMMARY))
    value = formatting.value_text(measure, status.value, reading.symbol if reading else None)
    parts.append(f'<p class="sc-value">{escape(value)}</p>')
    details = []
    if reading is not None:
        cohort = formatting.cohort_text(reading.numerator, reading.denominator, measure.counted)
        if cohort:
            details.append(cohort)
        if reading.period.label != period_label:
            details.append(f"for {reading.period.label}")
    if measure.target is not None:
        details.append(f"Target: {formatting.target_text(measure)}")
    else:
        details.append("No target")
    parts.append(f'<p class="sc-small">{escape(" · ".join(details))}</p>')
    parts.append(f"<p>{badge(status.rag)}</p>")
    movement = [
        _direction("Since last period", status.vs_previous),
        _direction("Since a year ago", status.vs_last_year),
    ]
    parts.append(f'<p class="sc-small">{"<br>".join(escape(m) for m in movement)}</p>')
    short = status.children_short_of_target
    if short:
        said = formatting.children_short_text(measure, short)
        parts.append(f'<p class="sc-small">{escape(said)}</p>')
    if status.variation is not None:
        parts.append(f'<p class="sc-small">{escape(variation.in_words(status.variation))}</p>')
    if comparators is not None:
        line = escape(benchmark_wording.tile_text(comparators, measure))
        if release:
            line += f"<br>{escape(release)}"
        parts.append(f'<p class="sc-small">{line}</p>')
        href = escape(
            "benchmarks?" + urlencode({"measure": measure.id, "year": comparators.year.time_period})
        )
        parts.append(f'<p class="sc-links">{_link(href, "How we compare")}</p>')
    if not on_its_own_page:
        href = _measure_href(measure.id, period_label)
        parts.append(f'<p class="sc-links">{_link(href, "History and definition")}</p>')
    parts.append("</div>")
    return "".join(parts)


@dataclass(frozen=True)
class Shown:
    """A static picture (scorecard/sparklines.py) as a data: address, its text alternative
    and, where given, its figures as an HTML table (scorecard/html_tables.figures_table)."""

    image: str
    summary: str
    table_html: str | None = None


def trend_picture(shown: Shown) -> str:
    """A measure's trend on its own page: the picture, and under it what it shows in words."""
    return (
        f'<div class="sc-trend sc-own-trend">{_picture(shown)}'
        f'<p class="sc-small">{escape(shown.summary)}</p></div>'
    )


def small_lines(wide: Shown, phone: Shown) -> str:
    """A Trends page's small lines: three columns, or one on a phone (the stylesheet shows
    the one that fits; the browser draws only that one), both with the wide one's words;
    under them, folded, the figures as a table, in words. (Not a <picture>: Streamlit's
    sanitiser keeps no srcset.)"""
    narrow = Shown(phone.image, wide.summary)
    return (
        f'<div class="sc-trend"><div class="sc-wide-only">{_picture(wide)}</div>'
        f'<div class="sc-narrow-only">{_picture(narrow)}</div>'
        f"<details><summary>{escape(FIGURES_SUMMARY)}</summary>"
        f"<p>{escape(wide.summary)}</p>{wide.table_html or ''}</details></div>"
    )


def _picture(shown: Shown) -> str:
    return html_pieces.picture(shown.image, shown.summary)


def measure(
    status: MeasureStatus,
    period_label: str,
    trend: Shown,
    *,
    comparators: Comparators | None = None,
    release: str = "",
    glossary: Sequence[GlossaryEntry] = (),
    breakdown: Shown | None = None,
    breakdown_label: str = "",
) -> str:
    """One measure of a Priority page: its tile beside its trend picture, the picture's
    summary, the link to the interactive chart, the figures as a table and the breakdown,
    these two folded away."""
    interactive = _measure_href(status.measure.id, period_label, interactive=True)
    card = tile(
        status,
        period_label,
        comparators=comparators,
        release=release,
        glossary=glossary,
        heading="h2",  # under the page's title; the tabs are not headings
    )
    parts = [
        f'<div class="sc-measure">{card}',
        '<div class="sc-trend">',
        _picture(trend),
        f'<p class="sc-small">{escape(trend.summary)}</p>',
        f"<p>{_link(interactive, 'Interactive chart, every quarter')}</p>",
    ]
    if trend.table_html is not None:
        parts.append(
            f"<details><summary>{escape(FIGURES_SUMMARY)}</summary>{trend.table_html}</details>"
        )
    parts.append("</div>")
    if breakdown is not None:
        parts.append(
            f'<details class="sc-breakdown"><summary>{escape(breakdown_label)}</summary>'
            f'{_picture(breakdown)}<p class="sc-small">{escape(breakdown.summary)}</p></details>'
        )
    parts.append("</div>")
    return "".join(parts)


def priority_head(
    plain_title: str,
    period_long_label: str,
    counts: Mapping[Rag, int],
    glossary: Sequence[GlossaryEntry],
) -> str:
    """What a Priority page says under its title: its plain title and quarter, how many
    measures are of each status, and what the words of its measures mean."""
    return (
        '<div class="sc-head">'
        f'<p class="sc-small">{escape(f"{plain_title} · {period_long_label}")}</p>'
        + rag_counts(counts)
        + meanings(glossary, WORDS_SUMMARY)
        + "</div>"
    )
