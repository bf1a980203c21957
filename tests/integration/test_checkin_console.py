"""Check-ins in the terminal chat as a user runs it: ``parentbot chat`` with stdin piped.

Birth dates are set relative to today (the chat uses the real clock), with a few days'
margin so the age in months cannot change around midnight or a time-zone boundary.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.age import add_months
from bot.flows import suggestions
from knowledge.loader import default_knowledge
from tests.support.cli import parentbot, sqlite_url

KB = default_knowledge()


def born_months_ago(months: int) -> str:
    today = datetime.now(UTC).date()
    return (add_months(today, -months) - timedelta(days=5)).isoformat()


def chat(tmp_path: Path, lines: list[str]) -> str:
    stdin = "\n".join(lines) + "\n"
    done = parentbot("chat", "--db", sqlite_url(tmp_path), stdin=stdin, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def test_ten_month_old_check_in_with_one_not_yet_names_the_activity(tmp_path: Path) -> None:
    nine = [m.id for m in KB.milestones if m.checklist_age == 9]
    behind = KB.milestone("hand_to_hand_transfer")
    answers = ["not yet" if mid == behind.id else "yes" for mid in nine]
    out = chat(tmp_path, ["/start", "Mila", born_months_ago(10), "no", "/checkin", *answers])
    assert "Mila is 10 months old." in out
    assert "9-month questions" in out
    assert f"{len(nine)} of {len(nine)}" in out
    assert "Fine motor (hands and fingers): worth raising with the doctor" in out
    assert "developmental screening" in out
    suggested = [a.title for a in suggestions.for_milestone(behind.id, 10, KB)]
    assert any(f"{title}: " in out for title in suggested)


def test_preterm_baby_then_a_lost_skill_is_urgent_at_once_in_the_terminal(
    tmp_path: Path,
) -> None:
    six = [m.id for m in KB.milestones if m.checklist_age == 6]
    start = ["/start", "Leo", born_months_ago(9), "1", "32"]
    first_checkin = ["/checkin", *["1"] * len(six)]  # button 1, "Yes", to every question
    out = chat(tmp_path, [*start, *first_checkin, "/checkin", "Not yet"])
    first, second = out.split("> /checkin\n")[1:]
    assert "Using Leo's corrected age, 7 months" in first
    assert "6-month questions" in first
    assert KB.milestone(six[0]).question.replace("{child}", "Leo") in first
    assert "on track" in first
    urgent = second.split("> Not yet\n", 1)[1]
    assert urgent.startswith("Urgent.")
    assert "as soon as possible" in urgent.split("\n\n")[0]
    assert f"2 of {len(six)}" in urgent
