"""Encrypted values inside JSON columns ("sealed"): ``{"sealed": "<base64 ciphertext>"}``.

The dialog state holds a flow's data and the question on screen, and both can carry a
nickname ("When was Mila born?") or the parent's words; a follow-up reminder lists the skills
it asks about again. They are sealed under the family's data key like the ``*_enc`` columns,
so the JSON column types stay. A list column holds its sealed value as its one element
(``seal_list``), so it stays a list; an empty list is stored as it is, as nothing is in it.
"""

from __future__ import annotations

from typing import Any

from storage.crypto import DataKey, EncryptionKeyError

SEALED = "sealed"


def seal(key: DataKey, value: Any, purpose: bytes) -> dict[str, str]:
    return {SEALED: key.seal_text(value, purpose)}


def is_sealed(stored: Any) -> bool:
    return isinstance(stored, dict) and set(stored) == {SEALED}


def unseal(key: DataKey, stored: Any, purpose: bytes) -> Any:
    """The value inside a sealed box."""
    if not is_sealed(stored):
        raise EncryptionKeyError("a stored value is not sealed")
    return key.open_text(stored[SEALED], purpose)


def seal_list(key: DataKey, items: list, purpose: bytes) -> list:
    return [seal(key, items, purpose)] if items else []


def unseal_list(key: DataKey, stored: list, purpose: bytes) -> list:
    if not stored:
        return []
    if len(stored) != 1:
        raise EncryptionKeyError("a stored list is not sealed")
    return list(unseal(key, stored[0], purpose))
