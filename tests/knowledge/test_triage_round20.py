"""Round 20 (blind set tri20: 75 emergencies, 85 same-day worries, 80 ordinary messages after
review). Each mechanism is pinned with wording the set did not use and, where it could reach
too far, a neighbour on the other side. Rules alone (no examples' second opinion)."""

from __future__ import annotations

import pytest

from knowledge.normalize import normalize
from tests.support.triage_rules import rules_level

EMERGENCY = [
    # A high-pitched, squeaky or weak cry in a baby under 3 months (NICE NG143 red feature;
    # Healthier Together's crying baby advice).
    "my 4 week old has a weird high pitched cry today",
    "7 week old making a feeble little cry and not himself",
    # A colour told before "cold to touch" (Healthier Together: unusually cold to touch is red).
    "she's so pale and cold to the touch",
    # A skill lost suddenly with the legs or body giving way (RCPCH stroke, NHS GBS: sudden
    # weakness is an emergency).
    "an hour ago he was fine, now all of a sudden he can't stand up and his legs keep giving way",
    "suddenly she won't sit up by herself anymore, she just flops over, 10 months",
    # Neighbours of the calm rows below: an adult's burn with the baby held, a poison service
    # that did not say fine.
    "my husband scalded his hand while holding the baby and her arm is blistering too",
    "she drank some bleach, the poison line said to take her to hospital",
    "the poison centre said he would be fine but now he has drunk some bleach",
]


@pytest.mark.parametrize("text", EMERGENCY)
def test_round20_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


URGENT = [
    # A denial ends with its clause: "not much, eyes are sunken" (NICE CG84: sunken eyes).
    "vomiting since last night and weeing not much, her eyes are sunken",
    # Hot all night or overnight is a fever (with a discharging ear: the same day).
    "his ear is oozing and he was hot all night",
    # Thrush in the mouth with drinks refused (NICE NG143 amber: poor feeding).
    "she has oral thrush and now won't drink anything, 11 months",
    # A swelling on the side of "my son's" tummy (NICE NG12: abdominal mass).
    "noticed a swelling on the right side of my son's tummy in the bath",
    # Croup with a noise breathing in only when upset (stridor; the same day).
    "croup again, a bit of a harsh noise when he breathes in if he gets upset",
    # More effort to breathe told mildly, with a cold.
    "my 11 month old has a chesty cold and is having to work harder to breathe",
    # Two children's heads knocked together, then a headache and dizziness (NICE NG232).
    "bumped heads with a friend, now a headache and feels dizzy",
    # "Off his legs": not walking.
    "my little girl has gone off her legs",
    # A swollen calf that hurts to walk on (NHS DVT; infection).
    "his calf has swollen up and it hurts when he walks on it, didn't hurt it",
    # A skill lost "like before"; a hand not used "anymore" (the "not" is part of the loss).
    "she can't get up the stairs like she used to, it's been a fortnight",
    "he doesn't pick things up with his left hand anymore, started a few days ago",
    # "Turning one eye out" is a squint, not the age "turning one".
    "my 3 year old has started turning one eye out this week",
    # Not themselves and much less active, without a fever (NICE NG143 amber: less active).
    "he's not himself, just lying on the floor, no interest in his toys",
    # A cut that may need stitches (NHS cuts: stitches are done at urgent care or A&E).
    "sliced his thumb on a tin, think it might need glue",
]


@pytest.mark.parametrize("text", URGENT)
def test_round20_same_day(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


CALM = [
    # An adult's own burn or cut; food burnt in cooking; a show's character; a joke faint.
    "my wife burnt her hand on the oven, how should I dress it",
    "I burned my hand on the kettle, can I still do bath time",
    "he burned the pancakes again, teaching him to cook at 9",
    "she loves a game where somebody gets electrocuted, is it ok at 7",
    "saw the bill for the party and nearly passed out lol",
    # A poison service that already said the child was fine.
    "rang 111 when he sucked a dishwasher tablet last week, they said he would be fine",
    # A lip swollen after a knock, eating fine: an injury, not an allergic swelling.
    "banged his mouth on the swing, lip is swollen, eating fine",
    # Neighbours: breathing harder from exercise (the new form stands down for it); "run off
    # his legs" at a party.
    "he is working harder to breathe after swimming lessons, normal?",
    "he ran himself ragged at the party, run off his legs, fast asleep now",
    # A parent's legs giving way; a child who "flops" when tired of walking, with no lost skill.
    "my legs gave way after the long hike lol, he walked the whole way, 5",
    "suddenly he can't be bothered to walk, flops on the floor when we go to the shops",
]


@pytest.mark.parametrize("text", CALM)
def test_round20_calm(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


def test_turning_one_is_still_an_age() -> None:
    assert normalize("she is turning one next week") == "she is 12 months"
    assert "12 months" not in normalize("he keeps turning one foot in")
