"""Session 66: a second paediatric review of the danger answers' steps and wording.

What each test guards, in the review's order:

1. An electric burn told without the word "shock" ("electric burn from a socket") gets the
   power-off step first; an old electric burn told as history stands down like a burn's.
2. A baby's burn is cooled under cool (or lukewarm) running water and the baby kept warm; the
   wet cloths where they lie are only for a child who cannot be moved to a tap.
3. A fit told days, weeks or months ago with the child well now is history; a fit minutes or
   an hour ago, or earlier today, keeps the emergency.
4. Sunburn, or skin red from the sun, is not a hot red joint.
5. A large scald (both legs, a kettle over the chest) gets the large burn's call only.
7. The electric shock's step: the power off, then clothing and jewellery, then the cooling.
8. A toe nail or finger nail torn off is not a part cut off, and no line is said twice.
9. A bleeding finger told with a grazed knee keeps the finger's step.
10. The finger's step says to press for 10 minutes without lifting to check.

Each test failed before its mend; a test named "guard" passed before it too.
"""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_advice, rules_fired, rules_level

POWER_OFF = "Do not touch your child until the power is off"
COOL_20 = "Cool the burn under cool running water for 20 minutes"
WHERE_THEY_LIE = "cool only the burn where they lie"

# --- 1: an electric burn ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "electric burn from a socket",
        "he got an electric burn from the plug socket on his finger",
        "my son has an electrical burn on his hand from the charger",
        "she burnt her fingers on the plug socket",
    ],
)
def test_an_electric_burn_turns_the_power_off_first(text: str) -> None:
    """The burn's step alone was given: clothing and cooling, no word of the power."""
    assert rules_level(text) == "emergency"
    assert "electric_shock" in rules_fired(text)
    steps = rules_advice(text).split("While you wait: ", 1)[1]
    assert steps.startswith(POWER_OFF)


@pytest.mark.parametrize(
    "text",
    [
        "old electric burn scar from last year, fine now",
        "he had an electric shock from a socket when he was 2, he is 6 now and fine",
        "she got an electric burn from the charger last summer, it healed well",
    ],
)
def test_an_old_electric_burn_told_as_history_is_not_an_emergency(text: str) -> None:
    assert rules_level(text) == "safety_net"


@pytest.mark.parametrize(
    "text",
    [
        "he got an electric shock from the socket 10 minutes ago, he seems ok",
        "electric shock from the plug, now he is very sleepy",
        "my toddler got a shock from a cable last night and his finger has a burn mark",
    ],
)
def test_guard_a_shock_now_stays_an_emergency(text: str) -> None:
    assert rules_level(text) == "emergency"


# --- 2: a baby's burn ---------------------------------------------------------------------------

BABY_BURNS = [
    ("my 8 month old burnt her palm on the iron", None),
    ("she grabbed the hot iron and burnt her palm", 8),
    ("my baby scalded his hand with my tea", 5),
]


@pytest.mark.parametrize(("text", "age"), BABY_BURNS)
def test_a_babys_burn_goes_under_running_water_and_the_baby_is_kept_warm(
    text: str, age: int | None
) -> None:
    """A baby was told to be cooled only "where they lie, with cool wet cloths", and the
    wording spoke of "a child who must be kept still"."""
    told = rules_advice(text, age)
    assert COOL_20 in told
    assert "lukewarm" in told
    assert "keep the rest of your child covered and warm" in told
    assert WHERE_THEY_LIE not in told
    assert "must be kept still" not in told


def test_a_baby_not_responding_is_cooled_where_she_lies_in_plain_words() -> None:
    told = rules_advice(
        "my 8 month old pulled the iron down on herself by the cord, its hit her head and "
        "she's not responding normally"
    )
    assert WHERE_THEY_LIE in told
    assert "must be kept still" not in told


# --- 3: a fit long ago --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "she had a febrile seizure 3 weeks ago, she's fine now",
        "he had a febrile fit 2 weeks ago and he's been fine since",
        "my son had a seizure 5 days ago, he is totally fine now",
        "she had a febrile convulsion a few weeks ago, she's well now, will it happen again?",
        "had a fit 2 months ago, fine now",
    ],
)
def test_a_fit_long_ago_with_the_child_well_now_is_history(text: str) -> None:
    """Each was an emergency: "had a ... seizure 3 weeks ago" read as a fit just over."""
    assert rules_level(text) == "safety_net"


@pytest.mark.parametrize(
    "text",
    [
        "she had a fit 10 minutes ago, she's fine now",
        "he had a seizure half an hour ago, he seems ok now",
        "he had a seizure an hour ago",
        "she had a febrile seizure earlier today, she's fine now",
        "she had a fit 10 minutes ago",
        "had a febrile seizure 3 weeks ago and now she is having another one",
    ],
)
def test_guard_a_recent_fit_stays_an_emergency(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "my 2yo had a febrile seizure 3 weeks ago. now temp 39.5 and very sleepy",
        "she had a fit 5 days ago, fine since, but today she is floppy and hard to wake",
    ],
)
def test_guard_a_fit_long_ago_does_not_stand_down_what_is_told_after_it(text: str) -> None:
    assert rules_level(text) == "emergency"


# --- 4: sunburn ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Sunburn on her shoulders, a bit red",
        "her shoulders are red from the sun",
        "his knees got sunburnt and are red and warm",
        "her shoulders are a bit red and hot after a day in the sun",
    ],
)
def test_sunburn_is_not_a_hot_red_joint(text: str) -> None:
    """Read as a hot joint, each got the bone and joint infection answer, the same day."""
    assert "limp_with_fever" not in rules_fired(text)
    assert "bone or joint is infected" not in rules_advice(text)


@pytest.mark.parametrize(
    "text",
    [
        "his knee is red and hot to touch",
        "she was in the sun all day. her knee is hot and red and she is limping",
    ],
)
def test_guard_a_hot_red_joint_without_the_sun_is_still_the_same_day(text: str) -> None:
    assert "limp_with_fever" in rules_fired(text)


def test_guard_a_sunburnt_baby_is_still_the_same_day() -> None:
    assert rules_level("my baby's shoulders are sunburnt and red", 6) == "urgent"


# --- 5: large scalds ----------------------------------------------------------------------------

DEPARTMENT = "going straight to the emergency department is also right"


@pytest.mark.parametrize(
    "text",
    [
        "a large scald on both legs",
        "he pulled the kettle over and scalded his chest",
        "a kettle scald on her chest, it's all red",
        "boiling water from the pan went down his back, it's scalded",
        "scalded both legs in the bath",
    ],
)
def test_a_large_scald_gets_the_call_only(text: str) -> None:
    """Each was the small burn's answer, with the drive to the department offered."""
    assert "burn_large" in rules_fired(text)
    assert DEPARTMENT not in rules_advice(text)


@pytest.mark.parametrize(
    "text",
    [
        "small kettle scald on his finger",
        "she burnt her hand on the oven door",
        "a tiny splash of boiling water on his tummy, a small red mark the size of a coin",
    ],
)
def test_guard_a_small_burn_is_not_a_large_one(text: str) -> None:
    assert "burn_large" not in rules_fired(text)


# --- 7: the electric shock's order --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "he got a shock from the socket and burnt his hand",
        "electric shock from a plug socket, he's got a burn on his finger",
        "electric burn from a socket",
    ],
)
def test_an_electric_burn_takes_clothing_off_before_the_cooling(text: str) -> None:
    """The shock's step cooled first and took clothing and jewellery off after."""
    steps = rules_advice(text).split("While you wait: ", 1)[1]
    power = steps.index(POWER_OFF)
    clothing = steps.index("take off clothing or jewellery on or near it unless it is stuck")
    cooling = steps.index("cool the burn under cool running water for 20 minutes")
    assert power < clothing < cooling


def test_a_shocked_child_not_responding_is_not_sent_to_the_tap() -> None:
    told = rules_advice(
        "My son stuck a hair clip in the plug socket, there was a bang and he dropped to the "
        "floor, he is not responding and has black burn marks on his fingers"
    )
    steps = told.split("While you wait: ", 1)[1]
    assert steps.startswith(POWER_OFF)
    assert "with cloths soaked in cool water where they lie" in told
    assert "Do not carry your child to a tap" not in told


# --- 8: a nail torn off -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "his toe nail was torn off, blood everywhere",
        "her finger nail came off and it is bleeding loads",
        "she tore her toe nail off on the trampoline, bleeding loads",
    ],
)
def test_a_nail_torn_off_is_not_bagged_on_ice(text: str) -> None:
    """The first was told to bag the part on ice twice, in two wordings."""
    assert rules_level(text) == "emergency"
    told = rules_advice(text)
    assert "ice" not in told
    assert "cut-off part" not in told
    assert "hold the hand or foot up, above the level of the heart" in told


@pytest.mark.parametrize(
    "text",
    ["fingertip cut off in the car door", "his toe was chopped off by the lawnmower"],
)
def test_guard_a_part_cut_off_is_still_bagged_on_ice(text: str) -> None:
    told = rules_advice(text)
    assert told.count("on ice") == 1


# --- 9 and 10: a bleeding finger ----------------------------------------------------------------

PRESS_10 = "Keep the pressure on for 10 minutes without lifting the cloth to check"


@pytest.mark.parametrize(
    "text",
    [
        "his finger is bleeding and won't stop, he also grazed his knee",
        "he cut his finger and it won't stop bleeding, he grazed his knee too",
        "she fell and grazed both knees and her thumb is bleeding heavily and won't stop",
        "bruised his arm at football and now his finger is bleeding a lot and won't stop",
    ],
)
def test_a_bleeding_finger_with_a_graze_keeps_the_fingers_step(text: str) -> None:
    """Any limb word anywhere gave the whole bleeding step, its tourniquet line with it."""
    told = rules_advice(text)
    assert "hold the hand or foot up, above the level of the heart" in told
    assert "tourniquet" not in told


@pytest.mark.parametrize(
    "text",
    [
        "blood spurting from his leg, he also cut his finger",
        "she cut her arm on glass, blood is pumping out, her finger is fine",
        "firework went off in his hand, fingers badly damaged, lots of blood",
        "deep gash on his thigh and his finger is pouring blood",
        "he cut his finger and his knee, both bleeding heavily",
    ],
)
def test_guard_an_arm_or_leg_that_bleeds_keeps_the_whole_step(text: str) -> None:
    assert "If blood spurts from an arm or leg" in rules_advice(text)


@pytest.mark.parametrize(
    "text",
    [
        "he cut his finger and the bleeding won't stop",
        "cut his toe on glass and it won't stop bleeding",
    ],
)
def test_a_bleeding_finger_is_pressed_for_10_minutes_without_checking(text: str) -> None:
    told = rules_advice(text)
    assert PRESS_10 in told
    assert told.count("10 minutes") == 1


# --- 6: a small burn ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "he touched the oven door for a second, his finger is a bit red, no blister",
        "she burnt her finger a little on the toaster",
        "touched the oven door, red finger, no blister, how long do I run it under the tap?",
    ],
)
def test_a_small_burn_at_the_safety_net_gets_the_cooling(text: str) -> None:
    """The safety net had no step at all: not a word of cooling the burn."""
    assert rules_level(text) == "safety_net"
    told = rules_advice(text)
    assert told.startswith("What to do now: Cool the burn under cool running water for 20 minutes")
    assert "emergency department if blisters appear" in told


@pytest.mark.parametrize(
    "text",
    [
        "he has a carpet burn on his knee from the trampoline",
        "she burnt her tongue a bit on hot soup",
    ],
)
def test_guard_a_friction_burn_or_a_tongue_is_not_sent_under_the_tap(text: str) -> None:
    assert "cool running water" not in rules_advice(text)


@pytest.mark.parametrize(
    "text",
    [
        "small oven burn on his finger, how long should I run it under the tap?",
        "he burnt his hand on the oven, how long do I run it under the tap",
    ],
)
def test_guard_a_burn_on_the_hand_not_told_as_a_moment_keeps_its_level(text: str) -> None:
    """Not lowered: NHS Healthier Together sends burns to the hands to A&E; the answer
    already says how long to cool it."""
    assert rules_level(text) == "emergency"
    assert COOL_20 in rules_advice(text)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("had a febrile seizure 2 months ago. now temp 39.5 and very sleepy", "emergency"),
        ("had a febrile seizure 2 months ago, now she is very drowsy and floppy", "emergency"),
        (
            "fell off the sofa 2 months ago, now his temperature is 38 and he won't walk",
            "emergency",
        ),
    ],
)
def test_a_sign_told_now_after_a_past_one_is_not_history(text: str, level: str) -> None:
    """A past fit or fall stood down what the child has now (the safety net only) when "now"
    came without "he has": a very sleepy feverish child is an emergency on its own."""
    assert rules_level(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "had a febrile seizure 2 months ago, she's fine now",
        "had a febrile seizure last year, now temp is normal and she's fine",
        "broke his arm last year, now he is sleepy after school, normal?",
        # Its review: tired after nursery is not a sign happening now.
        "He had a febrile seizure last year, fine since. now he is really sleepy every afternoon "
        "after nursery, is he just tired?",
    ],
)
def test_guard_a_past_sign_with_the_child_fine_now_stays_history(text: str) -> None:
    assert rules_level(text) == "safety_net"
