"""Encryption at rest for what identifies a child or tells of its health.

Telegram's developer terms ask for data at rest to be encrypted; the key lives outside the
database (environment or a key file with owner-only permissions), so a copied database file
alone reveals no nickname and no concern. ``MultiFernet`` gives rotation: the first key
encrypts, every listed key decrypts, and ``rotate`` re-encrypts under the first.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class EncryptionKeyError(Exception):
    """The encryption key is missing or unusable; the message says what to do."""


class Cipher:
    """Encrypts and decrypts short texts with the configured keys."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise EncryptionKeyError("ENCRYPTION_KEYS: no key given")
        try:
            self._fernet = MultiFernet([Fernet(key.strip().encode()) for key in keys])
        except ValueError as exc:
            raise EncryptionKeyError(
                "ENCRYPTION_KEYS: each key must be 32 url-safe base64-encoded bytes "
                "(make one with `parentbot db new-key`)"
            ) from exc

    def encrypt(self, text: str) -> bytes:
        return self._fernet.encrypt(text.encode())

    def decrypt(self, token: bytes) -> str:
        try:
            return self._fernet.decrypt(token).decode()
        except InvalidToken as exc:
            raise EncryptionKeyError(
                "stored data cannot be decrypted with ENCRYPTION_KEYS: is an old key missing?"
            ) from exc

    def rotate(self, token: bytes) -> bytes:
        """Re-encrypt ``token`` under the current (first) key."""
        return self._fernet.rotate(token)


def new_key() -> str:
    return Fernet.generate_key().decode()


def cipher_from(keys: str | None, key_file: Path, *, create: bool) -> Cipher:
    """Build the cipher from ``keys`` (comma-separated) or the key file.

    With ``create``, a missing key file is generated with owner-only permissions (the terminal
    chat does this on first run); otherwise a missing key is a configuration error.
    """
    if keys:
        return Cipher([k for k in keys.split(",") if k.strip()])
    if key_file.exists():
        return Cipher([k for k in key_file.read_text().splitlines() if k.strip()])
    if not create:
        raise EncryptionKeyError(
            f"ENCRYPTION_KEYS: not set and no key file at {key_file} "
            "(make a key with `parentbot db new-key`)"
        )
    key_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(new_key() + "\n")
    return Cipher(key_file.read_text().splitlines())
