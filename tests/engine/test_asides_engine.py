"""Worries typed in the middle of a flow, through the dialog engine on SQLite and PostgreSQL.

A danger sign pauses the flow behind a "Continue" button and is recorded; an ordinary worry is
recorded, kept in the flow's state and answered when the flow ends; a 9-month check-in no
longer throws away "he could roll over last month but now he can't anymore".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.engine.dialog import DialogEngine, Outcome, parse_text
from bot.flows import asides
from bot.flows.base import ButtonIn
from bot.flows.checkin import guidance as guidance_text
from knowledge.triage import advice, assess, triage
from storage.uow import Store
from tests.support.context import KB
from tests.support.outcomes import labels, plain

CHAT = 10
ROLLED = "he could roll over last month but now he can't anymore"
SCISSORS = "she seems really stiff when I pick her up, her legs cross like scissors"
WORRY = "I worry she still isn't crawling"
SEIZURE = "help he is having a seizure"


class Parent:
    def __init__(self, store: Store, now: datetime) -> None:
        self.engine = DialogEngine(store, KB, lambda: now)

    async def send(self, line: str) -> Outcome:
        return await self.engine.handle(CHAT, parse_text(line))

    async def say(self, line: str) -> str:
        return plain(await self.send(line))

    async def press(self, payload: str) -> Outcome:
        return await self.engine.handle(CHAT, ButtonIn(payload))

    async def nine_month_old(self) -> None:
        for line in ("/start", "Leo", "2026-02-10", "no"):  # 9 months on 21 November 2026
            await self.say(line)

    async def all_yes(self) -> str:
        """Yes to every question of this sitting, then no to the lost-skills question."""
        said = ""
        while "stopped doing something" not in said:
            said = await self.say("yes")
        return await self.say("no")


async def worries(store: Store) -> list[tuple[str, str, str, bool]]:
    """Every recorded worry: text (decrypted), triage level, date, and whether it has a child."""
    async with store.unit_of_work() as uow:
        family = await uow.families.get(CHAT)
        assert family is not None
        rows = await uow.concerns.of_family(family.id)
        return [(n.text, n.triage, n.created_on.isoformat(), n.child_id is not None) for n in rows]


async def test_a_lost_skill_mid_check_in_pauses_it_and_makes_the_result_urgent(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.nine_month_old()
    first = await parent.say("/checkin")
    paused = await parent.send(ROLLED)
    said = plain(paused)
    assert said.startswith("This needs a doctor today")  # answered at once, before anything else
    assert "Please answer Yes" not in said
    assert labels(paused) == ["Continue the check-in"]
    assert await worries(store) == [(ROLLED, "urgent", "2026-11-21", True)]

    again = await parent.press(asides.CONTINUE)
    assert again.accepted
    assert plain(again) == first.split("\n", 1)[1]  # the same question, nothing lost
    result = await parent.all_yes()
    assert "What you told me during the check-in" in result
    assert f"“{ROLLED}”" in result
    assert "Next step: Please contact Leo's doctor as soon as possible" in result


async def test_a_danger_sign_typed_mid_check_in_leads_the_result_before_the_answers(
    store: Store, clock: Callable[[], datetime]
) -> None:
    """The result opens with what the parent told us, not under the domain levels."""
    parent = Parent(store, clock())
    await parent.nine_month_old()
    await parent.say("/checkin")
    await parent.send(ROLLED)
    await parent.press(asides.CONTINUE)
    result = await parent.all_yes()
    told = result.index("What you told me during the check-in")
    assert told < result.index("Gross motor")
    assert told < result.index("Fine motor")


async def test_stiff_legs_mid_check_in_are_recorded_and_never_lost(
    store: Store, clock: Callable[[], datetime]
) -> None:
    """The triage may call this urgent or an ordinary worry; either way it is kept."""
    parent = Parent(store, clock())
    await parent.nine_month_old()
    await parent.say("/checkin")
    typed = await parent.send(SCISSORS)
    level = triage(SCISSORS)
    assert await worries(store) == [(SCISSORS, level, "2026-11-21", True)]
    if labels(typed) == ["Continue the check-in"]:
        await parent.press(asides.CONTINUE)
    else:
        assert plain(typed).startswith(asides.NOTED)
    result = await parent.all_yes()
    assert f"“{SCISSORS}”" in result


async def test_an_ordinary_worry_mid_check_in_is_answered_after_the_result(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.nine_month_old()
    first = await parent.say("/checkin")
    noted = await parent.say(WORRY)
    assert noted == asides.NOTED + "\n" + first.split("\n", 1)[1]
    assert await worries(store) == [(WORRY, "concern", "2026-11-21", True)]
    end = await parent.all_yes()
    result, also = end.split(f"You also mentioned “{WORRY}”. Here is what I know:")
    assert "Gross motor (whole body): on track" in result
    alone = await parent.say(WORRY)  # the same words outside any flow
    assert also.strip() == alone.strip()


async def test_small_talk_mid_check_in_gets_the_question_again_and_is_not_kept(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.nine_month_old()
    await parent.say("/checkin")
    assert (await parent.say("hello")).startswith("Please answer Yes, Not yet or Not sure")
    assert await worries(store) == []


async def test_an_emergency_mid_onboarding_pauses_it_and_continue_asks_again(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.say("/start")
    assert "When was Mila born" in await parent.say("Mila")
    paused = await parent.send(SEIZURE)
    assert "emergency number now" in plain(paused)
    assert "When was Mila born" not in plain(paused)
    assert labels(paused) == ["Continue adding your child"]
    assert await worries(store) == [(SEIZURE, "emergency", "2026-11-21", False)]
    assert "When was Mila born" in plain(await parent.press(asides.CONTINUE))
    assert "Was Mila born early" in await parent.say("2026-02-10")  # the nickname was kept


async def test_a_long_worry_is_not_a_nickname(store: Store, clock: Callable[[], datetime]) -> None:
    parent = Parent(store, clock())
    await parent.say("/start")
    worry = "I worry my son still isn't crawling and he is nearly 11 months old now"
    assert (await parent.say(worry)).startswith(asides.NOTED)
    assert "When was Leo born" in await parent.say("Leo")
    await parent.say("2026-01-01")
    done = await parent.say("no")
    assert "All set!" in done
    assert f"You also mentioned “{worry}”" in done


async def test_an_emergency_mid_reminders_pauses_them_and_a_second_one_keeps_the_pause(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.nine_month_old()
    await parent.say("/reminders")
    await parent.press("rem:zone")
    paused = await parent.send("she swallowed a button battery")
    assert "emergency number now" in plain(paused)
    assert labels(paused) == ["Back to reminder settings"]
    assert labels(await parent.send("he is not breathing")) == ["Back to reminder settings"]
    waiting = await parent.send("ok")
    assert labels(waiting) == ["Back to reminder settings"]
    assert "Your time zone is " in plain(await parent.press(asides.CONTINUE))
    assert "Time zone changed to Europe/Berlin" in await parent.say("Berlin")
    assert [level for _, level, _, _ in await worries(store)] == ["emergency", "emergency"]


async def test_cancel_while_paused_answers_the_kept_worries(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.nine_month_old()
    await parent.say("/checkin")
    await parent.say(WORRY)
    await parent.say(SEIZURE)
    cancelled = await parent.say("/cancel")
    assert cancelled.startswith("Okay, stopped.")
    assert f"You also mentioned “{WORRY}”" in cancelled
    assert SEIZURE not in cancelled  # answered at once when typed
    stopped = await parent.say("/cancel")
    assert "There is nothing to cancel" in stopped  # answered once, then forgotten
    assert not (await parent.press(asides.CONTINUE)).accepted


# --- merged with issue 11: the lost-skills question takes a worry as its answer -------------


async def answer_lost_skills(parent: Parent, words: str) -> Outcome:
    """Yes to every question, yes to the lost-skills question, then what was lost."""
    said = await parent.say("/checkin")
    while "stopped doing something" not in said:
        said = await parent.say("yes")
    said = await parent.say("yes")
    assert said.startswith("This needs a doctor today")  # advised at the yes itself
    assert "What has Leo stopped doing?" in said
    return await parent.send(words)


async def test_a_lost_skill_told_to_the_lost_skills_question_is_not_paused(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock())
    await parent.nine_month_old()
    done = await answer_lost_skills(parent, ROLLED)
    said = plain(done)
    assert said.startswith("This needs a doctor today")  # the danger answer still comes first
    assert "Continue the check-in" not in labels(done)
    assert "Lost skills:" in said
    assert "Next step: Please contact Leo's doctor as soon as possible" in said
    assert "Ideas to try at home" not in said
    # The "yes" itself is kept at once, then the words once (the engine did not pause).
    assert await worries(store) == [
        (guidance_text.LOST_SKILLS_YES, "urgent", "2026-11-21", True),
        (ROLLED, "urgent", "2026-11-21", True),
    ]


async def test_an_emergency_told_to_the_lost_skills_question_makes_the_result_an_emergency(
    store: Store, clock: Callable[[], datetime]
) -> None:
    blue = "he stopped breathing and went blue"
    parent = Parent(store, clock())
    await parent.nine_month_old()
    done = await answer_lost_skills(parent, blue)
    said = plain(done)
    assert said.startswith(advice(assess(blue, 9)))  # answered first, as if typed alone
    assert f"“{blue}”: this can be an emergency" in said
    assert "Next step: Call emergency services now." in said
    assert await worries(store) == [
        (guidance_text.LOST_SKILLS_YES, "urgent", "2026-11-21", True),
        (blue, "emergency", "2026-11-21", True),
    ]
