"""Families' data keys, and the canary that proves the master keys at start.

- **One data key per family** (``storage.crypto.DataKey``), made with the family and stored
  wrapped by the master key in ``family_keys``. A unit of work unwraps a family's key when it
  loads the family (``FamilyKeys.remember``); repositories then encrypt and decrypt with it.
- **Erasure destroys the key first.** ``/delete`` deletes the ``family_keys`` row and commits,
  then deletes the family's rows (``bot.engine.dialog``). From the first commit on, every copy
  of the family's data anywhere (a WAL frame, a dead row version, a replica, a backup) is
  ciphertext under a key that exists nowhere in the live database. A family row without a key
  is an erasure that was interrupted: it is finished when the family is next looked up and at
  start (``finish_erasures``). Copies of the *wrapped* key in backups (and, until the space is
  reused, in PostgreSQL's dead rows and WAL) stay readable with the master key that wrapped
  them, so erasure reaches those once that master key is retired (``storage.rotate``).
- **The canary** (``key_check``) is a known text under the master key, written on first start.
  If no configured key decrypts it while families exist, the program stops with one line
  instead of answering parents "something went wrong".
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import ColumnElement, delete, exists, insert, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.crypto import Cipher, DataKey, EncryptionKeyError
from storage.db import create_engine
from storage.models import Family, FamilyKey, KeyCheck

CANARY = "Sprout key check"
WRONG_KEY = (
    "ENCRYPTION_KEYS: none of the configured keys decrypts this database's data (a wrong key, "
    "or an old key dropped before `parentbot db rotate-key` finished)"
)


class FamilyKeys:
    """The data keys of the families one unit of work has loaded, unwrapped."""

    def __init__(self, session: AsyncSession, master: Cipher) -> None:
        self._session = session
        self.master = master
        self._keys: dict[int, DataKey] = {}

    def remember(self, family_id: int, wrapped: bytes) -> DataKey:
        """The family's key, unwrapped once per unit of work: a step that created the
        family, or read it twice, does not pay for another unwrap."""
        if (known := self._keys.get(family_id)) is not None:
            return known
        key = self._keys[family_id] = self.master.unwrap(wrapped)
        return key

    def of(self, family_id: int) -> DataKey:
        """The key of a family this unit of work has loaded (``FamilyRepository``)."""
        try:
            return self._keys[family_id]
        except KeyError:
            raise EncryptionKeyError(
                "a family's key was used before the family was loaded"
            ) from None

    async def create(self, family_id: int) -> DataKey:
        key = DataKey.generate()
        await self._session.execute(
            insert(FamilyKey).values(family_id=family_id, key_enc=self.master.wrap(key))
        )
        self._keys[family_id] = key
        return key

    async def destroy(self, family_id: int) -> None:
        """Delete the family's key: from the commit on, its data cannot be read anywhere."""
        await self._session.execute(delete(FamilyKey).where(FamilyKey.family_id == family_id))
        self._keys.pop(family_id, None)


def keyless() -> ColumnElement[bool]:
    """A condition on ``Family``: its key is gone, so its erasure was interrupted."""
    return ~exists().where(FamilyKey.family_id == Family.id)


async def finish_erasures(engine: AsyncEngine) -> int:
    """Delete the rows of every family whose key was destroyed (an interrupted erasure)."""
    async with engine.begin() as conn:
        result = await conn.execute(delete(Family).where(keyless()))
        return result.rowcount


async def check_keys(engine: AsyncEngine, master: Cipher) -> None:
    """Prove at start that the configured master keys decrypt the data (``EncryptionKeyError``
    otherwise). With no family stored there is nothing to protect: a new canary is written.
    Without a canary yet (a database migrated but never opened), a family's key must unwrap
    before one is written."""
    async with engine.begin() as conn:
        stored = (await conn.execute(select(KeyCheck.canary_enc))).scalar_one_or_none()
        if stored is not None and _opens(master, stored):
            return
        family_key = (await conn.execute(select(FamilyKey.key_enc).limit(1))).scalar()
        if family_key is not None and (stored is not None or not _unwraps(master, family_key)):
            raise EncryptionKeyError(WRONG_KEY)
        await conn.execute(delete(KeyCheck))
        await conn.execute(insert(KeyCheck).values(id=1, canary_enc=master.encrypt(CANARY)))


def _opens(master: Cipher, stored: bytes) -> bool:
    try:
        return master.decrypt(stored) == CANARY
    except EncryptionKeyError:
        return False


def _unwraps(master: Cipher, wrapped: bytes) -> bool:
    try:
        master.unwrap(wrapped)
    except EncryptionKeyError:
        return False
    return True


async def holds_families(url: str) -> bool:
    """Whether the database at ``url`` exists and has a family in it (encrypted data): then a
    new key file must not be made (``bot.bootstrap``), as a new key could not read them."""
    if _no_sqlite_file(url):
        return False
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            tables = await conn.run_sync(lambda sync: inspect(sync).get_table_names())
            return "families" in tables and bool(
                (await conn.execute(select(Family.id).limit(1))).first()
            )
    finally:
        await engine.dispose()


def _no_sqlite_file(url: str) -> bool:
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file()
