"""Faults: kill -9 of ``parentbot run`` while parents converse, and one chat flooding.

Run from the repo root::

    .venv/bin/python bench/faults.py [--db sqlite|postgres|both] [--parents 20] [--messages 10]
        [--kills 5] [--flood 100]

The Bot API stand-in runs in this process; the bot is the real ``parentbot run`` in a
subprocess (production settings: 1 s pacing per chat, long polling). Each parent sends
``/x<n>`` commands, one every 0.5-1.5 s without waiting for answers, so updates and replies
are queued when the kill comes; the bot answers each with "I don't know /x<n>", which names
the message it answers. While they talk, the bot is killed with SIGKILL at random moments
and restarted at once. Reported per database:

* lost: messages never answered; repeated: answers sent more than once (and the most
  repeats of one answer, against the number of kills);
* delay: from a message to its first answer (p50, p99, max). Pacing alone makes a parent's
  answers at least a second apart, and a restart takes a few seconds.

The flood scenario (no kills): one chat sends ``--flood`` messages at once, then another
chat sends ten, each 1.5 s after the answer to the one before (so its own pacing never
holds it); its p99 is the figure (target < 1 s).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage.crypto import new_key  # noqa: E402
from tests.support.databases import throwaway_postgres  # noqa: E402
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram  # noqa: E402

ANSWER = re.compile(r"I don't know /(x\d+)")
#: Longest wait for the last answers after the last message.
SETTLE = 90.0


@dataclass
class Report:
    messages: int
    lost: int
    repeated: int
    most_repeats: int
    kills: int
    delays: list[float]


class BotProcess:
    """``parentbot run`` in a subprocess, pointed at the stand-in."""

    def __init__(self, tg: FakeTelegram, url: str, key: str, log: Path) -> None:
        self.env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN,
            "DATABASE_URL": url,
            "BOT_API_BASE_URL": tg.base_url,
            "BOT_API_BASE_FILE_URL": tg.base_file_url,
            "ENCRYPTION_KEYS": key,
            "LOG_LEVEL": "WARNING",
            "PTB_TIMEDELTA": "1",
        }
        self.log = log
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = await asyncio.create_subprocess_exec(
                str(ROOT / ".venv/bin/parentbot"), "run", env=self.env, stdout=out, stderr=out
            )

    async def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        await self.proc.wait()

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.wait(), 20)
            except TimeoutError:
                await self.kill()


def answers(tg: FakeTelegram, chat_id: int) -> list[tuple[str, float]]:
    found = []
    for call in tg.calls:
        if call.method == "sendMessage" and call.ok and call.params.get("chat_id") == chat_id:
            match = ANSWER.search(call.result["text"])
            if match:
                found.append((match.group(1), call.at))
    return found


async def converse(tg: FakeTelegram, chat_id: int, count: int, sent: dict) -> None:
    for n in range(count):
        await asyncio.sleep(random.uniform(0.5, 1.5))
        tag = f"x{chat_id}{n:03d}"
        sent[(chat_id, tag)] = time.monotonic()
        tg.user_message(chat_id, f"/{tag}")


def tally(tg: FakeTelegram, sent: dict, kills: int) -> Report:
    counts: Counter[tuple[int, str]] = Counter()
    first: dict[tuple[int, str], float] = {}
    for chat_id in {c for c, _ in sent}:
        for tag, at in answers(tg, chat_id):
            counts[(chat_id, tag)] += 1
            first.setdefault((chat_id, tag), at)
    lost = sum(1 for key in sent if counts[key] == 0)
    repeated = sum(1 for key in sent if counts[key] > 1)
    delays = sorted(first[key] - sent[key] for key in sent if key in first)
    return Report(len(sent), lost, repeated, max(counts.values(), default=0), kills, delays)


async def kill_run(url: str, parents: int, messages: int, kills: int, log: Path) -> Report:
    async with FakeTelegram(token=DEFAULT_TOKEN) as tg:
        bot = BotProcess(tg, url, new_key(), log)
        await bot.start()
        sent: dict[tuple[int, str], float] = {}
        talk = asyncio.gather(*(converse(tg, 5000 + p, messages, sent) for p in range(parents)))
        done = 0
        while done < kills and not talk.done():
            await asyncio.sleep(random.uniform(1.0, 4.0))
            await bot.kill()
            done += 1
            await bot.start()
        await talk
        deadline = time.monotonic() + SETTLE
        # Polled: answers come from another process, there is no event to wait on here.
        while time.monotonic() < deadline and tally(tg, sent, done).lost:  # noqa: ASYNC110
            await asyncio.sleep(0.5)
        await bot.stop()
        return tally(tg, sent, done)


async def flood_run(url: str, flood: int, log: Path) -> list[float]:
    async with FakeTelegram(token=DEFAULT_TOKEN) as tg:
        bot = BotProcess(tg, url, new_key(), log)
        await bot.start()
        await tg.wait_for("setMyCommands", timeout=60)
        await asyncio.sleep(2)  # polling has begun
        for n in range(flood):
            tg.user_message(6001, f"/xf{n:03d}")
        delays = []
        for n in range(10):
            since = len(tg.calls)
            start = time.monotonic()
            tg.user_message(6002, f"/xo{n:03d}")
            (call,) = await tg.wait_for(
                lambda c: c.method == "sendMessage" and c.params.get("chat_id") == 6002,
                since=since,
                timeout=60,
            )
            delays.append(call.at - start)
            await asyncio.sleep(1.5)  # past its own chat's 1 s pacing: only the flood counts
        await bot.stop()
        return sorted(delays)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(q * len(values)))]


@contextlib.asynccontextmanager
async def database(kind: str, folder: Path) -> AsyncIterator[str]:
    if kind == "sqlite":
        path = folder / f"faults-{random.randrange(10**9)}.db"
        yield f"sqlite+aiosqlite:///{path}"
    else:
        async with throwaway_postgres("sprout_faults") as url:
            yield url


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--parents", type=int, default=20)
    parser.add_argument("--messages", type=int, default=10)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--flood", type=int, default=100)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    random.seed(args.seed)
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        log = folder / "bot.log"
        print("| db | messages | kills | lost | repeated | most copies | p50 s | p99 s | max s |")
        print("|---|---|---|---|---|---|---|---|---|")
        for kind in kinds:
            async with database(kind, folder) as url:
                r = await kill_run(url, args.parents, args.messages, args.kills, log)
            print(
                f"| {kind} | {r.messages} | {r.kills} | {r.lost} | {r.repeated} | "
                f"{r.most_repeats} | {pct(r.delays, 0.5):.2f} | {pct(r.delays, 0.99):.2f} | "
                f"{max(r.delays, default=float('nan')):.2f} |"
            )
        print()
        print("| db | flood | other chat p50 s | p99 s | max s |")
        print("|---|---|---|---|---|")
        for kind in kinds:
            async with database(kind, folder) as url:
                d = await flood_run(url, args.flood, log)
            print(
                f"| {kind} | {args.flood} | {pct(d, 0.5):.3f} | {pct(d, 0.99):.3f} | "
                f"{max(d):.3f} |"
            )
        tracebacks = log.read_text(errors="replace").count("Traceback")
        print(f"\nbot log: {tracebacks} tracebacks")


if __name__ == "__main__":
    asyncio.run(main())
