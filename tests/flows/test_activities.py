"""``/activities`` and the shared suggestion rules, as pure steps on the shipped content."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.domain import suggestions
from bot.domain.age import add_months
from bot.domain.replies import Edit, Text
from bot.domain.views import ChildView, FamilyView, ObservationView
from bot.flows import activities
from bot.flows.base import ButtonIn, FlowContext, Step, TextIn
from tests.support.context import KB, TODAY, ctx


def ctx_for(months: int, *answers: tuple[str, str]) -> FlowContext:
    born = add_months(TODAY, -months) - timedelta(days=3)
    seen = tuple(ObservationView(mid, a, TODAY, months) for mid, a in answers)  # type: ignore[arg-type]
    return ctx(ChildView(id=1, nickname="Mila", birth_date=born, observations=seen))


def shown_titles(step: Step) -> list[str]:
    reply = step.replies[-1]
    assert isinstance(reply, Text)
    return [s.text for s in reply.spans if s.bold and s.text in TITLES]


def payloads(step: Step) -> list[str]:
    return [b.payload for r in step.replies if isinstance(r, Text) for b in r.all_buttons]


TITLES = {a.title for a in KB.activities}


def test_first_page_leads_with_the_skill_answered_not_yet() -> None:
    ctx = ctx_for(10, ("hand_to_hand_transfer", "not_yet"))
    step = activities.start(ctx, "")
    titles = shown_titles(step)
    assert 1 <= len(titles) <= activities.PAGE  # as many as fit a phone screen
    builds = {a.title for a in KB.activities_for_milestone("hand_to_hand_transfer")}
    assert titles[0] in builds


def test_more_never_repeats_within_a_session_and_ends_when_all_are_shown() -> None:
    ctx = ctx_for(30)
    step = activities.start(ctx, "")
    seen = shown_titles(step)
    while more := [p for p in payloads(step) if p.startswith(activities.MORE)]:
        assert step.state is not None
        step = activities.FLOW.handle(step.state, ButtonIn(more[0]), ctx)
        titles = shown_titles(step)
        assert not set(titles) & set(seen)
        seen += titles
    fitting = [a for a in KB.activities if a.suits(30)]
    assert {a.title for a in fitting} <= set(seen)
    assert len(seen) == len(set(seen))


def test_more_payloads_are_unique_per_page() -> None:
    ctx = ctx_for(30)
    first = activities.start(ctx, "")
    assert first.state is not None
    [more] = [p for p in payloads(first) if p.startswith(activities.MORE)]
    second = activities.FLOW.handle(first.state, ButtonIn(more), ctx)
    assert more not in payloads(second)
    assert any(p.startswith(activities.MORE) for p in payloads(second))


def test_a_hard_daily_task_offers_adaptations_and_keeps_the_buttons() -> None:
    ctx = ctx_for(10, ("rakes_food", "not_yet"))
    step = activities.start(ctx, "")
    assert "act:adapt:eating" in payloads(step)
    assert step.state is not None
    shown = activities.FLOW.handle(step.state, ButtonIn("act:adapt:eating"), ctx)
    reply = shown.replies[-1]
    assert isinstance(reply, Text)
    assert "Making eating easier" in reply.plain
    assert "suction bowl" in reply.plain.lower()
    assert payloads(shown) == [p for p in payloads(step) if not p.startswith(activities.HOW)]
    assert shown.state == step.state


def test_how_shows_an_ideas_steps_in_place_and_back_brings_the_page_again() -> None:
    ctx = ctx_for(30)
    step = activities.start(ctx, "")
    assert step.state is not None
    page = shown_titles(step)
    how = [p for p in payloads(step) if p.startswith(activities.HOW)]
    assert len(how) == len(page)
    [steps] = activities.FLOW.handle(step.state, ButtonIn(how[0]), ctx).replies
    assert isinstance(steps, Edit)
    first = next(a for a in KB.activities if a.title == page[0])
    assert steps.text.plain.startswith(first.title)
    assert f"1. {first.steps[0]}" in steps.text.plain
    [back] = activities.FLOW.handle(step.state, ButtonIn(activities.BACK), ctx).replies
    assert isinstance(back, Edit)
    assert all(title in back.text.plain for title in page)


def test_an_adaptation_for_a_task_that_is_not_hard_is_refused() -> None:
    ctx = ctx_for(10, ("rakes_food", "not_yet"))
    step = activities.start(ctx, "")
    assert step.state is not None
    refused = activities.FLOW.handle(step.state, ButtonIn("act:adapt:dressing"), ctx)
    assert "Please press one of the buttons" in refused.replies[0].plain  # type: ignore[union-attr]


def test_core_activities_lead_when_hands_and_trunk_both_lag() -> None:
    ctx = ctx_for(7, ("prop_sits_on_hands", "not_yet"), ("reaches_grabs_toy", "not_yet"))
    step = activities.start(ctx, "")
    first = next(a for a in KB.activities if a.title == shown_titles(step)[0])
    assert first.proximal


def test_typed_worry_goes_to_the_concern_flow() -> None:
    ctx = ctx_for(30)
    step = activities.start(ctx, "")
    assert step.state is not None
    answer = activities.FLOW.handle(step.state, TextIn("he holds his crayon in a fist"), ctx)
    assert answer.state is None or answer.state.flow != activities.NAME


def test_no_child_yet_starts_onboarding() -> None:
    ctx = replace(ctx_for(10), family=FamilyView(chat_id=5))
    step = activities.start(ctx, "")
    assert step.state is not None
    assert step.state.flow == "onboarding"


def test_a_late_skill_still_gets_the_nearest_activity_for_it() -> None:
    found = suggestions.for_milestone("head_up_on_tummy", 20, KB)
    assert found
    assert all("head_up_on_tummy" in a.builds for a in found)
