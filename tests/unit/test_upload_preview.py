"""The preview: what committing an upload would change, before anything is saved."""

import datetime as dt
from collections import Counter

import pandas as pd

from scorecard.periods import Period
from scorecard.records import Commentary, CommentaryKind, Observation, Submission
from scorecard.storage.store import OBSERVATION_COLUMNS
from scorecard.symbols import Symbol
from scorecard.upload.measures_sheet import MeasureChange
from scorecard.upload.preview import PREVIEW_COLUMNS, Change, preview
from tests.unit.test_upload_validate import CATALOGUE

Q2, Q3 = Period.quarter_of(2024, 2), Period.quarter_of(2024, 3)


def stored(*rows):
    """Rows shaped like Store.current_observations(): (measure, period, breakdown, value,
    numerator, denominator, symbol, note)."""
    return pd.DataFrame(
        [(m, p.label, p.end, b, v, n, d, s, note, 1) for m, p, b, v, n, d, s, note in rows],
        columns=OBSERVATION_COLUMNS,
    ).astype({"value": "float64", "numerator": "float64", "denominator": "float64"})


NOTHING = stored()
STORED = stored(
    ("PEP_TIMELY", Q2, "All", 56.1, 23.0, 41.0, None, None),
    ("PEP_TIMELY", Q3, "All", 90.0, 36.0, 40.0, None, None),
    ("CLA_COUNT", Q3, "All", 250.0, None, None, None, None),
    ("CLA_COUNT", Q3, "Under 1", None, None, None, Symbol.SUPPRESSED, None),
    ("CLA_COUNT", Q3, "1-4", 30.0, None, None, None, "Two sibling groups"),
)


def upload(*observations, **kwargs):
    return Submission(observations=list(observations), **kwargs)


def test_each_figure_is_new_changed_or_unchanged():
    result = preview(
        upload(
            Observation("PEP_TIMELY", Q2, "All", 56.1, 23, 41),  # as stored
            Observation("PEP_TIMELY", Q3, "All", 92.5, 37, 40),  # 90.0 (36 / 40) stored
            Observation("CLA_COUNT", Q3, "Under 1", 4),  # c stored
            Observation("CLA_COUNT", Q3, "1-4", 30, note="Three sibling groups"),
            Observation("CLA_COUNT", Q3, "5-9", 41),  # nothing stored
        ),
        STORED,
    )
    assert (result.count(Change.NEW), result.count(Change.CHANGED)) == (1, 3)
    assert result.count(Change.UNCHANGED) == 1
    assert result.summary() == "Figures: 1 new, 3 changed, 1 unchanged."
    table = result.table(CATALOGUE)
    assert list(table.columns) == list(PREVIEW_COLUMNS)
    assert table.to_dict("records")[:2] == [
        {
            "Change": "changed",
            "Measure": "PEP_TIMELY",
            "Period": "2024/25 Q3",
            "Breakdown": "All",
            "Stored now": "90.0% (36 of 40)",
            "In this upload": "92.5% (37 of 40)",
        },
        {
            "Change": "changed",
            "Measure": "CLA_COUNT",
            "Period": "2024/25 Q3",
            "Breakdown": "Under 1",
            "Stored now": "c (suppressed to protect confidentiality)",
            "In this upload": "4",
        },
    ]
    assert table["Change"].tolist() == ["changed", "changed", "changed", "new", "unchanged"]
    note_change = table.iloc[2]
    assert note_change["Stored now"] == "30 [note: Two sibling groups]"
    assert note_change["In this upload"] == "30 [note: Three sibling groups]"


def test_against_an_empty_database_everything_is_new():
    result = preview(upload(Observation("CLA_COUNT", Q3, "All", 250)), NOTHING)
    assert result.summary() == "Figures: 1 new, 0 changed, 0 unchanged."
    assert result.changes_anything


def test_an_upload_identical_to_what_is_stored_changes_nothing():
    result = preview(upload(Observation("PEP_TIMELY", Q2, "All", 56.1, 23, 41)), STORED)
    assert not result.changes_anything


def test_command_line_lines_list_changes_before_new_figures_and_count_the_rest():
    result = preview(
        upload(
            *(Observation("CLA_COUNT", Period.quarter_of(2020 + i, 1), "All", i) for i in range(3)),
            Observation("PEP_TIMELY", Q3, "All", 92.5, 37, 40),
        ),
        STORED,
        catalogue_changes=(MeasureChange("PEP_TIMELY", "target", "95.0%", "90.0%"),),
    )
    assert result.lines(CATALOGUE, limit=2) == [
        "Figures: 3 new, 1 changed, 0 unchanged; 1 change(s) to the catalogue.",
        "  catalogue: PEP_TIMELY target: 95.0% → 90.0%",
        "  changed: PEP_TIMELY, 2024/25 Q3, All: 90.0% (36 of 40) → 92.5% (37 of 40)",
        "  new: CLA_COUNT, 2020/21 Q1, All: 0",
        "  … and 2 more new or changed figure(s)",
    ]


def test_commentary_says_what_it_replaces():
    item = Commentary(Q3, 2, CommentaryKind.NARRATIVE, "", "Text")
    result = preview(
        upload(commentary=[item, item]),
        NOTHING,
        stored_commentary=Counter({("2024/25 Q3", 2): 3}),
    )
    assert result.qualitative == [
        "2024/25 Q3, priority 2: 2 commentary item(s), replacing the 3 stored now"
    ]
    assert result.changes_anything


def test_dates_of_stored_rows_do_not_matter():
    frame = STORED.assign(period_end=[dt.date(2000, 1, 1)] * len(STORED))
    result = preview(upload(Observation("CLA_COUNT", Q3, "All", 250)), frame)
    assert result.count(Change.UNCHANGED) == 1
