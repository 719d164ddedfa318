"""The static published site (``python -m scorecard publish``) against the Published version
page: the same figures, summaries and approved commentary, small numbers as c, hostile text
escaped, its release recorded, and a failed publish leaving the old site as it was.

Demonstration figures for 2026/27 Q2, read by hand: NEET is 4 of 62 young people (6.5%), so
it is c; Personal Education Plans up to date are 96.4% (372 of 386), published without n / N.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard import disclosure, publication
from scorecard.catalogue import ALL, parse_catalogue
from scorecard.cli import main
from scorecard.errors import DatabaseUnavailable
from scorecard.periods import parse_period
from scorecard.reports import site
from scorecard.startup import import_benchmarks_if_present, init_demo
from scorecard.storage.publications import published
from scorecard.storage.store import Store
from tests.app.conftest import app_on
from tests.app.test_pages import open_page, texts
from tests.app.test_public_page import figure_tables

Q2 = parse_period("2026/27 Q2")
NEET = "Young people aged 16 to 18 not in education, employment or training (NEET)"
PEP = "Children with an up-to-date Personal Education Plan"


class Page(HTMLParser):
    """What a reader meets on a page: its paragraphs and headings, and its tables' rows."""

    BLOCKS = ("p", "h1", "h2", "li", "caption", "th", "td", "title")

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.rows: list[list[str]] = []
        self._open: list[tuple[str, list[str]]] = []
        self.tags: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        if tag in self.BLOCKS:
            self._open.append((tag, []))
        if tag == "br" and self._open:
            self._open[-1][1].append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _, parts = self._open.pop()
            text = "".join(parts)
            self.blocks.append((tag, text))
            if tag in ("th", "td"):
                self.rows[-1].append(text)
            elif self._open:
                self._open[-1][1].append(text)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][1].append(data)

    def text(self, tag: str) -> list[str]:
        return [text for found, text in self.blocks if found == tag]

    def table(self) -> list[dict[str, str]]:
        header, *rows = self.rows
        return [dict(zip(header, row, strict=True)) for row in rows]


def read_site(out: Path) -> dict[str, Page]:
    return {p.name: Page(p.read_text("utf-8")) for p in out.glob("*.html")}


def every_file(out: Path) -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted(out.iterdir()))


def url_in(folder: Path) -> str:
    return f"sqlite:///{folder / 'demo.db'}"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A demonstration database of this test's own: publishing writes its release."""
    found = Store.open(url_in(tmp_path))
    init_demo(found)
    return found


def approve(store: Store, *titles: str) -> None:
    chosen = {c.title: c for c in store.commentary(Q2) if c.title in titles}
    assert sorted(chosen) == sorted(titles)
    approved = {disclosure.text_key(c): c for c in chosen.values()}
    store.set_publication(approved, [], actor="officer", threshold=5)


def test_the_site_holds_the_figures_summaries_and_commentary_the_published_page_shows(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    approve(store, "Out of hours", "Tutoring")
    app: AppTest = open_page(app_on(url_in(tmp_path), monkeypatch), "public", period="2026/27 Q2")
    out = tmp_path / "site"

    site.publish(store, out, Q2)

    pages = read_site(out)
    assert sorted(pages) == ["index.html", *(f"priority-{n}.html" for n in range(1, 7))]
    shown = texts(app)
    tables = figure_tables(app)
    for number in range(1, 7):
        page = pages[f"priority-{number}.html"]
        assert page.table() == tables[number - 1], f"priority {number}'s figures differ"
        summary = next(p for p in page.text("p") if p.startswith("We check "))
        assert summary in shown.splitlines()
        assert next(p for p in pages["index.html"].text("p") if summary == p)
        assert page.text("h1") == [app.header[number - 1].value.replace("\\", "")]
    # The approved commentary, as the page shows it ("**heading: title**", then the text).
    third = pages["priority-3.html"].text("h2")
    assert "You said, we did: Out of hours" in third
    assert "**You said, we did: Out of hours**" in shown
    assert "Voice of children and young people: Tutoring" in pages["priority-2.html"].text("h2")
    assert pages["index.html"].text("h1") == [app.title[0].value.replace("\\", "")]
    # The data files say the same: JSON holds the page's tables and summaries; each CSV value
    # is the figure the page shows, without its unit (96.4 for 96.4%, c for c).
    document = json.loads((out / "scorecard.json").read_text("utf-8"))
    for number, priority in enumerate(document["priorities"], start=1):
        assert priority["figures"] == tables[number - 1]
        assert priority["summary"] in shown.splitlines()
    figures = {
        row["Measure"]: row["Figure"]
        for page in pages.values()
        if page.rows
        for row in page.table()
    }
    rows = list(csv.DictReader(io.StringIO((out / "scorecard.csv").read_text("utf-8"))))
    assert len(rows) == len(figures) == sum(len(p["figures"]) for p in document["priorities"])
    for row in rows:
        figure = figures[row["measure"]]
        number = re.match(r"£?([\d,]+(?:\.\d+)?)", figure)
        assert (number.group(1).replace(",", "") if number else figure[0]) == row["value"]
    assert disclosure.suppression_note(5) in pages["index.html"].text("p")


def test_small_numbers_are_c_in_every_file_and_no_cohort_is_published(
    store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    site.publish(store, out, Q2)

    education = {row["Measure"]: row for row in read_site(out)["priority-2.html"].table()}
    assert education[NEET]["Figure"] == "c (suppressed to protect confidentiality)"
    assert education[NEET]["How we are doing"] == "Hidden: too few young people to show"
    assert education[PEP]["Figure"] == "96.4%"
    rows = {
        r["measure_id"]: r
        for r in csv.DictReader(io.StringIO((out / "scorecard.csv").read_text("utf-8")))
    }
    assert (rows["NEET_16_18"]["value"], rows["NEET_16_18"]["rag"]) == ("c", "c")
    assert rows["PEP_TIMELY"]["value"] == "96.4"
    assert rows["PEP_TIMELY"]["time_period"] == "202627"
    assert rows["PEP_TIMELY"]["time_identifier"] == "Financial year Q2"
    assert rows["PEP_TIMELY"]["geographic_level"] == "Local authority"
    document = json.loads((out / "scorecard.json").read_text("utf-8"))
    data = {r["measure_id"]: r for r in document["data"]}
    assert data["NEET_16_18"]["value"] == "c"
    everything = every_file(out)
    for cohort in ("372 of 386", "4 of 62", "numerator", "denominator", "372", "386"):
        assert cohort not in everything


def test_nothing_that_was_not_approved_is_published(store: Store, tmp_path: Path) -> None:
    approve(store, "Out of hours")
    out = tmp_path / "site"
    site.publish(store, out, Q2)

    everything = every_file(out)
    assert "Out of hours" in everything
    for title in ("Leisure passes", "Pupil Premium Plus", "Tutoring", "Not giving up", "Dentists"):
        assert title not in everything
    assert "You said: you want to know who to call out of hours." in everything
    assert "What the numbers tell us" not in everything


HOSTILE = (
    '<script>alert("x")</script><img src=x onerror=alert(1)> & <a href="https://evil.example">'
)


@pytest.fixture
def hostile(store: Store) -> Store:
    """Catalogue text an administrator's upload could carry: council, priority and measure."""
    data = store.catalogue().model_dump(mode="json")
    data["authority"]["name"] = "Demoshire " + HOSTILE
    data["priorities"][1]["title"] = "Education " + HOSTILE
    data["priorities"][1]["plain_title"] = "School " + HOSTILE
    for measure in data["measures"]:
        if measure["id"] == "PEP_TIMELY":
            measure["name"] = "=HYPERLINK(1) " + HOSTILE
    store.replace_catalogue(
        parse_catalogue(data, "test"), actor="admin", file_name="names.xlsx", sha256="n" * 64
    )
    return store


def test_hostile_catalogue_text_is_shown_as_text_on_every_page(
    hostile: Store, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    site.publish(hostile, out, Q2)

    for name, page in read_site(out).items():
        html = (out / name).read_text("utf-8")
        assert "<script" not in html and "<img" not in html and 'evil.example">' not in html
        assert set(page.tags) <= {
            *("html", "head", "meta", "title", "style", "body", "a", "header", "main"),
            *("footer", "p", "strong", "em", "h1", "h2", "section", "ul", "li", "table"),
            *("caption", "thead", "tbody", "tr", "th", "td", "br"),
        }, name
        assert sum(1 for tag in page.tags if tag == "a") == html.count("<a ")
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    index = read_site(out)["index.html"]
    assert index.text("h1") == [f"How Demoshire {HOSTILE} looks after children in care"]
    assert f"School {HOSTILE}" in index.text("p")
    education = read_site(out)["priority-2.html"].table()
    assert education[0]["Measure"] == "=HYPERLINK(1) " + HOSTILE
    # A spreadsheet would run the name as a formula: the CSV makes it inert.
    rows = list(csv.DictReader(io.StringIO((out / "scorecard.csv").read_text("utf-8"))))
    assert next(r for r in rows if r["measure_id"] == "PEP_TIMELY")["measure"].startswith("'=")


def test_publishing_records_the_release_as_the_static_site(store: Store, tmp_path: Path) -> None:
    site.publish(store, tmp_path / "site", Q2)

    releases = {p.release.period.label: p for p in published(store)}
    assert {p.output for p in releases.values()} == {"Static site"}
    q2 = releases["2026/27 Q2"].release.shown
    assert q2[("NEET_16_18", ALL)] is None
    assert q2[("PEP_TIMELY", ALL)] == pytest.approx(96.4, abs=0.05)
    assert "2026/27 Q1" in releases  # what "since last time" compares with
    assert "2026/27 Q3" not in releases


def test_a_publish_that_fails_half_way_leaves_the_old_site_as_it_was_and_records_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "www" / "site"
    site.publish(store, out, parse_period("2026/27 Q1"))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    count = len(published(store))

    written: list[str] = []
    write_bytes = Path.write_bytes

    def disk_full(path: Path, data: bytes) -> int:
        if len(written) == 3:  # the disk fills up half-way through the new site
            raise OSError(28, "No space left on device")
        written.append(path.name)
        return write_bytes(path, data)

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    with pytest.raises(OSError, match="No space left"):
        site.publish(store, out, Q2)
    monkeypatch.undo()

    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert "2026/27 Q1 (April to June 2026)" in (out / "index.html").read_text("utf-8")
    assert [p.name for p in out.parent.iterdir()] == ["site"]  # nothing left over
    assert len(published(store)) == count  # nothing of Q2 reached anyone


def test_nothing_is_published_when_its_release_cannot_be_recorded(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "www" / "site"

    def unavailable(*args: object, **kwargs: object) -> int:
        raise DatabaseUnavailable("The database is not answering.")

    monkeypatch.setattr(publication, "remember", unavailable)
    with pytest.raises(DatabaseUnavailable):
        site.publish(store, out, Q2)

    assert list(out.parent.iterdir()) == []


def test_a_council_with_a_dfe_code_is_named_with_its_region_and_both_codes(
    store: Store, tmp_path: Path
) -> None:
    import_benchmarks_if_present(store)
    data = store.catalogue().model_dump(mode="json")
    data["authority"].pop("compare_as", None)  # a real council is compared as itself
    data["authority"]["la_code"] = "871"  # Slough's old code
    store.replace_catalogue(
        parse_catalogue(data, "test"), actor="admin", file_name="slough.toml", sha256="s" * 64
    )
    out = tmp_path / "site"
    site.publish(store, out, Q2)

    row = next(csv.DictReader(io.StringIO((out / "scorecard.csv").read_text("utf-8"))))
    assert {k: row[k] for k in site.GEOGRAPHY[2:]} == {
        "geographic_level": "Local authority",
        "country_code": "E92000001",
        "country_name": "England",
        "region_code": "E12000008",
        "region_name": "South East",
        "old_la_code": "871",
        "la_name": "Demoshire Council (demonstration data)",
        "new_la_code": "E06000039",
    }


def test_a_second_publish_replaces_the_whole_site(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "www" / "site"
    site.publish(store, out, parse_period("2026/27 Q1"))
    site.publish(store, out, Q2)

    assert "2026/27 Q2 (July to September 2026)" in (out / "index.html").read_text("utf-8")
    assert [p.name for p in out.parent.iterdir()] == ["site"]  # nothing left over


def test_publishing_over_a_directory_that_is_not_a_site_is_refused_and_deletes_nothing(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.docx").write_text("years of work")

    code = main(["--db", url_in(tmp_path), "publish", str(home)])

    assert code == 1
    assert "already holds files that are not a published scorecard" in capsys.readouterr().err
    assert [p.name for p in home.iterdir()] == ["thesis.docx"]
    assert published(store) == []


def test_the_command_publishes_the_latest_quarter_and_says_where(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "public"

    assert main(["--db", url_in(tmp_path), "publish", str(out)]) == 0

    said = capsys.readouterr().out
    assert f"Published 2026/27 Q2 to {out}: 7 pages" in said
    assert (out / "index.html").is_file() and (out / "scorecard.csv").is_file()
