"""Telegram updates in, engine replies out. Nothing here decides what to say.

Each handler extracts plain values from the ``Update`` (chat id, text, button payload, update
id) and calls the dialog engine once, which queues the replies in the outbox in the same
transaction (``bot/telegram/outbox.py`` sends them) and takes the update out of the inbox (or,
for an update processed before it was stored, only logs it: ``bot/telegram/inflight.py``).
Group chats, channels and messages without words (a sticker, a photo without a caption) are
answered here because they never reach a flow: in a group the bot says once that it works in
private chats and leaves, storing nothing. A caption is read as the text it is.
"""

from __future__ import annotations

import logging

from telegram import Chat, ChatMemberUpdated, Message, Update
from telegram.constants import ChatMemberStatus
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.domain.replies import Blocked, Reply, say
from bot.engine import inbound
from bot.engine.dialog import DialogEngine, Outcome
from bot.flows.base import Event
from bot.telegram.inflight import InFlight
from bot.telegram.outbox import LEASE, OutboxSender
from bot.telegram.sender import Sender
from bot.telegram.stages import Stage, mark

log = logging.getLogger(__name__)

PRIVATE_ONLY = (
    "Hi! I only talk in private chats, to keep children's information private. "
    "Please message me directly. I have not stored anything from this chat."
)
TEXT_ONLY = (
    "I can only read text messages for now. Type what you'd like to tell me, or /help to see "
    "what I can do."
)
SOMETHING_WRONG = "Something went wrong on my side. Your answers are saved; please try again."


class ChatHandlers:
    """The bot's handlers, bound to one engine and one sender."""

    def __init__(self, engine: DialogEngine, sender: Sender, outbox: OutboxSender) -> None:
        """``outbox`` sends what the engine queued: a step's first reply at once when the
        step leased it, the rest when woken."""
        self.engine = engine
        self.sender = sender
        self.outbox = outbox
        #: Shared with ``UpdateInbox``: which updates are in the inbox table, which a step's
        #: transaction took (and when), which were joined.
        self.flight = InFlight()

    def register(self, app: Application) -> None:
        private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
        app.add_handler(MessageHandler(~filters.ChatType.PRIVATE, self.group), group=0)
        words = filters.TEXT | filters.CAPTION
        app.add_handler(MessageHandler(private & words, self.message), group=0)
        app.add_handler(MessageHandler(private & ~words, self.not_text), group=0)
        edits = filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE
        app.add_handler(MessageHandler(edits, self.edited), group=0)
        app.add_handler(CallbackQueryHandler(self.button), group=0)
        app.add_handler(
            ChatMemberHandler(self.membership, ChatMemberHandler.MY_CHAT_MEMBER), group=0
        )
        app.add_error_handler(self.error)

    async def _handle(
        self,
        chat_id: int,
        event: Event,
        update_id: int,
        message_id: int | None = None,
        *,
        edited: bool = False,
    ) -> Outcome:
        outcome = await self.engine.handle(
            chat_id,
            event,
            update_id=update_id,
            outbox=True,
            message_id=message_id,
            also=self.flight.joined.get(update_id, ()),
            edited=edited,
            lease=LEASE,
            in_inbox=self.flight.stored(update_id),
            # Told at the commit, before a requested file is made: the poller waits for this
            # (not for the PDF) before it acknowledges an update that was never stored.
            committed=lambda: self._taken(chat_id, update_id),
        )
        if outcome.leased is not None:
            self.outbox.send_now(outcome.leased)
        # A look at the outbox is one more transaction (on SQLite, one more turn of the one
        # writer), so only when it can find something: with the first reply leased, the
        # step's other replies wait for its send to settle, which wakes the sender itself.
        if outcome.look:
            self.outbox.wake()
        return outcome

    def _taken(self, chat_id: int, update_id: int) -> None:
        self.flight.taken(update_id)
        mark(chat_id, Stage.STEP_COMMITTED)

    async def message(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """A private text message or command, or a photo's (or file's) caption, read as the
        text it is ("look how he holds the spoon"); the photo itself is never fetched."""
        message = update.effective_message
        words = None if message is None else message.text or message.caption
        if message is None or words is None:
            return
        await self._handle(
            message.chat_id, inbound.typed(words), update.update_id, message.message_id
        )

    async def edited(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """The parent edited a message: a correction where the flow can use it (the engine
        decides), otherwise one line saying edits are not read."""
        message = update.edited_message
        words = None if message is None else message.text or message.caption
        if message is None or words is None:
            return
        event = inbound.typed(words)
        await self._handle(
            message.chat_id, event, update.update_id, message.message_id, edited=True
        )

    async def button(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button press: answer the query, record the choice on the question, go on.

        Answering the query and editing the old question stay immediate, outside the outbox:
        both are cosmetic (the spinner, the "✓ choice" line), Telegram refuses a late answer
        anyway, and a crash that loses them leaves an old question whose buttons are refused
        as "earlier" and bring back the current one. A double tap (a second press on the
        question just answered) changes nothing, and a menu that edits itself in place is
        left to the outbox's edit.
        """
        query = update.callback_query
        if query is None:
            return
        try:
            await query.answer()
        except TelegramError as exc:  # too old (restart, redelivery), timed out: press counts
            log.info("button press not acknowledged", extra={"reason": str(exc)})
        message = query.message
        if not isinstance(message, Message) or message.chat.type != Chat.PRIVATE:
            return
        outcome = await self._handle(
            message.chat_id,
            inbound.pressed(query.data or ""),
            update.update_id,
            message.message_id,
        )
        if outcome.quiet or outcome.in_place:
            return
        label = _label(message, query.data or "")
        try:
            if outcome.accepted and label:
                await self.sender.show_choice(message, label)
            elif message.reply_markup is not None:
                await self.sender.drop_buttons(message)
        except BadRequest as exc:  # "message is not modified" or too old to edit: harmless
            log.info("question not edited", extra={"reason": str(exc)})
        except Blocked:
            await self.engine.set_reachable(message.chat_id, False)

    async def not_text(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice notes...: a friendly pointer; nothing is stored."""
        if update.effective_chat is not None:
            chat_id, update_id = update.effective_chat.id, update.update_id
            in_inbox = self.flight.stored(update_id)
            await self.engine.queue(
                chat_id, _text(TEXT_ONLY), update_id=update_id, in_inbox=in_inbox
            )
            self.flight.taken(update_id)
            self.outbox.wake()

    async def group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Groups and channels: say once that the bot is private-only, then leave."""
        chat = update.effective_chat
        if chat is None or update.edited_message or update.edited_channel_post:
            return
        try:
            await context.bot.send_message(chat.id, PRIVATE_ONLY)
            await context.bot.leave_chat(chat.id)
        except (BadRequest, Forbidden) as exc:
            # A late update from a group the bot has left (403) or cannot write to: nothing
            # to do, and nothing from the group (not even its id) in the log.
            log.info("group update not answered", extra={"reason": type(exc).__name__})

    async def membership(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """The parent blocked or unblocked the bot (``my_chat_member`` in a private chat)."""
        change: ChatMemberUpdated | None = update.my_chat_member
        if change is None or change.chat.type != Chat.PRIVATE:
            return
        status = change.new_chat_member.status
        reachable = status not in {ChatMemberStatus.BANNED, ChatMemberStatus.LEFT}
        await self.engine.set_reachable(change.chat.id, reachable)

    async def error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log without child data, and tell the parent their answers are safe."""
        log.error(
            "error while handling an update",
            exc_info=context.error,
            extra={"update_id": getattr(update, "update_id", None)},
        )
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is not None and chat.type == Chat.PRIVATE:
            try:
                await self.sender.send(chat.id, _text(SOMETHING_WRONG))
            except Exception:  # the error handler itself must never raise
                log.warning("could not tell the parent about an error")


def _text(text: str) -> list[Reply]:
    return [say(text)]


def _label(message: Message, payload: str) -> str | None:
    markup = message.reply_markup
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.callback_data == payload:
                return button.text
    return None
