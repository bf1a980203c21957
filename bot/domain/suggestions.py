"""Choosing activities and adaptations for a child's age and the skills behind. Pure.

Shared by the check-in result and ``/activities`` so both give the same advice. Activities
that fit the child's age come first; when none that practise a skill fit, the nearest younger
one still does (a skill that is late is practised with the activities made for it). Nothing is
ever offered below its minimum age, which is at or above the minimum age of each of its
hazards (``knowledge check``), and adaptation examples are chosen by age too. Where hand
skills and trunk or shoulder skills lag together, core and shoulder activities come first:
proximal stability gives the hands a steady base to work from.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from bot.domain.replies import Span, bold
from knowledge.loader import KnowledgeBase
from knowledge.models import Activity, Adaptation, AdaptationExample, DailyTask, Milestone


def age_distance(activity: Activity, age_months: int) -> int:
    """Months between ``age_months`` and the activity's age range (0 inside it)."""
    return max(activity.min_months - age_months, age_months - activity.max_months, 0)


def needs_core_first(behind: Iterable[Milestone]) -> bool:
    """Hand skills behind while trunk or shoulder skills are behind too."""
    milestones = list(behind)
    return any(m.domain == "fine" for m in milestones) and any(m.proximal for m in milestones)


def for_milestone(
    milestone_id: str, age_months: int, knowledge: KnowledgeBase, *, prefer_proximal: bool = False
) -> list[Activity]:
    """Activities that practise the milestone: age-fit first, then nearest younger ones."""
    builds = knowledge.activities_for_milestone(milestone_id)
    builds = [a for a in builds if a.may_show(age_months)]
    fitting = [a for a in builds if a.suits(age_months)]
    if not fitting:
        nearest = min((age_distance(a, age_months) for a in builds), default=0)
        fitting = [a for a in builds if age_distance(a, age_months) == nearest]
    if prefer_proximal:
        fitting.sort(key=lambda a: not a.proximal)
    return fitting


def core_activities(
    behind: Sequence[Milestone], age_months: int, knowledge: KnowledgeBase
) -> list[Activity]:
    """Core and shoulder activities: those for the trunk skills behind, then any age-fit."""
    chosen: list[Activity] = []
    for milestone in (m for m in behind if m.proximal):
        chosen += [a for a in for_milestone(milestone.id, age_months, knowledge) if a.proximal]
    chosen += [a for a in knowledge.activities if a.proximal and a.suits(age_months)]
    return unique(chosen)


def safety_first(safety: str | None, text: str) -> list[str | Span]:
    """``text`` led by its safety note, so even a parent who reads one line sees it."""
    return [bold("Safety: "), f"{safety} ", text] if safety else [text]


def unique(activities: Iterable[Activity]) -> list[Activity]:
    """Each activity once, in first-seen order."""
    seen: dict[str, Activity] = {}
    for activity in activities:
        seen.setdefault(activity.id, activity)
    return list(seen.values())


def plan_for(
    behind: Sequence[Milestone], age_months: int, knowledge: KnowledgeBase, *, core_first: bool
) -> list[tuple[Activity, tuple[Milestone, ...]]]:
    """One or two activities per milestone behind (one each when many are behind).

    Returns each activity with the milestones it practises among ``behind``; an activity
    already chosen for one milestone counts for every other one it practises. With
    ``core_first``, core and shoulder activities lead.
    """
    per_skill = 2 if len(behind) <= 2 else 1
    chosen: list[Activity] = (
        core_activities(behind, age_months, knowledge)[:2] if core_first else []
    )
    ordered = sorted(behind, key=lambda m: not m.proximal) if core_first else list(behind)
    for milestone in ordered:
        have = sum(1 for a in chosen if milestone.id in a.builds)
        options = for_milestone(milestone.id, age_months, knowledge, prefer_proximal=core_first)
        taken = {a.id for a in chosen}
        chosen += [a for a in options if a.id not in taken][: max(per_skill - have, 0)]
    return [(a, tuple(m for m in behind if m.id in a.builds)) for a in chosen]


def adaptation_for(
    task: DailyTask, milestone_ids: Collection[str], knowledge: KnowledgeBase, age_months: int
) -> tuple[Adaptation, AdaptationExample] | None:
    """An adaptation (and its example for the age) for ``task``: one a related concern links
    first."""
    linked = [
        aid
        for concern in knowledge.concerns
        if set(concern.milestones) & set(milestone_ids)
        for aid in concern.adaptations
    ]
    ranked = sorted(
        knowledge.adaptations, key=lambda a: linked.index(a.id) if a.id in linked else len(linked)
    )
    for adaptation in ranked:
        for example in adaptation.examples_for(age_months):
            if example.task == task:
                return adaptation, example
    return None


def hard_tasks(behind: Iterable[Milestone]) -> dict[DailyTask, list[str]]:
    """Daily task -> the milestones behind that make it hard, in first-seen order."""
    tasks: dict[DailyTask, list[str]] = {}
    for milestone in behind:
        if milestone.daily_task is not None:
            tasks.setdefault(milestone.daily_task, []).append(milestone.id)
    return tasks
