"""A dialog step's fixed statements run straight on the driver, inside the session's
transaction.

Every dialog step runs the same few statements (the inbox's delete, the update log's claim,
the conversation's upsert, the replies' insert), each built once on the tables. Even so,
each cost about 50 microseconds of CPU through SQLAlchemy on SQLite and about 90 on
PostgreSQL (its execution context, events, result set-up and the greenlet hand-offs of the
async adapter), against 1-4 microseconds for SQLite's own work and about 30 for asyncpg's,
round trip included (docs/benchmarks.md, "The step's statements on the driver"). Here a
statement is compiled once per dialect (SQL text, parameter order, SQLAlchemy's own bind
processors, so values are stored exactly as before) and run on the session's own driver
connection, in its transaction:

- SQLite: on the event loop's thread, as ``storage.sqlite_driver`` already runs every
  statement inside a transaction (``BEGIN IMMEDIATE`` holds the one write lock).
- PostgreSQL: on the asyncpg connection, under SQLAlchemy's adapter lock, after the
  adapter's own ``BEGIN`` (which it otherwise sends before its first statement). Errors are
  raised as asyncpg's, whose ``sqlstate`` ``storage.db.is_conflict`` reads too, so a lost
  deadlock is still run again.

The transaction, its locks and its commit are the session's: nothing changes but who
sends the text. With any other driver (psycopg, or aiosqlite itself when the URL carries
driver options) the statement goes through the session as before. A statement run on the
driver is still reported to ``before_cursor_execute`` listeners (the tests and benchmarks
that count statements), though not to SQLAlchemy's SQL echo log.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import asyncpg
from sqlalchemy.engine import Connection, CursorResult, Dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ClauseElement, Executable
from sqlalchemy.sql.compiler import SQLCompiler

from storage.sqlite_driver import OneTripConnection

#: Where ``_connection`` keeps the session's connection, in ``AsyncSession.info``.
_KEPT = "storage.direct.connection"
#: asyncpg's status of a command ("DELETE 1", "INSERT 0 1"): its row count is the last number.
_COUNT = re.compile(r"(?:SELECT|UPDATE|DELETE|INSERT \d+) (\d+)")
#: The private parts of SQLAlchemy's asyncpg adapter that ``_on_asyncpg`` uses. A release
#: that renames one makes every statement go through the session again (slower, same result)
#: instead of failing: SQLAlchemy is pinned to a range, not to a release.
_ADAPTER_PARTS = ("_execute_mutex", "_transaction", "_start_transaction", "_connection")


@dataclass(frozen=True, slots=True)
class Ran:
    """What a statement left: the rows it returned and how many rows it touched."""

    rows: list[Sequence[Any]]
    rowcount: int


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]
    processors: Mapping[str, Callable[[Any], Any]]
    returns_rows: bool

    def arguments(self, params: Mapping[str, Any]) -> list[Any]:
        """The positional values, each through its type's bind processor (a missing one is
        a ``KeyError``: no column default is filled in here)."""
        values = []
        for name in self.names:
            value = params[name]
            processor = self.processors.get(name)
            values.append(value if processor is None else processor(value))
        return values


class Direct:
    """One fixed statement (bind parameters only, no expanding ``IN``), run on the driver."""

    def __init__(self, statement: ClauseElement) -> None:
        self._statement = statement
        self._compiled: dict[tuple[str, tuple[str, ...]], _Compiled] = {}

    def _compile(self, dialect: Dialect, keys: tuple[str, ...]) -> _Compiled | None:
        found = self._compiled.get((dialect.name, keys))
        if found is None:
            compiled = cast(
                SQLCompiler, self._statement.compile(dialect=dialect, column_keys=list(keys))
            )
            # SQLAlchemy's own processors for these parameters' types (what its execution
            # applies), so a value is stored exactly as through the session. A release
            # without them leaves the statement to the session (``_compiled`` None).
            processors = _processors(compiled)
            if processors is None:
                return None
            found = _Compiled(
                compiled.string,
                tuple(compiled.positiontup or ()),
                {name: fn for name, fn in processors.items() if callable(fn)},
                bool(compiled.returning)
                or not (compiled.isinsert or compiled.isupdate or compiled.isdelete),
            )
            self._compiled[(dialect.name, keys)] = found
        return found

    async def execute(self, session: AsyncSession, params: Mapping[str, Any]) -> Ran:
        """Run the statement with ``params`` in the session's transaction (begun if it was
        not)."""
        connection = await _connection(session)
        compiled = self._compile(connection.dialect, tuple(sorted(params)))
        driver = connection.connection.driver_connection
        if compiled is not None and isinstance(driver, OneTripConnection):
            arguments = compiled.arguments(params)
            _report(connection, compiled.sql, arguments)
            rowcount, rows = driver.run_here(compiled.sql, arguments)
            return Ran(rows, rowcount)
        if (
            compiled is not None
            and isinstance(driver, asyncpg.Connection)
            and _adapter_has_parts(connection)
        ):
            arguments = compiled.arguments(params)
            _report(connection, compiled.sql, arguments)
            return await _on_asyncpg(connection, compiled, arguments)
        # Another driver (psycopg, or aiosqlite itself for a URL with driver options), or a
        # SQLAlchemy release without the parts used here: through the session, as before.
        statement = cast(Executable, self._statement)  # an INSERT, UPDATE, DELETE or SELECT
        result = cast(CursorResult[Any], await session.execute(statement, params))
        return Ran(list(result.all()) if result.returns_rows else [], result.rowcount)


async def _connection(session: AsyncSession) -> Connection:
    """The connection of the session's transaction, begun if it was not. Kept in the
    session's ``info`` with its transaction: asking the session again (a greenlet hand-off
    and its bookkeeping) cost as much CPU as the statement itself."""
    transaction = session.sync_session.get_transaction()
    kept = session.info.get(_KEPT)
    if transaction is not None and kept is not None and kept[0] is transaction:
        return cast(Connection, kept[1])
    connection = (await session.connection()).sync_connection
    assert connection is not None  # an AsyncConnection made by the session is started
    session.info[_KEPT] = (session.sync_session.get_transaction(), connection)
    return connection


def _report(connection: Connection, sql: str, arguments: Sequence[Any]) -> None:
    """Tell ``before_cursor_execute`` listeners, as SQLAlchemy's execution would."""
    listeners = connection.dispatch.before_cursor_execute
    if listeners:
        listeners(connection, None, sql, tuple(arguments), None, False)


def _processors(compiled: SQLCompiler) -> Mapping[str, Any] | None:
    """The compiler's bind processors (a private attribute), or None in a release without it."""
    return cast(Mapping[str, Any] | None, getattr(compiled, "_bind_processors", None))


def _adapter_has_parts(connection: Connection) -> bool:
    """Whether SQLAlchemy's asyncpg adapter still has the private parts used here."""
    adapter = connection.connection.dbapi_connection
    return all(hasattr(adapter, part) for part in _ADAPTER_PARTS)


async def _on_asyncpg(connection: Connection, compiled: _Compiled, arguments: list[Any]) -> Ran:
    """On SQLAlchemy's asyncpg adapter (its private parts, named here only): its lock on the
    connection, its ``BEGIN`` if no statement sent it yet, then asyncpg itself (which keeps
    the statement prepared, as the adapter does)."""
    adapter: Any = connection.connection.dbapi_connection
    async with adapter._execute_mutex:
        if adapter._transaction is None:
            await adapter._start_transaction()
        driver = adapter._connection
        if compiled.returns_rows:
            rows = await driver.fetch(compiled.sql, *arguments)
            return Ran(list(rows), len(rows))
        status = await driver.execute(compiled.sql, *arguments)
        counted = _COUNT.match(status or "")
        return Ran([], int(counted.group(1)) if counted else -1)
