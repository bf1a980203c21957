"""Round 11 (blind set triage11): stand-downs for a child relaxing into sleep, a newborn's
sleep jerks that stop on waking, a parent's dream, stiffness with excitement and a number of
weeks "ago", each pinned with a dangerous neighbour that must still escalate; then new surface
forms of existing signs. Rules alone (no examples' second opinion), so each case tests a
mechanism of ``danger_signs.yaml``."""

from __future__ import annotations

import pytest

from tests.support.triage_rules import rules_level

STOOD_DOWN = [
    # A child relaxing as they fall asleep.
    "my daughter is floppy as she gets drowsy in the evening, wriggly and strong all day",
    # Benign neonatal sleep myoclonus: jerks only in sleep, gone on waking.
    "my 3 week old's arms and legs keep jerking during her sleep, it goes away once i wake her",
    # What the parent dreamt.
    "i dreamt she fell down the stairs and was knocked out, how do i fit a stair gate",
    # Stiffness with excitement, like stiffness with anger (round 10).
    "his arms and legs go stiff when he is excited, laughing and kicking, 4 months",
    # A number of weeks "ago" is when, not the child's age.
    "she got a bump on her head 3 weeks ago, all fine, do i need to tell the gp",
]


@pytest.mark.parametrize("text", STOOD_DOWN)
def test_round11_stand_downs(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


DANGEROUS_NEIGHBOURS = [
    "she goes floppy when she gets tired and today we could not wake her",
    "my 10 day old is jerking his arms and legs in his sleep and it carries on when he wakes",
    "my husband dreamt about it last night, but right now she is choking on a sweet",
    "his arms go stiff when he gets excited, but today he went stiff, jerked and turned blue",
    "she is 3 weeks old and has a lump on her head after a fall",
]


@pytest.mark.parametrize("text", DANGEROUS_NEIGHBOURS)
def test_round11_stand_downs_never_silence_a_present_danger(text: str) -> None:
    assert rules_level(text) == "emergency"


ROUND11_EMERGENCIES = [
    # NHS testicle pain: sudden severe pain, told before the testicle with the age between.
    "terrible pain in my 9 yr olds testicle since lunch",
    # A blow to the testicles whose pain or swelling is still there.
    "kicked in the testicles at karate two hours ago, he is still in pain",
    # Laundry pods named with the machine; screen wash named as wiper fluid.
    "he sucked on a washer pod",
    "my son drank windshield wiper fluid from the garage",
    # NG232's basal skull fracture signs told with "both" or "round".
    "bumped his head on a cupboard, now bruising behind both ears",
    # Not fully rousable after a fall.
    "my son has not woken up properly since lunchtime, just groans",
    # NG143: 100.4 F is 38 C; a Fahrenheit reading with its decimal, or named by its site.
    "my 6 week old has 100.8 under the arm",
    "baby is 9 weeks, the thermometer said 100.5F",
]


@pytest.mark.parametrize("text", ROUND11_EMERGENCIES)
def test_round11_emergency_signs(text: str) -> None:
    assert rules_level(text) == "emergency"


ROUND11_URGENT = [
    # NICE NG18: thirst with new wetting in a child who was toilet trained.
    "he was toilet trained in the summer, now he keeps having accidents and is always thirsty",
    # NHS head injury: sick after a knock; more tired than usual in the days after.
    "whacked her forehead on the cupboard door and got sick once after that, running around now",
    "knocked his head at nursery on monday and he is more grumpy and clingy than usual since",
    # An ear discharge told after the pain, with a fever.
    "ear infection for a week, today some liquid is running out and he has a fever",
    # NHS appendicitis: a right-sided pain, walking bent over.
    "tummy hurts on the right sided low down since lunch",
    "her tummy hurts and she is walking doubled over",
    # NICE NG143 amber: less urine in a child being sick.
    "been vomiting since last night and her pee is less than normal",
    # NHS cuts: a cut that keeps coming apart.
    "the cut on her chin keeps coming apart when she talks",
    # A blow to the eye with floaters.
    "took a tennis ball to the eye at practice and now he sees floaters",
    # A swollen red penis with a painful wee (NHS balanitis, cited from memory).
    "the tip of his willy is sore and red and it hurts when he pees",
    # NHS insect bites: a large area swollen after a sting (checked through copies of its text).
    "wasp stung his foot and the swelling has gone up past his ankle",
    # Weak legs or refusing to walk after an illness (NHS Guillain-Barre; benign acute myositis).
    "since he had flu his legs feel weak, 7 years old",
    # One foot slapping down, new (foot drop).
    "for the last few days her right foot slaps down on the floor when she walks",
    # A bulging fontanelle in a calm baby: fuller than usual.
    "the soft spot on his head seems fuller than it used to be",
    # Sunsetting eyes with a head growing fast.
    "his head feels like it has grown a lot and his eyes look down all the time",
    # A young baby feeding poorly.
    "my 2 week old is feeding really poorly today",
    # Regression: was doing a task with ease, now cannot.
    "he was building towers with ease at christmas and now struggles to stack two blocks",
    # A walk that has got worse, newly.
    "his walking has gone clumsy since last week",
    # A sore hip with a limp for days.
    "painful knee and limp for 3 days, no injury",
    # Jaundice with dark wee in an older child.
    "the whites of her eyes have gone yellow and her pee looks like tea",
    # An injury told with "fine otherwise" is not over.
    "he jumped off the wall and his wrist looks bent, he is fine otherwise",
]


@pytest.mark.parametrize("text", ROUND11_URGENT)
def test_round11_same_day_signs(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")


CALM_NEIGHBOURS_OF_NEW_FORMS = [
    "she has not woken up yet from her nap, should i wake her",
    "bee sting on his arm, a small red bump, he is fine",
    "he has been toilet trained for a year and is dry at night too",
    "her eyes are hazel and her skin gets a yellow tint from carrots, she is well",
    "my 3 month old does not like tummy time and is a poor sleeper",
]


@pytest.mark.parametrize("text", CALM_NEIGHBOURS_OF_NEW_FORMS)
def test_round11_new_forms_leave_calm_neighbours_calm(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


CALM_NOT_URGENT = [
    # A wobble or tremor in a skill only just begun.
    "he is wobbly when he walks and only began 10 days ago at 13 months",
    "her arms tremble a little when she reaches, she has only just started reaching",
    # A later way of moving replacing an earlier one, or a newer tool.
    "he used to roll across the room, now he just crawls",
    "used to crawl on his belly, now he crawls on his hands and knees, has he lost something?",
    "she stopped her bottle now she is on cups, is that a regression",
    "stopped picking up peas with his fingers because he now uses a fork, regression?",
    # Over: "now totally fine", "it went in a day".
    "she had a limp after a fall at the park on saturday, it went away in a day,"
    " now completely fine",
    # A sleep change called a regression in jest.
    "used to wake in the night, now he doesn't, a nice regression",
    # Head control is not a headache.
    "she holds her head up well at 4 months, a bit wobbly when i carry her in the sling",
    # A small fruit pip swallowed.
    "my 7 year old swallowed a grape stone by accident, no problems",
    # Words the parent takes back.
    "she cannot walk today, no wait i mean she does not want to walk to nursery, she runs at home",
]


@pytest.mark.parametrize("text", CALM_NOT_URGENT)
def test_round11_false_urgents_stand_down(text: str) -> None:
    assert rules_level(text) not in ("emergency", "urgent")


URGENT_NEIGHBOURS = [
    "she only just started reaching but in the last week her right hand has gone weak",
    "she used to walk by herself, now she just sits and will not stand",
    "he was totally fine, then 3 days ago started limping and now will not walk",
    "he swallowed a peach stone and keeps drooling and retching",
    "she holds her head to one side and cannot straighten it",
    "no wait i mean she had a fit, she is shaking all over right now",
]


@pytest.mark.parametrize("text", URGENT_NEIGHBOURS)
def test_round11_false_urgent_stand_downs_keep_their_neighbours(text: str) -> None:
    assert rules_level(text) in ("urgent", "emergency")
