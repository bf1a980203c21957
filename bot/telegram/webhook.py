"""A small webhook server: Telegram posts updates, we check the secret and queue them.

python-telegram-bot's built-in webhook server compares the secret token with ``!=`` and logs
a wrong token at DEBUG level. This server (tornado, which PTB's ``webhooks`` extra installs)
compares in constant time, logs nothing secret, bounds the body size, and answers 200 only
once the update is committed to the inbox.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus

from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.web import Application as TornadoApp
from tornado.web import RequestHandler

log = logging.getLogger(__name__)
Receive = Callable[[list[Update]], Awaitable[None]]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20  # Telegram's updates are far smaller; refuse anything larger.


class _UpdateHandler(RequestHandler):
    # Not named ``application``: tornado's RequestHandler already takes that argument.
    def initialize(self, ptb_app: Application, secret: str, receive: Receive) -> None:
        self.ptb_app = ptb_app
        self.secret = secret
        self.receive = receive

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook request with a missing or wrong secret token refused")
            self.send_error(HTTPStatus.FORBIDDEN)
            return
        try:
            payload = json.loads(self.request.body)
            update = Update.de_json(payload, self.ptb_app.bot)
        except (ValueError, TypeError, KeyError):
            self.send_error(HTTPStatus.BAD_REQUEST)
            return
        if update is None:
            self.send_error(HTTPStatus.BAD_REQUEST)
            return
        # Committed to the inbox before the 200: Telegram forgets the update at that answer.
        await self.receive([update])
        self.set_status(HTTPStatus.OK)

    def log_exception(self, *args: object) -> None:  # keep tornado from dumping requests
        log.warning("webhook request failed")


class WebhookServer:
    """Serves ``path`` on ``listen:port`` until stopped."""

    def __init__(
        self, application: Application, secret: str, receive: Receive, path: str = "/telegram"
    ) -> None:
        """``receive`` stores updates durably and queues them (``UpdateInbox.receive``)."""
        handler = {"ptb_app": application, "secret": secret, "receive": receive}
        app = TornadoApp([(path, _UpdateHandler, handler)])
        self._server = HTTPServer(app, max_body_size=MAX_BODY)

    def start(self, listen: str, port: int) -> None:
        self._server.listen(port, address=listen)

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()
