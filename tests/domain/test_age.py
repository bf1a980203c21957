"""Age arithmetic: completed months, corrected age, and the day a checklist age is reached."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.age import (
    CORRECT_UNTIL_MONTHS,
    AgeClock,
    add_months,
    age_on,
    date_reaching,
    date_reaching_age,
    describe_age,
    describe_months,
    latest_checklist_age,
    months_between,
)

births = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
weeks = st.one_of(st.none(), st.integers(min_value=22, max_value=42))
spans = st.integers(min_value=0, max_value=9 * 366)


@pytest.mark.parametrize(
    ("birth", "today", "months"),
    [
        (date(2024, 1, 31), date(2024, 2, 28), 0),
        (date(2024, 1, 31), date(2024, 2, 29), 1),  # leap year: end of February counts
        (date(2023, 1, 31), date(2023, 2, 28), 1),
        (date(2024, 2, 29), date(2025, 2, 28), 12),
        (date(2024, 3, 15), date(2024, 4, 14), 0),
        (date(2024, 3, 15), date(2024, 4, 15), 1),
        (date(2024, 3, 31), date(2024, 4, 30), 1),
        (date(2024, 3, 15), date(2024, 3, 1), 0),
    ],
)
def test_month_boundaries(birth: date, today: date, months: int) -> None:
    assert months_between(birth, today) == months


def test_nine_month_old_born_at_32_weeks_uses_corrected_seven_months() -> None:
    age = age_on(date(2026, 2, 21), 32, date(2026, 11, 21))
    assert (age.chronological_months, age.corrected_months, age.months) == (9, 7, 7)


def test_correction_stops_at_24_months() -> None:
    birth = date(2024, 1, 10)
    assert age_on(birth, 28, date(2026, 1, 9)).uses_corrected
    assert not age_on(birth, 28, date(2026, 1, 10)).uses_corrected


@given(births, spans)
def test_add_months_then_count_round_trips(birth: date, days: int) -> None:
    today = birth + timedelta(days=days)
    months = months_between(birth, today)
    assert add_months(birth, months) <= today < add_months(birth, months + 1)


@given(births, weeks, spans)
def test_corrected_age_never_above_chronological(birth: date, gw: int | None, days: int) -> None:
    age = age_on(birth, gw, birth + timedelta(days=days))
    assert age.months <= age.chronological_months
    if age.uses_corrected:
        assert age.chronological_months < CORRECT_UNTIL_MONTHS
        assert gw is not None
        assert gw < 37


@given(births, weeks, st.sampled_from([2, 4, 6, 9, 12, 15, 18, 24, 30, 36, 48, 60, 72, 84]))
def test_checklist_age_is_reached_on_the_computed_day(birth: date, gw: int | None, m: int) -> None:
    day = date_reaching(birth, gw, m)
    assert age_on(birth, gw, day).months >= m
    assert age_on(birth, gw, day - timedelta(days=1)).months < m


@pytest.mark.parametrize(
    ("months", "age"), [(0, None), (1, None), (2, 2), (8, 6), (23, 18), (90, 84)]
)
def test_latest_checklist_age(months: int, age: int | None) -> None:
    assert latest_checklist_age(months) == age


@pytest.mark.parametrize(
    ("months", "text"), [(1, "1 month"), (7, "7 months"), (24, "2 years"), (37, "3 years 1 month")]
)
def test_describe_months(months: int, text: str) -> None:
    assert describe_months(months) == text


# --- issue 11: exact ages and ages without decimals ----------------------------------------


@pytest.mark.parametrize(
    ("months", "said"),
    [
        (9, "9 months"),
        (9.2, "9 months and 1 week"),
        (10.5, "10 months and 2 weeks"),
        (17.6, "17 months and 3 weeks"),
        (11.95, "12 months"),
        (9.05, "9 months"),
        (66, "5 years 6 months"),
    ],
)
def test_describe_age_never_shows_a_decimal(months: float, said: str) -> None:
    assert describe_age(months) == said


def test_a_fractional_age_is_reached_on_its_exact_day() -> None:
    birth = date(2026, 1, 10)
    assert date_reaching_age(birth, None, 9) == date(2026, 10, 10)
    assert date_reaching_age(birth, None, 9.2) == date(2026, 10, 16)  # 0.2 x 30.44 days
    clock = AgeClock(birth, None, date(2026, 10, 15))
    assert clock.reached(9)
    assert not clock.reached(9.2)
    assert clock.age.months == 9


def test_exact_age_uses_corrected_age_until_24_months() -> None:
    birth = date(2026, 1, 10)  # born 8 weeks early: due 7 March
    assert date_reaching_age(birth, 32, 9) == date(2026, 12, 7)
    assert date_reaching_age(birth, 32, 30) == date(2028, 7, 10)  # correction has ended
