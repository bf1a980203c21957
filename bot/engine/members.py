"""Membership changes, carried out in the step's transaction: join, leave, remove.

Every id here came from input, so each member is looked up again within the family, and
roles are checked again even though the flow only offers what the role allows. The family
keeps two invariants: it has an admin while it has members (the longest-standing member is
promoted when the last admin leaves), and ``families.chat_id`` is always one of its admins'
chats (it must name a member: a new chat's family is created under its chat id).
"""

from __future__ import annotations

from bot.domain.replies import reply_to_json, say
from bot.domain.views import Role
from bot.flows.base import FlowContext
from bot.flows.effects import JoinFamily, RemoveMember
from bot.reminders import plans as reminder_plans
from storage.models import Family, Member
from storage.uow import UnitOfWork


async def join(uow: UnitOfWork, source: Family, effect: JoinFamily, ctx: FlowContext) -> None:
    """The member writing leaves ``source`` (a family of one) for the invite's family,
    bringing everything of ``source`` along (children, answers, worries, reminders;
    re-encrypted under the new family's key), and ``source``, now empty, is erased."""
    me = None if ctx.family.me is None else await uow.members.owned(source.id, ctx.family.me)
    found = await uow.invites.get(effect.invite_id, ctx.now)
    if me is None or found is None or found.status != "ok":
        return
    target = await uow.families.lock(found.invite.family_id)
    if target is None or target.id == source.id:
        return
    if any(m.id != me.id for m in await uow.members.of_family(source.id)):
        return  # the flow refuses: leave the shared family first
    await uow.families.move_into(source, target)
    await uow.dialogs.clear(me.id)
    me.family_id, me.role, me.join_failures = target.id, Role.CAREGIVER, 0
    uow.members.set_name(me, effect.name)
    found.invite.used_at = ctx.now
    for other in await uow.members.of_family(target.id):
        if other.id != me.id:
            uow.outbox.add(other.chat_id, [reply_to_json(say(effect.notice))], ctx.now)
    await uow.families.erase_now(source)
    await reminder_plans.retime_family(uow, target)


async def leave(uow: UnitOfWork, family: Family, me: Member) -> None:
    """End the writer's membership: only it and its conversation go."""
    others = [m for m in await uow.members.of_family(family.id) if m.id != me.id]
    if not others:
        return  # the last member erases the family instead (``DeleteFamily``)
    await uow.members.remove(me)
    _keep_an_admin(family, others)


async def remove(uow: UnitOfWork, family: Family, effect: RemoveMember, ctx: FlowContext) -> None:
    """An admin ends another member's membership; the removed chat gets ``notice``, which
    names nothing of the family, after its queued replies were dropped."""
    me = None if ctx.family.me is None else await uow.members.owned(family.id, ctx.family.me)
    other = await uow.members.owned(family.id, effect.member_id)
    if me is None or me.role != Role.ADMIN or other is None or other.id == me.id:
        return
    chat = other.chat_id
    await uow.members.remove(other)
    uow.outbox.add(chat, [reply_to_json(say(effect.notice))], ctx.now)
    _keep_an_admin(family, list(await uow.members.of_family(family.id)))


def _keep_an_admin(family: Family, members: list[Member]) -> None:
    """After someone left: promote the longest-standing member if no admin is left, and
    point the family's reminder chat at an admin's."""
    admins = [m for m in members if m.role == Role.ADMIN]
    if not admins:
        members[0].role = Role.ADMIN
        admins = [members[0]]
    if family.chat_id not in {m.chat_id for m in admins}:
        family.chat_id = admins[0].chat_id
