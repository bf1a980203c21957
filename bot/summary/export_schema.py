"""The schema of ``/export`` files (documented in docs/export.md). Bump ``SCHEMA_VERSION`` on
any change that breaks a reader, and describe the change there.

The file is for the parent: everything Sprout keeps about the family, in plain words where the
database stores codes (milestone titles beside their ids), decrypted, without internal row ids.
Models are strict (``extra="forbid"``) so a test can prove a file holds exactly this shape.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.views import Answer

SCHEMA_VERSION: Final = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExportedObservation(_Strict):
    """One check-in answer."""

    milestone_id: str
    milestone_title: str | None = Field(description="None when the milestone was retired")
    answer: Answer
    observed_on: date
    age_months: int = Field(description="age used for milestones that day (corrected if so)")
    checklist_age: int | None = Field(description="the check-in (months) it was given in")
    answered_by: str | None = Field(
        default=None,
        description="the name of the member who gave it; None before members were recorded, "
        "for a member who has since left, or one who chose no name",
    )


class ExportedConcern(_Strict):
    """A worry in the parent's own words, and what Sprout matched it to."""

    text: str
    created_on: date
    triage: str = Field(description="emergency, urgent, safety_net, concern or out_of_scope")
    matched_id: str | None
    matched_title: str | None


class ExportedReminder(_Strict):
    """A check-in reminder not done yet."""

    checklist_age: int
    status: str = Field(description="pending (not sent yet) or sent (not answered yet)")
    next_at: datetime | None = Field(description="when it, or its follow-up, goes out next")
    kind: str = Field(
        description="checkin, or a follow-up a check-in result promised: look_again, "
        "practise, doctor or more"
    )
    items: list[str] = Field(description="milestone ids a follow-up asks about again")


class ExportedChild(_Strict):
    nickname: str
    birth_date: date
    birth_date_estimated: bool
    gestational_weeks: int | None
    active: bool = Field(description="the child commands currently apply to")
    observations: list[ExportedObservation]
    concerns: list[ExportedConcern]
    reminders: list[ExportedReminder]


class ExportedMember(_Strict):
    """A member of the family, by the name the others see: no chat id, no other detail."""

    name: str | None = Field(description="None until the member chose one")
    role: Literal["admin", "caregiver"]


class ExportedSettings(_Strict):
    timezone: str
    reminder_hour: int
    paused_until: datetime | None
    reminders_stopped: bool


class SproutExport(_Strict):
    """A whole family's data."""

    format: Literal["sprout-export"] = "sprout-export"
    schema_version: Literal[1] = SCHEMA_VERSION
    exported_at: datetime
    chat_id: int
    settings: ExportedSettings
    members: list[ExportedMember] = Field(
        default_factory=list, description="the family's members, oldest membership first"
    )
    children: list[ExportedChild]
    family_concerns: list[ExportedConcern] = Field(
        description="worries typed before any child was added"
    )
