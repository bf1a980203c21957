"""Set 21's leftovers (blind set 21, tuning lines 7586-7745: same-day movement worries that
round 15 still missed). Things dropped or a mouth missed since a named day; a refusal to walk
after a jump down from furniture or a twisted ankle (also in the English of a second
language: "he no walk"); a wobble told as how things are now; legs said to be weak with a task
the child cannot do; a child who will not stand and is not herself; a limp "instead of getting
better"; and a recovery told with when it came ("totally normal by bedtime and today"), whose
time word is not the sign happening now. Each is pinned with calm and dangerous neighbours.
Rules alone (no examples' second opinion)."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

URGENT = [
    # A new loss of control of the hands since a named day.
    "he keeps missing his mouth with the spoon since the weekend, spoon ends up on his cheek",
    "since yesterday she misses her mouth with the cup every time",
    "keeps dropping things since monday",
    "my daughter is 7 and her handwriting has gone to pieces this week, "
    "she keeps dropping her pencil",
    # A refusal to walk or bear weight after a landing or a twist (a possible fracture).
    "2 y/o wont walk after jumping off the bed, no bruise, just sits and refuses",
    "he wont put weight on his foot after jumping off the trampoline",
    "my boy twist his ankle little at park, now 2 days he no walk, only crawl. is ok?",
    # A wobble told as how things are now; legs said to be weak; unwell and will not stand.
    "he falls over every few steps now",
    "daughter legs weak, cant climb onto sofa",
    "her legs seem weak and she can't get up the stairs",
    "bub won't stand, not herself",
    # "Instead of getting better" is not a recovery.
    "ok this might be nothing. my 6yo took a knock to his thigh on saturday. instead of getting "
    "better he's limping more, his thigh is hot and he's had a fever since last night. gp or a&e?",
]


@pytest.mark.parametrize("text", URGENT)
def test_set21_leftovers_are_same_day(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


def test_a_recovery_told_with_its_time_does_not_hide_a_head_injury_happening_again() -> None:
    """NICE NG232: drowsiness and vomiting after a head injury; 'fine by the evening' is over,
    'today he is drowsy' is now."""
    text = "he hit his head yesterday, he was fine by the evening, today he is drowsy and vomiting"
    assert rules_level(text) == "emergency"


def test_days_old_clumsiness_is_not_a_stroke() -> None:
    """onset_day is same day, not sudden_strong: a start days ago is urgent, not emergency."""
    assert rules_level("since monday she keeps dropping things and her right hand seems weak") == (
        "urgent"
    )


CALM = [
    "my 13 month old keeps missing his mouth with the spoon, he's just learning",
    "he is 18 months and still misses his mouth with his fork half the time",
    "she keeps dropping things, she has always been clumsy",
    "this week at school he kept dropping his pencil because he was messing about",
    "he keeps dropping his cup on purpose since monday, it's a game to him",
    "he loves jumping off the sofa, how do i keep him safe",
    "he jumped off the bed and landed on his feet, running around fine now",
    "he no walk yet at 11 month, is ok?",
    "she just started walking and falls over every few steps now",
    "her legs have always been weak, she has low tone and can't jump yet",
    "he has weak legs from his cerebral palsy and can't climb the stairs, any tips",
    "his legs are a bit weak after a long walk, he couldn't climb the last hill, wanted carrying",
    "she was very sleepy and wobbly just after her jabs yesterday afternoon, totally normal by "
    "bedtime and today",
    "his limp is getting better and no fever",
]


@pytest.mark.parametrize("text", CALM)
def test_set21_leftovers_calm_neighbours(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")
