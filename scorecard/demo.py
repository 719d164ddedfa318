"""The demonstration authority: four years of made-up but plausible figures for Demoshire.

Everything here is deterministic: each measure's random numbers come from a generator seeded
with the CRC-32 of its id (never Python's salted ``hash()``, never today's date), so every
run, on every machine, produces the same uploads. The figures follow a designed trend for
each measure, with some noise; the latest quarter lands exactly on its designed value, so the
panel sees a realistic mix of Red, Amber and Green, and every Red has commentary saying why.

The text (commentary, voice of the child, action plans) lives in the module-level tables
below, not in the functions. No real names appear anywhere: people are job titles and young
people are quoted by age only.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from scorecard import formatting
from scorecard.catalogue import ALL, Catalogue, Frequency, Measure, Unit, YearType
from scorecard.periods import Period, quarters_between
from scorecard.rag import as_displayed
from scorecard.records import (
    ActionItem,
    ActionStatus,
    Commentary,
    CommentaryKind,
    Observation,
    Submission,
)
from scorecard.symbols import Symbol

CATALOGUE_PATH = Path(__file__).resolve().parent.parent / "data" / "catalogue.toml"
DEMO_USER = "Demo performance officer"

DEMO_QUARTERS: tuple[Period, ...] = tuple(
    quarters_between(Period.quarter_of(2022, 3), Period.quarter_of(2026, 2))
)
LATEST_QUARTER = DEMO_QUARTERS[-1]
FINANCIAL_YEARS: tuple[Period, ...] = tuple(Period.financial_year(y) for y in range(2022, 2026))
ACADEMIC_YEARS: tuple[Period, ...] = tuple(Period.academic_year(y) for y in range(2021, 2025))

CORRECTED_QUARTER = Period.quarter_of(2025, 4)
CORRECTION_FILE = "demoshire-2025-26-Q4-correction.xlsx"


@dataclass(frozen=True, kw_only=True)
class DemoUpload:
    """One generated upload, as if an officer had sent in a workbook."""

    file_name: str
    user: str = DEMO_USER
    submission: Submission
    uploaded_at: dt.datetime


# -- How each measure moves ----------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """A measure's designed path: straight lines between ``knots`` plus Gaussian ``noise``.

    A knot is (step, level); a step counts periods from the first (quarters for a quarterly
    measure, years for an annual one). The last period sits exactly on its knot. A percentage
    draws its cohort N from ``cohort`` or takes it from another measure (``cohort_from``); a
    count or rate can take its total from another measure (``total_from``).
    """

    knots: tuple[tuple[int, float], ...] = ()
    noise: float = 0.0
    cohort: tuple[int, int] | None = None
    cohort_from: str | None = None
    total_from: str | None = None

    @property
    def depends_on(self) -> str | None:
        return self.cohort_from or self.total_from


TRENDS: dict[str, Trend] = {
    # Priority 1: strong corporate parenting
    "CLA_COUNT": Trend(((0, 612), (7, 641), (11, 668), (15, 648)), noise=5),
    "CLA_RATE": Trend(total_from="CLA_COUNT"),
    "CLA_BY_PLACEMENT": Trend(total_from="CLA_COUNT"),
    "CLA_STARTS": Trend(((0, 58), (11, 72), (15, 61)), noise=6),
    "CLA_CEASED": Trend(((0, 52), (11, 63), (15, 66)), noise=6),
    "UASC_COUNT": Trend(((0, 38), (7, 52), (15, 47)), noise=2),
    "CLA_DAYS": Trend(((0, 905), (15, 982)), noise=12),
    "PANEL_ATTEND": Trend(((0, 68), (8, 79), (15, 83)), noise=4, cohort=(22, 26)),
    "CP_TRAINING": Trend(
        ((0, 58), (5, 80), (9, 92), (13, 96), (14, 70), (15, 88)), noise=2, cohort=(51, 51)
    ),
    "MEMBER_CONFIDENCE": Trend(((0, 58), (1, 64), (2, 71), (3, 74)), noise=2, cohort=(34, 42)),
    # Priority 2: education
    "PEP_TIMELY": Trend(((0, 89), (8, 94), (15, 96.5)), noise=1.2, cohort=(360, 400)),
    "PEP_QUALITY": Trend(((0, 62), (10, 72), (15, 75)), noise=3, cohort=(40, 60)),
    "KS2_RWM": Trend(((0, 30), (1, 34), (2, 36), (3, 41)), noise=3, cohort=(18, 28)),
    "KS4_ATT8": Trend(((0, 17.6), (1, 18.9), (2, 20.6), (3, 19.4)), noise=0.4),
    "KS4_ENG_MATHS": Trend(((0, 14), (1, 16.5), (2, 21), (3, 18.5)), noise=1.5, cohort=(35, 50)),
    "SUSPENSIONS": Trend(((0, 13), (15, 8.5)), noise=1, cohort=(360, 400)),
    "PERM_EXCL": Trend(((0, 0.4), (15, 0)), noise=0.5),
    "PERSIST_ABSENCE": Trend(((0, 21), (15, 17.5)), noise=1, cohort=(360, 400)),
    "NEET_16_18": Trend(
        ((0, 19), (12, 22), (13, 13), (14, 5), (15, 6.5)), noise=1.5, cohort=(45, 60)
    ),
    # Priority 3: keeping safe
    "MISSING_EPISODES": Trend(((0, 70), (11, 86), (15, 78)), noise=7),
    "MISSING_CHILDREN": Trend(((0, 28), (11, 34), (15, 31)), noise=3),
    "RHI_72H": Trend(
        ((0, 82), (8, 89), (12, 87), (13, 84), (14, 81), (15, 71)),
        noise=2.5,
        cohort_from="MISSING_EPISODES",
    ),
    "REREFERRALS": Trend(((0, 24), (15, 20.4)), noise=0.8, cohort=(800, 1000)),
    "CPP_SECOND": Trend(((0, 23), (15, 18)), noise=2, cohort=(55, 80)),
    "EXPLOIT_RISK": Trend(((0, 21), (8, 29), (15, 26)), noise=2),
    "CLA_OFFENDING": Trend(((0, 3.9), (1, 3.4), (2, 3.1), (3, 2.8)), noise=0.2, cohort=(240, 280)),
    # Priority 4: positive relationships and stable homes
    "PLACEMENTS_3PLUS": Trend(
        ((0, 11.5), (9, 9.6), (15, 10.2)), noise=0.5, cohort_from="CLA_COUNT"
    ),
    "LONG_TERM_STABILITY": Trend(((0, 64), (15, 72)), noise=1.5, cohort=(170, 190)),
    "SW_3PLUS": Trend(((0, 24), (9, 19), (12, 22), (15, 27.5)), noise=1, cohort_from="CLA_COUNT"),
    "IRO_CASELOAD": Trend(((0, 78), (5, 72), (15, 66)), noise=1.5),
    "REVIEWS_TIMELY": Trend(((0, 91), (15, 96.8)), noise=1, cohort=(220, 270)),
    "SW_VISITS_TIMELY": Trend(((0, 86), (15, 93)), noise=1.2, cohort_from="CLA_COUNT"),
    "OOA_20MILES": Trend(((0, 17), (15, 14)), noise=0.6, cohort_from="CLA_COUNT"),
    "SIBLINGS_TOGETHER": Trend(((0, 68), (15, 74)), noise=2.5, cohort=(60, 80)),
    "FOSTER_APPROVALS": Trend(((0, 2), (3, 3), (8, 6), (15, 5)), noise=1),
    # Priority 5: respected, engaged and moving into adulthood
    "CL_EET_17_18": Trend(((0, 58), (15, 66.7)), noise=3, cohort=(24, 34)),
    "CL_EET_19_21": Trend(((0, 52), (9, 56), (15, 45)), noise=2, cohort=(45, 60)),
    # One group of care leavers aged 19 to 21 each quarter: the three measures share it.
    "CL_SUITABLE_19_21": Trend(((0, 86), (15, 91.5)), noise=2, cohort_from="CL_EET_19_21"),
    "CL_INTOUCH_19_21": Trend(((0, 91), (15, 96.5)), noise=1.5, cohort_from="CL_EET_19_21"),
    "CL_CONTACT_6WK": Trend(((0, 84), (15, 92.5)), noise=1.5, cohort=(200, 240)),
    "CL_PATHWAY": Trend(((0, 88), (10, 94), (15, 92)), noise=1.2, cohort=(200, 240)),
    "STAYING_PUT": Trend(((0, 25), (15, 38)), noise=8, cohort=(6, 14)),
    "CL_APPRENTICE": Trend(((0, 3), (7, 6), (15, 9)), noise=0.8),
    "CL_UNI_APPLY": Trend(((0, 4), (1, 6), (2, 7), (3, 9))),
    "CLA_PARTICIPATION": Trend(((0, 85), (15, 93)), noise=1.5, cohort=(220, 270)),
    "ADVOCACY": Trend(((0, 38), (15, 52)), noise=4, cohort=(40, 70)),
    "COMPLAINTS": Trend(((0, 9), (8, 13), (15, 11)), noise=2),
    "COMPLAINTS_TIMELY": Trend(((0, 70), (15, 86)), noise=6, cohort_from="COMPLAINTS"),
    "CICC_ATTEND": Trend(((0, 14), (15, 26)), noise=2),
    # Priority 6: health and wellbeing
    "HEALTH_ASSESS": Trend(((0, 86), (11, 91), (15, 87.6)), noise=1.2, cohort=(470, 500)),
    "IHA_TIMELY": Trend(((0, 58), (10, 70), (15, 72)), noise=5, cohort=(35, 55)),
    "DENTAL": Trend(((0, 62), (10, 81), (13, 77), (15, 71)), noise=1.5, cohort=(470, 500)),
    "IMMUNISATIONS": Trend(((0, 86), (15, 91)), noise=1, cohort=(470, 500)),
    "SDQ_AVG": Trend(((0, 15.2), (1, 14.8), (2, 14.3), (3, 13.9)), noise=0.1),
    "SDQ_RETURNED": Trend(((0, 78), (15, 88)), noise=1.5, cohort=(330, 370)),
    "CAMHS_WAIT": Trend(((0, 45), (5, 40), (10, 27), (15, 26)), noise=2),
}

# How a total divides between breakdowns (relative weights, jittered a little each quarter).
BREAKDOWN_SHARES: dict[str, dict[str, float]] = {
    "CLA_COUNT": {"Under 1": 5, "1-4": 13, "5-9": 18, "10-15": 37, "16+": 27},
    # Roughly England's shares by age (DfE, Children looked after in England): babies are a
    # fifth of those coming into care; most who leave are 16 or over (many turning 18);
    # unaccompanied children and children who go missing are mostly teenagers.
    "CLA_STARTS": {"Under 1": 19, "1-4": 15, "5-9": 16, "10-15": 32, "16+": 18},
    "CLA_CEASED": {"Under 1": 4, "1-4": 18, "5-9": 14, "10-15": 17, "16+": 47},
    "UASC_COUNT": {"Under 1": 0, "1-4": 0, "5-9": 1, "10-15": 13, "16+": 86},
    "MISSING_CHILDREN": {"Under 1": 0, "1-4": 0, "5-9": 2, "10-15": 38, "16+": 60},
    "CLA_BY_PLACEMENT": {
        "Foster care": 68,
        "Children's homes": 14,
        "Placed with parents": 7,
        "Other": 11,
    },
    "CL_CONTACT_6WK": {"17-18": 36, "19-21": 64},
    "CL_PATHWAY": {"17-18": 36, "19-21": 64},
}

# Children aged 0 to 17 in Demoshire (mid-year estimate), by financial year, for the rate.
CHILD_POPULATION: dict[int, int] = {
    2022: 93_400,
    2023: 93_650,
    2024: 93_810,
    2025: 93_990,
    2026: 94_100,
}

# NEET among 16 to 18 year olds fell from 22% to 5% in two quarters: exact cohorts (n, N).
PINNED: dict[tuple[str, str], tuple[int, int]] = {
    ("NEET_16_18", "2025/26 Q3"): (11, 50),
    ("NEET_16_18", "2025/26 Q4"): (7, 54),
    ("NEET_16_18", "2026/27 Q1"): (3, 60),
    ("NEET_16_18", "2026/27 Q2"): (4, 62),
}

# Figures that were not available when the upload was made.
SYMBOLS: dict[tuple[str, str], tuple[Symbol, str]] = {
    ("ADVOCACY", "2022/23 Q3"): (
        Symbol.NOT_AVAILABLE,
        "The new advocacy provider started recording take-up in January 2023.",
    ),
    ("IHA_TIMELY", "2026/27 Q2"): (Symbol.NOT_AVAILABLE, "Health data not yet received"),
}

NOTES: dict[tuple[str, str], str] = {
    ("CLA_COUNT", "2024/25 Q2"): (
        "The rise includes unaccompanied children transferred to us under the National Transfer "
        "Scheme in August."
    ),
    ("REREFERRALS", "2023/24 Q1"): (
        "Mosaic upgrade in May: referrals for two days were entered late but are included."
    ),
    ("CAMHS_WAIT", "2023/24 Q4"): (
        "The provider changed its recording system in February; waits before and after are "
        "broadly comparable."
    ),
    ("CL_EET_19_21", "2026/27 Q2"): "Small cohort: each young person is about 2 percentage points.",
    ("DENTAL", "2026/27 Q2"): (
        "Dental checks recorded by the health provider up to 15 September; later checks are added "
        "next quarter."
    ),
    ("KS4_ATT8", "2024/25 AY"): "Provisional results; DfE publishes validated figures in spring.",
}

# The correction upload: (children added to the numerator, why).
CORRECTIONS: dict[str, tuple[int, str]] = {
    "HEALTH_ASSESS": (
        6,
        "Corrected: the health provider sent six review health assessments held in March after "
        "the quarter's figures were submitted.",
    ),
    "CL_SUITABLE_19_21": (
        1,
        "Corrected: one young person's supported lodgings had been recorded as unsuitable by "
        "mistake.",
    ),
}

# -- Commentary ------------------------------------------------------------------------------
# Text is formatted with the quarter's figures: {ID} is the value as shown (e.g. "96.5%"),
# {ID_n} and {ID_N} the cohort, {ID_was} last quarter's value, {ID_year} an annual period.

NARRATIVES: dict[int, str] = {
    1: (
        "At the end of {quarter_long} there were {CLA_COUNT} children in our care (last quarter "
        "{CLA_COUNT_was}), or {CLA_RATE} children aged under 18, including {UASC_COUNT} "
        "unaccompanied asylum-seeking children. {CLA_STARTS} children came into care and "
        "{CLA_CEASED} left care during the quarter. Panel members filled {PANEL_ATTEND} of their "
        "places at meetings, and {CP_TRAINING} of councillors ({CP_TRAINING_n} of "
        "{CP_TRAINING_N}) have completed corporate parenting training."
    ),
    2: (
        "{PEP_TIMELY} of school-age children in care had an up-to-date Personal Education Plan "
        "({PEP_TIMELY_n} of {PEP_TIMELY_N}), and {PEP_QUALITY} of the plans audited were good or "
        "better. {PERSIST_ABSENCE} of pupils in care were persistently absent and {SUSPENSIONS} "
        "had at least one suspension. {NEET_16_18} of 16 to 18 year olds ({NEET_16_18_n} of "
        "{NEET_16_18_N}) were not in education, employment or training (last quarter "
        "{NEET_16_18_was})."
    ),
    3: (
        "There were {MISSING_EPISODES} missing episodes involving {MISSING_CHILDREN} children in "
        "care. {RHI_72H} of episodes were followed by a return home interview within 72 hours "
        "(last quarter {RHI_72H_was}). {REREFERRALS} of referrals to children's social care were "
        "re-referrals within a year, and {CPP_SECOND} of new child protection plans were a second "
        "or subsequent plan. {EXPLOIT_RISK} children in care were assessed as at risk of "
        "exploitation."
    ),
    4: (
        "{PLACEMENTS_3PLUS} of children in care had three or more placements in the last 12 "
        "months (last quarter {PLACEMENTS_3PLUS_was}), and {LONG_TERM_STABILITY} of children in "
        "long-term care had lived with the same carer for two years. {SW_3PLUS} had three or more "
        "social workers in the year (last quarter {SW_3PLUS_was}). Independent Reviewing Officers "
        "had an average of {IRO_CASELOAD} children each, and {REVIEWS_TIMELY} of reviews were "
        "held on time."
    ),
    5: (
        "{CL_EET_19_21} of care leavers aged 19 to 21 ({CL_EET_19_21_n} of {CL_EET_19_21_N}) and "
        "{CL_EET_17_18} of those aged 17 to 18 were in education, employment or training. "
        "{CL_SUITABLE_19_21} of 19 to 21 year olds lived in suitable accommodation and we were in "
        "touch with {CL_INTOUCH_19_21}. {CL_PATHWAY} of care leavers had an up-to-date pathway "
        "plan, and {CL_APPRENTICE} were in apprenticeships. {CLA_PARTICIPATION} of children took "
        "part in their review."
    ),
    6: (
        "{HEALTH_ASSESS} of children in care for a year or more had an up-to-date health "
        "assessment ({HEALTH_ASSESS_n} of {HEALTH_ASSESS_N}), {DENTAL} had a dental check and "
        "{IMMUNISATIONS} were up to date with immunisations. Initial health assessments within 20 "
        "working days: {IHA_TIMELY}. The average wait for a first CAMHS appointment was "
        "{CAMHS_WAIT}."
    ),
}

# Added to a priority's narrative in the upload that carries an annual measure.
ANNUAL_NEWS: dict[str, tuple[int, str]] = {
    "KS4_ATT8": (
        2,
        "Results for {KS4_ATT8_year}: {KS2_RWM} of Year 6 pupils in care ({KS2_RWM_n} of "
        "{KS2_RWM_N}) reached the expected standard in reading, writing and maths. At GCSE the "
        "average Attainment 8 score was {KS4_ATT8}, and {KS4_ENG_MATHS} ({KS4_ENG_MATHS_n} of "
        "{KS4_ENG_MATHS_N}) gained grade 4 or above in English and maths. {CL_UNI_APPLY} young "
        "people applied to university.",
    ),
    "MEMBER_CONFIDENCE": (
        1,
        "The members' survey for {MEMBER_CONFIDENCE_year} found {MEMBER_CONFIDENCE} of "
        "councillors who replied ({MEMBER_CONFIDENCE_n} of {MEMBER_CONFIDENCE_N}) confident in "
        "their role as corporate parents.",
    ),
    "CLA_OFFENDING": (
        3,
        "In {CLA_OFFENDING_year}, {CLA_OFFENDING} of children in care aged 10 to 17 "
        "({CLA_OFFENDING_n} of {CLA_OFFENDING_N}) were convicted or cautioned.",
    ),
    "SDQ_AVG": (
        6,
        "The average SDQ score for {SDQ_AVG_year} was {SDQ_AVG} (lower is better; 14 to 16 is "
        "borderline).",
    ),
}

# One-off context added to a priority's narrative in a given quarter.
CONTEXT: dict[tuple[int, str], str] = {
    (1, "2022/23 Q3"): "This is the first quarter reported in the scorecard format the panel "
    "agreed in September 2022.",
    (1, "2024/25 Q2"): "The number rose over the summer as unaccompanied children were "
    "transferred to us under the National Transfer Scheme.",
    (1, "2026/27 Q1"): "New councillors were elected in May 2026; corporate parenting training "
    "is part of their induction, which explains the fall in the training figure.",
    (2, "2025/26 Q3"): "A post-16 transition worker started in December to work with every "
    "young person who is not in education, employment or training.",
    (2, "2026/27 Q1"): "NEET is now lower than at any point since this scorecard began.",
    (3, "2024/25 Q3"): "The multi-agency exploitation hub went live in November.",
    (4, "2023/24 Q2"): "The 'Foster for Demoshire' recruitment campaign launched in July.",
    (4, "2025/26 Q4"): "Two long-term teams lost experienced social workers to neighbouring "
    "councils this quarter.",
    (5, "2023/24 Q3"): "The care leavers' Local Offer was refreshed with young people.",
    (6, "2023/24 Q4"): "A single point of access for CAMHS referrals started in February.",
    (6, "2025/26 Q2"): "Two NHS dental practices in the north of the county closed their lists "
    "to new patients in August.",
}

# The full qualitative panel for the last four quarters: (kind, title, text) per priority.
_YSWD = CommentaryKind.YOU_SAID_WE_DID
_VOICE = CommentaryKind.VOICE_OF_THE_CHILD
_WIN = CommentaryKind.ACHIEVEMENT

RECENT: dict[str, dict[int, tuple[tuple[CommentaryKind, str, str], ...]]] = {
    "2025/26 Q3": {
        1: (
            (
                _YSWD,
                "Plain-English panel papers",
                "You said: panel papers were too long and full of jargon. We did: the Children in "
                "Care Council helped rewrite the scorecard summary, and every measure now says "
                "why it matters.",
            ),
            (
                _VOICE,
                "Children in Care Council",
                "'When the councillors came to our group they actually listened and wrote things "
                "down.' (member of the Children in Care Council, 15)",
            ),
            (
                _WIN,
                "Directorate reports",
                "Housing, Leisure and Finance each reported to the panel on what they offer "
                "children in care and care leavers.",
            ),
        ),
        2: (
            (
                _YSWD,
                "PEP meetings",
                "You said: PEP meetings are held in lessons you like. We did: schools now book "
                "PEPs outside favourite subjects, and you choose whether to stay for all of the "
                "meeting.",
            ),
            (
                _VOICE,
                "PEPs",
                "'My PEP actually helped this time - they asked what I wanted to do after "
                "school.' (Year 10 pupil)",
            ),
            (
                _WIN,
                "University",
                "Two care leavers started university this autumn, both with the council's bursary "
                "and year-round housing.",
            ),
        ),
        3: (
            (
                _YSWD,
                "Return home interviews",
                "You said: being asked the same questions by the police and then by a social "
                "worker feels like being told off. We did: return home interviews are now done by "
                "a youth worker you choose.",
            ),
            (
                _VOICE,
                "After going missing",
                "'The youth worker didn't judge me, she just asked if I was OK and if I'd eaten.' "
                "(young person, 14)",
            ),
            (
                _WIN,
                "Exploitation hub",
                "Every child in care assessed as at risk of exploitation has a named lead "
                "professional and a safety plan agreed with the police.",
            ),
        ),
        4: (
            (
                _YSWD,
                "Changing social worker",
                "You said: you get a new social worker without being told. We did: no change of "
                "social worker now happens without a handover visit where the old and new worker "
                "meet you together.",
            ),
            (
                _VOICE,
                "Same social worker",
                "'I've had the same social worker for two years. She knows me.' (young person, 14)",
            ),
            (
                _WIN,
                "Foster carers",
                "{FOSTER_APPROVALS} new fostering households were approved this quarter through "
                "'Foster for Demoshire'.",
            ),
        ),
        5: (
            (
                _YSWD,
                "Setting up home",
                "You said: the setting-up-home allowance does not cover a bed, a fridge and a "
                "cooker. We did: the allowance rose to £3,000 from October.",
            ),
            (
                _VOICE,
                "Personal advisers",
                "'My PA texts me back the same day. That matters when your gas has run out.' "
                "(care leaver, 20)",
            ),
            (
                _WIN,
                "Personal advisers at 17",
                "Every young person in care now meets their personal adviser before their 18th "
                "birthday, not after it.",
            ),
        ),
        6: (
            (
                _YSWD,
                "Health assessments",
                "You said: health assessments feel like a medical in a clinic. We did: review "
                "health assessments can now happen at home or at school, with the nurse you "
                "already know.",
            ),
            (
                _VOICE,
                "Health assessment",
                "'The nurse came to my house and we talked about sleep, not just my height and "
                "weight.' (young person, 12)",
            ),
            (
                _WIN,
                "Immunisations",
                "{IMMUNISATIONS} of children in care are up to date with their immunisations.",
            ),
        ),
    },
    "2025/26 Q4": {
        1: (
            (
                _YSWD,
                "Meeting councillors",
                "You said: councillors should meet young people, not just read about them. We "
                "did: two takeover sessions where members of the Children in Care Council chaired "
                "part of the panel meeting.",
            ),
            (
                _VOICE,
                "Bright Spots survey",
                "Bright Spots 'Your Life, Your Care' survey (January, 212 replies): 88% of 11 to "
                "18 year olds feel settled where they live; 71% said adults explain why decisions "
                "about them are made.",
            ),
            (
                _WIN,
                "Every meeting",
                "Every panel meeting this year had an item led by young people.",
            ),
        ),
        2: (
            (
                _YSWD,
                "Revision help",
                "You said: you wanted help with revision. We did: online tutoring for every Year "
                "11 pupil in care from February half-term.",
            ),
            (
                _VOICE,
                "Bright Spots survey",
                "Bright Spots survey: 86% of 8 to 11 year olds said they like school; one in five "
                "secondary-age young people said they had been bullied at school in the last "
                "year.",
            ),
            (
                _WIN,
                "NEET falling",
                "NEET among 16 to 18 year olds fell from {NEET_16_18_was} to {NEET_16_18} in one "
                "quarter after the post-16 transition worker started.",
            ),
        ),
        3: (
            (
                _YSWD,
                "Late buses",
                "You said: you didn't feel safe on the late bus from the town centre. We did: we "
                "shared the routes with the Community Safety Partnership, and transport police "
                "patrols were added on Friday and Saturday evenings.",
            ),
            (
                _VOICE,
                "Bright Spots survey",
                "Bright Spots survey: 91% of 4 to 7 year olds and 84% of 8 to 18 year olds said "
                "they always or mostly feel safe where they live.",
            ),
            (
                _WIN,
                "Re-referrals",
                "{REREFERRALS} of referrals were re-referrals within a year (target no more than "
                "22%).",
            ),
        ),
        4: (
            (
                _YSWD,
                "Brothers and sisters",
                "You said: it is hard to see your brothers and sisters when you live apart. We "
                "did: a family time fund now pays for travel and activities, and contact is "
                "checked at every review.",
            ),
            (
                _VOICE,
                "Bright Spots survey",
                "Bright Spots survey: 83% of children said they trust their social worker; one in "
                "four 11 to 18 year olds said they had had three or more social workers in the "
                "last year.",
            ),
            (
                _WIN,
                "Handover visits",
                "Every change of social worker this quarter began with a handover visit to the "
                "child.",
            ),
        ),
        5: (
            (
                _YSWD,
                "Local Offer",
                "You said: you don't know what you are entitled to. We did: the Local Offer was "
                "rewritten with care leavers on one page, with QR codes for the details.",
            ),
            (
                _VOICE,
                "Bright Spots survey",
                "Bright Spots 'Your Life Beyond Care' survey: 76% of care leavers feel safe at "
                "home all or most of the time; one in four said they often feel lonely.",
            ),
            (
                _WIN,
                "No bed and breakfast",
                "No care leaver was placed in bed and breakfast this quarter.",
            ),
        ),
        6: (
            (
                _YSWD,
                "Health records",
                "You said: you didn't know you could see your own health records. We did: care "
                "leavers will get a health passport at 18 with their health history, "
                "immunisations and GP details.",
            ),
            (
                _VOICE,
                "Bright Spots survey",
                "Bright Spots survey: 79% of 11 to 18 year olds had good wellbeing scores; 15% "
                "had low life satisfaction, more than their friends who are not in care.",
            ),
            (
                _WIN,
                "SDQ questionnaires",
                "Carers completed SDQ questionnaires for {SDQ_RETURNED} of eligible children.",
            ),
        ),
    },
    "2026/27 Q1": {
        1: (
            (
                _YSWD,
                "What the council offers",
                "You said: you want to know what every part of the council does for care leavers. "
                "We did: each directorate's corporate parenting champion now reports to the panel "
                "once a year.",
            ),
            (
                _VOICE,
                "Takeover day",
                "'I want my corporate parents to be as pushy as a real parent would be.' (young "
                "person, 16, takeover day)",
            ),
            (
                _WIN,
                "New councillors",
                "The induction for newly elected councillors included a session run by "
                "care-experienced young people.",
            ),
        ),
        2: (
            (
                _YSWD,
                "Travel to college",
                "You said: college courses started before your bus pass arrived. We did: travel "
                "passes are now issued at enrolment, before term starts.",
            ),
            (
                _VOICE,
                "College",
                "'College is the first place I've felt like I'm not the kid in care.' (young "
                "person, 17)",
            ),
            (
                _WIN,
                "NEET",
                "NEET among 16 to 18 year olds is {NEET_16_18} ({NEET_16_18_n} of "
                "{NEET_16_18_N}), down from {NEET_16_18_was} last quarter.",
            ),
        ),
        3: (
            (
                _YSWD,
                "Online safety",
                "You said: you wanted to learn about online safety from people your own age. We "
                "did: care-experienced peer mentors ran online-safety sessions in four children's "
                "homes.",
            ),
            (
                _VOICE,
                "Peer mentors",
                "'I liked that it was someone who'd been in care telling us, not a teacher.' "
                "(young person at an online-safety session)",
            ),
            (
                _WIN,
                "Second plans",
                "{CPP_SECOND} of new child protection plans were a second plan, after the "
                "step-down panel started checking every plan before it ends.",
            ),
        ),
        4: (
            (
                _YSWD,
                "Reviews",
                "You said: reviews feel like a meeting about you, not with you. We did: you can "
                "now chair your own review with help from your IRO; 19 young people did so this "
                "quarter.",
            ),
            (
                _VOICE,
                "Chairing my review",
                "'I chaired my review. It was scary but I got to say what I wanted first.' (young "
                "person, 15)",
            ),
            (
                _WIN,
                "Mockingbird",
                "The Mockingbird family model started, with one hub home supporting eight foster "
                "families.",
            ),
        ),
        5: (
            (
                _YSWD,
                "Somewhere to go",
                "You said: you want somewhere to go that isn't an office. We did: the care "
                "leavers' hub opened at the central library on Tuesdays and Thursdays.",
            ),
            (
                _VOICE,
                "The hub",
                "'The hub is the first place I've been where I don't have to explain myself.' "
                "(care leaver, 19)",
            ),
            (
                _WIN,
                "Staying put",
                "{STAYING_PUT} of young people who turned 18 in foster care this quarter "
                "({STAYING_PUT_n} of {STAYING_PUT_N}) stayed with their carers.",
            ),
        ),
        6: (
            (
                _YSWD,
                "Waiting for help",
                "You said: it takes too long to get help with how you're feeling. We did: "
                "children in care now have priority slots at CAMHS.",
            ),
            (
                _VOICE,
                "Getting help",
                "'I didn't have to wait months to talk to someone.' (young person, 15)",
            ),
            (
                _WIN,
                "CAMHS waits",
                "The average wait for a first CAMHS appointment was {CAMHS_WAIT}, down from about "
                "45 days in 2023.",
            ),
        ),
    },
    "2026/27 Q2": {
        1: (
            (
                _YSWD,
                "Leisure passes",
                "You said: free leisure passes ran out at 18. We did: the leisure pass now runs "
                "to 25 for care leavers, agreed by Cabinet in July.",
            ),
            (
                _VOICE,
                "Interview panel",
                "Young people on the interview panel for the new Director of Children's Services "
                "asked every candidate what they would do for children in care in their first 100 "
                "days.",
            ),
            (
                _WIN,
                "Council tax",
                "Council tax exemption for care leavers now runs to 25, including those living "
                "outside Demoshire.",
            ),
        ),
        2: (
            (
                _YSWD,
                "Pupil Premium Plus",
                "You said: you didn't know about the Pupil Premium Plus. We did: a young people's "
                "guide to how the money is spent, written with the Children in Care Council.",
            ),
            (
                _VOICE,
                "Tutoring",
                "'The tutor was the best thing - she didn't give up on me.' (young person, 16, "
                "who started college in September)",
            ),
            (
                _WIN,
                "Post-16 places",
                "Every Year 11 pupil in care who left school this summer had a confirmed post-16 "
                "place for September.",
            ),
        ),
        3: (
            (
                _YSWD,
                "Out of hours",
                "You said: you want to know who to call out of hours. We did: every child in care "
                "aged 11 and over has a card with the out-of-hours number and their social "
                "worker's work mobile.",
            ),
            (
                _VOICE,
                "Not giving up",
                "'When I went missing they didn't give up on me.' (young person, 15)",
            ),
            (
                _WIN,
                "Police protocol",
                "Police and children's social care agreed a joint protocol for children missing "
                "from placements outside Demoshire.",
            ),
        ),
        4: (
            (
                _YSWD,
                "Old foster carers",
                "You said: you want to keep in touch with foster carers after you move. We did: "
                "'staying connected' is now part of every plan when a placement ends.",
            ),
            (
                _VOICE,
                "Changes of social worker",
                "'Every time I get used to someone they leave.' (young person, 13)",
            ),
            (
                _WIN,
                "IRO caseloads",
                "Independent Reviewing Officers have an average of {IRO_CASELOAD} children each, "
                "within the 50 to 70 range in the IRO Handbook.",
            ),
        ),
        5: (
            (
                _YSWD,
                "Council jobs",
                "You said: you can't get council jobs without experience. We did: care leavers "
                "now get a guaranteed interview for any council job they meet the essential "
                "criteria for.",
            ),
            (
                _VOICE,
                "Out of work",
                "'I've been out of work since my contract ended in June and I'm scared about "
                "money.' (care leaver, 20, speaking to the panel)",
            ),
            (
                _WIN,
                "Apprenticeships",
                "{CL_APPRENTICE} care leavers are in apprenticeships, several of them in the "
                "council's ring-fenced scheme.",
            ),
        ),
        6: (
            (
                _YSWD,
                "Dentists",
                "You said: you can't find a dentist. We did: we have asked the integrated care "
                "board for NHS dental appointments set aside for children in care (see concerns).",
            ),
            (
                _VOICE,
                "Toothache",
                "'I've had toothache since the summer and they keep saying there's no dentist.' "
                "(young person, 14)",
            ),
            (
                _WIN,
                "Health passports",
                "Every young person who turned 18 this quarter was given a health passport.",
            ),
        ),
    },
}

# Concerns for the last four quarters, by measure (the title is the measure's name). Every
# measure rated Red in the latest quarter must be here, saying why and what is being done.
CONCERNS: dict[str, dict[str, str]] = {
    "2025/26 Q3": {
        "CLA_COUNT": "The number of children in care has risen over two years, mostly older "
        "teenagers and unaccompanied children. Local placements have not kept pace, so more "
        "teenagers live outside Demoshire.",
        "NEET_16_18": "{NEET_16_18} of 16 to 18 year olds ({NEET_16_18_n} of {NEET_16_18_N}) "
        "were not in education, employment or training, well above our 10% target. Most had left "
        "Year 12 courses in the first half-term.",
        "MISSING_EPISODES": "A small number of young people account for about a third of the "
        "{MISSING_EPISODES} missing episodes; each has a multi-agency safety plan.",
        "PLACEMENTS_3PLUS": "{PLACEMENTS_3PLUS} of children had three or more placements in "
        "the last year, above our 9% target. Most moves were teenagers in emergency placements.",
        "CL_PATHWAY": "{CL_PATHWAY} of care leavers have an up-to-date pathway plan, below the "
        "95% target, after staff sickness in the 19 to 21 team.",
        "IHA_TIMELY": "Only {IHA_TIMELY} of initial health assessments were held within 20 "
        "working days. Delays are in getting consent and in paediatric clinic capacity.",
    },
    "2025/26 Q4": {
        "UASC_COUNT": "We look after {UASC_COUNT} unaccompanied asylum-seeking children. Most "
        "are 16 or 17 and will soon be care leavers, which will add to personal advisers' "
        "caseloads.",
        "PERSIST_ABSENCE": "{PERSIST_ABSENCE} of pupils in care were persistently absent. "
        "Absence is highest in Years 9 to 11 and for pupils placed outside Demoshire.",
        "RHI_72H": "{RHI_72H} of return home interviews were held within 72 hours, below the "
        "90% target, as more episodes involved young people placed outside Demoshire.",
        "SW_3PLUS": "{SW_3PLUS} of children had three or more social workers in the year "
        "(last quarter {SW_3PLUS_was}) as turnover rose in the long-term teams.",
        "CL_EET_19_21": "{CL_EET_19_21} of care leavers aged 19 to 21 were in education, "
        "employment or training, below the 55% target.",
        "DENTAL": "Dental checks fell to {DENTAL} after two NHS practices closed their lists "
        "to new patients.",
    },
    "2026/27 Q1": {
        "CP_TRAINING": "After the May elections only {CP_TRAINING} of councillors "
        "({CP_TRAINING_n} of {CP_TRAINING_N}) have completed corporate parenting training. "
        "Sessions for new members are booked for June and July.",
        "PEP_QUALITY": "Only {PEP_QUALITY} of PEPs audited were good or better. Targets in "
        "secondary school PEPs are often too general to check.",
        "RHI_72H": "{RHI_72H} of return home interviews were held within 72 hours. The Safe "
        "Return team has two youth-worker vacancies.",
        "SW_3PLUS": "{SW_3PLUS} of children had three or more social workers in the year. "
        "Five social workers left the long-term teams in the spring.",
        "CL_EET_19_21": "{CL_EET_19_21} of care leavers aged 19 to 21 ({CL_EET_19_21_n} of "
        "{CL_EET_19_21_N}) were in education, employment or training, below the 55% target since "
        "last summer.",
        "DENTAL": "Only {DENTAL} of children in care had a dental check in the last year. We "
        "have raised this with the integrated care board.",
    },
    "2026/27 Q2": {
        "CP_TRAINING": "{CP_TRAINING} of councillors ({CP_TRAINING_n} of {CP_TRAINING_N}) "
        "have now completed training, just below the 90% target. The Lead Member has offered a "
        "one-to-one session to each of the others.",
        "PERSIST_ABSENCE": "{PERSIST_ABSENCE} of pupils in care are persistently absent, "
        "above the 15% target. An attendance panel with schools in neighbouring councils meets "
        "from October.",
        "PEP_QUALITY": "{PEP_QUALITY} of PEPs audited were good or better, against an 80% "
        "target. Training for designated teachers on writing targets with pupils is booked for "
        "October.",
        "RHI_72H": "Only {RHI_72H} of return home interviews ({RHI_72H_n} of {RHI_72H_N} "
        "episodes) were held within 72 hours, against a 90% target. Why: the Safe Return team had "
        "two youth-worker vacancies for most of the summer, and more episodes involved young "
        "people placed outside Demoshire, where interviews take longer to arrange. What we are "
        "doing: two agency youth workers started in September; we are commissioning return home "
        "interviews from neighbouring councils for children placed there; and the team manager "
        "reviews every late interview each week.",
        "SW_3PLUS": "{SW_3PLUS} of children in care ({SW_3PLUS_n} of {SW_3PLUS_N}) had three "
        "or more social workers in the last 12 months, against a target of no more than 20%. Why: "
        "seven social workers left the long-term teams this year, mostly for better pay nearby, "
        "and agency cover has meant more changes for children. What we are doing: a retention "
        "payment and a new recruitment campaign were agreed in September, the newly qualified "
        "social worker academy takes its second cohort in October, and no change of worker "
        "happens without a handover visit.",
        "PLACEMENTS_3PLUS": "{PLACEMENTS_3PLUS} of children had three or more placements in "
        "the last year, above the 9% target. The sufficiency plan was refreshed in September.",
        "CL_EET_19_21": "Only {CL_EET_19_21} of care leavers aged 19 to 21 ({CL_EET_19_21_n} "
        "of {CL_EET_19_21_N}) were in education, employment or training, against a 55% target. "
        "Why: several short-term contracts in retail and hospitality ended over the summer, and "
        "fewer young people in this group started college courses. What we are doing: every young "
        "person who is NEET has an individual plan with the employment coordinator, a "
        "January-start college course has been agreed, and twelve local employers have signed the "
        "care leavers' employment pledge.",
        "CL_PATHWAY": "{CL_PATHWAY} of care leavers have an up-to-date pathway plan, below the "
        "95% target. Overdue plans will be reviewed by the end of October.",
        "DENTAL": "Only {DENTAL} of children in care for a year or more ({DENTAL_n} of "
        "{DENTAL_N}) had a dental check in the last year, against an 85% target. Why: two NHS "
        "practices in the north of the county closed their lists, and others are not taking new "
        "child patients. What we are doing: the Designated Nurse has asked the integrated care "
        "board for appointments set aside for children in care (answer due in November); foster "
        "carers have a list of practices still taking children; and nurses check for dental pain "
        "at every health assessment.",
        "HEALTH_ASSESS": "{HEALTH_ASSESS} of children had an up-to-date health assessment, "
        "below the 90% target, because of vacancies in the children in care nursing team.",
        "IHA_TIMELY": "Figures for initial health assessments for July to September have not "
        "yet been received from the health provider. They will be added with the next upload.",
    },
}


# -- Action plans ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedAction:
    """An action-plan line and how its status moves over the quarters.

    ``start`` is the index in DEMO_QUARTERS of its first report; it is reported complete in
    quarter ``done_at`` and then leaves the plan. From ``at_risk_at`` it is at risk, and from
    ``off_track_at`` off track. ``progress`` updates are spread over the quarters it runs.
    """

    priority: int
    action: str
    owner: str
    due: dt.date
    start: int
    progress: tuple[str, ...]
    done_at: int | None = None
    done: str = ""
    at_risk_at: int | None = None
    off_track_at: int | None = None
    problem: str = ""


ACTIONS: tuple[PlannedAction, ...] = (
    # Priority 1
    PlannedAction(
        1,
        "Every council directorate names a corporate parenting champion and reports its offer to "
        "the panel each year",
        "Director of Children's Services",
        dt.date(2027, 3, 31),
        0,
        (
            "Champions named in four of seven directorates.",
            "All directorates have a champion; first annual reports scheduled.",
            "Housing, Leisure and Finance have reported to the panel; the rest are scheduled.",
            "Every directorate has reported once; the second round is under way.",
        ),
    ),
    PlannedAction(
        1,
        "Agree a new Corporate Parenting Strategy with young people",
        "Head of Service, Children in Care",
        dt.date(2024, 6, 30),
        0,
        (
            "Consultation with the Children in Care Council and care leavers' forum under way.",
            "Draft strategy written around young people's priorities; partners consulted.",
        ),
        done_at=6,
        done="Strategy adopted by Cabinet in June, with a foreword written by the "
        "Children in Care Council.",
    ),
    PlannedAction(
        1,
        "Extend the council tax exemption and free leisure passes for care leavers to 25",
        "Head of Revenues and Benefits",
        dt.date(2026, 9, 30),
        7,
        (
            "Costed options prepared for Cabinet.",
            "Council tax exemption to 25 agreed in the budget; leisure pass to follow.",
            "Leisure provider agreed terms; Cabinet report drafted.",
        ),
        done_at=15,
        done="Both in place from September, including care leavers living outside Demoshire.",
    ),
    PlannedAction(
        1,
        "Publish a plain-English version of the scorecard after every panel meeting",
        "Performance and Intelligence Manager",
        dt.date(2023, 12, 31),
        0,
        ("Children in Care Council reviewing the draft layout.",),
        done_at=4,
        done="Published after every panel meeting since November.",
    ),
    PlannedAction(
        1,
        "Deliver corporate parenting training to all councillors and senior managers",
        "Member Development Officer",
        dt.date(2025, 6, 30),
        5,
        (
            "Module agreed with care-experienced trainers; first sessions held.",
            "Sessions held for every political group; e-learning version live.",
        ),
        done_at=10,
        done="Training delivered; completion is now tracked in the scorecard.",
    ),
    PlannedAction(
        1,
        "Induct newly elected councillors as corporate parents after the May 2026 elections",
        "Member Development Officer",
        dt.date(2026, 9, 30),
        11,
        (
            "Induction programme drafted with the Children in Care Council.",
            "Session dates booked for May to July.",
            "Induction under way; new members observed the June panel.",
        ),
        at_risk_at=15,
        problem="Six new councillors still to complete the training; the Lead "
        "Member has offered each a one-to-one session.",
    ),
    PlannedAction(
        1,
        "Involve young people in recruiting senior staff",
        "Head of Human Resources",
        dt.date(2027, 3, 31),
        12,
        (
            "Young people trained as interview panel members.",
            "Young people sat on the panel for the Director of Children's Services.",
        ),
    ),
    # Priority 2
    PlannedAction(
        2,
        "Improve the quality of Personal Education Plans",
        "Head of Virtual School",
        dt.date(2027, 3, 31),
        0,
        (
            "New ePEP template launched with specific, measurable targets.",
            "Termly audits started; feedback sent to every designated teacher.",
            "Training for designated teachers on writing targets with pupils.",
            "Audit grades rising, but secondary PEP targets are still too general.",
        ),
        at_risk_at=13,
        problem="Audits still below the 80% target; extra training for "
        "secondary designated teachers booked for October.",
    ),
    PlannedAction(
        2,
        "Commission online tutoring for pupils in care in Years 10 and 11",
        "Head of Virtual School",
        dt.date(2024, 6, 30),
        0,
        (
            "Provider chosen; pilot with Year 11 pupils.",
            "Tutoring offered to every Year 10 and 11 pupil in care.",
        ),
        done_at=6,
        done="Tutoring is now part of every key stage 4 PEP, funded from Pupil Premium Plus.",
    ),
    PlannedAction(
        2,
        "Reduce persistent absence with daily attendance monitoring",
        "Virtual School Attendance Lead",
        dt.date(2026, 12, 31),
        7,
        (
            "Daily attendance service commissioned for every pupil in care, including out of area.",
            "Social workers alerted the same day a pupil is absent without a reason.",
            "Attendance meetings held for every pupil below 90% attendance.",
        ),
    ),
    PlannedAction(
        2,
        "Appoint a post-16 adviser in the Virtual School",
        "Head of Virtual School",
        dt.date(2023, 12, 31),
        0,
        ("Post agreed and advertised.",),
        done_at=4,
        done="Post-16 adviser in post since November.",
    ),
    PlannedAction(
        2,
        "Make sure every Year 11 pupil in care has a confirmed post-16 place by June",
        "Virtual School Post-16 Adviser",
        dt.date(2025, 6, 30),
        5,
        (
            "College and sixth-form applications tracked for every Year 11 pupil.",
            "Taster days arranged with the college for undecided pupils.",
        ),
        done_at=10,
        done="Every Year 11 leaver in 2025 had a confirmed place by the end of June.",
    ),
    PlannedAction(
        2,
        "Bring NEET among 16 to 18 year olds below 10%",
        "Post-16 Transition Worker",
        dt.date(2026, 9, 30),
        11,
        (
            "Tracking list of every young person who is NEET, reviewed fortnightly.",
            "Transition worker in post; every young person who is NEET has an offer.",
            "January-start courses and traineeships filled.",
        ),
        done_at=15,
        done="Target met for two quarters running; tracking is now part of the "
        "Virtual School's normal work.",
    ),
    PlannedAction(
        2,
        "Review with young people how Pupil Premium Plus is spent",
        "Head of Virtual School",
        dt.date(2026, 12, 31),
        12,
        (
            "Survey of young people on what helped them most.",
            "Young people's guide to Pupil Premium Plus written with the Children in Care Council.",
        ),
    ),
    # Priority 3
    PlannedAction(
        3,
        "Run a multi-agency exploitation hub with police, health and schools",
        "Head of Safeguarding and Exploitation",
        dt.date(2027, 3, 31),
        0,
        (
            "Business case agreed by the Safeguarding Partnership.",
            "Police analyst and health worker recruited.",
            "Hub live; every child at risk is discussed weekly.",
            "Every child in care at risk of exploitation has a named lead and a safety plan.",
        ),
    ),
    PlannedAction(
        3,
        "Bring return home interviews in house in a dedicated Safe Return team",
        "Head of Early Help",
        dt.date(2024, 6, 30),
        0,
        (
            "Options appraisal done; staff consultation under way.",
            "Youth workers recruited; the team starts in April.",
        ),
        done_at=6,
        done="Safe Return team fully staffed; young people choose who interviews them.",
    ),
    PlannedAction(
        3,
        "Hold at least 90% of return home interviews within 72 hours",
        "Safe Return Team Manager",
        dt.date(2026, 12, 31),
        7,
        (
            "Weekly tracker of every episode and interview.",
            "Weekend interviews piloted.",
            "Agency cover arranged while two posts are recruited.",
        ),
        at_risk_at=13,
        off_track_at=15,
        problem="Off track: two youth-worker vacancies over "
        "the summer. Agency workers started in September and the team manager reviews every late "
        "interview weekly.",
    ),
    PlannedAction(
        3,
        "Agree a protocol with the police for children missing from care",
        "Head of Safeguarding and Exploitation",
        dt.date(2023, 12, 31),
        0,
        ("Draft protocol shared with the police and children's homes.",),
        done_at=4,
        done="Protocol signed by the police and every children's home in Demoshire.",
    ),
    PlannedAction(
        3,
        "Learn from every second child protection plan why the first plan ended",
        "Head of Safeguarding and Quality Assurance",
        dt.date(2025, 6, 30),
        5,
        (
            "Audit of 30 repeat plans completed.",
            "Step-down panel set up to check every plan before it ends.",
        ),
        done_at=10,
        done="Learning shared with every team; the step-down panel is now standard practice.",
    ),
    PlannedAction(
        3,
        "Peer mentors run online-safety sessions in every children's home",
        "Participation Manager",
        dt.date(2026, 12, 31),
        11,
        (
            "Peer mentors recruited and trained.",
            "Sessions held in four children's homes.",
            "Sessions offered to foster carers' support groups.",
        ),
    ),
    PlannedAction(
        3,
        "Commission return home interviews for children placed outside Demoshire",
        "Head of Commissioning",
        dt.date(2026, 9, 30),
        12,
        (
            "Neighbouring councils approached.",
            "Terms agreed with two of three neighbouring councils.",
        ),
        at_risk_at=15,
        problem="At risk: contracts signed with two of the three neighbouring "
        "councils; the third is expected in November.",
    ),
    # Priority 4
    PlannedAction(
        4,
        "Recruit more local foster carers through 'Foster for Demoshire'",
        "Head of Fostering",
        dt.date(2027, 3, 31),
        0,
        (
            "Campaign planned with current foster carers.",
            "Campaign launched in July; enquiries up.",
            "Mockingbird hub and satellite families being recruited.",
            "Recruitment now focused on carers for teenagers and for brothers and sisters.",
        ),
    ),
    PlannedAction(
        4,
        "Hold a handover visit whenever a child's social worker changes",
        "Head of Service, Children in Care",
        dt.date(2024, 6, 30),
        0,
        (
            "Practice standard drafted with the Children in Care Council.",
            "Handover visits recorded in Mosaic from January.",
        ),
        done_at=6,
        done="Handover visits happen for every change of worker and are checked in monthly audits.",
    ),
    PlannedAction(
        4,
        "Reduce social worker turnover in the children in care teams",
        "Principal Social Worker",
        dt.date(2026, 12, 31),
        7,
        (
            "Market supplement and a caseload cap of 18 agreed.",
            "Newly qualified social worker academy took its first cohort.",
            "Exit interviews show pay and travel as the main reasons for leaving.",
        ),
        at_risk_at=13,
        off_track_at=14,
        problem="Off track: seven social workers left the "
        "long-term teams this year. A retention payment and recruitment campaign were agreed in "
        "September.",
    ),
    PlannedAction(
        4,
        "Fill two vacant Independent Reviewing Officer posts",
        "Head of Safeguarding and Quality Assurance",
        dt.date(2023, 12, 31),
        0,
        ("Posts advertised twice; an interim agency IRO is in place.",),
        done_at=4,
        done="Both posts filled; caseloads are starting to come down.",
    ),
    PlannedAction(
        4,
        "Check contact with brothers and sisters at every review",
        "IRO Service Manager",
        dt.date(2025, 6, 30),
        5,
        (
            "Review template changed to ask about contact with brothers and sisters.",
            "Family time fund launched for travel and activities.",
        ),
        done_at=10,
        done="Contact with brothers and sisters is now checked and recorded at every review.",
    ),
    PlannedAction(
        4,
        "Reduce the number of children who move three or more times in a year",
        "Head of Placements and Sufficiency",
        dt.date(2027, 3, 31),
        11,
        (
            "Stability meetings held for every child at risk of a move.",
            "Therapeutic support for foster carers looking after teenagers.",
            "Mockingbird hub carers offer support when a placement is under strain.",
        ),
        at_risk_at=14,
        problem="At risk: still above the 9% target; most moves are teenagers "
        "in emergency placements. The sufficiency plan was refreshed in September.",
    ),
    PlannedAction(
        4,
        "Open a new two-bed council children's home in Demoshire",
        "Head of Placements and Sufficiency",
        dt.date(2026, 12, 31),
        12,
        (
            "Building bought; planning permission granted.",
            "Registered manager appointed; registration submitted to Ofsted.",
        ),
    ),
    # Priority 5
    PlannedAction(
        5,
        "Keep the care leavers' Local Offer up to date with young people",
        "Head of Leaving Care",
        dt.date(2027, 3, 31),
        0,
        (
            "Care leavers' forum reviewing the offer.",
            "Offer refreshed with young people and published.",
            "One-page version with QR codes launched.",
            "Setting-up-home allowance raised to £3,000.",
        ),
    ),
    PlannedAction(
        5,
        "Set up ring-fenced council apprenticeships for care leavers",
        "Head of Human Resources",
        dt.date(2024, 6, 30),
        0,
        (
            "Apprenticeship roles identified across the council.",
            "First five care leavers started council apprenticeships.",
        ),
        done_at=6,
        done="Ten ring-fenced apprenticeships a year, now part of the council's workforce plan.",
    ),
    PlannedAction(
        5,
        "Open a care leavers' hub in the town centre",
        "Head of Leaving Care",
        dt.date(2026, 6, 30),
        7,
        (
            "Site options explored with care leavers.",
            "Space at the central library agreed; partners signed up.",
            "Fit-out under way; young people chose the name and design.",
        ),
        done_at=14,
        done="Hub open on Tuesdays and Thursdays with a personal adviser, a "
        "housing officer and a careers adviser.",
    ),
    PlannedAction(
        5,
        "Agree a housing protocol for care leavers with the Housing service",
        "Head of Housing Options",
        dt.date(2023, 12, 31),
        0,
        ("Draft protocol agreed by both services.",),
        done_at=4,
        done="Protocol signed: no care leaver is placed in bed and breakfast, and "
        "care leavers get priority on the housing register.",
    ),
    PlannedAction(
        5,
        "Personal advisers contact every care leaver at least every six weeks",
        "Leaving Care Team Manager",
        dt.date(2025, 6, 30),
        5,
        (
            "Contact tracker added to Mosaic.",
            "Caseloads rebalanced after two personal advisers joined.",
        ),
        done_at=10,
        done="Six-weekly contact is now the standard and is checked monthly.",
    ),
    PlannedAction(
        5,
        "Increase the number of care leavers aged 19 to 21 in education, employment or training",
        "Leaving Care Employment Coordinator",
        dt.date(2027, 3, 31),
        11,
        (
            "Employment coordinator appointed.",
            "Work-ready course started with the college.",
            "Employers' pledge launched with local businesses.",
        ),
        at_risk_at=13,
        off_track_at=15,
        problem="Off track: summer contracts ended and fewer "
        "young people started college. Every young person who is NEET has an individual plan, and "
        "a January-start course is agreed.",
    ),
    PlannedAction(
        5,
        "Review every pathway plan with the young person at least every six months",
        "Leaving Care Team Manager",
        dt.date(2026, 12, 31),
        12,
        (
            "Pathway plan rewritten in plain English with care leavers.",
            "Overdue plans listed weekly for team managers.",
        ),
        at_risk_at=15,
        problem="At risk: below the 95% target after staff sickness in the 19 "
        "to 21 team; overdue plans will be reviewed by the end of October.",
    ),
    # Priority 6
    PlannedAction(
        6,
        "Improve access to NHS dentists for children in care",
        "Designated Nurse for Children in Care",
        dt.date(2027, 3, 31),
        0,
        (
            "Dental practices willing to see children in care mapped.",
            "Foster carers given a list of practices taking children in care.",
            "Dental check reminders added to health assessment letters.",
            "Raised with the integrated care board after two practices closed their lists.",
        ),
        at_risk_at=13,
        off_track_at=15,
        problem="Off track: dental checks are below 80%. The "
        "integrated care board has been asked for appointments set aside for children in care; "
        "answer due in November.",
    ),
    PlannedAction(
        6,
        "Agree a health assessment pathway with the health provider",
        "Designated Nurse for Children in Care",
        dt.date(2024, 6, 30),
        0,
        (
            "Pathway mapped with the provider and GP practices.",
            "Consent now taken on the day a child comes into care.",
        ),
        done_at=6,
        done="New pathway live; review assessments can happen at home or school.",
    ),
    PlannedAction(
        6,
        "Hold initial health assessments within 20 working days",
        "Designated Doctor for Children in Care",
        dt.date(2026, 12, 31),
        7,
        (
            "Extra paediatric clinics added.",
            "Paperwork sent to health the day a child comes into care.",
            "Weekly tracker reviewed jointly with the health provider.",
        ),
        at_risk_at=11,
        problem="At risk: still below the 85% target; July to September "
        "figures not yet received from the health provider.",
    ),
    PlannedAction(
        6,
        "Set up an emotional wellbeing service for children in care",
        "Head of Children's Commissioning",
        dt.date(2023, 12, 31),
        0,
        ("Service designed with CAMHS and young people.",),
        done_at=4,
        done="Emotional wellbeing practitioners in post.",
    ),
    PlannedAction(
        6,
        "Single point of access for CAMHS referrals, with priority for children in care",
        "CAMHS Service Manager",
        dt.date(2025, 6, 30),
        5,
        (
            "Single point of access started in February; waits monitored monthly.",
            "Priority slots for children in care agreed.",
        ),
        done_at=10,
        done="Waits for a first appointment have fallen by more than a third.",
    ),
    PlannedAction(
        6,
        "Give every care leaver a health passport at 18",
        "Children in Care Nurse Specialist",
        dt.date(2026, 9, 30),
        11,
        ("Passport designed with care leavers.", "Passports given at 18th-birthday reviews."),
        done_at=15,
        done="Every care leaver now gets a health passport at 18; copies are kept "
        "for those who lose theirs.",
    ),
    PlannedAction(
        6,
        "Increase the number of SDQ questionnaires completed by carers",
        "Children in Care Nurse Specialist",
        dt.date(2027, 3, 31),
        12,
        (
            "SDQ reminders sent with review invitations.",
            "Results discussed at every health assessment.",
        ),
    ),
)


# -- Generating the uploads ------------------------------------------------------------------


def generate(catalogue: Catalogue) -> list[DemoUpload]:
    """One upload per quarter of DEMO_QUARTERS, in order, then one correction upload."""
    _check_covered(catalogue)
    per_quarter = _observations(catalogue)
    uploads = [
        _quarter_upload(catalogue, index, per_quarter) for index in range(len(DEMO_QUARTERS))
    ]
    uploads.append(_correction_upload(catalogue, per_quarter[CORRECTED_QUARTER]))
    return uploads


def upload_file_name(quarter: Period) -> str:
    """``demoshire-2023-24-Q1.xlsx`` for 2023/24 Q1."""
    years = quarter.year_label.replace("/", "-")
    return f"demoshire-{years}-Q{quarter.quarter}.xlsx"


def upload_quarter(period: Period) -> Period:
    """The quarter whose upload carries ``period``: an annual figure arrives the quarter
    after its year ends."""
    return Period.containing(period.end).next() if period.quarter is None else period


def _check_covered(catalogue: Catalogue) -> None:
    missing = [m.id for m in catalogue.measures if m.id not in TRENDS]
    if missing:
        raise ValueError(f"The demonstration data has no trend for: {', '.join(missing)}")


def _quarter_upload(
    catalogue: Catalogue, index: int, per_quarter: Mapping[Period, list[Observation]]
) -> DemoUpload:
    quarter = DEMO_QUARTERS[index]
    observations = per_quarter[quarter]
    earlier = per_quarter.get(quarter.previous(), [])
    figures = _figures(catalogue, quarter, observations, earlier)
    submission = Submission(
        observations=observations,
        commentary=_commentary(catalogue, quarter, figures, observations),
        actions=_actions(quarter, index),
    )
    return DemoUpload(
        file_name=upload_file_name(quarter),
        submission=submission,
        uploaded_at=_uploaded_at(quarter.end, days_later=24),
    )


def _uploaded_at(day: dt.date, days_later: int) -> dt.datetime:
    when = day + dt.timedelta(days=days_later)
    return dt.datetime(when.year, when.month, when.day, 10, 30, tzinfo=dt.UTC)


# -- Observations -----------------------------------------------------------------------------


def _observations(catalogue: Catalogue) -> dict[Period, list[Observation]]:
    """Every observation, grouped by the quarter whose upload carries it, in catalogue order."""
    series: dict[str, list[list[Observation]]] = {}
    totals: dict[str, dict[Period, Observation]] = {}
    for measure in _dependencies_first(catalogue.measures):
        steps = _measure_series(measure, totals.get(TRENDS[measure.id].depends_on or "", {}))
        series[measure.id] = steps
        totals[measure.id] = {step[0].period: step[0] for step in steps}
    grouped: dict[Period, list[Observation]] = {quarter: [] for quarter in DEMO_QUARTERS}
    for measure in catalogue.measures:
        for step in series[measure.id]:
            grouped[upload_quarter(step[0].period)].extend(step)
    return grouped


def _dependencies_first(measures: Sequence[Measure]) -> list[Measure]:
    return sorted(measures, key=lambda m: TRENDS[m.id].depends_on is not None)


def _periods_of(measure: Measure) -> tuple[Period, ...]:
    if measure.frequency is Frequency.QUARTERLY:
        return DEMO_QUARTERS
    return ACADEMIC_YEARS if measure.year_type is YearType.ACADEMIC else FINANCIAL_YEARS


def _measure_series(
    measure: Measure, linked: Mapping[Period, Observation]
) -> list[list[Observation]]:
    """The observations (All first, then breakdowns) for each period of the measure."""
    trend = TRENDS[measure.id]
    rng = random.Random(zlib.crc32(measure.id.encode("utf-8")))
    periods = _periods_of(measure)
    steps = []
    for step, period in enumerate(periods):
        level = _interpolate(trend.knots, step)
        wobble = rng.gauss(0.0, trend.noise) if trend.noise else 0.0
        if step < len(periods) - 1:  # the latest period lands exactly on its design
            level += wobble
        observed = _observe(measure, trend, period, level, rng, linked.get(period))
        steps.append(_adjusted(measure, observed))
    return steps


def _interpolate(knots: Sequence[tuple[int, float]], step: int) -> float:
    if not knots:
        return 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(knots):
        if x0 <= step <= x1:
            return y0 + (y1 - y0) * (step - x0) / (x1 - x0)
    return knots[-1][1] if step > knots[-1][0] else knots[0][1]


def _observe(
    measure: Measure,
    trend: Trend,
    period: Period,
    level: float,
    rng: random.Random,
    linked: Observation | None,
) -> list[Observation]:
    if measure.unit is Unit.PERCENT:
        return _percentages(measure, trend, period, level, rng, linked)
    if measure.unit is Unit.RATE_PER_10K:
        return [_rate(measure, period, _linked_value(measure, linked))]
    if measure.unit is Unit.COUNT:
        total = _linked_value(measure, linked) if trend.total_from else max(0, _whole(level))
        return _counts(measure, period, total, rng)
    return [Observation(measure.id, period, value=_shown(level, measure.decimals))]


def _linked_value(measure: Measure, linked: Observation | None) -> int:
    """The other measure's total, or for a percentage its cohort (denominator)."""
    if linked is not None and linked.denominator is not None:
        return int(linked.denominator)
    if linked is None or linked.value is None:
        raise ValueError(f"{measure.id} needs a figure from another measure for the same period")
    return int(linked.value)


def _percentages(
    measure: Measure,
    trend: Trend,
    period: Period,
    level: float,
    rng: random.Random,
    linked: Observation | None,
) -> list[Observation]:
    cohort = _linked_value(measure, linked) if trend.cohort_from else _draw_cohort(trend, rng)
    if not measure.breakdowns:
        return [_percentage(measure, period, ALL, _achieved(level, cohort), cohort)]
    sizes = _split(cohort, _shares(measure), rng)
    parts = [
        _percentage(measure, period, name, _achieved(level + rng.gauss(0, trend.noise), size), size)
        for name, size in zip(measure.breakdowns, sizes, strict=True)
    ]
    numerator = sum(int(p.numerator or 0) for p in parts)
    return [_percentage(measure, period, ALL, numerator, cohort), *parts]


def _draw_cohort(trend: Trend, rng: random.Random) -> int:
    low, high = trend.cohort or (100, 100)
    return rng.randint(low, high)


def _achieved(level: float, cohort: int) -> int:
    """How many of ``cohort`` children make ``level`` per cent, kept within 0..cohort."""
    return min(cohort, max(0, _whole(level * cohort / 100)))


def _percentage(
    measure: Measure, period: Period, breakdown: str, numerator: int, denominator: int
) -> Observation:
    if denominator == 0:
        return Observation(
            measure.id, period, breakdown, symbol=Symbol.NOT_APPLICABLE, note="No one in the group"
        )
    value = _shown(100 * numerator / denominator, measure.decimals)
    return Observation(
        measure.id,
        period,
        breakdown,
        value=value,
        numerator=float(numerator),
        denominator=float(denominator),
    )


def _rate(measure: Measure, period: Period, children: int) -> Observation:
    population = CHILD_POPULATION[period.start_year]
    return Observation(
        measure.id,
        period,
        value=_shown(10_000 * children / population, measure.decimals),
        numerator=float(children),
        denominator=float(population),
    )


def _counts(measure: Measure, period: Period, total: int, rng: random.Random) -> list[Observation]:
    rows = [Observation(measure.id, period, value=float(total))]
    if measure.breakdowns:
        sizes = _split(total, _shares(measure), rng)
        rows += [
            Observation(measure.id, period, name, value=float(size))
            for name, size in zip(measure.breakdowns, sizes, strict=True)
        ]
    return rows


def _shares(measure: Measure) -> list[float]:
    shares = BREAKDOWN_SHARES[measure.id]
    return [shares[name] for name in measure.breakdowns]


def _split(total: int, weights: Sequence[float], rng: random.Random) -> list[int]:
    """Divide ``total`` in proportion to jittered ``weights``; the parts add up exactly."""
    jittered = [w * rng.uniform(0.9, 1.1) for w in weights]
    exact = [total * w / sum(jittered) for w in jittered]
    parts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _adjusted(measure: Measure, observed: list[Observation]) -> list[Observation]:
    """Apply the pinned cohorts, missing figures and notes for this measure and period."""
    key = (measure.id, observed[0].period.label)
    if key in PINNED:
        numerator, denominator = PINNED[key]
        observed = [_percentage(measure, observed[0].period, ALL, numerator, denominator)]
    if key in SYMBOLS:
        symbol, note = SYMBOLS[key]
        return [Observation(measure.id, observed[0].period, symbol=symbol, note=note)]
    if key in NOTES:
        observed = [observed[0]._replace(note=NOTES[key]), *observed[1:]]
    return observed


def _whole(x: float) -> int:
    return int(as_displayed(x, 0))


def _shown(x: float, decimals: int) -> float:
    """Rounded as the scorecard shows it (half up), so RAG and display agree."""
    return float(as_displayed(x, decimals))


# -- The correction ---------------------------------------------------------------------------


def _correction_upload(catalogue: Catalogue, quarter_rows: Sequence[Observation]) -> DemoUpload:
    corrected = [
        _corrected(catalogue.measure(obs.measure_id), obs)
        for obs in quarter_rows
        if obs.measure_id in CORRECTIONS and obs.breakdown == ALL
    ]
    return DemoUpload(
        file_name=CORRECTION_FILE,
        submission=Submission(observations=corrected),
        uploaded_at=_uploaded_at(LATEST_QUARTER.end, days_later=40),
    )


def _corrected(measure: Measure, original: Observation) -> Observation:
    added, why = CORRECTIONS[measure.id]
    if original.numerator is None or original.denominator is None:
        raise ValueError(f"{measure.id} has no n / N to correct")
    numerator = min(int(original.denominator), int(original.numerator) + added)
    fixed = _percentage(measure, original.period, ALL, numerator, int(original.denominator))
    return fixed._replace(note=why)


# -- Commentary ----------------------------------------------------------------------------------


def _figures(
    catalogue: Catalogue,
    quarter: Period,
    observations: Sequence[Observation],
    earlier: Sequence[Observation],
) -> dict[str, str]:
    """Words for every figure in the upload, for the commentary templates."""
    figures = {"quarter": quarter.label, "quarter_long": quarter.long_label}
    before = {o.measure_id: o for o in earlier if o.breakdown == ALL}
    for obs in observations:
        if obs.breakdown != ALL:
            continue
        measure = catalogue.measure(obs.measure_id)
        figures[measure.id] = _words(measure, obs)
        figures[f"{measure.id}_was"] = _was(measure, before.get(measure.id))
        figures[f"{measure.id}_n"] = _cohort_number(obs.numerator)
        figures[f"{measure.id}_N"] = _cohort_number(obs.denominator)
        figures[f"{measure.id}_year"] = obs.period.long_label
    return figures


def _words(measure: Measure, obs: Observation) -> str:
    if obs.value is None:
        reason = obs.note or (obs.symbol.meaning if obs.symbol else "no figure")
        return f"not available ({reason[:1].lower()}{reason[1:].rstrip('.')})"
    return formatting.with_unit(measure.unit, formatting.number(obs.value, measure.decimals))


def _was(measure: Measure, obs: Observation | None) -> str:
    return "no earlier figure" if obs is None else _words(measure, obs)


def _cohort_number(value: float | None) -> str:
    return "?" if value is None else formatting.number(value, 0)


def _commentary(
    catalogue: Catalogue,
    quarter: Period,
    figures: Mapping[str, str],
    observations: Sequence[Observation],
) -> list[Commentary]:
    items = []
    annual = {o.measure_id for o in observations if o.period.quarter is None}
    for priority in catalogue.ordered_priorities():
        text = _narrative(priority.number, quarter, annual).format_map(figures)
        items.append(
            Commentary(quarter, priority.number, CommentaryKind.NARRATIVE, _title(quarter), text)
        )
        items += _recent(catalogue, quarter, priority.number, figures)
    return items


def _title(quarter: Period) -> str:
    return f"The quarter in numbers: {quarter.long_label}"


def _narrative(priority: int, quarter: Period, annual: set[str]) -> str:
    parts = [NARRATIVES[priority]]
    parts += [text for mid, (p, text) in ANNUAL_NEWS.items() if p == priority and mid in annual]
    if (priority, quarter.label) in CONTEXT:
        parts.append(CONTEXT[(priority, quarter.label)])
    return " ".join(parts)


def _recent(
    catalogue: Catalogue, quarter: Period, priority: int, figures: Mapping[str, str]
) -> list[Commentary]:
    entries = RECENT.get(quarter.label, {}).get(priority, ())
    items = [
        Commentary(quarter, priority, kind, title, text.format_map(figures))
        for kind, title, text in entries
    ]
    for measure_id, text in CONCERNS.get(quarter.label, {}).items():
        measure = catalogue.measure(measure_id)
        if measure.priority == priority:
            items.append(
                Commentary(
                    quarter,
                    priority,
                    CommentaryKind.CONCERN,
                    measure.name,
                    text.format_map(figures),
                )
            )
    return items


# -- Action plans --------------------------------------------------------------------------------


def _actions(quarter: Period, index: int) -> list[ActionItem]:
    return [item for planned in ACTIONS for item in _reported(planned, quarter, index)]


def _reported(planned: PlannedAction, quarter: Period, index: int) -> Iterator[ActionItem]:
    """The action as reported in the quarter, if it is on the plan then."""
    if index < planned.start or (planned.done_at is not None and index > planned.done_at):
        return
    status, update = _status(planned, index)
    yield ActionItem(
        period=quarter,
        priority=planned.priority,
        action=planned.action,
        owner=planned.owner,
        due=planned.due,
        status=status,
        update=update,
    )


def _status(planned: PlannedAction, index: int) -> tuple[ActionStatus, str]:
    if index == planned.done_at:
        return ActionStatus.COMPLETE, planned.done
    if planned.off_track_at is not None and index >= planned.off_track_at:
        return ActionStatus.OFF_TRACK, planned.problem
    if planned.at_risk_at is not None and index >= planned.at_risk_at:
        return ActionStatus.AT_RISK, planned.problem
    last = planned.done_at if planned.done_at is not None else len(DEMO_QUARTERS)
    stage = (index - planned.start) * len(planned.progress) // max(1, last - planned.start)
    return ActionStatus.ON_TRACK, planned.progress[min(stage, len(planned.progress) - 1)]
