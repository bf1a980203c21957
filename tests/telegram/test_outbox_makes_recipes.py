"""The outbox sender and a file's recipe (issue 16): a look that leases a recipe whose maker
died has the engine make the file in its place and never sends the recipe itself; the file
then goes before the chat's later replies."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain.replies import Document, Reply, reply_to_json, say
from bot.engine import files
from storage.repositories import Stored
from storage.uow import Store
from tests.support.outbox import outbox_sender

CHAT = 9
PDF = Document(b"%PDF-1.7", "sprout-summary-Mila.pdf")


class _Recording:
    """Stands in for ``Sender``: records what would go to Telegram."""

    def __init__(self) -> None:
        self.sent: list[Reply] = []

    async def send(self, chat_id: int, replies: list[Reply]) -> None:
        self.sent.extend(replies)


async def test_a_recipe_whose_maker_died_is_made_in_its_place_never_sent(store: Store) -> None:
    now = datetime.now(UTC)
    dead_hold = now - timedelta(seconds=1)  # the maker's hold ended: it died
    async with store.unit_of_work() as uow:
        recipe = {files.RECIPE: {"kind": "summary_pdf"}}
        await uow.outbox.add_making(
            CHAT, [recipe, reply_to_json(say("after the file"))], [0], now, dead_hold
        )
        await uow.commit()
    made: list[Any] = []

    async def remake(row: Stored, until: datetime) -> None:
        made.append(row.payload)
        async with store.unit_of_work() as uow:
            assert await uow.outbox.fill(row.id, reply_to_json(PDF), until)
            await uow.commit()

    recording = _Recording()
    outbox = outbox_sender(store, recording, interval=0.01, remake=remake)
    run = asyncio.get_running_loop().create_task(outbox.run())
    try:
        for _ in range(500):
            if len(recording.sent) == 2:
                break
            await asyncio.sleep(0.01)
    finally:
        run.cancel()
        await asyncio.gather(run, return_exceptions=True)
        await outbox.stop()
    assert made == [recipe]
    assert recording.sent == [PDF, say("after the file")]
