"""The family as every part of Sprout reads it: immutable, already decrypted.

The engine builds these from storage for each input; flows, the summary and the export read
them and never see a database row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from bot.domain.age import Age, AgeClock, age_on

#: A parent's answer about one milestone (``observations.answer``).
Answer = Literal["yes", "not_yet", "not_sure"]


class ReminderStatus(StrEnum):
    """Where a reminder stands (``reminders.status``).

    Storage imports nothing from the bot, so ``storage.models`` spells the same values out
    for the column's CHECK constraint; a test fails when the two lists differ.
    """

    #: Not sent yet (waiting for its day, a pause, quiet hours or a snooze).
    PENDING = "pending"
    #: Sent; a check-in reminder may still get its one gentle follow-up.
    SENT = "sent"
    #: The parent answered it (the check-in, or a follow-up's re-check).
    ANSWERED = "answered"
    #: Too late to send: the next check-in covers it.
    FOLDED = "folded"
    #: Stopped, skipped, superseded, or refused by Telegram.
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        """Something may still be sent for it (the reminder, or its follow-up)."""
        return self in (ReminderStatus.PENDING, ReminderStatus.SENT)


class ReminderKind(StrEnum):
    """What a reminder is for (``reminders.kind``): the check-in of its checklist age, or a
    follow-up a check-in result promised (``bot.flows.checkin.result``)."""

    CHECKIN = "checkin"
    #: A red-flag item answered "not sure" past its age: look again in a week.
    LOOK_AGAIN = "look_again"
    #: The items being practised: ask them again.
    PRACTISE = "practise"
    #: Did the family manage to talk to the doctor?
    DOCTOR = "doctor"
    #: Questions left over by the per-check-in cap.
    MORE = "more"

    @property
    def is_follow_up(self) -> bool:
        return self != ReminderKind.CHECKIN


@dataclass(frozen=True, slots=True)
class ObservationView:
    """One answer a parent gave about one milestone."""

    milestone_id: str
    answer: Answer
    observed_on: date
    age_months: int
    #: The check-in it was given in (its checklist age), so summaries can show each one.
    checklist_age: int | None = None
    #: The member who gave it (``MemberView.id``); None for answers from before members
    #: were recorded (revision 0009) and for a member who has since left or been removed.
    member_id: int | None = None


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
    status: ReminderStatus
    next_at: datetime | None
    kind: ReminderKind = ReminderKind.CHECKIN
    #: The milestones a follow-up asks again.
    items: tuple[str, ...] = ()


class Role(StrEnum):
    """A member's role (``members.role``; ``storage.models.ROLES`` spells it out)."""

    #: Invites, removes and promotes members, exports and erases the family.
    ADMIN = "admin"
    #: Check-ins, worries, reminders, /summary: everything about the children.
    CAREGIVER = "caregiver"


@dataclass(frozen=True, slots=True)
class MemberView:
    """One member of the family as the others see them: the name they chose (None until
    they chose one), their role, whether they want reminders."""

    id: int
    name: str | None
    role: Role
    reminders_on: bool = True

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


@dataclass(frozen=True, slots=True)
class FamilyView:
    """The family, its children and members, as the member writing (``me``) sees it."""

    #: The chat of the member writing.
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
    #: Everyone in the family, oldest membership first, and which of them is writing.
    members: tuple[MemberView, ...] = ()
    me: int | None = None
    #: Invites that could still be used (an admin may withdraw them).
    open_invites: int = 0

    @property
    def member(self) -> MemberView:
        """The member writing (a family of one when the snapshot names no members)."""
        for member in self.members:
            if member.id == self.me:
                return member
        return MemberView(id=self.me or 0, name=None, role=Role.ADMIN)

    def others(self) -> tuple[MemberView, ...]:
        return tuple(m for m in self.members if m.id != self.me)

    @property
    def active_child(self) -> ChildView | None:
        for child in self.children:
            if child.id == self.active_child_id:
                return child
        return self.children[0] if self.children else None

    def child(self, child_id: int) -> ChildView | None:
        return next((c for c in self.children if c.id == child_id), None)

    def active_child_months(self, today: date) -> int | None:
        """The active child's age in whole months (corrected while that applies), for the
        danger signs and answers that depend on it; None without a child."""
        child = self.active_child
        return child.age(today).months if child else None
