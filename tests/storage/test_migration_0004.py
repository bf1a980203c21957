"""Migration 0004 (``checkins`` becomes ``reminders``; status, kind and answer are checked) on
SQLite and PostgreSQL, over rows written at 0003. The tests go on to the head (0005 seals a
follow-up's items and the answers under the family's key), as a deployment would."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import JSON, Integer, String, TextClause, inspect, select, text
from sqlalchemy.exc import IntegrityError

from bot.domain.views import ReminderKind, ReminderStatus
from storage.crypto import Cipher
from storage.db import downgrade, upgrade
from storage.models import Reminder
from storage.repositories import FamilyDefaults
from storage.uow import Store, UnitOfWork
from tests.support.old_schema import insert_family_and_child

DUE = datetime(2027, 1, 10, 9, tzinfo=UTC)
SENT = DUE - timedelta(days=3)


@pytest.fixture
async def old_store(database_url: str, cipher: Cipher) -> AsyncIterator[Store]:
    """A store at revision 0003 holding a child's check-in reminder (id 41, pending) and a
    follow-up with items (id 42, sent): ids that buttons already sent may carry."""
    store = Store(database_url, cipher, FamilyDefaults("UTC", 10))
    await upgrade(store.engine, "0003")
    async with store.engine.begin() as connection:
        await insert_family_and_child(connection, cipher)
        await connection.execute(
            text(
                "INSERT INTO observations (child_id, milestone_id, answer, observed_on, "
                "age_months, checklist_age) VALUES (1, 'sits_unsupported', 'not_sure', :day, "
                "9, 9)"
            ),
            {"day": SENT.date()},
        )
        await connection.execute(
            text(
                "INSERT INTO checkins (id, child_id, checklist_age, kind, items, due_on, "
                "due_at, next_at, status) VALUES (41, 1, 12, 'checkin', '[]', :day, :due, "
                ":due, 'pending')"
            ),
            {"day": DUE.date(), "due": DUE},
        )
        await connection.execute(
            text(
                "INSERT INTO checkins (id, child_id, checklist_age, kind, items, due_on, "
                "due_at, next_at, status, sent_at) VALUES (42, 1, 9, 'look_again', "
                "'[\"sits_unsupported\"]', :day, :sent, :next, 'sent', :sent)"
            ),
            {"day": SENT.date(), "sent": SENT, "next": DUE - timedelta(hours=1)},
        )
    yield store
    await store.close()


async def tables(store: Store) -> set[str]:
    async with store.engine.connect() as connection:
        return await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))


async def test_reminder_rows_keep_their_ids_and_values_under_the_new_name(
    old_store: Store,
) -> None:
    await old_store.upgrade()
    assert "reminders" in await tables(old_store)
    assert "checkins" not in await tables(old_store)
    async with old_store.unit_of_work() as uow:
        family = await uow.families.lock_or_create(5)
        rows = await uow.reminders.of_children([1])
        found = [
            (r.id, r.checklist_age, r.kind, r.status, uow.reminders.items(family.id, r), r.sent_at)
            for r in rows
        ]
        assert found == [
            (42, 9, ReminderKind.LOOK_AGAIN, ReminderStatus.SENT, ["sits_unsupported"], SENT),
            (41, 12, ReminderKind.CHECKIN, ReminderStatus.PENDING, [], None),
        ]
        # The due-row query runs on the renamed table and index; a new row gets an id of its own.
        assert [r.id for r in await uow.reminders.due(DUE, 10)] == [42, 41]
        uow.reminders.add(
            Reminder(child_id=1, checklist_age=15, due_on=DUE.date(), due_at=DUE, status="pending")
        )
        await uow.commit()
    async with old_store.unit_of_work() as uow:
        ids = [r.id for r in await uow.reminders.of_children([1])]
        assert len(set(ids)) == 3  # the id sequence (renamed on PostgreSQL) still counts
        assert {41, 42} <= set(ids)


async def test_the_database_takes_exactly_the_bots_vocabulary(old_store: Store) -> None:
    """The CHECK constraints as the migration wrote them, value by value: every status and
    kind the bot has is stored, and anything else is refused. At 0004 the answer is checked
    by the database; from 0005 on it is sealed, and the repository checks it."""
    await upgrade(old_store.engine, "0004")
    async with old_store.engine.begin() as connection:
        await connection.execute(_observation("not_yet"))
    with pytest.raises(IntegrityError):
        async with old_store.engine.begin() as connection:
            await connection.execute(_observation("maybe"))
    await old_store.upgrade()
    for age, status in enumerate(ReminderStatus, start=20):
        await _write(old_store, Reminder(child_id=1, checklist_age=age, status=status))
    for kind in ReminderKind:
        await _write(old_store, Reminder(child_id=1, checklist_age=60, kind=kind))
    for wrong in (
        Reminder(child_id=1, checklist_age=72, status="snoozed"),
        Reminder(child_id=1, checklist_age=72, kind="checkup"),
    ):
        with pytest.raises(IntegrityError):
            await _write(old_store, wrong)
    async with old_store.unit_of_work() as uow:
        family = await uow.families.lock_or_create(5)
        await _add_answer(uow, family.id, "not_yet")
        with pytest.raises(ValueError, match="not an answer"):
            await _add_answer(uow, family.id, "maybe")
        await uow.commit()


async def _add_answer(uow: UnitOfWork, family_id: int, answer: str) -> None:
    await uow.observations.add(
        family_id,
        child_id=1,
        milestone_id="walks_independently",
        answer=answer,
        observed_on=DUE.date(),
        age_months=12,
        checklist_age=12,
    )


def _observation(answer: str) -> TextClause:
    """An answer as revision 0004 stores it, in clear."""
    return text(
        "INSERT INTO observations (child_id, milestone_id, answer, observed_on, age_months, "
        "checklist_age) VALUES (1, 'walks_independently', :answer, :day, 12, 12)"
    ).bindparams(answer=answer, day=DUE.date())


async def _write(store: Store, row: Reminder) -> None:
    row.due_on, row.due_at = DUE.date(), DUE
    async with store.unit_of_work() as uow:
        uow.session.add(row)
        await uow.commit()


async def test_downgrade_gives_the_rows_back_under_the_old_name(old_store: Store) -> None:
    await old_store.upgrade()
    await downgrade(old_store.engine, "0003", cipher=old_store.cipher)
    assert "reminders" not in await tables(old_store)
    async with old_store.engine.connect() as connection:
        query = text("SELECT id, kind, items FROM checkins ORDER BY id").columns(
            id=Integer, kind=String, items=JSON
        )
        rows = (await connection.execute(query)).all()
    assert [tuple(r) for r in rows] == [
        (41, "checkin", []),
        (42, "look_again", ["sits_unsupported"]),
    ]
    await old_store.upgrade()  # and up again, as a deployment rolled forward would
    async with old_store.unit_of_work() as uow:
        found = await uow.session.execute(select(Reminder.id).order_by(Reminder.id))
        assert found.scalars().all() == [41, 42]
