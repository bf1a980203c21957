"""Migration 0007 (members, invites, a conversation per member) on SQLite and PostgreSQL,
over rows written before it: every family becomes a family of one with its chat as admin,
its child and its conversation where they were, and new members get fresh ids."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select, text

from storage.crypto import Cipher
from storage.db import downgrade, upgrade
from storage.models import Member
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.support.old_schema import insert_family_and_child

#: A conversation as revision 0003 stored it: the question on screen, sealed under the
#: master key (0005 re-seals it under the family's key).
QUESTION = {"spans": [["When was Mila born?", False]], "buttons": []}


@pytest.fixture
async def old_store(database_url: str, cipher: Cipher) -> AsyncIterator[Store]:
    """A store at 0006 holding family 1 (chat 5, Mila, a conversation under way) and family
    2 (chat 6, nothing else), written at 0003 as a deployment holds them."""
    store = Store(database_url, cipher, FamilyDefaults("UTC", 10))
    await upgrade(store.engine, "0003")
    async with store.engine.begin() as connection:
        await insert_family_and_child(connection, cipher)
        await connection.execute(
            text(
                "INSERT INTO families (id, chat_id, timezone, reminder_hour, is_active, "
                "reminders_stopped) VALUES (2, 6, 'UTC', 10, true, false)"
            )
        )
        sealed = {"sealed": cipher.encrypt(json.dumps([QUESTION])).decode()}
        await connection.execute(
            text(
                "INSERT INTO dialog_states (family_id, flow, step, data, prompt, updated_at) "
                "VALUES (1, 'onboarding', 'birth_date', :data, :prompt, CURRENT_TIMESTAMP)"
            ),
            {
                "data": json.dumps({"sealed": cipher.encrypt(json.dumps({})).decode()}),
                "prompt": json.dumps([sealed]),
            },
        )
        if connection.dialect.name == "postgresql":  # ids were written, not drawn
            await connection.execute(
                text("SELECT setval(pg_get_serial_sequence('families', 'id'), 2)")
            )
    await upgrade(store.engine, "0006", cipher=cipher)
    yield store
    await store.close()


async def test_each_family_becomes_a_family_of_one_with_its_chat_as_admin(
    old_store: Store,
) -> None:
    await old_store.upgrade()
    async with old_store.unit_of_work() as uow:
        members = (await uow.session.scalars(select(Member).order_by(Member.id))).all()
        assert [(m.family_id, m.chat_id, m.role, m.name_enc, m.reminders_on) for m in members] == [
            (1, 5, "admin", None, True),
            (2, 6, "admin", None, True),
        ]
        family, member = await uow.families.lock_member(5)
        [child] = await uow.children.of_family(family.id)
        assert uow.children.nickname(child) == "Mila"
        saved = await uow.dialogs.get(member.id)
        assert saved is not None
        assert (saved.flow, saved.step) == ("onboarding", "birth_date")
        assert uow.dialogs.contents(saved)[1] == [QUESTION]
        _, newcomer = await uow.families.lock_member(7)  # ids after the migrated ones
        assert newcomer.id == 3
        assert newcomer.role == "admin"
        assert newcomer.family_id == 3
        await uow.commit()


async def test_the_downgrade_keeps_each_familys_conversation(old_store: Store) -> None:
    await old_store.upgrade()
    await downgrade(old_store.engine, "0006", cipher=old_store.cipher)
    async with old_store.engine.connect() as connection:
        rows = (await connection.execute(text("SELECT family_id, step FROM dialog_states"))).all()
    assert [tuple(r) for r in rows] == [(1, "birth_date")]
    await old_store.upgrade()
    async with old_store.unit_of_work() as uow:
        _, member = await uow.families.lock_member(5)
        assert await uow.dialogs.get(member.id) is not None
