"""Age arithmetic: completed months, corrected age for prematurity, checklist ages.

Pure functions on dates. Month arithmetic clamps to the end of shorter months, so a child born
on 31 January is one month old on 28 (or 29) February, and one born on 29 February turns a
year on 28 February of a common year.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from knowledge.models import CHECKLIST_AGES

#: Babies born before this many weeks of gestation get corrected age.
TERM_WEEKS = 37
#: Full term, from which corrected age counts the weeks born early.
FULL_TERM_WEEKS = 40
#: Correction for prematurity stops at this chronological age (months).
CORRECT_UNTIL_MONTHS = 24


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the last day of the target month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def months_between(start: date, end: date) -> int:
    """Completed months from ``start`` to ``end`` (0 when ``end`` is before ``start``)."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, months) > end:
        months -= 1
    return months


def is_preterm(gestational_weeks: int | None) -> bool:
    return gestational_weeks is not None and gestational_weeks < TERM_WEEKS


def corrected_birth(birth: date, gestational_weeks: int | None) -> date:
    """The due date: birth plus the weeks born early (birth itself when not preterm)."""
    if not is_preterm(gestational_weeks):
        return birth
    assert gestational_weeks is not None
    return birth + timedelta(weeks=FULL_TERM_WEEKS - gestational_weeks)


@dataclass(frozen=True, slots=True)
class Age:
    """A child's age on one day, and which age guidance should use."""

    chronological_months: int
    corrected_months: int | None

    @property
    def uses_corrected(self) -> bool:
        return self.corrected_months is not None

    @property
    def months(self) -> int:
        """The age used for milestones: corrected while it applies, else chronological."""
        return (
            self.chronological_months if self.corrected_months is None else self.corrected_months
        )


def age_on(birth: date, gestational_weeks: int | None, today: date) -> Age:
    """The child's age on ``today``; corrected age only for preterm babies under 24 months."""
    chronological = months_between(birth, today)
    if is_preterm(gestational_weeks) and chronological < CORRECT_UNTIL_MONTHS:
        return Age(chronological, months_between(corrected_birth(birth, gestational_weeks), today))
    return Age(chronological, None)


def date_reaching(birth: date, gestational_weeks: int | None, months: int) -> date:
    """The first day on which the age used for milestones is at least ``months``.

    While correction applies this is ``months`` after the due date; correction ends at 24
    months of chronological age, when the age used jumps to the chronological one.
    """
    end_of_correction = add_months(birth, CORRECT_UNTIL_MONTHS)
    if is_preterm(gestational_weeks):
        corrected = add_months(corrected_birth(birth, gestational_weeks), months)
        if corrected < end_of_correction:
            return corrected
        if months <= CORRECT_UNTIL_MONTHS:
            return end_of_correction
    return add_months(birth, months)


#: Days in an average month (365.25 / 12): turns the fraction of a sourced age into days.
DAYS_PER_MONTH = 30.4375


def date_reaching_age(birth: date, gestational_weeks: int | None, months: float) -> date:
    """The first day the age used for milestones is at least ``months``, fractions included.

    Clinical thresholds ("after 10 months", the WHO 99th percentile at 9.2 months) are
    compared on this exact day, never on completed months: a child of 9 months and 25 days
    is past 9.2 months, though its completed months say 9.
    """
    whole = int(months)
    extra = round((months - whole) * DAYS_PER_MONTH)
    return date_reaching(birth, gestational_weeks, whole) + timedelta(days=extra)


@dataclass(frozen=True, slots=True)
class AgeClock:
    """A child's exact age on one day: decides whether a threshold in months is reached."""

    birth: date
    gestational_weeks: int | None
    today: date

    @property
    def age(self) -> Age:
        return age_on(self.birth, self.gestational_weeks, self.today)

    def reached(self, months: float) -> bool:
        """Whether the age used for milestones is ``months`` or more today (to the day)."""
        return self.today >= date_reaching_age(self.birth, self.gestational_weeks, months)

    def day_reaching(self, months: float) -> date:
        return date_reaching_age(self.birth, self.gestational_weeks, months)


def latest_checklist_age(months: int) -> int | None:
    """The latest checklist age the child has reached, or None before the first one."""
    reached = [age for age in CHECKLIST_AGES if age <= months]
    return reached[-1] if reached else None


def describe_months(months: int) -> str:
    """'1 month', '7 months', '2 years 3 months': how a parent says an age."""
    if months < 24:
        return f"{months} month" + ("" if months == 1 else "s")
    years, rest = divmod(months, 12)
    text = f"{years} years"
    return text if rest == 0 else f"{text} {rest} month" + ("" if rest == 1 else "s")


def describe_age(months: float) -> str:
    """A sourced age as parents read it, never a decimal: '9 months', '9 months and 1 week'.

    Fractions become whole weeks (9.2 months -> 9 months and 1 week); a fraction under half a
    week rounds to the whole month, and one of four weeks or more to the next month.
    """
    whole = int(months)
    weeks = round((months - whole) * DAYS_PER_MONTH / 7)
    if weeks >= 4:
        return describe_months(whole + 1)
    if weeks == 0:
        return describe_months(whole)
    return f"{describe_months(whole)} and {weeks} week" + ("" if weeks == 1 else "s")
