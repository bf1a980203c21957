"""The family as every part of Sprout reads it: immutable, already decrypted.

The engine builds these from storage for each input; flows, the summary and the export read
them and never see a database row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from bot.domain.age import Age, AgeClock, age_on

Answer = Literal["yes", "not_yet", "not_sure"]


@dataclass(frozen=True, slots=True)
class ObservationView:
    """One answer a parent gave about one milestone."""

    milestone_id: str
    answer: Answer
    observed_on: date
    age_months: int
    #: The check-in it was given in (its checklist age), so summaries can show each one.
    checklist_age: int | None = None


@dataclass(frozen=True, slots=True)
class ConcernView:
    """A worry the parent wrote, in their own words, and what it matched."""

    text: str
    matched_id: str | None
    triage: str
    created_on: date


@dataclass(frozen=True, slots=True)
class ChildView:
    """A child as flows see it (nickname already decrypted)."""

    id: int
    nickname: str
    birth_date: date
    birth_date_estimated: bool = False
    gestational_weeks: int | None = None
    observations: tuple[ObservationView, ...] = ()
    concerns: tuple[ConcernView, ...] = ()

    def age(self, today: date) -> Age:
        """The child's age on ``today``, corrected for prematurity where that applies."""
        return age_on(self.birth_date, self.gestational_weeks, today)

    def clock(self, today: date) -> AgeClock:
        """The child's exact age on ``today``, for thresholds compared to the day."""
        return AgeClock(self.birth_date, self.gestational_weeks, today)


@dataclass(frozen=True, slots=True)
class ReminderView:
    """A check-in reminder still open: ``pending`` (not sent yet) or ``sent`` (not answered).

    ``next_at`` is when it (or its follow-up) goes out next; None when nothing more will.
    """

    id: int
    child_id: int
    checklist_age: int
    status: str
    next_at: datetime | None
    #: ``checkin`` or a follow-up kind (``bot.flows.effects.FOLLOW_UP_KINDS``).
    kind: str = "checkin"
    #: The milestones a follow-up asks again.
    items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FamilyView:
    """The family (one private Telegram chat) and its children."""

    chat_id: int
    children: tuple[ChildView, ...] = ()
    active_child_id: int | None = None
    timezone: str = "UTC"
    reminder_hour: int = 10
    #: Worries typed before any child was added: kept, exported and erased with the family.
    family_concerns: tuple[ConcernView, ...] = ()
    #: Check-in reminders: pause, stop and the open reminders (``/reminders``, snooze buttons).
    paused_until: datetime | None = None
    reminders_stopped: bool = False
    reminders: tuple[ReminderView, ...] = ()

    @property
    def active_child(self) -> ChildView | None:
        for child in self.children:
            if child.id == self.active_child_id:
                return child
        return self.children[0] if self.children else None

    def child(self, child_id: int) -> ChildView | None:
        return next((c for c in self.children if c.id == child_id), None)
