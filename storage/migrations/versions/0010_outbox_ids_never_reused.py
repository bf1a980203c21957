"""Outbox row ids are never reused on SQLite (``AUTOINCREMENT``).

The sender settles a sent row by its id at its next look. A row erased meanwhile (``/delete``
deletes the members' rows) freed its id, and SQLite gave the highest free rowid to the next
row queued, the erasure's notice to another member: the settle then deleted that notice
unsent. With ``AUTOINCREMENT`` SQLite never hands out an id again; PostgreSQL's sequence never
did.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # SQLite cannot add AUTOINCREMENT to a table: the table is rebuilt, rows and index kept.
    with op.batch_alter_table(
        "outbox", recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ):
        pass


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("outbox", recreate="always"):
        pass
