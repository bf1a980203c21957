"""The message at the end of a check-in: the guidance per domain and ideas to try. Pure.

Two short messages rather than one long one, so each fits a phone screen: first what the
answers mean and the next step, then activities (and adaptations where a daily task is hard).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from bot.age import Age
from bot.flows import guidance_text as gt
from bot.flows import suggestions
from bot.flows.asides import quote
from bot.flows.base import Answer, ChildView
from bot.flows.grading import DomainGrade, Grade, Level, Reason, grade, worst
from bot.replies import Button, Reply, Span, bold, column, say
from knowledge.loader import KnowledgeBase

MORE_IDEAS = column(Button("More ideas", "/activities"))


def _domain(domain: DomainGrade, name: str, age_months: int) -> list[str | Span]:
    parts: list[str | Span] = [
        "\n\n",
        bold(f"{gt.DOMAIN_LABEL[domain.domain]}: {gt.LEVEL_LABEL[domain.level]}"),
    ]
    behind = domain.behind
    yes = len(domain.findings) - len(behind)
    if not behind:
        return [*parts, " — ", gt.all_yes(yes)]
    for finding in behind:
        parts += [f"\n• “{finding.milestone.title}”: ", gt.reason(finding, name, age_months)]
    if yes:
        parts.append("\n• " + gt.more_yes(yes))
    return parts


def summary(result: Grade, name: str, age: Age, told: Sequence[tuple[str, Level]] = ()) -> Reply:
    """The levels, fine and gross apart, with what each rests on and the next step.

    ``told`` holds danger signs the parent typed during the check-in (a lost skill in their
    own words): they make the result at least as serious as their level, and it says why.
    """
    level = worst([result.level, *(told_level for _, told_level in told)])
    parts: list[str | Span] = [gt.done_intro(name, age)]
    for domain in result.domains:
        parts += _domain(domain, name, age.months)
    if told:
        parts += ["\n\n", bold(gt.TOLD_TITLE)]
        for text, told_level in told:
            parts += [f"\n• {quote(text)}: ", gt.told(told_level, name)]
    parts += ["\n\n", bold("Next step: "), gt.next_step(level, name)]
    not_sure = any(f.reason is Reason.NOT_SURE for f in result.findings)
    if not_sure and level != "watch":
        parts += ["\n", gt.look_again(name)]
    on_track = level == "on_track"
    return say(*parts, buttons=column(Button(gt.IDEAS_TITLE, "/activities")) if on_track else None)


def ideas(result: Grade, age_months: int, knowledge: KnowledgeBase) -> Reply | None:
    """Activities for every skill not answered yes, adaptations for tasks made hard.

    "Not yet" answers count as behind (core first, adaptations); "not sure" ones get
    activities too, to try before looking again.
    """
    behind = [f.milestone for d in result.domains for f in d.behind]
    not_yet = [f.milestone for d in result.domains for f in d.behind if f.answer == "not_yet"]
    core_first = suggestions.needs_core_first(not_yet)
    plan = suggestions.plan_for(behind, age_months, knowledge, core_first=core_first)
    tasks = suggestions.hard_tasks(not_yet)
    if not plan and not tasks:
        return None
    parts: list[str | Span] = [bold(gt.IDEAS_TITLE)]
    if core_first:
        parts += ["\n", gt.CORE_FIRST]
    for activity, skills in plan:
        practises = ", ".join(f"“{m.title}”" for m in skills)
        parts += ["\n• ", bold(activity.title), ": "]
        parts += suggestions.safety_first(activity.safety, activity.summary)
        if practises:
            parts.append(f" (for {practises})")
    for task, ids in tasks.items():
        found = suggestions.adaptation_for(task, ids, knowledge, age_months)
        if found:
            example = found[1]
            parts += ["\n• ", bold(f"Easier {gt.TASK_LABEL[task]}: ")]
            parts += suggestions.safety_first(example.safety, example.text)
    return say(*parts, buttons=MORE_IDEAS)


def replies(
    child: ChildView,
    age: Age,
    answers: Mapping[str, Answer],
    yes_before: Collection[str],
    knowledge: KnowledgeBase,
    told: Sequence[tuple[str, Level]] = (),
) -> tuple[Reply, ...]:
    """Everything said when the last question is answered (``told``: see ``summary``)."""
    result = grade(answers, knowledge, age.months, yes_before)
    extra = ideas(result, age.months, knowledge)
    return (summary(result, child.nickname, age, told), *((extra,) if extra else ()))
