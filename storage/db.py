"""Async engine, session factory and migrations for SQLite (embedded) and PostgreSQL.

SQLite runs in WAL mode with foreign keys on, and every transaction starts with
``BEGIN IMMEDIATE``: each dialog step writes, so taking the write lock up front avoids the
"database is locked" upgrade deadlock when two processes share the file. A new database file
is created readable by its owner only (its WAL and shared-memory files inherit that).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import asyncpg
from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

from storage.crypto import Cipher
from storage.private import private_folder
from storage.sqlite_driver import BEGIN, OneTripConnection, connector

MIGRATIONS = Path(__file__).with_name("migrations")
#: PostgreSQL's deadlock_detected and serialization_failure: the database rolled the
#: transaction back, so nothing of it was committed and it can simply run again.
RETRYABLE = frozenset({"40P01", "40001"})
#: PostgreSQL connections per process (``create_engine``).
POOL = 20


def is_conflict(exc: BaseException) -> bool:
    """Whether ``exc`` is the database rolling back a transaction that lost a deadlock or a
    serialization conflict (``RETRYABLE``); never true on SQLite, whose one writer waits.
    Either SQLAlchemy's wrapper of the driver's error or, from a statement run on the driver
    (``storage.direct``), asyncpg's own error, which carries the ``sqlstate``."""
    if isinstance(exc, asyncpg.PostgresError):
        return exc.sqlstate in RETRYABLE
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if code is None:
        code = getattr(getattr(orig, "__cause__", None), "sqlstate", None)
    return code in RETRYABLE


def _sqlite_pragmas(engine: AsyncEngine, *, flush: bool) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see module doc).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit is on disk when it returns. NORMAL (WAL): on disk at the next FULL
        # commit or checkpoint; survives the process being killed, not the machine losing power.
        cursor.execute(f"PRAGMA synchronous={'FULL' if flush else 'NORMAL'}")
        if not flush:
            # Its commits run on the event loop's thread (``storage.sqlite_driver``): an
            # automatic checkpoint would flush the disk there, so the flushed connections,
            # which commit in aiosqlite's thread, do them all.
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Erased rows (/delete) are overwritten with zeros, not left in free pages.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Straight on the driver when SQLite's lock is free: the same ``BEGIN IMMEDIATE`` on
        # the same connection, without a statement's trip through SQLAlchemy's execution
        # (about a tenth of a millisecond of CPU per transaction; docs/benchmarks.md).
        driver = connection.connection.driver_connection
        if isinstance(driver, OneTripConnection) and driver.begin_at_once():
            return
        connection.exec_driver_sql(BEGIN)


def create_engine(url: str, *, flush: bool = True) -> AsyncEngine:
    """An engine for ``url``; creates the folder of a SQLite file when it is missing.

    Without ``flush`` (SQLite only) a commit does not wait for the disk
    (``synchronous=NORMAL`` in WAL mode): it survives the bot's process being killed, and a
    machine crash may undo the last such commits (never a later flushed one's, nor part of
    one). Only for bookkeeping whose loss is harmless (``Store.unit_of_work``).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _private_database(Path(parsed.database))
        # One trip to aiosqlite's thread per statement (``storage.sqlite_driver``); a URL with
        # driver options in its query keeps the plain driver, which reads them.
        if parsed.query:
            engine = create_async_engine(url)
        else:
            engine = create_async_engine(
                url,
                async_creator=connector(parsed.database or ":memory:", commits_here=not flush),
            )
        _sqlite_pragmas(engine, flush=flush)
        return engine
    return create_postgres_engine(url)


def create_postgres_engine(url: str) -> AsyncEngine:
    """A PostgreSQL engine: ``POOL`` connections, kept open, each checked without a round
    trip when the pool hands it out (``_drop_closed``).

    Twenty connections, kept open: with ten and ten "overflow" ones, as before, a busy moment
    opened connections that the pool closed again as soon as they were given back (a close,
    and the next connect, is several round trips: 47 connects for 250 updates of a saturated
    bench/throughput.py run), and a task stopped while closing one logged an error.
    """
    engine = create_async_engine(url, pool_size=POOL, max_overflow=0)
    event.listen(engine.sync_engine, "checkout", _drop_closed)
    return engine


def _drop_closed(_dbapi: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
    """Replace a pooled connection the server has closed (a restart, an administrator's
    ``pg_terminate_backend``, an idle timeout) before anyone uses it.

    SQLAlchemy's ``pool_pre_ping``, used before, asked the server instead: on asyncpg a ping
    outside a transaction is ``BEGIN``, ``;`` and ``ROLLBACK``, three round trips before
    every transaction, whose own were ``BEGIN``, its statements and ``COMMIT`` (a third of a
    step's round trips; ``bench/engine_steps.py``). A server that closes a connection tells
    the client so (or its socket ends), and asyncpg marks the connection closed as soon as
    the event loop reads that: what the ping found in all but a connection cut without a
    word, where the ping would wait for the network's timeout as any statement does.
    """
    driver = record.driver_connection
    if driver is not None and driver.is_closed():
        raise DisconnectionError("the server closed this pooled connection")


def _private_database(path: Path) -> None:
    """Create a missing database file mode 600 (SQLite would use the umask, usually 644)."""
    private_folder(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def _alembic_config(connection: Connection, cipher: Cipher | None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    # Migrations that re-encrypt stored data (0005) need the master keys.
    config.attributes["cipher"] = cipher
    return config


async def _sqlite(connection: AsyncConnection, pragma: str) -> None:
    """Run a PRAGMA outside any transaction (``foreign_keys`` is ignored inside one)."""
    driver = (await connection.get_raw_connection()).driver_connection
    assert driver is not None
    cursor = await driver.execute(pragma)
    await cursor.close()


async def _migrate(engine: AsyncEngine, apply: Any) -> None:
    """Run ``apply`` (an Alembic command on a sync connection) in one transaction.

    On SQLite foreign keys are off meanwhile, as SQLite's own procedure for schema changes
    says: Alembic rebuilds a table to alter it, and dropping the old table with foreign keys
    on would cascade to every row that references it (a child's answers and reminders).
    ``PRAGMA foreign_key_check`` then proves no reference was broken.
    """
    async with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            await _sqlite(connection, "PRAGMA foreign_keys=OFF")
        try:
            async with connection.begin():
                await connection.run_sync(apply)
                check = "PRAGMA foreign_key_check"
                if sqlite and (await connection.exec_driver_sql(check)).first():
                    raise RuntimeError("a migration left rows referring to missing rows")
        finally:
            if sqlite:
                await _sqlite(connection, "PRAGMA foreign_keys=ON")


async def upgrade(
    engine: AsyncEngine, revision: str = "head", *, cipher: Cipher | None = None
) -> None:
    """Apply migrations up to ``revision`` (the bot and the chat call this at start)."""
    await _migrate(engine, lambda sync: command.upgrade(_alembic_config(sync, cipher), revision))


async def downgrade(engine: AsyncEngine, revision: str, *, cipher: Cipher | None = None) -> None:
    """Undo migrations down to ``revision``. The migration tests run each downgrade with it,
    so a release can be rolled back; ``parentbot`` has no command for it."""
    await _migrate(engine, lambda sync: command.downgrade(_alembic_config(sync, cipher), revision))


async def checkpoint(engine: AsyncEngine) -> None:
    """SQLite: copy the write-ahead log into the database and truncate it to zero bytes."""
    async with engine.connect() as connection:
        await _sqlite(connection, "PRAGMA wal_checkpoint(TRUNCATE)")
