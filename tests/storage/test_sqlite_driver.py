"""SQLite statements inside a transaction make no trip to aiosqlite's thread, others one
(``storage.sqlite_driver``): aiosqlite's own cursor made four (cursor, execute, fetch,
close), each a turn of the event loop while SQLite's write lock is held."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text

from storage.crypto import Cipher
from storage.repositories import FamilyDefaults
from storage.sqlite_driver import OneTripConnection
from storage.uow import Store


async def test_statements_in_a_transaction_make_no_trip_to_the_thread(
    sqlite_url: str, cipher: Cipher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, each statement made one trip (two here); BEGIN and the commit still do."""
    store = Store(sqlite_url, cipher, FamilyDefaults("UTC", 10))
    await store.upgrade()
    trips: list[Callable[..., Any]] = []
    original = OneTripConnection._execute

    async def counted(self: OneTripConnection, fn: Callable[..., Any], *args: Any) -> Any:
        trips.append(fn)
        return await original(self, fn, *args)

    async with store.unit_of_work() as uow:
        monkeypatch.setattr(OneTripConnection, "_execute", counted)
        await uow.session.execute(text("SELECT 0"))  # BEGIN IMMEDIATE, then this
        begun = len(trips)
        rows = (await uow.session.execute(text("SELECT 1 UNION ALL SELECT 2"))).all()
        changed = await uow.session.execute(text("UPDATE outbox SET attempts = attempts + 1"))
        statements = len(trips) - begun
        await uow.commit()
        committed = [getattr(fn, "__name__", "") for fn in trips[begun + statements :]]
    await store.close()
    assert [tuple(r) for r in rows] == [(1,), (2,)]
    assert changed.rowcount == 0  # type: ignore[attr-defined]
    assert (begun, statements) == (1, 0)
    assert committed[0] == "commit"


async def test_a_statement_outside_a_transaction_is_one_trip(
    sqlite_url: str, cipher: Cipher, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(sqlite_url, cipher, FamilyDefaults("UTC", 10))
    await store.upgrade()
    trips: list[Callable[..., Any]] = []
    original = OneTripConnection._execute

    async def counted(self: OneTripConnection, fn: Callable[..., Any], *args: Any) -> Any:
        trips.append(fn)
        return await original(self, fn, *args)

    async with store.engine.connect() as connection:
        driver = (await connection.get_raw_connection()).driver_connection
        assert driver is not None
        monkeypatch.setattr(OneTripConnection, "_execute", counted)
        cursor = driver.cursor()
        await cursor.execute("PRAGMA journal_mode")
        mode = await cursor.fetchall()
        statement_trips = len(trips)
    await store.close()
    assert mode == [("wal",)]
    assert statement_trips == 1
