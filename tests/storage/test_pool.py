"""PostgreSQL connections are kept open once made (``storage.db.POOL``), and checked without
a round trip when the pool hands them out (``storage.db._drop_closed``).

With ten connections and ten "overflow" ones, a busy moment opened connections the pool
closed again as soon as they were given back: a close and, the next busy moment, a connect
(several round trips each; 47 connects for 250 updates of a saturated ``bench/throughput.py``
run), and a task stopped while closing one made SQLAlchemy log "Exception closing connection".
"""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import event, text

from storage.crypto import Cipher
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.support.databases import postgres_admin


async def test_connections_made_at_a_busy_moment_stay_open(pg_url: str, cipher: Cipher) -> None:
    store = Store(pg_url, cipher, FamilyDefaults("UTC", 10))
    closed: list[Any] = []
    event.listen(store.engine.sync_engine, "close", lambda *args: closed.append(args))
    all_in = asyncio.Barrier(15)

    async def step() -> None:
        async with store.unit_of_work() as uow:
            await uow.session.execute(text("SELECT 1"))
            await all_in.wait()  # fifteen transactions open at once
            await uow.commit()

    await asyncio.gather(*(step() for _ in range(15)))
    await asyncio.gather(*(step() for _ in range(15)))
    assert closed == []
    await store.close()


async def test_a_transaction_costs_no_round_trip_besides_begin_and_commit(
    pg_url: str, cipher: Cipher
) -> None:
    """SQLAlchemy's ``pool_pre_ping`` (used before) added ``BEGIN``, ``;`` and ``ROLLBACK``
    before every transaction: three round trips more than its own."""
    store = Store(pg_url, cipher, FamilyDefaults("UTC", 10))
    sent: list[str] = []

    def log_queries(_dbapi: Any, record: Any) -> None:
        record.driver_connection.add_query_logger(lambda query: sent.append(query.query))

    event.listen(store.engine.sync_engine, "connect", log_queries)
    for _ in range(2):  # the first on a new connection, the second on a pooled one
        async with store.unit_of_work() as uow:
            await uow.session.execute(text("SELECT 1"))
            await uow.commit()
    await store.close()
    # Prepared statements are not logged; the simple queries are the transactions' own.
    assert sent == ["BEGIN;", "COMMIT;"] * 2


async def test_a_connection_the_server_closed_is_replaced_before_use(
    pg_url: str, cipher: Cipher
) -> None:
    """Without a ping, a pooled connection whose server process ended (a restart, an
    administrator) must still never reach a step: the pool replaces it."""
    store = Store(pg_url, cipher, FamilyDefaults("UTC", 10))

    async def backend() -> int:
        async with store.unit_of_work() as uow:
            pid = (await uow.session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            await uow.commit()
        return int(pid)

    first = await backend()
    admin = await postgres_admin()
    try:
        # With a timeout, PostgreSQL answers once the process has ended (or 5 s passed).
        assert await admin.fetchval("SELECT pg_terminate_backend($1, 5000)", first)
    finally:
        await admin.close()
    await asyncio.sleep(0.05)  # the event loop reads the server's goodbye
    assert await backend() != first
    await store.close()
