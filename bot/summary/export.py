"""Building the ``/export`` file from the family snapshot. Pure: JSON bytes out."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot.domain.views import ConcernView, FamilyView, ObservationView
from bot.summary.export_schema import (
    ExportedChild,
    ExportedConcern,
    ExportedMember,
    ExportedObservation,
    ExportedReminder,
    ExportedSettings,
    SproutExport,
)
from knowledge.loader import KnowledgeBase


def _title(kb: KnowledgeBase, entry_id: str | None) -> str | None:
    entry = kb.by_id.get(entry_id) if entry_id else None
    return entry.title if entry is not None else None


def _observation(
    obs: ObservationView, kb: KnowledgeBase, names: Mapping[int, str | None]
) -> ExportedObservation:
    return ExportedObservation(
        milestone_id=obs.milestone_id,
        milestone_title=_title(kb, obs.milestone_id),
        answer=obs.answer,
        observed_on=obs.observed_on,
        age_months=obs.age_months,
        checklist_age=obs.checklist_age,
        answered_by=None if obs.member_id is None else names.get(obs.member_id),
    )


def _concern(concern: ConcernView, kb: KnowledgeBase) -> ExportedConcern:
    return ExportedConcern(
        text=concern.text,
        created_on=concern.created_on,
        triage=concern.triage,
        matched_id=concern.matched_id,
        matched_title=_title(kb, concern.matched_id),
    )


def build_export(family: FamilyView, kb: KnowledgeBase, now: datetime) -> SproutExport:
    """Everything kept about ``family``, decrypted, as the documented schema; members by
    their names only (no chat ids: those are the other members' Telegram identities)."""
    active = family.active_child
    names = {m.id: m.name for m in family.members}
    return SproutExport(
        exported_at=now,
        chat_id=family.chat_id,
        settings=ExportedSettings(
            timezone=family.timezone,
            reminder_hour=family.reminder_hour,
            paused_until=family.paused_until,
            reminders_stopped=family.reminders_stopped,
        ),
        members=[ExportedMember(name=m.name, role=m.role.value) for m in family.members],
        children=[
            ExportedChild(
                nickname=child.nickname,
                birth_date=child.birth_date,
                birth_date_estimated=child.birth_date_estimated,
                gestational_weeks=child.gestational_weeks,
                active=active is not None and child.id == active.id,
                observations=[_observation(o, kb, names) for o in child.observations],
                concerns=[_concern(c, kb) for c in child.concerns],
                reminders=[
                    ExportedReminder(
                        checklist_age=r.checklist_age,
                        status=r.status,
                        next_at=r.next_at,
                        kind=r.kind,
                        items=list(r.items),
                    )
                    for r in family.reminders
                    if r.child_id == child.id
                ],
            )
            for child in family.children
        ],
        family_concerns=[_concern(c, kb) for c in family.family_concerns],
    )


def export_json(family: FamilyView, kb: KnowledgeBase, now: datetime) -> bytes:
    """The export as UTF-8 JSON, indented so a parent can read it in any text editor."""
    return build_export(family, kb, now).model_dump_json(indent=2).encode()
