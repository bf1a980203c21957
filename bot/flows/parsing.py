"""Reading what parents type: dates, week counts, yes/no. Pure and forgiving.

Each parser returns a value or a ``Problem`` naming what was wrong, so flows can answer with a
specific, friendly message instead of a generic "invalid input".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


class Problem(Enum):
    """Why an input could not be used."""

    UNREADABLE = "unreadable"
    NO_SUCH_DAY = "no_such_day"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as given: the day may be missing ("March 2024")."""

    year: int
    month: int
    day: int | None = None

    def complete(self) -> date | Problem:
        if self.day is None:
            raise ValueError("day is missing")
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return Problem.NO_SUCH_DAY


# Digits are ASCII ([0-9], never \d): \d also matches other scripts' digits.
_ISO = re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?$")
_DMY = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$")
_MY = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{4})$")
_WORDS = re.compile(
    r"^(?:([0-9]{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?,?\s+"
    r"(?:([0-9]{1,2})(?:st|nd|rd|th)?,?\s+)?([0-9]{4})$"
)
#: Record ids are 64-bit database integers; a longer number names nothing.
MAX_ID_DIGITS = 18


def _checked(year: int, month: int, day: int | None) -> PartialDate | Problem:
    if not 1 <= month <= 12:
        return Problem.UNREADABLE
    partial = PartialDate(year, month, day)
    if day is not None and isinstance(partial.complete(), Problem):
        return Problem.NO_SUCH_DAY
    return partial


def parse_birth_date(text: str) -> PartialDate | Problem:
    """Read 2024-03-15, 15/03/2024, 15.03.2024, March 2024, Mar 2024, 15 March 2024 ...

    Numeric dates are day-first (15/03/2024); a date that only makes sense month-first
    (03/15/2024) is read that way, and the flow repeats the date back in words.
    """
    cleaned = " ".join(text.strip().lower().split())
    if match := _ISO.match(cleaned):
        year, month, day = match.groups()
        return _checked(int(year), int(month), int(day) if day else None)
    if match := _DMY.match(cleaned):
        first, second, year = (int(part) for part in match.groups())
        if second > 12 >= first:
            first, second = second, first
        return _checked(int(year), second, first)
    if match := _MY.match(cleaned):
        month, year = match.groups()
        return _checked(int(year), int(month), None)
    if match := _WORDS.match(cleaned):
        day_before, month_name, day_after, year = match.groups()
        month = MONTHS.get(month_name)
        if month is None:
            return Problem.UNREADABLE
        day = day_before or day_after
        return _checked(int(year), month, int(day) if day else None)
    return Problem.UNREADABLE


def parse_id(text: str) -> int | None:
    """A record id from a command's arguments or a button ("12"), or None.

    ASCII digits only and at most ``MAX_ID_DIGITS``: ``str.isdigit`` also accepts "²", which
    ``int`` refuses, and ``int`` refuses a number over 4,300 digits.
    """
    raw = text.strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_ID_DIGITS:
        return None
    return int(raw)


def parse_day(text: str) -> int | Problem:
    """A day of the month typed on its own ("15", "15th")."""
    match = re.fullmatch(r"\s*([0-9]{1,2})(?:st|nd|rd|th)?\s*", text.lower())
    if not match:
        return Problem.UNREADABLE
    day = int(match.group(1))
    return day if 1 <= day <= 31 else Problem.NO_SUCH_DAY


def parse_weeks(text: str) -> int | Problem:
    """Weeks of gestation: "32", "32 weeks", "32+4", "32w" (days after + are dropped)."""
    match = re.fullmatch(
        r"\s*([0-9]{1,2})\s*(?:\+\s*[0-9])?\s*(?:w|wk|wks|week|weeks)?\.?\s*", text.lower()
    )
    if not match:
        return Problem.UNREADABLE
    return int(match.group(1))


_YES = {"yes", "y", "yeah", "yep", "yup", "yes she is", "yes he is", "sure", "correct", "true"}
_NO = {"no", "n", "nope", "nah", "not really", "no she wasnt", "no he wasnt", "false"}
#: "I don't know", to any question (a birth day, a milestone).
_UNSURE = {"not sure", "dunno", "dont know", "don't know", "idk", "unsure", "maybe", "no idea"}


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split()).replace("'", "")


def parse_yes_no(text: str) -> bool | None:
    """True for yes, False for no, None when the text is neither."""
    words = _words(text)
    if words in _YES:
        return True
    if words in _NO:
        return False
    return None


def is_unsure(text: str) -> bool:
    return _words(text) in {_words(u) for u in _UNSURE}
