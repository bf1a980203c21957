"""How dates read to a parent: day, month name and year, never an ambiguous 03/04."""

from __future__ import annotations

from datetime import date

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def format_date(day: date) -> str:
    """'15 March 2024': unambiguous in every locale."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_month(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year}"
