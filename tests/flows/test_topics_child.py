"""Issue 11: topic answers know the child. A worry's red-flag ages are compared with the
active child's exact age; the closing line follows the level (pure, shipped content)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.age import DAYS_PER_MONTH, add_months
from bot.domain.replies import Text
from bot.domain.views import ChildView
from bot.flows import concern, topics
from bot.flows.checkin.grading import LEVELS, judge
from knowledge.escalation import ConcernFlag, default_rules
from knowledge.models import Milestone
from tests.support.context import KB, TODAY, ctx


def child(months: int, days: int = 3, name: str = "Bea") -> ChildView:
    return ChildView(1, name, add_months(TODAY, -months) - timedelta(days=days))


def offers_ideas(who: ChildView, entry_id: str) -> bool:
    """Whether the answer has home games: in it, or behind its "Activities" button."""
    reply = concern.show_topic(ctx(who), entry_id, [])
    payloads = {b.payload for b in reply.all_buttons}
    return "Try at home:" in reply.plain or f"/about {entry_id} ideas" in payloads


def whole(who: ChildView, entry_id: str) -> str:
    """The answer with every part behind its buttons ("When to call the doctor"...)."""
    context = ctx(who)
    reply = concern.show_topic(context, entry_id, [])
    prefix = f"/about {entry_id} "
    keys = [
        b.payload.removeprefix(prefix) for b in reply.all_buttons if b.payload.startswith(prefix)
    ]
    parts = [concern.show_section(context, entry_id, key).plain for key in keys]
    return "\n".join([reply.plain, *parts])


def answer(who: ChildView | None, entry_id: str) -> str:
    reply = concern.show_topic(ctx(who) if who else ctx(), entry_id, [])
    assert isinstance(reply, Text)
    return reply.plain


def test_fists_at_eight_months_lead_with_the_red_flag_and_end_with_who_to_call() -> None:
    out = answer(child(8), "hands_fisted")
    lead = out.split("\n")[1]
    assert lead.startswith("Bea is 8 months: hands mostly in fists")
    assert "after 7 months is worth a call to the doctor soon" in lead
    assert topics.ORDINARY_CLOSING not in out
    assert not offers_ideas(child(8), "hands_fisted")
    closing = out.rsplit("\n\n", 1)[1]
    assert closing.startswith("What next? Who to contact: Bea's doctor soon")
    assert "Early Intervention" in closing


def test_thumbs_in_fists_at_three_months_is_an_ordinary_worry_with_the_age_ahead() -> None:
    out = answer(child(3), "hands_fisted")
    assert "Bea is 3 months: hands in tight fists nearly all the time" in out
    assert "from 4 months, not before" in out  # as the 4-month check-in (was 7 months)
    assert offers_ideas(child(3), "hands_fisted")
    assert out.endswith(topics.ORDINARY_CLOSING)


@pytest.mark.parametrize("entry_id", ["muscle_tone", "one_sided", "regression"])
def test_tone_one_side_and_lost_skills_never_close_with_home_games(entry_id: str) -> None:
    out = answer(child(14), entry_id)
    assert topics.ORDINARY_CLOSING not in out
    assert not offers_ideas(child(14), entry_id)
    assert "What next? Who to contact: Bea's doctor" in out


def test_lost_skills_answer_is_urgent_for_the_child() -> None:
    out = answer(child(14), "regression")
    assert "Bea is 14 months: losing a skill needs the doctor as soon as possible." in out
    assert "Bea's doctor as soon as possible" in out


def test_strong_hand_preference_matters_only_before_18_months() -> None:
    young = answer(child(12), "hand_preference")
    assert "What next? Who to contact" in young
    older = answer(child(30), "hand_preference")
    assert older.endswith(topics.ORDINARY_CLOSING)


def test_toe_walking_after_three_is_worth_raising_and_keeps_ideas() -> None:
    out = answer(child(40), "toe_walking")
    assert "is worth raising with the doctor" in out
    assert out.endswith(topics.DISCUSS_CLOSING)
    assert offers_ideas(child(40), "toe_walking")


def test_school_age_contact_names_the_school_and_a_therapist() -> None:
    out = answer(child(70), "one_sided")
    assert "Bea's school" in out
    assert "occupational or physical therapist" in out


def test_without_a_child_the_answer_is_general_and_ordinary() -> None:
    out = answer(None, "hands_fisted")
    assert "Bea" not in out
    assert out.endswith(topics.ORDINARY_CLOSING)


def test_the_flag_day_is_exact() -> None:
    assert "What next? Who to contact" not in answer(child(6, days=27), "rolling")
    assert "What next? Who to contact" in answer(child(7, days=0), "rolling")


def test_a_milestone_topic_says_where_its_age_comes_from() -> None:
    assert "3 in 4 children do this by 9 months" in answer(child(8), "sits_unsupported")
    out = answer(child(8), "stands_holding_on")
    assert "3 in 4" not in out
    assert "WHO study" in out


# --- clinical review: what matters for the child's age comes first -----------------------


def test_a_fist_grip_at_four_leads_with_the_doctor_line_before_home_ideas() -> None:
    """Was: home ideas first and "by about 4 years ... talk to the doctor" near the end."""
    out = answer(child(50, name="Sam"), "pencil_grip")
    lead = out.split("\n")[1]
    assert lead.startswith("Sam is 4 years 2 months: holding crayons only in a fist")
    assert "is worth raising with the doctor" in lead
    # Home ideas come after the lead: further down, or behind the "Activities" button.
    assert "Try at home:" not in out or out.index(lead) < out.index("Try at home:")
    assert offers_ideas(child(50, name="Sam"), "pencil_grip")
    assert out.endswith(topics.DISCUSS_CLOSING)


def test_a_fist_grip_at_three_is_an_ordinary_worry() -> None:
    out = answer(child(38, name="Sam"), "pencil_grip")
    assert "from 4 years, not before" in out
    assert out.endswith(topics.ORDINARY_CLOSING)


@pytest.mark.parametrize(("entry_id", "months"), [("head_control", 9), ("rolling", 10)])
def test_a_worry_long_past_its_red_flag_age_needs_the_doctor_as_soon_as_possible(
    entry_id: str, months: int
) -> None:
    out = answer(child(months), entry_id)
    assert "needs the doctor as soon as possible" in out.split("\n")[1]
    assert "Bea's doctor as soon as possible" in out


def test_who_helps_names_early_intervention_without_assuming_a_country_or_an_age() -> None:
    """Was "your local early intervention program" for any age: in the US that programme is
    for under-3s, and other countries name the service otherwise."""
    out = whole(child(50, name="Sam"), "premature_birth")
    assert "child-development service (who runs it, and up to what age, depends on" in out
    assert "early intervention program" not in out


def test_screen_answers_give_the_screen_time_advice_for_the_childs_age() -> None:
    """Was: a toddler's parent heard only that the sources give no age norms for tablets."""
    assert "Under 2, the WHO advises no screen time" in whole(child(20), "screen_typing")
    assert "no more than about an hour of screens a day" in whole(child(36), "screen_typing")


def test_fists_all_the_time_at_five_months_agree_with_the_four_month_check_in() -> None:
    """Was: "from 7 months, not before", while the 4-month check-in flags hands in fists all
    the time (hands_mostly_open) from 4 months."""
    out = answer(child(5), "hands_fisted")
    lead = out.split("\n")[1]
    assert lead.startswith("Bea is 5 months: hands in tight fists nearly all the time")
    assert "is worth a call to the doctor soon" in lead
    assert "Try at home:" not in out


def test_a_floppy_or_stiff_body_worry_is_as_urgent_as_the_check_in_item() -> None:
    """Was "soon" for a typed worry while the check-in's body_tone_typical is same-day."""
    out = answer(child(14), "muscle_tone")
    assert "needs the doctor as soon as possible" in out.split("\n")[1]


# --- content leftovers: one age for a sign, typed or asked ---------------------------------


def on_day(months: float) -> ChildView:
    """A child exactly ``months`` old (fractions in days), born before ``TODAY``."""
    whole_months = int(months)
    days = round((months - whole_months) * DAYS_PER_MONTH)
    return ChildView(1, "Bea", add_months(TODAY, -whole_months) - timedelta(days=days))


@pytest.mark.parametrize(
    "flag",
    [f for f in default_rules().concern_flags if f.milestone is not None],
    ids=lambda f: f"{f.concern}-{f.level}",
)
def test_a_worry_naming_a_check_in_item_escalates_on_the_day_the_item_does(
    flag: ConcernFlag,
) -> None:
    """Was: "not walking alone" typed said "from 18 months, not before" at 17 months and 3
    weeks, while the check-in's walking item (WHO 99th percentile, 17.6) already said "talk
    to the doctor soon". The worry now reads its age from the item."""
    item = KB.by_id[flag.milestone or ""]
    assert isinstance(item, Milestone)
    for months in (flag.after_months + 0.05, flag.after_months + 0.5):
        clock = on_day(months).clock(TODAY)
        asked = judge(item, "not_yet", clock, answered_yes_before=False).level
        typed = topics.topic_level(KB.by_id[flag.concern], topics.ChildAge("Bea", clock))
        assert LEVELS.index(asked) >= LEVELS.index(flag.level)
        assert LEVELS.index(typed) >= LEVELS.index(flag.level)
    before = on_day(flag.after_months - 0.1).clock(TODAY)
    assert LEVELS.index(judge(item, "not_yet", before, answered_yes_before=False).level) < (
        LEVELS.index(flag.level)
    )


def test_not_walking_at_17_months_3_weeks_is_talk_to_the_doctor_soon_typed_too() -> None:
    out = answer(on_day(17.7), "late_walking")
    assert "Bea is 17 months: not walking alone after 17 months and 3 weeks" in out
    assert "is worth a call to the doctor soon" in out.split("\n")[1]


@pytest.mark.parametrize(
    ("entry_id", "item", "months"),
    [("sitting", "sits_unsupported", 12), ("late_walking", "walks_independently", 21)],
)
def test_sitting_and_walking_long_overdue_need_the_doctor_as_soon_as_possible(
    entry_id: str, item: str, months: int
) -> None:
    """Was: only head control (6 months) and rolling (9) were ever long overdue; not sitting
    at a year or not walking at 21 months stayed "soon", typed or asked."""
    milestone = KB.by_id[item]
    assert isinstance(milestone, Milestone)
    clock = child(months, days=0).clock(TODAY)
    assert judge(milestone, "not_yet", clock, answered_yes_before=False).level == "urgent"
    out = answer(child(months, days=0), entry_id)
    assert "needs the doctor as soon as possible" in out.split("\n")[1]
    earlier = child(months - 1).clock(TODAY)
    assert judge(milestone, "not_yet", earlier, answered_yes_before=False).level == "prompt"
