"""Comparators in the words a panel paper uses."""

from __future__ import annotations

from collections.abc import Sequence

from scorecard import formatting
from scorecard.benchmarks.comparators import MIN_COHORT, Comparators, Source
from scorecard.benchmarks.council import OwnFigure
from scorecard.benchmarks.funnel import Funnel, Judgement
from scorecard.benchmarks.years import DfeYear
from scorecard.catalogue import Frequency, Measure, Polarity
from scorecard.periods import PeriodKind

BAND_HELP = (
    "A is the best quarter of councils and D the worst, judged by quartiles of every council "
    "with a figure that year (DfE LAIT convention)."
)
RANK_HELP = "1 is the best. Councils with the same figure share a rank; the next rank is skipped."


def year_text(year: DfeYear) -> str:
    """``year ending 31 March 2025`` or ``academic year 2024/25``."""
    period = year.period
    if period.kind is PeriodKind.ACADEMIC_YEAR:
        return f"academic year {period.year_label}"
    return f"year ending 31 March {period.end.year}"


def value(measure: Measure, number: float | None) -> str:
    return formatting.short_value(measure, number)


def figure_text(c: Comparators, measure: Measure) -> str:
    """Our value, or the symbol standing in for it, or "No figure"."""
    if c.figure.value is None and c.figure.symbol is not None:
        return f"{c.figure.symbol.value} ({c.figure.symbol.meaning})"
    return value(measure, c.figure.value) if c.figure.value is not None else "No figure"


def source_text(measure: Measure) -> str:
    """What DfE's figure counts and which file it comes from."""
    if measure.dfe is None:
        return "no published figure."
    label = measure.dfe.label or measure.name
    return f"{label} ({measure.dfe.file})."


def our_value(c: Comparators, measure: Measure) -> str:
    shown = formatting.value_text(measure, c.figure.value, c.figure.symbol)
    if c.figure.source is Source.OWN and c.figure.period is not None:
        return f"{shown} (our own figure for {c.figure.period.label})"
    if c.figure.source is Source.NONE:
        return "No figure"
    return shown


def band_text(c: Comparators) -> str:
    if c.band is None:
        return "No band"
    return f"Band {c.band.value}: {c.band.meaning}"


def rank_text(c: Comparators) -> str:
    if c.rank is None or c.ranked_of is None:
        return "Not ranked"
    return f"{c.rank} of {c.ranked_of}"


def quarter_text(c: Comparators) -> str:
    """Which quarter of councils our figure sits in, for a measure where neither a higher nor
    a lower figure is better: no band or rank (both say better or worse), but still where we
    are among councils (children in care per 10,000: among the highest, say)."""
    if c.value is None or c.quartiles is None:
        return "Not placed: no figure to place"
    q = c.quartiles
    if c.value > q.upper:
        where = "In the highest quarter of councils"
    elif c.value > q.median:
        where = "In the second-highest quarter of councils"
    elif c.value >= q.lower:
        where = "In the second-lowest quarter of councils"
    else:
        where = "In the lowest quarter of councils"
    return f"{where} (neither a higher nor a lower figure is better, so no band or rank)"


def neighbours_text(c: Comparators, measure: Measure) -> str:
    if c.sn_mean is None or c.sn_median is None:
        return "No neighbour figures"
    return (
        f"average {value(measure, c.sn_mean)}, median {value(measure, c.sn_median)} "
        f"({c.sn_with_figures} of {c.sn_size} neighbours with a figure)"
    )


def change_text(c: Comparators, measure: Measure) -> str:
    """The change since the year before, between the two figures as shown (at the measure's
    decimals), so 72.3% after 62.4% is "+9.9 percentage points", never 9.900000000000006."""
    if c.change is None or c.figure.value is None or c.previous is None:
        return "No comparison with the year before"
    assert c.previous.value is not None  # a change needs both figures
    places = measure.decimals
    change = round(round(c.figure.value, places) - round(c.previous.value, places), places)
    previous = f"the {year_text(c.year.previous())}"  # in words, not DfE's code for it
    if change == 0:
        return f"No change since {previous}"
    sign = "+" if change > 0 else "−"
    amount = formatting.points(measure, abs(change))
    return f"{sign}{amount} since {previous}"


def best_text(c: Comparators, measure: Measure) -> str:
    if c.best_name is None:
        return "–"
    best = f"{c.best_name}, {value(measure, c.best_value)}"
    if c.best_left_out is None:
        return best
    return f"{best} (of councils with {MIN_COHORT} or more children; {c.best_left_out} left out)"


def best_rule(c: Comparators, measure: Measure) -> str | None:
    """Which councils could be named the best, and why, in a sentence (None for a context
    measure, which has no best council)."""
    if measure.polarity is Polarity.NONE:
        return None
    if c.best_left_out is None:
        return (
            "DfE gives no council's cohort for this measure, so every council with a figure "
            "can be the best council."
        )
    councils = "council" if c.best_left_out == 1 else "councils"
    return (
        f"The best council is chosen among councils with {MIN_COHORT} or more children in "
        "the cohort: below that, one child moves the figure by more than five points. "
        f"This year {c.best_left_out} {councils} with a smaller cohort, or none DfE gives, "
        f"{'is' if c.best_left_out == 1 else 'are'} left out."
    )


def compared_as_text(c: Comparators) -> str | None:
    """How a council that is not in DfE's files is compared, or None for one that is."""
    if c.council.published:
        return None
    placed = "placed among every council by its own figure"
    if c.figure.period is not None:
        placed += f" for {c.figure.period.label}"
    like = c.council.compared_as
    if like is None:
        return f"{c.council.name} is not in DfE's files, so it is {placed}."
    region = f"in the {like.region_name}" if like.region_name else "in its region"
    return (
        f"{c.council.name} is not in DfE's files: it is compared as if it were {region}, "
        f"with {like.name}'s statistical neighbours, and {placed}."
    )


def own_text(measure: Measure, figure: OwnFigure) -> str:
    return formatting.short_value(measure, figure.value, figure.symbol)


def periods_text(c: Comparators, measure: Measure, latest: OwnFigure | None) -> str:
    """Which of our periods DfE's year is set beside, and our latest figure."""
    if c.figure.period is not None:
        ours = c.figure.period
    else:
        annual = measure.frequency is Frequency.ANNUAL
        ours = c.year.period if annual else c.year.quarter
    text = f"DfE's {c.year.time_period} figures ({year_text(c.year)}) are set beside our "
    text += ours.label
    if c.figure.source is Source.OWN:
        text += f" ({formatting.short_value(measure, c.figure.value, c.figure.symbol)})"
    text += "."
    if latest is not None and latest.period != ours:
        text += f" Our latest figure, for {latest.period.label}, is {own_text(measure, latest)}."
    return text


def council_text(c: Comparators) -> str:
    text = c.council.name + (f" ({c.council.code})" if c.council.code else "")
    like = c.council.compared_as
    if like is not None:
        text += f", compared as {like.name}" + (f" ({like.code})" if like.code else "")
    return text


def rows(c: Comparators, measure: Measure) -> list[tuple[str, str]]:
    """(label, text) for every comparator, in reading order."""
    region = c.council.region_name or "Our region"
    listed = [
        ("Council", council_text(c)),
        ("Year", f"{c.year.time_period} ({year_text(c.year)})"),
        ("Our value", our_value(c, measure)),
        ("England", value(measure, c.england)),
        (region, value(measure, c.region)),
        ("Statistical neighbours", neighbours_text(c, measure)),
    ]
    if measure.polarity is not Polarity.NONE:
        listed += [
            ("Top quartile", value(measure, c.top_quartile)),
            ("Best council", best_text(c, measure)),
            ("Quartile band", band_text(c)),
            ("National rank", f"{rank_text(c)} (1 = best)" if c.rank else rank_text(c)),
        ]
    else:
        listed.append(("Where we sit", quarter_text(c)))
    listed.append(("Change", change_text(c, measure)))
    if c.funnel is not None:
        listed.append(("Against England, for our size", c.funnel.plain.capitalize()))
    return listed


def tile_text(c: Comparators, measure: Measure) -> str:
    """One line for a measure tile, e.g. "Published, year ending 31 March 2025: band B ·
    rank 58 of 152 · England 54% · neighbours 57.5%": the year in words, never DfE's code for
    it (202425 is the academic year 2024/25)."""
    parts = []
    if c.band is not None:
        parts.append(f"band {c.band.value}")
    if c.rank is not None:
        parts.append(f"rank {c.rank} of {c.ranked_of}")
    if c.england is not None:
        parts.append(f"England {value(measure, c.england)}")
    if c.sn_mean is not None:
        parts.append(f"neighbours {value(measure, c.sn_mean)}")
    if not parts:
        return f"Published, {year_text(c.year)}: no comparison"
    return f"Published, {year_text(c.year)}: " + " · ".join(parts)


def summary(c: Comparators, measure: Measure) -> str:
    """One sentence for a screen reader or a caption."""
    who = c.council.name
    when = year_text(c.year)
    if c.figure.value is None:
        opening = f"{who} has no figure for the {when}"
    else:
        opening = f"{who}: {value(measure, c.figure.value)} in the {when}"
        if c.rank is not None:
            opening += f", ranked {c.rank} of {c.ranked_of} councils"
        if c.band is not None:
            opening += f" (band {c.band.value})"
    context = [f"England {value(measure, c.england)}"] if c.england is not None else []
    if c.sn_mean is not None:
        context.append(f"statistical neighbours' average {value(measure, c.sn_mean)}")
    if c.best_name is not None:
        context.append(f"best council {best_text(c, measure)}")
    return opening + ("; " + ", ".join(context) if context else "") + "."


FUNNEL_HELP = (
    "Councils differ for reasons none of them controls (poverty, how many children live "
    "there, local services), so their figures spread more widely than chance alone would "
    "give. With this on, the limits allow for that spread (Spiegelhalter's overdispersion "
    "adjustment, as NHS funnel plots use): only a council beyond them is really unusual. "
    "Turn it off to see the limits that chance alone would give."
)


def funnel_caption(funnel: Funnel) -> str:
    """How the limits were drawn, in a line under the funnel plot."""
    if not funnel.adjusted:
        return (
            "Limits are those chance alone would give a council like England of each size "
            "(95%: dashed, 99.8%: solid)."
        )
    if funnel.tau2 == 0:
        return (
            "Councils differ no more than chance would give this year, so the limits need no "
            "widening (95%: dashed, 99.8%: solid)."
        )
    return (
        f"Councils' figures spread {funnel.phi:.1f} times as widely as chance alone would give, "
        "so the limits are widened to allow for it (95%: dashed, 99.8%: solid)."
    )


def funnel_years(
    years: Sequence[tuple[DfeYear, Judgement | None]], council_name: str
) -> list[dict[str, str]]:
    """Each published year and where the council sat against England for its size."""
    return [
        {
            "Year": f"{y.time_period} ({year_text(y)})",
            council_name: (
                judgement.plain.capitalize() if judgement else "No cohort size to judge"
            ),
        }
        for y, judgement in years
    ]
