"""Two blind sets of 1 December (a same-day-heavy set and a motor-focused one), scored before
they were read: what they missed and what they escalated for nothing, in new wordings, with
neighbours that must keep their level. Rules alone (``rules_level``), so the learned second
opinions cannot hide a rule that is missing."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level


@pytest.mark.parametrize(
    "text",
    [
        # A passing one-sided weakness with muddled speech is a stroke warning (RCPCH 2017),
        # even when it is getting better.
        "for 15 mins her left hand went weak and her words were all muddled, better now",
        # One side newly weak with a headache and vomiting.
        "terrible headache, he threw up and now his left leg is dragging",
        "worst headache ever she says, now her right arm is weak",
        "the left corner of her mouth is hanging down and she can't lift her left arm",
        # One pupil bigger after a knock to the head (NICE NG232).
        "took a cricket ball to the head at practice, one pupil looks bigger now",
        # A joint still out of place (NHS dislocated kneecap: call 999).
        "his kneecap slipped out at football and it's still out, he's screaming",
    ],
)
def test_missed_emergencies_are_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        # New toe walking, or a foot newly turning in, on a child who walked flat before.
        "walking on her toes since about three weeks ago, before that she walked normally",
        "his left foot started turning in a month back, he catches it and trips",
        # More unsteady since a new medicine (a drug's side effect is checked the same day).
        "she's wobbly on her feet since she started the new seizure tablets",
        # Gowers' sign that is new.
        "pushes on his knees to get up off the floor, new in the last few weeks, keeps falling "
        "when he climbs stairs now",
        # A kneecap that popped back by itself (NHS: minor injuries unit or A&E).
        "her kneecap popped out at netball and went back in, knee is puffy",
        # The spine sore after a fall (NICE NG41).
        "fell off the trampoline onto his back, now the middle of his back is sore",
        # A hip that hurts with a fever (NICE CKS limp).
        "her knee hurts and she has a fever since yesterday",
        # Tonsillitis with a child who will not swallow even water.
        "tonsillitis since friday, not swallowing even water today",
        # Tummy pain worse over bumps in the car (NHS appendicitis).
        "tummy hurts, worse every time we go over a bump in the car",
    ],
)
def test_missed_same_day_worries_escalate(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        # History with a year and "none since".
        "he had a febrile fit in 2023, none since, can he go swimming",
        # A deep sleep, not a child who cannot be roused.
        "he conked out in the buggy and I couldn't wake him for his bath, lol",
        # A dose given and a well child's list.
        "gave calpol once for 38.2 last night, today no temp, eating drinking and playing",
        # 37.5 to 37.9 after jabs in a young baby: below NICE NG143's 38 C.
        "10 week jabs this morning, temperature 37.7, feeding fine",
        # Toilet training, not dry nappies.
        "she is 3 and still in a nappy at night but dry in the daytime",
        # Progress told in other words.
        "he gave up crawling because he decided running is more fun",
        # A limp at the end of sport that is gone by morning (Sever's heel pain).
        "limps at the end of football, heel sore, fine by the next morning",
        # A small gland behind the ear after a cold.
        "little lump behind his ear that moves under my finger, he had a cold",
        # A vaccine arm.
        "after her preschool booster her arm is red and swollen where the jab went in",
        # Torticollis already under a physio.
        "she tilts her head to the left, the physio is treating her torticollis",
        # Hives on one part, no swelling.
        "a few hives on her arm after the grass, no swelling anywhere, playing",
        # A newborn's sticky eye with lids not red or swollen.
        "2 week old with a sticky eye in the mornings, eyelids not red or swollen",
        # A medicine started, then progress: progress still stands a skill change down.
        "she stopped crawling since she started walking",
    ],
)
def test_ordinary_worries_are_not_escalated(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("he had a fit in 2023 and another one just now, still shaking", "emergency"),
        ("couldn't wake him for his bath, he is floppy and hot", "emergency"),
        ("10 week old, temperature 38.1 after jabs", "emergency"),
        ("her nappy has been dry for 10 hours, 6 months old, vomiting", "urgent"),
        ("his ear hurts and there is a red swelling behind it pushing it out", "urgent"),
        ("hives all over his body after peanuts", "urgent"),
        ("a 2 week old with a red swollen sticky eye", "urgent"),
        ("limping since this morning, won't put weight on the leg", "urgent"),
    ],
)
def test_neighbours_keep_their_level(text: str, level: str) -> None:
    if level == "urgent":
        assert rules_level(text) in ("urgent", "emergency")
    else:
        assert rules_level(text) == level
