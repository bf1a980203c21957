"""The message at the end of a check-in: the guidance per domain and ideas to try. Pure.

One message that fits a phone screen, with its parts a button away (``views``): first what
the answers mean, who to contact and the next step; then why each answer sits where it does;
then activities (and adaptations where a daily task is hard). ``follow_ups`` says when
Sprout comes back, as the result promises: every promise in the text is a reminder row.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain import suggestions
from bot.domain.age import Age, AgeClock
from bot.domain.replies import BUDGET, Button, Span, Text, bold, column, say
from bot.domain.views import Answer, ChildView, ReminderKind
from bot.flows import activities
from bot.flows.asides import quote
from bot.flows.checkin import guidance as gt
from bot.flows.checkin.grading import LEVELS, DomainGrade, Grade, Level, Reason, grade
from bot.flows.effects import ScheduleFollowUp
from bot.flows.topics import paginate, plain_length
from knowledge.escalation import Escalation, default_rules
from knowledge.loader import KnowledgeBase
from knowledge.models import Activity, DailyTask, Milestone

#: The views' keys, and the button back to the result.
MAIN, EACH, IDEAS = "main", "answers", "ideas"
BACK = "Back to the result"
#: Levels whose next step is the doctor at once: the result says only what to do now.
AT_ONCE = frozenset({"urgent", "emergency"})
#: Findings that get home games: nothing about them needs the doctor first.
ORDINARY = frozenset({Reason.NOT_SURE, Reason.EMERGING, Reason.FOR_INFORMATION, Reason.MISSED})
#: Findings whose next step is to keep practising and look again (a re-check is scheduled).
PRACTISE = frozenset({Reason.NOT_SURE, Reason.EMERGING, Reason.FOR_INFORMATION})


@dataclass(frozen=True, slots=True)
class Together:
    """A milestone two members answered differently within the disagreement window
    (``bot.domain.agreement``): its title and who answered what, names already chosen
    ("Mum", "you"), oldest answer first. The result asks them to look together."""

    title: str
    said: tuple[tuple[str, Answer], ...]


def _domain_head(domain: DomainGrade) -> list[str | Span]:
    return ["\n\n", bold(f"{gt.DOMAIN_LABEL[domain.domain]}: {gt.LEVEL_LABEL[domain.level]}")]


def _domain(domain: DomainGrade, name: str, age_months: int) -> list[str | Span]:
    """Every answer of a domain that is not "yes", with why it sits at its level."""
    parts = _domain_head(domain)
    behind = domain.behind
    yes = len(domain.findings) - len(behind)
    if not behind:
        return [*parts, " — ", gt.all_yes(yes)]
    for finding in behind:
        parts += [f"\n• “{finding.milestone.title}”: ", gt.reason(finding, name, age_months)]
    if yes:
        parts.append("\n• " + gt.more_yes(yes))
    return parts


def _domain_short(domain: DomainGrade, named: int) -> list[str | Span]:
    """A domain's level and the ``named`` most serious answers behind it, by name (0: how
    many; less: none)."""
    parts = _domain_head(domain)
    behind = domain.behind
    yes = len(domain.findings) - len(behind)
    if not behind:
        return [*parts, " — ", gt.all_yes(yes)]
    titles = [f"“{f.milestone.title}”" for f in behind[: max(named, 0)]]
    more = len(behind) - len(titles)
    if titles:
        parts.append("\n• " + ", ".join(titles) + (f" and {more} more" if more else ""))
    elif named == 0:
        parts.append(f"\n• {len(behind)} not yet or not sure")
    return parts  # named < 0: the level alone, when what the parent told me needs the room


def summary(
    result: Grade,
    name: str,
    age: Age,
    *,
    leftover: int = 0,
    rules: Escalation | None = None,
    together: Sequence[Together] = (),
) -> Text:
    """The result for a phone screen: the levels, fine and gross apart, with the answers they
    rest on by name (as many as fit), who to contact and the next step. Why each answer sits
    at its level is in ``answers``, a button away.

    Danger signs the parent typed during the check-in (``result.told``, a lost skill in their
    own words) are listed with why they set the result, whatever the answers, and come first;
    then answers two members gave differently (``together``), with who said what.
    """
    for named in (2, 1, 0, -1):
        text = _summary(result, name, age, named, leftover, rules or default_rules(), together)
        if len(text.plain) <= BUDGET:
            break
    return text


def _summary(
    result: Grade,
    name: str,
    age: Age,
    named: int,
    leftover: int,
    rules: Escalation,
    together: Sequence[Together] = (),
) -> Text:
    parts: list[str | Span] = [gt.done_intro(name, age)]
    # What the parent told us and a lost skill come first: they set the result whatever the
    # answers, and an emergency must not read as the last line under "talk to the doctor soon".
    if result.told:
        parts += ["\n\n", bold(gt.TOLD_TITLE)]
        for text, told_level in result.told:
            parts += [f"\n• {quote(text)}: ", gt.told(told_level, name)]
    if result.lost_skills:
        parts += ["\n\n", bold("Lost skills: "), gt.lost_skills_finding(name)]
    if together:
        parts += ["\n\n", bold(gt.TOGETHER_TITLE), " ", rules.disagreement.says]
        parts += [f"\n• {gt.together_line(t.title, t.said)}" for t in together]
    for domain in result.domains:
        parts += _domain_short(domain, named)
    look = [f.milestone.title for f in result.findings if f.reason is Reason.LOOK_THIS_WEEK]
    practise = any(f.reason in PRACTISE for f in result.findings)
    look_line = gt.look_this_week(look, rules.look_again_days) if look else None
    if result.level == "watch" and look_line and not practise:
        step, look_line = look_line, None  # looking this week is the whole next step
    else:
        step = gt.next_step(result.level, name, rules.practise_days, urgent_because(result))
    parts += ["\n\n", bold("Next step: "), step]
    contact = gt.who_to_contact(result.level, name, age.months)
    if contact:
        parts += ["\n", contact]
    if result.level not in AT_ONCE:
        parts += _later(result, name, leftover, rules, look_line)
    on_track = result.level == "on_track"
    return say(*parts, buttons=column(Button(gt.IDEAS_TITLE, "/activities")) if on_track else None)


def urgent_because(result: Grade) -> tuple[bool, bool]:
    """Where an urgent result's urgency comes from: (the parent's own words: a danger sign
    typed during the check-in or "yes" to the lost-skills question; the answers: a skill long
    overdue, lost since a "yes", or needing a same-day check)."""
    told = result.lost_skills or any(
        LEVELS.index(level) >= LEVELS.index("urgent") for _, level in result.told
    )
    levels = [d.level for d in result.domains] + [r.level for r in result.raised_by]
    answered = any(LEVELS.index(level) >= LEVELS.index("urgent") for level in levels)
    return told, answered


def _later(
    result: Grade, name: str, leftover: int, rules: Escalation, look_line: str | None
) -> list[str | Span]:
    """What Sprout will ask again, and when (each a promise a reminder keeps)."""
    parts: list[str | Span] = []
    if look_line:
        parts += ["\n", look_line]
    not_sure = any(f.reason is Reason.NOT_SURE for f in result.findings)
    if not_sure and result.level != "watch":
        parts += ["\n", gt.look_again(name, rules.practise_days)]
    if leftover:
        parts += ["\n", gt.more_questions(leftover, rules.more_questions_days)]
    return parts


#: Room for one view of the answers: the budget less its buttons' worth of margin.
ANSWERS_ROOM = BUDGET - 30


def answers(
    result: Grade, name: str, age: Age, *, leftover: int = 0, rules: Escalation | None = None
) -> tuple[View, ...]:
    """Why each answer that is not "yes" sits at its level, and the misses that count more
    together; nothing when every answer was "yes". When the doctor is needed at once, what
    Sprout will ask again later is said here, so the result itself keeps to what to do now.

    One view, "Each answer", when it fits a screen; otherwise a view per motor domain
    ("Why: whole body", then "More: whole body" if it needs two), and what adds up and what
    comes later on the last of them, or on its own view: every button says what it shows.
    """
    rules = rules or default_rules()
    later: list[str | Span] = []
    if result.level in AT_ONCE:
        look = [f.milestone.title for f in result.findings if f.reason is Reason.LOOK_THIS_WEEK]
        look_line = gt.look_this_week(look, rules.look_again_days) if look else None
        later = _later(result, name, leftover, rules, look_line)
    if not any(d.behind for d in result.domains) and not result.raised_by and not later:
        return ()
    tail: list[str | Span] = []
    for rule in result.raised_by:
        tail += ["\n\n", bold("Together: "), rule.says]
    if later:
        tail += ["\n\n", bold("Later: "), *later[1:]]
    domains = [(d.domain, _domain(d, name, age.months)) for d in result.domains]
    whole: list[str | Span] = [bold(gt.EACH_ANSWER), *(p for _, ps in domains for p in ps), *tail]
    if plain_length(whole) <= ANSWERS_ROOM:
        return (View(EACH, gt.EACH_ANSWER, say(*whole)),)
    views: list[tuple[str, list[str | Span]]] = []
    for domain, parts in domains:
        if not next(d for d in result.domains if d.domain == domain).behind:
            continue  # all "yes": the result itself says so
        for n, page in enumerate(paginate(_strip(parts), ANSWERS_ROOM - 40), start=1):
            if n == 1:
                views.append((gt.ANSWERS_OF[domain], page))
            else:
                head = bold(f"{gt.DOMAIN_LABEL[domain]}, {gt.CONTINUED}")
                views.append((gt.MORE_ANSWERS_OF[domain], [head, "\n", *page]))
    if tail:
        label = gt.TOGETHER_AND_LATER[bool(result.raised_by), bool(later)]
        if views and plain_length([*views[-1][1], *tail]) <= ANSWERS_ROOM:
            views[-1] = (views[-1][0], [*views[-1][1], *tail])
        else:
            views.append((label, _strip(tail)))
    return tuple(
        View(EACH if n == 1 else f"{EACH}{n}", label, say(*parts))
        for n, (label, parts) in enumerate(views, start=1)
    )


def _strip(parts: list[str | Span]) -> list[str | Span]:
    """``parts`` without the blank line they start with (they now start a message)."""
    return parts[1:] if parts and parts[0] == "\n\n" else parts


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


Line = tuple[str | None, list[str | Span]]


def _ideas(result: Grade, age_months: int, knowledge: KnowledgeBase) -> list[Line] | None:
    """The ideas the result shows, each with its activity id (None: an adaptation): as many
    as fit one message, activities first (at least one), then ways to make hard tasks easier.
    What is left is one "More ideas" or one "Easier ..." button away in ``/activities``."""
    plan, tasks, core_first = _plan(result, age_months, knowledge)
    if not plan and not tasks:
        return None
    head: list[str | Span] = [bold(gt.IDEAS_TITLE)]
    if core_first:
        head += ["\n", gt.CORE_FIRST]
    lines: list[Line] = [(None, head)]
    for activity, skills in plan:
        practises = ", ".join(f"“{m.title}”" for m in skills)
        line: list[str | Span] = ["\n• ", bold(activity.title), ": "]
        line += suggestions.safety_first(activity.safety, activity.summary)
        lines.append((activity.id, [*line, f" (for {practises})" if practises else ""]))
    for task, ids in tasks.items():
        found = suggestions.adaptation_for(task, ids, knowledge, age_months)
        if found:
            example = found[1]
            line = ["\n• ", bold(f"Easier {gt.TASK_LABEL[task]}: ")]
            lines.append((None, line + suggestions.safety_first(example.safety, example.text)))
    kept: list[Line] = []
    for index, (activity_id, line) in enumerate(lines):
        used = sum(plain_length(parts) for _, parts in [*kept, (activity_id, line)])
        if index > 1 and used > BUDGET:
            continue
        kept.append((activity_id, line))
    return kept


def ideas_shown(result: Grade, age_months: int, knowledge: KnowledgeBase) -> tuple[str, ...]:
    """The ids of the activities ``ideas`` shows: "More ideas" goes on without them."""
    lines = _ideas(result, age_months, knowledge) or []
    return tuple(activity_id for activity_id, _ in lines if activity_id is not None)


def ideas(result: Grade, age_months: int, knowledge: KnowledgeBase) -> Text | None:
    """Activities for skills to practise, adaptations for tasks made hard.

    Only ordinary findings get home games (keep practising, a missed milestone): a red flag,
    even one only "not sure" past its age, or a loss of skills is for the doctor first; a
    game for a limb that moves less could even hurt it. "Not yet" answers count as behind
    (core first, adaptations); "not sure" ones get activities too, to try before looking
    again. "More ideas" continues in ``/activities`` without the ones shown here.
    """
    lines = _ideas(result, age_months, knowledge)
    if lines is None:
        return None
    return say(*(part for _, parts in lines for part in parts))


@dataclass(frozen=True, slots=True)
class View:
    """One of the result's views, all in one message: the result, each answer, ideas."""

    key: str
    label: str
    text: Text


def views(
    child: ChildView,
    clock: AgeClock,
    answered: Mapping[str, Answer],
    yes_before: Collection[str],
    knowledge: KnowledgeBase,
    *,
    lost_skills: bool = False,
    leftover: int = 0,
    told: Sequence[tuple[str, Level]] = (),
    together: Sequence[Together] = (),
) -> tuple[Grade, tuple[View, ...]]:
    """The grade, and the result's views when the last question is answered: the result
    first; then why each answer sits where it does; then ideas to try, unless a loss of
    skills or a danger sign makes the doctor the only next step.

    ``told``: danger signs typed during the check-in, as ``(text, level)`` (see ``Grade``);
    ``together``: answers two members gave differently (see ``summary``).
    """
    age = clock.age
    result = grade(answered, knowledge, clock, yes_before, lost_skills=lost_skills, told=told)
    main = summary(result, child.nickname, age, leftover=leftover, together=together)
    found = [View(MAIN, BACK, main)]
    found += answers(result, child.nickname, age, leftover=leftover)
    if result.level not in ("urgent", "emergency"):
        extra = ideas(result, age.months, knowledge)
        if extra is not None:
            found.append(View(IDEAS, gt.IDEAS_TITLE, extra))
    return result, tuple(found)
