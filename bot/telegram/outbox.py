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
process starting is the only one). A step's first reply to a chat with nothing waiting is
leased by the step's own transaction and handed over with ``send_now``: sent at once, without
waiting for a look (issue 16's latency), and settled like the others.

One transaction per look at the table, not per row: a look first records the questions
sent since the last look on their conversations' screens (the live copy, whose buttons come
off when the question is asked again), settles every row whose send finished (deletes it,
pushes its chat's next row back by the pacing), then finds and leases what is due. Each
commit costs a disk flush, and on SQLite every transaction waits for the one writer, so
per-row transactions made the outbox cost more commits than the updates themselves. A
chat's next row waits for its previous one to be settled (it stays the chat's head until
then), so a crash still repeats at most one reply per chat: the one sent and not yet
settled. For the same reason a look's commit on SQLite need not wait for the disk
(``Store.unit_of_work(flush=False)``): a machine crash that undid it would only bring back
rows already sent, once, and leases that died with the process.

A row may be a file's recipe rather than a reply (``bot.engine.files``): queued by a step that
asked for a file, held by the process making it and replaced by the file once made. A look
that leases one (its maker died: the lease ended, or this is the next start on SQLite) is
never sent: the engine makes the file again (``remake``) and puts it in the recipe's place,
and a later look sends it, still ahead of the chat's later rows. A file that cannot be made
waits and is dropped like a reply that cannot be sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any

from telegram.error import BadRequest, TelegramError

from bot.domain.replies import Blocked, Text, is_question, reply_from_json
from bot.engine.files import recipe_in
from bot.telegram.sender import Sender
from bot.telegram.stages import Stage, mark
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
        remake: Callable[[Stored, datetime], Awaitable[None]],
    ) -> None:
        """``remake`` makes the file of a recipe row leased until the given time and puts it
        in the recipe's place (``DialogEngine.remake``)."""
        self.store = store
        self.sender = sender
        self.interval = timedelta(seconds=interval)
        self.clock = clock
        self.on_blocked = on_blocked
        self.remake = remake
        self._wake = asyncio.Event()
        self._sends: set[asyncio.Task[None]] = set()
        #: Rows whose send finished, to settle at the next look: sent, and dropped (ids).
        self._sent: list[Stored] = []
        self._dropped: list[int] = []
        #: Questions sent since the last look, which records them on the conversation's
        #: screen before it settles their rows: the row, the message shown, and that
        #: message again when it has buttons (the copy to strip when it is asked again).
        self._shown: list[tuple[Stored, int, int | None]] = []
        self._halted = False

    def wake(self) -> None:
        self._wake.set()

    def send_now(self, row: Stored) -> None:
        """Send ``row``, leased to us by the transaction that queued it (a step's first reply
        to a chat with nothing waiting): at once, not at the next look. Settled like the
        rows a look leases."""
        self._start(row)

    def _start(self, row: Stored, until: datetime | None = None) -> None:
        """Send ``row``, or with ``until`` (a look's lease), make its file if it is a recipe."""
        if until is not None and recipe_in(row.payload) is not None:
            work = self._make(row, until)
        else:
            mark(row.chat_id, Stage.LEASED)
            work = self._send(row)
        self._task(work)

    def _task(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` as a send: ``stop`` waits for it."""
        task = asyncio.get_running_loop().create_task(work)
        self._sends.add(task)
        task.add_done_callback(self._sends.discard)

    async def recover(self) -> None:
        """Take back the leases an earlier run died holding (SQLite, where this process is
        the only one), so they are sent again. Call it before anything new is processed: a
        step replayed from the inbox leases its first reply and sends it at once, and taking
        that lease back too sent the reply a second time (out of order with the next)."""
        if self.store.engine.dialect.name == "sqlite":
            async with self.store.unit_of_work() as uow:
                await uow.outbox.release_all()
                await uow.commit()

    def halt(self) -> None:
        """Make ``run`` return after its current look: a stop that cancelled it mid-look cut
        the look's transaction short while its connection went back to the pool."""
        self._halted = True
        self.wake()

    async def run(self) -> None:
        """Look at the table until ``halt``."""
        while not self._halted:
            self._wake.clear()
            later = await self._look(send=True)
            wait = IDLE
            if later is not None:
                wait = min(wait, max((later - self.clock()).total_seconds(), 0.0))
            # Not ``asyncio.wait_for``: on Python 3.11 it swallows a cancel that comes as the
            # wake does, and ``stop`` then waited for this loop forever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(wait):
                    await self._wake.wait()

    async def stop(self) -> None:
        """Finish the sends in flight (within ``GRACE``; rows cut short are sent again by the
        next run) and settle them. ``halt`` and wait for ``run`` first, so nothing new
        starts. A look that records a question asked again starts one more edit (its
        earlier copy's buttons), whose row the next look settles: at most three rounds."""
        for _ in range(3):
            if self._sends:
                await asyncio.wait(set(self._sends), timeout=GRACE)
            for task in list(self._sends):
                task.cancel()
            await asyncio.gather(*self._sends, return_exceptions=True)
            if not (self._sent or self._dropped or self._shown):
                return
            await self._look(send=False)

    async def _look(self, *, send: bool) -> datetime | None:
        """Record the questions sent on their conversations' screens, settle the finished
        rows and, with ``send``, lease and start the due ones; one transaction. Returns when
        the next waiting row becomes due.

        A question sent again (its earlier copy still has buttons) is settled only once that
        copy's buttons are off (an edit started after the commit, settled at a later look),
        so a settled row's whole work is done; the other questions are settled here."""
        sent: list[Stored] = []
        dropped: list[int] = []
        shown: list[tuple[Stored, int, int | None]] = []
        strip: list[tuple[Stored, int]] = []
        try:
            async with self.store.unit_of_work(flush=False) as uow:
                # Taken once the unit of work holds SQLite's writer, not before: the sends
                # that finished while it waited for other transactions are settled by this
                # look too, instead of one more look each.
                sent, dropped, shown = self._sent, self._dropped, self._shown
                self._sent, self._dropped, self._shown = [], [], []
                now = self.clock()
                until = now + LEASE
                settled = list(sent)
                if shown:
                    earlier = await uow.dialogs.show(
                        [(_chat(row), live) for row, _, live in shown]
                    )
                    for (row, message, _), before in zip(shown, earlier, strict=True):
                        if before is not None and before != message:
                            strip.append((row, before))
                        else:
                            settled.append(row)
                paced = {row.chat_id for row in settled if row.chat_id is not None}
                due, later = await uow.outbox.heads(
                    now,
                    BATCH,
                    paced=paced,
                    next_at=now + self.interval,
                    settling=[row.id for row in settled] + dropped,
                )
                rows = await uow.outbox.claim(due, now, until) if send else []
                await uow.commit()
        except Exception:  # the database went away: settle and look again after a pause
            # The questions are settled without their bookkeeping (logged): were it what
            # failed, keeping it would keep their rows unsettled, and sent again.
            self._sent[:0] = [*sent, *(row for row, _, _ in shown)]
            self._dropped[:0] = dropped
            log.exception("outbox not readable")
            return None
        for row, before in strip:
            self._task(self._strip(row, before))
        for row in rows:
            self._start(row, until)
        return None if not send else later

    async def _make(self, row: Stored, until: datetime) -> None:
        """Make the file of a recipe whose maker died, in its place; never send the recipe."""
        try:
            await self.remake(row, until)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # logged without its message: it may quote the child's data
            log.warning("file not made, retrying later", extra={"reason": type(exc).__name__})
            await self._retry(row)
        finally:
            self.wake()

    async def _send(self, row: Stored) -> None:
        assert row.chat_id is not None
        chat_id = row.chat_id
        mark(chat_id, Stage.SEND_STARTED)
        try:
            reply = reply_from_json(row.payload)
            shown: tuple[int, int | None] | None = None  # the message, and with buttons
            # A menu replacing itself is handled like a question even when it closes.
            if isinstance(reply, Text) and (reply.in_place or is_question(row.payload)):
                message = await self._question(chat_id, reply)
                shown = message, message if reply.buttons else None
            else:
                await self.sender.send(chat_id, [reply])
        except Blocked:
            log.info("bot blocked by a parent; reminders paused", extra={"event": "blocked"})
            self._dropped.append(row.id)
            await self.on_blocked(chat_id)
        except BadRequest as exc:  # refused for good: sending it again cannot help
            log.warning("reply dropped", extra={"reason": str(exc)})
            self._dropped.append(row.id)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("reply not sent, retrying later", extra={"reason": type(exc).__name__})
            await self._retry(row)
        else:
            mark(chat_id, Stage.SEND_DONE)
            if shown is None:
                self._sent.append(row)
            else:
                self._shown.append((row, *shown))
        finally:
            self.wake()

    async def _retry(self, row: Stored) -> None:
        """A row whose send (or file) failed for a passing reason: try again after
        ``RETRY_AFTER``, with the chat's later rows waiting; dropped after ``MAX_ATTEMPTS``."""
        assert row.chat_id is not None
        async with self.store.unit_of_work() as uow:
            attempts = await uow.outbox.retry_later(
                row.id, row.chat_id, self.clock() + RETRY_AFTER
            )
            if attempts >= MAX_ATTEMPTS:
                await uow.outbox.drop(row.id)
                log.warning("reply dropped after retries", extra={"attempts": attempts})
            await uow.commit()

    async def _question(self, chat_id: int, reply: Text) -> int:
        """Send the conversation's question (a menu replaces itself in place); returns the
        id of the message that shows it.

        The next look keeps that id in the conversation's state (``Screen.live``) and takes
        the buttons off the copy sent before it (``_strip``), so only one copy on screen can
        be answered. It was a transaction of its own after each question (on SQLite, one
        more turn of the one writer per reply); now the look that settles the row does it.
        """
        live = await self._live(chat_id) if reply.in_place else None
        if live is not None and await self.sender.replace(chat_id, live, reply):
            return live
        return (await self.sender.send(chat_id, [reply]))[-1].message_id

    async def _strip(self, row: Stored, earlier: int) -> None:
        """Take the buttons off ``earlier``, the copy of the question ``row`` asked again
        (recorded by a look), then let the next look settle ``row``. A failure is logged,
        never raised: the question was sent and its row must not be sent again."""
        assert row.chat_id is not None
        try:
            await self.sender.drop_buttons_of(row.chat_id, earlier)
        except asyncio.CancelledError:
            raise
        except (TelegramError, Blocked) as exc:  # answered meanwhile, deleted, too old
            log.info("earlier question not edited", extra={"reason": str(exc)})
        except Exception:
            log.exception("earlier question not edited")
        finally:
            self._sent.append(row)
            self.wake()

    async def _live(self, chat_id: int) -> int | None:
        """The message id of the question on the member's screen, if one with buttons was
        sent (each member of a family has a conversation, and a chat of their own)."""
        async with self.store.unit_of_work() as uow:
            family = await uow.families.get(chat_id)  # unwraps the key the state is sealed in
            member = await uow.members.of_chat(chat_id) if family is not None else None
            saved = await uow.dialogs.get(member.id) if member is not None else None
            return uow.dialogs.screen(saved).live if saved is not None else None


def _chat(row: Stored) -> int:
    assert row.chat_id is not None  # outbox rows always have their chat
    return row.chat_id
