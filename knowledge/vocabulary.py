"""Parents' English, read from ``knowledge/content/vocabulary.yaml``, as matchers of text.

Word lists there are plain words or phrases, with a trailing ``*`` for "any ending"; here they
become regular expressions over normalised text (see ``knowledge.normalize.normalize``). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.models import Synonym, Vocabulary
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


class _Replacer:
    def __init__(self, synonyms: Iterable[Synonym]) -> None:
        self._means = {normalize(w): normalize(s.means) for s in synonyms for w in s.words}
        self._pattern = word_pattern(self._means)

    def __call__(self, normalized: str) -> str:
        if self._pattern is None:
            return normalized
        return self._pattern.sub(lambda m: self._means[m.group(0)], normalized)


class Rewriter:
    """Replaces idioms ("runs a fever" -> "fever"), then parents' words with the knowledge
    base's ("wellies" -> "boots")."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._idioms = _Replacer(vocabulary.idioms)
        self._synonyms = _Replacer(vocabulary.synonyms)

    def __call__(self, normalized: str) -> str:
        """``normalized`` in the knowledge base's words."""
        return self._synonyms(self._idioms(normalized))
