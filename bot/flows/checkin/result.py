"""The message at the end of a check-in: the guidance per domain and ideas to try. Pure.

Two short messages rather than one long one, so each fits a phone screen: first what the
answers mean, who to contact and the next step, then activities (and adaptations where a
daily task is hard). ``follow_ups`` says when Sprout comes back, as the result promises:
every promise in the text is a reminder row.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date, timedelta

from bot.domain import suggestions
from bot.domain.age import Age, AgeClock
from bot.domain.replies import Button, Reply, Span, Text, bold, column, say
from bot.domain.views import Answer, ChildView, ReminderKind
from bot.flows import activities
from bot.flows.asides import quote
from bot.flows.checkin import guidance as gt
from bot.flows.checkin.grading import DomainGrade, Grade, Level, Reason, grade
from bot.flows.effects import ScheduleFollowUp
from knowledge.escalation import Escalation, default_rules
from knowledge.loader import KnowledgeBase
from knowledge.models import Activity, DailyTask, Milestone

#: Findings that get home games: nothing about them needs the doctor first.
ORDINARY = frozenset({Reason.NOT_SURE, Reason.EMERGING, Reason.FOR_INFORMATION, Reason.MISSED})
#: Findings whose next step is to keep practising and look again (a re-check is scheduled).
PRACTISE = frozenset({Reason.NOT_SURE, Reason.EMERGING, Reason.FOR_INFORMATION})


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


def summary(
    result: Grade, name: str, age: Age, *, leftover: int = 0, rules: Escalation | None = None
) -> Text:
    """The levels, fine and gross apart, with what each rests on, who to contact and the
    next step.

    Danger signs the parent typed during the check-in (``result.told``, a lost skill in their
    own words) are listed with why they set the result, whatever the answers.
    """
    rules = rules or default_rules()
    parts: list[str | Span] = [gt.done_intro(name, age)]
    # What the parent told us and a lost skill come first: they set the result whatever the
    # answers, and an emergency must not read as the last line under "talk to the doctor soon".
    if result.told:
        parts += ["\n\n", bold(gt.TOLD_TITLE)]
        for text, told_level in result.told:
            parts += [f"\n• {quote(text)}: ", gt.told(told_level, name)]
    if result.lost_skills:
        parts += ["\n\n", bold("Lost skills: "), gt.lost_skills_finding(name)]
    for domain in result.domains:
        parts += _domain(domain, name, age.months)
    for rule in result.raised_by:
        parts += ["\n\n", bold("Together: "), rule.says]
    look = [f.milestone.title for f in result.findings if f.reason is Reason.LOOK_THIS_WEEK]
    practise = any(f.reason in PRACTISE for f in result.findings)
    look_line = gt.look_this_week(look, rules.look_again_days) if look else None
    if result.level == "watch" and look_line and not practise:
        step, look_line = look_line, None  # looking this week is the whole next step
    else:
        step = gt.next_step(result.level, name, rules.practise_days)
    parts += ["\n\n", bold("Next step: "), step]
    contact = gt.who_to_contact(result.level, name, age.months)
    if contact:
        parts += ["\n", contact]
    if look_line:
        parts += ["\n", look_line]
    not_sure = any(f.reason is Reason.NOT_SURE for f in result.findings)
    if not_sure and result.level != "watch":
        parts += ["\n", gt.look_again(name, rules.practise_days)]
    if leftover:
        parts += ["\n", gt.more_questions(leftover, rules.more_questions_days)]
    on_track = result.level == "on_track"
    return say(*parts, buttons=column(Button(gt.IDEAS_TITLE, "/activities")) if on_track else None)


def follow_ups(
    result: Grade,
    clock: AgeClock,
    child_id: int,
    checklist_age: int,
    leftover: Sequence[str] = (),
    rules: Escalation | None = None,
) -> tuple[ScheduleFollowUp, ...]:
    """The reminders this result promises (see ``knowledge/escalation.yaml`` for timing).

    - "not sure" on a red-flag item past its age: just those items, in a week;
    - "keep practising" items, and red-flag items not there yet whose red-flag age is still
      ahead: those items after ``practise_days``, or on the day the first red-flag age is
      reached if that comes sooner (so a red flag is never found a check-in late);
    - "talk to the doctor soon", "urgent" or an emergency typed during the check-in: did the
      family reach someone, a week later;
    - questions left over by the cap: the rest, a week later.
    """
    rules = rules or default_rules()
    today = clock.today
    out: list[ScheduleFollowUp] = []

    def add(kind: ReminderKind, due: date, items: Sequence[str] = ()) -> None:
        out.append(ScheduleFollowUp(child_id, kind, checklist_age, due, tuple(items)))

    def after(days: int) -> date:
        return today + timedelta(days=days)

    look = [f.milestone.id for f in result.findings if f.reason is Reason.LOOK_THIS_WEEK]
    if look:
        add(ReminderKind.LOOK_AGAIN, after(rules.look_again_days), look)
    practise = [f for f in result.findings if f.reason in PRACTISE]
    flag_ahead = [
        f
        for f in result.findings
        if f.answer == "not_yet"
        and f.reason is not Reason.REGRESSION
        and f.milestone.red_flag_after_months is not None
        and not clock.reached(f.milestone.red_flag_after_months)
    ]
    items = list(dict.fromkeys(f.milestone.id for f in [*practise, *flag_ahead]))
    if items:
        due = after(rules.practise_days)
        for f in [*practise, *flag_ahead]:
            flag = f.milestone.red_flag_after_months
            if flag is not None and not clock.reached(flag):
                due = min(due, clock.day_reaching(flag))
        add(ReminderKind.PRACTISE, due, items)
    if result.level in ("prompt", "urgent", "emergency"):
        add(ReminderKind.DOCTOR, after(rules.doctor_follow_up_days))
    if leftover:
        add(ReminderKind.MORE, after(rules.more_questions_days), leftover)
    return tuple(out)


def _plan(
    result: Grade, age_months: int, knowledge: KnowledgeBase
) -> tuple[list[tuple[Activity, tuple[Milestone, ...]]], dict[DailyTask, list[str]], bool]:
    """The activities the result shows (a page of them, the rest behind "More ideas"), the
    daily tasks made hard, and whether core and shoulder activities lead."""
    ordinary = [f for d in result.domains for f in d.behind if f.reason in ORDINARY]
    behind = [f.milestone for f in ordinary]
    not_yet = [f.milestone for f in ordinary if f.answer == "not_yet"]
    core_first = suggestions.needs_core_first(not_yet)
    plan = suggestions.plan_for(behind, age_months, knowledge, core_first=core_first)
    return plan[: activities.PAGE], suggestions.hard_tasks(not_yet), core_first


def ideas_shown(result: Grade, age_months: int, knowledge: KnowledgeBase) -> tuple[str, ...]:
    """The ids of the activities ``ideas`` shows: "More ideas" goes on without them."""
    return tuple(activity.id for activity, _ in _plan(result, age_months, knowledge)[0])


def ideas(result: Grade, age_months: int, knowledge: KnowledgeBase) -> Text | None:
    """Activities for skills to practise, adaptations for tasks made hard.

    Only ordinary findings get home games (keep practising, a missed milestone): a red flag,
    even one only "not sure" past its age, or a loss of skills is for the doctor first; a
    game for a limb that moves less could even hurt it. "Not yet" answers count as behind
    (core first, adaptations); "not sure" ones get activities too, to try before looking
    again. "More ideas" continues in ``/activities`` without the ones shown here.
    """
    plan, tasks, core_first = _plan(result, age_months, knowledge)
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
    more = activities.more_button(len(plan))
    return say(*parts, buttons=column(more))


def replies(
    child: ChildView,
    clock: AgeClock,
    answers: Mapping[str, Answer],
    yes_before: Collection[str],
    knowledge: KnowledgeBase,
    *,
    lost_skills: bool = False,
    leftover: int = 0,
    told: Sequence[tuple[str, Level]] = (),
) -> tuple[Grade, tuple[Reply, ...]]:
    """The grade, and everything said when the last question is answered.

    ``told``: danger signs typed during the check-in, as ``(text, level)`` (see ``Grade``).
    """
    age = clock.age
    result = grade(answers, knowledge, clock, yes_before, lost_skills=lost_skills, told=told)
    said = summary(result, child.nickname, age, leftover=leftover)
    if result.level in ("urgent", "emergency"):
        # A loss of skills or a danger sign closes with who to contact, not home games.
        return result, (said,)
    extra = ideas(result, age.months, knowledge)
    return result, (said, *((extra,) if extra else ()))
