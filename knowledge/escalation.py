"""Escalation rules as data: when misses add up, follow-up timing, and concern red flags.

The per-milestone facts (the age most children show a skill, the WHO window, the red-flag
age) live on each milestone in ``content/milestones.yaml``. What this module adds is the part
a clinician reviews as a policy: how many misses in one domain, or misses in both, raise the
level; how many questions one check-in may ask; when Sprout comes back; and, for free-text
worries, the age from which a sign needs the doctor. ``escalation.yaml`` holds the values
with their sources; ``problems`` checks every cross-reference for ``parentbot knowledge check``.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from knowledge import strict_yaml
from knowledge.loader import KnowledgeBase, default_knowledge
from knowledge.models import MAX_AGE_MONTHS, Concern, Milestone

RULES_FILE = Path(__file__).with_name("escalation.yaml")

#: The levels a rule may raise a check-in or an answer to (see ``bot.flows.checkin.grading``).
RuleLevel = Literal["discuss", "prompt", "urgent"]
LEVELS_OF_RULES: tuple[RuleLevel, ...] = get_args(RuleLevel)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class MissRule(_Strict):
    """Missed milestones that add up: enough misses raise the whole check-in to ``level``.

    A miss is a "not yet" at or after the age most children show the skill. The rule fires
    when one domain has ``min_in_one_domain`` misses, or (``both_domains``) when gross and
    fine motor each have at least one.
    """

    id: str
    min_in_one_domain: int | None = Field(default=None, ge=2)
    both_domains: bool = False
    level: RuleLevel
    #: Said in the check-in result, after the per-domain findings.
    says: str = Field(min_length=20)
    sources: tuple[str, ...] = Field(min_length=1)
    why: str = Field(min_length=20)


class ConcernFlag(_Strict):
    """A sign named by a concern that needs the doctor from ``after_months`` (to the day).

    ``until_months`` bounds signs that only matter while young (a strong hand preference
    before 18 months). ``sign`` reads after the child's age: "Bea is 8 months: {sign} ...".
    A sign that is a check-in item names it (``milestone``) instead of an age: the age is the
    item's (``milestone_age``), filled in when the rules are loaded, so a typed worry and the
    check-in cannot drift apart (they did: 18 months typed, 17.6 in the check-in).
    """

    concern: str
    sign: str = Field(min_length=10)
    after_months: float = Field(ge=0, le=MAX_AGE_MONTHS)
    milestone: str | None = None
    until_months: float | None = Field(default=None, gt=0, le=MAX_AGE_MONTHS)
    level: RuleLevel
    sources: tuple[str, ...] = Field(min_length=1)


class Disagreement(_Strict):
    """Two members answering the same milestone differently within ``within_days``: a
    disagreement to look at together, not a loss of skills (``bot.domain.agreement``)."""

    within_days: int = Field(ge=1, le=60)
    #: Said in the check-in result above the answers that differ.
    says: str = Field(min_length=20)
    sources: tuple[str, ...] = Field(min_length=1)
    why: str = Field(min_length=20)


class Escalation(_Strict):
    """Every escalation setting, reviewed together."""

    reviewed: date
    #: At most this many questions in one check-in, the lost-skills question included.
    max_questions: int = Field(ge=3, le=20)
    #: Of those, at most this many earlier red-flag items caught up first.
    catch_up_max: int = Field(ge=1, le=10)
    #: "Not sure" on a red-flag item past its age: that item is asked again this many days on.
    look_again_days: int = Field(ge=1, le=30)
    #: "Keep practising and look again": the practised items are asked again after this long.
    practise_days: int = Field(ge=7, le=28)
    #: After "talk to the doctor soon" or "urgent": did the family reach someone?
    doctor_follow_up_days: int = Field(ge=1, le=30)
    #: Questions left over by the cap come as a follow-up this many days on.
    more_questions_days: int = Field(ge=1, le=30)
    timing_sources: tuple[str, ...] = Field(min_length=1)
    #: Two caregivers' answers that differ (issue 17).
    disagreement: Disagreement
    miss_rules: tuple[MissRule, ...] = Field(min_length=1)
    concern_flags: tuple[ConcernFlag, ...] = ()

    def flags_for(self, concern_id: str) -> tuple[ConcernFlag, ...]:
        return tuple(f for f in self.concern_flags if f.concern == concern_id)


def milestone_age(milestone: Milestone, level: RuleLevel) -> float | None:
    """From which age a check-in's "not yet" on ``milestone`` reaches ``level``: the age most
    children show it (``discuss``, unless it is for information only), the red flag or the
    WHO 99th percentile, whichever comes first (``prompt``), long overdue or same-day
    (``urgent``). The grader's ``not_yet_ladder`` reads the same fields; a test holds the two
    together. None when the item never reaches ``level``."""
    p99 = milestone.who_window.p99_months if milestone.who_window else None
    ages = {
        "discuss": [None if milestone.for_information else milestone.most_by_months],
        "prompt": [milestone.red_flag_after_months, p99],
        "urgent": [milestone.overdue_after_months, milestone.same_day_after_months],
    }[level]
    found = [age for age in ages if age is not None]
    return min(found) if found else None


def _with_milestone_ages(raw: dict[str, object], kb: KnowledgeBase) -> dict[str, object]:
    """``raw`` with the age of every flag that names a check-in item taken from that item
    (a flag naming an unknown item, or one that never reaches the level, keeps no age and
    fails validation, or ``problems`` when it also gives one)."""
    flags = raw.get("concern_flags")
    if not isinstance(flags, list):
        return raw
    filled = []
    for flag in flags:
        item = kb.by_id.get(flag.get("milestone", "")) if isinstance(flag, dict) else None
        level = flag.get("level") if isinstance(flag, dict) else None
        if isinstance(item, Milestone) and "after_months" not in flag and level in LEVELS_OF_RULES:
            age = milestone_age(item, level)
            flag = {**flag, **({} if age is None else {"after_months": age})}
        filled.append(flag)
    return {**raw, "concern_flags": filled}


def load_rules(path: Path = RULES_FILE, kb: KnowledgeBase | None = None) -> Escalation:
    """Read and validate the rules file (raises pydantic's ValidationError when malformed);
    ages of flags that name a check-in item come from ``kb`` (the shipped one by default)."""
    raw = strict_yaml.load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        return Escalation.model_validate(raw)  # pydantic says what is wrong with it
    return Escalation.model_validate(_with_milestone_ages(raw, kb or default_knowledge()))


@cache
def default_rules() -> Escalation:
    """The shipped rules, loaded once per process."""
    return load_rules()


def problems(kb: KnowledgeBase, rules: Escalation) -> list[str]:
    """Every broken reference or impossible rule, one line each."""
    out: list[str] = []
    cited = [*rules.timing_sources, *rules.disagreement.sources]
    for rule in rules.miss_rules:
        cited += rule.sources
        if rule.min_in_one_domain is None and not rule.both_domains:
            out.append(f"escalation {rule.id}: says neither min_in_one_domain nor both_domains")
    for flag in rules.concern_flags:
        cited += flag.sources
        if not isinstance(kb.by_id.get(flag.concern), Concern):
            out.append(f"escalation flag: {flag.concern!r} is not a concern id")
        if flag.until_months is not None and flag.until_months <= flag.after_months:
            out.append(f"escalation flag {flag.concern}: until_months must follow after_months")
        if flag.milestone is not None:
            out += _milestone_problems(kb, flag)
    out += [
        f"escalation: unknown source {s!r}" for s in dict.fromkeys(cited) if s not in kb.sources
    ]
    if rules.catch_up_max >= rules.max_questions:
        out.append("escalation: catch_up_max must leave room for the check-in's own questions")
    return out


def _milestone_problems(kb: KnowledgeBase, flag: ConcernFlag) -> list[str]:
    """A flag naming a check-in item takes its age from it, and only from it."""
    item = kb.by_id.get(flag.milestone or "")
    if not isinstance(item, Milestone):
        return [f"escalation flag {flag.concern}: {flag.milestone!r} is not a milestone id"]
    if milestone_age(item, flag.level) != flag.after_months:
        return [
            f"escalation flag {flag.concern}: names {item.id}, so its age is the item's "
            f"({milestone_age(item, flag.level)}), not {flag.after_months}"
        ]
    return []
