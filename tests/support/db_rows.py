"""Every row of every table, read by reflecting the live database rather than the models.

Erasure tests use this so they cover whatever tables exist, including ones added after they
were written: a family's rows are found by following foreign keys from its ``families`` row,
transitively, or by its chat id (the inbox and the outbox are keyed by chat, since an update
can come before its family exists), and a table neither reaches must hold no family data.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData, Table, select
from sqlalchemy.ext.asyncio import AsyncEngine

Row = dict[str, Any]
#: Tables that hold no family data: migrations' bookkeeping, redelivered-update ids, the
#: master-key canary.
NO_FAMILY_DATA = frozenset({"alembic_version", "processed_updates", "key_check"})


async def snapshot(engine: AsyncEngine) -> tuple[MetaData, dict[str, list[Row]]]:
    """The schema as it is in the database, and all its rows."""
    metadata = MetaData()
    async with engine.connect() as conn:
        await conn.run_sync(metadata.reflect)
        rows = {
            name: [dict(r._mapping) for r in await conn.execute(select(table))]
            for name, table in metadata.tables.items()
        }
    return metadata, rows


def family_rows(
    metadata: MetaData, rows: dict[str, list[Row]], chat_id: int
) -> dict[str, list[Row]]:
    """The rows that belong to the family of ``chat_id``: its ``families`` row and every row
    that references one of the family's rows, followed to a fixed point."""
    owned: dict[str, list[Row]] = {name: [] for name in rows}
    owned["families"] = [r for r in rows["families"] if r["chat_id"] == chat_id]
    for name, table in metadata.tables.items():
        if name != "families" and "chat_id" in table.columns:
            owned[name] = [r for r in rows[name] if r["chat_id"] == chat_id]
    changed = True
    while changed:
        changed = False
        for name, table in metadata.tables.items():
            for row in rows[name]:
                if row not in owned[name] and _references(table, row, owned):
                    owned[name].append(row)
                    changed = True
    return owned


def _references(table: Table, row: Row, owned: dict[str, list[Row]]) -> bool:
    for fk in table.foreign_keys:
        value = row[fk.parent.name]
        target = fk.column
        if value is not None and any(r[target.name] == value for r in owned[target.table.name]):
            return True
    return False


def unreachable_tables(metadata: MetaData) -> set[str]:
    """Tables neither a chat id nor a foreign key path connects to ``families``: they must
    hold no family data."""
    reached = {"families"} | {n for n, t in metadata.tables.items() if "chat_id" in t.columns}
    changed = True
    while changed:
        changed = False
        for name, table in metadata.tables.items():
            if name not in reached and any(
                fk.column.table.name in reached for fk in table.foreign_keys
            ):
                reached.add(name)
                changed = True
    return set(metadata.tables) - reached
