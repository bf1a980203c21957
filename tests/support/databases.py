"""Throwaway databases for tests and benchmarks: created empty, dropped afterwards.

Each PostgreSQL run gets a database of its own, so parallel runs and other developers' runs
on the same server never see each other's rows.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import AsyncIterator

import asyncpg

#: The maintenance database used to create and drop the throwaway ones.
PG_ADMIN_DSN = os.environ.get("SPROUT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


async def postgres_admin(dsn: str = PG_ADMIN_DSN) -> asyncpg.Connection:
    return await asyncpg.connect(dsn, timeout=5)


@contextlib.asynccontextmanager
async def throwaway_postgres(prefix: str, dsn: str = PG_ADMIN_DSN) -> AsyncIterator[str]:
    """The SQLAlchemy URL of a new, empty PostgreSQL database, dropped on exit."""
    admin = await postgres_admin(dsn)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        base = dsn.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
        yield f"{base}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
