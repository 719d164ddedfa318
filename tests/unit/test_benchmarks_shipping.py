"""The published figures the project ships (data/published) and how they are cut again.

The shipped files must give exactly the figures DfE's full files give for every mapping (the
check against the full files is skipped where they are not beside the checkout); the rest
needs nothing beside the repository.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from scorecard.benchmarks import importing, shipping
from scorecard.benchmarks.reading import read_csv
from scorecard.catalogue import Catalogue, load_catalogue
from scorecard.cli import main
from scorecard.errors import UnreadableFile
from tests.unit import builders

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "published"
FULL = ROOT.parent / "shared" / "data" / "dfe"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "data" / "catalogue.toml")


def test_the_shipped_figures_live_in_the_repository_not_beside_it() -> None:
    assert importing.PUBLISHED_FOLDER == SHIPPED


def test_every_file_the_catalogue_maps_and_the_neighbour_model_are_shipped(
    catalogue: Catalogue,
) -> None:
    chosen, skipped = importing.files_to_import(SHIPPED, catalogue)
    assert skipped == []
    assert {p.name for p in chosen} == {*importing.mapped_files(catalogue), shipping.MODEL_FILE}


def test_the_shipped_files_are_a_few_megabytes_at_most() -> None:
    assert sum(p.stat().st_size for p in SHIPPED.iterdir()) < 3 * 1024 * 1024


def test_the_readme_gives_the_licence_and_each_source_file_with_its_sha256() -> None:
    text = (SHIPPED / "README.md").read_text(encoding="utf-8")
    assert "Open Government Licence v3.0" in text
    assert "Department for Education" in text
    for path in SHIPPED.glob("*.csv"):
        [line] = [ln for ln in text.splitlines() if ln.startswith(f"| {path.name} |")]
        assert len(line.split("|")[2].strip()) == 64  # a SHA-256 in hexadecimal


def test_trafford_is_in_the_north_west_in_the_shipped_care_leavers_file() -> None:
    # Worked out by reading the shipped file alone: 358 is Trafford, E08000009, North West.
    with (SHIPPED / "la_care_leavers_activity.csv").open(encoding="utf-8-sig") as handle:
        rows = [r for r in csv.DictReader(handle) if r["old_la_code"] == "358"]
    assert {(r["la_name"], r["new_la_code"], r["region_name"]) for r in rows} == {
        ("Trafford", "E08000009", "North West")
    }
    # Two mapped measures (17 to 18 and 19 to 21) for each of five years, 2021 to 2025.
    assert sorted({r["time_period"] for r in rows}) == ["2021", "2022", "2023", "2024", "2025"]
    assert len(rows) == 10


@pytest.mark.skipif(not FULL.is_dir(), reason=f"DfE's full files are not at {FULL}")
def test_the_shipped_rows_give_every_mapping_exactly_what_the_full_files_give(
    catalogue: Catalogue,
) -> None:
    for path in sorted(SHIPPED.glob("*.csv")):
        shipped = importing.check(read_csv(path.name, path.read_bytes()), catalogue)
        full_bytes = (FULL / path.name).read_bytes()
        full = importing.check(read_csv(path.name, full_bytes), catalogue)
        assert shipped.problems == full.problems, path.name
        assert (
            shipped.prepared.rows.reset_index(drop=True)
            .astype(str)
            .equals(full.prepared.rows.reset_index(drop=True).astype(str))
        ), path.name
        readme = (SHIPPED / "README.md").read_text(encoding="utf-8")
        assert f"| {path.name} | {hashlib.sha256(full_bytes).hexdigest()} |" in readme


# -- cutting a new release ------------------------------------------------------------------

HEADER = (
    "time_period,time_identifier,geographic_level,country_code,region_code,region_name,"
    "old_la_code,la_name,new_la_code,cla_group,placement_stability,children_count,"
    "children_percent,unused_column\n"
)
ROWS = [
    # A mapped row for England, a region and a council; an unmapped breakdown; a district.
    "2025,Reporting year,National,E92000001,,,,,,CLA on 31 March,3 or more,100,10,x\n",
    "2025,Reporting year,Regional,E92000001,E12000002,North West,,,,CLA on 31 March,"
    "3 or more,20,9,x\n",
    "2025,Reporting year,Local authority,E92000001,E12000002,North West,358,Trafford,"
    "E08000009,CLA on 31 March,3 or more,c,c,x\n",
    "2025,Reporting year,Local authority,E92000001,E12000002,North West,358,Trafford,"
    "E08000009,CLA on 31 March,1 placement,300,70,x\n",
    "2025,Reporting year,Local authority district,E92000001,E12000002,North West,,Altrincham,"
    ",CLA on 31 March,3 or more,1,5,x\n",
]
MODEL = (
    "old_la_code,la_name,region_name,SN_1,SN_1P,SN_2,SN_2P,SN_3,SN_3P,SN_4,SN_4P,SN_5,SN_5P,"
    "SN_6,SN_6P,SN_7,SN_7P,SN_8,SN_8P,SN_9,SN_9P,SN_10,SN_10P,extra\n"
    "358,Trafford,North West,356,Very close,,,,,,,,,,,,,,,,,,,drop me\n"
    "356,Stockport,North West,358,Very close,,,,,,,,,,,,,,,,,,,drop me\n"
)


MAPPING = {
    "file": "stability.csv",
    "filters": {"cla_group": "CLA on 31 March", "placement_stability": "3 or more"},
    "value_column": "children_percent",
    "numerator_column": "children_count",
}


def small_catalogue() -> Catalogue:
    return builders.catalogue(builders.measure_fields("M1", dfe=MAPPING))


def full_release(folder: Path) -> Path:
    folder.mkdir()
    (folder / "stability.csv").write_text("\ufeff" + HEADER + "".join(ROWS), encoding="utf-8")
    (folder / shipping.MODEL_FILE).write_text(MODEL, encoding="utf-8")
    (folder / "not_mapped.csv").write_text(HEADER, encoding="utf-8")
    return folder


def test_cutting_keeps_the_mapped_rows_and_columns_with_their_text_unchanged(
    tmp_path: Path,
) -> None:
    source = full_release(tmp_path / "full")
    shipped = shipping.ship(source, small_catalogue(), tmp_path / "published")
    out = tmp_path / "published"
    assert sorted(p.name for p in out.iterdir()) == [
        "README.md",
        shipping.MODEL_FILE,
        "stability.csv",
    ]
    rows = list(csv.DictReader(io.StringIO((out / "stability.csv").read_text())))
    # England, the North West and Trafford's suppressed figure; not the unmapped
    # breakdown, the district, or a column no mapping reads.
    assert [(r["geographic_level"], r["children_percent"]) for r in rows] == [
        ("National", "10"),
        ("Regional", "9"),
        ("Local authority", "c"),
    ]
    assert "unused_column" not in rows[0] and "country_code" not in rows[0]
    model = list(csv.DictReader(io.StringIO((out / shipping.MODEL_FILE).read_text())))
    assert [(r["old_la_code"], r["SN_1"]) for r in model] == [("358", "356"), ("356", "358")]
    assert "extra" not in model[0]
    [stability] = [f for f in shipped if f.name == "stability.csv"]
    assert (stability.rows, stability.source_rows) == (3, 5)
    expected = hashlib.sha256((source / "stability.csv").read_bytes()).hexdigest()
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert f"| stability.csv | {expected} | 3 of 5 |" in readme
    assert "Open Government Licence v3.0" in readme


def test_a_release_without_a_mapped_file_is_refused_naming_it(tmp_path: Path) -> None:
    source = full_release(tmp_path / "full")
    (source / "stability.csv").unlink()
    with pytest.raises(UnreadableFile, match=r"stability\.csv"):
        shipping.ship(source, small_catalogue(), tmp_path / "published")
    assert not (tmp_path / "published").exists()


def test_ship_from_on_the_command_line_writes_the_folder_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = full_release(tmp_path / "full")
    toml = tmp_path / "catalogue.toml"
    mapping = (
        '\n[measures.dfe]\nfile = "stability.csv"\n'
        'filters = { cla_group = "CLA on 31 March", placement_stability = "3 or more" }\n'
        'value_column = "children_percent"\n'
    )
    toml.write_text(one_measure_toml() + mapping, encoding="utf-8")
    out = tmp_path / "published"
    code = main(
        ["benchmarks", "ship-from", str(source), "--catalogue", str(toml), "--to", str(out)]
    )
    assert code == 0
    assert "stability.csv: 3 of 5 rows" in capsys.readouterr().out
    assert (out / "README.md").is_file()


def one_measure_toml() -> str:
    """The smallest catalogue file with one measure, written as a council would."""
    return (
        '[authority]\nname = "Testshire"\n\n'
        '[[priorities]]\nnumber = 1\nshort_title = "P"\ntitle = "P"\nplain_title = "P"\n\n'
        '[[measures]]\nid = "M1"\nname = "M"\npriority = 1\nunit = "percent"\n'
        'polarity = "lower_is_better"\ndefinition = "d"\nwhy_it_matters = "w"\n'
        'source = "s"\n'
    )
