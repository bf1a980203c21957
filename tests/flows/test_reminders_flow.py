"""``/reminders`` and "Remind me tomorrow" as pure steps, and the time zone parser."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.domain.replies import Text
from bot.domain.views import ChildView, ReminderStatus, ReminderView
from bot.domain.zones import Zone, ZoneProblem, describe_zone, parse_zone, zone_label, zone_of
from bot.flows import reminder_settings as reminders
from bot.flows.base import ButtonIn, FlowContext, Step, TextIn
from bot.flows.effects import (
    PauseReminders,
    ResumeReminders,
    SetReminderHour,
    SetTimezone,
    SnoozeReminder,
    StopReminders,
)
from tests.support.context import EMPTY_KB
from tests.support.context import ctx as context
from tests.support.flows import drive, text

MILA = ChildView(id=7, nickname="Mila", birth_date=date(2026, 5, 10))


def ctx(**family: Any) -> FlowContext:
    """Mila's family in Berlin (13:00 there at ``NOW``), reminders at 10."""
    return context(MILA, kb=EMPTY_KB, **{"timezone": "Europe/Berlin", **family})


def run(*inputs: str | ButtonIn, context: FlowContext | None = None) -> Step:
    return drive(reminders.FLOW, context or ctx(), *inputs)


def test_the_menu_shows_the_next_reminder_per_child_in_local_time() -> None:
    upcoming = ReminderView(1, 7, 9, ReminderStatus.PENDING, datetime(2027, 2, 10, 9, tzinfo=UTC))
    step = reminders.start(ctx(reminders=(upcoming,)), "")
    assert "10:00" in text(step)
    assert "Mila: 9 months check-in, Wednesday 10 February 2027 at 10:00" in text(step)
    assert "20:00-08:00" in text(step)


def test_a_pause_moves_the_next_reminder_to_its_end() -> None:
    upcoming = ReminderView(1, 7, 9, ReminderStatus.PENDING, datetime(2026, 11, 22, 9, tzinfo=UTC))
    until = datetime(2026, 12, 5, 9, tzinfo=UTC)
    step = reminders.start(ctx(reminders=(upcoming,), paused_until=until), "")
    assert "Paused until Saturday 5 December 2026 at 10:00" in text(step)
    assert "check-in, Saturday 5 December 2026 at 10:00" in text(step)
    payloads = {b.payload for r in step.replies for b in r.all_buttons}  # type: ignore[union-attr]
    assert reminders.RESUME in payloads
    assert reminders.PAUSE not in payloads


def test_changing_the_hour_refuses_quiet_hours_and_minutes() -> None:
    step = run(ButtonIn(reminders.HOUR), "21:00")
    assert "quiet hours" in text(step)
    assert step.effects == ()
    step = reminders.handle(step.state, TextIn("9:30"), ctx())  # type: ignore[arg-type]
    assert "on the hour" in text(step)
    step = reminders.handle(step.state, TextIn("5pm"), ctx())  # type: ignore[arg-type]
    assert step.effects == (SetReminderHour(17),)
    assert step.state == reminders.RemindersState(step="menu")  # open until "Done"
    assert text(step).startswith("Reminder hour changed to 17:00.")


@pytest.mark.parametrize(
    ("typed", "hour"),
    [("9", 9), ("09:00", 9), ("18h", 18), ("6 pm", 18), ("12pm", 12), ("19.00", 19)],
)
def test_hours_are_read_the_way_parents_type_them(typed: str, hour: int) -> None:
    assert reminders.parse_hour(typed) == hour


@pytest.mark.parametrize("typed", ["7", "20:00", "12am", "25", "13pm", "noonish", "8:15"])
def test_bad_or_quiet_hours_get_a_reason(typed: str) -> None:
    assert isinstance(reminders.parse_hour(typed), str)


def test_hour_buttons_work_too() -> None:
    assert run(ButtonIn(reminders.HOUR), ButtonIn("rem:h:12")).effects == (SetReminderHour(12),)


def test_time_zone_by_city_or_offset() -> None:
    step = run(ButtonIn(reminders.ZONE), "new york")
    assert step.effects == (SetTimezone("America/New_York"),)
    assert "07:00 there now" in text(step)
    step = run(ButtonIn(reminders.ZONE), "+2")
    assert step.effects == (SetTimezone("Etc/GMT-2"),)
    assert "UTC+2" in text(step)
    assert "daylight saving" in text(step)


def test_an_unknown_zone_is_explained_and_asked_again() -> None:
    step = run(ButtonIn(reminders.ZONE), "Atlantis")
    assert "Atlantis" in text(step)
    assert step.effects == ()
    assert step.state is not None
    assert step.state.step == "zone"


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("Sao Paulo", "America/Sao_Paulo"),
        ("UTC", "UTC"),
        ("utc-5", "Etc/GMT+5"),
        ("+13", "Etc/GMT-13"),
        ("-11", "Etc/GMT+11"),
        ("GMT+0", "UTC"),
        ("Apia", "Pacific/Apia"),
    ],
)
def test_zones_parse_to_iana_names_that_load(typed: str, zone: str) -> None:
    parsed = parse_zone(typed)
    assert isinstance(parsed, Zone)
    assert parsed.name == zone
    ZoneInfo(parsed.name)


@pytest.mark.parametrize(
    "typed", ["", "+15", "-13", "+5:20", "+14:30", "-12:45", "Munich", "x" * 100, "Mars/Olympus"]
)
def test_bad_zones_get_a_reason(typed: str) -> None:
    assert isinstance(parse_zone(typed), ZoneProblem)


@pytest.mark.parametrize(
    ("typed", "name", "minutes"),
    [("+5:30", "UTC+05:30", 330), ("UTC+05:45", "UTC+05:45", 345), ("-3:30", "UTC-03:30", -210)],
)
def test_half_and_quarter_hour_offsets_are_fixed_zones(
    typed: str, name: str, minutes: int
) -> None:
    """Issue 15, problem 4: "+5:30" was refused with a reason about daylight saving."""
    parsed = parse_zone(typed)
    assert parsed == Zone(name, fixed=True)
    offset = datetime(2026, 7, 1, tzinfo=UTC).astimezone(zone_of(name)).utcoffset()
    assert offset is not None
    assert offset.total_seconds() == minutes * 60
    assert zone_label(name) == f"{name} (fixed offset, no daylight saving)"
    assert zone_label("Etc/GMT-2") == "UTC+2 (fixed offset, no daylight saving)"
    assert zone_label("UTC") == "UTC"
    assert zone_label("Europe/Berlin") == "Europe/Berlin"


def test_the_zone_status_and_its_change_read_differently() -> None:
    """Issue 15, problem 4: "Your time zone is now UTC." read as a change."""
    asked = run(ButtonIn(reminders.ZONE), context=ctx(timezone="UTC"))
    assert "Your time zone is UTC." in text(asked)
    assert "now" not in text(asked)
    step = run(ButtonIn(reminders.ZONE), "+5:30", context=ctx(timezone="UTC"))
    assert step.effects == (SetTimezone("UTC+05:30"),)
    assert text(step).startswith(
        "Time zone changed to UTC+05:30 (fixed offset, no daylight saving). It is 17:30 there now."
    )
    assert "Your time zone is UTC+05:30 (fixed offset, no daylight saving)." in text(step)


def test_the_menu_stays_open_and_edits_itself_after_a_press() -> None:
    pressed = run(ButtonIn(reminders.HOUR), ButtonIn("rem:h:9"))
    assert pressed.state == reminders.RemindersState(step="menu")
    (menu,) = pressed.replies
    assert isinstance(menu, Text)
    assert menu.in_place
    assert reminders.DONE in {b.payload for b in menu.all_buttons}
    typed = run(ButtonIn(reminders.HOUR), "9")
    (menu,) = typed.replies
    assert isinstance(menu, Text)
    assert not menu.in_place
    closed = run(ButtonIn(reminders.DONE))
    assert closed.state is None
    assert "Done." in text(closed)


def test_fixed_offsets_are_shown_the_usual_way_round() -> None:
    assert describe_zone("Etc/GMT-2") == "UTC+2"
    assert describe_zone("Etc/GMT+11") == "UTC-11"
    assert describe_zone("Europe/Berlin") == "Europe/Berlin"


def test_pause_by_button_or_text_ends_at_the_reminder_hour() -> None:
    step = run(ButtonIn(reminders.PAUSE), ButtonIn("rem:p:14"))
    assert step.effects == (PauseReminders(datetime(2026, 12, 5, 9, tzinfo=UTC)),)
    step = run(ButtonIn(reminders.PAUSE), "1 month")
    assert step.effects == (PauseReminders(datetime(2026, 12, 21, 9, tzinfo=UTC)),)
    step = run(ButtonIn(reminders.PAUSE), "3 years")
    assert "6 months" in text(step)
    assert step.effects == ()


def test_resume_and_stop() -> None:
    paused = ctx(paused_until=datetime(2026, 12, 5, 9, tzinfo=UTC))
    assert run(ButtonIn(reminders.RESUME), context=paused).effects == (ResumeReminders(),)
    step = run(ButtonIn(reminders.STOP), ButtonIn(reminders.STOP_YES))
    assert step.effects == (StopReminders(),)
    assert run(ButtonIn(reminders.STOP), ButtonIn(reminders.STOP_NO)).effects == ()
    stopped = reminders.start(ctx(reminders_stopped=True), "")
    assert "turned off" in text(stopped)


def test_text_in_the_menu_shows_the_buttons_again() -> None:
    step = run("what?")
    assert "buttons" in text(step)
    assert step.state is not None


def test_snooze_only_a_sent_reminder_of_this_family() -> None:
    sent = ReminderView(31, 7, 9, ReminderStatus.SENT, None)
    step = reminders.snooze(ctx(reminders=(sent,)), "31")
    assert step.effects == (SnoozeReminder(31, datetime(2026, 11, 22, 9, tzinfo=UTC)),)
    assert "tomorrow" in text(step)
    for forged in ("32", "abc", "", "31; drop"):
        step = reminders.snooze(ctx(reminders=(sent,)), forged)
        assert step.effects == ()
        assert "no longer open" in text(step)
