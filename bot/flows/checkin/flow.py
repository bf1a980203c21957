"""``/checkin``: the milestone questions for a child's age, one at a time, then the guidance.

Each answer is saved the moment it is given (a ``RecordObservation`` effect), so ``/cancel``,
another command or a closed app loses nothing, and the next ``/checkin`` offers to continue.
A "not yet" for a skill once answered "yes" is a loss of skills: it is answered ``urgent``
right away, before the next question; unless another member of the family answered "yes"
within the disagreement window (``knowledge/escalation.yaml``): two caregivers seeing the
child differently is a disagreement, which the result asks them to look at together
(``bot.domain.agreement``). Every sitting ends with the lost-skills question ("has
the child stopped doing something they used to do?"); "yes" asks what, saves it with the
child's worries and makes the result urgent. One sitting asks at most ``max_questions``; the
rest come back as a follow-up. ``/recheck <reminder id>`` (a follow-up's button) asks just the
items that reminder names. Button payloads name the milestone they answer
(``ci:<milestone_id>:y``), so a button from an earlier question can never answer this one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import ClassVar, Literal, assert_never

from bot.domain import agreement
from bot.domain.age import latest_checklist_age
from bot.domain.replies import Button, Reply, bold, column, say
from bot.domain.views import Answer, ChildView, ReminderKind
from bot.flows import asides, onboarding
from bot.flows.base import ButtonIn, Event, Flow, FlowContext, FlowState, Step, Steps, TextIn
from bot.flows.checkin import guidance as guidance_text
from bot.flows.checkin import plan as checkin_plan
from bot.flows.checkin import result as checkin_result
from bot.flows.checkin import shown as result_on_screen
from bot.flows.checkin.grading import Level, is_regression
from bot.flows.effects import (
    CheckinDone,
    CloseFollowUp,
    Effect,
    RecordObservation,
    SaveConcern,
    SetActiveChild,
)
from bot.flows.parsing import is_unsure, parse_id, parse_yes_no
from bot.flows.safety import checkin_level, safety_replies
from bot.summary.build import ReportOptions, build_report, names_of
from bot.summary.chart import SummaryChart
from knowledge.escalation import default_rules
from knowledge.signs import default_danger_signs
from knowledge.triage import assess

NAME = "checkin"
PREFIX = "ci:"
CODES: dict[str, Answer] = {"y": "yes", "n": "not_yet", "u": "not_sure"}
CONTINUE, START_OVER = "ci:continue", "ci:restart"
LOST_YES, LOST_NO = "ci:lost:y", "ci:lost:n"
#: What a "yes" to the lost-skills question is saved as, with the parent's words.
LOST_SKILLS_CONCERN = "regression"
#: Follow-up kinds whose button asks their items again here.
RECHECK_KINDS = frozenset({ReminderKind.LOOK_AGAIN, ReminderKind.PRACTISE})

_NOT_YET = {"not yet", "no not yet", "not quite", "no not really", "not at all", "never"}
#: A skill seen only partly or now and then: "not sure" for a milestone, though not for other
#: questions. "I don't know" words are ``bot.flows.parsing.is_unsure``'s, shared with onboarding.
_PARTLY = {"sometimes", "almost", "nearly", "kind of", "sort of", "a bit", "hard to say"}


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckinState(FlowState):
    """A check-in of ``child_id`` at ``checklist_age``: whether to continue an unfinished one
    (``resume``), its questions, the lost-skills question (``lost``) and, after a "yes",
    what the child stopped doing (``lost_what``)."""

    flow: ClassVar[str] = NAME
    step: Literal["resume", "question", "lost", "lost_what"]
    child_id: int
    checklist_age: int
    #: Every question of the check-in, and those of this sitting (None in states saved
    #: before sittings were capped: all of them).
    questions: tuple[str, ...] = ()
    asking: tuple[str, ...] | None = None
    answers: dict[str, Answer] = field(default_factory=dict)
    #: Milestones answered "yes" before this check-in: "not yet" now is a loss of skills.
    yes_before: tuple[str, ...] = ()
    #: The follow-up reminder this sitting answers (``/recheck``).
    recheck_id: int | None = None

    @property
    def takes_worry(self) -> bool:
        """What the child stopped doing is a worry by design, triaged by its step."""
        return self.step == "lost_what"


def parse_answer(text: str) -> Answer | None:
    """A typed answer ("yes", "y", "nope", "not really", "not yet", "dunno"), or None."""
    words = " ".join(text.lower().replace("'", "").replace(".", " ").replace("!", " ").split())
    if words in _NOT_YET:
        return "not_yet"
    if is_unsure(text) or words in _PARTLY:
        return "not_sure"
    yes_no = parse_yes_no(text)
    return None if yes_no is None else ("yes" if yes_no else "not_yet")


def _questions(state: CheckinState, ctx: FlowContext) -> list[str]:
    """This sitting's questions still in the knowledge base (content may change meanwhile)."""
    ids = state.questions if state.asking is None else state.asking
    return [q for q in ids if checkin_plan.milestone_or_none(ctx.knowledge, q)]


def _question(child: ChildView, state: CheckinState, ctx: FlowContext) -> Reply:
    questions = _questions(state, ctx)
    answers = state.answers
    current = next(q for q in questions if q not in answers)
    milestone = ctx.knowledge.milestone(current)
    earlier = milestone.checklist_age < state.checklist_age
    # A sitting that continues an unfinished check-in counts on from the answers already
    # saved, so a parent told "2 of 13 answered" does not see "1 of ..." as a restart.
    before = sum(1 for q in state.questions if q in answers and q not in questions)
    done = before + sum(1 for q in questions if q in answers)
    return say(
        bold(f"{done + 1} of {before + len(questions) + 1}"),
        " · from an earlier age" if earlier and state.recheck_id is None else "",
        "\n" + milestone.question.replace("{child}", child.nickname),
        buttons=[
            [
                Button("Yes", f"{PREFIX}{current}:y"),
                Button("Not yet", f"{PREFIX}{current}:n"),
                Button("Not sure", f"{PREFIX}{current}:u"),
            ]
        ],
    )


def _lost_question(child: ChildView) -> Reply:
    text = guidance_text.LOST_SKILLS_QUESTION.replace("{child}", child.nickname)
    return say(text, buttons=[[Button("Yes", LOST_YES), Button("No", LOST_NO)]])


def _begin(
    child: ChildView,
    ctx: FlowContext,
    checklist_age: int,
    plan: checkin_plan.Unfinished,
    lead: tuple[Reply, ...] = (),
    recheck_id: int | None = None,
) -> Step:
    state = CheckinState(
        step="question",
        child_id=child.id,
        checklist_age=checklist_age,
        questions=tuple(plan.questions),
        asking=tuple(checkin_plan.sitting(plan.remaining)),
        answers=dict(plan.answers),
        yes_before=tuple(sorted(plan.answered_yes_before & set(plan.questions))),
        recheck_id=recheck_id,
    )
    return Step(state, (*lead, _question(child, state, ctx)))


def _fresh(child: ChildView, ctx: FlowContext, checklist_age: int) -> Step:
    """A new check-in from the first question, introduced with the age it uses."""
    observations = child.observations
    questions = checkin_plan.questions_for(checklist_age, observations, ctx.knowledge)
    if not questions:
        return Step(None, (say(guidance_text.NO_QUESTIONS),))
    plan = checkin_plan.Unfinished(tuple(questions), {}, checkin_plan.answered_yes(observations))
    asking = checkin_plan.sitting(questions)
    current = sum(1 for q in asking if ctx.knowledge.milestone(q).checklist_age == checklist_age)
    intro = say(
        guidance_text.age_line(child.nickname, child.age(ctx.today), child.gestational_weeks),
        " ",
        guidance_text.questions_line(checklist_age, current, len(asking) - current),
    )
    return _begin(child, ctx, checklist_age, plan, (intro,))


def _child_for(ctx: FlowContext, args: str) -> ChildView | Step:
    """The child named by ``args`` (a reminder's button), else the active child."""
    if not args.strip():
        child = ctx.family.active_child
        return child if child else onboarding.start_adding("Let's add your child first.")
    child_id = parse_id(args)
    found = ctx.family.child(child_id) if child_id is not None else None
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
    state = CheckinState(step="resume", child_id=child.id, checklist_age=checklist_age)
    return Step(state, (ask,), switch)


def _on_resume(child: ChildView, state: CheckinState, event: Event, ctx: FlowContext) -> Step:
    checklist_age = state.checklist_age
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


def _on_answer(child: ChildView, state: CheckinState, event: Event, ctx: FlowContext) -> Step:
    questions = _questions(state, ctx)
    answers = dict(state.answers)
    current = next(q for q in questions if q not in answers)
    answer = _answer_of(event, current)
    if answer is None:
        again = (say(guidance_text.ANSWER_HELP), _question(child, state, ctx))
        return Step(state, again, not_an_answer=True)
    age = child.age(ctx.today)
    record = RecordObservation(
        child.id, current, answer, ctx.today, age.months, state.checklist_age
    )
    answers[current] = answer
    replies: list[Reply] = []
    excused = agreement.excuses_regression(
        child.observations, current, ctx.family.me, ctx.today, _window()
    )
    if is_regression(answer, current in state.yes_before) and not excused:
        title = ctx.knowledge.milestone(current).title
        replies.append(say(bold("Urgent. "), guidance_text.regression_now(child.nickname, title)))
    next_state = replace(state, answers=answers)
    if any(q not in answers for q in questions):
        return Step(next_state, (*replies, _question(child, next_state, ctx)), (record,))
    return Step(replace(next_state, step="lost"), (*replies, _lost_question(child)), (record,))


def _yes_no(event: Event) -> bool | None:
    if isinstance(event, ButtonIn):
        return {LOST_YES: True, LOST_NO: False}.get(event.payload)
    if isinstance(event, TextIn):
        # Only a plain yes or no: "Not yet" (the check-in's own answer, typed out of habit)
        # would close the lost-skills question on a guess, so it is asked again instead.
        return parse_yes_no(event.text)
    return None


def _on_lost(child: ChildView, state: CheckinState, event: Event, ctx: FlowContext) -> Step:
    """The lost-skills question: "no" ends the sitting, "yes" asks what."""
    lost = _yes_no(event)
    if lost is None:
        again = (say(guidance_text.LOST_SKILLS_HELP), _lost_question(child))
        return Step(state, again, not_an_answer=True)
    if lost:
        # Advised and recorded at once: a parent who stops here (/cancel, another command)
        # has still been told to call the doctor today, and the summary still shows it.
        ask = guidance_text.LOST_SKILLS_WHAT.replace("{child}", child.nickname)
        urgent = say(bold(default_danger_signs().answers.urgent))
        save = SaveConcern(
            child.id, guidance_text.LOST_SKILLS_YES, LOST_SKILLS_CONCERN, "urgent", ctx.today
        )
        return Step(replace(state, step="lost_what"), (urgent, say(ask)), (save,))
    return _finish(child, state, ctx, lost_skills=False)


def _on_lost_what(child: ChildView, state: CheckinState, event: Event, ctx: FlowContext) -> Step:
    """What the child stopped doing, in the parent's words: kept with the child's worries."""
    text = event.text.strip() if isinstance(event, TextIn) else ""
    if not text:
        ask = guidance_text.LOST_SKILLS_WHAT.replace("{child}", child.nickname)
        return Step(state, (say(ask),))
    # The answer is a worry in the parent's words, so this step triages it (the engine does
    # not pause for it, see ``CheckinState.takes_worry``): an emergency is answered first and sets
    # the result; a lost skill is urgent whatever the triage says.
    danger = assess(text, child.age(ctx.today).months)
    alarm = safety_replies(danger)
    told = danger.level == "emergency"
    level = "emergency" if told else "urgent"
    save = SaveConcern(child.id, text, LOST_SKILLS_CONCERN, level, ctx.today)
    extra: tuple[tuple[str, Level], ...] = ((text, "emergency"),) if told else ()
    step = _finish(child, state, ctx, lost_skills=True, told=extra)
    return Step(step.state, (*alarm, *step.replies), (save, *step.effects))


def _told(state: CheckinState) -> list[tuple[str, Level]]:
    """Danger signs typed during this sitting, with the level each gives its result."""
    return [(text, level) for text, raw in asides.noted(state) if (level := checkin_level(raw))]


def _window() -> int:
    """Days within which two members' different answers are a disagreement."""
    return default_rules().disagreement.within_days


def _excused(child: ChildView, answers: dict[str, Answer]) -> set[str]:
    """This check-in's "not yet" answers that follow another member's recent "yes": a
    disagreement, not a loss of skills (each judged as its own member gave it)."""
    found = set()
    history = child.observations
    for milestone_id, answer in answers.items():
        given = [i for i, o in enumerate(history) if o.milestone_id == milestone_id]
        if answer != "not_yet" or not given:
            continue
        last = history[given[-1]]
        before = history[: given[-1]]
        if agreement.excuses_regression(
            before, milestone_id, last.member_id, last.observed_on, _window()
        ):
            found.add(milestone_id)
    return found


def _together(
    child: ChildView, answers: dict[str, Answer], ctx: FlowContext
) -> tuple[checkin_result.Together, ...]:
    """The check-in's milestones two members answered differently, with who said what."""
    names = {m.id: m.name or "another member" for m in ctx.family.members}
    names[ctx.family.member.id] = "you"
    found = agreement.differing(child.observations, _window(), answers)
    return tuple(
        checkin_result.Together(
            ctx.knowledge.milestone(d.milestone_id).title,
            tuple((names.get(o.member_id or 0, "another member"), o.answer) for o in d.answers),
        )
        for d in found
        if checkin_plan.milestone_or_none(ctx.knowledge, d.milestone_id)
    )


def _finish(
    child: ChildView,
    state: CheckinState,
    ctx: FlowContext,
    *,
    lost_skills: bool,
    told: tuple[tuple[str, Level], ...] = (),
) -> Step:
    """The result of this sitting, and the follow-ups it promises.

    Danger signs typed during the sitting (``asides.noted``) raise the result to their level.
    """
    answers = dict(state.answers)
    known = [q for q in state.questions if checkin_plan.milestone_or_none(ctx.knowledge, q)]
    leftover = [q for q in known if q not in answers]
    clock = child.clock(ctx.today)
    result, found = checkin_result.views(
        child,
        clock,
        answers,
        set(state.yes_before) - _excused(child, answers),
        ctx.knowledge,
        lost_skills=lost_skills,
        leftover=len(leftover),
        told=[*_told(state), *told],
        together=_together(child, answers, ctx),
    )
    effects: list[Effect] = list(
        checkin_result.follow_ups(result, clock, child.id, state.checklist_age, leftover)
    )
    if state.recheck_id is not None:
        effects.insert(0, CloseFollowUp(state.recheck_id))
    who = ctx.family.member.name or "Someone in your family"
    notice = f"✓ {who} did {child.nickname}'s check-in: nothing left to do here."
    effects.append(CheckinDone(child.id, state.checklist_age, notice))
    # "More ideas" never repeats the ideas the result showed.
    ideas = any(view.key == checkin_result.IDEAS for view in found)
    shown = checkin_result.ideas_shown(result, clock.age.months, ctx.knowledge) if ideas else ()
    said = result_on_screen.on_screen(child.id, found, shown)
    # The progress picture, drawn by the engine after the answers are committed.
    names = names_of(ctx.family.members)
    report = build_report(child, ctx.knowledge, ctx.today, ReportOptions(), names=names)
    chart = (SummaryChart(report),) if report.chart else ()
    return Step(said.state, (*said.replies, *chart), tuple(effects))


def recheck(ctx: FlowContext, args: str) -> Step:
    """``/recheck <reminder id>``: a follow-up's button; asks just the items it names."""
    reminder_id = parse_id(args)
    reminder = next(
        (r for r in ctx.family.reminders if r.id == reminder_id and r.kind in RECHECK_KINDS),
        None,
    )
    child = ctx.family.child(reminder.child_id) if reminder else None
    items = [
        i
        for i in (reminder.items if reminder else ())
        if checkin_plan.milestone_or_none(ctx.knowledge, i)
    ]
    if reminder is None or child is None or not items:
        return Step(None, (say("That follow-up is no longer open. /checkin starts a check-in."),))
    age = child.age(ctx.today)
    checklist_age = latest_checklist_age(age.months) or int(reminder.checklist_age)
    plan = checkin_plan.Unfinished(tuple(items), {}, checkin_plan.answered_yes(child.observations))
    intro = say(guidance_text.recheck_intro(child.nickname, len(items)))
    step = _begin(child, ctx, checklist_age, plan, (intro,), recheck_id=reminder.id)
    switch: tuple[Effect, ...] = ()
    active = ctx.family.active_child
    if active is None or active.id != child.id:
        switch = (SetActiveChild(child.id),)
    return Step(step.state, step.replies, switch)


def handle(state: CheckinState, event: Event, ctx: FlowContext) -> Step:
    child = ctx.family.child(state.child_id)
    if child is None:
        return Step(None, (say("I can't find that child any more. /child shows your children."),))
    match state.step:
        case "resume":
            return _on_resume(child, state, event, ctx)
        case "question":
            return _on_answer(child, state, event, ctx)
        case "lost":
            return _on_lost(child, state, event, ctx)
        case "lost_what":
            return _on_lost_what(child, state, event, ctx)
        case _:
            assert_never(state.step)


FLOW = Flow(
    name=NAME,
    start=start,
    steps=Steps.of(CheckinState, handle),
    continue_label="Continue the check-in",
)
#: A follow-up's button: starts a check-in of just its items, which ``FLOW`` then continues.
RECHECK = Flow(name="recheck", start=recheck)
