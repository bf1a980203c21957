"""A local Bot API stand-in that python-telegram-bot talks to over real HTTP.

Why a server and not a mocked ``Bot``: the bot's real HTTP stack (httpx, PTB's request encoding,
its error mapping to ``RetryAfter``/``Forbidden``/``BadRequest``, the ``Updater``'s long polling
and offset confirmation, the webhook server) is exactly what breaks in production, so the tests
run all of it. Point an application at it with::

    async with FakeTelegram() as tg:
        app = (ApplicationBuilder().token(tg.token).base_url(tg.base_url)
               .base_file_url(tg.base_file_url).build())

Every call is checked against the official Bot API description (``bot_api_schema``) and against
the semantic limits that bots trip over (text length after HTML parsing, ``callback_data`` size,
edits that change nothing, unknown chats, blocked users), answered in Telegram's shapes, and
recorded in :attr:`FakeTelegram.calls`. Tests inject user updates, read back what the user
would see, and inject faults (429/5xx/timeouts/403) to exercise the bot's error paths.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import math
import mimetypes
import re
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from tests.support.bot_api_schema import (
    ApiError,
    BotApiSchema,
    MethodSpec,
    UploadedFile,
    bad_request,
    load_schema,
)
from tests.support.tg_html import EntityParseError, parse_html, strip_plain

__all__ = ["Call", "FakeTelegram", "FaultKind", "UploadedFile"]

FaultKind = Literal["429", "500", "timeout", "403", "400"]
JSON = dict[str, Any]
Handler = Callable[[JSON], Awaitable[Any]]

DEFAULT_TOKEN = "123456789:TEST-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_ANSWER = 200
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note",
        "upload_video_note",
    }
)  # fmt: skip
# Update types a bot receives when it never chose (Telegram's documented default).
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?")
_BOT_COMMAND_NAME_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"RIFF", b"BM")
# A valid 1x1 PNG, so user photos the bot downloads are real images.
#: What Telegram's sendPhoto takes: at most 10 MB, width and height at most 10000 together,
#: neither side more than 20 times the other.
MAX_PHOTO_BYTES, MAX_PHOTO_SIDES, MAX_PHOTO_RATIO = 10 * 1024 * 1024, 10_000, 20


def _png_size(content: bytes) -> tuple[int, int] | None:
    """A PNG's width and height from its header (None for other images)."""
    if not content.startswith(_IMAGE_MAGIC[0]) or len(content) < 24:
        return None
    return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")


TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


@dataclass
class Call:
    """One request the bot made, in arrival order.

    Iterates as ``(method, params, status)`` so tests can unpack it like a tuple; ``result``
    is what the stand-in answered on success and ``description`` the error text otherwise.
    ``status`` is the HTTP status sent, or 0 when the request was dropped (timeout fault) or
    the client went away before the answer.
    """

    method: str
    params: JSON
    status: int
    result: Any = None
    description: str | None = None
    at: float = field(default_factory=time.monotonic)

    def __iter__(self) -> Iterator[Any]:
        return iter((self.method, self.params, self.status))

    @property
    def ok(self) -> bool:
        """Whether Telegram would have answered ``"ok": true``."""
        return self.status == 200


@dataclass
class _Fault:
    """An armed failure for the next ``times`` matching calls."""

    method: str
    kind: FaultKind
    times: int
    chat_id: int | str | None
    retry_after: int
    delay: float
    description: str | None


@dataclass
class _StoredFile:
    """A file Telegram would keep: uploads by the bot and media sent by users."""

    file_id: str
    file_unique_id: str
    content: bytes
    file_name: str | None
    mime_type: str | None
    file_path: str


class _Dropped(Exception):
    """Raised by the timeout fault: close the connection without any answer."""


class FakeTelegram:
    """The Bot API stand-in: an aiohttp server plus the API tests use to drive it."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "sprout_test_bot",
        bot_first_name: str = "Sprout",
        enforce_limits: bool = False,
        limit_overall: int = 30,
        limit_per_chat: int = 1,
        limit_per_group: int = 20,
        retry_after: int = 1,
        timeout_delay: float = 6.0,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Callable[[], float] = time.time,
        schema: BotApiSchema | None = None,
    ) -> None:
        """``retry_after`` is the default for injected 429s; ``timeout_delay`` how long a
        ``"timeout"`` fault holds the request (longer than PTB's 5 s default read timeout);
        ``clock`` dates messages and updates, so tests with a fake clock get matching dates.
        With ``enforce_limits`` sends beyond the ``limit_*`` rates answer 429 (Telegram's
        documented 30/s overall, about 1/s per chat, 20/min per group)."""
        if ":" not in token or not token.split(":", 1)[0].isdigit():
            raise ValueError("a bot token looks like '<bot id>:<secret>'")
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.enforce_limits = enforce_limits
        self.limit_overall = limit_overall
        self.limit_per_chat = limit_per_chat
        self.limit_per_group = limit_per_group
        self.retry_after = retry_after
        self.timeout_delay = timeout_delay
        self.host = host
        self.port = port
        self.clock = clock
        self.schema = schema or load_schema()

        self.calls: list[Call] = []
        self.internal_errors: list[Exception] = []
        self.stats: Counter[str] = Counter()

        self._chats: dict[int, JSON] = {}
        self._users: dict[int, JSON] = {}
        self._blocked: dict[int, str] = {}
        self._messages: dict[int, dict[int, JSON]] = {}
        self._next_message_id: dict[int, int] = {}
        self._reply_keyboards: dict[int, JSON | None] = {}
        self._files: dict[str, _StoredFile] = {}
        self._callback_queries: dict[str, JSON] = {}
        self._commands: dict[tuple[str, str], list[JSON]] = {}
        self._faults: list[_Fault] = []

        self._updates: list[JSON] = []  # unconfirmed, in order
        self._redeliver: list[JSON] = []  # duplicates, delivered once whatever the offset
        self._history: dict[int, JSON] = {}
        self._update_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._allowed_updates: list[str] | None = None
        self._webhook: JSON | None = None
        self._webhook_error: tuple[int, str] | None = None
        self._poll_generation = 0

        self._sends: deque[float] = deque()
        self._chat_sends: dict[tuple[str, int | str], deque[float]] = {}

        self._changed = asyncio.Event()  # replaced on every change: a broadcast to waiters
        self._calls_changed = asyncio.Event()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._handlers: dict[str, Handler] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "editMessageCaption": self._edit_message_caption,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "sendChatAction": self._send_chat_action,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getFile": self._get_file,
        }

    # -- lifecycle -----------------------------------------------------------------------------

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        """Listen on ``host`` (a free port unless one was given) and start webhook delivery."""
        app = web.Application(client_max_size=60 * 1024 * 1024)  # Telegram allows 50 MB uploads
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._session = aiohttp.ClientSession()
        # Owned: cancelled and awaited in stop(), its failure re-raised there.
        self._webhook_task = asyncio.create_task(self._webhook_loop())  # noqa: TID251

    async def stop(self) -> None:
        """Wake every waiting long poll, stop delivery, close the client session and server."""
        self._closing.set()
        self._notify()
        task, self._webhook_task = self._webhook_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self.internal_errors:
            raise RuntimeError("the Bot API stand-in crashed") from self.internal_errors[0]

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url``: PTB appends the token and ``/method``."""
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``ApplicationBuilder().base_file_url``: where ``File.download_*`` fetches."""
        return f"http://{self.host}:{self.port}/file/bot"

    @property
    def bot_user(self) -> JSON:
        """The bot as a ``User``, as it appears in ``from`` of its messages."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    # -- test API: users, chats and updates ------------------------------------------------------

    def add_chat(
        self,
        chat_id: int,
        *,
        chat_type: str = "private",
        user: Mapping[str, Any] | int | None = None,
        title: str | None = None,
    ) -> JSON:
        """Make a chat known (e.g. one the database remembers) without sending an update.

        A private chat's id is its user's id, as in Telegram. Returns the ``Chat`` object.
        """
        if chat_type == "private":
            person = self._user(user if user is not None else chat_id)
            if person["id"] != chat_id:
                raise ValueError("a private chat's id equals its user's id")
            chat: JSON = {"id": chat_id, "type": "private", "first_name": person["first_name"]}
            for key in ("last_name", "username"):
                if key in person:
                    chat[key] = person[key]
        else:
            chat = {"id": chat_id, "type": chat_type, "title": title or f"Group {chat_id}"}
        self._chats.setdefault(chat_id, chat)
        self._messages.setdefault(chat_id, {})
        return self._chats[chat_id]

    def block(self, chat_id: int, *, blocked: bool = True) -> None:
        """The user blocks (or unblocks) the bot, with no update sent: sends then get 403."""
        self.add_chat(chat_id)
        if blocked:
            self._blocked[chat_id] = "Forbidden: bot was blocked by the user"
        else:
            self._blocked.pop(chat_id, None)

    def user_message(
        self,
        chat_id: int,
        text: str,
        *,
        user: Mapping[str, Any] | int | None = None,
        chat_type: str = "private",
        edited: bool = False,
        message_id: int | None = None,
    ) -> int:
        """A user writes ``text``; returns the update id.

        A leading ``/command`` gets its ``bot_command`` entity, as Telegram adds it (PTB's
        ``CommandHandler`` matches on the entity, not on the text). ``edited=True`` produces an
        ``edited_message`` for ``message_id`` (default: the user's latest message there).
        A message is at most 4096 characters (UTF-16 units), as in Telegram: a longer one
        is sent as several by ``long_message``, as Telegram's apps do.
        """
        if _utf16_length(text) > MAX_TEXT:
            raise ValueError("Telegram sends a text over 4096 characters as several messages")
        person = self._user(user if user is not None else _default_user(chat_id))
        chat = self.add_chat(chat_id, chat_type=chat_type, user=person)
        entities = []
        match = _COMMAND_RE.match(text)
        if match:
            entities.append({"type": "bot_command", "offset": 0, "length": len(match.group())})
        if edited:
            target = message_id or self._last_message_from(chat_id, person["id"])
            stored = self._messages[chat_id].get(target)
            if stored is None:
                raise ValueError(f"no message {target} in chat {chat_id} to edit")
            stored.update(text=text, edit_date=int(self.clock()))
            stored.pop("entities", None)
            if entities:
                stored["entities"] = entities
            return self._enqueue({"edited_message": copy.deepcopy(stored)})
        message = self._store_message(chat, person, text=text)
        if entities:
            message["entities"] = entities
        return self._enqueue({"message": copy.deepcopy(message)})

    def long_message(self, chat_id: int, text: str) -> list[int]:
        """A user sends ``text`` longer than Telegram's limit: the app splits it into messages
        of 4096 characters with consecutive ids, as Telegram's clients do; returns the update
        ids."""
        parts: list[str] = []
        while text:
            cut = len(text)
            while _utf16_length(text[:cut]) > MAX_TEXT:
                cut -= 1
            parts.append(text[:cut])
            text = text[cut:]
        return [self.user_message(chat_id, part) for part in parts]

    def group_message(
        self,
        chat_id: int,
        text: str,
        *,
        user: Mapping[str, Any] | int | None = None,
    ) -> int:
        """A member writes in a basic group the bot is in; chat ids of groups are negative."""
        return self.user_message(chat_id, text, user=user, chat_type="group")

    def press_button(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user: Mapping[str, Any] | int | None = None,
        strict: bool = True,
    ) -> int:
        """The user presses an inline button of the bot's message; returns the update id.

        The ``callback_query`` carries the message as it is stored now (edits applied), like
        Telegram. With ``strict`` the message must currently show a button with this
        ``callback_data``: a user can't press a button that isn't there.
        """
        stored = self._messages.get(chat_id, {}).get(message_id)
        if stored is None or stored.get("from", {}).get("id") != self.bot_id:
            raise ValueError(f"the bot has no message {message_id} in chat {chat_id}")
        if strict and data not in _callback_datas(stored.get("reply_markup")):
            raise ValueError(
                f"message {message_id} shows no button with callback_data {data!r}; "
                f"it has {sorted(_callback_datas(stored.get('reply_markup')))}"
            )
        person = self._user(user if user is not None else _default_user(chat_id))
        query_id = str(4_000_000_000_000 + next(self._query_ids))
        self._callback_queries[query_id] = {"answered": False, "from": person, "answer": None}
        query = {
            "id": query_id,
            "from": person,
            "message": copy.deepcopy(stored),
            "chat_instance": str(abs(hash((self.bot_id, chat_id))) % 10**18),
            "data": data,
        }
        return self._enqueue({"callback_query": query})

    def chat_member_update(
        self,
        chat_id: int,
        status: str = "kicked",
        *,
        user: Mapping[str, Any] | int | None = None,
        chat_type: str = "private",
    ) -> int:
        """The bot's membership changes (``my_chat_member``): ``kicked`` is a user blocking it.

        Later sends to the chat answer 403 as Telegram does; ``member`` unblocks.
        """
        person = self._user(user if user is not None else _default_user(chat_id))
        chat = self.add_chat(chat_id, chat_type=chat_type, user=person)
        old_status = "kicked" if chat_id in self._blocked else "member"
        if status in ("kicked", "left"):
            self._blocked[chat_id] = (
                "Forbidden: bot was blocked by the user"
                if chat["type"] == "private"
                else "Forbidden: bot was kicked from the group chat"
                if status == "kicked"
                else "Forbidden: bot is not a member of the group chat"
            )
        else:
            self._blocked.pop(chat_id, None)
        now = int(self.clock())
        update = {
            "my_chat_member": {
                "chat": chat,
                "from": person,
                "date": now,
                "old_chat_member": self._member(old_status),
                "new_chat_member": self._member(status),
            }
        }
        return self._enqueue(update)

    def sticker(
        self, chat_id: int, *, emoji: str = "👍", user: Mapping[str, Any] | int | None = None
    ) -> int:
        """A user sends a sticker: a message with no text, which text handlers must ignore."""
        person = self._user(user if user is not None else chat_id)
        chat = self.add_chat(chat_id, user=person)
        stored = self._store_file(b"RIFF\x00\x00\x00\x00WEBP", "sticker.webp", "image/webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": len(stored.content),
        }
        message = self._store_message(chat, person, sticker=sticker)
        return self._enqueue({"message": copy.deepcopy(message)})

    def photo(
        self,
        chat_id: int,
        *,
        caption: str | None = None,
        content: bytes = TINY_PNG,
        user: Mapping[str, Any] | int | None = None,
    ) -> int:
        """A user sends a photo; its bytes are downloadable through ``getFile``."""
        if caption is not None and _utf16_length(caption) > MAX_CAPTION:
            raise ValueError("Telegram's apps refuse a caption over 1024 characters")
        person = self._user(user if user is not None else chat_id)
        chat = self.add_chat(chat_id, user=person)
        stored = self._store_file(content, None, "image/png")
        extra: JSON = {"caption": caption} if caption else {}
        message = self._store_message(
            chat, person, photo=self._photo_sizes(stored, (800, 800)), **extra
        )
        return self._enqueue({"message": copy.deepcopy(message)})

    def inject_update(self, raw: Mapping[str, Any]) -> int:
        """Queue any update (an ``update_id`` is assigned when missing); it must be a valid
        ``Update`` by the documentation, so hand-written fixtures can't drift from Telegram."""
        update = dict(raw)
        update_id = update.pop("update_id", None)
        return self._enqueue(update, update_id=update_id)

    def duplicate_update(self, update_id: int) -> int:
        """Deliver update ``update_id`` once more, as Telegram does when a bot restarted before
        confirming it. Delivered on the next ``getUpdates`` whatever its offset (or to the
        webhook), so idempotency can be tested against a running bot."""
        if update_id not in self._history:
            raise ValueError(f"no update {update_id} was ever sent")
        self._redeliver.append(copy.deepcopy(self._history[update_id]))
        self._notify()
        return update_id

    def update(self, update_id: int) -> JSON:
        """An update as it was queued, e.g. to read the ``callback_query`` id of a press."""
        return copy.deepcopy(self._history[update_id])

    @property
    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot (Telegram's ``pending_update_count``)."""
        return len(self._updates) + len(self._redeliver)

    # -- test API: what the bot did --------------------------------------------------------------

    def messages(self, chat_id: int) -> list[JSON]:
        """The bot's messages the user sees in the chat now: edits applied, deletions gone."""
        store = self._messages.get(chat_id, {})
        return [
            copy.deepcopy(m)
            for _, m in sorted(store.items())
            if m.get("from", {}).get("id") == self.bot_id
        ]

    def sent_texts(self, chat_id: int) -> list[str]:
        """Text (or caption) of each of the bot's visible messages, oldest first."""
        return [m["text"] if "text" in m else m.get("caption", "") for m in self.messages(chat_id)]

    def reply_keyboard(self, chat_id: int) -> JSON | None:
        """The custom reply keyboard the bot last set in the chat (None once removed)."""
        return copy.deepcopy(self._reply_keyboards.get(chat_id))

    def commands(
        self, *, scope: Mapping[str, Any] | None = None, language_code: str = ""
    ) -> list[JSON]:
        """The command menu set with ``setMyCommands`` for a scope and language."""
        return copy.deepcopy(self._commands.get(_scope_key(scope, language_code), []))

    def callback_answer(self, query_id: str) -> JSON | None:
        """What the bot answered to a button press (``answerCallbackQuery`` params) or None."""
        state = self._callback_queries.get(query_id)
        return copy.deepcopy(state["answer"]) if state else None

    def file_content(self, file_id: str) -> bytes:
        """The bytes behind a ``file_id`` (uploaded by the bot or sent by a user)."""
        return self._files[file_id].content

    async def wait_for(
        self,
        what: str | Callable[[Call], bool],
        *,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109 - a deadline for the whole wait, not one await
        since: int = 0,
    ) -> list[Call]:
        """Wait until ``count`` calls among ``calls[since:]`` match; return all matching ones.

        ``what`` is a method name (case-insensitive) or a predicate on :class:`Call`. Raises
        ``TimeoutError`` listing the calls seen, so a failing test says what the bot did.
        """
        if isinstance(what, str):
            method = what.lower()

            def method_is(call: Call) -> bool:
                return call.method.lower() == method

            matches: Callable[[Call], bool] = method_is
        else:
            matches = what
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        found: list[Call] = []
        scanned = since  # scan each call once: benchmarks wait for thousands
        while True:
            found.extend(c for c in self.calls[scanned:] if matches(c))
            scanned = len(self.calls)
            if len(found) >= count:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                seen = ", ".join(f"{c.method}:{c.status}" for c in self.calls[since:][-20:])
                raise TimeoutError(
                    f"waited {timeout}s for {count} x {what!r}, got {len(found)}; calls: {seen}"
                )
            event = self._calls_changed
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                continue

    # -- test API: faults -----------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        kind: FaultKind,
        *,
        times: int = 1,
        chat_id: int | str | None = None,
        retry_after: int | None = None,
        delay: float | None = None,
        description: str | None = None,
    ) -> None:
        """Make the next ``times`` valid calls of ``method`` (to ``chat_id`` if given) fail.

        ``"429"`` answers Too Many Requests with ``parameters.retry_after``; ``"500"`` an
        Internal Server Error; ``"timeout"`` holds the request ``delay`` seconds (default
        ``timeout_delay``) and closes the connection without answering, so the client times
        out; ``"403"`` is a blocked user; ``"400"`` a Bad Request with ``description``.
        """
        spec = self.schema.method(method)
        if spec is None:
            raise ValueError(f"{method} is not a Bot API method")
        if kind not in ("429", "500", "timeout", "403", "400"):
            raise ValueError(f"unknown fault kind {kind!r}")
        self._faults.append(
            _Fault(
                method=spec.name,
                kind=kind,
                times=times,
                chat_id=chat_id,
                retry_after=retry_after if retry_after is not None else self.retry_after,
                delay=delay if delay is not None else self.timeout_delay,
                description=description,
            )
        )

    # -- test API: webhooks ---------------------------------------------------------------------

    async def post_update_to(
        self, url: str, update: Mapping[str, Any], secret_token: str | None = None
    ) -> int:
        """POST one update to a webhook URL as Telegram does; return the HTTP status."""
        if self._session is None:
            raise RuntimeError("FakeTelegram is not started")
        headers = {"Content-Type": "application/json"}
        if secret_token is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret_token
        async with self._session.post(
            url, data=json.dumps(update), headers=headers, timeout=aiohttp.ClientTimeout(total=10)
        ) as response:
            await response.read()
            return response.status

    # -- internals: model ----------------------------------------------------------------------

    def _notify(self) -> None:
        """Wake everything waiting for updates (long polls, webhook delivery)."""
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    def _user(self, user: Mapping[str, Any] | int) -> JSON:
        """A ``User`` by id or by fields; known users keep their names across calls."""
        if isinstance(user, int):
            if user in self._users:
                return self._users[user]
            user = {"id": user}
        if "id" not in user:
            raise ValueError("a user needs an id")
        merged = {
            "id": user["id"],
            "is_bot": False,
            "first_name": f"User{user['id']}",
            "language_code": "en",
            **self._users.get(user["id"], {}),
            **user,
        }
        self._users[merged["id"]] = merged
        return merged

    def _member(self, status: str) -> JSON:
        """The bot's ``ChatMember`` with the fields each status requires."""
        member: JSON = {"status": status, "user": self.bot_user}
        if status == "kicked":
            member["until_date"] = 0
        return member

    def _last_message_from(self, chat_id: int, user_id: int) -> int:
        for message_id, message in sorted(self._messages.get(chat_id, {}).items(), reverse=True):
            if message.get("from", {}).get("id") == user_id:
                return message_id
        raise ValueError(f"user {user_id} wrote nothing in chat {chat_id}")

    def _store_message(self, chat: JSON, sender: JSON, **content: Any) -> JSON:
        """Give a new message the chat's next id and keep it, as the chat history."""
        chat_id = chat["id"]
        message_id = self._next_message_id.get(chat_id, 0) + 1
        self._next_message_id[chat_id] = message_id
        message: JSON = {
            "message_id": message_id,
            "from": sender,
            "chat": chat,
            "date": int(self.clock()),
            **content,
        }
        self._messages.setdefault(chat_id, {})[message_id] = message
        return message

    def _store_file(
        self, content: bytes, file_name: str | None, mime_type: str | None
    ) -> _StoredFile:
        number = next(self._file_ids)
        kind = "photos" if mime_type and mime_type.startswith("image/") else "documents"
        suffix = mimetypes.guess_extension(mime_type or "") or ""
        stored = _StoredFile(
            file_id=f"BQACAgIAAx{number:08d}fake",
            file_unique_id=f"AgAD{number:06d}",
            content=content,
            file_name=file_name,
            mime_type=mime_type,
            file_path=f"{kind}/file_{number}{suffix}",
        )
        self._files[stored.file_id] = stored
        return stored

    def _photo_sizes(self, stored: _StoredFile, size: tuple[int, int]) -> list[JSON]:
        """Telegram answers a photo with several sizes; two are enough to look real."""
        self._files[f"{stored.file_id}s"] = stored  # the thumbnail size, same bytes here
        return [
            {
                "file_id": f"{stored.file_id}s",
                "file_unique_id": f"{stored.file_unique_id}s",
                "width": 90,
                "height": 90,
                "file_size": len(stored.content),
            },
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "width": size[0],
                "height": size[1],
                "file_size": len(stored.content),
            },
        ]

    def _enqueue(self, update: JSON, update_id: int | None = None) -> int:
        """Validate an update against the documented ``Update`` type and queue it."""
        if update_id is None:
            update_id = next(self._update_ids)
        else:
            self._update_ids = itertools.count(max(update_id + 1, next(self._update_ids)))
        full = {"update_id": update_id, **update}
        try:
            self.schema.check_value("Update", full, path="update")
        except ApiError as exc:
            raise ValueError(f"not a valid Update: {exc.description}") from None
        if len(full) != 2:
            raise ValueError("an Update carries exactly one of its optional fields")
        self._history[update_id] = copy.deepcopy(full)
        self._updates.append(full)
        self._notify()
        return update_id

    def _chat(self, chat_id: Any) -> JSON:
        """Resolve ``chat_id`` (id or ``@username``) to a known chat, else "chat not found"."""
        if isinstance(chat_id, str):
            for known in self._chats.values():
                if known.get("username") and f"@{known['username']}".lower() == chat_id.lower():
                    return known
            raise bad_request("chat not found")
        chat = self._chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        if chat_id in self._blocked:
            raise ApiError(403, self._blocked[chat_id])
        return chat

    def _stored(self, params: JSON, *, action: str) -> JSON:
        """The message an edit/delete refers to (no inline-mode messages here)."""
        if "inline_message_id" in params:
            raise bad_request("MESSAGE_ID_INVALID")
        if "chat_id" not in params or "message_id" not in params:
            raise bad_request("message identifier is not specified")
        chat = self._chat(params["chat_id"])
        message = self._messages.get(chat["id"], {}).get(params["message_id"])
        if message is None:
            raise bad_request(f"message to {action} not found")
        return message

    def _render(self, text: str, parse_mode: str | None, entities: Any) -> tuple[str, list[JSON]]:
        """Parse text like Telegram (HTML or plain + explicit entities) and trim it."""
        mode = (parse_mode or "").lower()
        if mode and entities:
            raise bad_request("can't use parse_mode together with entities")  # stand-in wording
        if mode == "html":
            try:
                return parse_html(text)
            except EntityParseError as exc:
                raise bad_request(f"can't parse entities: {exc}") from None
        if mode in ("", "markdown", "markdownv2"):
            # Markdown is not parsed here: the bot uses HTML. Length is counted on the raw text.
            return strip_plain(text, entities)
        raise bad_request("unsupported parse_mode")

    def _check_markup(self, markup: JSON | None) -> None:
        """Inline keyboard rules the schema can't express: callback_data size, one action."""
        if not markup or "inline_keyboard" not in markup:
            return
        for row in markup["inline_keyboard"]:
            for button in row:
                actions = set(button) - {"text", "icon_custom_emoji_id", "style"}
                if not actions:
                    raise bad_request(
                        "can't parse inline keyboard button: Text buttons are unallowed in the "
                        "inline keyboard"
                    )
                if len(actions) > 1:
                    raise bad_request(
                        "can't parse inline keyboard button: exactly one of the optional fields "
                        "must be used"
                    )
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode("utf-8")) <= 64:
                    raise bad_request("BUTTON_DATA_INVALID")

    def _message_markup(self, chat_id: int, markup: JSON | None) -> JSON | None:
        """Inline keyboards live on the message; reply keyboards on the chat's input field."""
        if markup is None:
            return None
        if "inline_keyboard" in markup:
            return _inline(markup)
        if "keyboard" in markup:
            self._reply_keyboards[chat_id] = markup
        elif markup.get("remove_keyboard"):
            self._reply_keyboards[chat_id] = None
        return None

    def _reply_to(self, chat_id: int, params: JSON) -> JSON:
        reply = params.get("reply_parameters")
        if not reply:
            return {}
        target_chat = reply.get("chat_id", chat_id)
        target = self._messages.get(target_chat, {}).get(reply["message_id"])
        if target is None:
            if reply.get("allow_sending_without_reply"):
                return {}
            raise bad_request("message to be replied not found")
        return {"reply_to_message": {k: v for k, v in target.items() if k != "reply_to_message"}}

    def _deliverable(self, limit: int) -> list[JSON]:
        """The next updates to hand out, skipping (and dropping) types the bot opted out of."""
        batch = self._redeliver[:limit]
        del self._redeliver[:limit]
        kept: list[JSON] = []
        for update in self._updates:
            kind = next(k for k in update if k != "update_id")
            if self._allowed_updates:
                allowed = kind in self._allowed_updates
            else:
                allowed = kind not in DEFAULT_EXCLUDED_UPDATES
            if allowed:
                kept.append(update)
        self._updates = kept
        batch.extend(kept[: limit - len(batch)])
        return copy.deepcopy(batch)

    def _confirm(self, offset: int) -> None:
        """``offset`` confirms every update below it; a negative one keeps only the last N."""
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]

    def _rate_limited(self, method: str, params: JSON) -> ApiError | None:
        """Telegram's flood limits as sliding windows: ``limit_overall`` messages per second in
        all, ``limit_per_chat`` per second to one chat, ``limit_per_group`` per minute to one
        group (negative chat id). Rejected calls don't count, as in Telegram."""
        if not self.enforce_limits or not _counts_as_send(method):
            return None
        now = time.monotonic()
        chat_id = params.get("chat_id")
        windows: list[tuple[deque[float], int, float]] = [(self._sends, self.limit_overall, 1.0)]
        if chat_id is not None:
            windows.append(
                (self._chat_sends.setdefault(("s", chat_id), deque()), self.limit_per_chat, 1.0)
            )
            if isinstance(chat_id, int) and chat_id < 0:
                windows.append(
                    (
                        self._chat_sends.setdefault(("m", chat_id), deque()),
                        self.limit_per_group,
                        60.0,
                    )
                )
        waits = []
        for window, limit, span in windows:
            while window and now - window[0] >= span:
                window.popleft()
            if len(window) >= limit:
                waits.append(window[-limit] + span - now)
        if waits:
            return _too_many(max(1, math.ceil(max(waits))))
        for window, _, _ in windows:
            window.append(now)
        return None

    def _take_fault(self, method: str, params: JSON) -> _Fault | None:
        for fault in self._faults:
            if fault.method != method:
                continue
            if fault.chat_id is not None and params.get("chat_id") != fault.chat_id:
                continue
            fault.times -= 1
            if fault.times <= 0:
                self._faults.remove(fault)
            return fault
        return None

    # -- internals: HTTP -----------------------------------------------------------------------

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        self.stats[call.method] += 1
        if call.status == 429:
            self.stats["429"] += 1
        event, self._calls_changed = self._calls_changed, asyncio.Event()
        event.set()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        """One Bot API request: route, authenticate, decode, validate, fault, answer, record."""
        token = request.match_info["token"]
        name = request.match_info["method"]
        spec = self.schema.method(name)
        method = spec.name if spec else name
        params: JSON = {}
        try:
            if token != self.token:
                # Telegram: 404 for tokens that can't be tokens, 401 for wrong ones.
                if not re.fullmatch(r"\d+:[\w-]+", token):
                    raise ApiError(404, "Not Found")
                raise ApiError(401, "Unauthorized")
            if spec is None:
                raise ApiError(404, "Not Found")
            params = await self._decode(request, spec)
            fault = self._take_fault(method, params)
            if fault is not None:
                await self._apply_fault(fault)
            limited = self._rate_limited(method, params)
            if limited is not None:
                raise limited
            handler = self._handlers.get(method)
            result = await (handler(params) if handler else self._generic(method, params))
        except ApiError as exc:
            return self._error_response(request, method, params, exc)
        except _Dropped:
            self._record(Call(method, params, 0, description="dropped by timeout fault"))
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=500)  # never reaches the client
        except Exception as exc:
            # A bug in the stand-in must not pass for a Telegram 500: stop() re-raises it.
            self.internal_errors.append(exc)
            self._record(Call(method, params, 500, description=f"stand-in crashed: {exc!r}"))
            body = {"ok": False, "error_code": 500, "description": "Internal Server Error"}
            return web.json_response(body, status=500)
        gone = request.transport is None or request.transport.is_closing()
        self._record(
            Call(method, params, 0 if gone else 200, result=copy.deepcopy(result),
                 description="client went away before the answer" if gone else None)
        )  # fmt: skip
        return web.json_response({"ok": True, "result": result})

    def _error_response(
        self, request: web.Request, method: str, params: JSON, exc: ApiError
    ) -> web.Response:
        gone = request.transport is None or request.transport.is_closing()
        self._record(Call(method, params, 0 if gone else exc.status, description=exc.description))
        body: JSON = {"ok": False, "error_code": exc.status, "description": exc.description}
        if exc.parameters:
            body["parameters"] = exc.parameters
        return web.json_response(body, status=exc.status)

    async def _decode(self, request: web.Request, spec: MethodSpec) -> JSON:
        """Query string plus a urlencoded, multipart or JSON body, as Telegram accepts them."""
        raw: dict[str, Any] = dict(request.query)
        files: dict[str, UploadedFile] = {}
        typed = False
        if request.method == "POST" and request.can_read_body:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    raise bad_request("can't parse JSON encoded request") from None
                if not isinstance(body, dict):
                    raise bad_request("can't parse JSON encoded request")
                raw = body
                typed = True
            else:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        content = value.file.read()
                        files[key] = UploadedFile(
                            filename=value.filename,
                            content=content,
                            content_type=value.content_type,
                        )
                    else:
                        raw[key] = value
        return self.schema.decode_params(spec, raw, files, typed=typed)

    async def _apply_fault(self, fault: _Fault) -> None:
        if fault.kind == "429":
            raise _too_many(fault.retry_after)
        if fault.kind == "500":
            raise ApiError(500, fault.description or "Internal Server Error")
        if fault.kind == "403":
            raise ApiError(403, fault.description or "Forbidden: bot was blocked by the user")
        if fault.kind == "400":
            raise ApiError(400, fault.description or "Bad Request: injected failure")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), fault.delay)
        raise _Dropped

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        """``base_file_url`` downloads: the bytes behind a ``getFile`` path."""
        if request.match_info["token"] != self.token:
            return web.Response(status=401, text="Unauthorized")
        path = request.match_info["path"]
        for stored in self._files.values():
            if stored.file_path == path:
                mime = stored.mime_type or "application/octet-stream"
                return web.Response(body=stored.content, content_type=mime)
        return web.Response(status=404, text="Not Found")

    async def _webhook_loop(self) -> None:
        """Push queued updates to the webhook one at a time, retrying failures, like Telegram."""
        while True:
            event = self._changed
            if self._webhook is None or not (self._updates or self._redeliver):
                await event.wait()
                continue
            from_redeliver = bool(self._redeliver)
            batch = [self._redeliver[0]] if from_redeliver else self._deliverable(1)
            if not batch:
                continue
            try:
                status = await self.post_update_to(
                    self._webhook["url"], batch[0], self._webhook.get("secret_token")
                )
            except (aiohttp.ClientError, TimeoutError) as exc:
                status, reason = 0, f"Connection failed: {exc.__class__.__name__}"
            else:
                reason = f"Wrong response from the webhook: {status}"
            if 200 <= status < 300:
                if from_redeliver:
                    self._redeliver.pop(0)
                else:
                    self._confirm(batch[0]["update_id"] + 1)
                self._webhook_error = None
                continue
            # Left queued: retried first, in order, after a pause (Telegram backs off longer).
            self._webhook_error = (int(self.clock()), reason)
            await asyncio.sleep(0.2)

    # -- method handlers -------------------------------------------------------------------------

    async def _get_me(self, params: JSON) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: JSON) -> list[JSON]:
        """Long polling: confirm by offset, wait up to ``timeout`` for something to deliver.

        A newer ``getUpdates`` ends a waiting one with 409, as when two bot instances poll.
        """
        if self._webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()  # ends an older waiting poll
        if "allowed_updates" in params:
            self._allowed_updates = list(params["allowed_updates"]) or None
        self._confirm(params.get("offset", 0))
        limit = min(max(params.get("limit", 100), 1), 100)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(params.get("timeout", 0), 0)
        while True:
            batch = self._deliverable(limit)
            if batch or self._closing.is_set():
                return batch
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            event = self._changed
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return []
            if self._poll_generation != generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one "
                    "bot instance is running",
                )

    async def _set_webhook(self, params: JSON) -> bool:
        url = params["url"]
        if not url:
            self._webhook = None
            return True
        parts = urlsplit(url)
        local = parts.hostname in ("127.0.0.1", "localhost", "::1")
        # Telegram demands HTTPS; plain HTTP is allowed here for local test servers only.
        if parts.scheme != "https" and not (parts.scheme == "http" and local):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_RE.match(secret):
            raise bad_request("secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._updates.clear()
            self._redeliver.clear()
        if "allowed_updates" in params:
            self._allowed_updates = list(params["allowed_updates"]) or None
        self._webhook = {
            "url": url,
            "secret_token": secret,
            "max_connections": params.get("max_connections", 40),
        }
        self._webhook_error = None
        self._notify()
        return True

    async def _delete_webhook(self, params: JSON) -> bool:
        self._webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
            self._redeliver.clear()
        return True

    async def _get_webhook_info(self, params: JSON) -> JSON:
        info: JSON = {
            "url": self._webhook["url"] if self._webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": self.pending_updates,
        }
        if self._webhook:
            info["max_connections"] = self._webhook["max_connections"]
            if self._allowed_updates:
                info["allowed_updates"] = list(self._allowed_updates)
            if self._webhook_error:
                info["last_error_date"], info["last_error_message"] = self._webhook_error
        return info

    async def _send_message(self, params: JSON) -> JSON:
        chat = self._chat(params["chat_id"])
        text, entities = self._render(
            params["text"], params.get("parse_mode"), params.get("entities")
        )
        if not text:
            raise bad_request("message text is empty")
        if len(text) > MAX_TEXT:
            raise bad_request("message is too long")
        self._check_markup(params.get("reply_markup"))
        content: JSON = {"text": text, **self._reply_to(chat["id"], params)}
        if entities:
            content["entities"] = entities
        markup = self._message_markup(chat["id"], params.get("reply_markup"))
        if markup:
            content["reply_markup"] = markup
        return copy.deepcopy(self._store_message(chat, self.bot_user, **content))

    async def _edit_message_text(self, params: JSON) -> JSON:
        message = self._stored(params, action="edit")
        if message.get("from", {}).get("id") != self.bot_id:
            raise bad_request("message can't be edited")
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        text, entities = self._render(
            params["text"], params.get("parse_mode"), params.get("entities")
        )
        if not text:
            raise bad_request("message text is empty")
        if len(text) > MAX_TEXT:
            raise bad_request("message is too long")
        markup = _inline(params.get("reply_markup"))
        self._check_markup(markup)
        # Telegram drops the inline keyboard when an edit doesn't resend it.
        if (
            text == message["text"]
            and entities == message.get("entities", [])
            and markup == message.get("reply_markup")
        ):
            raise bad_request(NOT_MODIFIED)
        return self._apply_edit(message, text=text, entities=entities, reply_markup=markup)

    async def _edit_message_caption(self, params: JSON) -> JSON:
        message = self._stored(params, action="edit")
        if message.get("from", {}).get("id") != self.bot_id:
            raise bad_request("message can't be edited")
        if "text" in message:
            raise bad_request("there is no caption in the message to edit")
        caption, entities = self._render(
            params.get("caption", ""), params.get("parse_mode"), params.get("caption_entities"),
        )  # fmt: skip
        if len(caption) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        markup = _inline(params.get("reply_markup"))
        self._check_markup(markup)
        if (
            caption == message.get("caption", "")
            and entities == message.get("caption_entities", [])
            and markup == message.get("reply_markup")
        ):
            raise bad_request(NOT_MODIFIED)
        return self._apply_edit(
            message, caption=caption, caption_entities=entities, reply_markup=markup
        )

    async def _edit_message_reply_markup(self, params: JSON) -> JSON:
        message = self._stored(params, action="edit")
        if message.get("from", {}).get("id") != self.bot_id:
            raise bad_request("message can't be edited")
        markup = _inline(params.get("reply_markup"))
        self._check_markup(markup)
        if markup == message.get("reply_markup"):
            raise bad_request(NOT_MODIFIED)
        return self._apply_edit(message, reply_markup=markup)

    def _apply_edit(self, message: JSON, **changes: Any) -> JSON:
        """Set the new content; empty values (no entities, no keyboard) remove the field."""
        for key, value in changes.items():
            if value:
                message[key] = value
            else:
                message.pop(key, None)
        message["edit_date"] = int(self.clock())
        return copy.deepcopy(message)

    async def _delete_message(self, params: JSON) -> bool:
        message = self._stored(params, action="delete")
        del self._messages[message["chat"]["id"]][message["message_id"]]
        return True

    async def _answer_callback_query(self, params: JSON) -> bool:
        state = self._callback_queries.get(params["callback_query_id"])
        if state is None or state["answered"]:
            raise bad_request(QUERY_TOO_OLD)
        if len(params.get("text", "")) > MAX_CALLBACK_ANSWER:
            raise bad_request("MESSAGE_TOO_LONG")
        state["answered"] = True
        state["answer"] = dict(params)
        return True

    def _input_file(self, value: Any, *, default_name: str) -> _StoredFile:
        """An upload becomes a stored file; a string must be a known file_id or an URL."""
        if isinstance(value, UploadedFile):
            if not value.content:
                raise bad_request("file must be non-empty")
            mime = mimetypes.guess_type(value.filename)[0] or value.content_type
            return self._store_file(value.content, value.filename or default_name, mime)
        if value in self._files:
            return self._files[value]
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            name = urlsplit(value).path.rsplit("/", 1)[-1] or default_name
            return self._store_file(b"(fetched from URL)", name, mimetypes.guess_type(name)[0])
        raise bad_request("wrong file identifier/HTTP URL specified")

    def _caption(self, params: JSON) -> JSON:
        if "caption" not in params:
            return {}
        caption, entities = self._render(
            params["caption"], params.get("parse_mode"), params.get("caption_entities"),
        )  # fmt: skip
        if len(caption) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        out: JSON = {"caption": caption} if caption else {}
        if entities:
            out["caption_entities"] = entities
        return out

    async def _send_document(self, params: JSON) -> JSON:
        chat = self._chat(params["chat_id"])
        content = self._caption(params)
        self._check_markup(params.get("reply_markup"))
        stored = self._input_file(params["document"], default_name="document")
        document: JSON = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
        if stored.file_name:
            document["file_name"] = stored.file_name
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        document["file_size"] = len(stored.content)
        content |= {"document": document, **self._reply_to(chat["id"], params)}
        markup = self._message_markup(chat["id"], params.get("reply_markup"))
        if markup:
            content["reply_markup"] = markup
        return copy.deepcopy(self._store_message(chat, self.bot_user, **content))

    async def _send_photo(self, params: JSON) -> JSON:
        chat = self._chat(params["chat_id"])
        content = self._caption(params)
        self._check_markup(params.get("reply_markup"))
        photo = params["photo"]
        size = (800, 800)
        if isinstance(photo, UploadedFile):
            if not photo.content.startswith(_IMAGE_MAGIC):
                raise bad_request("IMAGE_PROCESS_FAILED")
            if len(photo.content) > MAX_PHOTO_BYTES:
                raise bad_request("PHOTO_SAVE_FILE_INVALID")
            size = _png_size(photo.content) or size
            width, height = size
            if width + height > MAX_PHOTO_SIDES or max(size) > MAX_PHOTO_RATIO * min(size):
                raise bad_request("PHOTO_INVALID_DIMENSIONS")
        stored = self._input_file(photo, default_name="photo.jpg")
        sizes = self._photo_sizes(stored, size)
        content |= {"photo": sizes, **self._reply_to(chat["id"], params)}
        markup = self._message_markup(chat["id"], params.get("reply_markup"))
        if markup:
            content["reply_markup"] = markup
        return copy.deepcopy(self._store_message(chat, self.bot_user, **content))

    async def _send_chat_action(self, params: JSON) -> bool:
        self._chat(params["chat_id"])
        if params["action"] not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    async def _set_my_commands(self, params: JSON) -> bool:
        commands = params["commands"]
        if len(commands) > 100:
            raise bad_request("too many commands")  # stand-in wording
        for command in commands:
            if not _BOT_COMMAND_NAME_RE.match(command["command"]):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(command["description"]) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = _scope_key(params.get("scope"), params.get("language_code", ""))
        self._commands[key] = [dict(c) for c in commands]
        return True

    async def _get_my_commands(self, params: JSON) -> list[JSON]:
        key = _scope_key(params.get("scope"), params.get("language_code", ""))
        return copy.deepcopy(self._commands.get(key, []))

    async def _delete_my_commands(self, params: JSON) -> bool:
        self._commands.pop(_scope_key(params.get("scope"), params.get("language_code", "")), None)
        return True

    async def _get_file(self, params: JSON) -> JSON:
        stored = self._files.get(params["file_id"])
        if stored is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": params["file_id"],
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.file_path,
        }

    async def _generic(self, method: str, params: JSON) -> Any:
        """Methods without a dedicated handler: ``True`` if that is what they return, a bare
        message for ``send*`` methods, otherwise an honest 400 rather than a wrong shape."""
        returns = self.schema.methods[method].returns
        if "chat_id" in params and isinstance(params["chat_id"], int | str):
            chat = self._chat(params["chat_id"])
        else:
            chat = None
        if returns and returns[0] in ("True", "Boolean"):
            return True
        if returns == ("Message",) and chat is not None:
            return copy.deepcopy(self._store_message(chat, self.bot_user))
        raise bad_request(f"{method} is not implemented by the test stand-in (fake_telegram.py)")


def _utf16_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _default_user(chat_id: int) -> int:
    """Who acts in a chat when a test doesn't say: the private chat's user, or, in a group
    (negative id), a member whose id is derived from the group's."""
    return chat_id if chat_id > 0 else abs(chat_id) + 1


def _too_many(retry_after: int) -> ApiError:
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


def _inline(markup: JSON | None) -> JSON | None:
    """An inline keyboard without buttons is no keyboard, for Telegram and for comparisons."""
    if markup and any(markup.get("inline_keyboard", [])):
        return markup
    return None


def _counts_as_send(method: str) -> bool:
    """Messages count against Telegram's flood limits; chat actions and reads do not."""
    if method == "sendChatAction":
        return False
    return method.startswith(("send", "copyMessage", "forwardMessage", "editMessage"))


def _callback_datas(markup: JSON | None) -> set[str]:
    if not markup:
        return set()
    return {
        button["callback_data"]
        for row in markup.get("inline_keyboard", [])
        for button in row
        if "callback_data" in button
    }


def _scope_key(scope: Mapping[str, Any] | None, language_code: str) -> tuple[str, str]:
    return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code or ""
