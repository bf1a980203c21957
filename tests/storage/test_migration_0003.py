"""Migration 0003 (follow-up reminders) on SQLite and PostgreSQL, over rows written at 0002."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import JSON, String, text

from storage.crypto import Cipher
from storage.db import downgrade, upgrade
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.support.old_schema import insert_family_and_child

DUE = datetime(2027, 1, 10, 9, tzinfo=UTC)


@pytest.fixture
async def old_store(database_url: str, cipher: Cipher) -> AsyncIterator[Store]:
    """A store at revision 0002 holding one family, one child and one check-in reminder."""
    store = Store(database_url, cipher, FamilyDefaults("UTC", 10))
    await upgrade(store.engine, "0002")
    async with store.engine.begin() as connection:
        await insert_family_and_child(connection, cipher)
        await connection.execute(
            text(
                "INSERT INTO checkins (child_id, checklist_age, due_on, due_at, next_at, status) "
                "VALUES (1, 12, :day, :due, :due, 'pending')"
            ),
            {"day": DUE.date(), "due": DUE},
        )
    yield store
    await store.close()


async def test_existing_reminders_become_check_in_rows_and_follow_ups_fit_beside_them(
    old_store: Store,
) -> None:
    await upgrade(old_store.engine, "0003")
    async with old_store.engine.begin() as connection:
        query = text("SELECT kind, items FROM checkins").columns(kind=String, items=JSON)
        found = (await connection.execute(query)).all()
        assert [tuple(row) for row in found] == [("checkin", [])]
        await connection.execute(
            text(
                "INSERT INTO checkins (child_id, checklist_age, kind, items, due_on, due_at, "
                "status) VALUES (1, 12, 'doctor', '[]', :day, :due, 'pending')"
            ),
            {"day": DUE.date(), "due": DUE},
        )
    await downgrade(old_store.engine, "0002")  # follow-ups go; check-in reminders stay
    async with old_store.engine.begin() as connection:
        left = (await connection.execute(text("SELECT checklist_age FROM checkins"))).all()
        assert [row[0] for row in left] == [12]
