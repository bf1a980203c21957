"""Round 33 (session 56): blind sets r33a and r33b, read by the rules alone.

Each case failed before the session's change: a level the blind writer showed was wrong, or an
ordinary message read as a danger sign.
"""

from __future__ import annotations

import pytest

from knowledge.triage import advice, assess
from tests.support.triage_rules import NO_EXAMPLES, rules_fired, rules_level


@pytest.mark.parametrize(
    "text",
    [
        # Goodbye notes told as written, inside a question about running (NHS: 999 when a child
        # is in immediate danger of harming themselves).
        "My 11 year old wants to do cross country but has Osgood Schlatter in her knees, is "
        "running ok? Separately, she's been really low and today she told me she's written "
        "goodbye notes. How much running is safe for Osgood?",
        "found goodbye letters in his school bag, he's 15",
        # Talk of wanting to die from a child who has locked themselves in.
        "she told me she wants to die and now she's locked herself in the bathroom",
    ],
)
def test_a_child_in_immediate_danger_of_harming_themselves_is_an_emergency(text: str) -> None:
    assert rules_level(text) == "emergency"


def test_words_shouted_in_a_tantrum_behind_a_door_are_not_the_emergency() -> None:
    tantrum = "in a tantrum he screamed he wants to die and locked himself in his room, he's 6"
    assert rules_level(tantrum) != "emergency"


def test_head_control_gone_floppy_again_is_a_lost_skill() -> None:
    text = (
        "baby used to hold her head up really well and the last few days it's gone floppy "
        "again, like when she was tiny"
    )
    assert rules_level(text, 5) == "urgent"
    assert "lost_skills" in rules_fired(text, 5)


def test_tingling_feet_with_new_tripping_on_the_stairs_is_seen_the_same_day() -> None:
    """An ascending weakness such as Guillain-Barre starts this way (NHS: same day)."""
    text = (
        "since yesterday my son's been getting pins and needles in his feet and today he's "
        "tripping going up the stairs"
    )
    assert rules_level(text, 180) == "urgent"


def test_clumsiness_told_as_always_there_is_no_change_after_a_cold() -> None:
    always = (
        "He's had a cold all week, bit snotty, no temp, still running around. He's always been "
        "a bit clumsier when he's tired at the end of the day, is more climbing good for that?"
    )
    assert rules_level(always, 24) == "concern"
    assert rules_level("wobbly and falling over since he had chickenpox last week", 24) == "urgent"


def test_a_bump_after_a_fall_in_a_baby_under_1_is_seen_the_same_day() -> None:
    """Where the bump is is not said; on the head it is infant_head_swelling's emergency."""
    text = (
        "She rolled off the sofa onto the carpet, cried straight away, seems fine now but "
        "there's a small bump"
    )
    assert rules_fired(text, 6) == ["baby_fall_swelling"]
    assert rules_level(text, 30) == "concern"
    assert rules_level(text + " on her head", 6) == "emergency"
    assert rules_level("my 9 month old had a little bump against the cot bars, she's fine") == (
        "concern"
    )


def test_one_hand_for_everything_is_a_preference_not_a_weakness_over_days() -> None:
    """A question for the doctor soon (Noritz 2013); told as new, it stays the same day."""
    habit = (
        "Our 2yo barely uses her left hand, she only uses her right hand for everything, even "
        "picking up a cup. My friend said kids shouldn't choose a hand that young. Should I be "
        "worried?"
    )
    assert rules_level(habit, 24) == "concern"
    assert rules_level(
        "she suddenly only uses her right hand for everything since yesterday", 24
    ) in (
        "urgent",
        "emergency",
    )


def test_wanting_to_go_down_the_slide_head_first_is_no_knock() -> None:
    wish = (
        "how to help a toddler learn to go down the slide feet first she always wants to go "
        "head first"
    )
    assert assess(wish, examples=NO_EXAMPLES).level is None
    assert rules_level("he went head first into the wall and now he's being sick") == "emergency"


def _answer(text: str, age_months: int | None = None) -> str:
    return advice(assess(text, age_months, examples=NO_EXAMPLES))


def _steps(text: str, age_months: int | None = None) -> str:
    return " ".join(assess(text, age_months, examples=NO_EXAMPLES).first_steps)


# --- Round 33's paediatric review of set r33b's answers ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He slipped under in the bath for a few seconds, he coughed and spluttered, and an hour "
        "on he's a bit wheezy and won't stop coughing",
        "she went under at the pool for maybe 30 seconds, fine now apart from a bit of coughing",
    ],
)
def test_a_conscious_child_after_water_is_not_told_rescue_breaths(text: str) -> None:
    """Harm: "not breathing, or not breathing normally" fits a coughing, wheezy child."""
    steps = _steps(text, 30)
    assert "If they are not responding and not breathing normally (only gasping" in steps
    assert "If they are awake and coughing, keep them sitting up and calm" in steps
    assert "or not breathing normally" not in steps


def test_heatstroke_told_without_its_name_is_cooled_first() -> None:
    text = (
        "been at the beach all arvo, she's stopped sweating, she's boiling hot to touch and "
        "confused, talking nonsense"
    )
    assert _steps(text, 96).startswith("Move your child somewhere cool")


def test_blistered_palms_from_a_log_burner_are_cooled() -> None:
    text = (
        "He grabbed the glass front of the log burner with both hands, his palms are all "
        "blistered up and he won't stop screaming"
    )
    # Session 65's review: the clothing comes off first (hot, wet clothing keeps burning).
    steps = _steps(text, 21)
    assert steps.startswith("Take off clothing or jewellery on or near the burn")
    assert "Cool the burn under cool running water for 20 minutes" in steps


def test_a_cleaning_product_by_its_brand_gets_the_poison_steps() -> None:
    text = (
        "she got into the Clorox under the sink and drank some, she's drooling and won't swallow"
    )
    assert "Do not make your child sick" in _steps(text, 23)
    assert "going straight to the emergency department" not in _answer(text, 23)


def test_a_same_day_answer_that_names_the_hospital_is_not_contradicted() -> None:
    """The bruise of a baby who cannot roll: "the emergency department, not a call back" was
    followed by "call your child's doctor now, or go to urgent care"."""
    said = _answer(
        "found a bruise on my 3 month old's cheek, no idea how it got there, she can't roll yet"
    )
    assert "emergency department" in said
    assert "call your child's doctor now" not in said
    assert "call your emergency number" in said


def test_a_baby_who_will_not_use_an_arm_is_sent_where_an_x_ray_can_be_done() -> None:
    said = _answer("my 4 month old cries when I move his left arm and he doesn't use it as much")
    assert "X-ray" in said
    assert "do not lift them under the arms" in said


def test_a_swallowed_coin_is_not_told_to_keep_tweezers_away() -> None:
    steps = _steps("he swallowed a 5p coin, no coughing or anything and he's eating fine", 36)
    assert "tweezers" not in steps
    assert "button battery" in steps
    assert "tweezers" in _steps("she pushed a bead up her nose")


def test_a_swallowed_coin_is_x_rayed_at_the_emergency_department_today() -> None:
    """Both reviews: a family doctor cannot X-ray, and a coin in the food pipe is often silent
    (Hodge 1985); a bead up the nose is not told of an X-ray (since round 36 its own answer
    names where it can be taken out)."""
    said = _answer("he swallowed a 5p coin, no coughing or anything and he's eating fine", 36)
    assert said.startswith("A swallowed coin or other small object needs an X-ray today")
    assert "call your child's doctor now" not in said
    assert "X-ray" not in _answer("she pushed a bead up her nose")


def test_deep_cuts_with_talk_of_not_wanting_to_be_here_keep_the_child_safe_too() -> None:
    steps = _steps(
        "found cuts on his arm that are deep and still bleeding a lot. he said he doesnt want to "
        "be here anymore. he's 15"
    )
    assert steps.startswith("Press firmly on the wound")
    assert "do not leave them alone" in steps


def test_a_plan_to_end_their_life_says_stay_with_them_once() -> None:
    steps = _steps(
        "my 14 yo just told me she has a plan to kill herself tonight and she's been saving up "
        "pills"
    )
    assert steps.count("Stay with your child") == 1


def test_a_child_locked_in_after_saying_they_want_to_die_is_talked_to_through_the_door() -> None:
    steps = _steps("she told me she wants to die and now she's locked herself in the bathroom")
    assert steps.startswith("Talk to your child through the door now")


def test_too_much_paracetamol_in_a_well_child_says_signs_come_later() -> None:
    well = "got into the calpol and drank most of a new bottle, about 100ml I reckon. she's fine"
    assert "causes no signs at first" in _steps(well, 25)
    admitted = (
        "found an empty paracetamol packet in her bag, she admitted taking 16 of them last "
        "night, she says she feels fine"
    )
    steps = _steps(admitted, 144)
    assert "Stay with your child and do not leave them alone" in steps
    assert "paracetamol among them, cause no signs" in steps


def test_a_fever_in_a_baby_under_3_months_is_not_left_until_morning() -> None:
    text = (
        "Baby is 7 weeks only, having fever 38.3 since evening, feeding is ok. Can I give "
        "paracetamol drops and wait till morning?"
    )
    assert _steps(text, 2).startswith("Do not wait to see if it settles, even overnight")


def test_a_cord_round_the_neck_comes_off_first() -> None:
    text = (
        "Found him with his dressing gown cord tangled round his neck on the bunk ladder. He's "
        "breathing but he's not really responding to me"
    )
    assert _steps(text, 48).startswith("Take anything off the neck at once")


def test_puffy_eyes_with_cola_wee_are_not_watched_for_an_allergy() -> None:
    steps = _steps(
        "his wee has gone cola coloured and his eyes are puffy, he had a sore throat", 84
    )
    assert "swelling of the tongue" not in steps
    assert "sample of their wee" in steps


def test_kawasaki_signs_are_not_a_broken_limb() -> None:
    text = "fever for 5 days now, his eyes are red, lips cracked and his hands and feet are puffy"
    assert "possible_fracture" not in rules_fired(text, 36)
    assert "possible_fracture" in rules_fired("he cracked his wrist playing rugby, it looks bent")


def test_a_tooth_pushed_into_the_gum_goes_to_a_dentist_today() -> None:
    said = _answer(
        "He fell on his face on the patio and one of his front teeth has been pushed up "
        "into the gum",
        28,
    )
    assert said.startswith("A tooth pushed up into the gum needs a dentist today")
    assert "Do not try to pull the tooth back down" in said


def test_appendix_pain_with_a_walk_bent_over_gets_nothing_by_mouth() -> None:
    text = (
        "tummy pain down on the right side since yesterday, now he's hunched over and can't walk "
        "straight, got a fever and screams if the car goes over a bump"
    )
    assert "Give your child nothing to eat or drink in case they need an operation." in _steps(
        text, 84
    )


# --- Its second review, of the mends --------------------------------------------------------


def test_a_cold_baby_with_a_low_reading_is_warmed_not_told_it_has_a_fever() -> None:
    steps = _steps(
        "3 week old feels cold to touch, temp 35.1 under arm, not interested in feeding"
    )
    assert "Warm your baby skin to skin" in steps
    assert "Do not wrap your child up" not in steps
    assert "38 C or more" not in steps
    assert "Do not wrap your child up" in _steps("she has a fever and she is cold to touch")


def test_something_round_and_flat_from_a_remote_is_a_button_battery() -> None:
    text = "swallowed something round and flat from the remote control, a coin I think"
    assert "button_battery" in rules_fired(text, 30)


@pytest.mark.parametrize(
    "text",
    [
        "took a load of pills and locked herself in her room and won't answer",
        "she says she wants to die and won't open her bedroom door",
    ],
)
def test_a_child_behind_a_door_after_pills_or_talk_of_dying_is_reached_first(text: str) -> None:
    assert rules_level(text, 168) == "emergency"
    assert _steps(text, 168).startswith("Talk to your child through the door now")


def test_a_same_day_answer_of_its_own_still_says_when_to_call_the_emergency_number() -> None:
    said = _answer(
        "knocked out one of his adult front teeth on the trampoline, I've got it in milk"
    )
    assert "call your emergency number" in said


def test_a_cord_round_the_neck_comes_off_before_the_rescue_breaths() -> None:
    steps = _steps("blind cord around his neck, he's not breathing")
    assert steps.startswith("Take anything off the neck at once")
    assert steps.index("neck") < steps.index("rescue breaths")


def test_a_skill_gone_back_to_a_younger_childs_is_a_lost_skill() -> None:
    """The levels check after retraining: only the learned opinion had read it."""
    text = (
        "my son is 7, his handwriting has gone back to like a 4 year olds over the past month "
        "and he keeps dropping things"
    )
    assert "lost_skills" in rules_fired(text)
    assert rules_level("he's gone back to a baby bottle since his sister was born") == "concern"


def test_skin_peeling_like_a_burn_in_a_feverish_newborn_is_not_cooled_under_the_tap() -> None:
    """The second review: scalded skin syndrome is an infection; 20 minutes of cool water chills
    a newborn. A likeness with something hot told is still a burn."""
    newborn = (
        "3 week old - his skin has gone bright red and is peeling off in sheets around his neck "
        "and nappy area like a burn, he screams when i touch him, temp 38.3"
    )
    assert rules_level(newborn) == "emergency"
    assert "Cool the burn" not in _steps(newborn)
    oven = "he touched the oven door and his hand is red and blistered like a burn"
    assert "burn" in rules_fired(oven)


def test_a_fever_medicine_wearing_off_in_a_child_still_drinking_is_no_poisoning() -> None:
    """The second review: a fever for 6 days was answered as a paracetamol overdose ("calpol
    wearing off ... still drinking"); the long fever is the same day."""
    text = (
        "she's had a fever on and off for 6 days now, it keeps coming back with calpol wearing "
        "off, and she's a bit miserable but still drinking"
    )
    assert "poisoning" not in [sign.id for sign in assess(text, 14, examples=NO_EXAMPLES).fired]
    assert rules_level(text, 14) == "urgent"


def test_a_cat_bite_on_the_hand_is_a_bite_not_a_babys_bruise_or_a_break() -> None:
    """The second review: "two puncture marks" read as hand-shaped marks on a baby who cannot
    move about, and the swelling as a broken bone to splint; bite marks on a baby still are."""
    steps = _steps("cat bit his hand, two puncture marks, getting swollen")
    assert rules_fired("cat bit his hand, two puncture marks, getting swollen") == ["animal_bite"]
    assert "sling" not in steps
    assert "baby_injury_to_explain" in rules_fired(
        "there are bite marks on my baby's arm, she is 4 months"
    )
