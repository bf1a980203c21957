"""Odd input through the dialog engine (issue 16): nothing a parent types or a button carries
crashes a step, and no question is left without a way on.

Each test here failed before its fix: superscript digits and 5,000-digit ids crashed ``int``,
typed text at a button-only question left "Please choose one of the buttons" with no buttons
(and the real buttons then refused), and names with joiners were refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from bot.domain.replies import Text
from bot.engine.dialog import DialogEngine, Outcome, parse_text
from bot.flows.base import ButtonIn, Event
from knowledge.loader import default_knowledge
from storage.uow import Store
from tests.support.outcomes import labels, plain

KB = default_knowledge()
CHAT = 10
HUGE = "9" * 5000  # past Python's 4,300-digit limit for int()


class Parent:
    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.engine = DialogEngine(store, KB, clock)

    async def send(self, event: Event) -> Outcome:
        return await self.engine.handle(CHAT, event)

    async def say(self, line: str) -> Outcome:
        return await self.send(parse_text(line))

    async def press(self, label: str, outcome: Outcome) -> Outcome:
        """Press the button called ``label`` among those ``outcome`` showed."""
        buttons = [b for r in outcome.replies if isinstance(r, Text) for b in r.all_buttons]
        payload = next(b.payload for b in buttons if b.label.startswith(label))
        return await self.send(ButtonIn(payload))

    async def add_child(self, name: str = "Mila", born: str = "2026-02-10") -> None:
        for line in ("/start", name, born, "no"):
            await self.say(line)


@pytest.mark.parametrize(
    "event",
    [
        parse_text("/checkin ²"),
        parse_text("/snooze ³"),
        parse_text("/recheck ¹"),
        ButtonIn("/checkin ²"),
        ButtonIn("/snooze ³"),
        parse_text("/checkin ٣"),
        parse_text(f"/checkin {HUGE}"),
        parse_text(f"/snooze {HUGE}"),
        parse_text(f"/recheck {HUGE}"),
        ButtonIn(f"/checkin {HUGE}"),
    ],
    ids=lambda e: repr(e)[:40],
)
async def test_odd_digits_and_huge_ids_are_refused_politely(
    store: Store, clock: Callable[[], datetime], event: Event
) -> None:
    parent = Parent(store, clock)
    await parent.add_child()
    outcome = await parent.send(event)
    assert "could not find" in plain(outcome) or "no longer open" in plain(outcome)


async def test_odd_digits_in_a_child_button_are_refused(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock)
    await parent.add_child()
    await parent.say("/child")
    outcome = await parent.send(ButtonIn("ch:switch:²"))
    assert not outcome.accepted


@pytest.mark.parametrize("typed", ["hello", "²", "maybe later"])
async def test_typed_text_in_the_child_menu_shows_the_menu_again(
    store: Store, clock: Callable[[], datetime], typed: str
) -> None:
    parent = Parent(store, clock)
    await parent.add_child()
    menu = await parent.say("/child")
    again = await parent.say(typed)
    assert "Please choose one of the buttons" in plain(again)
    assert labels(again) == labels(menu)
    renaming = await parent.press("Rename Mila", again)
    assert renaming.accepted
    assert "What should I call Mila from now on" in plain(renaming)


async def test_typed_text_at_the_remove_confirmation_keeps_its_buttons(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock)
    await parent.add_child()
    confirm = await parent.press("Remove Mila", await parent.say("/child"))
    again = await parent.say("what?")
    assert labels(again) == labels(confirm) == ["Yes, remove Mila", "No, keep"]
    kept = await parent.press("No, keep", again)
    assert kept.accepted
    assert "nothing was removed" in plain(kept)


async def test_typed_text_at_continue_or_start_over_keeps_its_buttons(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock)
    await parent.add_child()
    first = await parent.say("/checkin")
    await parent.press("Yes", first)
    await parent.say("/cancel")
    resume = await parent.say("/checkin")
    assert labels(resume) == ["Continue", "Start over"]
    again = await parent.say("hmm")
    assert labels(again) == ["Continue", "Start over"]
    continued = await parent.press("Continue", again)
    assert continued.accepted
    assert labels(continued) == ["Yes", "Not yet", "Not sure"]


async def test_help_in_the_middle_of_a_question_keeps_its_buttons(
    store: Store, clock: Callable[[], datetime]
) -> None:
    parent = Parent(store, clock)
    await parent.add_child()
    question = await parent.say("/checkin")
    helped = await parent.say("/help")
    assert "Here is what I can do" in plain(helped)
    assert labels(helped) == labels(question)
    assert (await parent.press("Yes", helped)).accepted


@pytest.mark.parametrize(
    "name",
    [
        "علی\u200cرضا",  # Persian, with the zero-width non-joiner
        "👨\u200d👩\u200d👧",  # a family: emoji joined by zero-width joiners
        "❤\ufe0f Mila",  # a variation selector
        "👩🏽\u200d🚀",  # skin tone and a joiner
        "Ava 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # a flag's tags
    ],
)
async def test_names_with_joiners_are_kept_as_typed(
    store: Store, clock: Callable[[], datetime], name: str
) -> None:
    parent = Parent(store, clock)
    await parent.say("/start")
    asked = await parent.say(name)
    assert f"When was {name} born" in plain(asked)


@pytest.mark.parametrize("name", ["\u200c", "\u200d\u200c", " \u200d ", "\ufe0f", "\U000e0067"])
async def test_a_name_of_joiners_only_is_refused(
    store: Store, clock: Callable[[], datetime], name: str
) -> None:
    parent = Parent(store, clock)
    await parent.say("/start")
    asked = await parent.say(name)
    assert "needs at least one letter" in plain(asked)
