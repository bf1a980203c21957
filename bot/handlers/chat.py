"""Telegram updates in, engine replies out. Nothing here decides what to say.

Each handler extracts plain values from the ``Update`` (chat id, text, button payload, update
id) and calls the dialog engine once, which queues the replies in the outbox in the same
transaction (``bot/telegram/outbox.py`` sends them) and takes the update out of the inbox.
Group chats, channels and non-text messages are answered here because they never reach a
flow: in a group the bot says once that it works in private chats and leaves, storing nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import Chat, ChatMemberUpdated, Message, Update
from telegram.constants import ChatMemberStatus
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.domain.replies import Blocked, Edit, Reply, say
from bot.engine import inbound
from bot.engine.dialog import DialogEngine, Outcome
from bot.flows.base import Event
from bot.telegram.sender import Sender

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

    def __init__(self, engine: DialogEngine, sender: Sender, wake: Callable[[], None]) -> None:
        """``wake`` tells the outbox sender that replies were queued."""
        self.engine = engine
        self.sender = sender
        self.wake = wake
        #: Updates whose transaction took them out of the inbox (``UpdateInbox`` reads it).
        self.consumed: set[int] = set()

    def register(self, app: Application) -> None:
        private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
        app.add_handler(MessageHandler(~filters.ChatType.PRIVATE, self.group), group=0)
        app.add_handler(MessageHandler(private & filters.TEXT, self.message), group=0)
        app.add_handler(MessageHandler(private & ~filters.TEXT, self.not_text), group=0)
        app.add_handler(CallbackQueryHandler(self.button), group=0)
        app.add_handler(
            ChatMemberHandler(self.membership, ChatMemberHandler.MY_CHAT_MEMBER), group=0
        )
        app.add_error_handler(self.error)

    async def _handle(
        self, chat_id: int, event: Event, update_id: int, message_id: int | None = None
    ) -> Outcome:
        outcome = await self.engine.handle(
            chat_id, event, update_id=update_id, outbox=True, message_id=message_id
        )
        self.consumed.add(update_id)
        self.wake()
        return outcome

    async def message(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """A private text message or command."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        await self._handle(message.chat_id, inbound.typed(message.text), update.update_id)

    async def button(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button press: answer the query, record the choice on the question, go on.

        Answering the query and editing the old question stay immediate, outside the outbox:
        both are cosmetic (the spinner, the "✓ choice" line), Telegram refuses a late answer
        anyway, and a crash that loses them leaves an old question whose buttons are refused
        as "earlier" and bring back the current one.
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
            message.chat_id, inbound.pressed(query.data or ""), update.update_id, message.id
        )
        if any(isinstance(r, Edit) and r.message_id == message.id for r in outcome.replies):
            return  # the message changes in place ("When to call the doctor"): no "✓" line
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
            await self.engine.queue(chat_id, _text(TEXT_ONLY), update_id=update_id)
            self.consumed.add(update_id)
            self.wake()

    async def group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Groups and channels: say once that the bot is private-only, then leave."""
        chat = update.effective_chat
        if chat is None or update.edited_message or update.edited_channel_post:
            return
        try:
            await context.bot.send_message(chat.id, PRIVATE_ONLY)
            await context.bot.leave_chat(chat.id)
        except BadRequest as exc:
            log.info("could not leave a group", extra={"reason": str(exc)})

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
