"""SQLite statements inside a transaction make no trip to aiosqlite's thread, others one
(``storage.sqlite_driver``): aiosqlite's own cursor made four (cursor, execute, fetch,
close), each a turn of the event loop while SQLite's write lock is held. ``BEGIN`` makes
none while the lock is free, and giving the connection back to the pool after a commit
none (its rollback had nothing to roll back): a transaction makes one trip, its commit."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from storage.crypto import Cipher
from storage.repositories import FamilyDefaults
from storage.sqlite_driver import OneTripConnection
from storage.uow import Store


async def test_a_transaction_makes_one_trip_to_the_thread_its_commit(
    sqlite_url: str, cipher: Cipher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, each statement made one trip (two here), and so did BEGIN and the pool's
    rollback after the commit; the commit (a disk flush) still does."""
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
    ended = [getattr(fn, "__name__", "") for fn in trips[begun + statements :]]
    await store.close()
    assert [tuple(r) for r in rows] == [(1,), (2,)]
    assert changed.rowcount == 0  # type: ignore[attr-defined]
    assert (begun, statements) == (0, 0)
    assert ended == ["commit"]


async def test_a_transaction_not_committed_is_still_rolled_back(
    sqlite_url: str, cipher: Cipher
) -> None:
    store = Store(sqlite_url, cipher, FamilyDefaults("UTC", 10))
    await store.upgrade()
    async with store.unit_of_work() as uow:
        await uow.session.execute(text("INSERT INTO processed_updates VALUES (7, '2026-01-01')"))
    async with store.unit_of_work() as uow:
        kept = (await uow.session.execute(text("SELECT count(*) FROM processed_updates"))).one()
    await store.close()
    assert tuple(kept) == (0,)


async def test_begin_waits_in_the_thread_while_another_process_writes(
    tmp_path: Path, cipher: Cipher
) -> None:
    """Tried at once without waiting; busy, it waits for the lock in the thread (up to
    ``busy_timeout``), never on the event loop."""
    path = tmp_path / "shared.db"
    store = Store(f"sqlite+aiosqlite:///{path}", cipher, FamilyDefaults("UTC", 10))
    await store.upgrade()
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process holding the write lock

    async def step() -> int:
        async with store.unit_of_work() as uow:
            await uow.session.execute(text("INSERT INTO processed_updates VALUES (8, 'x')"))
            await uow.commit()
        return 1

    waiting = asyncio.get_running_loop().create_task(step())
    await asyncio.sleep(0.3)  # the loop runs meanwhile: BEGIN waits in the thread
    assert not waiting.done()
    other.execute("COMMIT")
    assert await asyncio.wait_for(waiting, 10) == 1
    other.close()
    await store.close()


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


async def test_a_commit_without_a_disk_flush_makes_no_trip(
    sqlite_url: str, cipher: Cipher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``unit_of_work(flush=False)`` (the outbox's looks, a question's bookkeeping) commits
    on the event loop's thread; its connections leave checkpoints (a disk flush) to others."""
    store = Store(sqlite_url, cipher, FamilyDefaults("UTC", 10))
    await store.upgrade()
    trips: list[Callable[..., Any]] = []
    original = OneTripConnection._execute

    async def counted(
        self: OneTripConnection, fn: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> Any:
        trips.append(fn)
        return await original(self, fn, *args, **kwargs)

    async with store.unit_of_work(flush=False) as uow:
        await uow.session.execute(text("SELECT 0"))  # connected and begun
        monkeypatch.setattr(OneTripConnection, "_execute", counted)
        await uow.session.execute(text("INSERT INTO processed_updates VALUES (9, 'x')"))
        await uow.commit()
    monkeypatch.undo()
    async with store.unit_of_work() as uow:
        kept = (await uow.session.execute(text("SELECT update_id FROM processed_updates"))).all()
    async with store.unflushed_engine.connect() as connection:
        checkpoints = (await connection.exec_driver_sql("PRAGMA wal_autocheckpoint")).one()
    await store.close()
    assert trips == []
    assert [tuple(r) for r in kept] == [(9,)]
    assert tuple(checkpoints) == (0,)
