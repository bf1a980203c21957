"""Update throughput: Sprout against a bare echo bot and a durable peer, same run, same stand-in.

Run from the repo root::

    .venv/bin/python bench/throughput.py [--parents 200] [--db sqlite|postgres|both] [--think 4]

N simulated parents each hold a short conversation through the Bot API stand-in, all at once:
``/start``, a nickname, a birth date, the "No, at term" button, a worry in their own words.
Three bots hold it:

* the echo bot (``tests/support/echo_bot.py``), which gets the same number of text messages
  per parent: what python-telegram-bot and the HTTP round trips cost anyway;
* the peer (``tests/support/peer_bot.py``): the same onboarding as a plain PTB
  ``ConversationHandler`` bot that commits its state with SQLAlchemy Core on every update
  before replying, what a PTB developer would build with Sprout's durability guarantee;
* Sprout, on the same database as the peer.

Two loads, each a table:

* saturated: each parent sends the next message as soon as the answer arrives (a closed loop,
  no think time); the summary line gives throughput relative to the echo run just before;
* steady (``--think`` seconds, default 4; 0 skips it): each parent pauses 0.5-1.5x that long
  before each message, a trickle well under any bot's capacity; the summary gives the p99.

Printed per bot: updates per second over the whole run, and p50/p99 of the time from a
parent's update to the bot's first reply (both timestamps taken by the stand-in).

What is held equal, and what is not:

* All bots get the same update concurrency (``--concurrency``, Sprout's production value),
  in arrival order within a chat for the peer and Sprout; the echo bot is also run with PTB's
  default of one update at a time, for reference.
* Sprout's per-chat pacing is a deliberate wait between two messages to one chat, not work;
  it only touches a first reply when a parent answers within ``CHAT_INTERVAL`` of the bot's
  last message, which people typing don't. It is set to 0 here (``--chat-interval``).
* Telegram's overall cap (30 messages a second, PTB's ``AIORateLimiter`` default) bounds any
  real bot's sends, so with it Sprout can't go past ~30 sends a second whatever its cost. The
  comparison lifts it (``--telegram-cap off``, the default); ``--telegram-cap on`` runs with
  the production limiter to show the cap is what limits a busy production bot.
* Everything (stand-in, bot, simulated parents) shares one process and one event loop, so
  each figure includes the stand-in's own cost; that cost is the same for every bot.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import os
import random
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from telegram.ext import AIORateLimiter, Application  # noqa: E402

import bot.telegram.application  # noqa: E402
from bot.bootstrap import freeze_start_up, open_engine  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.telegram import stages  # noqa: E402
from bot.telegram.application import SproutBot  # noqa: E402
from storage.crypto import new_key  # noqa: E402
from tests.support.databases import throwaway_postgres  # noqa: E402
from tests.support.echo_bot import build_echo_app  # noqa: E402
from tests.support.fake_telegram import DEFAULT_TOKEN, Call, FakeTelegram  # noqa: E402
from tests.support.peer_bot import (  # noqa: E402
    AT_TERM,
    SPROUT_CONVERSATION,
    PeerStore,
    Turn,
    build_peer_app,
)

PG_ADMIN_DSN = os.environ.get("SPROUT_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
FIRST_CHAT = 10_000
WAIT = 30.0


ECHO_CONVERSATION = tuple(Turn(s.text or AT_TERM, 1) for s in SPROUT_CONVERSATION)


class StageClock:
    """Sprout's stage marks (``bot.telegram.stages``), per chat, while it runs; ``since``
    turns them into each stage's first time after a parent's update, in seconds after it."""

    def __init__(self) -> None:
        self.marks: dict[int, list[tuple[stages.Stage, float]]] = {}
        self.waits: dict[str, list[float]] = {}

    def record(self, chat_id: int, stage: stages.Stage) -> None:
        self.marks.setdefault(chat_id, []).append((stage, time.monotonic()))

    def since(self, chat_id: int, started: float, answered: float) -> None:
        first: dict[str, float] = {}
        for stage, at in self.marks.pop(chat_id, []):
            if at >= started:
                first.setdefault(stage, at - started)
        for stage in stages.Stage:
            if stage in first:
                self.waits.setdefault(stage, []).append(first[stage])
        self.waits.setdefault("reply at the stand-in", []).append(answered - started)

    def table(self, name: str) -> str:
        lines = [
            f"{name}: when each stage is reached, ms after the parent's update",
            "| stage | p50 | p99 | n |",
            "|---|--:|--:|--:|",
        ]
        for stage, times in self.waits.items():
            ordered = sorted(times)
            p50 = ordered[len(ordered) // 2] * 1000
            p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))] * 1000
            lines.append(f"| {stage} | {p50:.1f} | {p99:.1f} | {len(ordered)} |")
        return "\n".join(lines)


#: Set while a steady Sprout run records its stages.
CLOCK: StageClock | None = None


@dataclass(frozen=True)
class Result:
    name: str
    updates: int
    seconds: float
    latencies: list[float]
    duplicates: int

    @property
    def rate(self) -> float:
        return self.updates / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


class Replies:
    """Hands each chat the bot's sends as they reach the stand-in: one watcher for all."""

    def __init__(self, tg: FakeTelegram) -> None:
        self.tg = tg
        self.seen = 0
        self.waiting: dict[int, tuple[int, asyncio.Future[list[Call]]]] = {}
        self.got: dict[int, list[Call]] = {}

    def expect(self, chat_id: int, count: int) -> asyncio.Future[list[Call]]:
        future: asyncio.Future[list[Call]] = asyncio.get_running_loop().create_future()
        self.got[chat_id] = []
        self.waiting[chat_id] = (count, future)
        return future

    async def run(self) -> None:
        while True:
            await self.tg.wait_for(
                lambda c: c.method == "sendMessage", since=self.seen, timeout=WAIT
            )
            new, self.seen = self.tg.calls[self.seen :], len(self.tg.calls)
            for call in new:
                if call.method != "sendMessage" or not call.ok:
                    continue
                chat_id = call.params["chat_id"]
                self.got.setdefault(chat_id, []).append(call)
                count, future = self.waiting.get(chat_id, (0, None))
                if future is not None and len(self.got[chat_id]) >= count:
                    del self.waiting[chat_id]
                    future.set_result(self.got[chat_id])


async def converse(
    tg: FakeTelegram, replies: Replies, chat_id: int, steps: tuple[Turn, ...], think: float
) -> tuple[list[float], int]:
    """One parent's conversation; returns first-reply latencies and surplus replies.

    With ``think`` > 0 the parent pauses about that long (0.5-1.5x, seeded per chat) before
    each message, so the load is a steady trickle instead of everyone at once.
    """
    latencies, surplus = [], 0
    pauses = random.Random(chat_id)
    for step in steps:
        if think:
            await asyncio.sleep(think * pauses.uniform(0.5, 1.5))
        expected = replies.expect(chat_id, step.replies)
        started = time.monotonic()
        if step.text is None:
            last = tg.messages(chat_id)[-1]["message_id"]
            tg.press_button(chat_id, last, step.data)
        else:
            tg.user_message(chat_id, step.text)
        try:
            got = await asyncio.wait_for(expected, WAIT)
        except TimeoutError:
            seen = [c.params.get("text", "")[:40] for c in replies.got.get(chat_id, [])]
            raise RuntimeError(f"chat {chat_id}: no answer to {step}; got {seen}") from None
        latencies.append(got[0].at - started)
        if CLOCK is not None:
            CLOCK.since(chat_id, started, got[0].at)
        surplus += len(got) - step.replies
    return latencies, surplus


async def drive(
    name: str, tg: FakeTelegram, parents: int, steps: tuple[Turn, ...], think: float
) -> Result:
    replies = Replies(tg)
    watcher = asyncio.create_task(replies.run())  # noqa: TID251 - cancelled and awaited below
    chats = range(FIRST_CHAT, FIRST_CHAT + parents)
    started = time.monotonic()
    try:
        outcomes = await asyncio.gather(*(converse(tg, replies, c, steps, think) for c in chats))
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
    seconds = time.monotonic() - started
    latencies = [x for lat, _ in outcomes for x in lat]
    duplicates = sum(surplus for _, surplus in outcomes)
    return Result(name, parents * len(steps), seconds, latencies, duplicates)


@contextlib.asynccontextmanager
async def polling(app: Application) -> AsyncIterator[None]:
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=10)
        await app.start()
        try:
            yield
        finally:
            await app.updater.stop()
            await app.stop()


async def run_echo(parents: int, concurrency: int | bool, think: float = 0) -> Result:
    async with FakeTelegram(token=DEFAULT_TOKEN) as tg:
        app = build_echo_app(tg, concurrent_updates=concurrency)
        async with polling(app):
            label = f"echo bot ({concurrency if concurrency else 1} at a time)"
            return await drive(label, tg, parents, ECHO_CONVERSATION, think)


@contextlib.asynccontextmanager
async def database(kind: str) -> AsyncIterator[str]:
    """A fresh, empty database of ``kind``, removed afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite+aiosqlite:///{folder}/bench.db"
        return
    async with throwaway_postgres("sprout_bench", PG_ADMIN_DSN) as url:
        yield url


async def run_sprout(
    parents: int, kind: str, chat_interval: float, cap: bool, think: float = 0
) -> Result:
    async with database(kind) as url, FakeTelegram(token=DEFAULT_TOKEN) as tg:
        settings = load_settings(
            telegram_bot_token=DEFAULT_TOKEN,
            database_url=url,
            bot_api_base_url=tg.base_url,
            bot_api_base_file_url=tg.base_file_url,
            encryption_keys=new_key(),
        )
        engine = await open_engine(settings, create_key=False)
        sprout = SproutBot(settings, engine, chat_interval=chat_interval)
        freeze_start_up()  # as ``parentbot run`` does
        await sprout.start()
        global CLOCK
        label = f"Sprout, {'SQLite' if kind == 'sqlite' else 'PostgreSQL'}"
        label += ", 30/s cap" if cap else ""
        if think:  # steady: where each update waits
            CLOCK = StageClock()
            stages.recorder = CLOCK.record
        try:
            return await drive(label, tg, parents, SPROUT_CONVERSATION, think)
        finally:
            if CLOCK is not None:
                STAGE_TABLES.append(CLOCK.table(label))
            stages.recorder, CLOCK = None, None
            await sprout.stop()
            await engine.store.close()


#: The steady runs' stage tables, printed at the end.
STAGE_TABLES: list[str] = []


async def run_peer(parents: int, kind: str, concurrency: int, think: float = 0) -> Result:
    async with database(kind) as url, FakeTelegram(token=DEFAULT_TOKEN) as tg:
        store = await PeerStore.open(url)
        try:
            async with polling(build_peer_app(tg, store, concurrent_updates=concurrency)):
                label = f"PTB peer, {'SQLite' if kind == 'sqlite' else 'PostgreSQL'}"
                return await drive(label, tg, parents, SPROUT_CONVERSATION, think)
        finally:
            await store.close()


def lift_overall_cap() -> Callable[[], None]:
    """Build Sprout's rate limiter without the overall 30/s cap; returns the undo."""
    original = bot.telegram.application.AIORateLimiter
    bot.telegram.application.AIORateLimiter = functools.partial(AIORateLimiter, overall_max_rate=0)  # type: ignore[assignment, misc]

    def undo() -> None:
        bot.telegram.application.AIORateLimiter = original  # type: ignore[misc]

    return undo


def table(results: list[Result], baseline: Result) -> str:
    lines = [
        f"| {'bot':<36} | updates/s | vs echo | p50 ms | p99 ms | answered twice |",
        f"|{'-' * 38}|----------:|--------:|-------:|-------:|---------------:|",
    ]
    for r in results:
        lines.append(
            f"| {r.name:<36} | {r.rate:9.0f} | {r.rate / baseline.rate:7.2f} "
            f"| {r.percentile(0.5):6.1f} | {r.percentile(0.99):6.1f} | {r.duplicates:14d} |"
        )
    return "\n".join(lines)


async def compare(args: argparse.Namespace, think: float, chat_interval: float) -> None:
    """One table: the echo bots, then on each database the peer and Sprout next to an echo
    bot run just before them (the machine's load drifts between runs). Saturated, the summary
    is throughput against that echo run; steady, it is the p99 of the first reply."""
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    cap = args.telegram_cap == "on"
    results = [await run_echo(args.parents, False, think)]
    summary = []
    for kind in kinds:
        baseline = await run_echo(args.parents, args.concurrency, think)
        peer = await run_peer(args.parents, kind, args.concurrency, think)
        undo = None if cap else lift_overall_cap()
        try:
            sprout = await run_sprout(args.parents, kind, chat_interval, cap, think)
        finally:
            if undo:
                undo()
        results += [baseline, peer, sprout]
        if think:
            summary.append(
                f"{peer.name}: p99 {peer.percentile(0.99):.1f} ms; "
                f"{sprout.name}: p99 {sprout.percentile(0.99):.1f} ms"
            )
        else:
            summary.append(
                f"{peer.name}: {peer.rate / baseline.rate:.2f} x echo; "
                f"{sprout.name}: {sprout.rate / baseline.rate:.2f} x echo, "
                f"{sprout.rate / peer.rate:.2f} x peer"
            )
    print(table(results, results[1]))
    print("\n".join(summary))


async def main(args: argparse.Namespace) -> None:
    print(
        f"{args.parents} parents x {len(SPROUT_CONVERSATION)} updates, "
        f"Telegram 30/s cap {args.telegram_cap}, update concurrency {args.concurrency}, "
        f"sniffio {'installed' if _has_sniffio() else 'not installed'}\n"
    )
    if not args.steady_only:
        print(f"Saturated: no think time, chat interval {args.chat_interval}s")
        await compare(args, 0, args.chat_interval)
    if args.think:
        print(
            f"\nSteady: parents pause ~{args.think}s before each message "
            f"(~{args.parents / args.think:.0f} updates/s offered), "
            f"production chat interval {bot.telegram.application.CHAT_INTERVAL}s"
        )
        await compare(args, args.think, bot.telegram.application.CHAT_INTERVAL)
        print("\n" + "\n\n".join(STAGE_TABLES))


def _has_sniffio() -> bool:
    try:
        import sniffio  # noqa: F401
    except ImportError:
        return False
    return True


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parents", type=int, default=200)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--chat-interval", type=float, default=0.0)
    parser.add_argument("--telegram-cap", choices=["on", "off"], default="off")
    parser.add_argument("--think", type=float, default=4.0, help="0 skips the steady run")
    parser.add_argument(
        "--steady-only", action="store_true", help="skip the saturated run (stage timings)"
    )
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
