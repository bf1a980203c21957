"""Answers record who gave them (issue 17): ``observations.member_id``.

An id, never a name: the name stays sealed in ``members.name_enc``. ``ON DELETE SET NULL``:
when a member leaves or is removed their answers stay with the family, without their name
(leaving erases the name). Answers already stored get no member: before members were
recorded nobody can say truthfully who gave them (a family shared since 0007 may hold
answers from any of its members, or brought in by a joiner), so they are shown without a
name rather than attributed to the admin.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("member_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_observations_member_id_members",
            "members",
            ["member_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index("ix_observations_member_id", ["member_id"])


def downgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.drop_index("ix_observations_member_id")
        batch.drop_constraint("fk_observations_member_id_members", type_="foreignkey")
        batch.drop_column("member_id")
