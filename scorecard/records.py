"""What an officer submits each quarter: observations, commentary and action-plan items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from scorecard.catalogue import ALL
from scorecard.periods import Period
from scorecard.symbols import Symbol


@dataclass(frozen=True)
class Observation:
    """One figure: measure × period × breakdown, or a symbol saying why there is none."""

    measure_id: str
    period: Period
    breakdown: str = ALL
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    symbol: Symbol | None = None
    note: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.measure_id, self.period.label, self.breakdown)


class CommentaryKind(StrEnum):
    NARRATIVE = "narrative"
    YOU_SAID_WE_DID = "you said we did"
    VOICE_OF_THE_CHILD = "voice of the child"
    ACHIEVEMENT = "achievement"
    CONCERN = "concern"

    @property
    def heading(self) -> str:
        return {
            CommentaryKind.NARRATIVE: "What the numbers tell us",
            CommentaryKind.YOU_SAID_WE_DID: "You said, we did",
            CommentaryKind.VOICE_OF_THE_CHILD: "Voice of children and young people",
            CommentaryKind.ACHIEVEMENT: "Achievements",
            CommentaryKind.CONCERN: "Concerns",
        }[self]


@dataclass(frozen=True)
class Commentary:
    period: Period
    priority: int
    kind: CommentaryKind
    title: str
    text: str


class ActionStatus(StrEnum):
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    OFF_TRACK = "off track"
    COMPLETE = "complete"


@dataclass(frozen=True)
class ActionItem:
    """A line of a priority's action plan, as reported for a period."""

    period: Period
    priority: int
    action: str
    owner: str
    due: dt.date | None
    status: ActionStatus
    update: str = ""


@dataclass
class Submission:
    """Everything one upload carries. Commentary and actions replace, per period and priority,
    what an earlier upload said; observations replace per measure × period × breakdown."""

    observations: list[Observation] = field(default_factory=list)
    commentary: list[Commentary] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)

    def periods(self) -> list[Period]:
        found = {o.period for o in self.observations}
        found |= {c.period for c in self.commentary} | {a.period for a in self.actions}
        return sorted(found)
