"""The composition root for Telegram: settings -> Application, handlers, lifecycle.

``SproutBot`` starts and stops everything explicitly (``initialize``, command menu, polling or
webhook, ``start``) instead of relying on ``run_polling``'s ``post_init`` hooks, so tests and
production go through exactly the same start-up path.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable
from datetime import timedelta
from typing import Any

from telegram import BotCommand, Update
from telegram.error import InvalidToken
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    ContextTypes,
)

from bot.bootstrap import open_engine
from bot.engine.dialog import DialogEngine
from bot.flows.registry import MENU
from bot.handlers.chat import ChatHandlers
from bot.logs import configure_logging
from bot.reminders.delivery import ReminderDelivery
from bot.settings import ConfigError, Settings
from bot.telegram.sender import ChatPacer, Sender
from bot.telegram.webhook import WebhookServer

log = logging.getLogger(__name__)

#: The update types the bot handles; everything else is never fetched.
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.MY_CHAT_MEMBER,
]
#: Telegram asks for about one message per second per chat.
CHAT_INTERVAL = 1.0
#: The reminder job: its name (one per process) and how often it looks for due rows.
REMINDER_JOB = "sprout-reminders"
REMINDER_INTERVAL = timedelta(minutes=1)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across chats, strictly in arrival order within one chat.

    A parent's messages must be handled one after another (each step reads the state the
    previous one wrote), but one slow chat must not hold up everybody else.
    """

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._locks.setdefault(chat.id, asyncio.Lock())
        self._waiting[chat.id] = self._waiting.get(chat.id, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[chat.id] -= 1
            if not self._waiting[chat.id]:
                del self._waiting[chat.id], self._locks[chat.id]

    async def initialize(self) -> None:
        """Nothing to set up: locks are created per chat on demand."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def build_application(
    settings: Settings,
    engine: DialogEngine,
    *,
    chat_interval: float = CHAT_INTERVAL,
    pacer: ChatPacer | None = None,
) -> Application:
    """The python-telegram-bot Application with Sprout's handlers registered.

    ``pacer`` is shared with the reminder job, so replies and reminders to one chat keep
    Telegram's per-chat spacing together.
    """
    application = (
        ApplicationBuilder()
        .token(settings.require_token())
        .base_url(settings.bot_api_base_url)
        .base_file_url(settings.bot_api_base_file_url)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .concurrent_updates(PerChatUpdateProcessor(64))
        .connection_pool_size(64)
        .build()
    )
    sender = Sender(application.bot, pacer or ChatPacer(chat_interval))
    ChatHandlers(engine, sender).register(application)
    return application


class SproutBot:
    """Starts and stops the bot: polling or webhook, plus the command menu."""

    def __init__(
        self, settings: Settings, engine: DialogEngine, *, chat_interval: float = CHAT_INTERVAL
    ) -> None:
        self.settings = settings
        self.engine = engine
        pacer = ChatPacer(chat_interval)
        self.application = build_application(settings, engine, pacer=pacer)
        self.reminders = ReminderDelivery(
            engine.store,
            Sender(self.application.bot, pacer, attempts=3),
            clock=engine.clock,
            rate=settings.reminder_rate,
        )
        self._webhook: WebhookServer | None = None

    async def start(self, *, webhook: bool = False) -> None:
        app = self.application
        await app.initialize()
        await app.bot.set_my_commands([BotCommand(n, d) for n, d in MENU.items()])
        if webhook:
            await self._start_webhook()
        else:
            assert app.updater is not None
            await app.updater.start_polling(allowed_updates=ALLOWED_UPDATES, timeout=30)
        await app.start()
        self._schedule_reminders()
        log.info("bot started", extra={"mode": "webhook" if webhook else "polling"})

    def _schedule_reminders(self) -> None:
        """The reminder tick, once per process (jobs live in memory; the schedule in the DB).

        Every instance runs it; claims in the database keep them from sending one twice.
        """
        queue = self.application.job_queue
        assert queue is not None, "python-telegram-bot[job-queue] is a dependency"
        if not queue.get_jobs_by_name(REMINDER_JOB):
            queue.run_repeating(
                self._tick,
                interval=REMINDER_INTERVAL,
                first=timedelta(seconds=1),
                name=REMINDER_JOB,
                job_kwargs={"max_instances": 1, "coalesce": True},
            )

    async def _tick(self, _context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.reminders.run_once()

    async def _start_webhook(self) -> None:
        settings = self.settings
        if not settings.webhook_url or settings.webhook_secret is None:
            raise ConfigError("WEBHOOK_URL and WEBHOOK_SECRET must both be set for --webhook")
        secret = settings.webhook_secret.get_secret_value()
        self._webhook = WebhookServer(self.application, secret)
        self._webhook.start(settings.webhook_listen, settings.webhook_port)
        await self.application.bot.set_webhook(
            settings.webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES
        )

    async def stop(self) -> None:
        app = self.application
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if self._webhook is not None:
            await self._webhook.stop()
        if app.running:
            await app.stop()
        await app.shutdown()


async def _serve(settings: Settings, webhook: bool) -> None:
    engine = await open_engine(settings, create_key=False)
    bot = SproutBot(settings, engine)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await bot.start(webhook=webhook)
        await stop.wait()
    finally:
        await bot.stop()
        await engine.store.close()


#: What ``parentbot run`` says when Telegram refuses the token (never the token itself).
TOKEN_REJECTED = "TELEGRAM_BOT_TOKEN was rejected by Telegram: check the token"


def run_bot(settings: Settings, *, webhook: bool) -> int:
    """``parentbot run``: serve until SIGINT/SIGTERM.

    A token Telegram refuses is a setting to fix, not a crash: PTB's ``InvalidToken`` quotes
    the token in its message, so it becomes one ``ConfigError`` line naming the setting.
    """
    token = settings.require_token()
    configure_logging(settings.log_level, token)
    try:
        asyncio.run(_serve(settings, webhook))
    except InvalidToken:
        raise ConfigError(TOKEN_REJECTED) from None
    return 0
