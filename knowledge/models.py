"""Typed schema of the knowledge base.

Every YAML file under ``knowledge/content/`` is a list of entries; each entry is validated by
one of the models below, chosen by its ``kind``. The models are strict (unknown keys are an
error) so that a typo in a content file fails ``parentbot knowledge check`` instead of silently
dropping guidance a parent should have seen.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

#: Ages (months) at which a check-in is offered; 72 and 84 are fine-motor only (school age).
CHECKLIST_AGES: tuple[int, ...] = (2, 4, 6, 9, 12, 15, 18, 24, 30, 36, 48, 60, 72, 84)

#: The oldest age (months) the product covers: the end of the 84-month band.
MAX_AGE_MONTHS = 84

Domain = Literal["fine", "gross"]
Confidence = Literal["high", "medium", "low"]
DailyTask = Literal["eating", "dressing", "drawing", "play", "hygiene", "school"]
Helper = Literal[
    "pediatrician",
    "occupational_therapist",
    "physical_therapist",
    "speech_therapist",
    "developmental_pediatrician",
    "pediatric_neurologist",
    "orthopedist",
    "rheumatologist",
    "early_intervention",
    "school",
]

_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(_Strict):
    """A reference the facts in the knowledge base come from.

    Public pages carry ``title``, ``publisher`` and ``year`` so a reader can find them. The two
    seed articles list in ``covers`` the entry ids whose topic they actually discuss: citing a
    seed anywhere else would lend its authority to a claim it never makes.
    """

    id: str
    citation: str
    note: str = ""
    title: str | None = None
    publisher: str | None = None
    year: int | None = Field(default=None, ge=1950, le=2100)
    url: str | None = None
    covers: tuple[str, ...] | None = None


class Hazard(_Strict):
    """Something in an activity or a tool that can hurt a young child, defined once.

    An entry tagged with a hazard is never shown to a child younger than ``min_months`` and
    always carries ``sentence`` word for word in its safety note; ``words`` are the terms that
    give a hazard away in an entry's text, so an untagged entry that mentions one is caught.
    """

    id: str
    title: str = Field(min_length=3)
    min_months: int = Field(ge=0)
    sentence: str = Field(min_length=20)
    words: tuple[str, ...] = Field(min_length=1)
    sources: tuple[str, ...] = Field(min_length=1)


class AgeNote(_Strict):
    """What is typical in an age band, in plain words (``to_months`` open-ended when None)."""

    from_months: int = Field(ge=0, le=MAX_AGE_MONTHS)
    to_months: int | None = Field(default=None, ge=0, le=MAX_AGE_MONTHS)
    text: str = Field(min_length=10)


class WhoWindow(_Strict):
    """WHO Motor Development Study window of achievement (1st to 99th percentile)."""

    p1_months: float = Field(gt=0)
    p99_months: float = Field(gt=0)
    criterion: str = Field(min_length=10)

    @model_validator(mode="after")
    def _ordered(self) -> WhoWindow:
        if self.p1_months >= self.p99_months:
            raise ValueError("p1_months must be below p99_months")
        return self


class AdaptationExample(_Strict):
    """One concrete way to adapt a daily task, for children from ``min_months`` on."""

    task: DailyTask
    text: str = Field(min_length=10)
    min_months: int = Field(ge=0, le=MAX_AGE_MONTHS)
    #: Hazard ids (``hazards.yaml``); every example says which it has, even when none.
    hazards: tuple[str, ...]
    safety: str | None = None

    def suits(self, age_months: int) -> bool:
        """Whether the example may be shown to a child of ``age_months``."""
        return self.min_months <= age_months


class _Entry(_Strict):
    id: str
    title: str = Field(min_length=3, max_length=80)
    #: The title as a button says it, where the title is longer than a phone row (30
    #: characters): "Bigger, easier to grip" for "Make it bigger or easier to grip".
    button: str | None = Field(default=None, min_length=3, max_length=30)
    reviewed: date
    sources: tuple[str, ...] = ()

    @field_validator("id")
    @classmethod
    def _snake_case(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"id {value!r} is not snake_case")
        return value

    def written_for(self, age_months: int) -> bool:
        """Whether the entry is written for a child of ``age_months``, so it may be offered
        as another topic: any age, unless the kind says which ages it is for."""
        return True


class _Matchable(_Entry):
    #: Parent-style phrasings, synonyms and common misspellings used by the matcher.
    phrasings: tuple[str, ...] = ()
    #: A hub's subject spans many skills or body parts (one side of the body, the fine/gross
    #: split): its words are every topic's words, so the matcher puts a specific entry the
    #: message supports well before it, unless the message uses a word only the hub has.
    hub: bool = False


class Milestone(_Entry):
    """A skill most children show by a given age, asked about at one checklist age."""

    kind: Literal["milestone"]
    domain: Domain
    #: The check-in (one of CHECKLIST_AGES) at which the parent is asked about it.
    checklist_age: int
    #: Age in months by which most (>=75%) children show it (CDC 2022 where it has one).
    most_by_months: float = Field(gt=0, le=MAX_AGE_MONTHS)
    who_window: WhoWindow | None = None
    #: Asked to the parent; ``{child}`` is replaced by the child's nickname.
    question: str = Field(min_length=10)
    confidence: Confidence
    #: A trunk or shoulder stability skill (proximal stability comes before hand skill).
    proximal: bool = False
    #: The daily task that gets hard while this skill is missing, if any (offers adaptations).
    daily_task: DailyTask | None = None
    #: "Not yet" at or beyond this age (months) is a red flag: talk to the doctor soon.
    red_flag_after_months: float | None = Field(default=None, gt=0)
    red_flag_sources: tuple[str, ...] = ()
    #: From this age a "not yet" needs the doctor the same day (a baby who barely moves, or
    #: whose body is floppy or stiff), not only "soon".
    same_day_after_months: float | None = Field(default=None, gt=0)
    same_day_sources: tuple[str, ...] = ()
    #: From this age a red flag is long overdue: "not yet" needs the doctor as soon as
    #: possible, not only soon (no steady head at 9 months has been a red flag for months).
    #: Must come after ``red_flag_after_months`` (``knowledge check``).
    overdue_after_months: float | None = Field(default=None, gt=0)
    overdue_sources: tuple[str, ...] = ()
    #: Set when the sources cannot support counting "not yet" as a missed milestone (a
    #: pre-2022 CDC item, a low-confidence age, a single non-CDC source, a skill that depends on
    #: schooling or on being given the tool): says why; a "not yet" is then for information
    #: and keep-practising only, and the check-in result says so.
    for_information: str | None = Field(default=None, min_length=10)
    #: False for an item kept (stored answers keep their meaning) but no longer asked, because
    #: a better-placed item covers it and a check-in asks at most ten questions of one age.
    asked: bool = True

    @field_validator("checklist_age")
    @classmethod
    def _known_age(cls, value: int) -> int:
        if value not in CHECKLIST_AGES:
            raise ValueError(f"checklist_age {value} is not one of {CHECKLIST_AGES}")
        return value

    @field_validator("question")
    @classmethod
    def _names_child(cls, value: str) -> str:
        if "{child}" not in value:
            raise ValueError("question must contain the {child} placeholder")
        return value


class Activity(_Matchable):
    """Something to try at home, with what it builds and for which ages."""

    kind: Literal["activity"]
    domains: tuple[Domain, ...] = Field(min_length=1)
    min_months: int = Field(ge=0, le=MAX_AGE_MONTHS)
    max_months: int = Field(ge=0, le=MAX_AGE_MONTHS)
    summary: str = Field(min_length=10)
    materials: tuple[str, ...] = Field(min_length=1)
    steps: tuple[str, ...] = Field(min_length=2)
    #: Milestone ids this activity practises.
    builds: tuple[str, ...] = ()
    #: Concern ids this activity helps with (the concern -> activity link lives here).
    helps_with: tuple[str, ...] = ()
    #: Builds core or shoulder stability (suggested first when hands and trunk lag together).
    proximal: bool = False
    #: Hazard ids (``hazards.yaml``); every activity says which it has, even when none.
    hazards: tuple[str, ...]
    safety: str | None = None

    def suits(self, age_months: int) -> bool:
        """Whether the activity is meant for a child of ``age_months``."""
        return self.min_months <= age_months <= self.max_months

    def written_for(self, age_months: int) -> bool:
        return self.suits(age_months)

    def may_show(self, age_months: int) -> bool:
        """Whether it may be offered at all: never below its minimum age, which is at or above
        every hazard's (``knowledge check``); a late skill may use a younger child's activity."""
        return self.min_months <= age_months

    @model_validator(mode="after")
    def _age_range(self) -> Activity:
        if self.min_months > self.max_months:
            raise ValueError("min_months must not exceed max_months")
        return self


class Adaptation(_Matchable):
    """A way to change a task or tool so a child can take part (stabilize, enlarge, ...)."""

    kind: Literal["adaptation"]
    summary: str = Field(min_length=10)
    examples: tuple[AdaptationExample, ...] = Field(min_length=2)

    def examples_for(self, age_months: int | None) -> list[AdaptationExample]:
        """The examples that may be shown at ``age_months`` (None: age unknown, all)."""
        return [e for e in self.examples if age_months is None or e.suits(age_months)]

    def written_for(self, age_months: int) -> bool:
        return bool(self.examples_for(age_months))


class Concern(_Matchable):
    """A parent's worry, with graded guidance and what to do next."""

    kind: Literal["concern"]
    domains: tuple[Domain, ...] = Field(min_length=1)
    summary: str = Field(min_length=20)
    typical: tuple[AgeNote, ...] = Field(min_length=1)
    #: Short, concrete things to try before (or while) activities are suggested.
    home_tips: tuple[str, ...] = Field(min_length=1)
    #: Said before the home tips, never cut: the hazard sentences their items call for.
    safety: str | None = None
    milestones: tuple[str, ...] = ()
    adaptations: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    explainers: tuple[str, ...] = ()
    #: Signs that mean "talk to the doctor".
    see_doctor: tuple[str, ...] = Field(min_length=1)
    helpers: tuple[Helper, ...] = Field(min_length=1)

    def written_for(self, age_months: int) -> bool:
        """From the first "typical" note's age to the last one's end: "Hands often in fists"
        is written for the first year, not for a 4-year-old's pencil grip. A last note that
        reaches the product's oldest age (7 years) stays open: a 7-year-old still fits it."""
        start = min(note.from_months for note in self.typical)
        ends = [note.to_months for note in self.typical]
        end = None if None in ends else max(e for e in ends if e is not None)
        if end is None or end >= MAX_AGE_MONTHS:
            return start <= age_months
        return start <= age_months < end


class Condition(_Matchable):
    """A condition that affects motor skills; described, never diagnosed."""

    kind: Literal["condition"]
    summary: str = Field(min_length=20)
    motor_effects: tuple[str, ...] = Field(min_length=1)
    helpers: tuple[Helper, ...] = Field(min_length=1)
    see_doctor: tuple[str, ...] = Field(min_length=1)


class Explainer(_Matchable):
    """Background a parent may ask about ("what is occupational therapy?")."""

    kind: Literal["explainer"]
    summary: str = Field(min_length=20)
    body: tuple[str, ...] = Field(min_length=1)
    #: Set on the "what can we do at home" entries: list activities of this domain.
    activity_domain: Domain | None = None


Entry = Annotated[
    Milestone | Activity | Adaptation | Concern | Condition | Explainer,
    Field(discriminator="kind"),
]
Kind = Literal["milestone", "concern", "activity", "adaptation", "condition", "explainer"]


class Synonym(_Strict):
    """Words parents use ("wellies", "nappy", "LKG") for what the knowledge base says otherwise.

    ``means`` must be words the knowledge base's phrasings use (``knowledge check`` verifies
    it), so a synonym can never point at nothing.
    """

    means: str = Field(min_length=1)
    words: tuple[str, ...] = Field(min_length=1)


class OtherDomain(_Strict):
    """A subject parents ask about that Sprout does not cover (sleep, food, speech...).

    A message about it is out of scope unless it also reads clearly as a movement worry;
    ``refer`` names the better place to ask, when there is one.
    """

    id: str
    label: str = Field(min_length=3)
    refer: str | None = None
    #: Words or phrases; a trailing ``*`` matches any ending ("sleep*": sleeps, sleeping).
    words: tuple[str, ...] = Field(min_length=1)


class Vocabulary(_Strict):
    """Parents' English as data: synonyms, the motor domain's words, and other domains.

    ``aspects`` groups words by kind ("body": hands, legs...; "task": dressing, screens...):
    an "other matches" button is only offered for an entry whose title shares, for every kind
    both name, a group with the message.
    """

    synonyms: tuple[Synonym, ...] = ()
    #: Phrases that sound like movement and are not ("runs a fever"), with what they are about;
    #: their ``means`` need not be knowledge base words, and must not be motor words.
    idioms: tuple[Synonym, ...] = ()
    #: Words that show a message is about movement (same ``*`` rule as other domains).
    motor_words: tuple[str, ...] = ()
    #: Parts of the body: half the evidence of a motor word, since a body part alone says
    #: little about movement ("her feet smell", "cut his nails without nicking his fingers").
    body_words: tuple[str, ...] = ()
    other_domains: tuple[OtherDomain, ...] = ()
    aspects: dict[str, dict[str, tuple[str, ...]]] = Field(default_factory=dict)
