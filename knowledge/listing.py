"""The ``parentbot knowledge list --json`` view: every entry and the text the matcher reads.

Content authors use it to see exactly which strings can route a parent to an entry, so the
fields here mirror ``knowledge.matcher``: title plus ``phrasings`` for the kinds it matches.
Milestones are listed too, with ``matched`` false and no match texts, since the matcher skips
them (they are reached through check-ins, not free text).
"""

from __future__ import annotations

from knowledge.loader import KnowledgeBase
from knowledge.matcher import MATCHABLE


def format_list(kb: KnowledgeBase) -> list[dict[str, object]]:
    """One JSON-ready dict per entry, in file order: id, kind, title, what matching reads."""
    rows: list[dict[str, object]] = []
    for entry in kb.entries:
        matched = isinstance(entry, MATCHABLE)
        phrasings = list(entry.phrasings) if isinstance(entry, MATCHABLE) else []
        rows.append(
            {
                "id": entry.id,
                "kind": entry.kind,
                "title": entry.title,
                "matched": matched,
                "phrasings": phrasings,
                "match_texts": [entry.title, *phrasings] if matched else [],
            }
        )
    return rows
