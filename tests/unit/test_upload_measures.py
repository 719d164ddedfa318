"""The Measures sheet of an upload: left as the template wrote it, it changes nothing; edited,
it updates the catalogue, checked cell by cell like the Data sheet (SPEC §4)."""

import io

import openpyxl
import pandas as pd
import pytest

from scorecard.catalogue import Unit, YearType
from scorecard.storage.store import OBSERVATION_COLUMNS
from scorecard.upload import Severity, read_upload, validate, write_template
from scorecard.upload.issues import MEASURES_COLUMNS
from tests.unit.test_upload_validate import CATALOGUE, Q3, TODAY

NO_OBSERVATIONS = pd.DataFrame(columns=OBSERVATION_COLUMNS)
COLUMN = {name: index + 1 for index, name in enumerate(MEASURES_COLUMNS)}


def template_book():
    out = io.BytesIO()
    write_template(CATALOGUE, NO_OBSERVATIONS, Q3, out)
    return openpyxl.load_workbook(io.BytesIO(out.getvalue()))


def row_of(sheet, measure_id):
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == measure_id)


def edited(changes=(), *, data=(), delete_columns=(), extra_rows=()):
    """The template with Measures cells changed: ``changes`` is (id, column, new value)."""
    book = template_book()
    sheet = book["Measures"]
    for measure_id, column, value in changes:
        sheet.cell(row_of(sheet, measure_id), COLUMN[column]).value = value
    for values in extra_rows:
        sheet.append(list(values))
    for column in sorted((COLUMN[c] for c in delete_columns), reverse=True):
        sheet.delete_cols(column)
    for row in data:
        book["Data"].append(list(row))
    out = io.BytesIO()
    book.save(out)
    return validate(read_upload("q3.xlsx", out.getvalue()), CATALOGUE, today=TODAY)


def new_measure(**overrides):
    values = {
        "id": "STAB_3_MOVES",
        "name": "Children with three or more moves",
        "priority": 1,
        "unit": "percent",
        "polarity": "lower_is_better",
        "decimals": 1,
        "target": 10,
        "tolerance": 2,
        "frequency": "quarterly",
        "breakdowns": "",
        "definition": "Children in care with three or more placements in the last 12 months.",
        "why_it_matters": "Stability helps children settle at school.",
        "source": "Case management system",
    } | overrides
    return [values[c] for c in MEASURES_COLUMNS]


def test_measures_sheet_left_as_the_template_wrote_it_changes_nothing():
    result = edited(data=[["CLA_COUNT", "2024/25 Q3", None, 250]])
    assert result.is_valid, [str(i) for i in result.issues]
    assert result.catalogue_update is None
    assert result.catalogue == CATALOGUE


def test_a_new_target_updates_the_catalogue_and_is_listed_as_a_change():
    result = edited([("PEP_TIMELY", "target", 90)])
    assert result.is_valid, [str(i) for i in result.issues]
    update = result.catalogue_update
    assert [str(c) for c in update.changes] == ["PEP_TIMELY target: 95.0% → 90.0%"]
    assert [m.id for m in update.measures] == ["PEP_TIMELY"]
    assert update.catalogue.measure("PEP_TIMELY").target == 90
    assert update.catalogue.measure("CLA_COUNT") == CATALOGUE.measure("CLA_COUNT")


def test_figures_are_checked_against_the_catalogue_as_the_sheet_leaves_it():
    # 88 is Amber against 95 with tolerance 5 (7 short, beyond it: Red); against 90, Amber.
    result = edited([("PEP_TIMELY", "target", 90)], data=[["PEP_TIMELY", "2024/25 Q3", None, 88]])
    assert result.issues == []
    red = edited(data=[["PEP_TIMELY", "2024/25 Q3", None, 88]])
    assert "PEP_TIMELY is Red" in red.issues[0].message


def test_a_new_measure_can_arrive_with_its_first_figures():
    result = edited(
        extra_rows=[new_measure()],
        data=[["STAB_3_MOVES", "2024/25 Q3", None, 9.5, 19, 200]],
    )
    assert result.is_valid, [str(i) for i in result.issues]
    (change,) = result.catalogue_update.changes
    assert str(change) == (
        "new measure STAB_3_MOVES: Children with three or more moves (priority 1)"
    )
    added = result.catalogue.measure("STAB_3_MOVES")
    assert (added.unit, added.target, added.breakdowns) == (Unit.PERCENT, 10, ())
    assert [o.measure_id for o in result.submission.observations] == ["STAB_3_MOVES"]


def test_a_new_measure_needs_every_column():
    result = edited(extra_rows=[new_measure()], delete_columns=["why_it_matters", "source"])
    messages = [i.message for i in result.blocking]
    assert any("a new measure needs its why it matters" in m for m in messages)
    assert any("a new measure needs its source" in m for m in messages)
    # The existing measures keep what the catalogue says for the missing columns.
    assert all(i.row == 8 for i in result.blocking)


def test_deleting_a_row_never_deletes_a_measure():
    book = template_book()
    book["Measures"].delete_rows(row_of(book["Measures"], "SPEND"))
    out = io.BytesIO()
    book.save(out)
    result = validate(read_upload("q3.xlsx", out.getvalue()), CATALOGUE, today=TODAY)
    assert result.catalogue_update is None
    assert "SPEND" in {m.id for m in result.catalogue.measures}


def test_frequency_is_read_back_as_the_template_writes_it():
    result = edited([("CLA_COUNT", "frequency", "annual (academic year)")])
    measure = result.catalogue_update.catalogue.measure("CLA_COUNT")
    assert (measure.frequency.value, measure.year_type) == ("annual", YearType.ACADEMIC)


def test_blank_target_means_no_target():
    result = edited([("PEP_TIMELY", "target", None), ("PEP_TIMELY", "tolerance", None)])
    assert result.is_valid, [str(i) for i in result.issues]
    assert result.catalogue.measure("PEP_TIMELY").target is None
    assert "PEP_TIMELY target: 95.0% → none" in [str(c) for c in result.catalogue_update.changes]


@pytest.mark.parametrize(
    ("column", "typed", "expected"),
    [
        ("unit", "percentage", "'percentage' is not a unit; use one of count, percent,"),
        ("polarity", "up", "'up' is not a polarity; use one of higher_is_better"),
        ("decimals", 5, "'5' is not a number of decimal places; use 0, 1, 2 or 3"),
        ("target", "high", "'high' is not a number; type a number, or leave it blank"),
        ("priority", 9, "'9' is not a priority of the strategy; use one of 1, 2"),
        ("frequency", "monthly", "'monthly' is not a frequency; use quarterly, annual"),
        ("name", None, "the name is blank; fill it in"),
    ],
)
def test_each_bad_cell_is_blocking_with_its_row_column_and_value(column, typed, expected):
    result = edited([("PEP_TIMELY", column, typed)])
    (issue,) = result.issues
    assert (issue.sheet, issue.row, issue.column, issue.severity) == (
        "Measures",
        3,
        column,
        Severity.BLOCKING,
    )
    assert expected in issue.message
    assert result.catalogue_update is None
    assert result.catalogue == CATALOGUE  # the data is checked against the stored catalogue


def test_a_rule_across_cells_is_reported_on_the_measures_row():
    # CLA_COUNT is context (polarity none): it cannot have a target.
    (issue,) = edited([("CLA_COUNT", "target", 300)]).issues
    assert (issue.sheet, issue.row) == ("Measures", 2)
    assert "polarity 'none' is context and is never RAG-rated" in issue.message


def test_an_id_listed_twice_and_a_malformed_id_are_blocking():
    result = edited(extra_rows=[new_measure(), new_measure(id="bad id!")])
    (malformed,) = result.blocking
    assert (malformed.row, malformed.column, malformed.value) == (9, "id", "bad id!")
    assert "an id is capital letters, digits and _" in malformed.message
    result = edited(extra_rows=[new_measure(), new_measure()])
    (issue,) = result.blocking
    assert "rows 8 and 9 both describe STAB_3_MOVES" in issue.message


def test_problems_in_the_measures_sheet_block_the_whole_upload():
    result = edited([("PEP_TIMELY", "unit", "lots")], data=[["CLA_COUNT", "2024/25 Q3", None, 250]])
    assert not result.is_valid
    assert len(result.submission.observations) == 1  # still read, for the preview


def test_an_officers_scorecard_on_a_sheet_called_measures_is_read_as_figures():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Measures"
    sheet.append(["Measure", "2024/25 Q2", "2024/25 Q3"])
    sheet.append(["CLA_COUNT", 240, 250])
    out = io.BytesIO()
    book.save(out)
    result = validate(read_upload("q3.xlsx", out.getvalue()), CATALOGUE, today=TODAY)
    assert result.is_valid and result.catalogue_update is None
    stored = [(o.measure_id, o.period.label, o.value) for o in result.submission.observations]
    assert stored == [("CLA_COUNT", "2024/25 Q2", 240.0), ("CLA_COUNT", "2024/25 Q3", 250.0)]


def test_a_sheet_called_measures_that_is_not_the_templates_is_listed_as_not_read():
    book = template_book()
    book.remove(book["Measures"])
    own = book.create_sheet("Measures")
    own.append(["Measure", "Definition"])
    own.append(["Children in care", "Looked after at the end of the quarter"])
    book["Data"].append(["CLA_COUNT", "2024/25 Q3", None, 250])
    out = io.BytesIO()
    book.save(out)
    result = validate(read_upload("q3.xlsx", out.getvalue()), CATALOGUE, today=TODAY)
    assert result.is_valid and result.catalogue_update is None
    assert any(i.sheet == "Measures" and "no 'id' column" in i.reason for i in result.ignored)


def test_the_demonstration_catalogue_survives_its_own_template_unchanged():
    from pathlib import Path

    from scorecard.catalogue import load_catalogue

    demo = load_catalogue(Path(__file__).resolve().parents[2] / "data" / "catalogue.toml")
    out = io.BytesIO()
    write_template(demo, NO_OBSERVATIONS, Q3, out)
    result = validate(read_upload("template.xlsx", out.getvalue()), demo, today=TODAY)
    assert result.catalogue_update is None, [str(c) for c in result.catalogue_update.changes]
    assert [str(i) for i in result.blocking] == [
        "Data sheet: the upload has no figures, commentary or actions; fill in the Data sheet "
        "and upload it again"
    ]
