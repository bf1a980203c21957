"""Every step a flow declares is one it stores and one it takes, through the engine on SQLite.

A parent walks through every flow that waits. After each input the stored conversation is
read back as its flow's type (``bot.engine.states``): it must never be lost, and its step
must be one its flow declares. The walk must store every declared step (no declared step is
dead) and hand every one to its flow with an input the flow takes (not a command), so a
step a flow emits but does not handle, or one it handles but never emits, fails here.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest

from bot.domain.replies import Text
from bot.engine import states
from bot.engine.dialog import DialogEngine, Outcome, parse_text
from bot.flows.base import ButtonIn, CommandIn, Event, FlowState
from bot.flows.registry import FLOWS
from knowledge.loader import default_knowledge
from storage.crypto import Cipher
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.conftest import FIXED_NOW

KB = default_knowledge()
CHAT, OTHER = 10, 11
JOIN = re.compile(r"/join ([A-Za-z0-9_-]+)")


def invite_code(outcome: Outcome) -> str:
    """The code of the invite an outcome shows."""
    found = JOIN.search(" ".join(r.plain for r in outcome.replies if isinstance(r, Text)))
    assert found is not None
    return found.group(1)


DECLARED = {
    (name, step) for name, flow in FLOWS.items() if flow.steps for step in flow.steps.names
}


@pytest.fixture
async def sqlite_store(sqlite_url: str, cipher: Cipher) -> AsyncIterator[Store]:
    store = Store(sqlite_url, cipher, FamilyDefaults("Europe/Berlin", 10))
    await store.upgrade()
    yield store
    await store.close()


class Walk:
    """One parent; records each stored step and each step a flow took an input at."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = DialogEngine(store, KB, lambda: FIXED_NOW)
        self.stored_steps: set[tuple[str, str]] = set()
        self.taken_steps: set[tuple[str, str]] = set()
        self.last = Outcome()
        self.other_last = Outcome()

    async def stored(self) -> FlowState | None:
        async with self.store.unit_of_work() as uow:
            family = await uow.families.get(CHAT)
            member = await uow.members.of_chat(CHAT)
            saved = await uow.dialogs.get(member.id) if family and member else None
            if saved is None or not saved.flow:
                return None
            data, _ = uow.dialogs.contents(saved)
            state = states.load(saved.flow, saved.step or "", data)
            assert not isinstance(state, states.Lost), state
            return state

    async def send(self, event: Event) -> Outcome:
        before = await self.stored()
        command = isinstance(event, CommandIn) or (
            isinstance(event, ButtonIn) and event.payload.startswith("/")
        )
        self.last = await self.engine.handle(CHAT, event)
        assert self.last.accepted, event
        if before is not None and not command:
            self.taken_steps.add((before.flow, before.step))
        after = await self.stored()
        if after is not None:
            self.stored_steps.add((after.flow, after.step))
        return self.last

    async def say(self, line: str) -> Outcome:
        return await self.send(parse_text(line))

    async def other(self, *inputs: str | Event) -> None:
        """A second parent (chat ``OTHER``) sends ``inputs``; their steps are not recorded."""
        for item in inputs:
            event = parse_text(item) if isinstance(item, str) else item
            self.other_last = await self.engine.handle(OTHER, event)

    async def press(self, prefix: str) -> Outcome:
        """The first button on screen whose payload starts with ``prefix``."""
        payload = next(
            b.payload
            for r in self.last.replies
            if isinstance(r, Text)
            for b in r.all_buttons
            if b.payload.startswith(prefix)
        )
        return await self.send(ButtonIn(payload))

    async def step(self) -> str | None:
        state = await self.stored()
        return None if state is None else state.step


async def test_every_declared_step_is_stored_and_taken_by_its_flow(sqlite_store: Store) -> None:
    walk = Walk(sqlite_store)
    for line in ("/start", "Mila", "March 2026", "15"):  # nickname, birth date, day
        await walk.say(line)
    await walk.press("ob:preterm:yes")
    await walk.say("34")  # weeks of pregnancy: Mila is added

    await walk.say("/checkin")
    await walk.say("yes")
    await walk.say("/checkin")  # one answered: continue or start over?
    await walk.press("ci:continue")
    await walk.say("help he is having a seizure")  # the check-in is paused
    await walk.press("pause:continue")
    while await walk.step() == "question":
        await walk.say("yes")
    await walk.say("yes")  # she stopped doing something
    await walk.say("she stopped rolling over")
    await walk.press("res:")  # the result on screen: "Each answer" in its place

    await walk.say("/activities")
    await walk.press("act:")
    await walk.say("/child")
    await walk.press("ch:remove:")
    await walk.press("ch:remove_no")
    await walk.say("/summary")
    await walk.press("sm:p:")
    await walk.press("sm:d:")
    for setting, answer in (("rem:hour", "9"), ("rem:zone", "Berlin"), ("rem:pause", "2 weeks")):
        await walk.say("/reminders")
        await walk.press(setting)
        await walk.say(answer)
    await walk.say("/reminders")
    await walk.press("rem:stop")
    await walk.press("rem:stop:no")
    await walk.say("/delete")
    await walk.press("dl:no")

    await walk.say("/family")
    await walk.press("fm:name")
    await walk.say("Mum")
    await walk.say("/family")
    await walk.press("fm:leave")
    await walk.press("fm:no")
    await walk.say("/family")
    await walk.press("fm:invite")  # Mum has a name: the invite comes at once
    await walk.other(f"/join {invite_code(walk.last)}", ButtonIn("jn:yes"), "Dad")
    await walk.say("/family")
    await walk.press("fm:rm:")  # remove Dad?
    await walk.press("fm:rmy:")
    # Dad, now on his own, invites Mum, who brings Mila along.
    await walk.other("/family", ButtonIn("fm:invite"), "Dad")
    await walk.say(f"/join {invite_code(walk.other_last)}")
    await walk.press("jn:yes")
    await walk.press("jn:bring")
    await walk.say("Mum")

    assert DECLARED  # the declarations were read
    assert sorted(walk.stored_steps ^ DECLARED) == []
    assert sorted(walk.taken_steps ^ DECLARED) == []
