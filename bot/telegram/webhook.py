"""A small webhook server: Telegram posts updates, we check the secret and queue them.

python-telegram-bot's built-in webhook server compares the secret token with ``!=`` and logs
a wrong token at DEBUG level. This server (tornado, which PTB's ``webhooks`` extra installs)
compares in constant time, logs nothing secret, and answers 200 only once the update is
durable: committed to the inbox, or by its step (``UpdateInbox.receive``). Anyone can reach
it, so it also holds out against clients that are not Telegram:

* the secret is checked as soon as the headers are in, before the body is read: a request
  without it is answered 403 and its connection closed unread, so it costs no memory. Only
  a body of at most ``DISCARD_LIMIT`` bytes is read (and thrown away) first, because closing
  a connection with unread data resets it, and the client (a misconfigured deployment, whose
  ``getWebhookInfo`` should say "403 Forbidden") would never see the answer;
* a connection that has not sent its headers within ``idle_timeout`` (or stays idle that long
  between requests), or its body within ``body_timeout``, is closed: slow clients cannot keep
  sockets open;
* at most ``max_connections`` are open at once (Telegram opens at most 100); more are closed
  the moment they are accepted, so the process keeps its file descriptors;
* when descriptors run out anyway (EMFILE), accepting pauses for a moment instead of failing,
  with a traceback, on every turn of the event loop;
* a body that is not an update object (not JSON, ``null``, ``[]``, a bare string, nesting too
  deep, no integer ``update_id``) gets 400;
* what it logs, and what tornado logs, is rate-limited (``Throttle``): a flood of bad
  requests writes a line a minute, with how many like it were left out, not a line each.
"""

from __future__ import annotations

import errno
import hmac
import json
import logging
import socket
import time
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.iostream import IOStream
from tornado.netutil import bind_sockets
from tornado.web import Application as TornadoApp
from tornado.web import RequestHandler, stream_request_body

log = logging.getLogger(__name__)
Receive = Callable[[list[Update]], Awaitable[None]]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20  # Telegram's updates are far smaller; refuse anything larger.
#: The largest body of a refused request that is read (and dropped) before answering.
DISCARD_LIMIT = 1 << 16
#: Seconds to send the headers (or to stay idle between requests), and to send the body.
IDLE_TIMEOUT = 15.0
BODY_TIMEOUT = 15.0
#: Telegram's ``max_connections`` is at most 100 (40 unless set).
MAX_CONNECTIONS = 128
#: How long accepting pauses when the process is out of file descriptors.
ACCEPT_PAUSE = 0.5
#: Connections accepted per turn of the event loop, so a flood cannot starve the bot.
ACCEPTS_PER_TURN = 64
#: At most one log line per kind of event in this many seconds.
LOG_INTERVAL = 60.0
_OUT_OF_RESOURCES = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}


class Throttle(logging.Filter):
    """Lets one record of a kind through per ``interval`` seconds; the next one that passes
    carries ``suppressed``, how many were left out meanwhile. A kind is the logger, the level
    and the message before its arguments are filled in."""

    MAX_KINDS = 1000

    def __init__(
        self, interval: float = LOG_INTERVAL, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.interval = interval
        self.clock = clock
        self._last: dict[tuple[str, int, str], float] = {}
        self._dropped: dict[tuple[str, int, str], int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        kind = (record.name, record.levelno, str(record.msg)[:80])
        now = self.clock()
        last = self._last.get(kind)
        if last is not None and now - last < self.interval:
            self._dropped[kind] = self._dropped.get(kind, 0) + 1
            return False
        if len(self._last) >= self.MAX_KINDS:  # messages with data in them: forget the oldest
            self._last.clear()
        self._last[kind] = now
        if dropped := self._dropped.pop(kind, 0):
            record.suppressed = dropped
        return True


THROTTLE = Throttle()
#: Loggers that speak once per request or connection: ours and tornado's.
THROTTLED = (__name__, "tornado.general", "tornado.application", "tornado.access")


def _throttle_logs() -> None:
    for name in THROTTLED:
        logger = logging.getLogger(name)
        if THROTTLE not in logger.filters:
            logger.addFilter(THROTTLE)


def parse_update(body: bytes, bot: Any) -> Update | None:
    """The update in ``body``, or None when it is not an update object."""
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):  # not JSON (or not UTF-8), or nested too deep
        return None
    if not isinstance(payload, dict) or type(payload.get("update_id")) is not int:
        return None
    try:
        return Update.de_json(payload, bot)
    except Exception:  # a field of the wrong shape deep inside: not an update either
        return None


@stream_request_body
class _UpdateHandler(RequestHandler):
    # Not named ``application``: tornado's RequestHandler already takes that argument.
    def initialize(self, ptb_app: Application, secret: str, receive: Receive) -> None:
        self.ptb_app = ptb_app
        self.secret = secret
        self.receive = receive
        self.chunks: list[bytes] = []
        self.refused = False

    def prepare(self) -> None:
        """Called once the headers are in, before any of the body is read."""
        given = self.request.headers.get(SECRET_HEADER, "")
        if hmac.compare_digest(given.encode(), self.secret.encode()):
            return
        log.warning("webhook request with a missing or wrong secret token refused")
        self.refused = True
        length = self.request.headers.get("Content-Length", "")
        digits = length.isascii() and length.isdigit() and len(length) <= 8
        if not (digits and int(length) <= DISCARD_LIMIT):
            # Finishing now makes tornado close the connection instead of reading the body.
            self.send_error(HTTPStatus.FORBIDDEN)

    def data_received(self, chunk: bytes) -> None:
        if not self.refused:
            self.chunks.append(chunk)

    async def post(self) -> None:
        if self.refused:  # a small body, read and dropped
            self.send_error(HTTPStatus.FORBIDDEN)
            return
        update = parse_update(b"".join(self.chunks), self.ptb_app.bot)
        if update is None:
            log.warning("webhook request that is not an update refused")
            self.send_error(HTTPStatus.BAD_REQUEST)
            return
        # Durable before the 200 (in the inbox, or committed by its step): Telegram forgets
        # the update at that answer.
        await self.receive([update])
        self.set_status(HTTPStatus.OK)

    def log_exception(self, *args: object) -> None:  # keep tornado from dumping requests
        log.warning("webhook request failed")


def _no_access_log(_handler: RequestHandler) -> None:
    """Tornado's access log would write a line per request, bad ones included."""


class _CappedServer(HTTPServer):
    """Tornado's HTTP server, fed by ``WebhookServer``'s accept loop, counting connections."""

    max_connections = MAX_CONNECTIONS
    #: Connections being served now.
    open = 0

    def take(self, connection: socket.socket, address: Any) -> None:
        """Serve an accepted connection, or close it at once when the cap is reached."""
        if self.open >= self.max_connections:
            connection.close()
            log.warning("webhook connection closed: too many open")
            return
        self.handle_stream(IOStream(connection, max_buffer_size=self.max_buffer_size), address)

    def handle_stream(self, stream: IOStream, address: tuple) -> None:
        self.open += 1
        super().handle_stream(stream, address)

    def on_close(self, server_conn: object) -> None:
        self.open -= 1
        super().on_close(server_conn)


class WebhookServer:
    """Serves ``path`` on ``listen:port`` until stopped."""

    def __init__(
        self,
        application: Application,
        secret: str,
        receive: Receive,
        path: str = "/telegram",
        *,
        idle_timeout: float = IDLE_TIMEOUT,
        body_timeout: float = BODY_TIMEOUT,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        """``receive`` stores updates durably and queues them (``UpdateInbox.receive``)."""
        handler = {"ptb_app": application, "secret": secret, "receive": receive}
        app = TornadoApp([(path, _UpdateHandler, handler)], log_function=_no_access_log)
        self._server = _CappedServer(
            app,
            max_body_size=MAX_BODY,
            idle_connection_timeout=idle_timeout,
            body_timeout=body_timeout,
        )
        self._server.max_connections = max_connections
        self._sockets: list[socket.socket] = []
        _throttle_logs()

    def start(self, listen: str, port: int) -> None:
        for sock in bind_sockets(port, address=listen):
            self._sockets.append(sock)
            self._accept_from(sock)

    @property
    def port(self) -> int:
        """The port listened on (useful when ``start`` was given 0)."""
        return int(self._sockets[0].getsockname()[1])

    @property
    def open_connections(self) -> int:
        return self._server.open

    def _accept_from(self, sock: socket.socket) -> None:
        loop = IOLoop.current()

        def ready(_fd: object, _events: int) -> None:
            for _ in range(ACCEPTS_PER_TURN):
                try:
                    connection, address = sock.accept()
                except BlockingIOError:
                    return
                except ConnectionAbortedError:
                    continue
                except OSError as exc:
                    if exc.errno not in _OUT_OF_RESOURCES:
                        raise
                    log.warning("webhook cannot accept connections: %s; pausing", exc.strerror)
                    loop.remove_handler(sock)
                    loop.call_later(ACCEPT_PAUSE, self._resume, sock)
                    return
                self._server.take(connection, address)

        loop.add_handler(sock, ready, IOLoop.READ)

    def _resume(self, sock: socket.socket) -> None:
        if sock in self._sockets:  # not stopped meanwhile
            self._accept_from(sock)

    async def stop(self) -> None:
        loop = IOLoop.current()
        for sock in self._sockets:
            loop.remove_handler(sock)
            sock.close()
        self._sockets.clear()
        await self._server.close_all_connections()
