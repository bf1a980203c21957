"""Reading what the dialog engine answered, for tests that drive it directly."""

from __future__ import annotations

from bot.domain.replies import Text
from bot.engine.dialog import Outcome


def plain(outcome: Outcome) -> str:
    """Every text reply, as the parent reads it, one per line."""
    return "\n".join(r.plain for r in outcome.replies if isinstance(r, Text))


def labels(outcome: Outcome) -> list[str]:
    """The labels of every button the replies offer."""
    return [b.label for r in outcome.replies if isinstance(r, Text) for b in r.all_buttons]
