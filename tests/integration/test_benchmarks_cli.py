"""``python -m scorecard benchmarks``: import DfE's files, then compare; exit codes 0, 1, 2.

Expected figures are Trafford's (358 / E08000009), read by hand from the files as described
in tests/unit/test_benchmarks_published.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorecard.benchmarks.importing import PUBLISHED_FOLDER
from scorecard.cli import main
from scorecard.startup import init_demo
from scorecard.storage.store import Store

needs_files = pytest.mark.skipif(
    not PUBLISHED_FOLDER.is_dir(), reason=f"DfE's published files are not at {PUBLISHED_FOLDER}"
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    # The demonstration authority without DfE's published figures (init-demo adds those).
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    init_demo(Store.open(url))
    return url


@pytest.fixture
def with_published(db: str) -> str:
    assert main(["--db", db, "benchmarks", "import", "--all", str(PUBLISHED_FOLDER)]) == 0
    return db


def show(db: str, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    capsys.readouterr()
    assert main(["--db", db, "benchmarks", "show", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


@needs_files
def test_show_prints_exactly_the_promised_json_for_a_council_by_old_code(
    with_published: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = show(with_published, capsys, "--la", "358", "--measure", "PLACEMENTS_3PLUS")
    assert shown == {
        "measure_id": "PLACEMENTS_3PLUS",
        "year": "2025",
        "la_code": "358",
        "la_name": "Trafford",
        "value": 6.0,
        "england": 10.0,
        "region": 9.0,
        "sn_mean": 11.0,
        "sn_median": 11.0,
        "top_quartile": 8.0,
        "best": {"la_name": "Leicester", "value": 5.0},
        "band": "A",
        "rank": 5,
        "ranked_of": 151,
        # 20 children at 6% is a cohort of 333; England is 10% (8,500). The 99.8% limit for
        # 333 children is 10% - 3.09 x sqrt(0.1 x 0.9 / 333) = 4.9% even before widening
        # for the spread between councils: 6% is within it.
        "funnel": "within",
    }


@needs_files
def test_show_any_year_by_new_code_and_a_symbol_as_its_letter(
    with_published: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ks2 = show(with_published, capsys, "--la", "E08000009", "--measure", "KS2_RWM")
    assert (ks2["year"], ks2["la_code"], ks2["value"], ks2["rank"]) == (
        "202425",
        "E08000009",
        "c",
        None,
    )
    # 2024: Trafford 5%, by the same reading of la_cla_placement_stability.csv.
    args = ["--la", "E08000009", "--measure", "PLACEMENTS_3PLUS", "--year", "2024"]
    earlier = show(with_published, capsys, *args)
    assert (earlier["year"], earlier["value"]) == ("2024", 5.0)


@needs_files
def test_the_demonstration_authority_is_placed_by_its_own_figure(
    with_published: str, capsys: pytest.CaptureFixture[str]
) -> None:
    own = Store.open(with_published).current_observations(["CL_EET_19_21"])
    [q4] = own[(own["period"] == "2024/25 Q4") & (own["breakdown"] == "All")]["value"]
    shown = show(with_published, capsys, "--measure", "CL_EET_19_21", "--year", "2025")
    # Compared as Trafford (compare_as = "358"): the North West's 55% and Trafford's ten
    # neighbours' average 57.5% (tests/unit/test_benchmarks_published.py).
    assert (shown["la_code"], shown["value"], shown["region"], shown["sn_mean"]) == (
        None,
        q4,
        55.0,
        57.5,
    )
    assert shown["la_name"] == "Demoshire Council (demonstration data)"
    assert shown["ranked_of"] == 153  # 152 councils with a number, and us


@needs_files
def test_importing_again_replaces_and_says_what_was_kept(
    with_published: str, capsys: pytest.CaptureFixture[str]
) -> None:
    file = PUBLISHED_FOLDER / "la_cla_swcount.csv"
    assert main(["--db", with_published, "benchmarks", "import", str(file)]) == 0
    # The shipped file holds only the rows the mapping selects (DfE's has 330).
    assert "Imported la_cla_swcount.csv: 165 rows of 165 kept, for SW_3PLUS." in (
        capsys.readouterr().out
    )
    assert main(["--db", with_published, "benchmarks", "imports"]) == 0
    assert capsys.readouterr().out.count("la_cla_swcount.csv") == 1


def test_a_csv_that_is_not_from_dfe_is_refused_with_exit_1_and_nothing_written(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "budget.csv"
    other.write_text("cost centre,amount\nA100,5\n")
    assert main(["--db", db, "benchmarks", "import", str(other)]) == 1
    err = capsys.readouterr().err
    assert "Nothing was imported" in err and "not a DfE local-authority statistics file" in err
    assert main(["--db", db, "benchmarks", "imports"]) == 0
    assert "No published files imported yet." in capsys.readouterr().out


def test_a_file_lacking_a_mapped_column_is_refused_with_exit_1(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "la_cla_swcount.csv"
    file.write_text(
        "time_period,time_identifier,geographic_level,region_code,region_name,old_la_code,"
        "la_name,new_la_code,cla_group,sw_stability,number\n"
        "2024,Reporting year,National,,,,,,CLA on 31 March,"
        "3 or more social workers during the year,22140\n"
    )
    assert main(["--db", db, "benchmarks", "import", str(file)]) == 1
    assert "no column 'percentage', which measure SW_3PLUS needs" in capsys.readouterr().err


def test_unreadable_files_and_bad_arguments_exit_2(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "la_cla_swcount.csv"
    binary.write_bytes(b"\xff\xfe\x00\x01PK")
    assert main(["--db", db, "benchmarks", "import", str(binary)]) == 2
    assert main(["--db", db, "benchmarks", "import", str(tmp_path / "missing.csv")]) == 2
    assert main(["--db", db, "benchmarks", "import"]) == 2
    for bad_arguments in (["benchmarks"], ["benchmarks", "show", "--measure", "M", "--year", "x"]):
        with pytest.raises(SystemExit) as usage:  # argparse's own usage error
            main(["--db", db, *bad_arguments])
        assert usage.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_show_explains_what_it_cannot_compare_with_exit_1(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "benchmarks", "show", "--measure", "NEET_16_18"]) == 1
    assert "has no published DfE figure" in capsys.readouterr().err
    assert main(["--db", db, "benchmarks", "show", "--measure", "CL_EET_19_21"]) == 1
    assert "No published figures have been imported" in capsys.readouterr().err


@needs_files
def test_an_unknown_council_or_year_is_explained_with_exit_1(
    with_published: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", with_published, "benchmarks", "show", "--measure", "CL_EET_19_21"]
    assert main([*args, "--la", "E99999999"]) == 1
    assert "No council has the code 'E99999999'" in capsys.readouterr().err
    assert main([*args, "--year", "2030"]) == 1
    assert "years available: 2021, 2022, 2023, 2024, 2025" in capsys.readouterr().err


@needs_files
def test_show_in_words_lists_every_comparison(
    with_published: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    args = ["--la", "358", "--measure", "PLACEMENTS_3PLUS"]
    assert main(["--db", with_published, "benchmarks", "show", *args]) == 0
    out = capsys.readouterr().out
    assert "Trafford (358)" in out and "North West:" in out
    assert "Band A: among the best quarter of councils" in out
    assert "5 of 151 (1 = best)" in out
    change = next(line for line in out.splitlines() if "Change:" in line)
    assert (
        "+1" in change
        and "percentage point" in change
        and "since the year ending 31 March 2024" in change
    )
