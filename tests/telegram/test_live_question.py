"""Only one copy of a question can be answered, and a double tap shows nothing (issue 15,
problems 1 and 3), over the Bot API stand-in.

A double tap sent "That button belongs to an earlier question. We are here:" and the question
again: three messages, both copies answerable. A question shown again (after an old button, a
forged one, an emergency, or typed text at a button question) left its earlier copy with live
buttons. The bot keeps the message id of the live question in the conversation's state and
takes the buttons off the earlier copy when it sends the question again.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import WAIT, Parent, RunningBot, outbox_drained

pytestmark = pytest.mark.e2e

NICKNAME = "Mila"
PRETERM_NO = "ob:preterm:no"


async def at_preterm_question(parent: Parent) -> dict[str, Any]:
    """A family being added, at "Was Mila born early?" (a question with buttons)."""
    await parent.says("/start", replies=2)
    await parent.says(NICKNAME)
    (ask,) = await parent.says("2024-03-15")
    assert "born early" in ask
    return parent.last_message()


def with_buttons(tg: FakeTelegram, chat_id: int) -> list[dict[str, Any]]:
    return [m for m in tg.messages(chat_id) if m.get("reply_markup")]


async def test_a_double_tap_is_answered_quietly(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    question = await at_preterm_question(parent)
    since = len(tg.calls)
    presses: list[int] = []
    # Both taps leave the phone before the first edit arrives: both show the buttons.
    (done,) = await parent.replies_to(
        lambda: presses.extend(
            tg.press_button(parent.chat_id, question["message_id"], PRETERM_NO) for _ in (1, 2)
        )
    )
    assert done.startswith("All set!")
    await tg.wait_for("answerCallbackQuery", count=2, since=since, timeout=WAIT)
    # Messages of one chat are handled in order: once /help is answered, so is the tap.
    (helped,) = await parent.says("/help")
    await outbox_drained(sprout.engine)

    sent = [c.result["text"] for c in tg.calls[since:] if c.method == "sendMessage" and c.ok]
    assert sent == [done, helped]
    for press in presses:
        answer = tg.callback_answer(tg.update(press)["callback_query"]["id"])
        assert answer is not None
        assert "text" not in answer
    answered = next(
        m for m in tg.messages(parent.chat_id) if m["message_id"] == question["message_id"]
    )
    assert answered["text"].endswith("✓ No, at term")


async def test_typed_text_at_a_button_question_leaves_one_copy_answerable(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    question = await at_preterm_question(parent)
    please, again = await parent.says("hmm", replies=2)
    assert "yes or no" in please
    assert "born early" in again
    await outbox_drained(sprout.engine)
    (live,) = with_buttons(tg, parent.chat_id)
    assert live["message_id"] == parent.last_message()["message_id"] != question["message_id"]


async def test_old_and_forged_buttons_leave_one_copy_answerable(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    await parent.says("/start", replies=2)
    await parent.says(NICKNAME)
    await parent.says("March 2024")
    day_question = parent.last_message()
    (ask_preterm,) = await parent.says("15")  # typed instead of pressing "Don't know"
    await outbox_drained(sprout.engine)
    # The day question lost its buttons as soon as the next question was sent.
    assert [m["message_id"] for m in with_buttons(tg, parent.chat_id)] == [
        parent.last_message()["message_id"]
    ]

    async def pressed(message_id: int, payload: str) -> None:
        """A press the bot refuses: the question again, and still one copy answerable."""
        earlier, again = await parent.replies_to(
            lambda: tg.press_button(parent.chat_id, message_id, payload, strict=False), 2
        )
        assert "earlier question" in earlier
        assert again == ask_preterm
        await outbox_drained(sprout.engine)
        (live,) = with_buttons(tg, parent.chat_id)
        assert live["message_id"] == parent.last_message()["message_id"]

    # An old button (pressed before its edit arrived), then a forged one on the live question.
    await pressed(day_question["message_id"], "ob:day:unknown")
    await pressed(parent.last_message()["message_id"], "ob:forged")

    (done,) = await parent.presses(parent.last_message()["message_id"], PRETERM_NO)
    assert done.startswith("All set!")


async def test_an_emergency_leaves_one_copy_answerable(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    question = await at_preterm_question(parent)
    _alarm, waiting = await parent.says("he is not breathing and his lips are blue", replies=2)
    assert "Continue" in str(parent.last_message()["reply_markup"])
    await outbox_drained(sprout.engine)
    (live,) = with_buttons(tg, parent.chat_id)
    assert live["message_id"] == parent.last_message()["message_id"] != question["message_id"]

    carry_on = parent.last_message()["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    (again,) = await parent.presses(live["message_id"], carry_on)
    assert "born early" in again
    await outbox_drained(sprout.engine)
    (live,) = with_buttons(tg, parent.chat_id)
    assert live["message_id"] == parent.last_message()["message_id"]
    assert waiting
