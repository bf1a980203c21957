"""Issue 16: the inbox and the outbox, end to end over the Bot API stand-in, on both databases.

A crash is cut at the two points that lost data before: after an update was fetched (and so
acknowledged) but before it was processed, and after a step was saved but before its reply
was sent; and, for an idle chat's update processed before it is stored, before its step
commits and between that commit and the poller's acknowledgement. The first bot is built
with that part switched off, stopped, and a second bot on the same database must finish the
job. The flood test checks the mechanics that keep one chat from stalling the others: its
backlog waits in the outbox, not in processing slots.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.bootstrap import open_engine
from bot.domain.replies import Document
from bot.settings import Settings
from bot.summary.pdf import SummaryPdf
from bot.telegram.application import SproutBot
from bot.telegram.outbox import LEASE as OUTBOX_LEASE
from storage.models import InboxUpdate, OutboxMessage
from tests.support.bot_fixtures import TEST_CHAT_INTERVAL
from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import WAIT, Parent, RunningBot

pytestmark = pytest.mark.e2e

Build = Callable[..., Awaitable[RunningBot]]


@pytest.fixture
async def build(make_settings: Callable[..., Settings]) -> AsyncIterator[Build]:
    """Like ``start_bot``, with a hook to break the bot before it starts."""
    running: list[RunningBot] = []

    async def make(
        url: str,
        *,
        chat_interval: float = TEST_CHAT_INTERVAL,
        breaking: Callable[[SproutBot], None] = lambda _bot: None,
    ) -> RunningBot:
        engine = await open_engine(make_settings(url), create_key=False)
        bot = SproutBot(make_settings(url), engine, chat_interval=chat_interval)
        breaking(bot)
        run = RunningBot(bot, engine)
        running.append(run)
        await bot.start()
        return run

    yield make
    for run in reversed(running):
        await run.stop()


async def rows(run: RunningBot, table: type[Any], chat_id: int | None = None) -> int:
    async with run.engine.store.unit_of_work() as uow:
        query = select(func.count()).select_from(table)
        if chat_id is not None:
            query = query.where(table.chat_id == chat_id)
        return int(await uow.session.scalar(query) or 0)


async def until(check: Callable[[], Awaitable[bool]]) -> None:
    """Wait for ``check`` to hold (polled; the limit is only a guard against hanging)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while not await check():
        assert loop.time() < deadline, "condition never held"
        await asyncio.sleep(0.02)


async def never() -> None:
    await asyncio.Event().wait()


async def test_an_update_fetched_but_not_processed_is_processed_after_a_restart(
    build: Build, database_url: str, tg: FakeTelegram, parent: Parent
) -> None:
    """The stored path (a busy chat's update): in the inbox and acknowledged, then cut."""

    def no_processing(bot: SproutBot) -> None:
        bot.inbox._idle = lambda *_args: False  # type: ignore[method-assign]
        bot.inbox._dispatch = lambda queued: None  # type: ignore[method-assign]

    first = await build(database_url, breaking=no_processing)
    tg.user_message(parent.chat_id, "/start")

    async def stored_and_acknowledged() -> bool:
        return tg.pending_updates == 0 and await rows(first, InboxUpdate) == 1

    await until(stored_and_acknowledged)
    await first.stop()
    assert parent.texts() == []

    since = len(tg.calls)
    second = await build(database_url)
    await tg.wait_for("sendMessage", count=2, since=since)
    assert "What should I call your child" in parent.texts()[1]
    assert len(parent.texts()) == 2
    assert await rows(second, InboxUpdate) == 0


async def test_a_reply_saved_but_not_sent_is_sent_after_a_restart(
    build: Build,
    database_url: str,
    tg: FakeTelegram,
    parent: Parent,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cut after the step's commit, before its first reply (leased to the step, the direct
    path) is sent: the next run sends it once its lease is over (at once on SQLite)."""
    monkeypatch.setattr("bot.handlers.chat.LEASE", timedelta(seconds=1))

    def no_sending(bot: SproutBot) -> None:
        bot.outbox.run = never  # type: ignore[method-assign]
        bot.outbox.send_now = lambda _row: None  # type: ignore[method-assign, assignment]

    first = await build(database_url, breaking=no_sending)
    tg.user_message(parent.chat_id, "/start")

    async def saved() -> bool:
        return await rows(first, OutboxMessage) == 2 and await rows(first, InboxUpdate) == 0

    await until(saved)
    async with first.engine.store.unit_of_work() as uow:
        leased = select(func.count()).where(OutboxMessage.claimed_until.is_not(None))
        assert await uow.session.scalar(leased) == 1  # the first reply, by the step
    await first.stop()
    assert parent.texts() == []

    since = len(tg.calls)
    second = await build(database_url)
    await tg.wait_for("sendMessage", count=2, since=since)
    texts = parent.texts()
    assert len(texts) == 2
    assert "Sprout" in texts[0]
    assert "What should I call your child" in texts[1]
    await until(lambda: _empty(second))
    (ask_date,) = await parent.says("Mila")  # the conversation goes on where it was saved
    assert "When was Mila born" in ask_date


async def test_an_idle_chats_first_reply_goes_out_without_the_outbox_sender(
    build: Build, database_url: str, tg: FakeTelegram, parent: Parent
) -> None:
    """The direct path: the step leases its chat's first reply and the handler sends it at
    once; the sender's looks (switched off here) only send what waits behind it."""

    def no_looks(bot: SproutBot) -> None:
        bot.outbox.run = never  # type: ignore[method-assign]

    first = await build(database_url, breaking=no_looks)
    tg.user_message(parent.chat_id, "/start")
    await tg.wait_for("sendMessage", count=1)
    await asyncio.sleep(0.3)
    (welcome,) = parent.texts()  # the question waits for a look, which never comes
    assert "Sprout" in welcome
    assert await rows(first, OutboxMessage) == 2  # both, the sent one unsettled


async def test_a_busy_chats_reply_waits_in_the_outbox_behind_the_earlier_ones(
    build: Build, database_url: str, tg: FakeTelegram, parent: Parent
) -> None:
    """A chat whose replies still wait is not sent directly: the new step's replies queue
    behind them and leave in order, through the sender's looks."""
    run = await build(database_url, chat_interval=0.3)
    sends: list[int] = []
    send_now = run.bot.outbox.send_now

    def counted(row: Any) -> None:
        sends.append(row.id)
        send_now(row)

    run.bot.outbox.send_now = counted  # type: ignore[method-assign]
    tg.user_message(parent.chat_id, "/start")
    tg.user_message(parent.chat_id, "Mila")
    await tg.wait_for("sendMessage", count=3)
    texts = parent.texts()
    assert "Sprout" in texts[0]
    assert "What should I call your child" in texts[1]
    assert "When was Mila born" in texts[2]
    # /start's welcome went directly; "Mila" came while its question still waited.
    assert len(sends) == 1


async def inbox_writes(run: RunningBot) -> list[int]:
    """Records the update ids written to the inbox table from now on."""
    written: list[int] = []
    store = run.engine.store
    unit_of_work = store.unit_of_work

    def counting(*args: Any, **kwargs: Any) -> Any:
        uow = unit_of_work(*args, **kwargs)
        inner = uow.__aenter__

        async def enter() -> Any:
            opened = await inner()
            add = opened.inbox.add

            async def counted(update_id: int, *rest: Any) -> None:
                written.append(update_id)
                await add(update_id, *rest)

            opened.inbox.add = counted  # type: ignore[method-assign, assignment]
            return opened

        uow.__aenter__ = enter  # type: ignore[method-assign]
        return uow

    store.unit_of_work = counting  # type: ignore[method-assign]
    return written


async def test_an_idle_chats_update_is_processed_without_the_inbox_table(
    build: Build, database_url: str, tg: FakeTelegram, parent: Parent
) -> None:
    """One commit per update: an idle chat's update goes to its step unstored, and the step's
    transaction is the only one that writes it (its id in the update log)."""
    run = await build(database_url)
    written = await inbox_writes(run)
    (_welcome, question) = await parent.says("/start", replies=2)
    assert "What should I call your child" in question
    (ask_date,) = await parent.says("Mila")
    assert "When was Mila born" in ask_date
    assert written == []
    assert tg.pending_updates == 0


async def test_an_unstored_update_cut_before_its_step_commits_comes_again(
    build: Build,
    database_url: str,
    tg: FakeTelegram,
    parent: Parent,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Killed while an idle chat's step runs (nothing stored yet): the update was never
    acknowledged, so Telegram sends it again and the next run answers it, once."""
    started = asyncio.Event()

    async def stuck(*_args: Any, **_kwargs: Any) -> None:
        started.set()
        await never()

    def stuck_steps(bot: SproutBot) -> None:
        bot.engine.handle = stuck  # type: ignore[method-assign, assignment]

    first = await build(database_url, breaking=stuck_steps)
    tg.user_message(parent.chat_id, "/start")
    await asyncio.wait_for(started.wait(), WAIT)
    await asyncio.sleep(0.2)
    assert tg.pending_updates == 1  # not acknowledged
    assert await rows(first, InboxUpdate) == 0  # and not stored: the step would have
    await first.stop()
    assert parent.texts() == []

    since = len(tg.calls)
    await build(database_url)
    await tg.wait_for("sendMessage", count=2, since=since)
    await asyncio.sleep(0.2)
    texts = parent.texts()
    assert len(texts) == 2
    assert "What should I call your child" in texts[1]


async def test_an_unstored_update_cut_after_its_step_commits_is_not_answered_twice(
    build: Build, database_url: str, tg: FakeTelegram, parent: Parent
) -> None:
    """Killed between the step's commit and the poller's acknowledgement: Telegram sends the
    update again, and the update log (written by that commit) keeps it from a second step."""

    def never_acknowledged(bot: SproutBot) -> None:
        flight = bot.handlers.flight
        flight.taken = flight.consumed.add  # type: ignore[method-assign, assignment]
        flight.done = lambda *_args, **_kwargs: None  # type: ignore[method-assign]

    first = await build(database_url, breaking=never_acknowledged)
    tg.user_message(parent.chat_id, "/start")
    await tg.wait_for("sendMessage", count=2)
    assert tg.pending_updates == 1  # answered, committed, never acknowledged
    await first.stop()

    since = len(tg.calls)
    second = await build(database_url)
    await until(lambda: _acknowledged(tg))
    await until(lambda: _empty(second))
    assert [c for c in tg.calls[since:] if c.method == "sendMessage"] == []
    (ask_date,) = await parent.says("Mila")  # the conversation goes on where it was saved
    assert "When was Mila born" in ask_date
    assert len(parent.texts()) == 3


async def test_a_step_making_a_file_does_not_hold_the_poller(
    build: Build, database_url: str, tg: FakeTelegram, parent: Parent
) -> None:
    """The poller waits for an unstored update's commit, not for what follows it (a PDF is
    made after the commit): here that part never ends, and another chat is still served."""
    other = Parent(tg, 3002)

    def slow_after_commit(bot: SproutBot) -> None:
        handle = bot.engine.handle

        async def slow(chat_id: int, *args: Any, **kwargs: Any) -> Any:
            outcome = await handle(chat_id, *args, **kwargs)
            if chat_id == parent.chat_id:
                await never()
            return outcome

        bot.engine.handle = slow  # type: ignore[method-assign]

    run = await build(database_url, breaking=slow_after_commit)
    tg.user_message(parent.chat_id, "/start")

    async def committed() -> bool:
        return await rows(run, OutboxMessage, parent.chat_id) == 2

    await until(committed)
    (_welcome, question) = await other.says("/start", replies=2)
    assert "What should I call your child" in question


async def _acknowledged(tg: FakeTelegram) -> bool:
    return tg.pending_updates == 0


async def _empty(run: RunningBot) -> bool:
    return await rows(run, OutboxMessage) == 0


async def test_one_chat_flooding_does_not_hold_up_another(
    build: Build, database_url: str, tg: FakeTelegram
) -> None:
    """With Telegram's real pacing (1 s per chat), 100 messages from one chat are processed
    at once and their replies wait in the outbox; another chat is answered straight away."""
    flood, other = Parent(tg, 3001), Parent(tg, 3002)
    run = await build(database_url, chat_interval=1.0)
    for n in range(100):
        tg.user_message(flood.chat_id, f"/help {n}")
    (answer,) = await other.says("/help")
    assert "/checkin" in answer

    # All 100 were processed while their replies still wait in the table, paced.
    async def processed() -> bool:
        return await rows(run, InboxUpdate) == 0

    await until(processed)
    assert await rows(run, OutboxMessage, flood.chat_id) >= 90
    # The other chat's reply did not queue behind the flood's: it went before the flood's
    # tenth (a second apart each, so well under 10 s).
    sent = [c for c in tg.calls if c.method == "sendMessage" and c.ok]
    mine = next(i for i, c in enumerate(sent) if c.params["chat_id"] == other.chat_id)
    flood_before = [c for c in sent[:mine] if c.params["chat_id"] == flood.chat_id]
    assert len(flood_before) < 10


async def test_a_pdf_cut_off_while_it_was_drawn_is_sent_after_a_restart_in_its_place(
    build: Build,
    database_url: str,
    tg: FakeTelegram,
    parent: Parent,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cut between the step's commit and the file's: the process dies while the PDF that
    /summary asked for is drawn. The step's transaction kept the PDF's recipe in its place,
    so the next run makes it and the parent gets it, once, after the chart and before the
    reply to what they typed next."""
    # How long PostgreSQL's next run waits for the dead run's leases: the step's first reply
    # (sent by the handler once the step's files are made) and the PDF's recipe.
    monkeypatch.setattr("bot.handlers.chat.LEASE", timedelta(seconds=1))
    monkeypatch.setattr("bot.engine.files.HOLD", timedelta(seconds=1))
    monkeypatch.setattr("bot.telegram.inbox.GRACE", 0.2)  # the cut step is not waited for
    first = await build(database_url)
    await parent.onboard()
    await parent.says("/summary")
    await parent.presses(parent.last_message()["message_id"], "sm:p:all")
    drawing, release = threading.Event(), threading.Event()

    def dies_while_drawing(_request: SummaryPdf) -> Document:
        drawing.set()
        release.wait(WAIT)
        raise RuntimeError("never made: the process died while drawing it")

    real_make = SummaryPdf.make
    monkeypatch.setattr(SummaryPdf, "make", dies_while_drawing)
    since = len(tg.calls)
    tg.press_button(parent.chat_id, parent.last_message()["message_id"], "sm:d:both")
    assert await asyncio.to_thread(drawing.wait, WAIT)
    await first.stop()
    release.set()
    monkeypatch.setattr(SummaryPdf, "make", real_make)

    await build(database_url)
    tg.user_message(parent.chat_id, "/help")
    helped = lambda c: c.ok and "/checkin" in str(c.params.get("text"))  # noqa: E731
    # On PostgreSQL a look of the first run may have leased a text it never sent: 30 s more.
    await tg.wait_for(helped, since=since, timeout=WAIT + OUTBOX_LEASE.total_seconds())
    sent = [
        c
        for c in tg.calls[since:]
        if c.ok and c.params.get("chat_id") == parent.chat_id and c.method.startswith("send")
    ]
    kinds = [c.method for c in sent]
    assert kinds.count("sendDocument") == 1
    assert 1 <= kinds.count("sendPhoto") <= 2  # sent before the cut, maybe again after it
    document = kinds.index("sendDocument")
    assert "sendPhoto" not in kinds[document:]  # after the chart
    texts = [str(c.params.get("text")) for c in sent]
    summary = [i for i, text in enumerate(texts) if "development summary" in text]
    assert summary
    assert max(summary) < document  # after the summary's texts
    assert kinds[document + 1 :] == ["sendMessage"]  # /help's answer waited for it
    file_name = sent[document].result["document"]["file_name"]
    assert file_name == f"sprout-summary-Mila-{date.today().isoformat()}.pdf"
