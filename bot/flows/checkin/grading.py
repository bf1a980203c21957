"""Grading check-in answers into guidance levels, per milestone, per domain and overall. Pure.

The rules (DESIGN.md section 5; ``knowledge/escalation.yaml`` for the ones a clinician tunes),
for each milestone asked, on the child's exact age to the day (``AgeClock``), corrected for
prematurity where that applies:

- "yes": ``on_track``.
- "not sure": ``watch`` (activities to try, look again); on a red-flag item at or after its
  red-flag age, ``watch`` still, but "look for it this week" and asked again in a week.
- "not yet", the most serious step reached (``not_yet_ladder``):
  1. answered "yes" at any earlier time: a loss of skills, ``urgent``;
  2. ``same_day_after_months`` reached (a baby who barely moves, a floppy or stiff body):
     ``urgent``; ``overdue_after_months`` reached (a red flag long overdue, such as no steady
     head at 9 months): ``urgent``; ``red_flag_after_months`` reached: ``prompt``;
  3. past the WHO 99th percentile: ``prompt``;
  3b. an item the sources cannot grade (``for_information``): ``watch``, never a miss;
  4. the age by which most (>=75%) children show it reached: ``discuss`` (a missed milestone);
  5. otherwise (most children are not there yet either): ``watch``.

Misses add up (``escalation.yaml`` miss rules): enough misses in one domain, or misses in both,
raise the check-in's level. "Has the child stopped doing something they used to do?" answered
yes makes the check-in ``urgent``. Fine and gross motor are graded apart so one never hides
the other. ``emergency`` is for triage of free text only: a check-in never produces it, but it
is part of the scale so every flow shares one ordering.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Literal, get_args

from bot.domain.age import AgeClock
from bot.domain.views import Answer
from knowledge.escalation import Escalation, MissRule, default_rules
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
    LOOK_THIS_WEEK = "look_this_week"
    EMERGING = "emerging"
    FOR_INFORMATION = "for_information"
    MISSED = "missed"
    PAST_WHO_P99 = "past_who_p99"
    RED_FLAG = "red_flag"
    SAME_DAY = "same_day"
    OVERDUE = "overdue"
    REGRESSION = "regression"


LEVEL_OF: dict[Reason, Level] = {
    Reason.YES: "on_track",
    Reason.NOT_SURE: "watch",
    Reason.LOOK_THIS_WEEK: "watch",
    Reason.EMERGING: "watch",
    Reason.FOR_INFORMATION: "watch",
    Reason.MISSED: "discuss",
    Reason.PAST_WHO_P99: "prompt",
    Reason.RED_FLAG: "prompt",
    Reason.SAME_DAY: "urgent",
    Reason.OVERDUE: "urgent",
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
    """A whole check-in: one grade per domain asked about, and what raises it further.

    ``raised_by`` holds the miss rules that fired (misses adding up); ``lost_skills`` is the
    parent's "yes" to "has the child stopped doing something they used to do?"; ``told`` holds
    danger signs the parent typed during the check-in, as ``(text, level)``: each makes the
    result at least as serious as its level.
    """

    domains: tuple[DomainGrade, ...]
    raised_by: tuple[MissRule, ...] = ()
    lost_skills: bool = False
    told: tuple[tuple[str, Level], ...] = ()

    @property
    def level(self) -> Level:
        levels = [d.level for d in self.domains] + [r.level for r in self.raised_by]
        levels += [level for _, level in self.told]
        return worst([*levels, *(("urgent",) if self.lost_skills else ())])

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for d in self.domains for f in d.findings)


def is_regression(answer: Answer, answered_yes_before: bool) -> bool:
    """A skill reported before and missing now: always urgent."""
    return answer == "not_yet" and answered_yes_before


def _severity(reason: Reason) -> int:
    return LEVELS.index(LEVEL_OF[reason])


def is_miss(finding: Finding) -> bool:
    """A "not yet" at or past the age most children show the skill: what miss rules count."""
    return finding.answer == "not_yet" and finding.level in ("discuss", "prompt")


def not_yet_ladder(milestone: Milestone) -> tuple[tuple[float, Reason], ...]:
    """From which age (months) a "not yet" means what, least serious first.

    The grader and ``docs/clinical-rules.md`` both read this, so the document cannot say
    something the code does not do.
    """
    if milestone.for_information is not None:
        # The sources cannot grade it: "not yet" is keep-practising at any age, never a miss.
        steps: list[tuple[float, Reason]] = [(0.0, Reason.FOR_INFORMATION)]
    else:
        steps = [(0.0, Reason.EMERGING), (milestone.most_by_months, Reason.MISSED)]
    if milestone.who_window is not None:
        steps.append((milestone.who_window.p99_months, Reason.PAST_WHO_P99))
    if milestone.red_flag_after_months is not None:
        steps.append((milestone.red_flag_after_months, Reason.RED_FLAG))
    if milestone.overdue_after_months is not None:
        steps.append((milestone.overdue_after_months, Reason.OVERDUE))
    if milestone.same_day_after_months is not None:
        steps.append((milestone.same_day_after_months, Reason.SAME_DAY))
    steps.sort(key=lambda step: step[0])
    kept: list[tuple[float, Reason]] = []
    for age, why in steps:
        if kept and _severity(why) <= _severity(kept[-1][1]):
            continue  # a later step that is not more serious changes nothing
        if kept and kept[-1][0] == age:
            kept[-1] = (age, why)  # two steps at one age: the more serious one
        else:
            kept.append((age, why))
    return tuple(kept)


def judge(
    milestone: Milestone, answer: Answer, clock: AgeClock, *, answered_yes_before: bool
) -> Finding:
    """The level of one answer about ``milestone`` on the clock's day (exact age)."""
    if answer == "yes":
        return Finding(milestone, answer, Reason.YES)
    flag = milestone.red_flag_after_months
    if answer == "not_sure":
        past_flag = flag is not None and clock.reached(flag)
        return Finding(milestone, answer, Reason.LOOK_THIS_WEEK if past_flag else Reason.NOT_SURE)
    if is_regression(answer, answered_yes_before):
        return Finding(milestone, answer, Reason.REGRESSION)
    reason = Reason.EMERGING
    for age, why in not_yet_ladder(milestone):
        if clock.reached(age):
            reason = why
    return Finding(milestone, answer, reason)


def raised_by(domains: tuple[DomainGrade, ...], rules: Escalation) -> tuple[MissRule, ...]:
    """The miss rules that fire for these domains (misses adding up)."""
    misses = {d.domain: sum(1 for f in d.findings if is_miss(f)) for d in domains}
    fired = []
    for rule in rules.miss_rules:
        in_one = rule.min_in_one_domain is not None and any(
            count >= rule.min_in_one_domain for count in misses.values()
        )
        both = rule.both_domains and all(misses.get(d, 0) > 0 for d in DOMAINS)
        if in_one or both:
            fired.append(rule)
    return tuple(fired)


def grade(
    answers: Mapping[str, Answer],
    knowledge: KnowledgeBase,
    clock: AgeClock,
    answered_yes_before: Collection[str],
    *,
    lost_skills: bool = False,
    told: Sequence[tuple[str, Level]] = (),
    rules: Escalation | None = None,
) -> Grade:
    """Grade a check-in's answers (milestone id -> answer), fine and gross motor apart.

    ``answered_yes_before`` holds the milestones answered "yes" before this check-in.
    Unknown milestone ids (content changed since the answer) are skipped.
    """
    findings = [
        judge(milestone, answer, clock, answered_yes_before=mid in answered_yes_before)
        for mid, answer in answers.items()
        if isinstance(milestone := knowledge.by_id.get(mid), Milestone)
    ]
    domains = tuple(
        DomainGrade(domain, tuple(f for f in findings if f.milestone.domain == domain))
        for domain in DOMAINS
        if any(f.milestone.domain == domain for f in findings)
    )
    return Grade(domains, raised_by(domains, rules or default_rules()), lost_skills, tuple(told))
