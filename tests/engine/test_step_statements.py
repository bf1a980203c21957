"""How many statements a dialog step sends to the database (issue 16, "Durable and fast").

Each statement is a round trip (to PostgreSQL, or to SQLite under the one write lock) and
costs the event loop more than the flows, the matcher and the encryption together, so the
step's transaction is held to what it needs: the read under the locks is one statement,
the conversation is one write, the replies one more. The inbox bookkeeping of a Telegram
update (taking it out of the inbox, the update log) is counted apart: it is the inbox's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event

from bot.engine.dialog import DialogEngine, parse_text
from bot.flows.base import ButtonIn, Event
from storage.uow import Store
from tests.support.context import EMPTY_KB

LEASE = timedelta(seconds=30)


class Statements:
    """The statements the store's engines run (transaction control and the inbox's
    bookkeeping aside)."""

    def __init__(self, store: Store) -> None:
        self.seen: list[str] = []
        #: The statements taking ``lock_step``'s locks before its read (PostgreSQL),
        #: counted apart: the update log's claim, which takes them too since 30 November.
        self.locks: list[str] = []
        for engine in {store.engine, store.unflushed_engine}:
            event.listen(engine.sync_engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        words = statement.split()
        if words[0].upper() in ("BEGIN", "COMMIT", "ROLLBACK"):
            return
        if "UPDATE OF families, members" in " ".join(words) and (
            words[:3] == ["SELECT", "families.id", "FROM"] or "processed_updates" in words
        ):
            self.locks.append(words[0])  # the locks, taken first on PostgreSQL (``lock_step``)
            return
        if any(table in words for table in ("inbox", "processed_updates")):
            return
        self.seen.append(" ".join(words))


async def _steps(store: Store, clock: Callable[[], datetime], *events: Event) -> list[list[str]]:
    engine = DialogEngine(store, EMPTY_KB, clock)
    counted = Statements(store)
    found = []
    for update_id, step in enumerate(events, start=1):
        counted.seen.clear()
        counted.locks.clear()
        outcome = await engine.handle(10, step, update_id=update_id, outbox=True, lease=LEASE)
        assert outcome.accepted
        # The step's locks are taken with its read on SQLite, before it on PostgreSQL (a read
        # that waited for them saw other rows as they were before: test_locked_reads.py), by
        # the statement claiming the update id (one round trip; it was a statement of its own).
        postgres = store.engine.dialect.name == "postgresql"
        assert counted.locks == (["WITH"] if postgres else [])
        found.append(list(counted.seen))
    return found


async def test_a_typed_answer_reads_once_and_writes_twice(
    store: Store, clock: Callable[[], datetime]
) -> None:
    """Before: nine statements (the family, the conversation, the members, the children and
    the outbox each read on their own)."""
    *_, nickname, birth = await _steps(
        store, clock, parse_text("/start"), parse_text("Mila"), parse_text("2024-03-15")
    )
    for step in (nickname, birth):
        assert len(step) == 3, step
        assert step[0].startswith("SELECT")  # family, member, key, conversation, children
        assert step[1].startswith("INSERT INTO dialog_states")  # ... ON CONFLICT DO UPDATE
        assert step[2].startswith("INSERT INTO outbox")


async def test_a_new_chat_is_read_once_after_its_family_is_made(
    store: Store, clock: Callable[[], datetime]
) -> None:
    """/start of a new chat: the step's read finds nothing, the family, its key and the
    membership are inserted, and the step's read runs once more. Before: the family was
    read twice more on the way (11 statements, four reads of ``families``)."""
    (start,) = await _steps(store, clock, parse_text("/start"))
    reads = [s for s in start if s.startswith("SELECT") and "FROM families" in s]
    assert len(reads) == 2, start
    assert [s.split()[2] for s in start if s.startswith("INSERT")] == [
        "families",
        "family_keys",
        "members",
        "dialog_states",
        "outbox",
    ]


async def test_adding_a_child_plans_its_reminders_in_one_statement(
    store: Store, clock: Callable[[], datetime]
) -> None:
    """Before: the new child's reminders were read back (it has none) and, on SQLite,
    written one statement each (20 statements on SQLite, 11 on PostgreSQL)."""
    *_, button = await _steps(
        store,
        clock,
        parse_text("/start"),
        parse_text("Mila"),
        parse_text("2024-03-15"),
        ButtonIn("ob:preterm:no"),
    )
    assert len(button) == 6, button
    assert sum(s.startswith("INSERT INTO reminders") for s in button) == 1
    assert not any(s.startswith("SELECT") and "FROM reminders" in s for s in button)
