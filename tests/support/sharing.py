"""Helpers for tests of shared families over the Bot API stand-in: invite, join, answer."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from bot.engine.dialog import DialogEngine
from storage.models import Member, Observation
from tests.support.harness import Parent

JOIN_CODE = re.compile(r"/join ([A-Za-z0-9_-]+)")


async def invite(admin: Parent, name: str | None = "Mum") -> tuple[str, dict]:
    """``admin`` opens /family and invites someone (choosing ``name`` first when asked);
    returns the code and the invite message."""
    await admin.says("/family")
    menu = admin.last_message()["message_id"]
    if name is None:
        await admin.presses(menu, "fm:invite")
    else:
        await admin.presses(menu, "fm:invite")
        await admin.says(name)
    message = admin.last_message()
    found = JOIN_CODE.search(message["text"])
    assert found is not None, message["text"]
    return found.group(1), message


async def join(member: Parent, code: str, name: str, *, via_link: bool = True) -> list[str]:
    """``member`` opens the invite (the deep link, or ``/join``), says yes and gives
    ``name``; returns the welcome."""
    (question,) = await member.says(f"/start join_{code}" if via_link else f"/join {code}")
    assert question.startswith("Join "), question
    await member.presses(member.last_message()["message_id"], "jn:yes")
    return await member.says(name)


async def answers_in_family(engine: DialogEngine, chat_id: int) -> int:
    """How many answers the family of ``chat_id`` holds."""
    async with engine.store.unit_of_work() as uow:
        family = await uow.families.get(chat_id)
        assert family is not None
        children = [c.id for c in await uow.children.of_family(family.id)]
        count = await uow.session.scalar(
            select(func.count()).select_from(Observation).where(Observation.child_id.in_(children))
        )
        return int(count or 0)


async def member_chats(engine: DialogEngine, chat_id: int) -> set[int]:
    """The chats of every member of ``chat_id``'s family."""
    async with engine.store.unit_of_work() as uow:
        family = await uow.families.get(chat_id)
        assert family is not None
        rows = await uow.session.scalars(
            select(Member.chat_id).where(Member.family_id == family.id)
        )
        return set(rows)
