"""SQLite statements make one trip to aiosqlite's thread each (``storage.sqlite_driver``):
aiosqlite's own cursor made four (cursor, execute, fetch, close), each a turn of the event
loop while SQLite's write lock is held."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text

from storage.crypto import Cipher
from storage.repositories import FamilyDefaults
from storage.sqlite_driver import OneTripConnection
from storage.uow import Store


async def test_a_statement_is_one_trip_to_the_thread(
    sqlite_url: str, cipher: Cipher, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(sqlite_url, cipher, FamilyDefaults("UTC", 10))
    await store.upgrade()
    trips: list[Callable[..., Any]] = []
    original = OneTripConnection._execute

    async def counted(self: OneTripConnection, fn: Callable[..., Any], *args: Any) -> Any:
        trips.append(fn)
        return await original(self, fn, *args)

    async with store.unit_of_work() as uow:
        await uow.session.execute(text("SELECT 0"))  # the connection and BEGIN
        monkeypatch.setattr(OneTripConnection, "_execute", counted)
        rows = (await uow.session.execute(text("SELECT 1 UNION ALL SELECT 2"))).all()
        changed = await uow.session.execute(text("UPDATE outbox SET attempts = attempts + 1"))
        statements = len(trips)
    await store.close()
    assert [tuple(r) for r in rows] == [(1,), (2,)]
    assert changed.rowcount == 0  # type: ignore[attr-defined]
    assert statements == 2
