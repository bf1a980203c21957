"""Worries typed mid-flow, as pure steps: pausing on a danger sign, keeping an ordinary worry,
answering it when the flow ends; flows saying which text they did not take as an answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bot.domain.age import add_months
from bot.domain.replies import Text, say
from bot.domain.views import ChildView
from bot.flows import asides, children, concern, data, summary
from bot.flows import reminder_settings as reminders
from bot.flows.base import ButtonIn, Step, TextIn
from bot.flows.checkin import flow as checkin
from bot.flows.checkin import result as checkin_result
from bot.flows.checkin.flow import CheckinState
from bot.flows.checkin.grading import grade
from bot.flows.effects import DeleteFamily, SaveConcern
from bot.flows.onboarding import FLOW as ONBOARDING
from bot.flows.onboarding import OnboardingState
from bot.flows.safety import checkin_level, is_danger, safety_replies
from bot.summary.build import ConcernLine
from knowledge.signs import default_danger_signs
from knowledge.triage import assess
from tests.support.context import KB, TODAY, ctx
from tests.support.flows import drive, text

ANSWERS = default_danger_signs().answers
LEO = ChildView(4, "Leo", add_months(TODAY, -9) - timedelta(days=3))
ROLLED = "he could roll over last month but now he can't anymore"
WORRY = "I worry she still isn't crawling"
QUESTION = (say("Does Leo sit?"),)
ASKING = CheckinState(step="question", child_id=4, checklist_age=9)


def buttons(step: Step) -> list[tuple[str, str]]:
    return [
        (b.label, b.payload) for r in step.replies if isinstance(r, Text) for b in r.all_buttons
    ]


def test_each_danger_level_has_its_safety_answer_and_other_levels_none() -> None:
    (emergency,) = safety_replies(assess("he is not breathing"))
    assert emergency.plain.startswith(ANSWERS.emergency)  # type: ignore[union-attr]
    (urgent,) = safety_replies(assess(ROLLED))
    assert urgent.plain == ANSWERS.urgent  # type: ignore[union-attr]
    (net,) = safety_replies(assess("she has a temperature"))
    assert net.plain == ANSWERS.safety_net  # type: ignore[union-attr]
    assert safety_replies(assess(WORRY)) == safety_replies(assess("hello")) == ()
    assert [is_danger(level) for level in ("emergency", "urgent", "safety_net", "concern")] == [
        True,
        True,
        True,
        False,
    ]
    levels = ("urgent", "emergency", "safety_net", "concern")
    assert [checkin_level(level) for level in levels] == ["urgent", "emergency", None, None]


def test_no_danger_sign_leaves_the_text_to_the_flow() -> None:
    assert asides.pause_for_danger(ASKING, "yes", QUESTION, "Continue", ctx(LEO)) is None
    assert asides.pause_for_danger(ASKING, WORRY, QUESTION, "Continue", ctx(LEO)) is None


def test_a_lost_skill_pauses_the_flow_keeps_it_and_records_the_worry() -> None:
    step = asides.pause_for_danger(ASKING, ROLLED, QUESTION, "Continue the check-in", ctx(LEO))
    assert step is not None
    assert step.state is not None
    assert text(step).startswith(ANSWERS.urgent)
    assert buttons(step) == [("Continue the check-in", asides.CONTINUE)]
    assert step.effects[0] == SaveConcern(4, ROLLED, step.effects[0].matched_id, "urgent", TODAY)  # type: ignore[union-attr]
    assert asides.noted(step.state) == [(ROLLED, "urgent")]

    back = asides.FLOW.handle(step.state, ButtonIn(asides.CONTINUE), ctx(LEO))
    assert back.state == replace(ASKING, asides=((ROLLED, "urgent"),))
    assert back.replies == QUESTION


def test_while_paused_other_input_waits_and_a_second_danger_keeps_the_first_question() -> None:
    first = asides.pause_for_danger(ASKING, ROLLED, QUESTION, "Continue the check-in", ctx(LEO))
    assert first is not None
    assert first.state is not None
    waiting = asides.FLOW.handle(first.state, TextIn("ok thanks"), ctx(LEO))
    assert waiting.not_an_answer
    assert waiting.state == first.state
    assert buttons(waiting) == [("Continue the check-in", asides.CONTINUE)]
    second = asides.pause_for_danger(
        first.state, "he is having a seizure", first.replies, "Continue", ctx(LEO)
    )
    assert second is not None
    assert second.state is not None
    assert buttons(second) == [("Continue the check-in", asides.CONTINUE)]
    typed = asides.FLOW.handle(second.state, TextIn("Continue the check-in"), ctx(LEO))
    assert typed.replies == QUESTION
    assert asides.noted(typed.state) == [
        (ROLLED, "urgent"),
        ("he is having a seizure", "emergency"),
    ]


FEVER = "she has a temperature of 38.2"
MIA = ChildView(7, "Mia", TODAY - timedelta(weeks=5))


def test_a_danger_sign_typed_while_adding_a_child_is_read_at_that_childs_age() -> None:
    """Adding a newborn while her brother of 9 months is active: a fever typed once her birth
    date is in is a baby's of weeks (an emergency under 3 months, NICE NG143), not his (the
    safety net); before the date it is a child of unknown age (urgent), not him either."""
    dated = OnboardingState(step="preterm", nickname="Mia", birth_date=MIA.birth_date)
    first = asides.pause_for_danger(dated, FEVER, QUESTION, "Continue", ctx(LEO))
    assert first is not None
    assert first.state is not None
    assert asides.noted(first.state) == [(FEVER, "emergency")]
    again = asides.pause_for_danger(first.state, "38.4 now", QUESTION, "Continue", ctx(LEO))
    assert again is not None
    assert asides.noted(again.state)[1] == ("38.4 now", "emergency")
    named = OnboardingState(step="birth_date", nickname="Mia")
    undated = asides.pause_for_danger(named, FEVER, QUESTION, "Continue", ctx(LEO))
    assert undated is not None
    assert asides.noted(undated.state) == [(FEVER, "urgent")]


@pytest.mark.parametrize("step", ["preterm", "weeks"])
def test_weeks_typed_at_the_prematurity_questions_are_the_answer_not_a_fever(step: str) -> None:
    """Found in the terminal chat: "38" typed at "born early, before 37 weeks?" for a baby of
    5 weeks was told to call the emergency number (a fever of 38 under 3 months). Weeks are
    the answer there; a temperature told with its point or its words is still a danger."""
    asking = OnboardingState(step=step, nickname="Mia", birth_date=MIA.birth_date)  # type: ignore[arg-type]
    for weeks in ("38", "40", "39 weeks", "41w"):
        assert asides.pause_for_danger(asking, weeks, QUESTION, "Continue", ctx(LEO)) is None
    assert "38 weeks counts as full term" in text(
        ONBOARDING.handle(asking, TextIn("38"), ctx(LEO))
    )
    for fever in ("38.4", "she is 38 and hot"):
        step_ = asides.pause_for_danger(asking, fever, QUESTION, "Continue", ctx(LEO))
        assert step_ is not None
        assert asides.noted(step_.state)[-1][1] == "emergency"


def test_a_danger_sign_typed_while_renaming_a_child_is_read_at_that_childs_age() -> None:
    renaming = OnboardingState(step="nickname", child_id=MIA.id)
    step = asides.pause_for_danger(renaming, FEVER, QUESTION, "Continue", ctx(LEO, MIA))
    assert step is not None
    assert asides.noted(step.state) == [(FEVER, "emergency")]
    assert asides.noted(
        asides.pause_for_danger(ASKING, FEVER, QUESTION, "Continue", ctx(LEO, MIA)).state  # type: ignore[union-attr]
    ) == [(FEVER, "safety_net")]


def test_an_ordinary_worry_is_kept_with_the_question_again_and_gibberish_is_not() -> None:
    refused = Step(ASKING, (say("Please answer"), *QUESTION), not_an_answer=True)
    kept = asides.keep_worry(refused, WORRY, QUESTION, ctx(LEO))
    assert kept.replies == (say(asides.NOTED), *QUESTION)
    assert asides.noted(kept.state) == [(WORRY, "concern")]
    assert [e.triage for e in kept.effects] == ["concern"]  # type: ignore[union-attr]
    assert asides.keep_worry(refused, "hello", QUESTION, ctx(LEO)) is refused
    assert asides.keep_worry(refused, "qwzx vbnm", QUESTION, ctx(LEO)) is refused


def test_a_word_or_two_typed_at_a_question_is_an_answer_attempt_not_a_worry() -> None:
    """A pediatrician's review: "Both" typed at /summary's choice went into the doctor's
    summary as a worry about handedness."""
    refused = Step(ASKING, (say("Please answer"), *QUESTION), not_an_answer=True)
    assert asides.keep_worry(refused, "Both", QUESTION, ctx(LEO)) is refused
    assert asides.keep_worry(refused, "both hands", QUESTION, ctx(LEO)) is refused


def test_kept_worries_follow_the_conversation_and_are_answered_when_it_ends() -> None:
    before = replace(ASKING, asides=((WORRY, "concern"), (ROLLED, "urgent")))
    fresh = Step(CheckinState(step="question", child_id=4, checklist_age=9))
    assert asides.noted(asides.follow_up(before, fresh, ctx(LEO)).state) == asides.noted(before)
    ended = asides.follow_up(before, Step(None, (say("Done."),)), ctx(LEO))
    said = text(ended)
    assert said.startswith("Done.\nYou also mentioned “I worry she still isn't crawling”.")
    topic = concern.topic_answer(ctx(LEO), concern.matcher_for(KB).match(WORRY))
    assert ended.replies[-1] == topic
    assert ROLLED not in said  # answered at once when it was typed
    erased = asides.follow_up(before, Step(None, (say("Erased."),), (DeleteFamily(),)), ctx(LEO))
    assert text(erased) == "Erased."


def test_long_quotes_are_shortened() -> None:
    assert asides.quote("a" * 500) == "“" + "a" * (asides.QUOTE - 1) + "…”"
    assert asides.quote("short") == "“short”"


def test_a_danger_sign_typed_during_a_check_in_sets_its_result() -> None:
    answers = {m.id: "yes" for m in KB.milestones if m.checklist_age == 9}
    clock = LEO.clock(TODAY)
    result = grade(answers, KB, clock, ())  # type: ignore[arg-type]
    calm = checkin_result.summary(result, "Leo", clock.age).plain
    raised = grade(answers, KB, clock, (), told=[(ROLLED, "urgent")])  # type: ignore[arg-type]
    told = checkin_result.summary(raised, "Leo", clock.age).plain
    assert "Next step: Keep playing" in calm
    assert "What you told me during the check-in" not in calm
    assert f"“{ROLLED}”: a sign like this needs Leo's doctor today" in told
    limp = "she has had a fever since yesterday and now she limps"
    feverish = grade(answers, KB, clock, (), told=[(limp, "urgent")])  # type: ignore[arg-type]
    told_fever = checkin_result.summary(feverish, "Leo", clock.age).plain
    assert "lost skill" not in told_fever.split("What you told me during the check-in")[1]
    assert "Next step: Please contact Leo's doctor as soon as possible" in told


@pytest.mark.parametrize(
    ("flow", "inputs"),
    [
        (checkin.FLOW, ["my baby will not stop crying"]),
        (ONBOARDING, ["x" * 41]),
        (ONBOARDING, ["Leo", "she is not crawling"]),
        (ONBOARDING, ["Leo", "2026-02-10", "maybe later"]),
        (summary.FLOW, ["she is not crawling"]),
        (children.FLOW, ["she is not crawling"]),
        (data.DELETE, ["she is not crawling"]),
        (reminders.FLOW, ["she is not crawling"]),
    ],
)
def test_flows_say_when_typed_text_is_not_an_answer(flow: object, inputs: list[str]) -> None:
    family = ctx() if flow is ONBOARDING else ctx(LEO)  # /start adds a first child
    step = drive(flow, family, *inputs)  # type: ignore[arg-type]
    assert step.not_an_answer
    assert step.state is not None


def test_an_answer_is_an_answer() -> None:
    assert not drive(checkin.FLOW, ctx(LEO), "yes").not_an_answer
    assert not drive(ONBOARDING, ctx(), "Leo").not_an_answer


def test_the_summary_shows_every_worry_with_its_level_and_date() -> None:
    line = ConcernLine("x", date(2026, 9, 4), None, "emergency")
    assert line.about == "4 September 2026; level: emergency; topic: no matching topic"
    assert ConcernLine("x", date(2026, 9, 4), "Crawling", "concern").about.endswith(
        "level: routine; topic: Crawling"
    )
    assert "level: safety net;" in ConcernLine("x", date(2026, 9, 4), None, "safety_net").about
