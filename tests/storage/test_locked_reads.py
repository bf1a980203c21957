"""What a transaction reads once it holds a family's locks is what the holder before it
committed (issue 16, "Durable and fast", found with the question's bookkeeping in the look).

On PostgreSQL a statement that waits for a row lock sees the rows it locks as the holder
committed them, and every other row as it was when the statement began. The step's one read
(``lock_step``) and the look's (``DialogRepository.show``) join the conversation to the
locked family: unlocked, it came back as before the holder's commit, and was written back
over it (a conversation "unreadable", its flow and its data from two different steps). On
SQLite the one writer serialises whole transactions, so both hold there by construction.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.engine.dialog import DialogEngine, parse_text
from storage.crypto import Cipher
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.support.context import EMPTY_KB

CHAT = 10
#: A step's locks (``lock_step``), or an error at once if another transaction holds them.
NOWAIT = text(
    "SELECT families.id FROM families JOIN members ON members.family_id = families.id"
    " WHERE members.chat_id = :chat FOR UPDATE OF families, members NOWAIT"
)


async def _started(store: Store, clock: Callable[[], datetime]) -> None:
    engine = DialogEngine(store, EMPTY_KB, clock)
    await engine.handle(CHAT, parse_text("/start"), update_id=1, outbox=True)


async def test_the_look_records_a_question_on_the_conversation_a_step_just_wrote(
    store: Store, clock: Callable[[], datetime]
) -> None:
    await _started(store, clock)
    async with store.unit_of_work() as step:
        rows = await step.families.lock_step(CHAT)
        assert rows.state is not None
        data, prompt = step.dialogs.contents(rows.state)
        await step.dialogs.save(
            rows.member, flow=rows.state.flow, step=rows.state.step, data={**data, "new": 1},
            prompt=prompt,
        )  # fmt: skip

        async def look() -> None:
            async with store.unit_of_work(flush=False) as uow:
                await uow.dialogs.show([(CHAT, 5)])
                await uow.commit()

        waiting = asyncio.get_running_loop().create_task(look())
        await asyncio.sleep(0.2)  # the look waits for the step's locks (or the writer)
        await step.commit()
    await waiting
    async with store.unit_of_work() as uow:
        rows = await uow.families.lock_step(CHAT)
        assert rows.state is not None
        assert uow.dialogs.contents(rows.state)[0].get("new") == 1
        assert uow.dialogs.screen(rows.state).live == 5


async def test_a_step_reads_the_conversation_the_look_before_it_recorded(
    store: Store, clock: Callable[[], datetime]
) -> None:
    await _started(store, clock)
    async with store.unit_of_work(flush=False) as look:
        await look.dialogs.show([(CHAT, 7)])
        seen: list[int | None] = []

        async def step() -> None:
            async with store.unit_of_work() as uow:
                rows = await uow.families.lock_step(CHAT)
                assert rows.state is not None
                seen.append(uow.dialogs.screen(rows.state).live)

        waiting = asyncio.get_running_loop().create_task(step())
        await asyncio.sleep(0.2)  # the step waits for the look's locks (or the writer)
        await look.commit()
    await asyncio.wait_for(waiting, timeout=timedelta(seconds=10).total_seconds())
    assert seen == [7]


async def test_a_step_whose_claim_took_the_locks_reads_what_the_look_recorded(
    store: Store, clock: Callable[[], datetime]
) -> None:
    """As the dialog engine runs a Telegram update: the update log's claim takes the locks
    (on PostgreSQL, in the claim's statement), and the read after it sees the look's
    commit it waited for."""
    await _started(store, clock)
    async with store.unit_of_work(flush=False) as look:
        await look.dialogs.show([(CHAT, 9)])
        seen: list[int | None] = []

        async def step() -> None:
            async with store.unit_of_work() as uow:
                assert await uow.updates.claim(2, clock(), lock_step_of=CHAT)
                rows = await uow.families.lock_step(CHAT, locked=True)
                assert rows.state is not None
                seen.append(uow.dialogs.screen(rows.state).live)

        waiting = asyncio.get_running_loop().create_task(step())
        await asyncio.sleep(0.2)  # the claim waits for the look's locks (or the writer)
        assert not waiting.done()
        await look.commit()
    await asyncio.wait_for(waiting, timeout=timedelta(seconds=10).total_seconds())
    assert seen == [9]


@pytest.mark.postgres
async def test_the_claim_takes_the_step_s_locks_on_postgres(
    pg_url: str, cipher: Cipher, clock: Callable[[], datetime]
) -> None:
    """``lock_step(locked=True)`` skips its statement of locks: the claim must have taken
    them, or two steps of one family would run at once."""
    store = Store(pg_url, cipher, FamilyDefaults("UTC", 10))
    await store.upgrade()
    await _started(store, clock)
    async with store.unit_of_work() as uow:
        assert await uow.updates.claim(2, clock(), lock_step_of=CHAT)
        async with store.unit_of_work() as other:
            with pytest.raises(DBAPIError, match="could not obtain lock"):
                await other.session.execute(NOWAIT, {"chat": CHAT})
        assert not await uow.updates.claim(2, clock(), lock_step_of=CHAT)  # a duplicate
    await store.close()
