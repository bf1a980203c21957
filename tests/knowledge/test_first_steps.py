"""The first steps of several danger signs found together: each instruction said once."""

import csv
from itertools import combinations
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from knowledge.steps import each_once, instructions
from knowledge.triage import assess
from tests.support.triage_rules import NO_EXAMPLES, rules_advice, rules_fired, rules_level

DATA = Path(__file__).resolve().parents[1] / "data"

#: Two instructions this alike say the same thing (or the same thing two ways, such as a
#: repeat of the puffs after 10 minutes and after 15).
ALIKE = 85


def test_an_instruction_said_again_is_dropped() -> None:
    assert each_once(["Keep them warm. Note the time.", "Note the time. Call again."]) == (
        "Keep them warm. Note the time.",
        "Call again.",
    )


def test_an_instruction_another_says_in_full_is_dropped_where_it_stands() -> None:
    shorter = "Do not make your child sick."
    longer = "Do not make your child sick, and give nothing else to eat or drink."
    assert each_once([shorter, longer]) == (longer,)
    assert each_once([longer, shorter]) == (longer,)


def test_a_step_with_nothing_new_is_left_out() -> None:
    assert each_once(["Sit your child up and keep them calm.", "Sit your child up."]) == (
        "Sit your child up and keep them calm.",
    )


def test_an_instruction_is_kept_when_the_longer_one_negates_it() -> None:
    """ "Do not lay them on their side" holds every word of "Lay them on their side" and says
    the opposite: dropping the shorter one would lose what the parent must do."""
    steps = ["Lay them on their side.", "Do not lay them on their side if their neck hurts."]
    assert each_once(steps) == tuple(steps)


def test_sentences_are_split_where_a_new_one_starts() -> None:
    assert instructions("Give 1 puff every 30 to 60 seconds. If help has not come, call.") == [
        "Give 1 puff every 30 to 60 seconds.",
        "If help has not come, call.",
    ]


def _steps(text: str) -> str:
    """The first steps of an emergency answer: after the call, or before it for a choking
    child (``Sign.step_before_call``)."""
    told = rules_advice(text)
    if told.startswith("Start now: "):
        return told.removeprefix("Start now: ").split("\n\n", 1)[0]
    return told.split("While you wait: ", 1)[1]


def test_an_asthma_attack_with_blue_lips_gives_the_puffs_once() -> None:
    """Three signs fire (breathing trouble, a reliever not helping, a severe attack): the
    parent read the 10 puffs three times, with the repeat after 10 minutes in two and after
    15 in the third."""
    told = rules_advice(
        "he is wheezing badly and cant talk between breaths, his inhaler isnt helping, "
        "lips look a bit blue"
    )
    assert told.count("1 puff every 30 to 60 seconds") == 1
    assert told.count("give up to 10 puffs again") == 1
    assert "15 minutes" not in told


def test_a_near_drowning_gives_the_rescue_breaths_first() -> None:
    """A breathing sign found with it said "sit them up" before the rescue breaths, and the
    call handler was named twice."""
    steps = _steps("2 yr old fell in the pond, under for a minute, coughing, lips blue")
    assert steps.startswith("If they are not responding and not breathing normally")
    assert steps.count("call handler") == 1


def _danger_rows() -> list[str]:
    with (DATA / "triage_dev.tsv").open(encoding="utf-8") as rows:
        reader = csv.DictReader(rows, delimiter="\t")
        return [row["text"] for row in reader if row["level"] in ("emergency", "urgent")]


def test_no_answer_to_a_danger_row_says_an_instruction_twice() -> None:
    """Signs that fire together must write a shared instruction the same way
    (``danger_signs.yaml``), so the answer says it once: over every danger row of the tuning
    set, no answer holds two alike instructions."""
    repeated = []
    for text in _danger_rows():
        said = [s for step in assess(text).first_steps for s in instructions(step)]
        repeated += [
            (text, a, b) for a, b in combinations(said, 2) if fuzz.token_set_ratio(a, b) >= ALIKE
        ]
    assert repeated == []


def test_adrenaline_comes_before_the_puffs_in_an_allergic_reaction_with_a_wheeze() -> None:
    """The paediatric review of session 52: the breathing sign's puffs led the auto-injector."""
    assert _steps("nut allergy, face swelling and now wheezing, 4yo").startswith(
        "If your child has an adrenaline auto-injector, use it now"
    )


def test_a_chemical_splashed_in_my_sons_eye_gets_the_rinsing_step() -> None:
    """Read as an emergency by the learned opinion alone, with no first step: "in my sons eye"
    was not an eye splash."""
    assert "keep going for at least 20 minutes" in _steps("splashed oven cleaner in my sons eye")
    assert (
        assess("got some of my face cream in my eye, stings", examples=NO_EXAMPLES).level is None
    )


def test_merged_steps_keep_what_each_situation_needs() -> None:
    """The review of the first version: a broken wrist was told not to move the child (who may
    walk to the car), a fit after a fall was told to keep still if the neck "may be hurt", and
    the puffs' repeat stood alone for a child without asthma."""
    wrist = _steps("fell off his bike, wrist bent like a dinner fork, 9yo, otherwise fine")
    assert "move your child" not in wrist
    fit = _steps("my son 5 fell off the climbing frame hit his head and now hes having a fit")
    assert fit.startswith("Lay your child on their side")
    assert "may be hurt" not in fit
    pond = _steps("2 yr old fell in the pond, under for a minute, coughing, lips blue")
    assert pond.startswith("If they are not responding and not breathing normally")
    # Since session 53 drowning's step replaces the breathing sign's (step_replaces).
    assert "puffs" not in pond
    wheeze = _steps("her inhaler isn't helping and she's struggling to breathe")
    assert "If they have a blue reliever inhaler, give it through a spacer" in wheeze
    assert wheeze.count("puffs again") == 1


def test_a_child_who_choked_and_stopped_responding_gets_cpr_first() -> None:
    """The review: "let them cough" came first for a child already unconscious."""
    steps = _steps("14 months choked on food, now she is unconscious and not breathing")
    assert steps.startswith("If they are not responding, lay them on their back")
    assert "let them cough" not in steps.split(". ")[0]


def test_a_child_who_choked_and_passed_out_but_breathes_is_not_told_to_start_cpr() -> None:
    """Session 53: the step said "if they are not responding, or not breathing normally ...
    start CPR", so a child who passed out but breathes was told CPR and then to lie on their
    side; CPR is for one not breathing normally, the side for one who breathes."""
    steps = _steps("he choked on a grape and passed out but he is breathing")
    assert "If they are not breathing normally, start CPR" in steps
    assert "lay them on their side if they are breathing" in steps
    assert "not responding, or not breathing normally" not in steps


def test_an_asthma_attack_too_breathless_to_talk_is_not_told_back_blows() -> None:
    """Session 53: "can't talk" read as a blocked airway, so a child with asthma got back
    blows and thrusts instead of the inhaler."""
    for text in (
        "my son has asthma and he cant talk, wheezing so bad",
        "she has asthma, cant talk, struggling to breathe",
    ):
        assert rules_level(text) == "emergency", text
        assert rules_fired(text) == ["breathing_difficulty"], text
        assert "back blows" not in _steps(text), text


def test_a_silent_child_with_something_stuck_still_gets_back_blows() -> None:
    """The other side of the asthma change: no voice with a choking word or an object stuck
    is still choking, asthma or not."""
    for text in (
        "she is gasping and can't make a sound",
        "he has asthma, a sweet is stuck and he cant talk",
        "my asthmatic son choked on a grape and cant cry",
    ):
        assert "back blows" in _steps(text), text


def test_a_swallowed_battery_gets_honey_without_being_told_to_give_nothing() -> None:
    """Session 53: with trouble swallowing, the swallowed-object sign said "give nothing to eat
    or drink" beside the battery's honey, and the battery's own step said "give nothing else"
    before the honey; the honey is for a child able to swallow (NCPC)."""
    steps = _steps("swallowed a button battery an hour ago, she seems fine")
    assert "over 1 year old and able to swallow" in steps
    assert steps.index("honey") < steps.index("Apart from the honey, give nothing")
    coin = _steps("swallowed a button battery and a coin and now drooling")
    assert "Give nothing to eat or drink until" not in coin


def test_a_breath_holding_spell_is_not_told_to_start_cpr() -> None:
    """The second review of session 52: a first version told every unresponsive child who
    "is not breathing" to start CPR, which reached breath-holding spells (a few seconds
    without a breath); the call handler decides."""
    told = rules_advice("2yo breath holding spell again, went floppy and blue then came round")
    assert "CPR" not in told


def test_an_allergic_collapse_says_which_position_applies() -> None:
    """The review: "legs raised" came before the unresponsive sign's "on their side", with
    nothing saying which applies; the adrenaline step now says when each does."""
    steps = _steps(
        "7yo allergic to peanuts, ate a cookie, lips swollen, now collapsed, not responding"
    )
    assert steps.startswith("If your child has an adrenaline auto-injector")
    assert "or on their side if they stop responding but are breathing" in steps


def test_no_voice_after_eating_or_with_something_in_the_mouth_is_choking_asthma_or_not() -> None:
    """The review of the asthma change: a child with asthma who ate a sweet and cannot talk was
    told to sit up with the inhaler; food or an object just before is choking first."""
    for text in (
        "my asthmatic son ate a sweet and now cant talk",
        "he had a sweet in his mouth, asthmatic, now cant talk",
    ):
        assert rules_fired(text) == ["choking"], text


def test_an_object_swallowed_then_no_breath_is_choking_without_the_inhaler() -> None:
    """Session 53's review: "baby swallowed a bead and now not breathing" got only the
    breathing step (sit up, the inhaler), never the back blows."""
    for text in (
        "baby swallowed a bead and now not breathing",
        "baby put a small toy in mouth now cant breathe",
    ):
        assert "choking" in rules_fired(text), text
        steps = _steps(text)
        assert "back blows" in steps, text
        assert "inhaler" not in steps, text


def test_a_choking_childs_answer_leaves_out_the_breathing_signs_inhaler() -> None:
    """``step_replaces``: the breathing trouble a choking causes is mended by clearing the
    airway; "sit them up, give their inhaler" after the back blows only held them up."""
    text = "toddler choking cant cough cant cry face going blue"
    steps = _steps(text)
    assert "breathing_difficulty" in [s.id for s in assess(text, examples=NO_EXAMPLES).fired]
    assert "back blows" in steps
    assert "inhaler" not in steps
    assert "sit them up" not in steps


def test_no_speech_after_a_knock_to_the_head_is_a_head_injury_not_choking() -> None:
    """Session 53's review: "cant talk after hitting his head" got back blows and thrusts, and
    "now cant speak properly" after a fall onto the head only the safety net (NICE NG232:
    trouble speaking after a head injury is a focal neurological sign)."""
    for text in (
        "my kid cant talk after hitting his head",
        "my kid fell and hit his head and now cant speak properly",
    ):
        assert rules_fired(text) == ["head_injury_warning"], text
        assert "back blows" not in rules_advice(text), text


def test_a_child_gone_limp_after_choking_gets_the_unconscious_steps() -> None:
    steps = _steps("my son choked on a sweet and now hes gone limp")
    assert steps.startswith("If they are not responding, lay them on their back")
    assert "back blows" not in steps


def test_a_battery_with_blood_or_drooling_gets_no_honey() -> None:
    """Session 53's review: honey was offered to a child vomiting blood or gasping after a
    battery; one who cannot swallow safely gets nothing by mouth."""
    for text in (
        "swallowed a battery and vomiting blood",
        "swallowed a button battery and now drooling and retching",
        "my 2yo swallowed a battery and he is gasping for air",
    ):
        steps = _steps(text)
        assert "give 2 teaspoons" not in steps, text
        assert "not even honey" in steps, text


def test_a_speech_delay_is_no_danger() -> None:
    found = assess(
        "my 3 year old cant talk yet only few words, speech delay?", examples=NO_EXAMPLES
    )
    assert found.level is None


def test_a_child_not_breathing_now_gets_cpr_first() -> None:
    """Session 53: a baby found not breathing read the breathing sign's "sit them up" and the
    inhaler, with the call handler last (Resuscitation Council UK: rescue breaths and CPR)."""
    for text in (
        "found my baby in the cot not breathing",
        "my son collapsed at football and isnt breathing",
        "HELP he's not breathing",
        "my son is unresponsive and not breathing normally",
        "she is not responding and only gasping",
        "child not breath, what to do, please fast",
        "mera beta saans nahi le raha please help",
    ):
        steps = _steps(text)
        assert steps.startswith("If your child is still not breathing normally"), text
        assert "start CPR with 5 rescue breaths" in steps, text
        assert "inhaler" not in steps, text
        assert "sit them up" not in steps, text


@pytest.mark.parametrize(
    "text",
    [
        "2yo breath holding spell again, went floppy and blue then came round",
        "he is not breathing properly, wheezy and coughing",
        "my heart stopped when she climbed up the bookcase today but she's totally fine",
        "sorry english not good. my son 2 year is shaking all body and not breathing good",
        "he is having a fit and not breathing",
        "he screamed then stopped breathing and passed out for a second, now crying again. "
        "breath holding?",
        "he stopped breathing and passed out, hes awake now",
        "baby went limp and stopped breathing for a bit then came round and is feeding now",
        "my kids were playing doctors and she pretended he wasn't breathing and did cpr on him",
        "I literally stopped breathing when I saw the bill for the nursery lol",
        "cant breath help",
    ],
)
def test_cpr_is_not_told_where_the_child_breathes_or_is_fitting(text: str) -> None:
    """The not-breathing sign holds only when breathing has stopped now: not for a
    breath-holding spell that ended, breathing that is poor, a parent's fright, or a fit
    (whose step is the side position)."""
    assert "not_breathing" not in rules_fired(text)


def test_a_near_drowning_says_the_rescue_breaths_once() -> None:
    """Drowning's own step has the rescue breaths; the not-breathing sign's is replaced."""
    steps = _steps("pulled my son (2) out of the paddling pool, he was floating, not breathing")
    assert steps.count("rescue breaths") == 1


@pytest.mark.parametrize(
    "text",
    [
        "we pulled him out of the pool hes not breathing",
        "he is having a fit and his lips are going blue",
    ],
)
def test_a_drowning_or_a_fit_is_not_told_to_sit_up_with_the_inhaler(text: str) -> None:
    """Session 53's review: the rescue breaths, or the side position during a fit, were
    followed by the breathing sign's "sit them up" and inhaler."""
    steps = _steps(text)
    assert "sit them up" not in steps
    assert "inhaler" not in steps


@pytest.mark.parametrize(
    ("text", "wanted", "unwanted"),
    [
        (
            "son touched a frayed wire and got electrocuted hes lying on the floor not moving",
            "switch it off at the mains or pull the plug",
            "sit them up",
        ),
        (
            "kid squirted bathroom cleaner in his eye, screaming and cant open it",
            "Rinse the eye at once",
            "Do not make your child sick. Keep",
        ),
        ("battery acid leaked on hands", "rinse the skin", "Rinse the eye"),
        (
            "bone sticking out of his shin after trampoline fall omg",
            "push the bone back",
            "neck",
        ),
        ("she has a piece of glass stuck in her foot, should i pull it out?", "Leave", "cut-off"),
        (
            "dived into the shallow end of the pool, now says he cant feel his legs",
            "keep your child still",
            "tummy",
        ),
        (
            "mate his head went through a glass door, huge cut on arm, blood everywhere, "
            "he's pale and dizzy",
            "raise their legs",
            "cut-off",
        ),
        (
            "bee sting and now his lips and face are swelling and hes wheezy",
            "inhaler too, after the adrenaline",
            "sit them up",
        ),
    ],
)
def test_each_situation_gets_its_own_first_aid(text: str, wanted: str, unwanted: str) -> None:
    """Session 53's review of injuries and poisons: a sign that covers several situations
    said every situation's step (a bone through the skin read "take anything off the neck",
    glass in a foot the cut-off part's ice), the rinse of a chemical in the eye came after
    "do not make your child sick", and an electric shock did not say how to switch it off."""
    told = rules_advice(text)
    assert wanted in told
    assert unwanted not in told.split("While you wait: ", 1)[-1]


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("he was outside in the heat and now fitting", "seizure"),
        ("pls help mi baby drinked the mosquito liquid from the refill thing", "poisoning"),
        (
            "fell off scooter and knocked his front tooth out, adult tooth",
            "adult_tooth_knocked_out",
        ),
    ],
)
def test_session_53_review_finds_the_sign(text: str, sign: str) -> None:
    """Answered with nothing before: a fit told as "now fitting", a mosquito-repellent refill
    drunk ("drinked"), an adult tooth named after the knock."""
    assert sign in rules_fired(text)


def test_a_nosebleed_that_will_not_stop_gets_the_pinch() -> None:
    assert "pinch the soft part of their nose" in rules_advice(
        "nosebleed for 10 mins wont stop, what to do"
    )


@pytest.mark.parametrize(
    ("text", "age", "sign"),
    [
        (
            "baby 2 month with cold, sometimes stops breathing for few seconds, pauses then "
            "starts again",
            2,
            "breathing_difficulty",
        ),
        (
            "t1 diabetic son ketones high 1.8 and he's got tummy ache and breathing deep",
            132,
            "dka",
        ),
        (
            "barking cough like a seal and makes a whistling noise when breathing in even when "
            "shes sitting calm",
            24,
            "breathing_difficulty",
        ),
    ],
)
def test_session_53_illness_review_red_flags_are_emergencies(
    text: str, age: int, sign: str
) -> None:
    """Session 53's illness review: pauses in a baby with a cold (NICE NG9: apnoea), deep
    breathing with tummy pain in diabetes (DKA), and croup's noise at rest were answered the
    same day or with the safety net."""
    found = assess(text, age, examples=NO_EXAMPLES)
    assert found.level == "emergency"
    assert sign in [s.id for s in found.signs]


def test_a_fever_with_cold_hands_and_feet_is_not_wrapped_up() -> None:
    """The hypothermia step ("wrap your child in dry blankets") was given for a fever with
    cold hands and feet, a sepsis warning sign; NICE NG143 advises against over-wrapping."""
    steps = _steps(
        "son has temp and his hands n feet are freezing cold but his body is burning hot"
    )
    assert "wrap your child in dry blankets" not in steps
    assert "Do not wrap your child up" in steps


def test_swollen_hands_after_cracked_lips_are_no_anaphylaxis() -> None:
    """ "fever for 6 days, red eyes, cracked lips and swollen hands" (Kawasaki disease) was read
    as swollen lips: the answer told the parent to use an adrenaline auto-injector."""
    found = assess(
        "fever for 6 days, red eyes, cracked lips and swollen hands", 30, examples=NO_EXAMPLES
    )
    assert "anaphylaxis" not in [s.id for s in found.fired]
    assert "kawasaki_signs" in [s.id for s in found.fired]


@pytest.mark.parametrize(
    "text",
    [
        "she is vomiting green",
        "his testicle is swollen and really hurts",
        "screaming in bouts and pulling his legs up, now red jelly poo",
    ],
)
def test_a_surgical_emergency_says_nothing_to_eat_or_drink(text: str) -> None:
    """Session 53's illness review: green vomit, a twisted testicle and intussusception had no
    first step, while a head injury said nothing by mouth."""
    assert "Give nothing to eat or drink, and nothing down a feeding tube, until a doctor" in (
        _steps(text)
    )


def test_no_breath_after_a_fit_that_stopped_gets_cpr_and_not_during_one() -> None:
    """Session 53's review: "she had a fit and now she isnt breathing" read only the fit's side
    position; a fit told as over is no reason to hold CPR back, one going on is."""
    assert _steps("she had a fit and now she isnt breathing").startswith(
        "If your child is still not breathing normally"
    )
    assert "CPR" not in _steps("he is having a fit and not breathing")


def test_a_possible_broken_bone_is_kept_still() -> None:
    """The same-day answer for a possible break had no first step at all."""
    told = rules_advice("fell off the trampoline and his leg looks broken")
    assert "Keep the limb still in the position you found it" in told


def test_the_reliever_inhaler_is_said_only_where_asthma_or_a_reliever_is_named() -> None:
    """Session 54's paediatric review: a grey-lipped baby, a newborn breathing fast and a
    septic baby read "if they have asthma, give their blue reliever inhaler", noise in front
    of a parent in an emergency (NHS asthma attack: the puffs are for a child with asthma)."""
    for text in (
        "my 9 month old's lips have gone a funny grey colour and he's just staring",
        "my 4 day old is breathing so fast and grunting",
    ):
        steps = _steps(text)
        assert "inhaler" not in steps, text
        assert "position they find easiest to breathe in" in steps, text
    asthma = _steps("he has asthma and he is struggling to breathe, lips going blue")
    assert asthma.count("If they have a blue reliever inhaler, give it through a spacer") == 1


def test_a_noise_breathing_in_gets_back_blows_only_with_something_in_the_mouth() -> None:
    """Session 54's review: croup's stridor with the throat sucking in and an allergic
    reaction with a noise breathing in were given back blows and thrusts, which upset a child
    whose airway is swollen (NICE CKS croup; RCUK anaphylaxis)."""
    croup = _steps(
        "she's had a runny nose and now she's making a whistling noise breathing in, the skin "
        "at her throat sucks in and she seems exhausted"
    )
    assert "back blows" not in croup
    allergy = _steps(
        "Swelling up after peanut butter and making a weird noise when he breathes in, 14 months"
    )
    assert allergy.startswith("If your child has an adrenaline auto-injector, use it now")
    assert "back blows" not in allergy
    grape = _steps("he was eating a grape and now he's making a high pitched noise breathing in")
    assert "back blows" in grape


def test_blue_lips_after_cold_water_get_the_warming_step() -> None:
    """Session 54: blue lips after the sea read "sit them up" and the inhaler (NHS
    hypothermia: wrap them in dry blankets, head covered)."""
    steps = _steps(
        "she came out of the sea freezing cold and her lips are blue and she's shivering"
    )
    assert steps.startswith("Take off any wet clothes, wrap your child in dry blankets")
    assert "inhaler" not in steps


def test_a_swollen_airway_is_not_told_to_lie_down() -> None:
    """Session 54's review: drooling, unable to swallow, fever and a squeaky breath (an
    epiglottitis picture) read "lay your child on their side" beside "do not make them lie
    down" (NICE CKS sore throat: keep them sitting, calm)."""
    steps = _steps(
        "3 yo sitting forward drooling, can't swallow his spit, high fever and squeaky noisy "
        "breathing, really quiet and scared looking"
    )
    assert steps.startswith("Keep your child sitting up")
    assert "lay them on their side if they are breathing" not in steps
    assert "inhaler" not in steps


def test_a_confused_child_with_diabetes_is_treated_as_a_low_blood_sugar_first() -> None:
    """Session 54's review: the only step was the side position (NHS low blood sugar;
    Diabetes UK: if unsure, treat it as a hypo)."""
    steps = _steps("my 6yo diabetic is sweaty shaky and now really confused, wont drink his juice")
    assert steps.startswith("Check their blood sugar if you can, but do not wait to treat")
    assert "give glucagon if you have it" in steps


def test_first_aid_mends_of_the_session_54_review() -> None:
    """A soaked cloth, a scalded face, a cord taken off a drowsy child, bleach that cannot be
    swallowed, and a cut on broken glass that is not a broken bone."""
    bleed = _steps(
        "cut her hand on a broken glass and it's spurting out, pressing a tea towel but it's "
        "soaked through already"
    )
    assert "put another cloth on top and press harder" in bleed
    assert "sling" not in bleed
    scald = _steps("14 month old pulled boiling pasta water onto herself, face and neck burnt")
    assert "(not over the face)" in scald
    cord = _steps("found him with the blind cord round his neck, got it off, breathing but drowsy")
    assert "lay them on their side if they are breathing" in cord
    bleach = _steps("2.5yo drank from a cup I'd put bleach in, drooling loads and won't swallow")
    # Round 39: a drooling child after a corrosive gets the corrosive's step, nothing by mouth.
    assert "give nothing to eat or drink" in bleach


def test_a_knocked_out_adult_tooth_is_sent_to_a_dentist_now() -> None:
    """Session 54's review: the same-day answer said to call the child's doctor; an adult
    tooth has the best chance back in its socket within an hour (NHS dental injuries)."""
    told = rules_advice(
        "knocked out one of his big adult front teeth on the trampoline, 8, we found it"
    )
    assert told.startswith("A knocked-out adult tooth needs a dentist or the emergency department")
    assert "push it back into its socket" in told


def test_second_mends_of_the_session_54_review() -> None:
    """The review's leftovers: a shaken baby's answer said nothing about what happened (NICE
    CG89); a drowsy, vomiting child in DKA was told to sip water; a fit read two side
    positions; popcorn then a wheeze read only the breathing sign; a fentanyl patch was taken
    off after the side position."""
    shaken = _steps("my boyfriend got angry and shook the baby, now she's vomiting and sleepy")
    assert "Tell the call handler exactly what happened" in shaken
    dka = _steps(
        "she's been drinking and weeing loads for weeks, lost weight, now vomiting, breathing "
        "heavily and drowsy, 5 yrs"
    )
    assert "Give nothing to drink if your child is drowsy or being sick" in dka
    fit = _steps("first time ever my 20 month old is having a fit, eyes rolled back, 6 minutes")
    assert fit.count("on their side") == 1
    popcorn = _steps(
        "was eating popcorn, had a big coughing fit, now she's wheezy and breathing fast"
    )
    assert popcorn.startswith("If your child is coughing well, let them cough")
    patch = _steps(
        "Nana's pain patch was stuck on his back, very sleepy, breathing slow and shallow"
    )
    assert patch.startswith("Take the patch off now")


def test_the_second_review_of_session_54() -> None:
    """The review of this session's first mends: a question about signs stood down signs told
    after it; an unresponsive child with a swollen airway lost the side position; beads at play
    then a noise breathing in lost the back blows; a wheeze with no word for asthma lost the
    reliever; a husband's diabetes and a head injury read the low-sugar step."""
    meningitis = (
        "is there a list of signs of meningitis? he has a fever, a stiff neck and a rash "
        "that won't fade"
    )
    assert rules_level(meningitis, 24) == "emergency"
    airway = _steps(
        "drooling and can't swallow with a fever, and now she's gone floppy and isn't responding"
    )
    assert "If they stop responding but are breathing, lay them on their side" in airway
    beads = _steps(
        "playing with beads, suddenly coughing and a whistling noise when she breathes in"
    )
    assert "back blows" in beads
    assert "If they have a blue reliever inhaler" in _steps("wheezing, can't finish a sentence")
    for text in (
        "My husband is diabetic, our baby is very drowsy and floppy",
        "my diabetic son hit his head and is confused",
        "newly diagnosed diabetes, drinking loads, weeing a lot, tummy pain and really drowsy",
    ):
        assert "sugary drink" not in _steps(text), text


def test_a_child_pulled_from_a_cold_pond_is_a_near_drowning() -> None:
    """Session 54's second review: "fell into the freezing pond, we got her out, she keeps
    coughing" had no answer (a word between "the" and "pond" hid the fall); a child pulled from
    water must be checked even if they seem well (NHS drowning advice)."""
    steps = _steps("fell into the freezing pond, we got her out, she keeps coughing")
    assert "they need to be checked even if they seem well" in steps
    assert steps.count("wet clothes") == 1
