"""Odd text over the real Telegram path (issue 16, failure 9): a lone surrogate in a message
(JSON's ``"\\ud800"``, which Telegram's clients can send) crashed the step that stored or
matched it, and the parent got "Something went wrong"."""

from __future__ import annotations

import pytest

from bot.handlers.chat import SOMETHING_WRONG
from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import Parent, RunningBot

pytestmark = pytest.mark.e2e


async def test_a_lone_surrogate_in_a_worry_or_a_time_zone_is_answered(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    await parent.onboard()
    (answer,) = await parent.says("she can\ud800t hold a spoon with her fist")
    assert answer != SOMETHING_WRONG
    await parent.says("/reminders")
    ask_zone = await parent.edits(parent.last_message()["message_id"], "rem:zone")
    assert "Type your city" in ask_zone
    (refused,) = await parent.says("Berl\ud800in")
    assert "I don't know “Berl\ufffdin” as a time zone" in refused
    assert SOMETHING_WRONG not in parent.texts()
