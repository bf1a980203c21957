"""The terminal chat as a user runs it: ``parentbot chat`` as a subprocess, stdin piped."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
from contextlib import closing
from pathlib import Path

from tests.support.cli import parentbot, sqlite_url


def chat(tmp_path: Path, script: str) -> subprocess.CompletedProcess[str]:
    return parentbot("chat", "--db", sqlite_url(tmp_path), stdin=script, cwd=tmp_path)


def test_piped_onboarding_prints_the_whole_conversation(tmp_path: Path) -> None:
    done = chat(tmp_path, "/start\nMila\n2024-03-15\nno\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Hi, I'm Sprout" in out
    assert "> Mila" in out
    assert "When was Mila born?" in out
    assert "Was Mila born early" in out
    assert "Mila was born on 15 March 2024" in out
    assert " months old" in out
    assert done.stderr == ""


def test_preterm_baby_is_confirmed_with_corrected_age(tmp_path: Path) -> None:
    done = chat(tmp_path, "/start\nLeo\nMarch 2026\n1\n1\n32\n")
    assert done.returncode == 0, done.stderr
    assert "I'll use 15 March 2026" in done.stdout
    assert "corrected age" in done.stdout


def test_a_conversation_the_chat_can_no_longer_read_starts_afresh(tmp_path: Path) -> None:
    """A release that renames a flow leaves conversations in the old name behind."""
    chat(tmp_path, "/start\nMila\n")
    with closing(sqlite3.connect(tmp_path / "x.db")) as db, db:
        db.execute("UPDATE dialog_states SET flow = 'retired'")
    done = chat(tmp_path, "2024-03-15\n/start\n")
    assert done.returncode == 0, done.stderr
    assert "> 2024-03-15\nSorry, I lost track of where we were. Let's start again.\n" in (
        done.stdout
    )
    assert "Was Mila born early" not in done.stdout
    assert "Hi, I'm Sprout" in done.stdout.split("> /start")[1]  # afresh: no child yet
    assert "conversation reset" in done.stderr
    assert "Mila" not in done.stderr


def test_the_chat_creates_an_owner_only_key_file_and_resumes_after_restart(
    tmp_path: Path,
) -> None:
    chat(tmp_path, "/start\nMila\n")
    key = tmp_path / "data" / "sprout.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    again = chat(tmp_path, "2024-03-15\nno\n")
    assert "Was Mila born early" in again.stdout
    assert "Mila was born on 15 March 2024" in again.stdout


def test_a_bad_setting_stops_with_one_line_naming_the_key(tmp_path: Path) -> None:
    done = parentbot("chat", cwd=tmp_path, env={"DEFAULT_TIMEZONE": "Mars/Olympus"})
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("parentbot: DEFAULT_TIMEZONE:")
