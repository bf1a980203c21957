"""The Bot API client lets a few requests through at a time (``bot.telegram.request``).

The outbox sends to every chat at once; an unbounded client opened a connection per send,
and httpcore's pool then examined all of them on every request (issue 16's throughput)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram.request import HTTPXRequest

from bot.settings import load_settings
from bot.telegram.application import build_application
from bot.telegram.request import BoundedRequest


async def test_no_more_than_the_bound_are_in_flight(monkeypatch: pytest.MonkeyPatch) -> None:
    in_flight, most = 0, 0

    async def slow_request(self: HTTPXRequest, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        return 200, b"{}"

    monkeypatch.setattr(HTTPXRequest, "do_request", slow_request)
    request = BoundedRequest(max_in_flight=3)
    answers = await asyncio.gather(
        *(request.do_request("http://bot.invalid/getMe", "POST") for _ in range(10))
    )
    assert answers == [(200, b"{}")] * 10
    assert most == 3


def test_the_bot_sends_through_the_bounded_client() -> None:
    settings = load_settings(telegram_bot_token="123456:" + "A" * 35)
    bot = build_application(settings).bot
    assert isinstance(bot.request, BoundedRequest)
