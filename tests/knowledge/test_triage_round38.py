"""Session 61: the should-fix findings of round 37's paediatric review, then blind set r38b and
its review, read by the rules alone.

Each case failed before the session's change: a medicine within reach told beside a sudden
change that was not read as a poisoning, a severely dried-out child whose wait for help said
nothing about drinking, a limb that hurts after a fall answered as a bone infection, then the
dangers and look-alikes of r38b and the harms its paediatric reviewer found in the answers.
The guards pass before it too: they pin what the mends must not change.
"""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_advice, rules_fired, rules_level


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "she suddenly can't walk straight, keeps falling over, and I found grandma's pill "
            "box open",
            30,
        ),
        ("he's suddenly wobbly and sleepy, the medicine cabinet door was open", 24),
        (
            "found the blister pack of my sleeping tablets on the floor, 2 gone, she's very "
            "drowsy",
            20,
        ),
        ("the lid was off the calpol and he seems fine but I'm not sure how much was in it", 24),
    ],
)
def test_a_medicine_within_reach_with_a_sudden_change_or_an_unknown_amount_is_a_poisoning(
    text: str, age: int
) -> None:
    """A sudden wobble was answered as weakness (same day), with no poison centre; an open
    bottle with an amount nobody can tell got nothing at all."""
    assert rules_level(text, age) == "emergency"
    assert "poisoning" in rules_fired(text, age)
    assert "give nothing to eat or drink" in rules_advice(text, age)


def test_an_unknown_amount_of_an_open_medicine_is_not_waited_on() -> None:
    """A child who seems well after paracetamol may not stay so: the step says not to wait."""
    text = "the lid was off the calpol and he seems fine but I'm not sure how much was in it"
    assert "Act now, even if your child seems well" in rules_advice(text, 24)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("not sure how much calpol to give, he is 2 and has a fever", 24),
        ("we keep the pill box locked, is a child lock enough? she's a climber", 30),
        ("2 gone wrong this week, he's had a cold and two falls but he's fine now", 36),
    ],
)
def test_a_dose_question_or_a_locked_box_is_not_a_poisoning(text: str, age: int) -> None:
    assert "poisoning" not in rules_fired(text, age)
    assert rules_level(text, age) != "emergency"


def test_a_dried_out_drowsy_child_gets_sips_while_help_comes() -> None:
    text = "very dry nappies for 12 hours, sunken eyes, very sleepy after a tummy bug"
    advice = rules_advice(text, 18)
    assert rules_level(text, 18) == "emergency"
    assert "oral rehydration solution" in advice
    assert "keeps breastfeeding" in advice
    assert "Give nothing by mouth to a child too sleepy to swallow" in advice


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("vomiting green, no wet nappy for 12 hours, very sleepy", 18),
        (
            "diarrhoea and vomiting, no wee since morning, sunken eyes and cold hands, tummy "
            "rock hard",
            24,
        ),
        ("he drank bleach earlier, now vomiting, no wee for 10 hours and very sleepy", 24),
        ("fell down the stairs, vomiting since, no wee all day, very drowsy", 30),
        ("face drooping on one side, sick all day, no wee since morning, drowsy", 36),
        ("no wet nappy since last night, sunken eyes, floppy and grunting with each breath", 9),
    ],
)
def test_nothing_by_mouth_is_never_contradicted_by_the_sips(text: str, age: int) -> None:
    """Green vomit, a rigid tummy, a poison, a fall, a stroke or a struggle to breathe: the
    sips for a dried-out child must not stand beside them."""
    advice = rules_advice(text, age)
    assert rules_level(text, age) == "emergency"
    assert "oral rehydration" not in advice


def test_a_shin_that_hurts_after_a_fall_is_a_possible_fracture_not_an_infection() -> None:
    text = "he won't walk since he fell off the trampoline, cries when I touch his shin"
    advice = rules_advice(text, 24)
    assert "possible_fracture" in rules_fired(text, 24)
    assert "limp_with_fever" not in rules_fired(text, 24)
    assert "infected" not in advice
    assert "X-ray" in advice
    assert "even after a normal X-ray, go back" in advice


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("she cries every time I lift her left leg to change her nappy", 8),
        ("fell off the slide last week, now his knee is hot and red and he has a fever", 48),
    ],
)
def test_a_painful_limb_without_an_injury_or_with_a_fever_keeps_the_hospital(
    text: str, age: int
) -> None:
    fired = rules_fired(text, age)
    assert "limp_with_fever" in fired or "bone_or_joint_infection" in fired


def test_a_floppy_child_grunting_is_laid_on_the_side_not_propped_up() -> None:
    """Round 37's steps for a weakness spreading to the breathing (sit up, propped) were given
    to a floppy, dried-out baby grunting with each breath, beside "lay them on their side"."""
    text = "no wet nappy since last night, sunken eyes, floppy and grunting with each breath"
    advice = rules_advice(text, 9)
    assert rules_level(text, 9) == "emergency"
    assert "weakness has spread" not in advice
    assert "lay them on their side" in advice


def test_green_vomit_with_a_dried_out_child_keeps_nothing_by_mouth() -> None:
    """The dehydration rule came first among the sign's rules, so green vomit told with it
    lost its "nothing to eat or drink" (the sign's first rule that holds gives its step)."""
    text = "vomiting green, no wet nappy for 12 hours, very sleepy"
    assert "Give nothing to eat or drink" in rules_advice(text, 18)


# Round 38 (blind set r38b): read by the rules alone, each failed before the round's change.


def test_a_shake_of_the_arms_and_legs_straight_after_a_head_knock_is_an_emergency() -> None:
    """A fit after a head injury (NICE NG232: a CT within the hour) was the safety net."""
    text = (
        "she banged her head on the wooden floor at soft play and then straight after her arms "
        "and legs did a little shake for maybe 10 secs. she's awake now and crying for juice. "
        "staff said it was probably just shock"
    )
    assert rules_level(text, 48) == "emergency"
    assert "head_injury_warning" in rules_fired(text, 48)


def test_legs_that_shake_standing_on_tiptoe_are_not_a_fit() -> None:
    text = "his legs shake when he stands on tiptoe for a long time, is that weak muscles?"
    assert rules_level(text, 30) != "emergency"


def test_eyes_barely_opened_when_spoken_to_with_dehydration_is_an_emergency() -> None:
    text = (
        "gastro for 2 days, no wet nappy since last night, soft spot sunk in, eyes look sunken "
        "and she barely opens them when i talk to her"
    )
    assert rules_level(text, 10) == "emergency"
    assert "dehydration_severe" in rules_fired(text, 10)


def test_weakness_and_leaking_getting_worse_since_last_month_is_not_past() -> None:
    """ "Walking was getting better but last month legs weaker" stood the signs down."""
    text = (
        "3yo spina bifida, walking was getting better but last month legs weaker, feet turning "
        "in more, more leaking through pull ups, says his back hurts"
    )
    assert rules_level(text, 36) in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "how do i teach her 'hot'? she keeps reaching for the oven door and the log burner. "
            "nothing's happened yet touch wood but i don't want her getting burnt",
            25,
        ),
        (
            "my friend's little boy had a febrile seizure on the weekend, he's totally fine now "
            "thank god. got me thinking what i'd actually do if it ever happened to mine. she's "
            "17 months",
            17,
        ),
        (
            "touched the oven door while i was baking, her finger went red, held it under the "
            "cold tap 20 mins, no blister, she's back playing. need anything on it?",
            30,
        ),
        (
            "baby fell off the sofa last week, took her to GP, all checked and fine. what age "
            "should stair gates go up",
            11,
        ),
        (
            "ate a couple of daisies off the lawn, does that count as poisoning lol. he's fine, "
            "just wondering which garden plants i actually need to worry about",
            20,
        ),
        (
            "ele teve uma convulsão febril ano passado, sorry my english, hospital checked all "
            "fine and no more since. now he is 20 months and not jumping yet, he should be?",
            20,
        ),
        (
            "every time i put her down in the cot she flings her arms out like shes falling and "
            "then cries. is that a seizure?? she's 5 weeks, otherwise feeding and pooing fine",
            1,
        ),
        (
            "newborn hands and feet go bluish purple but lips and tongue are pink and hes feeding "
            "well. is his circulation ok",
            0,
        ),
        (
            "every time we walk to nursery she says her legs are broken and she needs carrying. "
            "then at the park she runs round for an hour no problem. how far should a 3 and a "
            "half year old manage to walk?",
            42,
        ),
        (
            "our cat has a limp on her back leg (vet says sprain) and my son now copies her walk "
            "all day lol. is it ok to let him or could it mess up his walking?",
            38,
        ),
        (
            "7yo went over on her ankle at netball, bit swollen on the outside but she can walk "
            "on it with a bit of a limp. ice and rest ok?",
            84,
        ),
    ],
)
def test_round_38_look_alikes_are_not_escalated(text: str, age: int) -> None:
    assert rules_level(text, age) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("his whole body shook for a minute after he bumped his head", 20),
        (
            "my friend's little boy had a febrile seizure last year. mine is fitting now and "
            "wont stop",
            17,
        ),
        (
            "touched the oven door, her finger went red, no blister yet but she is screaming and "
            "her whole hand is swollen",
            30,
        ),
        (
            "baby fell off the sofa an hour ago, took her to GP, all checked and fine but now she "
            "is vomiting and sleepy",
            11,
        ),
        ("ate some grass and berries from the hedge in the garden, now vomiting", 20),
        ("ate a daisy and then some of nan's pills", 20),
        ("newborn hands and feet go bluish purple and his lips are blue too", 0),
        ("feet purple and cold, lips pink, she is floppy and not feeding", 0),
    ],
)
def test_dangers_told_beside_the_round_38_look_alikes_stay_emergencies(
    text: str, age: int
) -> None:
    assert rules_level(text, age) == "emergency"


def test_a_turned_ankle_that_cannot_take_weight_is_still_seen_today() -> None:
    text = "7yo went over on her ankle, she can not put weight on it and it looks out of shape"
    assert rules_level(text, 84) in ("urgent", "emergency")


# Round 38's paediatric review: harms in the answers to blind set r38b, each failing before.

SEPTIC_MOTTLED = (
    "fever since this morning. now his legs look blotchy and purply like marble and his hands "
    "and feet are freezing even tho his body is boiling. he's breathing really fast and just "
    "lying there not interested in anything. gave tylenol an hour ago"
)


@pytest.mark.parametrize(
    "text",
    [
        SEPTIC_MOTTLED,
        "her legs are having purple blotches, hands and feet are ice cold but body is burning "
        "hot, breathing fast and she is just lying, not even crying when i change her",
    ],
)
def test_a_mottled_feverish_child_gets_no_auto_injector(text: str) -> None:
    """Blotchy skin with fast breathing read as anaphylaxis: "use the auto-injector now"."""
    advice = rules_advice(text, 14)
    assert rules_level(text, 14) == "emergency"
    assert "auto-injector" not in advice


@pytest.mark.parametrize(
    "text",
    [
        "a rash came up all over and now she is wheezing",
        "on amoxicillin for an ear infection with a temp, now hives all over and wheezing",
    ],
)
def test_a_rash_or_hives_with_wheeze_keeps_the_auto_injector(text: str) -> None:
    assert "auto-injector" in rules_advice(text, 24)


def test_blood_spurting_through_a_towel_gets_the_bleeding_steps() -> None:
    """Nothing fired: only the learned opinion's emergency, with no first step."""
    text = (
        "he ran into the glass door and cut the top of his leg, blood's kind of pumping out in "
        "spurts. been pressing a towel on it 10 mins and it keeps soaking through. he's gone "
        "very pale and quiet"
    )
    advice = rules_advice(text, 40)
    assert "heavy_bleeding" in rules_fired(text, 40)
    assert "put another cloth on top and press harder" in advice
    assert "tourniquet" in advice


def test_weakness_spreading_to_the_swallow_and_breathing_gets_its_steps() -> None:
    text = (
        "my daughter is 8 she started with wobbly legs 3 days ago after a tummy bug the GP said "
        "it was viral today she cant stand at all her arms are weak too and she says its hard "
        "to swallow and her voice is really quiet and breathing feels hard for her"
    )
    advice = rules_advice(text, 96)
    assert rules_level(text, 96) == "emergency"
    assert "weakness has spread" in advice


def test_a_floppy_baby_with_shallow_breathing_is_not_propped_up() -> None:
    text = (
        "4 mo was holding his head up great but the last 2 days he's gone really floppy, can't "
        "hold his head at all, weak little cry, barely sucking, eyelids droopy and no poo for 5 "
        "days. this morning his breathing looks shallow"
    )
    advice = rules_advice(text, 4)
    assert "propped if needed" not in advice
    assert "do not prop them sitting up" in advice


def test_ketoacidosis_is_not_treated_as_a_low_sugar() -> None:
    text = (
        "son 9 type 1 been vomiting since last night cant even keep water down, breathing "
        "really deep and heavy like big sighs, breath smells like nail polish remover and hes "
        "so drowsy. ketone meter just says HI"
    )
    advice = rules_advice(text, 108)
    assert rules_level(text, 108) == "emergency"
    assert "sugary drink" not in advice


def test_coughing_after_lamp_oil_gets_no_back_blows() -> None:
    text = (
        "Hola, my son drink from the bottle of lamp oil for the garden torches, he cough and "
        "choke very much after, now 20 min he still cough and breath very fast and look tired"
    )
    advice = rules_advice(text, 33)
    assert "poisoning" in rules_fired(text, 33)
    assert "back blows" not in advice


def test_choking_on_food_keeps_the_back_blows() -> None:
    assert "back blows" in rules_advice(
        "he was eating popcorn and choked, now he is breathing fast", 24
    )


def test_hives_after_a_sting_are_not_rinsed_under_the_tap() -> None:
    text = (
        "bee stung my son on his foot at the park 10 mins ago. now he's got big itchy welts all "
        "over his body, he's wheezing, says his tummy hurts and just vomited. is zyrtec enough?"
    )
    advice = rules_advice(text, 64)
    assert "auto-injector" in advice
    assert "rinse the skin" not in advice


def test_kawasakis_puffy_hands_are_not_sent_for_an_x_ray() -> None:
    text = (
        "temps on and off for 5 days, up to 39 at night. her eyes have gone pink (no gunk) and "
        "her lips are really red and cracked. her hands look a bit puffy too"
    )
    assert "possible_fracture" not in rules_fired(text, 30)
    assert "X-ray" not in rules_advice(text, 30)


def test_a_weak_quiet_cry_after_a_grape_starts_the_back_blows() -> None:
    text = (
        "bub was eating a grape and coughed, now he's making a high squeaky noise every time he "
        "breathes in and his cry is really quiet and weak. do i give him water to wash it down"
    )
    advice = rules_advice(text, 11)
    assert "If the cough or cry is weak or quiet" in advice
    assert "Give no water, food or bottle to wash it down" in advice


def test_a_diving_injury_still_in_the_water_is_kept_floating() -> None:
    text = (
        "my boy dived into the shallow end of the hotel pool and hit the bottom. he's floating "
        "on his back saying he can't feel his legs properly and crying. my husband wants to lift "
        "him out and carry him to the room"
    )
    advice = rules_advice(text, 110)
    assert "keep them floating face up" in advice
    assert "Do not lift or carry them out" in advice


@pytest.mark.parametrize(
    ("text", "age", "place"),
    [
        (
            "sickle cell pain in legs since yesterday, given paracetamol and ibuprofen as per "
            "plan, still crying says 8 out of 10, no fever breathing normal",
            96,
            "Take your child to hospital now",
        ),
        (
            "6yo with shunt has a red line along the tubing on his neck, temp 37.9, hes playing "
            "normally. shunt clinic shut for the day",
            72,
            "say they have a shunt",
        ),
        (
            "baby born at home this morning and she already looks yellow on her face and chest. "
            "feeding ok. midwife coming tomorrow",
            0,
            "Call your midwife or the maternity unit now",
        ),
    ],
)
def test_same_day_answers_name_the_place_that_can_treat(text: str, age: int, place: str) -> None:
    """The level's own answer ("your child's doctor, or urgent care") named a place that can
    neither treat a pain crisis nor reach the shunt team nor test a baby's jaundice in hours."""
    advice = rules_advice(text, age)
    assert rules_level(text, age) == "urgent"
    assert place in advice
    assert "urgent care" not in advice


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "she came off her scooter and put her hand out. wrist is swollen and sore when she "
            "moves it, fingers move ok and are pink. been on the sofa with ice",
            88,
        ),
        (
            "she's hypermobile, kneecap popped out at netball, went back on its own, now knee is "
            "swollen like a balloon and she cant straighten it",
            120,
        ),
    ],
)
def test_a_joint_swollen_after_an_injury_is_not_answered_as_an_infection(
    text: str, age: int
) -> None:
    """No fever told: the fracture's X-ray, not blood tests for an infected joint."""
    fired = rules_fired(text, age)
    assert "possible_fracture" in fired
    assert "limp_with_fever" not in fired


def test_a_joint_swollen_and_a_fever_now_after_a_fall_last_month_is_not_past() -> None:
    """ "Last month" stood down a septic joint told as it is now."""
    text = (
        "he fell off the slide last month. now his knee is swollen, he wont bend it and has a "
        "temp of 38.5"
    )
    assert rules_level(text, 60) == "emergency"


# Round 38's second review: probes written before running, aimed at the edges of the mends.


@pytest.mark.parametrize(
    "text",
    [
        "she had a sip of the lamp oil then was choking and coughing loads",
        "drank bleach and now choking",
    ],
)
def test_choking_after_a_liquid_poison_gets_no_back_blows(text: str) -> None:
    advice = rules_advice(text, 30)
    assert rules_level(text, 30) == "emergency"
    assert "back blows" not in advice


@pytest.mark.parametrize(
    ("text", "age", "level"),
    [
        ("dived in and hit his head on the bottom of the pool, his neck hurts", 96, "emergency"),
        ("dived into shallow water and hurt his neck", 96, "emergency"),
        (
            "el año pasado tuvo una convulsión, ahora está convulsionando otra vez y no para",
            30,
            "emergency",
        ),
        (
            "found the medicine cabinet open and she seems totally fine playing, dont know if "
            "she took anything",
            24,
            "emergency",
        ),
        ("nothing's happened yet, he's just swallowed a button battery i think", 24, "emergency"),
    ],
)
def test_dangers_at_the_edges_of_the_mends_are_read(text: str, age: int, level: str) -> None:
    assert rules_level(text, age) == level


def test_a_dive_with_neck_pain_keeps_the_neck_still() -> None:
    advice = rules_advice("dived into shallow water and hurt his neck", 96)
    assert "do not let them lift, turn or nod their head" in advice


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "my sisters kid had a allergic reaction to nuts last year, should I be worried "
            "giving peanut to mine",
            24,
        ),
        ("ele teve uma convulsão no ano passado, agora ele anda bem, quando vai pular?", 20),
        ("breathing feels hard after running, fine after a minute rest", 60),
        ("grazed knee with a plaster soaking through with little spots of blood", 36),
        ("our dog's limp is making my son copy her walk lol", 36),
    ],
)
def test_look_alikes_at_the_edges_of_the_mends_are_not_escalated(text: str, age: int) -> None:
    assert rules_level(text, age) not in ("urgent", "emergency")


def test_a_shunt_with_a_fever_is_not_told_to_wait_for_one() -> None:
    advice = rules_advice("VP shunt, fever and a red line along the tube", 72)
    assert "Do not wait for a fever" not in advice


def test_a_weak_quiet_cry_while_eating_a_grape_gets_the_back_blows() -> None:
    """Read again as a whole reply: once "really quiet" was no longer drowsiness, no rule
    fired and the reply had no step; a weak or quiet cry after a choking food is an
    ineffective cough."""
    text = "she was eating a grape and now she is coughing and her cry is really quiet and weak"
    assert "choking" in rules_fired(text, 15)
    assert "back blows" in rules_advice(text, 15)


def test_a_weak_cry_with_a_cold_gets_no_back_blows() -> None:
    assert "back blows" not in rules_advice(
        "he has a cold and a cough, eating less, his cry is weak", 10
    )
