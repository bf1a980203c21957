"""Fixtures for tests of the real ``SproutBot`` against the Bot API stand-in (a pytest plugin,
loaded by ``tests/conftest.py``).

Every bot a test starts runs the production start-up path (``open_engine``, ``SproutBot.start``)
with only the per-chat pacing shortened, and is stopped after the test even when it fails.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from bot.bootstrap import open_engine
from bot.settings import Settings, load_settings
from bot.telegram.application import SproutBot
from storage.crypto import new_key
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram
from tests.support.harness import Parent, RunningBot

#: Pacing between two messages to one chat; production uses a second, tests need none.
TEST_CHAT_INTERVAL = 0.01


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=DEFAULT_TOKEN) as server:
        yield server


@pytest.fixture
def encryption_key() -> str:
    """One key per test, shared by every bot the test starts (a restart must read old rows)."""
    return new_key()


@pytest.fixture
def make_settings(tg: FakeTelegram, encryption_key: str) -> Callable[..., Settings]:
    """Settings pointing at the stand-in; keyword arguments override any key."""

    def make(database_url: str, **overrides: Any) -> Settings:
        return load_settings(
            telegram_bot_token=DEFAULT_TOKEN,
            database_url=database_url,
            bot_api_base_url=tg.base_url,
            bot_api_base_file_url=tg.base_file_url,
            encryption_keys=encryption_key,
            **overrides,
        )

    return make


StartBot = Callable[..., Awaitable[RunningBot]]


@pytest.fixture
async def start_bot(make_settings: Callable[..., Settings]) -> AsyncIterator[StartBot]:
    """Start a bot on a database (polling unless ``webhook=True``); all are stopped after."""
    running: list[RunningBot] = []

    async def start(database_url: str, *, webhook: bool = False, **overrides: Any) -> RunningBot:
        settings = make_settings(database_url, **overrides)
        engine = await open_engine(settings, create_key=False)
        bot = SproutBot(settings, engine, chat_interval=TEST_CHAT_INTERVAL)
        run = RunningBot(bot, engine)
        running.append(run)
        await bot.start(webhook=webhook)
        return run

    yield start
    for run in reversed(running):
        await run.stop()


@pytest.fixture
async def sprout(start_bot: StartBot, sqlite_url: str) -> RunningBot:
    """The bot on a fresh SQLite file, long polling the stand-in."""
    return await start_bot(sqlite_url)


@pytest.fixture
def parent(tg: FakeTelegram) -> Parent:
    return Parent(tg, 1001)
