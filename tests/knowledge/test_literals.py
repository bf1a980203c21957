"""The pre-filter that lets triage skip most danger-sign searches (``knowledge.literals``).

A pre-filter that skipped a search the pattern would have matched would hide a danger sign,
so these tests hold it to the patterns' own answers: the pieces it reads must be in every text
a pattern matches, and a concept searched form by form must find exactly what its whole
pattern finds.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge import strict_yaml
from knowledge.literals import Alternatives, FormIndex, required_grams, text_grams
from knowledge.normalize import normalize
from knowledge.signs import DEFAULT_PATH, DangerSignsSpec, _expand, default_danger_signs
from knowledge.triage import triage_text


def _needs(pattern: str) -> frozenset[str] | None:
    return required_grams(re.compile(pattern), {"tery": 1})


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"\bhands?\b", frozenset({"hand"})),
        # The rarest stretch of the longest piece, by the sample counts given.
        (r"\b(?:swallowed|ate) (?:a|the) battery\b", frozenset({" bat"})),
        (r"\b(?:fits?|seizures?)\b", frozenset({"fit", "seiz"})),
        (r"\b(?:blue )?lips\b", frozenset({"lips"})),
        (r"\b[sz]ei[sz]ure\b", frozenset({"seis", "seiz", "zeis", "zeiz"})),
    ],
)
def test_needs_are_read_from_the_pattern(pattern: str, needs: frozenset[str]) -> None:
    assert _needs(pattern) == needs


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(?:a|is)\b",  # pieces too short to be worth a lookup
        r"(?i)\bfit\b",  # other letter cases than the literal spells
        r"\b(?i:fit)\b",
        r"\b(?:fit|\w+)\b",  # one form needs nothing: the pattern must always be searched
        r"\b(?:fit)?\b",
    ],
)
def test_patterns_that_do_not_say_are_always_searched(pattern: str) -> None:
    assert _needs(pattern) is None


_WORDS = ["fit", "fits", "blue", "lips", "not", "breath", "ing", "a", "the", "stiff"]
_pieces = st.sampled_from([*_WORDS, r"\w+", r"[a-z]", r"s?", " ", r" ?", r"(?:x|y)"])


@st.composite
def _patterns(draw: st.DrawFn) -> str:
    forms = draw(st.lists(st.lists(_pieces, min_size=1, max_size=4), min_size=1, max_size=3))
    return r"\b(?:" + "|".join("".join(form) for form in forms) + r")\b"


@settings(max_examples=300, deadline=None)
@given(_patterns(), st.lists(st.sampled_from([*_WORDS, "x", "y", "he"]), max_size=8))
def test_a_text_without_the_needs_is_never_matched(pattern: str, words: list[str]) -> None:
    text = " ".join(words)
    needs = _needs(pattern)
    if re.search(pattern, text) is not None:
        assert needs is None or not needs.isdisjoint(text_grams(text))


def _samples() -> list[str]:
    signs = default_danger_signs()
    messages = [*signs.calm, *(example for sign in signs.signs for example in sign.examples)]
    return [triage_text(message) for message in messages]


def _whole(alternatives: Alternatives) -> re.Pattern[str]:
    """The concept's pattern as one alternation, as it was compiled before the pre-filter."""
    inner = (pattern.pattern.removeprefix(r"\b(?:").removesuffix(r")\b")
             for pattern, _ in alternatives.forms)  # fmt: skip
    return re.compile(r"\b(?:" + "|".join(f"(?:{form})" for form in inner) + r")\b")


def test_every_concept_finds_form_by_form_what_its_whole_pattern_finds() -> None:
    """Over every other example and calm message of the table (all of them take a minute):
    same matches, same places. The whole pattern is the concept as written, its forms
    joined and its references expanded, before ``compile_signs`` cut the forms at their
    top-level alternatives; every concept triage searches is checked."""
    signs = default_danger_signs()
    written = DangerSignsSpec.model_validate(
        strict_yaml.load(DEFAULT_PATH.read_text(encoding="utf-8"))
    ).concepts
    samples = _samples()[::2]
    for concept in signs.in_order(signs.searched):
        whole = re.compile(r"\b(?:" + _expand(concept.id, written, ()) + r")\b")
        for text in samples:
            tried = signs.forms.candidates(text_grams(text)).get(concept.id, [])
            expected = [(m.start(), m.end()) for m in whole.finditer(text)]
            found, position = [], 0
            while (match := concept.forms.search(text, tried, position)) is not None:
                found.append((match.start(), match.end()))
                # As finditer and triage's ``_find`` do: a match of nothing (a form of only
                # lookaheads, ``appendicitis_told``) moves on a character, or loops forever.
                position = max(match.end(), match.start() + 1)
            assert found == expected, (concept.id, text)


def test_blanking_is_the_whole_patterns_substitution() -> None:
    figurative = default_danger_signs().concepts["figurative"].forms
    whole = _whole(figurative)
    index = FormIndex.build({"figurative": figurative})
    for text in [*_samples(), normalize("he laughed his head off and nearly died laughing")]:
        tried = index.candidates(text_grams(text)).get("figurative", [])
        expected = whole.sub(lambda m: " ".join("_" * len(w) for w in m[0].split()), text)
        assert figurative.blank(text, tried) == expected
