"""Sending replies to one chat: paced, retried, and honest about a blocked bot.

``AIORateLimiter`` caps the overall rate and retries 429s, but it has no per-chat limit and
does not retry network errors or Telegram's 5xx answers. This module adds both: messages to
one chat leave at most one per ``interval`` (Telegram asks for about one a second), and a
send that fails for a transient reason is retried with exponential backoff. A 403 (the parent
blocked the bot) is not retried: it raises ``Blocked`` so the caller can stop reminders.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from functools import partial
from html import escape
from typing import TypeVar, assert_never

from telegram import Bot, InputFile, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.domain.replies import Blocked, Document, Photo, Reply, Text
from bot.telegram.render import keyboard, split_message

log = logging.getLogger(__name__)
T = TypeVar("T")


class ChatPacer:
    """Keeps messages to the same chat at least ``interval`` seconds apart."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next: dict[int, float] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    async def wait(self, chat_id: int) -> None:
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        async with lock:
            now = time.monotonic()
            due = self._next.get(chat_id, now)
            if due > now:
                await asyncio.sleep(due - now)
            self._next[chat_id] = max(due, now) + self.interval
            if len(self._next) > 10_000:  # forget chats that went quiet long ago
                horizon = time.monotonic()
                self._next = {c: t for c, t in self._next.items() if t > horizon}
                self._locks = {c: lk for c, lk in self._locks.items() if c in self._next}


class Sender:
    """Sends transport-neutral replies through a python-telegram-bot ``Bot``."""

    def __init__(
        self, bot: Bot, pacer: ChatPacer, *, attempts: int = 5, first_backoff: float = 0.5
    ) -> None:
        self.bot = bot
        self.pacer = pacer
        self.attempts = attempts
        self.first_backoff = first_backoff

    async def _retrying(self, call: Callable[[], Awaitable[T]]) -> T:
        delay = self.first_backoff
        for attempt in range(1, self.attempts + 1):
            try:
                return await call()
            except Forbidden as exc:
                raise Blocked(str(exc)) from exc
            except (RetryAfter, BadRequest):
                # The rate limiter has already waited and retried a 429; a 400 is permanent
                # (BadRequest subclasses NetworkError, so it must be caught first).
                raise
            except NetworkError as exc:  # includes TimedOut and Telegram 5xx answers
                if attempt == self.attempts:
                    raise
                log.warning("send failed, retrying", extra={"attempt": attempt, "error": str(exc)})
                await asyncio.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    async def send(self, chat_id: int, replies: list[Reply]) -> list[Message]:
        """Send ``replies`` in order; long texts go out in several paced messages."""
        sent: list[Message] = []
        for reply in replies:
            for send in self._calls(chat_id, reply):
                await self.pacer.wait(chat_id)
                sent.append(await self._retrying(send))
        return sent

    def _calls(self, chat_id: int, reply: Reply) -> list[Callable[[], Awaitable[Message]]]:
        match reply:
            case Text():
                chunks = split_message(reply)
                markups = [None] * (len(chunks) - 1) + [keyboard(reply)]
                return [
                    partial(
                        self.bot.send_message,
                        chat_id,
                        chunk,
                        parse_mode=ParseMode.HTML,
                        reply_markup=markup,
                    )
                    for chunk, markup in zip(chunks, markups, strict=True)
                ]
            case Document():
                return [
                    lambda: self.bot.send_document(
                        chat_id,
                        InputFile(reply.data, filename=reply.filename),
                        caption=reply.caption or None,
                    )
                ]
            case Photo():
                return [
                    lambda: self.bot.send_photo(
                        chat_id,
                        InputFile(reply.data, filename="chart.png"),
                        caption=reply.caption or None,
                    )
                ]
            case _:
                assert_never(reply)

    async def edit(self, chat_id: int, message_id: int, message: Text) -> None:
        """Replace a message sent earlier (a reminder another member acted on), buttons gone."""
        await self.pacer.wait(chat_id)
        await self._retrying(
            lambda: self.bot.edit_message_text(
                split_message(message)[0],
                chat_id=chat_id,
                message_id=message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=None,
            )
        )

    async def show_choice(self, message: Message, label: str) -> None:
        """Replace a question's live buttons with the answer that was chosen."""
        html = message.text_html or ""
        await self._retrying(
            lambda: message.edit_text(
                f"{html}\n\n✓ <i>{escape(label, quote=False)}</i>",
                parse_mode=ParseMode.HTML,
                reply_markup=None,
            )
        )

    async def drop_buttons(self, message: Message) -> None:
        """Remove live buttons from a question that is no longer current."""
        await self._retrying(lambda: message.edit_reply_markup(reply_markup=None))
