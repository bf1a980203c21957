"""Showing one knowledge base entry to a parent, tailored to the child's age.

Answers stay phone-sized: a short summary, what is typical at this age, two or three things to
try, when to talk to the doctor, who helps, and always a next step. Helper names and wording
for the kinds live here so every entry of a kind reads the same way.

Only optional lines are ever cut to keep an answer short. Lines have a priority: safety notes
and every "talk to the doctor" line (red flags, lost skills, one-sidedness) always appear, and
safety comes first; ideas to try fill the room that is left.
"""

from __future__ import annotations

from bot.replies import Span, bold
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
    "early_intervention": "your local early intervention program",
    "school": "your child's school or nursery",
}
NOT_A_DIAGNOSIS = "This is general guidance, not a diagnosis: only a doctor can assess your child."

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


def render_entry(entry: Entry, kb: KnowledgeBase, months: int | None, name: str | None) -> Parts:
    """The answer for ``entry``; ``months`` is the child's age used (None: no child yet)."""
    if isinstance(entry, Concern):
        return _concern(entry, kb, months, name)
    if isinstance(entry, Condition):
        parts: Parts = [bold(entry.title), f"\n{entry.summary}"]
        parts += _bullets("How it can affect movement:", list(entry.motor_effects))
        parts += _bullets("Talk to the doctor if:", list(entry.see_doctor))
        parts += ["\n\n", bold("Who helps: "), _helpers(entry.helpers), f"\n\n{NOT_A_DIAGNOSIS}"]
        return parts
    if isinstance(entry, Explainer):
        parts = [bold(entry.title), f"\n{entry.summary}", *(f"\n\n{p}" for p in entry.body)]
        if entry.activity_domain is not None:
            pool = [a for a in kb.activities if entry.activity_domain in a.domains]
            parts += _bullets("To try now:", _activity_lines(age_fit_activities(pool, months, 4)))
        return parts
    if isinstance(entry, Adaptation):
        examples = [
            f"{_safety_first(example.safety, example.text)} ({example.task})"
            for example in entry.examples_for(months)
        ]
        return [bold(entry.title), f"\n{entry.summary}", *_bullets("For example:", examples)]
    if isinstance(entry, Activity):
        return render_activity(entry)
    assert isinstance(entry, Milestone)
    return [bold(entry.title), f"\nMost children show this by {entry.most_by_months:g} months."]


def _concern(concern: Concern, kb: KnowledgeBase, months: int | None, name: str | None) -> Parts:
    parts: Parts = [bold(concern.title), f"\n{concern.summary}"]
    label = f"What is typical{f' for {name} now' if name and months is not None else ''}:"
    parts += _bullets(label, _typical(concern, months))
    activities = age_fit_activities(kb.activities_for_concern(concern.id), months, 2)
    safety = [f"Safety: {concern.safety}"] if concern.safety else []
    ideas = [*concern.home_tips[:2], *_activity_lines(activities)]
    parts += _bullets("Try at home:", by_priority(safety, ideas, TRY_AT_HOME_LINES))
    adaptations = [kb.by_id[a] for a in concern.adaptations[:2]]
    if adaptations:
        parts += _bullets(
            "If daily tasks are hard:", [f"{a.title}: {a.summary}" for a in adaptations]
        )
    parts += _bullets("Talk to the doctor if:", list(concern.see_doctor))
    parts += ["\n\n", bold("Who helps: "), _helpers(concern.helpers)]
    return parts
