"""``/reminders``: when the next check-in reminders come, and the parent's reminder settings.

Shows the next reminder per child and every follow-up a check-in result promised (each can
be skipped); changes the hour (never in the quiet hours 20:00-08:00),
the time zone (a city, or a UTC offset in whole, half or quarter hours), pauses for a
chosen time, resumes, or stops. ``/snooze <id>`` is the "Remind me tomorrow" button under a
reminder. Pure steps: times come from ``ctx.now``, the zone and hour from the family.

The menu stays open until "Done": after each change it comes back with one line saying what
changed, and a button press edits the menu in place (``Text.in_place``) instead of adding a
message. Typed answers get a new message, since an edit above the parent's words would go
unseen. After a change the menu shows the family as the change leaves it (``_changed``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import ClassVar, Literal, assert_never

from bot.domain import schedule
from bot.domain.age import add_months, describe_months
from bot.domain.dates import format_date
from bot.domain.replies import Button, Span, Text, bold, column, fit_name, say
from bot.domain.views import ChildView, ReminderKind, ReminderStatus, ReminderView
from bot.domain.zones import Zone, parse_zone, zone_label, zone_of
from bot.flows.base import ButtonIn, Event, Flow, FlowContext, FlowState, Step, Steps, TextIn
from bot.flows.effects import (
    CloseFollowUp,
    Effect,
    PauseReminders,
    ResumeReminders,
    SetReminderHour,
    SetTimezone,
    SnoozeReminder,
    StopReminders,
)
from bot.flows.parsing import parse_id

NAME = "reminders"
HOUR, ZONE, PAUSE, RESUME, STOP, DONE = (
    "rem:hour", "rem:zone", "rem:pause", "rem:resume", "rem:stop", "rem:done",
)  # fmt: skip
STOP_YES, STOP_NO = "rem:stop:yes", "rem:stop:no"
SKIP = "rem:skip:"
#: How each follow-up kind is named in /reminders.
FOLLOW_UP_LABEL = {
    ReminderKind.LOOK_AGAIN: "look again at a skill you were not sure about",
    ReminderKind.PRACTISE: "look again at the skills being practised",
    ReminderKind.DOCTOR: "ask whether you could talk to the doctor",
    ReminderKind.MORE: "the check-in's remaining questions",
}
#: The skip buttons, short enough for a phone's row with a child's name after them.
SKIP_LABEL = {
    ReminderKind.LOOK_AGAIN: "Skip: look again",
    ReminderKind.PRACTISE: "Skip: practice check",
    ReminderKind.DOCTOR: "Skip: doctor question",
    ReminderKind.MORE: "Skip: other questions",
}
HOUR_CHOICES = (9, 10, 12, 17)
PAUSE_CHOICES = (("1 week", 7), ("2 weeks", 14), ("1 month", 30), ("3 months", 90))
MAX_PAUSE_DAYS = 183
QUIET = f"{schedule.QUIET_START}:00-{schedule.QUIET_END:02d}:00"

# ASCII digits ([0-9], never \d, which matches other scripts' digits too).
_HOUR = re.compile(r"^([0-9]{1,2})(?:[:.h]([0-9]{2})?)?\s*(am|pm|a\.m\.|p\.m\.|h|o'?clock)?$")
_SPAN = re.compile(r"^(?:for\s+)?([0-9]{1,3})\s*(d|days?|w|wks?|weeks?|m|mo|months?)?$")


@dataclass(frozen=True, slots=True, kw_only=True)
class RemindersState(FlowState):
    """The settings are on screen (``menu``), or one question about a setting."""

    flow: ClassVar[str] = NAME
    step: Literal["menu", "hour", "zone", "pause", "stop"]


# --- reading the parent's input ------------------------------------------------------------


def parse_hour(text: str) -> int | str:
    """A whole local hour outside quiet hours ("9", "09:00", "6pm", "18h"), else why not."""
    match = _HOUR.match(text.strip().lower())
    if match is None:
        return "Please type an hour like 9, 10:00 or 5pm."
    hour, minutes, suffix = int(match.group(1)), match.group(2), match.group(3) or ""
    if minutes not in (None, "00"):
        return "Reminders come on the hour: please type a whole hour like 9 or 18:00."
    if suffix.startswith(("am", "a.", "pm", "p.")):
        if not 1 <= hour <= 12:
            return "With am or pm, the hour goes from 1 to 12. Which hour?"
        hour = hour % 12 + (12 if suffix.startswith("p") else 0)
    if hour > 23:
        return "A day has hours 0 to 23. Which hour?"
    if schedule.in_quiet_hours(hour):
        return (
            f"{hour:02d}:00 is in the quiet hours ({QUIET}), when I never send reminders. "
            f"Please choose an hour from {schedule.QUIET_END} to {schedule.QUIET_START - 1}."
        )
    return hour


def parse_pause(text: str, ctx: FlowContext) -> int | str:
    """Days to pause for, from "2 weeks", "10 days", "3 months" (1 day to 6 months)."""
    match = _SPAN.match(text.strip().lower())
    if match is None:
        return (
            "Please type how long, from 1 day to 6 months: for example “2 weeks”, “10 days” "
            "or “1 month”."
        )
    count, unit = int(match.group(1)), match.group(2) or "d"
    if unit.startswith("w"):
        days = count * 7
    elif unit.startswith("m"):
        days = (add_months(ctx.today, count) - ctx.today).days if count <= 12 else 9999
    else:
        days = count
    if not 1 <= days <= MAX_PAUSE_DAYS:
        return "A pause can last from 1 day to 6 months. How long?"
    return days


# --- what the parent sees -----------------------------------------------------------------


def format_when(instant: datetime, zone: str) -> str:
    """'Monday 3 March 2027 at 10:00' in the family's time zone."""
    local = instant.astimezone(zone_of(zone))
    return f"{local:%A} {format_date(local.date())} at {local:%H:%M}"


def _next_line(child: ChildView, ctx: FlowContext) -> list[str | Span]:
    family = ctx.family
    waiting = sorted(
        (
            r
            for r in family.reminders
            if r.child_id == child.id
            and r.status == ReminderStatus.PENDING
            and r.kind == ReminderKind.CHECKIN
        ),
        key=lambda r: (r.next_at is None, r.next_at or ctx.now),
    )
    head: list[str | Span] = ["\n• ", bold(child.nickname), ": "]
    if not waiting or waiting[0].next_at is None:
        return [*head, "no more check-ins planned."]
    first = waiting[0]
    assert first.next_at is not None
    when = max(first.next_at, ctx.now)
    if family.paused_until is not None and family.paused_until > when:
        when = family.paused_until
    return [
        *head,
        f"{describe_months(first.checklist_age)} check-in, ",
        "as soon as possible" if when <= ctx.now else format_when(when, family.timezone),
    ]


def _follow_ups(ctx: FlowContext) -> list[ReminderView]:
    """Open follow-ups a check-in result promised, soonest first."""
    rows = [
        r
        for r in ctx.family.reminders
        if r.kind.is_follow_up and r.next_at is not None and r.status.is_open
    ]
    return sorted(rows, key=lambda r: r.next_at or ctx.now)


def _follow_up_lines(ctx: FlowContext) -> list[str | Span]:
    family = ctx.family
    parts: list[str | Span] = []
    for row in _follow_ups(ctx):
        child = family.child(row.child_id)
        assert row.next_at is not None
        when = max(row.next_at, ctx.now)
        parts += [
            "\n• ",
            bold(child.nickname if child else "?"),
            f": {FOLLOW_UP_LABEL.get(row.kind, row.kind)}, ",
            "as soon as possible" if when <= ctx.now else format_when(when, family.timezone),
        ]
    return ["\nFollow-ups I promised:", *parts] if parts else []


def _settings(ctx: FlowContext) -> list[str | Span]:
    """The hour and the zone, said as they are (not as a change)."""
    family = ctx.family
    return [
        "Check-in reminders come at ", bold(f"{family.reminder_hour:02d}:00"),
        f", never during the quiet hours {QUIET}.\nYour time zone is ",
        bold(zone_label(family.timezone)), ".",
    ]  # fmt: skip


def _status(ctx: FlowContext, *, upcoming: bool = True) -> list[str | Span]:
    """The settings, the pause or stop, and (with ``upcoming``) the next reminders."""
    family = ctx.family
    parts = _settings(ctx)
    if family.reminders_stopped:
        parts.append("\nReminders are turned off.")
    elif family.paused_until is not None and family.paused_until > ctx.now:
        parts += ["\nPaused until ", bold(format_when(family.paused_until, family.timezone)), "."]
    if not family.children:
        parts.append("\nAdd a child with /start and I'll plan their check-ins.")
    elif not family.reminders_stopped and upcoming:
        parts.append("\nNext:")
        for child in family.children:
            parts += _next_line(child, ctx)
        parts += _follow_up_lines(ctx)
    elif not family.reminders_stopped:
        parts.append("\nThe next reminders move to the new time; /reminders lists them.")
    return parts


def _menu(
    ctx: FlowContext, note: list[str | Span] | None = None, *, upcoming: bool = True
) -> Text:
    """The settings with their buttons, under ``note`` (what just changed) if any."""
    family = ctx.family
    paused = family.paused_until is not None and family.paused_until > ctx.now
    buttons = [Button("Change the hour", HOUR), Button("Change the time zone", ZONE)]
    if family.reminders_stopped or paused:
        buttons.append(Button("Resume reminders", RESUME))
    if not family.reminders_stopped and not paused:
        buttons.append(Button("Pause for a while", PAUSE))
    if not family.reminders_stopped:
        buttons.append(Button("Stop reminders", STOP))
        for row in _follow_ups(ctx):
            owner = family.child(row.child_id)
            label = SKIP_LABEL.get(row.kind, "Skip a follow-up")
            if owner and len(family.children) > 1:
                label = fit_name(label + " ({name})", owner.nickname)
            buttons.append(Button(label, f"{SKIP}{row.id}"))
    buttons.append(Button("Done", DONE))
    head: list[str | Span] = [*note, "\n\n"] if note else []
    return say(*head, *_status(ctx, upcoming=upcoming), buttons=column(*buttons))


def _shown(reply: Text, event: Event) -> Text:
    """After a button press the menu replaces itself; after typed text it is a new message
    (an edit above the parent's words would go unseen)."""
    return replace(reply, in_place=isinstance(event, ButtonIn))


def _changed(ctx: FlowContext, **family: object) -> FlowContext:
    """The context as a change leaves the family, for the menu shown with it (the change is
    an effect, applied after the step)."""
    return replace(ctx, family=replace(ctx.family, **family))  # type: ignore[arg-type]


def _back(
    state: RemindersState,
    event: Event,
    ctx: FlowContext,
    note: list[str | Span],
    *effects: Effect,
    upcoming: bool = True,
) -> Step:
    """Back at the menu after a change, saying what changed."""
    menu = _shown(_menu(ctx, note, upcoming=upcoming), event)
    return Step(replace(state, step="menu"), (menu,), effects)


def _ask_hour() -> Text:
    return say(
        f"At what hour should reminders come? From {schedule.QUIET_END} to "
        f"{schedule.QUIET_START - 1}, for example 9 or 17:00.",
        buttons=[[Button(f"{h:02d}:00", f"rem:h:{h}") for h in HOUR_CHOICES]],
    )


def _ask_zone(ctx: FlowContext) -> Text:
    return say(
        f"Your time zone is {zone_label(ctx.family.timezone)}. Type your city ",
        "(for example Berlin, New York, Auckland) or a UTC offset like +2, -5 or +5:30.",
    )


def _ask_pause() -> Text:
    return say(
        "Pause reminders for how long? Or type it, for example “10 days”.",
        buttons=[
            [Button(label, f"rem:p:{days}") for label, days in PAUSE_CHOICES[half : half + 2]]
            for half in (0, 2)
        ],
    )


def _ask_stop() -> Text:
    return say(
        "Stop all check-in reminders? Nothing you told me is deleted, and /reminders turns "
        "them back on.",
        buttons=column(Button("Yes, stop them", STOP_YES), Button("No, keep them", STOP_NO)),
    )


# --- steps --------------------------------------------------------------------------------


def start(ctx: FlowContext, _args: str) -> Step:
    return Step(RemindersState(step="menu"), (_menu(ctx),))


def _hour_chosen(hour: int, state: RemindersState, event: Event, ctx: FlowContext) -> Step:
    note: list[str | Span] = ["Reminder hour changed to ", bold(f"{hour:02d}:00"), "."]
    changed = _changed(ctx, reminder_hour=hour)
    return _back(state, event, changed, note, SetReminderHour(hour), upcoming=False)


def _zone_chosen(zone: Zone, state: RemindersState, event: Event, ctx: FlowContext) -> Step:
    local = ctx.now.astimezone(zone_of(zone.name))
    note: list[str | Span] = [
        "Time zone changed to ", bold(zone_label(zone.name)),
        f". It is {local:%H:%M} there now.",
    ]  # fmt: skip
    if zone.fixed and zone.name != "UTC":
        note.append(" If your clocks change in summer, type your city instead.")
    changed = _changed(ctx, timezone=zone.name)
    return _back(state, event, changed, note, SetTimezone(zone.name), upcoming=False)


def _paused(days: int, state: RemindersState, event: Event, ctx: FlowContext) -> Step:
    family = ctx.family
    until = schedule.days_later(ctx.now, family.timezone, family.reminder_hour, days)
    note: list[str | Span] = [
        "Paused until ", bold(format_when(until, family.timezone)),
        ". Anything due meanwhile comes then (if it is not more than a month late).",
    ]  # fmt: skip
    return _back(state, event, _changed(ctx, paused_until=until), note, PauseReminders(until))


def _on_menu(state: RemindersState, event: Event, ctx: FlowContext) -> Step:
    payload = event.payload if isinstance(event, ButtonIn) else None
    if payload == HOUR:
        return Step(replace(state, step="hour"), (_shown(_ask_hour(), event),))
    if payload == ZONE:
        return Step(replace(state, step="zone"), (_shown(_ask_zone(ctx), event),))
    if payload == PAUSE:
        return Step(replace(state, step="pause"), (_shown(_ask_pause(), event),))
    if payload == STOP:
        return Step(replace(state, step="stop"), (_shown(_ask_stop(), event),))
    if payload == RESUME:
        note: list[str | Span] = ["Reminders are back on. Anything due comes at the next chance."]
        resumed = _changed(ctx, paused_until=None, reminders_stopped=False)
        return _back(state, event, resumed, note, ResumeReminders())
    if payload and payload.startswith(SKIP):
        row_id = parse_id(payload.removeprefix(SKIP))
        row = next((r for r in _follow_ups(ctx) if r.id == row_id), None)
        if row is None:
            return _back(state, event, ctx, ["That follow-up is no longer planned."])
        left = tuple(r for r in ctx.family.reminders if r.id != row.id)
        closed = CloseFollowUp(row.id, ReminderStatus.CANCELLED)
        return _back(state, event, _changed(ctx, reminders=left), ["Skipped."], closed)
    if payload == DONE:
        done = say(*_status(ctx), "\n\nDone. /reminders opens these settings again.")
        return Step(None, (_shown(done, event),))
    please = say("Please choose one of the buttons below.")
    return Step(state, (please, _menu(ctx)), not_an_answer=True)


def _on_hour(state: RemindersState, event: Event, ctx: FlowContext) -> Step:
    if isinstance(event, ButtonIn) and event.payload.startswith("rem:h:"):
        hour = parse_hour(event.payload.removeprefix("rem:h:"))
    elif isinstance(event, TextIn):
        hour = parse_hour(event.text)
    else:
        hour = "Please type an hour like 9 or 17:00."
    if isinstance(hour, str):
        return Step(state, (say(hour), _ask_hour()), not_an_answer=True)
    return _hour_chosen(hour, state, event, ctx)


def _on_zone(state: RemindersState, event: Event, ctx: FlowContext) -> Step:
    if not isinstance(event, TextIn):
        return Step(state, (_ask_zone(ctx),))
    zone = parse_zone(event.text)
    if not isinstance(zone, Zone):
        return Step(state, (say(zone.message),), not_an_answer=True)
    return _zone_chosen(zone, state, event, ctx)


def _on_pause(state: RemindersState, event: Event, ctx: FlowContext) -> Step:
    if isinstance(event, ButtonIn) and event.payload.startswith("rem:p:"):
        days = int(event.payload.removeprefix("rem:p:"))
    elif isinstance(event, TextIn):
        parsed = parse_pause(event.text, ctx)
        if isinstance(parsed, str):
            return Step(state, (say(parsed), _ask_pause()), not_an_answer=True)
        days = parsed
    else:
        return Step(state, (_ask_pause(),))
    return _paused(days, state, event, ctx)


def _on_stop(state: RemindersState, event: Event, ctx: FlowContext) -> Step:
    if isinstance(event, ButtonIn) and event.payload == STOP_YES:
        note: list[str | Span] = ["Reminders are off until you resume them here."]
        stopped = _changed(ctx, reminders_stopped=True, paused_until=None)
        return _back(state, event, stopped, note, StopReminders())
    if isinstance(event, ButtonIn) and event.payload == STOP_NO:
        return _back(state, event, ctx, ["Good, reminders stay on."])
    return Step(state, (_ask_stop(),), not_an_answer=True)


def handle(state: RemindersState, event: Event, ctx: FlowContext) -> Step:
    match state.step:
        case "menu":
            return _on_menu(state, event, ctx)
        case "hour":
            return _on_hour(state, event, ctx)
        case "zone":
            return _on_zone(state, event, ctx)
        case "pause":
            return _on_pause(state, event, ctx)
        case "stop":
            return _on_stop(state, event, ctx)
        case _:
            assert_never(state.step)


FLOW = Flow(
    name=NAME,
    start=start,
    steps=Steps.of(RemindersState, handle),
    continue_label="Back to reminder settings",
)


# --- "Remind me tomorrow" -----------------------------------------------------------------


def snooze(ctx: FlowContext, args: str) -> Step:
    """``/snooze <reminder id>`` from a reminder's button: the same reminder tomorrow."""
    family = ctx.family
    reminder_id = parse_id(args)
    reminder = next(
        (r for r in family.reminders if r.id == reminder_id and r.status == ReminderStatus.SENT),
        None,
    )
    if reminder is None:
        return Step(
            None,
            (say("That reminder is no longer open. /checkin starts a check-in any time."),),
        )
    until = schedule.days_later(ctx.now, family.timezone, family.reminder_hour, 1)
    return Step(
        None,
        (say("Okay, I'll remind you tomorrow, ", format_when(until, family.timezone), "."),),
        (SnoozeReminder(reminder.id, until),),
    )


SNOOZE = Flow(name="snooze", start=snooze)
