"""Grading rules, on synthetic milestones (rules, not content) and on the shipped content."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.age import AgeClock, add_months
from bot.domain.views import Answer
from bot.flows.checkin.grading import LEVELS, Reason, grade, judge, not_yet_ladder, worst
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


TODAY = date(2026, 11, 15)


def at(months: int, days: int = 0, weeks: int | None = None) -> AgeClock:
    """A child exactly ``months`` and ``days`` old today (``weeks``: born at that gestation)."""
    birth = add_months(TODAY, -months) - timedelta(days=days)
    return AgeClock(birth, weeks, TODAY)


def reason(m: Milestone, answer: Answer, age: int, yes_before: bool = False) -> Reason:
    return judge(m, answer, at(age), answered_yes_before=yes_before).reason


def test_yes_is_on_track_and_not_sure_is_watch_whatever_the_age() -> None:
    m = milestone(red_flag_after_months=9, who_window=WHO)
    assert reason(m, "yes", 30) is Reason.YES
    assert reason(m, "not_sure", 8) is Reason.NOT_SURE
    assert judge(m, "not_sure", at(30), answered_yes_before=True).level == "watch"


def test_not_yet_before_most_children_is_watch() -> None:
    assert reason(milestone(most_by_months=10), "not_yet", 9) is Reason.EMERGING


def test_not_yet_once_most_children_do_it_is_discuss() -> None:
    found = judge(milestone(most_by_months=9), "not_yet", at(9), answered_yes_before=False)
    assert (found.reason, found.level) == (Reason.MISSED, "discuss")


def test_past_the_who_99th_percentile_is_prompt_from_that_exact_day() -> None:
    m = milestone(who_window=WHO)
    assert reason(m, "not_yet", 9) is Reason.MISSED  # 9 months 0 days: not yet 9.2
    # 9.2 months is 9 months and 6 days; the completed months (9) would hide it.
    assert judge(m, "not_yet", at(9, 5), answered_yes_before=False).reason is Reason.MISSED
    assert judge(m, "not_yet", at(9, 6), answered_yes_before=False).reason is Reason.PAST_WHO_P99
    assert judge(m, "not_yet", at(9, 25), answered_yes_before=False).level == "prompt"


def test_red_flag_is_prompt_from_its_age_on() -> None:
    m = milestone(red_flag_after_months=10, most_by_months=6)
    assert reason(m, "not_yet", 9) is Reason.MISSED
    assert reason(m, "not_yet", 10) is Reason.RED_FLAG


def test_regression_outranks_everything_else() -> None:
    m = milestone(red_flag_after_months=4, who_window=WHO)
    found = judge(m, "not_yet", at(12), answered_yes_before=True)
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
        {"walks": "yes", "sits": "not_yet", "grasps": "not_sure", "pokes": "yes"}, kb, at(10), ()
    )
    levels = {d.domain: d.level for d in result.domains}
    assert levels == {"gross": "prompt", "fine": "watch"}
    assert result.level == "prompt"
    gross = result.domains[0]
    assert [f.milestone.id for f in gross.behind] == ["sits"]


def test_a_domain_not_asked_is_left_out_and_unknown_ids_are_skipped() -> None:
    kb = KnowledgeBase(entries=(milestone("grasps", domain="fine"),), sources={})
    result = grade({"grasps": "yes", "gone_from_content": "not_yet"}, kb, at(72), ())
    assert [d.domain for d in result.domains] == ["fine"]
    assert result.level == "on_track"


def test_worst_follows_the_design_order() -> None:
    assert LEVELS == ("on_track", "watch", "discuss", "prompt", "urgent", "emergency")
    assert worst([]) == "on_track"
    assert worst(["watch", "urgent", "discuss"]) == "urgent"


def test_shipped_content_sitting_at_ten_months_is_prompt() -> None:
    kb = default_knowledge()
    found = judge(kb.milestone("sits_unsupported"), "not_yet", at(10), answered_yes_before=False)
    assert found.level == "prompt"


# --- issue 11: red flags at the check-in where they are asked ----------------------------


SOON, SAME_DAY = (Reason.RED_FLAG, "prompt"), (Reason.SAME_DAY, "urgent")


@pytest.mark.parametrize(
    ("mid", "months", "expected"),
    [
        ("sits_unsupported", 9, SOON),  # was "worth raising" at 9 and "soon" only at 12
        ("stands_holding_on", 10, SOON),  # was 10.5: flagged only from the 12-month check-in
        ("moves_all_limbs", 2, SAME_DAY),  # asymmetry: was the weakest level; same day (review)
        ("uses_both_sides", 2, SOON),
        ("body_tone_typical", 2, SAME_DAY),  # floppy or stiff: same day (pediatrician's review)
        ("hands_mostly_open", 4, SOON),
    ],
)
def test_shipped_red_flags_fire_on_the_day_they_are_reached(
    mid: str, months: int, expected: tuple[Reason, str]
) -> None:
    m = default_knowledge().milestone(mid)
    found = judge(m, "not_yet", at(months), answered_yes_before=False)
    assert (found.reason, found.level) == expected
    before = judge(m, "not_yet", at(months - 1, 27), answered_yes_before=False).level
    assert before not in ("prompt", "urgent")


def test_red_flag_age_counts_corrected_age_to_the_day() -> None:
    m = default_knowledge().milestone("sits_unsupported")
    # Born 8 weeks early and 11 months old: corrected age 9 months and a few days.
    clock = AgeClock(add_months(TODAY, -11), 32, TODAY)
    assert clock.age.months == 9
    assert judge(m, "not_yet", clock, answered_yes_before=False).reason is Reason.RED_FLAG
    early = AgeClock(add_months(TODAY, -10), 32, TODAY)  # corrected 8 months
    assert judge(m, "not_yet", early, answered_yes_before=False).reason is Reason.EMERGING


def test_not_sure_on_a_red_flag_item_past_its_age_is_look_this_week() -> None:
    m = milestone(red_flag_after_months=9, most_by_months=9)
    assert reason(m, "not_sure", 8) is Reason.NOT_SURE
    found = judge(m, "not_sure", at(9), answered_yes_before=False)
    assert (found.reason, found.level) == (Reason.LOOK_THIS_WEEK, "watch")


def test_the_ladder_never_steps_down_and_keeps_the_most_serious_step_of_an_age() -> None:
    # most 9, flag 9, WHO p99 9.2, long overdue 12
    sits = default_knowledge().milestone("sits_unsupported")
    assert not_yet_ladder(sits) == (
        (0.0, Reason.EMERGING),
        (9, Reason.RED_FLAG),
        (12, Reason.OVERDUE),
    )
    # p99 17.6, most and flag 18, long overdue 21
    walks = default_knowledge().milestone("walks_independently")
    assert not_yet_ladder(walks) == (
        (0.0, Reason.EMERGING),
        (17.6, Reason.PAST_WHO_P99),
        (21, Reason.OVERDUE),
    )


# --- issue 11: misses add up --------------------------------------------------------------


def _kb(*entries: Milestone) -> KnowledgeBase:
    return KnowledgeBase(entries=entries, sources={})


def test_one_miss_is_discuss_and_two_in_one_domain_raise_the_check_in_to_prompt() -> None:
    kb = _kb(milestone("aaa"), milestone("bbb"), milestone("ccc"))
    one = grade({"aaa": "not_yet", "bbb": "yes", "ccc": "yes"}, kb, at(9), ())
    assert (one.level, one.raised_by) == ("discuss", ())
    two = grade({"aaa": "not_yet", "bbb": "not_yet", "ccc": "yes"}, kb, at(9), ())
    assert two.level == "prompt"
    assert [r.id for r in two.raised_by] == ["several_in_one_domain"]
    assert {d.level for d in two.domains} == {"discuss"}  # each item alone is a miss


def test_misses_in_both_domains_raise_the_check_in_to_prompt() -> None:
    kb = _kb(milestone("aaa"), milestone("bbb", domain="fine"))
    result = grade({"aaa": "not_yet", "bbb": "not_yet"}, kb, at(9), ())
    assert result.level == "prompt"
    assert [r.id for r in result.raised_by] == ["both_domains"]


def test_emerging_and_not_sure_answers_are_not_misses() -> None:
    kb = _kb(
        milestone("aaa", most_by_months=12), milestone("bbb"), milestone("ccc", domain="fine")
    )
    result = grade({"aaa": "not_yet", "bbb": "not_sure", "ccc": "not_sure"}, kb, at(9), ())
    assert (result.level, result.raised_by) == ("watch", ())


def test_everything_not_yet_at_two_months_is_not_one_miss() -> None:
    kb = default_knowledge()
    two = {m.id: "not_yet" for m in kb.milestones if m.checklist_age == 2}
    result = grade(two, kb, at(2), ())  # type: ignore[arg-type]
    assert result.level == "urgent"  # not moving all limbs, a floppy or stiff body: today
    assert {r.id for r in result.raised_by} == {"several_in_one_domain", "both_domains"}


def test_lost_skills_make_the_check_in_urgent() -> None:
    kb = _kb(milestone("aaa"))
    assert grade({"aaa": "yes"}, kb, at(9), (), lost_skills=True).level == "urgent"


@given(
    age=st.integers(min_value=2, max_value=84),
    days=st.integers(min_value=0, max_value=27),
    picks=st.lists(st.tuples(st.integers(0, 500), st.sampled_from(ANSWERS), st.booleans())),
)
def test_grade_invariants_on_shipped_content(
    age: int, days: int, picks: list[tuple[int, Answer, bool]]
) -> None:
    kb = default_knowledge()
    milestones = kb.milestones
    answers = {milestones[i % len(milestones)].id: a for i, a, _ in picks}
    yes_before = {milestones[i % len(milestones)].id for i, _, before in picks if before}
    result = grade(answers, kb, at(age, days), yes_before)
    assert result.level != "emergency"
    raised = [r.level for r in result.raised_by]
    assert result.level == worst([*(f.level for f in result.findings), *raised])
    assert result.level == "on_track" or any(f.level != "on_track" for f in result.findings)
    regressed = any(a == "not_yet" and mid in yes_before for mid, a in answers.items())
    same_day = any(f.reason in (Reason.SAME_DAY, Reason.OVERDUE) for f in result.findings)
    assert (result.level == "urgent") == (regressed or same_day)
    if all(a == "yes" for a in answers.values()):
        assert result.level == "on_track"
    for domain in result.domains:
        assert all(f.milestone.domain == domain.domain for f in domain.findings)


@pytest.mark.parametrize("answer", ANSWERS)
def test_levels_of_yes_and_not_sure_never_depend_on_history(answer: Answer) -> None:
    m = milestone(red_flag_after_months=2)
    before = judge(m, answer, at(30), answered_yes_before=True).level
    assert (before == "urgent") == (answer == "not_yet")


# --- clinical review: a red flag long overdue is urgent, not only "soon" -------------------


@pytest.mark.parametrize(
    ("mid", "flag", "overdue"),
    [
        ("head_steady_when_held", 4, 6),  # NICHD, Healthwise: head lag past 5-6 months
        ("rolls_tummy_to_back", 7, 9),  # Noritz 2013: rolls both ways by 9 months
    ],
)
def test_a_red_flag_long_overdue_is_urgent(mid: str, flag: int, overdue: int) -> None:
    m = default_knowledge().milestone(mid)
    assert judge(m, "not_yet", at(flag), answered_yes_before=False).level == "prompt"
    assert judge(m, "not_yet", at(overdue - 1, 27), answered_yes_before=False).level == "prompt"
    found = judge(m, "not_yet", at(overdue), answered_yes_before=False)
    assert (found.reason, found.level) == (Reason.OVERDUE, "urgent")


def test_no_head_control_and_no_rolling_at_nine_months_make_the_check_in_urgent() -> None:
    """The review's case: "not yet" for both at the 9-month check-in was "talk to the doctor
    soon", though both have been red flags since about 4 and 7 months."""
    kb = default_knowledge()
    answers: dict[str, Answer] = {
        "head_steady_when_held": "not_yet",
        "rolls_tummy_to_back": "not_yet",
    }
    assert grade(answers, kb, at(9), ()).level == "urgent"
