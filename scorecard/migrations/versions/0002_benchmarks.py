"""published benchmarks: DfE statistics and the statistical-neighbour model

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 05:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "benchmark_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_kept", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benchmark_imports")),
        sa.UniqueConstraint("file_name", name=op.f("uq_benchmark_imports_file_name")),
    )
    op.create_table(
        "benchmark_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=64), nullable=False),
        sa.Column("measure_id", sa.String(length=40), nullable=False),
        sa.Column("time_period", sa.String(length=10), nullable=False),
        sa.Column("time_identifier", sa.String(length=40), nullable=False),
        sa.Column("geographic_level", sa.String(length=40), nullable=False),
        sa.Column("region_code", sa.String(length=20), nullable=False),
        sa.Column("region_name", sa.String(length=100), nullable=False),
        sa.Column("old_la_code", sa.String(length=10), nullable=False),
        sa.Column("new_la_code", sa.String(length=20), nullable=False),
        sa.Column("la_name", sa.String(length=200), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("symbol", sa.String(length=1), nullable=True),
        sa.Column("numerator", sa.Float(), nullable=True),
        sa.Column("denominator", sa.Float(), nullable=True),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["benchmark_imports.id"],
            name=op.f("fk_benchmark_values_import_id_benchmark_imports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benchmark_values")),
    )
    with op.batch_alter_table("benchmark_values", schema=None) as batch_op:
        batch_op.create_index("ix_benchmark_values_series", ["series", "time_period"], unique=False)
        batch_op.create_index("ix_benchmark_values_import", ["import_id"], unique=False)

    op.create_table(
        "statistical_neighbours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("old_la_code", sa.String(length=10), nullable=False),
        sa.Column("la_name", sa.String(length=200), nullable=False),
        sa.Column("region_name", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("neighbour_old_la_code", sa.String(length=10), nullable=False),
        sa.Column("closeness", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["benchmark_imports.id"],
            name=op.f("fk_statistical_neighbours_import_id_benchmark_imports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistical_neighbours")),
    )
    with op.batch_alter_table("statistical_neighbours", schema=None) as batch_op:
        batch_op.create_index("ix_statistical_neighbours_council", ["old_la_code"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("statistical_neighbours", schema=None) as batch_op:
        batch_op.drop_index("ix_statistical_neighbours_council")
    op.drop_table("statistical_neighbours")
    with op.batch_alter_table("benchmark_values", schema=None) as batch_op:
        batch_op.drop_index("ix_benchmark_values_import")
        batch_op.drop_index("ix_benchmark_values_series")
    op.drop_table("benchmark_values")
    op.drop_table("benchmark_imports")
