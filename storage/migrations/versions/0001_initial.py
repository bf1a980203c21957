"""Initial schema: families, children, observations, concerns, dialog state, processed updates.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("CURRENT_TIMESTAMP")


def upgrade() -> None:
    op.create_table(
        "families",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("active_child_id", sa.Integer(), nullable=True),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("reminder_hour", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_families"),
        sa.UniqueConstraint("chat_id", name="uq_families_chat_id"),
    )
    op.create_table(
        "children",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("nickname_enc", sa.LargeBinary(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("birth_date_estimated", sa.Boolean(), nullable=False),
        sa.Column("gestational_weeks", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_children"),
        sa.ForeignKeyConstraint(
            ["family_id"], ["families.id"], name="fk_children_family_id_families", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_children_family_id", "children", ["family_id"])
    with op.batch_alter_table("families") as batch:
        batch.create_foreign_key(
            "fk_families_active_child_id_children",
            "children",
            ["active_child_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("milestone_id", sa.String(64), nullable=False),
        sa.Column("answer", sa.String(16), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("age_months", sa.Integer(), nullable=False),
        sa.Column("checklist_age", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_observations"),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name="fk_observations_child_id_children", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_observations_child_milestone", "observations", ["child_id", "milestone_id"])
    op.create_table(
        "concerns",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=True),
        sa.Column("text_enc", sa.LargeBinary(), nullable=False),
        sa.Column("matched_id", sa.String(64), nullable=True),
        sa.Column("triage", sa.String(16), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_concerns"),
        sa.ForeignKeyConstraint(
            ["family_id"], ["families.id"], name="fk_concerns_family_id_families", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name="fk_concerns_child_id_children", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_concerns_family_id", "concerns", ["family_id"])
    op.create_index("ix_concerns_child_id", "concerns", ["child_id"])
    op.create_table(
        "dialog_states",
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("flow", sa.String(32), nullable=True),
        sa.Column("step", sa.String(32), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("prompt", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("family_id", name="pk_dialog_states"),
        sa.ForeignKeyConstraint(
            ["family_id"], ["families.id"], name="fk_dialog_states_family_id_families",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "processed_updates",
        sa.Column("update_id", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("update_id", name="pk_processed_updates"),
    )
    op.create_index("ix_processed_updates_processed_at", "processed_updates", ["processed_at"])


def downgrade() -> None:
    op.drop_table("processed_updates")
    op.drop_table("dialog_states")
    op.drop_table("concerns")
    op.drop_table("observations")
    with op.batch_alter_table("families") as batch:
        batch.drop_constraint("fk_families_active_child_id_children", type_="foreignkey")
    op.drop_table("children")
    op.drop_table("families")
