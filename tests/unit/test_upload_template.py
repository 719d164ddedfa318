"""The upload template: what the officer downloads, fills in and uploads again."""

import datetime as dt
import io
import zipfile

import openpyxl
import pandas as pd

from scorecard.catalogue import parse_catalogue
from scorecard.periods import Period
from scorecard.storage.store import OBSERVATION_COLUMNS
from scorecard.symbols import Symbol
from scorecard.upload import read_upload, validate, write_template
from scorecard.upload.issues import DATA_COLUMNS
from scorecard.upload.preview import preview

Q3 = Period.quarter_of(2024, 3)
TODAY = dt.date(2025, 2, 1)


def _measure(id_, priority, unit, polarity, **extra):
    return {
        "id": id_,
        "name": id_.replace("_", " ").title(),
        "priority": priority,
        "unit": unit,
        "polarity": polarity,
        "definition": "A fake measure for tests.",
        "why_it_matters": "Tests.",
        "source": "Tests",
        **extra,
    }


def catalogue(*measures):
    return parse_catalogue(
        {
            "authority": {"name": "Testshire", "demonstration": True},
            "priorities": [
                {"number": n, "short_title": f"P{n}", "title": f"P{n}", "plain_title": f"P{n}"}
                for n in (1, 2)
            ],
            "measures": list(measures)
            or [
                _measure("CLA_COUNT", 1, "count", "none", breakdowns=["Under 1", "1-4"]),
                _measure("PEP_TIMELY", 2, "percent", "higher_is_better", decimals=1, target=95),
                _measure("SPEND", 1, "currency", "none", frequency="annual"),
            ],
        },
        "test catalogue",
    )


def observations(*rows):
    """A frame shaped like Store.current_observations()."""
    return pd.DataFrame(
        [dict(zip(OBSERVATION_COLUMNS, row, strict=True)) for row in rows],
        columns=OBSERVATION_COLUMNS,
    )


NONE = observations()


def template(cat=None, stored=NONE, period=Q3):
    out = io.BytesIO()
    write_template(cat or catalogue(), stored, period, out)
    return out.getvalue()


def opened(content):
    return openpyxl.load_workbook(io.BytesIO(content))


def data_rows(book):
    return [row[:3] for row in book["Data"].iter_rows(min_row=2, values_only=True)]


def test_template_has_the_five_sheets_in_order():
    assert opened(template()).sheetnames == [
        "Instructions",
        "Measures",
        "Data",
        "Commentary",
        "Actions",
    ]


def test_data_sheet_has_the_exact_columns_then_reference_columns_after_a_gap():
    header = next(opened(template())["Data"].iter_rows(max_row=1, values_only=True))
    assert header == (
        *DATA_COLUMNS,
        None,
        "previous value (for reference)",
        "measure name (for reference)",
    )


def test_commentary_and_actions_sheets_have_their_columns():
    book = opened(template())
    assert next(book["Commentary"].iter_rows(values_only=True)) == (
        "period",
        "priority",
        "kind",
        "title",
        "text",
    )
    assert next(book["Actions"].iter_rows(values_only=True)) == (
        "priority",
        "action",
        "owner",
        "due",
        "status",
        "update",
        "meeting",
        "type",
    )


def test_data_sheet_is_prefilled_with_all_first_then_each_breakdown():
    # SPEND is annual: the latest financial year ended by 31 December 2024 is 2023/24.
    assert data_rows(opened(template())) == [
        ("CLA_COUNT", "2024/25 Q3", "All"),
        ("CLA_COUNT", "2024/25 Q3", "Under 1"),
        ("CLA_COUNT", "2024/25 Q3", "1-4"),
        ("PEP_TIMELY", "2024/25 Q3", "All"),
        ("SPEND", "2023/24", "All"),
    ]


def test_annual_measure_already_stored_is_not_asked_for_again():
    stored = observations(
        ("SPEND", "2023/24", dt.date(2024, 3, 31), "All", 1000.0, None, None, None, None, 1)
    )
    assert ("SPEND", "2023/24", "All") not in data_rows(opened(template(stored=stored)))


def test_previous_value_and_measure_name_are_shown_for_reference():
    stored = observations(
        ("PEP_TIMELY", "2024/25 Q2", dt.date(2024, 9, 30), "All", 56.1, 23.0, 41.0, None, None, 1),
        (
            "CLA_COUNT",
            "2024/25 Q2",
            dt.date(2024, 9, 30),
            "All",
            None,
            None,
            None,
            Symbol.SUPPRESSED,
            None,
            1,
        ),
    )
    sheet = opened(template(stored=stored))["Data"]
    by_row = {
        row[0] + "/" + row[2]: row[8:10] for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert by_row["PEP_TIMELY/All"] == ("56.1% (23 / 41) in 2024/25 Q2", "Pep Timely")
    assert by_row["CLA_COUNT/All"][0] == ("c (suppressed to protect confidentiality) in 2024/25 Q2")
    assert by_row["CLA_COUNT/Under 1"][0] == "none for 2024/25 Q2"


def test_measures_sheet_lists_the_catalogue():
    sheet = opened(template())["Measures"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "id",
        "name",
        "priority",
        "unit",
        "polarity",
        "decimals",
        "target",
        "tolerance",
        "frequency",
        "breakdowns",
        "definition",
        "why_it_matters",
        "source",
    )
    assert rows[1][:4] == ("CLA_COUNT", "Cla Count", 1, "count")
    assert rows[1][9] == "Under 1, 1-4"
    assert rows[2][6] == 95


def test_instructions_explain_symbols_percentages_and_personal_information():
    text = " ".join(
        str(v) for (v,) in opened(template())["Instructions"].iter_rows(values_only=True) if v
    )
    for symbol in ("c  suppressed", "x  not available", "z  not applicable", "k  rounds", "u  low"):
        assert symbol in text
    assert "45, 45% and 0.45 in a cell formatted as a percentage all mean 45%" in text
    assert "Never put children's or young people's names" in text
    assert "2024/25 Q3 (October to December 2024)" in text


def test_header_rows_are_frozen():
    book = opened(template())
    for name in ("Measures", "Data", "Commentary", "Actions"):
        assert book[name].freeze_panes == "A2"


def test_drop_downs_offer_the_allowed_values():
    book = opened(template())
    data = {str(v.sqref): v.formula1 for v in book["Data"].data_validations.dataValidation}
    assert data["A2:A506"] == "Measures!$A$2:$A$4"
    assert '"2024/25 Q3,2024/25 Q2,' in data["B2:B506"]
    assert data["C2:C506"] == '"All,Under 1,1-4"'
    commentary = [v.formula1 for v in book["Commentary"].data_validations.dataValidation]
    assert '"narrative,you said we did,voice of the child,achievement,concern"' in commentary
    actions = [v.formula1 for v in book["Actions"].data_validations.dataValidation]
    assert '"on track,at risk,off track,complete"' in actions
    assert '"1,2"' in actions


def test_breakdown_cells_are_text_so_excel_keeps_1_4_as_an_age_band():
    sheet = opened(template())["Data"]
    assert sheet["C3"].number_format == "@"
    assert sheet.column_dimensions["C"].number_format == "@"


def test_text_that_looks_like_a_formula_is_written_as_text():
    risky = _measure(
        "RISKY",
        1,
        "count",
        "none",
        name='=HYPERLINK("http://example.com","click")',
        definition="+44 20 7946 0000",
        why_it_matters="@SUM(1)",
        source="-2+3",
    )
    content = template(catalogue(risky))
    sheet = opened(content)["Measures"]
    name, definition = sheet["B2"], sheet["K2"]
    assert (name.value, name.data_type) == ('=HYPERLINK("http://example.com","click")', "s")
    assert (definition.value, definition.data_type) == ("+44 20 7946 0000", "s")
    assert name.quotePrefix
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(member), member


def test_template_can_be_written_to_a_path(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(catalogue(), NONE, Q3, path)
    assert openpyxl.load_workbook(path).sheetnames[2] == "Data"


def test_template_round_trips_to_one_observation():
    book = opened(template())
    book["Data"]["D2"] = 250  # CLA_COUNT, 2024/25 Q3, All; every other row left empty
    out = io.BytesIO()
    book.save(out)
    result = validate(read_upload("filled.xlsx", out.getvalue()), catalogue(), today=TODAY)
    assert result.is_valid, [str(i) for i in result.issues]
    assert result.issues == []
    (observation,) = result.submission.observations
    assert (observation.measure_id, observation.period, observation.breakdown) == (
        "CLA_COUNT",
        Q3,
        "All",
    )
    assert observation.value == 250.0
    # The reference columns and the guidance sheets are reported as not read.
    assert any("previous value (for reference)" in str(i) for i in result.ignored)
    assert any(i.sheet == "Instructions" for i in result.ignored)
    # The Measures sheet is read, and changes nothing when left as it is.
    assert result.catalogue_update is None


def test_template_round_trips_a_percentage_typed_with_a_percent_format():
    book = opened(template())
    book["Data"]["D5"] = 0.962  # PEP_TIMELY, shown as 96.2%
    book["Data"]["D5"].number_format = "0.0%"
    out = io.BytesIO()
    book.save(out)
    result = validate(read_upload("filled.xlsx", out.getvalue()), catalogue(), today=TODAY)
    assert [(o.measure_id, o.value) for o in result.submission.observations] == [
        ("PEP_TIMELY", 96.2)
    ]


# -- meetings' open actions on the Actions sheet ---------------------------------------------
def meetings_template():
    from tests.unit.test_upload_meeting_items import RECORDED

    out = io.BytesIO()
    write_template(catalogue(), NONE, Q3, out, RECORDED)
    return out.getvalue()


def test_open_actions_of_recorded_meetings_are_listed_ready_for_their_new_status():
    sheet = opened(meetings_template())["Actions"]
    rows = [row[:8] for row in sheet.iter_rows(min_row=2, max_row=4, values_only=True)]
    # The July meeting's open action first, then September's; the resolution and complete
    # actions are not listed (there is nothing to chase).
    assert rows == [
        (
            None,
            "Visit the Virtual School",
            "Clerk",
            None,
            "on track",
            None,
            dt.datetime(2026, 7, 14),
            "action",
        ),
        (
            None,
            "Circulate the annual complaints report",
            "Complaints Manager",
            dt.datetime(2026, 10, 31),
            "off track",
            "Delayed.",
            dt.datetime(2026, 9, 22),
            "action",
        ),
        (None, None, None, None, None, None, None, None),
    ]
    assert sheet["G3"].number_format == "DD/MM/YYYY"


def test_recorded_meeting_dates_and_the_types_are_offered_in_drop_downs():
    sheet = opened(meetings_template())["Actions"]
    rules = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    # Two pre-filled rows, then the 500 blank ones.
    assert rules["G2:G503"] == "$J$2:$J$3"
    assert rules["H2:H503"] == '"action,resolution"'
    assert sheet["J1"].value == "recorded meetings (for reference)"
    assert [sheet["J2"].value, sheet["J3"].value] == [
        dt.datetime(2026, 9, 22),
        dt.datetime(2026, 7, 14),
    ]


def test_without_recorded_meetings_there_is_no_meeting_list():
    sheet = opened(template())["Actions"]
    assert sheet["J1"].value is None
    assert sheet.max_row == 1


def test_instructions_explain_the_meeting_and_type_columns():
    text = " ".join(
        str(v)
        for (v,) in opened(meetings_template())["Instructions"].iter_rows(values_only=True)
        if v
    )
    assert "put the date of the meeting, as recorded on the Meetings page, in the meeting" in text
    assert "action or resolution in type (blank means action)" in text


def test_a_template_uploaded_as_it_is_leaves_the_meetings_actions_unchanged():
    from tests.unit.test_upload_meeting_items import RECORDED

    book = opened(meetings_template())
    book["Data"]["D2"] = 250
    out = io.BytesIO()
    book.save(out)
    workbook = read_upload("filled.xlsx", out.getvalue())
    result = validate(workbook, catalogue(), today=TODAY, meetings=RECORDED)
    assert result.issues == []
    assert [i.draft.text for i in result.submission.meeting_items] == [
        "Visit the Virtual School",
        "Circulate the annual complaints report",
    ]
    assert any("recorded meetings (for reference)" in str(i) for i in result.ignored)
    changes = preview(result.submission, NONE, stored_meetings=RECORDED)
    assert changes.meeting_summary() == (
        "Meeting resolutions and actions: 0 new, 0 changed, 2 unchanged."
    )


def test_the_first_line_says_demonstration_data_once() -> None:
    plain = opened(template())["Instructions"]["A1"].value
    assert plain == "Testshire (demonstration data): Corporate Parenting Scorecard"
    named = catalogue().model_copy(
        update={
            "authority": catalogue().authority.model_copy(
                update={"name": "Demoshire (demonstration data)"}
            )
        }
    )
    first = opened(template(named))["Instructions"]["A1"].value
    assert first == "Demoshire (demonstration data): Corporate Parenting Scorecard"
