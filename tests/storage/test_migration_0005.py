"""Migration 0005 (a data key per family) on SQLite and PostgreSQL, over rows written at 0004:
everything is re-encrypted under new family keys, reads back the same, and the downgrade
restores revision 0004's columns, values and answer CHECK."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from storage.crypto import Cipher, EncryptionKeyError
from storage.db import downgrade, upgrade
from storage.repositories import Birth, FamilyDefaults
from storage.uow import Store
from tests.support.db_rows import snapshot

BORN = date(2026, 1, 10)
DUE = datetime(2027, 1, 10, 9, tzinfo=UTC)
PROMPT = [{"spans": [["When was Mila born?", False]], "buttons": []}]
SECRETS = ("Mila", "sits_unsupported", "not_yet", "sitting", "concern", "isn't sitting")


def _table(name: str, **columns: Any) -> sa.TableClause:
    return sa.table(name, *(sa.column(c, kind) for c, kind in columns.items()))


FAMILIES = _table("families", id=sa.Integer, chat_id=sa.BigInteger, timezone=sa.String,
                  reminder_hour=sa.Integer, is_active=sa.Boolean,
                  reminders_stopped=sa.Boolean)  # fmt: skip
CHILDREN = _table("children", id=sa.Integer, family_id=sa.Integer, nickname_enc=sa.LargeBinary,
                  birth_date=sa.Date, birth_date_estimated=sa.Boolean,
                  gestational_weeks=sa.Integer)  # fmt: skip
OBSERVATIONS = _table("observations", child_id=sa.Integer, milestone_id=sa.String,
                      answer=sa.String, observed_on=sa.Date, age_months=sa.Integer,
                      checklist_age=sa.Integer)  # fmt: skip
CONCERNS = _table("concerns", family_id=sa.Integer, child_id=sa.Integer,
                  text_enc=sa.LargeBinary, matched_id=sa.String, triage=sa.String,
                  created_on=sa.Date)  # fmt: skip
DIALOGS = _table("dialog_states", family_id=sa.Integer, flow=sa.String, step=sa.String,
                 data=sa.JSON, prompt=sa.JSON)  # fmt: skip
REMINDERS = _table("reminders", child_id=sa.Integer, checklist_age=sa.Integer, kind=sa.String,
                   items=sa.JSON, due_on=sa.Date, due_at=sa.DateTime(timezone=True),
                   next_at=sa.DateTime(timezone=True), status=sa.String)  # fmt: skip


def old_seal(cipher: Cipher, value: Any) -> dict[str, str]:
    """How revision 0003's code sealed a JSON value (under the master key)."""
    return {"sealed": cipher.encrypt(json.dumps(value)).decode()}


@pytest.fixture
async def old_store(database_url: str, cipher: Cipher) -> AsyncIterator[Store]:
    """A store at revision 0004: a family with a preterm child, an answer, two worries, a
    sealed conversation and a follow-up; a second family with only an old unsealed state."""
    store = Store(database_url, cipher, FamilyDefaults("UTC", 10))
    await upgrade(store.engine, "0004")
    async with store.engine.begin() as conn:
        await conn.execute(FAMILIES.insert(), [
            {"id": 1, "chat_id": 5, "timezone": "UTC", "reminder_hour": 10, "is_active": True,
             "reminders_stopped": False},
            {"id": 2, "chat_id": 6, "timezone": "UTC", "reminder_hour": 10, "is_active": True,
             "reminders_stopped": False},
        ])  # fmt: skip
        await conn.execute(CHILDREN.insert().values(
            id=1, family_id=1, nickname_enc=cipher.encrypt("Mila"), birth_date=BORN,
            birth_date_estimated=True, gestational_weeks=33,
        ))  # fmt: skip
        await conn.execute(OBSERVATIONS.insert().values(
            child_id=1, milestone_id="sits_unsupported", answer="not_yet",
            observed_on=date(2026, 10, 1), age_months=8, checklist_age=9,
        ))  # fmt: skip
        await conn.execute(CONCERNS.insert(), [
            {"family_id": 1, "child_id": 1, "text_enc": cipher.encrypt("she isn't sitting"),
             "matched_id": "sitting", "triage": "concern", "created_on": date(2026, 10, 2)},
            {"family_id": 1, "child_id": None, "text_enc": cipher.encrypt("hello"),
             "matched_id": None, "triage": "out_of_scope", "created_on": date(2026, 9, 1)},
        ])  # fmt: skip
        await conn.execute(DIALOGS.insert(), [
            {"family_id": 1, "flow": "onboarding", "step": "birth",
             "data": old_seal(cipher, {"name": "Mila"}), "prompt": [old_seal(cipher, PROMPT)]},
            {"family_id": 2, "flow": "reminders", "step": "hour", "data": {"n": 1},
             "prompt": []},  # written before the state was sealed
        ])  # fmt: skip
        await conn.execute(REMINDERS.insert(), [
            {"child_id": 1, "checklist_age": 12, "kind": "checkin", "items": [], "due_on":
             DUE.date(), "due_at": DUE, "next_at": DUE, "status": "pending"},
            {"child_id": 1, "checklist_age": 9, "kind": "look_again",
             "items": ["sits_unsupported"], "due_on": DUE.date(), "due_at": DUE,
             "next_at": DUE, "status": "pending"},
        ])  # fmt: skip
    yield store
    await store.close()


async def test_every_value_moves_under_its_family_key_and_reads_back(old_store: Store) -> None:
    await old_store.upgrade()
    async with old_store.unit_of_work() as uow:
        family = await uow.families.get(5)
        assert family is not None
        [child] = await uow.children.of_family(family.id)
        assert uow.children.nickname(child) == "Mila"
        assert uow.children.birth(child) == Birth(BORN, True, 33)
        [answer] = await uow.observations.of_children(family.id, [child.id])
        assert (answer.milestone_id, answer.answer, answer.age_months, answer.checklist_age) == (
            "sits_unsupported", "not_yet", 8, 9,
        )  # fmt: skip
        notes = await uow.concerns.of_family(family.id)
        assert [(n.child_id, n.text, n.matched_id, n.triage) for n in notes] == [
            (child.id, "she isn't sitting", "sitting", "concern"),
            (None, "hello", None, "out_of_scope"),
        ]
        state = await uow.dialogs.get(family.id)
        assert state is not None
        assert uow.dialogs.contents(state) == ({"name": "Mila"}, PROMPT)
        rows = await uow.reminders.of_children([child.id])
        assert sorted(tuple(uow.reminders.items(family.id, r)) for r in rows) == [
            (), ("sits_unsupported",),
        ]  # fmt: skip
        other = await uow.families.get(6)
        assert other is not None
        state = await uow.dialogs.get(other.id)
        assert state is not None
        assert uow.dialogs.contents(state) == ({"n": 1}, [])

    _, tables = await snapshot(old_store.engine)
    assert len(tables["family_keys"]) == 2
    for name, found in tables.items():
        for row in found:
            dumped = repr(row)
            assert not any(secret in dumped for secret in SECRETS), (name, dumped)
            assert BORN not in row.values(), name


async def test_the_downgrade_restores_revision_0004(old_store: Store) -> None:
    cipher = old_store.cipher
    await old_store.upgrade()
    await downgrade(old_store.engine, "0004", cipher=cipher)
    async with old_store.engine.connect() as conn:
        [child] = (await conn.execute(sa.select(CHILDREN))).all()
        assert cipher.decrypt(child.nickname_enc) == "Mila"
        assert (child.birth_date, child.birth_date_estimated, child.gestational_weeks) == (
            BORN, True, 33,
        )  # fmt: skip
        [answer] = (await conn.execute(sa.select(OBSERVATIONS))).all()
        found = (answer.milestone_id, answer.answer, answer.age_months, answer.checklist_age)
        assert found == ("sits_unsupported", "not_yet", 8, 9)
        notes = (await conn.execute(sa.select(CONCERNS).order_by(CONCERNS.c.created_on))).all()
        assert [(cipher.decrypt(n.text_enc), n.matched_id, n.triage) for n in notes] == [
            ("hello", None, "out_of_scope"), ("she isn't sitting", "sitting", "concern"),
        ]  # fmt: skip
        states = (await conn.execute(sa.select(DIALOGS).order_by(DIALOGS.c.family_id))).all()
        opened = [json.loads(cipher.decrypt(s.data["sealed"].encode())) for s in states]
        assert opened == [{"name": "Mila"}, {"n": 1}]
        prompt = states[0].prompt
        assert json.loads(cipher.decrypt(prompt[0]["sealed"].encode())) == PROMPT
        items = (await conn.execute(sa.select(REMINDERS.c["items"]))).scalars().all()
        assert sorted(map(tuple, items)) == [(), ("sits_unsupported",)]
        tables = await conn.run_sync(lambda sync: set(sa.inspect(sync).get_table_names()))
        assert not {"family_keys", "key_check"} & tables
    # 0004's CHECK on the answer is back with the clear column.
    with pytest.raises(IntegrityError):
        async with old_store.engine.begin() as conn:
            await conn.execute(OBSERVATIONS.insert().values(
                child_id=1, milestone_id="sits_unsupported", answer="maybe",
                observed_on=date(2026, 10, 1), age_months=8, checklist_age=9,
            ))  # fmt: skip


async def test_existing_families_cannot_be_migrated_without_the_master_keys(
    old_store: Store,
) -> None:
    with pytest.raises(EncryptionKeyError):
        await upgrade(old_store.engine)
    async with old_store.engine.connect() as conn:  # nothing was half done
        tables = await conn.run_sync(lambda sync: set(sa.inspect(sync).get_table_names()))
        version = (await conn.execute(sa.text("SELECT version_num FROM alembic_version"))).scalar()
    assert "family_keys" not in tables
    assert version == "0004"
