"""What flows build on first use is built at start (issue 16, "Durable and fast"): loaded on
the first worry, the danger signs, triage's word list and the matcher held the event loop,
and every chat's replies, for about two seconds, the worst of the steady benchmark's
latencies."""

from __future__ import annotations

from bot.bootstrap import open_engine
from bot.flows.concern import matcher_for
from bot.settings import load_settings
from knowledge import triage
from knowledge.escalation import default_rules
from knowledge.signs import default_danger_signs
from storage.crypto import new_key
from tests.support.fake_telegram import DEFAULT_TOKEN

LAZY = (triage._known_words, default_danger_signs, matcher_for, default_rules)


async def test_open_engine_leaves_nothing_for_the_first_worry_to_load(sqlite_url: str) -> None:
    for built in LAZY:
        built.cache_clear()
    settings = load_settings(
        telegram_bot_token=DEFAULT_TOKEN, database_url=sqlite_url, encryption_keys=new_key()
    )
    engine = await open_engine(settings, create_key=False)
    await engine.store.close()
    assert [built.cache_info().currsize for built in LAZY] == [1, 1, 1, 1]
