"""Sprout's onboarding as a plain python-telegram-bot ``ConversationHandler`` bot, durable on
every update: the peer Sprout is measured against in ``bench/throughput.py``.

The echo bot says what PTB and HTTP cost; this bot says what a competent PTB developer pays for
the guarantee Sprout gives, that nothing a parent was answered is lost: every step commits its
answer and the conversation's next state with SQLAlchemy Core (async engine, aiosqlite or
asyncpg) *before* it replies. PTB's own persistence cannot give that guarantee (it writes on a
timer, every 60 s by default), so the handlers write themselves, and a chat whose conversation
PTB no longer holds in memory (after a restart) resumes from the committed state.

Kept equal to Sprout where it matters for the comparison: the same conversation (``/start``,
a nickname, a birth date, the "No, at term" button, a worry) with the same number of messages
per step (two for ``/start``, one otherwise), the button answered and its question edited to
show the choice; the same update concurrency, in arrival order within a chat (Sprout's
``PerChatUpdateProcessor``: a ``ConversationHandler`` is not safe with PTB's plain concurrent
processing, since a chat's next update could read the state before the previous one set it);
SQLite in WAL mode with full sync, PostgreSQL with Sprout's pool. Left out, because they are
Sprout's features rather than the price of durability: encryption, the matcher and triage,
reminders, pacing, the rate limiter.
"""

from __future__ import annotations

import enum
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import escape
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    event,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.telegram.application import PerChatUpdateProcessor
from storage.db import create_postgres_engine
from tests.support.fake_telegram import FakeTelegram


@dataclass(frozen=True)
class Turn:
    """One parent action and how many messages the bot answers it with."""

    text: str | None  # None: press the button ``data`` on the bot's last message
    replies: int
    data: str = ""


#: The onboarding ``bench/throughput.py`` drives, with Sprout's reply counts; the peer answers
#: each turn with as many messages, so the benchmark drives both bots the same way.
SPROUT_CONVERSATION = (
    Turn("/start", 2),
    Turn("Mila", 1),
    Turn("2024-03-15", 1),
    Turn(None, 1, "ob:preterm:no"),
    Turn("he holds his crayon in a fist", 1),
)

#: The longest nickname the table takes.
NICKNAME_MAX = 64


class Step(enum.StrEnum):
    """Where a chat's onboarding stands; the value is what the database holds."""

    NICKNAME = "nickname"
    BIRTH_DATE = "birth_date"
    PRETERM = "preterm"
    WORRY = "worry"
    DONE = "done"


metadata = MetaData()
families = Table(
    "peer_families",
    metadata,
    Column("chat_id", BigInteger, primary_key=True),
    Column("step", String(16), nullable=False),
    Column("nickname", String(NICKNAME_MAX)),
    Column("birth_date", Date),
    Column("preterm", Boolean),
)
worries = Table(
    "peer_worries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("chat_id", BigInteger, ForeignKey("peer_families.chat_id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class Child:
    """What the next question needs to say, read back by the statement that saved the answer."""

    nickname: str
    birth_date: date | None


def create_engine(url: str) -> AsyncEngine:
    """An engine for ``url`` set up as a careful developer would for a bot that must not lose
    a confirmed answer.

    SQLite: WAL with the default full sync (a commit is on disk when it returns) and one
    connection, so this process's transactions queue in the pool instead of sleeping in
    SQLite's busy handler (the effect Sprout gets from its writer lock). PostgreSQL: the pool
    Sprout uses (``storage.db.create_postgres_engine``).
    """
    if url.startswith("sqlite"):
        engine = create_async_engine(url, pool_size=1, max_overflow=0)

        @event.listens_for(engine.sync_engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()

        return engine
    return create_postgres_engine(url)


class PeerStore:
    """The peer's two tables; each method is one transaction, committed when it returns."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    @classmethod
    async def open(cls, url: str) -> PeerStore:
        """A store on ``url`` with its tables created if missing."""
        engine = create_engine(url)
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
        return cls(engine)

    async def close(self) -> None:
        await self.engine.dispose()

    async def step(self, chat_id: int) -> Step | None:
        """The committed step of a chat, or None when it never sent /start."""
        async with self.engine.connect() as connection:
            value = await connection.scalar(
                select(families.c.step).where(families.c.chat_id == chat_id)
            )
        return None if value is None else Step(value)

    async def restart(self, chat_id: int) -> None:
        """Begin (or begin again) a chat's onboarding; its earlier answers are cleared."""
        fresh = {
            "step": Step.NICKNAME.value,
            "nickname": None,
            "birth_date": None,
            "preterm": None,
        }
        insert = sqlite.insert if self.engine.dialect.name == "sqlite" else postgresql.insert
        statement = insert(families).values(chat_id=chat_id, **fresh)
        async with self.engine.begin() as connection:
            await connection.execute(
                statement.on_conflict_do_update(index_elements=[families.c.chat_id], set_=fresh)
            )

    async def answer(self, chat_id: int, next_step: Step, **values: object) -> Child:
        """Save one answer (a column of ``families``) and the step it leads to."""
        statement = (
            update(families)
            .where(families.c.chat_id == chat_id)
            .values(step=next_step.value, **values)
            .returning(families.c.nickname, families.c.birth_date)
        )
        async with self.engine.begin() as connection:
            row = (await connection.execute(statement)).one()
        return Child(row.nickname, row.birth_date)

    async def add_worry(self, chat_id: int, text: str) -> None:
        """Keep the worry and close the onboarding, in one transaction."""
        async with self.engine.begin() as connection:
            await connection.execute(
                worries.insert().values(chat_id=chat_id, text=text, created_at=datetime.now(UTC))
            )
            await connection.execute(
                update(families).where(families.c.chat_id == chat_id).values(step=Step.DONE.value)
            )


WELCOME = (
    "Hi! I help you follow your child's movement skills. A few questions first, then tell me "
    "anything that worries you."
)
ASK_NICKNAME = "What should I call your child? A first name or a nickname is enough."
AT_TERM = "No, at term"
PRETERM_BUTTONS = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Yes, before 37 weeks", callback_data="ob:preterm:yes")],
        [InlineKeyboardButton(AT_TERM, callback_data="ob:preterm:no")],
    ]
)


def _ask_birth_date(nickname: str) -> str:
    return f"When was <b>{escape(nickname)}</b> born? For example <b>2024-03-15</b>."


def _ask_preterm(nickname: str) -> str:
    return f"Was <b>{escape(nickname)}</b> born early, before 37 weeks of pregnancy?"


class PeerOnboarding:
    """The conversation's handlers, sharing one store; ``handler()`` wires them up."""

    def __init__(self, store: PeerStore) -> None:
        self.store = store

    def handler(self) -> ConversationHandler[Any]:
        text = filters.TEXT & ~filters.COMMAND
        with warnings.catch_warnings():
            # The conversation is tracked per chat, and the button sits on the question this
            # chat was just asked: per-message tracking, which PTB warns about, is not wanted.
            warnings.filterwarnings("ignore", "If 'per_message=False'", PTBUserWarning)
            return ConversationHandler(
                entry_points=[
                    CommandHandler("start", self.start),
                    MessageHandler(text, self.resume),
                    CallbackQueryHandler(self.resume, pattern=r"^ob:preterm:"),
                ],
                states={
                    Step.NICKNAME: [MessageHandler(text, self.nickname)],
                    Step.BIRTH_DATE: [MessageHandler(text, self.birth_date)],
                    Step.PRETERM: [
                        CallbackQueryHandler(self.preterm, pattern=r"^ob:preterm:(yes|no)$")
                    ],
                    Step.WORRY: [MessageHandler(text, self.worry)],
                },
                fallbacks=[CommandHandler("start", self.start)],
                per_message=False,
            )

    async def start(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> Step:
        message = _message(update)
        await self.store.restart(message.chat_id)
        await message.reply_text(WELCOME)
        await message.reply_text(ASK_NICKNAME)
        return Step.NICKNAME

    async def nickname(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> Step:
        message = _message(update)
        nickname = (message.text or "").strip()
        if not nickname or len(nickname) > NICKNAME_MAX:
            await message.reply_text(f"A name of 1 to {NICKNAME_MAX} characters, please.")
            return Step.NICKNAME
        await self.store.answer(message.chat_id, Step.BIRTH_DATE, nickname=nickname)
        await message.reply_text(_ask_birth_date(nickname), parse_mode=ParseMode.HTML)
        return Step.BIRTH_DATE

    async def birth_date(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> Step:
        message = _message(update)
        try:
            born = date.fromisoformat((message.text or "").strip())
        except ValueError:
            born = None
        if born is None or born > date.today():
            await message.reply_text("Please write the date like 2024-03-15.")
            return Step.BIRTH_DATE
        child = await self.store.answer(message.chat_id, Step.PRETERM, birth_date=born)
        await message.reply_text(
            _ask_preterm(child.nickname), parse_mode=ParseMode.HTML, reply_markup=PRETERM_BUTTONS
        )
        return Step.PRETERM

    async def preterm(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> Step:
        query = update.callback_query
        assert query is not None  # a CallbackQueryHandler called this
        assert query.message is not None
        early = query.data == "ob:preterm:yes"
        child = await self.store.answer(query.message.chat.id, Step.WORRY, preterm=early)
        await query.answer()
        choice = "Yes, before 37 weeks" if early else AT_TERM
        await query.edit_message_text(
            f"{_ask_preterm(child.nickname)}\n\n✓ <i>{choice}</i>", parse_mode=ParseMode.HTML
        )
        assert child.birth_date is not None  # answered the step before
        await query.get_bot().send_message(
            query.message.chat.id,
            f"All set! <b>{escape(child.nickname)}</b> was born on "
            f"{child.birth_date.day} {child.birth_date:%B %Y}.\n\n"
            "What worries you? Tell me in your own words.",
            parse_mode=ParseMode.HTML,
        )
        return Step.WORRY

    async def worry(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> int:
        message = _message(update)
        await self.store.add_worry(message.chat_id, message.text or "")
        await message.reply_text("Thank you, I have noted that. Send /start to begin again.")
        return ConversationHandler.END

    async def resume(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> Step | int:
        """A chat PTB holds no conversation for: carry on from its committed step.

        After a restart PTB's in-memory states are gone, so the first update of each chat
        lands here; an update that does not fit the step (a stale button, text instead of a
        tap) is ignored, as it would have been without the restart.
        """
        chat = update.effective_chat
        assert chat is not None  # the conversation is per chat
        step = await self.store.step(chat.id)
        if step is None or step is Step.DONE:
            return ConversationHandler.END
        tapped = update.callback_query is not None
        match step:
            case Step.NICKNAME if not tapped:
                return await self.nickname(update, context)
            case Step.BIRTH_DATE if not tapped:
                return await self.birth_date(update, context)
            case Step.PRETERM if tapped:
                return await self.preterm(update, context)
            case Step.WORRY if not tapped:
                return await self.worry(update, context)
            case _:
                return step


def _message(update: Update) -> Message:
    message = update.effective_message
    assert message is not None  # only message handlers call this
    return message


def build_peer_app(
    tg: FakeTelegram, store: PeerStore, *, concurrent_updates: int = 1
) -> Application:
    """An ``Application`` with only the onboarding conversation, talking to ``tg``.

    Start it like the echo bot (``async with app``, ``start_polling``, ``start``); the store
    stays the caller's to close.
    """
    app = (
        ApplicationBuilder()
        .token(tg.token)
        .base_url(tg.base_url)
        .base_file_url(tg.base_file_url)
        .concurrent_updates(PerChatUpdateProcessor(concurrent_updates))
        .build()
    )
    app.add_handler(PeerOnboarding(store).handler())
    return app
