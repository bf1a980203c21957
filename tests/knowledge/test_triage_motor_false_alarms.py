"""False alarms on ordinary messages (1 December). From the matching tuning set's motor
worries: a child tired by an activity is not drowsy, a baby who stiffens and straightens when
held standing is describing tone, not a fit, and a rash that "won't go away" despite what was
tried is lasting, not non-blanching. From a blind set of everyday messages: a child drinking
juice is not drinking the medicine asked about after it, "drinking juice, eating less" is not
drinking less, "no blood" denies the blood after the diarrhoea, and a fall off the sofa with
a cry at once and play after is not a dangerous fall at 6. Rules alone; each with a
neighbour that must still escalate."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level


@pytest.mark.parametrize(
    "text",
    [
        "she has low tone and gets so tired climbing the stairs, is a buggy board ok at 4",
        "he is floppy-ish (hypotonia) and very tired walking to school, any tips",
        "my 5 month old goes stiff and straightens his legs when I stand him on my lap",
        "when we hold her up she goes rigid and up on her tiptoes, 6 months, normal?",
        "the rash on her cheeks will not go away, tried three creams, she is 2",
        "heat rash on his back that won't go away for days now, he's fine otherwise",
        "she is 4, bit of a cold, drinking milk and eating fine, is nurofen ok at night",
        "my 5yo fell off the couch and bumped his head, small bump, cried straight away then "
        "went back to his game",
    ],
)
def test_motor_and_skin_worries_are_not_emergencies(text: str) -> None:
    assert rules_level(text) != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "he went stiff and then his arms started jerking",
        "she went all stiff and then stopped breathing",
        "my baby is very floppy and really tired and not feeding",
        "purple spots on her legs that won't go away when I press a glass on them",
        "he is hot and has a rash that does not go away when pressed",
    ],
)
def test_neighbours_still_escalate(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "runny poos three times since breakfast, no blood, still playing, 2 years old",
        "temp 38.2, drinking juice eating less than normal, she is 3",
    ],
)
def test_everyday_illness_is_not_urgent(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("runny poos since yesterday and now there is blood in them", "urgent"),
        ("he is drinking much less than usual and has a temperature of 39", "urgent"),
        ("he was drinking squash and then drank some of the calpol bottle", "emergency"),
        ("fell off the sofa onto his head and has been sick three times", "emergency"),
    ],
)
def test_everyday_neighbours_still_escalate(text: str, level: str) -> None:
    assert rules_level(text) == level


#: From a second blind set of everyday messages: a fall told as a habit with a request for
#: help, a newborn's noises in her sleep, "gagging or choking" asked about, and a child
#: chewing his hands before a question about paracetamol.
@pytest.mark.parametrize(
    "text",
    [
        "she always falls off the climbing wall at soft play, how do we build her confidence",
        "my 2 week old makes whistling noises in his sleep but is fine when awake, normal?",
        "he gags loads on lumpy mash at 7 months and spits it out, normal gagging or choking",
        "teething again, chewing his fingers all day, calpol ok before bed? he's 11 months",
    ],
)
def test_everyday_questions_are_not_emergencies(text: str) -> None:
    assert rules_level(text) != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "she fell off the climbing wall at soft play and is not moving",
        "he is making a whistling noise breathing in and his lips look blue",
        "she is choking on a piece of apple and can't cough",
        "he was chewing on the calpol sachets and swallowed some",
    ],
)
def test_everyday_neighbours_still_are_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


#: Same-day answers a paediatrician would not give, from the everyday sets: a newborn's
#: jaundice told as fading with good feeds (NICE CG98), a spot of blood from the cord stump,
#: a toddler who walked into something and has a little bump and is fine.
@pytest.mark.parametrize(
    "text",
    [
        "she's 8 days old, her yellow colour is fading and she feeds every 3 hours, ok?",
        "cord stump dropped off today, a small spot of dried blood on his nappy, looks fine",
        "he walked into the door an hour ago, small bump on his forehead, laughing now",
    ],
)
def test_everyday_worries_are_not_same_day(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "she's 8 days old and her skin looks yellow, even her tummy",
        "9 days old, still yellow and his poo is pale like chalk",
        "he is clumsy and walking into doors since last week, that is new",
    ],
)
def test_everyday_same_day_neighbours_still_escalate(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


#: From the third everyday set: a swelling denied inside the words that name it ("eye not
#: swollen"), and a pink rash after a fever that is over (roseola's pattern).
@pytest.mark.parametrize(
    "text",
    [
        "my 4 year old woke up with a gunky eye, green goo in the corner, eye not swollen, fine",
        "pink spotty rash came out after her temperature last week, she is 20 months and well",
        "temp was 39 last night, normal this morning, now a faint rash on his back, happy boy",
    ],
)
def test_everyday_eyes_and_rashes_are_not_same_day(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("her eyelids are swollen and red and she has a temperature of 38.6", "urgent"),
        ("rash after his temperature last week, spots do not fade with a glass", "emergency"),
        ("he has a high temperature now and a rash on his tummy", "urgent"),
    ],
)
def test_everyday_eye_and_rash_neighbours_still_escalate(text: str, level: str) -> None:
    assert rules_level(text) == level


def test_dropping_off_the_bars_is_not_falling_asleep() -> None:
    """Third everyday set: "keeps dropping off" the apparatus a child is learning, not a child
    who keeps falling asleep (which stays an emergency)."""
    assert rules_level("she keeps dropping off the rope at gym, how can she hold on longer") != (
        "emergency"
    )
    assert rules_level("he has a temp of 39 and keeps dropping off, so drowsy") == "emergency"
