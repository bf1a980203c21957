"""Review of rounds 11 and 12 (30 November): stand-downs whose dangerous neighbours were answered
below their level. A newborn's sleep jerks told as NOT stopping on waking, or going on awake, were
stood down or unread; a sleep regression stood down a lost sitting skill; "only just started
walking" stood down a sudden loss of standing; periodic breathing stood down a long pause, one
ended by shaking the baby, or grunting and fast breathing told after it; grunting in sleep stood
down a feverish, fast-breathing baby. Each calm case stays calm and each neighbour
escalates. Rules alone (no examples' second opinion), so each case tests ``danger_signs.yaml``."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

CALM = [
    # Benign neonatal sleep myoclonus: jerks only in sleep that stop on waking.
    "my 2 week old jerks in her sleep but it stops when she wakes up",
    "my newborn twitches in his sleep but is calm and feeding well when awake",
    # A sleep regression is about sleep.
    "he is going through a sleep regression and waking every night",
    # A new walker's wobble.
    "she only just started walking and she wobbles a lot",
    # Periodic breathing, also beside grunting in sleep, and grunting with a poo.
    "my 6 week old has little pauses of a few seconds in her breathing when asleep,"
    " she never changes colour",
    "my baby grunts in her sleep and has little pauses of a few seconds in her breathing"
    " when asleep, she stays pink",
    "he grunts when he poos and has a bit of a temperature",
]


@pytest.mark.parametrize("text", CALM)
def test_calm_case_stays_calm(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


EMERGENCY = [
    # Jerks that do not stop on waking are not sleep myoclonus: the negation sat in the
    # stand-down's gap and the message was answered with nothing.
    "my 2 week old jerks in her sleep and it does not stop when she wakes up",
    "my newborn jerks in her sleep and it never stops when she wakes",
    # Jerks told going on while awake, after a stand-down clause or alone.
    "newborn jerks in his sleep, it stops when i wake him but now he is jerking again while awake",
    "my newborn twitches in his sleep, calm when awake, but now his arm keeps jerking"
    " while he is awake",
    "my 2 week old is jerking while awake",
]


@pytest.mark.parametrize("text", EMERGENCY)
def test_jerks_awake_in_a_baby_are_an_emergency(text: str) -> None:
    assert rules_level(text) == "emergency"


URGENT = [
    # A lost motor skill told with a sleep regression.
    "my 8 month old has a sleep regression and has stopped sitting up",
    "sleep regression at 8 months and now he has stopped sitting up and can not hold his head",
    # A sudden change told after "only just started walking".
    "she only just started walking but now suddenly she can not stand and her legs are weak",
]


@pytest.mark.parametrize("text", URGENT)
def test_skill_loss_beside_a_stand_down_is_urgent(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


BREATHING = [
    # Periodic breathing stood every breathing rule down wherever it was said: a long pause, one
    # ended by shaking the baby, or fast breathing with grunting told after it must escalate.
    "my 4 week old has little pauses in her breathing when asleep, she never changes colour,"
    " but the pauses last about 20 seconds",
    "my 2 month old has brief stops in her breathing when asleep for half a minute,"
    " she stays pink",
    "little pauses in her breathing when asleep, never changes colour, but i had to shake"
    " her to start her breathing again",
    "little pauses of a few seconds in his breathing when asleep, stays pink, but now he"
    " is breathing really fast and grunting",
    # Grunting heard in sleep, with a fever and fast breathing (NICE NG143: grunting is red).
    "she grunts while asleep, and she has a fever of 39 and breathing fast at 3 months",
]


@pytest.mark.parametrize("text", BREATHING)
def test_breathing_warning_beside_a_stand_down_is_an_emergency(text: str) -> None:
    assert rules_level(text) == "emergency"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # A limb that will not move, told limb first, had no answer at all.
        ("one arm will not move", "urgent"),
        ("his arm will not move", "urgent"),
        ("her leg is not moving and she screams if i touch it", "urgent"),
        # How well a hand moves at a task is a motor question, not loss of use.
        ("his hand does not move smoothly across the page when he writes", "concern"),
    ],
)
def test_a_limb_that_will_not_move(text: str, level: str) -> None:
    assert rules_level(text) == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # A fruit stone or seed with swallowing trouble after it had no answer at all.
        ("swallowed a grape seed, now chest pain and will not eat", "emergency"),
        ("he swallowed an olive pit and keeps gagging", "emergency"),
        # A small stone alone passes like food.
        ("he swallowed some watermelon seeds", "concern"),
    ],
)
def test_a_stone_with_swallowing_trouble(text: str, level: str) -> None:
    assert rules_level(text) == level
