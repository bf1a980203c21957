"""The sender's retry policy and parse modes, against a recording stand-in for ``Bot``.

Which Telegram errors are retried decides whether a parent waits seconds for nothing (a
permanent 400 retried with backoff) or loses a message (a transient 5xx not retried).
"""

from __future__ import annotations

from typing import Any, cast

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError

from bot.domain.replies import Blocked, Document, say
from bot.telegram.sender import ChatPacer, Sender


class RecordingBot:
    """Answers each call with the next scripted exception, then succeeds."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.calls: list[tuple[str, dict[str, Any]]] = []

    async def _call(self, method: str, **params: Any) -> str:
        self.calls.append((method, params))
        if self.failures:
            raise self.failures.pop(0)
        return f"{method} ok"

    async def send_message(self, chat_id: int, text: str, **params: Any) -> str:
        return await self._call("send_message", chat_id=chat_id, text=text, **params)

    async def send_document(self, chat_id: int, document: object, **params: Any) -> str:
        return await self._call("send_document", chat_id=chat_id, **params)


def sender(bot: RecordingBot) -> Sender:
    return Sender(cast(Bot, bot), ChatPacer(0), first_backoff=0)


async def test_a_bad_request_is_not_retried() -> None:
    bot = RecordingBot(BadRequest("message is not modified"))
    with pytest.raises(BadRequest):
        await sender(bot).send(1, [say("hi")])
    assert len(bot.calls) == 1


async def test_a_server_error_is_retried_until_it_goes_through() -> None:
    bot = RecordingBot(NetworkError("Internal Server Error"), NetworkError("Bad Gateway"))
    assert await sender(bot).send(1, [say("hi")]) == ["send_message ok"]
    assert len(bot.calls) == 3


async def test_forbidden_means_blocked() -> None:
    bot = RecordingBot(Forbidden("bot was blocked by the user"))
    with pytest.raises(Blocked):
        await sender(bot).send(1, [say("hi")])
    assert len(bot.calls) == 1


async def test_texts_are_html_and_captions_plain() -> None:
    """Captions are plain strings, so they must not be parsed as HTML (a "<" would break)."""
    bot = RecordingBot()
    await sender(bot).send(1, [say("a < b"), Document(b"{}", "x.json", caption="Mila & <3")])
    (_, text), (_, document) = bot.calls
    assert text["text"] == "a &lt; b"
    assert text["parse_mode"] == "HTML"
    assert document["caption"] == "Mila & <3"
    assert "parse_mode" not in document
