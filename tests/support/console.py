"""The terminal chat in-process: ``bot.console.run_console`` on a real database, with stdin and
stdout as strings.

``parentbot chat`` is run as a subprocess once (``tests/console/test_console.py``); every
other terminal conversation runs here, on the same console, engine and key-file handling,
without paying for a new Python process per run.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TextIO

from bot.console import run_console
from bot.engine.dialog import DialogEngine
from knowledge.loader import default_knowledge
from storage.crypto import MissingKeyFile, cipher_from, create_key_file
from storage.repositories import FamilyDefaults
from storage.uow import Store

#: What ``parentbot chat`` uses without settings (``bot.settings``): UTC, reminders at 10.
DEFAULTS = FamilyDefaults("UTC", 10)


class Terminal:
    """``parentbot chat --db <folder>/sprout.db`` run from ``folder``: the key file in
    ``data/sprout.key`` (made on the first run), files saved to ``data/files``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.url = f"sqlite+aiosqlite:///{folder / 'sprout.db'}"
        self.key_file = folder / "data" / "sprout.key"
        self.files = folder / "data" / "files"

    async def chat(self, *lines: str, keys: str | None = None) -> str:
        """One run of the chat with ``lines`` piped in (a fresh store and engine, like a new
        process), ``keys`` as ``ENCRYPTION_KEYS``; the transcript it prints."""
        return await self.piped(io.StringIO("".join(f"{line}\n" for line in lines)), keys)

    async def chat_bytes(self, raw: bytes) -> str:
        """The chat reading ``raw`` as a pipe delivers it: bytes, decoded as UTF-8 by Python."""
        return await self.piped(io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))

    async def piped(self, stdin: TextIO, keys: str | None = None) -> str:
        try:
            cipher = cipher_from(keys, self.key_file)
        except MissingKeyFile:  # the chat's first run makes its key file
            cipher = create_key_file(self.key_file)
        store = Store(self.url, cipher, DEFAULTS)
        out = io.StringIO()
        try:
            await store.open()
            engine = DialogEngine(store, default_knowledge())
            await run_console(engine, stdin, out, files_dir=self.files)
        finally:
            await store.close()
        return out.getvalue()
