"""A look settles what finished while it waited for SQLite's writer (issue 16, "Durable and
fast"): it took the finished sends before waiting, so each send that finished meanwhile cost
one more look (one more transaction, one more turn of the one writer)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from storage.uow import Store
from tests.support.outbox import outbox_sender

NOW = datetime.now(UTC)


async def _queued(store: Store, chats: list[int]) -> list:
    async with store.unit_of_work() as uow:
        for chat in chats:
            uow.outbox.add(chat, [{"text": f"to {chat}"}], NOW)
        await uow.commit()
    async with store.unit_of_work() as uow:
        due, _ = await uow.outbox.heads(NOW, 10)
        rows = await uow.outbox.claim(due, NOW, NOW + timedelta(seconds=30))
        await uow.commit()
    return rows


async def test_a_look_settles_the_sends_that_finished_while_it_waited_for_the_writer(
    store: Store,
) -> None:
    if store.writer is None:
        pytest.skip("PostgreSQL has no one writer to wait for")
    first, second = await _queued(store, [1, 2])
    outbox = outbox_sender(store, object())
    outbox._sent.append(first)
    await store.writer.acquire()  # another transaction holds the writer
    look = asyncio.get_running_loop().create_task(outbox._look(send=False))
    await asyncio.sleep(0.01)
    outbox._sent.append(second)  # a send finished meanwhile
    store.writer.release()
    await look
    assert outbox._sent == []
    async with store.unit_of_work() as uow:
        due, _ = await uow.outbox.heads(NOW + timedelta(seconds=60), 10)
    assert due == []  # both rows were settled by that one look
