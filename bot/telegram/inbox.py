"""Updates in, durably: stored before Telegram hears they arrived, processed from the store.

Telegram forgets an update once the bot asks for the next offset (polling) or answers its
POST with 200 (webhook). Both happen here only after the update is committed to the inbox
table, so a crash at any point loses no update: whatever is still in the inbox at start-up is
processed again (the engine's update log makes that safe for what was processed already).

Processing runs in arrival order within a chat and concurrently across chats. A chat waits
for its turn *before* it takes one of the processing slots, so a chat with a hundred queued
messages holds one slot, not all of them; and since replies wait in the outbox (see
``outbox.py``) rather than in the handler, a slot is held only while an update is processed.

A message longer than Telegram's 4096 characters reaches the bot as two messages: the first
exactly at the limit, the next with the following message id, a moment later. Before such a
first half is processed, the chat waits up to ``JOIN_WAIT`` for its second half and joins
them, so triage reads one message and the second half never starts a worry mid-sentence.
Both stay in the inbox until the step that handles them removes both in its transaction
(``joined``), so the join keeps the nothing-lost guarantee.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable, Hashable
from datetime import datetime

from telegram import Bot, Chat, Update
from telegram.constants import MessageLimit
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application

from bot.telegram.stages import Stage, mark
from storage.uow import Store

log = logging.getLogger(__name__)

#: Long-polling wait Telegram holds a ``getUpdates`` open for.
POLL_TIMEOUT = 30
#: Backoff after a failed poll: from the first value, doubling up to the last.
POLL_BACKOFF = (0.5, 30.0)
#: How long a clean stop waits for the updates being processed.
GRACE = 5.0
#: How long a message at Telegram's length limit waits for its second half.
JOIN_WAIT = 1.0


class UpdateInbox:
    """The inbox table, the polling loop that fills it, and the per-chat processing."""

    def __init__(
        self,
        application: Application,
        store: Store,
        *,
        consumed: set[int],
        clock: Callable[[], datetime],
        slots: int = 64,
        joined: dict[int, tuple[int, ...]] | None = None,
    ) -> None:
        """``consumed`` is filled by the handlers with the ids of updates whose processing
        transaction already removed them from the inbox; any other is removed afterwards.
        ``joined`` tells the handlers which updates a joined message also stands for
        (first half's id -> the second's), so their transaction removes those too."""
        self.application = application
        self.store = store
        self.consumed = consumed
        self.joined = joined if joined is not None else {}
        self.clock = clock
        self._slots = asyncio.Semaphore(slots)
        self._queues: dict[Hashable, deque[Update]] = {}
        #: Set when a chat's queue grows (a first half waits for its second on it).
        self._arrived: dict[Hashable, asyncio.Event] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._offset = 0
        self._stopping = False

    async def receive(self, updates: list[Update]) -> None:
        """Commit ``updates`` to the inbox, then queue them for processing."""
        for update in updates:
            mark(_chat_id(update), Stage.RECEIVED)
        async with self.store.unit_of_work() as uow:
            for update in updates:
                chat = update.effective_chat
                await uow.inbox.add(
                    update.update_id, chat.id if chat else None, update.to_dict(), self.clock()
                )
            await uow.commit()
        for update in updates:
            mark(_chat_id(update), Stage.STORED)
            self._dispatch(update)

    async def replay(self) -> int:
        """Queue every update left in the inbox by an earlier run; returns how many."""
        async with self.store.unit_of_work() as uow:
            stored = await uow.inbox.pending()
        for row in stored:
            update = Update.de_json(row.payload, self.application.bot)
            if update is not None:
                self._dispatch(update)
        if stored:
            log.info("inbox replayed", extra={"updates": len(stored)})
        return len(stored)

    async def poll(self, allowed_updates: list[str]) -> None:
        """Our ``getUpdates`` loop (PTB's ``Updater`` acknowledges before processing)."""
        bot = self.application.bot
        await bot.delete_webhook()
        delay = POLL_BACKOFF[0]
        while True:
            try:
                updates = await bot.get_updates(
                    offset=self._offset, timeout=POLL_TIMEOUT, allowed_updates=allowed_updates
                )
                if updates:
                    await self.receive(list(updates))
                    # Asked for only now: the next poll is what tells Telegram they arrived.
                    self._offset = updates[-1].update_id + 1
                delay = POLL_BACKOFF[0]
            except asyncio.CancelledError:
                raise
            except InvalidToken:
                raise
            except Exception as exc:  # network, 409 Conflict, the database: wait, ask again
                reason = str(exc) if isinstance(exc, TelegramError) else type(exc).__name__
                log.warning("polling failed, retrying", extra={"reason": reason})
                await asyncio.sleep(delay)
                delay = min(delay * 2, POLL_BACKOFF[1])

    async def confirm(self) -> None:
        """Tell Telegram what the inbox holds already (on a clean stop), so it does not come
        again; what the answer brings stays unconfirmed and comes again next time."""
        if self._offset:
            with contextlib.suppress(TelegramError):
                await self.application.bot.get_updates(offset=self._offset, timeout=0, limit=1)

    async def stop(self) -> None:
        """Finish the updates being processed (within ``GRACE``) and start no other: those
        stay in the inbox for the next run."""
        self._stopping = True
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=GRACE)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._queues.clear()

    def _dispatch(self, update: Update) -> None:
        chat = update.effective_chat
        key: Hashable = chat.id if chat is not None else ("update", update.update_id)
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = deque()
            task = asyncio.get_running_loop().create_task(self._drain(key, queue))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        queue.append(update)
        self._arrived.setdefault(key, asyncio.Event()).set()

    async def _drain(self, key: Hashable, queue: deque[Update]) -> None:
        """Process one chat's updates in order, each in a slot taken when its turn comes."""
        try:
            while queue and not self._stopping:
                update, halves = queue[0], 1
                if _first_half(update):
                    second = await self._next_in(key, queue)
                    if second is not None and _second_half(update, second):
                        update, halves = _join(update, second, self.application.bot), 2
                        self.joined[update.update_id] = (second.update_id,)
                async with self._slots:
                    await self._process(update, also=[u.update_id for u in list(queue)[1:halves]])
                for _ in range(halves):
                    queue.popleft()
        finally:
            if self._queues.get(key) is queue:
                del self._queues[key]
                self._arrived.pop(key, None)

    async def _next_in(self, key: Hashable, queue: deque[Update]) -> Update | None:
        """The update queued after the head, waiting up to ``JOIN_WAIT`` for it to arrive."""
        arrived = self._arrived.setdefault(key, asyncio.Event())

        async def second() -> None:
            while len(queue) < 2:
                arrived.clear()
                await arrived.wait()

        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(second(), JOIN_WAIT)
        return queue[1] if len(queue) > 1 else None

    async def _process(self, update: Update, *, also: list[int]) -> None:
        """Process ``update`` (``also``: the ids of the halves joined into it)."""
        try:
            mark(_chat_id(update), Stage.STEP_STARTED)
            await self.application.process_update(update)
            self.joined.pop(update.update_id, None)
            if update.update_id in self.consumed:
                self.consumed.discard(update.update_id)
                return
            # No handler's transaction took it (an edit, a group, an error): done with it.
            async with self.store.unit_of_work() as uow:
                for update_id in (update.update_id, *also):
                    await uow.inbox.remove(update_id)
                await uow.commit()
        except asyncio.CancelledError:
            raise
        except Exception:  # kept in the inbox: the next start tries it again
            log.exception("update left in the inbox", extra={"update_id": update.update_id})


def _chat_id(update: Update) -> int | None:
    return update.effective_chat.id if update.effective_chat is not None else None


def _utf16_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji counts two)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _first_half(update: Update) -> bool:
    """A private text message exactly at Telegram's limit: its client may have split it."""
    message = update.message
    return (
        message is not None
        and message.chat.type == Chat.PRIVATE
        and message.text is not None
        and _utf16_length(message.text) >= MessageLimit.MAX_TEXT_LENGTH
    )


def _second_half(first: Update, second: Update) -> bool:
    """The message right after ``first`` in the same chat, from the same sender."""
    a, b = first.message, second.message
    return (
        a is not None
        and b is not None
        and b.text is not None
        and b.chat.id == a.chat.id
        and b.message_id == a.message_id + 1
        and (b.from_user.id if b.from_user else None) == (a.from_user.id if a.from_user else None)
    )


def _join(first: Update, second: Update, bot: Bot) -> Update:
    """One update carrying both halves' text, under the first half's id and message."""
    assert first.message is not None
    assert second.message is not None
    data = first.to_dict()
    data["message"]["text"] = (first.message.text or "") + (second.message.text or "")
    joined = Update.de_json(data, bot)
    assert joined is not None
    return joined
