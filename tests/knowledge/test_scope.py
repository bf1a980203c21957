"""Scope decision, intents, parents' vocabulary and its check (issue 13)."""

from __future__ import annotations

import pytest

from knowledge.check import problems
from knowledge.loader import KnowledgeBase, default_knowledge
from knowledge.models import OtherDomain, Synonym, Vocabulary
from knowledge.normalize import normalize
from knowledge.scope import (
    CLEAR,
    WEAK,
    ScopeReader,
    clauses,
    intent,
    related,
    says_fine,
    settled,
)
from knowledge.vocabulary import Rewriter, word_pattern

VOCABULARY = Vocabulary(
    synonyms=(Synonym(means="boots", words=("wellies", "gum boots")),),
    idioms=(Synonym(means="fever", words=("runs a fever",)),),
    motor_words=("walk*", "pencil"),
    body_words=("feet", "hand*"),
    other_domains=(
        OtherDomain(id="food", label="food", refer="a dietitian", words=("feed", "milk")),
        OtherDomain(id="sleep", label="sleep", words=("sleep*",)),
    ),
    aspects={"task": {"dressing": ("boots", "coat"), "screens": ("tablet*",)}},
)


def test_rewriter_puts_parents_words_into_the_knowledge_bases() -> None:
    rewrite = Rewriter(VOCABULARY)
    assert rewrite(normalize("Can't get his WELLIES on")) == "can not get his boots on"
    assert rewrite(normalize("gum boots")) == "boots"
    assert rewrite("wellieson") == "wellieson"


def test_idioms_that_sound_like_movement_are_read_as_what_they_mean() -> None:
    rewrite = Rewriter(VOCABULARY)
    reader = ScopeReader(VOCABULARY)
    assert rewrite(normalize("he runs a fever")) == "he fever"
    assert reader.motor_evidence(rewrite(normalize("he runs a fever"))) == 0


def test_word_pattern_reads_a_star_as_any_ending() -> None:
    pattern = word_pattern(["walk*", "pen"])
    assert pattern is not None
    assert pattern.findall("walking with a pen and pencil") == ["walking", "pen"]
    assert word_pattern([]) is None


@pytest.mark.parametrize(
    ("best", "text", "in_scope", "elsewhere"),
    [
        (CLEAR, "tiptoes all day", True, None),
        (WEAK, "he walks oddly", True, None),  # a motor word lets a weaker match through
        (WEAK, "oddly quiet", False, None),
        (90.0, "what should i feed him", False, "food"),  # "feed" alone is not movement
        (CLEAR, "drinks milk but cannot walk", True, "food"),
        (WEAK, "drinks milk but cannot walk", False, "food"),  # weak motor reading
        (0.0, "sleeping badly", False, "sleep"),
        (WEAK, "his feet are sore", True, None),  # a body part is motor evidence too
        (CLEAR, "feed him with his hands", False, "food"),  # ...but half a motor word's
        (CLEAR, "feed him and walk", True, "food"),
        # The other subject named more often than movement needs more than a clear match.
        (CLEAR, "milk before sleep, then feed, then walk", False, "food"),
        (WEAK, "feed him, then walk with a pencil", True, "food"),
    ],
)
def test_scope_decision(best: float, text: str, in_scope: bool, elsewhere: str | None) -> None:
    scope = ScopeReader(VOCABULARY).decide(normalize(text), best)
    assert scope.in_scope is in_scope
    assert (scope.elsewhere.id if scope.elsewhere else None) == elsewhere


def test_one_part_about_movement_alone() -> None:
    """Two worries in one: a part naming no other subject, with a motor word and a clear
    match, is Sprout's even when the whole message also names food or sleep."""
    reader = ScopeReader(VOCABULARY)
    assert reader.about_movement(normalize("he cannot walk far"), CLEAR)
    assert not reader.about_movement(normalize("he cannot walk far"), WEAK)
    assert not reader.about_movement(normalize("walks after his milk"), CLEAR)
    assert not reader.about_movement(normalize("his feet are sore"), CLEAR)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("any games to make her legs stronger", "help"),
        ("how can i stop his plate sliding", "help"),
        ("what toys help with crawling", "help"),
        # Blind set r33a: words between "some" and what is asked for, and "activities I can".
        ("what are some quick 5 minute activities i can slip into the day", "help"),
        ("she loves lego, any indoor activities we could try this winter", "help"),
        ("what is dyspraxia", "explain"),
        ("is dcd the same as dyspraxia", "explain"),
        ("why do they say core before hands", "explain"),
        ("she still isnt walking", "worry"),
    ],
)
def test_intent(text: str, expected: str) -> None:
    assert intent(normalize(text)) == expected


def test_clauses_split_long_messages_only() -> None:
    assert clauses("not walking") == []
    assert clauses("hiya, he is 4. struggles with his coat but fine at drawing") == [
        "hiya",
        "he is 4",
        "struggles with his coat",
        "fine at drawing",
    ]
    # Blind set m45: "not walking and not talking" is two worries, each scored on its own.
    assert clauses("15 months not walking and not talking") == [
        "15 months not walking",
        "not talking",
    ]
    assert clauses("he stands and can't walk yet") == ["he stands", "can't walk yet"]


def test_related_needs_a_shared_group_only_where_both_name_one() -> None:
    reader = ScopeReader(VOCABULARY)
    dressing = reader.aspects("cannot get his boots on")
    assert dressing == {"task": frozenset({"dressing"})}
    assert not related(dressing, reader.aspects("tablets and typing"))
    assert related(dressing, reader.aspects("a coat"))
    assert related(dressing, reader.aspects("balance"))


def _with(vocabulary: Vocabulary) -> KnowledgeBase:
    kb = default_knowledge()
    return KnowledgeBase(
        entries=kb.entries, sources=kb.sources, hazards=kb.hazards, vocabulary=vocabulary
    )


def test_shipped_vocabulary_passes_the_check() -> None:
    assert default_knowledge().vocabulary.synonyms
    assert problems(default_knowledge()) == []


def test_check_rejects_synonyms_that_point_nowhere_or_twice() -> None:
    # Only the vocabulary's own rules: without the shipped synonyms some phrasings of unrelated
    # entries become the same words ("first steps", "too many steps"), which another rule reports.
    found = problems(
        _with(
            Vocabulary(
                synonyms=(
                    Synonym(means="zorblat", words=("nappy",)),
                    Synonym(means="boots", words=("wellies", "boots")),
                    Synonym(means="coat", words=("wellies",)),
                ),
                idioms=(Synonym(means="walk", words=("walk the dog",)),),
                motor_words=("walk*", "walk"),
                other_domains=(
                    OtherDomain(id="food", label="food", words=("walk*",)),
                    OtherDomain(id="food", label="food again", words=("milk",)),
                ),
            )
        )
    )
    assert [p for p in found if p.startswith("vocabulary:")] == [
        "vocabulary: 'zorblat' uses words no phrasing has: ['zorblat']",
        "vocabulary: 'boots' is listed as a synonym of itself",
        "vocabulary: 'wellies' means both 'boots' and 'coat'",
        "vocabulary: idiom 'walk the dog' means a motor word",
        "vocabulary: 'walk*' is both a motor word and a food word",
        "vocabulary: other domain 'food' is listed twice",
    ]


def test_a_part_saying_movement_is_fine_is_no_motor_evidence() -> None:
    """ "He only wants milk, his walking is fine" is about food (round 11: "his walking and
    climbing is fine, it's just the talking")."""
    reader = ScopeReader(VOCABULARY)
    text = "he only wants milk, his walking is fine"
    parts = [normalize(part) for part in clauses(text)]
    assert reader.decide(normalize(text), CLEAR, parts).in_scope is False
    assert reader.decide(normalize(text), CLEAR).in_scope is True
    assert not reader.about_movement(normalize("his walking is fine"), CLEAR)
    # The same parts as a worry stay in scope.
    worry = "he only wants milk, his walking is slow"
    parts = [normalize(part) for part in clauses(worry)]
    assert reader.decide(normalize(worry), CLEAR, parts).in_scope is True


@pytest.mark.parametrize(
    "part",
    [
        "is fine motor linked to speech",
        "yoga is good for balance",
        "trampolining is great for coordination",
    ],
)
def test_fine_motor_and_good_for_do_not_say_movement_is_fine(part: str) -> None:
    """Round 14: "is fine motor linked to speech? she is behind in both" had read as "his
    walking is fine", so its motor words counted for nothing and it was out of scope."""
    assert not says_fine(normalize(part))
    assert says_fine(normalize("his fine motor is fine"))


OVERLAPPING = Vocabulary(
    synonyms=(Synonym(means="chair", words=("high chair",)),),
    idioms=(),
    motor_words=("catch*", "feed himself", "shoe*", "sit"),
    body_words=("tummy",),
    other_domains=(
        OtherDomain(id="food", label="food", words=("feed", "high chair")),
        OtherDomain(id="health", label="health", words=("catches every cold", "tummy ache")),
        OtherDomain(id="everyday", label="plans", words=("shoe size",)),
    ),
)


@pytest.mark.parametrize(
    ("text", "motor", "elsewhere"),
    [
        ("he can not feed himself", 1.0, None),  # the motor phrase holds the food word
        ("she catches every cold", 0.0, "health"),  # ...and the other subject's holds "catch"
        ("what shoe size at 4", 0.0, "everyday"),
        ("a tummy ache", 0.0, "health"),  # a part of the body too
        ("catches every cold and can not catch a ball", 1.0, "health"),  # the other catch
        ("feed him then sit", 1.0, "food"),  # words apart both count
    ],
)
def test_the_longer_phrase_says_what_overlapping_words_mean(
    text: str, motor: float, elsewhere: str | None
) -> None:
    """Round 16: where a motor word and another subject's word overlap, the longer phrase
    wins, so a subject told with a motor word inside it ("catches every cold") is not
    movement, and a motor phrase holding another subject's word ("feed himself") is."""
    reader = ScopeReader(OVERLAPPING)
    assert reader.motor_evidence(normalize(text)) == motor
    found = reader.elsewhere(normalize(text))
    assert (found.id if found else None) == elsewhere


def test_check_rejects_scope_words_the_rewrite_changes() -> None:
    """A scope word is read after the synonyms, so "high chair" (read as "chair") was never
    found as food; the check says so (round 16)."""
    found = problems(_with(OVERLAPPING))
    assert "vocabulary: food words: 'high chair' is read as 'chair', never found" in found
    assert not [p for p in found if "'feed'" in p or "catches every cold" in p]


@pytest.mark.parametrize(
    ("text", "motor", "legs"),
    [
        ("i hope he is ok", 0.0, False),
        ("a standard size", 0.0, False),
        ("lego sets", 1.0, False),  # lego is a motor word, not the legs
        ("she hops and stands on one leg", 2.5, True),
    ],
)
def test_a_starred_word_does_not_read_words_that_only_begin_like_it(
    text: str, motor: float, legs: bool
) -> None:
    """Round 17: "hop*" had read "I hope" as hopping and "stand*" "standard" as standing (motor
    evidence), and the legs aspect "leg*" had read "lego" as legs; the shipped lists spell
    those words out."""
    reader = ScopeReader(default_knowledge().vocabulary)
    found = normalize(text)
    assert reader.motor_evidence(found) == motor
    assert ("legs" in reader.aspects(found)["body"]) is legs


@pytest.mark.parametrize(
    ("parts", "calm"),
    [
        # What the child does well, listed after the part that says so, is as calm as a list
        # before it; a part with a worry in it, or a question, is not.
        (["she is very active", "runs and climbs everything", "only says a few words"], {0, 1}),
        (["he is great", "runs everywhere", "climbs everything", "still can not jump"], {0, 1, 2}),
        (["she is fine", "walks on her toes a lot though"], {0}),
        (["he is very sporty", "runs but falls a lot"], {0}),
        (["she is fine", "jumping on the trampoline how long is safe"], {0}),
    ],
)
def test_what_the_child_does_well_after_saying_so_is_settled(
    parts: list[str], calm: set[int]
) -> None:
    assert settled(parts) == calm
