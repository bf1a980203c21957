"""Round 42 (blind set r42a, session 66): words that looked like danger or another subject.

Each first case failed before the round: a posture with the bottom "sticking out" as the
child walks read as a rectal prolapse, a child pushing himself "up off his legs" to stand
(Gowers' manoeuvre, told as long-standing) read as a child gone off his legs, and a mother who
"swears by" baby walkers read as a behaviour worry. The guards pin what the mends must not
change, with the cases a paediatric review of the round found: a prolapse told with a poo or a
push, a child who has gone or "ended up" off his legs, and Gowers' sign told with a change.

A stay in neonatal care told as history ("spent 2 weeks in NICU for jaundice. She is now 9
months") was tried and taken back: the review showed it stood down what the baby has now (a
bump on the head, breathing pauses, green vomit).
"""

from __future__ import annotations

import pytest

from knowledge.loader import default_knowledge
from knowledge.matcher import Matcher
from tests.support.triage_rules import rules_fired, rules_level


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(default_knowledge())


@pytest.mark.parametrize(
    "text",
    [
        "she walks with her bottom sticking out and tummy forward, 5yo, is that posture normal",
        "Sorry long message. My son is 3 and a half and I've been worried for a while. He only "
        "started walking at 20 months, he still can't jump, he gets tired really quickly at the "
        "park and he sort of uses his hands to push himself up off his legs when he stands up "
        "from the floor. Who do I even ask?",
    ],
)
def test_background_and_posture_are_not_danger(text: str) -> None:
    assert rules_level(text) in ("concern", "safety_net"), rules_fired(text)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("something pink is sticking out of her bottom", "rectal_prolapse"),
        ("her bottom sticks out when she does a poo, like a red bubble", "rectal_prolapse"),
        ("his bottom came out a bit after a poo", "rectal_prolapse"),
        ("my little boy has gone off his legs", "sudden_weakness"),
        (
            "he pushes himself up off his legs to stand and now he has started walking on his "
            "toes",
            "sudden_weakness",
        ),
        # Its paediatric review: real prolapses told with "sticks out", and "off his legs".
        ("when he does a poo his bottom sticks out and it looks red", "rectal_prolapse"),
        (
            "Her bum sticks out when she pushes to go number 2, then goes back in",
            "rectal_prolapse",
        ),
        ("he's ended up off his legs, he just sits and wants carrying", "sudden_weakness"),
    ],
)
def test_the_same_words_told_as_danger_still_are(text: str, sign: str | None) -> None:
    assert rules_level(text) == "urgent"
    if sign:
        assert sign in rules_fired(text)


def test_a_grandmother_who_swears_by_walkers_is_not_a_behaviour_worry(matcher: Matcher) -> None:
    result = matcher.match(
        "Is a baby walker good or bad? My mam swears by them but the health visitor said no"
    )
    assert result.triage == "concern"
    assert result.matches[0].id == "late_walking"


@pytest.mark.parametrize(
    "text",
    ["he has started swearing at nursery", "my 6 year old swears at me when he's angry"],
)
def test_swearing_is_still_behaviour(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.triage == "out_of_scope"
    assert result.elsewhere is not None
    assert result.elsewhere.id == "behaviour"
