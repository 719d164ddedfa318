"""Reading and writing the scorecard's database.

Every write is one transaction: an upload, a roll-back or a catalogue change is either
stored whole, with its audit entry, or not at all. Observations, commentary and action items
are never updated in place; which version counts is worked out from the uploads that are
still committed, so a roll-back is a change of status and the history is always complete.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import chain, repeat
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, and_, bindparam, func, insert, select, update
from sqlalchemy.exc import DBAPIError, OperationalError

from scorecard import disclosure, small_numbers
from scorecard.catalogue import Catalogue, parse_catalogue
from scorecard.errors import DatabaseUnavailable, NotFound, ScorecardError
from scorecard.periods import Period, parse_period
from scorecard.records import ActionItem, ActionStatus, Commentary, CommentaryKind, Submission
from scorecard.storage import changes, database, meeting_items
from scorecard.storage import schema as t
from scorecard.symbols import Symbol

OBSERVATION_COLUMNS = [
    "measure_id",
    "period",
    "period_end",
    "breakdown",
    "value",
    "numerator",
    "denominator",
    "symbol",
    "note",
    "upload_id",
]

# The stored columns of a figure as the quick insert writes them, the upload first: the order
# of its row tuples (Store._insert_observations_quickly).
_QUICK_COLUMNS = ("upload_id", *(c for c in OBSERVATION_COLUMNS if c != "upload_id"))
# Whether they are exactly the table's columns (besides its id); the schema is fixed when this
# module is imported, so it is checked once, here.
_QUICK_COLUMNS_ARE_THE_TABLES = {c.name for c in t.observations.columns} == {"id", *_QUICK_COLUMNS}
# Rows per INSERT statement: 900 parameters, within the 999 that SQLite allowed before 3.32
# (PostgreSQL allows 65,535); measured, more rows per statement gained nothing more.
_ROWS_PER_INSERT = 90
# What the symbols column holds for each symbol (None for none).
_SYMBOL_TEXT: dict[Symbol | None, str] = {s: s.value for s in Symbol}


class UploadStatus(StrEnum):
    COMMITTED = "committed"
    ROLLED_BACK = "rolled back"


class AuditAction(StrEnum):
    UPLOAD = "upload"
    IDENTICAL_UPLOAD = "identical upload"
    ROLLBACK = "rollback"
    CATALOGUE = "catalogue change"


@dataclass(frozen=True)
class UploadRecord:
    id: int
    uploaded_at: dt.datetime
    uploaded_by: str
    file_name: str
    sha256: str
    status: UploadStatus
    summary: str


@dataclass(frozen=True)
class CommitResult:
    upload: UploadRecord
    identical_to: UploadRecord | None = None

    @property
    def changed_nothing(self) -> bool:
        return self.identical_to is not None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    actor: str
    action: str
    upload_id: int | None
    file_name: str | None
    sha256: str | None
    detail: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(moment: dt.datetime) -> dt.datetime:
    """The same instant in UTC: SQLite hands back naive times (stored as UTC), PostgreSQL
    aware ones in the session's zone."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


@lru_cache(maxsize=4096)
def period_of(label: str) -> Period:
    return parse_period(label)


class Store:
    """The council's scorecard database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._versions_sql: dict[tuple[str, ...], str] = {}

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        engine = database.create(database.configured_url(url))
        database.migrate(engine)
        return cls(engine)

    # -- catalogue -----------------------------------------------------------------------
    def has_catalogue(self) -> bool:
        with self._reading() as conn:
            return conn.execute(select(func.count()).select_from(t.measures)).scalar_one() > 0

    def catalogue(self) -> Catalogue:
        with self._reading() as conn:
            authority = conn.execute(select(t.authority)).mappings().first()
            if authority is None:
                raise ScorecardError(
                    "This scorecard has no catalogue of measures yet. An administrator can "
                    "load one with: python -m scorecard load-catalogue FILE.toml "
                    "(or python -m scorecard init-demo for the demonstration authority)."
                )
            priorities = conn.execute(select(t.priorities).order_by(t.priorities.c.number))
            measures = conn.execute(select(t.measures).order_by(t.measures.c.position))
            pledge = conn.execute(select(t.pledge).order_by(t.pledge.c.number))
            shared = conn.execute(select(t.shared_totals).order_by(t.shared_totals.c.number))
            glossary = conn.execute(select(t.glossary).order_by(t.glossary.c.number))
            data = {
                "authority": {k: v for k, v in authority.items() if k != "id" and v is not None},
                "priorities": [dict(row) for row in priorities.mappings()],
                "measures": [_measure_from_row(row) for row in measures.mappings()],
                "pledge": [dict(row) for row in pledge.mappings()],
                "shared_totals": [{"measures": row.measures} for row in shared],
                "glossary": [
                    {"term": row.term, "meaning": row.meaning, "also": row.also} for row in glossary
                ],
            }
        return parse_catalogue(data, "the catalogue stored in the database")

    def replace_catalogue(
        self, catalogue: Catalogue, *, actor: str, file_name: str, sha256: str
    ) -> None:
        """Store a new catalogue in one transaction.

        Measures that already have observations may change every field but cannot disappear,
        because that would orphan their history.
        """
        with self._writing() as conn:
            kept = {m.id for m in catalogue.measures}
            with_data = set(conn.execute(select(t.observations.c.measure_id).distinct()).scalars())
            orphaned = sorted(with_data - kept)
            if orphaned:
                raise ScorecardError(
                    "The new catalogue leaves out measures that already have data: "
                    + ", ".join(orphaned)
                    + ". Keep them in the catalogue (their history must stay readable)."
                )
            # Rows that others refer to (priorities, measures) are updated in place, never
            # deleted and re-inserted: their figures, commentary and actions point at them.
            for table in (t.pledge, t.shared_totals, t.glossary, t.authority):
                conn.execute(table.delete())
            _upsert(conn, t.priorities, "number", [p.model_dump() for p in catalogue.priorities])
            _upsert(
                conn,
                t.measures,
                "id",
                [_measure_to_row(m, i) for i, m in enumerate(catalogue.measures)],
            )
            conn.execute(t.measures.delete().where(t.measures.c.id.not_in(kept)))
            conn.execute(insert(t.authority).values(id=1, **catalogue.authority.model_dump()))
            if catalogue.pledge:
                conn.execute(
                    insert(t.pledge), [p.model_dump(mode="json") for p in catalogue.pledge]
                )
            if catalogue.shared_totals:
                conn.execute(
                    insert(t.shared_totals),
                    [
                        {"number": n, "measures": list(s.measures)}
                        for n, s in enumerate(catalogue.shared_totals, start=1)
                    ],
                )
            if catalogue.glossary:
                conn.execute(
                    insert(t.glossary),
                    [
                        {"number": n, **g.model_dump(mode="json")}
                        for n, g in enumerate(catalogue.glossary, start=1)
                    ],
                )
            self._audit(
                conn,
                actor,
                AuditAction.CATALOGUE,
                file_name=file_name,
                sha256=sha256,
                detail=f"{len(catalogue.priorities)} priorities, "
                f"{len(catalogue.measures)} measures",
            )

    # -- uploads -------------------------------------------------------------------------
    def commit(
        self,
        submission: Submission,
        *,
        actor: str,
        file_name: str,
        sha256: str,
        summary: str = "",
        at: dt.datetime | None = None,
    ) -> CommitResult:
        """Store a validated submission as a new upload, or recognise it as already stored."""
        return self.commit_upload(
            submission, actor=actor, file_name=file_name, sha256=sha256, summary=summary, at=at
        )

    def _insert_contents(self, conn: Connection, upload_id: int, submission: Submission) -> None:
        if submission.observations:
            conn.execute(
                insert(t.observations),
                [
                    {
                        "upload_id": upload_id,
                        "measure_id": o.measure_id,
                        "period": o.period.label,
                        "period_end": o.period.end,
                        "breakdown": o.breakdown,
                        "value": o.value,
                        "numerator": o.numerator,
                        "denominator": o.denominator,
                        "symbol": o.symbol.value if o.symbol else None,
                        "note": o.note,
                    }
                    for o in submission.observations
                ],
            )
        if submission.commentary:
            conn.execute(
                insert(t.commentary),
                [
                    {
                        "upload_id": upload_id,
                        "period": c.period.label,
                        "period_end": c.period.end,
                        "priority": c.priority,
                        "kind": c.kind.value,
                        "title": c.title,
                        "text": c.text,
                    }
                    for c in submission.commentary
                ],
            )
        if submission.actions:
            conn.execute(
                insert(t.action_items),
                [
                    {
                        "upload_id": upload_id,
                        "period": a.period.label,
                        "period_end": a.period.end,
                        "priority": a.priority,
                        "action": a.action,
                        "owner": a.owner,
                        "due": a.due,
                        "status": a.status.value,
                        "update": a.update,
                    }
                    for a in submission.actions
                ],
            )

    def rollback(self, upload_id: int, *, actor: str) -> UploadRecord:
        """Withdraw an upload: the values it superseded count again and its own stay in the
        history. Measures and meeting items it changed in place are put back as they were,
        and those it added are taken out (see scorecard/storage/changes.py)."""
        with self._writing() as conn:
            row = (
                conn.execute(select(t.uploads).where(t.uploads.c.id == upload_id))
                .mappings()
                .first()
            )
            if row is None:
                raise NotFound(f"There is no upload number {upload_id}; see the list of uploads.")
            if row["status"] != UploadStatus.COMMITTED:
                raise ScorecardError(f"Upload {upload_id} has already been rolled back.")
            # Catalogue measures and meeting items were changed in place: put them back too
            # (or refuse, writing nothing, if something has changed them since).
            undone = changes.undo(conn, upload_id, counting=UploadStatus.COMMITTED)
            conn.execute(
                update(t.uploads)
                .where(t.uploads.c.id == upload_id)
                .values(status=UploadStatus.ROLLED_BACK)
            )
            self._audit(
                conn,
                actor,
                AuditAction.ROLLBACK,
                upload_id=upload_id,
                file_name=row["file_name"],
                sha256=row["sha256"],
                detail="; ".join([f"rolled back upload {upload_id}", *undone]),
            )
            updated = conn.execute(select(t.uploads).where(t.uploads.c.id == upload_id))
            return _upload_from_row(updated.mappings().one())

    def catalogue_changed_by(self, upload_id: int) -> bool:
        """Whether rolling the upload back would change the catalogue (its Measures sheet
        added or changed measures)."""
        with self._reading() as conn:
            return changes.changed_catalogue(conn, upload_id)

    def uploads(self) -> list[UploadRecord]:
        with self._reading() as conn:
            rows = conn.execute(select(t.uploads).order_by(t.uploads.c.id.desc())).mappings()
            return [_upload_from_row(r) for r in rows]

    def audit_log(self) -> list[AuditEntry]:
        with self._reading() as conn:
            rows = conn.execute(select(t.audit_log).order_by(t.audit_log.c.id)).mappings()
            return [AuditEntry(**(dict(r) | {"at": _utc(r["at"])})) for r in rows]

    def data_version(self, *actions: str) -> int:
        """Grows with every write (or, given actions, every write of those kinds); caches key
        on it so nobody sees stale figures."""
        return self.data_versions(*actions)[1 if actions else 0]

    def data_versions(self, *actions: str) -> tuple[int, int]:
        """``data_version()`` and ``data_version(*actions)`` in one query, which every page
        run asks. It goes straight to the driver: SQLAlchemy's connection and statement
        handling cost twenty times the query itself (0.9 ms against 0.04 ms on SQLite)."""
        sql = self._versions_sql.get(actions)
        if sql is None:
            newest = select(func.max(t.audit_log.c.id))
            query = select(
                func.coalesce(newest.scalar_subquery(), 0),
                func.coalesce(newest.where(t.audit_log.c.action.in_(actions)).scalar_subquery(), 0),
            )
            # Our own constant action names, so writing them into the SQL is safe.
            compiled = query.compile(self.engine, compile_kwargs={"literal_binds": True})
            sql = self._versions_sql[actions] = str(compiled)
        failures = (OperationalError, self.engine.dialect.dbapi.Error)  # type: ignore[union-attr]
        try:
            connection = self.engine.raw_connection()  # the driver's own errors, unwrapped
            try:
                cursor = connection.cursor()
                cursor.execute(sql)
                every, those = cursor.fetchone()  # type: ignore[misc]  # an aggregate: one row
                cursor.close()
            finally:
                connection.close()
        except failures as exc:
            raise DatabaseUnavailable(database.unavailable_message(exc)) from None
        return int(every), int(those)

    # -- observations ----------------------------------------------------------------------
    def current_observations(
        self,
        measure_ids: Sequence[str] | None = None,
        *,
        without: int | None = None,
        periods: Collection[str] | None = None,
    ) -> pd.DataFrame:
        """The value that counts for every measure × period × breakdown: the one from the
        latest upload that is still committed (leaving out upload ``without``: what would
        count once it is rolled back). Only of ``measure_ids`` and ``periods`` (labels)
        when given."""
        chosen: dict[str, Any] = {}
        if measure_ids is not None:
            chosen["measure_ids"] = list(measure_ids)
        if periods is not None:
            chosen["periods"] = sorted(periods)
        if without is not None:
            chosen["without"] = without
        query = _current_query("measure_ids" in chosen, "periods" in chosen, "without" in chosen)
        with self._reading() as conn:
            frame = _frame(conn.execute(query, chosen), OBSERVATION_COLUMNS)
        return _typed_observations(frame)

    def observation_history(self, measure_id: str) -> pd.DataFrame:
        """Every version ever uploaded for one measure, with the upload that brought it."""
        query = (
            select(
                *[t.observations.c[c] for c in OBSERVATION_COLUMNS],
                t.uploads.c.uploaded_at,
                t.uploads.c.uploaded_by,
                t.uploads.c.file_name,
                t.uploads.c.status,
            )
            .join(t.uploads, t.uploads.c.id == t.observations.c.upload_id)
            .where(t.observations.c.measure_id == measure_id)
            .order_by(t.observations.c.period_end, t.observations.c.upload_id)
        )
        with self._reading() as conn:
            result = conn.execute(query)
            frame = _frame(result, list(result.keys()))
        return _typed_observations(frame)

    # -- commentary and action plans -------------------------------------------------------
    def commentary(self, period: Period, priority: int | None = None) -> list[Commentary]:
        """What the latest committed upload for this period says about each priority."""
        rows = self._latest_per_priority(
            t.commentary, t.commentary.c.period == period.label, priority
        )
        return [
            Commentary(
                period=period_of(r["period"]),
                priority=r["priority"],
                kind=CommentaryKind(r["kind"]),
                title=r["title"],
                text=r["text"],
            )
            for r in rows
        ]

    def actions(self, period: Period, priority: int | None = None) -> list[ActionItem]:
        """Each priority's action plan as it stood at the end of ``period``: the latest plan
        reported for that period or, if none was, for the most recent period before it."""
        rows = self._latest_per_priority(
            t.action_items, t.action_items.c.period_end <= period.end, priority
        )
        return [
            ActionItem(
                period=period_of(r["period"]),
                priority=r["priority"],
                action=r["action"],
                owner=r["owner"],
                due=r["due"],
                status=ActionStatus(r["status"]),
                update=r["update"],
            )
            for r in rows
        ]

    def _latest_per_priority(
        self, table: Any, condition: Any, priority: int | None
    ) -> list[dict[str, Any]]:
        committed = and_(
            t.uploads.c.id == table.c.upload_id, t.uploads.c.status == UploadStatus.COMMITTED
        )
        ranked = (
            select(
                table,
                func.dense_rank()
                .over(
                    partition_by=table.c.priority,
                    order_by=(table.c.period_end.desc(), table.c.upload_id.desc()),
                )
                .label("version_rank"),
            )
            .join(t.uploads, committed)
            .where(condition)
        )
        if priority is not None:
            ranked = ranked.where(table.c.priority == priority)
        latest = ranked.subquery()
        query = (
            select(latest)
            .where(latest.c.version_rank == 1)
            .order_by(latest.c.priority, latest.c.id)
        )
        with self._reading() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    # -- plumbing ----------------------------------------------------------------------------
    def _audit(
        self,
        conn: Connection,
        actor: str,
        action: AuditAction,
        *,
        upload_id: int | None = None,
        file_name: str | None = None,
        sha256: str | None = None,
        detail: str = "",
        at: dt.datetime | None = None,
    ) -> None:
        conn.execute(
            insert(t.audit_log).values(
                at=at or _now(),
                actor=actor,
                action=action.value,
                upload_id=upload_id,
                file_name=file_name,
                sha256=sha256,
                detail=detail,
            )
        )

    def _reading(self) -> database.Guarded:
        return database.Guarded(self.engine, write=False)

    def _writing(self) -> database.Guarded:
        return database.Guarded(self.engine, write=True)

    # -- officers' uploads: figures and catalogue changes together (issue 3) ---------------
    def committed_upload(self, sha256: str) -> UploadRecord | None:
        """The earliest committed upload of a file with this SHA-256, if there is one."""
        with self._reading() as conn:
            return _committed_with(conn, sha256)

    def commit_upload(
        self,
        submission: Submission,
        *,
        actor: str,
        file_name: str,
        sha256: str,
        summary: str = "",
        measures: Sequence[Any] = (),
        catalogue_detail: str = "",
        at: dt.datetime | None = None,
    ) -> CommitResult:
        """Store a validated upload, the new or changed catalogue ``measures`` its
        Measures sheet brings and the meeting items its Actions sheet brings, in one
        transaction: all or nothing. An identical file (same SHA-256 as a committed upload)
        changes nothing, catalogue and meetings included.

        Measures and meeting items are updated in place or added, never removed; what each
        was before is kept so that rolling the upload back puts it back. Observations go
        straight to the driver's ``executemany``: for a large upload, SQLAlchemy's per-row
        parameter handling would cost more than the insert.
        """
        when = at or _now()
        with self._writing() as conn:
            earlier = _committed_with(conn, sha256)
            if earlier is not None:
                self._audit(
                    conn,
                    actor,
                    AuditAction.IDENTICAL_UPLOAD,
                    upload_id=earlier.id,
                    file_name=file_name,
                    sha256=sha256,
                    detail=f"identical to upload {earlier.id}; nothing changed",
                    at=when,
                )
                return CommitResult(upload=earlier, identical_to=earlier)
            upload_id = self._new_upload(
                conn, actor=actor, file_name=file_name, sha256=sha256, summary=summary, at=when
            )
            if measures:
                self._upsert_measures(conn, measures, upload_id=upload_id)
                self._audit(
                    conn,
                    actor,
                    AuditAction.CATALOGUE,
                    upload_id=upload_id,
                    file_name=file_name,
                    sha256=sha256,
                    detail=catalogue_detail or f"{len(measures)} measure(s) added or changed",
                    at=when,
                )
            self._insert_observations_quickly(conn, upload_id, submission)
            self._insert_contents(
                conn,
                upload_id,
                Submission(commentary=submission.commentary, actions=submission.actions),
            )
            for change in meeting_items.save_uploaded(conn, upload_id, submission.meeting_items):
                self.audit_in(
                    conn, actor, meeting_items.AUDIT_ACTION, f"{change}, from upload {upload_id}"
                )
            self._audit_upload(
                conn,
                upload_id,
                actor=actor,
                file_name=file_name,
                sha256=sha256,
                summary=summary,
                at=when,
            )
            row = conn.execute(select(t.uploads).where(t.uploads.c.id == upload_id)).mappings()
            return CommitResult(upload=_upload_from_row(row.one()))

    def _upsert_measures(
        self, conn: Connection, measures: Sequence[Any], *, upload_id: int
    ) -> None:
        """Change measures in place and add new ones at the end of the catalogue, keeping
        each as it was before ``upload_id`` so a roll-back can put it back."""
        ids = [m.id for m in measures]
        before = changes.snapshot(conn, t.measures, ids)
        last = conn.execute(select(func.coalesce(func.max(t.measures.c.position), -1))).scalar_one()
        added = [i for i in ids if i not in before]
        positions = {measure_id: last + 1 + n for n, measure_id in enumerate(added)}
        rows = [_measure_to_row(m, positions.get(m.id, 0)) for m in measures]
        # A measure keeps its place in the catalogue when the Measures sheet changes it.
        _upsert(conn, t.measures, "id", rows, keep=("position",))
        changes.remember(
            conn, upload_id, t.measures, before, changes.snapshot(conn, t.measures, ids)
        )

    def _insert_observations_quickly(
        self, conn: Connection, upload_id: int, submission: Submission
    ) -> None:
        if not submission.observations:
            return
        marker = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(conn.dialect.paramstyle)
        if marker is None or not _QUICK_COLUMNS_ARE_THE_TABLES:
            # A driver with another parameter style, or a table changed since this was
            # written (never guess at a column): the general way.
            self._insert_contents(conn, upload_id, Submission(submission.observations))
            return
        as_text = conn.dialect.name == "sqlite"  # SQLAlchemy keeps SQLite dates as ISO text
        # The figures a column at a time, then their rows' parameters one after another in
        # _QUICK_COLUMNS' order, without a Python loop over the rows: building them row by
        # row took a tenth of a 24,000-figure upload's save.
        columns = submission.columns()
        measure_ids, periods, breakdowns, values, numerators, denominators, symbols, notes = columns
        # One label and end date per period object (most observations share a few periods).
        distinct = submission.figure_periods()
        label = {id(p): p.label for p in distinct}
        end = {id(p): p.end.isoformat() if as_text else p.end for p in distinct}
        ids = list(map(id, periods))
        parameters: list[Any] = list(
            chain.from_iterable(
                zip(
                    repeat(upload_id),
                    measure_ids,
                    map(label.__getitem__, ids),
                    map(end.__getitem__, ids),
                    breakdowns,
                    values,
                    numerators,
                    denominators,
                    map(_SYMBOL_TEXT.get, symbols),
                    notes,
                    strict=False,  # repeat is endless; the others are as long as each other
                )
            )
        )
        # Many rows per statement: binding and stepping one statement per row cost a quarter
        # of the insert. The rows that do not fill a last whole statement get their own.
        width = len(_QUICK_COLUMNS)
        per_statement = _ROWS_PER_INSERT * width
        whole = len(parameters) // per_statement * per_statement
        if whole:
            _executemany(
                conn,
                self._multi_row_insert(conn, marker, _ROWS_PER_INSERT),
                [tuple(parameters[i : i + per_statement]) for i in range(0, whole, per_statement)],
            )
        if whole < len(parameters):
            rest = tuple(parameters[whole:])
            _executemany(conn, self._multi_row_insert(conn, marker, len(rest) // width), [rest])

    @staticmethod
    def _multi_row_insert(conn: Connection, marker: str, rows: int) -> str:
        quote = conn.dialect.identifier_preparer.quote
        one_row = f"({', '.join([marker] * len(_QUICK_COLUMNS))})"
        return (
            f"INSERT INTO {conn.dialect.identifier_preparer.format_table(t.observations)} "
            f"({', '.join(quote(n) for n in _QUICK_COLUMNS)}) VALUES " + ", ".join([one_row] * rows)
        )

    # -- meetings and publication (scorecard.meetings, scorecard.disclosure) ----------------
    def writing(self) -> database.Guarded:
        """One write transaction, for a domain module that keeps its own tables here
        (:mod:`scorecard.meetings`); its audit entry goes in the same transaction."""
        return self._writing()

    def reading(self) -> database.Guarded:
        return self._reading()

    def audit_in(self, conn: Connection, actor: str, action: str, detail: str) -> None:
        """An audit entry (who, when, what) written inside the caller's transaction."""
        conn.execute(
            insert(t.audit_log).values(at=_now(), actor=actor, action=action, detail=detail)
        )

    def commit_in(
        self, conn: Connection, submission: Submission, *, actor: str, file_name: str, summary: str
    ) -> int:
        """Store figures worked out in the app (a meeting's attendance) as a new upload, inside
        the caller's transaction, so the figure and what it came from are saved together. Like
        any upload it supersedes earlier values and can be rolled back."""
        canonical = repr(
            sorted((o.key, o.value, o.numerator, o.denominator) for o in submission.observations)
        )
        sha256 = hashlib.sha256(f"{file_name}|{canonical}".encode()).hexdigest()
        upload_id = self._new_upload(
            conn, actor=actor, file_name=file_name, sha256=sha256, summary=summary
        )
        self._insert_contents(conn, upload_id, submission)
        self._audit_upload(
            conn, upload_id, actor=actor, file_name=file_name, sha256=sha256, summary=summary
        )
        return upload_id

    def _new_upload(
        self,
        conn: Connection,
        *,
        actor: str,
        file_name: str,
        sha256: str,
        summary: str,
        at: dt.datetime | None = None,
    ) -> int:
        """A new committed upload (its row in ``uploads``, nothing in it yet): its number."""
        upload_id: int = conn.execute(
            insert(t.uploads)
            .values(
                uploaded_at=at or _now(),
                uploaded_by=actor,
                file_name=file_name,
                sha256=sha256,
                status=UploadStatus.COMMITTED,
                summary=summary,
            )
            .returning(t.uploads.c.id)
        ).scalar_one()
        return upload_id

    def _audit_upload(
        self,
        conn: Connection,
        upload_id: int,
        *,
        actor: str,
        file_name: str,
        sha256: str,
        summary: str,
        at: dt.datetime | None = None,
    ) -> None:
        """The audit entry saying who made the upload, with its summary."""
        self._audit(
            conn,
            actor,
            AuditAction.UPLOAD,
            upload_id=upload_id,
            file_name=file_name,
            sha256=sha256,
            detail=summary,
            at=at,
        )

    def publication_approvals(self) -> set[str]:
        """Fingerprints of the commentary approved for the published version."""
        with self._reading() as conn:
            return set(conn.execute(select(t.publication_approvals.c.text_key)).scalars())

    def set_publication(
        self,
        approve: Mapping[str, Commentary],
        withdraw: Sequence[str],
        *,
        actor: str,
        threshold: int | None = None,
        hidden: Collection[small_numbers.HiddenFigure] = (),
    ) -> None:
        """Approve commentary for publication (by its fingerprint,
        :func:`scorecard.disclosure.text_key`) and withdraw approvals, in one transaction.

        Nothing is written if any commentary to approve has a number that could single out
        1 to ``threshold`` children (the configured threshold unless given), or quotes a figure
        the published version hides (``hidden``, :func:`scorecard.disclosure.hidden_figures`),
        the approval would never publish it: this raises
        :class:`scorecard.small_numbers.SmallNumberInCommentary`, whoever calls it.
        """
        for key, item in approve.items():
            if key != disclosure.text_key(item):
                raise ValueError(f"{key} is not the fingerprint of '{item.title}'")
        limit = disclosure.configured_threshold() if threshold is None else threshold
        small_numbers.refuse(approve.values(), limit, hidden)
        with self._writing() as conn:
            known = set(conn.execute(select(t.publication_approvals.c.text_key)).scalars())
            for key, item in approve.items():
                if key in known:
                    continue
                known.add(key)
                conn.execute(
                    insert(t.publication_approvals).values(
                        text_key=key,
                        period=item.period.label,
                        priority=item.priority,
                        kind=item.kind.value,
                        title=item.title[:300],
                        approved_by=actor,
                        approved_at=_now(),
                    )
                )
                self.audit_in(
                    conn, actor, "publication", f"approved for publication: {item.title[:200]}"
                )
            gone = [k for k in withdraw if k in known]
            if gone:
                conn.execute(
                    t.publication_approvals.delete().where(
                        t.publication_approvals.c.text_key.in_(gone)
                    )
                )
                self.audit_in(
                    conn, actor, "publication", f"withdrew {len(gone)} approval(s) for publication"
                )


@lru_cache(maxsize=8)
def _current_query(by_measure: bool, by_period: bool, leaving_out: bool) -> Any:
    """The query for :meth:`Store.current_observations`, made once for each choice of what
    it is limited to (``measure_ids``, ``periods``, ``without``: bound when it is run);
    building it anew each time took as long as running it on a quarter."""
    # Each figure whose (measure, period, breakdown) has no figure in a later committed
    # upload. NOT EXISTS walks the key index once per figure; a row_number() window made
    # SQLite sort every figure first, twice as slow.
    o, later = t.observations, t.observations.alias("later")
    committed, later_upload = t.uploads, t.uploads.alias("later_upload")
    superseded = (
        select(later.c.id)
        .join(later_upload, later_upload.c.id == later.c.upload_id)
        .where(
            later_upload.c.status == UploadStatus.COMMITTED,
            later.c.measure_id == o.c.measure_id,
            later.c.period == o.c.period,
            later.c.breakdown == o.c.breakdown,
            later.c.upload_id > o.c.upload_id,
        )
    )
    if leaving_out:
        superseded = superseded.where(later_upload.c.id != bindparam("without"))
    query = (
        select(*[o.c[c] for c in OBSERVATION_COLUMNS])
        .join(committed, committed.c.id == o.c.upload_id)
        .where(committed.c.status == UploadStatus.COMMITTED, ~superseded.exists())
    )
    if by_measure:
        query = query.where(o.c.measure_id.in_(bindparam("measure_ids", expanding=True)))
    if by_period:
        query = query.where(o.c.period.in_(bindparam("periods", expanding=True)))
    if leaving_out:
        query = query.where(committed.c.id != bindparam("without"))
    return query


def _frame(result: Any, columns: Sequence[str]) -> pd.DataFrame:
    """Rows as a DataFrame. As plain tuples: given SQLAlchemy's rows, pandas asks each one
    for attributes it does not have, and that failed lookup cost more than the query."""
    return pd.DataFrame.from_records(list(map(tuple, result.all())), columns=list(columns))


def _typed_observations(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        # Typing nothing costs pandas as much as typing a quarter (3 ms): an upload of new
        # quarters asks for their stored figures and gets none. Typed once per set of columns.
        columns = tuple(frame.columns)
        if columns not in _NO_OBSERVATIONS:
            _NO_OBSERVATIONS[columns] = _typed_rows(frame)
        return _NO_OBSERVATIONS[columns].copy()
    return _typed_rows(frame)


_NO_OBSERVATIONS: dict[tuple[str, ...], pd.DataFrame] = {}


def _typed_rows(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype({c: "float64" for c in ("value", "numerator", "denominator")})
    frame = frame.assign(
        period_end=pd.to_datetime(frame["period_end"]).dt.date,
        # Object dtype: pandas 3 would otherwise turn the Symbol members back into plain str.
        symbol=pd.Series(
            [Symbol(s) if isinstance(s, str) else None for s in frame["symbol"]],
            index=frame.index,
            dtype=object,
        ),
    )
    return frame.sort_values(["measure_id", "period_end", "breakdown"], ignore_index=True)


def _committed_with(conn: Connection, sha256: str) -> UploadRecord | None:
    row = (
        conn.execute(
            select(t.uploads)
            .where(t.uploads.c.sha256 == sha256, t.uploads.c.status == UploadStatus.COMMITTED)
            .order_by(t.uploads.c.id)
        )
        .mappings()
        .first()
    )
    return None if row is None else _upload_from_row(row)


def _upsert(
    conn: Connection,
    table: Any,
    key: str,
    rows: list[dict[str, Any]],
    *,
    keep: tuple[str, ...] = (),
) -> None:
    """Update the rows whose ``key`` is stored, leaving their ``keep`` columns as they are,
    and insert the others."""
    existing = set(conn.execute(select(table.c[key])).scalars())
    for row in rows:
        if row[key] in existing:
            values = {k: v for k, v in row.items() if k not in keep}
            conn.execute(update(table).where(table.c[key] == row[key]).values(values))
        else:
            conn.execute(insert(table).values(row))


def _measure_to_row(measure: Any, position: int) -> dict[str, Any]:
    row = measure.model_dump(mode="json")
    row["position"] = position
    row["breakdowns"] = list(measure.breakdowns)
    return dict(row)


def _measure_from_row(row: Any) -> dict[str, Any]:
    data = {k: v for k, v in row.items() if k != "position" and v is not None}
    data["breakdowns"] = tuple(row["breakdowns"] or ())
    return data


def _upload_from_row(row: Any) -> UploadRecord:
    return UploadRecord(
        id=row["id"],
        uploaded_at=_utc(row["uploaded_at"]),
        uploaded_by=row["uploaded_by"],
        file_name=row["file_name"],
        sha256=row["sha256"],
        status=UploadStatus(row["status"]),
        summary=row["summary"],
    )


def _executemany(conn: Connection, statement: str, parameters: list[tuple[Any, ...]]) -> None:
    """The driver's own executemany on the transaction's connection, as SQLAlchemy's
    ``exec_driver_sql`` would call it, without its work per set of parameters (8-10 ms of a
    24,000-figure save on SQLite, measured). Its errors are raised as SQLAlchemy's, which
    callers handle (a full disk, a locked database), without the figures in the message."""
    dbapi = conn.dialect.loaded_dbapi
    cursor = conn.connection.cursor()
    try:
        cursor.executemany(statement, parameters)
    except dbapi.Error as error:
        raise DBAPIError.instance(
            statement, parameters, error, dbapi.Error, hide_parameters=True, dialect=conn.dialect
        ) from error
    finally:
        cursor.close()
