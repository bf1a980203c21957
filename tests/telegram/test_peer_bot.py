"""The throughput benchmark's peer bot (``tests/support/peer_bot.py``) holds the conversation
the benchmark drives, on both databases, so the comparison cannot silently measure a broken bot.

It answers each step with as many messages as Sprout does (the benchmark waits for exactly
those), commits every answer before replying, and carries on after a restart from what it
committed.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from telegram.ext import Application

from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import Parent
from tests.support.peer_bot import (
    SPROUT_CONVERSATION,
    PeerStore,
    Step,
    build_peer_app,
    families,
    worries,
)

pytestmark = pytest.mark.e2e

CHAT = 4242


@contextlib.asynccontextmanager
async def running(tg: FakeTelegram, store: PeerStore) -> AsyncIterator[Application]:
    app = build_peer_app(tg, store, concurrent_updates=4)
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[PeerStore]:
    peer = await PeerStore.open(database_url)
    yield peer
    await peer.close()


async def test_the_benchmark_conversation_completes_and_is_committed(
    tg: FakeTelegram, store: PeerStore
) -> None:
    parent = Parent(tg, CHAT)
    async with running(tg, store):
        for step in SPROUT_CONVERSATION:
            if step.text is None:
                await parent.presses(parent.last_message()["message_id"], step.data, step.replies)
            else:
                await parent.says(step.text, step.replies)

    texts = parent.texts()
    assert "What should I call your child?" in texts[1]
    assert "Was Mila born early" in texts[3]
    assert texts[3].endswith("✓ No, at term")  # the question edited to show the choice
    assert "All set! Mila was born on 15 March 2024." in texts[4]
    async with store.engine.connect() as connection:
        family = (await connection.execute(select(families))).one()
        worry = await connection.scalar(select(worries.c.text))
    assert (family.step, family.nickname, str(family.birth_date), family.preterm) == (
        Step.DONE,
        "Mila",
        "2024-03-15",
        False,
    )
    assert worry == "he holds his crayon in a fist"


async def test_a_restart_carries_on_from_the_committed_step(
    tg: FakeTelegram, store: PeerStore
) -> None:
    parent = Parent(tg, CHAT)
    async with running(tg, store):
        await parent.says("/start", replies=2)
        await parent.says("Mila")

    async with running(tg, store):  # a new Application: PTB's conversation states are gone
        asked = await parent.says("2024-03-15")
        question = parent.last_message()["message_id"]
        answered = await parent.presses(question, "ob:preterm:no")
    assert asked == ["Was Mila born early, before 37 weeks of pregnancy?"]
    assert answered[0].startswith("All set! Mila was born on 15 March 2024.")
