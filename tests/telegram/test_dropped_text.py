"""Text that was dropped is read (issue 15, problem 5), over the Bot API stand-in.

A photo captioned "look how he holds the spoon" got "I can only read text" and the caption
was lost; an edited message was ignored without a word; a 5,000-character message arrived as
two parts, the first refused for length and the second, starting mid-sentence, answered as a
worry of its own.
"""

from __future__ import annotations

import pytest

from bot.engine.dialog import EDITS_NOT_READ, MAX_TEXT
from bot.handlers.chat import TEXT_ONLY
from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import Parent, RunningBot, inbox_empty, outbox_drained

pytestmark = pytest.mark.e2e

SPOON = "look how he holds the spoon"


async def test_a_caption_is_read_as_text_and_the_photo_is_not_fetched(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    await parent.onboard()
    since = len(tg.calls)
    captioned = await parent.replies_to(lambda: tg.photo(parent.chat_id, caption=SPOON))
    typed = await parent.says(SPOON)
    assert captioned == typed
    assert TEXT_ONLY not in captioned
    assert not [c for c in tg.calls[since:] if c.method == "getFile"]


async def test_an_edited_nickname_is_taken_as_a_correction(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    await parent.says("/start", replies=2)
    (ask,) = await parent.says("Mla")
    assert "When was Mla born" in ask
    (again,) = await parent.replies_to(
        lambda: tg.user_message(parent.chat_id, "Mila", edited=True)
    )
    assert "When was Mila born" in again
    (early,) = await parent.says("2024-03-15")
    assert "Was Mila born early" in early


async def test_an_edited_birth_date_is_taken_as_a_correction(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    await parent.says("/start", replies=2)
    await parent.says("Mila")
    await parent.says("2024-03-15")
    (early,) = await parent.replies_to(
        lambda: tg.user_message(parent.chat_id, "2024-03-05", edited=True)
    )
    assert "Was Mila born early" in early
    (done,) = await parent.presses(parent.last_message()["message_id"], "ob:preterm:no")
    assert "born on 5 March 2024" in done


async def test_an_edit_the_flow_cannot_use_gets_one_short_line(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    await parent.onboard()
    await parent.says("he holds his crayon in a fist")
    (line,) = await parent.replies_to(
        lambda: tg.user_message(parent.chat_id, "she holds her crayon in a fist", edited=True)
    )
    assert line == EDITS_NOT_READ
    assert len(line) <= 80


async def test_a_message_telegram_split_in_two_is_read_as_one(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    await parent.onboard()
    opening = "We had a lovely week at the seaside and she slept well every night. " * 70
    text = opening + "At nursery they say he holds his pencil in a fist when he draws."
    since = len(tg.calls)
    halves: list[int] = []
    (refused,) = await parent.replies_to(
        lambda: halves.extend(tg.long_message(parent.chat_id, text))
    )
    assert len(halves) == 2
    assert f"under {MAX_TEXT} characters" in refused
    await inbox_empty(sprout.engine)  # both halves were taken out of the inbox
    (helped,) = await parent.says("/help")
    await outbox_drained(sprout.engine)
    sent = [c.result["text"] for c in tg.calls[since:] if c.method == "sendMessage" and c.ok]
    assert sent == [refused, helped]  # no topic for the second half
