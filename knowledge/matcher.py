"""Match a parent's free-text worry to knowledge base entries.

Pipeline per query (see DESIGN.md section 4):

1. ``triage`` runs first; emergency and urgent answers are final, and a safety-net verdict
   (a danger sign the rules cannot place) stays whatever the ranking finds.
2. The query is normalised and cut into content tokens (light stems, no stopwords or ages);
   unknown tokens are spelling-corrected against the knowledge base's own vocabulary, and
   split or joined when that makes known words ("hand writing" / "handwriting").
3. Candidate phrasings are those sharing a token with the query, ranked by IDF-weighted
   overlap; only the best few hundred reach the fuzzy scorers, so cost grows with the
   postings touched rather than with the size of the knowledge base.
4. Each candidate gets one fused score (``WEIGHTS``), a weighted sum of features in [0, 1]:
   two rapidfuzz scorers (``token_set_ratio`` forgives extra words, ``token_sort_ratio``
   rewards phrasings of the query's length), how much of the phrasing's and of the query's
   IDF weight the other covers, how much of the query the entry's whole vocabulary covers,
   and the absolute IDF evidence shared with the entry. An entry keeps its best phrasing.
   The weights and threshold were chosen on the dev set (tests/data/concerns_dev.tsv) and
   checked on lines written separately, preferring the lower threshold where both agreed.
5. Below ``THRESHOLD`` nothing is close enough: the message is out of scope. Triage's
   off-topic verdict (sleep, feeding...) stands unless an entry matches ``STRONG``ly.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np
from rapidfuzz import fuzz, process

from knowledge.loader import KnowledgeBase
from knowledge.models import Activity, Adaptation, Concern, Condition, Explainer
from knowledge.normalize import NEGATIONS, content_tokens, content_words, normalize, stem
from knowledge.triage import Triage, triage

#: Below this fused score no entry is considered a match (the message is out of scope).
THRESHOLD = 52.0
#: An off-topic word ("sleep", "talking") is ignored when an entry matches at least this well.
STRONG = 75.0
#: How many candidate phrasings (by IDF overlap) reach the fuzzy scorers.
MAX_CANDIDATES = 256
#: Fusion weights for the feature columns of ``Matcher._features`` (they sum to 1).
WEIGHTS = np.array([0.05, 0.10, 0.15, 0.10, 0.20, 0.40])
#: IDF mass at which the absolute-evidence feature reaches 63% (one rare word is about 4.5).
EVIDENCE_SCALE = 5.0
#: IDF given to a query word the knowledge base never uses (it dilutes the query's coverage).
UNKNOWN_IDF = 3.0
#: Weight of a stem found by splitting or joining words ("hand writing" / "handwriting").
SPLIT_WEIGHT = 0.8
#: Extra weight for the word a negation governs ("not crawling").
NEGATED_BOOST = 1.25
#: A worry should reach its concern first: background (explainers, adaptations) loses a tie,
#: and activities, which concerns already link, come a clear second.
KIND_WEIGHT: dict[str, float] = {"activity": 0.8, "explainer": 0.98, "adaptation": 0.98}
REGRESSION_ID = "regression"

#: The kinds free text can reach; milestones are reached through check-ins instead.
MATCHABLE = (Concern, Condition, Explainer, Adaptation, Activity)


@dataclass(frozen=True, slots=True)
class Match:
    """One knowledge base entry that fits the query, with its fused score (0-100)."""

    id: str
    kind: str
    title: str
    score: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The triage decision and the best matches for one query."""

    query: str
    triage: Triage
    matches: tuple[Match, ...]

    def to_json(self) -> dict[str, object]:
        """The ``parentbot match --json`` shape (DESIGN.md section 3)."""
        return {
            "query": self.query,
            "triage": self.triage,
            "matches": [
                {"id": m.id, "kind": m.kind, "title": m.title, "score": m.score}
                for m in self.matches
            ],
        }


def _shared_prefix(left: str, right: str) -> int:
    for index, (a, b) in enumerate(zip(left, right, strict=False)):
        if a != b:
            return index
    return min(len(left), len(right))


def _scoring_tokens(text: str) -> list[str]:
    return [t for t in content_tokens(normalize(text)) if t not in NEGATIONS]


class Matcher:
    """Fuzzy matcher over the titles and phrasings of the matchable entries of ``kb``."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._entries: list[tuple[str, str, str]] = []
        choice_tokens: list[list[str]] = []
        choice_entry: list[int] = []
        entry_vocab: list[set[str]] = []
        self._words: dict[str, str] = {}  # surface word -> stem, for spelling correction
        for entry in kb.entries:
            if not isinstance(entry, MATCHABLE):
                continue
            index = len(self._entries)
            self._entries.append((entry.id, entry.kind, entry.title))
            vocab: set[str] = set()
            for text in (entry.title, *entry.phrasings):
                for word in content_words(normalize(text)):
                    if word not in NEGATIONS:
                        self._words.setdefault(word, stem(word))
                tokens = _scoring_tokens(text)
                if tokens:
                    choice_tokens.append(tokens)
                    choice_entry.append(index)
                    vocab.update(tokens)
            entry_vocab.append(vocab)
        self._choice_entry = np.asarray(choice_entry, dtype=np.int64)
        self._choice_text = [" ".join(tokens) for tokens in choice_tokens]
        self._choice_set = [frozenset(tokens) for tokens in choice_tokens]
        self._entry_vocab = [frozenset(v) for v in entry_vocab]
        # Activities repeat the motor words of the concerns they serve ("sit", "hand"); counting
        # them would make those words look common. A word only activities use counts once.
        document_frequency: dict[str, int] = defaultdict(int)
        for (_, kind, _), vocab in zip(self._entries, entry_vocab, strict=True):
            for token in vocab:
                document_frequency[token] += kind != "activity"
        n = sum(kind != "activity" for _, kind, _ in self._entries)
        document_frequency = {t: max(df, 1) for t, df in document_frequency.items()}
        self._idf = {
            t: math.log(1 + (max(n - df, 0) + 0.5) / (df + 0.5))
            for t, df in document_frequency.items()
        }
        postings: dict[str, list[int]] = defaultdict(list)
        for choice, tokens in enumerate(self._choice_set):
            for token in tokens:
                postings[token].append(choice)
        self._postings = {t: np.asarray(c, dtype=np.int64) for t, c in postings.items()}
        self._choice_weight = np.asarray(
            [sum(self._idf[t] for t in tokens) for tokens in self._choice_set]
        )
        self._surface = tuple(self._words)
        self._sorted_surface = sorted(self._words)
        self._correct = lru_cache(maxsize=16384)(self._correct_word)

    def _correct_word(self, word: str) -> tuple[tuple[str, float], ...]:
        """Weighted stems for ``word``: itself, else the closest known word, else a split.

        A corrected word counts for less than an exact one (its weight is the fourth power
        of the similarity), since "shorter" -> "sorter" is a guess; unknown words stay, unweighted
        here, and dilute the query's coverage.
        """
        token = stem(word)
        if token in self._idf or len(word) < 4:
            return ((token, 1.0),)
        relative = self._same_root(word)
        if relative:
            return ((self._words[relative], 1.0),)
        cutoff = 88 if len(word) <= 5 else 84 if len(word) <= 8 else 80
        found = process.extractOne(
            word, self._surface, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff
        )
        if found:
            return ((self._words[found[0]], (found[1] / 100) ** 4),)
        for cut in range(3, len(word) - 2):
            left, right = stem(word[:cut]), stem(word[cut:])
            if left in self._idf and right in self._idf:
                return ((left, SPLIT_WEIGHT), (right, SPLIT_WEIGHT))
        return ((token, 1.0),)

    def _same_root(self, word: str) -> str | None:
        """A known word sharing a long prefix with ``word`` ("autistic" -> "autism").

        The stemmer is light on purpose; this catches derived forms it leaves apart
        ("prematurely", "dyspraxic", "coordination") when the shared part is most of both.
        """
        if len(word) < 6:
            return None
        start = bisect_left(self._sorted_surface, word[:5])
        best, best_len = None, 0
        for known in self._sorted_surface[start : start + 50]:
            if not known.startswith(word[:5]):
                break
            shared = _shared_prefix(word, known)
            if shared >= 0.7 * max(len(word), len(known)) - 1 and shared > best_len:
                best, best_len = known, shared
        return best

    def _query_tokens(self, text: str) -> dict[str, float]:
        """Query stems with their weights (1 for a word as typed, less when corrected).

        The word right after a negation gets ``NEGATED_BOOST``: a worry is usually about what
        the child does not do ("just rolls everywhere, still isn't crawling" is about crawling).
        """
        words = content_words(normalize(text))
        raw = [w for w in words if w not in NEGATIONS]
        negated = {b for a, b in pairwise(words) if a in NEGATIONS and b not in NEGATIONS}
        tokens: dict[str, float] = {}
        for word in raw:
            boost = NEGATED_BOOST if word in negated else 1.0
            for token, weight in self._correct(word):
                tokens[token] = max(weight * boost, tokens.get(token, 0.0))
        # Parents split compounds ("hand writing", "shoe laces"): join adjacent pairs.
        for left, right in pairwise(raw):
            joined = stem(left + right)
            if joined in self._idf:
                tokens[joined] = max(SPLIT_WEIGHT, tokens.get(joined, 0.0))
        return tokens

    def _features(self, tokens: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """Candidate entries and, per entry, its best phrasing's scores in [0, 1].

        Columns: token_set_ratio, token_sort_ratio, share of the phrasing's IDF weight the
        query covers, share of the query's IDF weight the phrasing covers, share of the query
        covered by the entry's whole vocabulary, and how much IDF weight that is in absolute
        terms, saturating (a rare word like "scissors" is strong evidence even in a long
        message full of other words). The last two are per entry, not per phrasing.
        """
        known = {t: w * self._idf[t] for t, w in tokens.items() if t in self._idf}
        if not known:
            return np.empty(0, dtype=np.int64), np.empty((0, 6))
        query_weight = sum(known.values()) + UNKNOWN_IDF * (len(tokens) - len(known))
        overlap = np.zeros(len(self._choice_text))
        for token, weight in known.items():
            overlap[self._postings[token]] += weight
        candidates = np.flatnonzero(overlap)
        if len(candidates) > MAX_CANDIDATES:
            ranked = overlap[candidates] / np.sqrt(self._choice_weight[candidates])
            candidates = candidates[np.argpartition(-ranked, MAX_CANDIDATES)[:MAX_CANDIDATES]]
        query_text = " ".join(tokens)
        texts = [self._choice_text[c] for c in candidates]
        columns = np.empty((len(candidates), 6))
        for column, scorer in enumerate((fuzz.token_set_ratio, fuzz.token_sort_ratio)):
            columns[:, column] = (
                process.cdist([query_text], texts, scorer=scorer, processor=None, workers=1)[0]
                / 100.0
            )
        shared = overlap[candidates]
        columns[:, 2] = np.minimum(shared / self._choice_weight[candidates], 1.0)
        columns[:, 3] = np.minimum(shared / query_weight, 1.0)
        # Keep each entry's best phrasing; the entry-level columns cannot change which it is.
        entries = self._choice_entry[candidates]
        order = np.lexsort((-(columns[:, :4] @ WEIGHTS[:4]), entries))
        first = np.ones(len(order), dtype=bool)
        first[1:] = entries[order][1:] != entries[order][:-1]
        best = order[first]
        entries, columns = entries[best], columns[best]
        for row, entry in enumerate(entries.tolist()):
            vocab = self._entry_vocab[entry]
            columns[row, 5] = sum(w for t, w in known.items() if t in vocab)
        columns[:, 4] = np.minimum(columns[:, 5] / query_weight, 1.0)
        columns[:, 5] = 1.0 - np.exp(-columns[:, 5] / EVIDENCE_SCALE)
        return entries, columns

    def _entry_scores(self, tokens: dict[str, float]) -> dict[int, float]:
        entries, columns = self._features(tokens)
        fused = 100.0 * (columns @ WEIGHTS)
        return {
            entry: min(100.0, score * KIND_WEIGHT.get(self._entries[entry][1], 1.0))
            for entry, score in zip(entries.tolist(), fused.tolist(), strict=True)
        }

    def match(self, text: str, limit: int = 5, *, age_months: int | None = None) -> MatchResult:
        """Triage ``text``, then return at most ``limit`` entries, best first.

        ``age_months`` is the child's age where known: some danger signs depend on it.
        """
        verdict: Triage = triage(text, age_months)
        if verdict == "emergency":
            return MatchResult(query=text, triage=verdict, matches=())
        scores = self._entry_scores(self._query_tokens(text))
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        if verdict == "urgent":
            return MatchResult(query=text, triage=verdict, matches=self._urgent(ranked, limit))
        top = ranked[0][1] if ranked else 0.0
        if top < THRESHOLD or (verdict == "out_of_scope" and top < STRONG):
            in_scope: Triage = "safety_net" if verdict == "safety_net" else "out_of_scope"
            return MatchResult(query=text, triage=in_scope, matches=())
        matches = tuple(self._match(i, s) for i, s in ranked[:limit] if s >= THRESHOLD)
        level: Triage = "safety_net" if verdict == "safety_net" else "concern"
        return MatchResult(query=text, triage=level, matches=matches)

    def _match(self, index: int, score: float) -> Match:
        entry_id, kind, title = self._entries[index]
        return Match(id=entry_id, kind=kind, title=title, score=round(score, 1))

    def _urgent(self, ranked: list[tuple[int, float]], limit: int) -> tuple[Match, ...]:
        """Regression guidance first (lost skills and new weakness are its subject)."""
        regression = next(
            (i for i, (entry_id, _, _) in enumerate(self._entries) if entry_id == REGRESSION_ID),
            None,
        )
        others = [(i, s) for i, s in ranked if i != regression and s >= THRESHOLD]
        if regression is None:
            return tuple(self._match(i, s) for i, s in others[:limit])
        top = max([s for _, s in ranked[:1]] + [dict(ranked).get(regression, 0.0)])
        head = self._match(regression, max(top, THRESHOLD))
        return (head, *(self._match(i, s) for i, s in others[: limit - 1]))
