"""Follow-up reminders: a kind and the items to ask again on each check-in reminder row.

A check-in result now promises follow-ups (look again in a week, re-check practised items,
did you reach the doctor, the questions left over); each is a row of ``checkins`` delivered by
the same job. Existing rows are check-in reminders (``kind`` = ``checkin``, no items). The
unique key grows by ``kind``, so a check-in age has one row of each kind.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(16), nullable=False, server_default="checkin")
        )
        batch.add_column(
            sa.Column("items", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch.drop_constraint("uq_checkins_child_id_checklist_age", type_="unique")
        batch.create_unique_constraint(
            "uq_checkins_child_id_checklist_age_kind", ["child_id", "checklist_age", "kind"]
        )


def downgrade() -> None:
    op.execute("DELETE FROM checkins WHERE kind <> 'checkin'")
    with op.batch_alter_table("checkins") as batch:
        batch.drop_constraint("uq_checkins_child_id_checklist_age_kind", type_="unique")
        batch.create_unique_constraint(
            "uq_checkins_child_id_checklist_age", ["child_id", "checklist_age"]
        )
        batch.drop_column("items")
        batch.drop_column("kind")
