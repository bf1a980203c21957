"""Round 9 (blind set triage9): same-day signs as concepts with many surface forms, and the
figures of speech and benign explanations that stand them down. Rules alone (no examples'
second opinion), so each case tests a mechanism of ``danger_signs.yaml``, not a neighbour."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

ROUND9_EMERGENCIES = [
    # NICE NG127: a new squint with headache or vomiting goes to hospital at once.
    "he has been getting headaches all week and now one eye has started turning out",
    # A colour change told as "bluer than usual" is a colour change.
    "my heart baby looks bluer round the mouth than usual today",
]


@pytest.mark.parametrize("text", ROUND9_EMERGENCIES)
def test_round9_emergency_signs(text: str) -> None:
    assert rules_level(text) == "emergency"


ROUND9_URGENT = [
    "the skin around his PICC line is red and leaking",
    "since her tonsils out op the wound at the back smells and is oozing",
    "my daughter got scratched in the eye by the cat and it keeps streaming",
    "there is blood sitting in the bottom of the coloured part of his eye after the ball hit it",
    "her eye has gone really red and she says light makes it worse",
    "my toddler got nail glue on her eyelashes",
    "in the flash photos one of his pupils glows white",
    "the redness on his eyelid is spreading down his cheek",
    "his eczema has gone weepy and crusty yellow round his mouth",
    "the red patch on her arm is hot to the touch and spreading",
    "his face is swollen on one side from a rotten tooth",
    "pus and blood running out of her ear after a night of earache",
    "there is a hard lump in his armpit, about 2 cm",
    "a lump on her thigh that wasn't there last week",
    "streaks of blood in the poo of my 6 week old",
    "green smelly discharge in my 5 year old's knickers",
    "my 13 year old says she hears voices telling her she is bad",
    "she keeps saying she is fat, hardly eating for weeks and she fainted at school",
    "he has barely eaten for 4 days and is hardly drinking",
    "it burns when he pees and he's going every ten minutes",
    "he pushed his foreskin back in the bath and now it is stuck and swelling",
    "bumped his head on the swing two days ago and still has a headache and feels dizzy",
    "the bridge of her nose looks crooked since she was hit with the bat",
    "there's still a bit of glass stuck in his hand from the broken cup",
    "chipped her adult front tooth and it is really sensitive with a red spot",
    "my daughter with CF has a fever and more coughing",
    "my son has a hole in his heart and he gets sweaty when he feeds",
    "nephrotic relapse, his legs are swollen again",
    "his blood sugars have been above 18 all day, type 1",
    "her knee has blown up and she won't bend it",
    "she could walk up the stairs on her own and now she won't try",
    "temperature 38.6 and she cries whenever we pick her up",
    "tummy bug since yesterday and now he is very sleepy",
    "a tick bite on his arm now has a red circle spreading round it",
    "capillary check: it took 4 seconds for the colour to come back, and she has a temperature",
    "his temp has gone up and down for 6 days now",
    "my 3 week old is losing weight",
    "bruises on her cheek and she is only 3 months",
    "her soft spot looks sunken and she has had diarrhoea",
    "she was dry at night for a year but now wetting again and always thirsty",
    "her impetigo keeps spreading despite the cream",
    "it is the sixth day of his fever",
    "the skin over her shin is hot, red and swollen",
    "his eye is red and things look blurry out of it",
    "my 12 day old has yellow gunk coming from both eyes",
    "his chickenpox spots look infected and are oozing",
    "her knee is sore and she screams when we lift her",
]


@pytest.mark.parametrize("text", ROUND9_URGENT)
def test_round9_urgent_signs(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


ROUND9_CALM = [
    "her baby tooth got knocked out at the park, the bleeding stopped quickly",
    "he has been seizure free for three years, can he do judo?",
    "my 5 week old had a temp of 37.2 this morning, feeding well",
    "his arm is a bit red and swollen at the injection site after his jabs, no fever",
    "the lump where she had her injection is hard and small, not red",
    "my baby girl is 4 days old and has a little blood from her vagina in her nappy",
    "she breathes with little pauses in her sleep then a few faster breaths, pink all the time",
    "touched the oven door, a red mark on his finger, no blister",
    "bitten by a mosquito on his eyelid, a bit puffy, he can open it fine",
    "my 8 month old's hands tremble when she reaches, she has done it since she started reaching",
    "my 7 month old wobbles when sitting, she only started sitting this week",
    "the GP said it's irritable hip and today he's walking much better",
    "she fell off our bed but cried straight away and has been feeding happily since, 9 months",
    "hives after strawberries, gave piriton and they have gone, no swelling",
    "my son hears voices in his game on the tablet, is that normal",
    "GP felt the lump in her neck last month and said it's a lymph node",
    "is that a seizure? she flings her arms out when the door slams, happy after",
    "his chickenpox spots are scabbing over nicely",
    "the fourth day of her cold, no fever, eating fine",
]


@pytest.mark.parametrize("text", ROUND9_CALM)
def test_round9_look_alikes_are_not_escalated(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


def test_a_denied_food_explanation_explains_nothing() -> None:
    """A denied explanation ("she hasn't eaten beetroot") does not stand down blood in the wee."""
    assert rules_level("his wee looks red and he has not had any beetroot") in (
        "urgent",
        "emergency",
    )
    assert rules_level("her wee is pink after a big bowl of beetroot") not in (
        "urgent",
        "emergency",
    )


def test_not_eating_for_days_is_not_nothing_happening() -> None:
    """Not eating for days ("has not eaten anything") is not "nothing has happened"."""
    assert rules_level("has not eaten anything for 3 days and is barely drinking") == "urgent"
    assert (
        rules_level("I thought he swallowed a coin but he has not swallowed anything") != "urgent"
    )
