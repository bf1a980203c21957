"""``/summary``, ``/delete``, ``parentbot summary`` and ``parentbot db rotate-key`` as a user
runs them: the terminal chat with stdin piped and the commands' ``main``, in-process."""

from __future__ import annotations

import asyncio
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from bot.cli import main
from bot.console import CONSOLE_CHAT_ID
from bot.domain.age import age_on
from storage.crypto import Cipher, new_key
from storage.models import Base
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.support.console import Terminal

BORN = date.today() - timedelta(days=300)  # about 10 months old


class Command:
    """``parentbot`` commands run through ``bot.cli.main`` from ``folder`` with
    ``ENCRYPTION_KEYS`` set as given: exit code, stdout and stderr."""

    def __init__(
        self, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        self.monkeypatch = monkeypatch
        self.capsys = capsys
        monkeypatch.chdir(folder)  # no .env of the developer's
        monkeypatch.delenv("DATABASE_URL", raising=False)

    def __call__(self, *args: str, keys: str) -> tuple[int, str, str]:
        self.monkeypatch.setenv("ENCRYPTION_KEYS", keys)
        self.capsys.readouterr()
        code = main(list(args))
        out, err = self.capsys.readouterr()
        return code, out, err


def two_checkins(terminal: Terminal) -> None:
    """Two check-ins' answers, written as the check-in flow writes them, the second with a
    regression ("yes" at 9 months, "not yet" weeks later)."""
    cipher = Cipher(terminal.key_file.read_text().split())

    async def write() -> None:
        store = Store(terminal.url, cipher, FamilyDefaults("UTC", 10))
        async with store.unit_of_work() as uow:
            family = await uow.families.get(CONSOLE_CHAT_ID)
            assert family is not None
            [child] = await uow.children.of_family(family.id)
            for days_ago, answers in ((40, "yyyn"), (5, "nyyu")):
                day = date.today() - timedelta(days=days_ago)
                months = age_on(BORN, None, day).months
                codes = {"y": "yes", "n": "not_yet", "u": "not_sure"}
                for milestone, code in zip(
                    ("gets_to_sitting", "sits_unsupported", "hand_to_hand_transfer", "rakes_food"),
                    answers, strict=True,
                ):  # fmt: skip
                    await uow.observations.add(
                        family.id, child_id=child.id, milestone_id=milestone,
                        answer=codes[code], observed_on=day, age_months=months, checklist_age=9,
                    )  # fmt: skip
            await uow.commit()
        await store.close()

    asyncio.run(write())


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def rows_left(terminal: Terminal) -> dict[str, int]:
    async def count() -> dict[str, int]:
        store = Store(terminal.url, Cipher([new_key()]), FamilyDefaults("UTC", 10))
        async with store.engine.connect() as conn:
            counts = {
                t.name: (await conn.execute(select(func.count()).select_from(t))).scalar_one()
                for t in Base.metadata.sorted_tables
            }
        await store.close()
        return counts

    return asyncio.run(count())


def test_summary_in_the_terminal_then_the_command_then_delete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = Terminal(tmp_path)
    run = Command(tmp_path, monkeypatch, capsys)
    asyncio.run(terminal.chat("/start", "Mila", BORN.isoformat(), "no", "she still isn't walking"))
    two_checkins(terminal)

    # Buttons by number: 3 = everything, 1 = both fine and gross motor.
    out = asyncio.run(terminal.chat("/summary", "3", "1"))
    for part in ("Motor development summary: Mila", "Loss of skills reported (regression)",
                 "⚠ REGRESSION", "Check-in for 9 months", "she still isn't walking",
                 "not a medical assessment"):  # fmt: skip
        assert part in out
    name = f"sprout-summary-Mila-{date.today().isoformat()}.pdf"
    assert f"[file saved: {terminal.files / name}]" in out
    text = pdf_text(terminal.files / name)
    assert "Mila" in text
    assert "REGRESSION" in text
    assert "yes (" in text  # the chart's answers
    assert "not sure (" in text
    # The chart as a picture, readable by the owner only, with its words as the caption.
    chart = terminal.files / "chart.png"
    assert f"[file saved: {chart}] (Chart of Mila's milestones" in out
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert chart.stat().st_mode & 0o777 == 0o600

    # Rotate to a new key, then the command reads everything with the new key alone.
    old = terminal.key_file.read_text().strip()
    new = new_key()
    code, rotated, err = run("db", "rotate-key", "--db", terminal.url, keys=f"{new},{old}")
    assert code == 0, err
    assert "family keys: 1 re-wrapped" in rotated
    assert "0 waiting updates and replies re-encrypted" in rotated
    code, _, err = run("summary", "--db", terminal.url, "--chat-id", str(CONSOLE_CHAT_ID),
                       "--child", "mila", "--out", "doctor.pdf", keys=new)  # fmt: skip
    assert code == 0, err
    assert "REGRESSION" in pdf_text(tmp_path / "doctor.pdf")
    code, _, err = run("summary", "--db", terminal.url, "--chat-id", "0",
                       "--child", "Leo", "--out", "x.pdf", keys=new)  # fmt: skip
    assert code == 1
    assert err.startswith("parentbot: no child called 'Leo'")

    erase = asyncio.run(terminal.chat("/delete", "1", keys=new))
    assert "erased" in erase
    assert not chart.exists()
    left = rows_left(terminal)
    assert {name: n for name, n in left.items() if n} == {"key_check": 1}, left
