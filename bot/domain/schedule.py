"""When check-in reminders are due, and what to do with one that is due now. No I/O.

Everything here is a pure function of dates, time zones and an explicit ``now``, so the rules
(which checklist ages get a reminder, the local hour, quiet hours, DST, folding a reminder that
is very late, the one follow-up) are tested with hypothesis, and the delivery job
(``bot.reminders.delivery``) and the settings flow only carry the answers to storage and Telegram.

All instants are aware UTC datetimes; local wall-clock times exist only inside this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.domain.age import date_reaching
from bot.domain.views import ReminderStatus
from bot.domain.zones import zone_of
from knowledge.models import CHECKLIST_AGES

#: Quiet hours: no reminder is ever sent from 20:00 to 08:00 local time.
QUIET_START, QUIET_END = 20, 8
#: A check-in not answered within this long gets one gentle follow-up.
FOLLOW_UP_AFTER = timedelta(days=7)
#: A reminder (or follow-up) later than this is not sent: the next check-in covers it.
FOLD_AFTER = timedelta(days=30)
#: How often a blocked family's due reminder is looked at again (the parent may write back).
RECHECK_BLOCKED = timedelta(hours=1)


def in_quiet_hours(hour: int) -> bool:
    """True for a local hour in 20:00-08:00."""
    return hour >= QUIET_START or hour < QUIET_END


def allowed_hour(hour: int) -> int:
    """``hour`` itself outside quiet hours; a quiet hour becomes the first allowed one (8)."""
    return QUIET_END if in_quiet_hours(hour) else hour


def at_local(day: date, hour: int, zone: str) -> datetime:
    """The UTC instant of ``hour``:00 on ``day`` in ``zone``, never in quiet hours.

    A time skipped by a DST change (or a whole day skipped, as Samoa did in 2011) moves to
    the next hour that exists that day; an ambiguous time takes its first occurrence.
    """
    tz = zone_of(zone)
    start = allowed_hour(hour)
    for candidate_hour in range(start, QUIET_START):
        local = datetime.combine(day, time(candidate_hour), tz)
        instant = local.astimezone(UTC)
        if instant.astimezone(tz).replace(tzinfo=None) == local.replace(tzinfo=None):
            return instant
    # No hour of the day exists (the day was skipped): Python maps the wall time forward.
    return datetime.combine(day, time(start), tz).astimezone(UTC)


def local_date(instant: datetime, zone: str) -> date:
    """The calendar day ``instant`` falls on in ``zone``."""
    return instant.astimezone(zone_of(zone)).date()


def plan(birth: date, gestational_weeks: int | None, today: date) -> list[tuple[int, date]]:
    """``(checklist age, day it is reached)`` for every checklist age not reached by ``today``.

    The day uses corrected age where it applies (``bot.domain.age.date_reaching``). An age reached
    today or earlier gets no reminder: the parent can start that check-in at once.
    """
    return [
        (age, day)
        for age in CHECKLIST_AGES
        if (day := date_reaching(birth, gestational_weeks, age)) > today
    ]


def next_allowed(now: datetime, zone: str) -> datetime:
    """``now`` when it is outside quiet hours there, else the end of the quiet hours."""
    local = now.astimezone(zone_of(zone))
    if not in_quiet_hours(local.hour):
        return now
    day = local.date() if local.hour < QUIET_END else local.date() + timedelta(days=1)
    return at_local(day, QUIET_END, zone)


def days_later(now: datetime, zone: str, hour: int, days: int) -> datetime:
    """``days`` after today (local) at the reminder ``hour``: tomorrow, or the end of a pause."""
    return at_local(local_date(now, zone) + timedelta(days=days), hour, zone)


def follow_up_at(sent_at: datetime, zone: str, hour: int) -> datetime:
    """The follow-up for a reminder sent at ``sent_at``: a week later, at the reminder hour."""
    return days_later(sent_at, zone, hour, FOLLOW_UP_AFTER.days)


@dataclass(frozen=True, slots=True)
class FamilyState:
    """What the delivery job needs to know about a family to decide on a due reminder."""

    timezone: str
    reminder_hour: int
    active: bool = True
    stopped: bool = False
    paused_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class Send:
    """Send it now."""


@dataclass(frozen=True, slots=True)
class Defer:
    """Not now: look at it again at ``until`` (paused, blocked, or quiet hours there)."""

    until: datetime


@dataclass(frozen=True, slots=True)
class Close:
    """Never send it: ``folded`` (too late, the next check-in covers it) or ``cancelled``."""

    status: ReminderStatus


Decision = Send | Defer | Close


def decide(scheduled: datetime, family: FamilyState, now: datetime) -> Decision:
    """What to do with a reminder (or follow-up) that was ``scheduled`` for an instant <= now.

    Stopped families get nothing; a reminder more than ``FOLD_AFTER`` late is folded into the
    next check-in, whatever kept it back (downtime, a pause, a block); a blocked family is
    looked at again later; a paused one when the pause ends; quiet hours wait for the morning.
    """
    if family.stopped:
        return Close(ReminderStatus.CANCELLED)
    if now - scheduled > FOLD_AFTER:
        return Close(ReminderStatus.FOLDED)
    if not family.active:
        return Defer(now + RECHECK_BLOCKED)
    if family.paused_until is not None and family.paused_until > now:
        return Defer(family.paused_until)
    allowed = next_allowed(now, family.timezone)
    return Send() if allowed == now else Defer(allowed)
