"""Round 14 (blind set 20, triage14): new surface forms of existing signs (a car reversing over
a child, snail bait found in the mouth, a fit told with how long it lasted, words "coming out"
funny, a "ball sack", a bat bite told passively, wet nappies counted over a day, an eye that
cannot be opened, a splash still sore after rinsing, a red streak from a cut, a fever that will
not come down, vomiting that will not stop, a limb that "looks normal but" is swollen, nothing
drunk for a day with mouth ulcers, a heart that "goes super fast", a yellow baby on day 12,
people on the TV talking about him, cola-coloured wee), each pinned with a calm neighbour that
must stay calm; and stand-downs (a request ignored, a cartoon's faint, a niece's fit, a break in
pretend play, a sleeping child carried in floppy, an expired auto-injector, a finger burnt a
tiny bit, a ball that hit a child, crawling dropped for walking, a wee that burns, a rash that
fades with the glass test, a bead stuck up the nose), each pinned with a dangerous neighbour that
must still escalate. Rules alone (no examples' second opinion), so each case tests a mechanism
of ``danger_signs.yaml``."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

ROUND14_EMERGENCIES = [
    # Run over by a reversing car (NICE NG232's dangerous mechanism, as "run over by a car").
    "reversed over by the car in the driveway, says his tummy really hurts",
    # Snail bait found in the mouth (a poison in the mouth counts as swallowed).
    "found snail bait pellets in his mouth in the shed",
    # A fit told with how long it has lasted.
    "fit over 5 mins",
    # Speech "coming out funny" with a one-sided numbness (RCPCH stroke).
    "he says he can not feel his right leg and arm and his words are coming out funny",
    # A painful swollen scrotum in plain words (testicular torsion).
    "painful swollen ball sack",
]


@pytest.mark.parametrize("text", ROUND14_EMERGENCIES)
def test_round14_emergencies(text: str) -> None:
    assert rules_level(text) == "emergency"


ROUND14_URGENT = [
    "yesterday my son was bit by a bat in the attic, tiny mark",
    "2 wet nappies since yesterday",
    "cant open sore eye",
    "wont open his eye after sand got in, crying",
    "splashed hand soap in his eye, rinsed it, still red and sore an hour later",
    "red streak from cut",
    "temp 39.5 wont come down with calpol or nurofen, 18 months, drinking ok",
    "cant stop vomiting after the fair, 7 times, tired but talks sensibly",
    "fell off bike, arm looks normal but really swollen and hurts to move",
    "mouth ulcers so bad she hasnt drunk anything for a day",
    "wee smells and stings, 6yo, no fever",
    "no wait it's his heart, it goes super fast like I can't count it, he says his chest feels"
    " funny",
    "yellow baby day 12",
    "he is scared to leave his room and saying people on the TV are talking about him",
    "wee is dark like cola, she had sore throat 2 weeks ago",
    # A fever and cough with chest pain on breathing (NHS inform pneumonia).
    "hurts his chest when he breathes in, cough and fever",
]


@pytest.mark.parametrize("text", ROUND14_URGENT)
def test_round14_urgent(text: str) -> None:
    assert rules_level(text) == "urgent"


CALM_NEIGHBOURS = [
    # A car reversing near a child, nobody hurt.
    "the car reversed over his scooter in the driveway, he was on the grass, not a scratch",
    # A hand in the mouth is not a poison.
    "he always has his hand in his mouth when teething",
    # Keeping fit is not a fit.
    "we do keep fit over 5 minutes every morning as a family",
    # Words in a muddle while learning to talk is not speech lost.
    "his words come out in a muddle when he is excited, he is 3",
    # A ball that hit a child is not a testicle.
    "she got hit by a ball at school, little red mark on her arm, no pain now",
    # A bat in the garden with no contact.
    "we saw a bat flying in the garden at dusk, the kids loved it",
    "6 wet nappies since yesterday and feeding well",
    "sore eye from the wind this morning, he opens it fine and it looks normal",
    "water got in his eye in the bath, he rubbed it and it is fine",
    "red line from the plaster on his arm, it is gone now",
    "temp came down with calpol, 38 now and playing",
    "he can not stop giggling after the fair",
    "his arm looks normal and he is using it, the bruise is small",
    "she has not drunk her milk from the cup today but had water from her bottle",
    "wee smells a bit after asparagus, no pain",
    "his heart goes fast after running round the garden, then settles",
    "yellow baby clothes for day 12 of the advent calendar",
    "he is scared of the dark",
    "wee is pale and clear",
    "he has a cough and a fever, breathing fine, eating and drinking",
]


@pytest.mark.parametrize("text", CALM_NEIGHBOURS)
def test_round14_new_forms_leave_calm_neighbours_calm(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


STOOD_DOWN = [
    "hes totally unresponsive whenever I ask him to tidy up, tips?",
    "fainted in a cartoon, explain?",
    "Peppa Pig character fainted and now my son keeps asking what fainting is, how do I explain"
    " it without scaring him?",
    "My sister's kid had a febrile convulsion last month and it freaked me out. If my son ever"
    " has one, what should I do, and when do I call 999? Also is calpol safe to alternate with"
    " nurofen?",
    "she 'broke' her arm playing hospital and bandaged teddy too",
    "fell asleep in the car and was floppy when I carried him in, woke up cheery for dinner",
    "epipen expired, how do I get a new one",
    "Burnt his finger a tiny bit touching the toast, bit pink, ran it under cold water, fine now",
    "stopped crawling, walks now",
    # Winded by a fall from play equipment, then fine: the breath knocked out, not a fall
    # from a height (blind set 20's one false emergency left on the tuning set).
    "Fell flat on his tummy off the monkey bars and got winded, couldn't get a breath for a"
    " second then howled and now he's fine and back on them. Do I need to stop him climbing?",
]


@pytest.mark.parametrize("text", STOOD_DOWN)
def test_round14_stand_downs(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


# Urgent, not an emergency: the nose-and-ear sign, a painful wee, a blanching rash.
STOOD_DOWN_TO_URGENT = [
    "something stuck in his ear, think its a bit of crayon",
    "pushed a bead up her nose and I cant get it out",
    "wee burns, fever 38.7",
    "rash spreading over his body with fever but it fades with the glass test",
]


@pytest.mark.parametrize("text", STOOD_DOWN_TO_URGENT)
def test_round14_stand_downs_to_urgent(text: str) -> None:
    assert rules_level(text) == "urgent"


DANGEROUS_NEIGHBOURS = [
    ("emergency", "he is totally unresponsive and floppy, i can not wake him"),
    ("emergency", "my son fainted at the cinema during a cartoon"),
    ("emergency", "my son had a febrile convulsion and he is still shaking"),
    ("urgent", "she broke her arm at the hospital playground and it looks bent"),
    ("emergency", "fell asleep in the car and now he is floppy and I can not wake him"),
    ("emergency", "he used his epipen after eating peanuts and his lips are swelling"),
    ("emergency", "burnt his finger a tiny bit on the oven and now it has a big blister"),
    ("emergency", "his left ball is swollen and really painful since a football hit him"),
    ("urgent", "stopped walking and only crawls now, he is 2"),
    ("emergency", "he burnt his hand on the kettle"),
    ("emergency", "rash with fever and it does not fade with the glass test"),
    ("emergency", "a bead stuck in his throat and he can not breathe"),
    ("emergency", "fell off the monkey bars and got winded, now pale and his tummy hurts"),
    ("emergency", "fell out of the window and got winded, he is fine"),
    (
        "emergency",
        "fell off the monkey bars and got winded, now he can not breathe and his lips are blue",
    ),
]


@pytest.mark.parametrize(("level", "text"), DANGEROUS_NEIGHBOURS)
def test_round14_stand_downs_keep_a_real_worry(level: str, text: str) -> None:
    assert rules_level(text) == level
