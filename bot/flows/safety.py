"""What Sprout says at once to a danger sign, per triage level: the one table to extend.

Free text is triaged wherever it is typed: as a first message (``bot.flows.concern``), and in
the middle of any flow (``bot.flows.asides``, which pauses the flow). Both answer a danger
sign with ``safety_replies``, before anything else, so a level added to triage is answered the
same everywhere once it has a row in ``_BY_LEVEL``. A level without a row is not a danger sign.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.flows.grading import Level
from bot.replies import Reply, bold, say

EMERGENCY = (
    "This sounds like a medical emergency. Call your local emergency number now "
    "(for example 112 in Europe, 911 in the US and Canada, 999 in the UK), or go to the "
    "nearest emergency department. Do not wait for an answer here."
)
URGENT = (
    "A loss of skills your child had, or a sudden new weakness or limp, needs a doctor soon: "
    "please contact your child's doctor today, or urgent care if you cannot reach them. "
    "A loss of skills always deserves a prompt check."
)


@dataclass(frozen=True, slots=True)
class Danger:
    """How one triage level is answered, and what it makes of a check-in it interrupts."""

    replies: tuple[Reply, ...]
    #: The check-in result is at least this serious when the parent typed it mid-check-in.
    checkin_level: Level


_BY_LEVEL: dict[str, Danger] = {
    "emergency": Danger((say(bold(EMERGENCY)),), "emergency"),
    "urgent": Danger((say(bold(URGENT)),), "urgent"),
}


def safety_replies(level: str) -> tuple[Reply, ...]:
    """What to say at once for a triage ``level``; empty when it is not a danger sign."""
    danger = _BY_LEVEL.get(level)
    return danger.replies if danger else ()


def checkin_level(level: str) -> Level | None:
    """The guidance level a danger sign typed mid-check-in gives its result (None: none)."""
    danger = _BY_LEVEL.get(level)
    return danger.checkin_level if danger else None
