"""A question's bookkeeping rides on the outbox sender's look (issue 16, "Durable and fast").

After each question it sent, the sender kept the message id in the conversation's state
(``Screen.live``: the copy whose buttons come off when the question is asked again) in a
transaction of its own, and then settled the row in the next look: two transactions after
every question, each on SQLite a turn of the one writer. Now the look that settles the row
records it; a question asked again is settled only once its earlier copy's buttons are off.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event, func, select

from bot.engine.dialog import DialogEngine, parse_text
from bot.telegram.outbox import OutboxSender
from storage.models import OutboxMessage
from storage.uow import Store
from tests.support.context import EMPTY_KB
from tests.support.outbox import drained, outbox_sender

LEASE = timedelta(seconds=30)
CHAT = 10


class _Telegram:
    """Numbers the messages sent and records the copies whose buttons it was told to drop;
    ``hold`` keeps those edits waiting."""

    def __init__(self) -> None:
        self.last = 0
        self.stripped: list[int] = []
        self.hold = asyncio.Event()
        self.hold.set()
        self.asked = asyncio.Event()

    async def send(self, _chat_id: int, replies: list[Any]) -> list[Any]:
        sent = []
        for _ in replies:
            self.last += 1
            sent.append(_Message(self.last))
        return sent

    async def drop_buttons_of(self, _chat_id: int, message_id: int) -> None:
        self.asked.set()
        await self.hold.wait()
        self.stripped.append(message_id)


class _Message:
    def __init__(self, message_id: int) -> None:
        self.message_id = message_id


class _Commits:
    """The commits and the statements of the store's engines."""

    def __init__(self, store: Store) -> None:
        self.count = 0
        self.statements: list[str] = []
        for engine in {store.engine, store.unflushed_engine}:
            event.listen(engine.sync_engine, "commit", self._committed)
            event.listen(engine.sync_engine, "before_cursor_execute", self._seen)

    def _committed(self, _conn: Any) -> None:
        self.count += 1

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        self.statements.append(" ".join(statement.split()[:3]).upper())


class _Chat:
    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.engine = DialogEngine(store, EMPTY_KB, clock)
        self.telegram = _Telegram()
        self.outbox: OutboxSender = outbox_sender(store, self.telegram, interval=0.0)
        self.outbox.clock = clock
        self.update_id = 0

    async def says(self, text: str, *, drain: bool = True) -> None:
        self.update_id += 1
        outcome = await self.engine.handle(
            CHAT, parse_text(text), update_id=self.update_id, outbox=True, lease=LEASE
        )
        if outcome.leased is not None:
            self.outbox.send_now(outcome.leased)
        if drain:
            await drained(self.outbox, outcome.look)

    async def live(self) -> int | None:
        return await self.outbox._live(CHAT)

    async def waiting(self) -> int:
        async with self.outbox.store.unit_of_work() as uow:
            count = await uow.session.scalar(select(func.count()).select_from(OutboxMessage))
        return int(count or 0)


async def _at_preterm_question(chat: _Chat) -> None:
    await chat.says("/start")
    await chat.says("Mila")
    await chat.says("2024-03-15")  # "Was Mila born early?", with buttons


async def test_a_question_sent_is_recorded_and_settled_in_one_look(
    store: Store, clock: Callable[[], datetime]
) -> None:
    chat = _Chat(store, clock)
    await chat.says("/start")
    await chat.says("Mila")
    commits = _Commits(store)
    await chat.says("2024-03-15")
    # The step's commit and one look's: before, the bookkeeping committed on its own too.
    assert commits.count == 2
    assert await chat.live() == chat.telegram.last
    assert await chat.waiting() == 0


async def test_a_question_without_buttons_after_another_writes_no_conversation(
    store: Store, clock: Callable[[], datetime]
) -> None:
    """The nickname's question, then the birth date's: neither has buttons, so the screen
    keeps no live copy and the look has nothing to write for it."""
    chat = _Chat(store, clock)
    await chat.says("/start")
    seen = _Commits(store)
    await chat.says("Mila")
    assert "UPDATE DIALOG_STATES SET" not in seen.statements, seen.statements
    assert await chat.live() is None


async def test_a_question_asked_again_is_settled_once_its_earlier_copy_lost_its_buttons(
    store: Store, clock: Callable[[], datetime]
) -> None:
    chat = _Chat(store, clock)
    await _at_preterm_question(chat)
    first = chat.telegram.last
    chat.telegram.hold.clear()
    await chat.says("hmm", drain=False)  # "Please answer yes or no", and the question again
    drain = asyncio.get_running_loop().create_task(drained(chat.outbox, True))
    # The look that records the question again starts the edit (its transaction is over).
    await asyncio.wait_for(chat.telegram.asked.wait(), timeout=10)
    assert await chat.live() == chat.telegram.last != first
    assert await chat.waiting() == 1  # the question again: sent, recorded, not settled
    chat.telegram.hold.set()
    await drain
    assert chat.telegram.stripped == [first]
    assert await chat.waiting() == 0
