"""Shared fixtures: databases (SQLite and PostgreSQL), the store, a fixed clock.

PostgreSQL tests get a throwaway database of their own (created and dropped around the test),
so parallel runs and other developers' runs on the same server never see each other's rows.
They skip, saying why, only when no server answers at 127.0.0.1:5432; in CI one always does.
"""

from __future__ import annotations

import os

os.environ.setdefault("PTB_TIMEDELTA", "1")

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path

import pytest

from storage.crypto import Cipher, new_key
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.support.context import NOW as FIXED_NOW
from tests.support.databases import PG_ADMIN_DSN, postgres_admin, throwaway_postgres

#: The real bot against the Bot API stand-in (``tg``, ``start_bot``, ``sprout``, ``parent``),
#: used by the Telegram and reminder tests.
pytest_plugins = ["tests.support.bot_fixtures"]


async def _require_postgres() -> None:
    import asyncpg

    try:
        admin = await postgres_admin()
    except (OSError, asyncpg.PostgresError) as exc:
        pytest.skip(f"PostgreSQL test skipped: no server answers at {PG_ADMIN_DSN} ({exc})")
    await admin.close()


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    """URL of a fresh, empty PostgreSQL database, dropped after the test."""
    await _require_postgres()
    async with throwaway_postgres("sprout_test") as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'sprout.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each test using this runs once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture
def cipher() -> Cipher:
    return Cipher([new_key()])


@pytest.fixture
async def store(database_url: str, cipher: Cipher) -> AsyncIterator[Store]:
    """A migrated store on each database."""
    store = Store(database_url, cipher, FamilyDefaults("Europe/Berlin", 10))
    await store.upgrade()
    yield store
    await store.close()


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: FIXED_NOW
