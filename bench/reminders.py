"""Check-in reminders at scale: the due-row query, claims, memory, delivery through the limiter.

Run from the repo root::

    .venv/bin/python bench/reminders.py [--sizes 100000,1000000] [--db sqlite,postgres]
                                        [--deliver-seconds 20]

For each database and population size (children, one per family, in four time zones, births
spread over 0-7 years, one in ten born early) a fresh database is migrated and filled with
every child's planned check-ins (``bot.domain.schedule.plan``: about six rows a child) by fast bulk
inserts (``executemany`` on SQLite, ``COPY`` on PostgreSQL), as if the bot had been down for
``--backlog-days`` days so a backlog is due. Then, in a separate process per configuration
(so its peak memory is the delivery side's alone and comparable across sizes):

* **due query**: the production statement (``storage.repositories.due_query``, 64 rows,
  ``FOR UPDATE SKIP LOCKED`` on PostgreSQL) timed 30 times; median and p95, and whether the
  plan uses ``ix_reminders_next_at``;
* **claims/s**: ``ReminderDelivery.claim`` (decide + claim, one transaction per 64 rows)
  until ``--claim-rows`` rows are claimed, as rows per second; the claims are then released;
* **delivery**: ``ReminderDelivery.run_once`` for ``--deliver-seconds`` through a real PTB
  ``ExtBot`` with ``AIORateLimiter`` and the ``Sender``, against the Bot API stand-in
  enforcing Telegram's limits (30 messages a second overall, 1 a second per chat), counting
  the stand-in's 429 answers; the rate is messages per second and its share of 30;
* **peak RSS** of that process (``VmHWM``: what delivering costs, whatever the population).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
from sqlalchemy import text, update  # noqa: E402
from telegram.ext import AIORateLimiter, ExtBot  # noqa: E402
from telegram.request import HTTPXRequest  # noqa: E402

from bot.domain import schedule  # noqa: E402
from bot.reminders.delivery import RATE, DeliveryStats, ReminderDelivery  # noqa: E402
from bot.telegram.sender import ChatPacer, Sender  # noqa: E402
from storage.crypto import BIRTH, NICKNAME, Cipher, DataKey, new_key  # noqa: E402
from storage.models import Reminder  # noqa: E402
from storage.repositories import Birth, DueRow, FamilyDefaults, due_query  # noqa: E402
from storage.uow import Store  # noqa: E402
from tests.support.databases import throwaway_postgres  # noqa: E402
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram  # noqa: E402

PG_ADMIN_DSN = os.environ.get("SPROUT_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)
ZONES = ("Europe/Berlin", "UTC", "America/New_York", "Asia/Tokyo")
HOUR = 10
FIRST_CHAT = 1_000_000
INDEX_SQL = "CREATE INDEX ix_reminders_next_at ON reminders (next_at) WHERE next_at IS NOT NULL"
TELEGRAM_LIMIT = 30


# --- the synthetic population ---------------------------------------------------------------


@functools.cache
def _plan(birth: date, weeks: int | None, today: date) -> list[tuple[int, date]]:
    return schedule.plan(birth, weeks, today)


@functools.cache
def _at(day: date, zone: str) -> datetime:
    return schedule.at_local(day, HOUR, zone)


def population(size: int, backlog_days: int) -> Iterator[tuple[int, str, list[tuple]]]:
    """``(child id, zone, [(checklist age, due_on, due_at)...])`` for ``size`` children.

    Planned as of ``backlog_days`` before ``NOW``: what fell due since is the backlog.
    """
    rng = random.Random(size)
    planned_on = (NOW - timedelta(days=backlog_days)).date()
    for child in range(1, size + 1):
        birth = planned_on - timedelta(days=rng.randrange(0, 84 * 30))
        weeks = rng.randrange(28, 37) if rng.random() < 0.1 else None
        zone = ZONES[child % len(ZONES)]
        rows = [(age, day, _at(day, zone)) for age, day in _plan(birth, weeks, planned_on)]
        yield child, zone, rows


@dataclass(frozen=True, slots=True)
class Sealed:
    """One data key (wrapped) and a child's sealed values under it, shared by every family of
    the synthetic population: the job unwraps and decrypts per row just the same."""

    key: bytes
    nickname: bytes
    birth: bytes

    @classmethod
    def made(cls, master: Cipher) -> Sealed:
        key = DataKey.generate()
        birth = key.seal(Birth(date(2020, 1, 1)).to_json(), BIRTH)
        return cls(master.wrap(key), key.encrypt(b"Kid", NICKNAME), birth)


def _sqlite_time(value: datetime) -> str:
    """How SQLAlchemy stores a DateTime on SQLite (UTC, microseconds, no offset)."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def populate_sqlite(path: str, size: int, backlog_days: int, sealed: Sealed) -> int:
    db = sqlite3.connect(path)
    db.executescript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; DROP INDEX ix_reminders_next_at;"
    )
    children = list(population(size, backlog_days))
    created = _sqlite_time(NOW)
    db.executemany(
        "INSERT INTO families (id, chat_id, timezone, reminder_hour, is_active,"
        " reminders_stopped, created_at) VALUES (?, ?, ?, ?, 1, 0, ?)",
        ((c, FIRST_CHAT + c, zone, HOUR, created) for c, zone, _ in children),
    )
    db.executemany(
        "INSERT INTO members (id, family_id, chat_id, role, created_at)"
        " VALUES (?, ?, ?, 'admin', ?)",
        ((c, c, FIRST_CHAT + c, created) for c, _, _ in children),
    )
    db.executemany(
        "INSERT INTO family_keys (family_id, key_enc, created_at) VALUES (?, ?, ?)",
        ((c, sealed.key, created) for c, _, _ in children),
    )
    db.executemany(
        "INSERT INTO children (id, family_id, nickname_enc, birth_enc, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        ((c, c, sealed.nickname, sealed.birth, created) for c, _, _ in children),
    )
    rows = (
        (c, age, day.isoformat(), _sqlite_time(at), _sqlite_time(at))
        for c, _, planned in children
        for age, day, at in planned
    )
    db.executemany(
        "INSERT INTO reminders (child_id, checklist_age, due_on, due_at, next_at, status)"
        " VALUES (?, ?, ?, ?, ?, 'pending')",
        rows,
    )
    db.execute(INDEX_SQL)
    db.execute("ANALYZE")
    db.commit()
    count = db.execute("SELECT count(*) FROM reminders").fetchone()[0]
    db.close()
    return int(count)


async def populate_postgres(dsn: str, size: int, backlog_days: int, sealed: Sealed) -> int:
    db = await asyncpg.connect(dsn)
    try:
        await db.execute("DROP INDEX ix_reminders_next_at")
        children = list(population(size, backlog_days))
        await db.copy_records_to_table(
            "families",
            records=((c, FIRST_CHAT + c, zone, HOUR, True, False) for c, zone, _ in children),
            columns=[
                "id",
                "chat_id",
                "timezone",
                "reminder_hour",
                "is_active",
                "reminders_stopped",
            ],
        )
        # Reminders go to members (revision 0008): one admin a family, as on SQLite; without
        # them nothing is due on PostgreSQL and the delivery side measures nothing.
        await db.copy_records_to_table(
            "members",
            records=((c, c, FIRST_CHAT + c, "admin") for c, _, _ in children),
            columns=["id", "family_id", "chat_id", "role"],
        )
        await db.copy_records_to_table(
            "family_keys",
            records=((c, sealed.key) for c, _, _ in children),
            columns=["family_id", "key_enc"],
        )
        await db.copy_records_to_table(
            "children",
            records=((c, c, sealed.nickname, sealed.birth) for c, _, _ in children),
            columns=["id", "family_id", "nickname_enc", "birth_enc"],
        )
        await db.copy_records_to_table(
            "reminders",
            records=(
                (c, age, day, at, at, "pending")
                for c, _, planned in children
                for age, day, at in planned
            ),
            columns=["child_id", "checklist_age", "due_on", "due_at", "next_at", "status"],
        )
        await db.execute(INDEX_SQL)
        await db.execute("ANALYZE")
        return int(await db.fetchval("SELECT count(*) FROM reminders"))
    finally:
        await db.close()


# --- measuring (in its own process) ---------------------------------------------------------


class Discard:
    """An outbox for the claim measurement: claims are released, never sent."""

    async def send(self, chat_id: int, replies: list) -> list:
        return []


async def explain(store: Store) -> str:
    async with store.engine.connect() as conn:
        statement = due_query(NOW, 64)
        compiled = statement.compile(conn.engine, compile_kwargs={"literal_binds": True})
        prefix = "EXPLAIN QUERY PLAN " if conn.dialect.name == "sqlite" else "EXPLAIN "
        lines = (await conn.execute(text(prefix + str(compiled)))).all()
    plan = " | ".join(str(line[-1]) for line in lines)
    if "ix_reminders_next_at" not in plan:
        return f"NO INDEX: {plan}"
    # Whether someone in the family can be reminded must be a lookup per row, not a read of
    # every member (PostgreSQL once planned it as a hashed subplan over the whole table).
    scanned = any(part in plan for part in ("Seq Scan on members", "SCAN members "))
    return f"MEMBERS SCANNED: {plan}" if scanned else "index"


async def time_due_query(store: Store, runs: int = 30) -> list[float]:
    timings = []
    for _ in range(runs):
        async with store.unit_of_work() as uow:
            started = time.perf_counter()
            found: list[DueRow] = await uow.reminders.due(NOW, 64)
            timings.append((time.perf_counter() - started) * 1000)
            if len(found) < 64:  # timing a partial batch would flatter the query
                raise SystemExit(
                    f"only {len(found)} reminders are due: use a larger --sizes (10000 or more) "
                    "or more --backlog-days to time a full batch of 64"
                )
    return timings


async def claims_per_second(store: Store, rows: int) -> float:
    delivery = ReminderDelivery(store, Discard(), clock=lambda: NOW, worker="bench-claims")
    stats = DeliveryStats()
    started = time.perf_counter()
    while stats.claimed < rows:
        _claims, seen = await delivery.claim(stats)
        if not seen:
            break
    elapsed = time.perf_counter() - started
    async with store.unit_of_work() as uow:  # give the rows back for the delivery run
        await uow.session.execute(
            update(Reminder)
            .where(Reminder.claimed_by.is_not(None))
            .values(claimed_by=None, claimed_at=None, next_at=Reminder.due_at)
        )
        await uow.commit()
    return stats.claimed / elapsed


async def deliver(store: Store, seconds: float) -> dict[str, float]:
    async with store.unit_of_work() as uow:  # the chats the run can reach, oldest due first
        due = await uow.reminders.due(NOW, int(seconds * TELEGRAM_LIMIT * 2) + 256)
    async with FakeTelegram(DEFAULT_TOKEN, enforce_limits=True) as tg:
        for row in due:
            tg.add_chat(row.chat_id)
        bot = ExtBot(
            DEFAULT_TOKEN,
            base_url=tg.base_url,
            rate_limiter=AIORateLimiter(max_retries=3),
            request=HTTPXRequest(connection_pool_size=64),
        )
        async with bot:
            delivery = ReminderDelivery(
                store, Sender(bot, ChatPacer(1.0)), clock=lambda: NOW, budget=seconds
            )
            started = time.perf_counter()
            stats = await delivery.run_once()
            elapsed = time.perf_counter() - started
        sends = [c for c in tg.calls if c.method == "sendMessage"]
        too_many = tg.stats["429"]
    return {
        "sent": stats.sent,
        "rate": stats.sent / elapsed,
        "too_many": too_many,
        "calls": len(sends),
    }


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started (``VmHWM``).

    Not ``ru_maxrss``: on Linux a child inherits its parent's high-water mark across exec,
    and the parent here held the whole synthetic population.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def measure(url: str, key: str, claim_rows: int, deliver_seconds: float) -> dict:
    store = Store(url, Cipher([key]), FamilyDefaults("UTC", HOUR))
    try:
        uses_index = await explain(store)
        timings = await time_due_query(store)
        claimed = await claims_per_second(store, claim_rows)
        delivered = await deliver(store, deliver_seconds)
    finally:
        await store.close()
    return {
        "index": uses_index,
        "due_p50_ms": statistics.median(timings),
        "due_p95_ms": statistics.quantiles(timings, n=20)[-1],
        "claims_per_s": claimed,
        **delivered,
        "peak_rss_mb": peak_rss_mb(),
    }


# --- orchestration -------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def _database(kind: str, workdir: str) -> AsyncIterator[str]:
    """A fresh database URL, removed afterwards (SQLite files go with ``workdir``)."""
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{workdir}/bench-{uuid.uuid4().hex[:6]}.db"
        return
    async with throwaway_postgres("sprout_bench", PG_ADMIN_DSN) as url:
        yield url


async def run_config(kind: str, size: int, args: argparse.Namespace, workdir: str) -> dict:
    key = new_key()
    async with _database(kind, workdir) as url:
        store = Store(url, Cipher([key]), FamilyDefaults("UTC", HOUR))
        await store.upgrade()
        await store.close()
        sealed = Sealed.made(Cipher([key]))
        started = time.perf_counter()
        if kind == "sqlite":
            rows = populate_sqlite(url.split("///", 1)[1], size, args.backlog_days, sealed)
        else:
            dsn = url.replace("postgresql+asyncpg://", "postgresql://")
            rows = await populate_postgres(dsn, size, args.backlog_days, sealed)
        load_s = time.perf_counter() - started
        command = [sys.executable, __file__, "--measure", url, "--key", key,
                   "--claim-rows", str(args.claim_rows),
                   "--deliver-seconds", str(args.deliver_seconds)]  # fmt: skip
        child = await asyncio.create_subprocess_exec(*command, stdout=subprocess.PIPE)
        out, _ = await child.communicate()
        if child.returncode:
            raise RuntimeError(f"measuring {kind} {size} failed ({child.returncode})")
        result = json.loads(out.decode().strip().splitlines()[-1])
    return {"db": kind, "children": size, "rows": rows, "load_s": load_s, **result}


def table(results: list[dict]) -> str:
    head = (
        "| database | children | check-in rows | load (s) | due query p50 / p95 (ms) | plan "
        "| claims/s | delivered/s (of 30) | 429s | peak RSS (MB) |\n"
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|"
    )
    lines = [
        f"| {r['db']} | {r['children']:,} | {r['rows']:,} | {r['load_s']:.0f} "
        f"| {r['due_p50_ms']:.1f} / {r['due_p95_ms']:.1f} | {r['index']} "
        f"| {r['claims_per_s']:,.0f} | {r['rate']:.1f} ({r['rate'] / TELEGRAM_LIMIT:.0%}) "
        f"| {r['too_many']} | {r['peak_rss_mb']:.0f} |"
        for r in results
    ]
    return "\n".join([head, *lines])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="children, comma-separated")
    parser.add_argument("--db", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--backlog-days", type=int, default=3)
    parser.add_argument("--claim-rows", type=int, default=5000)
    parser.add_argument("--deliver-seconds", type=float, default=20.0)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--key", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        result = asyncio.run(
            measure(args.measure, args.key, args.claim_rows, args.deliver_seconds)
        )
        print(json.dumps(result))
        return
    print(f"reminder rate {RATE}/s; Telegram's limit {TELEGRAM_LIMIT}/s", flush=True)
    results = []
    with tempfile.TemporaryDirectory() as workdir:
        for size in (int(s) for s in args.sizes.split(",")):
            for kind in args.db.split(","):
                result = asyncio.run(run_config(kind, size, args, workdir))
                print(json.dumps(result), flush=True)
                results.append(result)
    print(table(results))


if __name__ == "__main__":
    main()
