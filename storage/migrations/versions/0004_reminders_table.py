"""Reminder rows live in ``reminders`` (was ``checkins``); their status and kind, and an
observation's answer, are checked against the bot's vocabulary.

The table held check-in reminders and, since 0003, the follow-ups a check-in result
promises: ``reminders`` says what its rows are (``checkins`` read like the answers). Its
keys and index are renamed with it. CHECK constraints list the values the bot writes
(``bot.domain.views.ReminderStatus``, ``ReminderKind`` and ``Answer``), frozen here as of
this revision. Row ids are kept: reminder buttons already sent carry them.

PostgreSQL renames in place (no rows are copied). SQLite cannot rename a constraint or add a
CHECK to a table, so the table is rebuilt from its new definition (Alembic batch mode).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = ("pending", "sent", "answered", "folded", "cancelled")
KINDS = ("checkin", "look_again", "practise", "doctor", "more")
ANSWERS = ("yes", "not_yet", "not_sure")

#: Names as 0002 and 0003 left them, and as they are now.
OLD = {
    "table": "checkins",
    "pk": "pk_checkins",
    "fk": "fk_checkins_child_id_children",
    "uq": "uq_checkins_child_id_checklist_age_kind",
    "ix": "ix_checkins_next_at",
    "seq": "checkins_id_seq",
}
NEW = {
    "table": "reminders",
    "pk": "pk_reminders",
    "fk": "fk_reminders_child_id_children",
    "uq": "uq_reminders_child_id_checklist_age_kind",
    "ix": "ix_reminders_next_at",
    "seq": "reminders_id_seq",
}
CHECKS = (("ck_reminders_status", "status", STATUSES), ("ck_reminders_kind", "kind", KINDS))
ANSWER_CHECK = "ck_observations_answer"


def _one_of(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _reminder_table(names: dict[str, str], *, checked: bool) -> sa.Table:
    """The reminder table as 0003 left it (``OLD``, unchecked) or as it is now."""
    checks = [sa.CheckConstraint(_one_of(c, v), name=n) for n, c, v in CHECKS] if checked else []
    return sa.Table(
        names["table"],
        sa.MetaData(),
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
        sa.Column("kind", sa.String(16), nullable=False, server_default="checkin"),
        sa.Column("items", sa.JSON(), nullable=False, server_default=sa.text("'[]'")),
        sa.PrimaryKeyConstraint("id", name=names["pk"]),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=names["fk"], ondelete="CASCADE"
        ),
        sa.UniqueConstraint("child_id", "checklist_age", "kind", name=names["uq"]),
        sa.Index(
            names["ix"],
            "next_at",
            postgresql_where=sa.text("next_at IS NOT NULL"),
            sqlite_where=sa.text("next_at IS NOT NULL"),
        ),
        *checks,
    )


def _rename_in_place(old: dict[str, str], new: dict[str, str]) -> None:
    """PostgreSQL: the table, its keys, index and id sequence renamed; no row moves."""
    op.rename_table(old["table"], new["table"])
    for key in ("pk", "fk", "uq"):
        op.execute(f"ALTER TABLE {new['table']} RENAME CONSTRAINT {old[key]} TO {new[key]}")
    op.execute(f"ALTER INDEX {old['ix']} RENAME TO {new['ix']}")
    op.execute(f"ALTER SEQUENCE {old['seq']} RENAME TO {new['seq']}")


def _rebuild(old: dict[str, str], new: dict[str, str], *, checked: bool) -> None:
    """SQLite: rename the table, then rebuild it as ``new`` describes (rows copied, ids kept;
    the old index goes with the old table)."""
    op.rename_table(old["table"], new["table"])
    with op.batch_alter_table(
        new["table"], copy_from=_reminder_table(new, checked=checked), recreate="always"
    ):
        pass


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(OLD, NEW, checked=True)
        with op.batch_alter_table("observations") as batch:
            batch.create_check_constraint(op.f(ANSWER_CHECK), _one_of("answer", ANSWERS))
        return
    _rename_in_place(OLD, NEW)
    for name, column, values in CHECKS:
        op.create_check_constraint(op.f(name), NEW["table"], _one_of(column, values))
    op.create_check_constraint(op.f(ANSWER_CHECK), "observations", _one_of("answer", ANSWERS))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("observations") as batch:
            batch.drop_constraint(op.f(ANSWER_CHECK), type_="check")
        _rebuild(NEW, OLD, checked=False)
        return
    op.drop_constraint(op.f(ANSWER_CHECK), "observations", type_="check")
    for name, _column, _values in CHECKS:
        op.drop_constraint(op.f(name), NEW["table"], type_="check")
    _rename_in_place(NEW, OLD)
