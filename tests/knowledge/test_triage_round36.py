"""Round 36 (session 59): blind sets r36a and r36b, read by the rules alone.

Each case failed before the session's change: a level the blind writer or the paediatric review
showed was wrong, a first step that did not fit, or an ordinary message read as a danger sign.
"""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_advice, rules_fired, rules_level


def test_a_short_time_under_the_water_is_a_near_drowning() -> None:
    """ "Only" between the verb and "under the water" hid the submersion; a cough and a quiet
    child after it can turn into breathing trouble hours later."""
    text = (
        "he was only under the water at the pool a few seconds, hes coughing a bit and a bit "
        "quiet but otherwise ok. hes 3. just keep an eye?"
    )
    assert rules_level(text, 36) == "emergency"
    assert "drowning" in rules_fired(text, 36)


def test_wetting_again_with_a_new_wide_unsteady_walk_is_the_same_day() -> None:
    text = (
        "Son 3.5 yrs, fully toilet trained and walking fine, but over 10 days he walks with his "
        "feet wide apart, falls more, and has started wetting himself again"
    )
    assert rules_level(text, 42) == "urgent"
    assert "spinal_warning" in rules_fired(text, 42)


def test_a_fall_onto_the_neck_then_numb_arms_keeps_the_neck_still() -> None:
    """The stroke sign's "note the time" was the only step; the neck is kept still."""
    text = (
        "my 3 y/o just came off the trampoline and landed on his neck, now saying he can't "
        "feel his arms properly"
    )
    assert rules_level(text, 36) == "emergency"
    assert "do not let them lift, turn or nod their head" in rules_advice(text, 36)


def test_a_bead_up_the_nose_that_will_not_come_out_is_not_choking() -> None:
    """ "Can't get it out" read as a blocked airway: back blows for a child breathing fine."""
    text = "my 2yo pushed a bead up her nose, i can see it but cant get it out, breathing fine"
    assert rules_level(text, 24) == "urgent"
    assert "back blows" not in rules_advice(text, 24)


@pytest.mark.parametrize(
    "text",
    [
        "he pushed a bead up his nose and now he is struggling to breathe, cant get it out",
        "something in his nose, i cant get it out and he is coughing and choking",
    ],
)
def test_a_nose_object_with_breathing_trouble_stays_an_emergency(text: str) -> None:
    assert rules_level(text, 24) == "emergency"


def test_blood_in_the_nappy_after_vomiting_is_not_bleeding_from_the_mouth() -> None:
    """The mouth's "sit up and lean forward" was given to a pale, floppy baby."""
    text = (
        "My son 10 months screaming on and off, pulling his legs up, vomiting, and now there's "
        "blood and jelly stuff in his nappy. he's pale and floppy in between"
    )
    assert rules_level(text, 10) == "emergency"
    assert "bleeding_from_mouth" not in rules_fired(text, 10)


@pytest.mark.parametrize(
    ("text", "age_months", "not_fired"),
    [
        # Refusing to stand on one leg that hurts is a possible break, not a stroke.
        (
            "14 month old was walking from 11 months but for the last 2 days she won't stand on "
            "her right leg, crawls instead and cries when I touch her shin. Didn't see her fall, "
            "no fever.",
            14,
            "stroke_signs",
        ),
        # Eye contact grown less beside lost skills is a regression, not an unresponsive child.
        (
            "my son is 30 months, in the last month he has stopped talking and stopped using his "
            "spoon, won't look at us much",
            30,
            "unresponsive",
        ),
    ],
)
def test_same_day_signs_no_longer_read_as_emergencies(
    text: str, age_months: int, not_fired: str
) -> None:
    assert rules_level(text, age_months) == "urgent"
    assert not_fired not in rules_fired(text, age_months)


@pytest.mark.parametrize(
    ("text", "age_months"),
    [
        (
            "he's got a small friction burn from the plastic slide on his arm, already healing. "
            "but wanted to ask, is it ok that he goes down head first? he's 2 and a half",
            30,
        ),
        (
            "lol my 5 yo says she 'broke' her arm, it's her barbie's arm. anyway, she wants to do "
            "gymnastics, what age is good to start",
            60,
        ),
        (
            "baby 3 weeks grunts and goes red in the face when trying to poo, breathing totally "
            "normal otherwise, feeding well and poos are soft. is this normal?",
            0,
        ),
        # Blind set r36a: development questions read as danger signs.
        (
            "My daughter is 5 and was born at 26 weeks. She's doing well overall but her balance "
            "is really poor, she can't stand on one leg and falls off the climbing frame a lot. "
            "Is poor balance common in ex-prems and can it improve with practice?",
            None,
        ),
        (
            "hi hi. my 8mo has just started army crawling, dragging himself along with his arms "
            "and his legs just kind of trail behind. is that how it starts or is something wrong "
            "with his legs?",
            None,
        ),
        (
            "I have a son (7) with cerebral palsy who uses a wheelchair. My son has recently got "
            "into drawing but his hands shake a lot and the paper moves about. Are there any "
            "tools that could help him?",
            None,
        ),
        (
            "My 15 month old daughter Zara was diagnosed with torticollis at 3 months and did "
            "physio. Now she's walking and I notice she tilts her head when she's tired. Also "
            "she's started walking on tip toes when she's excited.",
            None,
        ),
        (
            "My twins are 9 months corrected and one is much floppier than the other, should I "
            "bring it up at their check?",
            None,
        ),
    ],
)
def test_ordinary_messages_are_not_escalated(text: str, age_months: int | None) -> None:
    assert rules_level(text, age_months) in ("concern", "safety_net")


def test_tired_at_the_park_is_effort_not_drowsiness() -> None:
    """The safety net went first for a child with cerebral palsy who tires at the park."""
    text = (
        "My son has mild diplegic cerebral palsy and he's now 3. He walks with AFOs and gets "
        "really tired at the park. Any ideas for games that work for him?"
    )
    assert rules_level(text) == "concern"


@pytest.mark.parametrize(
    ("text", "age_months", "sign"),
    [
        # The second review's probes, wrong before the round.
        (
            "hit his head on the climbing frame an hour ago and now he's really tired and wants "
            "to lie down",
            36,
            "head_injury_warning",
        ),
        ("he suddenly can't stand on his legs and can't feel his feet", 60, "sudden_leg_weakness"),
        (
            "she can't walk on either leg since this morning after her tummy bug",
            48,
            "stroke_signs",
        ),
        (
            "she fell asleep after nursery and now her legs seem weak and floppy",
            18,
            "sudden_leg_weakness",
        ),
        (
            "he pushed a bead up his nose and can't get it out, now he's wheezing and whistling "
            "when he breathes",
            36,
            "swallowed_object_symptoms",
        ),
        ("3yo v pale, fever 38.6, not herself", 36, "fever_red_feature"),
    ],
)
def test_round_thirty_six_second_review_emergencies(text: str, age_months: int, sign: str) -> None:
    assert rules_level(text, age_months) == "emergency"
    assert sign in rules_fired(text, age_months)


@pytest.mark.parametrize(
    ("text", "age_months", "sign"),
    [
        # What the mends must leave alone (the second review's probes of the first version).
        (
            "she has a carpet burn on her knee from the rug and then touched the oven door and "
            "burnt her hand",
            30,
            "burn",
        ),
        (
            "he was chewing his teddy's arm in the cot and I found him not breathing and blue",
            8,
            "not_breathing",
        ),
        (
            "2 week old grunts all the time, even when she isn't trying to poo, and she isn't "
            "feeding well",
            0,
            "breathing_difficulty",
        ),
        ("grape stuck, I can't get it out, he's going purple and his ears are red", 24, "choking"),
        ("threw up blood with blood in her poo as well and she's pale", 48, "bleeding_from_mouth"),
    ],
)
def test_real_dangers_beside_the_new_look_alikes_keep_their_sign(
    text: str, age_months: int, sign: str
) -> None:
    assert rules_level(text, age_months) == "emergency"
    assert sign in rules_fired(text, age_months)


def test_rolling_onto_the_back_is_not_a_back_injury() -> None:
    """ "On her back" alone made a stroke of a development question (the second review)."""
    text = "she can roll onto her back but she can't stand yet, are her legs weak?"
    assert rules_level(text, 6) in ("concern", "safety_net")


def test_falling_asleep_on_the_back_keeps_no_neck_step() -> None:
    """Legs weak and floppy after a nap are an emergency, but no injury: no neck step."""
    text = "she fell asleep on her back after nursery and now her legs seem weak and floppy"
    assert "injury_hidden_danger" not in rules_fired(text, 18)
    assert "in the position you found them" not in rules_advice(text, 18)


def test_a_rash_that_does_not_fade_gets_a_while_you_wait() -> None:
    """The answer was the emergency headline alone."""
    text = (
        "my son 6 has had a fever today and now there's a purple blotchy rash on his legs that "
        "doesn't fade when I press a glass on it"
    )
    assert "While you wait: Tell the call handler what you have seen" in rules_advice(text, 72)


def test_a_same_day_answer_names_the_signs_to_call_for() -> None:
    """It said "any danger sign" without naming one."""
    told = rules_advice("pushed a bead up his nose, can see it but can't get it out", 30)
    assert "any danger sign" not in told
    assert "has trouble breathing, turns blue or grey, is floppy or hard to wake" in told


def test_a_suspected_shaking_gets_the_shaken_babys_step() -> None:
    text = (
        "4 month old, I think the babysitter may have shaken him, he's vomiting, very sleepy "
        "and not moving his arms much"
    )
    assert "head_injury_warning" in rules_fired(text, 4)
    assert "Tell the call handler exactly what happened" in rules_advice(text, 4)


def test_a_drooping_face_with_dribbling_is_given_nothing_by_mouth() -> None:
    text = (
        "the right side of his face went droopy and he's dribbling out of that side, and his "
        "right arm seems weak, he can't lift it properly"
    )
    assert "Do not give them anything to eat or drink" in rules_advice(text, 60)


def test_an_object_stuck_in_the_nose_names_where_it_can_be_taken_out() -> None:
    """The family doctor was named, who cannot take it out."""
    told = rules_advice("she pushed a bead up her nose and it won't come out", 30)
    assert told.startswith("This needs a doctor with the right tools today")
    assert "urgent treatment centre" in told
