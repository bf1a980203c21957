"""A lost skill typed mid-check-in in the terminal chat (stdin piped, in-process):
answered at once, the check-in paused until "Continue the check-in", its result urgent, and
the worry in /summary with its level and date."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.domain.dates import format_date
from knowledge.signs import default_danger_signs
from tests.console.test_checkin_console import born_months_ago, chat, first_sitting

ROLLED = "he could roll over last month but now he can't anymore"


async def test_a_lost_skill_typed_mid_check_in_in_the_terminal(tmp_path: Path) -> None:
    asked = first_sitting(9)  # issue 11: earlier red-flag items caught up, then this age's
    start = ["/start", "Leo", born_months_ago(9), "no", "/checkin"]
    summary = ["/summary", "Everything", "Both: hands and big movements"]
    answers = [*["yes"] * len(asked), "no"]  # "no" to the lost-skills question
    lines = [*start, ROLLED, "Continue the check-in", *answers, *summary]
    days = {format_date(datetime.now(UTC).date())}
    out = await chat(tmp_path, lines)
    days.add(format_date(datetime.now(UTC).date()))  # the chat may have crossed midnight
    paused = out.split(f"> {ROLLED}\n", 1)[1].split("> Continue the check-in\n", 1)[0]
    assert paused.startswith(default_danger_signs().answers.urgent)
    assert "Continue the check-in" in paused
    assert "Please answer Yes" not in paused
    resumed = out.split("> Continue the check-in\n", 1)[1]
    assert resumed.startswith(f"1 of {len(asked) + 1}")  # the same question again
    result = resumed.split("> /summary\n", 1)[0]
    assert f"“{ROLLED}”: a sign like this" in result
    assert "Next step: Please contact Leo's doctor as soon as possible" in result
    report = resumed.split("> /summary\n", 1)[1]
    assert any(f"“{ROLLED}” ({day}; level: urgent; topic:" in report for day in days)
