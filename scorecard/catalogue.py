"""The strategy framework: priorities, measures and the Pledge.

A council keeps its catalogue as a TOML file (``data/catalogue.toml`` for the demonstration
authority). It is validated once, when read: an unknown key or a bad value is rejected with
the file, the key and the reason, so a typo never silently turns a measure off.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from scorecard.errors import CatalogueError, UnknownMeasureError
from scorecard.periods import Period, PeriodKind, parse_period

ALL = "All"
AGE_BANDS = ("Under 1", "1-4", "5-9", "10-15", "16+")
CARE_LEAVER_AGES = ("17-18", "19-21")


@functools.lru_cache(maxsize=1024)
def _term_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A glossary term and the other ways it is written, as whole words (plural too)."""
    either = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![\w-])(?:{either})(?:s|es)?(?![\w-])", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def _terms_in(glossary: tuple[GlossaryEntry, ...], text: str) -> tuple[GlossaryEntry, ...]:
    # One search per entry over all the texts, 1.5 ms for the demo's 19 entries; a page asks
    # on every run with the same words (every measure name, summary and comment it shows).
    return tuple(g for g in glossary if g.appears_in(text))


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    RATE_PER_10K = "rate_per_10k"
    DAYS = "days"
    SCORE = "score"
    CURRENCY = "currency"

    @property
    def scale(self) -> int | None:
        """What a figure of this unit is out of (value = numerator / denominator x scale), or
        None for a unit that is not a proportion."""
        return _SCALES.get(self)

    @property
    def can_be_negative(self) -> bool:
        """A score (Progress 8) or an amount of money can be below zero; no count of
        children, share of them, rate or number of days can."""
        return self in (Unit.SCORE, Unit.CURRENCY)


_SCALES = {Unit.PERCENT: 100, Unit.RATE_PER_10K: 10_000}


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NONE = "none"

    @property
    def plain(self) -> str:
        return {
            Polarity.HIGHER_IS_BETTER: "Higher is better.",
            Polarity.LOWER_IS_BETTER: "Lower is better.",
            Polarity.NONE: "Context only: neither higher nor lower is better, so it is not rated.",
        }[self]


class Frequency(StrEnum):
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


class YearType(StrEnum):
    FINANCIAL = "financial"
    ACADEMIC = "academic"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


NonEmpty = Annotated[str, Field(min_length=1)]


class DfeSource(_Strict):
    """Where DfE publishes the same statistic, so it can be benchmarked (SPEC §6)."""

    file: NonEmpty
    filters: dict[str, str] = Field(default_factory=dict)
    value_column: NonEmpty
    numerator_column: str | None = None
    denominator_column: str | None = None
    year_type: YearType = YearType.FINANCIAL
    label: str | None = None
    # Where ``benchmarks update`` finds the file on DfE's statistics service: the
    # publication's slug (its address on explore-education-statistics.service.gov.uk) and
    # the data set's title there (scorecard.benchmarks.update).
    publication: str | None = None
    data_set_title: str | None = None

    def __hash__(self) -> int:
        # Frozen models hash their fields, and a dict is not hashable.
        return hash((self.file, tuple(sorted(self.filters.items())), self.value_column))


class StepChange(_Strict):
    """A change (e.g. of definition) from which a measure's process limits are worked out
    afresh: ``[[measures.rebase]] period = "2024/25 Q1", reason = "..."``."""

    period: NonEmpty
    reason: NonEmpty

    @model_validator(mode="after")
    def _a_quarter(self) -> StepChange:
        found = parse_period(self.period)
        if found.kind is not PeriodKind.QUARTER:
            raise ValueError(
                f"'{self.period}' is not a quarter; a step change starts at a quarter, "
                "e.g. 2024/25 Q1"
            )
        return self

    @property
    def quarter(self) -> Period:
        return parse_period(self.period)


class Counted(_Strict):
    """What a measure counts, so its sentences name the right people or things: "1 more
    councillor would have met the target", "16 more episodes", never care leavers as
    children. ``counted = { one = "care leaver", many = "care leavers" }``."""

    one: NonEmpty = "child"
    many: NonEmpty = "children"

    def word(self, number: float) -> str:
        """``care leaver`` for 1, ``care leavers`` for any other number."""
        return self.one if number == 1 else self.many


class GlossaryEntry(_Strict):
    """A word the scorecard uses that a reader may not know (PEP, SDQ, Staying Put), with
    its meaning in plain words: ``[[glossary]] term = "PEP", meaning = "..."``."""

    term: NonEmpty
    meaning: NonEmpty
    also: tuple[NonEmpty, ...] = ()  # other ways it is written: "IRO", "IROs"

    def appears_in(self, text: str) -> bool:
        """Whether ``text`` uses the term (whole words, any case, plural too)."""
        return _term_pattern((self.term, *self.also)).search(text) is not None


class Priority(_Strict):
    number: Annotated[int, Field(ge=1, le=20)]
    short_title: NonEmpty
    title: NonEmpty
    plain_title: NonEmpty


class Measure(_Strict):
    id: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{1,39}$")]
    name: NonEmpty
    priority: int
    unit: Unit
    polarity: Polarity
    decimals: Annotated[int, Field(ge=0, le=3)] = 0
    target: float | None = None
    tolerance: Annotated[float, Field(ge=0)] | None = None
    frequency: Frequency = Frequency.QUARTERLY
    year_type: YearType = YearType.FINANCIAL
    definition: NonEmpty
    why_it_matters: NonEmpty
    source: NonEmpty
    breakdowns: tuple[NonEmpty, ...] = ()
    dfe: DfeSource | None = None
    rebase: tuple[StepChange, ...] = ()
    counted: Counted = Counted()
    # Which other measure's count a figure is made of, so suppression hides it whenever that
    # count is hidden (scorecard.disclosure): a rate per 10,000 or a percentage whose
    # numerator is that count (``rate_of``), a percentage whose denominator is (``out_of``),
    # a count that is the sum of other counts (``sum_of``), cell by cell for the same period
    # and breakdown. With ONS's population, a rate gives its count back.
    rate_of: str | None = None
    out_of: str | None = None
    sum_of: tuple[NonEmpty, ...] = ()

    @model_validator(mode="after")
    def _coherent(self) -> Measure:
        if self.polarity is Polarity.NONE and self.target is not None:
            raise ValueError(
                "a measure with polarity 'none' is context and is never RAG-rated, "
                "so it cannot have a target; remove the target or set a polarity"
            )
        if self.tolerance is not None and self.target is None:
            raise ValueError("a tolerance needs a target; add a target or remove the tolerance")
        if self.unit is Unit.PERCENT and self.target is not None and not 0 <= self.target <= 100:
            raise ValueError(f"target {self.target:g} is not a percentage between 0 and 100")
        if ALL in self.breakdowns:
            raise ValueError(
                f"'{ALL}' is the total and is always there; do not list it as a breakdown"
            )
        if len(set(self.breakdowns)) != len(self.breakdowns):
            raise ValueError("a breakdown is listed twice")
        if len({step.quarter for step in self.rebase}) != len(self.rebase):
            raise ValueError("a step change (rebase) is declared twice for the same quarter")
        if (self.rate_of or self.out_of) and self.unit.scale is None:
            raise ValueError(
                f"rate_of and out_of are for a percentage or a rate per 10,000, not a "
                f"{self.unit.value}: take them out"
            )
        if self.id in (self.rate_of, self.out_of, *self.sum_of):
            raise ValueError("a measure cannot be made of itself (rate_of, out_of or sum_of)")
        if self.sum_of and self.unit is not Unit.COUNT:
            raise ValueError(f"sum_of is for a count, not a {self.unit.value}: take it out")
        if len(self.sum_of) == 1:
            raise ValueError(
                "sum_of names one measure: a count that is another count is a shared total "
                "([[shared_totals]]); a sum names two or more"
            )
        if len(set(self.sum_of)) != len(self.sum_of):
            raise ValueError("sum_of names a measure twice")
        return self

    @property
    def is_rated(self) -> bool:
        return self.polarity is not Polarity.NONE and self.target is not None

    @property
    def all_breakdowns(self) -> tuple[str, ...]:
        return (ALL, *self.breakdowns)


class Promise(_Strict):
    number: Annotated[int, Field(ge=1)]
    promise: NonEmpty
    priorities: tuple[int, ...] = ()
    measures: tuple[str, ...] = ()


# A council as DfE's files know it: an old three-digit LA code (358) or a new one (E08000009).
LA_CODE = r"^(\d{3}|[Ee]\d{8})$"


class Authority(_Strict):
    name: NonEmpty
    la_code: str | None = None
    demonstration: bool = False
    # A council not in DfE's files (the demonstration authority) is compared with the region
    # and statistical neighbours of the real council this code names (SPEC §6).
    compare_as: Annotated[str, Field(pattern=LA_CODE)] | None = None

    @model_validator(mode="after")
    def _one_council(self) -> Authority:
        if self.la_code and self.compare_as:
            raise ValueError(
                "give la_code (this council's own code: it is compared as itself) or "
                "compare_as (a real council whose region and neighbours it borrows), not both"
            )
        return self


class SharedTotal(_Strict):
    """Count measures whose ``All`` is the same number of children in every period (children
    in care, and children in care by placement): suppression treats them as one table, since
    a reader could subtract across them (scorecard.disclosure)."""

    measures: Annotated[tuple[str, ...], Field(min_length=2)]


class Catalogue(_Strict):
    authority: Authority
    priorities: tuple[Priority, ...]
    measures: tuple[Measure, ...]
    pledge: tuple[Promise, ...] = ()
    shared_totals: tuple[SharedTotal, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> Catalogue:
        problems = []
        problems += [
            f"the glossary explains '{term}' twice"
            for term in _repeated(g.term.casefold() for g in self.glossary)
        ]
        numbers = [p.number for p in self.priorities]
        problems += [f"priority {n} is listed twice" for n in _repeated(numbers)]
        problems += [
            f"measure id '{i}' is used twice" for i in _repeated(m.id for m in self.measures)
        ]
        ids = {m.id for m in self.measures}
        for m in self.measures:
            if m.priority not in numbers:
                problems.append(
                    f"measure '{m.id}' belongs to priority {m.priority}, which is not listed"
                )
        for p in self.pledge:
            problems += [
                f"promise {p.number} links to priority {n}, which is not listed"
                for n in p.priorities
                if n not in numbers
            ]
            problems += [
                f"promise {p.number} links to measure '{i}', which is not in the catalogue"
                for i in p.measures
                if i not in ids
            ]
        problems += _shared_total_problems(self)
        problems += _made_of_problems(self)
        if problems:
            # One line per problem; _describe splits them back into separate problems.
            raise ValueError("\n".join(problems))
        return self

    # -- look-ups ------------------------------------------------------------------------
    def measure(self, measure_id: str) -> Measure:
        for m in self.measures:
            if m.id == measure_id:
                return m
        raise UnknownMeasureError(measure_id)

    def priority(self, number: int) -> Priority:
        for p in self.priorities:
            if p.number == number:
                return p
        raise KeyError(number)

    def measures_of(self, priority: int) -> list[Measure]:
        return [m for m in self.measures if m.priority == priority]

    def terms_in(self, *texts: str) -> list[GlossaryEntry]:
        """The glossary's entries for the words ``texts`` use, in glossary order."""
        # A line between the texts ends any word.
        return list(_terms_in(self.glossary, "\n".join(texts)))

    def ordered_priorities(self) -> list[Priority]:
        return sorted(self.priorities, key=lambda p: p.number)


def _shared_total_problems(catalogue: Catalogue) -> list[str]:
    units = {m.id: m.unit for m in catalogue.measures}
    problems, grouped = [], set()
    for number, group in enumerate(catalogue.shared_totals, start=1):
        where = f"shared_totals[{number}]"
        problems += [f"{where} lists '{i}' twice" for i in _repeated(group.measures)]
        for i in dict.fromkeys(group.measures):
            if i not in units:
                problems.append(f"{where} names measure '{i}', which is not in the catalogue")
            elif units[i] is not Unit.COUNT:
                problems.append(
                    f"{where} names measure '{i}', a {units[i].value}: only counts of children "
                    "add up to a total; take it out of the list"
                )
            elif i in grouped:
                problems.append(
                    f"{where} names measure '{i}', which is already in another shared total: "
                    "put all the measures with that total in one list"
                )
            grouped.add(i)
    return problems


def _made_of_problems(catalogue: Catalogue) -> list[str]:
    """What is wrong with the measures' rate_of, out_of and sum_of: each names a count in the
    catalogue with a cell for every breakdown of the figure made of it; a count is part of
    one sum at most (two sums through one part would be two tables sharing a cell, which
    suppression does not protect), and no sum is, through others, a part of itself."""
    measures = {m.id: m for m in catalogue.measures}
    problems: list[str] = []
    part_of: dict[str, str] = {}
    for m in catalogue.measures:
        named = [("rate_of", m.rate_of), ("out_of", m.out_of)]
        named += [("sum_of", i) for i in m.sum_of]
        for key, other in named:
            if other is None:
                continue
            found = measures.get(other)
            if found is None:
                problems.append(
                    f"measure '{m.id}': {key} names '{other}', which is not in the catalogue"
                )
            elif found.unit is not Unit.COUNT:
                problems.append(
                    f"measure '{m.id}': {key} names '{other}', a {found.unit.value}: it must "
                    "name a count of children"
                )
            elif key != "sum_of" and not set(m.breakdowns) <= set(found.breakdowns):
                missing = ", ".join(sorted(set(m.breakdowns) - set(found.breakdowns)))
                problems.append(
                    f"measure '{m.id}': {key} names '{other}', which has no breakdown "
                    f"{missing}: list only breakdowns the count has, or take {key} out"
                )
        for part in m.sum_of:
            if part in part_of:
                problems.append(
                    f"measure '{part}' is in the sum_of of both '{part_of[part]}' and "
                    f"'{m.id}': a count can be part of one sum only"
                )
            part_of.setdefault(part, m.id)
    for start in part_of:
        seen, at = [start], part_of[start]
        while at in part_of and at not in seen:
            seen.append(at)
            at = part_of[at]
        if at == start:
            problems.append(
                "sum_of goes round in a circle ("
                + " is part of ".join([*seen, start])
                + "): a count cannot be a part of itself"
            )
            break
    return problems


def _repeated(values: Iterable[Any]) -> list[Any]:
    seen: set[Any] = set()
    repeated = []
    for v in values:
        if v in seen and v not in repeated:
            repeated.append(v)
        seen.add(v)
    return repeated


def parse_catalogue(data: dict[str, Any], source: str) -> Catalogue:
    """Validate ``data`` (as read from TOML or JSON) into a catalogue, or raise CatalogueError."""
    try:
        return Catalogue.model_validate(data)
    except ValidationError as exc:
        problems = [line for err in exc.errors() for line in _describe(err, data)]
        raise CatalogueError(source, problems) from None


def load_catalogue(path: Path) -> Catalogue:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise CatalogueError(str(path), ["the file does not exist"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(str(path), [f"it is not valid TOML: {exc}"]) from None
    return parse_catalogue(data, str(path))


def _describe(error: Any, data: dict[str, Any]) -> list[str]:
    """Lines naming the key (with the measure id where there is one) and the reason."""
    location = list(error["loc"])
    key = _key_name(location, data)
    kind = error["type"]
    found = error.get("input")
    if kind == "extra_forbidden":
        reason = "unknown key (check the spelling against the catalogue documentation)"
    elif kind == "missing":
        reason = "is required but missing"
    elif kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        reason = f"{found!r} is not allowed; use one of {expected}"
    elif kind == "value_error":
        reason = str(error["msg"]).removeprefix("Value error, ")
    else:
        reason = f"{found!r}: {error['msg'].lower()}"
    return [f"{key}: {line}" if key else line for line in reason.splitlines()]


def _key_name(location: list[Any], data: dict[str, Any]) -> str:
    parts: list[str] = []
    node: Any = data
    for step in location:
        if isinstance(step, int):
            label = f"[{step + 1}]"
            if isinstance(node, list) and step < len(node) and isinstance(node[step], dict):
                ident = node[step].get("id") or node[step].get("number")
                if ident is not None:
                    label = f"[{step + 1}] ({ident})"
            parts.append(label)
            node = node[step] if isinstance(node, list) and step < len(node) else None
        else:
            parts.append(f".{step}" if parts else str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts)


def entry_problems(model: type[BaseModel], data: dict[str, Any]) -> list[str]:
    """What is wrong with one entry of a catalogue (a priority, a measure, a promise), in the
    words the catalogue loader uses; empty when it is valid."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return [line for err in exc.errors() for line in _describe(err, data)]
    return []
