""" "More ideas" under a check-in's guidance never repeats an idea (issue 15, problem 6).

The result's ideas ended the check-in and "More ideas" started ``/activities`` afresh, whose
first page repeated two of the three ideas just shown. Over the Bot API stand-in: a check-in
answered "not sure" throughout, then "More ideas" until there are none, each idea once, and
the end said in one line.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.age import add_months
from bot.flows import activities
from bot.flows.checkin import flow as checkin
from tests.support.context import KB
from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import WAIT, Parent, RunningBot

pytestmark = pytest.mark.e2e

TITLES = {activity.title for activity in KB.activities}


def ideas_in(text: str) -> set[str]:
    return {title for title in TITLES if title in text}


def more_button(message: dict) -> str | None:
    markup = message.get("reply_markup") or {"inline_keyboard": []}
    for row in markup["inline_keyboard"]:
        for button in row:
            if button["text"] == "More ideas":
                return str(button["callback_data"])
    return None


async def test_more_ideas_after_a_check_in_never_repeats_and_ends_in_one_line(
    sprout: RunningBot, parent: Parent, tg: FakeTelegram
) -> None:
    born = add_months(date.today(), -31) - timedelta(days=5)
    await parent.onboard("Leo", born.isoformat())
    await parent.says("/checkin", replies=2)
    while True:
        keyboard = parent.last_message()["reply_markup"]["inline_keyboard"]
        payload = keyboard[0][-1]["callback_data"]  # "Not sure"
        if keyboard[0][0]["callback_data"] == checkin.LOST_YES:
            break
        await parent.presses(parent.last_message()["message_id"], payload)
    since = len(tg.calls)
    await parent.presses(parent.last_message()["message_id"], checkin.LOST_NO)
    # The chart comes after the result: once it is here, so is the result (the one reply
    # ``presses`` waited for may be a late one of an earlier step).
    await tg.wait_for("sendPhoto", since=since, timeout=WAIT)
    result = next(m for m in reversed(tg.messages(parent.chat_id)) if "text" in m)
    # The result's ideas, shown in its place (the chart picture came after it).
    since = len(tg.calls)
    tg.press_button(parent.chat_id, result["message_id"], "res:ideas")
    [edit] = await tg.wait_for("editMessageText", since=since, timeout=WAIT)
    first = edit.result["text"]
    seen = ideas_in(first)
    assert seen, first
    pages = 0
    current = edit.result
    while (payload := more_button(current)) is not None:
        (page,) = await parent.presses(current["message_id"], payload)
        current = parent.last_message()
        fresh = ideas_in(page)
        assert not fresh & seen, (fresh & seen, page)
        seen |= fresh
        pages += 1
        assert pages < 30
    assert pages >= 2
    assert page.endswith(f"\n\n{activities.NO_MORE}")
    assert "\n" not in activities.NO_MORE
