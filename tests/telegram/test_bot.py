"""Sprout end to end: the real ``Application`` over HTTP against the Bot API stand-in.

These tests prove the wiring the unit tests cannot: PTB's polling and webhook paths, the
per-chat update processor, paced and retried sends, edits of answered questions, and what
Telegram's faults (429, 5xx, 403, a kicked bot, redelivered updates) do to a conversation.
Flows' branches are covered by their own unit tests; here one path per behaviour is enough.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.handlers.chat import PRIVATE_ONLY, SOMETHING_WRONG, TEXT_ONLY
from bot.logs import configure_logging
from tests.support.bot_fixtures import StartBot
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram, FaultKind
from tests.support.harness import (
    WAIT,
    Parent,
    RunningBot,
    family_active,
    free_port,
    inbox_empty,
    outbox_drained,
)

pytestmark = pytest.mark.e2e

NICKNAME = "Mila"


async def onboard_via_buttons(parent: Parent) -> None:
    """/start, a nickname, a month without a day, then both answers by button."""
    greeting = await parent.says("/start", replies=2)
    assert "Sprout" in greeting[0]
    assert "What should I call your child" in greeting[1]
    (ask_date,) = await parent.says(NICKNAME)
    assert f"When was {NICKNAME} born" in ask_date
    (ask_day,) = await parent.says("March 2024")
    assert "Which day of March 2024" in ask_day
    day_question = parent.last_message()

    note, ask_preterm = await parent.presses(day_question["message_id"], "ob:day:unknown", 2)
    assert "15 March 2024" in note
    assert "born early" in ask_preterm
    edited = parent.tg.messages(parent.chat_id)[-3]
    assert edited["message_id"] == day_question["message_id"]
    assert edited["text"].endswith("✓ Don't know")
    assert "reply_markup" not in edited

    preterm_question = parent.last_message()
    (done,) = await parent.presses(preterm_question["message_id"], "ob:preterm:no")
    assert done.startswith("All set!")
    answered = next(
        m for m in parent.tg.messages(parent.chat_id)
        if m["message_id"] == preterm_question["message_id"]
    )  # fmt: skip
    assert answered["text"].endswith("✓ No, at term")
    assert "reply_markup" not in answered


async def test_onboarding_through_buttons(
    start_bot: StartBot, database_url: str, tg: FakeTelegram, parent: Parent
) -> None:
    """Runs on SQLite and on PostgreSQL: the whole add-a-child flow, answered by buttons."""
    sprout = await start_bot(database_url)
    await onboard_via_buttons(parent)
    presses = [c for c in tg.calls if c.method == "answerCallbackQuery"]
    assert len(presses) == 2
    assert all(c.ok for c in presses)
    assert await family_active(sprout.engine, parent.chat_id) is True


async def test_free_text_concern_gets_guidance(sprout: RunningBot, parent: Parent) -> None:
    await parent.onboard()
    (guidance,) = await parent.says("he holds his crayon in a fist")
    assert "Holding a pencil or crayon" in guidance
    assert "fist grip is normal" in guidance


async def test_group_chat_is_refused_and_left_with_nothing_stored(
    sprout: RunningBot, tg: FakeTelegram
) -> None:
    group = -4242
    since = len(tg.calls)
    tg.group_message(group, "hello bot, track my kid please")
    await tg.wait_for("leaveChat", since=since)
    assert tg.sent_texts(group) == [PRIVATE_ONLY]
    assert await family_active(sprout.engine, group) is None


async def test_429_and_500_mid_conversation_lose_nothing(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    await parent.says("/start", replies=2)
    tg.fail_next("sendMessage", "429", chat_id=parent.chat_id, retry_after=1)
    (ask_date,) = await parent.says(NICKNAME)
    tg.fail_next("sendMessage", "500", chat_id=parent.chat_id)
    (ask_preterm,) = await parent.says("2024-03-15")
    (done,) = await parent.presses(parent.last_message()["message_id"], "ob:preterm:no")

    statuses = [c.status for c in tg.calls if c.method == "sendMessage"]
    assert statuses.count(429) == 1
    assert statuses.count(500) == 1
    assert f"When was {NICKNAME} born" in ask_date
    assert "born early" in ask_preterm
    assert done.startswith("All set!")
    # Every question reached the parent exactly once, in order, and nothing else did.
    texts = parent.texts()
    assert len(texts) == 5
    assert [t for t in texts if t.startswith("When was")] == [ask_date]
    assert texts[-1] == done


async def test_403_marks_the_family_inactive_and_a_new_message_restores_it(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    await parent.says("/start", replies=2)
    tg.fail_next("sendMessage", "403", chat_id=parent.chat_id)
    await parent.replies_to(lambda: tg.user_message(parent.chat_id, NICKNAME), status=403)
    # A sticker's reply is handled after the blocked send (one chat, one update at a time),
    # and touches no family: once it arrives, the 403 has been recorded.
    assert await parent.replies_to(lambda: tg.sticker(parent.chat_id)) == [TEXT_ONLY]
    assert await family_active(sprout.engine, parent.chat_id) is False

    (ask_preterm,) = await parent.says("2024-03-15")
    assert "born early" in ask_preterm
    assert await family_active(sprout.engine, parent.chat_id) is True


async def test_kicked_by_my_chat_member_marks_the_family_inactive(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    await parent.onboard()
    since = len(tg.calls)
    tg.chat_member_update(parent.chat_id, status="kicked")
    tg.sticker(parent.chat_id)  # handled after the membership change; its reply gets a 403
    await tg.wait_for(lambda c: c.method == "sendMessage" and c.status == 403, since=since)
    assert await family_active(sprout.engine, parent.chat_id) is False

    since = len(tg.calls)
    tg.chat_member_update(parent.chat_id, status="member")
    tg.sticker(parent.chat_id)
    await tg.wait_for(lambda c: c.method == "sendMessage" and c.ok, since=since)
    assert await family_active(sprout.engine, parent.chat_id) is True


async def test_a_kicked_update_for_an_unknown_chat_creates_no_family(
    sprout: RunningBot, tg: FakeTelegram
) -> None:
    stranger = Parent(tg, 2002)
    since = len(tg.calls)
    tg.chat_member_update(stranger.chat_id, status="kicked")
    tg.sticker(stranger.chat_id)
    await tg.wait_for(lambda c: c.method == "sendMessage" and c.status == 403, since=since)
    assert await family_active(sprout.engine, stranger.chat_id) is None


async def test_restart_mid_flow_continues_where_it_stood(
    start_bot: StartBot, sqlite_url: str, parent: Parent
) -> None:
    first = await start_bot(sqlite_url)
    await parent.says("/start", replies=2)
    await parent.says(NICKNAME)
    await first.stop()

    await start_bot(sqlite_url)
    (ask_preterm,) = await parent.says("2024-03-15")
    assert f"Was {NICKNAME} born early" in ask_preterm


async def test_webhook_checks_the_secret(
    start_bot: StartBot, sqlite_url: str, tg: FakeTelegram, parent: Parent
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    sprout = await start_bot(
        sqlite_url,
        webhook=True,
        webhook_url=url,
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret="s3cret-Token_1",
    )
    forged = {
        "update_id": 990_001,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": parent.chat_id, "type": "private", "first_name": "Eve"},
            "from": {"id": parent.chat_id, "is_bot": False, "first_name": "Eve"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }
    tg.add_chat(parent.chat_id)  # a chat Telegram knows, so the bot can answer there
    assert await tg.post_update_to(url, forged, secret_token="wrong") == 403
    assert await tg.post_update_to(url, forged) == 403

    since = len(tg.calls)
    assert await tg.post_update_to(url, forged, secret_token="s3cret-Token_1") == 200
    await tg.wait_for(lambda c: c.method == "sendMessage" and c.ok, count=2, since=since)
    # Updates the stand-in pushes itself (it got the secret from setWebhook) go through too.
    (ask_date,) = await parent.says(NICKNAME)
    assert f"When was {NICKNAME} born" in ask_date
    # The forged request was never queued: /start was answered exactly once.
    assert sum("What should I call your child" in t for t in parent.texts()) == 1
    assert await family_active(sprout.engine, parent.chat_id) is True


@pytest.fixture
def json_logs() -> Iterator[io.StringIO]:
    """Production logging (``configure_logging`` at DEBUG with the token), its stderr handler
    writing into a buffer; pytest's handlers and levels are put back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    names = ("httpx", "httpcore", "apscheduler", "aiosqlite", "telegram")
    levels = {name: logging.getLogger(name).level for name in names}
    configure_logging("DEBUG", DEFAULT_TOKEN)
    buffer = io.StringIO()
    (handler,) = root.handlers
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(buffer)
    yield buffer
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


async def test_token_and_child_data_never_appear_in_logs(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent, json_logs: io.StringIO
) -> None:
    await parent.says("/start", replies=2)
    tg.fail_next("sendMessage", "500", chat_id=parent.chat_id)
    await parent.says(NICKNAME)
    tg.fail_next("answerCallbackQuery", "400", description="Bad Request: query is too old")
    await parent.says("2024-03-15")
    await parent.presses(parent.last_message()["message_id"], "ob:preterm:no")
    await parent.says("he holds his crayon in a fist")

    logged = json_logs.getvalue()
    assert "send failed, retrying" in logged  # the capture works and saw both faults
    assert "button press not acknowledged" in logged
    assert DEFAULT_TOKEN not in logged
    assert DEFAULT_TOKEN.split(":", 1)[1] not in logged
    assert NICKNAME not in logged
    assert "crayon" not in logged


async def test_a_group_message_after_the_bot_left_is_handled_quietly(
    sprout: RunningBot, tg: FakeTelegram, json_logs: io.StringIO
) -> None:
    """Issue 15, problem 9: a 403 from a group the bot was just removed from was logged as an
    error with a traceback; it is one quiet line, without the group or its words."""
    group = -4243
    tg.chat_member_update(group, "kicked", chat_type="group")
    since = len(tg.calls)
    tg.group_message(group, "is the sprout bot still here?")
    (refused,) = await tg.wait_for("sendMessage", since=since, timeout=WAIT)
    assert refused.status == 403
    await inbox_empty(sprout.engine)

    logged = json_logs.getvalue()
    lines = [line for line in logged.splitlines() if "group update not answered" in line]
    assert len(lines) == 1, logged
    assert "Traceback" not in logged
    assert "error while handling" not in logged
    assert str(group) not in logged
    assert "still here" not in logged


async def test_duplicated_update_is_processed_once(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    await parent.says("/start", replies=2)
    update_id = tg.user_message(parent.chat_id, NICKNAME)
    await tg.wait_for(
        lambda c: c.method == "sendMessage" and "When was" in c.params.get("text", "")
    )
    tg.duplicate_update(update_id)
    # The redelivered update comes first, so once this reply is in, it has been handled.
    (ask_preterm,) = await parent.says("2024-03-15")
    assert "born early" in ask_preterm
    assert sum(t.startswith("When was") for t in parent.texts()) == 1
    assert len(parent.texts()) == 4


async def test_duplicated_button_press_is_processed_once(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    """A redelivered press can't be answered again (Telegram: "query is too old"); it must
    be ignored quietly, not reported to the parent as an error."""
    await parent.says("/start", replies=2)
    await parent.says(NICKNAME)
    await parent.says("2024-03-15")
    update_id = tg.press_button(
        parent.chat_id, parent.last_message()["message_id"], "ob:preterm:no"
    )
    await tg.wait_for(lambda c: c.method == "sendMessage" and "All set" in c.params["text"])
    tg.duplicate_update(update_id)
    (guidance,) = await parent.says("he holds his crayon in a fist")
    assert "Holding a pencil or crayon" in guidance
    assert SOMETHING_WRONG not in parent.texts()
    assert sum(t.startswith("All set") for t in parent.texts()) == 1


@pytest.mark.parametrize(
    ("kind", "description"),
    [
        (
            "400",
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
        ),
        ("500", None),
    ],
)
async def test_button_press_still_counts_when_it_cannot_be_acknowledged(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent, kind: FaultKind, description: str | None
) -> None:
    """After a restart Telegram refuses to answer an old query, and an answer can fail like any
    call; the spinner is cosmetic, the press itself is still the parent's answer."""
    await parent.says("/start", replies=2)
    await parent.says(NICKNAME)
    await parent.says("2024-03-15")
    tg.fail_next("answerCallbackQuery", kind, description=description)
    (done,) = await parent.presses(parent.last_message()["message_id"], "ob:preterm:no")
    assert done.startswith("All set!")
    assert SOMETHING_WRONG not in parent.texts()


async def test_non_text_message_gets_a_friendly_reply(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    assert await parent.replies_to(lambda: tg.sticker(parent.chat_id)) == [TEXT_ONLY]
    assert await parent.replies_to(lambda: tg.photo(parent.chat_id)) == [TEXT_ONLY]
    assert await family_active(sprout.engine, parent.chat_id) is None


async def test_stale_button_gets_the_current_question_again(
    sprout: RunningBot, tg: FakeTelegram, parent: Parent
) -> None:
    await parent.says("/start", replies=2)
    await parent.says(NICKNAME)
    await parent.says("March 2024")
    day_question = parent.last_message()
    (ask_preterm,) = await parent.says("15")  # typed instead of pressing "Don't know"
    assert "born early" in ask_preterm

    # Pressed on a phone before the edit that took its buttons off arrived.
    earlier, again = await parent.replies_to(
        lambda: tg.press_button(
            parent.chat_id, day_question["message_id"], "ob:day:unknown", strict=False
        ),
        2,
    )
    assert "earlier question" in earlier
    assert again == ask_preterm
    await outbox_drained(sprout.engine)
    old = next(
        m for m in tg.messages(parent.chat_id) if m["message_id"] == day_question["message_id"]
    )
    assert "reply_markup" not in old
    assert "✓" not in old["text"]
    # Only the question sent last can be answered (issue 15).
    live = [m["message_id"] for m in tg.messages(parent.chat_id) if m.get("reply_markup")]
    assert live == [parent.last_message()["message_id"]]
