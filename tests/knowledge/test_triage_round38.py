"""Session 61: the should-fix findings of round 37's paediatric review, read by the rules alone.

Each case failed before the session's change: a medicine within reach told beside a sudden
change that was not read as a poisoning, a severely dried-out child whose wait for help said
nothing about drinking, a limb that hurts after a fall answered as a bone infection. The
guards pass before it too: they pin what the mends must not change.
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
