"""Every effect a flow can return is carried out, on SQLite and PostgreSQL.

``apply_effect`` chooses the function by a ``match`` over the ``Effect`` union ending in
``assert_never``, so mypy rejects an effect without one; these tests check the same at run
time from the union itself: one example of each effect, applied to a family of its own,
must change that family's rows (an effect that fell through, or did nothing, would not).
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import get_args

from bot.domain.views import ReminderKind, ReminderStatus
from bot.engine.dialog import DialogEngine
from bot.engine.effects import apply_effect
from bot.flows import effects
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
from knowledge.loader import default_knowledge
from storage.models import Member
from storage.uow import Store, UnitOfWork
from tests.conftest import FIXED_NOW
from tests.support.db_rows import family_rows, snapshot

KB = default_knowledge()
EFFECT_TYPES = frozenset(get_args(Effect))
TODAY = FIXED_NOW.date()


@dataclass(frozen=True)
class Family:
    """What an example effect may refer to: two children (the first active), a reminder
    already sent, an open follow-up; reminders paused."""

    first: int
    second: int
    sent: int
    follow_up: int
    #: A second member (a caregiver), an open invite of the family, and an open invite of
    #: another family (to join).
    other: int
    invite: int
    host_invite: int


#: One example per effect type, each of which changes something for ``Family``.
EXAMPLES: dict[type, Callable[[Family], Effect]] = {
    AddChild: lambda _: AddChild("Ada", date(2025, 5, 1), False, None),
    RenameChild: lambda f: RenameChild(f.first, "Mimi"),
    CorrectBirth: lambda f: CorrectBirth(f.first, date(2025, 1, 10), True, 34),
    RemoveChild: lambda f: RemoveChild(f.second),
    SetActiveChild: lambda f: SetActiveChild(f.second),
    SaveConcern: lambda f: SaveConcern(f.first, "she drops things", None, "concern", TODAY),
    RecordObservation: lambda f: RecordObservation(
        f.first, KB.milestones[0].id, "yes", TODAY, 12, 12
    ),
    DeleteFamily: lambda _: DeleteFamily(),
    SetReminderHour: lambda _: SetReminderHour(9),
    SetTimezone: lambda _: SetTimezone("Asia/Tokyo"),
    PauseReminders: lambda _: PauseReminders(FIXED_NOW + timedelta(days=30)),
    ResumeReminders: lambda _: ResumeReminders(),
    StopReminders: lambda _: StopReminders(),
    SnoozeReminder: lambda f: SnoozeReminder(f.sent, FIXED_NOW + timedelta(days=1)),
    ScheduleFollowUp: lambda f: ScheduleFollowUp(f.first, ReminderKind.DOCTOR, 12, TODAY, ()),
    CloseFollowUp: lambda f: CloseFollowUp(f.follow_up, ReminderStatus.CANCELLED),
    SetMemberName: lambda _: SetMemberName("Mum"),
    CreateInvite: lambda _: CreateInvite("A" * 22),
    RevokeInvites: lambda _: RevokeInvites(),
    JoinFamily: lambda f: JoinFamily(f.host_invite, "Dad", True, "Dad joined the family."),
    LeaveFamily: lambda _: LeaveFamily(),
    RemoveMember: lambda f: RemoveMember(f.other, "You are no longer a member."),
    PromoteMember: lambda f: PromoteMember(f.other),
    SetMyReminders: lambda _: SetMyReminders(False),
    CheckinDone: lambda f: CheckinDone(f.first, 84, "Done by Mum."),
}
#: Chat of the family whose invites the ``JoinFamily`` examples use.
HOST = 9


def test_there_is_an_example_of_every_effect() -> None:
    assert EFFECT_TYPES  # the union was read, not an empty tuple
    assert sorted(t.__name__ for t in EFFECT_TYPES ^ EXAMPLES.keys()) == []


def test_every_effect_class_in_the_module_is_in_the_union() -> None:
    """An effect defined but left out of ``Effect`` would escape the checks."""
    defined = {
        cls
        for _, cls in inspect.getmembers(effects, inspect.isclass)
        if cls.__module__ == effects.__name__ and dataclasses.is_dataclass(cls)
    }
    assert defined  # the module was read
    assert sorted(cls.__name__ for cls in defined - EFFECT_TYPES) == []


async def _invite(uow: UnitOfWork, chat: int, token: str) -> int:
    """A new open invite from ``chat``'s admin; its id."""
    family, member = await uow.families.lock_member(chat)
    uow.invites.add(family.id, member.id, token, FIXED_NOW)
    await uow.session.flush()
    found = await uow.invites.find(token, FIXED_NOW)
    assert found is not None
    return found.invite.id


async def _family(engine: DialogEngine, chat: int, *, shared: bool = True) -> Family:
    """A family for ``chat`` (with a second member when ``shared``: a member of a shared
    family cannot join another)."""
    async with engine.store.unit_of_work() as uow:
        host_invite = await _invite(uow, HOST, f"host-invite-for-chat-{chat:04d}")
        invite = await _invite(uow, chat, f"own-invite-of-chat-{chat:04d}")
        family = await uow.families.lock_or_create(chat)
        other = Member(family_id=family.id, chat_id=chat + 1000, role="caregiver")
        if shared:
            uow.session.add(other)
        family.paused_until = FIXED_NOW + timedelta(days=3)
        ctx = await engine.context(uow, family, FIXED_NOW)
        for child in (
            AddChild("Mila", date(2025, 3, 1), False, None),
            AddChild("Leo", date(2023, 3, 1), False, None, make_active=False),
        ):
            await apply_effect(uow, family, child, ctx)
        await uow.session.flush()
        first, second = (c.id for c in await uow.children.of_family(family.id))
        await apply_effect(
            uow, family, ScheduleFollowUp(first, ReminderKind.PRACTISE, 12, TODAY, ("runs",)), ctx
        )
        await uow.session.flush()
        rows = await uow.reminders.of_children([first])
        sent = next(r for r in rows if r.kind == ReminderKind.CHECKIN)
        sent.status, sent.sent_at, sent.next_at = ReminderStatus.SENT, FIXED_NOW, None
        follow_up = next(r.id for r in rows if r.kind == ReminderKind.PRACTISE)
        await uow.session.flush()
        if shared:  # the other member got the reminder, as message 777
            await uow.reminders.record_send(sent.id, other.id, "reminder", 777, FIXED_NOW)
        await uow.commit()
        return Family(first, second, sent.id, follow_up, other.id or 0, invite, host_invite)


async def test_every_effect_changes_the_familys_rows(
    store: Store, clock: Callable[[], datetime]
) -> None:
    engine = DialogEngine(store, KB, clock)
    chats = dict(enumerate(EXAMPLES.items(), start=10))
    families = {
        chat: await _family(engine, chat, shared=effect is not JoinFamily)
        for chat, (effect, _) in chats.items()
    }
    before = await snapshot(store.engine)
    for chat, (_, example) in chats.items():
        async with store.unit_of_work() as uow:
            family, member = await uow.families.lock_member(chat)
            ctx = await engine.context(uow, family, FIXED_NOW, member=member)
            await apply_effect(uow, family, example(families[chat]), ctx)
            await uow.commit()
    after = await snapshot(store.engine)
    unchanged = [
        effect_type.__name__
        for chat, (effect_type, _) in chats.items()
        if family_rows(*after, chat) == family_rows(*before, chat)
    ]
    assert unchanged == []
