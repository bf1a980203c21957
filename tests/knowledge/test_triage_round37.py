"""Round 37 (session 60): blind set r37b, read by the rules alone.

Each case failed before the session's change: a danger the blind writer told in plain words
that the rules missed or answered a level too low, or an ordinary message read as a danger
sign. The guards after each mend pass before it too: they pin the dangers told beside the
same words, so the mend cannot stand them down.
"""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_advice, rules_fired, rules_level


def test_a_cleaning_liquid_named_by_what_it_cleans_is_a_poisoning() -> None:
    """ "Liquid for cleaning the toilet" named no product the rules knew: nothing fired."""
    text = (
        "Please my daughter 2 years she drink some liquid for cleaning the toilet, her mouth is "
        "red inside and she is crying and spitting, what we do"
    )
    assert rules_level(text, 24) == "emergency"
    assert "poisoning" in rules_fired(text, 24)


def test_a_cast_told_as_on_with_white_cold_fingers_is_a_tight_cast() -> None:
    """ "Cast on" was not read as a cast: the fracture's same-day answer, not the emergency."""
    text = (
        "7yo broke her arm yesterday, cast on. now her fingers are white and cold, she cant "
        "wiggle them and she's screaming its getting worse and worse"
    )
    assert rules_level(text, 84) == "emergency"
    assert "tight_cast" in rules_fired(text, 84)


def test_a_babys_leg_kicked_less_since_yesterday_is_the_same_day() -> None:
    """The negation before the verb hid the leg moved less; with a time told and no pain, a
    baby who cannot say where it hurts is seen the same day."""
    text = (
        "2 month old hasn't been kicking her right leg as much as the left since yesterday, "
        "no temp, feeding well"
    )
    assert rules_level(text, 2) == "urgent"
    assert "baby_limb_hurts" in rules_fired(text, 2)


def test_a_head_that_seems_bigger_with_eyes_looking_down_is_the_same_day() -> None:
    text = (
        "6 mo, head seems bigger lately and her eyes keep looking downwards, 'sunsetting' i "
        "read it's called. more irritable but feeding ok"
    )
    assert rules_level(text, 6) in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "3 month old, her soft spot pulses when she's calm and bulges a bit when she's "
            "screaming, goes flat again when she settles. normal?",
            3,
        ),
        (
            "2 yo lips gone purple lol he found the blackberries in the garden. he's running "
            "around fine. anyway, he trips a lot when running, is that normal?",
            24,
        ),
        (
            "7mo gets little jerks of her arms and legs just as she drifts off to sleep, they "
            "stop once she's asleep and never happen when she's awake",
            7,
        ),
        (
            "11 month old fell off the sofa yesterday, about knee height, onto carpet. cried "
            "straight away, fed, and she's been her usual self since, crawling and babbling. "
            "anything i need to watch for?",
            11,
        ),
        (
            "my 16mo bumped his head on the coffee table this morning, tiny bump, cried for a "
            "minute then straight back to playing, eating and acting totally normal. ok to "
            "still go to baby gym this afternoon?",
            16,
        ),
        (
            "my 3yo always has bleeding knees from running everywhere, plasters every day! is "
            "it normal that he runs quite flat footed?",
            36,
        ),
        (
            "Baby is 5 weeks, his legs go stiff and he goes purple in the face when pushing out "
            "a poo, then fine. Is that normal?",
            1,
        ),
        (
            "nan here, granddaughter 13 months had a high fever 2 weeks ago which the doctor saw, "
            "all better now, she's back cruising and even took a step. can being ill delay "
            "walking a bit?",
            13,
        ),
        (
            "my 4 yo 'faints' dramatically on the sofa whenever i ask him to tidy up lol. "
            "separately, is it normal he can't ride a scooter yet?",
            48,
        ),
        (
            "my 4yo chokes up and cant get his words out when he's sad, then he's fine. unrelated "
            "but should he be able to hop on one foot by now?",
            48,
        ),
        (
            "16 month old went quiet and clingy for a week after starting nursery, didn't want "
            "to walk, wanted carrying everywhere. now he's chatting and toddling again",
            16,
        ),
        (
            "she's 9 months and went completely floppy laughing when her dad tickled her, then "
            "sat straight back up grinning. is that a thing??",
            9,
        ),
        (
            "my 15 month old had a febrile convulsion last week, ambulance came, hospital checked "
            "her and sent her home same day. shes completely back to normal now. could it "
            "affect her walking later?",
            15,
        ),
    ],
)
def test_ordinary_look_alikes_are_not_escalated(text: str, age: int) -> None:
    assert rules_level(text, age) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # Guards: the same words beside a real danger.
        (
            "my 11 month old fell off the sofa yesterday, cried straight "
            "away, fed, and now she is vomiting and sleepy",
            11,
        ),
        ("5 week old goes stiff and purple when pushing out a poo then goes floppy and blue", 1),
        ("my 3 month old goes stiff and jerks her arms when pushing out a poo, eyes roll", 3),
        ("9 month old jerks as she drifts off, and keeps jerking in clusters when she wakes", 9),
        (
            "7mo gets jerks just as she drifts off to sleep "
            "but also when she's awake in her chair",
            7,
        ),
        ("2yo lips went blue after he ate blackberries and now he is struggling to breathe", 24),
        ("baby gym class today and she hit her head, 6 month old, big lump on her head", 6),
        ("he was running everywhere and now his knee is bleeding everywhere and wont stop", 36),
        ("her cast is on and her fingers have gone blue and numb", 60),
        (
            "my 3yo fakes fainting when he's told off, but today "
            "he really fainted and now he won't wake up",
            36,
        ),
        ("she went floppy laughing when tickled, then stopped breathing and went blue", 9),
        (
            "he can't get his words out when he's upset, and "
            "this morning his face is drooping on one side",
            48,
        ),
        (
            "had a febrile convulsion last week, hospital checked her and sent her home, back to "
            "normal but today she is having another fit",
            15,
        ),
        (
            "had a febrile convulsion last week, hospital checked "
            "her and sent her home, now she is drowsy and floppy",
            15,
        ),
        # The second review's probes: a new fit told after "back to normal", and a face sign
        # told in other words beside words stuck when tired.
        (
            "she had a febrile convulsion last week, the ambulance came and the hospital "
            "checked her and sent her home, back to normal. yesterday she had a 5 minute fit "
            "with no fever",
            22,
        ),
        (
            "febrile fit the other week, hospital discharged her, back to her usual self. since "
            "then she's had two more short ones at home",
            26,
        ),
        (
            "he can't get his words out when he's tired, and now his smile looks lopsided and "
            "he's dribbling out of one side",
            60,
        ),
    ],
)
def test_dangers_told_beside_the_look_alikes_stay_emergencies(text: str, age: int) -> None:
    assert rules_level(text, age) == "emergency"


def test_a_soft_spot_that_stays_bulging_after_settling_is_still_the_same_day() -> None:
    text = "her soft spot bulges when she is screaming and stays bulging after she settles"
    assert rules_level(text, 3) in ("urgent", "emergency")


def test_a_fever_that_began_weeks_ago_and_is_still_going_is_still_long() -> None:
    """ "2 weeks ago" no longer reads as a fever for 2 weeks, unless it is still going."""
    text = "granddaughter had a high fever 2 weeks ago and it is still going, still 39 today"
    assert rules_level(text, 13) == "urgent"


# The paediatric review of round 37's answers: harms and the places named.


def test_a_cough_with_no_sound_after_grapes_gets_the_choking_steps() -> None:
    """Only the breathing sign's "let them take the position they find easiest" was said."""
    text = (
        "my 14mo was eating grapes and now hes coughing but no sound is coming out and his lips "
        "are going dark pls what do i do"
    )
    assert "choking" in rules_fired(text, 14)
    assert "back blows" in rules_advice(text, 14)


def test_a_bead_up_the_nose_breathing_through_the_mouth_gets_no_back_blows() -> None:
    text = (
        "my 3yr old pushed a bead up her nose, i can see it but cant get it out, shes breathing "
        "fine through her mouth"
    )
    assert rules_level(text, 36) == "urgent"
    assert "back blows" not in rules_advice(text, 36)


def test_choking_on_drinks_as_weakness_spreads_is_kept_upright_without_back_blows() -> None:
    text = (
        "my 4yo had a stomach bug 2 wks ago, then his legs went weak, now his arms too and today "
        "he's choking on his drinks and his breathing looks like hard work"
    )
    advice = rules_advice(text, 48)
    assert rules_level(text, 48) == "emergency"
    assert "back blows" not in advice
    assert "sitting up" in advice


@pytest.mark.parametrize(
    "text",
    [
        "my baby has weak muscles and is choking on her milk, going blue",
        "his legs are weak since the virus and now he is choking on a grape, cant breathe",
    ],
)
def test_choking_that_blocks_the_breath_beside_weakness_keeps_the_back_blows(text: str) -> None:
    assert "back blows" in rules_advice(text, 9)


def test_a_tight_cast_is_rested_at_the_level_of_the_heart() -> None:
    """Raising a limb whose vessels are squeezed lowers its blood flow further."""
    text = "his arm is in a cast and his fingers are swollen, numb and really painful"
    advice = rules_advice(text, 60)
    assert "level of the heart" in advice
    assert "above the heart" not in advice


def test_a_burning_feeling_under_a_cast_is_not_cooled_under_running_water() -> None:
    text = (
        "4yo in a leg cast 2 weeks, theres a wet smelly patch on it now and she has a low temp "
        "37.8 and says it burns under there"
    )
    assert "burn" not in rules_fired(text, 48)
    assert "running water" not in rules_advice(text, 48)


def test_kawasakis_cracked_lips_are_not_a_fracture() -> None:
    text = "12mo, fever 5 days now, red eyes, cracked red lips, puffy hands and won't stand up"
    assert "possible_fracture" not in rules_fired(text, 12)
    assert "minor injuries" not in rules_advice(text, 12)


def test_a_hot_swollen_knee_with_a_fever_is_sent_to_hospital_not_to_an_x_ray() -> None:
    text = (
        "my 5 yo's knee is swollen and hot to touch, he's had 38.5 since last night and cries if "
        "i move it"
    )
    advice = rules_advice(text, 60)
    assert "possible_fracture" not in rules_fired(text, 60)
    assert "children's emergency department" in advice
    assert "minor injuries" not in advice


def test_a_three_month_old_with_a_fever_goes_to_hospital_now() -> None:
    text = (
        "3 month old temp 38.5 but she's alert and feeding okay, is it fine to wait for the GP "
        "on monday"
    )
    assert rules_level(text, None) == "emergency"
    assert rules_level("she has a temperature of 38.3", 3) == "emergency"


def test_a_shaking_told_by_the_partner_is_the_shaken_babys_sign() -> None:
    text = (
        "my partner has just told me he shook our 7 week old because she wouldn't stop "
        "screaming. she's now very sleepy, won't feed and her eyes look odd"
    )
    assert "Tell the call handler exactly what happened" in rules_advice(text, 2)


def test_eyes_fixed_downwards_with_a_growing_head_name_the_hospital() -> None:
    text = (
        "6 mo, head seems bigger lately and her eyes keep looking downwards, 'sunsetting' i read "
        "it's called. more irritable but feeding ok"
    )
    assert "children's emergency department" in rules_advice(text, 6)


# The levels check over every labelled message: losses the round's mends had uncovered.


def test_words_that_came_and_went_after_a_fever_are_a_loss_of_skills() -> None:
    """ "Since that fever 2 weeks ago" had been read as a fever for 2 weeks; the loss of words
    it told was never read."""
    text = (
        "she was saying little sentences and since that fever 2 weeks ago she's just babbling, "
        "nothing makes sense"
    )
    assert rules_level(text, 30) == "urgent"
    assert "lost_skills" in rules_fired(text, 30)


def test_a_newborn_who_has_not_passed_any_poo_is_the_same_day() -> None:
    """ "Any" stood between the verb and the poo; only the learned opinion had answered it."""
    text = "hasnt passed any poo yet at all, she's 2 days old, tummy a bit round"
    assert rules_level(text, None) == "urgent"


def test_a_fit_still_going_gets_the_seizure_steps() -> None:
    """ "Fit started 7 min ago and still going" fired no rule (only the learned opinion's
    emergency, with no first step)."""
    text = (
        "daughter is 3 with epilepsy, fit started 7 min ago and still going, her buccal "
        "midazolam is at nursery what do i do"
    )
    assert "seizure" in rules_fired(text, 36)
    assert "on their side" in rules_advice(text, 36)


@pytest.mark.parametrize(
    "text",
    [
        "my 14 month old had egg for the first time, hives all over her body and now she's "
        "coughing, pale and floppy",
        "she had peanut butter, now hives all over and she keeps coughing",
    ],
)
def test_hives_all_over_with_a_floppy_or_coughing_child_is_anaphylaxis(text: str) -> None:
    """Answered as a floppy child with no step: the adrenaline and lying down were missing."""
    assert "anaphylaxis" in rules_fired(text, 14)
    assert "legs raised" in rules_advice(text, 14)


def test_reflex_anoxic_seizures_the_hospital_named_are_not_an_emergency() -> None:
    """The fresh-clone CI's tuning floor caught it: no ordinary row may be an emergency."""
    text = (
        "18mo, when he bumps himself he holds his breath, goes pale and floppy for few secs, "
        "then cries and is totally fine. hospital did an ECG and said reflex anoxic seizures, "
        "harmless. can it affect his walking?"
    )
    assert rules_level(text, 18) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "hospital said reflex anoxic seizures but today he went floppy and is not waking up",
        "diagnosed with reflex anoxic seizures, this one has lasted 3 minutes and he is blue",
    ],
)
def test_a_long_or_different_spell_in_a_child_with_reflex_anoxic_seizures_stays(
    text: str,
) -> None:
    assert rules_level(text, 18) == "emergency"
