"""The bare python-telegram-bot echo bot, the baseline for Sprout's throughput benchmark.

Measuring Sprout against this bot in the same run, on the same machine and against the same
stand-in, separates what Sprout costs (dialog engine, database, rendering) from what PTB and the
HTTP round trips cost anyway.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from tests.support.fake_telegram import FakeTelegram


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the text straight back: the least work a bot can do per update."""
    message = update.effective_message
    if message is not None and message.text is not None:
        await message.reply_text(message.text)


def build_echo_app(tg: FakeTelegram, *, concurrent_updates: bool | int = False) -> Application:
    """An ``Application`` with only the echo handler, talking to ``tg`` over HTTP.

    Start it like any PTB app: ``async with app: await app.updater.start_polling(...);
    await app.start()``. ``concurrent_updates`` mirrors the knob a benchmark may turn.
    """
    return (
        ApplicationBuilder()
        .token(tg.token)
        .base_url(tg.base_url)
        .base_file_url(tg.base_file_url)
        .concurrent_updates(concurrent_updates)
        .build()
    )  # handlers are added below so callers get a ready app


def echo_app(tg: FakeTelegram, *, concurrent_updates: bool | int = False) -> Application:
    """:func:`build_echo_app` with the text echo handler registered."""
    app = build_echo_app(tg, concurrent_updates=concurrent_updates)
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app
