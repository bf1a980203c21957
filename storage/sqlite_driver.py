"""aiosqlite with no trip to its thread for a statement inside a transaction, and one
instead of four outside.

aiosqlite runs SQLite in a worker thread and every call on a cursor is a round trip to it:
SQLAlchemy makes a cursor, executes, fetches the rows and closes the cursor, four trips for
each statement. Each trip ends with the event loop resuming the caller, and under load the
loop has every other chat's work queued ahead of it, so a transaction of ten statements holds
SQLite's one write lock for forty turns of a busy loop (measured: about 100 trips per update
before this module). Here a cursor's ``execute`` does all of it at once (make a cursor,
execute, fetch every row, close) and hands back the rows; fetching and closing are local.

Inside a transaction it runs on the caller's thread, with no trip at all. Every transaction
starts with ``BEGIN IMMEDIATE`` (``storage.db``), so it already holds SQLite's one write
lock: its statements wait for no other connection, and a dialog step's take tens of
microseconds, less than a trip costs. ``BEGIN`` runs here too when the lock is free (tried
without waiting); only when another process holds it does it wait in the thread, for up to
``busy_timeout``. The commit (a disk flush) and anything else outside a transaction
(``PRAGMA``s, the WAL checkpoint) still go to the thread. What SQLite does, and when a
transaction commits, are unchanged.

Why it matters: each trip ends with a turn of the event loop, and the unit of work holds the
in-process writer lock (``storage.uow``) meanwhile, so under load every other writer waited
for the turns of BEGIN's and the pool's reset trips too (see ``OneTripConnection``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import aiosqlite

#: How every transaction begins (``storage.db``): taking SQLite's write lock at once.
BEGIN = "BEGIN IMMEDIATE"
#: What one statement leaves behind: description, rowcount, lastrowid, rows.
_Outcome = tuple[Any, int, int | None, list[Any]]


def _run(connection: sqlite3.Connection, execute: Callable[[sqlite3.Cursor], object]) -> _Outcome:
    """In the worker thread: the whole life of a cursor."""
    cursor = connection.cursor()
    try:
        execute(cursor)
        rows = cursor.fetchall() if cursor.description else []
        return cursor.description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


class OneTripCursor:
    """The aiosqlite cursor interface SQLAlchemy uses: no thread trip for a statement in a
    transaction, one for any other."""

    arraysize = 1

    def __init__(self, connection: OneTripConnection) -> None:
        self._connection = connection
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self._rows: list[Any] = []

    async def __aenter__(self) -> OneTripCursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    async def _do(self, execute: Callable[[sqlite3.Cursor], object]) -> OneTripCursor:
        connection = self._connection._conn
        if connection.in_transaction:  # the write lock is ours: nothing to wait for
            outcome = _run(connection, execute)
        else:
            outcome = await self._connection._execute(_run, connection, execute)
        self.description, self.rowcount, self.lastrowid, self._rows = outcome
        return self

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> OneTripCursor:
        if sql == BEGIN and not parameters and self._connection.begin_at_once():
            self.description, self.rowcount, self.lastrowid, self._rows = None, -1, None, []
            return self
        return await self._do(lambda cursor: cursor.execute(sql, parameters))

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> OneTripCursor:
        return await self._do(lambda cursor: cursor.executemany(sql, parameters))

    async def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows, []
        return rows

    async def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        count = self.arraysize if size is None else size
        rows, self._rows = self._rows[:count], self._rows[count:]
        return rows

    async def close(self) -> None:
        self._rows = []


class OneTripConnection(aiosqlite.Connection):
    """An aiosqlite connection whose cursors make one trip per statement, and whose rollback
    makes none when there is nothing to roll back.

    SQLAlchemy's pool rolls back every connection returned to it after a commit (the
    transaction ended through the session, not the connection), a trip to the thread and a
    turn of the event loop per transaction, taken while the unit of work still holds the
    in-process writer lock. SQLite's own rollback does nothing outside a transaction, so it
    is skipped when no transaction is open and no call is still queued or running in the
    thread (a cancelled ``BEGIN`` may still open one: then the rollback goes after it, as
    before). The skipped trip was also where stopping the bot cancelled a task that had just
    committed, and SQLAlchemy logged the cancelled reset as an error.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Calls handed to the thread, and calls it finished: each written by one thread.
        self._asked = 0
        self._finished = 0
        #: The connection's own ``busy_timeout``, read at its first ``BEGIN``.
        self._busy_timeout: int | None = None
        #: Commits without a disk flush, on the caller's thread (``connector``).
        self.commits_here = False

    def cursor(self) -> OneTripCursor:  # type: ignore[override]
        return OneTripCursor(self)

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        def counted() -> Any:
            try:
                return fn(*args, **kwargs)
            finally:
                self._finished += 1

        self._asked += 1
        return await super()._execute(counted)

    def run_here(self, sql: str, parameters: Sequence[Any]) -> tuple[int, list[Any]]:
        """Run one statement of the open transaction on this thread, as a cursor's
        ``execute`` does inside one, without SQLAlchemy (``storage.direct``): its row count
        and rows."""
        connection = self._conn
        if not connection.in_transaction:
            raise RuntimeError("storage.direct runs statements inside a transaction only")
        _description, rowcount, _lastrowid, rows = _run(
            connection, lambda cursor: cursor.execute(sql, parameters)
        )
        return rowcount, rows

    def begin_at_once(self) -> bool:
        """``BEGIN IMMEDIATE`` on this thread, if SQLite's write lock is free now (nothing
        of ours in the thread, no other process holding it); False if it is not, and then
        the caller waits for it in the thread, up to ``busy_timeout``, as before."""
        if self._finished != self._asked:
            return False
        connection = self._conn
        if self._busy_timeout is None:
            self._busy_timeout = int(connection.execute("PRAGMA busy_timeout").fetchone()[0])
        connection.execute("PRAGMA busy_timeout=0")
        try:
            connection.execute(BEGIN)
        except sqlite3.OperationalError:  # busy: another process writes
            return False
        finally:
            connection.execute(f"PRAGMA busy_timeout={self._busy_timeout}")
        return True

    async def rollback(self) -> None:
        if self._finished == self._asked and not self._conn.in_transaction:
            return
        await super().rollback()

    async def commit(self) -> None:
        """In the thread (a disk flush), or, on a connection that commits without one
        (``commits_here``), on this thread: a commit that only writes to the WAL takes
        microseconds, less than the trip and the turn of the loop it cost while the unit of
        work held the writer lock."""
        if self.commits_here and self._finished == self._asked:
            self._conn.commit()
            return
        await super().commit()


def connector(database: str, *, commits_here: bool = False) -> Callable[[], OneTripConnection]:
    """The ``async_creator`` for ``create_async_engine``: a connection to ``database`` with
    the arguments SQLAlchemy's aiosqlite dialect would pass. ``commits_here``: for
    connections whose commits never wait for the disk (``synchronous=NORMAL`` in WAL mode,
    and no automatic checkpoint, which would): they commit on the event loop's thread."""

    def connect() -> OneTripConnection:
        connection = OneTripConnection(
            lambda: sqlite3.connect(database, check_same_thread=False), iter_chunk_size=64
        )
        connection.commits_here = commits_here
        # As SQLAlchemy does for aiosqlite: a connection never closed must not keep the
        # process alive.
        connection._thread.daemon = True
        return connection

    return connect
