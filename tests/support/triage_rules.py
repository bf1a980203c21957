"""The danger-sign rules alone, without the examples' second opinion: the triage round tests
pin mechanisms of ``danger_signs.yaml``, which the nearest labelled examples must not mask."""

from __future__ import annotations

from knowledge.examples import ExampleIndex
from knowledge.triage import assess

NO_EXAMPLES = ExampleIndex(())


def rules_level(text: str) -> str:
    """The level the rules alone give ``text``; ``"concern"`` when no sign fires."""
    return assess(text, examples=NO_EXAMPLES).level or "concern"
