"""False emergencies on ordinary motor worries of the matching tuning set (1 December): a
child tired by an activity is not drowsy, a baby who stiffens and straightens when held
standing is describing tone, not a fit, and a rash that "won't go away" despite a cream is
lasting, not non-blanching. Rules alone; each with a neighbour that must still escalate."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level


@pytest.mark.parametrize(
    "text",
    [
        "she has low tone and gets so tired climbing the stairs, is a buggy board ok at 4",
        "he is floppy-ish (hypotonia) and very tired walking to school, any tips",
        "my 5 month old goes stiff and straightens his legs when I stand him on my lap",
        "when we hold her up she goes rigid and up on her tiptoes, 6 months, normal?",
        "the rash on her cheeks will not go away, tried three creams, she is 2",
        "heat rash on his back that won't go away for days now, he's fine otherwise",
    ],
)
def test_motor_and_skin_worries_are_not_emergencies(text: str) -> None:
    assert rules_level(text) != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "he went stiff and then his arms started jerking",
        "she went all stiff and then stopped breathing",
        "my baby is very floppy and really tired and not feeding",
        "purple spots on her legs that won't go away when I press a glass on them",
        "he is hot and has a rash that does not go away when pressed",
    ],
)
def test_neighbours_still_escalate(text: str) -> None:
    assert rules_level(text) == "emergency"
