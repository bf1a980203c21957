"""Updates in, durably: stored before Telegram hears they arrived, processed from the store.

Telegram forgets an update once the bot asks for the next offset (polling) or answers its
POST with 200 (webhook). Both happen here only after the update is committed to the inbox
table, so a crash at any point loses no update: whatever is still in the inbox at start-up is
processed again (the engine's update log makes that safe for what was processed already).

Processing runs in arrival order within a chat and concurrently across chats. A chat waits
for its turn *before* it takes one of the processing slots, so a chat with a hundred queued
messages holds one slot, not all of them; and since replies wait in the outbox (see
``outbox.py``) rather than in the handler, a slot is held only while an update is processed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable, Hashable
from datetime import datetime

from telegram import Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application

from storage.uow import Store

log = logging.getLogger(__name__)

#: Long-polling wait Telegram holds a ``getUpdates`` open for.
POLL_TIMEOUT = 30
#: Backoff after a failed poll: from the first value, doubling up to the last.
POLL_BACKOFF = (0.5, 30.0)
#: How long a clean stop waits for the updates being processed.
GRACE = 5.0


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
    ) -> None:
        """``consumed`` is filled by the handlers with the ids of updates whose processing
        transaction already removed them from the inbox; any other is removed afterwards."""
        self.application = application
        self.store = store
        self.consumed = consumed
        self.clock = clock
        self._slots = asyncio.Semaphore(slots)
        self._queues: dict[Hashable, deque[Update]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._offset = 0
        self._stopping = False

    async def receive(self, updates: list[Update]) -> None:
        """Commit ``updates`` to the inbox, then queue them for processing."""
        async with self.store.unit_of_work() as uow:
            for update in updates:
                chat = update.effective_chat
                await uow.inbox.add(
                    update.update_id, chat.id if chat else None, update.to_dict(), self.clock()
                )
            await uow.commit()
        for update in updates:
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

    async def _drain(self, key: Hashable, queue: deque[Update]) -> None:
        """Process one chat's updates in order, each in a slot taken when its turn comes."""
        try:
            while queue and not self._stopping:
                update = queue[0]
                async with self._slots:
                    await self._process(update)
                queue.popleft()
        finally:
            if self._queues.get(key) is queue:
                del self._queues[key]

    async def _process(self, update: Update) -> None:
        try:
            await self.application.process_update(update)
            if update.update_id in self.consumed:
                self.consumed.discard(update.update_id)
                return
            # No handler's transaction took it (an edit, a group, an error): done with it.
            async with self.store.unit_of_work() as uow:
                await uow.inbox.remove(update.update_id)
                await uow.commit()
        except asyncio.CancelledError:
            raise
        except Exception:  # kept in the inbox: the next start tries it again
            log.exception("update left in the inbox", extra={"update_id": update.update_id})
