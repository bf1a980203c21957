"""What the inbox and the handlers tell each other about the updates being processed.

The inbox (``inbox.py``) decides how an update reaches its step: through the inbox table, or,
for an idle chat, straight to the step, whose transaction is then the only place the update
is ever written (one commit instead of two). The handlers (``bot/handlers/chat.py``) run the
step and say when its transaction committed, because only then may the poller acknowledge an
update that was never stored (the next ``getUpdates`` offset, the webhook's 200).
"""

from __future__ import annotations

import asyncio


class InFlight:
    """Shared by one ``UpdateInbox`` and one ``ChatHandlers``."""

    def __init__(self) -> None:
        #: Updates a step's transaction took (removed from the inbox, logged as processed).
        self.consumed: set[int] = set()
        #: A message Telegram split in two, joined by the inbox: the first half's update id ->
        #: the second's, which the same transaction takes out of the inbox.
        self.joined: dict[int, tuple[int, ...]] = {}
        #: Updates processed before being stored (an idle chat's): not in the inbox table.
        self._unstored: dict[int, asyncio.Event] = {}
        #: Unstored updates that failed and could not be stored: not to be acknowledged.
        self._failed: set[int] = set()

    def process_unstored(self, update_id: int) -> asyncio.Event:
        """Mark ``update_id`` as not in the inbox table; the event is set once it is durable
        (its step committed) or its processing is over."""
        event = self._unstored[update_id] = asyncio.Event()
        return event

    def stored(self, update_id: int) -> bool:
        """Whether ``update_id`` is in the inbox table (so its step must delete the row)."""
        return update_id not in self._unstored

    def taken(self, update_id: int) -> None:
        """``update_id``'s step committed: it is durable now, wherever it came from."""
        self.consumed.add(update_id)
        event = self._unstored.get(update_id)
        if event is not None:
            event.set()

    def done(self, update_id: int, *, durable: bool = True) -> None:
        """``update_id``'s processing is over: nothing more to wait for. ``durable=False``:
        it failed before any step took it and could not be stored either, so it must not be
        acknowledged."""
        event = self._unstored.pop(update_id, None)
        if not durable:
            self._failed.add(update_id)
        if event is not None:
            event.set()

    def durable(self, update_id: int) -> bool:
        """After its event: whether ``update_id`` may be acknowledged (asked once)."""
        if update_id in self._failed:
            self._failed.discard(update_id)
            return False
        return True
