"""Check-in reminders per member (issue 17): each member who wants them gets each one.

``members.is_active`` is False once that member blocked the bot (only their reminders stop).
``reminder_sends`` records, per reminder, member and phase (the reminder, its follow-up),
that it went out and the message it became, so a retried row is sent only to members who
did not get it yet, and the others' message can be edited when one member finishes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.add_column(
            sa.Column("is_active", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    op.create_table(
        "reminder_sends",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reminder_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(16), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reminder_sends"),
        sa.ForeignKeyConstraint(
            ["reminder_id"],
            ["reminders.id"],
            name="fk_reminder_sends_reminder_id_reminders",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name="fk_reminder_sends_member_id_members",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "reminder_id", "member_id", "phase", name="uq_reminder_sends_reminder_id"
        ),
    )
    op.create_index("ix_reminder_sends_member_id", "reminder_sends", ["member_id"])


def downgrade() -> None:
    op.drop_table("reminder_sends")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("is_active")
