"""Check-ins through the dialog engine on SQLite and PostgreSQL: answers saved one by one,
regression across check-ins weeks apart, resume after /cancel, stale and repeated buttons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from bot.domain.replies import Text
from bot.engine.dialog import DialogEngine, Outcome, parse_text
from bot.flows.base import ButtonIn
from bot.flows.checkin import flow as checkin
from bot.flows.checkin import plan as checkin_plan
from storage.uow import Store
from tests.support.context import KB
from tests.support.outcomes import plain

SIX = [m.id for m in KB.milestones if m.checklist_age == 6]
#: A first check-in: earlier red-flag items caught up, then the age's own, capped; the rest.
PLAN6 = checkin_plan.questions_for(6, (), KB)
FIRST6, REST6 = checkin_plan.sitting(PLAN6), PLAN6[len(checkin_plan.sitting(PLAN6)) :]
NINE = checkin_plan.sitting(checkin_plan.questions_for(9, (), KB))
CHAT = 10


class Parent:
    """One family talking to the engine; the clock can move between check-ins."""

    def __init__(self, store: Store, now: datetime) -> None:
        self.now = now
        self.engine = DialogEngine(store, KB, lambda: self.now)

    async def say(self, line: str) -> str:
        return plain(await self.engine.handle(CHAT, parse_text(line)))

    async def press(self, payload: str) -> Outcome:
        return await self.engine.handle(CHAT, ButtonIn(payload))

    async def add_child(self, born: str, weeks: int | None = None) -> None:
        for line in ("/start", "Leo", born, "yes" if weeks else "no"):
            await self.say(line)
        if weeks:
            await self.say(str(weeks))


async def answers(store: Store) -> list[tuple[str, str, int, int]]:
    async with store.unit_of_work() as uow:
        family = await uow.families.get(CHAT)
        assert family is not None
        kids = await uow.children.of_family(family.id)
        rows = await uow.observations.of_children(family.id, [c.id for c in kids])
        return [(o.milestone_id, o.answer, o.age_months, o.checklist_age) for o in rows]


async def test_preterm_baby_then_a_lost_skill_weeks_later_is_urgent_at_once(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.add_child("2026-02-21", weeks=32)  # 9 months old, corrected 7
    intro = await parent.say("/checkin")
    assert "Using Leo's corrected age, 7 months" in intro
    assert "6-month questions" in intro
    for mid in FIRST6:
        await parent.press(f"ci:{mid}:y")
    assert "There are" in plain(await parent.press(checkin.LOST_NO))
    assert "Continue" in await parent.say("/checkin")  # the questions left over by the cap
    await parent.press(checkin.CONTINUE)
    for mid in REST6:
        await parent.press(f"ci:{mid}:y")
    await parent.press(checkin.LOST_NO)
    assert await answers(store) == [(mid, "yes", 7, 6) for mid in PLAN6]

    parent.now += timedelta(weeks=3)
    assert f"1 of {len(SIX) + 1}" in await parent.say("/checkin")
    lost = await parent.press(f"ci:{SIX[0]}:n")
    first, question = lost.replies
    assert isinstance(first, Text)
    assert "as soon as possible" in first.plain
    assert "loss of skills" in first.plain
    assert f"2 of {len(SIX) + 1}" in question.plain  # type: ignore[union-attr]
    for mid in SIX[1:]:
        await parent.press(f"ci:{mid}:y")
    last = await parent.press(checkin.LOST_NO)
    assert "talk to the doctor as soon as possible" in plain(last)
    assert (await answers(store))[len(PLAN6)] == (SIX[0], "not_yet", 7, 6)


async def test_cancel_keeps_the_answers_and_the_next_checkin_continues(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.add_child("2026-01-10")  # 10 months
    await parent.say("/checkin")
    await parent.say("yes")
    await parent.say("nope")
    assert "saved" in await parent.say("/cancel")
    assert len(await answers(store)) == 2
    offer = await parent.say("/checkin")
    total = len(checkin_plan.questions_for(9, (), KB))
    assert f"2 of {total} answered" in offer
    resumed = await parent.press("ci:continue")
    assert resumed.accepted
    sitting = min(total - 2, len(NINE))  # the rest, capped again for this sitting
    assert f"3 of {2 + sitting + 1}" in plain(resumed)  # counting on from the saved answers
    await parent.say("/activities")  # leaving mid-way another way
    assert "Continue" in await parent.say("/checkin")
    over = await parent.press("ci:restart")
    assert f"1 of {len(NINE) + 1}" in plain(over)


async def test_a_button_pressed_twice_or_from_an_earlier_question_is_answered_once(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.add_child("2026-01-10")
    await parent.say("/checkin")
    first = await parent.press(f"ci:{NINE[0]}:y")
    assert first.accepted
    twice = await parent.press(f"ci:{NINE[0]}:y")
    assert not twice.accepted
    other = await parent.press(f"ci:{NINE[0]}:n")  # the earlier question's other button
    assert not other.accepted
    forged = await parent.press(f"ci:{NINE[2]}:n")  # a later question, not yet on screen
    assert not forged.accepted
    assert await answers(store) == [(NINE[0], "yes", 10, 9)]
    assert f"2 of {len(NINE) + 1}" in plain(twice)  # the parent is shown where we are
    nxt = await parent.press(f"ci:{NINE[1]}:u")
    assert nxt.accepted
    assert [a[:2] for a in await answers(store)] == [(NINE[0], "yes"), (NINE[1], "not_sure")]


async def test_reminder_button_for_another_family_child_is_refused(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.add_child("2026-01-10")
    outcome = await parent.press("/checkin 999999")
    assert "could not find that child" in plain(outcome)
    assert await answers(store) == []
