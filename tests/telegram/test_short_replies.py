"""Short lines where the whole help was sent (issue 15, problem 3, first part).

A stale button and /cancel with nothing running each sent the 12-line help (581 characters)
to a parent who had only tapped twice; both now get one short line, over the Bot API stand-in.
"""

from __future__ import annotations

import pytest

from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import Parent, RunningBot

pytestmark = pytest.mark.e2e

SHORT = 80


async def test_cancel_with_nothing_running_gets_one_short_line(
    sprout: RunningBot, parent: Parent
) -> None:
    await parent.onboard()
    (reply,) = await parent.says("/cancel")
    assert "nothing to cancel" in reply
    assert "/help" in reply
    assert len(reply) <= SHORT, reply


async def test_a_button_from_a_finished_conversation_gets_one_short_line(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram
) -> None:
    await parent.onboard()
    await parent.says("/delete")
    asked = parent.last_message()["message_id"]
    await parent.presses(asked, "dl:no")
    (reply,) = await parent.replies_to(
        lambda: tg.press_button(parent.chat_id, asked, "dl:yes", strict=False)
    )
    assert "earlier conversation" in reply
    assert len(reply) <= SHORT, reply
