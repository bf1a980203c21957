"""The dialog engine alone: statements and CPU per step, by kind of step, no Telegram.

Run from the repo root::

    .venv/bin/python bench/engine_steps.py [--families 200] [--db sqlite|postgres|both]

Each family holds, one step after another, the benchmark's onboarding (``/start``, a
nickname, a birth date, the "No, at term" button, a worry in its own words), then
``/checkin`` and its first answer (a button), all through ``DialogEngine.handle`` as the
Telegram handler calls it (outbox, lease, update id). Nothing runs concurrently, so the
figures do not depend on the machine's load the way ``bench/throughput.py``'s do: CPU time is
the process's own (``time.process_time``), which other programs on the machine do not add to.

Printed per kind of step: the SQL statements it ran (BEGIN and COMMIT not counted; the same
for every family), the median and p90 CPU milliseconds, and the median wall milliseconds
(which include the database's own work and, on SQLite, the disk flush of the commit).
``--statements`` also prints each kind's statements, the first family's, in order.

``--split`` says where the steps' CPU goes: the CPU of each ``AsyncSession.execute`` (the
ORM, SQLAlchemy's async plumbing and the driver together, by the statement's table; the first
statement of a transaction also pays for its connection and ``BEGIN``) and of each statement
run on the driver (``storage.direct``), of the commits, and
of everything else (flows, triage, matching, encryption, the engine), per step on average.

``--pipeline`` follows each step's replies out as the Telegram handler and the outbox sender
do (``bot.telegram.outbox.OutboxSender`` with a stand-in for Telegram that only numbers the
messages, pacing 0 as in the saturated throughput run): the first reply sent at once, the
settle looks, the rest leased and sent, the question's bookkeeping. Printed per kind of
step: the statements, transactions (commits) and trips of the whole
pipeline, and its CPU milliseconds. Trips are to aiosqlite's thread on SQLite and to the
server on PostgreSQL (round trips: statements, ``BEGIN`` and ``COMMIT``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from asyncio import selector_events
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

os.environ.setdefault("PTB_TIMEDELTA", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncSession  # noqa: E402
from telegram.error import BadRequest  # noqa: E402

from bot.bootstrap import prepare  # noqa: E402
from bot.domain.replies import Text  # noqa: E402
from bot.engine.dialog import DialogEngine, Outcome, parse_text  # noqa: E402
from bot.flows.base import ButtonIn, Event  # noqa: E402
from bot.telegram.outbox import OutboxSender  # noqa: E402
from knowledge.loader import default_knowledge  # noqa: E402
from storage.crypto import Cipher, new_key  # noqa: E402
from storage.direct import Direct  # noqa: E402
from storage.repositories import FamilyDefaults, Stored  # noqa: E402
from storage.sqlite_driver import OneTripConnection  # noqa: E402
from storage.uow import Store  # noqa: E402
from tests.support.databases import throwaway_postgres  # noqa: E402
from tests.support.outbox import drained  # noqa: E402

PG_ADMIN_DSN = os.environ.get("SPROUT_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
#: As the Telegram handler leases a step's first reply (``bot.handlers.chat.LEASE``).
LEASE = timedelta(seconds=30)
#: The kinds of step measured, in the order each family takes them.
KINDS = (
    "/start",
    "nickname (text step)",
    "birth date (text step)",
    "button (at term)",
    "worry (free text)",
    "/checkin",
    "check-in answer (button)",
)
FIRST_CHAT = 10_000


@dataclass
class Figures:
    statements: list[int] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    wall_ms: list[float] = field(default_factory=list)
    sql: list[str] = field(default_factory=list)
    #: With ``--pipeline``: the step and everything its replies cost until they are settled.
    out_statements: list[int] = field(default_factory=list)
    out_commits: list[int] = field(default_factory=list)
    out_trips: list[int] = field(default_factory=list)
    out_cpu_ms: list[float] = field(default_factory=list)


class StatementCounter:
    """Counts the statements an engine sends to the database (transaction control aside),
    its commits and its trips: to aiosqlite's thread on SQLite, to the server on PostgreSQL
    (each request asyncpg writes to its socket, the only sockets here: a statement, a
    ``BEGIN``, a ``COMMIT``, a prepare, a ping)."""

    def __init__(self, store: Store) -> None:
        self.seen: list[str] = []
        self.commits = 0
        self.trips = 0
        for engine in {store.engine, store.unflushed_engine}:
            event.listen(engine.sync_engine, "before_cursor_execute", self._seen)
            event.listen(engine.sync_engine, "commit", self._committed)
        counter = self
        plain = OneTripConnection._execute

        async def counted(connection: OneTripConnection, fn: Any, *args: Any, **kw: Any) -> Any:
            counter.trips += 1
            return await plain(connection, fn, *args, **kw)

        OneTripConnection._execute = counted  # type: ignore[method-assign,assignment]
        # A private asyncio class (every socket asyncpg writes to): typed as Any on purpose.
        transport: Any = cast(Any, selector_events)._SelectorSocketTransport
        write = transport.write

        def written(self: Any, data: Any) -> None:
            counter.trips += 1
            write(self, data)

        transport.write = written

    def clear(self) -> None:
        self.seen.clear()
        self.commits = self.trips = 0

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.split(None, 1)[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
            self.seen.append(" ".join(statement.split()))

    def _committed(self, _conn: Any) -> None:
        self.commits += 1


class CpuSplit:
    """Process CPU inside ``AsyncSession.execute`` (by statement) and ``commit`` while a step
    runs (``measuring``): the database's share of a step with SQLAlchemy's own work in it,
    which an event on the cursor alone would leave out. ``AsyncSession`` is patched between
    ``__enter__`` and ``__exit__``."""

    def __init__(self, store: Store) -> None:
        self.spent: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.measuring = False
        self._sql = ""
        self._engines = {store.engine.sync_engine, store.unflushed_engine.sync_engine}
        self._plain = AsyncSession.execute, AsyncSession.commit, Direct.execute

    def __enter__(self) -> CpuSplit:
        for engine in self._engines:
            event.listen(engine, "before_cursor_execute", self._seen)
        execute, commit, direct = self._plain
        split = self

        def timed(plain: Any, label: Callable[[], str]) -> Any:
            """``plain`` with its CPU added under ``label()`` while measuring."""

            async def run(*args: Any, **kw: Any) -> Any:
                if not split.measuring:
                    return await plain(*args, **kw)
                started = time.process_time()
                try:
                    return await plain(*args, **kw)
                finally:
                    split.add(label(), time.process_time() - started)

            return run

        timed_execute = timed(execute, lambda: split._sql)
        timed_direct = timed(direct, lambda: split._sql)
        timed_commit = timed(commit, lambda: "COMMIT (and its flush)")

        AsyncSession.execute = timed_execute  # type: ignore[method-assign]
        AsyncSession.commit = timed_commit  # type: ignore[method-assign]
        Direct.execute = timed_direct  # type: ignore[method-assign]
        return self

    def __exit__(self, *_exc: object) -> None:
        AsyncSession.execute, AsyncSession.commit, Direct.execute = self._plain  # type: ignore[method-assign]
        for engine in self._engines:
            event.remove(engine, "before_cursor_execute", self._seen)

    def add(self, what: str, seconds: float) -> None:
        self.spent[what] = self.spent.get(what, 0.0) + seconds
        self.calls[what] = self.calls.get(what, 0) + 1

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        words = statement.split()
        if words and words[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
            self._sql = _head(words)


def _head(words: list[str]) -> str:
    """A statement's kind and table: "SELECT families...", "INSERT INTO outbox"."""
    verb = words[0].upper()
    if verb == "SELECT":  # named by its first column's table: subqueries have FROMs too
        return f"SELECT {words[1].split('.')[0]}..."
    return " ".join(words[:3]) if verb in ("INSERT", "DELETE") else " ".join(words[:2])


def split_table(split: CpuSplit, steps: int, cpu_ms: float) -> str:
    """``--split``'s table: CPU per step on average, largest first."""
    lines = [
        f"\nwhere the CPU of a step goes ({steps} steps, {cpu_ms:.2f} ms each on average):",
        "| part | per step ms | share | calls per step | ms per call |",
        "|---|--:|--:|--:|--:|",
    ]
    spent = dict(split.spent)
    spent["everything else (flows, triage, matching, encryption, engine)"] = (
        cpu_ms * steps / 1000 - sum(spent.values())
    )
    for what, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        calls = split.calls.get(what, 0)
        each = f"{1000 * seconds / calls:.3f}" if calls else ""
        per_step = 1000 * seconds / steps
        lines.append(
            f"| {what} | {per_step:.3f} | {100 * per_step / cpu_ms:.0f}% "
            f"| {f'{calls / steps:.2f}' if calls else ''} | {each} |"
        )
    return "\n".join(lines)


class Telegram:
    """The stand-in for ``bot.telegram.sender.Sender``: numbers the messages, sends nothing."""

    def __init__(self) -> None:
        self.last = 0

    async def send(self, _chat_id: int, replies: list[Any]) -> list[Any]:
        sent = []
        for _ in replies:
            self.last += 1
            sent.append(_Message(self.last))
        return sent

    async def replace(self, _chat_id: int, _message_id: int, _reply: Any) -> bool:
        return True

    async def drop_buttons_of(self, _chat_id: int, _message_id: int) -> None:
        return None


@dataclass(frozen=True)
class _Message:
    message_id: int


async def _no_file(_row: Stored, _until: datetime) -> None:
    raise BadRequest("no files in this benchmark")


async def _not_blocked(_chat_id: int) -> None:
    return None


def _check_in_button(outcome: Outcome) -> str:
    """The first answer of the check-in's first question ("yes")."""
    for reply in reversed(outcome.replies):
        if isinstance(reply, Text):
            for button in reply.all_buttons:
                if button.payload.startswith("ci:") and button.payload.endswith(":y"):
                    return button.payload
    raise AssertionError("the check-in asked no question")


@asynccontextmanager
async def database(kind: str) -> AsyncIterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite+aiosqlite:///{folder}/bench.db"
        return
    async with throwaway_postgres("sprout_bench", PG_ADMIN_DSN) as url:
        yield url


async def run(
    kind: str, families: int, pipeline: bool = False, split: bool = False, warm: int = 0
) -> tuple[dict[str, Figures], CpuSplit | None]:
    """Each kind of step's figures; with ``split``, also where the steps' CPU went (the
    families after the first ``warm``)."""
    figures = {name: Figures() for name in KINDS}
    async with database(kind) as url:
        store = Store(url, Cipher([new_key()]), FamilyDefaults("Europe/Berlin", 10))
        await store.open()
        knowledge = default_knowledge()
        prepare(knowledge)
        # Children born 9 months before "now", so /checkin has questions for them.
        now = datetime.now(UTC)
        clock: Callable[[], datetime] = lambda: now  # noqa: E731
        engine = DialogEngine(store, knowledge, clock)
        counter = StatementCounter(store)
        splitting = CpuSplit(store) if split else None
        sender = OutboxSender(
            store,
            Telegram(),  # type: ignore[arg-type]
            interval=0.0,
            clock=clock,
            on_blocked=_not_blocked,
            remake=_no_file,
        )
        born = (now - timedelta(days=275)).date().isoformat()
        update_id, button = 1, ""
        try:
            with splitting or nullcontext():
                for n in range(families):
                    chat = FIRST_CHAT + n
                    events: list[Event] = [
                        parse_text("/start"),
                        parse_text("Mila"),
                        parse_text(born),
                        ButtonIn("ob:preterm:no"),
                        parse_text("he holds his crayon in a fist"),
                        parse_text("/checkin"),
                    ]
                    for index, name in enumerate(KINDS):
                        step = events[index] if index < len(events) else ButtonIn(button)
                        counter.clear()
                        if splitting is not None:
                            splitting.measuring = n >= warm
                        cpu, wall = time.process_time(), time.perf_counter()
                        outcome = await engine.handle(
                            chat, step, update_id=update_id, outbox=True, lease=LEASE
                        )
                        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                        if splitting is not None:
                            splitting.measuring = False
                        update_id += 1
                        assert outcome.accepted, (name, outcome)
                        if name == "/checkin":
                            button = _check_in_button(outcome)
                        found = figures[name]
                        found.statements.append(len(counter.seen))
                        found.cpu_ms.append(cpu * 1000)
                        found.wall_ms.append(wall * 1000)
                        if n == 0:
                            found.sql = list(counter.seen)
                        if pipeline:
                            started = time.process_time()
                            if outcome.leased is not None:
                                sender.send_now(outcome.leased)
                            await drained(sender, outcome.look)
                            out_cpu = time.process_time() - started
                            found.out_statements.append(len(counter.seen))
                            found.out_commits.append(counter.commits)
                            found.out_trips.append(counter.trips)
                            found.out_cpu_ms.append((cpu + out_cpu) * 1000)
                            if n == 0:
                                found.sql = list(counter.seen)
        finally:
            await store.close()
    return figures, splitting


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def table(kind: str, figures: dict[str, Figures], warm: int) -> str:
    lines = [
        f"{kind}, {len(next(iter(figures.values())).cpu_ms) - warm} families after {warm} "
        "to warm up",
        "| step | statements | CPU ms p50 | CPU ms p90 | wall ms p50 |",
        "|---|--:|--:|--:|--:|",
    ]
    for name, found in figures.items():
        counts = sorted(set(found.statements[warm:]))
        cpu, wall = found.cpu_ms[warm:], found.wall_ms[warm:]
        lines.append(
            f"| {name} | {'/'.join(map(str, counts))} | {statistics.median(cpu):.2f} | "
            f"{_p(cpu, 0.9):.2f} | {statistics.median(wall):.2f} |"
        )
    onboarding = [
        sum(figures[name].cpu_ms[i] for name in KINDS[:5])
        for i in range(warm, len(figures[KINDS[0]].cpu_ms))
    ]
    lines.append(
        f"\nthe benchmark's 5-update conversation: {statistics.median(onboarding) / 5:.2f} "
        "CPU ms per update (median family)"
    )
    if figures[KINDS[0]].out_cpu_ms:
        lines.append(pipeline_table(figures, warm))
    return "\n".join(lines)


def pipeline_table(figures: dict[str, Figures], warm: int) -> str:
    lines = [
        "\nthe step and its replies out (sent, settled, the question's bookkeeping):",
        "| step | statements | transactions | trips | CPU ms p50 | CPU ms p90 |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for name, found in figures.items():
        cpu = found.out_cpu_ms[warm:]
        lines.append(
            f"| {name} | {statistics.mean(found.out_statements[warm:]):.1f} | "
            f"{statistics.mean(found.out_commits[warm:]):.1f} | "
            f"{statistics.mean(found.out_trips[warm:]):.1f} | {statistics.median(cpu):.2f} | "
            f"{_p(cpu, 0.9):.2f} |"
        )
    per_update = [
        sum(figures[name].out_cpu_ms[i] for name in KINDS[:5]) / 5
        for i in range(warm, len(figures[KINDS[0]].out_cpu_ms))
    ]
    each = {
        what: sum(statistics.mean(getattr(figures[name], what)[warm:]) for name in KINDS[:5]) / 5
        for what in ("out_statements", "out_commits", "out_trips")
    }
    lines.append(
        f"\nthe benchmark's 5-update conversation, per update: "
        f"{statistics.median(per_update):.2f} CPU ms (median family), "
        f"{each['out_statements']:.1f} statements, {each['out_commits']:.2f} transactions, "
        f"{each['out_trips']:.2f} trips (SQLite: to aiosqlite's thread; PostgreSQL: to the "
        "server)"
    )
    return "\n".join(lines)


async def main(args: argparse.Namespace) -> None:
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    for kind in kinds:
        figures, split = await run(
            kind, args.families + args.warm, args.pipeline, args.split, args.warm
        )
        print(table(kind, figures, args.warm), flush=True)
        if split is not None:
            cpu = [ms for found in figures.values() for ms in found.cpu_ms[args.warm :]]
            print(split_table(split, len(cpu), statistics.mean(cpu)))
        if args.statements:
            for name, found in figures.items():
                print(f"\n{name}:")
                for sql in found.sql:
                    print(f"  {sql[:160]}")
        print()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--families", type=int, default=200)
    parser.add_argument("--warm", type=int, default=10, help="families left out of the figures")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--statements", action="store_true", help="print each kind's SQL")
    parser.add_argument(
        "--pipeline", action="store_true", help="follow the replies out (outbox, settle)"
    )
    parser.add_argument("--split", action="store_true", help="where the steps' CPU goes")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
