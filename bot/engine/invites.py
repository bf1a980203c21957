"""Invites as the join flow sees them: looked up by the hash of their token, under the
inviting family's lock, and wrong codes from one chat slowed down.

The engine calls ``resolve`` before the step, in the step's transaction: for ``/join CODE``
or the ``/start join_CODE`` deep link it finds the invite by its token (counting a failure
against the chat when there is none, or it is used, expired or withdrawn), and while the
join flow waits it finds the invite again by id, so its last step sees whether it can still
be used at that moment. A code is never stored, only its SHA-256 (``storage.repositories``).
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta

from bot.domain.views import Role
from bot.flows.base import ButtonIn, CommandIn, Event, FlowState, InviteView
from bot.flows.family import FamilyState, JoinState, invite_code
from storage.models import Family, Member
from storage.repositories import FoundInvite
from storage.uow import UnitOfWork

#: Random bytes in an invite token: 128 bits (``secrets.token_urlsafe``: 22 characters).
TOKEN_BYTES = 16
#: What a token looks like; anything else is refused without a query.
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
#: Failures from one chat allowed in a row before each further try must wait; the wait
#: doubles with each failure, up to an hour. A success starts the count again.
FREE_FAILURES = 3
MAX_WAIT = timedelta(hours=1)


def about_family(state: FlowState | None, event: Event) -> bool:
    """Whether this input reaches ``/family`` (which shows the open invites)."""
    return isinstance(state, FamilyState) or (
        isinstance(event, CommandIn) and event.name == "family"
    )


async def resolve(
    uow: UnitOfWork,
    family: Family,
    member: Member,
    state: FlowState | None,
    event: Event,
    now: datetime,
) -> InviteView | None:
    """The invite this input is about, if any (see the module docstring)."""
    command = event
    if isinstance(event, ButtonIn) and event.payload.startswith("/"):
        command = CommandIn(event.payload[1:].partition(" ")[0], event.payload.partition(" ")[2])
    code = invite_code(command)
    if code is None:
        if isinstance(state, JoinState) and not isinstance(command, CommandIn):
            return await _view(uow, family, await uow.invites.get(state.invite_id, now))
        return None
    if member.join_wait_until is not None and member.join_wait_until > now:
        minutes = math.ceil((member.join_wait_until - now).total_seconds() / 60)
        return InviteView("slowed", wait_minutes=max(minutes, 1))
    found = await uow.invites.find(code, now) if TOKEN.fullmatch(code) else None
    view = await _view(uow, family, found)
    if view.status in ("ok", "own"):
        member.join_failures, member.join_wait_until = 0, None
    else:
        member.join_failures += 1
        if member.join_failures >= FREE_FAILURES:
            wait = timedelta(minutes=2 ** (member.join_failures - FREE_FAILURES))
            member.join_wait_until = now + min(wait, MAX_WAIT)
    return view


async def _view(uow: UnitOfWork, family: Family, found: FoundInvite | None) -> InviteView:
    """What the join question needs, read under the inviting family's lock and key."""
    if found is None:
        return InviteView("unknown")
    if found.status != "ok":
        return InviteView(found.status, found.invite.id)
    target = await uow.families.lock(found.invite.family_id)
    if target is None:
        return InviteView("unknown")
    if target.id == family.id:
        return InviteView("own", found.invite.id)
    inviter = await uow.members.owned(target.id, found.invite.invited_by)
    if inviter is None or inviter.role != Role.ADMIN:
        return InviteView("revoked", found.invite.id)
    children = tuple(uow.children.nickname(c) for c in await uow.children.of_family(target.id))
    name = uow.members.name(inviter) or ""
    return InviteView("ok", found.invite.id, children, name)
