"""The composition root for Telegram: settings -> Application, handlers, lifecycle.

``SproutBot`` starts and stops everything explicitly (``initialize``, command menu, inbox
replay, polling or webhook, outbox sender, ``start``) instead of relying on ``run_polling``'s
``post_init`` hooks, so tests and production go through exactly the same start-up path.
Updates come in through the inbox (``inbox.py``: our own ``getUpdates`` loop, not PTB's
``Updater``, which acknowledges updates before they are stored) and replies go out through
the outbox (``outbox.py``).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Coroutine
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

from bot.bootstrap import freeze_start_up, open_engine
from bot.engine.dialog import DialogEngine
from bot.flows.registry import MENU
from bot.handlers.chat import ChatHandlers
from bot.logs import configure_logging
from bot.reminders.delivery import ReminderDelivery
from bot.settings import ConfigError, Settings
from bot.telegram.inbox import GRACE, UpdateInbox
from bot.telegram.outbox import OutboxSender
from bot.telegram.request import BoundedRequest
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


def build_application(settings: Settings) -> Application:
    """The python-telegram-bot Application, without PTB's ``Updater`` (see module doc)."""
    return (
        ApplicationBuilder()
        .token(settings.require_token())
        .base_url(settings.bot_api_base_url)
        .base_file_url(settings.bot_api_base_file_url)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .updater(None)
        .request(BoundedRequest())
        .build()
    )


class SproutBot:
    """Starts and stops the bot: inbox, polling or webhook, outbox, the command menu."""

    def __init__(
        self, settings: Settings, engine: DialogEngine, *, chat_interval: float = CHAT_INTERVAL
    ) -> None:
        self.settings = settings
        self.engine = engine
        # One pacer for replies and reminders, so both keep Telegram's per-chat spacing.
        pacer = ChatPacer(chat_interval)
        self.application = build_application(settings)
        bot = self.application.bot
        self.outbox = OutboxSender(
            engine.store,
            Sender(bot, pacer),
            interval=chat_interval,
            clock=engine.clock,
            on_blocked=lambda chat_id: engine.set_reachable(chat_id, False),
            remake=engine.remake,
        )
        self.handlers = ChatHandlers(engine, Sender(bot, pacer), self.outbox)
        self.handlers.register(self.application)
        self.inbox = UpdateInbox(
            self.application,
            engine.store,
            flight=self.handlers.flight,
            clock=engine.clock,
        )
        self.reminders = ReminderDelivery(
            engine.store,
            Sender(bot, pacer, attempts=3),
            clock=engine.clock,
            rate=settings.reminder_rate,
        )
        self._webhook: WebhookServer | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._polling = False
        #: The reminder tick running now, if any (``_tick``).
        self._ticking: asyncio.Task[object] | None = None

    async def start(self, *, webhook: bool = False) -> None:
        app = self.application
        await app.initialize()
        self.engine.bot_username = app.bot.username  # invite links (``bot.flows.family``)
        await app.bot.set_my_commands([BotCommand(n, d) for n, d in MENU.items()])
        # What an earlier run stored and did not finish goes first, before anything new.
        await self.outbox.recover()
        await self.inbox.replay()
        self._spawn(self.outbox.run())
        if webhook:
            await self._start_webhook()
        else:
            self._polling = True
            self._spawn(self.inbox.poll(ALLOWED_UPDATES))
        await app.start()
        self._schedule_reminders()
        log.info("bot started", extra={"mode": "webhook" if webhook else "polling"})

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` until ``stop``; a failure is logged."""
        task = asyncio.get_running_loop().create_task(work)
        task.add_done_callback(_report)
        self._tasks.append(task)

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
        """One reminder round, in a task of ours: stopping PTB's job queue cancels a job
        running, which cut a reminder's transaction short; ``stop`` halts the round and
        waits for it instead."""
        tick = asyncio.get_running_loop().create_task(self.reminders.run_once())
        self._ticking = tick
        tick.add_done_callback(self._ticked)
        await asyncio.shield(tick)

    def _ticked(self, tick: asyncio.Task[object]) -> None:
        if self._ticking is tick:
            self._ticking = None

    async def _start_webhook(self) -> None:
        settings = self.settings
        if not settings.webhook_url or settings.webhook_secret is None:
            raise ConfigError("WEBHOOK_URL and WEBHOOK_SECRET must both be set for --webhook")
        secret = settings.webhook_secret.get_secret_value()
        self._webhook = WebhookServer(self.application, secret, self.inbox.receive)
        self._webhook.start(settings.webhook_listen, settings.webhook_port)
        await self.application.bot.set_webhook(
            settings.webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES
        )

    async def stop(self) -> None:
        """Stop without cutting any transaction short: the poller and the outbox sender are
        halted and finish what they hold (a batch being stored, a look), the updates being
        processed and the sends in flight get ``GRACE`` to finish, and so does a reminder
        round, before PTB's job queue (which cancels a running job) stops. Only what is still
        running after its ``GRACE`` is cancelled."""
        app = self.application
        self.inbox.halt()
        self.outbox.halt()
        self.reminders.halt()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=GRACE)
        for task in self._tasks:  # still running after GRACE: stuck, cut short
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        if self._webhook is not None:
            await self._webhook.stop()
        await self.inbox.stop()
        await self.outbox.stop()
        if self._polling:
            self._polling = False
            await self.inbox.confirm()
        if (tick := self._ticking) is not None:
            await asyncio.wait({tick}, timeout=GRACE)
            tick.cancel()
            await asyncio.gather(tick, return_exceptions=True)
        if app.running:
            await app.stop()
        await app.shutdown()


def _report(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("a background task failed", exc_info=task.exception())


async def _serve(settings: Settings, webhook: bool) -> None:
    engine = await open_engine(settings, create_key=False)
    bot = SproutBot(settings, engine)
    freeze_start_up()
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
