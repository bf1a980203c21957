"""Check-in reminders: the checkins table and the family's pause and stop settings.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("families") as batch:
        batch.add_column(sa.Column("paused_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column(
                "reminders_stopped", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("checklist_age", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("follow_up_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_checkins"),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name="fk_checkins_child_id_children", ondelete="CASCADE"
        ),
        sa.UniqueConstraint(
            "child_id", "checklist_age", name="uq_checkins_child_id_checklist_age"
        ),
    )
    # The due-row query scans this index: only rows with something left to do are in it.
    op.create_index(
        "ix_checkins_next_at",
        "checkins",
        ["next_at"],
        postgresql_where=sa.text("next_at IS NOT NULL"),
        sqlite_where=sa.text("next_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_checkins_next_at", table_name="checkins")
    op.drop_table("checkins")
    with op.batch_alter_table("families") as batch:
        batch.drop_column("reminders_stopped")
        batch.drop_column("paused_until")
