"""What goes into the pediatrician summary, as plain data. Pure: no clock, no storage.

``build_report`` reads one child's answers and worries (a ``ChildView``) and the knowledge
base, and decides everything a doctor should see: the latest answers of each check-in,
regressions (a skill once answered "yes" and later "not yet"), answers two members of the
family gave differently (``bot.domain.agreement``: not a regression), who gave each answer
(member names, as the family's members see them), the parent's worries in their own words,
the activities Sprout suggests for skills not there yet, and the rows of the chart.
The text message (``bot.summary.text``) and the PDF (``bot.summary.pdf``) only lay this out, so
the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from bot.domain import agreement
from bot.domain.age import Age, add_months
from bot.domain.dates import format_date
from bot.domain.views import Answer, ChildView, ConcernView, MemberView, ObservationView
from knowledge.escalation import default_rules
from knowledge.loader import KnowledgeBase
from knowledge.models import Activity, Concern, Domain, Milestone

#: Gross motor first: it is what the WHO windows and most early visits are about.
DOMAIN_ORDER: tuple[Domain, ...] = ("gross", "fine")
DOMAIN_NAMES: dict[Domain, str] = {"gross": "gross motor", "fine": "fine motor"}
ANSWER_NAMES: dict[Answer, str] = {"yes": "yes", "not_yet": "not yet", "not_sure": "not sure"}
#: Activities listed per milestone answered "not yet", and in all.
ACTIVITIES_PER_MILESTONE, MAX_ACTIVITIES = 2, 8

Status = Literal["ahead", "on_time", "behind", "not_yet", "unsure", "unanswered"]
PARENT_RECORD = (
    "This is a parent's record kept with Sprout, not a medical assessment or a diagnosis."
)
ACTIVITIES_NOTE = (
    "Chosen by Sprout from its activity library for the skills answered “not yet”, "
    "by what each activity practises and the child's age."
)


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """The period (``months`` back from today; None: everything) and the domains shown."""

    months: int | None = None
    domains: tuple[Domain, ...] = DOMAIN_ORDER

    @property
    def period_label(self) -> str:
        return "everything recorded" if self.months is None else f"the last {self.months} months"

    @property
    def domains_label(self) -> str:
        return " and ".join(DOMAIN_NAMES[d] for d in DOMAIN_ORDER if d in self.domains)


@dataclass(frozen=True, slots=True)
class AnswerLine:
    """One milestone's answer in one check-in; ``yes_on`` is set for a regression; ``by`` is
    the name of the member who gave it (None: given before members were recorded, or by a
    member who has since left)."""

    milestone: Milestone
    answer: Answer
    observed_on: date
    age_months: int
    yes_on: date | None = None
    by: str | None = None

    @property
    def regression(self) -> bool:
        return self.yes_on is not None


@dataclass(frozen=True, slots=True)
class Differing:
    """A milestone two members answered differently within the disagreement window: each
    member's latest answer, oldest first. Not a regression: they are asked to look together."""

    milestone: Milestone
    lines: tuple[AnswerLine, ...]


@dataclass(frozen=True, slots=True)
class CheckIn:
    """The latest answer to each milestone asked at one checklist age."""

    checklist_age: int
    lines: tuple[AnswerLine, ...]


#: How a worry's triage level reads for the doctor; any other level reads as its own name.
TRIAGE_NAMES: dict[str, str] = {"concern": "routine"}


@dataclass(frozen=True, slots=True)
class ConcernLine:
    """A worry as the parent typed it (as a first message or in the middle of a flow), its
    triage level, and the topic Sprout matched (None: no match)."""

    text: str
    created_on: date
    topic: str | None
    level: str

    @property
    def about(self) -> str:
        """The date, the level and the topic, as both the text and the PDF show them."""
        level = TRIAGE_NAMES.get(self.level, self.level.replace("_", " "))
        topic = self.topic or "no matching topic"
        return f"{format_date(self.created_on)}; level: {level}; topic: {topic}"


@dataclass(frozen=True, slots=True)
class ActivityLine:
    activity: Activity
    for_milestones: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChartRow:
    """A milestone on the chart: the age most children reach it, and the child's answer."""

    milestone: Milestone
    answer: AnswerLine | None

    @property
    def status(self) -> Status:
        """Ahead, on time or behind the age by which most children show the skill."""
        line, most_by = self.answer, self.milestone.most_by_months
        if line is None:
            return "unanswered"
        if line.answer == "not_sure":
            return "unsure"
        if line.answer == "yes":
            return "ahead" if line.age_months < most_by else "on_time"
        return "behind" if line.age_months >= most_by or line.regression else "not_yet"


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the summary says about one child, in the order it is said."""

    #: Whose summary it is: a file asked for with it is made again from this child's data.
    child_id: int
    nickname: str
    birth_date: date
    birth_date_estimated: bool
    gestational_weeks: int | None
    today: date
    age: Age
    options: ReportOptions
    regressions: tuple[AnswerLine, ...]
    checkins: tuple[CheckIn, ...]
    differing: tuple[Differing, ...]
    concerns: tuple[ConcernLine, ...]
    activities: tuple[ActivityLine, ...]
    chart: tuple[ChartRow, ...]


def report_recipe(report: Report) -> dict[str, Any]:
    """What ``bot.summary.requests`` needs to build ``report`` again from the family's data
    (a file asked for with it, made again after a crash): no child data but its id."""
    return {
        "child": report.child_id,
        "today": report.today.isoformat(),
        "months": report.options.months,
        "domains": list(report.options.domains),
    }


#: How a member with no name yet is shown beside their answers.
UNNAMED = "a member without a name"


def names_of(members: Iterable[MemberView]) -> dict[int, str]:
    """Member id -> the name shown beside their answers (decrypted in the snapshot, which
    only the family's own members get)."""
    return {m.id: m.name or UNNAMED for m in members}


def _milestone(kb: KnowledgeBase, milestone_id: str) -> Milestone | None:
    entry = kb.by_id.get(milestone_id)
    return entry if isinstance(entry, Milestone) else None


def _line(
    obs: ObservationView,
    milestone: Milestone,
    names: Mapping[int, str],
    yes_on: date | None = None,
) -> AnswerLine:
    by = None if obs.member_id is None else names.get(obs.member_id)
    return AnswerLine(milestone, obs.answer, obs.observed_on, obs.age_months, yes_on, by)


def _lines(
    observations: tuple[ObservationView, ...], kb: KnowledgeBase, names: Mapping[int, str]
) -> list[tuple[int, AnswerLine]]:
    """Every answer with its check-in, oldest first, each regression marked.

    A "not yet" after a "yes" for the same milestone is a regression whatever the period
    shown, so the whole history is read before anything is filtered; unless another member
    said "yes" within the disagreement window (``bot.domain.agreement``), as the check-in
    judged it.
    """
    within = default_rules().disagreement.within_days
    last_yes: dict[str, date] = {}
    lines = []
    for index, obs in enumerate(observations):
        milestone = _milestone(kb, obs.milestone_id)
        if milestone is None:  # a milestone since removed from the knowledge base
            continue
        yes_on = last_yes.get(obs.milestone_id) if obs.answer == "not_yet" else None
        if yes_on is not None and agreement.excuses_regression(
            observations[:index], obs.milestone_id, obs.member_id, obs.observed_on, within
        ):
            yes_on = None
        line = _line(obs, milestone, names, yes_on)
        lines.append((obs.checklist_age or milestone.checklist_age, line))
        if obs.answer == "yes":
            last_yes[obs.milestone_id] = obs.observed_on
    return lines


def _order(milestone: Milestone) -> tuple[int, float, str]:
    return DOMAIN_ORDER.index(milestone.domain), milestone.most_by_months, milestone.title


def _checkins(pairs: list[tuple[int, AnswerLine]]) -> tuple[CheckIn, ...]:
    latest: dict[int, dict[str, AnswerLine]] = {}
    for checklist_age, line in pairs:  # oldest first: later answers replace earlier ones
        latest.setdefault(checklist_age, {})[line.milestone.id] = line
    return tuple(
        CheckIn(age, tuple(sorted(by_id.values(), key=lambda ln: _order(ln.milestone))))
        for age, by_id in sorted(latest.items())
    )


def _concern_line(concern: ConcernView, kb: KnowledgeBase) -> ConcernLine:
    entry = kb.by_id.get(concern.matched_id) if concern.matched_id else None
    return ConcernLine(
        concern.text,
        concern.created_on,
        entry.title if entry is not None else None,
        concern.triage,
    )


def _concern_in_domains(concern: ConcernView, kb: KnowledgeBase, domains: set[Domain]) -> bool:
    """A worry matched to a topic of another domain only is left out; unknown: kept."""
    entry = kb.by_id.get(concern.matched_id) if concern.matched_id else None
    if isinstance(entry, Concern | Activity):
        return bool(domains & set(entry.domains))
    if isinstance(entry, Milestone):
        return entry.domain in domains
    return True


def _activities(
    latest: dict[str, AnswerLine], age_months: int, kb: KnowledgeBase
) -> tuple[ActivityLine, ...]:
    """Activities that practise the skills whose latest answer is "not yet", age-fit first."""
    chosen: dict[str, list[str]] = {}
    activities: dict[str, Activity] = {}
    behind = sorted((ln.milestone for ln in latest.values() if ln.answer == "not_yet"), key=_order)
    for milestone in behind:
        builds = [a for a in kb.activities_for_milestone(milestone.id) if a.may_show(age_months)]
        builds.sort(key=lambda a: not a.suits(age_months))
        for activity in builds[:ACTIVITIES_PER_MILESTONE]:
            if activity.id not in activities and len(activities) == MAX_ACTIVITIES:
                continue
            activities[activity.id] = activity
            chosen.setdefault(activity.id, []).append(milestone.title)
    return tuple(ActivityLine(activities[i], tuple(titles)) for i, titles in chosen.items())


def _chart(
    latest: dict[str, AnswerLine], kb: KnowledgeBase, domains: tuple[Domain, ...]
) -> tuple[ChartRow, ...]:
    """Answered milestones, plus every milestone with a WHO window when gross motor is shown."""
    shown = [
        m
        for m in kb.milestones
        if m.domain in domains and (m.id in latest or m.who_window is not None)
    ]
    return tuple(ChartRow(m, latest.get(m.id)) for m in sorted(shown, key=_order))


def _differing(
    child: ChildView,
    kb: KnowledgeBase,
    names: Mapping[int, str],
    options: ReportOptions,
    since: date | None,
) -> tuple[Differing, ...]:
    """Milestones two members answered differently, in the period and domains shown."""
    within = default_rules().disagreement.within_days
    found = []
    for d in agreement.differing(child.observations, within):
        milestone = _milestone(kb, d.milestone_id)
        if milestone is None or milestone.domain not in options.domains:
            continue
        if since is not None and d.answers[-1].observed_on < since:
            continue
        found.append(Differing(milestone, tuple(_line(o, milestone, names) for o in d.answers)))
    return tuple(sorted(found, key=lambda d: _order(d.milestone)))


def build_report(
    child: ChildView,
    kb: KnowledgeBase,
    today: date,
    options: ReportOptions,
    family_worries: Iterable[ConcernView] = (),
    names: Mapping[int, str] | None = None,
) -> Report:
    """The summary of ``child`` on ``today``, limited to ``options``' period and domains.

    ``family_worries`` are the family's worries typed before any child was added (a first
    message, or one typed while adding the child): they are about its children, so every
    child's summary shows them, in date order with the child's own. ``names`` maps member
    ids to the names the family's members see (``names_of``); an answer whose member is not
    there is shown without a name.
    """
    names = names or {}
    since = None if options.months is None else add_months(today, -options.months)
    pairs = [
        (checklist_age, line)
        for checklist_age, line in _lines(child.observations, kb, names)
        if line.milestone.domain in options.domains
        and (since is None or line.observed_on >= since)
    ]
    latest = {line.milestone.id: line for _, line in pairs}
    regressions = tuple(
        sorted(
            {ln.milestone.id: ln for _, ln in pairs if ln.regression}.values(),
            key=lambda ln: (ln.observed_on, _order(ln.milestone)),
        )
    )
    age = child.age(today)
    domains = set(options.domains)
    worries = sorted((*family_worries, *child.concerns), key=lambda c: c.created_on)
    concerns = tuple(
        _concern_line(c, kb)
        for c in worries
        if (since is None or c.created_on >= since) and _concern_in_domains(c, kb, domains)
    )
    return Report(
        child_id=child.id,
        nickname=child.nickname,
        birth_date=child.birth_date,
        birth_date_estimated=child.birth_date_estimated,
        gestational_weeks=child.gestational_weeks,
        today=today,
        age=age,
        options=options,
        regressions=regressions,
        checkins=_checkins(pairs),
        differing=_differing(child, kb, names, options, since),
        concerns=concerns,
        activities=_activities(latest, age.months, kb),
        chart=_chart(latest, kb, options.domains),
    )
