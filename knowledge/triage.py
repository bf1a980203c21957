"""Safety triage: decide, before any fuzzy matching, whether a message is a danger sign.

The matcher's scores can never outvote this module: a parent who writes "he is having a
seizure" must be told to call emergency services even if the message also mentions crawling.
What counts as a danger sign is data (``content/danger_signs.yaml``, compiled by
``knowledge.signs``): concepts with many surface forms, combined by rules, each sign with its
level and source. This module reads a message the way those rules expect it:

* it normalises the text and spelling-corrects the few words that matter most here (parents in
  a panic type "siezure", "unconsious", "batery"), but never turns a real English word into a
  danger word ("confusing" is not "convulsing");
* a concept preceded by a negation ("no vomiting", "hasn't been sick") does not count, while
  "not sure if he swallowed it" still does;
* history and recovery ("last year", "no mark, playing happily") stand a sign down to the
  safety net where its data says they may, and "nothing has happened" stands every sign down;
* a question or a "what if" stands down only the signs it asks about: the message is read
  clause by clause (sentence ends, commas, line breaks), and a sign the message also tells
  as the child's condition in a clause of its own ("how do i know if it is meningitis? it
  does not fade and he is hot") is not stood down; nor is any sign once the message says it
  is happening now;
* a second opinion from labelled example messages (``knowledge.examples``) may raise the
  level, never lower it: when the ten examples a message is most like are all urgent or
  emergency, the rules missed a wording a person already placed.

Levels, most urgent first: ``emergency`` (call the emergency number now), ``urgent`` (the
doctor today), ``safety_net`` (a body-danger sign the rules cannot place: when to call whom;
or a sign placed there with a first step, such as a small burn's cooling), then ``concern``
for everything else (the matcher decides whether that is about movement).
"""

from __future__ import annotations

import gzip
import json
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate, islice, product
from typing import Literal

from rapidfuzz import fuzz, process

from knowledge.classifier import TriageModel, default_model
from knowledge.examples import ExampleIndex, Opinion, default_examples
from knowledge.literals import text_grams
from knowledge.normalize import normalize, word_list, word_set
from knowledge.signs import Concept, DangerSigns, Rule, Sign, default_danger_signs
from knowledge.steps import each_once

#: What triage alone decides: a danger sign's level, or ``concern`` for everything else.
Level = Literal["emergency", "urgent", "safety_net", "concern"]
#: What the matcher answers: triage's level, or ``out_of_scope`` from its scope decision.
Triage = Literal["emergency", "urgent", "safety_net", "concern", "out_of_scope"]
SignalLevel = Literal["emergency", "urgent", "safety_net"]

#: Words worth spelling-correcting for triage; misspellings of them are mapped back.
_KEYWORDS: tuple[str, ...] = word_list(
    """
    seizure seizures seizing convulsing convulsion convulsions epileptic breathing breathe
    unconscious unresponsive responding responsive battery batteries magnet magnets swallowed
    poisoning poisoned medicine medication bleeding vomiting vomited drowsy sleepy choking
    choked concussion suddenly sudden regression regressing weakness limping dragging stopped
    anymore collapsed fainted floppy fever temperature fontanelle wheezing wheezy anaphylaxis
    allergic swelling swollen drooling dribbling retching twitching jerking lethargic
    unconsciousness purple mottled rash staircase scalded drowned drowning balcony
    """
)
#: Real words that in a parent's message almost always mean a danger word ("chocked on a
#: grape"); every other word of the English list is left as it is (see ``_correct``).
_MEANT_AS = {"chocking": "choking", "chocked": "choked"}
#: How close a misspelling must be to a keyword (rapidfuzz ratio, 0-100).
_CUTOFF = 84

#: Words that deny what follows them: "no vomiting", "hasn't been sick", "without a fever".
_NEGATORS = word_set("no not never without nor")
#: Words a denial reaches across ("has not had any vomiting"); any other word ends its reach,
#: so "can not use his right arm" denies the using, not the arm.
_LIGHT = word_set(
    "a an the any more much his her their its of signs sign been be had have has got get "
    "shown show showed really very seem seemed seems to is was were are it there anything actually"
)
#: A list's links, and the denials that deny every item of a list they open ("no rash or
#: fever"); "not" is left out: "not breathing or waking" tells two dangers.
_LIST_LINKS = word_set("or nor")
_LIST_DENIALS = word_set("no without")
#: "not sure if he swallowed it" is doubt, not denial.
_NOT_DENIAL = word_set("know sure think remember certain if whether see tell idea clue")
#: "can not lift his arms ... anymore" reports a lost ability; it does not deny the lifting.
_ABLE = word_set("can could")
#: A match that ends by saying the child stopped ("does not reach with her right hand anymore")
#: tells a loss: the "not" before it is part of the loss, not a denial.
_NO_LONGER = re.compile(r"\b(anymore|any more)$")
#: A word of two letters or more: a message without one gets the rules alone (``assess``).
_WORD = re.compile(r"[^\W\d_]{2,}")
#: How many words before a concept a denial may stand.
_NEGATION_REACH = 4
#: Spans one concept can contribute to a proximity check (bounds the combinations tried).
_MAX_SPANS = 6
#: How near (in words) history or recovery must be said to what a sign matched to stand it
#: down: "fell off the slide ... he only started walking last month" is not history.
_NEAR = 12
#: How near (in words) an ``unless`` concept outside the clause must be said to what a rule
#: matched to cancel it ("sticky eye, gp said blocked tear duct").
_UNLESS_NEAR = 4


@cache
def _known_words() -> frozenset[str]:
    """Every word of pyspellchecker's English list: real words, never typos.

    The list holds real words only (its rarest have a count of 50), so a word in it was
    meant, however close it is to a keyword: "weeing" is not "wheezing", "drowsing" is not
    "drowning". Loading it takes about 0.8 s: the bot does it at start (``prepare``), since
    on the first near-miss it would hold up every chat meanwhile.
    """
    data = resources.files("spellchecker").joinpath("resources/en.json.gz").read_bytes()
    counts: dict[str, int] = json.loads(gzip.decompress(data))
    return frozenset(counts)


def prepare() -> None:
    """Load now what triage otherwise loads on first use (the danger signs, the word list,
    the example messages).

    A server calls this at start: loaded on the first worry instead, they stall its event
    loop for about a second and a half, and every chat's replies with it.
    """
    default_danger_signs()
    _known_words()
    default_examples()
    default_model()


@lru_cache(maxsize=8192)
def _correct(word: str) -> str:
    """The keyword a misspelling stands for, or the word itself.

    Only a near miss that keeps the first letter is corrected: typing slips rarely change
    it ("siezure", "batery"), while real words missing from the American list do
    ("woollen" is not "swollen").
    """
    if word in _MEANT_AS:
        return _MEANT_AS[word]
    if len(word) < 5 or word in _KEYWORDS or not word.isalpha():
        return word
    if word.endswith("in") and word not in _known_words() and word + "g" in _known_words():
        # A dropped g ("shakin all over", "fittin"): the word it stands for, when that is real.
        return word + "g"
    same_start = [keyword for keyword in _KEYWORDS if keyword[0] == word[0]]
    found = process.extractOne(word, same_start, scorer=fuzz.ratio, score_cutoff=_CUTOFF)
    if found is None or word in _known_words():
        return word
    return str(found[0])


#: "he'll" and "she'll" lose their apostrophe to "hell" and "shell" in ``normalize``.
_WILL = re.compile(r"\b(\w+)['\u2019]ll\b")
#: "he'd" loses its apostrophe to "hed", which the text-speak map reads as "head" ("thought
#: he'd swallowed a magnet" named a head); "she'd" becomes "shed". Read as "had".
_HAD = re.compile(r"\b(he|she|they|we|you|i)['\u2019]d\b", re.IGNORECASE)
#: "fell about 1.5m" is a height, not an age: ``normalize`` would read "1.5m" as months.
_HEIGHT = re.compile(
    r"\b(?:(\d+\.\d+)|(?:about|around|nearly|almost|than|over) (\d+))\s*m\b(?!\s*old)",
    re.IGNORECASE,
)


#: Text-speak that hides a danger sign from the rules ("fell dwn the stairs frm the top").
_TRIAGE_SHORTHAND = {
    "dwn": "down",
    "frm": "from",
    "wat": "what",
    "fel": "fell",
    "hed": "head",
    "havin": "having",
    "rn": "right now",
    "yday": "yesterday",
    "yest": "yesterday",
    "nt": "not",
    "cnt": "can not",
    "hez": "he is",
    "shez": "she is",
    "breathin": "breathing",
    "proply": "properly",
    "fron": "from",
    "flor": "floor",
    # Round 36: "v pale" in text-speak (a retrained opinion no longer raised "3yo v pale, fever
    # 38.6, not herself", which the rules read only when pale is said plainly).
    "v": "very",
}


#: Where one clause ends and the next begins: sentence ends, semicolons, line breaks and
#: commas ("how do i know if it is meningitis, rash does not fade and he is hot"). A point
#: ends a clause only before a space: "1.5m", "3.5 years" and "3 y.o." hold together.
_CLAUSE_END = re.compile(r"[!?;,\n]+|\.(?!\S)")


def _clause_text(clause: str) -> str:
    plain = _HEIGHT.sub(
        lambda m: f"{m[1] or 'over ' + m[2]} metres",
        _HAD.sub(r"\1 had", _WILL.sub(r"\1 will", clause)),
    )
    words = (_TRIAGE_SHORTHAND.get(word, word) for word in normalize(plain).split())
    return " ".join(_correct(word) for word in words)


def _clauses(text: str) -> list[str]:
    """The message's clauses as triage reads them (normalised, corrected; some may be empty).

    Normalising strips the punctuation that ends a sentence; kept per clause, it tells which
    words a question is about (see ``assess``).
    """
    return [_clause_text(clause) for clause in _CLAUSE_END.split(text)]


def triage_text(text: str) -> str:
    """The normalised text triage reads: key safety words spelling-corrected."""
    return " ".join(clause for clause in _clauses(text) if clause)


#: Where a concept was found, as (first word, last word); None for one known from the age.
Span = tuple[int, int] | None


def _negated(words: list[str], start: int, clause_starts: frozenset[int] = frozenset()) -> bool:
    """Whether a denial stands within reach before ``words[start]``, in its own clause: in
    "peeing not much, eyes look sunken" the "not" ends with its clause. A "no" or "without"
    before a list denies each of its items: "no sore throat or fever" (round 40's review)."""
    if _listed_after_denial(words, start, clause_starts):
        return True
    for index in range(start - 1, max(-1, start - 1 - _NEGATION_REACH), -1):
        if index + 1 in clause_starts:
            return False
        word = words[index]
        if word in _NEGATORS:
            if index > 0 and word == "not" and words[index - 1] in _ABLE:
                return False
            return words[index + 1] not in _NOT_DENIAL
        if word not in _LIGHT:
            return False
    return False


def _listed_after_denial(words: list[str], start: int, clause_starts: frozenset[int]) -> bool:
    """Whether ``words[start]`` follows "or" or "nor" in a list that a "no" or "without"
    opens, within reach and in the same clause ("no sore throat or fever")."""
    if start < 2 or words[start - 1] not in _LIST_LINKS or start in clause_starts:
        return False
    for index in range(start - 2, max(-1, start - 2 - _NEGATION_REACH), -1):
        if index + 1 in clause_starts:
            return False
        if words[index] in _LIST_DENIALS:
            return words[index + 1] not in _NOT_DENIAL
    return False


def _unfigurative(text: str, signs: DangerSigns, candidates: dict[str, list[int]]) -> str:
    """``text`` with figures of speech blanked out, word for word ("laughed his head off",
    "choking on her words"), so no concept matches inside them and word positions hold."""
    return signs.concepts["figurative"].forms.blank(text, candidates.get("figurative", []))


def _find(
    text: str, signs: DangerSigns, age_months: int | None, breaks: tuple[int, ...] = ()
) -> dict[str, list[Span]]:
    """Every concept present in ``text`` (not negated), with where it was found; ``figurative``
    (with no span) when a figure of speech was blanked out.

    ``breaks`` are where clauses end (character offsets). A match may run on past one, but
    if the concept is already whole before it, its span ends there: in "what if he swallows
    a magnet, he has magnets on the fridge" the swallowed magnet belongs to the question.
    """
    # Blanking only turns letters into underscores, so the forms the text may match before it
    # include every form it may match after: one lookup serves both.
    candidates = signs.forms.candidates(text_grams(text))
    plain = _unfigurative(text, signs, candidates)
    figure = plain != text
    text = plain
    words = text.split()
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    clause_starts = frozenset(bisect_right(starts, b) for b in breaks)
    found: dict[str, list[Span]] = {}
    present = candidates.keys() - {"figurative"}  # blanked out above: no figure is left to find
    if age_months is not None:
        present |= {c.id for c in signs.by_age if c.under_months and age_months < c.under_months}
    for concept in signs.in_order(present):
        spans: list[Span] = []
        position = 0
        tried = candidates.get(concept.id, ())
        while tried and (match := concept.forms.search(text, tried, position)) is not None:
            first = bisect_right(starts, match.start()) - 1
            if _negated(words, first, clause_starts) and not _NO_LONGER.search(match[0]):
                # A denied match may hide an undenied one that overlaps it: look again
                # from the next word ("won't swallow since ... my ring, I can't find it").
                position = starts[first + 1] if first + 1 < len(starts) else len(text)
                continue
            end = match.end()
            for stop in (b for b in breaks if match.start() < b < end):
                if (whole := concept.forms.match(text, match.start(), stop)) is not None:
                    end = whole.end()
                    break
            spans.append((first, bisect_right(starts, max(end - 1, 0)) - 1))
            position = max(end, match.start() + 1)
        limit = concept.under_months
        if limit is not None and age_months is not None and age_months < limit:
            spans.append(None)
        if spans:
            found[concept.id] = spans
    if figure:
        found["figurative"] = []
    return found


def _width(spans: list[tuple[int, int]]) -> int:
    """Words from the first span's start to the last span's end."""
    return max((e for _, e in spans), default=0) - min((s for s, _ in spans), default=0)


def _cancelled(
    blockers: list[tuple[int, int]], placed: list[tuple[int, int]], ranges: list[Clause]
) -> bool:
    """Whether an ``unless`` concept was said next to what a rule matched: in one of the
    clauses the match reaches into, or within ``_UNLESS_NEAR`` words of it. A rule matched
    from the child's age alone (nothing placed) is cancelled by one said anywhere."""
    if not placed:
        return bool(blockers)
    clauses = _holding(ranges, list(placed))
    return any(
        any(s <= b_end and b_start <= e for s, e in clauses)
        or any(s - _UNLESS_NEAR <= b_end and b_start <= e + _UNLESS_NEAR for s, e in placed)
        for b_start, b_end in blockers
    )


def _matched(
    sign: Sign, found: dict[str, list[Span]], ranges: list[Clause], concepts: dict[str, Concept]
) -> tuple[list[tuple[int, int]], Rule] | None:
    """Where one of the sign's rules holds (spans of its concepts) and which rule, or None.

    With ``within``, one span per item must lie inside a window of that many words. An
    ``unless`` concept cancels only a match it was said next to (``_cancelled``): "his
    testicle is swollen and very painful, he ate beetroot at lunch" is not red food. One
    that tells what the whole message is about (``whole_message``: a tantrum, a diagnosis of
    breath-holding spells) cancels the rule wherever it is said.
    """
    present = found.keys()
    for rule in sign.rules:
        # Most rules name a concept the message does not hold: skip them before building
        # their spans (triage runs on every message a parent types).
        if any(present.isdisjoint(item) for item in rule.items):
            continue
        if any(concepts[name].whole_message for name in rule.unless if name in found):
            continue
        blockers = [s for name in rule.unless for s in found.get(name, ()) if s is not None]
        choices = [[s for name in item for s in found.get(name, ())] for item in rule.items]
        if not all(choices):
            continue
        for combination in product(*(list(islice(spans, _MAX_SPANS)) for spans in choices)):
            placed = [span for span in combination if span is not None]
            if sign.within is not None and _width(placed) > sign.within:
                continue
            if not _cancelled(blockers, placed, ranges):
                return placed, rule
    return None


def _within(span: Span, covers: list[tuple[int, int]]) -> bool:
    """Whether ``span`` lies inside one of ``covers``."""
    return span is not None and any(s <= span[0] and span[1] <= e for s, e in covers)


def _overlaps(spans: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> bool:
    """Whether any of ``spans`` reaches into one of ``ranges``."""
    return any(s <= end and start <= e for s, e in spans for start, end in ranges)


def _near(spans: list[Span], matched: list[tuple[int, int]]) -> bool:
    """Whether a modifier ("last year", "fine since") was said near what the sign matched."""
    return any(
        span is None or not matched or any(s - _NEAR <= span[1] and span[0] <= e + _NEAR
                                           for s, e in matched)
        for span in spans
    )  # fmt: skip


#: Words a clause covers, as (first word, last word).
Clause = tuple[int, int]


def _clause_ranges(clauses: list[str]) -> list[Clause]:
    """The words each clause covers in the text triage reads (clauses not empty)."""
    ends = list(accumulate(len(clause.split()) for clause in clauses))
    return [
        (end - len(clause.split()), end - 1) for clause, end in zip(clauses, ends, strict=True)
    ]


def _holding(ranges: list[Clause], spans: list[Span]) -> set[Clause]:
    """The clauses that ``spans`` reach into."""
    return {r for r in ranges for s in spans if s is not None and s[0] <= r[1] and r[0] <= s[1]}


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the danger-sign rules make of one message.

    ``fired`` are the signs found (at any level), ``steps`` the first step of the rule that
    fired each (in the same order; empty where it has none); ``stood_down`` are signs named
    in the past or as over ("fine since"), or only asked about, which earn the safety net
    instead; ``passed`` says one of them was told as past or over, which earns a calm note
    before it (one only asked about, or another child's, has not "passed").
    ``dangers`` are the body-danger concepts found; ``distanced`` says the message tells
    something as past, over, denied, hypothetical or asked about, which the learned second
    opinion cannot read (``_model_may_raise``); ``figure`` says a figure of speech was read
    ("pitched a fit", "laughed his head off"), which the second opinions cannot read either.
    """

    level: SignalLevel | None
    fired: tuple[Sign, ...] = ()
    stood_down: tuple[Sign, ...] = ()
    steps: tuple[str, ...] = ()
    passed: bool = False
    dangers: frozenset[str] = frozenset()
    distanced: bool = False
    figure: bool = False

    @property
    def signs(self) -> tuple[Sign, ...]:
        """The signs at the assessment's level: their first steps are what to do now."""
        return tuple(sign for sign in self.fired if sign.level == self.level)

    @property
    def topics(self) -> tuple[str, ...]:
        """The knowledge entries the signs at the assessment's level lead to, once each."""
        return tuple(dict.fromkeys(sign.topic for sign in self.signs if sign.topic))

    @property
    def first_steps(self) -> tuple[str, ...]:
        """What to do now, each instruction once (``knowledge.steps``): the steps of the signs
        at the assessment's level, a leading sign's first (choking before "keep them
        upright"), without those another sign's step replaces (``Sign.step_replaces``)."""
        at_level = [
            (sign, step)
            for sign, step in zip(self.fired, self.steps, strict=True)
            if sign.level == self.level and step
        ]
        replaced = {name for sign, _ in at_level for name in sign.step_replaces}
        at_level = [(sign, step) for sign, step in at_level if sign.id not in replaced]
        ordered = sorted(at_level, key=lambda pair: not pair[0].step_leads)
        return each_once(step for _, step in ordered)


def assess(
    text: str,
    age_months: int | None = None,
    signs: DangerSigns | None = None,
    examples: ExampleIndex | None = None,
    model: TriageModel | None = None,
) -> Assessment:
    """Apply the danger-sign rules, then the second opinions learned from labelled examples
    (the nearest examples, ``knowledge.examples``, and the model, ``knowledge.classifier``),
    which may only raise the level; ``age_months`` is the active child's age, if known.

    The model speaks only where at least ``AGREEMENT`` of the nearest examples are danger
    and ``_model_may_raise`` allows. With neither ``examples`` nor ``model`` the shipped
    ones are used; a caller that brings its own examples brings its own model or none
    (``ExampleIndex(())`` alone: the rules alone)."""
    found = _assess_rules(text, age_months, signs or default_danger_signs())
    if found.level == "emergency" or (found.figure and not found.dangers):
        # A figure of speech with no danger left once it is read ("she pitched a fit in the
        # shop"): the second opinions read the words of the figure, not what it means.
        return found
    if not _WORD.search(text):
        # "1", "²", "!!" typed at a prompt: nothing for the opinions to read, and the nearest
        # examples of a lone number are ages and temperatures ("4 months and 39.1").
        return found
    if examples is None and model is None:
        examples, model = default_examples(), default_model()
    table = signs or default_danger_signs()
    nearest, share = (None, 0.0) if examples is None else examples.read(text)
    learned = (
        None
        if model is None or share < AGREEMENT or not _model_may_raise(found, age_months, table)
        else model.opinion(text)
    )
    opinions = {nearest, learned}
    opinion: Opinion | None = next((v for v in ("emergency", "urgent") if v in opinions), None)
    if opinion is None or (opinion == "urgent" and found.level == "urgent"):
        return found
    return replace(found, level=opinion)


#: The share of the nearest examples that must be danger for the learned opinion to speak:
#: the two opinions must lean the same way (docs/benchmarks.md, "A learned second opinion").
AGREEMENT = 0.6
#: Concepts that tell a sign as past or over (``_assess_rules``' ``distanced``).
_DISTANCE = frozenset({"history", "resolved", "hypothetical"})


def _model_may_raise(found: Assessment, age_months: int | None, table: DangerSigns) -> bool:
    """Whether the learned opinion may speak: it reads words, not what they are said about.
    Not when the rules read the message as past, over, denied or asked about ("the coin
    turned up under the sofa"), and not when the child's age is known and every danger
    concept found is one the signs place by age (a fever, a head knock: NICE NG143 and
    NG232 grade them by age, which the model never sees)."""
    if found.distanced:
        return False
    graded = found.dangers and all(table.concepts[name].age_graded for name in found.dangers)
    return not (age_months is not None and graded)


def _drop_inside(found: dict[str, list[Span]], concept: str, covers: list[Span]) -> None:
    """Forget where ``concept`` was found inside one of ``covers``: it belongs to that."""
    placed = [span for span in covers if span is not None]
    if not placed or concept not in found:
        return
    kept = [span for span in found[concept] if not _within(span, placed)]
    if kept:
        found[concept] = kept
    else:
        del found[concept]


def _said(rule: Rule, found: dict[str, list[Span]], table: DangerSigns) -> list[tuple[int, int]]:
    """Where any of ``rule``'s concepts was said, ages aside: a sign counts as told when any of
    them is in a told clause, not only the spans of the first combination that held. The
    child's age says who the child is, not what is happening: in "if my baby ever gets a fever,
    what should I do? she is 6 weeks" the fever stays inside its question ("... she is 6 weeks
    and her temperature is 38.3" tells the fever too)."""
    ages = {
        span
        for name, spans in found.items()
        if table.concepts[name].under_months is not None
        for span in spans
        if span is not None
    }
    return [
        span
        for item in rule.items
        for name in item
        for span in found.get(name, ())
        if span is not None and span not in ages
    ]


def _assess_rules(text: str, age_months: int | None, table: DangerSigns) -> Assessment:
    """What the danger-sign rules alone make of ``text``."""
    said = [clause for clause in _clauses(text) if clause]
    # The space after each clause but the last, in the text the clauses make joined.
    breaks = tuple(end - 1 for end in accumulate(len(clause) + 1 for clause in said[:-1]))
    found = _find(" ".join(said), table, age_months, breaks)
    figure = found.pop("figurative", None) is not None
    # "she had heart surgery as a baby": the past belongs to the surgery, not to the sign.
    _drop_inside(found, "history", found.pop("background", []))
    # "totally normal by bedtime and today": the time word says when the child was well again,
    # not that a sign is happening now.
    _drop_inside(found, "ongoing", found.get("resolved", []))
    now = "ongoing" in found
    denied = "not_happening" in found
    # A question stands down only what it asks about: in "how do i know if it is meningitis?
    # it does not fade and he is hot" the rash and the fever are told as fact, in a clause of
    # its own that says what the child is, has or did (``statement``), while "if he has a
    # rash" stays inside its question. "How do i know" gives way to a told clause saying it
    # is happening ("what does a seizure look like? it is going on 6 minutes, she is still...").
    ranges = _clause_ranges(said)
    stated = _holding(ranges, found.pop("statement", []))
    asks = found.get("asking", [])
    if _holding(sorted(stated - _holding(ranges, asks)), found.get("ongoing", [])):
        asks = []
    questions = [*asks, *([] if now else found.get("hypothetical", []))]
    told = sorted(stated - _holding(ranges, questions))
    # "what does it mean if spots do not fade? my son has them": what was asked about is his.
    referred = _overlaps([s for s in found.pop("refers_back", []) if s is not None], told)
    fired: list[Sign] = []
    steps: list[str] = []
    stood_down: list[Sign] = []
    passed = False
    may_fire = table.candidates(found)
    for number, sign in enumerate(table.signs):
        if number not in may_fire:
            continue
        holds = _matched(sign, found, ranges, table.concepts)
        if holds is None:
            continue
        matched, rule = holds
        asking = denied or (
            bool(questions) and not referred and not _overlaps(_said(rule, found, table), told)
        )
        over = not now and any(
            _near(found.get(concept, []), matched)
            for reason, concept in (("history", "history"), ("recovery", "resolved"))
            if reason in sign.stands_down_by
        )
        if asking or over:
            stood_down.append(sign)
            passed = passed or over
        else:
            fired.append(sign)
            steps.append(rule.first_step)
    levels = {sign.level for sign in fired}
    level: SignalLevel | None = next((v for v in ("emergency", "urgent") if v in levels), None)
    dangers = frozenset(name for name in found if table.concepts[name].danger)
    if level is None and (stood_down or dangers or fired):
        # ``fired`` here holds safety-net signs only: the safety net, with their first steps.
        level = "safety_net"
    # Told as past, over, denied or asked about, unless it is also said to be happening now.
    distanced = (
        denied
        or bool(stood_down)
        or (not now and (bool(questions) or not _DISTANCE.isdisjoint(found)))
    )
    return Assessment(
        level, tuple(fired), tuple(stood_down), tuple(steps), passed, dangers, distanced, figure
    )


def advice(assessment: Assessment) -> str:
    """What the parent is told first at this level: the answer, then the first steps (for a
    choking child, the steps first: ``Sign.step_before_call``).

    Empty for a message with no danger sign. A sign named in the past or as over earns a
    calm note before the safety net; one only asked about does not (it has not "passed"). A
    sign at the safety-net level says its first step before the safety net (a small burn).
    """
    answers = default_danger_signs().answers
    if assessment.level is None:
        return ""
    if assessment.level == "safety_net":
        note = answers.history + "\n\n" if assessment.passed else ""
        # A safety-net sign's first step (a small burn's cooling) comes before when to get
        # help: it is what the parent does now.
        steps = assessment.first_steps
        care = "What to do now: " + " ".join(steps) + "\n\n" if steps else ""
        return note + care + answers.safety_net
    if assessment.level == "emergency":
        headline = answers.emergency
        # Only a sign can say the department is right: an emergency the second opinions
        # raised has none, and "methadone drunk" must not be told it may drive (round 39).
        signs = assessment.signs
        if signs and all(sign.department_ok for sign in signs):
            headline += " " + answers.emergency_department
        lead = "While you wait: "
    else:
        # Nobody is coming to an urgent answer: the parent acts now, then goes. A sign whose
        # answer names another place (the hospital, a dentist, the maternity unit) says it, a
        # leading one first. When one of them is for the child, only when to call the
        # emergency number follows: the level's whole answer ("call your child's doctor")
        # would send the parent to a second place (round 33's reviews). An answer for someone
        # else (a baby in the womb) leaves the child's own signs the level's whole answer.
        ordered = sorted(assessment.signs, key=lambda sign: not sign.step_leads)
        own = list(dict.fromkeys(sign.answer for sign in ordered if sign.answer))
        for_child = [sign for sign in ordered if not sign.answer_for_another]
        if not own or (for_child and not any(sign.answer for sign in for_child)):
            own.append(answers.urgent)
        elif for_child:
            own.append(answers.urgent_worse)
        headline, lead = " ".join(own), "What to do now: "
    steps = assessment.first_steps
    if (
        assessment.level == "emergency"
        and steps
        and any(sign.step_before_call for sign in assessment.signs)
    ):
        # Choking: the back blows cannot wait behind the call (``Sign.step_before_call``).
        return "\n\n".join(["Start now: " + " ".join(steps), headline])
    return "\n\n".join([headline, *((lead + " ".join(steps),) if steps else ())])


def triage(text: str, age_months: int | None = None) -> Level:
    """Classify a parent's message; emergency and urgent are final, whatever matching says.

    ``concern`` means no danger sign; whether the message is about movement at all is the
    matcher's scope decision (``knowledge.scope``), which may answer ``out_of_scope``.
    ``safety_net`` keeps its place whatever the matcher finds.
    """
    return assess(text, age_months).level or "concern"
