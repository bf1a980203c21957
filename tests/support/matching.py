"""What the matcher round tests ask of a motor worry's answer."""

from __future__ import annotations

from knowledge.matcher import MatchResult


def assert_answered(result: MatchResult, topic: str | None = None) -> None:
    """A motor worry answered as one: ordinary triage, topics shown, and ``topic`` (where a
    round pins one) among the first three."""
    assert result.triage == "concern", result.triage
    assert result.matches
    if topic:
        assert topic in [m.id for m in result.matches[:3]]
