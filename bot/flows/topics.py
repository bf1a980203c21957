"""Showing one knowledge base entry to a parent, tailored to the child's age.

Answers stay phone-sized: a short summary, what is typical at this age, two or three things to
try, when to talk to the doctor, who helps, and always a next step. Helper names and wording
for the kinds live here so every entry of a kind reads the same way.

A worry knows the child: its red-flag signs (``knowledge/escalation.yaml``) are compared with
the active child's exact age, and the answer leads with the one that applies ("Bea is 8
months: ... is worth a call to the doctor soon"). The closing line follows the level: a red
flag or an urgent sign closes with who to contact and offers no home games; only ordinary
worries close with "try one idea this week".

Only optional lines are ever cut to keep an answer short. Lines have a priority: safety notes
and every "talk to the doctor" line (red flags, lost skills, one-sidedness) always appear, and
safety comes first; ideas to try fill the room that is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from bot.domain.age import AgeClock, describe_age, describe_months
from bot.domain.replies import Span, bold
from bot.flows.checkin.grading import LEVELS, Level, worst
from bot.flows.checkin.guidance import most_by, who_to_contact
from knowledge.escalation import ConcernFlag, Escalation, default_rules
from knowledge.loader import KnowledgeBase
from knowledge.models import (
    Activity,
    Adaptation,
    Concern,
    Condition,
    Entry,
    Explainer,
    Helper,
    Milestone,
)

HELPER_NAMES: dict[Helper, str] = {
    "pediatrician": "your child's doctor",
    "occupational_therapist": "an occupational therapist (hands, daily tasks)",
    "physical_therapist": "a physical therapist (movement, balance, strength)",
    "speech_therapist": "a speech therapist",
    "developmental_pediatrician": "a developmental pediatrician",
    "pediatric_neurologist": "a pediatric neurologist",
    "orthopedist": "a pediatric orthopedist",
    "rheumatologist": "a pediatric rheumatologist",
    # Region-neutral (clinical review): "early intervention" is a US programme for under-3s;
    # elsewhere, and after 3, other services do this.
    "early_intervention": (
        "your local early-intervention or child-development service (who runs it, and up "
        "to what age, depends on where you live)"
    ),
    "school": "your child's school or nursery",
}
NOT_A_DIAGNOSIS = "This is general guidance, not a diagnosis: only a doctor can assess your child."
ORDINARY_CLOSING = (
    "What next? Try one idea this week, or run a check-in to see where things stand."
)
DISCUSS_CLOSING = "What next? Raise it at the next visit; meanwhile, try one idea this week."
BEFORE_THE_VISIT = (
    "Write down what you noticed and since when, and take a short video if you can: it "
    "helps the doctor see what you see."
)
FLAG_SAYS: dict[Level, str] = {
    "discuss": "is worth raising with the doctor",
    "prompt": "is worth a call to the doctor soon",
    "urgent": "needs the doctor as soon as possible",
}


@dataclass(frozen=True, slots=True)
class ChildAge:
    """The active child a topic answer is for: name and exact age."""

    name: str
    clock: AgeClock


def applying(flags: tuple[ConcernFlag, ...], clock: AgeClock) -> list[ConcernFlag]:
    """The flags whose age window contains the child's exact age, most serious first."""
    found = [
        f
        for f in flags
        if clock.reached(f.after_months)
        and (f.until_months is None or not clock.reached(f.until_months))
    ]
    return sorted(found, key=lambda f: LEVELS.index(f.level), reverse=True)


def topic_level(entry: Entry, child: ChildAge | None, rules: Escalation | None = None) -> Level:
    """The level a topic answer closes with: the most serious red flag that applies."""
    if child is None or not isinstance(entry, Concern):
        return "on_track"
    flags = applying((rules or default_rules()).flags_for(entry.id), child.clock)
    return worst(f.level for f in flags)


def _flag_lead(concern: Concern, child: ChildAge, rules: Escalation) -> Parts:
    """What applies to this child, first: the sign that needs the doctor now, or from when."""
    flags = rules.flags_for(concern.id)
    if not flags:
        return []
    age = describe_months(child.clock.age.months)
    now = applying(flags, child.clock)
    if now:
        flag = now[0]
        since = "" if flag.after_months == 0 else f" after {describe_age(flag.after_months)}"
        before = f" before {describe_age(flag.until_months)}" if flag.until_months else ""
        lead = f"{child.name} is {age}: {flag.sign}{since}{before} {FLAG_SAYS[flag.level]}."
        return ["\n", bold(lead)]
    ahead = [f for f in flags if not child.clock.reached(f.after_months)]
    if not ahead:
        return []
    flag = min(ahead, key=lambda f: f.after_months)
    return [
        f"\n{child.name} is {age}: {flag.sign} {FLAG_SAYS[flag.level]} from "
        f"{describe_age(flag.after_months)}, not before."
    ]


def closing(entry: Entry, child: ChildAge | None, rules: Escalation | None = None) -> str:
    """The last line of a topic answer, by the level of what applies to the child."""
    level = topic_level(entry, child, rules)
    if level in ("prompt", "urgent") and child is not None:
        contact = who_to_contact(level, child.name, child.clock.age.months)
        return f"What next? {contact}"
    if level == "discuss":
        return DISCUSS_CLOSING
    return ORDINARY_CLOSING


Parts = list[str | Span]


#: How many lines "Try at home" holds, safety lines included (safety is never the one cut).
TRY_AT_HOME_LINES = 4


def by_priority(must: list[str], optional: list[str], room: int) -> list[str]:
    """Every must-show line, first; then optional lines while the list holds ``room``."""
    return [*must, *optional[: max(room - len(must), 0)]]


def _bullets(title: str, items: list[str]) -> Parts:
    if not items:
        return []
    return ["\n\n", bold(title), *(f"\n• {item}" for item in items)]


def age_fit_activities(
    activities: list[Activity], months: int | None, limit: int
) -> list[Activity]:
    """Activities suitable at ``months`` (all ages when unknown)."""
    return [a for a in activities if months is None or a.suits(months)][:limit]


def _typical(concern: Concern, months: int | None) -> list[str]:
    notes = [
        note.text
        for note in concern.typical
        if months is None
        or (note.from_months <= months and (note.to_months is None or months < note.to_months))
    ]
    return notes[:2] or [note.text for note in concern.typical[:1]]


def _helpers(helpers: tuple[Helper, ...]) -> str:
    return "; ".join(HELPER_NAMES[h] for h in helpers)


def _safety_first(safety: str | None, text: str) -> str:
    return f"Safety: {safety} {text}" if safety else text


def render_activity(activity: Activity) -> Parts:
    parts: Parts = [bold(activity.title)]
    if activity.safety:
        parts += ["\n", bold("Safety: "), activity.safety]
    parts.append(f"\n{activity.summary}")
    parts += ["\n", bold("You need: "), ", ".join(activity.materials)]
    return parts + _bullets("How:", list(activity.steps))


def _activity_lines(activities: list[Activity]) -> list[str]:
    return [f"{a.title}: {_safety_first(a.safety, a.summary)}" for a in activities]


def render_entry(entry: Entry, kb: KnowledgeBase, child: ChildAge | None) -> Parts:
    """The answer for ``entry`` for the active child (None: no child yet)."""
    months = child.clock.age.months if child else None
    parts: Parts
    match entry:
        case Concern():
            return _concern(entry, kb, child)
        case Condition():
            parts = [bold(entry.title), f"\n{entry.summary}"]
            parts += _bullets("How it can affect movement:", list(entry.motor_effects))
            parts += _bullets("Talk to the doctor if:", list(entry.see_doctor))
            parts += [
                "\n\n",
                bold("Who helps: "),
                _helpers(entry.helpers),
                f"\n\n{NOT_A_DIAGNOSIS}",
            ]
            return parts
        case Explainer():
            parts = [bold(entry.title), f"\n{entry.summary}", *(f"\n\n{p}" for p in entry.body)]
            if entry.activity_domain is not None:
                pool = [a for a in kb.activities if entry.activity_domain in a.domains]
                parts += _bullets(
                    "To try now:", _activity_lines(age_fit_activities(pool, months, 4))
                )
            return parts
        case Adaptation():
            examples = [
                f"{_safety_first(example.safety, example.text)} ({example.task})"
                for example in entry.examples_for(months)
            ]
            return [bold(entry.title), f"\n{entry.summary}", *_bullets("For example:", examples)]
        case Activity():
            return render_activity(entry)
        case Milestone():
            basis = most_by(entry)
            return [bold(entry.title), f"\n{basis[0].upper()}{basis[1:]}."]
        case _:
            assert_never(entry)


def _concern(concern: Concern, kb: KnowledgeBase, child: ChildAge | None) -> Parts:
    rules = default_rules()
    months = child.clock.age.months if child else None
    name = child.name if child else None
    parts: Parts = [bold(concern.title)]
    if child is not None:
        parts += _flag_lead(concern, child, rules)
    parts.append(f"\n{concern.summary}")
    label = f"What is typical{f' for {name} now' if name and months is not None else ''}:"
    parts += _bullets(label, _typical(concern, months))
    if topic_level(concern, child, rules) in ("prompt", "urgent"):
        parts += _bullets("Before you talk to the doctor:", [BEFORE_THE_VISIT])
        # No home games here, but the safety note is never cut (issue 12): it still applies.
        parts += _bullets("Safety at home:", [concern.safety] if concern.safety else [])
        parts += _bullets("Talk to the doctor if:", list(concern.see_doctor))
        parts += ["\n\n", bold("Who helps: "), _helpers(concern.helpers)]
        return parts
    activities = age_fit_activities(kb.activities_for_concern(concern.id), months, 2)
    safety = [f"Safety: {concern.safety}"] if concern.safety else []
    ideas = [*concern.home_tips[:2], *_activity_lines(activities)]
    parts += _bullets("Try at home:", by_priority(safety, ideas, TRY_AT_HOME_LINES))
    adaptations = [kb.adaptation(a) for a in concern.adaptations[:2]]
    if adaptations:
        parts += _bullets(
            "If daily tasks are hard:", [f"{a.title}: {a.summary}" for a in adaptations]
        )
    parts += _bullets("Talk to the doctor if:", list(concern.see_doctor))
    parts += ["\n\n", bold("Who helps: "), _helpers(concern.helpers)]
    return parts
