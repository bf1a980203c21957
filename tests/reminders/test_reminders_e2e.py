"""Check-in reminders end to end: the JobQueue job in the real bot, and two instances at once.

The bot's job is run on demand (``Job.run``) instead of waiting a minute for its tick; the
two-instance test runs two delivery workers, each with its own connection pool and its own
python-telegram-bot ``Bot``, against one PostgreSQL database and the Bot API stand-in.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert, select
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.reminders.delivery import ReminderDelivery
from bot.telegram.application import REMINDER_JOB
from bot.telegram.sender import ChatPacer, Sender
from storage.crypto import BIRTH, NICKNAME, Cipher, DataKey
from storage.models import Child, Family, FamilyKey, Member, Reminder
from storage.repositories import Birth, FamilyDefaults
from storage.uow import Store
from tests.support.fake_telegram import DEFAULT_TOKEN, Call, FakeTelegram
from tests.support.harness import Parent, RunningBot, family_active

pytestmark = pytest.mark.e2e


def daytime_zone(now: datetime) -> str:
    """A fixed-offset zone where it is about noon right now, so no quiet hours interfere."""
    offset = 12 - now.hour
    return "UTC" if offset == 0 else f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"


async def make_one_due(run: RunningBot, chat_id: int) -> int:
    """Move the family to a daytime zone and its next check-in to a minute ago; its id."""
    now = datetime.now(UTC)
    async with run.engine.store.unit_of_work() as uow:
        family = await uow.families.get(chat_id)
        assert family is not None
        family.timezone = daytime_zone(now)
        [child] = await uow.children.of_family(family.id)
        row = next(r for r in await uow.reminders.of_children([child.id]) if r.next_at)
        row.due_at = row.next_at = now - timedelta(minutes=1)
        await uow.commit()
        return row.id


async def tick(run: RunningBot) -> None:
    app = run.bot.application
    assert app.job_queue is not None
    [job] = app.job_queue.get_jobs_by_name(REMINDER_JOB)
    await job.run(app)


async def test_the_job_sends_a_due_reminder_whose_buttons_work(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram
) -> None:
    await parent.onboard()

    async def reminder() -> tuple[dict, list[str]]:
        since = len(tg.calls)
        await tick(sprout)
        [call] = await tg.wait_for(
            lambda c: c.method == "sendMessage" and c.params.get("chat_id") == parent.chat_id,
            since=since,
        )
        markup = call.result["reply_markup"]["inline_keyboard"]
        return call.result, [button["callback_data"] for row in markup for button in row]

    reminder_id = await make_one_due(sprout, parent.chat_id)
    message, (start, snooze) = await reminder()
    assert "check-in time" in message["text"]
    assert snooze == f"/snooze {reminder_id}"
    (snoozed,) = await parent.presses(message["message_id"], snooze)
    assert "tomorrow" in snoozed

    await make_one_due(sprout, parent.chat_id)  # tomorrow has come
    message, (start, _) = await reminder()
    replies = await parent.presses(message["message_id"], start, replies=2)
    assert "1 of" in replies[-1]  # the check-in's first question


async def test_a_blocked_parent_stops_reminders_and_writing_again_restores_them(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram
) -> None:
    await parent.onboard()
    await make_one_due(sprout, parent.chat_id)
    tg.block(parent.chat_id)
    since = len(tg.calls)
    await tick(sprout)
    await tg.wait_for(lambda c: c.method == "sendMessage" and c.status == 403, since=since)
    assert await family_active(sprout.engine, parent.chat_id) is False
    tg.block(parent.chat_id, blocked=False)
    await parent.says("/help")
    assert await family_active(sprout.engine, parent.chat_id) is True


# --- two instances, one database --------------------------------------------------------------

REMINDERS = 2000


async def populate(store: Store, cipher: Cipher, tg: FakeTelegram, now: datetime) -> None:
    """REMINDERS families with one child each and one reminder due now (noon in UTC)."""
    async with store.unit_of_work() as uow:
        families = [
            {"chat_id": 500_000 + i, "timezone": "UTC", "reminder_hour": 10, "is_active": True}
            for i in range(REMINDERS)
        ]
        await uow.session.execute(insert(Family), families)
        rows = (await uow.session.execute(select(Family.id, Family.chat_id))).all()
        ids = sorted(i for i, _ in rows)
        await uow.session.execute(
            insert(Member),
            [{"family_id": i, "chat_id": chat, "role": "admin"} for i, chat in rows],
        )
        key = DataKey.generate()  # one key for all, wrapped once: enough for this test
        wrapped = cipher.wrap(key)
        await uow.session.execute(
            insert(FamilyKey), [{"family_id": i, "key_enc": wrapped} for i in ids]
        )
        nickname = key.encrypt(b"Kid", NICKNAME)
        birth = key.seal(Birth(date(2026, 1, 21)).to_json(), BIRTH)
        await uow.session.execute(
            insert(Child),
            [{"family_id": i, "nickname_enc": nickname, "birth_enc": birth} for i in ids],
        )
        children = (await uow.session.execute(select(Child.id))).scalars().all()
        await uow.session.execute(
            insert(Reminder),
            [
                {
                    "child_id": c,
                    "checklist_age": 12,
                    "due_on": now.date(),
                    "due_at": now,
                    "next_at": now,
                    "status": "pending",
                }
                for c in children
            ],
        )
        await uow.commit()
    for i in range(REMINDERS):
        tg.add_chat(500_000 + i)


@pytest.mark.postgres
async def test_two_instances_deliver_each_of_2000_reminders_exactly_once(
    pg_url: str, cipher: Cipher, tg: FakeTelegram
) -> None:
    now = datetime(2026, 11, 21, 12, tzinfo=UTC)
    stores = [Store(pg_url, cipher, FamilyDefaults("UTC", 10)) for _ in range(2)]
    await stores[0].upgrade()
    await populate(stores[0], cipher, tg, now)
    bots = [
        Bot(DEFAULT_TOKEN, base_url=tg.base_url, request=HTTPXRequest(connection_pool_size=32))
        for _ in stores
    ]
    try:
        for bot in bots:
            await bot.initialize()
        workers = [
            ReminderDelivery(
                store,
                Sender(bot, ChatPacer(0.0)),
                clock=lambda: now,
                rate=1e6,
                batch=50,
                worker=f"instance-{n}",
                # No time budget: on a loaded machine a tick can outlast the 50 s one, and
                # this test is about exactly once, not about speed.
                budget=float("inf"),
            )
            for n, (store, bot) in enumerate(zip(stores, bots, strict=True))
        ]
        reports = await asyncio.gather(*(w.run_once() for w in workers))
    finally:
        for bot in bots:
            await bot.shutdown()
        for store in stores:
            await store.close()

    sent = Counter(c.params["chat_id"] for c in tg.calls if c.method == "sendMessage" and c.ok)
    assert len(sent) == REMINDERS
    assert set(sent.values()) == {1}
    assert sum(r.sent for r in reports) == REMINDERS
    assert sum(r.lost for r in reports) == 0
    check = Store(pg_url, cipher, FamilyDefaults("UTC", 10))
    async with check.unit_of_work() as uow:
        statuses = (await uow.session.execute(select(Reminder.status))).scalars().all()
        assert Counter(statuses) == {"sent": REMINDERS}
    await check.close()


# --- issue 11: follow-ups a check-in result promised ------------------------------------------


async def add_follow_up(run: RunningBot, chat_id: int, kind: str, items: list[str]) -> int:
    """A follow-up row for the family's child, due a minute ago in a daytime zone; its id."""
    now = datetime.now(UTC)
    async with run.engine.store.unit_of_work() as uow:
        family = await uow.families.get(chat_id)
        assert family is not None
        family.timezone = daytime_zone(now)
        [child] = await uow.children.of_family(family.id)
        row = Reminder(
            child_id=child.id,
            checklist_age=30,
            kind=kind,
            due_on=now.date(),
            due_at=now - timedelta(minutes=1),
            next_at=now - timedelta(minutes=1),
            status="pending",
        )
        uow.reminders.set_items(family.id, row, items)
        uow.reminders.add(row)
        await uow.commit()
        return row.id


async def test_a_follow_up_goes_out_once_and_its_button_asks_just_its_item(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram
) -> None:
    await parent.onboard()
    row_id = await add_follow_up(sprout, parent.chat_id, "look_again", ["two_foot_jump"])

    def to_parent(call: Call) -> bool:
        return call.method == "sendMessage" and call.params.get("chat_id") == parent.chat_id

    since = len(tg.calls)
    await tick(sprout)
    [call] = await tg.wait_for(to_parent, since=since)
    message = call.result
    markup = message["reply_markup"]["inline_keyboard"]
    look, later = [button["callback_data"] for row in markup for button in row]
    assert "not sure about this for Mila: “Jumps with both feet”" in message["text"]
    assert (look, later) == (f"/recheck {row_id}", f"/snooze {row_id}")

    since = len(tg.calls)
    await tick(sprout)  # delivered exactly once: nothing more goes out
    assert not [c for c in tg.calls[since:] if to_parent(c)]

    replies = await parent.presses(message["message_id"], look, replies=2)
    assert "a quick look again at one skill" in replies[0]
    assert "1 of 2" in replies[-1]
    keyboard = parent.last_message()["reply_markup"]["inline_keyboard"]
    assert keyboard[0][0]["callback_data"] == "ci:two_foot_jump:y"


async def test_the_doctor_follow_up_offers_the_summary(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram
) -> None:
    await parent.onboard()
    await add_follow_up(sprout, parent.chat_id, "doctor", [])
    since = len(tg.calls)
    await tick(sprout)
    [call] = await tg.wait_for(
        lambda c: c.method == "sendMessage" and c.params.get("chat_id") == parent.chat_id,
        since=since,
    )
    assert "Were you able to talk to someone?" in call.result["text"]
    summary = call.result["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert summary == "/summary"
    replies = await parent.presses(call.result["message_id"], summary)
    assert "Which period" in replies[0]
