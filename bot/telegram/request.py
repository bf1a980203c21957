"""The Bot API client's HTTP requests, a few at a time, on a pool that looks cheaply.

httpcore's connection pool examines every connection it holds (a socket poll each, to see
whether a kept-alive one has expired) and every request waiting for one, on every request it
starts and finishes: the cost of one request grows with the pool (encode/httpcore#924 and
#1035). The outbox sends to many chats at once, so with PTB's pool of 256 (or the 64 used
before) a burst opened dozens of connections, and from then on every send paid for all of
them: in the saturated throughput benchmark the pool's bookkeeping was about a seventh of
the whole process's CPU, four times what the durable peer bot spent there.

Telegram itself accepts about 30 messages a second from a bot, so a handful of requests in
flight keeps up with it even at a slow round trip. ``BoundedRequest`` lets at most
``max_in_flight`` requests through at once and sizes the pool to match; the others wait
their turn here, in order and without httpcore's pool timeout, instead of in the pool.

Even so, each look at an idle connection asked anyio for the socket through a mapping it
builds afresh on every ask, with a ``getpeername`` system call in it: about 6% of the
process's CPU when saturated (docs/benchmarks.md, "A profile of both bots"). The pool here
runs on a network backend whose streams keep their socket, so the look is the one poll
httpcore means it to be. httpx takes no backend, so ``_transport`` gives its transport a
pool built with one; ``tests/telegram/test_request.py`` fails if httpx stops using it.
"""

from __future__ import annotations

import asyncio
import select
import socket
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx
from telegram.request import HTTPXRequest

#: Requests in flight at once, and connections kept: enough for Telegram's overall rate
#: (about 30 messages a second) at a round trip of a quarter of a second.
MAX_IN_FLIGHT = 8


class BoundedRequest(HTTPXRequest):
    """``HTTPXRequest`` with at most ``max_in_flight`` requests under way."""

    def __init__(self, max_in_flight: int = MAX_IN_FLIGHT, **kwargs: Any) -> None:
        super().__init__(
            connection_pool_size=max_in_flight,
            httpx_kwargs={"transport": _transport(max_in_flight)},
            **kwargs,
        )
        self._turns = asyncio.Semaphore(max_in_flight)

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        async with self._turns:
            return await super().do_request(*args, **kwargs)


def _transport(connections: int) -> httpx.AsyncHTTPTransport:
    """httpx's transport (its request and error mapping, which PTB relies on) over a pool
    of ``connections`` on ``SocketKeepingBackend``; otherwise httpx's defaults."""
    limits = httpx.Limits(max_connections=connections)
    transport = httpx.AsyncHTTPTransport(limits=limits)
    transport._pool = httpcore.AsyncConnectionPool(  # httpx's own attribute (module doc)
        ssl_context=httpx.create_ssl_context(),
        max_connections=limits.max_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=SocketKeepingBackend(),
    )
    return transport


class SocketKeepingBackend(httpcore.AsyncNetworkBackend):
    """httpcore's anyio backend, its streams wrapped in ``_SocketKeepingStream``."""

    def __init__(self) -> None:
        self._backend = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self._backend.connect_tcp(
            host, port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )
        return _SocketKeepingStream(stream)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self._backend.connect_unix_socket(
            path, timeout=timeout, socket_options=socket_options
        )
        return _SocketKeepingStream(stream)

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


class _SocketKeepingStream(httpcore.AsyncNetworkStream):
    """A stream that answers "is it readable?" from the socket it was opened on."""

    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self._stream = stream
        self._socket: socket.socket | None = stream.get_extra_info("socket")

    async def read(
        self,
        max_bytes: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
    ) -> bytes:
        return await self._stream.read(max_bytes, timeout)

    async def write(
        self,
        buffer: bytes,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
    ) -> None:
        await self._stream.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
    ) -> httpcore.AsyncNetworkStream:
        tls = await self._stream.start_tls(ssl_context, server_hostname, timeout)
        return _SocketKeepingStream(tls)

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            return _readable(self._socket)
        return self._stream.get_extra_info(info)


def _readable(sock: socket.socket | None) -> bool:
    """httpcore's test: whether a read would return at once (for an idle keep-alive
    connection, only the server closing it does). A socket that is gone counts as readable,
    so the pool drops its connection."""
    if sock is None or sock.fileno() < 0:
        return True
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(sock, select.POLLIN)
        return bool(poller.poll(0))
    readable, _, _ = select.select([sock], [], [], 0)  # Windows
    return bool(readable)
