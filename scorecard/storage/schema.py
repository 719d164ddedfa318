"""Database tables. Changes here need an Alembic migration (scorecard/migrations/versions);
``tests/integration/test_migrations.py`` fails when the two disagree."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Stable constraint names, so migrations can alter them on SQLite and PostgreSQL alike.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

authority = Table(
    "authority",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("la_code", String(20)),
    Column("demonstration", Boolean, nullable=False, default=False),
    Column("compare_as", String(20)),
)

priorities = Table(
    "priorities",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("short_title", String(100), nullable=False),
    Column("title", String(300), nullable=False),
    Column("plain_title", String(300), nullable=False),
)

measures = Table(
    "measures",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("name", String(300), nullable=False),
    Column("priority", Integer, ForeignKey("priorities.number"), nullable=False),
    Column("unit", String(20), nullable=False),
    Column("polarity", String(20), nullable=False),
    Column("decimals", Integer, nullable=False),
    Column("target", Float),
    Column("tolerance", Float),
    Column("frequency", String(20), nullable=False),
    Column("year_type", String(20), nullable=False),
    Column("definition", Text, nullable=False),
    Column("why_it_matters", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("breakdowns", JSON, nullable=False),
    Column("dfe", JSON),
    Column("rebase", JSON(none_as_null=True)),  # declared step changes: [{period, reason}]
    Column("counted", JSON(none_as_null=True)),  # what it counts: {one, many}; null = children
    # The counts a figure is made of (scorecard.catalogue.Measure): suppression hides it with them.
    Column("rate_of", String(40)),
    Column("out_of", String(40)),
    Column("sum_of", JSON(none_as_null=True)),
)

pledge = Table(
    "pledge_promises",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("promise", Text, nullable=False),
    Column("priorities", JSON, nullable=False),
    Column("measures", JSON, nullable=False),
)

# Count measures whose All is the same number of children (scorecard.catalogue.SharedTotal):
# suppression treats them as one table.
shared_totals = Table(
    "shared_totals",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("measures", JSON, nullable=False),
)

# The catalogue's plain meanings of the words it uses (scorecard.catalogue.GlossaryEntry).
glossary = Table(
    "glossary",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("term", String(200), nullable=False),
    Column("meaning", Text, nullable=False),
    Column("also", JSON, nullable=False),
)

uploads = Table(
    "uploads",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
    Column("uploaded_by", String(200), nullable=False),
    Column("file_name", String(300), nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("status", String(20), nullable=False),
    Column("summary", Text, nullable=False, default=""),
)

# Observations are never updated or deleted: a later upload of the same measure × period ×
# breakdown supersedes an earlier one, and rolling an upload back brings the earlier one back.
observations = Table(
    "observations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("upload_id", Integer, ForeignKey("uploads.id"), nullable=False),
    Column("measure_id", String(40), ForeignKey("measures.id"), nullable=False),
    Column("period", String(20), nullable=False),
    Column("period_end", Date, nullable=False),
    Column("breakdown", String(100), nullable=False),
    Column("value", Float),
    Column("numerator", Float),
    Column("denominator", Float),
    Column("symbol", String(1)),
    Column("note", Text),
    Index("ix_observations_key", "measure_id", "period", "breakdown", "upload_id"),
)

commentary = Table(
    "commentary",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("upload_id", Integer, ForeignKey("uploads.id"), nullable=False),
    Column("period", String(20), nullable=False),
    Column("period_end", Date, nullable=False),
    Column("priority", Integer, ForeignKey("priorities.number"), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("title", String(300), nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_commentary_key", "period", "priority", "upload_id"),
)

action_items = Table(
    "action_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("upload_id", Integer, ForeignKey("uploads.id"), nullable=False),
    Column("period", String(20), nullable=False),
    Column("period_end", Date, nullable=False),
    Column("priority", Integer, ForeignKey("priorities.number"), nullable=False),
    Column("action", Text, nullable=False),
    Column("owner", String(200), nullable=False),
    Column("due", Date),
    Column("status", String(20), nullable=False),
    Column("update", Text, nullable=False, default=""),
    Index("ix_action_items_key", "period", "priority", "upload_id"),
)

meetings = Table(
    "meetings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("held_on", Date, nullable=False),
    Column("theme_priority", Integer, ForeignKey("priorities.number"), nullable=False),
    Column("attendees", Integer),
    Column("members", Integer),
    Column("notes", Text, nullable=False, default=""),
)

meeting_actions = Table(
    "meeting_actions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("owner", String(200), nullable=False, default=""),
    Column("due", Date),
    Column("status", String(20), nullable=False),
    Column("update", Text, nullable=False, default=""),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("upload_id", Integer, ForeignKey("uploads.id")),
    Column("file_name", String(300)),
    Column("sha256", String(64)),
    Column("detail", Text, nullable=False, default=""),
)

# -- Published benchmarks (DfE statistics and the statistical-neighbour model) ---------------
# One row per imported file that is still current: importing a file of the same name again
# replaces it, rows and all, in one transaction (the audit log keeps every import).
benchmark_imports = Table(
    "benchmark_imports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_name", String(300), nullable=False, unique=True),
    Column("sha256", String(64), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("imported_by", String(200), nullable=False),
    Column("rows_read", Integer, nullable=False),
    Column("rows_kept", Integer, nullable=False),
    Column("summary", Text, nullable=False, default=""),
    # Where an update from DfE's statistics service found the file (scorecard.benchmarks.
    # update); empty for a file an administrator imported by hand.
    Column("release", String(200)),
    Column("published_on", Date),
    Column("source_url", Text),
)

# The rows a catalogue mapping selects, one per place and year. ``series`` is the mapping's
# fingerprint (scorecard.benchmarks.series.series_key), so a changed mapping never shows
# figures its old filters selected. A symbol (c, x, z, k, u) is a status, never a number.
benchmark_values = Table(
    "benchmark_values",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("import_id", Integer, ForeignKey("benchmark_imports.id"), nullable=False),
    Column("series", String(64), nullable=False),
    Column("measure_id", String(40), nullable=False),
    Column("time_period", String(10), nullable=False),
    Column("time_identifier", String(40), nullable=False),
    Column("geographic_level", String(40), nullable=False),
    Column("region_code", String(20), nullable=False, default=""),
    Column("region_name", String(100), nullable=False, default=""),
    Column("old_la_code", String(10), nullable=False, default=""),
    Column("new_la_code", String(20), nullable=False, default=""),
    Column("la_name", String(200), nullable=False, default=""),
    Column("value", Float),
    Column("symbol", String(1)),
    Column("numerator", Float),
    Column("denominator", Float),
    Column("version", String(40), nullable=False, default=""),
    Index("ix_benchmark_values_series", "series", "time_period"),
    Index("ix_benchmark_values_import", "import_id"),
)

statistical_neighbours = Table(
    "statistical_neighbours",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("import_id", Integer, ForeignKey("benchmark_imports.id"), nullable=False),
    Column("old_la_code", String(10), nullable=False),
    Column("la_name", String(200), nullable=False),
    Column("region_name", String(100), nullable=False),
    Column("position", Integer, nullable=False),
    Column("neighbour_old_la_code", String(10), nullable=False),
    Column("closeness", String(40), nullable=False),
    Index("ix_statistical_neighbours_council", "old_la_code"),
)

# -- Publication (scorecard.disclosure) -------------------------------------------------------
# Commentary an officer has approved for the published version, by the fingerprint of its
# exact words (scorecard.disclosure.text_key): a later edit needs approving again.
publication_approvals = Table(
    "publication_approvals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("text_key", String(64), nullable=False, unique=True),
    Column("period", String(20), nullable=False),
    Column("priority", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("title", String(300), nullable=False),
    Column("approved_by", String(200), nullable=False),
    Column("approved_at", DateTime(timezone=True), nullable=False),
)

# -- Undoing an upload (scorecard.storage.changes) --------------------------------------------
# Figures, commentary and action plans are versions and need nothing here. What an upload
# changes in place (a catalogue measure from its Measures sheet, a meeting's resolution or
# action from its Actions sheet) is kept row by row as it was before the upload (``before``
# null: the upload added the row) and as the upload left it, so rolling the upload back can
# put it back, and can tell when something else has changed the row since.
upload_changes = Table(
    "upload_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("upload_id", Integer, ForeignKey("uploads.id"), nullable=False),
    Column("table_name", String(40), nullable=False),
    Column("row_key", String(100), nullable=False),
    Column("before", JSON(none_as_null=True)),
    Column("after", JSON(none_as_null=True), nullable=False),
    Index("ix_upload_changes_upload", "upload_id"),
    Index("ix_upload_changes_row", "table_name", "row_key", "upload_id"),
)

# -- What the public has seen (scorecard.storage.publications) --------------------------------
# One row per period and distinct content an output published: ``shown`` holds, measure by
# measure, each breakdown's figure as published, null where it was shown as c. Suppression
# reads them back so that a later correction cannot be subtracted from what was shown before;
# ``sha256`` fingerprints ``shown``, so the same content of a period is recorded only once.
publications = Table(
    "publications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("period", String(20), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("output", String(40), nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("shown", JSON, nullable=False),
    UniqueConstraint("period", "sha256", name="uq_publications_period_sha256"),
)
