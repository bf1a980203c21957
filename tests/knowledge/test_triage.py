"""Triage runs before matching and is final: these tables pin the safety behaviour."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from knowledge.normalize import normalize
from knowledge.triage import advice, assess, triage, triage_text
from tests.support.danger_examples import EXAMPLES
from tests.support.triage_rules import rules_level

DEV_SET = Path(__file__).parents[1] / "data" / "concerns_dev.tsv"
LEVELS = ("emergency", "urgent", "ordinary")


@pytest.mark.parametrize(
    "text",
    [
        "my baby is having a seizure",
        "i think she's having a fit",
        "he's convulsing!!",
        "siezure right now what do i do",
        "eyes rolled back and jerking",
        "he's not breathing",
        "she stopped breathing",
        "baby cant breath",
        "his lips are blue",
        "she's turning blue",
        "choking and can't breathe",
        "he is choking on a grape",
        "my son is unconscious",
        "unconsious after a fall",
        "she won't wake up",
        "he's unresponsive and floppy",
        "fell off the sofa hit his head and has been sick twice",
        "bumped her head and now she's really drowsy",
        "swallowed a button battery",
        "i think he ate a batery",
        "she swallowed two magnets",
        "he got into the medicine cabinet and swallowed some pills",
        "drank bleach",
        "she is bleeding heavily and it won't stop",
        "high fever and a stiff neck",
        "her face and lips are swelling up",
        "blue around the mouth",
        "drank washing up liquid",
        "he got hold of a magnet and swallowed it",
        "cut himself and theres blood everywhere",
        "neck is stiff and she has a high temperature",
        "she fell off the changing table onto her head and is very sleepy",
    ],
)
def test_emergencies(text: str) -> None:
    assert triage(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "he used to walk but now he can't",
        "she stopped walking",
        "no longer uses her left hand",
        "he can't crawl anymore",
        "lost skills he had",
        "forgot how to sit up",
        "she seems to be regressing",
        "suddenly limping today",
        "he has a limp",
        "sudden weakness in his arm",
        "dragging his leg since yesterday",
        "suddenly very wobbly when walking",
        "he can't walk since this morning",
        "he seems weaker in his legs than last week",
        "my daughter suddenly walks funny",
        "hes started dragging his foot",
        "she could sit before but now she slumps over",
    ],
)
def test_urgent(text: str) -> None:
    assert triage(text) == "urgent"


def test_a_message_with_no_danger_sign_is_a_concern() -> None:
    """Whether it is about movement at all is the matcher's scope decision, not triage's."""
    assert triage("how do i get him to sleep through the night") == "concern"
    assert triage("hello") == "concern"


@pytest.mark.parametrize(
    "text",
    [
        "he is breathing fine, just can't hold a pencil",
        "no seizures, but he walks on his toes",
        "she is not choking, she just hates lumpy food on a spoon",
        "my 2 year old is not walking yet",
        "he holds his crayon in his fist",
        "she painted a picture but cannot hold the brush well",
        "he talks a lot but can't catch a ball",
        "he is cooking with me and can't stir",
        "she loses her balance a lot",
        "goes floppy when i pick her up",
        "drags one leg when he crawls",
        "my baby chokes on lumpy food sometimes",
        "she is so clumsy today",
        "he hit the ball with his head",
    ],
)
def test_ordinary_worries_are_not_escalated(text: str) -> None:
    assert triage(text) not in ("emergency", "urgent")


def test_spelling_correction_targets_only_safety_words() -> None:
    assert triage_text("siezure and unconsious") == "seizure and unconscious"
    assert triage_text("she painted while cooking") == "she painted while cooking"


def _dev_rows(expected: str) -> list[str]:
    with DEV_SET.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [row["text"] for row in rows if row["expected"].startswith(expected)]


@pytest.mark.parametrize("text", _dev_rows("emergency"))
def test_every_dev_emergency_is_triaged_emergency(text: str) -> None:
    assert triage(text) == "emergency"


@pytest.mark.parametrize("text", _dev_rows("urgent:"))
def test_every_dev_urgent_is_triaged_urgent(text: str) -> None:
    assert triage(text) == "urgent"


#: The issue's examples (issue 10, shared with the chat and stand-in tests), then the other
#: behaviours it names: history, progress, batteries and magnets, stroke signs, same-day signs.
ISSUE_EXAMPLES = [
    *EXAMPLES,
    ("had a febrile seizure last year, fine since", "safety_net"),
    ("bumped her head, no mark, playing happily", "safety_net"),
    ("my heart stopped when she fell but she got up laughing", "concern"),
    ("stopped crawling once he walked", "concern"),
    ("used to need the rail, now does the stairs alone", "concern"),
    ("he swallowed a button battery but he seems completely fine", "emergency"),
    ("she swallowed two magnets, she is fine", "emergency"),
    ("suddenly he can't use his right arm or leg", "emergency"),
    ("new squint, a bad headache and vomiting", "emergency"),
    ("he won't walk and has a fever", "urgent"),
    ("her knee is hot and she cries when she moves it", "urgent"),
    ("she has been wobbly since she had chickenpox", "urgent"),
    ("he has a new tremor in his hands", "urgent"),
]


@pytest.mark.parametrize(("text", "level"), ISSUE_EXAMPLES)
def test_issue_examples_get_the_level_a_clinician_expects(text: str, level: str) -> None:
    assert triage(text) == level


@pytest.mark.parametrize(
    "word",
    # "weeing" was read as "wheezing", "drowsing" as "drowning" (rare but listed words), and
    # "woollen", a British spelling missing from the American list, as "swollen".
    ["confusing", "seasoning", "breathing-space", "collapsible", "weeing", "drowsing", "woollen"],
)
def test_spelling_correction_never_makes_a_danger_word_from_a_real_word(word: str) -> None:
    assert triage_text(word) == normalize(word)


def test_real_words_parents_type_for_danger_words_are_still_read_as_them() -> None:
    assert triage("he chocked on a grape and can't breathe") == "emergency"


#: Ordinary worries from blind set 9 that were escalated: a child's own words, a cause of
#: tripping that is not an onset ("new wellies"), breath-holding in a tantrum, a question.
FALSE_ALARMS = [
    "she's 2 and shouts I BROKE MY LEG every time she trips, then just walks off",
    "kid keeps tripping over in his new wellies, are they too big?",
    "he holds his breath when he's angry, goes red then gasps and carries on screaming",
    "how would I even know if my child was having a seizure?",
    "I gave her calpol instead of nurofen, is that ok?",
    # Croup not yet seen is answered the same day since set AC (croup_same_day); the point kept
    # here is that teething drool is not severe croup.
    "his croup has settled and he is drooling a bit because he's teething",
    "his leg jerks for a second as he drifts off to sleep",
    "my 4 month old's soft spot bulges when she cries",
    "lots of bruises on her shins from climbing, she's always on the go",
]


@pytest.mark.parametrize("text", FALSE_ALARMS)
def test_ordinary_look_alikes_are_not_escalated(text: str) -> None:
    assert triage(text) not in ("emergency", "urgent")


#: Blind set 9 found these answered too low; each is a general rule now (written here in
#: other words than the set's): shock, heatstroke, blood from the mouth, croup at rest,
#: chemicals in the eye, a child on insulin who will not wake, a heavy object falling on a
#: child, a rash like bruises, the wrong medicine, a child who can hardly be woken.
NEW_EMERGENCIES = [
    "his heart is racing and he's pale and sweaty",
    "left in a hot car, now she is drowsy and red hot",
    "he threw up blood twice, quite a lot",
    "4 days after her tonsils were taken out she is spitting fresh blood",
    "croup, and he makes a rasping noise even while sitting still",
    "she sprayed bleach into her eyes",
    "he is diabetic and really confused",
    "the wardrobe toppled over on top of her",
    "spots that look like little bruises on his legs and he is hot",
    "I gave her my husband's sleeping pills by mistake",
    "I can barely wake her this morning",
]


@pytest.mark.parametrize("text", NEW_EMERGENCIES)
def test_new_emergency_signs(text: str) -> None:
    assert triage(text) == "emergency"


NEW_URGENT = [
    "his hand twitched on its own for about two minutes, he is fine now",
    "the health visitor says her head has grown 4cm in a month",
    "her soft spot looks full and tense even when she is calm",
    "red hot swollen skin on his cheek that is spreading",
    "the neighbour's dog bit her arm and broke the skin",
    "he has a hard lump in his belly that I never felt before",
    "drinking loads all day and he's got really thin",
    "4 week old baby is still yellow and his poo is chalky white",
    "the last few days she hasn't kicked her right leg as much as her left",
    "he stopped saying words and doesn't respond to his name anymore",
    "she doesn't sit up like she did two weeks ago",
    "clumsy and wobbly for 2 days now and sick every morning",
]


@pytest.mark.parametrize("text", NEW_URGENT)
def test_new_urgent_signs(text: str) -> None:
    assert triage(text) in ("urgent", "emergency")


#: Blind set 10 found these classes of false alarm; each is a general rule now (written here in
#: other words than the set's): figures of speech, an insect bite on a joint, a short nosebleed,
#: a lost voice, rhythmic head-banging at sleep time, a sleep change, a monitor's false alarm, a
#: low fall, a question about the glass test, history said as "the summer before last" or
#: "at 2", a harmless thing eaten, tripping in new shoes.
ROUND4_FALSE_ALARMS = [
    "he tumbled off the trampoline onto the crash mat and laughed his head off",
    "she keeps choking on her words when she is nervous",
    "we drown his chips in ketchup, is that too much salt",
    "he is strangling his toy dinosaur again, so dramatic",
    "we are seizing the moment and booking swimming lessons",
    "she was out cold after the wedding, slept till 10",
    "mosquito bites on his ankles are swollen and red",
    "nosebleed for 3 minutes after he picked it, stopped now",
    "he lost his voice cheering at the match",
    "she bangs her head against the cot bars rhythmically as she is falling asleep",
    "she used to be a brilliant napper and now she fights every nap",
    "the monitor alarm went off but he had rolled off the sensor pad, false alarm",
    "fell off the lowest rung of the climbing frame, landed on her bum, fine",
    "how do you do the glass test on a rash?",
    "she had a febrile fit the summer before last, fine since",
    "had an anaphylactic reaction to egg at 2, now 5, how do I make a plan for school?",
    "she ate a small piece of chalk, is that ok?",
    "she keeps tripping since we got the new bigger wellies",
]


@pytest.mark.parametrize("text", ROUND4_FALSE_ALARMS)
def test_round4_look_alikes_are_not_escalated(text: str) -> None:
    assert triage(text) not in ("emergency", "urgent")


def test_a_stinging_wee_is_not_a_burn() -> None:
    assert triage("it burns when she wees and she has a temperature") == "urgent"


#: Blind set 10 found these answered too low (in other words than the set's): a counted
#: breathing rate, a vehicle, a cord, fuels, a 3-month-old's fever, an unexplained head bruise
#: in a baby, no response to social cues, a fit after a knock, shaking, chemicals on skin,
#: inhaled food, ketone breath, overdose wordings, a past operation's "as a baby".
ROUND4_EMERGENCIES = [
    "he is breathing about 70 times a minute",
    "her nostrils are flaring with every breath",
    "she got knocked down by a slow car in the school car park",
    "he got caught up in the curtain cord, there is a red line round his neck now",
    "she drank lighter fluid from the shed",
    "3 month old baby with a temperature of 38.2",
    "bruise on her head and no idea how, she is 4 months",
    "fever and he is not smiling or responding to us at all",
    "after he knocked his head on the bath he had a jerky spell",
    "I think the babysitter shook her hard",
    "she splashed drain cleaner on her arm",
    "some popcorn went down the wrong way and now she is wheezing",
    "he took a swig from a bottle in the shed that had white spirit in it",
    "breath smells like pear drops and he keeps being sick",
    "I gave him 5 times the dose of ibuprofen",
    "he ate some powder from his chemistry set and is now vomiting",
    "grey lips, can not get his breath after the park, he had heart surgery as a baby",
    "the soft spot on the top of my baby's head is bulging and she has a fever",
]


@pytest.mark.parametrize("text", ROUND4_EMERGENCIES)
def test_round4_emergency_signs(text: str) -> None:
    assert triage(text) == "emergency"


ROUND4_URGENT = [
    "her breathing rate is about 50 a minute with a cold",
    "tummy pain low on the right, worse when he jumps",
    "she has a fever and it stings when she wees",
    "he has started wetting himself and says his back hurts",
    "her eczema has clusters of punched out sores",
    "since his strep throat he has jerky movements he can not control",
    "he screams when I touch his left leg, no fall",
    "my 3 week old is still yellow and not back to birth weight",
    "she keeps tilting her head and vomits every morning",
    "over the past 2 weeks he is falling over much more",
    "boil on her leg getting bigger and she has a temp",
    "2 month old is not feeding well, only finishing half of each bottle",
    "my 5 week old is sick so forcefully it flies across the room",
    "tummy is swollen and hard and he has not pooed for days, 9 months",
    "his foreskin has swollen up like a balloon",
    "white reflection in her pupil on every flash photo",
    "swelling behind his ear pushing it outwards after an ear infection",
    "his legs have started crossing like scissors",
    "loose motions with blood since this morning",
    "5 month old with 39.4, seems happy and playing",
    "she can not reach her arms over her head anymore, it has got harder every day",
    "hit in the eye with a tennis ball, now his sight is blurry",
    "he has had a temperature on and off and today is day 6",
    "blisters around my baby's eyelid and I have a cold sore",
]


@pytest.mark.parametrize("text", ROUND4_URGENT)
def test_round4_urgent_signs(text: str) -> None:
    assert triage(text) in ("urgent", "emergency")


def test_can_not_reports_a_lost_ability_rather_than_denying_it() -> None:
    assert triage("she can not reach her arms over her head anymore") == "urgent"
    assert triage("he has not had any vomiting, just clumsy") not in ("emergency", "urgent")


def test_a_denial_reaches_only_across_light_words() -> None:
    assert triage("he has not had any vomiting, just clumsy") not in ("emergency", "urgent")
    assert triage("suddenly he can't use his left arm") == "emergency"


def test_doubt_is_not_denial() -> None:
    assert triage("not sure if he swallowed a battery from the remote") == "emergency"


def test_the_childs_age_places_age_bound_signs() -> None:
    """Without the age the rules can only give the safety net; with it they place the sign
    (NICE NG143, NG232), and the learned opinion, which never sees the age, leaves it to them
    (``knowledge.triage._model_may_raise``)."""
    assert rules_level("she has a temperature of 38.4") == "safety_net"
    assert triage("she has a temperature of 38.4", age_months=30) == "safety_net"
    assert triage("she has a temperature of 38.4", age_months=1) == "emergency"
    assert rules_level("she bumped her head on the table and has a lump") == "safety_net"
    assert triage("she bumped her head on the table and has a lump", age_months=20) == (
        "safety_net"
    )
    assert triage("she bumped her head on the table and has a lump", age_months=7) == "emergency"


def test_happening_now_overrides_history() -> None:
    assert triage("had a febrile seizure last year and is having another one now") == "emergency"


def test_emergency_answers_say_what_to_do_while_help_comes() -> None:
    text = advice(assess("he swallowed a button battery"))
    assert "emergency number now" in text
    assert "honey" in text


def test_history_earns_a_calm_note_before_the_safety_net() -> None:
    text = advice(assess("had a febrile seizure last year, fine since"))
    assert text.startswith("From what you describe, this sounds like it has passed")
    assert "Call your emergency number now if" in text


def _triage_rows(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["text"], row["level"]) for row in rows]


#: Round 5 swept the published lists (NICE NG143 red and amber, NG232, NHS and Healthier
#: Together pathways) before seeing a new blind set; one line per sign that was missing.
ROUND5_EMERGENCIES = [
    "his skin stays pinched up when I pinch it and he has had diarrhoea all day",
    "she is cold to touch and floppy",
    "my baby with bronchiolitis keeps pausing in her breathing",
    "she has a fever and a rash of tiny red dots that don't go when I press a glass",
    "her tummy pain suddenly got much worse and her tummy is hard",
    "there's a painful lump in his groin that won't go back in",
    "something sharp went into his eye",
    "fingertip cut off in the car door",
    "he had his first fit just now, it stopped after 2 minutes",
    "she's diabetic and vomiting with tummy pain and breathing deep",
    "my 2 week old's eyes are yellow and he's sleepy and not feeding",
    "she was pulled out of the pool coughing",
    "he has haemophilia and has just banged his head",
    "he is on chemo and has a temperature of 38",
    "my 7 month old is floppy and her eyelids droop and she can hardly suck",
]


@pytest.mark.parametrize("text", ROUND5_EMERGENCIES)
def test_round5_emergency_signs(text: str) -> None:
    assert triage(text) == "emergency"


ROUND5_URGENT = [
    "she has a fever and hasn't smiled at all today",
    "his oxygen was 94 on the pulse oximeter",
    "bronchiolitis and she is taking less than half her feeds",
    "she has been using her blue inhaler every 2 hours today",
    "vomiting for 2 days and can't keep even water down",
    "there is blood in his wee",
    "her tongue is bright red like a strawberry and she has a fever and peeling fingers",
    "she's been in the sun all day, has a headache, dizzy and sick",
    "my 3 day old baby looks yellow",
    "his brother bit him and broke the skin",
    "he was bitten by a bat",
    "my 3 week old has chickenpox spots",
    "his poo is black and sticky like tar",
    "my 4 year old has been saying her back hurts and she has a fever",
]


@pytest.mark.parametrize("text", ROUND5_URGENT)
def test_round5_urgent_signs(text: str) -> None:
    assert triage(text) in ("urgent", "emergency")


#: Look-alikes of round 5's signs, and three false alarms the sweep found in older rules:
#: fingers in the ears were read as an object in the ear, any mention of "sats" as low
#: oxygen, and ducking under the water in a swimming lesson as drowning.
ROUND5_FALSE_ALARMS = [
    "my toddler keeps putting his fingers in his ears when it's loud",
    "his oxygen sats were fine at the check up",
    "he had his first swimming lesson and went under a bit, came up laughing",
    "she had a fever last week and didn't smile much, she's all better now",
    "vanilla extract in the cake, can toddlers eat it?",
    "there's a small soft lump in his groin the GP said is a hernia, booked for surgery",
    "his cut was deep but the nurse glued it yesterday, healing well",
    "my 3 year old loves the colour yellow and draws everything yellow",
    "he says he wants to die when I take his ipad away, in a massive tantrum",
    "her eyelids droop when she is tired at bedtime",
    "He throws a fit every time I put shoes on him. Do shoes affect learning to walk?",
]


@pytest.mark.parametrize("text", ROUND5_FALSE_ALARMS)
def test_round5_look_alikes_are_not_escalated(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


def test_a_babys_age_in_days_is_a_young_baby() -> None:
    assert triage("my 5 day old has a temperature of 38.1") == "emergency"


#: Blind set 11 (read only after it was scored): signs the sweep had not listed, and false
#: alarms from figures of speech, questions and harmless look-alikes.
ROUND5_BLIND_SIGNS = [
    ("me and both kids have headaches and feel dizzy and sick, the boiler is broken", "emergency"),
    ("eyelid swollen and red with a fever and it hurts him to move his eye", "emergency"),
    ("high fever, drooling, can not swallow and her voice is muffled", "emergency"),
    ("after the head injury she is not moving her left side properly", "emergency"),
    ("his tummy is rock hard and he screams when I touch it", "emergency"),
    ("the baby has not passed urine since this morning and is very dull", "emergency"),
    ("she fell through the ice on the pond and has stopped shivering", "emergency"),
    ("one of her pupils is suddenly bigger than the other", "urgent"),
    ("he cut his thumb on a knife and can not bend it now", "urgent"),
    ("coughing fits that end in a whoop", "urgent"),
    ("he knocked out an adult tooth at football", "urgent"),
    ("stepped on a rusty nail and he has not had his jabs", "urgent"),
    ("a red line is spreading up his arm from the cut", "urgent"),
    ("my 10 day old has red swollen sticky eyes", "urgent"),
    ("my teenager on the pill has a swollen painful calf", "urgent"),
]


@pytest.mark.parametrize(("text", "level"), ROUND5_BLIND_SIGNS)
def test_round5_blind_set_signs(text: str, level: str) -> None:
    assert triage(text) == level


ROUND5_BLIND_FALSE_ALARMS = [
    "any first aid classes on choking near us?",
    "he nearly choked on laughter at the film",
    "we did a toy seizure after the tantrum",
    "she burned through her pocket money already",
    "he is going to pass out from excitement",
    "I can not breathe in these jeans, says my teenager",
    "should we buy a stair gate to prevent falls?",
    "newborn breathing pauses for a few seconds then speeds up, pink and feeding well",
    "my 4 week old grunts in his sleep but feeds fine",
    "toes a bit crooked like his dad's, walks fine",
    "the coin he swallowed came out in his nappy, all good",
    "he ate a bit of a silica gel packet",
    "the cut on his knee is not deep, just a graze",
    "my son with CP is much stiffer in the winter",
    "she has a sore throat and it hurts to swallow, temp 38",
    "one pupil has always been bigger than the other",
    "he whooped with joy when he scored",
    "his neck hurts after he fell asleep in the car",
    "The paper keeps sliding around when my son draws because he doesn't hold it down with "
    "his other hand. Any tricks?",
]


@pytest.mark.parametrize("text", ROUND5_BLIND_FALSE_ALARMS)
def test_round5_blind_look_alikes_are_not_escalated(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


#: A question wrapped around a sign the message also tells as the child's condition, in a
#: clause of its own: the question must not stand that sign down (these got the safety net).
QUESTIONS_AROUND_PRESENT_SIGNS = [
    "how do I know if the rash is meningitis? it does not fade under the glass and he is hot",
    "how do i know if its meningitis, rash doesnt fade with glass and hes hot",
    "what does it mean if spots dont fade when pressed? my son has them and a fever",
    "how do I know if its asthma? he is wheezing and his lips are blue",
    "how do you spot breathing problems? she is struggling to breathe and her ribs suck in",
    "what does cyanosis look like? her lips look blue",
    "what does a seizure look like? she is jerking all over and wont respond",
    "what does a seizure look like? its been going on for 6 minutes and she is still shaking",
    "how do i know if its a seizure, he is stiff and jerking and will not wake up",
    "how do i know if the seizure is over? she is still jerking and her lips are blue",
    "how do I know if it is dangerous? he swallowed a button battery from the remote",
    "how do i know if its a concussion? he hit his head and has vomited three times",
    "how do i know if its a concussion? he banged his head on the tiles and is really drowsy",
    "how do i know if it is serious. she fell from the top bunk and hit her head, now she "
    "keeps vomiting",
    "how can I tell if hes choking, he cant breathe or cry",
]


@pytest.mark.parametrize("text", QUESTIONS_AROUND_PRESENT_SIGNS)
def test_a_question_does_not_stand_down_a_sign_told_as_present(text: str) -> None:
    assert triage(text) == "emergency"


def test_a_question_about_a_sign_the_child_has_is_still_answered() -> None:
    """Already an emergency before: the told clause reaches back to the question's battery."""
    assert triage("can a battery hurt him? he swallowed one") == "emergency"


#: Questions for information, some with a clause about the child that tells no sign: calm.
INFORMATION_QUESTIONS = [
    "just asking, what are signs of meningitis",
    "should I be worried for mine if her friend had a febrile seizure",
    "what does a seizure look like",
    "how do I know if my baby is choking, just want to be prepared",
    "what should I do if he ever swallows a battery",
    "how do I know if a rash is serious? what if it doesnt fade under a glass",
    "what should I do if she has a fever and a rash that doesnt fade, in case it ever happens",
    "how would I know if he hit his head badly, he climbs everything",
    "what happens if a child swallows a magnet? she is 3 and puts everything in her mouth",
    "how do I know if my son is having a seizure or just a shiver? he is 14 months",
    "what to look out for after a bump on the head? he is 2 and very active",
    "what if he swallows a battery, he is always into the remote",
    "what should I do if her lips go blue? she has asthma and I want to be prepared",
    "how can I tell if my baby is struggling to breathe? she is 4 months and has a cold",
    "the monitor alarm went off but he had rolled off the sensor pad, false alarm",
    "what if he swallows a magnet, he has magnets on the fridge",
    "what if he has an allergic reaction to peanuts? he had a little rash after egg once",
    "what does a seizure look like? my nephew had one today",
    "how do I know if she is having a fit? her cousin has them",
    # "what does X look like" with X in several words (was an emergency: only one word fit)
    "what does a febrile seizure look like",
    "what does a rash that doesnt fade look like",
    "what do the first signs of sepsis look like in a baby",
]


@pytest.mark.parametrize("text", INFORMATION_QUESTIONS)
def test_information_questions_stay_calm(text: str) -> None:
    assert triage(text) not in ("emergency", "urgent")


def test_points_inside_numbers_and_abbreviations_do_not_end_a_clause() -> None:
    """Clauses are normalised one by one: "3 y.o." and "3.5 years" must stay ages."""
    assert triage_text("my 3 y.o. fell about 1.5m, he is 3.5 years") == (
        "my 36 months fell about 1 5 metres he is 42 months"
    )


#: Issue 10's targets: emergency recall, urgent recall, emergency and urgent on ordinary rows.
TARGETS = (1.0, 0.95, 0.0, 0.02)
#: The held-out set's floors: issue 10's targets, and no false urgent answer (0 of 113 since
#: round 17). Urgent recall is 0.982 (56 of 57) since the blind sets Y-AC of 2 December (0.947
#: before); emergency recall 1.0 (108 of 108), one row of it through the nearest examples only
#: (docs/benchmarks.md, "Safety triage", for the caveats: two urgent rows read by mistake, and a
#: breathing set commissioned after a retraining moved that row).
HELD_OUT_FLOORS = (1.0, 0.95, 0.0, 0.0)
#: Ordinary tuning rows answered as emergencies on purpose (blind triage set t43, session 43):
#: each was mended, and a paediatric review found the same words in real dangers (a child
#: quoted saying "I'm going to pass out", "collapsed on the sofa after football, grey and
#: sweaty", "temp 37.8 and a stiff neck"), so the mends were taken out (docs/benchmarks.md,
#: "Blind triage set t43"). Issue 10's "no emergency on an ordinary row" is met by every other
#: row; a new over-call still fails.
SAFER_ON_PURPOSE = frozenset(
    {
        "Feel like I'm going to pass out from tiredness lol, baby 4 months wakes every 2h. when "
        "do they sleep through",
        "he's 9 and obsessed with his game, when I take it off him you'd think he was having a "
        "seizure lol. ideas for getting him outside more?",
        "Collapsed on the sofa after the birthday party lol, he's out cold. Is it ok to let a "
        "5yo nap at 4pm or will he be up all night?",
        "temp 37.8 the day after his jabs, 4 months, drinking fine, a bit sleepier than usual",
        # Blind set r31b (session 54): the same "out cold on the sofa" as above.
        "passed out cold on the sofa after swimming lessons bless him. 4yo. is swimming good for "
        "coordination?",
    }
)


@pytest.mark.parametrize(
    ("name", "floors"), [("triage_dev.tsv", TARGETS), ("triage_heldout.tsv", HELD_OUT_FLOORS)]
)
def test_triage_floors(name: str, floors: tuple[float, float, float, float]) -> None:
    """Issue 10's targets on the tuning set; the measured floors on the held-out set (never
    tuned on). Only counts are compared: a failure must not print held-out rows."""
    rows = [row for row in _triage_rows(DEV_SET.with_name(name)) if row[0] not in SAFER_ON_PURPOSE]
    answered = {level: [triage(t) for t, want in rows if want == level] for level in LEVELS}
    emergency, urgent, ordinary = (answered[level] for level in LEVELS)
    assert len(emergency) >= 80
    assert len(urgent) >= 40
    assert len(ordinary) >= 80
    recall, urgent_recall, false_emergency, false_urgent = floors
    assert emergency.count("emergency") >= recall * len(emergency)
    assert sum(a in ("urgent", "emergency") for a in urgent) >= urgent_recall * len(urgent)
    assert ordinary.count("emergency") <= false_emergency * len(ordinary)
    assert ordinary.count("urgent") <= false_urgent * len(ordinary)


#: A pediatrician's review found these answered too low: a known condition or a recovery
#: must never stand down an event happening now, and first aid for choking always needs care.
CLINICAL_REVIEW = [
    "history of asthma, his inhaler is not helping and his lips look blue",
    "diagnosed with epilepsy, seizure lasting 10 minutes",
    "she is fitting, she has had febrile seizures before",
    "nut allergy, history of anaphylaxis, his lips are swelling",
    "had to do back blows and abdominal thrusts, he coughed it out, seems fine",
    "deep cut on his leg, bleeding stopped",
    "she could not use her right arm for 30 minutes, back to normal now",
    "he can not walk, back pain, and he wet himself",
    "legs getting weaker and now trouble swallowing",
    "he swallowed an open safety pin",
    "hives and vomiting after a bee sting",
    "VP shunt, vomiting and bad headache",
    "no wet nappy for 12 hours and very sleepy",
]


@pytest.mark.parametrize("text", CLINICAL_REVIEW)
def test_clinical_review_cases_are_emergencies(text: str) -> None:
    assert triage(text) == "emergency"


#: Ordinary motor worries the matching tuning set found escalated: a known condition being
#: managed, a doctor's check that found nothing, a baby not yet bearing weight when held up to
#: stand, a new walker's wide gait, a preferred or "helper" hand, the growing-pains pattern
#: (both legs, after activity), a child compared with a sibling, a grip posture, falling as a
#: habit (clumsiness, not an injury).
MOTOR_LOOK_ALIKES = [
    "What's a \"helper hand\"? The OT kept saying my son doesn't use his helper hand when he's "
    "cutting or drawing",
    "My 9 month old only reaches for toys with her right hand, she hardly uses the left one at "
    "all. Isn't it too early for handedness?",
    "son not using right hand much, only left hand, 8 month",
    "my 10 month old doesn't bear weight on his legs when I hold him up to stand, he just pulls "
    "his legs up. should he be standing by now?",
    "8 month old doesnt bear weight on legs at all, just folds them up",
    "she wont put weight on her legs or pull to stand at 1",
    "toddler walks with his legs wide apart and arms up high, 14 months, just started. normal?",
    "walks with his arms up high like a little zombie, legs wide apart, really wobbly. he only "
    "started 3 weeks ago",
    "son (5) diagnosed with juvenile arthritis in his knee, limps a bit and doesn't want to run. "
    "will it affect his development?",
    "arvo walks with my 3 yr old end in tears, she says her legs hurt and wants to be carried",
    "my 4 yr old refuses to walk anywhere, says his legs hurt, and wants carrying. he's had the "
    "GP check and nothing's wrong. could it be weak muscles?",
    "My daughter is 3 and seems much clumsier than her older brother was at the same age.",
    "she switches between holding crayons in a fist and this weird overhand thing where her "
    "wrist is bent right round",
    "my child 2 year not walk properly, always fall down",
]


@pytest.mark.parametrize("text", MOTOR_LOOK_ALIKES)
def test_long_standing_motor_patterns_are_not_escalated(text: str) -> None:
    assert triage(text) == "concern"


def test_task_and_tantrum_words_are_not_danger_words() -> None:
    """Tired from a task is effort, a tantrum's head-banging is behaviour, a rash that creams
    do not clear is not a glass test: none earns an escalation, the first two not even the
    safety net."""
    assert triage("he gets really tired when writing, his hand hurts after a few lines") == (
        "concern"
    )
    assert triage("my toddler bangs his head on the floor when he's having a tantrum") == (
        "concern"
    )
    assert triage("nappy rash that won't go away even with cream") == "safety_net"


#: Their dangerous look-alikes: a new or sudden change, one side with a limp, a fever, an
#: injury or a lost skill still answer the same day or sooner, whatever else the message says.
MOTOR_DANGER_LOOK_ALIKES = [
    "she suddenly can't use her left arm",
    "since yesterday he doesn't use his left hand, he is 1",
    "the OT mentioned his helper hand, but since this morning he won't move that arm",
    "he has JIA and now he limps and has a temperature",
    "my son has JIA and his knee is hot and swollen",
    "diagnosed with cerebral palsy, suddenly can't move his right leg",
    "her legs hurt at night and she limps on her right leg",
    "she says her legs hurt at night, won't walk and has a temperature",
    "my 10 month old won't bear weight on her left leg since she fell off the sofa",
    "she was pulling to stand but now she won't put weight on her legs",
    "toddler walks with his legs wide apart since yesterday and keeps falling",
    "he only started walking 3 weeks ago and now he is limping",
    "he holds his pencil oddly and fell off the slide onto his wrist, now it is bent and swollen",
    "he only uses his right arm, the left just hangs there",
    "he always falls and today he fell off the slide and can not walk",
]


@pytest.mark.parametrize("text", MOTOR_DANGER_LOOK_ALIKES)
def test_new_one_sided_febrile_or_lost_motor_signs_stay_escalated(text: str) -> None:
    assert triage(text) in ("urgent", "emergency")


def test_he_d_is_he_had_not_head() -> None:
    """The text-speak map turned "he'd" (apostrophe dropped: "hed") into "head", so "thought
    he'd swallowed a magnet" read as a head injury word; "he'd" is "he had"."""
    assert triage_text("thought he'd swallowed a magnet") == "thought he had swallowed a magnet"
    assert triage_text("she\u2019d hit her head") == "she had hit her head"


#: Round 6 (the sweep before blind set 12, then its misses): a sign of each kind per line.
ROUND6_SIGNS = [
    ("he has adrenal insufficiency and is vomiting, can't keep his tablets down", "emergency"),
    ("her blood sugar is 2.8 and she's shaky and confused", "emergency"),
    ("son with sickle cell, 10, has had an erection that won't go down for 3 hours", "emergency"),
    ("my 13yo son has written a goodbye note", "emergency"),
    (
        "his foreskin got pulled back and now it's stuck, the end is swollen and purple",
        "emergency",
    ),
    ("fish hook went into her eyelid right by the eye", "emergency"),
    ("my son swallowed a batter he from the remote, the flat round one", "emergency"),
    ("after falling from the swing he can't move his neck", "emergency"),
    (
        "eyelid really swollen and red, he can't open the eye and it hurts to move it, fever",
        "emergency",
    ),
    ("sickle cell crisis, pain in his legs not helped by calpol", "urgent"),
    ("the wound from his operation is red, hot and oozing", "urgent"),
    (
        "my 12 year old has had a sore knee for 3 weeks and now walks with his foot turned out",
        "urgent",
    ),
    (
        "my 7mo was in the waiting room with a child who had measles, she's not vaccinated yet",
        "urgent",
    ),
    ("my son has a PEG tube and it fell out an hour ago", "urgent"),
    ("found cuts on my 13 year old's arm, not deep, she says she did it herself", "urgent"),
    ("my baby has had no wet nappies since yesterday morning", "urgent"),
]


@pytest.mark.parametrize(("text", "level"), ROUND6_SIGNS)
def test_round6_signs(text: str, level: str) -> None:
    assert triage(text) == level


#: Round 6 look-alikes: figures of speech, questions, history, normal progress, benign causes.
ROUND6_FALSE_ALARMS = [
    "my baby's nappy was dry after a nap but he's had 6 wet ones today",
    "his eyes are a bit puffy in the morning from crying",
    "my toddler is a choking hazard magnet, everything goes in his mouth, should I worry",
    "she screamed blue murder when I took her tablet away",
    "my son took two calpol doses 4 hours apart",
    "she cannot breathe a word of it to her brother, it's a surprise",
    "if she swallows a button battery what happens",
    "she used to have bad asthma attacks but not since she was 3",
    "he stopped walking on his tiptoes after physio",
    "temp 38.6 in my 4 year old with a sore throat, drinking fine, calpol helps",
    "swallowed some pool water at swimming and coughed for a few seconds, playing normally since",
    "fell off his scooter, blood everywhere from both knees but it's just grazes",
    "just wanted to say the seizure medication is working brilliantly, no fits in 6 months",
    "she 'fainted' dramatically onto the sofa when I said no more sweets",
    "her hand went numb and tingly after she sat on it, gone after a minute",
    "potty training has regressed since the baby arrived, she was dry for weeks",
]


@pytest.mark.parametrize("text", ROUND6_FALSE_ALARMS)
def test_round6_look_alikes_are_not_escalated(text: str) -> None:
    assert rules_level(text) in ("concern", "safety_net")


#: Round 7, ordinary motor and speech worries the matcher's sets found escalated, each by a
#: mechanism: "grunts" as the child's way to ask, a playground seesaw read as see-saw
#: breathing, a stammer's blocks read as lost speech or a blocked airway, a gait told with no
#: time word, pain, injury or side, "scissors" read as scissoring legs, and a skill rusty after
#: a break read as regression.
ROUND7_MOTOR_LOOK_ALIKES = [
    "he points at everything and grunts instead of talking, he's 2, should we see a speech "
    "therapist",
    "she points at everything and grunts",
    "my son is scared of the swings and seesaw at the park",
    "my 3yo stammers, he gets stuck on the first sound and can't get his words out",
    "she has a stammer, she repeats the first sound and sometimes gets stuck and can't speak",
    "he has a stammer, he sort of chokes on the first word",
    "at what age should a toddler be able to run? mine sort of fast-walks stiffly",
    "her scissor skills have gone backwards over the christmas holidays",
    "she started using scissors recently, how do I help her cut along a line",
]


@pytest.mark.parametrize("text", ROUND7_MOTOR_LOOK_ALIKES)
def test_round7_motor_and_speech_look_alikes_are_not_danger(text: str) -> None:
    assert triage(text) == "concern"


#: Their dangerous neighbours keep their level.
ROUND7_MOTOR_DANGER = [
    ("baby is grunting with every breath and her ribs are sucking in", "emergency"),
    ("my baby's breathing looks like her belly is see-sawing, she's 4 weeks old", "emergency"),
    ("he suddenly started stammering and can't get his words out", "emergency"),
    ("he has a stammer, today he fell and hit his head and now can't speak", "emergency"),
    ("her legs have started crossing like scissors, she goes stiff when I change her", "urgent"),
    ("she has lost a skill, she can't hold a spoon anymore", "urgent"),
    ("my son walks funny since yesterday and says his leg hurts", "urgent"),
]


@pytest.mark.parametrize(("text", "level"), ROUND7_MOTOR_DANGER)
def test_round7_dangerous_neighbours_keep_their_level(text: str, level: str) -> None:
    assert triage(text) == level


#: Round 7 clinical review: a child with diabetes who cannot keep fluids down, vomits again
#: and again or has ketones of 3 or more (NHS DKA, ISPAD 2022); a reliever that is not
#: helping (NHS asthma attacks: 10 puffs, then 999); a swollen eyelid with reduced or double
#: vision (orbital cellulitis, NICE NG141). Their same-day neighbours stay same-day.
ROUND7_CLINICAL_REVIEW = [
    ("type 1 diabetic, tummy bug, can't keep fluids down", "emergency"),
    ("she has diabetes and has been sick 6 times, can't even keep water down", "emergency"),
    ("her ketones are 3.4 and she's type 1", "emergency"),
    ("ketones 0.8 on the meter, she's type 1", "urgent"),
    # The clinical review (ISPAD 2022, NHS DKA): any vomiting with diabetes is an emergency.
    ("diabetic son has been vomiting since this morning", "emergency"),
    ("gave him his blue inhaler but he's no better", "emergency"),
    ("his inhaler hasn't helped, he's still coughing and wheezy", "emergency"),
    ("he's had 4 puffs of ventolin and it isn't working", "emergency"),
    ("she has been using her blue inhaler every 2 hours today", "urgent"),
    ("red swollen eyelid with fever and his vision is blurry", "emergency"),
    ("swollen red eyelid, fever and he says he sees double", "emergency"),
    ("her eye is swollen shut and she has a temperature", "emergency"),
    (
        "his eyelid is red and swollen and he has a fever, the eye opens and he looks around fine",
        "urgent",
    ),
]


@pytest.mark.parametrize(("text", "level"), ROUND7_CLINICAL_REVIEW)
def test_round7_clinical_review(text: str, level: str) -> None:
    assert triage(text) == level


#: Blind set 13 (round 7): a sign of each kind it found missing, and its false alarms.
ROUND7_BLIND_SIGNS = [
    ("slipped off the towpath into the canal, pulled out after a minute or two", "emergency"),
    ("10 month old pulled the TV over on himself, now sleepy and vomiting", "emergency"),
    ("the quad bike rolled over on top of my 11 yo", "emergency"),
    (
        "ate kiwi for the first time, tongue is getting fat and he's struggling to talk",
        "emergency",
    ),
    ("she's been saving up pills and knows exactly how she's going to end her life", "emergency"),
    ("fell onto a garden cane and it went into his eye", "emergency"),
    ("4 month old, had honey on her dummy, now weak, not sucking, floppy head", "emergency"),
    ("toddler tripped and fell hands first into the open fire", "emergency"),
    ("4yo drank most of a bottle of crocin syrup while I was bathing", "emergency"),
    ("sudden back pain and now his legs are weak", "emergency"),
    (
        "found my baby half under me after co-sleeping, she is breathing but floppy and pale",
        "emergency",
    ),
    ("hez nt breathin proply cnt talk lips going dark 7yo asthma", "emergency"),
    ("dived into the shallow end and hit his head, now his arms are tingling", "emergency"),
    ("bruises on my 5 month old's arm and ear, he doesn't roll yet, no idea how", "urgent"),
    ("throat so sore she cant eat, only taking tiny sips, 6yo", "urgent"),
    ("cold sore right next to his eye and the eye is red and watering", "urgent"),
    ("punched his brother in the mouth and split his knuckle on a tooth", "urgent"),
    ("keeps dropping things from his right hand the last few days, 6yo", "urgent"),
    (
        "just got back from visiting family in Nigeria and she has a high fever and shivers",
        "urgent",
    ),
    ("fishhook in his finger, barb is in", "urgent"),
    ("vision suddenly blurry in one eye, 10 yo, no pain", "urgent"),
    ("my 10 year old keeps saying he wishes he was dead", "urgent"),
    ("stood on a nail that went through his shoe into his foot", "urgent"),
    (
        "18 month old had about 10 words and over the last few weeks stopped saying any of them",
        "urgent",
    ),
    ("found cuts on her arms, she says she does it when stressed", "urgent"),
    ("bronchiolitis, 5 month old, only taking half her feeds", "urgent"),
    ("first time wheezing, 2yo, after a cold, breathing a bit harder, still playing", "urgent"),
    ("8yo whites of the eyes are yellow and he's very tired and off food", "urgent"),
    ("slipped on the bike and landed on the crossbar, bleeding from down below", "urgent"),
    ("stray dog scratched my son's leg and broke the skin, we are in Delhi", "urgent"),
    ("fell and her baby tooth got pushed up into the gum", "urgent"),
    ("2 month old, vomiting and diarrhoea since this morning", "urgent"),
    ("pulling at his ear fever 3 days not getting better with calpol, 1yo", "urgent"),
    ("started lamotrigine a couple weeks ago and now has a rash", "urgent"),
    ("baby 3 weeks, one breast swollen red and hot", "urgent"),
]


@pytest.mark.parametrize(("text", "level"), ROUND7_BLIND_SIGNS)
def test_round7_blind_signs(text: str, level: str) -> None:
    assert triage(text) == level


ROUND7_BLIND_FALSE_ALARMS = [
    "squeaky breathing when she feeds since birth, the ENT said it's floppy larynx",
    "lips went a bit blue in the outdoor pool, wrapped him in a towel and he's pink now",
    "her brother bit her arm, teeth marks but the skin isn't broken",
    "she says her legs are broken after our long walk and wants carrying everywhere",
    "baby stoped feeding at night, sleeps thru 7 to 6, is that ok at 7 months",
    "laughed so hard at the puppy he couldnt breathe for a sec then kept giggling",
    "gags on lumpy food and brings it forward, never actually chokes, 8 months",
    "she has a snotty cold and a blotchy rash, I did the glass test and it all fades",
    "a boy in my son's class had a seizure at school, how do I explain it to my 6 year old",
    "his new school shoes rub and he's limping a bit because of a blister on the heel",
    "used to roll everywhere to get around, now she crawls instead",
    "my daughter stopped crawling, is that bad?? she walks everywhere now lol",
    "newborn girl, tiny spot of blood in her nappy on day 5, midwife said its from my hormones",
    "temp 38.2 in my 2 year old, drinking well, running round, had some calpol",
    "licked a 9 volt battery to see if it tingles, said it did, he's fine",
    "goes completely floppy like a rag doll whenever it's time to leave the park",
    "x-ray was clear after her fall, doctor said just a bruise, still sore but walking on it",
    "she choked a little on her water an hour ago, coughed it up in seconds, totally fine",
    "high fever for 3 days then it went and now a pink rash, he's back to his happy self",
    "newborn breathing goes fast then pauses for a few seconds, stays pink, is this normal",
    "leaned on the warm radiator and has a faint red mark, no blister, fading already",
]


@pytest.mark.parametrize("text", ROUND7_BLIND_FALSE_ALARMS)
def test_round7_blind_look_alikes_are_not_escalated(text: str) -> None:
    assert triage(text) in ("concern", "safety_net")


#: The new stand-downs keep their dangerous neighbours.
ROUND7_STAND_DOWN_NEIGHBOURS = [
    "he goes floppy when we try to wake him and he is hot",
    "she says her legs are broken after the fall and she won't stand",
    "I did the glass test and it does not fade",
    "he drank bleach, he is drinking well now",
    "laughing so hard he couldn't breathe and now his lips are blue",
    "he was pulled out of the pool, his lips are blue",
    "toddler won't walk since yesterday after jumping off the sofa, keeps crawling instead",
    "wakes at night saying leg hurts and limps in the morning",
    "he was walking fine, now after his cold he walks like he's on a boat",
]


@pytest.mark.parametrize("text", ROUND7_STAND_DOWN_NEIGHBOURS)
def test_round7_stand_downs_keep_dangerous_neighbours(text: str) -> None:
    assert triage(text) in ("urgent", "emergency")


#: Round 7's first cut of step C read these wrongly (probed after commit); each rule was
#: narrowed: "a period of" time is not a period, a limp with back pain is not weak legs, a cake
#: put in the oven and tea spilled on the carpet are not burns, a blister from sandals on a hot
#: day is not a burn, a coat hook is not a fish hook, yellow clothes are not jaundice, a child
#: lifted out of a cot was not in water, and one who climbed straight out of a pond laughing
#: was not under it.
ROUND7_NARROWED = [
    ("for a period of 2 hours he screamed in bouts and there's blood in his poo", "emergency"),
    ("she suddenly has back pain and is limping", "urgent"),
    ("we put the cake in the oven and he fell over", "concern"),
    ("hot day, she got a blister on her heel from new sandals", "concern"),
    ("she spilled her tea on the carpet", "concern"),
    ("the coat hook in the hallway fell on him", "concern"),
    ("she is wearing yellow and has a fever", "safety_net"),
    ("got him out of his cot this morning, he was sick", "safety_net"),
    ("she fell in the pond at the farm but climbed straight out laughing", "safety_net"),
    ("slipped into the pond, we pulled her out after a minute, she is coughing", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), ROUND7_NARROWED)
def test_round7_narrowed_rules(text: str, level: str) -> None:
    assert rules_level(text) == level


#: Round 8 (blind set 14): signs each read through a general mechanism, in wordings other than
#: the blind set's: a stiff painful penis in sickle cell, a road crash with a seatbelt mark, a
#: leg bent out of shape, a young baby with a weak cry and pallor, legs suddenly too weak to
#: stand with tingling, too breathless to finish a sentence, a disclosure with the person
#: outside, a swallowed fish hook, a medicine patch on the skin, a dent in the head, cold
#: exposure with drowsiness, a collision with tummy pain and pallor; same-day: something
#: broken off in the skin, a draining ear with fever, barely swallowing water with a sore
#: throat, an adult tooth lost, a newborn's weight loss as a percentage, little wee in a tummy
#: bug, a scratched or gritty eye, glue on the eye, a crying baby not like themselves, a
#: disclosure of touching.
ROUND8_BLIND_SIGNS = [
    (
        "my son has sickle cell and his willy has been hard and sore since this morning",
        "emergency",
    ),
    (
        "we were in a car accident on the way home, she has a bruise from the seatbelt across "
        "her tummy",
        "emergency",
    ),
    ("5 week old with a weak cry, very pale, hasn't fed since the morning", "emergency"),
    (
        "yesterday he was fine, this morning his legs are weak, he can't stand and his feet feel "
        "tingly",
        "emergency",
    ),
    ("she has a bad cough and is so out of breath she stops mid sentence", "emergency"),
    (
        "my daughter says her stepdad hurt her and he is hanging around outside the house",
        "emergency",
    ),
    ("toddler swallowed a fish hook from the tackle box", "emergency"),
    ("found a nicotine patch stuck to my toddler's arm", "emergency"),
    (
        "the baby was dropped onto the kitchen floor and now there is a dent in her head",
        "emergency",
    ),
    ("crashed his bike into a wall, now his tummy hurts and he is very pale", "emergency"),
    ("a bit of wood broke off in his palm when he fell", "urgent"),
    ("yellow stuff draining from her ear and a high temperature", "urgent"),
    ("his throat is so sore he can barely swallow any water", "urgent"),
    ("lost an adult tooth at football, we have it in milk", "urgent"),
    ("the midwife weighed him on day 5 and he has lost 11 percent", "urgent"),
    ("tummy bug and she is weeing very little today, 7 years", "urgent"),
    ("the dog swiped my son's eye with its claw, the eye is red and streaming", "urgent"),
    ("sand in his eye, we flushed it but he still says it is gritty and sore", "urgent"),
    ("she glued her eyelids together with nail glue", "urgent"),
    ("baby won't stop crying since lunchtime, not like him at all", "urgent"),
    ("she says a girl at her club keeps touching her, she is home with me now", "urgent"),
]


@pytest.mark.parametrize(("text", "level"), ROUND8_BLIND_SIGNS)
def test_round8_blind_signs(text: str, level: str) -> None:
    assert triage(text) == level


#: Round 8's stand-downs: a number of weeks after "for" or "since" is a duration, not a young
#: baby's age; "used to have" is the past, not a lost skill; hormones told as the cause of a
#: newborn's bleed; a tongue burnt a little on hot food; bath water swallowed while playing; a
#: faint in a play; dozing off in front of the telly; glow-stick liquid rinsed off the lips; a
#: sticky eye whose white is not red; "is that choking?" asked about gagging.
ROUND8_LOOK_ALIKES = [
    "my 5 year old has been off his food for 2 weeks but is playing and drinking fine",
    "he used to have febrile convulsions but has grown out of them, he is 7 now",
    "burnt her tongue slightly on hot soup, fine now",
    "he swallowed some bath water while splashing",
    "in the school play she was a princess who fainted",
    "he passed out in front of the telly at 7pm, he was shattered",
    "sticky eye, the white of the eye is not red, 2 weeks old",
    "she gags on mashed banana, is that choking?",
    "he chewed a glow stick and got some on his lips, we rinsed it off",
]


@pytest.mark.parametrize("text", ROUND8_LOOK_ALIKES)
def test_round8_look_alikes_are_not_escalated(text: str) -> None:
    assert triage(text) in ("concern", "safety_net")


#: ...and their dangerous neighbours keep their level.
ROUND8_NEIGHBOURS = [
    ("is that choking? he can't breathe and his lips are blue", "emergency"),
    ("my 2 week old has sticky red eyes", "urgent"),
    ("swallowed a lot of pool water and is now coughing and breathing really fast", "emergency"),
    ("she screams in her sleep and now we can't wake her", "emergency"),
    ("blue lips after the cold sea and now she is confused", "emergency"),
    (
        "burnt his tongue and mouth on the kettle steam, now drooling and can't swallow",
        "emergency",
    ),
    # Session 40: an arm out of shape is the emergency department (deformed_arm_or_leg).
    ("his wrist looks a bit bent after falling off his scooter", "emergency"),
    ("his finger looks a bit bent after falling off his scooter", "urgent"),
    ("bit into a glow stick and swallowed some, now coughing and retching", "emergency"),
    ("fell off the climbing frame and his leg is at a funny angle below the knee", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), ROUND8_NEIGHBOURS)
def test_round8_dangerous_neighbours_keep_their_level(text: str, level: str) -> None:
    assert triage(text) == level


@pytest.mark.parametrize("text", ["1", "¹", "²", "12", "!!", "?"])
def test_a_message_without_words_gets_the_rules_alone(text: str) -> None:
    """A lone number typed at a prompt was answered urgent by the nearest examples, which for
    "1" are ages and temperatures ("4 months and 39.1"): there is nothing for them to read."""
    assert triage(text) == "concern"
