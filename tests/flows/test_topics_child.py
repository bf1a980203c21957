"""Issue 11: topic answers know the child. A worry's red-flag ages are compared with the
active child's exact age; the closing line follows the level (pure, shipped content)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.age import add_months
from bot.domain.replies import Text
from bot.domain.views import ChildView
from bot.flows import concern, topics
from tests.support.context import TODAY, ctx


def child(months: int, days: int = 3, name: str = "Bea") -> ChildView:
    return ChildView(1, name, add_months(TODAY, -months) - timedelta(days=days))


def offers_ideas(who: ChildView, entry_id: str) -> bool:
    """Whether the answer has home games: in it, or behind its "Activities" button."""
    reply = concern.show_topic(ctx(who), entry_id, [])
    payloads = {b.payload for b in reply.all_buttons}
    return "Try at home:" in reply.plain or f"/about {entry_id} ideas" in payloads


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
    assert "Bea is 3 months: hands mostly in fists or thumbs tucked into the palms" in out
    assert "from 7 months, not before" in out
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
