"""How each effect a flow asks for is carried out in storage.

One small function per effect type, looked up by type: adding a flow's effects means adding
functions here, never touching the engine. Ids in effects came through untrusted input, so
every child is looked up *within the family* before it is changed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, get_args

from bot.domain import schedule
from bot.domain.views import Answer
from bot.flows.base import FlowContext
from bot.flows.effects import (
    AddChild,
    CloseFollowUp,
    CorrectBirth,
    DeleteFamily,
    Effect,
    PauseReminders,
    RecordObservation,
    RemoveChild,
    RenameChild,
    ResumeReminders,
    SaveConcern,
    ScheduleFollowUp,
    SetActiveChild,
    SetReminderHour,
    SetTimezone,
    SnoozeReminder,
    StopReminders,
)
from bot.reminders import plans as reminder_plans
from knowledge.models import Milestone
from storage.models import Family
from storage.repositories import Birth
from storage.uow import UnitOfWork

Applier = Callable[[UnitOfWork, Family, Any, FlowContext], Awaitable[None]]
APPLIERS: dict[type, Applier] = {}


def applies(effect_type: type) -> Callable[[Applier], Applier]:
    """Register the function that carries out ``effect_type``."""

    def register(func: Applier) -> Applier:
        APPLIERS[effect_type] = func
        return func

    return register


async def apply_effect(uow: UnitOfWork, family: Family, effect: Effect, ctx: FlowContext) -> None:
    await APPLIERS[type(effect)](uow, family, effect, ctx)


@applies(AddChild)
async def _add_child(uow: UnitOfWork, family: Family, effect: AddChild, ctx: FlowContext) -> None:
    child = await uow.children.add(
        family,
        nickname=effect.nickname,
        birth_date=effect.birth_date,
        birth_date_estimated=effect.birth_date_estimated,
        gestational_weeks=effect.gestational_weeks,
    )
    if effect.make_active or family.active_child_id is None:
        family.active_child_id = child.id
    await reminder_plans.replan_child(uow, family, child, ctx.now)


@applies(RenameChild)
async def _rename(uow: UnitOfWork, family: Family, effect: RenameChild, _ctx: FlowContext) -> None:
    if child := await uow.children.owned(family, effect.child_id):
        uow.children.rename(child, effect.nickname)


@applies(CorrectBirth)
async def _correct(
    uow: UnitOfWork, family: Family, effect: CorrectBirth, ctx: FlowContext
) -> None:
    if child := await uow.children.owned(family, effect.child_id):
        birth = Birth(effect.birth_date, effect.birth_date_estimated, effect.gestational_weeks)
        uow.children.set_birth(child, birth)
        await reminder_plans.replan_child(uow, family, child, ctx.now)


@applies(RemoveChild)
async def _remove(uow: UnitOfWork, family: Family, effect: RemoveChild, _ctx: FlowContext) -> None:
    if child := await uow.children.owned(family, effect.child_id):
        await uow.children.remove(child)
        if family.active_child_id == child.id:
            remaining = [c for c in await uow.children.of_family(family.id) if c.id != child.id]
            family.active_child_id = remaining[0].id if remaining else None


@applies(SetActiveChild)
async def _activate(
    uow: UnitOfWork, family: Family, effect: SetActiveChild, _ctx: FlowContext
) -> None:
    if await uow.children.owned(family, effect.child_id):
        family.active_child_id = effect.child_id


@applies(SaveConcern)
async def _save_concern(
    uow: UnitOfWork, family: Family, effect: SaveConcern, _ctx: FlowContext
) -> None:
    child_id = effect.child_id
    if child_id is not None and not await uow.children.owned(family, child_id):
        child_id = None
    uow.concerns.add(
        family_id=family.id,
        child_id=child_id,
        text=effect.text,
        matched_id=effect.matched_id,
        triage=effect.triage,
        created_on=effect.created_on,
    )


#: The answers a check-in can record.
ANSWERS = frozenset(get_args(Answer))


@applies(RecordObservation)
async def _record_observation(
    uow: UnitOfWork, family: Family, effect: RecordObservation, ctx: FlowContext
) -> None:
    """Store one answer, only for this family's child and a milestone that exists."""
    milestone = ctx.knowledge.by_id.get(effect.milestone_id)
    if effect.answer not in ANSWERS or not isinstance(milestone, Milestone):
        return
    if await uow.children.owned(family, effect.child_id):
        uow.observations.add(
            family.id,
            child_id=effect.child_id,
            milestone_id=effect.milestone_id,
            answer=effect.answer,
            observed_on=effect.observed_on,
            age_months=effect.age_months,
            checklist_age=effect.checklist_age,
        )
        await uow.checkins.answered(effect.child_id, effect.checklist_age)


@applies(DeleteFamily)
async def _delete_family(
    uow: UnitOfWork, family: Family, _effect: DeleteFamily, _ctx: FlowContext
) -> None:
    """Erase the family: destroy its key, so nothing of it can be read from the commit on.
    The engine then deletes its rows (children, answers, worries, reminders and dialog
    state cascade) in a second transaction."""
    await uow.families.destroy_key(family)


@applies(SetReminderHour)
async def _set_hour(
    uow: UnitOfWork, family: Family, effect: SetReminderHour, _ctx: FlowContext
) -> None:
    if not schedule.in_quiet_hours(effect.hour):
        family.reminder_hour = effect.hour
        await reminder_plans.retime_family(uow, family)


@applies(SetTimezone)
async def _set_zone(
    uow: UnitOfWork, family: Family, effect: SetTimezone, _ctx: FlowContext
) -> None:
    family.timezone = effect.zone
    await reminder_plans.retime_family(uow, family)


@applies(PauseReminders)
async def _pause(
    uow: UnitOfWork, family: Family, effect: PauseReminders, _ctx: FlowContext
) -> None:
    family.paused_until = effect.until


@applies(ResumeReminders)
async def _resume(
    uow: UnitOfWork, family: Family, _effect: ResumeReminders, ctx: FlowContext
) -> None:
    await reminder_plans.resume(uow, family, ctx.now)


@applies(StopReminders)
async def _stop(
    uow: UnitOfWork, family: Family, _effect: StopReminders, _ctx: FlowContext
) -> None:
    await reminder_plans.stop(uow, family)


@applies(SnoozeReminder)
async def _snooze(
    uow: UnitOfWork, family: Family, effect: SnoozeReminder, _ctx: FlowContext
) -> None:
    await reminder_plans.snooze(uow, family, effect.checkin_id, effect.until)


@applies(ScheduleFollowUp)
async def _schedule_follow_up(
    uow: UnitOfWork, family: Family, effect: ScheduleFollowUp, _ctx: FlowContext
) -> None:
    """A follow-up the check-in result promised, only for this family's child."""
    child = await uow.children.owned(family, effect.child_id)
    if child is not None:
        await reminder_plans.schedule_follow_up(uow, family, child, effect)


@applies(CloseFollowUp)
async def _close_follow_up(
    uow: UnitOfWork, family: Family, effect: CloseFollowUp, _ctx: FlowContext
) -> None:
    if effect.status in ("answered", "cancelled"):
        await reminder_plans.close_follow_up(uow, family, effect.checkin_id, effect.status)
