"""Keeping a family's reminder rows in step with its children and its reminder settings.

The effect appliers call these inside the dialog step's transaction, so a child added, a
birth date corrected, or a new hour or time zone changes the stored reminders atomically
with the conversation. The rules themselves are ``bot.domain.schedule``'s pure functions.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain import schedule
from bot.domain.age import date_reaching
from bot.domain.views import ReminderKind, ReminderStatus
from bot.flows.effects import ScheduleFollowUp
from storage.models import Child, Family, Reminder
from storage.repositories import PlannedRow
from storage.uow import UnitOfWork

#: The statuses these rules move rows between (rows read back hold them as plain strings).
PENDING, SENT, CANCELLED = ReminderStatus.PENDING, ReminderStatus.SENT, ReminderStatus.CANCELLED


async def replan_child(
    uow: UnitOfWork, family: Family, child: Child, now: datetime, *, new: bool = False
) -> None:
    """One row per checklist age the child has not reached; moved when the dates change.
    A ``new`` child (added in this transaction) has no rows to read back.

    Rows already sent, answered or folded are history and stay as they are. A pending row
    whose day moved is re-timed, or dropped when the new day has already passed; a pending
    row whose day did not move keeps its place (it may be waiting out a pause). A row
    cancelled by a stop moves the same way, so that resuming brings it back on the new day.
    """
    zone, hour = family.timezone, family.reminder_hour
    today = schedule.local_date(now, zone)
    birth = uow.children.birth(child)
    wanted = dict(schedule.plan(birth.date, birth.weeks, today))
    stored = () if new else await uow.reminders.of_children([child.id])
    rows = {row.checklist_age: row for row in stored if row.kind == ReminderKind.CHECKIN}
    for age, row in rows.items():
        if row.status not in (PENDING, CANCELLED):
            continue
        day = wanted.get(age) or date_reaching(birth.date, birth.weeks, age)
        if day == row.due_on:
            continue
        if day <= today:
            await uow.reminders.remove(row)
            continue
        row.due_on, row.due_at = day, schedule.at_local(day, hour, zone)
        if row.status == PENDING:
            row.next_at, row.claimed_by, row.claimed_at = row.due_at, None, None
    status = CANCELLED if family.reminders_stopped else PENDING
    planned = []
    for age, day in wanted.items():
        if age not in rows:
            due_at = schedule.at_local(day, hour, zone)
            next_at = due_at if status == PENDING else None
            planned.append(PlannedRow(age, day, due_at, next_at, status))
    await uow.reminders.add_planned(child.id, planned)


async def retime_family(uow: UnitOfWork, family: Family) -> None:
    """The hour or the time zone changed: move every waiting reminder and follow-up."""
    zone, hour = family.timezone, family.reminder_hour
    children = await uow.children.of_family(family.id)
    for row in await uow.reminders.of_children([c.id for c in children]):
        if row.claimed_by is not None or row.next_at is None:
            continue
        if row.status == PENDING:
            new_due = schedule.at_local(row.due_on, hour, zone)
            if row.next_at == row.due_at:  # not snoozed or held back: follows the new time
                row.next_at = new_due
            row.due_at = new_due
        elif row.status == SENT and row.sent_at is not None:
            row.next_at = schedule.follow_up_at(row.sent_at, zone, hour)


async def stop(uow: UnitOfWork, family: Family) -> None:
    """No more reminders or follow-ups until the parent resumes."""
    family.reminders_stopped = True
    family.paused_until = None
    children = await uow.children.of_family(family.id)
    for row in await uow.reminders.of_children([c.id for c in children]):
        if row.status == PENDING:
            row.status = CANCELLED
        if row.status in (CANCELLED, SENT):
            row.next_at, row.claimed_by, row.claimed_at = None, None, None


async def resume(uow: UnitOfWork, family: Family, now: datetime) -> None:
    """End a pause or a stop: what is due goes out at the next tick, the rest on its day.

    A reminder cancelled by a stop comes back only if its day is still ahead; one that fell
    due while stopped is not sent late (the next check-in covers it).
    """
    family.reminders_stopped = False
    family.paused_until = None
    today = schedule.local_date(now, family.timezone)
    children = await uow.children.of_family(family.id)
    for row in await uow.reminders.of_children([c.id for c in children]):
        if row.status == CANCELLED and row.due_on > today:
            row.status, row.next_at = PENDING, row.due_at
        elif row.status == PENDING and row.claimed_by is None:
            row.next_at = max(row.due_at, now)


async def snooze(uow: UnitOfWork, family: Family, reminder_id: int, until: datetime) -> bool:
    """Send the reminder ``reminder_id`` again at ``until``; False if it is not this family's
    or not one that was sent (a forged or stale button)."""
    row = await uow.reminders.owned(family.id, reminder_id)
    if row is None or row.status != SENT:
        return False
    row.status, row.next_at, row.claimed_by, row.claimed_at = PENDING, until, None, None
    await uow.reminders.forget_sends(row.id)  # sent again: to every member who wants it
    return True


async def schedule_follow_up(
    uow: UnitOfWork, family: Family, child: Child, effect: ScheduleFollowUp
) -> None:
    """Keep the promise a check-in result made: one row per child, check-in age and kind.

    Scheduling again (a re-check that is still "not sure") re-arms the same row with the new
    day and items; every other open follow-up of that kind for the child is superseded, so
    the parent is never asked the same thing twice. Stopped reminders stay stopped.
    """
    if not effect.kind.is_follow_up:
        return
    for old in await uow.reminders.of_children([child.id]):
        if old.kind == effect.kind and old.status in (PENDING, SENT):
            old.status, old.next_at, old.claimed_by, old.claimed_at = CANCELLED, None, None, None
    due_at = schedule.at_local(effect.due_on, family.reminder_hour, family.timezone)
    status = CANCELLED if family.reminders_stopped else PENDING
    next_at = due_at if status == PENDING else None
    row = await uow.reminders.of_kind(child.id, effect.checklist_age, effect.kind)
    if row is None:
        row = Reminder(child_id=child.id, checklist_age=effect.checklist_age, kind=effect.kind)
        uow.reminders.add(row)
    uow.reminders.set_items(family.id, row, effect.items)
    row.due_on, row.due_at, row.next_at, row.status = (
        effect.due_on,
        due_at,
        next_at,
        status,
    )
    row.claimed_by = row.claimed_at = row.sent_at = row.follow_up_sent_at = None


async def close_follow_up(
    uow: UnitOfWork, family: Family, reminder_id: int, status: ReminderStatus
) -> bool:
    """A follow-up answered (its re-check done) or skipped in /reminders; False if it is not
    this family's open follow-up (a forged or stale id)."""
    row = await uow.reminders.owned(family.id, reminder_id)
    if row is None or row.kind == ReminderKind.CHECKIN or row.status not in (PENDING, SENT):
        return False
    row.status, row.next_at, row.claimed_by, row.claimed_at = status, None, None, None
    return True
