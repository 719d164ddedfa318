"""What an upload will change, worked out before anything is saved.

Each figure in the upload is compared with the value that counts now (the latest committed
upload's): it is **new** (nothing stored for that measure × period × breakdown), **changed**
(old → new, also when only n / N, the symbol or the note differ) or **unchanged**. Commentary
and action plans replace what is stored for their period and priority; catalogue changes from
the Measures sheet are listed too. A meeting's resolution or action is new, changed (its owner,
due date, status or update) or unchanged, compared with the item of the same wording.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pandas as pd

from scorecard.catalogue import Catalogue, Measure
from scorecard.formatting import cohort_text, short_date, value_text
from scorecard.meetings import MeetingItem, RecordedMeetings, is_changed_by
from scorecard.records import ItemDraft, ItemKind, Observation, Submission, UploadedMeetingItem
from scorecard.symbols import Symbol
from scorecard.upload.measures_sheet import MeasureChange


class Change(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


PREVIEW_COLUMNS = ("Change", "Measure", "Period", "Breakdown", "Stored now", "In this upload")
MEETING_COLUMNS = (
    "Change",
    "Meeting",
    "Type",
    "Resolution or action",
    "Stored now",
    "In this upload",
)
_CHANGE_ORDER = (Change.CHANGED, Change.NEW, Change.UNCHANGED)  # what needs reading first


@dataclass(frozen=True)
class Stored:
    """The figure that counts now for one measure × period × breakdown."""

    value: float | None
    numerator: float | None
    denominator: float | None
    symbol: Symbol | None
    note: str | None

    @classmethod
    def of(cls, observation: Observation) -> Stored:
        o = observation
        return cls(o.value, o.numerator, o.denominator, o.symbol, o.note)


@dataclass(frozen=True)
class ItemChange:
    """What saving one of the Actions sheet's meeting rows does to the meeting's items."""

    change: Change
    item: UploadedMeetingItem
    stored: MeetingItem | None  # the item of the same wording, if one is recorded

    def row(self) -> dict[str, str]:
        draft = self.item.draft
        values = (
            self.change.value,
            short_date(self.item.held_on),
            draft.kind.value,
            self.stored.text if self.stored is not None else draft.text,
            _state(self.stored.as_draft()) if self.stored is not None else "",
            _state(draft),
        )
        return dict(zip(MEETING_COLUMNS, values, strict=True))

    def __str__(self) -> str:
        row = self.row()
        what = f"meeting of {row['Meeting']}, {row['Type']} ‘{row['Resolution or action']}’"
        if self.change is Change.CHANGED:
            return f"changed: {what}: {row['Stored now']} → {row['In this upload']}"
        return f"{self.change.value}: {what}: {row['In this upload']}"


@dataclass(frozen=True)
class Preview:
    """What committing the upload would change, as data (the page and the CLI render it)."""

    new: list[Observation] = field(default_factory=list)
    changed: list[tuple[Stored, Observation]] = field(default_factory=list)
    unchanged: list[Observation] = field(default_factory=list)
    catalogue_changes: tuple[MeasureChange, ...] = ()
    qualitative: list[str] = field(default_factory=list)  # one line per period and sheet
    meeting_items: list[ItemChange] = field(default_factory=list)  # changed, new, unchanged

    def count(self, change: Change) -> int:
        return {
            Change.NEW: len(self.new),
            Change.CHANGED: len(self.changed),
            Change.UNCHANGED: len(self.unchanged),
        }[change]

    def count_items(self, change: Change) -> int:
        return sum(1 for i in self.meeting_items if i.change is change)

    @property
    def changes_anything(self) -> bool:
        changed_items = any(i.change is not Change.UNCHANGED for i in self.meeting_items)
        return bool(
            self.new or self.changed or self.catalogue_changes or self.qualitative or changed_items
        )

    def meeting_summary(self) -> str:
        return f"Meeting resolutions and actions: {self._item_counts()}."

    def _item_counts(self) -> str:
        return ", ".join(f"{self.count_items(c)} {c.value}" for c in Change)

    def meeting_table(self) -> pd.DataFrame:
        return pd.DataFrame([i.row() for i in self.meeting_items], columns=list(MEETING_COLUMNS))

    def summary(self) -> str:
        parts = [
            f"{self.count(Change.NEW)} new",
            f"{self.count(Change.CHANGED)} changed",
            f"{self.count(Change.UNCHANGED)} unchanged",
        ]
        text = "Figures: " + ", ".join(parts)
        if self.catalogue_changes:
            text += f"; {len(self.catalogue_changes)} change(s) to the catalogue"
        if self.meeting_items:
            text += f"; meeting resolutions and actions: {self._item_counts()}"
        return text + "."

    def rows(self, catalogue: Catalogue, limit: int | None = None) -> list[dict[str, str]]:
        """One row per figure, changed first, then new, then unchanged, for a table."""
        measures = {m.id: m for m in catalogue.measures}
        found: list[dict[str, str]] = []
        groups: list[tuple[Change, list[tuple[Stored | None, Observation]]]] = [
            (Change.CHANGED, [(s, o) for s, o in self.changed]),
            (Change.NEW, [(None, o) for o in self.new]),
            (Change.UNCHANGED, [(Stored.of(o), o) for o in self.unchanged]),
        ]
        for change, pairs in groups:
            for before, after in pairs:
                if limit is not None and len(found) >= limit:
                    return found
                measure = measures.get(after.measure_id)
                found.append(
                    dict(
                        zip(
                            PREVIEW_COLUMNS,
                            (
                                change.value,
                                after.measure_id,
                                after.period.label,
                                after.breakdown,
                                _text(measure, before) if before else "",
                                _text(measure, Stored.of(after)),
                            ),
                            strict=True,
                        )
                    )
                )
        return found

    def table(self, catalogue: Catalogue, limit: int | None = None) -> pd.DataFrame:
        return pd.DataFrame(self.rows(catalogue, limit), columns=list(PREVIEW_COLUMNS))

    def lines(self, catalogue: Catalogue, limit: int = 50) -> list[str]:
        """The preview as text for the command line: counts, then changes before new figures."""
        lines = [self.summary()]
        lines += [f"  catalogue: {c}" for c in self.catalogue_changes]
        lines += [f"  {line}" for line in self.qualitative]
        lines += [f"  {i}" for i in self.meeting_items if i.change is not Change.UNCHANGED]
        shown = self.rows(catalogue, limit=limit)
        for row in shown:
            if row["Change"] == Change.UNCHANGED:
                break
            what = row["Measure"], row["Period"], row["Breakdown"]
            if row["Change"] == Change.CHANGED:
                lines.append(
                    f"  changed: {', '.join(what)}: {row['Stored now']} → {row['In this upload']}"
                )
            else:
                lines.append(f"  new: {', '.join(what)}: {row['In this upload']}")
        hidden = (
            len(self.new)
            + len(self.changed)
            - sum(1 for r in shown if r["Change"] != Change.UNCHANGED)
        )
        if hidden > 0:
            lines.append(f"  … and {hidden} more new or changed figure(s)")
        return lines


def preview(
    submission: Submission,
    stored: pd.DataFrame,
    *,
    catalogue_changes: tuple[MeasureChange, ...] = (),
    stored_commentary: Counter[tuple[str, int]] | None = None,
    stored_actions: Counter[tuple[str, int]] | None = None,
    stored_meetings: RecordedMeetings | None = None,
) -> Preview:
    """Compare an upload with what is stored.

    ``stored`` is :meth:`Store.current_observations` (it may hold other measures too);
    ``stored_commentary`` and ``stored_actions`` count the items stored now per (period label,
    priority), for the periods and priorities the upload reports; ``stored_meetings`` are the
    meetings recorded now, with their resolutions and actions.
    """
    now = _by_key(stored)
    new: list[Observation] = [] if now else list(submission.observations)
    changed: list[tuple[Stored, Observation]] = []
    unchanged: list[Observation] = []
    labels: dict[int, str] = {}  # by object: most observations share a few periods
    for o in submission.observations if now else ():
        label = labels.get(id(o.period))
        if label is None:
            label = labels[id(o.period)] = o.period.label
        before = now.get((o.measure_id, label, o.breakdown))
        if before is None:
            new.append(o)
        elif before == Stored.of(o):
            unchanged.append(o)
        else:
            changed.append((before, o))
    qualitative = _qualitative(
        "commentary item(s)",
        [(c.period.label, c.priority) for c in submission.commentary],
        stored_commentary or Counter(),
    ) + _qualitative(
        "action-plan item(s)",
        [(a.period.label, a.priority) for a in submission.actions],
        stored_actions or Counter(),
    )
    items = _meeting_changes(submission.meeting_items, stored_meetings or RecordedMeetings())
    return Preview(new, changed, unchanged, catalogue_changes, qualitative, items)


def _meeting_changes(
    uploaded: list[UploadedMeetingItem], recorded: RecordedMeetings
) -> list[ItemChange]:
    found = []
    for item in uploaded:
        stored = recorded.item_worded(item.meeting_id, item.draft.text)
        if stored is None:
            change = Change.NEW
        elif is_changed_by(stored, item.draft):
            change = Change.CHANGED
        else:
            change = Change.UNCHANGED
        found.append(ItemChange(change, item, stored))
    return sorted(found, key=lambda i: _CHANGE_ORDER.index(i.change))


def _state(draft: ItemDraft) -> str:
    """An item as the preview shows it: ``At risk · Head of Service · due 31 August 2026 ·
    update: …``; a resolution is simply agreed."""
    if draft.kind is ItemKind.RESOLUTION:
        return "Agreed"
    due = f"due {short_date(draft.due)}" if draft.due is not None else "no due date"
    parts = [draft.status.value.capitalize(), draft.owner.strip() or "no owner", due]
    if draft.update.strip():
        parts.append(f"update: {draft.update.strip()}")
    return " · ".join(parts)


def _by_key(stored: pd.DataFrame) -> dict[tuple[str, str, str], Stored]:
    if stored.empty:
        return {}
    columns = ("measure_id", "period", "breakdown", "value", "numerator", "denominator")
    found = {}
    for measure_id, period, breakdown, value, numerator, denominator, symbol, note in zip(
        *(stored[c].tolist() for c in columns),
        stored["symbol"].tolist(),
        stored["note"].tolist(),
        strict=True,
    ):
        found[(measure_id, period, breakdown)] = Stored(
            _number(value),
            _number(numerator),
            _number(denominator),
            Symbol(symbol) if isinstance(symbol, str) else None,
            note if isinstance(note, str) else None,
        )
    return found


def _number(value: Any) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _qualitative(
    what: str, items: list[tuple[str, int]], stored: Counter[tuple[str, int]]
) -> list[str]:
    lines = []
    for (period, priority), count in sorted(Counter(items).items()):
        before = stored.get((period, priority), 0)
        replaces = f", replacing the {before} stored now" if before else ""
        lines.append(f"{period}, priority {priority}: {count} {what}{replaces}")
    return lines


def _text(measure: Measure | None, figure: Stored) -> str:
    if measure is None:
        return "" if figure.value is None else str(figure.value)
    shown = value_text(measure, figure.value, figure.symbol)
    cohort = cohort_text(figure.numerator, figure.denominator)
    if cohort:
        shown += f" ({cohort})"
    if figure.note:
        shown += f" [note: {figure.note}]"
    return shown
