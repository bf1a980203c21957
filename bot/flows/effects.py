"""Changes a flow asks for. The dialog engine applies them in the step's transaction.

Effects are plain data so that flow tests can assert on them without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.views import ReminderKind, ReminderStatus


@dataclass(frozen=True, slots=True)
class AddChild:
    """Add a child to the family (and make it the active child when ``make_active``)."""

    nickname: str
    birth_date: date
    birth_date_estimated: bool
    gestational_weeks: int | None
    make_active: bool = True


@dataclass(frozen=True, slots=True)
class RenameChild:
    child_id: int
    nickname: str


@dataclass(frozen=True, slots=True)
class CorrectBirth:
    """Correct a child's birth date and gestational weeks (both re-stated together)."""

    child_id: int
    birth_date: date
    birth_date_estimated: bool
    gestational_weeks: int | None


@dataclass(frozen=True, slots=True)
class RemoveChild:
    child_id: int


@dataclass(frozen=True, slots=True)
class SetActiveChild:
    child_id: int


@dataclass(frozen=True, slots=True)
class SaveConcern:
    """Keep a worry in the parent's words (encrypted) with what it matched."""

    child_id: int | None
    text: str
    matched_id: str | None
    triage: str
    created_on: date


@dataclass(frozen=True, slots=True)
class RecordObservation:
    """Save one check-in answer as it is given, so a check-in left mid-way loses nothing.

    ``age_months`` is the age used for milestones that day (corrected while it applies) and
    ``checklist_age`` the check-in it belongs to, so later check-ins can tell sessions apart.
    """

    child_id: int
    milestone_id: str
    answer: str
    observed_on: date
    age_months: int
    checklist_age: int


@dataclass(frozen=True, slots=True)
class DeleteFamily:
    """Erase the family and everything kept about it (``/delete``, after a confirmation).

    The engine saves no dialog state afterwards: nothing of the family may remain.
    ``notice`` goes to the family's other members (an admin erased a shared family).
    """

    notice: str = ""


@dataclass(frozen=True, slots=True)
class SetReminderHour:
    """Check-in reminders at this local hour from now on (8-19: never in quiet hours)."""

    hour: int


@dataclass(frozen=True, slots=True)
class SetTimezone:
    """The family's IANA time zone (already validated against ``zoneinfo``)."""

    zone: str


@dataclass(frozen=True, slots=True)
class PauseReminders:
    """No reminders until ``until`` (an instant at the reminder hour)."""

    until: datetime


@dataclass(frozen=True, slots=True)
class ResumeReminders:
    """End a pause or a stop."""


@dataclass(frozen=True, slots=True)
class StopReminders:
    """No reminders or follow-ups until the parent resumes."""


@dataclass(frozen=True, slots=True)
class SnoozeReminder:
    """Send the reminder ``reminder_id`` (from an untrusted button) again at ``until``."""

    reminder_id: int
    until: datetime


@dataclass(frozen=True, slots=True)
class ScheduleFollowUp:
    """Come back on ``due_on`` (at the family's reminder hour), as the result promised.

    ``kind`` is a follow-up kind (``ReminderKind.is_follow_up``); ``items`` are the milestones
    to ask again. One row per child, check-in age and kind: scheduling again replaces the
    earlier one.
    """

    child_id: int
    kind: ReminderKind
    checklist_age: int
    due_on: date
    items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CloseFollowUp:
    """The follow-up ``reminder_id`` (an untrusted id) is done: answered or skipped."""

    reminder_id: int
    status: ReminderStatus = ReminderStatus.ANSWERED


@dataclass(frozen=True, slots=True)
class SetMemberName:
    """The name the others in the family see for the member writing."""

    name: str


@dataclass(frozen=True, slots=True)
class CreateInvite:
    """Store an invite whose token is ``code`` (only its hash is kept), made by the member
    writing, who must be an admin."""

    code: str


@dataclass(frozen=True, slots=True)
class RevokeInvites:
    """Withdraw the family's invites not used yet (admins only)."""


@dataclass(frozen=True, slots=True)
class JoinFamily:
    """The member writing joins the family of invite ``invite_id`` as a caregiver named
    ``name``; with ``bring_children``, their children and everything about them move too.
    Their own family, left empty, is erased. The invite is checked again and used up."""

    invite_id: int
    name: str
    bring_children: bool
    #: Said to the family's members, who see the newcomer's name.
    notice: str


@dataclass(frozen=True, slots=True)
class LeaveFamily:
    """The member writing leaves: only their membership and conversation are erased (the
    last member leaving erases the family instead, with ``DeleteFamily``)."""


@dataclass(frozen=True, slots=True)
class RemoveMember:
    """An admin ends ``member_id``'s membership (an untrusted id, checked within the
    family); ``notice`` goes to the removed chat and names nothing of the family."""

    member_id: int
    notice: str


@dataclass(frozen=True, slots=True)
class PromoteMember:
    """An admin makes ``member_id`` (an untrusted id, checked within the family) an admin."""

    member_id: int


@dataclass(frozen=True, slots=True)
class SetMyReminders:
    """The member writing wants check-in reminders (``on``) or not."""

    on: bool


@dataclass(frozen=True, slots=True)
class CheckinDone:
    """A member finished the check-in of ``checklist_age`` for ``child_id``: the reminder
    messages the other members got for it are edited to ``notice``."""

    child_id: int
    checklist_age: int
    notice: str


Effect = (
    AddChild
    | RenameChild
    | CorrectBirth
    | RemoveChild
    | SetActiveChild
    | SaveConcern
    | RecordObservation
    | DeleteFamily
    | SetReminderHour
    | SetTimezone
    | PauseReminders
    | ResumeReminders
    | StopReminders
    | SnoozeReminder
    | ScheduleFollowUp
    | CloseFollowUp
    | SetMemberName
    | CreateInvite
    | RevokeInvites
    | JoinFamily
    | LeaveFamily
    | RemoveMember
    | PromoteMember
    | SetMyReminders
    | CheckinDone
)
