"""False alarms found reading blind matching set 21 (1 December): each failed before its fix.
Rules alone (no examples' second opinion), with a neighbour that must still escalate."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

CALM = [
    # A verb with food as its object eats the food, not the supplement asked about.
    "does my toddler need iron supplements? she barely eats meat",
    # What friends or a sibling have been doing for ages is not the child's lost skill.
    "she's 7 and still can't ride her bike without stabilisers, all her friends have been riding "
    "for ages",
    "her brother has been riding for ages but she still can't, she's 6",
    # "Still" says it never stopped: an early walker who still falls a lot has lost nothing.
    "my son walked at 10 months but now at 2 and a half he still falls over loads",
]


@pytest.mark.parametrize("text", CALM)
def test_look_alikes_stay_below_urgent(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


def test_iron_swallowed_is_still_a_poisoning() -> None:
    assert rules_level("he swallowed some iron tablets and now won't eat dinner") == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "he has been riding his bike for years and now can't pedal at all",
        "she was sitting fine but now she topples over sideways",
    ],
)
def test_the_childs_own_loss_still_counts(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


def test_a_quiet_child_at_school_is_no_danger_sign() -> None:
    """A baby "very quiet" is a drowsy baby (NICE NG143); a child quiet in class is shy."""
    text = "ma'am my daughter is very quiet in class, doesn't talk to other children in LKG"
    assert rules_level(text) == "concern"
    assert rules_level("my 3 week old is very quiet and not feeding") == "emergency"
