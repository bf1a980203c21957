"""Session 65: a paediatric review of the first-aid steps and wording of danger answers.

What each test guards, in the review's order:

1. A fit that has stopped: the care after a fit now asks the parent to write down when it
   began, how long it lasted and what it looked like, and to film another one (the doctors
   decide from that account).
2. A fit told as over in plain words ("it's over now", "it stopped, now very drowsy", "just had
   a febrile convulsion") had the steps for a fit going on, rescue medicine among them; a fit
   told as not over or started again keeps those steps.
3. A burn or scald: clothing and jewellery come off first (hot, wet clothing keeps burning),
   then 20 minutes of cool running water, and the child is kept warm (cool the burn, not the
   child); a baby kept still, an airway burn and an electric shock keep their own steps, the
   shock's power-off first.
4. A finger, fingertip, thumb or toe that keeps bleeding is pressed on and raised, with no
   tourniquet line; an arm, a leg or a blast keeps the whole bleeding step.
5. A baby's clusters of spasms: the same-day answer says to film an episode; a cluster the
   seizure sign reads keeps its emergency level (never lowered here) but gets the film step in
   place of the fit's rescue medicine and "on the floor".

Each mend's tests failed before it; the guards passed before it too.
"""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_advice, rules_fired, rules_level

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


# --- 3: burns and scalds ------------------------------------------------------------------------

BURNS = [
    "he pulled a pan of boiling water over himself, his whole chest and arm are burnt",
    "scalded his back in the bath, huge area red and blistering",
    "she pulled a cup of hot tea over herself and scalded her arm",
]


@pytest.mark.parametrize("text", BURNS)
def test_a_scald_takes_clothing_off_first_and_cools_the_burn_not_the_child(text: str) -> None:
    """The step cooled first and took clothing off after the 20 minutes, and said nothing of
    a young child getting cold under the water."""
    told = rules_advice(text)
    clothing = told.index("Take off clothing or jewellery on or near the burn straight away")
    cooling = told.index("Cool the burn under cool running water for 20 minutes")
    assert clothing < cooling
    assert "unless it is stuck to the skin: hot, wet clothing keeps burning" in told
    assert "Cool the burn, not the child" in told
    assert told.count("Cool the burn under cool running water") == 1
    assert told.count("Take off clothing") == 1


def test_guard_a_large_scald_still_calls_the_ambulance_only() -> None:
    text = BURNS[0]
    assert "burn_large" in rules_fired(text)
    assert "going straight to the emergency department is also right" not in rules_advice(text)


def test_guard_a_baby_kept_still_is_still_cooled_where_she_lies() -> None:
    told = rules_advice(
        "my 8 month old pulled the iron down on herself by the cord, its hit her head and "
        "she's not responding normally"
    )
    assert "cool only the burn where they lie" in told


def test_guard_an_airway_burn_keeps_its_own_step() -> None:
    told = rules_advice(
        "boiling water went over her face and all down her front, her voice is hoarse and "
        "she is drooling"
    )
    assert "Keep your child sitting up" in told
    assert "Take off clothing" not in told
    assert "Cool the burn under cool running water" not in told


def test_guard_cigarette_burns_keep_the_safeguarding_step() -> None:
    told = rules_advice("he has cigarette burns on his arm")
    assert "Cool the burn under cool running water" in told
    assert "children's social care or the police today" in told


@pytest.mark.parametrize(
    "text",
    [
        "got an electric shock from the socket and burnt his finger",
        "electric shock from a plug socket, he's got a burn on his finger",
    ],
)
def test_an_electric_burn_turns_the_power_off_before_anything_else(text: str) -> None:
    """Found on the way: the burn's step, said first, put a baby's cooling (and now the
    clothing) before "do not touch your child until the power is off"."""
    steps = rules_advice(text).split("While you wait: ", 1)[1]
    assert steps.startswith("Do not touch your child until the power is off")
    assert steps.count("cool running water") == 1


# --- 4: a bleeding finger or toe ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "he cut his finger and the bleeding won't stop",
        "her fingertip is bleeding heavily and won't stop",
        "his thumb is bleeding a lot and it won't stop",
        "cut his toe on glass and it won't stop bleeding",
        "my 6yo cut his finger on a knife, its spurting blood and won't stop even pressing hard",
    ],
)
def test_a_bleeding_finger_or_toe_is_pressed_and_raised_without_a_tourniquet(text: str) -> None:
    assert rules_level(text) == "emergency"
    told = rules_advice(text)
    assert "tourniquet" not in told
    assert "Press firmly on the wound with a clean cloth and keep pressing" in told
    assert "hold the hand or foot up, above the level of the heart" in told


def test_a_fingertip_hanging_on_is_left_attached_without_a_tourniquet() -> None:
    told = rules_advice(
        "she caught her finger in the door and the tip is hanging on by a bit of skin, "
        "bleeding heavily"
    )
    assert "Leave the part attached" in told
    assert "tourniquet" not in told


@pytest.mark.parametrize(
    "text",
    [
        "he cut his hand and the bleeding won't stop",
        "blood spurting from his leg, he also cut his finger",
        "she cut her arm on glass, blood is pumping out, her finger is fine",
        "firework went off in his hand, fingers badly damaged, lots of blood",
    ],
)
def test_guard_an_arm_a_leg_or_a_blast_keeps_the_whole_bleeding_step(text: str) -> None:
    assert "If blood spurts from an arm or leg" in rules_advice(text)


def test_guard_a_face_bite_keeps_its_own_step() -> None:
    told = rules_advice(
        "dog bit my daughter on the face, there's so much blood and I can see a deep hole in "
        "her cheek, it won't stop"
    )
    assert "Never tie anything round the neck" in told


def test_guard_a_small_cut_on_a_finger_is_not_an_emergency() -> None:
    assert rules_level("he has a little cut on his finger, bled a bit, stopped now") not in (
        "emergency",
        "urgent",
    )


# --- 5: infantile spasms ------------------------------------------------------------------------

REVIEWED_SPASMS = (
    "my 6 month old keeps doing these sudden jerks where her arms fly up and head drops, in "
    "clusters when she wakes up"
)


def test_a_babys_cluster_of_spasms_read_as_a_fit_gets_the_film_not_the_rescue_medicine() -> None:
    """The review's message. Its level stays the seizure's emergency (a level is not lowered
    here; the review would place it at the same day, reported for a clinician to decide), but
    the steps for a fit going on are replaced by what helps the doctors: a film."""
    assert rules_level(REVIEWED_SPASMS, 6) == "emergency"
    told = rules_advice(REVIEWED_SPASMS, 6)
    assert "Film the next cluster" in told
    assert "rescue medicine" not in told
    assert "on the floor" not in told


@pytest.mark.parametrize(
    "text",
    [
        "my baby does these little head nods over and over when he wakes up, like 10 in a row",
        "she keeps bending forward suddenly with her arms out, lots in a row, it happens in "
        "clusters after her nap",
        "my 5 month old has these episodes where her arms shoot up and her head nods forward, "
        "she cries between them, about 20 in a row",
    ],
)
def test_spasms_in_a_baby_are_the_same_day_with_a_film(text: str) -> None:
    """The same-day answer had no step at all."""
    assert rules_level(text, 6) == "urgent"
    told = rules_advice(text, 6)
    assert "Film the next episode" in told
    assert "show the film to the doctor today" in told


@pytest.mark.parametrize(
    "text",
    [
        "my 5 month old has infantile spasms and is having a cluster right now",
        "baby has a fever of 39 and her head drops in clusters",
        "3 year old, his head drops in clusters and he is jerking all over",
    ],
)
def test_guard_a_cluster_going_on_with_a_fever_or_in_an_older_child_keeps_the_fit_steps(
    text: str,
) -> None:
    told = rules_advice(text, 6 if "3 year" not in text else 36)
    assert FIT_GOING in told
    assert "Film the next cluster" not in told


@pytest.mark.parametrize(
    "text",
    [
        "his leg jerks as he drifts off to sleep",
        "my 3 wk old jerks her arms and legs only when asleep, stops the second i wake her",
    ],
)
def test_guard_sleep_jerks_stay_calm(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")
