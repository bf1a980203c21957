"""Storage on SQLite and PostgreSQL: migrations, cascades, encryption, update ids."""

from __future__ import annotations

from datetime import date

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from storage.models import Base
from storage.repositories import Birth
from storage.uow import Store
from tests.conftest import FIXED_NOW as NOW


async def test_migrations_create_every_model_table(store: Store) -> None:
    async with store.engine.connect() as conn:
        tables = await conn.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    assert set(Base.metadata.tables) <= tables


async def test_migrations_build_exactly_the_models(store: Store) -> None:
    """Tables, columns, keys and indexes (names included) as the models declare them, so a
    model changed without a migration, or a rename half done, fails here."""
    async with store.engine.connect() as conn:
        differences = await conn.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
        )
    assert differences == []


async def test_family_is_created_once_and_children_round_trip(store: Store) -> None:
    async with store.unit_of_work() as uow:
        family = await uow.families.lock_or_create(1001)
        child = await uow.children.add(
            family, nickname="Мила 🌱", birth_date=date(2024, 3, 15),
            birth_date_estimated=True, gestational_weeks=33,
        )  # fmt: skip
        family.active_child_id = child.id
        await uow.commit()
    async with store.unit_of_work() as uow:
        again = await uow.families.lock_or_create(1001)
        kids = await uow.children.of_family(again.id)
        assert again.id == family.id
        assert again.timezone == "Europe/Berlin"
        assert [uow.children.nickname(k) for k in kids] == ["Мила 🌱"]
        assert uow.children.birth(kids[0]) == Birth(date(2024, 3, 15), True, 33)


async def test_nickname_and_concern_are_not_stored_in_clear(store: Store) -> None:
    async with store.unit_of_work() as uow:
        family = await uow.families.lock_or_create(7)
        await uow.children.add(
            family, nickname="Zebulon", birth_date=date(2025, 1, 1),
            birth_date_estimated=False, gestational_weeks=None,
        )  # fmt: skip
        await uow.concerns.add(
            family_id=family.id,
            child_id=None,
            text="holds crayon in a fist",
            matched_id="pencil_grip",
            triage="concern",
            created_on=date(2026, 1, 1),
        )
        await uow.commit()
    async with store.engine.connect() as conn:
        rows = (await conn.execute(text("SELECT nickname_enc FROM children"))).all()
        notes = (await conn.execute(text("SELECT note_enc FROM concerns"))).all()
    assert b"Zebulon" not in bytes(rows[0][0])
    assert b"crayon" not in bytes(notes[0][0])
    assert b"pencil_grip" not in bytes(notes[0][0])


async def test_deleting_a_family_cascades_to_everything(store: Store) -> None:
    async with store.unit_of_work() as uow:
        family, member = await uow.families.lock_member(55)
        child = await uow.children.add(
            family, nickname="Ada", birth_date=date(2025, 5, 5),
            birth_date_estimated=False, gestational_weeks=None,
        )  # fmt: skip
        family.active_child_id = child.id
        await uow.observations.add(family.id, child_id=child.id, milestone_id="runs",
                                   answer="yes", observed_on=date(2026, 1, 1), age_months=8,
                                   checklist_age=6)  # fmt: skip
        await uow.dialogs.save(member, flow="onboarding", step="x", data={}, prompt=[])
        await uow.commit()
    async with store.unit_of_work() as uow:
        family = await uow.families.lock_or_create(55)
        await uow.families.destroy_key(family)
        await uow.commit()
    async with store.unit_of_work() as uow:
        await uow.families.delete_erased(family.id)
        await uow.commit()
    async with store.engine.connect() as conn:
        tables = ("families", "family_keys", "members", "children", "observations",
                  "dialog_states")  # fmt: skip
        for table in tables:
            count = (await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
            assert count == 0, table


async def test_an_update_id_is_claimed_once(store: Store) -> None:
    async with store.unit_of_work() as uow:
        assert await uow.updates.claim(99, NOW)
        assert not await uow.updates.claim(99, NOW)
        await uow.commit()
    async with store.unit_of_work() as uow:
        assert not await uow.updates.claim(99, NOW)


async def test_a_family_whose_erasure_was_interrupted_is_finished_and_starts_afresh(
    store: Store,
) -> None:
    """The key was destroyed and committed, then the process stopped before the rows went."""
    async with store.unit_of_work() as uow:
        family = await uow.families.lock_or_create(66)
        await uow.children.add(
            family, nickname="Ada", birth_date=date(2025, 5, 5),
            birth_date_estimated=False, gestational_weeks=None,
        )  # fmt: skip
        await uow.families.destroy_key(family)
        await uow.commit()
    async with store.unit_of_work() as uow:
        assert await uow.families.get(66) is None  # being erased: gone for every reader
    async with store.unit_of_work() as uow:
        fresh = await uow.families.lock_or_create(66)
        assert await uow.children.of_family(fresh.id) == []
        await uow.commit()
    async with store.engine.connect() as conn:
        count = (await conn.execute(text("SELECT count(*) FROM children"))).scalar_one()
    assert count == 0


async def test_rollback_without_commit_leaves_nothing(store: Store) -> None:
    async with store.unit_of_work() as uow:
        await uow.families.lock_or_create(4242)
    async with store.unit_of_work() as uow:
        assert await uow.families.get(4242) is None
