"""Long answers fit a phone screen and show their other parts in place (issue 15, problem 2).

A topic answer ran 1,250-1,810 characters in one message. Over the Bot API stand-in: the
answer to a worry is within the budget; "When to call the doctor" replaces it in the same
message (editMessageText, no new message), a second tap changes nothing (a double tap,
answered quietly), and "Back to the answer" brings the answer back.
"""

from __future__ import annotations

import pytest

from bot.domain.replies import BUDGET
from bot.flows.concern import BACK
from tests.support.fake_telegram import Call, FakeTelegram
from tests.support.harness import WAIT, Parent, RunningBot

pytestmark = pytest.mark.e2e

WORRY = "he holds his crayon in his fist like a dagger"


def buttons(message: dict) -> dict[str, str]:
    rows = (message.get("reply_markup") or {"inline_keyboard": []})["inline_keyboard"]
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def test_an_answer_fits_and_its_parts_are_shown_in_place(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram
) -> None:
    await parent.onboard("Sam", "2022-03-15")
    (answer,) = await parent.says(WORRY)
    assert len(answer) <= BUDGET, len(answer)
    message = parent.last_message()
    assert buttons(message)["When to call the doctor"] == "/about pencil_grip doctor"

    def edited(call: Call) -> bool:
        return call.method == "editMessageText" and call.ok

    since = len(tg.calls)
    tg.press_button(parent.chat_id, message["message_id"], "/about pencil_grip doctor")
    [edit] = await tg.wait_for(edited, since=since, timeout=WAIT)
    assert edit.params["message_id"] == message["message_id"]
    doctor = edit.result["text"]
    assert doctor.startswith("Holding a pencil or crayon\nTalk to the doctor if:")
    assert len(doctor) <= BUDGET
    assert BACK in buttons(edit.result)

    # A second tap before the phone redrew the message: a double tap, taken quietly (one
    # live question): nothing is edited or sent for it. One chat's updates are handled in
    # order, so once "Back" below is shown, the double tap was handled before it.
    since = len(tg.calls)
    tg.press_button(
        parent.chat_id, message["message_id"], "/about pencil_grip doctor", strict=False
    )
    await tg.wait_for("answerCallbackQuery", since=since, timeout=WAIT)
    tg.press_button(parent.chat_id, message["message_id"], buttons(edit.result)[BACK])
    [back] = await tg.wait_for(edited, since=since, timeout=WAIT)
    assert [c.method for c in tg.calls[since:] if c.method.startswith(("send", "edit"))] == [
        "editMessageText"
    ]
    assert back.result["text"].startswith("Holding a pencil or crayon")
    assert "When to call the doctor" in buttons(back.result)
    sends = [c for c in tg.calls if c.method == "sendMessage" and c.ok]
    assert [c.result["text"] for c in sends].count(answer) == 1  # never sent again
    assert doctor not in [c.result["text"] for c in sends]  # shown in place only
