"""The webhook against clients that are not Telegram (issue 16, failure 6).

Before: half-sent requests were never timed out (1,100 of them exhausted the file
descriptors), bodies were read in full before the secret was checked, ``null``, ``[]``, a bare
string or deep nesting got 500, and every bad request or failed accept wrote a log line (a
traceback for each failed accept). Each test talks raw HTTP to a ``WebhookServer`` feeding the
real bot's ``Application``, as an attacker would; waits are bounded, never timed assertions.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import resource
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.telegram.webhook import SECRET_HEADER, Throttle, WebhookServer, parse_update
from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import WAIT, Parent, RunningBot

pytestmark = pytest.mark.e2e

SECRET = "s3cret-Token_1"
#: Short, so a test sees a slow client dropped without waiting long.
SHORT = 0.3
ROOT = Path(__file__).resolve().parents[2]

MakeServer = Callable[..., Awaitable[WebhookServer]]


@pytest.fixture
async def make_server(sprout: RunningBot) -> AsyncIterator[MakeServer]:
    """A webhook server on a free port, feeding the running bot; stopped after the test."""
    servers: list[WebhookServer] = []

    async def make(**options: Any) -> WebhookServer:
        server = WebhookServer(sprout.bot.application, SECRET, sprout.bot.inbox.receive, **options)
        server.start("127.0.0.1", 0)
        servers.append(server)
        return server

    yield make
    for server in servers:
        await server.stop()


async def connect(server: WebhookServer) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", server.port)


def head(length: int, secret: str | None = SECRET) -> bytes:
    lines = ["POST /telegram HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    if secret is not None:
        lines.append(f"{SECRET_HEADER}: {secret}")
    lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def until_closed(reader: asyncio.StreamReader) -> bytes:
    """Everything the server sends until it closes the connection (fails after ``WAIT``)."""
    return await asyncio.wait_for(reader.read(), WAIT)


async def eventually(condition: Callable[[], bool]) -> None:
    """Wait until ``condition`` holds (fails after ``WAIT``)."""
    async with asyncio.timeout(WAIT):
        while not condition():  # noqa: ASYNC110 - tornado offers no event to wait for
            await asyncio.sleep(0.01)


async def post(server: WebhookServer, body: bytes, secret: str = SECRET) -> int:
    url = f"http://127.0.0.1:{server.port}/telegram"
    headers = {SECRET_HEADER: secret, "Content-Type": "application/json"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=body, headers=headers) as response,
    ):
        await response.read()
        return response.status


def update(chat_id: int, text: str, update_id: int = 900_001) -> bytes:
    return json.dumps(
        {
            "update_id": update_id,
            "message": {
                "message_id": 1,
                "date": 1_700_000_000,
                "chat": {"id": chat_id, "type": "private", "first_name": "Ann"},
                "from": {"id": chat_id, "is_bot": False, "first_name": "Ann"},
                "text": text,
                "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
            },
        }
    ).encode()


async def test_a_client_that_never_finishes_its_headers_is_dropped(
    make_server: MakeServer,
) -> None:
    server = await make_server(idle_timeout=SHORT)
    reader, writer = await connect(server)
    writer.write(b"POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and then nothing
    assert await until_closed(reader) == b""
    writer.close()


async def test_a_body_that_never_arrives_is_dropped(make_server: MakeServer) -> None:
    server = await make_server(body_timeout=SHORT)
    reader, writer = await connect(server)
    writer.write(head(1000) + b'{"update_id": ')  # the secret is right; the body stalls
    await until_closed(reader)
    writer.close()


async def test_a_wrong_secret_is_refused_before_the_body_is_read(
    make_server: MakeServer,
) -> None:
    server = await make_server()
    reader, writer = await connect(server)
    writer.write(head(1_000_000, secret="wrong"))  # a megabyte announced, none sent
    answer = await until_closed(reader)
    assert answer.startswith(b"HTTP/1.1 403")
    writer.close()


async def test_connections_over_the_cap_are_closed_at_once(
    make_server: MakeServer, tg: FakeTelegram, parent: Parent
) -> None:
    server = await make_server(max_connections=3)
    held = [await connect(server) for _ in range(3)]
    for _, writer in held:
        writer.write(b"POST /telegram HTTP/1.1\r\n")  # slow clients, within the idle timeout
    extra_reader, extra_writer = await connect(server)
    assert await until_closed(extra_reader) == b""
    assert server.open_connections == 3
    extra_writer.close()

    for _, writer in held:
        writer.close()
        await writer.wait_closed()
    await eventually(lambda: server.open_connections == 0)
    tg.add_chat(parent.chat_id)
    since = len(tg.calls)
    assert await post(server, update(parent.chat_id, "/start")) == 200  # room again
    await tg.wait_for(lambda c: c.method == "sendMessage" and c.ok, count=2, since=since)


@pytest.mark.parametrize(
    "body",
    [
        b"null",
        b"[]",
        b'"update"',
        b"12",
        b"{}",
        b'{"update_id": "1"}',
        b'{"update_id": true}',
        b'{"update_id": 5, "message": "hello"}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"update_id": 6, "message": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001,
        b"not json",
        b"\xff\xfe{",
        b"",
    ],
    ids=lambda body: body[:24].decode("latin-1"),
)
async def test_a_body_that_is_not_an_update_gets_400(
    make_server: MakeServer, tg: FakeTelegram, parent: Parent, body: bytes
) -> None:
    server = await make_server()
    assert await post(server, body) == 400
    tg.add_chat(parent.chat_id)
    since = len(tg.calls)
    assert await post(server, update(parent.chat_id, "/start")) == 200  # still serving
    await tg.wait_for(lambda c: c.method == "sendMessage" and c.ok, count=2, since=since)


def test_parse_update_takes_only_update_objects() -> None:
    assert parse_update(update(5, "/start"), None) is not None
    assert parse_update(b"null", None) is None


async def test_a_flood_of_bad_requests_writes_a_line_not_a_line_each(
    make_server: MakeServer, caplog: pytest.LogCaptureFixture
) -> None:
    server = await make_server()
    caplog.set_level(logging.INFO)
    for _ in range(30):
        assert await post(server, b"{}", secret="wrong") == 403
    for _ in range(30):
        assert await post(server, b"[]") == 400
    webhook = [r for r in caplog.records if r.name.startswith(("bot.telegram", "tornado"))]
    assert len(webhook) <= 2  # one per kind a minute (fewer if an earlier test just logged)
    assert not any(r.exc_info for r in webhook)


def test_the_throttle_lets_one_line_a_minute_through_and_counts_the_rest() -> None:
    now = [0.0]
    throttle = Throttle(60.0, clock=lambda: now[0])
    record = logging.makeLogRecord({"name": "x", "msg": "refused %s", "levelno": 30})
    assert throttle.filter(record)
    assert not any(throttle.filter(record) for _ in range(5))
    now[0] = 61.0
    later = logging.makeLogRecord({"name": "x", "msg": "refused %s", "levelno": 30})
    assert throttle.filter(later)
    assert getattr(later, "suppressed", None) == 5
    other = logging.makeLogRecord({"name": "x", "msg": "another", "levelno": 30})
    assert throttle.filter(other)


#: Serves a webhook with a stub application in a process short of file descriptors.
SERVE = """
import asyncio, sys
from types import SimpleNamespace
from bot.logs import configure_logging
from bot.telegram.webhook import WebhookServer

async def main():
    configure_logging("INFO")
    async def receive(updates):
        pass

    app = SimpleNamespace(bot=None)
    server = WebhookServer(app, "s3cret-Token_1", receive)
    server.start("127.0.0.1", 0)
    print(server.port, flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await server.stop()

asyncio.run(main())
"""


async def test_running_out_of_file_descriptors_pauses_accepting_without_tracebacks(
    tmp_path: Path,
) -> None:
    low = 48

    def few_descriptors() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (low, low))

    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", SERVE, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=few_descriptors,
    )  # fmt: skip
    assert process.stdout is not None
    assert process.stderr is not None
    assert process.stdin is not None
    port = int(await asyncio.wait_for(process.stdout.readline(), WAIT))
    held = [await asyncio.open_connection("127.0.0.1", port) for _ in range(low * 2)]
    pausing = b""
    while b"cannot accept" not in pausing:
        pausing = await asyncio.wait_for(process.stderr.readline(), WAIT)
    for _, writer in held:
        writer.close()

    url = f"http://127.0.0.1:{port}/telegram"
    async with aiohttp.ClientSession() as session:
        for _ in range(50):  # the backlog drains as descriptors free up; then it answers
            try:
                async with session.post(url, data=b"{}", headers={SECRET_HEADER: "x"}) as r:
                    if r.status == 403:
                        break
            except aiohttp.ClientError:
                await asyncio.sleep(0.1)
        else:
            pytest.fail("the server did not answer after descriptors were freed")
    process.stdin.close()
    rest = await asyncio.wait_for(process.stderr.read(), WAIT)
    await asyncio.wait_for(process.wait(), WAIT)
    logged = pausing + rest
    assert b"Traceback" not in logged
    assert logged.count(b"cannot accept") == 1
