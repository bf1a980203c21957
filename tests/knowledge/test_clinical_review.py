"""The paediatric review of 30 November 2026: each finding fixed is pinned here."""

from __future__ import annotations

import pytest

from knowledge.triage import assess, triage


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("his testicle is swollen and very painful, he ate beetroot at lunch", "emergency"),
        ("green vomit all morning, he had beetroot yesterday", "emergency"),
        ("sickle cell, terrible leg pain, calpol not helping. he has a peanut allergy", "urgent"),
        ("swollen red eyelid and a fever of 39, it started after a mosquito bite", "urgent"),
    ],
)
def test_an_unless_word_said_elsewhere_does_not_cancel_a_sign(text: str, level: str) -> None:
    assert triage(text) == level


def test_an_unless_word_cancels_its_sign_only_near_what_it_matched() -> None:
    text = "limping and a fever of 39, he has lots of mosquito bites on his legs"
    assert "limp_with_fever" in {sign.id for sign in assess(text).fired}


@pytest.mark.parametrize(
    "text",
    [
        "red wee after eating beetroot at lunch",
        "his poo is red, he had beetroot yesterday",
        "little stye on her eyelid, a bit red and swollen",
    ],
)
def test_an_unless_word_next_to_the_match_still_cancels_it(text: str) -> None:
    assert triage(text) not in ("emergency", "urgent")


def test_a_context_that_tells_the_whole_message_cancels_wherever_it_is_said() -> None:
    text = (
        "she holds her breath when she's having a tantrum until she goes red in the face, "
        "then takes a big gasp and carries on screaming"
    )
    assert assess(text).level not in ("emergency", "urgent")
