"""The Bot API client lets a few requests through at a time (``bot.telegram.request``).

The outbox sends to every chat at once; an unbounded client opened a connection per send,
and httpcore's pool then examined all of them on every request (issue 16's throughput). The
pool looks at an idle connection through the socket its stream kept."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import anyio.abc
import httpcore
import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.settings import load_settings
from bot.telegram.application import build_application
from bot.telegram.request import BoundedRequest, SocketKeepingBackend, _readable
from tests.support.fake_telegram import FakeTelegram


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


async def test_the_bot_api_calls_run_on_the_socket_keeping_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """httpx takes no network backend, so ``BoundedRequest`` gives its transport a pool built
    with one; this fails if httpx stops sending through that pool."""
    opened: list[httpcore.AsyncNetworkStream] = []
    connect = SocketKeepingBackend.connect_tcp

    async def counted(self: SocketKeepingBackend, *args: Any, **kwargs: Any) -> Any:
        opened.append(await connect(self, *args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(SocketKeepingBackend, "connect_tcp", counted)
    async with (
        FakeTelegram() as tg,
        Bot(tg.token, base_url=tg.base_url, request=BoundedRequest()) as bot,
    ):
        assert (await bot.get_me()).is_bot
        await bot.get_me()
    assert len(opened) == 1  # kept alive and used again


async def test_an_idle_connection_is_looked_at_without_asking_anyio(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """anyio builds its attribute mapping, with a ``getpeername`` call, on every ask: the
    pool's look at each idle connection on every request cost about 6% of the saturated
    bot's CPU."""
    asked: list[object] = []
    extra = anyio.abc.SocketStream.extra

    def counted(self: anyio.abc.SocketStream, attribute: Any, *default: Any) -> Any:
        asked.append(attribute)
        return extra(self, attribute, *default)

    monkeypatch.setattr(anyio.abc.SocketStream, "extra", counted)
    async with FakeTelegram() as tg:
        stream = await SocketKeepingBackend().connect_tcp("127.0.0.1", tg.port)
        try:
            asked.clear()
            assert stream.get_extra_info("is_readable") is False
            assert asked == []
        finally:
            await stream.aclose()


def test_a_connection_the_server_closed_reads_as_readable() -> None:
    ours, theirs = socket.socketpair()
    with ours:
        assert not _readable(ours)
        theirs.close()
        assert _readable(ours)  # the pool drops it
    assert _readable(ours)  # closed here too
    assert _readable(None)
