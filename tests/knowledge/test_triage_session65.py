"""Session 65: a paediatric review of the first-aid steps and wording of danger answers.

What each test guards, in the review's order:

1. A fit that has stopped: the care after a fit now asks the parent to write down when it
   began, how long it lasted and what it looked like, and to film another one (the doctors
   decide from that account).
2. A fit told as over in plain words ("it's over now", "it stopped, now very drowsy", "just had
   a febrile convulsion") had the steps for a fit going on, rescue medicine among them; a fit
   told as not over or started again keeps those steps.

Each mend's tests failed before it; the guards passed before it too.
"""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_advice, rules_level

AFTER_FIT = "Once the fit has stopped, lay your child on their side"
FIT_GOING = "Note the time it started"
RESCUE_NOW = "If your child has rescue medicine in a seizure plan, give it as the plan says"

# --- 1 and 2: a fit that has stopped ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "had a fit, it stopped after 2 minutes, now sleepy",
        "my son had a seizure, it stopped after 2 minutes, he is sleepy now",
        "he had a fit in his cot this morning, jerking for 3 minutes, and he has been really "
        "sleepy ever since",
    ],
)
def test_a_fit_that_has_stopped_asks_what_the_doctors_need_to_hear(text: str) -> None:
    assert rules_level(text) == "emergency"
    told = rules_advice(text)
    assert AFTER_FIT in told
    assert "how long it lasted and what it looked like" in told
    assert "film it" in told


@pytest.mark.parametrize(
    "text",
    [
        "he just had a febrile convulsion, it's over now and he's asleep",
        "my 2 year old had his first fit, it stopped, now very drowsy",
        "first seizure ever, it stopped but he's still really out of it",
        "my 3 week old has just had her first fit and she is very sleepy",
    ],
)
def test_a_fit_told_as_over_in_plain_words_gets_the_care_after_a_fit(text: str) -> None:
    """Each was told "note the time it started" and to give rescue medicine as the plan says,
    the steps for a fit going on."""
    assert rules_level(text) == "emergency"
    told = rules_advice(text)
    assert AFTER_FIT in told
    assert RESCUE_NOW not in told


@pytest.mark.parametrize(
    "text",
    [
        "she had a fit, it stopped and then started again",
        "my baby had his first seizure, it's been 3 minutes and it hasn't stopped",
        "had a seizure, it has not stopped yet",
    ],
)
def test_a_fit_not_over_or_started_again_gets_the_steps_for_a_fit_going_on(text: str) -> None:
    """The first and the last were told "once the fit has stopped" before ("had a seizure"
    read as over, whatever followed); the second is a guard for the new reading of "had his
    first seizure" as over."""
    assert rules_level(text) == "emergency"
    told = rules_advice(text)
    assert FIT_GOING in told
    assert AFTER_FIT not in told


@pytest.mark.parametrize(
    "text",
    [
        "she is having a seizure",
        "he had a seizure, it stopped for a second but he's still jerking",
        "shes epileptic, her seizures usually stop in a minute but this one has been going 6 "
        "min, i gave the buccal midazolam and shes still shaking. 10 yo",
    ],
)
def test_guard_a_fit_going_on_keeps_its_steps(text: str) -> None:
    told = rules_advice(text)
    assert FIT_GOING in told
    assert AFTER_FIT not in told


@pytest.mark.parametrize(
    "text",
    [
        "my 2yo had a febrile fit last year. tonight temp 39.4 and he is very whiny and not "
        "drinking",
        "ex says Anya had a febrile convulsion on friday, A&E checked her and sent her home. now "
        "the temp is back up to 39.5 and she's very grumpy",
    ],
)
def test_guard_a_fit_long_ago_is_not_read_as_one_just_over(text: str) -> None:
    assert AFTER_FIT not in rules_advice(text)


def test_guard_a_fit_last_year_and_well_since_stays_down() -> None:
    assert rules_level("he had a febrile seizure last year, fine since") == "safety_net"
