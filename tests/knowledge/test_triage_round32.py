"""Round 32 (session 55): blind set r32b and its paediatric review, read by the rules alone.

Each case failed on main before the session's change: a level the review or the blind writer
showed was wrong, or a first step that did not fit the child described.
"""

from __future__ import annotations

import pytest

from knowledge.triage import advice, assess
from tests.support.triage_rules import NO_EXAMPLES, rules_fired, rules_level


def _answer(text: str, age_months: int | None = None) -> str:
    return advice(assess(text, age_months, examples=NO_EXAMPLES))


@pytest.mark.parametrize(
    "text",
    [
        # A colour change told without its name, with a floppy baby (NICE NG143 red features).
        "hes gone a funny colour round his mouth and hes really floppy, is that normal after a "
        "big feed? 4 months",
        # Drying out with a listless child (NICE CG84: altered responsiveness).
        "no wet nappy since yesterday morning, shes had the runs and been sick all day, now just "
        "lying there not bothered about anything, eyes look sunken. 10 month",
        # A baby's swollen thigh, not moved and hurting, with nobody knowing how (NICE CG89).
        "I'm worried my 7 month old isn't sitting unsupported yet. She was at her dad's this "
        "weekend and came back with a swollen thigh she won't move and she screams when I change "
        "her nappy, he says he doesn't know what happened. Could late sitting be low tone?",
        # A neck that hurts and is not moved after landing on it: keep still, an emergency.
        "probably overreacting but she landed on her head and neck on the trampoline, says her "
        "neck really hurts and she doesnt want to move it, shes just lying still on the mat. 10",
    ],
)
def test_emergencies_the_rules_missed_or_placed_a_day_later(text: str) -> None:
    assert rules_level(text) == "emergency"


def test_a_very_floppy_baby_under_3_months_is_seen_the_same_day_even_alert_and_feeding() -> None:
    """The blind writer and the reviewer (spinal muscular atrophy cannot wait); not an older
    baby, not one whose tone a professional knows, not floppy as she falls asleep."""
    alert = (
        "shes really floppy, like a ragdoll when i pick her up, but she feeds fine and is alert"
    )
    assert rules_level(alert + ", looks right at me. 10 weeks") == "urgent"
    assert rules_level(alert + ". 4 months") == "concern"
    assert (
        rules_level("down syndrome baby, 2 months, very floppy, tips for tummy time?") == "concern"
    )
    assert (
        assess("goes like a rag doll when she falls asleep on me, awake she's strong", 2).level
        != "urgent"
    )
    assert assess("what is hypotonia", 2).level is None
    # An age of years told in the message is not the chat's 2-month-old (read in months).
    assert assess("my 4 year old feels really floppy when I pick him up", 2).level != "urgent"


def test_marks_on_a_baby_who_cannot_move_about_are_checked_in_hospital_today() -> None:
    """NICE CG89 and the review: a bruise and a torn frenulum at 3 months, with a story that
    does not fit, need a children's doctor today, not a call back from the surgery."""
    told = _answer(
        "baby is 3 months. yesterday she had a bruise on her ear and today one on her tummy, my "
        "boyfriend says she rolled into the cot bars. shes also got a little torn bit under her "
        "top lip. she cant roll yet."
    )
    assert told.startswith("Your baby needs to be checked by a children's doctor at the hospital")
    assert "Keep your baby with you." in told


def test_a_swollen_thigh_is_supported_and_the_doctors_told_what_is_known() -> None:
    told = _answer("7 month baby cries every time I change her nappy and one thigh looks swollen")
    assert "Support the arm or leg as it lies" in told
    assert "going straight to the emergency department is also right" in told
    # In a check-in for a 7-month-old, the message need not say "baby"; an older child told
    # in the message is not the chat's baby.
    unexplained = (
        "came back from his dads with a swollen thigh he wont move and screams when i change "
        "his nappy, nobody knows what happened"
    )
    assert "baby_limb_injury" in rules_fired(unexplained, 7)
    assert "baby_limb_injury" not in rules_fired(
        "my 7 yr old's thigh is swollen, he won't move it", 7
    )
    # A cause told is an injury to check today, not this sign.
    assert "baby_limb_injury" not in rules_fired(
        "my baby's fingers got trapped in the door hinge, 8 months, very swollen and bruised"
    )


@pytest.mark.parametrize(
    "text",
    [
        "she was blue with cold after the pool, purple lips and teeth chattering, but we wrapped "
        "her in towels and shes warm and fine now. 5",
        "the babys choking on his own laughter when his brother does peekaboo haha, he laughs "
        "till he hiccups. 5 months, is that normal",
        "I dropped the baby monitor on my foot and think I broke my toe lol, how do i carry the 4 "
        "month old safely when im hobbling",
        "his legs were shaking after our first long walk, hes 4, just tired?",
        "she was sort of choking in her sleep, i mean coughing on her snotty nose, then settled "
        "and slept fine. 14 months",
        "my 3 wk old jerks her arms and legs only when asleep, stops the second i wake her, "
        "feeding great, midwife said normal sleep jerks. just reassure me?",
        "my 7mo rolls off the changing mat during every diaper change, when do they start sitting "
        "up by themselves lol",
    ],
)
def test_ordinary_messages_no_longer_sent_to_a_doctor_or_an_ambulance(text: str) -> None:
    assert rules_level(text) in ("concern", "safety_net")


def test_a_fit_that_is_over_gets_the_care_after_a_fit() -> None:
    """Not "note the time it started" and rescue medicine, which could prompt a second dose in
    a child whose breathing is already slowed."""
    told = _answer(
        "He had a seizure this morning that went on about 8 minutes before his rescue med worked "
        "and he hasn't come round fully, it's been an hour and his breathing sounds gurgly"
    )
    assert "Once the fit has stopped, lay your child on their side" in told
    assert "Note the time it started" not in told
    # The second review: a second fit now is a fit now, and a fit told with how long it lasted
    # and when is over.
    again = _answer("she had a fit 10 minutes ago and now she's having another one. 3 years")
    assert "Note the time it started" in again
    over = _answer(
        "had a febrile convulsion about 20 minutes ago, lasted 2 minutes, now he's asleep and "
        "breathing normally, temp 39.5"
    )
    assert "Once the fit has stopped" in over
    going = _answer(
        "shes epileptic, her seizures usually stop in a minute but this one has been going 6 "
        "min, i gave the buccal midazolam and shes still shaking. 10 yo"
    )
    assert "Note the time it started" in going
    assert "not a second dose unless the plan says so" in going


def test_an_opioid_swallowed_says_the_patch_out_of_the_mouth_and_naloxone() -> None:
    told = _answer(
        "she found my fentanyl patch that fell off and was sucking on it, shes drowsy and her "
        "breathing seems really slow"
    )
    assert told.split("While you wait: ", 1)[1].startswith("Take any patch or pieces out of")
    assert "naloxone can wear off before the medicine does" in told
    assert "give nothing to eat or drink unless a poison centre tells you to" in told
    assert "Sleepiness is the medicine working, not tiredness" in _answer(
        "he got hold of my methadone bottle earlier, theres a bit missing, he seems sleepy"
    )


def test_the_side_position_and_the_easiest_position_each_say_which_child() -> None:
    """A drowsy baby working to breathe was told, unconditionally, both the easiest position
    to breathe in and to lie on the side; the second review kept the side position for a child
    very sleepy, being sick or breathing noisily, not only one who does not respond
    (Resuscitation Council UK: the recovery position for a child whose airway is at risk)."""
    told = _answer(
        "my 4 month old's breathing has got really fast today, nostrils flaring, hes too tired "
        "to finish his bottle and his lips look a bit grey"
    )
    assert "Lay your child on their side" not in told
    assert "If they are awake, keep them calm" in told
    assert "If your child is very sleepy, hard to wake, being sick, breathing noisily" in told


def test_getting_out_of_carbon_monoxide_comes_first() -> None:
    told = _answer(
        "we've all got headaches today and the kids are sleepy and being sick, the boiler has "
        "been making a funny noise and the flame looks yellow. my 6 yo is really drowsy"
    )
    assert told.split("While you wait: ", 1)[1].startswith("If you suspect carbon monoxide")


def test_a_gag_on_food_then_blue_lips_gets_the_choking_steps() -> None:
    told = _answer(
        "she gagged on a bit of toast earlier and since then shes been coughing on and off, her "
        "breathing is noisy and her lips went blue for a second just now. 6 months"
    )
    assert "Give up to 5 firm back blows" in told


def test_a_broken_elbow_with_numb_fingers_is_not_told_about_the_neck() -> None:
    told = _answer(
        "fell off the climbing frame onto his arm, elbow is a weird shape and his hand is white "
        "and cold, says his fingers are numb. 6"
    )
    assert "If the neck may be hurt" not in told
    assert "Tell the call handler if the hand or foot beyond it is pale, cold or numb." in told


def test_pauses_in_breathing_say_what_to_do_if_it_happens_again() -> None:
    told = _answer(
        "my baby just stopped breathing for like 20 seconds and went pale and bluish then started "
        "again when i picked her up. shes 7 weeks, breathing ok now"
    )
    assert "If they stop breathing again, pick them up" in told


def test_a_fever_on_chemotherapy_is_not_left_till_monday() -> None:
    told = _answer(
        "hes on chemo for leukaemia and his temp is 38.4, he seems ok in himself tho. its the "
        "weekend so i was going to wait till monday. 5"
    )
    assert "Do not wait until tomorrow" in told
    assert "24-hour number" in told
    assert "If they are on chemotherapy, do not give ibuprofen" in told
    assert "going straight to the emergency department is also right" in told


@pytest.mark.parametrize(
    ("text", "step"),
    [
        (
            "my 10 yo has been limping and has had pain in his knee for a few days, hes a bit "
            "overweight, its worse after football",
            "Keep weight off the leg as much as you can",
        ),
        (
            "took a load of my antidepressants last night after a row, hes shaky and his heart is "
            "racing, 12",
            "that it may have been on purpose",
        ),
        (
            "son is type 1 diabetic, hes really confused and sweaty and talking nonsense, meter "
            "says LO and he wont drink the juice. 9",
            "squeeze glucose gel inside their cheek",
        ),
    ],
)
def test_steps_the_review_found_missing(text: str, step: str) -> None:
    assert step in _answer(text)


def test_a_toddler_copying_a_parent_is_not_told_as_self_harm() -> None:
    """The second review: "on purpose to copy me" at 2 years is a toddler's poisoning."""
    told = _answer(
        "my 2 year old took some of my iron tablets on purpose to copy me lol, 3 missing"
    )
    assert "on purpose" not in told.split("While you wait: ", 1)[1]
    assert "A poison centre can advise too" in told


def test_a_fever_on_weakened_immunity_says_one_first_action() -> None:
    """The second review: with a red feature too, no drive to hospital beside the call, and no
    mention of cancer for a child on another treatment."""
    told = _answer("she has JIA on methotrexate and has a temp of 38, otherwise fine")
    assert "cancer" not in told
    assert "take your child to hospital" not in told


def test_a_choking_child_gets_the_back_blows_before_the_call() -> None:
    """The first review: "call now" read first had a lone parent dial before acting
    (Resuscitation Council UK: back blows at once, the call on speaker meanwhile)."""
    told = _answer("CHOKING on a grape cant cough cant make any noise going red 3yo")
    steps, call = told.split("\n\n")
    assert steps.startswith("Start now: If your child is coughing well, let them cough.")
    assert "Give up to 5 firm back blows" in steps
    assert call.startswith("This could be a medical emergency. Call your local emergency number")
    # Every other emergency keeps the call first.
    assert _answer("he is not breathing").startswith("This could be a medical emergency")
