"""Uploads in the right order (issue 16 point 5): the template is for the latest quarter
that has ended, a quarter that has not ended is one problem rather than one per row, and
problems that stop the upload come before warnings."""

from __future__ import annotations

import datetime as dt

from scorecard.periods import parse_period
from scorecard.upload.ingest import next_quarter, template_periods
from tests.unit.test_upload_validate import upload

Q1, Q2, Q3 = (parse_period(f"2026/27 Q{n}") for n in (1, 2, 3))
DECEMBER = dt.date(2026, 12, 3)


def test_in_december_with_figures_to_september_the_template_is_for_july_to_september() -> None:
    # Today 3 December 2026 is in Q3 (October to December), which ends on 31 December.
    assert next_quarter([Q1, Q2], DECEMBER) == Q2
    assert template_periods([Q1, Q2], count=3, today=DECEMBER) == [Q2, Q1, Q1.previous()]


def test_the_next_quarter_is_offered_from_the_day_after_it_ends() -> None:
    assert next_quarter([Q1, Q2], dt.date(2026, 12, 31)) == Q2
    assert next_quarter([Q1, Q2], dt.date(2027, 1, 1)) == Q3


def test_an_officer_behind_with_figures_is_offered_the_quarter_after_the_latest() -> None:
    # Figures up to 2025/26 Q4 (January to March 2026): 2026/27 Q1 is next, and has ended.
    assert next_quarter([Q1.previous()], DECEMBER) == Q1
    assert next_quarter([], DECEMBER) == Q2


def test_a_quarter_not_ended_is_one_problem_and_real_mistakes_come_before_warnings() -> None:
    # Today 1 February 2025: 2024/25 Q4 has not ended. Rows 2 to 11 are ten figures for
    # Q4; row 12 is a Red PEP (80% against 95% less 5: a warning, no commentary); row 13 a
    # percentage of 120 (blocking); row 14 one more Q4 figure after the gap.
    q4 = "2024/25 Q4"
    rows = [["CLA_COUNT", q4, b, 10] for b in ("All", "Under 1", "1-4", "5-9", "10-15")]
    rows += [["LEAVERS_EET", q4, b, 50] for b in ("All", "17-18", "19-21")]
    rows += [["PEP_TIMELY", q4, None, 96], ["MISSING_RATE", q4, None, 20]]
    rows += [
        ["PEP_TIMELY", "2024/25 Q3", None, 80],
        ["LEAVERS_EET", "2024/25 Q3", None, 120],
        ["ATTAINMENT8", "2023/24", None, 25],
    ]
    result = upload(rows)
    messages = [(i.severity.value, i.row, i.message) for i in result.issues]
    not_ended = [m for m in messages if "has not ended yet" in m[2]]
    assert len(not_ended) == 1, messages
    severity, row, message = not_ended[0]
    assert (severity, row) == ("blocking", None)
    assert message.startswith(
        "2024/25 Q4 has not ended yet: 10 rows, 2 to 11 (it ends on 31 March 2025); "
    )
    kinds = [m[0] for m in messages]
    assert kinds == sorted(kinds)  # "blocking" < "warning": every blocker first
    assert ("blocking", 13) in [(m[0], m[1]) for m in messages]
    assert kinds[-1] == "warning"


def test_one_row_of_a_quarter_not_ended_keeps_its_row() -> None:
    result = upload([["CLA_COUNT", "2024/25 Q4", None, 250]])
    assert [i.row for i in result.issues] == [2]
