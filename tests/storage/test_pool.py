"""PostgreSQL connections are kept open once made (``storage.db.POOL``).

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
