"""One bad row never blocks the reminder job (issue 16, failure 7): a row that cannot be
decrypted (an old key dropped too early, corruption) or sent is set aside, counted, logged
once without personal data and retried later, while every healthy family is reminded."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from bot.domain.replies import Reply, Text
from bot.reminders import plans as reminder_plans
from bot.reminders.delivery import ReminderDelivery
from storage.crypto import Cipher, DataKey, new_key
from storage.models import Child, Family, FamilyKey
from storage.uow import Store

BORN = date(2026, 5, 10)
ADDED = datetime(2026, 6, 1, 12, tzinfo=UTC)
DUE_4M = datetime(2026, 9, 10, 8, tzinfo=UTC)  # 10:00 in Berlin, the store's default zone
FAMILIES = range(100, 110)
BAD, OLD_KEY = 104, 107


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Outbox:
    sent: list[int] = field(default_factory=list)
    broken: set[int] = field(default_factory=set)

    async def send(self, chat_id: int, replies: list[Reply]) -> Sequence[object]:
        if chat_id in self.broken:
            raise ValueError("a bug while sending to this chat only")
        assert all(isinstance(r, Text) for r in replies)
        self.sent.append(chat_id)
        return []


async def families(store: Store) -> dict[int, int]:
    """Ten families, each with one child due for the 4-month check-in; chat -> child id."""
    children = {}
    for chat in FAMILIES:
        async with store.unit_of_work() as uow:
            family = await uow.families.lock_or_create(chat)
            child = await uow.children.add(
                family,
                nickname=f"Kid{chat}",
                birth_date=BORN,
                birth_date_estimated=False,
                gestational_weeks=None,
            )
            await reminder_plans.replan_child(uow, family, child, ADDED)
            await uow.commit()
            children[chat] = child.id
    return children


async def test_undecryptable_rows_are_set_aside_and_the_others_are_reminded(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    children = await families(store)
    async with store.engine.begin() as conn:  # corruption: the stored nickname is garbage
        await conn.execute(
            update(Child).where(Child.id == children[BAD]).values(nickname_enc=b"not a token")
        )
        # A family key wrapped under a master key no longer configured (dropped too early).
        family_id = select(Family.id).where(Family.chat_id == OLD_KEY).scalar_subquery()
        await conn.execute(
            update(FamilyKey)
            .where(FamilyKey.family_id == family_id)
            .values(key_enc=Cipher([new_key()]).wrap(DataKey.generate()))
        )
    healthy = [c for c in FAMILIES if c not in (BAD, OLD_KEY)]
    clock, outbox = Clock(DUE_4M), Outbox()
    job = ReminderDelivery(store, outbox, clock=clock, rate=1e6, worker="w")
    with caplog.at_level(logging.INFO):
        report = await job.run_once()
        assert sorted(outbox.sent) == healthy
        assert (report.sent, report.set_aside) == (8, 2)
        assert (await job.run_once()).seen == 0  # set aside: not looked at every minute

        clock.now += timedelta(hours=2)  # retried later, and set aside again
        again = await job.run_once()
        assert (again.seen, again.set_aside, again.sent) == (2, 2, 0)
    warnings = [r for r in caplog.records if "set aside" in r.getMessage()]
    assert len(warnings) == 2  # once per row, not every retry
    logged = " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "Kid" not in logged
    assert "Traceback" not in logged


async def test_a_row_that_fails_to_send_is_set_aside_and_the_others_are_reminded(
    store: Store,
) -> None:
    await families(store)
    clock, outbox = Clock(DUE_4M), Outbox(broken={BAD})
    job = ReminderDelivery(store, outbox, clock=clock, rate=1e6, worker="w")
    report = await job.run_once()
    assert sorted(outbox.sent) == [c for c in FAMILIES if c != BAD]
    assert (report.sent, report.set_aside) == (9, 1)
    outbox.broken.clear()
    clock.now += timedelta(hours=2)
    assert (await job.run_once()).sent == 1  # retried later, and sent
    assert sorted(outbox.sent) == list(FAMILIES)
