"""The Bot API stand-in, proven with a bare python-telegram-bot over real HTTP.

If the stand-in answered differently from Telegram, every end-to-end test built on it would
prove the wrong thing; so these tests drive it with an unmodified PTB echo bot and check the
answers PTB gets: shapes it can parse, the exceptions it raises for Telegram's errors, and the
validation that makes a call Telegram would reject fail here too.
"""

from __future__ import annotations

import asyncio
import socket
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from tests.support.echo_bot import build_echo_app
from tests.support.fake_telegram import TINY_PNG, Call, FakeTelegram, UploadedFile

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n% Sprout summary\n%%EOF\n"


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    """A plain ``Bot`` for direct calls (no updater), initialized against the stand-in."""
    async with Bot(tg.token, base_url=tg.base_url, base_file_url=tg.base_file_url) as client:
        yield client


@asynccontextmanager
async def polling(app: Application) -> AsyncIterator[Application]:
    """Run ``app`` the way the brief prescribes and always stop it cleanly."""
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


async def raw_call(
    tg: FakeTelegram, method: str, data: dict[str, str] | None = None, *, token: str | None = None
) -> tuple[int, dict[str, Any]]:
    """A Bot API call without PTB, to see the stand-in's bare HTTP answers."""
    url = f"{tg.base_url}{token or tg.token}/{method}"
    async with aiohttp.ClientSession() as session, session.post(url, data=data or {}) as resp:
        return resp.status, await resp.json()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- echo bot round trips ------------------------------------------------------------------------


async def test_echo_round_trip(tg: FakeTelegram) -> None:
    async with polling(build_echo_app(tg)):
        tg.user_message(42, "hello sprout")
        [call] = await tg.wait_for("sendMessage")
    assert call.ok
    assert call.params["chat_id"] == 42
    assert call.params["text"] == "hello sprout"
    assert tg.sent_texts(42) == ["hello sprout"]
    [message] = tg.messages(42)
    assert message["from"]["is_bot"] is True
    assert message["chat"] == {"id": 42, "type": "private", "first_name": "User42"}
    # The user's message took id 1 in this chat, the bot's reply id 2.
    assert message["message_id"] == 2
    methods = [c.method for c in tg.calls]
    assert methods[:2] == ["getMe", "deleteWebhook"]
    assert "getUpdates" in methods
    assert all(c.status in (200, 0) for c in tg.calls), [c for c in tg.calls if not c.ok]


async def test_updates_are_confirmed_and_not_redelivered(tg: FakeTelegram) -> None:
    async with polling(build_echo_app(tg)):
        tg.user_message(1, "one")
        await tg.wait_for("sendMessage")
        tg.user_message(1, "two")
        await tg.wait_for("sendMessage", count=2)
    # PTB confirms the last update on stop; nothing is pending, nothing answered twice.
    assert tg.pending_updates == 0
    assert tg.sent_texts(1) == ["one", "two"]


async def test_duplicate_update_is_delivered_again(tg: FakeTelegram) -> None:
    async with polling(build_echo_app(tg)):
        update_id = tg.user_message(5, "again")
        await tg.wait_for("sendMessage")
        tg.duplicate_update(update_id)
        await tg.wait_for("sendMessage", count=2)
    assert tg.sent_texts(5) == ["again", "again"]


async def test_non_text_and_group_messages(tg: FakeTelegram) -> None:
    async with polling(build_echo_app(tg)):
        tg.sticker(8)
        tg.photo(8, caption="look")
        tg.group_message(-100, "hi group")
        [call] = await tg.wait_for("sendMessage")
        await asyncio.sleep(0.2)  # give a wrong reply to the sticker or photo time to show
    assert call.params["chat_id"] == -100
    assert tg.sent_texts(8) == []
    assert tg.messages(-100)[0]["chat"]["type"] == "group"


async def test_button_press_round_trip(tg: FakeTelegram) -> None:
    answered: list[str] = []

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        keyboard = [[InlineKeyboardButton("Sitting", callback_data="skill:sit")]]
        await update.effective_message.reply_text(
            "<b>Pick</b> a skill", parse_mode=ParseMode.HTML,
            reply_markup=InlineKeyboardMarkup(keyboard),
        )  # fmt: skip

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        assert query.message is not None
        answered.append(query.id)
        await query.answer("Noted")
        await query.edit_message_text(f"You picked {query.data}")

    app = ApplicationBuilder().token(tg.token).base_url(tg.base_url).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    async with polling(app):
        tg.user_message(7, "/start")
        await tg.wait_for("sendMessage")
        [shown] = tg.messages(7)
        assert shown["text"] == "Pick a skill"
        assert shown["entities"] == [{"type": "bold", "offset": 0, "length": 4}]
        tg.press_button(7, shown["message_id"], "skill:sit")
        await tg.wait_for("editMessageText")
    assert [c.status for c in tg.calls if c.method == "answerCallbackQuery"] == [200]
    assert tg.callback_answer(answered[0]) == {"callback_query_id": answered[0], "text": "Noted"}
    [edited] = tg.messages(7)
    assert edited["text"] == "You picked skill:sit"
    assert "reply_markup" not in edited  # an edit without a keyboard removes it, as in Telegram
    assert "edit_date" in edited
    with pytest.raises(ValueError, match="no button"):
        tg.press_button(7, shown["message_id"], "skill:sit")  # the button is gone now


# -- validation ----------------------------------------------------------------------------------


async def test_raw_validation_answers_like_telegram(tg: FakeTelegram) -> None:
    tg.add_chat(42)
    assert await raw_call(tg, "sendMessage", {"text": "hi"}) == (
        400,
        {"ok": False, "error_code": 400, "description": "Bad Request: chat_id is empty"},
    )
    status, body = await raw_call(tg, "sendMessage", {"chat_id": "42", "txt": "hi"})
    assert status == 400
    assert body["description"].startswith('Bad Request: unknown parameter "txt"')
    status, body = await raw_call(tg, "sendMessage", {"chat_id": "42", "text": "x" * 4097})
    assert (status, body["description"]) == (400, "Bad Request: message is too long")
    status, body = await raw_call(
        tg, "sendMessage", {"chat_id": "42", "text": "a < b", "parse_mode": "HTML"}
    )
    assert (status, body["description"]) == (
        400,
        'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2',
    )
    status, body = await raw_call(tg, "sendMessage", {"chat_id": "42", "text": "hi", "limit": "1"})
    assert status == 400
    assert await raw_call(tg, "sendMessagez", {"chat_id": "42", "text": "hi"}) == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    assert await raw_call(tg, "getMe", token="123456789:wrong") == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    status, body = await raw_call(tg, "sendMessage", {"chat_id": "43", "text": "hi"})
    assert (status, body["description"]) == (400, "Bad Request: chat not found")
    status, body = await raw_call(tg, "getUpdates", {"limit": "ten"})
    assert status == 400
    # Method names are case-insensitive in Telegram.
    status, body = await raw_call(tg, "SENDMESSAGE", {"chat_id": "42", "text": "hi"})
    assert status == 200
    assert body["result"]["text"] == "hi"
    assert [c.method for c in tg.calls][-1] == "sendMessage"
    assert [c.status for c in tg.calls] == [400, 400, 400, 400, 400, 404, 401, 400, 400, 200]


async def test_text_length_counts_after_html_parsing(tg: FakeTelegram, bot: Bot) -> None:
    tg.add_chat(3)
    sent = await bot.send_message(3, "<b>" + "a" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    assert sent.text is not None
    assert len(sent.text) == 4096
    await bot.send_message(3, "&lt;" * 4096, parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(3, "<i>" + "a" * 4097 + "</i>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(3, "  <b> </b> ", parse_mode=ParseMode.HTML)


@pytest.mark.parametrize(
    ("html", "detail"),
    [
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("line<br>break", 'Unsupported start tag "br" at byte offset 4'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<span>s</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("Ünï <b", "Unclosed start tag at byte offset 6"),  # offsets count UTF-8 bytes,
    ],
)
async def test_bad_html_is_rejected(tg: FakeTelegram, bot: Bot, html: str, detail: str) -> None:
    tg.add_chat(3)
    with pytest.raises(BadRequest) as caught:
        await bot.send_message(3, html, parse_mode=ParseMode.HTML)
    assert caught.value.message.lower() == f"can't parse entities: {detail}".lower()


async def test_button_and_answer_limits(tg: FakeTelegram, bot: Bot) -> None:
    tg.add_chat(4)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(4, "pick", reply_markup=too_long)
    fits = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="é" * 32)]])
    sent = await bot.send_message(4, "pick", reply_markup=fits)
    text_only = InlineKeyboardMarkup([[InlineKeyboardButton("x")]])
    with pytest.raises(BadRequest, match=r"(?i)text buttons are unallowed"):
        await bot.send_message(4, "pick", reply_markup=text_only)
    update_id = tg.press_button(4, sent.message_id, "é" * 32)
    query_id = tg.update(update_id)["callback_query"]["id"]
    with pytest.raises(BadRequest, match="Message_too_long"):
        await bot.answer_callback_query(query_id, text="n" * 201)
    assert await bot.answer_callback_query(query_id, text="n" * 200)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)


async def test_edit_errors(tg: FakeTelegram, bot: Bot) -> None:
    tg.add_chat(6)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="a")]])
    sent = await bot.send_message(
        6, "<i>same</i>", parse_mode=ParseMode.HTML, reply_markup=keyboard
    )
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("new", chat_id=6, message_id=sent.message_id + 10)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "<i>same</i>", chat_id=6, message_id=sent.message_id,
            parse_mode=ParseMode.HTML, reply_markup=keyboard,
        )  # fmt: skip
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(6, sent.message_id, reply_markup=keyboard)
    # Same text but bold instead of italic is a change.
    edited = await bot.edit_message_text(
        "<b>same</b>", chat_id=6, message_id=sent.message_id, parse_mode=ParseMode.HTML,
        reply_markup=keyboard,
    )  # fmt: skip
    assert isinstance(edited, Message)
    assert edited.edit_date is not None
    removed = await bot.edit_message_reply_markup(6, sent.message_id)
    assert isinstance(removed, Message)
    assert removed.reply_markup is None
    assert await bot.delete_message(6, sent.message_id)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(6, sent.message_id)
    assert tg.messages(6) == []


# -- faults --------------------------------------------------------------------------------------


async def test_429_surfaces_as_retry_after(tg: FakeTelegram, bot: Bot) -> None:
    tg.add_chat(9)
    tg.fail_next("sendMessage", "429", retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(9, "hi")
    assert caught.value.retry_after == timedelta(seconds=3)
    await bot.send_message(9, "hi")
    assert [c.status for c in tg.calls if c.method == "sendMessage"] == [429, 200]
    assert tg.stats["429"] == 1
    assert tg.stats["sendMessage"] == 2


async def test_403_500_and_400_faults(tg: FakeTelegram, bot: Bot) -> None:
    tg.add_chat(10)
    tg.add_chat(11)
    tg.fail_next("sendMessage", "403", chat_id=11)
    await bot.send_message(10, "not this chat")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(11, "hi")
    tg.fail_next("sendmessage", "500", times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(10, "hi")
    tg.fail_next("sendMessage", "400", description="Bad Request: something odd")
    with pytest.raises(BadRequest, match="Something odd"):
        await bot.send_message(10, "hi")
    assert tg.sent_texts(10) == ["not this chat"]


async def test_timeout_fault_times_the_client_out(tg: FakeTelegram) -> None:
    tg.add_chat(12)
    tg.fail_next("sendMessage", "timeout", delay=1.0)
    async with Bot(tg.token, base_url=tg.base_url) as client:
        with pytest.raises(TimedOut):
            await client.send_message(12, "slow", read_timeout=0.3)
        await client.send_message(12, "fast")
    await tg.wait_for(lambda c: c.method == "sendMessage" and c.status == 0)
    assert tg.sent_texts(12) == ["fast"]


async def test_blocking_the_bot_makes_sends_forbidden(tg: FakeTelegram, bot: Bot) -> None:
    tg.user_message(13, "/start")
    tg.chat_member_update(13, "kicked")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(13, "reminder")
    tg.chat_member_update(13, "member")
    await bot.send_message(13, "welcome back")
    updates = await bot.get_updates(allowed_updates=["my_chat_member"])
    statuses = [u.my_chat_member.new_chat_member.status for u in updates if u.my_chat_member]
    assert statuses == ["kicked", "member"]
    assert len(updates) == 2  # the /start message was dropped: not an allowed update type


async def test_enforced_rate_limits(tg: FakeTelegram) -> None:
    async with (
        FakeTelegram(enforce_limits=True) as limited,
        Bot(limited.token, base_url=limited.base_url) as client,
    ):
        limited.add_chat(20)
        limited.add_chat(21)
        await client.send_message(20, "first")
        await client.send_chat_action(20, "typing")  # not a message: not limited
        with pytest.raises(RetryAfter) as caught:
            await client.send_message(20, "second, too soon")
        await client.send_message(21, "another chat is fine")
    assert caught.value.retry_after == timedelta(seconds=1)
    assert limited.stats["429"] == 1
    assert limited.stats["sendMessage"] == 3


# -- files, commands, webhooks --------------------------------------------------------------------


async def test_document_upload_is_recorded_with_bytes(tg: FakeTelegram, bot: Bot) -> None:
    tg.add_chat(14)
    sent = await bot.send_document(
        14, document=PDF, filename="summary.pdf", caption="<b>Summary</b>",
        parse_mode=ParseMode.HTML,
    )  # fmt: skip
    [call] = [c for c in tg.calls if c.method == "sendDocument"]
    upload = call.params["document"]
    assert isinstance(upload, UploadedFile)
    assert (upload.filename, upload.content) == ("summary.pdf", PDF)
    assert sent.document is not None
    assert sent.document.file_name == "summary.pdf"
    assert sent.document.mime_type == "application/pdf"
    assert sent.document.file_size == len(PDF)
    assert sent.caption == "Summary"
    assert tg.file_content(sent.document.file_id) == PDF
    assert tg.sent_texts(14) == ["Summary"]
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_document(14, document=PDF, filename="s.pdf", caption="c" * 1025)
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(14, photo=PDF)
    photo = await bot.send_photo(14, photo=TINY_PNG)
    assert photo.photo[-1].file_size == len(TINY_PNG)


def png(width: int, height: int) -> bytes:
    """A valid PNG of one grey colour, ``width`` by ``height``."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    rows = zlib.compress((b"\x00" + b"\x80" * width) * height)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


async def test_send_photo_refuses_what_telegram_refuses(tg: FakeTelegram, bot: Bot) -> None:
    """sendPhoto as Telegram takes it: a picture (not a PDF), width and height at most 10000
    together, neither side over 20 times the other, a caption of at most 1024 characters."""
    tg.add_chat(16)
    sent = await bot.send_photo(16, photo=png(720, 1300), caption="c" * 1024)
    assert (sent.photo[-1].width, sent.photo[-1].height) == (720, 1300)
    with pytest.raises(BadRequest, match="Photo_invalid_dimensions"):
        await bot.send_photo(16, photo=png(10, 300))
    with pytest.raises(BadRequest, match="Photo_invalid_dimensions"):
        await bot.send_photo(16, photo=png(600, 9500))
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(16, photo=png(10, 10), caption="c" * 1025)
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(16, photo=b"%PDF-1.7 not a picture")


async def test_user_photo_downloads_through_base_file_url(tg: FakeTelegram, bot: Bot) -> None:
    tg.photo(15)
    [update] = await bot.get_updates()
    assert update.message is not None
    file = await update.message.photo[-1].get_file()
    assert bytes(await file.download_as_bytearray()) == TINY_PNG


async def test_commands_and_chat_actions(tg: FakeTelegram, bot: Bot) -> None:
    tg.add_chat(16)
    assert await bot.set_my_commands([("start", "Begin"), ("help", "What I can do")])
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert tg.commands() == [
        {"command": "start", "description": "Begin"},
        {"command": "help", "description": "What I can do"},
    ]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("Start", "Begin")])
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()
    assert await bot.send_chat_action(16, "typing")
    with pytest.raises(BadRequest, match="Wrong parameter action"):
        await bot.send_chat_action(16, "dancing")
    me = await bot.get_me()
    assert me.is_bot
    assert me.username == tg.bot_username
    assert me.can_join_groups


async def test_get_updates_offset_limit_and_allowed_updates(tg: FakeTelegram, bot: Bot) -> None:
    first = tg.user_message(17, "a")
    tg.user_message(17, "b")
    tg.chat_member_update(17, "kicked")
    updates = await bot.get_updates(limit=1)
    assert [u.update_id for u in updates] == [first]
    updates = await bot.get_updates()  # nothing confirmed yet: from the start again
    assert len(updates) == 3
    updates = await bot.get_updates(offset=first + 1, allowed_updates=["my_chat_member"])
    assert [u.my_chat_member is not None for u in updates] == [True]  # "b" was dropped
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()
    assert tg.pending_updates == 0


async def test_long_poll_wakes_on_new_update(tg: FakeTelegram, bot: Bot) -> None:
    async with asyncio.timeout(2), asyncio.TaskGroup() as group:
        poll = group.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.3)  # the poll is now waiting on the server
        tg.user_message(18, "wake up")
    updates = poll.result()
    assert updates[0].message is not None
    assert updates[0].message.text == "wake up"


async def test_webhook_mode(tg: FakeTelegram) -> None:
    port = free_port()
    app = build_echo_app(tg)
    async with app:
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1", port=port, url_path="hook",
            webhook_url=f"http://127.0.0.1:{port}/hook", secret_token="s3cret",
        )  # fmt: skip
        await app.start()
        try:
            status, body = await raw_call(tg, "getUpdates")
            assert (status, body["description"]) == (
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
            tg.user_message(19, "pushed")  # delivered by the stand-in itself
            await tg.wait_for("sendMessage")
            update = {
                "update_id": 999,
                "message": {
                    "message_id": 50, "date": 0, "text": "posted",
                    "chat": {"id": 19, "type": "private"},
                },
            }  # fmt: skip
            url = f"http://127.0.0.1:{port}/hook"
            assert await tg.post_update_to(url, update, secret_token="wrong") == 403
            assert await tg.post_update_to(url, update, secret_token="s3cret") == 200
            await tg.wait_for("sendMessage", count=2)
        finally:
            await app.updater.stop()
            await app.stop()
    info = {c.method: c for c in tg.calls}["setWebhook"]
    assert info.params["secret_token"] == "s3cret"
    assert tg.sent_texts(19) == ["pushed", "posted"]


async def test_every_answer_is_a_documented_message(tg: FakeTelegram, bot: Bot) -> None:
    tg.add_chat(22)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="a")]])
    await bot.send_message(22, '<a href="https://example.org">x</a> y', parse_mode="HTML",
                           reply_markup=keyboard)  # fmt: skip
    await bot.send_document(22, document=PDF, filename="a.pdf")
    results = [c.result for c in tg.calls if c.method.startswith("send")]
    for result in results:
        tg.schema.check_value("Message", result, path="result")
    assert isinstance(tg.calls[-1], Call)
    method, params, status = tg.calls[-1]
    assert (method, status) == ("sendDocument", 200)
    assert params["chat_id"] == 22


async def test_get_and_json_requests_are_decoded(tg: FakeTelegram) -> None:
    tg.add_chat(23)
    markup = {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{tg.base_url}{tg.token}/getMe") as resp:
            assert resp.status == 200
            assert (await resp.json())["result"]["username"] == tg.bot_username
        url = f"{tg.base_url}{tg.token}/sendMessage"
        body = {"chat_id": 23, "text": "json", "reply_markup": markup}
        async with session.post(url, json=body) as resp:
            assert resp.status == 200
        bad = {"chat_id": 23, "text": "json", "reply_markup": {"inline_keyboard": [[{}]]}}
        async with session.post(url, json=bad) as resp:
            assert resp.status == 400
            assert 'lacks required field "text"' in (await resp.json())["description"]
    assert tg.messages(23)[0]["reply_markup"] == markup


async def test_multipart_carries_json_fields(tg: FakeTelegram, bot: Bot) -> None:
    tg.add_chat(24)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Again", callback_data="again")]])
    sent = await bot.send_document(24, document=PDF, filename="s.pdf", reply_markup=keyboard)
    assert sent.reply_markup == keyboard
    tg.press_button(24, sent.message_id, "again")


async def test_edited_message_and_invalid_injected_update(tg: FakeTelegram) -> None:
    async with polling(build_echo_app(tg)):
        tg.user_message(25, "frist")
        await tg.wait_for("sendMessage")
        update_id = tg.user_message(25, "first", edited=True)
        await tg.wait_for("sendMessage", count=2)
    edited = tg.update(update_id)["edited_message"]
    assert (edited["message_id"], edited["text"]) == (1, "first")
    assert tg.sent_texts(25) == ["frist", "first"]
    with pytest.raises(ValueError, match="not a valid Update"):
        tg.inject_update({"message": {"message_id": 1, "text": "no chat, no date"}})


async def test_group_rate_limit_per_minute() -> None:
    async with FakeTelegram(enforce_limits=True, limit_per_chat=100, limit_per_group=3) as tg:
        tg.add_chat(-5, chat_type="group")
        async with Bot(tg.token, base_url=tg.base_url) as client:
            for n in range(3):
                await client.send_message(-5, f"message {n}")
            with pytest.raises(RetryAfter) as caught:
                await client.send_message(-5, "one too many this minute")
    assert isinstance(caught.value.retry_after, timedelta)  # PTB_TIMEDELTA=1, as in make test
    assert timedelta(seconds=59) <= caught.value.retry_after <= timedelta(seconds=60)


async def test_button_press_in_a_group(tg: FakeTelegram, bot: Bot) -> None:
    tg.group_message(-30, "hi all", user={"id": 31, "first_name": "Ana"})
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Me", callback_data="me")]])
    sent = await bot.send_message(-30, "Who?", reply_markup=keyboard)
    update_id = tg.press_button(-30, sent.message_id, "me", user=31)
    query = tg.update(update_id)["callback_query"]
    assert query["from"]["first_name"] == "Ana"
    assert query["message"]["chat"]["type"] == "group"


async def test_a_stand_in_bug_is_not_mistaken_for_telegram() -> None:
    tg = FakeTelegram()
    await tg.start()

    async def broken(params: dict[str, Any]) -> Any:
        raise KeyError("boom")

    tg._handlers["getMe"] = broken
    client = Bot(tg.token, base_url=tg.base_url)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await client.initialize()
    await client.shutdown()
    with pytest.raises(RuntimeError, match="stand-in crashed"):
        await tg.stop()


async def test_users_cannot_send_more_than_telegram_allows_in_one_message(
    tg: FakeTelegram,
) -> None:
    with pytest.raises(ValueError, match="4096"):
        tg.user_message(30, "a" * 4097)
    with pytest.raises(ValueError, match="4096"):
        tg.user_message(30, "😀" * 2049)  # 4098 UTF-16 units, as Telegram counts
    with pytest.raises(ValueError, match="1024"):
        tg.photo(30, caption="a" * 1025)
    first, second = tg.long_message(30, "a" * 4096 + "b" * 10)
    one, two = (tg.update(u)["message"] for u in (first, second))
    assert (one["text"], two["text"]) == ("a" * 4096, "b" * 10)
    assert two["message_id"] == one["message_id"] + 1
