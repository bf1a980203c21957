"""Answers from two caregivers: when they disagree, and when a "not yet" is still a loss of
skills. Pure.

Two members of a family answering the same milestone differently within
``knowledge/escalation.yaml``'s ``disagreement.within_days`` describe the same child at
practically the same stage: that is a disagreement to look at together, not a regression.
An answer with no member (given before members were recorded, or by a member who has since
left) is nobody's in particular: it never makes a disagreement, and its "yes" still makes a
later "not yet" a loss of skills (the safer reading).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.views import ObservationView


@dataclass(frozen=True, slots=True)
class Differing:
    """A milestone whose latest answers by two or more members differ within the window:
    each member's latest answer, oldest first."""

    milestone_id: str
    answers: tuple[ObservationView, ...]


def _near(a: date, b: date, within_days: int) -> bool:
    return abs((a - b).days) <= within_days


def excuses_regression(
    before: Iterable[ObservationView],
    milestone_id: str,
    member_id: int | None,
    day: date,
    within_days: int,
) -> bool:
    """Whether a "not yet" about ``milestone_id`` by ``member_id`` on ``day`` is a
    disagreement rather than a loss of skills, given the answers ``before`` it.

    It is when another member answered "yes" within the window and no "yes" before it was
    this member's own (or an answer with no member): someone saw the skill days ago.
    """
    if member_id is None:
        return False
    yeses = [o for o in before if o.milestone_id == milestone_id and o.answer == "yes"]
    recent_other = any(
        o.member_id not in (None, member_id) and _near(day, o.observed_on, within_days)
        for o in yeses
    )
    own = any(o.member_id is None or o.member_id == member_id for o in yeses)
    return recent_other and not own


def differing(
    observations: Sequence[ObservationView],
    within_days: int,
    milestone_ids: Iterable[str] | None = None,
) -> tuple[Differing, ...]:
    """Milestones (all, or ``milestone_ids``) whose members' latest answers differ within the
    window of each other, in the order the milestones were first answered.

    Only each member's latest answer counts: a member who changed their own mind agrees
    with themselves.
    """
    wanted = None if milestone_ids is None else set(milestone_ids)
    latest: dict[str, dict[int, ObservationView]] = {}
    for obs in observations:  # oldest first: later answers replace earlier ones
        if obs.member_id is None or (wanted is not None and obs.milestone_id not in wanted):
            continue
        latest.setdefault(obs.milestone_id, {})[obs.member_id] = obs
    found = []
    for milestone_id, by_member in latest.items():
        answers = sorted(by_member.values(), key=lambda o: o.observed_on)
        if any(
            a.answer != b.answer and _near(a.observed_on, b.observed_on, within_days)
            for i, a in enumerate(answers)
            for b in answers[i + 1 :]
        ):
            found.append(Differing(milestone_id, tuple(answers)))
    return tuple(found)
