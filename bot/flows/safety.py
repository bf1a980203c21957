"""What Sprout says at once to a danger sign, and what the sign makes of a check-in.

Free text is triaged wherever it is typed: as a first message (``bot.flows.concern``), and in
the middle of any flow (``bot.flows.asides``, which pauses the flow). Both answer a danger sign
with ``safety_replies``, before anything else. The words come from the danger-sign data
(``knowledge/content/danger_signs.yaml``): the level's answer, then what to do while help comes.
"""

from __future__ import annotations

from bot.domain.replies import Reply, bold, say
from bot.flows.checkin.grading import Level
from knowledge.triage import Assessment, advice

#: Triage levels that are danger signs, and the guidance level each gives a check-in it was
#: typed in (None: the safety net is answered, but it does not grade the check-in).
_CHECKIN_LEVEL: dict[str, Level | None] = {
    "emergency": "emergency",
    "urgent": "urgent",
    "safety_net": None,
}


def is_danger(level: str) -> bool:
    """Whether a triage ``level`` is answered at once (and pauses a flow it interrupts)."""
    return level in _CHECKIN_LEVEL


def safety_replies(danger: Assessment) -> tuple[Reply, ...]:
    """What to say at once; empty when the message names no danger sign.

    Emergency and urgent answers stand out in bold; the safety net is calm guidance.
    """
    if danger.level is None:
        return ()
    text = advice(danger)
    return (say(text if danger.level == "safety_net" else bold(text)),)


def checkin_level(level: str) -> Level | None:
    """The guidance level a danger sign typed mid-check-in gives its result (None: none)."""
    return _CHECKIN_LEVEL.get(level)
