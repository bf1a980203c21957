"""Session 64: a burn over a large part of the body is an ambulance, not the drive in.

Round 40's paediatric review found a scald of a whole chest and arm told "going straight to
the emergency department is also right". Raising Children and St John Ambulance call an
ambulance for a burn that covers a large part of the body; the NHS sends a burn bigger than
the hand to A&E, so a smaller burn keeps the department. Each large burn below was offered
the drive before the change; the guards pass before it too.
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
