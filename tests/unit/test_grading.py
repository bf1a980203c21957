"""Grading rules, on synthetic milestones (rules, not content) and on the shipped content."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.flows.base import Answer
from bot.flows.grading import LEVELS, Reason, grade, judge, worst
from knowledge.loader import KnowledgeBase, default_knowledge
from knowledge.models import Milestone, WhoWindow

ANSWERS: tuple[Answer, ...] = ("yes", "not_yet", "not_sure")


def milestone(mid: str = "skill", **fields: Any) -> Milestone:
    base: dict[str, Any] = {
        "kind": "milestone",
        "id": mid,
        "title": mid.replace("_", " ").title(),
        "domain": "gross",
        "checklist_age": 9,
        "most_by_months": 9,
        "question": "Does {child} do it?",
        "confidence": "high",
        "reviewed": date(2026, 11, 21),
    }
    return Milestone(**{**base, **fields})


WHO = WhoWindow(p1_months=3.8, p99_months=9.2, criterion="sits alone ten seconds or more")


def reason(m: Milestone, answer: Answer, age: int, yes_before: bool = False) -> Reason:
    return judge(m, answer, age, answered_yes_before=yes_before).reason


def test_yes_is_on_track_and_not_sure_is_watch_whatever_the_age() -> None:
    m = milestone(red_flag_after_months=9, who_window=WHO)
    assert reason(m, "yes", 30) is Reason.YES
    assert reason(m, "not_sure", 30) is Reason.NOT_SURE
    assert judge(m, "not_sure", 30, answered_yes_before=True).level == "watch"


def test_not_yet_before_most_children_is_watch() -> None:
    assert reason(milestone(most_by_months=10), "not_yet", 9) is Reason.EMERGING


def test_not_yet_once_most_children_do_it_is_discuss() -> None:
    found = judge(milestone(most_by_months=9), "not_yet", 9, answered_yes_before=False)
    assert (found.reason, found.level) == (Reason.MISSED, "discuss")


def test_past_the_who_99th_percentile_is_prompt_strictly_after_it() -> None:
    m = milestone(who_window=WHO)
    assert reason(m, "not_yet", 9) is Reason.MISSED  # 9.2 is not below 9
    assert reason(m, "not_yet", 10) is Reason.PAST_WHO_P99
    assert judge(m, "not_yet", 10, answered_yes_before=False).level == "prompt"


def test_red_flag_is_prompt_from_its_age_on() -> None:
    m = milestone(red_flag_after_months=10, most_by_months=6)
    assert reason(m, "not_yet", 9) is Reason.MISSED
    assert reason(m, "not_yet", 10) is Reason.RED_FLAG


def test_regression_outranks_everything_else() -> None:
    m = milestone(red_flag_after_months=4, who_window=WHO)
    found = judge(m, "not_yet", 12, answered_yes_before=True)
    assert (found.reason, found.level) == (Reason.REGRESSION, "urgent")
    assert reason(milestone(most_by_months=20), "not_yet", 9, yes_before=True) is Reason.REGRESSION


def test_domains_are_graded_apart_and_each_takes_its_most_serious_answer() -> None:
    kb = KnowledgeBase(
        entries=(
            milestone("walks"),
            milestone("sits", who_window=WHO),
            milestone("grasps", domain="fine"),
            milestone("pokes", domain="fine"),
        ),
        sources={},
    )
    result = grade(
        {"walks": "yes", "sits": "not_yet", "grasps": "not_sure", "pokes": "yes"}, kb, 10, ()
    )
    levels = {d.domain: d.level for d in result.domains}
    assert levels == {"gross": "prompt", "fine": "watch"}
    assert result.level == "prompt"
    gross = result.domains[0]
    assert [f.milestone.id for f in gross.behind] == ["sits"]


def test_a_domain_not_asked_is_left_out_and_unknown_ids_are_skipped() -> None:
    kb = KnowledgeBase(entries=(milestone("grasps", domain="fine"),), sources={})
    result = grade({"grasps": "yes", "gone_from_content": "not_yet"}, kb, 72, ())
    assert [d.domain for d in result.domains] == ["fine"]
    assert result.level == "on_track"


def test_worst_follows_the_design_order() -> None:
    assert LEVELS == ("on_track", "watch", "discuss", "prompt", "urgent", "emergency")
    assert worst([]) == "on_track"
    assert worst(["watch", "urgent", "discuss"]) == "urgent"


def test_shipped_content_sitting_at_ten_months_is_prompt() -> None:
    kb = default_knowledge()
    found = judge(kb.milestone("sits_unsupported"), "not_yet", 10, answered_yes_before=False)
    assert found.level == "prompt"


@given(
    age=st.integers(min_value=2, max_value=84),
    picks=st.lists(st.tuples(st.integers(0, 500), st.sampled_from(ANSWERS), st.booleans())),
)
def test_grade_invariants_on_shipped_content(
    age: int, picks: list[tuple[int, Answer, bool]]
) -> None:
    kb = default_knowledge()
    milestones = kb.milestones
    answers = {milestones[i % len(milestones)].id: a for i, a, _ in picks}
    yes_before = {milestones[i % len(milestones)].id for i, _, before in picks if before}
    result = grade(answers, kb, age, yes_before)
    assert result.level != "emergency"
    assert result.level == worst(f.level for f in result.findings)
    regressed = any(a == "not_yet" and mid in yes_before for mid, a in answers.items())
    assert (result.level == "urgent") == regressed
    if all(a == "yes" for a in answers.values()):
        assert result.level == "on_track"
    for domain in result.domains:
        assert all(f.milestone.domain == domain.domain for f in domain.findings)


@pytest.mark.parametrize("answer", ANSWERS)
def test_levels_of_yes_and_not_sure_never_depend_on_history(answer: Answer) -> None:
    m = milestone(red_flag_after_months=2)
    before = judge(m, answer, 30, answered_yes_before=True).level
    assert (before == "urgent") == (answer == "not_yet")
