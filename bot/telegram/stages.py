"""Where an update waits on its way through the bot: a hook for ``bench/throughput.py``.

Issue 16 asks for a steady p99 of 40 ms, and the CPU an update costs is a few milliseconds:
the rest is waiting between the inbox, the step and the outbox. To see where, the bot marks
each stage an update and its first reply pass (``Stage``), and the benchmark installs a
``recorder`` that timestamps them. Nothing is recorded (and nothing logged) unless a
recorder is installed; a mark then costs one global lookup. Only a chat id and the stage's
name are passed, never anything a parent wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum


class Stage(StrEnum):
    """The stages, in the order an update and its first reply pass them."""

    #: The poller (or the webhook) has the update.
    RECEIVED = "received"
    #: The inbox row is committed (Telegram may now be told it arrived). Only for an update
    #: that waits in the inbox: an idle chat's update is stored by its step's own commit.
    STORED = "stored"
    #: The update's step starts (its slot is taken, its chat's turn has come).
    STEP_STARTED = "step started"
    #: The step's transaction (state, replies in the outbox) is committed.
    STEP_COMMITTED = "step committed"
    #: The outbox sender has leased the chat's reply row.
    LEASED = "leased"
    #: The sender starts sending it.
    SEND_STARTED = "send started"
    #: Telegram accepted it.
    SEND_DONE = "send done"


#: ``recorder(chat_id, stage)``, installed by the benchmark; None in production.
recorder: Callable[[int, Stage], None] | None = None


def mark(chat_id: int | None, stage: Stage) -> None:
    """Record that ``chat_id``'s update (or reply) reached ``stage``, if anyone listens."""
    if recorder is not None and chat_id is not None:
        recorder(chat_id, stage)
