"""authority.compare_as: the real council a council not in DfE's files is compared as

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 20:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("authority") as batch:
        batch.add_column(sa.Column("compare_as", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("authority") as batch:
        batch.drop_column("compare_as")
