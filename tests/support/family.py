"""A family made the way a parent makes it, through the dialog engine: onboarding (born early,
so weeks of pregnancy are stored), a check-in answered by the buttons on screen ("not sure" on
the first question, so a follow-up with milestone ids is scheduled), and a worry that matches
a condition. Tests of encryption and erasure look for exactly these values afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.domain.replies import Text
from bot.engine.dialog import DialogEngine, Outcome, parse_text
from bot.flows.base import ButtonIn
from bot.flows.checkin import flow as checkin
from knowledge.loader import default_knowledge
from storage.uow import Store

KB = default_knowledge()
ANSWER = re.compile(r"^ci:([a-z0-9_]+):y$")
#: Matches the condition ``cerebral_palsy`` (a diagnosis-like topic) at triage ``concern``.
WORRY = "could Zephyrine have cerebral palsy? her legs are stiff"
TOPIC = "cerebral_palsy"
WEEKS = 33
#: The names the two members of a shared family chose; a second chat joins at ``chat + SECOND``.
ADMIN_NAME, MEMBER_NAME = "Grandma Ottilie", "Uncle Barnabas"
SECOND = 100_000
JOIN = re.compile(r"/join ([A-Za-z0-9_-]+)")


@dataclass
class Family:
    """One chat talking to the engine, and what it told Sprout."""

    store: Store
    now: datetime
    chat: int
    nickname: str = "Zephyrine"
    born: date = field(init=False)
    answered: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.born = (self.now - timedelta(days=280)).date()  # 9 months old
        self.engine = DialogEngine(self.store, KB, lambda: self.now)

    async def say(self, line: str) -> Outcome:
        return await self.engine.handle(self.chat, parse_text(line))

    async def press(self, payload: str) -> Outcome:
        return await self.engine.handle(self.chat, ButtonIn(payload))

    async def onboard(self) -> None:
        for line in ("/start", self.nickname, self.born.isoformat(), "yes", str(WEEKS)):
            await self.say(line)

    async def checkin(self) -> None:
        """One check-in: "not sure" first, "yes" to the rest, "No" to the lost-skills question."""
        outcome = await self.say("/checkin")
        while True:
            buttons = [
                b.payload for r in outcome.replies if isinstance(r, Text) for b in r.all_buttons
            ]
            if checkin.LOST_NO in buttons:
                await self.press(checkin.LOST_NO)
                return
            current = next((m.group(1) for p in buttons if (m := ANSWER.match(p))), None)
            if current is None:
                return
            answer = "u" if not self.answered else "y"
            self.answered.append(current)
            outcome = await self.press(f"ci:{current}:{answer}")

    async def share(self) -> None:
        """The parent names themselves and invites a second chat, which joins with a name of
        its own: members, names and a used invite."""
        await self.say("/family")
        await self.press("fm:invite")
        outcome = await self.say(ADMIN_NAME)
        found = JOIN.search(" ".join(r.plain for r in outcome.replies if isinstance(r, Text)))
        assert found is not None
        second = self.chat + SECOND
        await self.engine.handle(second, parse_text(f"/join {found.group(1)}"))
        await self.engine.handle(second, ButtonIn("jn:yes"))
        await self.engine.handle(second, parse_text(MEMBER_NAME))

    async def everything(self, *, share: bool = True) -> None:
        """Onboarding, a check-in, a worry, a second member (with ``share``; joining queues a
        notice to the first), and a conversation left open (dialog state)."""
        await self.onboard()
        if share:
            await self.share()
        await self.checkin()
        await self.say(WORRY)
        await self.say("/summary")
