"""The briefing pack (PDF) and the formatted scorecard (Excel) from the command line, opened
and read back as a reader would.

Figures are the demonstration authority's, read by hand: in 2026/27 Q2 NEET is 4 of 62
young people (6.5%, Green against 10%), so the published version must show it as c; Personal
Education Plans up to date are 372 of 386 (96.4%), large enough to publish.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from scorecard.cli import main
from scorecard.meetings import load_demo_meetings
from scorecard.storage.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('reports') / 'demo.db'}"
    assert main(["--db", url, "init-demo"]) == 0
    load_demo_meetings(Store.open(url), actor="Demonstration data loader")
    return url


def export(db: str, out: Path, *extra: str) -> Path:
    assert main(["--db", db, "export", str(out), *extra]) == 0
    return out


@pytest.fixture(scope="module")
def pack(db: str, tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    out = tmp_path_factory.mktemp("pack") / "pack.pdf"
    return PdfReader(export(db, out, "--period", "2026/27 Q2", "--meeting", "3"))


@pytest.fixture(scope="module")
def public_pack(db: str, tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    return PdfReader(export(db, tmp_path_factory.mktemp("pack") / "public.pdf", "--public"))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_pack_is_a_tagged_pdf_with_a_title_and_language(pack: PdfReader) -> None:
    root = pack.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert pack.metadata is not None
    assert pack.metadata.title == "Corporate Parenting Panel briefing pack: 2026/27 Q2"


def structure_types(reader: PdfReader) -> dict[str, list[object]]:
    """Every structure element's type, with its /Alt where it has one."""
    found: dict[str, list[object]] = {}

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not isinstance(node, dict):
            return
        if "/S" in node:
            found.setdefault(str(node["/S"]), []).append(node.get("/Alt"))
        if "/K" in node:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_headings_tables_and_charts_are_tagged_and_charts_have_their_alternative(
    pack: PdfReader,
) -> None:
    tags = structure_types(pack)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Figure"} <= set(tags)
    alternatives = [str(a) for a in tags["/Figure"]]
    assert any(
        a.startswith("Return home interviews held within 72 hours: Fell from") for a in alternatives
    )


def test_the_pack_reads_cover_contents_theme_first_and_appendix(pack: PdfReader) -> None:
    text = words(text_of(pack))
    assert "Demoshire Council (demonstration data)" in text
    assert (
        "For the meeting on Tuesday 24 November 2026, themed on 4. Positive relationships" in text
    )
    assert "Contents" in text and "Appendix: what each measure means" in text
    # The theme priority comes first, then the others in order.
    theme = text.index("4. Positive relationships and stable homes (this meeting's theme)")
    assert theme < text.index("1. Strong corporate parenting") < text.index("2. Education")


def test_the_pack_has_the_right_figures_with_n_of_n(pack: PdfReader) -> None:
    text = words(text_of(pack))
    # NEET: value, n of N (young people, what it counts), target, status
    assert "6.5% 4 of 62 young people 10.0% ● Green" in text
    assert "96.4% 372 of 386 children 95.0% ● Green" in text  # PEPs up to date
    assert "⚠ Overdue: was due 31 August 2026" in text  # an open meeting action
    assert "Circulate the annual complaints report" in text


def test_the_public_pack_hides_small_numbers_and_unapproved_text(public_pack: PdfReader) -> None:
    text = words(text_of(public_pack))
    assert "Published version" in text
    assert "4 of 62" not in text and "6.5%" not in text.split("Appendix")[0].split("Overview")[1]
    assert re.search(r"\(NEET\) c 10\.0% – No data", text)
    assert "96.4%" in text and "372 of 386" not in text  # published, but never n of N
    assert "No commentary for this priority has been approved for publication." in text
    assert "Circulate the annual complaints report" not in text  # officers' free text


def test_the_xlsx_export_is_the_formatted_scorecard_with_the_plain_table_beside_it(
    db: str, tmp_path: Path
) -> None:
    out = export(db, tmp_path / "scorecard.xlsx")
    book = load_workbook(out)
    assert book.sheetnames == ["Scorecard", "Data"]
    sheet = book["Scorecard"]
    assert (
        sheet["A1"].value == "Corporate Parenting Scorecard: Demoshire Council (demonstration data)"
    )
    header = [c.value for c in sheet[5]]
    neet = next(r for r in sheet.iter_rows(min_row=6) if r[0].value == "NEET_16_18")
    row = dict(zip(header, (c.value for c in neet), strict=True))
    assert (row["2026/27 Q2"], row["Target"], row["RAG"]) == (6.5, 10.0, "● Green")
    assert row["n / N"] == "4 of 62"
    data = book["Data"]
    assert [c.value for c in data[1]] == [
        "measure_id",
        "period",
        "breakdown",
        "value",
        "numerator",
        "denominator",
        "symbol",
        "note",
        "rag",
        "direction",
    ]
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if "worksheets" in n)


def test_a_lower_is_better_measure_says_how_many_fewer_children_would_have_met_it(
    db: str, tmp_path: Path
) -> None:
    # NEET 16-18 in 2025/26 Q3: 11 of 50 = 22% against a 10% target (lower is better); 10% of
    # 50 is 5 young people, so 6 fewer NEET would have met it (not "6 more").
    wanted = "With 6 fewer young people counted here, the target would have been met."
    book = load_workbook(export(db, tmp_path / "q3.xlsx", "--period", "2025/26 Q3"))
    neet = next(r for r in book["Scorecard"].iter_rows(min_row=6) if r[0].value == "NEET_16_18")
    notes = " ".join(str(c.value) for c in neet if c.value)
    assert wanted in notes and "more young people would have met" not in notes
    pack = PdfReader(export(db, tmp_path / "q3.pdf", "--period", "2025/26 Q3"))
    assert wanted in words(text_of(pack))


@pytest.mark.parametrize(("quarter", "england"), [("2023/24 Q4", 68), ("2026/27 Q2", 69)])
def test_a_papers_comparators_are_for_the_dfe_year_that_had_ended_by_its_quarter(
    db: str, tmp_path: Path, quarter: str, england: float
) -> None:
    # DfE's placement stability file (la_cla_placement_stability.csv), England, children in
    # care 2.5 years living with the same carer for 2 years: 68% at 31 March 2024 (the year
    # 2023/24, so the one a 2023/24 Q4 paper compares with) and 69% at 31 March 2025.
    book = load_workbook(export(db, tmp_path / "paper.xlsx", "--period", quarter))
    sheet = book["Scorecard"]
    header = [c.value for c in sheet[5]]
    stability = next(r for r in sheet.iter_rows(min_row=6) if r[0].value == "LONG_TERM_STABILITY")
    row = dict(zip(header, (c.value for c in stability), strict=True))
    assert row["England"] == england


def test_the_public_xlsx_suppresses_and_drops_n_of_n(db: str, tmp_path: Path) -> None:
    book = load_workbook(export(db, tmp_path / "public.xlsx", "--public"))
    sheet = book["Scorecard"]
    header = [c.value for c in sheet[5]]
    assert "n / N" not in header
    neet = next(r for r in sheet.iter_rows(min_row=6) if r[0].value == "NEET_16_18")
    assert dict(zip(header, (c.value for c in neet), strict=True))["2026/27 Q2"] == "c"
    numerators = [r[4].value for r in book["Data"].iter_rows(min_row=2)]
    assert set(numerators) == {None}


def test_a_pack_for_a_quarter_with_no_figures_exits_1(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "export", str(tmp_path / "x.pdf"), "--period", "2030/31 Q1"]) == 1
    assert "no quarterly figures for 2030/31 Q1" in capsys.readouterr().err
