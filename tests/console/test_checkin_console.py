"""Check-ins in the terminal chat, stdin piped (in-process: ``tests/support/console.py``).

Birth dates are set relative to today (the chat uses the real clock), with a few days'
margin so the age in months cannot change around midnight or a time-zone boundary.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain import suggestions
from bot.domain.age import add_months
from bot.flows.checkin import plan as checkin_plan
from tests.support.console import Terminal
from tests.support.context import KB


def born_months_ago(months: int) -> str:
    today = datetime.now(UTC).date()
    return (add_months(today, -months) - timedelta(days=5)).isoformat()


async def chat(tmp_path: Path, lines: list[str]) -> str:
    return await Terminal(tmp_path).chat(*lines)


def first_sitting(checklist_age: int) -> list[str]:
    """What a first check-in asks: earlier red-flag items caught up, then this age's items."""
    return checkin_plan.sitting(checkin_plan.questions_for(checklist_age, (), KB))


async def test_ten_month_old_check_in_with_one_not_yet_names_the_activity(tmp_path: Path) -> None:
    asked = first_sitting(9)
    behind = KB.milestone("hand_to_hand_transfer")
    answers = ["not yet" if mid == behind.id else "yes" for mid in asked]
    lines = ["/start", "Mila", born_months_ago(10), "no", "/checkin", *answers, "no"]
    out = await chat(tmp_path, [*lines, "Ideas to try at home"])  # a button of the result
    assert "Mila is 10 months old." in out
    assert "9-month questions" in out
    assert f"{len(asked)} of {len(asked) + 1}" in out
    assert "stopped doing something" in out  # the lost-skills question, every check-in
    assert "Fine motor (hands and fingers): worth raising with the doctor" in out
    assert "developmental screening" in out
    assert "in the US, Early Intervention; in the UK, your health visitor" in out
    suggested = [a.title for a in suggestions.for_milestone(behind.id, 10, KB)]
    assert any(f"{title}: " in out for title in suggested)


async def test_preterm_baby_then_a_lost_skill_is_urgent_at_once_in_the_terminal(
    tmp_path: Path,
) -> None:
    plan = checkin_plan.questions_for(6, (), KB)
    six = checkin_plan.sitting(plan)
    rest = plan[len(six) :]
    start = ["/start", "Leo", born_months_ago(9), "1", "32"]
    # "Yes" (button 1) to every question, then "No" (button 2) to the lost-skills one; the
    # questions left over by the cap come next, through "Continue" (button 1).
    first_checkin = ["/checkin", *["1"] * len(six), "2", "/checkin", "1", *["1"] * len(rest), "2"]
    out = await chat(tmp_path, [*start, *first_checkin, "/checkin", "Not yet"])
    first, more, second = out.split("> /checkin\n")[1:]
    assert "Using Leo's corrected age, 7 months" in first
    assert "6-month questions" in first
    assert KB.milestone(six[0]).question.replace("{child}", "Leo") in first
    assert f"There are {len(rest)} more questions" in first
    assert "on track" in first
    assert "Continue where you stopped" in more
    urgent = second.split("> Not yet\n", 1)[1]
    assert urgent.startswith("Urgent.")
    assert "as soon as possible" in urgent.split("\n\n")[0]
    assert "2 of " in urgent


async def test_a_worry_in_the_terminal_knows_the_childs_age(tmp_path: Path) -> None:
    lines = [
        "/start",
        "Bea",
        born_months_ago(8),
        "no",
        "His thumbs are always tucked in his fists",
    ]
    answer = (await chat(tmp_path, lines)).split("> His thumbs are always tucked in his fists\n")[
        1
    ]
    assert answer.split("\n")[1].startswith("Bea is 8 months: hands mostly in fists")
    assert "after 7 months is worth a call to the doctor soon" in answer
    assert "Try one idea this week" not in answer
    assert "What next? Who to contact: Bea's doctor soon" in answer
