"""The paediatric review of 30 November 2026: each finding fixed is pinned here."""

from __future__ import annotations

import pytest

from knowledge.signs import default_danger_signs
from knowledge.triage import advice, assess, triage


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("his testicle is swollen and very painful, he ate beetroot at lunch", "emergency"),
        ("green vomit all morning, he had beetroot yesterday", "emergency"),
        ("sickle cell, terrible leg pain, calpol not helping. he has a peanut allergy", "urgent"),
        ("swollen red eyelid and a fever of 39, it started after a mosquito bite", "urgent"),
    ],
)
def test_an_unless_word_said_elsewhere_does_not_cancel_a_sign(text: str, level: str) -> None:
    assert triage(text) == level


def test_an_unless_word_cancels_its_sign_only_near_what_it_matched() -> None:
    text = "limping and a fever of 39, he has lots of mosquito bites on his legs"
    assert "limp_with_fever" in {sign.id for sign in assess(text).fired}


@pytest.mark.parametrize(
    "text",
    [
        "red wee after eating beetroot at lunch",
        "his poo is red, he had beetroot yesterday",
        "little stye on her eyelid, a bit red and swollen",
    ],
)
def test_an_unless_word_next_to_the_match_still_cancels_it(text: str) -> None:
    assert triage(text) not in ("emergency", "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "red poo this morning, then remembered he had loads of beetroot yesterday, he's fine",
        "her lips and tongue are completely blue!! oh wait she's been into the blueberries",
        "newborn girl, tiny spot of blood in her nappy on day 5, midwife said its from my"
        " hormones, just want to double check that's common",
        "newborn breathing is irregular when asleep, goes fast then pauses for a few seconds,"
        " stays pink, is this normal",
    ],
)
def test_an_explanation_of_the_sign_itself_cancels_its_rule_wherever_it_is_said(
    text: str,
) -> None:
    """Merging round 7's longer forms with the 4-word window answered these as emergencies:
    food colour, a mother's hormones and periodic breathing explain the very thing the rule
    saw, so they are ``whole_message`` on the rules they explain (and no other rule)."""
    assert triage(text) != "emergency"


def test_an_explanation_cancels_only_the_rules_it_explains() -> None:
    text = "he is struggling to breathe and his lips are blue, he was eating blueberries"
    assert triage(text) == "emergency"


def test_a_context_that_tells_the_whole_message_cancels_wherever_it_is_said() -> None:
    text = (
        "she holds her breath when she's having a tantrum until she goes red in the face, "
        "then takes a big gasp and carries on screaming"
    )
    assert assess(text).level not in ("emergency", "urgent")


def _steps(text: str) -> str:
    return advice(assess(text))


def test_choking_alone_is_told_the_back_blows() -> None:
    assert "back blows" in _steps("CHOKING HELP")


def test_the_choking_step_replaces_the_breathing_step() -> None:
    """Before session 53 the breathing sign's "sit them up" and inhaler followed the back
    blows; clearing the airway is what mends the breathing trouble a choking causes."""
    text = _steps("she is choking on a grape and can't breathe")
    assert "back blows" in text
    assert "reliever inhaler" not in text


@pytest.mark.parametrize(
    ("text", "wanted", "unwanted"),
    [
        ("his tummy hurts so much he won't let me touch it and he keeps vomiting",
         "nothing to eat or drink", "sugary drink"),
        ("my 14 year old has written a note and has a plan to kill herself",
         "Stay with your child", "hydrocortisone"),
        ("her blood sugar is 2.8 and she's shaky and confused", "glucagon", "hydrocortisone"),
        ("he has adrenal insufficiency and is vomiting, can't keep his tablets down",
         "hydrocortisone", "glucose"),
        ("coughing fits that end with a whooping noise and sometimes vomiting, 3 year old",
         "doctor today", "tooth"),
        ("knocked out his adult front tooth on the trampoline, we have the tooth",
         "crown", "hydrocortisone"),
        ("a redback spider bit my daughter on the hand", "cold pack", "firm pressure bandage"),
        ("my son was stung by a box jellyfish at the beach", "vinegar", "pressure bandage"),
        ("snake bit my boy on the leg down by the creek", "pressure bandage", "vinegar"),
        ("15yo using tampons, high fever, sunburn like rash all over, dizzy and vomiting",
         "take it out", "carbon monoxide"),
    ],
)  # fmt: skip
def test_each_rule_gives_its_own_first_step(text: str, wanted: str, unwanted: str) -> None:
    told = _steps(text)
    assert wanted in told
    assert unwanted not in told


def test_asthma_step_gives_the_reliever_dose() -> None:
    assert "up to 10 puffs" in _steps("she is wheezing and struggling to breathe, she has asthma")


def test_chemicals_on_skin_or_in_eyes_are_rinsed_for_at_least_20_minutes() -> None:
    assert "at least 20 minutes" in _steps("he got bleach in his eyes")


def test_button_battery_step_says_nothing_to_eat_and_no_bare_go_now() -> None:
    told = _steps("he swallowed a button battery but seems completely fine")
    assert "Go now" not in told
    assert "Apart from the honey, give nothing to eat or drink" in told


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("type 1 diabetes, ketones are 3.5", "emergency"),
        ("type 1 diabetes and has been sick twice", "emergency"),
        ("diabetic, blood sugar 25, vomiting", "emergency"),
        ("type 1 diabetes, ketones are 1.8", "urgent"),
        ("severe tummy pain, it came on suddenly", "emergency"),
        ("she has jaundice and she's only 12 hours old", "emergency"),
        ("my 3 day old baby looks yellow", "urgent"),
        ("my 3 week old is sleepy and not feeding", "emergency"),
        ("his arm is in a cast and his fingers are swollen, numb and really painful", "emergency"),
        ("his neck is swollen on one side and he can't open his mouth, fever", "urgent"),
        ("he can't open his mouth and he's drooling, his neck is swollen", "emergency"),
        ("left in a hot car for 20 minutes", "emergency"),
        ("my daughter told me a man at the park touched her private parts", "urgent"),
        ("nut allergy, ate a peanut, she's vomiting", "urgent"),
        ("stung by a bee and now vomiting", "emergency"),
        ("my 6 week old's temperature is 35.5", "emergency"),
    ],
)
def test_levels_the_review_asked_for(text: str, level: str) -> None:
    assert triage(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "my 2 year old had a temperature of 35.5 this morning after his bath, he is playing",
        "ketones were checked 3 times today and were all negative",
        "she has a cast on her arm and it is itchy",
        "he told me a boy at school hit him with a ball at football",
    ],
)
def test_look_alikes_of_the_new_rules_stay_below_emergency(text: str) -> None:
    assert triage(text) != "emergency"


def test_cigarette_burns_are_also_a_safeguarding_sign() -> None:
    fired = assess("he has cigarette burns on his arm").fired
    assert "abuse_told" in {sign.id for sign in fired}


def test_a_low_temperature_in_a_young_baby_is_its_own_rule() -> None:
    fired = assess("my 6 week old's temperature is 35.5").fired
    assert "low_temperature_young_baby" in {sign.id for sign in fired}


def test_urgent_answers_say_what_to_do_now_not_while_you_wait() -> None:
    told = _steps("nut allergy, ate a peanut, she's vomiting")
    assert "What to do now: " in told
    assert "While you wait" not in told


def test_the_emergency_answer_says_the_department_is_right_where_the_source_does() -> None:
    battery = _steps("he swallowed a button battery but seems completely fine")
    assert "for an ambulance" not in battery
    assert "going straight to the emergency department is also right" in battery
    fit = _steps("my baby is having a seizure")
    assert "emergency department is also right" not in fit
    assert "While you wait: " in fit


def test_the_safety_net_agrees_with_the_levels_of_the_signs() -> None:
    net = default_danger_signs().answers.safety_net
    assert "38 C or more as a baby under 3 months" in net
    assert "has a burn or bleeding" not in net
    assert "a bulging soft spot in a calm baby" in net.split("Call the doctor today")[1]


def test_a_rule_may_carry_its_own_unless_so_hay_fever_does_not_cancel_coughing_blood() -> None:
    assert triage("coughing up blood, she has hay fever") == "urgent"
    assert triage("little stye on her eyelid, a bit red and swollen") not in (
        "urgent",
        "emergency",
    )


def test_a_bulging_soft_spot_with_irritability_is_an_emergency() -> None:
    assert triage("her soft spot is bulging and she is very irritable") == "emergency"


def test_a_gastrostomy_tube_out_is_told_to_go_now() -> None:
    assert "go now" in _steps("his gastrostomy tube has come out")


def test_a_normal_temperature_is_not_a_fever() -> None:
    assert triage("my 6 week old's temperature is normal, 36.8") not in ("emergency", "urgent")
    assert triage("my 6 week old feels hot, her temperature was fine yesterday but now 38.5") == (
        "emergency"
    )


@pytest.mark.parametrize(
    "text",
    [
        "My baby is 9 months and has started pulling up but her knees lock and she stands very "
        "stiff. When I hold her hands to walk, her legs scissor a bit. I'm probably overthinking "
        "but want to know what's normal for early standing.",
        "My daughter is 9 and for the first time she's saying she hates her handwriting and "
        "doesn't want to write stories any more. We've tried handwriting books over the summer.",
    ],
)
def test_a_pattern_or_a_summer_off_still_tells_the_whole_message(text: str) -> None:
    assert triage(text) not in ("urgent", "emergency")


def test_an_asthma_attack_alone_is_treated_first_with_the_reliever() -> None:
    told = _steps("he's having an asthma attack")
    assert told.startswith("This needs a doctor today")
    assert "up to 10 puffs" in told
    assert triage("she is having a severe asthma attack") == "emergency"
    assert triage("asthma attack, struggling to breathe") == "emergency"


def test_choking_first_aid_says_the_emergency_department_is_also_right() -> None:
    told = _steps("had to do back blows and he coughed the grape out, he seems fine now")
    assert "going straight to the emergency department is also right" in told


# Issue 10, over-calling found by the paediatric review: each is a lower level, and its
# neighbours that must stay emergencies are pinned beside it.


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Getting a child out of the bath is the routine end of a bath, not a rescue.
        ("got her out of the bath and dried her, she is fine", None),
        ("lifted him out of the bath and put his pyjamas on", None),
        ("found him face down in the bath, not breathing", "emergency"),
        ("pulled her out of the bath, she had slipped under", "emergency"),
        ("lifted him out of the bath, he had been under the water", "emergency"),
        # NG143: fast breathing alone is amber (same day); with a red feature, "very fast"
        # (NHS: breathing very fast is a 999 sign) or under 3 months it is an emergency.
        ("he is breathing fast with a cold, otherwise fine", "urgent"),
        ("she has a fever and she is breathing a bit fast", "urgent"),
        ("breathing really fast and grunting", "emergency"),
        ("she is breathing really fast", "emergency"),
        ("my 6 week old is breathing fast", "emergency"),
        ("breathing fast and her lips look blue", "emergency"),
        (
            "he choked on a peanut, we got it out but now he is wheezing and breathing fast",
            "emergency",
        ),
        # One magnet in a well child: an X-ray the same day (NASPGHAN); more, or with metal
        # or symptoms, an emergency; "a magnet" does not say how many.
        ("she swallowed one magnet from the fridge", "urgent"),
        ("swallowed two magnets", "emergency"),
        ("he swallowed a magnet", "emergency"),
        ("she swallowed one magnet and a little metal screw", "emergency"),
        ("she swallowed one magnet and now her tummy hurts", "emergency"),
        # A sip of wine is not a poisoning; spirits, a glass, or a child unwell after it is.
        ("he had a sip of my wine", None),
        ("she drank a glass of vodka", "emergency"),
        ("he had a sip of my wine and now he is wobbly and sleepy", "emergency"),
        ("he had a sip of my wine and then drank some bleach", "emergency"),
        ("he swallowed a piece of glass", "emergency"),
    ],
)
def test_issue_10_over_calling_and_its_neighbours(text: str, level: str | None) -> None:
    assert assess(text).level == level


def test_a_glass_of_a_drink_is_not_a_swallowed_sharp_object() -> None:
    fired = {sign.id for sign in assess("she drank a glass of vodka").fired}
    assert fired == {"poisoning"}


def test_one_magnet_is_sent_for_an_x_ray_today() -> None:
    told = _steps("she swallowed one magnet from the fridge")
    assert told.startswith("This needs a doctor today")
    assert "X-ray" in told


def test_a_limp_over_3_without_red_flags_stays_same_day() -> None:
    # Healthier Together allows 48 hours for a well child; the message cannot rule out
    # every red flag, so the safer level (see the note on limp_or_loss_of_use).
    assert triage("my 5 year old is limping a bit today, no fever, no fall") == "urgent"


def test_cigarette_burns_show_the_safeguarding_step_with_the_burn_first_aid() -> None:
    told = _steps("he has cigarette burns on his arm")
    assert "Cool the burn" in told
    assert "children's social care or the police today" in told
