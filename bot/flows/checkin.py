"""``/checkin``: the milestone questions for a child's age, one at a time, then the guidance.

Each answer is saved the moment it is given (a ``RecordObservation`` effect), so ``/cancel``,
another command or a closed app loses nothing, and the next ``/checkin`` offers to continue.
A "not yet" for a skill once answered "yes" is a loss of skills: it is answered ``urgent``
right away, before the next question. Button payloads name the milestone they answer
(``ci:<milestone_id>:y``), so a button from an earlier question can never answer this one.
"""

from __future__ import annotations

from bot.age import latest_checklist_age
from bot.flows import asides, checkin_plan, checkin_result, guidance_text, onboarding
from bot.flows.base import (
    Answer,
    ButtonIn,
    ChildView,
    Event,
    Flow,
    FlowContext,
    FlowState,
    Step,
    TextIn,
)
from bot.flows.effects import Effect, RecordObservation, SetActiveChild
from bot.flows.grading import is_regression
from bot.flows.parsing import is_unsure, parse_yes_no
from bot.flows.safety import checkin_level
from bot.replies import Button, Reply, bold, column, say

NAME = "checkin"
PREFIX = "ci:"
CODES: dict[str, Answer] = {"y": "yes", "n": "not_yet", "u": "not_sure"}
CONTINUE, START_OVER = "ci:continue", "ci:restart"

_NOT_YET = {"not yet", "no not yet", "not quite", "no not really", "not at all", "never"}
_UNSURE = {"sometimes", "almost", "nearly", "kind of", "sort of", "a bit", "hard to say"}


def parse_answer(text: str) -> Answer | None:
    """A typed answer ("yes", "y", "nope", "not really", "not yet", "dunno"), or None."""
    words = " ".join(text.lower().replace("'", "").replace(".", " ").replace("!", " ").split())
    if words in _NOT_YET:
        return "not_yet"
    if is_unsure(text) or words in _UNSURE:
        return "not_sure"
    yes_no = parse_yes_no(text)
    return None if yes_no is None else ("yes" if yes_no else "not_yet")


def _questions(state: FlowState, ctx: FlowContext) -> list[str]:
    """The check-in's questions still in the knowledge base (content may change meanwhile)."""
    ids: list[str] = state.data["questions"]
    return [q for q in ids if checkin_plan.milestone_or_none(ctx.knowledge, q)]


def _question(child: ChildView, state: FlowState, ctx: FlowContext) -> Reply:
    questions = _questions(state, ctx)
    answers: dict[str, str] = state.data["answers"]
    current = next(q for q in questions if q not in answers)
    milestone = ctx.knowledge.milestone(current)
    earlier = milestone.checklist_age < int(state.data["checklist_age"])
    return say(
        bold(f"{len(answers) + 1} of {len(questions)}"),
        " · from an earlier check-in" if earlier else "",
        "\n" + milestone.question.replace("{child}", child.nickname),
        buttons=[
            [
                Button("Yes", f"{PREFIX}{current}:y"),
                Button("Not yet", f"{PREFIX}{current}:n"),
                Button("Not sure", f"{PREFIX}{current}:u"),
            ]
        ],
    )


def _begin(
    child: ChildView,
    ctx: FlowContext,
    checklist_age: int,
    plan: checkin_plan.Unfinished,
    lead: tuple[Reply, ...] = (),
) -> Step:
    state = FlowState(
        NAME,
        "question",
        {
            "child_id": child.id,
            "checklist_age": checklist_age,
            "questions": list(plan.questions),
            "answers": dict(plan.answers),
            "yes_before": sorted(plan.answered_yes_before & set(plan.questions)),
        },
    )
    return Step(state, (*lead, _question(child, state, ctx)))


def _fresh(child: ChildView, ctx: FlowContext, checklist_age: int) -> Step:
    """A new check-in from the first question, introduced with the age it uses."""
    observations = child.observations
    questions = checkin_plan.questions_for(checklist_age, observations, ctx.knowledge)
    if not questions:
        return Step(None, (say(guidance_text.NO_QUESTIONS),))
    plan = checkin_plan.Unfinished(tuple(questions), {}, checkin_plan.answered_yes(observations))
    current = sum(
        1 for q in questions if ctx.knowledge.milestone(q).checklist_age == checklist_age
    )
    intro = say(
        guidance_text.age_line(child.nickname, child.age(ctx.today), child.gestational_weeks),
        " ",
        guidance_text.questions_line(checklist_age, current, len(questions) - current),
    )
    return _begin(child, ctx, checklist_age, plan, (intro,))


def _child_for(ctx: FlowContext, args: str) -> ChildView | Step:
    """The child named by ``args`` (a reminder's button), else the active child."""
    if not args.strip():
        child = ctx.family.active_child
        return child if child else onboarding.start_adding("Let's add your child first.")
    raw = args.strip()
    found = ctx.family.child(int(raw)) if raw.isdigit() else None
    if found is None:
        return Step(
            None,
            (
                say(
                    "I could not find that child. /checkin starts a check-in for the active child."
                ),
            ),
        )
    return found


def start(ctx: FlowContext, args: str) -> Step:
    """``/checkin [child_id]``: offer to continue an unfinished check-in, or begin one."""
    child = _child_for(ctx, args)
    if isinstance(child, Step):
        return child
    switch: tuple[Effect, ...] = ()
    active = ctx.family.active_child
    if active is None or active.id != child.id:
        switch = (SetActiveChild(child.id),)
    age = child.age(ctx.today)
    checklist_age = latest_checklist_age(age.months)
    if checklist_age is None:
        return Step(None, (say(guidance_text.nothing_to_ask(child.nickname, age)),), switch)
    left = checkin_plan.unfinished(checklist_age, child.observations, ctx.knowledge)
    if left is None:
        step = _fresh(child, ctx, checklist_age)
        return Step(step.state, step.replies, switch)
    ask = say(
        guidance_text.resume_question(child.nickname, len(left.answers), len(left.questions)),
        buttons=column(Button("Continue", CONTINUE), Button("Start over", START_OVER)),
    )
    state = FlowState(NAME, "resume", {"child_id": child.id, "checklist_age": checklist_age})
    return Step(state, (ask,), switch)


def _on_resume(child: ChildView, state: FlowState, event: Event, ctx: FlowContext) -> Step:
    checklist_age = int(state.data["checklist_age"])
    choice = event.payload if isinstance(event, ButtonIn) else ""
    if isinstance(event, TextIn):
        typed = event.text.strip().lower()
        choice = {"continue": CONTINUE, "start over": START_OVER}.get(typed, "")
    left = checkin_plan.unfinished(checklist_age, child.observations, ctx.knowledge)
    if choice == START_OVER or (choice == CONTINUE and left is None):
        return _fresh(child, ctx, checklist_age)
    if choice == CONTINUE and left is not None:
        return _begin(child, ctx, checklist_age, left)
    again = say("Please press Continue or Start over, or type /cancel.")
    return Step(state, (again,), not_an_answer=True)


def _answer_of(event: Event, current: str) -> Answer | None:
    if isinstance(event, TextIn):
        return parse_answer(event.text)
    if isinstance(event, ButtonIn):
        milestone_id, _, code = event.payload.removeprefix(PREFIX).rpartition(":")
        if event.payload.startswith(PREFIX) and milestone_id == current:
            return CODES.get(code)
    return None


def _on_answer(child: ChildView, state: FlowState, event: Event, ctx: FlowContext) -> Step:
    questions = _questions(state, ctx)
    answers: dict[str, Answer] = dict(state.data["answers"])
    current = next(q for q in questions if q not in answers)
    answer = _answer_of(event, current)
    if answer is None:
        again = (say(guidance_text.ANSWER_HELP), _question(child, state, ctx))
        return Step(state, again, not_an_answer=True)
    age = child.age(ctx.today)
    checklist_age = int(state.data["checklist_age"])
    record = RecordObservation(child.id, current, answer, ctx.today, age.months, checklist_age)
    answers[current] = answer
    replies: list[Reply] = []
    yes_before = set(state.data["yes_before"])
    if is_regression(answer, current in yes_before):
        title = ctx.knowledge.milestone(current).title
        replies.append(say(bold("Urgent. "), guidance_text.regression_now(child.nickname, title)))
    next_state = state.at("question", answers=answers)
    if any(q not in answers for q in questions):
        return Step(next_state, (*replies, _question(child, next_state, ctx)), (record,))
    told = [(text, level) for text, raw in asides.noted(state) if (level := checkin_level(raw))]
    result = checkin_result.replies(child, age, answers, yes_before, ctx.knowledge, told)
    return Step(None, (*replies, *result), (record,))


def handle(state: FlowState, event: Event, ctx: FlowContext) -> Step:
    child = ctx.family.child(int(state.data["child_id"]))
    if child is None:
        return Step(None, (say("I can't find that child any more. /child shows your children."),))
    if state.step == "resume":
        return _on_resume(child, state, event, ctx)
    return _on_answer(child, state, event, ctx)


FLOW = Flow(name=NAME, start=start, handle=handle, continue_label="Continue the check-in")
