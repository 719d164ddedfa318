"""What an officer submits each quarter: observations, commentary, action-plan items, and
updates to the resolutions and actions of panel meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import groupby
from typing import NamedTuple

from scorecard.catalogue import ALL
from scorecard.periods import Period
from scorecard.symbols import Symbol


class Observation(NamedTuple):
    """One figure: measure × period × breakdown, or a symbol saying why there is none.

    (A named tuple rather than a frozen dataclass: an upload makes tens of thousands, and a
    frozen dataclass takes six times as long to make.)
    """

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


class ItemKind(StrEnum):
    """What a panel meeting recorded: a resolution (what it decided) or an action (what
    someone must do, chased until it is complete)."""

    RESOLUTION = "resolution"
    ACTION = "action"

    @property
    def with_article(self) -> str:
        return {ItemKind.RESOLUTION: "a resolution", ItemKind.ACTION: "an action"}[self]


@dataclass(frozen=True)
class ItemDraft:
    """A resolution or an action of a panel meeting as typed (in a form or a spreadsheet
    row), before it is checked and saved."""

    kind: ItemKind
    text: str
    owner: str = ""
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.ON_TRACK
    update: str = ""


@dataclass(frozen=True)
class UploadedMeetingItem:
    """A row of the Actions sheet that belongs to a recorded panel meeting (the one numbered
    ``meeting_id``, held on ``held_on``). Saving it updates the meeting's item with the same
    wording (see :func:`same_wording`) or, when there is none, adds it to the meeting."""

    meeting_id: int
    held_on: dt.date
    draft: ItemDraft


def same_wording(text: str) -> str:
    """An item's wording as it is matched: "Circulate the  Report" is "circulate the report".
    An officer retyping an action in a spreadsheet changes case and spacing, not meaning."""
    return " ".join(text.split()).casefold()


@dataclass
class Submission:
    """Everything one upload carries. Commentary and actions replace, per period and priority,
    what an earlier upload said; observations replace per measure × period × breakdown.
    Meeting items update (or are added to) the meetings they name."""

    observations: list[Observation] = field(default_factory=list)
    commentary: list[Commentary] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    meeting_items: list[UploadedMeetingItem] = field(default_factory=list)

    def periods(self) -> list[Period]:
        """The periods the submission reports, oldest first."""
        found = list(self.figure_periods())
        found += [c.period for c in self.commentary] + [a.period for a in self.actions]
        return sorted(set(found))

    def columns(self) -> FigureColumns:
        """The observations a column at a time, made once: the preview and the save read them
        so (for the same list: one given anew is read anew)."""
        return self._made()[0]

    def figure_periods(self) -> tuple[Period, ...]:
        """The periods of the observations, each once (by object), in order of first
        appearance; worked out once, as :meth:`columns`."""
        return self._made()[1]

    def known_columns(self, columns: FigureColumns, periods: tuple[Period, ...]) -> None:
        """Say what :meth:`columns` and :meth:`figure_periods` are, when the observations
        were made from columns (a large upload's are): not worked out again from them."""
        self.__dict__["_columns"] = (self.observations, len(self.observations), columns, periods)

    def _made(self) -> tuple[FigureColumns, tuple[Period, ...]]:
        made = self.__dict__.get("_columns")
        if made is None or made[0] is not self.observations or made[1] != len(made[0]):
            columns = FigureColumns.of(self.observations)
            made = (self.observations, len(self.observations), columns)
            made += (tuple(columns.distinct_periods()),)
            self.__dict__["_columns"] = made
        return made[2], made[3]


class FigureColumns(NamedTuple):
    """Observations a column at a time: each of :class:`Observation`'s fields, in order."""

    measure_ids: tuple[str, ...]
    periods: tuple[Period, ...]
    breakdowns: tuple[str, ...]
    values: tuple[float | None, ...]
    numerators: tuple[float | None, ...]
    denominators: tuple[float | None, ...]
    symbols: tuple[Symbol | None, ...]
    notes: tuple[str | None, ...]

    @classmethod
    def of(cls, observations: Sequence[Observation]) -> FigureColumns:
        if not observations:
            return cls((), (), (), (), (), (), (), ())
        return cls(*zip(*observations, strict=True))

    def distinct_periods(self) -> list[Period]:
        """Each period object once, in order of first appearance: equal periods that are
        different objects (a scorecard sheet makes its own) each count. The figures of a
        large upload share a few period objects, one after another: each run of the same
        object is skipped at once, and hashing each period would be slow."""
        return list({k: next(run) for k, run in groupby(self.periods, key=id)}.values())
