"""Delivering due check-in reminders: claim rows, send to each member, mark them sent.

The JobQueue tick (``bot.telegram.application``) calls ``ReminderDelivery.run_once`` every
minute in every bot instance; the database decides who sends what. Each round:

1. **Claim** (one short transaction): lock up to ``batch`` due rows (``FOR UPDATE SKIP
   LOCKED`` on PostgreSQL, so two instances take disjoint rows; SQLite's single writer
   serialises), decide each with ``bot.domain.schedule.decide`` (send / defer / fold / cancel), and
   stamp the ones to send with this round's token and a lease (``next_at`` = end of lease).
   Committed before anything is sent, so a crash later cannot lose the claim's rows.
2. **Send** each claimed row to every member of its family who wants reminders and has not
   blocked the bot (``MemberRepository.recipients``), through the shared ``Sender``
   (per-chat pacing, retries, ``Blocked`` on 403), paced to ``rate`` messages a second in
   all, under Telegram's 30. Each member's send is recorded in ``reminder_sends`` (member,
   phase: the reminder or its follow-up, message id) in its own transaction right after
   it; members already recorded for that phase are skipped, so a retried row goes only to
   those who did not get it. A member's 403 marks only that member unreachable.
3. **Mark** (one transaction per row, once every member's send has ended): ``mark_sent``
   (or ``reschedule`` at the earliest passing failure, ``cancel`` when every send was
   refused) releases the claim in the same UPDATE, guarded by the token, so a claim that
   was lost (lease over, or a member answered, snoozed or stopped meanwhile) is never
   overwritten.

Isolation: a row that cannot be decrypted (its family's key dropped too early, corruption) or
sent (anything but Telegram's own errors, which are handled above) is *set aside*: deferred by
``SET_ASIDE``, counted in ``DeliveryStats``, and logged once per process with its id only. The rest
of the batch goes on; one bad row never stops the reminders of every other family.

Why exactly once per member: a row is sent only by the holder of a live claim, and a claim
is only handed on when its lease (10 minutes) has run out; the holder sends only while its
claim is younger than ``SEND_WITHIN`` (5 minutes), far longer than sending to a family's
members with their retries takes. A crash after claiming and before sending leaves the claim
to expire: the row is sent by whoever takes it next, to the members not recorded in
``reminder_sends``. What remains is the window between Telegram accepting a message and its
``reminder_sends`` record committing (milliseconds): a crash exactly there sends that
reminder again to that one member after the lease, because Telegram has no idempotency key.
A send that times out is retried (never lose a reminder), which can also repeat one
Telegram did deliver. When a member finishes the check-in, the row is closed for everyone
(``ReminderRepository.answered``), so nothing more goes out for it, and the others' messages
recorded here are edited to say who did it (``CheckinDone``, applied in ``bot.engine.effects``).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol, assert_never

from telegram.error import BadRequest, RetryAfter, TelegramError

from bot.domain import schedule
from bot.domain.age import age_on, describe_months
from bot.domain.replies import Blocked, Button, Reply, Text, bold, column, say
from bot.domain.views import ReminderKind, ReminderStatus
from knowledge.loader import default_knowledge
from knowledge.models import Milestone
from storage.repositories import DueDetails, DueRow
from storage.uow import Store

log = logging.getLogger(__name__)

#: A claim not released within this long is handed on to whoever looks next.
LEASE = timedelta(minutes=10)
#: The holder of a claim sends only while the claim is younger than this (margin to LEASE).
SEND_WITHIN = timedelta(minutes=5)
#: Rows claimed per transaction: about two seconds of sending at the full rate.
BATCH = 64
#: Messages a second, all reminders of this process together (Telegram allows about 30).
RATE = 28.0
#: After a send failed for a passing reason (network, Telegram 5xx), try again this much later.
RETRY_FAILED = timedelta(minutes=1)
#: A tick stops claiming after this many seconds, so the next minute's tick is not skipped.
BUDGET = 50.0
#: A row that could not be decrypted or sent is looked at again this much later.
SET_ASIDE = timedelta(hours=1)

START, SNOOZE = "Start check-in", "Remind me tomorrow"
#: What a member got of a reminder row (``reminder_sends.phase``).
REMINDER, FOLLOW_UP = "reminder", "follow_up"


def worker_name() -> str:
    """Names this process in claims (host, pid and a random part), for logs and fencing."""
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{os.urandom(3).hex()}"


def reminder_text(row: DueRow, details: DueDetails, today: date) -> Text:
    """The reminder (or, for a row already sent, the follow-up) with its buttons.

    Follow-ups a check-in result promised (``row.kind`` other than ``checkin``) say what was
    promised: the skills to look at again, the questions left over, or whether the family
    could talk to the doctor (with /summary to bring).
    """
    nickname = details.nickname
    if row.kind != ReminderKind.CHECKIN:
        return _follow_up_text(row, details)
    age = describe_months(row.checklist_age)
    corrected = age_on(details.birth.date, details.birth.weeks, today).uses_corrected
    buttons = column(
        Button(START, f"/checkin {row.child_id}"), Button(SNOOZE, f"/snooze {row.id}")
    )
    if row.status == ReminderStatus.SENT:
        return say(
            "A gentle reminder: ", bold(nickname), f"'s {age} check-in is still open, ",
            "whenever you have two minutes. No rush.",
            buttons=buttons,
        )  # fmt: skip
    return say(
        "🌱 It's check-in time: ", bold(nickname), f" has reached {age}",
        " (corrected age)" if corrected else "",
        ". A few yes/no questions about how they move, about two minutes.",
        buttons=buttons,
    )  # fmt: skip


def _titles(ids: Sequence[str]) -> str:
    kb = default_knowledge()
    found = [e.title for i in ids if isinstance(e := kb.by_id.get(i), Milestone)]
    return ", ".join(f"“{t}”" for t in found) or "a few skills"


def _follow_up_text(row: DueRow, details: DueDetails) -> Text:
    nickname = details.nickname
    later = Button(SNOOZE, f"/snooze {row.id}")
    if row.kind == ReminderKind.DOCTOR:
        return say(
            "Checking in, as promised: last week I suggested talking to ", bold(nickname),
            "'s doctor. Were you able to talk to someone? If not yet, it is still worth doing "
            "soon. A short summary of the answers can help at the appointment.",
            buttons=column(Button("Summary to bring", "/summary"), later),
        )  # fmt: skip
    if row.kind == ReminderKind.MORE:
        return say(
            "A few questions from ", bold(nickname), f"'s {describe_months(row.checklist_age)} "
            "check-in are still waiting; I ask at most ten at a time.",
            buttons=column(Button("Continue check-in", f"/checkin {row.child_id}"), later),
        )  # fmt: skip
    what = _titles(details.items)
    lead = (
        "A week ago you were not sure about this for "
        if row.kind == ReminderKind.LOOK_AGAIN
        else "Time to look again, as promised, at what you have been practising with "
    )
    return say(
        lead, bold(nickname), f": {what}. A quick look, a minute or two.",
        buttons=column(Button("Look again", f"/recheck {row.id}"), later),
    )  # fmt: skip


class Outbox(Protocol):
    """Where reminders go: ``bot.telegram.sender.Sender`` (paced, retried, ``Blocked``)."""

    async def send(self, chat_id: int, replies: list[Reply]) -> Sequence[object]: ...


class RatePacer:
    """Spaces sends at least ``1/rate`` seconds apart, in arrival order, with no bursts.

    ``AIORateLimiter`` allows a burst of 30 and then 30 a second, which can exceed Telegram's
    sliding 30-a-second window; an even spacing below it never does.
    """

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            now = time.monotonic()
            if self._next > now:
                await asyncio.sleep(self._next - now)
            self._next = max(self._next, now) + self.interval


@dataclass(slots=True)
class DeliveryStats:
    """What one run did, counted (logged; tests and the benchmark read it)."""

    seen: int = 0
    claimed: int = 0
    sent: int = 0
    deferred: int = 0
    closed: int = 0
    failed: int = 0
    blocked: int = 0
    lost: int = 0
    #: Rows that could not be decrypted or sent: retried after ``SET_ASIDE``.
    set_aside: int = 0


@dataclass(frozen=True, slots=True)
class Claim:
    """A row this process may send, with the token that proves it."""

    row: DueRow
    token: str
    claimed_at: datetime
    details: DueDetails


@dataclass(frozen=True, slots=True)
class Sent:
    """Telegram took the message at ``at`` (as ``message_id``, for one member's chat)."""

    at: datetime
    message_id: int | None = None


@dataclass(frozen=True, slots=True)
class Retry:
    """Not sent this time: try again at ``at``; ``blocked`` when the parent blocked the bot."""

    at: datetime
    blocked: bool = False


@dataclass(frozen=True, slots=True)
class Refused:
    """Telegram refused it for good (a bad request): never send it."""


#: How one send ended, as the row records it.
Outcome = Sent | Retry | Refused


class ReminderDelivery:
    """Claims and sends due reminders for one process; any number of them may share a DB."""

    def __init__(
        self,
        store: Store,
        sender: Outbox,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        rate: float = RATE,
        batch: int = BATCH,
        lease: timedelta = LEASE,
        worker: str | None = None,
        budget: float = BUDGET,
    ) -> None:
        self.store = store
        self.sender = sender
        self.clock = clock
        self.batch = batch
        self.lease = lease
        self.worker = worker or worker_name()
        self.budget = budget
        self.pacer = RatePacer(rate)
        self._rounds = itertools.count(1)
        #: Rows already logged as set aside: each is logged once, however often it retries.
        self._logged: set[int] = set()
        self._halted = False

    def halt(self) -> None:
        """Claim nothing more (stopping): ``run_once`` ends once its claimed rows are sent."""
        self._halted = True

    async def run_once(self) -> DeliveryStats:
        """Claim and send until nothing is due (or the time budget is spent)."""
        stats = DeliveryStats()
        deadline = time.monotonic() + self.budget
        room = asyncio.Semaphore(2 * self.batch)  # claimed but not yet sent: at most this
        async with asyncio.TaskGroup() as group:
            while time.monotonic() < deadline and not self._halted:
                for _ in range(self.batch):
                    await room.acquire()
                claims, seen = await self.claim(stats)
                for _ in range(self.batch - len(claims)):
                    room.release()
                for claim in claims:
                    group.create_task(self._deliver(claim, stats, room))
                if not seen:
                    break
        if stats.seen:
            log.info("reminders delivered", extra={"stats": asdict(stats)})
        return stats

    async def claim(self, stats: DeliveryStats) -> tuple[list[Claim], int]:
        """One transaction: decide every due row, claim the ones to send now.

        Returns the claims and how many due rows were looked at (0: nothing is due).
        """
        now = self.clock()
        token = f"{self.worker}/{next(self._rounds)}"
        async with self.store.unit_of_work() as uow:
            rows = await uow.reminders.due(now, self.batch)
            send: list[tuple[DueRow, DueDetails]] = []
            defer: list[tuple[int, datetime]] = []
            close: list[tuple[int, str]] = []
            for row in rows:
                try:
                    decision = schedule.decide(_scheduled(row), _family(row), now)
                    match decision:
                        case schedule.Send():
                            send.append((row, uow.reminders.details(row)))
                        case schedule.Defer(until):
                            defer.append((row.id, until))
                        case schedule.Close(status):
                            # A follow-up not sent leaves the reminder itself as it was: sent.
                            sent = row.status == ReminderStatus.SENT
                            close.append((row.id, ReminderStatus.SENT if sent else status))
                        case _:
                            assert_never(decision)
                except Exception as exc:  # this row's data only: set it aside, go on
                    self._set_aside(row.id, exc, stats)
                    defer.append((row.id, now + SET_ASIDE))
            await uow.reminders.claim([r.id for r, _ in send], token, now, now + self.lease)
            await uow.reminders.defer(defer)
            await uow.reminders.close(close)
            claims = [Claim(r, token, now, details) for r, details in send]
            await uow.commit()
        stats.seen += len(rows)
        stats.claimed += len(claims)
        stats.deferred += len(defer)
        stats.closed += len(close)
        return claims, len(rows)

    async def _deliver(self, claim: Claim, stats: DeliveryStats, room: asyncio.Semaphore) -> None:
        try:
            await self.pacer.wait()
            await self.deliver(claim, stats)
        finally:
            room.release()

    async def deliver(self, claim: Claim, stats: DeliveryStats) -> None:
        """Send one claimed reminder and record the outcome in one transaction."""
        row = claim.row
        if self.clock() - claim.claimed_at > SEND_WITHIN:
            log.warning("claim too old to send; its lease will hand it on", extra={"id": row.id})
            stats.lost += 1
            return
        today = schedule.local_date(self.clock(), row.timezone)
        phase = FOLLOW_UP if row.status == ReminderStatus.SENT else REMINDER
        async with self.store.unit_of_work() as uow:
            recipients = [(m.id, m.chat_id) for m in await uow.members.recipients(row.family_id)]
            got = await uow.reminders.sent_to(row.id, phase)
        text = reminder_text(row, claim.details, today)
        ends: list[Outcome] = []
        for member_id, chat_id in recipients:
            if member_id in got:
                continue  # sent before a retry: each member gets it once
            end = await self._send_to(row, chat_id, text, stats)
            match end:
                case Sent(at, message_id):
                    async with self.store.unit_of_work() as uow:
                        await uow.reminders.record_send(row.id, member_id, phase, message_id, at)
                        await uow.commit()
                case Retry(blocked=True):
                    async with self.store.unit_of_work() as uow:  # only this member stops
                        await uow.members.set_reachable(chat_id, False)
                        await uow.commit()
                case Retry() | Refused():
                    pass
                case _:
                    assert_never(end)
            ends.append(end)
        await self._finish(claim, _overall(ends, bool(got), self.clock()))

    async def _send_to(
        self, row: DueRow, chat_id: int, text: Text, stats: DeliveryStats
    ) -> Outcome:
        """Send the reminder to one member's chat; how it ended."""
        try:
            sent = await self.sender.send(chat_id, [text])
        except Blocked:
            stats.blocked += 1
            return Retry(self.clock() + schedule.RECHECK_BLOCKED, blocked=True)
        except RetryAfter as exc:
            stats.failed += 1
            return Retry(self.clock() + _seconds(exc.retry_after))
        except BadRequest as exc:  # e.g. "chat not found": sending again cannot help
            log.warning("reminder refused by Telegram", extra={"id": row.id, "error": str(exc)})
            stats.failed += 1
            return Refused()
        except TelegramError as exc:  # network trouble or 5xx after the sender's retries
            log.warning("reminder not sent; will retry", extra={"id": row.id, "error": str(exc)})
            stats.failed += 1
            return Retry(self.clock() + RETRY_FAILED)
        except Exception as exc:  # anything else is this row's alone: set it aside, go on
            self._set_aside(row.id, exc, stats)
            return Retry(self.clock() + SET_ASIDE)
        stats.sent += 1
        message_id = getattr(sent[-1], "message_id", None) if sent else None
        return Sent(self.clock(), message_id if isinstance(message_id, int) else None)

    def _set_aside(self, row_id: int, exc: Exception, stats: DeliveryStats) -> None:
        """Count a row set aside; log it the first time, by id and error type only (an
        error's message could quote the data)."""
        stats.set_aside += 1
        if row_id not in self._logged:
            self._logged.add(row_id)
            log.warning(
                "reminder set aside: cannot be decrypted or sent; retried later",
                extra={"id": row_id, "error": type(exc).__name__},
            )

    async def _finish(self, claim: Claim, outcome: Outcome) -> None:
        """Record ``outcome`` and release the claim, only if it is still ours."""
        row = claim.row
        async with self.store.unit_of_work() as uow:
            reminders = uow.reminders
            match outcome:
                case Sent(at) if row.status == ReminderStatus.SENT:
                    # That was the follow-up: the one and only.
                    kept = await reminders.mark_follow_up_sent(row.id, claim.token, at)
                case Sent(at):
                    follow_up = _follow_up_at(row, at)
                    kept = await reminders.mark_sent(row.id, claim.token, at, follow_up)
                case Retry(at):
                    # A member who blocked the bot was marked inactive as it happened.
                    kept = await reminders.reschedule(row.id, claim.token, at)
                case Refused():
                    kept = await reminders.cancel(row.id, claim.token)
                case _:
                    assert_never(outcome)
            await uow.commit()
        if not kept:
            log.warning("claim was lost before it was released", extra={"id": row.id})


def _overall(ends: list[Outcome], earlier: bool, now: datetime) -> Outcome:
    """How a row's round ended, from each member's send: sent once every member who wants it
    got it (now, or before a retry); otherwise retried at the earliest passing failure (the
    members who got it are skipped then); refused only if every send was refused."""
    retries = [end for end in ends if isinstance(end, Retry)]
    passing = [end for end in retries if not end.blocked]
    if passing:
        return min(passing, key=lambda end: end.at)
    if any(isinstance(end, Sent) for end in ends) or earlier:
        return Sent(now)
    if retries:
        return retries[0]  # every member blocked the bot
    if ends:
        return Refused()
    return Retry(now + schedule.RECHECK_BLOCKED, blocked=True)  # nobody wants it now


def _follow_up_at(row: DueRow, sent_at: datetime) -> datetime | None:
    """When the gentle follow-up of a reminder sent at ``sent_at`` is due; None when it gets
    none: it already had one, or it is itself a follow-up a check-in result promised."""
    if row.follow_up_sent_at is not None or row.kind != ReminderKind.CHECKIN:
        return None
    return schedule.follow_up_at(sent_at, row.timezone, row.reminder_hour)


def _scheduled(row: DueRow) -> datetime:
    """When the action now due was meant to happen (lateness is measured from it)."""
    if row.status == ReminderStatus.SENT and row.sent_at is not None:
        return schedule.follow_up_at(row.sent_at, row.timezone, row.reminder_hour)
    return row.due_at


def _family(row: DueRow) -> schedule.FamilyState:
    return schedule.FamilyState(
        timezone=row.timezone,
        reminder_hour=row.reminder_hour,
        active=row.is_active,
        stopped=row.reminders_stopped,
        paused_until=row.paused_until,
    )


def _seconds(retry_after: timedelta | int) -> timedelta:
    return retry_after if isinstance(retry_after, timedelta) else timedelta(seconds=retry_after)
