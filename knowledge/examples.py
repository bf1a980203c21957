"""Labelled example messages as evidence: a message very like some examples gets their labels.

Generic on purpose (the matcher uses it with entry ids; triage could with its own labels): an
example is a bag of tokens and its labels with weights, and a query's nearest examples are
found by TF-IDF cosine over those tokens. ``vote`` sums, per label, the similarity of the
nearest examples carrying it, so only a close neighbour says much. Pure; no I/O.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled message: its tokens and its labels, each with a weight in (0, 1]."""

    tokens: Sequence[str]
    labels: Mapping[str, float]


class Examples:
    """Nearest-neighbour search over labelled examples (TF-IDF cosine on token sets)."""

    def __init__(self, examples: Iterable[Example]) -> None:
        kept = [e for e in examples if e.tokens and e.labels]
        frequency: dict[str, int] = defaultdict(int)
        for example in kept:
            for token in set(example.tokens):
                frequency[token] += 1
        n = len(kept)
        self._idf = {t: math.log(1 + n / df) for t, df in frequency.items()}
        #: A query word no example uses weighs as much as the rarest: it counts in the
        #: query's norm, so one shared word in a message of unknown ones is no match.
        self._unseen = math.log(1 + n)
        self._labels = [dict(e.labels) for e in kept]
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, example in enumerate(kept):
            vector = self._vector(example.tokens)
            for token, weight in vector.items():
                self._postings[token].append((index, weight))

    def _vector(self, tokens: Iterable[str]) -> dict[str, float]:
        weights = {t: self._idf.get(t, self._unseen) for t in set(tokens)}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {t: w / norm for t, w in weights.items() if t in self._idf} if norm else {}

    def __len__(self) -> int:
        return len(self._labels)

    def nearest(self, tokens: Iterable[str], k: int) -> list[tuple[int, float]]:
        """The ``k`` most similar examples as (index, cosine), best first."""
        similarity: dict[int, float] = defaultdict(float)
        for token, weight in self._vector(tokens).items():
            for index, other in self._postings[token]:
                similarity[index] += weight * other
        return sorted(similarity.items(), key=lambda item: (-item[1], item[0]))[:k]

    def vote(self, tokens: Iterable[str], k: int, floor: float) -> dict[str, float]:
        """Per label, the summed similarity (times the label's weight) of the ``k`` nearest
        examples at least ``floor`` similar; empty when none is that close."""
        votes: dict[str, float] = defaultdict(float)
        for index, similarity in self.nearest(tokens, k):
            if similarity < floor:
                break
            for label, weight in self._labels[index].items():
                votes[label] += similarity * weight
        return dict(votes)
