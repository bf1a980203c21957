"""Turning what a parent types ("Berlin", "new york", "+2", "UTC-5") into an IANA time zone.

Cities and names come from the IANA database (``zoneinfo``). Whole-hour UTC offsets map to
the fixed ``Etc/GMT±N`` zones (whose sign is inverted by POSIX convention: UTC+2 is
``Etc/GMT-2``). Half and quarter hours (India's +5:30, Nepal's +5:45, Newfoundland's -3:30)
have no IANA fixed zone, so they are stored as ``UTC+05:30`` and loaded by ``zone_of`` as a
fixed offset. Neither follows daylight saving time, and both are labelled so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

MAX_INPUT = 64
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*([0-9]{1,2})(?::?([0-9]{2}))?$")
#: How an offset with minutes is stored: ``UTC+05:30``.
_STORED_OFFSET = re.compile(r"^UTC([+-])([0-9]{2}):([0-9]{2})$")
#: Minutes an offset may have: whole, quarter, half and three-quarter hours.
_MINUTES = (0, 15, 30, 45)
#: Said after a fixed offset wherever the zone is named.
FIXED_NOTE = "fixed offset, no daylight saving"
#: Legacy aliases that would shadow real cities' names ("US/Pacific", "SystemV/...").
_LEGACY = ("SystemV/", "US/", "Etc/", "posix/", "right/")


@dataclass(frozen=True, slots=True)
class Zone:
    """A zone the parent chose; ``fixed`` when it is a UTC offset without daylight saving."""

    name: str
    fixed: bool = False


@dataclass(frozen=True, slots=True)
class ZoneProblem:
    """Why the text is not a time zone, in words for the parent."""

    message: str


def _key(text: str) -> str:
    return "_".join(text.strip().lower().replace("_", " ").split())


@cache
def _by_name() -> dict[str, str]:
    """Lower-case full names and city names (last part, spaces as ``_``) -> the IANA name."""
    names: dict[str, str] = {}
    zones = sorted(available_timezones())
    for zone in zones:
        names.setdefault(zone.lower(), zone)
    for zone in zones:
        if "/" in zone and not zone.startswith(_LEGACY):
            names.setdefault(zone.rsplit("/", 1)[1].lower(), zone)
    return names


def parse_zone(text: str) -> Zone | ZoneProblem:
    """The zone named by ``text``: a city, an IANA name, ``UTC``, or an offset like ``+2``."""
    raw = text.strip()
    if not raw or len(raw) > MAX_INPUT:
        return ZoneProblem("Please type a city such as Berlin or New York, or an offset like +2.")
    compact = raw.lower().replace(" ", "")
    if compact in {"utc", "gmt", "z", "utc0", "gmt0", "+0", "-0", "utc+0", "utc-0"}:
        return Zone("UTC", fixed=True)
    if match := _OFFSET.match(compact):
        return _offset_zone(match.group(1), int(match.group(2)), int(match.group(3) or 0))
    name = _by_name().get(_key(raw))
    if name is None:
        return ZoneProblem(
            f"I don't know “{raw}” as a time zone. Try the nearest big city in the same time "
            "zone (for example Berlin, London, New York, Sydney), or an offset like +2 or -5."
        )
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneProblem(f"“{raw}” is not in the time zone database here; try a nearby city.")
    return Zone(name)


def _offset_zone(sign: str, hours: int, minutes: int) -> Zone | ZoneProblem:
    if minutes not in _MINUTES:
        return ZoneProblem(
            "An offset has whole, half or quarter hours, like +5:30 or +5:45. Which is yours?"
        )
    total = hours * 60 + minutes
    if (sign == "+" and total > 14 * 60) or (sign == "-" and total > 12 * 60):
        return ZoneProblem("UTC offsets go from -12 to +14. Which one is yours?")
    if total == 0:
        return Zone("UTC", fixed=True)
    if minutes:
        return Zone(f"UTC{sign}{hours:02d}:{minutes:02d}", fixed=True)
    # POSIX convention: Etc/GMT-2 is two hours *ahead* of UTC.
    return Zone(f"Etc/GMT{'-' if sign == '+' else '+'}{hours}", fixed=True)


def zone_of(name: str) -> tzinfo:
    """The ``tzinfo`` of a stored zone name: an IANA zone, or an offset with minutes."""
    if match := _STORED_OFFSET.match(name):
        sign = -1 if match.group(1) == "-" else 1
        offset = timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))
        return timezone(sign * offset, name)
    return ZoneInfo(name)


def is_fixed(name: str) -> bool:
    """Whether a stored zone is a UTC offset that never changes (UTC itself aside)."""
    return bool(_STORED_OFFSET.match(name)) or (
        name.startswith("Etc/GMT") and len(name) > len("Etc/GMT")
    )


def zone_label(name: str) -> str:
    """The zone as the parent reads it: ``Europe/Berlin``, ``UTC``, or
    ``UTC+05:30 (fixed offset, no daylight saving)``."""
    shown = describe_zone(name)
    return f"{shown} ({FIXED_NOTE})" if is_fixed(name) else shown


def describe_zone(name: str) -> str:
    """How to show a zone: ``Europe/Berlin``, or ``UTC+2`` for the fixed offset zones."""
    if name.startswith("Etc/GMT") and len(name) > len("Etc/GMT"):
        offset = name[len("Etc/GMT") :]
        return "UTC" + ("+" if offset[0] == "-" else "-") + offset[1:]
    return name
