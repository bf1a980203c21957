"""Erasure that really erases (issue 16, failure 2): after ``/delete`` nothing of the family can
be read, neither in the database files nor from copies of its rows taken before."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from storage.crypto import (
    ANSWER,
    BIRTH,
    DIALOG,
    ITEMS,
    MEMBER_NAME,
    NICKNAME,
    NOTE,
    Cipher,
    DataKey,
    EncryptionKeyError,
)
from storage.repositories import FamilyDefaults
from storage.sealed import SEALED, is_sealed
from storage.uow import Store
from tests.support import family as family_module
from tests.support.db_rows import family_rows, snapshot
from tests.support.family import WORRY, Family
from tests.support.outcomes import plain

CHAT, OTHER = 10, 20
PURPOSES = (NICKNAME, BIRTH, ANSWER, NOTE, DIALOG, ITEMS, MEMBER_NAME)


async def erase(family: Family) -> None:
    assert "cannot be undone" in plain(await family.say("/delete"))
    assert "erased" in plain(await family.press("dl:yes"))


def files_bytes(folder: Path) -> bytes:
    """The SQLite database and everything beside it (WAL, shared memory)."""
    found = sorted(folder.glob("sprout.db*"))
    assert {f.name for f in found} >= {"sprout.db"}
    return b"".join(f.read_bytes() for f in found)


async def test_after_delete_the_sqlite_files_hold_nothing_of_the_family(
    sqlite_url: str, cipher: Cipher, clock: Callable[[], datetime], tmp_path: Path
) -> None:
    store = Store(sqlite_url, cipher, FamilyDefaults("UTC", 10))
    await store.upgrade()
    family = Family(store, clock(), CHAT)
    await family.everything()
    await Family(store, clock(), OTHER, nickname="Leopold").onboard()  # stays, and writes
    metadata, rows = await snapshot(store.engine)
    [key] = family_rows(metadata, rows, CHAT)["family_keys"]
    assert key["key_enc"] in files_bytes(tmp_path)
    await erase(family)
    secrets = [family.nickname, WORRY, family.born.isoformat(), *family.answered]
    secrets += [family_module.ADMIN_NAME, family_module.MEMBER_NAME]
    data = files_bytes(tmp_path)
    for secret in secrets:
        assert secret.encode() not in data, secret
    # Not even the wrapped key is left: no old WAL frame, no free page holds it.
    assert key["key_enc"] not in data
    await store.close()


async def test_rows_copied_before_delete_cannot_be_decrypted_after_it(
    store: Store, clock: Callable[[], datetime]
) -> None:
    """A copy of the family's rows (a backup, a replica, dead rows) taken before /delete is
    unreadable afterwards with every key the running system holds."""
    family = Family(store, clock(), CHAT)
    await family.everything()
    await Family(store, clock(), OTHER, nickname="Leopold").everything()
    metadata, before = await snapshot(store.engine)
    copied = family_rows(metadata, before, CHAT)
    sealed = [
        value
        for name, rows in copied.items()
        for row in rows
        for value in _encrypted(row)
        # Queued replies (here: "Uncle Barnabas joined") are under the master key and
        # erased by deletion, not by the family key (design notes, "Which key protects them").
        if name not in ("family_keys", "inbox", "outbox")
    ]
    assert len(sealed) >= 6  # nickname, birth, answers, worry, members' names, conversation...
    assert len(copied["members"]) == 2
    assert len(copied["invites"]) == 1
    await erase(family)

    keys = await _keys_left(store)
    assert keys  # the other family's
    for value in sealed:
        with pytest.raises(EncryptionKeyError):
            store.cipher.decrypt(value)
        for key in keys:
            for purpose in PURPOSES:
                with pytest.raises(EncryptionKeyError):
                    key.decrypt(value, purpose)


def _encrypted(row: dict) -> list[bytes]:
    """Ciphertexts in a row: ``*_enc`` columns and sealed JSON values."""
    found: list[bytes] = []
    for column, value in row.items():
        if isinstance(value, bytes) and column.endswith("_enc"):
            found.append(value)
        elif is_sealed(value):
            found.append(base64.b64decode(value[SEALED]))
        elif isinstance(value, list):
            found += [base64.b64decode(v[SEALED]) for v in value if is_sealed(v)]
    return found


async def _keys_left(store: Store) -> list[DataKey]:
    """Every data key left in the database, unwrapped with the master keys."""
    _, rows = await snapshot(store.engine)
    return [store.cipher.unwrap(row["key_enc"]) for row in rows["family_keys"]]
