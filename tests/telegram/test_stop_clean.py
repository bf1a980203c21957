"""Stopping the bot ends every transaction cleanly (found at the end of every run of
``bench/throughput.py``: SQLAlchemy logged "Exception during reset or similar" with a
``CancelledError``).

``SproutBot.stop`` cancelled the poller and the outbox sender wherever they stood. A task that
had just committed (the poller storing a busy chat's update, a look of the sender) was then
returning its connection to the pool, whose reset was a trip to aiosqlite's thread, and the
cancel landed there. These tests stop the bot at exactly that moment: when that task's
connection is being reset.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from sqlalchemy import event

from tests.support.bot_fixtures import StartBot
from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import Parent, RunningBot

WAIT = 10.0


def _stop_at_reset(running: RunningBot, task_name: str) -> asyncio.Event:
    """Start ``stop`` when a connection of the task running ``task_name`` is reset (given back
    to the pool); the event is set once stop has returned."""
    stopped = asyncio.Event()
    store = running.engine.store
    loop = asyncio.get_running_loop()
    stopping: list[asyncio.Task[None]] = []

    def at_reset(*_args: Any) -> None:
        task = asyncio.current_task()
        name = getattr(task.get_coro(), "__qualname__", None) if task is not None else None
        if name != task_name or stopping:
            return

        async def stop() -> None:
            await running.stop()
            stopped.set()

        stopping.append(loop.create_task(stop()))

    for engine in {store.engine.sync_engine, store.unflushed_engine.sync_engine}:
        event.listen(engine, "reset", at_reset)
    return stopped


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        f"{record.name}: {record.getMessage()}"
        for record in caplog.records
        if record.levelno >= logging.WARNING
    ]


async def test_a_stop_during_a_look_of_the_outbox_ends_it_cleanly(
    start_bot: StartBot, database_url: str, tg: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    running = await start_bot(database_url)
    await Parent(tg, 4001).says("/start", replies=2)
    # The sends settle at the sender's next look: stop as it gives its connection back.
    stopped = _stop_at_reset(running, "OutboxSender.run")
    running.bot.outbox.wake()
    await asyncio.wait_for(stopped.wait(), WAIT)
    assert _errors(caplog) == []


async def test_a_stop_while_the_poller_stores_a_batch_ends_it_cleanly(
    start_bot: StartBot, database_url: str, tg: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    running = await start_bot(database_url)
    stopped = _stop_at_reset(running, "UpdateInbox.poll")
    # Two messages of one chat in one batch: the second is stored in the inbox by the poller.
    tg.user_message(4002, "/start")
    tg.user_message(4002, "Mila")
    await asyncio.wait_for(stopped.wait(), WAIT)
    assert _errors(caplog) == []
