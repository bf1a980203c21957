"""Which short pieces of text a regular expression cannot match without: a sound pre-filter.

Triage looks for every danger-sign concept in every message a parent types, and most of the
500-odd concepts are absent from any one message; searching for each with its (often very
large) pattern was most of triage's cost. A pattern cannot match a text that holds none of
the strings one of its parts requires (``hands?`` needs "hand"), so a set lookup skips most
searches; a concept is searched form by form (``Alternatives``), so one form with common
pieces does not make all the others search every message. The strings are read from the
parsed pattern, never guessed, and a pattern they cannot be read from safely is always searched
(``None``). Where a pattern offers several such sets (any of its parts would do), the one
rarest in sample messages is kept: " in " is as long as "fits" but in nearly every message.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

#: Python's own regular-expression parser (the one ``re.compile`` uses, with its opcodes), so
#: the pieces are read from the same tree that is matched; untyped, hence ``Any``.
sre: Any = importlib.import_module("re._parser")

#: Length of the pieces compared: longer pieces are rarer in text, so they skip more searches.
GRAM = 4
#: Shorter pieces would be in nearly every message: not worth a lookup.
_SHORTEST = 3
#: A character class is spelled out into pieces only when it is this small ("[sz]").
_SMALL_CLASS = 4
#: Spelled-out pieces per run kept at most (a run of classes multiplies them).
_MOST_PIECES = 64

Needs = frozenset[str]


def gram_counts(samples: Iterable[str]) -> dict[str, int]:
    """In how many of ``samples`` each piece occurs: how often a set of pieces lets a search
    through."""
    counts: dict[str, int] = {}
    for sample in samples:
        for gram in text_grams(sample):
            counts[gram] = counts.get(gram, 0) + 1
    return counts


def required_grams(pattern: re.Pattern[str], counts: Mapping[str, int]) -> Needs | None:
    """Pieces of at most ``GRAM`` characters, one of which is in any text ``pattern`` matches
    (the set rarest by ``counts``); None when the pattern does not say (then it must always
    be searched)."""
    if pattern.flags & re.IGNORECASE:
        return None
    needs = _sequence(list(sre.parse(pattern.pattern, pattern.flags)), counts)
    if needs is None or min(len(piece) for piece in needs) < _SHORTEST:
        return None
    return frozenset(_rarest(piece, counts) for piece in needs)


def _rarest(piece: str, counts: Mapping[str, int]) -> str:
    """The stretch of ``GRAM`` characters of ``piece`` (or all of it) rarest in the samples:
    every one of them is in any text holding ``piece``."""
    stretches = (piece[start : start + GRAM] for start in range(max(len(piece) - GRAM, 0) + 1))
    return min(stretches, key=lambda stretch: counts.get(stretch, 0))


def text_grams(text: str) -> frozenset[str]:
    """Every piece of ``text`` that a ``required_grams`` set can hold."""
    return frozenset(
        text[start : start + size]
        for size in range(_SHORTEST, GRAM + 1)
        for start in range(len(text) - size + 1)
    )


@dataclass(frozen=True, slots=True)
class Alternatives:
    """A pattern ``(?:F1|F2|...)`` between word boundaries, kept as its forms (each between word
    boundaries, with its needs).

    Searched form by form, it answers as the whole pattern would: the leftmost match, and
    where several forms match at one place, the first form's (an alternation tries its forms
    in order, each with all its backtracking, before the next). Only the forms a text may
    match (``FormIndex.candidates``) are searched.
    """

    forms: tuple[tuple[re.Pattern[str], Needs | None], ...]

    def search(self, text: str, tried: Iterable[int], position: int = 0) -> re.Match[str] | None:
        """The whole pattern's ``search`` from ``position``, given the forms it may match."""
        best: re.Match[str] | None = None
        for form in tried:
            found = self.forms[form][0].search(text, position)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best

    def match(self, text: str, position: int, end: int) -> re.Match[str] | None:
        """The whole pattern's ``match`` at ``position``, not reaching past ``end``."""
        return next(
            (m for pattern, _ in self.forms if (m := pattern.match(text, position, end))), None
        )

    def blank(self, text: str, tried: Sequence[int]) -> str:
        """``text`` with every match replaced by underscores, word for word (so word positions
        hold), as ``sub`` with the whole pattern would, given the forms it may match."""
        pieces: list[str] = []
        done = 0
        while (found := self.search(text, tried, done)) is not None:
            blanked = " ".join("_" * len(word) for word in found[0].split())
            pieces += [text[done : found.start()], blanked]
            done = found.end()
        return "".join([*pieces, text[done:]])


@dataclass(frozen=True, slots=True)
class FormIndex:
    """Which forms of many named ``Alternatives`` a text may match, found from its pieces:
    looking up each piece of the text once costs far less than asking every form."""

    by_gram: Mapping[str, tuple[tuple[str, int], ...]]
    always: tuple[tuple[str, int], ...]

    @classmethod
    def build(cls, named: Mapping[str, Alternatives]) -> FormIndex:
        by_gram: dict[str, list[tuple[str, int]]] = {}
        always: list[tuple[str, int]] = []
        for name, alternatives in named.items():
            for number, (_, needs) in enumerate(alternatives.forms):
                if needs is None:
                    always.append((name, number))
                for gram in needs or ():
                    by_gram.setdefault(gram, []).append((name, number))
        return cls({gram: tuple(forms) for gram, forms in by_gram.items()}, tuple(always))

    def candidates(self, grams: Iterable[str]) -> dict[str, list[int]]:
        """For each name, the forms (in their order) a text with these pieces may match;
        a name none of whose forms may match is left out."""
        found: dict[str, set[int]] = {}
        # A long message has hundreds of pieces and few that any form needs: intersect first.
        for gram in self.by_gram.keys() & grams:
            for name, number in self.by_gram[gram]:
                found.setdefault(name, set()).add(number)
        for name, number in self.always:
            found.setdefault(name, set()).add(number)
        return {name: sorted(numbers) for name, numbers in found.items()}


def _better(
    first: set[str] | None, second: set[str] | None, counts: Mapping[str, int]
) -> set[str] | None:
    """The more selective of two necessary sets: fewest sample messages let through, then
    longest shortest piece; a set with a piece too short to look up is never chosen."""
    if first is None:
        return second
    if second is None:
        return first

    def rank(pieces: set[str]) -> tuple[int, int, int]:
        shortest = min(len(piece) for piece in pieces)
        passed = sum(counts.get(_rarest(piece, counts), 0) for piece in pieces)
        return (shortest < _SHORTEST, passed, -min(shortest, GRAM))

    return first if rank(first) <= rank(second) else second


def _characters(code: Any, value: Any) -> set[str] | None:
    """The characters one item can match, when it is a literal or a small plain class."""
    if code is sre.LITERAL:
        return {chr(value)}
    if (
        code is sre.IN
        and len(value) <= _SMALL_CLASS
        and all(item is sre.LITERAL for item, _ in value)
    ):
        return {chr(char) for _, char in value}
    return None


def _sequence(items: list[tuple[Any, Any]], counts: Mapping[str, int]) -> set[str] | None:
    """A necessary set for a sequence: the best of its runs of literal characters (each
    spelled out) and of its items' own necessary sets."""
    best: set[str] | None = None
    run: set[str] = {""}
    for code, value in items:
        characters = _characters(code, value)
        if characters is not None and len(run) * len(characters) <= _MOST_PIECES:
            run = {start + char for start, char in product(run, characters)}
            continue
        if run != {""}:
            best = _better(best, run, counts)
        run = {""}
        best = _better(best, _item(code, value, counts), counts)
    if run != {""}:
        best = _better(best, run, counts)
    return best


def _item(code: Any, value: Any, counts: Mapping[str, int]) -> set[str] | None:
    """A necessary set for one item that is not a plain character, or None."""
    if code is sre.SUBPATTERN:
        _group, add_flags, _del_flags, inner = value
        # "(?i:...)" matches other letter cases than its literals spell.
        return None if add_flags & re.IGNORECASE else _sequence(list(inner), counts)
    if code is sre.ATOMIC_GROUP:
        return _sequence(list(value), counts)
    if code is sre.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            needs = _sequence(list(branch), counts)
            if needs is None:
                return None
            union |= needs
        return union
    if code in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and value[0] >= 1:
        return _sequence(list(value[2]), counts)
    return _characters(code, value)
