"""Round 19 (blind set tri19: 60 emergencies, 80 same-day worries, 100 ordinary look-alikes).
Each mechanism is pinned with wording the set did not use and, where it could reach too far, a
neighbour on the other side. Rules alone (no examples' second opinion)."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

EMERGENCY = [
    # A snake bite told as what the snake did.
    "we think a snake got him in the long grass, two little marks on his foot",
    "a snake struck her on the ankle while we were hiking",
    # Jerking of all the limbs, or jerking with the eyes fixed or rolled (NHS: a fit).
    "my toddler is jerking all his limbs and it has been 4 minutes",
    "she's jerking both her arms, eyes fixed on the ceiling",
    # Neighbours of the calm rows below: a bruise beside blue lips, an alarm going off, a fall
    # with the child carried.
    "he has a bruise on his arm and his lips are going blue",
    "the carbon monoxide alarm is going off and the kids have headaches",
    "my husband fell down the stairs carrying the baby, she hit her head and is very sleepy",
]


@pytest.mark.parametrize("text", EMERGENCY)
def test_round19_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


URGENT = [
    # "N months back pain": an age and a back, not a time ago (the age was read as history and
    # stood the signs down).
    "9 yo back pain and fever 38.6, won't bend over to pick things up",
    # An ache in the bones with pallor; bruises without a knock with bleeding gums (NICE NG12).
    "his legs ache in his bones and he's so pale and tired",
    "she's getting big bruises without any knocks and her gums bleed",
    # Limb pain at night in one place or with a lump (NICE NG12: unexplained bone pain, swelling).
    "pain in her left knee keeps her up at night, weeks now",
    "ache in his thigh that keeps him awake at night, and a lump there",
    # Falling to one side after an illness; an arm not used after a fall; a counted stretch.
    "toppling to one side when he sits, started after a virus",
    "he hasn't used his arm since he fell off the sofa this morning",
    "last 2 weeks only feeds with his left, the right hand seems clumsy and weak",
    # An ear that was hurting, then a swelling behind it (NHS: mastoiditis); tingling legs with new
    # trouble on the stairs; bruises explained by nobody, told a few words after the bruises.
    "his ear was hurting and now it sticks out, red swelling behind it",
    "his legs feel tingly and since this morning he can't get up the stairs",
    "bruises on her arms and back that we can't explain, and she's pale",
    # Neighbours of the calm rows below: an object still stuck, walking lost again.
    "he pushed a bead up his nose and we can't get it out",
    "she was finally walking but now stopped and just crawls again",
]


@pytest.mark.parametrize("text", URGENT)
def test_round19_same_day(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


CALM = [
    # A healing bruise's colours; a detector asked about; chapped cheeks called a burn.
    "bruise on his thigh from the slide is going purple and yellow, he's fine",
    "which carbon monoxide detector is best for a nursery",
    "her cheeks are red and sore, wind burn from the walk on the beach, any cream",
    # An adult's or a neighbour's child's fall or break.
    "my husband fell off a ladder and hurt his back, any tips for lifting the baby",
    "my neighbours little boy broke his leg, now mine won't go on the slide",
    # Walking at last; an object already out.
    "she does not bottom shuffle any more, at last walking!",
    "he stuck a bead in his ear, the nurse got it out, he's fine",
    # Growing pains: both legs, fine by morning.
    "both legs ache at night, rubbing helps, fine in the morning, growing pains?",
    # Ears that stick out; pins and needles from sitting.
    "his ears stick out, will he get teased at school",
    "pins and needles in her foot from sitting cross legged, struggles on the stairs for a minute",
]


@pytest.mark.parametrize("text", CALM)
def test_round19_look_alikes_stay_below_urgent(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")
