"""Key rotation: re-encrypt every encrypted column under the first configured key.

Rotation is two steps. Put the new key first in ``ENCRYPTION_KEYS`` and keep the old ones
after it: the bot reads old rows (``MultiFernet`` tries every key) and writes new ones under
the new key at once. Then ``parentbot db rotate-key`` rewrites every stored value under the new
key, after which the old keys can be dropped. Encrypted columns are found in the models (an
``_enc`` suffix, or sealed values in JSON columns), so a table added later is rotated
without touching this module.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import InvalidToken
from sqlalchemy import JSON, Column, Table, select, update

from storage.crypto import Cipher, EncryptionKeyError
from storage.models import Base
from storage.sealed import reseal
from storage.uow import Store

#: Rows re-encrypted per transaction: a crash midway leaves every row readable, and running
#: again finishes the job (rotating a value already under the first key is harmless).
BATCH = 500


def encrypted_columns() -> list[tuple[Table, list[Column]]]:
    """Every table with encrypted values, and those columns: ``*_enc`` ones and JSON ones
    (which may hold sealed values, ``storage.sealed``)."""
    found = []
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if c.name.endswith("_enc") or isinstance(c.type, JSON)]
        if columns:
            found.append((table, columns))
    return found


def _rotated(cipher: Cipher, column: Column, value: Any) -> Any:
    if isinstance(column.type, JSON):
        return reseal(cipher, value)
    return cipher.rotate(value)


async def _rotate_table(store: Store, cipher: Cipher, table: Table, columns: list[Column]) -> int:
    [key] = table.primary_key.columns
    done, after = 0, None
    while True:
        async with store.engine.begin() as conn:
            query = select(key, *columns).order_by(key).limit(BATCH)
            if after is not None:
                query = query.where(key > after)
            rows = (await conn.execute(query)).all()
            for row in rows:
                try:
                    values = {
                        c.name: _rotated(cipher, c, row[i + 1])
                        for i, c in enumerate(columns)
                        if row[i + 1] is not None
                    }
                except InvalidToken:
                    raise EncryptionKeyError(
                        f"{table.name} row {row[0]} cannot be decrypted with ENCRYPTION_KEYS: "
                        "keep the old keys after the new one until rotation is done"
                    ) from None
                if values:
                    await conn.execute(update(table).where(key == row[0]).values(**values))
        if not rows:
            return done
        done += len(rows)
        after = rows[-1][0]


async def rotate_all(store: Store) -> dict[str, int]:
    """Re-encrypt every encrypted value under the store's first key; rows per table."""
    return {
        table.name: await _rotate_table(store, store.cipher, table, columns)
        for table, columns in encrypted_columns()
    }
