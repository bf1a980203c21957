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
5. A long message is also scored part by part (``knowledge.scope.clauses``); an entry keeps
   its best score over the whole message and its parts. A part counts with two content words,
   with one negated motor word ("not crawling at all": what the child does not do), or when it
   asks for help with a motor skill ("what can I do to encourage crawling"); a short message
   is scored by such parts only ("still not walking, just crawls fast" is about walking). What
   the message asks for changes the kinds' weights (``INTENT_WEIGHTS``): a request for help
   lets activities and adaptations compete, a "what is X" question favours explainers and
   conditions. A matched activity's first concern scores at least ``ACTIVITY_CARRY`` of the
   activity's score: a worry told in an activity's words still reaches its topic. A therapist
   who only reports ("the physio mentioned SMOs") makes the therapists' explainers give way,
   and a hub entry (``hub: true``: one side of the body, the fine/gross split) that comes first
   gives way to a specific entry the message supports well (``Matcher._specific_first``).
6. A worry the matcher answers gets a learned opinion too (``knowledge.topic_model``, trained
   on the labelled sets): its most likely entries and the matcher's order are merged, each
   entry's score (discounted by its place) and probability adding up
   (``Matcher._with_learned``). It never decides
   scope and never touches a triage answer.
7. ``knowledge.scope`` decides whether the message is about movement at all, from the best
   score, the motor words it uses and any other subject it names (sleep, food...); a message
   naming another subject is still in scope when one of its parts is a clear movement worry
   on its own. Triage's own out-of-scope verdict is not used: the scope decision reads the
   same signals better. For a worry triage answered as ordinary, a learned scope opinion
   (``knowledge.scope_model``, trained on the labelled sets) overrules that decision where it
   is nearly sure (``Matcher._learned_scope``): other subjects told in movement's words ("she
   throws all her food off the high chair and laughs") go out, and a message the word lists
   put out comes in with the learned match's topics.

Before all this, parents' words are rewritten into the knowledge base's ("wellies" -> "boots",
"LKG" -> "school"; ``knowledge/content/vocabulary.yaml``), on both the phrasings and the query.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

import numpy as np
from rapidfuzz import fuzz, process

from knowledge.loader import KnowledgeBase
from knowledge.models import Activity, Adaptation, Concern, Condition, Explainer, OtherDomain
from knowledge.normalize import NEGATIONS, content_words, normalize, stem
from knowledge.scope import (
    CLEAR,
    WEAK,
    Intent,
    ScopeReader,
    asks_diagnosis,
    clauses,
    intent,
    related,
    settled,
)
from knowledge.scope_model import (
    IN_SCOPE_AT,
    KEPT_FROM,
    OUT_OF_SCOPE_AT,
    default_scope_model,
    motor_probability,
)
from knowledge.topic_model import CANDIDATES, TopicModel, fused
from knowledge.topic_model import default_model as default_topic_model
from knowledge.triage import Assessment, Triage, assess
from knowledge.vocabulary import Rewriter

#: Below this fused score an entry is not offered (the scope decision may still keep the top).
THRESHOLD = WEAK
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
#: Two entries with the same score (a concern and the adaptation linked to it can share a
#: phrasing: "pencil grip" is a worry and a tool) rank in this order, the concern first.
TIE_ORDER: dict[str, int] = {
    "concern": 0,
    "condition": 1,
    "explainer": 2,
    "adaptation": 3,
    "activity": 4,
}
#: Kind weights by what the message asks for: a request for help ("any games for...") makes
#: activities and adaptations first-class; "what is X" favours explainers and conditions.
INTENT_WEIGHTS: dict[Intent, dict[str, float]] = {
    "worry": KIND_WEIGHT,
    "help": {"activity": 0.85, "explainer": 1.0, "adaptation": 1.0},
    "explain": {"activity": 0.8, "adaptation": 0.98, "concern": 0.99},
}
#: When the parent asks whether the difficulties they list belong to a condition ("is that part
#: of autism?"), a condition scoring this well (its phrasings are mostly its names, so only a
#: named one does) comes first, before the difficulties each part of the message matched.
DIAGNOSIS_WEIGHT = 1.15
#: A condition's first phrasings are its names ("dyspraxia", "dyspraxic", "DCD").
NAME_PHRASINGS = 4
#: Outside an urgent triage, "losing skills" is rarely the answer: triage, which reads
#: loss-of-skill wording closely, found none, so the regression concern gives way.
REGRESSION_WEIGHT = 0.8
#: A matched activity's first concern gets at least this share of the activity's score.
ACTIVITY_CARRY = 0.9
#: A message is scored part by part only from this many content words (short ones are whole).
MIN_SPLIT_TOKENS = 6
REGRESSION_ID = "regression"
#: A part of a long message counts on its own only with this many content words: a lone
#: word ("how can I help her at home" -> "home") matches whatever phrasing holds it.
MIN_PART_TOKENS = 2

#: "Learn to crawl", "teach her to ride": the skill a request for help is about, which counts
#: as much as a negated word ("any games to help him learn to crawl? he just rolls everywhere"
#: is about crawling, not rolling).
_LEARNS = re.compile(
    r"\b(?:learn|learning|learns)(?: how)? to (\w+)"
    r"|\b(?:teach|teaching|help|helping|encourage|encouraging) (?:him|her|them)(?: how)? to (\w+)"
)

#: "The physio mentioned SMOs": the therapist who said it is not what the message is about.
_REPORTED = re.compile(
    r"\b(?:occupational|physical) therap(?:y|ist) (?:(?:just|also|has|had|have) )?(?:said|says"
    r"|mentioned|suggested|recommended|wants|wanted|keeps saying|told us|noticed|notices|thinks"
    r"|advised|used the words?|talked about|gave us|showed us)\b"
)
#: The therapists' explainers give way this much when a therapist only reports ("the OT said
#: his core is weak"); removing them outright lost "OT said 'sensory diet', what is that",
#: whose only known words are the therapist's.
REPORTED_WEIGHT = 0.85
THERAPY_IDS = ("occupational_therapy", "physical_therapy")

#: A hub entry (``hub: true`` in the content) gives way to a specific entry among the next two
#: scoring at least this share of its score ("draws people with just a head and legs" is about
#: drawing, not about one side of the body, whose phrasings hold heads and legs).
HUB_YIELD = 0.85
#: A phrasing is in the message when this share of its IDF weight is found there.
CONTAINED = 0.99
#: The feature column holding that share (``Matcher._features``).
PHRASING_COVERED = 2

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
class _Scoring:
    """One scoring of a text (the whole message or one part): its stems, and each candidate
    entry's row in the feature ``columns`` (``Matcher._features``). Kept per entry for the
    text that gave it its score, so the ranking can ask how the message supports it; read
    for the first few entries only, hence stored whole rather than per entry."""

    tokens: dict[str, float]
    rows: dict[int, int]
    columns: np.ndarray


#: The assessment of a message with no danger sign.
NO_DANGER = Assessment(None)


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The triage decision and the best matches for one query."""

    query: str
    triage: Triage
    matches: tuple[Match, ...]
    #: For an out-of-scope message, the other subject it is about (sleep, food...), if any.
    elsewhere: OtherDomain | None = None
    #: The danger signs found, for the safety answer (read once per message, here).
    danger: Assessment = NO_DANGER

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


class Matcher:
    """Fuzzy matcher over the titles and phrasings of the matchable entries of ``kb``."""

    def __init__(
        self, kb: KnowledgeBase, learned: TopicModel | bool = True, scope: TopicModel | bool = True
    ) -> None:
        """``learned`` and ``scope``: the learned match's and the learned scope opinion's
        models, True for the shipped ones (read once per process), False for none (a
        benchmark's "without")."""
        self._learned = default_topic_model() if learned is True else learned or None
        self._scope_model = default_scope_model() if scope is True else scope or None
        self._rewrite = Rewriter(kb.vocabulary)
        #: A message and its clauses are read in the knowledge base's words several times
        #: over while it is scored (whole, by part, for scope): rewrite each once.
        self._text = lru_cache(maxsize=4096)(self._kb_words)
        self._scope = ScopeReader(kb.vocabulary)
        self._entries: list[tuple[str, str, str]] = []
        #: Per entry: its motor domains (empty for kinds without) and its title's aspects.
        self._domains: list[frozenset[str]] = []
        self._aspects: list[dict[str, frozenset[str]]] = []
        choice_tokens: list[list[str]] = []
        choice_entry: list[int] = []
        entry_vocab: list[set[str]] = []
        self._words: dict[str, str] = {}  # surface word -> stem, for spelling correction
        matchable = [entry for entry in kb.entries if isinstance(entry, MATCHABLE)]
        for entry in matchable:
            index = len(self._entries)
            self._entries.append((entry.id, entry.kind, entry.title))
            self._domains.append(frozenset(getattr(entry, "domains", ())))
            self._aspects.append(self._scope.aspects(self._text(entry.title)))
            vocab: set[str] = set()
            for text in (entry.title, *entry.phrasings):
                words = [w for w in content_words(self._text(text)) if w not in NEGATIONS]
                for word in words:
                    self._words.setdefault(word, stem(word))
                tokens = [stem(w) for w in words]
                if tokens:
                    choice_tokens.append(tokens)
                    choice_entry.append(index)
                    vocab.update(tokens)
            entry_vocab.append(vocab)
        self._choice_entry = np.asarray(choice_entry, dtype=np.int64)
        self._choice_text = [" ".join(tokens) for tokens in choice_tokens]
        self._choice_set = [frozenset(tokens) for tokens in choice_tokens]
        self._entry_vocab = [frozenset(v) for v in entry_vocab]
        holders: dict[str, list[int]] = defaultdict(list)
        for index, vocab in enumerate(entry_vocab):
            for token in vocab:
                holders[token].append(index)
        #: Per stem, the entries whose vocabulary holds it.
        self._holders = {t: np.asarray(i, dtype=np.int64) for t, i in holders.items()}
        ids = {entry.id: i for i, entry in enumerate(matchable)}
        #: Per activity, the concern it serves first (the first of its ``helps_with``).
        self._serves = {
            i: ids[entry.helps_with[0]]
            for i, entry in enumerate(matchable)
            if isinstance(entry, Activity) and entry.helps_with and entry.helps_with[0] in ids
        }
        # Activities repeat the motor words of the concerns they serve ("sit", "hand"); counting
        # them would make those words look common. A word only activities use counts once.
        document_frequency: dict[str, int] = defaultdict(int)
        for (_, kind, _), vocab in zip(self._entries, entry_vocab, strict=True):
            for token in vocab:
                document_frequency[token] += kind != "activity"
        #: Per condition, its names: the words of its title and first phrasings (which name
        #: it, in the content's convention) that no other entry, activities aside, uses.
        self._names = {
            index: frozenset(
                token
                for text in (entry.title, *entry.phrasings[:NAME_PHRASINGS])
                for token in (stem(w) for w in content_words(self._text(text)))
                if document_frequency.get(token) == 1
            )
            for index, entry in enumerate(matchable)
            if isinstance(entry, Condition)
        }
        n = sum(kind != "activity" for _, kind, _ in self._entries)
        document_frequency = {t: max(df, 1) for t, df in document_frequency.items()}
        self._idf = {
            t: math.log(1 + (max(n - df, 0) + 0.5) / (df + 0.5))
            for t, df in document_frequency.items()
        }
        postings: dict[str, list[int]] = defaultdict(list)
        for choice, stems in enumerate(self._choice_set):
            for token in stems:
                postings[token].append(choice)
        self._postings = {t: np.asarray(c, dtype=np.int64) for t, c in postings.items()}
        self._choice_weight = np.asarray(
            [sum(self._idf[t] for t in tokens) for tokens in self._choice_set]
        )
        self._surface = tuple(self._words)
        self._sorted_surface = sorted(self._words)
        self._correct = lru_cache(maxsize=16384)(self._correct_word)
        #: Per hub entry, its own words: those no other entry, activities aside, uses. A
        #: message using one is about the hub's subject ("asymmetry", "favours her left").
        self._hubs = {
            index: frozenset(t for t in vocab if document_frequency.get(t) == 1)
            for index, (entry, vocab) in enumerate(zip(matchable, self._entry_vocab, strict=True))
            if entry.hub
        }
        self._index = {entry_id: i for i, (entry_id, _, _) in enumerate(self._entries)}
        self._therapies = [self._index[i] for i in THERAPY_IDS if i in self._index]

    def _kb_words(self, text: str) -> str:
        """Normalised text in the knowledge base's words."""
        return self._rewrite(normalize(text))

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
        the child does not do ("just rolls everywhere, still isn't crawling" is about crawling);
        so does the skill a request asks to learn (``_LEARNS``).
        """
        normalized = self._text(text)
        words = content_words(normalized)
        raw = [w for w in words if w not in NEGATIONS]
        negated = {b for a, b in pairwise(words) if a in NEGATIONS and b not in NEGATIONS}
        negated.update(word for pair in _LEARNS.findall(normalized) for word in pair if word)
        tokens: dict[str, float] = {}
        # Parents split compounds ("hand writing", "shoe laces"): join adjacent pairs. A half
        # the knowledge base does not know was only half a word ("dis praxia") and goes.
        halves: set[str] = set()
        for left, right in pairwise(raw):
            joined = stem(left + right)
            if joined in self._idf:
                tokens[joined] = SPLIT_WEIGHT
                halves.update(w for w in (left, right) if stem(w) not in self._idf)
        for word in raw:
            if word in halves:
                continue
            boost = NEGATED_BOOST if word in negated else 1.0
            for token, weight in self._correct(word):
                tokens[token] = max(weight * boost, tokens.get(token, 0.0))
        return tokens

    def _negated_motor(self, part: str, tokens: dict[str, float]) -> bool:
        """Whether a short part is a negated motor word ("not crawling at all"): what the child
        does not do is the worry, so it counts on its own."""
        negated = any(weight > 1.0 for weight in tokens.values())
        return negated and self._scope.motor_evidence(self._text(part)) > 0

    def _asks_for_motor(self, part: str) -> bool:
        """Whether a part asks for help with one motor skill ("what can I do to encourage
        crawling"): the request is the worry, however few its content words."""
        normalized = self._text(part)
        return intent(normalized) == "help" and self._scope.motor_evidence(normalized) >= 1

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
        columns[:, PHRASING_COVERED] = np.minimum(shared / self._choice_weight[candidates], 1.0)
        columns[:, 3] = np.minimum(shared / query_weight, 1.0)
        # Keep each entry's best phrasing; the entry-level columns cannot change which it is.
        entries = self._choice_entry[candidates]
        order = np.lexsort((-(columns[:, :4] @ WEIGHTS[:4]), entries))
        first = np.ones(len(order), dtype=bool)
        first[1:] = entries[order][1:] != entries[order][:-1]
        best = order[first]
        entries, columns = entries[best], columns[best]
        evidence = np.zeros(len(self._entries))
        for token, weight in known.items():
            evidence[self._holders[token]] += weight
        columns[:, 5] = evidence[entries]
        columns[:, 4] = np.minimum(columns[:, 5] / query_weight, 1.0)
        columns[:, 5] = 1.0 - np.exp(-columns[:, 5] / EVIDENCE_SCALE)
        return entries, columns

    def _entry_scores(
        self, tokens: dict[str, float], weights: dict[str, float]
    ) -> tuple[dict[int, float], _Scoring]:
        entries, columns = self._features(tokens)
        fused = 100.0 * (columns @ WEIGHTS)
        ids = entries.tolist()
        scores = {
            entry: min(100.0, score * weights.get(self._entries[entry][1], 1.0))
            for entry, score in zip(ids, fused.tolist(), strict=True)
        }
        return scores, _Scoring(tokens, dict(zip(ids, range(len(ids)), strict=True)), columns)

    def _scores(
        self,
        text: str,
        split: list[str],
        said: list[str],
        weights: dict[str, float],
        support: dict[int, _Scoring],
    ) -> tuple[dict[int, float], list[tuple[str, float]]]:
        """Each entry's best score over the whole message and each of its parts (``split``,
        ``said`` the same parts normalised), and each scored part (normalised) with its own
        best score.

        A short message is scored by its negated motor parts and its requests for help with a
        motor skill only ("14mo and still not walking, just crawls super fast": the worry is
        what the child does not do, not the fast crawling). Such a part reads like lost skills
        ("not crawling anymore"), which triage has already ruled out, so it does not raise the
        regression entry.
        """
        tokens = self._query_tokens(text)
        scores, whole = self._entry_scores(tokens, weights)
        support.update(dict.fromkeys(scores, whole))
        parts: list[tuple[str, float]] = []
        short = len(tokens) < MIN_SPLIT_TOKENS
        regression = self._index.get(REGRESSION_ID)
        # A part that says movement is fine ("physically he's brilliant") is not a worry to score.
        calm = settled(said)
        for index, part in enumerate(split):
            if index in calm:
                continue
            part_tokens = self._query_tokens(part)
            negated = self._negated_motor(part, part_tokens)
            asked = self._asks_for_motor(part)
            if (short and not negated and not asked) or (
                len(part_tokens) < MIN_PART_TOKENS and not negated and not asked
            ):
                continue
            part_scores, scoring = self._entry_scores(part_tokens, weights)
            parts.append((said[index], max(part_scores.values(), default=0.0)))
            for entry, score in part_scores.items():
                if short and entry == regression:
                    continue
                if score > scores.get(entry, 0.0):
                    scores[entry] = score
                    support[entry] = scoring
        return scores, parts

    def match(
        self,
        text: str,
        limit: int = 5,
        *,
        age_months: int | None = None,
        danger: Assessment | None = None,
    ) -> MatchResult:
        """Triage ``text``, then return at most ``limit`` entries, best first.

        ``age_months`` is the child's age where known: some danger signs depend on it;
        ``danger`` is their assessment when the caller has already made it. A safety-net
        verdict keeps its label whatever the scope decision finds: with the matches when the
        message is about movement, without them when it is not.
        """
        found = danger or assess(text, age_months)
        verdict: Triage = found.level or "concern"
        # An urgent level a second opinion raised names no sign, so no topic (None: decided
        # by what the message is about, ``_ranked``).
        leads = found.topics if found.signs else None
        result = self._ranked(text, limit, verdict, leads)
        return replace(result, danger=found)

    def _ranked(
        self, text: str, limit: int, verdict: Triage, leads: tuple[str, ...] | None
    ) -> MatchResult:
        """The matches for ``text`` once triage has given its ``verdict``; an urgent one
        leads with the entries its signs name (``leads``). An urgent level no sign gave (a
        second opinion's, ``leads`` None) leads with the regression guidance when the message
        is about movement (most such examples are lost skills and changed walking) and with
        nothing otherwise: a sore throat with a fever is not a lost skill."""
        if verdict == "emergency":
            return MatchResult(query=text, triage=verdict, matches=())
        normalized = self._text(text)
        weights = INTENT_WEIGHTS[intent(normalized)]
        if asks_diagnosis(normalized):
            weights = weights | {"condition": weights.get("condition", 1.0) * DIAGNOSIS_WEIGHT}
        support: dict[int, _Scoring] = {}
        split = clauses(text)
        said = [self._text(part) for part in split]
        scores, parts = self._scores(text, split, said, weights, support)
        self._carry_to_concerns(scores)
        ranked = self._order(scores)
        if verdict == "urgent":
            if leads is None:
                best = ranked[0][1] if ranked else 0.0
                moving = self._scope.decide(normalized, best, said).in_scope or any(
                    self._scope.about_movement(p, b) for p, b in parts
                )
                leads = (REGRESSION_ID,) if moving else ()
            return MatchResult(query=text, triage=verdict, matches=self._urgent(ranked, leads))
        regression = self._index.get(REGRESSION_ID)
        if regression in scores:
            scores[regression] *= REGRESSION_WEIGHT
            ranked = self._order(scores)
        reported = _REPORTED.search(normalized) is not None
        if reported:
            for entry in self._therapies:
                if entry in scores:
                    scores[entry] *= REPORTED_WEIGHT
            ranked = self._order(scores)
        if asks_diagnosis(normalized):
            ranked = self._named_condition_first(ranked, set(self._query_tokens(text)))
        best = ranked[0][1] if ranked else 0.0
        ranked = self._specific_first(ranked, support)
        scope = self._scope.decide(normalized, best, said)
        if not scope.in_scope and any(self._scope.about_movement(p, b) for p, b in parts):
            scope = replace(scope, in_scope=True)
        shown = [(i, s) for i, s in ranked[:limit] if s >= THRESHOLD]
        if verdict == "safety_net":
            found = tuple(self._match(i, s) for i, s in shown) if scope.in_scope else ()
            return MatchResult(query=text, triage=verdict, matches=found)
        in_scope = self._learned_scope(text, normalized, scope.in_scope, best)
        if in_scope:
            yielded = frozenset(self._therapies) if reported else frozenset()
            shown = self._with_learned(text, shown, scores, limit, not_first=yielded)
        if not (in_scope and shown):
            return MatchResult(
                query=text, triage="out_of_scope", matches=(), elsewhere=scope.elsewhere
            )
        return MatchResult(
            query=text, triage="concern", matches=tuple(self._match(i, s) for i, s in shown)
        )

    def _learned_scope(self, text: str, normalized: str, in_scope: bool, best: float) -> bool:
        """The word lists' scope decision for a worry (``in_scope``), overruled where the
        learned scope opinion is nearly sure (``knowledge.scope_model``); a message that
        matches an entry's own words very well (``best``, ``KEPT_FROM``) is not put out, and
        one that names another subject and no word of movement is not brought in
        (``ScopeReader.may_be_movement``): "our puppy knocks him over all the time" reads like
        clumsiness to the model, but it names a pet and nothing in it moves."""
        if self._scope_model is None:
            return in_scope
        motor = motor_probability(self._scope_model, text)
        if motor is None:
            return in_scope
        if in_scope:
            return motor > OUT_OF_SCOPE_AT or best >= KEPT_FROM
        return motor >= IN_SCOPE_AT and self._scope.may_be_movement(normalized)

    def _with_learned(
        self,
        text: str,
        shown: list[tuple[int, float]],
        scores: dict[int, float],
        limit: int,
        not_first: frozenset[int] = frozenset(),
    ) -> list[tuple[int, float]]:
        """``shown`` merged with the learned model's most likely entries (``fused``). Each
        keeps its own score, so the scores say what the message's words support and the order
        says what was shown. ``not_first`` are entries the matcher's own rules made give way (a
        therapist who only reports): the model may show them, never lead with them."""
        if self._learned is None:
            return shown
        opinion = [
            (entry, probability)
            for entry, probability in self._learned.ranked(text, CANDIDATES)
            if entry in self._index
        ]
        order = [
            self._index[entry]
            for entry in fused([(self._entries[i][0], score) for i, score in shown], opinion)
        ]
        if not order:
            return []
        if order[0] in not_first:
            lead = next((entry for entry in order if entry not in not_first), order[0])
            order = [lead, *(entry for entry in order if entry != lead)]
        return [(entry, scores.get(entry, 0.0)) for entry in order[:limit]]

    def _specific_first(
        self, ranked: list[tuple[int, float]], support: dict[int, _Scoring]
    ) -> list[tuple[int, float]]:
        """``ranked`` with a specific entry before a hub that came first, where the message
        supports the specific one well.

        A hub (one side of the body, the fine/gross split) knows every topic's words, and the
        entry-level features reward that: "keeps switching hands when drawing" reached one side
        of the body before hand preference. The hub gives way to one of the next two entries
        that is no hub, scores at least ``HUB_YIELD`` of the hub's score, has a phrasing wholly
        in the message, and knows a word of the message the hub does not. A message using one
        of the hub's own words ("asymmetry", "lopsided") is about the hub and keeps it first.
        """
        if len(ranked) < 2 or ranked[0][0] not in self._hubs:
            return ranked
        hub, hub_score = ranked[0]
        hub_words = self._known(hub, support.get(hub))
        if self._hubs[hub] & hub_words:
            return ranked
        for entry, score in ranked[1:3]:
            scoring = support.get(entry)
            if (
                entry not in self._hubs
                and scoring is not None
                and score >= HUB_YIELD * hub_score
                and scoring.columns[scoring.rows[entry], PHRASING_COVERED] >= CONTAINED
                and self._known(entry, scoring) - hub_words
            ):
                return [(entry, score), *(item for item in ranked if item[0] != entry)]
        return ranked

    def _known(self, entry: int, scoring: _Scoring | None) -> frozenset[str]:
        """The stems of the text that gave ``entry`` its score which the entry's vocabulary
        holds."""
        if scoring is None:
            return frozenset()
        vocab = self._entry_vocab[entry]
        return frozenset(token for token in scoring.tokens if token in vocab)

    def _order(self, scores: dict[int, float]) -> list[tuple[int, float]]:
        """Entries best first; on an exact tie the worry's own entry first (``TIE_ORDER``)."""
        return sorted(
            scores.items(),
            key=lambda item: (-item[1], TIE_ORDER.get(self._entries[item[0]][1], 0), item[0]),
        )

    def _carry_to_concerns(self, scores: dict[int, float]) -> None:
        """Give each matched activity's first concern at least ``ACTIVITY_CARRY`` of its score.

        Parents' words for a task are often only an activity's ("unscrew a jar lid", "clothes
        pins"): the activity matched, but the worry is its concern, which then ranked nowhere.
        The concern now follows the activity; ``scores`` is changed in place. The best score,
        which the scope decision reads, cannot rise.
        """
        for activity, concern in self._serves.items():
            carried = scores.get(activity, 0.0) * ACTIVITY_CARRY
            if carried > scores.get(concern, 0.0):
                scores[concern] = carried

    def _named_condition_first(
        self, ranked: list[tuple[int, float]], tokens: set[str]
    ) -> list[tuple[int, float]]:
        """``ranked`` with the best condition the message names first, if it matched clearly."""
        condition = next(
            (item for item in ranked if self._names.get(item[0], frozenset()) & tokens), None
        )
        if condition is None or condition[1] < CLEAR or condition == ranked[0]:
            return ranked
        return [condition, *(item for item in ranked if item != condition)]

    def alternatives(self, result: MatchResult, limit: int) -> tuple[Match, ...]:
        """The next matches worth a button: same motor domain as the first, same body part
        and daily task as the message (a dressing worry is never offered screen time).

        Where the message names no body part or task, the first match's title stands in.
        """
        if not result.matches:
            return ()
        index = self._index
        first = index[result.matches[0].id]
        wanted = self._scope.aspects(self._text(result.query))
        for kind, groups in self._aspects[first].items():
            if not wanted.get(kind):
                wanted[kind] = groups
        kept = []
        for match in result.matches[1:]:
            other = index[match.id]
            domains = self._domains[other]
            if domains and self._domains[first] and not domains & self._domains[first]:
                continue
            if related(wanted, self._aspects[other]):
                kept.append(match)
        return tuple(kept[:limit])

    def _match(self, index: int, score: float) -> Match:
        entry_id, kind, title = self._entries[index]
        return Match(id=entry_id, kind=kind, title=title, score=round(score, 1))

    def _urgent(
        self, ranked: list[tuple[int, float]], leads: tuple[str, ...]
    ) -> tuple[Match, ...]:
        """The entries the urgent signs lead to (a lost skill or new weakness: the regression
        guidance), and nothing else: a child who may have a broken leg, an infected hip or a
        lost skill must see the doctor today, not be offered the next best topics, whose
        activities (jumping, climbing, walking practice) could do harm before then. An urgent
        sign that is not about movement (an ear, a wee, a rash) leads to none."""
        heads = [self._index[entry] for entry in leads if entry in self._index]
        if not heads:
            return ()
        scores = dict(ranked)
        top = max([s for _, s in ranked[:1]] + [scores.get(head, 0.0) for head in heads])
        return tuple(self._match(head, max(top, THRESHOLD)) for head in heads)
