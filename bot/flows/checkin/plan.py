"""Which milestones a check-in asks, and where an unfinished check-in stood. Pure.

A check-in first catches up earlier red-flag items never answered "yes" (newest checklist age
first, at most ``catch_up_max``: walking at 24 months, sitting at 12), then asks the
milestones of the latest checklist age the child has reached, then any earlier milestone whose
latest answer is still "not yet" (or "not sure": look again). One sitting asks at most
``max_questions`` (the lost-skills question included); the rest come in a follow-up. The
order depends only on the answers before the check-in, so every check-in starts with the
same question;
that is what lets past answers be split into check-ins without storing sessions anywhere:
a new check-in begins where the checklist age changes or a milestone is answered again.
Each answer is saved as it is given, so an unfinished check-in is simply the last one, if it
has questions left.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.domain.age import latest_checklist_age
from bot.domain.views import Answer, ObservationView
from knowledge.escalation import Escalation, default_rules
from knowledge.loader import KnowledgeBase
from knowledge.models import Milestone

#: Latest answers that bring an earlier milestone back into the next check-in.
OPEN_ANSWERS: frozenset[str] = frozenset({"not_yet", "not_sure"})


def milestone_or_none(knowledge: KnowledgeBase, milestone_id: str) -> Milestone | None:
    """The milestone, or None for an id that is not one (untrusted or outdated ids)."""
    entry = knowledge.by_id.get(milestone_id)
    return entry if isinstance(entry, Milestone) else None


def latest_answers(observations: Iterable[ObservationView]) -> dict[str, Answer]:
    """Milestone id -> the most recent answer (observations come oldest first)."""
    return {o.milestone_id: o.answer for o in observations}


def answered_yes(observations: Iterable[ObservationView]) -> frozenset[str]:
    """Milestones answered "yes" at least once: a later "not yet" is a loss of skills."""
    return frozenset(o.milestone_id for o in observations if o.answer == "yes")


def yes_before_latest(observations: Iterable[ObservationView]) -> frozenset[str]:
    """Milestones answered "yes" before their latest answer (a latest "not yet" is a loss)."""
    history: dict[str, list[Answer]] = {}
    for obs in observations:
        history.setdefault(obs.milestone_id, []).append(obs.answer)
    return frozenset(mid for mid, answers in history.items() if "yes" in answers[:-1])


def questions_for(
    checklist_age: int,
    observations: Iterable[ObservationView],
    knowledge: KnowledgeBase,
    rules: Escalation | None = None,
) -> list[str]:
    """The milestone ids a check-in at ``checklist_age`` asks, in order (all sittings)."""
    rules = rules or default_rules()
    observations = tuple(observations)
    latest = latest_answers(observations)
    ever_yes = answered_yes(observations)
    asked = [m for m in knowledge.milestones if m.asked]  # ``asked: false`` is never planned
    earlier = sorted(
        (m for m in asked if m.checklist_age < checklist_age),
        key=lambda m: -m.checklist_age,
    )
    catch_up = [
        m.id for m in earlier if m.red_flag_after_months is not None and m.id not in ever_yes
    ]
    first, overflow = catch_up[: rules.catch_up_max], catch_up[rules.catch_up_max :]
    current = [m.id for m in asked if m.checklist_age == checklist_age]
    still_open = [
        m.id
        for m in asked
        if m.checklist_age < checklist_age
        and latest.get(m.id) in OPEN_ANSWERS
        and m.id not in catch_up
    ]
    return first + current + still_open + overflow


def sitting(remaining: Sequence[str], rules: Escalation | None = None) -> list[str]:
    """The milestones one sitting asks: room is left for the lost-skills question."""
    return list(remaining[: (rules or default_rules()).max_questions - 1])


@dataclass(frozen=True, slots=True)
class Session:
    """One check-in's answers, and everything answered before it."""

    checklist_age: int
    prior: tuple[ObservationView, ...]
    answers: dict[str, Answer] = field(default_factory=dict)


def sessions(observations: Sequence[ObservationView]) -> list[Session]:
    """Split a child's answers (oldest first) into check-ins."""
    found: list[Session] = []
    for index, obs in enumerate(observations):
        # Answers are saved with the age used, so this is the check-in's checklist age.
        checklist_age = latest_checklist_age(obs.age_months) or 0
        last = found[-1] if found else None
        if last is None or last.checklist_age != checklist_age or obs.milestone_id in last.answers:
            last = Session(checklist_age, tuple(observations[:index]))
            found.append(last)
        last.answers[obs.milestone_id] = obs.answer
    return found


@dataclass(frozen=True, slots=True)
class Unfinished:
    """A check-in left mid-way that can be continued."""

    questions: tuple[str, ...]
    answers: dict[str, Answer]
    answered_yes_before: frozenset[str]

    @property
    def remaining(self) -> tuple[str, ...]:
        return tuple(q for q in self.questions if q not in self.answers)


def unfinished(
    checklist_age: int, observations: Sequence[ObservationView], knowledge: KnowledgeBase
) -> Unfinished | None:
    """The last check-in, if it was for ``checklist_age`` and has questions left."""
    found = sessions(observations)
    if not found or found[-1].checklist_age != checklist_age:
        return None
    last = found[-1]
    questions = tuple(questions_for(checklist_age, last.prior, knowledge))
    if not questions or next(iter(last.answers)) != questions[0]:
        return None  # a re-check of a few items (``/recheck``), not a check-in left mid-way
    left = Unfinished(questions, dict(last.answers), answered_yes(last.prior))
    return left if left.remaining else None
