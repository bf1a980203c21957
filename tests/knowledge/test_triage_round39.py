"""Session 62: blind set r39b read by the rules alone, the harms and should-fix findings its
paediatric reviewer found in the answers, and the second reviewer's probes at the edges of the
mends (a parent who writes that they need an ambulance among them).

Each case failed before the session's change: a cast cutting off a leg's blood supply answered
as the same day, an epilepsy with more seizures than usual and a heart child's falling oxygen
levels missed, an appendix with a child lying still answered as the same day, look-alikes (a
gag on lumpy food, "killing it at swimming", a loss of walking long over, a roll off the sofa
onto carpet, a newborn's irregular breathing, a price read as a temperature) escalated, and
answers that pasted one emergency's first aid into another's. The guards pass before it too:
they pin what the mends must not change.
"""

from __future__ import annotations

import pytest

from knowledge.signs import default_danger_signs
from knowledge.triage import Assessment, advice
from tests.support.triage_rules import rules_advice, rules_fired, rules_level


@pytest.mark.parametrize(
    ("text", "level", "sign"),
    [
        (
            "My daughter's leg has gone cold and white under the new cast, she says she can't "
            "feel her toes and the pain is terrible",
            "emergency",
            "tight_cast",
        ),
        (
            "Sorry for the long message. My 6yo has been off his food since yesterday, tummy ache "
            "started near his belly button and has moved down to the right side. He cries if he "
            "has to jump or walk, temp 38.9, vomited twice and now he's lying really still on "
            "the sofa not wanting to move.",
            "emergency",
            "appendicitis_lying_still",
        ),
        (
            "Our son has a single ventricle heart, he's 2. Vomiting since last night, very pale "
            "and his sats on the home monitor are lower than his normal",
            "emergency",
            "breathing_difficulty",
        ),
        (
            "my daughter with epilepsy usually has about one seizure a month, yesterday she had "
            "three short ones, she's fine now and back to herself",
            "urgent",
            "seizure_changed",
        ),
        (
            "My 10 yo has cerebral palsy and for 3 days he's had more stiffness and pain in his "
            "hip than usual, he cries when we do his stretches",
            "urgent",
            "weakness_over_days",
        ),
        (
            "He broke his ankle and the pain under the new cast is terrible tonight, calpol "
            "isn't touching it",
            "emergency",
            "tight_cast",
        ),
        (
            "cast on his leg and his toes have gone a bit blue and he can't wiggle them",
            "emergency",
            "tight_cast",
        ),
        (
            "pain low on the right side of her tummy, she won't move because moving makes it "
            "worse, and she screamed when the car went over bumps",
            "emergency",
            "appendicitis_lying_still",
        ),
        (
            "my son has epilepsy, he usually has one seizure a month, yesterday he had three "
            "short ones",
            "urgent",
            "seizure_changed",
        ),
        (
            "something is very wrong with my baby, I think I need an ambulance",
            "emergency",
            "parent_fears_emergency",
        ),
        ("we need an ambulance or should we drive?", "emergency", "parent_fears_emergency"),
    ],
)
def test_dangers_told_in_plain_words(text: str, level: str, sign: str) -> None:
    assert rules_level(text) == level
    assert sign in rules_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "toddler gagged on lumpy food and went red but swallowed it fine, is gagging normal at 9 "
        "months?",
        "He's been absolutely killing it at swimming lessons but his legs kick a bit wonky, is "
        "that a coordination thing?",
        "when she had flu in january she stopped walking for a couple of days but she's been "
        "completely normal for months, could it happen again?",
        "no blood, no bump, barely cried - he rolled off the sofa onto the carpet, he's 9 months "
        "and he's playing happily now",
        "2 week old, her breathing is a bit irregular when she's asleep, sometimes fast sometimes "
        "slower, she's pink and feeding well, is that normal in newborns?",
        "she has a heart condition, her normal sats are 80 and today they're 80 as usual",
        "he hurt his arm on the trampoline, it doesn't look bent, he's moving it fine, just a bit "
        "sore",
        "do i need an ambulance? he bumped his head and has a small bump, playing fine",
        "something is very wrong with my son's handwriting",
        "cast on his leg, toes not cold, not white, not numb, just itchy",
        "she gagged on a lumpy bit of banana then swallowed it fine and carried on eating",
    ],
)
def test_look_alikes_are_not_escalated(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


def test_a_price_is_not_a_temperature() -> None:
    text = (
        "flat feet in a 3 yr old, do we need insoles? the shoe shop lady tried to sell us £40 "
        "ones with his new trainers"
    )
    assert rules_level(text) == "concern"


def test_a_limb_said_not_to_look_bent_is_not_deformed() -> None:
    text = (
        "fell off his bike, wrist is swollen and sore, he can wiggle his fingers and it "
        "doesn't look bent"
    )
    assert "deformed_limb" not in rules_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "he stopped walking 3 days ago and has been fine for months before that",
        "she has been fine for months until yesterday, now she stopped walking",
    ],
)
def test_a_loss_told_after_months_of_being_well_is_still_urgent(text: str) -> None:
    """Guard: "fine for months" that comes before the loss does not make it old."""
    assert rules_level(text) == "urgent"


# --- the harms round 39's paediatric reviewer found in the answers --------------------------


def test_a_gulp_of_methadone_is_an_opioid_poisoning_and_not_driven_in() -> None:
    text = (
        "my daughter took a big gulp out of the bottle of my methadone, I don't know how much, "
        "she's 3"
    )
    said = rules_advice(text)
    assert "poisoning" in rules_fired(text)
    assert "naloxone" in said
    assert default_danger_signs().answers.emergency_department not in said


def test_an_emergency_without_a_sign_never_offers_the_department() -> None:
    """An emergency the second opinions raised has no sign to say driving in is right."""
    said = advice(Assessment(level="emergency"))
    assert default_danger_signs().answers.emergency_department not in said


def test_appendicitis_with_a_painful_walk_gets_the_tummy_answer() -> None:
    text = (
        "Had a tummy ache since yesterday, now it's really sore bottom right, he's hot and he "
        "can't walk straight or jump without screaming"
    )
    fired, said = rules_fired(text), rules_advice(text)
    assert "possible_appendicitis" in fired
    assert not {"limp_with_fever", "limp_or_loss_of_use", "pressure_ulcer_infected"} & set(fired)
    assert "Do not give food" in said
    assert "joint" not in said


def test_a_fall_from_an_upstairs_window_keeps_the_child_where_they_are() -> None:
    text = (
        "My 4 year old fell out of the upstairs bedroom window onto the patio. He's crying. Do I "
        "move him?"
    )
    assert rules_advice(text).count("Do not move your child unless") == 1


def test_a_mouth_burnt_by_a_dishwasher_tablet_is_not_cooled_like_a_scald() -> None:
    text = (
        "my son bit into one of the dishwasher tablets, his mouth looks burnt and he's drooling "
        "and crying"
    )
    said = rules_advice(text)
    assert "rinse the skin around the mouth" in said
    assert "Cool the burn" not in said


@pytest.mark.parametrize(
    "text",
    [
        "baby rolled off the changing table onto tiles, he's 3 months, there's a soft squishy "
        "swelling on the side of his head and he keeps being sick",
        "baby rolled off the sofa onto the wooden floor, 3 months old, there's a soft squishy "
        "lump on the side of his head and he's been sick twice",
    ],
)
def test_a_baby_sick_after_a_head_injury_is_turned_onto_the_side(text: str) -> None:
    said = rules_advice(text)
    # Round 40: the side position in the words every fall and the unresponsive sign share.
    side = "lay them on their side if they are breathing, keeping the head and neck in line"
    assert side in said
    assert "walk about" not in said  # the older child's step gives way to the baby's


def test_a_swollen_eyelid_with_fever_watches_for_spread_not_allergy() -> None:
    text = (
        "Baby's eye is red and sticky and now the eyelid is swollen and a bit pink around it, and "
        "he has a temperature"
    )
    said = rules_advice(text)
    assert "infection around the eye" in said
    assert "the eye bulges" in said
    assert "swelling of the tongue" not in said


def test_a_diabetic_child_who_cannot_swallow_is_not_a_swallowed_object() -> None:
    text = (
        "my 8yo is diabetic and he's shaky and confused, not making sense, we tried juice but "
        "he can't swallow it properly now"
    )
    said = rules_advice(text)
    assert "glucagon" in said
    assert "object" not in said
    assert "Give nothing to eat or drink" not in said


def test_a_dangerous_fall_keeps_still_a_child_who_cannot_say_the_neck_hurts() -> None:
    """ "Only if their neck or back hurts" left it to a toddler to say so."""
    said = rules_advice("my 2 year old fell down a full flight of stairs")
    assert "too young to tell you" in said
    assert "head and neck in line" in said


@pytest.mark.parametrize(
    ("text", "sign", "step"),
    [
        (
            "she swallowed a coin and now she can't swallow her drink",
            "swallowed_object_symptoms",
            "",
        ),
        ("she pulled a cup of hot tea over herself and scalded her arm", "burn", "Cool the burn"),
        ("bleach splashed on his arm and the skin looks burnt", "poisoning", "running water"),
    ],
)
def test_guards_the_mends_leave_alone(text: str, sign: str, step: str) -> None:
    assert sign in rules_fired(text)
    assert step in rules_advice(text)


# --- the reviewer's should-fix findings that were mended ------------------------------------


@pytest.mark.parametrize(
    ("text", "must", "must_not"),
    [
        (
            "She's 2 and I'm 90% sure she swallowed a button battery, the back of the remote is "
            "off and one is missing. Should I look for it first?",
            "Do not spend time looking for a missing battery",
            "",
        ),
        (
            "her tongue and lips swelled up after eating kiwi and now shes really pale and sleepy "
            "and floppy",
            "Lie them down with their legs raised",
            "If your child is very sleepy, hard to wake",
        ),
        (
            "He's 8 and said he got a sudden terrible headache, worst ever, then he vomited and "
            "now his left leg and arm are weak",
            "lay them on their side",
            "",
        ),
        (
            "My 9yo suddenly got awful pain in his testicle while playing football, he's gone "
            "white and is throwing up",
            "faster than an ambulance can come",
            "",
        ),
        (
            "Our daughter has sickle cell, she's 4, temp of 38.6 tonight. She's still playing. "
            "Can we give paracetamol and ring the haematology team on Monday?",
            "Do not wait for the clinic to open",
            "",
        ),
        (
            "he got his fingertip shut in the car door, there's a bit of the tip missing and "
            "blood everywhere",
            "put the bag on ice",
            "",
        ),
    ],
)
def test_the_steps_answer_what_the_parent_asked_or_needs(
    text: str, must: str, must_not: str
) -> None:
    said = rules_advice(text)
    assert must in said
    assert not must_not or must_not not in said


def test_a_cut_with_nothing_cut_off_is_not_told_to_keep_a_piece() -> None:
    """Guard: the piece kept on ice belongs to a part cut off only."""
    assert "on ice" not in rules_advice("cut his finger on a knife, bleeding a lot and won't stop")


# --- the second reviewer's probes at the edges of the mends ---------------------------------


def test_a_usual_rate_of_seizures_never_hides_a_fit_going_on_now() -> None:
    """Guard: the rate told beside a fit happening now leaves the fit the emergency."""
    text = "he usually has one seizure a month and right now he's been fitting for 6 minutes"
    assert "seizure" in rules_fired(text)


def test_appendicitis_told_in_another_order_gets_the_tummy_answer() -> None:
    text = (
        "pain moved to the lower right of his tummy, he's walking bent over and has a "
        "temperature of 38.5"
    )
    fired = rules_fired(text)
    assert "possible_appendicitis" in fired
    assert "limp_with_fever" not in fired


def test_choking_on_food_is_not_a_weakness_spreading() -> None:
    text = (
        "he gagged on a lump of food and now he's coughing weakly, can't breathe properly and is "
        "going blue"
    )
    fired = rules_fired(text)
    assert "choking" in fired
    assert "stroke_signs" not in fired
