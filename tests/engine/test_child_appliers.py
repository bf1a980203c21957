"""``/child`` through the dialog engine on SQLite and PostgreSQL, checked in the database.

Rename, correct the birth date, remove (after its confirmation) and switch each end in an
effect the engine applies in the step's transaction; these tests read what was stored. A
corrected birth date moves the child's check-in reminders to the days of the new date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from bot.domain import schedule
from bot.domain.age import date_reaching
from bot.engine.dialog import DialogEngine, Outcome, parse_text
from bot.flows.base import ButtonIn
from knowledge.models import CHECKLIST_AGES
from storage.models import Reminder
from storage.uow import Store
from tests.support.context import KB
from tests.support.db_rows import snapshot
from tests.support.outcomes import plain

CHAT = 10
#: The store's families live in Europe/Berlin with reminders at 10:00 (CET in winter: 09:00 UTC).
HOUR, ZONE = 10, "Europe/Berlin"


@dataclass(frozen=True)
class StoredChild:
    id: int
    nickname: str
    birth_date: date
    estimated: bool
    weeks: int | None


class Parent:
    def __init__(self, store: Store, now: datetime) -> None:
        self.store = store
        self.engine = DialogEngine(store, KB, lambda: now)

    async def send(self, line: str) -> Outcome:
        return await self.engine.handle(CHAT, parse_text(line))

    async def say(self, line: str) -> str:
        return plain(await self.send(line))

    async def press(self, payload: str) -> str:
        outcome = await self.engine.handle(CHAT, ButtonIn(payload))
        assert outcome.accepted, payload
        return plain(outcome)

    async def add_first(self, nickname: str, born: str) -> None:
        for line in ("/start", nickname, born, "no"):
            await self.say(line)

    async def add_another(self, nickname: str, born: str) -> None:
        await self.say("/child")
        await self.press("ch:add")
        for line in (nickname, born, "no"):
            await self.say(line)


async def children(store: Store) -> list[StoredChild]:
    """The family's children as stored, nicknames decrypted."""
    async with store.unit_of_work() as uow:
        family = await uow.families.get(CHAT)
        assert family is not None
        return [
            StoredChild(
                c.id,
                uow.children.nickname(c),
                (birth := uow.children.birth(c)).date,
                birth.estimated,
                birth.weeks,
            )
            for c in await uow.children.of_family(family.id)
        ]


async def active_child_id(store: Store) -> int | None:
    async with store.unit_of_work() as uow:
        family = await uow.families.get(CHAT)
        assert family is not None
        return family.active_child_id


async def reminder_rows(store: Store, child_id: int) -> dict[int, Reminder]:
    """The child's check-in reminder rows (not follow-ups) by checklist age."""
    async with store.unit_of_work() as uow:
        result = await uow.session.execute(
            select(Reminder).where(Reminder.child_id == child_id, Reminder.kind == "checkin")
        )
        found = {row.checklist_age: row for row in result.scalars()}
        uow.session.expunge_all()
        return found


async def rows_of(store: Store) -> dict[str, dict[int, list[dict]]]:
    """Every row that points at a child, by table and child id (read from the live schema,
    so a table added later is covered too); the family's own row is left out."""
    metadata, rows = await snapshot(store.engine)
    found: dict[str, dict[int, list[dict]]] = {}
    for name, table in metadata.tables.items():
        for fk in table.foreign_keys:
            if fk.column.table.name != "children" or name == "families":
                continue
            for row in rows[name]:
                if (child_id := row[fk.parent.name]) is not None:
                    found.setdefault(name, {}).setdefault(child_id, []).append(row)
    return found


def at_ten_berlin(day: date) -> datetime:
    """10:00 in Berlin on ``day`` (all dates used here fall in winter time, UTC+1)."""
    return datetime(day.year, day.month, day.day, HOUR - 1, tzinfo=UTC)


async def test_rename_stores_the_new_nickname_encrypted(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.add_first("Mila", "2026-02-10")
    [mila] = await children(store)
    await parent.say("/child")
    assert "What should I call Mila from now on?" in await parent.press(f"ch:rename:{mila.id}")
    assert "from now on I'll call your child Lina" in await parent.say("Lina")
    assert await children(store) == [StoredChild(mila.id, "Lina", mila.birth_date, False, None)]
    _, rows = await snapshot(store.engine)
    [stored] = rows["children"]
    assert b"Lina" not in stored["nickname_enc"]
    assert "Lina" in await parent.say("/child")


async def test_switch_makes_the_chosen_child_active(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.add_first("Mila", "2026-02-10")
    await parent.add_another("Leo", "2024-05-01")
    mila, leo = await children(store)
    assert await active_child_id(store) == leo.id  # an added child becomes the active one
    await parent.say("/child")
    assert "Mila is now the active child" in await parent.press(f"ch:switch:{mila.id}")
    assert await active_child_id(store) == mila.id
    menu = await parent.say("/child")
    assert "Mila (born 10 February 2026, 9 months) ← active" in menu
    assert await parent.press(f"ch:switch:{leo.id}")
    assert await active_child_id(store) == leo.id


async def test_remove_after_confirmation_erases_the_child_and_everything_about_it(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.add_first("Mila", "2026-02-10")
    await parent.say("I worry she still isn't crawling")
    await parent.add_another("Leo", "2026-02-11")
    mila, leo = await children(store)
    await parent.say("he can't roll over yet, should I worry")
    await parent.say("/checkin")
    await parent.say("yes")  # one answer, saved as it is given
    await parent.say("/cancel")
    before = await rows_of(store)
    for child in (mila, leo):  # each has an answer or a worry, and reminders
        assert before["reminders"][child.id]
        assert before["concerns"][child.id]
    assert before["observations"][leo.id]

    await parent.say("/child")
    asked = await parent.press(f"ch:remove:{leo.id}")
    assert "Remove Leo and every answer and note about them?" in asked
    assert "Okay, nothing was removed." in await parent.press("ch:remove_no")
    assert await rows_of(store) == before

    await parent.say("/child")
    await parent.press(f"ch:remove:{leo.id}")
    done = await parent.press(f"ch:remove_yes:{leo.id}")
    assert "Leo and everything about them has been removed." in done
    assert await children(store) == [mila]
    assert await active_child_id(store) == mila.id
    after = await rows_of(store)
    assert all(leo.id not in by_child for by_child in after.values())
    for table, by_child in before.items():  # Mila's rows are untouched
        assert after.get(table, {}).get(mila.id) == by_child.get(mila.id), table


async def test_removing_the_last_child_leaves_no_active_child(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.add_first("Mila", "2026-02-10")
    [mila] = await children(store)
    await parent.say("/child")
    await parent.press(f"ch:remove:{mila.id}")
    await parent.press(f"ch:remove_yes:{mila.id}")
    assert await children(store) == []
    assert await active_child_id(store) is None
    assert await rows_of(store) == {}
    assert "You have not added a child yet" in await parent.say("/child")


# --- a corrected birth date re-plans the reminders ----------------------------------------


def planned(born: date, weeks: int | None, today: date) -> dict[int, date]:
    """Every checklist age still ahead on ``today`` and the day it is reached."""
    return {age: day for age in CHECKLIST_AGES if (day := date_reaching(born, weeks, age)) > today}


async def correct_birth(parent: Parent, child_id: int, born: str, weeks: str | None) -> str:
    await parent.say("/child")
    await parent.press(f"ch:birth:{child_id}")
    await parent.say(born)
    if weeks is None:
        return await parent.press("ob:preterm:no")
    await parent.press("ob:preterm:yes")
    return await parent.say(weeks)


def assert_waiting_at(rows: dict[int, Reminder], days: dict[int, date]) -> None:
    """One waiting reminder per age in ``days``, due that day at the reminder hour."""
    assert sorted(rows) == sorted(days)
    for age, row in rows.items():
        due_at = schedule.at_local(days[age], HOUR, ZONE)
        assert (row.status, row.due_on, row.due_at, row.next_at) == (
            "pending",
            days[age],
            due_at,
            due_at,
        ), age


@pytest.mark.parametrize(
    ("born", "weeks", "first_two"),
    [
        # younger: the 6- and 9-month check-ins come back, everything later moves
        ("2026-06-15", None, {6: date(2026, 12, 15), 9: date(2027, 3, 15)}),
        # older: the 12-month check-in is already past and its reminder goes
        ("2025-11-01", None, {15: date(2027, 2, 1), 18: date(2027, 5, 1)}),
        # born at 32 weeks: the days follow the corrected age (due date 10 August 2026)
        ("2026-06-15", "32", {4: date(2026, 12, 10), 6: date(2027, 2, 10)}),
    ],
)
async def test_a_corrected_birth_date_re_plans_the_check_in_reminders(
    store: Store,
    clock: Callable[[], datetime],
    born: str,
    weeks: str | None,
    first_two: dict[int, date],
) -> None:
    parent = Parent(store, clock())
    await parent.add_first("Mila", "2026-02-10")
    [mila] = await children(store)
    today = clock().date()
    assert_waiting_at(await reminder_rows(store, mila.id), planned(mila.birth_date, None, today))

    said = await correct_birth(parent, mila.id, born, weeks)
    assert said.startswith("Updated. Mila was born on")
    new_birth, new_weeks = date.fromisoformat(born), int(weeks) if weeks else None
    assert await children(store) == [StoredChild(mila.id, "Mila", new_birth, False, new_weeks)]
    rows = await reminder_rows(store, mila.id)
    wanted = planned(new_birth, new_weeks, today)
    assert dict(list(wanted.items())[:2]) == first_two
    assert_waiting_at(rows, wanted)
    assert rows[min(first_two)].due_at == at_ten_berlin(first_two[min(first_two)])


@pytest.mark.parametrize("born", ["2026-06-15", "2025-11-01"])
async def test_a_birth_date_corrected_while_reminders_are_stopped_counts_when_they_resume(
    store: Store, clock: Callable[[], datetime], born: str
) -> None:
    parent = Parent(store, clock())
    await parent.add_first("Mila", "2026-02-10")
    [mila] = await children(store)
    await parent.say("/reminders")
    await parent.press("rem:stop")
    await parent.press("rem:stop:yes")

    await correct_birth(parent, mila.id, born, None)
    wanted = planned(date.fromisoformat(born), None, clock().date())
    stopped = await reminder_rows(store, mila.id)
    assert {age: (r.due_on, r.status, r.next_at) for age, r in stopped.items()} == {
        age: (day, "cancelled", None) for age, day in wanted.items()
    }  # moved, and still stopped
    await parent.say("/reminders")
    await parent.press("rem:resume")
    assert_waiting_at(await reminder_rows(store, mila.id), wanted)
