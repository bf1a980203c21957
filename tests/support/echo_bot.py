"""The bare python-telegram-bot echo bot, the baseline for Sprout's throughput benchmark.

Measuring Sprout against this bot in the same run, on the same machine and against the same
stand-in, separates what Sprout costs (dialog engine, database, rendering) from what PTB and the
HTTP round trips cost anyway. The e2e tests use it too, to prove the stand-in with a bot that
has no code of ours in it.
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
    """An ``Application`` with only ``MessageHandler(filters.TEXT, echo)``, talking to ``tg``.

    Start it like any PTB app: ``async with app: await app.updater.start_polling(...);
    await app.start()``. ``concurrent_updates`` is the one knob a benchmark may want to turn.
    """
    app = (
        ApplicationBuilder()
        .token(tg.token)
        .base_url(tg.base_url)
        .base_file_url(tg.base_file_url)
        .concurrent_updates(concurrent_updates)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app
