"""Round 15 (blind set 21: 120 same-day worries about how a child moves, in parents' words, and
40 look-alikes). A lost skill told as what the child cannot do now and, apart, what they
could do before, or with "suddenly"; wetting again with back pain; speech gone back to baby
talk; a tremor after an illness; a neck stuck with a fever. Each escalation is pinned with a
calm neighbour that must stay calm. Rules alone (no examples' second opinion)."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

URGENT = [
    # What the child cannot do now, then what they could do before (CDC act early: a lost
    # skill); its "last month" is the ability's past, not the sign's.
    "my 4 year old suddenly cant do buttons or hold her fork, she could do both last month",
    "she can not get up the stairs now, she could do it easily last week",
    "my grandson stopped climbing stairs suddenly",
    "She was saying 20 words and now basically nothing, just points.",
    "3yo suddenly talks like a baby again",
    # Wetting again with back pain (spinal_warning).
    "back hurts and wetting again at 6",
    "he keeps complaining about his back and wet his pants twice at school",
    # A tremor after an illness; favouring one side of a sudden.
    "shaky hands since the flu",
    "favouring his right side all of a sudden",
    # Floppier than before; cannot manage a skill after a tummy bug.
    "the baby feels much more floppy when I pick him up than he did at the weekend",
    "she had a tummy bug ten days ago and now she can't climb the stairs",
]


@pytest.mark.parametrize("text", URGENT)
def test_round15_urgent(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


def test_a_stuck_neck_screaming_when_it_is_turned_with_a_fever_is_an_emergency() -> None:
    """NICE NG143: neck stiffness with a fever is a red feature."""
    assert rules_level("his neck is stuck and he screams when we turn his head, temp 39") == (
        "emergency"
    )


CALM = [
    "he can't do buttons yet, he's 3",
    "7yo is really poor at sports, can't skip, nothing sudden, he's always been like this",
    "he can ride a scooter really well but couldn't balance on his bike without stabilisers",
    "limping a bit from a blister on her heel, new shoes",
    "he stopped commando crawling because he's now crawling properly on all fours",
    "she only started walking 4 weeks ago and is still a bit wobbly",
    "she is 7 and has always dropped things, her teacher says she is clumsy",
    "my son had the flu last month, any games to get him active again?",
]


@pytest.mark.parametrize("text", CALM)
def test_round15_calm_neighbours(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")
