"""``/summary``, ``/delete``, ``parentbot summary`` and ``parentbot db rotate-key`` as a user
runs them: the terminal chat and the command as subprocesses, stdin piped."""

from __future__ import annotations

import asyncio
import io
import subprocess
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import func, select

from bot.console import CONSOLE_CHAT_ID
from bot.domain.age import age_on
from storage.crypto import Cipher, new_key
from storage.models import Base
from storage.repositories import FamilyDefaults
from storage.uow import Store
from tests.support.cli import parentbot, sqlite_url

BORN = date.today() - timedelta(days=300)  # about 10 months old


def run(
    tmp_path: Path, *args: str, stdin: str = "", keys: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {"ENCRYPTION_KEYS": keys} if keys else None
    return parentbot(*args, stdin=stdin, cwd=tmp_path, env=env)


def url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path)


def two_checkins(tmp_path: Path) -> None:
    """Two check-ins' answers, written as the check-in flow writes them, the second with a
    regression ("yes" at 9 months, "not yet" weeks later)."""
    cipher = Cipher((tmp_path / "data" / "sprout.key").read_text().split())

    async def write() -> None:
        store = Store(url(tmp_path), cipher, FamilyDefaults("UTC", 10))
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
                    uow.observations.add(
                        family.id, child_id=child.id, milestone_id=milestone,
                        answer=codes[code], observed_on=day, age_months=months, checklist_age=9,
                    )  # fmt: skip
            await uow.commit()
        await store.close()

    asyncio.run(write())


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def rows_left(tmp_path: Path) -> dict[str, int]:
    async def count() -> dict[str, int]:
        store = Store(url(tmp_path), Cipher([new_key()]), FamilyDefaults("UTC", 10))
        async with store.engine.connect() as conn:
            counts = {
                t.name: (await conn.execute(select(func.count()).select_from(t))).scalar_one()
                for t in Base.metadata.sorted_tables
            }
        await store.close()
        return counts

    return asyncio.run(count())


def test_summary_in_the_terminal_then_the_command_then_delete(tmp_path: Path) -> None:
    onboarding = f"/start\nMila\n{BORN.isoformat()}\nno\nshe still isn't walking\n"
    start = run(tmp_path, "chat", "--db", url(tmp_path), stdin=onboarding)
    assert start.returncode == 0, start.stderr
    two_checkins(tmp_path)

    # Buttons by number: 3 = everything, 1 = both fine and gross motor.
    chat = run(tmp_path, "chat", "--db", url(tmp_path), stdin="/summary\n3\n1\n")
    assert chat.returncode == 0, chat.stderr
    out = chat.stdout
    for part in ("Motor development summary: Mila", "Loss of skills reported (regression)",
                 "⚠ REGRESSION", "Check-in for 9 months", "she still isn't walking",
                 "not a medical assessment"):  # fmt: skip
        assert part in out
    name = f"sprout-summary-Mila-{date.today().isoformat()}.pdf"
    assert f"[file saved: data/files/{name}]" in out
    text = pdf_text(tmp_path / "data" / "files" / name)
    assert "Mila" in text
    assert "REGRESSION" in text
    assert "yes (" in text  # the chart's answers
    assert "not sure (" in text

    # Rotate to a new key, then the command reads everything with the new key alone.
    old = (tmp_path / "data" / "sprout.key").read_text().strip()
    new = new_key()
    rotated = run(tmp_path, "db", "rotate-key", "--db", url(tmp_path), keys=f"{new},{old}")
    assert rotated.returncode == 0, rotated.stderr
    assert "family keys: 1 re-wrapped" in rotated.stdout
    made = run(tmp_path, "summary", "--db", url(tmp_path), "--chat-id", str(CONSOLE_CHAT_ID),
               "--child", "mila", "--out", "doctor.pdf", keys=new)  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "REGRESSION" in pdf_text(tmp_path / "doctor.pdf")
    missing = run(tmp_path, "summary", "--db", url(tmp_path), "--chat-id", "0",
                  "--child", "Leo", "--out", "x.pdf", keys=new)  # fmt: skip
    assert missing.returncode == 1
    assert missing.stderr.startswith("parentbot: no child called 'Leo'")

    erase = run(tmp_path, "chat", "--db", url(tmp_path), stdin="/delete\n1\n", keys=new)
    assert "erased" in erase.stdout
    left = rows_left(tmp_path)
    assert {name: n for name, n in left.items() if n} == {"key_check": 1}, left
