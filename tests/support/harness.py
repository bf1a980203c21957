"""Helpers for end-to-end tests: a running bot, a parent in a private chat, database checks.

A test talks to the bot only the way a parent and Telegram would: it injects updates into the
stand-in and waits for the bot's calls to arrive there (never for a fixed time). ``Parent``
wraps one private chat so a test reads like the conversation it checks.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from bot.engine.dialog import DialogEngine
from bot.telegram.application import SproutBot
from storage.models import InboxUpdate, OutboxMessage
from tests.support.fake_telegram import Call, FakeTelegram

#: Longest wait for one expected call; generous because CI machines stall.
WAIT = 10.0


class RunningBot:
    """A started ``SproutBot`` with its engine; ``stop`` closes both (idempotent)."""

    def __init__(self, bot: SproutBot, engine: DialogEngine) -> None:
        self.bot = bot
        self.engine = engine
        self._stopped = False

    async def stop(self) -> None:
        if not self._stopped:
            self._stopped = True
            await self.bot.stop()
            await self.engine.store.close()


class Parent:
    """One parent in a private chat: say something or press a button, get the replies."""

    def __init__(self, tg: FakeTelegram, chat_id: int) -> None:
        self.tg = tg
        self.chat_id = chat_id

    def _to_me(self, method: str) -> Callable[[Call], bool]:
        return lambda c: c.method == method and c.params.get("chat_id") == self.chat_id

    async def replies_to(
        self, inject: Callable[[], object], count: int = 1, *, status: int = 200
    ) -> list[str]:
        """Run ``inject`` and wait for ``count`` ``sendMessage`` calls to this chat with
        ``status``; returns their texts as the parent sees them."""
        since = len(self.tg.calls)
        inject()
        found = await self.tg.wait_for(
            lambda c: self._to_me("sendMessage")(c) and c.status == status,
            count=count,
            since=since,
            timeout=WAIT,
        )
        return [call.result["text"] if call.ok else "" for call in found[:count]]

    async def says(self, text: str, replies: int = 1) -> list[str]:
        return await self.replies_to(lambda: self.tg.user_message(self.chat_id, text), replies)

    async def presses(self, message_id: int, data: str, replies: int = 1) -> list[str]:
        return await self.replies_to(
            lambda: self.tg.press_button(self.chat_id, message_id, data), replies
        )

    async def edits(self, message_id: int, data: str) -> str:
        """Press a button of a menu that edits itself in place (``/reminders``); returns the
        menu's text after the edit."""
        since = len(self.tg.calls)
        self.tg.press_button(self.chat_id, message_id, data)
        (edit,) = await self.tg.wait_for(
            lambda c: (
                self._to_me("editMessageText")(c)
                and c.params.get("message_id") == message_id
                and c.ok
            ),
            since=since,
            timeout=WAIT,
        )
        return str(edit.result["text"])

    def last_message(self) -> dict[str, Any]:
        return self.tg.messages(self.chat_id)[-1]

    def texts(self) -> list[str]:
        return self.tg.sent_texts(self.chat_id)

    async def onboard(self, nickname: str = "Mila", born: str = "2024-03-15") -> None:
        """/start, a nickname and a full birth date at term: a family with one child."""
        await self.says("/start", replies=2)
        await self.says(nickname)
        await self.says(born)
        await self.presses(self.last_message()["message_id"], "ob:preterm:no")


async def family_active(engine: DialogEngine, chat_id: int) -> bool | None:
    """Whether the member of ``chat_id`` can be reminded (``members.is_active``: not blocked),
    or None when the chat is no member."""
    async with engine.store.unit_of_work() as uow:
        member = await uow.members.of_chat(chat_id)
        return None if member is None else member.is_active


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def outbox_drained(engine: DialogEngine) -> None:
    """Wait until every queued reply was sent and its outbox row deleted: the row of a reply
    the stand-in has seen goes a moment later (polled; the limit only guards a hang)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while True:
        async with engine.store.unit_of_work() as uow:
            left = await uow.session.scalar(select(func.count()).select_from(OutboxMessage))
        if not left:
            return
        assert loop.time() < deadline, "the outbox never drained"
        await asyncio.sleep(0.02)


async def inbox_empty(engine: DialogEngine) -> None:
    """Wait until every received update was handled and left the inbox (an update no handler
    answers, such as a group's, leaves no other trace; polled, the limit only guards a hang)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while True:
        async with engine.store.unit_of_work() as uow:
            left = await uow.session.scalar(select(func.count()).select_from(InboxUpdate))
        if not left:
            return
        assert loop.time() < deadline, "the inbox never emptied"
        await asyncio.sleep(0.02)
