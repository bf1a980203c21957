"""Round 12 (blind set triage12): stand-downs for a choke the child coughed straight out, a
laugh "choked on", a first-aid manikin, a policy named after a danger, a game's knock-out, a
story's poisoning, scissors misspelt as "seizures", a baby not yet born, a newborn's sleep jerks,
grunts and short breathing pauses with the baby well, and a cold baby's blotchy skin, each
pinned with a dangerous neighbour that must still escalate; then new surface forms of existing
signs. Rules alone (no examples' second opinion), so each case tests a mechanism of
``danger_signs.yaml``."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

STOOD_DOWN = [
    # A choke the child cleared with a cough, fine since (resolution).
    "he choked on a piece of carrot on monday at lunch with his cousins, coughed it right out and"
    " has been totally fine since",
    # Choking on laughter is a figure of speech.
    "our son choked on a laugh during the tickle game, then carried on",
    # A first-aid class's manikin.
    "at the course we trained on a baby doll that was not breathing, how deep are compressions",
    # A policy or a course named after a danger.
    "got the anaphylaxis policy from nursery today, what age can he cut with a knife",
    # A knock-out in a video game.
    "he was knocked out in a computer game, his thumbs get sore on the controller",
    # A story's poisoning.
    "in the story a princess was poisoned with a needle, now she is scared of sewing",
    # Scissors misspelt as "seizures".
    "what age can she use safety seizures for craft",
    # A baby not yet born.
    "what fever is too high for a newborn, our baby is due in march",
    # Benign neonatal sleep myoclonus told with the baby well awake.
    "my 2 week old has twitches in his sleep, jerks of both arms and legs, but content and alert"
    " when awake",
    # A newborn's grunts in sleep, five words from "while asleep".
    "my newborn grunts and snorts all night while asleep, pink and gaining",
    # Short pauses in a newborn's breathing with the colour unchanged (periodic breathing).
    "short gaps in her breathing when she sleeps, then a few quick breaths, does not change"
    " colour",
    # A cold baby's skin, back to normal once warm.
    "his legs went mottled when he was undressed and cold, went pink again once wrapped up",
]


@pytest.mark.parametrize("text", STOOD_DOWN)
def test_round12_stand_downs(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


DANGEROUS_NEIGHBOURS = [
    "she choked on an apple, coughed a bit of it out but now she is wheezing and breathing fast",
    "he choked on a grape while laughing and can not breathe",
    "we practised with the dummy at first aid last week, now my son is not breathing and blue",
    "the nursery has an anaphylaxis policy, my son ate a cashew and his lips are swelling up",
    "he got knocked out playing a game of rugby",
    "in the film a girl was poisoned, now my 4 year old drank bleach and is vomiting",
    "he keeps having seizures when he is holding his cup",
    "baby was due next month but came early, she is 3 weeks old with a temperature of 38.2",
    "my baby twitches in her sleep and the jerks of her arms and legs keep going when awake",
    "my 3 week old grunts with every breath even while asleep",
    "my newborn has short pauses in her breathing when asleep and her lips go blue",
    "her skin went blotchy when she was cold and she is still floppy and hard to wake",
    "3 yo has a fever, her skin went blotchy when she got cold, hands and feet ice cold",
]


@pytest.mark.parametrize("text", DANGEROUS_NEIGHBOURS)
def test_round12_stand_downs_never_silence_a_present_danger(text: str) -> None:
    assert rules_level(text) == "emergency"


ROUND12_EMERGENCIES = [
    # Responds only to being shaken (not to voice): the round 11 "not woken up properly" concept.
    "we shook him and he just groans, he has had a temperature all day",
    # "not wake up properly" without its auxiliary.
    "my boy he not wake up properly after his sleep, very hot",
    # A fall from a terrace (a roof), blood from the nose and ear (NICE NG232, NHS head injury).
    "my daughter fell off the terrace and there is blood from her nose and ear",
    # "now he is only sleeping" after a fall from a height.
    "he fell from the roof and now he is only sleeping",
]


@pytest.mark.parametrize("text", ROUND12_EMERGENCIES)
def test_round12_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


CALM_NOT_URGENT = [
    # Another person's broken or sprained bone.
    "my nan slipped on the ice and fractured her wrist, my son wants to carry her shopping",
    # A toy's broken leg, and a story character's.
    "her dolly has a broken arm with a plaster cast she made, she is 5",
    "we watched a cartoon about a bear with a broken leg, now he wants a sling",
    # A limp copied for fun.
    "she hobbles like her grandad for a laugh",
    # Rolling given up for sitting.
    "he used to roll across the room but now he only wants to sit and play",
    # A wobble in a skill begun this week.
    "she just started taking her first steps on monday and she is very wobbly",
    # A limp told with rubbing shoes.
    "he is limping a bit since the new football boots",
]


@pytest.mark.parametrize("text", CALM_NOT_URGENT)
def test_round12_false_urgents_stand_down(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


URGENT_NEIGHBOURS = [
    "her sister sprained her ankle, now she is limping and will not put weight on her foot",
    "reading a book when he fell off the sofa, now his arm is swollen and he will not use it",
    "limps like his brother for fun but today he is crying and will not walk",
    "she used to roll both ways and now she can not sit and is floppy",
    "she just started taking steps but since yesterday she is suddenly wobbly and keeps falling",
]


@pytest.mark.parametrize("text", URGENT_NEIGHBOURS)
def test_round12_false_urgent_stand_downs_keep_a_real_worry(text: str) -> None:
    assert rules_level(text) in ("emergency", "urgent")


ROUND12_URGENT = [
    # A painful wee that smells strong (NICE NG224).
    "it burns when he pees and the smell is awful",
    # A pain that wakes the child at night (round 10's night pain).
    "my daughter keeps waking in the night with pain in her back",
    # Reduced urine output (NICE NG143 amber).
    "tummy bug since friday and she is wetting a lot less than usual",
    # An adult tooth knocked out (dental injury).
    "he knocked out two of his big front teeth on the trampoline",
    # A gaping cut (NHS cuts and grazes).
    "the cut on his knee gapes when he bends it",
]


@pytest.mark.parametrize("text", ROUND12_URGENT)
def test_round12_urgent(text: str) -> None:
    assert rules_level(text) == "urgent"
