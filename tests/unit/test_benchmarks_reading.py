"""Reading DfE tidy CSVs and the statistical-neighbour model, on small made-up files."""

from __future__ import annotations

import pandas as pd
import pytest

from scorecard.benchmarks import columns as col
from scorecard.benchmarks import importing
from scorecard.benchmarks.council import own_figures
from scorecard.benchmarks.reading import read_csv, split_cells
from scorecard.benchmarks.series import extract, series_key
from scorecard.benchmarks.years import parse_dfe_year
from scorecard.catalogue import DfeSource, YearType, parse_catalogue
from scorecard.errors import PeriodError, UnreadableFile
from scorecard.periods import Period
from scorecard.symbols import Symbol
from tests.conftest import SMALL_CATALOGUE

SOURCE = DfeSource(
    file="la_care_leavers_activity.csv",
    filters={"care_leaver_age": "19 to 21 years", "breakdown": "Total in EET"},
    value_column="care_leaver_percent",
    numerator_column="care_leaver_count",
)

HEADER = (
    "time_period,time_identifier,geographic_level,country_code,region_code,region_name,"
    "old_la_code,la_name,new_la_code,care_leaver_age,breakdown,care_leaver_count,"
    "care_leaver_percent"
)
ROWS = [
    "2025,Reporting year,National,E92000001,,,,,,19 to 21 years,Total in EET,20000,54",
    "2025,Reporting year,Regional,E92000001,E12000002,North West,,,,19 to 21 years,Total in EET,"
    "3000,55",
    "2025,Reporting year,Local authority,E92000001,E12000002,North West,358,Trafford,E08000009,"
    "19 to 21 years,Total in EET,140,56",
    "2025,Reporting year,Local authority,E92000001,E12000002,North West,357,Tameside,E08000008,"
    "19 to 21 years,Total in EET,c,c",
    "2025,Reporting year,Local authority,E92000001,E12000002,North West,356,Stockport,E08000007,"
    "19 to 21 years,Total in EET,3,k",
    "2025,Reporting year,Local authority,E92000001,E12000002,North West,909,Cumbria,E10000006,"
    "19 to 21 years,Total in EET,z,z",
    "2025,Reporting year,Local authority,E92000001,E12000002,North West,355,Salford,E08000006,"
    "17 to 18 years,Total in EET,50,61",
]


def csv_bytes(header: str = HEADER, rows: list[str] = ROWS, *, bom: bool = False) -> bytes:
    text = "\n".join([header, *rows]) + "\n"
    return ("\ufeff" if bom else "").encode() + text.encode()


def reordered(header: str, rows: list[str]) -> tuple[str, list[str]]:
    """The same table with its columns in reverse order."""
    return ",".join(header.split(",")[::-1]), [",".join(r.split(",")[::-1]) for r in rows]


def test_a_file_with_a_bom_and_columns_in_any_order_reads_the_same() -> None:
    plain, _ = extract(read_csv("a.csv", csv_bytes()), SOURCE, "EET")
    header, rows = reordered(HEADER, ROWS)
    shuffled, _ = extract(read_csv("a.csv", csv_bytes(header, rows, bom=True)), SOURCE, "EET")
    assert read_csv("a.csv", csv_bytes(bom=True)).header[0] == "time_period"
    pd.testing.assert_frame_equal(plain.reset_index(drop=True), shuffled.reset_index(drop=True))
    assert list(plain[col.LA_NAME]) == ["", "", "Trafford", "Tameside", "Stockport", "Cumbria"]


def test_symbols_become_statuses_never_numbers() -> None:
    rows, problems = extract(read_csv("a.csv", csv_bytes()), SOURCE, "EET")
    by_name = rows.set_index(col.LA_NAME)
    assert by_name.loc["Trafford", col.VALUE] == 56.0
    assert by_name.loc["Trafford", col.NUMERATOR] == 140.0
    for name, symbol in [
        ("Tameside", Symbol.SUPPRESSED),
        ("Stockport", Symbol.ROUNDS_TO_ZERO),
        ("Cumbria", Symbol.NOT_APPLICABLE),
    ]:
        assert pd.isna(by_name.loc[name, col.VALUE])
        assert by_name.loc[name, col.SYMBOL] is symbol
    assert problems == []


def test_every_dfe_symbol_is_read_and_other_text_is_reported() -> None:
    cells = split_cells(pd.Series(["12.5", "c", "x", "z", "k", "low", "u", " ", "n/a"]))
    assert list(cells.numbers.dropna()) == [12.5]
    assert list(cells.symbols[1:7]) == [
        Symbol.SUPPRESSED,
        Symbol.NOT_AVAILABLE,
        Symbol.NOT_APPLICABLE,
        Symbol.ROUNDS_TO_ZERO,
        Symbol.ROUNDS_TO_ZERO,
        Symbol.LOW_RELIABILITY,
    ]
    assert list(cells.unreadable) == [False] * 8 + [True]


def test_a_value_that_is_neither_number_nor_symbol_is_a_warning_with_its_row() -> None:
    rows = [*ROWS[:2], ROWS[2].replace(",56", ",fifty-six")]
    kept, problems = extract(read_csv("a.csv", csv_bytes(rows=rows)), SOURCE, "EET")
    assert len(kept) == 3 and pd.isna(kept[col.VALUE].iloc[-1])
    [problem] = problems
    assert not problem.blocking and problem.column == "care_leaver_percent"
    assert "row 4 'fifty-six'" in problem.message


def test_final_figures_are_preferred_to_revised_ones_for_the_same_council_and_year() -> None:
    header = "time_period,time_identifier,geographic_level,region_code,region_name," + (
        "old_la_code,la_name,new_la_code,social_care_group,version,pt_rwm"
    )
    base = "202425,Academic year,Local authority,E12000002,North West,358,Trafford,E08000009,CLA"
    earlier = base.replace("202425", "202324")
    rows = [f"{base},Revised,40", f"{base},Final,42", f"{earlier},Revised,38"]
    source = DfeSource(
        file="ks2_la.csv", filters={"social_care_group": "CLA"}, value_column="pt_rwm"
    )
    kept, problems = extract(read_csv("ks2_la.csv", csv_bytes(header, rows)), source, "KS2")
    assert problems == []
    assert dict(zip(kept[col.TIME_PERIOD], kept[col.VALUE], strict=True)) == {
        "202425": 42.0,
        "202324": 38.0,
    }
    assert list(kept[col.VERSION]) == ["Final", "Revised"]


def test_a_mapping_column_missing_from_the_file_is_a_blocking_problem() -> None:
    header = HEADER.replace("care_leaver_percent", "percent")
    kept, [problem] = extract(read_csv("f.csv", csv_bytes(header)), SOURCE, "CL_EET_19_21")
    assert kept.empty and problem.blocking
    assert "no column 'care_leaver_percent'" in problem.message
    assert "measure CL_EET_19_21 needs" in problem.message


def test_filters_that_select_nothing_are_a_warning_listing_the_values_found() -> None:
    source = SOURCE.model_copy(update={"filters": {"care_leaver_age": "19 to 21"}})
    kept, [problem] = extract(read_csv("f.csv", csv_bytes()), source, "EET")
    assert kept.empty and not problem.blocking
    assert "'17 to 18 years', '19 to 21 years'" in problem.message


def test_filters_that_leave_two_rows_for_a_council_and_year_are_blocking() -> None:
    source = SOURCE.model_copy(update={"filters": {"breakdown": "Total in EET"}})
    younger = ROWS[2].replace("19 to 21 years", "17 to 18 years")
    file = read_csv("f.csv", csv_bytes(rows=[*ROWS, younger]))
    _, [problem] = extract(file, source, "EET")
    # Trafford has a row for 19 to 21 and one for 17 to 18 year olds in 2025.
    assert problem.blocking and problem.row == 4
    assert "e.g. Trafford, 2025" in problem.message
    assert "Add a filter on 'care_leaver_age'" in problem.message


def test_an_unreadable_year_is_blocking() -> None:
    rows = [r.replace("Reporting year", "Calendar year") for r in ROWS]
    _, problems = extract(read_csv("f.csv", csv_bytes(rows=rows)), SOURCE, "EET")
    assert problems and problems[0].blocking and "Calendar year" in problems[0].message


def test_bytes_that_are_not_text_are_unreadable() -> None:
    with pytest.raises(UnreadableFile, match="not a CSV file in UTF-8"):
        read_csv("scorecard.xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe")
    with pytest.raises(UnreadableFile, match="empty"):
        read_csv("empty.csv", b"")


def test_series_key_changes_when_the_mapping_changes() -> None:
    other = SOURCE.model_copy(update={"value_column": "care_leaver_count"})
    assert series_key(SOURCE) == series_key(SOURCE.model_copy())
    assert series_key(SOURCE) != series_key(other)


# -- years -------------------------------------------------------------------------------


def test_a_reporting_year_is_the_financial_year_ending_that_march() -> None:
    year = parse_dfe_year("2025", "Reporting year")
    assert (year.year_type, year.period.label, year.quarter.label) == (
        YearType.FINANCIAL,
        "2024/25",
        "2024/25 Q4",
    )
    assert year.previous().time_period == "2024"


def test_an_academic_year_sits_on_the_quarter_ending_30_june() -> None:
    year = parse_dfe_year("202425", "Academic year")
    assert (year.period.label, year.quarter.label) == ("2024/25 AY", "2025/26 Q1")
    assert year.previous().time_period == "202324"
    assert parse_dfe_year("202425", "Financial year").period.label == "2024/25"


@pytest.mark.parametrize(
    ("period", "identifier"),
    [("2025", "Academic year"), ("202426", "Academic year"), ("2025", "Calendar year")],
)
def test_years_that_cannot_be_placed_are_refused(period: str, identifier: str) -> None:
    with pytest.raises(PeriodError):
        parse_dfe_year(period, identifier)


# -- our own figures for a DfE year --------------------------------------------------------


def test_our_figure_for_a_dfe_year_is_the_annual_one_else_the_last_quarter_inside_it() -> None:
    observations = pd.DataFrame(
        {
            "measure_id": ["M", "M", "M", "M"],
            "period": ["2024/25 Q4", "2023/24 Q4", "2023/24", "2025/26 Q1"],
            "breakdown": ["All"] * 4,
            "value": [52.0, 48.0, 47.5, 60.0],
            "symbol": [None] * 4,
        }
    )
    years = [parse_dfe_year("2025", "Reporting year"), parse_dfe_year("2024", "Reporting year")]
    found = own_figures(observations, "M", years)
    assert (found["2025"].period, found["2025"].value) == (Period.quarter_of(2024, 4), 52.0)
    assert (found["2024"].period, found["2024"].value) == (Period.financial_year(2023), 47.5)
    academic = own_figures(observations, "M", [parse_dfe_year("202425", "Academic year")])
    assert academic["202425"].period == Period.quarter_of(2025, 1)


# -- whole files against the catalogue ------------------------------------------------------

MODEL = (
    "\ufeffold_la_code,la_name,region_ind,region_name,"
    + ",".join(f"SN_{i},SN_{i}P" for i in range(1, 11))
    + "\n358,Trafford,5,North West,"
    + ",".join(f"{900 + i},Close " for i in range(1, 11))
    + "\n"
)


def catalogue_with(source: DfeSource):  # type: ignore[no-untyped-def]
    data = {**SMALL_CATALOGUE, "measures": [dict(SMALL_CATALOGUE["measures"][0])]}
    data["measures"][0]["dfe"] = source.model_dump()
    return parse_catalogue(data, "test")


def test_the_neighbour_model_is_read_by_its_columns_with_closeness_tidied() -> None:
    checked = importing.check(read_csv("any_name.csv", MODEL.encode()), catalogue_with(SOURCE))
    assert checked.prepared.kind is col.ImportKind.NEIGHBOURS
    model = checked.prepared.rows
    assert list(model[col.NEIGHBOUR]) == [str(900 + i) for i in range(1, 11)]
    assert set(model[col.CLOSENESS]) == {"Close"}
    assert [p.blocking for p in checked.problems] == [False]  # 901... are not in the model


def test_a_csv_that_is_not_from_dfe_is_refused_with_the_columns_it_lacks() -> None:
    checked = importing.check(read_csv("x.csv", b"name,score\nA,1\n"), catalogue_with(SOURCE))
    [problem] = checked.blocking
    assert "not a DfE local-authority statistics file" in problem.message
    assert "'time_period'" in problem.message


def test_a_dfe_file_no_measure_is_mapped_to_is_refused() -> None:
    checked = importing.check(read_csv("absence_la.csv", csv_bytes()), catalogue_with(SOURCE))
    [problem] = checked.blocking
    assert "no measure in the catalogue is mapped to 'absence_la.csv'" in problem.message


def test_only_the_rows_the_mapping_selects_are_kept() -> None:
    checked = importing.check(
        read_csv("la_care_leavers_activity.csv", csv_bytes()), catalogue_with(SOURCE)
    )
    assert checked.blocking == []
    kept = checked.prepared.rows
    assert len(kept) == 6 and checked.prepared.rows_read == 7  # the 17-18 row is left out
    assert set(kept[col.SERIES]) == {series_key(SOURCE)} and set(kept["measure_id"]) == {"PEP"}
