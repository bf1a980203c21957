"""An outbox sender for tests that drive its loop by hand."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, cast

from bot.telegram.outbox import OutboxSender
from bot.telegram.sender import Sender
from storage.repositories import Stored
from storage.uow import Store


async def _not_blocked(_chat_id: int) -> None:
    raise AssertionError("nobody blocks the bot in these tests")


async def _no_files(_row: Stored, _until: datetime) -> None:
    raise AssertionError("no step asks for a file in these tests")


def outbox_sender(
    store: Store,
    sender: object,
    *,
    interval: float = 1.0,
    remake: Callable[[Stored, datetime], Awaitable[None]] = _no_files,
) -> OutboxSender:
    """``sender`` stands in for ``Sender`` (anything with its ``send``)."""
    return OutboxSender(
        store,
        cast(Sender, cast(Any, sender)),
        interval=interval,
        clock=lambda: datetime.now(UTC),
        on_blocked=_not_blocked,
        remake=remake,
    )


def first_look_done(outbox: OutboxSender) -> asyncio.Event:
    """An event set once the sender's first look at the table has finished."""
    looked = asyncio.Event()
    look = outbox._look

    async def first_look(*, send: bool) -> datetime | None:
        try:
            return await look(send=send)
        finally:
            looked.set()

    outbox._look = first_look  # type: ignore[method-assign]
    return looked


async def drained(outbox: OutboxSender, look: bool = True) -> None:
    """What the sender's loop does until every reply sent is settled, driven by hand: wait
    for the sends in flight, and look whenever one has finished (the loop is woken then)."""
    while True:
        if outbox._sends:
            await asyncio.gather(*list(outbox._sends))
            look = True
            continue
        if not look:
            return
        look = False
        await outbox._look(send=True)
