"""Reminder due dates and decisions (``bot.domain.schedule``): pure, checked with hypothesis.

Birth dates, gestational weeks (corrected age), every IANA time zone (DST changes, UTC+14 down
to UTC-11) and every hour: a reminder lands on the day the checklist age is reached, at the
family's hour there, and never in the quiet hours 20:00-08:00.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain import schedule
from bot.domain.age import date_reaching
from bot.domain.schedule import Close, Defer, FamilyState, Send
from bot.domain.views import ReminderStatus
from knowledge.models import CHECKLIST_AGES

EXTREME_ZONES = (
    "Pacific/Kiritimati",  # UTC+14
    "Pacific/Apia",  # UTC+13 (skipped 30 December 2011)
    "Pacific/Tongatapu",  # UTC+13
    "Pacific/Pago_Pago",  # UTC-11
    "Pacific/Niue",  # UTC-11
    "Australia/Lord_Howe",  # half-hour DST
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",  # DST changes at midnight
    "Asia/Kathmandu",  # UTC+5:45
)
zones = st.one_of(st.sampled_from(EXTREME_ZONES), st.timezones().map(lambda z: z.key))
births = st.dates(min_value=date(2010, 1, 1), max_value=date(2035, 12, 31))
weeks = st.one_of(st.none(), st.integers(min_value=22, max_value=44))
hours = st.integers(min_value=0, max_value=23)
instants = st.datetimes(
    min_value=datetime(2010, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)


def local(instant: datetime, zone: str) -> datetime:
    return instant.astimezone(ZoneInfo(zone))


# --- which check-ins, on which day ---------------------------------------------------------


@settings(max_examples=300)
@given(births, weeks, st.integers(min_value=-30, max_value=3000))
def test_plan_has_every_checklist_age_not_yet_reached_on_its_day(
    birth: date, gestational_weeks: int | None, days_after_birth: int
) -> None:
    today = birth + timedelta(days=days_after_birth)
    planned = schedule.plan(birth, gestational_weeks, today)
    expected = [a for a in CHECKLIST_AGES if date_reaching(birth, gestational_weeks, a) > today]
    assert [age for age, _ in planned] == expected
    for age, day in planned:
        assert day == date_reaching(birth, gestational_weeks, age)
        assert day > today
    days = [day for _, day in planned]
    assert days == sorted(days)


def test_corrected_age_moves_the_early_check_ins() -> None:
    born = date(2026, 1, 1)
    at_term = dict(schedule.plan(born, None, born))
    at_30_weeks = dict(schedule.plan(born, 30, born))  # ten weeks early
    assert at_term[2] == date(2026, 3, 1)
    assert at_30_weeks[2] == date(2026, 5, 12)  # two months after the due date, 12 March
    assert at_30_weeks[24] == date(2028, 1, 1)  # correction ends at 24 months
    assert at_30_weeks[30] == at_term[30] == date(2028, 7, 1)


def test_an_age_reached_today_gets_no_reminder() -> None:
    born = date(2026, 1, 1)
    assert 2 not in dict(schedule.plan(born, None, date(2026, 3, 1)))
    assert 2 in dict(schedule.plan(born, None, date(2026, 2, 28)))


# --- at which instant ----------------------------------------------------------------------


@settings(max_examples=500)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)), hours, zones)
def test_due_time_is_on_the_day_at_the_hour_and_never_in_quiet_hours(
    day: date, hour: int, zone: str
) -> None:
    instant = schedule.at_local(day, hour, zone)
    assert instant.tzinfo is UTC
    there = local(instant, zone)
    assert not schedule.in_quiet_hours(there.hour)
    if day != date(2011, 12, 30) or zone != "Pacific/Apia":  # a day Samoa skipped
        assert there.date() == day
    wanted = datetime.combine(day, time(schedule.allowed_hour(hour)), ZoneInfo(zone))
    round_trip = wanted.astimezone(UTC).astimezone(ZoneInfo(zone))
    if round_trip.replace(tzinfo=None) == wanted.replace(tzinfo=None):  # not skipped by DST
        assert (there.hour, there.minute) == (schedule.allowed_hour(hour), 0)


def test_dst_changes_keep_the_local_hour() -> None:
    # Berlin: clocks go forward on 29 March 2026 and back on 25 October 2026.
    assert schedule.at_local(date(2026, 3, 28), 10, "Europe/Berlin") == datetime(
        2026, 3, 28, 9, tzinfo=UTC
    )
    assert schedule.at_local(date(2026, 3, 29), 10, "Europe/Berlin") == datetime(
        2026, 3, 29, 8, tzinfo=UTC
    )
    assert schedule.at_local(date(2026, 10, 25), 10, "Europe/Berlin") == datetime(
        2026, 10, 25, 9, tzinfo=UTC
    )


def test_far_east_and_far_west_zones_fall_on_the_previous_or_same_utc_day() -> None:
    # UTC+13: 10:00 on 1 May in Apia is 21:00 on 30 April in UTC.
    assert schedule.at_local(date(2026, 5, 1), 10, "Pacific/Apia") == datetime(
        2026, 4, 30, 21, tzinfo=UTC
    )
    # UTC-11: 10:00 on 1 May in Pago Pago is 21:00 the same day in UTC.
    assert schedule.at_local(date(2026, 5, 1), 10, "Pacific/Pago_Pago") == datetime(
        2026, 5, 1, 21, tzinfo=UTC
    )


def test_a_quiet_hour_becomes_the_morning() -> None:
    assert schedule.allowed_hour(22) == schedule.allowed_hour(3) == 8
    assert schedule.allowed_hour(19) == 19
    assert local(schedule.at_local(date(2026, 5, 1), 23, "UTC"), "UTC").hour == 8


@given(instants, zones)
def test_next_allowed_is_now_or_the_end_of_the_quiet_hours(now: datetime, zone: str) -> None:
    result = schedule.next_allowed(now, zone)
    assert result >= now
    assert result - now < timedelta(hours=14)
    assert not schedule.in_quiet_hours(local(result, zone).hour)
    if not schedule.in_quiet_hours(local(now, zone).hour):
        assert result == now


@given(instants, zones, st.integers(min_value=8, max_value=19))
def test_follow_up_is_a_week_later_at_the_reminder_hour(
    sent: datetime, zone: str, hour: int
) -> None:
    follow_up = schedule.follow_up_at(sent, zone, hour)
    week_later = local(sent, zone).date() + timedelta(days=7)
    # A day the zone skipped (Samoa, 30 December 2011) moves the follow-up to the next one.
    skipped = all(
        local(datetime.combine(week_later, time(h), ZoneInfo(zone)).astimezone(UTC), zone).date()
        != week_later
        for h in range(24)
    )
    assert local(follow_up, zone).date() == week_later + timedelta(days=skipped)
    assert not schedule.in_quiet_hours(local(follow_up, zone).hour)


def test_a_follow_up_due_on_a_skipped_day_comes_the_next_day() -> None:
    """Samoa skipped 30 December 2011: a week after the 23rd is the 31st, at the hour."""
    sent = datetime(2011, 12, 23, 12, tzinfo=UTC)  # 23 December, 02:00 in Apia
    follow_up = schedule.follow_up_at(sent, "Pacific/Apia", 10)
    assert local(follow_up, "Pacific/Apia").replace(tzinfo=None) == datetime(2011, 12, 31, 10)


# --- what to do with a due reminder ---------------------------------------------------------

NOON_BERLIN = datetime(2026, 11, 21, 11, tzinfo=UTC)
BERLIN = FamilyState("Europe/Berlin", 10)


def test_a_due_reminder_is_sent_in_the_day() -> None:
    assert schedule.decide(NOON_BERLIN - timedelta(hours=2), BERLIN, NOON_BERLIN) == Send()


def test_quiet_hours_wait_for_eight_in_the_morning() -> None:
    night = datetime(2026, 11, 21, 22, tzinfo=UTC)  # 23:00 in Berlin
    decision = schedule.decide(night - timedelta(hours=12), BERLIN, night)
    assert decision == Defer(datetime(2026, 11, 22, 7, tzinfo=UTC))


def test_more_than_thirty_days_late_is_folded_and_stopped_is_cancelled() -> None:
    late = NOON_BERLIN - timedelta(days=30, minutes=1)
    assert schedule.decide(late, BERLIN, NOON_BERLIN) == Close(ReminderStatus.FOLDED)
    on_time = NOON_BERLIN - timedelta(days=30)
    assert schedule.decide(on_time, BERLIN, NOON_BERLIN) == Send()
    stopped = FamilyState("Europe/Berlin", 10, stopped=True)
    assert schedule.decide(NOON_BERLIN, stopped, NOON_BERLIN) == Close(ReminderStatus.CANCELLED)


def test_paused_and_blocked_families_are_looked_at_again_later() -> None:
    until = NOON_BERLIN + timedelta(days=3)
    paused = FamilyState("Europe/Berlin", 10, paused_until=until)
    assert schedule.decide(NOON_BERLIN, paused, NOON_BERLIN) == Defer(until)
    over = FamilyState("Europe/Berlin", 10, paused_until=NOON_BERLIN)
    assert schedule.decide(NOON_BERLIN, over, NOON_BERLIN) == Send()
    blocked = FamilyState("Europe/Berlin", 10, active=False)
    decision = schedule.decide(NOON_BERLIN, blocked, NOON_BERLIN)
    assert decision == Defer(NOON_BERLIN + schedule.RECHECK_BLOCKED)


@given(
    instants,
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=60)),
    zones,
    st.booleans(),
    st.booleans(),
    st.one_of(
        st.none(), st.timedeltas(min_value=timedelta(days=-5), max_value=timedelta(days=90))
    ),
)
def test_a_decision_never_sends_in_quiet_hours_and_never_defers_into_the_past(
    now: datetime,
    late: timedelta,
    zone: str,
    active: bool,
    stopped: bool,
    pause: timedelta | None,
) -> None:
    family = FamilyState(zone, 10, active, stopped, None if pause is None else now + pause)
    decision = schedule.decide(now - late, family, now)
    if isinstance(decision, Send):
        assert not schedule.in_quiet_hours(local(now, zone).hour)
        assert active
        assert not stopped
        assert late <= schedule.FOLD_AFTER
    elif isinstance(decision, Defer):
        assert decision.until > now
    else:
        assert decision.status in {ReminderStatus.FOLDED, ReminderStatus.CANCELLED}
