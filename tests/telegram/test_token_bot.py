"""A token Telegram rejects (issue 16, failure 5): ``parentbot run`` printed it in clear in a
raw traceback (``InvalidToken: The token '987654321:...' was rejected``), past the logger
that redacts it. Now it stops with one line naming the setting, and the token nowhere."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from storage.crypto import new_key
from tests.support.cli import PARENTBOT, sqlite_url
from tests.support.fake_telegram import FakeTelegram
from tests.support.harness import free_port

pytestmark = pytest.mark.e2e

#: Well formed, so settings accept it; not the stand-in's, so it answers 401 Unauthorized.
REJECTED = "987654321:ZZZZ-rejected-token-secret-part_xyz"


@pytest.mark.parametrize("webhook", [False, True])
async def test_a_rejected_token_stops_the_bot_with_one_line_and_no_token(
    tg: FakeTelegram, tmp_path: Path, webhook: bool
) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ENCRYPTION_KEYS"}},
        "TELEGRAM_BOT_TOKEN": REJECTED,
        "BOT_API_BASE_URL": tg.base_url,
        "BOT_API_BASE_FILE_URL": tg.base_file_url,
        "DATABASE_URL": sqlite_url(tmp_path),
        "ENCRYPTION_KEYS": new_key(),
        "WEBHOOK_URL": "https://example.org/telegram",
        "WEBHOOK_SECRET": "s3cret-Token_1",
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(free_port()),
    }
    args = ["run", "--webhook"] if webhook else ["run"]
    process = await asyncio.create_subprocess_exec(
        PARENTBOT, *args, cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    stderr = err.decode()
    assert process.returncode == 2
    assert "TELEGRAM_BOT_TOKEN was rejected by Telegram" in stderr
    assert "Traceback" not in stderr
    secret = REJECTED.split(":", 1)[1]
    assert secret not in stderr
    assert secret not in out.decode()
    last = stderr.strip().splitlines()[-1]
    assert last == "parentbot: TELEGRAM_BOT_TOKEN was rejected by Telegram: check the token"
