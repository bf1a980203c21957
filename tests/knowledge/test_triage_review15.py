"""Clinical review of triage rounds 14 and 15 (30 November, evening): each fix of
``danger_signs.yaml`` pinned with its dangerous and calm neighbours. Rules alone (no
examples' second opinion), so each case tests the table itself.

Two kinds of fault were found: forms added in rounds 14 and 15 that hid a danger sign an
older form had answered (a glass test, a child not responding when called, eyes shut against
the light, a second real burn, pain and pallor after being winded, a nut and a wheeze beside an
expired auto-injector, a lost skill beside an unrelated "just started"), and forms that fired
on everyday sentences of a movement bot (a toy ball, a tantrum's fit, speech sounds, shyness,
a child who will not sit still).
"""

from __future__ import annotations

import pytest

from knowledge.examples import ExampleIndex
from knowledge.triage import assess
from tests.support.triage_rules import rules_level

EMERGENCY = [
    # NICE NG143: a rash that does not blanch with a fever. The round 14 look-behinds for
    # "fades with the glass test" also read "does not fade with the glass test" as fading.
    "it does not fade with the glass test and he is hot",
    # NG143 red: no response to social cues. The round 14 figure for "unresponsive whenever I
    # ask him to tidy up" had blanked "not responding when we call her name".
    "she has a high fever and is not responding when we call her name",
    "he is floppy and not responding when I call him",
    # Light that hurts the eyes with a fever and headache (meningitis): round 14 took "will not
    # open her eyes in the light" out of unresponsive and nothing else read it.
    "she has a fever and a headache and will not open her eyes in the light",
    # Winded by a fall, then pain, pallor or sleepiness: not the round 14 "winded and fine".
    "fell off the monkey bars and winded, seemed fine, now tummy pain and pale",
    "she fell off the slide and was winded, then seemed fine, but now she is sleepy and pale",
    # A finger burnt "a bit" must not stand down a real scald told in the same message.
    "burnt his finger a bit on the oven, then pulled the kettle over and scalded his chest, "
    "big blisters",
    # An expired auto-injector no longer fires by itself; a nut and a wheeze must.
    "I think his epipen expired, he ate a cashew and is wheezing",
]

EMERGENCY_NEIGHBOURS = [
    "his ball is swollen and very painful",
    "his left ball is swollen and hurts",
    "one ball looks higher than the other and he has tummy pain",
    "my son says his balls hurt really bad and he's crying",
    "painful swollen ball sack",
    "suddenly his words are coming out funny and his arm is weak",
    "his speech is weird since this morning",
    "she is talking funny since she fell off the bed",
    "his speech is slurred",
    "fever 40 and she's so drowsy she won't open her eyes properly",
    "he had a fit lasting 5 minutes and is still drowsy",
    "fit over 5 mins",
    "he has a fever and spots, they do not fade with the glass test",
    "her lips are swelling up after she ate a peanut",
]


@pytest.mark.parametrize("text", EMERGENCY + EMERGENCY_NEIGHBOURS)
def test_review15_emergency(text: str) -> None:
    assert rules_level(text) == "emergency"


URGENT = [
    # A lost skill (sudden_weakness): "just started" antibiotics or nursery is not a skill
    # just begun, which the round 15 form had read it as.
    "he just started antibiotics 3 days ago and suddenly can not walk",
    "she only started nursery 2 weeks ago and suddenly she can not stand up",
]

URGENT_NEIGHBOURS = [
    "he says people on the TV are talking about him",
    "he has a fever and cries when we try to move his leg",
    "he won't walk today, just sits and cries when we try to stand him up, no fall we know of",
    "she can not get up the stairs now, she could do it easily last week",
    "She could walk along the furniture at 11 months but now at 13 months she won't even pull "
    "to stand anymore and seems floppier",
    "hurts his chest when he breathes in, cough and fever",
    "favouring his right side all of a sudden",
]


@pytest.mark.parametrize("text", URGENT + URGENT_NEIGHBOURS)
def test_review15_urgent(text: str) -> None:
    assert rules_level(text) == "urgent"


CALM = [
    # A toy ball is not a testicle (these were emergencies).
    "he kicks his ball sideways instead of straight",
    "he threw his ball and it hurts his arm",
    "my 4 year old can throw his ball higher than his brother",
    "he lost his ball, it is red",
    # Speech sounds and a voice with a cold are not stroke signs.
    "his words come out funny when he is excited, he is 3",
    "my 3 year old's words come out jumbled, is that normal speech",
    "he has a sore throat and his voice sounds funny",
    "her speech is funny, she can not say her r sounds",
    # Eyes glued shut with sticky discharge are an eye problem, not a child who will not wake.
    "she can not open her eyes in the morning because they are sticky with conjunctivitis",
    # Shyness at PE is not psychosis.
    "she says everyone is watching her when she falls over at PE",
    "he says people are watching him when he runs, he hates sports day",
    # A tantrum's fit is not a seizure.
    "he throws a fit for over 10 minutes every bedtime",
    "she throws a fit of 20 minutes when we leave the park",
    # Not a lost skill: behaviour, a parent's own words, two different skills.
    "I can not manage him when he suddenly runs off",
    "he will not sit still at dinner, he used to sit nicely",
    "he can not catch a ball but he could kick one well at 2",
    # Crying at hair brushing or the car seat with a cold is not pain on handling.
    "she has a cold and a temp of 38 and cries when I try to brush her hair",
    "he has a fever and screams when we try to put him in the car seat",
    # A change of milk is not refusing drinks.
    "he has not drunk any cows milk since he went on the cup, fever last week",
]

CALM_NEIGHBOURS = [
    "he is totally unresponsive whenever I ask him to tidy up",
    "he will not open his eyes in the pool",
    "the rash fades with the glass test",
    "burnt her hand a tiny bit on the iron",
    "she only started walking 4 weeks ago and is still a bit wobbly",
    "she's wobbly when she walks, only started 2 weeks ago at 12 months",
    "he had a fit of giggles the first time he stood up on his own, too cute",
]


@pytest.mark.parametrize("text", CALM + CALM_NEIGHBOURS)
def test_review15_calm(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


def test_fell_off_the_monkey_bars_winded_and_fine_is_not_an_emergency() -> None:
    """Round 14's stand-down still holds when nothing is told after the recovery."""
    assert rules_level("fell off the monkey bars, winded for a second, fine now") != "emergency"


def _steps(text: str) -> tuple[str, ...]:
    """The first steps the rules alone give ``text``."""
    return assess(text, examples=ExampleIndex(())).first_steps


def test_a_nosebleed_that_will_not_stop_gets_the_nose_first_step() -> None:
    """NHS nosebleeds: pinch the soft part of the nose, leaning forward; a cloth pressed on a
    wound is the wrong first step for the nosebleed round 14 made an emergency."""
    text = "nosebleed for over 25 minutes even though we are pinching it"
    assert rules_level(text) == "emergency"
    steps = " ".join(_steps(text))
    assert "pinch the soft part" in steps
    assert "wound" not in steps


def test_a_wound_that_will_not_stop_bleeding_keeps_the_wound_first_step() -> None:
    steps = " ".join(_steps("he cut his hand and the bleeding won't stop"))
    assert "Press firmly on the wound" in steps
