"""The outbox sender's start takes back only an earlier run's leases.

It used to take back every lease when its loop started on SQLite; a step replayed from the
inbox had by then leased its first reply and was sending it (the direct path), so the first
look sent that reply a second time (``test_durability`` saw the greeting twice, now and then).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.domain.replies import Reply, reply_to_json, say
from storage.uow import Store
from tests.support.outbox import first_look_done, outbox_sender

LEASE = timedelta(seconds=30)


class _Recording:
    """Stands in for ``Sender``: records what would go to Telegram."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, list[Reply]]] = []

    async def send(self, chat_id: int, replies: list[Reply]) -> None:
        self.sent.append((chat_id, replies))


async def test_a_reply_leased_in_this_run_is_not_sent_again_by_the_first_look(
    store: Store,
) -> None:
    now = datetime.now(UTC)
    recording = _Recording()
    outbox = outbox_sender(store, recording)
    await outbox.recover()  # the start: before the inbox is replayed
    async with store.unit_of_work() as uow:  # a replayed step: its first reply leased to it
        leased = await uow.outbox.add_leased(7, [reply_to_json(say("hello"))], now, now + LEASE)
        await uow.commit()
    assert leased is not None
    looked = first_look_done(outbox)
    run = asyncio.get_running_loop().create_task(outbox.run())
    await looked.wait()
    for _ in range(20):  # let anything the look started run
        await asyncio.sleep(0)
    run.cancel()
    await asyncio.gather(run, return_exceptions=True)
    assert recording.sent == []  # the step's own send_now sends it, once


async def test_the_start_takes_back_an_earlier_runs_leases_on_sqlite(store: Store) -> None:
    """A lease a killed run held is sent again at once on SQLite (the only process); on
    PostgreSQL it waits for the lease to end (another process may hold it)."""
    now = datetime.now(UTC)
    async with store.unit_of_work() as uow:
        await uow.outbox.add_leased(8, [reply_to_json(say("cut short"))], now, now + LEASE)
        await uow.commit()
    outbox = outbox_sender(store, _Recording())
    await outbox.recover()
    async with store.unit_of_work() as uow:
        due, _ = await uow.outbox.heads(now, 10)
    sqlite = store.engine.dialect.name == "sqlite"
    assert len(due) == (1 if sqlite else 0)
