"""Replies out, durably: the outbox table is sent by one task, paced per chat.

The engine writes a step's replies to the outbox in the transaction that saves the step, so a
crash can no longer save a state whose reply is never sent. This task sends each chat's rows
in order and deletes each once Telegram accepted it; a crash between the two sends that row
again at the next start (a reply may repeat at most once per crash, as reminders may).

Pacing (one message a second per chat) is a time on the rows: after a send, the chat's next
rows wait until ``not_before``, so a flooding chat's backlog waits here, in the table, while
every other chat's replies go out as soon as they are written. Each chat has at most one send
in flight; chats are sent concurrently. Rows are leased (``claimed_until``) before sending,
so several processes on one PostgreSQL database never send a row twice while its claimer
lives; a claimer that died is replaced when the lease ends (at once on SQLite, where the
process starting is the only one).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from telegram.error import BadRequest

from bot.domain.replies import Blocked, reply_from_json, text_from_json
from bot.telegram.sender import Sender
from storage.repositories import Stored
from storage.uow import Store

log = logging.getLogger(__name__)

#: How long a claimed row is ours; another process takes it over after that.
LEASE = timedelta(seconds=30)
#: Rows claimed per look at the table.
BATCH = 200
#: Longest sleep between two looks (other processes' rows, expired leases).
IDLE = 1.0
#: A row whose send keeps failing (after the sender's own retries) waits this long, then
#: again, and is dropped after ``MAX_ATTEMPTS``: one undeliverable row never blocks others.
RETRY_AFTER = timedelta(seconds=15)
MAX_ATTEMPTS = 5
#: How long a clean stop waits for sends in flight.
GRACE = 5.0


class OutboxSender:
    """Sends the outbox: start with ``run`` (a task), nudge with ``wake`` after a commit."""

    def __init__(
        self,
        store: Store,
        sender: Sender,
        *,
        interval: float,
        clock: Callable[[], datetime],
        on_blocked: Callable[[int], Awaitable[None]],
    ) -> None:
        self.store = store
        self.sender = sender
        self.interval = timedelta(seconds=interval)
        self.clock = clock
        self.on_blocked = on_blocked
        self._wake = asyncio.Event()
        self._sends: set[asyncio.Task[None]] = set()

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        if self.store.engine.dialect.name == "sqlite":
            async with self.store.unit_of_work() as uow:
                await uow.outbox.release_all()
                await uow.commit()
        while True:
            self._wake.clear()
            later = await self._send_due()
            wait = IDLE
            if later is not None:
                wait = min(wait, max((later - self.clock()).total_seconds(), 0.0))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait)

    async def stop(self) -> None:
        """Finish the sends in flight (within ``GRACE``; rows cut short are sent again by the
        next run). Cancel ``run`` first, so nothing new starts."""
        if self._sends:
            await asyncio.wait(set(self._sends), timeout=GRACE)
        for task in list(self._sends):
            task.cancel()
        await asyncio.gather(*self._sends, return_exceptions=True)

    async def _send_due(self) -> datetime | None:
        now = self.clock()
        try:
            async with self.store.unit_of_work() as uow:
                due, later = await uow.outbox.heads(now, BATCH)
                rows = await uow.outbox.claim(due, now, now + LEASE) if due else []
                await uow.commit()
        except Exception:  # the database went away: look again after a pause
            log.exception("outbox not readable")
            return None
        loop = asyncio.get_running_loop()
        for row in rows:
            task = loop.create_task(self._send(row))
            self._sends.add(task)
            task.add_done_callback(self._sends.discard)
        return later

    async def _send(self, row: Stored) -> None:
        assert row.chat_id is not None
        chat_id = row.chat_id
        try:
            if "edit" in row.payload:  # a reminder another member acted on
                message_id, message = row.payload["edit"]
                await self.sender.edit(chat_id, int(message_id), text_from_json(message))
            else:
                await self.sender.send(chat_id, [reply_from_json(row.payload)])
        except Blocked:
            log.info("bot blocked by a parent; reminders paused", extra={"event": "blocked"})
            await self._settle(row, dropped=True)
            await self.on_blocked(chat_id)
        except BadRequest as exc:  # refused for good: sending it again cannot help
            log.warning("reply dropped", extra={"reason": str(exc)})
            await self._settle(row, dropped=True)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("reply not sent, retrying later", extra={"reason": type(exc).__name__})
            async with self.store.unit_of_work() as uow:
                attempts = await uow.outbox.retry_later(
                    row.id, chat_id, self.clock() + RETRY_AFTER
                )
                if attempts >= MAX_ATTEMPTS:
                    await uow.outbox.drop(row.id)
                    log.warning("reply dropped after retries", extra={"attempts": attempts})
                await uow.commit()
        else:
            await self._settle(row, dropped=False)
        finally:
            self.wake()

    async def _settle(self, row: Stored, *, dropped: bool) -> None:
        assert row.chat_id is not None
        async with self.store.unit_of_work() as uow:
            if dropped:
                await uow.outbox.drop(row.id)
            else:
                await uow.outbox.sent(row.id, row.chat_id, self.clock() + self.interval)
            await uow.commit()
