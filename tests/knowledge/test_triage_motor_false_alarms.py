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
