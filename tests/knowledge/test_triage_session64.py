"""Session 64: a paediatric reading of round 40's remaining findings, and probes around them.

A burn over a large part of the body is an ambulance, not the drive in (Raising Children and
St John Ambulance call one; the NHS's hand-size rule keeps smaller burns at the department).
A finger or toe still attached is left where it is, not bagged on ice. Breathlessness told
with a chest infection or at rest, and a chest illness in a child with a neuromuscular
condition, read no danger at all; a blood test or sugar after vomiting was blood in the vomit.
Each case failed before the change; the guards pass before it too.
"""

from __future__ import annotations

import pytest

from knowledge.signs import default_danger_signs
from tests.support.triage_rules import rules_advice, rules_fired, rules_level

LARGE = [
    "he pulled a pan of boiling water over himself, his whole chest and arm are burnt",
    "scalded his back in the bath, huge area red and blistering",
    "both his legs are red and blistering up to the knees after the bath was too hot",
    "hot tea spilled all down her front, blistering",
    "he fell in the bonfire, most of his leg is burnt",
]

SMALLER = [
    "big burn on her leg from the kettle, blisters bigger than my hand",
    "scalded his hand with tea, the whole back of his hand is red",
    "my whole body aches and he burnt his finger on the oven, it blistered",
    "burnt his arm on the radiator, a big red patch",
]


@pytest.mark.parametrize("text", LARGE)
def test_a_large_burn_calls_the_ambulance_only(text: str) -> None:
    assert rules_level(text) == "emergency"
    assert "burn_large" in rules_fired(text)
    answer = rules_advice(text)
    assert default_danger_signs().answers.emergency_department not in answer
    assert answer.count("Cool the burn under cool running water") == 1


@pytest.mark.parametrize("text", SMALLER)
def test_a_smaller_burn_keeps_the_department(text: str) -> None:
    assert rules_level(text) == "emergency"
    assert "burn_large" not in rules_fired(text)
    assert default_danger_signs().answers.emergency_department in rules_advice(text)


def test_an_airway_burn_over_a_large_area_says_its_own_step_alone() -> None:
    text = (
        "boiling water went over her face and all down her front, her voice is hoarse and "
        "she is drooling"
    )
    assert {"burn_airway", "burn_large"} <= set(rules_fired(text))
    assert "Cool the burn under cool running water" not in rules_advice(text)


@pytest.mark.parametrize(
    "text",
    [
        "she has a fingertip cut off in the door, it's still hanging on by a bit of skin",
        "he nearly cut his finger right off with the secateurs",
        "my son almost took the tip of his thumb off with a knife",
    ],
)
def test_a_part_still_attached_is_left_where_it_is(text: str) -> None:
    """Round 40's review: a fingertip still hanging on was told to wrap the cut-off part and
    put it on ice. The last message read no danger at all before."""
    assert rules_level(text) == "emergency"
    answer = rules_advice(text)
    assert "Leave the part attached" in answer
    assert "on ice" not in answer


def test_a_part_cut_off_is_still_kept_cool() -> None:
    answer = rules_advice("his toe got cut off by the lawnmower, I have it in a bag")
    assert "on ice (not touching the ice)" in answer
    assert "Leave the part attached" not in answer


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my child has a chest infection and is breathless", "urgent"),
        ("breathless with his cough, 3 year old", "urgent"),
        ("she is out of breath just sitting still", "emergency"),
        ("my son with duchenne has a chest infection", "urgent"),
        ("SMA type 2, she has a cold and lots of secretions", "urgent"),
    ],
)
def test_breathlessness_with_an_illness_or_at_rest_is_read(text: str, level: str) -> None:
    """Each read no danger at all before: "breathless" was only read beside "and" or "too"."""
    assert rules_level(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "I've got flu and I'm so breathless lol parenting while ill. how do I help my 9mo "
        "practise sitting when I can barely get off the sofa",
        "he gets out of breath running for the bus and coughs at night, could it be asthma? 6 yrs",
        "he gets breathless walking up the stairs",
    ],
)
def test_a_parents_own_or_a_runners_breathlessness_is_not_escalated(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "vomited twice, blood test tomorrow",
        "type 1 diabetic, vomiting twice and blood sugar 18, ketones high",
    ],
)
def test_a_blood_test_or_sugar_after_vomiting_is_not_blood_in_the_vomit(text: str) -> None:
    """ "vomiting twice and blood sugar 18" was told to sit up and spit the blood out."""
    assert "bleeding_from_mouth" not in rules_fired(text)
    assert "spit the blood out" not in rules_advice(text)


def test_blood_in_the_vomit_is_still_an_emergency() -> None:
    assert "bleeding_from_mouth" in rules_fired("he vomited and there was blood in it")


def test_a_breathless_child_with_duchenne_is_an_emergency_with_the_machine_and_the_plan() -> None:
    """Session 64's paediatric review: same day was too low (little breathing reserve), and
    the crew must hear that oxygen alone can be unsafe for a child on BiPAP."""
    text = "my son with duchenne has a chest infection and is breathless, he uses bipap at night"
    assert rules_level(text) == "emergency"
    told = rules_advice(text)
    assert "oxygen on its own can be unsafe" in told
    assert "care plan" in told


def test_a_diabetic_child_being_sick_keeps_their_insulin() -> None:
    told = rules_advice("type 1 diabetic, vomiting twice and blood sugar 18, ketones high")
    assert "do not stop their insulin" in told


@pytest.mark.parametrize(
    "text",
    [
        "he fell off the sofa, still hanging on by a bit of skin on his fingertip",
        "the top of his finger is hanging off",
    ],
)
def test_a_part_named_after_the_skin_or_hanging_off_is_still_attached(text: str) -> None:
    """Found by reading a check-in as a clinician: the first read only the same day (the
    part named after "skin"), the second was told to bag the part on ice."""
    assert rules_level(text) == "emergency"
    assert "Leave the part attached" in rules_advice(text)
