"""Round 35 (session 58): blind set r35b, read by the rules alone.

Each case failed before the session's change: a level the blind writer or the paediatric review
showed was wrong, a first step or an answer that did not fit, or an ordinary message read as a
danger sign.
"""

from __future__ import annotations

import pytest

from knowledge.signs import default_danger_signs
from tests.support.triage_rules import rules_advice, rules_fired, rules_level


@pytest.mark.parametrize(
    ("text", "age_months", "sign"),
    [
        (
            "his arm looks a bit bendy in the middle after he came off the trampoline but he's "
            "stopped crying now, can we wait till monday for the GP",
            84,
            "deformed_arm_or_leg",
        ),
        (
            "since this morning his legs have gone weak really fast, now he cant stand at all "
            "and he hasnt done a wee all day",
            120,
            "sudden_leg_weakness",
        ),
        (
            "she won't let anyone near her hip, screaming if we try, temp 39.8 and she won't "
            "move that leg at all",
            30,
            "bone_or_joint_infection",
        ),
        (
            "He doesnt really bring his hands together yet. Today he has been really whingy and "
            "hot and I noticed the soft part on top of his head is bulging up, much more puffy "
            "than normal, even when he is sat up.",
            5,
            "fever_red_feature",
        ),
    ],
)
def test_round_thirty_five_emergencies(text: str, age_months: int, sign: str) -> None:
    assert rules_level(text, age_months) == "emergency"
    assert sign in rules_fired(text, age_months)


@pytest.mark.parametrize(
    ("text", "age_months"),
    [
        # The second review's probes: a septic joint told as a leg not stood on, walked on or
        # moved, or kept still and screaming when handled.
        (
            "He's had 39 fever since yesterday and was limping, now he won't walk at all and "
            "wants carrying everywhere",
            36,
        ),
        ("she's got a temp and won't stand on her leg at all", 36),
        (
            "She has a fever and screams when I change her nappy and move her left leg, she "
            "keeps it very still",
            14,
        ),
        (
            "Irritable hip could it come back? he's had a fever all night and won't move his "
            "leg, crying if anyone touches it",
            48,
        ),
        # A past sign, then "now" a new one: not stood down as history.
        (
            "He had irritable hip last spring. Now he has a 39.5 fever, screams if we touch his "
            "hip and won't stand on that leg",
            48,
        ),
        # Numbness round the bottom with new wetting; weakness climbing after a tummy bug.
        (
            "He's been wobbly on his bike and his legs tingle for about a month, and today he "
            "wet himself and says he can't feel his bum",
            84,
        ),
        (
            "Since yesterday after a tummy bug her legs have got weaker and weaker, now she can "
            "barely climb the stairs and says her feet feel funny",
            72,
        ),
    ],
)
def test_round_thirty_five_second_review_emergencies(text: str, age_months: int) -> None:
    assert rules_level(text, age_months) == "emergency"


def test_a_fit_now_after_one_last_year_asked_could_it_come_back_stays_an_emergency() -> None:
    """The second review: "could it come back" read as a question had stood down a fit that
    was happening now; it stays a sign told as back again."""
    text = (
        "He had a febrile seizure last year, could it come back? He's burning up now at 40 and "
        "just went stiff and jerky for 3 minutes"
    )
    assert rules_level(text, 60) == "emergency"
    assert "has passed" not in rules_advice(text, 60)


def test_a_fever_with_a_leg_that_bears_no_weight_goes_to_the_emergency_department() -> None:
    """A limp with a fever came down to the same day; one that bears no weight did not, and is
    answered as a septic joint: the emergency department is named, the leg kept still."""
    text = (
        "my 3yo has had a high temperature since yesterday and now she wont put weight on her "
        "left leg, she limps and cries"
    )
    assert rules_level(text, 36) == "emergency"
    assert "bone_or_joint_infection" in rules_fired(text, 36)
    said = rules_advice(text, 36)
    assert "emergency department is also right" in said
    assert "do not make your child walk on it" in said


@pytest.mark.parametrize(
    ("text", "age_months"),
    [
        # A skill lost, told as detail gone to scribble, as "last term", and as the fastest in
        # the class who now trips a little more each week.
        (
            "Her drawings used to be so detailed, people with fingers and eyelashes and "
            "everything. The last couple of months it's just scribbles and her hand shakes "
            "when she holds the pencil",
            84,
        ),
        (
            "my daughter could do her own buttons and zip her coat last term, now she needs "
            "help with all of it, her fingers just don't seem to work properly",
            72,
        ),
        (
            "my son was the fastest in his class, now he trips all the time and his feet sort "
            "of slap down when he runs, its worse each week",
            120,
        ),
        (
            "Her back has started hurting at night and we've noticed her spine curves to one side",
            132,
        ),
        # Bruises with no knock and nosebleeds (NICE NG12: a blood count).
        (
            "Please doctor, bruises are just showing on his legs and arms without him hitting "
            "anything, and he has bled from nose two times this week",
            60,
        ),
        # A painful spinal curve newly seen (PMM: the same day).
        (
            "her spine suddenly looks curved when she bends over and her back is hurting at night",
            132,
        ),
    ],
)
def test_round_thirty_five_same_day_signs(text: str, age_months: int) -> None:
    assert rules_level(text, age_months) == "urgent"


@pytest.mark.parametrize(
    ("text", "age_months"),
    [
        # The review: an afebrile head tilt after a sore throat, and a limp with a fever in a
        # child still walking, are the same day, not the emergency number.
        (
            "she's had a sore neck and keeps holding her head to one side since her sore throat "
            "last week, the fever's gone though",
            60,
        ),
        ("she's got a temp and shes limpin on her left leg, still walkin tho", 36),
        # A month of wobbles with tingling legs: weakness over weeks, not a neck injury.
        (
            "my 10 yo could ride his bike no bother, this past month he keeps wobbling and "
            "falling off and says his legs feel tingly",
            120,
        ),
    ],
)
def test_the_review_brought_these_down_to_the_same_day(text: str, age_months: int) -> None:
    assert rules_level(text, age_months) == "urgent"


@pytest.mark.parametrize(
    ("text", "age_months"),
    [
        (
            "general question, what's the right first aid for a burn from a hot drink? we've "
            "got a toddler and just bought a coffee machine",
            18,
        ),
        (
            "he used to crawl everywhere and now he only walks, is it bad that he stopped "
            "crawling so quick?",
            16,
        ),
        (
            "she used to hold her own bottle and now she just wants me to hold it, she still "
            "does it fine when I'm not there, lazy? lol",
            9,
        ),
        (
            "the girl next door fell off her bike and broke her wrist, how do I teach my son to "
            "fall safely",
            84,
        ),
        (
            "my daughter is 6 weeks and her legs tremble when she cries, the GP saw it last week "
            "and said it's normal, when does it stop",
            1,
        ),
        ("he used to sit still for stories and now he's up and running around the whole time", 24),
        (
            "She could do buttons before but now she refuses and wants me to do it because her "
            "little sister gets help",
            36,
        ),
        ("He's whingy and hot because he's teething, soft spot looks normal and flat", 6),
        # Growing pains told with minutes walked and crying about the legs at night.
        (
            "We're in London and walk everywhere, and my 3 year old still wants to go in the "
            "pram all the time. If she walks she says her legs hurt after 10 minutes and asks "
            "to be carried. Her cousin the same age walks miles. Is this normal or is there "
            "something going on with her legs? She sometimes wakes at night crying about her "
            "legs too.",
            None,
        ),
        # Falls compared with friends, and an arm held by the side while running.
        (
            "my 5yo can't keep her thongs on, she shuffles and they fly off, and she falls over "
            "way more than her mates at the beach. Also she runs with one arm kind of stuck by "
            "her side.",
            None,
        ),
    ],
)
def test_round_thirty_five_ordinary_messages_are_not_escalated(
    text: str, age_months: int | None
) -> None:
    assert rules_level(text, age_months) not in ("urgent", "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "Birthday coming up for my 2yo niece who's a bit behind with her walking (she has "
        "physio). Push along walker? Shape sorter? Budget around 40 euro.",
        "My back is killing me from carrying her all day. I'm 38 and feel about 80.",
    ],
)
def test_money_and_a_parents_age_are_not_temperatures(text: str) -> None:
    assert rules_level(text) == "concern"


def test_kawasaki_signs_get_the_hospital_not_a_splint() -> None:
    text = (
        "fever on and off for 5 days, red eyes, cracked lips, now her hands and feet are "
        "swollen and she won't walk"
    )
    said = rules_advice(text, 36)
    assert "kawasaki_signs" in rules_fired(text, 36)
    assert "sling" not in said
    assert "Kawasaki disease" in said
    assert "emergency department today" in said


def test_fast_breathing_beside_a_sitting_ring_gets_no_choking_steps() -> None:
    text = (
        "Hi, my girl 7 months still cannot sit without support, she will fall to the side after "
        "few seconds, my mother say must put her in the sitting ring. Can or not? Also since "
        "yesterday she got cough and cold, tonight she is breathing very fast and I can see her "
        "ribs sucking in every breath, she dont want to drink her milk also. Is the sitting "
        "ring good for her back?"
    )
    said = rules_advice(text, 7)
    assert rules_level(text, 7) == "emergency"
    assert "back blows" not in said
    assert "choking" not in rules_fired(text, 7)


def test_a_month_of_wobbles_gets_no_neck_injury_step() -> None:
    said = rules_advice(
        "my 10 yo could ride his bike no bother, this past month he keeps wobbling and falling "
        "off and says his legs feel tingly",
        120,
    )
    assert "nod their head" not in said


def test_a_possible_broken_bone_is_sent_where_an_x_ray_is() -> None:
    said = rules_advice(
        "came off his bike and now he can't put any weight on his ankle at all, it's ballooned "
        "up and he's in agony even lying still",
        96,
    )
    assert "X-ray" in said
    assert "minor injuries unit" in said
    assert "call your child's doctor now" not in said


def test_a_sign_only_asked_about_gets_no_note_that_it_has_passed() -> None:
    said = rules_advice(
        "how do you tell a seizure from a normal startle in a baby? asking because my cousin's "
        "baby had one",
        3,
    )
    assert said
    assert "has passed" not in said


def test_a_sign_told_as_over_keeps_the_calm_note() -> None:
    said = rules_advice("had a febrile seizure last year, fine since", 30)
    assert "has passed" in said
    assert "If no doctor has checked it yet" in said


def test_no_first_step_offers_a_second_number_beside_the_emergency_call() -> None:
    steps = [
        step
        for sign in default_danger_signs().signs
        for step in (sign.first_step, *(rule.first_step for rule in sign.rules))
        if sign.level == "emergency"
    ]
    assert not [step for step in steps if "in the UK call 111" in step]
