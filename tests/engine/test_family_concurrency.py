"""Two members of one family acting at the same moment on PostgreSQL (issue 17): each input is
its own transaction on its own connection, started together, so the database's locks, not the
order of the test, decide who goes first.

- Both answer check-in questions at once: every answer either is stored or was never
  accepted, and none is stored twice.
- An admin removes a member while that member answers: either the answer came first (it is
  stored, and the member saw the next question) or the removal did (nothing is stored, and
  the member got a stranger's answer naming nothing of the family). Never half of each.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import datetime

import pytest
from sqlalchemy import func, select

from bot.domain.replies import Text
from bot.engine.dialog import Outcome
from storage.crypto import Cipher
from storage.models import Family as FamilyRow
from storage.models import Member, Observation
from storage.repositories import FamilyDefaults, FamilyRepository
from storage.uow import Store
from tests.support.family import ANSWER, JOIN, MEMBER_NAME, SECOND, Family

pytestmark = pytest.mark.postgres

ROUNDS = 4
CHAT = 77


@pytest.fixture
async def pg_store(pg_url: str, cipher: Cipher) -> AsyncIterator[Store]:
    store = Store(pg_url, cipher, FamilyDefaults("UTC", 10))
    await store.upgrade()
    yield store
    await store.close()


def _question(outcome: Outcome) -> str | None:
    """The "yes" payload of the check-in question an outcome shows, if any."""
    for reply in outcome.replies:
        if isinstance(reply, Text):
            for button in reply.all_buttons:
                if ANSWER.match(button.payload):
                    return button.payload
    return None


def _plain(outcome: Outcome) -> str:
    return " ".join(r.plain for r in outcome.replies if isinstance(r, Text))


async def _answers(store: Store) -> int:
    async with store.unit_of_work() as uow:
        return int(await uow.session.scalar(select(func.count()).select_from(Observation)) or 0)


async def _shared(store: Store, now: datetime, chat: int) -> tuple[Family, Family]:
    """Mum (``chat``, with Mila) and Dad, who joined; both in a check-in, each at a question."""
    mum = Family(store, now, chat)
    await mum.onboard()
    await mum.share()
    dad = Family(store, now, chat + SECOND)
    assert _question(await mum.say("/checkin")) is not None
    await dad.say("/checkin")
    assert _question(await dad.press("ci:continue")) is not None
    return mum, dad


async def test_two_members_answering_at_once_lose_nothing(
    pg_store: Store, clock: Callable[[], datetime]
) -> None:
    mum, dad = await _shared(pg_store, clock(), 1)
    shown = {mum.chat: _question(await mum.say("/checkin")), dad.chat: None}
    await dad.say("/checkin")
    shown[dad.chat] = _question(await dad.press("ci:continue"))
    accepted = 0
    for _ in range(ROUNDS):
        pressed = [(who, shown[who.chat]) for who in (mum, dad) if shown[who.chat]]
        if not pressed:
            break
        outcomes = await asyncio.gather(
            *(who.press(payload) for who, payload in pressed if payload)
        )
        for (who, _), outcome in zip(pressed, outcomes, strict=True):
            accepted += outcome.accepted
            shown[who.chat] = _question(outcome)
    assert accepted >= 2
    assert await _answers(pg_store) == accepted  # every accepted answer stored, once


async def test_removing_a_member_while_they_answer_loses_nothing_and_leaks_nothing(
    pg_store: Store, clock: Callable[[], datetime]
) -> None:
    orders: set[str] = set()
    for round_ in range(ROUNDS):
        mum, dad = await _shared(pg_store, clock(), 10 + round_)
        payload = _question(await dad.say("/checkin"))
        if payload is None:  # the resume question first
            payload = _question(await dad.press("ci:continue"))
        assert payload is not None
        await mum.say("/family")
        async with pg_store.unit_of_work() as uow:
            found = await uow.members.of_chat(dad.chat)
            assert found is not None
            dad_id = found.id
        await mum.press(f"fm:rm:{dad_id}")
        before = await _answers(pg_store)

        # Alternate which starts first; the database still decides who takes the lock.
        remove, answer = mum.press(f"fm:rmy:{dad_id}"), dad.press(payload)
        if round_ % 2:
            answered, removed = await asyncio.gather(answer, remove)
        else:
            removed, answered = await asyncio.gather(remove, answer)

        assert "no longer in the family" in _plain(removed)
        stored = await _answers(pg_store) - before
        if answered.accepted and _question(answered) is not None:
            orders.add("answer first")
            assert stored == 1  # the answer given while still a member is kept
        else:
            orders.add("removal first")
            assert stored == 0
            assert mum.nickname not in _plain(answered)
            assert MEMBER_NAME not in _plain(answered)
        async with pg_store.unit_of_work() as uow:
            family = await uow.families.get(mum.chat)
            assert family is not None
            chats = await uow.session.scalars(
                select(Member.chat_id).where(Member.family_id == family.id)
            )
            assert set(chats) == {mum.chat}  # Dad is out, whichever came first
        # Whichever came first, Dad's next message reaches nothing of the family.
        after = await dad.say("/summary")
        assert mum.nickname not in _plain(after)
    assert orders  # at least one order was seen; which ones depends on the database


async def test_a_new_chat_made_by_two_steps_at_once_is_one_family(
    pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two engines on one database can take a new chat's first two updates at once. The
    second step's insert of the family waits for the first's and finds the chat taken; it
    then locks and reads the family the first made."""
    made: list[bool] = []
    create = FamilyRepository._create

    async def counted(self: FamilyRepository, chat_id: int) -> bool:
        made.append(await create(self, chat_id))
        return made[-1]

    monkeypatch.setattr(FamilyRepository, "_create", counted)
    first_made = asyncio.Event()

    async def first() -> int:
        async with pg_store.unit_of_work() as uow:
            rows = await uow.families.lock_step(CHAT)
            first_made.set()
            await asyncio.sleep(0.5)  # the second step's insert waits for this commit
            await uow.commit()
            return rows.family.id

    async def second() -> int:
        await first_made.wait()
        async with pg_store.unit_of_work() as uow:
            rows = await uow.families.lock_step(CHAT)
            await uow.commit()
            return rows.family.id

    ids = await asyncio.gather(first(), second())
    assert made == [True, False]
    assert ids[0] == ids[1]
    async with pg_store.unit_of_work() as uow:
        families = await uow.session.scalar(
            select(func.count()).select_from(FamilyRow).where(FamilyRow.chat_id == CHAT)
        )
        members = await uow.session.scalar(
            select(func.count()).select_from(Member).where(Member.chat_id == CHAT)
        )
    assert (families, members) == (1, 1)


async def _invite_code(admin: Family) -> str:
    """An invite code from ``admin``'s /family (naming themselves first)."""
    await admin.say("/family")
    await admin.press("fm:invite")
    found = JOIN.search(_plain(await admin.say("Admin")))
    assert found is not None
    return found.group(1)


async def test_two_admins_joining_each_others_family_at_once_both_get_an_answer(
    pg_store: Store, clock: Callable[[], datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each input locks its own family, then the inviting one: two admins typing each
    other's code lock the two families in opposite orders. PostgreSQL rolls one back as a
    deadlock; that input runs again instead of staying unanswered in the inbox."""
    ann, bea = Family(pg_store, clock(), 21), Family(pg_store, clock(), 22, nickname="Bea")
    await ann.onboard()
    await bea.onboard()
    for_ann, for_bea = await _invite_code(bea), await _invite_code(ann)
    # Both hold their own family's lock before either asks for the other's: the deadlock,
    # every time (later tries go straight on).
    meeting, waited = asyncio.Barrier(2), list[int]()
    lock = FamilyRepository.lock

    async def lock_after_meeting(self: FamilyRepository, family_id: int) -> FamilyRow | None:
        if len(waited) < 2:
            waited.append(family_id)
            await meeting.wait()
        return await lock(self, family_id)

    monkeypatch.setattr(FamilyRepository, "lock", lock_after_meeting)
    asked = await asyncio.wait_for(
        asyncio.gather(ann.say(f"/join {for_ann}"), bea.say(f"/join {for_bea}")), 60
    )
    assert "Join Bea's family, invited by Admin?" in _plain(asked[0])
    assert "Join Zephyrine's family, invited by Admin?" in _plain(asked[1])
