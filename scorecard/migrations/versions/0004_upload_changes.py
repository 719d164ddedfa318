"""upload changes: catalogue measures and meeting items as they were before each upload

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 06:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "upload_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_key", sa.String(length=100), nullable=False),
        sa.Column("before", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("after", sa.JSON(none_as_null=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["upload_id"],
            ["uploads.id"],
            name=op.f("fk_upload_changes_upload_id_uploads"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upload_changes")),
    )
    with op.batch_alter_table("upload_changes", schema=None) as batch_op:
        batch_op.create_index("ix_upload_changes_upload", ["upload_id"], unique=False)
        batch_op.create_index(
            "ix_upload_changes_row", ["table_name", "row_key", "upload_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("upload_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_upload_changes_row")
        batch_op.drop_index("ix_upload_changes_upload")
    op.drop_table("upload_changes")
