"""The step's fixed statements run on the driver (``storage.direct``): the same rows as
through SQLAlchemy, in the session's transaction, and a lost deadlock still recognised."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import select
from sqlalchemy.dialects import sqlite

from storage import direct
from storage.crypto import Cipher
from storage.db import is_conflict
from storage.models import DialogState, OutboxMessage, ProcessedUpdate
from storage.repositories import FamilyDefaults, Screen
from storage.uow import Store

NOW = datetime(2026, 12, 1, 12, 0, 0, 123456, tzinfo=UTC)


async def _a_step_through_the_session(store: Store, chat_id: int) -> None:
    """A step's fixed statements when they cannot go on the driver: the claim (once), the
    step's lock and the reply queued, with the results the driver path gives."""
    async with store.unit_of_work() as uow:
        assert await uow.updates.claim(chat_id, NOW)
        assert not await uow.updates.claim(chat_id, NOW)
        await uow.families.lock_step(chat_id)
        leased = await uow.outbox.add_leased(chat_id, [{"t": "one"}], NOW, NOW)
        await uow.commit()
    assert leased is not None


async def test_a_claim_is_stored_as_through_sqlalchemy_and_rolls_back(store: Store) -> None:
    async with store.unit_of_work() as uow:
        assert await uow.updates.claim(7, NOW)
        assert not await uow.updates.claim(7, NOW)
    async with store.unit_of_work() as uow:  # left without a commit: rolled back
        assert await uow.updates.claim(7, NOW)
        await uow.commit()
    async with store.unit_of_work() as uow:
        assert not await uow.updates.claim(7, NOW)
        stored = await uow.session.scalar(
            select(ProcessedUpdate.processed_at).where(ProcessedUpdate.update_id == 7)
        )
    # SQLite keeps no time zone: the instant is what went in, read back as SQLAlchemy stored it.
    assert stored is not None
    assert stored.replace(tzinfo=UTC) == NOW


async def test_the_claim_that_takes_the_step_locks_counts_once(store: Store) -> None:
    async with store.unit_of_work() as uow:
        await uow.families.lock_step(10)
        await uow.commit()
    async with store.unit_of_work() as uow:
        assert await uow.updates.claim(8, NOW, lock_step_of=10)
        rows = await uow.families.lock_step(10, locked=True)
        assert rows.member.chat_id == 10
        await uow.commit()
    async with store.unit_of_work() as uow:
        assert not await uow.updates.claim(8, NOW, lock_step_of=10)


async def test_the_conversation_and_replies_round_trip(store: Store) -> None:
    until = NOW + timedelta(seconds=30)
    async with store.unit_of_work() as uow:
        rows = await uow.families.lock_step(11)
        await uow.dialogs.save(
            rows.member, flow="onboarding", step="name", data={"a": 1}, prompt=[], screen=Screen()
        )
        leased = await uow.outbox.add_leased(11, [{"t": "one"}, {"t": "two"}], NOW, until)
        await uow.commit()
    assert leased is not None
    assert leased.payload == {"t": "one"}
    async with store.unit_of_work() as uow:
        rows = await uow.families.lock_step(11)
        assert rows.state is not None
        assert (rows.state.flow, rows.state.step) == ("onboarding", "name")
        assert uow.dialogs.contents(rows.state) == ({"a": 1}, [])
        queued = (
            await uow.session.execute(
                select(OutboxMessage.id, OutboxMessage.claimed_until, OutboxMessage.attempts)
                .where(OutboxMessage.chat_id == 11)
                .order_by(OutboxMessage.id)
            )
        ).all()
        # Behind rows already waiting, new ones queue unleased.
        assert rows.waiting
        assert await uow.outbox.add_leased(11, [{"t": "three"}], NOW, until, waiting=True) is None
        await uow.commit()
    assert queued[0].id == leased.id
    assert [row.claimed_until for row in queued] == [until, None]
    assert [row.attempts for row in queued] == [0, 0]
    async with store.unit_of_work() as uow:
        states = (await uow.session.scalars(select(DialogState))).all()
        count = len((await uow.session.scalars(select(OutboxMessage.id))).all())
    assert len(states) == 1
    assert count == 3


def test_a_deadlock_from_the_driver_is_a_conflict() -> None:
    """asyncpg's own error (a statement run on the driver) is run again like SQLAlchemy's."""
    assert is_conflict(asyncpg.exceptions.DeadlockDetectedError("deadlock detected"))
    assert is_conflict(asyncpg.exceptions.SerializationError("could not serialize"))
    assert not is_conflict(asyncpg.exceptions.UniqueViolationError("duplicate key"))


async def test_another_driver_runs_them_through_the_session(
    tmp_path: Path, cipher: Cipher
) -> None:
    """A SQLite URL with driver options keeps aiosqlite's own connection (``storage.db``):
    the statements go through the session, with the same results."""
    store = Store(
        f"sqlite+aiosqlite:///{tmp_path / 'plain.db'}?timeout=5",
        cipher,
        FamilyDefaults("Europe/Berlin", 10),
    )
    await store.upgrade()
    try:
        await _a_step_through_the_session(store, 12)
    finally:
        await store.close()


async def test_a_sqlalchemy_without_the_private_parts_goes_through_the_session(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The driver path uses private parts of SQLAlchemy (the compiler's bind processors, the
    asyncpg adapter's lock and transaction); a release without them must not break a step:
    the statements go through the session, with the same results, on both databases."""
    monkeypatch.setattr(direct, "_ADAPTER_PARTS", ("_a_part_no_release_has",))
    # The statements are module-wide and already compiled by earlier steps: a release without
    # the bind processors compiles none (``_compile`` gives None, checked below).
    monkeypatch.setattr(direct.Direct, "_compile", lambda self, dialect, keys: None)
    on_the_driver: list[str] = []
    monkeypatch.setattr(
        direct, "_report", lambda connection, sql, arguments: on_the_driver.append(sql)
    )
    await _a_step_through_the_session(store, 21)
    assert on_the_driver == []
    async with store.unit_of_work() as uow:
        assert not await uow.updates.claim(21, NOW)


async def test_the_statements_do_run_on_the_driver(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counterpart: with the parts there, the claim is sent on the driver."""
    on_the_driver: list[str] = []
    monkeypatch.setattr(
        direct, "_report", lambda connection, sql, arguments: on_the_driver.append(sql)
    )
    async with store.unit_of_work() as uow:
        assert await uow.updates.claim(22, NOW)
        await uow.commit()
    assert any("processed_updates" in sql for sql in on_the_driver)


def test_a_compiler_without_bind_processors_compiles_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(direct, "_processors", lambda compiled: None)
    statement = direct.Direct(select(ProcessedUpdate.update_id))
    assert statement._compile(sqlite.dialect(), ()) is None
