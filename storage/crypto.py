"""Encryption at rest: master keys that wrap one data key per family, which encrypts its data.

Telegram's developer terms ask for data at rest to be encrypted and erased on request. Two
levels make erasure real (``storage.keys``):

- **Master keys** (``Cipher``) live outside the database (``ENCRYPTION_KEYS`` or a key file
  with owner-only permissions). They encrypt only the families' data keys ("wrapping") and a
  canary. ``MultiFernet`` gives rotation: the first key encrypts, every listed key decrypts.
- **A data key per family** (``DataKey``) encrypts everything that family told Sprout. It is
  stored wrapped beside the family; ``/delete`` destroys it first, so any copy of the
  family's rows left behind (a WAL frame, a dead row version, a backup) can no longer be read.
  Data keys are AES-256-GCM rather than Fernet: a check-in step reads every answer of the
  family, and a GCM decryption costs a tenth of a Fernet one.

Each value is bound to what it is (``purpose``, the associated data): a worry's ciphertext
copied into the nickname column does not decrypt there.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage.private import private_folder


class EncryptionKeyError(Exception):
    """The encryption key is missing or unusable; the message says what to do."""


class MissingKeyFile(EncryptionKeyError):
    """No ``ENCRYPTION_KEYS`` and no key file: the terminal chat may make one, if safe."""


#: What a value is, bound into its ciphertext (``DataKey``).
NICKNAME, BIRTH, ANSWER, NOTE, DIALOG, ITEMS = (
    b"nickname", b"birth", b"answer", b"note", b"dialog", b"items"
)  # fmt: skip
#: A member's name, as the others in the family see it.
MEMBER_NAME = b"member_name"
#: The first byte of every data-key ciphertext: the format, so it can change one day.
VERSION = b"\x01"
NONCE = 12


class DataKey:
    """One family's data key: AES-256-GCM, a random nonce per value."""

    def __init__(self, raw: bytes) -> None:
        if len(raw) != 32:
            raise EncryptionKeyError("a family's data key must be 32 bytes")
        self.raw = raw
        self._aead = AESGCM(raw)

    @classmethod
    def generate(cls) -> DataKey:
        return cls(AESGCM.generate_key(bit_length=256))

    def encrypt(self, plain: bytes, purpose: bytes) -> bytes:
        nonce = os.urandom(NONCE)
        return VERSION + nonce + self._aead.encrypt(nonce, plain, purpose)

    def decrypt(self, token: bytes, purpose: bytes) -> bytes:
        if token[:1] != VERSION or len(token) < 1 + NONCE + 16:
            raise EncryptionKeyError("a stored value is not in Sprout's format")
        nonce, body = token[1 : 1 + NONCE], token[1 + NONCE :]
        try:
            return self._aead.decrypt(nonce, body, purpose)
        except InvalidTag:
            raise EncryptionKeyError(
                "a stored value does not decrypt with its family's key"
            ) from None

    def seal(self, value: Any, purpose: bytes) -> bytes:
        """``value`` as JSON, encrypted."""
        return self.encrypt(json.dumps(value, ensure_ascii=False).encode(), purpose)

    def open(self, token: bytes, purpose: bytes) -> Any:
        return json.loads(self.decrypt(token, purpose))

    def seal_text(self, value: Any, purpose: bytes) -> str:
        """``seal`` as text, for a value kept inside a JSON column."""
        return base64.b64encode(self.seal(value, purpose)).decode()

    def open_text(self, token: str, purpose: bytes) -> Any:
        return self.open(base64.b64decode(token), purpose)


class Cipher:
    """The master keys: wrap and unwrap families' data keys, and the canary."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise EncryptionKeyError("ENCRYPTION_KEYS: no key given")
        try:
            fernets = [Fernet(key.strip().encode()) for key in keys]
        except ValueError as exc:
            raise EncryptionKeyError(
                "ENCRYPTION_KEYS: each key must be 32 url-safe base64-encoded bytes "
                "(make one with `parentbot db new-key`)"
            ) from exc
        self._first = fernets[0]
        self._fernet = MultiFernet(fernets)

    def encrypt(self, text: str) -> bytes:
        return self._fernet.encrypt(text.encode())

    def decrypt(self, token: bytes) -> str:
        try:
            return self._fernet.decrypt(token).decode()
        except InvalidToken as exc:
            raise EncryptionKeyError(
                "stored data cannot be decrypted with ENCRYPTION_KEYS: is an old key missing?"
            ) from exc

    def wrap(self, key: DataKey) -> bytes:
        return self._fernet.encrypt(key.raw)

    def unwrap(self, wrapped: bytes) -> DataKey:
        try:
            return DataKey(self._fernet.decrypt(wrapped))
        except InvalidToken:
            raise EncryptionKeyError(
                "a family's key cannot be unwrapped with ENCRYPTION_KEYS: is an old key missing?"
            ) from None

    def rotate(self, token: bytes) -> bytes:
        """Re-encrypt ``token`` under the current (first) key."""
        try:
            return self._fernet.rotate(token)
        except InvalidToken:
            raise EncryptionKeyError(
                "a stored key cannot be decrypted with ENCRYPTION_KEYS: keep the old keys "
                "after the new one until rotation is done"
            ) from None

    def is_current(self, token: bytes) -> bool:
        """Whether ``token`` is already under the first key (rotation skips it)."""
        try:
            self._first.decrypt(token)
        except InvalidToken:
            return False
        return True


def new_key() -> str:
    return Fernet.generate_key().decode()


def cipher_from(keys: str | None, key_file: Path) -> Cipher:
    """The cipher from ``keys`` (comma-separated) or the key file; ``MissingKeyFile`` when
    there is neither (``bot.bootstrap`` decides whether a new key file is safe)."""
    if keys:
        return Cipher([k for k in keys.split(",") if k.strip()])
    if key_file.exists():
        return Cipher([k for k in key_file.read_text().splitlines() if k.strip()])
    raise MissingKeyFile(
        f"ENCRYPTION_KEYS: not set and no key file at {key_file} "
        "(make a key with `parentbot db new-key`)"
    )


def create_key_file(key_file: Path) -> Cipher:
    """A new key in a new file only the owner can read, in a folder only the owner can list."""
    private_folder(key_file.parent)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(new_key() + "\n")
    return Cipher(key_file.read_text().splitlines())
