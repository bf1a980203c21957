"""Round 10 (blind set triage10): stand-downs for a protest, another person's or an animal's
event, figures of speech and professional reassurance, each pinned with a dangerous neighbour
that must still escalate; then new surface forms of existing signs. Rules alone (no examples'
second opinion), so each case tests a mechanism of ``danger_signs.yaml``."""

from __future__ import annotations

import pytest

from knowledge.triage import assess
from tests.support.triage_rules import NO_EXAMPLES, rules_level

STOOD_DOWN = [
    # A protest told as floppiness or a collapse, tied to the child's will.
    "my son flops like a rag doll whenever we tell him no",
    "she goes limp as a wet noodle when i try to strap her in the buggy",
    "he collapses on the carpet in a heap every time i say no",
    # Another person's or an animal's event.
    "our cat had a seizure last night, my toddler saw it all",
    "my daughter's teacher collapsed in class and she is upset",
    "i pass out at the sight of needles, how do i take her for her jabs",
    # Figures of speech.
    "she is blue in the face from yelling at her sister all morning",
    "she says her leg hurts whenever she wants to be carried, then runs off",
    "his arms go rigid and he balls his fists when he gets frustrated",
    # A professional has already judged it.
    "gave a double dose of ibuprofen by mistake, 111 said it was fine",
    "my newborn is jaundiced, the midwife checked his bilirubin today and it is normal",
    # A known pattern, not an event now; one gummy.
    "he gets a few hives if he eats egg, we avoid it",
    "he chewed one vitamin d gummy from my bag",
    # A noun, not a bite; an object already passed.
    "our baby girl had a tiny bit of blood on her lip where she scratched it, 2 weeks old",
    "he swallowed a bead on monday, we found a bead in his nappy today",
    # "no cough" denies a symptom; only a silence counts after "no".
    "runny nose, no cough, no fever, eating fine",
]


@pytest.mark.parametrize("text", STOOD_DOWN)
def test_round10_stand_downs(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


DANGEROUS_NEIGHBOURS = [
    "she flops like a rag doll whenever we tell her no, but now she is floppy and will not wake",
    "our dog had a seizure last week and today my son had a seizure that lasted 6 minutes",
    "grandad collapsed at lunch and my daughter is having a fit right now",
    "i told her until i was blue in the face, now her lips are blue and she is not breathing",
    "his hands go stiff when he is angry, but this time he was jerking all over and went blue",
    "111 said the calpol was fine, but she has also drunk bleach",
    "it is just mild hives if he gets it, but he ate egg and now his lips are swelling",
    "she ate one of my vitamin d gummies and some of my iron tablets",
    "found a coin in his nappy but he swallowed a button battery too",
    "choking on a grape, no cough, no sound",
    "something is stuck in his throat and no cough, he is going red",
    "the midwife checked her levels yesterday and they were fine, now she is 5 days old,"
    " yellow, very sleepy and not feeding",
]


@pytest.mark.parametrize("text", DANGEROUS_NEIGHBOURS)
def test_round10_stand_downs_never_silence_a_present_danger(text: str) -> None:
    assert rules_level(text) == "emergency"


ROUND10_EMERGENCIES = [
    # Healthier Together: a young baby sleepy and feeding far less (count of feeds).
    "she is 2 weeks old, only fed 3 times since last night and very sleepy",
    # Screenwash (methanol) and a grandparent's pain patch are poisons.
    "he drank some windscreen wash in the garage",
    "baby chewed a patch nana wears for her back",
    # Someone else's pills with a drowsy child.
    "the tablets for grandad's blood pressure are open on the floor and he is drowsy",
    # NG232: an infant on a worktop that tipped onto the floor.
    "7 weeks, her bouncer was on the worktop and it tipped over onto the floor",
    # A lump on a baby's head told before the fall.
    "11 months, a lump on his head after a fall yesterday",
    # A hernia told without "his": stuck, hard or purple.
    "lump in groin that won't go back in and he is vomiting",
    # BSACI and ASCIA action plans: a persistent cough after an allergen.
    "she is allergic to sesame, had some hummus, her lips are tingling and she started coughing",
    # NHS 999 list: a child who goes limp is floppy and unresponsive; "when" after "went limp"
    # tells when it happened, not a limp in the walk (found at the merge of round 10).
    "she went limp when I tried to wake her",
    "he suddenly went limp while I was feeding him",
]


@pytest.mark.parametrize("text", ROUND10_EMERGENCIES)
def test_round10_emergency_signs(text: str) -> None:
    assert rules_level(text) == "emergency"


ROUND10_URGENT = [
    "red painful eye and he does not like the light",
    "since he tripped on sunday he has been dragging his left foot",
    "bumping into doorframes for the past few days, never did before, 5 years old",
    "dry nappy for 14 hours after a tummy bug",
    "the inhaler works but she needs it every 2-3 hours",
    "he is drowsy and has the flu",
    "chickenpox last week, now one of the spots is very red, hot, and bigger every hour",
    "fell off the swing, her wrist is puffy and sore",
    "he fell on his hand and now he can not turn his palm up",
    "her back hurts and it wakes her up at night, 9 years old",
    "tripped on the step and his baby tooth was pushed right up into the gum",
    "the soft spot on the top of his head looks sunken, he has had diarrhoea",
]


@pytest.mark.parametrize("text", ROUND10_URGENT)
def test_round10_same_day_signs(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "he went limp when I tried to put him in the car seat, full tantrum",
        "she goes limp when she doesn't want to leave the park",
    ],
)
def test_going_limp_in_protest_is_not_an_emergency(text: str) -> None:
    assert rules_level(text) != "emergency"


def test_a_fit_with_blue_lips_leads_with_the_seizure_step() -> None:
    """A fitting child is laid on their side: the breathing sign's "keep them sitting up"
    must not come first (found reading the replies at the end of 30 November)."""
    steps = assess(
        "he is having a fit right now and turning blue", examples=NO_EXAMPLES
    ).first_steps
    assert steps[0].startswith("Lay your child on their side")
