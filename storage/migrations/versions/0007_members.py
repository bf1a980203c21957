"""Families shared between caregivers (issue 17): members, invites, a conversation per member.

``members`` maps each chat to its family, with a role and the name the others see (sealed
under the family's key; empty until chosen). ``invites`` keeps the SHA-256 of each invite
token, never the token. ``dialog_states`` is now one row per member (``member_id`` is its
key; ``family_id`` stays, for the key it is sealed under and for erasure).

Every existing family becomes a one-member family: its chat is its admin, and its
conversation is that member's. ``families.chat_id`` stays as the chat reminders go to.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("CURRENT_TIMESTAMP")


def upgrade() -> None:
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("name_enc", sa.LargeBinary(), nullable=True),
        sa.Column("reminders_on", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("join_failures", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("join_wait_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_members"),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["families.id"],
            name="fk_members_family_id_families",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("chat_id", name="uq_members_chat_id"),
        sa.CheckConstraint("role IN ('admin', 'caregiver')", name="ck_members_role"),
    )
    op.create_index("ix_members_family_id", "members", ["family_id"])
    op.create_table(
        "invites",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("invited_by", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_invites"),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["families.id"],
            name="fk_invites_family_id_families",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by"],
            ["members.id"],
            name="fk_invites_invited_by_members",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("token_hash", name="uq_invites_token_hash"),
    )
    op.create_index("ix_invites_family_id", "invites", ["family_id"])
    op.create_index("ix_invites_invited_by", "invites", ["invited_by"])
    # Every family so far is one chat: that chat becomes its admin (member ids follow the
    # family ids, so the conversation below finds its member by the same number).
    op.execute(
        "INSERT INTO members (id, family_id, chat_id, role, reminders_on, join_failures) "
        "SELECT id, id, chat_id, 'admin', "
        + ("true" if op.get_bind().dialect.name == "postgresql" else "1")
        + ", 0 FROM families"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "SELECT setval(pg_get_serial_sequence('members', 'id'), "
            "COALESCE((SELECT MAX(id) FROM members), 0) + 1, false)"
        )
    with op.batch_alter_table("dialog_states") as batch:
        batch.add_column(sa.Column("member_id", sa.Integer(), nullable=True))
    op.execute("UPDATE dialog_states SET member_id = family_id")
    with op.batch_alter_table("dialog_states") as batch:
        batch.drop_constraint("pk_dialog_states", type_="primary")
        batch.alter_column("member_id", existing_type=sa.Integer(), nullable=False)
        batch.create_primary_key("pk_dialog_states", ["member_id"])
        batch.create_foreign_key(
            "fk_dialog_states_member_id_members",
            "members",
            ["member_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index("ix_dialog_states_family_id", ["family_id"])


def downgrade() -> None:
    # Back to one conversation per family: an admin's (the family's reminder chat) is kept.
    op.execute(
        "DELETE FROM dialog_states WHERE member_id NOT IN (SELECT m.id FROM members m "
        "JOIN families f ON f.id = m.family_id AND f.chat_id = m.chat_id)"
    )
    with op.batch_alter_table("dialog_states") as batch:
        batch.drop_index("ix_dialog_states_family_id")
        batch.drop_constraint("fk_dialog_states_member_id_members", type_="foreignkey")
        batch.drop_constraint("pk_dialog_states", type_="primary")
        batch.create_primary_key("pk_dialog_states", ["family_id"])
        batch.drop_column("member_id")
    op.drop_table("invites")
    op.drop_table("members")
