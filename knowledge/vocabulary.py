"""Parents' English, read from ``knowledge/content/vocabulary.yaml``, as matchers of text.

Word lists there are plain words or phrases, with a trailing ``*`` for "any ending"; here they
become regular expressions over normalised text (see ``knowledge.normalize.normalize``). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.models import Vocabulary
from knowledge.normalize import normalize


def word_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regex finding any of ``words`` as whole words (``None`` for an empty list)."""
    parts = []
    for word in words:
        prefix = word.endswith("*")
        body = normalize(word.rstrip("*"))
        if body:
            parts.append(re.escape(body) + (r"\w*" if prefix else ""))
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


class Rewriter:
    """Replaces parents' words with the knowledge base's ("wellies" -> "boots")."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._means: dict[str, str] = {}
        for synonym in vocabulary.synonyms:
            for word in synonym.words:
                self._means[normalize(word)] = normalize(synonym.means)
        self._pattern = word_pattern(self._means)

    def __call__(self, normalized: str) -> str:
        """``normalized`` with every synonym replaced by what it means."""
        if self._pattern is None:
            return normalized
        return self._pattern.sub(lambda m: self._means[m.group(0)], normalized)
