"""Every public output remembers what it showed, gives suppression what earlier ones showed,
and the officer is told when an upload or a roll-back changes figures already published.

The council here has one table: 47 children in care by placement in 2026/27 Q1, foster care
30, children's homes 10, placed with parents 3 and other 4 (the issue's example). At the
threshold of 5, parents and other are hidden, and with them the part after other in the
catalogue's order (wrapping round), foster care, never chosen by its size: the public sees
47 = c, 10, c, c.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from scorecard import disclosure, publication
from scorecard.catalogue import parse_catalogue
from scorecard.cli import main
from scorecard.errors import DatabaseUnavailable
from scorecard.storage.publications import published
from scorecard.storage.store import Store

Q1 = "2026/27 Q1"
PLACEMENTS = ("Foster care", "Children's homes", "With parents", "Other")
CATALOGUE: dict[str, Any] = {
    "authority": {"name": "Testshire (test data)", "demonstration": True},
    "priorities": [
        {"number": 1, "short_title": "Homes", "title": "Homes", "plain_title": "Where you live"}
    ],
    "measures": [
        {
            "id": "PLACEMENTS",
            "name": "Children in care by placement",
            "priority": 1,
            "unit": "count",
            "polarity": "none",
            "definition": "Children looked after at the end of the quarter, by placement.",
            "why_it_matters": "Where children live.",
            "source": "Case management system",
            "breakdowns": list(PLACEMENTS),
        }
    ],
}
FIRST = {"All": 47, "Foster care": 30, "Children's homes": 10, "With parents": 3, "Other": 4}
# The correction: the 3 children placed with parents were in fact not, and leave the count.
CORRECTED = FIRST | {"All": 44, "With parents": 0}


def council(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'council.db'}"
    Store.open(url).replace_catalogue(
        parse_catalogue(CATALOGUE, "test"), actor="admin", file_name="c.toml", sha256="c" * 64
    )
    return url


def upload(tmp_path: Path, name: str, figures: dict[str, int], period: str = Q1) -> str:
    path = tmp_path / name
    rows = [f"PLACEMENTS,{period},{b if b != 'All' else ''},{v},,," for b, v in figures.items()]
    path.write_text(
        "measure_id,period,breakdown,value,numerator,denominator,note\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    return str(path)


def run(url: str, *args: str) -> int:
    return main(["--db", url, *args])


def public_export(url: str, out: Path, *extra: str) -> dict[str, Any]:
    """What one public JSON export shows of 2026/27 Q1's table: breakdown → figure or "c"."""
    assert run(url, "export", str(out), "--public", *extra) == 0
    rows = json.loads(out.read_text())["observations"]
    return {
        r["breakdown"]: r["symbol"] if r["value"] is None else r["value"]
        for r in rows
        if r["period"] == Q1
    }


def today() -> str:
    day = dt.datetime.now(dt.UTC).date()
    return f"{day.day} {day:%B %Y}"


def test_a_public_export_records_every_figure_it_showed_and_each_c(tmp_path: Path) -> None:
    url = council(tmp_path)
    assert run(url, "ingest", upload(tmp_path, "q1.csv", FIRST)) == 0

    shown = public_export(url, tmp_path / "public.json")

    # Parents 3 and other 4 are small; foster care, the part after other in catalogue order
    # (wrapping round), is hidden with them.
    assert shown == {
        "All": 47.0,
        "Foster care": "c",
        "Children's homes": 10.0,
        "With parents": "c",
        "Other": "c",
    }
    [release] = published(Store.open(url))
    assert release.output == "JSON export"
    assert release.release.period.label == Q1
    assert dict(release.release.shown) == {
        ("PLACEMENTS", "All"): 47.0,
        ("PLACEMENTS", "Foster care"): None,
        ("PLACEMENTS", "Children's homes"): 10.0,
        ("PLACEMENTS", "With parents"): None,
        ("PLACEMENTS", "Other"): None,
    }


def test_exporting_the_same_figures_again_records_nothing_new(tmp_path: Path) -> None:
    url = council(tmp_path)
    run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))
    public_export(url, tmp_path / "a.json")
    assert run(url, "export", str(tmp_path / "b.csv"), "--public") == 0

    assert [p.output for p in published(Store.open(url))] == ["JSON export"]


def test_an_export_of_one_quarter_records_it_and_the_quarter_its_directions_compare_with(
    tmp_path: Path,
) -> None:
    url = council(tmp_path)
    for quarter in ("2025/26 Q4", "2026/27 Q1", "2026/27 Q2"):
        name = quarter.replace("/", "-") + ".csv"
        assert run(url, "ingest", upload(tmp_path, name, FIRST, period=quarter)) == 0

    public_export(url, tmp_path / "q2.json", "--period", "2026/27 Q2")

    # "No change" since 2026/27 Q1 gives its figures away; 2025/26 Q4 is not in the file.
    assert sorted(p.release.period.label for p in published(Store.open(url))) == [
        "2026/27 Q1",
        "2026/27 Q2",
    ]


def test_a_panel_export_is_not_a_publication(tmp_path: Path) -> None:
    url = council(tmp_path)
    run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))
    assert run(url, "export", str(tmp_path / "panel.json")) == 0
    assert run(url, "export", str(tmp_path / "panel.xlsx")) == 0

    assert published(Store.open(url)) == []


@pytest.mark.parametrize(
    ("suffix", "output"), [(".pdf", "briefing pack"), (".xlsx", "scorecard workbook")]
)
def test_the_public_briefing_pack_and_workbook_record_the_quarter_they_show(
    tmp_path: Path, suffix: str, output: str
) -> None:
    url = council(tmp_path)
    run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))

    assert run(url, "export", str(tmp_path / f"public{suffix}"), "--public") == 0

    [release] = published(Store.open(url))
    assert release.output == output
    # The headline figure the pack and workbook show; the workbook's Data sheet has the parts.
    assert release.release.shown[("PLACEMENTS", "All")] == 47.0
    if suffix == ".xlsx":
        assert release.release.shown[("PLACEMENTS", "Other")] is None


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx", ".pdf"])
def test_every_public_export_gives_suppression_what_was_published_before(
    tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = council(tmp_path)
    run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))
    public_export(url, tmp_path / "first.json")
    given: list[Any] = []
    real = disclosure.publishable

    def watched(*args: Any, **kwargs: Any) -> Any:
        given.append(kwargs.get("releases"))
        return real(*args, **kwargs)

    monkeypatch.setattr(disclosure, "publishable", watched)

    assert run(url, "export", str(tmp_path / f"again{suffix}"), "--public") == 0

    [releases] = given
    assert [(r.period.label, r.shown[("PLACEMENTS", "Other")]) for r in releases] == [(Q1, None)]


def test_checking_a_correction_of_a_published_quarter_says_when_it_was_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = council(tmp_path)
    run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))
    public_export(url, tmp_path / "public.json")
    capsys.readouterr()

    assert run(url, "validate", upload(tmp_path, "correction.csv", CORRECTED)) == 0

    out = capsys.readouterr().out
    # The total and the parents change; both were published (47, and c).
    assert (
        f"Already published: {Q1} was published on {today()} (JSON export); this upload "
        "changes 2 of its figures: the public version will keep hiding what it hid then."
    ) in out


def test_a_correction_of_a_quarter_never_published_says_nothing_about_publication(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = council(tmp_path)
    run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))
    assert run(url, "export", str(tmp_path / "panel.json")) == 0  # the panel's, not public
    capsys.readouterr()

    assert run(url, "ingest", upload(tmp_path, "correction.csv", CORRECTED)) == 0

    out = capsys.readouterr().out
    assert "Already published" not in out and "was published on" not in out


def test_rolling_back_an_upload_that_changed_a_published_quarter_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = council(tmp_path)
    run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))
    run(url, "ingest", upload(tmp_path, "correction.csv", CORRECTED))
    public_export(url, tmp_path / "public.json")  # publishes the corrected 44
    capsys.readouterr()
    [correction, _] = Store.open(url).uploads()

    assert run(url, "rollback", str(correction.id)) == 0

    out = capsys.readouterr().out
    assert (
        f"Already published: {Q1} was published on {today()} (JSON export); this roll-back "
        "changed 2 of its figures: the public version will keep hiding what it hid then."
    ) in out


def test_rolling_back_an_upload_whose_figures_were_never_published_says_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = council(tmp_path)
    run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))
    public_export(url, tmp_path / "public.json")
    run(url, "ingest", upload(tmp_path, "q2.csv", CORRECTED, period="2026/27 Q2"))
    capsys.readouterr()
    [q2, _] = Store.open(url).uploads()

    assert run(url, "rollback", str(q2.id)) == 0

    assert "published" not in capsys.readouterr().out


@pytest.mark.parametrize("suffix", [".json", ".pdf"])
def test_a_public_export_that_cannot_be_recorded_is_not_written(
    tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = council(tmp_path)
    run(url, "ingest", upload(tmp_path, "q1.csv", FIRST))

    def refuse(*args: object, **kwargs: object) -> int:
        raise DatabaseUnavailable("The scorecard database is read-only, so nothing can be saved.")

    monkeypatch.setattr(publication, "record", refuse)
    out = tmp_path / f"public{suffix}"

    assert run(url, "export", str(out), "--public") == 1

    assert not out.exists()  # nobody has figures the next release cannot take into account
    assert "read-only" in capsys.readouterr().err
