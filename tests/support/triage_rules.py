"""The danger-sign rules alone, without the examples' second opinion: the triage round tests
pin mechanisms of ``danger_signs.yaml``, which the nearest labelled examples must not mask."""

from __future__ import annotations

from knowledge.examples import ExampleIndex
from knowledge.triage import advice, assess

NO_EXAMPLES = ExampleIndex(())


def rules_level(text: str, age_months: int | None = None) -> str:
    """The level the rules alone give ``text``; ``"concern"`` when no sign fires."""
    return assess(text, age_months, examples=NO_EXAMPLES).level or "concern"


def rules_fired(text: str, age_months: int | None = None) -> list[str]:
    """The signs at the level the rules alone give ``text``."""
    return [sign.id for sign in assess(text, age_months, examples=NO_EXAMPLES).signs]


def rules_advice(text: str, age_months: int | None = None) -> str:
    """What the parent is told first when the rules alone read ``text``."""
    return advice(assess(text, age_months, examples=NO_EXAMPLES))
