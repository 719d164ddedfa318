"""The demonstration authority: a valid catalogue, and uploads that are repeatable and
believable enough to show a panel what the scorecard does.

Expected values here come from the brief and from arithmetic done by hand, never from
running the generator.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from scorecard import demo
from scorecard.catalogue import (
    AGE_BANDS,
    ALL,
    CARE_LEAVER_AGES,
    Catalogue,
    Frequency,
    Polarity,
    Unit,
    load_catalogue,
)
from scorecard.periods import Period
from scorecard.rag import Rag, rate
from scorecard.records import ActionStatus, CommentaryKind, Observation
from scorecard.symbols import Symbol

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE_FILE = ROOT / "data" / "catalogue.toml"
DFE_DIR = ROOT.parent / "shared" / "data" / "dfe"

LATEST = Period.quarter_of(2026, 2)  # 2026/27 Q2, July to September 2026
LATEST_FILE = "demoshire-2026-27-Q2.xlsx"
CORRECTION_FILE = "demoshire-2025-26-Q4-correction.xlsx"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(CATALOGUE_FILE)


@pytest.fixture(scope="module")
def uploads(catalogue: Catalogue) -> list[demo.DemoUpload]:
    return demo.generate(catalogue)


@pytest.fixture(scope="module")
def quarterly_uploads(uploads: list[demo.DemoUpload]) -> list[demo.DemoUpload]:
    return [u for u in uploads if u.file_name != CORRECTION_FILE]


@pytest.fixture(scope="module")
def observations(quarterly_uploads: list[demo.DemoUpload]) -> list[Observation]:
    return [o for u in quarterly_uploads for o in u.submission.observations]


def _upload(uploads: list[demo.DemoUpload], file_name: str) -> demo.DemoUpload:
    [found] = [u for u in uploads if u.file_name == file_name]
    return found


def _all_rows(observations: list[Observation]) -> dict[tuple[str, Period], Observation]:
    return {(o.measure_id, o.period): o for o in observations if o.breakdown == ALL}


# -- The same every time ----------------------------------------------------------------------


def test_two_runs_give_identical_output(catalogue: Catalogue) -> None:
    assert demo.generate(catalogue) == demo.generate(catalogue)


def test_output_does_not_depend_on_python_hash_seed() -> None:
    script = (
        "import hashlib; from scorecard import demo; "
        "from scorecard.catalogue import load_catalogue; "
        "uploads = demo.generate(load_catalogue(demo.CATALOGUE_PATH)); "
        "print(hashlib.sha256(repr(uploads).encode()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        digests.add(run.stdout.strip())
    assert len(digests) == 1


def test_generator_reads_the_catalogue_in_data() -> None:
    assert demo.CATALOGUE_PATH == CATALOGUE_FILE


# -- The catalogue ---------------------------------------------------------------------------


def test_catalogue_is_a_clearly_labelled_demonstration(catalogue: Catalogue) -> None:
    assert catalogue.authority.demonstration is True
    assert catalogue.authority.la_code is None
    assert catalogue.authority.name == "Demoshire Council (demonstration data)"


def test_catalogue_has_the_six_priorities_each_with_a_plain_title(catalogue: Catalogue) -> None:
    priorities = catalogue.ordered_priorities()
    assert [p.number for p in priorities] == [1, 2, 3, 4, 5, 6]
    assert priorities[1].short_title == "Education"
    assert priorities[5].short_title == "Health and wellbeing"
    for p in priorities:
        assert 1 <= len(p.short_title.split()) <= 3
        assert p.plain_title != p.title


def test_catalogue_has_enough_measures_for_every_priority(catalogue: Catalogue) -> None:
    assert len(catalogue.measures) >= 35
    for number in range(1, 7):
        assert len(catalogue.measures_of(number)) >= 4, f"priority {number} has few measures"


@pytest.mark.parametrize(
    ("measure_id", "unit", "polarity"),
    [
        ("CL_EET_17_18", Unit.PERCENT, Polarity.HIGHER_IS_BETTER),
        ("CL_EET_19_21", Unit.PERCENT, Polarity.HIGHER_IS_BETTER),
        ("CL_SUITABLE_19_21", Unit.PERCENT, Polarity.HIGHER_IS_BETTER),
        ("CL_INTOUCH_19_21", Unit.PERCENT, Polarity.HIGHER_IS_BETTER),
        ("REREFERRALS", Unit.PERCENT, Polarity.LOWER_IS_BETTER),
        ("CPP_SECOND", Unit.PERCENT, Polarity.LOWER_IS_BETTER),
        ("PLACEMENTS_3PLUS", Unit.PERCENT, Polarity.LOWER_IS_BETTER),
        ("NEET_16_18", Unit.PERCENT, Polarity.LOWER_IS_BETTER),
        ("CLA_RATE", Unit.RATE_PER_10K, Polarity.NONE),
        ("CLA_COUNT", Unit.COUNT, Polarity.NONE),
    ],
)
def test_fixed_measure_ids_exist(
    catalogue: Catalogue, measure_id: str, unit: Unit, polarity: Polarity
) -> None:
    measure = catalogue.measure(measure_id)
    assert (measure.unit, measure.polarity) == (unit, polarity)


def test_volume_measures_are_context_not_rated(catalogue: Catalogue) -> None:
    assert not catalogue.measure("CLA_RATE").is_rated
    assert not catalogue.measure("CLA_COUNT").is_rated
    assert catalogue.measure("CLA_COUNT").breakdowns == AGE_BANDS


def test_second_child_protection_plans_explain_the_two_definitions(catalogue: Catalogue) -> None:
    measure = catalogue.measure("CPP_SECOND")
    assert measure.name == "Child protection plans that are a second or subsequent plan"
    assert "DfE" in measure.definition
    assert "two years" in measure.definition


def test_some_rated_polarity_measures_have_no_target(catalogue: Catalogue) -> None:
    untargeted = [m for m in catalogue.measures if m.polarity is not Polarity.NONE and not m.target]
    assert untargeted, "the demo should show 'Not rated' for a measure without a target"


def test_pledge_has_numbered_plain_promises_linked_to_measures(catalogue: Catalogue) -> None:
    assert 8 <= len(catalogue.pledge) <= 10
    assert [p.number for p in catalogue.pledge] == list(range(1, len(catalogue.pledge) + 1))
    for promise in catalogue.pledge:
        assert promise.promise.startswith("We will ")
        assert promise.priorities and promise.measures


# -- The uploads -------------------------------------------------------------------------------


def test_one_upload_per_quarter_from_2022_23_q3_then_one_correction(
    uploads: list[demo.DemoUpload],
) -> None:
    assert len(demo.DEMO_QUARTERS) == 16  # two quarters of 2022/23, three full years, two more
    assert demo.DEMO_QUARTERS[0] == Period.quarter_of(2022, 3)
    assert demo.DEMO_QUARTERS[-1] == LATEST
    names = [u.file_name for u in uploads]
    assert len(names) == 17
    assert names[0] == "demoshire-2022-23-Q3.xlsx"
    assert names[5] == "demoshire-2023-24-Q4.xlsx"
    assert names[15] == LATEST_FILE
    assert names[16] == CORRECTION_FILE
    times = [u.uploaded_at for u in uploads]
    assert times == sorted(times) and len(set(times)) == len(times)
    assert all(u.user == "Demo performance officer" for u in uploads)


def test_every_quarterly_measure_is_reported_in_every_quarter_with_its_breakdowns(
    catalogue: Catalogue, quarterly_uploads: list[demo.DemoUpload]
) -> None:
    quarterly = [m for m in catalogue.measures if m.frequency is Frequency.QUARTERLY]
    for quarter, upload in zip(demo.DEMO_QUARTERS, quarterly_uploads, strict=True):
        rows = {(o.measure_id, o.breakdown) for o in upload.submission.observations}
        expected = {(m.id, b) for m in quarterly for b in m.all_breakdowns}
        assert expected <= rows, f"{upload.file_name} is missing {expected - rows}"
        periods = {o.period for o in upload.submission.observations if o.period.quarter}
        assert periods == {quarter}


@pytest.mark.parametrize(
    ("period", "file_name"),
    [
        (Period.academic_year(2021), "demoshire-2022-23-Q3.xlsx"),  # ends Aug 2022
        (Period.financial_year(2022), "demoshire-2023-24-Q1.xlsx"),  # ends Mar 2023
        (Period.financial_year(2024), "demoshire-2025-26-Q1.xlsx"),  # ends Mar 2025
        (Period.academic_year(2024), "demoshire-2025-26-Q3.xlsx"),  # ends Aug 2025
        (Period.financial_year(2025), "demoshire-2026-27-Q1.xlsx"),  # ends Mar 2026
    ],
)
def test_annual_figures_arrive_in_the_quarter_after_their_year_ends(
    uploads: list[demo.DemoUpload], period: Period, file_name: str
) -> None:
    carried = {o.period for u in uploads for o in u.submission.observations if o.period == period}
    assert carried == {period}
    upload = _upload(uploads, file_name)
    assert period in {o.period for o in upload.submission.observations}


def test_key_stage_results_are_academic_years(
    catalogue: Catalogue, observations: list[Observation]
) -> None:
    ks4 = sorted(o.period.label for o in observations if o.measure_id == "KS4_ATT8")
    assert ks4 == ["2021/22 AY", "2022/23 AY", "2023/24 AY", "2024/25 AY"]
    assert catalogue.measure("SDQ_AVG").polarity is Polarity.LOWER_IS_BETTER


def test_every_percentage_is_its_numerator_over_its_denominator(
    catalogue: Catalogue, observations: list[Observation]
) -> None:
    checked = 0
    for o in observations:
        measure = catalogue.measure(o.measure_id)
        if measure.unit is not Unit.PERCENT or o.value is None:
            continue
        assert o.numerator is not None and o.denominator is not None, o
        assert 0 <= o.numerator <= o.denominator
        half_a_step = Decimal("0.5") * Decimal(10) ** -measure.decimals
        assert abs(Decimal(repr(o.value)) - Decimal(100 * o.numerator / o.denominator)) <= (
            half_a_step
        ), o
        assert round(o.value, measure.decimals) == o.value
        checked += 1
    assert checked > 300


def test_rounding_example_worked_by_hand(observations: list[Observation]) -> None:
    # NEET in 2026/27 Q2 is 4 young people of 62: 400 / 62 = 6.4516...% which shows as 6.5%.
    [neet] = [o for o in observations if o.measure_id == "NEET_16_18" and o.period == LATEST]
    assert (neet.numerator, neet.denominator, neet.value) == (4, 62, 6.5)


def test_care_leaver_cohorts_are_small(observations: list[Observation]) -> None:
    sizes = [
        o.denominator
        for o in observations
        if o.measure_id in {"CL_EET_17_18", "CL_EET_19_21", "CL_SUITABLE_19_21"}
    ]
    assert sizes and all(sizes) and max(s for s in sizes if s) <= 60


def test_the_three_care_leaver_19_to_21_measures_count_one_group_each_quarter(
    observations: list[Observation],
) -> None:
    rows = _all_rows(observations)
    ids = ("CL_EET_19_21", "CL_SUITABLE_19_21", "CL_INTOUCH_19_21")
    for quarter in demo.DEMO_QUARTERS:
        assert len({rows[(m, quarter)].denominator for m in ids}) == 1, quarter
    # 2026/27 Q2, worked by hand from the designed levels on 47 care leavers aged 19 to 21:
    # 45% of 47 = 21.15, so 21 (44.7%); 91.5% of 47 = 43.0 (91.5%); 96.5% of 47 = 45.4, so
    # 45 (95.7%).
    latest = [(rows[(m, LATEST)].numerator, rows[(m, LATEST)].value) for m in ids]
    assert rows[("CL_EET_19_21", LATEST)].denominator == 47
    assert latest == [(21, 44.7), (43, 91.5), (45, 95.7)]


def test_measures_dfe_publishes_by_age_are_broken_down_by_age(catalogue: Catalogue) -> None:
    # DfE's Children looked after in England tables give children in care, those who came
    # into and left care, unaccompanied children and children who went missing by age.
    for measure_id in ("CLA_COUNT", "CLA_STARTS", "CLA_CEASED", "UASC_COUNT", "MISSING_CHILDREN"):
        assert catalogue.measure(measure_id).breakdowns == AGE_BANDS, measure_id
    # Care leavers' contact and pathway plans by 17 to 18 and 19 to 21.
    for measure_id in ("CL_CONTACT_6WK", "CL_PATHWAY"):
        assert catalogue.measure(measure_id).breakdowns == CARE_LEAVER_AGES, measure_id


def test_rate_is_children_in_care_per_10000_children(observations: list[Observation]) -> None:
    rows = _all_rows(observations)
    for quarter in demo.DEMO_QUARTERS:
        rate_row, count_row = rows[("CLA_RATE", quarter)], rows[("CLA_COUNT", quarter)]
        assert rate_row.numerator == count_row.value
        assert rate_row.numerator and rate_row.denominator
        exact = 10_000 * rate_row.numerator / rate_row.denominator
        assert abs((rate_row.value or 0) - exact) <= 0.05 + 1e-9
        assert 40 < exact < 100  # England was 67 per 10,000 in 2025


def test_count_breakdowns_add_up_exactly_to_all(
    catalogue: Catalogue, observations: list[Observation]
) -> None:
    totals: dict[tuple[str, Period], float] = defaultdict(float)
    for o in observations:
        if o.breakdown != ALL and catalogue.measure(o.measure_id).unit is Unit.COUNT:
            totals[(o.measure_id, o.period)] += o.value or 0
    rows = _all_rows(observations)
    assert {m for m, _ in totals} == {
        "CLA_COUNT",
        "CLA_BY_PLACEMENT",
        "CLA_STARTS",
        "CLA_CEASED",
        "UASC_COUNT",
        "MISSING_CHILDREN",
    }
    for key, total in totals.items():
        assert total == rows[key].value, key


def test_children_by_placement_add_up_to_children_in_care(observations: list[Observation]) -> None:
    rows = _all_rows(observations)
    for quarter in demo.DEMO_QUARTERS:
        assert rows[("CLA_BY_PLACEMENT", quarter)].value == rows[("CLA_COUNT", quarter)].value


def test_percentage_breakdowns_add_up_in_numerator_and_denominator(
    observations: list[Observation],
) -> None:
    parts: dict[tuple[str, Period], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for o in observations:
        if o.measure_id in {"CL_PATHWAY", "CL_CONTACT_6WK"} and o.breakdown != ALL:
            parts[(o.measure_id, o.period)][0] += o.numerator or 0
            parts[(o.measure_id, o.period)][1] += o.denominator or 0
    rows = _all_rows(observations)
    assert len(parts) == 2 * 16
    for key, (n, big_n) in parts.items():
        assert (rows[key].numerator, rows[key].denominator) == (n, big_n)


def test_neet_falls_from_22_to_5_percent_within_two_quarters(
    observations: list[Observation],
) -> None:
    rows = _all_rows(observations)
    before = rows[("NEET_16_18", Period.quarter_of(2025, 3))].value
    between = rows[("NEET_16_18", Period.quarter_of(2025, 4))].value
    after = rows[("NEET_16_18", Period.quarter_of(2026, 1))].value
    assert (before, after) == (22.0, 5.0)
    assert between is not None and 5.0 < between < 22.0


def test_no_observation_for_a_measure_missing_from_the_catalogue(
    catalogue: Catalogue, uploads: list[demo.DemoUpload]
) -> None:
    known = {m.id for m in catalogue.measures}
    used = {o.measure_id for u in uploads for o in u.submission.observations}
    assert used <= known


def test_breakdowns_used_are_ones_the_measure_declares(
    catalogue: Catalogue, uploads: list[demo.DemoUpload]
) -> None:
    for upload in uploads:
        for o in upload.submission.observations:
            assert o.breakdown in catalogue.measure(o.measure_id).all_breakdowns, o


def test_a_missing_figure_is_a_symbol_with_a_note_not_a_number(
    observations: list[Observation],
) -> None:
    missing = [o for o in observations if o.symbol is not None]
    assert missing
    for o in missing:
        assert o.value is None and o.numerator is None and o.denominator is None
        assert o.note


# -- The latest quarter ----------------------------------------------------------------------


def _latest_ratings(catalogue: Catalogue, uploads: list[demo.DemoUpload]) -> dict[str, Rag]:
    latest = _upload(uploads, LATEST_FILE).submission.observations
    return {
        o.measure_id: rate(catalogue.measure(o.measure_id), o.value)
        for o in latest
        if o.breakdown == ALL and o.period == LATEST and catalogue.measure(o.measure_id).is_rated
    }


def test_latest_quarter_has_a_realistic_mix_of_ratings(
    catalogue: Catalogue, uploads: list[demo.DemoUpload]
) -> None:
    counts = Counter(_latest_ratings(catalogue, uploads).values())
    assert counts[Rag.RED] >= 2
    assert counts[Rag.AMBER] >= 2
    assert counts[Rag.NO_DATA] >= 1
    assert counts[Rag.GREEN] > (counts[Rag.RED] + counts[Rag.AMBER])


def test_latest_quarter_health_data_not_yet_received(uploads: list[demo.DemoUpload]) -> None:
    latest = _upload(uploads, LATEST_FILE).submission.observations
    [iha] = [o for o in latest if o.measure_id == "IHA_TIMELY"]
    assert iha.symbol is Symbol.NOT_AVAILABLE
    assert iha.note == "Health data not yet received"


def test_every_red_measure_in_the_latest_quarter_is_explained(
    catalogue: Catalogue, uploads: list[demo.DemoUpload]
) -> None:
    commentary = _upload(uploads, LATEST_FILE).submission.commentary
    reds = [m for m, r in _latest_ratings(catalogue, uploads).items() if r is Rag.RED]
    assert reds
    for measure_id in reds:
        measure = catalogue.measure(measure_id)
        explained = [
            c.text.lower()
            for c in commentary
            if c.priority == measure.priority
            and c.kind is CommentaryKind.CONCERN
            and measure.name.lower() in (c.title + " " + c.text).lower()
        ]
        assert explained, f"{measure_id} is Red with no concern explaining it"
        assert any("why" in t and "what we are doing" in t for t in explained), measure_id


# -- Commentary and action plans ---------------------------------------------------------------


def test_every_priority_has_a_narrative_every_quarter(
    quarterly_uploads: list[demo.DemoUpload],
) -> None:
    for upload in quarterly_uploads:
        narratives = {
            c.priority
            for c in upload.submission.commentary
            if c.kind is CommentaryKind.NARRATIVE and len(c.text) > 100
        }
        assert narratives == {1, 2, 3, 4, 5, 6}, upload.file_name


def test_last_four_quarters_have_the_full_qualitative_panel(
    quarterly_uploads: list[demo.DemoUpload],
) -> None:
    for upload in quarterly_uploads[-4:]:
        kinds = defaultdict(set)
        for c in upload.submission.commentary:
            kinds[c.priority].add(c.kind)
        for priority in range(1, 7):
            assert kinds[priority] == set(CommentaryKind), (upload.file_name, priority)


def test_voice_of_the_child_includes_bright_spots_survey_results(
    uploads: list[demo.DemoUpload],
) -> None:
    voices = [
        c.text
        for u in uploads
        for c in u.submission.commentary
        if c.kind is CommentaryKind.VOICE_OF_THE_CHILD
    ]
    assert any("Bright Spots" in v and "%" in v for v in voices)
    assert any("83% of children said they trust their social worker" in v for v in voices)


def test_commentary_quotes_the_quarters_own_figures(uploads: list[demo.DemoUpload]) -> None:
    # 4 of 62 young people NEET in 2026/27 Q2, written as the panel would read it.
    narrative = next(
        c.text
        for c in _upload(uploads, LATEST_FILE).submission.commentary
        if c.priority == 2 and c.kind is CommentaryKind.NARRATIVE
    )
    assert "6.5% of 16 to 18 year olds (4 of 62)" in narrative


def test_no_template_placeholders_left_in_any_text(uploads: list[demo.DemoUpload]) -> None:
    for upload in uploads:
        texts = [c.title + c.text for c in upload.submission.commentary]
        texts += [a.action + a.update + a.owner for a in upload.submission.actions]
        for text in texts:
            assert "{" not in text and "}" not in text, text


def test_each_priority_has_three_or_four_actions_every_quarter(
    quarterly_uploads: list[demo.DemoUpload],
) -> None:
    for upload in quarterly_uploads:
        per_priority = Counter(a.priority for a in upload.submission.actions)
        assert set(per_priority) == {1, 2, 3, 4, 5, 6}
        assert all(3 <= n <= 4 for n in per_priority.values()), upload.file_name


def test_action_statuses_evolve_from_on_track_to_a_mixed_picture(
    quarterly_uploads: list[demo.DemoUpload],
) -> None:
    first = {a.status for a in quarterly_uploads[0].submission.actions}
    latest = Counter(a.status for a in quarterly_uploads[-1].submission.actions)
    assert first == {ActionStatus.ON_TRACK}
    assert latest[ActionStatus.COMPLETE] >= 1
    assert latest[ActionStatus.AT_RISK] >= 1
    assert latest[ActionStatus.OFF_TRACK] >= 1
    assert latest[ActionStatus.ON_TRACK] >= latest[ActionStatus.OFF_TRACK]


def test_a_completed_action_is_reported_once_then_leaves_the_plan(
    quarterly_uploads: list[demo.DemoUpload],
) -> None:
    completed_in: dict[str, int] = {}
    for index, upload in enumerate(quarterly_uploads):
        for a in upload.submission.actions:
            assert a.action not in completed_in, f"{a.action} reported after completion"
        for a in upload.submission.actions:
            if a.status is ActionStatus.COMPLETE:
                completed_in[a.action] = index
    assert len(completed_in) >= 6


def test_owners_are_job_titles_and_every_action_has_a_due_date(
    uploads: list[demo.DemoUpload],
) -> None:
    actions = [a for u in uploads for a in u.submission.actions]
    assert all(a.due is not None and a.update for a in actions)
    owners = {a.owner for a in actions}
    assert "Head of Virtual School" in owners
    assert all(o[0].isupper() and len(o.split()) >= 2 for o in owners)


# -- The correction ----------------------------------------------------------------------------


def test_correction_changes_two_earlier_values_and_says_why(
    catalogue: Catalogue, uploads: list[demo.DemoUpload]
) -> None:
    correction = _upload(uploads, CORRECTION_FILE).submission
    original = _all_rows(_upload(uploads, "demoshire-2025-26-Q4.xlsx").submission.observations)
    assert len(correction.observations) == 2
    assert not correction.commentary and not correction.actions
    for fixed in correction.observations:
        assert fixed.period == Period.quarter_of(2025, 4)
        before = original[(fixed.measure_id, fixed.period)]
        assert fixed.value != before.value
        assert fixed.denominator == before.denominator
        assert fixed.note and fixed.note.startswith("Corrected")
        assert fixed.numerator is not None and fixed.denominator
        assert abs((fixed.value or 0) - 100 * fixed.numerator / fixed.denominator) <= 0.05


# -- Benchmark mappings against the published DfE files ----------------------------------------

EXPECTED_DFE = {
    "CL_EET_19_21": (
        "la_care_leavers_activity.csv",
        {
            "care_leaver_age": "19 to 21 years",
            "breakdown": "Total in education, employment or training",
        },
        "care_leaver_percent",
    ),
    "CL_EET_17_18": (
        "la_care_leavers_activity.csv",
        {
            "care_leaver_age": "17 to 18 years",
            "breakdown": "Total in education, employment or training",
        },
        "care_leaver_percent",
    ),
    "CL_SUITABLE_19_21": (
        "la_care_leavers_accommodation_suitability.csv",
        {"care_leaver_age": "19 to 21 years", "breakdown": "Accommodation considered suitable"},
        "care_leaver_percent",
    ),
    "CL_INTOUCH_19_21": (
        "la_care_leavers_intouch.csv",
        {"age": "Aged 19 to 21", "in_touch": "Local authority in touch with care leaver"},
        "percentage",
    ),
    "PLACEMENTS_3PLUS": (
        "la_cla_placement_stability.csv",
        {
            "cla_group": "CLA on 31 March",
            "placement_stability": "With 3 or more placements during the year",
        },
        "children_percent",
    ),
    "CLA_RATE": (
        "cla_number_and_rate_per_10k_children.csv",
        {"population_type": "Children looked after on 31 March each year"},
        "rate_per_10000",
    ),
}


@pytest.mark.parametrize("measure_id", sorted(EXPECTED_DFE))
def test_dfe_mapping_is_the_one_agreed(catalogue: Catalogue, measure_id: str) -> None:
    file, filters, value_column = EXPECTED_DFE[measure_id]
    dfe = catalogue.measure(measure_id).dfe
    assert dfe is not None
    assert (dfe.file, dict(dfe.filters), dfe.value_column) == (file, filters, value_column)


def test_rereferrals_and_second_plans_map_to_the_children_in_need_files(
    catalogue: Catalogue,
) -> None:
    rereferrals, second = catalogue.measure("REREFERRALS").dfe, catalogue.measure("CPP_SECOND").dfe
    assert rereferrals and rereferrals.value_column == "rereferral_percent"
    assert second and second.value_column == "CPP_subsequent_percent"


@pytest.mark.skipif(not DFE_DIR.is_dir(), reason="published DfE files are not alongside the repo")
def test_every_dfe_mapping_selects_one_row_per_council_per_year(catalogue: Catalogue) -> None:
    for measure in catalogue.measures:
        if measure.dfe is None:
            continue
        frame = pd.read_csv(
            DFE_DIR / measure.dfe.file, encoding="utf-8-sig", dtype=str, keep_default_na=False
        )
        columns = [measure.dfe.value_column, measure.dfe.numerator_column]
        columns += [measure.dfe.denominator_column, *measure.dfe.filters]
        assert {c for c in columns if c} <= set(frame.columns), measure.id
        chosen = frame[frame["geographic_level"] == "Local authority"]
        for column, wanted in measure.dfe.filters.items():
            chosen = chosen[chosen[column] == wanted]
        assert len(chosen) > 100, f"{measure.id}: the filters match almost no councils"
        per_council_year = chosen.groupby(["time_period", "new_la_code"]).size()
        assert per_council_year.max() == 1, f"{measure.id}: the filters match several rows"


def test_generator_names_the_measure_it_has_no_trend_for(catalogue: Catalogue) -> None:
    data = catalogue.model_dump()
    extra = {**data["measures"][0], "id": "NEW_MEASURE", "dfe": None}
    changed = Catalogue.model_validate({**data, "measures": [*data["measures"], extra]})
    with pytest.raises(ValueError, match="NEW_MEASURE"):
        demo.generate(changed)
