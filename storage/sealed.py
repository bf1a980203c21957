"""Encrypted values inside JSON columns ("sealed"): ``{"sealed": "<Fernet token>"}``.

The dialog state holds a flow's data and the question on screen, and both can carry a
nickname ("When was Mila born?") or the parent's words. They are sealed like the ``*_enc``
columns so no child data reaches the database file in clear; the JSON column type stays, so
no migration is needed, and values written before sealing are read as they are.
"""

from __future__ import annotations

import json
from typing import Any

from storage.crypto import Cipher

SEALED = "sealed"


def seal(cipher: Cipher, value: Any) -> dict[str, str]:
    return {SEALED: cipher.encrypt(json.dumps(value, ensure_ascii=False)).decode()}


def is_sealed(stored: Any) -> bool:
    return isinstance(stored, dict) and set(stored) == {SEALED}


def unseal(cipher: Cipher, stored: Any) -> Any:
    """The value inside a sealed box; anything else (written before sealing) as it is."""
    return json.loads(cipher.decrypt(stored[SEALED].encode())) if is_sealed(stored) else stored


def reseal(cipher: Cipher, stored: Any) -> Any:
    """``stored`` with every sealed box (at the top or in a top-level list) under the first key."""
    if is_sealed(stored):
        return {SEALED: cipher.rotate(stored[SEALED].encode()).decode()}
    if isinstance(stored, list):
        return [reseal(cipher, item) for item in stored]
    return stored
