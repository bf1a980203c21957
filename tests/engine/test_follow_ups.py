"""Issue 11 follow-ups on SQLite and PostgreSQL: a check-in result's promises become reminder
rows, delivered exactly once by the existing job, shown and skippable in /reminders, kept in
/export, and answered by their own re-check. Driven through the dialog engine."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.domain.replies import Document, Text
from bot.engine.dialog import DialogEngine, Outcome, parse_text
from bot.flows.base import ButtonIn
from bot.flows.checkin import flow as checkin
from bot.reminders.delivery import ReminderDelivery
from knowledge.escalation import default_rules
from storage.models import Reminder
from storage.uow import Store
from tests.reminders.test_reminders import Clock, Outbox
from tests.support.context import KB
from tests.support.outcomes import plain

RULES = default_rules()
CHAT = 77
#: At 10 months 11 days: "not yet" past a red flag, "not sure" past one, "not sure" before.
ANSWERS = {"hands_to_mouth": "n", "sits_unsupported": "u", "bangs_two_objects": "u"}


def buttons(outcome: Outcome) -> list[str]:
    return [b.payload for r in outcome.replies if isinstance(r, Text) for b in r.all_buttons]


async def follow_ups(store: Store) -> dict[str, Reminder]:
    async with store.unit_of_work() as uow:
        result = await uow.session.execute(select(Reminder).where(Reminder.kind != "checkin"))
        found = {row.kind: row for row in result.scalars()}
        uow.session.expunge_all()
        return found


async def follow_up_items(store: Store) -> dict[str, list[str]]:
    """The skills each follow-up asks about again (stored encrypted)."""
    async with store.unit_of_work() as uow:
        family = await uow.families.get(CHAT)
        assert family is not None
        result = await uow.session.execute(select(Reminder).where(Reminder.kind != "checkin"))
        return {row.kind: uow.reminders.items(family.id, row) for row in result.scalars()}


async def checked_in(store: Store, now: datetime) -> tuple[DialogEngine, Clock, str]:
    """A 10-month-old's first check-in with a red flag, two "not sure" and questions left."""
    clock = Clock(now)
    engine = DialogEngine(store, KB, clock)
    for line in ("/start", "Mila", "2026-01-10", "no"):
        await engine.handle(CHAT, parse_text(line))
    outcome = await engine.handle(CHAT, parse_text("/checkin"))
    while checkin.LOST_NO not in buttons(outcome):
        current = buttons(outcome)[0].split(":")[1]
        outcome = await engine.handle(CHAT, ButtonIn(f"ci:{current}:{ANSWERS.get(current, 'y')}"))
    outcome = await engine.handle(CHAT, ButtonIn(checkin.LOST_NO))
    return engine, clock, plain(outcome)


async def test_every_promise_is_a_row_delivered_exactly_once(
    store: Store, clock: Callable[[], datetime]
) -> None:
    _, time, result = await checked_in(store, clock())
    assert "talk to the doctor soon" in result
    assert "Please look for “Sits without support” this week" in result
    rows = await follow_ups(store)
    assert set(rows) == {"look_again", "practise", "doctor", "more"}
    items = await follow_up_items(store)
    assert items["look_again"] == ["sits_unsupported"]
    assert items["practise"] == ["bangs_two_objects"]
    today = time.now.date()
    assert rows["doctor"].due_on == today + timedelta(days=RULES.doctor_follow_up_days)
    assert rows["practise"].due_on == today + timedelta(days=RULES.practise_days)
    assert all(r.status == "pending" and r.next_at == r.due_at for r in rows.values())

    outbox = Outbox()
    job = ReminderDelivery(store, outbox, clock=time, rate=1e6, worker="w")
    time.now = rows["doctor"].due_at - timedelta(minutes=1)
    assert (await job.run_once()).sent == 0
    time.now = rows["doctor"].due_at
    assert (await job.run_once()).sent == 3  # look again, doctor, more questions: a week on
    assert (await job.run_once()).sent == 0
    texts = "\n".join(outbox.texts())
    assert "Were you able to talk to someone?" in texts
    assert "/summary" in [b.payload for _, r in outbox.sent for b in r.all_buttons]
    assert "not sure about this for Mila: “Sits without support”" in texts
    time.now = rows["practise"].due_at
    assert (await job.run_once()).sent == 1
    time.now += timedelta(days=30)
    assert (await job.run_once()).sent == 0  # a follow-up has no follow-up of its own
    assert len(outbox.sent) == 4
    sent = await follow_ups(store)
    assert {r.status for r in sent.values()} == {"sent"}
    assert all(r.next_at is None and r.follow_up_sent_at is None for r in sent.values())


async def test_a_recheck_asks_its_item_and_answers_its_row(
    store: Store, clock: Callable[[], datetime]
) -> None:
    engine, time, _ = await checked_in(store, clock())
    row = (await follow_ups(store))["look_again"]
    time.now = row.due_at
    outcome = await engine.handle(CHAT, parse_text(f"/recheck {row.id}"))
    assert "a quick look again at one skill" in plain(outcome)
    assert "ci:sits_unsupported:y" in buttons(outcome)
    await engine.handle(CHAT, ButtonIn("ci:sits_unsupported:y"))
    done = await engine.handle(CHAT, ButtonIn(checkin.LOST_NO))
    assert "on track" in plain(done)
    assert (await follow_ups(store))["look_again"].status == "answered"
    again = await engine.handle(CHAT, parse_text(f"/recheck {row.id}"))
    assert "no longer open" in plain(again)


async def test_follow_ups_show_in_reminders_can_be_skipped_and_are_exported(
    store: Store, clock: Callable[[], datetime]
) -> None:
    engine, _, _ = await checked_in(store, clock())
    menu = await engine.handle(CHAT, parse_text("/reminders"))
    assert "Follow-ups I promised:" in plain(menu)
    assert "ask whether you could talk to the doctor" in plain(menu)
    rows = await follow_ups(store)
    skip = f"rem:skip:{rows['doctor'].id}"
    assert skip in buttons(menu)
    done = await engine.handle(CHAT, ButtonIn(skip))
    assert plain(done).startswith("Skipped.")
    assert (await follow_ups(store))["doctor"].status == "cancelled"

    outcome = await engine.handle(CHAT, parse_text("/export"))
    [document] = [r for r in outcome.replies if isinstance(r, Document)]
    exported = json.loads(document.data)["children"][0]["reminders"]
    kinds = {r["kind"]: r["items"] for r in exported}
    assert kinds["look_again"] == ["sits_unsupported"]
    assert {"checkin", "practise", "more"} <= set(kinds)
    assert "doctor" not in kinds  # skipped: no longer open


async def test_stopped_reminders_stop_follow_ups_too(
    store: Store, clock: Callable[[], datetime]
) -> None:
    engine, time, _ = await checked_in(store, clock())
    await engine.handle(CHAT, parse_text("/reminders"))
    await engine.handle(CHAT, ButtonIn("rem:stop"))
    await engine.handle(CHAT, ButtonIn("rem:stop:yes"))
    assert {r.status for r in (await follow_ups(store)).values()} == {"cancelled"}
    outbox = Outbox()
    time.now += timedelta(days=20)
    await ReminderDelivery(store, outbox, clock=time, rate=1e6, worker="w").run_once()
    assert outbox.sent == []
