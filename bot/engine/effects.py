"""How each effect a flow asks for is carried out in storage.

One small function per effect type, chosen by a ``match`` over the ``Effect`` union that ends
in ``assert_never``: an effect added to the union without a function here fails ``mypy`` (run
first by ``make test``), not a parent's message at run time. Adding a flow's effects means
adding functions here, never touching the dialog engine. Ids in effects came through
untrusted input, so every child is looked up *within the family* before it is changed.
"""

from __future__ import annotations

from typing import assert_never, get_args

from bot.domain import schedule
from bot.domain.replies import edit_to_json, reply_to_json, say
from bot.domain.views import Answer, ReminderStatus, Role
from bot.engine import members
from bot.flows.base import FlowContext
from bot.flows.effects import (
    AddChild,
    CheckinDone,
    CloseFollowUp,
    CorrectBirth,
    CreateInvite,
    DeleteFamily,
    Effect,
    JoinFamily,
    LeaveFamily,
    PauseReminders,
    PromoteMember,
    RecordObservation,
    RemoveChild,
    RemoveMember,
    RenameChild,
    ResumeReminders,
    RevokeInvites,
    SaveConcern,
    ScheduleFollowUp,
    SetActiveChild,
    SetMemberName,
    SetMyReminders,
    SetReminderHour,
    SetTimezone,
    SnoozeReminder,
    StopReminders,
)
from bot.reminders import plans as reminder_plans
from knowledge.models import Milestone
from storage.models import Family, Member
from storage.repositories import Birth
from storage.uow import UnitOfWork


async def apply_effect(uow: UnitOfWork, family: Family, effect: Effect, ctx: FlowContext) -> None:
    """Carry out ``effect`` for ``family`` in the unit of work's transaction."""
    match effect:
        case AddChild():
            await _add_child(uow, family, effect, ctx)
        case RenameChild():
            await _rename(uow, family, effect)
        case CorrectBirth():
            await _correct(uow, family, effect, ctx)
        case RemoveChild():
            await _remove(uow, family, effect)
        case SetActiveChild():
            await _activate(uow, family, effect)
        case SaveConcern():
            await _save_concern(uow, family, effect)
        case RecordObservation():
            await _record_observation(uow, family, effect, ctx)
        case DeleteFamily():
            await _delete_family(uow, family, effect, ctx)
        case SetReminderHour():
            await _set_hour(uow, family, effect)
        case SetTimezone():
            await _set_zone(uow, family, effect)
        case PauseReminders():
            family.paused_until = effect.until
        case ResumeReminders():
            await reminder_plans.resume(uow, family, ctx.now)
        case StopReminders():
            await reminder_plans.stop(uow, family)
        case SnoozeReminder():
            await reminder_plans.snooze(uow, family, effect.reminder_id, effect.until)
        case ScheduleFollowUp():
            await _schedule_follow_up(uow, family, effect)
        case CloseFollowUp():
            await _close_follow_up(uow, family, effect)
        case SetMemberName():
            if me := await _me(uow, family, ctx):
                uow.members.set_name(me, effect.name)
        case CreateInvite():
            if (me := await _me(uow, family, ctx)) and me.role == Role.ADMIN:
                uow.invites.add(family.id, me.id, effect.code, ctx.now)
        case RevokeInvites():
            if (me := await _me(uow, family, ctx)) and me.role == Role.ADMIN:
                await uow.invites.revoke_open(family.id, ctx.now)
        case JoinFamily():
            await members.join(uow, family, effect, ctx)
        case LeaveFamily():
            if me := await _me(uow, family, ctx):
                await members.leave(uow, family, me)
        case RemoveMember():
            await members.remove(uow, family, effect, ctx)
        case SetMyReminders():
            if me := await _me(uow, family, ctx):
                me.reminders_on = effect.on
        case CheckinDone():
            if await uow.children.owned(family, effect.child_id):
                found = await uow.reminders.take_messages(
                    effect.child_id, effect.checklist_age, ctx.family.me or 0
                )
                for chat, message_id in found:
                    edit = edit_to_json(message_id, say(effect.notice))
                    uow.outbox.add(chat, [edit], ctx.now)
        case PromoteMember():
            me = await _me(uow, family, ctx)
            other = await uow.members.owned(family.id, effect.member_id)
            if me is not None and me.role == Role.ADMIN and other is not None:
                other.role = Role.ADMIN
        case _:
            assert_never(effect)


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
    await reminder_plans.replan_child(uow, family, child, ctx.now, new=True)


async def _rename(uow: UnitOfWork, family: Family, effect: RenameChild) -> None:
    if child := await uow.children.owned(family, effect.child_id):
        uow.children.rename(child, effect.nickname)


async def _correct(
    uow: UnitOfWork, family: Family, effect: CorrectBirth, ctx: FlowContext
) -> None:
    if child := await uow.children.owned(family, effect.child_id):
        birth = Birth(effect.birth_date, effect.birth_date_estimated, effect.gestational_weeks)
        uow.children.set_birth(child, birth)
        await reminder_plans.replan_child(uow, family, child, ctx.now)


async def _remove(uow: UnitOfWork, family: Family, effect: RemoveChild) -> None:
    if child := await uow.children.owned(family, effect.child_id):
        await uow.children.remove(child)
        if family.active_child_id == child.id:
            remaining = [c for c in await uow.children.of_family(family.id) if c.id != child.id]
            family.active_child_id = remaining[0].id if remaining else None


async def _activate(uow: UnitOfWork, family: Family, effect: SetActiveChild) -> None:
    if await uow.children.owned(family, effect.child_id):
        family.active_child_id = effect.child_id


async def _save_concern(uow: UnitOfWork, family: Family, effect: SaveConcern) -> None:
    child_id = effect.child_id
    if child_id is not None and not await uow.children.owned(family, child_id):
        child_id = None
    await uow.concerns.add(
        family_id=family.id,
        child_id=child_id,
        text=effect.text,
        matched_id=effect.matched_id,
        triage=effect.triage,
        created_on=effect.created_on,
    )


#: The answers a check-in can record.
ANSWERS = frozenset(get_args(Answer))


async def _record_observation(
    uow: UnitOfWork, family: Family, effect: RecordObservation, ctx: FlowContext
) -> None:
    """Store one answer, only for this family's child and a milestone that exists, as the
    member writing gave it (the engine's snapshot names them; a flow cannot)."""
    milestone = ctx.knowledge.by_id.get(effect.milestone_id)
    if effect.answer not in ANSWERS or not isinstance(milestone, Milestone):
        return
    if await uow.children.owned(family, effect.child_id):
        await uow.observations.add(
            family.id,
            child_id=effect.child_id,
            milestone_id=effect.milestone_id,
            answer=effect.answer,
            observed_on=effect.observed_on,
            age_months=effect.age_months,
            checklist_age=effect.checklist_age,
            member_id=ctx.family.me,
        )
        await uow.reminders.answered(effect.child_id, effect.checklist_age)


async def _me(uow: UnitOfWork, family: Family, ctx: FlowContext) -> Member | None:
    """The member writing, looked up again within the family."""
    me = ctx.family.me
    return None if me is None else await uow.members.owned(family.id, me)


async def _delete_family(
    uow: UnitOfWork, family: Family, effect: DeleteFamily, ctx: FlowContext
) -> None:
    """Erase the family: destroy its key, so nothing of it can be read from the commit on.
    The engine then deletes its rows (members, children, answers, worries, reminders and
    conversations cascade) in a second transaction. Only an admin erases a shared family;
    the others are told (after their queued replies, which may name the child, are gone)."""
    me = await _me(uow, family, ctx)
    others = [m for m in await uow.members.of_family(family.id) if m.id != ctx.family.me]
    if others and (me is None or me.role != Role.ADMIN):
        return
    await uow.families.destroy_key(family)
    if effect.notice:
        for other in others:
            uow.outbox.add(other.chat_id, [reply_to_json(say(effect.notice))], ctx.now)


async def _set_hour(uow: UnitOfWork, family: Family, effect: SetReminderHour) -> None:
    if not schedule.in_quiet_hours(effect.hour):
        family.reminder_hour = effect.hour
        await reminder_plans.retime_family(uow, family)


async def _set_zone(uow: UnitOfWork, family: Family, effect: SetTimezone) -> None:
    family.timezone = effect.zone
    await reminder_plans.retime_family(uow, family)


async def _schedule_follow_up(uow: UnitOfWork, family: Family, effect: ScheduleFollowUp) -> None:
    """A follow-up the check-in result promised, only for this family's child."""
    child = await uow.children.owned(family, effect.child_id)
    if child is not None:
        await reminder_plans.schedule_follow_up(uow, family, child, effect)


async def _close_follow_up(uow: UnitOfWork, family: Family, effect: CloseFollowUp) -> None:
    if effect.status in (ReminderStatus.ANSWERED, ReminderStatus.CANCELLED):
        await reminder_plans.close_follow_up(uow, family, effect.reminder_id, effect.status)
