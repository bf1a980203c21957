"""Issue 10's examples in the terminal chat: as a first message, and typed mid-check-in.

The console adapter runs in-process over a real SQLite database, with the engine's clock
fixed, so the child is exactly 9 months old and the check-in is the 9-month one.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime

import pytest

from bot.console import run_console
from bot.engine.dialog import DialogEngine
from knowledge.loader import default_knowledge
from storage.uow import Store
from tests.support.danger_examples import EXAMPLES, check_answer, ids

ONBOARD = ["/start", "Leo", "2026-02-10", "no"]  # 9 months old on 21 November 2026


async def transcript(store: Store, clock: Callable[[], datetime], lines: list[str]) -> str:
    out = io.StringIO()
    engine = DialogEngine(store, default_knowledge(), clock)
    await run_console(engine, stdin=io.StringIO("\n".join(lines) + "\n"), out=out)
    return out.getvalue()


def after(out: str, line: str, occurrence: int = 1) -> str:
    """What the chat printed in answer to the ``occurrence``-th time ``line`` was typed."""
    return out.split(f"> {line}\n")[occurrence].split("\n> ", 1)[0]


@pytest.mark.parametrize(("text", "level"), EXAMPLES, ids=[ids(e) for e in EXAMPLES])
async def test_each_example_gets_its_level_first_and_mid_check_in(
    store: Store, clock: Callable[[], datetime], text: str, level: str
) -> None:
    out = await transcript(store, clock, [*ONBOARD, text, "/checkin", "yes", text])
    check_answer(after(out, text, 1), level)
    mid = after(out, text, 2)
    check_answer(mid, level)
    if level == "concern":
        assert "Continue the check-in" not in mid
    else:
        assert "Continue the check-in" in mid  # the question waits behind the button
