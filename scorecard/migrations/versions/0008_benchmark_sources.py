"""benchmark sources: the DfE release, publication date and address of each imported file

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 20:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("benchmark_imports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("release", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("published_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("source_url", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("benchmark_imports", schema=None) as batch_op:
        batch_op.drop_column("source_url")
        batch_op.drop_column("published_on")
        batch_op.drop_column("release")
