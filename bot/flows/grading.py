"""Grading check-in answers into guidance levels, per milestone and per domain. Pure.

The rules (DESIGN.md section 5), for each milestone asked, at the age used for milestones:

- "yes": ``on_track``.
- "not sure": ``watch`` (activities to try, look again).
- "not yet", in this order of precedence:
  1. answered "yes" at any earlier time: a loss of skills, ``urgent``;
  2. ``red_flag_after_months`` reached (``<=`` the age used): ``prompt``;
  3. past the WHO 99th percentile (``who_window.p99_months <`` the age used): ``prompt``;
  3b. an item the sources cannot grade (``for_information``): ``watch``, never a miss;
  4. the age by which most (>=75%) children show it reached: ``discuss`` (a missed milestone);
  5. otherwise (most children are not there yet either): ``watch``.

A domain's level is the most serious of its milestones; fine and gross motor are graded
apart so one never hides the other. ``emergency`` is for triage of free text only: a check-in
never produces it, but it is part of the scale so every flow shares one ordering.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Literal, get_args

from bot.flows.base import Answer
from knowledge.loader import KnowledgeBase
from knowledge.models import Domain, Milestone

Level = Literal["on_track", "watch", "discuss", "prompt", "urgent", "emergency"]
#: Guidance levels, least to most serious.
LEVELS: tuple[Level, ...] = get_args(Level)
#: Fine and gross motor, in the order results report them.
DOMAINS: tuple[Domain, ...] = ("gross", "fine")


class Reason(Enum):
    """Why a milestone got its level; the result message explains each one."""

    YES = "yes"
    NOT_SURE = "not_sure"
    EMERGING = "emerging"
    FOR_INFORMATION = "for_information"
    MISSED = "missed"
    PAST_WHO_P99 = "past_who_p99"
    RED_FLAG = "red_flag"
    REGRESSION = "regression"


LEVEL_OF: dict[Reason, Level] = {
    Reason.YES: "on_track",
    Reason.NOT_SURE: "watch",
    Reason.EMERGING: "watch",
    Reason.FOR_INFORMATION: "watch",
    Reason.MISSED: "discuss",
    Reason.PAST_WHO_P99: "prompt",
    Reason.RED_FLAG: "prompt",
    Reason.REGRESSION: "urgent",
}


def worst(levels: Iterable[Level]) -> Level:
    """The most serious of ``levels`` (``on_track`` when there are none)."""
    return max(levels, key=LEVELS.index, default="on_track")


@dataclass(frozen=True, slots=True)
class Finding:
    """One milestone's answer, and why it sits at its level."""

    milestone: Milestone
    answer: Answer
    reason: Reason

    @property
    def level(self) -> Level:
        return LEVEL_OF[self.reason]


@dataclass(frozen=True, slots=True)
class DomainGrade:
    """Fine or gross motor: its level and every finding it rests on."""

    domain: Domain
    findings: tuple[Finding, ...]

    @property
    def level(self) -> Level:
        return worst(f.level for f in self.findings)

    @property
    def behind(self) -> tuple[Finding, ...]:
        """Findings that are not a plain "yes", most serious first."""
        rest = [f for f in self.findings if f.reason is not Reason.YES]
        return tuple(sorted(rest, key=lambda f: -LEVELS.index(f.level)))


@dataclass(frozen=True, slots=True)
class Grade:
    """A whole check-in: one grade per domain that was asked about."""

    domains: tuple[DomainGrade, ...]

    @property
    def level(self) -> Level:
        return worst(d.level for d in self.domains)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for d in self.domains for f in d.findings)


def is_regression(answer: Answer, answered_yes_before: bool) -> bool:
    """A skill reported before and missing now: always urgent."""
    return answer == "not_yet" and answered_yes_before


def judge(
    milestone: Milestone, answer: Answer, age_months: int, *, answered_yes_before: bool
) -> Finding:
    """The level of one answer about ``milestone`` at ``age_months`` (the age used)."""
    if answer == "yes":
        return Finding(milestone, answer, Reason.YES)
    if answer == "not_sure":
        return Finding(milestone, answer, Reason.NOT_SURE)
    if is_regression(answer, answered_yes_before):
        reason = Reason.REGRESSION
    elif (
        milestone.red_flag_after_months is not None
        and milestone.red_flag_after_months <= age_months
    ):
        reason = Reason.RED_FLAG
    elif milestone.who_window is not None and milestone.who_window.p99_months < age_months:
        reason = Reason.PAST_WHO_P99
    elif milestone.for_information is not None:
        reason = Reason.FOR_INFORMATION
    elif milestone.most_by_months <= age_months:
        reason = Reason.MISSED
    else:
        reason = Reason.EMERGING
    return Finding(milestone, answer, reason)


def grade(
    answers: Mapping[str, Answer],
    knowledge: KnowledgeBase,
    age_months: int,
    answered_yes_before: Collection[str],
) -> Grade:
    """Grade a check-in's answers (milestone id -> answer), fine and gross motor apart.

    ``answered_yes_before`` holds the milestones answered "yes" before this check-in.
    Unknown milestone ids (content changed since the answer) are skipped.
    """
    findings = [
        judge(milestone, answer, age_months, answered_yes_before=mid in answered_yes_before)
        for mid, answer in answers.items()
        if isinstance(milestone := knowledge.by_id.get(mid), Milestone)
    ]
    return Grade(
        tuple(
            DomainGrade(domain, tuple(f for f in findings if f.milestone.domain == domain))
            for domain in DOMAINS
            if any(f.milestone.domain == domain for f in findings)
        )
    )
