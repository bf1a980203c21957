"""Whether a message is about movement at all, read from the message, not one score.

A single threshold on the best match failed long, chatty messages: their many words dilute
every entry's score, so "at nursery they say he struggles to get his coat on and his wellies"
fell below it. The decision here weighs three things (issue 13):

* the best score over the whole message and over each of its parts (sentences, clauses),
  which the matcher computes; a message is in scope when any part clearly is;
* evidence of the motor domain: words like "walk", "pencil", "balance" in the message
  (``motor_words`` in vocabulary.yaml) let a weaker match through; a part of the body
  (``body_words``: "feet", "fingers") counts half, since "her feet smell" is not movement;
* another domain Sprout does not cover (food, sleep, speech, behaviour...): a message naming
  one is in scope only when the motor reading is strong too ("what should I feed my 1 year
  old" is about food even though "feed" matches the spoon-and-fork topic). Where a motor
  word and another subject's word overlap, the longer phrase says what they mean ("feed
  himself" is movement, "catches every cold" is not).

It also reads what the message asks for (a worry, a request for help, a question about what
something is) and which body part and daily task it is about. Pure; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from knowledge.models import OtherDomain, Vocabulary
from knowledge.vocabulary import word_pattern

#: A match this good is in scope on its own (the matcher's former single threshold).
CLEAR = 52.0
#: With a motor word in the message, a match this good is enough.
WEAK = 40.0
#: A part of the body is this much of a motor word's evidence.
BODY_EVIDENCE = 0.5

Intent = Literal["worry", "help", "explain"]

#: "How do I / any tips / what games / what toys / what can we do for X".
_HELP = re.compile(
    r"\b(how (do|can|could|should|would) (i|we|you)|how to|any (tips|ideas|games|activities"
    r"|toys|exercises|suggestions|advice)|what (games|toys|activities|exercises|can (i|we) do"
    r"|should (i|we) do|do (i|we) do)|(ideas|games|activities|toys|exercises|tips) (for|to|that"
    r"|which|on)|suggest\w*|recommend\w*|ways to|help (him|her|them) (with|to|learn|get)"
    r"|teach (him|her|them)|encourage|improve|practi[cs]e"
    # "What are some quick 5 minute activities I can slip into the day".
    r"|some( \w+){0,3} (games|toys|activities|exercises|ideas|tips)"
    r"|(games|toys|activities|exercises|ideas) (i|we) (can|could))\b"
)
#: "What is X / is X the same as Y / what does X mean / why do they say X".
_EXPLAIN = re.compile(
    r"^(what is|what are|what does|what do|what s|whats|why (do|does|is|are|should)"
    r"|is \w+( \w+)? the same as|is it the same|explain|meaning of)\b|\b(difference between"
    r"|the same as|what does .{1,30} mean|what is the difference|stand for|signs of"
    r"|early signs)\b"
)
#: "Is that part of autism / could it be dyspraxia / how do we get him assessed": the parent
#: asks about a condition they named, not about each difficulty they listed.
_DIAGNOSIS = re.compile(
    r"\b(part of (the |his |her |their )?\w+|(linked|related|due) to|because of (the |his |her )?"
    r"\w+|(a )?sign of|could (it|this|that) be|assess\w*|diagnos\w*|i think (he|she) (is|has)"
    r"|does (he|she) have)\b"
)
#: "His walking and climbing are fine": a part that says movement is going well ("is fine
#: motor linked to speech" and "is swimming good for balance" do not).
_FINE = re.compile(
    r"(?<!\bwhat )(?<!\bwhich )\b(is|are|seems?|looks?|s|re)"
    r"( all| totally| completely| perfectly| absolutely| very| really"
    r"| so| super)?"
    r" (fine(?! motor)|ok|okay|good(?! for)|great(?! for)|neat|lovely|beautiful|brilliant|perfect"
    r"|excellent|amazing|fantastic|active|sporty|agile)\b"
    r"|\bno (problem|problems|issue|issues|worries)\b"
    # "My toddler walks fine. My cat however does not": a movement told with "fine" after it.
    r"|\b(walks|runs|crawls|sits|stands|climbs|moves|jumps|hops|rides|kicks|throws|catches)"
    r" (just |perfectly |absolutely )?(fine|ok|okay)\b"
    # "Only says mama and dada but runs and climbs everything": told as able, unasked.
    r"|^(he |she |they )?(runs|climbs|jumps|walks) and (runs|climbs|jumps|walks)"
    r" (everything|everywhere|all over the place)$"
)
#: Where a long message splits into parts worth scoring on their own.
_CLAUSE = re.compile(
    r"[.!?;,\n]+|\s(?:but|also|plus|and also|and then|then|so)\s"
    r"|\sand\s(?=(?:not|no longer|isn'?t|can'?t|doesn'?t|won'?t|hasn'?t|didn'?t)\b)"
)


def intent(normalized: str) -> Intent:
    """What the message asks for; help wins over explain ("what games help with X")."""
    if _HELP.search(normalized):
        return "help"
    if _EXPLAIN.search(normalized):
        return "explain"
    return "worry"


def says_fine(normalized: str) -> bool:
    """Whether a part of a message says movement is going well ("his walking is fine")."""
    return _FINE.search(normalized) is not None


#: A part that asks whether something is fine ("which ones are ok") rather than telling it.
_ASKS = re.compile(
    r"\b(which|what|whether|how|should|is it|are they|are these|are those|is that)\b"
)
#: A part this short, listed right before a part that says movement is fine, belongs to it.
LISTED_WORDS = 3
#: A part right after one that says movement is fine, told as more of what the child does
#: ("she is very active, runs and climbs everything, but only says a few words").
_DOES_MORE = re.compile(
    r"^(and )?((he|she|they) (s|re|is|are) )?(also )?(always )?"
    r"(runs|running|climbs|climbing|jumps|jumping|kicks|kicking|rides|riding|swims|swimming"
    r"|hops|hopping|skips|skipping|walks|walking|dances|dancing|throws|throwing|catches"
    r"|catching|plays|playing|scoots|scooting|draws|drawing|builds|building)\b"
)
#: What turns such a part into a worry of its own ("walks on his toes", "runs but falls").
_WORRY_WORDS = re.compile(
    r"\b(not|n t|no|never|can t|cannot|cant|won t|wont|only|barely|hardly|still|yet|struggl\w*"
    r"|fall\w*|fell|trip\w*|toe|toes|tire\w*|tiring|wobbl\w*|clums\w*|awkward\w*|funny|weird"
    r"|odd\w*|strange\w*|pain\w*|hurt\w*|limp\w*|flat|behind|late|slow\w*|worr\w*"
    r"|concern\w*|difficult\w*|hard|help|wide|bump\w*|crash\w*|stiff\w*|weak\w*)\b"
)


def settled(parts: Sequence[str]) -> frozenset[int]:
    """The parts (normalised) that say movement is going well: each that ``says_fine``, the
    short parts listed right before it ("he's running, climbing, kicking balls, physically
    he's brilliant, but talking is way behind": the list is what is fine), and the parts
    right after it that tell more of what the child does, with no worry in them ("she is
    very active, runs and climbs everything, but only says a few words")."""
    calm: set[int] = set()
    for index, part in enumerate(parts):
        if not says_fine(part):
            continue
        calm.add(index)
        if _ASKS.search(part):
            # "Baby bouncers, jumpers, walkers: which ones are ok?" asks about the list.
            continue
        before = index - 1
        while before >= 0 and len(parts[before].split()) <= LISTED_WORDS:
            calm.add(before)
            before -= 1
        after = index + 1
        while after < len(parts) and _tells_more(parts[after]):
            calm.add(after)
            after += 1
    return frozenset(calm)


def _tells_more(part: str) -> bool:
    """Whether a part goes on listing what the child does well (``_DOES_MORE``), unasked."""
    return bool(
        _DOES_MORE.search(part) and not _WORRY_WORDS.search(part) and not _ASKS.search(part)
    )


def asks_diagnosis(normalized: str) -> bool:
    """Whether the message asks if its difficulties belong to a condition (see ``_DIAGNOSIS``)."""
    return _DIAGNOSIS.search(normalized) is not None


def clauses(text: str) -> list[str]:
    """The parts of a long message (sentences, clauses); a short one is its own only part."""
    parts = [p.strip() for p in _CLAUSE.split(text.casefold()) if p and p.strip()]
    return parts if len(parts) > 1 else []


@dataclass(frozen=True, slots=True)
class _Found:
    """One word list's match in a text: where, what, and whose (motor, body or a domain)."""

    start: int
    end: int
    text: str
    source: OtherDomain | str

    @property
    def movement(self) -> bool:
        """Whether the word is evidence of movement (a motor word or a part of the body)."""
        return isinstance(self.source, str)


@dataclass(frozen=True, slots=True)
class Scope:
    """The decision for one message, and the other subject it is about, if any."""

    in_scope: bool
    elsewhere: OtherDomain | None = None


class ScopeReader:
    """Reads motor evidence, other domains and aspects with the vocabulary's word lists."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._motor = word_pattern(vocabulary.motor_words)
        self._body = word_pattern(vocabulary.body_words)
        self._others = [(d, word_pattern(d.words)) for d in vocabulary.other_domains]
        self._aspects = {
            kind: [(name, word_pattern(words)) for name, words in groups.items()]
            for kind, groups in vocabulary.aspects.items()
        }

    def _words(self, normalized: str) -> list[_Found]:
        """Every motor, body and other-subject word of the text, overlaps resolved.

        Where a movement word and another subject's word overlap, the longer phrase says what
        the words mean together: "feed himself" is movement, not food; "shoe size", "climbs out
        of his cot" and "tummy ache" are not movement, and "catches every cold" is not a catch.
        """
        lists: list[tuple[OtherDomain | str, re.Pattern[str] | None]] = [
            ("motor", self._motor),
            ("body", self._body),
            *self._others,
        ]
        found = [
            _Found(m.start(), m.end(), m.group(0), source)
            for source, pattern in lists
            if pattern is not None
            for m in pattern.finditer(normalized)
        ]
        return [
            word
            for word in found
            if not any(
                other.movement != word.movement
                and other.start < word.end
                and word.start < other.end
                and other.end - other.start > word.end - word.start
                for other in found
            )
        ]

    def motor_evidence(self, normalized: str) -> float:
        """How many distinct motor words the message uses, parts of the body counting half."""
        return _motor_evidence(self._words(normalized))

    def elsewhere(self, normalized: str) -> OtherDomain | None:
        """The other domain the message names most, if any (first listed wins a tie)."""
        return self._elsewhere(normalized)[0]

    def _elsewhere(self, normalized: str) -> tuple[OtherDomain | None, int]:
        return self._other_subject(self._words(normalized))

    def _other_subject(self, words: list[_Found]) -> tuple[OtherDomain | None, int]:
        """The other subject named most often among ``words``, and how often."""
        best, hits = None, 0
        for domain, _ in self._others:
            found = sum(w.source is domain for w in words)
            if found > hits:
                best, hits = domain, found
        return best, hits

    def decide(self, normalized: str, best: float, parts: Sequence[str] = ()) -> Scope:
        """In scope or not, given the best score over the message and its parts.

        ``parts`` are the message's parts (``clauses``, normalised) where it has several:
        motor words in a part that says movement is fine ("his walking and climbing is fine,
        it's just the talking") are no evidence of a movement worry.
        """
        calm = settled(parts)
        worried = [p for i, p in enumerate(parts) if i not in calm] if parts else [normalized]
        motor = self.motor_evidence(" ".join(worried))
        other, hits = self._elsewhere(normalized)
        if other is not None:
            if self._asks_elsewhere(parts or [normalized]):
                # "Our dog keeps jumping on the baby when she crawls, how do we train the dog":
                # what the parent asks for help with is the other subject's.
                return Scope(in_scope=False, elsewhere=other)
            strong = (motor >= max(1, hits) and best >= CLEAR) or (
                motor >= max(2, hits + 1) and best >= WEAK
            )
            return Scope(in_scope=strong, elsewhere=other)
        return Scope(in_scope=best >= CLEAR or (motor > 0 and best >= WEAK))

    def may_be_movement(self, normalized: str) -> bool:
        """Whether a message the word lists put out may still be about movement, for the
        learned scope opinion to bring in: it names no other subject, or it has a word of
        movement ("our puppy knocks him over all the time" names a pet and nothing moves)."""
        words = self._words(normalized)
        return self._other_subject(words)[0] is None or _motor_evidence(words) > 0

    def _asks_elsewhere(self, parts: Sequence[str]) -> bool:
        """Whether a part asks for help (``_HELP``) with another subject, naming no movement,
        and every movement the message tells is told with another subject too ("our dog keeps
        jumping on the baby"). A movement told on its own ("his handwriting is so messy ... how
        can i help without a fight") keeps the message Sprout's."""
        asks = False
        for part in parts:
            words = self._words(part)
            other, motor = self._other_subject(words)[0], _motor_evidence(words)
            if motor > 0 and other is None:
                return False
            asks = asks or bool(_HELP.search(part) and other is not None and not motor)
        return asks

    def about_movement(self, normalized: str, best: float) -> bool:
        """Whether one part of a message is a movement worry on its own: it names no other
        subject, uses a motor word and matches clearly ("can't say her words clearly, and
        also is very clumsy": two worries, one of them Sprout's), and does not say the
        movement is fine ("his walking and climbing is fine, it's just the talking")."""
        words = self._words(normalized)
        return (
            self._other_subject(words)[0] is None
            and not says_fine(normalized)
            and _motor_evidence(words) >= 1
            and best >= CLEAR
        )

    def aspects(self, normalized: str) -> dict[str, frozenset[str]]:
        """Per aspect kind ("body", "task"), the groups the text names."""
        return {
            kind: frozenset(name for name, p in groups if p is not None and p.search(normalized))
            for kind, groups in self._aspects.items()
        }


def _motor_evidence(words: list[_Found]) -> float:
    """Distinct motor words among ``words``, parts of the body counting half."""
    motor = len({w.text for w in words if w.source == "motor"})
    body = len({w.text for w in words if w.source == "body"})
    return motor + BODY_EVIDENCE * body


def related(message: dict[str, frozenset[str]], entry: dict[str, frozenset[str]]) -> bool:
    """Whether an entry fits the message: for every aspect kind both name, they share one."""
    return all(
        not message.get(kind) or not groups or bool(message[kind] & groups)
        for kind, groups in entry.items()
    )
