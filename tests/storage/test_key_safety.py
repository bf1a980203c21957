"""Key safety as a user meets it (issue 16, failure 7): the wrong key stops the program with
one line, and a lost key file is never silently replaced while encrypted data exists."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import delete

from storage.crypto import Cipher, EncryptionKeyError, new_key
from storage.keys import check_keys
from storage.models import Family
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.support.cli import parentbot, sqlite_url

ONBOARD = "/start\nMila\n2026-01-10\nno\nshe isn't crawling yet\n"
DEFAULTS = FamilyDefaults("UTC", 10)


def chat(folder: Path, stdin: str, keys: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"ENCRYPTION_KEYS": keys} if keys else None
    return parentbot("chat", "--db", sqlite_url(folder), stdin=stdin, cwd=folder, env=env)


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("parentbot: ")
    return line


def test_a_wrong_key_stops_every_command_with_one_line(tmp_path: Path) -> None:
    right = new_key()
    assert chat(tmp_path, ONBOARD, keys=right).returncode == 0
    wrong = new_key()
    line = one_line_error(chat(tmp_path, "/summary\n", keys=wrong))
    assert "ENCRYPTION_KEYS" in line
    db = sqlite_url(tmp_path)
    for command in (["db", "upgrade"], ["db", "rotate-key"]):
        assert "ENCRYPTION_KEYS" in one_line_error(
            parentbot(*command, "--db", db, cwd=tmp_path, env={"ENCRYPTION_KEYS": wrong})
        )
    both = chat(tmp_path, "/summary\n", keys=f"{wrong},{right}")  # the right one among them
    assert both.returncode == 0, both.stderr
    assert "Which period" in both.stdout


def test_a_missing_key_file_is_not_replaced_while_encrypted_data_exists(tmp_path: Path) -> None:
    assert chat(tmp_path, ONBOARD).returncode == 0  # the terminal chat makes its key file
    key_file = tmp_path / "data" / "sprout.key"
    assert key_file.exists()
    key_file.unlink()
    line = one_line_error(chat(tmp_path, "/summary\n"))
    assert "data/sprout.key" in line
    assert not key_file.exists()


def test_the_terminal_chat_creates_its_files_for_the_owner_only(tmp_path: Path) -> None:
    """Database, key file, and the files /export and /summary write; /delete removes those."""
    done = chat(tmp_path, ONBOARD + "/export\n/summary\n3\n1\n")
    assert done.returncode == 0, done.stderr
    data = tmp_path / "data"
    written = sorted((data / "files").iterdir())
    assert [p.suffix for p in written] == [".png", ".json", ".pdf"]  # chart, export, PDF
    for path in (data / "sprout.key", tmp_path / "x.db", *written):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (data, data / "files"):
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, folder
    erased = chat(tmp_path, "/delete\n1\n")
    assert "erased" in erased.stdout
    assert list((data / "files").iterdir()) == []


async def test_the_canary_proves_the_keys_whenever_families_exist(database_url: str) -> None:
    right = new_key()
    cipher, stranger = Cipher([right]), Cipher([new_key()])
    store = Store(database_url, cipher, DEFAULTS)
    await store.upgrade()  # migrated, never opened: no canary yet
    async with store.unit_of_work() as uow:
        await uow.families.lock_or_create(1)
        await uow.commit()
    with pytest.raises(EncryptionKeyError):  # a family's key must unwrap before one is written
        await check_keys(store.engine, stranger)
    await check_keys(store.engine, cipher)
    await check_keys(store.engine, Cipher([new_key(), right]))  # the right key among others
    with pytest.raises(EncryptionKeyError):
        await check_keys(store.engine, stranger)
    async with store.engine.begin() as conn:
        await conn.execute(delete(Family))
    await check_keys(store.engine, stranger)  # nothing left to protect: a new canary
    await check_keys(store.engine, stranger)
    await store.close()
