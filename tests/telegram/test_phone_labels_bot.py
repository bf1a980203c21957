"""Buttons and the command menu as a phone shows them (issue 15, problem 7), over the Bot API
stand-in: "Or: Make it bigger or easier to grip" (36 characters) and a 53-character menu
description were cut on a phone. Every inline button the parent is sent fits its row, and
every command description fits the menu."""

from __future__ import annotations

import pytest

from bot.domain.replies import row_width
from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import Parent, RunningBot

pytestmark = pytest.mark.e2e

#: What a phone shows of a command's description in the menu without cutting it.
MENU_WIDTH = 40


def labels(tg: FakeTelegram, chat_id: int) -> list[tuple[str, int]]:
    """Each button on screen with the room its row gives it on a phone."""
    return [
        (button["text"], row_width(len(row)))
        for message in tg.messages(chat_id)
        for row in message.get("reply_markup", {}).get("inline_keyboard", [])
        for button in row
    ]


async def test_every_button_sent_fits_a_phone_row(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram
) -> None:
    await parent.onboard(born="2021-06-01")
    for worry in (
        "how can I make his pencil easier to grip, his hands are weak",
        "he struggles with buttons and zips on his coat",
        "she can't stack blocks, the tower falls",
    ):
        await parent.says(worry)
    await parent.says("/activities")
    await parent.says("/reminders")
    shown = labels(tg, parent.chat_id)
    assert len(shown) > 10  # topics, their parts, other topics, ideas and the menu
    assert [label for label, room in shown if len(label) > room] == []


async def test_every_command_description_fits_the_menu(
    sprout: RunningBot, tg: FakeTelegram
) -> None:
    commands = tg.commands(scope={"type": "all_private_chats"}) or tg.commands()
    assert commands
    assert [c["description"] for c in commands if len(c["description"]) > MENU_WIDTH] == []
