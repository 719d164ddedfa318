"""what each measure counts (care leavers, episodes, councillors), and the catalogue's glossary

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 20:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("measures", schema=None) as batch_op:
        batch_op.add_column(sa.Column("counted", sa.JSON(none_as_null=True), nullable=True))
    op.create_table(
        "glossary",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("meaning", sa.Text(), nullable=False),
        sa.Column("also", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_glossary")),
    )


def downgrade() -> None:
    op.drop_table("glossary")
    with op.batch_alter_table("measures", schema=None) as batch_op:
        batch_op.drop_column("counted")
