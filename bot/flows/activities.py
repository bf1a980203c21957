"""``/activities``: ideas to try at home for the active child, a few at a time.

The skills most worth practising come first, judged from the latest answers: those graded
most serious, then "not sure" ones, then skills of the child's checklist age not yet answered
"yes", then the next checklist age's (emerging skills). Where hand and trunk skills lag
together, core and shoulder activities lead. "More ideas" never repeats an activity within
the conversation (the ids shown are kept in the state), and wherever a daily task is hard
the parent can ask for ways to make it easier (adaptations).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from bot.domain import suggestions
from bot.domain.age import latest_checklist_age
from bot.domain.replies import BUDGET, Button, Edit, Reply, Span, Text, bold, fit_name, say
from bot.domain.views import ChildView
from bot.flows import concern, onboarding
from bot.flows.base import ButtonIn, Event, Flow, FlowContext, FlowState, Step, Steps, TextIn
from bot.flows.checkin import guidance as guidance_text
from bot.flows.checkin import plan as checkin_plan
from bot.flows.checkin.grading import LEVELS, judge
from bot.flows.topics import plain_length
from knowledge.models import CHECKLIST_AGES, Activity, DailyTask, Milestone

NAME = "activities"
PAGE = 3
MORE, ADAPT, HOW, BACK = "act:more:", "act:adapt:", "act:how:", "act:back"
#: When every idea for the age was shown: one line, under the last page or alone.
NO_MORE = "That is every idea I have for this age for now; /checkin later for new ones."


@dataclass(frozen=True, slots=True, kw_only=True)
class ActivitiesState(FlowState):
    """A page of ideas is on screen."""

    flow: ClassVar[str] = NAME
    step: Literal["ideas"]
    child_id: int
    #: Every activity shown in this conversation, so "More ideas" never repeats one.
    shown: tuple[str, ...]
    #: Whether there are more ideas to show.
    more: bool
    #: The ideas on the page on screen, whose steps are one button away.
    page: tuple[str, ...] = ()


def focus(child: ChildView, months: int, ctx: FlowContext) -> list[Milestone]:
    """The milestones most worth practising now, most important first."""
    kb = ctx.knowledge
    latest = checkin_plan.latest_answers(child.observations)
    yes_before = checkin_plan.yes_before_latest(child.observations)
    clock = child.clock(ctx.today)
    judged = [
        judge(m, latest[m.id], clock, answered_yes_before=m.id in yes_before)
        for m in kb.milestones
        if latest.get(m.id) in checkin_plan.OPEN_ANSWERS and m.checklist_age <= months
    ]
    judged.sort(key=lambda f: (-LEVELS.index(f.level), f.answer != "not_yet"))
    reached = latest_checklist_age(months) or CHECKLIST_AGES[0]
    upcoming = next((a for a in CHECKLIST_AGES if a > reached), reached)
    ahead = [
        m
        for age in (reached, upcoming)
        for m in kb.milestones
        if m.checklist_age == age and m.id not in latest
    ]
    return [f.milestone for f in judged] + ahead


def behind(child: ChildView, ctx: FlowContext) -> list[Milestone]:
    """Milestones whose latest answer is "not yet"."""
    latest = checkin_plan.latest_answers(child.observations)
    return [m for m in ctx.knowledge.milestones if latest.get(m.id) == "not_yet"]


def ranked(child: ChildView, months: int, ctx: FlowContext) -> list[Activity]:
    """Every activity worth offering, best first."""
    kb = ctx.knowledge
    lagging = behind(child, ctx)
    core_first = suggestions.needs_core_first(lagging)
    chosen = suggestions.core_activities(lagging, months, kb) if core_first else []
    for milestone in focus(child, months, ctx):
        chosen += suggestions.for_milestone(milestone.id, months, kb, prefer_proximal=core_first)
    chosen += [a for a in kb.activities if a.suits(months)]
    return suggestions.unique(chosen)


def _render(activity: Activity) -> list[str | Span]:
    """An idea on a page: its name, its safety note first, what it is; the steps are behind
    its "How" button, so a page of ideas fits a phone screen."""
    parts: list[str | Span] = ["\n\n", bold(activity.title), ": "]
    return parts + suggestions.safety_first(activity.safety, activity.summary)


def _steps(activity: Activity, buttons: list[list[Button]]) -> Text:
    parts: list[str | Span] = [bold(activity.title), "\n", bold("You need: ")]
    parts.append(", ".join(activity.materials))
    parts += [f"\n{n}. {text}" for n, text in enumerate(activity.steps, start=1)]
    return say(*parts, buttons=[[Button("Back to the ideas", BACK)], *buttons])


def more_button(shown: int) -> Button:
    """ "More ideas" after ``shown`` ideas: a payload unique to the page, so an old one is
    stale."""
    return Button("More ideas", f"{MORE}{shown}")


def continued(child_id: int, shown: tuple[str, ...]) -> ActivitiesState:
    """Ideas shown elsewhere (a check-in's result), so "More ideas" goes on without them."""
    return ActivitiesState(step="ideas", child_id=child_id, shown=shown, more=True)


def _how(page: list[Activity]) -> list[list[Button]]:
    return [[Button(fit_name("How: {name}", a.title), f"{HOW}{a.id}")] for a in page]


def _buttons(state: ActivitiesState, tasks: list[DailyTask]) -> list[list[Button]]:
    """More ideas and adaptations."""
    rows = [[more_button(len(state.shown))]] if state.more else []
    rows += [
        [Button(f"Easier {guidance_text.TASK_LABEL[task]}", f"{ADAPT}{task}")] for task in tasks
    ]
    return rows


def _fill(fresh: list[Activity], room: int) -> list[Activity]:
    """The next ideas for a page: up to ``PAGE``, as many as fit ``room`` (at least one)."""
    page: list[Activity] = []
    for activity in fresh[:PAGE]:
        used = sum(plain_length(_render(a)) for a in [*page, activity])
        if page and used > room:
            break
        page.append(activity)
    return page


def _page(child: ChildView, ctx: FlowContext, shown: list[str], lead: list[str | Span]) -> Step:
    months = child.age(ctx.today).months
    fresh = [a for a in ranked(child, months, ctx) if a.id not in shown]
    tasks = list(suggestions.hard_tasks(behind(child, ctx)))
    if not fresh:
        return Step(None, (say(NO_MORE),))
    page = _fill(fresh, BUDGET - plain_length(lead) - len(NO_MORE) - 2)
    shown = shown + [a.id for a in page]
    parts = [*lead, *(p for activity in page for p in _render(activity))]
    more_left = len(fresh) > len(page)
    if not more_left:
        parts.append(f"\n\n{NO_MORE}")
    state = ActivitiesState(
        step="ideas",
        child_id=child.id,
        shown=tuple(shown),
        more=more_left,
        page=tuple(a.id for a in page),
    )
    return Step(state, (say(*parts, buttons=[*_how(page), *_buttons(state, tasks)]),))


def _again(child: ChildView, state: ActivitiesState, ctx: FlowContext) -> Text:
    """The page on screen before its "How" was pressed, shown in its place again."""
    activities = {a.id: a for a in ctx.knowledge.activities}
    page = [activities[i] for i in state.page if i in activities]
    parts: list[str | Span] = ["Ideas for ", bold(child.nickname), ":"]
    parts += [p for activity in page for p in _render(activity)]
    tasks = list(suggestions.hard_tasks(behind(child, ctx)))
    return say(*parts, buttons=[*_how(page), *_buttons(state, tasks)])


def start(ctx: FlowContext, _args: str) -> Step:
    child = ctx.family.active_child
    if child is None:
        return onboarding.start_adding("Let's add your child first, so the ideas fit the age.")
    age = child.age(ctx.today)
    lead: list[str | Span] = [
        guidance_text.age_line(child.nickname, age, child.gestational_weeks),
        " Ideas to try at home, the most useful first:",
    ]
    return _page(child, ctx, [], lead)


def _adaptations(
    task: DailyTask, child: ChildView, ctx: FlowContext, buttons: list[list[Button]]
) -> Reply:
    parts: list[str | Span] = [bold(f"Making {guidance_text.TASK_LABEL[task]} easier")]
    months = child.age(ctx.today).months
    for adaptation in ctx.knowledge.adaptations:
        for example in adaptation.examples_for(months):
            if example.task == task:
                parts += ["\n• ", bold(adaptation.title), ": "]
                parts += suggestions.safety_first(example.safety, example.text)
    parts.append(f"\nAn occupational therapist can help pick what suits {child.nickname}.")
    return say(*parts, buttons=buttons)


def handle(state: ActivitiesState, event: Event, ctx: FlowContext) -> Step:
    child = ctx.family.child(state.child_id)
    if child is None:
        return Step(None, (say("I can't find that child any more. /child shows your children."),))
    if isinstance(event, TextIn):  # a worry typed here is answered like anywhere else
        return concern.FLOW.start(ctx, event.text)
    shown = list(state.shown)
    if isinstance(event, ButtonIn) and event.payload.startswith(MORE):
        return _page(child, ctx, shown, ["More ideas for ", bold(child.nickname), ":"])
    if isinstance(event, ButtonIn) and event.payload.startswith(HOW):
        wanted = event.payload.removeprefix(HOW)
        activity = next((a for a in ctx.knowledge.activities if a.id == wanted), None)
        if activity is not None and activity.id in state.page:
            tasks = list(suggestions.hard_tasks(behind(child, ctx)))
            return Step(state, (Edit(_steps(activity, _buttons(state, tasks))),))
    if isinstance(event, ButtonIn) and event.payload == BACK:
        return Step(state, (Edit(_again(child, state, ctx)),))
    if isinstance(event, ButtonIn) and event.payload.startswith(ADAPT):
        tasks = list(suggestions.hard_tasks(behind(child, ctx)))
        task = next((t for t in tasks if t == event.payload.removeprefix(ADAPT)), None)
        if task is not None:
            return Step(state, (_adaptations(task, child, ctx, _buttons(state, tasks)),))
    return Step(state, (say("Please press one of the buttons, or type /cancel."),))


FLOW = Flow(
    name=NAME,
    start=start,
    steps=Steps.of(ActivitiesState, handle),
    continue_label="Back to the ideas",
)
