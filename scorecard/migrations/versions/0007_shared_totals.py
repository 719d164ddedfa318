"""shared totals: count measures that suppression treats as one table

Revision ID: 0007
Revises: 0004 (0005 once the publications migration is merged before it)
Create Date: 2026-12-03 19:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "shared_totals",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("measures", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_shared_totals")),
    )


def downgrade() -> None:
    op.drop_table("shared_totals")
