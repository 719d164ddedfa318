"""Small numbers in free text: the sentences of a commentary that could single out a child.

Figures are suppressed in anything public (:mod:`scorecard.disclosure`), but an officer's
commentary can say the same thing in words: "NEET is 6.5% (4 of 62)" publishes the 4 that the
figures hide. Before commentary is approved for publication, and again whenever it is
published, its title and text are read for numbers that count a small group of people.

What counts as such a number (``t`` is the threshold, 5 unless configured):

- a whole number from 1 to ``t``, in digits or words ("4", "three", "twenty-one" when the
  threshold is that high), followed by people ("three young people", "4 care leavers",
  "2 new fostering households"), by a verb or nothing ("4 were NEET", "Of the 62, 3 left"),
  or by words this module does not know ("5 complaints", "3 referrals"): when in doubt a
  number is taken to count people, because public outputs fail closed;
- "n of N", "n out of N", "n/N", "n in N" and "n (N)" where n or N is from 1 to ``t`` ("4 of 62",
  "four out of 62", "4/62", "one of the 62 care leavers", "2 of 3 siblings");
- "n of them", "n of whom", "n of the children" ("two of them left"): part of a group of people;
- a percentage of a group whose size is given, when it works out at 1 to ``t`` children, as a
  reader would do the sum ("6.5% of 62" is 4);
- the rest of a group whose size is given, when it is 1 to ``t``: "45 of 47 care leavers",
  "95.7% of 47", "0.957 of our 47" and "45-46 of our 47" all tell a reader that 2 (or 1)
  were not, as the figures' own rule says (SPEC §6); so do "the balance", "everyone else"
  and "all other care leavers" after the group and its other parts;
- an ordinal that counts children or what happened to them ("our third adoption of the
  year", "the second UASC this year to start university");
- a percentage anywhere in a commentary whose title or text also gives the size of a group
  ("21 of 47 care leavers were in work or training ... 91.5% lived in suitable
  accommodation"), when it is a share of that group (43 of 47 is 91.5%) whose part or rest is
  1 to ``t`` (here 4): a reader puts the two sentences together, so the check does too;
- "one", "a single", "a couple of" and "a pair of" only beside people ("one care leaver",
  "a single child") or in "n of N": "one" is mostly a pronoun ("one of the best days",
  "no one"), and "one of the young people told us" names no count;
- "one" with no word for people after it when it is the count of a person something happened
  to: it opens a sentence or clause (after a full stop, a comma, a bullet, "and" or "but"), a
  verb of what happened follows, perhaps after an adverb ("One went missing twice", "We have
  47 care leavers. One was missing for more than a week", "Of our 47 care leavers, one is in
  custody", "One recently moved", "One of them was excluded", "One of the young people was
  excluded"), and the last thing counted (or else named) in the 40 words before it is not
  things ("We opened two new homes. One is in Northtown" is one of the homes). A verb of
  saying, feeling or thinking, or "could", "may" and the like, is a voice or a general truth,
  not a count ("One said she never answers", "One of the young people told us ...", "One
  could argue ...");
- "a" or "an" and a word for a child (after describing words: "a looked-after young
  person", "a 15-year-old girl", "a 17 year old care leaver", "an unaccompanied
  16-year-old", "a Year 10 pupil") that something happened to, and the same after "our"
  ("Our UASC was placed in a hotel"), "another" ("Another child was excluded") and "the"
  before an age ("The 17-year-old was remanded"),
  as for "one" above: it opens a sentence or clause (a time may open it with no comma: "Last
  month a care leaver was sentenced") and a verb of what happened follows,
  perhaps after "in (our) care" or "from" a place ("A child in care was permanently excluded",
  "A young person in our care was charged"); each "another" after it in its sentence adds one
  ("A care leaver is in custody and another is in a B&B": 2). A voice or a modal ("A young
  person told us ...", "A child in care should have a PEP"), a general truth ("A care leaver is
  entitled to a PA", "A child in care has a designated teacher", ``general``), a child's things
  ("A child's voice is heard") and other people ("A new foster carer was approved",
  ``other_people``) are not counts;
- "one" before what happens to one child each (``events``: "One adoption disrupted", "There was
  one permanent exclusion of a child in care", "We had one disruption this quarter", "There was
  one adoption breakdown"), before one person's things ("One care leaver's tenancy broke down")
  and as a table's value ("Electively home educated children in care: one.", as ": 1" is); not
  before things ("one exclusion meeting", "one review", "one children's home"); "a" or "an"
  before what happens to one child each, anywhere ("There was a permanent exclusion", "An
  adoption order was granted", "An SGO was made"), but not before things ("an adoption
  panel") nor before a modal ("A placement move can unsettle a child");
- "a" or "an" and a word for a child after "there is" or "we have", where the child is or what
  was done follows ("There is currently a child in secure accommodation", "We have a care
  leaver in custody", "We've a UASC awaiting an age assessment"); not in a condition ("Where
  there is a child in custody, ..."), not what the words name ("We have a care leaver
  offer", "a child in care champion") and not any child ("a young person in every meeting");
- a fraction of a small group given with it: "Half of the 8 UASC" (4), "A third of the 6
  children" (2), however written: "Two thirds of the 6 children", "three-quarters of our 8
  UASC", "¾ of our 8 UASC" (2 not); "n of those" and "n of these" before a verb ("Three of
  those returning home came back into care"); a count before a school year and people ("Four
  Year 11 pupils");
- a thing each child has one of (``one_each``: care plans, pathway plans, PEPs, health
  passports) stands for the children who have it: "48 care plans were up to date" beside
  "52 children in care" leaves 4 out, and "96% of plans" is a share of the children (not the
  council's own: "3 action plans", "our improvement plan").

What is left alone, because it counts no one:

- numbers above ``t``, zero ("none", "no", "0"), decimals that are not whole (4.5), and large
  numbers (3,000; 5 million);
- labels: priority, pledge, promise, action, recommendation, school year, key stage, grade,
  level, stage, tier, step, page, section and similar words before a number ("Priority 5",
  "Pledges 2 and 3", "Year 6", "grade 4 or above", "Attainment 8", "top 5"), and numbers written
  into a word ("Q3", "KS2", "Covid-19", "2nd", "5pm", "under-5s");
- periods and dates: years (2026), "2026/27", "24/25", a day beside a month ("5 March",
  "March 5"), dates (5/3/2026) and times (5:30, 5 pm);
- ages: "aged 4", "ages 4 to 5", "children under 5", "5-year-old", "(young person, 4)";
- things that are not people: time ("5 days", "two years", "3 hours"), money (£5, 5p),
  per cent (5%, 5 per cent: a percentage alone, with no group's size anywhere in the same
  commentary, identifies nobody; a percentage of things a child has many of is a share of
  those things, not of a group of children given elsewhere: "98% of calls were answered",
  "96% of reviews were held on time", "97% of missing episodes" beside "52 children in care",
  ``many_each``; referrals, complaints and assessments are as often one a child, so a
  percentage of them is still judged; nor is a rate of things, ``rates``: "Attendance was 98%",
  "Data quality was 98%", "Occupancy was 98%"; an aim said anywhere in its
  clause: "Our target is 98%", "a 96% in-touch target"; or a share of other people, "98% of
  foster carers would recommend us"; "96% were in touch", "Health assessments: 92%" and
  stability, uptake, satisfaction or compliance, as often shares of the children, are still
  judged), points, meetings, sessions,
  schools, teams, staff and councillors, priorities, pages, ways and similar (the list
  ``_THINGS`` below), also after up to three describing words ("two NHS dental practices"),
  staff by their initials, plural ("4 IROs", "3 PAs"), the council's bodies and courses ("5
  multi-agency panels", "2 providers", "Two training modules") and their members ("Two
  members of the panel"; not "of the Children in Care Council");
  a word ending in "ed" after the number is read as a verb ("4 moved schools" counts people),
  and so is a word before "their", "his" or "her" ("45 see their PAs": the 45 are people);
- "n of which", "n of them" or "n of these" after things counted, with no word for people
  since: "The plan has 6 actions, 3 of which are complete", "We held 12 events; 3 of them
  were online" (not "We have 22 UASC, 3 of which are under 16");
- bounds that name no count: "3 or more placements", "5+", "at least 3", "more than 2", and
  "fewer than n", "under n", "up to n", "no more than n" or "n or fewer" when n is at least
  ``t`` (they cover
  the whole hidden range: "fewer than five young people" is how to write a hidden number);
- the numbers of a list numbered in turn ("1. Sufficiency\n2. Stability"; not one line alone,
  "... was\n3. This is lower", nor after a dash, "Remanded - 2."), and n/N after a label of things
  ("Visits: 45/47 completed on time", as "Visits: 48 on time");
- ratios with a small round base: "1 in 4", "one in five", "1 in 100" (a proportion, like a
  percentage); "1 in 62" is a count of one in a group of 62 and is caught; a scale ("rated
  4.5 out of 5"), and "n of N" of things ("4 of the 6 priorities");
- "twice", "once", ordinals ("first", "3rd"), fractions ("two thirds"), adjectives joined by a
  hyphen ("one-to-one", "two-year plan").

Words that are themselves a small group of people are caught too (``small_groups`` in
small_numbers.toml): "twins", "a trio", "a sibling pair", "brother and sister", "every child
except one" anywhere; "the only",
"the sole", "both", "neither of" before a word for people ("the only child", "both of the
brothers", but not "the only way" or "both children in care and care leavers"); and "a few",
"a handful", "a couple", "a small number of" before people or a verb ("a handful were
excluded", "a couple were not", "all but a handful of our 47 care leavers", but not "a few
weeks"); "a couple of" and "a pair of" a group ("a couple of our care leavers"), as "one of"
is not; "both" and "neither" before a verb of what happened, unless things were counted last
("Both were remanded", but not "We opened two homes. Both are rated good"); a child and a
brother, sister or siblings ("he and his brother"). "Several", "some" and "each child" are
left alone. A count written as a tally ("exclusions x2") or with the abbreviation of number
("2no", "2nr") is a count. A verb of intent that is also a noun ("plan", "hope", "aim")
straight after a count and before "to" is what the people counted mean to do ("26 plan to
remain"), and a table label "Percentage with a PEP:" names a share of the children.

A number is read the same however it is written: in words ("forty five of forty seven",
"one hundred and twenty", "ninety-one point five per cent"), with a decimal comma or a middle
dot ("91,5%", "91·5%") or "pc" ("91.5pc"). A count that names nothing after it, beside the
size of a group the text gives, counts part of that group however the sentence joins them
("We have 47 care leavers. 45 were in touch", "... and 45 were in touch", "This quarter we
were in touch with 45", "47 care leavers, 45 in touch"), and so does a count of the same people
as a group the text says it has ("We have 47 care leavers ... 45 care leavers were in touch"),
so its rest is judged too; a size may be given as a table written out ("Cohort: 47. In touch:
45", "Care leavers 47\nIn touch 45", "45 in touch vs 47 eligible"; a line break ends what a
number counts, so a table of several groups is read line by line, "Children in care 52\nPEPs
50\nCare leavers 47", and a label may carry an age band or "looked after": "Care leavers aged
19-21: 47", "Care leavers (19-21) 47", "Children looked after: 52"), and "the rest", "the
others" or "the remainder" after a group and its parts is what is left of it ("Of our 47 care
leavers, 30 are in work, 14 in education and the rest are NEET": 3; or in a sentence of its
own after them, "... and 14 in education. The others are NEET"). The same holds when:

- the count names what it counts before it: "Those in touch numbered 45", "The number in
  touch was 45", "The total in touch was 45", "Care leavers in touch totalled 45" (a part,
  where "Children in care numbered 52", "The cohort numbers 47" and "The number of care
  leavers we support is 47" give a group's size), "number" too after a plural, an adverb or
  people ("Care leavers in custody now number 2", "UASC currently number 4"; not "Room
  number 5");
- the group's size is all who are due something: "PEPs: 54 due, 50 completed", "PEPs due:
  54\nPEPs completed: 50", "Pathway plans: 35 required, 33 completed" (not of things, "IRO
  reviews: 120 due, 118 held", nor "45 due to leave care");
- a table line gives the count in a state: "Pathway plans: 45 up to date", "PEPs: 48
  complete", "45 EET" (``states``);
- an adverb or a verb of the present comes between the count and what it says: "45 regularly
  see their PA", "45 see their PA every month";
- the group's size is a number alone after a verb of having: "Our PA service works with 47",
  "We support 47", "We care for 52" (``having``), or before "in care" or "in the cohort":
  "We have 52 in care", "There were 47 in the cohort";
- the group's size is a level it is said to stand at or reach (``levels``): "the cohort
  stands at 38", "Care leavers fell to 47" (not "The number in touch fell to 45"), or is
  named "Cohort size 47", "Denominator: 47", "The leaving care caseload is 47", "47 were
  eligible";
- the count is of people in other words for the same children: "Forty-five young women and
  men were in touch", "45 young adults", "48 boys and girls", "45 YP" (``any_people``), but
  not of other people ("49 foster carers", "45 parents", "49 approved foster households"); an
  officer's initials for the children are words for people: "52 CiC. 50 PEPs.", "47 CLs",
  "47 CEYP".

Spread across pieces of commentary and written as a table, the same is read as a reader would:

- a group given in the title or in commentary beside it (same priority and quarter) is the
  text's own: "45 care leavers were in touch" beside "We have 47 care leavers" (not beside
  "We have 49 foster carers": other people);
- cells joined by a comma or colon without a space are cells: "Cohort:47", "In touch,45,47"
  (not "3,000", "91,5%" or "5:30");
- a row under a row of column labels is read with them: "| Cohort | In touch |\n|---|---|\n|
  47 | 45 |" and "Cohort\tIn touch\n47\t45" are "Cohort 47" and "In touch 45";
- a row's label and two counts, the smaller first, is n of N: "In touch,45,47", "PEPs
  completed;50;52" ("Children in care,52" is "Children in care 52");
- a ratio "n:m" is n of m ("In touch: 45:47") or two counts ("45:2": the 2); not a time
  ("10:30") nor a ratio with a side of 1 or both under 10 ("1:1", "2:1 staffing", "1:25");
- a count set against a group's size: "45 against a cohort of 47", "In touch 45 vs 47
  eligible", and "[n 47]" as "n=47".

Not: a figure ("45 was our figure"), an earlier one or a comparison ("last quarter 637", "up
from 45", "48 in Q1"), a count in a sentence that opens in another time beside a group given
elsewhere ("We have 52 children in care. In 2019 we had 49", "... Last quarter we had 49", "A
year ago there were 49"; a group of that time in the same sentence is judged: "In 2019 we had
52 children in care and 49 were in foster care"), a rate ("68.0 per 10,000"), the second of
two flows ("56 came into care and 51 left"), a count of things named before it ("PA visits
numbered 45", "Visits: 48 on time", "Statutory visits: 96% on time"), and a group the text
does not say it has ("77 episodes involving 29 children ... 25 children were at risk").
"Last quarter 45 were in touch. We have 47 care leavers" is left alone too: last quarter's
count is no part of this quarter's group (the rule that keeps "(last quarter 637)" and "Last
quarter 49 were in our care" publishable), and the two differ by whoever came and left.
It is a safety net for the slips of an officer who means well, not a guard against one set
on publishing a number (Roman numerals or a misspelling would get past it): the tick is
still the officer's judgement that no child can be identified.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property, lru_cache
from itertools import chain
from pathlib import Path
from typing import TypeVar

from scorecard.errors import ScorecardError
from scorecard.records import Commentary

# A word or number with any punctuation inside it ("4/62", "6.5%", "£3,000", "5-year-old",
# "children's"), else one character of punctuation.
_TOKEN = re.compile(r"[£$€#]?[^\W_]+(?:[.,:/'’\-‐‑–·][^\W_]+)*%?|[^\w\s]")
# Word processors' hyphens ("forty‑five" with a non-breaking hyphen) read as the plain one.
_HYPHENS = str.maketrans({"‐": "-", "‑": "-"})
_JOINED = re.compile(r"(?<=[^\W_])[,:](?=[^\W_])")  # In touch,45,47; Cohort:47
_INTEGER = re.compile(r"\d+(?:\.0+)?")
# A count written as a tally ("x2", "×3") or with the abbreviation of number ("2no", "3nr").
_TALLY = re.compile(r"([x×X])(\d+)|(\d+)((?i:no|nr))")
_SLASHED = re.compile(r"(\d+)/(\d+)")
_RATIO = re.compile(r"(\d+):(\d+)")  # 45:47 (of a group), 45:2 (in touch to not)
_RANGE = re.compile(r"(\d+)[-–](\d+)")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
_DECIMAL = re.compile(r"(\d+\.\d+)")

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_NUMBER_WORDS = {*_UNITS, *_TENS, "single", "couple", "pair"} | {
    f"{tens}{dash}{unit}" for tens in _TENS for unit in list(_UNITS)[:9] for dash in "-–"
}
_COMPOUND = re.compile(rf"({'|'.join(_TENS)})[-–]({'|'.join(list(_UNITS)[:9])})")
_SPOKEN_STARTS = {*_NUMBER_WORDS, "a", "zero", "nought"}  # the words a number in words starts
_DIGIT_WORDS = {"zero": 0, "nought": 0, "oh": 0, **{w: n for w, n in _UNITS.items() if n < 10}}
# A percentage written with a decimal comma, a middle dot or "pc": "91,5%", "91·5%", "91.5pc"
# (a comma before three digits separates thousands: "1,000%"); a decimal comma without the
# sign only before "per cent" ("91,5 per cent"). The empty group: no sign of its own.
_WRITTEN_PERCENT = re.compile(r"(\d+)(?:[.·](\d+)|,(\d{1,2}))?(%|pc|percent)", re.IGNORECASE)
_HALF = re.compile(r"(\d+)½(%?)")
_DECIMAL_COMMA = re.compile(r"(\d+)(?:·(\d+)|,(\d{1,2}))()")

_T = TypeVar("_T")

_WORDS = tomllib.loads((Path(__file__).parent / "small_numbers.toml").read_text("utf-8"))


def _set(key: str) -> frozenset[str]:
    return frozenset(_WORDS[key])


_MONTHS = _set("months")
_MONTHS_LOWER = {m.lower() for m in _MONTHS}
_YEAR = re.compile(r"\d{4}(?!\d)")

_LABELS = _set("labels")
_CAPITALISED_LABELS = _set("capitalised_labels")
_AGE = {"aged", "age", "ages"}
_CHAIN = {"and", "or", "to", ",", "-", "–", "&", "between"}
_LOWER_BOUND_BEFORE = {"least", "over", "above", "exceeding"}  # at least 3, over 3
_UPPER_BOUND_BEFORE = {"fewer", "less"}  # ... than
_NOT = {"no", "not"}  # no more than 2: at most 2
_BIG = {"hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "k",
        "m", "bn"}  # fmt: skip
_TIME_OF_DAY = {"am", "pm", "a.m", "p.m", "o'clock", "o’clock", "oclock"}
_PERCENT_WORDS = {"%", "percent", "pc"}
_THEM = {"them", "these", "those", "whom"}
_CHANGE_BEFORE = {"by", "down", "up"}  # rose by 1%, down 1%: a change, not a share
_COMPARED_BEFORE = {"from", "than", "against", "versus", "vs"}  # up from 45, more than 45
_EARLIER = {"last", "previous", "prior", "same"}  # last quarter 637: an earlier figure
_ANOTHER_TIME = {("at", "the"), ("by", "the"), ("the", "same"), ("at", "that")}  # 48 at the end
_STATES = _set("states")
_ANY_PEOPLE = _set("any_people")
_ONE_EACH = _set("one_each")
_COUNCILS_PLANS = _set("councils_plans")
_MANY_EACH = _set("many_each")
_RATES = _set("rates")
_EVENTS = _set("events")
_GENERAL = _set("general")
_AN_AGE = re.compile(r"\d{1,2}-year-old")
_YEARS = {"year", "years", "yr", "yrs"}  # 17 years old, a 17 year old
# Words for people that are plural without an "s": "one children's home" is one home.
_PLURAL_PEOPLE = {"children", "people", "men", "women", "persons", "us", "them", "whom"}
_OTHER_PEOPLE = _set("other_people")
_VOICE = _set("voice")
_SIZE_WORDS = {"cohort", "total", "eligible", "size", "denominator"}  # Cohort: 47, Total 47
# Words after a count (or ending a table's label) that make it all who should have something,
# the size of a group whose part done is counted beside it: "PEPs: 54 due, 50 completed",
# "PEPs due: 54", "Pathway plans: 35 required, 33 completed" (not "45 due to leave care").
_DUE = {"due", "required"}
_LEVELS = _set("levels")  # the cohort stands at 38, care leavers fell to 47
_RESTS = {"rest", "others", "remainder", "remaining", "balance"}  # the rest are NEET
# "everyone else lives in a children's home", "all other care leavers are NEET"
_RESTS_AFTER = {"else": {"everyone", "everybody", "anyone"}, "other": {"all", "every"}}
_PARTS_REACH = 60  # tokens before "the rest" read for the group and its parts
_HAVING = {tuple(phrase.split()) for phrase in _WORDS["having"]}
# Verbs whose subject is what the number after them counts: "the cohort numbers 47".
_NUMBERING = {"numbers", "numbered", "totals", "totalled", "totaled"}
_COUNT_WORDS = {"number", "total", "count"}  # the number in touch was 45, the total is 47
# A table's column labels that say only that its cells are counts ("| Age | Number |"): a value
# under them is a count on its own, not a label's number ("Number 3").
_COUNT_COLUMNS = {"number", "numbers", "no", "nos", "count", "n"}
_CLAUSE_WORDS = {"and", "but", "while", "whereas", "yet"}  # "... and one went missing"
_ALL = {"all", "everyone", "everybody", "one"}  # all but one
_CONTEXT_REACH = 40  # tokens before "one" read for what it is one of
_FLOWS = _set("flows")

_PEOPLE = _set("people")
_AIMS = _set("aims")
_INTENTS = _set("intents")
_ELSEWHERE = _set("elsewhere")
_THINGS = _set("things")
_STOPS = _set("stops")
_DESCRIBING_ED = _set("describing_ed")
_MODIFIERS_AT_MOST = 3
# Ratios such as "1 in 4" or "1 in 100" are proportions; "1 in 62" counts one of 62 people.
_RATIO_BASES = {2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 1000}
_ABBREVIATIONS = _set("abbreviations")

_GROUPS = _WORDS["small_groups"]
_ALONE: dict[tuple[str, ...], int] = {tuple(k.split()): v for k, v in _GROUPS["alone"].items()}
_BEFORE_PEOPLE: dict[tuple[str, ...], int] = {
    tuple(k.split()): v for k, v in _GROUPS["before_people"].items()
}
_FEW: dict[tuple[str, ...], int] = {tuple(k.split()): v for k, v in _GROUPS["few"].items()}
_GROUP_VERBS = frozenset(_GROUPS["verbs"])
_LONGEST_GROUP = max(len(k) for k in (*_ALONE, *_BEFORE_PEOPLE, *_FEW))
_DETERMINERS = {"the", "our", "these", "those", "their", "its", "his", "her", "my", "your"}


class Why(Enum):
    """Why a number in a sentence could single out a child."""

    OF_A_GROUP = "a count out of a group"
    PEOPLE = "a count of people"
    PART_OF_A_GROUP = "part of a group of people"
    PERCENT_OF_A_GROUP = "a percentage of a group whose size is given"
    REST_OF_A_GROUP = "the rest of a group whose size is given"
    HIDDEN_FIGURE = "a figure the published version hides"
    MAY_COUNT_PEOPLE = "a number that may count people"
    SMALL_GROUP = "words for a small group of people"


@dataclass(frozen=True)
class SmallNumber:
    """A number in a text that could single out a small group, and the sentence it is in.

    ``sentence_start`` is where the sentence starts in the text read, ``at`` where the
    number's words (``phrase``) start in the sentence, so a page can show the sentence with
    the number marked.
    """

    sentence: str
    sentence_start: int
    at: int
    phrase: str
    count: int
    why: Why
    quoting: str = ""  # for a figure the table hides: which ("Staying put, 2026/27 Q2")

    @property
    def before(self) -> str:
        return self.sentence[: self.at]

    @property
    def after(self) -> str:
        return self.sentence[self.at + len(self.phrase) :]

    def explained(self, threshold: int) -> str:
        """Why, for the officer: "“4 of 62” is a count out of a group, from 1 to 5"."""
        if self.why is Why.SMALL_GROUP:
            return f"“{self.phrase}” names a small group of people without a number"
        if self.why is Why.PERCENT_OF_A_GROUP:
            return (
                f"“{self.phrase}” is {self.why.value}: it works out at {self.count} "
                f"{'child' if self.count == 1 else 'children'}"
            )
        if self.why is Why.HIDDEN_FIGURE:
            which = f" for {self.quoting}" if self.quoting else ""
            return (
                f"“{self.phrase}” is {self.why.value} (it shows c{which}): the words would "
                "publish what the table keeps back"
            )
        if self.why is Why.REST_OF_A_GROUP:
            return (
                f"“{self.phrase}” is part of a group whose size is given: it leaves "
                f"{self.count} {'child' if self.count == 1 else 'children'} out, from 1 to "
                f"{threshold}"
            )
        return f"“{self.phrase}” is {self.why.value}, from 1 to {threshold}"


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    line_start: bool = False  # the first word on its line: "Children in care: 52\nCare leavers"

    @cached_property
    def word(self) -> str:
        return self.text.lower().translate(_HYPHENS)


@dataclass(frozen=True)
class _Number:
    values: tuple[int, ...]
    weak: bool = False  # "one", "a single": a count only beside people or in "n of N"
    total: int | None = None  # N of "n/N"


def find(
    text: str,
    threshold: int,
    sizes: Iterable[int] | None = None,
    had: Iterable[tuple[int, str]] = (),
) -> list[SmallNumber]:
    """Every number in ``text`` that could single out a group of 1 to ``threshold`` people,
    in the order they appear (see the module's description for what is and is not one).
    ``sizes``: the sizes of groups given beside the text (a commentary's title for its text),
    which a percentage in the text may be a share of; the text's own are always used.
    ``had``: the groups the commentary beside it says it has (:func:`groups_given`), which a
    count of the same people in the text may be part of."""
    tokens = _tokens(text)
    if had:
        _beside(tokens, had)
    groups = _group_sizes(tokens, threshold) | set(sizes or ())
    ordered = sorted(groups)  # for the percentages that may be shares of them
    sentences = _sentences(text)
    found: list[SmallNumber] = []
    labelled: set[int] = set()  # numbers that name something, for "Priorities 2 and 3"
    totals: set[int] = set()  # the N of "n of N", judged with its n
    shares: list[SmallNumber] = []  # percentages of a group given elsewhere (see below)
    for i, token in enumerate(tokens):
        if i in totals or not (token.text[0].isdigit() or token.word in _NUMBER_WORDS):
            continue
        percent = _percent_at(tokens, i)
        last = i if percent is None else percent[1]
        number = _number(tokens, i)
        of = _total_after(tokens, last) if number is not None or percent is not None else None
        # The N of "n of N" is judged with its n; not a count after more than it ("UASC aged
        # 16-17 (n=3)").
        if of is not None and (
            percent is not None or (number is not None and min(number.values) <= of[1])
        ):
            totals.add(of[0])
        hit = _judge(tokens, i, threshold, labelled, groups)
        share = None if hit else _share_of_a_group(tokens, i, ordered, threshold)
        if hit is None and share is None:
            continue
        end, count, why = hit or share  # type: ignore[misc]
        start_s, end_s = _sentence_at(sentences, token.start)
        sentence = text[start_s:end_s]
        finding = SmallNumber(
            sentence=sentence,
            sentence_start=start_s,
            at=token.start - start_s,
            phrase=text[token.start : min(end, end_s)],
            count=count,
            why=why,
        )
        (shares if share else found).append(finding)
    # "NEET is 6.5% (4 of 62)": the sentence's "4 of 62" is the finding; its 6.5% says the
    # same count again, and goes once that is reworded.
    found += [
        f
        for f in shares
        if not any(g.sentence_start == f.sentence_start and g.count == f.count for g in found)
    ]
    numbers = [(f.sentence_start + f.at, f.sentence_start + f.at + len(f.phrase)) for f in found]
    for start, end, count, why in chain(
        ((*group, Why.SMALL_GROUP) for group in _small_groups(tokens, threshold)),
        ((*person, Why.PEOPLE) for person in _a_person(tokens, threshold)),
        ((*person, Why.PEOPLE) for person in _ordinals(tokens, threshold)),
        ((*part, Why.PART_OF_A_GROUP) for part in _fractions(tokens, threshold)),
        ((*rest, Why.REST_OF_A_GROUP) for rest in _the_rest(tokens, threshold, groups)),
    ):
        if any(start < to and begin < end for begin, to in numbers):
            continue  # "the one young person": the number is already found
        start_s, end_s = _sentence_at(sentences, start)
        found.append(
            SmallNumber(
                sentence=text[start_s:end_s],
                sentence_start=start_s,
                at=start - start_s,
                phrase=text[start : min(end, end_s)],
                count=count,
                why=why,
            )
        )
    return sorted(found, key=lambda f: f.sentence_start + f.at)


def in_commentary(
    item: Commentary,
    threshold: int,
    hidden: Collection[HiddenFigure] = (),
    beside: Iterable[Commentary] = (),
) -> list[SmallNumber]:
    """The small numbers in a piece of commentary's title and text (both are published, side
    by side: a group's size in one and a percentage of it in the other give a count away),
    and any figure in them that the published version of its quarter hides: ``hidden``, the
    values of those figures (:func:`scorecard.disclosure.hidden_figures`). ``beside``: other
    commentary published with it (its priority's, that quarter): their groups' sizes count too,
    as "47 care leavers" in the narrative makes "95.7% were in touch" in a box beside it 45."""
    sizes: set[int] = set()
    had: set[tuple[int, str]] = set()
    for piece in (item, *beside):  # itself, and what is published beside it
        if (piece.period, piece.priority) == (item.period, item.priority):
            for text in (piece.title, piece.text):
                given, groups = groups_given(text, threshold)
                sizes |= given
                had |= groups
    its_own = _Quotable([h for h in hidden if h.priority == item.priority])
    found = []
    for text in (item.title, item.text):
        small = find(text, threshold, sizes, had)
        at = {f.sentence_start + f.at for f in small}
        again = [f for f in _restated(text, its_own) if f.sentence_start + f.at not in at]
        found += sorted(small + again, key=lambda f: f.sentence_start + f.at)
    return found


def restated(text: str, hidden: Collection[HiddenFigure]) -> list[SmallNumber]:
    """Each figure in ``text`` that says one of the ``hidden`` figures again, at the precision
    it is written to ("91.5%", "92 per cent" for a hidden percentage of 91.49; "68.9" for a
    hidden rate; "12 children" for a hidden count of 12): a figure suppressed in the table,
    and so maybe a share of a group whose size a reader knows, must not come back in the words
    beside it. A percentage is matched only with hidden percentages, other figures with the
    rest; whole numbers only beside people ("12 months" restates nothing)."""
    return _restated(text, _Quotable(hidden))


class _Quotable:
    """Hidden figures as they could be written to each precision, looked up rather than
    compared one by one (a priority's history may hide thousands), each precision worked out
    once for all the texts read against them."""

    def __init__(self, hidden: Collection[HiddenFigure]) -> None:
        self.hidden = sorted(hidden, key=lambda h: (-h.value, h.named))
        self._written: dict[tuple[bool, int], dict[float, HiddenFigure]] = {}

    def quoted(self, digits: str, percent: bool) -> HiddenFigure | None:
        """The hidden figure ``digits`` says again, at the precision it is written to."""
        decimals = min(len(digits.partition(".")[2]), 12)
        if (percent, decimals) not in self._written:
            self._written[percent, decimals] = {
                round(h.value, decimals): h for h in self.hidden if h.percent == percent
            }
        return self._written[percent, decimals].get(round(min(float(digits), 1e12), decimals))


def _restated(text: str, hidden: _Quotable) -> list[SmallNumber]:
    if not hidden.hidden:
        return []
    tokens = _tokens(text)
    sentences = _sentences(text)
    found: list[SmallNumber] = []
    for i, token in enumerate(tokens):
        said = _figure_said(tokens, i)
        if said is None:
            continue
        quoted = hidden.quoted(*said)
        if quoted is None:
            continue
        start_s, end_s = _sentence_at(sentences, token.start)
        found.append(
            SmallNumber(
                sentence=text[start_s:end_s],
                sentence_start=start_s,
                at=token.start - start_s,
                phrase=text[token.start : token.end],
                count=0,
                why=Why.HIDDEN_FIGURE,
                quoting=quoted.named,
            )
        )
    return found


@dataclass(frozen=True)
class HiddenFigure:
    """A figure the published version hides: its value, whether it is a percentage, and the
    priority whose commentary would be quoting it (a 98.0% of councillors trained is not a
    98.0% of reviews held on time)."""

    value: float
    percent: bool
    priority: int
    # Which figure, for the officer told about it ("Care leavers in touch, 2024/25 Q1"): two
    # figures of the same value are the same figure to quote.
    named: str = field(default="", compare=False)


def _an_aim(tokens: list[_Token], i: int) -> bool:
    """Whether the figure at token ``i`` is a target, a goal or a benchmark: "our 90% target",
    "a target of 90%", "the 95 per cent target"."""
    before, j = _word(tokens, i - 1), i + 1
    if _word(tokens, j) == "per" or _word(tokens, j) in _PERCENT_WORDS:  # 95 per cent target
        j += 2 if _word(tokens, j) == "per" else 1
    if "-" in _word(tokens, j) and _word(tokens, j + 1) in _AIMS:
        j += 1  # a 96% in-touch target
    after = _word(tokens, j)
    return after in _AIMS or before in _AIMS or (before == "of" and _word(tokens, i - 2) in _AIMS)


def _figure_said(tokens: list[_Token], i: int) -> tuple[str, bool] | None:
    """(the digits, whether a percentage) of a figure at token ``i``: "91.5%", "91.5 per
    cent", "68.9", or a whole number beside people ("12 children")."""
    text = tokens[i].text
    if _an_aim(tokens, i):
        return None  # below the 95% target: the panel's aim, not the figure
    if (percent := _percent_at(tokens, i)) is not None:
        return percent[0], True
    if not (_DECIMAL.fullmatch(text) or _INTEGER.fullmatch(text)):
        return None
    after, after2 = _word(tokens, i + 1), _word(tokens, i + 2)
    if _DECIMAL.fullmatch(text) or (after == "per" and after2[:1].isdigit()):
        return text, False  # 68.9, 69 per 10,000
    whole = _Number((_whole(text.split(".")[0]),))
    if _noun_after(tokens, i + 1)[0] == "people" and not _names_something(
        tokens, i, whole, 0, set()
    ):
        return text, False  # 12 children; not Year 11 pupils
    return None


@lru_cache(maxsize=512)  # at most 16 MB of the longest texts a cell holds
def groups_given(text: str, threshold: int) -> tuple[frozenset[int], frozenset[tuple[int, str]]]:
    """The groups of people ``text`` gives, read once for both uses (kept for the texts read
    lately: each piece of commentary is read beside every other of its priority's quarter):

    * their sizes above ``threshold``: the N of "n of N", "n/N" and "p% of N", and a number
      of people ("47 care leavers"), which a percentage beside them may be a share of;
    * the groups it says it has, each with its size and the word for them ("" for a size
      named: "Cohort: 47"): "We have 47 care leavers" in one piece of commentary makes "45
      care leavers were in touch" in the title or a box beside it 45 of the 47, as a reader
      puts them together; "We have 49 foster carers" beside it does not (other people)."""
    tokens = _tokens(text)
    had = frozenset((size, word) for _, size, word in _people(tokens))
    return frozenset(_group_sizes(tokens, threshold)), had


def group_sizes(text: str, threshold: int) -> frozenset[int]:
    """The sizes of groups of people ``text`` gives, above ``threshold`` (:func:`groups_given`)."""
    return groups_given(text, threshold)[0]


def _beside(tokens: list[_Token], had: Iterable[tuple[int, str]]) -> None:
    """Read the groups the commentary beside a text has (``had``) as the text's own: a count
    of the same people in it is part of them (:func:`_same_people`, :func:`_the_rest`)."""

    def both() -> dict[int, set[str]]:  # the text's own groups and those beside it
        by_size = _by_size(_people(tokens))
        for size, word in had:
            by_size.setdefault(size, set()).add(word)
        return by_size

    _once(tokens, ("people by size",), both)


class SmallNumberInCommentary(ScorecardError):
    """Commentary ticked for publication has a number that could single out a child.

    ``flagged`` holds each piece of commentary with its findings, so a page can show the
    sentences (as text: they are the officer's words).
    """

    def __init__(self, flagged: list[tuple[Commentary, list[SmallNumber]]], threshold: int) -> None:
        self.flagged = flagged
        self.threshold = threshold
        self.problems = [
            f"{item.kind.heading}: {item.title} ({item.period.label}, priority "
            f"{item.priority}) cannot be published: in “{finding.sentence}”, "
            f"{finding.explained(threshold)}. {advice(threshold, [finding])}"
            for item, findings in flagged
            for finding in findings
        ]
        super().__init__("\n".join(self.problems))


def advice(threshold: int, found: Iterable[SmallNumber] = ()) -> str:
    """What to do about a small number in commentary (``found``: the findings it is for, so a
    figure the table hides is not answered with "a percentage without the size of the
    group", which would still quote it)."""
    kinds = {f.why is Why.HIDDEN_FIGURE for f in found} or {False}
    parts = []
    if False in kinds:
        parts.append(
            f"Counts from 1 to {threshold} could identify a child. Reword the sentence without "
            f"the number (e.g. “fewer than {threshold} young people”, or a percentage without "
            "the size of the group)"
        )
    if True in kinds:
        parts.append(
            "The published version hides that figure so that no child can be identified: say "
            f"what it means without it (e.g. “below our target”, “fewer than {threshold} young "
            "people”)"
        )
    return ". ".join(parts) + " in the Commentary sheet, upload it again and tick it then."


def refuse(
    items: Iterable[Commentary], threshold: int, hidden: Collection[HiddenFigure] = ()
) -> None:
    """Raise :class:`SmallNumberInCommentary` if any of ``items`` has a small number (or says
    a ``hidden`` figure again: see :func:`in_commentary`)."""
    together = list(items)  # approved together, published side by side
    flagged = [
        (item, found)
        for item in together
        if (found := in_commentary(item, threshold, hidden, together))
    ]
    if flagged:
        raise SmallNumberInCommentary(flagged, threshold)


# -- reading ---------------------------------------------------------------------------------


def _tokens(text: str) -> list[_Token]:
    """The words of ``text``, each number as digits (see :func:`_spoken`)."""
    tokens: list[_Token] = []
    end = 0
    for m in _TOKEN.finditer(text):
        word, start = m.group(), m.start()
        line = "\n" in text[end:start]
        end = m.end()
        if cuts := _cells_joined(word, text[end : end + 9]):
            # "In touch,45,47", "Cohort:47", "NEET,3,6.4%": cells of a table written without
            # spaces
            for n, (begin, to) in enumerate(zip((0, *cuts), (*cuts, len(word)), strict=True)):
                piece = word[begin:to]
                if n:  # the comma or colon between the cells
                    tokens.append(_Token(piece[0], start + begin, start + begin + 1))
                    piece, begin = piece[1:], begin + 1
                tokens.append(_Token(piece, start + begin, start + to, line and not n))
        elif len(word) > 1 and word.endswith("%") and not word[0].isdigit():  # "Ninety-one%"
            tokens.append(_Token(word[:-1], start, end - 1, line))
            tokens.append(_Token("%", end - 1, end))
        elif word.lower().translate(_HYPHENS) == "per-cent":
            tokens.append(_Token("percent", start, end, line))
        elif tally := _TALLY.fullmatch(word):  # "Excluded x2", "Missing 2no.": a count
            cut = start + (tally.start(2) if tally.group(2) else tally.end(3))
            tokens.append(_Token(word[: cut - start], start, cut, line))
            tokens.append(_Token(word[cut - start :], cut, end))
        else:
            tokens.append(_Token(word, start, end, line))
    return _Tokens(_rows(text, _spoken(tokens)))


def _rows(text: str, tokens: list[_Token]) -> list[_Token]:
    """The tokens with each row of a table written as text read as its cells say: under a row
    of column labels, each value with its column's label ("| Cohort | In touch |\n|---|---|\n|
    47 | 45 |" and "Cohort\tIn touch\n47\t45" as "Cohort 47", "In touch 45", each on a line
    of its own); a row's label and two counts, the smaller first, as n of N ("In touch,45,47",
    "| In touch | 45 | 47 |" as "In touch 45 of 47": a count and the group's size); a row's
    label and its count with the comma between them gone ("Children in care,52"). A table's
    columns are what tell a reader what each number counts, so the check reads them too."""
    out: list[_Token] = []
    header: list[list[_Token]] | None = None
    at, line_start = 0, 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        first = at
        while at < len(tokens) and tokens[at].start < line_end:
            at += 1
        mine = tokens[first:at]
        cells = _cells(line, line_start, mine)
        if cells is None:
            header = None
            out += mine
        elif all(not cell or all(set(t.text) <= set("-:=") for t in cell) for cell in cells):
            pass  # |---|---|: the line under a header
        elif all(cell and not _a_count_cell(cell) and _a_label(cell) for cell in cells):
            header = cells  # | Cohort | In touch | NEET |
            out += mine
        elif header is not None and len(header) == len(cells) and not _a_label(cells[0]):
            for label, cell in zip(header, cells, strict=True):  # | 47 | 45 | 9 |
                if label[0].word in _COUNT_COLUMNS:  # | Age | Number |: "Number 3" is no label
                    out += [_Token(t.text, t.start, t.end, n == 0) for n, t in enumerate(cell)]
                    continue
                out.append(_Token(label[0].text, label[0].start, label[0].end, True))
                out += label[1:] + [_Token(t.text, t.start, t.end) for t in cell]
        elif (
            header is not None
            and len(header) == len(cells)
            and _a_label(cells[0])
            and any(map(_a_count_cell, cells[1:]))
        ):  # | NEET | 3 | 6.4% | under | Type | Number | Percent |: the row's own label first
            out += [_Token(t.text, t.start, t.end, n == 0) for n, t in enumerate(cells[0])]
            for label, cell in zip(header[1:], cells[1:], strict=True):
                if label[0].word not in _COUNT_COLUMNS:  # each cell apart, under its heading:
                    apart = cell[0].start if cell else label[0].end  # "NEET 3, Percent 6.4%"
                    out += [
                        _Token(",", apart, apart),
                        _Token(label[0].text, label[0].start, label[0].end),
                    ]
                    out += label[1:]
                out += [_Token(t.text, t.start, t.end) for t in cell]
        elif _a_label(cells[0]) and 2 <= len(cells) <= 3 and all(map(_a_count_cell, cells[1:])):
            word = cells[0][0]  # In touch,45,47: the label, then its count (of the total)
            out += [_Token(word.text, word.start, word.end, True), *cells[0][1:]]
            counts = [cell[0] for cell in cells[1:]]
            out.append(counts[0])
            if len(counts) == 2:
                if _whole(counts[0].text) <= _whole(counts[1].text):
                    out.append(_Token("of", counts[0].end, counts[0].end))
                else:
                    out.append(_Token(",", counts[0].end, counts[0].end))
                out.append(counts[1])
        else:
            out += mine
        line_start = line_end + 1
    return out


def _cells(line: str, offset: int, tokens: list[_Token]) -> list[list[_Token]] | None:
    """The tokens of each cell of ``line`` (starting at ``offset`` in the text) when it is a
    row of a table: cells between "|", tabs, semicolons or commas, at least two, each of a
    few words (a sentence with commas in it is no row); None when it is not."""
    separator = next((s for s in "|\t;," if s in line), None)
    if separator is None:
        return None
    spans, begin = [], 0
    for n, char in enumerate(line + separator):
        if char == separator and (separator != "," or not _thousands(line, n)):
            spans.append((offset + begin, offset + n))
            begin = n + 1
    if separator == "|":  # | a | b |: no cells before the first bar or after the last
        spans = [span for span in spans if line[span[0] - offset : span[1] - offset].strip()]
    starts = [t.start for t in tokens]  # each cell's tokens found by where they start: a
    cells = [  # line may be thousands of cells
        [t for t in tokens[bisect_left(starts, a) : bisect_left(starts, b)] if t.text != separator]
        for a, b in spans
    ]
    if len(cells) < 2 or any(len(cell) > 8 for cell in cells):
        return None
    if separator in ",;" and any(t.text in {".", "!", "?"} for t in tokens):
        return None  # prose
    return cells


def _thousands(line: str, n: int) -> bool:
    """Whether the comma at ``line[n]`` separates thousands ("3,000"), not cells."""
    return (
        n > 0
        and line[n - 1].isdigit()
        and re.match(r"\d{3}(?!\d)", line[n + 1 : n + 5]) is not None
    )


def _a_count_cell(cell: list[_Token]) -> bool:
    """Whether a table's cell is a whole number alone: "47"."""
    return len(cell) == 1 and _INTEGER.fullmatch(cell[0].text) is not None


def _a_label(cell: list[_Token]) -> bool:
    """Whether a table's cell names something: a word of letters ("In touch"; not "Q2")."""
    return any(t.text.isalpha() and len(t.text) > 1 for t in cell)


def _cells_joined(word: str, after: str) -> list[int]:
    """Where ``word`` (a token) is cells of a table joined by a comma or colon with no space,
    each cut at its comma or colon: "touch,45,47", "Cohort:47", "leavers,47" (a word and a
    number), "45,47" (not a thousands separator: "3,000"), "Cohort,In touch" (headings).
    Not a time ("5:30"), a decimal comma before a per cent sign ("91,5%", ``after``: the
    text after it) or words alone ("and,or")."""
    cuts = []
    for match in _JOINED.finditer(word):
        left, right = word[match.start() - 1], word[match.end()]
        a_heading = match.group() == "," and left.isalpha() and right.isupper()
        if not (left.isdigit() or right.isdigit() or a_heading):
            continue  # words: "and,or"; not a table's headings: "Cohort,In touch"
        if left.isdigit() and right.isdigit():
            if match.group() == ":":
                continue  # a time or a ratio: read by _number
            digits = re.match(r"\d+", word[match.end() :])
            if digits and len(digits.group()) == 3 and not word[match.end() + 3 :][:1].isdigit():
                continue  # 3,000; 1,234,567: thousands
            if re.match(r"\d{1,2}(%|pc)?$", word[match.end() :], re.IGNORECASE) and (
                word.endswith(("%", "pc", "PC")) or re.match(r"\s*(%|per|pc)", after, re.I)
            ):
                continue  # 91,5%; 91,5 per cent: a decimal comma
        cuts.append(match.start())
    return cuts


def _spoken(tokens: list[_Token]) -> list[_Token]:
    """The tokens with each number written another way given as digits, over the words it
    was written in: "forty five", "one hundred and twenty" and "ninety-one point five" as
    45, 120 and 91.5, a decimal comma or a middle dot as a point ("91,5%", "91·5%") and "pc"
    as "%" ("91.5pc"). The rules are then the same whatever way a number is written, and a
    finding still points at the officer's own words. "one" alone stays a word: it is mostly
    a pronoun (see :func:`_number`)."""
    out: list[_Token] = []
    i = 0
    while i < len(tokens):
        starts = tokens[i].word
        spoken = _spoken_number(tokens, i) if starts in _SPOKEN_STARTS else None
        if spoken is not None:
            digits, last = spoken
            out.append(_Token(digits, tokens[i].start, tokens[last].end, tokens[i].line_start))
            i = last + 1
            continue
        token = tokens[i]
        if not token.text[0].isdigit():
            out.append(token)
            i += 1
            continue
        written = _WRITTEN_PERCENT.fullmatch(token.text)
        if written is None and _DECIMAL_COMMA.fullmatch(token.text):
            after = _word(tokens, i + 1)
            if after in _PERCENT_WORDS or (after == "per" and _word(tokens, i + 2) == "cent"):
                written = _DECIMAL_COMMA.fullmatch(token.text)
        if written is not None:
            whole, point, comma, sign = written.groups()
            decimals = point or comma
            digits = whole + ("." + decimals if decimals else "") + ("%" if sign else "")
            token = _Token(digits, token.start, token.end, token.line_start)
        elif halved := _HALF.fullmatch(token.text):  # 91½%
            digits = halved.group(1) + ".5" + halved.group(2)
            token = _Token(digits, token.start, token.end, token.line_start)
        out.append(token)
        i += 1
    return out


def _spoken_number(tokens: list[_Token], i: int) -> tuple[str, int] | None:
    """(the digits, the index of its last word) of a number written in words from token
    ``i``, unless it is "one" alone or not a number at all."""
    value, j = _below_a_thousand(tokens, i)
    if j == i and _word(tokens, i) == "a" and _word(tokens, i + 1) == "thousand":
        value, j = 1, i + 1
    if j == i:
        return None
    if _word(tokens, j) == "thousand":
        rest, k = _below_a_thousand(tokens, j + 1 + (_word(tokens, j + 1) == "and"))
        value, j = value * 1000 + rest, (k if k > j + 1 else j + 1)
    digits = str(value)
    if _word(tokens, j) == "point" and _word(tokens, j + 1) in _DIGIT_WORDS:
        k, decimals = j + 1, ""
        while _word(tokens, k) in _DIGIT_WORDS:
            decimals += str(_DIGIT_WORDS[_word(tokens, k)])
            k += 1
        if _noun_after(tokens, k)[0] != "people":  # "At one point five young people ..."
            digits, j = f"{digits}.{decimals}", k
    elif [_word(tokens, k) for k in range(j, j + 3)] == ["and", "a", "half"]:
        digits, j = f"{digits}.5", j + 3
    if j - i == 1 and _word(tokens, i) in {"one", "zero", "nought"}:
        return None  # "one" alone: a pronoun as often as a count; "zero" counts no one
    return digits, j - 1


def _below_a_thousand(tokens: list[_Token], i: int) -> tuple[int, int]:
    """(the value, the index after it) of a number below 1,000 in words from token ``i``:
    "three hundred and twelve", "forty five", "forty-five", "nine"; (0, i) if none."""
    word = _word(tokens, i)
    value, j = 0, i
    if (word in _UNITS or word == "a") and _word(tokens, i + 1) == "hundred":
        value, j = _UNITS.get(word, 1) * 100, i + 2
        if _word(tokens, j) == "and" and _tens_and_units(tokens, j + 1)[1] > j + 1:
            j += 1
    tens, k = _tens_and_units(tokens, j)
    if k == j and j == i:
        return 0, i
    return value + tens, k


def _tens_and_units(tokens: list[_Token], i: int) -> tuple[int, int]:
    word = _word(tokens, i)
    if compound := _COMPOUND.fullmatch(word):
        return _TENS[compound.group(1)] + _UNITS[compound.group(2)], i + 1
    if word in _TENS:
        unit = _UNITS.get(_word(tokens, i + 1), 10)
        return (_TENS[word] + unit, i + 2) if unit < 10 else (_TENS[word], i + 1)
    if word in _UNITS or word in {"zero", "nought"}:
        return _UNITS.get(word, 0), i + 1
    return 0, i


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, without the space around it; a line break ends one,
    a full stop after an abbreviation ("No. 5", "e.g. 4") does not."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[.!?…]+[\"')\]’”]*(?=\s|$)|\n", text):
        if match.group().startswith("."):
            words = text[start : match.start()].split()
            if words and words[-1].lower().lstrip("(\"'‘“") in _ABBREVIATIONS:
                continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        chunk = text[begin:end]
        if chunk.strip():
            lead, trail = len(chunk) - len(chunk.lstrip()), len(chunk) - len(chunk.rstrip())
            trimmed.append((begin + lead, end - trail))
    return trimmed


def _sentence_at(sentences: list[tuple[int, int]], at: int) -> tuple[int, int]:
    """The sentence (of :func:`_sentences`) holding the character at ``at``."""
    return sentences[bisect_right(sentences, (at, len(sentences) and sentences[-1][1] + 1)) - 1]


def _number(tokens: list[_Token], i: int) -> _Number | None:
    """The number a token is, if it is one that could count (see the module's rules)."""
    if not 0 <= i < len(tokens):
        return None
    text, word = tokens[i].text, tokens[i].word
    if _INTEGER.fullmatch(text):
        return _Number((_whole(text.split(".")[0]),))
    if ratio := _RATIO.fullmatch(text):
        n, m = _whole(ratio.group(1)), _whole(ratio.group(2))
        a_time = n < 24 and len(ratio.group(2)) == 2 and m < 60  # 10:30, 16:00
        if a_time or 1 in (n, m) or max(n, m) < 10:
            return None  # a time, or a ratio of staff or sessions: 1:1, 2:1, 1:25
        # 45:47 is 45 of 47, as 45/47 is; in 45:2 the 2 are counted themselves.
        return _Number((n,), total=m) if n <= m else _Number((n, m))
    if slashed := _SLASHED.fullmatch(text):
        n, total = _whole(slashed.group(1)), _whole(slashed.group(2))
        periodic = len(slashed.group(1)) == 4 or (
            len(slashed.group(1)) == len(slashed.group(2)) == 2 and total == (n + 1) % 100
        )
        if periodic or n > total:
            return None  # 2026/27, 24/25, or a date such as 5/3
        return _Number((n,), total=total)
    if ranged := _RANGE.fullmatch(text):
        low, high = _whole(ranged.group(1)), _whole(ranged.group(2))
        return None if low >= 1000 else _Number((low, high))  # 2025-26 is a year
    if word == "one":  # every other number in words is digits by now (:func:`_spoken`)
        return _Number((1,), weak=True)
    previous = tokens[i - 1].word if i > 0 else ""
    if word == "single" and previous == "a":
        return _Number((1,), weak=True)
    if word in {"couple", "pair"} and previous == "a" and _word(tokens, i + 1) == "of":
        return _Number((2,), weak=True)
    return None


def _whole(digits: str) -> int:
    """The number written in ``digits``; any of more than six digits as a million, which is
    as far from small as it needs to be (Python refuses to read 4,300 digits or more)."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 6 else 1_000_000


def _word(tokens: list[_Token], i: int) -> str:
    return tokens[i].word if 0 <= i < len(tokens) else ""


def _text(tokens: list[_Token], i: int) -> str:
    return tokens[i].text if 0 <= i < len(tokens) else ""


def _judge(
    tokens: list[_Token],
    i: int,
    threshold: int,
    labelled: set[int],
    groups: Collection[int] = (),
) -> tuple[int, int, Why] | None:
    """(end of the phrase, the small number, why) if token ``i`` gives a small number away;
    ``groups``: the sizes of groups the text gives, for "Of these, 43" and "43 of them"."""
    if (percent := _percent_at(tokens, i)) is not None:
        # Capped: a percentage with hundreds of digits is infinite as a float.
        share = min(float(percent[0]), 1e6)
        return _percent_of_a_group(tokens, percent[1], share, threshold)
    proportion = _DECIMAL.fullmatch(tokens[i].text)
    if proportion and 0 < float(proportion.group(1)) < 1:
        # "0.957 of our 47 care leavers": a proportion is a percentage written otherwise
        found = _percent_of_a_group(tokens, i, float(proportion.group(1)) * 100, threshold)
        if found is not None:
            return found
    number = _number(tokens, i)
    if number is None:
        return None
    if _RANGE.fullmatch(tokens[i].text) and (of := _total_after(tokens, i)) is not None:
        # "45-46 of our 47": whichever it is, the rest of the group is 1 or 2
        rests = [of[1] - v for v in number.values if 1 <= of[1] - v <= threshold]
        if rests and _noun_after(tokens, of[0] + 1)[0] != "things":
            return tokens[of[0]].end, min(rests), Why.REST_OF_A_GROUP
    small = [v for v in number.values if 1 <= v <= threshold]
    # A count set in another time is part only of a group of that time: "In 2019 we had 52
    # children in care and 49 were in foster care", not "We have 52 ... In 2019 we had 49".
    another_time = not small and _set_in_another_time(tokens, i)
    if (
        not small
        and len(number.values) == 1
        and (not another_time or _in_its_sentence(tokens, i, groups))
    ):
        them = _word(tokens, i + 1) == "of" and _word(tokens, i + 2) in _THEM
        # "43 of them", "43 of our care leavers", "We have 47 care leavers and 43 were in
        # touch", "... This quarter we were in touch with 43": a count beside the size of a
        # group counts part of it, however the sentence is built, as a reader takes it; only
        # what plainly counts something else is left alone (see _part_of_a_group).
        of_the_group = (
            them
            or (
                _word(tokens, i + 1) == "of"
                and _word(tokens, i + 2) in _DETERMINERS
                and _noun_after(tokens, i + 3)[0] == "people"
            )
            or (_elided(tokens, i) and _part_of_a_group(tokens, i, number, threshold))
        )
        totals = _group_before(tokens, i, groups) or (
            sorted(groups) if of_the_group else _same_people(tokens, i, number, threshold)
        )
        if another_time:
            totals = _in_its_sentence(tokens, i, totals)  # only a group of that time
        for total in totals:
            rest = total - number.values[0]
            if 1 <= rest <= threshold and _noun_after(tokens, i + 1)[0] != "things":
                return tokens[i + 2 if them else i].end, rest, Why.REST_OF_A_GROUP
    if number.total is not None:  # n/N
        if _noun_after(tokens, i + 1)[0] == "things":
            return None  # 4/6 priorities
        if _word(tokens, i - 1) in {":", "="} and _subject(tokens, i - 1) == "things":
            return None  # Visits: 45/47 completed on time (as "Visits: 48 on time" is)
        if small or 1 <= number.total <= threshold:
            return tokens[i].end, (small or [number.total])[0], Why.OF_A_GROUP
        if 1 <= number.total - number.values[0] <= threshold:
            return tokens[i].end, number.total - number.values[0], Why.REST_OF_A_GROUP
        return None
    if _names_something(tokens, i, number, threshold, labelled):
        labelled.add(i)
        return None
    if not small and not _of_a_number(tokens, i):
        return None
    return _what_it_counts(tokens, i, number, small, threshold)


def _group_before(tokens: list[_Token], i: int, groups: Collection[int] = ()) -> list[int]:
    """The sizes of a group named before a count of it (token ``i``): "Of the 62 young people,
    58 were in work", "Among our 47 care leavers 43 ...", and "Of these, 43 ..." (any group
    the text gives, ``groups``)."""
    if _word(tokens, i - 1) != "," and _word(tokens, i - 1) not in _PEOPLE:
        return []
    for k in range(i - 2, max(i - 16, -1), -1):
        if tokens[k].word not in {"of", "among", "amongst"}:
            continue
        j = k + 1
        if _word(tokens, j) in _THEM and _word(tokens, j + 1) == ",":
            return sorted(groups)  # Of these, 43
        while _word(tokens, j) in _DETERMINERS or _word(tokens, j) == "all":
            j += 1
        number = _number(tokens, j)
        if number is None or number.total is not None or len(number.values) != 1:
            return []
        if any(_number(tokens, m) is not None for m in range(j + 1, i - 1)):
            return []
        return [number.values[0]]
    return []


def _percent_at(tokens: list[_Token], i: int) -> tuple[str, int] | None:
    """(the digits, the index of its last word) of a percentage at token ``i``: "91.5%",
    "91.5 %", "91.5 per cent", "91.5 percent"."""
    text = tokens[i].text
    if percent := _PERCENT.fullmatch(text):
        return percent.group(1), i
    if not (_DECIMAL.fullmatch(text) or _INTEGER.fullmatch(text)):
        return None
    after = _word(tokens, i + 1)
    if after in _PERCENT_WORDS:
        return text, i + 1
    if after == "per" and _word(tokens, i + 2) == "cent":
        return text, i + 2
    return None


def _names_something(
    tokens: list[_Token], i: int, number: _Number, threshold: int, labelled: set[int]
) -> bool:
    """A label, a date, a time, an age or a bound: the number counts no one."""
    before, before2 = _word(tokens, i - 1), _word(tokens, i - 2)
    after, after2 = _word(tokens, i + 1), _word(tokens, i + 2)
    if before == "number" and _numbering(tokens, i - 1):
        return False  # a verb, not "Number 4": "UASC now number 4", "Missing episodes number 3"
    if before == "numbered" and before2.endswith("s") and before2 not in _LABELS:
        return False  # "Our staying put arrangements number four": a verb, not "Number 4"
    if before in _LABELS or before == "#" or before in _AGE:
        # "Year 6", "Day 1"; but "this year 4 young people" counts them.
        return before not in _CAPITALISED_LABELS or _text(tokens, i - 1)[:1].isupper()
    if before == "." and before2 in {"no", "nos"}:
        return True
    if _list_number(tokens, i):
        return True  # 1. Sufficiency\n2. Stability: a numbered list
    listed = before != "," or after in {",", "and", "or", "&"}  # not "In Year 6, 4 pupils"
    if before in _CHAIN and listed and i - 2 in labelled:
        return True  # Priorities 2 and 3; aged 4 to 5
    if before == "between" and before2 in _AGE:
        return True
    if before in {"under", "over"} and (before2 in _AGE or before2 in _PEOPLE):
        return True  # children under 5: an age
    if (
        (_text(tokens, i - 1) in _MONTHS or _text(tokens, i + 1) in _MONTHS)
        and tokens[i].text[0].isdigit()  # "On 14 March one of our children": no date
        and (min(number.values) <= 31 or 1900 <= max(number.values) <= 2100)
    ):
        return True  # 5 March, March 5, June 2026 (not "In June 45 were in touch")
    if after in _TIME_OF_DAY or after in _BIG or after in _PERCENT_WORDS:
        return True
    if before in {"past", "to"} and before2 in {"half", "quarter"}:
        return True  # half past five, a quarter to four: a time
    if after == "per" and after2 == "cent":
        return True
    if before == "," and after == ")":
        return True  # (young person, 4): an age
    if after in _YEARS and after2 in {"old", "olds"}:
        return True
    if after in {"to", "-", "–"} and _word(tokens, i + 3) in {"year", "years"}:
        return _word(tokens, i + 4) in {"old", "olds"}  # 16 to 18 year olds: ages
    # Bounds: a lower bound names no count; an upper bound covering every hidden count
    # ("fewer than 5", "up to 5", "5 or fewer") is how a hidden number is written.
    if after == "+" or after == "plus" or (after == "or" and after2 in {"more", "over", "above"}):
        return True
    # "no more than 2" and "not over 2" are upper bounds: at most 2.
    at_most = before == "than" and before2 in {"more", "over"} and _word(tokens, i - 3) in _NOT
    if not at_most and (
        before in _LOWER_BOUND_BEFORE or (before == "than" and before2 in {"more", "over"})
    ):
        return True
    covers = max(number.values) >= threshold
    if covers and at_most:
        return True
    if covers and (
        before in {"under", "below"} or (before, before2) in {("to", "up"), ("most", "at")}
    ):
        return True
    if covers and before == "than" and before2 in _UPPER_BOUND_BEFORE:
        return True
    return covers and after == "or" and after2 in {"fewer", "less", "under", "below"}


def _list_number(tokens: list[_Token], i: int) -> bool:
    """Whether the number at token ``i`` numbers an item of a list: it opens its line (or
    follows a bullet that does), "." or ")" and a capitalised word follow on the line, and
    another line of the text opens with the number before or after it and the same mark ("1.
    Sufficiency\n2. Stability"). One such line alone may be a count on a line of its own
    ("The number who went missing was\n3. This is lower ..."), and a count after a dash or a
    colon is no list ("Remanded - 2. Both are supported", "(in custody: 2)")."""
    items = _once(tokens, ("list items",), lambda: _list_items(tokens))
    mark = _word(tokens, i + 1)
    if i not in items:
        return False
    value = _whole(tokens[i].text)
    return (value - 1, mark) in items.values() or (value + 1, mark) in items.values()


def _list_items(tokens: list[_Token]) -> dict[int, tuple[int, str]]:
    """The numbers that may number a list's items, by token index, with their mark: a whole
    number that opens its line (or follows a bullet that does), "." or ")" and a capitalised
    word after it on the line."""
    found = {}
    for i, token in enumerate(tokens):
        bullet = _text(tokens, i - 1) in {"•", "-", "*", "–"} and (
            i == 1 or tokens[i - 1].line_start
        )
        if (
            (i == 0 or token.line_start or bullet)
            and token.text.isdecimal()
            and _word(tokens, i + 1) in {".", ")"}
            and i + 2 < len(tokens)
            and not tokens[i + 2].line_start
            and tokens[i + 2].text[:1].isupper()
        ):
            found[i] = (_whole(token.text), _word(tokens, i + 1))
    return found


def _of_a_number(tokens: list[_Token], i: int) -> bool:
    """Whether token ``i`` is followed by "of N", "out of N" or "in N", or its people are
    ("45 care leavers out of 47")."""
    if _total_after(tokens, i) is not None:
        return True
    kind, noun = _noun_after(tokens, i + 1)
    return kind == "people" and _total_after(tokens, noun) is not None


def _total_after(tokens: list[_Token], i: int) -> tuple[int, int, str] | None:
    """(index of N, N, the joining word) for "n of N", "n out of N", "n of the N", "n in N",
    "n (N)" (N alone in brackets, at least n)."""
    j = i + 1
    joining = _word(tokens, j)
    if joining == "(" and _word(tokens, j + 2) == ")" and _INTEGER.fullmatch(_text(tokens, j + 1)):
        # "In touch: 45 (47)": a group's size alone in brackets after a count of part of it
        counted, total = _number(tokens, i), _number(tokens, j + 1)
        if total is None or len(total.values) != 1:
            return None
        share = _word(tokens, i) in {*_PERCENT_WORDS, "cent"} or _PERCENT.fullmatch(
            _text(tokens, i)
        )
        part = counted is not None and len(counted.values) == 1 and counted.values[0]
        if share or (part and part <= total.values[0]):  # 95.7% (47), 45 (47): of a group
            return j + 1, total.values[0], "of"
        return None
    if joining == "(" and _word(tokens, j + 1) in {"of", "out", "n"}:
        j += 1  # 45 (of 47), 43 (n=47)
        joining = _word(tokens, j)
    if joining == "out" and _word(tokens, j + 1) == "of":
        j += 1
    elif joining == "n" and _word(tokens, j + 1) == "=":
        j += 1  # n = 47
    elif joining not in {"of", "in", "from", "/"}:
        return None
    j += 1
    for _ in range(3):
        if _word(tokens, j) in {"the", "our", "all", "a", "total", "these", "those", "its",
                                "possible"}:  # fmt: skip
            j += 1
        elif _word(tokens, j) in {"cohort", "group"} and _word(tokens, j + 1) == "of":
            j += 2  # 45 of a cohort of 47
    total = _number(tokens, j) if j < len(tokens) else None
    if total is None or total.total is not None or len(total.values) != 1:
        return None
    if joining in {"in", "from"} and 1900 <= total.values[0] <= 2100:
        return None  # 4 in 2025: a year
    if _word(tokens, j + 1) in {"to", "-", "–"} and _number(tokens, j + 2) is not None:
        return None  # 16% of 16 to 18 year olds: an age range, not a group's size
    if _word(tokens, j + 1) in {"year", "years"} and _word(tokens, j + 2) in {"old", "olds"}:
        return None  # 20% of 17 year olds
    return j, total.values[0], joining


def _what_it_counts(
    tokens: list[_Token], i: int, number: _Number, small: list[int], threshold: int
) -> tuple[int, int, Why] | None:
    """Judge a number by what follows it: a group's total, people, things or nothing."""
    of = _total_after(tokens, i)
    if of is None and (after := _noun_after(tokens, i + 1))[0] == "people":
        of = _total_after(tokens, after[1])  # 45 care leavers out of 47
    if of is not None:
        j, total, joining = of
        if joining == "in" and total in _RATIO_BASES:
            return None  # 1 in 4: a proportion
        kind, end = _noun_after(tokens, j + 1)
        if kind == "things":
            return None  # 4 of the 6 priorities
        last = end if kind == "people" else j
        if small or 1 <= total <= threshold:
            return tokens[last].end, (small or [total])[0], Why.OF_A_GROUP
        if len(number.values) == 1 and 1 <= total - number.values[0] <= threshold:
            return tokens[last].end, total - number.values[0], Why.REST_OF_A_GROUP
        return None
    if _word(tokens, i + 1) == "of":
        j = i + 2
        if (
            _word(tokens, j) in {"which", "them", "these", "those"}
            and _noun_after(tokens, j + 1)[0] != "people"  # not "3 of these children"
            and _of_things_counted(tokens, i)
        ):
            return None  # 12 participation events, 3 of which were online
        # "one of them" may be a voice; "a couple of them", "a pair of our care leavers" count.
        weak = number.weak and tokens[i].word not in {"couple", "pair"}
        if _word(tokens, j) in {"them", "whom", "us", "you"}:
            if weak and not _a_person_counted(tokens, i, j + 1):
                return None  # "one of them said": a voice, not a count
            return tokens[j].end, small[0], Why.PART_OF_A_GROUP
        then = _word(tokens, j + 1)
        if _word(tokens, j) in {"these", "those"} and (
            then in {"who", "in", "on", "at", "with", "placed", "leaving"} or then.endswith("ing")
        ):
            # Three of those returning home: people, whatever noun follows the verb
            return tokens[j].end, small[0], Why.PART_OF_A_GROUP
        if _word(tokens, j) in {"the", "our", "these", "those", "their", "its"}:
            kind, end = _noun_after(tokens, j + 1)
            if kind == "things" or (
                kind == "people" and weak and not _a_person_counted(tokens, i, end + 1)
            ):
                return None  # one of our priorities; one of the young people told us
            if kind == "people":
                return tokens[end].end, small[0], Why.PART_OF_A_GROUP
    # "4 or 5 children", "two to three times": what follows the second number decides.
    k = i + 2 if tokens[i].word in {"couple", "pair"} else i + 1  # "a couple of weeks"
    if _text(tokens, k) in {"Year", "Years"} and _INTEGER.fullmatch(_text(tokens, k + 1)):
        k += 2  # Four Year 11 pupils: the school year describes the pupils counted
    if _word(tokens, k) in {"or", "to", "and", "-", "–"} and _number(tokens, k + 1) is not None:
        k += 2
    kind, end = _noun_after(tokens, k)
    if kind == "people":
        return tokens[end].end, small[0], Why.PEOPLE
    if kind == "things":
        return None
    if number.weak:  # "One went missing twice", not "one said" or "one of the best days"
        one = _a_person_counted(tokens, i) or _one_child_implied(tokens, i)
        return (tokens[i].end, 1, Why.MAY_COUNT_PEOPLE) if one else None
    if (_word(tokens, i - 2), _word(tokens, i - 1)) == ("out", "of"):
        return None  # 4.5 out of 5: a scale (a count before it is judged with it)
    return tokens[i].end, small[0], Why.MAY_COUNT_PEOPLE


def _of_things_counted(tokens: list[_Token], i: int) -> bool:
    """Whether "n of which", "n of them" at token ``i`` is part of things counted last in the
    words before it, with no word for people in its sentence before it: "The plan has 6
    actions, 3 of which are complete", "We held 12 events. 3 of them were online" (not "We
    have 22 UASC, 3 of which are under 16", "We visited 5 homes and met the children; 2 of
    them were unhappy", nor "Six young people attended 12 sessions, 3 of them were girls":
    "them" may be the people)."""
    counted, named = _once(tokens, ("last counted",), lambda: _counted_and_named(tokens))
    k = bisect_left(counted, (i,)) - 1  # the last count before token i
    if k < 0 or counted[k][1] != "things" or counted[k][0] <= i - _CONTEXT_REACH:
        return False
    since = bisect_left(named, (_sentence_of(tokens, counted[k][0])[0],))
    return all(kind != "people" for _, kind in named[since : bisect_left(named, (i,))])


def _one_child_implied(tokens: list[_Token], i: int) -> bool:
    """Whether "one" at token ``i`` counts a child without a word for one: before what happens
    to one child each ("one adoption disrupted", "one permanent exclusion of a child in care",
    "one adoption breakdown", ``events``), before one person's things ("One care leaver's
    tenancy broke down"), or as a table's value ("Electively home educated children: one.",
    as ": 1" is). Not "one exclusion meeting" or "one children's home": things."""
    if tokens[i].word != "one":
        return False
    if _word(tokens, i - 1) in {":", "="} and _names_nothing_after(tokens, i):
        said_of = _clause_before(tokens, i - 1)  # Home educated children in care: one.
        return bool(_PEOPLE.intersection(said_of)) or _subject(tokens, i - 1) != "things"
    return _an_event_of_one_child(tokens, i + 1) is not None


def _an_event_of_one_child(tokens: list[_Token], j: int, *, theirs: bool = True) -> int | None:
    """The last word of what happens to one child, when the words from ``j`` (after "one",
    "a" or "an") say it, perhaps after describing words ("permanent exclusion", "adoption
    order", ``events``), with no thing after it, or (``theirs``, after "one") one person's
    things ("care leaver's tenancy"; "a child's voice is heard" is said of every child)."""
    for k in range(j, min(j + 1 + _MODIFIERS_AT_MOST, len(tokens))):
        word = tokens[k].word.replace("’", "'")
        if tokens[k].line_start or word in _STOPS or not word[:1].isalpha():
            return None
        if word.endswith("'s") and word[:-2] in _PEOPLE and word[:-2] not in _PLURAL_PEOPLE:
            return k if theirs else None  # one care leaver's tenancy
        if word in _EVENTS:
            if _word(tokens, k + 1) in _EVENTS and not tokens[k + 1].line_start:
                k += 1  # an adoption order
            after = _word(tokens, k + 1)
            ends = (
                k + 1 >= len(tokens)
                or tokens[k + 1].line_start
                or not after[:1].isalpha()
                or after in _STOPS
                or (after.endswith("ed") and after not in _DESCRIBING_ED)
            )  # one adoption disrupted; one disruption this quarter; not "one exclusion panel"
            return k if ends else None
        if word in _THINGS or word in _PEOPLE:
            return None
    return None


def _a_person_counted(tokens: list[_Token], i: int, j: int | None = None) -> bool:
    """Whether "one" at token ``i`` (its words end before ``j``: "One", "One of them", "One of
    the young people") counts a person something happened to: it opens a sentence or clause,
    a verb of what happened follows ("One went missing twice", "One recently moved", "Of our
    47 care leavers, one is in custody"), and the last thing counted before it is not things
    ("We opened two new homes. One is in Northtown": one of the homes). What one said, felt or
    thought is a voice, not a count ("One said she never answers", "One of the young people
    told us ..."); "no one", "at one point" and "one of the best days" open nothing."""
    j = i + 1 if j is None else j
    if not _opens_a_clause(tokens, i):
        return False
    j = _past_adverbs(tokens, j)
    verb = _word(tokens, j)
    if verb in _VOICE or not (verb in _GROUP_VERBS or verb in _FLOWS or _a_verb(tokens, j)):
        return False
    return _last_counted(tokens, i) != "things"


def _opens_a_clause(tokens: list[_Token], i: int) -> bool:
    """Whether token ``i`` opens a sentence or clause: after a full stop, a comma, a bullet,
    "and" or "but" (not "all but one", a small group of its own), or after a time that opens
    it with no comma: "Last month a care leaver was sentenced", "On 14 March one of ..."."""
    return _after_a_break(tokens, i) or _after_a_time(tokens, i)


def _after_a_break(tokens: list[_Token], i: int) -> bool:
    """Whether token ``i`` follows a full stop, a comma, a bullet, "and" or "but" (not "all
    but one"), or opens the text or a line."""
    before = _text(tokens, i - 1)
    return (
        i == 0
        or tokens[i].line_start
        or (len(before) == 1 and not before.isalnum() and before not in "-–/£$€#%&")
        or (before.lower() in _CLAUSE_WORDS and _word(tokens, i - 2) not in _ALL)
    )


# Words of a time that may open a sentence before what happened in it, with no comma.
_TIME_WORDS = {
    "last", "this", "next", "earlier", "later", "recently", "yesterday", "today", "on", "in",
    "during", "over", "at", "the", "end", "start", "week", "weekend", "month", "quarter",
    "year", "term", "summer", "autumn", "winter", "spring", "morning", "evening", "night",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "of",
}  # fmt: skip


def _after_a_time(tokens: list[_Token], i: int) -> bool:
    """Whether the words before token ``i``, back to where a clause opens, say only when:
    "Last month", "Yesterday", "On 14 March", "In September 2025", "Earlier this year"."""
    for k in range(i - 1, max(-1, i - 7), -1):
        word = tokens[k].word
        if not (
            word in _TIME_WORDS
            or word in _MONTHS_LOWER
            or _a_period(tokens, k)
            or (word.isdecimal() and len(word) <= 2)
        ):
            return False
        if _after_a_break(tokens, k):
            return True
    return False


def _a_person(tokens: list[_Token], threshold: int) -> Iterable[tuple[int, int, int]]:
    """(start, end, how many) of each "a" or "an" and a word for a child that something
    happened to, a count of one: "A child in care was permanently excluded", "An
    unaccompanied 16-year-old from Afghanistan was placed ...", "A young person in our care
    was charged"; with one more for each "another" after it in its sentence ("A care leaver
    is in custody and another is in a B&B": 2). As for "one" (:func:`_a_person_counted`), it
    opens a sentence or clause and a verb of what happened follows: what one said or felt,
    or could or should do, is a voice or a general truth ("A young person told us ...", "A
    child in care should have a PEP", "A care leaver is entitled to a PA"); a child's things
    ("A child's voice is heard") and other people ("A new foster carer was approved") are
    not a count of children."""
    found: list[tuple[int, int, int]] = []
    sentence_end = -1
    for k, token in enumerate(tokens):
        # "Another child was excluded" is one more (one, when no child was counted before it)
        opener = token.word in {"a", "an", "our", "the"} or (
            token.word == "another" and not (found and k <= sentence_end)
        )
        head = _a_persons_head(tokens, k + 1) if opener else None
        if head is not None and token.word == "the" and not _an_age_said(tokens, k + 1, head):
            head = None  # "the child" may be any child; "the 17-year-old (girl)" is one
        if head is not None and (
            (_opens_a_clause(tokens, k) and _something_happened(tokens, head + 1))
            or (_there_is_or_we_have(tokens, k) and _somewhere_after(tokens, head + 1))
        ):  # A child in care was excluded; There is a child in custody
            found.append((tokens[k].start, tokens[head].end, 1))
            sentence_end = _sentence_of(tokens, k)[1]
            continue
        event = (
            _an_event_of_one_child(tokens, k + 1, theirs=False)
            if token.word in {"a", "an"}
            else None
        )
        if event is not None and not _VOICE.intersection(
            _word(tokens, m) for m in range(event + 1, event + 5)
        ):  # there was an exclusion; not "a placement move can unsettle a child"
            found.append((tokens[k].start, tokens[event].end, 1))
        elif (
            token.word == "another"
            and found
            and k <= sentence_end
            and _opens_a_clause(tokens, k)
            and _something_happened(tokens, k + 1)
        ):
            start, end, count = found[-1]
            found[-1] = (start, end, count + 1)  # ... and another is in a B&B
    return [hit for hit in found if hit[2] <= threshold]


def _an_age_said(tokens: list[_Token], start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` say an age: "16-year-old (girl)", "16 year
    old (care leaver)"."""
    return any(
        _AN_AGE.fullmatch(tokens[k].word)
        or (tokens[k].word == "old" and _word(tokens, k - 1) in _YEARS)
        for k in range(start, end + 1)
    )


_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
    "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
}  # fmt: skip


def _ordinals(tokens: list[_Token], threshold: int) -> Iterable[tuple[int, int, int]]:
    """(start, end, how many) of an ordinal that counts children or what happened to them:
    "our third adoption of the year" (3), "the second UASC this year to start university"
    (2), "the first care leaver from Northtown to qualify as a doctor" (1, and who)."""
    for k, token in enumerate(tokens):
        n = _ORDINALS.get(token.word)
        if n is None or n > threshold or _word(tokens, k - 1) not in _ORDINAL_OWNERS:
            continue
        end = _a_persons_head(tokens, k + 1)
        if end is None:
            end = _an_event_of_one_child(tokens, k + 1, theirs=False)
        elif any(_word(tokens, m) in _BODIES for m in range(end + 1, end + 5)):
            continue  # the first child in care council: a body, not a child
        if end is not None:
            yield tokens[k - 1].start, tokens[end].end, n


# Words after "the first child ..." that make it a meeting or a body, not a child.
_BODIES = {
    "council", "councils", "panel", "panels", "board", "boards", "forum", "forums",
    "conference", "conferences", "review", "reviews", "meeting", "meetings", "protection",
    "covenant", "plan", "plans",
}  # fmt: skip


_ORDINAL_OWNERS = {"our", "the", "this", "its", "their"}
_FRACTIONS = {
    "half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
# More than one part ("two thirds", "three-quarters"), and the signs for fractions ("¾").
_FRACTIONS_OF_MANY = {
    "thirds": 3, "quarters": 4, "fifths": 5, "sixths": 6, "sevenths": 7, "eighths": 8,
    "ninths": 9, "tenths": 10,
}  # fmt: skip
_FRACTION_SIGNS = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5),
    "⅗": (3, 5), "⅘": (4, 5),
}  # fmt: skip


def _fractions(tokens: list[_Token], threshold: int) -> Iterable[tuple[int, int, int]]:
    """(start, end, how many) of a fraction of a group whose size is given with it, when the
    part or the rest is 1 to ``threshold``: "Half of the 8 UASC" (4), "A third of the 6
    children" (2), "Two thirds of the 6 children" (4, and 2 not), "¾ of our 8 UASC" (6, and
    2 not); not of things ("half of the 12 schools") nor of a large group."""
    for k in range(len(tokens)):
        # "Half of our 6 UASC", and "half our 6 UASC", "half the 8 children"
        half = tokens[k].word == "half" and _word(tokens, k + 1) in _DETERMINERS
        fraction = _fraction(tokens, k) if _word(tokens, k + 1) == "of" or half else None
        if fraction is None:
            continue
        start, parts, whole = fraction
        j = k + 1 + (not half)
        j += _word(tokens, j) in _DETERMINERS
        number = _number(tokens, j) if _INTEGER.fullmatch(_text(tokens, j)) else None
        kind, noun = _noun_after(tokens, j + 1)
        if number is None or kind == "things":
            continue
        total = number.values[0]
        part = total * parts // whole
        if total * parts % whole == 0 and (
            1 <= part <= threshold or 1 <= total - part <= threshold
        ):
            end = tokens[noun if kind == "people" else j].end
            yield tokens[start].start, end, part if 1 <= part <= threshold else total - part


def _fraction(tokens: list[_Token], k: int) -> tuple[int, int, int] | None:
    """(the index of its first word, the parts, the whole) of a fraction at token ``k``:
    "half", "a third" (1, 3), "two thirds", "two-thirds" (2, 3), "¾" (3, 4); None for any
    other word. A fraction of a small group is a count of it however it is written."""
    word = tokens[k].word
    if word in _FRACTION_SIGNS:
        return k, *_FRACTION_SIGNS[word]
    if word in _FRACTIONS:
        return k - (_word(tokens, k - 1) in {"a", "one"}), 1, _FRACTIONS[word]
    many, _, kind = word.rpartition("-")  # two-thirds, three-quarters
    if many in _UNITS and kind in _FRACTIONS_OF_MANY and _UNITS[many] < _FRACTIONS_OF_MANY[kind]:
        return k, _UNITS[many], _FRACTIONS_OF_MANY[kind]
    if many in {"one", "a"} and kind in _FRACTIONS:  # one-third, one-sixth
        return k, 1, _FRACTIONS[kind]
    before = _text(tokens, k - 1)  # two thirds ("two" is digits by now)
    if word in _FRACTIONS_OF_MANY and before.isdecimal():  # not "²", which int() refuses
        parts = _whole(before)
        if parts < _FRACTIONS_OF_MANY[word]:
            return k - 1, parts, _FRACTIONS_OF_MANY[word]
    return None


def _a_persons_head(tokens: list[_Token], j: int) -> int | None:
    """The index of the word for a child after "a" (token ``j`` on), after up to three
    describing words: "child", "looked-after young person", "15-year-old girl", or an age
    alone ("unaccompanied 16-year-old"); None for anything else, for a child's things ("a
    child's voice") and for other people ("a foster carer", "a parent")."""
    k = j - 1
    reach = j + _MODIFIERS_AT_MOST
    while k < min(reach, len(tokens) - 1):
        k += 1
        word = tokens[k].word.replace("’", "'")
        if k > j and tokens[k].line_start:
            return None
        if word in {"year", "yr"} and _INTEGER.fullmatch(_text(tokens, k + 1)):
            k += 1  # a Year 10 pupil: the school year describes the pupil
            continue
        if (
            word.isdecimal()
            and len(word) <= 2
            and _word(tokens, k + 1) in _YEARS
            and _word(tokens, k + 2) == "old"
        ):  # a 17 year old (care leaver), as a 17-year-old
            if _noun_after(tokens, k + 3)[0] != "people":
                return k + 2
            k += 2
            reach += 2  # "17 year old" is one describing word, as "17-year-old" is
            continue
        if word == "young" and _word(tokens, k + 1) == "person":
            k += 1
            word = "person"
        if word == "looked" and _word(tokens, k + 1) == "after":
            k += 1  # a looked after child, as a looked-after child
            reach += 1
            continue
        if word in _PEOPLE:
            singular = not _plural(word)  # not "a few"
            singular = singular and word not in _OTHER_PEOPLE
            return k if singular and word not in {"case", "individual"} else None
        if _AN_AGE.fullmatch(word) and _noun_after(tokens, k + 1)[0] != "people":
            return k  # an unaccompanied 16-year-old
        if word in _STOPS or word in _THINGS or not word[:1].isalnum() or word.endswith("'s"):
            return None
    return None


# Words soon after "a child" that make it any child, not one: "We have a young person in every
# meeting", "There is a child in care at the heart of everything we do".
_GENERIC = {"every", "each", "any", "heart", "centre", "center"}


def _there_is_or_we_have(tokens: list[_Token], k: int) -> bool:
    """Whether "a" or "an" at token ``k`` follows "there is" or "we have", perhaps with an
    adverb between: "There is currently a child in secure accommodation", "We have a care
    leaver in custody", "We've had a UASC placed out of area": one child the council has.
    Not in a condition: "Where there is a child in custody, ..."."""
    j = k - 1
    while j > 0 and (_adverb(_word(tokens, j)) or _word(tokens, j) in {"also", "still", "now"}):
        j -= 1
    verb, subject = _word(tokens, j).replace("’", "'"), _word(tokens, j - 1)
    if verb == "had" and subject in {"have", "has", "we've"}:
        verb, subject = subject, _word(tokens, j - 2)  # we have had a child ...
    while _adverb(subject) or subject in {"also", "still", "now"}:
        j -= 1
        subject = _word(tokens, j - 1)  # we currently have
    said = verb in {"there's", "we've"} or (
        (subject, verb)
        in {("there", "is"), ("there", "was"), ("there", "remains"), ("we", "have"), ("we", "had")}
    )
    return said and not {"if", "where", "when", "whenever", "unless", "whether"} & set(
        _clause_before(tokens, k)
    )


# Past tenses that open a clause about a child something happened to: "who was remanded".
_HAPPENED = {"was", "had", "went", "ran", "arrived", "moved", "left", "came", "became", "turned"}


def _past_a_place(tokens: list[_Token], j: int) -> int:
    """The index after where the child is, from token ``j``: "in custody", "in secure
    accommodation", "in a B&B" (up to three words before a verb of what happened); ``j``
    itself for anything else, and for any child anywhere ("in every meeting")."""
    if _word(tokens, j) != "in":
        return j
    for k in range(j + 1, j + 5):
        word = _word(tokens, k)
        if word in _GENERIC or not word[:1].isalnum():
            return j
        if word in {"was", "were", "is", "has", "had"} or word in _FLOWS:
            return k if k > j + 1 else j
    return j


def _past_in_care(tokens: list[_Token], j: int) -> int:
    """The index after "looked after" and "in (our) care" from token ``j``, which say no more
    than that the child is ours: "a child looked after", "a young person in our care"."""
    if (_word(tokens, j), _word(tokens, j + 1)) == ("looked", "after"):
        j += 2
    if _word(tokens, j) == "in":
        k = j + 1 + (_word(tokens, j + 1) in _DETERMINERS)
        if _word(tokens, k) == "care":
            j = k + 1  # a child in our care
    return j


def _somewhere_after(tokens: list[_Token], j: int) -> bool:
    """Whether the words from ``j``, after a word for a child, say where the child is or what
    was done to them, not what the words name: "(a child) in custody", "placed out of area",
    "on remand", "who is missing", "awaiting a placement", "in our care."; not "(a care leaver)
    offer", "(a child in care) champion", "(a young person) voice group"."""
    j = _past_in_care(tokens, j)
    if j >= len(tokens) or tokens[j].line_start:
        return True
    word = tokens[j].word
    if word == "'s" or word.endswith("'s") or word.endswith("’s"):
        return False
    if _GENERIC & {_word(tokens, m) for m in range(j, j + 6)}:
        return False  # a young person in every meeting, at the heart of what we do
    return (
        word in _STOPS
        or not word[:1].isalnum()
        or (word.endswith("ed") and word not in _DESCRIBING_ED)
        or word.endswith("ing")
        or word in _STATES
    )


def _something_happened(tokens: list[_Token], j: int) -> bool:
    """Whether a verb of what happened to a child follows from token ``j``, after "in (our)
    care", "looked after", "from" a place and adverbs: "was excluded", "went missing", "is in
    custody", "has been waiting"; not a voice or a modal ("told us", "should have"), nor a
    general truth ("is entitled to", "has a PEP")."""
    j = _past_in_care(tokens, j)
    if _word(tokens, j) == "from":
        j += 1
        while _text(tokens, j)[:1].isupper() and not tokens[j].line_start:
            j += 1  # from Afghanistan
    if _word(tokens, j) in {"who", "that"} and _word(tokens, j + 1) in _HAPPENED:
        return True  # A 17-year-old who was remanded ...; a care leaver who went missing
    j = _past_a_place(tokens, j)  # A care leaver in custody was released
    j = _past_adverbs(tokens, j)
    verb, then = _word(tokens, j), _word(tokens, j + 1)
    if verb in _VOICE or verb in {"will", "shall"}:
        return False
    if verb in {"is", "are", "has", "have", "gets", "receives", "needs"} and (
        then in _GENERAL or then in {"to", "a", "an", "the", "their", "access"}
    ):
        return False  # A care leaver is entitled to a PA; A child in care has a PEP
    return verb in _FLOWS or verb in _STATES or _a_verb(tokens, j)


def _last_counted(tokens: list[_Token], i: int) -> str:
    """What the words before token ``i`` last counted ("people", "things" or ""), or else
    last named: "We held three events for foster carers. One ..." is one of the events."""
    counted, named = _once(tokens, ("last counted",), lambda: _counted_and_named(tokens))
    for found in (counted, named):
        k = bisect_right(found, (i,)) - 1  # the last before token i
        if k >= 0 and found[k][0] > i - _CONTEXT_REACH:
            return found[k][1]
    return ""


def _counted_and_named(tokens: list[_Token]) -> tuple[list[tuple[int, str]], ...]:
    """(index, "people" | "things") of each count of people or things in ``tokens``, and of
    each word for them, in order (worked out once: a text may have thousands of "one")."""
    counted, named = [], []
    for k, token in enumerate(tokens):
        if token.text[0].isdigit() and _number(tokens, k) is not None:
            kind = _noun_after(tokens, k + 1)[0]
            if kind:
                counted.append((k, kind))
        if token.word in _PEOPLE and token.word not in _THEM and token.word != "us":
            named.append((k, "people"))
        elif token.word in _THINGS:
            named.append((k, "things"))
    return counted, named


def _part_of_a_group(tokens: list[_Token], i: int, number: _Number, threshold: int) -> bool:
    """Whether the count at token ``i`` may be part of a group the text gives the size of.

    Fail closed: any count is, however the sentence is built ("45 were in touch", "and 45
    were", "This quarter 45 were", "we were in touch with 45"), but what names something (a
    year, an age, a time), a figure or a rate ("45 was our figure", "68.0 per 10,000"), a
    sentence about money, staff or elsewhere, a comparison ("up from 45", "compared with 45",
    "last quarter 637"), a count of things, and the second of two flows ("56 came into care
    and 51 left": the 51 are not some of the 56)."""
    if _word(tokens, i + 1) in {"is", "was", "has", "per"} or _of_a_number(tokens, i):
        return False  # 45 of 47 is judged as n of N
    if _another_time_or_place(tokens, i + 1):
        return False  # "48 in Q1", "49 in Suffolk"
    alone = _names_nothing_after(tokens, i)
    if (alone and _a_size_named(tokens, i)) or (
        _word(tokens, i - 1) in {":", "="} and _a_period(tokens, i - 2)
    ):
        return False  # "Care leavers: 48" is a group of its own; "(Q1: 48)" another time
    if _word(tokens, i - 1) in {"is", "was", "be"} and not _a_number_of(tokens, i):
        return False  # "the target is 45", "a year ago it was 48"
    if (_word(tokens, i - 1) in {":", "=", "|", "is", "was"} or _numbering(tokens, i - 1)) and (
        _subject(tokens, i - 1) == "things"
    ):
        return False  # "Visits: 48 on time", "PA visits numbered 45": a count of things
    kind = _noun_after(tokens, i + 1)[0]
    if not kind and _word(tokens, i + 1).endswith("ed") and not _a_verb(tokens, i + 1):
        kind = _noun_after(tokens, i + 2)[0]  # 45 completed pathway plans were audited
    before, before2 = _word(tokens, i - 1), _word(tokens, i - 2)
    if (
        kind == "things"
        or before in _COMPARED_BEFORE
        or (before in {"with", "to"} and before2 in {"compared", "comparison"})
        or (before in {"quarter", "year", "month", "week"} and before2 in _EARLIER)
        or (before in {"the", "our", "their"} and before2 in {"of", "among"})  # Of the 49 who
    ):
        return False
    return (
        not _another_flow(tokens, i)
        and not _about_something_else(tokens, i)
        and not _names_something(tokens, i, number, threshold, set())
    )


def _elided(tokens: list[_Token], i: int) -> bool:
    """Whether the count at token ``i`` names nothing after it, so it counts what the text
    has been talking about: "45 were in touch", "45 in touch", "in touch with 45."."""
    if i + 1 >= len(tokens) or tokens[i + 1].line_start:
        return True  # a line break ends what a number counts: "In touch 45\nChildren in care"
    j = i + 1
    while _adverb(_word(tokens, j)) and not tokens[j].line_start:
        j += 1  # 45 currently in touch, 43 suitably housed
    if j >= len(tokens) or tokens[j].line_start:
        return True
    if j > i + 1 and _word(tokens, j).isalpha() and _noun_after(tokens, j)[0] == "":
        return True  # 45 regularly see their PA: after an adverb, a verb
    word = tokens[j].word
    if not word[:1].isalnum() or word in _STOPS or word in _GROUP_VERBS or word in _STATES:
        return True
    if word in _COMPARED_BEFORE:
        return True  # 45 against a cohort of 47, 45 vs 47 eligible: set beside the group
    if word in _INTENTS and _word(tokens, j + 1) == "to":
        return True  # 26 plan to remain
    if word == "up" and (_word(tokens, j + 1), _word(tokens, j + 2)) == ("to", "date"):
        return True  # Pathway plans: 45 up to date
    if word in _DESCRIBING_ED:
        return not _word(tokens, j + 1)[:1].isalnum()  # "Staying close: 45 supported."
    return word.endswith("ed") and _a_verb(tokens, j)


def _past_adverbs(tokens: list[_Token], j: int) -> int:
    """The first token from ``j`` that is not an adverb ("One recently moved", "A child in care
    was also excluded")."""
    while _adverb(_word(tokens, j)) or _word(tokens, j) in {"also", "still", "now", "then"}:
        j += 1
    return j


def _adverb(word: str) -> bool:
    """Whether ``word`` is an adverb in "-ly" ("regularly", "currently")."""
    return word.endswith("ly") and word.isalpha() and word not in _PEOPLE


def _another_time_or_place(tokens: list[_Token], j: int) -> bool:
    """Whether the words from ``j``, after a count, set it in another time or place: "48 in
    Q1", "45 in 2025/26", "49 in March 2025", "48 at the end of June", "45 on 30 June", "44
    the year before", "45 since 2018", "49 in Suffolk" (a place's name; "45 in EET" is not)."""
    word, then = _word(tokens, j), _word(tokens, j + 1)
    if word in {"since", "previously", "before", "ago"} or (word, then) in _ANOTHER_TIME:
        return True
    if word in {"last", "a", "the"} and then in {"year", "quarter", "month", "week", "time"}:
        return True  # 45 last year, 44 the year before, 47 a year ago
    if word not in {"in", "on", "at", "by", "during", "for"} or j + 1 >= len(tokens):
        return False
    text = tokens[j + 1].text
    year = _YEAR.match(text)
    return (
        then in _MONTHS_LOWER
        or then in {"q1", "q2", "q3", "q4"}
        or (year is not None and 1900 <= int(year.group()) <= 2100)  # 2025, 2025/26
        or (text[:1].isdigit() and _word(tokens, j + 2) in _MONTHS_LOWER)  # on 30 June
        or (text[:1].isupper() and text[1:].islower() and then not in _PEOPLE)  # Suffolk
    )


def _a_period(tokens: list[_Token], k: int) -> bool:
    """Whether token ``k`` names a quarter or a year: "Q1", "2025", "2025/26"."""
    return k >= 0 and (
        tokens[k].word in {"q1", "q2", "q3", "q4"} or bool(_YEAR.match(tokens[k].text))
    )


def _set_in_another_time(tokens: list[_Token], i: int) -> bool:
    """Whether the sentence of token ``i`` opens in another year or an earlier period: "In
    2019 we had 49", "Since 2015, 45 care leavers have gone to university", "Last quarter we
    had 49", "A year ago there were 49"."""
    start, _ = _sentence_of(tokens, i)
    first, second = _word(tokens, start), _word(tokens, start + 1)
    if first in {"in", "since"} and start + 1 < i:
        return _YEAR.match(tokens[start + 1].text) is not None
    periods = {"quarter", "year", "month", "week", "term"}
    if first in _EARLIER and second in periods and start + 1 < i:
        return True  # last quarter we had 49
    return first == "a" and second in periods and _word(tokens, start + 2) == "ago"


def _in_its_sentence(tokens: list[_Token], i: int, sizes: Iterable[int]) -> list[int]:
    """The ``sizes`` given in the sentence of token ``i`` as well: a count set in another time
    is part only of a group of that time ("In 2019 we had 52 children in care and 49 were in
    foster care"), not of one given elsewhere ("We have 52 children in care. In 2019 we had
    49")."""
    start, end = _sentence_of(tokens, i)
    here = _once(tokens, ("numbers", start), lambda: _numbers_in(tokens, start, end))
    return [size for size in sizes if here.get(size, i) != i]


def _numbers_in(tokens: list[_Token], start: int, end: int) -> dict[int, int]:
    """Each whole number among tokens ``start`` to ``end``, with where it first is."""
    found: dict[int, int] = {}
    for k in range(start, end + 1):
        number = _number(tokens, k) if tokens[k].text[0].isdigit() else None
        if number is not None and len(number.values) == 1:
            found.setdefault(number.values[0], k)
    return found


def _a_number_of(tokens: list[_Token], i: int) -> bool:
    """Whether the count at token ``i`` is said to be "the number ..." or "the total ...":
    "the number in touch is 45", "the total in touch was 45"."""
    start, _ = _sentence_of(tokens, i)
    return any(tokens[k].word in _COUNT_WORDS for k in range(max(start, i - 10), i))


def _numbering(tokens: list[_Token], k: int) -> bool:
    """Whether token ``k`` is a verb that gives a count: "numbers", "numbered", "totalled",
    and "number" after a plural, an adverb or a clause with people in it ("Care leavers in
    custody now number 2", "UASC currently number 4", "Our staying put arrangements number
    four"); not a label ("Number 4", "room number 5", "the child's case number 4")."""
    word, before = _word(tokens, k), _word(tokens, k - 1)
    if word != "number":
        return word in _NUMBERING
    if before in _LABELS or not before.isalpha():
        return False
    if before.endswith("s") or _adverb(before) or before in {"now", "still", "together"}:
        return True
    return any(
        w in _PEOPLE and w not in _THEM and w != "us" and (w.endswith("s") or w in _PLURAL_PEOPLE)
        for w in _clause_before(tokens, k)
    )


def _same_people(tokens: list[_Token], i: int, number: _Number, threshold: int) -> list[int]:
    """The sizes of the groups the text says it has ("We have 47 care leavers", "there were
    630 children in our care") that a count of people at token ``i`` may be part of: the same
    people ("... 45 care leavers were in touch"), or people in general ("45 young people were
    in touch"). Not any other count of people: "29 children went missing ... 25 children were
    at risk of exploitation" are two groups, neither part of the other."""
    kind, noun = _noun_after(tokens, i + 1)
    if kind != "people" or not _part_of_a_group(tokens, i, number, threshold):
        return []
    mine, count = tokens[noun].word, number.values[0]
    by_size = _once(tokens, ("people by size",), lambda: _by_size(_people(tokens)))
    anyone = mine in _ANY_PEOPLE or mine in _ONE_EACH
    return [  # only the sizes a small rest away: a long text may give thousands
        size  # (each once, by its words: "52 CiC. 50 PEPs." 2,000 times over was quadratic)
        for size in range(count + 1, count + threshold + 1)
        if (theirs := by_size.get(size))
        and (anyone or not theirs.isdisjoint({"", mine} | _ANY_PEOPLE | _ONE_EACH))
    ]


def _by_size(people: list[tuple[int, int, str]]) -> dict[int, set[str]]:
    """The words for each size of group a text says it has (the count itself is never one of
    them: a group is larger than a count of part of it)."""
    found: dict[int, set[str]] = {}
    for _, size, word in people:
        found.setdefault(size, set()).add(word)
    return found


def _people(tokens: list[_Token]) -> list[tuple[int, int, str]]:
    """(index, size, the word for them; "" for any) of each group a text says it has: "We
    have 47 care leavers", "we support 47", "There were 630 children", "our 47 care leavers",
    "47 care leavers were eligible" (starting a sentence), and a size named ("the cohort is
    47", "out of 47", "(47 eligible)")."""
    found = []
    for k, token in enumerate(tokens):
        if not (token.text[0].isdigit() or token.word in _NUMBER_WORDS):
            continue
        number = _number(tokens, k)
        if number is None or number.total is not None or len(number.values) != 1:
            continue
        if _a_size_named(tokens, k):
            found.append((k, number.values[0], ""))
            continue
        if not _having_before(tokens, k) and k != _sentence_of(tokens, k)[0]:
            continue
        kind, noun = _noun_after(tokens, k + 1)
        if kind == "people" and _word(tokens, k - 1) not in _AGE:
            found.append((k, number.values[0], tokens[noun].word))
    return found


def _having_before(tokens: list[_Token], k: int) -> bool:
    """Whether the words before token ``k`` say the text has the group it counts: "We have
    47", "there were 630", "our 47", "Our PA service works with 47" (``having``)."""
    before = _word(tokens, k - 1)
    if before in {"are", "were", "is", "was"} and _word(tokens, k - 2) == "there":
        before = "there"
    return (before,) in _HAVING or (_word(tokens, k - 2), before) in _HAVING


def _another_flow(tokens: list[_Token], i: int) -> bool:
    """Whether the count at token ``i`` is of a flow ("51 left") and its sentence gave another
    one before it ("56 children came into care and 51 left care")."""
    kind, noun = _noun_after(tokens, i + 1)
    verb = noun + 1 if kind == "people" else i + 1
    if _word(tokens, verb) in {"also", "then", "later", "who", "that"}:
        verb += 1
    if _word(tokens, verb) not in _FLOWS:
        return False
    start, _ = _sentence_of(tokens, i)
    return any(tokens[k].word in _FLOWS for k in range(start, i))


def _a_verb(tokens: list[_Token], j: int) -> bool:
    """Whether the words from ``j`` start with a verb ("were", "lived", "now live"); not a
    word in "-ed" that describes a thing or people a verb follows ("45 completed plans were
    audited")."""
    if _word(tokens, j) in {"also", "now", "still", "all"}:
        j += 1
    word = _word(tokens, j)
    if word in _GROUP_VERBS or (word in _INTENTS and _word(tokens, j + 1) == "to"):
        return True
    if not word.endswith("ed") or "-" in word or word in _DESCRIBING_ED:
        return False
    # "45 funded apprenticeships were offered": the words after it name what has a verb.
    k = j + 1
    while (
        k <= j + _MODIFIERS_AT_MOST
        and _word(tokens, k).isalpha()
        and (_word(tokens, k) not in _STOPS)
    ):
        k += 1
    return k == j + 1 or _word(tokens, k) not in _GROUP_VERBS


def _noun_after(tokens: list[_Token], j: int) -> tuple[str, int]:
    """("people" | "things" | "", index of the noun) for the words from ``j``: the first
    noun this module knows, after up to three describing words; "" when it meets a verb, a
    small word or punctuation first."""
    k = j
    while k < min(j + _MODIFIERS_AT_MOST + 1, len(tokens)):
        if tokens[k].line_start:
            return "", k  # "Children in care: 52\nCare leavers: 48": a new line, a new thing
        word = tokens[k].word.replace("’", "'")
        if k == j and word in _INTENTS and _word(tokens, k + 1) == "to":
            return "", k  # 26 plan to remain: a verb
        if word in {"looked", "looked-after"}:
            k += 1 + (word == "looked" and _word(tokens, k + 1) == "after")
            continue  # looked after children
        if word == "young" and _word(tokens, k + 1) in {"people", "person", "persons"}:
            return "people", k + 1
        if word.endswith("'s") or word.endswith("s'"):
            k += 1
            continue  # children's homes: the home is what is counted
        if word in _PEOPLE:
            return "people", k
        if word in {"member", "members"} and _word(tokens, k + 1) == "of":
            m = k + 2 + (_word(tokens, k + 2) in _DETERMINERS)
            young = {"youth", "young", "children's", "pupil", "pupils", "school", "student"}
            if _noun_after(tokens, m)[0] == "things" and not young & {
                _word(tokens, n) for n in range(m, m + 4)
            }:
                return "things", k  # two members of the panel (not of the youth panel)
        if word in _ONE_EACH and _word(tokens, k - 1) not in _COUNCILS_PLANS:
            return "people", k  # 48 care plans stand for the 48 children who have one
        if word in _THINGS or (word == "per" and _word(tokens, k + 1) == "cent"):
            return "things", k
        if word in _STOPS or not word[:1].isalpha():
            return "", k
        if word in {"their", "his", "her"}:
            return "", k  # 45 see their PAs: the word before is a verb, and what follows theirs
        if word.endswith("ed") and "-" not in word and word not in _DESCRIBING_ED:
            return "", k  # a verb; "Ofsted-registered" and "care-experienced" describe
        k += 1
    return "", j


def _small_groups(tokens: list[_Token], threshold: int) -> Iterable[tuple[int, int, int]]:
    """(start, end, fewest people) of each phrase that names a small group of people in
    words (``small_groups`` in small_numbers.toml): "twins", "the only child", "both of the
    brothers", "a handful of children", "a handful were excluded"."""
    words = [t.word.replace("’", "'") for t in tokens]
    i = 0
    while i < len(tokens):
        for size in range(min(_LONGEST_GROUP, len(tokens) - i), 0, -1):
            phrase = tuple(words[i : i + size])
            hit = _group_at(tokens, phrase, i + size)
            if hit is not None:
                end, count = hit
                if count <= threshold:
                    yield tokens[i].start, tokens[end].end, count
                i = end
                break
        i += 1


def _the_rest(
    tokens: list[_Token], threshold: int, groups: Collection[int]
) -> Iterable[tuple[int, int, int]]:
    """(start, end, how many) of "the rest", "the others" or "the remainder" when the group's
    size and its other parts are given before it in the sentence (or in the sentence before,
    when the rest opens its own) and the rest is 1 to ``threshold``: "Of our 47 care leavers,
    30 are in work, 14 in education and the rest are NEET" (3)."""
    for r, token in enumerate(tokens):
        if token.word in _RESTS_AFTER:
            if _word(tokens, r - 1) not in _RESTS_AFTER[token.word]:
                continue
            if token.word == "other" and _noun_after(tokens, r + 1)[0] != "people":
                continue  # all other placements
        elif token.word not in _RESTS or _word(tokens, r - 1) not in {"the", "all"}:
            continue
        if _word(tokens, r + 1) == "of" and _word(tokens, r + 2) not in _THEM:
            continue  # the rest of the year
        counts: list[int] = []
        k = r - 2
        # A sentence that opens with the rest reads on from the one before: "Of our 47 care
        # leavers, 30 are in work and 14 in education. The others are NEET."
        stops = 1 + (_text(tokens, k) in {".", "!", "?"} and not tokens[r - 1].line_start)
        while k >= max(0, r - _PARTS_REACH) and not tokens[k + 1].line_start:
            if tokens[k].text in {".", "!", "?"}:
                stops -= 1
                if not stops:
                    break
            number = _number(tokens, k) if tokens[k].text[0].isdigit() else None
            if (
                number is not None
                and number.total is None
                and len(number.values) == 1
                and _percent_at(tokens, k) is None
                and _noun_after(tokens, k + 1)[0] != "things"
                and not _names_something(tokens, k, number, threshold, set())
            ):
                counts.append(number.values[0])
            k -= 1
        if len(counts) < 3:
            continue  # the group and at least two parts
        total = max(counts)
        if total in groups or _people_somewhere(tokens, total):
            rest = total - (sum(counts) - total)
            if 1 <= rest <= threshold:
                yield tokens[r - 1].start, token.end, rest


def _people_somewhere(tokens: list[_Token], size: int) -> bool:
    """Whether the text says it has a group of ``size``."""
    return size in _once(tokens, ("people by size",), lambda: _by_size(_people(tokens)))


def _group_at(tokens: list[_Token], phrase: tuple[str, ...], j: int) -> tuple[int, int] | None:
    """(index of the last token, fewest people) if ``phrase``, followed by tokens from ``j``,
    names a small group of people."""
    if phrase in _ALONE:
        return j - 1, _ALONE[phrase]
    if phrase not in _BEFORE_PEOPLE and phrase not in _FEW:
        return None
    count = _BEFORE_PEOPLE.get(phrase) or _FEW[phrase]
    k = j
    if phrase[-1] == "of" or _word(tokens, k) == "of":
        k += _word(tokens, k) == "of"
        k += _word(tokens, k) in _DETERMINERS
        if _INTEGER.fullmatch(_text(tokens, k)):
            k += 1  # all but a handful of our 47 care leavers: the handful is of the 47
    elif phrase in _FEW and _word(tokens, k) in _GROUP_VERBS:
        if phrase == ("a", "couple") and _a_couple_of_adults(tokens, k):
            return None  # "A couple were approved as adopters": two adults, not two children
        if phrase in _PRONOUNS_OF_TWO and (
            tokens[k].line_start
            or _last_counted(tokens, j - 1) == "things"
            or not _something_happened(tokens, k)
        ):
            return None  # "We opened two homes; both are rated good", "Both are priorities"
        return j - 1, count  # "a handful were excluded", "a couple were not"
    kind, end = _noun_after(tokens, k)
    if kind != "people":
        return None
    if phrase[-1] in _ONE_OF_A_KIND and (
        _plural(tokens[end].word) or tokens[end].word in _OTHER_PEOPLE
    ):
        return None  # "our youngest children", "our oldest foster carer": not one child
    if phrase[0] == "both" and _both_and(tokens, end + 1):
        return None  # "both children in care and care leavers": not two children
    return end, count


# Words that single out one child before a word for one ("our youngest child"), not many.
_ONE_OF_A_KIND = {"youngest", "oldest", "eldest"}


def _plural(word: str) -> bool:
    return word.endswith("s") or word in _PLURAL_PEOPLE


# "Both" and "neither" stand for two of whatever was counted or named last.
_PRONOUNS_OF_TWO = {("both",), ("neither",)}


def _a_couple_of_adults(tokens: list[_Token], k: int) -> bool:
    """Whether the eight words from ``k``, after "a couple" and a verb, say the couple are
    adults who foster or adopt: "A couple were approved as adopters", "A couple came forward
    to adopt"."""
    adults = _OTHER_PEOPLE | {"adopt", "adopting", "foster", "fostering", "approved", "married"}
    return any(_word(tokens, n) in adults for n in range(k, k + 8))


def _both_and(tokens: list[_Token], k: int) -> bool:
    """Whether "and" follows within four words, before a verb or punctuation: "both ... and"."""
    for word in (_word(tokens, n) for n in range(k, k + 4)):
        if word == "and":
            return True
        if not word[:1].isalpha() or word in _GROUP_VERBS:
            return False
    return False


def _percent_of_a_group(
    tokens: list[_Token], i: int, percent: float, threshold: int
) -> tuple[int, int, Why] | None:
    """ "6.5% of 62" is 4 children, a sum any reader can do."""
    of = _total_after(tokens, i)
    if of is None or of[2] not in {"of", "n"}:
        return None  # 91.5% of 47, 91.5% (n=47); not 5% in 62
    j, total, _ = of
    children = max(round(percent * total / 100), 1) if percent > 0 else 0
    kind, end = _noun_after(tokens, j + 1)
    if _of_things(tokens, j + 1):
        return None  # 50% of 4 schools, 96% of 52 reviews
    last = tokens[end if kind == "people" else j].end
    if 1 <= children <= threshold:
        return last, children, Why.PERCENT_OF_A_GROUP
    if 1 <= total <= threshold:
        return last, total, Why.OF_A_GROUP  # 0% of 4 children
    if 1 <= total - children <= threshold and percent < 100:
        return last, total - children, Why.REST_OF_A_GROUP  # 93.5% of 62: 4 were not
    return None


def _of_things(tokens: list[_Token], j: int) -> bool:
    """Whether the words from ``j`` (after "of" in a percentage) name things that are not
    children, nor what each child has one of: "schools", "calls", "their PA contacts",
    "missing episodes" (``many_each``): a share of them is no share of a group of children.
    Words this module does not know ("of referrals", "of assessments") fail closed."""
    kind, _ = _noun_after(tokens, j)
    if kind:
        return kind == "things"
    for k in range(j, min(j + _MODIFIERS_AT_MOST + 1, len(tokens))):
        word = tokens[k].word.replace("’", "'")
        if word in _MANY_EACH:
            return True
        if word in _STOPS or not word[:1].isalpha():
            return False
    return False


def _share_of_a_group(
    tokens: list[_Token], i: int, sizes: Sequence[int], threshold: int
) -> tuple[int, int, Why] | None:
    """A percentage with no group's size of its own ("91.5% lived in suitable accommodation")
    that is a share of a group whose size the commentary gives elsewhere, with a part or a
    rest from 1 to ``threshold``: 91.5% of the 47 care leavers of another sentence is 43 of
    47, so 4 were not. Only shares the percentage could be, as written, are counted (43 of 47
    is 91.49%, written 91.5 or 91%; 72.3% is no share of 47 a reader could tell apart)."""
    percent = _percent_at(tokens, i)
    if percent is None or not sizes or _total_after(tokens, percent[1]) is not None:
        return None
    written, last = percent
    if _an_aim(tokens, i) or _word(tokens, i - 1) in _CHANGE_BEFORE:
        return None  # our 90% target, a target of 90%, down 1%: no share of anyone
    if _about_something_else(tokens, i):
        return None  # the England average is 91.5%; staff turnover fell to 8.5%
    if _own_group(tokens, i, min(float(written), 1e6)):
        return None  # 90.0% of pupils (342 of 380): its own group, judged with its n of N
    if _word(tokens, last + 1) == "of" and _of_things(tokens, last + 2):
        return None  # 91.5% of schools, 98% of calls: a share of those things
    if (
        _word(tokens, i - 1) in {":", "=", "|"}
        and _word(tokens, last + 1) != "of"
        and _subject(tokens, i - 1) == "things"
    ):
        return None  # Statutory visits: 96% on time (not "Survey: 91% of children ...")
    if _no_share_of_the_children(tokens, i, last):
        return None  # Attendance was 98%; Our target is 98%; 98% of foster carers
    decimals = len(written.partition(".")[2])
    share = min(float(written), 1e6)
    if not 0 < share < 100:
        return None
    found = _smallest_group_shared(share, decimals, sizes, threshold)
    if found is None:
        return None
    total, part = found
    small = part if 1 <= part <= threshold else total - part
    why = Why.PERCENT_OF_A_GROUP if small == part else Why.REST_OF_A_GROUP
    return tokens[i].end, small, why


def _no_share_of_the_children(tokens: list[_Token], i: int, last: int) -> bool:
    """Whether the percentage at tokens ``i`` to ``last`` is plainly no share of a group of
    children: what its clause is about is a rate of things ("Attendance was 98%", "Data
    quality was 98%", "Occupancy was 98%", ``rates``) or an aim ("Our target
    is 98%"), or it is a share of other people ("98% of foster carers would recommend us",
    ``other_people``). What the children did, or nothing said, fails closed ("96% were in
    touch", "Health assessments: 92%": one each)."""
    if _word(tokens, last + 1) == "of":
        kind, noun = _noun_after(tokens, last + 2)
        if kind == "people" and _word(tokens, noun) in _OTHER_PEOPLE:
            return True
    words = _clause_before(tokens, i - 1 if _word(tokens, i - 1) in _STOPS else i)
    return any(word in _RATES or word in _AIMS for word in words)


def _smallest_group_shared(
    share: float, decimals: int, sizes: Sequence[int], threshold: int
) -> tuple[int, int] | None:
    """The smallest of ``sizes`` (in order) that ``share`` (written with ``decimals`` places)
    is a share of with a part or a rest from 1 to ``threshold``, and the part.

    Only sizes near 100k / share (a part of k) or 100k / (100 - share) (a rest of k) can be
    one, so only those are looked at: a long text may give thousands of sizes and thousands
    of percentages, and trying every size for every percentage took 40 s on one cell."""
    half = 0.5 * 10.0**-decimals  # the share as written is within this of the share itself

    def part_of(total: int) -> int | None:
        part = round(share * total / 100)
        if round(100 * part / total, decimals) != round(share, decimals):
            return None  # not a share of this group as written
        small = part if 1 <= part <= threshold else total - part
        return part if 1 <= small <= threshold else None

    best: tuple[int, int] | None = None
    for k in range(1, threshold + 1):
        for of in (share, 100 - share):  # a part of k, a rest of k
            # k of the total rounds to the share as written, and the share of the total
            # rounds to k (a whole size either side, for the floating point).
            low = max(100 * (k - 0.5) / of, 100 * k / (of + half)) - 1
            high = min(100 * (k + 0.5) / of, 100 * k / (of - half)) + 1
            for at in range(bisect_left(sizes, low), len(sizes)):
                total = sizes[at]
                if total > high or (best is not None and total >= best[0]):
                    break
                part = part_of(total)
                if part is not None:
                    best = (total, part)
                    break
    return best


def _about_something_else(tokens: list[_Token], i: int) -> bool:
    """Whether the sentence of token ``i`` is about money, staff or another place's figures."""
    start, end = _sentence_of(tokens, i)
    return _once(tokens, ("elsewhere", start), lambda: _any_elsewhere(tokens, start, end))


def _any_elsewhere(tokens: list[_Token], start: int, end: int) -> bool:
    return any(tokens[k].word in _ELSEWHERE for k in range(start, end + 1))


def _sentence_of(tokens: list[_Token], i: int) -> tuple[int, int]:
    """The first and last token of the sentence (or clause after a semicolon) of token ``i``
    (worked out once for all the tokens of a text: a text may be one long sentence)."""
    return (tokens if isinstance(tokens, _Tokens) else _Tokens(tokens)).sentence_of(i)


def _once(tokens: list[_Token], key: tuple[object, ...], work: Callable[[], _T]) -> _T:
    """``work``'s answer, kept with the text's tokens for ``key`` (per sentence, say)."""
    return tokens.once(key, work) if isinstance(tokens, _Tokens) else work()


class _Tokens(list[_Token]):
    """The tokens of a text, with what is worked out once per sentence kept beside them."""

    def sentence_of(self, i: int) -> tuple[int, int]:
        if not hasattr(self, "_starts"):
            stop = [t.text in {".", "!", "?", ";"} for t in self]
            self._starts = list(range(len(self)))
            self._ends = list(range(len(self)))
            for k in range(1, len(self)):
                if not stop[k - 1]:
                    self._starts[k] = self._starts[k - 1]
            for k in range(len(self) - 2, -1, -1):
                if not stop[k + 1]:
                    self._ends[k] = self._ends[k + 1]
        return self._starts[i], self._ends[i]

    def once(self, key: tuple[object, ...], work: Callable[[], _T]) -> _T:
        """``work``'s answer for ``key``, worked out the first time it is asked for."""
        if not hasattr(self, "_found"):
            self._found: dict[tuple[object, ...], object] = {}
        if key not in self._found:
            self._found[key] = work()
        return self._found[key]  # type: ignore[return-value]


def _own_group(tokens: list[_Token], i: int, share: float) -> bool:
    """Whether the sentence of percentage ``i`` gives its n of N ("90.0% of pupils (342 of
    380)", "12.8% (5 of 39)"): the n of N is judged itself, and is the group the share is of."""
    start, end = _sentence_of(tokens, i)
    groups = _once(tokens, ("n of N", start), lambda: _n_of_ns(tokens, start, end))
    return any(total and abs(100 * n / total - share) < 0.5 for n, total in groups)


def _n_of_ns(tokens: list[_Token], start: int, end: int) -> list[tuple[int, int]]:
    """Each n of N (n/N, n of N) among tokens ``start`` to ``end``."""
    found = []
    for k in range(start, end + 1):
        number = _number(tokens, k)
        if number is None or len(number.values) != 1:
            continue
        if number.total is not None:
            found.append((number.values[0], number.total))
        elif (of := _total_after(tokens, k)) is not None:
            found.append((number.values[0], of[1]))
    return found


def _a_size_named(tokens: list[_Token], i: int) -> bool:
    """Whether the number at token ``i`` is named as a group's size: "n=47", "N = 47", "base
    47", "a cohort of 47", "the cohort is 47", "Care leavers (47)", "Care leavers: 47", and as
    a table written out: "Care leavers 47", "Care leavers = 47", "Care leavers | 47", "Cohort:
    47", "Total 47", "the cohort numbers 47", "47 eligible", "out of 47", "a total of 47", "The
    number of care leavers is 47"."""
    before, before2 = _word(tokens, i - 1), _word(tokens, i - 2)
    if (before, before2) == ("=", "n") or before == "base":
        return True
    if before == "n" and before2 in {"(", "[", ","}:
        return True  # 95.7% [n 47], (n 47): n= without its sign
    if before2 in {"cohort", "group", "total", "caseload"} and before in {"of", "is", "was"}:
        return True
    if _numbering(tokens, i - 1):  # the cohort numbers 47; not "those in touch numbered 45"
        return _subject(tokens, i - 1) == "group"
    if _having_before(tokens, i) and _names_nothing_after(tokens, i):
        return True  # Our PA service works with 47. We support 47.
    if _word(tokens, i + 1) == "eligible" or (before, before2) == ("of", "out"):
        return True
    if _word(tokens, i + 1) in _DUE and _word(tokens, i + 2) != "to":
        # PEPs: 54 due, 50 completed; not "Reviews: 120 due", which are many to a child
        return _subject(tokens, i - 1 if before in {":", "=", "|", "-", "–"} else i) != "things"
    verb = i + 1 + (_word(tokens, i + 1) == "who")
    if (
        _word(tokens, verb) in {"are", "were", "was", "is"}
        and _word(tokens, verb + 1) == "eligible"
    ):
        return True  # 45 were in touch, 47 were eligible; 47 who were eligible
    if _having_before(tokens, i) and _in_the_group_after(tokens, i + 1):
        return True  # We have 52 in care. There were 47 in the cohort.
    if before in {"at", "to"} and before2 in _LEVELS:  # the cohort stands at 38
        return _subject(tokens, i - 2) == "group"  # Care leavers fell to 47
    signed = before in {":", "=", "|", "-", "–", "("}
    if not signed and tokens[i].line_start:
        return False  # "... care leavers\nForty-five were in touch": a new line
    at = _label_before(tokens, i - 2 if signed else i - 1)
    named = _word(tokens, at)
    if named == "care" and _word(tokens, at - 1) == "in":
        named = "children"  # Children in care: 47; (young people) in care (47)
    if (
        named in _SIZE_WORDS
        # PEPs due: 54; Health assessments due 44
        or (
            named in _DUE
            # "due 44, completed 41"; not the 41 of "44 due, 41", the separator gone
            and (signed or (before in _DUE and _number(tokens, i - 2) is None))
            and _subject(tokens, i - 1) != "things"
        )
        or (named in _PEOPLE and named not in _THEM and named != "us")
    ):
        return before != "(" or _word(tokens, i + 1) == ")"
    if before in {"is", "was"}:  # the number of care leavers (we support) is 47
        start, _ = _sentence_of(tokens, i)
        words = [tokens[k].word for k in range(max(start, i - 8), i)]
        said = _COUNT_WORDS & set(words)
        return bool(said) and _subject(tokens, i - 1) == "group"
    return False


def _label_before(tokens: list[_Token], k: int) -> int:
    """The word of a table's label that names what its number counts, from token ``k`` (the
    label's last word) back past an age band and "looked after": "Care leavers aged 19-21:
    47", "Care leavers (19-21) 47", "Care leavers 19-21 (47)", "Children looked after: 52"."""
    if _text(tokens, k) == ")" and _word(tokens, k - 2) == "(" and _an_age_band(tokens, k - 1):
        k -= 3  # Care leavers (19-21) 47
    elif _an_age_band(tokens, k):
        k -= 1 + (_word(tokens, k - 1) in _AGE)  # Care leavers aged 19-21: 47
    if _word(tokens, k) == "after" and _word(tokens, k - 1) == "looked":
        k -= 2  # Children looked after: 52
    elif _word(tokens, k) == "looked-after" and k > 0 and not tokens[k].line_start:
        k -= 1  # Children looked-after: 52
    return k


def _an_age_band(tokens: list[_Token], k: int) -> bool:
    """Whether token ``k`` is a band of ages such as "19-21" or "16–17"."""
    band = _RANGE.fullmatch(_text(tokens, k))
    return band is not None and int(band.group(1)) < int(band.group(2)) <= 25


def _in_the_group_after(tokens: list[_Token], j: int) -> bool:
    """Whether the words from ``j``, after a number, say it is the whole group: "in care",
    "in our care", "in the cohort" (not "in touch", "in work": a part of it)."""
    words = [_word(tokens, k) for k in range(j, j + 3)]
    if words[1] in _DETERMINERS:
        words = [words[0], words[2]]
    return words[0] == "in" and words[1] in {"care", "cohort", "caseload", "group"}


def _names_nothing_after(tokens: list[_Token], i: int) -> bool:
    """Whether nothing follows the number at token ``i`` in its clause: "We support 47."."""
    return i + 1 >= len(tokens) or tokens[i + 1].line_start or not tokens[i + 1].text.isalnum()


def _subject(tokens: list[_Token], verb: int) -> str:
    """What the words of the clause before ``verb`` (a word or sign a count follows: "numbered
    45", "was 45", "Visits: 48") name: "group" for a whole group ("The care leaver cohort
    numbers 47", "Children in care numbered 52", "The number of care leavers we support is
    47"), "part" for part of one, as a count of it names the rest ("Those in touch numbered
    45", "The number in touch was 45", "Care leavers in touch numbered 45"), "things" for
    things ("PA visits numbered 45", "Visits: 48 on time"), "" for no words."""
    return _once(tokens, ("subject", verb), lambda: _subject_at(tokens, verb))


def _clause_before(tokens: list[_Token], verb: int) -> list[str]:
    """The words of the clause before token ``verb`` (at most 12, on its line)."""
    start = verb
    while (
        start > max(0, verb - 12)
        and not tokens[start].line_start
        and _text(tokens, start - 1)[:1].isalnum()
        and tokens[start - 1].word not in _CLAUSE_WORDS
    ):
        start -= 1
    return [tokens[k].word.replace("’", "'") for k in range(start, verb)]


def _subject_at(tokens: list[_Token], verb: int) -> str:
    words = _clause_before(tokens, verb)
    while words and words[0] in {"the", "our", "all", "their", "its"}:
        words = words[1:]
    if words[:1] in (["percentage"], ["proportion"], ["share"]):
        words = words[1:]  # "Percentage with a PEP: 94%" is a share of the children with one
    if not words:
        return ""
    if any(w in {"cohort", "group", "caseload", "eligible"} for w in words):
        return "group"
    if words[0] in {"those", "these", "ones"}:
        return "part"  # those in touch: some of a group
    if words[0] in _COUNT_WORDS and words[1:2] != ["of"]:
        return "group" if len(words) == 1 else "part"  # the total was 47; the number in touch
    heads = [n for n, w in enumerate(words) if w in _PEOPLE or w in _ONE_EACH]
    things = [n for n, w in enumerate(words) if w in _THINGS or w in _MANY_EACH]
    if things and (not heads or things[0] < heads[0]):
        return "things"  # visits to care leavers
    if not heads:
        return "part"
    rest = words[heads[-1] + 1 :]
    while rest and (_adverb(rest[-1]) or rest[-1] in {"now", "still"}):
        rest = rest[:-1]  # care leavers now number 47: the adverb says nothing of who
    whole = (
        not rest
        or "we" in rest
        or "our" in rest
        or rest[:2] in (["in", "care"], ["looked", "after"])
        or rest[0] in {"aged", "age", "leaving"}
    )
    return "group" if whole else "part"  # care leavers in touch: some of them


def _group_sizes(tokens: list[_Token], threshold: int) -> set[int]:
    """The N above ``threshold`` of "n of N", "n/N", "p% of N" and "N <people>" in ``tokens``."""
    sizes: set[int] = set()
    for i, token in enumerate(tokens):
        if not token.text[0].isdigit() and token.word not in _NUMBER_WORDS:
            continue
        number = _number(tokens, i)
        if number is not None and number.total is not None:
            if _noun_after(tokens, i + 1)[0] != "things":
                sizes.add(number.total)  # n/N
            continue
        percent = _percent_at(tokens, i)
        counts = number is not None or percent is not None
        of = _total_after(tokens, i if percent is None else percent[1]) if counts else None
        if of is None and number is not None:
            kind, noun = _noun_after(tokens, i + 1)
            if kind == "people":
                of = _total_after(tokens, noun)  # 45 care leavers out of 47
        if of is not None:
            if _noun_after(tokens, of[0] + 1)[0] != "things":
                sizes.add(of[1])  # n of N, p% of N
        elif number is not None and len(number.values) == 1:
            kind, noun = _noun_after(tokens, i + 1)
            averaged = _word(tokens, i - 2) in {"average", "mean", "median"} or (
                _word(tokens, noun + 1) in {"each", "per", "a"}
            )  # an average of 74 children each: no group of 74
            if kind == "people" and _word(tokens, i - 1) not in _AGE and not averaged:
                sizes.add(number.values[0])  # 47 care leavers
            elif _a_size_named(tokens, i):
                sizes.add(number.values[0])  # n=47, a cohort of 47, Care leavers (47)
    return {n for n in sizes if n > threshold}
