"""Round 13 (blind set triage13): new surface forms of existing signs (a colour gone dusky, a
baby "stopping breathing", yellow eyes told as a change, a cut told as gaping after where it
happened, redness tracking up a limb, a refusal to walk "since morning"), each pinned with a calm
neighbour that must stay calm; and stand-downs (a "seizure of giggles", a dose smaller than the
right one, a problem a clinician has seen and treated that is nearly over, a regression told
long ago that a specialist follows), each pinned with a dangerous neighbour that must still
escalate. Rules alone (no examples' second opinion), so each case tests a mechanism of
``danger_signs.yaml``."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

ROUND13_EMERGENCIES = [
    # A colour gone dusky (NHS 999: blue, grey or pale).
    "my 4 week old turned dusky in the bath and is breathing oddly",
    # "stopping breathing", as "stops breathing" already was.
    "our baby keeps stopping breathing in his cot for a long time",
]


@pytest.mark.parametrize("text", ROUND13_EMERGENCIES)
def test_round13_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


ROUND13_URGENT = [
    # Yellow eyes told as a change, with dark wee (NHS jaundice).
    "her eyes have gone quite yellow and her pee is dark, 7 yo",
    # A gaping cut told after where it happened (NHS cuts and grazes).
    "cut on his shin from the edge of the trampoline, it is gaping",
    # Redness tracking up a limb after a bite or a graze (skin_infection's red streak).
    "graze on her knee and the redness is creeping up her leg",
    # A refusal to walk told "since morning" (new onset).
    "he is refusing to walk since morning, 2 years old",
]


@pytest.mark.parametrize("text", ROUND13_URGENT)
def test_round13_urgent(text: str) -> None:
    assert rules_level(text) == "urgent"


CALM_NEIGHBOURS = [
    # The evening going dusky is not a child's colour.
    "it was going dusky by the time we left the park and he walked all the way home",
    # A pause of a few seconds in sleep with the colour unchanged (periodic breathing).
    "my baby stops breathing for a few seconds in her sleep then carries on, never changes colour",
    # Eyes and a yellow discharge are not jaundice.
    "her eyes have gone a bit red and yellow gunk came out this morning, she is 3",
    # A cut told as not gaping.
    "cut on his knee from falling off his scooter, it is not gaping and the edges are together",
    # A bite without tracking redness.
    "bitten on the arm yesterday, a bit red, the bruise is fading, she is fine",
    # A daily refusal to walk somewhere is a preference, not a new refusal.
    "she refuses to walk to nursery every morning, she wants the buggy",
]


@pytest.mark.parametrize("text", CALM_NEIGHBOURS)
def test_round13_new_forms_leave_calm_neighbours_calm(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


STOOD_DOWN = [
    # A "seizure" of laughter is a figure, as "choked on a laugh".
    "he had a total seizure of laughter at the puppet show, can he start drama club at 3",
    # A dose smaller than the right one given by mistake is not an overdose.
    "i gave him the baby ibuprofen dose by mistake, it is lower than he needs for his age",
    # Seen and treated by a clinician, and nearly over.
    "the doctor looked at his sticky ear on tuesday and gave antibiotics, the gunk has almost"
    " gone",
    "a and e put her pulled elbow back last night and she is moving her arm like normal",
    # A regression told long ago that a specialist follows.
    "he lost some words 2 years ago and is seeing a speech therapist, what helps his balance",
]


@pytest.mark.parametrize("text", STOOD_DOWN)
def test_round13_stand_downs(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


DANGEROUS_NEIGHBOURS = [
    ("emergency", "she had a seizure after laughing at the dog and is still shaking"),
    (
        "emergency",
        "i accidentally gave him the calpol dose for 6 years when he is 2, more than he"
        " should have had",
    ),
    (
        "urgent",
        "the gp saw her ear discharge and gave drops but it has not stopped and now she has"
        " a fever",
    ),
    (
        "urgent",
        "he had his pulled elbow put back at urgent care but today he will not use his arm again",
    ),
    (
        "urgent",
        "her speech regressed last year and she is under the paediatrician. she used to"
        " walk but now she only crawls",
    ),
]


@pytest.mark.parametrize(("level", "text"), DANGEROUS_NEIGHBOURS)
def test_round13_stand_downs_keep_a_real_worry(level: str, text: str) -> None:
    assert rules_level(text) == level
