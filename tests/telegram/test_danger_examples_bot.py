"""Issue 10's examples over the Bot API stand-in: as a first message, and mid-check-in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.age import add_months
from bot.flows.concern import matcher_for
from tests.support.danger_examples import EXAMPLES, check_answer, ids
from tests.support.harness import Parent, RunningBot

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(("text", "level"), EXAMPLES, ids=[ids(e) for e in EXAMPLES])
async def test_each_example_gets_its_level_first_and_mid_check_in(
    sprout: RunningBot, parent: Parent, text: str, level: str
) -> None:
    born = add_months(date.today(), -9) - timedelta(days=5)
    await parent.onboard("Leo", born.isoformat())

    # A danger answer comes first, then the topic when one matches (none after an emergency).
    topic = matcher_for(sprout.engine.knowledge).match(text, age_months=9).matches
    replies = 1 + (level in ("urgent", "safety_net") and bool(topic))
    first = await parent.says(text, replies=replies)
    check_answer(first[0], level)

    await parent.says("/checkin", replies=2)
    mid = await parent.says(text, replies=2)
    check_answer(mid[0], level)
    buttons = [
        b["text"]
        for row in parent.last_message().get("reply_markup", {}).get("inline_keyboard", [])
        for b in row
    ]
    assert ("Continue the check-in" in buttons) == (level != "concern")
