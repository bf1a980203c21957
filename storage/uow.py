"""The unit of work: one database transaction per use case (one dialog step, one reminder).

Use cases own the transaction (``async with store.unit_of_work() as uow: ...; await
uow.commit()``); repositories never commit. Leaving the block without ``commit`` rolls back,
so a crash mid-step leaves the family exactly as it was before the message.
"""

from __future__ import annotations

import asyncio
from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.crypto import Cipher
from storage.db import checkpoint, create_engine, session_factory, upgrade
from storage.keys import FamilyKeys, check_keys, finish_erasures
from storage.repositories import (
    ChildRepository,
    ConcernRepository,
    DialogRepository,
    FamilyDefaults,
    FamilyRepository,
    Inbox,
    InviteRepository,
    MemberRepository,
    ObservationRepository,
    Outbox,
    ReminderRepository,
    UpdateLog,
)


class UnitOfWork:
    """Repositories sharing one session and one transaction."""

    def __init__(self, store: Store, *, flush: bool = True) -> None:
        self._store = store
        self.session: AsyncSession = (store.sessions if flush else store.unflushed_sessions)()
        #: The data keys of the families loaded in this unit of work (``storage.keys``).
        self.keys = FamilyKeys(self.session, store.cipher)
        self.families = FamilyRepository(self.session, store.defaults, self.keys)
        self.members = MemberRepository(self.session, self.keys)
        self.invites = InviteRepository(self.session)
        self.children = ChildRepository(self.session, self.keys)
        self.observations = ObservationRepository(self.session, self.keys)
        self.concerns = ConcernRepository(self.session, self.keys)
        self.dialogs = DialogRepository(self.session, self.keys)
        self.updates = UpdateLog(self.session)
        self.reminders = ReminderRepository(self.session, self.keys)
        self.inbox = Inbox(self.session, store.cipher)
        self.outbox = Outbox(self.session, store.cipher)

    async def __aenter__(self) -> UnitOfWork:
        if self._store.writer is not None:
            await self._store.writer.acquire()
        try:
            await self.session.begin()
        except BaseException:
            self._release()
            raise
        return self

    def _release(self) -> None:
        if self._store.writer is not None:
            self._store.writer.release()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self.session.in_transaction():
                await self.session.rollback()
        finally:
            await self.session.close()
            self._release()

    async def commit(self) -> None:
        await self.session.commit()


class Store:
    """The database: engine, session factory, cipher and defaults for new families."""

    def __init__(self, url: str, cipher: Cipher, defaults: FamilyDefaults) -> None:
        self.engine: AsyncEngine = create_engine(url)
        self.sessions = session_factory(self.engine)
        #: For ``unit_of_work(flush=False)``: on a SQLite file, a second engine whose commits
        #: do not wait for the disk (``storage.db.create_engine``). Elsewhere the one engine:
        #: on PostgreSQL ``synchronous_commit=off`` was tried and made the flood test slower
        #: under load (docs/benchmarks.md); an in-memory SQLite database is one connection's.
        sqlite_file = self.engine.dialect.name == "sqlite" and self.engine.url.database not in (
            None,
            "",
            ":memory:",
        )
        self.unflushed_engine: AsyncEngine = (
            create_engine(url, flush=False) if sqlite_file else self.engine
        )
        self.unflushed_sessions = session_factory(self.unflushed_engine)
        self.cipher = cipher
        self.defaults = defaults
        #: SQLite has one writer at a time, and a connection waiting for the lock sleeps in
        #: growing steps (up to 100 ms) inside SQLite's busy handler. Queueing this process's
        #: transactions on an asyncio lock hands the database over without those sleeps;
        #: ``busy_timeout`` still covers other processes. PostgreSQL needs no such queue.
        self.writer: asyncio.Lock | None = (
            asyncio.Lock() if self.engine.dialect.name == "sqlite" else None
        )

    def unit_of_work(self, *, flush: bool = True) -> UnitOfWork:
        """A transaction. ``flush=False`` is for bookkeeping a machine crash may undo without
        harm: on SQLite its commit does not wait for the disk (a disk flush per commit is most
        of a small transaction's cost, and every other writer waits meanwhile)."""
        return UnitOfWork(self, flush=flush)

    async def upgrade(self) -> None:
        """Apply migrations (those that re-encrypt data use the master keys)."""
        await upgrade(self.engine, cipher=self.cipher)

    async def open(self) -> None:
        """Everything a program does with the database before it serves anyone: migrate,
        prove the keys (``storage.keys.check_keys``, ``EncryptionKeyError`` if they are
        wrong) and finish erasures a stop interrupted."""
        await self.upgrade()
        await check_keys(self.engine, self.cipher)
        await finish_erasures(self.engine)

    async def scrub(self) -> None:
        """After an erasure: on SQLite, move the write-ahead log into the database file (where
        ``secure_delete`` has zeroed the erased rows) and truncate it, so the log keeps no
        older copy of them or of the destroyed key. PostgreSQL has no equivalent (see
        ``storage.keys``)."""
        if self.writer is None:
            return
        async with self.writer:
            await checkpoint(self.engine)

    async def close(self) -> None:
        await self.engine.dispose()
        if self.unflushed_engine is not self.engine:
            await self.unflushed_engine.dispose()
