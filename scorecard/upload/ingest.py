"""From a file an officer chose to figures the panel sees: check, preview, then commit in one go.

The command line and the upload page both go through here, so they accept and refuse exactly
the same files with the same messages.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import io
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from scorecard import meetings as panel
from scorecard import publication
from scorecard.catalogue import Catalogue
from scorecard.disclosure import Release, configured_threshold, families
from scorecard.errors import UnreadableFile, UploadRejected
from scorecard.periods import Period
from scorecard.records import ActionItem, Commentary
from scorecard.status import reporting_quarters
from scorecard.storage.publications import published
from scorecard.storage.store import CommitResult, Store, UploadRecord
from scorecard.upload.preview import Hidden, Kept, Preview, keep_cohorts, preview, public_hidden
from scorecard.upload.reader import read_upload
from scorecard.upload.safety import MAX_FILE_BYTES
from scorecard.upload.template import write_template
from scorecard.upload.validate import Validation, validate

# Bigger than any real quarterly return; refused before it is read at all (the same limit
# the reader's own safety check applies).
MAX_UPLOAD_BYTES = MAX_FILE_BYTES
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Checked:
    """An upload that has been read, validated and compared with what is stored; not saved."""

    file_name: str
    sha256: str
    validation: Validation
    preview: Preview
    identical_to: UploadRecord | None = None  # a committed upload of the very same file
    # One sentence per period already published whose published figures the upload changes.
    published: tuple[str, ...] = ()
    periods: tuple[Period, ...] = ()  # the periods the upload reports, oldest first

    @property
    def is_valid(self) -> bool:
        return self.validation.is_valid

    @property
    def catalogue(self) -> Catalogue | None:
        return self.validation.catalogue

    def summary(self) -> str:
        s = self.validation.submission
        parts = [f"{len(s.observations)} figures"]
        if s.commentary:
            parts.append(f"{len(s.commentary)} commentary items")
        if s.actions:
            parts.append(f"{len(s.actions)} action-plan items")
        if s.meeting_items:
            parts.append(f"{len(s.meeting_items)} meeting resolutions and actions")
        update = self.validation.catalogue_update
        if update is not None:
            parts.append(f"{len(update.changes)} catalogue change(s)")
        periods = ", ".join(p.label for p in self.periods)
        if not periods and s.meeting_items:  # meetings' items have dates, not periods
            return " and ".join(parts)
        return f"{' and '.join(parts)} for {periods or 'no period'}"


def refuse_if_too_big(file_name: str, size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise UnreadableFile(
            f"'{file_name}' is {size / 1024 / 1024:.1f} MB; uploads are limited to "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB. Remove other sheets or images and try again."
        )


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Reading an upload makes hundreds of thousands of small objects and no reference
    cycles; Python's cycle collector would otherwise walk them all again and again (it
    roughly doubled the time of a 24,000-row upload), and again while they are previewed and
    saved. Reference counting still frees memory.

    What it leaves alive (the checked upload: tens of thousands of figures) lives until the
    upload is saved or dropped. Turned back on, the collector would walk all of it at once as
    new objects, and again as it aged (7.5 ms, then 5.5, after a 24,000-row check), so it is
    put straight among the oldest objects instead (freezing and unfreezing moves every object
    there, untouched): it is walked only by the rare full collection, like any other
    long-lived data. Other sessions' new objects move too, so a cycle among them waits for
    that full collection rather than the next young one: a delay, not a leak."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


@dataclass
class _Stored:
    """What is stored now that an upload is checked against, read while the upload is."""

    catalogue: Catalogue
    recorded: panel.RecordedMeetings
    sha256: str
    identical_to: UploadRecord | None
    # What is stored for the quarter an upload most likely reports (the last that has
    # ended): its figures that count now, and its commentary and action plans counted per
    # (period label, priority). The preview weighs the upload's against them. Read ahead, so
    # that only another period waits for a query.
    likely: Period
    figures: pd.DataFrame
    figures_of_measures: frozenset[str]  # the catalogue's: the figures' key index finds them
    commentary: Counter[tuple[str, int]]
    actions: Counter[tuple[str, int]]

    @classmethod
    def read(cls, store: Store, content: bytes, today: dt.date) -> _Stored:
        sha256 = hashlib.sha256(content).hexdigest()
        likely = Period.containing(today).previous()
        catalogue = store.catalogue()
        measure_ids = frozenset(m.id for m in catalogue.measures)
        return cls(
            catalogue,
            panel.recorded(store),
            sha256,
            store.committed_upload(sha256),
            likely,
            store.current_observations(sorted(measure_ids), periods=[likely.label]),
            measure_ids,
            _per_priority(likely, store.commentary(likely)),
            _per_priority(likely, store.actions(likely)),
        )

    def figures_of(
        self, store: Store, measure_ids: Collection[str], periods: Collection[Period]
    ) -> pd.DataFrame:
        """The figures that count now of ``measure_ids`` (and maybe others) in ``periods``:
        the only stored figures an upload of those is compared with, figure by figure and,
        for disclosure control, within each measure's period. Not every stored figure: ten
        years of them took most of a quarter's check (70 ms of 115 for 60 measures)."""
        labels = {p.label for p in periods}
        if labels <= {self.likely.label} and self.figures_of_measures.issuperset(measure_ids):
            return self.figures
        # (A measure the Measures sheet adds is not among those read ahead: asked for.)
        return store.current_observations(sorted(measure_ids), periods=labels)

    def commentary_of(self, store: Store, periods: Collection[Period]) -> Counter[tuple[str, int]]:
        """The commentary stored now for ``periods``, counted per (period label, priority)."""
        return self._counted(periods, self.commentary, store.commentary)

    def actions_of(self, store: Store, periods: Collection[Period]) -> Counter[tuple[str, int]]:
        """The action plans stored now as at ``periods``, counted per (label, priority)."""
        return self._counted(periods, self.actions, store.actions)

    def _counted(
        self,
        periods: Collection[Period],
        ahead: Counter[tuple[str, int]],
        read: Callable[[Period], Iterable[Commentary | ActionItem]],
    ) -> Counter[tuple[str, int]]:
        found: Counter[tuple[str, int]] = Counter()
        for period in periods:
            found.update(ahead if period == self.likely else _per_priority(period, read(period)))
        return found


def _per_priority(
    period: Period, items: Iterable[Commentary | ActionItem]
) -> Counter[tuple[str, int]]:
    """``items`` stored for ``period`` counted per (its label, priority): an action plan
    carried forward from an earlier quarter counts as this one's."""
    return Counter((period.label, item.priority) for item in items)


def check(store: Store, file_name: str, content: bytes, *, today: dt.date) -> Checked:
    """Read, validate and preview an upload; raises UnreadableFile when it cannot be read."""
    refuse_if_too_big(file_name, len(content))
    ahead: list[_Stored] = []  # read from the database while the sandboxed child reads
    with _without_cycle_collection():
        workbook = read_upload(
            file_name, content, meanwhile=lambda: ahead.append(_Stored.read(store, content, today))
        )
        stored = ahead[0] if ahead else _Stored.read(store, content, today)
        validation = validate(workbook, stored.catalogue, today=today, meetings=stored.recorded)
        periods = tuple(validation.submission.periods())
        # What the public has seen of those periods already (none, usually): read once, for
        # what the preview hides and for what the officer is told the upload changes.
        seen = published(store, {p.label for p in periods}) if periods else []
        validation, compared = _preview(store, validation, stored, [p.release for p in seen])
    return Checked(
        file_name,
        stored.sha256,
        validation,
        compared,
        identical_to=stored.identical_to,
        # Only the figures it changes count (an upload saying a published figure again, as it
        # was, touches nothing), so every period it reports is looked at.
        published=tuple(publication.upload_touches(seen, partial(_changed_figures, compared))),
        periods=periods,
    )


def _distinct_periods(compared: Preview) -> list[Period]:
    """The periods of the figures the upload adds or changes (by object: they share a few)."""
    found = {id(o.period): o.period for o in compared.new}
    found.update((id(o.period), o.period) for _, o in compared.changed)
    return list(found.values())


def _changed_figures(compared: Preview, periods: Collection[str]) -> list[publication.Cell]:
    """The figures the upload changes in ``periods`` (labels) as the public could see them: a
    new note alone changes nothing published, new n / N can change what is hidden."""
    labels = {id(p): p.label for p in _distinct_periods(compared) if p.label in periods}
    cells = [
        (o.measure_id, o.breakdown, labels[id(o.period)])
        for o in compared.new
        if id(o.period) in labels
    ]
    for before, o in compared.changed:
        if id(o.period) in labels and (
            before.value,
            before.symbol,
            before.numerator,
            before.denominator,
        ) != (o.value, o.symbol, o.numerator, o.denominator):
            cells.append((o.measure_id, o.breakdown, labels[id(o.period)]))
    return cells


def _preview(
    store: Store, validation: Validation, now: _Stored, earlier: Sequence[Release]
) -> tuple[Validation, Preview]:
    """The preview, and the validation with its figures as they will be saved (a percentage
    uploaded without n / N at the stored value keeps the stored n / N), against what is
    stored ``now`` and what was published of the upload's periods (``earlier``)."""
    submission = validation.submission
    catalogue = validation.catalogue
    # The upload's measures, and those whose figures decide with theirs what is hidden.
    measure_ids = set(submission.columns().measure_ids)
    family = families(catalogue) if catalogue is not None else {}
    named = {family[m] for m in measure_ids if m in family}
    measure_ids |= {m for m, name in family.items() if name in named}
    periods = submission.figure_periods()
    stored = now.figures_of(store, measure_ids, periods)
    kept: list[Kept] = []
    hidden: list[Hidden] = []
    if catalogue is not None:
        submission, kept = keep_cohorts(validation.submission, stored, catalogue)
        validation = replace(validation, submission=submission)
        hidden = public_hidden(submission, stored, catalogue, configured_threshold(), earlier)
    submission = validation.submission
    commentary = now.commentary_of(store, {c.period for c in submission.commentary})
    actions = now.actions_of(store, {a.period for a in submission.actions})
    update = validation.catalogue_update
    return validation, preview(
        submission,
        stored,
        catalogue_changes=update.changes if update is not None else (),
        stored_commentary=commentary,
        stored_actions=actions,
        stored_meetings=now.recorded,
        kept=kept,
        hidden=hidden,
    )


def commit(store: Store, checked: Checked, *, actor: str) -> CommitResult:
    """Save a checked upload, and its catalogue changes, in one transaction; nothing is
    written if it has problems."""
    if not checked.is_valid:
        raise UploadRejected(
            f"Nothing was saved: '{checked.file_name}' has "
            f"{len(checked.validation.blocking)} problem(s) to fix first.",
            checked.validation.issues,
        )
    update = checked.validation.catalogue_update
    with _without_cycle_collection():
        return store.commit_upload(
            checked.validation.submission,
            actor=actor,
            file_name=checked.file_name,
            sha256=checked.sha256,
            summary=checked.summary(),
            measures=update.measures if update is not None else (),
            catalogue_detail=(
                "from the Measures sheet: " + "; ".join(str(c) for c in update.changes)
                if update is not None
                else ""
            ),
        )


def report(checked: Checked, *, preview_lines: int = 50) -> str:
    """The validation result and the preview as text for the command line."""
    v = checked.validation
    lines = [f"{checked.file_name}: {checked.summary()}."]
    if v.issues:
        lines.append(f"{len(v.blocking)} problem(s) to fix, {len(v.warnings)} warning(s):")
        lines += [f"  [{i.severity.value}] {i}" for i in v.issues]
    lines += [f"  [not read] {note}" for note in v.ignored]
    if checked.identical_to is not None:
        lines.append(identical_message(checked.identical_to))
    elif v.catalogue is not None:
        lines.append("Compared with what is stored now:")
        lines += [f"  {line}" for line in checked.preview.lines(v.catalogue, preview_lines)]
        lines += [f"  Already published: {line}" for line in checked.published]
    lines.append("Valid: it can be uploaded." if v.is_valid else "Not valid: nothing can be saved.")
    return "\n".join(lines)


def identical_message(earlier: UploadRecord) -> str:
    return (
        f"This file is identical to upload {earlier.id} ({earlier.file_name}, "
        f"{earlier.uploaded_at:%d %B %Y}); nothing changed."
    )


def commit_message(result: CommitResult) -> str:
    if result.changed_nothing:
        return identical_message(result.upload)
    return f"Saved as upload {result.upload.id}: {result.upload.summary}."


def next_quarter(quarters: Sequence[Period], today: dt.date | None = None) -> Period:
    """The quarter officers fill in next: the one after the latest with figures, but never
    one that has not ended (it could not be uploaded), so in December, with figures up to
    September, it is July to September again until 31 December has passed."""
    latest_ended = Period.containing(today or dt.date.today()).previous()
    if quarters and quarters[-1].next().end < latest_ended.end:
        return quarters[-1].next()
    return latest_ended


def template_periods(
    quarters: Sequence[Period], count: int = 8, today: dt.date | None = None
) -> list[Period]:
    """Quarters a template can be made for: the next one first, then the ones before it.
    ``quarters`` are those with figures, oldest first (the page has them already)."""
    periods = [next_quarter(quarters, today)]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods


def template_bytes(store: Store, period: Period) -> bytes:
    out = io.BytesIO()
    _write_template(store, store.current_observations(), period, out)
    return out.getvalue()


def template_file_name(period: Period) -> str:
    return f"scorecard-upload-{period.label.replace('/', '-').replace(' ', '-')}.xlsx"


def write_template_file(store: Store, out: Path, period: Period | None = None) -> Period:
    current = store.current_observations()
    chosen = period or next_quarter(reporting_quarters(current))
    with out.open("wb") as handle:
        _write_template(store, current, chosen, handle)
    return chosen


def _write_template(store: Store, current: pd.DataFrame, period: Period, out: BinaryIO) -> None:
    """The upload template for ``period``, prefilled from the figures that count now
    (``current``, which the caller has read already)."""
    write_template(store.catalogue(), current, period, out, panel.recorded(store))


def check_file(store: Store, path: Path, *, today: dt.date) -> Checked:
    refuse_if_too_big(path.name, path.stat().st_size)
    return check(store, path.name, path.read_bytes(), today=today)
