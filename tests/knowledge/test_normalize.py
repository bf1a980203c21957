"""Normalisation is shared by triage and matching: surface differences must vanish here."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.normalize import content_tokens, normalize, stem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He ISN'T Walking!!", "he is not walking"),
        ("he isnt walking", "he is not walking"),
        ("she can't / cant / cannot", "she can not can not can not"),
        ("it won't work and he doesn't try", "it will not work and he does not try"),
        ("hes tired, shes fine", "he is tired she is fine"),
        ("Mi niño está bien", "mi nino esta bien"),
        ("Crème brûlée", "creme brulee"),
        ("my 4yo", "my 48 months"),
        ("a 15 month old", "a 15 months"),
        ("2 yrs", "24 months"),
        ("18mo", "18 months"),
        ("3.5 years old", "42 months"),
        ("two and a half years", "30 months"),
        ("a 2-year-old", "a 24 months"),
        ("she turns 3 next month", "she 36 months"),
        ("turning four", "48 months"),
        ("2 n half yr old", "30 months"),
        ("she is 3 and a half", "she is 42 months"),
        ("22 m/o", "22 months"),
        ("1.5 yrs", "18 months"),
        ("born at 32 weeks", "born at 32 weeks"),
        ("uses one hand", "uses one hand"),
        ("u r so kind thx", "you are so kind thanks"),
        ("he falls wen he runs bcoz of his leg", "he falls when he runs because of his leg"),
        ("  lots   of\tspace\n", "lots of space"),
        ("his hand\u2019s shaking", "his hands shaking"),
        ("", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("words", "stemmed"),
    [
        (("button", "buttons", "buttoning", "buttoned"), "button"),
        (("write", "writes", "writing"), "writ"),
        (("crawl", "crawls", "crawling", "crawled"), "crawl"),
        (("stop", "stopped", "stopping"), "stop"),
        (("fall", "falls", "falling"), "fall"),
        (("scissor", "scissors"), "scissor"),
        (("tiptoe", "tiptoes", "tiptoeing"), "tipto"),
    ],
)
def test_stem_merges_inflections(words: tuple[str, ...], stemmed: str) -> None:
    assert {stem(word) for word in words} == {stemmed}


@pytest.mark.parametrize("word", ["gross", "focus", "his", "arm", "leg"])
def test_stem_leaves_short_and_latin_words(word: str) -> None:
    assert stem(word) == word


def test_content_tokens_drop_stopwords_and_ages_keep_negation() -> None:
    tokens = content_tokens(normalize("My 18 month old son is NOT walking yet, is that normal?"))
    assert tokens == ["not", "walk"]


@given(st.text(max_size=200))
def test_normalize_is_idempotent_lowercase_ascii(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert all(ch.isascii() and (ch.isalnum() or ch == " ") for ch in once)
    assert once == once.lower()


def test_w_after_in_stays_the_letter_of_w_sitting() -> None:
    """Round 20: "she sits in W because it's comfy" had read the W as text-speak "with"."""
    assert normalize("she sits in W because its comfy") == "she sits in w because its comfy"
    assert normalize("sit like that W way") == "sit like that w way"


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # Round 20: "straight away" is no sitting up straight; a parent working from home
        # is no heavy work.
        ("she gives up straight away", "straight"),
        ("he wants it right away", "right"),
        ("he lives in his bouncer while I work from home", "work"),
    ],
)
def test_time_and_work_phrases_carry_no_motor_words(text: str, gone: str) -> None:
    assert gone not in content_tokens(normalize(text))
