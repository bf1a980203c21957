"""Putting the first steps of several danger signs together so each instruction is said once.

Signs often fire together (a wheeze, an asthma attack and a reliever that is not helping), and
each carries its own first step. Told one after the other, a parent in an emergency read the
same puffs three times; the instruction has to be read once, and written once in the data, so a
clinician can check that every sign gives it the same way (``danger_signs.yaml`` says how).

An instruction is a sentence. One already said is dropped; so is one whose words another
instruction said in full holds ("Do not make your child sick." inside "Do not make your child
sick and do not try to reach the object with your fingers."), unless the longer one negates
what the shorter tells the parent to do: "Lay them on their side." is not said by "Do not lay
them on their side if their neck hurts", and dropping it would lose the instruction.
"""

import re
from collections.abc import Iterable

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NEGATIONS = frozenset({"not", "never", "no", "nothing", "without", "don't", "won't", "can't"})


def instructions(step: str) -> list[str]:
    """The sentences of one first step, each one instruction."""
    return [part for part in _SENTENCE_END.split(step.strip()) if part]


def _words(sentence: str) -> frozenset[str]:
    return frozenset(_WORD.findall(sentence.lower()))


def _said_by(words: frozenset[str], other: frozenset[str]) -> bool:
    """Whether an instruction with ``words`` is said in full by one with ``other``."""
    return words <= other and bool(words & _NEGATIONS or not (other - words) & _NEGATIONS)


def each_once(steps: Iterable[str]) -> tuple[str, ...]:
    """``steps`` in order, without an instruction said before or said in full by another.

    Of two instructions with the same words, the first is kept; of one inside another, the
    longer, where it stands. A step left with no instruction is left out.
    """
    sentences = [(number, one) for number, step in enumerate(steps) for one in instructions(step)]
    words = [_words(text) for _, text in sentences]
    kept: dict[int, list[str]] = {}
    for here, (number, text) in enumerate(sentences):
        repeated = any(
            there != here
            and _said_by(words[here], words[there])
            and (words[here] != words[there] or there < here)
            for there in range(len(sentences))
        )
        if not repeated:
            kept.setdefault(number, []).append(text)
    return tuple(" ".join(kept[number]) for number in sorted(kept))
