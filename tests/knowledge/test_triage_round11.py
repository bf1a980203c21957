"""Round 11 (blind set triage11): stand-downs for a child relaxing into sleep, a newborn's
sleep jerks that stop on waking, a parent's dream, stiffness with excitement and a number of
weeks "ago", each pinned with a dangerous neighbour that must still escalate; then new surface
forms of existing signs. Rules alone (no examples' second opinion), so each case tests a
mechanism of ``danger_signs.yaml``."""

from __future__ import annotations

import pytest

from knowledge.examples import ExampleIndex
from knowledge.triage import assess

NO_EXAMPLES = ExampleIndex(())


def _level(text: str) -> str:
    return assess(text, examples=NO_EXAMPLES).level or "concern"


STOOD_DOWN = [
    # A child relaxing as they fall asleep.
    "my daughter is floppy as she gets drowsy in the evening, wriggly and strong all day",
    # Benign neonatal sleep myoclonus: jerks only in sleep, gone on waking.
    "my 3 week old's arms and legs keep jerking during her sleep, it goes away once i wake her",
    # What the parent dreamt.
    "i dreamt she fell down the stairs and was knocked out, how do i fit a stair gate",
    # Stiffness with excitement, like stiffness with anger (round 10).
    "his arms and legs go stiff when he is excited, laughing and kicking, 4 months",
    # A number of weeks "ago" is when, not the child's age.
    "she got a bump on her head 3 weeks ago, all fine, do i need to tell the gp",
]


@pytest.mark.parametrize("text", STOOD_DOWN)
def test_round11_stand_downs(text: str) -> None:
    assert _level(text) not in ("emergency", "urgent")


DANGEROUS_NEIGHBOURS = [
    "she goes floppy when she gets tired and today we could not wake her",
    "my 10 day old is jerking his arms and legs in his sleep and it carries on when he wakes",
    "my husband dreamt about it last night, but right now she is choking on a sweet",
    "his arms go stiff when he gets excited, but today he went stiff, jerked and turned blue",
    "she is 3 weeks old and has a lump on her head after a fall",
]


@pytest.mark.parametrize("text", DANGEROUS_NEIGHBOURS)
def test_round11_stand_downs_never_silence_a_present_danger(text: str) -> None:
    assert _level(text) == "emergency"


ROUND11_EMERGENCIES = [
    # NHS testicle pain: sudden severe pain, told before the testicle with the age between.
    "terrible pain in my 9 yr olds testicle since lunch",
    # A blow to the testicles whose pain or swelling is still there.
    "kicked in the testicles at karate two hours ago, he is still in pain",
    # Laundry pods named with the machine; screen wash named as wiper fluid.
    "he sucked on a washer pod",
    "my son drank windshield wiper fluid from the garage",
    # NG232's basal skull fracture signs told with "both" or "round".
    "bumped his head on a cupboard, now bruising behind both ears",
    # Not fully rousable after a fall.
    "my son has not woken up properly since lunchtime, just groans",
    # NG143: 100.4 F is 38 C; a Fahrenheit reading with its decimal, or named by its site.
    "my 6 week old has 100.8 under the arm",
    "baby is 9 weeks, the thermometer said 100.5F",
]


@pytest.mark.parametrize("text", ROUND11_EMERGENCIES)
def test_round11_emergency_signs(text: str) -> None:
    assert _level(text) == "emergency"
