"""The Published version written as static files (``python -m scorecard publish OUT_DIR``),
so that any web server or CDN can serve it to any number of readers without the app.

One quarter per site: ``index.html`` (every priority summed up, with a link to its page),
``priority-N.html`` (its figures and approved commentary), ``scorecard.csv`` in DfE's tidy
layout and ``scorecard.json``. Everything comes from :func:`scorecard.reports.published.gather`,
the call the Published version page makes, so the files show exactly what the page shows.

Every piece of text from outside (the catalogue, commentary) is HTML-escaped; the pages carry
no script and a Content-Security-Policy that would refuse one. The site is written to a new
directory beside ``OUT_DIR`` and swapped in only when complete, so a failed publish leaves
the old site as it was. The release is recorded before the swap: nobody can have the files
before the database knows what they show.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import tempfile
from html import escape
from pathlib import Path
from typing import Any

from scorecard import disclosure, publication
from scorecard.benchmarks.council import find_council
from scorecard.benchmarks.service import load_all
from scorecard.catalogue import ALL, Catalogue, Measure
from scorecard.errors import ScorecardError
from scorecard.export import safe_cell
from scorecard.formatting import short_date
from scorecard.periods import Period, PeriodKind
from scorecard.rag import as_displayed
from scorecard.reports.published import PublicPriority, PublishedQuarter, gather
from scorecard.status import MeasureStatus
from scorecard.storage import publications
from scorecard.storage.store import Store
from scorecard.symbols import Symbol

INDEX = "index.html"
CSV_FILE = "scorecard.csv"
JSON_FILE = "scorecard.json"
MARKER = ".scorecard-site"
"""Left in every site: only a directory holding it (or an empty one) is ever replaced."""

# DfE's tidy columns (SPEC §6), then one row per figure in a long layout.
GEOGRAPHY = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "la_name",
    "new_la_code",
)
FIGURE = (
    "priority",
    "measure_id",
    "measure",
    "breakdown",
    "unit",
    "value",
    "target",
    "rag",
    "direction",
)
_NEW_CODE = re.compile(r"^E\d{8}$")
_OLD_CODE = re.compile(r"^\d{3}$")
_TIME_IDENTIFIER = {
    PeriodKind.FINANCIAL_YEAR: "Financial year",
    PeriodKind.ACADEMIC_YEAR: "Academic year",
}


class PublishTargetError(ScorecardError):
    """The output directory cannot hold the static site."""


def page_name(number: int) -> str:
    return f"priority-{number}.html"


# -- the files ------------------------------------------------------------------------------


def files(quarter: PublishedQuarter, place: dict[str, str], today: dt.date) -> dict[str, bytes]:
    """Every file of the site by name. ``place`` holds the council's DfE geography columns."""
    found = {INDEX: _index(quarter, today).encode("utf-8")}
    for shown in quarter.priorities:
        number = shown.report.priority.number
        found[page_name(number)] = _priority_page(quarter, shown, today).encode("utf-8")
    found[CSV_FILE] = _csv(quarter, place)
    found[JSON_FILE] = _json(quarter, place, today)
    found[MARKER] = b"Written by python -m scorecard publish; replaced by the next publish.\n"
    return found


def title(quarter: PublishedQuarter) -> str:
    return f"How {quarter.catalogue.authority.name} looks after children in care"


def lede(quarter: PublishedQuarter) -> str:
    return f"Our corporate parenting scorecard for {quarter.period.long_label}"


_INTRO = (
    "The council is the <em>corporate parent</em> of every child in its care. Each quarter we "
    "check how well we are doing against our promises. To protect children's privacy we do "
    "not show very small numbers."
)

_STYLE = """
:root { color: #0b0c0c; background: #ffffff; }
body { font: 1.125rem/1.5 Arial, "Helvetica Neue", sans-serif; margin: 0; }
.skip { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem;
  background: #ffdd00; color: #0b0c0c; }
.skip:focus { left: 0.5rem; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header { border-bottom: 4px solid #1d70b8; padding-top: 0.75rem; padding-bottom: 0.5rem; }
a { color: #1d4f91; text-decoration: underline; }
a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
h1 { font-size: 2rem; line-height: 1.2; }
h2 { font-size: 1.5rem; margin-top: 2rem; }
.lede { font-size: 1.25rem; }
.note, footer { color: #383f43; }
.demo { border-left: 5px solid #1d70b8; background: #eef4fa; padding: 0.75rem 1rem; }
.priority { border-top: 1px solid #b1b4b6; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.5rem; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid #b1b4b6; }
thead th { border-bottom: 2px solid #0b0c0c; }
footer { margin-top: 3rem; border-top: 1px solid #b1b4b6; padding-bottom: 2rem; }
""".strip()

_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _text(value: str) -> str:
    """Text from outside as HTML: escaped, its line breaks kept (as the page keeps them)."""
    return "<br>\n".join(escape(line.strip()) for line in value.splitlines())


def _document(quarter: PublishedQuarter, heading: str, body: list[str], today: dt.date) -> str:
    authority = quarter.catalogue.authority
    demonstration = (
        [
            f'<p class="demo"><strong>Demonstration data.</strong> {escape(authority.name)} '
            "is not a real council and every figure, quote and action here is made up.</p>"
        ]
        if authority.demonstration
        else []
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(heading)} – {escape(quarter.period.label)}</title>",
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#main">Skip to main content</a>',
        "<header>",
        f'<p><a href="{INDEX}">{escape(authority.name)}: corporate parenting scorecard</a></p>',
        "</header>",
        '<main id="main">',
        *demonstration,
        *body,
        "</main>",
        "<footer>",
        f"<p>Published on {escape(short_date(today))} for {escape(quarter.period.long_label)}. "
        f"{escape(disclosure.suppression_note(quarter.threshold))}</p>",
        "</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _summary(shown: PublicPriority) -> list[str]:
    report = shown.report
    return [
        f"<p><strong>{escape(report.priority.plain_title)}</strong></p>",
        f"<p>{escape(shown.summary)}</p>",
        f"<p>{escape(report.counts_text)}</p>",
    ]


def _index(quarter: PublishedQuarter, today: dt.date) -> str:
    body = [
        f"<h1>{escape(title(quarter))}</h1>",
        f'<p class="lede">{escape(lede(quarter))}</p>',
        f"<p>{_INTRO}</p>",
        f'<p class="note">{escape(disclosure.suppression_note(quarter.threshold))}</p>',
    ]
    for shown in quarter.priorities:
        number = shown.report.priority.number
        body += [
            f'<section class="priority" aria-labelledby="priority-{number}">',
            f'<h2 id="priority-{number}">{escape(shown.report.heading)}</h2>',
            *_summary(shown),
            f'<p><a href="{page_name(number)}">The figures for {escape(shown.report.heading)}'
            "</a></p>",
            "</section>",
        ]
    body += [
        "<h2>The figures as data</h2>",
        "<ul>",
        f'<li><a href="{CSV_FILE}">Every figure as CSV</a> (one row per measure, in the '
        "Department for Education's tidy layout; c means hidden)</li>",
        f'<li><a href="{JSON_FILE}">Every figure and summary as JSON</a></li>',
        "</ul>",
    ]
    return _document(quarter, title(quarter), body, today)


def _priority_page(quarter: PublishedQuarter, shown: PublicPriority, today: dt.date) -> str:
    report = shown.report
    body = [
        f'<p><a href="{INDEX}">Back to every priority</a></p>',
        f"<h1>{escape(report.heading)}</h1>",
        f'<p class="lede">{escape(lede(quarter))}</p>',
        *_summary(shown),
        "<h2>The figures</h2>",
        *_table(report.heading, shown.figures),
        f'<p class="note">{escape(disclosure.suppression_note(quarter.threshold))}</p>',
    ]
    for item in report.commentary:
        body += [
            f"<h2>{escape(item.kind.heading)}: {escape(item.title)}</h2>",
            f"<p>{_text(item.text)}</p>",
        ]
    return _document(quarter, report.heading, body, today)


def _table(heading: str, rows: list[dict[str, str]]) -> list[str]:
    if not rows:
        return ["<p>No measures.</p>"]
    columns = list(rows[0])
    found = [
        "<table>",
        f"<caption>The figures for {escape(heading)}</caption>",
        "<thead><tr>"
        + "".join(f'<th scope="col">{escape(c)}</th>' for c in columns)
        + "</tr></thead>",
        "<tbody>",
    ]
    for row in rows:
        first, *rest = columns
        found.append(
            f'<tr><th scope="row">{escape(row[first])}</th>'
            + "".join(f"<td>{escape(row[c])}</td>" for c in rest)
            + "</tr>"
        )
    return [*found, "</tbody>", "</table>"]


# -- the data -------------------------------------------------------------------------------


def place_of(store: Store, catalogue: Catalogue) -> dict[str, str]:
    """The council's DfE geography columns: its codes from the catalogue, its name and
    region as DfE's imported files give them (blank where they do not know the council)."""
    code = (catalogue.authority.la_code or "").strip().upper()
    found = {
        "geographic_level": "Local authority",
        "country_code": "E92000001",
        "country_name": "England",
        "region_code": "",
        "region_name": "",
        "old_la_code": code if _OLD_CODE.match(code) else "",
        "la_name": safe_cell(catalogue.authority.name),
        "new_la_code": code if _NEW_CODE.match(code) else "",
    }
    if not code:
        return found
    for series in load_all(store, catalogue).series.values():
        council = find_council(series, code)
        if council is not None:
            found["region_code"] = council.region_code or ""
            found["region_name"] = council.region_name or ""
            found["old_la_code"] = council.old_code or found["old_la_code"]
            found["new_la_code"] = council.new_code or found["new_la_code"]
            break
    return found


def time_columns(period: Period) -> dict[str, str]:
    """``time_period`` and ``time_identifier`` as DfE writes them: 202627 and "Financial year
    Q2" for 2026/27 Q2."""
    years = f"{period.start_year}{(period.start_year + 1) % 100:02d}"
    if period.kind is PeriodKind.QUARTER:
        return {"time_period": years, "time_identifier": f"Financial year Q{period.quarter}"}
    return {"time_period": years, "time_identifier": _TIME_IDENTIFIER[period.kind]}


def _figure(measure: Measure, status: MeasureStatus) -> str:
    """The figure as published: rounded as the page shows it, or DfE's symbol (x: none)."""
    reading = status.reading
    if reading is None:
        return Symbol.NOT_AVAILABLE.value
    if reading.value is None:
        return (reading.symbol or Symbol.NOT_AVAILABLE).value
    return f"{as_displayed(reading.value, measure.decimals):.{measure.decimals}f}"


def _plain(number: float) -> str:
    """A target as set: 95, 2.5 (no exponent, no trailing zeros)."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def records(quarter: PublishedQuarter, place: dict[str, str]) -> list[dict[str, Any]]:
    """One row per figure the page shows, in DfE's tidy layout."""
    rows = []
    for shown in quarter.priorities:
        for status in shown.report.statuses:
            measure, reading = status.measure, status.reading
            hidden = reading is not None and reading.symbol is Symbol.SUPPRESSED
            target = measure.target
            rows.append(
                time_columns(reading.period if reading else quarter.period)
                | place
                | {
                    "priority": shown.report.priority.number,
                    "measure_id": measure.id,
                    "measure": safe_cell(measure.name),
                    "breakdown": ALL,
                    "unit": measure.unit.value,
                    "value": _figure(measure, status),
                    "target": Symbol.NOT_APPLICABLE.value if target is None else _plain(target),
                    "rag": Symbol.SUPPRESSED.value if hidden else status.rag.value,
                    "direction": status.vs_previous.value,
                }
            )
    return rows


def _csv(quarter: PublishedQuarter, place: dict[str, str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*GEOGRAPHY, *FIGURE], lineterminator="\n")
    writer.writeheader()
    writer.writerows(records(quarter, place))
    return buffer.getvalue().encode("utf-8")


def _json(quarter: PublishedQuarter, place: dict[str, str], today: dt.date) -> bytes:
    document = {
        "authority": quarter.catalogue.authority.name,
        "demonstration": quarter.catalogue.authority.demonstration,
        "period": quarter.period.label,
        "published_on": today.isoformat(),
        "title": title(quarter),
        "suppression_note": disclosure.suppression_note(quarter.threshold),
        "priorities": [
            {
                "number": shown.report.priority.number,
                "heading": shown.report.heading,
                "plain_title": shown.report.priority.plain_title,
                "summary": shown.summary,
                "counts": shown.report.counts_text,
                "figures": shown.figures,
                "commentary": [
                    {"heading": c.kind.heading, "title": c.title, "text": c.text}
                    for c in shown.report.commentary
                ],
            }
            for shown in quarter.priorities
        ],
        "data": records(quarter, place),
    }
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")


# -- publishing -----------------------------------------------------------------------------


def publish(
    store: Store,
    out: Path,
    period: Period | None = None,
    *,
    threshold: int | None = None,
    today: dt.date | None = None,
) -> PublishedQuarter:
    """Write the site of ``period`` (the latest quarter when None) to ``out``, replacing the
    site there, and record the release as the "Static site"."""
    out = out.resolve()
    _check_target(out)
    limit = disclosure.configured_threshold() if threshold is None else threshold
    quarter = gather(store, period, limit)
    content = files(quarter, place_of(store, quarter.catalogue), today or dt.date.today())
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for name, data in content.items():
            (fresh / name).write_bytes(data)
        os.chmod(fresh, 0o755)  # mkdtemp makes it private; a web server must read it
        publication.remember(store, quarter.frame, quarter.cells, publications.Output.STATIC)
        _swap(fresh, out)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return quarter


def _check_target(out: Path) -> None:
    """Only an earlier site, an empty directory or a new path is ever replaced: publishing
    to the wrong directory must not delete someone's files."""
    if not out.exists():
        return
    if not out.is_dir():
        raise PublishTargetError(f"{out} is a file; give a directory for the published site.")
    if any(out.iterdir()) and not (out / MARKER).is_file():
        raise PublishTargetError(
            f"{out} already holds files that are not a published scorecard; publish to an "
            "empty or new directory (each publish replaces the whole directory)."
        )


def _swap(fresh: Path, out: Path) -> None:
    """Put ``fresh`` where ``out`` is: the old site is moved aside, the new one renamed in,
    then the old one deleted; if the rename fails the old site is put back."""
    if not out.exists():
        fresh.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        fresh.rename(out)
    except BaseException:
        old.rename(out)
        raise
    with contextlib.suppress(OSError):
        shutil.rmtree(old)
