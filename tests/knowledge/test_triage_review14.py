"""Leftovers of round 14 (blind set 20), reviewed at the merge: a floppy child "and hot" had no
answer at all, while two harmless messages were emergencies (eyes kept shut against the
pool's sting read as a child who will not open their eyes; a lip swollen from a knock read as
anaphylaxis). Rules alone, each escalation with a calm neighbour and each stand-down with a
dangerous neighbour."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

EMERGENCIES = [
    # NICE NG143: a floppy child with a fever is a red feature; "and hot" is the fever.
    "he is floppy and hot",
    # Dangerous neighbours of the stand-downs below: still emergencies.
    "she will not open her eyes and is not responding to me",
    "he won't open his eyes in the bath and is floppy and hot",
    "her lips are swelling up after she ate a peanut",
    "he bumped his lip and now it is swollen, he also ate peanuts and is wheezy",
    "tongue swelling suddenly, no idea why",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_still_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


NOT_EMERGENCIES = [
    # Eyes kept shut against chlorine or the sun are not a child who cannot be roused.
    "can't open his eyes in the pool, stings",
    # A lip swollen from a knock is an injury, not an allergic reaction.
    "her lip is a bit swollen from a bump, hands are fine",
    "she fell and split her lip, it is swollen",
]


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergencies(text: str) -> None:
    assert rules_level(text) != "emergency"


def test_warmth_after_a_nap_is_not_a_fever_emergency() -> None:
    assert rules_level("she is sleepy and warm after her nap, fine otherwise") not in (
        "emergency",
        "urgent",
    )
