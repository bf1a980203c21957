"""Session 63: blind set r40b read by the rules alone, and the side position said once when a
fall and a child who is not responding are told together.

Each case failed before the session's change: a feverish baby arching her neck back, a hand
gone cold and white after a fall and headaches that keep coming since a knock answered as the
same day, a neck held stiff after a sore throat raised only by the learned opinion (now read by
the rules, with the emergency department named); a fall that hurts a boy on steroids for
Duchenne, a splint's smelly sore and a shunt child grumpier than usual given nothing; look-
alikes (a finger pinched in a drawer, a baby who holds her head "ok but a bit wobbly", a child
clumsier than her cousins, a magnet taken out of the mouth, a radiator touched with no
blister, a roll off a floor mat, a fall months ago already checked, a wrist broken "in Sept",
wobbliness getting better every day that a GP was happy with) escalated. The guards pass
before it too: they pin what the mends must not change.
"""

from __future__ import annotations

import re

import pytest

from knowledge.steps import instructions
from tests.support.triage_rules import rules_advice, rules_fired, rules_level


@pytest.mark.parametrize(
    ("text", "level", "sign"),
    [
        (
            "11 months, high temp, she keeps arching her neck back and screams when i pick her "
            "up, spots coming up on her tummy",
            "emergency",
            "fever_red_feature",
        ),
        (
            "after he fell off the sofa his hand is cold and white and he can't move his "
            "fingers, arm looks funny at the elbow",
            "emergency",
            "injured_limb_cold",
        ),
        (
            "hit his head at school 2 days ago and since then keeps getting headaches, off his "
            "food and tired all the time",
            "emergency",
            "head_injury_headache_persisting",
        ),
        (
            "my girl 5 holding her neck stiff to one side after a sore throat, wont turn her "
            "head, still a bit warm",
            "urgent",
            "neck_stiff_after_throat",
        ),
        (
            "6yo with duchenne fell and his leg hurts a lot, he's on steroids, can still put "
            "some weight on it",
            "urgent",
            "possible_fracture",
        ),
        (
            "her wrist splint has been rubbing and theres a red sore under it that smells a bit",
            "urgent",
            "pressure_ulcer_infected",
        ),
        (
            "she has a shunt and has been a lot more grumpy and clingy than usual for 2 days",
            "urgent",
            "shunt_same_day",
        ),
        (
            "she has a shunt and been a bit more grumpy and headachy for 2 days, no vomiting, "
            "eating ok",
            "emergency",
            "stroke_signs",
        ),
        (
            "toddler bit a chunk off our peace lily leaf, mouth a bit red, seems ok otherwise",
            "emergency",
            "poisoning",
        ),
        # The second reviewer's probes, written before the mends were run.
        (
            "after he fell off his bike his foot looks bluish and feels cold",
            "emergency",
            "injured_limb_cold",
        ),
        (
            "he fell off the sofa and his arm looks funny at the elbow",
            "emergency",
            "deformed_arm_or_leg",
        ),
        (
            "ever since he hit his head on the table last week he's had headaches on and off",
            "emergency",
            "head_injury_headache_persisting",
        ),
        (
            "my 9yo banged his head at football on Saturday and the headaches keep coming back "
            "every day",
            "emergency",
            "head_injury_headache_persisting",
        ),
        (
            "after tonsillitis his neck is stiff and he holds it to one side",
            "urgent",
            "neck_stiff_after_throat",
        ),
        (
            "Duchenne boy, 10, slid out of his wheelchair and his thigh is very painful",
            "urgent",
            "possible_fracture",
        ),
        ("my son has a VP shunt and is grumpier than usual today", "urgent", "shunt_same_day"),
        (
            "my baby has hydrocephalus with a shunt and is irritable and off her feeds",
            "urgent",
            "shunt_same_day",
        ),
        # The paediatric review's harms and under-calls.
        (
            "my baby grabbed my coffee, it went all over her face and she has blisters round her "
            "mouth and her voice sounds hoarse",
            "emergency",
            "burn_airway",
        ),
        (
            "we got rear ended, baby in car seat seemed ok but now 2 hrs later shes very pale, "
            "floppy and her tummy looks swollen",
            "emergency",
            "vehicle_crash_unwell",
        ),
        (
            "cerebral palsy, his baclofen pump alarm is beeping and he seems a bit more stiff "
            "than normal",
            "urgent",
            "baclofen_pump_alarm",
        ),
    ],
)
def test_dangers_told_in_plain_words(text: str, level: str, sign: str) -> None:
    assert rules_level(text) == level
    assert sign in rules_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "pinched her finger in a drawer, bit red, she's forgotten already and is playing",
        "we were told premmie bubs can be floppy, she's 3 months corrected and holds her head "
        "ok but a bit wobbly",
        "my 3 year old falls a lot when she runs, is that normal? she seems clumsier than her "
        "cousins",
        "my toddler put one of the big fridge magnets in his mouth but I took it out straight "
        "away, nothing swallowed, it was whole",
        "touched the radiator for a sec, bit of redness on one finger, no blister, ran it under "
        "cool water and she's fine now",
        "My 7 month old rolled off the changing mat onto the carpet, like 10cm, cried for a "
        "second and now she's fine, feeding and smiling. Just being paranoid?",
        "my daughter is 11 months and crawling only, not standing yet, she had a fall from the "
        "sofa at 6 months (checked, fine), could that have delayed her?",
        "My 10 year old broke his wrist in Sept, the bone doctor cleared him, now he wants to go "
        "back to gymnastics, anything we should do to strengthen it",
        "shes been a little wobbly since her ear infection but its better every day, GP saw "
        "her tues and was happy",
        "Today at the park my 19 month old wanted to climb the little ladder on the toddler "
        "slide and she just couldn't work out where to put her feet. With anything climbing "
        "she stands at the bottom and cries for me to lift her.",
        # Guards: arching without a fever is reflux or temper, and a fear of falls is no fall.
        "my baby arches his back all the time and throws his head back when I hold him, 3 "
        "months old",
        "Muscular dystrophy was just confirmed for my son (Duchenne). He's 5. Should he still "
        "be doing sports at school? I'm scared he'll fall and get hurt.",
    ],
)
def test_look_alikes_are_not_escalated(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "my toddler had a magnet in his mouth, I took it out but I think he swallowed another",
        "she swallowed two of the fridge magnets, I took the rest away",
    ],
)
def test_a_magnet_still_missing_stays_an_emergency(text: str) -> None:
    assert rules_level(text) == "emergency"


_SIDE = re.compile(r"\b(on|onto) their side\b")


@pytest.mark.parametrize(
    "text",
    [
        "he fell down the stairs and now he's floppy and pale",
        "fell down the stairs and she's not responding",
        "5 month old fell off the changing table, big lump on head and very sleepy",
    ],
)
def test_a_fall_with_a_child_not_responding_says_the_side_position_once(text: str) -> None:
    """The review of round 39: the fall's "onto their side, keeping the head and neck in line"
    came after the unresponsive sign's plain "on their side"; now both signs write the
    instruction the same way, with the neck kept in line, and it is said once."""
    told = rules_advice(text).split("While you wait: ", 1)[1]
    side = [sentence for sentence in instructions(told) if _SIDE.search(sentence)]
    assert len(side) == 1
    assert "keeping the head and neck in line" in side[0]


def test_the_not_breathing_line_names_the_child_when_it_comes_first() -> None:
    told = rules_advice("he fell down the stairs and now he's floppy and pale")
    assert "While you wait: If your child is not breathing" in told


@pytest.mark.parametrize(
    "text",
    [
        "my 5 month old holds her head ok but still a bit wobbly when she's tired",
        "she had a sore throat last week, now fine, and her neck is a bit stiff from sleeping "
        "funny",
        "sore throat and swollen glands in his neck, eating ok",
    ],
)
def test_the_reviewers_look_alikes(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


def test_a_denial_before_a_list_denies_each_item() -> None:
    """ "no sore throat or fever" had read as a fever beside a stiff neck: the meningitis
    answer for a neck slept on badly."""
    text = "she slept funny and has a stiff neck this morning, no sore throat or fever"
    assert "fever_red_feature" not in rules_fired(text)
    assert rules_level("no rash or fever but she is floppy and wont wake") == "emergency"


def test_a_burned_airway_is_not_offered_the_drive_in() -> None:
    told = rules_advice(
        "my baby grabbed my coffee, it went all over her face and she has blisters round her "
        "mouth and her voice sounds hoarse"
    )
    assert "going straight to the emergency department is also right" not in told
    assert "sitting up" in told
    assert "cool shower" not in told


def test_a_burn_on_a_baby_kept_still_is_cooled_where_she_lies() -> None:
    told = rules_advice(
        "my 8 month old pulled the iron down on herself by the cord, its hit her head and "
        "she's not responding normally"
    )
    assert "cool only the burn where they lie" in told


def test_a_road_crash_keeps_the_neck_in_line() -> None:
    told = rules_advice(
        "we got rear ended, baby in car seat seemed ok but now 2 hrs later shes very pale, "
        "floppy and her tummy looks swollen"
    )
    side = [sentence for sentence in instructions(told) if _SIDE.search(sentence)]
    assert side
    assert all("head and neck in line" in sentence for sentence in side)


def test_a_poked_eye_goes_to_the_eye_casualty_and_a_pump_alarm_to_the_pump_team() -> None:
    eye = rules_advice("poked in the eye with a stick, he keeps it shut and its watering loads")
    assert "eye casualty or the emergency department now" in eye
    assert "call your child's doctor" not in eye.lower()
    pump = rules_advice(
        "cerebral palsy, his baclofen pump alarm is beeping and he seems a bit more stiff than "
        "normal"
    )
    assert "pump team" in pump


def test_a_steroid_child_who_breaks_a_bone_is_told_about_the_steroid_card() -> None:
    told = rules_advice(
        "6yo with duchenne fell and his leg hurts a lot, he's on steroids, can still put some "
        "weight on it"
    )
    assert "steroid card" in told
    assert "breathless, confused or very drowsy" in told


def test_headaches_days_after_a_knock_are_sent_to_the_department_not_kept_still() -> None:
    told = rules_advice(
        "hit his head at school 2 days ago and since then keeps getting headaches, off his food "
        "and tired all the time"
    )
    assert "emergency department now" in told
    assert "walk about" not in told


def test_a_fit_after_a_fall_is_never_held_down() -> None:
    told = rules_advice("fell off the top bunk, hit his head and now he's having a fit")
    assert "never hold down a child who is having a fit" in told


def test_a_swollen_ankle_after_a_trip_is_not_answered_as_a_bone_infection() -> None:
    text = "tripped on the step, her ankle is purple and swollen and she's limping"
    assert "limp_with_fever" not in rules_fired(text)
    assert "possible_fracture" in rules_fired(text)


def test_an_alert_baby_with_a_lump_after_a_fall_can_keep_feeding() -> None:
    told = rules_advice(
        "5 month old rolled off the sofa, big lump on the back of her head, feeding well"
    )
    assert "can keep breast or bottle feeding" in told


def test_a_feverish_baby_arching_her_neck_gets_the_meningitis_step() -> None:
    told = rules_advice(
        "11 months, high temp, she keeps arching her neck back and screams when i pick her up"
    )
    assert "Tell the call handler what you have seen" in told


@pytest.mark.parametrize(
    "text",
    [
        "daughter got a shock off a frayed lead, it threw her back, now shes pale and faint and "
        "says her heart feels funny",
        "my 4yo stuck a hairpin in the plug socket, she screamed and now she's not acting right "
        "and there's a black mark on her finger",
    ],
)
def test_an_electric_shock_told_plainly_gets_its_first_aid(text: str) -> None:
    """The review: both were emergencies by the learned opinion alone, with no first aid."""
    assert "electric_shock" in rules_fired(text)
    assert "until the power is off" in rules_advice(text)


def test_a_throat_burnt_by_bleach_is_not_cooled_like_a_scald() -> None:
    text = (
        "my kid drank from the bleach bottle under the sink, shes coughing and says her throat "
        "burns"
    )
    assert "burn" not in rules_fired(text)
    assert "cool shower" not in rules_advice(text)


def test_toes_gone_purple_in_clubfoot_boots_are_freed_first() -> None:
    text = (
        "Clubfoot boots, her toes look purple and cold and she's screaming more than usual, "
        "she's 4 months"
    )
    assert "tight_brace" in rules_fired(text)
    assert rules_advice(text).split("While you wait: ", 1)[1].startswith("Take the boots")


def test_a_feverish_childs_blue_cold_hands_stay_an_emergency() -> None:
    """Guard: the limb's own colour after an injury must not stop blue hands with a fever
    being read as a blue colour (sepsis)."""
    text = (
        "my 9 year old has had a fever since this morning and now says his legs hurt so much he "
        "can't stand, and his hands look blue-ish and cold"
    )
    assert rules_level(text) == "emergency"


def test_red_toes_under_rubbing_afos_are_no_hot_joint() -> None:
    assert "limp_with_fever" not in rules_fired("her AFOs are rubbing and her toes look a bit red")
    assert "limp_with_fever" in rules_fired("his knee is red and hot to touch")


def test_berries_eaten_are_brought_as_a_piece_of_the_plant() -> None:
    told = rules_advice("he ate some red berries off a bush in the park and now he's being sick")
    assert "a piece or a photo of the plant" in told


def test_a_fractures_answer_does_not_send_an_injured_swelling_elsewhere() -> None:
    """The review: after an injury the limb is always swollen, so "go to the emergency
    department instead if the area looks red, hot or swollen" sent every parent there."""
    told = rules_advice("tripped at football and his wrist is swollen and he won't use it")
    assert "looks red, hot or swollen" not in told
    assert "gets redder and hotter over the next days" in told


def test_a_bleeding_face_is_pressed_with_the_child_sitting_forward() -> None:
    """The review: a cheek bitten through got the limb's steps (raise the limb, lie down with
    the legs raised), which can send blood into the throat."""
    told = rules_advice(
        "dog bit my daughter on the face, there's so much blood and I can see a deep hole in "
        "her cheek, it won't stop"
    )
    assert "leaning forward" in told
    assert "raise their legs" not in told
    assert "tourniquet" not in told


def test_a_bleeding_lip_after_a_fall_down_the_stairs_is_not_sat_up() -> None:
    """Guard: after a dangerous fall the neck is kept still, not sat forward."""
    told = rules_advice("fell down the stairs and his lip is bleeding loads and it wont stop")
    assert "leaning forward" not in told


def test_a_poisoning_without_the_unresponsive_sign_still_says_what_to_do_if_not_breathing() -> (
    None
):
    told = rules_advice("he ate some red berries off a bush in the park and now he's being sick")
    assert "If your child is not breathing" in told


def test_a_neck_held_stiff_after_a_sore_throat_names_the_emergency_department() -> None:
    """Two reviews agree: the emergency department now, by car; the ambulance only for
    drooling, not swallowing or noisy breathing (round 35 kept it the same day)."""
    told = rules_advice("after tonsillitis his neck is stiff and he holds it to one side")
    assert told.startswith("Take your child to the emergency department now")
    assert "drool" in told


def test_a_cold_hand_with_a_bent_elbow_says_each_limb_instruction_once() -> None:
    """Read as a clinician after the round: the cold hand's step and the deformed limb's said
    "keep it still", "do not straighten it" and "nothing to eat or drink" twice, in two
    wordings that the merge could not see as one."""
    told = rules_advice(
        "he fell off the sofa and his arm looks funny at the elbow and his hand is cold and white"
    )
    assert told.count("straighten") == 1
    assert told.count("eat or drink") == 1


def test_headaches_with_vomiting_and_sleepiness_are_not_told_to_drive_in() -> None:
    """Read as a clinician after the round: the persisting headache's "take your child to the
    emergency department now" sat beside "keep your child still" for a drowsy, vomiting child."""
    told = rules_advice(
        "hit his head 2 days ago and keeps getting headaches, now he has been sick twice and is "
        "very sleepy"
    )
    assert "Take your child to the emergency department now" not in told
    assert "Keep your child still" in told
