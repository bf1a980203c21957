"""Round 18 (blind set 24: 90 emergencies, 120 same-day worries, mostly motor, and 90 ordinary
look-alikes). Each mechanism is pinned with unseen wording and, where it could reach too far, a
neighbour on the other side. Rules alone (no examples' second opinion)."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

CALM = [
    # Autocorrect's word is about typing, not the child.
    "lol autocorrect changed crawling to convulsing, I meant he's crawling everywhere",
    # Laughing told as losing breath, the breath first.
    "he nearly stopped breathing laughing at the dog chasing its tail",
    # A condition that runs in the family.
    "febrile seizures run in our family, is there anything we should do before her jabs?",
    # A habit denied between the thing and the mouth.
    "are magnetic tiles ok for a 5 year old who never puts stuff in his mouth?",
    "are button batteries ok for kids who don't put things in their mouth?",
    # A cast off after a fracture, told with the day it came off.
    "broke his wrist last month, cast came off today, he's holding it a bit stiffly - normal?",
    # A skill begun this month, and a waddle with nothing new about it.
    "she started walking this month and is a bit wobbly",
    "she waddles like a duck, normal at 14 months?",
    # Back to an earlier way with nothing lost; head control that got better.
    "he's crawling again now and then for fun, he walks fine",
    "he was holding his head up at 3 months and now at 5 months he holds it up really well",
    # Carried again for a reason of the day; a drink back up through the nose with a laugh.
    "we're on holiday this week so she's being carried again in the sling",
    "every drink comes back up through his nose when he laughs",
    # A tremor since a skill began.
    "my baby's hands tremble when she reaches, she's only just started reaching",
    # Sleep starts and rigors with a fever are not a fit.
    "he had a fever last night and twitched as he fell asleep",
    "baby has a temp and jerks in her sleep",
    "she has a high temperature and is shivering and shaking",
]


@pytest.mark.parametrize("text", CALM)
def test_round18_look_alikes_stay_below_urgent(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


def test_a_doubted_mouthing_of_a_magnet_is_still_an_emergency() -> None:
    assert rules_level("not sure but i think he put a magnet in his mouth") == "emergency"


def test_the_childs_own_fit_beside_a_family_history_still_counts() -> None:
    text = "epilepsy runs in my family and she is fitting right now"
    assert rules_level(text) == "emergency"


EMERGENCY = [
    # Fits counted within a short time, and no waking between them (NHS: call 999).
    "4 fits within the past couple of hours, he's 2",
    "the jerks keep coming and he's not coming round in between",
    # A face gone slack on one side (RCPCH stroke).
    "her face is slack on one side",
    # A dropped g ("shakin") is the word it stands for.
    "she's shakin all over and wont stop",
    "my boy is fittin on the floor",
    # Twitching or jerking with a fever: a febrile seizure as parents tell it (review of round 18:
    # once the family history was set aside, the safety net answered the first one).
    "febrile fits run in the family and he has a temp of 39 and is twitching now",
    "he has a fever of 39 and keeps twitching",
    "my 8 month old has a temp and her arm keeps jerking",
]


@pytest.mark.parametrize("text", EMERGENCY)
def test_round18_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


SAME_DAY = [
    # Every drink or feed coming back up (NICE NG143 / CG84: vomiting everything).
    "every feed comes straight back up since this morning",
    # A waddle with pain or a time word (a changed gait, NICE CKS limp).
    "he has started waddling and says his hips hurt",
    # Back to an earlier way of moving with a start or what the child did before.
    "she is suddenly crawling up the stairs again, she was walking up them fine",
    "going down the stairs on her bum again since the weekend",
    "suddenly back to holding my hand on every step again",
    # Head control lost (CDC act early: loss of skills).
    "my son no more holding his head up like he used to",
    # A skill done for weeks, then not these last days.
    "had been crawling for weeks, hasn't crawled once these last few days",
    # English as a second language: a stop told with since.
    "my daughter stop crawling since 1 week",
    # Gowers' sign told getting up first.
    "can't get up from sitting on the floor unless he pushes on his legs, new this month",
    # Bone pain that wakes at night (NICE NG12).
    "bone pain waking him at night for weeks",
    # A limb bent after a fall, whatever the child does or the skin shows.
    "fell on her hand at the park, her wrist looks a bit bent but the skin isn't broken",
    # Holding the wall to walk.
    "since this morning he is holding the wall to walk",
    # A new tremor told with a bare "only started ... ago" (not a skill just begun).
    "noticed a tremble in her fingers when she reaches, only started two days ago",
    # A squint new this month.
    "squint first seen in photos from this month",
    # Speech slowing over days.
    "his speech has got slower over the past week",
]


@pytest.mark.parametrize("text", SAME_DAY)
def test_round18_same_day_worries(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")
