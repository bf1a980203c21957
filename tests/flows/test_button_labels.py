"""Every button fits a phone row and every command description fits the menu (issue 15, 7).

A phone shows about 30 characters of a button alone on its row and 15 of each of two
(``bot.domain.replies.row_width``); longer labels are cut ("Or: Make it bigger or easier to
grip" lost its end). A family with the longest nickname Sprout takes walks every flow step
(``tests.support.fuzzing.PATHS``), finishes a check-in and asks about worries, and every
keyboard it is shown is measured; so is every topic button a worry can offer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.domain.replies import ROW_WIDTH, Text, row_width
from bot.engine.dialog import DialogEngine, Outcome
from bot.flows.base import Event
from bot.flows.concern import topic_button
from bot.flows.onboarding import MAX_NICKNAME
from bot.flows.registry import MENU
from knowledge.loader import default_knowledge
from knowledge.matcher import MATCHABLE
from storage.crypto import Cipher
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.conftest import FIXED_NOW
from tests.support.fuzzing import PATHS, Explorer, PathStep, PressShown, Type

KB = default_knowledge()
#: Telegram's command menu shows one line per command: about 40 characters on a phone.
MENU_WIDTH = 40
LONG_NAME = "Maximiliane-Charlotte Wilhelmina Sophie"[:MAX_NICKNAME]
WORRIES = (
    "he can't hold a spoon",
    "she is not walking yet",
    "he keeps tripping over",
    "she uses only her left hand",
    "video games and controllers",
)


class Recording(DialogEngine):
    """The engine, keeping every message it answers with."""

    shown: list[Text]

    async def handle(self, chat_id: int, event: Event, **options: Any) -> Outcome:
        outcome = await super().handle(chat_id, event, **options)
        self.shown += [r for r in outcome.replies if isinstance(r, Text)]
        return outcome


@pytest.fixture
async def engine(sqlite_url: str, cipher: Cipher) -> AsyncIterator[Recording]:
    store = Store(sqlite_url, cipher, FamilyDefaults("Europe/Berlin", 10))
    await store.upgrade()
    recording = Recording(store, KB, lambda: FIXED_NOW)
    recording.shown = []
    yield recording
    await store.close()


def too_wide(messages: list[Text]) -> set[tuple[str, int]]:
    return {
        (button.label, row_width(len(row)))
        for message in messages
        for row in message.buttons
        for button in row
        if len(button.label) > row_width(len(row))
    }


async def test_every_button_every_flow_shows_fits_a_phone_row(engine: Recording) -> None:
    named: dict[PathStep, PathStep] = {Type("Mila"): Type(LONG_NAME)}
    walks = [path for path, _ in PATHS.values()]
    walks += [(*PATHS["idle"][0], Type(worry)) for worry in WORRIES]
    chats = iter(range(1, 1000))
    for path in walks:
        await Explorer(engine, next(chats)).follow(tuple(named.get(s, s) for s in path))
    for answer in ("Yes", "Not sure", "Not yet"):  # to each result, then /reminders with the
        explorer = Explorer(engine, next(chats))  # follow-ups the result promised
        await explorer.follow(tuple(named.get(s, s) for s in PATHS["checkin.question"][0]))
        for _ in range(40):
            step = (await explorer.state())[1]
            if step not in ("question", "lost"):
                break
            label = answer if step == "question" else "No"  # lost no skills
            assert not await explorer.act(PressShown(explorer.labels.index(label)))
        assert (await explorer.state())[0] in (None, "result")  # the result on screen
        assert not await explorer.act(Type("/reminders"))
    labels = {b.label for message in engine.shown for b in message.all_buttons}
    assert len(engine.shown) > 50
    assert any(label.startswith("Skip") for label in labels), labels
    assert too_wide(engine.shown) == set()


def test_every_topic_a_worry_can_offer_has_a_label_that_fits() -> None:
    labels = [topic_button(entry).label for entry in KB.entries if isinstance(entry, MATCHABLE)]
    assert len(labels) > 100
    assert [label for label in labels if len(label) > ROW_WIDTH] == []


def test_every_command_description_fits_the_menu() -> None:
    assert {name: text for name, text in MENU.items() if len(text) > MENU_WIDTH} == {}
