"""Round 16 (blind set 22: 150 ordinary messages using danger words harmlessly, 90 same-day
worries, 60 emergencies). Look-alikes had drawn 9.3% false emergencies: a tantrum called a fit,
a competition one is knocked out of, a story's drowning, an EpiPen the child only carries, a
question asked for a first aid course, a baby's age told beside a hypothetical fever. Each
mechanism is pinned with a neighbour on the other side. Rules alone (no examples' second
opinion)."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

CALM = [
    # Falling asleep is not a fall; a head slumped in sleep is a posture, not a collapse.
    "He fell asleep in the car seat with his head slumped forward, breathing fine, woke up fine",
    # A question for a course, in theory, or to be prepared.
    "Just for theory, I did a course: for a choking baby, how many back blows do you do?",
    "Is it true you should never put anything in a child's mouth during a seizure?",
    "Is the Seizure First Aid app any good? I just like being prepared.",
    "If my son swallowed one of those tiny magnets what would actually happen?",
    # The child's age told beside a hypothetical does not make the question's sign a fact.
    "If my baby ever gets a fever before 3 months, what should I do? She's 6 weeks.",
    # A story or the news.
    "My 10yo is reading a novel where a boy drowns and she's asking loads of questions",
    "I saw a news story about a baby who went floppy after being shaken",
    # A tantrum called a fit; a competition; a simile; a claim over a papercut.
    "My 3 year old has a fit every time I put his shoes on",
    "my son is having a fit over his football boots, they pinch",
    "He went limp like a noodle on the supermarket floor when I said no to sweets",
    "my son got knocked out of the tournament in the first round",
    "lol he sleeps like he's unconscious, nothing wakes him",
    "He tells everyone he's broken his finger every time he gets a papercut",
    "our 3yo keeps yelling my leg is broken when it goes to sleep from sitting cross legged",
    # An EpiPen carried, not used; broken skin is not a broken bone.
    "My son has an EpiPen for his nut allergy but hasn't needed it in years",
    "My toddler bit his brother's arm yesterday, no broken skin, just teeth marks",
    # Over: a healed wound, a spell told with its length, a fear after a healed fall, a new walker.
    "blood everywhere when he bit his lip last week lol, healed now",
    "after flu he was wobbly for a couple of days, it's long gone, running normally for months",
    "He fell off his scooter a month ago, healed nicely. Now he won't ride. How do I get his "
    "confidence back?",
    "New walker at 13 months, super wobbly, falls every few steps, gets straight back up grinning",
]


@pytest.mark.parametrize("text", CALM)
def test_round16_look_alikes_stay_below_urgent(text: str) -> None:
    assert rules_level(text) not in ("urgent", "emergency")


EMERGENCY = [
    # The calm neighbours' dangerous twins: a fit with a length, an EpiPen just given, a fit
    # told now, a child found after falling asleep who cannot be woken.
    "He had a fit about ten minutes after banging his head on the coffee table",
    "my son just had his epipen, he swelled up after a biscuit with nuts in",
    "she is having a fit right now, she has never had one before",
    "he fell asleep in the car and now I can't wake him",
    "If my baby gets a fever what should I do? She's 6 weeks and her temperature is 38.3 now",
    # ANZCOR: a spider bite with body-wide signs (funnel-web envenomation).
    "kid got bitten by a big black spider in his shoe, now his mouth is tingling, he's sweating",
]


@pytest.mark.parametrize("text", EMERGENCY)
def test_round16_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


URGENT = [
    # A lost skill in two halves, with "was riding ... fine last month" as the ability's past.
    "HE WAS RIDING HIS BIKE FINE LAST MONTH AND NOW HE CANT KEEP HIS BALANCE AT ALL, SEES DOUBLE",
    # A new tremor: "a shake in his right hand", new today.
    "Noticed a shake in his right hand today when he reaches for his cup, never had that before",
    # A hand kept in a fist now, which it used to open.
    "My 7 month old keeps her right hand in a tight fist now. She used to open it and grab toys.",
    # Twitching fingers with new dropping of things.
    "fingers twitching and he keeps dropping things since few days, he is 9",
    # Veering to one side since yesterday.
    "she keeps veering to the left when she walks since yesterday",
    # A reliever that lasts an hour (more often than every 4 hours).
    "wheezy and his inhaler only helps for an hour, he's still talking in full sentences",
    # A fever not coming down with medicine; earache with a fever of 102 F; fever and dengue.
    "my daughter is having fever since 2 days, 39 plus, not reducing with syrup",
    "my 4yo has had a fever of 102 for three days and now says his ear hurts",
    "my son is having fever with chills since 4 days and body pains, it is dengue season here",
]


@pytest.mark.parametrize("text", URGENT)
def test_round16_same_day(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")
