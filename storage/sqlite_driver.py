"""aiosqlite with one trip to its thread per statement instead of four.

aiosqlite runs SQLite in a worker thread and every call on a cursor is a round trip to it:
SQLAlchemy makes a cursor, executes, fetches the rows and closes the cursor, four trips for
each statement. Each trip ends with the event loop resuming the caller, and under load the
loop has every other chat's work queued ahead of it, so a transaction of ten statements holds
SQLite's one write lock for forty turns of a busy loop (measured: about 100 trips per update
before this module). Here a cursor's ``execute`` does all of it in the thread at once (make a
cursor, execute, fetch every row, close) and hands back the rows; fetching and closing are
then local. What SQLite does, and when a transaction commits, are unchanged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import aiosqlite

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
    """The aiosqlite cursor interface SQLAlchemy uses, one thread trip per statement."""

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
        outcome = await self._connection._execute(_run, self._connection._conn, execute)
        self.description, self.rowcount, self.lastrowid, self._rows = outcome
        return self

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> OneTripCursor:
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
    """An aiosqlite connection whose cursors make one trip per statement."""

    def cursor(self) -> OneTripCursor:  # type: ignore[override]
        return OneTripCursor(self)


def connector(database: str) -> Callable[[], OneTripConnection]:
    """The ``async_creator`` for ``create_async_engine``: a connection to ``database`` with
    the arguments SQLAlchemy's aiosqlite dialect would pass."""

    def connect() -> OneTripConnection:
        connection = OneTripConnection(
            lambda: sqlite3.connect(database, check_same_thread=False), iter_chunk_size=64
        )
        # As SQLAlchemy does for aiosqlite: a connection never closed must not keep the
        # process alive.
        connection._thread.daemon = True
        return connection

    return connect
