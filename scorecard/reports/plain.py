"""Each priority summed up in a few short sentences a young person in care can read.

Written from the figures alone (never from officers' free text), so it can be published:
only counts of measures and the measures' names appear, and for the public the figures it
is written from are already suppressed.
"""

from __future__ import annotations

from scorecard import formatting
from scorecard.periods import Period
from scorecard.pledge import PLAIN_STATUS, figure_words
from scorecard.rag import Direction, Rag
from scorecard.reports.content import PriorityReport
from scorecard.symbols import Symbol

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


_STANDING = {
    Rag.GREEN: ("is where we want it to be", "are where we want them to be"),
    Rag.AMBER: ("is nearly there", "are nearly there"),
    Rag.RED: ("is not good enough yet", "are not good enough yet"),
}


def _number(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def _count(n: int, thing: str) -> str:
    return f"{_number(n)} {thing if n == 1 else thing + 's'}"


def _listed(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def summary(report: PriorityReport) -> list[str]:
    """Sentences such as "We check 9 things here." / "5 are where we want them to be, …"."""
    counts = report.counts
    sentences = [f"We check {_count(len(report.statuses), 'thing')} here."]
    rated = [
        f"{_number(counts[rag])} {_STANDING[rag][counts[rag] != 1]}"
        for rag in (Rag.GREEN, Rag.AMBER, Rag.RED)
        if counts[rag]
    ]
    if rated:
        sentences.append(_capital(_listed(rated)) + ".")
    red = [s.measure.name for s in report.statuses if s.rag is Rag.RED]
    if red:
        sentences.append(f"Not good enough yet: {_listed([_lower(n) for n in red])}.")
    # "Since last time", not "since the quarter before": a yearly measure is compared with
    # the year before.
    better = sum(1 for s in report.statuses if s.vs_previous is Direction.IMPROVING)
    worse = sum(1 for s in report.statuses if s.vs_previous is Direction.WORSENING)
    if better or worse:
        moves = []
        if better:
            moves.append(f"{_count(better, 'thing')} got better")
        if worse:
            moves.append(f"{_count(worse, 'thing')} got worse")
        sentences.append(_capital(_listed(moves)) + " since last time.")
    hidden = sum(
        1
        for s in report.statuses
        if s.reading is not None and s.reading.symbol is Symbol.SUPPRESSED
    )
    if hidden:
        sentences.append(
            f"We hide {_count(hidden, 'number')} because so few people are involved that "
            "someone could be recognised."
        )
    return sentences


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower(name: str) -> str:
    """A measure's name in the middle of a sentence: "Children in care …" → "children in
    care …", but keep acronyms and key stages as written."""
    first = name.split(" ", 1)[0]
    if first.isupper() or any(c.isdigit() for c in first):
        return name
    return name[:1].lower() + name[1:]


def figures(report: PriorityReport, quarter: Period) -> list[dict[str, str]]:
    """The priority's figures in ``quarter`` as rows of words, for the published page. A
    yearly measure's figure names its year: it is the latest year's, often ended well before
    the quarter (exam results arrive months later), and would otherwise read as this
    quarter's."""
    rows = []
    for status in report.statuses:
        measure, reading = status.measure, status.reading
        change = status.vs_previous
        rows.append(
            {
                "Measure": measure.name,
                "Figure": figure_words(status, quarter.label),
                "Target": formatting.target_text(measure),
                "How we are doing": (
                    f"Hidden: too few {measure.counted.many} to show"
                    if reading is not None and reading.symbol is Symbol.SUPPRESSED
                    else PLAIN_STATUS[status.rag]
                ),
                "Since last time": f"{change.arrow} {change.value}".strip(),
            }
        )
    return rows
