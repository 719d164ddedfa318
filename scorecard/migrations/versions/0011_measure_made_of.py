"""the counts a measure is made of (rate_of, out_of, sum_of), for suppression

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("measures", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rate_of", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("out_of", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("sum_of", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("measures", schema=None) as batch_op:
        batch_op.drop_column("sum_of")
        batch_op.drop_column("out_of")
        batch_op.drop_column("rate_of")
