"""Alembic environment. Runs on the connection ``storage.db.upgrade`` hands it.

Migrations are always started from our own async code (``parentbot db upgrade``, the bot's
start-up, tests), which passes a live connection in ``config.attributes``; so this file never
opens an engine of its own and never starts an event loop.
"""

from alembic import context

from storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `parentbot db upgrade`, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
