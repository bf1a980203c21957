"""A file's recipe in the outbox (issue 16): queued in the step's transaction in the file's
place, held by its maker, replaced by the made file only by the process that still holds it,
and erased with the chat's other rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from storage.models import OutboxMessage
from storage.uow import Store

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
HOLD = NOW + timedelta(seconds=30)
RECIPE = {"make": {"kind": "summary_pdf", "child": 1}}
FILE = {"document": ["JVBERg==", "sprout-summary.pdf", ""]}


async def _queue_step(store: Store, chat: int = 1) -> int:
    """A step that said "before", asked for a file and then said "after"; the recipe's id."""
    async with store.unit_of_work() as uow:
        uow.outbox.add(chat, [{"text": "before"}], NOW)
        [recipe] = await uow.outbox.add_making(chat, [RECIPE, {"text": "after"}], [0], NOW, HOLD)
        await uow.commit()
    return recipe


async def _heads(store: Store, at: datetime, until: datetime) -> list[Any]:
    """What a look at ``at`` leases until ``until`` (payloads), settling it as sent."""
    async with store.unit_of_work() as uow:
        due, _ = await uow.outbox.heads(at, 10)
        rows = await uow.outbox.claim(due, at, until)
        await uow.outbox.heads(at, 10, settling=[row.id for row in rows])
        await uow.commit()
    return [row.payload for row in rows]


async def test_a_held_recipe_holds_back_the_chats_later_rows_until_its_file_takes_its_place(
    store: Store,
) -> None:
    recipe = await _queue_step(store)
    assert await _heads(store, NOW, NOW + timedelta(seconds=30)) == [{"text": "before"}]
    assert await _heads(store, NOW, NOW + timedelta(seconds=30)) == []  # held: nothing passes
    async with store.unit_of_work() as uow:
        assert await uow.outbox.fill(recipe, FILE, HOLD)
        await uow.commit()
    assert await _heads(store, NOW, NOW + timedelta(seconds=30)) == [FILE]
    assert await _heads(store, NOW, NOW + timedelta(seconds=30)) == [{"text": "after"}]


async def test_a_maker_slower_than_its_hold_fills_nothing_once_another_took_the_recipe_over(
    store: Store,
) -> None:
    recipe = await _queue_step(store)
    await _heads(store, NOW, NOW + timedelta(seconds=30))  # "before" was sent
    later = HOLD + timedelta(seconds=1)
    async with store.unit_of_work() as uow:  # another instance's look, after the hold
        due, _ = await uow.outbox.heads(later, 10)
        [taken] = await uow.outbox.claim(due, later, later + timedelta(seconds=30))
        await uow.commit()
    assert (taken.id, taken.payload) == (recipe, RECIPE)
    async with store.unit_of_work() as uow:
        assert not await uow.outbox.fill(recipe, FILE, HOLD)  # the first maker, too late
        await uow.outbox.drop_held([recipe], HOLD)  # nor can it forget what is not its own
        assert await uow.outbox.fill(recipe, FILE, later + timedelta(seconds=30))
        await uow.commit()
    assert await _heads(store, later, later + timedelta(seconds=30)) == [FILE]


async def test_a_recipe_that_cannot_be_made_is_forgotten_and_the_chat_goes_on(
    store: Store,
) -> None:
    recipe = await _queue_step(store)
    async with store.unit_of_work() as uow:
        await uow.outbox.drop_held([recipe], HOLD)
        await uow.commit()
    assert await _heads(store, NOW, NOW + timedelta(seconds=30)) == [{"text": "before"}]
    assert await _heads(store, NOW, NOW + timedelta(seconds=30)) == [{"text": "after"}]


async def test_erasure_deletes_the_chats_recipes_with_its_other_rows(store: Store) -> None:
    async with store.unit_of_work() as uow:
        family, _member = await uow.families.lock_member(1)
        await uow.commit()
    await _queue_step(store, chat=1)
    await _queue_step(store, chat=2)
    async with store.unit_of_work() as uow:
        family, _member = await uow.families.lock_member(1)
        await uow.families.destroy_key(family)
        await uow.commit()
    async with store.unit_of_work() as uow:
        left = select(OutboxMessage.chat_id, func.count()).group_by(OutboxMessage.chat_id)
        assert (await uow.session.execute(left)).all() == [(2, 3)]
