"""Stopping the outbox sender while it is being woken (found by ``bench/throughput.py``
hanging at its end): ``asyncio.wait_for`` on Python 3.11 swallowed a cancel that came as the
wake did, so the loop went on and ``SproutBot.stop`` waited for it forever."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any, cast

from bot.telegram.outbox import OutboxSender
from bot.telegram.sender import Sender
from storage.uow import Store


async def _never_blocked(_chat_id: int) -> None:
    raise AssertionError("nothing is sent in this test")


async def test_a_cancel_that_comes_with_a_wake_stops_the_loop(store: Store) -> None:
    outbox = OutboxSender(
        store,
        cast(Sender, cast(Any, object())),
        interval=1.0,
        clock=lambda: datetime.now(UTC),
        on_blocked=_never_blocked,
    )
    looked = asyncio.Event()
    look = outbox._look

    async def first_look(*, send: bool) -> datetime | None:
        try:
            return await look(send=send)
        finally:
            looked.set()

    outbox._look = first_look  # type: ignore[method-assign]
    run = asyncio.get_running_loop().create_task(outbox.run())
    await looked.wait()
    for _ in range(5):  # run goes on from its look into the wait for a wake
        await asyncio.sleep(0)
    outbox.wake()
    run.cancel()
    for _ in range(50):  # a few turns of the loop: the cancel must not be lost in them
        await asyncio.sleep(0)
    stopped = run.done()
    if not stopped:
        run.cancel()
        await asyncio.gather(run, return_exceptions=True)
    assert stopped
    assert run.cancelled()
