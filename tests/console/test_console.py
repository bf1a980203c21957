"""The terminal chat: ``parentbot chat`` once as a user runs it (a subprocess, stdin piped),
then in-process on the same console and engine (``tests/support/console.py``)."""

from __future__ import annotations

import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from bot.cli import main
from tests.support.cli import parentbot, sqlite_url
from tests.support.console import Terminal


def test_parentbot_chat_piped_prints_the_whole_conversation_and_keeps_an_owner_only_key(
    tmp_path: Path,
) -> None:
    """The one subprocess smoke test of ``parentbot chat``: the installed command, a pipe,
    a clean environment, nothing on stderr."""
    script = "/start\nMila\n2024-03-15\nno\n"
    done = parentbot("chat", "--db", sqlite_url(tmp_path), stdin=script, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Hi, I'm Sprout" in out
    assert "> Mila" in out
    assert "When was Mila born?" in out
    assert "Was Mila born early" in out
    assert "Mila was born on 15 March 2024" in out
    assert " months old" in out
    assert done.stderr == ""
    key = tmp_path / "data" / "sprout.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


async def test_preterm_baby_is_confirmed_with_corrected_age(tmp_path: Path) -> None:
    out = await Terminal(tmp_path).chat("/start", "Leo", "March 2026", "1", "1", "32")
    assert "I'll use 15 March 2026" in out
    assert "corrected age" in out


async def test_a_conversation_the_chat_can_no_longer_read_starts_afresh(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A release that renames a flow leaves conversations in the old name behind."""
    terminal = Terminal(tmp_path)
    await terminal.chat("/start", "Mila")
    with closing(sqlite3.connect(tmp_path / "sprout.db")) as db, db:
        db.execute("UPDATE dialog_states SET flow = 'retired'")
    out = await terminal.chat("2024-03-15", "/start")
    assert "> 2024-03-15\nSorry, I lost track of where we were. Let's start again.\n" in out
    assert "Was Mila born early" not in out
    assert "Hi, I'm Sprout" in out.split("> /start")[1]  # afresh: no child yet
    assert "conversation reset" in caplog.text
    assert "Mila" not in caplog.text


async def test_the_chat_makes_an_owner_only_key_file_and_resumes_after_restart(
    tmp_path: Path,
) -> None:
    terminal = Terminal(tmp_path)
    await terminal.chat("/start", "Mila")
    assert stat.S_IMODE(terminal.key_file.stat().st_mode) == 0o600
    key = terminal.key_file.read_text()
    again = await terminal.chat("2024-03-15", "no")  # a new store and engine: a restart
    assert terminal.key_file.read_text() == key
    assert "Was Mila born early" in again
    assert "Mila was born on 15 March 2024" in again


async def test_a_number_typed_after_a_restart_presses_the_button_it_names(
    tmp_path: Path,
) -> None:
    """The buttons of the question left open are shown again at start: "2" is "No, at term",
    not a number of weeks typed at the "born early?" question."""
    terminal = Terminal(tmp_path)
    await terminal.chat("/start", "Mila", "2024-03-15")
    again = await terminal.chat("2")
    assert again.startswith("We were here:\nWas Mila born early")
    assert "  2. No, at term" in again
    assert "Mila was born on 15 March 2024" in again.split("> 2")[1]
    assert "number of weeks" not in again


async def test_a_chat_with_no_open_question_starts_quietly(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path)
    await terminal.chat("/start", "Mila", "2024-03-15", "2")
    assert (await terminal.chat("/help")).startswith("> /help")


def test_a_bad_setting_stops_with_one_line_naming_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DEFAULT_TIMEZONE", "Mars/Olympus")
    assert main(["chat"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("parentbot: DEFAULT_TIMEZONE:")
