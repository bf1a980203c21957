"""Round 34 (session 57): blind sets r34a and r34b, read by the rules alone.

Each case failed before the session's change: a level the blind writer or the paediatric review
showed was wrong, a first step that did not fit, or an ordinary message read as a danger sign.
"""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_advice, rules_fired, rules_level


@pytest.mark.parametrize(
    ("text", "age_months"),
    [
        # A skill the child had, then weeks in which the body lets it down.
        (
            "my 14 yr old used to play piano really well, over the last couple of months her "
            "fingers get stiff, she drops things and her writing has gone tiny and shaky",
            168,
        ),
        (
            "Our 10yo used to do cartwheels, over 3 weeks she's got weak in the legs, struggles "
            "to get up off the floor and pushes on her knees to stand up",
            120,
        ),
        (
            "Was feeding himself with a spoon fine, these past few weeks he just drops it and "
            "can't seem to grip it",
            26,
        ),
        (
            "Nanny here - the toddler I look after used to climb in and out of her high chair "
            "and up the slide ladder, the past 10 days she can't manage either and gets "
            "frustrated. Parents think it's a phase.",
            24,
        ),
        # Fine at a time of year, tripping now.
        (
            "keeps falling over now and she was fine at Christmas, running everywhere then, now "
            "she trips on nothing",
            60,
        ),
        # A summer's skill gone.
        (
            "My granddaughter rode her bike without stabilisers all last summer, now she wobbles "
            "and falls off, and she goes up the stairs gripping the rail with both hands.",
            84,
        ),
        # Done alone at one age, carried at the next.
        (
            "He could go up and down stairs on his own at 3, now at 4 he needs to crawl up them "
            "or be carried, says his legs are tired",
            48,
        ),
        # Handwriting gone back to scribble.
        (
            "His handwriting has gone back to scribble since half term and his teacher says he "
            "keeps dropping his pencil. He's 9 and was always a neat writer.",
            108,
        ),
    ],
)
def test_a_skill_lost_over_days_or_weeks_is_seen_the_same_day(text: str, age_months: int) -> None:
    assert rules_level(text, age_months) == "urgent"
    assert "lost_skills" in rules_fired(text, age_months)


@pytest.mark.parametrize(
    "text",
    [
        # "Still" says it never changed.
        "she could walk at 12 months and now at 2 she still falls over a lot",
        # What the older children did at this age is a comparison, not a loss.
        "He doesn't crawl or try to. My older two were crawling by now. I'm worried I made it "
        "worse by not doing enough tummy time",
        # A regression foretold, not told.
        "Everyone says he'll regress when the baby comes. He's just got the hang of walking up "
        "the stairs. Should I be expecting to lose all that?",
        # Shoes that fall off the feet.
        "My 5 year old daughter keeps walking out of her thongs, like they just fall off her "
        "feet every few steps and she trips",
    ],
)
def test_what_only_sounds_like_a_loss_is_not_escalated(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    ("text", "age_months", "sign"),
    [
        # A bulging soft spot told in plain words, buried in a sitting question, with vomiting
        # and crying when handled (NICE NG143's red features).
        (
            "he is not sitting without support still. What exercises can we do at home? Also "
            "since yesterday the soft part on top of his head is bulging up and feels tight, "
            "and he is vomiting and crying very much when we touch him.",
            7,
            "fever_red_feature",
        ),
        # Testicle pain told as "privates" by "my lad".
        (
            "My lad's always been a bit clumsy going down the stairs. He's also been "
            "complaining for the past 2 hours of a really bad pain in his privates on the left "
            "and he was sick once, he's lying curled up on the sofa now.",
            120,
            "sepsis_or_gut_emergency",
        ),
        # A heart child much bluer than usual.
        (
            "my son has a heart condition (hypoplastic left heart, had his Glenn op). today his "
            "colour is much darker blue than usual, he's breathing quick, sweaty and hardly "
            "feeding",
            13,
            "breathing_difficulty",
        ),
        # A scald told in the sentence after another child's milestone.
        (
            "My daughter still steps off instead of jumping, her cousin was jumping at 2. Also "
            "she pulled my cup of tea over herself earlier, it went down her chest and tummy "
            "and there's a big blister about the size of my hand and some skin peeling",
            30,
            "burn",
        ),
        # A fall from a window.
        (
            "she fell out the upstairs window onto the patio. shes crying. what do i do",
            36,
            "dangerous_fall",
        ),
        # Still fitting after the rescue medicine given "as per his care plan".
        (
            "Gave Jayden his buccal midazolam ten minutes ago as per his care plan but he is "
            "still jerking down his right side and not responding to me.",
            108,
            "seizure",
        ),
    ],
)
def test_round_thirty_four_emergencies(text: str, age_months: int, sign: str) -> None:
    assert rules_level(text, age_months) == "emergency"
    assert sign in rules_fired(text, age_months)


def test_a_limp_alone_since_the_morning_is_the_same_day_not_a_stroke() -> None:
    text = (
        "Our 3 yr old started limping this morning, no fall that I know of, no temperature, "
        "he's playing but favouring his right leg"
    )
    assert rules_level(text, 36) == "urgent"
    assert "stroke_signs" not in rules_fired(text, 36)


def test_a_dragged_leg_with_a_stutter_stays_an_emergency() -> None:
    assert rules_level("my son started stuttering and dragging his right leg yesterday") == (
        "emergency"
    )


def test_a_small_red_mark_on_a_babys_head_after_a_fall_is_the_same_day() -> None:
    text = (
        "He rolled off our bed onto the carpet, small red mark on his forehead, cried straight "
        "away, fed afterwards and is acting totally normal. He's 8 months."
    )
    assert rules_level(text, 8) == "urgent"
    assert rules_fired(text, 8) == ["baby_fall_swelling"]


def test_a_bump_beside_a_small_mark_stays_an_emergency() -> None:
    text = "fell off the bed, small red mark on his forehead and a big lump coming up"
    assert rules_level(text, 8) == "emergency"


def test_a_rash_that_goes_white_under_the_glass_is_not_the_non_blanching_rash() -> None:
    text = (
        "Two year old, temp of 38.7 and a blotchy red rash all over her body, it goes white "
        "when I do the glass test, she's still playing"
    )
    assert rules_level(text, 24) == "urgent"
    assert "fever_red_feature" not in rules_fired(text, 24)


def test_a_babys_hip_signs_are_checked_soon() -> None:
    text = (
        "Baby's hip clicks when we change his nappy and one leg looks shorter than the other, "
        "the creases on his thighs don't match"
    )
    assert rules_level(text, 1) == "urgent"
    answer = rules_advice(text, 1)
    assert "check the hips" in answer
    assert "urgent care" not in answer


@pytest.mark.parametrize(
    ("text", "age_months"),
    [
        # The tremor is the 80-year-old's; "two days a week" is a routine.
        (
            "My nan is 80 and watches my daughter two days a week, she has a slight tremor, "
            "should she be carrying the baby up and down stairs?",
            6,
        ),
        # A teddy, not a child, fell from the window.
        ("his teddy fell out of the window, he's crying", 36),
        # Motion sickness.
        ("My 3 yo gets car sick every journey, any tips before our long drive?", 36),
    ],
)
def test_round_thirty_four_ordinary_messages_are_not_escalated(text: str, age_months: int) -> None:
    assert rules_level(text, age_months) == "concern"


def test_an_auto_injector_already_used_is_not_told_to_use_one_now() -> None:
    text = (
        "Had to use his EpiPen at lunch after he ate a prawn, his throat went tight. It worked "
        "brilliantly and he's totally back to normal now, do we still need to go anywhere?"
    )
    answer = rules_advice(text, 132)
    assert rules_level(text, 132) == "emergency"
    assert "use it now" not in answer
    assert "emergency department now even if they seem well" in answer


def test_a_fall_from_a_window_keeps_the_child_still_for_the_ambulance() -> None:
    answer = rules_advice("she fell out the upstairs window onto the patio. shes crying", 36)
    assert "Do not move your child unless they are in danger" in answer
    assert "going straight to the emergency department is also right" not in answer


def test_blue_lips_blamed_on_the_weather_are_not_wrapped_up() -> None:
    text = (
        "She's also been really floppy and not feeding since this morning and her lips look a "
        "bit bluish, probably the cold weather."
    )
    assert rules_level(text, 10) == "emergency"
    assert "wrap your child" not in rules_advice(text, 10)


def test_a_tracheostomy_tube_out_gets_the_spare_and_breaths_over_the_stoma() -> None:
    answer = rules_advice(
        "his trachy has come out and I can't get the spare one back in, he's working so hard "
        "to breathe",
        36,
    )
    assert "one a size smaller" in answer
    assert "over the stoma" in answer


def test_a_chemical_in_the_eye_and_on_the_skin_rinses_both() -> None:
    answer = rules_advice(
        "Oven cleaner sprayed in his eye and on his cheek, eye is screwed shut and red and the "
        "skin on his cheek is going white",
        60,
    )
    assert "Rinse the eye at once" in answer
    assert "rinse the skin under running water" in answer


def test_a_hot_red_joint_with_no_injury_is_not_splinted() -> None:
    text = (
        "Her knee is swollen, hot and red since last night, she can walk on it but limps, no "
        "injury"
    )
    assert rules_level(text, 96) == "urgent"
    assert "sling" not in rules_advice(text, 96)


def test_a_sleepy_child_after_a_head_injury_is_woken_or_laid_on_their_side() -> None:
    answer = rules_advice(
        "my 6 yr old fell off the top bunk and cracked his head on the floor, he's been sick "
        "three times since and keeps wanting to go to sleep",
        72,
    )
    assert "lay them on their side" in answer


def test_a_burn_on_the_face_is_cooled_with_a_shower_or_wet_cloths() -> None:
    answer = rules_advice(
        "hot oil from the kadai splashed on my daughter face and neck, blisters are already "
        "coming near her eye",
        60,
    )
    assert "cool wet cloths" in answer


def test_nothing_goes_down_a_feeding_tube_before_an_operation() -> None:
    answer = rules_advice(
        "His gastrostomy button fell out last night and we pushed it back in ourselves and fed "
        "him this morning. Now his tummy is hard and swollen, he's got a temperature and looks "
        "grey",
        72,
    )
    assert "nothing down a feeding tube" in answer


# Round 34's second review: the mends' own harms and the probes still missed.


def test_a_child_no_better_after_the_pen_is_given_the_second_one() -> None:
    answer = rules_advice("used her epipen 5 mins ago, she's still struggling to breathe", 96)
    assert "give a second one now" in answer
    assert "on their side if they stop responding" in answer


def test_an_electric_shock_turns_the_power_off_before_any_burn_step() -> None:
    answer = rules_advice(
        "She got a shock from the plug socket and her fingers have a small burn.", 48
    )
    assert answer.index("until the power is off") < answer.index("cool running water")
    assert answer.count("cool running water") == 1


def test_a_clicking_hip_that_hurts_when_moved_goes_to_hospital_today() -> None:
    text = (
        "He is 6 weeks old, his hip clicks and he screams when I move that leg at nappy changes."
    )
    assert rules_fired(text, 1) == ["baby_limb_hurts"]
    assert "check the hips" not in rules_advice(text, 1)


def test_sudden_pain_in_a_boys_privates_is_an_emergency() -> None:
    text = (
        "He's holding his privates and crying, says it really hurts down there, it started "
        "suddenly an hour ago."
    )
    assert rules_level(text, 108) == "emergency"


def test_stairs_done_alone_then_needing_carrying_is_a_lost_skill() -> None:
    text = (
        "She could do the stairs alone at 3, now she needs carrying up them because her legs "
        "give out."
    )
    assert rules_level(text, 48) == "urgent"
