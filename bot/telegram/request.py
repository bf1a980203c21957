"""The Bot API client's HTTP requests, a few at a time.

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
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.request import HTTPXRequest

#: Requests in flight at once, and connections kept: enough for Telegram's overall rate
#: (about 30 messages a second) at a round trip of a quarter of a second.
MAX_IN_FLIGHT = 8


class BoundedRequest(HTTPXRequest):
    """``HTTPXRequest`` with at most ``max_in_flight`` requests under way."""

    def __init__(self, max_in_flight: int = MAX_IN_FLIGHT, **kwargs: Any) -> None:
        super().__init__(connection_pool_size=max_in_flight, **kwargs)
        self._turns = asyncio.Semaphore(max_in_flight)

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        async with self._turns:
            return await super().do_request(*args, **kwargs)
