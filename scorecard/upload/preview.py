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
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import repeat
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from scorecard.catalogue import ALL, Catalogue, Measure, Unit
from scorecard.disclosure import Release, families, hidden_for_itself, publishable
from scorecard.disclosure.tables import small
from scorecard.formatting import cohort_text, short_date, value_text
from scorecard.meetings import MeetingItem, RecordedMeetings, is_changed_by
from scorecard.rag import as_displayed
from scorecard.records import (
    FigureColumns,
    ItemDraft,
    ItemKind,
    Observation,
    Submission,
    UploadedMeetingItem,
)
from scorecard.symbols import Symbol
from scorecard.upload.arrays import blanks_as_nan, not_none, take
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
class Kept:
    """A percentage or rate uploaded without n / N, at the value stored now (as shown at the
    measure's decimals): it keeps the stored n / N rather than losing them."""

    observation: Observation  # as it will be saved, with the stored n / N
    upload_id: int  # the upload the n / N are stored in


class Hidden(NamedTuple):
    """A figure of the upload that the published version will show as ``c``, and why. (A
    tuple: a large upload's preview lists thousands.)"""

    observation: Observation
    reason: str


HIDDEN_COLUMNS = ("Measure", "Period", "Breakdown", "In this upload", "Why it will be c")


@dataclass(frozen=True)
class Preview:
    """What committing the upload would change, as data (the page and the CLI render it)."""

    new: list[Observation] = field(default_factory=list)
    changed: list[tuple[Stored, Observation]] = field(default_factory=list)
    unchanged: list[Observation] = field(default_factory=list)
    catalogue_changes: tuple[MeasureChange, ...] = ()
    qualitative: list[str] = field(default_factory=list)  # one line per period and sheet
    meeting_items: list[ItemChange] = field(default_factory=list)  # changed, new, unchanged
    kept: list[Kept] = field(default_factory=list)
    hidden: list[Hidden] = field(default_factory=list)  # c in the published version

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
        if self.kept:
            text += f"; n / N kept for {len(self.kept)} uploaded without them"
        if self.hidden:
            text += f"; {len(self.hidden)} will be c in the published version"
        return text + "."

    def kept_summary(self) -> str:
        uploads = ", ".join(str(u) for u in sorted({k.upload_id for k in self.kept}))
        return (
            f"{len(self.kept)} percentage(s) or rate(s) have no n / N in this upload but the "
            f"value stored now: they keep the stored n / N (from upload {uploads})."
        )

    def hidden_summary(self, threshold: int) -> str:
        return (
            f"{len(self.hidden)} figure(s) of this upload will be shown as c in the published "
            f"version (counts from 1 to {threshold} are hidden, and so are percentages and rates "
            "whose n or N is unknown or from 1 to the same number, and percentages whose N - n "
            "is; each says why):"
        )

    def hidden_rows(self, catalogue: Catalogue, limit: int | None = None) -> list[dict[str, str]]:
        measures = {m.id: m for m in catalogue.measures}
        return [
            dict(
                zip(
                    HIDDEN_COLUMNS,
                    (
                        h.observation.measure_id,
                        h.observation.period.label,
                        h.observation.breakdown,
                        _text(measures.get(h.observation.measure_id), Stored.of(h.observation)),
                        h.reason,
                    ),
                    strict=True,
                )
            )
            for h in self.hidden[:limit]
        ]

    def hidden_table(self, catalogue: Catalogue, limit: int | None = None) -> pd.DataFrame:
        return pd.DataFrame(self.hidden_rows(catalogue, limit), columns=list(HIDDEN_COLUMNS))

    def rows(self, catalogue: Catalogue, limit: int | None = None) -> list[dict[str, str]]:
        """One row per figure, changed first, then new, then unchanged, for a table."""
        measures = {m.id: m for m in catalogue.measures}
        kept = {k.observation.key: k.upload_id for k in self.kept}
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
                                _text(measure, Stored.of(after))
                                + (
                                    f" (n / N kept from upload {kept[after.key]})"
                                    if kept and after.key in kept
                                    else ""
                                ),
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
        measures = {m.id: m for m in catalogue.measures}
        for kept in self.kept[:limit]:
            o = kept.observation
            lines.append(
                f"  n / N kept from upload {kept.upload_id}: {o.measure_id}, {o.period.label}, "
                f"{o.breakdown}: {_text(measures.get(o.measure_id), Stored.of(o))}"
            )
        if len(self.kept) > limit:
            lines.append(f"  … and {len(self.kept) - limit} more figure(s) keeping their n / N")
        for row in self.hidden_rows(catalogue, limit):
            what = row["Measure"], row["Period"], row["Breakdown"]
            lines.append(
                f"  c in the published version: {', '.join(what)}: {row['In this upload']}: "
                f"{row['Why it will be c']}"
            )
        if len(self.hidden) > limit:
            lines.append(f"  … and {len(self.hidden) - limit} more figure(s) hidden in public")
        return lines


def preview(
    submission: Submission,
    stored: pd.DataFrame,
    *,
    catalogue_changes: tuple[MeasureChange, ...] = (),
    stored_commentary: Counter[tuple[str, int]] | None = None,
    stored_actions: Counter[tuple[str, int]] | None = None,
    stored_meetings: RecordedMeetings | None = None,
    kept: list[Kept] | None = None,
    hidden: list[Hidden] | None = None,
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
    return Preview(
        new, changed, unchanged, catalogue_changes, qualitative, items, kept or [], hidden or []
    )


def keep_cohorts(
    submission: Submission, stored: pd.DataFrame, catalogue: Catalogue
) -> tuple[Submission, list[Kept]]:
    """The submission with the stored n / N given to each percentage or rate uploaded without
    them (neither n nor N) at the value stored now, as shown at the measure's decimals; an
    officer's own sheet of percentages only would otherwise drop them, and a figure whose
    n / N is unknown cannot be published."""
    decimals = {m.id: m.decimals for m in catalogue.measures if m.unit.scale is not None}
    if stored.empty or not any(
        o.numerator is None and o.denominator is None and o.measure_id in decimals
        for o in submission.observations
    ):
        return submission, []
    with_cohort = stored[
        stored["measure_id"].isin(list(decimals))
        & stored["value"].notna()
        & stored["numerator"].notna()
        & stored["denominator"].notna()
    ]
    columns = ("measure_id", "period", "breakdown", "value", "numerator", "denominator")
    cohorts = {
        (measure_id, period, breakdown): (value, numerator, denominator, upload_id)
        for measure_id, period, breakdown, value, numerator, denominator, upload_id in zip(
            *(with_cohort[c].tolist() for c in columns),
            with_cohort["upload_id"].tolist(),
            strict=True,
        )
    }
    if not cohorts:
        return submission, []
    kept: list[Kept] = []
    observations = []
    for o in submission.observations:
        found = (
            cohorts.get(o.key)
            if o.numerator is None and o.denominator is None and o.value is not None
            else None
        )
        if found is not None:
            value, numerator, denominator, upload_id = found
            places = decimals[o.measure_id]
            assert o.value is not None
            if as_displayed(o.value, places) == as_displayed(value, places):
                o = o._replace(numerator=numerator, denominator=denominator)
                kept.append(Kept(o, int(upload_id)))
        observations.append(o)
    if not kept:
        return submission, []
    return replace(submission, observations=observations), kept


def public_hidden(
    submission: Submission,
    stored: pd.DataFrame,
    catalogue: Catalogue,
    threshold: int,
    releases: Sequence[Release] = (),
) -> list[Hidden]:
    """The upload's figures that the published version will show as ``c`` once it is saved,
    each with the reason.

    Most are hidden for what they are (:func:`_own_reasons`). The others are hidden to protect
    one of those: within a count measure's period, over its total and breakdowns; or with the
    measures theirs are linked to (a shared total, a rate worked out from a count: a
    *family*, :func:`scorecard.disclosure.families`), whose figures of a period decide
    together. So disclosure control is run on the figures that will count then only for a
    count measure's period with breakdowns and something hidden or without a number, and
    for each period of a family the upload gives figures of (a tenth of a large upload at
    most: running it on every figure took a third as long as every check). What it hides of
    those is what the published version hides: it depends on them alone. A period published
    before (``releases``: what the public saw of the upload's periods) is published again
    as it was, or with a changed table hidden whole: there every figure the upload gives is
    weighed so, against those releases. ``stored`` holds the figures that count now of the
    upload's measures and of the measures in their families, in the upload's periods.
    """
    observations = submission.observations
    if not observations:
        return []
    figures = submission.columns()
    own, grouped, wants_care, number = _own_reasons(figures, catalogue, threshold)  # counts
    said = [r.format(threshold=threshold) if r is not None else None for r in _OWN_REASONS]
    family = families(catalogue)
    # The groups disclosure control may hide more of than each figure's own reason: a count
    # measure's period, or a family's (named by the family). The rows are visited a column
    # at a time, and one by one only in the groups disclosure control is run on.
    if family:
        grouped |= np.fromiter(map(family.__contains__, figures.measure_ids), bool, len(own))
    labels = {id(p): p.label for p in submission.figure_periods()}
    released = {r.period.label for r in releases}
    # A percentage or rate with breakdowns: every breakdown goes when one is hidden, left out
    # or without a number, or the All is hidden (their numerators add up to the All's).
    # Worked out here a column at a time; disclosure control weighs those of a family, of a
    # period published before, or with stored figures beside them.
    ratios = {
        m.id: len(m.breakdowns)
        for m in catalogue.measures
        if m.unit.scale is not None and m.breakdowns and m.id not in family
    }
    together: list[int] = []
    if ratios:
        numbers = {m.id: i for i, m in enumerate(catalogue.measures, start=1)}
        listed_of = np.array([0, *(ratios.get(m.id, 0) for m in catalogue.measures)], np.intp)
        aside = {(numbers[m], label) for m in ratios for label in released}
        if not stored.empty:
            aside.update(
                (numbers[m], p)
                for m, p in zip(
                    stored["measure_id"].tolist(), stored["period"].tolist(), strict=True
                )
                if m in ratios
            )
        together, elsewhere = _breakdowns_together(
            figures, own, wants_care, number, listed_of, labels, aside
        )
        grouped |= elsewhere
    if released & set(labels.values()):
        in_released = map(released.__contains__, map(labels.__getitem__, map(id, figures.periods)))
        grouped |= np.fromiter(in_released, bool, len(own))
    considered = np.flatnonzero(grouped).tolist()
    decided: dict[int, str | None] = {}  # the figures disclosure control was run on
    if not considered:
        return _hidden(observations, own, said, decided, together)
    measure_ids = take(figures.measure_ids, considered)
    keys = list(
        zip(
            map(family.get, measure_ids, measure_ids) if family else measure_ids,
            map(labels.__getitem__, map(id, take(figures.periods, considered))),
            strict=True,
        )
    )
    touched = dict.fromkeys(keys)
    # A family's groups, and every group of a period published before, are always weighed.
    always = {key for key in touched if key[0] in family or key[1] in released}
    wanted = {keys[i] for i in np.flatnonzero(wants_care[considered]).tolist()} | always
    before: dict[tuple[str, str], list[tuple[Any, ...]]] = {}  # stored, in touched groups
    if not stored.empty:
        columns = ("measure_id", "period", "breakdown", "value", "numerator", "denominator")
        for measure_id, period, breakdown, value, numerator, denominator, symbol in zip(
            *(stored[c].tolist() for c in (*columns, "symbol")), strict=True
        ):
            group = (family.get(measure_id, measure_id), period)
            if group not in touched:
                continue
            before.setdefault(group, []).append(
                (measure_id, period, breakdown, value, numerator, denominator, symbol)
            )
            # (a stored figure the upload replaces may be weighed here: it only adds work)
            if (
                symbol is not None
                or value != value
                or small(value, threshold)
                or (
                    measure_id in ratios
                    and hidden_for_itself(
                        catalogue.measure(measure_id).unit, value, numerator, denominator, threshold
                    )
                )
            ):
                wanted.add(group)
    # A count's period whose breakdowns the upload does not give all of: one left out (and
    # not stored) is worked out from the total and the others, as an x is.
    listed = {m.id: len(m.breakdowns) for m in catalogue.measures if m.unit is Unit.COUNT}
    listed |= ratios
    wanted.update(k for k, n in Counter(keys).items() if n <= listed.get(k[0], 0))
    groups: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    mine: dict[tuple[str, str], list[int]] = {}  # the upload's figures in each group
    in_wanted = np.fromiter(map(wanted.__contains__, keys), bool, len(keys))
    for at in np.flatnonzero(in_wanted).tolist():
        index = considered[at]
        o = observations[index]
        groups.setdefault(keys[at], []).append(
            (o.measure_id, keys[at][1], o.breakdown, o.value, o.numerator, o.denominator, o.symbol)
        )
        mine.setdefault(keys[at], []).append(index)
    for group, rows in groups.items():  # the upload's first, then what it leaves stored
        given = {(row[0], row[2]) for row in rows}
        rows += [row for row in before.get(group, ()) if (row[0], row[2]) not in given]
    chosen = [
        g
        for g in groups
        if g in always
        or (g[0] in ratios and _adds_up_to_all(groups[g]))
        or _may_hide_more(groups[g], threshold, listed.get(g[0], 0))
    ]
    if not chosen:
        return _hidden(observations, own, said, decided, together)
    # Text as Python objects, as the rows hold it: disclosure control reads it back row by
    # row, which Arrow-backed text makes several times slower.
    weighed = zip(*(row for group in chosen for row in groups[group]), strict=True)
    frame = pd.DataFrame(
        {
            name: pd.Series(cells, dtype=_FIGURE_DTYPES.get(name, object))
            for name, cells in zip(_FIGURE_COLUMNS, weighed, strict=True)
        }
    )
    frame["note"] = None
    weighed_periods = {label for _, label in chosen}
    earlier = [r for r in releases if r.period.label in weighed_periods]
    published = publishable(catalogue, frame, threshold, releases=earlier)["symbol"].tolist()
    declared = {m.id for m in catalogue.measures if m.rate_of or m.out_of}
    worked_out = _WORKED_OUT.format(threshold=threshold)
    start = 0
    for group in chosen:
        for offset, index in enumerate(mine[group]):
            reason, o = int(own[index]), observations[index]
            if published[start + offset] != Symbol.SUPPRESSED:
                decided[index] = None  # (a rate's own n / N gave way to its count's)
            elif (
                o.measure_id in declared
                and reason != 1
                and (not reason or o.numerator is None or o.denominator is None)
            ):
                decided[index] = worked_out  # its n / N (either) are its count's
            else:
                decided[index] = said[reason] or _HIDDEN_AS_WELL
        start += len(groups[group])
    return _hidden(observations, own, said, decided, together)


_FIGURE_COLUMNS = (
    "measure_id",
    "period",
    "breakdown",
    "value",
    "numerator",
    "denominator",
    "symbol",
)
_FIGURE_DTYPES = {"value": np.float64, "numerator": np.float64, "denominator": np.float64}


def _breakdowns_together(
    figures: FigureColumns,
    own: npt.NDArray[np.int8],
    wants_care: npt.NDArray[np.bool_],
    number: npt.NDArray[np.intp],
    listed: npt.NDArray[np.intp],
    labels: Mapping[int, str],
    aside: Collection[tuple[int, str]],
) -> tuple[list[int], npt.NDArray[np.bool_]]:
    """The upload's breakdowns of percentages and rates hidden with the others of their
    period (disclosure control's ``_breakdowns_of_ratios``: when the All is hidden for
    itself, or a breakdown is or has no number, or one is left out), a column at a time;
    and the figures of the periods that disclosure control weighs instead (``aside``: each a
    measure's number and a period's label). ``number`` is each figure's measure's number in
    the catalogue (from 1; 0 for none), ``listed`` how many breakdowns each number lists if
    a percentage or rate (0 if not)."""
    count = len(own)
    rows = np.flatnonzero(listed[number] > 0)
    weighed = np.zeros(count, bool)
    if not rows.size:
        return [], weighed
    at = rows.tolist()
    size = len(at)
    periods = {key: i for i, key in enumerate(labels)}
    period = np.fromiter(
        map(periods.__getitem__, map(id, take(figures.periods, at))), np.intp, size
    )
    group = number[rows] * len(periods) + period
    is_all = np.fromiter(map(ALL.__eq__, take(figures.breakdowns, at)), bool, size)
    if aside:
        place = {label: i for i, label in enumerate(labels.values())}
        elsewhere = {m * len(periods) + place[label] for m, label in aside if label in place}
        weighed[rows[np.fromiter(map(elsewhere.__contains__, group.tolist()), bool, size)]] = True
    hidden = own[rows] != 0
    slots = len(listed) * len(periods)
    given = np.bincount(group, minlength=slots)[group]
    totals = np.bincount(group, weights=is_all, minlength=slots)[group]
    alarm = (wants_care[rows] & ~is_all) | (hidden & is_all)
    alarms = np.bincount(group, weights=alarm, minlength=slots)[group]
    together = (
        (totals > 0)
        & (given > 1)
        & ((alarms > 0) | (given < listed[number[rows]] + 1))
        & ~is_all
        & ~hidden
        & ~weighed[rows]
    )
    return rows[together].tolist(), weighed


def _adds_up_to_all(rows: list[tuple[Any, ...]]) -> bool:
    """Whether a percentage's or rate's period has breakdowns and an All they add up to."""
    breakdowns = {r[2] for r in rows}
    return ALL in breakdowns and len(breakdowns) > 1


def _may_hide_more(rows: list[tuple[Any, ...]], threshold: int, listed: int) -> bool:
    """Whether a count's period has breakdowns and a figure hidden or without a number, or
    a breakdown of the ``listed`` left out."""
    parts = [r for r in rows if r[2] != ALL]
    if not parts or len(parts) == len(rows):
        return False  # no breakdowns, or no total to subtract from
    if len(parts) < listed:
        return True
    for _, _, _, value, _, _, symbol in rows:
        if symbol is not None or value is None or value != value or small(value, threshold):
            return True
    return False


def _hidden(
    observations: list[Observation],
    own: npt.NDArray[np.int8],
    said: list[str | None],
    decided: dict[int, str | None],
    together: Sequence[int] = (),
) -> list[Hidden]:
    """The figures hidden for what they are (``own``: each one's reason, a number into
    ``said``; 0 for none), with the other breakdowns of their figure (``together``), and as
    disclosure control ``decided`` for those it was run on (each one's reason, None where it
    is shown), in the upload's order, each with its reason; a column at a time but for
    those disclosure control decided (a large upload may hide a third of its figures)."""
    codes = own.astype(np.intp)
    reasons = [reason or "" for reason in said]  # (0: none)
    if together:
        codes[np.asarray(together, np.intp)] = len(reasons)
        reasons.append(_HIDDEN_WITH_BREAKDOWNS)
    numbered: dict[str, int] = {}
    for index, reason in decided.items():
        if reason is None:
            codes[index] = 0
            continue
        if reason not in numbered:
            numbered[reason] = len(reasons)
            reasons.append(reason)
        codes[index] = numbered[reason]
    rows = np.flatnonzero(codes).tolist()
    if not rows:
        return []
    # Made by tuple.__new__ itself: a large upload lists thousands, and Hidden's own
    # constructor is Python, three times as slow.
    pairs = zip(
        take(observations, rows), map(reasons.__getitem__, codes[rows].tolist()), strict=True
    )
    return list(map(tuple.__new__, repeat(Hidden), pairs))


_HIDDEN_WITH_BREAKDOWNS = (
    "hidden with the other breakdowns of the figure: one of them, or its All, is hidden, "
    "left out or without a number, and the others and the All would give it back"
)
_HIDDEN_AS_WELL = (
    "hidden as well, so that a hidden figure cannot be worked out from the total and the "
    "other parts"
)
_WORKED_OUT = (
    "worked out from the count it is declared to be made of, it would be about 1 to "
    "{threshold} children, or give away a count that is hidden"
)


# How each unit's figures are judged on their own (see _own_reasons): 2 a count, 3 a
# percentage, 4 a rate, 1 anything else (0: a measure not in the catalogue).
_UNIT_KIND = {
    u: 2 if u is Unit.COUNT else 3 if u is Unit.PERCENT else 4 if u.scale is not None else 1
    for u in Unit
}
_OWN_REASONS = (
    None,
    "uploaded as c",
    "a count from 1 to {threshold}",
    "no n / N: a percentage is published only when both are known (give n and N, or the "
    "value stored now to keep its n / N)",
    "no n / N: a rate is published only when both are known (give n and N, or the value "
    "stored now to keep its n / N)",
    "its n or N is from 1 to {threshold}",
    "its n and N do not fit it (an N of 0, or an n of 0 for a figure above 0), so nobody can "
    "say how many children it is about",
    "N - n, the children it leaves out, is from 1 to {threshold}: it would single them out",
)


def _own_reasons(
    figures: FigureColumns, catalogue: Catalogue, threshold: int
) -> tuple[
    npt.NDArray[np.int8], npt.NDArray[np.bool_], npt.NDArray[np.bool_], npt.NDArray[np.intp]
]:
    """Why the published version hides each figure whatever the other figures are, as a
    number into :data:`_OWN_REASONS` (0 where nothing does); which figures are of a count
    measure; which are hidden or without a number (around those, disclosure control may
    hide more); and each one's measure's number in the catalogue (from 1; 0 for none). A
    column at a time, by disclosure control's own rule for one figure
    (``scorecard.disclosure._primary``, which the tests hold this to, figure by figure):

    * a figure of a measure not in the catalogue: nothing;
    * uploaded as c: "uploaded as c";
    * a count from 1 to the threshold (or a fraction that is not 0 and below threshold + 1);
    * a percentage or rate with a value: its n and N, the one not given worked out from the
      other and the figure to the nearest whole child (at least one for a figure above 0),
      as a reader could; hidden when neither can be known, when they do not fit it, when
      either is from 1 to the threshold, or, for a percentage, when N - n is.
    """
    count = len(figures.measure_ids)
    measures = catalogue.measures
    number = {m.id: i for i, m in enumerate(measures, start=1)}
    measure_ids, _, _, values, numerators, denominators, symbols, _ = figures
    at = np.fromiter(map(number.get, measure_ids, repeat(0)), np.intp, count)
    kind = np.array([0, *(_UNIT_KIND[m.unit] for m in measures)], np.int8)[at]
    scale = np.array(
        [np.nan, *(np.nan if m.unit.scale is None else m.unit.scale for m in measures)]
    )[at]
    has_symbol = not_none(symbols, count)
    suppressed = np.zeros(count, bool)  # only the few rows with a symbol are looked at
    for index in np.flatnonzero(has_symbol).tolist():
        suppressed[index] = symbols[index] is Symbol.SUPPRESSED
    value, blank = blanks_as_nan(values)
    has_value = ~blank if blank is not None else not_none(values, count)
    numerator, _ = blanks_as_nan(numerators)
    denominator, _ = blanks_as_nan(denominators)

    def tiny(found: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
        return (found > 0) & (found < threshold + 1)  # NaN is neither

    code = np.zeros(count, np.int8)
    scaled = (kind >= 3) & ~np.isnan(value)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        # The side not given, as a reader works it out (disclosure control's _cohort).
        n, d = numerator.copy(), denominator.copy()
        n_known, d_known = ~np.isnan(numerator), ~np.isnan(denominator)
        from_d = scaled & d_known & ~n_known
        worked = _nearest(value * denominator / scale)
        n[from_d] = np.where(value > 0, np.maximum(worked, 1.0), worked)[from_d]
        from_n = scaled & n_known & ~d_known & (value > 0)
        d[from_n] = _nearest(numerator * scale / value)[from_n]
        unknown = scaled & (np.isnan(n) | np.isnan(d))
        judged = scaled & ~unknown
        unfit = judged & ((d <= 0) | ((value > 0) & (n <= 0)))
        judged &= ~unfit
        small_side = judged & (tiny(n) | tiny(d))
        judged &= ~small_side
        code[judged & (kind == 3) & tiny(d - n)] = 7
    code[small_side] = 5
    code[unfit] = 6
    code[unknown] = kind[unknown]  # 3 a percentage, 4 a rate
    code[(kind == 2) & tiny(value)] = 2
    code[(kind != 0) & suppressed] = 1
    return code, kind == 2, (code != 0) | ~has_value | has_symbol, at


def _nearest(children: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Each to the nearest whole child (half to even, as round()); NaN beyond any number."""
    return np.where(np.isfinite(children), np.round(children), np.nan)


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
