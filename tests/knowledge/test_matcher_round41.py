"""Round 41 (blind set r41a, session 65): an urgent weakness of one side leads with the
one-sided page, and voice-to-text's "hand ridding" is handwriting.

A danger sign may name entries narrower than its own topic (``narrower_topics`` in
``knowledge/content/danger_signs.yaml``); the urgent answer leads with one when the message
names it in its title's terms (one side of the body) and supports it better than the sign's
topic. The level never changes, and a sudden loss or an injury keeps the loss-of-skills page.
"""

from __future__ import annotations

import pytest

from knowledge.loader import default_knowledge
from knowledge.matcher import Matcher
from knowledge.triage import assess


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(default_knowledge())


@pytest.mark.parametrize(
    "text",
    [
        "8 month old only uses his right hand to reach for everything. Left hand stays by his "
        "side.",
        "My daughter's left hand seems weaker than her right, she's 2. She doesn't use it to hold "
        "things when playing with both hands, just lets it hang.",
        "he only uses his right arm, the left just hangs there",
        "my 5 month old doesn't use her left hand at all, it's always in a fist, she only reaches "
        "with her right",
    ],
)
def test_an_urgent_weakness_of_one_side_leads_with_the_one_sided_page(
    matcher: Matcher, text: str
) -> None:
    result = matcher.match(text)
    assert result.triage == "urgent"
    assert [m.id for m in result.matches] == ["one_sided", "regression"]


@pytest.mark.parametrize(
    "text",
    [
        # No side named.
        "he has a limp",
        "her legs are getting weaker every day since Monday",
        "he stopped walking after a fever",
        # A side named, with an injury or a sudden loss: the loss of skills alone.
        "fell off the sofa yesterday, cried a bit, now he's not using his right arm much, keeps "
        "it by his side, 20 months",
        "she was fine this morning now she wont use her left arm at all, it just hangs by her "
        "side. shes 2, i swung her up by the arms at the park",
    ],
)
def test_other_urgent_losses_keep_the_loss_of_skills_page(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.triage == "urgent"
    assert [m.id for m in result.matches] == ["regression"]


def test_narrower_topics_need_every_urgent_sign_to_allow_them() -> None:
    alone = assess("he only uses his right arm, the left just hangs there")
    assert alone.narrower_topics == ("one_sided",)
    with_a_fall = assess("fell off the sofa, now he only uses his right arm, the left just hangs")
    assert with_a_fall.level == "urgent"
    assert with_a_fall.narrower_topics == ()


@pytest.mark.parametrize(
    "text",
    [
        "ds is nearly 7 and his hand ridding is really messy teacher says its hard to read",
        "her hand righting is so slow, year 3",
    ],
)
def test_voice_to_text_handwriting_is_handwriting(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.triage == "concern"
    assert result.matches[0].id == "handwriting"
