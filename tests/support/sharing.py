"""Helpers for tests of shared families over the Bot API stand-in: invite, join, answer."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.engine.dialog import DialogEngine
from bot.telegram.application import REMINDER_JOB
from storage.models import Member, Observation
from tests.support.harness import Parent, RunningBot

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


def daytime_zone(now: datetime) -> str:
    """A fixed-offset zone where it is about noon right now, so no quiet hours interfere."""
    offset = 12 - now.hour
    return "UTC" if offset == 0 else f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"


async def make_due(run: RunningBot, chat_id: int, checklist_age: int | None = None) -> int:
    """Move the family to a daytime zone and its next check-in reminder to a minute ago (as
    the reminder of ``checklist_age``, the check-in the child is at, when given)."""
    now = datetime.now(UTC)
    async with run.engine.store.unit_of_work() as uow:
        family = await uow.families.get(chat_id)
        assert family is not None
        family.timezone = daytime_zone(now)
        [child] = await uow.children.of_family(family.id)
        rows = await uow.reminders.of_children([child.id])
        row = next(r for r in rows if r.next_at)
        if checklist_age is not None:
            for other in rows:
                if other.checklist_age == checklist_age and other.kind == row.kind:
                    await uow.reminders.remove(other)
            await uow.session.flush()
            row.checklist_age = checklist_age
        row.due_at = row.next_at = now - timedelta(minutes=1)
        await uow.commit()
        return row.id


async def tick(run: RunningBot) -> None:
    """Run the reminder job once, as its minute tick does."""
    app = run.bot.application
    assert app.job_queue is not None
    [job] = app.job_queue.get_jobs_by_name(REMINDER_JOB)
    await job.run(app)
