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

An idle chat's update (no update of that chat in memory, a processing slot free) is not
written to the inbox table at all: it goes straight to its step, and the step's transaction,
which logs its id in the update log, is the one commit that makes it durable (one disk flush
instead of two; issue 16, "Durable and fast"). The poller acknowledges a batch only once each
of its updates is committed, in the inbox or by its step; a step tells that at its commit,
before a requested file is made, so a slow ``/summary`` holds no one. A crash before that
commit leaves the update unacknowledged, and Telegram sends it again. Anything else (a busy
chat, a long message's first half, an update without a chat, no free slot) is stored first,
as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime

from telegram import Bot, Chat, Update
from telegram.constants import MessageLimit
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application

from bot.telegram.inflight import InFlight
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


@dataclass(eq=False, slots=True)
class _Queued:
    """An update waiting for its chat's turn."""

    update: Update
    #: Not in the inbox table: processed first, its slot taken already by ``receive``.
    unstored: bool = False


class UpdateInbox:
    """The inbox table, the polling loop that fills it, and the per-chat processing."""

    def __init__(
        self,
        application: Application,
        store: Store,
        *,
        flight: InFlight,
        clock: Callable[[], datetime],
        slots: int = 64,
    ) -> None:
        """``flight`` is shared with the handlers: they say there when a step's transaction
        took an update (removed from the inbox, or, for one never stored, logged); any other
        is removed afterwards."""
        self.application = application
        self.store = store
        self.flight = flight
        self.clock = clock
        self._slots = asyncio.Semaphore(slots)
        self._queues: dict[Hashable, deque[_Queued]] = {}
        #: Set when a chat's queue grows (a first half waits for its second on it).
        self._arrived: dict[Hashable, asyncio.Event] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._offset = 0
        self._stopping = False
        #: ``poll``'s task, and whether it is waiting for Telegram (or backing off), holding
        #: nothing: only then does ``halt`` cancel it.
        self._poller: asyncio.Task[None] | None = None
        self._asking = False
        self._halted = False

    async def receive(self, updates: list[Update]) -> None:
        """Return once every one of ``updates`` is durable: an idle chat's committed by its
        step, any other committed to the inbox (and queued for processing)."""
        for update in updates:
            mark(_chat_id(update), Stage.RECEIVED)
        waits: list[tuple[int, asyncio.Event]] = []
        later: list[Update] = []
        seen: set[Hashable] = set()
        for update in updates:
            key = _key(update)
            if self._idle(update, key, seen):
                await self._slots.acquire()  # free (``_idle``): returns at once
                waits.append((update.update_id, self.flight.process_unstored(update.update_id)))
                self._dispatch(_Queued(update, unstored=True))
            else:
                later.append(update)
            seen.add(key)
        if later:
            async with self.store.unit_of_work() as uow:
                for update in later:
                    chat = update.effective_chat
                    await uow.inbox.add(
                        update.update_id, chat.id if chat else None, update.to_dict(), self.clock()
                    )
                await uow.commit()
            for update in later:
                mark(_chat_id(update), Stage.STORED)
                self._dispatch(_Queued(update))
        for update_id, event in waits:
            await event.wait()
            if not self.flight.durable(update_id):
                # Not acknowledged: the poller asks again from the same offset (the webhook
                # answers an error), and Telegram sends it again.
                raise RuntimeError("an update could not be stored")

    def _idle(self, update: Update, key: Hashable, seen: set[Hashable]) -> bool:
        """Whether ``update`` may go straight to its step: its chat has nothing in memory
        (here or earlier in the batch), a slot is free, and it is not a first half."""
        return (
            not self._stopping
            and update.effective_chat is not None
            and key not in self._queues
            and key not in seen
            and not self._slots.locked()
            and not _first_half(update)
        )

    async def replay(self) -> int:
        """Queue every update left in the inbox by an earlier run; returns how many."""
        async with self.store.unit_of_work() as uow:
            stored = await uow.inbox.pending()
        for row in stored:
            update = Update.de_json(row.payload, self.application.bot)
            if update is not None:
                self._dispatch(_Queued(update))
        if stored:
            log.info("inbox replayed", extra={"updates": len(stored)})
        return len(stored)

    async def poll(self, allowed_updates: list[str]) -> None:
        """Our ``getUpdates`` loop (PTB's ``Updater`` acknowledges before processing)."""
        self._poller = asyncio.current_task()
        bot = self.application.bot
        await bot.delete_webhook()
        delay = POLL_BACKOFF[0]
        while not self._halted:
            try:
                self._asking = True
                try:
                    updates = await bot.get_updates(
                        offset=self._offset, timeout=POLL_TIMEOUT, allowed_updates=allowed_updates
                    )
                finally:
                    self._asking = False
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
                self._asking = True
                try:
                    await asyncio.sleep(delay)
                finally:
                    self._asking = False
                delay = min(delay * 2, POLL_BACKOFF[1])

    def halt(self) -> None:
        """Make ``poll`` return: at once while it waits for Telegram, after the batch it is
        storing and processing otherwise. Stopping used to cancel it wherever it stood, also
        while it committed a batch to the inbox (the connection's return to the pool was cut
        short, which SQLAlchemy logs as an error)."""
        self._halted = True
        if self._asking and self._poller is not None:
            self._poller.cancel()

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

    def _dispatch(self, queued: _Queued) -> None:
        key = _key(queued.update)
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = deque()
            task = asyncio.get_running_loop().create_task(self._drain(key, queue))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        queue.append(queued)
        self._arrived.setdefault(key, asyncio.Event()).set()

    async def _drain(self, key: Hashable, queue: deque[_Queued]) -> None:
        """Process one chat's updates in order, each in a slot taken when its turn comes
        (an unstored one's was taken by ``receive``)."""
        try:
            while queue and not self._stopping:
                head = queue[0]
                if head.unstored:
                    try:
                        await self._process(head.update, also=[], unstored=True)
                    finally:
                        self._slots.release()
                    queue.popleft()
                    continue
                update, halves = head.update, 1
                if _first_half(update):
                    second = await self._next_in(key, queue)
                    if second is not None and _second_half(update, second):
                        update, halves = _join(update, second, self.application.bot), 2
                        self.flight.joined[update.update_id] = (second.update_id,)
                async with self._slots:
                    also = [q.update.update_id for q in list(queue)[1:halves]]
                    await self._process(update, also=also, unstored=False)
                for _ in range(halves):
                    queue.popleft()
        finally:
            if self._queues.get(key) is queue:
                del self._queues[key]
                self._arrived.pop(key, None)

    async def _next_in(self, key: Hashable, queue: deque[_Queued]) -> Update | None:
        """The update queued after the head, waiting up to ``JOIN_WAIT`` for it to arrive."""
        arrived = self._arrived.setdefault(key, asyncio.Event())

        async def second() -> None:
            while len(queue) < 2:
                arrived.clear()
                await arrived.wait()

        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(second(), JOIN_WAIT)
        return queue[1].update if len(queue) > 1 else None

    async def _process(self, update: Update, *, also: list[int], unstored: bool) -> None:
        """Process ``update`` (``also``: the ids of the halves joined into it; ``unstored``:
        it is not in the inbox table, and the poller waits for it to be durable)."""
        update_id = update.update_id
        try:
            mark(_chat_id(update), Stage.STEP_STARTED)
            await self.application.process_update(update)
            self.flight.joined.pop(update_id, None)
            if update_id in self.flight.consumed:
                self.flight.consumed.discard(update_id)
            elif not unstored:
                # No handler's transaction took it (an edit, a group, an error): done with it.
                async with self.store.unit_of_work() as uow:
                    for done in (update_id, *also):
                        await uow.inbox.remove(done)
                    await uow.commit()
        except asyncio.CancelledError:
            # Stopping: an unstored update stays unacknowledged and Telegram sends it again.
            raise
        except Exception:  # kept in the inbox: the next start tries it again
            log.exception("update left in the inbox", extra={"update_id": update_id})
            if unstored and update_id not in self.flight.consumed:
                self.flight.done(update_id, durable=await self._keep(update))
                return
        if unstored:
            self.flight.done(update_id)

    async def _keep(self, update: Update) -> bool:
        """Store an update that failed before any step took it, so the next start tries it
        again (as one that came through the inbox would be); False if even that failed."""
        try:
            async with self.store.unit_of_work() as uow:
                chat_id = _chat_id(update)
                await uow.inbox.add(update.update_id, chat_id, update.to_dict(), self.clock())
                await uow.commit()
        except Exception:  # the database itself: logged above; Telegram sends it again
            return False
        return True


def _key(update: Update) -> Hashable:
    """The queue an update waits in: its chat's, or its own (no chat)."""
    chat = update.effective_chat
    return chat.id if chat is not None else ("update", update.update_id)


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
