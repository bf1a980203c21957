"""Migration 0009 (answers record who gave them) on SQLite and PostgreSQL, over rows written
before it: a shared family's earlier answers read back with no member (nobody can say
truthfully who gave them), new answers carry their member, a member leaving empties the link
but keeps the answer, and the downgrade keeps every answer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy import select, text

from storage.crypto import Cipher
from storage.db import downgrade, upgrade
from storage.models import Member, Observation
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.support.old_schema import insert_family_and_child

OBSERVATIONS = sa.table(
    "observations",
    *(
        sa.column(name, kind)
        for name, kind in {
            "child_id": sa.Integer,
            "milestone_id": sa.String,
            "answer": sa.String,
            "observed_on": sa.Date,
            "age_months": sa.Integer,
            "checklist_age": sa.Integer,
        }.items()
    ),
)


@pytest.fixture
async def old_store(database_url: str, cipher: Cipher) -> AsyncIterator[Store]:
    """A store at 0008: family 1 (chat 5, Mila) with an answer written at 0004, shared since
    0007 with a second member (chat 6)."""
    store = Store(database_url, cipher, FamilyDefaults("UTC", 10))
    await upgrade(store.engine, "0004")
    async with store.engine.begin() as connection:
        await insert_family_and_child(connection, cipher)
        await connection.execute(
            OBSERVATIONS.insert().values(
                child_id=1, milestone_id="sits_unsupported", answer="yes",
                observed_on=date(2026, 10, 1), age_months=8, checklist_age=6,
            )
        )  # fmt: skip
    await upgrade(store.engine, "0008", cipher=cipher)
    async with store.engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO members (family_id, chat_id, role, reminders_on, join_failures, "
                "is_active) VALUES (1, 6, 'caregiver', true, 0, true)"
            )
        )
    yield store
    await store.close()


async def test_earlier_answers_have_no_member_and_new_ones_name_theirs(old_store: Store) -> None:
    await old_store.upgrade()
    async with old_store.unit_of_work() as uow:
        family, dad = await uow.families.lock_member(6)
        [child] = await uow.children.of_family(family.id)
        [before] = await uow.observations.of_children(family.id, [child.id])
        assert (before.milestone_id, before.answer, before.member_id) == (
            "sits_unsupported", "yes", None,
        )  # fmt: skip
        await uow.observations.add(
            family.id, child_id=child.id, milestone_id="sits_unsupported", answer="not_yet",
            observed_on=date(2026, 10, 5), age_months=8, checklist_age=6, member_id=dad.id,
        )  # fmt: skip
        await uow.commit()
    async with old_store.unit_of_work() as uow:
        family, _ = await uow.families.lock_member(5)
        answers = await uow.observations.of_children(family.id, [child.id])
        assert [(a.answer, a.member_id) for a in answers] == [("yes", None), ("not_yet", dad.id)]
        dad_row = await uow.members.of_chat(6)
        assert dad_row is not None
        await uow.members.remove(dad_row)  # leaving: the answer stays, without its member
        await uow.commit()
    async with old_store.unit_of_work() as uow:
        rows = (await uow.session.execute(select(Observation.member_id))).scalars().all()
        assert sorted(rows, key=str) == [None, None]
        assert (await uow.session.scalars(select(Member.chat_id))).all() == [5]


async def test_the_downgrade_keeps_every_answer(old_store: Store) -> None:
    await old_store.upgrade()
    async with old_store.unit_of_work() as uow:
        family, dad = await uow.families.lock_member(6)
        [child] = await uow.children.of_family(family.id)
        await uow.observations.add(
            family.id, child_id=child.id, milestone_id="rolls_over", answer="yes",
            observed_on=date(2026, 10, 5), age_months=8, checklist_age=6, member_id=dad.id,
        )  # fmt: skip
        await uow.commit()
    await downgrade(old_store.engine, "0008", cipher=old_store.cipher)
    async with old_store.engine.connect() as connection:
        columns = [c["name"] for c in await connection.run_sync(
            lambda sync: sa.inspect(sync).get_columns("observations")
        )]  # fmt: skip
        count = await connection.scalar(text("SELECT count(*) FROM observations"))
    assert "member_id" not in columns
    assert count == 2
    await old_store.upgrade()
    async with old_store.unit_of_work() as uow:
        family, _ = await uow.families.lock_member(5)
        answers = await uow.observations.of_children(family.id, [child.id])
        assert [a.member_id for a in answers] == [None, None]
