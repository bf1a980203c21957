"""Issue 12: nothing unsafe for the child's age, and safety lines always reach the parent.

Drives the pure choosing and rendering code at every checklist age with every skill behind,
then reads what a parent would see.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from bot.domain import suggestions
from bot.domain.age import AgeClock, add_months
from bot.domain.replies import say
from bot.domain.views import ChildView, ObservationView
from bot.flows.checkin import result as checkin_result
from bot.flows.checkin.grading import Reason, grade, judge
from bot.flows.checkin.guidance import reason
from bot.flows.topics import ChildAge, by_priority, render_entry
from bot.summary.build import ReportOptions, build_report
from bot.summary.text import summary_messages
from knowledge.check import STAY_WITH_CHILD, UNDER_THREE
from knowledge.loader import default_knowledge
from knowledge.matcher import Matcher
from knowledge.models import (
    CHECKLIST_AGES,
    Activity,
    Adaptation,
    AdaptationExample,
    Concern,
    Condition,
)
from tests.support.context import KB, TODAY

TASKS = ("eating", "dressing", "drawing", "play", "hygiene", "school")


def at(months: int) -> AgeClock:
    """A child ``months`` old today, with a few days to spare (past the month, not a week in)."""
    return AgeClock(add_months(TODAY, -months) - timedelta(days=3), None, TODAY)


def mila(months: int) -> ChildAge:
    return ChildAge("Mila", at(months))


def plain(parts: list) -> str:
    return say(*parts).plain


def offered(age: int) -> list[Activity]:
    """Every activity the suggestions can offer at ``age``, for any skill behind."""
    chosen = [a for m in KB.milestones for a in suggestions.for_milestone(m.id, age, KB)]
    chosen += suggestions.core_activities(KB.milestones, age, KB)
    return suggestions.unique(chosen)


def examples_offered(age: int) -> list[AdaptationExample]:
    ids = [m.id for m in KB.milestones]
    found = [suggestions.adaptation_for(task, ids, KB, age) for task in TASKS]  # type: ignore[arg-type]
    listed = [e for a in KB.adaptations for e in a.examples_for(age)]
    return [f[1] for f in found if f] + listed


def is_safe_at(hazards: tuple[str, ...], safety: str | None, age: int) -> bool:
    note = (safety or "").lower()
    old_enough = all(KB.hazards[h].min_months <= age for h in hazards)
    said = all(KB.hazards[h].sentence.lower() in note for h in hazards)
    return old_enough and said and (age >= UNDER_THREE or STAY_WITH_CHILD in note)


@pytest.mark.parametrize("age", CHECKLIST_AGES)
def test_no_activity_offered_is_below_its_hazards_and_under_threes_are_stayed_with(
    age: int,
) -> None:
    shown = offered(age)
    assert shown
    unsafe = [a.id for a in shown if not is_safe_at(a.hazards, a.safety, age)]
    assert unsafe == []


@pytest.mark.parametrize("age", CHECKLIST_AGES)
def test_no_adaptation_example_offered_is_below_its_hazards(age: int) -> None:
    unsafe = [e.text for e in examples_offered(age) if not is_safe_at(e.hazards, e.safety, age)]
    assert unsafe == []


def test_an_activity_is_never_offered_below_its_own_minimum_age() -> None:
    # Scissor snips practise a 5-year skill but start at 3: a late 30-month-old is not given them.
    assert KB.by_id["scissor_snips"] not in offered(30)
    assert all(a.min_months <= 18 for a in offered(18))


def example(adaptation_id: str, task: str, age: int) -> AdaptationExample:
    entry = KB.by_id[adaptation_id]
    assert isinstance(entry, Adaptation)
    return next(e for e in entry.examples_for(age) if e.task == task)


def test_adaptation_examples_are_chosen_by_age() -> None:
    assert "pencil grip" not in example("extending_enlarging", "drawing", 18).text
    assert "chunky crayons" in example("extending_enlarging", "drawing", 18).text
    equipment = KB.by_id["adaptive_equipment"]
    assert isinstance(equipment, Adaptation)
    assert not any("rocker knife" in e.text for e in equipment.examples_for(18))
    assert any("rocker knife" in e.text for e in equipment.examples_for(48))


def all_text() -> str:
    parts: list[str] = []
    for a in KB.activities:
        parts += [a.title, a.summary, *a.materials, *a.steps]
    for ad in KB.adaptations:
        parts += [e.text for e in ad.examples]
    for c in KB.concerns:
        parts += list(c.home_tips)
    return "\n".join(parts).lower()


@pytest.mark.parametrize(
    "unsafe",
    ["magnet", "trampoline", "cheese cube", "smaller beads", "coins", "marble", "dry pasta"],
)
def test_the_reviewed_hazards_are_gone_from_what_is_suggested(unsafe: str) -> None:
    text = all_text()
    allowed = "rather than a home trampoline" if unsafe == "trampoline" else None
    hits = [line for line in text.splitlines() if unsafe in line and (allowed or "~") not in line]
    assert hits == []


def activity(activity_id: str) -> Activity:
    entry = KB.by_id[activity_id]
    assert isinstance(entry, Activity)
    return entry


def test_salt_dough_spray_bottles_scarves_and_food_carry_their_warnings() -> None:
    assert "salty home-made dough can poison" in (activity("playdough_squeeze_roll").safety or "")
    assert "never reuse a bottle" in (activity("spray_bottle_gardener").safety or "")
    assert "cubes of cheese" in (activity("fork_stab_snack").safety or "")
    assert not re.search(
        r"\bscar(f|ves)\b|\bbags?\b", " ".join(activity("dress_up_box").materials)
    )
    assert activity("scissor_snips").min_months >= 36


def test_check_in_ideas_put_each_safety_note_before_the_summary() -> None:
    answers = {m.id: "not_yet" for m in KB.milestones if m.checklist_age == 12}
    result = grade(answers, KB, at(12), ())  # type: ignore[arg-type]
    reply = checkin_result.ideas(result, 12, KB)
    assert reply is not None
    text = reply.plain
    shown = [a for a in KB.activities if f"{a.title}: " in text]
    assert shown
    for a in shown:
        line = next(ln for ln in text.splitlines() if f"{a.title}: " in ln)
        assert line.index(a.safety or "") < line.index(a.summary), a.id
        assert STAY_WITH_CHILD in line.lower()


def test_topic_answers_keep_every_red_flag_lost_skill_and_safety_line() -> None:
    entries: list[Concern | Condition] = [*KB.concerns, *KB.conditions]
    for entry in entries:
        text = plain(render_entry(entry, KB, mila(10)))
        for line in entry.see_doctor:
            assert line in text, (entry.id, line)
        if isinstance(entry, Concern) and entry.safety:
            assert entry.safety in text, entry.id
    pincer = plain(render_entry(KB.by_id["pincer_grasp"], KB, mila(10)))
    assert "choking risk" in pincer
    assert pincer.index("choking risk") < pincer.index("Talk to the doctor")


def test_the_core_and_shoulders_seed_point_reaches_the_parent() -> None:
    text = plain(render_entry(KB.by_id["proximal_stability"], KB, mila(30)))
    assert "start with the core and shoulders" in text


def test_activity_lines_in_topic_answers_carry_their_safety_note() -> None:
    text = plain(render_entry(KB.by_id["fine_motor_activities"], KB, mila(12)))
    assert text.count("Safety: ") >= 1
    assert STAY_WITH_CHILD in text.lower()


def test_by_priority_never_drops_a_must_show_line() -> None:
    assert by_priority(["a", "b", "c"], ["x", "y"], 2) == ["a", "b", "c"]
    assert by_priority(["a"], ["x", "y", "z"], 3) == ["a", "x", "y"]


def test_the_summary_for_the_doctor_shows_safety_first() -> None:
    born = date(2025, 9, 1)
    observations = (
        ObservationView("pincer_grasp_small_items", "not_yet", date(2026, 9, 2), 12, 12),
    )
    child = ChildView(1, "Mila", born, False, None, observations=observations, concerns=())
    text = "\n".join(
        m.plain
        for m in summary_messages(build_report(child, KB, date(2026, 11, 21), ReportOptions()))
    )
    assert "Safety: " in text
    assert STAY_WITH_CHILD in text.lower()


def test_a_for_information_item_is_never_a_miss_and_says_so() -> None:
    legacy = KB.milestone("legacy_stands_one_foot_10s")
    finding = judge(legacy, "not_yet", at(66), answered_yes_before=False)
    assert finding.reason is Reason.FOR_INFORMATION
    assert finding.level == "watch"
    assert "for information only" in reason(finding, "Mila", 66)
    graded = judge(KB.milestone("hops_one_foot"), "not_yet", at(66), answered_yes_before=False)
    assert graded.reason is Reason.MISSED


def test_a_lost_for_information_skill_is_still_urgent() -> None:
    legacy = KB.milestone("legacy_stands_one_foot_10s")
    assert judge(legacy, "not_yet", at(66), answered_yes_before=True).reason is Reason.REGRESSION


@pytest.mark.parametrize(
    "text",
    ["my son is waddling", "he has big calves", "falls a lot and struggles to get up"],
)
def test_muscular_dystrophy_is_reachable_by_what_parents_notice(text: str) -> None:
    result = Matcher(KB).match(text)
    assert "muscular_dystrophy" in [m.id for m in result.matches[:3]], result


def test_juvenile_arthritis_is_same_day_for_fever_and_a_limp() -> None:
    lines = KB.by_id["juvenile_arthritis"].see_doctor  # type: ignore[union-attr]
    assert any("fever" in line and "same day" in line for line in lines)
    assert any("limp" in line and "same day" in line for line in lines)


def test_dcd_says_it_is_rarely_diagnosed_before_five_and_is_sourced() -> None:
    dcd = KB.by_id["dcd"]
    assert "rarely diagnosed before about age 5" in dcd.summary  # type: ignore[union-attr]
    assert "blank_2019" in dcd.sources


def test_one_sided_has_signs_for_older_children() -> None:
    text = plain(render_entry(KB.by_id["one_sided"], KB, mila(30)))
    assert "older child" in text
    assert "call emergency services" in text


@pytest.mark.parametrize(
    "wording",
    ["helps straight away", "usually help", "builds the skill fastest", "grow out of it"],
)
def test_no_over_promising_wording(wording: str) -> None:
    text = "\n".join(c.summary for c in KB.concerns)
    assert wording not in text


def test_no_game_or_tip_hands_a_child_a_latex_balloon() -> None:
    """Clinical review: balloon volleyball was offered from 3 years and the ball-skills tips
    said "start with a balloon" from 18 months, though latex balloons are the non-food object
    children most often choke on (AAP 2010). A beach ball does the same job."""
    kb = default_knowledge()
    shown = [" ".join((*a.materials, *a.steps)) for a in kb.activities]
    shown += [" ".join(c.home_tips) for c in kb.concerns]
    shown += [e.text for a in kb.adaptations for e in a.examples]
    assert not [text for text in shown if re.search(r"\bballoons?\b", text, re.I)]


def test_tummy_time_on_a_sofa_warns_against_falling_asleep_there() -> None:
    """Clinical review: chest tummy time names a sofa, the most dangerous place to fall asleep
    with a baby (AAP safe sleep 2022); the note only said to stay awake."""
    entry = default_knowledge().by_id["tummy_time_on_chest"]
    assert isinstance(entry, Activity)
    note = entry.safety or ""
    assert "falling asleep with a baby on a sofa or armchair is especially dangerous" in note
