"""Reminder delivery on SQLite and PostgreSQL, driven by an injected clock (no sleeping).

The delivery round is called directly; a recording outbox stands in for Telegram, so each
test states exactly which reminders went out and when.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.domain.replies import Blocked, Reply, Text
from bot.engine.dialog import DialogEngine
from bot.flows.base import ButtonIn, CommandIn, TextIn
from bot.reminders import plans as reminder_plans
from bot.reminders.delivery import LEASE, DeliveryStats, ReminderDelivery
from storage.crypto import Cipher
from storage.models import Reminder
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.support.context import EMPTY_KB as KB  # these tests need no content

CHAT = 42
BORN = date(2026, 5, 10)  # the store's families live in Europe/Berlin at 10:00
ADDED = datetime(2026, 6, 1, 12, tzinfo=UTC)
DUE_4M = datetime(2026, 9, 10, 8, tzinfo=UTC)  # 10 September, 10:00 in Berlin (CEST)


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Outbox:
    """Records what would have gone to Telegram; can play a blocked parent."""

    sent: list[tuple[int, Text]] = field(default_factory=list)
    blocked: set[int] = field(default_factory=set)

    async def send(self, chat_id: int, replies: list[Reply]) -> Sequence[object]:
        if chat_id in self.blocked:
            raise Blocked("Forbidden: bot was blocked by the user")
        for reply in replies:
            assert isinstance(reply, Text)
            self.sent.append((chat_id, reply))
        return []

    def texts(self) -> list[str]:
        return [reply.plain for _, reply in self.sent]


async def add_child(store: Store, now: datetime, chat_id: int = CHAT, born: date = BORN) -> int:
    async with store.unit_of_work() as uow:
        family = await uow.families.lock_or_create(chat_id)
        child = await uow.children.add(
            family,
            nickname="Mila",
            birth_date=born,
            birth_date_estimated=False,
            gestational_weeks=None,
        )
        await reminder_plans.replan_child(uow, family, child, now)
        await uow.commit()
        return child.id


async def rows(store: Store) -> dict[int, Reminder]:
    async with store.unit_of_work() as uow:
        result = await uow.session.execute(select(Reminder).order_by(Reminder.checklist_age))
        found = {row.checklist_age: row for row in result.scalars()}
        uow.session.expunge_all()  # plain values to compare, after the session is gone
        return found


def delivery(store: Store, clock: Clock, outbox: Outbox, worker: str = "a") -> ReminderDelivery:
    return ReminderDelivery(store, outbox, clock=clock, rate=1e6, worker=worker)


@pytest.fixture
def clock() -> Clock:
    return Clock(ADDED)


async def test_adding_a_child_plans_each_checklist_age_not_reached(store: Store) -> None:
    await add_child(store, ADDED)
    planned = await rows(store)
    assert list(planned) == [2, 4, 6, 9, 12, 15, 18, 24, 30, 36, 48, 60, 72, 84]
    assert planned[4].due_on == date(2026, 9, 10)
    assert planned[4].due_at == DUE_4M
    assert planned[6].due_at == datetime(2026, 11, 10, 9, tzinfo=UTC)  # CET in November
    assert all(r.status == "pending" and r.next_at == r.due_at for r in planned.values())


async def test_a_due_reminder_goes_out_once_with_its_buttons(store: Store, clock: Clock) -> None:
    child_id = await add_child(store, ADDED)
    outbox = Outbox()
    job = delivery(store, clock, outbox)
    clock.now = DUE_4M - timedelta(minutes=1)
    assert (await job.run_once()).sent == 0
    clock.now = DUE_4M
    assert (await job.run_once()).sent == 1
    assert (await job.run_once()).sent == 0
    [(chat, reply)] = outbox.sent
    row = (await rows(store))[4]
    assert chat == CHAT
    assert "Mila" in reply.plain
    assert "4 months" in reply.plain
    assert [b.payload for b in reply.all_buttons] == [f"/checkin {child_id}", f"/snooze {row.id}"]
    assert (row.status, row.sent_at, row.claimed_by) == ("sent", DUE_4M, None)


async def test_one_follow_up_after_a_week_unless_answered(store: Store, clock: Clock) -> None:
    await add_child(store, ADDED)
    outbox = Outbox()
    job = delivery(store, clock, outbox)
    clock.now = DUE_4M
    await job.run_once()
    clock.now = DUE_4M + timedelta(days=7) - timedelta(minutes=1)
    assert (await job.run_once()).sent == 0
    clock.now = DUE_4M + timedelta(days=7)
    assert (await job.run_once()).sent == 1
    assert "gentle reminder" in outbox.texts()[-1]
    for days in (8, 14, 21, 40):
        clock.now = DUE_4M + timedelta(days=days)
        assert (await job.run_once()).sent == 0
    assert len(outbox.sent) == 2

    # The 6-month one is answered (a check-in answer) before its follow-up: none is sent.
    clock.now = datetime(2026, 11, 10, 9, tzinfo=UTC)
    assert (await job.run_once()).sent == 1
    child = (await rows(store))[6].child_id
    async with store.unit_of_work() as uow:
        await uow.reminders.answered(child, 6)
        await uow.commit()
    clock.now += timedelta(days=8)
    assert (await job.run_once()).sent == 0
    assert (await rows(store))[6].status == "answered"


async def test_answered_updates_the_reminders_the_step_loaded(store: Store) -> None:
    """The step's later reads (``of_kind``, the plans) see the rows as ``answered`` left them,
    and the commit writes nothing back over them."""
    child = await add_child(store, ADDED)
    async with store.unit_of_work() as uow:
        loaded = {r.checklist_age: r for r in await uow.reminders.of_children([child])}
        await uow.reminders.answered(child, 6)
        assert [loaded[age].status for age in (4, 6, 9)] == ["answered", "answered", "pending"]
        assert loaded[6].next_at is None
        assert loaded[9].next_at is not None
        again = await uow.reminders.of_kind(child, 6, "checkin")
        assert again is loaded[6]
        assert again.status == "answered"
        await uow.commit()
    stored = await rows(store)
    assert [stored[age].status for age in (4, 6, 9)] == ["answered", "answered", "pending"]


async def test_pause_resume_and_stop_through_the_settings_flow(store: Store, clock: Clock) -> None:
    await add_child(store, ADDED)
    engine = DialogEngine(store, KB, clock)
    outbox = Outbox()
    job = delivery(store, clock, outbox)

    clock.now = DUE_4M - timedelta(days=1)
    await engine.handle(CHAT, CommandIn("reminders"))
    await engine.handle(CHAT, ButtonIn("rem:pause"))
    await engine.handle(CHAT, ButtonIn("rem:p:14"))  # until 23 September, 10:00
    clock.now = DUE_4M
    assert (await job.run_once()).sent == 0
    clock.now = DUE_4M + timedelta(days=3)
    await engine.handle(CHAT, CommandIn("reminders"))
    await engine.handle(CHAT, ButtonIn("rem:resume"))  # resumed early: due now
    assert (await job.run_once()).sent == 1

    await engine.handle(CHAT, CommandIn("reminders"))
    await engine.handle(CHAT, ButtonIn("rem:stop"))
    await engine.handle(CHAT, ButtonIn("rem:stop:yes"))
    for at in (datetime(2026, 9, 17, 8, tzinfo=UTC), datetime(2026, 11, 10, 9, tzinfo=UTC)):
        clock.now = at  # neither the follow-up nor the 6-month reminder
        assert (await job.run_once()).sent == 0
    assert (await rows(store))[6].status == "cancelled"

    clock.now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    await engine.handle(CHAT, CommandIn("reminders"))
    await engine.handle(CHAT, ButtonIn("rem:resume"))
    planned = await rows(store)
    assert planned[6].status == "cancelled"  # fell due while stopped: not sent late
    assert planned[9].status == "pending"
    clock.now = planned[9].due_at
    assert (await job.run_once()).sent == 1
    assert len(outbox.sent) == 2


async def test_a_pause_that_ends_sends_what_fell_due(store: Store, clock: Clock) -> None:
    await add_child(store, ADDED)
    engine = DialogEngine(store, KB, clock)
    outbox = Outbox()
    job = delivery(store, clock, outbox)
    clock.now = DUE_4M - timedelta(days=1)
    for event in (CommandIn("reminders"), ButtonIn("rem:pause"), ButtonIn("rem:p:7")):
        await engine.handle(CHAT, event)
    clock.now = DUE_4M
    assert (await job.run_once()).deferred == 1
    clock.now = datetime(2026, 9, 16, 8, tzinfo=UTC)  # the pause ends: 16 September, 10:00
    assert (await job.run_once()).sent == 1


async def test_changing_hour_and_zone_moves_waiting_reminders(store: Store, clock: Clock) -> None:
    await add_child(store, ADDED)
    engine = DialogEngine(store, KB, clock)
    for event in (CommandIn("reminders"), ButtonIn("rem:hour"), TextIn("17")):
        await engine.handle(CHAT, event)
    assert (await rows(store))[4].due_at == datetime(2026, 9, 10, 15, tzinfo=UTC)
    for event in (CommandIn("reminders"), ButtonIn("rem:zone"), TextIn("Auckland")):
        await engine.handle(CHAT, event)
    planned = await rows(store)
    assert planned[4].due_at == datetime(2026, 9, 10, 5, tzinfo=UTC)  # 17:00 NZST
    assert planned[4].next_at == planned[4].due_at


async def test_more_than_thirty_days_late_is_folded_into_the_next(
    store: Store, clock: Clock
) -> None:
    await add_child(store, ADDED)
    outbox = Outbox()
    job = delivery(store, clock, outbox)
    clock.now = DUE_4M + timedelta(days=31)  # the bot was down for a month (and earlier)
    stats = await job.run_once()
    assert (stats.sent, stats.closed) == (0, 2)
    planned = await rows(store)
    assert [planned[2].status, planned[4].status, planned[6].status] == [
        "folded", "folded", "pending",
    ]  # fmt: skip
    clock.now = datetime(2026, 11, 10, 9, tzinfo=UTC)
    assert (await job.run_once()).sent == 1
    assert "6 months" in outbox.texts()[0]


async def test_due_while_down_is_sent_on_return_but_not_at_night(
    store: Store, clock: Clock
) -> None:
    await add_child(store, ADDED)
    outbox = Outbox()
    job = delivery(store, clock, outbox)
    clock.now = datetime(2026, 9, 12, 20, 30, tzinfo=UTC)  # back two days late, 22:30 there
    assert (await job.run_once()).deferred == 1
    clock.now = datetime(2026, 9, 13, 6, tzinfo=UTC)  # 08:00 there
    assert (await job.run_once()).sent == 1


async def test_a_blocked_bot_stops_reminders_until_the_parent_writes(
    store: Store, clock: Clock
) -> None:
    await add_child(store, ADDED)
    outbox = Outbox(blocked={CHAT})
    job = delivery(store, clock, outbox)
    clock.now = DUE_4M
    assert (await job.run_once()).blocked == 1
    async with store.unit_of_work() as uow:
        member = await uow.members.of_chat(CHAT)
        assert member is not None
        assert not member.is_active
    clock.now += timedelta(hours=2)
    assert (await job.run_once()).sent == 0  # looked at, still blocked: later again
    outbox.blocked.clear()
    await DialogEngine(store, KB, clock).handle(CHAT, TextIn("hello again"))
    clock.now += timedelta(hours=1)
    assert (await job.run_once()).sent == 1


async def test_remind_me_tomorrow(store: Store, clock: Clock) -> None:
    await add_child(store, ADDED)
    outbox = Outbox()
    job = delivery(store, clock, outbox)
    engine = DialogEngine(store, KB, clock)
    clock.now = DUE_4M
    await job.run_once()
    snooze = outbox.sent[0][1].all_buttons[1].payload
    outcome = await engine.handle(CHAT, ButtonIn(snooze))
    assert "tomorrow" in outcome.replies[0].plain  # type: ignore[union-attr]
    clock.now = DUE_4M + timedelta(hours=23)
    assert (await job.run_once()).sent == 0
    clock.now = DUE_4M + timedelta(days=1)
    assert (await job.run_once()).sent == 1
    assert "check-in time" in outbox.texts()[1]
    forged = await engine.handle(CHAT + 1, ButtonIn(snooze))  # another family's button
    assert "no longer open" in forged.replies[0].plain  # type: ignore[union-attr]


# --- crash safety ---------------------------------------------------------------------------


async def test_a_claim_never_committed_is_sent_once_after_restart(
    store: Store, clock: Clock
) -> None:
    await add_child(store, ADDED)
    clock.now = DUE_4M
    async with store.unit_of_work() as uow:  # the process dies inside the claim transaction
        due = await uow.reminders.due(clock.now, 10)
        await uow.reminders.claim([r.id for r in due], "dead/1", clock.now, clock.now + LEASE)
    outbox = Outbox()
    assert (await delivery(store, clock, outbox, "restarted").run_once()).sent == 1
    assert (await delivery(store, clock, outbox, "restarted").run_once()).sent == 0
    assert len(outbox.sent) == 1


async def test_a_crash_between_claim_and_send_sends_once_after_the_lease(
    store: Store, clock: Clock
) -> None:
    await add_child(store, ADDED)
    clock.now = DUE_4M
    dead_outbox, outbox = Outbox(), Outbox()
    crashed = delivery(store, clock, dead_outbox, "crashed")
    claims, _ = await crashed.claim(DeliveryStats())  # committed; the process dies before sending
    assert len(claims) == 1

    other = delivery(store, clock, outbox, "other")
    clock.now = DUE_4M + LEASE - timedelta(seconds=1)
    assert (await other.run_once()).sent == 0  # the claim may still be sending: hands off
    clock.now = DUE_4M + LEASE
    assert (await other.run_once()).sent == 1
    clock.now += timedelta(minutes=30)
    assert (await other.run_once()).sent == 0

    stats = DeliveryStats()  # the crashed process, were it only frozen, must not send late
    await crashed.deliver(claims[0], stats)
    assert (stats.lost, dead_outbox.sent, len(outbox.sent)) == (1, [], 1)
    assert (await rows(store))[4].status == "sent"


# --- two instances --------------------------------------------------------------------------


@pytest.mark.postgres
async def test_a_conversation_started_on_one_instance_continues_on_the_other(
    pg_url: str, cipher: Cipher, clock: Clock
) -> None:
    stores = [Store(pg_url, cipher, FamilyDefaults("Europe/Berlin", 10)) for _ in range(2)]
    await stores[0].upgrade()
    one, other = (DialogEngine(store, KB, clock) for store in stores)
    try:
        await one.handle(CHAT, CommandIn("reminders"))
        asked = await other.handle(CHAT, ButtonIn("rem:hour"))
        assert "At what hour" in asked.replies[0].plain  # type: ignore[union-attr]
        done = await one.handle(CHAT, TextIn("9"))
        assert "09:00" in done.replies[0].plain  # type: ignore[union-attr]
        async with stores[1].unit_of_work() as uow:
            family = await uow.families.get(CHAT)
            assert family is not None
            assert family.reminder_hour == 9
    finally:
        for store in stores:
            await store.close()
